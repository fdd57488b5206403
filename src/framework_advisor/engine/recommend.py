"""(knowledge base, answers) -> an explained recommendation. Pure and deterministic."""

from __future__ import annotations

from framework_advisor.domain.answers import Answers
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.recommendation import (
    Caution,
    Lift,
    RankedFramework,
    Reason,
    Recommendation,
)
from framework_advisor.engine.cadence import merge_cadence
from framework_advisor.engine.explain import because
from framework_advisor.engine.flow import profile, visible_questions
from framework_advisor.engine.index import EngineIndex, index_for
from framework_advisor.engine.mix import build_mix
from framework_advisor.engine.ranking import clamp, order, raw_totals, rule_states
from framework_advisor.engine.sensitivity import sensitivity as sensitivity_of

MAX_LIFTS = 5


def recommend(kb: KnowledgeBase, answers: Answers, *, sensitivity: bool = True) -> Recommendation:
    index = index_for(kb)
    view = profile(kb, answers)
    stage_derived = "stage" in view and "stage" not in answers
    states = rule_states(index, view)
    totals = raw_totals(index, states)
    fits = {fid: clamp(total) for fid, total in totals.items()}
    ranking = order(fits)

    requested: set[str] = set()
    cautions: list[Caution] = []
    fired_because: dict[int, str] = {}
    for position, (indexed, state) in enumerate(zip(index.rules, states, strict=True)):
        if state is not True:
            continue
        fired_because[position] = because(kb, indexed.rule.when, view, stage_derived)
        requested.update(indexed.layers)
        cautions.extend(
            Caution(indexed.rule.id, text, fired_because[position]) for text in indexed.cautions
        )

    current = [f for f in view.get("current_frameworks", []) if f in kb.frameworks]
    team_size = view.get("team_size")
    mix = build_mix(index, fits, ranking, requested, current, view.get("stage"), team_size)
    cautions.extend(mix.cautions)
    mix_ids = mix.frameworks

    ranked = [
        RankedFramework(
            id=fid,
            name=index.names[fid],
            fit=fits[fid],
            rank=rank,
            reasons=_reasons(index, fid, totals[fid], states, fired_because),
            lifts=[] if fid in mix_ids else _lifts(index, fid, states),
        )
        for rank, fid in enumerate(ranking, start=1)
    ]
    cadence = merge_cadence([kb.frameworks[fid] for fid in mix_ids], kb.settings.ritual_names)
    minutes = sum(item.minutes_per_month for item in cadence)
    budget = kb.settings.meeting_budget_minutes.get(view.get("leadership_time", ""))
    if budget is not None and minutes > budget:
        cautions.append(
            Caution(
                "meeting_load",
                f"This mix asks for about {minutes} minutes of meetings a month; you said leaders "
                f"can give about {budget}. Merge rituals, shorten them, or roll out one framework "
                "at a time.",
                f"leadership_time: {view['leadership_time']}",
            )
        )
    return Recommendation(
        profile=view,
        ranking=ranked,
        mix=mix.layers,
        retire=mix.retire,
        cautions=cautions,
        cadence=cadence,
        meeting_minutes_per_month=minutes,
        unanswered=_unanswered(index, answers, view, states),
        sensitivity=sensitivity_of(index, answers, ranking) if sensitivity else [],
        kb={"name": kb.name, "version": kb.version, "packs": [p.name for p in kb.packs]},
    )


def _reasons(
    index: EngineIndex,
    fid: str,
    total: int,
    states: list[bool | None],
    fired_because: dict[int, str],
) -> list[Reason]:
    base = index.base[fid]
    reasons = [Reason("base", f"Starting fit of {index.names[fid]} for any organisation.", base)]
    for position, (indexed, state) in enumerate(zip(index.rules, states, strict=True)):
        if state is not True:
            continue
        for framework, weight in indexed.weights:
            if framework == fid:
                reasons.append(
                    Reason(indexed.rule.id, indexed.rule.reason, weight, fired_because[position])
                )
    fit = clamp(total)
    if fit != total:
        bound = "capped at 100" if total > 100 else "floored at 0"
        reasons.append(Reason("clamp", f"Fit is {bound}.", fit - total))
    return reasons


def _lifts(index: EngineIndex, fid: str, states: list[bool | None]) -> list[Lift]:
    lifts = [
        Lift(indexed.rule.id, indexed.rule.reason, weight, indexed.needs)
        for indexed, state in zip(index.rules, states, strict=True)
        if state is not True
        for framework, weight in indexed.weights
        if framework == fid and weight > 0
    ]
    lifts.sort(key=lambda lift: (-lift.effect, lift.rule))
    return lifts[:MAX_LIFTS]


def _unanswered(
    index: EngineIndex, answers: Answers, view: dict, states: list[bool | None]
) -> list[str]:
    visible = {q.id for q in visible_questions(index.kb, answers)}
    found: set[str] = set()
    for indexed, state in zip(index.rules, states, strict=True):
        if state is None:
            found.update(q for q in indexed.questions if q not in view and q in visible)
    if "stage" in found and "headcount" in visible:
        found.add("headcount")
    return sorted(found, key=index.question_order.__getitem__)
