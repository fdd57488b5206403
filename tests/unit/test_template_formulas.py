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
    """The manufacturer's objectives, weighted as prefilled, each with an achievement typed."""
    chosen = select_examples(kb, {"function": "company", "industry": "manufacturing"})
    count = min(len(chosen.of_role("mbo_objective")), 4)
    assert count >= 2
    achieved = [1.1, 0.9, 1.0, 1.05][:count]
    typed = {f"E{FIRST + i}": a for i, a in enumerate(achieved)}
    wb = recalculated(kb, tmp_path, "mbo-tracker", {"Objectives": typed, "Summary": {"B7": 10_000}})
    weights = values(wb["Objectives"], "Weight", FIRST, FIRST + count - 1)
    score = sum(w * a for w, a in zip(weights, achieved, strict=True))
    summary = {row[0].value: row[1].value for row in wb["Summary"].iter_rows(min_row=4)}
    assert sum(weights) == pytest.approx(1) and len(set(weights)) > 1
    assert summary["Total weight"] == pytest.approx(1)
    assert summary["Weights check"] == "OK: weights total 100%"
    assert summary["Weighted score"] == pytest.approx(score)
    assert summary["Bonus payout"] == pytest.approx(10_000 * score)


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
        choices = _first_choices(ws)
        for row in ws.iter_rows(min_row=4):
            if not any(isinstance(c.value, str) and c.value in texts for c in row):
                continue
            prefilled.setdefault(ws.title, set()).add(row[0].row)
            for offset, cell in enumerate(row):
                number_format = cell.number_format or ""
                if cell.value is None and cell.coordinate in choices:  # a list: its first
                    cell.value = choices[cell.coordinate]
                elif cell.value is None and "yy" in number_format.lower():  # a date: as typed
                    cell.value = dt.datetime(2026, 1, 5)
                elif cell.value is None and ("0" in number_format or "%" in number_format):
                    cell.value = 2 + offset
    return prefilled


def _first_choices(ws: Any) -> dict[str, str]:
    """Each cell under a drop-down list, with the list's first option."""
    found: dict[str, str] = {}
    for validation in ws.data_validations.dataValidation:
        options = (validation.formula1 or "").strip('"').split(",")
        if validation.type != "list" or not options[0] or options[0].startswith("$"):
            continue
        for cells in validation.sqref.ranges:
            for row in ws.iter_rows(
                min_row=cells.min_row, max_row=min(cells.max_row, 60),
                min_col=cells.min_col, max_col=cells.max_col,
            ):  # fmt: skip
                for cell in row:
                    found[cell.coordinate] = options[0]
    return found


def _fixed_rows(workbook: openpyxl.Workbook, texts: set[str]) -> dict[str, set[int]]:
    """The rows a template writes itself (the RACI's roles, the 7S elements), not an example:
    a count of 0 there is a value ("accountable for 0 activities"), not nothing entered."""
    rows: dict[str, set[int]] = {}
    for ws in workbook.worksheets:
        for row in ws.iter_rows(min_row=4):
            first = row[0].value
            if (
                isinstance(first, str)
                and first
                and not first.startswith("=")
                and first not in texts
            ):
                rows.setdefault(ws.title, set()).add(row[0].row)
    return rows


@pytest.mark.parametrize("profile", list(PROFILES))
def test_prefilled_rows_compute_and_empty_rows_stay_blank(
    kb: KnowledgeBase, tmp_path: Path, profile: str
) -> None:
    """Every formula cell of a prefilled row shows a value once the team types its readings;
    on a row nobody filled, every formula cell is blank, never 0. One LibreOffice run recalculates
    every template of the profile."""
    chosen = select_examples(kb, PROFILES[profile])
    sources: dict[str, tuple[Path, dict[str, set[int]], dict[str, set[str]]]] = {}
    fixed: dict[str, dict[str, set[int]]] = {}
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
        texts = _example_texts(chosen)
        fixed[tid] = fixed[f"{tid} as written"] = _fixed_rows(workbook, texts)
        prefilled = _typed_readings(workbook, texts)
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
                if cell.row not in rows | fixed[tid].get(ws.title, set()) and cell.value == 0:
                    zero.append(f"{tid} {ws.title}!{coordinate}")
    assert not zero, f"0 where nothing was entered: {zero[:10]}"
    assert not blank, f"no value on a prefilled row: {blank[:10]}"


# -- RACI, 7S, Hoshin Kanri and FAST: one LibreOffice run for the four ----------------------

NEW_TEMPLATES = (
    "raci-matrix", "mckinsey-7s-diagnostic", "hoshin-kanri-x-matrix", "fast-goals", "eos-vto",
)  # fmt: skip
FIRST = 4  # the first data row (title, note, header above it)


