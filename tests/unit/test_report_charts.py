"""The report's charts (render/report/charts.py): the ranking's bars and phase one's month of
meetings as SVG, with their text alternatives; escaped, deterministic, with nothing external."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import msgspec
import pytest

from framework_advisor.engine.examples import select_examples
from framework_advisor.engine.recommend import recommend
from framework_advisor.engine.rollout import report_facts
from framework_advisor.render.report.chart_data import ChartBar, ChartMeeting
from framework_advisor.render.report.charts import (
    SVG_NS,
    calendar_chart,
    inline,
    ranking_chart,
    report_charts,
    text_width,
    wrap,
)
from framework_advisor.render.report.data import ReportData, report_data
from framework_advisor.storage import read_answers
from tests.conftest import ROOT, SAMPLES

from .hostile import run

NS = {"svg": SVG_NS}
HOSTILE = '<script>alert(1)</script> & "Evil" </text><svg onload=alert(2)>'
TODAY = date(2026, 1, 15)


def _data(kb, sample: str = "sales-led") -> ReportData:  # type: ignore[no-untyped-def]
    answers = read_answers(kb, SAMPLES / f"{sample}.yaml").answers
    rec = recommend(kb, answers)
    return report_data(
        rec,
        kb,
        answers=answers,
        today=TODAY,
        facts=report_facts(kb, rec),
        examples=select_examples(kb, answers),
    )


def _with_charts(data: ReportData, **changes) -> ReportData:  # type: ignore[no-untyped-def]
    return msgspec.structs.replace(data, charts=msgspec.structs.replace(data.charts, **changes))


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{{{SVG_NS}}}svg"
    return root


def _texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{{{SVG_NS}}}text")]


def _assert_accessible(svg: str, title: str) -> ET.Element:
    root = _parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-label") == title
    assert root.find("svg:title", NS).text == title  # type: ignore[union-attr]
    desc = root.find("svg:desc", NS)
    assert desc is not None and desc.get("id") == root.get("aria-describedby")
    assert len(desc.text or "") > 40
    return root


def _assert_self_contained(svg: str) -> None:
    bare = svg.replace(f'xmlns="{SVG_NS}"', "")
    for external in ("href", "http", "url(", "@import"):
        assert external not in bare, external
    for element in ET.fromstring(svg).iter():  # no event handlers, no scripts
        assert not any(name.lower().startswith("on") for name in element.attrib)
        assert element.tag.split("}")[-1] not in ("script", "foreignObject", "image", "a")


@pytest.mark.parametrize("sample", ["startup", "sales-led", "manufacturer"])
def test_the_ranking_chart_draws_every_framework_with_its_fit(kb, sample: str) -> None:  # type: ignore[no-untyped-def]
    data = _data(kb, sample)
    chart = ranking_chart(data, kb.report)
    root = _assert_accessible(chart.svg, "Fit of every framework, 0 to 100")
    _assert_self_contained(chart.svg)
    bars = [r for r in root.iter(f"{{{SVG_NS}}}rect") if r.find("svg:title", NS) is not None]
    assert len(bars) == len(data.ranking)
    widths = [float(bar.get("width", 0)) for bar in bars]
    assert widths == sorted(widths, reverse=True)  # best first
    texts = _texts(root)
    for row, bar in zip(data.ranking, bars, strict=True):
        assert str(row.fit) in texts
        assert row.name in (bar.find("svg:title", NS).text or "")  # type: ignore[union-attr]
        assert f"{row.name} {row.fit}" in chart.alt
        expected = data.colours.accent if row.in_mix else None
        if expected:
            assert bar.get("fill") == expected
    assert chart.alt == root.find("svg:desc", NS).text  # type: ignore[union-attr]


def test_mix_members_are_highlighted_and_named_by_short_name(kb) -> None:  # type: ignore[no-untyped-def]
    data = _data(kb, "startup")
    root = _parse(ranking_chart(data, kb.report).svg)
    labels = {t.text: t.get("font-weight") for t in root.iter(f"{{{SVG_NS}}}text")}
    assert labels["OKR"] == "600" and labels["FAST Goals"] is None  # OKR is the mix
    assert "Objectives and Key Results (OKR)" not in labels  # short names on the axis
    phases = {bar.label: bar.phase for bar in data.charts.bars}
    assert phases["OKR"] == 1 and phases["SMART Goals"] == 2 and phases["Balanced Scorecard"] == 0
    assert "A later phase" in labels and "Not advised now" in labels


def test_the_calendar_places_each_meeting_by_its_frequency(kb) -> None:  # type: ignore[no-untyped-def]
    data = _data(kb, "sales-led")
    chart = calendar_chart(data, kb.report)
    root = _assert_accessible(chart.svg, "Phase one's meetings: a month at a glance")
    _assert_self_contained(chart.svg)
    chips = [g.find("svg:title", NS).text for g in root.iter(f"{{{SVG_NS}}}g")]  # type: ignore[union-attr]
    count = {meeting.ritual: 0 for meeting in data.charts.meetings}
    for title in chips:
        for ritual in count:
            if title and title.startswith(ritual + " ("):
                count[ritual] += 1
    by_frequency = {m.ritual: m.frequency for m in data.charts.meetings}
    for ritual, seen in count.items():
        expected = {"weekly": 4, "monthly": 1, "quarterly": 1, "annual": 0}[by_frequency[ritual]]
        assert seen == expected, (ritual, seen)
        assert ritual in chart.alt
    assert "Once a year, not shown: Annual objective-setting with manager" in " ".join(_texts(root))
    assert "every Monday" in chart.alt and "week 4" in chart.alt and "week 1" in chart.alt
    assert f"About {data.charts.minutes_per_month} minutes" in chart.alt
    assert {"Week 1", "Week 4", "Mon", "Fri"} <= set(_texts(root))


def test_daily_and_biweekly_meetings_fill_their_days(kb) -> None:  # type: ignore[no-untyped-def]
    meetings = [
        ChartMeeting("Stand-up", "daily", 15, ["4DX"]),
        ChartMeeting("Fortnightly sync", "biweekly", 45, ["OKR"]),
    ]
    chart = calendar_chart(
        _with_charts(_data(kb), meetings=meetings, minutes_per_month=423), kb.report
    )
    titles = [g.find("svg:title", NS).text for g in _parse(chart.svg).iter(f"{{{SVG_NS}}}g")]  # type: ignore[union-attr]
    assert sum(t.startswith("Stand-up") for t in titles) == 20  # every weekday of four weeks
    assert sum(t.startswith("Fortnightly sync") for t in titles) == 2
    assert "every weekday" in chart.alt and "week 1 and 3" in chart.alt


def test_no_meetings_and_no_frameworks_draw_no_chart(kb) -> None:  # type: ignore[no-untyped-def]
    data = _with_charts(_data(kb), bars=[], meetings=[])
    charts = report_charts(data, kb.report)
    assert charts.ranking.svg == charts.calendar.svg == ""
    assert inline(charts.ranking) == ""


def test_hostile_names_are_escaped(kb) -> None:  # type: ignore[no-untyped-def]
    data = _with_charts(
        _data(kb),
        bars=[ChartBar(HOSTILE, HOSTILE, 70, 1), ChartBar("x", "y", 20, 0)],
        meetings=[ChartMeeting(HOSTILE, "weekly", 30, [HOSTILE]), ChartMeeting(HOSTILE, "annual", 60, ["x"])],
    )  # fmt: skip
    charts = report_charts(data, kb.report)
    for chart in (charts.ranking, charts.calendar):
        root = _parse(chart.svg)  # well-formed: nothing broke out of its element
        _assert_self_contained(chart.svg)
        assert "<script" not in chart.svg and "&lt;script&gt;" in chart.svg
        assert any("<script>" in text for text in _texts(root))  # shown as text, cut to fit
        assert HOSTILE in (root.find("svg:desc", NS).text or "")  # type: ignore[union-attr]


def test_charts_are_deterministic(kb) -> None:  # type: ignore[no-untyped-def]
    first, second = report_charts(_data(kb), kb.report), report_charts(_data(kb), kb.report)
    assert first == second


def test_long_labels_wrap_and_cut_within_their_width() -> None:
    lines = wrap("Quarterly review and retrospective with the whole leadership team", 100, 9, 2)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(text_width(line, 9) <= 100 for line in lines)
    assert text_width("王芳", 10) == pytest.approx(20)  # wide characters count double


@pytest.mark.slow
def test_a_pack_framework_named_with_markup_prints_as_text_in_html_and_pdf(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    (pack / "frameworks").mkdir(parents=True)
    (pack / "pack.yaml").write_text('name: p\nversion: "1"\nschema_version: 2\n', encoding="utf-8")
    okr = (ROOT / "knowledge" / "frameworks" / "okr.yaml").read_text(encoding="utf-8")
    okr = re.sub(r"(?m)^name: .*$", "name: '<script>alert(1)</script> Goals'", okr)
    (pack / "frameworks" / "okr.yaml").write_text(okr, encoding="utf-8")
    answers = SAMPLES / "startup.yaml"
    html, _ = run("--kb", pack, "report", "--answers", answers, "--format", "html")
    assert html.exit_code == 0, html.stderr
    assert "<script" not in html.stdout
    svgs = re.findall(r"<svg\b.*?</svg>", html.stdout, re.DOTALL)
    assert len(svgs) == 2 and "&lt;script&gt;alert(1)&lt;/script&gt; Goals" in svgs[0]
    target = tmp_path / "r.pdf"
    pdf, _ = run("--kb", pack, "report", "--answers", answers, "--format", "pdf", "-o", target)
    assert pdf.exit_code == 0, pdf.stderr
