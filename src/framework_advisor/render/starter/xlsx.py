"""Starter templates as Excel workbooks (openpyxl): typed cells, real formulas, frozen headers,
column widths, drop-down lists and number checks, conditional formatting, print setup and a
How to use sheet.

Each sheet has the title in row 1, a note in row 2 and the column headers in row 3, with the
template's stamp (`domain.stamp`) in the cell right of the last header; data starts in row 4. Text from the user or a knowledge pack is written as text and neutralised
(`safety.neutralise_cell`); only our own formula patterns become formulas. What XML cannot hold
(a vertical tab, ESC) is a space (`safe_text.xml_safe`), and text is cut only at Excel's own
limits: a cell, a document property, the page footer."""

from __future__ import annotations

import math
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from framework_advisor.domain.stamp import PROPERTY_TEMPLATE, PROPERTY_VERSION, Stamp
from framework_advisor.domain.template import Column, Computed, Highlight, Sheet
from framework_advisor.render.starter.fill import (
    FilledSheet,
    Grid,
    OutputFile,
    StarterDocument,
    column_letter,
)
from framework_advisor.render.starter.safety import neutralise_cell
from framework_advisor.safe_text import CELL_LIMIT, PROPERTY_LIMIT, cut, xml_safe

HEADER_ROW = 3
AUTHOR = "Framework Advisor"
# Excel's own Good / Neutral / Bad cell styles.
TONES = {"good": ("C6EFCE", "006100"), "warn": ("FFEB9C", "9C5700"), "bad": ("FFC7CE", "9C0006")}
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
CALCULATED_FILL = PatternFill("solid", fgColor="F2F2F2")
SECTION_FONT = Font(bold=True)
THIN = Side(style="thin", color="BFBFBF")
GRID_BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
HOW_TO_USE = "How to use"
MARKER_FONT = Font(size=8, color="808080")
WRAP_FROM = 24  # columns this wide or wider wrap their text
FOOTER_LIMIT = 200
"""Characters of the footer's left part: Excel holds 255 in a whole header or footer, codes
(`&L`, `&P`) included."""


def _text(text: str) -> str:
    """A text cell's value: never a formula, at most the 32,767 characters a cell holds."""
    return cut(neutralise_cell(text), CELL_LIMIT)


def render(document: StarterDocument, **_: Any) -> list[OutputFile]:
    return [OutputFile(name=f"{document.template.id}.xlsx", data=workbook_bytes(document))]


def workbook_bytes(document: StarterDocument) -> bytes:
    document = xml_safe(document)  # "Acme\vLtd" (Word's Shift+Enter, pasted) reads "Acme Ltd"
    workbook = Workbook()
    if (default := workbook.active) is not None:
        workbook.remove(default)
    grid = Grid(document, HEADER_ROW)
    for filled in document.sheets:
        _sheet(workbook.create_sheet(filled.sheet.title), grid, document, filled)
    _how_to_use(workbook.create_sheet(HOW_TO_USE), document)
    workbook.active = 0
    workbook.properties.title = cut(neutralise_cell(document.title), PROPERTY_LIMIT)
    workbook.properties.creator = AUTHOR
    workbook.properties.subject = cut(document.template.summary, PROPERTY_LIMIT)
    _stamp_properties(workbook, document.template.stamp())
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _stamp_properties(workbook: Workbook, stamp: Stamp) -> None:
    """The template's id and version as keywords and as custom document properties."""
    from openpyxl.packaging.custom import CustomPropertyList, IntProperty, StringProperty

    workbook.properties.keywords = stamp.marker()
    # openpyxl sets custom_doc_props in Workbook.__init__; its type stubs leave it out.
    custom: CustomPropertyList = workbook.custom_doc_props  # type: ignore[attr-defined]
    custom.append(StringProperty(name=PROPERTY_TEMPLATE, value=stamp.template))
    custom.append(IntProperty(name=PROPERTY_VERSION, value=stamp.version))


def _is_form(sheet: Sheet) -> bool:
    return all(section.rows and not section.min_rows for section in sheet.sections)


