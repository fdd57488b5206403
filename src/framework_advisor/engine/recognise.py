"""Which starter template a filled-in sheet was made from, by what is in it: the stamp in any
of its cells (`domain.stamp`), else its header row matched against every template's sheets
(the fallback, for a copy whose marker cell was deleted). Pure: cells in, a match out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from msgspec import Struct

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.stamp import Stamp, read_stamp
from framework_advisor.domain.template import Template


class Recognised(Struct, frozen=True):
    stamp: Stamp
    sheet: str | None
    """The sheet whose header row matched (None when only the stamp said which template)."""
    by_header: bool
    """Recognised by the header row, not by the stamp: the version is the template's current
    one, not necessarily the one the copy was made from."""


def recognise(kb: KnowledgeBase, rows: Iterable[Sequence[object]]) -> Recognised | None:
    """The template of a sheet given as rows of cell values (the first rows are enough)."""
    rows = [list(row) for row in rows]
    for row in rows:
        for cell in row:
            stamp = read_stamp(cell) if isinstance(cell, str) else None
            if stamp is not None:
                template = kb.templates.get(stamp.template)
                sheets = [template] if template is not None else []
                return Recognised(stamp, _one_sheet(sheets, rows), by_header=False)
    for row in rows:
        cells = _headers(row)
        matches = [
            (template, sheet)
            for template in kb.templates.values()
            for sheet in template.sheets
            if cells and cells == [_words(c.header) for c in sheet.columns]
        ]
        if matches and len({template.id for template, _ in matches}) == 1:
            template = matches[0][0]
            return Recognised(template.stamp(), _one_sheet([template], rows), by_header=True)
    return None


def _words(cell: object) -> str:
    return " ".join(str(cell).split()).casefold() if cell is not None else ""


def _headers(row: Sequence[object]) -> list[str]:
    cells = [_words(cell) for cell in row]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _one_sheet(templates: Sequence[Template], rows: Sequence[Sequence[object]]) -> str | None:
    """The sheet whose headers one of the rows holds; among sheets with the same headers, the
    one whose title ends a cell (the title row of an Excel copy, "Acme: Traction"); None if
    still unsure."""
    candidates = []
    for template in templates:
        for sheet in template.sheets:
            headers = [_words(c.header) for c in sheet.columns]
            if any(_headers(row)[: len(headers)] == headers for row in rows):
                candidates.append(sheet)
    if len(candidates) > 1:
        cells = [_words(cell) for row in rows for cell in row if isinstance(cell, str)]
        candidates = [
            s for s in candidates if any(c.endswith(f": {_words(s.title)}") for c in cells)
        ]
    return candidates[0].id if len(candidates) == 1 else None
