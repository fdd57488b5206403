"""A workshop's inputs and its summary: what the engine's aggregation returns. No I/O."""

from __future__ import annotations

from typing import Any

from msgspec import Struct

from framework_advisor.domain.recommendation import Recommendation

DEFAULT_THRESHOLD = 0.75
"""Consensus at 75% agreement: the median threshold across Delphi studies (Diamond et al. 2014,
"Defining consensus: a systematic review recommends methodologic criteria for reporting of
Delphi studies", J Clin Epidemiol 67(4):401-409)."""

DEFAULT_MINUTES = 60


class Participant(Struct, frozen=True):
    """One participant's validated answers (the workshop's fixed answers already merged)."""

    id: str
    """P1, P2, ... in file-name order: what reports key on, and all that `--anonymous` shows."""
    name: str
    answers: dict[str, Any]
    file: str = ""


class Skipped(Struct, frozen=True):
    file: str
    error: str


class GroupFit(Struct, frozen=True, gc=False):
    """One framework across the group: the mean of the participants' fits and their spread."""

    id: str
    name: str
    fit: float
    spread: float
    """Population standard deviation of the participants' fits."""
    fits: list[int] = []
    """Each participant's fit, in participant order (for the charts)."""


class QuestionConsensus(Struct, frozen=True, gc=False):
    """How far the group agrees on one scored question."""

    question: str
    label: str
    statistic: str
    """``share`` (share giving the most common answer) or ``jaccard`` (mean pairwise Jaccard)."""
    consensus: float
    answered: int
    answers: dict[str, int]
    """Answer value (as a string; headcount as its stage band) -> how many gave it."""
    group_answer: str
    reached: bool
    alternative: str = ""
    """The strongest alternative to the group's answer ("" when there is none)."""
    swing: list[str] = []
    """Frameworks that enter or leave the group's top three or mix under that alternative."""
    answer_labels: dict[str, str] = {}
    """How each answer value (as in ``answers``) reads to a person: its option label."""


class AgendaItem(Struct, frozen=True, gc=False):
    question: str
    label: str
    minutes: int
    score: float
    why: str


class ParticipantTop(Struct, frozen=True, gc=False):
    name: str
    top: list[str]


class RoundChange(Struct, frozen=True, gc=False):
    """One question's agreement in the previous round and now."""

    question: str
    before: float
    after: float
    moved: int
    """How many participants changed their answer to it."""


class WorkshopSummary(Struct, frozen=True, gc=False):
    title: str
    participants: int
    round: int
    threshold: float
    minutes: int
    group_answers: dict[str, Any]
    group_ranking: list[GroupFit]
    recommendation: Recommendation
    """The engine run on the group's answers: mix, phases, needs, cadence and summary."""
    top: list[str]
    """The group recommendation's top three."""
    kendall_w: float | None
    disagreements: list[QuestionConsensus]
    agenda: list[AgendaItem]
    participants_top: dict[str, ParticipantTop]
    skipped: list[Skipped] = []
    rounds: list[RoundChange] = []
    anonymous: bool = False


def answer_text(value: Any) -> str:
    """An answer value as the JSON and the tables show it: ``"true"``, ``"scaleup"``,
    ``"a,b"`` for a list."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(answer_text(v) for v in value)
    return str(value)
