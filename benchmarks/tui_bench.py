"""TUI speed, as a person feels it: the real app in a pseudo-terminal, timed from the outside.

Prints: whole-process launch to the first interactive screen (target <= 0.8 s on a 2-core
machine) and the per-question transition time, key press to the next question drawn (target
<= 50 ms). Run: python benchmarks/tui_bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import pty
import re
import select
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

ESCAPES = re.compile(rb"\x1b\[[0-9;?<>=$]*[ -/]*[@-~]|\x1b[()][A-Z0-9]|\x1b[=>]|\x1b\][^\x07]*\x07")


STEPS = [  # typing (not timed), the key that moves on (timed), the next question's prompt
    ("acme", "\r", "How many people work"),
    ("120", "\r", "Which stage"),
    ("", "\x13", "Which part of"),  # Ctrl+S: skip the optional stage
    ("\x1b[B", "\r", "What do you most need"),  # down to the first option: nothing preselected
    (" ", "\r", "Will these goals feed"),  # space ticks the first need
    ("", "\r", "Which frameworks do you"),
    ("", "\r", "Which industry"),
    ("", "\r", "How mature"),
    ("", "\r", "What mainly drives"),
]


SETTLE = 0.3


class Terminal:
    """The app on a pty of 80x24; reads what it draws, with escape codes stripped."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # child
            os.execvpe(argv[0], argv, env)
        self.pid, self.fd = pid, fd
        import fcntl
        import struct
        import termios

        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.seen = b""

    def wait_for(self, text: str, timeout: float = 10.0) -> float:
        """Seconds until ``text`` is drawn (searching only what arrives from now on)."""
        needle = text.encode()
        start = time.perf_counter()
        self.seen = b""
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    break
                self.seen += ESCAPES.sub(b"", chunk)
                if needle in self.seen:
                    return time.perf_counter() - start
        raise TimeoutError(f"{text!r} not drawn within {timeout} s")

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def close(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(self.fd)


def command() -> list[str]:
    script = Path(sys.executable).with_name("framework-advisor")
    return [str(script)] if script.exists() else [sys.executable, "-m", "framework_advisor"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="fa-bench-"))
    env = dict(
        os.environ,
        TERM="xterm-256color",
        COLUMNS="80",
        LINES="24",
        FRAMEWORK_ADVISOR_DATA_DIR=str(folder / "data"),
        FRAMEWORK_ADVISOR_CACHE_DIR=str(folder / "cache"),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: with cached bytecode
    launches: list[float] = []
    transitions: list[float] = []
    try:
        for run in range(args.runs + 1):  # the first run warms caches and is not counted
            shutil.rmtree(folder / "data", ignore_errors=True)
            terminal = Terminal(command(), env)
            try:
                terminal.wait_for("New assessment", timeout=30)
                launch = time.perf_counter() - terminal.started
                terminal.send("\r")  # New assessment
                terminal.wait_for("Name it after")
                terminal.send("\r")  # accept the proposed name
                terminal.wait_for("Question 1 of")
                for typing, key, next_prompt in STEPS:
                    time.sleep(SETTLE)  # a person reads the question before answering
                    if typing:
                        terminal.send(typing)
                        time.sleep(SETTLE)
                    start = time.perf_counter()
                    terminal.send(key)
                    terminal.wait_for(next_prompt)
                    if run:
                        transitions.append(time.perf_counter() - start)
                if run:
                    launches.append(launch)
            finally:
                terminal.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(
        f"launch to first screen: median {statistics.median(launches):.2f} s "
        f"(best {min(launches):.2f} s, {len(launches)} runs)   target <= 0.8 s"
    )
    print(
        f"question transition:    median {statistics.median(transitions) * 1000:.0f} ms "
        f"(90th percentile {sorted(transitions)[int(len(transitions) * 0.9)] * 1000:.0f} ms, "
        f"{len(transitions)} transitions)   target <= 50 ms"
    )


if __name__ == "__main__":
    main()
