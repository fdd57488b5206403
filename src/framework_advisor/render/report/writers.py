"""The report in each format: its data laid out once as blocks (``document``), then drawn by
the document writers (``render.document``). The registry (``render.formats``) names these."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from framework_advisor.render.report import report_renderer

if TYPE_CHECKING:
    from framework_advisor.domain.recommendation import Recommendation
    from framework_advisor.domain.report_layout import ReportLayout
    from framework_advisor.render.document.blocks import Document
    from framework_advisor.render.report.data import ReportData


def report_blocks(data: ReportData, layout: ReportLayout) -> Document:
    from framework_advisor.render.report.document import report_document

    return report_document(data, layout)


def _markdown(data: ReportData, _rec: Recommendation, *, layout: ReportLayout, **_: Any) -> str:
    """The report in Markdown."""
    from framework_advisor.render.document.markdown import markdown

    return markdown(report_blocks(data, layout))


def _html(data: ReportData, _rec: Recommendation, *, layout: ReportLayout, **_: Any) -> str:
    """The report as one self-contained HTML page."""
    from framework_advisor.render.document.html import html

    return html(report_blocks(data, layout), "report.css")


markdown = report_renderer(_markdown)
html = report_renderer(_html)
