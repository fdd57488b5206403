"""Issue 19's fuzz: hostile text through every sink, seeded (the same examples on every run) and
bounded. Rich and Textual markup, terminal escapes (OSC window titles, OSC 52, CSI), control
characters, bidi marks, Markdown images, raw HTML and 10,000-character strings go in as a
participant's name, an organisation, a workshop's title, a brand and a pack's text; out come
the app (Pilot), the facilitator's live view, the room's log line and every export format. No
exception, no link or action in a rendered line, no escape sequence from the text on a terminal,
nothing a Markdown viewer would fetch. PDF and Word are slow: they are marked `slow`."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import logging
import re
from datetime import date
from pathlib import Path
from typing import Any

import msgspec
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.exports import Documents
from framework_advisor.safe_text import terminal_text
from framework_advisor.sessions import SessionStore
from framework_advisor.tui.app import AdvisorApp
from framework_advisor.tui.screens.questionnaire import QuestionnaireScreen
from framework_advisor.tui.screens.results import TABS, ResultsScreen
from framework_advisor.tui.screens.review import ReviewScreen
from framework_advisor.tui.screens.sessions import SessionsScreen
from framework_advisor.tui.screens.welcome import WelcomeScreen
from framework_advisor.tui.watch_app import WatchApp

from ..unit.hostile import docx_text, markdown_hazards, xlsx_text
from .conftest import SALES_LED, wait_for_screen, wait_until
from .screen_text import hazards

PIECES = [
    "[/]", "[/EU]", "[@click=app.quit]", "[@click=app.screenshot('victim.txt','/tmp')]", "[b]",
    "[/b]", "[$accent]", "[B]", "[link=https://evil.example]", "[/link]", "\\", "OKR [/] x",
    "\x1b]0;pwned\x07", "\x1b]52;c;ZXZpbA==\x07", "\x1b[2J", "\x1b[31m", "\x9b31m", "\x9d0;x\x9c",
    "\x07", "\x08", "\x00", "\v", "\f", "\r", "\n", "\t", "\x7f", "\u202e", "\u2066", "\u200f",
    "\u2028", "![p](https://evil.example/pixel.png)", "[x](javascript:alert(1))",
    "<img src=x onerror=alert(1)>", "<script>", "=1+1", "@SUM(A1)", "|", "*", "_", "`", "&", "&&",
    "日本", "é", "\ufeff", " ",
]  # fmt: skip
"""What the red team typed, in pieces a generated string is made of."""

piece = st.one_of(
    st.sampled_from(PIECES),
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=6),
)
short = st.lists(piece, min_size=1, max_size=8).map("".join).filter(str.strip)
hostile = st.one_of(short, short, short.map(lambda s: (s * (10_000 // len(s) + 1))[:10_000]))
"""Mostly short strings; one in three 10,000 characters long."""

SEEDED = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FAST = settings(SEEDED, max_examples=20)
SLOW = settings(SEEDED, max_examples=4)
APP = settings(SEEDED, max_examples=3)
TODAY = date(2026, 1, 15)
SUPPLIED_ESCAPES = re.compile(r"\x1b(?!\[[0-9;]*m)|[\x07\x9b\x9d\x9c]")
"""ESC other than a colour code (ours are SGR only), BEL and the C1 controls CSI, OSC, ST."""


def pack_text(kb: KnowledgeBase, text: str) -> KnowledgeBase:
    """The knowledge base as a pack could make it, with ``text`` in a framework's name and
    summary and in a question's label, prompt, help and option labels."""
    replace = msgspec.structs.replace
    okr = kb.frameworks["okr"]
    frameworks = {**kb.frameworks, "okr": replace(okr, name=f"OKR {text}", summary=text)}
    questions = []
    for question in kb.questions:
        if question.id == "industry":
            options = [replace(o, label=f"{o.label} {text}") for o in question.options]
            question = replace(question, label=text, prompt=text, help=text, options=options)
        questions.append(question)
    return replace(kb, frameworks=frameworks, questions=questions)


def answers_of(organisation: str) -> dict[str, Any]:
    return {
        **SALES_LED,
        "organisation": organisation,
        "needs": ["alignment", "goal_clarity", "operational_health"],
        "current_frameworks": ["okr"],
    }


