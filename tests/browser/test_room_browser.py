"""A real browser in the room: Debian's chromium, driven by Playwright, joins with the code,
answers, reloads and continues, loading nothing from outside this machine.

Playwright's own browser download needs the internet: this test uses the system's chromium
(`apt-get install chromium`) and skips, saying why, where there is none."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
import yaml

from ..tui.room_client import Served, wait_until

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path("/tmp/fa-browser")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium installed (Debian: apt-get install chromium)"
)


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    return browser.new_page(viewport={"width": 1100, "height": 760})


def saved(room: Served, stem: str) -> dict:
    path = room.folder / f"{stem}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {} if path.is_file() else {}


class Drawn:
    """What the app has sent to the page over its websocket (xterm.js draws on a canvas)."""

    def __init__(self, page) -> None:  # type: ignore[no-untyped-def]
        self.page = page
        self.seen = bytearray()
        self.last = time.monotonic()
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload: bytes | str) -> None:
        self.seen.extend(payload.encode() if isinstance(payload, str) else payload)
        self.last = time.monotonic()

    def wait_for(self, text: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while text.encode() not in self.seen:
            assert time.monotonic() < deadline, f"{text!r} never drawn"
            self.page.wait_for_timeout(50)  # lets Playwright deliver the next frames
        del self.seen[:]

    def settled(self, quiet: float = 0.5, timeout: float = 30.0) -> None:
        """Until the app has drawn nothing for `quiet` seconds: its focus is where it goes."""
        deadline = time.monotonic() + timeout
        while time.monotonic() - self.last < quiet:
            assert time.monotonic() < deadline, "the app never stopped drawing"
            self.page.wait_for_timeout(50)


def test_a_browser_joins_answers_and_reloads(room: Served, page) -> None:  # type: ignore[no-untyped-def]
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("websocket", lambda websocket: requested.append(websocket.url))
    drawn = Drawn(page)
    SCREENSHOTS.mkdir(exist_ok=True)

    page.goto(room.url)
    assert "Join the workshop" in page.title()
    page.screenshot(path=str(SCREENSHOTS / "join.png"))
    page.fill("#code", room.code.lower().replace("-", ""))
    page.fill("#name", "Bea Müller")
    page.click("#join")
    resume = page.inner_text("#resume-code")
    assert len(resume) == 11 and resume[5] == "-"  # 10 characters, grouped 5-5
    page.screenshot(path=str(SCREENSHOTS / "joined.png"))
    page.click("#start")

    drawn.wait_for("Question 1 of")
    page.wait_for_selector('body[data-ready="question:organisation"]', state="attached")
    assert "Framework Advisor" in page.title() and "Bea Müller" in page.title()
    page.keyboard.type("Bea Corp")  # no click: the page gave the app the keyboard
    page.keyboard.press("Enter")
    wait_until(lambda: saved(room, "Bea-Müller").get("organisation") == "Bea Corp", "the answer")
    page.screenshot(path=str(SCREENSHOTS / "answered.png"))

    page.reload()  # the same participant continues, on the second question
    drawn.wait_for("Question 2 of")
    page.wait_for_selector('body[data-ready="question:headcount"]', state="attached")
    page.keyboard.type("42")
    page.keyboard.press("Enter")
    try:
        wait_until(lambda: saved(room, "Bea-Müller").get("headcount") == 42, "the second answer")
    except AssertionError:
        page.screenshot(path=str(SCREENSHOTS / "reloaded.png"))
        print({p.name: p.read_text() for p in room.folder.iterdir()})
        raise
    assert saved(room, "Bea-Müller")["organisation"] == "Bea Corp"
    assert sorted(p.name for p in room.folder.glob("*.yaml")) == ["Bea-Müller.yaml"]

    outside = [u for u in requested if not u.startswith((room.url, "ws://" + room.url[7:]))]
    assert not outside, f"the page loaded {outside}"
