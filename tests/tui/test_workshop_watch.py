"""`workshop watch DIR`: the facilitator's live view follows the files and its keys act."""

from __future__ import annotations

import queue
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml
from textual.widgets import DataTable

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.render.workshop.outline import workshop_say
from framework_advisor.tui import folder_watch
from framework_advisor.tui.folder_watch import FolderWatcher
from framework_advisor.tui.watch_app import NAME_WIDTH, WatchApp
from tests.tui.conftest import wait_until

ALBA = {"needs": ["alignment"], "industry": "saas", "maturity": "none", "headcount": 80,
        "_meta": {"participant": "Alba"}}  # fmt: skip
BRAM = {"needs": ["alignment", "goal_clarity"], "industry": "software",
        "_meta": {"participant": "Bram"}}  # fmt: skip


@pytest.fixture
def workshop(run_cli, tmp_path: Path) -> Path:
    folder = tmp_path / "acme"
    assert run_cli("workshop", "new", folder, "--title", "Acme",
                   "--set", "function=company").exit_code == 0  # fmt: skip
    (folder / "participants" / "alba.yaml").write_text(yaml.safe_dump(ALBA))
    return folder


def _rows(app: WatchApp, table: str) -> list[list[str]]:
    grid = app.query_one(table)
    return [[str(c) for c in grid.get_row_at(i)] for i in range(grid.row_count)]


@pytest.mark.parametrize("poll", [False, True], ids=["inotify", "polling"])
async def test_the_view_follows_new_answers_and_its_keys_reveal_and_close(
    kb: KnowledgeBase, workshop: Path, poll: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if poll:
        monkeypatch.setenv("FRAMEWORK_ADVISOR_POLL", "1")
    app = WatchApp(kb, workshop)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.refreshes >= 1)
        assert app.watcher.mode == ("polling" if poll else "inotify")
        assert _rows(app, "#people")[0][:2] == ["P1", "Alba"]
        assert "round 1" in str(app.query_one("#status").render())
        assert "Group top three so far" in str(app.query_one("#top").render())

        (workshop / "participants" / "bram.yaml").write_text(yaml.safe_dump(BRAM))
        await wait_until(pilot, lambda: len(_rows(app, "#people")) == 2, timeout=10)
        people = _rows(app, "#people")
        assert people[1][:2] == ["P2", "Bram"]
        done, total = people[1][2].split("/")
        assert 0 < int(done) < int(total)  # Bram has not answered everything yet
        industry = next(r for r in _rows(app, "#consensus") if r[1] == "Industry")

        def words(word: str) -> str:  # two people: agree or split
            return workshop_say(kb.text, word)

        assert industry == [words("mark.split"), "Industry", words("level.split")]

        await pilot.press("r")
        await wait_until(pilot, lambda: "revealed" in str(app.query_one("#status").render()))
        assert len(yaml.safe_load((workshop / "workshop.yaml").read_text())["reveals"]) == 1
        await pilot.press("c")
        await wait_until(pilot, lambda: "closed" in str(app.query_one("#status").render()))
        assert yaml.safe_load((workshop / "workshop.yaml").read_text())["closed"]


@pytest.fixture
def inotify(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bursts as the product sees them on Linux; the quiet that ends one made long enough that a
    busy machine's pauses between two saves do not end it early."""
    if not sys.platform.startswith("linux"):
        pytest.skip("inotify is Linux's; elsewhere the watcher polls once a second")
    monkeypatch.delenv("FRAMEWORK_ADVISOR_POLL", raising=False)
    monkeypatch.setattr(folder_watch, "SETTLE", 1.0)


@pytest.mark.usefixtures("inotify")
def test_the_watcher_calls_once_per_burst(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(folder_watch, "LONGEST", 60.0)
    seen: queue.Queue[int] = queue.Queue()  # the files there at each call
    watcher = FolderWatcher([tmp_path], lambda: seen.put(len(list(tmp_path.iterdir()))))
    watcher.start()
    try:
        assert watcher.mode == "inotify"
        for i in range(50):
            (tmp_path / f"p{i}.yaml").write_text("x")
        assert seen.get(timeout=30) == 50  # a burst of 50 saves is one refresh, after the last
        (tmp_path / "next.yaml").write_text("x")
        assert seen.get(timeout=30) == 51  # and nothing of the burst was left for a second one
    finally:
        watcher.stop()


@pytest.mark.usefixtures("inotify")
def test_saving_that_never_pauses_still_refreshes(tmp_path: Path) -> None:
    """Saves closer together than the quiet that ends a burst: a call every LONGEST second all
    the same, each for many saves."""
    calls = threading.Semaphore(0)
    watcher = FolderWatcher([tmp_path], calls.release)
    watcher.start()
    saves = refreshes = 0
    try:
        deadline = time.monotonic() + 60
        while refreshes < 3 and time.monotonic() < deadline:
            (tmp_path / "p.yaml").write_text(str(saves))
            saves += 1
            if calls.acquire(timeout=0.05):
                refreshes += 1
    finally:
        watcher.stop()
    assert refreshes == 3, f"{refreshes} refreshes in {saves} saves"
    assert saves >= 5 * refreshes


HOSTILE_NAMES = [
    "[@click=app.screenshot('victim.txt','/tmp')]Sam[/]",
    "[@click=app.close]Close me[/]",
    "[/]",
    "[b]Bold[/b] [link=https://example.org]x[/link]",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
async def test_a_participant_name_is_text_in_the_live_view(
    kb: KnowledgeBase, workshop: Path, name: str
) -> None:
    """A name is shown as typed: never parsed as markup, never an action, never a crash."""
    hostile = {**BRAM, "_meta": {"participant": name}}
    (workshop / "participants" / "bram.yaml").write_text(yaml.safe_dump(hostile))
    app = WatchApp(kb, workshop)
    async with app.run_test(size=(120, 24)) as pilot:
        await wait_until(pilot, lambda: app.refreshes >= 1)
        table = app.query_one("#people", DataTable)
        cut = name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 1] + "…"  # fits 80x24
        assert [str(c) for c in table.get_row_at(1)][:2] == ["P2", cut]
        shown = ""
        for y in range(table.size.height):
            for segment in table.render_line(y):
                meta = segment.style.meta if segment.style else {}
                assert not any(key.startswith("@") for key in meta), segment
                assert not (segment.style and segment.style.link), segment
                shown += segment.text
        assert name[:12] in shown
