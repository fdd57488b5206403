"""Blocks drawn as one self-contained HTML page: inline CSS, inline SVG charts, no links out,
no images or fonts to fetch. Every piece of text is escaped (``markupsafe.escape``)."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from markupsafe import escape

if TYPE_CHECKING:
    from framework_advisor.render.document.draw import Assets

from framework_advisor.render.document.blocks import (
    Block,
    BulletList,
    Cell,
    Chart,
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

SVG_NS = ' xmlns="http://www.w3.org/2000/svg"'


def html(document: Document, assets: Assets) -> str:
    """The page, styled by the assets' style sheet (a CSS file in ``render/document/styles/``)."""
    c = document.colours
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="{escape(document.generator)}">',
        f"<title>{escape(document.title)}</title>",
        "<style>",
        f":root {{ --primary: {c.primary}; --accent: {c.accent}; --tint: {c.tint}; }}",
        _css(assets.stylesheet),
        "</style>",
        "</head>",
        "<body>",
        "<main>",
    ]
    for block in document.blocks:
        _block(block, lines)
    lines += ["</main>", "</body>", "</html>"]
    return "\n".join(line for chunk in lines for line in chunk.split("\n") if line.strip()) + "\n"


@cache
def _css(name: str) -> str:
    return (files("framework_advisor.render.document") / "styles" / name).read_text("utf-8")


def _block(block: Block, out: list[str]) -> None:
    if isinstance(block, Title):
        out.append('<header class="report-header">')
        if block.brand:
            out.append(f'<p class="brand">{escape(block.brand)}</p>')
        out += [f"<h1>{escape(block.text)}</h1>", "</header>"]
        if block.subtitle:
            out.append(f'<p class="note">{escape(block.subtitle)}</p>')
    elif isinstance(block, Section):
        _section(block, out)
    elif isinstance(block, Group):
        out.append(f'<div class="block {escape(block.kind)}">')
        for child in block.blocks:
            _block(child, out)
        out.append("</div>")
    elif isinstance(block, Paragraph):
        style = f' class="{block.style}"' if block.style else ""
        out.append(f"<p{style}>{runs(block.runs)}</p>")
    elif isinstance(block, BulletList):
        out.append("<ul>")
        for index, item in enumerate(block.items):
            points = details_of(block, index)
            inner = "".join(f"<li>{escape(point)}</li>" for point in points)
            out.append(f"<li>{runs(item)}" + (f"<ul>{inner}</ul>" if inner else "") + "</li>")
        out.append("</ul>")
    elif isinstance(block, Table):
        _table(block, out)
    elif isinstance(block, Chart):
        out.append(f'<figure class="chart">{block.svg.replace(SVG_NS, "", 1)}</figure>')
    # page breaks: the page's print styles break before a section marked print_break


def _section(section: Section, out: list[str]) -> None:
    keep = " keep" if section.keep else ""
    if section.level == 2:
        new_page = " new-page" if section.print_break else ""
        anchor = f' id="{escape(section.anchor)}"' if section.anchor else ""
        out.append(f'<section{anchor} class="report-section{keep}{new_page}">')
        out.append(f"<h2>{escape(section.title)}</h2>")
    else:
        out += [f'<div class="subsection{keep}">', f"<h3>{escape(section.title)}</h3>"]
    for child in section.blocks:
        _block(child, out)
    out.append("</section>" if section.level == 2 else "</div>")


def runs(parts: list[Run]) -> str:
    shown = []
    for run in parts:
        text = str(escape(run.text))
        if run.strong:
            text = f"<strong>{text}</strong>"
        if run.link:
            text = f'<a href="#{escape(run.link)}">{text}</a>'
        shown.append(text)
    return "".join(shown)


def _table(table: Table, out: list[str]) -> None:
    cols = table.columns
    out += [
        '<table class="compact">' if table.compact else "<table>",
        "<colgroup>" + "".join(f'<col style="width: {c.width}%">' for c in cols) + "</colgroup>",
        "<thead><tr>"
        + "".join(f'<th class="col-{c.kind}">{escape(c.header)}</th>' for c in cols)
        + "</tr></thead>",
        "<tbody>",
    ]
    for index, row in enumerate(table.rows):
        tr = '<tr class="highlight">' if index in table.highlight else "<tr>"
        tds = "".join(
            f'<td class="col-{c.kind}">{_cell(c, value)}</td>'
            for c, value in zip(cols, row, strict=True)
        )
        out.append(f"{tr}{tds}</tr>")
    out += ["</tbody>", "</table>"]


def _cell(column: Column, value: Cell) -> str:
    if column.kind == "fit":
        fit = number_of(value)
        return (
            '<span class="fit"><span class="bar" aria-hidden="true">'
            f'<span style="width: {fit}%"></span></span>'
            f'<span class="fit-number">{fit}</span></span>'
        )
    if column.kind == "list":
        return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in lines_of(value)) + "</ul>"
    if column.kind == "strong":
        return f"<strong>{escape(value)}</strong>"
    return str(escape(value))
