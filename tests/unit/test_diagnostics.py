"""One `Diagnostic` for every located problem: a rule id, a severity, a message and a location
(a file's line and column, or a sheet's cell); the knowledge base's problems print as linters'
lines, `FILE:LINE: severity rule: key: message`."""

from __future__ import annotations

from pathlib import Path

import pytest

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.text import message
from framework_advisor.errors import AnswersError, Diagnostic, KnowledgeBaseError, Location
from framework_advisor.problems import UNKNOWN_REFERENCE, ProblemCollector

from ..conftest import build_tree


def test_a_location_is_a_line_and_column_or_a_sheets_cell() -> None:
    assert str(Location("goals.md", 12, 5)) == "goals.md:12:5"
    assert str(Location("goals.md", 12)) == "goals.md:12"
    assert str(Location("goals.md")) == "goals.md"
    assert str(Location("okrs.xlsx", sheet="Key results", cell="C7")) == "okrs.xlsx:Key results!C7"


def test_a_diagnostic_prints_as_a_problem_and_as_a_linters_line() -> None:
    found = Diagnostic.at("rules.yaml", "rules[3].when", "no question 'stag'.", 42, rule="kb-x")
    assert (found.file, found.line, found.severity) == ("rules.yaml", 42, "error")
    assert str(found) == "rules.yaml:42: rules[3].when: no question 'stag'."
    assert found.lint_line() == "rules.yaml:42: error kb-x: rules[3].when: no question 'stag'."
    assert KnowledgeBaseError([found]).messages() == [found.lint_line()]


def test_a_list_of_problems_counts_them_in_words(kb: KnowledgeBase) -> None:
    found = Diagnostic.at("answers.yaml", "stage", "not an option.", 3, rule="answers-x")
    assert str(AnswersError([found], kb.text)) == "invalid answers: 1 problem"
    assert str(AnswersError([found, found], kb.text)) == "invalid answers: 2 problems"
    many = AnswersError([found] * (AnswersError.MAX_LINES + 1), kb.text).messages()
    assert many[-1] == "error: ... and 1 more problem"


def test_one_unknown_reference_check_names_the_closest_and_its_rule(kb: KnowledgeBase) -> None:
    problems = ProblemCollector(words=kb.text)
    said = message("kb.no_framework", name="okrr")
    assert problems.known("needs.yaml", ("needs", 0), "okr", ["okr", "kpi"], said)
    assert not problems.known("needs.yaml", ("needs", 1), "okrr", ["okr", "kpi"], said)
    [found] = problems.problems
    assert found.rule == UNKNOWN_REFERENCE
    assert found.message == "no framework 'okrr'. Did you mean 'okr'?"
    assert found.said == message("words.did_you_mean", problem=said, choice="okr")


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "glossary.yaml",
            "glossary:\n  - term: T\n    definition: D.\n    frameworks: [okrr]\n",
            "glossary.yaml:4: error kb-unknown-reference: glossary[0].frameworks[0]: "
            "no framework 'okrr'. Did you mean 'okr'?",
        ),
        (
            "rules.yaml",
            "rules:\n  - id: r\n    when: {stage: startup}\n    sorce: x\n",
            "rules.yaml:4: error kb-field: rules[0].sorce: unknown field. Did you mean 'source'?",
        ),
        (
            "rules.yaml",
            "rules:\n  - id: r\n    when: {stage: startp}\n"
            "    effects: [{framework: okr, weight: 5, reason: R.}]\n    source: x\n",
            "rules.yaml:3: error kb-condition: rules[0].when.stage:",
        ),
        ("rules.yaml", "rules: [\n", "rules.yaml:2: error yaml-syntax: not valid YAML"),
    ],
    ids=["unknown-reference", "field", "condition", "syntax"],
)
def test_a_packs_problems_print_as_diagnostics_with_rule_ids(
    run_cli, tmp_path: Path, name: str, text: str, expected: str
) -> None:  # type: ignore[no-untyped-def]
    pack = build_tree(
        tmp_path / "pack", {"pack.yaml": "name: p\nversion: '1'\nschema_version: 2\n", name: text}
    )
    result = run_cli("--kb", pack, "validate")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(str(pack / expected)), lines


def test_an_answers_files_problems_print_as_diagnostics_with_rule_ids(run_cli, tmp_path) -> None:
    """The same line as the knowledge base's: `FILE:LINE: error RULE: KEY: MESSAGE`, one rule
    for each kind of problem an answers file can have."""
    from framework_advisor.engine import answers

    path = tmp_path / "acme.yaml"
    path.write_text(
        "industry: sofware\n"  # 1: not an option
        "headcount: abc\n"  # 2: not a whole number
        "team_size: 0\n"  # 3: below the minimum
        "indstry: saas\n"  # 4: not a question
        "_meta: {bar: 1}\n"  # 5: not a field of _meta
        "needs: [alignment]\n",  # function is missing
        encoding="utf-8",
    )
    result = run_cli("recommend", path)
    assert result.exit_code == 2 and result.stdout == ""
    expected = [
        (1, answers.NOT_AN_OPTION, "industry"),
        (2, answers.WRONG_TYPE, "headcount"),
        (3, answers.OUT_OF_RANGE, "team_size"),
        (4, answers.UNKNOWN_QUESTION, "indstry"),
        (5, answers.META, "_meta.bar"),
    ]
    lines = result.stderr.splitlines()
    for line_number, rule, key in expected:
        assert any(
            line.startswith(f"{path}:{line_number}: error {rule}: {key}: ") for line in lines
        ), (rule, lines)
    assert any(line.startswith(f"{path}: error {answers.REQUIRED}: 'function'") for line in lines)
    assert not any(line.startswith("error: ") for line in lines)
    team = tmp_path / "team.yaml"
    team.write_text(
        "function: sales\nneeds: [alignment]\nheadcount: 10\nteam_size: 50\n", encoding="utf-8"
    )
    result = run_cli("recommend", team)
    assert result.stderr.startswith(f"{team}:4: error {answers.INCONSISTENT}: team_size: ")
