"""The input for one question, built from its type in questions.yaml: no code per question.

One widget serves every question: it keeps a choice list (single, yes/no and multiple choice)
and a text box alive and shows the one the question needs, so moving between questions mounts
nothing."""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Input, OptionList, Static

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.question import Question
from framework_advisor.engine.answers import parse_answer
from framework_advisor.errors import AnswersError
from framework_advisor.safe_text import as_text, terminal_text
from framework_advisor.tui.widgets.choice_list import ChoiceList
from framework_advisor.tui.words import say

YES, NO = "yes", "no"
HOLD_SECONDS = 0.5
"""Longest that keys typed after Enter wait for the next question (then they are let go)."""


class HoldsTypeAhead:
    """Once Enter submits an answer, the keys that follow are held, not applied to the answer
    just given: the questionnaire lets them go (`let_go`) once the next question is shown,
    so "Org-Y⏎120⏎" arriving in one burst answers two questions. A timer lets held keys go
    if nothing moves on (the answer was refused, say)."""

    _held: list[events.Key] | None = None
    _hold_generation = 0

    async def _on_key(self, event: events.Key) -> None:
        if self._held is not None:
            event.stop()
            event.prevent_default()
            self._held.append(event)
            return
        if event.key == "enter":
            self._held = []
            self._hold_generation += 1
            generation = self._hold_generation
            self.set_timer(HOLD_SECONDS, lambda: self._timeout(generation))  # type: ignore[attr-defined]
        # Not held: Textual goes on to the base classes' own key handlers (it walks the MRO).

    def _timeout(self, generation: int) -> None:
        if generation == self._hold_generation:
            self.let_go()

    def let_go(self) -> None:
        """Replay the held keys, in order, as if just typed: the app hands them to the
        control in focus (the next question's, or this one's)."""
        from framework_advisor.tui.messages import replay_keys

        held, self._held = self._held, None
        replay_keys(self.app, held or [])  # type: ignore[attr-defined]


class AnswerInput(HoldsTypeAhead, Input):
    """The text box of number and text questions."""

    def _on_paste(self, event: events.Paste) -> None:
        """A pasted line goes in as usual; with several lines, each line break is an Enter
        and what follows answers the next questions (a plain Input keeps the first line)."""
        if "\n" not in event.text.rstrip("\r\n") and "\r" not in event.text.rstrip("\r\n"):
            return  # one line: Input's own handler inserts it
        event.stop()
        event.prevent_default()
        from textual.keys import _character_to_key

        for character in event.text.replace("\r\n", "\n").replace("\r", "\n"):
            key = "enter" if character == "\n" else _character_to_key(character)
            typed = events.Key(key, None if character == "\n" else character)
            typed.set_sender(self.app)
            self.app.post_message(typed)


class AnswerChoices(HoldsTypeAhead, ChoiceList):
    """The list of choice and yes/no questions."""