def _sheet(ws: Worksheet, grid: Grid, document: StarterDocument, filled: FilledSheet) -> None:
    sheet = filled.sheet
    columns = sheet.columns
    last_letter = column_letter(len(columns) - 1)
    last_row = grid.row_number(len(filled.rows) - 1)

    ws["A1"] = _text(f"{document.title}: {sheet.title}")
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = _text(sheet.note)
    ws["A2"].font = Font(italic=True, color="595959")

    for index, column in enumerate(columns):
        letter = column_letter(index)
        header = ws.cell(row=HEADER_ROW, column=index + 1, value=_text(column.header))
        header.font, header.fill, header.alignment, header.border = (
            HEADER_FONT,
            HEADER_FILL,
            HEADER_ALIGN,
            GRID_BORDER,
        )
        note = column.note or column.explain
        if note:
            header.comment = Comment(note, AUTHOR, width=260, height=90)
        ws.column_dimensions[letter].width = column.width
    ws.row_dimensions[HEADER_ROW].height = 32
    marker = ws.cell(
        row=HEADER_ROW, column=len(columns) + 1, value=document.template.stamp().marker()
    )
    marker.font, marker.alignment = MARKER_FONT, HEADER_ALIGN

    for position, row in enumerate(filled.rows):
        number = grid.row_number(position)
        lines = _lines(row.values, columns)
        if lines > 1:  # wrapped text: spreadsheets do not grow rows written by a program
            ws.row_dimensions[number].height = 15 * lines
        for index, column in enumerate(columns):
            cell = ws.cell(row=number, column=index + 1)
            formula = grid.cell_formula(sheet.id, position, column)
            if formula is not None:
                cell.value = formula
                cell.fill = CALCULATED_FILL
            else:
                value = row.values.get(column.key)
                if isinstance(value, str):
                    cell.value = _text(value)
                    cell.data_type = "s"  # never a formula, whatever the text
                elif value is not None and not isinstance(value, Computed):  # Computed: a formula
                    cell.value = value
            code = row.formats.get(column.key) or column.format_code()
            if code:
                cell.number_format = code
            cell.border = GRID_BORDER
            cell.alignment = WRAP if column.width >= WRAP_FROM else TOP
            if sheet.section_column == column.key:
                cell.font = SECTION_FONT

    _validations(ws, grid, sheet)
    for highlight in sheet.highlights:
        _highlight(ws, grid, filled, highlight)

    ws.freeze_panes = f"{column_letter(sheet.freeze_columns)}{grid.first_row}"
    if not _is_form(sheet):
        ws.auto_filter.ref = f"A{HEADER_ROW}:{last_letter}{last_row}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:{last_letter}{last_row}"
    _print_setup(ws, document)


def _lines(values: dict[str, Any], columns: tuple[Column, ...]) -> int:
    """How many lines the row's longest wrapped text needs (a column's width is about one
    character of the default font)."""
    lines = 1
    for column in columns:
        value = values.get(column.key)
        if isinstance(value, str) and column.width >= WRAP_FROM:
            lines = max(lines, math.ceil(len(value) / column.width))
    return min(lines, 8)


def _validations(ws: Worksheet, grid: Grid, sheet: Sheet) -> None:
    for index, column in enumerate(sheet.columns):
        check = column.checks()
        if check is None:
            continue
        letter = column_letter(index)
        if check.kind == "list":
            source = (
                grid.formula(check.source, sheet.id, 0)
                if check.source
                else '"' + ",".join(check.options) + '"'
            )
            validation = DataValidation(type="list", formula1=source, allow_blank=True)
        else:
            low, high = check.minimum, check.maximum
            if low is not None and high is not None:
                validation = DataValidation(
                    type=check.kind,
                    operator="between",
                    formula1=_number(low),
                    formula2=_number(high),
                    allow_blank=True,
                )
            else:
                validation = DataValidation(
                    type=check.kind,
                    operator="greaterThanOrEqual" if low is not None else "lessThanOrEqual",
                    formula1=_number(low if low is not None else high),
                    allow_blank=True,
                )
        validation.showErrorMessage = True
        validation.errorTitle = column.header[:32]
        validation.error = check.message[:255]
        if column.note:
            validation.showInputMessage = True
            validation.promptTitle = column.header[:32]
            validation.prompt = column.note[:255]
        validation.add(f"{letter}{grid.first_row}:{letter}{grid.last_row(sheet.id)}")
        ws.add_data_validation(validation)


