"""The app exports the workshop summary through `exports` (issue 29 item 4, issue 30 item 5):
the facilitator's live view writes the summary and the handout, named, as the CLI would; a
participant's group view gives only the anonymous summary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.tui.watch_app import WatchApp, export_folder
from tests.tui.conftest import wait_until
from tests.tui.test_workshop_live_view import _open_group_view, _participant_app, room

pytestmark = pytest.mark.slow  # drives the app and lays out PDFs

__all__ = ["room"]  # the live view tests' workshop of three, with one still answering

NAMES = ("Ana", "Reyes", "Carl", "Brandt", "Tess", "Okafor")


async def test_the_live_view_exports_the_summary_and_the_handout(
    run_cli, kb: KnowledgeBase, room: Path, documents: Path, fixed_date: str
) -> None:
    app = WatchApp(kb, room)
    folder = export_folder(room)
    expected = ["workshop-summary.md", "workshop-summary.html", "workshop-summary.pdf",
                "workshop-summary.docx", "workshop-handout.pdf"]  # fmt: skip
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.refreshes >= 1)
        await pilot.press("e")
        await wait_until(
            pilot,
            lambda: all((folder / name).exists() for name in expected),
            timeout=30,
            what="the exported files",
        )
    assert folder.parent == documents and not (room / "exports").exists()
    # the same bytes as the CLI's `workshop summary` (the facilitator's copy names people)
    cli = run_cli("workshop", "summary", room, "-f", "md")
    assert cli.exit_code == 0, cli.stderr
    assert (folder / "workshop-summary.md").read_text() == cli.stdout
    assert "Ana Reyes" in cli.stdout
    assert (folder / "workshop-summary.pdf").read_bytes().startswith(b"%PDF")
    assert (folder / "workshop-handout.pdf").read_bytes().startswith(b"%PDF")


async def test_the_live_view_says_why_an_export_failed(
    kb: KnowledgeBase, room: Path, documents: Path
) -> None:
    documents.mkdir(parents=True, exist_ok=True)
    export_folder(room).write_text("a file where the folder goes")
    app = WatchApp(kb, room)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.refreshes >= 1)
        await pilot.press("e")
        error = app.query_one("#error")
        await wait_until(pilot, lambda: "Could not export" in str(error.render()), timeout=30)
        assert app.is_running  # the view goes on


async def test_a_participant_exports_the_anonymous_summary(
    run_cli, kb: KnowledgeBase, room: Path, fixed_date: str
) -> None:
    app = _participant_app(kb, room)
    delivered: list[tuple[bytes, str]] = []

    def deliver(stream: Any, *, save_filename: str, mime_type: str, **_: Any) -> None:
        delivered.append((stream.read(), save_filename))

    app.deliver_binary = deliver  # type: ignore[method-assign]  # served: a browser download
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_group_view(run_cli, app, pilot, room)
        await pilot.press("e")
        await wait_until(pilot, lambda: bool(delivered), timeout=30, what="the download")
        line = screen.query_one("#group-export")
        await wait_until(pilot, lambda: "group-summary.html" in str(line.render()))
    page, name = delivered[0]
    assert name == "group-summary.html"
    text = page.decode()
    assert text.startswith("<!DOCTYPE html>") and "How agreement is measured" in text
    for person in NAMES:
        assert person not in text, person
    anonymous = run_cli("workshop", "summary", room, "--anonymous", "-f", "html")
    assert anonymous.exit_code == 0, anonymous.stderr
    assert text == anonymous.stdout  # the CLI's anonymous summary, nothing else


async def test_a_participant_in_a_terminal_saves_the_anonymous_summary(
    run_cli, kb: KnowledgeBase, room: Path, documents: Path
) -> None:
    from framework_advisor.sessions import SessionStore
    from framework_advisor.tui.app import AdvisorApp
    from framework_advisor.tui.launch import workshop_of

    shop, _ = workshop_of(kb, room)
    app = AdvisorApp(kb, SessionStore(room / "participants"), new_answers=("Sam", {}),
                     workshop=shop)  # fmt: skip
    app.animation_level = "none"
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_group_view(run_cli, app, pilot, room)
        await pilot.press("e")
        line = screen.query_one("#group-export")
        await wait_until(pilot, lambda: "group-summary.html" in str(line.render()), timeout=30)
    saved = list(documents.rglob("group-summary.html"))
    assert len(saved) == 1 and saved[0].parent.parent == documents
    page = saved[0].read_text()
    assert "How agreement is measured" in page
    for person in NAMES:
        assert person not in page, person
