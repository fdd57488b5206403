"""The engine's output: an explained recommendation. Encodes straight to the CLI's JSON."""

from typing import Any

from msgspec import Struct

from framework_advisor.domain.text import Message


class Reason(Struct, frozen=True, gc=False):
    """One contribution to a fit. A framework's reasons add up to its fit exactly."""

    rule: str
    text: str
    effect: int
    because: str = ""
    because_message: Message | None = None
    """``because`` as a message id and its parameters: the answers that made the rule fire."""


class Lift(Struct, frozen=True, gc=False):
    """A rule that did not fire but would have raised this framework ("why not X?")."""

    rule: str
    text: str
    effect: int
    needs: str


class RankedFramework(Struct, frozen=True, gc=False):
    id: str
    name: str
    fit: int
    rank: int
    reasons: list[Reason]
    lifts: list[Lift] = []


class MixLayer(Struct, frozen=True, gc=False):
    layer: str
    framework: str
    why: str = ""
    needs: list[str] = []
    """The stated needs this framework serves in the mix."""
    chosen_for: list[str] = []
    """The stated needs it serves best in the mix: the job it was chosen for (no two members
    share one); empty for a member that joined for its layer or beside a partner."""
    why_message: Message | None = None
    """``why`` as a message id and its parameters (the catalogue's words fill ``why``)."""


class ChoiceSide(Struct, frozen=True, gc=False):
    """One side of the comparison that decided the mix: a set of frameworks and its facts."""

    members: list[str]
    strong: int
    """Stated needs covered by a member built for or serving them."""
    covered: int
    """Stated needs covered at all (a member merely supporting one counts)."""
    built: int
    """Stated needs covered by a member built for them."""
    kept: int
    """Frameworks in use, working, that the set keeps."""
    paid: bool
    """The set holds a home for the objectives that decide pay (goals feed pay)."""
    weights: int
    """The need weights of the members covering each need (kb.yaml ``need_weights``)."""
    pairs: int
    """Recognised pairings inside the set."""
    fits: dict[str, int]
    mean_fit: int
    minutes: int
    """Monthly meeting minutes of its merged calendar, every meeting in full."""


class MixComparison(Struct, frozen=True, gc=False):
    """The mix against its runner-up, as the search compared them: ``decided_by`` is the first
    of the search's criteria on which they differ, in the chosen set's favour."""

    chosen: ChoiceSide
    runner_up: ChoiceSide
    stated: int
    decided_by: str
    """strong | covered | kept | paid | built | weights | fewer | pairs | fit | rank, or hybrid:
    the runner-up is the chosen set with OKRs and KPIs apart, which run as the hybrid."""


class NeedCoverage(Struct, frozen=True, gc=False):
    """One stated need: the frameworks of phase one that serve it, or why none does yet."""

    need: str
    frameworks: list[str]
    covered: bool
    why: str = ""
    why_message: Message | None = None
    """``why`` as a message id and its parameters (the catalogue's words fill ``why``)."""


class Retirement(Struct, frozen=True, gc=False):
    id: str
    why: str = ""
    reason: str = ""
    """Why in one word: ``conflict``, ``size_limit``, ``not_working``, ``aid`` (it lives on
    inside a member) or ``outgrown`` (the organisation is beyond the size its sources give)."""
    why_message: Message | None = None
    """``why`` as a message id and its parameters (the catalogue's words fill ``why``)."""


class PayPlan(Struct, frozen=True, gc=False):
    """Where the objectives that decide pay live (goals feed pay only)."""

    home: str | None
    """The framework in phase one that carries them; None when none can."""
    text: str
    text_message: Message | None = None
    """``text`` as a message id (``pay.home.<framework>``; no home in the plan: ``pay.no_home``);
    the catalogue's words fill ``text``."""


class Caution(Struct, frozen=True, gc=False):
    id: str
    text: str
    because: str = ""
    text_message: Message | None = None
    """``text`` as a message id and its parameters, for a caution the engine words (the rules'
    cautions are the knowledge base's own text)."""
    because_message: Message | None = None
    """``because`` as a message id and its parameters: the answers that raised it."""


class CadenceItem(Struct, frozen=True, gc=False):
    ritual: str
    id: str
    frameworks: list[str]
    frequency: str
    minutes_per_meeting: int
    minutes_per_month: int
    variant: str = ""
    """The lighter documented form the plan holds it in, to fit the leaders' time ("": full)."""


