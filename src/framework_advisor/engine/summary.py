"""The paragraph a leader reads first: what to run now, why, its meeting cost against the
budget, the first two weeks, and what comes next."""

from __future__ import annotations

from typing import Any

from framework_advisor.domain.recommendation import MeetingTime, Phase
from framework_advisor.domain.rollout import FIRST_WEEKS
from framework_advisor.domain.wording import and_list
from framework_advisor.engine.cadence import fit_calendar
from framework_advisor.engine.index import EngineIndex
from framework_advisor.engine.mix import MixPlan

LAYER_JOBS = {
    "individual": "individual objectives and reviews",
    "structure": "clear roles",
    "diagnosis": "diagnosing how the organisation fits together",
    "execution": "a weekly execution rhythm",
    "health": "operational health",
    "direction": "direction",
    "focus": "one focus metric",
    "pay": "the objectives that decide pay",
}


def summarise(
    index: EngineIndex,
    view: dict[str, Any],
    plan: MixPlan,
    phases: list[Phase],
    ranking: list[str],
    time: MeetingTime | None,
    pay: str = "",
) -> str:
    """The recommendation in a few plain sentences: what to run for which stated need, the
    meeting time against the budget (``time``, stated once), where the objectives that decide pay live (``pay``, when
    goals feed pay), and what to do first (one sentence when nothing fits
    well enough to recommend)."""
    if not plan.members:
        if any(retired.reason == "not_working" for retired in plan.retire):
            return (
                "Every framework that fits these answers is one you said is not working: before "
                "starting another, find out why they failed; each one retired below says what "
                "its sources put in its place."
            )
        return "No framework fits these answers well enough to recommend yet."
    kb = index.kb
    names = index.short_names
    labels = index.need_labels
    jobs = []
    for layer in plan.layers:  # each by the job it was chosen for: no two share one
        name = names[layer.framework]
        if layer.chosen_for:
            label = labels.get(layer.chosen_for[0], layer.chosen_for[0])
            jobs.append(f"{name} to {label[0].lower()}{label[1:]}")
        else:
            jobs.append(
                f"{name} for {LAYER_JOBS.get(layer.layer, 'the ' + layer.layer + ' layer')}"
            )
    sentences = [f"Run {and_list(jobs)}."]
    covered = sum(1 for c in plan.needs if c.covered)
    if plan.needs and covered == 0:  # only frameworks kept in use: nothing serves a need yet
        sentences.append(
            "No framework you can run now serves the needs you stated; the cautions say why."
        )
    elif plan.needs:
        sentences[0] = sentences[0][:-1] + (
            f": {'together they cover' if len(plan.members) > 1 else 'it covers'} {covered} of "
            f"the {len(plan.needs)} needs you stated."
            if covered < len(plan.needs)
            else ", which covers every need you stated."
        )
    if pay:
        sentences.append(pay)
    if time is not None:
        sentences.append(time.text)
    budget = time.budget if time else None
    top = ranking[0] if ranking else None
    if top is not None and top not in plan.members:
        later = [p.phase for p in phases if top in p.frameworks]
        cost = fit_calendar(index, [top], budget)[0]
        when = f"; it comes in phase {later[0]}" if later else ""
        if budget is not None and cost > budget:
            sentences.append(
                f"{names[top]} ranks first, but on its own it needs about {cost} minutes of "
                f"meetings a month, more than the {budget} leaders can give{when}."
            )
        elif later:
            sentences.append(f"{names[top]} ranks first and comes in phase {later[0]}.")
    starts = phases[0].starts if phases else []
    early = {s.framework for s in starts if s.week <= FIRST_WEEKS}
    steps = [
        step.step[0].lower() + step.step[1:].rstrip(".")
        for fid in plan.members
        if fid in early  # already running, or starting later: nothing to start now
        for step in kb.frameworks[fid].rollout
        if step.week <= FIRST_WEEKS and step.applies(view)
    ][:2]
    if steps:
        sentences.append(f"In the first two weeks: {'; then '.join(steps)}.")
    if len(early) < len(starts):
        sentences.extend(s.why for s in starts[:2])
    if len(phases) > 1:
        nxt = phases[1]
        sentences.append(
            f"Next, add {and_list([names[f] for f in nxt.frameworks])} "
            f"{nxt.signal[0].lower()}{nxt.signal[1:].split(':')[0]}."
        )
    return " ".join(sentences)
