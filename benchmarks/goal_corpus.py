"""Print the goal checker's figures on its corpus of published goals (tests/goals/corpus.yaml):
the false-alarm rate on good goals and the catch rate on bad ones, per kind and per source.

    python benchmarks/goal_corpus.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.goals.corpus import all_entries, book, figures, judge, totals


def _rate(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "-"


def main() -> None:
    checks = book()
    judged = [judge(entry, checks) for entry in all_entries()]
    overall = totals(judged)
    print(f"false alarms on good goals: {_rate(overall['false_alarms'], overall['good'])}")
    print(f"bad goals caught:           {_rate(overall['caught'], overall['bad'])}")
    for by in ("kind", "source"):
        print(f"\nby {by}:")
        print(f"  {by:<26} {'false alarms':>16} {'caught':>16}")
        for name, row in figures(judged, by).items():
            print(
                f"  {name:<26} {_rate(row['false_alarms'], row['good']):>16} {_rate(row['caught'], row['bad']):>16}"
            )
    wrong = [j for j in judged if not j.agrees]
    for j in wrong:
        rules = sorted(
            {f.diagnostic.rule for f in j.report.findings if f.diagnostic.severity != "info"}
        )
        print(
            f"\ndisagrees: {j.entry['source']} {j.entry['verdict']} {j.entry['goals']} -> {rules}"
        )


if __name__ == "__main__":
    main()
