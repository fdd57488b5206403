"""Blocks drawn as Markdown. Every piece of text is escaped (``safe_text.markdown_literal``):
never a link, an image or HTML, and a line it opens never a heading, quote or list; charts are
left out (the table beside each says the same)."""

from __future__ import annotations

from framework_advisor.render.document.blocks import (
    Block,
    BulletList,
    Cell,
    Column,
    Document,
    Group,
    Paragraph,
    Run,
    Section,
    Table,
    Title,
    details_of,
    lines_of,
    number_of,
)
from framework_advisor.safe_text import markdown_line_start
from framework_advisor.safe_text import markdown_literal as md


def markdown(document: Document, _assets: object = None) -> str:
    lines: list[str] = []
    for block in document.blocks:
        _block(block, lines)
    return tidy(lines)


def _block(block: Block, out: list[str]) -> None:
    if isinstance(block, Title):
        out += ["", f"# {md(block.text)}", ""]
        if block.subtitle:
            out += [f"*{md(block.subtitle)}*", ""]
    elif isinstance(block, Section):
        out += ["", f"{'#' * block.level} {md(block.title)}", ""]
        for child in block.blocks:
            _block(child, out)
    elif isinstance(block, Group):
        for child in block.blocks:
            _block(child, out)
    elif isinstance(block, Paragraph):
        text = runs(block.runs)
        out += ["", f"*{text}*" if block.style == "note" else markdown_line_start(text), ""]
    elif isinstance(block, BulletList):
        out.append("")
        for index, item in enumerate(block.items):
            out.append(f"- {markdown_line_start(runs(item))}")
            out += [f"  - {markdown_line_start(md(detail))}" for detail in details_of(block, index)]
        out.append("")
    elif isinstance(block, Table):
        out += ["", *_table(block), ""]
    # charts and page breaks: nothing in Markdown


def runs(parts: list[Run]) -> str:
    """Each run escaped on its own, keeping the space at its ends (a lead-in, then text)."""
    shown = []
    for run in parts:
        core = md(run.text)
        text = core if not run.strong else f"**{core}**"
        before = " " if run.text[:1].isspace() else ""
        after = " " if run.text[-1:].isspace() and core else ""
        shown.append(f"{before}{text}{after}")
    return "".join(shown)


def _table(table: Table) -> list[str]:
    head = "|" + "".join(f" {md(c.header)} |" for c in table.columns)
    rule = "|" + "".join(f" {'---:' if c.kind == 'number' else '---'} |" for c in table.columns)
    rows = [
        "|"
        + "".join(
            f" {_cell(column, value, index in table.highlight)} |"
            for column, value in zip(table.columns, row, strict=True)
        )
        for index, row in enumerate(table.rows)
    ]
    return [head, rule, *rows]


def _cell(column: Column, value: Cell, highlight: bool) -> str:
    if column.kind == "fit":
        from framework_advisor.render.bars import fit_bar

        return f"`{fit_bar(number_of(value))}` {value}"
    if column.kind == "list":
        return "<br>".join(f"• {md(item)}" for item in lines_of(value))
    if column.kind == "number":
        return md(value)
    if column.kind == "strong" or (highlight and column.kind == "text"):
        return f"**{md(value)}**"
    return md(value)


def tidy(lines: list[str]) -> str:
    """One blank line between blocks, none at the ends, no trailing spaces."""
    out: list[str] = []
    for raw in lines:
        for line in raw.split("\n"):
            line = line.rstrip()
            if not line and (not out or not out[-1]):
                continue
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"
