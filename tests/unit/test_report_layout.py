"""The report's layout is data (`knowledge/report.yaml`): checked at load with file and line,
and a reworded heading, a new column or a new section is one change there, drawn by every
format (here through a knowledge pack, which adds to the layout or replaces by id)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import docx
import msgspec
import pytest

from framework_advisor.domain.examples import ExampleKPI
from framework_advisor.domain.report_layout import (
    REQUIRED_TABLES,
    REQUIRED_TEXT,
    SECTION_BUILDERS,
)
from framework_advisor.render.report.data import model
from framework_advisor.render.report.document import DERIVED, _Builder
from tests.conftest import SAMPLES, build_tree

PACK = 'name: wording\nversion: "1.0"\nschema_version: 2\n'
ROWS: dict[str, type] = {
    "phases": model.PhaseJob,
    "first_weeks": model.StepRow,
    "mix": model.MixRow,
    "comparison": model.ComparisonRow,
    "pitfalls": model.PitfallRow,
    "rollout": model.StepRow,
    "cadence": model.CadenceRow,
    "kpis": ExampleKPI,
    "sensitivity": model.SensitivityRow,
    "ranking": model.RankRow,
    "reasons": model.ReasonRow,
    "glossary": model.GlossaryTerm,
    "answers": model.ProfileRow,
    "goal_findings": model.GoalFindingRow,
}
"""Each table's rows: what its columns' fields name."""

pytestmark = pytest.mark.usefixtures("fixed_date")


def test_every_builder_the_layout_may_name_exists() -> None:
    assert all(callable(getattr(_Builder, f"_{name}", None)) for name in SECTION_BUILDERS)
    assert sorted(ROWS) == sorted(REQUIRED_TABLES)


def test_every_column_of_the_embedded_layout_names_a_field_of_its_rows(kb) -> None:  # type: ignore[no-untyped-def]
    assert set(REQUIRED_TABLES) <= set(kb.report.tables)
    assert set(REQUIRED_TEXT) <= set(kb.report.text)
    for table_id, table in kb.report.tables.items():
        fields = {f.name for f in msgspec.structs.fields(ROWS[table_id])} | set(DERIVED)
        for column in table.columns:
            assert column.field in fields, (table_id, column.field)


def _pack(root: Path, report_yaml: str) -> Path:
    return build_tree(root / "pack", {"pack.yaml": PACK, "report.yaml": report_yaml})


def _report(run_cli, pack: Path, fmt: str, target: Path | None = None):  # type: ignore[no-untyped-def]
    args = ["report", "--kb", pack, "--answers", SAMPLES / "startup.yaml", "--format", fmt]
    result = run_cli(*args, *(["-o", target] if target else []))
    assert result.exit_code == 0, result.stderr
    return result


def test_a_reworded_heading_is_one_line_of_the_layout(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pack = _pack(tmp_path, "text:\n  cautions: Watch out for\n")
    markdown = _report(run_cli, pack, "md").stdout
    assert "### Watch out for" in markdown and "### Cautions" not in markdown
    assert "<h3>Watch out for</h3>" in _report(run_cli, pack, "html").stdout


@pytest.mark.slow
def test_a_new_column_is_one_entry_of_the_layout(run_cli, kb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    columns = [
        "      - {header: Layer, kind: strong, width: 15, field: layer_label}",
        "      - {header: Framework, kind: text, width: 20, field: name}",
        "      - {header: Id, kind: text, width: 10, field: framework}",
        "      - {header: Fit, kind: fit, width: 15, field: fit}",
        "      - {header: Why, kind: text, width: 40, field: why}",
    ]
    pack = _pack(tmp_path, "tables:\n  mix:\n    columns:\n" + "\n".join(columns) + "\n")
    markdown = _report(run_cli, pack, "md").stdout
    assert "| Layer | Framework | Id | Fit | Why |" in markdown
    assert "| okr |" in markdown
    target = tmp_path / "r.docx"
    _report(run_cli, pack, "docx", target)
    tables = docx.Document(io.BytesIO(target.read_bytes())).tables
    headers = [[cell.text for cell in table.rows[0].cells] for table in tables]
    assert ["Layer", "Framework", "Id", "Fit", "Why"] in headers


def test_a_new_section_of_fixed_text_is_one_entry_of_the_layout(
    run_cli, kb, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    sections = [
        f"  - {{id: {s.id}, title: {s.title!r}, new_page: {str(s.new_page).lower()}}}"
        for s in kb.report.sections
    ]
    about = (
        "  - id: about\n    title: About this report\n    builder: sentences\n"
        "    paragraphs: [Prepared from your answers <b>only</b>.]"
    )
    pack = _pack(tmp_path, "sections:\n" + "\n".join([about, *sections]) + "\n")
    markdown = _report(run_cli, pack, "md").stdout
    assert markdown.index("## About this report") < markdown.index("## Summary")
    assert "Prepared from your answers \\<b>only\\</b>." in markdown
    page = _report(run_cli, pack, "html").stdout
    assert '<section id="about" class="report-section">' in page
    assert "Prepared from your answers &lt;b&gt;only&lt;/b&gt;." in page


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "sections:\n  - {id: overveiw, title: Summary}\n",
            [
                "report.yaml:2:",
                "sections[0].id",
                "no builder 'overveiw'",
                "Did you mean 'overview'",
            ],
        ),
        (
            "tables:\n  mix:\n    columns:\n      - {header: Layer, kind: bold, width: 100, field: x}\n",
            ["report.yaml:4:", "tables.mix.columns[0].kind", "bold"],
        ),
        (
            "tables:\n  mix:\n    columns:\n      - {header: Layer, kind: text, width: 90, field: x}\n",
            ["report.yaml:3:", "add up to 90, not 100"],
        ),
        ("text:\n  cautions: Watch {out\n", ["report.yaml:2:", "text.cautions", "placeholders"]),
        (
            "text:\n  fit_heading: '{name.__class__}: fit {fit}'\n",
            ["report.yaml:2:", "text.fit_heading", "not a plain name"],
        ),
        (
            "text:\n  cautions: 'Watch {names:list}'\n",
            ["report.yaml:2:", "text.cautions", "joins its own lists"],
        ),
        (
            "sections:\n  - {id: Mix Section, title: Mix, builder: mix}\n",
            ["report.yaml:2:", "sections[0].id", "not a section id"],
        ),
        ("colour: red\n", ["report.yaml:1:", "unknown top-level key"]),
    ],
)
def test_a_broken_layout_is_refused_with_file_and_line(  # type: ignore[no-untyped-def]
    run_cli, tmp_path: Path, text: str, expected: list[str]
) -> None:
    pack = _pack(tmp_path, text)
    result = run_cli("validate", "--kb", pack)
    assert result.exit_code != 0
    line = next(line for line in result.stderr.splitlines() if "report.yaml" in line)
    for part in expected:
        assert part in line, (part, line)


HOSTILE = "<img src=x onerror=alert(1)> *x* [l](http://e) # $y$ | `z` & \\w"


@pytest.mark.slow
def test_a_packs_words_are_text_in_every_format(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A heading, a sentence and a column header from a pack are shown as written: escaped in
    Markdown and HTML, data (never markup) in the PDF and Word."""
    from pypdf import PdfReader

    quoted = json.dumps(HOSTILE)  # JSON is YAML
    layout = (
        f"text:\n  cautions: {quoted}\n  glossary_intro: {quoted}\n"
        "tables:\n  answers:\n    columns:\n"
        f"      - {{header: {quoted}, kind: text, width: 40, field: label}}\n"
        "      - {header: Answer, kind: text, width: 60, field: answer_and_note}\n"
    )
    pack = _pack(tmp_path, layout)
    markdown = _report(run_cli, pack, "md").stdout
    assert not re.search(r"(?<!\\)(<img|\]\(http)", markdown)  # no tag, no link unescaped
    assert "\\<img src=x onerror=alert(1)> \\*x\\* \\[l\\](http://e)" in markdown
    page = _report(run_cli, pack, "html").stdout
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    pdf, word = tmp_path / "r.pdf", tmp_path / "r.docx"
    _report(run_cli, pack, "pdf", pdf)
    _report(run_cli, pack, "docx", word)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert " ".join(HOSTILE.split()) in " ".join(text.split())
    document = docx.Document(io.BytesIO(word.read_bytes()))
    assert HOSTILE in [p.text for p in document.paragraphs]
    assert HOSTILE in [table.rows[0].cells[0].text for table in document.tables]
