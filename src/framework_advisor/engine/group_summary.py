"""A workshop's summary, put together: the group's answers (`group_answers`) and plan, how far
people agree (`group_statistics`), each answer given with who holds it and what it would change
in the plan, the agenda (`group_agenda`), the room's decisions over the group's answers, and
where one participant differs from the group. Facts and labels only, never sentences. Pure and
deterministic: no I/O."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from typing import Any

import msgspec

from framework_advisor.domain.answers import Answers
from framework_advisor.domain.contract import STAGES, stage_for_headcount
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.question import Question
from framework_advisor.domain.workshop import (
    DEFAULT_MINUTES,
    DEFAULT_THRESHOLD,
    Decided,
    Decision,
    Difference,
    GroupFit,
    Participant,
    ParticipantTop,
    Position,
    QuestionConsensus,
    Skipped,
    WorkshopSummary,
    answer_text,
)
from framework_advisor.engine import agreement
from framework_advisor.engine.examples import select_examples
from framework_advisor.engine.flow import hidden_answers
from framework_advisor.engine.group_agenda import agenda_for
from framework_advisor.engine.group_answers import (
    answers_given,
    group_answers,
    most_common,
    options_of,
)
from framework_advisor.engine.group_statistics import (
    compare_rounds,
    consensus,
    kendall_w,
    readable_answer,
)
from framework_advisor.engine.index import index_for
from framework_advisor.engine.recommend import rank, recommend

TOP = 3


def group_ranking(kb: KnowledgeBase, fit_rows: Sequence[dict[str, int]]) -> list[GroupFit]:
    """Per framework, the mean of the participants' fits and their spread (population
    standard deviation); highest mean first, ties in the knowledge base's order."""
    ids = list(kb.frameworks)
    result = []
    for fid in ids:
        fits = [row[fid] for row in fit_rows]
        mean = statistics.fmean(fits)
        spread = statistics.pstdev(fits) if len(fits) > 1 else 0.0
        short = index_for(kb).short_names.get(fid, "")
        result.append(GroupFit(fid, kb.frameworks[fid].name, mean, spread, fits, short))
    position = {fid: i for i, fid in enumerate(ids)}
    return sorted(result, key=lambda g: (-g.fit, position[g.id]))


def _outcome(kb: KnowledgeBase, answers: Answers) -> tuple[set[str], set[str]]:
    rec = recommend(kb, answers, sensitivity=False)  # its ranking is rank()'s
    return {item.id for item in rec.ranking[:TOP]}, {layer.framework for layer in rec.mix}


def _alternative(
    kb: KnowledgeBase, question: Question, values: Sequence[Any], group: Answers
) -> Any:
    """The strongest alternative to the group's answer: the runner-up answer (single choice,
    yes/no); for headcount the median headcount of the runner-up stage band; for multiple
    choice the group's options with the one nearest the half-way line switched (None: none)."""
    if question.type == "multiple":
        n = len(values)
        counts = Counter(option for value in values for option in set(value))
        current = set(group.get(question.id, []))
        candidates = [o for o in options_of(kb, question) if 0 < counts[o] < n]
        if not candidates:
            return None
        # nearest the line: chosen by just under half (added) or just over half (dropped)
        pick = min(candidates, key=lambda o: abs(2 * counts[o] - n))
        changed = current ^ {pick}
        return [o for o in options_of(kb, question) if o in changed]
    if question.id == "headcount":
        bands = [stage_for_headcount(v) for v in values]
        own = stage_for_headcount(group["headcount"])
        others = [b for b in most_common(bands, STAGES) if b != own]
        if not others:
            return None
        return statistics.median_low(
            [v for v, b in zip(values, bands, strict=True) if b == others[0]]
        )
    order = [True, False] if question.type == "yes_no" else options_of(kb, question)
    ranked = most_common(values, order)
    return ranked[1] if len(ranked) > 1 else None


