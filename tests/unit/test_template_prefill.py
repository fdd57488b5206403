"""What the starter templates are prefilled with, for every function and industry (and none):
content a team keeps. 4DX lead measures are weekly actions the team controls that drive the WIG
shown; the Balanced Scorecard has objective, measure, target and initiative in all four
perspectives; MBO objectives are individual and committed, weighted to exactly 100%; the North
Star canvas is answered and its inputs move that North Star; no metric appears twice in one
template; numbers are numeric cells with a format for people."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from click.testing import Result

from framework_advisor.domain.contract import FIXED_QUESTIONS
from framework_advisor.domain.examples import (
    PERSPECTIVE_LABELS,
    ExampleSelection,
    LeadMeasure,
)
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.engine.examples import select_examples
from framework_advisor.exports import template_files
from framework_advisor.render.starter.fill import FilledSheet, StarterDocument, fill_template
from framework_advisor.render.starter.records import records
from framework_advisor.render.starter.records import target_number as records_target_number
from tests.conftest import knowledge

from ..conftest import build_tree

TODAY = dt.date(2026, 1, 15)
FUNCTIONS = FIXED_QUESTIONS["function"][1]
INDUSTRIES = (None, "saas", "software", "ecommerce", "agency", "manufacturing", "education",
              "healthcare", "retail")  # fmt: skip
PAIRS = [(f, i) for f in FUNCTIONS for i in INDUSTRIES]
KB = knowledge()

# The columns that name a metric, by template and sheet.
METRIC_COLUMNS = {
    "kpi-dashboard": {"kpis": "kpi"},
    "4dx-tracker": {"wig": "lag", "scoreboard": "lead"},
    "balanced-scorecard": {"scorecard": "measure"},
    "mbo-tracker": {"objectives": "measure"},
    "north-star-canvas": {"candidates": "candidate", "inputs": "metric"},
    "v2mom-planner": {"annual": "item"},
    "eos-vto": {"traction": "answer"},
    "hoshin-kanri-x-matrix": {
        "breakthrough": "objective", "annual": "objective", "priorities": "priority",
    },
    "raci-matrix": {"matrix": "activity"},
    "fast-goals": {"goals": "goal"},
}  # fmt: skip


def selection(function: str, industry: str | None) -> ExampleSelection:
    return select_examples(
        KB, {k: v for k, v in {"function": function, "industry": industry}.items() if v}
    )


def filled(tid: str, function: str, industry: str | None) -> StarterDocument:
    return fill_template(KB.templates[tid], selection(function, industry), today=TODAY)


def sheet(document: StarterDocument, sheet_id: str) -> FilledSheet:
    return next(f for f in document.sheets if f.sheet.id == sheet_id)


def rows_with(document: StarterDocument, sheet_id: str, key: str) -> list[dict]:
    return [row.values for row in sheet(document, sheet_id).rows if row.values.get(key)]


@pytest.mark.parametrize("tid", list(KB.templates))
def test_no_metric_twice_in_a_template(tid: str) -> None:
    """Net Promoter Score came twice, with two targets, from the function's and the
    industry's KPIs: each metric id now comes once per template, whatever its name."""
    for function, industry in PAIRS:
        chosen = selection(function, industry)
        used: set[str] = set()
        placed: list[str] = []
        for template_sheet in KB.templates[tid].sheets:
            for section in template_sheet.sections:
                if section.prefill is not None:
                    placed += [
                        r["metric"] for r in records(chosen, section.prefill, used) if "metric" in r
                    ]
        assert len(placed) == len(set(placed)), (tid, function, industry, Counter(placed))
        document = filled(tid, function, industry)
        for sheet_id, key in METRIC_COLUMNS.get(tid, {}).items():
            names = [str(v[key]) for v in rows_with(document, sheet_id, key)]
            twice = [name for name, n in Counter(names).items() if n > 1]
            assert not twice, (tid, function, industry, twice)


