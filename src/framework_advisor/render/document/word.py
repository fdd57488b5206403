"""Blocks drawn as a Word document (python-docx): real headings, bullet lists and tables, so the
reader can restyle it, navigate it and reuse its parts, in the document's colours, with its
charts as pictures (their SVG rendered to PNG by Typst) and its page breaks.

After the title, a written list of contents links to each section (a contents field would stay
empty until the reader asks Word to update it). A running header names who prepared the
document and for whom, the footer numbers the pages (Word fields), and every table column is at
least as wide as its longest word, so no word is ever broken across lines ("Managemen t")."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

from docx import Document as new_document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as WordParagraph

from framework_advisor.render.document.blocks import (
    Block,
    BulletList,
    Cell,
    Chart,
    Column,
    Document,
    Group,
    PageBreak,
    Paragraph,
    Run,
    Section,
    Table,
    Title,
    lines_of,
    number_of,
)
from framework_advisor.render.document.draw import Assets
from framework_advisor.safe_text import PROPERTY_LIMIT, cut, xml_safe

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Mm(210), Mm(297), Mm(18)
TEXT_WIDTH_MM = 210 - 2 * 18
MUTED = "5b6472"
TRACK = "d9dee6"
RULE = "dde2e9"
HEAD_RULE = "9aa6b8"
HEAD_FILL = "eef2f8"
"""The PDF's greys (``typst/document.typ``): muted text, table rules, the header row's fill."""
BAR_CELLS = 10
SIZE, COMPACT_SIZE = 9.0, 8.0
CELL_PADDING_MM = 2 * 1.91 + 0.8
"""Word's default cell margins (0.08 inch each side), plus a little room for rounding."""
PT_MM = 25.4 / 72
CHART_PPI = 150
"""Sharp on screen and in print at the text's width (about 1,000 pixels across)."""


def word(document: Document, assets: Assets) -> bytes:
    """The document as .docx bytes; the assets' fonts are those its charts are drawn in."""
    writer = _Writer(xml_safe(document), assets)  # "Acme\vLtd" (Shift+Enter) reads "Acme Ltd"
    writer.write()
    stream = io.BytesIO()
    writer.doc.save(stream)
    return stream.getvalue()


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


