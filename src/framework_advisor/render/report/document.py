"""The report as a document of blocks: ReportData laid out as ``knowledge/report.yaml`` says.

Each section of the layout names its builder here; each table's columns and each fixed
sentence come from the layout, written once; every format draws the same blocks. Pure: the
report's data and its layout in, a Document out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from framework_advisor.domain.report_layout import ReportLayout, SectionLayout
from framework_advisor.render.document.blocks import (
    Block,
    BulletList,
    Cell,
    Chart,
    Colours,
    Column,
    Document,
    Group,
    PageBreak,
    Paragraph,
    Run,
    Section,
    Table,
    Title,
)
from framework_advisor.render.report.data import ReportData
from framework_advisor.render.report.data.model import Examples

WRITER_WORDS = ("contents", "page_of")
"""The layout's sentences the writers say themselves (Word's contents, the page footer)."""

DERIVED: dict[str, Callable[[Any], Cell]] = {
    "indicator_and_level": lambda kpi: f"{kpi.indicator}, {kpi.level}",
    "points": lambda reason: f"{reason.effect:+d}",
    "answer_and_note": lambda row: row.answer + (f", {row.note}" if row.note else ""),
}
"""Cells made of a row's fields, which a column of the layout can name as its ``field``."""

OPTIONAL = frozenset({"goals"})
"""Builders of sections shown only when their data was given (``report --goals FILE``)."""


def report_document(data: ReportData, layout: ReportLayout) -> Document:
    """Every section of the layout, in its order, filled by its builder."""
    from framework_advisor.render.report.charts import report_charts

    builder = _Builder(data, layout, report_charts(data, layout))
    blocks: list[Block] = [
        Title(data.title, data.provenance.brand, data.provenance.date_text),
        *(Paragraph([Run(p)]) for p in data.note.split("\n\n") if p),
    ]
    for section in layout.sections:
        if section.filled_by in OPTIONAL and not builder.has(section):
            continue  # an appendix of data not given (no goals checked): no page, no heading
        if section.new_page:
            blocks.append(PageBreak())
        blocks.append(builder.section(section))
    return Document(
        title=data.title,
        blocks=blocks,
        colours=Colours(data.colours.primary, data.colours.accent, data.colours.tint),
        brand=data.provenance.brand,
        organisation=data.organisation,
        generator=f"Framework Advisor {data.provenance.tool_version}",
        date=data.provenance.date,
        words={key: layout.text[key] for key in WRITER_WORDS},
    )


def cells(row: Any, field: str) -> Cell:
    """What a column naming ``field`` shows for ``row``."""
    if field in DERIVED:
        return DERIVED[field](row)
    value = getattr(row, field)
    return list(value) if isinstance(value, list | tuple) else value


def examples_section(examples: Examples, layout: ReportLayout) -> Section | None:
    """The report's examples section as it shows them, for another document carrying the same
    examples (the workshop summary's group plan); None where the layout has no such section."""
    title = next((s.title for s in layout.sections if s.filled_by == "examples"), None)
    if title is None:
        return None
    return Section(2, title, _Pieces(layout).example_blocks(examples))


class _Pieces:
    """Tables, sub-sections and sentences in the layout's words: what every section is made of."""

    def __init__(self, layout: ReportLayout) -> None:
        self.layout = layout

    # pieces ------------------------------------------------------------------------------

    def text(self, key: str, **params: object) -> str:
        return self.layout.sentence(key, **params)

    def table(
        self, table_id: str, rows: Sequence[Any], *, highlight: Callable[[Any], bool] | None = None
    ) -> Table:
        layout = self.layout.tables[table_id]
        return Table(
            columns=[Column(c.header, c.kind, c.width) for c in layout.columns],
            rows=[[cells(row, c.field) for c in layout.columns] for row in rows],
            highlight=[i for i, row in enumerate(rows) if highlight and highlight(row)],
            compact=layout.compact,
            split=layout.split,
        )

    def sub(self, title: str, blocks: list[Block], *, keep: bool = False) -> Section:
        return Section(3, title, blocks, keep=keep)

    def example_blocks(self, examples: Examples) -> list[Block]:
        blocks: list[Block] = []
        if examples.areas:
            blocks.append(_lead(self.text("examples_for"), ", ".join(examples.areas)))
        if examples.note:
            blocks.append(_note(examples.note))
        if examples.okrs:
            okrs: list[Block] = [
                Group("okr", [_lead(okr.objective, f"({okr.type})"), _list(okr.key_results)])
                for okr in examples.okrs
            ]
            blocks.append(self.sub(examples.okr_title, okrs))
        if examples.kpis:
            blocks.append(self.sub(self.text("kpis"), [self.table("kpis", examples.kpis)]))
        for group in examples.roles:
            items: list[Block] = [_note(group.note)] if group.note else []
            items += [Group("okr", [_lead(i.lead, ""), _list(i.lines)]) for i in group.items]
            blocks.append(self.sub(group.title, items))
        return blocks


