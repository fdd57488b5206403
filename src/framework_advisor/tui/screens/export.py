"""Export the answers and the recommendation, in the formats of the shared registry."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from framework_advisor.domain.text import Catalogue, Message, message
from framework_advisor.errors import AdvisorError
from framework_advisor.exports import EXPORTS, Export, export_files, today_from_env
from framework_advisor.render.starter.safety import safe_file_name, safe_target
from framework_advisor.safe_text import as_text
from framework_advisor.tui.screens.dialogs import Confirm

if TYPE_CHECKING:
    from framework_advisor.domain.goals import GoalReview
    from framework_advisor.domain.question import Question
    from framework_advisor.tui.app import AdvisorApp


def default_folder(session: str | None) -> Path:
    """A folder named after the session in the user's documents folder."""
    from framework_advisor.paths import documents_dir

    return documents_dir() / safe_file_name(session or "assessment")


Say = Callable[[Message], str]
"""A catalogue's ``say``: a message in its words."""

SHOWN_NAMES = 4
"""How many existing files the overwrite question names: its buttons stay in view at 80x24."""


def _already_there(say: Say, existing: list[str], folder: Path) -> str:
    """ "16 files already exist in FOLDER (4 shown):" and the first names, one a line."""
    shown = existing[:SHOWN_NAMES]
    more = len(existing) - len(shown)
    head = (
        say(
            message(
                "app.export.exist_some", count=len(existing), folder=str(folder), shown=len(shown)
            )
        )
        if more
        else say(message("app.export.exist", count=len(existing), folder=str(folder)))
    )
    tail = [say(message("app.export.more", more=more))] if more else []
    return "\n".join([head, *shown, *tail])


def _zipped(files: list[tuple[str, str | bytes]], name: str, day: date) -> tuple[bytes, str]:
    """The files as one zip archive, named after the participant and the day."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file_name, content in files:
            archive.writestr(file_name, content)
    return buffer.getvalue(), f"{safe_file_name(name)}-{day.isoformat()}.zip"


def _missing_text(say: Say, missing: list[Question]) -> str:
    """Why only the answers file can be saved: the required questions not answered yet."""
    labels = [message("app.quoted", text=q.label) for q in missing]
    return say(message("app.export.missing", questions=labels))


def _goals(
    text: str | None, chosen: list[Export], file: str, words: Catalogue
) -> GoalReview | None:
    """The checker's goals for the report's appendix (under the heading ``file``), when a
    report is among the files."""
    if text is None or not any(export.document == "report" for export in chosen):
        return None
    from framework_advisor.goal_review import review_text

    return review_text(text, file=file, words=words)


class TickBox(Checkbox):
    """A checkbox that looks ticked by its shape, not only its colour: ✓ or blank."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "✓" if self.value else " "
        return super()._button


