"""Starter templates as Word documents (python-docx): a landscape page, real headings, the
guidance, and one table per sheet with a header row that repeats on every page. Calculated
columns are marked with * and explained below their table."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from framework_advisor.render.starter.fill import (
    FilledSheet,
    OutputFile,
    StarterDocument,
    display,
)
from framework_advisor.safe_text import PROPERTY_LIMIT, cut, xml_safe

HEADER_SHADING = "D9E2F3"


def render(document: StarterDocument, **_: Any) -> list[OutputFile]:
    return [OutputFile(name=f"{document.template.id}.docx", data=document_bytes(document))]


def document_bytes(document: StarterDocument) -> bytes:
    document = xml_safe(document)  # what Word cannot hold (a vertical tab, ESC) is a space
    template = document.template
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    page_width, page_height = section.page_width, section.page_height
    if page_width is not None and page_height is not None and page_width < page_height:
        section.page_width, section.page_height = page_height, page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    doc.core_properties.title = cut(document.title, PROPERTY_LIMIT)
    doc.core_properties.author = "Framework Advisor"
    doc.core_properties.subject = cut(template.summary, PROPERTY_LIMIT)
    stamp = template.stamp()  # what the file is, for the goal checker (`domain.stamp`)
    doc.core_properties.identifier = stamp.template
    doc.core_properties.version = str(stamp.version)
    doc.core_properties.keywords = stamp.marker()

    doc.add_heading(document.title, level=0)
    doc.add_paragraph(template.summary)
    doc.add_heading("How to use", level=1)
    for paragraph in template.guidance:
        doc.add_paragraph(paragraph)
    doc.add_paragraph().add_run(document.provenance()).italic = True

    width = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
    for filled in document.sheets:
        _sheet(doc, filled, width)

    version = f" {document.version}" if document.version else ""
    footer = doc.add_paragraph().add_run(f"Made with Framework Advisor{version}.")
    footer.italic = True
    footer.font.size = Pt(8)
    footer.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _sheet(doc: Any, filled: FilledSheet, width: int) -> None:
    sheet = filled.sheet
    columns = sheet.columns
    doc.add_heading(sheet.title, level=1)
    doc.add_paragraph(sheet.note)
    table = doc.add_table(rows=1 + len(filled.rows), cols=len(columns))
    table.style = "Table Grid"
    table.autofit = False
    size = Pt(9 if len(columns) <= 8 else 7)
    total = sum(column.width for column in columns)
    widths = [int(width * column.width / total) for column in columns]
    for index, table_column in enumerate(table.columns):
        table_column.width = widths[index]  # the grid, which LibreOffice and Word lay out by
    for row_index, table_row in enumerate(table.rows):
        cells = table_row.cells
        for index, column in enumerate(columns):
            cell = cells[index]
            cell.width = widths[index]
            if row_index == 0:
                text = (column.short or column.header) + (" *" if column.calculated else "")
            else:
                row = filled.rows[row_index - 1]
                text = display(row.values.get(column.key), column, row)
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(text)
            run.font.size = size
            if row_index == 0:
                run.bold = True
                _shade(cell, HEADER_SHADING)
    _repeat_header(table.rows[0])
    calculated = [column for column in columns if column.explain]
    if calculated:
        doc.add_paragraph("* Calculated in the spreadsheet versions:")
        for column in calculated:
            item = doc.add_paragraph(style="List Bullet")
            item.add_run(f"{column.header}: ").bold = True
            item.add_run(column.explain)


def _shade(cell: Any, colour: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    properties.append(shading)


def _repeat_header(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
