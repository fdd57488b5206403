"""The workshop summary as PDF (Typst, ``templates/summary.typ``: the HTML page's content and
charts, no system library) and as Word (python-docx: headings and tables, the charts' numbers
as tables)."""

from __future__ import annotations

import io
from collections.abc import Mapping
from importlib.resources import files
from typing import Any

from framework_advisor.domain.counting import counted
from framework_advisor.domain.workshop import WorkshopSummary
from framework_advisor.render.workshop import CITATION, STATISTIC, _w_text, participant_label


def pdf_summary(summary: WorkshopSummary, names: dict[str, str], words: Mapping[str, str]) -> bytes:
    import msgspec
    import typst

    title = f"Workshop: {summary.title}" if summary.title else "Workshop"
    payload = msgspec.json.encode(
        {"title": title, "blocks": _blocks(summary, names, words)}
    ).decode()
    template = files("framework_advisor.render.workshop") / "templates" / "summary.typ"
    result = typst.compile(template.read_bytes(), sys_inputs={"summary": payload})
    assert isinstance(result, bytes)
    return result


def _blocks(
    summary: WorkshopSummary, names: dict[str, str], words: Mapping[str, str]
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

    rec = summary.recommendation
    blocks: list[dict[str, Any]] = [
        {
            "kind": "paragraph",
            "text": f"{counted(summary.participants, 'participant')}, round "
            f"{summary.round}. Consensus at {summary.threshold:.0%} agreement ({CITATION}). "
            f"{_w_text(summary)}.",
        },
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
        heading(f"Agenda ({summary.minutes} minutes)"),
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
        heading("Consensus per question"),
        chart(consensus_chart(summary), "Agreement per question"),
        table(
            ["Question", "Agreement", "Statistic", "Answers"],
            [28, 14, 24, 34],
            [
                [
                    d.label,
                    f"{d.consensus:.0%}" + ("" if d.reached else " (below)"),
                    STATISTIC[d.statistic],
                    ", ".join(f"{d.answer_labels.get(v, v)}: {n}" for v, n in d.answers.items()),
                ]
                for d in summary.disagreements
            ],
        ),
        heading("Group ranking"),
        chart(fit_chart(summary), "Group ranking by mean fit"),
        table(
            ["Framework", "Mean fit", "Spread (SD)"],
            [60, 20, 20],
            [[g.name, f"{g.fit:.1f}", f"{g.spread:.1f}"] for g in summary.group_ranking],
            numeric=(1, 2),
        ),
        heading("Fit per participant"),
        chart(participant_chart(summary), "Fit per participant"),
    ]
    if summary.rounds:
        blocks += [
            heading("Rounds"),
            table(
                ["Question", "At the last reveal", "Now", "Changed"],
                [46, 20, 17, 17],
                [
                    [r.label or r.question, f"{r.before:.0%}", f"{r.after:.0%}", str(r.moved)]
                    for r in summary.rounds
                ],
                numeric=(1, 2, 3),
            ),
        ]
    blocks += [
        heading("Each participant's top three"),
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
            heading("Skipped files"),
            bullets([("", f"{s.file}: {s.error}") for s in summary.skipped]),
        ]
    return blocks


def _agenda(summary: WorkshopSummary, names: dict[str, str], words: Mapping[str, str]) -> list[Any]:
    from framework_advisor.render.workshop.outline import Words, agenda_rows

    return agenda_rows(summary, Words(words, names))


def _also(summary: WorkshopSummary, names: dict[str, str], words: Mapping[str, str]) -> str:
    from framework_advisor.render.workshop.outline import Words, also_differs

    return also_differs(summary, Words(words, names))


def docx_summary(
    summary: WorkshopSummary, names: dict[str, str], words: Mapping[str, str]
) -> bytes:
    from docx import Document

    from framework_advisor.safe_text import PROPERTY_LIMIT, cut, xml_safe

    summary, names = xml_safe(summary), xml_safe(names)  # a vertical tab or ESC is a space
    document = Document()
    document.add_heading(f"Workshop: {summary.title}" if summary.title else "Workshop", 0)
    document.add_paragraph(
        f"{counted(summary.participants, 'participant')}, round {summary.round}. Consensus at "
        f"{summary.threshold:.0%} agreement ({CITATION}). {_w_text(summary)}."
    )

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
    document.add_heading(f"Agenda ({summary.minutes} minutes)", 1)
    table(
        ["Minutes", "Topic", "What to ask"],
        [[str(a.minutes), a.title, " ".join(a.details)] for a in _agenda(summary, names, words)],
    )
    document.add_paragraph(_also(summary, names, words))
    document.add_heading("Consensus per question", 1)
    table(
        ["Question", "Agreement", "Statistic", "Answers"],
        [
            [
                d.label,
                f"{d.consensus:.0%}" + ("" if d.reached else " (below)"),
                STATISTIC[d.statistic],
                ", ".join(f"{d.answer_labels.get(v, v)}: {n}" for v, n in d.answers.items()),
            ]
            for d in summary.disagreements
        ],
    )
    document.add_heading("Group ranking", 1)
    table(
        ["Framework", "Mean fit", "Spread (SD)"],
        [[g.name, f"{g.fit:.1f}", f"{g.spread:.1f}"] for g in summary.group_ranking],
    )
    if summary.rounds:
        document.add_heading("Rounds", 1)
        table(
            ["Question", "At the last reveal", "Now", "Changed"],
            [
                [r.label or r.question, f"{r.before:.0%}", f"{r.after:.0%}", str(r.moved)]
                for r in summary.rounds
            ],
        )
    document.add_heading("Each participant's top three", 1)
    table(
        ["Participant", "Top three"],
        [
            [participant_label(summary, pid), ", ".join(names.get(f, f) for f in top.top)]
            for pid, top in summary.participants_top.items()
        ],
    )
    if summary.skipped:
        document.add_heading("Skipped files", 1)
        for s in summary.skipped:
            document.add_paragraph(f"{s.file}: {s.error}", style="List Bullet")
    out = io.BytesIO()
    document.core_properties.author = ""
    document.core_properties.title = cut(summary.title, PROPERTY_LIMIT)
    document.save(out)
    return out.getvalue()
