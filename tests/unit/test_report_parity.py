"""Every format draws the same document: Markdown, HTML, PDF (read with pypdf) and Word (read
with python-docx) carry the same headings in the same order, the same tables with the same
column headers, and the same charts with the same text alternatives, for the samples and a
spread of other organisations. The section titles and column headers are the knowledge base's
(`knowledge/report.yaml`): the expected values are read from there, not written here."""

from __future__ import annotations

import html
import io
import re
from functools import cache
from itertools import pairwise
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from tests.conftest import SAMPLES

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("fixed_date")]

PROFILES: dict[str, Path | dict[str, object]] = {
    "startup": SAMPLES / "startup.yaml",
    "sales-led": SAMPLES / "sales-led.yaml",
    "manufacturer": SAMPLES / "manufacturer.yaml",
    "chinese-client": {
        "organisation": "王芳",
        "headcount": 40,
        "function": "company",
        "needs": ["alignment"],
    },
    "markup-in-the-name": {
        "organisation": "Acme <b>*Ltd*</b> | `x` # $y$",
        "headcount": 40,
        "function": "company",
        "needs": ["alignment"],
    },
    "hr-team": {
        "organisation": "People Team",
        "headcount": 800,
        "function": "hr",
        "team_size": 12,
        "needs": ["individual_performance", "role_clarity"],
        "compensation_linked": True,
        "maturity": "kpis_only",
        "industry": "healthcare",
    },
    "public-sector": {
        "organisation": "City Council",
        "headcount": 2500,
        "function": "company",
        "industry": "public_sector",
        "needs": ["strategy_translation", "operational_health"],
        "planning_horizon": "multi_year",
        "leadership_time": "high",
    },
    "agency-restructuring": {
        "organisation": "Pixel Agency",
        "headcount": 60,
        "function": "company",
        "industry": "agency",
        "needs": ["role_clarity", "smb_operations"],
        "current_frameworks": ["eos"],
        "change_under_way": "restructuring",
    },
}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class Formats:
    def __init__(self, markdown: str, page: str, pdf: PdfReader, word: docx.document.Document):
        self.markdown, self.page, self.pdf, self.word = markdown, page, pdf, word


@pytest.fixture
def formats(run_cli, write_answers, tmp_path_factory):  # type: ignore[no-untyped-def]
    """The report of a profile in every format, made once per profile."""

    @cache
    def make(profile: str) -> Formats:
        source = PROFILES[profile]
        answers = source if isinstance(source, Path) else write_answers(source)
        folder = tmp_path_factory.mktemp(profile)
        texts = {}
        for fmt in ("md", "html", "pdf", "docx"):
            target = folder / f"r.{fmt}"
            result = run_cli("report", "--answers", answers, "--format", fmt, "-o", target)
            assert result.exit_code == 0, result.stderr
            texts[fmt] = target
        return Formats(
            texts["md"].read_text(encoding="utf-8"),
            texts["html"].read_text(encoding="utf-8"),
            PdfReader(io.BytesIO(texts["pdf"].read_bytes())),
            docx.Document(str(texts["docx"])),
        )

    return make


# Reading each format back -------------------------------------------------------------------


