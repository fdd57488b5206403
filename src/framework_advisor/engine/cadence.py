"""One meeting calendar for the whole mix: rituals of the same purpose and frequency (the same
ritual id) merge into one meeting with a combined agenda, as long as the longest of them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from framework_advisor.domain.framework import MEETINGS_PER_MONTH, Framework
from framework_advisor.domain.recommendation import CadenceItem

if TYPE_CHECKING:
    from framework_advisor.engine.index import EngineIndex

__all__ = ["FREQUENCY_ORDER", "MEETINGS_PER_MONTH", "meeting_cost", "merge_cadence"]
FREQUENCY_ORDER = list(MEETINGS_PER_MONTH)


def merge_cadence(
    frameworks: list[Framework], shared_names: dict[str, str] | None = None
) -> list[CadenceItem]:
    """The meeting calendar of ``frameworks``: rituals with the same id and frequency merge
    into one meeting (the longest length wins, every framework it serves listed; a shared
    meeting takes its name from ``shared_names`` where one is given), with minutes per month
    from each frequency, most frequent first."""
    merged: dict[tuple[str, str], dict] = {}
    for framework in frameworks:
        for ritual in framework.rituals:
            key = (ritual.id, ritual.frequency)
            entry = merged.get(key)
            if entry is None:
                merged[key] = {
                    "name": ritual.name,
                    "ids": [framework.id],
                    "minutes": ritual.minutes,
                }
            else:
                entry["ids"].append(framework.id)
                entry["minutes"] = max(entry["minutes"], ritual.minutes)
    items = [
        CadenceItem(
            ritual=(shared_names or {}).get(ritual_id, entry["name"])
            if len(entry["ids"]) > 1
            else entry["name"],
            id=ritual_id,
            frameworks=entry["ids"],
            frequency=frequency,
            minutes_per_meeting=entry["minutes"],
            minutes_per_month=round(entry["minutes"] * MEETINGS_PER_MONTH[frequency]),
        )
        for (ritual_id, frequency), entry in merged.items()
    ]
    items.sort(key=lambda item: (FREQUENCY_ORDER.index(item.frequency), item.id))
    return items


def meeting_cost(index: EngineIndex, frameworks: tuple[str, ...] | list[str]) -> int:
    """Minutes a month of the merged calendar of ``frameworks``: what ``merge_cadence`` would
    add up, without building it (the mix search asks this for every subset it weighs)."""
    longest: dict[tuple[str, str], int] = {}
    for fid in frameworks:
        for key, minutes in index.rituals[fid]:
            if minutes > longest.get(key, 0):
                longest[key] = minutes
    return sum(round(minutes * MEETINGS_PER_MONTH[key[1]]) for key, minutes in longest.items())
