"""Properties of every recommendation, over every valid answer set the questionnaire allows.

Answer sets are drawn from the questionnaire itself (``kb.questions``): options for single and
multiple choice, bounds for numbers, booleans, free text; required questions always answered,
``required_unless`` honoured (headcount or stage), and the team never larger than the
organisation. Each drawn set is checked valid by ``validate_answers`` before use.
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framework_advisor.domain.contract import STAGE_BANDS
from framework_advisor.domain.framework import LAYERS, short_name
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.question import Question
from framework_advisor.domain.rule import CautionEffect
from framework_advisor.engine.answers import validate_answers
from framework_advisor.engine.cadence import meeting_cost
from framework_advisor.engine.explain import leaves
from framework_advisor.engine.flow import profile, visible_questions
from framework_advisor.engine.index import index_for
from framework_advisor.engine.recommend import recommend
from tests.conftest import knowledge

# The strategy is built from the questionnaire, so it needs the knowledge base at import time.
# The tests use this same object rather than the ``kb`` fixture (loaded the same way): hypothesis
# prints every argument of a failing example, and a knowledge base prints as 150 kB of text.
KB = knowledge()


def short(fid: str) -> str:
    return short_name(KB.frameworks[fid])


PROPERTY = settings(
    # Modest by default so the suite stays fast; raise it for a deeper run, e.g.
    # FRAMEWORK_ADVISOR_PROPERTY_EXAMPLES=2000 python -m pytest tests/unit/test_properties.py
    max_examples=int(os.environ.get("FRAMEWORK_ADVISOR_PROPERTY_EXAMPLES", "70")),
    deadline=None,
    # The autouse cache fixture only sets an environment variable: safe to share across examples.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def _thresholds(question_id: str) -> set[int]:
    """Values either side of every bound the rules test on a number, and the stage bands."""
    values: set[int] = set()
    for rule in KB.rules:
        for leaf in leaves(rule.when):
            if leaf.question != question_id:
                continue
            for operand in leaf.value if isinstance(leaf.value, list) else [leaf.value]:
                if isinstance(operand, int) and not isinstance(operand, bool):
                    values |= {operand - 1, operand, operand + 1}
    if question_id == "headcount":
        values |= {b + d for _, b in STAGE_BANDS for d in (-1, 0)}
    return values


def _value(question: Question) -> st.SearchStrategy[Any]:
    values = [option.value for option in question.options]
    if question.type == "single":
        return st.sampled_from(values)
    if question.type == "multiple":
        return st.lists(
            st.sampled_from(values), unique=True, min_size=1 if question.required else 0
        )
    if question.type == "number":
        low = question.min if question.min is not None else 0
        high = question.max if question.max is not None else 10**7
        edges = sorted(v for v in _thresholds(question.id) | {low, high} if low <= v <= high)
        return st.one_of(st.sampled_from(edges), st.integers(low, high))
    if question.type == "yes_no":
        return st.booleans()
    return st.text(max_size=20)


@st.composite
def answer_sets(draw: st.DrawFn, kb: KnowledgeBase = KB) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in kb.questions:
        source = question.drawn_from
        if source is not None:  # options drawn from another answer: a subset of it
            if answers.get(source) and draw(st.booleans()):
                answers[question.id] = draw(
                    st.lists(st.sampled_from(answers[source]), unique=True, min_size=1)
                )
        elif question.required or draw(st.booleans()):
            answers[question.id] = draw(_value(question))
    for question in kb.questions:
        other = question.required_unless
        if other and question.id not in answers and other not in answers:
            # One of the pair must be given: this one, the other, or both.
            pick = draw(st.sampled_from([question.id, other]))
            answers[pick] = draw(_value(kb.question_map[pick]))
    team, headcount = answers.get("team_size"), answers.get("headcount")
    if team is not None and headcount is not None and team > headcount:
        answers["team_size"] = draw(st.integers(1, headcount))
    # Shuffle the key order: it must not matter.
    keys = draw(st.permutations(list(answers)))
    return {key: answers[key] for key in keys}


def _valid(raw: dict[str, Any]) -> dict[str, Any]:
    """The drawn set must itself be valid: this checks the strategy as much as the engine."""
    return validate_answers(KB, raw)


# --- the ranking ---------------------------------------------------------------------------------


@PROPERTY
@given(raw=answer_sets())
def test_ranking_is_complete_ordered_and_bounded(raw: dict[str, Any]) -> None:
    rec = recommend(KB, _valid(raw), sensitivity=False)
    ids = [item.id for item in rec.ranking]
    assert sorted(ids) == sorted(KB.frameworks)
    assert len(ids) == len(set(ids)) == len(KB.frameworks)
    assert [item.rank for item in rec.ranking] == list(range(1, 15))
    for item in rec.ranking:
        assert type(item.fit) is int
        assert 0 <= item.fit <= 100
        assert item.name == KB.frameworks[item.id].name
    fits = [item.fit for item in rec.ranking]
    assert fits == sorted(fits, reverse=True)  # ranked by raw total: fits never increase


@PROPERTY
@given(raw=answer_sets())
def test_recommendation_is_deterministic(raw: dict[str, Any]) -> None:
    answers = _valid(raw)
    first = recommend(KB, answers)
    second = recommend(KB, dict(answers))
    reordered = recommend(KB, dict(reversed(list(answers.items()))))
    assert first == second == reordered


@PROPERTY
@given(raw=answer_sets())
def test_reasons_add_up_exactly_to_each_fit(raw: dict[str, Any]) -> None:
    rec = recommend(KB, _valid(raw), sensitivity=False)
    rule_ids = {indexed.rule.id for indexed in index_for(KB).rules} | {"base", "clamp"}
    for item in rec.ranking:
        assert sum(reason.effect for reason in item.reasons) == item.fit, item.id
        assert item.reasons[0].rule == "base"
        assert item.reasons[0].effect == KB.frameworks[item.id].base_fit
        assert {reason.rule for reason in item.reasons} <= rule_ids
        assert all(reason.effect != 0 for reason in item.reasons[1:])


# --- the mix -------------------------------------------------------------------------------------


@PROPERTY
@given(raw=answer_sets())
def test_mix_layers_are_allowed_and_conflict_free(raw: dict[str, Any]) -> None:
    rec = recommend(KB, _valid(raw), sensitivity=False)
    layers = [layer.layer for layer in rec.mix]
    assert set(layers) <= set(LAYERS)
    assert len(layers) == len(set(layers)), "a layer filled twice"
    if not rec.mix:  # only when what would serve the needs was said not to work
        assert any(retired.reason == "not_working" for retired in rec.retire), raw
        assert "not working" in rec.summary
        return
    assert rec.phases and rec.phases[0].frameworks == [layer.framework for layer in rec.mix]
    mix = list(dict.fromkeys(layer.framework for layer in rec.mix))
    for layer in rec.mix:
        assert layer.layer in KB.frameworks[layer.framework].layers
        assert layer.why
    for first in mix:
        for second in mix:
            clash = (
                second in KB.frameworks[first].conflicts or first in KB.frameworks[second].conflicts
            )
            assert not clash, f"{first} and {second} conflict but share the mix"
    if "okr_kpi_hybrid" in mix:
        assert "okr" not in mix
        assert "kpi" not in mix


@PROPERTY
@given(raw=answer_sets())
def test_every_framework_in_use_is_kept_or_retired_with_a_why(
    raw: dict[str, Any],
) -> None:
    answers = _valid(raw)
    rec = recommend(KB, answers, sensitivity=False)
    advised = {f for phase in rec.phases for f in phase.frameworks}
    current = answers.get("current_frameworks", [])
    retired = [item.id for item in rec.retire]
    assert set(retired) <= set(current) - advised
    kept_as_hybrid = {"okr", "kpi"} if "okr_kpi_hybrid" in advised else set()
    assert set(current) - advised - kept_as_hybrid <= set(retired)
    assert all(item.why for item in rec.retire)
    if {"okr", "kpi"} <= set(current):  # running both is the hybrid: never retired for it
        assert not any(item.id in ("okr", "kpi") and "Hybrid" in item.why for item in rec.retire)


# --- cautions --------------------------------------------------------------------------------------


@PROPERTY
@given(raw=answer_sets())
def test_pay_caution_appears_iff_goals_feed_pay(raw: dict[str, Any]) -> None:
    answers = _valid(raw)
    rec = recommend(KB, answers, sensitivity=False)
    pay_rules = {
        rule.id
        for rule in KB.rules
        if rule.when.questions() == ["compensation_linked"]
        and rule.when.evaluate({"compensation_linked": True}) is True
        and any(isinstance(effect, CautionEffect) for effect in rule.effects)
    }
    assert pay_rules
    pay = [c for c in rec.cautions if c.id in pay_rules]
    advised = {f for phase in rec.phases for f in phase.frameworks}
    retired = {item.id for item in rec.retire}
    in_play = advised | (set(answers.get("current_frameworks", [])) - retired)
    okr_in_play = bool(in_play & {"okr", "okr_kpi_hybrid", "fast"})
    assert bool(pay) is (answers.get("compensation_linked") is True and okr_in_play)
    # each names the stretch goals in play, never one the plan retires
    assert all(("OKR" in c.text) is bool(in_play & {"okr", "okr_kpi_hybrid"}) for c in pay)
    assert all("FAST" in c.text or "OKR" in c.text for c in pay) and len(pay) <= 1


@PROPERTY
@given(raw=answer_sets())
def test_phase_one_fits_the_budget_whenever_a_mix_serving_a_need_can(raw: dict[str, Any]) -> None:
    """The leaders' time limits the meetings phase one adds: those of frameworks already in use
    that stay are on the calendar today."""
    answers = _valid(raw)
    rec = recommend(KB, answers, sensitivity=False)
    budget = KB.settings.meeting_budget_minutes.get(answers.get("leadership_time", ""))
    index = index_for(KB)
    running = [
        f for f in answers.get("current_frameworks", []) if f in {m.framework for m in rec.mix}
    ]
    held = rec.meeting_minutes_already_held
    assert 0 <= held <= rec.meeting_minutes_per_month
    assert held <= meeting_cost(index, running)
    assert held == 0 or running
    if budget is None or rec.meeting_minutes_per_month - held <= budget:
        return
    # Over budget only when no single framework serving a stated need (and not said to be
    # failing) fits it on its own.
    failing = set(answers.get("frameworks_not_working", []))
    servers = {f for need in answers["needs"] for f in index.need_servers.get(need, {})} - failing
    assert all(meeting_cost(index, [f]) > budget for f in servers)
    assert any(c.id == "meeting_budget" for c in rec.cautions)


@PROPERTY
@given(raw=answer_sets())
def test_every_stated_need_is_covered_or_named_in_a_caution(raw: dict[str, Any]) -> None:
    answers = _valid(raw)
    rec = recommend(KB, answers, sensitivity=False)
    assert [n.need for n in rec.needs] == list(answers["needs"])
    mix = {layer.framework for layer in rec.mix}
    labels = {o.value: o.label for o in KB.question_map["needs"].options}
    for need in rec.needs:
        if need.covered:
            assert need.frameworks and set(need.frameworks) <= mix
        else:
            assert any(labels[need.need] in c.text for c in rec.cautions), need.need
    assert rec.summary


@PROPERTY
@given(raw=answer_sets())
def test_cautions_about_a_framework_only_while_it_is_in_play(raw: dict[str, Any]) -> None:
    answers = _valid(raw)
    rec = recommend(KB, answers, sensitivity=False)
    effects = {
        rule.id: effect
        for rule in KB.rules
        for effect in rule.effects
        if isinstance(effect, CautionEffect)
    }
    advised = {f for phase in rec.phases for f in phase.frameworks}
    retired = {item.id for item in rec.retire}
    in_play = advised | (set(answers.get("current_frameworks", [])) - retired)
    for caution in rec.cautions:
        effect = effects.get(caution.id)
        if effect is None:
            continue
        if effect.about:  # about a framework that is advised, or in use and kept
            assert set(effect.about) & in_play, caution.id
        assert not set(effect.unless_advised) & advised, caution.id


# --- cadence ---------------------------------------------------------------------------------------


@PROPERTY
@given(raw=answer_sets())
def test_cadence_adds_up_and_serves_only_the_mix(raw: dict[str, Any]) -> None:
    rec = recommend(KB, _valid(raw), sensitivity=False)
    assert sum(item.minutes_per_month for item in rec.cadence) == rec.meeting_minutes_per_month
    mix = {layer.framework for layer in rec.mix}
    served = [fid for item in rec.cadence for fid in item.frameworks]
    assert set(served) <= mix
    # one meeting per purpose and rhythm (a lighter form can hold a purpose at another rhythm)
    meetings = [(item.id, item.frequency) for item in rec.cadence]
    assert len(meetings) == len(set(meetings))
    for fid in mix:  # every ritual of every framework in the mix has its meeting
        for ritual in KB.frameworks[fid].rituals:
            assert any(i.id == ritual.id and fid in i.frameworks for i in rec.cadence)


# --- unanswered questions ---------------------------------------------------------------------------


@PROPERTY
@given(raw=answer_sets())
def test_unanswered_lists_only_unanswered_questions_that_could_matter(
    raw: dict[str, Any],
) -> None:
    answers = _valid(raw)
    rec = recommend(KB, answers, sensitivity=False)
    view = profile(KB, answers)
    visible = {q.id for q in visible_questions(KB, answers)}
    undecided = [rule for rule in KB.rules if rule.when.evaluate(view) is None]
    for qid in rec.unanswered:
        assert qid not in answers, f"{qid} is answered"
        assert qid in visible, f"{qid} is hidden"
        assert any(qid in rule.when.questions() for rule in undecided), (
            f"{qid}: no undecided rule depends on it"
        )
    # and the converse: every visible unanswered question an undecided rule needs is listed
    needed = {q for rule in undecided for q in rule.when.questions() if q not in view}
    assert needed & visible <= set(rec.unanswered)
    assert len(rec.unanswered) == len(set(rec.unanswered))


# --- sensitivity -----------------------------------------------------------------------------------


@PROPERTY
@given(raw=answer_sets())
def test_sensitivity_moves_really_happen(raw: dict[str, Any]) -> None:
    answers = _valid(raw)
    rec = recommend(KB, answers)
    before = [item.id for item in rec.ranking]
    names = {fid: short(fid) for fid in KB.frameworks}
    for change in rec.sensitivity:
        assert change.question in KB.question_map
        assert answers.get(change.question) != change.value
        changed = {**answers, change.question: change.value}
        if change.value in (None, []):
            changed.pop(change.question)
        validate_answers(KB, changed)  # a what-if is an answer set someone could give
        after = [item.id for item in recommend(KB, changed, sensitivity=False).ranking]
        assert after[:3] != before[:3], f"{change.question}={change.value!r} changes no top 3"
        assert change.moves
        for move in change.moves:
            assert before.index(move.id) + 1 == move.from_rank
            assert after.index(move.id) + 1 == move.to_rank
            assert move.from_rank != move.to_rank
        risers = [m.id for m in change.moves if m.to_rank < m.from_rank]
        assert risers and any(names[fid] in change.text for fid in risers), change.text
