"""Every starter file says what it is: read back, each names its template and version, in the
document properties (xlsx, docx), in a marker cell right of the header row (xlsx, CSV: it
survives Google Sheets) and in an HTML comment (Markdown)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.stamp import (
    PROPERTY_TEMPLATE,
    PROPERTY_VERSION,
    Stamp,
    read_stamp,
)
from framework_advisor.render.starter.build import documents, render_files

from ..conftest import knowledge


def _files(kb: KnowledgeBase, tid: str, fmt: str) -> dict[str, bytes]:
    [document] = documents(kb, [tid], None)
    return {f.name: f.data for f in render_files([document], fmt)}


@pytest.mark.parametrize("tid", list(knowledge().templates))
def test_every_starter_file_names_its_template_and_version(kb: KnowledgeBase, tid: str) -> None:
    template = kb.templates[tid]
    expected = Stamp(template=tid, version=template.version)

    [xlsx] = _files(kb, tid, "xlsx").values()
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx))
    assert read_stamp(workbook.properties.keywords or "") == expected
    custom = {p.name: p.value for p in workbook.custom_doc_props}
    assert (custom[PROPERTY_TEMPLATE], custom[PROPERTY_VERSION]) == (tid, template.version)
    for sheet in template.sheets:
        worksheet = workbook[sheet.title]
        header = [c.value for c in worksheet[3]]
        assert header[: len(sheet.columns)] == [c.header for c in sheet.columns]
        assert read_stamp(str(header[len(sheet.columns)])) == expected, sheet.id

    csv_files = _files(kb, tid, "csv")
    assert len(csv_files) == len(template.sheets)
    for name, data in csv_files.items():
        first = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        assert read_stamp(first[-1]) == expected, name
        assert all(read_stamp(cell) is None for cell in first[:-1]), name

    [md] = _files(kb, tid, "md").values()
    assert expected.comment() in md.decode("utf-8")

    [docx] = _files(kb, tid, "docx").values()
    properties = Document(io.BytesIO(docx)).core_properties
    assert (properties.identifier, properties.version) == (tid, str(template.version))
    assert read_stamp(properties.keywords) == expected


def test_a_renamed_export_is_still_recognised_by_its_marker(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    """Google Sheets names a tab's export "Title - Tab.csv": the marker, not the name, tells."""
    tid = next(iter(kb.templates))
    name, data = next(iter(_files(kb, tid, "csv").items()))
    renamed = tmp_path / "Acme goals - Sheet1.csv"
    renamed.write_bytes(data)
    cells = [cell for row in csv.reader(renamed.open(encoding="utf-8-sig")) for cell in row]
    found = [stamp for cell in cells if (stamp := read_stamp(cell)) is not None]
    assert found == [Stamp(template=tid, version=kb.templates[tid].version)], name


def test_read_stamp_finds_nothing_in_ordinary_text() -> None:
    assert read_stamp("Objective") is None
    assert read_stamp("Framework Advisor template: ") is None
    assert read_stamp("Framework Advisor template: okr-tracker v12") == Stamp("okr-tracker", 12)


@pytest.mark.parametrize("tid", list(knowledge().templates))
def test_a_filled_in_sheet_is_recognised_by_its_stamp_else_by_its_header_row(
    kb: KnowledgeBase, tid: str
) -> None:
    from framework_advisor.engine.recognise import recognise

    template = kb.templates[tid]
    workbook = openpyxl.load_workbook(io.BytesIO(next(iter(_files(kb, tid, "xlsx").values()))))
    for sheet in template.sheets:
        rows = [[c.value for c in row] for row in workbook[sheet.title].iter_rows(max_row=5)]
        found = recognise(kb, rows)
        assert found is not None and (found.stamp, found.sheet) == (template.stamp(), sheet.id)
        assert not found.by_header
    csv_files = _files(kb, tid, "csv")
    for sheet, data in zip(template.sheets, csv_files.values(), strict=True):
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        without_marker = [rows[0][:-1], *rows[1:]]  # the marker cell deleted by hand
        found = recognise(kb, without_marker)
        elsewhere = [
            t.id
            for t in kb.templates.values()
            if t.id != tid
            and any(
                [c.header for c in s.columns] == [c.header for c in sheet.columns] for s in t.sheets
            )
        ]
        if elsewhere:  # the same header in another template (SMART's and FAST's guides)
            assert found is None, (sheet.id, elsewhere)
            continue
        assert found is not None and found.by_header, sheet.id
        alike = [s for s in template.sheets if s.columns == sheet.columns]  # EOS: two forms
        assert (found.stamp.template, found.sheet) == (tid, sheet.id if len(alike) == 1 else None)


def test_a_sheet_of_something_else_is_not_recognised(kb: KnowledgeBase) -> None:
    from framework_advisor.engine.recognise import recognise

    assert recognise(kb, [["Name", "Email"], ["Ann", "ann@example.com"]]) is None
    assert recognise(kb, []) is None
