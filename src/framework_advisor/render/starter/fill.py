"""Fill a template's sheets (worked example or the organisation's examples) and resolve formula
patterns to cell references for one output layout."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from msgspec import Struct

from framework_advisor.domain.template import (
    PATTERN,
    Column,
    Computed,
    Section,
    Sheet,
    Template,
)
from framework_advisor.render.starter.records import grouped, prefill_rows, tidy

if TYPE_CHECKING:
    from framework_advisor.domain.examples import ExampleSelection


class OutputFile(Struct, frozen=True):
    """One file a writer produces: its name (sanitised again before writing) and bytes."""

    name: str
    data: bytes


CellValue = str | int | float | dt.date | Computed | None
"""A cell as written: dates resolved; a Computed left is a formula."""


class Row(Struct, kw_only=True):
    values: dict[str, CellValue] = {}
    key: str = ""
    """A name other formulas use to point at this row (`{value@key}`)."""
    formats: dict[str, str] = {}
    """Number formats for single cells, where a column holds values of different kinds."""


class FilledSheet(Struct, kw_only=True):
    sheet: Sheet
    rows: list[Row]

    def row_index(self, key: str) -> int:
        for position, item in enumerate(self.rows):
            if item.key == key:
                return position
        raise KeyError(f"sheet '{self.sheet.id}' has no row '{key}'")


class StarterDocument(Struct, kw_only=True):
    template: Template
    sheets: list[FilledSheet]
    title: str
    organisation: str = ""
    prefilled_from: list[str] = []
    """The example sets used (e.g. `function:sales`); empty: the worked example is shown."""
    version: str = ""

    prefilled_labels: list[str] = []
    """The same sets as people name them ("Healthcare", "Whole company")."""
    missing_industry: str = ""
    """The client's industry, as people name it, when the library has nothing written for it."""

    def provenance(self) -> str:
        if self.prefilled_from:
            named = ", ".join(self.prefilled_labels) or "your organisation"
            gap = (
                f" The library has no examples written for {self.missing_industry} yet: these "
                "fit any industry."
                if self.missing_industry
                else ""
            )
            return (
                f"Prefilled with the examples of your report ({named}): keep what fits, change "
                "the rest, and replace each [bracketed] figure with your own." + gap
            )
        return (
            "The first filled rows are a worked example: read them, then replace them with your "
            "own. To start from examples for your function and industry instead, run "
            "framework-advisor templates with --answers FILE."
        )


# -- filling ---------------------------------------------------------------------------


def _resolve(value: CellValue, today: dt.date) -> CellValue:
    return value.resolve(today) if isinstance(value, Computed) and value.date else value


def fill_section(
    sheet: Sheet,
    section: Section,
    selection: ExampleSelection | None,
    today: dt.date,
    used: set[str],
) -> list[Row]:
    """The section's rows; `used` holds the metrics earlier sections placed, and gains this
    one's."""
    content = (
        list(section.example)
        if selection is None
        else prefill_rows(section.prefill, selection, used)
    )
    count = max(len(section.rows), len(content), section.min_rows)
    rows = []
    for position in range(count):
        values: dict[str, CellValue] = {}
        key = section.keys[position] if position < len(section.keys) else ""
        if position < len(section.rows):
            values.update(section.rows[position])
        if position < len(content):
            values.update(content[position])
        formats = dict(section.formats.get(key, {})) if key else {}
        if sheet.section_column and section.name:
            values.setdefault(sheet.section_column, section.name)
        for column in sheet.columns:
            if column.default is not None and values.get(column.key) is None:
                values[column.key] = column.default
        values = {k: _resolve(v, today) for k, v in values.items() if v is not None}
        for column in sheet.columns:
            value = values.get(column.key)
            if isinstance(value, int | float) and _plain_number(column):
                formats.setdefault(column.key, "#,##0" if float(value).is_integer() else "#,##0.0#")
        rows.append(Row(values=values, key=key, formats=formats))
    return rows


def _plain_number(column: Column) -> bool:
    """A number column with no format of its own: each number gets one that fits it (20,000,000
    or 4.3; the column's own, #,##0.##, would show 4 as "4.")."""
    return column.type == "number" and not column.number_format


