"""The top picks: the frameworks a reader compares first (the TUI's compare screen and the
report's comparison alike)."""

from __future__ import annotations

from framework_advisor.domain.recommendation import Recommendation

TOP_PICKS = 4


def top_picks(rec: Recommendation, limit: int = TOP_PICKS) -> list[str]:
    """The mix (phase one) in its order, then the best-ranked others that are not advised to
    retire, ``limit`` at most."""
    chosen = list(dict.fromkeys(layer.framework for layer in rec.mix))
    retired = {item.id for item in rec.retire}
    chosen += [item.id for item in rec.ranking if item.id not in chosen and item.id not in retired]
    return chosen[:limit]
