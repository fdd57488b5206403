"""The facilitator's live view at 80x24 (issue 30, item 6): progress counted as the app counts
it, a mark for each question that reached agreement, a one-line key, columns that fit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.engine.progress import progress
from framework_advisor.render.workshop.outline import workshop_say
from framework_advisor.tui.state import Assessment
from framework_advisor.tui.watch_app import WatchApp
from tests.tui.conftest import wait_until

FIXED = {"function": "company", "headcount": 120}
TEAM = {
    "ceo": {"needs": ["strategic_change", "alignment"], "compensation_linked": False,
            "industry": "saas", "maturity": "none", "_meta": {"participant": "Ana Reyes"}},
    "cfo": {"needs": ["alignment"], "compensation_linked": True, "industry": "saas",
            "maturity": "some_okrs", "_meta": {"participant": "Carl Brandt"}},
    "cto": {"needs": ["execution_discipline", "alignment"], "compensation_linked": False,
            "industry": "software", "maturity": "none",
            "_meta": {"participant": "Tess Okafor-Lindqvist"}},
}  # fmt: skip


def _everything(kb: KnowledgeBase, start: dict[str, Any]) -> dict[str, Any]:
    """``start`` and an answer to every other question the app asks (its first option)."""
    state = Assessment(kb, None, answers=dict(start), fixed=FIXED)
    while True:
        todo = [q for q in state.visible() if q.id not in state.answers and q.id != "stage"]
        if not todo:
            return {k: v for k, v in state.answers.items() if k not in FIXED}
        question = todo[0]
        if question.type == "number":
            value: Any = question.min or 1
        elif question.type == "yes_no":
            value = False
        elif question.type == "text":
            value = "Acme"
        else:
            offered = [o.value for o in question.offered(state.answers)] or list(kb.frameworks)
            value = offered[:1] if question.type == "multiple" else offered[0]
        state.set_answer(question.id, value)


@pytest.fixture
def room(run_cli, kb: KnowledgeBase, tmp_path: Path) -> Path:
    folder = tmp_path / "acme"
    result = run_cli("workshop", "new", folder, "--title", "Acme leadership",
                     "--set", "function=company", "--set", "headcount=120")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    for who, answers in TEAM.items():
        meta = answers["_meta"]
        body = {k: v for k, v in answers.items() if k != "_meta"}
        full = _everything(kb, body) if who != "cto" else body  # the CTO is still answering
        path = folder / "participants" / f"{who}.yaml"
        path.write_text(yaml.safe_dump({**full, "_meta": meta}, allow_unicode=True))
    return folder


def _rows(app: WatchApp, table: str) -> list[list[str]]:
    grid = app.query_one(table)
    return [[str(c) for c in grid.get_row_at(i)] for i in range(grid.row_count)]


async def test_progress_marks_and_key_fit_80x24(kb: KnowledgeBase, room: Path) -> None:
    app = WatchApp(kb, room)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.refreshes >= 1)
        people = {row[0]: row for row in _rows(app, "#people")}
        for pid, who in (("P1", "ceo"), ("P2", "cfo"), ("P3", "cto")):
            answers = yaml.safe_load((room / "participants" / f"{who}.yaml").read_text())
            answers.pop("_meta")
            far = progress(kb, answers, FIXED)
            assert people[pid][2] == f"{far.settled}/{far.asked}"
            # the app asks exactly the questions the view counts
            asked = Assessment(kb, None, answers=answers, fixed=FIXED).visible()
            assert far.asked == len(asked)
        done, total = people["P1"][2].split("/")
        assert done == total  # the CEO answered everything the app asks
        assert people["P3"][2] != f"{total}/{total}"
        assert people["P3"][1].endswith("…") and len(people["P3"][1]) <= 14

        def words(word: str) -> str:
            return workshop_say(kb.text, word)

        rows = _rows(app, "#consensus")
        assert rows and all(r[0] in (words("mark.agreed"), words("mark.split")) for r in rows)
        levels = {words(f"level.{x}") for x in ("all", "most", "split")}
        assert all(r[2] in levels for r in rows)
        key = str(app.query_one("#key").render())
        assert words("mark.agreed") in key and "of 3" in key
        # every column inside the 80 columns
        for table in ("#people", "#consensus"):
            region = app.query_one(table).region
            width = sum(c.get_render_width(app.query_one(table)) for c in
                        app.query_one(table).columns.values())  # fmt: skip
            assert region.right <= 80 and width <= region.width, table


def test_the_live_view_snapshot(snap_compare: Any, kb: KnowledgeBase, room: Path) -> None:
    app = WatchApp(kb, room)

    async def loaded(pilot: Any) -> None:
        await wait_until(pilot, lambda: app.refreshes >= 1)

    assert snap_compare(app, terminal_size=(80, 24), run_before=loaded)


def _participant_app(kb: KnowledgeBase, folder: Path) -> Any:
    from framework_advisor.sessions import SessionStore
    from framework_advisor.tui.app import AdvisorApp, Served
    from framework_advisor.tui.launch import workshop_of

    shop, _ = workshop_of(kb, folder)
    app = AdvisorApp(kb, SessionStore(folder / "participants"),
                     served=Served(participant="Sam", session="sam"), workshop=shop)  # fmt: skip
    app.animation_level = "none"
    return app


async def _open_group_view(run_cli, app: Any, pilot: Any, folder: Path) -> Any:
    from framework_advisor.tui.screens.group import GroupScreen
    from framework_advisor.tui.screens.questionnaire import QuestionnaireScreen
    from tests.tui.conftest import wait_for_screen

    await wait_for_screen(pilot, QuestionnaireScreen)
    for question, value in (("needs", ["goal_clarity"]), ("industry", "ecommerce"),
                            ("compensation_linked", True)):  # fmt: skip
        app.set_answer(question, value)
    assert run_cli("workshop", "reveal", folder).exit_code == 0
    await pilot.press("ctrl+g")
    return await wait_for_screen(pilot, GroupScreen)


async def test_the_group_view_names_nobody_and_no_toast_covers_it(
    run_cli, kb: KnowledgeBase, room: Path
) -> None:
    app = _participant_app(kb, room)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await _open_group_view(run_cli, app, pilot, room)
        await pilot.pause()
        assert not app.screen.query("Toast")  # the welcome toast is gone
        text = "\n".join(str(w.render()) for w in screen.query("#group Static"))
        for name in ("Ana", "Reyes", "Carl", "Brandt", "Tess", "Okafor", "P1", "P2", "P3"):
            assert name not in text, name
        industry = kb.question_map["industry"]
        assert (
            f"Industry: you said “{industry.label_of('ecommerce')}”; the group's answer is "
            f"“{industry.label_of('saas')}”." in text
        )
        # a wrapped line keeps its indent: every line of a row starts right of its heading
        wrapped = [w for w in screen.query("#group .line") if w.size.height > 1]
        assert wrapped, "a long row wraps at 80 columns"
        heading = screen.query_one("#group .heading")
        for row in wrapped:  # every line of the row is drawn from its content's left edge
            assert row.content_region.x >= heading.content_region.x + 2, (row, heading)


def test_the_group_view_snapshot(run_cli, snap_compare: Any, kb: KnowledgeBase, room: Path) -> None:
    app = _participant_app(kb, room)

    async def opened(pilot: Any) -> None:
        await _open_group_view(run_cli, app, pilot, room)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=opened)
