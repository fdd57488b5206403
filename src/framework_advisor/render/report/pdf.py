"""The report as PDF (A4): the report's blocks laid out by Typst (``render.document.typst``),
in the bundled text font (``fonts/``: Source Sans Pro, OFL); scripts it lacks fall back to
system fonts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from framework_advisor.render.report import report_renderer

if TYPE_CHECKING:
    from framework_advisor.domain.recommendation import Recommendation
    from framework_advisor.domain.report_layout import ReportLayout
    from framework_advisor.render.report.data import ReportData

FONTS = str(Path(__file__).with_name("fonts"))
"""The bundled sans family (Source Sans Pro, OFL); scripts it lacks fall back to system fonts."""


def render_data(data: ReportData, layout: ReportLayout) -> bytes:
    """Lay out a ReportData as an A4 PDF."""
    from framework_advisor.render.document.typst import pdf as typst_pdf
    from framework_advisor.render.report.writers import report_blocks

    return typst_pdf(report_blocks(data, layout), [FONTS])


def _pdf(data: ReportData, _rec: Recommendation, *, layout: ReportLayout, **_: Any) -> bytes:
    return render_data(data, layout)


pdf = report_renderer(_pdf)
