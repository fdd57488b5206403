"""The goal checker against published goals (tests/goals/corpus.yaml) and the knowledge base's own
examples: a good goal raises no error or warning, a bad one is caught at that goal."""

from __future__ import annotations

import pytest

from tests.goals.corpus import all_entries, book, judge

CHECKS = book()
ENTRIES = all_entries()


@pytest.mark.parametrize(
    "entry",
    [e for e in ENTRIES if e["verdict"] == "good"],
    ids=lambda e: f"{e['source']}-{e['kind']}",
)
def test_a_published_good_goal_raises_no_error_or_warning(entry: dict) -> None:
    judged = judge(entry, CHECKS)
    raised = [
        f.diagnostic.lint_line() for f in judged.report.findings if f.diagnostic.severity != "info"
    ]
    assert raised == []


@pytest.mark.parametrize(
    "entry",
    [e for e in ENTRIES if e["verdict"] == "bad"],
    ids=lambda e: f"{e['source']}-{e['kind']}",
)
def test_a_published_bad_goal_is_caught(entry: dict) -> None:
    assert judge(entry, CHECKS).raised


def test_the_corpus_cites_every_source_and_holds_both_verdicts() -> None:
    from tests.goals.corpus import corpus

    data = corpus()
    for entry in data["goals"]:
        assert entry["source"] in data["sources"]
        assert entry["verdict"] in ("good", "bad")
    verdicts = {e["verdict"] for e in data["goals"]}
    assert verdicts == {"good", "bad"}


def test_the_readme_states_the_figures_the_corpus_gives() -> None:
    from pathlib import Path

    from tests.goals.corpus import totals

    figures = totals([judge(entry, CHECKS) for entry in ENTRIES])
    readme = Path("README.md").read_text(encoding="utf-8")
    assert f"false alarms on good goals {figures['false_alarms']} of {figures['good']}" in readme
    assert f"bad goals caught {figures['caught']} of {figures['bad']}" in readme