class _Builder(_Pieces):
    def __init__(self, data: ReportData, layout: ReportLayout, charts: Any) -> None:
        super().__init__(layout)
        self.data, self.charts = data, charts

    def section(self, section: SectionLayout) -> Section:
        fill: Callable[[SectionLayout], list[Block]] = getattr(self, f"_{section.filled_by}")
        return Section(
            2,
            section.title,
            fill(section),
            anchor=section.id,
            print_break=section.print_break,
        )

    def has(self, section: SectionLayout) -> bool:
        """Whether an optional section's data was given."""
        return getattr(self.data, section.filled_by) is not None

    def chart(self, chart_id: str) -> list[Block]:
        chart = getattr(self.charts, chart_id)
        return [Chart(chart_id, chart.svg, chart.alt)] if chart.svg else []

    # the sections ------------------------------------------------------------------------

    def _overview(self, _: SectionLayout) -> list[Block]:
        o = self.data.overview
        blocks: list[Block] = []
        if o.summary:
            blocks.append(_paragraph(o.summary))
        if o.phases:
            blocks.append(self.table("phases", o.phases))
        if o.meetings:
            blocks.append(_paragraph(o.meetings))
        if o.first_weeks:
            first = self.table("first_weeks", o.first_weeks)
            blocks.append(self.sub(self.text("first_weeks"), [first], keep=True))
        return blocks

    def _mix(self, _: SectionLayout) -> list[Block]:
        data = self.data
        blocks: list[Block] = []
        if data.mix:
            if data.mix_choice:
                blocks.append(_paragraph(data.mix_choice, keep=True))
            blocks += [self.table("mix", data.mix), *self.chart("ranking")]
        else:
            blocks.append(_paragraph(self.text("no_mix")))
        if data.later:
            later = _bullets([(p.title, p.text) for p in data.later])
            blocks.append(self.sub(self.text("later"), [later]))
        if data.retire:
            retire = _bullets([(r.name, r.why) for r in data.retire])
            blocks.append(self.sub(self.text("retire"), [retire]))
        if data.cautions:
            cautions = BulletList([[Run(c.text)] for c in data.cautions])
            blocks.append(self.sub(self.text("cautions"), [cautions], keep=True))
        return blocks

    def _comparison(self, _: SectionLayout) -> list[Block]:
        return [self.table("comparison", self.data.comparison)]

    def _pitfalls(self, _: SectionLayout) -> list[Block]:
        return [
            self.sub(group.name, [self.table("pitfalls", group.pitfalls)])
            for group in self.data.pitfalls
        ]

    def _rollout(self, _: SectionLayout) -> list[Block]:
        rollout = self.data.rollout
        blocks: list[Block] = []
        if rollout.intro:
            blocks.append(_paragraph(rollout.intro))
        for phase in rollout.phases:
            note = [_paragraph(phase.note, keep=True)] if phase.note else []
            blocks.append(self.sub(phase.title, [*note, self.table("rollout", phase.steps)]))
        if rollout.cadence:
            summary = [_paragraph(rollout.summary, keep=True)] if rollout.summary else []
            cadence = [*self.chart("calendar"), *summary, self.table("cadence", rollout.cadence)]
            blocks.append(self.sub(self.text("cadence"), cadence))
        return blocks

    def _examples(self, _: SectionLayout) -> list[Block]:
        return self.example_blocks(self.data.examples)

    def _changes(self, _: SectionLayout) -> list[Block]:
        changes = self.data.changes
        blocks: list[Block] = []
        if changes.unanswered:
            questions = _list([q.prompt for q in changes.unanswered])
            intro = _paragraph(self.text("unanswered_intro"))
            blocks.append(self.sub(self.text("unanswered"), [intro, questions], keep=True))
        else:
            blocks.append(_paragraph(self.text("all_answered")))
        if changes.sensitivity:
            table = self.table("sensitivity", changes.sensitivity)
            blocks.append(self.sub(self.text("sensitivity"), [table], keep=True))
        return blocks

    def _ranking(self, _: SectionLayout) -> list[Block]:
        data = self.data
        blocks: list[Block] = [
            _paragraph(self.text("ranking_intro"), keep=True),
            self.table("ranking", data.ranking, highlight=lambda row: row.in_mix),
        ]
        for row in data.fits_explained:
            title = self.text("fit_heading", name=row.name, fit=row.fit)
            blocks.append(self.sub(title, [self.table("reasons", row.reasons)]))
        return blocks

    def _glossary(self, _: SectionLayout) -> list[Block]:
        intro = _paragraph(self.text("glossary_intro"), keep=True)
        return [intro, self.table("glossary", self.data.glossary)]

    def _answers(self, _: SectionLayout) -> list[Block]:
        return [self.table("answers", self.data.profile), _note(self.data.provenance.line)]

    def _goals(self, _: SectionLayout) -> list[Block]:
        goals = self.data.goals
        if goals is None:
            return []
        blocks: list[Block] = [_paragraph(goals.intro, keep=True)]
        for file in goals.files:
            found: list[Block] = [_paragraph(file.summary, keep=bool(file.findings))]
            if file.findings:
                found.append(self.table("goal_findings", file.findings))
            else:
                found.append(_paragraph(self.text("goals_none")))
            blocks.append(self.sub(file.file, found))
        return blocks

    def _sentences(self, section: SectionLayout) -> list[Block]:
        return [_paragraph(text) for text in section.paragraphs]


def _paragraph(text: str, *, keep: bool = False) -> Paragraph:
    return Paragraph([Run(text)], keep_with_next=keep)


def _note(text: str) -> Paragraph:
    return Paragraph([Run(text)], style="note", keep_with_next=True)


def _lead(lead: str, text: str) -> Paragraph:
    """A bold lead-in, then text: "**Examples for:** Sales, Software"."""
    return Paragraph([Run(lead, strong=True), Run(" " + text)], style="lead", keep_with_next=True)


def _list(items: Sequence[str]) -> BulletList:
    return BulletList([[Run(item)] for item in items])


def _bullets(items: Sequence[tuple[str, str]]) -> BulletList:
    """Each item with a bold lead: "**Phase 2 (OKR):** when to add it"."""
    return BulletList([[Run(f"{lead}:", strong=True), Run(" " + text)] for lead, text in items])
