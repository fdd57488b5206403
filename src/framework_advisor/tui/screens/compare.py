"""Two to four frameworks side by side, in the comparison chart's columns."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from rich.segment import Segment
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import Header, SelectionList, Static
from textual.widgets.option_list import OptionDoesNotExist
from textual.widgets.selection_list import Selection

from framework_advisor.domain.framework import abbreviation
from framework_advisor.engine.picks import top_picks
from framework_advisor.render.text import COMPARE_ROWS, comparison
from framework_advisor.safe_text import as_text
from framework_advisor.tui.widgets.footer import KeyBar
from framework_advisor.tui.words import say

if TYPE_CHECKING:
    from framework_advisor.domain.knowledge import KnowledgeBase
    from framework_advisor.tui.app import AdvisorApp

MAX_COMPARED = 4


class TickList(SelectionList[str]):
    """A selection list whose picked entries look picked by their shape (✓), not only by
    colour: Textual draws the same "X" in both states."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            option = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        segments = list(strip)
        if len(segments) < 2:
            return strip
        mark = "✓" if option.value in self._selected else " "
        segments[1] = Segment(mark, segments[1].style)
        return Strip(segments, strip.cell_length)


class CompareScreen(Screen[None]):
    HELP_ID = "compare"
    """Its part of the help (knowledge/help.yaml)."""
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="compare.back")]

    app: AdvisorApp

    def compose(self) -> ComposeResult:
        preselected = self._preselected()
        yield Header()
        with Horizontal(id="compare"):
            with Vertical(id="compare-pick"):
                yield Static(say(self.app.kb, "app.compare.pick"), classes="dim")
                yield TickList(
                    *[
                        Selection(as_text(abbreviation(f)), fid, fid in preselected)
                        for fid, f in self.app.kb.frameworks.items()
                    ],
                    id="compare-list",
                )
            with VerticalScroll(id="compare-table"):
                yield Static(id="compare-text")
        yield KeyBar()

    def _preselected(self) -> list[str]:
        """The recommended mix (or the top of the ranking) when there is an assessment."""
        assessment = self.app.assessment
        if assessment.name is None and not assessment.answers:
            return ["okr", "kpi"]
        return top_picks(assessment.recommendation, MAX_COMPARED)

    def on_mount(self) -> None:
        self.query_one("#compare-list", SelectionList).focus()
        self.call_after_refresh(self._render_table)

    @on(SelectionList.SelectedChanged, "#compare-list")
    def _changed(self, event: SelectionList.SelectedChanged) -> None:
        selected = event.selection_list.selected
        if len(selected) > MAX_COMPARED:
            event.selection_list.deselect(selected[-1])
            self.app.notify(
                say(self.app.kb, "app.compare.at_most", most=MAX_COMPARED),
                severity="warning",
                markup=False,
            )
            return
        self._render_table()

    def _render_table(self) -> None:
        ids = [f for f in self.app.kb.frameworks if f in self.query_one(SelectionList).selected]
        region = self.query_one("#compare-table").scrollable_content_region
        text = (
            fitted_comparison(self.app.kb, ids, region.width, region.height)
            if len(ids) >= 2
            else say(self.app.kb, "app.compare.pick_two")
        )
        self.query_one("#compare-text", Static).update(as_text(text))

    def on_resize(self) -> None:
        self._render_table()


def fitted_comparison(
    kb: KnowledgeBase, ids: list[str], width: int, height: int | None = None
) -> str:
    """The comparison chart in ``width`` columns: the shared chart where it fits whole (no
    scrolling hides its names), else the same rows one framework a line, each line led by
    the framework's short name, so that words wrap whole and every line says which framework
    it is about however far it is scrolled."""
    width = max(20, width)
    chart = comparison(kb, ids, width=width)
    lines = chart.splitlines()
    if all(len(line) <= width for line in lines) and (height is None or len(lines) <= height):
        return chart
    frameworks = [kb.frameworks[fid] for fid in ids]
    out = [f"{abbreviation(f)}: {f.name}" for f in frameworks if abbreviation(f) != f.name]
    for label, getter in COMPARE_ROWS:
        out += ["", label.upper()]
        for framework in frameworks:
            value = getter(framework)
            text = value if isinstance(value, str) else " · ".join(value)
            out += textwrap.wrap(
                " ".join(text.split()) or "-",
                width,
                initial_indent=f"{abbreviation(framework)}: ",
                subsequent_indent="   ",
                break_long_words=False,
                break_on_hyphens=False,
            )
    return "\n".join(out)
