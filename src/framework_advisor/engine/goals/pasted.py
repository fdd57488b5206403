"""Goals typed or pasted as text (the app's checker screen): Markdown when it has headings,
else YAML, checked as a goal file is. Raises the goal file's own errors (AdvisorError) for text
that is not yet a goal file, so the screen can say what is wrong while the person types."""

from __future__ import annotations

from framework_advisor.domain.goals import CheckBook, Report
from framework_advisor.domain.text import Catalogue
from framework_advisor.engine.goals.check import check_goals, goal_data
from framework_advisor.engine.goals.suppress import kept
from framework_advisor.sources.goal_file import goal_text

PASTED = "<goals>"


def check_pasted(
    text: str,
    book: CheckBook,
    profile: str | None = None,
    *,
    file: str = PASTED,
    words: Catalogue | None = None,
) -> Report:
    source = goal_text(text, file)
    data, doc = goal_data(source)
    report = check_goals(data, doc, book, profile, words)
    findings = kept(report.findings, text.splitlines())
    return Report(file=report.file, findings=findings, items=report.items)
