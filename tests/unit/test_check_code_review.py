"""`check --format sarif|codequality` through the real command group, the settings file
`.framework-advisor.yaml` and inline suppressions: what a team's pull request on GitHub or
merge request on GitLab sees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from framework_advisor.engine.goals.check import REASON_IDS
from framework_advisor.engine.goals.rules import rule_ids
from framework_advisor.kb.checks import load_checks

SCHEMA = (
    Path(__file__).resolve().parents[1] / "fixtures" / "sarif-2.1.0" / "sarif-schema-2.1.0.json"
)
"""The OASIS standard's own schema (errata 01), vendored with its licence beside it."""
SAMPLES = sorted(str(p) for p in Path("samples/goals").iterdir())
GOALS = """\
period: 2026-Q3
objectives:
  - objective: Delight our customers
    type: committed
    key_results:
      - Increase NPS from 55 to 70 by end of Q3
      - Call 100 customers
      - Better onboarding
"""


def _book():
    return load_checks(known_rules=rule_ids(), known_reasons=REASON_IDS)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _sarif_results(output: str) -> list[dict]:
    return json.loads(output)["runs"][0]["results"]


@pytest.mark.parametrize("fmt", ["sarif", "codequality"])
def test_the_sample_goal_files_code_review_output_is_pinned(
    run_cli, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pinned as an API; the tool's version fixed, so a release does not change the file."""
    from tests.golden_files import assert_matches_golden

    monkeypatch.setattr("framework_advisor._version.__version__", "9.9.9")

    result = run_cli("check", *SAMPLES, "-f", fmt)
    assert result.exit_code == 1  # the findings still decide the exit code
    assert_matches_golden(f"check/samples.{fmt}.json", result.output)


def _sarif_problems(log: dict) -> list[str]:
    """What the SARIF 2.1.0 schema finds wrong in a log (nothing, for a valid one)."""
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)
    checker = validator(schema, format_checker=validator.FORMAT_CHECKER)
    return [f"{list(e.absolute_path)}: {e.message}" for e in checker.iter_errors(log)]


def test_the_vendored_schema_is_the_standards_with_its_licence() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    licence = (SCHEMA.parent / "LICENSE.md").read_text(encoding="utf-8")
    assert "Copyright © OASIS Open" in licence and "may be copied and furnished" in licence
    # The schema bites: a level SARIF does not have, or a result without its message, fails.
    log = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": []}]}
    assert _sarif_problems(log) == []
    log["runs"][0]["results"] = [{"level": "info", "ruleId": "r"}]
    assert len(_sarif_problems(log)) >= 2


def test_sarif_is_valid_against_the_schema_with_every_rule_and_line(run_cli) -> None:
    result = run_cli("check", *SAMPLES, "-f", "sarif")
    log = json.loads(result.output)
    assert _sarif_problems(log) == []
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    book = _book()
    assert [rule["id"] for rule in rules] == list(book.checks)
    assert all(rule["properties"]["source"] for rule in rules)
    as_json = json.loads(run_cli("check", *SAMPLES, "-f", "json").output)
    expected = sum(len(f["findings"]) for f in as_json["files"])
    assert len(run["results"]) == expected
    lines = {
        (f["rule"], f["line"]) for file in as_json["files"] for f in file["findings"] if f["line"]
    }
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        region = res["locations"][0]["physicalLocation"].get("region")
        if region:
            assert (res["ruleId"], region["startLine"]) in lines
    assert any("region" in r["locations"][0]["physicalLocation"] for r in run["results"]), (
        "findings on a line carry it"
    )


def test_sarif_orders_by_severity_and_levels_map(run_cli, tmp_path: Path) -> None:
    result = run_cli("check", _write(tmp_path, "g.yaml", GOALS), "-f", "sarif")
    levels = [r["level"] for r in _sarif_results(result.output)]
    rank = {"error": 0, "warning": 1, "note": 2}
    assert levels == sorted(levels, key=rank.__getitem__)
    assert "error" in levels and "info" not in levels


