"""Starter templates as typed data (`knowledge/templates/<id>.yaml`): sheets, columns, formulas,
validation, and how rows are prefilled.

A template is a workbook of sheets. Every sheet is a table: typed columns over rows grouped in
sections (a list sheet has one unnamed section). Rows come from three places, laid over each
other in order: a section's fixed rows (labels and prompts, always there), then either the
worked example (without answers) or rows prefilled from the organisation's examples (with
answers), then blank rows up to the section's minimum.

Formulas are patterns over column keys, resolved per output format by the writers:
`{current}` is the cell of column `current` in the same row; `{value@payout}` the cell of column
`value` in the row keyed `payout`; `{progress:all}` the column's whole data range; a sheet id in
front (`{key_results.progress:all}`) points into another sheet; `{self}` (in highlight rules) is
the highlighted cell itself."""

import datetime as dt
import re
from typing import Annotated, Literal

from msgspec import Meta, Struct

from framework_advisor.domain.framework import Source
from framework_advisor.domain.stamp import Stamp

ColumnType = Literal["text", "number", "percent", "date", "choice"]
Tone = Literal["good", "warn", "bad"]
Key = Annotated[str, Meta(pattern=r"^[a-z0-9_]+$")]
TemplateId = Annotated[str, Meta(pattern=r"^[a-z0-9][a-z0-9-]*$")]

HIGHER, LOWER = "Higher is better", "Lower is better"

PATTERN = re.compile(
    r"\{(?:(?P<sheet>[a-z0-9_]+)\.)?(?P<column>[a-z0-9_]+)(?:(?P<all>:all)|@(?P<row>[a-z0-9_]+))?\}"
)
"""A reference in a formula pattern: {column}, {sheet.column:all}, {column@row}."""


class Computed(Struct, frozen=True, forbid_unknown_fields=True):
    """A cell value worked out when the file is written: a formula (`{formula: "=SUM(...)"}`),
    or the end of this quarter or year, or of one `offset` quarters (years) on
    (`{date: quarter, offset: 1}`), so that examples never show a date in the past."""

    formula: str = ""
    date: Literal["quarter", "year", ""] = ""
    offset: int = 0

    def resolve(self, today: dt.date) -> dt.date:
        if self.date == "year":
            return dt.date(today.year + self.offset, 12, 31)
        index = today.year * 4 + (today.month - 1) // 3 + self.offset
        year, quarter = divmod(index, 4)
        first_of_next = (
            dt.date(year + 1, 1, 1) if quarter == 3 else dt.date(year, 3 * quarter + 4, 1)
        )
        return first_of_next - dt.timedelta(days=1)


Value = str | int | float | Computed | None
Cells = dict[str, Value]
"""One row's values by column key."""


