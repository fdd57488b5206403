"""(knowledge base, answers, options) -> files, for the CLI and the TUI alike.

The one way from answers to documents: the recommendation is computed once per set of
answers, the answers themselves (never rebuilt from the profile) go to every renderer, the
date comes in as an argument (``now``), and files are written through the atomic writer in
``storage``. Renderers stay pure: they get data and return text or bytes."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from framework_advisor.domain.answers import Answers
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.errors import OutputError, UsageError
from framework_advisor.render.formats import formats_for

if TYPE_CHECKING:
    from collections.abc import Callable

    from framework_advisor.domain.examples import ExampleSelection
    from framework_advisor.domain.goals import GoalReview
    from framework_advisor.domain.recommendation import Recommendation
    from framework_advisor.domain.rollout import ReportFacts
    from framework_advisor.domain.workshop import WorkshopSummary
    from framework_advisor.render.starter.fill import OutputFile
    from framework_advisor.render.workshop.outline import Prepared

TODAY_ENV = "FRAMEWORK_ADVISOR_TODAY"
"""An ISO date (2026-01-15) to print instead of today's: reproducible reports and golden files."""


def today_from_env(environ: Mapping[str, str] | None = None) -> date:
    """Today, unless FRAMEWORK_ADVISOR_TODAY names another date (tests, reproducible reports)."""
    value = (os.environ if environ is None else environ).get(TODAY_ENV, "").strip()
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{TODAY_ENV}={value!r}: expected a date such as 2026-01-15") from None


class Documents:
    """The documents of one set of answers: the recommendation and the example selection are
    computed once, on first use, and shared by every format asked for."""

    def __init__(
        self,
        kb: KnowledgeBase,
        answers: Answers,
        *,
        now: date | None = None,
        sensitivity: bool = True,
        goals: GoalReview | None = None,
    ) -> None:
        self.kb = kb
        self.answers = dict(answers)
        self.now = now
        self.goals = goals
        """The checker's findings on the team's goals: the report's appendix (None: none)."""
        self.sensitivity = sensitivity
        """False: skip the what-would-change search (the starter templates need only the plan)."""

    @cached_property
    def recommendation(self) -> Recommendation:
        from framework_advisor.engine.recommend import recommend

        return recommend(self.kb, self.answers, sensitivity=self.sensitivity)

    @cached_property
    def examples(self) -> ExampleSelection:
        from framework_advisor.engine.examples import select_examples

        return select_examples(self.kb, self.answers)

    @cached_property
    def report_facts(self) -> ReportFacts:
        """The top picks and the rollout plan, derived from the recommendation for the report."""
        from framework_advisor.engine.rollout import report_facts

        return report_facts(self.kb, self.recommendation)

    def render(self, document: str, fmt: str, **options: Any) -> str | bytes:
        """``recommendation`` or ``report`` in ``fmt``, through the one format registry."""
        from framework_advisor.render.formats import render

        if document == "report":
            options.setdefault("today", self.now or today_from_env())
            options.setdefault("facts", self.report_facts)
            options.setdefault("examples", self.examples)
            options.setdefault("goals", self.goals)
        return render(
            document, fmt, self.recommendation, kb=self.kb, answers=self.answers, **options
        )

    def answers_file(self) -> str:
        from framework_advisor.sessions import dump_session

        return dump_session(self.kb, self.answers, cursor=None)

    def templates(self, template_ids: Sequence[str], fmt: str) -> list[OutputFile]:
        """Starter templates in ``fmt``, prefilled with this organisation's examples."""
        organisation = str(self.answers.get("organisation") or "")
        today = self.now or today_from_env()
        return template_files(
            self.kb, template_ids, fmt, self.examples, organisation=organisation, today=today
        )

    def mix_templates(self) -> MixTemplates:
        """The templates serving the recommended plan."""
        return mix_templates(self.kb, self.recommendation)


class MixTemplates(Struct, frozen=True):
    templates: list[str]
    """Templates serving the plan's frameworks: phase one's first, then each later phase's."""
    uncovered: list[str]
    """Frameworks in the plan that no template serves (a knowledge pack's framework)."""


