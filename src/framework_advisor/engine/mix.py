"""The mix, chosen as a whole: the set of frameworks that covers the most stated needs, best,
within the organisation's limits (conflicts, a size cap, a maturity cap, the meeting budget);
then the phases that add what had to wait."""

from __future__ import annotations

from typing import Any

import msgspec
from msgspec import Struct

from framework_advisor.domain.contract import STAGE_BANDS, stage_for_headcount
from framework_advisor.domain.messages import MESSAGES
from framework_advisor.domain.recommendation import (
    Caution,
    ChoiceSide,
    MixComparison,
    MixLayer,
    NeedCoverage,
    Retirement,
)
from framework_advisor.domain.text import Message, message
from framework_advisor.engine.cadence import (
    MEETINGS_PER_MONTH,
    fit_calendar,
    lightest_minutes,
    meeting_cost,
)
from framework_advisor.engine.index import EngineIndex, partners_for
from framework_advisor.engine.outgrown import has_outgrown, outgrown_why
from framework_advisor.engine.pay import homes_for

MAX_CANDIDATES = 7
HYBRID = "okr_kpi_hybrid"
HYBRID_PARTS = ("okr", "kpi")
HEALTH_METRICS = "kpi"
PAY_LAYER = "pay"
"""Goals feed pay: a pay home with this layer (MBO) carries the pay objectives in it."""
"""A team with no formal goals starts with one framework plus a few health metrics: KPIs."""
STRONG, COVERED, KEPT, PAID, QUALITY, BUILT, FIT = range(7)
"""A set's score, compared in this order: how strongly the stated needs are covered (each need
covered by a framework built for it counts three, by one serving it two, by one merely
supporting it one: built for beats serves beats supports), needs covered at all, frameworks in use kept, a home for pay, need
weights less member costs plus pairings, needs covered by a framework built for them, the
members' mean fit."""


class Limits(Struct, frozen=True):
    size_cap: int
    """Most frameworks at once for an organisation (or team) this size."""
    maturity_cap: int | None
    """A team with no formal goals starts with one framework (plus a few health metrics)."""
    budget: int | None
    """Monthly meeting minutes leaders can give; None when not answered."""
    new_cap: int | None = None
    """Most new frameworks phase one starts at once for this headcount (kb.yaml
    ``policies.capacity``); frameworks kept in use do not count."""
    held_floor: int = 0
    """The monthly minutes of the frameworks kept in use, in their lightest forms: when they
    exceed ``budget`` on their own, the plan keeps them and adds nothing that adds minutes."""

    @property
    def most_new(self) -> int:
        """Most new frameworks phase one starts at once."""
        caps = [self.size_cap, self.new_cap, self.maturity_cap]
        return min(cap for cap in caps if cap is not None)

    @property
    def effective(self) -> int | None:
        """The minutes the search holds phase one to: the budget, or the meetings already held
        when those alone exceed it."""
        return None if self.budget is None else max(self.budget, self.held_floor)

    @property
    def held_over(self) -> bool:
        return self.budget is not None and self.held_floor > self.budget


Grown = tuple[tuple[int, int], tuple[str, ...], dict[str, str | None], int]
"""A conflict-free set: the head of its score (needs covered, frameworks in use kept), its
members, the member serving each stated need best, and its meeting minutes."""


class Choice(Struct, frozen=True):
    members: tuple[str, ...]
    key: tuple[Any, ...]
    cost: int
    """Monthly minutes of the members' merged calendar, every meeting in full."""
    weights: int = 0
    """The need weights of the members covering each stated need."""
    pairs: int = 0
    """Recognised pairings inside the set."""


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


def limits_for(index: EngineIndex, view: dict[str, Any]) -> Limits:
    """The mix's limits for a profile ``view``: the size cap from the stage (or the smaller
    team's stage), the maturity cap and the monthly meeting budget from the leaders' time."""
    settings = index.kb.settings
    caps = settings.max_frameworks
    stage = view.get("stage")
    team_size = view.get("team_size")
    if team_size is not None:
        team_stage = stage_for_headcount(team_size)
        if stage is None or caps.get(team_stage, 5) < caps.get(stage, 5):
            stage = team_stage
    size_cap = caps.get(stage or "enterprise", 5)
    capacity = index.kb.policies.capacity
    maturity_cap = capacity.no_formal_goals if view.get("maturity") == "none" else None
    budget = settings.meeting_budget_minutes.get(view.get("leadership_time", ""))
    sizes = [n for n in (view.get("headcount"), team_size) if isinstance(n, int)]
    if not sizes and view.get("stage") in dict(STAGE_BANDS):
        sizes = [dict(STAGE_BANDS)[view["stage"]]]  # only the stage: its smallest headcount
    new_cap = capacity.most_new(min(sizes)) if sizes else None
    return Limits(size_cap, maturity_cap, budget, new_cap)


