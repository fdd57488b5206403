"""Text from users and packs in outputs: spreadsheet cells never run as formulas, Markdown never
carries raw HTML or non-http(s) links, terminals never receive control characters. Our own
formulas stay formulas."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from framework_advisor.safe_text import (
    markdown_text,
    neutralise_cell,
    own_colour,
    terminal_text,
    unguard_cell,
)

from ..conftest import ROOT
from .hostile import VALID, run

KNOWLEDGE = ROOT / "knowledge"
FORMULAS = [
    "=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "\n=1", " =1+1", "   -2", "\t =1",
    "\u00a0=1+1", "\u3000=1", "\ufeff=1", "\r\n@x", "\uff1d1+1", "\uff0b1", "\uff0d1", "\uff20SUM(A1)",
    " \uff1dcmd", '=HYPERLINK("http://evil","x")',
]  # fmt: skip
TEXTS = ["", "Plain", "50% or more", "a=1", "'quoted", "≥ 95%", "Grow 20% (from 10 to 12)", "x-y"]


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_triggers_are_neutralised_and_the_guard_comes_off(text: str) -> None:
    guarded = neutralise_cell(text)
    assert guarded == "'" + text
    assert unguard_cell(guarded) == text


@pytest.mark.parametrize("text", TEXTS)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert neutralise_cell(text) == text
    assert unguard_cell(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)>"),
        ("<!-- hidden -->", "&lt;!-- hidden -->"),
        ("<?php ?>", "&lt;?php ?>"),
        ("<javascript:alert(1)>", "&lt;javascript:alert(1)>"),
        ("[click](javascript:alert(1))", "\\[click](javascript:alert(1))"),
        ("[click]( JavaScript:alert(1))", "\\[click]( JavaScript:alert(1))"),
        ("[x](data:text/html,hi)", "\\[x](data:text/html,hi)"),
        ("[x](file:///etc/passwd)", "\\[x](file:///etc/passwd)"),
        ("[ref]: javascript:alert(1)", "\\[ref]: javascript:alert(1)"),
        ("a | b", "a \\| b"),
        ("line\nbreak", "line break"),
        # left as they are: links to the web, comparisons, plain brackets
        ("[Doerr](https://www.whatmatters.com)", "[Doerr](https://www.whatmatters.com)"),
        ("[x](http://example.org/a)", "[x](http://example.org/a)"),
        ("<= 20 minutes", "<= 20 minutes"),
        ("a < b > c", "a < b > c"),
        ("[draft] plan", "[draft] plan"),
    ],
)
def test_markdown_text(text: str, expected: str) -> None:
    assert markdown_text(text) == expected


def test_terminal_text_strips_controls_and_keeps_our_colours() -> None:
    text = "ok\x1b]0;title\x07 \x1b[2J\x08\x9b1m\u202eevil\tend\n"
    assert terminal_text(text) == "ok]0;title [2J1mevil\tend\n"
    ours = own_colour("\x1b[1mbold\x1b[0m")
    assert terminal_text(ours + " \x1b[30mhidden\x1b]8;;x\x07", keep_colour=True) == (
        "\x1b[1mbold\x1b[0m [30mhidden]8;;x"
    )
    assert terminal_text(ours) == "[1mbold[0m"  # no colour: our marks go too


def test_colour_output_keeps_our_codes_and_drops_injected_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a terminal (colour on), a colour code in the organisation's name is removed while
    the renderer's own colours stay."""
    import framework_advisor.cli

    monkeypatch.setattr(framework_advisor.cli, "use_color", lambda _output: True)
    answers = tmp_path / "colour.yaml"
    answers.write_text('organisation: "Acme\\e[30m\\e[8mhidden"\n' + VALID, encoding="utf-8")
    from click.testing import CliRunner

    from framework_advisor.cli import cli

    result = CliRunner().invoke(cli, ["recommend", "--answers", str(answers)], color=True)
    assert result.exit_code == 0, result.stderr
    assert "\x1b[1m" in result.stdout  # our bold headings
    assert "\x1b[30m" not in result.stdout and "\x1b[8m" not in result.stdout
    assert "Acme[30m[8mhidden" in result.stdout


EVIL = "<img src=x onerror=alert(1)> [c](javascript:alert(1)) a|b"
EVIL_YAML = f"organisation: '{EVIL}'\n" + VALID


def assert_safe_markdown(text: str) -> None:
    assert "<img" not in text and "<script" not in text
    assert "[c](javascript:" not in text.replace("\\[c](javascript:", "")
    assert "a|b" not in text


