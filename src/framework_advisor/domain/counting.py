"""A count with its noun in the right number: "1 participant", "3 participants"."""

from __future__ import annotations


def counted(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else plural or singular + 's'}"