class _Writer:
    def __init__(self, document: Document, assets: Assets) -> None:
        self.document = document
        self.assets = assets
        self.accent = document.colours.accent.lstrip("#")
        self.tint = document.colours.tint.lstrip("#")
        self.doc = new_document()
        self.break_before_next = False
        self.bookmarks = 0
        self.pictures: dict[str, bytes] = {}
        self.style: dict[str, Any] = {}
        section = self.doc.sections[0]
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, MARGIN)
        self._styles()
        self._running_header_and_footer(section)
        core = self.doc.core_properties
        core.title = cut(document.title, PROPERTY_LIMIT)
        core.author = cut(document.brand or "Framework Advisor", PROPERTY_LIMIT)
        core.comments = document.generator

    def _styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(10)
        normal.paragraph_format.space_after = Pt(4)
        title = styles["Title"]
        title.font.color.rgb = RGBColor(0, 0, 0)
        title.font.size = Pt(19)
        section = styles["Heading 1"]  # a section: the PDF's level-2 heading, ruled in the accent
        section.font.color.rgb = _rgb(self.document.colours.primary)
        section.font.size = Pt(13.5)
        section.paragraph_format.space_before = Pt(15)  # the PDF's spacing around headings
        section.paragraph_format.space_after = Pt(7)
        _bottom_border(section.element.get_or_add_pPr(), self.accent, 12)
        subsection = styles["Heading 2"]
        subsection.font.color.rgb = RGBColor(0, 0, 0)
        subsection.font.size = Pt(11)
        subsection.paragraph_format.space_before = Pt(11)
        subsection.paragraph_format.space_after = Pt(5)
        # looked up once: python-docx finds a style by name in a linear search, every time
        self.style = {
            "title": title,
            "heading 1": section,
            "heading 2": subsection,
            "bullet": styles["List Bullet"],
            "bullet 2": styles["List Bullet 2"],
        }

    # blocks ----------------------------------------------------------------------------------

    def write(self) -> None:
        blocks = self.document.blocks
        self.pictures = self._pictures(blocks)
        first = next(
            (i for i, b in enumerate(blocks) if isinstance(b, Section | PageBreak)), len(blocks)
        )
        for block in blocks[:first]:
            self.block(block)
        self._contents()
        for block in blocks[first:]:
            self.block(block)

    def block(self, block: Block, *, keep: bool = False) -> None:
        if isinstance(block, Title):
            if block.brand:
                self.paragraph([Run(block.brand)], muted=True, italic=False)
            self._mark_break(self.doc.add_paragraph(block.text, self.style["title"]))
            if block.subtitle:
                self.paragraph([Run(block.subtitle)], muted=True)
        elif isinstance(block, Section):
            self.section(block)
        elif isinstance(block, Group):
            for index, child in enumerate(block.blocks):
                self.block(child, keep=index < len(block.blocks) - 1)
        elif isinstance(block, Paragraph):
            self.paragraph(
                block.runs, muted=block.style == "note", keep=keep or block.keep_with_next
            )
        elif isinstance(block, BulletList):
            self.bullets(block.items, keep=keep, details=block.details)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Chart):
            self.chart(block)
        elif isinstance(block, PageBreak):
            self.break_before_next = True

    def section(self, section: Section) -> None:
        style = self.style[f"heading {min(section.level - 1, 2)}"]
        heading = self._mark_break(self.doc.add_paragraph(section.title, style))
        heading.paragraph_format.keep_with_next = True  # never the last line of a page
        if section.anchor:
            self.bookmarks += 1
            _bookmark(heading, f"section_{section.anchor}", self.bookmarks)
        for index, child in enumerate(section.blocks):
            self.block(child, keep=section.keep and index < len(section.blocks) - 1)

    def _mark_break(self, paragraph: WordParagraph) -> WordParagraph:
        if self.break_before_next:
            paragraph.paragraph_format.page_break_before = True
            self.break_before_next = False
        return paragraph

    def paragraph(
        self, runs: list[Run], *, muted: bool = False, italic: bool = True, keep: bool = False
    ) -> WordParagraph:
        paragraph = self._mark_break(self.doc.add_paragraph())
        self._runs(paragraph, runs)
        if muted:
            for run in paragraph.runs:
                run.italic = italic
                run.font.color.rgb = _rgb(MUTED)
        paragraph.paragraph_format.keep_with_next = keep
        return paragraph

    def _runs(self, paragraph: WordParagraph, runs: list[Run]) -> None:
        for part in runs:
            if part.link:
                _internal_link(paragraph, f"section_{part.link}", part.text, self.accent)
            else:
                paragraph.add_run(part.text).bold = part.strong or None

    def bullets(
        self, items: list[list[Run]], *, keep: bool = False, details: Sequence[list[str]] = ()
    ) -> None:
        for index, item in enumerate(items):
            paragraph = self._mark_break(self.doc.add_paragraph(style=self.style["bullet"]))
            self._runs(paragraph, item)
            paragraph.paragraph_format.keep_with_next = keep
            for point in details[index] if index < len(details) else []:
                self.doc.add_paragraph(point, style=self.style["bullet 2"])

    def _pictures(self, blocks: list[Block]) -> dict[str, bytes]:
        """Every chart of the document as PNG, by id, drawn in one go."""
        charts: list[Chart] = []

        def collect(found: list[Block]) -> None:
            for block in found:
                if isinstance(block, Chart):
                    charts.append(block)
                elif isinstance(block, Section | Group):
                    collect(block.blocks)

        collect(blocks)
        if not charts:
            return {}
        from framework_advisor.render.document.typst import chart_pngs

        svgs = [chart.svg for chart in charts]
        pngs = chart_pngs(svgs, TEXT_WIDTH_MM / PT_MM, self.assets, CHART_PPI)
        return {chart.id: png for chart, png in zip(charts, pngs, strict=True)}

    def chart(self, chart: Chart) -> None:
        png = self.pictures[chart.id]
        paragraph = self._mark_break(self.doc.add_paragraph())
        shape = paragraph.add_run().add_picture(io.BytesIO(png), width=Mm(TEXT_WIDTH_MM))
        properties = shape._inline.docPr
        properties.set("descr", chart.alt)
        properties.set("title", chart.id)

    def table(self, block: Table) -> None:
        size = COMPACT_SIZE if block.compact else SIZE
        columns = block.columns
        table = self.doc.add_table(rows=1, cols=len(columns))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        highlight = set(block.highlight)
        widths = [Mm(mm) for mm in _column_widths(columns, block.rows, size, highlight)]
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width  # the grid: what LibreOffice and Google Docs lay out by
        header = table.rows[0]
        _row_property(header, "w:tblHeader")  # repeated on every page
        for cell, column, width in zip(header.cells, columns, widths, strict=True):
            cell.width = width  # the cells: what Word lays out by
            self._fill(cell, column.header, "strong", size, right=column.kind == "number")
            _cell_look(cell, HEAD_FILL, HEAD_RULE, 8)
        for index, values in enumerate(block.rows):
            row = table.add_row()
            _row_property(row, "w:cantSplit")
            strong = index in highlight
            for cell, column, width, value in zip(row.cells, columns, widths, values, strict=True):
                cell.width = width
                self._fill(cell, value, column.kind, size, strong=strong and column.kind == "text")
                _cell_look(cell, self.tint if strong else "", RULE, 4)

    def _fill(
        self, cell: Any, value: Cell, kind: str, size: float, *, strong: bool = False,
        right: bool = False,
    ) -> None:  # fmt: skip
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        if kind == "fit":
            self._fit_bar(paragraph, number_of(value), size)
            return
        if kind == "list":
            for index, item in enumerate(lines_of(value)):
                target = paragraph if index == 0 else cell.add_paragraph()
                target.paragraph_format.space_after = Pt(2)
                target.add_run(f"• {item}").font.size = Pt(size)
            return
        run = paragraph.add_run(str(value))
        run.font.size = Pt(size)
        run.bold = strong or kind == "strong"
        if kind == "number" or right:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def _fit_bar(self, paragraph: Any, fit: int, size: float) -> None:
        """The fit as a bar of 10 cells (10 points each), then the number: one glyph (the full
        block, in every common font) in the accent and the track's grey."""
        filled = round(max(0, min(100, fit)) / (100 / BAR_CELLS))
        for glyphs, colour in (("█" * filled, self.accent), ("█" * (BAR_CELLS - filled), TRACK)):
            if glyphs:
                run = paragraph.add_run(glyphs)
                run.font.color.rgb = _rgb(colour)
                run.font.size = Pt(size * 0.8)
        paragraph.add_run(f" {fit}").font.size = Pt(size)

    # around the blocks -----------------------------------------------------------------------

    def _contents(self) -> None:
        """A written list of contents, each entry a link to its section."""
        sections = [
            b for b in self.document.blocks if isinstance(b, Section) and b.level == 2 and b.anchor
        ]
        if not sections:
            return
        heading = self.paragraph([Run(self.document.words.get("contents", "Contents"))], keep=True)
        heading.runs[0].bold = True
        for section in sections:
            paragraph = self.doc.add_paragraph(style=self.style["bullet"])
            paragraph.paragraph_format.space_after = Pt(0)
            self._runs(paragraph, [Run(section.title, link=section.anchor)])

    def _running_header_and_footer(self, section: Any) -> None:
        """Who prepared it and for whom on every page; the title and "Page n of m" below."""
        document = self.document
        header = section.header.paragraphs[0]
        right = document.organisation
        header.add_run(document.brand + ("\t" if right else "")).font.size = Pt(8)
        if right:
            header.add_run(right).font.size = Pt(8)
        footer = section.footer.paragraphs[0]
        footer.add_run(document.title + "\t")
        page_of = document.words.get("page_of", "Page {page} of {pages}")
        for part in re.split(r"(\{page\}|\{pages\})", page_of):
            if part == "{page}":
                _field(footer, "PAGE", "1")
            elif part == "{pages}":
                _field(footer, "NUMPAGES", "1")
            elif part:
                footer.add_run(part)
        for paragraph in (header, footer):
            for run in paragraph.runs:
                run.font.size = Pt(8)
                run.font.color.rgb = _rgb(MUTED)
            stops = paragraph.paragraph_format.tab_stops  # one right tab at the text's edge
            for position in (Inches(3.25), Inches(6.5)):
                stops.add_tab_stop(position, WD_TAB_ALIGNMENT.CLEAR)
            stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)