class ExportScreen(ModalScreen[None]):
    HELP_ID = "export"
    """Its part of the help (knowledge/help.yaml)."""
    BINDINGS = [Binding("escape", "dismiss", "Close", id="export.close")]

    app: AdvisorApp

    def compose(self) -> ComposeResult:
        served = self.app.served is not None
        assessment = self.app.assessment
        ticked = assessment.export_ticked
        with Vertical(classes="dialog wide", id="export"):
            yield Label(self._words("app.export.title"), classes="dialog-title")
            if served:
                yield Static(self._words("app.export.served"), classes="dim")
            else:
                yield Static(self._words("app.export.folder"))
                folder = assessment.export_folder or str(default_folder(assessment.name))
                yield Input(folder, id="folder")
            missing = assessment.missing_required()
            for index, export in enumerate(EXPORTS):
                held = bool(missing) and export.document != "answers"
                yield TickBox(
                    export.label,
                    value=False if held else ticked.get(export.label, export.ticked),
                    compact=True,
                    disabled=held,
                    id=f"export-{index}",
                )
            if self.app.goals_text is not None:
                yield Static(self._words("app.export.goals"), classes="dim", id="export-goals")
            said = _missing_text(self.app.kb.text.say, missing) if missing else ""
            yield Static(as_text(said), id="export-result")
            with Horizontal(classes="dialog-buttons"):
                if missing:
                    yield Button(self._words("app.export.answer_it"), id="answer-missing")
                yield Button(self._words("app.export.close"), id="close")
                yield Button(self._words("app.export.go"), id="go", variant="primary")

    def on_mount(self) -> None:
        if self.app.served is None:
            self.query_one("#folder", Input).focus()
        else:
            self.query_one("#go", Button).focus()

    @on(Checkbox.Changed)
    def _ticked(self, event: Checkbox.Changed) -> None:
        if not event.checkbox.disabled:  # held back for a missing answer: not the user's tick
            self.app.assessment.export_ticked[str(event.checkbox.label)] = event.value

    @on(Button.Pressed, "#answer-missing")
    def _answer_missing(self) -> None:
        missing = self.app.assessment.missing_required()
        self.dismiss()
        if missing:
            self.app.open_questionnaire(missing[0].id)

    @on(Input.Changed, "#folder")
    def _folder_changed(self, event: Input.Changed) -> None:
        self.app.assessment.export_folder = event.value

    @on(Input.Submitted, "#folder")
    def _folder_entered(self) -> None:
        self.export()

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss()

    def _chosen(self) -> list[int]:
        return [
            i
            for i in range(len(EXPORTS))
            if (box := self.query_one(f"#export-{i}", Checkbox)).value and not box.disabled
        ]

    @on(Button.Pressed, "#go")
    @work(exclusive=True)
    async def export(self) -> None:
        import asyncio

        assessment = self.app.assessment
        chosen = [EXPORTS[i] for i in self._chosen()]
        if not chosen:
            self._say(self._words("app.export.choose"))
            return
        folder: Path | None = None
        if self.app.served is None:
            typed = self.query_one("#folder", Input).value.strip()
            folder = Path(typed).expanduser() if typed else default_folder(assessment.name)
            if folder.exists() and not folder.is_dir():
                self._say(self._words("app.export.not_a_folder"), folder)
                return
        name = assessment.name or "assessment"
        answers = dict(assessment.answers)
        self._say(self._words("app.export.preparing"))
        go = self.query_one("#go", Button)
        pressed = self.focused is go  # a disabled button loses the focus: give it back
        go.disabled = True
        try:
            goals_text = self.app.goals_text
            goals_file = self.app.goals_file or self._words("app.export.goals_file")
            files = await asyncio.to_thread(
                lambda: export_files(
                    chosen,
                    self.app.kb,
                    name,
                    answers,
                    now=self.app.today,
                    goals=_goals(goals_text, chosen, goals_file, self.app.kb.text),
                )
            )
        except AdvisorError as exc:
            self._say(self._words("app.export.could_not_prepare"), exc)
            return
        finally:
            go.disabled = False
            if pressed:
                go.focus()
        if folder is None:  # served: one download (a browser blocks all but the first)
            bundle, bundle_name = _zipped(files, name, self.app.today or today_from_env())
            self.app.deliver_binary(
                io.BytesIO(bundle), save_filename=bundle_name, mime_type="application/zip"
            )
            self._say(
                self._words("app.export.sent", name=bundle_name, count=len(files)),
                ", ".join(f for f, _ in files),
            )
            return
        existing = [f for f, _ in files if folder.is_dir() and (folder / f).exists()]
        if existing:
            sure = await self.app.push_screen_wait(
                Confirm(
                    self._words("app.export.overwrite_title"),
                    _already_there(self.app.kb.text.say, existing, folder),
                    yes=self._words("app.export.overwrite"),
                )
            )
            if not sure:
                self._say(self._words("app.export.nothing_written"))
                return
        from framework_advisor.sources.atomic import write_all

        written = [file_name for file_name, _ in files]
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._say(
                self._words("app.export.could_not_create"), f"{folder}: {exc.strerror or exc}"
            )
            return
        try:  # all the files or none; overwriting only what the user agreed to
            targets = [(safe_target(folder, name), content) for name, content in files]
            write_all(targets, force=bool(existing))
        except AdvisorError as exc:
            self._say(self._words("app.export.could_not_write"), exc)
            return
        self._say(
            self._words("app.export.wrote", count=len(written)),
            self._words("app.export.wrote_where", folder=str(folder), files=written),
        )

    def _words(self, message_id: str, **params: Any) -> str:
        """A sentence of the catalogue (knowledge/text/en.yaml, ``app.export.*``)."""
        return self.app.kb.text.say(message(message_id, **params))

    def _say(self, message: str, detail: object = None) -> None:
        """``message`` (in bold when a ``detail`` follows), then the detail: a path, a file
        name or an error, shown as written."""
        result = self.query_one("#export-result", Static)
        if detail is None:
            result.update(as_text(message))
        else:
            result.update(Text.assemble(as_text(message, "bold"), " ", as_text(detail)))
        self.call_after_refresh(result.scroll_visible, animate=False)
