"""Every OSError on reading or writing is one line and exit 2, found before anything is
rewritten: names too long for the file system, folders this user may not open or write in,
a file where a folder should be."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from tests.conftest import SAMPLES
from tests.unit.denied import deny
from tests.unit.test_workshop_cli import _workshop

ANSWERS = SAMPLES / "startup.yaml"
LONG = "x" * 300


def _one_line(result: Result, *needles: str) -> str:
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


# names too long ------------------------------------------------------------------------------
@pytest.mark.parametrize("name", [f"{LONG}.md", f"{LONG}/report.md"], ids=["file", "folder"])
def test_report_to_a_name_too_long_is_one_line(
    run_cli: Callable[..., Result], tmp_path: Path, name: str
) -> None:
    result = run_cli("report", "-a", ANSWERS, "-f", "md", "-o", tmp_path / name)
    _one_line(result, "xxxx")


def test_templates_into_a_folder_name_too_long_is_one_line(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    _one_line(run_cli("templates", "--out", tmp_path / LONG), "xxxx")
    _one_line(run_cli("templates", "--out", tmp_path / LONG / "t"), "xxxx")


def test_workshop_new_with_a_name_too_long_is_one_line(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    _one_line(run_cli("workshop", "new", tmp_path / LONG, "--title", "Acme"), "xxxx")


# folders this user may not open --------------------------------------------------------------
@pytest.fixture
def locked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "locked"
    folder.mkdir()
    deny(monkeypatch, folder, read=True)
    return folder


def test_report_into_a_folder_one_may_not_open_is_one_line(
    run_cli: Callable[..., Result], locked: Path
) -> None:
    result = run_cli("report", "-a", ANSWERS, "-f", "md", "-o", locked / "r.md")
    _one_line(result, "r.md", "ermission denied")


def test_templates_into_a_folder_one_may_not_open_is_one_line(
    run_cli: Callable[..., Result], locked: Path
) -> None:
    _one_line(run_cli("templates", "--out", locked / "t"), "ermission denied")


def test_workshop_new_in_a_folder_one_may_not_open_is_one_line(
    run_cli: Callable[..., Result], locked: Path
) -> None:
    _one_line(run_cli("workshop", "new", locked / "w", "--title", "Acme"), "ermission denied")


# a workshop folder that cannot take the reveal -----------------------------------------------
def _config(folder: Path) -> dict:
    return yaml.safe_load((folder / "workshop.yaml").read_text(encoding="utf-8"))


def test_reveal_when_rounds_is_a_file_is_one_line_and_reveals_nothing(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    folder = _workshop(run_cli, tmp_path)
    (folder / "rounds").write_text("not a folder", encoding="utf-8")
    _one_line(run_cli("workshop", "reveal", folder), "rounds", "not a folder")
    assert _config(folder)["reveals"] == []


@pytest.mark.parametrize("locked_before", [False, True], ids=["first-write", "lock-file-exists"])
def test_reveal_in_a_read_only_workshop_is_one_line_and_reveals_nothing(
    run_cli: Callable[..., Result],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    locked_before: bool,
) -> None:
    folder = _workshop(run_cli, tmp_path)
    if locked_before:  # an earlier close made the lock file: only the writes can fail
        (folder / "workshop.yaml.lock").touch()
    before = (folder / "workshop.yaml").read_bytes()
    deny(monkeypatch, folder, read=False)
    _one_line(run_cli("workshop", "reveal", folder), "ermission denied")
    assert (folder / "workshop.yaml").read_bytes() == before
    assert not (folder / "rounds").exists()


def test_close_in_a_read_only_workshop_is_one_line(
    run_cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _workshop(run_cli, tmp_path)
    (folder / "workshop.yaml.lock").touch()
    deny(monkeypatch, folder, read=False)
    _one_line(run_cli("workshop", "close", folder), "workshop.yaml", "ermission denied")
    assert not _config(folder)["closed"]


def test_any_other_os_error_is_one_line_and_exit_2(
    run_cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last line of defence: an OSError no command foresaw still never shows a traceback."""
    import errno

    from framework_advisor import workshops

    def broken(*_: object, **__: object) -> None:
        raise OSError(errno.EIO, "Input/output error", str(tmp_path / "disk"))

    monkeypatch.setattr(workshops, "close", broken)
    _one_line(run_cli("workshop", "close", tmp_path), "disk", "Input/output error")
