"""Where examples come from, in words: "function:sales" reads "Function: Sales"."""

from __future__ import annotations

from framework_advisor.domain.knowledge import KnowledgeBase


def area_labels(kb: KnowledgeBase | None, areas: list[str]) -> list[str]:
    """Each area (``kind:value``, the kind a question's id) as its question's and its option's
    labels; an area no question names stays as it is."""
    labels = []
    for area in areas:
        kind, _, value = area.partition(":")
        question = kb.question(kind) if kb is not None else None
        labels.append(f"{question.label}: {question.label_of(value)}" if question else area)
    return labels
