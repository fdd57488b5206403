"""What the engine precomputes once per knowledge base, so each recommendation stays cheap."""

from __future__ import annotations

from typing import Any

from msgspec import Struct, field

from framework_advisor.domain.condition import Leaf
from framework_advisor.domain.framework import LAYERS, short_name
from framework_advisor.domain.in_words import BASE
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.need import Need
from framework_advisor.domain.recommendation import Lift, Reason
from framework_advisor.domain.rule import CautionEffect, Effect, LayerEffect, Rule, WeightEffect
from framework_advisor.domain.text import Message
from framework_advisor.domain.wording import need_labels
from framework_advisor.engine.cadence import MEETINGS_PER_MONTH, lightest_minutes
from framework_advisor.engine.compiled import Predicate, compile_condition
from framework_advisor.engine.explain import describe, leaves


class IndexedRule(Struct, frozen=True):
    rule: Rule
    weights: tuple[tuple[str, int, str], ...]
    """(framework, weight, reason) for each weight effect."""
    layers: tuple[str, ...]
    cautions: tuple[CautionEffect, ...]
    questions: tuple[str, ...]
    needs: str
    test: Predicate
    leaves: list[Leaf]


RitualForms = tuple[tuple[str, str], int, tuple[str, str] | None, int]


class EngineIndex(Struct):
    kb: KnowledgeBase
    rules: list[IndexedRule]
    base: dict[str, int]
    names: dict[str, str]
    short_names: dict[str, str]
    question_order: dict[str, int]
    conflicts: dict[str, set[str]] = field(default_factory=dict)
    excludes: dict[str, set[str]] = field(default_factory=dict)
    """framework -> what can never share a mix with it: its conflicts, and the frameworks
    that can fill only the one layer it can fill only (one framework per layer)."""
    fillers: dict[str, frozenset[str]] = field(default_factory=dict)
    """layer -> the frameworks that can fill it."""
    base_reasons: dict[str, Reason] = field(default_factory=dict)
    said_texts: dict[tuple[Any, ...], Message] = field(default_factory=dict)
    reason_memo: dict[tuple[int, str], tuple[Message | None, Reason]] = field(default_factory=dict)
    """(rule position, framework) -> the last reason made there and the message it says: the
    same answers give the same Reason object, which the edge words once."""
    """Memo of "question: answer label" texts for this knowledge base (a pure function)."""
    rules_on: dict[str, list[int]] = field(default_factory=dict)
    """question -> positions of the rules whose conditions read it."""
    lifts_for: dict[str, list[tuple[int, Lift]]] = field(default_factory=dict)
    """framework -> (rule position, lift) for every rule that raises it, strongest first."""
    need_servers: dict[str, dict[str, int]] = field(default_factory=dict)
    """need -> {framework: the fit its strength gives}."""
    need_strengths: dict[str, dict[str, str]] = field(default_factory=dict)
    need_whys: dict[str, dict[str, str]] = field(default_factory=dict)
    need_layers: dict[str, str] = field(default_factory=dict)
    need_labels: dict[str, str] = field(default_factory=dict)
    partners: dict[str, dict[str, str]] = field(default_factory=dict)
    """framework -> {recognised partner: what the two do together} (pairings without ``when``)."""
    conditional_pairs: tuple[tuple[str, str, str, Predicate], ...] = ()
    """(a, b, why, condition) for each pairing that holds only where its ``when`` does."""
    rituals: dict[str, tuple[tuple[tuple[str, str], int], ...]] = field(default_factory=dict)
    """framework -> ((ritual id, frequency), minutes) for each of its rituals."""
    monthly_rituals: dict[str, tuple[tuple[tuple[str, str], int, int], ...]] = field(
        default_factory=dict
    )
    """framework -> ((ritual id, frequency), minutes, minutes a month on its own)."""
    lightest_alone: dict[str, int] = field(default_factory=dict)
    """framework -> monthly minutes of its own calendar with every meeting in its lightest
    form: no calendar holding it can take fewer (the mix search's quick bound)."""
    lightest_sets: dict[tuple[str, ...], int] = field(default_factory=dict)
    """A set of frameworks (in ranking order) -> its lightest calendar's minutes, as the mix
    search meets it: a few thousand sets at most, kept with the index."""
    fitted_sets: dict[
        tuple[tuple[str, ...], int | None], tuple[int, frozenset[tuple[str, str]]]
    ] = field(default_factory=dict)
    """(frameworks, budget) -> ``fit_calendar``'s answer, kept with the index."""
    valid_sets: dict[tuple[Any, ...], list[Any]] = field(default_factory=dict)
    """The mix search's conflict-free sets of a pool (``Search._valid``), keyed by everything
    they depend on (pool, size, stated needs, each candidate's place in each need's order,
    the weak candidates): kept with the index, as profiles recur."""
    ritual_forms: dict[str, tuple[RitualForms, ...]] = field(default_factory=dict)
    """framework -> for each ritual: its full (ritual id, frequency) and minutes, and its
    lightest documented variant's (or None)."""


