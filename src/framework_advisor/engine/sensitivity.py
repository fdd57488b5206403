"""For each question, the one change of answer that would reorder the top three, and how."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from framework_advisor.domain.answers import Answers
from framework_advisor.domain.contract import STAGE_BANDS
from framework_advisor.domain.question import Question
from framework_advisor.domain.recommendation import Move, Sensitivity
from framework_advisor.domain.text import Message, message
from framework_advisor.engine.answers import inconsistency, outside_drawn_options
from framework_advisor.engine.explain import leaves
from framework_advisor.engine.flow import profile, visible_questions
from framework_advisor.engine.index import EngineIndex
from framework_advisor.engine.ranking import order

TOP = 3
MAX_CHANGES = 5


def number_candidates(index: EngineIndex, question: Question) -> list[int]:
    """Values either side of every threshold the rules test on this question."""
    values: set[int] = set()
    conditions = [r.rule.when for r in index.rules] + [
        q.when for q in index.kb.questions if q.when is not None
    ]
    for condition in conditions:
        for leaf in leaves(condition):
            if leaf.question != question.id:
                continue
            operands = leaf.value if isinstance(leaf.value, list) else [leaf.value]
            for operand in operands:
                if isinstance(operand, int | float) and not isinstance(operand, bool):
                    values.update({int(operand) - 1, int(operand), int(operand) + 1})
    if question.id == "headcount":
        values.update(lower for _, lower in STAGE_BANDS)
    low = question.min if question.min is not None else 0
    high = question.max if question.max is not None else 10**9
    return sorted(v for v in values if low <= v <= high)


def _alternatives(
    index: EngineIndex, question: Question, answers: Answers
) -> list[tuple[Any, Message]]:
    """(new value, how the change reads) for each single change of this question's answer:
    "Answering “Retail” to “Industry”", "A headcount of 249 instead of 400"."""
    current = answers.get(question.id)
    label = question.label
    if question.type == "single":
        return [
            (o.value, message("change.option", option=o.label, question=label))
            for o in question.options
            if o.value != current
        ]
    if question.type == "yes_no":
        return [
            (v, message("change.yes_no", answer=question.label_of(v), question=label))
            for v in (True, False)
            if v != current
        ]
    if question.type == "number":
        values = [v for v in number_candidates(index, question) if v != current]
        if isinstance(current, int | float):  # the smallest change first: the most telling
            values.sort(key=lambda v: (abs(v - current), v))
        noun = label[0].lower() + label[1:] if label[1:2].islower() else label
        if isinstance(current, int | float):
            return [
                (v, message("change.number_instead", noun=noun, value=v, current=current))
                for v in values
            ]
        return [(v, message("change.number", noun=noun, value=v)) for v in values]
    if question.type == "multiple":
        chosen = list(current or [])
        order = [o.value for o in question.options]
        changes: list[tuple[Any, Message]] = []
        for option in question.offered(answers):
            if option.value in chosen:
                rest = [v for v in chosen if v != option.value]
                if rest or not question.required:
                    changes.append(
                        (rest, message("change.take_out", option=option.label, question=label))
                    )
            else:
                added = sorted([*chosen, option.value], key=order.index)
                changes.append((added, message("change.add", option=option.label, question=label)))
        return changes
    return []


def _moves(before: list[str], after: list[str]) -> list[Move]:
    concerned = list(dict.fromkeys(before[:TOP] + after[:TOP]))
    moves = [
        Move(fid, before.index(fid) + 1, after.index(fid) + 1)
        for fid in concerned
        if before.index(fid) != after.index(fid)
    ]
    return sorted(moves, key=lambda m: (m.to_rank, m.id))


def _story(index: EngineIndex, change: Message, before: list[str], after: list[str]) -> Message:
    names = index.short_names
    for fid in after[:TOP]:
        old, new = before.index(fid), after.index(fid)
        if new < old:
            place = message(f"change.place.{new + 1}")
            passed = [f for f in before[:old] if after.index(f) > new]
            if passed:
                return message(
                    "change.moves_above",
                    change=change,
                    name=names[fid],
                    other=names[passed[0]],
                    place=place,
                )
            return message("change.moves_up", change=change, name=names[fid], place=place)
    return message("change.reorders", change=change)


def _reranked(
    index: EngineIndex,
    base: tuple[dict[str, Any], list[bool | None], dict[str, int]],
    view: dict[str, Any],
) -> tuple[list[str], dict[str, int]]:
    """The ranking and raw totals for ``view``, re-evaluating only the rules that read a
    changed answer."""
    base_view, base_states, base_totals = base
    changed = {key for key in base_view.keys() | view.keys() if base_view.get(key) != view.get(key)}
    positions = {p for question in changed for p in index.rules_on.get(question, ())}
    totals = dict(base_totals)
    for position in positions:
        indexed = index.rules[position]
        before, after = base_states[position] is True, indexed.test(view) is True
        if before != after:
            sign = 1 if after else -1
            for framework, weight, _reason in indexed.weights:
                totals[framework] += sign * weight
    return order(totals), totals


def sensitivity(
    index: EngineIndex,
    answers: Answers,
    ranking: list[str],
    base: tuple[dict[str, Any], list[bool | None], dict[str, int]],
    mix_of: Callable[[dict[str, Any], list[str], dict[str, int]], list[str]] | None = None,
    mix_before: list[str] | None = None,
) -> list[Sensitivity]:
    """The single changes of a context answer that matter most: each scored by how many
    top-three places it moves, plus one if it changes the mix; the best ``MAX_CHANGES``.
    ``base``: the view, rule states and raw totals the ranking came from; ``mix_of`` gives the
    mix for a view and its ranking (None: the mix is not compared), ``mix_before`` the mix the
    caller already chose for ``base``."""
    kb = index.kb
    scored: list[tuple[int, int, Sensitivity]] = []
    stage_from_headcount = "stage" not in answers and "headcount" in answers
    if mix_of is None:
        mix_before = None
    drawn = any(q.drawn_from is not None and q.id in answers for q in kb.questions)
    for order_at, question in enumerate(visible_questions(kb, answers)):
        if question.role != "context":
            continue  # another scope or other needs is another assessment
        if question.id == "stage" and stage_from_headcount:
            continue  # headcount's alternatives already cover the stage bands
        best: tuple[int, Sensitivity] | None = None
        for value, change in _alternatives(index, question, answers):
            changed = {**answers, question.id: value}
            if value == [] or value is None:
                changed.pop(question.id)
            if inconsistency(changed) is not None or (drawn and outside_drawn_options(kb, changed)):
                continue  # e.g. a headcount below the team size: not an answer anyone could give
            view = profile(kb, changed)
            after, totals = _reranked(index, base, view)
            if after[:TOP] == ranking[:TOP]:
                continue
            moves = _moves(ranking, after)
            score = len(moves)
            if mix_of is not None and mix_of(view, after, totals) != mix_before:
                score += 1
            if best is None or score > best[0]:
                story = _story(index, change, ranking, after)
                best = (score, Sensitivity(question.id, value, moves, text_message=story))
            if question.type == "number":
                break  # numbers: the nearest value that reorders, not the most dramatic
        if best is not None:
            scored.append((best[0], order_at, best[1]))
    scored.sort(key=lambda entry: (-entry[0], entry[1]))
    return [entry[2] for entry in scored[:MAX_CHANGES]]
