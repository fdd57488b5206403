"""The report's charts as SVG: the ranking as horizontal bars and phase one's meetings as a month
at a glance. Pure and deterministic (report data in, SVG text out): no script, no external asset,
every text escaped. Each chart carries its text alternative (``role="img"``, ``aria-label``,
``<title>``, ``<desc>``), and a table beside it in the report holds the same facts. The HTML
report inlines the SVG; the PDF embeds the same text through Typst's ``image``."""

from __future__ import annotations

import unicodedata

from msgspec import Struct

from framework_advisor.domain.report_layout import ReportLayout
from framework_advisor.render.report.chart_data import ChartMeeting
from framework_advisor.render.report.data import ReportData
from framework_advisor.render.report.look import mix
from framework_advisor.safe_text import xml_escape as escape  # never a character XML cannot hold

WIDTH = 640
FONT = "'Source Sans Pro', 'Source Sans 3', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif"
INK = "#1d2330"
MUTED = "#5b6472"
GRID = "#dde2e9"
OTHER_BAR = "#c3cad5"
SVG_NS = "http://www.w3.org/2000/svg"


class Chart(Struct, frozen=True):
    svg: str
    """A standalone SVG document (with its namespace); empty when there is nothing to draw."""
    title: str
    alt: str
    """The text alternative: every fact the chart shows, as sentences (also its ``<desc>``)."""


class ReportCharts(Struct, frozen=True):
    ranking: Chart
    calendar: Chart


def report_charts(data: ReportData, layout: ReportLayout) -> ReportCharts:
    """Both charts, in report.yaml's words (its ``text``: titles, legends, days, notes)."""
    return ReportCharts(ranking=ranking_chart(data, layout), calendar=calendar_chart(data, layout))


def inline(chart: Chart) -> str:
    """The chart for an HTML page: the SVG element without its namespace (HTML supplies it)."""
    if not chart.svg:
        return ""
    svg = chart.svg.replace(f' xmlns="{SVG_NS}"', "", 1)
    return f'<figure class="chart">{svg}</figure>'


# Text ---------------------------------------------------------------------------------------

_NARROW = set("fijlrtI.,:;'!|()[]{}/ -")
_WIDE = set("mwMW@%")


def text_width(text: str, size: float, bold: bool = False) -> float:
    """An estimate, on the wide side, of the width of ``text`` in a sans at ``size``."""
    total = 0.0
    for char in text:
        if unicodedata.east_asian_width(char) in "WF":
            total += 1.0
        elif char in _NARROW:
            total += 0.3
        elif char in _WIDE:
            total += 0.85
        elif char.isupper():
            total += 0.66  # capitals run wide ("OKR"): the estimate stays on the wide side
        elif char.isdigit():
            total += 0.6
        else:
            total += 0.52
    return total * size * (1.06 if bold else 1.0)


def fit_text(text: str, width: float, size: float, bold: bool = False) -> str:
    """``text`` cut with an ellipsis to fit ``width``."""
    if text_width(text, size, bold) <= width:
        return text
    text = text[: int(width / (0.3 * size)) + 1]  # no more fits (a long name: few steps back)
    while text and text_width(text + "…", size, bold) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def wrap(text: str, width: float, size: float, lines: int) -> list[str]:
    """``text`` in at most ``lines`` lines of ``width``; the last one cut if it must be."""
    out: list[str] = []
    words = text.split()
    while words and len(out) < lines:
        line = words.pop(0)
        while words and text_width(f"{line} {words[0]}", size) <= width:
            line += " " + words.pop(0)
        out.append(line)
    if words:
        out[-1] = fit_text(f"{out[-1]} {' '.join(words)}", width, size)
    return [fit_text(line, width, size) for line in out]


def _text(x: float, y: float, text: str, size: float = 10, **attrs: str) -> str:
    extra = "".join(f' {key.replace("_", "-")}="{escape(value)}"' for key, value in attrs.items())
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}"{extra}>{escape(text)}</text>'


