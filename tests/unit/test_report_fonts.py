"""The PDF report's fonts: the bundled sans (Source Sans Pro, OFL) for the text, and a system font
for scripts it lacks, so that a client named 王芳 prints as glyphs, not boxes."""

from __future__ import annotations

import functools
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from framework_advisor.engine.examples import select_examples
from framework_advisor.engine.rollout import report_facts
from framework_advisor.render.report import writers as pdf_module

pytestmark = pytest.mark.slow

CLIENT = "王芳"
BRAND = "王芳咨询"
ANSWERS = {"organisation": CLIENT, "headcount": 40, "function": "company", "needs": ["alignment"]}
BUNDLED = "SourceSansPro"


def _system_cjk_fonts() -> list[str]:
    if shutil.which("fc-list") is None:  # no fontconfig: look where Debian puts CJK fonts
        folders = (Path("/usr/share/fonts"), Path.home() / ".fonts")
        patterns = ("*wqy*", "*[Cc][Jj][Kk]*", "*DroidSansFallback*")
        return [str(p) for f in folders for pattern in patterns for p in f.rglob(pattern)]
    listing = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
    return [line for line in listing.splitlines() if line.strip()]


needs_cjk_font = pytest.mark.skipif(
    not _system_cjk_fonts(),
    reason="no system CJK font (Debian: apt-get install fonts-wqy-microhei; .ci/run does)",
)


def _report(kb) -> bytes:  # type: ignore[no-untyped-def]
    from datetime import date

    from framework_advisor.engine.recommend import recommend

    rec = recommend(kb, ANSWERS)
    return pdf_module.pdf(
        rec,
        kb,
        answers=ANSWERS,
        brand=BRAND,
        today=date(2026, 1, 15),
        facts=report_facts(kb, rec),
        examples=select_examples(kb, ANSWERS),
    )


def _fonts_drawing(document: bytes, characters: str) -> set[str]:
    """The fonts whose text runs decode (through the font's ToUnicode map) to
    ``characters``. A character no font has is drawn as the first font's .notdef box, which maps
    to no text: it is found in no run."""
    runs: set[str] = set()

    def visit(text, cm, tm, font, size) -> None:  # type: ignore[no-untyped-def]
        if characters in text and font is not None:
            runs.add(_name(font))

    for page in PdfReader(io.BytesIO(document)).pages:
        page.extract_text(visitor_text=visit)
    return runs


def _name(font) -> str:  # type: ignore[no-untyped-def]
    """A font's PostScript name without its subset tag or CID encoding: SourceSansPro-Bold."""
    return str(font.get("/BaseFont", "")).split("+")[-1].removesuffix("-Identity-H")


def _embedded_fonts(document: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(document)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(_name(font.get_object()))
    return names


def test_the_bundled_sans_ships_with_its_licence() -> None:
    folder = Path(pdf_module.FONTS)
    names = {path.name for path in folder.iterdir()}
    fonts = {f"SourceSansPro-{style}.otf" for style in ("Regular", "Bold", "It", "BoldIt")}
    assert fonts | {"OFL.txt"} <= names
    licence = (folder / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License, Version 1.1" in licence and "Adobe" in licence
    assert sum(path.stat().st_size for path in folder.iterdir()) < 1_000_000


def test_body_and_headings_are_set_in_the_bundled_sans(kb) -> None:  # type: ignore[no-untyped-def]
    fonts = _embedded_fonts(_report(kb))
    assert {f"{BUNDLED}-Regular", f"{BUNDLED}-Bold", f"{BUNDLED}-It"} <= fonts
    assert not any("Libertinus" in name for name in fonts)
    document = _report(kb)
    assert _fonts_drawing(document, "meetings take about") == {f"{BUNDLED}-Regular"}  # body
    assert f"{BUNDLED}-Bold" in _fonts_drawing(document, "Framework recommendation for")


@needs_cjk_font
def test_a_chinese_client_name_prints_in_a_system_font_that_has_the_glyphs(kb) -> None:  # type: ignore[no-untyped-def]
    document = _report(kb)
    for text in (CLIENT, BRAND):
        fonts = _fonts_drawing(document, text)
        assert fonts, f"{text} is drawn as boxes"
        assert not any(BUNDLED in name for name in fonts), fonts


def test_without_system_fonts_the_same_check_finds_boxes(
    kb,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The check above can fail: with system fonts hidden from Typst, no font has the glyphs."""
    import typst

    monkeypatch.setattr(
        typst, "compile", functools.partial(typst.compile, ignore_system_fonts=True)
    )
    document = _report(kb)
    assert _fonts_drawing(document, CLIENT) == set()
    assert f"{BUNDLED}-Bold" in _fonts_drawing(document, "Framework recommendation for")


@needs_cjk_font
def test_chinese_text_in_a_chart_prints_too(kb) -> None:  # type: ignore[no-untyped-def]
    """The charts are SVG images: Typst draws their text with the same fonts and fallback."""
    import msgspec

    from framework_advisor.engine.recommend import recommend
    from framework_advisor.render.report.chart_data import ChartBar, ChartMeeting
    from framework_advisor.render.report.data import report_data

    rec = recommend(kb, ANSWERS)
    data = report_data(
        rec, kb, answers=ANSWERS, facts=report_facts(kb, rec), examples=select_examples(kb, ANSWERS)
    )
    charts = msgspec.structs.replace(
        data.charts,
        bars=[ChartBar("王芳框架", "王芳框架", 80, 1), *data.charts.bars],
        meetings=[ChartMeeting("每周例会", "weekly", 30, ["王芳框架"])],
    )
    document = pdf_module.render_data(
        msgspec.structs.replace(data, charts=charts), kb.report, "pdf"
    )
    assert isinstance(document, bytes)
    for character in "王芳框架每周例会":  # SVG text is placed glyph by glyph
        fonts = _fonts_drawing(document, character)
        assert fonts and not any(BUNDLED in name for name in fonts), (character, fonts)
