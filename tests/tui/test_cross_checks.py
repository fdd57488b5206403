"""Issue 12: the app checks answers across questions as `recommend` does (one engine function),
so an answers file it writes always passes the CLI. Each test failed before."""

from __future__ import annotations

from collections.abc import Callable

from framework_advisor.engine.answers import inconsistency
from framework_advisor.tui.app import AdvisorApp
from framework_advisor.tui.screens.questionnaire import QuestionnaireScreen

from .conftest import wait_for_screen, wait_until
from .test_flow import error_text, questionnaire

SMALL = {"organisation": "Acme", "headcount": 12, "function": "sales"}


async def test_a_team_larger_than_the_organisation_is_refused(
    make_app: Callable[..., AdvisorApp],
) -> None:
    app = make_app(new_answers=("acme", dict(SMALL)))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        app.open_questionnaire("team_size")
        await wait_until(pilot, lambda: questionnaire(app).question_id == "team_size")
        await pilot.press(*"500", "enter")
        await pilot.pause()
        assert app.assessment.answers.get("team_size") != 500  # what was typed as it was valid
        assert inconsistency(app.assessment.answers) is None
        assert questionnaire(app).question_id == "team_size"
        assert "larger than the whole organisation" in error_text(app)
        await pilot.press("backspace", "backspace", "enter")  # 5 fits
        await wait_until(pilot, lambda: app.assessment.answers.get("team_size") == 5)
        assert inconsistency(app.assessment.answers) is None


async def test_a_headcount_below_the_team_is_refused(
    make_app: Callable[..., AdvisorApp],
) -> None:
    app = make_app(new_answers=("acme", {**SMALL, "headcount": 600, "team_size": 500}))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, QuestionnaireScreen)
        app.open_questionnaire("headcount")
        await wait_until(pilot, lambda: questionnaire(app).question_id == "headcount")
        await pilot.press(*["backspace"] * 3, *"12", "enter")
        await pilot.pause()
        assert app.assessment.answers.get("headcount") != 12  # cleared while typing, not 12
        assert "larger than the whole organisation" in error_text(app)
        assert inconsistency(app.assessment.answers) is None  # what it keeps passes the CLI