def assert_terminal_safe(text: str) -> None:
    """What a terminal is sent (the CLI's `emit`, colour on): our colour codes and nothing else."""
    shown = terminal_text(text, keep_colour=True)
    assert not SUPPLIED_ESCAPES.search(shown), SUPPLIED_ESCAPES.search(shown)


def assert_markdown_safe(text: str) -> None:
    assert markdown_hazards(text) == []


def assert_html_safe(text: str) -> None:
    """Supplied HTML is escaped, and nothing supplied becomes an image or a link."""
    assert "<img src=x onerror" not in text and "<script>" not in text
    assert 'src="https://evil' not in text and 'href="javascript' not in text


# every export format ------------------------------------------------------------------------
@FAST
@given(organisation=hostile, brand=hostile, pack=hostile)
def test_fuzz_text_formats(kb: KnowledgeBase, organisation: str, brand: str, pack: str) -> None:
    """recommend (text, md, json), show and compare (text, md), report (md, html, json) and the
    starter templates (csv, md, xlsx)."""
    hostile_kb = pack_text(kb, pack)
    docs = Documents(hostile_kb, answers_of(organisation), now=TODAY)
    rec = docs.recommendation
    from framework_advisor.render.formats import render

    assert_terminal_safe(docs.render("recommendation", "text", color=True))
    assert_markdown_safe(docs.render("recommendation", "md"))
    json.loads(docs.render("recommendation", "json"))
    for document, args in (("framework", ("okr",)), ("comparison", (["okr", "kpi"],))):
        assert_terminal_safe(render(document, "text", hostile_kb, *args, color=True))
        assert_markdown_safe(render(document, "md", hostile_kb, *args))
    assert_markdown_safe(docs.render("report", "md", brand=brand))
    assert_html_safe(docs.render("report", "html", brand=brand))
    json.loads(docs.render("report", "json", brand=brand))
    templates = docs.mix_templates().templates[:2] or ["okr-planning-sheet"]
    for file in docs.templates(templates, "csv"):
        list(csv.reader(io.StringIO(file.data.decode("utf-8-sig"))))
    for file in docs.templates(templates, "md"):
        assert_markdown_safe(file.data.decode("utf-8"))
    for file in docs.templates(templates, "xlsx"):
        xlsx_text(file.data)
    assert rec.ranking


@pytest.mark.slow
@SLOW
@given(organisation=hostile, brand=hostile, pack=hostile)
def test_fuzz_office_and_pdf(kb: KnowledgeBase, organisation: str, brand: str, pack: str) -> None:
    """The report as Word and PDF, the starter templates as Word: written and read back."""
    docs = Documents(pack_text(kb, pack), answers_of(organisation), now=TODAY)
    report = docs.render("report", "docx", brand=brand)
    assert isinstance(report, bytes)
    docx_text(report)
    pdf = docs.render("report", "pdf", brand=brand)
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF")
    for file in docs.templates(["okr-planning-sheet", "kpi-dashboard"], "docx"):
        docx_text(file.data)


# a workshop: its title, its participants' names ---------------------------------------------
def make_workshop(kb: KnowledgeBase, folder: Path, title: str, names: list[str]) -> Path:
    import shutil

    from framework_advisor.workshops import create

    shutil.rmtree(folder, ignore_errors=True)
    create(folder, kb, title=title, fixed={"function": "company"})
    for number, name in enumerate(names):
        answers = {
            "headcount": 30 + number,
            "needs": ["alignment", "goal_clarity"][: number % 2 + 1],
            "industry": "software",
            "_meta": {"participant": name},
        }
        path = folder / "participants" / f"p{number}.yaml"
        path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    return folder


def summary_of(kb: KnowledgeBase, folder: Path, anonymous: bool = False) -> Any:
    from framework_advisor.workshops import build_summary

    summary, _ = build_summary(kb, folder, minutes=60, anonymous=anonymous)
    return summary


@FAST
@given(title=hostile, names=st.lists(hostile, min_size=1, max_size=3), pack=hostile)
def test_fuzz_workshop_summary(
    kb: KnowledgeBase, tmp_path: Path, title: str, names: list[str], pack: str
) -> None:
    from framework_advisor.render.formats import render

    hostile_kb = pack_text(kb, pack)
    summary = summary_of(hostile_kb, make_workshop(hostile_kb, tmp_path / "w", title, names))
    framework_names = {fid: f.name for fid, f in hostile_kb.frameworks.items()}

    def drawn(fmt: str) -> str:
        out = render("workshop_summary", fmt, summary, framework_names, hostile_kb.text)
        assert isinstance(out, str)
        return out

    assert_terminal_safe(drawn("text"))
    assert_markdown_safe(drawn("md"))
    assert_html_safe(drawn("html"))
    json.loads(drawn("json"))


