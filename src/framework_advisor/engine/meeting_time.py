"""Phase one's whole merged calendar, kept meetings and new, against the time leaders said
they can give, stated once (kb.yaml ``policies.budget``)."""

from __future__ import annotations

from framework_advisor.domain.recommendation import Caution, MeetingTime, Phase
from framework_advisor.domain.wording import and_list
from framework_advisor.engine.cadence import calendar_minutes, fit_calendar
from framework_advisor.engine.index import EngineIndex
from framework_advisor.engine.mix import MixPlan

CAUTION_ID = "meeting_budget"


def meeting_time(index: EngineIndex, plan: MixPlan, phases: list[Phase]) -> MeetingTime | None:
    """The facts and the one sentence about phase one's meetings (None: no phase one)."""
    if not phases or plan.limits is None:
        return None
    policy = index.kb.policies.budget
    names = index.short_names
    limits = plan.limits
    budget = limits.budget
    first = phases[0]
    minutes = first.meeting_minutes_per_month
    _, lightened = fit_calendar(index, first.frameworks, budget)  # as the calendar was fitted
    held = calendar_minutes(index, plan.running, lightened) if plan.running else 0
    running = and_list([names[f] for f in plan.running])
    variants = [item.variant for item in first.cadence if item.variant]
    over = 0 if budget is None else max(0, minutes - budget)
    if budget is None:
        text = policy.unknown.format(minutes=minutes)
    elif over and limits.held_over:
        text = policy.held_over.format(minutes=minutes, running=running, budget=budget, over=over)
    elif over:
        text = policy.over.format(minutes=minutes, budget=budget, over=over)
    elif held:
        text = policy.fits_held.format(minutes=minutes, budget=budget, held=held, running=running)
    else:
        text = policy.fits.format(minutes=minutes, budget=budget)
    if variants:
        lighter = policy.lighter_over if over else policy.lighter
        text += " " + lighter.format(variants=and_list(variants))
    return MeetingTime(
        minutes=minutes,
        budget=budget,
        held=held,
        running=list(plan.running),
        over=over,
        held_over=bool(over) and limits.held_over,
        variants=variants,
        text=" ".join(text.split()),
    )


def budget_caution(time: MeetingTime | None) -> list[Caution]:
    """A caution when phase one's meetings take more than leaders can give."""
    if time is None or not time.over:
        return []
    return [Caution(CAUTION_ID, time.text)]
