"""The whole calendar within the leaders' time, and a plan sized to the organisation (issue 22),
over 10,000 sampled profiles: the properties the issue names, checked on every profile, and the
means it names over the whole sample."""

from __future__ import annotations

import os
import random
from collections import defaultdict
from typing import Any

import pytest

from framework_advisor.domain.recommendation import Recommendation
from framework_advisor.engine.cadence import calendar_minutes, fit_calendar, meeting_cost
from framework_advisor.engine.index import index_for
from framework_advisor.engine.recommend import recommend

from .test_pay_and_in_use import KB, _valid, sample_profile

INDEX = index_for(KB)
BANDS = (20, 250, 1000)
"""Headcount bands for the mean phase-one size: under 20, 20-249, 250-999, 1,000 or more."""


def band(headcount: int) -> int:
    return sum(headcount >= edge for edge in BANDS)


def check_time(answers: dict[str, Any], rec: Recommendation) -> None:
    """Phase one's meeting time: the whole calendar, stated with the right verdict."""
    time = rec.meeting_time
    if not rec.phases:
        assert time is None
        return
    assert time is not None
    first = rec.phases[0]
    running = [f for f in first.frameworks if f in (answers.get("current_frameworks") or [])]
    frameworks = [f for f in first.frameworks]
    # the merged calendar's minutes are the sum of its meetings, each its length times its
    # frequency, and what the search weighed for the same members
    assert time.minutes == first.meeting_minutes_per_month
    assert first.meeting_minutes_per_month == sum(i.minutes_per_month for i in first.cadence)
    full = meeting_cost(INDEX, frameworks)
    budget = time.budget
    assert budget == KB.settings.meeting_budget_minutes.get(answers.get("leadership_time", ""))
    minutes, lightened = fit_calendar(INDEX, frameworks, budget)
    assert minutes == time.minutes == calendar_minutes(INDEX, frameworks, lightened)
    # a lighter form only when the full calendar does not fit, and each one named
    assert bool(time.variants) == bool(lightened) and (not lightened or full > budget)  # type: ignore[operator]
    assert all(variant in time.text for variant in time.variants)
    assert set(running) <= set(frameworks) and set(time.running) <= set(running)
    if budget is None:
        assert time.over == 0 and "within" not in time.text
    elif time.minutes > budget:
        # over the budget: never said to fit, always by how much
        assert time.over == time.minutes - budget > 0
        assert f"{time.over} more than the {budget}" in time.text and "within" not in time.text
        assert any(c.id == "meeting_budget" and c.text == time.text for c in rec.cautions)
    else:
        assert time.over == 0 and f"within the {budget}" in time.text
        assert not any(c.id == "meeting_budget" for c in rec.cautions)
    if time.held_over:  # the meetings kept exceed it: nothing new adds minutes
        kept = calendar_minutes(INDEX, time.running, lightened)
        assert kept == time.minutes, (time.running, frameworks)
    # page one states the meeting time once
    assert rec.summary.count(time.text) == 1
    assert rec.summary.count("minutes a month") == time.text.count("minutes a month")


def check_starts(answers: dict[str, Any], rec: Recommendation) -> None:
    """Phase one's new frameworks start together, or one after another where the stagger
    policy holds, and never more at once than the capacity for the headcount allows."""
    if not rec.phases:
        return
    current = set(answers.get("current_frameworks") or [])
    first = rec.phases[0]
    new = [f for f in first.frameworks if f not in current]
    assert sorted(s.framework for s in first.starts) == sorted(new)
    view = rec.profile  # the answers the engine uses (a hidden question's answer is not)
    sizes = [n for n in (view.get("headcount"), view.get("team_size")) if n is not None]
    capacity = KB.policies.capacity
    if sizes:
        most = capacity.most_new(min(sizes))
        assert most is not None and len(new) <= max(most, 1), (new, sizes)
        if min(sizes) < 20:
            assert len(new) < 3, new
    stagger = capacity.stagger
    assert stagger is not None
    weeks = [s.week for s in first.starts]
    if stagger.applies(rec.profile) and len(new) > 1:
        assert weeks == [1 + i * stagger.weeks for i in range(len(new))]
        assert all(s.why for s in first.starts)
        for before, start in zip(first.starts, first.starts[1:], strict=False):
            # "every weekly meeting held" only after a framework that holds weekly meetings
            rituals = KB.frameworks[before.framework].rituals
            weekly = any(r.frequency in ("daily", "weekly") for r in rituals)
            said = start.why_message
            assert said is not None
            assert said.id == ("stagger.next" if weekly else "stagger.next_not_weekly"), said
        assert first.starts[0].why in rec.summary and first.starts[1].why in rec.summary
    else:
        assert set(weeks) <= {1}


