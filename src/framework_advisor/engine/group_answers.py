"""The group's answers, from each participant's: the most common answer to a single choice (ties
to the earlier option), the options at least half chose for a list, the lower median of a
number, the fixed answers as they are. Pure: answers in, answers out; no sentences."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from typing import Any

from framework_advisor.domain.answers import Answers
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.question import Question
from framework_advisor.engine.flow import hidden_answers


def options_of(kb: KnowledgeBase, question: Question) -> list[str]:
    """The values ``question`` accepts (framework ids for a question whose options come from
    the frameworks)."""
    if question.options_from == "frameworks":
        return list(kb.frameworks)
    return [option.value for option in question.options]


def answers_given(kb: KnowledgeBase, answers_list: Sequence[Answers]) -> dict[str, list[Any]]:
    """Question id -> the answers given to it, leaving out answers to questions that do not
    apply to that participant (the engine ignores those too)."""
    given: dict[str, list[Any]] = {}
    for answers in answers_list:
        hidden = set(hidden_answers(kb, answers))
        for qid, value in answers.items():
            if qid not in hidden and value is not None:
                given.setdefault(qid, []).append(value)
    return given


def most_common(values: Sequence[Any], order: Sequence[Any]) -> list[Any]:
    """Values by how many gave them, most first; ties to the earlier option."""
    counts = Counter(values)
    position = {value: i for i, value in enumerate(order)}
    return sorted(counts, key=lambda v: (-counts[v], position.get(v, len(position)), str(v)))


def group_value(kb: KnowledgeBase, question: Question, values: Sequence[Any]) -> Any:
    if question.type == "single":
        return most_common(values, options_of(kb, question))[0]
    if question.type == "yes_no":
        return most_common(values, [True, False])[0]
    if question.type == "multiple":
        counts = Counter(option for value in values for option in set(value))
        order = options_of(kb, question)
        chosen = [o for o in order if 2 * counts[o] >= len(values)]
        if not chosen and question.required and counts:
            # a required list (needs) is never empty: keep the most chosen option(s)
            most = max(counts.values())
            chosen = [o for o in order if counts[o] == most]
        return chosen
    if question.type == "number":
        # the lower median: always an answer somebody gave, and a whole number
        return statistics.median_low(values)
    return None  # text: not aggregated (a fixed answer, if any, is used as it is)


def group_answers(
    kb: KnowledgeBase, answers_list: Sequence[Answers], fixed: Answers | None = None
) -> Answers:
    """Single choice: the most common answer (ties to the earlier option); multiple choice: the
    options chosen by at least half of those who answered; numbers: the (lower) median; the
    fixed answers as they are."""
    fixed = dict(fixed or {})
    given = answers_given(kb, answers_list)
    group: Answers = {}
    for question in kb.questions:
        if question.id in fixed:
            group[question.id] = fixed[question.id]
            continue
        values = given.get(question.id)
        if not values:
            continue
        value = group_value(kb, question, values)
        if value is not None:
            group[question.id] = value
    for question in kb.questions:  # a drawn answer keeps only what the group's source holds
        source = question.drawn_from
        if source is not None and question.id in group:
            kept = [v for v in group[question.id] if v in (group.get(source) or [])]
            if kept:
                group[question.id] = kept
            else:
                del group[question.id]
    if "headcount" in group and "stage" in group and "stage" not in fixed:
        del group["stage"]  # the headcount decides the stage
    team, headcount = group.get("team_size"), group.get("headcount")
    if isinstance(team, int) and isinstance(headcount, int) and team > headcount:
        group["team_size"] = headcount
    return group
