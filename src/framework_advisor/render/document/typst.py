"""Blocks laid out by Typst: an A4 PDF (``typst/document.typ``), and a chart's SVG as PNG for
formats that embed pictures (Word).

Typst (the ``typst`` package, a self-contained wheel) is imported only here, when asked for: no
system library, no network. The document goes in as JSON through ``sys.inputs`` and the
template reads it with ``json()``, so no text is ever read as Typst markup."""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import cache
from importlib.resources import files
from typing import Any

import msgspec

from framework_advisor.errors import MissingDependencyError
from framework_advisor.render.document.blocks import Document
from framework_advisor.render.document.draw import Assets

CHART_PNG = b"""#set page(width: auto, height: auto, margin: 0pt, fill: white)
#image(bytes(sys.inputs.svg), format: "svg", width: float(sys.inputs.width) * 1pt)
"""
"""One chart, nothing else: the page is the picture."""


def pdf(document: Document, assets: Assets) -> bytes:
    """The document as an A4 PDF; its date is the file's creation time (same input, same
    file)."""
    typst = _typst()
    payload = msgspec.json.encode(document).decode()
    result = typst.compile(
        _template(),
        font_paths=list(assets.font_paths),
        sys_inputs={"document": payload},
        timestamp=_timestamp(document.date),
    )
    assert isinstance(result, bytes)
    return result


def chart_png(svg: str, width_pt: float, assets: Assets, ppi: int = 200) -> bytes:
    """A chart's SVG (drawn once, by the report) as a PNG ``width_pt`` wide, for Word."""
    typst = _typst()
    result = typst.compile(
        CHART_PNG,
        format="png",
        ppi=ppi,
        font_paths=list(assets.font_paths),
        sys_inputs={"svg": svg, "width": str(width_pt)},
    )
    assert isinstance(result, bytes)
    return result


def _typst() -> Any:
    try:
        import typst
    except ImportError:
        raise MissingDependencyError(
            "PDF reports need the Python package typst: pip install typst"
        ) from None
    return typst


@cache
def _template() -> bytes:
    return (files("framework_advisor.render.document") / "typst" / "document.typ").read_bytes()


def _timestamp(iso_date: str) -> int | None:
    if not iso_date:
        return None
    day = date.fromisoformat(iso_date)
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())
