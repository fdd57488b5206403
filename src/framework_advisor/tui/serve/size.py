"""The window size a browser may ask an app for: every request clamped, the first and every
resize after it, so one participant cannot make their app draw (and hold) gigabytes of cells."""

from __future__ import annotations

from typing import Any

MIN_WIDTH, MAX_WIDTH = 20, 400
MIN_HEIGHT, MAX_HEIGHT = 10, 200
DEFAULT_WIDTH, DEFAULT_HEIGHT = 80, 24


def _number(value: Any, default: int) -> int:
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value == value and abs(value) != float("inf"):
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return default
    return default


def clamp(width: Any, height: Any) -> tuple[int, int]:
    """A size the app may take, from whatever the browser sent (text, a number, or junk)."""
    columns = _number(width, DEFAULT_WIDTH)
    rows = _number(height, DEFAULT_HEIGHT)
    return min(max(columns, MIN_WIDTH), MAX_WIDTH), min(max(rows, MIN_HEIGHT), MAX_HEIGHT)