class FrameworkStart(Struct, frozen=True, gc=False):
    """When a phase's framework starts: phase one's frameworks start one after another where
    goal-setting is new or leaders have little time (kb.yaml ``policies.capacity.stagger``)."""

    framework: str
    week: int
    """Counted from the phase's first week (1)."""
    why: str = ""
    why_message: Message | None = None
    """``why`` as a message id and its parameters (the catalogue's words fill ``why``)."""


class MeetingTime(Struct, frozen=True, gc=False):
    """Phase one's whole merged calendar against the time leaders said they can give."""

    minutes: int
    budget: int | None
    held: int = 0
    """Of ``minutes``, those of meetings the organisation already holds (frameworks kept)."""
    running: list[str] = []
    """The frameworks kept that hold them."""
    over: int = 0
    """How many minutes a month over ``budget`` (0 within it or with no budget)."""
    held_over: bool = False
    """The meetings already held exceed the budget on their own: nothing new adds minutes."""
    variants: list[str] = []
    """The lighter documented forms used to fit, by name."""
    text: str = ""
    text_message: Message | None = None
    """``text`` as a message id and its parameters (the catalogue's words fill ``text``)."""


class Phase(Struct, frozen=True, gc=False):
    """A step of the rollout. Phase 1 is the mix; each later phase adds frameworks once the
    earlier ones run (``signal``), and its cadence and minutes are the whole calendar by then."""

    phase: int
    frameworks: list[str]
    why: str
    signal: str
    cadence: list[CadenceItem]
    meeting_minutes_per_month: int
    starts: list[FrameworkStart] = []
    """When each of ``frameworks`` starts, in order."""
    replaces: list[str] = []
    """The frameworks of the phases before that this phase's frameworks take over from."""
    why_message: Message | None = None
    """``why`` as a message id and its parameters (the catalogue's words fill ``why``)."""
    signal_message: Message | None = None
    """``signal`` as a message id and its parameters (the catalogue's words fill ``signal``)."""


class Move(Struct, frozen=True, gc=False):
    id: str
    from_rank: int
    to_rank: int


class Sensitivity(Struct, frozen=True, gc=False):
    question: str
    value: Any
    moves: list[Move]
    text: str = ""
    text_message: Message | None = None
    """``text`` as a message id and its parameters (the catalogue's words fill ``text``)."""


class Recommendation(Struct, frozen=True, gc=False):
    profile: dict[str, Any]
    ranking: list[RankedFramework]
    mix: list[MixLayer]
    retire: list[Retirement]
    cautions: list[Caution]
    cadence: list[CadenceItem]
    meeting_minutes_per_month: int
    unanswered: list[str]
    sensitivity: list[Sensitivity]
    kb: dict[str, Any] = {}
    needs: list[NeedCoverage] = []
    phases: list[Phase] = []
    summary: str = ""
    mix_choice: str = ""
    """Why this mix and not the runner-up, in one sentence."""
    meeting_minutes_already_held: int = 0
    """Of ``meeting_minutes_per_month``, the minutes of frameworks already in use that stay."""
    pay: PayPlan | None = None
    """Goals feed pay: where the objectives that decide pay live. None otherwise."""
    mix_comparison: MixComparison | None = None
    """The facts ``mix_choice`` is written from (None: no runner-up)."""
    meeting_time: MeetingTime | None = None
    """Phase one's whole calendar against the leaders' time (None: nothing recommended)."""
    summary_message: Message | None = None
    """``summary`` as a message id and its parameters (the catalogue's words fill ``summary``)."""
    mix_choice_message: Message | None = None
    """``mix_choice`` as a message id and its parameters (the catalogue's words fill ``mix_choice``)."""

    def rank_of(self, framework_id: str) -> int:
        for item in self.ranking:
            if item.id == framework_id:
                return item.rank
        raise KeyError(framework_id)


class RankChange(Struct, frozen=True):
    id: str
    from_rank: int
    to_rank: int
    fit_delta: int


class WhatIf(Struct, frozen=True):
    """Two recommendations and what changed between them (``engine.whatif.compare_answers``)."""

    before: Recommendation
    after: Recommendation
    changes: dict[str, Any]
    moved: list[RankChange]
