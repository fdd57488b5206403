"""What the browser tests share: a served room on loopback and Debian's chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ..tui.room_client import Served, serving
from .test_room_browser import ARGS, CHROMIUM


@pytest.fixture
def room(tmp_path: Path) -> Iterator[Served]:
    with serving(tmp_path / "room", tmp_path) as served:
        yield served


@pytest.fixture
def browser():  # type: ignore[no-untyped-def]
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield launched
        finally:
            launched.close()
