"""Issue 13: the app at 80x24 records nothing the user did not choose, keeps every option and
message in view, and its export dialog works from the keyboard. Each test failed before."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.widget import Widget
from textual.widgets import Checkbox, DataTable, Input, OptionList, SelectionList, Static

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.exports import EXPORTS
from framework_advisor.sessions import SessionStore
from framework_advisor.tui.app import AdvisorApp
from framework_advisor.tui.screens.compare import CompareScreen
from framework_advisor.tui.screens.dialogs import AskText
from framework_advisor.tui.screens.export import ExportScreen
from framework_advisor.tui.screens.questionnaire import QuestionnaireScreen
from framework_advisor.tui.screens.results import ResultsScreen
from framework_advisor.tui.screens.review import EditAnswer, ReviewScreen
from framework_advisor.tui.screens.welcome import WelcomeScreen
from framework_advisor.tui.widgets.footer import KeyBar
from framework_advisor.tui.widgets.outline import Outline

from .conftest import SALES_LED, record_notices, wait_for_screen, wait_until
from .test_flow import (
    error_text,
    open_export,
    open_results,
    palette_prompts,
    progress,
    questionnaire,
    quick_exports_only,
    select_row,
    write_session,
)

START = {"organisation": "Acme", "headcount": 300}


def choice(app: AdvisorApp) -> OptionList:
    return app.screen.query_one("#choice", OptionList)


def fully_visible(app: AdvisorApp, widget: Widget) -> bool:
    """Drawn whole on screen, above the buttons and footer (nothing clipped)."""
    region = widget.region
    if not region or not app.screen.region.contains_region(region):
        return False
    if isinstance(app.screen, QuestionnaireScreen):
        body = app.screen.query_one("#question-body").region
        return body.contains_region(region)
    return True


def marked(app: AdvisorApp) -> list[str]:
    control = choice(app)
    prompts = [str(control.get_option_at_index(i).prompt) for i in range(control.option_count)]
    return [p for p in prompts if p.startswith(("●", "[x]"))]


# nothing recorded that the user did not choose ---------------------------------------------
async def test_enter_on_an_optional_single_choice_skips_it_and_records_nothing(
    make_app: Callable[..., AdvisorApp],
) -> None:
    app = make_app(new_answers=("acme", {"organisation": "Acme"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        await pilot.press("enter", *"300", "enter")  # organisation as given, headcount 300
        await wait_until(pilot, lambda: questionnaire(app).question_id == "stage")
        assert choice(app).highlighted is None  # no option preselected
        await pilot.press("enter")
        await wait_until(pilot, lambda: questionnaire(app).question_id == "function")
        assert "stage" not in app.assessment.answers
        assert "skipped" in progress(app)
        assert app.assessment.answers["headcount"] == 300


async def test_enter_on_a_required_choice_with_nothing_chosen_says_why_in_view(
    make_app: Callable[..., AdvisorApp],
) -> None:
    app = make_app(new_answers=("acme", {**START, "function": "company"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        for question_id in ("function", "needs"):  # single, then multiple choice (13 options)
            app.open_questionnaire(question_id)
            await pilot.pause()
            app.assessment.answers.pop(question_id, None)
            questionnaire(app).show_question(question_id)
            await pilot.press("enter")
            await pilot.pause(0.1)
            assert questionnaire(app).question_id == question_id
            assert question_id not in app.assessment.answers
            assert "needs an answer" in error_text(app)
            await wait_until(
                pilot,
                lambda: fully_visible(app, app.screen.query_one("#error")),
                what=f"the message of {question_id} in view",
            )


# every option and message in view ----------------------------------------------------------
@pytest.mark.parametrize("question_id", ["needs", "current_frameworks"])
async def test_long_lists_scroll_with_their_cursor(
    make_app: Callable[..., AdvisorApp], kb: KnowledgeBase, question_id: str
) -> None:
    app = make_app(new_answers=("acme", {**START, "function": "company"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        app.open_questionnaire(question_id)
        await pilot.pause()
        control = choice(app)
        count = control.option_count
        assert count >= 13
        while control.highlighted != count - 1:
            await pilot.press("down")
            await pilot.pause()
            index = control.highlighted
            assert index is not None
            top = control.scroll_offset.y
            shown = control.scrollable_content_region.height
            assert top <= index < top + shown, f"option {index} is off the list's view"
            assert fully_visible(app, control), "the list is cut below the fold"
        await pilot.press("space")  # ticks the last option, which is in view
        await pilot.pause()
        last = kb.question(question_id).options[-1].value  # type: ignore[union-attr]
        assert app.assessment.answers[question_id] == [last]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_compare_fits_its_width_with_four_frameworks(
    make_app: Callable[..., AdvisorApp], size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        app.action_compare()
        screen = await wait_for_screen(pilot, CompareScreen)
        picks = screen.query_one(SelectionList)
        while len(picks.selected) < 4:
            await pilot.press("down")
            if picks.highlighted not in picks.selected:
                await pilot.press("space")
            await pilot.pause()
        await pilot.pause(0.1)
        table = screen.query_one("#compare-table")
        text = str(screen.query_one("#compare-text", Static).render())
        lines = text.splitlines()
        assert len(lines) > 10
        width = table.scrollable_content_region.width
        too_wide = [line for line in lines if len(line.rstrip()) > width]
        assert not too_wide, f"{len(too_wide)} lines wider than {width}: {too_wide[0]!r}"
        assert table.region.right <= size[0]


async def test_review_and_questionnaire_show_the_same_answers(
    make_app: Callable[..., AdvisorApp],
) -> None:
    app = make_app(new_answers=("northwind", SALES_LED))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        app.open_questionnaire("industry")
        await pilot.pause()
        assert marked(app) == ["● Software and internet"] or len(marked(app)) == 1
        await pilot.press("ctrl+r")
        review = await wait_for_screen(pilot, ReviewScreen)
        table = review.query_one(DataTable)
        await select_row(pilot, table, str(app.assessment.position("industry")[0]))
        await pilot.press("enter")
        await wait_for_screen(pilot, EditAnswer)
        await pilot.click("#clear")
        await wait_for_screen(pilot, ReviewScreen)
        assert "industry" not in app.assessment.answers
        await pilot.press("escape")
        await wait_for_screen(pilot, QuestionnaireScreen)
        await pilot.pause()
        assert questionnaire(app).question_id == "industry"
        assert marked(app) == []  # the cleared answer is not shown as chosen
        assert choice(app).highlighted is None


async def test_the_stage_help_follows_the_state(make_app: Callable[..., AdvisorApp]) -> None:
    app = make_app(new_answers=("acme", {"organisation": "Acme"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        app.open_questionnaire("headcount")
        await pilot.pause()
        await pilot.press("ctrl+s")  # skip the headcount: the stage becomes required
        await wait_until(pilot, lambda: questionnaire(app).question_id == "stage")
        help_text = str(app.screen.query_one("#help", Static).render())
        assert "Leave this blank" not in help_text
        assert "needs an answer" in help_text
        await pilot.press("escape")  # back to the headcount, answer it: stage is optional again
        await pilot.press(*"120", "enter")
        await wait_until(pilot, lambda: questionnaire(app).question_id == "stage")
        assert "Leave this blank" in str(app.screen.query_one("#help", Static).render())


# the export dialog from the keyboard ----------------------------------------------------------
def boxes(export: ExportScreen) -> list[Checkbox]:
    return [export.query_one(f"#export-{i}", Checkbox) for i in range(len(EXPORTS))]


async def test_export_dialog_works_from_the_keyboard(
    make_app: Callable[..., AdvisorApp], tmp_path: Path, documents: Path
) -> None:
    app = make_app(new_answers=("northwind", SALES_LED))
    async with app.run_test(size=(80, 24)) as pilot:
        export = await open_export(pilot)
        folder = export.query_one("#folder", Input)
        assert app.focused is folder  # typing goes into the folder field
        assert folder.value == str(documents / "northwind")
        expected = quick_exports_only(export)
        target = tmp_path / "not" / "yet" / "there"
        await pilot.press("home", "ctrl+k", *str(target), "enter")  # Enter exports
        result = export.query_one("#export-result", Static)
        await wait_until(pilot, lambda: "Wrote" in str(result.render()), what="the export")
        assert sorted(p.name for p in target.iterdir()) == expected  # the folder was created
        said = str(result.render())
        assert all(name in said for name in expected)
        # the message wraps inside the dialog and stays in view, above the buttons
        assert result.region.height > 1
        assert app.screen.region.contains_region(result.region)
        assert result.region.bottom <= export.query_one("#go").region.y
        ticked = [box.value for box in boxes(export)]

        await pilot.press("escape")
        await wait_for_screen(pilot, ResultsScreen)
        await pilot.press("ctrl+e")
        again = await wait_for_screen(pilot, ExportScreen)
        assert again.query_one("#folder", Input).value == str(target)  # kept for the session
        assert [box.value for box in boxes(again)] == ticked


async def test_ticked_boxes_look_ticked_not_only_by_colour(
    make_app: Callable[..., AdvisorApp],
) -> None:
    app = make_app(new_answers=("northwind", SALES_LED))
    async with app.run_test(size=(80, 24)) as pilot:
        export = await open_export(pilot)
        shown = {box.value: str(box.render()).split(box.label.plain)[0] for box in boxes(export)}
        assert set(shown) == {True, False}
        assert shown[True].strip() != shown[False].strip()
        assert "✓" in shown[True] and "✓" not in shown[False]


# footers and palettes: only what works -------------------------------------------------------
async def test_no_continue_key_without_sessions(
    make_app: Callable[..., AdvisorApp], store: SessionStore, kb: KnowledgeBase
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, WelcomeScreen)
        await pilot.pause()
        shown = [key.description for key in app.screen.query_one(KeyBar).keys]
        assert "Continue" not in shown and "New" in shown
    store.save("brightloop", kb, {"organisation": "Brightloop"}, "headcount")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, WelcomeScreen)
        await pilot.pause()
        assert "Continue" in [key.description for key in app.screen.query_one(KeyBar).keys]


async def test_cursor_stays_on_open_after_a_failed_open(
    make_app: Callable[..., AdvisorApp], store: SessionStore, tmp_path: Path
) -> None:
    write_session(store, "old", {"organisation": "Orbital", "_meta": {"cursor": "headcount"}})
    app = make_app()
    notices = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, WelcomeScreen)
        menu = screen.query_one("#welcome-menu", OptionList)
        assert menu.highlighted_option is not None
        assert menu.highlighted_option.id == "continue"
        while menu.highlighted_option.id != "open":
            await pilot.press("down")
        await pilot.press("enter")
        dialog = await wait_for_screen(pilot, AskText)
        await pilot.press(*str(tmp_path / "missing.yaml"), "enter")
        error = dialog.query_one("#error", Static)  # said in the dialog, which stays open
        await wait_until(pilot, lambda: "No file" in str(error.render()), what="the error")
        assert not notices
        await pilot.press("escape")
        await wait_for_screen(pilot, WelcomeScreen)
        await pilot.pause()
        assert menu.highlighted_option.id == "open"  # Enter would not resume the old session


async def test_palette_screenshot_works_without_a_downloads_folder(
    make_app: Callable[..., AdvisorApp],
    tmp_path: Path,
    documents: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    app = make_app(new_answers=("northwind", SALES_LED))
    notices = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        await pilot.press("ctrl+p")
        await wait_for_screen(pilot, CommandPalette)
        await pilot.press(*"Screenshot")
        await wait_until(pilot, lambda: any("Screenshot" in p for p in palette_prompts(app)))
        await pilot.press("enter")
        await wait_until(pilot, lambda: notices, what="the screenshot notice", timeout=10)
    assert not any("Failed" in notice for notice in notices), notices
    assert list((documents / "northwind").glob("*.svg"))


async def test_mix_legend_only_for_frameworks_in_the_mix(
    make_app: Callable[..., AdvisorApp],
) -> None:
    app = make_app(new_answers=("northwind", SALES_LED))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        await open_results(pilot)
        rec = app.assessment.recommendation
        in_mix = {layer.framework for layer in rec.mix}
        seen: dict[bool, Any] = {}
        table = app.screen.query_one("#ranking", DataTable)
        for row in range(len(rec.ranking)):
            framework = rec.ranking[row].id
            while table.cursor_row != row:
                await pilot.press("down")
            await pilot.pause()
            why = app.screen.query_one("#why", Outline).text
            seen.setdefault(framework in in_mix, ("in your mix" in why, framework))
        assert seen[True][0] is True
        assert seen[False][0] is False, f"{seen[False][1]} is not in the mix"


async def test_editing_a_long_list_over_review_keeps_it_and_its_buttons_in_view(
    make_app: Callable[..., AdvisorApp],
) -> None:
    app = make_app(new_answers=("northwind", SALES_LED))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        await pilot.press("ctrl+r")
        review = await wait_for_screen(pilot, ReviewScreen)
        await select_row(
            pilot, review.query_one(DataTable), str(app.assessment.position("needs")[0])
        )
        await pilot.press("enter")
        dialog = await wait_for_screen(pilot, EditAnswer)
        await pilot.pause()
        control = choice(app)
        while control.highlighted != control.option_count - 1:
            await pilot.press("down")
        await pilot.pause()
        box = dialog.query_one(".dialog").content_region
        for selector in ("#choice", "#done", "#clear"):
            assert box.contains_region(dialog.query_one(selector).region), selector
        top, shown = control.scroll_offset.y, control.scrollable_content_region.height
        assert top <= control.option_count - 1 < top + shown


async def test_compare_picks_look_picked_not_only_by_colour(
    make_app: Callable[..., AdvisorApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_compare()
        screen = await wait_for_screen(pilot, CompareScreen)
        await pilot.pause()
        picks = screen.query_one(SelectionList)
        lines = {
            picks.get_option_at_index(row).value: picks.render_line(row).text
            for row in range(picks.option_count)
        }
        assert set(picks.selected) == {"okr", "kpi"}
        assert all(("✓" in text) == (value in picks.selected) for value, text in lines.items())
