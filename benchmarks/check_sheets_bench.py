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


PASTED = "# OKRs 2026-Q3\n" + "".join(
    f"\n## Objective: Delight the customers of region {i}\n"
    "- Increase NPS from 55 to 70 by 30 September\n- Call 100 customers\n"
    "- Cut churn from 3% to 2% by 30 September\n"
    for i in range(OBJECTIVES)
)


def pasted_seconds() -> float:
    from framework_advisor.engine.goals.pasted import check_pasted
    from framework_advisor.goal_review import check_book

    book = check_book()
    text = PASTED
    check_pasted(text, book)
    runs = 20
    started = time.perf_counter()
    for _ in range(runs):
        check_pasted(text, book)
    return (time.perf_counter() - started) / runs


def screen_seconds() -> tuple[float, float]:
    """From the pause's timer firing to the screen drawn again at 80x24 (the check, the
    findings list and the detail rebuilt, the next frame painted), and the headless driver's
    own wait for an idle app with nothing to draw, which the first figure includes: medians of
    20."""
    import asyncio
    import statistics

    from textual.widgets import TextArea

    from framework_advisor.kb.load import load
    from framework_advisor.sessions import SessionStore
    from framework_advisor.tui.app import AdvisorApp
    from framework_advisor.tui.screens.goal_check import GoalCheckScreen

    async def measure() -> tuple[list[float], list[float]]:
        with tempfile.TemporaryDirectory() as folder:
            app = AdvisorApp(load([]), SessionStore(Path(folder)))
            updates, idle = [], []
            async with app.run_test(size=(80, 24)) as pilot:
                app.action_goals()
                await pilot.pause()
                screen = app.screen
                assert isinstance(screen, GoalCheckScreen)
                area = screen.query_one("#goals-text", TextArea)
                # Two texts whose findings differ, in turn: each check redraws its findings.
                texts = (PASTED, PASTED.replace("Call 100 customers", "Visit 100 customers"))
                for run in range(20):
                    area.load_text(texts[run % 2])
                    await pilot.pause()
                    started = time.perf_counter()
                    screen.check_now()
                    await pilot.pause()
                    updates.append(time.perf_counter() - started)
                    started = time.perf_counter()
                    await pilot.pause()
                    idle.append(time.perf_counter() - started)
            return updates, idle

    updates, idle = asyncio.run(measure())
    return statistics.median(updates), statistics.median(idle)


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
    update, idle = screen_seconds()
    print(
        f"{OBJECTIVES} objectives, the checker screen after a pause (check and redraw, 80x24): "
        f"{(update - idle) * 1000:.1f} ms (target 50 ms; {update * 1000:.1f} ms measured, of "
        f"which {idle * 1000:.1f} ms is the headless driver's idle wait)"
    )


if __name__ == "__main__":
    main()
