"""Blocks drawn as plain text, for the terminal and the wall: the title, then each section's
heading after a blank line, its paragraphs one per line, a list's items indented two spaces and
their details six, a table's rows as aligned columns. Charts and page breaks are left out (the
lists and tables beside each chart say the same). Text stays text: the terminal sink
(``safe_text.terminal_text``) drops control and escape sequences when it is printed."""

from __future__ import annotations

from framework_advisor.render.document.blocks import (
    Block,
    BulletList,
    Document,
    Group,
    Paragraph,
    Section,
    Table,
    Title,
    details_of,
    lines_of,
    plain,
)

ITEM_INDENT = "  "
DETAIL_INDENT = "      "


def text(document: Document, _assets: object = None) -> str:
    lines: list[str] = []
    for block in document.blocks:
        _block(block, lines)
    return "\n".join(lines) + "\n"


def _block(block: Block, out: list[str]) -> None:
    if isinstance(block, Title):
        out.append(block.text)
        if block.subtitle:
            out.append(block.subtitle)
    elif isinstance(block, Section):
        if out:
            out.append("")
        out.append(block.title)
        for child in block.blocks:
            _block(child, out)
    elif isinstance(block, Group):
        for child in block.blocks:
            _block(child, out)
    elif isinstance(block, Paragraph):
        out.append(plain(block.runs).rstrip())
    elif isinstance(block, BulletList):
        for index, item in enumerate(block.items):
            out.append(f"{ITEM_INDENT}{plain(item)}")
            out += [f"{DETAIL_INDENT}{detail}" for detail in details_of(block, index)]
    elif isinstance(block, Table):
        out += _table(block)
    # charts and page breaks: nothing in text


def _table(table: Table) -> list[str]:
    """The header and the rows, each column as wide as its widest line; a list cell's lines
    joined with "; "."""
    rows = [[column.header for column in table.columns]]
    rows += [["; ".join(lines_of(cell)) for cell in row] for row in table.rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(table.columns))]
    right = [column.kind in ("number", "fit") for column in table.columns]
    return [
        ITEM_INDENT
        + "  ".join(
            cell.rjust(width) if align else cell.ljust(width)
            for cell, width, align in zip(row, widths, right, strict=True)
        ).rstrip()
        for row in rows
    ]
