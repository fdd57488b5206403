"""All answers on one screen, each editable where it stands."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Header, Label, Static

from framework_advisor.domain.question import Question
from framework_advisor.safe_text import as_text
from framework_advisor.tui.messages import AnswersChanged
from framework_advisor.tui.widgets.footer import KeyBar
from framework_advisor.tui.widgets.question_input import QuestionInput
from framework_advisor.tui.words import say

if TYPE_CHECKING:
    from framework_advisor.tui.app import AdvisorApp


def answer_text(question: Question, answers: dict[str, Any]) -> str:
    if question.id not in answers:
        return "—"
    return question.label_of(answers[question.id])


class AnswersTable(DataTable[Any]):
    """The answers, one a row: Home and End go to the first and the last answer (a row
    cursor has no columns to move along)."""

    BINDINGS = [
        Binding("home", "first_row", "First", id="review.first", show=False),
        Binding("end", "last_row", "Last", id="review.last", show=False),
    ]

    def action_first_row(self) -> None:
        if self.row_count:
            self.move_cursor(row=0)

    def action_last_row(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.row_count - 1)


class ReviewScreen(Screen[None]):
    HELP_ID = "review"
    """Its part of the help (knowledge/help.yaml)."""
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="review.back"),
        Binding("enter", "edit", "Edit", id="review.edit", tooltip="Change this answer"),
        Binding("ctrl+o", "app.results", "Results", id="review.results"),
        Binding("ctrl+e", "app.export", "Export", id="review.export"),
    ]

    app: AdvisorApp

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="review"):
            yield Static(
                as_text(say(self.app.kb, "app.review.title"), "bold"), classes="screen-title"
            )
            yield Static("", id="review-status")
            yield AnswersTable(id="review-table", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        self.reload()  # the columns share the width; long answers wrap instead of being cut

    def reload(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        question_width, answer_width = _column_widths(table.size.width or self.app.size.width)
        table.clear(columns=True)
        table.add_column("#", key="number", width=2)
        kb = self.app.kb
        table.add_column(say(kb, "app.review.col.question"), key="question", width=question_width)
        table.add_column(say(kb, "app.review.col.answer"), key="answer", width=answer_width)
        assessment = self.app.assessment
        for number, question in enumerate(assessment.visible(), start=1):
            table.add_row(
                as_text(number),
                as_text(question.prompt),
                as_text(answer_text(question, assessment.answers)),
                key=question.id,
                height=None,  # as many lines as the longest cell needs
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        missing = assessment.missing_required()
        status = (
            Text.assemble(
                as_text(say(self.app.kb, "app.review.still_needed"), "bold"),
                " ",
                as_text(", ".join(q.label for q in missing)),
            )
            if missing
            else as_text(say(self.app.kb, "app.review.all_answered"))
        )
        self.query_one("#review-status", Static).update(status)

    def on_answers_changed(self, _event: AnswersChanged) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    @on(DataTable.RowSelected)
    def action_edit(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return
        question_id = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        self.app.push_screen(EditAnswer(question_id))


class EditAnswer(ModalScreen[None]):
    """One answer edited over the review: the same control as in the questionnaire."""

    BINDINGS = [Binding("escape", "dismiss", "Done", id="edit.done")]

    app: AdvisorApp

    def __init__(self, question_id: str) -> None:
        super().__init__()
        self.question_id = question_id

    def compose(self) -> ComposeResult:
        assessment = self.app.assessment
        question = assessment.question(self.question_id)
        with Vertical(classes="dialog wide"):
            yield Label(as_text(question.prompt), classes="dialog-title")
            yield QuestionInput(
                self.app.kb,
                question,
                assessment.answers.get(question.id),
                autofocus=True,
                others=assessment.answers,
            )
            with Horizontal(classes="dialog-buttons"):
                kb = self.app.kb
                required = assessment.is_required(question)
                yield Button(say(kb, "app.review.clear"), id="clear", disabled=required)
                yield Button(say(kb, "app.review.done"), id="done", variant="primary")

    @on(QuestionInput.Answered)
    def _answered(self, event: QuestionInput.Answered) -> None:
        self.app.set_answer(event.question_id, event.value)
        if event.advance:
            self.dismiss()

    @on(Button.Pressed, "#clear")
    def _clear(self) -> None:
        self.app.set_answer(self.question_id, None)
        self.dismiss()

    @on(Button.Pressed, "#done")
    def _done(self) -> None:
        if self.query_one(QuestionInput).is_valid():
            self.dismiss()


def _column_widths(width: int) -> tuple[int, int]:
    """Question and answer widths: what is left of ``width`` after the number column, the cell
    padding and the scroll bar, shared 11 to 9."""
    room = max(30, width - 12)
    question = room * 11 // 20
    return question, room - question
