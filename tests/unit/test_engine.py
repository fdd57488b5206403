"""Engine behaviour through the public API: mix, retirements, cautions, cadence, sensitivity,
unanswered questions, why-not lifts and hidden questions.

Expected values are derived from the knowledge base (names, weights, rituals, settings) rather
than copied from an output, so the tests state behaviour, not a snapshot.
"""

from __future__ import annotations

from framework_advisor import recommend
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.recommendation import Recommendation
from framework_advisor.domain.rule import WeightEffect
from framework_advisor.engine.answers import validate_answers
from framework_advisor.engine.cadence import MEETINGS_PER_MONTH, meeting_cost
from framework_advisor.engine.index import index_for
from framework_advisor.engine.recommend import recommend as engine_recommend
from framework_advisor.errors import AnswersError

CHANGE_AND_HEALTH = ["strategic_change", "operational_health"]


def _mix(rec: Recommendation) -> dict[str, str]:
    return {layer.layer: layer.framework for layer in rec.mix}


def _frameworks(rec: Recommendation) -> list[str]:
    return list(dict.fromkeys(layer.framework for layer in rec.mix))


def _fit(rec: Recommendation, fid: str) -> int:
    return next(item.fit for item in rec.ranking if item.id == fid)


def _fired(rec: Recommendation) -> set[str]:
    return {reason.rule for item in rec.ranking for reason in item.reasons}


# --- mix ---------------------------------------------------------------------------------------


def test_the_cap_never_drops_the_health_layer_every_mix_has(kb: KnowledgeBase) -> None:
    """rules.yaml, layers_direction_and_health: "Every organisation needs a direction ... and a
    view of operational health: the seeds' advice is to use both", and this organisation
    even names operational health as a need. When the cap for a small team forces a choice,
    the layers every mix has must survive it; the optional ones (individual, execution) are
    the ones to leave out for now."""
    answers = {
        "stage": "scaleup",
        "function": "leadership",
        "team_size": 30,  # three new frameworks at once (kb.yaml policies.capacity)
        "needs": [
            "strategic_change",
            "operational_health",
            "individual_performance",
            "goal_clarity",
            "execution_discipline",
            "alignment",
        ],
    }
    rec = recommend(kb, answers)
    health = [f for f in kb.frameworks if "health" in kb.frameworks[f].layers]
    assert any(_fit(rec, f) >= kb.settings.mix_min_fit for f in health)
    assert len(_frameworks(rec)) <= kb.policies.capacity.most_new(30) < len(answers["needs"])
    assert {"direction", "health"} <= set(_mix(rec)), (
        f"mix {_mix(rec)} left out the health layer; cautions: "
        + "; ".join(c.text for c in rec.cautions if c.id == "too_many_frameworks")
    )


# --- cautions ------------------------------------------------------------------------------------


def _pay_cautions(rec: Recommendation) -> list[str]:
    return [c.text for c in rec.cautions if "OKR" in c.text and "MBO" in c.text]


# --- cadence --------------------------------------------------------------------------------------


def test_a_weekly_check_in_serving_okr_and_kpi_is_one_meeting(kb: KnowledgeBase) -> None:
    rec = recommend(kb, {"stage": "startup", "function": "company", "needs": CHANGE_AND_HEALTH})
    assert set(_frameworks(rec)) == {"okr", "kpi"}
    rituals = {fid: {r.id: r for r in kb.frameworks[fid].rituals} for fid in ("okr", "kpi")}
    shared = set(rituals["okr"]) & set(rituals["kpi"])
    assert "weekly_checkin" in shared
    for ritual_id in shared:
        (item,) = [i for i in rec.cadence if i.id == ritual_id]
        assert sorted(item.frameworks) == ["kpi", "okr"]
        assert item.ritual == kb.settings.ritual_names[ritual_id]
        minutes = max(rituals["okr"][ritual_id].minutes, rituals["kpi"][ritual_id].minutes)
        assert item.minutes_per_meeting == minutes
        assert item.minutes_per_month == round(minutes * MEETINGS_PER_MONTH[item.frequency])
    weekly = next(i for i in rec.cadence if i.id == "weekly_checkin")
    assert weekly.frequency == "weekly"
    # Merging saves time: the calendar is shorter than the two frameworks' rituals side by side.
    unmerged = sum(
        round(r.minutes * MEETINGS_PER_MONTH[r.frequency])
        for fid in ("okr", "kpi")
        for r in kb.frameworks[fid].rituals
    )
    assert rec.meeting_minutes_per_month < unmerged


