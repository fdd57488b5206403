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

CHARTS_PNG = b"""#set page(width: auto, height: auto, margin: 0pt, fill: white)
#let charts = json(bytes(sys.inputs.svgs))
#for (index, svg) in charts.enumerate() {
  if index > 0 { pagebreak() }
  image(bytes(svg), format: "svg", width: float(sys.inputs.width) * 1pt)
}
"""
"""Charts, nothing else: each page is one picture."""


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


def chart_pngs(svgs: list[str], width_pt: float, assets: Assets, ppi: int = 200) -> list[bytes]:
    """Charts' SVG (drawn once, by the document) as PNGs ``width_pt`` wide, for Word: one
    Typst run for them all (each run looks up the system's fonts)."""
    if not svgs:
        return []
    typst = _typst()
    result = typst.compile(
        CHARTS_PNG,
        format="png",
        ppi=ppi,
        font_paths=list(assets.font_paths),
        sys_inputs={"svgs": msgspec.json.encode(svgs).decode(), "width": str(width_pt)},
    )
    pages = result if isinstance(result, list) else [result]
    assert len(pages) == len(svgs) and all(isinstance(page, bytes) for page in pages)
    return pages


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
