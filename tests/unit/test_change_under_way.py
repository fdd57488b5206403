"""Context that should speak does (issue 23, item 4): the question `change_under_way` (a
restructuring, a merger or acquisition integration, a turnaround) lifts McKinsey 7S, and RACI
where roles are redrawn; EOS beyond the size its sources give (Traction: about 10-250 people)
carries the size caution while it stays, and is retired as outgrown, never for another reason.

The properties draw profiles with the seeded sampler of ``test_pay_and_in_use`` (every question's
options, numbers at the rules' thresholds); change their number with
FRAMEWORK_ADVISOR_CHANGE_EXAMPLES.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest

from framework_advisor.domain.contract import FIXED_QUESTIONS
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.rule import Rule, WeightEffect
from framework_advisor.domain.text import message
from framework_advisor.engine.outgrown import has_outgrown
from framework_advisor.engine.recommend import recommend
from tests.unit.test_pay_and_in_use import sample_profile
from tests.unit.test_properties import KB, _valid

QUESTION = "change_under_way"
REORGANISING = ("restructuring", "merger_integration")
SIZE_CAUTION = "caution_eos_size"
EXAMPLES = int(os.environ.get("FRAMEWORK_ADVISOR_CHANGE_EXAMPLES", "10000"))
EOS_LIMIT = KB.frameworks["eos"].size_range.max_headcount if KB.frameworks["eos"].size_range else 0


def _rules_for(value: str) -> list[Rule]:
    """The rules on the question that fire for this answer (with the need the team leads with)."""
    answers = {QUESTION: value, "needs": ["org_diagnosis"]}
    return [r for r in KB.rules if QUESTION in r.when.questions() and r.when.evaluate(answers)]


# --- the question, as data ------------------------------------------------------------------


def test_the_question_is_fixed_and_says_what_it_is_for(kb: KnowledgeBase) -> None:
    question = kb.question_map[QUESTION]
    kind, values = FIXED_QUESTIONS[QUESTION]
    assert question.type == kind == "single"
    assert [o.value for o in question.options] == list(values)
    text = (question.prompt + " " + question.help).casefold()
    for word in ("restructuring", "merger", "turnaround"):
        assert word in text
    assert question.when is None, "asked of everyone: a change is not tied to another answer"


@pytest.mark.parametrize("value", ["restructuring", "merger_integration", "turnaround"])
def test_each_change_lifts_7s_with_a_source(kb: KnowledgeBase, value: str) -> None:
    rules = _rules_for(value)
    assert rules, f"no rule answers {QUESTION}: {value}"
    lifts: dict[str, int] = {}
    for rule in rules:
        for effect in rule.effects:
            if isinstance(effect, WeightEffect):
                lifts[effect.framework] = lifts.get(effect.framework, 0) + effect.weight
                assert effect.reason.strip()
    assert lifts.get("mckinsey_7s", 0) > 0
    sources = " ".join(rule.source for rule in rules)
    assert "McKinsey" in sources
    if value in REORGANISING:  # the roles are redrawn: RACI settles who does what
        assert lifts.get("raci", 0) > 0
        assert "Structure is not organization" in sources and "Peters & Waterman" in sources


def test_none_of_these_moves_nothing(kb: KnowledgeBase) -> None:
    base = {"headcount": 600, "function": "leadership", "needs": ["org_diagnosis", "alignment"]}
    plain = recommend(kb, base)
    said = recommend(kb, {**base, QUESTION: "none"})
    assert [(r.id, r.fit) for r in said.ranking] == [(r.id, r.fit) for r in plain.ranking]
    assert QUESTION in plain.unanswered and QUESTION not in said.unanswered


def test_a_merger_moves_7s_up_for_the_issues_leadership_team(kb: KnowledgeBase) -> None:
    """The issue's own case: a leadership team diagnosing its organisation around an
    acquisition, who also want one direction and change, saw 7S third or fourth."""
    base = {
        "headcount": 1500,
        "function": "leadership",
        "team_size": 9,
        "needs": ["org_diagnosis", "strategic_change", "alignment"],
    }
    before = [r.id for r in recommend(kb, base).ranking]
    after = recommend(kb, {**base, QUESTION: "merger_integration"})
    assert before.index("mckinsey_7s") >= 2
    assert [r.id for r in after.ranking].index("mckinsey_7s") < 2
    reasons = next(r for r in after.ranking if r.id == "mckinsey_7s").reasons
    assert any("merger" in reason.text for reason in reasons)
    assert "mckinsey_7s" in [layer.framework for layer in after.mix]


def test_an_unknown_answer_is_an_answers_error_with_file_and_line(
    run_cli: Callable[..., Any], tmp_path: Path
) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(
        "headcount: 300\nfunction: company\nneeds: [alignment]\nchange_under_way: merger\n"
    )
    result = run_cli("recommend", "--answers", path)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "answers.yaml:4" in result.stderr and "merger_integration" in result.stderr


# --- EOS beyond its size --------------------------------------------------------------------


def test_eos_carries_its_size_and_the_reason_it_is_outgrown(kb: KnowledgeBase) -> None:
    size = kb.frameworks["eos"].size_range
    assert size is not None and size.max_headcount == 250
    assert "Traction" in size.source and "10-250" in size.outgrown
    said = kb.text.say(message("in_use.outgrown", why=size.outgrown, source=size.source))
    assert size.outgrown in said and size.source in said


def test_a_2500_person_company_on_eos_hears_it_has_outgrown_it(kb: KnowledgeBase) -> None:
    """The issue's case: retired as "the Balanced Scorecard serves health better"."""
    answers = {
        "headcount": 2500,
        "function": "company",
        "needs": ["operational_health", "strategy_translation"],
        "current_frameworks": ["eos"],
    }
    rec = recommend(kb, answers)
    (retired,) = [r for r in rec.retire if r.id == "eos"]
    assert retired.reason == "outgrown"
    assert "outgrown" in retired.why and "10-250" in retired.why
    assert "serves" not in retired.why
    json = msgspec.json.decode(msgspec.json.encode(rec))
    assert {"id": "eos", "reason": "outgrown"}.items() <= json["retire"][0].items()


