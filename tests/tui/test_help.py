"""Help on every screen (issue 31): F1 anywhere, ? where nothing is typed; the screen's own
keys, read from its bindings, and what each screen does, in the knowledge base's words."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable

import msgspec
from textual.screen import Screen
from textual.widgets import Input, Static

import framework_advisor.tui.screens as screens_package
from framework_advisor.domain.knowledge import HelpEntry, KnowledgeBase
from framework_advisor.tui.app import AdvisorApp
from framework_advisor.tui.screens.help import OWN_PARTS, HelpScreen, help_content

from .conftest import SALES_LED, wait_for_screen


def screen_classes() -> list[type[Screen[object]]]:
    found = []
    for module in pkgutil.iter_modules(screens_package.__path__):
        loaded = importlib.import_module(f"{screens_package.__name__}.{module.name}")
        found += [
            cls
            for _, cls in inspect.getmembers(loaded, inspect.isclass)
            if issubclass(cls, Screen) and cls.__module__ == loaded.__name__
        ]
    return found


def help_text(app: AdvisorApp) -> str:
    screen = app.screen
    assert isinstance(screen, HelpScreen)
    return str(screen.query_one("#help-text", Static).render())


def test_every_screen_has_its_help_and_every_help_entry_a_screen(kb: KnowledgeBase) -> None:
    named = {getattr(cls, "HELP_ID", None) for cls in screen_classes()} - {None}
    entries = {entry.id for entry in kb.help}
    assert named <= entries, named - entries
    assert entries - set(OWN_PARTS) == named  # no entry for a screen that is not there
    for entry in kb.help:
        assert entry.title.strip(), entry.id


async def test_f1_shows_the_screens_keys_and_what_it_does(
    make_app: Callable[..., AdvisorApp], kb: KnowledgeBase
) -> None:
    from framework_advisor.tui.screens.questionnaire import QuestionnaireScreen

    app = make_app(new_answers=("acme", dict(SALES_LED)))
    async with app.run_test(size=(80, 24)) as pilot:
        questions = await wait_for_screen(pilot, QuestionnaireScreen)
        questions.jump_to("organisation")  # a text box has the focus
        await pilot.pause()
        await pilot.press("f1")
        await wait_for_screen(pilot, HelpScreen)
        text = help_text(app)
        entry = kb.help_entry(QuestionnaireScreen.HELP_ID)
        assert entry is not None and entry.title in text
        assert " ".join(entry.text.split()[:6]) in " ".join(text.split())
        for binding in QuestionnaireScreen.BINDINGS:
            assert binding.description in text, binding  # shown in the footer or not
        assert "Theme" in text  # the keys of every screen
        assert "Focus Next" not in text  # Textual's own keys are not ours to explain
        await pilot.press("f1")  # F1 again closes it
        await wait_for_screen(pilot, QuestionnaireScreen)
        await pilot.press("question_mark")  # in a text box, ? is typed
        await pilot.pause()
        assert app.screen is questions
        assert questions.query_one("#text", Input).value.endswith("?")


async def test_question_mark_and_f1_open_help_where_nothing_is_typed_and_in_a_dialog(
    make_app: Callable[..., AdvisorApp], kb: KnowledgeBase
) -> None:
    from framework_advisor.tui.screens.dialogs import AskText
    from framework_advisor.tui.screens.welcome import WelcomeScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        welcome = await wait_for_screen(pilot, WelcomeScreen)
        hint = kb.help_entry("hint")
        assert hint is not None
        assert hint.title in str(welcome.query_one("#welcome-help", Static).render())
        await pilot.press("question_mark")
        await wait_for_screen(pilot, HelpScreen)
        assert "Check written goals" in help_text(app)  # the welcome screen's own keys
        await pilot.press("escape")
        await wait_for_screen(pilot, WelcomeScreen)
        await pilot.press("n")
        await wait_for_screen(pilot, AskText)
        await pilot.press("f1")
        await wait_for_screen(pilot, HelpScreen)
        await pilot.press("escape")
        dialog = await wait_for_screen(pilot, AskText)
        assert dialog.query_one("#answer", Input).value  # the name typed so far is kept


def test_the_help_is_text_never_markup(kb: KnowledgeBase) -> None:
    words = "Press [b]F1[/b] for [link=x]help[/link] \x1b[31m"
    packed = msgspec.structs.replace(
        kb, help=[HelpEntry("help", "Help", words), HelpEntry("welcome", "[i]W[/i]", "x")]
    )
    plain = help_content(packed, None, []).plain
    assert "Press [b]F1[/b] for [link=x]help[/link]" in plain
    assert "[i]W[/i]" in plain and "\x1b" not in plain
