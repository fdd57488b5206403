"""Everything a report shows, as typed data: built once (``build``), then laid out by each
format. One module per part of the report; the types are in ``model``."""

from framework_advisor.domain.framework import short_name
from framework_advisor.render.report.data.build import build_report, report_data
from framework_advisor.render.report.data.model import (
    FIRST_APPENDIX,
    SECTION_TITLES,
    SECTIONS,
    ReportData,
)

__all__ = [
    "FIRST_APPENDIX",
    "SECTIONS",
    "SECTION_TITLES",
    "ReportData",
    "build_report",
    "report_data",
    "short_name",
]
