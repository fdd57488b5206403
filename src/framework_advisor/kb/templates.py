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
from framework_advisor.domain.text import Message, message
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
        problems.add(doc, (), message("kb.template.not_a_mapping"))
        return None
    raw_sheets = data.get("sheets")
    if not isinstance(raw_sheets, list) or not raw_sheets:
        problems.add(doc, ("sheets",) if "sheets" in data else (), message("kb.template.no_sheets"))
        return None
    sheets = [problems.convert(doc, ("sheets", i), raw, Sheet) for i, raw in enumerate(raw_sheets)]
    template = problems.convert(doc, (), {**data, "sheets": []}, _Header)
    if template is None or any(sheet is None for sheet in sheets):
        return None
    if template.id != stem:
        problems.add(doc, ("id",), message("kb.file_name", id=template.id, stem=stem))
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

    def add(self, path: KeyPath, said: Message) -> None:
        self.problems.add(self.doc, path, said, rule=RULE)

    @staticmethod
    def not_a_field(name: str, role: str, fields: tuple[str, ...] | list[str]) -> Message:
        said = message("kb.template.not_a_field", field=name, role=role)
        return did_you_mean(said, name, fields)

    def run(self) -> None:
        for index, fid in enumerate(self.template.frameworks):
            said = message("kb.template.no_framework", framework=fid)
            self.problems.known(self.doc, ("frameworks", index), fid, self.frameworks, said)
        seen: set[str] = set()
        titles: set[str] = set()
        for index, sheet in enumerate(self.template.sheets):
            path: KeyPath = ("sheets", index)
            if sheet.id in seen:
                self.add((*path, "id"), message("kb.template.sheet_twice", sheet=sheet.id))
            if sheet.title.lower() in titles or sheet.title.lower() == "how to use":
                self.add((*path, "title"), message("kb.template.title_twice", title=sheet.title))
            seen.add(sheet.id)
            titles.add(sheet.title.lower())
            self.sheet(path, sheet)

    def sheet(self, path: KeyPath, sheet: Sheet) -> None:
        keys = [column.key for column in sheet.columns]
        for index, column in enumerate(sheet.columns):
            where = (*path, "columns", index)
            if column.key in keys[:index]:
                self.add((*where, "key"), message("kb.template.column_twice", column=column.key))
            if column.formula:
                self.formula((*where, "formula"), column.formula, sheet)
                if column.default is not None:
                    self.add((*where, "default"), message("kb.template.calculated_default"))
                if not column.explain:
                    self.add(where, message("kb.template.calculated_explain"))
            if column.default is not None:
                self.cells(where, {"default": column.default}, sheet, known=False)
            check = column.checks()
            if check is not None:
                if check.kind == "list" and not (check.options or check.source):
                    self.add((*where, "validation"), message("kb.template.list_source"))
                if check.source and not _is_range(check.source):
                    self.add(
                        (*where, "validation", "source"),
                        message("kb.template.source_range"),
                    )
                elif check.source:
                    self.formula((*where, "validation", "source"), check.source, sheet, whole=True)
                for n, option in enumerate(check.options):
                    if "," in option or '"' in option:
                        self.add((*where, "options", n), message("kb.template.option_comma"))
                if len(",".join(check.options)) + 2 > 255:
                    self.add((*where, "options"), message("kb.template.options_long"))
            if column.type == "choice" and not column.options and column.validation is None:
                self.add(where, message("kb.template.choice_options"))
        if sheet.section_column and sheet.section_column not in keys:
            self.unknown_column((*path, "section_column"), sheet.section_column, sheet)
        if sheet.freeze_columns > len(keys):
            self.add(
                (*path, "freeze_columns"), message("kb.template.freeze_columns", columns=len(keys))
            )
        row_keys = [key for section in sheet.sections for key in section.keys]
        for index, section in enumerate(sheet.sections):
            self.section((*path, "sections", index), section, sheet)
        for index, highlight in enumerate(sheet.highlights):
            where = (*path, "highlights", index)
            for n, key in enumerate(highlight.columns):
                if key not in keys:
                    self.unknown_column((*where, "columns", n), key, sheet)
            if bool(highlight.equals) == bool(highlight.formula):
                self.add(where, message("kb.template.highlight_rule"))
            if '"' in highlight.equals:
                self.add((*where, "equals"), message("kb.template.equals_quote"))
            if highlight.formula:
                self.formula((*where, "formula"), "=" + highlight.formula, sheet, highlight=True)
            if highlight.row:
                said = message("kb.template.no_row", row=highlight.row)
                self.problems.known(self.doc, (*where, "row"), highlight.row, row_keys, said)

    def section(self, path: KeyPath, section: Section, sheet: Sheet) -> None:
        keys = {column.key for column in sheet.columns}
        if section.keys and len(section.keys) != len(section.rows):
            self.add(
                (*path, "keys"),
                message("kb.template.keys_rows", keys=len(section.keys), rows=len(section.rows)),
            )
        for row_key in section.formats:
            if row_key not in section.keys:
                self.add(
                    (*path, "formats", row_key), message("kb.template.format_row", row=row_key)
                )
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
            self.add((*where, "role"), message("kb.template.no_role", role=prefill.role))
        for column_key, names in prefill.down.items():
            if column_key not in keys:
                self.unknown_column((*where, "down", column_key), column_key, sheet)
            for n, field_name in enumerate(names):
                if field_name not in fields:
                    self.add(
                        (*where, "down", column_key, n),
                        self.not_a_field(field_name, prefill.role, fields),
                    )
        if prefill.down and len(section.rows) < max(len(v) for v in prefill.down.values()):
            self.add((*where, "down"), message("kb.template.form_rows"))
        for column_key, field_name in prefill.fields.items():
            if column_key not in keys:
                self.unknown_column((*where, "fields", column_key), column_key, sheet)
            if field_name not in fields:
                self.add(
                    (*where, "fields", column_key),
                    self.not_a_field(field_name, prefill.role, fields),
                )
        for field_name in prefill.where:
            if field_name not in fields:
                self.add(
                    (*where, "where", field_name),
                    self.not_a_field(field_name, prefill.role, fields),
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
                    self.add((*path, column_key), message("kb.template.computed"))
                elif value.formula:
                    self.formula((*path, column_key, "formula"), value.formula, sheet)

    def unknown_column(self, path: KeyPath, key: str, sheet: Sheet) -> None:
        keys = [column.key for column in sheet.columns]
        said = message("kb.template.no_column", column=key, sheet=sheet.id)
        self.problems.known(self.doc, path, key, keys, said)

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
            self.add(path, message("kb.template.formula_equals"))
        if len(pattern) > MAX_FORMULA:
            self.add(path, message("kb.template.formula_long", most=MAX_FORMULA))
        if pattern.count('"') % 2:
            self.add(path, message("kb.template.formula_quotes"))
        self._references(path, pattern, sheet, highlight=highlight)
        bare = PATTERN.sub("0", _STRING.sub('""', pattern))
        if "{" in bare or "}" in bare:
            self.add(path, message("kb.template.formula_braces"))
        for name in _CALL.findall(bare):
            if name.upper() not in FUNCTIONS:
                self.add(path, message("kb.template.formula_function", function=name))
        if any(mark in bare for mark in "!|[]") or _RAW_REFERENCE.search(bare):
            self.add(path, message("kb.template.formula_address"))
        if bare.count("(") != bare.count(")"):
            self.add(path, message("kb.template.formula_parentheses"))

    def _references(self, path: KeyPath, pattern: str, sheet: Sheet, *, highlight: bool) -> None:
        """Each `{reference}` names a sheet, column and row that exist: the one
        unknown-reference check, the reference leading its message."""
        for match in PATTERN.finditer(pattern):
            reference = match[0]
            name = match["sheet"] or sheet.id
            said = message("kb.template.no_sheet_named", reference=reference, sheet=name)
            if not self.problems.known(self.doc, path, name, self.sheets, said):
                continue
            target = self.sheets[name]
            column = match["column"]
            if column == "self":
                if not highlight:
                    self.add(path, message("kb.template.self_highlight", reference=reference))
                continue
            keys = [c.key for c in target.columns]
            said = message(
                "kb.template.no_column_named", reference=reference, column=column, sheet=target.id
            )
            self.problems.known(self.doc, path, column, keys, said)
            if row := match["row"]:
                rows = [key for section in target.sections for key in section.keys]
                said = message(
                    "kb.template.no_row_named", reference=reference, row=row, sheet=target.id
                )
                self.problems.known(self.doc, path, row, rows, said)
            elif not match["all"] and target is not sheet:
                self.add(path, message("kb.template.other_sheet_cell", reference=reference))
