"""Two to four frameworks side by side, in the comparison chart's columns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, SelectionList, Static
from textual.widgets.selection_list import Selection

from framework_advisor.domain.framework import short_name
from framework_advisor.render.text import comparison
from framework_advisor.tui.widgets.footer import KeyBar

if TYPE_CHECKING:
    from framework_advisor.tui.app import AdvisorApp

MAX_COMPARED = 4


class CompareScreen(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="compare.back")]

    app: AdvisorApp

    def compose(self) -> ComposeResult:
        preselected = self._preselected()
        yield Header()
        with Horizontal(id="compare"):
            with Vertical(id="compare-pick"):
                yield Static("Pick 2-4 (space)", classes="dim")
                yield SelectionList[str](
                    *[
                        Selection(short_name(f), fid, fid in preselected)
                        for fid, f in self.app.kb.frameworks.items()
                    ],
                    id="compare-list",
                )
            with VerticalScroll(id="compare-table"):
                yield Static(id="compare-text", markup=False)
        yield KeyBar()

    def _preselected(self) -> list[str]:
        """The recommended mix (or the top of the ranking) when there is an assessment."""
        assessment = self.app.assessment
        if assessment.name is None and not assessment.answers:
            return ["okr", "kpi"]
        rec = assessment.recommendation
        chosen = list(dict.fromkeys(layer.framework for layer in rec.mix))
        for item in rec.ranking:
            if len(chosen) >= 3:
                break
            if item.id not in chosen:
                chosen.append(item.id)
        return chosen[:MAX_COMPARED]

    def on_mount(self) -> None:
        self.query_one("#compare-list", SelectionList).focus()
        self.call_after_refresh(self._render_table)

    @on(SelectionList.SelectedChanged, "#compare-list")
    def _changed(self, event: SelectionList.SelectedChanged) -> None:
        selected = event.selection_list.selected
        if len(selected) > MAX_COMPARED:
            event.selection_list.deselect(selected[-1])
            self.app.notify(f"Compare at most {MAX_COMPARED} frameworks.", severity="warning")
            return
        self._render_table()

    def _render_table(self) -> None:
        ids = [f for f in self.app.kb.frameworks if f in self.query_one(SelectionList).selected]
        width = max(40, self.query_one("#compare-table").size.width - 2)
        text = (
            comparison(self.app.kb, ids, width=width)
            if len(ids) >= 2
            else "Pick at least two frameworks to compare."
        )
        self.query_one("#compare-text", Static).update(text)

    def on_resize(self) -> None:
        self._render_table()
