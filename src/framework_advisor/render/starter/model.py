"""The shape of a starter template, as typed data: sheets, columns, formulas, validation.

A template is a workbook of sheets. Every sheet is a table: typed columns over rows grouped in
sections (a list sheet has one unnamed section). Rows come from three places, laid over each
other in order: a section's fixed rows (labels and prompts, always there), then either the
worked example (without answers) or rows prefilled from the organisation's example OKRs and KPIs
(with answers), then blank rows up to the section's minimum.

Formulas are patterns over column keys, resolved per output format by `fill.Grid`:
`{current}` is the cell of column `current` in the same row; `{value@payout}` the cell of column
`value` in the row keyed `payout`; `{progress:all}` the column's whole data range; a sheet id in
front (`{key_results.progress:all}`) points into another sheet; `{self}` (in highlight rules) is
the highlighted cell itself."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from msgspec import Struct

ColumnType = Literal["text", "number", "percent", "date", "choice"]
Tone = Literal["good", "warn", "bad"]

HIGHER, LOWER = "Higher is better", "Lower is better"
STATUSES = ("On track", "At risk", "Off track")
PERSPECTIVES = ("Financial", "Customer", "Internal Process", "Learning & Growth")


class Formula(Struct, frozen=True):
    """A formula for one cell (a column's formula applies to every row of the sheet)."""

    pattern: str


class RelativeDate(Struct, frozen=True):
    """A date in a worked example: the end of this quarter (or year), or of one `offset`
    quarters (years) on, so examples never show a date in the past."""

    unit: Literal["quarter", "year"] = "quarter"
    offset: int = 0

    def resolve(self, today: dt.date) -> dt.date:
        if self.unit == "year":
            return dt.date(today.year + self.offset, 12, 31)
        index = today.year * 4 + (today.month - 1) // 3 + self.offset
        year, quarter = divmod(index, 4)
        first_of_next = (
            dt.date(year + 1, 1, 1) if quarter == 3 else dt.date(year, 3 * quarter + 4, 1)
        )
        return first_of_next - dt.timedelta(days=1)


Value = str | int | float | dt.date | Formula | RelativeDate | None


class Validation(Struct, frozen=True, kw_only=True):
    """What a cell accepts: a list of options (or the cells of a range), or a number range."""

    kind: Literal["list", "decimal", "whole"]
    options: tuple[str, ...] = ()
    source: str = ""
    """For a list taken from other cells: a range pattern such as `{objectives.id:all}`."""
    minimum: float | None = None
    maximum: float | None = None
    message: str = ""


class Column(Struct, frozen=True, kw_only=True):
    key: str
    header: str
    width: int = 16
    type: ColumnType = "text"
    options: tuple[str, ...] = ()
    """The choices of a `choice` column (a drop-down list in Excel)."""
    formula: str = ""
    """A formula pattern computed in every row: the column is calculated, not typed in."""
    validation: Validation | None = None
    number_format: str = ""
    note: str = ""
    """Guidance for whoever fills the column (a header comment in Excel)."""
    short: str = ""
    """A shorter header for narrow printed tables (Word), e.g. W1 for a week column."""
    explain: str = ""
    """For a calculated column: its rule in words (Markdown, Word and the How to use sheet)."""
    default: Value = None
    """A value every row starts with (e.g. the at-risk band of a KPI)."""

    @property
    def calculated(self) -> bool:
        return bool(self.formula)

    def checks(self) -> Validation | None:
        """The column's validation: explicit, or a list of its options for a choice column."""
        if self.validation is not None:
            return self.validation
        if self.type == "choice" and self.options:
            return Validation(
                kind="list", options=self.options, message="Pick one of: " + ", ".join(self.options)
            )
        return None

    def format_code(self) -> str:
        if self.number_format:
            return self.number_format
        return {"percent": "0%", "date": "yyyy-mm-dd", "number": "#,##0.##"}.get(self.type, "")


class Highlight(Struct, frozen=True, kw_only=True):
    """Conditional formatting: cells that equal a text, or for which a condition holds."""

    columns: tuple[str, ...]
    tone: Tone
    equals: str = ""
    formula: str = ""
    """A condition pattern; `{self}` is the cell, other keys are cells of the same row."""
    row: str = ""
    """Only the cell in the row with this key; otherwise the columns' whole data range."""


class Row(Struct, frozen=True, kw_only=True):
    values: dict[str, Value] = {}
    key: str = ""
    """A name other formulas use to point at this row (`{value@key}`)."""
    formats: dict[str, str] = {}
    """Number formats for single cells, where a column holds values of different kinds."""


def row(key: str = "", formats: dict[str, str] | None = None, **values: Value) -> Row:
    return Row(values=values, key=key, formats=formats or {})


Source = Literal["okrs", "key_results", "kpis"]


class Prefill(Struct, frozen=True, kw_only=True):
    """How a section is filled from the organisation's example OKRs and KPIs.

    `source` names the records (one per OKR, one per key result, one per KPI; see
    `fill.records` for their fields); `fields` maps a column key to a record field; `where`
    keeps only records whose fields have these values; `limit` caps how many OKRs or KPIs are
    used (for key results, how many OKRs)."""

    source: Source
    fields: dict[str, str]
    where: dict[str, str] = {}
    limit: int = 0
    constants: dict[str, Value] = {}
    """Values every prefilled row gets (e.g. the WIG a lead measure serves)."""


class Section(Struct, frozen=True, kw_only=True):
    name: str = ""
    rows: tuple[Row, ...] = ()
    """Fixed rows: labels and prompts that are always there."""
    example: tuple[Row, ...] = ()
    """The worked example, laid over the fixed rows when there are no answers."""
    prefill: Prefill | None = None
    """Rows from the organisation's examples, laid over the fixed rows when there are answers."""
    min_rows: int = 0


class Sheet(Struct, frozen=True, kw_only=True):
    id: str
    """Used in CSV file names (`key_results` -> `...--key-results.csv`) and formula patterns."""
    title: str
    note: str
    columns: tuple[Column, ...]
    sections: tuple[Section, ...]
    section_column: str = ""
    """The column that carries each row's section name (e.g. the BSC perspective)."""
    highlights: tuple[Highlight, ...] = ()
    freeze_columns: int = 0
    capacity: int = 200
    """Rows that validation, highlights and whole-column ranges cover (room to add rows)."""

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(f"sheet '{self.id}' has no column '{key}'")

    def index(self, key: str) -> int:
        return [c.key for c in self.columns].index(key)


class Template(Struct, frozen=True, kw_only=True):
    id: str
    title: str
    frameworks: tuple[str, ...]
    """Framework ids this template serves (`okr_kpi_hybrid` is served by two templates)."""
    summary: str
    guidance: tuple[str, ...]
    """Paragraphs on how to use the template (the How to use sheet, Markdown and Word)."""
    sheets: tuple[Sheet, ...]

    def sheet(self, sheet_id: str) -> Sheet:
        for sheet in self.sheets:
            if sheet.id == sheet_id:
                return sheet
        raise KeyError(f"template '{self.id}' has no sheet '{sheet_id}'")
