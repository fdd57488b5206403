"""The rollout as a plan of weeks, phase by phase, and the top picks: facts derived from a
recommendation (``engine.rollout.report_facts``) that the report draws and the TUI could show."""

from msgspec import Struct

WEEKS_PER_QUARTER = 13
FIRST_WEEKS = 2
"""The first two weeks: when phase one's frameworks start, and what a summary names first."""


class PlannedStep(Struct, frozen=True):
    week: int
    """Week of the whole plan (1 is the first week of phase one)."""
    framework: str
    step: str


class PlannedPhase(Struct, frozen=True):
    phase: int
    frameworks: list[str]
    first_week: int
    """Week the phase starts: 1 for phase one, a quarter later for each phase after it."""
    signal: str
    """What to look for before starting this phase ("Start now." for phase one)."""
    why: str
    steps: list[PlannedStep]
    meeting_minutes_per_month: int
    """The whole calendar once this phase runs (the earlier phases' meetings included)."""
    within_budget: bool | None
    """Whether the whole calendar, meetings already held included, fits the leaders' time;
    None when the leaders' time was not answered."""
    already_held: int = 0
    """Of the minutes, those the frameworks already in use hold today."""


class RolloutPlan(Struct, frozen=True):
    phases: list[PlannedPhase]
    first_weeks: list[PlannedStep]
    """Phase one's actions in weeks 1 and 2, in the mix's order within a week."""
    budget: int | None
    """Monthly meeting minutes leaders said they can give; None when not answered."""
    running: list[str] = []
    """Phase one's frameworks already in use, whose meetings run today."""


class ReportFacts(Struct, frozen=True):
    """What a report shows beyond the recommendation, derived once by the engine."""

    picks: list[str]
    """The top picks to compare: the mix first, filled from the ranking."""
    plan: RolloutPlan
