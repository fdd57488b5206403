"""The report as a Word document (python-docx): real headings, bullet lists and tables, so the
reader can restyle it, navigate it and reuse its parts. Same content and order as the other
formats (``data.SECTIONS``), after a written list of contents that links to each section. A
running header names the consultant and the client, the footer numbers the pages ("Page n of m",
Word fields), and every table column is at least as wide as its longest word, so no word is
ever broken across lines ("Managemen t")."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from framework_advisor.render.report import report_renderer
from framework_advisor.render.report.data import (
    FIRST_APPENDIX,
    SECTION_TITLES,
    ReportData,
)
from framework_advisor.safe_text import PROPERTY_LIMIT, cut, xml_safe

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Mm(210), Mm(297), Mm(18)
TEXT_WIDTH_MM = 210 - 2 * 18
TABLE_STYLE = "Light List Accent 1"
ACCENT = RGBColor(0x2F, 0x5F, 0xB3)
TRACK = RGBColor(0xD9, 0xDE, 0xE6)
MUTED = RGBColor(0x5B, 0x64, 0x72)
BAR_CELLS = 10
CELL_PADDING_MM = 2 * 1.91 + 0.8
"""Word's default cell margins (0.08 inch each side), plus a little room for rounding."""
PT_MM = 25.4 / 72

TableColumn = tuple[str, str, int]
"""(heading, kind, width in percent of the text width); kind: text, strong, number, fit, list."""


def render_data(data: ReportData) -> bytes:
    writer = _Writer(xml_safe(data))  # "Acme\vLtd" (Word's Shift+Enter) reads "Acme Ltd"
    writer.write()
    stream = io.BytesIO()
    writer.doc.save(stream)
    return stream.getvalue()


