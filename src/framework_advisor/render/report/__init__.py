"""The recommendation report: one typed ReportData (``data``), laid out once as a document of
blocks (``document``, in the order and words of ``knowledge/report.yaml``) and drawn as Markdown,
HTML, PDF and Word by the document writers of ``render.document`` (``writers``); JSON
(``jsonreport``) serialises the data itself. Nothing here is imported by `recommend` or
`whatif`: the registry in ``render.formats`` imports a renderer only when it is used.

Each format is a function from ReportData (and the recommendation it came from) to text or
bytes; ``report_renderer`` turns one into the registry's signature, so the way from a
recommendation to ReportData is written once."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from framework_advisor.domain.knowledge import KnowledgeBase
    from framework_advisor.domain.recommendation import Recommendation
    from framework_advisor.render.report.data import ReportData

LayOut = Callable[..., "str | bytes"]
"""(ReportData, the recommendation, ``layout=`` the knowledge base's report layout, format
options) -> the report in one format."""


REPORT_OPTIONS = ("answers", "facts", "examples", "brand", "today", "note", "goals")
"""What ``report_data`` takes beside the recommendation; every other option is the format's."""


def report_renderer(lay_out: LayOut) -> Callable[..., str | bytes]:
    """The registry's report renderer for a format that lays out ReportData."""

    def render(rec: Recommendation, kb: KnowledgeBase, **options: Any) -> str | bytes:
        from framework_advisor.render.report.data import report_data

        given = {name: options.pop(name) for name in REPORT_OPTIONS if name in options}
        data: ReportData = report_data(rec, kb, **given)
        return lay_out(data, rec, layout=kb.report, **options)

    render.__doc__ = lay_out.__doc__
    return render
