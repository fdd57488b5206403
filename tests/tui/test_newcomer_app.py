"""The app as a newcomer finds it at 80x24 (issue 31): every button in view, no dead key."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Button, Checkbox, Input, Static

from framework_advisor.exports import EXPORTS
from framework_advisor.tui.app import AdvisorApp
from framework_advisor.tui.screens.dialogs import Confirm
from framework_advisor.tui.screens.export import SHOWN_NAMES, ExportScreen
from framework_advisor.tui.state import Assessment

from .conftest import SALES_LED, read_session_file, wait_for_screen, wait_until
from .test_flow import SLOW_FORMATS, on_screen, open_export


async def test_overwriting_many_files_keeps_the_buttons_in_view(
    make_app: Callable[..., AdvisorApp], tmp_path: Path, documents: Path
) -> None:
    folder = tmp_path / "out"
    app = make_app(new_answers=("northwind", SALES_LED))
    async with app.run_test(size=(80, 24)) as pilot:
        export = await open_export(pilot)
        export.query_one("#folder", Input).value = str(folder)
        for index, item in enumerate(EXPORTS):
            export.query_one(f"#export-{index}", Checkbox).value = item.format not in SLOW_FORMATS
        export.query_one("#go", Button).focus()
        await pilot.press("enter")
        result = export.query_one("#export-result", Static)
        await wait_until(pilot, lambda: "Wrote" in str(result.render()), what="the export")
        written = sorted(p.name for p in folder.iterdir())
        assert len(written) > SHOWN_NAMES + 2
        said = str(result.render())
        assert f"Wrote {len(written)} files" in said
        assert all(name in said for name in written), said
        assert on_screen(app, "#go") and on_screen(app, "#close")

        await pilot.press("enter")  # Export keeps the focus it had: Enter exports again
        confirm = await wait_for_screen(pilot, Confirm)
        prompt = str(confirm.query_one(".dialog-prompt", Static).render())
        assert f"{len(written)} files already exist" in prompt
        assert f"{SHOWN_NAMES} shown" in prompt
        assert on_screen(app, "#yes") and on_screen(app, "#no")
        await pilot.press("enter")  # Cancel, in view, has the focus
        await wait_for_screen(pilot, ExportScreen)
        await wait_until(pilot, lambda: "Nothing written" in str(result.render()))


async def test_a_tab_takes_the_keys_once_shown(make_app: Callable[..., AdvisorApp]) -> None:
    from textual.containers import VerticalScroll

    from framework_advisor.tui.screens.results import TABS, ResultsScreen

    app = make_app(new_answers=("northwind", SALES_LED))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+o")
        screen = await wait_for_screen(pilot, ResultsScreen)
        mix = TABS.index("mix") + 1
        await pilot.press(str(mix))
        await pilot.pause()
        pane = screen.query_one("#tab-mix")
        focused = app.focused
        assert focused is not None and pane in focused.ancestors_with_self, focused
        scroll = pane.query_one(VerticalScroll)
        assert scroll.max_scroll_y > 0, "the mix fits: nothing to scroll at 80x24"
        for key, where in (("down", 1), ("end", scroll.max_scroll_y), ("home", 0)):
            await pilot.press(key)
            await pilot.pause()
            assert scroll.scroll_y == where, (key, focused)
        await pilot.press("pagedown")
        await pilot.pause()
        assert scroll.scroll_y > 1


async def test_every_list_starts_with_nothing_highlighted(
    make_app: Callable[..., AdvisorApp], kb
) -> None:
    """Down, Down, Space ticks option 2 in a multiple-choice list, as Down, Down, Enter chooses
    option 2 in a single-choice one."""
    from textual.widgets import OptionList

    from framework_advisor.tui.screens.questionnaire import QuestionnaireScreen

    app = make_app(new_answers=("northwind", {}))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, QuestionnaireScreen)
        for question_id in ("function", "needs"):
            question = kb.question(question_id)
            screen.jump_to(question_id)
            await pilot.pause()
            control = screen.query_one("#choice", OptionList)
            assert control.highlighted is None, question_id
            await pilot.press("down")
            assert control.highlighted == 0, question_id
        await pilot.press("down", "space")
        await pilot.pause()
        assert app.assessment.answers["needs"] == [question.options[1].value]


async def test_home_and_end_move_through_review(make_app: Callable[..., AdvisorApp]) -> None:
    from textual.widgets import DataTable

    from framework_advisor.tui.screens.review import ReviewScreen

    app = make_app(new_answers=("northwind", SALES_LED))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+r")
        screen = await wait_for_screen(pilot, ReviewScreen)
        table = screen.query_one(DataTable)
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1 > 0
        await pilot.press("home")
        assert table.cursor_row == 0


async def test_ctrl_e_exports_from_a_question_even_in_a_text_box(
    make_app: Callable[..., AdvisorApp],
) -> None:
    from framework_advisor.tui.screens.questionnaire import QuestionnaireScreen

    app = make_app(new_answers=("northwind", SALES_LED))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, QuestionnaireScreen)
        screen.jump_to("organisation")  # a text box, whose own Ctrl+E moved to the line's end
        await pilot.pause()
        await pilot.press("ctrl+e")
        await wait_for_screen(pilot, ExportScreen)


async def test_a_required_question_offers_no_dont_know(make_app: Callable[..., AdvisorApp]) -> None:
    from framework_advisor.tui.screens.questionnaire import QuestionnaireScreen
    from framework_advisor.tui.widgets.footer import KeyBar

    app = make_app(new_answers=("northwind", {}))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, QuestionnaireScreen)
        screen.jump_to("needs")
        await pilot.pause()
        assert app.assessment.is_required(app.assessment.question("needs"))
        assert not screen.query_one("#dont-know", Button).display
        assert all(key.key != "ctrl+s" for key in screen.query_one(KeyBar).keys)
        screen.jump_to("industry")
        await pilot.pause()
        assert screen.query_one("#dont-know", Button).display
        assert any(key.key == "ctrl+s" for key in screen.query_one(KeyBar).keys)


async def test_results_and_export_name_the_missing_required_question(
    make_app: Callable[..., AdvisorApp], tmp_path: Path, documents: Path
) -> None:
    from framework_advisor.tui.screens.questionnaire import QuestionnaireScreen
    from framework_advisor.tui.screens.results import ResultsScreen

    answers = {k: v for k, v in SALES_LED.items() if k != "needs"}
    app = make_app(new_answers=("northwind", answers))
    async with app.run_test(size=(80, 24)) as pilot:
        missing = app.assessment.missing_required()
        assert [q.id for q in missing] == ["needs"]
        label = missing[0].label
        await pilot.press("ctrl+o")
        results = await wait_for_screen(pilot, ResultsScreen)
        banner = results.query_one("#results-banner", Static)
        assert label in str(banner.render()) and on_screen(app, "#results-banner")
        await pilot.press("ctrl+e")
        export = await wait_for_screen(pilot, ExportScreen)
        assert label in str(export.query_one("#export-result", Static).render())
        boxes = {
            item.document: export.query_one(f"#export-{i}", Checkbox)
            for i, item in enumerate(EXPORTS)
        }
        assert boxes["answers"].value and not boxes["answers"].disabled
        assert all(box.disabled and not box.value for doc, box in boxes.items() if doc != "answers")
        folder = tmp_path / "out"
        export.query_one("#folder", Input).value = str(folder)
        export.query_one("#go", Button).press()
        result = export.query_one("#export-result", Static)
        await wait_until(pilot, lambda: "Wrote" in str(result.render()), what="the export")
        assert [p.name for p in folder.iterdir()] == ["northwind-answers.yaml"]
        assert on_screen(app, "#answer-missing")
        await pilot.click("#answer-missing")
        screen = await wait_for_screen(pilot, QuestionnaireScreen)
        assert screen.question_id == "needs"
        await pilot.press("ctrl+o")
        await wait_for_screen(pilot, ResultsScreen)
        await pilot.press("a")  # Results offers to go there too
        screen = await wait_for_screen(pilot, QuestionnaireScreen)
        assert screen.question_id == "needs"


async def test_a_rename_shows_at_once_and_says_how_the_name_changed(
    make_app: Callable[..., AdvisorApp], store
) -> None:
    from textual.widgets import DataTable

    from framework_advisor.tui.screens.dialogs import AskText
    from framework_advisor.tui.screens.questionnaire import QuestionnaireScreen
    from framework_advisor.tui.screens.sessions import SessionsScreen

    app = make_app(new_answers=("acme", SALES_LED))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        assert "acme" in app.sub_title  # the header names the session open
        app.push_screen(SessionsScreen())
        screen = await wait_for_screen(pilot, SessionsScreen)
        await pilot.press("r")
        dialog = await wait_for_screen(pilot, AskText)
        dialog.query_one("#answer", Input).value = "Cloudlane 2027"
        await pilot.press("enter")
        await wait_for_screen(pilot, SessionsScreen)
        table = screen.query_one(DataTable)
        await wait_until(
            pilot, lambda: table.row_count == 1 and table.get_row_at(0)[0].plain != "acme"
        )
        shown = table.get_row_at(table.cursor_row)[0].plain
        stem = store.names()[0]
        assert shown == "Cloudlane 2027" != stem  # the name as typed; the file's is safe
        assert shown in app.sub_title and "acme" not in app.sub_title
        said = [n.message for n in app._notifications]
        assert any(shown in m and f"{stem}.yaml" in m for m in said), said
        app.set_answer("organisation", "Cloudlane")  # the open session saves on, renamed
        assert read_session_file(store, stem)["organisation"] == "Cloudlane"
        assert store.load(stem, app.kb).display_name == "Cloudlane 2027"
        assert not app.assessment.read_only and store.names() == [stem]


async def test_a_mistyped_answers_file_keeps_the_dialog_and_suggests(
    make_app: Callable[..., AdvisorApp], tmp_path: Path
) -> None:
    from framework_advisor.tui.screens.dialogs import AskText
    from framework_advisor.tui.screens.questionnaire import QuestionnaireScreen
    from framework_advisor.tui.screens.welcome import WelcomeScreen

    from ..conftest import SAMPLES

    typo = str(SAMPLES / "startup.yml")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        welcome = await wait_for_screen(pilot, WelcomeScreen)
        welcome.open_answers_file()
        dialog = await wait_for_screen(pilot, AskText)
        dialog.query_one("#answer", Input).value = typo
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog  # still open, the path kept
        assert dialog.query_one("#answer", Input).value == typo
        error = str(dialog.query_one("#error", Static).render())
        assert "Did you mean startup.yaml" in error, error
        dialog.query_one("#answer", Input).value = str(SAMPLES / "startup.yaml")
        await pilot.press("enter")
        await wait_for_screen(pilot, QuestionnaireScreen)


async def test_the_organisation_is_offered_the_session_name_never_saved_unasked(
    make_app: Callable[..., AdvisorApp], kb
) -> None:
    from framework_advisor.tui.screens.questionnaire import QuestionnaireScreen

    app = make_app(new_answers=("Cloudlane", {}))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, QuestionnaireScreen)
        screen.jump_to("organisation")
        await pilot.pause()
        box = screen.query_one("#text", Input)
        assert "Cloudlane" in box.placeholder and box.value == ""
        assert "organisation" not in app.assessment.answers
        assert kb.question("headcount").placeholder.split()[0].isalpha()  # not a bare "120"
        await pilot.press("c")
        await wait_until(pilot, lambda: box._suggestion == "Cloudlane", what="the suggestion")
        await pilot.press("right", "enter")
        await wait_until(pilot, lambda: app.assessment.answers.get("organisation") == "Cloudlane")


async def test_compare_at_80x24_wraps_whole_words_and_names_every_line(
    make_app: Callable[..., AdvisorApp], kb
) -> None:
    from framework_advisor.domain.framework import abbreviation
    from framework_advisor.render.text import COMPARE_ROWS
    from framework_advisor.tui.screens.compare import CompareScreen, fitted_comparison

    ids = list(kb.frameworks)[:4]
    text = fitted_comparison(kb, ids, 50)
    words = {
        word
        for fid in ids
        for _, getter in COMPARE_ROWS
        for value in [getter(kb.frameworks[fid])]
        for item in ([value] if isinstance(value, str) else value)
        for word in item.split()
    }
    names = {abbreviation(kb.frameworks[fid]) for fid in ids}
    words |= {word for fid in ids for word in kb.frameworks[fid].name.split()}
    lines = [line for line in text.splitlines() if line and not line.isupper()]
    for line in lines:
        body = line.split(": ", 1)[1] if line.split(": ", 1)[0] in names else line
        assert all(word in words for word in body.split() if word != "·"), line  # none cut
    started = [line for line in lines if not line.startswith(" ")]
    assert all(line.split(": ", 1)[0] in names for line in started), started
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_compare()
        screen = await wait_for_screen(pilot, CompareScreen)
        shown = str(screen.query_one("#compare-text", Static).render())
        assert "OKR: " in shown and "KPI: " in shown


async def test_a_new_session_says_when_its_file_name_differs(
    make_app: Callable[..., AdvisorApp], store
) -> None:
    from framework_advisor.tui.screens.dialogs import AskText
    from framework_advisor.tui.screens.questionnaire import QuestionnaireScreen
    from framework_advisor.tui.screens.welcome import WelcomeScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, WelcomeScreen)
        await pilot.press("n")
        dialog = await wait_for_screen(pilot, AskText)
        dialog.query_one("#answer", Input).value = "Cloudlane 2027"
        await pilot.press("enter")
        await wait_for_screen(pilot, QuestionnaireScreen)
        assert "Cloudlane 2027" in app.sub_title
        stem = store.names()[0]
        assert stem != "Cloudlane 2027"
        await wait_until(pilot, lambda: any(stem in n.message for n in app._notifications))
        assert read_session_file(store, stem)["_meta"]["name"] == "Cloudlane 2027"
    reopened = make_app(session=store.load(stem, app.kb))
    async with reopened.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        assert "Cloudlane 2027" in reopened.sub_title  # the name typed, not the file's


async def test_a_session_name_is_text_and_two_names_never_share_a_file(
    make_app: Callable[..., AdvisorApp], store
) -> None:
    """A name with brackets and a dash is shown as typed (never markup); a second name that
    makes the same file name gets a file of its own, and the same name typed again continues
    its session."""
    from textual.widgets import DataTable

    from framework_advisor.tui.screens.dialogs import AskText
    from framework_advisor.tui.screens.questionnaire import QuestionnaireScreen
    from framework_advisor.tui.screens.sessions import SessionsScreen
    from framework_advisor.tui.screens.welcome import WelcomeScreen

    names = ["Q3 board offsite — Acme [b]x[/b]", "Q3 board offsite — Acme [b]x[/b]?"]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for name in [*names, names[0]]:
            app.action_home()
            welcome = await wait_for_screen(pilot, WelcomeScreen)
            welcome.action_new()
            dialog = await wait_for_screen(pilot, AskText)
            dialog.query_one("#answer", Input).value = name
            await pilot.press("enter")
            await wait_for_screen(pilot, QuestionnaireScreen)
            assert name in app.sub_title
        Assessment.flush()
        assert len(store.names()) == len(names)
        app.push_screen(SessionsScreen())
        screen = await wait_for_screen(pilot, SessionsScreen)
        table = screen.query_one(DataTable)
        shown = {table.get_row_at(row)[0].plain for row in range(table.row_count)}
        assert shown == set(names)
