"""Print the speed figures the issues name. Run: python benchmarks/bench.py [--runs N]

Speed is checked here, by benchmark, never by a timed test. Figures:
- knowledge base load time: cold (validated from the YAML) and cached (msgpack);
- in-process recommendations per second (ranking, mix, cadence), and with sensitivity;
- whole-process wall time of `recommend --format json` and `--format text`, as ratios to a bare
  `python -c pass` measured in the same run (targets on a 2-core machine: json <= 8, text <= 12).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def best_rate(function, seconds: float = 1.0, rounds: int = 5) -> float:
    """Calls per second: the best of several rounds, to see past a noisy machine."""
    best = 0.0
    for _ in range(rounds):
        count, start = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - start) < seconds / rounds:
            function()
            count += 1
        best = max(best, count / elapsed)
    return best


def in_process(cache_dir: str) -> None:
    os.environ["FRAMEWORK_ADVISOR_CACHE_DIR"] = cache_dir
    from framework_advisor.engine.recommend import recommend
    from framework_advisor.kb.load import load
    from framework_advisor.storage import read_answers

    start = time.perf_counter()
    kb = load([], use_cache=False)
    cold = time.perf_counter() - start
    load([])  # writes the cache
    cached = min(_timed(lambda: load([])) for _ in range(20))
    print(f"knowledge base load: cold (YAML, validated) {cold * 1000:7.1f} ms")
    print(f"knowledge base load: cached (msgpack)       {cached * 1000:7.1f} ms")

    for sample in sorted(SAMPLES.glob("*.yaml")):
        answers = read_answers(kb, sample).answers
        plain = best_rate(lambda answers=answers: recommend(kb, answers, sensitivity=False))
        full = best_rate(lambda answers=answers: recommend(kb, answers), seconds=1.0)
        print(
            f"recommendations/s ({sample.stem:<12}): {plain:8.0f} (ranking, mix, cadence)"
            f"  {full:6.0f} with sensitivity   target >= 5,000"
        )


def _timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def whole_process(runs: int, cache_dir: str) -> None:
    env = dict(os.environ, FRAMEWORK_ADVISOR_CACHE_DIR=cache_dir)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure as installed: with cached bytecode
    python = sys.executable
    script = Path(python).with_name("framework-advisor")
    advisor = [str(script)] if script.exists() else [python, "-m", "framework_advisor"]
    answers = str(SAMPLES / "startup.yaml")
    json_answers = str(Path(cache_dir) / "startup.json")
    _write_json_answers(answers, json_answers)
    commands = {
        "python -c pass": [python, "-c", "pass"],
        "recommend --format json": [*advisor, "recommend", "--answers", answers, "--format", "json"],
        "recommend --format text": [*advisor, "recommend", "--answers", answers, "--format", "text"],
        "recommend --format json (JSON answers)": [
            *advisor, "recommend", "--answers", json_answers, "--format", "json",
        ],
    }  # fmt: skip
    for command in commands.values():  # warm up: bytecode, knowledge cache, file cache
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):  # interleaved, so machine noise hits every command alike
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
            times[name].append(time.perf_counter() - start)
    base = statistics.median(times["python -c pass"])
    targets = {"recommend --format json": 8, "recommend --format text": 12}
    for name, samples in times.items():
        median = statistics.median(samples)
        target = f"target <= {targets[name]}" if name in targets else ""
        print(f"{name:<40} {median * 1000:7.1f} ms  ratio {median / base:5.2f}  {target}")


def _write_json_answers(source: str, target: str) -> None:
    import json

    import yaml

    with open(source, encoding="utf-8") as stream:
        data = yaml.safe_load(stream)
    with open(target, "w", encoding="utf-8") as stream:
        json.dump(data, stream)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="whole-process runs per command")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache_dir:
        in_process(cache_dir)
        whole_process(args.runs, cache_dir)


if __name__ == "__main__":
    main()
