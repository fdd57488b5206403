"""What the engine precomputes once per knowledge base, so each recommendation stays cheap."""

from __future__ import annotations

from typing import Any

from msgspec import Struct, field

from framework_advisor.domain.condition import Leaf
from framework_advisor.domain.framework import LAYERS
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.recommendation import Lift, Reason
from framework_advisor.domain.rule import Rule
from framework_advisor.engine.compiled import Predicate, compile_condition
from framework_advisor.engine.explain import describe, leaves


class IndexedRule(Struct, frozen=True):
    rule: Rule
    weights: tuple[tuple[str, int], ...]
    layers: tuple[str, ...]
    cautions: tuple[str, ...]
    questions: tuple[str, ...]
    needs: str
    test: Predicate
    leaves: list[Leaf]


class EngineIndex(Struct):
    kb: KnowledgeBase
    rules: list[IndexedRule]
    base: dict[str, int]
    names: dict[str, str]
    framework_ids: list[str]
    question_order: dict[str, int]
    conflicts: dict[str, set[str]] = field(default_factory=dict)
    fillers: dict[str, frozenset[str]] = field(default_factory=dict)
    """layer -> the frameworks that can fill it."""
    base_reasons: dict[str, Reason] = field(default_factory=dict)
    said_texts: dict[tuple[Any, ...], str] = field(default_factory=dict)
    rules_on: dict[str, list[int]] = field(default_factory=dict)
    """question -> positions of the rules whose conditions read it."""
    """Memo of "question: answer label" texts for this knowledge base (a pure function)."""
    lifts_for: dict[str, list[tuple[int, Lift]]] = field(default_factory=dict)
    """framework -> (rule position, lift) for every rule that raises it, strongest first."""


_CACHE: dict[int, EngineIndex] = {}


def index_for(kb: KnowledgeBase) -> EngineIndex:
    cached = _CACHE.get(id(kb))
    if cached is not None and cached.kb is kb:
        return cached
    rules = [
        IndexedRule(
            rule=rule,
            weights=tuple(
                (e.framework, e.weight)
                for e in rule.effects
                if e.framework is not None and e.weight is not None
            ),
            layers=tuple(e.layer for e in rule.effects if e.layer is not None),
            cautions=tuple(e.caution for e in rule.effects if e.caution is not None),
            questions=tuple(dict.fromkeys(rule.when.questions())),
            needs=describe(kb, rule.when),
            test=compile_condition(rule.when),
            leaves=leaves(rule.when),
        )
        for rule in kb.rules
    ]
    conflicts: dict[str, set[str]] = {fid: set() for fid in kb.frameworks}
    for fid, framework in kb.frameworks.items():
        for other in framework.conflicts:
            conflicts[fid].add(other)
            conflicts.setdefault(other, set()).add(fid)
    lifts_for: dict[str, list[tuple[int, Lift]]] = {fid: [] for fid in kb.frameworks}
    for position, indexed in enumerate(rules):
        for framework, weight in indexed.weights:
            if weight > 0:
                lift = Lift(indexed.rule.id, indexed.rule.reason, weight, indexed.needs)
                lifts_for[framework].append((position, lift))
    for entries in lifts_for.values():
        entries.sort(key=lambda entry: (-entry[1].effect, entry[1].rule))
    index = EngineIndex(
        kb=kb,
        rules=rules,
        base={fid: f.base_fit for fid, f in kb.frameworks.items()},
        names={fid: f.name for fid, f in kb.frameworks.items()},
        framework_ids=list(kb.frameworks),
        question_order={q.id: i for i, q in enumerate(kb.questions)},
        conflicts=conflicts,
        fillers={
            layer: frozenset(fid for fid, f in kb.frameworks.items() if layer in f.layers)
            for layer in LAYERS
        },
        lifts_for=lifts_for,
        rules_on=_rules_on(rules),
        base_reasons={
            fid: Reason("base", f"Starting fit of {f.name} for any organisation.", f.base_fit)
            for fid, f in kb.frameworks.items()
        },
    )
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[id(kb)] = index
    return index


def _rules_on(rules: list[IndexedRule]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for position, indexed in enumerate(rules):
        for question in indexed.questions:
            found.setdefault(question, []).append(position)
    return found
