"""A filled-in spreadsheet read back as sheets of text cells: an Excel workbook (.xlsx, also as
re-saved by LibreOffice or Google Sheets) or one CSV file (one sheet). Within the input limits;
openpyxl is imported only here and only for a workbook. A formula cell reads as its last
computed value (empty when none was saved); the CSV formula guard (a leading apostrophe before
text that would start a formula) is removed, so the text reads as it was typed. No meaning: which
template a sheet is and what its rows say is the engine's (`engine.recognise`,
`engine.goals.sheets`)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from msgspec import Struct

from framework_advisor.errors import InputFileError

SHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv")
MAX_ROWS = 5_000
"""Rows read from each sheet (a template's capacity is at most 5,000)."""
MAX_COLUMNS = 200
MISREAD_BOM = "\u00ef\u00bb\u00bf"
"""The UTF-8 byte-order mark as a program that opened the file as Latin-1 or Windows-1252
shows it, and then saves it (LibreOffice with its default character set)."""


class SheetData(Struct, frozen=True):
    file: str
    title: str
    """The sheet's tab title (a CSV file: its name without the extension)."""
    rows: list[list[str]]
    """Cell texts, row 1 first; '' for an empty cell."""
    tab: bool = True
    """The title is a workbook's tab (False for a CSV file, named after the file)."""


def is_sheet_file(name: str) -> bool:
    return Path(name).suffix.lower() in SHEET_SUFFIXES


def read_sheet_file(name: str) -> list[SheetData]:
    """The sheets of a workbook, or the one sheet of a CSV file. InputFileError (exit 2) for a
    file that cannot be read as one."""
    from framework_advisor.sources.reading import read_bytes

    path = Path(name)
    raw = read_bytes(path, "spreadsheet")
    if path.suffix.lower() == ".csv":
        return [_csv(name, path, raw)]
    return _workbook(name, raw)


def _csv(name: str, path: Path, raw: bytes) -> SheetData:
    import csv
    import io

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(f"{name}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline="")):
            rows.append([_text_cell(cell) for cell in row[:MAX_COLUMNS]])
            if len(rows) >= MAX_ROWS:
                break
    except csv.Error as exc:
        raise InputFileError(f"{name}: not a CSV file ({exc})") from None
    if rows and rows[0] and rows[0][0].startswith(MISREAD_BOM):
        rows[0][0] = rows[0][0].removeprefix(MISREAD_BOM)
    return SheetData(file=name, title=path.stem, rows=rows, tab=False)


def _text_cell(cell: str) -> str:
    """A CSV cell as typed: our own formulas (text starting with =) have no value in a CSV
    file; a guarded text cell loses its guard."""
    from framework_advisor.safe_text import unguard_cell

    if cell.startswith("="):
        return ""
    return unguard_cell(cell)


def _workbook(name: str, raw: bytes) -> list[SheetData]:
    import io
    import zipfile

    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        from framework_advisor.errors import MissingDependencyError

        raise MissingDependencyError("reading a workbook needs openpyxl") from None
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputFileError(f"{name}: not an Excel workbook ({exc})") from None
    except Exception as exc:  # a third-party parser of untrusted input
        raise InputFileError(f"{name}: not a readable Excel workbook ({exc})") from None
    try:
        return _sheets(name, workbook)
    except Exception as exc:  # a third-party parser of untrusted input
        raise InputFileError(f"{name}: a damaged Excel workbook ({exc})") from None
    finally:
        workbook.close()


def _sheets(name: str, workbook: Any) -> list[SheetData]:
    from framework_advisor.safe_text import unguard_cell

    sheets = []
    for sheet in workbook.worksheets:
        rows: list[list[str]] = []
        for row in sheet.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS):
            rows.append(
                [unguard_cell(_value_text(c.value, getattr(c, "number_format", ""))) for c in row]
            )
        sheets.append(SheetData(file=name, title=sheet.title, rows=rows))
    return sheets


def _value_text(value: object, number_format: str | None) -> str:
    """A cell's value as a person reads it: 0.4 formatted as a percentage is `40%`, a date is
    `2026-09-30`, a whole number has no `.0`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        number = value * 100 if number_format and "%" in number_format else value
        text = f"{number:.10g}"
        return text + "%" if number_format and "%" in number_format else text
    return str(value)