def _bottom_border(properties: Any, colour: str, eighths: int) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("w:val", "single"), ("w:sz", str(eighths)), ("w:space", "2"),
                        ("w:color", colour)):  # fmt: skip
        bottom.set(qn(name), value)
    borders.append(bottom)
    properties.insert_element_before(borders, *_AFTER_PBDR)  # the schema's order, as Word wants


_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
"""What follows a paragraph's borders in its properties (ECMA-376, CT_PPr)."""


def _cell_look(cell: Any, fill: str, rule: str, eighths: int) -> None:
    """A cell's background (empty: none) and its bottom rule, as the PDF draws them; after its
    width, in the schema's order (tcW, tcBorders, shd)."""
    properties = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    bottom = OxmlElement("w:bottom")
    for name, value in (("w:val", "single"), ("w:sz", str(eighths)), ("w:color", rule)):
        bottom.set(qn(name), value)
    borders.append(bottom)
    properties.append(borders)
    if fill:
        shading = OxmlElement("w:shd")
        for name, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)):
            shading.set(qn(name), value)
        properties.append(shading)


def _row_property(row: Any, tag: str) -> None:
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def _field(paragraph: Any, instruction: str, placeholder: str) -> None:
    """A Word field (PAGE, NUMPAGES) that every word processor updates as it lays out pages."""
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = placeholder
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, code, separate, shown, end):
        paragraph.add_run()._r.append(element)