def test_the_kpi_dashboard_names_net_promoter_score_once() -> None:
    document = filled("kpi-dashboard", "customer_success", "saas")
    names = [v["kpi"] for v in rows_with(document, "kpis", "kpi")]
    assert sum("Net Promoter" in name for name in names) == 1


@pytest.mark.parametrize(("function", "industry"), PAIRS)
def test_4dx_lead_measures_are_weekly_actions_the_team_controls(
    function: str, industry: str | None
) -> None:
    chosen = selection(function, industry)
    document = filled("4dx-tracker", function, industry)
    if not chosen.of_role("wig"):  # the library has no WIG that fits: the sheet stays empty
        assert not rows_with(document, "wig", "wig")
        return
    [wig] = rows_with(document, "wig", "wig")
    [goal] = [w for w in chosen.of_role("wig") if w.goal == wig["wig"]]
    assert isinstance(wig["from"], int | float) and isinstance(wig["to"], int | float)
    leads = {e.name: e for e in chosen.of_role("lead_measure")}
    board = rows_with(document, "scoreboard", "lead")
    assert 2 <= len(board) <= 3, "two or three lead measures (McChesney et al.)"
    for row in board:
        entry = leads[row["lead"]]
        assert isinstance(entry, LeadMeasure) and entry.cadence == "weekly"
        assert entry.drives == goal.metric, f"{entry.name} drives another goal"
        assert row["owner"] and row["wig"] == "W1"
        assert isinstance(row["weekly_target"], int | float) and row["weekly_target"] > 0
        kpi_names = {k.name for k in chosen.kpis if k.frequency in ("monthly", "quarterly")}
        assert row["lead"] not in kpi_names
        assert not re.search(r"promoter|engagement|survey|satisfaction", row["lead"], re.I)


@pytest.mark.parametrize(("function", "industry"), PAIRS)
def test_balanced_scorecard_fills_all_four_perspectives(
    function: str, industry: str | None
) -> None:
    document = filled("balanced-scorecard", function, industry)
    chosen = selection(function, industry)
    rows = [row.values for row in sheet(document, "scorecard").rows]
    parts = ("objective", "measure", "target", "initiative")
    for key, label in PERSPECTIVE_LABELS.items():
        complete = [r for r in rows if r["perspective"] == label and all(r.get(p) for p in parts)]
        have = [e for e in chosen.of_role("bsc_objective") if getattr(e, "perspective", "") == key]
        assert bool(complete) == bool(have), f"{function}/{industry}: {label}"
    for row in rows:
        assert all(row.get(p) for p in parts) or not any(row.get(p) for p in parts), row


@pytest.mark.parametrize(("function", "industry"), PAIRS)
def test_mbo_objectives_are_individual_committed_and_weighted_to_100(
    function: str, industry: str | None
) -> None:
    chosen = selection(function, industry)
    document = filled("mbo-tracker", function, industry)
    rows = rows_with(document, "objectives", "objective")
    assert len(rows) == min(len(chosen.of_role("mbo_objective")), 4)
    if not rows:  # the library has no individual objective that fits
        return
    weights = [row["weight"] for row in rows]
    assert sum(round(w * 100) for w in weights) == 100
    assert all(round(w * 100) == pytest.approx(w * 100) for w in weights)
    mbo = {e.objective for e in chosen.of_role("mbo_objective")}
    okrs = {okr.objective for okr in chosen.okrs}
    for row in rows:
        assert row["objective"] in mbo and row["objective"] not in okrs
        assert row["measure"] and row["target"]


@pytest.mark.parametrize(("function", "industry"), PAIRS)
def test_north_star_canvas_is_answered_with_its_input_metrics(
    function: str, industry: str | None
) -> None:
    chosen = selection(function, industry)
    document = filled("north-star-canvas", function, industry)
    canvas = sheet(document, "canvas").rows
    if not chosen.of_role("north_star"):  # none fits: the canvas is left to answer
        assert not any(row.values.get("answer") for row in canvas)
        return
    assert all(row.values.get("answer") for row in canvas), "every part answered"
    [north_star] = [e for e in chosen.of_role("north_star") if e.name == canvas[2].values["answer"]]
    inputs = rows_with(document, "inputs", "metric")
    assert 3 <= len(inputs) <= 5
    by_name = {e.name: e for e in chosen.of_role("input_metric")}
    assert all(by_name[row["metric"]].drives == north_star.metric for row in inputs)
    assert {row["kind"] for row in inputs} <= {"Breadth", "Depth", "Frequency", "Efficiency"}