def _number(value: float | None) -> str:
    if value is None:
        return "0"
    return str(int(value)) if float(value).is_integer() else str(value)


def _highlight(ws: Worksheet, grid: Grid, filled: FilledSheet, highlight: Highlight) -> None:
    sheet = filled.sheet
    if highlight.row:
        position = filled.row_index(highlight.row)
        number = grid.row_number(position)
        ranges = [f"{grid.letter(sheet.id, key)}{number}" for key in highlight.columns]
    else:
        position = 0
        ranges = [grid.column_range(sheet.id, key, absolute=False) for key in highlight.columns]
    background, text = TONES[highlight.tone]
    style: dict[str, Any] = {
        "fill": PatternFill("solid", fgColor=background, bgColor=background),
        "font": Font(color=text),
    }
    if highlight.equals:
        rule = CellIsRule(operator="equal", formula=[f'"{highlight.equals}"'], **style)
    else:
        formula = grid.formula(
            highlight.formula,
            sheet.id,
            position,
            self_key=highlight.columns[0],
            lock_columns=True,
        )
        rule = FormulaRule(formula=[formula], **style)
    ws.conditional_formatting.add(" ".join(ranges), rule)


def _print_setup(ws: Worksheet, document: StarterDocument) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    _fit_to_page(ws)
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    footer = ws.oddFooter
    assert footer is not None, "openpyxl gives every new sheet its footers"
    title = neutralise_cell(document.title)
    title = cut(title, FOOTER_LIMIT - title[:FOOTER_LIMIT].count("&"))  # each & is written twice
    footer.left.text = title.replace("&", "&&")
    footer.right.text = "Page &P of &N"


def _fit_to_page(ws: Worksheet) -> None:
    properties = ws.sheet_properties.pageSetUpPr
    assert properties is not None, "openpyxl gives every new sheet its page set-up properties"
    properties.fitToPage = True


def _how_to_use(ws: Worksheet, document: StarterDocument) -> None:
    template = document.template
    ws.column_dimensions["A"].width = 80  # fits a portrait page at 100%, whatever the scaling
    lines: list[tuple[str, str]] = [
        ("title", document.title),
        ("text", template.summary),
        ("", ""),
        ("heading", "How to use"),
        *(("text", paragraph) for paragraph in template.guidance),
        ("text", document.provenance()),
        (
            "text",
            "Grey cells are calculated: do not type over them. Green, amber and red mark what "
            "is on track, at risk and off track. Drop-down lists and number checks guard the "
            "typed cells; copy a row down to add more.",
        ),
        ("", ""),
        ("heading", "Sheets"),
        *(("text", f"{f.sheet.title}: {f.sheet.note}") for f in document.sheets),
    ]
    calculated = [
        f"{f.sheet.title} > {c.header}: {c.explain}"
        for f in document.sheets
        for c in f.sheet.columns
        if c.explain
    ]
    if calculated:
        lines += [("", ""), ("heading", "Calculated columns"), *(("text", t) for t in calculated)]
    version = f" {document.version}" if document.version else ""
    lines += [("", ""), ("small", f"Made with Framework Advisor{version}.")]
    for number, (kind, text) in enumerate(lines, start=1):
        cell = ws.cell(row=number, column=1, value=_text(text) or None)
        if kind == "title":
            cell.font = Font(bold=True, size=16)
        elif kind == "heading":
            cell.font = Font(bold=True, size=12)
        elif kind == "small":
            cell.font = Font(italic=True, color="595959")
        if kind == "text":
            cell.alignment = WRAP
            ws.row_dimensions[number].height = 15 * max(1, math.ceil(len(text) / 75))
    # Outside the print area: a tab saved on its own (Google Sheets' "Title - How to use.csv")
    # is still known as this template's page, not a stranger's sheet.
    marker = ws.cell(row=len(lines), column=2, value=template.stamp().marker())
    marker.font = MARKER_FONT
    ws.print_area = f"A1:A{len(lines)}"
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    _fit_to_page(ws)
