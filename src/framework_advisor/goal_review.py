"""The team's goals checked for the recommendation report (`report --goals FILE`, the app's
export): goal files (YAML, Markdown, this tool's spreadsheets filled in) or the text typed into
the app's checker in, a GoalReview out, read and checked as `check` reads and checks them
(inline suppressions kept). A file that cannot be read is the goal file's own error (exit 2)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from framework_advisor.domain.goals import CheckBook, GoalReview, Report
    from framework_advisor.domain.knowledge import KnowledgeBase
    from framework_advisor.domain.text import Catalogue
    from framework_advisor.sources.sheet_file import SheetData


def check_book() -> CheckBook:
    """The embedded check book (`knowledge/checks.yaml`), its ids checked against the code."""
    from framework_advisor.engine.goals.check import REASON_IDS
    from framework_advisor.engine.goals.rules import rule_ids
    from framework_advisor.kb.checks import load_checks

    return load_checks(known_rules=rule_ids(), known_reasons=REASON_IDS)


def review_files(
    kb: KnowledgeBase | Callable[[], KnowledgeBase],
    names: Sequence[str],
    *,
    profile: str | None = None,
    ignore: Collection[str] = (),
    book: CheckBook | None = None,
) -> GoalReview:
    """Every goal file checked: YAML and Markdown one by one, each workbook on its own and the
    CSV files of one template together; ``ignore``: checks never reported. ``kb`` may be a
    function giving it: it is needed only for spreadsheets and to say what is wrong, so
    `check` loads it only then."""
    from framework_advisor.domain.goals import GoalReview
    from framework_advisor.engine.goals.check import GoalFileError, check_goals, goal_data
    from framework_advisor.errors import UsageError
    from framework_advisor.problems import worded
    from framework_advisor.sources.goal_file import read_goal_file
    from framework_advisor.sources.sheet_file import is_sheet_file

    knowledge = kb if callable(kb) else lambda: kb
    book = book or check_book()
    reports: list[Report] = []
    sheets = [name for name in names if is_sheet_file(name)]
    for name in names:
        if name in sheets:
            continue
        if name.lower().endswith(".docx"):
            raise UsageError(_said(knowledge(), "cli.check.word_template", file=name))
        source = read_goal_file(name)
        try:
            data, doc = goal_data(source)
            report = check_goals(data, doc, book, profile)
        except GoalFileError as exc:  # said now: the knowledge base is loaded only to say it
            words = knowledge().text
            raise GoalFileError(worded(exc.problems, words), words) from None
        reports.append(_keeping(report, source.text.splitlines(), ignore))
    if sheets:
        reports += [
            _keeping(r, (), ignore) for r in _sheet_reports(knowledge(), sheets, book, profile)
        ]
    return GoalReview(reports=reports, profile=profile or book.default_profile)


def review_text(
    text: str,
    *,
    file: str = "goals",
    profile: str | None = None,
    words: Catalogue | None = None,
) -> GoalReview:
    """Goals typed or pasted (the app's checker): Markdown when it has headings, else YAML;
    a problem with their shape said in ``words`` (without: as its message id, plainly)."""
    from framework_advisor.domain.goals import GoalReview
    from framework_advisor.engine.goals.pasted import check_pasted

    book = check_book()
    report = check_pasted(text, book, profile, file=file, words=words)
    return GoalReview(reports=[report], profile=profile or book.default_profile)


def _sheet_reports(
    kb: KnowledgeBase, names: list[str], book: CheckBook, profile: str | None
) -> list[Report]:
    from framework_advisor.engine.goals.check import check_goals
    from framework_advisor.engine.goals.sheets import at_cells, goals_from_sheets
    from framework_advisor.errors import InputFileError
    from framework_advisor.sources.sheet_file import read_sheet_file

    workbooks = [name for name in names if not name.lower().endswith(".csv")]
    csv_files = [name for name in names if name.lower().endswith(".csv")]
    groups = [read_sheet_file(name) for name in workbooks]
    if csv_files:
        groups.append([sheet for name in csv_files for sheet in read_sheet_file(name)])
    reports = []
    for sheets in groups:
        found, _ = goals_from_sheets(kb, sheets)
        recognised = {place.file for goals in found for place in goals.places.values()}
        templates = {goals.template for goals in found}
        for sheet in sheets:
            if sheet.file in recognised or _page_of(sheet, templates):
                continue
            raise InputFileError(_said(kb, "cli.check.not_a_template", file=str(sheet.file)))
        for goals in found:
            report = check_goals(goals.document.data, goals.document, book, profile, kb.text)
            reports.append(at_cells(report, goals))
    return reports


def _page_of(sheet: SheetData, templates: Collection[str]) -> bool:
    """A page of a template given among its sheets that holds no goal table (How to use, saved
    on its own as a CSV file): it carries the template's stamp."""
    from framework_advisor.domain.stamp import read_stamp

    stamps = (read_stamp(cell) for row in sheet.rows for cell in row if cell)
    return any(stamp is not None and stamp.template in templates for stamp in stamps)


def _said(kb: KnowledgeBase, message_id: str, **params: str) -> str:
    from framework_advisor.domain.text import message

    return kb.text.say(message(message_id, **params))


def _keeping(report: Report, lines: Sequence[str], ignore: Collection[str]) -> Report:
    """The report without the findings suppressed on their line or ignored by rule."""
    import msgspec

    from framework_advisor.engine.goals.suppress import kept

    return msgspec.structs.replace(report, findings=kept(report.findings, lines, ignore))
