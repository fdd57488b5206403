"""Words for conditions and answers: "because you said ...", and what would make a rule fire."""

from __future__ import annotations

from typing import Any

from framework_advisor.domain.condition import Condition, Leaf, Not
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.text import Message, message
from framework_advisor.domain.wording import describe, label, question_label

__all__ = ["because_leaves", "describe", "label", "leaves", "question_label"]


def leaves(condition: Condition) -> list[Leaf]:
    """Every leaf test in ``condition``, in reading order (a negation's leaves included)."""
    if isinstance(condition, Leaf):
        return [condition]
    if isinstance(condition, Not):
        return leaves(condition.part)
    return [leaf for part in condition.parts for leaf in leaves(part)]


def because_leaves(
    kb: KnowledgeBase,
    condition_leaves: list[Leaf],
    view: dict[str, Any],
    stage_derived: bool,
    memo: dict[tuple[Any, ...], Message] | None = None,
) -> Message | None:
    """The answers that made a rule fire, as one message (None: none shown). ``memo`` keeps
    each "question: answer" message, which depends only on the knowledge base."""
    shown: dict[str, Any] = {}
    for leaf in condition_leaves:
        answer = view.get(leaf.question)
        if answer is None:
            continue
        if leaf.op == "has_any" or leaf.op == "has_all":
            matched = [v for v in answer if v in leaf.value]
            previous = shown.get(leaf.question)
            shown[leaf.question] = matched if previous is None else [*previous, *matched]
        elif leaf.question not in shown:
            shown[leaf.question] = answer
    parts: list[Message] = []
    keys: list[tuple[Any, ...]] = []
    questions = kb.question_map
    for question_id, value in shown.items():
        derived_from = view.get("headcount") if question_id == "stage" and stage_derived else None
        key = (question_id, tuple(value) if isinstance(value, list) else value, derived_from)
        keys.append(key)
        said = memo.get(key) if memo is not None else None
        if said is None:
            question = questions.get(question_id)
            name = question.label if question else question_id
            answer = question.label_of(value) if question else str(value)
            said = (
                message("because.derived", question=name, answer=answer, headcount=derived_from)
                if derived_from is not None
                else message("because.answer", question=name, answer=answer)
            )
            if memo is not None:
                memo[key] = said
        parts.append(said)
    if not parts:
        return None
    if memo is None:
        return message("because.answers", answers=parts)
    whole = ("because", *keys)  # the same answers, the same message: said once (Catalogue.say)
    said_all = memo.get(whole)
    if said_all is None:
        said_all = memo[whole] = message("because.answers", answers=parts)
    return said_all