def test_a_ritual_of_one_framework_keeps_its_own_name(kb: KnowledgeBase) -> None:
    rec = recommend(kb, {"stage": "startup", "function": "company", "needs": CHANGE_AND_HEALTH})
    for item in rec.cadence:
        if len(item.frameworks) == 1:
            (fid,) = item.frameworks
            own = next(r for r in kb.frameworks[fid].rituals if r.id == item.id)
            assert item.ritual == own.name


# --- sensitivity ----------------------------------------------------------------------------------


def test_sensitivity_lists_only_context_changes_that_move_the_top_three(
    kb: KnowledgeBase,
) -> None:
    answers = {"stage": "startup", "function": "company", "needs": CHANGE_AND_HEALTH}
    rec = recommend(kb, answers)
    top = [item.id for item in rec.ranking[:3]]
    assert 0 < len(rec.sensitivity) <= 5
    roles = {q.id: q.role for q in kb.questions}
    for change in rec.sensitivity:
        assert roles[change.question] == "context", change.question  # never scope or needs
        other = recommend(kb, {**answers, change.question: change.value})
        assert [item.id for item in other.ranking[:3]] != top, change
        label = kb.question_map[change.question].label
        assert label.lower() in change.text.lower()  # worded with labels, never ids


def test_sensitivity_never_varies_the_scope_of_the_assessment(kb: KnowledgeBase) -> None:
    rec = recommend(
        kb, {"headcount": 300, "function": "sales", "team_size": 12, "needs": ["alignment"]}
    )
    asked = {change.question for change in rec.sensitivity}
    assert not asked & {"organisation", "function", "team_size", "needs"}


def test_sensitivity_only_suggests_answers_that_are_valid(kb: KnowledgeBase) -> None:
    """A what-if must be an answer set someone could give. Regression: with a 60-person team
    in a 400-person company, sensitivity used to suggest "If headcount were 50 (or 1), ...",
    which validate_answers rejects (the team would be larger than the organisation)."""
    answers = {
        "headcount": 400,
        "function": "sales",
        "team_size": 60,
        "needs": ["operational_health", "individual_performance", "execution_discipline"],
        "compensation_linked": True,
    }
    rec = recommend(kb, answers)
    invalid = []
    for change in rec.sensitivity:
        changed = {**answers, change.question: change.value}
        try:
            validate_answers(kb, changed)
        except AnswersError as error:
            invalid.append(f"{change.question}={change.value!r}: {error.messages()}")
    assert invalid == [], "sensitivity suggests invalid answer sets: " + "; ".join(invalid)


# --- unanswered questions -------------------------------------------------------------------------


def test_unanswered_lists_undecided_optional_questions_and_never_answered_ones(
    kb: KnowledgeBase,
) -> None:
    answers = {
        "stage": "scaleup",
        "function": "sales",
        "needs": ["alignment"],
        "compensation_linked": False,
        "industry": "retail",
    }
    rec = recommend(kb, answers)
    listed = set(rec.unanswered)
    # Optional, unanswered, and some rule waits on them:
    assert {"team_size", "maturity", "leadership_time", "cross_functional"} <= listed
    # Answered questions never appear, nor questions no rule reads (organisation), nor the
    # required ones.
    assert not listed & set(answers)
    assert "organisation" not in listed
    assert listed <= {q.id for q in kb.questions if not q.required}
    # Listed in questionnaire order.
    order = [q.id for q in kb.questions]
    assert rec.unanswered == sorted(rec.unanswered, key=order.index)