def _svg(chart_id: str, height: float, title: str, alt: str, body: list[str]) -> Chart:
    svg = (
        f'<svg xmlns="{SVG_NS}" role="img" width="{WIDTH}" height="{height:.0f}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" aria-label="{escape(title)}" '
        f'aria-describedby="{chart_id}-desc" font-family="{FONT}" fill="{INK}">'
        f"<title>{escape(title)}</title>"
        f'<desc id="{chart_id}-desc">{escape(alt)}</desc>' + "".join(body) + "</svg>"
    )
    return Chart(svg=svg, title=title, alt=alt)


# The ranking --------------------------------------------------------------------------------

ROW = 16
BAR = 11
MIN_LABEL, MAX_LABEL = 60, 200
"""The label column's width: as the longest short name needs, within these bounds."""


def ranking_chart(data: ReportData, layout: ReportLayout) -> Chart:
    say = layout.sentence
    bars = data.charts.bars
    title = say("chart_ranking_title")
    if not bars:
        return Chart("", title, "")
    accent = data.colours.accent
    later = mix(accent, 0.45)
    longest = max(text_width(bar.label, 10, bar.phase == 1) for bar in bars)
    left, right = round(min(MAX_LABEL, max(MIN_LABEL, longest + 14))), WIDTH - 34
    span = right - left
    top = 26
    height = top + ROW * len(bars) + 22
    roles = [(accent, say("legend_mix"), 1), (later, say("legend_later"), 2),
             (OTHER_BAR, say("legend_not_advised"), 0)]  # fmt: skip
    shown = {min(bar.phase, 2) for bar in bars}
    body = [_legend(10, [(colour, words) for colour, words, role in roles if role in shown], left)]
    for tick in (0, 25, 50, 75, 100):
        x = left + span * tick / 100
        bottom = top + ROW * len(bars)
        body.append(
            f'<line x1="{x:.1f}" y1="{top - 3}" x2="{x:.1f}" y2="{bottom + 2}" stroke="{GRID}" '
            'stroke-width="1"/>'
        )
        body.append(_text(x, bottom + 14, str(tick), 9, text_anchor="middle", fill=MUTED))
    for index, bar in enumerate(bars):
        y = top + index * ROW
        colour = accent if bar.phase == 1 else later if bar.phase > 1 else OTHER_BAR
        weight = {"font_weight": "600"} if bar.phase == 1 else {}
        label = fit_text(bar.label, left - 12, 10, bar.phase == 1)
        body.append(_text(left - 8, y + 11, label, 10, text_anchor="end", **weight))
        width = span * max(0, min(100, bar.fit)) / 100
        body.append(
            f'<rect x="{left}" y="{y + (ROW - BAR) / 2:.1f}" width="{width:.1f}" height="{BAR}" '
            f'rx="1.5" fill="{colour}"><title>{escape(_bar_words(bar.name, bar.fit, bar.phase, layout))}'
            "</title></rect>"
        )
        body.append(_text(left + width + 4, y + 11, str(bar.fit), 9.5, fill=INK))
    words = "; ".join(_bar_words(bar.name, bar.fit, bar.phase, layout) for bar in bars)
    alt = say("chart_ranking_alt", bars=words)
    return _svg("chart-ranking", height, title, alt, body)


def _bar_words(name: str, fit: int, phase: int, layout: ReportLayout) -> str:
    key = "bar_mix" if phase == 1 else "bar_later" if phase > 1 else "bar_not_advised"
    return layout.sentence(key, name=name, fit=fit, phase=phase)


def _legend(y: float, items: list[tuple[str, str]], x: float) -> str:
    parts = []
    for colour, words in items:
        parts.append(
            f'<rect x="{x:.1f}" y="{y - 8}" width="10" height="10" rx="1.5" fill="{colour}"/>'
        )
        parts.append(_text(x + 14, y + 1, words, 9.5, fill=MUTED))
        x += 14 + text_width(words, 9.5) + 16
    return "".join(parts)


