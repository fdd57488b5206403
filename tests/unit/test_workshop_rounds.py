"""`rounds/<n>.json` is read with the limits and checks of an answers file: a FIFO, a link to
/dev/zero, wrong shapes or deep nesting cost a note, never a hang or a traceback."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.test_workshop_cli import PEOPLE, _workshop

TIMEOUT = 60


def _revealed(run_cli, tmp_path: Path) -> Path:
    folder = _workshop(run_cli, tmp_path)
    assert run_cli("workshop", "reveal", folder).exit_code == 0
    return folder


def _summary_process(folder: Path) -> subprocess.CompletedProcess[str]:
    """In a process of its own, so that a hang is a failed test rather than a stuck run."""
    return subprocess.run(
        [sys.executable, "-m", "framework_advisor", "workshop", "summary", str(folder),
         "--format", "json"],
        capture_output=True, text=True, timeout=TIMEOUT, check=False,
    )  # fmt: skip


def _unblock(fifo: Path) -> None:
    """Let a reader stuck opening the FIFO go (a failing run would otherwise never end)."""
    with contextlib.suppress(OSError):
        os.close(os.open(fifo, os.O_RDWR | os.O_NONBLOCK))


def test_a_fifo_for_a_round_file_is_a_note_not_a_hang(run_cli, tmp_path: Path) -> None:
    folder = _revealed(run_cli, tmp_path)
    fifo = folder / "rounds" / "1.json"
    fifo.unlink()
    os.mkfifo(fifo)
    try:
        result = _summary_process(folder)
    finally:
        _unblock(fifo)
    assert result.returncode == 0, result.stderr
    assert "1.json: is a FIFO" in result.stderr and "previous round is left out" in result.stderr
    assert json.loads(result.stdout)["participants"] == len(PEOPLE)


def test_a_link_to_dev_zero_is_a_note_not_gigabytes(run_cli, tmp_path: Path) -> None:
    folder = _revealed(run_cli, tmp_path)
    link = folder / "rounds" / "1.json"
    link.unlink()
    link.symlink_to("/dev/zero")
    result = _summary_process(folder)
    assert result.returncode == 0, result.stderr
    assert "1.json: is a device" in result.stderr


PERSON = {"id": "P1", "name": "Xanthe", "file": "xanthe.yaml"}
BAD_ROUNDS = {
    "a list": [],
    "text": "round one",
    "participants not a list": {"participants": 5},
    "an id that is a number": {"participants": [{**PERSON, "id": 1, "answers": {}}]},
    "answers that are a list": {"participants": [{**PERSON, "answers": ["headcount"]}]},
    "a headcount of text": {
        "participants": [{**PERSON, "answers": {**PEOPLE["Xanthe Quillon"], "headcount": "many"}}]
    },
    "an option that does not exist": {
        "participants": [{**PERSON, "answers": {**PEOPLE["Xanthe Quillon"], "needs": [{"x": 1}]}}]
    },
}


@pytest.mark.parametrize("content", BAD_ROUNDS.values(), ids=BAD_ROUNDS.keys())
def test_a_round_file_of_the_wrong_shape_is_a_note(run_cli, tmp_path: Path, content) -> None:
    folder = _revealed(run_cli, tmp_path)
    (folder / "rounds" / "1.json").write_text(json.dumps(content), encoding="utf-8")
    result = run_cli("workshop", "summary", folder, "--format", "json")
    assert result.exit_code == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if "1.json" in line]
    assert len(notes) == 1 and "previous round is left out" in notes[0]
    assert json.loads(result.stdout)["rounds"] == []


def test_a_deeply_nested_round_file_is_a_note(run_cli, tmp_path: Path) -> None:
    folder = _revealed(run_cli, tmp_path)
    (folder / "rounds" / "1.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = run_cli("workshop", "summary", folder, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "nested more than" in result.stderr


def test_a_huge_round_file_is_refused_by_its_size(run_cli, tmp_path: Path) -> None:
    folder = _revealed(run_cli, tmp_path)
    (folder / "rounds" / "1.json").write_bytes(b" " * (6 * 1024 * 1024))
    result = run_cli("workshop", "summary", folder, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "larger than the limit" in result.stderr


def test_a_good_round_file_still_compares_rounds(run_cli, tmp_path: Path) -> None:
    from tests.unit.test_workshop_cli import _write

    folder = _revealed(run_cli, tmp_path)
    _write(folder, "Borvik Ostrand", {**PEOPLE["Borvik Ostrand"], "maturity": "none"}, ".json")
    result = run_cli("workshop", "summary", folder, "--format", "json")
    assert result.exit_code == 0 and "left out" not in result.stderr
    assert json.loads(result.stdout)["round"] == 2
