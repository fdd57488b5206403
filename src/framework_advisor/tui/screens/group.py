"""A workshop participant's view of the group's result (after the reveal), beside their own:
the group's plan, where they differ from the group and what will be discussed, in the words of
the summary, naming nobody else; `e` exports the anonymous summary. Each line is a widget of its own, so a wrapped line keeps its
indent; no toast covers it."""

from __future__ import annotations

import io
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from framework_advisor.safe_text import as_text


class GroupScreen(Screen[None]):
    HELP_ID = "group"
    """Its part of the help (knowledge/help.yaml)."""
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="group.back", tooltip="Back"),
        Binding("e", "export", "Export", id="group.export"),
    ]  # fmt: skip
    DEFAULT_CSS = """
    GroupScreen #group { padding: 0 1; }
    GroupScreen #group-export { padding: 0 1; height: auto; display: none; }
    GroupScreen #group-export.shown { display: block; }
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
        yield Static("", id="group-export", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.app.clear_notifications()  # nothing over the group's result

    def action_export(self) -> None:
        self._export()

    @work(exclusive=True)
    async def _export(self) -> None:
        """The summary a participant may take away: the anonymous one (never a name), built
        by ``exports`` as the CLI's `workshop summary --anonymous`; served, a download."""
        import asyncio

        from framework_advisor.errors import AdvisorError
        from framework_advisor.exports import PARTICIPANT_EXPORT, WorkshopDocuments
        from framework_advisor.tui.words import say

        app = self.app
        kb = app.kb  # type: ignore[attr-defined]
        documents = WorkshopDocuments(kb, self.directory, anonymous=True)
        export = PARTICIPANT_EXPORT
        try:
            page = await asyncio.to_thread(documents.render, export.document, export.format)
            data = page.encode() if isinstance(page, str) else page
            if app.served is not None:  # type: ignore[attr-defined]
                app.deliver_binary(
                    io.BytesIO(data), save_filename=export.file_name, mime_type="text/html"
                )
                said = say(kb, "workshop.group.sent", file=export.file_name)
            else:
                target = await asyncio.to_thread(self._write, export.file_name, data)
                said = say(kb, "workshop.group.exported", file=str(target))
        except (AdvisorError, OSError) as exc:
            reason = exc.messages()[0] if isinstance(exc, AdvisorError) else str(exc)
            said = say(kb, "workshop.group.export_failed", reason=reason)
        line = self.query_one("#group-export", Static)
        line.update(as_text(said))
        line.add_class("shown")

    def _write(self, name: str, data: bytes) -> Path:
        """Into the export screen's folder (the one last typed there, else the session's in
        the documents folder), replacing an earlier copy of this summary."""
        from framework_advisor.render.starter.safety import safe_target
        from framework_advisor.sources.atomic import write_all
        from framework_advisor.tui.screens.export import default_folder

        assessment = self.app.assessment  # type: ignore[attr-defined]
        typed = (assessment.export_folder or "").strip()
        folder = Path(typed).expanduser() if typed else default_folder(assessment.name)
        folder.mkdir(parents=True, exist_ok=True)
        target = safe_target(folder, name)
        write_all([(target, data)], force=True)
        return target

    def _lines(self) -> list[tuple[str, str]]:
        """(text, kind) in order: headings, paragraphs and indented lines."""
        from framework_advisor.engine.group_summary import differences
        from framework_advisor.engine.index import index_for
        from framework_advisor.errors import AdvisorError
        from framework_advisor.render.workshop.outline import Words, participant_view
        from framework_advisor.workshops import build_summary

        app = self.app
        kb = app.kb  # type: ignore[attr-defined]
        words = Words(kb.text, index_for(kb).short_names)
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