_CACHE: dict[int, EngineIndex] = {}


def index_for(kb: KnowledgeBase) -> EngineIndex:
    """The engine's precomputed view of ``kb`` (compiled rules, need servers, partners,
    exclusions, rituals), built once per knowledge base object and reused."""
    cached = _CACHE.get(id(kb))
    if cached is not None and cached.kb is kb:
        return cached
    all_rules = [need_rule(kb, need) for need in kb.needs] + list(kb.rules)
    rules = [
        IndexedRule(
            rule=rule,
            weights=tuple(
                (e.framework, e.weight, e.reason)
                for e in rule.effects
                if isinstance(e, WeightEffect)
            ),
            layers=tuple(e.layer for e in rule.effects if isinstance(e, LayerEffect)),
            cautions=tuple(e for e in rule.effects if isinstance(e, CautionEffect)),
            questions=tuple(dict.fromkeys(rule.when.questions())),
            needs=describe(kb, rule.when),
            test=compile_condition(rule.when),
            leaves=leaves(rule.when),
        )
        for rule in all_rules
    ]
    conflicts: dict[str, set[str]] = {fid: set() for fid in kb.frameworks}
    for fid, framework in kb.frameworks.items():
        for other in framework.conflicts:
            conflicts[fid].add(other)
            conflicts.setdefault(other, set()).add(fid)
    lifts_for: dict[str, list[tuple[int, Lift]]] = {fid: [] for fid in kb.frameworks}
    for position, indexed in enumerate(rules):
        for target, weight, reason in indexed.weights:
            if weight > 0:
                lift = Lift(indexed.rule.id, reason, weight, indexed.needs)
                lifts_for[target].append((position, lift))
    for entries in lifts_for.values():
        entries.sort(key=lambda entry: (-entry[1].effect, entry[1].rule))
    weights = kb.settings.need_weights
    partners: dict[str, dict[str, str]] = {fid: {} for fid in kb.frameworks}
    conditional: list[tuple[str, str, str, Predicate]] = []
    for pairing in kb.pairings:
        a, b = pairing.frameworks
        if pairing.when is not None:
            conditional.append((a, b, pairing.why, compile_condition(pairing.when)))
            continue
        partners[a][b] = pairing.why
        partners[b][a] = pairing.why
    single_layer = {fid: f.layers[0] for fid, f in kb.frameworks.items() if len(f.layers) == 1}
    excludes = {
        fid: conflicts[fid]
        | {o for o, layer in single_layer.items() if o != fid and single_layer.get(fid) == layer}
        | _aids(kb, fid)
        for fid in kb.frameworks
    }
    index = EngineIndex(
        kb=kb,
        excludes=excludes,
        need_servers={
            n.need: {e.framework: weights[e.strength] for e in n.frameworks} for n in kb.needs
        },
        need_strengths={n.need: {e.framework: e.strength for e in n.frameworks} for n in kb.needs},
        need_whys={n.need: {e.framework: e.why for e in n.frameworks} for n in kb.needs},
        need_layers={n.need: n.layer for n in kb.needs if n.layer is not None},
        need_labels=need_labels(kb),
        partners=partners,
        conditional_pairs=tuple(conditional),
        rituals={
            fid: tuple(((r.id, r.frequency), r.minutes) for r in f.rituals)
            for fid, f in kb.frameworks.items()
        },
        ritual_forms={
            fid: tuple(
                (
                    (r.id, r.frequency),
                    r.minutes,
                    (r.id, r.lighter[-1].frequency) if r.lighter else None,
                    r.lighter[-1].minutes if r.lighter else 0,
                )
                for r in f.rituals
            )
            for fid, f in kb.frameworks.items()
        },
        monthly_rituals={
            fid: tuple(
                ((r.id, r.frequency), r.minutes, round(r.minutes * MEETINGS_PER_MONTH[r.frequency]))
                for r in f.rituals
            )
            for fid, f in kb.frameworks.items()
        },
        rules=rules,
        base={fid: f.base_fit for fid, f in kb.frameworks.items()},
        names={fid: f.name for fid, f in kb.frameworks.items()},
        short_names={fid: short_name(f) for fid, f in kb.frameworks.items()},
        question_order={q.id: i for i, q in enumerate(kb.questions)},
        conflicts=conflicts,
        fillers={
            layer: frozenset(fid for fid, f in kb.frameworks.items() if layer in f.layers)
            for layer in LAYERS
        },
        lifts_for=lifts_for,
        rules_on=_rules_on(rules),
        base_reasons={
            fid: Reason(BASE, "", f.base_fit)  # worded at the edge (domain.in_words)
            for fid, f in kb.frameworks.items()
        },
    )
    if len(_CACHE) > 8:
        _CACHE.clear()
    for fid in kb.frameworks:
        index.lightest_alone[fid] = lightest_minutes(index, (fid,))
    _CACHE[id(kb)] = index
    return index


