"""Starter templates as Markdown for Notion (File > Import > Markdown, or paste): headings, the
guidance, and one table per sheet. Calculated columns are marked with * and explained below the
table: Notion tables do not compute, so those cells are left for a formula property or the
spreadsheet versions."""

from __future__ import annotations

from typing import Any

from framework_advisor.render.markdown import cell
from framework_advisor.render.starter.fill import OutputFile, StarterDocument, display


def render(document: StarterDocument, **_: Any) -> list[OutputFile]:
    return [OutputFile(name=f"{document.template.id}.md", data=text(document).encode("utf-8"))]


def text(document: StarterDocument) -> str:
    template = document.template
    out = [f"# {cell(document.title)}", "", cell(template.summary), "", "## How to use", ""]
    for paragraph in template.guidance:
        out += [cell(paragraph), ""]
    out += [f"*{cell(document.provenance())}*", ""]
    for filled in document.sheets:
        sheet = filled.sheet
        out += [f"## {cell(sheet.title)}", "", cell(sheet.note), ""]
        headers = [c.header + (" \\*" if c.calculated else "") for c in sheet.columns]
        out.append("| " + " | ".join(cell(h) for h in headers) + " |")
        out.append("|" + "|".join(" --- " for _ in sheet.columns) + "|")
        for row in filled.rows:
            values = [cell(display(row.values.get(c.key), c, row)) for c in sheet.columns]
            out.append("| " + " | ".join(values) + " |")
        out.append("")
        calculated = [c for c in sheet.columns if c.explain]
        if calculated:
            out += ["\\* Calculated in the spreadsheet versions:", ""]
            out += [f"- **{cell(c.header)}**: {cell(c.explain)}" for c in calculated]
            out.append("")
    version = f" {document.version}" if document.version else ""
    out += ["---", "", f"*Made with Framework Advisor{version}.*", "", template.stamp().comment()]
    return "\n".join(out) + "\n"