def _bookmark(paragraph: Any, name: str, number: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def _internal_link(paragraph: Any, anchor: str, text: str, colour: str) -> None:
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), anchor)
    run = paragraph.add_run(text)
    run.font.color.rgb = _rgb(colour)
    link.append(run._r)  # moves the run inside the link
    paragraph._p.append(link)


_NARROW = frozenset("ijlI.,:;'!|")
_SEMI = frozenset('frt()[]{}-/"')
_WIDE = frozenset("mwMW%@")


def _word_mm(word: str, size: float, bold: bool) -> float:
    """A generous estimate of a word's printed width: the metrics of DejaVu Sans, the widest
    font a word processor commonly falls back to when Calibri is missing."""
    em = 0.0
    for char in word:
        if char == "█":
            em += 0.77 * 0.8  # the fit bar's glyph, drawn at 0.8 of the size
            continue
        if char in _NARROW:
            width = 0.3
        elif char in _SEMI:
            width = 0.47
        elif char in _WIDE:
            width = 1.0
        elif char.isupper() or char.isdigit():
            width = 0.78
        else:
            width = 0.64
        em += width * (1.1 if bold else 1.0)
    return em * size * PT_MM


def _cell_words(kind: str, value: Cell) -> list[str]:
    if kind == "fit":  # the bar and its number on one line: measured as one word
        return ["█" * BAR_CELLS + " " + str(value)]
    if kind == "list":
        return [word for item in lines_of(value) for word in f"• {item}".split()]
    return str(value).split()


def _column_widths(
    columns: list[Column], rows: list[list[Cell]], size: float, bold_rows: set[int]
) -> list[float]:
    """Each column's width in mm: its share of the text width, widened where needed so that
    its longest word fits on one line, the room taken from columns that have some to spare."""
    planned = [TEXT_WIDTH_MM * column.width / 100 for column in columns]
    needed = []
    for index, column in enumerate(columns):
        widest = max((_word_mm(word, size, True) for word in column.header.split()), default=0.0)
        for position, values in enumerate(rows):
            bold = column.kind == "strong" or (column.kind == "text" and position in bold_rows)
            for word in _cell_words(column.kind, values[index]):
                widest = max(widest, _word_mm(word, size, bold))
        needed.append(widest + CELL_PADDING_MM)
    short = sum(max(0.0, n - p) for n, p in zip(needed, planned, strict=True))
    spare = sum(max(0.0, p - n) for n, p in zip(needed, planned, strict=True))
    if short == 0:
        return planned
    if short > spare:  # even the longest words cannot all fit: share by need
        return [TEXT_WIDTH_MM * n / sum(needed) for n in needed]
    return [
        n if n >= p else p - (p - n) * short / spare for n, p in zip(needed, planned, strict=True)
    ]
