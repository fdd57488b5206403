"""Starter templates (`templates/<id>.yaml`): pass 1 reads each file's shape sheet by sheet;
pass 2 checks what points elsewhere: frameworks, columns, rows, sheets and record fields named
in formulas, validations, highlights and prefills. Every problem is located by file and line."""

from __future__ import annotations

import re
from typing import Any

import msgspec

from framework_advisor.domain.template import (
    PATTERN,
    RECORD_FIELDS,
    Cells,
    Computed,
    Section,
    Sheet,
    Template,
)
from framework_advisor.problems import ProblemCollector, did_you_mean
from framework_advisor.sources.yaml_lines import KeyPath, YamlDocument

RULE = "kb-template"
"""The rule of every problem in a starter template."""

# The spreadsheet functions a template's formulas may call: enough for progress, status, grades
# and bonuses, and none that reaches outside the workbook (HYPERLINK, WEBSERVICE, DDE, CALL).
FUNCTIONS = frozenset(
    (
        "ABS", "AND", "AVERAGE", "AVERAGEIF", "AVERAGEIFS", "CONCATENATE", "COUNT", "COUNTA",
        "COUNTBLANK", "COUNTIF", "COUNTIFS", "DATE", "DAY", "EOMONTH", "FIXED", "IF", "IFERROR", "INDEX", "INT",
        "ISBLANK", "ISNUMBER", "ISTEXT", "LEFT", "LEN", "LOWER", "MATCH", "MAX", "MEDIAN", "MID",
        "MIN", "MONTH", "NOT", "OR", "RANK", "RIGHT", "ROUND", "ROUNDDOWN", "ROUNDUP", "SUM",
        "SUMIF", "SUMIFS", "SUMPRODUCT", "TEXT", "TODAY", "TRIM", "UPPER", "VALUE", "WEEKDAY",
        "YEAR",
    )
)  # fmt: skip
_STRING = re.compile(r'"(?:[^"]|"")*"')
_CALL = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*)\s*\(")
_RAW_REFERENCE = re.compile(r"(?<![A-Za-z0-9_])\$?[A-Z]{1,3}\$?\d+")
MAX_FORMULA = 4000  # resolved references grow it; Excel's limit is 8,192 characters


def _is_range(text: str) -> bool:
    match = PATTERN.fullmatch(text)
    return match is not None and bool(match["all"])


def read_template(problems: ProblemCollector, doc: YamlDocument, stem: str) -> Template | None:
    """Pass 1: the file's shape, each sheet converted on its own so that one run reports a
    problem in every sheet."""
    data = doc.data
    if not isinstance(data, dict):
        problems.add(doc, (), "expected a mapping describing a starter template")
        return None
    raw_sheets = data.get("sheets")
    if not isinstance(raw_sheets, list) or not raw_sheets:
        problems.add(doc, ("sheets",) if "sheets" in data else (), "expected a list of sheets")
        return None
    sheets = [problems.convert(doc, ("sheets", i), raw, Sheet) for i, raw in enumerate(raw_sheets)]
    template = problems.convert(doc, (), {**data, "sheets": []}, _Header)
    if template is None or any(sheet is None for sheet in sheets):
        return None
    if template.id != stem:
        problems.add(doc, ("id",), f"'{template.id}' differs from the file name '{stem}.yaml'")
        return None
    fields = msgspec.structs.asdict(template)  # one step: a new field needs no copying here
    return Template(**{**fields, "sheets": tuple(s for s in sheets if s is not None)})


class _Header(Template, frozen=True, kw_only=True):
    """The template without its sheets (they are converted one by one)."""

    sheets: tuple[Sheet, ...] = ()


class TemplateChecks:
    """Pass 2 for one template: every name it uses exists."""

    def __init__(
        self,
        problems: ProblemCollector,
        doc: YamlDocument,
        template: Template,
        frameworks: dict[str, Any],
        roles: set[str],
    ) -> None:
        self.problems = problems
        self.doc = doc
        self.template = template
        self.frameworks = frameworks
        self.roles = roles
        self.sheets = {sheet.id: sheet for sheet in template.sheets}

    def add(self, path: KeyPath, message: str) -> None:
        self.problems.add(self.doc, path, message, rule=RULE)

    def run(self) -> None:
        for index, fid in enumerate(self.template.frameworks):
            self.problems.known(self.doc, ("frameworks", index), "framework", fid, self.frameworks)
        seen: set[str] = set()
        titles: set[str] = set()
        for index, sheet in enumerate(self.template.sheets):
            path: KeyPath = ("sheets", index)
            if sheet.id in seen:
                self.add((*path, "id"), f"sheet '{sheet.id}' is defined twice in this template")
            if sheet.title.lower() in titles or sheet.title.lower() == "how to use":
                self.add((*path, "title"), f"'{sheet.title}' is the title of another sheet")
            seen.add(sheet.id)
            titles.add(sheet.title.lower())
            self.sheet(path, sheet)

    def sheet(self, path: KeyPath, sheet: Sheet) -> None:
        keys = [column.key for column in sheet.columns]
        for index, column in enumerate(sheet.columns):
            where = (*path, "columns", index)
            if column.key in keys[:index]:
                self.add((*where, "key"), f"column '{column.key}' is defined twice in this sheet")
            if column.formula:
                self.formula((*where, "formula"), column.formula, sheet)
                if column.default is not None:
                    self.add((*where, "default"), "a calculated column takes no default")
                if not column.explain:
                    self.add(where, "a calculated column needs `explain`: its rule in words")
            if column.default is not None:
                self.cells(where, {"default": column.default}, sheet, known=False)
            check = column.checks()
            if check is not None:
                if check.kind == "list" and not (check.options or check.source):
                    self.add((*where, "validation"), "a list needs `options` or a `source`")
                if check.source and not _is_range(check.source):
                    self.add(
                        (*where, "validation", "source"),
                        "a list's source is one range: {column:all} or {sheet.column:all}",
                    )
                elif check.source:
                    self.formula((*where, "validation", "source"), check.source, sheet, whole=True)
                for n, option in enumerate(check.options):
                    if "," in option or '"' in option:
                        self.add((*where, "options", n), "an option may not hold a comma or quote")
                if len(",".join(check.options)) + 2 > 255:
                    self.add((*where, "options"), "the options are longer than Excel allows (255)")
            if column.type == "choice" and not column.options and column.validation is None:
                self.add(where, "a choice column needs `options` or a list `validation`")
        if sheet.section_column and sheet.section_column not in keys:
            self.unknown_column((*path, "section_column"), sheet.section_column, sheet)
        if sheet.freeze_columns > len(keys):
            self.add((*path, "freeze_columns"), f"the sheet has only {len(keys)} columns")
        row_keys = [key for section in sheet.sections for key in section.keys]
        for index, section in enumerate(sheet.sections):
            self.section((*path, "sections", index), section, sheet)
        for index, highlight in enumerate(sheet.highlights):
            where = (*path, "highlights", index)
            for n, key in enumerate(highlight.columns):
                if key not in keys:
                    self.unknown_column((*where, "columns", n), key, sheet)
            if bool(highlight.equals) == bool(highlight.formula):
                self.add(where, "a highlight needs either `equals` or `formula`")
            if '"' in highlight.equals:
                self.add((*where, "equals"), "the text to match may not hold a quote")
            if highlight.formula:
                self.formula((*where, "formula"), "=" + highlight.formula, sheet, highlight=True)
            if highlight.row:
                self.problems.known(
                    self.doc, (*where, "row"), "row", highlight.row, row_keys, " in this sheet"
                )

    def section(self, path: KeyPath, section: Section, sheet: Sheet) -> None:
        keys = {column.key for column in sheet.columns}
        if section.keys and len(section.keys) != len(section.rows):
            self.add((*path, "keys"), f"{len(section.keys)} keys for {len(section.rows)} rows")
        for row_key in section.formats:
            if row_key not in section.keys:
                self.add((*path, "formats", row_key), f"no row '{row_key}' in `keys`")
            for column_key in section.formats[row_key]:
                if column_key not in keys:
                    self.unknown_column((*path, "formats", row_key, column_key), column_key, sheet)
        for part in ("rows", "example"):
            for index, cells in enumerate(getattr(section, part)):
                self.cells((*path, part, index), cells, sheet)
        prefill = section.prefill
        if prefill is None:
            return
        where = (*path, "prefill")
        fields = RECORD_FIELDS[prefill.role]
        if prefill.role not in self.roles:
            self.add((*where, "role"), f"no example has the role '{prefill.role}'")
        for column_key, names in prefill.down.items():
            if column_key not in keys:
                self.unknown_column((*where, "down", column_key), column_key, sheet)
            for n, field_name in enumerate(names):
                if field_name not in fields:
                    self.add(
                        (*where, "down", column_key, n),
                        f"'{field_name}' is not a field of {prefill.role} records."
                        + did_you_mean(field_name, fields),
                    )
        if prefill.down and len(section.rows) < max(len(v) for v in prefill.down.values()):
            self.add((*where, "down"), "a form needs a fixed row for every field written down")
        for column_key, field_name in prefill.fields.items():
            if column_key not in keys:
                self.unknown_column((*where, "fields", column_key), column_key, sheet)
            if field_name not in fields:
                self.add(
                    (*where, "fields", column_key),
                    f"'{field_name}' is not a field of {prefill.role} records."
                    + did_you_mean(field_name, fields),
                )
        for field_name in prefill.where:
            if field_name not in fields:
                self.add(
                    (*where, "where", field_name),
                    f"'{field_name}' is not a field of {prefill.role} records."
                    + did_you_mean(field_name, fields),
                )
        self.cells((*where, "constants"), prefill.constants, sheet)

    def cells(self, path: KeyPath, cells: Cells, sheet: Sheet, *, known: bool = True) -> None:
        """Each value names a column (unless not `known`: a column's default) and a computed
        value is a formula or a date, never both."""
        keys = {column.key for column in sheet.columns}
        for column_key, value in cells.items():
            if known and column_key not in keys:
                self.unknown_column((*path, column_key), column_key, sheet)
            if isinstance(value, Computed):
                if bool(value.formula) == bool(value.date):
                    self.add((*path, column_key), "expected {formula: ...} or {date: quarter|year}")
                elif value.formula:
                    self.formula((*path, column_key, "formula"), value.formula, sheet)

    def unknown_column(self, path: KeyPath, key: str, sheet: Sheet) -> None:
        keys = [column.key for column in sheet.columns]
        self.problems.known(self.doc, path, "column", key, keys, f" in sheet '{sheet.id}'")

    def formula(
        self,
        path: KeyPath,
        pattern: str,
        sheet: Sheet,
        *,
        whole: bool = False,
        highlight: bool = False,
    ) -> None:
        """A formula (or a range, `whole`) names only columns, rows and sheets that exist, and
        calls only the functions in FUNCTIONS."""
        if not whole and not pattern.startswith("="):
            self.add(path, "a formula starts with '='")
        if len(pattern) > MAX_FORMULA:
            self.add(path, f"a formula of more than {MAX_FORMULA} characters")
        if pattern.count('"') % 2:
            self.add(path, "a text in the formula is not closed (an odd number of quotes)")
        self._references(path, pattern, sheet, highlight=highlight)
        bare = PATTERN.sub("0", _STRING.sub('""', pattern))
        if "{" in bare or "}" in bare:
            self.add(path, "a {reference} is written {column}, {sheet.column:all} or {column@row}")
        for name in _CALL.findall(bare):
            if name.upper() not in FUNCTIONS:
                self.add(path, f"the function {name} is not allowed in a template")
        if any(mark in bare for mark in "!|[]") or _RAW_REFERENCE.search(bare):
            self.add(path, "cells are named by {references}, never by address, sheet! or link")
        if bare.count("(") != bare.count(")"):
            self.add(path, "the parentheses of the formula do not match")

    def _references(self, path: KeyPath, pattern: str, sheet: Sheet, *, highlight: bool) -> None:
        """Each `{reference}` names a sheet, column and row that exist: the one
        unknown-reference check, the reference leading its message."""
        for match in PATTERN.finditer(pattern):
            reference = match[0]
            name = match["sheet"] or sheet.id
            if not self.problems.known(
                self.doc, path, "sheet", name, self.sheets, named_by=reference
            ):
                continue
            target = self.sheets[name]
            column = match["column"]
            if column == "self":
                if not highlight:
                    self.add(path, f"{reference}: {{self}} is only for highlight rules")
                continue
            keys = [c.key for c in target.columns]
            where = f" in sheet '{target.id}'"
            self.problems.known(self.doc, path, "column", column, keys, where, named_by=reference)
            if match["row"]:
                rows = [key for section in target.sections for key in section.keys]
                self.problems.known(
                    self.doc, path, "row", match["row"], rows, where, named_by=reference
                )
            elif not match["all"] and target is not sheet:
                self.add(path, f"{reference}: a cell of another sheet needs :all or @row")
