"""The goal checker's speed (issue 32): 1,000 objectives with 4 key results each checked in
process (target 0.5 s), and the whole `check` command on that file (target 1 s).

    python benchmarks/goal_check_bench.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from framework_advisor.engine.goals.check import REASON_IDS, check_goals
from framework_advisor.engine.goals.rules import rule_ids
from framework_advisor.kb.checks import load_checks
from framework_advisor.sources.yaml_lines import parse_yaml

KEY_RESULTS = [
    "Increase NPS from {n} to {m} by end of Q3",
    "Call {n} prospects",
    "Maintain uptime above 99.{n}%",
    "Launch the partner portal number {n} by 30 September",
]


def goal_file(objectives: int = 1000) -> str:
    data = {
        "period": "2026-Q3",
        "objectives": [
            {
                "objective": f"Delight the customers of region {i}",
                "type": "committed",
                "key_results": [kr.format(n=i % 90, m=i % 90 + 5) for kr in KEY_RESULTS],
            }
            for i in range(objectives)
        ],
    }
    return yaml.safe_dump(data, sort_keys=False)


def main() -> None:
    text = goal_file()
    book = load_checks(known_rules=rule_ids(), known_reasons=REASON_IDS)
    document = parse_yaml(text, "bench.yaml", aliases=False)
    start = time.perf_counter()
    report = check_goals(document.data, document, book)
    checked = time.perf_counter() - start
    print(f"in process: 1,000 objectives x 4 key results checked in {checked:.3f} s (target 0.5 s)")
    print(f"  {len(report.findings):,} findings, {len(report.items):,} items")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "goals.yaml"
        path.write_text(text, encoding="utf-8")
        command = [sys.executable, "-m", "framework_advisor", "check", str(path), "-f", "json"]
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        whole = time.perf_counter() - start
    print(f"whole command (parse YAML, check, JSON out): {whole:.3f} s (target 1 s)")


if __name__ == "__main__":
    main()
