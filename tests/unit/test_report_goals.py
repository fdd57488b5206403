"""`report --goals FILE` (and the app's export): the goal checker's findings on the team's
goals as the report's last appendix, laid out by `knowledge/report.yaml` and so drawn the same
in Markdown, HTML, PDF and Word; the JSON gains them under `goal_check`, as `check --format
json` gives them. Without goals the report is unchanged (the goldens hold that)."""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from tests.conftest import SAMPLES
from tests.unit.test_report_parity import (
    _html_headings,
    _html_tables,
    _markdown_headings,
    _markdown_tables,
    _pdf_headings,
    _pdf_text,
    _unescape_markdown,
    _word_headings,
    _word_tables,
)

pytestmark = pytest.mark.usefixtures("fixed_date")

ANSWERS = SAMPLES / "startup.yaml"
GOALS = SAMPLES / "goals" / "team-okrs.md"


def _section(kb, section_id: str):  # type: ignore[no-untyped-def]
    (section,) = [s for s in kb.report.sections if s.id == section_id]
    return section


def _headers(kb) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.header for c in kb.report.tables["goal_findings"].columns]


def _check(run_cli, *paths: Path | str) -> dict:  # type: ignore[no-untyped-def]
    result = run_cli("check", *paths, "-f", "json")
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.output)


def test_the_markdown_report_ends_with_the_findings_on_the_goals(run_cli, kb) -> None:
    result = run_cli("report", ANSWERS, "--goals", GOALS)
    assert result.exit_code == 0, result.stderr
    title = _section(kb, "goals").title
    headings = _markdown_headings(result.output)
    assert headings[-2:] == [(2, title), (3, GOALS.name)]  # the file's name, not its folder
    assert _markdown_tables(result.output)[-1] == _headers(kb)
    checked = _check(run_cli, GOALS)
    text = _unescape_markdown(result.output.split(f"## {title}")[1])
    for finding in checked["findings"]:  # each finding, where it is, in words, as a sentence
        message = finding["message"]
        assert f"| {message[:1].upper()}{message[1:]}. |" in text
        where = f"line {finding['line']}" if finding["line"] else "the whole file"
        assert f"| {where} |" in text
    summary = checked["summary"]
    assert (
        f"Errors: {summary['errors']}. Warnings: {summary['warnings']}. Notes: {summary['infos']}."
        in text
    )
    rewrites = [f["rewrite"] for f in checked["findings"] if f["rewrite"]]
    assert rewrites and all(f"Rewrite: {r}" in text for r in rewrites)
    assert "key-result-activity" not in result.output  # rule ids stay in the JSON


def test_without_goals_there_is_no_appendix(run_cli, kb) -> None:
    result = run_cli("report", ANSWERS)
    assert result.exit_code == 0, result.stderr
    assert _section(kb, "goals").title not in result.output
    data = json.loads(run_cli("report", ANSWERS, "-f", "json").output)
    assert "goal_check" not in data


def test_the_json_report_holds_the_findings_as_check_gives_them(run_cli, tmp_path: Path) -> None:
    other = tmp_path / "goals.yaml"
    other.write_text("kpis:\n  - {kpi: Churn, target: under 2%}\n", encoding="utf-8")
    result = run_cli("report", ANSWERS, "-f", "json", "--goals", GOALS, "--goals", other)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.output)
    assert data["goal_check"]["profile"] == "seeds"
    assert data["goal_check"]["files"] == _check(run_cli, GOALS, other)["files"]
    assert data["title"]  # the report's own keys are still there