def fill_template(
    template: Template,
    selection: ExampleSelection | None,
    *,
    organisation: str = "",
    version: str = "",
    today: dt.date | None = None,
    labels: list[str] | None = None,
    missing_industry: str = "",
) -> StarterDocument:
    """The template with rows: its worked example (no selection) or the organisation's examples."""
    today = today or dt.date.today()
    used: set[str] = set()
    sheets = [
        FilledSheet(
            sheet=sheet,
            rows=[
                filled
                for section in sheet.sections
                for filled in fill_section(sheet, section, selection, today, used)
            ],
        )
        for sheet in template.sheets
    ]
    title = f"{template.title}: {organisation}" if organisation else template.title
    return StarterDocument(
        template=template,
        sheets=sheets,
        title=title,
        organisation=organisation,
        prefilled_from=list(selection.areas) if selection is not None else [],
        prefilled_labels=list(labels or []),
        missing_industry=missing_industry,
        version=version,
    )


# -- formulas --------------------------------------------------------------------------


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def sheet_reference(title: str) -> str:
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", title):
        return f"{title}!"
    return "'" + title.replace("'", "''") + "'!"


class Grid:
    """Where a document's cells land in one output layout (a header row, then data rows)."""

    def __init__(self, document: StarterDocument, header_row: int) -> None:
        self.header_row = header_row
        self.first_row = header_row + 1
        self.filled = {filled.sheet.id: filled for filled in document.sheets}

    def last_row(self, sheet_id: str) -> int:
        filled = self.filled[sheet_id]
        return self.first_row + max(filled.sheet.capacity, len(filled.rows)) - 1

    def row_number(self, position: int) -> int:
        return self.first_row + position

    def letter(self, sheet_id: str, column_key: str) -> str:
        return column_letter(self.filled[sheet_id].sheet.index(column_key))

    def column_range(self, sheet_id: str, column_key: str, *, absolute: bool = True) -> str:
        letter = self.letter(sheet_id, column_key)
        first, last = self.first_row, self.last_row(sheet_id)
        if absolute:
            return f"${letter}${first}:${letter}${last}"
        return f"{letter}{first}:{letter}{last}"

    def formula(
        self,
        pattern: str,
        sheet_id: str,
        position: int,
        *,
        self_key: str = "",
        lock_columns: bool = False,
    ) -> str:
        """Resolve a pattern for the row at `position` of sheet `sheet_id`.

        `lock_columns` writes same-row references as `$B4` (conditional formatting over several
        columns, where only the row may move)."""

        def replace(match: re.Match[str]) -> str:
            target = match["sheet"] or sheet_id
            column = match["column"]
            if column == "self":
                if not self_key:
                    raise KeyError("{self} outside a highlight rule")
                column = self_key
            prefix = ""
            if target != sheet_id:
                prefix = sheet_reference(self.filled[target].sheet.title)
            letter = self.letter(target, column)
            if match["all"]:
                return prefix + self.column_range(target, column)
            if match["row"]:
                number = self.row_number(self.filled[target].row_index(match["row"]))
                return f"{prefix}${letter}${number}"
            if target != sheet_id:
                raise KeyError(f"{match[0]}: a same-row reference into another sheet")
            number = self.row_number(position)
            if match["column"] == "self" or not lock_columns:
                return f"{letter}{number}"
            return f"${letter}{number}"

        return PATTERN.sub(replace, pattern)

    def cell_formula(self, sheet_id: str, position: int, column: Column) -> str | None:
        """The formula of one cell, or None when the cell holds a value."""
        filled = self.filled[sheet_id]
        value = filled.rows[position].values.get(column.key)
        if isinstance(value, Computed):
            return self.formula(value.formula, sheet_id, position)
        if column.formula and value is None:
            return self.formula(column.formula, sheet_id, position)
        return None


# -- plain-text values (CSV, Markdown, Word) -----------------------------------------------


def display(value: CellValue, column: Column, row: Row | None = None, *, group: bool = True) -> str:
    """A value as a person reads it: 40%, 2025-09-30, 4.3, 20,000,000 (20000000 without
    `group`, for files a program reads in any locale)."""
    if value is None or isinstance(value, Computed):
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float):
        code = (row.formats.get(column.key) if row else None) or column.format_code()
        if "%" in code:
            percent = value * 100
            return f"{tidy(round(percent, 2))}%"
        return grouped(value) if group and "#,##" in code else str(tidy(float(value)))
    return str(value)