class Validation(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """What a cell accepts: a list of options (or the cells of a range), or a number range."""

    kind: Literal["list", "decimal", "whole"]
    options: tuple[str, ...] = ()
    source: str = ""
    """For a list taken from other cells: a range pattern such as `{objectives.id:all}`."""
    minimum: float | None = None
    maximum: float | None = None
    message: str = ""


class Column(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    key: Key
    header: str
    width: Annotated[int, Meta(ge=3, le=120)] = 16
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


class Highlight(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Conditional formatting: cells that equal a text, or for which a condition holds."""

    columns: tuple[Key, ...]
    tone: Tone
    equals: str = ""
    formula: str = ""
    """A condition pattern; `{self}` is the cell, other keys are cells of the same row."""
    row: str = ""
    """Only the cell in the row with this key; otherwise the columns' whole data range."""


PrefillRole = Literal[
    "okr_objective", "key_result", "kpi", "wig", "lead_measure", "bsc_objective",
    "mbo_objective", "north_star", "input_metric", "rock", "measurable", "v2mom_method",
    "v2mom_measure", "smart_goal", "breakthrough_objective", "annual_objective",
    "improvement_priority", "raci_activity",
]  # fmt: skip


class Prefill(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """How a section is filled from the organisation's examples of one role.

    `role` names the records (one per OKR objective, key result, KPI or role example;
    `RECORD_FIELDS` lists their fields); `fields` maps a column key to a record field; `where`
    keeps only records whose fields have these values; `limit` caps how many records are used
    (for key results, how many OKRs). A metric already used by an earlier section of the
    template is left out: one metric appears once per template."""

    role: PrefillRole
    fields: dict[Key, str] = {}
    where: dict[str, str] = {}
    limit: Annotated[int, Meta(ge=0)] = 0
    constants: Cells = {}
    """Values every prefilled row gets (e.g. the WIG a lead measure serves)."""
    down: dict[Key, tuple[str, ...]] = {}
    """For a form: the first record written down one column, one field per row, in order."""


_OKR = ("id", "objective", "type", "first_kr", "first_start", "first_target", "weight", "method")
RECORD_FIELDS: dict[str, tuple[str, ...]] = {
    "okr_objective": _OKR,
    "key_result": ("objective_id", "objective", "key_result", "kr_id", "start", "target"),
    "kpi": (
        "metric", "name", "definition", "indicator", "level", "frequency", "target", "unit",
        "direction", "perspective", "name_target", "target_value",
    ),
    "wig": ("metric", "goal", "lag", "start", "target", "unit", "statement", "delivers"),
    "lead_measure": (
        "metric", "name", "definition", "weekly_target", "owner", "drives", "cadence", "unit",
        "serves",
    ),
    "bsc_objective": (
        "metric", "perspective", "objective", "measure", "target", "initiative", "owner",
    ),
    "mbo_objective": ("metric", "objective", "measure", "target", "weight", "owner"),
    "north_star": (
        "metric", "name", "value", "game", "definition", "why", "current_target",
        "counter_metrics", "owner",
    ),
    "input_metric": ("metric", "name", "kind", "drives", "levers", "owner", "serves"),
    "rock": ("metric", "rock", "done_when", "owner"),
    "measurable": ("metric", "name", "weekly_goal", "owner", "definition"),
    "v2mom_method": ("metric", "method", "priority", "obstacle", "owner"),
    "v2mom_measure": ("metric", "measure", "target", "drives", "owner", "serves"),
    "smart_goal": (
        "metric", "goal", "specific", "measurable", "achievable", "relevant", "deadline",
        "owner", "statement",
    ),
    "breakthrough_objective": ("metric", "objective", "measure", "target", "owner"),
    "annual_objective": ("metric", "objective", "measure", "target", "owner", "drives", "serves"),
    "improvement_priority": (
        "metric", "priority", "measure", "target", "owner", "drives", "serves",
    ),
    "raci_activity": (
        "metric", "activity", "sponsor", "project_lead", "hr", "finance", "line_managers", "staff",
    ),
}  # fmt: skip
"""The fields of the records each prefill role gives. `serves` is the name of the example whose
metric a record `drives` (a WIG's goal, a breakthrough objective), so that a row names what it
serves in words."""


class Section(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    name: str = ""
    rows: tuple[Cells, ...] = ()
    """Fixed rows: labels and prompts that are always there."""
    keys: tuple[str, ...] = ()
    """Names of the fixed rows, in order, for formulas that point at one (`{value@payout}`)."""
    formats: dict[str, dict[Key, str]] = {}
    """Number formats for single cells, by row key and column, where a column holds values
    of different kinds."""
    example: tuple[Cells, ...] = ()
    """The worked example, laid over the fixed rows when there are no answers."""
    prefill: Prefill | None = None
    """Rows from the organisation's examples, laid over the fixed rows when there are answers."""
    min_rows: Annotated[int, Meta(ge=0, le=500)] = 0


class Sheet(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    id: Key
    """Used in CSV file names (`key_results` -> `...--key-results.csv`) and formula patterns."""
    title: Annotated[str, Meta(min_length=1, max_length=31, pattern=r"^[^\[\]:*?/\\]+$")]
    note: str
    columns: Annotated[tuple[Column, ...], Meta(min_length=1)]
    sections: Annotated[tuple[Section, ...], Meta(min_length=1)]
    section_column: str = ""
    """The column that carries each row's section name (e.g. the BSC perspective)."""
    highlights: tuple[Highlight, ...] = ()
    freeze_columns: Annotated[int, Meta(ge=0)] = 0
    capacity: Annotated[int, Meta(ge=1, le=5000)] = 200
    """Rows that validation, highlights and whole-column ranges cover (room to add rows)."""

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(f"sheet '{self.id}' has no column '{key}'")

    def index(self, key: str) -> int:
        return [c.key for c in self.columns].index(key)


class Template(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    id: TemplateId
    title: str
    frameworks: tuple[str, ...]
    """Framework ids this template serves (`okr_kpi_hybrid` is served by two templates)."""
    summary: str
    guidance: tuple[str, ...]
    """Paragraphs on how to use the template (the How to use sheet, Markdown and Word)."""
    sheets: Annotated[tuple[Sheet, ...], Meta(min_length=1)]
    sources: tuple[Source, ...] = ()
    version: Annotated[int, Meta(ge=1)] = 1
    """The template's layout version, stamped in every file made from it (`domain.stamp`):
    raise it when its sheets or columns change, so that a filled-in copy is read as the version
    it was made from."""

    def sheet(self, sheet_id: str) -> Sheet:
        for sheet in self.sheets:
            if sheet.id == sheet_id:
                return sheet
        raise KeyError(f"template '{self.id}' has no sheet '{sheet_id}'")

    def stamp(self) -> Stamp:
        """What every file made from this template says it is."""
        return Stamp(template=self.id, version=self.version)


def templates_for(templates: dict[str, Template], framework_id: str) -> list[str]:
    """The templates that serve a framework."""
    return [tid for tid, template in templates.items() if framework_id in template.frameworks]