def test_capacity_and_stagger_name_real_questions_and_answers() -> None:
    capacity = KB.policies.capacity
    questions = {q.id: {o.value for o in q.options} for q in KB.questions}
    assert capacity.stagger is not None and capacity.stagger.when_any
    for qid, values in capacity.stagger.when_any.items():
        assert qid in questions and set(values) <= questions[qid], qid
    bands = capacity.new_at_once
    assert bands and bands[-1].below is None
    edges = [b.below for b in bands[:-1]]
    assert edges == sorted(edges)  # type: ignore[type-var]
    assert [b.most for b in bands] == sorted(b.most for b in bands)  # capacity grows with size
    assert capacity.sources and capacity.stagger.sources and KB.policies.budget.sources


def check_replacements(answers: dict[str, Any], rec: Recommendation) -> None:
    """A later phase replaces only a stand-in of the phases before it: a framework the plan
    started (never one in use) that merely supports every stated need it serves, taken over by
    one at least serving one of them; the phase's calendar no longer holds its meetings."""
    current = set(answers.get("current_frameworks") or [])
    stated = [n for n in answers.get("needs", []) if n in INDEX.need_strengths]
    before: set[str] = set()
    for phase in rec.phases:
        assert set(phase.replaces) <= before
        for fid in phase.replaces:
            assert fid not in current
            served = [n for n in stated if fid in INDEX.need_strengths[n]]
            assert served and all(INDEX.need_strengths[n][fid] == "supports" for n in served)
            assert any(
                INDEX.need_strengths[n].get(f) in ("built_for", "serves")
                for n in served
                for f in phase.frameworks
            )
            assert all(fid not in item.frameworks for item in phase.cadence)
        assert bool(phase.replaces) == (
            phase.why_message is not None and phase.why_message.id == "phase.why.replaces"
        )
        before |= set(phase.frameworks)


@pytest.mark.slow
def test_budget_and_capacity_hold_over_10000_profiles() -> None:
    rng = random.Random(22)
    count = int(os.environ.get("FRAMEWORK_ADVISOR_BUDGET_EXAMPLES", "10000"))
    sizes: dict[int, list[int]] = defaultdict(list)
    over = lighter = held_over = staggered = replaced = 0
    for _ in range(count):
        answers = _valid(sample_profile(rng))
        rec = recommend(KB, answers, sensitivity=False)
        check_time(answers, rec)
        check_starts(answers, rec)
        check_replacements(answers, rec)
        replaced += any(p.replaces for p in rec.phases)
        if rec.phases and answers.get("headcount") is not None and "team_size" not in answers:
            sizes[band(answers["headcount"])].append(len(rec.phases[0].frameworks))
        time = rec.meeting_time
        over += bool(time and time.over)
        lighter += bool(time and time.variants)
        held_over += bool(time and time.held_over)
        staggered += any(s.week > 1 for p in rec.phases[:1] for s in p.starts)
    means = [sum(sizes[b]) / len(sizes[b]) for b in range(len(BANDS) + 1)]
    # mean phase-one size grows with headcount
    assert means == sorted(means) and means[-1] > means[0] + 0.3, means
    # the sample reaches every branch often, not only its easy cases
    assert min(over, lighter, staggered) > count // 50, (over, lighter, staggered)
    assert held_over > 0 and replaced > 0


def test_a_lighter_form_at_another_rhythm_is_its_own_meeting() -> None:
    """FAST's weekly goal discussion held in its lighter, monthly form beside the KPIs' weekly
    metrics review: the calendar holds both, each once, and adds them up (the lighter form's 60
    minutes are not squeezed into a 15-minute review no source describes)."""
    rec = recommend(
        KB,
        _valid(
            {
                "stage": "startup",
                "function": "company",
                "needs": ["operational_health"],
                "current_frameworks": ["kpi", "mbo", "fast"],
                "leadership_time": "low",
            }
        ),
        sensitivity=False,
    )
    assert {"kpi", "fast"} <= {layer.framework for layer in rec.mix}
    meetings = [(item.id, item.frequency) for item in rec.cadence]
    assert len(meetings) == len(set(meetings))
    monthly = next(i for i in rec.cadence if "fast" in i.frameworks and i.id == "weekly_checkin")
    assert monthly.frequency == "monthly" and monthly.variant == "Monthly goal discussion"
    assert rec.meeting_minutes_per_month == sum(item.minutes_per_month for item in rec.cadence)


def test_a_company_on_kpis_with_little_time_starts_okr_when_time_allows() -> None:
    """Issue 22's 120-person company that runs KPIs, wants change goals and has little time:
    V2MOM stands in now, within the budget; OKR, built for change, takes over in a later phase."""
    rec = recommend(
        KB,
        _valid(
            {
                "headcount": 120,
                "function": "company",
                "needs": ["strategic_change", "operational_health"],
                "current_frameworks": ["kpi"],
                "industry": "manufacturing",
                "maturity": "kpis_only",
                "leadership_time": "low",
            }
        ),
        sensitivity=False,
    )
    first, *later = rec.phases
    assert "kpi" in first.frameworks and "okr" not in first.frameworks
    assert rec.meeting_time is not None and rec.meeting_time.over == 0
    takes_over = [p for p in later if "okr" in p.frameworks]
    assert takes_over and takes_over[0].replaces == [f for f in first.frameworks if f != "kpi"]
    assert "takes over the job" in takes_over[0].why
