"""A canonical JSON dump of starter template files, for golden comparisons.

xlsx: every sheet's cells (value and number format; a formula is its text), comments, data
validations, conditional formats, merged cells, column widths, frozen panes and print area.
csv and md: the text. docx: paragraphs (style and text) and tables (cell texts). The tool's
version is replaced by `<version>` so that a release does not change the dump."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

from framework_advisor._version import __version__


def _value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return "date:" + value.isoformat()[:10]
    if isinstance(value, str):
        return value.replace(__version__, "<version>")
    return value


def xlsx(data: bytes) -> dict[str, Any]:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheets: dict[str, Any] = {}
    for ws in workbook.worksheets:
        cells = {}
        comments = {}
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None or cell.number_format != "General":
                    cells[cell.coordinate] = [_value(cell.value), cell.number_format]
                if cell.comment is not None:
                    comments[cell.coordinate] = cell.comment.text
        validations = sorted(
            (
                [
                    str(dv.sqref),
                    dv.type,
                    dv.operator,
                    dv.formula1,
                    dv.formula2,
                    dv.allow_blank,
                    dv.error,
                    dv.prompt,
                ]
                for dv in ws.data_validations.dataValidation
            ),
            key=json.dumps,
        )
        conditional = sorted(
            (
                [
                    str(formatting.sqref),
                    rule.type,
                    rule.operator,
                    list(rule.formula or []),
                    rule.dxf.fill.bgColor.rgb if rule.dxf and rule.dxf.fill else None,
                ]
                for formatting in ws.conditional_formatting
                for rule in formatting.rules
            ),
            key=json.dumps,
        )
        sheets[ws.title] = {
            "cells": cells,
            "comments": comments,
            "validations": validations,
            "conditional": conditional,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "widths": {
                key: dim.width for key, dim in sorted(ws.column_dimensions.items()) if dim.width
            },
            "freeze": ws.freeze_panes,
            "print_area": ws.print_area,
            "filter": ws.auto_filter.ref,
        }
    return sheets


def docx(data: bytes) -> dict[str, Any]:
    from docx import Document

    document = Document(io.BytesIO(data))
    return {
        "paragraphs": [[p.style.name, _value(p.text)] for p in document.paragraphs],
        "tables": [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables],
    }


def dump(files: dict[str, dict[str, bytes]]) -> str:
    """{format: {file name: bytes}} -> canonical JSON text."""
    out: dict[str, Any] = {}
    for fmt, named in files.items():
        for name, data in sorted(named.items()):
            if fmt == "xlsx":
                out[name] = xlsx(data)
            elif fmt == "docx":
                out[name] = docx(data)
            else:
                out[name] = _value(data.decode("utf-8")).splitlines()
    return json.dumps(out, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
