"""Inline SVG charts for the workshop summary: no external assets, every chart with a title
and a description (its text alternative: every figure it shows); each chart's numbers are also
in the summary's lines. Their words are the workshop's (``workshop.chart.*`` in the catalogue), given as
``say`` (``outline.Words``)."""

from __future__ import annotations

import statistics
from collections.abc import Callable

from framework_advisor.domain.workshop import GroupFit, WorkshopSummary
from framework_advisor.safe_text import xml_escape as escape  # never a character XML cannot hold

WIDTH = 640
ROW = 22
LABEL = 190
MAX_PARTICIPANTS = 50


def _svg(chart_id: str, title: str, desc: str, height: int, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="{chart_id}-t {chart_id}-d">'
        f'<title id="{chart_id}-t">{escape(title)}</title>'
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


LABEL_CHARACTERS = 26
"""As many characters as fit left of the bars at 12 px: a longer name is cut with an ellipsis
(its full name is in the bar's tooltip and the table), never at the chart's edge."""


def _cut(text: str) -> str:
    return text if len(text) <= LABEL_CHARACTERS else text[: LABEL_CHARACTERS - 1] + "…"


def _label(g: GroupFit) -> str:
    return _cut(g.short or g.name)


def _text(x: float, y: float, text: str, anchor: str = "start", size: int = 12) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'font-family="sans-serif">{escape(text)}</text>'
    )


Say = Callable[..., str]
"""A workshop word by id, its {placeholders} filled from keyword arguments."""


def consensus_chart(summary: WorkshopSummary, say: Say) -> str:
    items = summary.disagreements
    span = WIDTH - LABEL - 60
    height = ROW * len(items) + 30
    body = []
    for i, d in enumerate(items):
        y = 10 + i * ROW
        colour = "#2e7d32" if d.reached else "#c62828"
        body.append(_text(LABEL - 8, y + 14, _cut(d.label), "end"))
        body.append(
            f'<rect x="{LABEL}" y="{y + 3}" width="{span * d.consensus:.1f}" height="{ROW - 8}" '
            f'fill="{colour}"><title>{escape(d.label)}: {d.consensus:.0%}</title></rect>'
        )
        body.append(_text(LABEL + span * d.consensus + 4, y + 14, f"{d.consensus:.0%}"))
    x = LABEL + span * summary.threshold
    body.append(
        f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{height - 18}" stroke="#333" '
        'stroke-dasharray="4 3"/>'
    )
    body.append(
        _text(
            x,
            height - 4,
            say("chart.threshold", threshold=f"{summary.threshold:.0%}"),
            "middle",
            11,
        )
    )
    desc = "; ".join(
        say(
            "chart.row" if d.reached else "chart.row_below",
            label=d.label,
            value=f"{d.consensus:.0%}",
        )
        for d in items
    )
    return _svg("consensus", say("chart.agreement"), desc, height, body)


def fit_chart(summary: WorkshopSummary, say: Say) -> str:
    items = summary.group_ranking
    span = WIDTH - LABEL - 60
    height = ROW * len(items) + 20
    body = []
    for i, g in enumerate(items):
        y = 10 + i * ROW
        mid = y + ROW / 2 - 1
        body.append(_text(LABEL - 8, y + 14, _label(g), "end"))
        body.append(
            f'<rect x="{LABEL}" y="{y + 3}" width="{span * g.fit / 100:.1f}" height="{ROW - 8}" '
            f'fill="#1565c0"><title>{escape(g.name)}: {g.fit:.1f} ± {g.spread:.1f}</title></rect>'
        )
        low = max(0.0, g.fit - g.spread) / 100 * span + LABEL
        high = min(100.0, g.fit + g.spread) / 100 * span + LABEL
        body.append(
            f'<line x1="{low:.1f}" y1="{mid:.1f}" x2="{high:.1f}" y2="{mid:.1f}" '
            'stroke="#111" stroke-width="2"/>'
        )
        body.append(_text(LABEL + span + 4, y + 14, f"{g.fit:.0f}±{g.spread:.0f}"))
    desc = "; ".join(f"{g.name} {g.fit:.1f} ± {g.spread:.1f}" for g in items)
    return _svg("fits", say("chart.ranking"), desc, height, body)


