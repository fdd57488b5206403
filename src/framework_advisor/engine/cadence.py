"""One meeting calendar for the whole mix: rituals of the same purpose and frequency (the same
ritual id) merge into one meeting with a combined agenda, as long as the longest of them. Over
the leaders' time, meetings move to their lighter documented forms, the biggest saving first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from framework_advisor.domain.framework import MEETINGS_PER_MONTH, Framework
from framework_advisor.domain.recommendation import CadenceItem

if TYPE_CHECKING:
    from framework_advisor.engine.index import EngineIndex

__all__ = [
    "FREQUENCY_ORDER",
    "MEETINGS_PER_MONTH",
    "Lightened",
    "calendar_minutes",
    "fit_calendar",
    "lightest_minutes",
    "meeting_cost",
    "merge_cadence",
]
FREQUENCY_ORDER = list(MEETINGS_PER_MONTH)
Lightened = frozenset[tuple[str, str]]
"""The meetings held in their lighter form, by the full ritual's (id, frequency)."""
FULL: Lightened = frozenset()


def merge_cadence(
    frameworks: list[Framework],
    shared_names: dict[str, str] | None = None,
    lightened: Lightened = FULL,
) -> list[CadenceItem]:
    """The meeting calendar of ``frameworks``: rituals with the same id and frequency merge
    into one meeting (the longest length wins, every framework it serves listed; a shared
    meeting takes its name from ``shared_names`` where one is given), with minutes per month
    from each frequency, most frequent first. A ritual whose meeting is in ``lightened`` and
    that has lighter variants is held in its lightest one (named in ``variant``)."""
    merged: dict[tuple[str, str], dict] = {}
    for framework in frameworks:
        for ritual in framework.rituals:
            name, frequency, minutes, variant = ritual.name, ritual.frequency, ritual.minutes, ""
            if ritual.lighter and (ritual.id, ritual.frequency) in lightened:
                light = ritual.lighter[-1]
                name = variant = light.name
                frequency, minutes = light.frequency, light.minutes
            key = (ritual.id, frequency)
            entry = merged.get(key)
            if entry is None:
                merged[key] = {
                    "name": name,
                    "ids": [framework.id],
                    "minutes": minutes,
                    "variant": variant,
                }
            else:
                entry["ids"].append(framework.id)
                entry["minutes"] = max(entry["minutes"], minutes)
                entry["variant"] = entry["variant"] or variant
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
            variant=entry["variant"],
        )
        for (ritual_id, frequency), entry in merged.items()
    ]
    items.sort(key=lambda item: (FREQUENCY_ORDER.index(item.frequency), item.id))
    return items


def calendar_minutes(
    index: EngineIndex, frameworks: tuple[str, ...] | list[str], lightened: Lightened = FULL
) -> int:
    """Minutes a month of the merged calendar of ``frameworks``: what ``merge_cadence`` would
    add up, without building it (the mix search asks this for every subset it weighs)."""
    longest: dict[tuple[str, str], int] = {}
    for fid in frameworks:
        for key, minutes, light_key, light_minutes in index.ritual_forms[fid]:
            if light_key is not None and key in lightened:
                key, minutes = light_key, light_minutes
            if minutes > longest.get(key, 0):
                longest[key] = minutes
    return sum(round(minutes * MEETINGS_PER_MONTH[key[1]]) for key, minutes in longest.items())


def meeting_cost(index: EngineIndex, frameworks: tuple[str, ...] | list[str]) -> int:
    """Minutes a month of the merged calendar of ``frameworks``, every meeting in full."""
    return calendar_minutes(index, frameworks)


def lightened_forms(index: EngineIndex, frameworks: tuple[str, ...] | list[str]) -> Lightened:
    """Every meeting of ``frameworks`` that has a lighter documented form."""
    return frozenset(
        key for fid in frameworks for key, _, light, _ in index.ritual_forms[fid] if light
    )


def lightest_minutes(index: EngineIndex, frameworks: tuple[str, ...] | list[str]) -> int:
    """The calendar's minutes with every meeting in its lightest form, or in full where that is
    less: below this no lightening goes (the mix search's test of a set against the budget)."""
    full = calendar_minutes(index, frameworks)
    every = lightened_forms(index, frameworks)
    return min(full, calendar_minutes(index, frameworks, every)) if every else full


def fit_calendar(
    index: EngineIndex, frameworks: tuple[str, ...] | list[str], budget: int | None
) -> tuple[int, Lightened]:
    """The calendar's minutes within ``budget`` where its lighter forms allow: every meeting
    in full when that fits; otherwise meetings move to their lightest documented form one at a
    time, the one saving most first, until it fits. It fits exactly when ``lightest_minutes``
    does; when it cannot, every meeting is as light as it goes. Returns the minutes and the
    meetings lightened."""
    key = (tuple(frameworks), budget)
    found = index.fitted_sets.get(key)
    if found is None:
        found = index.fitted_sets[key] = _fit(index, frameworks, budget)
    return found


def _fit(
    index: EngineIndex, frameworks: tuple[str, ...] | list[str], budget: int | None
) -> tuple[int, Lightened]:
    minutes = calendar_minutes(index, frameworks)
    if budget is None or minutes <= budget:
        return minutes, FULL
    every = lightened_forms(index, frameworks)
    lightest = calendar_minutes(index, frameworks, every) if every else minutes
    if lightest > budget:
        return (lightest, every) if lightest < minutes else (minutes, FULL)
    left = sorted(every)
    lightened = FULL
    while minutes > budget and left:
        saving, key = min((calendar_minutes(index, frameworks, lightened | {k}), k) for k in left)
        if saving >= minutes:
            break
        minutes, lightened = saving, lightened | {key}
        left.remove(key)
    return (minutes, lightened) if minutes <= budget else (lightest, every)