def test_unanswered_is_empty_once_every_question_that_matters_is_answered(
    kb: KnowledgeBase,
) -> None:
    answers = {
        "headcount": 120,
        "function": "sales",
        "team_size": 12,
        "needs": ["alignment"],
        "compensation_linked": False,
        "current_frameworks": ["kpi"],
        "industry": "retail",
        "maturity": "kpis_only",
        "growth_model": "sales_led",
        "planning_horizon": "year",
        "change_pace": "moderate",
        "change_under_way": "none",
        "cross_functional": True,
        "leadership_time": "medium",
    }
    assert recommend(kb, answers).unanswered == []
    for dropped in ("maturity", "team_size", "current_frameworks"):
        rest = {k: v for k, v in answers.items() if k != dropped}
        assert recommend(kb, rest).unanswered == [dropped]


def test_stage_derived_from_headcount_is_not_unanswered(kb: KnowledgeBase) -> None:
    rec = recommend(kb, {"headcount": 30, "function": "company", "needs": ["alignment"]})
    assert rec.profile["stage"] == "startup"
    assert "stage" not in rec.unanswered
    assert "headcount" not in rec.unanswered


# --- why not: lifts -------------------------------------------------------------------------------


def test_lifts_explain_frameworks_outside_the_mix(kb: KnowledgeBase) -> None:
    rec = recommend(kb, {"stage": "scaleup", "function": "company", "needs": CHANGE_AND_HEALTH})
    mix = set(_frameworks(rec))
    fired = _fired(rec)
    all_rules = [indexed.rule for indexed in index_for(kb).rules]
    rules = {rule.id: rule for rule in all_rules}
    for item in rec.ranking:
        if item.id in mix:
            assert item.lifts == [], item.id
            continue
        raising = sorted(
            (effect.weight, rule.id)
            for rule in all_rules
            if rule.id not in fired
            for effect in rule.effects
            if isinstance(effect, WeightEffect)
            and effect.framework == item.id
            and effect.weight > 0
        )
        assert item.lifts, f"{item.id} is outside the mix with no why-not"
        assert len(item.lifts) <= 5
        assert item.lifts[0].effect == raising[-1][0]  # the strongest lift comes first
        assert [lift.effect for lift in item.lifts] == sorted(
            (lift.effect for lift in item.lifts), reverse=True
        )
        for lift in item.lifts:
            assert lift.rule not in fired
            effects = [
                e
                for e in rules[lift.rule].effects
                if isinstance(e, WeightEffect) and e.framework == item.id
            ]
            assert [e.weight for e in effects] == [lift.effect]
            assert lift.text == effects[0].reason
            assert lift.needs


def test_the_lift_for_hoshin_is_the_need_it_is_built_for(kb: KnowledgeBase) -> None:
    rec = recommend(kb, {"stage": "scaleup", "function": "company", "needs": CHANGE_AND_HEALTH})
    hoshin = next(item for item in rec.ranking if item.id == "hoshin_kanri")
    first = hoshin.lifts[0]
    rule = next(r.rule for r in index_for(kb).rules if r.rule.id == first.rule)
    assert rule.when.questions() == ["needs"]
    assert kb.question_map["needs"].label_of("long_term_transformation") in first.needs
    # Answering that need makes the lift a reason.
    after = recommend(
        kb,
        {
            "stage": "scaleup",
            "function": "company",
            "needs": [*CHANGE_AND_HEALTH, "long_term_transformation"],
        },
    )
    hoshin_after = next(item for item in after.ranking if item.id == "hoshin_kanri")
    assert hoshin.lifts[0].rule in {reason.rule for reason in hoshin_after.reasons}
    assert hoshin_after.fit == hoshin.fit + hoshin.lifts[0].effect


# --- hidden questions -----------------------------------------------------------------------------


