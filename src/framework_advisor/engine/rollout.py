"""The rollout plan: phase one's frameworks start in weeks 1-2, or one after another where
goal-setting is new or time is short (``Phase.starts``); each later phase starts a full quarter
after the one before, once its signal shows, with each framework's own steps."""

from __future__ import annotations

from framework_advisor.domain.framework import short_name
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.recommendation import Recommendation
from framework_advisor.domain.rollout import (
    FIRST_WEEKS,
    WEEKS_PER_QUARTER,
    PlannedPhase,
    PlannedStep,
    ReportFacts,
    RolloutPlan,
)
from framework_advisor.domain.text import message
from framework_advisor.engine.index import index_for
from framework_advisor.engine.mix_search import limits_for
from framework_advisor.engine.picks import top_picks

__all__ = ["FIRST_WEEKS", "report_facts", "rollout_plan"]


def rollout_plan(kb: KnowledgeBase, rec: Recommendation) -> RolloutPlan:
    """The recommendation's phases in; week-numbered steps for each phase out. A framework whose
    own rollout starts later than week 1 is moved up to the phase's first week."""
    current = rec.profile.get("current_frameworks") or []
    budget = limits_for(index_for(kb), rec.profile).budget
    phases: list[PlannedPhase] = []
    for position, phase in enumerate(rec.phases):
        first = 1 + position * WEEKS_PER_QUARTER
        steps: list[PlannedStep] = []
        start_week = {start.framework: start.week for start in phase.starts}
        for fid in phase.frameworks:
            own = kb.frameworks[fid].rollout
            if fid in current:
                steps.append(PlannedStep(first, fid, _keep_running(kb, fid)))
                continue
            if not own:
                continue
            own = [step for step in own if step.applies(rec.profile)]
            if not own:
                continue
            shift = first + start_week.get(fid, 1) - 1 - min(step.week for step in own)
            steps += [
                PlannedStep(step.week + shift, fid, " ".join(step.step.split())) for step in own
            ]
        steps.sort(key=lambda s: s.week)  # stable: within a week, the phase's order
        minutes = phase.meeting_minutes_per_month
        held = rec.meeting_minutes_already_held
        phases.append(
            PlannedPhase(
                phase=phase.phase,
                frameworks=list(phase.frameworks),
                first_week=first,
                signal=phase.signal,
                why=phase.why,
                steps=steps,
                meeting_minutes_per_month=minutes,
                within_budget=None if budget is None else minutes <= budget,
                already_held=held if position == 0 else 0,
            )
        )
    first_weeks = [s for s in phases[0].steps if s.week <= FIRST_WEEKS] if phases else []
    running = [f for f in phases[0].frameworks if f in current] if phases else []
    return RolloutPlan(phases=phases, first_weeks=first_weeks, budget=budget, running=running)


def _keep_running(kb: KnowledgeBase, fid: str) -> str:
    """The first step for a framework the organisation already runs: it starts nothing new."""
    return kb.text.say(message("in_use.keep_running", name=short_name(kb.frameworks[fid])))


def report_facts(kb: KnowledgeBase, rec: Recommendation) -> ReportFacts:
    """What the report needs beyond the recommendation: the top picks and the rollout plan."""
    return ReportFacts(picks=top_picks(rec), plan=rollout_plan(kb, rec))
