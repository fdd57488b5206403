"""The goal checker on the tool's own spreadsheets and as you type (issue 33): the whole `check`
command on a filled-in OKR planning workbook of 200 key result rows (target 0.5 s), and one
check of 20 objectives pasted into the app's checker screen (target 50 ms after a pause).

    python benchmarks/check_sheets_bench.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROWS = 200
OBJECTIVES = 20


def workbook(folder: Path) -> Path:
    """The OKR planning sheet as `templates` writes it, filled in with openpyxl."""
    from openpyxl import load_workbook

    subprocess.run(
        [sys.executable, "-m", "framework_advisor", "templates", "okr", "--out", str(folder)],
        check=True,
        capture_output=True,
    )
    book = load_workbook(folder / "okr-planning-sheet.xlsx")
    objectives, results = book["Objectives"], book["Key results"]
    for i in range(ROWS // 4):
        objectives.cell(row=4 + i, column=1, value=f"O{i}")
        objectives.cell(row=4 + i, column=2, value=f"Delight the customers of region {i}")
    for j in range(ROWS):
        results.cell(row=4 + j, column=1, value=f"O{j // 4}")
        text = f"Raise NPS in segment {j} from {j % 50} to {j % 50 + 10} by 30 September"
        results.cell(row=4 + j, column=3, value=text)
    target = folder / "filled.xlsx"
    book.save(target)
    return target


def pasted_seconds() -> float:
    from framework_advisor.engine.goals.check import REASON_IDS
    from framework_advisor.engine.goals.pasted import check_pasted
    from framework_advisor.engine.goals.rules import rule_ids
    from framework_advisor.kb.checks import load_checks

    book = load_checks(known_rules=rule_ids(), known_reasons=REASON_IDS)
    text = "# OKRs 2026-Q3\n" + "".join(
        f"\n## Objective: Delight the customers of region {i}\n"
        "- Increase NPS from 55 to 70 by 30 September\n- Call 100 customers\n"
        "- Cut churn from 3% to 2% by 30 September\n"
        for i in range(OBJECTIVES)
    )
    check_pasted(text, book)
    runs = 20
    started = time.perf_counter()
    for _ in range(runs):
        check_pasted(text, book)
    return (time.perf_counter() - started) / runs


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = workbook(Path(folder))
        command = [sys.executable, "-m", "framework_advisor", "check", str(path)]
        subprocess.run(command, capture_output=True)  # warm the knowledge-base cache
        times = []
        for _ in range(5):
            started = time.perf_counter()
            subprocess.run(command, capture_output=True)
            times.append(time.perf_counter() - started)
    print(f"check on a workbook of {ROWS} rows, whole command: {min(times):.2f} s (target 0.5 s)")
    print(
        f"{OBJECTIVES} objectives pasted, one check: {pasted_seconds() * 1000:.1f} ms (target 50 ms)"
    )


if __name__ == "__main__":
    main()
