"""(knowledge base, answers) -> an explained recommendation. Pure and deterministic."""

from __future__ import annotations

from typing import Any

from msgspec import Struct

from framework_advisor.domain.answers import Answers
from framework_advisor.domain.in_words import CLAMP, in_words
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.recommendation import (
    Caution,
    Lift,
    RankedFramework,
    Reason,
    Recommendation,
)
from framework_advisor.domain.rule import CautionEffect
from framework_advisor.engine.explain import because_leaves
from framework_advisor.engine.flow import profile, visible_questions
from framework_advisor.engine.index import EngineIndex, index_for
from framework_advisor.engine.meeting_time import budget_caution, meeting_time
from framework_advisor.engine.mix import plan_mix
from framework_advisor.engine.pay import pay_caution, pay_plan
from framework_advisor.engine.phases import build_phases
from framework_advisor.engine.ranking import clamp, order
from framework_advisor.engine.sensitivity import sensitivity as sensitivity_of
from framework_advisor.engine.summary import summarise

MAX_LIFTS = 5


class Scores(Struct):
    """What the rules make of one set of answers, before any mix is chosen."""

    view: dict[str, Any]
    states: list[bool | None]
    totals: dict[str, int]
    fits: dict[str, int]
    ranking: list[str]
    reasons: dict[str, list[Reason]]
    requested: dict[str, dict[str, str]]
    """layer a rule asks for -> {framework the rule raises: the rule's reason for it}."""
    raised: list[tuple[CautionEffect, Caution]]


def score(kb: KnowledgeBase, answers: Answers) -> Scores:
    """Validated answers in; every framework's fit, the reasons adding up to it and the
    ranking out (the workshop's per-participant path: no mix, no sensitivity)."""
    index = index_for(kb)
    view = profile(kb, answers)
    stage_derived = "stage" in view and "stage" not in answers
    rules = index.rules
    states = [indexed.test(view) for indexed in rules]
    totals = dict(index.base)
    reasons: dict[str, list[Reason]] = {fid: [reason] for fid, reason in index.base_reasons.items()}
    requested: dict[str, dict[str, str]] = {}
    raised: list[tuple[CautionEffect, Caution]] = []
    said_memo, made = index.said_texts, index.reason_memo
    if len(said_memo) > 10_000:
        said_memo.clear()
    for position, state in enumerate(states):
        if state is not True:
            continue
        indexed = rules[position]
        rule = indexed.rule
        said = because_leaves(kb, indexed.leaves, view, stage_derived, said_memo)
        for framework, weight, reason in indexed.weights:
            totals[framework] += weight
            known = made.get((position, framework))
            if known is None or known[0] is not said:
                known = made[position, framework] = (
                    said,
                    Reason(rule.id, reason, weight, because_message=said),
                )
            reasons[framework].append(known[1])
        for layer in indexed.layers:
            whys = requested.setdefault(layer, {})
            for framework, weight, reason in indexed.weights:
                if weight > 0:
                    whys.setdefault(framework, reason)
        for caution in indexed.cautions:
            raised.append((caution, Caution(rule.id, caution.text, because_message=said)))
    fits = {fid: clamp(total) for fid, total in totals.items()}
    ranking = order(totals)  # the raw totals: two fits capped at 100 still differ
    return Scores(view, states, totals, fits, ranking, reasons, requested, raised)


def rank(kb: KnowledgeBase, answers: Answers) -> list[RankedFramework]:
    """Validated answers in; the ranked frameworks with their reasons out (no lifts), as facts:
    the reasons' own words are said by ``domain.in_words.ranked_in_words`` where shown (the
    workshop's per-participant path reads only the fits)."""
    scores = score(kb, answers)
    names = index_for(kb).names
    fits, totals, reasons = scores.fits, scores.totals, scores.reasons
    return [
        RankedFramework(
            fid,
            names[fid],
            fits[fid],
            position,
            reasons[fid] if fits[fid] == totals[fid] else _with_clamp(reasons[fid], totals[fid]),
        )
        for position, fid in enumerate(scores.ranking, start=1)
    ]


