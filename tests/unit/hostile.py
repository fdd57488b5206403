"""Helpers for the adversarial corpus: every hostile input gets one located error line and
exit code 2 (or the exact safe behaviour), no traceback, in bounded time."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from framework_advisor.cli import cli

SECONDS = 10.0
"""Bound on any one hostile run (most take well under a second)."""
VALID = "function: company\nneeds: [alignment]\nheadcount: 12\n"


def run(*args: Any, input: str | None = None) -> tuple[Result, float]:
    """The real click group, stdout and stderr apart; exceptions propagate (a traceback is a
    failure of the test, never a pass)."""
    start = time.monotonic()
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, input=input)
    return result, time.monotonic() - start


ERROR_LINE = re.compile(r"^(error: |\S.*?: error [a-z0-9-]+: )")
"""An error line: `error: ...`, or a diagnostic `FILE:LINE: error RULE: ...` (the knowledge
base's problems, which name their rule)."""


def errors(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if ERROR_LINE.match(line)]


def assert_one_error(result: Result, elapsed: float, *has: str) -> str:
    """Exit 2, exactly one line on stderr, an `error:` naming what it must, nothing on stdout."""
    lines = result.stderr.splitlines()
    assert result.exit_code == 2, (result.exit_code, result.stderr, result.stdout[:300])
    assert len(lines) == 1 and ERROR_LINE.match(lines[0]), lines[:5]
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    for text in has:
        assert text in lines[0], (text, lines[0])
    assert elapsed < SECONDS, f"took {elapsed:.1f}s"
    return lines[0]


def billion_laughs(levels: int = 7, width: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


def make_fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


Maker = Callable[[Path], Path]


STAMP_COMMENT = re.compile(r"<!-- Framework Advisor template: [a-z0-9_-]+ v\d+ -->")


def markdown_hazards(markdown: str) -> list[str]:
    """What a Markdown viewer would do with the text beyond showing it: fetch an image (a
    tracking pixel), keep raw HTML, or follow a link to anything but http(s)."""
    from markdown_it import MarkdownIt

    found = []
    for token in MarkdownIt("commonmark").parse(markdown):
        for child in token.children or [token]:
            if child.type == "html_inline" and child.content in ("<br>", "<br/>"):
                continue  # our own line breaks in table cells (supplied `<` is escaped)
            if child.type == "html_block" and STAMP_COMMENT.fullmatch(child.content.strip()):
                continue  # a starter file's stamp (`domain.stamp`): a comment, never shown
            if child.type in ("image", "html_inline", "html_block"):
                found.append(f"{child.type}: {child.content or child.attrs}")
            elif child.type == "link_open":
                href = str(child.attrs.get("href", ""))
                if not href.startswith(("http://", "https://")):
                    found.append(f"link: {href}")
    return found


def docx_text(path: Path | bytes) -> str:
    """Every paragraph and table cell of a Word file, read back with python-docx."""
    import io

    import docx

    document = docx.Document(io.BytesIO(path) if isinstance(path, bytes) else str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


def xlsx_text(path: Path | bytes) -> str:
    """Every text cell of an Excel workbook, read back with openpyxl."""
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(path) if isinstance(path, bytes) else path)
    return "\n".join(
        str(cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    )
