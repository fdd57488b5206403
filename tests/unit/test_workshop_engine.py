"""Workshop aggregation through the engine's public functions, on a workshop with known
answers: every expected value below is worked out by hand from the answers (or, for the mix
and the fits, from the engine run on the answers the group should have)."""

from __future__ import annotations

import statistics

import pytest

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.workshop import Participant
from framework_advisor.engine.recommend import rank, recommend
from framework_advisor.engine.workshop import (
    group_answers,
    kendall_w,
    mean_pairwise_jaccard,
    summarise_workshop,
)

FIXED = {"organisation": "Acme", "function": "company"}
ANSWERS = [
    {"headcount": 30, "needs": ["strategic_change", "alignment"], "compensation_linked": True,
     "industry": "saas", "maturity": "none"},
    {"headcount": 40, "needs": ["strategic_change"], "compensation_linked": True,
     "industry": "saas", "maturity": "some_okrs"},
    {"headcount": 120, "needs": ["strategic_change", "alignment"], "compensation_linked": False,
     "industry": "saas", "maturity": "none"},
    {"headcount": 45, "needs": ["alignment", "execution_discipline"],
     "compensation_linked": True, "industry": "software", "maturity": "some_okrs"},
]  # fmt: skip
GROUP = {
    **FIXED,
    "headcount": 40,  # lower median of 30, 40, 45, 120
    "needs": ["strategic_change", "alignment"],  # 3 of 4 each; execution_discipline 1 of 4
    "compensation_linked": True,  # 3 of 4
    "industry": "saas",  # 3 of 4
    "maturity": "none",  # 2 against 2: the earlier option
}


def _participants() -> list[Participant]:
    return [
        Participant(f"P{i}", f"Person {i}", {**answers, **FIXED}, f"p{i}.yaml")
        for i, answers in enumerate(ANSWERS, start=1)
    ]


def test_kendalls_w_with_ties_matches_the_hand_computed_value() -> None:
    # Ranks (1 = highest): rater 1 [4, 2.5, 2.5, 1] (one pair tied: T = 2^3 - 2 = 6),
    # rater 2 [4, 3, 2, 1] (T = 0), rater 3 [1, 2, 3.5, 3.5] (T = 6). Rank sums 9, 7.5, 8, 5.5;
    # mean 7.5; S = 2.25 + 0 + 0.25 + 4 = 6.5; W = 12 * 6.5 / (9 * 60 - 3 * 12) = 78 / 504.
    rows = [[10, 20, 20, 30], [10, 20, 30, 40], [40, 30, 20, 20]]
    assert kendall_w(rows) == pytest.approx(78 / 504)
    # without the correction the value would be 78 / 540: the correction is applied
    assert kendall_w(rows) != pytest.approx(78 / 540)


def test_kendalls_w_is_one_for_identical_rankings_and_zero_for_opposite_pairs() -> None:
    assert kendall_w([[1, 2, 3], [1, 2, 3], [1, 2, 3]]) == pytest.approx(1.0)
    assert kendall_w([[1, 2, 3, 4], [4, 3, 2, 1]]) == pytest.approx(0.0)
    assert kendall_w([[1, 2, 3]]) is None  # one rater: undefined
    assert kendall_w([[5, 5], [5, 5]]) is None  # everything tied: undefined


def test_group_answers_follow_the_rules_for_each_question_type(kb: KnowledgeBase) -> None:
    group = group_answers(kb, [p.answers for p in _participants()], FIXED)
    assert group == GROUP


def test_multiple_choice_keeps_options_chosen_by_exactly_half(kb: KnowledgeBase) -> None:
    answers = [
        {**FIXED, "headcount": 10, "needs": ["alignment"]},
        {**FIXED, "headcount": 10, "needs": ["goal_clarity"]},
    ]
    assert group_answers(kb, answers, FIXED)["needs"] == ["goal_clarity", "alignment"]


def test_consensus_per_question_with_the_named_statistic(kb: KnowledgeBase) -> None:
    summary = summarise_workshop(kb, _participants(), fixed=FIXED)
    by_id = {d.question: d for d in summary.disagreements}
    assert set(by_id) == {"headcount", "needs", "compensation_linked", "industry", "maturity"}
    # needs: Jaccard AB 1/2, AC 1, AD 1/3, BC 1/2, BD 0, CD 1/3 -> mean 8/3 / 6 = 4/9
    assert by_id["needs"].statistic == "jaccard"
    assert by_id["needs"].consensus == pytest.approx(4 / 9)
    assert by_id["needs"].answers == {
        "strategic_change": 3, "alignment": 3, "execution_discipline": 1
    }  # fmt: skip
    assert by_id["maturity"].consensus == pytest.approx(0.5)
    assert by_id["maturity"].answers == {"none": 2, "some_okrs": 2}
    # headcount by stage band: 30, 40, 45 are startups, 120 a scale-up
    assert by_id["headcount"].answers == {"startup": 3, "scaleup": 1}
    assert by_id["headcount"].consensus == pytest.approx(0.75)
    assert by_id["headcount"].reached  # 75% is consensus
    assert by_id["compensation_linked"].answers == {"true": 3, "false": 1}
    assert by_id["industry"].reached
    assert not by_id["maturity"].reached and not by_id["needs"].reached
    # least consensus first
    values = [d.consensus for d in summary.disagreements]
    assert values == sorted(values)
    assert summary.disagreements[0].question == "needs"