def mix_templates(kb: KnowledgeBase, rec: Recommendation) -> MixTemplates:
    from framework_advisor.domain.template import templates_for

    templates: list[str] = []
    uncovered: list[str] = []
    for fid in (f for phase in rec.phases for f in phase.frameworks):
        found = templates_for(kb.templates, fid)
        if not found and fid not in uncovered:
            uncovered.append(fid)
        templates += [tid for tid in found if tid not in templates]
    return MixTemplates(templates=templates, uncovered=uncovered)


def template_files(
    kb: KnowledgeBase,
    template_ids: Sequence[str],
    fmt: str,
    selection: ExampleSelection | None,
    *,
    organisation: str = "",
    today: date | None = None,
) -> list[OutputFile]:
    from framework_advisor.render.starter.build import documents, render_files

    docs = documents(kb, template_ids, selection, organisation=organisation, today=today)
    return render_files(docs, fmt)


# The TUI's export list ------------------------------------------------------------------------


class Export(Struct, frozen=True):
    """A file the TUI's export screen offers: a document in one format."""

    document: str
    format: str
    label: str
    suffix: str
    ticked: bool = True
    """Ticked when the export screen opens. Slow formats (PDF, Word) and a second copy of the
    starter templates (CSV beside Excel) are offered but left for the user to choose."""


EXPORTS: list[Export] = [
    Export("answers", "yaml", "Answers file (YAML), to reopen or edit", "-answers.yaml"),
    Export("recommendation", "md", "Recommendation (Markdown)", "-recommendation.md"),
    Export("recommendation", "json", "Recommendation (JSON)", "-recommendation.json"),
    Export("report", "md", "Report (Markdown)", "-report.md"),
    Export("report", "html", "Report (HTML, self-contained)", "-report.html"),
    Export("report", "pdf", "Report (PDF)", "-report.pdf", ticked=False),
    Export("report", "docx", "Report (Word)", "-report.docx", ticked=False),
    Export("templates", "xlsx", "Starter templates for the mix (Excel)", ""),
    Export("templates", "csv", "Starter templates for the mix (CSV)", "", ticked=False),
]


def export_file_name(session_name: str, export: Export) -> str:
    from framework_advisor.sessions import slug

    return slug(session_name) + export.suffix


def export_files(
    exports: Iterable[Export],
    kb: KnowledgeBase,
    session_name: str,
    answers: Answers,
    *,
    now: date | None = None,
    goals: GoalReview | None = None,
) -> list[tuple[str, str | bytes]]:
    """(file name, content) for each file the exports make: one each, or one per starter
    template; the recommendation is computed once for all of them. The answers are taken in
    the questionnaire's order, the order of the answers file written beside them, so that the
    CLI given that file writes the same bytes. ``goals``: the checker's findings on the team's
    goals, which every report format adds as an appendix."""
    docs = Documents(kb, kb.in_question_order(answers), now=now, goals=goals)
    files: list[tuple[str, str | bytes]] = []
    for export in exports:
        if export.document == "templates":
            chosen = docs.mix_templates().templates
            files += [(f.name, f.data) for f in docs.templates(chosen, export.format)]
        elif export.document == "answers":
            files.append((export_file_name(session_name, export), docs.answers_file()))
        else:
            content = docs.render(export.document, export.format)
            files.append((export_file_name(session_name, export), content))
    return files


# The workshop's documents ---------------------------------------------------------------------

WORKSHOP_FORMATS = formats_for("workshop_summary")
"""The summary's formats as the registry holds them (the handout's: all but json)."""


class WorkshopExport(Struct, frozen=True):
    """A workshop document the app offers: the summary or the handout in one format."""

    document: str
    """``workshop_summary`` or ``workshop_handout`` (``render.formats``)."""
    format: str
    file_name: str


WORKSHOP_EXPORTS: list[WorkshopExport] = [
    WorkshopExport("workshop_summary", "md", "workshop-summary.md"),
    WorkshopExport("workshop_summary", "html", "workshop-summary.html"),
    WorkshopExport("workshop_summary", "pdf", "workshop-summary.pdf"),
    WorkshopExport("workshop_summary", "docx", "workshop-summary.docx"),
    WorkshopExport("workshop_handout", "pdf", "workshop-handout.pdf"),
]
"""What the facilitator's live view exports (key e): the summary for the wall and to send,
and the one-page handout."""

