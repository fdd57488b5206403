"""Check written goals as they are typed or pasted: findings update after a pause in typing,
each with its suggestion, and a rewrite, where one is offered, is taken with a key. A file
can be opened too (not in a served room: there, pasted text only)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from framework_advisor.domain.text import message
from framework_advisor.safe_text import as_text
from framework_advisor.tui.widgets.footer import KeyBar
from framework_advisor.tui.words import say

if TYPE_CHECKING:
    from framework_advisor.domain.goals import CheckBook, Finding, Report
    from framework_advisor.domain.knowledge import KnowledgeBase
    from framework_advisor.tui.app import AdvisorApp

PAUSE = 0.25
"""Seconds of no typing before the goals are checked again."""
STARTER = """\
# Team OKRs 2026-Q3

## Objective: Delight our customers
- Increase NPS from 55 to 70 by 30 September
- Call 100 customers
"""
OBJECTIVE = re.compile(r"objectives\[\d+\]$")
"""An objective's finding: its rewrite is a key result to add, not the objective's text."""
ITEM_LINE = re.compile(
    r"^(?P<lead>\s*(?:[-*+]\s+)?(?:[A-Za-z_]+:\s+)?(?:KR\d*[:.]\s*)?)(?P<rest>.*)$"
)


class GoalCheckScreen(Screen[None]):
    HELP_ID = "goal_check"
    """Its part of the help (knowledge/help.yaml)."""
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="goals.back"),
        Binding(
            "ctrl+r",
            "rewrite",
            "Rewrite",
            id="goals.rewrite",
            tooltip="Take the rewrite of the finding highlighted",
        ),
        Binding("ctrl+o", "open", "Open", id="goals.open", tooltip="Check a goal file"),
    ]

    app: AdvisorApp

    def __init__(self, text: str = STARTER) -> None:
        super().__init__()
        self._initial = text
        self._timer: Timer | None = None
        self._findings: list[Finding] = []
        self._book: CheckBook | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(say(self.app.kb, "app.goals.prompt"), id="goals-prompt", classes="dim")
        with Horizontal(id="goals"):
            yield TextArea(self._initial, id="goals-text", soft_wrap=True, show_line_numbers=True)
            with Vertical(id="goals-side"):
                yield Static("", id="goals-summary")
                yield OptionList(id="goals-findings")
                with VerticalScroll(id="goals-detail-box", can_focus=False):
                    yield Static("", id="goals-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self.check_now()
        self.query_one("#goals-text", TextArea).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        del parameters
        if action == "open":
            return self.app.served is None
        if action == "rewrite":
            return self._highlighted_rewrite() is not None
        return True

    # checking ------------------------------------------------------------------------------
    @on(TextArea.Changed, "#goals-text")
    def _typed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(PAUSE, self.check_now)

    def check_now(self) -> None:
        """Check the text now and show the findings (or what stops the text being read)."""
        from framework_advisor.engine.goals.pasted import check_pasted
        from framework_advisor.errors import AdvisorError

        text = self.query_one("#goals-text", TextArea).text
        findings_list = self.query_one("#goals-findings", OptionList)
        summary = self.query_one("#goals-summary", Static)
        try:
            report = check_pasted(text, self._checks(), words=self.app.kb.text)
        except AdvisorError as exc:
            self.app.goals_text = None
            self._findings = []
            findings_list.clear_options()
            summary.update(as_text(" ".join(exc.messages())))
            self.query_one("#goals-detail", Static).update("")
            self.refresh_bindings()
            return
        self.app.goals_text = text if text.strip() and text != STARTER else None
        if self.app.goals_text is None:
            self.app.goals_file = None
        if list(report.findings) == self._findings and findings_list.option_count:
            return  # typing that changed no finding redraws nothing
        with self.app.batch_update():
            self._show_findings(report)

    def _show_findings(self, report: Report) -> None:
        findings_list = self.query_one("#goals-findings", OptionList)
        kb = self.app.kb
        lines = [as_text(_line(kb, f)) for f in report.findings]
        if len(report.findings) == len(self._findings) == findings_list.option_count:
            for index, line in enumerate(lines):
                findings_list.replace_option_prompt_at_index(index, line)
        else:
            was = findings_list.highlighted
            findings_list.set_options([Option(line) for line in lines])
            if lines:
                findings_list.highlighted = min(was or 0, len(lines) - 1)
        self._findings = list(report.findings)
        errors, warnings, infos = (report.count(s) for s in ("error", "warning", "info"))
        summary = self.query_one("#goals-summary", Static)
        summary.update(
            as_text(
                kb.text.say(
                    message(
                        "app.goals.counts",
                        errors=message("app.goals.errors", count=errors),
                        warnings=message("app.goals.warnings", count=warnings),
                        infos=message("app.goals.infos", count=infos),
                    )
                )
                if self._findings
                else say(kb, "app.goals.none")
            )
        )
        self._show_detail()

    def _checks(self) -> CheckBook:
        if self._book is None:
            from framework_advisor.goal_review import check_book

            self._book = check_book()
        return self._book

    @on(OptionList.OptionHighlighted, "#goals-findings")
    def _show_detail(self) -> None:
        index = self.query_one("#goals-findings", OptionList).highlighted
        detail = self.query_one("#goals-detail", Static)
        if index is None or index >= len(self._findings):
            detail.update("")
        else:
            finding = self._findings[index]
            kb = self.app.kb
            parts = [f"{finding.diagnostic.message}\n{finding.suggestion}"]
            if finding.rewrite:
                parts.append(say(kb, "app.goals.rewrite", rewrite=finding.rewrite))
            parts.append(
                say(kb, "app.goals.about", rule=finding.diagnostic.rule, source=finding.source)
            )
            detail.update(as_text("\n\n".join(parts)))
            self.query_one("#goals-detail-box", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()

    # the rewrite ---------------------------------------------------------------------------
    def _highlighted_rewrite(self) -> Finding | None:
        if not self.is_mounted:
            return None
        index = self.query_one("#goals-findings", OptionList).highlighted
        if index is None or index >= len(self._findings):
            return None
        finding = self._findings[index]
        return finding if finding.rewrite and finding.diagnostic.line else None

    def action_rewrite(self) -> None:
        """The highlighted finding's line takes its rewrite, keeping the line's list marker and
        key; a line that holds more than the goal's text (a YAML mapping) is left alone."""
        finding = self._highlighted_rewrite()
        if finding is None or finding.diagnostic.line is None:
            return
        area = self.query_one("#goals-text", TextArea)
        row = finding.diagnostic.line - 1
        lines = area.text.split("\n")
        if row >= len(lines):
            return
        match = ITEM_LINE.match(lines[row])
        rest = match["rest"] if match else ""
        if OBJECTIVE.search(finding.where) or lines[row].lstrip().startswith("#"):
            self.app.notify(say(self.app.kb, "app.goals.add_under"), markup=False)
            return
        if match is None or not rest.strip() or rest.lstrip()[:1] in "{[\"'|>":
            self.app.notify(say(self.app.kb, "app.goals.by_hand"), markup=False)
            return
        area.replace(match["lead"] + finding.rewrite, (row, 0), (row, len(lines[row])))
        self.check_now()

    # a file --------------------------------------------------------------------------------
    @work
    async def action_open(self) -> None:
        if self.app.served is not None:
            return
        from framework_advisor.errors import AdvisorError
        from framework_advisor.sources.reading import read_text
        from framework_advisor.tui.screens.dialogs import AskText

        read: list[tuple[str, str]] = []

        def check(text: str) -> str | None:
            from framework_advisor.sources.sheet_file import is_sheet_file

            path = Path(text).expanduser()
            if is_sheet_file(path.name) or path.suffix.lower() == ".docx":
                return say(self.app.kb, "app.goals.not_here", file=path.name)
            try:
                read.append((path.name, read_text(path, "goal file")))
            except AdvisorError as exc:
                return str(exc)
            return None

        kb = self.app.kb
        dialog = AskText(
            say(kb, "app.goals.open"),
            say(kb, "app.goals.open_path"),
            placeholder=say(kb, "app.goals.open_example"),
            check=check,
        )
        if await self.app.push_screen_wait(dialog) is None or not read:
            return
        name, text = read[-1]
        self.query_one("#goals-text", TextArea).load_text(text)
        self.check_now()
        self.app.goals_file = name if self.app.goals_text is not None else None


def _line(kb: KnowledgeBase, finding: Finding) -> str:
    diagnostic = finding.diagnostic
    said = {"severity": diagnostic.severity, "message": diagnostic.message}
    if diagnostic.line:
        return say(kb, "app.goals.finding_at", line=diagnostic.line, **said)
    return say(kb, "app.goals.finding", **said)
