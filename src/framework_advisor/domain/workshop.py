"""A workshop's inputs and its summary: what the engine's aggregation returns. No I/O."""

from typing import Any

from msgspec import Struct

from framework_advisor.domain.examples import ExampleSelection
from framework_advisor.domain.recommendation import Recommendation

DEFAULT_THRESHOLD = 0.75
"""Consensus at 75% agreement: the median threshold across Delphi studies (Diamond et al. 2014,
"Defining consensus: a systematic review recommends methodologic criteria for reporting of
Delphi studies", J Clin Epidemiol 67(4):401-409)."""

DEFAULT_MINUTES = 60
MIN_MINUTES = 10
"""The shortest session an agenda is made for: an opening and a closing slot of five minutes."""
SLOT_MINUTES = 5
"""The least time an agenda row gets: no row is "0 min"."""

AGREEMENT_LEVELS = ("all", "most", "split")
"""Agreement in words (``engine.agreement`` defines them)."""


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


class Decision(Struct, frozen=True, forbid_unknown_fields=True):
    """What the room decided on one question (`workshop decide`), who decided and when."""

    question: str
    value: Any
    by: str
    at: str
    """UTC, as `workshop.yaml`'s other times."""


class Decided(Struct, frozen=True, gc=False):
    """A decision as the summary shows it."""

    question: str
    label: str
    answer: str
    """The answer as people read it (its option label)."""
    by: str = ""
    at: str = ""


class Difference(Struct, frozen=True, gc=False):
    """Where one participant's answer differs from the group's, as people read both."""

    question: str
    label: str
    yours: str
    group: str


class GroupFit(Struct, frozen=True, gc=False):
    """One framework across the group: the mean of the participants' fits and their spread."""

    id: str
    name: str
    fit: float
    spread: float
    """Population standard deviation of the participants' fits."""
    fits: list[int] = []
    """Each participant's fit, in participant order (for the charts)."""
    short: str = ""
    """The name people say ("OKR", "Balanced Scorecard"): the charts' labels."""


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
    agreement: str = "split"
    """``all``, ``most`` or ``split`` (``engine.agreement``); ``reached`` is "not split"."""
    holders: int = 0
    """How many give the group's answer (for a list: on its least agreed option)."""
    positions: "list[Position]" = []
    """Each answer given and who gave it, the group's first."""
    decision: bool = False


class Position(Struct, frozen=True, gc=False):
    """One answer given to a question, who gave it, and what it would do to the plan."""

    answer: str
    """As in ``QuestionConsensus.answers`` (a value as text; headcount as its stage band; for
    a list, one option)."""
    label: str
    holders: list[str]
    """Participant ids (P1, P2, ...), in participant order."""
    enters: list[str] = []
    """Frameworks this answer, as the group's, would bring into the plan (the mix)."""
    leaves: list[str] = []
    """Frameworks it would take out of the plan."""
    is_group: bool = False
    """The group's own answer: the plan as proposed."""


class AgendaItem(Struct, frozen=True, gc=False):
    question: str
    """The question's id; "" for the opening and closing slots."""
    label: str
    minutes: int
    score: float
    kind: str = "topic"
    """``opening`` (the group's proposed plan), ``topic`` or ``closing`` (decisions and next
    steps)."""
    ask: str = ""
    """What to put to the room: the question's prompt."""
    options: list[str] = []
    """The options on the table, as people read them."""
    decision: bool = False
    """A decision in its own right (``decision: true`` in the questionnaire), such as pay."""
    changes_plan: bool = False


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
    label: str = ""
    """The question's label, as people read it."""
    agreement_before: str = ""
    """``all``, ``most`` or ``split`` at the last reveal."""
    agreement_after: str = ""


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
    decided: list[Decided] = []
    """The room's decisions (`workshop decide`), in questionnaire order: the group's answers
    and the plan follow them, and they leave the agenda."""
    most_needed: int = 0
    """How many must give one answer for "most agree" in this group (0: a group of one or two
    has no "most")."""
    also_differs: list[str] = []
    """Questions on which not everyone agrees that got no time on the agenda: they change
    nothing in the plan, or did not fit."""
    examples: ExampleSelection | None = None
    """The group plan's examples: the one selection (``engine.examples.select_examples``) on
    the group's answers, which the report and the templates of the agreed plan show too."""


def answer_text(value: Any) -> str:
    """An answer value as the JSON and the tables show it: ``"true"``, ``"scaleup"``,
    ``"a,b"`` for a list."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(answer_text(v) for v in value)
    return str(value)
