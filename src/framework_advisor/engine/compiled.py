"""Conditions compiled once into closures: the hot path of every recommendation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from framework_advisor.domain.condition import (
    OPERATORS,
    AllOf,
    AnyOf,
    Condition,
    Leaf,
    Not,
    decide_unanswered,
    prepare,
)

Predicate = Callable[[dict[str, Any]], bool | None]


def compile_condition(condition: Condition) -> Predicate:
    """A function with the same three-valued result as ``condition.evaluate``."""
    if isinstance(condition, Leaf):
        value = prepare(condition.op, condition.value)
        inline = _INLINE.get(condition.op)
        if inline is not None:  # unknown when unanswered, as every operator but `unanswered`
            return inline(condition.question, value)
        question, test = condition.question, OPERATORS[condition.op].test
        unanswered = decide_unanswered(condition.op, condition.value)

        def leaf(answers: dict[str, Any]) -> bool | None:
            answer = answers.get(question)
            return unanswered if answer is None else test(answer, value)

        return leaf
    if isinstance(condition, Not):
        inner = compile_condition(condition.part)

        def negate(answers: dict[str, Any]) -> bool | None:
            result = inner(answers)
            return None if result is None else not result

        return negate
    parts = tuple(compile_condition(part) for part in condition.parts)
    if isinstance(condition, AllOf):
        if len(parts) == 1:
            return parts[0]

        def all_of(answers: dict[str, Any]) -> bool | None:
            result: bool | None = True
            for part in parts:
                value = part(answers)
                if value is False:
                    return False
                if value is None:
                    result = None
            return result

        return all_of
    if isinstance(condition, AnyOf):

        def any_of(answers: dict[str, Any]) -> bool | None:
            result: bool | None = False
            for part in parts:
                value = part(answers)
                if value is True:
                    return True
                if value is None:
                    result = None
            return result

        return any_of
    raise TypeError(condition)


def _in(question: str, value: Any) -> Predicate:
    def leaf(answers: dict[str, Any]) -> bool | None:
        answer = answers.get(question)
        return None if answer is None else answer in value

    return leaf


def _has_any(question: str, value: Any) -> Predicate:
    def leaf(answers: dict[str, Any]) -> bool | None:
        answer = answers.get(question)
        return None if answer is None else not value.isdisjoint(answer)

    return leaf


def _eq(question: str, value: Any) -> Predicate:
    def leaf(answers: dict[str, Any]) -> bool | None:
        answer = answers.get(question)
        return None if answer is None else answer == value

    return leaf


_INLINE: dict[str, Callable[[str, Any], Predicate]] = {
    "in": _in,
    "has_any": _has_any,
    "eq": _eq,
}
"""The commonest operators as their own closures (``OPERATORS``' tests, one call fewer)."""
