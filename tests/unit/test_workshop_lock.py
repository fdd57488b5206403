"""One lock serialises writes to a workshop's `workshop.yaml`: a reveal and a close at the same
moment never lose the close (before the lock, 4 runs in 10 left the workshop open)."""

from __future__ import annotations

import threading
from pathlib import Path

import yaml

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.errors import AdvisorError
from framework_advisor.workshops import close, reveal
from tests.unit.test_workshop_cli import _workshop

RUNS = 40


def _config(folder: Path) -> dict:
    return yaml.safe_load((folder / "workshop.yaml").read_text(encoding="utf-8"))


def _at_once(*actions) -> list[BaseException]:  # type: ignore[no-untyped-def]
    """Run the actions in threads released together; the errors they raised."""
    start = threading.Barrier(len(actions))
    errors: list[BaseException] = []

    def run(action) -> None:  # type: ignore[no-untyped-def]
        start.wait()
        try:
            action()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(a,)) for a in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_a_reveal_and_a_close_at_once_never_lose_the_close(
    run_cli, kb: KnowledgeBase, tmp_path: Path
) -> None:
    folder = _workshop(run_cli, tmp_path)
    template = (folder / "workshop.yaml").read_text(encoding="utf-8")
    for run in range(RUNS):
        (folder / "workshop.yaml").write_text(template, encoding="utf-8")
        errors = _at_once(lambda: reveal(kb, folder), lambda: close(folder, kb.text))
        config = _config(folder)
        assert config["closed"], f"run {run}: the close was lost"
        # the reveal either came first (and is kept) or found the workshop closed
        refused = [e for e in errors if isinstance(e, AdvisorError) and "closed" in str(e)]
        assert len(errors) == len(refused), errors
        assert len(config["reveals"]) == (0 if refused else 1), run


ACTOR = """
import sys, time
from pathlib import Path
from framework_advisor.errors import AdvisorError
from framework_advisor.kb.load import load
from framework_advisor.workshops import close, reveal
folder, action, ready, go = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4])
kb = load([], use_cache=False)
ready.touch()
while not go.exists():
    time.sleep(0.001)
try:
    reveal(kb, folder) if action == "reveal" else close(folder, kb.text)
except AdvisorError as exc:
    print(exc, file=sys.stderr)
"""


def test_reveal_and_close_processes_at_once_never_lose_the_close(run_cli, tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    go = tmp_path / "go"
    folders, processes = [], []
    for run in range(10):
        folder = _workshop(run_cli, tmp_path / f"run{run}")
        folders.append(folder)
        for action in ("reveal", "close"):
            ready = tmp_path / f"ready-{run}-{action}"
            processes.append(
                subprocess.Popen(
                    [sys.executable, "-c", ACTOR, str(folder), action, str(ready), str(go)],
                    stderr=subprocess.PIPE,
                    text=True,
                )
            )
    deadline = time.monotonic() + 120
    while len(list(tmp_path.glob("ready-*"))) < len(processes):
        assert time.monotonic() < deadline, "the processes never got ready"
        assert all(p.poll() is None for p in processes), "a process ended early"
        time.sleep(0.05)
    go.touch()
    for process in processes:
        _, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        assert not err or "closed" in err, err
    for run, folder in enumerate(folders):
        assert _config(folder)["closed"], f"run {run}: the close was lost"


def test_a_held_lock_makes_a_close_wait_then_say_busy(run_cli, tmp_path: Path, monkeypatch) -> None:
    import fcntl
    import os

    from framework_advisor import workshop_lock

    folder = _workshop(run_cli, tmp_path)
    monkeypatch.setattr(workshop_lock, "WAIT", 0.3)
    fd = os.open(folder / workshop_lock.LOCK, os.O_RDONLY | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # another command in the middle of its write
        result = run_cli("workshop", "close", folder)
    finally:
        os.close(fd)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "busy" in result.stderr
    assert not _config(folder)["closed"]
    assert run_cli("workshop", "close", folder).exit_code == 0  # once it is free
    assert _config(folder)["closed"]


def test_a_lock_file_that_is_not_a_file_is_one_line(run_cli, tmp_path: Path) -> None:
    import os

    folder = _workshop(run_cli, tmp_path)
    lock = folder / "workshop.yaml.lock"
    for make in (lambda: lock.symlink_to(tmp_path / "elsewhere"), lambda: os.mkfifo(lock),
                 lock.mkdir):  # fmt: skip
        make()
        result = run_cli("workshop", "close", folder)
        assert result.exit_code == 2, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "lock" in result.stderr
        assert not (tmp_path / "elsewhere").exists()
        lock.rmdir() if lock.is_dir() and not lock.is_symlink() else lock.unlink()
    assert not _config(folder)["closed"]
