"""The report in Markdown and HTML: one template (report.j2) with each format's building blocks."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from framework_advisor.domain.recommendation import Recommendation
from framework_advisor.render.report import report_renderer
from framework_advisor.render.report.data import SECTION_TITLES, ReportData
from framework_advisor.render.report.environment import report_environment

if TYPE_CHECKING:
    from jinja2.bccache import BytecodeCache

_FENCE = re.compile(r"^(`{3,})")


def render_data(data: ReportData, fmt: str, bytecode_cache: BytecodeCache | None = None) -> str:
    """Lay out a ReportData as ``fmt`` (md or html)."""
    template = report_environment(fmt, bytecode_cache).get_template("report.j2")
    text = template.render(
        data=data, titles=SECTION_TITLES, macros=f"{fmt}.j2", charts=_charts(data, fmt)
    )
    return _tidy_markdown(text) if fmt == "md" else _tidy_html(text)


def _charts(data: ReportData, fmt: str) -> dict[str, str]:
    """The charts as inline SVG for HTML; Markdown has none (its tables say the same)."""
    if fmt != "html":
        return {"ranking": "", "calendar": ""}
    from markupsafe import Markup

    from framework_advisor.render.report.charts import inline, report_charts

    charts = report_charts(data)
    # The SVG is built from escaped text only (charts.py).
    return {"ranking": Markup(inline(charts.ranking)), "calendar": Markup(inline(charts.calendar))}


def _markdown(data: ReportData, _rec: Recommendation, **options: Any) -> str:
    """The report in Markdown."""
    return render_data(data, "md", options.get("bytecode_cache"))


def _html(data: ReportData, _rec: Recommendation, **options: Any) -> str:
    """The report as one self-contained HTML page."""
    return render_data(data, "html", options.get("bytecode_cache"))


markdown = report_renderer(_markdown)
html = report_renderer(_html)


def _tidy_markdown(text: str) -> str:
    """One blank line between blocks, none at the ends, no trailing spaces; code kept as is."""
    out: list[str] = []
    fence = ""
    for line in text.splitlines():
        if fence:
            out.append(line)
            if line == fence:
                fence = ""
            continue
        line = line.rstrip()
        match = _FENCE.match(line)
        if match:
            fence = match.group(1)
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


_PRE = re.compile(r"(<pre\b.*?</pre>)", re.DOTALL)


def _tidy_html(text: str) -> str:
    """Drop the blank lines the templates leave, except inside <pre>."""
    parts = _PRE.split(text)
    for index in range(0, len(parts), 2):
        parts[index] = "\n".join(line for line in parts[index].splitlines() if line.strip())
    return "\n".join(part.strip("\n") for part in parts if part.strip("\n")).strip() + "\n"
