"""The served room end to end, on loopback: the real `serve` in a subprocess, joined over HTTP
and driven over its websocket with the messages the browser page sends.

The shared room trusts 127.0.0.1 as a proxy, so each test client counts as its own address
(X-Forwarded-For): the rate limits of one test do not lock out the next."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import re
import signal
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import aiohttp
import pytest
import yaml

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.text import message
from framework_advisor.tui.serve import codes

from .room_client import (
    HOST,
    Participant,
    Served,
    alive,
    free_port,
    serving,
    wait_until,
)

pytestmark = pytest.mark.subprocess

FIRST = "Question 1 of"  # the questionnaire's first question is drawn
SECOND = "How many"  # ... and the second, after the organisation's name
_addresses = itertools.count(1)


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("served")
    with serving(root / "room", root, "--trusted-proxy", HOST) as served:
        yield served


def browser(room: Served) -> Participant:
    n = next(_addresses)
    return Participant(room, f"10.0.{n // 250}.{n % 250 + 1}")


def saved(room: Served, stem: str) -> dict:
    path = room.folder / f"{stem}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}


def wait_saved(room: Served, stem: str, organisation: str) -> None:
    wait_until(lambda: saved(room, stem).get("organisation") == organisation, f"{stem}'s answer")


def app_of(room: Served, stem: str) -> list[int]:
    """The room's app processes holding this session (from their environment)."""
    found = []
    for pid in room.apps():
        try:
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if f"FRAMEWORK_ADVISOR_SESSION={stem}".encode() in environ:
            found.append(pid)
    return found


async def answer_first(participant: Participant, organisation: str) -> None:
    async with participant.connect() as app:
        await app.wait_for(FIRST)
        await app.type(organisation + "\r")
        await app.wait_for(SECOND)


# the door ----------------------------------------------------------------------------------
async def test_no_code_no_websocket_and_no_app_process(room: Served, kb: KnowledgeBase) -> None:
    before = set(room.apps())
    async with browser(room) as stranger:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await stranger.connect().__aenter__()
        assert refused.value.status == 403
        stranger.set_cookie("framework_advisor_room", "0123456789abcdef.AAAAAAAA.forged")
        with pytest.raises(aiohttp.WSServerHandshakeError) as forged:
            await stranger.connect().__aenter__()
        assert forged.value.status == 403
        async with stranger.http.get(room.url + "/") as page:
            join_page = await page.text()
            assert "Join the workshop" in join_page
    [hint] = re.findall(r'id="code"[^>]*placeholder="([^"]*)"', join_page)
    assert hint == kb.text.say(message("app.room.page.code_hint")), "words, never a made-up code"
    assert codes.parse(hint) is None
    assert set(room.apps()) <= before, "an app process started before any code was typed"


async def test_the_code_is_read_leniently(room: Served) -> None:
    for typed in (room.code.lower(), room.code.replace("-", ""), " " + room.code.lower() + " "):
        async with browser(room) as participant:
            response = await participant.post_join(typed, "Lenient")
            assert response.status == 303, typed


async def test_wrong_codes_are_rate_limited_per_client(room: Served) -> None:
    async with browser(room) as guesser, browser(room) as neighbour:
        for _ in range(5):
            response = await guesser.post_join("AAAA-AAAA", "Mallory")
            assert response.status == 403
        response = await guesser.post_join(room.code, "Mallory")  # even the right one, now
        assert response.status == 429
        async with guesser.http.post(
            room.url + "/join",
            data={"code": room.code, "name": "Mallory"},
            headers={**guesser.headers, "Origin": room.url},
        ) as page:
            assert "Too many wrong codes from your device" in await page.text()
        assert (await neighbour.post_join(room.code, "Nina")).status == 303


async def test_a_wrong_resume_code_counts_as_a_wrong_code(room: Served) -> None:
    async with browser(room) as guesser:
        for _ in range(5):
            assert (await guesser.post_join(room.code, "", resume="ZZZZ-ZZZZ")).status == 403
        assert (await guesser.post_join(room.code, "Guesser")).status == 429


