"""The app's results as a client reads them (issue 14, item 3): every tab of the results
screen, the "why" of every framework in the ranking and the review of the answers carry no
id, no source-keeping phrase, no score in prose and no lower-case answer; the ◆ marks exactly
the mix, and its words say so only beside a framework in the mix. The same scanner as
tests/unit/test_client_text.py (``domain.client_text``), on the text the widgets render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import DataTable, OptionList, Static

from framework_advisor.tui.app import AdvisorApp
from framework_advisor.tui.screens.results import TABS, ResultsScreen
from framework_advisor.tui.screens.review import ReviewScreen
from framework_advisor.tui.widgets.outline import Outline
from tests.client_text import SAMPLE_NAMES, assert_no_leaks, profiles
from tests.tui.conftest import wait_for_screen, wait_until

SHOWN = [*profiles()[: len(SAMPLE_NAMES) + 4], ("incomplete", {"headcount": 40})]
"""The samples, four sampled profiles (the unit test covers forty in every other format)
and answers too few for a full recommendation (the provisional banner)."""


def rendered(widget: Widget) -> str:
    """The lines a widget draws, at its full height (an Outline grows with its text)."""
    region = Region(0, 0, widget.size.width, max(widget.size.height, 1))
    return "\n".join(strip.text.rstrip() for strip in widget.render_lines(region))


def table_text(table: DataTable[Any]) -> str:
    header = " | ".join(str(column.label) for column in table.columns.values())
    rows = [" | ".join(str(cell) for cell in table.get_row_at(r)) for r in range(table.row_count)]
    return "\n".join([header, *rows])


def screen_text(screen: Any) -> list[tuple[str, str]]:
    """(where, text) for every visible text widget of the screen's active pane."""
    found: list[tuple[str, str]] = []
    for widget in screen.query("Static, DataTable, OptionList"):
        if not widget.display or (not widget.is_on_screen and not isinstance(widget, DataTable)):
            continue
        where = f"#{widget.id}" if widget.id else type(widget).__name__
        if isinstance(widget, DataTable):
            found.append((where, table_text(widget)))
        elif isinstance(widget, OptionList):
            found.append(
                (where, "\n".join(str(widget.get_option_at_index(i).prompt)
                                  for i in range(widget.option_count)))
            )  # fmt: skip
        elif isinstance(widget, Static):
            found.append((where, rendered(widget)))
    return found


@pytest.mark.parametrize(("name", "answers"), SHOWN, ids=[name for name, _ in SHOWN])
async def test_the_results_and_review_read_as_a_consultant_writes(
    make_app: Callable[..., AdvisorApp], name: str, answers: dict[str, Any]
) -> None:
    app = make_app(new_answers=(name, answers))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        screen = await wait_for_screen(pilot, ResultsScreen)
        rec = app.assessment.recommendation
        in_mix = {layer.framework for layer in rec.mix}

        table = screen.query_one("#ranking", DataTable)
        outline = screen.query_one("#why", Outline)
        for row in range(table.row_count):
            framework_id = str(table.coordinate_to_cell_key((row, 0)).row_key.value)
            marked = str(table.get_row_at(row)[1]).startswith("◆")
            assert marked == (framework_id in in_mix), framework_id
            heading = f"Why {app.kb.frameworks[framework_id].name} scores"
            await wait_until(pilot, lambda h=heading: outline.text.startswith(h), what=heading)
            why = rendered(outline)
            assert_no_leaks(f"{name} why {framework_id}", why)
            assert ("in your mix" in why) == (framework_id in in_mix), why
            await pilot.press("down")

        for number, tab in enumerate(TABS, start=1):
            await pilot.press(str(number))
            await wait_until(
                pilot, lambda t=tab: screen.query_one("#results-tabs").active == f"tab-{t}"
            )
            await pilot.pause()
            for where, text in screen_text(screen):
                assert_no_leaks(f"{name} results tab {tab} {where}", text)

        await pilot.press("ctrl+r")
        review = await wait_for_screen(pilot, ReviewScreen)
        for where, text in screen_text(review):
            assert_no_leaks(f"{name} review {where}", text)
