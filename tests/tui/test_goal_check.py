"""The checker screen: reached from the welcome screen and the palette; findings update after
a pause in typing; a rewrite is taken with a key; a file can be opened, except in a served
room (pasted text only)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import OptionList, Static, TextArea

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.sessions import SessionStore
from framework_advisor.tui.app import AdvisorApp, Served
from framework_advisor.tui.commands import AdvisorCommands
from framework_advisor.tui.screens.goal_check import PAUSE, GoalCheckScreen

from .conftest import wait_for_screen, wait_until

UNSTATED = """\
# Team OKRs 2026-Q3

## Objective: Delight our customers
- Increase NPS from 55 to 70 by 30 September
- Improve customer satisfaction
"""


async def _export_markdown_report(pilot: Pilot[None], app: AdvisorApp, folder: Path) -> str:
    """Export the Markdown report alone from the app's export dialog; its text."""
    from textual.widgets import Checkbox, Input

    from framework_advisor.exports import EXPORTS
    from framework_advisor.tui.screens.export import ExportScreen

    app.action_export()  # the app's Ctrl+E (in the text box, Ctrl+E is end of line)
    export = await wait_for_screen(pilot, ExportScreen)
    export.query_one("#folder", Input).value = str(folder)
    for index, item in enumerate(EXPORTS):
        wanted = item.document == "report" and item.format == "md"
        export.query_one(f"#export-{index}", Checkbox).value = wanted
    export.query_one("#go").press()
    result = export.query_one("#export-result", Static)
    await wait_until(pilot, lambda: "Wrote" in str(result.render()), what="the export")
    (report,) = folder.glob("*-report.md")
    return report.read_text(encoding="utf-8")


def _rules(screen: GoalCheckScreen) -> list[str]:
    return [f.diagnostic.rule for f in screen._findings]


