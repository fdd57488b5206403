"""The goal checker's rule registry: one function per check id of knowledge/checks.yaml, an item rule
looking at one goal, a set rule at a whole list the file holds; each returns hits (where, and
the parameters of the check's message), never words."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from msgspec import Struct, field

from framework_advisor.domain.goals import CheckBook, Item
from framework_advisor.engine.goals.items import GoalFile
from framework_advisor.engine.goals.text import (
    Reading,
)
from framework_advisor.problems import KeyPath


class Hit(Struct, frozen=True):
    path: KeyPath
    params: dict[str, str] = field(default_factory=dict)
    rewrite: dict[str, str] | None = None
    """The author's verb, metric and numbers for the check's rewrite pattern, if one is honest."""


class Context(Struct):
    book: CheckBook
    profile: str
    goals: GoalFile
    rewrites: dict[tuple[Any, ...], str] = field(default_factory=dict)
    """Rewrites already re-checked, by rule and fields: a pattern repeated is checked once."""

    def limit(self, name: str) -> Any:
        return self.book.limit(self.profile, name)


ItemRule = Callable[[Context, Item, Reading], Hit | None]
SetRule = Callable[[Context], Iterator[Hit]]
ITEM_RULES: dict[str, tuple[str, ItemRule]] = {}
SET_RULES: dict[str, SetRule] = {}


def item_rule(rule: str, role: str) -> Callable[[ItemRule], ItemRule]:
    def register(function: ItemRule) -> ItemRule:
        ITEM_RULES[rule] = (role, function)
        return function

    return register


def set_rule(rule: str) -> Callable[[SetRule], SetRule]:
    def register(function: SetRule) -> SetRule:
        SET_RULES[rule] = function
        return function

    return register


def rule_ids() -> frozenset[str]:
    return frozenset(ITEM_RULES) | frozenset(SET_RULES)


def text_of(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
