"""The report's content as typed data, section by section: built once (``build``), then laid
out by each format. Prose lives here as finished sentences, so every format says the same."""

from __future__ import annotations

from typing import Any

from msgspec import Struct

from framework_advisor.domain.examples import ExampleKPI, ExampleOKR
from framework_advisor.domain.goals import GoalReview
from framework_advisor.render.report.chart_data import ChartData
from framework_advisor.render.report.look import ReportColours


class Provenance(Struct, frozen=True):
    date: str
    """ISO date, e.g. 2026-01-15."""
    date_text: str
    """The same date as people write it: 15 January 2026."""
    tool_version: str
    kb_name: str
    kb_version: str
    packs: list[str]
    """Each pack as "name version", in the order applied."""
    brand: str
    """The consultant or firm preparing the report (``--brand``); may be empty."""
    line: str = ""
    """The one provenance line a client reads: tool, knowledge base and packs with versions."""


class ProfileRow(Struct, frozen=True):
    question: str
    prompt: str
    answer: str
    note: str = ""
    label: str = ""
    """The question's short label, e.g. "Goals feed pay": what the report shows."""


class PhaseJob(Struct, frozen=True):
    phase: str
    """"Now" for phase one, else "Phase 2", "Phase 3"."""
    framework: str
    name: str
    job: str
    """The job this framework does here, in one line."""


class StepRow(Struct, frozen=True):
    week: int
    framework: str
    label: str
    """A short name of the framework (OKR, KPI, MBO, ...)."""
    step: str


class Overview(Struct, frozen=True):
    """Page one: a reader who stops here has the advice."""

    summary: str
    phases: list[PhaseJob]
    meetings: str
    """The monthly meeting cost of phase one against the leaders' time."""
    first_weeks: list[StepRow]


class MixRow(Struct, frozen=True):
    layer: str
    layer_label: str
    framework: str
    name: str
    fit: int
    why: str


class Retired(Struct, frozen=True):
    framework: str
    name: str
    why: str


class CautionRow(Struct, frozen=True):
    text: str
    because: str = ""


class LaterPhaseRow(Struct, frozen=True):
    title: str
    """"Phase 2 (OKR and NSM)"."""
    text: str
    """When to add them and why they wait."""


class ReasonRow(Struct, frozen=True):
    effect: int
    text: str
    because: str = ""


class RankRow(Struct, frozen=True):
    rank: int
    framework: str
    name: str
    fit: int
    in_mix: bool
    summary: list[str]
    """The largest effects, each as "+14 Needs: Manage individual performance"."""
    reasons: list[ReasonRow]
    """Every contribution: they add up to the fit."""


class ComparisonRow(Struct, frozen=True):
    framework: str
    name: str
    purpose: str
    best_for: str
    structure: str
    pros: list[str]
    cons: list[str]


class PitfallRow(Struct, frozen=True):
    pitfall: str
    avoid: str


class PitfallGroup(Struct, frozen=True):
    framework: str
    name: str
    pitfalls: list[PitfallRow]


class RolloutPhase(Struct, frozen=True):
    title: str
    first_week: int
    last_week: int
    note: str
    """When this part starts and what to look for first; may be empty."""
    steps: list[StepRow]


class CadenceRow(Struct, frozen=True):
    ritual: str
    frequency: str
    minutes_per_meeting: int
    minutes_per_month: int
    serves: str


class Rollout(Struct, frozen=True):
    intro: str
    phases: list[RolloutPhase]
    cadence: list[CadenceRow]
    minutes_per_month: int
    budget: int | None
    summary: str
    """The monthly meeting cost in words, compared with the leaders' time where known."""


class RoleItem(Struct, frozen=True):
    lead: str
    """The example's headline: a goal, an objective, a metric."""
    lines: list[str]
    """What goes with it: its measure and target, its lead measures, its inputs."""


class RoleGroup(Struct, frozen=True):
    framework: str
    """The framework's id (never shown)."""
    title: str
    """The framework's name and the role: "4DX: a Wildly Important Goal"."""
    items: list[RoleItem]
    note: str = ""
    """What the library does not have for this organisation (a scorecard's missing
    perspectives), so the reader knows what to write."""


class Examples(Struct, frozen=True):
    areas: list[str]
    """Where the examples come from, e.g. ["Sales", "Software"]."""
    note: str
    okrs: list[ExampleOKR]
    kpis: list[ExampleKPI]
    roles: list[RoleGroup] = []
    """Examples for the other frameworks of phase one, one group each."""
    okr_title: str = "OKRs"
    """The objectives' heading: OKRs, or objectives where phase one sets no OKRs (V2MOM's
    methods, EOS's goals)."""


class UnansweredQuestion(Struct, frozen=True):
    question: str
    prompt: str


class SensitivityRow(Struct, frozen=True):
    answer: str
    """The changed answer as a label and a value: "Strategy horizon: A quarter or two"."""
    effect: str
    """What would move, by name: "4DX would rank above KPI"."""


class Changes(Struct, frozen=True):
    unanswered: list[UnansweredQuestion]
    sensitivity: list[SensitivityRow]
    """Single answers that would reorder the top of the ranking."""


class GlossaryTerm(Struct, frozen=True):
    term: str
    definition: str
    frameworks: list[str]
    """Short names of the frameworks the term belongs to."""


class GoalFindingRow(Struct, frozen=True):
    """One finding of the goal checker, as the report's appendix shows it."""

    where: str
    """The line ("line 12"), the cell ("Key results!A5") or the whole file."""
    severity: str
    """Error, warning or note, in words."""
    message: str
    suggestion: str
    """What to do, and the rewrite where one is offered."""


class GoalFileFindings(Struct, frozen=True):
    file: str
    """The goal file's name, without its folder."""
    summary: str
    """How many errors, warnings and notes, in words."""
    findings: list[GoalFindingRow]


class GoalAppendix(Struct, frozen=True):
    """The findings on the team's goals (`report --goals FILE`)."""

    intro: str
    files: list[GoalFileFindings]


class ReportData(Struct, frozen=True):
    title: str
    organisation: str
    provenance: Provenance
    overview: Overview
    mix: list[MixRow]
    mix_choice: str
    """Why this mix and not the runner-up, in one sentence."""
    later: list[LaterPhaseRow]
    """The phases after the first: what to add, when, and why it waits."""
    retire: list[Retired]
    cautions: list[CautionRow]
    comparison: list[ComparisonRow]
    pitfalls: list[PitfallGroup]
    """The pitfalls of the mix's frameworks only."""
    rollout: Rollout
    examples: Examples
    changes: Changes
    ranking: list[RankRow]
    fits_explained: list[RankRow]
    """The mix's frameworks, with every reason behind their fit."""
    glossary: list[GlossaryTerm]
    """Only the terms the rest of the report uses."""
    profile: list[ProfileRow]
    answers: dict[str, Any]
    note: str = ""
    """The consultant's covering note (`report --note FILE.md`), shown as text at the top of
    page one; empty: none."""
    colours: ReportColours = ReportColours()
    """The report's colours: its own, or the knowledge pack's brand."""
    charts: ChartData = ChartData()
    """What the ranking chart and the phase-one calendar draw (``charts`` makes the SVG)."""
    goals: GoalAppendix | None = None
    """The findings on the team's goals; None: no goals were given, and no appendix."""
    goal_review: GoalReview | None = None
    """The same findings as the checker made them (rule, source, line): the JSON's."""
