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
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="compare.back")]

    app: AdvisorApp

    def compose(self) -> ComposeResult:
        preselected = self._preselected()
        yield Header()
        with Horizontal(id="compare"):
            with Vertical(id="compare-pick"):
                yield Static("Pick 2-4 (space)", classes="dim")
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
                f"Compare at most {MAX_COMPARED} frameworks.", severity="warning", markup=False
            )
            return
        self._render_table()

    def _render_table(self) -> None:
        ids = [f for f in self.app.kb.frameworks if f in self.query_one(SelectionList).selected]
        width = self.query_one("#compare-table").scrollable_content_region.width
        text = (
            fitted_comparison(self.app.kb, ids, width)
            if len(ids) >= 2
            else "Pick at least two frameworks to compare."
        )
        self.query_one("#compare-text", Static).update(as_text(text))

    def on_resize(self) -> None:
        self._render_table()


def fitted_comparison(kb: KnowledgeBase, ids: list[str], width: int) -> str:
    """The comparison chart in ``width`` columns: the shared chart where it fits, else the
    same rows with each label on a line of its own above the cells, so the frameworks get
    the whole width (four frameworks at 80 columns)."""
    width = max(20, width)
    chart = comparison(kb, ids, width=width)
    if all(len(line) <= width for line in chart.splitlines()):
        return chart
    frameworks = [kb.frameworks[fid] for fid in ids]
    count = len(frameworks)
    gap = 2 if (width - 2 * (count - 1)) // count >= 14 else 1  # narrow: words before gaps
    column = max(6, (width - gap * (count - 1)) // count)

    def cells(value: str | list[str]) -> list[str]:
        items = [value] if isinstance(value, str) else value
        lines: list[str] = []
        for item in items:
            bullet = "" if isinstance(value, str) else "- "
            lines += textwrap.wrap(
                " ".join(item.split()),
                column,
                initial_indent=bullet,
                subsequent_indent=" " * len(bullet),
            )
        return lines or [""]

    def side_by_side(columns: list[list[str]]) -> list[str]:
        height = max(len(c) for c in columns)
        return [
            (" " * gap).join((c[n] if n < len(c) else "").ljust(column) for c in columns).rstrip()
            for n in range(height)
        ]

    out = side_by_side([textwrap.wrap(f.name, column) for f in frameworks])
    for label, getter in COMPARE_ROWS:
        out += ["", label.upper(), *side_by_side([cells(getter(f)) for f in frameworks])]
    return "\n".join(out)
