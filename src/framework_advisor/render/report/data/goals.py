"""The findings on the team's goals (`report --goals FILE`, the app's export), as the report's
appendix shows them: where each is (a line or a cell, never a key path), how serious, what is
wrong and what to do. The check's id and source stay in the JSON: a client reads words."""

from __future__ import annotations

from pathlib import PurePath

from framework_advisor.domain.goals import Finding, GoalReview, Report
from framework_advisor.domain.report_layout import ReportLayout
from framework_advisor.render.report.data.model import (
    GoalAppendix,
    GoalFileFindings,
    GoalFindingRow,
)
from framework_advisor.render.report.data.wording import sentence


def goal_appendix(review: GoalReview | None, layout: ReportLayout) -> GoalAppendix | None:
    """None when no goals were given: the report then has no such appendix."""
    if review is None:
        return None
    return GoalAppendix(
        intro=layout.sentence("goals_intro"),
        files=[_file(report, layout) for report in review.reports],
    )


def _file(report: Report, layout: ReportLayout) -> GoalFileFindings:
    summary = layout.sentence(
        "goals_summary",
        errors=report.count("error"),
        warnings=report.count("warning"),
        infos=report.count("info"),
    )
    return GoalFileFindings(
        file=PurePath(report.file).name or report.file,  # no folder of the consultant's disk
        summary=summary,
        findings=[_row(finding, layout) for finding in report.findings],
    )


def _row(finding: Finding, layout: ReportLayout) -> GoalFindingRow:
    diagnostic = finding.diagnostic
    location = diagnostic.location
    if location.sheet is not None:
        where = f"{location.sheet}!{location.cell}" if location.cell else location.sheet
    elif diagnostic.line:
        where = layout.sentence("goals_line", line=diagnostic.line)
    else:
        where = layout.sentence("goals_file")
    suggestion = finding.suggestion
    if finding.rewrite:
        suggestion += " " + layout.sentence("goals_rewrite", rewrite=finding.rewrite)
    return GoalFindingRow(
        where=where,
        severity=layout.sentence(f"severity_{diagnostic.severity}"),
        message=sentence(diagnostic.message),  # the checker's words, as a sentence
        suggestion=suggestion,
    )
