"""A Markdown file as an outline with line numbers: its headings, list items and paragraphs in
order, read with markdown-it-py (whose token maps give the lines). No meaning, only the file."""

from __future__ import annotations

from typing import Literal

from msgspec import Struct

EntryKind = Literal["heading", "bullet", "paragraph", "header_row", "row"]


class OutlineEntry(Struct, frozen=True):
    kind: EntryKind
    level: int
    """A heading's level (1 for #), a list item's depth (1 for a top-level bullet), 0 for a
    paragraph outside any list."""
    text: str
    line: int
    """1-based line of the entry's first line."""
    cells: tuple[str, ...] = ()
    """A table row's cells (its `text` is them joined)."""


def outline(text: str) -> list[OutlineEntry]:
    """Headings, list items (their first paragraph) and loose paragraphs, in reading order.
    HTML comments (the starter files' stamp) and code blocks are left out."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    entries: list[OutlineEntry] = []
    depth = 0
    pending: tuple[EntryKind, int, int] | None = None  # the entry whose inline text comes next
    row: tuple[EntryKind, int, list[str]] | None = None  # a table row being read
    in_head = False
    for token in tokens:
        if token.type in ("thead_open", "thead_close"):
            in_head = token.type == "thead_open"
            continue
        if token.type == "tr_open":
            row = ("header_row" if in_head else "row", _line(token.map), [])
            continue
        if token.type == "tr_close" and row is not None:
            cells = tuple(row[2])
            entries.append(OutlineEntry(row[0], 0, " | ".join(cells), row[1], cells))
            row = None
            continue
        if row is not None:
            if token.type == "inline":
                row[2].append(" ".join(_plain(token).split()))
            continue
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "heading_open":
            pending = ("heading", int(token.tag[1:]), _line(token.map))
        elif token.type == "list_item_open":
            pending = ("bullet", depth, _line(token.map))
        elif token.type == "paragraph_open" and pending is None:
            pending = ("paragraph", 0 if depth == 0 else depth, _line(token.map))
        elif token.type == "inline" and pending is not None:
            kind, level, line = pending
            words = " ".join(_plain(token).split())
            if words:
                entries.append(OutlineEntry(kind, level, words, line))
            pending = None
    return entries


def _line(mapping: list[int] | None) -> int:
    return mapping[0] + 1 if mapping else 0


def _plain(inline: object) -> str:
    """An inline token's words without their markup (emphasis, links' targets, code ticks)."""
    children = getattr(inline, "children", None) or []
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts) if children else str(getattr(inline, "content", ""))
