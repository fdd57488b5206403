"""Bounded fuzzing through the public CLI (the real click group): whatever an answers file or a
pack file holds, the tool answers with a result or with its own errors (exit 2, `error:`
lines), never another exception, never a hang."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .hostile import ERROR_LINE, run

pytestmark = pytest.mark.slow  # hundreds of generated inputs, run as the command runs them

EXAMPLES = int(os.environ.get("FRAMEWORK_ADVISOR_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
QUESTION_IDS = [
    "organisation",
    "headcount",
    "function",
    "needs",
    "stage",
    "team_size",
    "compensation_linked",
    "industry",
    "current_frameworks",
    "_meta",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["\ud800", "\udfff", "\x1b[2J", "=1+1", "\u00a0=cmd", "<script>", "yes"]),
    st.sampled_from(["company", "sales", "alignment", "startup", "okr", "kpi"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
mappings = st.dictionaries(
    st.one_of(st.sampled_from(QUESTION_IDS), st.text(max_size=12)), values, max_size=8
)
YAML_ALPHABET = st.sampled_from(
    [*"abcxyz019 \n\t:-[]{},&*!|>#'\"%@?.~=+\\", "\u00a0", "\ufeff", "é", "\x00", "\x85"]
)
yaml_texts = st.one_of(
    st.text(YAML_ALPHABET, max_size=200),
    st.builds(
        lambda head, tail: head + tail,
        st.sampled_from(["function: company\nneeds: [alignment]\nheadcount: 12\n", "", "- "]),
        st.text(YAML_ALPHABET, max_size=120),
    ),
)


def check(result: Any, started: float) -> None:
    assert time.monotonic() - started < 10
    assert result.exit_code in (0, 2), (result.exit_code, result.stderr[-500:])
    if result.exit_code == 2:
        lines = result.stderr.splitlines()
        assert lines and all(
            ERROR_LINE.match(line) or line.startswith("note: ") for line in lines
        ), lines[:5]
    assert "Traceback" not in result.stderr


def write_json(path: Path, data: Any) -> None:
    try:
        text = json.dumps(data, allow_nan=True)
    except (ValueError, OverflowError):
        text = "{}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")


def write_yaml(path: Path, data: Any) -> None:
    try:
        text = yaml.safe_dump(data, allow_unicode=False)
    except yaml.YAMLError:
        text = "{}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")


@FUZZ
@given(data=mappings, as_json=st.booleans())
def test_any_answers_mapping(tmp_path_factory: Any, data: dict[str, Any], as_json: bool) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / ("answers.json" if as_json else "answers.yaml")
    (write_json if as_json else write_yaml)(path, data)
    started = time.monotonic()
    result, _ = run("recommend", "--answers", path, "-f", "json")
    check(result, started)
    if result.exit_code == 0:
        json.loads(result.stdout)


@FUZZ
@given(text=yaml_texts, command=st.sampled_from(["recommend", "whatif", "report"]))
def test_any_yaml_text_as_answers(tmp_path_factory: Any, text: str, command: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "answers.yaml"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    extra = {"recommend": [], "whatif": ["--set", "headcount=40"], "report": ["-f", "md"]}
    started = time.monotonic()
    result, _ = run(command, "--answers", path, *extra[command])
    check(result, started)


@settings(FUZZ, max_examples=max(10, EXAMPLES // 3))
@given(text=yaml_texts)
def test_any_yaml_text_as_a_pack_file(tmp_path_factory: Any, text: str) -> None:
    pack = tmp_path_factory.mktemp("pack")
    (pack / "pack.yaml").write_text("name: fuzz\nversion: '1'\n", encoding="utf-8")
    (pack / "rules.yaml").write_bytes(text.encode("utf-8", errors="surrogatepass"))
    started = time.monotonic()
    result, _ = run("--kb", pack, "validate")
    check(result, started)
