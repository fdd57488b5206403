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
from typing import Any

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
        {"WIG": {"D4": 20_000_000, "E4": 24_000_000, "G4": 21_000_000},
         "Scoreboard": {"D4": 60, "E4": 70, "F4": 50, "G4": 60}},
    )  # fmt: skip
    wig = wb["WIG"]
    assert wig["H4"].value == pytest.approx(0.25)
    goal = wig["B4"].value
    assert wig["I4"].value == f"{goal}: from 20,000,000 to 24,000,000 by 2026-06-30"
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


PROFILES = {
    "hospital": {"function": "company", "industry": "healthcare", "headcount": 2500},
    "saas": {"function": "company", "industry": "saas", "growth_model": "sales_led",
             "headcount": 120},
    "manufacturer": {"function": "operations", "industry": "manufacturing", "headcount": 800},
}  # fmt: skip


def _example_texts(chosen: Any) -> set[str]:
    texts = {okr.objective for okr in chosen.okrs}
    texts |= {kr for okr in chosen.okrs for kr in okr.key_results}
    texts |= {kpi.name for kpi in chosen.kpis}
    for entry in chosen.roles:
        for name in ("goal", "objective", "name"):
            if isinstance(getattr(entry, name, None), str):
                texts.add(getattr(entry, name))
    return texts


def _typed_readings(workbook: openpyxl.Workbook, texts: set[str]) -> dict[str, set[int]]:
    """Fill every empty number cell of each prefilled row (one holding an example) as a team
    would, each column with its own number (so a start and a target differ); return the
    prefilled rows by sheet."""
    prefilled: dict[str, set[int]] = {}
    for ws in workbook.worksheets:
        for row in ws.iter_rows(min_row=4):
            if not any(isinstance(c.value, str) and c.value in texts for c in row):
                continue
            prefilled.setdefault(ws.title, set()).add(row[0].row)
            for offset, cell in enumerate(row):
                number_format = cell.number_format or ""
                if cell.value is None and ("0" in number_format or "%" in number_format):
                    cell.value = 2 + offset
    return prefilled


@pytest.mark.parametrize("profile", list(PROFILES))
def test_prefilled_rows_compute_and_empty_rows_stay_blank(
    kb: KnowledgeBase, tmp_path: Path, profile: str
) -> None:
    """Every formula cell of a prefilled row shows a value once the team types its readings;
    on a row nobody filled, every formula cell is blank, never 0. One LibreOffice run recalculates
    every template of the profile."""
    chosen = select_examples(kb, PROFILES[profile])
    sources: dict[str, tuple[Path, dict[str, set[int]], dict[str, set[str]]]] = {}
    for tid in kb.templates:
        [file] = template_files(kb, [tid], "xlsx", chosen, today=TODAY)
        workbook = openpyxl.load_workbook(io.BytesIO(file.data))
        formulas = {
            ws.title: {
                c.coordinate
                for row in ws.iter_rows(min_row=4)
                for c in row
                if isinstance(c.value, str) and c.value.startswith("=")
            }
            for ws in workbook.worksheets
        }
        untyped = tmp_path / f"{tid}-as-written.xlsx"
        workbook.save(untyped)
        sources[f"{tid} as written"] = (untyped, {}, formulas)
        prefilled = _typed_readings(workbook, _example_texts(chosen))
        assert tid not in ("kpi-dashboard", "okr-planning-sheet") or prefilled, tid
        source = tmp_path / f"{tid}.xlsx"
        workbook.save(source)
        sources[tid] = (source, prefilled, formulas)
    out = tmp_path / "out"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out),
         *(str(source) for source, _, _ in sources.values())],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    blank, zero = [], []
    for tid, (source, prefilled, formulas) in sources.items():
        workbook = openpyxl.load_workbook(out / source.name, data_only=True)
        for ws in workbook.worksheets:
            rows = prefilled.get(ws.title, set())
            for coordinate in formulas.get(ws.title, set()):
                cell = ws[coordinate]
                if cell.row in rows and cell.value in (None, ""):
                    blank.append(f"{tid} {ws.title}!{coordinate}")
                if cell.row not in rows and cell.value == 0:
                    zero.append(f"{tid} {ws.title}!{coordinate}")
    assert not zero, f"0 where nothing was entered: {zero[:10]}"
    assert not blank, f"no value on a prefilled row: {blank[:10]}"
