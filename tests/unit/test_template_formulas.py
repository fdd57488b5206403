"""The starter templates' formulas compute: LibreOffice recalculates workbooks filled in as a
team would, and the results are read back (skipped, saying why, where LibreOffice is missing).
KPI status, MBO weights and bonus, 4DX progress, hit rate and the WIG sentence (20,000,000, not
20000000), OKR progress including a falling target."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.engine.examples import select_examples
from framework_advisor.exports import template_files

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.subprocess,
    pytest.mark.skipif(
        SOFFICE is None, reason="LibreOffice (Debian's libreoffice-calc) is not installed"
    ),
]
TODAY = dt.date(2026, 1, 15)


def recalculated(kb: KnowledgeBase, tmp_path: Path, tid: str, typed: dict) -> openpyxl.Workbook:
    """The template prefilled for a company in manufacturing, with `typed` cells filled in
    ({sheet: {cell: value}}), recalculated by LibreOffice and read back with values."""
    chosen = select_examples(kb, {"function": "company", "industry": "manufacturing"})
    [file] = template_files(kb, [tid], "xlsx", chosen, today=TODAY)
    workbook = openpyxl.load_workbook(io.BytesIO(file.data))
    for sheet, cells in typed.items():
        for cell, value in cells.items():
            workbook[sheet][cell] = value
    source = tmp_path / f"{tid}.xlsx"
    workbook.save(source)
    out = tmp_path / "out"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return openpyxl.load_workbook(out / source.name, data_only=True)


def test_4dx_progress_hit_rate_and_the_wig_sentence(kb: KnowledgeBase, tmp_path: Path) -> None:
    wb = recalculated(
        kb,
        tmp_path,
        "4dx-tracker",
        {"WIG": {"G4": 21_000_000}, "Scoreboard": {"E4": 70, "F4": 50, "G4": 60}},
    )
    wig = wb["WIG"]
    assert wig["H4"].value == pytest.approx(0.25)
    assert wig["I4"].value == "Grow annual revenue: from 20,000,000 to 24,000,000 by 2026-06-30"
    board = wb["Scoreboard"]
    assert board["R4"].value == 2 and board["S4"].value == pytest.approx(2 / 3)


def test_mbo_weights_check_and_bonus(kb: KnowledgeBase, tmp_path: Path) -> None:
    wb = recalculated(
        kb,
        tmp_path,
        "mbo-tracker",
        {"Objectives": {"E4": 1.1, "E5": 0.9, "E6": 1.0}, "Summary": {"B7": 10_000}},
    )
    values = {row[0].value: row[1].value for row in wb["Summary"].iter_rows(min_row=4)}
    assert values["Total weight"] == pytest.approx(1)
    assert values["Weights check"] == "OK: weights total 100%"
    assert values["Weighted score"] == pytest.approx(0.4 * 1.1 + 0.35 * 0.9 + 0.25 * 1.0)
    assert values["Bonus payout"] == pytest.approx(10_000 * (0.44 + 0.315 + 0.25))


def test_kpi_status_in_both_directions(kb: KnowledgeBase, tmp_path: Path) -> None:
    typed = {
        "KPIs": {
            "G4": "Higher is better", "I4": 100, "J4": 95,
            "G5": "Lower is better", "I5": 10, "J5": 12,
            "G6": "Higher is better", "I6": 100, "J6": 101,
        }
    }  # fmt: skip
    kpis = recalculated(kb, tmp_path, "kpi-dashboard", typed)["KPIs"]
    assert [kpis[f"L{r}"].value for r in (4, 5, 6)] == ["At risk", "Off track", "On track"]


def test_okr_progress_with_a_falling_target(kb: KnowledgeBase, tmp_path: Path) -> None:
    typed = {"Key results": {"E4": 10, "F4": 6, "G4": 8, "E5": 35, "F5": 50, "G5": 41}}
    wb = recalculated(kb, tmp_path, "okr-planning-sheet", typed)
    krs = wb["Key results"]
    assert krs["H4"].value == pytest.approx(0.5) and krs["H5"].value == pytest.approx(0.4)
    assert wb["Objectives"]["G4"].value == pytest.approx(0.45)
