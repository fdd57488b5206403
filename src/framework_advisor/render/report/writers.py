"""The report in each format: its data laid out once as blocks (``document``, in the order and
words of ``knowledge/report.yaml``), then drawn by the document writers (``render.document``).
The registry (``render.formats``) names the renderers below."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from framework_advisor.render.report import report_renderer

if TYPE_CHECKING:
    from framework_advisor.domain.recommendation import Recommendation
    from framework_advisor.domain.report_layout import ReportLayout
    from framework_advisor.render.document.blocks import Document
    from framework_advisor.render.report.data import ReportData

FONTS = str(Path(__file__).with_name("fonts"))
"""The bundled sans family (Source Sans Pro, OFL) for the PDF and the charts; scripts it lacks
fall back to system fonts."""


def report_blocks(data: ReportData, layout: ReportLayout) -> Document:
    from framework_advisor.render.report.document import report_document

    return report_document(data, layout)


def render_data(data: ReportData, layout: ReportLayout, fmt: str) -> str | bytes:
    """The report's data drawn as ``fmt`` (md, html, pdf or docx)."""
    from framework_advisor.render.document.draw import Assets, draw

    return draw(report_blocks(data, layout), fmt, Assets("report.css", (FONTS,)))


def _renderer(fmt: str) -> Any:
    def lay_out(data: ReportData, _rec: Recommendation, *, layout: ReportLayout, **_: Any) -> Any:
        return render_data(data, layout, fmt)

    lay_out.__doc__ = f"The report as {fmt}."
    return report_renderer(lay_out)


markdown = _renderer("md")
html = _renderer("html")
pdf = _renderer("pdf")
docx = _renderer("docx")
