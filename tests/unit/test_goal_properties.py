"""The goal checker never crashes: on arbitrary structures it returns findings or refuses the
file with located problems (exit 2), on arbitrary text read as Markdown it returns findings; and
every finding's `where` names a place that exists in the input."""

from __future__ import annotations

import os
import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framework_advisor.engine.goals.check import REASON_IDS, GoalFileError, check_goals
from framework_advisor.engine.goals.items import TOP_KEYS
from framework_advisor.engine.goals.markdown import goals_from_outline
from framework_advisor.engine.goals.rules import rule_ids
from framework_advisor.kb.checks import load_checks
from framework_advisor.sources.markdown_outline import outline
from framework_advisor.sources.yaml_lines import YamlDocument

BOOK = load_checks(known_rules=rule_ids(), known_reasons=REASON_IDS)
WORDS = st.sampled_from(
    [
        "Increase",
        "NPS",
        "from",
        "55",
        "to",
        "70",
        "by",
        "Q3",
        "Call",
        "100",
        "prospects",
        "Maintain",
        "uptime",
        "above",
        "99.9%",
        "Launch",
        "the",
        "app",
        "continue",
        "followers",
        "annual",
        "survey",
        "{x.__class__}",
        "[target]",
        "$2M",
        "between",
        "and",
        "weekly",
        "revenue",
        "",
        "8086",
        "-",
    ]
)
TEXT = st.one_of(st.lists(WORDS, max_size=10).map(" ".join), st.text(max_size=40))
SCALARS = st.one_of(
    TEXT,
    st.integers(-(10**6), 10**6),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False),
)
KEYS = st.one_of(
    st.sampled_from(
        [
            *TOP_KEYS,
            "key_results",
            "text",
            "kind",
            "target",
            "owner",
            "weight",
            "inputs",
            "lead_measures",
            "measures",
            "financial",
            "customer",
            "leading",
            "type",
        ]
    ),
    st.text(max_size=8),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=4)),
    max_leaves=25,
)
DOCUMENTS = st.dictionaries(st.sampled_from(TOP_KEYS), VALUES, max_size=5)
PART = re.compile(r"\.?([A-Za-z_]\w*)|\[(\d+)\]")


def resolves(data: Any, where: str) -> bool:
    node = data
    for name, index in PART.findall(where):
        if name:
            if not isinstance(node, dict) or name not in node:
                return False
            node = node[name]
        else:
            if not isinstance(node, list) or int(index) >= len(node):
                return False
            node = node[int(index)]
    return True


EXAMPLES = int(os.environ.get("FRAMEWORK_ADVISOR_PROPERTY_EXAMPLES", "60"))
"""Modest by default so the fast lane stays fast; raise it for a deeper run."""


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS)
def test_any_structure_gives_findings_or_located_problems(data: dict) -> None:
    try:
        report = check_goals(data, YamlDocument(file="g.yaml", data=data), BOOK)
    except GoalFileError as exc:
        assert exc.problems and all(p.file == "g.yaml" for p in exc.problems)
        return
    for finding in report.findings:
        assert resolves(data, finding.where), finding.where
    for item in report.items:
        assert resolves(data, item.where), item.where


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    st.lists(
        st.one_of(
            TEXT.map(lambda t: f"# {t}"),
            TEXT.map(lambda t: f"- {t}"),
            TEXT.map(lambda t: f"  - {t}"),
            TEXT,
        ),
        max_size=12,
    ).map("\n".join)
)
def test_any_markdown_gives_findings_whose_lines_exist(text: str) -> None:
    data, lines = goals_from_outline(outline(text))
    report = check_goals(data, YamlDocument(file="g.md", data=data, lines=lines), BOOK)
    count = len(text.splitlines()) or 1
    for finding in report.findings:
        assert resolves(data, finding.where)
        assert finding.diagnostic.line is None or 1 <= finding.diagnostic.line <= count
