"""The two report template sets agree: the Jinja HTML (report.j2 + html.j2) and the Typst PDF
(report.typ) carry the same sections and subsections in the same order, the section titles of
the report data, and the same charts with the same text alternatives."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from framework_advisor.render.report.data import SECTIONS
from tests.conftest import SAMPLES

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("fixed_date")]

PROFILES = {
    "startup": SAMPLES / "startup.yaml",
    "sales-led": SAMPLES / "sales-led.yaml",
    "manufacturer": SAMPLES / "manufacturer.yaml",
    "chinese-client": {
        "organisation": "王芳",
        "headcount": 40,
        "function": "company",
        "needs": ["alignment"],
    },
}


def _both(run_cli, write_answers, tmp_path: Path, profile: str) -> tuple[str, PdfReader]:  # type: ignore[no-untyped-def]
    source = PROFILES[profile]
    answers = source if isinstance(source, Path) else write_answers(source)
    page = run_cli("report", "--answers", answers, "--format", "html")
    assert page.exit_code == 0, page.stderr
    target = tmp_path / "r.pdf"
    result = run_cli("report", "--answers", answers, "--format", "pdf", "-o", target)
    assert result.exit_code == 0, result.stderr
    return page.stdout, PdfReader(io.BytesIO(target.read_bytes()))


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


@pytest.mark.parametrize("profile", list(PROFILES))
def test_html_and_pdf_carry_the_same_sections_in_order(
    run_cli, write_answers, tmp_path: Path, profile: str
) -> None:
    page, reader = _both(run_cli, write_answers, tmp_path, profile)
    headings = _html_headings(page)
    assert [text for level, text in headings if level == 2] == [title for _, title in SECTIONS]
    assert _pdf_headings(reader) == headings  # titles, subsections and levels alike
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    position = 0
    for _, title in headings:
        position = text.index(title, position)


@pytest.mark.parametrize("profile", list(PROFILES))
def test_html_and_pdf_show_the_same_charts_with_the_same_text_alternatives(
    run_cli, write_answers, tmp_path: Path, profile: str
) -> None:
    page, reader = _both(run_cli, write_answers, tmp_path, profile)
    svgs = re.findall(r"<svg\b[^>]*>.*?</svg>", page, re.DOTALL)
    assert len(svgs) == 2
    descriptions = []
    for svg, section in zip(svgs, ("mix", "rollout"), strict=True):
        assert 'role="img"' in svg and "aria-label=" in svg and "<title>" in svg
        descriptions.append(html.unescape(re.search(r"<desc[^>]*>(.*?)</desc>", svg).group(1)))  # type: ignore[union-attr]
        start = page.index(f'<section id="{section}"')
        assert start < page.index(svg) < page.index("</section>", start)
    assert _pdf_figures(reader) == descriptions
    assert descriptions[0].startswith("Each framework's fit from 0 to 100")
    assert descriptions[1].startswith("Phase one's meetings")