async def test_a_foreign_origin_is_refused(room: Served) -> None:
    async with browser(room) as participant:
        await participant.join("Olga")
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await participant.connect(origin="http://evil.example").__aenter__()
        assert refused.value.status == 403
        response = await participant.post_join(room.code, "Olga", origin="http://evil.example")
        assert response.status == 403


# identity ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("first", "second"), [("Sam", "Sam"), ("王芳", "李伟"), ("Alice", "alice")]
)
async def test_two_people_never_share_a_file(room: Served, first: str, second: str) -> None:
    # The room is shared by this module's tests: only the files these two people make count
    # (the wait below once passed on an earlier pair's answers and read these files too soon).
    earlier = {p.name for p in room.folder.glob("*.yaml")}
    async with browser(room) as one, browser(room) as two:
        await one.join(first)
        await two.join(second)
        await asyncio.gather(answer_first(one, "First Org"), answer_first(two, "Second Org"))

    def read() -> dict[str, dict]:
        return {
            p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in room.folder.glob("*.yaml")
            if p.name not in earlier
        }

    def orgs() -> set[str]:
        return {data.get("organisation") for data in read().values()}

    # Each app writes in the background and flushes as it stops: wait for both answers.
    wait_until(lambda: {"First Org", "Second Org"} <= orgs(), "both answers on disk")
    files = read()
    mine = {
        stem: data
        for stem, data in files.items()
        if data["_meta"].get("participant") in (first, second)
    }
    by_org = {data.get("organisation"): stem for stem, data in mine.items()}
    history = {stem: data["_meta"] for stem, data in read().items()}  # revisions, cursors
    assert {"First Org", "Second Org"} <= set(by_org), (mine, sorted(earlier), history)
    a, b = by_org["First Org"], by_org["Second Org"]
    assert a.casefold() != b.casefold(), "the two files would be one on macOS or Windows"
    assert files[a]["_meta"]["participant"] == first
    assert files[b]["_meta"]["participant"] == second
    if first == "Sam":
        assert {a, b} >= {"Sam", "Sam-2"} or {a, b} >= {"Sam-2", "Sam-3"}


async def test_a_reload_continues_and_the_old_process_ends(room: Served) -> None:
    async with browser(room) as rita:
        await rita.join("Rita")
        async with rita.connect() as first:
            await first.wait_for(FIRST)
            await first.type("Ritacorp\r")
            await first.wait_for(SECOND)
            (old,) = app_of(room, "Rita")
            async with rita.connect() as second:  # the page reloaded, or a second tab
                await second.wait_for(SECOND)  # continues where Rita was
                await asyncio.wait_for(first.closed.wait(), 30)
                wait_until(lambda: not alive(old), "the old app process to end")
                (new,) = app_of(room, "Rita")
                assert new != old
    wait_saved(room, "Rita", "Ritacorp")


@contextmanager
def cpu_hogs(count: int = 2, seconds: int = 120) -> Iterator[None]:
    """Busy processes beside the room (each ends by itself), as on a loaded laptop."""
    hogs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                f"import time\nend = time.time() + {seconds}\nwhile time.time() < end: pass",
            ]
        )
        for _ in range(count)
    ]
    try:
        yield
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()


async def test_reloads_and_takeovers_under_cpu_hogs_lose_no_answer(room: Served) -> None:
    """Answer, reload at once, answer, take over from a second tab at once, answer: with two
    busy processes beside the room, every answer is on disk and the saves only move forward."""
    with cpu_hogs():
        async with browser(room) as hana:
            await hana.join("Hana")
            async with hana.connect() as first:
                await first.wait_for(FIRST)
                await first.type("Hanacorp\r")
                await first.wait_for(SECOND)
            async with hana.connect() as reloaded:  # the page reloaded
                await reloaded.wait_for(SECOND)
                await reloaded.type("42\r")
                await reloaded.wait_for("Which stage")
                async with hana.connect() as second_tab:  # takes over while the first is open
                    await second_tab.wait_for("Which stage")
                    await asyncio.wait_for(reloaded.closed.wait(), 60)
        revisions: list[int] = []

        def settled() -> bool:
            data = saved(room, "Hana")
            revisions.append(data.get("_meta", {}).get("revision", 0))
            return data.get("organisation") == "Hanacorp" and data.get("headcount") == 42

        try:
            wait_until(settled, "both of Hana's answers on disk", timeout=120)
        except AssertionError:
            print("Hana's file:", saved(room, "Hana"), "revisions seen:", sorted(set(revisions)))
            print("the room's output:", "".join(room.printed[-20:]))
            raise
    assert revisions == sorted(revisions), revisions  # never back to an older state
    assert len(app_of(room, "Hana")) <= 1


