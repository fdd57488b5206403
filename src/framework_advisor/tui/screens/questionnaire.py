"""One question at a time, driven entirely by questions.yaml."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Header, Static

from framework_advisor.safe_text import widget_text
from framework_advisor.tui.messages import AnswersChanged
from framework_advisor.tui.widgets.footer import KeyBar
from framework_advisor.tui.widgets.progress_line import ProgressLine
from framework_advisor.tui.widgets.question_input import QuestionInput
from framework_advisor.tui.words import say

if TYPE_CHECKING:
    from framework_advisor.domain.question import Question
    from framework_advisor.tui.app import AdvisorApp


class QuestionnaireScreen(Screen[None]):
    HELP_ID = "questionnaire"
    """Its part of the help (knowledge/help.yaml)."""
    BINDINGS = [
        Binding("escape", "back", "Back", id="questionnaire.back", tooltip="Previous question"),
        Binding("enter", "next", "Next", id="questionnaire.next", tooltip="Next question"),
        Binding(
            "ctrl+s",
            "dont_know",
            "Don't know",
            id="questionnaire.dont_know",
            tooltip="Leave this optional question unanswered",
        ),
        Binding("ctrl+r", "app.review", "Review", id="questionnaire.review", tooltip="All answers"),
        Binding("ctrl+o", "app.results", "Results", id="questionnaire.results"),
        Binding(  # before a text box's own Ctrl+E (End does that); not shown: no room at 80
            "ctrl+e", "app.export", "Export", id="questionnaire.export", show=False, priority=True
        ),
    ]

    app: AdvisorApp

    def __init__(self, question_id: str | None = None) -> None:
        super().__init__()
        self.question_id = question_id
        self._shown_version = -1
        """The answers' version when the question was drawn: answers changed elsewhere (in
        Review, say) redraw it on return."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="question-panel"):
            yield ProgressLine(id="progress")
            with VerticalScroll(id="question-body") as body:
                body.can_focus = False  # the keyboard belongs to the question's own box
                yield Static("", id="prompt")
                yield Static("", id="help")
                yield QuestionInput(self.app.kb, autofocus=True, id="input-area")
            kb = self.app.kb
            with Horizontal(id="nav"):
                yield Button(
                    say(kb, "app.question.back"),
                    id="back",
                    tooltip=say(kb, "app.question.back_tip"),
                )
                yield Button(
                    say(kb, "app.question.dont_know"),
                    id="dont-know",
                    tooltip=say(kb, "app.question.dont_know_tip"),
                )
                yield Button(
                    say(kb, "app.question.next"),
                    id="next",
                    variant="primary",
                    tooltip=say(kb, "app.question.next_tip"),
                )
        yield KeyBar()

    def on_mount(self) -> None:
        assessment = self.app.assessment
        start = self.question_id or assessment.cursor
        visible = {q.id for q in assessment.visible()}
        if start not in visible:
            first = assessment.first_question()
            start = first.id if first else None
        if start is not None:
            self.show_question(start)

    @property
    def input(self) -> QuestionInput:
        return self.query_one(QuestionInput)

    def show_question(self, question_id: str, note: str = "") -> None:
        """Show a question; ``note`` goes in the progress line ("question 3 skipped")."""
        with self.app.batch_update():  # one repaint for the whole switch
            self._show_question(question_id)
            self.query_one(ProgressLine).show(*self.app.assessment.position(question_id), note)
        self.app.question_shown()

    @property
    def ready_view(self) -> str:
        """What the served page's `data-ready` says while this screen has the keyboard."""
        return f"question:{self.question_id}"

    def _show_question(self, question_id: str) -> None:
        assessment = self.app.assessment
        question = assessment.question(question_id)
        self.question_id = question_id
        assessment.move_to(question_id)
        required = assessment.is_required(question)
        self.refresh_progress()
        prompt = Content.styled(widget_text(question.prompt), "b")
        if not required:
            prompt += Content.assemble(
                "  ", (f"({widget_text(self._why_optional(question))})", "dim")
            )
        self.query_one("#prompt", Static).update(prompt)
        self.query_one("#help", Static).update(
            Content.assemble(
                (say(self.app.kb, "app.question.why_we_ask"), "b"),
                "\n",
                widget_text(self._help(question)),
            )
        )
        self.query_one("#dont-know", Button).display = not required  # no "don't know" there
        self.query_one("#back", Button).disabled = assessment.previous_question(question_id) is None
        self.input.show(question, assessment.answers.get(question_id), assessment.answers)
        self._shown_version = assessment.version
        self.refresh_bindings()  # "Don't know" applies to optional questions only

    def _why_optional(self, question: Question) -> str:
        other = question.required_unless
        if other and other not in self.app.assessment.answers:
            prompt = self.app.assessment.question(other).prompt
            return say(self.app.kb, "app.question.or_skip", prompt=prompt)
        return say(self.app.kb, "app.question.optional")

    def _help(self, question: Question) -> str:
        """The question's help, unless it has become required in place of one left blank
        (the stage once the headcount is skipped): its help then says so."""
        assessment = self.app.assessment
        skipped = [
            q
            for q in assessment.visible()
            if q.required_unless == question.id and q.id not in assessment.answers
        ]
        if skipped and assessment.is_required(question):
            return say(self.app.kb, "app.question.now_required", prompt=skipped[0].prompt)
        return question.help

    def refresh_progress(self) -> None:
        if self.question_id is None:
            return
        self.query_one(ProgressLine).show(*self.app.assessment.position(self.question_id))

    @on(QuestionInput.Answered)
    def _answered(self, event: QuestionInput.Answered) -> None:
        self.app.set_answer(event.question_id, event.value)
        self.refresh_progress()
        if event.advance:
            self.action_next()
            self.input.let_go_keys()  # keys typed ahead belong to the question now shown

    def on_answers_changed(self, _event: AnswersChanged) -> None:
        self.refresh_progress()

    def on_screen_resume(self) -> None:
        """Back from Review or another screen: show the answers as they are now."""
        if self.question_id is None or self.app.assessment.version == self._shown_version:
            return
        visible = [q.id for q in self.app.assessment.visible()]
        if self.question_id in visible:
            self.show_question(self.question_id)
        elif visible:
            first = self.app.assessment.first_question()
            self.show_question(first.id if first else visible[0])

    @on(Button.Pressed, "#next")
    def action_next(self) -> None:
        if self.question_id is None:
            return
        assessment = self.app.assessment
        question = assessment.question(self.question_id)
        widget = self.input
        if not widget.is_valid():
            widget.focus_control()
            return
        if assessment.is_required(question) and question.id not in assessment.answers:
            if question.type == "multiple":
                how = "app.question.how.multiple"
            elif question.type in ("number", "text"):
                how = "app.question.how.typed"
            else:
                how = "app.question.how.single"
            kb = self.app.kb
            widget.show_error(say(kb, "app.question.needs_answer", how=say(kb, how)))
            widget.focus_control()
            return
        self._move_on(question)

    def _move_on(self, question: Question) -> None:
        """To the next question (or Review after the last), saying if this one was skipped."""
        assessment = self.app.assessment
        note = ""
        if question.id not in assessment.answers:
            number = assessment.position(question.id)[0]
            note = say(self.app.kb, "app.question.skipped", number=number)
        following = assessment.next_question(question.id)
        if following is None:
            self.app.action_review()
        else:
            self.show_question(following.id, note)

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        if self.question_id is None:
            return
        previous = self.app.assessment.previous_question(self.question_id)
        if previous is not None:
            self.show_question(previous.id)

    @on(Button.Pressed, "#dont-know")
    def action_dont_know(self) -> None:
        if self.question_id is None:
            return
        question = self.app.assessment.question(self.question_id)
        if self.app.assessment.is_required(question):
            self.input.show_error(say(self.app.kb, "app.question.no_dont_know"))
            return
        self.app.set_answer(self.question_id, None)
        self._move_on(question)

    def jump_to(self, question_id: str) -> None:
        self.show_question(question_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        del parameters
        if action == "dont_know" and self.question_id is not None:
            question = self.app.assessment.question(self.question_id)
            return not self.app.assessment.is_required(question)
        return True
