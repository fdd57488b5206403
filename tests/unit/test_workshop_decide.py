"""From the room to the agreed plan (issue 30, item 7): `workshop decide` records the room's
decisions in workshop.yaml with who and when; `workshop plan` writes the agreed answers file,
which `report` and `templates` read; the summary shows what is decided and what is open."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from framework_advisor.domain.knowledge import KnowledgeBase

TEAM = {
    "ceo": {"needs": ["strategic_change", "alignment"], "compensation_linked": False,
            "industry": "saas", "maturity": "none", "_meta": {"participant": "Ana Reyes"}},
    "cfo": {"needs": ["alignment"], "compensation_linked": True, "industry": "saas",
            "maturity": "some_okrs", "_meta": {"participant": "Carl Brandt"}},
    "cto": {"needs": ["execution_discipline", "alignment"], "compensation_linked": False,
            "industry": "software", "maturity": "none", "_meta": {"participant": "Tess Okafor"}},
}  # fmt: skip


@pytest.fixture
def room(run_cli, tmp_path: Path) -> Path:
    folder = tmp_path / "acme"
    result = run_cli("workshop", "new", folder, "--title", "Acme leadership",
                     "--set", "function=company", "--set", "headcount=120")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    for who, answers in TEAM.items():
        (folder / "participants" / f"{who}.yaml").write_text(yaml.safe_dump(answers))
    return folder


def _config(folder: Path) -> dict:
    return yaml.safe_load((folder / "workshop.yaml").read_text())


def _summary(run_cli, folder: Path) -> dict:
    result = run_cli("workshop", "summary", folder, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_a_decision_is_recorded_with_who_and_when(run_cli, room: Path) -> None:
    result = run_cli("workshop", "decide", room, "compensation_linked=yes", "--by", "Ana Reyes")
    assert result.exit_code == 0, result.stderr
    assert "Goals feed pay: Yes" in result.stderr
    [decision] = _config(room)["decisions"]
    assert decision["question"] == "compensation_linked" and decision["value"] is True
    assert decision["by"] == "Ana Reyes" and decision["at"].endswith("Z")
    # deciding again replaces the earlier decision
    assert run_cli("workshop", "decide", room, "compensation_linked=no").exit_code == 0
    [decision] = _config(room)["decisions"]
    assert decision["value"] is False and decision["by"] == "the room"


@pytest.mark.parametrize(
    "setting,said",
    [
        ("compensaton_linked=no", "Did you mean 'compensation_linked'?"),
        ("industry=saasy", "Did you mean 'saas'?"),
        ("function=sales", "fixed for everyone"),
        ("headcount=400", "fixed for everyone"),  # a fixed headcount decides the stage too
        ("stage=growth", "fixed for everyone"),
        ("needs", "expected QUESTION=VALUE"),
        ("industry=", "give the value"),
    ],
)
def test_a_bad_decision_is_one_line_and_changes_nothing(
    run_cli, room: Path, setting: str, said: str
) -> None:
    before = (room / "workshop.yaml").read_bytes()
    result = run_cli("workshop", "decide", room, "industry=software", setting)
    assert result.exit_code == 2
    assert said in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert (room / "workshop.yaml").read_bytes() == before  # not even the good one


def test_a_hand_edited_bad_decision_names_the_file_and_field(run_cli, room: Path) -> None:
    config = _config(room)
    config["decisions"] = [{"question": "industry", "value": "saasy", "by": "x", "at": "y"}]
    (room / "workshop.yaml").write_text(yaml.safe_dump(config))
    result = run_cli("workshop", "summary", room)
    assert result.exit_code == 2
    assert "workshop.yaml: decisions[0]" in result.stderr and "saasy" in result.stderr


def test_the_summary_follows_the_decisions_and_shows_what_is_open(run_cli, room: Path) -> None:
    before = _summary(run_cli, room)
    assert before["group_answers"]["compensation_linked"] == "false"  # 2 of 3 say no
    assert "compensation_linked" in before["open"] and before["decided"] == []
    assert run_cli("workshop", "decide", room, "compensation_linked=yes").exit_code == 0
    after = _summary(run_cli, room)
    assert after["group_answers"]["compensation_linked"] == "true"  # the room decided yes
    assert [d["question"] for d in after["decided"]] == ["compensation_linked"]
    assert after["decided"][0]["answer"] == "Yes"
    assert "compensation_linked" not in after["open"]
    assert "compensation_linked" not in after["also_differs"]
    assert sum(row["minutes"] for row in after["agenda"]) == 60
    text = run_cli("workshop", "summary", room).stdout
    opening = text[: text.index("Agenda")]
    assert "Decided by the room: Goals feed pay: Yes." in opening and "Still open:" in opening


def test_the_plan_is_an_answers_file_report_and_templates_read(
    run_cli, kb: KnowledgeBase, room: Path, tmp_path: Path
) -> None:
    assert run_cli("workshop", "decide", room, "compensation_linked=yes").exit_code == 0
    result = run_cli("workshop", "plan", room)
    assert result.exit_code == 0, result.stderr
    plan = room / "agreed-answers.yaml"
    answers = yaml.safe_load(plan.read_text())
    summary = _summary(run_cli, room)
    assert answers["compensation_linked"] is True  # the decision
    assert answers["function"] == "company" and answers["headcount"] == 120  # the fixed
    assert answers["needs"] == summary["group_answers"]["needs"]  # the group's
    # never over a file without --force
    plan.write_text("# kept\n")
    result = run_cli("workshop", "plan", room)
    assert result.exit_code != 0 and "--force" in result.stderr
    assert plan.read_text() == "# kept\n"
    assert run_cli("workshop", "plan", room, "--force").exit_code == 0
    report = run_cli("report", plan, "-f", "json")
    assert report.exit_code == 0, report.stderr
    mix = [layer["framework"] for layer in json.loads(report.stdout)["mix"]]
    assert mix == [m["framework"] for m in summary["mix"]]  # the organisation's report
    out = tmp_path / "templates"
    result = run_cli("templates", "--mix", "--answers", plan, "--out", out)
    assert result.exit_code == 0, result.stderr
    assert any(out.iterdir())


def test_a_plan_needs_answers(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    assert run_cli("workshop", "new", folder, "--set", "function=company").exit_code == 0
    result = run_cli("workshop", "plan", folder)
    assert result.exit_code == 2 and "no participant" in result.stderr