def test_a_filled_in_workbook_is_reported_at_its_cells(run_cli, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    result = run_cli("templates", "okr", "--out", tmp_path)
    assert result.exit_code == 0, result.stderr
    (workbook,) = tmp_path.glob("*.xlsx")
    book = load_workbook(workbook)
    book["Objectives"]["A4"], book["Objectives"]["B4"] = "O1", "Delight our customers"
    book["Key results"]["A4"], book["Key results"]["C4"] = "O1", "Call 100 customers"
    book.save(workbook)
    checked = _check(run_cli, workbook)
    report = run_cli("report", ANSWERS, "--goals", workbook)
    assert report.exit_code == 0, report.stderr
    cells = [f["where"] for f in checked["findings"] if "!" in f["where"]]
    assert cells, "the worked example has findings at cells"
    text = _unescape_markdown(report.output)
    assert all(f"| {cell} |" in text for cell in cells)


def test_a_goal_file_that_cannot_be_read_is_exit_2_and_nothing_is_written(
    run_cli, tmp_path: Path
) -> None:
    bad = tmp_path / "goals.yaml"
    bad.write_text("objectives:\n  - objective: [1, 2]\n", encoding="utf-8")
    target = tmp_path / "report.md"
    result = run_cli("report", ANSWERS, "--goals", bad, "-o", target)
    assert result.exit_code == 2
    assert f"{bad}:2" in result.stderr and "Traceback" not in result.stderr
    assert not target.exists()
    missing = run_cli("report", ANSWERS, "--goals", tmp_path / "none.md")
    assert missing.exit_code == 2 and "none.md" in missing.stderr


def test_a_goals_text_is_text_in_every_sink(run_cli, tmp_path: Path) -> None:
    goals = tmp_path / "goals.yaml"
    goals.write_text(
        "objectives:\n"
        '  - objective: "Win <script>alert(1)</script> [x](javascript:alert(1))'
        ' ![i](http://evil.example/i.png) \\u0007\\u001b[31m"\n'
        "    key_results: ['Call 100 <b>customers</b> | =HYPERLINK(\"http://example.com\")']\n",
        encoding="utf-8",
    )
    page = tmp_path / "r.html"
    assert run_cli("report", ANSWERS, "--goals", goals, "-o", page).exit_code == 0
    content = page.read_text(encoding="utf-8")
    assert "<script>alert" not in content and "&lt;script&gt;alert" in content
    assert "<b>customers" not in content and "&lt;b&gt;customers" in content
    markdown = run_cli("report", ANSWERS, "--goals", goals).output
    raw = re.compile(r"(?<!\\)(<script>|<b>|\]\(javascript:|\]\(http)")  # markup, a link, an image
    assert "\\<script>" in markdown and not raw.search(markdown)
    assert "\x07" not in markdown and "\x1b" not in markdown
    word = tmp_path / "r.docx"
    assert run_cli("report", ANSWERS, "--goals", goals, "-o", word).exit_code == 0
    cells = [c.text for t in docx.Document(str(word)).tables for r in t.rows for c in r.cells]
    assert any("<script>alert(1)</script>" in cell for cell in cells)  # as text, not markup


def test_the_apps_export_adds_the_goals_typed_into_the_checker(kb) -> None:
    from framework_advisor.exports import EXPORTS, export_files
    from framework_advisor.goal_review import review_text
    from framework_advisor.storage import read_answers

    answers = read_answers(kb, ANSWERS).answers
    review = review_text(GOALS.read_text(encoding="utf-8"))
    chosen = [e for e in EXPORTS if e.document == "report" and e.format in ("md", "html")]
    files = dict(export_files(chosen, kb, "acme", answers, goals=review))
    title = _section(kb, "goals").title
    assert title in files["acme-report.md"]
    assert title in html.unescape(str(files["acme-report.html"]))
    without = dict(export_files(chosen, kb, "acme", answers))
    assert title not in without["acme-report.md"]


@pytest.mark.slow
def test_the_appendix_is_the_same_in_every_format(run_cli, kb, tmp_path: Path) -> None:
    made = {}
    for fmt in ("md", "html", "pdf", "docx"):
        target = tmp_path / f"r.{fmt}"
        result = run_cli("report", ANSWERS, "--goals", GOALS, "-o", target)
        assert result.exit_code == 0, result.stderr
        made[fmt] = target
    title = _section(kb, "goals").title
    tail = [(2, title), (3, GOALS.name)]
    markdown = made["md"].read_text(encoding="utf-8")
    page = made["html"].read_text(encoding="utf-8")
    pdf = PdfReader(io.BytesIO(made["pdf"].read_bytes()))
    word = docx.Document(str(made["docx"]))
    assert _markdown_headings(markdown)[-2:] == tail
    assert _html_headings(page)[-2:] == tail
    assert _pdf_headings(pdf)[-2:] == tail
    assert _word_headings(word)[-2:] == tail
    headers = _headers(kb)
    assert _markdown_tables(markdown)[-1] == headers
    assert _html_tables(page)[-1] == headers
    assert _word_tables(word)[-1] == headers
    message = _check(run_cli, GOALS)["findings"][0]["message"][1:]  # its first letter capitalised
    assert message in _unescape_markdown(markdown)
    assert message in html.unescape(page)
    assert " ".join(message.split()) in _pdf_text(pdf)
    assert any(message in cell.text for row in word.tables[-1].rows for cell in row.cells)


def test_the_repositorys_settings_apply_to_the_goals_as_they_do_to_check(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`.framework-advisor.yaml` in the working directory: its ignored checks are not reported
    and its profile's limits apply; a wrong setting is exit 2 with its file and line."""
    answers, goals = ANSWERS.resolve(), GOALS.resolve()
    monkeypatch.chdir(tmp_path)
    before = json.loads(run_cli("report", answers, "-f", "json", "--goals", goals).output)
    rules = {f["rule"] for f in before["goal_check"]["files"][0]["findings"]}
    assert "commitment-undeclared" in rules
    (tmp_path / ".framework-advisor.yaml").write_text(
        "check:\n  profile: radical-focus\n  ignore: [commitment-undeclared]\n", encoding="utf-8"
    )
    after = json.loads(run_cli("report", answers, "-f", "json", "--goals", goals).output)
    assert after["goal_check"]["profile"] == "radical-focus"
    found = [f["rule"] for f in after["goal_check"]["files"][0]["findings"]]
    assert "commitment-undeclared" not in found
    assert found == [f["rule"] for f in _check(run_cli, goals)["findings"]]
    (tmp_path / ".framework-advisor.yaml").write_text(
        "check:\n  ignore: [no-such-check]\n", encoding="utf-8"
    )
    wrong = run_cli("report", answers, "--goals", goals)
    assert wrong.exit_code == 2 and ".framework-advisor.yaml:2" in wrong.stderr


@pytest.mark.slow  # the no-ids vocabulary is built on first use
@pytest.mark.parametrize("goals", sorted((SAMPLES / "goals").iterdir()), ids=lambda p: p.name)
def test_the_appendix_reads_as_a_consultant_writes(run_cli, kb, goals: Path) -> None:
    """No check ids, no key paths (`objectives[0]`), no working notes in the appendix: where a
    finding is, is a line or a cell; what it says is the checker's sentence."""
    from tests.client_text import leak_report, markdown_prose

    result = run_cli("report", ANSWERS, "--goals", goals)
    assert result.exit_code == 0, result.stderr
    appendix = result.output.split(f"## {_section(kb, 'goals').title}")[1]
    prose = markdown_prose(appendix)
    assert leak_report(goals.name, prose) == []
    assert not re.search(r"\b[a-z_]+\[\d+\]", _unescape_markdown(prose))
