"""An answers file in the plainest YAML is read without PyYAML (``parse_plain_mapping``), and
exactly as PyYAML reads it: the same data, the same lines; any other file is left to PyYAML."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framework_advisor.errors import InputFileError
from framework_advisor.sources.yaml_lines import parse_plain_mapping, parse_yaml

from ..conftest import ROOT

KEYS = ["headcount", "needs", "stage", "_meta", "a", "B1", "yes", "No", "null", "on", "Y", "x_y"]
SCALARS = [
    "word", "two words", "two  spaces", "a - b", "a -b", "-a", "a.b", "v1.2", "e.g.", "a_b",
    "1", "0", "-5", "+5", "007", "1_000", "1e3", "1.5", ".5", ".inf", ".NaN", "0x1F", "0o7",
    "0b1", "12:30", "190:20:30", "2024-01-01", "99999999999999999999", "-0",
    "~", "null", "Null", "NULL", "nUll", "yes", "Yes", "YES", "yEs", "y", "Y", "n", "on", "On",
    "oN", "off", "true", "True", "tRue", "false", "FALSE", "no",
    "'q'", "'q r'", "''", "'it''s'", "\"dq\"", "\"\"", "\"a\\\"b\"", "\"a\\nb\"", "'a'b",
    "a:b", "a: b", "a #c", "a#c", "a  #c", "&x a", "*x", "!!str a", "|", ">", "{a: 1}",
    "[a, b]", "[a,b]", "[ a , b ]", "[]", "[ ]", "[a, [b]]", "[a, ]", "[a b, c]", "['x', \"y\"]",
    "[yes, 1, ~, null]", "[a] # c", "[a]# c", "[a", "a]", "@a", "`a`", "%a", "a\tb", "caf\u00e9",
    "# only a comment", "",
]  # fmt: skip


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["value", "value", "list", "comment", "blank", "odd"]))
        key = draw(st.sampled_from(KEYS))
        if kind == "value":
            space = draw(st.sampled_from([" ", "  ", ""]))
            lines.append(f"{key}:{space}{draw(st.sampled_from(SCALARS))}")
        elif kind == "list":
            lines.append(f"{key}:" + draw(st.sampled_from(["", " ", " # c"])))
            indent = draw(st.integers(0, 3))
            for _ in range(draw(st.integers(0, 3))):
                shift = draw(st.sampled_from([0, 0, 0, 1]))
                lines.append(" " * (indent + shift) + "- " + draw(st.sampled_from(SCALARS)))
        elif kind == "comment":
            lines.append(" " * draw(st.integers(0, 2)) + "# note")
        elif kind == "blank":
            lines.append(" " * draw(st.integers(0, 2)))
        else:
            lines.append(draw(st.sampled_from(["---", "...", "- a", f"  {key}: 1", f"{key} : 1"])))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


def _pyyaml(text: str) -> tuple[str, dict] | None:
    try:
        document = parse_yaml(text, "a.yaml", aliases=False)
    except InputFileError:
        return None
    if document.duplicates:
        return None
    return repr(document.data), document.lines


@settings(max_examples=int(os.environ.get("FRAMEWORK_ADVISOR_PROPERTY_EXAMPLES", "300")))
@given(text=documents())
def test_a_plain_file_reads_as_pyyaml_reads_it(text: str) -> None:
    plain = parse_plain_mapping(text, "a.yaml")
    if plain is not None:
        assert plain.duplicates == []
        assert (repr(plain.data), plain.lines) == _pyyaml(text), text


@pytest.mark.parametrize("sample", sorted((ROOT / "samples").glob("*.yaml")), ids=lambda p: p.stem)
def test_the_samples_are_plain(sample) -> None:
    text = sample.read_text(encoding="utf-8")
    plain = parse_plain_mapping(text, str(sample))
    assert plain is not None
    assert (repr(plain.data), plain.lines) == _pyyaml(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # a duplicate key: PyYAML says where
        "a: [b\n",  # a mistake: PyYAML says what
        "a:\n  b: 1\n",  # a nested mapping
        "a: b\n  c\n",  # a scalar over two lines
        "# nothing but a comment\n",
        "a: caf\u00e9\n",
        "a: 1\r\nb: 2\r\n",
    ],
)
def test_anything_else_is_left_to_pyyaml(text: str) -> None:
    assert parse_plain_mapping(text, "a.yaml") is None
