"""Every window size a browser sends is clamped, the first and each resize after it: one
participant's `{"width": 20000, "height": 20000}` once took their app to about 2 GB."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import WSMessage, WSMsgType

from framework_advisor.tui.serve import size
from framework_advisor.tui.serve.room import Participant
from framework_advisor.tui.serve.server import RoomAppService, RoomServer


class Browser:
    """The websocket as `_process_messages` reads it: the browser's messages, in order."""

    def __init__(self, *envelopes: Any) -> None:
        self.messages = [WSMessage(WSMsgType.TEXT, json.dumps(e), None) for e in envelopes]

    async def __aiter__(self) -> AsyncIterator[WSMessage]:  # type: ignore[override]
        for message in self.messages:
            yield message

    async def send_json(self, data: Any) -> None:
        pass


async def _resizes(*envelopes: Any) -> list[tuple[Any, Any]]:
    async def ignore(*_: Any) -> None:
        pass

    service = RoomAppService(
        "true",
        participant=Participant("p1", "Sam", "Sam", "hash"),
        room=Path("."),
        write_bytes=ignore,
        write_str=ignore,
        close=ignore,
        download_manager=None,
        debug=False,
    )
    sent: list[dict[str, Any]] = []

    async def send_meta(data: dict[str, Any]) -> bool:
        sent.append(data)
        return True

    service.send_meta = send_meta  # type: ignore[method-assign]
    server = object.__new__(RoomServer)
    await server._process_messages(Browser(*envelopes), service)  # type: ignore[arg-type]
    return [(m["width"], m["height"]) for m in sent if m["type"] == "resize"]


async def test_a_huge_resize_is_clamped_like_the_first_size() -> None:
    assert await _resizes(["resize", {"width": 20000, "height": 20000}]) == [
        (size.MAX_WIDTH, size.MAX_HEIGHT)
    ]


async def test_tiny_negative_and_junk_resizes_become_sizes_an_app_can_take() -> None:
    got = await _resizes(
        ["resize", {"width": -5, "height": 0}],
        ["resize", {"width": "1e9", "height": None}],
        ["resize", {"width": 1.0e308, "height": True}],
        ["resize", {"width": 120, "height": 40}],
    )
    assert got == [
        (size.MIN_WIDTH, size.MIN_HEIGHT),
        (size.DEFAULT_WIDTH, size.DEFAULT_HEIGHT),
        (size.MAX_WIDTH, size.DEFAULT_HEIGHT),
        (120, 40),
    ]


@pytest.mark.parametrize(
    ("width", "height", "expected"),
    [
        ("80", "24", (80, 24)),
        (None, None, (80, 24)),
        ("999999999999999999999", "-3", (size.MAX_WIDTH, size.MIN_HEIGHT)),
        ("wide", "tall", (80, 24)),
    ],
)
def test_the_first_size_from_the_address_is_clamped(
    width: Any, height: Any, expected: tuple[int, int]
) -> None:
    assert size.clamp(width, height) == expected
