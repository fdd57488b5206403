"""How every screen looks at 80x24, pinned as SVG snapshots (tests/tui/__snapshots__/).

After a deliberate change of looks: `pytest tests/tui/test_snapshots.py --snapshot-update`,
then look at every changed SVG before committing it.

Everything that varies between machines and days is fixed here: the session folder (a fixed
path, since the welcome, sessions and export screens print it), the working folder (the
export dialog's default), today's date (the default session name), file times (the sessions
list), the version in the header, and animations."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import msgspec
import pytest
from textual.pilot import Pilot

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.sessions import SessionStore
from framework_advisor.tui.app import AdvisorApp

from .conftest import SALES_LED

SNAPSHOT_DIR = Path("/tmp/fa-snapshots")
SIZE = (80, 24)
PICTURED = (
    "organisation", "headcount", "stage", "function", "team_size", "needs", "compensation_linked",
    "current_frameworks", "frameworks_not_working", "industry", "maturity", "growth_model", "planning_horizon",
    "change_pace", "cross_functional", "leadership_time",
)  # fmt: skip
"""The questions the screens were pictured with: one added to questions.yaml would change every
progress line ("Question 3 of 15") and the review, so it joins here with snapshots of its own."""


@pytest.fixture(scope="module")
def kb(kb: KnowledgeBase) -> KnowledgeBase:
    """The knowledge base with the pictured questions only."""
    return msgspec.structs.replace(kb, questions=[q for q in kb.questions if q.id in PICTURED])


class FixedDate(date):
    @classmethod
    def today(cls) -> FixedDate:
        return cls(2025, 3, 14)


class FixedDateTime(datetime):
    @classmethod
    def fromtimestamp(cls, *_args: Any, **_kwargs: Any) -> FixedDateTime:  # type: ignore[override]
        return cls(2025, 3, 14, 9, 30)


@pytest.fixture
def fixed_world(monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fixed session folder, working and documents folders, date, clock and version."""
    shutil.rmtree(SNAPSHOT_DIR, ignore_errors=True)
    SNAPSHOT_DIR.mkdir(parents=True)
    monkeypatch.chdir(SNAPSHOT_DIR)
    monkeypatch.setattr(
        "framework_advisor.paths.documents_dir",
        lambda: SNAPSHOT_DIR / "Documents",
    )
    monkeypatch.setattr("framework_advisor.tui.screens.welcome.date", FixedDate)
    monkeypatch.setattr("framework_advisor.tui.screens.sessions.datetime", FixedDateTime)
    monkeypatch.setattr("framework_advisor.tui.app.__version__", "9.9.9")
    yield SNAPSHOT_DIR
    shutil.rmtree(SNAPSHOT_DIR, ignore_errors=True)


@pytest.fixture
def snap_app(kb: KnowledgeBase, fixed_world: Path) -> Callable[..., AdvisorApp]:
    def make(**kwargs: Any) -> AdvisorApp:
        app = AdvisorApp(kb, SessionStore(fixed_world / "sessions"), **kwargs)
        app.animation_level = "none"
        return app

    return make


@pytest.fixture
def two_sessions(kb: KnowledgeBase, fixed_world: Path) -> None:
    store = SessionStore(fixed_world / "sessions")
    store.save("brightloop", kb, {"organisation": "Brightloop", "headcount": 12}, "stage")
    store.save("northwind", kb, SALES_LED, "leadership_time")
    for stamp, name in ((1_700_000_000, "brightloop"), (1_700_086_400, "northwind")):
        os.utime(store.path_for(name), (stamp, stamp))


def at_question(question_id: str) -> Callable[[Pilot], None]:
    def go(pilot: Pilot) -> None:
        pilot.app.open_questionnaire(question_id)  # type: ignore[attr-defined]

    return go


def test_welcome(
    snap_compare: Any, snap_app: Callable[..., AdvisorApp], two_sessions: None
) -> None:
    assert snap_compare(snap_app(), terminal_size=SIZE)


def test_help_over_a_question(snap_compare: Any, snap_app: Callable[..., AdvisorApp]) -> None:
    app = snap_app(new_answers=("northwind", SALES_LED))
    assert snap_compare(app, press=["f1"], terminal_size=SIZE)


def test_new_assessment_dialog(snap_compare: Any, snap_app: Callable[..., AdvisorApp]) -> None:
    assert snap_compare(snap_app(), press=["n"], terminal_size=SIZE)


def test_single_choice_question(snap_compare: Any, snap_app: Callable[..., AdvisorApp]) -> None:
    app = snap_app(new_answers=("acme", {"organisation": "Acme", "headcount": 120}))
    assert snap_compare(app, run_before=at_question("function"), press=["down"], terminal_size=SIZE)


def test_multiple_choice_question(snap_compare: Any, snap_app: Callable[..., AdvisorApp]) -> None:
    answers = {"organisation": "Acme", "headcount": 120, "function": "company"}
    app = snap_app(new_answers=("acme", {**answers, "needs": ["strategic_change", "goal_clarity"]}))
    assert snap_compare(app, run_before=at_question("needs"), terminal_size=SIZE)


def test_number_question_with_error(snap_compare: Any, snap_app: Callable[..., AdvisorApp]) -> None:
    app = snap_app(new_answers=("acme", {"organisation": "Acme"}))
    assert snap_compare(
        app, run_before=at_question("headcount"), press=["a", "b", "c", "enter"], terminal_size=SIZE
    )


def test_review(snap_compare: Any, snap_app: Callable[..., AdvisorApp]) -> None:
    app = snap_app(new_answers=("northwind", SALES_LED))
    assert snap_compare(app, press=["ctrl+r"], terminal_size=SIZE)


