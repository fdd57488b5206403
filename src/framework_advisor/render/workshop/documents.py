"""The workshop summary as PDF (the HTML page laid out by WeasyPrint, charts included) and as
Word (python-docx: headings and tables, the charts' numbers as tables)."""

from __future__ import annotations

import io

from framework_advisor.domain.workshop import WorkshopSummary
from framework_advisor.render.workshop import CITATION, STATISTIC, _w_text, participant_label


def pdf_summary(summary: WorkshopSummary, names: dict[str, str]) -> bytes:
    from framework_advisor.render.report.pdf import html_to_pdf
    from framework_advisor.render.workshop.html import html_summary

    return html_to_pdf(html_summary(summary, names))


def docx_summary(summary: WorkshopSummary, names: dict[str, str]) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(f"Workshop: {summary.title}" if summary.title else "Workshop", 0)
    document.add_paragraph(
        f"{summary.participants} participant(s), round {summary.round}. Consensus at "
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
        ["Minutes", "Question", "Why"], [[str(a.minutes), a.label, a.why] for a in summary.agenda]
    )
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
                [r.question, f"{r.before:.0%}", f"{r.after:.0%}", str(r.moved)]
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
    document.core_properties.title = summary.title
    document.save(out)
    return out.getvalue()
