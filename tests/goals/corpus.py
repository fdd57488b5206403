"""The published-goals corpus (`corpus.yaml`) run through the goal checker: each entry judged
as the source judged it, and the figures (false alarms on good goals, catches of bad ones) per
kind and per source. Used by tests/unit/test_goal_corpus.py and benchmarks/goal_corpus.py."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml
from msgspec import Struct

from framework_advisor.domain.goals import CheckBook, Report
from framework_advisor.engine.goals.check import REASON_IDS, check_goals
from framework_advisor.engine.goals.rules import rule_ids
from framework_advisor.kb.checks import load_checks
from framework_advisor.sources.yaml_lines import YamlDocument

CORPUS = Path(__file__).with_name("corpus.yaml")


class Judged(Struct, frozen=True):
    entry: dict[str, Any]
    report: Report
    raised: bool
    """At least one error or warning."""

    @property
    def agrees(self) -> bool:
        """Good and quiet, or bad and caught."""
        return self.raised == (self.entry["verdict"] == "bad")


def book() -> CheckBook:
    return load_checks(known_rules=rule_ids(), known_reasons=REASON_IDS)


def corpus() -> dict[str, Any]:
    return yaml.safe_load(CORPUS.read_text(encoding="utf-8"))


EXAMPLES = Path(__file__).resolve().parents[2] / "knowledge" / "examples"


def example_entries() -> list[dict[str, Any]]:
    """The knowledge base's own example OKRs and KPIs (the seeds' and common practice's), each
    a good goal: what the tool itself advises must pass its own checker."""
    entries = []
    for path in sorted(EXAMPLES.glob("*/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for okr in data.get("okrs", []):
            goal = {k: okr[k] for k in ("objective", "type", "key_results") if k in okr}
            entries.append(
                {
                    "source": f"examples:{okr.get('source', 'seed')}",
                    "verdict": "good",
                    "kind": "okr",
                    "goals": {"objective": goal},
                }
            )
        for kpi in data.get("kpis", []):
            goal = {"kpi": kpi["name"], **{k: kpi[k] for k in ("target", "frequency") if k in kpi}}
            entries.append(
                {
                    "source": f"examples:{kpi.get('source', 'seed')}",
                    "verdict": "good",
                    "kind": "kpi",
                    "goals": {"kpi": goal},
                }
            )
    return entries


def all_entries() -> list[dict[str, Any]]:
    return [*corpus()["goals"], *example_entries()]


def judge(entry: dict[str, Any], checks: CheckBook) -> Judged:
    goals = entry["goals"]
    report = check_goals(
        goals, YamlDocument(file="corpus", data=goals), checks, entry.get("profile")
    )
    raised = any(f.diagnostic.severity in ("error", "warning") for f in report.findings)
    return Judged(entry, report, raised)


def figures(judged: list[Judged], by: str) -> dict[str, dict[str, int]]:
    """For each value of ``by`` (kind or source): good goals, false alarms, bad goals, caught."""
    table: dict[str, dict[str, int]] = defaultdict(
        lambda: {"good": 0, "false_alarms": 0, "bad": 0, "caught": 0}
    )
    for j in judged:
        row = table[str(j.entry[by])]
        if j.entry["verdict"] == "good":
            row["good"] += 1
            row["false_alarms"] += j.raised
        else:
            row["bad"] += 1
            row["caught"] += j.raised
    return dict(sorted(table.items()))


def totals(judged: list[Judged]) -> dict[str, int]:
    good = [j for j in judged if j.entry["verdict"] == "good"]
    bad = [j for j in judged if j.entry["verdict"] == "bad"]
    return {
        "good": len(good),
        "false_alarms": sum(j.raised for j in good),
        "bad": len(bad),
        "caught": sum(j.raised for j in bad),
    }
