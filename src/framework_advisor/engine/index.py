"""What the engine precomputes once per knowledge base, so each recommendation stays cheap."""

from __future__ import annotations

from dataclasses import dataclass, field

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.rule import Rule
from framework_advisor.engine.explain import describe


@dataclass(frozen=True, slots=True)
class IndexedRule:
    rule: Rule
    weights: tuple[tuple[str, int], ...]
    layers: tuple[str, ...]
    cautions: tuple[str, ...]
    questions: tuple[str, ...]
    needs: str


@dataclass
class EngineIndex:
    kb: KnowledgeBase
    rules: list[IndexedRule]
    base: dict[str, int]
    names: dict[str, str]
    framework_ids: list[str]
    question_order: dict[str, int]
    conflicts: dict[str, set[str]] = field(default_factory=dict)


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
        )
        for rule in kb.rules
    ]
    conflicts: dict[str, set[str]] = {fid: set() for fid in kb.frameworks}
    for fid, framework in kb.frameworks.items():
        for other in framework.conflicts:
            conflicts[fid].add(other)
            conflicts.setdefault(other, set()).add(fid)
    index = EngineIndex(
        kb=kb,
        rules=rules,
        base={fid: f.base_fit for fid, f in kb.frameworks.items()},
        names={fid: f.name for fid, f in kb.frameworks.items()},
        framework_ids=list(kb.frameworks),
        question_order={q.id: i for i, q in enumerate(kb.questions)},
        conflicts=conflicts,
    )
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[id(kb)] = index
    return index
