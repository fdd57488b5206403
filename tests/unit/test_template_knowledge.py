"""Starter templates are knowledge: `templates/<id>.yaml` loads into the knowledge base (and its
cache), a pack replaces a template by id or adds one, and a bad template is one located line per
problem on stderr with exit code 2."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from click.testing import Result

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.kb.load import load

from ..conftest import ROOT, build_tree

Run = Callable[..., Result]
PACK = "name: templates-pack\nversion: '1'\nschema_version: 2\n"
RACI = """\
id: raci-matrix
title: RACI matrix
frameworks: [raci]
summary: Who is responsible, accountable, consulted and informed for each decision.
guidance:
  - One row per decision or deliverable; exactly one A per row.
sources:
  - {title: "A Guide to the Project Management Body of Knowledge", author: PMI, year: 2021}
sheets:
  - id: matrix
    title: Matrix
    note: One accountable person per row.
    columns:
      - {key: task, header: Decision or deliverable, width: 40}
      - {key: accountable, header: Accountable, width: 16}
      - key: check
        header: Check
        width: 12
        formula: '=IF({task}="","",IF({accountable}="","No A","OK"))'
        explain: OK when the row names one accountable person.
    sections:
      - example:
          - {task: Approve the pricing change, accountable: CFO}
        min_rows: 5