@pytest.mark.slow
@SLOW
@given(title=hostile, names=st.lists(hostile, min_size=1, max_size=3))
def test_fuzz_workshop_word_and_pdf(
    kb: KnowledgeBase, tmp_path: Path, title: str, names: list[str]
) -> None:
    from framework_advisor.render.formats import render

    summary = summary_of(kb, make_workshop(kb, tmp_path / "w", title, names))
    framework_names = {fid: f.name for fid, f in kb.frameworks.items()}
    word = render("workshop_summary", "docx", summary, framework_names, kb.text)
    pdf = render("workshop_summary", "pdf", summary, framework_names, kb.text)
    assert isinstance(word, bytes) and isinstance(pdf, bytes)
    docx_text(word)
    assert pdf.startswith(b"%PDF")


# the room's log -----------------------------------------------------------------------------
@settings(SEEDED, max_examples=200)
@given(name=hostile, error=hostile)
def test_fuzz_the_room_log(name: str, error: str) -> None:
    """`serve` logs who joins and what broke: one line, no control character from the text."""
    from framework_advisor.tui.serve.server import log

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    level, propagate = log.level, log.propagate
    log.addHandler(handler)
    log.setLevel(logging.INFO)  # as `serve` sets it
    log.propagate = False
    try:
        log.info("%s joined (answers in %s.yaml)", name, "stem")
        log.warning("%s: %s", "stem", error)
    finally:
        log.removeHandler(handler)
        log.setLevel(level)
        log.propagate = propagate
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    assert not re.search(r"[\x00-\x1f\x7f-\x9f]", "".join(lines))


# the facilitator's live view and the app ---------------------------------------------------
@APP
@given(title=hostile, names=st.lists(hostile, min_size=1, max_size=3))
def test_fuzz_the_live_view(
    kb: KnowledgeBase, tmp_path: Path, title: str, names: list[str]
) -> None:
    folder = make_workshop(kb, tmp_path / "w", title, names)

    async def watch() -> list[str]:
        app = WatchApp(kb, folder)
        async with app.run_test(size=(100, 24)) as pilot:
            await wait_until(pilot, lambda: app.refreshes >= 1)
            return hazards(app)

    assert asyncio.run(watch()) == []


@APP
@given(organisation=hostile, pack=hostile)
def test_fuzz_the_app(kb: KnowledgeBase, tmp_path: Path, organisation: str, pack: str) -> None:
    """A session whose organisation, and a pack whose text, are hostile: the welcome screen,
    the sessions list, the questionnaire, the review and every results tab."""
    store = SessionStore(tmp_path / "sessions")
    store.folder.mkdir(parents=True, exist_ok=True)
    other = yaml.safe_dump({"organisation": organisation, "headcount": 40}, allow_unicode=True)
    (store.folder / "other.yaml").write_text(other, encoding="utf-8")
    app = AdvisorApp(pack_text(kb, pack), store, new_answers=("acme", answers_of(organisation)))
    app.animation_level = "none"

    async def walk() -> dict[str, list[str]]:
        seen: dict[str, list[str]] = {}
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for_screen(pilot, QuestionnaireScreen)
            app.open_questionnaire("industry")
            await pilot.pause()
            seen["questionnaire"] = hazards(app)
            app.action_review()
            await wait_for_screen(pilot, ReviewScreen)
            seen["review"] = hazards(app)
            app.action_results()
            await wait_for_screen(pilot, ResultsScreen)
            for number, tab in enumerate(TABS, start=1):
                await pilot.press(str(number))
                await pilot.pause()
                seen[tab] = hazards(app)
            app.action_home()
            await wait_for_screen(pilot, WelcomeScreen)
            await pilot.press("s")
            await wait_for_screen(pilot, SessionsScreen)
            seen["sessions"] = hazards(app)
        return {what: found for what, found in seen.items() if found}

    assert asyncio.run(walk()) == {}
