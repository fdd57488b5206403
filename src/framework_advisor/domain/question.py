"""A question of the questionnaire."""

from functools import cached_property
from typing import Any, Literal

from msgspec import Struct

from framework_advisor.domain.condition import Condition

QuestionType = Literal["single", "multiple", "number", "yes_no", "text"]
QuestionRole = Literal["scope", "needs", "context"]


class Option(Struct, frozen=True, forbid_unknown_fields=True):
    value: str
    label: str
    help: str = ""


class Question(Struct, frozen=True, forbid_unknown_fields=True, dict=True):
    id: str
    label: str
    """A short name for the question ("Goals feed pay"): reasons read "Goals feed pay: Yes"."""
    prompt: str
    help: str
    type: QuestionType
    options: list[Option] = []
    options_from: str | None = None
    """Options generated from the knowledge base (``frameworks``: one per framework id), or
    drawn from another multiple-choice question's answer (its id): the question is asked only
    once that answer has a value, and offers only the values chosen there."""
    required: bool = False
    required_unless: str | None = None
    min: int | None = None
    max: int | None = None
    integer: bool = True
    when: Condition | None = None
    placeholder: str = ""
    role: QuestionRole = "context"
    """``scope``: what is assessed (another answer is another assessment); ``needs``: what the
    framework is for; ``context``: facts about the organisation."""
    decision: bool = False
    """A decision a leadership team takes in its own right whatever it does to the advice (goals
    feeding pay): a workshop gives it time on the agenda whenever its people differ."""

    @property
    def drawn_from(self) -> str | None:
        """The question whose answer supplies this one's options, if any."""
        source = self.options_from
        return None if source is None or source == "frameworks" else source

    def offered(self, answers: dict[str, Any]) -> list[Option]:
        """The options a person can choose given the other ``answers``."""
        source = self.drawn_from
        if source is None:
            return list(self.options)
        chosen = answers.get(source) or []
        return [option for option in self.options if option.value in chosen]

    @cached_property
    def _labels(self) -> dict[str, str]:
        return {option.value: option.label for option in self.options}

    def label_of(self, value: Any) -> str:
        """How an answer reads to a person: option labels, yes/no, or the value itself."""
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, int):
            return f"{value:,}"
        if isinstance(value, list):
            return ", ".join(self.label_of(v) for v in value)
        return self._labels.get(value, str(value)) if isinstance(value, str) else str(value)
