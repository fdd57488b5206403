"""The goal checker's checks, run through the engine: every check of knowledge/checks.yaml passes
its own pass examples and fails its own fail examples (as sqlfluff runs its rule fixtures), the
check book is validated at load, profiles change the limits, key results are classified by kind,
and rewrites keep the author's words and numbers."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from framework_advisor.domain.goals import CheckBook, Report, fill
from framework_advisor.engine.goals.check import REASON_IDS, check_goals
from framework_advisor.engine.goals.rules import rule_ids
from framework_advisor.errors import KnowledgeBaseError
from framework_advisor.kb.checks import checks_file, load_checks
from framework_advisor.sources.yaml_lines import YamlDocument

BOOK = load_checks(known_rules=rule_ids(), known_reasons=REASON_IDS)


def run(goals: dict[str, Any], profile: str | None = None, book: CheckBook = BOOK) -> Report:
    return check_goals(goals, YamlDocument(file="goals.yaml", data=goals), book, profile)


def rules_raised(report: Report) -> set[str]:
    return {f.diagnostic.rule for f in report.findings}


FIXTURES = [
    pytest.param(
        check.id, verdict, example.goals, example.profile, id=f"{check.id}-{verdict}{index}"
    )
    for check in BOOK.checks.values()
    for verdict, examples in (("pass", check.passes), ("fail", check.fails))
    for index, example in enumerate(examples)
]


@pytest.mark.parametrize(("rule", "verdict", "goals", "profile"), FIXTURES)
def test_each_check_passes_and_fails_its_own_examples(
    rule: str, verdict: str, goals: dict, profile: str | None
) -> None:
    raised = rules_raised(run(goals, profile))
    if verdict == "fail":
        assert rule in raised
    else:
        assert rule not in raised


def test_every_check_has_code_and_every_rule_an_entry() -> None:
    assert set(BOOK.checks) == set(rule_ids())
    for check in BOOK.checks.values():
        assert check.source.strip(), check.id
        assert check.fails, check.id


def _book_with(tmp_path: Path, old: str, new: str) -> Path:
    text = checks_file().read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "checks.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_field_path_placeholder_is_refused_with_file_and_line(tmp_path: Path) -> None:
    old = 'message: "the objective \\"{objective}\\" has no key results'
    path = _book_with(
        tmp_path, old, 'message: "the objective \\"{objective.__class__}\\" has no key results'
    )
    with pytest.raises(KnowledgeBaseError) as caught:
        load_checks(path, known_rules=rule_ids(), known_reasons=REASON_IDS)
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "__class__" in text)
    assert any(p.line == line and "objective.__class__" in p.message for p in caught.value.problems)


def test_a_rule_without_an_entry_is_refused(tmp_path: Path) -> None:
    path = _book_with(tmp_path, "- id: kpi-no-frequency", "- id: kpi-no-frequncy")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_checks(path, known_rules=rule_ids(), known_reasons=REASON_IDS)
    messages = " ".join(p.message for p in caught.value.problems)
    assert "kpi-no-frequency" in messages and "kpi-no-frequncy" in messages


def test_fill_substitutes_text_as_text() -> None:
    assert fill("the {text}", {"text": "{x.__class__} {text}"}) == "the {x.__class__} {text}"


def test_profiles_set_the_limits() -> None:
    two = {
        "period": "2026-Q3",
        "objectives": [
            {
                "objective": "Delight restaurants",
                "type": "committed",
                "key_results": [
                    "Reorder rate of 25%",
                    "20 restaurants signed up",
                    "Revenue of $250,000 a month",
                ],
            },
            {
                "objective": "Build the brand",
                "type": "committed",
                "key_results": [
                    "Raise aided recall from 5% to 15%",
                    "Grow the waiting list from 50 to 300 cafes",
                    "Cut cost per lead from $90 to $60",
                ],
            },
        ],
    }
    assert "too-many-objectives" not in rules_raised(run(two))
    assert "too-many-objectives" in rules_raised(run(two, "radical-focus"))
    four = {
        "objective": {
            "objective": "Win",
            "key_results": ["A of 1%", "B of 2%", "C of 3%", "D of 4%", "E of 5%"],
        }
    }
    assert "too-many-key-results" not in rules_raised(run(four, "measure-what-matters"))
    assert "too-many-key-results" in rules_raised(run(four, "google"))


@pytest.mark.parametrize(
    ("text", "kind", "result_kind"),
    [
        ("Increase NPS from 55 to 70 by end of Q3", "key_result", "metric"),
        ("Reorder rate of 25%", "key_result", "metric"),
        ("Maintain uptime above 99.9%", "kpi", "maintain"),
        ("Launch the mobile app by 30 June", "milestone", "milestone"),
        ("Measure weekly activation for the first time", "key_result", "baseline"),
        ("Call 100 prospects", "initiative", "metric"),
        ("Improve customer satisfaction", "initiative", None),
        ("Hold opponents to under 15 points per game", "key_result", "metric"),
        ("Zero critical security incidents", "key_result", "metric"),
        ("Run 12 customer interviews per month", "initiative", "metric"),
        ("Raise revenue per customer from $40 to $50", "key_result", "metric"),
    ],
)
def test_key_results_are_classified_by_kind(text: str, kind: str, result_kind: str | None) -> None:
    (item,) = run({"key_result": text}).items
    assert (item.kind, item.result_kind) == (kind, result_kind)
    assert item.reason


def test_a_declared_leading_key_result_is_a_lead_measure_and_not_an_activity() -> None:
    report = run({"key_result": {"text": "Call 100 prospects a week", "leading": True}})
    assert report.items[0].kind == "lead_measure"
    assert "key-result-activity" not in rules_raised(report)


@pytest.mark.parametrize(
    "goals",
    [
        {"key_result": "Improve customer satisfaction"},
        {"objective": "Increase revenue by 25%"},
        {"wig": "Grow repeat orders"},
        {"smart_goal": "Improve customer service quality in the Leeds branch by 31 December"},
        {"kpi": "Website bounce rate"},
    ],
)
def test_rewrites_keep_the_authors_words_and_invent_no_figures(goals: dict) -> None:
    (text,) = goals.values()
    findings = [f for f in run(goals).findings if f.rewrite]
    assert findings
    for finding in findings:
        rewrite = finding.rewrite
        assert "[" in rewrite  # placeholders stand where the author gave no figure
        assert set(re.findall(r"\d+", rewrite)) <= set(re.findall(r"\d+", text))
        words = set(re.findall(r"[a-z]{4,}", text.lower())) - {
            "improve",
            "increase",
            "grow",
            "better",
        }
        assert words & set(re.findall(r"[a-z]{4,}", rewrite.lower()))


def test_rewrites_pass_the_checks_that_offered_them() -> None:
    for finding in run({"key_result": "Improve customer satisfaction"}).findings:
        if finding.rewrite:
            again = run({"key_result": finding.rewrite})
            assert not [f for f in again.findings if f.diagnostic.severity != "info"]


def test_the_kinds_own_set_rules_apply_only_to_whole_sets() -> None:
    alone = run({"objective": "Delight our customers"})
    assert "objective-no-key-results" not in rules_raised(alone)
    whole = run({"objectives": [{"objective": "Delight our customers"}]})
    assert "objective-no-key-results" in rules_raised(whole)


def test_the_reference_page_is_generated_from_the_check_book() -> None:
    from tests.goals.write_reference import PAGE, text

    assert PAGE.read_text(encoding="utf-8") == text(), "run: python tests/goals/write_reference.py"
    for check in BOOK.checks.values():
        assert f"`{check.id}`" in text()


def test_validate_refuses_a_broken_check_book(run_cli, tmp_path: Path, monkeypatch) -> None:
    import framework_advisor.kb.checks as checks_module

    path = _book_with(
        tmp_path,
        "severity: error\n    applies_to: key_result",
        "severity: fatal\n    applies_to: key_result",
    )
    monkeypatch.setattr(checks_module, "checks_file", lambda: path)
    result = run_cli("validate")
    assert result.exit_code == 2
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "fatal" in text)
    assert f"{path}:{line}:" in result.stderr and "Traceback" not in result.stderr
