"""Pay and frameworks already running (issue 21), over many sampled profiles: the properties
the plan states as policies (kb.yaml ``policies``).

Two samplers: the property tests' hypothesis strategy (``answer_sets``, which shrinks a failure
to a small profile) for a few hundred profiles, and a seeded sampler drawing the same way
(every question's options, numbers at the rules' thresholds, drawn answers within their source)
for 10,000 profiles in seconds; change their number with FRAMEWORK_ADVISOR_PAY_EXAMPLES.
"""

from __future__ import annotations

import os
import random
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from framework_advisor.domain.condition import Leaf
from framework_advisor.domain.recommendation import Recommendation
from framework_advisor.engine.pay import PAY_CAUTION
from framework_advisor.engine.recommend import recommend
from framework_advisor.engine.rollout import rollout_plan
from tests.unit.test_properties import KB, _thresholds, _valid, answer_sets

POLICY = KB.policies.pay
REASONS = {"conflict", "size_limit", "not_working", "aid", "outgrown"}
PAY_TRUE = Leaf(question="compensation_linked", op="eq", value=True)


def _steps_for_pay() -> tuple[set[str], set[str]]:
    """First-weeks steps written for goals that feed pay, and those written for goals that
    do not (they say scores will not drive pay)."""
    paid, unpaid = set(), set()
    for framework in KB.frameworks.values():
        for step in framework.rollout:
            text = " ".join(step.step.split())
            if step.when == PAY_TRUE:
                paid.add(text)
            if step.unless == PAY_TRUE:
                unpaid.add(text)
    return paid, unpaid


PAID_STEPS, UNPAID_STEPS = _steps_for_pay()
PAIRING_WHYS = {p.why for p in KB.pairings if p.when is not None}


def check_plan(answers: dict[str, Any], rec: Recommendation) -> None:
    mix = [layer.framework for layer in rec.mix]
    first = set(rec.phases[0].frameworks) if rec.phases else set()
    later = {f for phase in rec.phases[1:] for f in phase.frameworks}
    steps = {step.step for step in rollout_plan(KB, rec).first_weeks}
    cautions = {c.id for c in rec.cautions}
    if answers.get("compensation_linked") is True:
        assert PAY_CAUTION in cautions, "a pay-linked plan carries the pay caution"
        assert rec.pay is not None and rec.pay.text
        assert rec.pay.home is None or rec.pay.home in mix
        assert rec.pay.home not in POLICY.never, f"pay objectives in {rec.pay.home}"
        failing_home = set(answers.get("frameworks_not_working", [])) & set(POLICY.homes)
        if failing_home:  # pay moves to the review conversations that replace it
            assert rec.pay.home is None
        elif any(home in mix for home in POLICY.homes):
            assert rec.pay.home in POLICY.homes
        assert not steps & UNPAID_STEPS, "a first step says pay is not at stake"
    else:
        assert rec.pay is None and PAY_CAUTION not in cautions
        assert not steps & PAID_STEPS, "a first step assumes goals feed pay"
        assert not any(why in layer.why for layer in rec.mix for why in PAIRING_WHYS)
    current = answers.get("current_frameworks", [])
    retired = {item.id: item for item in rec.retire}
    hybrid = {"okr", "kpi"} if "okr_kpi_hybrid" in first else set()
    for fid in current:
        if fid in first or fid in hybrid:
            assert fid not in retired
            assert fid not in answers.get("frameworks_not_working", [])
            continue
        assert fid in retired, f"{fid} in use is neither in phase one nor retired"
        assert fid not in later, f"{fid} in use is only in a later phase"
        assert retired[fid].reason in REASONS and retired[fid].why
    for fid in answers.get("frameworks_not_working", []):
        assert fid not in first | later
        assert retired[fid].reason == "not_working"
    failing = set(answers.get("frameworks_not_working", []))
    if failing & {"okr", "kpi"} or {"okr", "kpi"} <= set(current):
        failing.add("okr_kpi_hybrid")  # it runs the OKRs and KPIs that fail, or already run
    servable = [n for n in KB.needs if n.need in answers["needs"]]
    held_over = rec.meeting_time is not None and rec.meeting_time.held_over
    if any(e.framework not in failing for n in servable for e in n.frameworks) and not held_over:
        # (the meetings kept take all the leaders' time: nothing new joins, issue 22)
        assert any(need.covered for need in rec.needs), "phase one covers no stated need"
    assert "covers 0 " not in rec.summary and "cover 0 " not in rec.summary


def _deep(count: int) -> Any:
    return settings(
        max_examples=count,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )


@_deep(300)
@given(raw=answer_sets())
def test_pay_and_in_use_policies_hold(raw: dict[str, Any]) -> None:
    answers = _valid(raw)
    check_plan(answers, recommend(KB, answers, sensitivity=False))


def sample_profile(rng: random.Random) -> dict[str, Any]:
    """One answer set drawn as ``answer_sets`` draws it, from a seeded generator."""
    answers: dict[str, Any] = {}
    for question in KB.questions:
        source = question.drawn_from
        if source is not None:
            if answers.get(source) and rng.random() < 0.5:
                chosen = answers[source]
                answers[question.id] = rng.sample(chosen, rng.randint(1, len(chosen)))
            continue
        if not (question.required or rng.random() < 0.5):
            continue
        values = [option.value for option in question.options]
        if question.type == "single":
            answers[question.id] = rng.choice(values)
        elif question.type == "multiple":
            low = 1 if question.required else 0
            answers[question.id] = rng.sample(values, rng.randint(low, len(values)))
        elif question.type == "number":
            low = question.min if question.min is not None else 0
            high = question.max if question.max is not None else 10**7
            edges = [v for v in _thresholds(question.id) | {low, high} if low <= v <= high]
            pick = rng.choice(sorted(edges)) if rng.random() < 0.5 else rng.randint(low, high)
            answers[question.id] = pick
        elif question.type == "yes_no":
            answers[question.id] = rng.random() < 0.5
    if "headcount" not in answers and "stage" not in answers:
        answers["headcount"] = rng.randint(1, 5000)
    team, headcount = answers.get("team_size"), answers.get("headcount")
    if team is not None and headcount is not None and team > headcount:
        answers["team_size"] = rng.randint(1, headcount)
    return answers


@pytest.mark.slow
def test_pay_and_in_use_policies_hold_over_10000_profiles() -> None:
    rng = random.Random(21)
    count = int(os.environ.get("FRAMEWORK_ADVISOR_PAY_EXAMPLES", "10000"))
    paid = in_use = not_working = 0
    for _ in range(count):
        answers = _valid(sample_profile(rng))
        check_plan(answers, recommend(KB, answers, sensitivity=False))
        paid += answers.get("compensation_linked") is True
        in_use += bool(answers.get("current_frameworks"))
        not_working += bool(answers.get("frameworks_not_working"))
    # the sample reaches every policy often, not only its easy cases
    assert min(paid, in_use, not_working) > count // 10
