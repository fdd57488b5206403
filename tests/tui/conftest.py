"""TUI fixtures: an app on a private session folder, and no blinking cursors.

The autouse ``_private_cache`` fixture of ``tests/conftest.py`` still applies here: every
test gets its own knowledge-base cache folder."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, TextArea

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.sessions import SessionStore
from framework_advisor.tui.app import AdvisorApp
from framework_advisor.tui.state import Assessment

# samples/sales-led.yaml, answered by hand; stage is skipped ("don't know") and derived.
SALES_LED: dict[str, Any] = {
    "organisation": "Northwind",
    "headcount": 400,
    "function": "sales",
    "team_size": 60,
    "needs": ["operational_health", "individual_performance", "execution_discipline"],
    "compensation_linked": True,
    "current_frameworks": ["okr", "kpi"],
    "industry": "software",
    "maturity": "some_okrs",
    "growth_model": "sales_led",
    "planning_horizon": "year",
    "change_pace": "moderate",
    "cross_functional": True,
    "leadership_time": "medium",
}


def position(
    kb: KnowledgeBase, question_id: str, answers: Mapping[str, Any] | None = None
) -> tuple[int, int]:
    """(N, M) of the progress line's "Question N of M": the questions the engine shows for these
    answers (a question asked only after another answer, such as team size after a function
    below the whole company, is left out until that answer is given)."""
    from framework_advisor.engine.flow import visible_questions

    asked = [q.id for q in visible_questions(kb, dict(answers or {}))]
    return asked.index(question_id) + 1, len(asked)


def progress_label(
    kb: KnowledgeBase, question_id: str, answers: Mapping[str, Any] | None = None
) -> str:
    number, count = position(kb, question_id, answers)
    return f"Question {number} of {count}"


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor makes screenshots depend on timing (harlequin does the same)."""
    monkeypatch.setattr(Input, "cursor_blink", False)
    monkeypatch.setattr(TextArea, "cursor_blink", False)


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing a test does may reach the user's own data folder."""
    monkeypatch.setenv("FRAMEWORK_ADVISOR_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture(autouse=True)
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's documents folder (the export dialog's default) is the test's own."""
    folder = tmp_path / "Documents"
    monkeypatch.setattr("framework_advisor.paths.documents_dir", lambda: folder)
    return folder


@pytest.fixture
def sessions_dir(tmp_path: Path) -> Path:
    return tmp_path / "sessions"


@pytest.fixture
def store(sessions_dir: Path) -> SessionStore:
    return SessionStore(sessions_dir)


@pytest.fixture
def make_app(kb: KnowledgeBase, store: SessionStore) -> Callable[..., AdvisorApp]:
    """AdvisorApp(kb, store, **kwargs) on the test's own session folder."""

    def make(**kwargs: Any) -> AdvisorApp:
        kwargs.setdefault("store", store)
        app = AdvisorApp(kb, kwargs.pop("store"), **kwargs)
        app.animation_level = "none"  # no waiting for tab underlines to slide
        return app

    return make


def read_session_file(store: SessionStore, name: str) -> dict[str, Any]:
    """A session file as saved so far (autosaves are written in the background)."""
    Assessment.flush()
    return yaml.safe_load(store.path_for(name).read_text(encoding="utf-8"))


async def wait_until(
    pilot: Pilot, condition: Callable[[], Any], timeout: float = 10.0, what: str = ""
) -> None:
    """Let the app run until condition() is true; fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    await pilot.pause()
    while not condition():
        if time.monotonic() > deadline:
            said = what() if callable(what) else what
            raise AssertionError(f"timed out waiting for {said or condition}")
        await pilot.pause(0.02)


async def wait_for_screen(pilot: Pilot, kind: type[Screen[Any]], timeout: float = 10.0) -> Any:
    """Wait until the active screen is of this kind and return it."""
    await wait_until(
        pilot, lambda: isinstance(pilot.app.screen, kind), timeout, f"the {kind.__name__}"
    )
    return pilot.app.screen


def record_notices(app: AdvisorApp) -> list[str]:
    """Collect the text of every notification the app raises from now on."""
    notices: list[str] = []
    notify = app.notify

    def recording(message: str, **kwargs: Any) -> None:
        notices.append(message)
        notify(message, **kwargs)

    app.notify = recording  # type: ignore[method-assign]
    return notices
