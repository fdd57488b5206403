"""`framework-advisor check` through the real command group: YAML and Markdown files with their
lines, one goal as text, standard input, the three formats and the exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

GOALS_YAML = """\
period: 2026-Q3
objectives:
  - objective: Improve customer satisfaction
    type: committed
    key_results:
      - Increase NPS from 55 to 70 by end of Q3
      - Call 100 customers
      - Better onboarding
"""
GOALS_MD = """\
<!-- framework-advisor template okr v1 -->
# Support OKRs 2026-Q3

## Objective: Delight our customers
- Increase NPS from 55 to 70 by end of Q3
- KR2: Ship 3 features

## KPIs
- Website bounce rate
"""
CLEAN = """\
period: 2026-Q3
objectives:
  - objective: Delight our customers
    type: committed
    key_results: [Raise NPS from 30 to 45, Cut first-response time from 9 to 2 hours]
"""


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_yaml_findings_name_file_line_severity_and_rule(run_cli, tmp_path: Path) -> None:
    path = _write(tmp_path, "goals.yaml", GOALS_YAML)
    result = run_cli("check", path)
    assert result.exit_code == 1  # an error: a key result with nothing to verify
    line = _line_of(GOALS_YAML, "Better onboarding")
    assert (
        f"{path}:{line}: error key-result-not-verifiable: objectives[0].key_results[2]:"
        in result.output
    )
    activity = _line_of(GOALS_YAML, "Call 100")
    assert f"{path}:{activity}: warning key-result-activity:" in result.output
    assert (
        "suggestion:" in result.output
        and "rewrite: Increase onboarding from [baseline]" in result.output
    )


def test_markdown_findings_point_at_the_lines(run_cli, tmp_path: Path) -> None:
    path = _write(tmp_path, "goals.md", GOALS_MD)
    data = json.loads(run_cli("check", path, "--format", "json").output)
    by_rule = {f["rule"]: f for f in data["findings"]}
    assert by_rule["key-result-activity"]["line"] == _line_of(GOALS_MD, "Ship 3")
    assert by_rule["key-result-activity"]["where"] == "objectives[0].key_results[1]"
    assert by_rule["kpi-no-target"]["line"] == _line_of(GOALS_MD, "bounce rate")
    kinds = {i["where"]: i["kind"] for i in data["items"]}
    assert kinds["objectives[0].key_results[0]"] == "key_result"
    assert kinds["objectives[0].key_results[1]"] == "initiative"


def test_json_is_the_documented_shape(run_cli, tmp_path: Path) -> None:
    data = json.loads(run_cli("check", _write(tmp_path, "g.yaml", GOALS_YAML), "-f", "json").output)
    assert set(data) >= {"findings", "items", "summary"}
    finding = data["findings"][0]
    assert set(finding) >= {"rule", "severity", "where", "line", "message", "suggestion", "source"}
    assert data["summary"]["errors"] == sum(f["severity"] == "error" for f in data["findings"])
    for item in data["items"]:
        assert item["kind"] and item["reason"] and item["where"]


def test_exit_codes(run_cli, tmp_path: Path) -> None:
    clean = _write(tmp_path, "clean.yaml", CLEAN)
    assert run_cli("check", clean).exit_code == 0
    warned = _write(
        tmp_path,
        "warned.yaml",
        CLEAN.replace("type: committed\n", "type: committed\n    owner: Ops\n").replace(
            "Raise NPS from 30 to 45", "Ship 3 features"
        ),
    )
    assert run_cli("check", warned).exit_code == 0
    assert run_cli("check", warned, "--strict").exit_code == 1
    assert run_cli("check", tmp_path / "missing.yaml").exit_code == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("objectives: 5\n", "objectives: expected a list"),
        ("objectivs: []\n", "Did you mean 'objectives'?"),
        ("objectives: [\n", "not valid YAML"),
        ("kpis:\n  - {target: 5}\n", "kpis[0]: expected the goal's text under 'kpi'"),
        ("kpis: []\nkpis: []\n", "duplicate key"),
    ],
)
def test_a_bad_goal_file_is_one_located_line_and_exit_2(
    run_cli, tmp_path: Path, text: str, expected: str
) -> None:
    path = _write(tmp_path, "bad.yaml", text)
    result = run_cli("check", path)
    assert result.exit_code == 2
    assert expected in result.stderr
    assert str(path) in result.stderr and "Traceback" not in result.stderr


def test_one_goal_as_text_and_from_standard_input(run_cli) -> None:
    result = run_cli("check", "--kind", "key_result", "Call", "100", "prospects", "-f", "json")
    data = json.loads(result.output)
    assert [f["rule"] for f in data["findings"]] == ["key-result-activity"]
    assert data["findings"][0]["line"] is None
    piped = run_cli("check", "--kind", "kpi", "-", input="Website bounce rate\n")
    assert piped.exit_code == 1 and "kpi-no-target" in piped.output
    yaml_in = run_cli("check", "-", input=GOALS_YAML)
    assert f"<stdin>:{_line_of(GOALS_YAML, 'Better onboarding')}: error" in yaml_in.output
    md_in = run_cli("check", "-", input=GOALS_MD)
    assert f"<stdin>:{_line_of(GOALS_MD, 'Ship 3')}: warning key-result-activity" in md_in.output


def test_markdown_output_is_a_table_with_text_kept_as_text(run_cli, tmp_path: Path) -> None:
    hostile = "objective: {objective: '<img src=x> Revenue +25% | ![a](http://evil)'}\n"
    result = run_cli("check", _write(tmp_path, "h.yaml", hostile), "-f", "md")
    assert "| line | severity | rule |" in result.output
    assert not re.search(r"(?<!\\)<img", result.output)  # escaped: shown, never drawn
    assert "![a]" not in result.output and "\\|" in result.output


def test_an_unknown_profile_is_exit_2_with_the_choices(run_cli, tmp_path: Path) -> None:
    result = run_cli("check", _write(tmp_path, "c.yaml", CLEAN), "--profile", "googel")
    assert result.exit_code == 2
    assert "Did you mean 'google'?" in result.stderr


def test_profile_changes_the_verdict(run_cli, tmp_path: Path) -> None:
    two = (
        CLEAN
        + "  - objective: Build the brand\n    type: committed\n    key_results: [Raise recall from 5% to 15%, Cut cost per lead from $90 to $60]\n"
    )
    path = _write(tmp_path, "two.yaml", two)
    assert "too-many-objectives" not in run_cli("check", path).output
    assert "too-many-objectives" in run_cli("check", path, "--profile", "radical-focus").output


@pytest.mark.parametrize("sample", sorted(p.name for p in Path("samples").glob("*.yaml")))
def test_the_tools_own_starter_files_pass_its_own_checker(
    run_cli, tmp_path: Path, sample: str
) -> None:
    """Every Markdown starter template, prefilled for a sample organisation, holds goals the
    checker reads (from its tables) and finds nothing wrong with: the advice and the checker
    agree."""
    out = tmp_path / "templates"
    assert (
        run_cli("templates", "-f", "md", "--out", out, "-a", Path("samples") / sample).exit_code
        == 0
    )
    files = sorted(out.glob("*.md"))
    data = json.loads(run_cli("check", *files, "-f", "json").output)
    raised = [
        (Path(report["file"]).name, f["rule"], f["message"])
        for report in data["files"]
        for f in report["findings"]
        if f["severity"] != "info"
    ]
    # The V2MOM planner leaves the vision, values and obstacles for the team to write: on the
    # unfinished draft the checker says so. The 7S diagnostic and the RACI matrix hold no goals:
    # each says no goals were found (the README says why). FAST goals and the Hoshin Kanri
    # objectives are read, and pass. Nothing else is raised.
    no_goals = {
        (Path(report["file"]).name, "no-goals")
        for report in data["files"]
        for f in report["findings"]
        if f["rule"] == "no-goals"
    }
    assert no_goals == {
        (name, "no-goals") for name in ("mckinsey-7s-diagnostic.md", "raci-matrix.md")
    }
    assert sorted((n, r, m) for n, r, m in raised if r != "no-goals") == [
        ("v2mom-planner.md", "v2mom-missing-part", f"the V2MOM has no {part}")
        for part in ("obstacles", "values", "vision")
    ]
    kinds = {item["kind"] for report in data["files"] for item in report["items"]}
    assert {
        "objective",
        "key_result",
        "kpi",
        "wig",
        "lead_measure",
        "rock",
        "smart",
        "bsc_objective",
        "mbo_objective",
        "north_star",
        "v2mom_measure",
    } <= kinds


def test_a_filled_in_okr_table_is_checked_row_by_row(run_cli, tmp_path: Path) -> None:
    table = """\
