"""The paragraph a leader reads first: what to run now, why, its meeting cost against the
budget, the first two weeks, and what comes next."""

from __future__ import annotations

from typing import Any

from framework_advisor.domain.framework import LAYERS
from framework_advisor.domain.recommendation import MeetingTime, Phase
from framework_advisor.domain.rollout import FIRST_WEEKS
from framework_advisor.domain.text import Message, message
from framework_advisor.engine.cadence import fit_calendar
from framework_advisor.engine.index import EngineIndex
from framework_advisor.engine.mix import MixPlan


def summarise(
    index: EngineIndex,
    view: dict[str, Any],
    plan: MixPlan,
    phases: list[Phase],
    ranking: list[str],
    time: MeetingTime | None,
    pay: str | Message = "",
) -> Message:
    """The recommendation in a few plain sentences: what to run for which stated need, the
    meeting time against the budget (``time``, stated once), where the objectives that decide pay live (``pay``, when
    goals feed pay), and what to do first (one sentence when nothing fits
    well enough to recommend)."""
    if not plan.members:
        if any(retired.reason == "not_working" for retired in plan.retire):
            return message("summary.all_not_working")
        return message("summary.nothing_fits")
    kb = index.kb
    names = index.short_names
    labels = index.need_labels
    jobs: list[Message] = []
    for layer in plan.layers:  # each by the job it was chosen for: no two share one
        name = names[layer.framework]
        if layer.chosen_for:
            label = labels.get(layer.chosen_for[0], layer.chosen_for[0])
            jobs.append(message("summary.job_need", name=name, need=label))
        else:
            jobs.append(message("summary.job_layer", name=name, job=_layer_job(layer.layer)))
    sentences: list[Message | str] = []
    covered = sum(1 for c in plan.needs if c.covered)
    if plan.needs and covered == 0:  # only frameworks kept in use: nothing serves a need yet
        sentences += [message("summary.run", jobs=jobs), message("summary.none_covered")]
    elif plan.needs and covered < len(plan.needs):
        sentences.append(
            message(
                "summary.run_covering",
                jobs=jobs,
                members=len(plan.members),
                covered=covered,
                stated=len(plan.needs),
            )
        )
    elif plan.needs:
        sentences.append(message("summary.run_covering_all", jobs=jobs))
    else:
        sentences.append(message("summary.run", jobs=jobs))
    if pay:
        sentences.append(pay)
    if time is not None and time.text_message is not None:
        sentences.append(time.text_message)
    budget = time.budget if time else None
    top = ranking[0] if ranking else None
    if top is not None and top not in plan.members:
        later = [p.phase for p in phases if top in p.frameworks]
        cost = fit_calendar(index, [top], budget)[0]
        if budget is not None and cost > budget and later:
            sentences.append(
                message(
                    "summary.top_over_budget_later",
                    name=names[top],
                    minutes=cost,
                    budget=budget,
                    phase=later[0],
                )
            )
        elif budget is not None and cost > budget:
            sentences.append(
                message("summary.top_over_budget", name=names[top], minutes=cost, budget=budget)
            )
        elif later:
            sentences.append(message("summary.top_later", name=names[top], phase=later[0]))
    starts = phases[0].starts if phases else []
    early = {s.framework for s in starts if s.week <= FIRST_WEEKS}
    steps = [
        step.step.rstrip(".")
        for fid in plan.members
        if fid in early  # already running, or starting later: nothing to start now
        for step in kb.frameworks[fid].rollout
        if step.week <= FIRST_WEEKS and step.applies(view)
    ][:2]
    if len(steps) == 1:
        sentences.append(message("summary.first_weeks", first=steps[0]))
    elif steps:
        sentences.append(message("summary.first_weeks_then", first=steps[0], then=steps[1]))
    if len(early) < len(starts):
        sentences.extend(s.why_message for s in starts[:2] if s.why_message is not None)
    if len(phases) > 1:
        nxt = phases[1]
        previous = [names[f] for f in phases[0].frameworks]
        sentences.append(
            message(
                "summary.next",
                names=[names[f] for f in nxt.frameworks],
                previous=previous,
            )
        )
    return message("words.sentences", sentences=sentences)


def _layer_job(layer: str) -> Message:
    """The job of a framework chosen for its layer rather than a stated need."""
    if layer in LAYERS:
        return message(f"summary.layer.{layer}")
    return message("summary.layer_other", layer=layer)
