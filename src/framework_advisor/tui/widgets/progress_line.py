"""'Question 4 of 13' and a bar, drawn as one line by one widget (cheap to redraw)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.widget import Widget

from framework_advisor.tui.words import say

if TYPE_CHECKING:
    from framework_advisor.tui.app import AdvisorApp


class ProgressLine(Widget):
    COMPONENT_CLASSES = {"progress-line--done", "progress-line--todo"}
    DEFAULT_CSS = """
    ProgressLine {
        height: 1;
        .progress-line--done { color: $primary; }
        .progress-line--todo { color: $surface-lighten-2; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.position = 0
        self.count = 0
        self.note = ""

    @property
    def label(self) -> str:
        if not self.count:
            return ""
        kb = cast("AdvisorApp", self.app).kb
        if self.note:
            return say(
                kb, "app.progress_note", position=self.position, count=self.count, note=self.note
            )
        return say(kb, "app.progress", position=self.position, count=self.count)

    def show(self, position: int, count: int, note: str | None = None) -> None:
        """``note`` (such as "question 3 skipped"): None keeps the one shown."""
        note = self.note if note is None else note
        if (position, count, note) != (self.position, self.count, self.note):
            self.position, self.count, self.note = position, count, note
            self.refresh()

    def render(self) -> Text:
        line = Text(self.label + "  ", no_wrap=True, overflow="crop", end="")
        room = self.size.width - line.cell_len
        if room <= 0 or not self.count:
            return line
        done = room * max(0, self.position - 1) // self.count
        line.append("━" * done, self.get_component_rich_style("progress-line--done"))
        line.append("━" * (room - done), self.get_component_rich_style("progress-line--todo"))
        return line
