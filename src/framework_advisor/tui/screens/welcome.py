"""Start a new assessment, continue a saved one, open an answers file, browse frameworks."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from framework_advisor.safe_text import as_text
from framework_advisor.tui.screens.dialogs import AskText
from framework_advisor.tui.widgets.footer import KeyBar
from framework_advisor.tui.words import say

if TYPE_CHECKING:
    from framework_advisor.domain.answers import Answers
    from framework_advisor.domain.knowledge import KnowledgeBase
    from framework_advisor.tui.app import AdvisorApp


class WelcomeScreen(Screen[None]):
    HELP_ID = "welcome"
    """Its part of the help (knowledge/help.yaml)."""
    BINDINGS = [
        Binding("n", "new", "New", id="welcome.new", tooltip="Start a new assessment"),
        Binding("c", "continue", "Continue", id="welcome.continue", tooltip="The latest session"),
        Binding("s", "sessions", "Sessions", id="welcome.sessions", tooltip="Saved sessions"),
        Binding("f", "app.frameworks", "Frameworks", id="welcome.frameworks"),
        Binding("g", "app.goals", "Check goals", id="welcome.goals", tooltip="Check written goals"),
    ]

    app: AdvisorApp

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="welcome"):
            yield Static(as_text(say(self.app.kb, "app.welcome.title"), "bold"), id="welcome-title")
            yield Static(say(self.app.kb, "app.welcome.intro"), id="welcome-intro")
            yield OptionList(id="welcome-menu")
            yield Static("", id="welcome-where")
            hint = self.app.kb.help_entry("hint")
            yield Static(as_text(hint.title if hint else ""), id="welcome-help")
        yield KeyBar()

    def on_mount(self) -> None:
        self.refresh_menu()

    def on_screen_resume(self) -> None:
        self.refresh_menu()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only keys that work here are shown: Continue needs a saved session, Sessions a
        local session folder."""
        del parameters
        store = self.app.store
        if action == "continue":
            return store is not None and store.most_recent() is not None
        if action == "sessions":
            return store is not None and self.app.served is None
        return True

    def refresh_menu(self) -> None:
        menu = self.query_one("#welcome-menu", OptionList)
        was = menu.highlighted_option.id if menu.highlighted_option is not None else None
        menu.clear_options()
        store = self.app.store
        served = self.app.served is not None
        kb = self.app.kb
        options = [Option(say(kb, "app.welcome.new"), id="new")]
        latest = store.most_recent() if store else None
        if store and latest:
            shown = store.display_name(latest)
            options.append(
                Option(as_text(say(kb, "app.welcome.continue", name=shown)), id="continue")
            )
        if store and not served:
            count = len(store.names())
            options.append(Option(say(kb, "app.welcome.sessions", count=count), id="sessions"))
            options.append(Option(say(kb, "app.welcome.open"), id="open"))
        options += [
            Option(say(kb, "app.welcome.browse"), id="frameworks"),
            Option(say(kb, "app.welcome.compare"), id="compare"),
            Option(say(kb, "app.welcome.goals"), id="goals"),
            Option(say(kb, "app.welcome.quit"), id="quit"),
        ]
        menu.add_options(options)
        ids = [option.id for option in options]
        # back from a dialog (a failed "Open an answers file", say): the cursor stays put
        menu.highlighted = ids.index(was) if was in ids else (1 if latest else 0)
        where = (
            say(kb, "app.welcome.where", folder=str(store.folder)) if store and not served else ""
        )
        self.query_one("#welcome-where", Static).update(as_text(where))
        menu.focus()
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#welcome-menu")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id
        if choice == "new":
            self.action_new()
        elif choice == "continue":
            self.action_continue()
        elif choice == "sessions":
            self.action_sessions()
        elif choice == "open":
            self.open_answers_file()
        elif choice == "frameworks":
            self.app.action_frameworks()
        elif choice == "compare":
            self.app.action_compare()
        elif choice == "goals":
            self.app.action_goals()
        elif choice == "quit":
            self.app.exit()

    @work
    async def action_new(self) -> None:
        store = self.app.store
        if self.app.served is not None:  # never shown when served; and never wipe a session
            return
        default = f"assessment-{date.today().isoformat()}"
        kb = self.app.kb
        dialog = AskText(say(kb, "app.welcome.new"), say(kb, "app.welcome.name_it"), default)
        name = await self.app.push_screen_wait(dialog)
        if name is None:
            return
        if store is None:
            self.app.start_assessment(name, title=name)
            return
        stem = store.stem_for(name)
        if store.exists(stem):  # the same name typed again: that session, not a second one
            self.app.notify(say(kb, "app.welcome.exists", name=name), markup=False)
            self.app.continue_session(store.load(stem, self.app.kb))
            return
        self.app.start_assessment(stem, title=name)
        if stem != name:
            self.app.notify(
                say(kb, "app.welcome.saved_as", stem=stem, name=name),
                timeout=10,
                markup=False,
            )

    def action_continue(self) -> None:
        store = self.app.store
        latest = store.most_recent() if store else None
        if store is None or latest is None:
            self.app.notify(say(self.app.kb, "app.welcome.no_session"), markup=False)
            return
        self.app.continue_session(store.load(latest, self.app.kb))

    def action_sessions(self) -> None:
        if self.app.served is not None or self.app.store is None:
            return
        from framework_advisor.tui.screens.sessions import SessionsScreen

        self.app.push_screen(SessionsScreen())

    @work
    async def open_answers_file(self) -> None:
        from framework_advisor.errors import AdvisorError
        from framework_advisor.tui.launch import session_from_file

        opened: list[tuple[str, Answers, list[str]]] = []
        kb = self.app.kb

        def check(text: str) -> str | None:
            """The file read, or what is wrong with it: the dialog keeps the path typed."""
            path = Path(text).expanduser()
            if not path.is_file():
                return missing_file(kb, path)
            try:
                opened.append(session_from_file(self.app.kb, self.app.store, path))
            except AdvisorError as exc:
                return str(exc)
            return None

        dialog = AskText(
            say(kb, "app.welcome.open"),
            say(kb, "app.welcome.open_path"),
            placeholder=say(kb, "app.welcome.open_example"),
            check=check,
        )
        text = await self.app.push_screen_wait(dialog)
        if text is None or not opened:
            return
        name, answers, notices = opened[-1]
        for notice in notices:
            self.app.notify(notice, severity="warning", timeout=10, markup=False)
        self.app.start_assessment(name, answers)


def missing_file(kb: KnowledgeBase, path: Path) -> str:
    """No such file, and the nearest names in its folder ("did you mean startup.yaml")."""
    import difflib

    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        return say(kb, "app.welcome.no_folder", folder=str(folder))
    try:
        names = [p.name for p in folder.iterdir() if p.is_file()]
    except OSError:
        names = []
    close = difflib.get_close_matches(path.name, names, n=2, cutoff=0.6)
    if not close:
        return say(kb, "app.welcome.no_file", path=str(path))
    return say(kb, "app.welcome.no_file_near", path=str(path), names=close)