async def test_the_welcome_screen_opens_the_checker_and_it_checks_its_starter_text(
    make_app: Callable[..., AdvisorApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("g")
        screen = await wait_for_screen(pilot, GoalCheckScreen)
        await wait_until(pilot, lambda: screen._findings, what="the starter text's findings")
        assert "key-result-activity" in _rules(screen)
        shown = [str(o.prompt) for o in screen.query_one("#goals-findings", OptionList).options]
        assert '5 warning: the key result "Call 100 customers" counts work done' in shown[-1]
        await pilot.press("tab", "end")  # Tab goes to the findings, as the screen says
        await pilot.pause()
        detail = str(screen.query_one("#goals-detail", Static).render())
        assert "Check key-result-activity; source: Doerr" in detail


async def test_findings_follow_the_typing_after_a_pause(
    make_app: Callable[..., AdvisorApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_goals()
        screen = await wait_for_screen(pilot, GoalCheckScreen)
        area = screen.query_one("#goals-text", TextArea)
        area.load_text(UNSTATED)
        area.focus()
        await pilot.pause()
        await wait_until(
            pilot,
            lambda: "key-result-not-verifiable" in _rules(screen),
            what="the new text checked",
        )
        area.cursor_location = (4, len(area.document.get_line(4)))
        keys = ["space" if c == " " else c for c in " from 60 to 80 by 30 September"]
        started = time.monotonic()
        await pilot.press(*keys)
        typed = time.monotonic()
        # While typing, nothing is checked yet (unless the typing itself paused that long).
        assert "key-result-not-verifiable" in _rules(screen) or typed - started > PAUSE
        await wait_until(
            pilot,
            lambda: "key-result-not-verifiable" not in _rules(screen),
            what="the findings after the pause",
        )


async def test_a_rewrite_is_taken_with_a_key_and_checked_again(
    make_app: Callable[..., AdvisorApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_goals()
        screen = await wait_for_screen(pilot, GoalCheckScreen)
        screen.query_one("#goals-text", TextArea).load_text(UNSTATED)
        screen.check_now()
        await pilot.pause()
        findings = screen.query_one("#goals-findings", OptionList)
        index = _rules(screen).index("key-result-not-verifiable")
        rewrite = screen._findings[index].rewrite
        assert rewrite and "[baseline]" in rewrite  # never an invented figure
        findings.focus()
        findings.highlighted = index
        await pilot.pause()
        assert "ctrl+r" in str(screen.query_one("#goals-detail", Static).render())
        await pilot.press("ctrl+r")
        await pilot.pause()
        text = screen.query_one("#goals-text", TextArea).text
        assert f"- {rewrite}\n" in text and "Improve customer satisfaction" not in text
        assert "key-result-not-verifiable" not in _rules(screen)


async def test_text_that_is_not_yet_a_goal_file_says_why_and_never_crashes(
    make_app: Callable[..., AdvisorApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_goals()
        screen = await wait_for_screen(pilot, GoalCheckScreen)
        screen.query_one("#goals-text", TextArea).load_text("objectives: [unclosed\n")
        screen.check_now()
        await pilot.pause()
        assert screen._findings == []
        assert "<goals>" in str(screen.query_one("#goals-summary", Static).render())


async def test_a_file_is_opened_locally_and_a_served_room_has_pasted_text_only(
    make_app: Callable[..., AdvisorApp], kb: KnowledgeBase, tmp_path: Path
) -> None:
    goals = tmp_path / "goals.md"
    goals.write_text(UNSTATED, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_goals()
        screen = await wait_for_screen(pilot, GoalCheckScreen)
        assert screen.check_action("open", ()) is True
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press(*str(goals), "enter")
        await wait_until(
            pilot,
            lambda: screen.query_one("#goals-text", TextArea).text == UNSTATED,
            what="the file's text",
        )
        assert "key-result-not-verifiable" in _rules(screen)
        sheet = tmp_path / "okr-planning-sheet.xlsx"
        sheet.write_bytes(b"PK\x03\x04")
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press(*str(sheet), "enter")
        await pilot.pause()
        said = str(app.screen.query_one("#error", Static).render())
        assert "this screen reads YAML or Markdown" in said
        assert f"framework-advisor check {sheet.name}" in said.replace("\n", " ")
        await pilot.press("escape")
        await pilot.pause()
        assert screen.query_one("#goals-text", TextArea).text == UNSTATED
    served = AdvisorApp(kb, SessionStore(tmp_path / "room"), served=Served("Sam", "Sam-1"))
    async with served.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        names = [name for name, _, _ in AdvisorCommands(served.screen)._commands()]
        assert "Check written goals" in names
        served.action_goals()
        screen = await wait_for_screen(pilot, GoalCheckScreen)
        assert screen.check_action("open", ()) is False
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert served.screen is screen  # no file dialog


async def test_the_export_adds_the_goals_in_the_checker_to_the_report(
    make_app: Callable[..., AdvisorApp], tmp_path: Path
) -> None:
    """Goals typed into the checker reach the exported report as its last appendix; the
    checker's own sample text, left as it opened, does not."""

    from .conftest import SALES_LED
    from .test_flow import open_export

    folder = tmp_path / "out"
    app = make_app(new_answers=("northwind", dict(SALES_LED)))
    async with app.run_test(size=(100, 40)) as pilot:
        export = await open_export(pilot)
        assert not export.query("#export-goals")  # nothing typed: the starter text is not added
        export.dismiss()
        app.action_goals()
        screen = await wait_for_screen(pilot, GoalCheckScreen)
        await wait_until(pilot, lambda: screen._findings, what="the starter text checked")
        assert app.goals_text is None
        screen.query_one("#goals-text", TextArea).load_text(UNSTATED)
        await wait_until(pilot, lambda: app.goals_text == UNSTATED, what="the goals checked")
        text = await _export_markdown_report(pilot, app, folder)
        assert app.screen.query_one("#export-goals", Static)
    (section,) = [s for s in app.kb.report.sections if s.id == "goals"]
    assert f"## {section.title}" in text
    assert "Improve customer satisfaction" in text
    assert "### Goals from the goal checker" in text


async def test_the_findings_list_follows_a_change_of_words_with_as_many_findings(
    make_app: Callable[..., AdvisorApp],
) -> None:
    """As many findings as before, said differently: each line says the new words (the list
    is updated in place), and the highlighted finding's detail follows."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_goals()
        screen = await wait_for_screen(pilot, GoalCheckScreen)
        area = screen.query_one("#goals-text", TextArea)
        findings = screen.query_one("#goals-findings", OptionList)
        await wait_until(pilot, lambda: screen._findings, what="the starter text checked")
        before = len(screen._findings)
        findings.highlighted = before - 1
        area.load_text(area.text.replace("Call 100 customers", "Call 250 prospects"))
        screen.check_now()
        await pilot.pause()
        assert len(screen._findings) == before == findings.option_count
        assert '"Call 250 prospects"' in str(findings.get_option_at_index(before - 1).prompt)
        assert '"Call 250 prospects"' in str(screen.query_one("#goals-detail", Static).render())
        assert findings.highlighted == before - 1


async def test_a_goal_file_opened_in_the_checker_goes_into_the_export_under_its_name(
    make_app: Callable[..., AdvisorApp], tmp_path: Path
) -> None:

    from .conftest import SALES_LED

    goals = tmp_path / "team-okrs-q3.md"
    goals.write_text(UNSTATED, encoding="utf-8")
    folder = tmp_path / "out"
    app = make_app(new_answers=("northwind", dict(SALES_LED)))
    async with app.run_test(size=(100, 40)) as pilot:
        app.action_goals()
        screen = await wait_for_screen(pilot, GoalCheckScreen)
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press(*str(goals), "enter")
        await wait_until(pilot, lambda: app.goals_file == goals.name, what="the file opened")
        assert app.goals_text == UNSTATED
        text = await _export_markdown_report(pilot, app, folder)
        assert f"### {goals.name}" in text and "Improve customer satisfaction" in text
        app.screen.dismiss()
        await pilot.pause()
        screen.query_one("#goals-text", TextArea).load_text("")
        screen.check_now()
        assert app.goals_text is None and app.goals_file is None  # cleared: nothing to add
