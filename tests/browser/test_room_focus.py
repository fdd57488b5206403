"""A participant's first keystroke lands in the first question: the served page gives the app
the keyboard on arrival, keeps keys typed while it connects, and says when it is ready
(`<body data-ready="question:ID">`) after every screen change, a reload and a takeover."""

from __future__ import annotations

import pytest

from ..tui.room_client import Served, wait_until
from .test_room_browser import CHROMIUM, saved

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium installed (Debian: apt-get install chromium)"
)
READY = 60_000  # ms: an app process starts in about a second; CI machines are busy


def join(page, room: Served, name: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(room.url)
    page.fill("#code", room.code)
    page.fill("#name", name)
    page.click("#join")
    page.click("#start")
    page.wait_for_load_state()  # the app's page has loaded: nothing more is waited for


def ready(page, view: str) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_selector(f'body[data-ready="{view}"]', state="attached", timeout=READY)


def test_keys_typed_at_once_on_a_fresh_page_answer_the_first_question(
    room: Served, browser
) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1100, "height": 760})
    join(page, room, "Ana")
    page.keyboard.type("Ana Corp")  # no click, no wait: the page is still connecting
    page.keyboard.press("Enter")
    wait_until(lambda: saved(room, "Ana").get("organisation") == "Ana Corp", "the first answer")
    ready(page, "question:headcount")
    assert page.evaluate("document.activeElement.classList.contains('xterm-helper-textarea')")


def test_after_a_reload_and_a_takeover_the_next_keys_land_in_the_question(
    room: Served, browser, kb
) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1100, "height": 760})
    page = context.new_page()
    join(page, room, "Ben")
    ready(page, "question:organisation")
    page.keyboard.type("Ben Ltd")
    page.keyboard.press("Enter")
    ready(page, "question:headcount")

    page.reload()
    page.keyboard.type("42")  # at once, before the new app has drawn
    page.keyboard.press("Enter")
    wait_until(lambda: saved(room, "Ben").get("headcount") == 42, "the answer after a reload")
    third = kb.question(next_question(kb, saved(room, "Ben")))
    assert third.type == "single", third  # the takeover below chooses its first option
    ready(page, f"question:{third.id}")

    second = context.new_page()  # a second tab of the same browser takes over
    second.goto(page.url)
    second.keyboard.press("ArrowDown")  # at once: the first option, then Enter chooses it
    second.keyboard.press("Enter")
    first = third.options[0].value
    wait_until(lambda: saved(room, "Ben").get(third.id) == first, "the takeover's answer")
    ready(second, f"question:{next_question(kb, saved(room, 'Ben'))}")
    assert saved(room, "Ben")["organisation"] == "Ben Ltd"
    assert saved(room, "Ben")["headcount"] == 42


def next_question(kb, answers: dict) -> str:  # type: ignore[no-untyped-def]
    from framework_advisor.engine.flow import visible_questions

    return next(q.id for q in visible_questions(kb, answers) if q.id not in answers)
