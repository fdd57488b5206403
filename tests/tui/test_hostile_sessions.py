"""Hostile and damaged session files, opened in the app as `--session NAME` opens them: a file
the app cannot read is never overwritten (it is set aside and said so), what could be
salvaged opens under a new name, and a second window on one session opens it read-only."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.sessions import SessionStore
from framework_advisor.tui.app import AdvisorApp
from framework_advisor.tui.screens.questionnaire import QuestionnaireScreen
from framework_advisor.tui.state import Assessment

from ..unit.hostile import billion_laughs
from .conftest import read_session_file, record_notices, wait_for_screen, wait_until

GOOD = (
    "# Framework Advisor session (an answers file): edit freely, or continue in the app.\n"
    "organisation: Acme\n"
    "headcount: 120\n"
    "function: company\n"
    "needs:\n- alignment\n- execution_discipline\n"
    "compensation_linked: false\n"
    "_meta:\n  cursor: industry\n  updated: '2025-01-01T00:00:00Z'\n"
)
ALL = {"organisation": "Acme", "headcount": 120, "function": "company"}

# name, file content, answers that must be salvaged (a subset)
DAMAGED: list[tuple[str, bytes, dict]] = [
    (
        "syntax-error",
        GOOD.replace("function: company", "function: [company").encode(),
        {"organisation": "Acme", "headcount": 120, "needs": ["execution_discipline", "alignment"]},
    ),
    (
        "unclosed-quote",
        GOOD.replace("Acme", '"Acme').encode(),
        {"headcount": 120, "function": "company", "compensation_linked": False},
    ),
    (
        "tab",
        GOOD.replace("- alignment", "\t- alignment").encode(),
        {"organisation": "Acme", "headcount": 120},
    ),
    ("utf-16", GOOD.encode("utf-16"), ALL),
    ("latin-1", GOOD.replace("Acme", "Acmé").encode("latin-1"), {"headcount": 120}),
    ("top-level-list", b"- organisation: Acme\n- headcount: 120\n- function: company\n", ALL),
    ("truncated", GOOD.encode()[: GOOD.index("2025-01") + 4], ALL),
    ("billion-laughs", (GOOD + billion_laughs(7)).encode(), ALL),
    ("one-alias", (GOOD + "industry: &i saas\nx: *i\n").encode(), {}),
    ("recursive-alias", (GOOD + "x: &x [*x]\n").encode(), {}),
    ("5000-digits", GOOD.replace("120", "9" * 5000).encode(), {"organisation": "Acme"}),
    ("nan", GOOD.replace("120", ".nan").encode(), {"organisation": "Acme"}),
    ("beyond-64-bits", GOOD.replace("120", str(2**70)).encode(), {"organisation": "Acme"}),
    (
        "python-tag",
        GOOD.replace("Acme", "!!python/object/apply:os.system [id]").encode(),
        {"headcount": 120},
    ),
    ("binary", b"\x00\x01\xff\xfe garbage \x80\x81", {}),
    ("too-deep", (GOOD + "x: " + "[" * 60 + "]" * 60 + "\n").encode(), {"organisation": "Acme"}),
    ("over-5-mb", (GOOD + "#" + "x" * (6 * 1024 * 1024) + "\n").encode(), {}),
    ("unhashable-key", (GOOD + "[a, b]: 1\n").encode(), {"organisation": "Acme"}),
    ("lone-surrogate", GOOD.replace("Acme", '"\\ud800"').encode(), {"headcount": 120}),
    ("scalar", b"just a line of text\n", {}),
]


def make_session(store: SessionStore, name: str, content: bytes) -> Path:
    store.folder.mkdir(parents=True, exist_ok=True)
    path = store.path_for(name)
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("content", "salvaged"), [c[1:] for c in DAMAGED], ids=[c[0] for c in DAMAGED]
)
async def test_a_damaged_session_is_set_aside_never_overwritten(
    make_app: Callable[..., AdvisorApp],
    store: SessionStore,
    kb: KnowledgeBase,
    content: bytes,
    salvaged: dict,
) -> None:
    make_session(store, "acme", content)
    start = time.monotonic()
    app = make_app(session=store.load("acme", kb))  # what `--session acme` does
    notices = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        assert app.assessment.name == "acme-recovered"
        for key, value in salvaged.items():
            assert app.assessment.answers.get(key) == value, (key, app.assessment.answers)
        app.set_answer("planning_horizon", "year")  # an autosave
        await pilot.pause()
    assert time.monotonic() - start < 20
    kept = [p for p in store.folder.iterdir() if ".corrupt-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == content  # byte for byte
    assert not store.path_for("acme").exists()
    assert store.names() == ["acme-recovered"]  # the set-aside file is never a session
    said = [n for n in notices if "could not be read" in n]
    assert said and kept[0].name in said[0] and "acme-recovered" in said[0]
    saved = read_session_file(store, "acme-recovered")
    assert saved["planning_horizon"] == "year"
    for key, value in salvaged.items():
        assert saved[key] == value


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("stale-option", GOOD.replace("function: company", "function: marketing_ops")),
        ("unknown-key", GOOD + "favourite_colour: blue\n"),
    ],
)
async def test_answers_that_no_longer_fit_are_kept_in_a_copy(
    make_app: Callable[..., AdvisorApp],
    store: SessionStore,
    kb: KnowledgeBase,
    name: str,
    content: str,
) -> None:
    """A readable session whose answers partly no longer fit keeps its name, and the file as
    it was is copied aside before the first save drops those answers."""
    make_session(store, "acme", content.encode())
    app = make_app(session=store.load("acme", kb))
    notices = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        assert app.assessment.name == "acme"
        app.set_answer("planning_horizon", "year")
        await pilot.pause()
    copies = [p for p in store.folder.iterdir() if ".kept-" in p.name]
    assert len(copies) == 1 and copies[0].read_text(encoding="utf-8") == content
    assert any(copies[0].name in n for n in notices)
    assert store.names() == ["acme"]


async def test_a_good_session_is_neither_moved_nor_copied(
    make_app: Callable[..., AdvisorApp], store: SessionStore, kb: KnowledgeBase
) -> None:
    make_session(store, "acme", GOOD.encode())
    app = make_app(session=store.load("acme", kb))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        assert app.assessment.name == "acme"
    assert sorted(p.name for p in store.folder.iterdir() if not p.name.startswith(".")) == [
        "acme.yaml"
    ]


@pytest.mark.parametrize("kind", ["fifo", "link-to-dev-zero"])
async def test_a_special_file_in_place_of_a_session_is_never_replaced(
    make_app: Callable[..., AdvisorApp], store: SessionStore, kind: str
) -> None:
    store.folder.mkdir(parents=True)
    path = store.path_for("acme")
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    assert not store.exists("acme") and store.names() == []
    app = make_app(new_answers=("acme", {}))  # `--session acme` starts it as new
    notices = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        app.set_answer("organisation", "Acme")
        Assessment.flush()
        await wait_until(pilot, lambda: any("Could not save" in n for n in notices))
    assert path.is_symlink() if kind != "fifo" else path.is_fifo()


async def test_a_session_linked_from_elsewhere_is_saved_through_the_link(
    make_app: Callable[..., AdvisorApp], store: SessionStore, kb: KnowledgeBase, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "synced" / "acme.yaml"
    elsewhere.parent.mkdir()
    elsewhere.write_text(GOOD, encoding="utf-8")
    store.folder.mkdir(parents=True)
    store.path_for("acme").symlink_to(elsewhere)
    app = make_app(session=store.load("acme", kb))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        app.set_answer("organisation", "Acme Two")
        await pilot.pause()
    Assessment.flush()
    assert store.path_for("acme").is_symlink()
    assert "organisation: Acme Two" in elsewhere.read_text(encoding="utf-8")


# two windows ----------------------------------------------------------------------------------
async def test_a_second_window_opens_the_session_read_only(
    make_app: Callable[..., AdvisorApp], store: SessionStore, kb: KnowledgeBase
) -> None:
    make_session(store, "shared", GOOD.encode())
    first_window = store.lock("shared")
    assert first_window is not None
    try:
        app = make_app(session=store.load("shared", kb))
        notices = record_notices(app)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for_screen(pilot, QuestionnaireScreen)
            assert app.assessment.read_only
            assert any("open in another window" in n and "read-only" in n for n in notices)
            app.set_answer("organisation", "Changed here")
            await pilot.pause()
        Assessment.flush()
        assert store.path_for("shared").read_text(encoding="utf-8") == GOOD
    finally:
        first_window.release()
    app = make_app(session=store.load("shared", kb))  # the other window closed: writable
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        assert not app.assessment.read_only
        app.set_answer("organisation", "Changed")
        await pilot.pause()
    assert read_session_file(store, "shared")["organisation"] == "Changed"


async def test_the_app_holds_its_session_against_a_second_window(
    make_app: Callable[..., AdvisorApp], store: SessionStore, kb: KnowledgeBase
) -> None:
    make_session(store, "shared", GOOD.encode())
    app = make_app(session=store.load("shared", kb))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        assert store.lock("shared") is None  # what a second window would find
    second = store.lock("shared")  # the first window quit: free again
    assert second is not None
    second.release()


@pytest.mark.subprocess
def test_a_crash_never_leaves_the_lock_stuck(store: SessionStore) -> None:
    code = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from framework_advisor.sessions import SessionStore\n"
        f"lock = SessionStore(Path({str(store.folder)!r})).lock('crashy')\n"
        "assert lock is not None\n"
        "print('held', flush=True)\n"
        "os.kill(os.getpid(), 9)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "held" and proc.returncode == -9
    lock = store.lock("crashy")
    assert lock is not None
    lock.release()


@pytest.mark.parametrize("stem", ["[x]", "Acme [EU]", "plan (v2)", "ünïcødé name"])
def test_every_listed_session_opens_by_the_name_it_is_listed_under(
    store: SessionStore, kb: KnowledgeBase, stem: str
) -> None:
    """A file made by hand (or elsewhere) is listed by its stem: that name opens it and saves
    to it, never to another file."""
    store.folder.mkdir(parents=True, exist_ok=True)
    (store.folder / f"{stem}.yaml").write_text(GOOD, encoding="utf-8")
    assert stem in store.names()
    session = store.load(stem, kb)
    assert session.answers["organisation"] == "Acme"
    store.save(stem, kb, {**session.answers, "headcount": 130}, None)
    assert sorted(p.name for p in store.folder.glob("*.yaml")) == [f"{stem}.yaml"]
    for sneaky in ("../outside", "..", "a/b"):
        assert store.path_for(sneaky).parent == store.folder
