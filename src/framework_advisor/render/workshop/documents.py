"""The workshop summary as PDF (Typst, ``templates/summary.typ``: the HTML page's content and
charts, no system library) and as Word (python-docx: headings and tables, the charts' numbers
as tables)."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from importlib.resources import files
from typing import Any

from framework_advisor.domain.workshop import WorkshopSummary
from framework_advisor.render.workshop import participant_label
from framework_advisor.render.workshop.outline import Prepared


def pdf_summary(
    summary: WorkshopSummary,
    names: dict[str, str],
    words: Mapping[str, str],
    prepared: Prepared | None = None,
) -> bytes:
    title = f"Workshop: {summary.title}" if summary.title else "Workshop"
    return compile_pdf(title, _blocks(summary, names, words, prepared), prepared)


def compile_pdf(
    title: str, blocks: Sequence[Mapping[str, Any]], prepared: Prepared | None = None
) -> bytes:
    """A title and blocks (heading, paragraph, bullets, table, chart, big) as an A4 PDF in
    the report's house style (its font, the brand in the header, the brand's colours), laid
    out by ``templates/summary.typ``; every word is data, never markup."""
    import msgspec
    import typst

    from framework_advisor.render.report.writers import FONTS

    style = prepared or Prepared()
    payload = msgspec.json.encode(
        {
            "title": title,
            "blocks": list(blocks),
            "brand": style.brand,
            "primary": style.primary,
            "accent": style.accent,
        }
    ).decode()
    template = files("framework_advisor.render.workshop") / "templates" / "summary.typ"
    # typst's stub gives the template (bytes) and the font paths (str) one type variable
    result = typst.compile(  # type: ignore[misc]
        template.read_bytes(), font_paths=[FONTS], sys_inputs={"summary": payload}
    )
    assert isinstance(result, bytes)
    return result


def _blocks(
    summary: WorkshopSummary,
    names: dict[str, str],
    words: Mapping[str, str],
    prepared: Prepared | None = None,
) -> list[dict[str, Any]]:
    """The HTML page's content, in its order, as plain blocks for the Typst template."""
    from framework_advisor.render.workshop.charts import (
        consensus_chart,
        fit_chart,
        participant_chart,
    )

    def heading(text: str, level: int = 1) -> dict[str, Any]:
        return {"kind": "heading", "level": level, "text": text}

    def bullets(items: list[tuple[str, str]]) -> dict[str, Any]:
        return {"kind": "bullets", "items": [{"lead": a, "text": b} for a, b in items]}

    def table(
        head: list[str], widths: list[int], rows: list[list[str]], numeric: tuple[int, ...] = ()
    ) -> dict[str, Any]:
        return {
            "kind": "table",
            "head": head,
            "widths": widths,
            "rows": rows,
            "numeric": list(numeric),
        }

    def chart(svg: str, alt: str) -> dict[str, Any]:
        return {"kind": "chart", "svg": svg, "alt": alt}

    from framework_advisor.render.workshop.outline import (
        Words,
        kendall_line,
        measured,
        opening,
        rounds,
        to_settle,
    )

    said = Words(words, names, prepared)
    rec = summary.recommendation
    blocks: list[dict[str, Any]] = [
        {"kind": "paragraph", "text": text} for text in opening(summary, said).paragraphs
    ]
    blocks += [
        heading("Group mix"),
        bullets(
            [(names.get(m.framework, m.framework), f"({m.layer}): {m.why}") for m in rec.mix]
            or [("", "No mix: the group's answers leave no framework to advise.")]
        ),
    ]
    if rec.summary:
        blocks.append({"kind": "paragraph", "text": rec.summary})
    if len(rec.phases) > 1:
        blocks += [
            heading("Later phases", 2),
            bullets(
                [
                    (
                        f"Phase {p.phase}:",
                        ", ".join(names.get(f, f) for f in p.frameworks)
                        + f": {p.why} (when: {p.signal})",
                    )
                    for p in rec.phases[1:]
                ]
            ),
        ]
    blocks += [
        heading(said("agenda.heading", minutes=summary.minutes)),
        table(
            ["Minutes", "Topic", "What to ask"],
            [10, 40, 50],
            [
                [str(a.minutes), a.title, " ".join(a.details)]
                for a in _agenda(summary, names, words)
            ],
            numeric=(0,),
        ),
        {"kind": "paragraph", "text": _also(summary, names, words)},
    ]
    settle = to_settle(summary, said)
    blocks.append(heading(settle.heading))
    blocks += [{"kind": "paragraph", "text": text} for text in settle.paragraphs]
    for item in settle.items:
        blocks += [heading(item.text, 2), bullets([("", detail) for detail in item.details])]
    changed = rounds(summary, said)
    if changed is not None:
        blocks += [heading(changed.heading), bullets([("", i.text) for i in changed.items])]
    blocks += [
        heading(said("people.heading")),
        table(
            ["Participant", "Top three"],
            [30, 70],
            [
                [participant_label(summary, pid), ", ".join(names.get(f, f) for f in top.top)]
                for pid, top in summary.participants_top.items()
            ],
        ),
    ]
    if summary.skipped:
        blocks += [
            heading(said("skipped.heading")),
            bullets([("", f"{s.file}: {s.error}") for s in summary.skipped]),
        ]
    how = measured(summary, said)
    blocks.append(heading(how.heading))
    blocks += [{"kind": "paragraph", "text": text} for text in how.paragraphs]
    blocks += [
        heading("Agreement per question", 2),
        chart(consensus_chart(summary), "Agreement per question"),
        table(
            ["Question", "Agreement", "Figure", "Answers"],
            [28, 16, 22, 34],
            [
                [
                    d.label,
                    said.level(d),
                    f"{d.consensus:.0%} {said(f'measured.{d.statistic}')}",
                    ", ".join(f"{d.answer_labels.get(v, v)}: {n}" for v, n in d.answers.items()),
                ]
                for d in summary.disagreements
            ],
        ),
        {"kind": "paragraph", "text": kendall_line(summary, said)},
        heading("Group ranking", 2),
        chart(fit_chart(summary), "Group ranking by mean fit"),
        table(
            ["Framework", "Mean fit", "Spread (SD)"],
            [60, 20, 20],
            [[g.name, f"{g.fit:.1f}", f"{g.spread:.1f}"] for g in summary.group_ranking],
            numeric=(1, 2),
        ),
        heading("Fit per participant", 2),
        chart(participant_chart(summary), "Fit per participant"),
    ]
    return blocks


