"""The input for one question, built from its type in questions.yaml: no code per question."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.question import Question
from framework_advisor.engine.answers import parse_value
from framework_advisor.errors import AnswersError

YES, NO = "yes", "no"


class ChoiceList(SelectionList[str]):
    """A multiple-choice list: space toggles, enter moves on."""

    BINDINGS = [Binding("enter", "submit", "Next", show=False)]

    class Submit(Message):
        pass

    def action_submit(self) -> None:
        self.post_message(self.Submit())


class QuestionInput(Vertical):
    """Shows the right control for a question and reports answers up as messages."""

    DEFAULT_CSS = """
    QuestionInput { height: auto; }
    QuestionInput OptionList, QuestionInput SelectionList { height: auto; max-height: 14; }
    QuestionInput .error { color: $error; height: auto; padding: 0 1; }
    """

    class Answered(Message):
        """A new value (None: cleared). ``advance``: the user also asked to move on."""

        def __init__(self, question_id: str, value: Any, advance: bool) -> None:
            self.question_id = question_id
            self.value = value
            self.advance = advance
            super().__init__()

    def __init__(self, kb: KnowledgeBase, question: Question, value: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kb = kb
        self.question = question
        self.value = value

    def compose(self) -> ComposeResult:
        question, value = self.question, self.value
        if question.type == "single":
            options = [
                Option(("● " if o.value == value else "  ") + o.label, id=o.value)
                for o in question.options
            ]
            yield OptionList(*options, id="choice")
        elif question.type == "yes_no":
            yield OptionList(
                Option(("● " if value is True else "  ") + "Yes", id=YES),
                Option(("● " if value is False else "  ") + "No", id=NO),
                id="choice",
            )
        elif question.type == "multiple":
            chosen = set(value or [])
            yield ChoiceList(
                *[Selection(o.label, o.value, o.value in chosen) for o in question.options],
                id="choices",
            )
        else:
            text = "" if value is None else str(value)
            yield Input(text, placeholder=question.placeholder or "", id="text")
        yield Static("", classes="error", id="error")

    def on_mount(self) -> None:
        control = self.query("#choice, #choices, #text").first()
        if isinstance(control, OptionList) and not isinstance(control, SelectionList):
            current = self._current_index()
            control.highlighted = current if current is not None else 0

    def _current_index(self) -> int | None:
        question, value = self.question, self.value
        if question.type == "yes_no":
            return None if value is None else (0 if value else 1)
        values = [o.value for o in question.options]
        return values.index(value) if value in values else None

    def focus_control(self) -> None:
        self.query("#choice, #choices, #text").first().focus()

    def show_error(self, message: str) -> None:
        self.query_one("#error", Static).update(message)

    # single choice and yes/no ------------------------------------------------------------
    @on(OptionList.OptionSelected, "#choice")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id
        value: Any = option_id
        if self.question.type == "yes_no":
            value = option_id == YES
        self._mark(event.option_list, option_id)
        self.value = value
        self.post_message(self.Answered(self.question.id, value, advance=True))

    def _mark(self, option_list: OptionList, chosen: str | None) -> None:
        for index in range(option_list.option_count):
            option = option_list.get_option_at_index(index)
            label = str(option.prompt)[2:]
            option_list.replace_option_prompt_at_index(
                index, ("● " if option.id == chosen else "  ") + label
            )

    # multiple choice ---------------------------------------------------------------------
    @on(SelectionList.SelectedChanged, "#choices")
    def _toggled(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        order = [o.value for o in self.question.options]
        chosen = sorted(event.selection_list.selected, key=order.index)
        self.value = chosen or None
        self.post_message(self.Answered(self.question.id, self.value, advance=False))

    @on(ChoiceList.Submit)
    def _submit_choices(self, event: ChoiceList.Submit) -> None:
        event.stop()
        self.post_message(self.Answered(self.question.id, self.value, advance=True))

    # number and text ---------------------------------------------------------------------
    def _parse(self, text: str) -> tuple[bool, Any]:
        try:
            return True, parse_value(self.kb, self.question.id, text, file="answer")
        except AnswersError as exc:
            message = exc.problems[0].message
            if self.question.type == "number":
                if message.startswith("expected"):
                    message = f"'{text.strip()}' is not a whole number"
                bounds = _bounds(self.question.min, self.question.max)
                message = f"{message}. Enter a whole number{bounds}."
            self.show_error(message)
            return False, None

    @on(Input.Changed, "#text")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        ok, value = self._parse(event.value)
        if ok:
            self.show_error("")
            self.value = value
            self.post_message(self.Answered(self.question.id, value, advance=False))

    @on(Input.Submitted, "#text")
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        ok, value = self._parse(event.value)
        if ok:
            self.value = value
            self.post_message(self.Answered(self.question.id, value, advance=True))

    def is_valid(self) -> bool:
        """False while a typed number or text is not acceptable (its message is shown)."""
        if self.question.type not in ("number", "text"):
            return True
        return self._parse(self.query_one("#text", Input).value)[0]


def _bounds(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f" from {low:,} to {high:,}"
    if low is not None:
        return f" of at least {low:,}"
    return f" up to {high:,}" if high is not None else ""
