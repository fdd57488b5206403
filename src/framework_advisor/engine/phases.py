"""The rollout in phases: phase 1 is the mix; each later phase adds what had to wait."""

from __future__ import annotations

from framework_advisor.domain.recommendation import Phase
from framework_advisor.domain.wording import and_list
from framework_advisor.engine.cadence import merge_cadence
from framework_advisor.engine.index import EngineIndex
from framework_advisor.engine.mix import MixPlan


def build_phases(index: EngineIndex, plan: MixPlan) -> list[Phase]:
    """The plan as phases: phase one's frameworks, then each later step once the frameworks
    before it run, each with why, the signal to start it, and its meeting calendar."""
    kb = index.kb
    names = index.short_names
    phases: list[Phase] = []
    running: list[str] = []
    steps = [(plan.members, "What to run now: it covers the most of your stated needs within "
              "your limits.")]  # fmt: skip
    steps += plan.later
    for number, (added, why) in enumerate(steps, start=1):
        if not added:
            continue
        previous = list(running)
        running = [*running, *added]
        cadence = merge_cadence([kb.frameworks[f] for f in running], kb.settings.ritual_names)
        signal = (
            "Start now."
            if number == 1
            else f"Once {and_list([names[f] for f in previous])} "
            f"{'has' if len(previous) == 1 else 'have'} run for a full quarter: every "
            "meeting held, the first goals reviewed, and leaders asking for more rather than less."
        )
        phases.append(
            Phase(
                phase=len(phases) + 1,
                frameworks=list(added),
                why=why,
                signal=signal,
                cadence=cadence,
                meeting_minutes_per_month=sum(item.minutes_per_month for item in cadence),
            )
        )
    return phases