class _Plans:
    """The plan (the mix) and top three under other group answers, each worked out once."""

    def __init__(self, kb: KnowledgeBase, group: Answers, top: list[str], mix: set[str]) -> None:
        self.kb, self.group, self.top, self.mix = kb, group, top, mix
        self.ids = list(kb.frameworks)
        self.seen: dict[str, tuple[set[str], set[str]]] = {}

    def under(self, question: str, value: Any) -> tuple[set[str], set[str]]:
        key = f"{question}={answer_text(value)}"
        if key not in self.seen:
            other = dict(self.group)
            if value is None or value == []:
                other.pop(question, None)
            else:
                other[question] = value
            if question == "headcount":
                other.pop("stage", None)
            self.seen[key] = _outcome(self.kb, other)
        return self.seen[key]

    def change(self, question: str, value: Any) -> tuple[list[str], list[str]]:
        """What ``value`` as the group's answer brings into the plan and takes out of it."""
        _, mix = self.under(question, value)
        return sorted(mix - self.mix, key=self.ids.index), sorted(
            self.mix - mix, key=self.ids.index
        )

    def swing(self, question: str, value: Any) -> list[str]:
        top, mix = self.under(question, value)
        return sorted((set(self.top) ^ top) | (self.mix ^ mix), key=self.ids.index)


def _positions(
    kb: KnowledgeBase,
    item: QuestionConsensus,
    people: Sequence[tuple[str, Any]],
    group: Answers,
    plans: _Plans,
) -> list[Position]:
    """Each answer given to ``item``'s question and who gave it, the group's first; where
    people differ, what each would do to the plan as the group's answer. ``people``: each
    participant's id and answer (None: not asked or not answered)."""
    question = kb.question_map[item.question]
    contested = item.agreement != agreement.ALL
    given = [(pid, value) for pid, value in people if value is not None]
    if question.type == "multiple":
        current = list(group.get(question.id) or [])
        found = []
        for option in options_of(kb, question):
            holders = [pid for pid, value in given if option in value]
            if not holders or (len(holders) == len(given) and not contested):
                continue
            flipped = [o for o in options_of(kb, question) if (o in current) != (o == option)]
            enters, leaves = (
                plans.change(question.id, flipped) if len(holders) < len(given) else ([], [])
            )
            found.append(
                Position(
                    option,
                    question.label_of(option),
                    holders,
                    enters,
                    leaves,
                    is_group=option in current,
                )
            )
        return sorted(found, key=lambda p: (not p.is_group, -len(p.holders)))
    found = []
    for text in item.answers:
        if question.id == "headcount":
            chosen = [(pid, v) for pid, v in given if stage_for_headcount(v) == text]
            value: Any = statistics.median_low([v for _, v in chosen])
        else:
            chosen = [(pid, v) for pid, v in given if answer_text(v) == text]
            value = chosen[0][1]
        own = text == item.group_answer
        enters, leaves = plans.change(question.id, value) if contested and not own else ([], [])
        found.append(
            Position(
                text,
                item.answer_labels.get(text, text),
                [pid for pid, _ in chosen],
                enters,
                leaves,
                is_group=own,
            )
        )
    return sorted(found, key=lambda p: (not p.is_group, -len(p.holders)))