def test_a_size_range_in_a_pack_is_checked_where_it_is_written(
    run_cli: Callable[..., Any], tmp_path: Path
) -> None:
    core = Path(__file__).parents[2] / "knowledge" / "frameworks" / "eos.yaml"
    text = core.read_text(encoding="utf-8")
    assert "  max_headcount: 250" in text
    line = text.splitlines().index("  max_headcount: 250") + 1
    pack = tmp_path / "pack"
    (pack / "frameworks").mkdir(parents=True)
    (pack / "pack.yaml").write_text('name: p\nversion: "1.0"\nschema_version: 2\n')
    (pack / "frameworks" / "eos.yaml").write_text(
        text.replace("max_headcount: 250", "max_headcount: 0")
    )
    result = run_cli("validate", "--kb", pack)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert f"eos.yaml:{line}" in result.stderr


# --- properties over sampled profiles -------------------------------------------------------


def _reorganising_leadership(rng: random.Random, most_others: int = 1) -> dict[str, Any]:
    """A leadership team in a restructuring or an integration whose leading need is diagnosing
    the organisation, with at most ``most_others`` other needs (the engine weighs needs alike,
    so "first" means the need the team leads with, not the order of a list)."""
    answers = sample_profile(rng)
    others = [o.value for o in KB.question_map["needs"].options if o.value != "org_diagnosis"]
    answers["function"] = "leadership"
    answers[QUESTION] = rng.choice(REORGANISING)
    answers["needs"] = ["org_diagnosis", *rng.sample(others, rng.randint(0, most_others))]
    return _valid(answers)


@pytest.mark.slow
def test_a_reorganising_leadership_team_sees_7s_in_its_top_two() -> None:
    rng = random.Random(2301)
    for _ in range(EXAMPLES):
        answers = _reorganising_leadership(rng)
        top = [r.id for r in recommend(KB, answers, sensitivity=False).ranking[:2]]
        assert "mckinsey_7s" in top, (answers, top)


@pytest.mark.slow
def test_with_two_other_needs_7s_is_still_in_the_top_two_almost_always() -> None:
    """The issue's own leadership team led with the diagnosis and added two needs (direction
    and change), each with a framework built for it: 7S is in the top two for at least 95% of
    such teams (97% when this was written; the rest add two needs that one framework is built
    for or serves, such as a multi-year transformation and strategy translation)."""
    rng = random.Random(2303)
    count = EXAMPLES // 2
    missed = 0
    for _ in range(count):
        answers = _reorganising_leadership(rng, most_others=2)
        top = [r.id for r in recommend(KB, answers, sensitivity=False).ranking[:2]]
        missed += "mckinsey_7s" not in top
    assert missed <= count * 0.05, f"7S outside the top two for {missed} of {count}"


