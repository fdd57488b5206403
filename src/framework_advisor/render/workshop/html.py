"""The workshop summary as one self-contained HTML page (Jinja, autoescaped; inline SVG)."""

from __future__ import annotations

from collections.abc import Mapping

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from framework_advisor.domain.workshop import WorkshopSummary
from framework_advisor.render.workshop import participant_label
from framework_advisor.render.workshop.charts import consensus_chart, fit_chart, participant_chart
from framework_advisor.render.workshop.outline import Prepared


def html_summary(
    summary: WorkshopSummary,
    names: dict[str, str],
    words: Mapping[str, str],
    prepared: Prepared | None = None,
) -> str:
    from framework_advisor.render.workshop.outline import (
        Words,
        agenda_rows,
        also_differs,
        kendall_line,
        measured,
        opening,
        rounds,
        to_settle,
    )

    said = Words(words, names, prepared)
    environment = Environment(
        loader=PackageLoader("framework_advisor.render.workshop", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    template = environment.get_template("summary.html.j2")
    return template.render(
        s=summary,
        title=f"Workshop: {summary.title}" if summary.title else "Workshop",
        names=names,
        opening=opening(summary, said),
        # the brand's colours: #rrggbb only, never anything else in a style sheet
        primary=_hex(said.prepared.primary, Prepared().primary),
        accent=_hex(said.prepared.accent, Prepared().accent),
        agenda_heading=said("agenda.heading", minutes=summary.minutes),
        agenda=agenda_rows(summary, said),
        settle=to_settle(summary, said),
        rounds=rounds(summary, said),
        people_heading=said("people.heading"),
        measured=measured(summary, said),
        kendall=kendall_line(summary, said),
        level=said.level,
        figure=lambda d: said(f"measured.{d.statistic}"),
        also=also_differs(summary, said),
        label=lambda pid: participant_label(summary, pid),
        # the charts escape every text they hold (charts.py)
        consensus_chart=Markup(consensus_chart(summary)),
        fit_chart=Markup(fit_chart(summary)),
        participant_chart=Markup(participant_chart(summary)),
    )


def _hex(colour: str, default: str) -> str:
    import re

    return colour if re.fullmatch(r"#[0-9a-fA-F]{6}", colour) else default
