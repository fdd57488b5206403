"""The report takes its words from ``knowledge/report.yaml`` (issues 28 and 29: a reworded
sentence anywhere in the report is one change in one YAML file): no string literal of four words
or more, a sentence a client would read, is left in `src/framework_advisor/render/report/`.
Its sentences, headings, labels, chart words and notes are report.yaml's ``text``, said through
``ReportLayout.sentence``. Left out of the count, as in the front ends' test
(`test_front_end_words.py`, whose reading this reuses): docstrings and comments; and here also
SVG markup (a literal that opens with ``<``: its words are attribute names, not the reader's).
What must stay is in ``ALLOWED``, each with why."""

from __future__ import annotations

from pathlib import Path

import pytest

from framework_advisor.domain.report_layout import ReportLayout
from tests.unit.test_front_end_words import sentences

PACKAGE = Path(__file__).parents[2] / "src" / "framework_advisor"
MODULES = sorted(PACKAGE.glob("render/report/**/*.py"))

CALLER = "a programming error for the code that calls report_data, never shown in a report"
ALLOWED: dict[str, dict[str, str]] = {
    "render/report/charts.py": {
        "'Source Sans Pro', 'Source Sans 3'": "the charts' font-family list (CSS), not words",
    },
    "render/report/data/build.py": {
        "report_data needs the answers": CALLER,
        "report_data needs the engine's report facts": CALLER,
        "report_data needs the engine's example selection": CALLER,
    },
    "render/report/writers.py": {
        "The report as {} .": "each renderer's docstring (``__doc__``), for the code's reader",
    },
}
"""Literals that stay, by module and how they start, each with why: the list shrinks, it never
grows to pass a test."""


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def _words(path: Path) -> list[tuple[int, str]]:
    return [
        (line, text)
        for line, text in sentences(path.read_text(encoding="utf-8"))
        if not text.startswith("<")
    ]


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_reader_sentence_is_left_in_the_report_code(path: Path) -> None:
    allowed = ALLOWED.get(_name(path), {})
    found = [
        (line, text)
        for line, text in _words(path)
        if not any(text.startswith(start) for start in allowed)
    ]
    assert not found, "\n".join(f"{_name(path)}:{line}: {text}" for line, text in found)


def test_every_allowed_literal_is_still_there() -> None:
    """An entry whose literal has gone (moved to report.yaml) leaves the list."""
    for name, entries in ALLOWED.items():
        texts = [text for _, text in _words(PACKAGE / name)]
        for start in entries:
            assert any(text.startswith(start) for text in texts), f"{name}: {start}"


def test_the_check_finds_a_label_and_passes_markup() -> None:
    source = '''
"""A docstring of many words here."""
def f(x, week):
    svg = f'<rect x="{x}" y="{x}" width="3" height="{x}"/>'
    return f"Lag measure of the week: {week}"
'''
    assert [line for line, _ in sentences(source) if not _.startswith("<")] == [5]


def test_a_sentence_is_filled_by_the_catalogue_s_substitution_never_str_format() -> None:
    """``ReportLayout.sentence`` fills plain names and the catalogue's formats; a field that
    reaches into its value (``{x.__class__}``) is no name it was given, never an attribute."""
    layout = ReportLayout(
        text={
            "plain": "{name}: fit {fit}",
            "number": "from a headcount of {headcount:number}",
            "braces": "{{kept}} {name}",
            "reaching": "{name.__class__}",
        }
    )
    assert layout.sentence("plain", name="OKR", fit=80) == "OKR: fit 80"
    assert layout.sentence("number", headcount=1200) == "from a headcount of 1,200"
    assert layout.sentence("braces", name="x") == "{kept} x"
    with pytest.raises(KeyError):
        layout.sentence("reaching", name="OKR")