async def test_a_reload_after_the_page_closed_starts_once_the_old_process_ended(
    room: Served,
) -> None:
    """The browser drops the old page before the reload connects: the new app must not start
    while the old one still holds the session, or it would open it read-only and drop what
    is typed next."""
    async with browser(room) as rosa:
        await rosa.join("Rosa")
        async with rosa.connect() as first:
            await first.wait_for(FIRST)
            await first.type("Rosacorp\r")
            await first.wait_for(SECOND)
            (old,) = app_of(room, "Rosa")
        async with rosa.connect() as second:  # at once, as a reload does
            await second.wait_for(SECOND)
            assert not alive(old), "the new app started while the old one held the session"
            await second.type("42\r")
            await second.wait_for("Question 3 of")
    wait_until(lambda: saved(room, "Rosa").get("headcount") == 42, "the answer after the reload")
    assert saved(room, "Rosa")["organisation"] == "Rosacorp"


async def test_the_resume_code_continues_elsewhere_and_a_name_alone_does_not(
    room: Served,
) -> None:
    async with browser(room) as tom:
        await tom.join("Tom")
        await answer_first(tom, "Tomcorp")
        assert tom.resume_code
    async with browser(room) as elsewhere:  # another device: no cookie, the resume code
        await elsewhere.join(resume=tom.resume_code.lower().replace("-", ""))
        async with elsewhere.connect() as app:
            await app.wait_for(SECOND)
    async with browser(room) as impostor:  # the same name, no resume code: someone new
        await impostor.join("Tom")
        await answer_first(impostor, "Other")
    wait_saved(room, "Tom-2", "Other")
    assert saved(room, "Tom")["organisation"] == "Tomcorp", "a new 'Tom' wiped Tom's answers"


async def test_the_palette_leads_to_no_one_else(room: Served) -> None:
    async with browser(room) as bob, browser(room) as eve:
        await bob.join("Bob")
        await answer_first(bob, "Bobcorp")
        await eve.join("Eve")
        async with eve.connect() as app:
            await app.wait_for(FIRST)
            await app.type("\x10")  # Ctrl+P
            await app.wait_for("Search")
            await app.type("Welcome")
            await app.wait_for("No matches")
            await app.type("\r")  # Enter on no match: nothing opens
            await app.type("\x1b")  # the palette closes, Eve's questionnaire is drawn again
            await app.wait_for(FIRST)
            await app.type("\x12")  # Ctrl+R
            await app.wait_for("Review your answers")  # Eve's own, empty, session
            assert b"Bobcorp" not in app.seen and b"Continue" not in app.seen
    wait_saved(room, "Bob", "Bobcorp")


async def test_the_app_process_is_exec_started_and_keeps_secrets_off_its_command_line(
    room: Served,
) -> None:
    async with browser(room) as una:
        await una.join("Una")
        async with una.connect() as app:
            await app.wait_for(FIRST)
            (pid,) = app_of(room, "Una")
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            assert Path(os.fsdecode(command[0])).name.startswith("python"), command
            assert room.code.encode() not in b" ".join(command)
            assert room.code.replace("-", "").encode() not in b" ".join(command)
            assert b"Una" not in b" ".join(command)


# what one browser may ask of its app -------------------------------------------------------
CURSOR_TO = re.compile(rb"\x1b\[(\d+);(\d+)H")


