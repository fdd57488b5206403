"""How far a group agrees, measured as the Delphi literature does: the share giving the most
common answer (single choice, yes/no; headcount compared by stage band), the mean pairwise
Jaccard similarity (lists), a threshold (75% by default: Diamond et al. 2014) read as words by
`engine.agreement`, Kendall's coefficient of concordance W, tie-corrected, for agreement on the
ranking, and how agreement moved between rounds. Facts and labels only; pure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence, Set
from itertools import combinations
from typing import Any

from framework_advisor.domain.answers import Answers
from framework_advisor.domain.contract import STAGES, stage_for_headcount
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.question import Question
from framework_advisor.domain.workshop import (
    DEFAULT_THRESHOLD,
    Participant,
    QuestionConsensus,
    RoundChange,
    answer_text,
)
from framework_advisor.engine import agreement
from framework_advisor.engine.group_answers import (
    answers_given,
    group_value,
    most_common,
    options_of,
)
from framework_advisor.engine.index import index_for


def jaccard(a: Set[str], b: Set[str]) -> float:
    """How alike two sets are: shared members over all members (1.0 for two empty sets)."""
    union = a | b
    return 1.0 if not union else len(a & b) / len(union)


def mean_pairwise_jaccard(sets: Sequence[set[str]]) -> float:
    """The mean Jaccard similarity over every pair of ``sets`` (1.0 for fewer than two)."""
    if len(sets) < 2:
        return 1.0
    pairs = list(combinations(sets, 2))
    return sum(jaccard(a, b) for a, b in pairs) / len(pairs)


def _mean_jaccard_fast(sets: Sequence[frozenset[str]]) -> float:
    """The mean pairwise Jaccard over distinct answer sets weighted by how many gave each: the
    same value as over every pair, in time quadratic in the distinct sets only."""
    n = len(sets)
    if n < 2:
        return 1.0
    counts = Counter(sets)
    distinct = list(counts)
    total = 0.0
    for i, a in enumerate(distinct):
        ca = counts[a]
        total += ca * (ca - 1) / 2  # identical sets: similarity 1
        for b in distinct[i + 1 :]:
            total += ca * counts[b] * jaccard(a, b)
    return total / (n * (n - 1) / 2)


def question_consensus(
    kb: KnowledgeBase,
    question: Question,
    values: Sequence[Any],
    threshold: float = DEFAULT_THRESHOLD,
) -> QuestionConsensus | None:
    """The group's agreement on one question, from the answers given (None: not scored)."""
    if not values:
        return None
    raw = values
    if question.type == "multiple":
        sets = [frozenset(v) for v in values]
        counts = Counter(option for s in sets for option in s)
        order: list[Any] = options_of(kb, question)
        answers = {o: counts[o] for o in order if counts[o]}
        value = _mean_jaccard_fast(sets)
        group = group_value(kb, question, values)
        statistic = "jaccard"
        holders = agreement.holders_of_lists(sets)
    elif question.type in ("single", "yes_no") or question.id == "headcount":
        if question.id == "headcount":
            values = [stage_for_headcount(v) for v in values]
            order = list(STAGES)
        elif question.type == "yes_no":
            order = [True, False]
        else:
            order = options_of(kb, question)
        ranked = most_common(values, order)
        counts = Counter(values)
        answers = {answer_text(v): counts[v] for v in ranked}
        value = counts[ranked[0]] / len(values)
        group = ranked[0]
        if question.id == "headcount":  # the group's headcount is the median: its band
            group = stage_for_headcount(group_value(kb, question, raw))
        statistic = "share"
        holders = agreement.holders_of_one(values)
    else:
        return None
    stage = kb.question("stage") if question.id == "headcount" else None
    readable = stage or question
    labels = {text: readable_answer(readable, text) for text in [*answers, answer_text(group)]}
    said = agreement.level(holders, len(values), threshold)
    return QuestionConsensus(
        question=question.id,
        label=question.label,
        statistic=statistic,
        consensus=value,
        answered=len(values),
        answers=answers,
        group_answer=answer_text(group),
        reached=said != agreement.SPLIT,
        answer_labels=labels,
        agreement=said,
        holders=holders,
        decision=question.decision,
    )


