"""Conditions compiled once into closures: the hot path of every recommendation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from framework_advisor.domain.condition import AllOf, AnyOf, Condition, Leaf, Not

Predicate = Callable[[dict[str, Any]], bool | None]

_TESTS: dict[str, Callable[[Any, Any], bool]] = {
    "in": lambda answer, value: answer in value,
    "not_in": lambda answer, value: answer not in value,
    "eq": lambda answer, value: answer == value,
    "ne": lambda answer, value: answer != value,
    "has_any": lambda answer, value: not value.isdisjoint(answer),
    "has_all": lambda answer, value: value.issubset(answer),
    "has_none": lambda answer, value: value.isdisjoint(answer),
    "lt": lambda answer, value: answer < value,
    "lte": lambda answer, value: answer <= value,
    "gt": lambda answer, value: answer > value,
    "gte": lambda answer, value: answer >= value,
    "between": lambda answer, value: value[0] <= answer <= value[1],
}
_SET_OPERATORS = {"in", "not_in", "has_any", "has_all", "has_none"}


def compile_condition(condition: Condition) -> Predicate:
    """A function with the same three-valued result as ``condition.evaluate``."""
    if isinstance(condition, Leaf):
        question, test = condition.question, _TESTS[condition.op]
        value = frozenset(condition.value) if condition.op in _SET_OPERATORS else condition.value

        def leaf(answers: dict[str, Any]) -> bool | None:
            answer = answers.get(question)
            return None if answer is None else test(answer, value)

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