async def test_a_huge_resize_is_clamped_by_the_real_room(room: Served) -> None:
    """A resize to 20000x20000 once took an app to about 2 GB: the app draws at 400x200 at
    most (its cursor never goes further) and keeps answering."""
    async with browser(room) as wes:
        await wes.join("Wes")
        async with wes.connect() as app:
            await app.wait_for(FIRST)
            await app.settled()
            await app.ws.send_json(["resize", {"width": 20000, "height": 20000}])
            found = await app.wait_for_match(rb"\x1b\[(1[0-9]{2}|200);\d+H")  # drawn taller
            await app.settled()
            drawn = found.string + bytes(app.seen)
            rows = [int(m.group(1)) for m in CURSOR_TO.finditer(drawn)]
            columns = [int(m.group(2)) for m in CURSOR_TO.finditer(drawn)]
            assert max(rows) <= 200 and max(columns) <= 400, (max(rows), max(columns))
            await app.type("Wes Org\r")
            await app.wait_for(SECOND)


# what the page loads -----------------------------------------------------------------------
async def test_the_pages_load_nothing_from_elsewhere(room: Served) -> None:
    async with browser(room) as vic:
        pages = {}
        async with vic.http.get(room.url + "/") as join_page:
            pages["join"] = await join_page.text()
            policy = join_page.headers["Content-Security-Policy"]
        response = await vic.post_join(room.code, "Vic")
        async with vic.http.get(room.url + response.headers["Location"]) as joined:
            pages["joined"] = await joined.text()
        async with vic.http.get(room.url + "/") as app_page:
            pages["app"] = await app_page.text()
        assert "default-src 'self'" in policy
        for name, html in pages.items():
            assert re.search(r"<title>[^<]+</title>", html), f"the {name} page has no title"
            for url in re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", html):
                if url.startswith("http"):
                    assert url.startswith(room.url), f"{name} loads {url}"
                async with vic.http.get(url if url.startswith("http") else room.url + url) as r:
                    assert r.status == 200, url
            outside = [
                u
                for u in re.findall(r"(?:https?|wss?)://[^\s\"'<>)]+", html)
                if not u.startswith((room.url, "ws://" + room.url[7:], "http://www.w3.org/"))
            ]
            assert not outside, f"the {name} page refers to {outside}"
        assert "Vic" in pages["app"] and "data-session-websocket-url" in pages["app"]


# restarts, ends and errors -----------------------------------------------------------------
async def test_the_room_survives_a_restart_with_dir(tmp_path: Path) -> None:
    folder = tmp_path / "room"
    with serving(folder, tmp_path) as first:
        async with Participant(first) as kim:
            await kim.join("Kim")
            await answer_first(kim, "Kimcorp")
            cookies = list(kim.jar)
            resume = kim.resume_code
        code = first.code
    state = folder / ".room.json"
    assert stat.S_IMODE(state.stat().st_mode) == 0o600
    assert resume and resume.replace("-", "") not in state.read_text()
    with serving(folder, tmp_path) as second:
        assert second.code == code
        async with Participant(second) as kim:  # the same browser: its cookie still works
            for cookie in cookies:
                kim.set_cookie(cookie.key, cookie.value)
            async with kim.connect() as app:
                await app.wait_for(SECOND)
        async with Participant(second) as kim_elsewhere:
            await kim_elsewhere.join(resume=resume)
            async with kim_elsewhere.connect() as app:
                await app.wait_for(SECOND)


async def test_apps_end_when_the_server_is_killed(tmp_path: Path) -> None:
    with serving(tmp_path / "room", tmp_path) as room:
        async with Participant(room) as lee:
            await lee.join("Lee")
            async with lee.connect() as app:
                await app.wait_for(FIRST)
                await app.type("Leecorp\r")
                await app.wait_for(SECOND)
                (pid,) = app_of(room, "Lee")
                os.kill(room.pid, signal.SIGKILL)  # the server alone: no chance to say goodbye
                room.process.wait()
                wait_until(lambda: not alive(pid), "the orphaned app to end", timeout=30)
    assert yaml.safe_load((tmp_path / "room" / "Lee.yaml").read_text())["organisation"] == "Leecorp"


