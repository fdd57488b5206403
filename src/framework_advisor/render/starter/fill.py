"""Fill a template's sheets (worked example or the organisation's examples) and resolve formula
patterns to cell references for one output layout."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from framework_advisor.domain.template import (
    HIGHER,
    LOWER,
    PATTERN,
    Cells,
    Column,
    Computed,
    Prefill,
    Section,
    Sheet,
    Template,
)

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

    @property
    def prefilled(self) -> bool:
        return bool(self.prefilled_from)

    def provenance(self) -> str:
        if self.prefilled_from:
            return (
                "Prefilled with example OKRs and KPIs for "
                + ", ".join(
                    area.replace(":", " ").replace("_", " ") for area in self.prefilled_from
                )
                + ": keep what fits, change the rest, and fill in owners and numbers."
            )
        return (
            "The first filled rows are a worked example: read them, then replace them with your "
            "own. To start from examples for your function and industry instead, run "
            "framework-advisor templates with --answers FILE."
        )


# -- records: the organisation's examples as flat rows of fields ---------------------------

_LOWER = re.compile(
    r"(<|≤|\bbelow\b|\bunder\b|\bat most\b|\bless than\b|\bno more than\b|\bmax(imum)?\b"
    r"|\breduce|\bcut\b|\bdown\b)",
    re.IGNORECASE,
)
_HIGHER = re.compile(
    r"(>|≥|\babove\b|\bover\b|\bat least\b|\bmore than\b|\bmin(imum)?\b|\bup\b)", re.IGNORECASE
)
_LOWER_NAMES = re.compile(
    r"\b(churn|cost|costs|time to|cycle time|lead time|defects?|attrition|turnover|backlog|"
    r"bounce|downtime|incidents?|errors?|complaints?|days sales outstanding|dso|cac|waste|"
    r"scrap|absence|overdue|escalations?|wait)\b",
    re.IGNORECASE,
)
_NUMBER = r"[$€£]?(\d[\d,]*(?:\.\d+)?)\s?(k|m|bn)?\b"
_FROM_TO = re.compile(rf"\bfrom\s+{_NUMBER}\s*(?:%|[A-Za-z]+)?\s+to\s+{_NUMBER}", re.IGNORECASE)
_SCALE = {"k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}
_PERSPECTIVE_WORDS = (
    (
        "Financial",
        r"revenue|arr\b|mrr\b|margin|profit|cost|cash|ebitda|budget|spend|price|pipeline value"
        r"|bookings|sales growth|order value|dso|days sales",
    ),
    (
        "Customer",
        r"customer|client|nps|csat|churn|retention|satisfaction|renewal|patient|student"
        r"|loyalty|repeat|complaint|net promoter",
    ),
    (
        "Learning & Growth",
        r"employee|engagement|training|skill|hiring|attrition|turnover|learning|enps"
        r"|headcount|promotion|certification|onboarding of staff|time to hire|staff",
    ),
)


def direction(name: str, target: str) -> str:
    """Guess whether a KPI is better higher or lower from its target text, then its name."""
    if _LOWER.search(target):
        return LOWER
    if _HIGHER.search(target):
        return HIGHER
    return LOWER if _LOWER_NAMES.search(name) else ""


def perspective(name: str, definition: str) -> str:
    """A suggested Balanced Scorecard perspective for a KPI (the user can change it)."""
    text = f"{name} {definition}".lower()
    for label, words in _PERSPECTIVE_WORDS:
        if re.search(rf"\b({words})", text):
            return label
    return "Internal Process"


def from_to(text: str) -> tuple[float | None, float | None]:
    """Start and target from a key result written 'from X to Y', else (None, None)."""
    match = _FROM_TO.search(text)
    if not match:
        return None, None
    start_text, start_scale, target_text, target_scale = match.groups()
    start = float(start_text.replace(",", "")) * _SCALE.get((start_scale or "").lower(), 1)
    target = float(target_text.replace(",", "")) * _SCALE.get((target_scale or "").lower(), 1)
    return _tidy(start), _tidy(target)


def _tidy(number: float) -> float | int:
    number = round(number, 6)
    return int(number) if number.is_integer() else number


def weights(count: int) -> list[float]:
    """Equal weights in whole percent that add up to exactly 100%."""
    if count <= 0:
        return []
    base, extra = divmod(100, count)
    return [(base + (1 if i < extra else 0)) / 100 for i in range(count)]


def records(selection: ExampleSelection, prefill: Prefill) -> list[dict[str, Any]]:
    """The records a prefill draws from: one per OKR, per key result, or per KPI."""
    out: list[dict[str, Any]] = []
    if prefill.source in ("okrs", "key_results"):
        okrs = list(selection.okrs)
        if prefill.limit:
            okrs = okrs[: prefill.limit]
        shares = weights(len(okrs))
        for number, okr in enumerate(okrs, start=1):
            okr_id = f"O{number}"
            first_start, first_target = from_to(okr.key_results[0])
            if prefill.source == "okrs":
                out.append(
                    {
                        "id": okr_id,
                        "objective": okr.objective,
                        "type": okr.type.capitalize(),
                        "first_kr": okr.key_results[0],
                        "first_start": first_start,
                        "first_target": first_target,
                        "weight": shares[number - 1],
                        "method": f"Method {number}",
                    }
                )
                continue
            for position, text in enumerate(okr.key_results, start=1):
                start, target = from_to(text)
                out.append(
                    {
                        "objective_id": okr_id,
                        "objective": okr.objective,
                        "key_result": text,
                        "kr_id": f"KR{number}.{position}",
                        "start": start,
                        "target": target,
                    }
                )
    else:
        for kpi in selection.kpis:
            out.append(
                {
                    "name": kpi.name,
                    "definition": kpi.definition,
                    "indicator": kpi.indicator.capitalize(),
                    "level": kpi.level.capitalize(),
                    "frequency": kpi.frequency.capitalize(),
                    "target": kpi.target,
                    "unit": kpi.unit,
                    "direction": direction(kpi.name, kpi.target),
                    "perspective": perspective(kpi.name, kpi.definition),
                    "name_target": f"{kpi.name}: {kpi.target}",
                }
            )
    for field_name, wanted in prefill.where.items():
        out = [record for record in out if record.get(field_name) == wanted]
    if prefill.source == "kpis" and prefill.limit:
        out = out[: prefill.limit]
    return out


def prefill_rows(prefill: Prefill | None, selection: ExampleSelection) -> list[Cells]:
    if prefill is None:
        return []
    rows = []
    for record in records(selection, prefill):
        values: Cells = dict(prefill.constants)
        for column_key, field_name in prefill.fields.items():
            value = record.get(field_name)
            if value is not None and value != "":
                values[column_key] = value
        rows.append(values)
    return rows


# -- filling ---------------------------------------------------------------------------


def _resolve(value: CellValue, today: dt.date) -> CellValue:
    return value.resolve(today) if isinstance(value, Computed) and value.date else value


def fill_section(
    sheet: Sheet,
    section: Section,
    selection: ExampleSelection | None,
    today: dt.date,
) -> list[Row]:
    content = (
        list(section.example) if selection is None else prefill_rows(section.prefill, selection)
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
        rows.append(Row(values=values, key=key, formats=formats))
    return rows


def fill_template(
    template: Template,
    selection: ExampleSelection | None,
    *,
    organisation: str = "",
    version: str = "",
    today: dt.date | None = None,
) -> StarterDocument:
    """The template with rows: its worked example (no selection) or the organisation's examples."""
    today = today or dt.date.today()
    sheets = [
        FilledSheet(
            sheet=sheet,
            rows=[
                filled
                for section in sheet.sections
                for filled in fill_section(sheet, section, selection, today)
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
        self.document = document
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


def display(value: CellValue, column: Column, row: Row | None = None) -> str:
    """A value as a person types it: 40%, 2025-09-30, 4.3."""
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
            return f"{_tidy(round(percent, 2))}%"
        return str(_tidy(float(value)))
    return str(value)