def test_recommend_markdown_escapes_the_organisation(tmp_path: Path) -> None:
    answers = tmp_path / "evil.yaml"
    answers.write_text(EVIL_YAML, encoding="utf-8")
    result, _ = run("recommend", "--answers", answers, "-f", "md")
    assert result.exit_code == 0, result.stderr
    assert_safe_markdown(result.stdout)
    assert "&lt;img src=x onerror=alert(1)> \\[c](javascript:alert(1)) a\\|b" in result.stdout


def test_templates_markdown_escapes_the_organisation(tmp_path: Path) -> None:
    answers = tmp_path / "evil.yaml"
    answers.write_text(EVIL_YAML, encoding="utf-8")
    result, _ = run("templates", "okr", "-f", "md", "--answers", answers, "--out", tmp_path / "o")
    assert result.exit_code == 0, result.stderr
    for path in (tmp_path / "o").iterdir():
        assert_safe_markdown(path.read_text(encoding="utf-8"))


def evil_pack(tmp_path: Path) -> Path:
    pack = tmp_path / "pack"
    (pack / "frameworks").mkdir(parents=True)
    (pack / "examples" / "functions").mkdir(parents=True)
    (pack / "pack.yaml").write_text(
        "name: evil\nversion: '1'\nschema_version: 2\n", encoding="utf-8"
    )
    okr = (KNOWLEDGE / "frameworks" / "okr.yaml").read_text(encoding="utf-8")
    okr = okr.replace(
        "name: Objectives and Key Results (OKR)",
        'name: "OKR\\e]0;pwned\\a\\e[2J"',
    ).replace(
        "summary: A few ambitious objectives",
        f"summary: '{EVIL} <script>x</script>' # A few ambitious objectives",
    )
    (pack / "frameworks" / "okr.yaml").write_text(okr, encoding="utf-8")
    sales = (KNOWLEDGE / "examples" / "functions" / "sales.yaml").read_text(encoding="utf-8")
    sales = sales.replace(
        "  - objective: Win more of the right customers this quarter",
        '  - objective: \' =HYPERLINK("http://evil","x")\'',
    ).replace(
        "      - Close 20% more deals than in Q2 by end of Q3",
        '      - "\\uff1d1+1"',
    )
    (pack / "examples" / "functions" / "sales.yaml").write_text(sales, encoding="utf-8")
    return pack


def test_show_markdown_escapes_pack_text(tmp_path: Path) -> None:
    result, _ = run("--kb", evil_pack(tmp_path), "show", "okr", "-f", "md")
    assert result.exit_code == 0, result.stderr
    assert_safe_markdown(result.stdout)
    assert "&lt;script>x&lt;/script>" in result.stdout


def test_show_text_never_sends_control_characters(tmp_path: Path) -> None:
    result, _ = run("--kb", evil_pack(tmp_path), "show", "okr")
    assert result.exit_code == 0, result.stderr
    assert "OKR]0;pwned[2J" in result.stdout
    assert not any(ch in result.stdout for ch in "\x1b\x07")


def test_csv_guards_pack_examples_and_keeps_our_formulas(tmp_path: Path) -> None:
    answers = tmp_path / "sales.yaml"
    answers.write_text("function: sales\nneeds: [alignment]\nheadcount: 40\n", encoding="utf-8")
    out = tmp_path / "csv"
    result, _ = run(
        "--kb", evil_pack(tmp_path), "templates", "okr", "-f", "csv", "--answers", answers,
        "--out", out,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    cells = [
        cell
        for path in out.iterdir()
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")))
        for cell in row
    ]
    assert '\' =HYPERLINK("http://evil","x")' in cells
    assert "'\uff1d1+1" in cells
    assert not any(cell.lstrip(" \u00a0\t").startswith(("=HYPERLINK", "\uff1d")) for cell in cells)
    ours = [cell for cell in cells if cell.startswith("=")]
    assert ours and all("evil" not in cell for cell in ours)  # our own formulas stay formulas
    assert not [c for c in cells if c.startswith("'=")]  # and are never guarded


# images, backslashes, and the report's literal escaping (issue 19) -----------------------------
def _markdown_tokens(text: str) -> list:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    return [child for token in tokens for child in (token.children or [token])]


def assert_no_image_or_unsafe_link(markdown: str) -> None:
    for token in _markdown_tokens(markdown):
        assert token.type not in ("image", "html_inline", "html_block"), (token, markdown)
        if token.type == "link_open":
            href = str(token.attrs.get("href", ""))
            assert href.startswith(("http://", "https://")), (href, markdown)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("![p](https://evil.example/p.png)", "!\\[p](https://evil.example/p.png)"),
        ("![p][ref]", "!\\[p][ref]"),
        ("!![p](http://x/y)", "!!\\[p](http://x/y)"),
        ("![x](javascript:alert(1))", "!\\[x](javascript:alert(1))"),
        ("\\\\![p](https://x)", "\\\\!\\[p](https://x)"),  # an escaped backslash, a live image
        ("\\[x](javascript:a)", "\\[x](javascript:a)"),  # already escaped: left alone
        ("\\\\[x](javascript:a)", "\\\\\\[x](javascript:a)"),  # a backslash, then a live link
        ("\\![p](https://x)", "\\![p](https://x)"),  # a literal "!" and an http link
    ],
)
def test_markdown_text_defuses_images(text: str, expected: str) -> None:
    assert markdown_text(text) == expected
    assert_no_image_or_unsafe_link(markdown_text(text))