def _unescape_markdown(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _markdown_headings(text: str) -> list[tuple[int, str]]:
    return [
        (len(hashes), _unescape_markdown(title))
        for hashes, title in re.findall(r"^(#{1,3}) (.+)$", text, re.MULTILINE)
    ]


def _html_headings(page: str) -> list[tuple[int, str]]:
    return [
        (int(level), html.unescape(re.sub(r"<[^>]+>", "", text)))
        for level, text in re.findall(r"<h([123])>(.*?)</h\1>", page, re.DOTALL)
    ]


def _pdf_headings(reader: PdfReader) -> list[tuple[int, str]]:
    """The PDF's outline (Typst makes one bookmark per heading), as (level, title)."""

    def flat(items, level: int):  # type: ignore[no-untyped-def]
        for item in items:
            if isinstance(item, list):
                yield from flat(item, level + 1)
            else:
                yield level, item.title

    return list(flat(reader.outline, 1))


def _word_headings(document: docx.document.Document) -> list[tuple[int, str]]:
    levels = {"Title": 1, "Heading 1": 2, "Heading 2": 3}
    return [(levels[p.style.name], p.text) for p in document.paragraphs if p.style.name in levels]


def _markdown_tables(text: str) -> list[list[str]]:
    lines = text.splitlines()
    return [
        [_unescape_markdown(cell.strip()) for cell in line.strip("|").split(" |")]
        for line, below in pairwise(lines)
        if line.startswith("| ") and re.fullmatch(r"\|( -{3}:? \|)+", below)
    ]


def _html_tables(page: str) -> list[list[str]]:
    return [
        [html.unescape(cell) for cell in re.findall(r"<th[^>]*>(.*?)</th>", head)]
        for head in re.findall(r"<thead>(.*?)</thead>", page)
    ]


def _word_tables(document: docx.document.Document) -> list[list[str]]:
    return [[cell.text for cell in table.rows[0].cells] for table in document.tables]


def _pdf_text(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _pdf_figures(reader: PdfReader) -> list[str]:
    """The alt text of every figure in the PDF's structure tree, in document order."""
    found: list[str] = []

    def walk(node) -> None:  # type: ignore[no-untyped-def]
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            if node.get("/S") == "/Figure" and "/Alt" in node:
                found.append(str(node["/Alt"]))
            if "/K" in node:
                walk(node["/K"])
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def _html_charts(page: str) -> list[str]:
    return [
        html.unescape(description)
        for description in re.findall(r"<svg\b.*?<desc[^>]*>(.*?)</desc>.*?</svg>", page, re.DOTALL)
    ]


def _word_charts(document: docx.document.Document) -> list[str]:
    return [shape._inline.docPr.get("descr") for shape in document.inline_shapes]


def _word_page_starts(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.paragraphs if p.paragraph_format.page_break_before]


def _drawn(kb):  # type: ignore[no-untyped-def]
    """The layout's sections a report without the team's goals draws: all but the goals
    appendix (`report --goals`, tests/unit/test_report_goals.py)."""
    from framework_advisor.render.report.document import OPTIONAL

    return [s for s in kb.report.sections if s.filled_by not in OPTIONAL]


# The tests ----------------------------------------------------------------------------------


@pytest.mark.parametrize("profile", list(PROFILES))
def test_every_format_carries_the_same_headings_in_order(formats, kb, profile: str) -> None:  # type: ignore[no-untyped-def]
    made = formats(profile)
    headings = _html_headings(made.page)
    assert [text for level, text in headings if level == 2] == [
        section.title for section in _drawn(kb)
    ]
    assert _markdown_headings(made.markdown) == headings
    assert _pdf_headings(made.pdf) == headings  # titles, subsections and levels alike
    assert _word_headings(made.word) == headings
    text, position = _pdf_text(made.pdf), 0
    for _, title in headings:
        position = text.index(" ".join(title.split()), position)


@pytest.mark.parametrize("profile", list(PROFILES))
def test_every_format_carries_the_same_tables_with_the_same_columns(
    formats, kb, profile: str
) -> None:  # type: ignore[no-untyped-def]
    made = formats(profile)
    tables = _html_tables(made.page)
    known = {tuple(c.header for c in table.columns) for table in kb.report.tables.values()}
    assert tables and {tuple(columns) for columns in tables} <= known
    assert _markdown_tables(made.markdown) == tables
    assert _word_tables(made.word) == tables
    text, position = _pdf_text(made.pdf), 0
    for columns in tables:  # each header row, in order (a long table repeats it)
        position = text.index(" ".join(columns), position)


@pytest.mark.parametrize("profile", list(PROFILES))
def test_html_pdf_and_word_show_the_same_charts_with_the_same_text_alternatives(
    formats, profile: str
) -> None:  # type: ignore[no-untyped-def]
    made = formats(profile)
    descriptions = _html_charts(made.page)
    assert len(descriptions) == 2
    assert descriptions[0].startswith("Each framework's fit from 0 to 100")
    assert descriptions[1].startswith("Phase one's meetings")
    svgs = re.findall(r"<svg\b[^>]*>.*?</svg>", made.page, re.DOTALL)
    for svg, section in zip(svgs, ("mix", "rollout"), strict=True):
        assert 'role="img"' in svg and "aria-label=" in svg and "<title>" in svg
        start = made.page.index(f'<section id="{section}"')
        assert start < made.page.index(svg) < made.page.index("</section>", start)
    assert _pdf_figures(made.pdf) == descriptions
    assert _word_charts(made.word) == descriptions
    assert "<svg" not in made.markdown  # Markdown leaves charts out: the tables say the same


@pytest.mark.parametrize("profile", ["startup", "manufacturer"])
def test_word_and_pdf_start_the_same_sections_on_pages_of_their_own(
    formats, kb, profile: str
) -> None:  # type: ignore[no-untyped-def]
    made = formats(profile)
    own_page = [s.title for s in _drawn(kb) if s.new_page]
    assert own_page[-3:] == [
        "Appendix A: Full ranking",
        "Appendix B: Glossary",
        "Appendix C: Your answers",
    ]  # as the README says: the appendices start on pages of their own
    assert _word_page_starts(made.word) == own_page
    outline = _pdf_heading_pages(made.pdf)
    for title in own_page:
        index = next(i for i, (text, _) in enumerate(outline) if text == title)
        assert outline[index - 1][1] < outline[index][1], (
            title
        )  # the heading before it: a page before


def _pdf_heading_pages(reader: PdfReader) -> list[tuple[str, int]]:
    """Each heading of the outline, in order, with the page it is on."""

    def flat(items):  # type: ignore[no-untyped-def]
        for item in items:
            if isinstance(item, list):
                yield from flat(item)
            else:
                yield item.title, reader.get_destination_page_number(item)

    return list(flat(reader.outline))