class _Writer:
    def __init__(self, data: ReportData) -> None:
        self.data = data
        self.doc = Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, MARGIN)
        normal = self.doc.styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(10)
        normal.paragraph_format.space_after = Pt(4)
        _running_header_and_footer(section, data)
        core = self.doc.core_properties
        core.title = cut(data.title, PROPERTY_LIMIT)
        core.author = cut(data.provenance.brand or "Framework Advisor", PROPERTY_LIMIT)
        core.comments = f"Framework Advisor {data.provenance.tool_version}"

    # building blocks -------------------------------------------------------------------------

    def heading(self, text: str, level: int) -> None:
        paragraph = self.doc.add_heading(text, level)
        paragraph.paragraph_format.keep_with_next = True  # never the last line of a page

    def paragraph(
        self, text: str, *, lead: str = "", muted: bool = False, keep: bool = False
    ) -> Paragraph:
        paragraph = self.doc.add_paragraph()
        if lead:
            paragraph.add_run(lead + " ").bold = True
        run = paragraph.add_run(text)
        if muted:
            run.italic = True
            run.font.color.rgb = MUTED
        paragraph.paragraph_format.keep_with_next = keep
        return paragraph

    def bullets(self, items: list[str], *, leads: list[str] | None = None) -> None:
        for position, item in enumerate(items):
            paragraph = self.doc.add_paragraph(style="List Bullet")
            if leads:
                paragraph.add_run(f"{leads[position]}: ").bold = True
            paragraph.add_run(item)

    def table(
        self,
        columns: list[TableColumn],
        rows: list[list[Any]],
        *,
        bold_rows: set[int] | None = None,
        size: float = 9,
    ) -> None:
        table = self.doc.add_table(rows=1, cols=len(columns))
        table.style = self.doc.styles[TABLE_STYLE]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        widths = [Mm(mm) for mm in _column_widths(columns, rows, size, bold_rows or set())]
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width  # the grid: what LibreOffice and Google Docs lay out by
        header = table.rows[0]
        _repeat_as_header(header)
        for cell, (head, kind, _), width in zip(header.cells, columns, widths, strict=True):
            cell.width = width  # the cells: what Word lays out by
            _fill(cell, head, kind="strong", size=size, align_right=kind == "number")
        for position, values in enumerate(rows):
            row = table.add_row()
            _keep_row_together(row)
            strong = bool(bold_rows and position in bold_rows)
            for cell, (_, kind, _), width, value in zip(
                row.cells, columns, widths, values, strict=True
            ):
                cell.width = width
                _fill(cell, value, kind=kind, size=size, strong=strong and kind == "text")

    # the report ------------------------------------------------------------------------------

    def write(self) -> None:
        data = self.data
        if data.provenance.brand:
            brand = self.paragraph(data.provenance.brand, muted=True)
            brand.runs[0].italic = False
        self.doc.add_heading(data.title, 0)
        self.paragraph(data.provenance.date_text, muted=True)
        for paragraph in (p for p in data.note.split("\n\n") if p.strip()):
            self.paragraph(" ".join(paragraph.split()))
        self._contents()
        for number, (key, title) in enumerate(SECTION_TITLES.items(), start=1):
            if key == FIRST_APPENDIX:
                self.doc.add_page_break()  # the appendices start on a page of their own
            self.heading(title, 1)
            _bookmark(self.doc.paragraphs[-1], f"section_{key}", number)
            getattr(self, f"_{key}")()

    def _contents(self) -> None:
        """A written list of contents, each entry a link to its section: a TOC field would stay
        empty until the reader asks Word to update it."""
        self.paragraph("Contents", keep=True).runs[0].bold = True
        for key, title in SECTION_TITLES.items():
            paragraph = self.doc.add_paragraph(style="List Bullet")
            paragraph.paragraph_format.space_after = Pt(0)
            _internal_link(paragraph, f"section_{key}", title)

    def _overview(self) -> None:
        o = self.data.overview
        if o.summary:
            self.paragraph(o.summary)
        if o.phases:
            self.table(
                [("When", "strong", 14), ("Framework", "text", 32),
                 ("The job it does here", "text", 54)],
                [[row.phase, row.name, row.job] for row in o.phases],
            )  # fmt: skip
        if o.meetings:
            self.paragraph(o.meetings)
        if o.first_weeks:
            self.heading("The first two weeks", 2)
            self.table(
                [("Week", "number", 8), ("Framework", "strong", 14), ("Action", "text", 78)],
                [[s.week, s.label, s.step] for s in o.first_weeks],
            )

    def _mix(self) -> None:
        data = self.data
        if data.mix:
            if data.mix_choice:
                self.paragraph(data.mix_choice, keep=True)
            self.table(
                [("Layer", "strong", 17), ("Framework", "text", 22), ("Fit", "fit", 19),
                 ("Why", "text", 42)],
                [[row.layer_label, row.name, row.fit, row.why] for row in data.mix],
            )  # fmt: skip
        else:
            self.paragraph(
                "No framework fits well enough to recommend; the ranking in Appendix A shows "
                "the closest."
            )
        if data.later:
            self.heading("Later phases", 2)
            self.bullets([p.text for p in data.later], leads=[p.title for p in data.later])
        if data.retire:
            self.heading("Retire", 2)
            self.bullets([r.why for r in data.retire], leads=[r.name for r in data.retire])
        if data.cautions:
            self.heading("Cautions", 2)
            self.bullets([c.text for c in data.cautions])

    def _ranking(self) -> None:
        data = self.data
        self.paragraph(
            "Every framework's fit from 0 to 100: its starting fit plus the points your answers "
            "added or took away. The recommended mix is in bold.",
            keep=True,
        )
        self.table(
            [("#", "number", 6), ("Framework", "text", 27), ("Fit", "fit", 21),
             ("Main reasons (points, because you said)", "list", 46)],
            [[row.rank, row.name, row.fit, row.summary] for row in data.ranking],
            bold_rows={i for i, row in enumerate(data.ranking) if row.in_mix},
        )  # fmt: skip
        for row in data.fits_explained:
            self.heading(f"{row.name}: fit {row.fit}", 2)
            self.table(
                [
                    ("Points", "number", 10),
                    ("Reason", "text", 58),
                    ("Because you said", "text", 32),
                ],
                [[f"{r.effect:+d}", r.text, r.because] for r in row.reasons],
            )

    def _comparison(self) -> None:
        self.table(
            [("Framework", "strong", 14), ("Purpose", "text", 16), ("Best for", "text", 15),
             ("Structure", "text", 13), ("Pros", "list", 21), ("Cons", "list", 21)],
            [
                [row.name, row.purpose, row.best_for, row.structure, row.pros, row.cons]
                for row in self.data.comparison
            ],
            size=8,
        )  # fmt: skip

    def _pitfalls(self) -> None:
        for group in self.data.pitfalls:
            self.heading(group.name, 2)
            self.table(
                [("Pitfall", "text", 45), ("How to avoid it", "text", 55)],
                [[p.pitfall, p.avoid] for p in group.pitfalls],
            )

    def _rollout(self) -> None:
        rollout = self.data.rollout
        if rollout.intro:
            self.paragraph(rollout.intro, keep=True)
        for phase in rollout.phases:
            self.heading(phase.title, 2)
            if phase.note:
                self.paragraph(phase.note, keep=True)
            self.table(
                [("Week", "number", 8), ("Framework", "strong", 16), ("Step", "text", 76)],
                [[s.week, s.label, s.step] for s in phase.steps],
            )
        if not rollout.cadence:
            return
        self.heading("Meeting cadence", 2)
        if rollout.summary:
            self.paragraph(rollout.summary, keep=True)
        self.table(
            [("Meeting", "text", 34), ("How often", "text", 13), ("Minutes each", "number", 12),
             ("Minutes a month", "number", 13), ("Serves", "text", 28)],
            [
                [r.ritual, r.frequency, r.minutes_per_meeting, r.minutes_per_month, r.serves]
                for r in rollout.cadence
            ],
        )  # fmt: skip

    def _examples(self) -> None:
        examples = self.data.examples
        if examples.areas:
            self.paragraph(", ".join(examples.areas), lead="Examples for:", keep=True)
        if examples.note:
            self.paragraph(examples.note, muted=True, keep=True)
        if examples.okrs:
            self.heading(examples.okr_title, 2)
            for okr in examples.okrs:
                self.paragraph(f"({okr.type})", lead=okr.objective, keep=True)
                self.bullets(list(okr.key_results))
        if examples.kpis:
            self.heading("KPIs", 2)
            self.table(
                [("KPI", "strong", 20), ("Definition", "text", 40), ("Type", "text", 14),
                 ("Target", "text", 14), ("Review", "text", 12)],
                [
                    [k.name, k.definition, f"{k.indicator}, {k.level}", k.target, k.frequency]
                    for k in examples.kpis
                ],
                size=8.5,
            )  # fmt: skip
        for group in examples.roles:
            self.heading(group.title, 2)
            if group.note:
                self.paragraph(group.note, muted=True, keep=True)
            for item in group.items:
                self.paragraph("", lead=item.lead, keep=True)
                self.bullets(list(item.lines))

    def _changes(self) -> None:
        changes = self.data.changes
        if changes.unanswered:
            self.heading("Unanswered questions", 2)
            self.paragraph("Answering these could change the recommendation:", keep=True)
            self.bullets([q.prompt for q in changes.unanswered])
        else:
            self.paragraph("Every question that could change the recommendation is answered.")
        if changes.sensitivity:
            self.heading("Answers that would reorder the ranking", 2)
            self.table(
                [("If this answer changed", "text", 50), ("What would move", "text", 50)],
                [[row.answer, row.effect] for row in changes.sensitivity],
            )

    def _glossary(self) -> None:
        self.paragraph("The terms this report uses.", keep=True)
        self.table(
            [("Term", "strong", 24), ("Definition", "text", 76)],
            [[t.term, t.definition] for t in self.data.glossary],
            size=8.5,
        )

    def _answers(self) -> None:
        data = self.data
        self.table(
            [("Question", "text", 40), ("Answer", "text", 60)],
            [
                [row.label, row.answer + (f", {row.note}" if row.note else "")]
                for row in data.profile
            ],
        )
        self.paragraph(data.provenance.line, muted=True)


