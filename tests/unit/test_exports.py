"""Issue 12: one way from answers to files (`exports`), shared by the CLI and the TUI.

The stage bug: a stage given beside a headcount is the user's, not "from a headcount", and the
TUI's report keeps it in the answers appendix. Each test below failed before."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.engine.answers import validate_answers
from framework_advisor.exports import EXPORTS, Documents, export_files

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TODAY = date(2026, 1, 15)


def _answers(kb: KnowledgeBase, **changes: object) -> dict:
    raw = yaml.safe_load((SAMPLES / "startup.yaml").read_text(encoding="utf-8"))
    return validate_answers(kb, {**raw, **changes})


def test_text_says_from_a_headcount_only_when_the_stage_was_derived(kb: KnowledgeBase) -> None:
    given = Documents(kb, _answers(kb, stage="enterprise")).render("recommendation", "text")
    first = given.splitlines()[1]
    assert first.startswith("Stage: Enterprise (1,000+) · Headcount: 12")
    assert "from a headcount" not in given.split("\n\n")[0]
    derived = Documents(kb, _answers(kb)).render("recommendation", "text").splitlines()[1]
    assert derived.startswith("Stage: Startup") and ", from a headcount of 12" in derived


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_tui_report_keeps_a_given_stage_in_its_answers(kb: KnowledgeBase, fmt: str) -> None:
    answers = _answers(kb, stage="enterprise")
    export = next(e for e in EXPORTS if e.document == "report" and e.format == fmt)
    [(_, text)] = export_files([export], kb, "brightloop", answers, now=TODAY)
    assert isinstance(text, str)
    assert "from a headcount" not in text
    if fmt == "md":
        appendix = text.split("Appendix C: Your answers")[1]
        assert "| Stage | Enterprise (1,000+) |" in appendix and "| Headcount | 12 |" in appendix


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_tui_export_and_cli_report_are_the_same_bytes(
    kb: KnowledgeBase, run_cli, write_answers, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.setenv("FRAMEWORK_ADVISOR_TODAY", TODAY.isoformat())
    answers = kb.in_question_order(_answers(kb, stage="enterprise"))
    path = write_answers(answers)
    cli = run_cli("report", "-a", path, "-f", fmt)
    assert cli.exit_code == 0, cli.stderr
    export = next(e for e in EXPORTS if e.document == "report" and e.format == fmt)
    [(_, text)] = export_files([export], kb, "brightloop", answers)
    assert cli.stdout == text


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_tui_export_and_cli_recommend_are_the_same_bytes(
    kb: KnowledgeBase, run_cli, write_answers, fmt: str
) -> None:
    answers = kb.in_question_order(_answers(kb))  # as the TUI writes its answers file
    cli = run_cli("recommend", "-a", write_answers(answers), "-f", fmt)
    export = next(e for e in EXPORTS if e.document == "recommendation" and e.format == fmt)
    [(_, text)] = export_files([export], kb, "brightloop", answers)
    assert cli.stdout == text


def test_the_recommendation_is_computed_once_for_every_export(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    import framework_advisor.engine.recommend as engine

    calls = []
    real = engine.recommend
    monkeypatch.setattr(engine, "recommend", lambda *a, **k: calls.append(1) or real(*a, **k))
    quick = [e for e in EXPORTS if e.ticked]
    files = export_files(quick, kb, "brightloop", _answers(kb), now=TODAY)
    assert len(files) >= len(quick) and len(calls) == 1


@pytest.mark.parametrize("with_answers", [True, False], ids=["prefilled", "blank"])
def test_starter_templates_follow_the_pinned_date(
    run_cli, write_answers, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kb, with_answers: bool
) -> None:
    """FRAMEWORK_ADVISOR_TODAY (and the TUI's export date) reach the templates' dates, as they
    reach the report's."""
    answers = ["-a", str(write_answers(_answers(kb)))] if with_answers else []
    outputs = []
    for day in ("2026-01-15", "2027-07-15"):
        monkeypatch.setenv("FRAMEWORK_ADVISOR_TODAY", day)
        out = tmp_path / day
        result = run_cli("templates", "4dx-tracker", *answers, "-f", "csv", "--out", out)
        assert result.exit_code == 0, result.stderr
        outputs.append({p.name: p.read_text(encoding="utf-8") for p in out.iterdir()})
    assert outputs[0].keys() == outputs[1].keys()
    assert "2026" in "".join(outputs[0].values()) and "2027" in "".join(outputs[1].values())
