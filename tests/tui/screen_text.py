"""What a screen shows, checked for more than text (issue 19): a plain `str` DataTable cell
(Textual reads it as markup), a link or an action in a rendered line, or a control character
on its way to the terminal."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.text import Text
from textual.app import App
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import DataTable


def table_cells(app: App[Any]) -> Iterator[tuple[str, Any]]:
    for table in app.screen.query(DataTable):
        for row in range(table.row_count):
            for cell in table.get_row_at(row):
                yield str(table.id), cell


def hazards(app: App[Any]) -> list[str]:
    """Everything on the current screen that is more than text: a plain `str` table cell, a
    link or an action in a rendered line, or a control character on its way to the terminal."""
    found = [
        f"#{table}: a plain cell {cell!r}"
        for table, cell in table_cells(app)
        if not isinstance(cell, Text)
    ]
    for widget in app.screen.query("*"):
        if not widget.display or not widget.size.area:
            continue
        found += line_hazards(widget)
    return found


def line_hazards(widget: Widget) -> list[str]:
    found = []
    width, height = widget.size
    for strip in widget.render_lines(Region(0, 0, width, height)):
        for segment in strip:
            where = f"{type(widget).__name__}#{widget.id}: {segment.text!r}"
            if any(ch in segment.text for ch in "\x1b\x07\x9b\x9d"):
                found.append(f"control character in {where}")
            style = segment.style
            if style is None:
                continue
            if style.link:
                found.append(f"link {style.link} in {where}")
            actions = [key for key in (style.meta or {}) if key.startswith("@")]
            if actions:
                found.append(f"action {style.meta} in {where}")
    return found