def test_an_industry_s_north_star_comes_before_the_company_s() -> None:
    chosen = selection("company", "manufacturing")
    assert chosen.of_role("north_star")[0].metric == "weekly_otif_order_lines"
    product_led = select_examples(KB, {"function": "company", "growth_model": "product_led"})
    assert product_led.of_role("north_star")[0].metric == "weekly_customers_getting_value"
    assert not selection("company", None).of_role("north_star"), "written for product-led growth"


def test_numbers_are_numeric_cells_with_a_format_for_people(kb: KnowledgeBase) -> None:
    """A WIG's numbers are numeric cells with a format for people, and the sentence groups
    them (FIXED); every number in every template has a format."""
    chosen = select_examples(kb, {"function": "company", "industry": "manufacturing"})
    [goal] = chosen.of_role("wig")[:1]
    [xlsx] = template_files(kb, ["4dx-tracker"], "xlsx", chosen, today=TODAY)
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx.data))
    wig = workbook["WIG"]
    assert wig["D4"].value == goal.start and wig["D4"].number_format == "#,##0"
    assert wig["E4"].value == goal.target and wig["E4"].number_format == "#,##0"
    assert "FIXED(D4," in wig["I4"].value and "FIXED(E4," in wig["I4"].value
    board = workbook["Scoreboard"]
    assert isinstance(board["D4"].value, int) and board["D4"].number_format == "#,##0"
    for tid in kb.templates:
        for file in template_files(kb, [tid], "xlsx", chosen, today=TODAY):
            for ws in openpyxl.load_workbook(io.BytesIO(file.data)).worksheets:
                for row in ws.iter_rows(min_row=4):
                    for cell in row:
                        if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                            assert cell.number_format != "General", (tid, cell.coordinate)
                        if isinstance(cell.value, str):
                            assert not re.search(r"\d{5,}", cell.value.split("=")[0]), (
                                tid,
                                cell.value,
                            )


# -- packs add role examples ------------------------------------------------------------------

PACK = "name: roles-pack\nversion: '1'\nschema_version: 2\n"
SALES = """\
area: sales
kind: function
title: Sales (pack)
okrs:
  - objective: Grow a healthy pipeline
    key_results: [Raise qualified pipeline from 2 to 3, Raise the win rate from 10 to 20]
kpis:
  - {name: Win rate, definition: Deals won / deals closed, indicator: lagging, level: strategic,
     target: ">= 25%", frequency: monthly}
  - {name: Demos, definition: Demos held, indicator: leading, level: operational,
     target: 20 a week, frequency: weekly}
roles:
  - role: wig
    metric: pack_bookings
    goal: Grow bookings
    lag: Monthly bookings ($)
    start: 1000000
    target: 1250000
    unit: $
  - role: lead_measure
    metric: pack_demos
    name: Demos held with a decision maker
    definition: Demos where the buyer's decision maker attended, counted each week.
    weekly_target: 12
    owner: Account executives
    drives: pack_bookings
  - role: lead_measure
    metric: pack_calls
    name: Reference calls arranged
    definition: Calls between a prospect and a customer, counted each week.
    weekly_target: 3
    owner: Sales team
    drives: pack_bookings
"""


def pack(tmp_path: Path, text: str) -> Path:
    return build_tree(tmp_path / "pack", {"pack.yaml": PACK, "examples/functions/sales.yaml": text})


