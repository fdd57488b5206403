"""Test helpers for the served room: the real `serve` in a subprocess on loopback, and a client
that joins over HTTP and drives an app over its websocket the way the browser page does."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import aiohttp
from yarl import URL

HOST = "127.0.0.1"
TIMEOUT = 60.0  # generous: two shared cores, and each app process loads the knowledge base
CODE = re.compile(r"Join code: ([0-9A-Z]{4,5}-[0-9A-Z]{4,5})")
RESUME = re.compile(r'id="resume-code">([0-9A-Z]{4,5}-[0-9A-Z]{4,5})<')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_until(condition, what: str, timeout: float = TIMEOUT, every: float = 0.05) -> None:  # type: ignore[no-untyped-def]
    """Poll a condition with a deadline (for processes and files, which cannot be awaited)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(every)


def children(pid: int) -> list[int]:
    """Processes whose parent is pid (Linux /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class Served:
    """A running `framework-advisor serve`."""

    def __init__(self, process: subprocess.Popen[str], port: int, folder: Path, code: str):
        self.process, self.port, self.folder, self.code = process, port, folder, code
        self.url = f"http://{HOST}:{port}"
        self.printed: list[str] = []
        """What `serve` printed up to its join code."""

    @property
    def pid(self) -> int:
        return self.process.pid

    def apps(self) -> list[int]:
        return children(self.pid)


@contextmanager
def serving(
    folder: Path,
    env_root: Path,
    *extra: str,
    port: int | None = None,
    where: tuple[str, ...] | None = None,
) -> Iterator[Served]:
    """`serve` on a free loopback port until the block ends. `folder` is where the sessions
    land; `where` the options that put them there (default `--dir folder`)."""
    port = port or free_port()
    env = dict(
        os.environ,
        FRAMEWORK_ADVISOR_DATA_DIR=str(env_root / "data"),
        FRAMEWORK_ADVISOR_CACHE_DIR=str(env_root / "cache"),
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "framework_advisor", "serve", "--port", str(port),
         *(where or ("--dir", str(folder))), *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )  # fmt: skip
    assert process.stdout is not None
    code = None
    printed = []
    while code is None:
        line = process.stdout.readline()
        if not line:
            break
        printed.append(line)
        match = CODE.search(line)
        code = match.group(1) if match else None
    assert code, "serve printed no join code: " + "".join(printed)

    def port_open() -> bool:
        with socket.socket() as sock:
            return sock.connect_ex((HOST, port)) == 0

    wait_until(port_open, "the port to open")
    served = Served(process, port, folder, code)
    served.printed = printed
    try:
        yield served
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def plain(screen: bytes | bytearray) -> str:
    """What the terminal shows, roughly: escape sequences dropped."""
    text = bytes(screen).decode(errors="replace")
    return re.sub(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]", " ", text)[-800:]


class Participant:
    """One browser: its own cookie jar and client address (X-Forwarded-For, read by the server
    because the tests start it with --trusted-proxy 127.0.0.1)."""

    def __init__(self, room: Served, address: str | None = None) -> None:
        self.room = room
        self.address = address
        self.jar = aiohttp.CookieJar(unsafe=True)  # cookies for an IP address, as browsers keep
        self.http = aiohttp.ClientSession(cookie_jar=self.jar)
        self.resume_code: str | None = None

    async def __aenter__(self) -> Participant:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.http.close()

    def set_cookie(self, key: str, value: str) -> None:
        self.jar.update_cookies({key: value}, response_url=URL(self.room.url))

    @property
    def headers(self) -> dict[str, str]:
        return {"X-Forwarded-For": self.address} if self.address else {}

    async def post_join(
        self, code: str, name: str = "", resume: str = "", origin: str | None = None
    ) -> aiohttp.ClientResponse:
        headers = {**self.headers, "Origin": origin or self.room.url}
        async with self.http.post(
            f"{self.room.url}/join",
            data={"code": code, "name": name, "resume": resume},
            headers=headers,
            allow_redirects=False,
        ) as response:
            await response.read()
            return response

    async def join(self, name: str = "", resume: str = "", code: str | None = None) -> None:
        """Join and follow to the page after; a first join reads the resume code shown."""
        response = await self.post_join(code or self.room.code, name, resume)
        assert response.status == 303, (response.status, await response.text())
        where = response.headers["Location"]
        async with self.http.get(f"{self.room.url}{where}", headers=self.headers) as page:
            text = await page.text()
        match = RESUME.search(text)
        if match:
            self.resume_code = match.group(1)
        else:
            assert not name or resume, "no resume code shown after a first join"

    def connect(self, origin: str | None = None) -> App:
        return App(self, origin or self.room.url)


class App:
    """A participant's app over the websocket; `seen` is what it has drawn so far."""

    def __init__(self, participant: Participant, origin: str) -> None:
        self.participant = participant
        self.origin = origin
        self.seen = bytearray()
        self.closed = asyncio.Event()
        self._drawn = asyncio.Event()  # set whenever more output arrives
        self.last = time.monotonic()  # when output last arrived

    async def __aenter__(self) -> App:
        http = self.participant.http
        self.ws = await http.ws_connect(
            f"{self.participant.room.url}/ws?width=100&height=30",
            origin=self.origin,
            headers=self.participant.headers,
        )
        self._reader = asyncio.create_task(self._read())
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.ws.close()
        self._reader.cancel()

    async def _read(self) -> None:
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.seen.extend(message.data)
            elif message.type == aiohttp.WSMsgType.TEXT:
                self.seen.extend(message.data.encode())
            self.last = time.monotonic()
            self._drawn.set()
        self.closed.set()
        self._drawn.set()

    async def wait_for(self, text: str, timeout: float = TIMEOUT) -> None:
        await self.wait_for_match(re.escape(text.encode()), timeout)

    async def wait_for_match(self, pattern: bytes, timeout: float = TIMEOUT) -> re.Match[bytes]:
        """Until the app has drawn a match of `pattern`; then `seen` clears (the match is of a
        copy, so it survives that)."""
        deadline = time.monotonic() + timeout
        while (found := re.search(pattern, bytes(self.seen))) is None:  # a copy: seen clears
            left = deadline - time.monotonic()
            if self.closed.is_set() or left <= 0:
                raise AssertionError(f"{pattern!r} never drawn: {plain(self.seen)}")
            self._drawn.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._drawn.wait(), left)
        del self.seen[:]
        return found

    async def settled(self, quiet: float = 0.3, timeout: float = TIMEOUT) -> None:
        """Until nothing has been drawn for `quiet` seconds: the app has finished moving
        focus, so the next keys go where a person's would."""
        deadline = time.monotonic() + timeout
        while (idle := time.monotonic() - self.last) < quiet:
            if time.monotonic() > deadline:
                raise AssertionError("the app never stopped drawing")
            self._drawn.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._drawn.wait(), quiet - idle)

    async def type(self, keys: str) -> None:
        await self.ws.send_json(["stdin", keys])
