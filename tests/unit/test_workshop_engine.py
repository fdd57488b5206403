"""Workshop aggregation through the engine's public functions, on a workshop with known
answers: every expected value below is worked out by hand from the answers (or, for the mix
and the fits, from the engine run on the answers the group should have)."""

from __future__ import annotations

import statistics

import pytest

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.workshop import SLOT_MINUTES, Participant
from framework_advisor.engine.agreement import level, most_needed
from framework_advisor.engine.group_answers import group_answers
from framework_advisor.engine.group_statistics import kendall_w, mean_pairwise_jaccard
from framework_advisor.engine.group_summary import summarise_workshop
from framework_advisor.engine.recommend import rank, recommend

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
    # in words: each of needs' options has 3 of 4 on one side (most agree); maturity 2 against 2
    assert by_id["needs"].agreement == "most" and by_id["needs"].holders == 3
    assert by_id["maturity"].agreement == "split" and not by_id["maturity"].reached
    assert by_id["headcount"].agreement == "most"
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
    base = _participants()[0].answers
    people = [
        Participant(f"P{i}", "", {**base, "industry": "saas" if i <= 8 else "software"})
        for i in range(1, 11)
    ]

    def industry(threshold: float) -> str:
        summary = summarise_workshop(kb, people, fixed=FIXED, threshold=threshold)
        return next(d for d in summary.disagreements if d.question == "industry").agreement

    assert industry(0.75) == "most"  # 8 of 10
    assert industry(0.9) == "split"  # 9 of 10 needed


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


def test_each_position_says_who_holds_it_and_what_it_would_change(kb: KnowledgeBase) -> None:
    summary = summarise_workshop(kb, _participants(), fixed=FIXED, minutes=45)
    _, mix = _outcome(kb, GROUP)
    maturity = next(d for d in summary.disagreements if d.question == "maturity")
    assert [(p.answer, p.holders, p.is_group) for p in maturity.positions] == [
        ("none", ["P1", "P3"], True),
        ("some_okrs", ["P2", "P4"], False),
    ]
    _, other_mix = _outcome(kb, {**GROUP, "maturity": "some_okrs"})
    runner_up = maturity.positions[1]
    assert set(runner_up.enters) == other_mix - mix and set(runner_up.leaves) == mix - other_mix
    # a list answer: each contested option, with the plan without it (in the group's answer)
    # or with it (outside)
    needs = next(d for d in summary.disagreements if d.question == "needs")
    by_option = {p.answer: p for p in needs.positions}
    assert by_option["execution_discipline"].holders == ["P4"]
    assert not by_option["execution_discipline"].is_group
    _, with_it = _outcome(kb, {**GROUP, "needs": [*GROUP["needs"], "execution_discipline"]})
    assert set(by_option["execution_discipline"].enters) == with_it - mix
    assert by_option["strategic_change"].holders == ["P1", "P2", "P3"]
    _, without = _outcome(kb, {**GROUP, "needs": ["alignment"]})
    assert set(by_option["strategic_change"].leaves) == mix - without


@pytest.mark.parametrize("minutes", [10, 15, 45, 60, 240])
def test_the_agenda_adds_up_and_no_row_is_under_five_minutes(
    kb: KnowledgeBase, minutes: int
) -> None:
    summary = summarise_workshop(kb, _participants(), fixed=FIXED, minutes=minutes)
    assert sum(row.minutes for row in summary.agenda) == minutes
    assert all(row.minutes >= SLOT_MINUTES for row in summary.agenda)
    assert [summary.agenda[0].kind, summary.agenda[-1].kind] == ["opening", "closing"]
    topics = [row for row in summary.agenda if row.kind == "topic"]
    differing = {d.question for d in summary.disagreements if d.agreement != "all"}
    # every difference is on the agenda or in "also differs", never both
    assert {row.question for row in topics} | set(summary.also_differs) == differing
    assert not {row.question for row in topics} & set(summary.also_differs)
    for row in topics:  # only what changes the plan or is a decision gets time
        assert row.changes_plan or row.decision
        assert row.ask == kb.question_map[row.question].prompt and row.options


def test_a_decision_gets_time_even_when_only_one_person_differs(kb: KnowledgeBase) -> None:
    """Goals feed pay is a decision in its own right (`decision: true`): 3 of 4 say yes."""
    assert kb.question_map["compensation_linked"].decision
    summary = summarise_workshop(kb, _participants(), fixed=FIXED, minutes=60)
    pay = next(row for row in summary.agenda if row.question == "compensation_linked")
    assert pay.decision and pay.minutes >= SLOT_MINUTES
    # a split question comes before one most agree on
    topics = [row.question for row in summary.agenda if row.kind == "topic"]
    assert topics.index("maturity") < topics.index("compensation_linked")


def test_a_short_session_leaves_what_does_not_fit_to_also_differs(kb: KnowledgeBase) -> None:
    summary = summarise_workshop(kb, _participants(), fixed=FIXED, minutes=15)
    assert [row.kind for row in summary.agenda] == ["opening", "topic", "closing"]
    assert len(summary.also_differs) >= 1


def test_small_groups_two_people_agree_or_split_three_most_is_two() -> None:
    assert most_needed(2, 0.75) is None
    assert [level(h, 2, 0.75) for h in (1, 2)] == ["split", "all"]
    assert most_needed(3, 0.75) == 2
    assert [level(h, 3, 0.75) for h in (1, 2, 3)] == ["split", "most", "all"]
    assert most_needed(4, 0.75) == 3 and most_needed(10, 0.75) == 8
    assert most_needed(4, 0.3) == 3  # always more than half
    assert most_needed(10, 1.0) is None  # 100%: everyone, or split
    assert level(1, 1, 0.75) == "all"


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
    from framework_advisor.render.workshop.writers import summary_html as html_summary

    names = {fid: f.name for fid, f in kb.frameworks.items()}
    base = _participants()
    few = [Participant(f"P{i}", "", base[i % 4].answers) for i in range(1, 51)]
    page = html_summary(summarise_workshop(kb, few, fixed=FIXED, anonymous=True), names, kb.text)
    assert "Fit per participant (darker is a higher fit)" in page
    assert page.count("<rect") >= 50 * len(kb.frameworks)
    many = [Participant(f"P{i}", "", base[i % 4].answers) for i in range(1, 52)]
    page = html_summary(summarise_workshop(kb, many, fixed=FIXED, anonymous=True), names, kb.text)
    assert "Fit across 51 participants (box: quartiles" in page
    assert "min " in page and "quartiles " in page  # the text alternative carries the numbers


def test_a_participant_sees_where_they_differ_from_the_group(kb: KnowledgeBase) -> None:
    from framework_advisor.engine.group_summary import differences

    summary = summarise_workshop(kb, _participants(), fixed=FIXED)
    # P4: needs alignment + execution (the group: strategic change + alignment), industry
    # software (the group: saas), maturity some_okrs (the group: none), headcount 45 (a startup,
    # as the group), pay yes (as the group)
    found = {d.question: d for d in differences(kb, summary, _participants()[3].answers)}
    assert set(found) == {"needs", "industry", "maturity"}
    industry = kb.question_map["industry"]
    assert (found["industry"].yours, found["industry"].group) == (
        industry.label_of("software"),
        industry.label_of("saas"),
    )
    assert differences(kb, summary, {**_participants()[0].answers, "maturity": "none"}) == []