LEGEND = 26
"""The heat map's legend: what the shades mean."""


def _legend(y: float, say: Say) -> list[str]:
    """Five shades from a fit of 0 to 100, labelled, under the grid."""
    parts = [_text(LABEL - 8, y + 12, say("chart.legend"), "end", 10)]
    for i, fit in enumerate((0, 25, 50, 75, 100)):
        x = LABEL + i * 44
        parts.append(
            f'<rect x="{x}" y="{y}" width="16" height="16" fill="#1565c0" '
            f'fill-opacity="{max(fit, 3) / 100:.2f}"/>'
        )
        parts.append(_text(x + 20, y + 12, str(fit), "start", 10))
    return parts


def participant_chart(summary: WorkshopSummary, say: Say) -> str:
    """Fit per participant as a grid (up to 50 participants); beyond that the distribution
    per framework (minimum, quartiles, maximum)."""
    items = summary.group_ranking
    ids = list(summary.participants_top)
    if len(ids) <= MAX_PARTICIPANTS:
        cell = max(6, min(22, (WIDTH - LABEL - 10) // max(1, len(ids))))
        height = ROW * len(items) + 30 + LEGEND
        body = []
        for col, pid in enumerate(ids):  # the participants' codes (P1, ...), numbers when narrow
            code = pid if cell >= 18 else pid[1:]
            body.append(_text(LABEL + col * cell + cell / 2, 12, code, "middle", 9))
        body += _legend(18 + ROW * len(items) + 10, say)
        for row, g in enumerate(items):
            y = 18 + row * ROW
            body.append(_text(LABEL - 8, y + 14, _label(g), "end"))
            for col, (pid, fit) in enumerate(zip(ids, g.fits, strict=False)):
                body.append(
                    f'<rect x="{LABEL + col * cell}" y="{y + 2}" width="{cell - 1}" '
                    f'height="{ROW - 4}" fill="#1565c0" fill-opacity="{max(fit, 3) / 100:.2f}">'
                    f"<title>{escape(pid)} {escape(g.name)}: {fit}</title></rect>"
                )
        desc = "; ".join(
            f"{g.name}: " + ", ".join(f"{pid} {fit}" for pid, fit in zip(ids, g.fits, strict=False))
            for g in items
        )
        return _svg("participants", say("chart.participants"), desc, height, body)
    span = WIDTH - LABEL - 60
    height = ROW * len(items) + 20
    body = []
    parts = []
    for row, g in enumerate(items):
        y = 10 + row * ROW
        mid = y + ROW / 2 - 1
        q1, q2, q3 = statistics.quantiles(g.fits, n=4) if len(g.fits) > 1 else (g.fits[0],) * 3
        lo, hi = min(g.fits), max(g.fits)

        def x(value: float) -> float:
            return LABEL + span * value / 100

        body.append(_text(LABEL - 8, y + 14, _label(g), "end"))
        body.append(
            f'<line x1="{x(lo):.1f}" y1="{mid}" x2="{x(hi):.1f}" y2="{mid}" stroke="#111"/>'
        )
        body.append(
            f'<rect x="{x(q1):.1f}" y="{y + 4}" width="{x(q3) - x(q1):.1f}" height="{ROW - 10}" '
            f'fill="#90caf9" stroke="#111"/>'
        )
        body.append(
            f'<line x1="{x(q2):.1f}" y1="{y + 3}" x2="{x(q2):.1f}" y2="{y + ROW - 5}" stroke="#111" stroke-width="2"/>'
        )
        parts.append(
            say(
                "chart.distribution_row",
                name=g.name,
                low=lo,
                q1=f"{q1:.0f}",
                q2=f"{q2:.0f}",
                q3=f"{q3:.0f}",
                high=hi,
            )
        )
    return _svg(
        "participants", say("chart.distribution", count=len(ids)), "; ".join(parts), height, body
    )
