"""The report as a Word document: the report's blocks drawn by ``render.document.word``, the
same sections, tables, charts and page breaks as the PDF, in the same colours."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from framework_advisor.render.report import report_renderer

if TYPE_CHECKING:
    from framework_advisor.domain.recommendation import Recommendation
    from framework_advisor.domain.report_layout import ReportLayout
    from framework_advisor.render.report.data import ReportData


def render_data(data: ReportData, layout: ReportLayout) -> bytes:
    from framework_advisor.render.document.word import word
    from framework_advisor.render.report.pdf import FONTS
    from framework_advisor.render.report.writers import report_blocks

    return word(report_blocks(data, layout), [FONTS])


def _docx(data: ReportData, _rec: Recommendation, *, layout: ReportLayout, **_: Any) -> bytes:
    return render_data(data, layout)


docx = report_renderer(_docx)