def readable_answer(question: Question, text: str) -> str:
    """An answer written as text ("true", "scaleup", "a,b") as a person reads it."""
    if question.type == "yes_no":
        return {"true": question.label_of(True), "false": question.label_of(False)}.get(text, text)
    return ", ".join(question.label_of(part) for part in text.split(",") if part) or text


def consensus(
    kb: KnowledgeBase,
    answers_list: Sequence[Answers],
    threshold: float = DEFAULT_THRESHOLD,
    fixed: Answers | None = None,
) -> list[QuestionConsensus]:
    """Every scored question (not fixed, answered by someone), least consensus first."""
    fixed = fixed or {}
    given = answers_given(kb, answers_list)
    found = []
    for position, question in enumerate(kb.questions):
        if question.id in fixed:
            continue
        result = question_consensus(kb, question, given.get(question.id, []), threshold)
        if result is not None:
            found.append((result.consensus, position, result))
    return [result for _, _, result in sorted(found, key=lambda item: item[:2])]


def _ranks(scores: Sequence[float]) -> tuple[list[float], int]:
    """Ranks (1 = highest score; ties share the mean of their positions) and the rater's tie
    term sum(t^3 - t) over its groups of tied scores."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    ranks = [0.0] * len(scores)
    ties = 0
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and scores[order[end + 1]] == scores[order[start]]:
            end += 1
        t = end - start + 1
        mean_rank = (start + end) / 2 + 1
        for k in range(start, end + 1):
            ranks[order[k]] = mean_rank
        ties += t**3 - t
        start = end + 1
    return ranks, ties


def kendall_w(rows: Sequence[Sequence[float]]) -> float | None:
    """Kendall's W over m raters (rows) ranking the same n items by score, with the tie
    correction: W = 12 S / (m^2 (n^3 - n) - m sum T), T = sum(t^3 - t) per rater.

    None where it is undefined: fewer than two raters or items, or every rater tying every item."""
    m = len(rows)
    if m < 2:
        return None
    n = len(rows[0])
    if n < 2:
        return None
    totals = [0.0] * n
    tie_sum = 0
    for row in rows:
        ranks, ties = _ranks(row)
        tie_sum += ties
        for i, r in enumerate(ranks):
            totals[i] += r
    mean = m * (n + 1) / 2
    s = sum((r - mean) ** 2 for r in totals)
    denominator = m * m * (n**3 - n) - m * tie_sum
    if denominator <= 0:
        return None
    return 12 * s / denominator


def round_score(score: float) -> float:
    """A consensus score rounded for display and comparison (four places)."""
    return round(score, 4)


def compare_rounds(
    kb: KnowledgeBase,
    before: Sequence[Participant],
    after: Sequence[Participant],
    threshold: float = DEFAULT_THRESHOLD,
    fixed: Answers | None = None,
) -> list[RoundChange]:
    """Per scored question: agreement at the last reveal and now, and how many of those in
    both rounds (matched by id) changed their answer."""
    earlier = {c.question: c for c in consensus(kb, [p.answers for p in before], threshold, fixed)}
    later = consensus(kb, [p.answers for p in after], threshold, fixed)
    by_id = {p.file or p.id: p.answers for p in before}
    changes = []
    order = index_for(kb).question_order
    for item in sorted(later, key=lambda c: order[c.question]):
        then = earlier.get(item.question)
        moved = sum(
            1
            for p in after
            if (p.file or p.id) in by_id
            and by_id[p.file or p.id].get(item.question) != p.answers.get(item.question)
        )
        changes.append(
            RoundChange(
                item.question,
                then.consensus if then else 0.0,
                item.consensus,
                moved,
                label=item.label,
                agreement_before=then.agreement if then else "",
                agreement_after=item.agreement,
            )
        )
    return changes
