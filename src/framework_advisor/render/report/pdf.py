"""The report as PDF (A4): the report's data laid out by Typst with ``templates/report.typ``.

Typst (the ``typst`` package, a self-contained wheel) is imported only here, when a PDF is
asked for: no system library, no network, no font to install (the text font ships in
``fonts/``). The data goes in as JSON through ``sys.inputs`` and the template reads it with
``json()``, so text from the answers, the brand or a knowledge pack is never interpreted as Typst
markup; the charts go in the same way, as SVG text that ``image`` reads."""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib.resources import files
from pathlib import Path

import msgspec

from framework_advisor.errors import MissingDependencyError
from framework_advisor.render.report import report_renderer
from framework_advisor.render.report.data import SECTION_TITLES, ReportData

TEMPLATE = "report.typ"
FONTS = str(Path(__file__).with_name("fonts"))
"""The bundled sans family (Source Sans Pro, OFL); scripts it lacks fall back to system fonts."""


def render_data(data: ReportData) -> bytes:
    """Lay out a ReportData as an A4 PDF."""
    try:
        import typst
    except ImportError:
        raise MissingDependencyError(
            "PDF reports need the Python package typst: pip install typst"
        ) from None
    from framework_advisor.render.report.charts import report_charts

    charts = report_charts(data)
    payload = msgspec.json.encode(
        {"data": data, "titles": SECTION_TITLES, "charts": charts}
    ).decode()
    # typst's stub gives the template (bytes) and the font paths (str) one type variable
    result = typst.compile(  # type: ignore[misc]
        _template(),
        font_paths=[FONTS],
        sys_inputs={"report": payload},
        timestamp=_timestamp(data),
    )
    assert isinstance(result, bytes)
    return result


@cache
def _template() -> bytes:
    return (files("framework_advisor.render.report") / "templates" / TEMPLATE).read_bytes()


def _timestamp(data: ReportData) -> int:
    """The report's date as the PDF's creation time: the same answers and date give the same
    file."""
    from datetime import UTC, datetime

    day = date.fromisoformat(data.provenance.date)
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())


pdf = report_renderer(lambda data, _rec, **_: render_data(data))
