"""Fit scores: base fit plus the weights of the rules that fired, clamped to 0-100."""

from __future__ import annotations


def clamp(total: int) -> int:
    return 0 if total < 0 else 100 if total > 100 else total


def order(fits: dict[str, int]) -> list[str]:
    """Best first; ties broken by framework id."""
    return sorted(fits, key=lambda fid: (-fits[fid], fid))
