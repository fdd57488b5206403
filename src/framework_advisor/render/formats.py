"""One registry of output formats, used by the CLI and, through ``exports``, the TUI.

Each (document, format) pair names the function that renders it, imported only when used, so
a command pays only for the renderer it needs."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from msgspec import Struct


class OutputFormat(Struct, frozen=True):
    name: str
    extension: str
    description: str
    binary: bool = False
    needs_file: bool = False


FORMATS: dict[str, OutputFormat] = {
    "text": OutputFormat(
        "text", ".txt", "readable terminal text, coloured when shown on a terminal"
    ),
    "json": OutputFormat("json", ".json", "JSON for scripts and other tools"),
    "md": OutputFormat("md", ".md", "Markdown, for Notion, GitHub or any Markdown editor"),
    "yaml": OutputFormat("yaml", ".yaml", "YAML"),
    "html": OutputFormat("html", ".html", "a self-contained web page that prints well (A4)"),
    "pdf": OutputFormat("pdf", ".pdf", "PDF, laid out for A4", binary=True, needs_file=True),
    "docx": OutputFormat(
        "docx", ".docx", "Word, with headings, lists and tables", binary=True, needs_file=True
    ),
    "xlsx": OutputFormat(
        "xlsx",
        ".xlsx",
        "Excel workbook: formulas, drop-down lists, conditional formatting",
        binary=True,
        needs_file=True,
    ),
    "csv": OutputFormat(
        "csv", ".csv", "CSV (UTF-8), one file per sheet, for Google Sheets", needs_file=True
    ),
}

RENDERERS: dict[tuple[str, str], str] = {
    ("recommendation", "text"): "framework_advisor.render.text:recommendation",
    ("recommendation", "json"): "framework_advisor.render.jsonout:recommendation",
    ("recommendation", "md"): "framework_advisor.render.markdown:recommendation",
    ("whatif", "text"): "framework_advisor.render.text:whatif",
    ("whatif", "json"): "framework_advisor.render.jsonout:whatif",
    ("whatif", "md"): "framework_advisor.render.markdown:whatif",
    ("framework", "text"): "framework_advisor.render.text:framework",
    ("framework", "json"): "framework_advisor.render.jsonout:framework",
    ("framework", "md"): "framework_advisor.render.markdown:framework",
    ("comparison", "text"): "framework_advisor.render.text:comparison",
    ("comparison", "json"): "framework_advisor.render.jsonout:comparison",
    ("comparison", "md"): "framework_advisor.render.markdown:comparison",
    ("frameworks", "text"): "framework_advisor.render.text:framework_table",
    ("frameworks", "json"): "framework_advisor.render.jsonout:framework_table",
    ("frameworks", "md"): "framework_advisor.render.markdown:framework_table",
    ("examples", "text"): "framework_advisor.render.text:examples",
    ("examples", "json"): "framework_advisor.render.jsonout:examples",
    ("examples", "md"): "framework_advisor.render.markdown:examples",
    ("questions", "text"): "framework_advisor.render.text:questions",
    ("questions", "yaml"): "framework_advisor.render.answers_template:blank_answers_file",
    ("questions", "json"): "framework_advisor.render.answers_template:json_schema",
    ("report", "md"): "framework_advisor.render.report.writers:markdown",
    ("report", "html"): "framework_advisor.render.report.writers:html",
    ("report", "pdf"): "framework_advisor.render.report.writers:pdf",
    ("report", "docx"): "framework_advisor.render.report.writers:docx",
    ("report", "json"): "framework_advisor.render.report.jsonreport:report",
    ("workshop_summary", "text"): "framework_advisor.render.workshop.writers:summary_text",
    ("workshop_summary", "md"): "framework_advisor.render.workshop.writers:summary_markdown",
    ("workshop_summary", "json"): "framework_advisor.render.workshop:json_summary",
    ("workshop_summary", "html"): "framework_advisor.render.workshop.writers:summary_html",
    ("workshop_summary", "pdf"): "framework_advisor.render.workshop.writers:summary_pdf",
    ("workshop_summary", "docx"): "framework_advisor.render.workshop.writers:summary_docx",
    ("workshop_handout", "text"): "framework_advisor.render.workshop.writers:handout_text",
    ("workshop_handout", "md"): "framework_advisor.render.workshop.writers:handout_markdown",
    ("workshop_handout", "html"): "framework_advisor.render.workshop.writers:handout_html",
    ("workshop_handout", "pdf"): "framework_advisor.render.workshop.writers:handout_pdf",
    ("workshop_handout", "docx"): "framework_advisor.render.workshop.writers:handout_docx",
    ("template", "xlsx"): "framework_advisor.render.starter.xlsx:render",
    ("template", "csv"): "framework_advisor.render.starter.csv:render",
    ("template", "md"): "framework_advisor.render.starter.md:render",
    ("template", "docx"): "framework_advisor.render.starter.docx:render",
}


EXTENSION_ALIASES: dict[str, str] = {".markdown": "md", ".htm": "html", ".yml": "yaml"}
"""Other file-name endings that name a format, beside each format's own extension."""


def format_of_name(name: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The format among ``choices`` that a file name's ending names (``report.PDF`` -> pdf),
    or None when its ending names none of them."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name.lstrip(".") else ""
    by_extension = {FORMATS[fmt].extension: fmt for fmt in choices if fmt in FORMATS}
    by_extension.update({ext: fmt for ext, fmt in EXTENSION_ALIASES.items() if fmt in choices})
    return by_extension.get(suffix)


def formats_for(document: str) -> list[str]:
    return [fmt for (doc, fmt) in RENDERERS if doc == document]


def render(document: str, fmt: str, *args: Any, **kwargs: Any) -> str | bytes:
    module_name, _, function = RENDERERS[(document, fmt)].partition(":")
    return getattr(import_module(module_name), function)(*args, **kwargs)
