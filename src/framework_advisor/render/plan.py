"""The plan of a recommendation in words, shared by the text and Markdown renderers."""

from __future__ import annotations

from framework_advisor.domain.recommendation import Phase, Recommendation
from framework_advisor.render.bars import shorten


def phase_pairs(before: Recommendation, after: Recommendation) -> list[tuple[str, str]]:
    """Each phase's frameworks (short names) before and after, phase by phase."""
    names = {item.id: item.name for item in after.ranking}

    def label(phases: list[Phase], number: int) -> str:
        if number >= len(phases):
            return ""
        return ", ".join(shorten(names[f], 40) for f in phases[number].frameworks)

    count = max(len(before.phases), len(after.phases))
    return [(label(before.phases, n), label(after.phases, n)) for n in range(count)]


def rank_change(from_rank: int, to_rank: int) -> str:
    """A move in the ranking in words: "up from #6 to #5", "still #3"."""
    if to_rank == from_rank:
        return f"still #{to_rank}"
    return f"{'up' if to_rank < from_rank else 'down'} from #{from_rank} to #{to_rank}"