def test_sarif_stays_within_the_limits_and_says_what_it_left_out(tmp_path: Path) -> None:
    """Beyond the results limit (here lowered), the most severe findings are kept and the run's
    notifications say how many were left out."""
    from framework_advisor.engine.goals.check import check_goals, goal_data
    from framework_advisor.render.code_review.sarif import MAX_RESULTS, as_sarif
    from framework_advisor.sources.goal_file import read_goal_file

    assert MAX_RESULTS == 25_000
    book = _book()
    source = read_goal_file(str(_write(tmp_path, "g.yaml", GOALS)))
    data, doc = goal_data(source)
    report = check_goals(data, doc, book)
    total = len(report.findings)
    errors = report.count("error")
    assert total > errors >= 1

    def note(kept: int, left_out: int) -> str:
        return f"kept {kept}, left out {left_out}"

    log = as_sarif([report], book, tool_version="t", left_out_note=note, max_results=errors)
    run = json.loads(log.text)["runs"][0]
    assert log.left_out == total - errors and log.results == errors
    assert {r["level"] for r in run["results"]} == {"error"}
    notice = run["invocations"][0]["toolExecutionNotifications"][0]
    assert notice["properties"]["leftOut"] == total - errors
    assert notice["message"]["text"] == f"kept {errors}, left out {total - errors}"
    assert _sarif_problems(json.loads(log.text)) == []
    whole = as_sarif([report], book, tool_version="t", left_out_note=note)
    assert whole.left_out == 0 and "invocations" in json.loads(whole.text)["runs"][0]
    assert "toolExecutionNotifications" not in whole.text
    limit = len(log.text.encode()) - 1
    small = as_sarif([report], book, tool_version="t", left_out_note=note, max_bytes=limit)
    assert len(small.text.encode()) <= limit
    assert small.left_out >= 1


def test_beyond_the_limits_the_command_says_so_on_stderr_and_in_the_log(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the real command, the results limit lowered to one: the catalogue's words on
    standard error and in the run's notification, the exit code as in every format."""
    import framework_advisor.render.code_review.sarif as sarif

    whole = sarif.as_sarif
    monkeypatch.setattr(sarif, "as_sarif", lambda *a, **k: whole(*a, **k, max_results=1))
    result = run_cli("check", _write(tmp_path, "g.yaml", GOALS), "-f", "sarif")
    assert result.exit_code == 1
    run = json.loads(result.stdout)["runs"][0]
    (notice,) = run["invocations"][0]["toolExecutionNotifications"]
    left_out = notice["properties"]["leftOut"]
    assert len(run["results"]) == 1 and left_out >= 1
    assert run["results"][0]["level"] == "error"
    said = notice["message"]["text"]
    assert f"limits for one run (25,000 results, 10 MB): {left_out}; kept: 1," in said
    assert "warning: findings left out of the SARIF log" in result.stderr
    assert f"run: {left_out} (kept: 1, the most severe;" in result.stderr


CODE_QUALITY = {
    "$comment": "GitLab's documented Code Quality report: an array of issues, each with these "
    "fields (docs/ci/testing/code_quality: 'Code Quality report format'); lines.begin or "
    "positions.begin.line, we give lines.",
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "pattern": "^[^/\\\\]"},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}


