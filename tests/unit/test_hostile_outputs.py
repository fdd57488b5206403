"""Output paths, as a careless user or an attacker would give them: writes keep their promises.

No-overwrite is atomic, links and special files are never written through or replaced, `-o -`
is standard output, names are checked against the file system's limit (and a legal 255-byte
name works), multi-file outputs are all or nothing, and our stale temporary files go away."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from framework_advisor.errors import OutputError
from framework_advisor.sources import atomic
from framework_advisor.sources.atomic import atomic_write

from ..conftest import SAMPLES
from .hostile import assert_one_error, make_fifo, run

ANSWERS = SAMPLES / "startup.yaml"
OLD = b"precious old content\n"


def existing(tmp: Path) -> Path:
    path = tmp / "out.md"
    path.write_bytes(OLD)
    return path


def dangling(tmp: Path) -> Path:
    (tmp / "out.md").symlink_to(tmp / "nowhere.md")
    return tmp / "out.md"


def link_to_file(tmp: Path) -> Path:
    (tmp / "target.md").write_bytes(OLD)
    (tmp / "out.md").symlink_to(tmp / "target.md")
    return tmp / "out.md"


def link_to_folder(tmp: Path) -> Path:
    (tmp / "folder").mkdir()
    (tmp / "out.md").symlink_to(tmp / "folder")
    return tmp / "out.md"


def fifo(tmp: Path) -> Path:
    return make_fifo(tmp / "out.md")


def folder(tmp: Path) -> Path:
    (tmp / "out.md").mkdir()
    return tmp / "out.md"


def named(name: str) -> Callable[[Path], Path]:
    return lambda tmp: tmp / name


REFUSED: list[tuple[str, Callable[[Path], Path], tuple[str, ...], tuple[str, ...]]] = [
    ("existing", existing, (), ("already exists", "--force")),
    ("dangling-link", dangling, (), ("symbolic link",)),
    ("dangling-link-force", dangling, ("--force",), ("symbolic link",)),
    ("link-to-file", link_to_file, (), ("symbolic link",)),
    ("link-to-file-force", link_to_file, ("--force",), ("symbolic link",)),
    ("link-to-folder-force", link_to_folder, ("--force",), ("symbolic link",)),
    ("fifo", fifo, (), ("special file",)),
    ("fifo-force", fifo, ("--force",), ("special file",)),
    ("dev-null-force", lambda _t: Path("/dev/null"), ("--force",), ("/dev/null", "special file")),
    ("dev-zero-force", lambda _t: Path("/dev/zero"), ("--force",), ("special file",)),
    ("folder", folder, ("--force",), ("is a folder",)),
    ("dot", lambda _t: Path("."), (), ("is a folder",)),
    ("missing-folder", named("no/such/folder/out.md"), (), ("does not exist",)),
    ("file-as-folder", lambda t: existing(t) / "out.md", (), ("cannot write",)),
    ("name-256-bytes", named("x" * 253 + ".md"), (), ("256 bytes", "allows 255")),
    ("name-256-utf8-bytes", named("é" * 126 + ".mdx"), (), ("256 bytes",)),
    ("name-1000-bytes", named("y" * 1000), ("--force",), ("1000 bytes",)),
]


@pytest.mark.parametrize(
    ("make", "flags", "has"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED]
)
def test_refused_output(
    tmp_path: Path, make: Callable[[Path], Path], flags: tuple[str, ...], has: tuple[str, ...]
) -> None:
    target = make(tmp_path)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    contents = {
        p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and not p.is_symlink()
    }
    result, elapsed = run("recommend", "-a", ANSWERS, "-f", "md", "-o", target, *flags)
    assert_one_error(result, elapsed, *has)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # no temporary file left
    for path, data in contents.items():
        assert path.read_bytes() == data  # nothing overwritten
    if len(os.fsencode(target.name)) <= 255 and target.is_symlink():
        assert os.readlink(target)  # the link itself is untouched


def test_empty_output_name_is_a_one_line_error(tmp_path: Path) -> None:
    result, elapsed = run("recommend", "-a", ANSWERS, "-o", "")
    assert_one_error(result, elapsed, "-o/--output", "empty file name")


def test_dash_writes_to_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result, _ = run("recommend", "-a", ANSWERS, "-f", "md", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Framework recommendation for Brightloop")
    assert list(tmp_path.iterdir()) == []  # no file called "-"


def test_dash_takes_binary_reports_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result, _ = run("report", "-a", ANSWERS, "-f", "docx", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"PK")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "name", ["z" * 252 + ".md", "é" * 126 + ".md", "日" * 84 + ".md", "\x1b[31mred\x07.md"]
)
def test_legal_names_work(tmp_path: Path, name: str) -> None:
    result, _ = run("recommend", "-a", ANSWERS, "-f", "md", "-o", tmp_path / name)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / name).read_text(encoding="utf-8").startswith("# Framework")
    assert [p.name for p in tmp_path.iterdir()] == [name]
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


def test_force_replaces_a_regular_file(tmp_path: Path) -> None:
    target = existing(tmp_path)
    result, _ = run("recommend", "-a", ANSWERS, "-f", "md", "-o", target, "--force")
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Framework")


def test_simultaneous_writes_without_force_never_both_succeed(tmp_path: Path) -> None:
    """20 rounds of two writers racing for one name: exactly one wins each time."""
    for round_ in range(20):
        target = tmp_path / f"race-{round_}.md"
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def write(
            text: str,
            barrier: threading.Barrier = barrier,
            target: Path = target,
            outcomes: list[str] = outcomes,
        ) -> None:
            barrier.wait()
            try:
                atomic_write(target, text)
                outcomes.append(text)
            except OutputError as exc:
                assert "already exists" in str(exc)
                outcomes.append("refused")

        threads = [threading.Thread(target=write, args=(t,)) for t in ("first", "second")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        winners = [o for o in outcomes if o != "refused"]
        assert len(winners) == 1, outcomes
        assert target.read_text(encoding="utf-8") == winners[0]
    assert (
        sorted(p.name for p in tmp_path.iterdir())
        == [f"race-{i}.md" for i in sorted(range(20), key=str)]
        or len(list(tmp_path.iterdir())) == 20
    )


@pytest.mark.subprocess
def test_two_processes_racing_for_one_name(tmp_path: Path) -> None:
    target = tmp_path / "same.md"
    command = [
        sys.executable,
        "-m",
        "framework_advisor",
        "recommend",
        "-a",
        str(ANSWERS),
        "-f",
        "md",
        "-o",
        str(target),
    ]
    procs = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    codes = [p.wait(timeout=60) for p in procs]
    assert sorted(codes) == [0, 2], [p.stderr.read() for p in procs if p.stderr]
    assert [p.name for p in tmp_path.iterdir()] == ["same.md"]


def _stale_temp(folder: Path, pid: int, age: float = 0.0, tag: str = "abc123") -> Path:
    stamp = atomic._stamp().rpartition("-")[2]
    path = folder / f".out.md.fa{pid}-{stamp}{tag}.tmp"
    path.write_bytes(b"x" * 1000)
    if age:
        then = time.time() - age
        os.utime(path, (then, then))
    return path


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_our_stale_temporary_files_are_cleaned_on_the_next_write(tmp_path: Path) -> None:
    dead = _stale_temp(tmp_path, _dead_pid())
    old = _stale_temp(tmp_path, os.getppid(), age=2 * 86400, tag="old000")
    alive = _stale_temp(
        tmp_path, os.getppid(), tag="live00"
    )  # a write in progress in a live process
    other = tmp_path / ".not-ours.tmp"
    other.write_text("keep", encoding="utf-8")
    result, _ = run("recommend", "-a", ANSWERS, "-f", "md", "-o", tmp_path / "new.md")
    assert result.exit_code == 0, result.stderr
    assert not dead.exists() and not old.exists()
    assert alive.exists() and other.exists()


@pytest.mark.subprocess
def test_a_killed_write_leaves_nothing_that_stays(tmp_path: Path) -> None:
    """SIGKILL in the middle of a write; the next write to the folder cleans up after it."""
    code = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from framework_advisor.sources import atomic\n"
        "real = os.fsync\n"
        "def die(fd):\n"
        "    os.kill(os.getpid(), 9)\n"
        "os.fsync = die\n"
        f"atomic.atomic_write(Path({str(tmp_path / 'big.md')!r}), b'x' * 10_000_000)\n"
    )
    subprocess.run([sys.executable, "-c", code], timeout=60, check=False)
    assert any(p.name.endswith(".tmp") for p in tmp_path.iterdir())  # the kill left one
    assert not (tmp_path / "big.md").exists()
    result, _ = run("recommend", "-a", ANSWERS, "-f", "md", "-o", tmp_path / "next.md")
    assert result.exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["next.md"]


def test_templates_are_all_or_nothing_when_the_disk_fills(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[str] = []
    real = atomic._write_temp

    def fill_up(directory: Path, name: str, payload: bytes, mode: int) -> Path:
        if len(written) == 4:
            raise OSError(28, "No space left on device")
        written.append(name)
        return real(directory, name, payload, mode)

    monkeypatch.setattr(atomic, "_write_temp", fill_up)
    out = tmp_path / "starter"
    result, elapsed = run("templates", "-f", "md", "--out", out)
    assert_one_error(result, elapsed, "No space left on device", "nothing was written")
    assert list(out.iterdir()) == []  # not 4 of 9, and no temporary folder


def test_templates_refuse_a_link_among_the_targets_and_write_none(tmp_path: Path) -> None:
    out = tmp_path / "starter"
    out.mkdir()
    (out / "okr-planning-sheet.md").symlink_to(tmp_path / "elsewhere.md")
    result, elapsed = run("templates", "-f", "md", "--out", out, "--force")
    assert_one_error(result, elapsed, "okr-planning-sheet.md", "refusing")
    assert [p.name for p in out.iterdir()] == ["okr-planning-sheet.md"]
    assert not (tmp_path / "elsewhere.md").exists()


def test_templates_with_force_replace_every_file(tmp_path: Path) -> None:
    out = tmp_path / "starter"
    first, _ = run("templates", "-f", "md", "--out", out)
    assert first.exit_code == 0
    names = sorted(p.name for p in out.iterdir())
    again, _ = run("templates", "-f", "md", "--out", out, "--force")
    assert again.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == names  # no temporary folder left behind


def test_templates_with_force_put_everything_back_when_a_move_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "starter"
    first, _ = run("templates", "-f", "md", "--out", out)
    assert first.exit_code == 0
    for path in out.iterdir():
        path.write_text(f"the user's own {path.name}\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    moves: list[Path] = []
    real = atomic._place

    def fail_third(temp: Path, path: Path, *, force: bool) -> None:
        moves.append(path)
        if len(moves) == 3:
            raise OSError(5, "Input/output error")
        real(temp, path, force=force)

    monkeypatch.setattr(atomic, "_place", fail_third)
    result, elapsed = run("templates", "-f", "md", "--out", out, "--force")
    assert_one_error(result, elapsed, "Input/output error", "nothing was written")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
