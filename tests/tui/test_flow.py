"""The TUI driven by key presses, as a user would: welcome to results, and every way around."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest
import yaml
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Button, Checkbox, DataTable, Input, OptionList, Static

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.engine.recommend import recommend
from framework_advisor.exports import EXPORTS, export_file_name
from framework_advisor.sessions import SessionStore
from framework_advisor.tui.app import DARK, LIGHT, AdvisorApp
from framework_advisor.tui.screens.dialogs import AskText, Confirm
from framework_advisor.tui.screens.export import ExportScreen
from framework_advisor.tui.screens.questionnaire import QuestionnaireScreen
from framework_advisor.tui.screens.results import ResultsScreen
from framework_advisor.tui.screens.review import EditAnswer, ReviewScreen
from framework_advisor.tui.screens.sessions import SessionsScreen
from framework_advisor.tui.screens.welcome import WelcomeScreen
from framework_advisor.tui.widgets.footer import KeyBar
from framework_advisor.tui.widgets.outline import Outline
from framework_advisor.tui.widgets.progress_line import ProgressLine

from .conftest import (
    SALES_LED,
    position,
    progress_label,
    read_session_file,
    record_notices,
    wait_for_screen,
    wait_until,
)


# helpers ---------------------------------------------------------------------------------
def questionnaire(app: AdvisorApp) -> QuestionnaireScreen:
    screen = app.screen
    assert isinstance(screen, QuestionnaireScreen), f"on {type(screen).__name__}"
    return screen


def progress(app: AdvisorApp) -> str:
    return questionnaire(app).query_one(ProgressLine).label


def skip_offered(app: AdvisorApp) -> bool:
    """Whether Ctrl+S (don't know) is live on this screen, as the footer shows it."""
    return any(
        active.binding.action == "dont_know" and active.enabled
        for active in app.screen.active_bindings.values()
    )


def mix_text(app: AdvisorApp) -> str:
    return app.screen.query_one("#mix", Outline).text


def error_text(app: AdvisorApp) -> str:
    return str(app.screen.query_one("#error", Static).render())


async def new_assessment(pilot: Pilot, name: str | None = None) -> QuestionnaireScreen:
    """From the welcome screen: n, a name (or the default), Enter."""
    await pilot.press("n")
    await wait_for_screen(pilot, AskText)
    if name is not None:
        await pilot.press("home", "ctrl+k", *name)
    await pilot.press("enter")
    return await wait_for_screen(pilot, QuestionnaireScreen)


async def highlight(pilot: Pilot, control: OptionList, index: int) -> None:
    """Move an option list's highlight to index with the arrow keys."""
    for _ in range(control.option_count + 1):
        if control.highlighted == index:
            return
        down = control.highlighted is None or control.highlighted < index
        await pilot.press("down" if down else "up")
    raise AssertionError(f"could not highlight option {index}")


async def type_text(pilot: Pilot, text: str) -> None:
    """Replace the focused field's text by typing."""
    focused = pilot.app.focused
    if not isinstance(focused, Input) or focused.value:
        await pilot.press("home", "ctrl+k")
    await pilot.press(*text)


async def answer(pilot: Pilot, kb: KnowledgeBase, question_id: str, value: Any) -> None:
    """Answer the question on screen with keys only, and move on."""
    app = pilot.app
    assert questionnaire(app).question_id == question_id  # type: ignore[arg-type]
    question = kb.question(question_id)
    assert question is not None
    if question.type in ("single", "yes_no"):
        values: list[Any] = (
            [True, False] if question.type == "yes_no" else [o.value for o in question.options]
        )
        await highlight(pilot, app.screen.query_one("#choice", OptionList), values.index(value))
        await pilot.press("enter")
    elif question.type == "multiple":
        control = app.screen.query_one("#choice", OptionList)
        order = [o.value for o in question.offered(app.assessment.answers)]
        for item in value:
            await highlight(pilot, control, order.index(item))
            await pilot.press("space")
        await pilot.press("enter")
    else:
        await type_text(pilot, str(value))
        await pilot.press("enter")
    await pilot.pause()


async def select_row(pilot: Pilot, table: DataTable, first_cell: str) -> None:
    """Move a table's cursor with the arrow keys to the row whose first cell is first_cell."""
    cells = [str(table.get_row_at(r)[0]) for r in range(table.row_count)]
    target = cells.index(first_cell)
    for _ in range(table.row_count + 1):
        if table.cursor_row == target:
            return
        await pilot.press("down" if table.cursor_row < target else "up")
    raise AssertionError(f"could not reach row {first_cell!r}")


def ranking_ids(app: AdvisorApp) -> list[str]:
    table = app.screen.query_one("#ranking", DataTable)
    return [
        str(table.coordinate_to_cell_key((row, 0)).row_key.value) for row in range(table.row_count)
    ]


async def open_results(pilot: Pilot) -> ResultsScreen:
    await pilot.press("ctrl+o")
    return await wait_for_screen(pilot, ResultsScreen)


# the whole way through -----------------------------------------------------------------------
async def test_answer_everything_by_keys_then_results(
    make_app: Callable[..., AdvisorApp], kb: KnowledgeBase, store: SessionStore
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, WelcomeScreen)
        await new_assessment(pilot)  # the suggested name
        for question_id, value in SALES_LED.items():
            if question_id == "stage":
                continue
            if questionnaire(app).question_id == "stage":
                await pilot.press("ctrl+s")  # don't know: derived from the headcount
                await pilot.pause()
            if questionnaire(app).question_id == "frameworks_not_working":
                await pilot.press("ctrl+s")  # they all work
                await pilot.pause()
            if questionnaire(app).question_id == "change_under_way":
                await pilot.press("enter")  # optional, and the sample says nothing of it
                await pilot.pause()
            await answer(pilot, kb, question_id, value)
        for _ in kb.questions:  # an optional question the profile leaves out: Enter skips it
            screen = app.screen
            if not isinstance(screen, QuestionnaireScreen) or screen.question_id in SALES_LED:
                break
            await pilot.press("enter")
            await pilot.pause()
        # Enter on the last question opens the review.
        await wait_for_screen(pilot, ReviewScreen)
        assert app.assessment.answers == SALES_LED
        status = str(app.screen.query_one("#review-status", Static).render())
        assert "All required questions answered" in status

        await open_results(pilot)
        expected = recommend(kb, SALES_LED)
        assert ranking_ids(app) == [item.id for item in expected.ranking]
        assert ranking_ids(app)[0] == "mbo"
        top = app.screen.query_one("#ranking", DataTable).get_row_at(0)
        assert "Management by Objectives" in top[1]
        assert top[1].plain.startswith("◆")  # in the mix
        assert int(str(top[2])) == expected.ranking[0].fit
        why = app.screen.query_one("#why", Outline).text
        assert "(Goals feed pay: Yes)" in why
        # Pay-linked goals for individual performance: MBO carries the pay objectives.
        assert ("pay", "mbo") in [(m.layer, m.framework) for m in expected.mix]
        await pilot.press("2")
        await pilot.pause()
        mix = mix_text(app)
        assert "Pay objectives: Management by Objectives (MBO)" in mix
        assert not app.screen.query_one("#results-banner", Static).display
    name = app.assessment.name
    assert name is not None and name.startswith("assessment-")
    saved = read_session_file(store, name)
    assert {k: v for k, v in saved.items() if k != "_meta"} == SALES_LED


async def test_bad_numbers_show_a_message_and_stay(make_app: Callable[..., AdvisorApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await new_assessment(pilot)
        await pilot.press(*"Acme", "enter")
        await pilot.pause()
        assert questionnaire(app).question_id == "headcount"
        await type_text(pilot, "abc")
        await pilot.press("enter")
        await pilot.pause()
        assert questionnaire(app).question_id == "headcount"
        assert "'abc' is not a whole number" in error_text(app)
        assert "headcount" not in app.assessment.answers

        await type_text(pilot, "0")
        await pilot.press("enter")
        await pilot.pause()
        assert questionnaire(app).question_id == "headcount"
        assert "below the minimum of 1" in error_text(app)
        assert "headcount" not in app.assessment.answers
        # The Next button refuses too.
        await pilot.click("#next")
        await pilot.pause()
        assert questionnaire(app).question_id == "headcount"

        await type_text(pilot, "120")
        assert error_text(app) == ""
        await pilot.press("enter")
        await pilot.pause()
        assert questionnaire(app).question_id == "stage"
        assert app.assessment.answers["headcount"] == 120


async def test_team_size_follows_the_function(
    make_app: Callable[..., AdvisorApp], kb: KnowledgeBase
) -> None:
    app = make_app(new_answers=("acme", {"organisation": "Acme", "headcount": 300}))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        app.open_questionnaire("function")
        await pilot.pause()
        assert progress(app) == progress_label(kb, "function")
        await answer(pilot, kb, "function", "sales")
        assert questionnaire(app).question_id == "team_size"
        assert progress(app) == progress_label(kb, "team_size", {"function": "sales"})
        await answer(pilot, kb, "team_size", 40)
        assert questionnaire(app).question_id == "needs"
        assert progress(app) == progress_label(kb, "needs", {"function": "sales"})

        await pilot.press("escape", "escape")  # back to team size, back to function
        await pilot.pause()
        assert questionnaire(app).question_id == "function"
        await answer(pilot, kb, "function", "company")
        assert questionnaire(app).question_id == "needs"  # team size no longer asked
        assert progress(app) == progress_label(kb, "needs")
        await pilot.press("escape")
        await pilot.pause()
        assert questionnaire(app).question_id == "function"

        await pilot.press("ctrl+r")
        await wait_for_screen(pilot, ReviewScreen)
        table = app.screen.query_one(DataTable)
        keys = [table.coordinate_to_cell_key((r, 0)).row_key.value for r in range(table.row_count)]
        assert "team_size" not in keys
        assert len(keys) == position(kb, "organisation", app.assessment.answers)[1]


async def test_headcount_is_plainly_optional_once_the_stage_is_answered(
    make_app: Callable[..., AdvisorApp],
) -> None:
    app = make_app(new_answers=("acme", {"organisation": "Acme", "stage": "startup"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        app.open_questionnaire("headcount")
        await pilot.pause()
        prompt = str(app.screen.query_one("#prompt", Static).render())
        assert prompt.endswith("(optional)")
        assert skip_offered(app)


async def test_required_questions_cannot_be_skipped(make_app: Callable[..., AdvisorApp]) -> None:
    app = make_app(new_answers=("acme", {"organisation": "Acme"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        app.open_questionnaire("headcount")
        await pilot.pause()
        # headcount may be skipped while stage is still ahead; then stage is required.
        prompt = str(app.screen.query_one("#prompt", Static).render())
        assert "(or skip it and answer “Which stage is the organisation at?”)" in prompt
        assert skip_offered(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert questionnaire(app).question_id == "stage"
        assert not app.screen.query_one("#dont-know", Button).display  # none offered
        assert not skip_offered(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert questionnaire(app).question_id == "stage"

        app.open_questionnaire("function")
        await pilot.pause()
        assert not app.screen.query_one("#dont-know", Button).display
        assert not skip_offered(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert questionnaire(app).question_id == "function"
        assert "function" not in app.assessment.answers

        app.open_questionnaire("needs")
        await pilot.pause()
        await pilot.press("enter")  # nothing chosen
        await pilot.pause()
        assert questionnaire(app).question_id == "needs"
        assert "needs an answer" in error_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert questionnaire(app).question_id == "needs"


async def test_changing_an_answer_in_review_changes_the_results(
    make_app: Callable[..., AdvisorApp], kb: KnowledgeBase, store: SessionStore
) -> None:
    app = make_app(new_answers=("northwind", SALES_LED))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        await open_results(pilot)
        assert ranking_ids(app)[0] == "mbo"
        await pilot.press("ctrl+r")
        await wait_for_screen(pilot, ReviewScreen)
        table = app.screen.query_one(DataTable)
        row = [q.id for q in app.assessment.visible()].index("compensation_linked")
        await select_row(pilot, table, str(row + 1))
        await pilot.press("enter")
        await wait_for_screen(pilot, EditAnswer)
        assert app.screen.query_one("#choice", OptionList).highlighted == 0  # Yes, as answered
        await pilot.press("down", "enter")  # No
        await wait_for_screen(pilot, ReviewScreen)
        assert str(table.get_row_at(row)[2]) == "No"
        assert app.assessment.answers["compensation_linked"] is False
        assert read_session_file(store, "northwind")["compensation_linked"] is False

        await open_results(pilot)
        changed = dict(SALES_LED, compensation_linked=False)
        assert ranking_ids(app) == [item.id for item in recommend(kb, changed).ranking]
        top = recommend(kb, changed).ranking[0]
        assert ranking_ids(app)[0] == top.id
        why = app.screen.query_one("#why", Outline).text
        assert top.name in why
        assert "Goals feed pay: yes" not in why


async def test_what_could_change_it_jumps_to_an_unanswered_question(
    make_app: Callable[..., AdvisorApp], kb: KnowledgeBase
) -> None:
    answers = {"organisation": "A", "headcount": 120, "function": "company", "needs": ["alignment"]}
    app = make_app(new_answers=("partial", answers))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        await open_results(pilot)
        await pilot.press("5")
        unanswered = app.screen.query_one("#unanswered", OptionList)
        first = recommend(kb, answers).unanswered[0]
        assert unanswered.get_option_at_index(0).id == first
        assert app.focused is unanswered  # the tab's key puts the list of questions in focus
        await pilot.press("down", "enter")
        await wait_for_screen(pilot, QuestionnaireScreen)
        assert questionnaire(app).question_id == first


# sessions ------------------------------------------------------------------------------------
async def start_and_answer(
    make_app: Callable[..., AdvisorApp], name: str, organisation: str, headcount: int
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await new_assessment(pilot, name)
        await pilot.press(*organisation, "enter")
        await pilot.pause()
        await type_text(pilot, str(headcount))
        await pilot.press("enter")
        await pilot.pause()
        assert questionnaire(app).question_id == "stage"


async def test_two_named_sessions_are_kept_apart(
    make_app: Callable[..., AdvisorApp], store: SessionStore
) -> None:
    await start_and_answer(make_app, "alpha", "Alpha Co", 30)
    await start_and_answer(make_app, "beta", "Beta Co", 900)

    alpha_text = store.path_for("alpha").read_text(encoding="utf-8")
    beta_text = store.path_for("beta").read_text(encoding="utf-8")
    assert "Beta" not in alpha_text and "900" not in alpha_text
    assert "Alpha" not in beta_text and "30\n" not in beta_text
    assert read_session_file(store, "alpha")["organisation"] == "Alpha Co"
    assert read_session_file(store, "beta")["headcount"] == 900

    # Reopen alpha from the saved sessions list.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        sessions = await wait_for_screen(pilot, SessionsScreen)
        table = sessions.query_one(DataTable)
        names = [str(table.get_row_at(r)[0]) for r in range(table.row_count)]
        assert sorted(names) == ["alpha", "beta"]
        await select_row(pilot, table, "alpha")
        await pilot.press("enter")
        await wait_for_screen(pilot, QuestionnaireScreen)
        assert app.assessment.name == "alpha"
        assert app.assessment.answers == {"organisation": "Alpha Co", "headcount": 30}
        assert questionnaire(app).question_id == "stage"

    # A new assessment given beta's name continues beta rather than replacing it.
    app = make_app()
    notices = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_assessment(pilot, "beta")
        assert app.assessment.answers == {"organisation": "Beta Co", "headcount": 900}
        assert any("already exists" in n for n in notices)
    assert read_session_file(store, "alpha")["organisation"] == "Alpha Co"


async def test_every_answer_is_saved_at_once(
    make_app: Callable[..., AdvisorApp], store: SessionStore
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await new_assessment(pilot, "autosave")
        saved = read_session_file(store, "autosave")
        assert saved["_meta"]["cursor"] == "organisation"
        await pilot.press(*"Acme")  # typed, not yet submitted
        await pilot.pause()
        assert read_session_file(store, "autosave")["organisation"] == "Acme"
        await pilot.press("enter")
        await pilot.pause()
        assert read_session_file(store, "autosave")["_meta"]["cursor"] == "headcount"
        await pilot.press("ctrl+s", "ctrl+s")  # skip headcount; stage is then required
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # scale-up (nothing highlighted at first)
        await pilot.pause()
        saved = read_session_file(store, "autosave")
        assert saved["stage"] == "scaleup"
        assert saved["_meta"]["cursor"] == "function"


SOURCE_TEXT = """\
# Kept exactly as written: comments, order and spacing.
organisation:   Brightloop
headcount: 12
function: company
needs: [product_focus, goal_clarity]
compensation_linked: false
"""


async def test_answers_file_opened_from_welcome_is_never_changed(
    make_app: Callable[..., AdvisorApp],
    store: SessionStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = tmp_path / "bl.yaml"
    source.write_text(SOURCE_TEXT, encoding="utf-8")
    before = source.read_bytes()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        menu = app.screen.query_one("#welcome-menu", OptionList)
        ids = [menu.get_option_at_index(i).id for i in range(menu.option_count)]
        await highlight(pilot, menu, ids.index("open"))
        await pilot.press("enter")
        await wait_for_screen(pilot, AskText)
        monkeypatch.chdir(tmp_path)  # a relative path, as a user would type it
        await pilot.press(*source.name, "enter")
        await wait_for_screen(pilot, QuestionnaireScreen)
        assert app.assessment.name == "bl"
        assert app.assessment.answers["organisation"] == "Brightloop"
        await type_text(pilot, "BL Labs")
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "15")
        await pilot.press("enter")
        await pilot.pause()
    assert source.read_bytes() == before
    saved = read_session_file(store, "bl")
    assert saved["organisation"] == "BL Labs"
    assert saved["headcount"] == 15


async def test_launch_with_answers_file_never_changes_it(
    kb: KnowledgeBase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`framework-advisor --answers FILE`: the app starts a new session from the file."""
    from framework_advisor.tui import launch

    source = tmp_path / "brightloop.yaml"
    source.write_text(SOURCE_TEXT + "industry: spaceflight\n", encoding="utf-8")
    before = source.read_bytes()
    started: list[AdvisorApp] = []
    monkeypatch.setattr(AdvisorApp, "run", lambda self, *a, **k: started.append(self))
    launch.run_app(kb, answers_path=source)
    app = started[0]
    notices = record_notices(app)
    store = app.store
    assert store is not None
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        await wait_until(pilot, lambda: notices, what="the salvage notice")
        assert app.assessment.name == "brightloop"
        assert "industry" not in app.assessment.answers
        await type_text(pilot, "Changed")
        await pilot.press("enter")
        await pilot.pause()
    assert any("spaceflight" in n for n in notices)
    assert source.read_bytes() == before
    assert read_session_file(store, "brightloop")["organisation"] == "Changed"


def write_session(store: SessionStore, name: str, data: dict[str, Any]) -> Path:
    path = store.path_for(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


async def test_session_with_a_removed_option_opens_unanswered(
    make_app: Callable[..., AdvisorApp], store: SessionStore
) -> None:
    write_session(
        store,
        "old",
        {
            "organisation": "Orbital",
            "headcount": 80,
            "function": "company",
            "industry": "spaceflight",
            "_meta": {"cursor": "industry"},
        },
    )
    app = make_app()
    notices = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")  # continue the latest session
        await wait_for_screen(pilot, QuestionnaireScreen)
        assert questionnaire(app).question_id == "industry"
        assert "industry" not in app.assessment.answers
        assert app.assessment.answers["organisation"] == "Orbital"
        choice = app.screen.query_one("#choice", OptionList)
        labels = [str(choice.get_option_at_index(i).prompt) for i in range(choice.option_count)]
        assert not any(label.startswith("●") for label in labels)
        await wait_until(pilot, lambda: notices, what="a notice")
        await pilot.press("down", "enter")  # the first industry, software
        await pilot.pause()
    assert any("'industry'" in n and "spaceflight" in n for n in notices)
    assert read_session_file(store, "old")["industry"] == "software"


async def test_session_saved_with_a_missing_pack_says_so(
    make_app: Callable[..., AdvisorApp], store: SessionStore, kb: KnowledgeBase
) -> None:
    write_session(
        store,
        "packed",
        {
            "organisation": "Acme",
            "_meta": {"cursor": "headcount", "packs": [{"name": "acme-extra", "version": "2.1"}]},
        },
    )
    app = make_app(session=store.load("packed", kb))
    notices = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        await wait_until(pilot, lambda: notices, what="the missing pack notice")
        assert questionnaire(app).question_id == "headcount"
    assert any("acme-extra" in n and "--kb" in n for n in notices)


async def test_sessions_screen_renames_and_deletes(
    make_app: Callable[..., AdvisorApp], store: SessionStore, kb: KnowledgeBase
) -> None:
    store.save("alpha", kb, {"organisation": "Alpha Co"}, "headcount")
    store.save("beta", kb, {"organisation": "Beta Co"}, "headcount")
    app = make_app()
    notices = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        screen = await wait_for_screen(pilot, SessionsScreen)
        table = screen.query_one(DataTable)

        def names() -> list[str]:
            return [str(table.get_row_at(r)[0]) for r in range(table.row_count)]

        assert sorted(names()) == ["alpha", "beta"]
        await select_row(pilot, table, "alpha")
        await pilot.press("r")
        dialog = await wait_for_screen(pilot, AskText)
        assert dialog.query_one(Input).value == "alpha"
        await type_text(pilot, "gamma")
        await pilot.press("enter")
        await wait_for_screen(pilot, SessionsScreen)
        await wait_until(pilot, lambda: "gamma" in names(), what="the renamed row")
        assert sorted(store.names()) == ["beta", "gamma"]
        assert read_session_file(store, "gamma")["organisation"] == "Alpha Co"

        # Renaming onto an existing session is refused with a message.
        await select_row(pilot, table, "gamma")
        await pilot.press("r")
        await wait_for_screen(pilot, AskText)
        await type_text(pilot, "beta")
        await pilot.press("enter")
        await wait_for_screen(pilot, SessionsScreen)
        await wait_until(pilot, lambda: notices, what="the refusal")
        assert "already exists" in notices[-1]
        assert read_session_file(store, "beta")["organisation"] == "Beta Co"

        # Delete asks first; Cancel (focused) keeps the session.
        await select_row(pilot, table, "beta")
        await pilot.press("d")
        confirm = await wait_for_screen(pilot, Confirm)
        assert "beta" in str(confirm.query_one(".dialog-prompt", Static).render())
        await pilot.press("enter")
        await wait_for_screen(pilot, SessionsScreen)
        assert store.exists("beta")
        await pilot.press("d")
        await wait_for_screen(pilot, Confirm)
        await pilot.click("#yes")
        await wait_for_screen(pilot, SessionsScreen)
        await wait_until(pilot, lambda: names() == ["gamma"], what="the row to go")
        assert store.names() == ["gamma"]
        where = str(screen.query_one("#sessions-where", Static).render())
        assert "1 session in" in where


# export, palette, theme, size -------------------------------------------------------------
SLOW_FORMATS = ("pdf", "docx")  # rendered by the report tests; seconds each here


def quick_exports_only(export: ExportScreen) -> list[str]:
    """Untick the slow formats; the file names the others will be written as."""
    names = []
    for index, item in enumerate(EXPORTS):
        box = export.query_one(f"#export-{index}", Checkbox)
        box.value = item.format not in SLOW_FORMATS and item.document != "templates"
        if box.value:
            names.append(export_file_name("northwind", item))
    return sorted(names)


async def open_export(pilot: Pilot) -> ExportScreen:
    """From a new session's first question to the export dialog over the results."""
    await wait_for_screen(pilot, QuestionnaireScreen)
    await open_results(pilot)
    await pilot.press("ctrl+e")
    return await wait_for_screen(pilot, ExportScreen)


def on_screen(app: AdvisorApp, selector: str) -> bool:
    """Whether the whole widget lies inside the terminal."""
    region = app.screen.query_one(selector).region
    return bool(region) and app.screen.region.contains_region(region)


async def test_export_writes_asks_before_overwriting_and_says_where(
    make_app: Callable[..., AdvisorApp], tmp_path: Path, documents: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    app = make_app(new_answers=("northwind", SALES_LED))
    async with app.run_test(size=(80, 24)) as pilot:
        export = await open_export(pilot)
        folder_input = export.query_one("#folder", Input)
        assert folder_input.value == str(documents / "northwind")  # named after the session
        folder_input.value = str(folder)
        expected = quick_exports_only(export)
        assert "northwind-recommendation.md" in expected
        await pilot.click("#go")
        result = export.query_one("#export-result", Static)
        await wait_until(pilot, lambda: "Wrote" in str(result.render()), what="the export")
        assert sorted(p.name for p in folder.iterdir()) == expected
        said = str(result.render())
        assert str(folder) in said
        assert all(name in said for name in expected)
        assert yaml.safe_load((folder / "northwind-answers.yaml").read_text())["headcount"] == 400
        # The dialog's buttons stay on screen after the message.
        assert on_screen(app, "#go") and on_screen(app, "#close")

        (folder / "northwind-recommendation.md").write_text("mine", encoding="utf-8")
        # press() rather than click(): a result longer than the room kept for it (this test's
        # folder is long) grows the dialog, which moves the button between frames
        export.query_one("#go", Button).press()
        confirm = await wait_for_screen(pilot, Confirm)
        prompt = str(confirm.query_one(".dialog-prompt", Static).render())
        assert "northwind-recommendation.md" in prompt and str(folder) in prompt
        await pilot.press("enter")  # Cancel has the focus
        await wait_for_screen(pilot, ExportScreen)
        await wait_until(pilot, lambda: "Nothing written" in str(result.render()))
        assert (folder / "northwind-recommendation.md").read_text() == "mine"

        export.query_one("#go", Button).press()
        await wait_for_screen(pilot, Confirm)
        await pilot.click("#yes")
        await wait_for_screen(pilot, ExportScreen)
        await wait_until(pilot, lambda: "Wrote" in str(result.render()))
        assert (folder / "northwind-recommendation.md").read_text().startswith("#")

        await pilot.press("escape")
        await wait_for_screen(pilot, ResultsScreen)


def palette_prompts(app: AdvisorApp) -> list[str]:
    commands = app.screen.query_one(CommandList)
    return [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]


async def search_palette(pilot: Pilot, text: str, expected: str) -> list[str]:
    await pilot.press("ctrl+p")
    await wait_for_screen(pilot, CommandPalette)
    await pilot.press(*text)
    await wait_until(
        pilot, lambda: any(expected in p for p in palette_prompts(pilot.app)), what=expected
    )
    return palette_prompts(pilot.app)


async def test_palette_offers_results_and_jumps_to_questions(
    make_app: Callable[..., AdvisorApp], kb: KnowledgeBase
) -> None:
    app = make_app(new_answers=("northwind", SALES_LED))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        prompts = await search_palette(pilot, "Results", "Results")
        assert prompts[0].startswith("Results")
        await pilot.press("enter")
        await wait_for_screen(pilot, ResultsScreen)

        number, _ = position(kb, "industry", SALES_LED)  # a sales team: its size is asked
        go = f"Go to question {number}:"
        prompts = await search_palette(pilot, f"question {number}", go)
        assert prompts[0].splitlines() == [
            f"{go} Which industry are you in?",
            "industry",
        ]
        await pilot.press("enter")
        await wait_for_screen(pilot, QuestionnaireScreen)
        assert questionnaire(app).question_id == "industry"
        assert progress(app) == progress_label(kb, "industry", SALES_LED)


async def test_palette_before_an_assessment_has_no_questions(
    make_app: Callable[..., AdvisorApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await wait_for_screen(pilot, CommandPalette)
        await wait_until(
            pilot, lambda: any("Compare" in p for p in palette_prompts(app)), what="the list"
        )
        # only what works before an assessment: no results, review, export or questions
        offered = palette_prompts(app)
        for needs_answers in ("Results", "Review answers", "Export", "Go to question"):
            assert not any(p.startswith(needs_answers) for p in offered), offered
        await pilot.press("escape")
        prompts = await search_palette(pilot, "frameworks", "Browse frameworks")
        assert not any(p.startswith("Go to question") for p in prompts)
        await pilot.press("escape")
        assert isinstance(app.screen, WelcomeScreen)


async def test_clicks_tick_multiple_choices_and_choose_single_ones(
    make_app: Callable[..., AdvisorApp], kb: KnowledgeBase
) -> None:
    app = make_app(new_answers=("acme", {"organisation": "Acme", "headcount": 120}))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        app.open_questionnaire("needs")
        await pilot.pause()
        first, second = (o.value for o in (kb.question("needs") or pytest.fail()).options[:2])
        await pilot.click("#choice", offset=(6, 2))  # the second option (under the border)
        await pilot.click("#choice", offset=(6, 1))  # the first
        await pilot.pause()
        assert questionnaire(app).question_id == "needs"  # ticking does not move on
        assert app.assessment.answers["needs"] == [first, second]  # in the question's order
        await pilot.click("#choice", offset=(6, 2))  # untick
        await pilot.pause()
        assert app.assessment.answers["needs"] == [first]
        app.open_questionnaire("stage")
        await pilot.pause()
        await pilot.click("#choice", offset=(6, 1))  # single choice: chosen, and on we go
        await pilot.pause()
        assert app.assessment.answers["stage"] == "startup"
        assert questionnaire(app).question_id != "stage"


def key_bar_x(app: AdvisorApp, key: str) -> int:
    """Where on the footer line the key ``key`` is drawn."""
    bar = app.screen.query_one(KeyBar)
    for x in range(bar.size.width):
        shown = bar.key_at(x)
        if shown is not None and shown.key == key:
            return x
    raise AssertionError(f"{key} is not on the footer: {bar.keys}")


async def test_footer_keys_are_shown_and_clickable(make_app: Callable[..., AdvisorApp]) -> None:
    app = make_app(new_answers=("acme", {"organisation": "Acme"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        app.open_questionnaire("industry")  # optional: Skip is offered
        await pilot.pause()
        footer = str(app.screen.query_one(KeyBar).render())
        assert "Don't know" in footer and "Review" in footer and "palette" in footer
        await pilot.click(KeyBar, offset=(key_bar_x(app, "ctrl+s"), 0))
        await pilot.pause()
        assert questionnaire(app).question_id != "industry"
        app.open_questionnaire("stage")  # required while headcount is unanswered
        await pilot.pause()
        assert "Don't know" not in str(app.screen.query_one(KeyBar).render())
        await pilot.click(KeyBar, offset=(key_bar_x(app, "ctrl+r"), 0))
        await wait_for_screen(pilot, ReviewScreen)
        await pilot.click(KeyBar, offset=(key_bar_x(app, "ctrl+p"), 0))
        await wait_for_screen(pilot, CommandPalette)


async def test_f2_toggles_light_and_dark(make_app: Callable[..., AdvisorApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == DARK
        await pilot.press("f2")
        assert app.theme == LIGHT
        await new_assessment(pilot)
        await pilot.press("f2")  # works on every screen, even in a text field
        assert app.theme == DARK
        await pilot.press("f2")
        assert app.theme == LIGHT


async def test_works_at_120_by_40(
    make_app: Callable[..., AdvisorApp], kb: KnowledgeBase, store: SessionStore
) -> None:
    app = make_app(new_answers=("wide", {"organisation": "Wide Co"}))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        await pilot.press("enter")
        await answer(pilot, kb, "headcount", 2000)
        await answer(pilot, kb, "stage", "enterprise")
        assert progress(app) == progress_label(kb, "function")
        assert on_screen(app, "#next") and on_screen(app, "#help")
        app.assessment.set_answer("function", "company")
        app.assessment.set_answer("needs", ["alignment"])
        await open_results(pilot)
        assert ranking_ids(app) == [i.id for i in recommend(kb, app.assessment.answers).ranking]
        assert app.screen.query_one("#results-banner", Static).display is False
        await pilot.press("2")
        assert "Run now (phase 1)" in mix_text(app)
        await pilot.press("ctrl+e")
        await wait_for_screen(pilot, ExportScreen)
        assert on_screen(app, "#go")
        await pilot.press("escape", "ctrl+t")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "CompareScreen")
    assert read_session_file(store, "wide")["stage"] == "enterprise"


# robustness: odd text never breaks the screen -------------------------------------------
async def test_square_brackets_in_a_folder_are_shown_as_typed(
    make_app: Callable[..., AdvisorApp], tmp_path: Path
) -> None:
    missing = tmp_path / "[/b]" / "[x]"  # a closing tag that matches nothing
    odd = tmp_path / "out [b]draft"  # an opening tag
    app = make_app(new_answers=("northwind", SALES_LED))
    async with app.run_test(size=(80, 24)) as pilot:
        export = await open_export(pilot)
        quick_exports_only(export)
        export.query_one("#folder", Input).value = str(missing)
        await pilot.click("#go")
        result = export.query_one("#export-result", Static)
        await wait_until(pilot, lambda: "Wrote" in str(result.render()))  # the folder is made
        assert str(missing) in str(result.render())
        assert missing.is_dir()
        odd.mkdir()
        export.query_one("#folder", Input).value = str(odd)
        # press() rather than click(): the message above can move the button between frames
        export.query_one("#go", Button).press()
        await wait_until(
            pilot, lambda: "Wrote" in str(result.render()), what=lambda: str(result.render())
        )
        assert str(odd) in str(result.render())
        export.query_one("#go", Button).press()
        confirm = await wait_for_screen(pilot, Confirm)
        assert str(odd) in str(confirm.query_one(".dialog-prompt", Static).render())
        await pilot.press("escape")
        await wait_for_screen(pilot, ExportScreen)


async def test_session_answer_with_square_brackets_is_dropped_with_a_notice(
    make_app: Callable[..., AdvisorApp], store: SessionStore
) -> None:
    write_session(store, "odd", {"organisation": "[b]Acme[/b]", "industry": "[/oops]"})
    app = make_app()
    notices = record_notices(app)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("c")
        await wait_for_screen(pilot, QuestionnaireScreen)
        await wait_until(pilot, lambda: notices, what="the notice")
        await pilot.pause(0.1)  # the toast is drawn
        assert app.assessment.answers == {"organisation": "[b]Acme[/b]"}
        assert app.screen.query_one("#text", Input).value == "[b]Acme[/b]"
    assert any("[/oops]" in n for n in notices)


async def test_a_failed_autosave_is_reported(
    kb: KnowledgeBase, tmp_path: Path, make_app: Callable[..., AdvisorApp]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the sessions folder should be", encoding="utf-8")
    app = make_app(store=SessionStore(blocker / "sessions"))
    notices = record_notices(app)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await new_assessment(pilot, "nowhere")
        await pilot.press(*"Acme")
        await wait_until(pilot, lambda: notices, what="the failure notice")
        assert questionnaire(app).question_id == "organisation"
        assert app.assessment.answers == {"organisation": "Acme"}
    assert all("Could not save your answers" in n for n in notices)


class Immediate:
    """An autosave writer that has finished before the caller looks: the fast path of a
    background write that fails at once (a folder that cannot be created)."""

    def submit(self, function: Callable[..., Any], *args: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(function(*args))
        except Exception as exc:
            future.set_exception(exc)
        return future


async def test_a_save_that_fails_at_once_is_reported_not_raised(
    tmp_path: Path, make_app: Callable[..., AdvisorApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("framework_advisor.tui.state._writer", Immediate)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    app = make_app(store=SessionStore(blocker / "sessions"))
    notices = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_assessment(pilot, "nowhere")
        await pilot.press("A")
        await wait_until(pilot, lambda: notices, what="the failure notice")
        assert app.assessment.answers == {"organisation": "A"}
    assert "Could not save your answers" in notices[0]


async def test_export_starter_templates_for_the_mix(
    make_app: Callable[..., AdvisorApp], tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    app = make_app(new_answers=("northwind", SALES_LED))
    async with app.run_test(size=(80, 24)) as pilot:
        export = await open_export(pilot)
        export.query_one("#folder", Input).value = str(folder)
        for index, item in enumerate(EXPORTS):
            export.query_one(f"#export-{index}", Checkbox).value = item.format == "xlsx"
        await pilot.click("#go")
        result = export.query_one("#export-result", Static)
        await wait_until(pilot, lambda: "Wrote" in str(result.render()), what="the export")
    mix = {layer.framework for layer in app.assessment.recommendation.mix}
    written = sorted(p.name for p in folder.iterdir())
    assert written and all(name.endswith(".xlsx") for name in written)
    if "mbo" in mix:
        assert "mbo-tracker.xlsx" in written
    if "kpi" in mix:
        assert "kpi-dashboard.xlsx" in written


async def test_frameworks_not_working_offers_only_the_frameworks_in_use(
    make_app: Callable[..., AdvisorApp],
) -> None:
    app = make_app(new_answers=("northwind", SALES_LED))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        questionnaire(app).show_question("frameworks_not_working")
        await pilot.pause()
        control = app.screen.query_one("#choice", OptionList)
        in_use = SALES_LED["current_frameworks"]
        assert control.option_count == len(in_use) == 2
        labels = [str(control.get_option_at_index(i).prompt) for i in range(2)]
        assert "Objectives and Key Results" in labels[0] and "Key Performance" in labels[1]
        app.set_answer("frameworks_not_working", ["okr"])
        app.set_answer("current_frameworks", ["kpi"])  # okr no longer in use: not "not working"
        assert "frameworks_not_working" not in app.assessment.answers


async def test_a_merger_answered_in_the_app_lifts_7s_in_its_results(
    make_app: Callable[..., AdvisorApp], kb: KnowledgeBase
) -> None:
    """Issue 23: the leadership team integrating an acquisition says so with the question
    "Change under way", by keys, and 7S rises in the results with the merger as its reason."""
    answers = {
        "organisation": "Ironbridge",
        "headcount": 1500,
        "function": "leadership",
        "team_size": 9,
        "needs": ["org_diagnosis", "strategic_change", "alignment"],
    }
    app = make_app(new_answers=("ironbridge", answers))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        questionnaire(app).show_question("change_under_way")
        await pilot.pause()
        assert progress(app) == progress_label(kb, "change_under_way", answers)
        control = app.screen.query_one("#choice", OptionList)
        shown = [str(control.get_option_at_index(i).prompt) for i in range(control.option_count)]
        options = kb.question_map["change_under_way"].options
        assert [label.strip() for label in shown] == [option.label for option in options]
        await answer(pilot, kb, "change_under_way", "merger_integration")
        assert app.assessment.answers["change_under_way"] == "merger_integration"
        await open_results(pilot)
        expected = recommend(kb, {**answers, "change_under_way": "merger_integration"})
        assert ranking_ids(app) == [item.id for item in expected.ranking]
        assert "mckinsey_7s" in ranking_ids(app)[:2]