def _fill(
    cell: Any,
    value: Any,
    *,
    kind: str,
    size: float,
    strong: bool = False,
    align_right: bool = False,
) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    if kind == "fit":
        _fit_bar(paragraph, int(value), size)
        return
    if kind == "list":
        for position, item in enumerate(value):
            target = paragraph if position == 0 else cell.add_paragraph()
            target.paragraph_format.space_after = Pt(2)
            target.add_run(f"• {item}").font.size = Pt(size)
        return
    run = paragraph.add_run(str(value))
    run.font.size = Pt(size)
    run.bold = strong or kind == "strong"
    if kind == "number" or align_right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _fit_bar(paragraph: Any, fit: int, size: float) -> None:
    """The fit as a text bar of 10 cells (10 points each), then the number. One glyph (the full
    block, in every common font) in two colours: the fill and the track."""
    filled = round(max(0, min(100, fit)) / (100 / BAR_CELLS))
    for glyphs, colour in (("█" * filled, ACCENT), ("█" * (BAR_CELLS - filled), TRACK)):
        if glyphs:
            run = paragraph.add_run(glyphs)
            run.font.color.rgb = colour
            run.font.size = Pt(size * 0.8)
    paragraph.add_run(f" {fit}").font.size = Pt(size)


def _repeat_as_header(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def _keep_row_together(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    properties.append(element)


def _running_header_and_footer(section: Any, data: ReportData) -> None:
    """The consultant and the client on every page; the title and "Page n of m" below."""
    header = section.header.paragraphs[0]
    left = data.provenance.brand
    right = data.organisation
    header.add_run(left + ("\t" if right else "")).font.size = Pt(8)
    if right:
        header.add_run(right).font.size = Pt(8)
    for run in header.runs:
        run.font.color.rgb = MUTED
    footer = section.footer.paragraphs[0]
    footer.add_run(data.title + "\t")
    footer.add_run("Page ")
    _field(footer, "PAGE", "1")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES", "1")
    for run in footer.runs:
        run.font.size = Pt(8)
        run.font.color.rgb = MUTED
    for paragraph in (header, footer):  # one right tab at the text's edge, not the style's two
        stops = paragraph.paragraph_format.tab_stops
        for position in (Inches(3.25), Inches(6.5)):
            stops.add_tab_stop(position, WD_TAB_ALIGNMENT.CLEAR)
        stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)


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


def _cell_words(kind: str, value: Any) -> list[str]:
    if kind == "fit":
        return ["█" * BAR_CELLS, str(value)]
    if kind == "list":
        return [word for item in value for word in f"• {item}".split()]
    return str(value).split()


def _column_widths(
    columns: list[TableColumn], rows: list[list[Any]], size: float, bold_rows: set[int]
) -> list[float]:
    """Each column's width in mm: its share of the text width, widened where needed so that
    its longest word fits on one line, the room taken from columns that have some to spare."""
    planned = [TEXT_WIDTH_MM * width / 100 for _, _, width in columns]
    needed = []
    for index, (head, kind, _) in enumerate(columns):
        widest = max((_word_mm(word, size, True) for word in head.split()), default=0.0)
        for position, values in enumerate(rows):
            bold = kind == "strong" or (kind == "text" and position in bold_rows)
            for word in _cell_words(kind, values[index]):
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


def _bookmark(paragraph: Any, name: str, number: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def _internal_link(paragraph: Any, anchor: str, text: str) -> None:
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), anchor)
    run = paragraph.add_run(text)
    run.font.color.rgb = ACCENT
    link.append(run._r)  # moves the run inside the link
    paragraph._p.append(link)


docx = report_renderer(lambda data, _rec, **_: render_data(data))
