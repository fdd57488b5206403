"""The workshop summary, the facilitator's handout and a participant's view as documents of
blocks (``render.document.blocks``), the same kind as the report: the outline's sections
(``outline``: every sentence from the workshop's words) laid out once, then drawn by the
report's writers in text, Markdown, HTML, PDF and Word. Pure: the summary in, a Document out.

The opening section becomes the title and the lines under it; every other section a level-2
section with its paragraphs and one list (each item's details one level down). The summary's
charts close "How agreement is measured"; the formats without pictures (text, Markdown) leave
them out, since the lines beside them carry the same figures."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import unescape

from framework_advisor.domain.workshop import WorkshopSummary
from framework_advisor.render.document.blocks import (
    Block,
    BulletList,
    Chart,
    Colours,
    Document,
    Paragraph,
    Run,
    Section,
    Title,
)
from framework_advisor.render.workshop.outline import Item, Prepared, Words
from framework_advisor.render.workshop.outline import Section as OutlineSection

_HEX = re.compile(r"#[0-9a-fA-F]{6}")
_DESC = re.compile(r"<desc[^>]*>(.*?)</desc>", re.DOTALL)


def summary_document(
    summary: WorkshopSummary,
    words: Words,
    *,
    charts: bool = True,
    examples: Section | None = None,
) -> Document:
    """The full summary: plain words first, the group's plan and its ``examples`` (the report's
    section, from the same selection), the agenda, what to settle, the rounds, each
    participant's top three, skipped files, and how agreement is measured (with its charts)."""
    from framework_advisor.render.workshop.outline import outline

    sections = outline(summary, words)
    extra = _charts(summary, words) if charts else []
    after_plan = [examples] if examples is not None else []
    return from_outline(sections, words.prepared, summary.title, closing=extra, after=after_plan)


def handout_document(summary: WorkshopSummary, words: Words) -> Document:
    """The facilitator's one page: the opening lines and the agenda, no statistics."""
    from framework_advisor.render.workshop.outline import agenda, opening

    sections = [opening(summary, words), agenda(summary, words)]
    return from_outline(sections, words.prepared, summary.title)


def from_outline(
    sections: Sequence[OutlineSection],
    prepared: Prepared,
    organisation: str = "",
    *,
    closing: Sequence[Block] = (),
    after: Sequence[Block] = (),
) -> Document:
    """Outline sections as blocks: the first one's heading is the document's title (a heading
    of "" for the first gives a document without a title); ``after`` follows the second
    section (the summary's plan); ``closing`` ends the last section."""
    blocks: list[Block] = []
    first, *rest = sections
    title = first.heading
    if title:
        blocks.append(Title(title))  # who prepared it: the line under it and the page header
    blocks += _body(first)
    for index, section in enumerate(rest):
        body = _body(section)
        if index == len(rest) - 1:
            body += list(closing)
        blocks.append(Section(2, section.heading, body))
        if index == 0:
            blocks += after
    from framework_advisor._version import __version__

    return Document(
        title=title,
        blocks=blocks,
        colours=colours(prepared),
        brand=prepared.brand,
        organisation=organisation,
        generator=f"Framework Advisor {__version__}",
        date=prepared.date,
        words=dict(prepared.words),
    )


def _body(section: OutlineSection) -> list[Block]:
    blocks: list[Block] = [Paragraph([Run(text)]) for text in section.paragraphs]
    if section.items:
        blocks.append(_list(section.items))
    return blocks


def _list(items: Sequence[Item]) -> BulletList:
    return BulletList(
        items=[[Run(item.text)] for item in items],
        details=[list(item.details) for item in items],
    )


def colours(prepared: Prepared) -> Colours:
    """The brand's colours, #rrggbb only: anything else never reaches a style sheet."""
    from framework_advisor.render.report.look import DEFAULT

    primary, accent, tint = (
        colour if _HEX.fullmatch(colour) else default
        for colour, default in (
            (prepared.primary, DEFAULT.primary),
            (prepared.accent, DEFAULT.accent),
            (prepared.tint, DEFAULT.tint),
        )
    )
    return Colours(primary, accent, tint)


def _charts(summary: WorkshopSummary, words: Words) -> list[Block]:
    """Agreement per question, the group ranking, the fit per participant; each chart's text
    alternative is its own description (every figure it shows)."""
    from framework_advisor.render.workshop.charts import (
        consensus_chart,
        fit_chart,
        participant_chart,
    )

    drawn = [
        ("agreement", consensus_chart(summary, words)),
        ("ranking", fit_chart(summary, words)),
        ("participants", participant_chart(summary, words)),
    ]
    return [Chart(chart_id, svg, _alt(svg)) for chart_id, svg in drawn]


def _alt(svg: str) -> str:
    found = _DESC.search(svg)
    return unescape(found.group(1)) if found else ""
