"""The mix, chosen as a whole: the best set the search finds within the organisation's
limits, as the plan's phase one with each member's layer, the later phases, the needs' coverage,
the frameworks to retire, and why the set beat its runner-up."""

from __future__ import annotations

from typing import Any

import msgspec
from msgspec import Struct

from framework_advisor.domain.messages import PAY_HOME
from framework_advisor.domain.recommendation import (
    Caution,
    MixComparison,
    MixLayer,
    NeedCoverage,
    Retirement,
)
from framework_advisor.domain.text import Message, message
from framework_advisor.engine.cadence import (
    fit_calendar,
)
from framework_advisor.engine.index import EngineIndex, partners_for
from framework_advisor.engine.mix_choice import choice_sentence, compare
from framework_advisor.engine.mix_needs import need_coverage
from framework_advisor.engine.mix_phases import later_phases
from framework_advisor.engine.mix_retire import not_working, retirements
from framework_advisor.engine.mix_search import (
    COVERED,
    HYBRID,
    HYBRID_PARTS,
    PAID,
    Choice,
    Limits,
    Search,
    limits_for,
)
from framework_advisor.engine.outgrown import has_outgrown
from framework_advisor.engine.pay import homes_for


class MixPlan(Struct):
    members: list[str]
    layers: list[MixLayer]
    needs: list[NeedCoverage]
    later: list[tuple[list[str], Message]]
    """Later phases: (frameworks, why they wait), in order."""
    retire: list[Retirement]
    cautions: list[Caution]
    choice: Message | None
    """Why these members and not the runner-up, in one sentence (None: no runner-up)."""
    comparison: MixComparison | None = None
    """The facts ``choice`` is written from."""
    limits: Limits | None = None
    running: list[str] = []
    """The members already in use that hold those minutes."""
    partners: dict[str, dict[str, str]] = {}
    """The recognised partners for this profile (pairings whose ``when`` holds)."""
    replaces: list[list[str]] = []
    """For each later phase, the members of the phases before it that it replaces: stand-ins
    that merely supported a need while the framework built for it had to wait."""


def plan_mix(
    index: EngineIndex,
    fits: dict[str, int],
    ranking: list[str],
    view: dict[str, Any],
    current: list[str],
    requested_layers: dict[str, dict[str, str]],
) -> MixPlan:
    """``requested_layers``: each layer a fired rule asks for, with that rule's reason for each
    framework it raises (the why of a framework that joins to fill the layer)."""
    position = {fid: i for i, fid in enumerate(ranking)}
    stated = [n for n in view.get("needs", []) if n in index.need_servers]
    limits = limits_for(index, view)
    failing, replacing = not_working(index, view, current)
    search = Search(
        index,
        fits,
        position,
        stated,
        [f for f in current if f not in failing],
        requested_layers,
        limits.size_cap,
        partners_for(index, view),
        failing,
        replacing,
        homes_for(index.kb, view),
        frozenset(f for f in current if has_outgrown(index.kb, f, view)),
    )
    pool = search.candidates()
    if limits.budget is not None and search.worth_keeping:
        floor = _held_floor(search, pool, limits.budget)
        limits = msgspec.structs.replace(limits, held_floor=floor)
        search.held_only = limits.budget if limits.held_over else None
    budget = limits.effective
    most = limits.most_new
    starting = limits.maturity_cap is not None  # one framework, plus a few health metrics
    best, runner_up = search.best(pool, (), most, budget, health_aside=starting)

    def serves_nothing(choice: Choice | None) -> bool:
        """No set, or only frameworks kept in use that serve no stated need."""
        return choice is None or (bool(stated) and choice.key[COVERED] == 0)

    if serves_nothing(best) and budget is not None:  # widen to every need's server
        kept = [f for f in pool if f in search.worth_keeping]
        pool = sorted({*search.all_servers(), *kept}, key=position.__getitem__)
        wide = search.best(pool, (), min(most, 2), budget, starting)
        if not serves_nothing(wide[0]):
            best, runner_up = wide
    if serves_nothing(best) and not limits.held_over:
        # nothing serving a need fits the budget: the best single one, over the budget (the
        # meeting time says by how much); with the meetings held over it already, nothing new
        best, runner_up = search.best(pool, (), 1, None)
    before_hybrid = best
    best = _as_hybrid(search, best, budget)
    if best is not before_hybrid:  # the mix beat the runner-up as OKRs and KPIs apart
        runner_up = before_hybrid
    members = list(best.members) if best else []
    # A framework in use is kept in phase one or retired with its reason, never deferred
    later_pool = [f for f in pool if f not in search.current or f in members]
    later, replaces = later_phases(search, later_pool, tuple(members), limits)
    cautions: list[Caution] = []
    coverage = need_coverage(search, index, tuple(members), later, pool, limits)
    cautions.extend(
        Caution(f"need_left_out:{c.need}", "", text_message=c.why_message)
        for c in coverage
        if not c.covered
    )
    layers = _layers(search, index, tuple(members))
    whys = {layer.framework: layer.why_message for layer in layers}
    comparison = compare(search, best, runner_up, len(stated))
    return MixPlan(
        members=members,
        layers=layers,
        needs=coverage,
        later=later,
        retire=retirements(search, index, current, members, limits, view),
        cautions=cautions,
        choice=choice_sentence(index, comparison, whys),
        comparison=comparison,
        limits=limits,
        running=[m for m in members if m in search.current],
        partners=search.partners,
        replaces=replaces,
    )