def _with_eos(rng: random.Random) -> dict[str, Any]:
    answers = sample_profile(rng)
    current = [f for f in answers.get("current_frameworks", []) if f != "eos"]
    answers["current_frameworks"] = ["eos", *current]
    failing = answers.get("frameworks_not_working") or []
    answers["frameworks_not_working"] = [f for f in failing if f in answers["current_frameworks"]]
    if rng.random() < 0.8:
        answers.pop("stage", None)
        answers["headcount"] = rng.choice([EOS_LIMIT, EOS_LIMIT + 1, rng.randint(1, 5000)])
        if answers.get("team_size", 0) > answers["headcount"]:
            answers["team_size"] = answers["headcount"]
    return _valid(answers)


@pytest.mark.slow
def test_eos_beyond_its_size_is_never_kept_quietly_nor_retired_for_another_reason() -> None:
    rng = random.Random(2302)
    beyond = kept_beyond = retired_beyond = 0
    for _ in range(EXAMPLES):
        answers = _with_eos(rng)
        rec = recommend(KB, answers, sensitivity=False)
        retired = {r.id: r for r in rec.retire}
        cautions = {c.id for c in rec.cautions}
        outgrown = has_outgrown(KB, "eos", answers)
        if not outgrown:
            assert all(r.reason != "outgrown" for r in rec.retire), answers
            continue
        beyond += 1
        if "eos" in retired:
            retired_beyond += 1
            expected = "not_working" if "eos" in answers["frameworks_not_working"] else "outgrown"
            assert retired["eos"].reason == expected, (answers, retired["eos"])
        else:
            kept_beyond += 1
            assert SIZE_CAUTION in cautions, (
                "EOS kept beyond its size without the caution",
                answers,
            )
        if "eos" in {layer.framework for layer in rec.mix}:
            assert SIZE_CAUTION in cautions
    # the sample reaches both outcomes, not only the easy one
    assert min(kept_beyond, retired_beyond) > EXAMPLES // 50, (beyond, kept_beyond, retired_beyond)


# --- the workshop ---------------------------------------------------------------------------


def test_a_workshop_groups_the_change_and_merges_a_persons_two_files(
    run_cli: Callable[..., Any], tmp_path: Path
) -> None:
    from tests.unit.test_workshop_cli import _summary, _workshop

    said = ["merger_integration", "merger_integration", "restructuring", "turnaround"]
    people = {
        name: {"headcount": 1500, "needs": ["org_diagnosis"], QUESTION: value}
        for name, value in zip(["Ada M", "Bo L", "Cy O", "Dee W"], said, strict=True)
    }
    folder = _workshop(run_cli, tmp_path, people)
    summary = _summary(run_cli, folder)
    assert summary["group_answers"][QUESTION] == "merger_integration"
    (split,) = [item for item in summary["disagreements"] if item["question"] == QUESTION]
    assert split["consensus"] == 0.5 and split["answers"]["merger_integration"] == 2
    assert summary["group_ranking"][0]["id"] == "mckinsey_7s", summary["group_ranking"][:3]
    result = run_cli("workshop", "merge", folder, "cy.yaml", "dee.yaml")
    assert result.exit_code == 0, result.stderr
    label = KB.question_map[QUESTION].label
    assert any(line.startswith(f"{label}: ") for line in result.stderr.splitlines())


def test_the_blank_answers_file_offers_the_question_and_reads_back(
    run_cli: Callable[..., Any], tmp_path: Path
) -> None:
    result = run_cli("questions", "--format", "yaml")
    assert result.exit_code == 0, result.stderr
    template = result.stdout
    for option in KB.question_map[QUESTION].options:
        assert option.value in template and option.label in template
    filled = template.replace(f"{QUESTION}:\n", f"{QUESTION}: turnaround\n")
    filled = filled.replace("\nneeds:\n", "\nneeds: [org_diagnosis]\n")
    filled = filled.replace("\nfunction:\n", "\nfunction: leadership\n")
    filled = filled.replace("\nheadcount:\n", "\nheadcount: 800\n")
    path = tmp_path / "answers.yaml"
    path.write_text(filled, encoding="utf-8")
    shown = run_cli("recommend", "--answers", path, "--format", "json")
    assert shown.exit_code == 0, shown.stderr
    assert '"change_turnaround"' in shown.stdout  # the rule fired from the file's answer
