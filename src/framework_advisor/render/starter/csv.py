"""Starter templates as CSV, for Google Sheets (File > Import) or Excel: one file per sheet.

Decisions:
- UTF-8 with a byte-order mark and CRLF line ends (RFC 4180): Excel needs the mark to read
  UTF-8 (accents, the euro sign) instead of the local code page; Google Sheets and LibreOffice
  read it fine either way.
- The header row is row 1 and data starts in row 2. The cell right of the last header holds the
  template's stamp (`domain.stamp`: id and version), which survives Google Sheets and CSV. Calculated columns hold the formula as text
  (`=IF(...)`), which Google Sheets, Excel and LibreOffice compute on import.
- A formula that uses another sheet names it by its tab title (`'Key results'!$A$2:$A$201`):
  import a template's files into one spreadsheet, each as a new sheet, and name each tab after
  its sheet (the part of the file name after `--`, e.g. `Key results`).
- Text from the user or a knowledge pack that would start a formula (= + - @ tab CR) gets a
  leading apostrophe (`safety.neutralise_cell`), so a spreadsheet shows it as text.
- Percentages are written as `40%` and dates as `2025-09-30`, which spreadsheets read as numbers
  and dates."""

from __future__ import annotations

import csv
import io
from typing import Any

from framework_advisor.render.starter.fill import (
    FilledSheet,
    Grid,
    OutputFile,
    StarterDocument,
    display,
)
from framework_advisor.render.starter.safety import neutralise_cell

HEADER_ROW = 1
BOM = "\ufeff"


def file_name(document: StarterDocument, filled: FilledSheet) -> str:
    if len(document.sheets) == 1:
        return f"{document.template.id}.csv"
    return f"{document.template.id}--{filled.sheet.id.replace('_', '-')}.csv"


def render(document: StarterDocument, **_: Any) -> list[OutputFile]:
    grid = Grid(document, HEADER_ROW)
    marker = document.template.stamp().marker()
    return [
        OutputFile(
            name=file_name(document, filled), data=sheet_text(grid, filled, marker).encode("utf-8")
        )
        for filled in document.sheets
    ]


def sheet_text(grid: Grid, filled: FilledSheet, marker: str) -> str:
    sheet = filled.sheet
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)  # the excel dialect: commas, minimal quoting, CRLF
    headers = [neutralise_cell(column.header) for column in sheet.columns]
    writer.writerow([*headers, marker])
    for position, row in enumerate(filled.rows):
        cells = []
        for column in sheet.columns:
            formula = grid.cell_formula(sheet.id, position, column)
            if formula is not None:
                cells.append(formula)
                continue
            value = row.values.get(column.key)
            text = display(value, column, row, group=False)
            cells.append(neutralise_cell(text) if isinstance(value, str) else text)
        writer.writerow(cells)
    return BOM + buffer.getvalue()
