"""Phase one's whole merged calendar, kept meetings and new, against the time leaders said
they can give, stated once (kb.yaml ``policies.budget``)."""

from __future__ import annotations

from framework_advisor.domain.recommendation import Caution, MeetingTime, Phase
from framework_advisor.domain.text import message
from framework_advisor.engine.cadence import calendar_minutes, fit_calendar
from framework_advisor.engine.index import EngineIndex
from framework_advisor.engine.mix import MixPlan

CAUTION_ID = "meeting_budget"


def meeting_time(index: EngineIndex, plan: MixPlan, phases: list[Phase]) -> MeetingTime | None:
    """The facts and the one sentence about phase one's meetings (None: no phase one)."""
    if not phases or plan.limits is None:
        return None
    names = index.short_names
    limits = plan.limits
    budget = limits.budget
    first = phases[0]
    minutes = first.meeting_minutes_per_month
    _, lightened = fit_calendar(index, first.frameworks, budget)  # as the calendar was fitted
    held = calendar_minutes(index, plan.running, lightened) if plan.running else 0
    running = [names[f] for f in plan.running]
    variants = [item.variant for item in first.cadence if item.variant]
    over = 0 if budget is None else max(0, minutes - budget)
    if budget is None:
        said = message("budget.unknown", minutes=minutes)
    elif over and limits.held_over:
        said = message(
            "budget.held_over", minutes=minutes, running=running, budget=budget, over=over
        )
    elif over:
        said = message("budget.over", minutes=minutes, budget=budget, over=over)
    elif held:
        said = message(
            "budget.fits_held", minutes=minutes, budget=budget, held=held, running=running
        )
    else:
        said = message("budget.fits", minutes=minutes, budget=budget)
    if variants:
        lighter = message("budget.lighter_over" if over else "budget.lighter", variants=variants)
        said = message("words.sentences", sentences=[said, lighter])
    return MeetingTime(
        minutes=minutes,
        budget=budget,
        held=held,
        running=list(plan.running),
        over=over,
        held_over=bool(over) and limits.held_over,
        variants=variants,
        text_message=said,
    )


def budget_caution(time: MeetingTime | None) -> list[Caution]:
    """A caution when phase one's meetings take more than leaders can give."""
    if time is None or not time.over:
        return []
    return [Caution(CAUTION_ID, "", text_message=time.text_message)]