def need_rule(kb: KnowledgeBase, need: Need) -> Rule:
    """A stated need as a rule: when ``needs`` includes it, each framework built for it (or
    serving it) gains the weight of its strength, for the reason needs.yaml gives."""
    weights = kb.settings.need_weights
    effects: list[Effect] = [
        WeightEffect(entry.framework, weights[entry.strength], entry.why)
        for entry in need.frameworks
    ]
    if need.layer is not None:
        effects.append(LayerEffect(need.layer))
    condition = Leaf("needs", "has_any", [need.need])
    return Rule(id=f"need_{need.need}", when=condition, effects=effects, source="needs.yaml")


def _rules_on(rules: list[IndexedRule]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for position, indexed in enumerate(rules):
        for question in indexed.questions:
            found.setdefault(question, []).append(position)
    return found


def partners_for(index: EngineIndex, view: dict[str, Any]) -> dict[str, dict[str, str]]:
    """The recognised partners for a profile ``view``: every pairing whose ``when`` holds."""
    if not index.conditional_pairs:
        return index.partners
    partners = index.partners
    for a, b, why, holds in index.conditional_pairs:
        if holds(view) is True:
            if partners is index.partners:
                partners = dict(partners)
            partners[a] = {**partners[a], b: why}
            partners[b] = {**partners[b], a: why}
    return partners


def _aids(kb: KnowledgeBase, fid: str) -> set[str]:
    """Frameworks that each name ``fid`` as a complement and share a layer with it: one is a
    working aid of the other (SMART's checklist inside MBO's objectives), never run beside it."""
    own = kb.frameworks[fid]
    return {
        other
        for other, framework in kb.frameworks.items()
        if other != fid
        and other in own.complements
        and fid in framework.complements
        and set(own.layers) & set(framework.layers)
    }
