"""A pack's brand (`brand: {name, colours: {primary, accent}}` in pack.yaml): validated with the
file and line of each problem, and drawn by both report templates, HTML (CSS) and PDF (Typst)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from framework_advisor.kb.brand import contrast_with_white
from tests.conftest import SAMPLES, build_tree

from .hostile import assert_one_error, run

PACK = 'name: acme\nversion: "1.0"\nschema_version: 2\n'
BRAND = 'brand:\n  name: Acme Consulting\n  colours: {primary: "#7a1f5c", accent: "#0B7A75"}\n'
PRIMARY, ACCENT = "#7a1f5c", "#0b7a75"


pytestmark = pytest.mark.usefixtures("fixed_date")


def _pack(root: Path, text: str, name: str = "pack") -> Path:
    return build_tree(root / name, {"pack.yaml": PACK + text})


def _pdf_colours(document: bytes) -> set[str]:
    """The fill and stroke colours the PDF's pages paint with, as #rrggbb."""
    found = set()
    for page in PdfReader(io.BytesIO(document)).pages:
        stream = page.get_contents().get_data().decode("latin-1")
        for r, g, b in re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) (?:scn?|SCN?|rg|RG)\b", stream):
            found.add("#" + "".join(f"{round(float(v) * 255):02x}" for v in (r, g, b)))
    return found


@pytest.mark.slow
def test_the_brand_reaches_the_html_and_the_pdf(tmp_path: Path) -> None:
    pack = _pack(tmp_path, BRAND)
    answers = SAMPLES / "startup.yaml"
    html, _ = run("--kb", pack, "report", "--answers", answers, "--format", "html")
    assert html.exit_code == 0, html.stderr
    page = html.stdout
    assert f"--primary: {PRIMARY}; --accent: {ACCENT};" in page
    assert '<p class="brand">Acme Consulting</p>' in page
    assert "Prepared by Acme Consulting with Framework Advisor" in page
    assert "color: var(--primary" in page and "solid var(--accent" in page  # the CSS uses them
    target = tmp_path / "r.pdf"
    result, _ = run("--kb", pack, "report", "--answers", answers, "--format", "pdf", "-o", target)
    assert result.exit_code == 0, result.stderr
    document = target.read_bytes()
    assert {PRIMARY, ACCENT} <= _pdf_colours(document)
    reader = PdfReader(io.BytesIO(document))
    assert all(p.extract_text().startswith("Acme Consulting") for p in reader.pages)


@pytest.mark.slow
def test_the_brand_reaches_word_as_it_reaches_the_pdf(tmp_path: Path) -> None:
    """Word takes the PDF's colours from the same look: headings in the primary colour, their
    rule, the fit bars and the contents' links in the accent."""
    import docx

    pack = _pack(tmp_path, BRAND)
    target = tmp_path / "r.docx"
    result, _ = run("--kb", pack, "report", "--answers", SAMPLES / "startup.yaml",
                    "--format", "docx", "-o", target)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    document = docx.Document(str(target))
    section_style = document.styles["Heading 1"]
    assert str(section_style.font.color.rgb).lower() == PRIMARY[1:]
    assert f'w:color="{ACCENT[1:]}"' in section_style.element.xml.lower()  # the heading's rule
    body = document.element.body.xml.lower()
    assert body.count(f'w:val="{ACCENT[1:]}"') > 10  # fit bars and links
    assert "2f5fb3" not in body and "1f3f78" not in body  # none of the report's own colours
    assert document.sections[0].header.paragraphs[0].text.startswith("Acme Consulting")


@pytest.mark.slow
def test_without_a_brand_the_report_keeps_its_own_colours(tmp_path: Path) -> None:
    target = tmp_path / "r.pdf"
    result, _ = run(
        "report", "--answers", SAMPLES / "startup.yaml", "--format", "pdf", "-o", target
    )
    assert result.exit_code == 0, result.stderr
    colours = _pdf_colours(target.read_bytes())
    assert {"#1f3f78", "#2f5fb3"} <= colours and not {PRIMARY, ACCENT} & colours


def test_the_consultant_named_on_the_command_line_comes_first(tmp_path: Path) -> None:
    pack = _pack(tmp_path, BRAND)
    result, _ = run("--kb", pack, "report", "--answers", SAMPLES / "startup.yaml",
                    "--format", "html", "--brand", "Jo Smith")  # fmt: skip
    assert "Prepared by Jo Smith with" in result.stdout and "Acme Consulting" not in result.stdout
    assert f"--primary: {PRIMARY}" in result.stdout


def test_a_later_pack_overrides_what_it_sets(tmp_path: Path) -> None:
    first = _pack(tmp_path, BRAND, "first")
    second = _pack(tmp_path, 'brand: {colours: {accent: "#3a3a8c"}}\n', "second")
    result, _ = run("--kb", first, "--kb", second, "report", "--answers",
                    SAMPLES / "startup.yaml", "--format", "html")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert f"--primary: {PRIMARY}; --accent: #3a3a8c;" in result.stdout
    assert "Acme Consulting" in result.stdout


@pytest.mark.parametrize(
    ("brand", "has"),
    [
        ('brand:\n  colours:\n    primary: red\n', ("pack.yaml:6:", "brand.colours.primary", "'red' is not a colour", "#rrggbb")),
        ('brand:\n  colours:\n    accent: "#12345"\n', ("pack.yaml:6:", "brand.colours.accent", "not a colour")),
        ('brand:\n  colours:\n    primary: "#ffff66"\n', ("pack.yaml:6:", "too light", "contrast 1.1:1")),
        ('brand:\n  colours:\n    primary: 0x1f3f78\n', ("pack.yaml:6:", "brand.colours.primary", "expected text")),
        ('brand:\n  colors: {primary: "#1f3f78"}\n', ("pack.yaml:5:", "brand.colors", "Did you mean 'colours'?")),
        ('brand:\n  name: "' + "A" * 81 + '"\n', ("pack.yaml:5:", "brand.name", "at most 80")),
    ],
    ids=["a-word", "five-digits", "too-light", "a-number", "colors", "long-name"],
)  # fmt: skip
def test_a_bad_brand_is_one_located_error(tmp_path: Path, brand: str, has: tuple[str, ...]) -> None:
    result, elapsed = run("--kb", _pack(tmp_path, brand), "validate")
    assert_one_error(result, elapsed, *has)


def test_every_brand_problem_is_reported_at_once(tmp_path: Path) -> None:
    pack = _pack(tmp_path, 'brand:\n  colours:\n    primary: red\n    accent: "#fff"\n')
    result, _ = run("--kb", pack, "validate")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert any("pack.yaml:6:" in line and "'red'" in line for line in lines)
    assert any("pack.yaml:7:" in line and "too light" in line for line in lines)


def test_contrast_follows_wcag() -> None:
    assert contrast_with_white("000000") == pytest.approx(21.0)
    assert contrast_with_white("ffffff") == pytest.approx(1.0)
    assert contrast_with_white("767676") == pytest.approx(4.54, abs=0.01)


def test_only_checked_colours_reach_the_templates() -> None:
    from framework_advisor.domain.brand import BrandColours
    from framework_advisor.render.report.look import DEFAULT, report_colours

    assert report_colours(BrandColours("#7a1f5c", "#0b7a75")).tint == "#eef6f5"
    hostile = report_colours(BrandColours("red; } body { display: none", '"><script>'))
    assert hostile == DEFAULT
