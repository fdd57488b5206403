"""The Word report read back with python-docx: numbered pages, a running header, and table
columns wide enough that no word breaks across lines."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from tests.conftest import SAMPLES

FONTS = Path("/usr/share/fonts/truetype/dejavu")
"""DejaVu Sans: the widest font a word processor commonly falls back to without Calibri."""
CELL_PADDING_MM = 2 * 1.91  # Word's default cell margins
TWIPS_PER_MM = 1440 / 25.4


pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("fixed_date")]  # words measured in a font


def _docx(run_cli, sample: str, target: Path) -> docx.document.Document:
    result = run_cli("report", "--answers", SAMPLES / f"{sample}.yaml", "--format", "docx",
                     "-o", target, "--brand", "Acme Consulting")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return docx.Document(str(target))


def test_every_page_is_numbered_under_a_running_header(run_cli, tmp_path: Path) -> None:
    document = _docx(run_cli, "sales-led", tmp_path / "r.docx")
    section = document.sections[0]
    header = section.header.paragraphs[0].text
    assert header == "Acme Consulting\tNorthwind Software"
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("Framework recommendation for Northwind Software\tPage ")
    codes = [node.text.strip() for node in footer._p.iter() if node.tag.endswith("}instrText")]
    assert codes == ["PAGE", "NUMPAGES"]
    xml = footer._p.xml
    assert xml.index("Page ") < xml.index(" PAGE ") < xml.index(" of ") < xml.index(" NUMPAGES ")
    assert not section.different_first_page_header_footer  # page one is numbered too


def _words(paragraph, fonts) -> list[tuple[str, float]]:  # type: ignore[no-untyped-def]
    """Each word of a paragraph with its printed width in mm (runs may split a word)."""
    words: list[tuple[str, float]] = []
    word, width = "", 0.0
    for run in paragraph.runs:
        size = run.font.size.pt if run.font.size else 10.0
        font = fonts[bool(run.bold)]
        for char in run.text:
            if char.isspace():
                if word:
                    words.append((word, width))
                word, width = "", 0.0
                continue
            word += char
            width += font.getlength(char) / 100 * size * 25.4 / 72
    if word:
        words.append((word, width))
    return words


@pytest.mark.parametrize("sample", ["startup", "sales-led", "manufacturer"])
def test_no_word_is_wider_than_its_column(run_cli, tmp_path: Path, sample: str) -> None:
    image_font = pytest.importorskip("PIL.ImageFont")
    if not (FONTS / "DejaVuSans-Bold.ttf").exists():
        pytest.skip("DejaVu Sans is not installed")
    fonts = {
        False: image_font.truetype(str(FONTS / "DejaVuSans.ttf"), 100),
        True: image_font.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 100),
    }
    document = _docx(run_cli, sample, tmp_path / "r.docx")
    checked = 0
    for table in document.tables:
        grid = [int(col.get(docx.oxml.ns.qn("w:w"))) / TWIPS_PER_MM
                for col in table._tbl.tblGrid.iter(docx.oxml.ns.qn("w:gridCol"))]  # fmt: skip
        assert abs(sum(grid) - 174) < 1  # the text width of A4 with 18 mm margins
        for row in table.rows:
            for column, cell in enumerate(row.cells):
                assert abs(cell.width.mm - grid[column]) < 0.5
                room = grid[column] - CELL_PADDING_MM
                for paragraph in cell.paragraphs:
                    for word, width in _words(paragraph, fonts):
                        assert width <= room, f"{word!r} needs {width:.1f} mm, has {room:.1f}"
                        checked += 1
    assert checked > 500
    comparison = next(t for t in document.tables if t.rows[0].cells[0].text == "Framework")
    assert any(c.text.startswith("Management") for c in comparison.columns[0].cells) or (
        sample == "startup"
    )


def test_a_written_list_of_contents_links_to_every_section(run_cli, tmp_path: Path) -> None:
    from tests.unit.test_report import SECTION_TITLES

    document = _docx(run_cli, "manufacturer", tmp_path / "r.docx")
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == "Contents")
    assert paragraphs[start - 2].style.name == "Title"  # then the date, then the contents
    entries = paragraphs[start + 1 : start + 1 + len(SECTION_TITLES)]
    assert [p.text for p in entries] == SECTION_TITLES
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    anchors = [p._p.find(f"{w}hyperlink").get(f"{w}anchor") for p in entries]
    marks = {
        mark.get(f"{w}name"): p.text
        for p in paragraphs
        if p.style.name == "Heading 1"
        for mark in p._p.iter(f"{w}bookmarkStart")
    }
    assert [marks[a] for a in anchors] == SECTION_TITLES
