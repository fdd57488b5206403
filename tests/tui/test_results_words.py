"""The Results screen's words come from the catalogue (issue 28), plurals right: one required
question missing is named as "a required question", several as "the required questions"."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Static

from framework_advisor.tui.app import AdvisorApp
from framework_advisor.tui.screens.results import ResultsScreen

from .conftest import SALES_LED, wait_for_screen


@pytest.mark.parametrize("left_out", [("needs",), ("needs", "function")])
async def test_the_provisional_banner_names_one_or_several_required_questions(
    make_app: Callable[..., AdvisorApp], left_out: tuple[str, ...]
) -> None:
    answers = {k: v for k, v in SALES_LED.items() if k not in left_out}
    app = make_app(new_answers=("northwind", answers))
    async with app.run_test(size=(100, 30)) as pilot:
        missing = app.assessment.missing_required()
        assert {q.id for q in missing} == set(left_out)
        await pilot.press("ctrl+o")
        results = await wait_for_screen(pilot, ResultsScreen)
        banner = " ".join(str(results.query_one("#results-banner", Static).render()).split())
        quoted = ", ".join(f"“{q.label}”" for q in missing)
        if len(missing) == 1:
            assert banner.startswith(f"Provisional: {quoted}, a required question, is not")
            assert banner.endswith("Press A to answer it.")
        else:
            assert banner.startswith(f"Provisional: the required questions {quoted} are not")
            assert banner.endswith("Press A to answer the first.")
