"""The workshop summary and the handout are one document in every format: text, Markdown, HTML,
PDF (read with pypdf) and Word (read with python-docx) carry the same headings in the same
order, the same list items, the same (no) tables, and HTML, PDF and Word the same charts. The
headings are the workshop's words (`workshop.*` in `knowledge/text/en.yaml`), read from the
knowledge base."""

from __future__ import annotations

import html
import io
import json
import re
from itertools import pairwise
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.render.workshop.outline import workshop_say
from tests.unit.test_report_parity import (
    _html_charts,
    _html_headings,
    _html_tables,
    _markdown_headings,
    _markdown_tables,
    _pdf_figures,
    _pdf_headings,
    _unescape_markdown,
    _word_charts,
    _word_headings,
    _word_tables,
)
from tests.unit.test_workshop_summary_words import round_two

__all__ = ["round_two"]  # the fixture: three people, round 2

pytestmark = pytest.mark.slow  # lays out PDFs and Word files

KINDS = {
    "summary-named": ["--brand", "Northbeam Advisory"],
    "summary-anonymous": ["--anonymous"],
    "handout": ["--handout"],
}


class Drawn:
    def __init__(self, text: str, markdown: str, page: str, pdf: PdfReader, word: object):
        self.text, self.markdown, self.page, self.pdf = text, markdown, page, pdf
        self.word: docx.document.Document = word  # type: ignore[assignment]


def _drawn(run_cli, folder: Path, args: list[str], tmp: Path) -> Drawn:  # type: ignore[no-untyped-def]
    def out(fmt: str) -> str:
        result = run_cli("workshop", "summary", folder, "-f", fmt, *args)
        assert result.exit_code == 0, result.stderr
        return str(result.stdout)

    binary = {}
    for fmt in ("pdf", "docx"):
        target = tmp / f"drawn.{fmt}"
        result = run_cli("workshop", "summary", folder, "-o", target, "--force", *args)
        assert result.exit_code == 0, result.stderr
        binary[fmt] = target.read_bytes()
    return Drawn(
        out("text"),
        out("md"),
        out("html"),
        PdfReader(io.BytesIO(binary["pdf"])),
        docx.Document(io.BytesIO(binary["docx"])),
    )


def _text_headings(text: str) -> list[tuple[int, str]]:
    """The first line (the title), then each line after a blank one (a section)."""
    lines = text.splitlines()
    return [(1, lines[0])] + [(2, line) for before, line in pairwise(lines) if not before and line]


def _text_items(text: str) -> list[str]:
    return [line[2:] for line in text.splitlines() if re.match(r"  \S", line)]


def _markdown_items(text: str) -> list[str]:
    return [_unescape_markdown(line[2:]) for line in text.splitlines() if line.startswith("- ")]


def _html_items(page: str) -> list[str]:
    """Each top-level list item's own text (its details, one level down, left out)."""
    items = []
    for body in re.findall(r"<ul>(.*?)</ul>\n", page, re.DOTALL):
        for item in re.findall(r"^<li>(.*?)(?:<ul>.*)?</li>$", body, re.MULTILINE):
            items.append(html.unescape(re.sub(r"<[^>]+>", "", item)))
    return items


def _word_items(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == "List Bullet"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_format_of_the_summary_says_the_same(
    run_cli, kb: KnowledgeBase, round_two: Path, tmp_path: Path, kind: str
) -> None:
    drawn = _drawn(run_cli, round_two, KINDS[kind], tmp_path)

    def words(word: str, **params: object) -> str:
        return workshop_say(kb.text, word, **params)

    expected = [(1, "Workshop: Acme leadership"), (2, words("agenda.heading", minutes=60))]
    if kind != "handout":
        shown = json.loads(run_cli("workshop", "summary", round_two, "-f", "json").stdout)
        [title] = [s.title for s in kb.report.sections if s.filled_by == "examples"]
        examples = [(2, title)]
        examples += [(3, group["title"]) for group in shown["examples"]["roles"]]
        assert len(examples) > 1, "the group plan's examples, as the report shows them"
        expected[1:1] = [(2, words("plan.heading")), *examples]
        expected += [(2, words(key)) for key in ("settle.heading", "rounds.heading",
                                                 "people.heading", "measured.heading")]  # fmt: skip
    assert [title for _, title in _text_headings(drawn.text)] == [title for _, title in expected]
    assert _markdown_headings(drawn.markdown) == expected
    assert _html_headings(drawn.page) == expected
    assert _pdf_headings(drawn.pdf) == expected
    assert _word_headings(drawn.word) == expected

    items = _text_items(drawn.text)
    assert items and any(item.startswith("6 min") for item in items)
    # Markdown collapses the text's two spaces after the minutes, as every format but text does
    same = [" ".join(item.split()) for item in items]
    assert _markdown_items(drawn.markdown) == same
    assert [" ".join(i.split()) for i in _html_items(drawn.page)] == same
    assert [" ".join(i.split()) for i in _word_items(drawn.word)] == same

    assert _markdown_tables(drawn.markdown) == _html_tables(drawn.page) == []
    assert _word_tables(drawn.word) == []
    charts = _html_charts(drawn.page)
    assert len(charts) == (0 if kind == "handout" else 3)
    assert _word_charts(drawn.word) == charts
    assert _pdf_figures(drawn.pdf) == charts
