"""The app as a newcomer finds it at 80x24 (issue 31): every button in view, no dead key."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Button, Checkbox, Input, Static

from framework_advisor.exports import EXPORTS
from framework_advisor.tui.app import AdvisorApp
from framework_advisor.tui.screens.dialogs import Confirm
from framework_advisor.tui.screens.export import SHOWN_NAMES, ExportScreen

from .conftest import SALES_LED, wait_for_screen, wait_until
from .test_flow import SLOW_FORMATS, on_screen, open_export


async def test_overwriting_many_files_keeps_the_buttons_in_view(
    make_app: Callable[..., AdvisorApp], tmp_path: Path, documents: Path
) -> None:
    folder = tmp_path / "out"
    app = make_app(new_answers=("northwind", SALES_LED))
    async with app.run_test(size=(80, 24)) as pilot:
        export = await open_export(pilot)
        export.query_one("#folder", Input).value = str(folder)
        for index, item in enumerate(EXPORTS):
            export.query_one(f"#export-{index}", Checkbox).value = item.format not in SLOW_FORMATS
        export.query_one("#go", Button).focus()
        await pilot.press("enter")
        result = export.query_one("#export-result", Static)
        await wait_until(pilot, lambda: "Wrote" in str(result.render()), what="the export")
        written = sorted(p.name for p in folder.iterdir())
        assert len(written) > SHOWN_NAMES + 2
        said = str(result.render())
        assert f"Wrote {len(written)} files" in said
        assert all(name in said for name in written), said
        assert on_screen(app, "#go") and on_screen(app, "#close")

        await pilot.press("enter")  # Export keeps the focus it had: Enter exports again
        confirm = await wait_for_screen(pilot, Confirm)
        prompt = str(confirm.query_one(".dialog-prompt", Static).render())
        assert f"{len(written)} files already exist" in prompt
        assert f"{SHOWN_NAMES} shown" in prompt
        assert on_screen(app, "#yes") and on_screen(app, "#no")
        await pilot.press("enter")  # Cancel, in view, has the focus
        await wait_for_screen(pilot, ExportScreen)
        await wait_until(pilot, lambda: "Nothing written" in str(result.render()))