def test_codequality_has_gitlabs_shape_and_stable_unique_fingerprints(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jsonschema

    monkeypatch.chdir(tmp_path)  # paths relative to the repository, as in CI
    path = _write(tmp_path, "g.yaml", GOALS)
    first = json.loads(run_cli("check", "g.yaml", "-f", "codequality").output)
    jsonschema.validate(first, CODE_QUALITY)
    with pytest.raises(jsonschema.ValidationError):  # the shape bites
        jsonschema.validate([{**first[0], "severity": "warning"}], CODE_QUALITY)
    severities = {"info", "minor", "major", "critical", "blocker"}
    for issue in first:
        assert issue["description"] and issue["check_name"] in _book().checks
        assert issue["severity"] in severities
        assert issue["location"]["path"].endswith("g.yaml")
        assert isinstance(issue["location"]["lines"]["begin"], int)
    prints = [issue["fingerprint"] for issue in first]
    assert len(set(prints)) == len(prints)
    # Lines moving (a comment added on top) leave every fingerprint as it was.
    path.write_text("# our goals\n\n" + GOALS, encoding="utf-8")
    moved = json.loads(run_cli("check", "g.yaml", "-f", "codequality").output)
    assert [i["fingerprint"] for i in moved] == prints
    assert [i["location"]["lines"]["begin"] for i in moved] == [
        i["location"]["lines"]["begin"] + 2 for i in first
    ]


def test_inline_suppressions_in_yaml_and_markdown(run_cli, tmp_path: Path) -> None:
    yaml_text = GOALS.replace(
        "      - Call 100 customers\n",
        "      - Call 100 customers  # check: ignore key-result-activity\n",
    )
    markdown = (
        "# Team OKRs 2026-Q3\n\n## Objective: Delight our customers\n"
        "- Increase NPS from 55 to 70 by end of Q3\n"
        "<!-- check: ignore key-result-activity -->\n"
        "- Call 100 customers\n- Ship 3 features\n"
    )
    for name, text in (("g.yaml", yaml_text), ("g.md", markdown)):
        loud = run_cli(
            "check", _write(tmp_path, name, text.replace("ignore", "ignor")), "-f", "json"
        )
        quiet = run_cli("check", _write(tmp_path, name, text), "-f", "json")
        rules = lambda r: [f["rule"] for f in json.loads(r.output)["findings"]]  # noqa: E731
        assert (
            rules(quiet).count("key-result-activity")
            == rules(loud).count("key-result-activity") - 1
        ), name
    # The Markdown's other activity (a line not under the directive) is still reported.
    assert "key-result-activity" in rules(quiet)


def test_the_settings_file_gives_profile_ignored_checks_and_paths(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    goals_dir = tmp_path / "goals"
    goals_dir.mkdir()
    _write(goals_dir, "team.yaml", GOALS)
    monkeypatch.chdir(tmp_path)
    plain = json.loads(run_cli("check", "goals/team.yaml", "-f", "json").output)
    rule = plain["findings"][0]["rule"]
    _write(tmp_path, ".framework-advisor.yaml", f"check:\n  ignore: [{rule}]\n  paths: [goals]\n")
    result = run_cli("check", "-f", "json")
    data = json.loads(result.output)
    assert data["file"] == str(Path("goals") / "team.yaml")
    assert rule not in [f["rule"] for f in data["findings"]]
    assert len(data["findings"]) < len(plain["findings"])


def test_a_wrong_settings_file_is_exit_2_with_file_and_line(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "g.yaml", GOALS)
    _write(tmp_path, ".framework-advisor.yaml", "check:\n  profile: gogle\n  ignore: [nope]\n")
    result = run_cli("check", "g.yaml")
    assert result.exit_code == 2
    assert (
        ".framework-advisor.yaml:2: error check-config: check.profile: no profile 'gogle'"
        in result.stderr
    )
    assert "Did you mean 'google'" in result.stderr or "google" in result.stderr
    assert (
        ".framework-advisor.yaml:3: error check-config: check.ignore: no check 'nope'"
        in result.stderr
    )
    _write(tmp_path, ".framework-advisor.yaml", "check:\n  pahts: [goals]\n")
    result = run_cli("check", "g.yaml")
    assert result.exit_code == 2
    assert (
        ".framework-advisor.yaml:2: error check-config: check.pahts: unknown setting"
        in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_a_settings_file_with_many_problems_says_how_many_more_in_words(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first 50 problems, then how many more, in the catalogue's words (never an id)."""
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "g.yaml", GOALS)
    settings = "check:\n" + "".join(f"  bad{i}: 1\n" for i in range(53))
    _write(tmp_path, ".framework-advisor.yaml", settings)
    result = run_cli("check", "g.yaml")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 51 and "check.bad49: unknown setting" in lines[49]
    assert lines[-1] == "error: ... and 3 more problems", lines[-1]
