"""Declarative conditions over answers, evaluated with three-valued (Kleene) logic.

``True`` and ``False`` are known results; ``None`` means *unknown*: a question the condition
depends on is unanswered (except under ``unanswered``, which tests exactly that). The YAML shorthand is parsed into these nodes by ``kb.conditions``.
"""

from collections.abc import Callable
from typing import Any, Literal, NamedTuple

from msgspec import Struct

Operator = Literal[
    "in",
    "not_in",
    "eq",
    "ne",
    "has_any",
    "has_all",
    "has_none",
    "lt",
    "lte",
    "gt",
    "gte",
    "between",
    "unanswered",
]


class OperatorSpec(NamedTuple):
    """One operator of the condition language: the test, and how it reads in words."""

    test: Callable[[Any, Any], bool]
    """(answer, prepared value) -> bool; the answer is never None here (unknown), except for
    ``unanswered``, the one operator an unanswered question decides (``decide_unanswered``)."""
    words: str
    """"is {v}": the wording of "because you said" and "asked only when" texts."""
    set_valued: bool = False
    """The value is a list of options: prepared as a frozenset once."""


OPERATORS: dict[str, OperatorSpec] = {
    "in": OperatorSpec(lambda answer, value: answer in value, "is {v}", True),
    "not_in": OperatorSpec(lambda answer, value: answer not in value, "is not {v}", True),
    "eq": OperatorSpec(lambda answer, value: answer == value, "is {v}"),
    "ne": OperatorSpec(lambda answer, value: answer != value, "is not {v}"),
    "has_any": OperatorSpec(lambda answer, value: not value.isdisjoint(answer), "includes {v}", True),
    "has_all": OperatorSpec(lambda answer, value: value.issubset(answer), "includes all of {v}", True),
    "has_none": OperatorSpec(lambda answer, value: value.isdisjoint(answer), "includes none of {v}", True),
    "lt": OperatorSpec(lambda answer, value: answer < value, "is under {v}"),
    "lte": OperatorSpec(lambda answer, value: answer <= value, "is at most {v}"),
    "gt": OperatorSpec(lambda answer, value: answer > value, "is over {v}"),
    "gte": OperatorSpec(lambda answer, value: answer >= value, "is at least {v}"),
    "between": OperatorSpec(
        lambda answer, value: value[0] <= answer <= value[1], "is between {low:,} and {high:,}"
    ),
    "unanswered": OperatorSpec(lambda answer, value: not value, "is unanswered"),
}  # fmt: skip
"""The one table of operators: evaluated here and by ``engine.compiled``, worded by
``domain.wording``; ``kb.conditions`` checks operator names against it."""


def decide_unanswered(op: str, value: Any) -> bool | None:
    """A leaf's result when its question is unanswered: unknown, except for ``unanswered``,
    which is then its operand (``unanswered: true`` holds, ``unanswered: false`` does not)."""
    return bool(value) if op == "unanswered" else None


def prepare(op: str, value: Any) -> Any:
    """The value as the operator's test takes it (a frozenset of options for list operators)."""
    return frozenset(value) if OPERATORS[op].set_valued else value


class Leaf(Struct, frozen=True, tag="leaf"):
    question: str
    op: Operator
    value: Any

    def evaluate(self, answers: dict[str, Any]) -> bool | None:
        answer = answers.get(self.question)
        if answer is None:
            return decide_unanswered(self.op, self.value)
        return OPERATORS[self.op].test(answer, prepare(self.op, self.value))

    def questions(self) -> list[str]:
        return [self.question]


class AllOf(Struct, frozen=True, tag="all_of"):
    parts: "list[Condition]"

    def evaluate(self, answers: dict[str, Any]) -> bool | None:
        result: bool | None = True
        for part in self.parts:
            value = part.evaluate(answers)
            if value is False:
                return False
            if value is None:
                result = None
        return result

    def questions(self) -> list[str]:
        return [q for part in self.parts for q in part.questions()]


class AnyOf(Struct, frozen=True, tag="any_of"):
    parts: "list[Condition]"

    def evaluate(self, answers: dict[str, Any]) -> bool | None:
        result: bool | None = False
        for part in self.parts:
            value = part.evaluate(answers)
            if value is True:
                return True
            if value is None:
                result = None
        return result

    def questions(self) -> list[str]:
        return [q for part in self.parts for q in part.questions()]


class Not(Struct, frozen=True, tag="not"):
    part: "Condition"

    def evaluate(self, answers: dict[str, Any]) -> bool | None:
        value = self.part.evaluate(answers)
        return None if value is None else not value

    def questions(self) -> list[str]:
        return self.part.questions()


Condition = Leaf | AllOf | AnyOf | Not

ALWAYS = AllOf(parts=[])
