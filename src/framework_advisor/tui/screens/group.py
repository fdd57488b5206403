"""A workshop participant's view of the group's result (after the reveal), beside their own."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from framework_advisor.safe_text import as_text


class GroupScreen(Screen[None]):
    HELP_ID = "group"
    """Its part of the help (knowledge/help.yaml)."""
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="group.back", tooltip="Back")]

    def __init__(self, directory: Path) -> None:
        super().__init__()
        self.directory = directory

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="group"):
            yield Static(as_text(self._text()), id="group-summary")
        yield Footer()

    def _text(self) -> str:
        from framework_advisor.errors import AdvisorError
        from framework_advisor.render.workshop import text_summary
        from framework_advisor.workshops import build_summary

        app = self.app
        kb = app.kb  # type: ignore[attr-defined]
        names = {fid: f.name for fid, f in kb.frameworks.items()}
        mine = app.assessment.recommendation  # type: ignore[attr-defined]
        own = "Your top three: " + ", ".join(item.name for item in mine.ranking[:3])
        own += "\nYour mix: " + (
            ", ".join(names.get(m.framework, m.framework) for m in mine.mix) or "none yet"
        )
        try:
            summary, _ = build_summary(kb, self.directory, minutes=60, anonymous=True)
        except AdvisorError as exc:
            return f"{own}\n\nThe group's result cannot be shown: {exc}"
        return f"{own}\n\nThe group (names hidden)\n\n" + text_summary(summary, names)
