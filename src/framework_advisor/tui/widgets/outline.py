"""Headings and marked items (bullets, signed points) whose wrapped lines keep their indent."""

from __future__ import annotations

from typing import NamedTuple

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from framework_advisor.safe_text import as_text


class Heading(NamedTuple):
    title: str  # bold
    note: str = ""
    gap: bool = False  # a blank line before it


class Item(NamedTuple):
    marker: str
    text: str  # plain text, shown as written (never markup)


Line = Heading | Item


class Outline(Static):
    DEFAULT_CSS = "Outline { height: auto; padding: 0 1; }"

    def __init__(self, *, spaced: bool = False, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.spaced = spaced  # a blank line between items
        self.text = ""

    def show(self, lines: list[Line]) -> None:
        parts: list[RenderableType] = []
        plain: list[str] = []
        items: list[Item] = []
        for line in [*lines, None]:
            if isinstance(line, Item):
                items.append(line)
                continue
            if items:
                parts.append(_hanging(items, self.spaced))
                plain += [f"{item.marker} {item.text}" for item in items]
                items = []
            if isinstance(line, Heading):
                heading = Text.assemble("\n" if line.gap else "", as_text(line.title, "bold"))
                if line.note:
                    heading.append_text(as_text(f" {line.note}" if line.title else line.note))
                parts.append(heading)
                plain.append(heading.plain)
        self.text = "\n".join(plain)
        self.update(Group(*parts))


def _hanging(items: list[Item], spaced: bool) -> Padding:
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(ratio=1)
    for index, item in enumerate(items):
        if spaced and index:
            grid.add_row()
        grid.add_row(as_text(item.marker), as_text(item.text))
    return Padding(grid, (0, 0, 0, 2))