"""


def fails(result: Result, *facts: str) -> str:
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for fact in facts:
        assert fact in result.stderr, result.stderr
    return result.stderr


def pack(tmp_path: Path, templates: dict[str, str]) -> Path:
    return build_tree(
        tmp_path / "pack",
        {"pack.yaml": PACK, **{f"templates/{tid}.yaml": text for tid, text in templates.items()}},
    )


def test_every_template_file_is_loaded(kb: KnowledgeBase) -> None:
    files = sorted(p.stem for p in (ROOT / "knowledge" / "templates").glob("*.yaml"))
    assert sorted(kb.templates) == files
    assert list(kb.templates)[:2] == ["okr-planning-sheet", "kpi-dashboard"]
    for template in kb.templates.values():
        assert template.sources, f"{template.id}: cite the sources it follows"
        assert all(fid in kb.frameworks for fid in template.frameworks)


def test_templates_survive_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRAMEWORK_ADVISOR_CACHE_DIR", str(tmp_path))
    fresh = load([])
    assert list(tmp_path.glob("kb-*.msgpack"))
    assert load([]).templates == fresh.templates


def test_a_pack_adds_a_template(run_cli: Run, kb: KnowledgeBase, tmp_path: Path) -> None:
    theirs = RACI.replace("id: raci-matrix", "id: decision-rights")
    folder = pack(tmp_path, {"decision-rights": theirs})
    packed = load([str(folder)], use_cache=False)
    assert "decision-rights" in packed.templates
    assert len(packed.templates) == len(kb.templates) + 1
    result = run_cli("--kb", folder, "templates", "raci", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "decision-rights.xlsx",
        "raci-matrix.xlsx",
    ]
    ws = openpyxl.load_workbook(tmp_path / "out" / "decision-rights.xlsx")["Matrix"]
    assert [c.value for c in ws[3]] == [
        "Decision or deliverable",
        "Accountable",
        "Check",
        "Framework Advisor template: decision-rights v1",  # a pack's template gets the stamp too
    ]
    assert ws["A4"].value == "Approve the pricing change"
    assert ws["C4"].value == '=IF(A4="","",IF(B4="","No A","OK"))'


def test_a_pack_template_with_an_existing_id_replaces_it(
    run_cli: Run, kb: KnowledgeBase, tmp_path: Path
) -> None:
    ours = (ROOT / "knowledge" / "templates" / "smart-worksheet.yaml").read_text()
    theirs = ours.replace("title: SMART goal worksheet", "title: Acme SMART goals", 1)
    folder = pack(tmp_path, {"smart-worksheet": theirs})
    packed = load([str(folder)], use_cache=False)
    assert packed.templates["smart-worksheet"].title == "Acme SMART goals"
    assert len(packed.templates) == len(kb.templates)
    result = run_cli("--kb", folder, "templates", "smart", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    wb = openpyxl.load_workbook(tmp_path / "out" / "smart-worksheet.xlsx")
    assert wb["Goals"]["A1"].value.startswith("Acme SMART goals")


BAD = {
    "unknown field": (
        RACI.replace("    note: One accountable", "    notes: One accountable"),
        "raci-matrix.yaml:12: error kb-field: sheets[0].notes: unknown field. Did you mean 'note'?",
    ),
    "wrong type": (
        RACI.replace("width: 40", "width: wide"),
        "raci-matrix.yaml:14: error kb-field: sheets[0].columns[0].width: expected a whole number, got text",
    ),
    "formula naming a missing column": (
        RACI.replace("IF({accountable}", "IF({acountable}"),
        "raci-matrix.yaml:19: error kb-unknown-reference: sheets[0].columns[2].formula: {acountable}: "
        "no column "
        "'acountable' in sheet 'matrix'. Did you mean 'accountable'?",
    ),
    "a missing sheet": (
        RACI.replace('IF({task}=""', 'IF({other.task:all}=""'),
        "raci-matrix.yaml:19: error kb-unknown-reference: sheets[0].columns[2].formula: "
        "{other.task:all}: "
        "no sheet 'other'",
    ),
    "a function reaching outside": (
        RACI.replace('"No A"', 'HYPERLINK("http://example.invalid")'),
        "the function HYPERLINK is not allowed in a template",
    ),
    "a cell by address": (
        RACI.replace('"No A"', "Sheet1!A1"),
        "cells are named by {references}, never by address",
    ),
    "an unknown framework": (
        RACI.replace("frameworks: [raci]", "frameworks: [rasci]"),
        "raci-matrix.yaml:3: error kb-unknown-reference: frameworks[0]: no framework 'rasci'. Did you mean 'raci'?",
    ),
    "a row value for no column": (
        RACI.replace("accountable: CFO}", "acountable: CFO}"),
        "sections[0].example[0].acountable: no column 'acountable' in sheet 'matrix'",
    ),
    "an id that is not the file name": (
        RACI.replace("id: raci-matrix", "id: raci"),
        "raci-matrix.yaml:1: error kb-template: id: 'raci' differs from the file name 'raci-matrix.yaml'",
    ),
    "an unclosed text in a formula": (
        RACI.replace('"No A"', '"No A'),
        "sheets[0].columns[2].formula: a text in the formula is not closed",
    ),
    "unbalanced parentheses": (
        RACI.replace('"No A","OK"))', '"No A","OK")'),
        "the parentheses of the formula do not match",
    ),
    "a default formula reaching outside": (
        RACI.replace(
            "width: 16}", "width: 16, default: {formula: '=HYPERLINK(\"http://x.invalid\")'}}"
        ),
        "sheets[0].columns[1].default.formula: the function HYPERLINK is not allowed",
    ),
    "a list source that is not a range": (
        RACI.replace(
            "width: 16}", "width: 16, type: choice, validation: {kind: list, source: 'x,y'}}"
        ),
        "sheets[0].columns[1].validation.source: a list's source is one range",
    ),
    "a prefill field no record has": (
        RACI.replace(
            "        min_rows: 5",
            "        prefill: {role: kpi, fields: {task: nme}}\n        min_rows: 5",
        ),
        "sections[0].prefill.fields.task: 'nme' is not a field of kpi records. "
        "Did you mean 'name'?",
    ),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_pack_template_is_a_located_error(run_cli: Run, tmp_path: Path, case: str) -> None:
    text, expected = BAD[case]
    folder = pack(tmp_path, {"raci-matrix": text})
    stderr = fails(run_cli("--kb", folder, "validate"), expected)
    assert stderr.count("\n") == 1, stderr
    fails(run_cli("--kb", folder, "templates", "--out", tmp_path / "out"), expected)
    assert not (tmp_path / "out").exists()


def test_every_problem_of_a_template_is_reported_at_once(run_cli: Run, tmp_path: Path) -> None:
    """One problem per sheet (msgspec stops at the first in each) and one per reference."""
    text = RACI.replace("title: Matrix", "title: Matrix\n    capacity: lots")
    text = text.replace("sheets:\n", "sheets:\n" + _another_sheet())
    text = text.replace("frameworks: [raci]", "frameworks: [rasci]")
    folder = pack(tmp_path, {"raci-matrix": text})
    stderr = fails(
        run_cli("--kb", folder, "validate"),
        "sheets[0].columns[0].width",
        "sheets[1].capacity",
    )
    assert stderr.count("\n") == 2, stderr  # references are checked once the shapes pass
    folder = pack(
        tmp_path,
        {
            "raci-matrix": RACI.replace("frameworks: [raci]", "frameworks: [rasci]").replace(
                "{accountable}", "{acountable}"
            )
        },
    )
    stderr = fails(run_cli("--kb", folder, "validate"), "frameworks[0]", "{acountable}")
    assert stderr.count("\n") == 2, stderr


def _another_sheet() -> str:
    return (
        "  - id: extra\n    title: Extra\n    note: x\n"
        "    columns: [{key: a, header: A, width: huge}]\n    sections: [{min_rows: 1}]\n"
    )


def test_a_pack_template_s_text_stays_text(run_cli: Run, tmp_path: Path) -> None:
    """Its titles, notes, headers and guidance are text in every format, never a formula, raw
    HTML or a script link; only its formula patterns become formulas."""
    text = (
        RACI.replace("header: Decision or deliverable", "header: '=1+1'")
        .replace("note: One accountable person per row.", "note: '@SUM(1)'")
        .replace(
            "  - One row per decision or deliverable; exactly one A per row.",
            "  - '=HYPERLINK(\"http://example.invalid\") <script>x</script> [a](javascript:x)'",
        )
    )
    folder = pack(tmp_path, {"raci-matrix": text})
    out = tmp_path / "out"
    for fmt in ("xlsx", "csv", "md"):
        result = run_cli("--kb", folder, "templates", "raci", "--format", fmt, "--out", out)
        assert result.exit_code == 0, result.stderr
    wb = openpyxl.load_workbook(out / "raci-matrix.xlsx")
    ws = wb["Matrix"]
    assert ws["A3"].value == "'=1+1" and ws["A3"].data_type == "s"
    assert ws["A2"].value == "'@SUM(1)"
    guidance = [c.value for c in wb["How to use"]["A"] if isinstance(c.value, str)]
    assert any(v.startswith("'=HYPERLINK") for v in guidance)
    assert all(c.data_type != "f" for c in wb["How to use"]["A"])
    assert (out / "raci-matrix.csv").read_text(encoding="utf-8-sig").startswith("'=1+1,")
    md = (out / "raci-matrix.md").read_text()
    assert "<script>" not in md
    assert "\\[a](javascript:x)" in md  # an escaped bracket: text, not a link
