"""Words for conditions and answers: "because you said ...", and what would make a rule fire."""

from __future__ import annotations

from typing import Any

from framework_advisor.domain.condition import AllOf, AnyOf, Condition, Leaf, Not
from framework_advisor.domain.knowledge import KnowledgeBase

_OP_WORDS = {
    "in": "is {v}",
    "not_in": "is not {v}",
    "eq": "is {v}",
    "ne": "is not {v}",
    "has_any": "includes {v}",
    "has_all": "includes all of {v}",
    "has_none": "includes none of {v}",
    "lt": "is under {v}",
    "lte": "is at most {v}",
    "gt": "is over {v}",
    "gte": "is at least {v}",
}


def label(kb: KnowledgeBase, question_id: str, value: Any) -> str:
    question = kb.question(question_id)
    return question.label_of(value) if question else str(value)


def _values(kb: KnowledgeBase, leaf: Leaf) -> str:
    if isinstance(leaf.value, list):
        labels = [label(kb, leaf.question, v) for v in leaf.value]
        joiner = " and " if leaf.op in ("has_all",) else " or "
        return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + joiner + labels[-1]
    return label(kb, leaf.question, leaf.value)


def question_label(kb: KnowledgeBase, question_id: str) -> str:
    question = kb.question(question_id)
    return question.label if question else question_id


def describe(kb: KnowledgeBase, condition: Condition) -> str:
    """A condition in words: "Function is Sales and Stage is Startup (under 50 people)"."""
    if isinstance(condition, Leaf):
        name = question_label(kb, condition.question)
        if condition.op == "between":
            low, high = condition.value
            return f"{name} is between {low:,} and {high:,}"
        words = _OP_WORDS[condition.op].format(v=_values(kb, condition))
        return f"{name} {words}"
    if isinstance(condition, Not):
        return f"not ({describe(kb, condition.part)})"
    if isinstance(condition, AllOf | AnyOf):
        if not condition.parts:
            return "always"
        joiner = " and " if isinstance(condition, AllOf) else " or "
        return joiner.join(describe(kb, part) for part in condition.parts)
    raise TypeError(condition)


def leaves(condition: Condition) -> list[Leaf]:
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
    memo: dict[tuple[Any, ...], str] | None = None,
) -> str:
    """``memo`` keeps "question: answer" texts, which depend only on the knowledge base."""
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
    parts = []
    questions = kb.question_map
    for question_id, value in shown.items():
        derived_from = view.get("headcount") if question_id == "stage" and stage_derived else None
        key = (question_id, tuple(value) if isinstance(value, list) else value, derived_from)
        text = memo.get(key) if memo is not None else None
        if text is None:
            question = questions.get(question_id)
            name = question.label if question else question_id
            text = f"{name}: {question.label_of(value) if question else value}"
            if question_id == "stage" and stage_derived:
                text += f", from a headcount of {view['headcount']:,}"
            if memo is not None:
                memo[key] = text
        parts.append(text)
    return "; ".join(parts)
