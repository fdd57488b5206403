"""Keys typed faster than the questionnaire moves on (a paste, a quick typist) belong to the
next question: never appended to the answer just submitted."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.pilot import Pilot

from framework_advisor.tui.app import AdvisorApp
from framework_advisor.tui.screens.questionnaire import QuestionnaireScreen

from .conftest import read_session_file, wait_for_screen, wait_until


async def burst(pilot: Pilot, *keys: str) -> None:
    """Send every key at once, as a terminal delivers a paste or a fast typist's keys.
    (`pilot.press` waits for the app to go idle after each key, which hides the race.)"""
    driver = pilot.app._driver
    assert driver is not None
    names = {"enter": None, "backspace": None, "down": None, "up": None, "space": " "}
    for key in keys:
        event = events.Key(key, names.get(key, key) if key in names else key)
        event.set_sender(pilot.app)
        driver.send_message(event)
    await pilot.pause()


async def test_a_burst_of_keys_answers_two_questions(
    make_app: Callable[..., AdvisorApp], store
) -> None:
    app = make_app(new_answers=("burst", {}))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, QuestionnaireScreen)
        assert screen.question_id == "organisation"
        await burst(pilot, *"Org-Y", "enter", *"120", "enter")
        await wait_until(
            pilot,
            lambda: app.assessment.answers.get("headcount") == 120,
            what=lambda: f"headcount answered, have {app.assessment.answers}",
        )
        assert app.assessment.answers["organisation"] == "Org-Y"
        await wait_until(pilot, lambda: screen.question_id not in ("organisation", "headcount"))
    saved = read_session_file(store, "burst")
    assert saved["organisation"] == "Org-Y"
    assert saved["headcount"] == 120


async def test_keys_after_a_refused_answer_stay_in_that_answer(
    make_app: Callable[..., AdvisorApp],
) -> None:
    """A number that is not accepted keeps the question: what follows is typed into it."""
    app = make_app(new_answers=("refused", {"organisation": "Acme"}))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, QuestionnaireScreen)
        assert screen.question_id == "organisation"
        await burst(pilot, "enter", *"12x", "enter", "backspace", "enter")
        await wait_until(
            pilot,
            lambda: app.assessment.answers.get("headcount") == 12,
            what=lambda: str(app.assessment.answers),
        )
        assert app.assessment.answers["organisation"] == "Acme"
        await wait_until(pilot, lambda: screen.question_id == "stage")


async def test_a_burst_through_choice_questions_lands_one_answer_each(
    make_app: Callable[..., AdvisorApp],
) -> None:
    app = make_app(new_answers=("choices", {}))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        # organisation, headcount, then stage: Enter with no option highlighted skips it (it is
        # optional once the headcount is given); the next question's list: down, Enter (its
        # first option). Each Enter moves exactly one question on.
        await burst(pilot, *"Acme", "enter", *"300", "enter", "enter", "down", "enter")
        visible = [q.id for q in app.assessment.visible()]
        third, fourth = visible[2], visible[3]
        await wait_until(
            pilot,
            lambda: fourth in app.assessment.answers,
            what=lambda: str(app.assessment.answers),
        )
        answers = app.assessment.answers
        assert (answers["organisation"], answers["headcount"]) == ("Acme", 300)
        assert third not in answers  # nothing recorded that the user did not choose
        expected_fourth = app.kb.question(fourth).options[0].value
        assert answers[fourth] in (expected_fourth, [expected_fourth])


async def test_a_pasted_block_of_lines_answers_one_question_per_line(
    make_app: Callable[..., AdvisorApp], store
) -> None:
    app = make_app(new_answers=("paste", {}))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, QuestionnaireScreen)
        driver = pilot.app._driver
        assert driver is not None
        paste = events.Paste("Org-Y\n120\n")  # a terminal's bracketed paste
        paste.set_sender(pilot.app)
        driver.send_message(paste)
        await wait_until(
            pilot,
            lambda: app.assessment.answers.get("headcount") == 120,
            what=lambda: str(app.assessment.answers),
        )
        assert app.assessment.answers["organisation"] == "Org-Y"
        await wait_until(pilot, lambda: screen.question_id not in ("organisation", "headcount"))


async def test_pressing_keys_one_by_one_still_types_them(
    make_app: Callable[..., AdvisorApp],
) -> None:
    app = make_app(new_answers=("keys", {}))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, QuestionnaireScreen)
        await pilot.press(*"Org-Y", "enter", *"120", "enter")
        await wait_until(pilot, lambda: screen.question_id not in ("organisation", "headcount"))
        assert app.assessment.answers == {"organisation": "Org-Y", "headcount": 120}