def recommend(kb: KnowledgeBase, answers: Answers, *, sensitivity: bool = True) -> Recommendation:
    """Validated answers in; the explained recommendation out, its sentences said in the
    knowledge base's catalogue (``recommend_facts``, then ``domain.in_words``)."""
    return in_words(recommend_facts(kb, answers, sensitivity=sensitivity), kb.text)


def recommend_facts(
    kb: KnowledgeBase, answers: Answers, *, sensitivity: bool = True
) -> Recommendation:
    """Validated answers in; the recommendation as facts and messages out (its prose fields
    empty, their ``*_message`` set): ranking with reasons and lifts, the mix (phase one) and
    later phases, needs covered, cautions, the merged calendar, unanswered questions,
    sensitivity (unless ``sensitivity=False``) and a summary."""
    index = index_for(kb)
    scores = score(kb, answers)
    view, states, totals, fits = scores.view, scores.states, scores.totals, scores.fits
    ranking, reasons, requested, raised = (
        scores.ranking, scores.reasons, scores.requested, scores.raised
    )  # fmt: skip

    current = [f for f in view.get("current_frameworks", []) if f in kb.frameworks]
    plan = plan_mix(index, fits, ranking, view, current, requested)
    mix_ids = plan.members
    advised = [*mix_ids, *(f for added, _ in plan.later for f in added)]
    retired = {item.id for item in plan.retire}
    in_play = set(advised) | (set(current) - retired)
    cautions = [
        c
        for effect, c in raised
        if (not effect.about or in_play.intersection(effect.about))
        and not set(advised).intersection(effect.unless_advised)
    ]
    cautions.extend(plan.cautions)
    cautions.extend(pay_caution(kb, view))
    names = index.names
    ranked = [
        RankedFramework(
            fid,
            names[fid],
            fits[fid],
            rank,
            reasons[fid] if fits[fid] == totals[fid] else _with_clamp(reasons[fid], totals[fid]),
            [] if fid in mix_ids else _lifts(index, fid, states),
        )
        for rank, fid in enumerate(ranking, start=1)
    ]
    phases = build_phases(index, plan, view)
    time = meeting_time(index, plan, phases)
    cautions.extend(budget_caution(time))
    pay = pay_plan(kb, view, mix_ids)
    cadence = phases[0].cadence if phases else []
    minutes = phases[0].meeting_minutes_per_month if phases else 0
    return Recommendation(
        profile=view,
        ranking=ranked,
        mix=plan.layers,
        retire=plan.retire,
        cautions=cautions,
        cadence=cadence,
        meeting_minutes_per_month=minutes,
        meeting_minutes_already_held=time.held if time else 0,
        unanswered=_unanswered(index, answers, view, states),
        sensitivity=sensitivity_of(
            index,
            answers,
            ranking,
            (view, states, dict(totals)),
            lambda other, order, raw: (
                plan_mix(
                    index,
                    {fid: clamp(total) for fid, total in raw.items()},
                    order,
                    other,
                    [f for f in other.get("current_frameworks", []) if f in kb.frameworks],
                    requested,
                ).members
            ),
            mix_before=plan.members,
        )
        if sensitivity
        else [],
        kb={"name": kb.name, "version": kb.version, "packs": [p.name for p in kb.packs]},
        needs=plan.needs,
        phases=phases,
        summary_message=summarise(
            index, view, plan, phases, ranking, time, (pay.text_message or pay.text) if pay else ""
        ),
        mix_choice_message=plan.choice,
        mix_comparison=plan.comparison,
        pay=pay,
        meeting_time=time,
    )


def _with_clamp(reasons: list[Reason], total: int) -> list[Reason]:
    """Reasons add up to the fit: a fit clamped to 0-100 gets a reason for the difference."""
    fit = clamp(total)
    if fit != total:
        reasons.append(Reason(CLAMP, "", fit - total))  # worded at the edge (in_words)
    return reasons


def _lifts(index: EngineIndex, fid: str, states: list[bool | None]) -> list[Lift]:
    lifts: list[Lift] = []
    for position, lift in index.lifts_for[fid]:
        if states[position] is not True:
            lifts.append(lift)
            if len(lifts) == MAX_LIFTS:
                break
    return lifts


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