def summarise_workshop(
    kb: KnowledgeBase,
    participants: Sequence[Participant],
    *,
    fixed: Answers | None = None,
    title: str = "",
    threshold: float = DEFAULT_THRESHOLD,
    minutes: int = DEFAULT_MINUTES,
    round: int = 1,
    skipped: Sequence[Skipped] = (),
    previous: Sequence[Participant] = (),
    anonymous: bool = False,
    decisions: Sequence[Decision] = (),
) -> WorkshopSummary:
    """The whole summary. ``participants`` must not be empty. ``previous``: the same workshop
    as it was at the last reveal, to compare rounds. ``decisions``: the room's, which the
    group's answers and plan follow; a decided question leaves the agenda."""
    if not participants:
        raise ValueError("no participants")  # workshops.build_summary says so first
    fixed = dict(fixed or {})
    decided = {d.question: d.value for d in decisions}
    answers_list = [p.answers for p in participants]
    rankings = [rank(kb, answers) for answers in answers_list]
    fit_rows = [{item.id: item.fit for item in ranked} for ranked in rankings]
    ids = list(kb.frameworks)
    w = kendall_w([[row[fid] for fid in ids] for row in fit_rows])

    group = group_answers(kb, answers_list, {**fixed, **decided})
    recommendation = recommend(kb, group, sensitivity=False)
    top = [item.id for item in recommendation.ranking[:TOP]]
    mix = {layer.framework for layer in recommendation.mix}
    plans = _Plans(kb, group, top, mix)

    given = answers_given(kb, answers_list)
    scored = consensus(kb, answers_list, threshold, fixed)
    hidden = [set(hidden_answers(kb, p.answers)) for p in participants]
    disagreements = []
    for item in scored:
        question = kb.question_map[item.question]
        people = [
            (p.id, None if item.question in gone else p.answers.get(item.question))
            for p, gone in zip(participants, hidden, strict=True)
        ]
        positions = _positions(kb, item, people, group, plans)
        if item.agreement == agreement.ALL:
            disagreements.append(msgspec.structs.replace(item, positions=positions))
            continue
        alternative = _alternative(kb, question, given[item.question], group)
        if alternative is None:
            disagreements.append(msgspec.structs.replace(item, positions=positions))
            continue
        shown = (
            f"{stage_for_headcount(alternative)} ({alternative})"
            if item.question == "headcount"
            else answer_text(alternative)
        )
        readable = kb.question("stage") if question.id == "headcount" else question
        labels = {**item.answer_labels, shown: readable_answer(readable or question, shown)}
        disagreements.append(
            msgspec.structs.replace(
                item,
                alternative=shown,
                swing=plans.swing(item.question, alternative),
                answer_labels=labels,
                positions=positions,
            )
        )

    agenda, also_differs = agenda_for(
        kb, [d for d in disagreements if d.question not in decided], minutes
    )
    order = index_for(kb).question_order
    said = [
        Decided(
            d.question,
            kb.question_map[d.question].label,
            kb.question_map[d.question].label_of(d.value),
            d.by,
            d.at,
        )
        for d in sorted(decisions, key=lambda d: order.get(d.question, len(order)))
        if d.question in kb.question_map
    ]
    participants_top = {
        p.id: ParticipantTop("" if anonymous else p.name, [item.id for item in ranked[:TOP]])
        for p, ranked in zip(participants, rankings, strict=True)
    }
    return WorkshopSummary(
        title=title,
        participants=len(participants),
        round=round,
        threshold=threshold,
        minutes=minutes,
        group_answers=group,
        group_ranking=group_ranking(kb, fit_rows),
        recommendation=recommendation,
        top=top,
        kendall_w=w,
        disagreements=disagreements,
        agenda=agenda,
        participants_top=participants_top,
        skipped=list(skipped),
        rounds=compare_rounds(kb, previous, participants, threshold, fixed) if previous else [],
        anonymous=anonymous,
        also_differs=also_differs,
        decided=said,
        most_needed=agreement.most_needed(len(participants), threshold) or 0,
        examples=select_examples(kb, group),
    )


def differences(kb: KnowledgeBase, summary: WorkshopSummary, answers: Answers) -> list[Difference]:
    """Where ``answers`` (one participant's) differ from the group's, question by question in
    the summary's order: for the participant's own view, which names nobody else."""
    found = []
    hidden = set(hidden_answers(kb, answers))  # answers to questions that do not apply
    for item in summary.disagreements:
        question = kb.question_map.get(item.question)
        value = answers.get(item.question)
        if question is None or value is None or item.question in hidden:
            continue
        if question.type == "multiple":
            group = list(summary.group_answers.get(item.question) or [])
            if set(value) == set(group):
                continue
            yours, theirs = question.label_of(value), question.label_of(group)
        else:
            text = (
                stage_for_headcount(value) if item.question == "headcount" else answer_text(value)
            )
            if text == item.group_answer:
                continue
            yours = item.answer_labels.get(text, question.label_of(value))
            theirs = item.answer_labels.get(item.group_answer, item.group_answer)
        found.append(Difference(item.question, item.label, yours, theirs))
    return found
