"""Everything a report shows, as typed data: built once (``build``), then laid out by each
format. One module per part of the report; the types are in ``model``. The sections' order and
titles are the knowledge base's (``knowledge/report.yaml``)."""

from framework_advisor.domain.framework import short_name
from framework_advisor.render.report.data.build import build_report, report_data
from framework_advisor.render.report.data.model import ReportData

__all__ = [
    "ReportData",
    "build_report",
    "report_data",
    "short_name",
]
