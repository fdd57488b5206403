"""The facilitator's one-page handout (`workshop summary --handout`): the opening lines (what
the team agrees on and must settle, the group's proposed plan, what is decided and open) and
the agenda with its times, what to ask and the options; no statistics."""

from __future__ import annotations

import io
from collections.abc import Mapping
from html import escape

from framework_advisor.domain.workshop import WorkshopSummary
from framework_advisor.render.workshop.outline import (
    AgendaRow,
    Prepared,
    Section,
    Words,
    agenda,
    agenda_rows,
    also_differs,
    opening,
)


def handout_sections(summary: WorkshopSummary, words: Words) -> list[Section]:
    return [opening(summary, words), agenda(summary, words)]


def handout_text(
    summary: WorkshopSummary,
    names: Mapping[str, str],
    words: Mapping[str, str],
    prepared: Prepared | None = None,
) -> str:
    from framework_advisor.render.workshop import sections_text

    return sections_text(handout_sections(summary, Words(words, names, prepared)))


def handout_markdown(
    summary: WorkshopSummary,
    names: Mapping[str, str],
    words: Mapping[str, str],
    prepared: Prepared | None = None,
) -> str:
    from framework_advisor.render.workshop import sections_markdown

    return sections_markdown(handout_sections(summary, Words(words, names, prepared)))


def _parts(
    summary: WorkshopSummary,
    names: Mapping[str, str],
    words: Mapping[str, str],
    prepared: Prepared | None = None,
) -> tuple[Section, str, list[AgendaRow], str]:
    said = Words(words, names, prepared)
    return (
        opening(summary, said),
        said("agenda.heading", minutes=summary.minutes),
        agenda_rows(summary, said),
        also_differs(summary, said),
    )


def handout_html(
    summary: WorkshopSummary,
    names: Mapping[str, str],
    words: Mapping[str, str],
    prepared: Prepared | None = None,
) -> str:
    head, heading, rows, also = _parts(summary, names, words, prepared)
    body = [f"<h1>{escape(head.heading)}</h1>"]
    body += [f"<p>{escape(line)}</p>" for line in head.paragraphs]
    body.append(f"<h2>{escape(heading)}</h2><table>")
    for row in rows:
        details = "<br>".join(escape(d) for d in row.details)
        body.append(
            f'<tr><td class="n">{row.minutes}</td><td>{escape(row.title)}</td><td>{details}</td></tr>'
        )
    body += ["</table>", f"<p>{escape(also)}</p>"]
    style = (
        "body{font-family:sans-serif;max-width:60rem;margin:2rem auto;line-height:1.4}"
        "table{border-collapse:collapse}td{border:1px solid #bbb;padding:.2rem .5rem;"
        "vertical-align:top}td.n{text-align:right}"
    )
    return (
        f'<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(head.heading)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def handout_pdf(
    summary: WorkshopSummary,
    names: Mapping[str, str],
    words: Mapping[str, str],
    prepared: Prepared | None = None,
) -> bytes:
    from framework_advisor.render.workshop.documents import compile_pdf

    head, heading, rows, also = _parts(summary, names, words, prepared)
    blocks: list[dict[str, object]] = [
        {"kind": "paragraph", "text": line} for line in head.paragraphs
    ]
    blocks += [
        {"kind": "heading", "level": 1, "text": heading},
        {
            "kind": "table",
            "head": ["Minutes", "Topic", "What to ask"],
            "widths": [10, 40, 50],
            "rows": [[str(r.minutes), r.title, " ".join(r.details)] for r in rows],
            "numeric": [0],
        },
        {"kind": "paragraph", "text": also},
    ]
    return compile_pdf(head.heading, blocks, prepared)


def handout_docx(
    summary: WorkshopSummary,
    names: Mapping[str, str],
    words: Mapping[str, str],
    prepared: Prepared | None = None,
) -> bytes:
    from docx import Document

    from framework_advisor.safe_text import PROPERTY_LIMIT, cut, xml_safe

    summary = xml_safe(summary)
    head, heading, rows, also = _parts(summary, xml_safe(dict(names)), words, prepared)
    document = Document()
    document.add_heading(head.heading, 0)
    for line in head.paragraphs:
        document.add_paragraph(line)
    document.add_heading(heading, 1)
    grid = document.add_table(rows=1, cols=3)
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, ["Minutes", "Topic", "What to ask"], strict=True):
        cell.text = text
    for row in rows:
        cells = grid.add_row().cells
        for cell, text in zip(
            cells, [str(row.minutes), row.title, " ".join(row.details)], strict=True
        ):
            cell.text = text
    document.add_paragraph(also)
    out = io.BytesIO()
    document.core_properties.author = ""
    document.core_properties.title = cut(summary.title, PROPERTY_LIMIT)
    document.save(out)
    return out.getvalue()
