"""The rollout plan: phase one by month from week 1, each later phase from the quarter after
the one before (its first month shown), and the merged meeting calendar."""

from __future__ import annotations

from framework_advisor.domain.recommendation import Recommendation
from framework_advisor.domain.rollout import WEEKS_PER_QUARTER, PlannedStep, RolloutPlan
from framework_advisor.domain.wording import and_list
from framework_advisor.render.report.data.model import CadenceRow, Rollout, RolloutPhase, StepRow

MONTHS = ((1, 4), (5, 8), (9, 13))
"""Phase one's quarter as three months of weeks."""
LATER_WEEKS = 4
"""Weeks shown of each later phase: its first month; the rest follows its own steps."""


def rollout(rec: Recommendation, plan: RolloutPlan, short: dict[str, str]) -> Rollout:
    parts: list[RolloutPhase] = []
    if plan.phases:
        first = plan.phases[0]
        for number, (start, end) in enumerate(MONTHS, start=1):
            steps = [_row(s, short) for s in first.steps if start <= s.week <= end]
            if steps:
                parts.append(
                    RolloutPhase(f"Month {number}: weeks {start}-{end}", start, end, "", steps)
                )
    for phase in plan.phases[1:]:
        start = phase.first_week
        end = start + LATER_WEEKS - 1
        names = and_list([short[f] for f in phase.frameworks])
        one = len(phase.frameworks) == 1
        note = " ".join(
            [
                f"Start {names} in week {start} at the earliest.",
                phase.signal,
                phase.why,
                f"{'Its' if one else 'Their'} first month is below; the later steps follow "
                f"{'its' if one else 'their'} own rollout.",
            ]
        )
        parts.append(
            RolloutPhase(
                title=f"Phase {phase.phase}: {names}, from week {start}",
                first_week=start,
                last_week=end,
                note=note,
                steps=[_row(s, short) for s in phase.steps if s.week <= end],
            )
        )
    minutes = plan.phases[0].meeting_minutes_per_month if plan.phases else 0
    later = len(plan.phases) > 1
    starts = rec.phases[0].starts if rec.phases else []
    staggered = any(start.week > 1 for start in starts)
    intro = (
        (
            " ".join(start.why for start in starts).rstrip(".")
            if staggered
            else "Phase one starts in the first two weeks"
            if plan.phases and len(plan.phases[0].frameworks) == 1
            else "Phase one's frameworks all start in the first two weeks"
        )
        + (
            f"; what comes later waits until phase one has run for a full quarter "
            f"({WEEKS_PER_QUARTER} weeks)."
            if later
            else "."
        )
        + " Start each weekly meeting as soon as it has something to review."
    )
    return Rollout(
        intro=intro
        if plan.phases
        else "Nothing to roll out yet: no framework fits these answers well enough. The open "
        "questions below are the place to start.",
        phases=parts,
        cadence=[
            CadenceRow(
                ritual=item.ritual,
                frequency=item.frequency,
                minutes_per_meeting=item.minutes_per_meeting,
                minutes_per_month=item.minutes_per_month,
                serves=", ".join(short.get(f, f) for f in item.frameworks),
            )
            for item in rec.cadence
        ],
        minutes_per_month=minutes,
        budget=plan.budget,
        summary=calendar_note(minutes) if plan.phases else "",
    )


def _row(step: PlannedStep, short: dict[str, str]) -> StepRow:
    return StepRow(step.week, step.framework, short[step.framework], step.step)


def calendar_note(minutes: int) -> str:
    """The cadence page's line: the calendar's total (page one compares it with the leaders'
    time)."""
    hours = f"{minutes / 60:.1f}".rstrip("0").rstrip(".")
    return (
        f"Phase one's merged calendar: about {minutes} minutes of meetings a month ({hours} "
        "hours). A meeting that serves several frameworks counts once; one held in a lighter "
        "documented form is named by that form."
    )
