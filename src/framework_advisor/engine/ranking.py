"""Fit scores: base fit plus the weights of the rules that fired, clamped to 0-100."""

from __future__ import annotations


def clamp(total: int) -> int:
    """A raw total as a fit from 0 to 100."""
    return 0 if total < 0 else 100 if total > 100 else total


def order(totals: dict[str, int]) -> list[str]:
    """Best first by raw total (before the 0-100 clamp, so two fits capped at 100 still rank
    apart); ties keep the knowledge base's framework order, in which ``totals`` is built."""
    return sorted(totals, key=lambda fid: -totals[fid])
