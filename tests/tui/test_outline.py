"""The Outline widget: wrapped item lines keep their indent; its text is what it shows."""

from __future__ import annotations

from textual.app import App, ComposeResult

from framework_advisor.tui.widgets.outline import Heading, Item, Outline


class OutlineApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Outline(spaced=True, id="outline")


async def test_wrapped_items_hang_under_their_text() -> None:
    app = OutlineApp()
    async with app.run_test(size=(30, 12)) as pilot:
        outline = app.query_one(Outline)
        outline.show(
            [
                Heading("Cautions", "(2)"),
                Item("!", "one two three four five six seven eight nine"),
                Item("!", "[b]kept[/b] as written"),
            ]
        )
        await pilot.pause()
        lines = [strip.text.rstrip() for strip in outline.render_lines(outline.region.reset_offset)]
        assert lines[0] == " Cautions (2)"
        assert lines[1].startswith("   ! one two")
        assert lines[2].startswith("     ") and lines[2].strip()  # the wrap, under the text
        assert "" in lines[3:5]  # spaced: a blank line between items
        assert any(line.startswith("   ! [b]kept[/b] as written") for line in lines)
        assert outline.text.splitlines() == [
            "Cautions (2)",
            "! one two three four five six seven eight nine",
            "! [b]kept[/b] as written",
        ]
