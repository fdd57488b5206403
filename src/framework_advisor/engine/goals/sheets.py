"""Goals from the tool's own spreadsheets filled in: each sheet recognised by the stamp the
starter file carries (`engine.recognise`: the marker cell, then the header row; never the file
name), its rows read by their columns as a Markdown template's tables are
(`markdown_tables.tables`), and every finding located at its row's first cell (`Sheet!A12`).
The sheets of one template are read together in the template's order (a CSV export is one file
a sheet: key results find their objectives in the other file). Word templates are not read
back. Pure: sheets of text in, goal data and cell locations out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from msgspec import Struct, structs

from framework_advisor.domain.goals import Classified, Finding, Report
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.template import Sheet
from framework_advisor.engine.goals.markdown_tables import tables
from framework_advisor.engine.recognise import recognise
from framework_advisor.errors import Diagnostic, Location
from framework_advisor.problems import KeyPath
from framework_advisor.sources.markdown_outline import OutlineEntry
from framework_advisor.sources.sheet_file import SheetData
from framework_advisor.sources.yaml_lines import YamlDocument

HEAD_ROWS = 12
"""Rows searched for the stamp and the header row (the Excel files' header is row 3)."""


class CellPlace(Struct, frozen=True):
    file: str
    sheet: str
    row: int


class SheetGoals(Struct):
    """The goals of one template's sheets: the goal file's data, a document giving each goal a
    stand-in line, and the cell each stand-in line is."""

    file: str
    template: str
    document: YamlDocument
    places: dict[int, CellPlace]


class Unrecognised(Struct, frozen=True):
    file: str
    sheet: str


def goals_from_sheets(
    kb: KnowledgeBase, sheets: Sequence[SheetData]
) -> tuple[list[SheetGoals], list[Unrecognised]]:
    """The goals of every template found among ``sheets``, one SheetGoals per template, and the
    sheets no template was recognised in."""
    found: dict[str, list[tuple[int, SheetData, Sheet, int]]] = {}
    unknown: list[Unrecognised] = []
    for data in sheets:
        match = _match(kb, data)
        if match is None:
            unknown.append(Unrecognised(data.file, data.title))
            continue
        template, position, sheet, header = match
        found.setdefault(template, []).append((position, data, sheet, header))
    return [_goals(template, parts) for template, parts in found.items()], unknown


def _match(kb: KnowledgeBase, data: SheetData) -> tuple[str, int, Sheet, int] | None:
    recognised = recognise(kb, data.rows[:HEAD_ROWS])
    if recognised is None:
        return None
    template = kb.templates.get(recognised.stamp.template)
    if template is None:
        return None
    for position, sheet in enumerate(template.sheets):
        if recognised.sheet is not None and sheet.id != recognised.sheet:
            continue
        headers = [_words(column.header) for column in sheet.columns]
        for index, row in enumerate(data.rows[:HEAD_ROWS]):
            if [_words(cell) for cell in row[: len(headers)]] == headers:
                return template.id, position, sheet, index
    return None


def _goals(template: str, parts: list[tuple[int, SheetData, Sheet, int]]) -> SheetGoals:
    parts.sort(key=lambda part: part[0])
    entries: list[OutlineEntry] = []
    places: dict[int, CellPlace] = {}
    line = 0
    for _, data, sheet, header in parts:
        title = data.title if data.tab else sheet.title  # a CSV file: the template's tab
        width = len(sheet.columns)
        line += 1
        headers = tuple(column.header for column in sheet.columns)
        entries.append(OutlineEntry("header_row", 0, " | ".join(headers), line, headers))
        places[line] = CellPlace(data.file, title, header + 1)
        for index in range(header + 1, len(data.rows)):
            cells = tuple((data.rows[index] + [""] * width)[:width])
            if not any(cell.strip() for cell in cells):
                continue
            line += 1
            entries.append(OutlineEntry("row", 0, " | ".join(cells), line, cells))
            places[line] = CellPlace(data.file, title, index + 1)
    goal_data: dict[str, Any] = {}
    lines: dict[KeyPath, int] = {}
    tables(entries, goal_data, lines)
    file = parts[0][1].file
    return SheetGoals(file, template, YamlDocument(file, goal_data, lines), places)


def at_cells(report: Report, goals: SheetGoals) -> Report:
    """The report with every finding and item placed at its row's first cell (`Sheet!A12`);
    a finding about the whole set stays on the file."""
    findings = [_finding_at(finding, goals) for finding in report.findings]
    items = [_item_at(item, goals) for item in report.items]
    return structs.replace(report, findings=findings, items=items)


def _finding_at(finding: Finding, goals: SheetGoals) -> Finding:
    diagnostic = finding.diagnostic
    place = goals.places.get(diagnostic.line or 0)
    if place is None:
        location = Location(goals.file)
        key = diagnostic.key
    else:
        location = Location(place.file, sheet=place.sheet, cell=f"A{place.row}")
        key = f"{place.sheet}!A{place.row}"
    moved = Diagnostic(location, diagnostic.message, key, diagnostic.rule, diagnostic.severity)
    return structs.replace(finding, diagnostic=moved)


def _item_at(item: Classified, goals: SheetGoals) -> Classified:
    place = goals.places.get(item.line or 0)
    if place is None:
        return item
    return structs.replace(item, where=f"{place.sheet}!A{place.row}", line=None)


def _words(cell: object) -> str:
    return " ".join(str(cell).split()).casefold() if cell is not None else ""
