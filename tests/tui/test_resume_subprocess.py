"""The real app in a pseudo-terminal, killed mid-questionnaire: nothing typed is lost and the
next start resumes at the question the user was on."""

from __future__ import annotations

import os
import re
import signal
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pytest
import yaml

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.sessions import SessionStore
from framework_advisor.tui.app import AdvisorApp
from framework_advisor.tui.screens.questionnaire import QuestionnaireScreen

from .conftest import progress_label, wait_for_screen

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

SRC = Path(__file__).resolve().parents[2] / "src"
TIMEOUT = 60.0  # seconds for any one step; CI machines are slow, but nothing waits forever
ESCAPES = re.compile(
    rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)"
)


class Terminal:
    """A child process on a pseudo-terminal of 80x24, read continuously in the background."""

    def __init__(self, args: list[str], env: dict[str, str], cwd: Path) -> None:
        import fcntl
        import termios

        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.process = subprocess.Popen(
            args,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=cwd,
            start_new_session=True,  # the pty becomes its controlling terminal
            close_fds=True,
        )
        os.close(slave)
        self._output = bytearray()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO once the child has gone
                return
            if not chunk:
                return
            with self._lock:
                self._output += chunk

    def screen_text(self) -> str:
        """Everything written so far, without escape sequences."""
        with self._lock:
            raw = bytes(self._output)
        return ESCAPES.sub(b"", raw).decode("utf-8", "replace")

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def wait_for(self, condition: Callable[[], Any], what: str) -> Any:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            result = condition()
            if result:
                return result
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        tail = self.screen_text()[-1500:]
        raise AssertionError(
            f"timed out waiting for {what} (exit code {self.process.poll()}); output ends:\n{tail}"
        )

    def wait_for_text(self, text: str) -> None:
        self.wait_for(lambda: text in self.screen_text(), repr(text))

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        with suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=TIMEOUT)
        with suppress(OSError):
            os.close(self.master)
        self._reader.join(timeout=5)


@pytest.fixture
def app_env(tmp_path: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TEXTUAL", "FRAMEWORK_ADVISOR_")) and k not in ("NO_COLOR",)
    }
    env.update(
        TERM="xterm-256color",
        COLUMNS="80",
        LINES="24",
        FRAMEWORK_ADVISOR_DATA_DIR=str(tmp_path / "data"),
        FRAMEWORK_ADVISOR_CACHE_DIR=str(tmp_path / "cache"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH", "")])),
    )
    return env


@contextmanager
def running(env: dict[str, str], cwd: Path, *args: str) -> Iterator[Terminal]:
    terminal = Terminal([sys.executable, "-m", "framework_advisor", *args], env, cwd)
    try:
        yield terminal
    finally:
        terminal.close()


def only_session(folder: Path) -> Path | None:
    files = sorted(folder.glob("*.yaml"))
    return files[0] if len(files) == 1 else None


def saved(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


@pytest.mark.subprocess
def test_killed_app_keeps_answers_and_resumes_at_the_question(
    app_env: dict[str, str], tmp_path: Path, kb: KnowledgeBase
) -> None:
    sessions = tmp_path / "data" / "sessions"
    with running(app_env, tmp_path) as term:
        term.wait_for_text("New assessment")
        term.type("\r")  # New assessment
        term.wait_for_text("Name it after the client or team")
        term.type("\r")  # accept the suggested name
        path = term.wait_for(lambda: only_session(sessions), "the session file")
        term.wait_for_text("What is the organisation")
        term.type("Acme")
        term.wait_for(lambda: saved(path).get("organisation") == "Acme", "the organisation")
        term.type("\r")
        term.wait_for(lambda: saved(path)["_meta"]["cursor"] == "headcount", "the next question")
        term.type("120")
        term.wait_for(lambda: saved(path).get("headcount") == 120, "the headcount")
        term.type("\r")
        term.wait_for(lambda: saved(path)["_meta"]["cursor"] == "stage", "the stage question")
        term.process.send_signal(signal.SIGKILL)
        assert term.process.wait(timeout=TIMEOUT) == -signal.SIGKILL

    data = saved(path)
    meta = data.pop("_meta")
    assert data == {"organisation": "Acme", "headcount": 120}
    assert meta["cursor"] == "stage"
    assert list(sessions.iterdir()) == [path]  # no temporary file left behind

    # Started again with --resume: it opens at the stage question. Down and Enter pick the first
    # stage, which can only happen there, and the earlier answers are still in the file.
    with running(app_env, tmp_path, "--resume") as term:
        term.wait_for_text("Which stage is the organisation at?")
        term.type("\x1b[B")  # down: nothing is highlighted until the user moves
        time.sleep(0.2)  # apart from the Enter, so the two are not read as one escape
        term.type("\r")
        term.wait_for(lambda: saved(path).get("stage") == "startup", "the stage answer")
        term.type("\x11")  # Ctrl+Q
        assert term.process.wait(timeout=TIMEOUT) == 0
    data = saved(path)
    assert {k: data[k] for k in ("organisation", "headcount", "stage")} == {
        "organisation": "Acme",
        "headcount": 120,
        "stage": "startup",
    }
    assert data["_meta"]["cursor"] == "function"


async def test_resumed_session_opens_at_its_cursor(kb: KnowledgeBase, tmp_path: Path) -> None:
    """The same resume, in-process: the session as the killed app left it."""
    store = SessionStore(tmp_path / "sessions")
    store.save("acme", kb, {"organisation": "Acme", "headcount": 120}, "stage")
    app = AdvisorApp(kb, store, session=store.load(store.most_recent() or "", kb))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, QuestionnaireScreen)
        assert screen.question_id == "stage"
        assert app.assessment.answers == {"organisation": "Acme", "headcount": 120}
        assert screen.query_one("#progress").label == progress_label(kb, "stage")
