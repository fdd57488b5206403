"""'Did you mean ...?' for near misses."""

from __future__ import annotations

from collections.abc import Iterable


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    """A sentence suggesting the closest choice, or '' when nothing is close."""
    from difflib import get_close_matches

    if not isinstance(word, str):
        return ""
    matches = get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" Did you mean '{matches[0]}'?" if matches else ""


def one_of(choices: Iterable[str]) -> str:
    return ", ".join(f"'{c}'" for c in choices)
