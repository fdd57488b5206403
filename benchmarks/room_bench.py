"""A full room on this machine: N participants join `serve` at once and keep answering.

Starts the real server on loopback, joins N participants over HTTP, opens their N websockets
together (each starts one app process, only after its join code was checked), and has every
participant answer three questions, all at the same time. Then every participant's second tab
takes the session over and answers the next question, and a reload continues it. Prints the
time until every app had drawn its first question, the answer latency (key press to the next
question drawn: median, 95th percentile, worst), the memory: per app process (proportional set
size, which shares the Python runtime's pages fairly among processes) and the server's own, and
how many answers the joins, takeovers and reloads lost (read back from the files: none).

Run: python benchmarks/room_bench.py [--participants 50]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.tui.room_client import Participant, serving  # noqa: E402

STEPS = [("Acme\r", "How many"), ("120\r", "Which stage"), ("\r", "Which part of")]
TAKEOVER_KEYS = "\x1b[B\r"  # the second tab chooses the first option of "Which part of"
EXPECTED = ("organisation", "headcount", "function")


class Crowd:
    """Keeps the participants in step: all answer together, all stay until measured."""

    def __init__(self) -> None:
        self.all_ready, self.all_answered, self.answered = asyncio.Event(), asyncio.Event(), 0


def memory_kib(pid: int, field: str) -> int:
    """A field of /proc/PID/smaps_rollup (Pss, Rss), in KiB."""
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


async def participant(  # type: ignore[no-untyped-def]
    room, crowd: Crowd, number: int, ready: list[float], latencies: list[float]
) -> None:
    async with Participant(room, f"10.9.{number // 250}.{number % 250 + 1}") as person:
        await person.join(f"Participant {number}")
        start = time.perf_counter()
        async with person.connect() as app:
            await app.wait_for("Question 1 of", timeout=300)
            ready.append(time.perf_counter() - start)
            await crowd.all_ready.wait()
            for keys, next_prompt in STEPS:
                await app.settled()  # as a person would: reads, then answers
                sent = time.perf_counter()
                await app.type(keys)
                await app.wait_for(next_prompt, timeout=120)
                latencies.append(time.perf_counter() - sent)
            crowd.answered += 1
            await crowd.all_answered.wait()  # stay connected: memory is measured with all in
            async with person.connect() as second_tab:  # takes the session over
                await second_tab.wait_for("Which part of", timeout=300)
                await app.closed.wait()
                await second_tab.settled()
                await second_tab.type(TAKEOVER_KEYS)
                await second_tab.wait_for("Question 5 of", timeout=300)
        async with person.connect() as reloaded:  # a reload continues where they were
            await reloaded.wait_for("Question 5 of", timeout=300)


def lost_answers(folder: Path, count: int) -> int:
    """Answers typed but missing from the participants' files, read back after the room."""
    import yaml

    lost = 0
    for path in folder.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        lost += sum(1 for key in EXPECTED if data.get(key) is None)
    files = len(list(folder.glob("*.yaml")))
    return lost + (count - files) * len(EXPECTED)


async def run(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        with serving(root / "room", root, "--trusted-proxy", "127.0.0.1") as room:
            crowd = Crowd()
            ready: list[float] = []
            latencies: list[float] = []
            idle_server = memory_kib(room.pid, "Rss")
            began = time.perf_counter()
            tasks = [
                asyncio.create_task(participant(room, crowd, n, ready, latencies))
                for n in range(count)
            ]
            while len(ready) < count:
                done = [t for t in tasks if t.done() and t.exception()]
                if done:
                    raise done[0].exception()  # type: ignore[misc]
                await asyncio.sleep(0.1)
            all_in = time.perf_counter() - began
            crowd.all_ready.set()
            while crowd.answered < count:
                done = [t for t in tasks if t.done() and t.exception()]
                if done:
                    raise done[0].exception()  # type: ignore[misc]
                await asyncio.sleep(0.1)
            apps = room.apps()
            pss = [memory_kib(pid, "Pss") for pid in apps]
            rss = [memory_kib(pid, "Rss") for pid in apps]
            server = memory_kib(room.pid, "Rss")
            crowd.all_answered.set()
            await asyncio.gather(*tasks)
        lost = lost_answers(root / "room", count)
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(f"participants connected at once:      {count} ({len(apps)} app processes)")
    print(f"all {count} apps drawn their first question in {all_in:.1f} s "
          f"(one app: median {statistics.median(ready):.1f} s)")  # fmt: skip
    print(f"answer latency, {len(latencies)} answers at once: median {statistics.median(latencies) * 1000:.0f} ms, "
          f"95th percentile {p95 * 1000:.0f} ms, worst {latencies[-1] * 1000:.0f} ms")  # fmt: skip
    print(f"memory per participant (app PSS):    {statistics.mean(pss) / 1024:.0f} MiB "
          f"(RSS {statistics.mean(rss) / 1024:.0f} MiB)")  # fmt: skip
    print(f"server:                              {server / 1024:.0f} MiB RSS "
          f"({idle_server / 1024:.0f} MiB idle)")  # fmt: skip
    print(f"room total:                          {(sum(pss) + server) / 1024:.0f} MiB")
    print(f"answers lost (joins, takeovers, reloads): {lost} of {count * len(EXPECTED)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=50)
    asyncio.run(run(parser.parse_args().participants))


if __name__ == "__main__":
    main()
