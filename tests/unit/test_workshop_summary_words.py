"""The workshop summary as a leadership team reads it: plain words first, who holds which view,
an agenda worth the time, the statistics last. Pinned by golden files (three participants, round
2, named and anonymous) and checked for what the issue names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from framework_advisor.domain.framework import layer_label
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.tui.words import say
from tests.golden_files import assert_matches_golden

TEAM = {  # a CEO, a CFO and a CTO answering differently (issue 30)
    "ceo": {"needs": ["strategic_change", "alignment"], "compensation_linked": False,
            "industry": "saas", "maturity": "none", "_meta": {"participant": "Ana Reyes"}},
    "cfo": {"needs": ["alignment"], "compensation_linked": True, "industry": "saas",
            "maturity": "some_okrs", "_meta": {"participant": "Carl Brandt"}},
    "cto": {"needs": ["execution_discipline", "alignment"], "compensation_linked": False,
            "industry": "software", "maturity": "none", "_meta": {"participant": "Tess Okafor"}},
}  # fmt: skip
NAMES = [person["_meta"]["participant"] for person in TEAM.values()]


def _put(folder: Path, who: str, answers: dict) -> None:
    (folder / "participants" / f"{who}.yaml").write_text(yaml.safe_dump(answers, sort_keys=False))


@pytest.fixture
def round_two(run_cli, tmp_path: Path, fixed_date: str) -> Path:
    """Three people answer, the facilitator reveals, the CTO moves to 'some teams use OKRs'."""
    folder = tmp_path / "acme"
    result = run_cli("workshop", "new", folder, "--title", "Acme leadership",
                     "--set", "function=company", "--set", "headcount=120")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    for who, answers in TEAM.items():
        _put(folder, who, answers)
    assert run_cli("workshop", "reveal", folder).exit_code == 0
    _put(folder, "cto", {**TEAM["cto"], "maturity": "some_okrs"})
    return folder


def _summary(run_cli, folder: Path, fmt: str, *args: str) -> str:
    result = run_cli("workshop", "summary", folder, "--format", fmt, *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("fmt,suffix", [("text", "txt"), ("md", "md")])
@pytest.mark.parametrize("anonymous", [False, True], ids=["named", "anonymous"])
def test_the_summary_matches_its_golden_file(
    run_cli, round_two: Path, fmt: str, suffix: str, anonymous: bool
) -> None:
    extra = ["--anonymous"] if anonymous else ["--brand", "Northbeam Advisory"]
    text = _summary(run_cli, round_two, fmt, *extra)
    name = "anonymous" if anonymous else "named"
    assert_matches_golden(f"workshop/summary-round2-{name}.{suffix}", text)


def test_plain_words_come_first_and_the_statistics_last(run_cli, round_two: Path) -> None:
    text = _summary(run_cli, round_two, "text")
    lines = text.splitlines()
    assert lines[1] == "15 January 2026."  # the report's date line (fixed in tests)
    assert lines[2] == "3 participants, round 2."
    opening = "\n".join(lines[:8])
    assert "agree on" in opening
    for jargon in ("Kendall", "Jaccard", "Diamond", "%"):
        assert jargon not in opening, jargon
    measured = text.index("How agreement is measured")
    for jargon in ("Kendall", "Jaccard", "Diamond"):
        assert text.index(jargon) > measured, jargon
    # the small-group rule is stated: with three, most is two
    assert "2 of 3 in this group" in text[measured:]
    assert "round 2" in text and "Since the last reveal" in text
    assert "maturity" not in text and "Goal-setting today" in text  # labels, never ids


def test_each_topic_lists_positions_with_names_or_codes(run_cli, round_two: Path) -> None:
    named = _summary(run_cli, round_two, "text")
    settle = named[named.index("What to settle") :]
    assert "Yes: Carl Brandt (1 of 3)" in settle  # the CFO alone says goals feed pay
    assert "No: Ana Reyes, Tess Okafor (2 of 3): the group's answer" in settle
    anonymous = _summary(run_cli, round_two, "text", "--anonymous")
    assert not [name for name in NAMES if name in anonymous]
    assert not [name.split()[0] for name in NAMES if name.split()[0] in anonymous]
    assert "Yes: P2 (1 of 3)" in anonymous  # cfo.yaml is second by file name


@pytest.mark.parametrize("minutes", ["10", "25", "60", "90"])
def test_no_agenda_row_is_zero_minutes_and_the_minutes_add_up(
    run_cli, round_two: Path, minutes: str
) -> None:
    data = json.loads(_summary(run_cli, round_two, "json", "--minutes", minutes))
    rows = data["agenda"]
    assert all(row["minutes"] >= 5 for row in rows)
    assert sum(row["minutes"] for row in rows) == int(minutes)
    assert rows[0]["kind"] == "opening" and rows[-1]["kind"] == "closing"


def test_pay_is_a_decision_and_gets_time(kb: KnowledgeBase, run_cli, round_two: Path) -> None:
    data = json.loads(_summary(run_cli, round_two, "json"))
    pay = next(row for row in data["agenda"] if row["question"] == "compensation_linked")
    assert pay["decision"] and pay["minutes"] >= 5
    assert pay["ask"] == kb.question_map["compensation_linked"].prompt
    assert sorted(pay["options"]) == ["No", "Yes"]


def test_a_session_shorter_than_the_two_slots_is_refused(run_cli, round_two: Path) -> None:
    result = run_cli("workshop", "summary", round_two, "--minutes", "9")
    assert result.exit_code == 2 and "9" in result.stderr


@pytest.mark.slow  # lays out a PDF
@pytest.mark.parametrize("anonymous", [False, True], ids=["named", "anonymous"])
def test_no_summary_format_shows_an_id(
    run_cli, round_two: Path, tmp_path: Path, anonymous: bool
) -> None:
    """The no-ids check (`domain/client_text.py`) on every summary format a person reads."""
    from tests.client_text import (
        assert_none,
        docx_prose,
        html_prose,
        leak_report,
        markdown_prose,
        pdf_prose,
    )

    extra = ["--anonymous"] if anonymous else []
    assert run_cli("workshop", "decide", round_two, "compensation_linked=no").exit_code == 0
    found = leak_report("text", _summary(run_cli, round_two, "text", *extra))
    found += leak_report("md", markdown_prose(_summary(run_cli, round_two, "md", *extra)))
    found += leak_report("html", html_prose(_summary(run_cli, round_two, "html", *extra)))
    for fmt, read in (("pdf", pdf_prose), ("docx", docx_prose)):
        out = tmp_path / f"s.{fmt}"
        result = run_cli("workshop", "summary", round_two, "-o", out, "--force", *extra)
        assert result.exit_code == 0, result.stderr
        found += leak_report(fmt, read(out.read_bytes(), []))
    assert_none(found)


def test_the_handout_is_the_agenda_and_the_plan_without_statistics(
    run_cli, round_two: Path
) -> None:
    for fmt in ("text", "md", "html"):
        page = _summary(run_cli, round_two, fmt, "--handout")
        assert "Agenda (60 minutes)" in page and "proposed plan" in page, fmt
        assert "Ask the room" in page, fmt
        for statistic in ("How agreement is measured", "Kendall", "What to settle"):
            assert statistic not in page, (fmt, statistic)
    result = run_cli("workshop", "summary", round_two, "--handout", "-f", "json")
    assert result.exit_code == 2 and "--handout" in result.stderr


@pytest.mark.slow  # lays out a PDF
def test_the_pdf_handout_is_one_page(run_cli, round_two: Path, tmp_path: Path) -> None:
    import pypdf

    out = tmp_path / "handout.pdf"
    result = run_cli("workshop", "summary", round_two, "--handout", "-o", out)
    assert result.exit_code == 0, result.stderr
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Agenda" in text and "Closing" in text and "Kendall" not in text


@pytest.mark.slow  # lays out a PDF
def test_the_join_sheet_is_one_page_with_the_address_and_the_code(kb: KnowledgeBase) -> None:
    import io

    import pypdf

    from framework_advisor.render.workshop.sheet import join_sheet, qr_svg

    url, code = "http://192.168.1.20:8000", "K7QMW-4XRTP"
    reader = pypdf.PdfReader(io.BytesIO(join_sheet("Acme leadership", url, code, kb.text)))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert url in text and code in text and "Acme leadership" in text
    assert say(kb, "workshop.sheet.heading") in text
    assert qr_svg(url).startswith("<svg") and "path" in qr_svg(url)


def test_serve_never_writes_the_sheet_over_a_file(run_cli, round_two: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "join.pdf"
    sheet.write_text("kept")
    result = run_cli("serve", "--workshop", round_two, "--sheet", sheet, "--port", "1")
    assert result.exit_code != 0 and "--force" in result.stderr
    assert sheet.read_text() == "kept"


def test_what_the_team_differs_on_says_how_many_hold_each_answer(run_cli, round_two: Path) -> None:
    _put(round_two, "coo", {**TEAM["cfo"], "_meta": {"participant": "Dana Cole"}})
    lines = _summary(run_cli, round_two, "text").splitlines()
    differ = next(line for line in lines if line.startswith("You differ on"))
    assert "Goals feed pay (2 of 4 Yes, 2 of 4 No)" in differ  # the CFO and the COO say yes
    assert "Kendall" not in differ and "%" not in differ


def test_the_html_takes_only_hex_colours(kb: KnowledgeBase, round_two: Path) -> None:
    from framework_advisor.render.formats import render
    from framework_advisor.render.report.look import DEFAULT
    from framework_advisor.render.workshop.outline import Prepared
    from framework_advisor.workshops import build_summary

    summary, _ = build_summary(kb, round_two, minutes=60)
    hostile = Prepared(primary="red}</style><script>x()</script>", accent="#12ab9f")
    page = render("workshop_summary", "html", summary, {}, kb.text, hostile)
    assert isinstance(page, str)
    assert "<script>" not in page and "red}" not in page
    assert f"--primary: {DEFAULT.primary};" in page and "--accent: #12ab9f;" in page


def test_the_summary_says_why_each_framework_is_in_the_plan(
    run_cli, kb: KnowledgeBase, round_two: Path
) -> None:
    facts = json.loads(_summary(run_cli, round_two, "json"))
    assert facts["mix"], "the team's answers leave a plan"
    text = _summary(run_cli, round_two, "text")
    section = text.split(say(kb, "workshop.plan.heading") + "\n", 1)[1].split("\n\n", 1)[0]
    rows = section.splitlines()
    assert len(rows) == len(facts["mix"]) + len(facts["phases"]) - 1
    for row, layer in zip(rows, facts["mix"], strict=False):
        # the layer as a reader names it, never its id
        assert row.endswith(f"({layer_label(layer['layer'])}): {layer['why']}"), row
    handout = _summary(run_cli, round_two, "text", "--handout")
    assert say(kb, "workshop.plan.heading") not in handout  # the one page stays one page


def test_the_charts_say_the_workshops_words(
    kb: KnowledgeBase, round_two: Path, tmp_path: Path
) -> None:
    """A pack rewords the workshop's words like any message: in its text/en.yaml."""
    from framework_advisor.kb.load import load
    from framework_advisor.render.formats import render
    from framework_advisor.workshops import build_summary

    pack = tmp_path / "pack"
    (pack / "text").mkdir(parents=True)
    (pack / "pack.yaml").write_text("name: words\nversion: '1.0'\nschema_version: 2\n")
    (pack / "text" / "en.yaml").write_text(
        "messages:\n"
        '  workshop.chart.agreement: "Zustimmung je Frage"\n'
        '  workshop.chart.legend: "Passung (dunkler ist höher)"\n',
        encoding="utf-8",
    )
    summary, _ = build_summary(kb, round_two, minutes=60)
    words = load([str(pack)], use_cache=False).text
    page = render("workshop_summary", "html", summary, {}, words)
    assert isinstance(page, str)
    assert '<title id="consensus-t">Zustimmung je Frage</title>' in page
    assert "Passung (dunkler ist höher)" in page
    assert say(kb, "workshop.chart.agreement") not in page


def test_a_pack_with_the_old_workshop_words_is_told_where_they_went(
    run_cli, tmp_path: Path
) -> None:
    """workshop.yaml's `words` moved to the catalogue: a pack still holding them is refused
    with the file and where to reword them, never silently read without them."""
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: words\nversion: '1.0'\nschema_version: 2\n")
    (pack / "workshop.yaml").write_text("words:\n  - {id: level.all, text: everyone agrees}\n")
    result = run_cli("--kb", pack, "validate")
    assert result.exit_code == 2, result.output
    assert f"{pack / 'workshop.yaml'}" in result.stderr
    assert "text/en.yaml as `workshop.<id>`" in result.stderr
    assert "Traceback" not in result.stderr