# The calendar -------------------------------------------------------------------------------

WEEKS = 4
"""The first month of phase one: the weeks of the rollout plan's first month."""
DAYS = 5
"""The working week the calendar draws: report.yaml names each day (``day_short_<n>`` on the
chart, ``day_<n>`` in its text alternative)."""
FREQUENCIES = ("daily", "weekly", "biweekly", "monthly", "quarterly", "annual")
"""The frequencies report.yaml says (``how_often_<frequency>``); another is capitalised."""
WEEK_LABEL = 58
CHIP_LINE = 10.5
CHIP_GAP = 3
FREQUENCY_COLOURS = {
    "daily": "#475569",
    "biweekly": "#0f766e",
    "monthly": "#6d28d9",
    "quarterly": "#b45309",
}
"""Weekly meetings take the report's accent colour."""
PLACES: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    # frequency: (the weeks it meets, the weekdays its first, second, ... meeting takes)
    "daily": ((1, 2, 3, 4), ()),
    "weekly": ((1, 2, 3, 4), (0, 2, 4, 1, 3)),
    "biweekly": ((1, 3), (1, 3, 0, 2, 4)),
    "monthly": ((4,), (3, 1, 4, 2, 0)),
    "quarterly": ((1,), (1, 3, 2, 4, 0)),
}
"""Quarterly meetings open the quarter (week 1), monthly ones close the month (week 4)."""


class _Placed(Struct, frozen=True):
    meeting: ChartMeeting
    weeks: tuple[int, ...]
    days: tuple[int, ...]


def _place(meetings: list[ChartMeeting]) -> tuple[list[_Placed], list[ChartMeeting]]:
    placed, elsewhere = [], []
    count: dict[str, int] = {}
    for meeting in meetings:
        place = PLACES.get(meeting.frequency)
        if place is None:
            elsewhere.append(meeting)
            continue
        weeks, days = place
        k = count.get(meeting.frequency, 0)
        count[meeting.frequency] = k + 1
        chosen = tuple(range(DAYS)) if not days else (days[k % len(days)],)
        placed.append(_Placed(meeting, weeks, chosen))
    return placed, elsewhere


def calendar_chart(data: ReportData, layout: ReportLayout) -> Chart:
    say = layout.sentence
    meetings = data.charts.meetings
    title = say("chart_calendar_title")
    if not meetings:
        return Chart("", title, "")
    colours = {**FREQUENCY_COLOURS, "weekly": data.colours.accent}
    placed, elsewhere = _place(meetings)
    left = WEEK_LABEL
    column = (WIDTH - left) / DAYS
    inner = column - 6 - 10  # chip margins and its padding
    cells: dict[tuple[int, int], list[tuple[ChartMeeting, list[str]]]] = {}
    for item in placed:
        lines = wrap(item.meeting.ritual, inner, 9, 2)
        for week in item.weeks:
            for day in item.days:
                cells.setdefault((week, day), []).append((item.meeting, lines))
    frequencies = list(dict.fromkeys(item.meeting.frequency for item in placed))
    body = [
        _legend(10, [(colours[f], _how_often(f, layout)) for f in frequencies], x=left),
    ]
    top = 22
    body.append(f'<rect x="{left}" y="{top}" width="{WIDTH - left}" height="18" fill="#eef2f8"/>')
    for day in range(DAYS):
        name = say(f"day_short_{day + 1}")
        body.append(_text(left + column * day + column / 2, top + 13, name, 9.5, text_anchor="middle",
                          font_weight="600"))  # fmt: skip
    y: float = top + 18
    for week in range(1, WEEKS + 1):
        chips = [cells.get((week, day), []) for day in range(DAYS)]
        height = max(
            30, *(sum(_chip_height(lines) + CHIP_GAP for _, lines in cell) + 4 for cell in chips)
        )
        body.append(
            _text(6, y + 15, say("week_label", week=week), 9.5, font_weight="600", fill=MUTED)
        )
        for day, cell in enumerate(chips):
            x = left + column * day
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{column:.1f}" height="{height:.1f}" '
                f'fill="none" stroke="{GRID}"/>'
            )
            chip_y = y + 3
            for meeting, lines in cell:
                body.append(_chip(x + 3, chip_y, column - 6, meeting, lines, colours, layout))
                chip_y += _chip_height(lines) + CHIP_GAP
        y += height
    notes = []
    if any(item.meeting.frequency == "quarterly" for item in placed):
        notes.append(say("calendar_quarterly_note"))
    for meeting in elsewhere:
        notes.append(
            say(
                "calendar_not_shown",
                how_often=_how_often(meeting.frequency, layout),
                ritual=meeting.ritual,
                minutes=meeting.minutes,
                serves=", ".join(meeting.serves),
            )
        )
    y += 14 if notes else 4
    for note in notes:
        for line in wrap(note, WIDTH - 12, 9.5, 3):
            body.append(_text(6, y, line, 9.5, fill=MUTED))
            y += 13
    alt = _calendar_words(placed, elsewhere, data.charts.minutes_per_month, layout)
    return _svg("chart-calendar", y, title, alt, body)