## Objectives

| ID | Objective | Type | Owner | Quarter ends |
| --- | --- | --- | --- | --- |
| O1 | Delight new customers | Committed | Dana | 2026-09-30 |

## Key results

| Objective ID | Key result | Owner | Start | Target |
| --- | --- | --- | --- | --- |
| O1 | Raise the activation rate from 35% to 50% | Lee | 35 | 50 |
| O1 | Better onboarding | Lee |  |  |
"""
    path = _write(tmp_path, "okrs.md", table)
    result = run_cli("check", path)
    line = _line_of(table, "Better onboarding")
    assert (
        f"{path}:{line}: error key-result-not-verifiable: objectives[0].key_results[1]"
        in result.output
    )
    assert result.exit_code == 1


def test_a_whole_file_finding_has_an_empty_where_and_no_line(run_cli, tmp_path: Path) -> None:
    undated = CLEAN.replace("period: 2026-Q3\n", "")
    data = json.loads(run_cli("check", _write(tmp_path, "u.yaml", undated), "-f", "json").output)
    (finding,) = [f for f in data["findings"] if f["rule"] == "okr-no-time-bound"]
    assert (finding["where"], finding["line"]) == ("", None)


def test_markdown_settings_and_period(run_cli, tmp_path: Path) -> None:
    text = "Period: 2026-Q3\n\nCompensation linked: yes\n\n## Objective: Delight customers\n- Raise NPS from 30 to 45\n- Cut churn from 3% to 2%\n"
    output = run_cli("check", _write(tmp_path, "s.md", text)).output
    assert "okr-no-time-bound" not in output
    assert f":{_line_of(text, 'Compensation')}: warning okr-pay-linked" in output


def test_the_pre_commit_hook_runs_the_check_command() -> None:
    import click
    import yaml

    from framework_advisor.cli import cli

    (hook,) = yaml.safe_load(Path(".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    program, command = hook["entry"].split()
    assert program == "framework-advisor" and command in cli.list_commands(click.Context(cli))
    assert re.search(hook["files"], "team/okrs-2026-q3.md") and re.search(
        hook["files"], "goals.yaml"
    )
    assert not re.search(hook["files"], "src/framework_advisor/cli.py")


def test_control_characters_in_goals_never_reach_the_terminal(run_cli, tmp_path: Path) -> None:
    path = _write(tmp_path, "esc.yaml", 'key_result: "Call 100 \\u001b[31mprospects\\u0007"\n')
    result = run_cli("check", path)
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "key-result-activity" in result.output


@pytest.mark.parametrize("fmt", ["text", "json", "md"])
def test_the_sample_goal_files_output_is_pinned(run_cli, fmt: str) -> None:
    """The output is an API: each format pinned by a golden file (UPDATE_GOLDEN=1 to accept a
    change, then read the diff)."""
    from tests.golden_files import assert_matches_golden

    files = sorted(str(p) for p in Path("samples/goals").iterdir())
    result = run_cli("check", *files, "-f", fmt)
    assert result.exit_code == 1
    assert_matches_golden(f"check/samples.{fmt}", result.output)


def test_findings_can_be_written_to_a_file(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "findings.json"
    result = run_cli("check", _write(tmp_path, "g.yaml", GOALS_YAML), "-f", "json", "-o", target)
    assert result.exit_code == 1  # the findings still decide the exit code
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["errors"] == 1
    again = run_cli("check", tmp_path / "g.yaml", "-o", target)
    assert again.exit_code == 2 and "--force" in again.stderr


def test_a_markdown_eos_scorecards_measurables_are_weekly_kpis(run_cli, tmp_path: Path) -> None:
    """Bullets under a Scorecard heading are measurables: KPIs reviewed every week (never an
    objective named "Scorecard" with key results)."""
    path = tmp_path / "eos.md"
    path.write_text(
        "# EOS\n\n## Scorecard\n- Qualified leads: at least 12\n- Demos held\n", encoding="utf-8"
    )
    result = run_cli("check", path, "-f", "json")
    report = json.loads(result.output)
    assert [(i["where"], i["kind"], i["line"]) for i in report["items"]] == [
        ("scorecard[0]", "kpi", 4),
        ("scorecard[1]", "kpi", 5),
    ]
    rules = {(f["rule"], f["where"]) for f in report["findings"]}
    assert rules == {("kpi-no-target", "scorecard[1]"), ("kpi-no-direction", "scorecard[1]")}
    assert result.exit_code == 1


def test_a_yaml_scorecard_holds_measurables_read_as_weekly_kpis(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "eos.yaml"
    path.write_text(
        "scorecard:\n"
        "  - {measurable: Qualified leads, owner: Ana, target: at least 12}\n"
        "  - Demos held\n"
        "  - {measurable: Churn, target: under 2%, frequency: fortnightly, direction: lower}\n",
        encoding="utf-8",
    )
    report = json.loads(run_cli("check", path, "-f", "json").output)
    assert [(i["where"], i["kind"], i["line"]) for i in report["items"]] == [
        (f"scorecard[{n}]", "kpi", n + 2) for n in range(3)
    ]
    found = {(f["rule"], f["where"]) for f in report["findings"]}
    assert ("kpi-no-frequency", "scorecard[0]") not in found  # weekly, as a scorecard is
    assert ("kpi-no-target", "scorecard[1]") in found
    assert not {w for r, w in found if w == "scorecard[2]"}  # its own frequency stands


def test_fast_goals_and_hoshin_objectives_are_judged_for_s_m_and_t_only(
    run_cli, tmp_path: Path
) -> None:
    """SMART's A and R prompts are for SMART goals: a FAST goal or a Hoshin Kanri objective in
    the same file is judged specific, measurable and time-bound, never prompted for them."""
    path = tmp_path / "goals.yaml"
    path.write_text(
        "smart_goals: [Publish 4 customer case studies on the website by 30 September]\n"
        "fast_goals: ['Open our first market abroad: first ten paying customers by 30 June']\n"
        "hoshin_objectives: [Improve quality]\n",
        encoding="utf-8",
    )
    report = json.loads(run_cli("check", path, "-f", "json").output)
    assert [i["kind"] for i in report["items"]] == ["smart", "smart", "smart"]
    found = {(f["rule"], f["where"]) for f in report["findings"]}
    assert {w for r, w in found if r in ("smart-owner", "smart-relevant")} == {"smart_goals[0]"}
    assert ("smart-measurable", "hoshin_objectives[0]") in found
    assert not {w for _, w in found if w == "fast_goals[0]"}


def test_markdown_headings_for_fast_goals_and_hoshin_kanri_hold_those_goals(
    run_cli, tmp_path: Path
) -> None:
    """Bullets under `FAST goals` or `Hoshin Kanri` are goals of those lists, never key
    results of an objective named after the heading."""
    path = tmp_path / "goals.md"
    path.write_text(
        "# Goals\n\n## FAST goals\n- Open our first market abroad: first ten paying customers"
        " by 30 June\n- Be great\n\n## Hoshin Kanri\n- Raise on-time delivery this year from"
        " 88% to 92%\n",
        encoding="utf-8",
    )
    report = json.loads(run_cli("check", path, "-f", "json").output)
    assert [(i["where"], i["line"]) for i in report["items"]] == [
        ("fast_goals[0]", 4),
        ("fast_goals[1]", 5),
        ("hoshin_objectives[0]", 8),
    ]
    assert {f["where"] for f in report["findings"]} == {"fast_goals[1]"}
