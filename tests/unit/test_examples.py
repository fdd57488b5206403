"""The example library: every function and the named industries, well-formed OKRs and KPIs."""

from __future__ import annotations

import json
import re

import pytest

from framework_advisor.domain.contract import FIXED_QUESTIONS
from framework_advisor.engine.examples import select_examples

from ..conftest import build_tree

FUNCTIONS = FIXED_QUESTIONS["function"][1]
UNNAMED_INDUSTRY = "other"
"""The industry option that names no industry: the only one without examples written for it."""
TASK_VERBS = re.compile(r"^(launch|hold|call|run|create|build|write|ship|implement)\b", re.I)


def test_every_function_and_named_industry_has_examples(kb) -> None:
    assert {f"function:{f}" for f in FUNCTIONS} <= set(kb.examples)
    named = {o.value for o in kb.question("industry").options} - {UNNAMED_INDUSTRY}
    assert {f"industry:{i}" for i in named} <= set(kb.examples)


def test_okrs_are_outcomes_and_kpis_are_tagged(kb) -> None:
    for key, example in kb.examples.items():
        for okr in example.okrs:
            assert 2 <= len(okr.key_results) <= 5, key
            for result in okr.key_results:
                assert re.search(r"\d", result), f"{key}: key result without a number: {result}"
                assert not TASK_VERBS.match(result), f"{key}: key result is a task: {result}"
        indicators = {kpi.indicator for kpi in example.kpis}
        assert indicators == {"leading", "lagging"}, key


def test_selection_falls_back_to_the_function_for_other_industries(kb) -> None:
    other = select_examples(kb, {"function": "sales", "industry": UNNAMED_INDUSTRY})
    assert other.areas == ["function:sales"]
    saas = select_examples(kb, {"function": "sales", "industry": "saas"})
    assert saas.areas == ["industry:saas", "function:sales"]
    assert len(saas.kpis) > len(other.kpis)
    assert select_examples(kb, {}).areas == ["function:company"]


@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_examples_command(run_cli, fmt: str) -> None:
    result = run_cli("examples", "--function", "marketing", "--industry", "ecommerce", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    if fmt == "json":
        data = json.loads(result.stdout)
        assert data["areas"] == ["industry:ecommerce", "function:marketing"]
        assert data["okrs"] and data["kpis"]
    else:
        assert "OKR" in result.stdout and "KPI" in result.stdout


def test_examples_command_filters_by_framework(run_cli) -> None:
    data = json.loads(
        run_cli("examples", "--function", "hr", "--framework", "kpi", "-f", "json").stdout
    )
    assert "okrs" not in data and data["kpis"]


def test_examples_command_rejects_unknown_ids(run_cli) -> None:
    result = run_cli("examples", "--industry", "saass")
    assert result.exit_code == 2
    assert "Did you mean 'saas'?" in result.stderr


def test_a_pack_example_must_name_a_known_area(run_cli, tmp_path) -> None:
    pack = build_tree(
        tmp_path / "pack",
        {
            "pack.yaml": "name: demo\nversion: '1'\nschema_version: 2\n",
            "examples/industries/spaceflight.yaml": (
                "area: spaceflight\nkind: industry\ntitle: Spaceflight\n"
                "okrs:\n  - objective: Reach orbit\n    key_results: [Launch 2 rockets by Q3, Land 1 by Q4]\n"
                "kpis:\n  - {name: Launches, definition: Count, indicator: lagging, level: strategic,"
                " target: '>= 2', frequency: quarterly}\n"
            ),
        },
    )
    result = run_cli("--kb", pack, "validate")
    assert result.exit_code == 2
    assert "spaceflight.yaml" in result.stderr
    assert "'spaceflight' is not an option of question 'industry'" in result.stderr
