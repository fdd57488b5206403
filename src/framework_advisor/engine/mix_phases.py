"""The later phases of the plan: what the maturity cap, the size limit or the leaders' time
held back, each phase adding to (or replacing a stand-in of) the phases before it."""

from __future__ import annotations

from framework_advisor.domain.text import Message, message
from framework_advisor.engine.mix_search import (
    COVERED,
    QUALITY,
    Limits,
    Search,
)


def later_phases(
    search: Search, pool: list[str], first: tuple[str, ...], limits: Limits
) -> tuple[list[tuple[list[str], Message]], list[list[str]]]:
    """Phase 2 lifts the maturity cap; phase 3 adds what only more meeting time allows. A
    later phase may replace a stand-in of the phases before it (a member that merely supports
    the needs it covers, started while the framework built for them could not be) when the
    set without it covers the stated needs better (built for beats supports, issue 23)."""
    phases: list[tuple[list[str], Message]] = []
    replaces: list[list[str]] = []
    names = search.index.names
    fixed = first
    steps: list[tuple[int | None, Message | None]] = []
    if limits.maturity_cap is not None:
        steps.append((limits.effective, message("phase.why.no_goals_yet")))
    else:
        steps.append((limits.effective, None))
    if limits.budget is not None:
        steps.append((None, message("phase.why.more_time", budget=limits.budget)))
    most = limits.new_cap or limits.size_cap
    for budget, why in steps:
        current = search.evaluate(fixed, None)
        if current is None:
            continue
        best, _ = search.best(pool, fixed, most, budget)
        stand_ins = [m for m in fixed if search.stands_in(m)]
        if stand_ins:
            keep = tuple(m for m in fixed if m not in stand_ins)
            swap, _ = search.best(pool, keep, most + len(stand_ins), budget)
            if (
                swap is not None
                and swap.key[COVERED] >= current.key[COVERED]
                and (best is None or swap.key[: QUALITY + 1] > best.key[: QUALITY + 1])
                and search.takes_over(fixed, swap.members)
            ):
                best = swap
        if best is None or best.key[: QUALITY + 1] <= current.key[: QUALITY + 1]:
            continue  # covers no stated need more, or better, than the phases before
        added = [m for m in best.members if m not in fixed]
        dropped = [m for m in fixed if m not in best.members]
        reason = why or message(
            "phase.why.capacity", most=limits.most_new, names=[names[a] for a in added]
        )
        if dropped:
            reason = message(
                "phase.why.replaces",
                why=reason,
                added=[names[a] for a in added],
                replaced=[names[d] for d in dropped],
            )
        phases.append((added, reason))
        replaces.append(dropped)
        fixed = best.members
    return phases, replaces
