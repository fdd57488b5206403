"""Two recommendations side by side, and what moved between them."""

from __future__ import annotations

from framework_advisor.domain.answers import Answers
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.recommendation import RankChange, WhatIf
from framework_advisor.engine.recommend import recommend

__all__ = ["RankChange", "WhatIf", "compare_answers"]


def compare_answers(kb: KnowledgeBase, before: Answers, after: Answers) -> WhatIf:
    """Two recommendations, ``before`` and ``after``, and what changed between them: places
    moved in the ranking, fits, and the mix."""
    first, second = recommend(kb, before), recommend(kb, after)
    fits_before = {item.id: item for item in first.ranking}
    moved = [
        RankChange(
            item.id,
            fits_before[item.id].rank,
            item.rank,
            item.fit - fits_before[item.id].fit,
        )
        for item in second.ranking
        if item.rank != fits_before[item.id].rank or item.fit != fits_before[item.id].fit
    ]
    keys = list(dict.fromkeys([*before, *after]))
    changes = {k: after.get(k) for k in keys if before.get(k) != after.get(k)}
    return WhatIf(first, second, changes, moved)