class _Search:
    """Exact search over the subsets of a few candidates. Scores are tuples compared in order:
    needs covered, frameworks in use kept (those still serving a need nearly as well as the
    best), how well the needs are covered less a cost per extra framework, then the members'
    fits."""

    def __init__(
        self,
        index: EngineIndex,
        fits: dict[str, int],
        position: dict[str, int],
        stated: list[str],
        current: list[str],
        requested_layers: dict[str, dict[str, str]],
        size_cap: int,
        partners: dict[str, dict[str, str]] | None = None,
        failing: tuple[str, ...] = (),
        replacing: dict[str, str] | None = None,
        pay_homes: tuple[str, ...] = (),
    ) -> None:
        self.index = index
        self.partners = index.partners if partners is None else partners
        self.failing = set(failing)
        """Frameworks in use that the client says are not working: never in the plan."""
        self.replacing = replacing or {}
        """framework -> the framework in use, not working, that it replaces."""
        self.pay_homes = frozenset(pay_homes)
        """Goals feed pay: the frameworks that can carry the objectives that decide pay
        (kb.yaml ``policies.pay.homes``); a set with one counts right after frameworks kept."""
        self.fits = fits
        self.position = position
        self.stated = stated
        self.current = set(current)
        settings = index.kb.settings
        margin = settings.keep_current_margin
        self.score = {f: fits[f] + (margin if f in self.current else 0) for f in fits}
        self.serves = {need: index.need_servers.get(need, {}) for need in stated}
        self.requested_layers = requested_layers
        self.min_fit = settings.mix_min_fit
        self.partner_fit = settings.partner_min_fit
        self.member_cost = settings.mix_member_cost
        self.pairing_bonus = settings.pairing_bonus
        self.built_for = settings.need_weights.get("built_for", 40)
        self.serving = settings.need_weights.get("serves", 20)
        """A need covered by a framework built for it or serving it counts before one merely
        supporting it: a framework that supports a need covers it only when none built for it
        (or serving it) fits within the limits."""
        self.excluded = {HYBRID} if all(p in self.current for p in HYBRID_PARTS) else set()
        self.excluded |= self.failing
        self.pay_homes -= self.failing
        if self.failing.intersection(HYBRID_PARTS):
            self.excluded.add(HYBRID)  # the hybrid runs the OKRs or KPIs that are not working
        self.order_for = {
            need: tuple(sorted(servers, key=lambda f: (-servers[f], -self.score[f], position[f])))
            for need, servers in self.serves.items()
        }
        self._memo: dict[tuple[str, ...], Choice | None] = {}
        self.rank_in: dict[str, dict[str, int]] = {}
        """framework -> {stated need it serves: its place in that need's order (0 is best)}."""
        for need, order in self.order_for.items():
            for place, fid in enumerate(order):
                self.rank_in.setdefault(fid, {})[need] = place
        self._valid_sets: dict[tuple[tuple[str, ...], int], list[Grown]] = {}
        self.held_only: int | None = None
        """The leaders' time, when the meetings kept exceed it: nothing new may add minutes."""
        self.size_cap = size_cap
        self.weak = {f for f in fits if not self._strong(f) and not self._kept(f)}
        """Frameworks that can only join by serving a stated need best."""
        self.worth_keeping = {
            f
            for f in self.current - self.excluded
            if f in fits
            and (
                not (own := self._own_jobs(f))
                or any(
                    fits[f] + margin
                    >= max(fits[g] for g in self.serves[need] if g not in self.excluded)
                    for need in own
                )
            )
        } | {f for f in self.replacing if f in fits and f not in self.excluded}
        """The in-use policy (kb.yaml ``policies.in_use``): a framework in use that works is
        kept, and so is what replaces one that does not; keeping them counts right after needs
        covered. One whose own job is a stated need (built for it or serving it) and that does
        it only far behind the best (more than ``keep_current_margin`` points: SMART beside an
        MBO built for pay-linked objectives) gives way unless it is the only way to cover a
        need; one that merely supports a stated need is not outclassed by the framework built
        for it (a working EOS beside a RACI matrix for a restructuring's roles)."""

    def _own_jobs(self, fid: str) -> list[str]:
        """The stated needs ``fid`` is built for or serves."""
        return [n for n in self.rank_in.get(fid, {}) if self.serves[n][fid] >= self.serving]

    def stands_in(self, fid: str) -> bool:
        """A member started though not in use nor the home of pay that merely supports every
        stated need it serves (V2MOM for change goals while OKR, built for them, waits)."""
        served = [n for n in self.stated if fid in self.serves[n]]
        return (
            fid not in self.current
            and fid not in self.pay_homes
            and bool(served)
            and all(self.serves[n][fid] < self.serving for n in served)
        )

    def takes_over(self, before: tuple[str, ...], after: tuple[str, ...]) -> bool:
        """Every need a stand-in dropped from ``before`` covered is served in ``after`` by a
        framework built for it or serving it."""
        for need in self.stated:
            was = self.representative(need, before)
            if was is None or was in after:
                continue
            now = self.representative(need, after)
            if now is None or self.serves[need][now] < self.serving:
                return False
        return True

    def candidates(self) -> list[str]:
        """Frameworks serving a stated need, their recognised partners, and the best filler of
        each layer a rule asks for: at most ``MAX_CANDIDATES``, the best server of each need and
        the frameworks in use first."""
        ranked: dict[str, tuple[int, int]] = {}
        for need in self.stated:
            for fid, weight in self.serves[need].items():
                if fid in self.excluded or self.fits[fid] < self.min_fit:
                    continue
                best = ranked.get(fid, (0, 0))
                ranked[fid] = (max(best[0], weight), self.score[fid])
        for fid in sorted(self.worth_keeping | self.pay_homes):
            ranked.setdefault(fid, (0, self.score[fid]))
        for fid in list(ranked):
            for partner in self.partners.get(fid, {}):
                if partner not in ranked and (self._strong(partner) or self._kept(partner)):
                    ranked[partner] = (0, self.score[partner])
        for layer in sorted(self.requested_layers):
            fillers = [
                f for f in self.index.fillers.get(layer, ()) if self._strong(f) or self._kept(f)
            ]
            if fillers:
                top = max(fillers, key=lambda f: (self.score[f], -self.position[f]))
                ranked.setdefault(top, (0, self.score[top]))
        best_servers = {
            order[0]
            for need in self.stated
            if (order := [f for f in self.order_for[need] if f in ranked])
        }

        def priority(fid: str) -> tuple[int, int, int, int]:
            # the best server of each need, then frameworks in use that could stay, then the rest
            kept = fid in self.worth_keeping or fid in self.current or fid in self.pay_homes
            tier = 0 if fid in best_servers else 1 if kept else 2
            return (tier, -ranked[fid][0], -ranked[fid][1], self.position[fid])

        order = sorted(ranked, key=priority)
        chosen = order[:MAX_CANDIDATES]
        for need in self.stated:  # the best server of every need always makes the cut,
            servers = [f for f in order if f in self.serves[need]]  # even below mix_min_fit
            if not servers:
                servers = sorted(
                    (f for f in self.serves[need] if f not in self.excluded),
                    key=lambda f: (-self.serves[need][f], -self.score[f], self.position[f]),
                )[:1]
            if servers and not set(servers) & set(chosen):
                if len(chosen) < MAX_CANDIDATES:
                    chosen.append(servers[0])
                else:
                    chosen[-1] = servers[0]
        return sorted(chosen, key=self.position.__getitem__)

    def all_servers(self) -> list[str]:
        """Every framework serving a stated need, whatever its fit: the last resort before a
        phase one over the meeting budget."""
        found = {f for need in self.stated for f in self.serves[need] if f not in self.excluded}
        return sorted(found, key=self.position.__getitem__)

    def _kept(self, fid: str) -> bool:
        """A framework already in use may stay beside its recognised partner, or in a layer a
        rule asks for, whatever its fit."""
        kept = fid in self.current or fid in self.replacing or fid in self.pay_homes
        return kept and fid not in self.excluded

    def _strong(self, fid: str) -> bool:
        return fid not in self.excluded and self.fits[fid] >= self.partner_fit

    def representative(self, need: str, members: tuple[str, ...] | frozenset[str]) -> str | None:
        """The member that serves ``need`` best: strongest, then best fit, then best rank."""
        for fid in self.order_for[need]:
            if fid in members:
                return fid
        return None

    def layer_of(self, member: str, members: tuple[str, ...]) -> str:
        """The layer a member fills in this set: that of the first stated need it covers best."""
        return self._layer(member, {n: self.representative(n, members) for n in self.stated})

    def _layer(self, member: str, reps: dict[str, str | None]) -> str:
        layers = self.index.kb.frameworks[member].layers
        if member in self.pay_homes and PAY_LAYER in layers:
            return PAY_LAYER
        for need in self.stated:
            if reps[need] == member:
                layer = self.index.need_layers.get(need)
                if layer is not None and layer in layers:
                    return layer
        return layers[0]

    def evaluate(self, members: tuple[str, ...], budget: int | None) -> Choice | None:
        """The set's score, or None when it breaks a rule (or the budget, when given)."""
        if members in self._memo:
            choice = self._memo[members]
        else:
            choice = self._memo[members] = self._score(members)
        if choice is None or not self.within(members, choice.cost, budget):
            return None
        return choice

    def within(self, members: tuple[str, ...], cost: int, budget: int | None) -> bool:
        """The set's calendar fits ``budget``: in full, or in its lighter forms. While the
        meetings kept exceed the leaders' time on their own (``held_only``), nothing new joins
        but what replaces a framework said not to work, and only if it adds no minutes to those
        of the kept members beside it."""
        if budget is None:
            return True
        if self.held_only is not None:  # both as light as the leaders' time asks
            kept = tuple(m for m in members if m in self.current)
            if len(kept) < len(members) and (
                any(m not in self.current and m not in self.replacing for m in members)
                or self.lightest(members) > self.lightest(kept)
            ):
                return False
        if cost <= budget:
            return True
        lightest = self.index.lightest_alone
        if any(lightest[m] > budget for m in members):
            return False  # one member's own lightest calendar is already over it
        return self.lightest(members) <= budget

    def fits_budget(self, members: tuple[str, ...], budget: int | None) -> bool:
        """``within``, for a set the search has not weighed (its cost not yet known)."""
        return self.within(members, meeting_cost(self.index, members), budget)

    def lightest(self, members: tuple[str, ...]) -> int:
        """The set's calendar in minutes as light as its meetings' forms go: it fits a budget
        exactly when this does."""
        cache = self.index.lightest_sets  # sets recur from one recommendation to the next
        minutes = cache.get(members)
        if minutes is None:
            minutes = cache[members] = lightest_minutes(self.index, members)
        return minutes

    def _score(
        self,
        members: tuple[str, ...],
        reps: dict[str, str | None] | None = None,
        cost: int | None = None,
    ) -> Choice | None:
        """Score a conflict-free set (``_grow`` never builds another); ``reps``: the member
        serving each stated need best, when the caller already knows."""
        index = self.index
        if reps is None:
            inside = frozenset(members)
            reps = {need: self.representative(need, inside) for need in self.stated}
        represented: set[str] = set()
        covered = quality = built = strong = 0
        built_for, serving = self.built_for, self.serving
        for need, rep in reps.items():
            if rep is not None:
                represented.add(rep)
                covered += 1
                weight = self.serves[need][rep]
                quality += weight
                built += weight >= built_for
                strong += weight >= serving
        weights = quality
        quality -= self.member_cost * (len(members) - 1)
        partners = self.partners
        keeping = self.worth_keeping
        pairs = 0
        layers_filled: set[str] = set()
        for member in members:
            mine = partners[member]
            partnered = False
            for other in members:
                if other in mine:
                    partnered = True
                    pairs += 1
            if member in represented:
                continue
            if member in keeping or member in self.pay_homes:
                quality += self.member_cost  # kept in use, or the home of pay: it pays its way
                continue
            fills = [
                layer
                for layer in self.requested_layers
                if member in index.fillers[layer] and layer not in layers_filled
            ]
            if not ((partnered or fills) and (self._strong(member) or self._kept(member))):
                return None  # every member earns its place
            quality += self.member_cost  # a strong partner or a requested layer pays its way
            layers_filled.update(fills)
        quality += self.pairing_bonus * (pairs // 2)  # recognised pairings: each its own job
        layer_of: dict[str, str] = {}
        frameworks = index.kb.frameworks
        for need, rep in reps.items():  # the layer of the first need each member serves best
            if rep is not None and rep not in layer_of:
                layer = index.need_layers.get(need)
                if layer is not None and layer in frameworks[rep].layers:
                    layer_of[rep] = layer
        pay_homes = self.pay_homes
        layers = {
            PAY_LAYER
            if m in pay_homes and PAY_LAYER in frameworks[m].layers
            else layer_of.get(m) or frameworks[m].layers[0]
            for m in members
        }
        if len(layers) < len(members):
            return None  # one framework per layer: a second direction framework only adds work
        kept = len(keeping.intersection(members))
        fit = 0
        for m in members:
            fit += self.fits[m]
        fit = round(fit / max(len(members), 1))  # the mean: adding members never adds fit
        ranks = [-self.position[m] for m in members]  # members come in ranking order
        paid = 1 if self.pay_homes.intersection(members) else 0
        key = (
            covered + strong + built,
            covered,
            kept,
            paid,
            quality,
            built,
            fit,
            -len(members),
            ranks,
        )
        cost = meeting_cost(index, members) if cost is None else cost
        return Choice(members, key, cost, weights, pairs // 2)

    def best(
        self,
        pool: list[str],
        fixed: tuple[str, ...],
        most: int,
        budget: int | None,
        health_aside: bool = False,
    ) -> tuple[Choice | None, Choice | None]:
        """The best and second-best sets ``fixed + extra`` with at most ``most`` new members
        beyond ``fixed`` and the frameworks kept in use (``health_aside``: KPIs as a few health
        metrics do not count), within the size cap and ``budget``."""
        wanted = set(fixed)
        current = self.current
        top: list[Choice] = []
        memo = self._memo
        for head, members, reps, cost in self._valid(tuple(pool), most):
            if len(top) == 2 and head < top[1].key[:2]:
                break  # sets come best head first: none of the rest can reach the top two
            if len(members) > self.size_cap:
                continue
            count = 0
            for m in members:
                if m not in wanted and m not in current:
                    count += 1
            if health_aside and HEALTH_METRICS in members and HEALTH_METRICS not in current:
                count -= 1
            if count > most:
                continue
            if (
                budget is not None
                and (cost > budget or self.held_only is not None)
                and not self.within(members, cost, budget)
            ):
                continue
            if wanted and not wanted.issubset(members):
                continue
            if members in memo:
                choice = memo[members]
            else:
                choice = memo[members] = self._score(members, reps, cost)
            if choice is None:
                continue
            top.append(choice)
            top.sort(key=lambda c: c.key, reverse=True)
            del top[2:]
        return (top[0] if top else None, top[1] if len(top) > 1 else None)

    def _valid(self, pool: tuple[str, ...], most: int) -> list[Grown]:
        """Every conflict-free set of the pool up to the size cap, with the member serving each
        need best and its meeting cost, found once per pool (phase one and the later phases all
        choose from it); each is scored only once a caller's limits let it through."""
        size = max(most, self.size_cap)
        cached = self._valid_sets.get((pool, size))
        if cached is not None:
            return cached
        start: dict[str, str | None] = dict.fromkeys(self.stated)
        sets: list[tuple[list[str], dict[str, str | None], int]] = []
        self._grow(list(pool), 0, [], start, {}, 0, set(), size, sets)
        found: list[Grown] = []
        serves, strength, built_for = self.serves, self.serving, self.built_for
        for members, reps, cost in sets:
            covered = strong = built = 0
            for need, rep in reps.items():
                if rep is not None:
                    covered += 1
                    strong += serves[need][rep] >= strength
                    built += serves[need][rep] >= built_for
            ordered = tuple(members)  # each set in ranking order
            found.append(((covered + strong + built, covered), ordered, reps, cost))
        found.sort(key=lambda grown: grown[0], reverse=True)
        self._valid_sets[(pool, size)] = found
        return found

    def _grow(
        self,
        rest: list[str],
        start: int,
        members: list[str],
        reps: dict[str, str | None],
        longest: dict[tuple[str, str], int],
        cost: int,
        blocked: set[str],
        most: int,
        out: list[tuple[list[str], dict[str, str | None], int]],
    ) -> None:
        """Every conflict-free set from ``members`` plus later candidates, with the member that
        serves each need best, appended to ``out`` depth first. A branch stops where a weak
        member (one that can only earn its place by serving a need best) no longer serves any
        need best: more members can only take needs from it."""
        if len(members) >= most:
            return
        excludes = self.index.excludes
        rituals = self.index.monthly_rituals
        rank_in = self.rank_in
        weak = self.weak
        for i in range(start, len(rest)):
            fid = rest[i]
            if fid in blocked:
                continue
            better = reps
            losers: list[str] = []
            for need, rank in rank_in.get(fid, {}).items():
                held = better[need]
                if held is None or rank < rank_in[held][need]:
                    if better is reps:
                        better = dict(reps)
                    better[need] = fid
                    if held is not None:
                        losers.append(held)
            serving = better.values()
            if (fid in weak and fid not in serving) or any(
                m in weak and m not in serving for m in losers
            ):
                continue  # a weak member serves no need best: no superset can fix that
            grown = [*members, fid]
            merged, total = longest, cost  # the merged calendar, one ritual at a time
            for key, minutes, monthly in rituals[fid]:
                before = merged.get(key, 0)
                if minutes > before:
                    if merged is longest:
                        merged = dict(longest)
                    total += monthly - (round(before * MEETINGS_PER_MONTH[key[1]]) if before else 0)
                    merged[key] = minutes
            out.append((grown, better, total))
            self._grow(
                rest, i + 1, grown, better, merged, total, blocked | excludes[fid], most, out
            )


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
    search = _Search(
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
    later, replaces = _later_phases(search, later_pool, tuple(members), limits)
    cautions: list[Caution] = []
    coverage = _coverage(search, index, tuple(members), later, pool, limits)
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
        retire=_retirements(search, index, current, members, limits, view),
        cautions=cautions,
        choice=choice_sentence(index, comparison, whys),
        comparison=comparison,
        limits=limits,
        running=[m for m in members if m in search.current],
        partners=search.partners,
        replaces=replaces,
    )


def _held_floor(search: _Search, pool: list[str], budget: int) -> int:
    """The minutes of the meetings already held that the plan keeps, in their lightest forms:
    those of the best set of frameworks kept in use alone (two kept frameworks that clash
    are never both kept; one the search's ``pool`` leaves out is not kept either)."""
    keeping = sorted(search.worth_keeping.intersection(pool), key=search.position.__getitem__)
    minutes = fit_calendar(search.index, keeping, budget)[0]
    if minutes <= budget:
        return minutes
    kept, _ = search.best(keeping, (), 0, None)
    return fit_calendar(search.index, kept.members, budget)[0] if kept else 0


def _as_hybrid(search: _Search, best: Choice | None, budget: int | None) -> Choice | None:
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


def _later_phases(
    search: _Search, pool: list[str], first: tuple[str, ...], limits: Limits
) -> tuple[list[tuple[list[str], Message]], list[list[str]]]:
    """Phase 2 lifts the maturity cap; phase 3 adds what only more meeting time allows. A
    later phase may replace a stand-in of the phases before it (a member that merely supports
    the needs it covers, started while the framework built for them could not be) when the
    set without it covers the stated needs better (built for beats supports, issue 23)."""
    phases: list[tuple[list[str], Message]] = []
    replaces: list[list[str]] = []
    names = search.index.names
    fixed = first
    steps: list[tuple[int | None, Message | None]] = []
    if limits.maturity_cap is not None:
        steps.append((limits.effective, message("phase.why.no_goals_yet")))
    else:
        steps.append((limits.effective, None))
    if limits.budget is not None:
        steps.append((None, message("phase.why.more_time", budget=limits.budget)))
    most = limits.new_cap or limits.size_cap
    for budget, why in steps:
        current = search.evaluate(fixed, None)
        if current is None:
            continue
        best, _ = search.best(pool, fixed, most, budget)
        stand_ins = [m for m in fixed if search.stands_in(m)]
        if stand_ins:
            keep = tuple(m for m in fixed if m not in stand_ins)
            swap, _ = search.best(pool, keep, most + len(stand_ins), budget)
            if (
                swap is not None
                and swap.key[COVERED] >= current.key[COVERED]
                and (best is None or swap.key[: QUALITY + 1] > best.key[: QUALITY + 1])
                and search.takes_over(fixed, swap.members)
            ):
                best = swap
        if best is None or best.key[: QUALITY + 1] <= current.key[: QUALITY + 1]:
            continue  # covers no stated need more, or better, than the phases before
        added = [m for m in best.members if m not in fixed]
        dropped = [m for m in fixed if m not in best.members]
        reason = why or message(
            "phase.why.capacity", most=limits.most_new, names=[names[a] for a in added]
        )
        if dropped:
            reason = message(
                "phase.why.replaces",
                why=reason,
                added=[names[a] for a in added],
                replaced=[names[d] for d in dropped],
            )
        phases.append((added, reason))
        replaces.append(dropped)
        fixed = best.members
    return phases, replaces


def _coverage(
    search: _Search,
    index: EngineIndex,
    members: tuple[str, ...],
    later: list[tuple[list[str], Message]],
    pool: list[str],
    limits: Limits,
) -> list[NeedCoverage]:
    names = index.short_names
    labels = index.need_labels
    result: list[NeedCoverage] = []
    for need in search.stated:
        servers = search.serves[need]
        inside = sorted(
            (m for m in members if m in servers), key=lambda m: (-servers[m], search.position[m])
        )
        if inside:
            top = inside[0]
            strength = index.need_strengths[need][top]
            parts: list[Message] = [message(f"need.strength.{strength}", name=names[top])]
            if servers[top] < search.serving:
                left_out = _built_for_left_out(search, index, members, need, later, limits)
                parts += [left_out] if left_out is not None else []
            why = parts[0] if len(parts) == 1 else message("words.sentences", sentences=parts)
            result.append(NeedCoverage(need, inside, True, why_message=why))
            continue
        label = labels.get(need, need)
        waiting = [
            (phase, fid)
            for phase, (added, _) in enumerate(later, start=2)
            for fid in added
            if fid in servers
        ]
        if waiting:
            phase, fid = waiting[0]
            why = message(
                "need.waiting", need=label, name=names[fid], phase=phase, why=later[phase - 2][1]
            )
        else:
            because = _left_out_because(search, index, members, servers, pool, limits)
            why = message("need.left_out", need=label, because=because)
        result.append(NeedCoverage(need, [], False, why_message=why))
    return result


def _built_for_left_out(
    search: _Search,
    index: EngineIndex,
    members: tuple[str, ...],
    need: str,
    later: list[tuple[list[str], Message]],
    limits: Limits,
) -> Message | None:
    """Why the frameworks built for ``need`` are not in phase one while one merely supporting
    it covers it: the first built for it, and the first reason that holds."""
    names = index.short_names
    built = [
        f for f, s in index.need_strengths[need].items() if s == "built_for" and f in search.fits
    ]
    if not built:
        return None
    fid = max(built, key=lambda f: (search.fits[f], -search.position[f]))
    for phase, (added, _) in enumerate(later, start=2):
        if fid in added:
            return message("built_for.later", name=names[fid], phase=phase)
    labels = index.need_labels

    def needed_for(other: str) -> str:
        served = [
            n for n in search.stated if n != need and search.representative(n, members) == other
        ]
        if not served:
            return ""
        return labels.get(served[0], served[0])

    clash = [m for m in members if fid in index.conflicts[m] and needed_for(m)]
    own_layer = index.kb.frameworks[fid].layers[0]
    same = [
        m
        for m in members
        if (fid in index.excludes[m] or search.layer_of(m, members) == own_layer) and needed_for(m)
    ]
    new = [m for m in members if m not in search.current]
    instead = (*(m for m in members if fid not in index.excludes[m]), fid)
    if fid in search.failing:
        reason = message("built_for.not_working")
    elif search.fits[fid] < search.min_fit:
        reason = message("built_for.poor_fit", fit=search.fits[fid])
    elif limits.budget is not None and not search.fits_budget(instead, limits.effective):
        reason = message("built_for.budget", budget=limits.budget)
    elif clash:
        reason = message("built_for.conflict", other=names[clash[0]], need=needed_for(clash[0]))
    elif same:
        reason = message("built_for.same_job", other=names[same[0]], need=needed_for(same[0]))
    elif limits.budget is not None and not search.fits_budget((*members, fid), limits.effective):
        reason = message("built_for.budget", budget=limits.budget)
    elif len(members) >= limits.size_cap:
        reason = message("built_for.capacity", limit=limits.size_cap)
    elif len(new) >= limits.most_new:
        reason = message("built_for.capacity_new", limit=limits.most_new)
    else:
        reason = message("built_for.other")
    return message("built_for.sentence", name=names[fid], reason=reason)


def _left_out_because(
    search: _Search,
    index: EngineIndex,
    members: tuple[str, ...],
    servers: dict[str, int],
    pool: list[str],
    limits: Limits,
) -> Message:
    names = index.short_names
    options = [f for f in pool if f in servers]
    if not options:
        weak = sorted(
            (f for f in servers if f not in search.failing), key=lambda f: -search.fits[f]
        )
        if weak:
            return message("left_out.poor_fit", name=names[weak[0]])
        if search.failing.intersection(servers):
            return message("left_out.not_working")
        return message("left_out.no_server")
    fid = options[0]
    clash = [m for m in members if fid in index.conflicts[m]]
    in_use = fid in search.current
    if clash:
        clashing = "left_out.clash_in_use" if in_use else "left_out.clash"
        return message(clashing, name=names[fid], other=names[clash[0]])
    if limits.budget is not None and not search.fits_budget((*members, fid), limits.effective):
        over = "budget.left_out_in_use" if in_use else "budget.left_out"
        return message(over, name=names[fid], budget=limits.budget)
    at_limit = "left_out.at_limit_in_use" if in_use else "left_out.at_limit"
    return message(at_limit, name=names[fid], limit=limits.most_new)


def _layers(search: _Search, index: EngineIndex, members: tuple[str, ...]) -> list[MixLayer]:
    names = index.short_names
    layers: list[MixLayer] = []
    for member in members:
        served = [n for n in search.stated if member in search.serves[n]]
        represented = [n for n in served if search.representative(n, members) == member]
        layer = search.layer_of(member, members)
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
                why = " ".join(index.kb.policies.pay.carried_by[member].split())
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


def compare(
    search: _Search, best: Choice | None, runner_up: Choice | None, stated: int
) -> MixComparison | None:
    """The mix against its runner-up as a record of the facts the search compared."""
    if best is None or runner_up is None or set(best.members) == set(runner_up.members):
        return None
    chosen, other = _side(search, best), _side(search, runner_up)
    hybrid = HYBRID in best.members and set(HYBRID_PARTS) <= set(runner_up.members)
    decided = "hybrid" if hybrid else _decided_by(best, runner_up)
    return MixComparison(chosen, other, stated, decided)


def _side(search: _Search, choice: Choice) -> ChoiceSide:
    key = choice.key
    return ChoiceSide(
        members=list(choice.members),
        strong=_serving(choice),
        covered=key[COVERED],
        built=key[BUILT],
        kept=key[KEPT],
        paid=bool(key[PAID]),
        weights=choice.weights,
        pairs=choice.pairs,
        fits={m: search.fits[m] for m in choice.members},
        mean_fit=key[FIT],
        minutes=choice.cost,
    )


def _serving(choice: Choice) -> int:
    """The stated needs ``choice`` covers with a framework built for or serving them."""
    return choice.key[STRONG] - choice.key[COVERED] - choice.key[BUILT]


def _decided_by(best: Choice, other: Choice) -> str:
    """The first criterion of the search's score on which the two differ; where need strength,
    the number of frameworks and pairings were weighed together (``QUALITY``), the part of it
    that favours the chosen set."""
    if best.key[STRONG] != other.key[STRONG]:  # how strongly: say the part that is larger
        if _serving(best) > _serving(other):
            return "strong"
        return "covered" if best.key[COVERED] > other.key[COVERED] else "built"
    for index, name in enumerate(("covered", "kept", "paid"), start=COVERED):
        if best.key[index] != other.key[index]:
            return name
    if best.key[QUALITY] != other.key[QUALITY]:
        if best.weights > other.weights:
            return "weights"
        if len(best.members) < len(other.members):
            return "fewer"
        if best.pairs > other.pairs:
            return "pairs"
        return "weights" if best.weights == other.weights else "fewer"
    if best.key[BUILT] != other.key[BUILT]:
        return "built"
    if best.key[FIT] != other.key[FIT]:
        return "fit"
    if len(best.members) < len(other.members):
        return "fewer"
    return "rank"


def choice_sentence(
    index: EngineIndex, comparison: MixComparison | None, whys: dict[str, Message | None]
) -> Message | None:
    """Why the chosen set beat the runner-up, in one sentence written from ``comparison`` and
    stating only what it holds (``whys``: each member's why)."""
    if comparison is None:
        return None
    names = index.short_names
    chosen, other = comparison.chosen, comparison.runner_up
    winner = [names[m] for m in chosen.members]
    loser = [names[m] for m in other.members]
    added = [m for m in chosen.members if m not in other.members]
    dropped = [m for m in other.members if m not in chosen.members]
    decided = comparison.decided_by
    if decided == "hybrid":
        return message(
            "choice.sentence", chosen=winner, other=loser, because=message("choice.because.hybrid")
        )
    if not dropped and decided not in ("strong", "covered", "kept", "paid", "built"):
        first = whys.get(added[0])
        if first is not None:
            return message("choice.superset", chosen=winner, other=loser, why=first)
    if not added and chosen.covered == other.covered and chosen.strong == other.strong:
        return message("choice.subset", chosen=winner, names=[names[m] for m in dropped])
    figures = {
        "strong": (chosen.covered, other.covered),
        "covered": (chosen.covered, other.covered),
        "kept": (chosen.kept, other.kept),
        "built": (chosen.built, other.built),
        "fewer": (len(chosen.members), len(other.members)),
        "fit": (chosen.mean_fit, other.mean_fit),
    }
    a, b = figures.get(decided, (0, 0))
    given = {"a": a, "b": b, "c": chosen.strong, "d": other.strong, "stated": comparison.stated}
    because_id = f"choice.because.{decided}"
    because = message(because_id, **{k: given[k] for k in MESSAGES[because_id]})
    return message("choice.sentence", chosen=winner, other=loser, because=because)


def _retirements(
    search: _Search,
    index: EngineIndex,
    current: list[str],
    members: list[str],
    limits: Limits,
    view: dict[str, Any] | None = None,
) -> list[Retirement]:
    """Each framework in use that is not in phase one, with its true reason: the client says it
    is not working, the organisation has outgrown it (``view``: the answers), it conflicts with
    a member (or lives on inside one), or the size limit."""
    names = index.short_names
    retire: list[Retirement] = []
    for fid in current:
        if fid in members or fid not in index.kb.frameworks:
            continue
        if fid in search.failing:
            retire.append(Retirement(fid, "", "not_working", _not_working_why(index, fid)))
            continue
        if fid in HYBRID_PARTS and HYBRID in members:
            continue  # the hybrid is OKRs and KPIs run together: nothing to retire
        clash = [m for m in members if fid in index.conflicts[m]]
        served = [n for n in search.stated if fid in search.serves[n]]
        aided = [m for m in members if _complement(index, fid, m)]
        same_layer = [m for m in members if fid in index.excludes[m]]
        if view is not None and has_outgrown(index.kb, fid, view):
            why = outgrown_why(index.kb, fid)
            if clash or same_layer:
                conflict = message("in_use.conflict", other=names[(clash or same_layer)[0]])
                why = message("words.sentences", sentences=[why, conflict])
            retire.append(Retirement(fid, "", "outgrown", why))
        elif clash or (same_layer and not aided):
            why = message("in_use.conflict", other=names[(clash or same_layer)[0]])
            retire.append(Retirement(fid, "", "conflict", why))
        elif aided:  # SMART beside MBO: the member's own advice still uses it
            why = message("in_use.aid", other=names[aided[0]])
            retire.append(Retirement(fid, "", "aid", why))
        elif fid not in search.worth_keeping and served:
            label = index.need_labels.get(served[0], served[0])
            others = [m for m in members if m in search.serves[served[0]]]
            better = names[others[0]] if others else message("in_use.another")
            why = message("in_use.outclassed", other=better, need=label)
            retire.append(Retirement(fid, "", "conflict", why))
        else:
            why = message("in_use.size_limit", limit=limits.most_new)
            retire.append(Retirement(fid, "", "size_limit", why))
    return retire


def not_working(
    index: EngineIndex, view: dict[str, Any], current: list[str]
) -> tuple[tuple[str, ...], dict[str, str]]:
    """The frameworks in use the client says are not working, and what replaces each (its
    ``if_not_working``): replacement -> the framework it replaces."""
    failing = tuple(f for f in view.get("frameworks_not_working") or () if f in current)
    replacing: dict[str, str] = {}
    frameworks = index.kb.frameworks
    for fid in failing:
        instead = frameworks[fid].if_not_working
        for other in instead.replace_with if instead else ():
            if other not in failing and other in frameworks:
                replacing.setdefault(other, fid)
    return failing, replacing


def _not_working_why(index: EngineIndex, fid: str) -> Message:
    instead = index.kb.frameworks[fid].if_not_working
    if instead is None:
        return message("in_use.not_working_plain")
    return message("in_use.not_working", why=" ".join(instead.why.split()), source=instead.source)


def _complement(index: EngineIndex, a: str, b: str) -> bool:
    """Each names the other as a complement and they fill the same layer: ``a`` is a working
    aid of ``b`` (SMART's checklist for MBO's objectives)."""
    fa, fb = index.kb.frameworks[a], index.kb.frameworks[b]
    return b in fa.complements and a in fb.complements and bool(set(fa.layers) & set(fb.layers))