def test_markdown_literal_is_the_report_filter() -> None:
    from framework_advisor.render.report.environment import md
    from framework_advisor.safe_text import markdown_literal

    text = "![p](https://x) [a](b) <img> *x* `y` a|b \\"
    assert (
        md(text)
        == markdown_literal(text)
        == ("!\\[p\\](https://x) \\[a\\](b) \\<img> \\*x\\* \\`y\\` a\\|b \\\\")
    )
    assert_no_image_or_unsafe_link(markdown_literal(text))


def test_xml_text_turns_what_xml_cannot_hold_into_a_space() -> None:
    from framework_advisor.safe_text import xml_text

    assert xml_text("Acme\vLtd") == "Acme Ltd"
    assert xml_text("a\fb\x1bc\x00d\x07e\ud800f\ufffeg") == "a b c d e f g"
    assert xml_text("tab\tline\nreturn\r é 日 \x85") == "tab\tline\nreturn\r é 日 \x85"


def test_xml_safe_reaches_every_string_and_keeps_what_needs_no_change() -> None:
    from typing import NamedTuple

    from msgspec import Struct

    from framework_advisor.safe_text import xml_safe

    class Pair(NamedTuple):
        left: str
        right: int

    class Inner(Struct, frozen=True):
        name: str
        tags: list[str]

    class Outer(Struct, frozen=True):
        inner: Inner
        by_key: dict[str, str]
        pairs: tuple[Pair, ...]
        untouched: Inner

    clean = Inner("fine", ["a"])
    data = Outer(Inner("Acme\vLtd", ["x\fy", "ok"]), {"k\x1b": "v\x00"}, (Pair("p\vq", 1),), clean)
    safe = xml_safe(data)
    assert safe.inner == Inner("Acme Ltd", ["x y", "ok"])
    assert safe.by_key == {"k ": "v "}
    assert safe.pairs == (Pair("p q", 1),) and isinstance(safe.pairs[0], Pair)
    assert safe.untouched is clean  # nothing to change: the same object
    assert xml_safe(clean) is clean


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [("short", 10, "short"), ("x" * 10, 10, "x" * 10), ("x" * 11, 10, "x" * 9 + "…"),
     ("words and more words", 10, "words and…")],
)  # fmt: skip
def test_cut_only_what_is_over_the_limit(text: str, limit: int, expected: str) -> None:
    from framework_advisor.safe_text import cut

    assert cut(text, limit) == expected
    assert len(cut(text, limit)) <= limit


HOSTILE_MARKUP = [
    "[/]", "OKR [/] x", "Acme [/EU]", "[@click=app.quit]Quit[/]", "[$accent]x[/]", "[B]x[/B]",
    "[link=https://evil.example]x[/link]", "x\\", "\\[b]x", "[b]bold[/b]\x1b]0;title\x07",
]  # fmt: skip


@pytest.mark.parametrize("text", HOSTILE_MARKUP)
def test_as_text_and_markup_escape_show_text_as_written(text: str) -> None:
    from textual.content import Content

    from framework_advisor.safe_text import as_text, markup_escape

    shown = text.replace("\x1b", "").replace("\x07", "")
    cell = as_text(text, "bold")
    assert cell.plain == shown and str(cell.style) == "bold"
    assert not [span for span in cell.spans if "@" in str(span.style)]
    content = Content.from_markup(markup_escape(text))
    assert content.plain == shown and not content.spans
