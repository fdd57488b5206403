"""Each framework in detail: purpose, structure, pros, cons, pitfalls, origin, fit, sources."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList
from textual.widgets.option_list import Option

from framework_advisor.safe_text import as_text
from framework_advisor.tui.widgets.footer import KeyBar
from framework_advisor.tui.widgets.framework_detail import FrameworkDetail

if TYPE_CHECKING:
    from framework_advisor.tui.app import AdvisorApp


class FrameworksScreen(Screen[None]):
    HELP_ID = "frameworks"
    """Its part of the help (knowledge/help.yaml)."""
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="frameworks.back"),
        Binding("ctrl+t", "app.compare", "Compare", id="frameworks.compare"),
        Binding("tab", "app.focus_next", "Detail", id="frameworks.detail", show=False),
    ]

    app: AdvisorApp

    def __init__(self, framework_id: str | None = None) -> None:
        super().__init__()
        self.framework_id = framework_id

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="frameworks"):
            yield OptionList(
                *[Option(as_text(f.name), id=fid) for fid, f in self.app.kb.frameworks.items()],
                id="framework-list",
            )
            with VerticalScroll(id="framework-detail"):
                yield FrameworkDetail(id="framework-text")
        yield KeyBar()

    def on_mount(self) -> None:
        menu = self.query_one("#framework-list", OptionList)
        ids = list(self.app.kb.frameworks)
        menu.highlighted = ids.index(self.framework_id) if self.framework_id in ids else 0
        menu.focus()

    @on(OptionList.OptionHighlighted, "#framework-list")
    def _show(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is None:
            return
        self.framework_id = event.option.id
        self.query_one("#framework-text", FrameworkDetail).show(self.app.kb, event.option.id)
        self.query_one("#framework-detail", VerticalScroll).scroll_home(animate=False)

    @on(OptionList.OptionSelected, "#framework-list")
    def _focus_detail(self) -> None:
        self.query_one("#framework-detail", VerticalScroll).focus()
