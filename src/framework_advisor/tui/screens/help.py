"""Help (`?` or F1): the keys of the screen it was opened from, the keys of every screen and
what each screen does. The words are the knowledge base's (`knowledge/help.yaml`); the keys are
read from the screen's own bindings, so a key added there shows here without an edit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from framework_advisor.safe_text import widget_text
from framework_advisor.tui.keys import key_words

if TYPE_CHECKING:
    from framework_advisor.domain.knowledge import KnowledgeBase

INTRO, HINT, KEYS_HERE, KEYS_EVERYWHERE, SCREENS = (
    "help", "hint", "keys_here", "keys_everywhere", "screens"
)  # fmt: skip
"""The help's own parts in help.yaml; every other entry is a screen's (its `HELP_ID`)."""
OWN_PARTS = (INTRO, HINT, KEYS_HERE, KEYS_EVERYWHERE, SCREENS)
OURS = "framework_advisor."


class KeyHelp(NamedTuple):
    keys: str
    """The keys as the footer draws them, several joined ("? / F1")."""
    what: str
    everywhere: bool


def screen_keys(app: App[Any], screen: Screen[Any]) -> list[KeyHelp]:
    """The keys that work on ``screen`` now, shown or not: the screen's (also those a text
    box takes over, such as Enter for Next), our widgets' and our app's. Textual's own editing
    and scrolling keys are left out: every box has them."""
    found: dict[tuple[bool, str], tuple[list[str], str]] = {}

    def add(node: object, binding: Binding, tooltip: str) -> None:
        what = _what(app, binding, tooltip)
        if not what:
            return
        everywhere = node is app
        keys, _ = found.setdefault((everywhere, binding.action), ([], what))
        shown = app.get_key_display(binding)
        if shown not in keys:
            keys.append(shown)

    for node, binding, enabled, tooltip in screen.active_bindings.values():
        if enabled and _ours(node, binding):
            add(node, binding, tooltip)
    for binding in _declared(type(screen)):
        if screen.check_action(binding.action, ()) is not False:
            add(screen, binding, "")
    return [
        KeyHelp(" / ".join(keys), what, everywhere)
        for (everywhere, _), (keys, what) in found.items()
    ]


def _ours(node: object, binding: Binding) -> bool:
    """A binding one of our classes declares (a screen's, a widget's or the app's)."""
    return binding.action in _our_actions(type(node))


def _our_actions(kind: type) -> set[str]:
    return {binding.action for binding in _declared(kind)}


def _declared(kind: type) -> list[Binding]:
    """The bindings our classes in ``kind``'s ancestry declare, one per key (a subclass's
    first); a key list such as "up,k" counts as its first key."""
    declared: dict[str, Binding] = {}
    for cls in kind.__mro__:
        if not cls.__module__.startswith(OURS):
            continue
        for entry in cls.__dict__.get("BINDINGS", ()):
            binding = entry if isinstance(entry, Binding) else Binding(*entry)
            declared.setdefault(binding.key.split(",")[0], binding)
    return list(declared.values())


def _what(app: App[Any], binding: Binding, tooltip: str) -> str:
    description, tip = key_words(app, binding)
    if tooltip and tooltip != binding.tooltip:  # a tooltip given by the node itself
        tip = tooltip
    if description and tip and tip.lower() != description.lower():
        return f"{description}: {tip}"
    return description or tip


def help_content(kb: KnowledgeBase, screen_help: str | None, keys: list[KeyHelp]) -> Content:
    """The help as literal text (a pack's words are never markup)."""

    def styled(text: str, style: str = "") -> Content:
        return Content.styled(widget_text(text), style)

    out: list[Content] = []

    def part(entry_id: str, titled: bool = True) -> None:
        entry = kb.help_entry(entry_id)
        if entry is None:
            return
        out.extend([styled(entry.title, "bold $accent")] if titled else [])
        out.extend([styled(entry.text)] if entry.text else [])

    def key_lines(everywhere: bool) -> list[Content]:
        rows = [k for k in keys if k.everywhere is everywhere]
        width = max((len(k.keys) for k in rows), default=0)
        return [styled(f"{k.keys:<{width}}  ", "bold") + styled(k.what) for k in rows]

    part(INTRO, titled=False)  # the dialog's title says "Help"
    if screen_help is not None:
        out.append(Content(""))
        part(screen_help)
    for heading, everywhere in ((KEYS_HERE, False), (KEYS_EVERYWHERE, True)):
        lines = key_lines(everywhere)
        if lines:
            out.append(Content(""))
            part(heading)
            out.extend(lines)
    others = [e for e in kb.help if e.id not in OWN_PARTS and e.id != screen_help]
    if others:
        out.append(Content(""))
        part(SCREENS)
        for entry in others:
            out.extend([Content(""), styled(entry.title, "bold"), styled(entry.text)])
    return Content("\n").join(out)


class HelpScreen(ModalScreen[None]):
    """The help over the screen it was opened from; Esc, ? or F1 closes it (F1: the app's)."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="help.close"),
        Binding("question_mark", "dismiss", "Close", id="help.close_again", show=False),
    ]

    def __init__(self, kb: KnowledgeBase, screen_help: str | None, keys: list[KeyHelp]) -> None:
        super().__init__()
        self.kb = kb
        self.screen_help = screen_help
        self.keys = keys

    def compose(self) -> ComposeResult:
        entry = self.kb.help_entry(INTRO)
        with Vertical(classes="dialog", id="help-dialog"):
            yield Label(widget_text(entry.title if entry else ""), classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(help_content(self.kb, self.screen_help, self.keys), id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-scroll", VerticalScroll).focus()