def test_team_size_is_ignored_when_the_function_is_the_whole_company(kb: KnowledgeBase) -> None:
    base = {"stage": "scaleup", "function": "company", "needs": CHANGE_AND_HEALTH}
    without = recommend(kb, base)
    hidden = recommend(kb, {**base, "team_size": 3})
    assert "team_size" not in hidden.profile
    for field in ("ranking", "mix", "retire", "cautions", "cadence", "unanswered", "profile"):
        assert getattr(hidden, field) == getattr(without, field), field
    assert "team_size" not in hidden.unanswered
    # The same answer counts once the question applies: a 3-person sales team is a small team.
    visible = recommend(kb, {**base, "function": "sales", "team_size": 3})
    small_team = {r.id for r in kb.rules if r.when.questions() == ["team_size"]}
    assert small_team & _fired(visible)
    assert not small_team & _fired(hidden)


def test_engine_recommend_equals_public_recommend_on_validated_answers(kb: KnowledgeBase) -> None:
    raw = {"headcount": 75, "function": "product", "needs": ["product_focus", "goal_clarity"]}
    assert recommend(kb, raw) == engine_recommend(kb, validate_answers(kb, raw))


def test_because_texts_follow_the_answers_across_calls(kb) -> None:
    """The engine memoises "because you said" texts; a derived stage still names its headcount."""

    def said(headcount: int) -> list[str]:
        rec = recommend(kb, {"headcount": headcount, "function": "sales", "needs": ["alignment"]})
        return [r.because for item in rec.ranking for r in item.reasons if "Stage" in r.because]

    assert said(400) and all("from a headcount of 400" in text for text in said(400))
    assert said(700) and all("from a headcount of 700" in text for text in said(700))


# --- frameworks already in use ------------------------------------------------------------------

SALES_TEAM_ON_KPIS_AND_SMART = {
    "headcount": 300,
    "function": "sales",
    "needs": ["operational_health", "individual_performance"],
    "compensation_linked": True,
    "current_frameworks": ["kpi", "smart"],
    "growth_model": "sales_led",
    "leadership_time": "low",
}


def test_a_framework_in_use_is_kept_only_while_it_is_nearly_the_best_at_its_job(
    kb: KnowledgeBase,
) -> None:
    """SMART in use for pay-linked individual objectives gives way to MBO, built for them and
    far ahead of it (more than ``keep_current_margin``); the KPIs in use stay."""
    rec = recommend(kb, validate_answers(kb, SALES_TEAM_ON_KPIS_AND_SMART))
    margin = kb.settings.keep_current_margin
    assert _fit(rec, "mbo") > _fit(rec, "smart") + margin
    assert {"mbo", "kpi"} <= set(rec.phases[0].frameworks)
    assert [item.id for item in rec.retire] == ["smart"]
    assert "MBO" in rec.retire[0].why


def test_the_whole_calendar_counts_the_meetings_already_held(kb: KnowledgeBase) -> None:
    """Issue 22: the budget compares every meeting of phase one, kept and new, merged, with the
    leaders' time. KPIs in use stay; the plan fits the whole calendar within the budget by
    holding a meeting in its lighter documented form, names that form, and says how much of
    the time is held today."""
    answers = validate_answers(kb, SALES_TEAM_ON_KPIS_AND_SMART)
    rec = recommend(kb, answers)
    budget = kb.settings.meeting_budget_minutes["low"]
    full = meeting_cost(index_for(kb), rec.phases[0].frameworks)
    assert "kpi" in rec.phases[0].frameworks
    assert rec.meeting_minutes_per_month <= budget < full
    time = rec.meeting_time
    assert time is not None and time.over == 0 and time.variants
    assert time.held == rec.meeting_minutes_already_held > 0
    assert all(v in rec.summary for v in time.variants)
    assert f"about {rec.meeting_minutes_per_month} minutes a month" in rec.summary
    assert f"{time.held} of them in meetings you already hold for KPI" in rec.summary
    assert rec.summary.count("minutes a month") == 1