async def test_the_room_caps_wrong_codes_overall(tmp_path: Path) -> None:
    with serving(tmp_path / "room", tmp_path, "--trusted-proxy", HOST) as room:
        for n in range(30):
            async with Participant(room, f"10.1.0.{n + 1}") as guesser:
                assert (await guesser.post_join("AAAA-AAAA", "G")).status == 403
        async with Participant(room, "10.1.1.1") as late:
            response = await late.post_join(room.code, "Late")
            assert response.status == 429


async def test_the_room_under_another_name_sends_the_browser_to_its_own_address(
    tmp_path: Path,
) -> None:
    with serving(tmp_path / "room", tmp_path) as room:  # no trusted proxy: Host is the browser's
        async with (
            aiohttp.ClientSession() as http,
            http.get(
                room.url + "/?fontsize=18",
                headers={"Host": f"localhost:{room.port}"},
                allow_redirects=False,
            ) as response,
        ):
            assert response.status == 307
            assert response.headers["Location"] == room.url + "/?fontsize=18"


def _serve(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        FRAMEWORK_ADVISOR_DATA_DIR=str(tmp_path / "data"),
        FRAMEWORK_ADVISOR_CACHE_DIR=str(tmp_path / "cache"),
    )
    return subprocess.run(
        [sys.executable, "-m", "framework_advisor", "serve", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_serve_errors_are_one_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind((HOST, 0))
        busy.listen()
        port = str(busy.getsockname()[1])
        result = _serve(tmp_path, "--port", port, "--dir", str(tmp_path / "r1"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "cannot listen" in result.stderr, result.stderr
    assert "Join code" not in result.stdout
    (tmp_path / "file").write_text("x")
    result = _serve(tmp_path, "--port", str(free_port()), "--dir", str(tmp_path / "file" / "room"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "cannot use the folder" in result.stderr
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / ".room.json").write_text(json.dumps({"join_code": 1}))
    result = _serve(tmp_path, "--port", str(free_port()), "--dir", str(damaged))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "damaged" in result.stderr, result.stderr


async def test_a_crowd_keeps_answering(room: Served) -> None:
    """Ten at once here (benchmarks/room_bench.py runs the full room of fifty)."""

    async def one(number: int) -> None:
        async with browser(room) as person:
            await person.join(f"Crowd {number}")
            async with person.connect() as app:
                await app.wait_for(FIRST)
                await app.settled()
                await app.type(f"Crowd Org {number}\r")
                await app.wait_for(SECOND)

    await asyncio.gather(*(one(n) for n in range(10)))
    for n in range(10):
        wait_saved(room, f"Crowd-{n}", f"Crowd Org {n}")


async def test_exports_are_downloads_for_their_participant_only(room: Served) -> None:
    async with browser(room) as zoe, browser(room) as other:
        await zoe.join("Zoë")
        await other.join("Other")
        async with zoe.connect() as app:
            await app.wait_for(FIRST)
            await app.settled()
            await app.type("Zoecorp\r")
            await app.wait_for(SECOND)
            await app.settled()
            await app.type("\x12")  # Ctrl+R: the review (Ctrl+E in a text field is end-of-line)
            await app.wait_for("Review your answers")
            await app.settled()
            await app.type("\x05")  # Ctrl+E
            await app.wait_for("one zip download")
            await app.settled()
            await app.type("\r")  # the Export button has the focus
            found = await app.wait_for_match(rb'\["deliver_file_start", "([^"]+)"\]')
            key = found.group(1).decode()
            async with other.http.get(f"{room.url}/download/{key}") as stolen:
                assert stolen.status == 404
            async with zoe.http.get(f"{room.url}/download/{key}") as download:
                assert download.status == 200
                disposition = download.headers["Content-Disposition"]
                assert "attachment" in disposition and "Zo%C3%AB" in disposition, disposition
                assert ".zip" in disposition, disposition  # one download holding every file
                assert (await download.read()).startswith(b"PK\x03\x04")
