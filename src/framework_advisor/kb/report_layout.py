"""Reading ``report.yaml``, the report's layout: each file's shape (msgspec, unknown fields
refused), then its own checks with file and line. A pack's file adds to ours or replaces by id:
its tables and sentences by id, its section list as a whole."""

from __future__ import annotations

import re
from typing import Any, TypeVar

from framework_advisor.domain.report_layout import (
    REQUIRED_TABLES,
    REQUIRED_TEXT,
    SECTION_BUILDERS,
    ReportLayout,
    SectionLayout,
    TableLayout,
)
from framework_advisor.domain.text import NAME, Message, compile_text, message
from framework_advisor.problems import ProblemCollector, did_you_mean
from framework_advisor.sources.yaml_lines import YamlDocument

FILE = "report.yaml"
RULE = "kb-report"
T = TypeVar("T")
_ID = re.compile(r"[a-z][a-z0-9_]{0,29}")
LISTS = ("list", "or")
"""Formats that need the catalogue's own words ("and", "or"): not a report sentence's."""


def read_layout(
    problems: ProblemCollector, doc: YamlDocument, base: ReportLayout
) -> ReportLayout | None:
    """``doc``'s layout over ``base`` (ours, or what earlier packs made of it); None when the
    file has problems (each recorded with its line). Entry by entry, so one run reports all."""
    with problems.checking(RULE):
        before = len(problems.problems)
        data = doc.data
        if not isinstance(data, dict):
            problems.add(doc, (), message("kb.report.not_a_mapping"))
            return None
        for key in data:
            if key not in ("sections", "tables", "text"):
                problems.add(doc, (key,), message("kb.report.top_key"))
        sections = _entries(problems, doc, data.get("sections", []), "sections", SectionLayout)
        tables = _mapping(problems, doc, data.get("tables", {}), "tables", TableLayout)
        text = _mapping(problems, doc, data.get("text", {}), "text", str)
        layout = ReportLayout(sections=sections, tables=tables, text=text)
        _checked(problems, doc, layout)  # what has its shape, checked all the same
        if len(problems.problems) != before:
            return None
    return ReportLayout(
        sections=layout.sections or base.sections,
        tables={**base.tables, **layout.tables},
        text={**base.text, **layout.text},
    )


def _entries(
    problems: ProblemCollector, doc: YamlDocument, raw: Any, key: str, model: type[T]
) -> list[T]:
    if not isinstance(raw, list):
        problems.add(doc, (key,), message("kb.report.list"))
        return []
    converted = (problems.convert(doc, (key, i), item, model) for i, item in enumerate(raw))
    return [item for item in converted if item is not None]


def _mapping(
    problems: ProblemCollector, doc: YamlDocument, raw: Any, key: str, model: type[T]
) -> dict[str, T]:
    if not isinstance(raw, dict):
        problems.add(doc, (key,), message("kb.report.mapping"))
        return {}
    found: dict[str, T] = {}
    for name, item in raw.items():
        value = problems.convert(doc, (key, str(name)), item, model)
        if value is not None:
            found[str(name)] = value
    return found


def _checked(problems: ProblemCollector, doc: YamlDocument, layout: ReportLayout) -> None:
    seen: set[str] = set()
    for index, section in enumerate(layout.sections):
        path = ("sections", index)
        if section.id in seen:
            problems.add(doc, (*path, "id"), message("kb.report.section_twice", section=section.id))
        elif not _ID.fullmatch(section.id):
            problems.add(
                doc,
                (*path, "id"),
                message("kb.report.section_id", section=section.id),
            )
        seen.add(section.id)
        if section.filled_by not in SECTION_BUILDERS:
            where = (*path, "builder") if section.builder else (*path, "id")
            problems.add(
                doc,
                where,
                did_you_mean(
                    message(
                        "kb.report.no_builder",
                        builder=section.filled_by,
                        builders=list(SECTION_BUILDERS),
                    ),
                    section.filled_by,
                    SECTION_BUILDERS,
                ),
            )
        if section.paragraphs and section.filled_by != "sentences":
            problems.add(doc, (*path, "paragraphs"), message("kb.report.paragraphs"))
    for table_id, table in layout.tables.items():
        total = sum(column.width for column in table.columns)
        if not table.columns:
            problems.add(doc, ("tables", table_id), message("kb.report.no_columns"))
        elif total != 100:
            problems.add(
                doc,
                ("tables", table_id, "columns"),
                message("kb.report.widths", total=total),
            )
        for index, column in enumerate(table.columns):
            if column.width <= 0:
                problems.add(
                    doc, ("tables", table_id, "columns", index, "width"), message("kb.report.width")
                )
    for key, sentence in layout.text.items():
        found = _placeholder_problems(sentence)
        if found:
            problems.add(doc, ("text", key), message("kb.report.sentence", problem=found))


def _placeholder_problems(sentence: str) -> list[Message]:
    """What is wrong with a sentence's {placeholders}, as the catalogue checks its own: each a
    plain name, as in {name} (or {name:format} of the closed list); never an attribute, an
    index or an expression (a pack's sentence reaches nothing but the value)."""
    parts, problems = compile_text(sentence)
    for field in parts[1::2]:
        if not NAME.match(field.partition(":")[0]):
            return [message("kb.report.not_plain", field=field)]
        if field.partition(":")[2] in LISTS:
            return [message("kb.report.own_lists", field=field)]
    return problems


def check_complete(problems: ProblemCollector, doc: YamlDocument, layout: ReportLayout) -> None:
    """The tables and sentences the report's builders draw, each present."""
    with problems.checking(RULE):
        for table in REQUIRED_TABLES:
            if table not in layout.tables:
                problems.add(doc, ("tables",), message("kb.report.no_table", table=table))
        for key in REQUIRED_TEXT:
            if key not in layout.text:
                problems.add(doc, ("text",), message("kb.report.no_sentence", key=key))
