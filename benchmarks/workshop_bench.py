"""Print how long a workshop summary takes as participants grow. Run:
python benchmarks/workshop_bench.py [--sizes 1000,2000,5000,10000] [--runs 3]

Issue 15's figures: a summary of 1,000 participant files <= 1 s on this machine, growing
linearly to 10,000; and the live view with 50 participants saving at once. Each size is a fresh workshop folder of answers files (the way the app
saves them: YAML with `_meta`), varied at random but reproducibly. Timed: reading every file
(with the same checks as `recommend --answers`), the whole aggregation, and the JSON; the
knowledge base is loaded once before (as in the command, where it is cached). The best of
``--runs`` runs is printed, with the time per participant."""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from framework_advisor.domain.contract import FIXED_QUESTIONS  # noqa: E402
from framework_advisor.kb.load import load  # noqa: E402
from framework_advisor.render.workshop import json_summary  # noqa: E402
from framework_advisor.sessions import dump_session  # noqa: E402
from framework_advisor.workshops import build_summary, create  # noqa: E402

NEEDS = FIXED_QUESTIONS["needs"][1]


def make(kb, folder: Path, count: int, seed: int = 15) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    create(folder, kb, title="Bench", fixed={"organisation": "Bench", "function": "company"})
    for i in range(count):
        answers = {
            "organisation": "Bench",
            "function": "company",
            "headcount": rng.choice([40, 80, 300, 1200]),
            "needs": rng.sample(NEEDS, rng.randint(1, 3)),
            "compensation_linked": rng.random() < 0.4,
            "industry": rng.choice(["saas", "software", "manufacturing"]),
            "maturity": rng.choice(["none", "kpis_only", "some_okrs", "mature"]),
            "change_pace": rng.choice(["stable", "moderate", "fast"]),
        }
        text = dump_session(kb, answers, None, participant=f"Person {i}")
        (folder / "participants" / f"person-{i:05d}.yaml").write_text(text, encoding="utf-8")


def live_view(kb, count: int = 50, saves: int = 60) -> None:  # type: ignore[no-untyped-def]
    """The live view's refresh with ``count`` participants saving ``saves`` times each, all
    at once: how many refreshes the bursts cause and how long each takes (the view computes
    off its UI thread, so the screen stays responsive while it does)."""
    import threading

    from framework_advisor.sources.atomic import atomic_write
    from framework_advisor.tui.folder_watch import FolderWatcher
    from framework_advisor.tui.watch_app import look

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "ws"
        make(kb, folder, count)
        times: list[float] = []

        def refresh() -> None:
            start = time.perf_counter()
            look(kb, folder)
            times.append(time.perf_counter() - start)

        watcher = FolderWatcher([folder, folder / "participants"], refresh)
        watcher.start()
        files = sorted((folder / "participants").iterdir())

        def saver(path: Path) -> None:
            text = path.read_text(encoding="utf-8")
            for _ in range(saves):
                atomic_write(path, text, force=True)
                time.sleep(0.05)

        start = time.perf_counter()
        threads = [threading.Thread(target=saver, args=(p,)) for p in files]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        time.sleep(1.0)
        watcher.stop()
        took = time.perf_counter() - start
        worst = max(times) if times else 0.0
        print(
            f"live view ({watcher.mode}): {count} participants x {saves} saves in {took:.1f} s "
            f"-> {len(times)} refreshes, each {1000 * min(times or [0]):.0f}-"
            f"{1000 * worst:.0f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2000,5000,10000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    kb = load([])
    print(f"{'participants':>12}  {'best s':>8}  {'ms each':>8}")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "ws"
            make(kb, folder, size)
            best = float("inf")
            for _ in range(args.runs):
                start = time.perf_counter()
                summary, _ = build_summary(kb, folder, minutes=60)
                json_summary(summary)
                best = min(best, time.perf_counter() - start)
            assert summary.participants == size, summary.skipped[:3]
            print(f"{size:>12}  {best:8.3f}  {1000 * best / size:8.3f}")
    live_view(kb)


if __name__ == "__main__":
    main()
