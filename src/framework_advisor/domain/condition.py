"""Declarative conditions over answers, evaluated with three-valued (Kleene) logic.

``True`` and ``False`` are known results; ``None`` means *unknown*: a question the condition
depends on is unanswered. The YAML shorthand is parsed into these nodes by ``kb.conditions``.
"""

from __future__ import annotations

from typing import Any, Literal

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
]


def _leaf_true(op: str, value: Any, answer: Any) -> bool:
    if op == "in":
        return answer in value
    if op == "not_in":
        return answer not in value
    if op == "eq":
        return answer == value
    if op == "ne":
        return answer != value
    if op == "has_any":
        return any(v in answer for v in value)
    if op == "has_all":
        return all(v in answer for v in value)
    if op == "has_none":
        return not any(v in answer for v in value)
    if op == "lt":
        return answer < value
    if op == "lte":
        return answer <= value
    if op == "gt":
        return answer > value
    if op == "gte":
        return answer >= value
    return value[0] <= answer <= value[1]  # between, inclusive


class Leaf(Struct, frozen=True, tag="leaf"):
    question: str
    op: Operator
    value: Any

    def evaluate(self, answers: dict[str, Any]) -> bool | None:
        answer = answers.get(self.question)
        if answer is None:
            return None
        return _leaf_true(self.op, self.value, answer)

    def questions(self) -> list[str]:
        return [self.question]


class AllOf(Struct, frozen=True, tag="all_of"):
    parts: list[Condition]

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
    parts: list[Condition]

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
    part: Condition

    def evaluate(self, answers: dict[str, Any]) -> bool | None:
        value = self.part.evaluate(answers)
        return None if value is None else not value

    def questions(self) -> list[str]:
        return self.part.questions()


Condition = Leaf | AllOf | AnyOf | Not

ALWAYS = AllOf(parts=[])