def test_unanswered_questions_leave_the_participant_out(kb: KnowledgeBase) -> None:
    people = _participants()
    people[1] = Participant("P2", "Person 2", {k: v for k, v in people[1].answers.items()
                                                if k != "maturity"})  # fmt: skip
    summary = summarise_workshop(kb, people, fixed=FIXED)
    maturity = next(d for d in summary.disagreements if d.question == "maturity")
    assert maturity.answered == 3
    assert maturity.answers == {"none": 2, "some_okrs": 1}
    assert maturity.consensus == pytest.approx(2 / 3)


def test_a_configured_threshold_changes_what_counts_as_consensus(kb: KnowledgeBase) -> None:
    summary = summarise_workshop(kb, _participants(), fixed=FIXED, threshold=0.8)
    assert not next(d for d in summary.disagreements if d.question == "industry").reached


def test_group_ranking_is_the_mean_and_spread_of_the_participants_fits(
    kb: KnowledgeBase,
) -> None:
    people = _participants()
    summary = summarise_workshop(kb, people, fixed=FIXED)
    fits = [{item.id: item.fit for item in rank(kb, p.answers)} for p in people]
    for entry in summary.group_ranking:
        column = [row[entry.id] for row in fits]
        assert entry.fit == pytest.approx(statistics.fmean(column))
        assert entry.spread == pytest.approx(statistics.pstdev(column))
    means = [entry.fit for entry in summary.group_ranking]
    assert means == sorted(means, reverse=True)
    assert len(summary.group_ranking) == len(kb.frameworks)
    assert summary.participants_top["P1"].top == [
        item.id for item in rank(kb, people[0].answers)[:3]
    ]
    assert summary.participants_top["P1"].name == "Person 1"


def test_the_group_mix_is_the_engine_run_on_the_group_answers(kb: KnowledgeBase) -> None:
    summary = summarise_workshop(kb, _participants(), fixed=FIXED)
    expected = recommend(kb, GROUP, sensitivity=False)
    assert summary.recommendation.mix == expected.mix
    assert summary.recommendation.phases == expected.phases
    assert summary.recommendation.needs == expected.needs
    assert summary.recommendation.cadence == expected.cadence
    assert summary.top == [item.id for item in expected.ranking[:3]]
    assert summary.recommendation.mix  # a real mix, not empty


def _outcome(kb: KnowledgeBase, answers: dict) -> tuple[set[str], set[str]]:
    result = recommend(kb, answers, sensitivity=False)
    return {i.id for i in result.ranking[:3]}, {layer.framework for layer in result.mix}


def test_the_agenda_orders_disagreements_by_swing_times_disagreement(kb: KnowledgeBase) -> None:
    summary = summarise_workshop(kb, _participants(), fixed=FIXED, minutes=45)
    top, mix = _outcome(kb, GROUP)
    # maturity: the strongest alternative is the runner-up, some_okrs
    other_top, other_mix = _outcome(kb, {**GROUP, "maturity": "some_okrs"})
    maturity = next(d for d in summary.disagreements if d.question == "maturity")
    assert set(maturity.swing) == (top ^ other_top) | (mix ^ other_mix)
    assert maturity.alternative == "some_okrs"
    # needs: every option is one person from the half-way line (3, 3 and 1 of 4): the
    # earliest, strategic_change, switches (dropped)
    other_top, other_mix = _outcome(kb, {**GROUP, "needs": ["alignment"]})
    needs = next(d for d in summary.disagreements if d.question == "needs")
    assert set(needs.swing) == (top ^ other_top) | (mix ^ other_mix)

    assert [item.question for item in summary.agenda] == [
        d.question
        for d in sorted(
            (d for d in summary.disagreements if not d.reached),
            key=lambda d: -len(d.swing) * (1 - d.consensus),
        )
    ]
    scores = {d.question: len(d.swing) * (1 - d.consensus) for d in summary.disagreements}
    total = sum(scores[item.question] for item in summary.agenda)
    assert total > 0
    assert sum(item.minutes for item in summary.agenda) == 45
    for item in summary.agenda:
        assert abs(item.minutes - 45 * scores[item.question] / total) < 1
        assert "consensus at 75%" in item.why


def test_anonymous_summary_keeps_no_name(kb: KnowledgeBase) -> None:
    summary = summarise_workshop(kb, _participants(), fixed=FIXED, anonymous=True)
    assert all(top.name == "" for top in summary.participants_top.values())


def test_mean_pairwise_jaccard_on_small_sets() -> None:
    assert mean_pairwise_jaccard([{"a"}, {"a"}]) == 1.0
    assert mean_pairwise_jaccard([{"a"}, {"b"}]) == 0.0
    assert mean_pairwise_jaccard([{"a", "b"}, {"b"}, set()]) == pytest.approx((0.5 + 0 + 0) / 3)


def test_the_participant_chart_is_a_grid_up_to_50_and_a_distribution_beyond(
    kb: KnowledgeBase,
) -> None:
    from framework_advisor.render.workshop.html import html_summary

    names = {fid: f.name for fid, f in kb.frameworks.items()}
    base = _participants()
    few = [Participant(f"P{i}", "", base[i % 4].answers) for i in range(1, 51)]
    page = html_summary(summarise_workshop(kb, few, fixed=FIXED, anonymous=True), names)
    assert "Fit per participant (darker is a higher fit)" in page
    assert page.count("<rect") >= 50 * len(kb.frameworks)
    many = [Participant(f"P{i}", "", base[i % 4].answers) for i in range(1, 52)]
    page = html_summary(summarise_workshop(kb, many, fixed=FIXED, anonymous=True), names)
    assert "Fit across 51 participants (box: quartiles" in page
    assert "min " in page and "quartiles " in page  # the text alternative carries the numbers
