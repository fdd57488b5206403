"""Shapes for fixed-width columns: fit bars drawn with block characters (20 cells for 0-100,
in eighths) and text cut to a width with an ellipsis."""

from __future__ import annotations

EIGHTHS = " ▏▎▍▌▋▊▉"


def fit_bar(fit: int, width: int = 20) -> str:
    eighths = round(max(0, min(100, fit)) * width * 8 / 100)
    full, rest = divmod(eighths, 8)
    bar = "█" * full + (EIGHTHS[rest] if rest else "")
    return bar.ljust(width)


def shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