def _chip_height(lines: list[str]) -> float:
    return CHIP_LINE * (len(lines) + 1) + 5


def _chip(
    x: float,
    y: float,
    width: float,
    meeting: ChartMeeting,
    lines: list[str],
    colours: dict,
    layout: ReportLayout,
) -> str:
    colour = colours.get(meeting.frequency, MUTED)
    height = _chip_height(lines)
    parts = [
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" rx="2" '
        f'fill="{mix(colour, 0.13)}"/>',
        f'<rect x="{x:.1f}" y="{y:.1f}" width="3" height="{height:.1f}" fill="{colour}"/>',
        f"<title>{escape(_meeting_words(meeting, layout))}</title>",
    ]
    line_y = y + CHIP_LINE
    for line in lines:
        parts.append(_text(x + 7, line_y, line, 9))
        line_y += CHIP_LINE
    minutes = layout.sentence("minutes_short", minutes=meeting.minutes)
    parts.append(_text(x + 7, line_y, minutes, 8.5, fill=MUTED))
    return "<g>" + "".join(parts) + "</g>"


def _how_often(frequency: str, layout: ReportLayout) -> str:
    if frequency in FREQUENCIES:
        return layout.sentence(f"how_often_{frequency}")
    return frequency.capitalize()


def _meeting_words(meeting: ChartMeeting, layout: ReportLayout) -> str:
    return layout.sentence(
        "meeting_words",
        ritual=meeting.ritual,
        serves=", ".join(meeting.serves),
        minutes=meeting.minutes,
    )


def _calendar_words(
    placed: list[_Placed], elsewhere: list[ChartMeeting], minutes: int, layout: ReportLayout
) -> str:
    say = layout.sentence
    parts = []
    for item in placed:
        frequency = item.meeting.frequency
        day = say(f"day_{item.days[0] + 1}")
        if frequency == "daily":
            when = say("every_weekday")
        elif frequency == "weekly":
            when = say("every_day", day=day)
        else:
            weeks = f" {say('and')} ".join(str(w) for w in item.weeks)
            how_often = _how_often(frequency, layout).lower()
            when = say("on_day_of_week", how_often=how_often, day=day, weeks=weeks)
        parts.append(f"{_meeting_words(item.meeting, layout)}, {when}")
    for meeting in elsewhere:
        how_often = _how_often(meeting.frequency, layout).lower()
        parts.append(f"{_meeting_words(meeting, layout)}, {how_often}")
    return say("chart_calendar_alt", meetings="; ".join(parts), minutes=minutes)
