"""A workshop session's agenda: an opening slot (the group's proposed plan) and a closing one
(decisions and next steps), and between them only the questions people differ on that change
the plan or are decisions in their own right, each with at least ``SLOT_MINUTES``; the minutes
add up to the session's. What does not fit, and what changes nothing, is "also differs"."""

from __future__ import annotations

from collections.abc import Sequence

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.workshop import (
    MIN_MINUTES,
    SLOT_MINUTES,
    AgendaItem,
    QuestionConsensus,
)
from framework_advisor.engine import agreement
from framework_advisor.engine.index import index_for


def _apportion(scores: Sequence[float], minutes: int) -> list[int]:
    """Whole minutes in proportion to the scores, adding up to ``minutes`` (largest remainder)."""
    total = sum(scores)
    if total <= 0 or minutes <= 0:
        return [0] * len(scores)
    exact = [minutes * s / total for s in scores]
    whole = [int(e) for e in exact]
    left = minutes - sum(whole)
    by_remainder = sorted(range(len(scores)), key=lambda i: (-(exact[i] - whole[i]), i))
    for i in by_remainder[:left]:
        whole[i] += 1
    return whole


def agenda_for(
    kb: KnowledgeBase, items: Sequence[QuestionConsensus], minutes: int
) -> tuple[list[AgendaItem], list[str]]:
    """The session's agenda and the questions left to "also differs". An opening slot (the
    group's proposed plan) and a closing one (decisions and next steps); between them only the
    questions people differ on that change the plan or are decisions in their own right, each
    with at least ``SLOT_MINUTES``, split first, then by how much they change; the minutes add
    up to ``minutes``. What does not fit, and what changes nothing, is left to "also differs"."""
    if minutes < MIN_MINUTES:
        raise ValueError(f"minutes < MIN_MINUTES: {minutes}")  # the CLI allows no less
    slot = max(SLOT_MINUTES, round(minutes * 0.1))
    if minutes < 2 * slot + SLOT_MINUTES:
        slot = minutes // 2
    differing = [item for item in items if item.agreement != agreement.ALL]

    def weight(item: QuestionConsensus) -> int:
        changed = {f for p in item.positions for f in (*p.enters, *p.leaves)}
        return len(changed) + (2 if item.decision else 0) + (2 if not item.reached else 0)

    order = index_for(kb).question_order
    worth = [
        item
        for item in differing
        if item.decision or any(p.enters or p.leaves for p in item.positions)
    ]
    worth.sort(key=lambda item: (item.reached, -weight(item), order[item.question]))
    room = minutes - 2 * slot
    kept = worth[: room // SLOT_MINUTES]
    extra = _apportion([float(weight(item)) for item in kept], room - SLOT_MINUTES * len(kept))
    if not kept:
        extra = []
    topics = [
        AgendaItem(
            item.question,
            item.label,
            SLOT_MINUTES + more,
            float(weight(item)),
            ask=kb.question_map[item.question].prompt,
            options=[p.label for p in item.positions],
            decision=item.decision,
            changes_plan=any(p.enters or p.leaves for p in item.positions),
        )
        for item, more in zip(kept, extra or [0] * len(kept), strict=True)
    ]
    opening = slot + (0 if kept else (room + 1) // 2)
    closing = minutes - opening - sum(t.minutes for t in topics)
    agenda = [
        AgendaItem("", "", opening, 0.0, kind="opening"),
        *topics,
        AgendaItem("", "", closing, 0.0, kind="closing"),
    ]
    on_agenda = {item.question for item in kept}
    also = [item.question for item in differing if item.question not in on_agenda]
    return agenda, sorted(also, key=order.__getitem__)
