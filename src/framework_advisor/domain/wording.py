"""Conditions and answers in words, for every front end and renderer: pure, no I/O."""

from typing import Any

from framework_advisor.domain.condition import OPERATORS, AllOf, AnyOf, Condition, Leaf, Not
from framework_advisor.domain.knowledge import KnowledgeBase


def label(kb: KnowledgeBase, question_id: str, value: Any) -> str:
    """An answer to ``question_id`` as a person reads it (option labels, yes/no)."""
    question = kb.question(question_id)
    return question.label_of(value) if question else str(value)


def _quoted(kb: KnowledgeBase, question_id: str, value: Any) -> str:
    """An answer as it reads inside a sentence: an option's label in quotes, a number bare."""
    text = label(kb, question_id, value)
    return f"“{text}”" if isinstance(value, str) else text


def _values(kb: KnowledgeBase, leaf: Leaf) -> str:
    if isinstance(leaf.value, list):
        labels = [_quoted(kb, leaf.question, v) for v in leaf.value]
        joiner = " and " if leaf.op in ("has_all",) else " or "
        return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + joiner + labels[-1]
    return _quoted(kb, leaf.question, leaf.value)


def question_label(kb: KnowledgeBase, question_id: str) -> str:
    """The question's short label ("Goals feed pay"), or its id for an unknown question."""
    question = kb.question(question_id)
    return question.label if question else question_id


def describe(kb: KnowledgeBase, condition: Condition) -> str:
    """A condition in words: "Function is “Sales” and Stage is “Startup (under 50 people)”"."""
    if isinstance(condition, Leaf):
        name = question_label(kb, condition.question)
        words = OPERATORS[condition.op].words
        if condition.op == "unanswered":
            return f"{name} {words}" if condition.value else f"{name} is answered"
        if condition.op == "between":
            low, high = condition.value
            return f"{name} {words.format(low=low, high=high)}"
        words = words.format(v=_values(kb, condition))
        return f"{name} {words}"
    if isinstance(condition, Not):
        return f"not ({describe(kb, condition.part)})"
    if isinstance(condition, AllOf | AnyOf):
        if not condition.parts:
            return "always"
        joiner = " and " if isinstance(condition, AllOf) else " or "
        return joiner.join(describe(kb, part) for part in condition.parts)
    raise TypeError(condition)


def and_list(words: list[str]) -> str:
    """Words joined as a person writes them: "A", "A and B", "A, B and C"."""
    if not words:
        return ""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def need_labels(kb: KnowledgeBase) -> dict[str, str]:
    """Each option of the needs question (a stated need) -> its label."""
    question = kb.question("needs")
    return {o.value: o.label for o in question.options} if question else {}
