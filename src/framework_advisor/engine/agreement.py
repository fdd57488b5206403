"""Agreement in words: all agree, most agree, or split. One definition for the summary, the
live view and the threshold in `workshop.yaml`. Pure: no I/O.

- **All agree**: everyone who answered gives the same answer.
- **Most agree**: at least the threshold's share gives the same answer (75% by default: the
  median threshold across Delphi studies, Diamond et al. 2014), always more than half and never
  everyone. Small groups: two people agree or split (half is no majority); with three, "most"
  is two (the threshold's three would be everyone). A threshold of 100% has no "most".
- **Split**: anything less.

A list answer (multiple choice) is read one option at a time, as the group's answer is made
(an option is in it when at least half chose it): for each option someone chose, those who
chose it and those who did not are two answers, and the list's agreement is its least agreed
option's."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Sequence
from typing import Any

from framework_advisor.domain.workshop import AGREEMENT_LEVELS

ALL, MOST, SPLIT = AGREEMENT_LEVELS


def most_needed(people: int, threshold: float) -> int | None:
    """How many must give one answer for "most agree" among ``people`` (None: this group has
    no "most": one person, or two)."""
    if people < 3 or threshold >= 1:
        return None  # two people agree or split; a threshold of 100% asks for everyone
    needed = max(math.ceil(threshold * people - 1e-9), people // 2 + 1)
    return min(needed, people - 1)


def level(holders: int, people: int, threshold: float) -> str:
    """``all``, ``most`` or ``split`` when ``holders`` of ``people`` give the same answer."""
    if people and holders >= people:
        return ALL
    needed = most_needed(people, threshold)
    return MOST if needed is not None and holders >= needed else SPLIT


def holders_of_one(values: Sequence[Any]) -> int:
    """How many give the most common answer."""
    return max(Counter(values).values(), default=0)


def holders_of_lists(values: Sequence[Collection[str]]) -> int:
    """For lists: on the least agreed option someone chose, how many are on its larger side
    (chose it, or did not)."""
    people = len(values)
    sets = [set(v) for v in values]
    chosen = Counter(option for s in sets for option in s)
    if not chosen:
        return people
    return min(max(count, people - count) for count in chosen.values())