PARTICIPANT_EXPORT = WorkshopExport("workshop_summary", "html", "group-summary.html")
"""What a participant's group view exports: the anonymous summary as one web page."""


def prepared_by(kb: KnowledgeBase, brand: str = "", today: date | None = None) -> Prepared:
    """The report's house style for a workshop document: who prepared it (``brand``, else the
    knowledge base's or a pack's brand), the date, the brand's colours, the writers' words."""
    from framework_advisor.render.report.document import WRITER_WORDS
    from framework_advisor.render.report.look import report_colours
    from framework_advisor.render.workshop.outline import Prepared

    day = today or today_from_env()
    colours = report_colours(kb.brand.colours)
    return Prepared(
        brand=" ".join((brand or kb.brand.name).split()),
        date_text=f"{day.day} {day:%B %Y}",
        date=day.isoformat(),
        primary=colours.primary,
        accent=colours.accent,
        tint=colours.tint,
        words={key: kb.report.text[key] for key in WRITER_WORDS if key in kb.report.text},
    )


class WorkshopDocuments:
    """A workshop folder's summary, built once, in any of its documents and formats."""

    def __init__(
        self,
        kb: KnowledgeBase,
        directory: Path,
        *,
        minutes: int | None = None,
        anonymous: bool = False,
        brand: str = "",
        today: date | None = None,
        say: Callable[[str], None] | None = None,
    ) -> None:
        from framework_advisor.domain.workshop import DEFAULT_MINUTES

        self.kb, self.directory = kb, directory
        self.minutes = DEFAULT_MINUTES if minutes is None else minutes
        self.anonymous, self.say = anonymous, say
        self.prepared = prepared_by(kb, brand, today)

    @cached_property
    def summary(self) -> WorkshopSummary:
        from framework_advisor.workshops import build_summary

        result, _ = build_summary(
            self.kb,
            self.directory,
            minutes=self.minutes,
            anonymous=self.anonymous,
            say=self.say,
        )
        summary: WorkshopSummary = result
        return summary

    def render(self, document: str, fmt: str) -> str | bytes:
        """``workshop_summary`` or ``workshop_handout`` in ``fmt``, through the registry."""
        from framework_advisor.engine.index import index_for
        from framework_advisor.render.formats import render

        if fmt not in formats_for(document):
            raise UsageError(f"the {document.replace('_', ' ')} has no {fmt} format")
        short = index_for(self.kb).short_names  # the names people say, for the wall
        extra = {"kb": self.kb} if document == "workshop_summary" else {}
        return render(document, fmt, self.summary, short, self.kb.text, self.prepared, **extra)

    def files(self, exports: Iterable[WorkshopExport]) -> list[tuple[str, str | bytes]]:
        return [
            (export.file_name, self.render(export.document, export.format)) for export in exports
        ]


def write_files(folder: Path, files: Sequence[OutputFile], *, force: bool) -> list[Path]:
    """Write every file into `folder` (created if needed), atomically; refuse to overwrite
    anything without `force`, checking all targets before writing the first: all the files or
    none (`storage.write_all`)."""
    from framework_advisor.render.starter.safety import safe_target
    from framework_advisor.sources.atomic import write_all

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"{folder}: is a file; --out names a folder") from None
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the folder: {exc.strerror or exc}") from None
    targets = [safe_target(folder, file.name) for file in files]
    if len(set(targets)) != len(targets):
        raise OutputError("two outputs would have the same file name")
    try:
        existing = [str(path) for path in targets if path.exists() or path.is_symlink()]
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write in the folder: {exc.strerror or exc}") from None
    if existing and not force:
        raise OutputError(
            f"{', '.join(existing)}: already exist{'s' if len(existing) == 1 else ''}; "
            "use --force to overwrite (nothing was written)"
        )
    write_all([(path, file.data) for path, file in zip(targets, files, strict=True)], force=force)
    return targets


__all__ = [
    "EXPORTS",
    "PARTICIPANT_EXPORT",
    "WORKSHOP_EXPORTS",
    "WORKSHOP_FORMATS",
    "Documents",
    "Export",
    "MixTemplates",
    "WorkshopDocuments",
    "WorkshopExport",
    "export_file_name",
    "export_files",
    "mix_templates",
    "prepared_by",
    "template_files",
    "today_from_env",
    "write_files",
]
