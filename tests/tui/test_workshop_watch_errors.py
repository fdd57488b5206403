"""The live view's `r` and `c` keys on a workshop folder that cannot take them: an error line,
never a crash (the view used to crash and exit 0), and `q` still quits. A round file that is a
FIFO does not hang the view."""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

import pytest
import yaml
from textual.widgets import Static

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.tui.watch_app import WatchApp
from tests.tui.conftest import wait_until
from tests.unit.denied import deny

ALBA = {"needs": ["alignment"], "industry": "saas", "maturity": "none", "headcount": 80,
        "leadership_time": "medium", "_meta": {"participant": "Alba"}}  # fmt: skip


@pytest.fixture
def workshop(run_cli, tmp_path: Path) -> Path:
    folder = tmp_path / "acme"
    assert run_cli("workshop", "new", folder, "--title", "Acme",
                   "--set", "function=company").exit_code == 0  # fmt: skip
    (folder / "participants" / "alba.yaml").write_text(yaml.safe_dump(ALBA))
    return folder


def _config(folder: Path) -> dict:
    return yaml.safe_load((folder / "workshop.yaml").read_text(encoding="utf-8"))


def _error(app: WatchApp) -> str:
    line = app.query_one("#error", Static)
    return str(line.render()) if line.display else ""


async def _press_then_quit(app: WatchApp, key: str, *needles: str) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.refreshes >= 1)
        assert _error(app) == ""
        await pilot.press(key)
        await wait_until(pilot, lambda: _error(app), what=lambda: _error(app))
        error = _error(app)
        assert "\n" not in error.strip()
        for needle in needles:
            assert needle in error, (needle, error)
        assert app.is_running
        await pilot.press("q")
        await wait_until(pilot, lambda: not app.is_running)
    assert app.return_code in (0, None)


async def test_reveal_when_rounds_is_a_file_is_an_error_line(
    kb: KnowledgeBase, workshop: Path
) -> None:
    (workshop / "rounds").write_text("not a folder", encoding="utf-8")
    await _press_then_quit(WatchApp(kb, workshop), "r", "Could not reveal", "not a folder")
    assert _config(workshop)["reveals"] == []


@pytest.mark.parametrize("key", ["r", "c"])
async def test_a_key_in_a_read_only_workshop_is_an_error_line(
    kb: KnowledgeBase, workshop: Path, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    before = (workshop / "workshop.yaml").read_bytes()
    deny(monkeypatch, workshop, read=False)
    await _press_then_quit(WatchApp(kb, workshop), key, "Permission denied")
    assert (workshop / "workshop.yaml").read_bytes() == before


@pytest.mark.parametrize("key", ["r", "c"])
async def test_any_os_error_behind_a_key_is_an_error_line(
    kb: KnowledgeBase, workshop: Path, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    from framework_advisor import workshops

    def broken(*_: object) -> None:
        raise OSError(errno.EIO, "Input/output error", str(workshop / "workshop.yaml"))

    monkeypatch.setattr(workshops, "reveal" if key == "r" else "close", broken)
    await _press_then_quit(WatchApp(kb, workshop), key, "Input/output error", "workshop.yaml")


async def test_a_fifo_for_the_round_file_does_not_hang_the_view(
    run_cli, kb: KnowledgeBase, workshop: Path
) -> None:
    assert run_cli("workshop", "reveal", workshop).exit_code == 0
    fifo = workshop / "rounds" / "1.json"
    fifo.unlink()
    os.mkfifo(fifo)
    app = WatchApp(kb, workshop)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            try:
                await wait_until(pilot, lambda: app.refreshes >= 1)
                assert "revealed" in str(app.query_one("#status").render())
                await pilot.press("q")
                await wait_until(pilot, lambda: not app.is_running)
            finally:  # let a reader stuck on the FIFO go, or a failing run never ends
                with contextlib.suppress(OSError):
                    os.close(os.open(fifo, os.O_RDWR | os.O_NONBLOCK))
    finally:
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_RDWR | os.O_NONBLOCK))
