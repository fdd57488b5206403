"""The PDF report (Typst): read back with pypdf, the way a reader or a search would see it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import SAMPLES
from tests.unit.test_report import SECTION_TITLES

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("fixed_date")]

A4 = (595, 842)
HOSTILE_NAMES = [
    "#set page(width: 1cm)",
    "$x$ and *bold* _it_ @ref <lbl> \\ ] } // not a comment",
    '<script>alert(1)</script> #text(size: 40pt)[big] #"quoted" `raw`',
]
BASE = {
    "headcount": 120,
    "function": "product",
    "industry": "saas",
    "needs": ["product_focus", "alignment"],
    "compensation_linked": False,
    "current_frameworks": ["kpi"],
}


def _pdf(run_cli, answers: Path, target: Path, *extra: str) -> PdfReader:
    result = run_cli("report", "--answers", answers, "--format", "pdf", "-o", target, *extra)
    assert result.exit_code == 0, result.stderr
    return PdfReader(io.BytesIO(target.read_bytes()))


def _pages(reader: PdfReader) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def _sizes(reader: PdfReader) -> set[tuple[int, int]]:
    return {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}


@pytest.mark.parametrize("sample", ["startup", "sales-led", "manufacturer"])
def test_every_sample_prints_on_numbered_a4_pages_with_every_section_in_order(
    run_cli, tmp_path: Path, sample: str
) -> None:
    reader = _pdf(run_cli, SAMPLES / f"{sample}.yaml", tmp_path / "r.pdf", "--brand", "Acme")
    pages = _pages(reader)
    assert len(pages) > 1
    assert _sizes(reader) == {A4}
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert text.startswith("Acme")  # the running header names the consultant
    text = " ".join(pages)
    assert text.index("Framework recommendation for") < text.index(SECTION_TITLES[0])
    position = 0
    for title in SECTION_TITLES:
        position = text.index(title, position)
    assert "Framework Advisor core knowledge base" in text


def test_the_organisation_heads_every_page(run_cli, write_answers, tmp_path: Path) -> None:
    answers = write_answers({**BASE, "organisation": "Brightloop & Co"})
    pages = _pages(_pdf(run_cli, answers, tmp_path / "r.pdf", "--brand", "Acme Consulting"))
    assert pages[0].count("Framework recommendation for Brightloop & Co") >= 1
    assert all("Brightloop & Co" in page and "Acme Consulting" in page for page in pages)


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_hostile_organisation_prints_as_literal_text_and_changes_nothing_else(
    run_cli, write_answers, tmp_path: Path, name: str
) -> None:
    plain = _pdf(run_cli, write_answers({**BASE, "organisation": "Plain"}, "a.yaml"),
                 tmp_path / "plain.pdf", "--brand", "Plain")  # fmt: skip
    hostile = _pdf(run_cli, write_answers({**BASE, "organisation": name}, "b.yaml"),
                   tmp_path / "hostile.pdf", "--brand", name)  # fmt: skip
    assert _sizes(hostile) == {A4}  # `#set page(...)` set nothing
    pages = _pages(hostile)
    assert f"Framework recommendation for {name}" in pages[0]
    for title in SECTION_TITLES:
        assert title in " ".join(pages)
    # The page furniture holds the name literally, and beyond the name the words are the same
    # as the plain report's (up to the answers file, where YAML quotes the name as it needs; as
    # sets, since a longer name moves page breaks and so where table headers repeat).
    assert set(_body(hostile, name)) == set(_body(plain, "Plain"))
    assert abs(len(hostile.pages) - len(plain.pages)) <= 1


def _body(reader: PdfReader, name: str) -> list[str]:
    """The words of a report without its running header and footer, and without the name."""
    pages = _pages(reader)
    words: list[str] = []
    for number, text in enumerate(pages, start=1):
        header = f"{name} {name} "
        footer = f" Framework recommendation for {name} Page {number} of {len(pages)}"
        assert text.startswith(header) and text.endswith(footer), text[:80]
        words += text[len(header) : -len(footer)].replace(name, "").split()
    body = " ".join(words)
    return body[: body.index(SECTION_TITLES[-1])].split()


def test_the_same_answers_and_date_give_the_same_file(run_cli, tmp_path: Path) -> None:
    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    _pdf(run_cli, SAMPLES / "startup.yaml", first)
    _pdf(run_cli, SAMPLES / "startup.yaml", second)
    assert first.read_bytes() == second.read_bytes()


def test_html_and_pdf_carry_the_same_sections_in_the_same_order(run_cli, tmp_path: Path) -> None:
    import html
    import re

    answers = SAMPLES / "sales-led.yaml"
    page = run_cli("report", "--answers", answers, "--format", "html").stdout
    headings = [html.unescape(h) for h in re.findall(r"<h2>(.*?)</h2>", page)]
    subheadings = [html.unescape(h) for h in re.findall(r"<h3>(.*?)</h3>", page)]
    assert headings == SECTION_TITLES
    text = " ".join(_pages(_pdf(run_cli, answers, tmp_path / "r.pdf")))
    position = 0
    for heading in headings:
        position = text.index(heading, position)
    for heading in subheadings:  # every subsection too (pitfalls per framework, months, ...)
        assert heading in text