def _agenda(summary: WorkshopSummary, names: dict[str, str], words: Mapping[str, str]) -> list[Any]:
    from framework_advisor.render.workshop.outline import Words, agenda_rows

    return agenda_rows(summary, Words(words, names))


def _also(summary: WorkshopSummary, names: dict[str, str], words: Mapping[str, str]) -> str:
    from framework_advisor.render.workshop.outline import Words, also_differs

    return also_differs(summary, Words(words, names))


def docx_summary(
    summary: WorkshopSummary,
    names: dict[str, str],
    words: Mapping[str, str],
    prepared: Prepared | None = None,
) -> bytes:
    from docx import Document

    from framework_advisor.safe_text import PROPERTY_LIMIT, cut, xml_safe

    summary, names = xml_safe(summary), xml_safe(names)  # a vertical tab or ESC is a space
    from framework_advisor.render.workshop.outline import (
        Words,
        kendall_line,
        measured,
        opening,
        rounds,
        to_settle,
    )

    said = Words(words, names, prepared)
    document = Document()
    document.add_heading(f"Workshop: {summary.title}" if summary.title else "Workshop", 0)
    for line in opening(summary, said).paragraphs:
        document.add_paragraph(line)

    def table(headers: list[str], rows: list[list[str]]) -> None:
        grid = document.add_table(rows=1, cols=len(headers))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, headers, strict=True):
            cell.text = text
        for row in rows:
            cells = grid.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = text

    document.add_heading("Group mix", 1)
    for m in summary.recommendation.mix:
        document.add_paragraph(
            f"{names.get(m.framework, m.framework)} ({m.layer}): {m.why}", style="List Bullet"
        )
    if summary.recommendation.summary:
        document.add_paragraph(summary.recommendation.summary)
    document.add_heading(said("agenda.heading", minutes=summary.minutes), 1)
    table(
        ["Minutes", "Topic", "What to ask"],
        [[str(a.minutes), a.title, " ".join(a.details)] for a in _agenda(summary, names, words)],
    )
    document.add_paragraph(_also(summary, names, words))
    settle = to_settle(summary, said)
    document.add_heading(settle.heading, 1)
    for line in settle.paragraphs:
        document.add_paragraph(line)
    for item in settle.items:
        document.add_heading(item.text, 2)
        for detail in item.details:
            document.add_paragraph(detail, style="List Bullet")
    changed = rounds(summary, said)
    if changed is not None:
        document.add_heading(changed.heading, 1)
        for item in changed.items:
            document.add_paragraph(item.text, style="List Bullet")
    document.add_heading(said("people.heading"), 1)
    table(
        ["Participant", "Top three"],
        [
            [participant_label(summary, pid), ", ".join(names.get(f, f) for f in top.top)]
            for pid, top in summary.participants_top.items()
        ],
    )
    if summary.skipped:
        document.add_heading(said("skipped.heading"), 1)
        for s in summary.skipped:
            document.add_paragraph(f"{s.file}: {s.error}", style="List Bullet")
    how = measured(summary, said)
    document.add_heading(how.heading, 1)
    for line in how.paragraphs:
        document.add_paragraph(line)
    table(
        ["Question", "Agreement", "Figure", "Answers"],
        [
            [
                d.label,
                said.level(d),
                f"{d.consensus:.0%} {said(f'measured.{d.statistic}')}",
                ", ".join(f"{d.answer_labels.get(v, v)}: {n}" for v, n in d.answers.items()),
            ]
            for d in summary.disagreements
        ],
    )
    document.add_paragraph(kendall_line(summary, said))
    document.add_heading("Group ranking", 2)
    table(
        ["Framework", "Mean fit", "Spread (SD)"],
        [[g.name, f"{g.fit:.1f}", f"{g.spread:.1f}"] for g in summary.group_ranking],
    )
    out = io.BytesIO()
    document.core_properties.author = cut(prepared.brand, PROPERTY_LIMIT) if prepared else ""
    document.core_properties.title = cut(summary.title, PROPERTY_LIMIT)
    document.save(out)
    return out.getvalue()