def letter_of(ws, header: str) -> str:
    """The column letter under which `header` stands in the header row."""
    for cell in ws[FIRST - 1]:
        if cell.value == header:
            return cell.column_letter
    raise KeyError(header)


def prefilled_count(ws) -> int:
    """How many rows from the first hold something in their first column."""
    count = 0
    while ws.cell(FIRST + count, 1).value not in (None, ""):
        count += 1
    return count


def typing(ws, row: int, values: dict[str, object]) -> None:
    for header, value in values.items():
        ws[f"{letter_of(ws, header)}{row}"] = value


@pytest.fixture(scope="module")
def four(kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The four templates prefilled for a manufacturer, typed into as a team would, then
    recalculated by LibreOffice in one run: {tid: (as written, recalculated)}."""
    tmp_path = tmp_path_factory.mktemp("four")
    chosen = select_examples(kb, {"function": "company", "industry": "manufacturing"})
    written = {}
    for file in template_files(kb, list(NEW_TEMPLATES), "xlsx", chosen, today=TODAY):
        written[file.name.removesuffix(".xlsx")] = openpyxl.load_workbook(io.BytesIO(file.data))
    raci = written["raci-matrix"]["Matrix"]
    after = FIRST + prefilled_count(raci)
    typing(raci, after, {"Activity or decision": "Two A's", "Executive sponsor": "A",
                         "Project lead": "A", "Staff": "R"})  # fmt: skip
    typing(raci, after + 1, {"Activity or decision": "No A", "Project lead": "R"})
    typing(raci, after + 2, {"Activity or decision": "No R", "Finance": "A"})
    diagnostic = written["mckinsey-7s-diagnostic"]["Diagnostic"]
    typing(diagnostic, FIRST, {"Score now (1-5)": 3, "Score needed (1-5)": 5})
    typing(diagnostic, FIRST + 1, {"Score now (1-5)": 4, "Score needed (1-5)": 4})
    typing(diagnostic, FIRST + 2, {"Score now (1-5)": 3, "Score needed (1-5)": 4})
    alignment = written["mckinsey-7s-diagnostic"]["Alignment"]
    typing(alignment, FIRST, {"Strategy": "Clashes", "Structure": "Fits"})
    typing(alignment, FIRST + 1, {"Shared values": "Fits", "Structure": "Fits"})
    typing(alignment, FIRST + 2, {"Shared values": "Fits", "Strategy": "Partly"})
    priorities = written["hoshin-kanri-x-matrix"]["Priorities"]
    typing(priorities, FIRST, {"Catchball": "Agreed"})
    goals = written["fast-goals"]["Goals"]
    cadence = "Frequently discussed: how often"
    typing(goals, FIRST, {"Last discussed": dt.datetime(2020, 1, 1), cadence: "Weekly"})
    soon = dt.datetime.combine(dt.date.today(), dt.time())
    typing(goals, FIRST + 1, {"Last discussed": soon, cadence: "Monthly"})
    scorecard = written["eos-vto"]["Scorecard"]
    typing(scorecard, FIRST, {"Goal as a number": 20, "Goal is": "At least", "Week 1": 25,
                              "Week 2": 15})  # fmt: skip
    typing(scorecard, FIRST + 1, {"Goal as a number": 3, "Goal is": "At most", "Week 1": 2,
                                  "Week 2": 3, "Week 3": 4})  # fmt: skip
    typing(scorecard, FIRST + 2, {"Goal as a number": 3, "Goal is": "At most"})
    sources = []
    for tid, workbook in written.items():
        sources.append(tmp_path / f"{tid}.xlsx")
        workbook.save(sources[-1])
    out = tmp_path / "out"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out),
         *map(str, sources)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return {
        tid: (written[tid], openpyxl.load_workbook(out / f"{tid}.xlsx", data_only=True))
        for tid in written
    }


def values(ws, header: str, first: int, last: int) -> list:
    letter = letter_of(ws, header)
    return [ws[f"{letter}{row}"].value for row in range(first, last + 1)]


def test_raci_counts_and_flags_a_row_with_two_accountables(kb: KnowledgeBase, four: dict) -> None:
    written, wb = four["raci-matrix"]
    matrix = wb["Matrix"]
    rows = len(kb.examples["function:company"].of_role("raci_activity"))
    assert prefilled_count(written["Matrix"]) == rows + 3  # ours, and three typed
    last = FIRST + rows - 1
    assert values(matrix, "A's", FIRST, last) == [1] * rows
    assert all(r >= 1 for r in values(matrix, "R's", FIRST, last))
    assert values(matrix, "Check", FIRST, last) == ["OK"] * rows
    assert values(matrix, "Check", last + 1, last + 3) == [
        "Two or more A's: keep one",
        "No A: name one",
        "No R: name who does it",
    ]
    assert values(matrix, "A's", last + 1, last + 1) == [2]
    empty = last + 4
    for header in ("A's", "R's", "Check"):
        assert values(matrix, header, empty, empty + 3) == [None] * 4, header
    roles = {row[0]: row[2] for row in wb["Roles"].iter_rows(min_row=FIRST, values_only=True)}
    assert roles["Activities to fix"] == 3
    assert (
        roles["Executive sponsor"]
        == sum(
            a.sponsor in ("A", "A/R")
            for a in kb.examples["function:company"].of_role("raci_activity")
        )
        + 1
    )  # and the typed row with two A's


def test_7s_gap_what_to_do_and_alignment(four: dict) -> None:
    _, wb = four["mckinsey-7s-diagnostic"]
    diagnostic = wb["Diagnostic"]
    assert values(diagnostic, "Gap", FIRST, FIRST + 3) == [2, 0, 1, None]
    assert values(diagnostic, "What to do", FIRST, FIRST + 3) == [
        "Close first", "Keep", "Improve", None,
    ]  # fmt: skip
    alignment = wb["Alignment"]
    assert values(alignment, "Clashes", FIRST, FIRST + 3) == [1, 0, 0, None]
    assert values(alignment, "Alignment", FIRST, FIRST + 3) == [
        "Clashes with 1", "Aligned", "Partly aligned", None,
    ]  # fmt: skip


def test_hoshin_links_count_up_and_catchball_agrees(kb: KnowledgeBase, four: dict) -> None:
    from framework_advisor.domain.examples import AnnualObjective, ImprovementPriority

    written, wb = four["hoshin-kanri-x-matrix"]
    roles = select_examples(kb, {"function": "company", "industry": "manufacturing"}).roles
    annual = [r for r in roles if isinstance(r, AnnualObjective)]
    priorities = [r for r in roles if isinstance(r, ImprovementPriority)]
    breakthrough = wb["Breakthrough"]
    count = prefilled_count(written["Breakthrough"])
    metrics = [r.metric for r in roles if type(r).__name__ == "BreakthroughObjective"][:count]
    expected = [sum(a.drives == m for a in annual) for m in metrics]
    assert values(breakthrough, "Annual objectives", FIRST, FIRST + count) == [*expected, None]
    assert values(breakthrough, "Check", FIRST, FIRST + count) == [
        *("OK" if n else "No annual objective yet" for n in expected), None,
    ]  # fmt: skip
    sheet = wb["Annual"]
    expected = [sum(p.drives == a.metric for p in priorities) for a in annual]
    assert values(sheet, "Improvement priorities", FIRST, FIRST + len(annual)) == [*expected, None]
    assert values(sheet, "Check", FIRST, FIRST + len(annual)) == [
        *("OK" if n else "No improvement priority yet" for n in expected), None,
    ]  # fmt: skip
    checks = values(wb["Priorities"], "Check", FIRST, FIRST + len(priorities))
    assert checks == ["Agreed", *["Still in catchball"] * (len(priorities) - 1), None]


def test_fast_check_and_next_discussion(four: dict) -> None:
    written, wb = four["fast-goals"]
    goals = wb["Goals"]
    count = prefilled_count(written["Goals"])
    answers = ("Ambitious: the stretch", "Specific: next milestone and measure", "Milestone date",
               "Transparent: where published", "Frequently discussed: how often")  # fmt: skip
    given = [
        sum(written["Goals"][f"{letter_of(written['Goals'], h)}{row}"].value is not None
            for h in answers)
        for row in range(FIRST, FIRST + count)
    ]  # fmt: skip
    assert values(goals, "FAST check", FIRST, FIRST + count) == [
        *("FAST" if n == 5 else f"Missing {5 - n} of 5" for n in given), None,
    ]  # fmt: skip
    nexts = values(goals, "Next discussion", FIRST, FIRST + 2)
    assert nexts[0].date() == dt.date(2020, 1, 8)
    assert nexts[1].date() == dt.date.today() + dt.timedelta(days=30) and nexts[2] is None
    assert values(goals, "Discussion due", FIRST, FIRST + 2) == ["Overdue", "On schedule", None]
    assert values(goals, "FAST check", FIRST + count, FIRST + count + 2) == [None] * 3


def test_eos_scorecard_weeks_on_goal_and_hit_rate(four: dict) -> None:
    written, wb = four["eos-vto"]
    scorecard = wb["Scorecard"]
    count = prefilled_count(written["Scorecard"])
    assert count >= 3
    assert values(scorecard, "Weeks on goal", FIRST, FIRST + 2) == [1, 2, None]
    rates = values(scorecard, "Hit rate", FIRST, FIRST + 2)
    assert rates[:2] == [pytest.approx(0.5), pytest.approx(2 / 3)] and rates[2] is None
    rest = values(scorecard, "Weeks on goal", FIRST + 3, FIRST + count + 1)
    assert rest == [None] * (count - 1)  # prefilled without numbers, then empty: blank
