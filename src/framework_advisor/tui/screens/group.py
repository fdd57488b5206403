"""A workshop participant's view of the group's result (after the reveal), beside their own:
the group's plan, where they differ from the group and what will be discussed, in the words of
the summary, naming nobody else. Each line is a widget of its own, so a wrapped line keeps its
indent; no toast covers it."""

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
    DEFAULT_CSS = """
    GroupScreen #group { padding: 0 1; }
    GroupScreen .heading { text-style: bold; margin-top: 1; }
    GroupScreen .line { padding-left: 2; }
    """

    def __init__(self, directory: Path) -> None:
        super().__init__()
        self.directory = directory

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="group"):
            for text, kind in self._lines():
                yield Static(as_text(text), classes=kind, markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.app.clear_notifications()  # nothing over the group's result

    def _lines(self) -> list[tuple[str, str]]:
        """(text, kind) in order: headings, paragraphs and indented lines."""
        from framework_advisor.engine.index import index_for
        from framework_advisor.engine.workshop import differences
        from framework_advisor.errors import AdvisorError
        from framework_advisor.render.workshop.outline import Words, participant_view
        from framework_advisor.workshops import build_summary

        app = self.app
        kb = app.kb  # type: ignore[attr-defined]
        words = Words(kb.workshop_text, index_for(kb).short_names)
        assessment = app.assessment  # type: ignore[attr-defined]
        own_top = [item.id for item in assessment.recommendation.ranking[:3]]
        try:
            summary, _ = build_summary(kb, self.directory, minutes=60, anonymous=True)
        except AdvisorError as exc:
            return [(words("group.unavailable", reason=exc.messages()[0]), "paragraph")]
        differ = differences(kb, summary, assessment.answers)
        lines: list[tuple[str, str]] = []
        for section in participant_view(summary, words, own_top, differ):
            lines.append((section.heading, "heading"))
            lines += [(text, "paragraph") for text in section.paragraphs]
            lines += [(item.text, "line") for item in section.items]
        return lines