def test_results_ranking(snap_compare: Any, snap_app: Callable[..., AdvisorApp]) -> None:
    app = snap_app(new_answers=("northwind", SALES_LED))
    assert snap_compare(app, press=["ctrl+o"], terminal_size=SIZE)


def test_results_mix(snap_compare: Any, snap_app: Callable[..., AdvisorApp]) -> None:
    app = snap_app(new_answers=("northwind", SALES_LED))
    assert snap_compare(app, press=["ctrl+o", "2"], terminal_size=SIZE)


def test_frameworks_browser(snap_compare: Any, snap_app: Callable[..., AdvisorApp]) -> None:
    assert snap_compare(snap_app(), press=["f"], terminal_size=SIZE)


def test_compare(snap_compare: Any, snap_app: Callable[..., AdvisorApp]) -> None:
    def compare(pilot: Pilot) -> None:
        pilot.app.action_compare()  # type: ignore[attr-defined]

    assert snap_compare(snap_app(), run_before=compare, terminal_size=SIZE)


def test_export_dialog(snap_compare: Any, snap_app: Callable[..., AdvisorApp]) -> None:
    app = snap_app(new_answers=("northwind", SALES_LED))
    assert snap_compare(app, press=["ctrl+o", "ctrl+e"], terminal_size=SIZE)


def test_sessions_list(
    snap_compare: Any, snap_app: Callable[..., AdvisorApp], two_sessions: None
) -> None:
    assert snap_compare(snap_app(), press=["s"], terminal_size=SIZE)


def test_longest_list_scrolled_to_its_end(
    snap_compare: Any, snap_app: Callable[..., AdvisorApp], kb: KnowledgeBase
) -> None:
    """current_frameworks, the longest list: the cursor on the last option, in view."""
    answers = {"organisation": "Acme", "headcount": 120, "function": "company"}
    app = snap_app(new_answers=("acme", answers))
    count = len(kb.question("current_frameworks").options)  # type: ignore[union-attr]
    assert snap_compare(
        app,
        run_before=at_question("current_frameworks"),
        press=["down"] * (count - 1) + ["space"],
        terminal_size=SIZE,
    )


def test_required_list_message_in_view(
    snap_compare: Any, snap_app: Callable[..., AdvisorApp]
) -> None:
    """needs (13 options, required): Enter with nothing ticked says why, below the list."""
    answers = {"organisation": "Acme", "headcount": 120, "function": "company"}
    app = snap_app(new_answers=("acme", answers))
    assert snap_compare(app, run_before=at_question("needs"), press=["enter"], terminal_size=SIZE)


def test_optional_single_choice_with_nothing_highlighted(
    snap_compare: Any, snap_app: Callable[..., AdvisorApp]
) -> None:
    app = snap_app(new_answers=("acme", {"organisation": "Acme", "headcount": 300}))
    assert snap_compare(app, run_before=at_question("stage"), terminal_size=SIZE)


def test_compare_four(snap_compare: Any, snap_app: Callable[..., AdvisorApp]) -> None:
    async def compare(pilot: Pilot) -> None:
        pilot.app.action_compare()  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("down", "down", "space", "down", "space")  # okr, kpi + two more

    assert snap_compare(snap_app(), run_before=compare, terminal_size=SIZE)


def test_review_after_an_edit(snap_compare: Any, snap_app: Callable[..., AdvisorApp]) -> None:
    """Industry cleared in Review: its row says so."""

    async def clear_industry(pilot: Pilot) -> None:
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press(*["down"] * 8, "enter")  # row 9: industry
        await pilot.pause()
        await pilot.click("#clear")
        await pilot.pause()

    app = snap_app(new_answers=("northwind", SALES_LED))
    assert snap_compare(app, run_before=clear_industry, terminal_size=SIZE)


def test_export_dialog_after_an_export(
    snap_compare: Any, snap_app: Callable[..., AdvisorApp]
) -> None:
    """Enter in the folder field exports (the folder is created); the result wraps in view."""

    async def export(pilot: Pilot) -> None:
        from textual.widgets import Checkbox, Static

        from framework_advisor.exports import EXPORTS

        await pilot.press("ctrl+o", "ctrl+e")
        await pilot.pause()
        for index, item in enumerate(EXPORTS):
            box = pilot.app.screen.query_one(f"#export-{index}", Checkbox)
            box.value = item.format in ("md", "yaml")
        await pilot.press("enter")
        result = pilot.app.screen.query_one("#export-result", Static)
        for _ in range(200):
            if "Wrote" in str(result.render()):
                break
            await pilot.pause(0.05)
        await pilot.pause()

    app = snap_app(new_answers=("northwind", SALES_LED))
    assert snap_compare(app, run_before=export, terminal_size=SIZE)


def test_change_under_way_question(snap_compare: Any, fixed_world: Path) -> None:
    """The question added after the screens above were pictured (issue 23), with the whole
    questionnaire, so its progress line counts every question asked; the others keep theirs."""
    from tests.conftest import knowledge

    answers = {"organisation": "Ironbridge", "headcount": 1500, "function": "leadership"}
    app = AdvisorApp(
        knowledge(), SessionStore(fixed_world / "sessions"), new_answers=("ironbridge", answers)
    )
    app.animation_level = "none"
    assert snap_compare(
        app, run_before=at_question("change_under_way"), press=["down", "down"], terminal_size=SIZE
    )


def test_goal_checker(snap_compare: Any, snap_app: Callable[..., AdvisorApp]) -> None:
    """The checker screen with its starter text checked, the first finding highlighted."""

    async def open_checker(pilot: Pilot) -> None:
        await pilot.press("g")
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(snap_app(), run_before=open_checker, terminal_size=SIZE)
