"""The workshop's group summary carries the group plan's examples (issue 24 items 2 and 6): the
one selection (`engine.examples.select_examples`) on the group's answers, shown as the report
shows them, so the summary, and the report and templates of the agreed plan, say the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from framework_advisor.domain.knowledge import KnowledgeBase
from tests.unit.test_workshop_summary_words import round_two

__all__ = ["round_two"]  # the fixture: three people of a SaaS company, round 2

HOSPITAL = {  # two leaders of a hospital group
    "coo": {"needs": ["operational_health", "alignment"], "industry": "healthcare",
            "compensation_linked": False, "maturity": "kpis_only"},
    "cmo": {"needs": ["operational_health"], "industry": "healthcare",
            "compensation_linked": False, "maturity": "kpis_only"},
}  # fmt: skip


@pytest.fixture
def hospital(run_cli, tmp_path: Path, fixed_date: str) -> Path:
    folder = tmp_path / "hospital"
    result = run_cli("workshop", "new", folder, "--title", "Hospital group",
                     "--set", "function=company", "--set", "headcount=2500")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    for who, answers in HOSPITAL.items():
        (folder / "participants" / f"{who}.yaml").write_text(yaml.safe_dump(answers))
    return folder


def _ok(result):
    assert result.exit_code == 0, result.stderr
    return result


@pytest.mark.parametrize("workshop", ["round_two", "hospital"])
def test_the_summary_shows_the_examples_the_agreed_plans_report_shows(
    run_cli, tmp_path: Path, request: pytest.FixtureRequest, workshop: str
) -> None:
    folder: Path = request.getfixturevalue(workshop)
    plan = tmp_path / "agreed.yaml"
    _ok(run_cli("workshop", "plan", folder, "-o", plan))
    report = json.loads(_ok(run_cli("report", "--answers", plan, "--format", "json")).stdout)
    summary = json.loads(_ok(run_cli("workshop", "summary", folder, "-f", "json")).stdout)
    assert summary["examples"] == report["examples"]
    shown = report["examples"]
    assert shown["okrs"] or shown["kpis"] or shown["roles"]
    text = _ok(run_cli("workshop", "summary", folder, "-f", "text")).stdout
    leads = [o["objective"] for o in shown["okrs"]] + [k["name"] for k in shown["kpis"]]
    leads += [item["lead"] for group in shown["roles"] for item in group["items"]]
    assert leads and all(lead in text for lead in leads)
    handout = _ok(run_cli("workshop", "summary", folder, "-f", "text", "--handout")).stdout
    assert not any(lead in handout for lead in leads), "the one-page handout stays one page"


def test_the_hospitals_summary_names_its_industry_and_no_other(
    run_cli, hospital: Path, kb: KnowledgeBase
) -> None:
    summary = json.loads(_ok(run_cli("workshop", "summary", hospital, "-f", "json")).stdout)
    industry = kb.question_map["industry"]
    assert industry.label_of("healthcare") in summary["examples"]["areas"]
    others = {industry.label_of(o.value) for o in industry.options} - {"Healthcare"}
    assert not others & set(summary["examples"]["areas"])


def test_the_summary_takes_the_one_selection(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No second selection: the engine's summary asks `select_examples`, with the group's
    answers, for what it shows."""
    from framework_advisor.domain.workshop import Participant
    from framework_advisor.engine import group_summary

    asked: list[dict] = []
    original = group_summary.select_examples

    def spy(kb_: KnowledgeBase, answers: dict):
        asked.append(dict(answers))
        return original(kb_, answers)

    monkeypatch.setattr(group_summary, "select_examples", spy)
    people = [
        Participant(id=f"P{i}", name="", answers={"headcount": 2500, **answers})
        for i, answers in enumerate(HOSPITAL.values(), start=1)
    ]
    summary = group_summary.summarise_workshop(kb, people)
    assert asked == [summary.group_answers]
    assert summary.examples == original(kb, summary.group_answers)
