"""The engine says facts and message ids, never English (issue 28): no string literal of four
words or more, the sentence a client would read, is left in `src/framework_advisor/engine/*.py`
(docstrings and comments aside). Its words are in knowledge/text/en.yaml."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest

ENGINE = Path(__file__).parents[2] / "src" / "framework_advisor" / "engine"
MIN_WORDS = 4
IN_FLIGHT: dict[str, str] = {}
"""Modules left out, each with why: the list shrinks, it never grows to pass a test."""


def _docstrings(tree: ast.AST) -> set[int]:
    """Every bare string statement: module, class and function docstrings, and the attribute
    docstrings under a field."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }


def sentences(
    source: str, skipped: Callable[[ast.AST], set[int]] = lambda tree: set()
) -> list[tuple[int, str]]:
    """(line, text) of each string literal of ``MIN_WORDS`` words or more, but docstrings and
    what ``skipped`` leaves out; an f-string counts its literal parts, each field as one word."""
    tree = ast.parse(source)
    skip = _docstrings(tree) | skipped(tree)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if id(node) in skip:
            if isinstance(node, ast.JoinedStr):
                skip.update(id(part) for part in node.values)
            continue
        if isinstance(node, ast.JoinedStr):
            skip.update(id(part) for part in node.values)
            text = "".join(
                part.value if isinstance(part, ast.Constant) else " {} " for part in node.values
            )
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        else:
            continue
        words = [w for w in text.split() if any(c.isalpha() for c in w) or w == "{}"]
        if len(words) >= MIN_WORDS:
            found.append((node.lineno, " ".join(text.split())))
    return sorted(found)


def test_the_check_finds_a_sentence_and_passes_ids_and_docstrings() -> None:
    source = '''
"""A module docstring of many words here."""
X = "summary.run_covering"
def f(name):
    """A function docstring of many words."""
    return f"{name} serves it, but not now"
Y = "a sentence the client reads"
'''
    assert [line for line, _ in sentences(source)] == [6, 7]


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(ENGINE.glob("*.py")) if p.name not in IN_FLIGHT],
    ids=lambda p: p.name,
)
def test_no_client_sentence_is_left_in_the_engine(path: Path) -> None:
    found = sentences(path.read_text(encoding="utf-8"))
    assert not found, "\n".join(f"{path.name}:{line}: {text}" for line, text in found)


def test_the_modules_left_out_exist() -> None:
    for name in IN_FLIGHT:
        assert (ENGINE / name).is_file(), name
