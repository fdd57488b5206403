"""A workshop's answers in; the group's answers, ranking and plan, each question's agreement
(in words, from `engine.agreement`, with its statistic), each answer given with who holds it
and what it would change in the plan, the agenda (opening, the topics that change the plan or
are decisions, closing) and what else differs out; the room's decisions override the group's
answers. Facts and labels only, never sentences. Pure and deterministic: no I/O.

The statistics follow the Delphi literature: the share giving the most common answer (single
choice, yes/no; headcount compared by stage band), the mean pairwise Jaccard similarity
(multiple choice), a threshold (75% by default: Diamond et al. 2014), and Kendall's
coefficient of concordance W, tie-corrected, for agreement on the ranking."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence, Set
from itertools import combinations
from typing import Any

import msgspec

from framework_advisor.domain.answers import Answers
from framework_advisor.domain.contract import STAGES, stage_for_headcount
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.question import Question
from framework_advisor.domain.workshop import (
    DEFAULT_MINUTES,
    DEFAULT_THRESHOLD,
    MIN_MINUTES,
    SLOT_MINUTES,
    AgendaItem,
    Decided,
    Decision,
    Difference,
    GroupFit,
    Participant,
    ParticipantTop,
    Position,
    QuestionConsensus,
    RoundChange,
    Skipped,
    WorkshopSummary,
    answer_text,
)
from framework_advisor.engine import agreement
from framework_advisor.engine.flow import hidden_answers
from framework_advisor.engine.index import index_for
from framework_advisor.engine.recommend import rank, recommend

TOP = 3
SCORED = ("single", "yes_no", "multiple")


# --- the group's answers ----------------------------------------------------------------------


def options_of(kb: KnowledgeBase, question: Question) -> list[str]:
    """The values ``question`` accepts (framework ids for a question whose options come from
    the frameworks)."""
    if question.options_from == "frameworks":
        return list(kb.frameworks)
    return [option.value for option in question.options]


def _given(kb: KnowledgeBase, answers_list: Sequence[Answers]) -> dict[str, list[Any]]:
    """Question id -> the answers given to it, leaving out answers to questions that do not
    apply to that participant (the engine ignores those too)."""
    given: dict[str, list[Any]] = {}
    for answers in answers_list:
        hidden = set(hidden_answers(kb, answers))
        for qid, value in answers.items():
            if qid not in hidden and value is not None:
                given.setdefault(qid, []).append(value)
    return given


def _most_common(values: Sequence[Any], order: Sequence[Any]) -> list[Any]:
    """Values by how many gave them, most first; ties to the earlier option."""
    counts = Counter(values)
    position = {value: i for i, value in enumerate(order)}
    return sorted(counts, key=lambda v: (-counts[v], position.get(v, len(position)), str(v)))


def _group_value(kb: KnowledgeBase, question: Question, values: Sequence[Any]) -> Any:
    if question.type == "single":
        return _most_common(values, options_of(kb, question))[0]
    if question.type == "yes_no":
        return _most_common(values, [True, False])[0]
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
    given = _given(kb, answers_list)
    group: Answers = {}
    for question in kb.questions:
        if question.id in fixed:
            group[question.id] = fixed[question.id]
            continue
        values = given.get(question.id)
        if not values:
            continue
        value = _group_value(kb, question, values)
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


# --- consensus --------------------------------------------------------------------------------


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
        group = _group_value(kb, question, values)
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
        ranked = _most_common(values, order)
        counts = Counter(values)
        answers = {answer_text(v): counts[v] for v in ranked}
        value = counts[ranked[0]] / len(values)
        group = ranked[0]
        if question.id == "headcount":  # the group's headcount is the median: its band
            group = stage_for_headcount(_group_value(kb, question, raw))
        statistic = "share"
        holders = agreement.holders_of_one(values)
    else:
        return None
    stage = kb.question("stage") if question.id == "headcount" else None
    readable = stage or question
    labels = {text: _readable(readable, text) for text in [*answers, answer_text(group)]}
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


def _readable(question: Question, text: str) -> str:
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
    given = _given(kb, answers_list)
    found = []
    for position, question in enumerate(kb.questions):
        if question.id in fixed:
            continue
        result = question_consensus(kb, question, given.get(question.id, []), threshold)
        if result is not None:
            found.append((result.consensus, position, result))
    return [result for _, _, result in sorted(found, key=lambda item: item[:2])]


# --- agreement on the ranking -----------------------------------------------------------------


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


# --- the group ranking and the agenda ---------------------------------------------------------


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
        others = [b for b in _most_common(bands, STAGES) if b != own]
        if not others:
            return None
        return statistics.median_low(
            [v for v, b in zip(values, bands, strict=True) if b == others[0]]
        )
    order = [True, False] if question.type == "yes_no" else options_of(kb, question)
    ranked = _most_common(values, order)
    return ranked[1] if len(ranked) > 1 else None


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


def agenda_for(
    kb: KnowledgeBase, items: Sequence[QuestionConsensus], minutes: int
) -> tuple[list[AgendaItem], list[str]]:
    """The session's agenda and the questions left to "also differs". An opening slot (the
    group's proposed plan) and a closing one (decisions and next steps); between them only the
    questions people differ on that change the plan or are decisions in their own right, each
    with at least ``SLOT_MINUTES``, split first, then by how much they change; the minutes add
    up to ``minutes``. What does not fit, and what changes nothing, is left to "also differs"."""
    if minutes < MIN_MINUTES:
        raise ValueError(f"an agenda needs at least {MIN_MINUTES} minutes, not {minutes}")
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
        raise ValueError("a workshop summary needs at least one participant")
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

    given = _given(kb, answers_list)
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
        labels = {**item.answer_labels, shown: _readable(readable or question, shown)}
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
