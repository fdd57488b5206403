"""Two participants join a workshop in headless Chromium, answer, the facilitator reveals, and
both see the group's summary (Ctrl+G), which neither could see before the reveal."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ..tui.room_client import wait_until
from ..tui.test_workshop_room import serving_workshop
from .test_room_browser import ARGS, CHROMIUM, Drawn

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium installed (Debian: apt-get install chromium)"
)


def _saved(path: Path) -> dict:
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.is_file() else {}


def test_two_browsers_answer_and_see_the_group_after_the_reveal(run_cli, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    directory = tmp_path / "acme"
    assert run_cli("workshop", "new", directory, "--title", "Acme", "--organisation", "Acme", "--set", "function=company",
                   "--set", "headcount=120").exit_code == 0  # fmt: skip
    with serving_workshop(directory, tmp_path) as room, sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            pages = []
            for name in ("Ana", "Ben"):
                page = browser.new_page(viewport={"width": 1100, "height": 760})
                drawn = Drawn(page)
                page.goto(room.url)
                page.fill("#code", room.code)
                page.fill("#name", name)
                page.click("#join")
                page.click("#start")
                drawn.wait_for("Question 1 of")  # the needs: everything before it is fixed
                page.wait_for_selector('body[data-ready="question:needs"]', state="attached")
                page.keyboard.press("ArrowDown")  # nothing is highlighted on arrival
                page.keyboard.press(" ")  # tick the first need
                page.keyboard.press("Enter")
                path = directory / "participants" / f"{name}.yaml"
                wait_until(lambda p=path: _saved(p).get("needs"), f"{name}'s needs")
                wait_until(  # the next question has the keyboard (the page's CSP forbids eval)
                    lambda p=page: (
                        p.evaluate("document.body.dataset.ready") not in (None, "question:needs")
                    ),
                    f"{name}'s next question",
                )
                pages.append((page, drawn))

            page, drawn = pages[0]
            page.keyboard.press("Control+g")
            page.wait_for_timeout(3000)  # the notice slides in (drawn in pieces): no group
            assert b"Your own top three" not in drawn.seen and b"proposed plan" not in drawn.seen
            assert run_cli("workshop", "reveal", directory).exit_code == 0
            for page, drawn in pages:
                drawn.settled()
                page.focus(".xterm-helper-textarea")
                page.keyboard.press("Control+g")
                drawn.wait_for("Your own top three")
                drawn.wait_for("proposed plan")
        finally:
            browser.close()
    data = run_cli("workshop", "summary", directory, "--format", "json")
    assert '"participants": 2' in data.stdout
