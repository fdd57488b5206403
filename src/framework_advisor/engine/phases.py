"""The rollout in phases: phase 1 is the mix; each later phase adds what had to wait. Each
phase's calendar fits the leaders' time where the meetings' lighter forms allow, and its new
frameworks start one after another where goal-setting is new or time is short."""

from __future__ import annotations

from typing import Any

from framework_advisor.domain.framework import LAYERS
from framework_advisor.domain.recommendation import FrameworkStart, Phase
from framework_advisor.domain.text import Message, message
from framework_advisor.engine.cadence import fit_calendar, merge_cadence
from framework_advisor.engine.index import EngineIndex
from framework_advisor.engine.mix import MixPlan


def build_phases(index: EngineIndex, plan: MixPlan, view: dict[str, Any]) -> list[Phase]:
    """The plan as phases: phase one's frameworks, then each later step once the frameworks
    before it run, each with why, the signal to start it, its meeting calendar and when each
    of its frameworks starts."""
    kb = index.kb
    names = index.short_names
    budget = plan.limits.budget if plan.limits else None  # as light as the time asks
    phases: list[Phase] = []
    running: list[str] = []
    steps: list[tuple[list[str], Message]] = [(plan.members, message("phase.why.now"))]
    steps += plan.later
    replacing: list[list[str]] = [[], *plan.replaces]
    for number, (added, why) in enumerate(steps, start=1):
        if not added:
            continue
        previous = list(running)
        replaced = replacing[number - 1] if number - 1 < len(replacing) else []
        running = [*(f for f in running if f not in replaced), *added]
        _, lightened = fit_calendar(index, running, budget)
        cadence = merge_cadence(
            [kb.frameworks[f] for f in running], kb.settings.ritual_names, lightened
        )
        signal = (
            message("phase.signal.now")
            if number == 1
            else message("phase.signal.later", previous=[names[f] for f in previous])
        )
        phases.append(
            Phase(
                phase=len(phases) + 1,
                frameworks=list(added),
                why="",  # said at the edge, from why_message
                signal="",
                cadence=cadence,
                meeting_minutes_per_month=sum(item.minutes_per_month for item in cadence),
                starts=starts(
                    index, plan, view, [f for f in added if f not in plan.running], number == 1
                ),
                why_message=why,
                signal_message=signal,
                replaces=list(replaced),
            )
        )
    return phases


def starts(
    index: EngineIndex, plan: MixPlan, view: dict[str, Any], new: list[str], first: bool
) -> list[FrameworkStart]:
    """When each new framework of a phase starts: together in week 1, or, where kb.yaml's
    stagger policy holds (goal-setting new, or little time), one after another, the one doing
    the plan's main job first (the most stated needs it serves best, then its rank)."""
    stagger = index.kb.policies.capacity.stagger
    if stagger is None or not first or len(new) < 2 or not stagger.applies(view):
        return [FrameworkStart(fid, 1) for fid in new]
    names = index.short_names
    labels = index.need_labels
    served = {layer.framework: layer.chosen_for for layer in plan.layers}
    position = {fid: i for i, fid in enumerate(plan.members)}
    order = sorted(new, key=lambda f: (-len(served.get(f, ())), position.get(f, len(position))))
    result: list[FrameworkStart] = []
    for place, fid in enumerate(order):
        if place == 0:
            needs = served.get(fid, ())
            job: str | Message = (
                labels.get(needs[0], needs[0]) if needs else _layer_job(_layer(plan, fid))
            )
            why = message("stagger.first", name=names[fid], job=job)
            result.append(FrameworkStart(fid, 1, why_message=why))
            continue
        week = 1 + place * stagger.weeks
        previous = order[place - 1]
        weekly = any(
            r.frequency in ("daily", "weekly") for r in index.kb.frameworks[previous].rituals
        )
        why = message(
            "stagger.next" if weekly else "stagger.next_not_weekly",
            name=names[fid],
            week=week,
            previous=names[previous],
            weeks=stagger.weeks,
        )
        result.append(FrameworkStart(fid, week, why_message=why))
    return result


def _layer(plan: MixPlan, fid: str) -> str:
    return next((layer.layer for layer in plan.layers if layer.framework == fid), "")


def _layer_job(layer: str) -> Message | str:
    """What a framework chosen for a layer, not a stated need, starts first to do."""
    return message(f"stagger.layer.{layer}") if layer in LAYERS else ""
