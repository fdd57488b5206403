"""Issue 12: the TUI's export (driven by Pilot) and the CLI's `report`, `recommend` and
`templates` give the same files, byte for byte for md, html, json and csv-free formats, with
the clock pinned (the app's `today`, the CLI's FRAMEWORK_ADVISOR_TODAY). An answers file the
TUI exports always passes `recommend`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from textual.widgets import Checkbox, Input, Static

from framework_advisor.cli import cli
from framework_advisor.exports import EXPORTS, export_file_name
from framework_advisor.tui.app import AdvisorApp

from .conftest import SALES_LED
from .test_flow import open_export, wait_until

TODAY = date(2026, 1, 15)
GIVEN_STAGE = {**SALES_LED, "headcount": 40, "team_size": 12, "stage": "enterprise"}
TEXT_EXPORTS = [
    e for e in EXPORTS if e.format in ("md", "html", "json") and e.document != "templates"
]
CLI_ARGS = {
    ("recommendation", "md"): ["recommend", "-f", "md"],
    ("recommendation", "json"): ["recommend", "-f", "json"],
    ("report", "md"): ["report", "-f", "md"],
    ("report", "html"): ["report", "-f", "html"],
}


async def _export(app: AdvisorApp, folder: Path, wanted: list[Any]) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        export = await open_export(pilot)
        export.query_one("#folder", Input).value = str(folder)
        for index, item in enumerate(EXPORTS):
            export.query_one(f"#export-{index}", Checkbox).value = item in wanted
        export.query_one("#go").press()
        result = export.query_one("#export-result", Static)
        await wait_until(pilot, lambda: "Wrote" in str(result.render()), what="the export")


@pytest.mark.parametrize("answers", [SALES_LED, GIVEN_STAGE], ids=["derived-stage", "given"])
async def test_tui_export_equals_the_cli_byte_for_byte(
    make_app: Callable[..., AdvisorApp],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answers: dict[str, Any],
) -> None:
    assert {(e.document, e.format) for e in TEXT_EXPORTS} == set(CLI_ARGS)
    folder = tmp_path / "out"
    answers_export = next(e for e in EXPORTS if e.document == "answers")
    app = make_app(new_answers=("northwind", dict(answers)), today=TODAY)
    await _export(app, folder, [*TEXT_EXPORTS, answers_export])

    monkeypatch.setenv("FRAMEWORK_ADVISOR_TODAY", TODAY.isoformat())
    answers_file = folder / export_file_name("northwind", answers_export)
    runner = CliRunner()
    for item in TEXT_EXPORTS:
        args = [*CLI_ARGS[(item.document, item.format)], "-a", str(answers_file)]
        result = runner.invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, result.stderr  # the TUI's answers file passes the CLI
        written = (folder / export_file_name("northwind", item)).read_text(encoding="utf-8")
        assert written == result.stdout, f"{item.label} differs from {' '.join(args)}"


async def test_tui_templates_equal_cli_templates_mix(
    make_app: Callable[..., AdvisorApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "tui"
    answers_export = next(e for e in EXPORTS if e.document == "answers")
    templates = next(e for e in EXPORTS if e.document == "templates")
    app = make_app(new_answers=("northwind", dict(SALES_LED)), today=TODAY)
    await _export(app, folder, [answers_export, templates])
    answers_file = folder / export_file_name("northwind", answers_export)
    monkeypatch.setenv("FRAMEWORK_ADVISOR_TODAY", TODAY.isoformat())
    out = tmp_path / "cli"
    args = ["templates", "--mix", "-a", str(answers_file), "-f", templates.format, "--out", out]
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    from openpyxl import load_workbook

    cli_files = sorted(p.name for p in out.iterdir())
    assert cli_files and cli_files == sorted(p.name for p in folder.glob("*.xlsx"))
    for name in cli_files:
        ours, theirs = load_workbook(folder / name), load_workbook(out / name)
        assert ours.sheetnames == theirs.sheetnames
        for sheet in ours.sheetnames:
            cells = [[c.value for c in row] for row in ours[sheet].iter_rows()]
            assert cells == [[c.value for c in row] for row in theirs[sheet].iter_rows()]


def _docx_content(path: Path) -> list[Any]:
    from docx import Document

    document = Document(str(path))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    tables = [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables]
    sections = [
        [p.text for p in s.header.paragraphs] + [p.text for p in s.footer.paragraphs]
        for s in document.sections
    ]
    return [paragraphs, tables, sections]


@pytest.mark.slow
async def test_tui_pdf_word_and_csv_equal_the_cli(
    make_app: Callable[..., AdvisorApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The slow formats and the CSV templates: the PDF byte for byte, Word paragraph by
    paragraph and table by table, each CSV template byte for byte."""
    wanted = [e for e in EXPORTS if e.format in ("pdf", "docx", "csv") or e.document == "answers"]
    assert {(e.document, e.format) for e in wanted if e.document != "answers"} == {
        ("report", "pdf"),
        ("report", "docx"),
        ("templates", "csv"),
    }
    folder = tmp_path / "tui"
    app = make_app(new_answers=("northwind", dict(GIVEN_STAGE)), today=TODAY)
    await _export(app, folder, wanted)
    answers_export = next(e for e in EXPORTS if e.document == "answers")
    answers_file = folder / export_file_name("northwind", answers_export)

    monkeypatch.setenv("FRAMEWORK_ADVISOR_TODAY", TODAY.isoformat())
    runner = CliRunner()
    for fmt in ("pdf", "docx"):
        item = next(e for e in EXPORTS if e.document == "report" and e.format == fmt)
        target = tmp_path / f"cli.{fmt}"
        args = ["report", "-a", str(answers_file), "-f", fmt, "-o", str(target)]
        result = runner.invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        ours = folder / export_file_name("northwind", item)
        if fmt == "pdf":
            assert ours.read_bytes() == target.read_bytes(), "the PDF differs from the CLI's"
        else:
            assert _docx_content(ours) == _docx_content(target)

    out = tmp_path / "cli-csv"
    args = ["templates", "--mix", "-a", str(answers_file), "-f", "csv", "--out", str(out)]
    result = runner.invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    cli_files = sorted(p.name for p in out.iterdir())
    assert cli_files and cli_files == sorted(p.name for p in folder.glob("*.csv"))
    for name in cli_files:
        assert (folder / name).read_bytes() == (out / name).read_bytes(), name