def _held_floor(search: Search, pool: list[str], budget: int) -> int:
    """The minutes of the meetings already held that the plan keeps, in their lightest forms:
    those of the best set of frameworks kept in use alone (two kept frameworks that clash
    are never both kept; one the search's ``pool`` leaves out is not kept either)."""
    keeping = sorted(search.worth_keeping.intersection(pool), key=search.position.__getitem__)
    minutes = fit_calendar(search.index, keeping, budget)[0]
    if minutes <= budget:
        return minutes
    kept, _ = search.best(keeping, (), 0, None)
    return fit_calendar(search.index, kept.members, budget)[0] if kept else 0


def _as_hybrid(search: Search, best: Choice | None, budget: int | None) -> Choice | None:
    """OKRs and KPIs chosen together are the OKR + KPI hybrid: where the hybrid fits at least
    as well as either and the organisation does not already run the two apart, advise it as
    one system (if its own meetings fit the budget)."""
    if best is None or HYBRID in search.excluded or not set(HYBRID_PARTS) <= set(best.members):
        return best
    fits = search.fits
    if fits[HYBRID] < max(fits[part] for part in HYBRID_PARTS):
        return best
    others = [m for m in best.members if m not in HYBRID_PARTS]
    members = tuple(sorted([*others, HYBRID], key=search.position.__getitem__))
    if any(HYBRID in search.index.excludes[m] for m in others):
        return best
    hybrid = search.evaluate(members, budget)
    if (
        hybrid is None
        or hybrid.key[COVERED] < best.key[COVERED]
        or hybrid.key[PAID] < best.key[PAID]
    ):
        return best  # covering less, or losing the home of pay (the hybrid never carries it)
    return hybrid


def _layers(search: Search, index: EngineIndex, members: tuple[str, ...]) -> list[MixLayer]:
    names = index.short_names
    layers: list[MixLayer] = []
    reps = {n: search.representative(n, members) for n in search.stated}
    for member in members:
        served = [n for n in search.stated if member in search.serves[n]]
        represented = [n for n in served if reps[n] == member]
        layer = search.layer_in(member, reps)
        why: str | Message
        if represented:
            why = index.need_whys[represented[0]][member]
        else:
            partners = sorted(  # the strongest partner first: its pairing says most
                (p for p in search.partners.get(member, {}) if p in members),
                key=lambda p: (-search.score[p], search.position[p]),
            )
            asked = search.requested_layers.get(layer, {}).get(member)
            if member in search.current and not partners:
                why = ""
            elif partners:
                why = search.partners[member][partners[0]]
                if names[member] not in why:  # the pairing's sentence is about the partner
                    why = message(
                        "mix.beside", name=names[member], partner=names[partners[0]], why=why
                    )
            elif asked:
                why = asked
            elif member in search.pay_homes:
                why = message(PAY_HOME + member)
            else:
                why = message("mix.fills_layer", name=names[member], layer=layer)
        parts: list[str | Message] = [why] if why else []
        if member in search.current:
            parts.append(message("in_use.kept", name=names[member]))
        if member in search.replacing:
            parts.append(message("in_use.replaces", name=names[search.replacing[member]]))
        if member in HYBRID_PARTS and all(
            p in members and p in search.current for p in HYBRID_PARTS
        ):
            parts.append(message("mix.hybrid_kept"))
        said = message("words.sentences", sentences=parts) if parts else None
        layers.append(MixLayer(layer, member, "", served, represented, why_message=said))
    return layers
