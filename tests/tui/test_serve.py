"""`serve` end to end on loopback: a websocket client stands in for the browser (the same
messages xterm.js sends), types the join code and a name, and answers a question."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest
import yaml


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(tmp_path: Path):
    port = _free_port()
    env = dict(
        os.environ,
        FRAMEWORK_ADVISOR_DATA_DIR=str(tmp_path / "data"),
        FRAMEWORK_ADVISOR_CACHE_DIR=str(tmp_path / "cache"),
    )
    folder = tmp_path / "room"
    process = subprocess.Popen(
        [sys.executable, "-m", "framework_advisor", "serve", "--port", str(port),
         "--dir", str(folder)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )  # fmt: skip
    code = None
    deadline = time.monotonic() + 60
    assert process.stdout is not None
    while code is None and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        match = re.search(r"Join code: (\d{6})", line)
        code = match.group(1) if match else None
    assert code, "serve printed no join code"
    while time.monotonic() < deadline:  # the code is printed just before the port opens
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    yield port, code, folder
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def _plain(screen: bytes | bytearray) -> str:
    """What the terminal shows, roughly: escape sequences dropped."""
    return re.sub(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]", " ", bytes(screen).decode(errors="replace"))[
        -600:
    ]


async def _session(port: int, steps: list[tuple[str, str]]) -> None:
    """Connect like a browser; for each (text to wait for, keys to send)."""
    url = f"http://127.0.0.1:{port}/ws?width=80&height=24"
    async with aiohttp.ClientSession() as client, client.ws_connect(url) as ws:
        seen = bytearray()

        async def read() -> None:
            async for message in ws:
                if message.type == aiohttp.WSMsgType.BINARY:
                    seen.extend(message.data)
                elif message.type == aiohttp.WSMsgType.TEXT:
                    seen.extend(message.data.encode())

        reader = asyncio.create_task(read())
        try:
            for text, keys in steps:
                deadline = time.monotonic() + 60
                while text and text.encode() not in seen:
                    assert time.monotonic() < deadline, (
                        f"{text!r} never drawn (step {steps.index((text, keys))}): {_plain(seen)}"
                    )
                    await asyncio.sleep(0.1)
                del seen[:]
                if keys:
                    await ws.send_json(["stdin", keys])
        finally:
            reader.cancel()


def test_a_participant_joins_answers_and_comes_back(server) -> None:
    port, code, folder = server
    asyncio.run(
        _session(
            port,
            [
                ("Join the workshop", "000000\r"),  # a wrong code
                ("facilitator.", code + "\r"),  # refused, and selected: typing replaces it
                ("now type your name", "Alice\r"),
                ("Question 1 of", "Acme\r"),
                ("How many", ""),
            ],
        )
    )
    deadline = time.monotonic() + 10
    session = folder / "Alice.yaml"
    while not (session.exists() and "Acme" in session.read_text()):
        assert time.monotonic() < deadline, "the participant's answer was not saved"
        time.sleep(0.1)
    saved = yaml.safe_load(session.read_text())
    assert saved["organisation"] == "Acme"
    assert saved["_meta"]["participant"] == "Alice"
    # Reloading the page and giving the same name continues where Alice was.
    asyncio.run(
        _session(
            port,
            [
                ("Join the workshop", code + "\r"),
                ("now type your name", "Alice\r"),
                ("How many", ""),
            ],
        )
    )
    assert sorted(p.name for p in folder.iterdir() if p.suffix == ".yaml") == ["Alice.yaml"]