def test_a_pack_adds_its_own_role_examples(run_cli, write_answers, tmp_path: Path) -> None:
    answers = write_answers({"function": "sales", "headcount": 40, "needs": ["alignment"]})
    out = tmp_path / "out"
    result: Result = run_cli(
        "--kb", pack(tmp_path, SALES), "templates", "4dx", "--answers", answers, "--out", out
    )
    assert result.exit_code == 0, result.stderr
    workbook = openpyxl.load_workbook(out / "4dx-tracker.xlsx")
    assert workbook["WIG"]["B4"].value == "Grow bookings"
    assert workbook["WIG"]["D4"].value == 1_000_000
    leads = [workbook["Scoreboard"][f"B{r}"].value for r in (4, 5, 6)]
    assert leads == ["Demos held with a decision maker", "Reference calls arranged", None]


BAD_ROLES = {
    "an unknown role": (SALES.replace("role: wig", "role: wgi"), "roles[0].role: Invalid value"),
    "a lead measure driving no metric": (
        SALES.replace(
            "    drives: pack_bookings\n  - role: lead_measure",
            "    drives: pack_booking\n  - role: lead_measure",
        ),
        "roles[1].drives: no example has the metric 'pack_booking'. Did you mean 'pack_bookings'?",
    ),
    "a metric twice in one role": (
        SALES.replace("metric: pack_calls", "metric: pack_demos"),
        "roles[2].metric: metric 'pack_demos' twice as a lead_measure here",
    ),
    "a lead measure without a weekly target": (
        SALES.replace("    weekly_target: 12\n", ""),
        "roles[1]: missing required field 'weekly_target'",
    ),
    "a monthly lead measure": (
        SALES.replace("    weekly_target: 12\n", "    weekly_target: 12\n    cadence: monthly\n"),
        "roles[1].cadence",
    ),
}


@pytest.mark.parametrize("case", list(BAD_ROLES))
def test_a_bad_role_example_is_a_located_error(run_cli, tmp_path: Path, case: str) -> None:
    text, expected = BAD_ROLES[case]
    result: Result = run_cli("--kb", pack(tmp_path, text), "validate")
    assert result.exit_code == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert re.search(r"examples/functions/sales\.yaml:\d+: ", result.stderr), result.stderr
    assert expected in result.stderr, result.stderr


def test_a_prefill_role_no_example_has_is_a_located_error() -> None:
    from framework_advisor.kb.templates import TemplateChecks
    from framework_advisor.problems import ProblemCollector
    from framework_advisor.sources.yaml_lines import parse_yaml

    path = Path(__file__).resolve().parents[2] / "knowledge" / "templates" / "4dx-tracker.yaml"
    doc = parse_yaml(path.read_text(), "4dx-tracker.yaml")
    problems = ProblemCollector(words=KB.text)
    roles = {"okr_objective", "key_result", "kpi"}
    TemplateChecks(problems, doc, KB.templates["4dx-tracker"], KB.frameworks, roles).run()
    messages = [f"{p.line}: {p.key}: {p.message}" for p in problems.problems]
    assert any(
        "sheets[0].sections[0].prefill.role: no example has the role 'wig'" in m for m in messages
    ), messages
    assert all(m.split(":")[0].isdigit() for m in messages)


@pytest.mark.parametrize(("function", "industry"), PAIRS[::7])
def test_kpi_targets_are_numbers_wherever_the_written_target_has_one(
    function: str, industry: str | None
) -> None:
    """The status needs a numeric target: "≥ 95%" is 95 beside its written form; a target
    relative to another figure ("110% of last year's") is left for the team to set."""
    document = filled("kpi-dashboard", function, industry)
    rows = rows_with(document, "kpis", "kpi")
    assert rows
    for row in rows:
        written = row["target_text"]
        number = records_target_number(written)
        assert row.get("target") == number, written
        plain = re.fullmatch(r"[≥≤<>]?\s*[$€£]?\d[\d,.]*\s?%?(\s+[a-z ]+)?", written)
        if plain and " of " not in written:
            assert isinstance(row.get("target"), int | float), written