class QuestionInput(Vertical):
    """Shows the right control for a question and reports answers up as messages."""

    DEFAULT_CSS = """
    QuestionInput { height: auto; }
    QuestionInput ChoiceList { height: auto; max-height: 14; }
    QuestionInput .error { color: $error; height: auto; padding: 0 1; }
    """

    class Answered(Message):
        """A new value (None: cleared). ``advance``: the user also asked to move on."""

        def __init__(self, question_id: str, value: Any, advance: bool) -> None:
            self.question_id = question_id
            self.value = value
            self.advance = advance
            super().__init__()

    def __init__(
        self,
        kb: KnowledgeBase,
        question: Question | None = None,
        value: Any = None,
        *,
        autofocus: bool = False,
        others: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.kb = kb
        self.question = question
        self.value = value
        self.autofocus = autofocus
        self.others: dict[str, Any] = dict(others or {})
        self._filling = False

    def compose(self) -> ComposeResult:
        yield AnswerChoices(id="choice")
        yield AnswerInput(id="text")
        yield Static("", classes="error", id="error")

    def on_mount(self) -> None:
        if self.question is not None:
            self.show(self.question, self.value, self.others)

    @property
    def control(self) -> ChoiceList | Input:
        if self.question is None or self.question.type in ("number", "text"):
            return self.query_one("#text", Input)
        return self.query_one("#choice", ChoiceList)

    def show(self, question: Question, value: Any, others: dict[str, Any] | None = None) -> None:
        """Switch to another question (or refresh this one) without mounting widgets.
        ``others``: the answers so far, for the checks across questions (team within headcount)."""
        self.question, self.value = question, value
        if others is not None:
            self.others = {k: v for k, v in others.items() if k != question.id}
        self._filling = True
        choice = self.query_one("#choice", ChoiceList)
        text = self.query_one("#text", Input)
        choice.display = question.type in ("single", "yes_no", "multiple")
        text.display = question.type in ("number", "text")
        self.set_class(choice.display, "-choices")  # app.tcss: the list takes the room left
        if question.type == "yes_no":
            chosen = [] if value is None else [YES if value else NO]
            said = [(YES, say(self.kb, "app.input.yes")), (NO, say(self.kb, "app.input.no"))]
            choice.set_choices(said, chosen, multiple=False)
        elif question.type in ("single", "multiple"):
            multiple = question.type == "multiple"
            chosen = list(value or []) if multiple else ([] if value is None else [value])
            offered = question.offered(self.others)  # drawn from another answer, if so
            choice.set_choices([(o.value, o.label) for o in offered], chosen, multiple)
        else:
            text.value = "" if value is None else str(value)
            text.placeholder = terminal_text(question.placeholder or "")  # shown literally
            text.suggester = None
            suggestion = self._suggestion(question)
            if suggestion and not text.value:  # offered, never saved unless taken
                text.suggester = SuggestFromList([suggestion], case_sensitive=False)
                text.placeholder = terminal_text(
                    say(self.kb, "app.input.suggestion", suggestion=suggestion)
                )
            text.cursor_position = len(text.value)
        self.show_error("")
        self._filling = False
        if self.autofocus:
            self.control.focus()

    def _suggestion(self, question: Question) -> str | None:
        """The session's name, offered for the organisation's (a session is usually named
        after the client); None for any other question."""
        if question.id != "organisation" or question.type != "text":
            return None
        name = getattr(getattr(self.app, "assessment", None), "display_name", None)
        if not isinstance(name, str) or not name.strip() or name.startswith("assessment-"):
            return None  # no name, or the dated default one: no client's name to offer
        return name

    def focus_control(self) -> None:
        self.control.focus()

    def let_go_keys(self) -> None:
        """Keys typed after the last Enter go to the control now shown (the next question's,
        or this one's if the answer was refused)."""
        self.query_one("#text", AnswerInput).let_go()
        self.query_one("#choice", AnswerChoices).let_go()

    def show_error(self, message: str) -> None:
        error = self.query_one("#error", Static)
        error.update(as_text(message))  # it may quote what was typed: never markup
        if message:
            self.call_after_refresh(error.scroll_visible, animate=False)

    # choices ---------------------------------------------------------------------------
    @on(OptionList.OptionSelected, "#choice")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.question is None:
            return
        option_id = event.option.id
        value: Any = option_id == YES if self.question.type == "yes_no" else option_id
        self.value = value  # the screen moves on and redraws the list, marker included
        self.post_message(self.Answered(self.question.id, value, advance=True))

    @on(ChoiceList.Toggled, "#choice")
    def _toggled(self, event: ChoiceList.Toggled) -> None:
        event.stop()
        if self.question is None:
            return
        self.value = list(event.choice_list.chosen) or None
        self.post_message(self.Answered(self.question.id, self.value, advance=False))

    @on(ChoiceList.Submit, "#choice")
    def _submit_choices(self, event: ChoiceList.Submit) -> None:
        event.stop()
        if self.question is not None:
            self.post_message(self.Answered(self.question.id, self.value, advance=True))

    # number and text ---------------------------------------------------------------------
    def _parse(self, text: str) -> tuple[bool, Any]:
        assert self.question is not None
        try:
            return True, parse_answer(self.kb, self.question.id, text, self.others)
        except AnswersError as exc:
            message = exc.problems[0].message
            if self.question.type == "number":
                if message.startswith("expected"):
                    message = say(self.kb, "app.input.not_whole", text=text.strip())
                message = _whole(self.kb, message, self.question.min, self.question.max)
            self.show_error(message)
            return False, None

    @on(Input.Changed, "#text")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if self._filling or self.question is None or self.question.type not in ("number", "text"):
            return
        if event.value != event.input.value:
            return  # a stale event from before a question switch
        ok, value = self._parse(event.value)
        if ok:
            self.show_error("")
            self.value = value
            self.post_message(self.Answered(self.question.id, value, advance=False))

    @on(Input.Submitted, "#text")
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        if self.question is None:
            return
        ok, value = self._parse(event.value)
        if ok:
            self.value = value
            self.post_message(self.Answered(self.question.id, value, advance=True))
        else:
            self.let_go_keys()  # refused: what follows is typed into this answer

    def is_valid(self) -> bool:
        """False while a typed number or text is not acceptable (its message is shown)."""
        if self.question is None or self.question.type not in ("number", "text"):
            return True
        return self._parse(self.query_one("#text", Input).value)[0]


def _whole(kb: KnowledgeBase, problem: str, low: int | None, high: int | None) -> str:
    """What was wrong with a number typed, and the whole numbers the question takes."""
    if low is not None and high is not None:
        return say(kb, "app.input.whole_between", problem=problem, low=low, high=high)
    if low is not None:
        return say(kb, "app.input.whole_at_least", problem=problem, low=low)
    if high is not None:
        return say(kb, "app.input.whole_up_to", problem=problem, high=high)
    return say(kb, "app.input.whole", problem=problem)
