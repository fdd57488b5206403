"""The rollout plan: phase one by month from week 1, each later phase from the quarter after
the one before (its first month shown), and the merged meeting calendar."""

from __future__ import annotations

from framework_advisor.domain.recommendation import Recommendation
from framework_advisor.domain.report_layout import ReportLayout
from framework_advisor.domain.rollout import WEEKS_PER_QUARTER, PlannedStep, RolloutPlan
from framework_advisor.domain.wording import and_list
from framework_advisor.render.report.data.model import CadenceRow, Rollout, RolloutPhase, StepRow

MONTHS = ((1, 4), (5, 8), (9, 13))
"""Phase one's quarter as three months of weeks."""
LATER_WEEKS = 4
"""Weeks shown of each later phase: its first month; the rest follows its own steps."""


def rollout(
    rec: Recommendation, plan: RolloutPlan, short: dict[str, str], layout: ReportLayout
) -> Rollout:
    say = layout.sentence
    parts: list[RolloutPhase] = []
    if plan.phases:
        first = plan.phases[0]
        for number, (start, end) in enumerate(MONTHS, start=1):
            steps = [_row(s, short) for s in first.steps if start <= s.week <= end]
            if steps:
                parts.append(
                    RolloutPhase(
                        say("month_weeks", month=number, start=start, end=end),
                        start,
                        end,
                        "",
                        steps,
                    )
                )
    for phase in plan.phases[1:]:
        start = phase.first_week
        end = start + LATER_WEEKS - 1
        names = and_list([short[f] for f in phase.frameworks])
        one = len(phase.frameworks) == 1
        note = " ".join(
            [
                say("later_start", names=names, start=start),
                phase.signal,
                phase.why,
                say("later_first_month_one" if one else "later_first_month_other"),
            ]
        )
        parts.append(
            RolloutPhase(
                title=say("later_title", phase=phase.phase, names=names, start=start),
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
    if staggered:
        head = " ".join(start.why for start in starts).rstrip(".")
    elif plan.phases and len(plan.phases[0].frameworks) == 1:
        head = say("rollout_one_starts")
    else:
        head = say("rollout_all_start")
    waits = "; " + say("rollout_later", weeks=WEEKS_PER_QUARTER) if later else ""
    intro = head + waits + ". " + say("rollout_weekly")
    return Rollout(
        intro=intro if plan.phases else say("no_rollout"),
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
        summary=calendar_note(minutes, layout) if plan.phases else "",
    )


def _row(step: PlannedStep, short: dict[str, str]) -> StepRow:
    return StepRow(step.week, step.framework, short[step.framework], step.step)


def calendar_note(minutes: int, layout: ReportLayout) -> str:
    """The cadence page's line: the calendar's total (page one compares it with the leaders'
    time)."""
    hours = f"{minutes / 60:.1f}".rstrip("0").rstrip(".")
    return layout.sentence("calendar_note", minutes=minutes, hours=hours)
