"""The mix search: every conflict-free set of the candidate frameworks, scored as a whole
(how strongly the stated needs are covered, frameworks in use kept, a home for pay, need
weights and pairings, the members' fit) within the organisation's limits (conflicts, a size
cap, a maturity cap, the meeting budget)."""

from __future__ import annotations

from typing import Any

from msgspec import Struct

from framework_advisor.domain.contract import STAGE_BANDS, stage_for_headcount
from framework_advisor.engine.cadence import (
    MEETINGS_PER_MONTH,
    lightest_minutes,
    meeting_cost,
)
from framework_advisor.engine.index import EngineIndex

MAX_CANDIDATES = 7
VALID_SETS_KEPT = 256
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


class Search:
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
        outgrown: frozenset[str] = frozenset(),
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
        held = self.current | self.replacing.keys() | self.pay_homes
        self.weak = {
            f
            for f, fit in fits.items()
            if f in self.excluded or (fit < self.partner_fit and f not in held)
        }
        """Frameworks that can only join by serving a stated need best."""
        self.worth_keeping = {
            f
            for f in self.current - self.excluded
            if f in fits
            and (
                (not (own := self._own_jobs(f)) and f not in outgrown)
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
        for it (a working EOS beside a RACI matrix for a restructuring's roles), unless the
        organisation has outgrown it: then only a job of its own done nearly as well as the best
        keeps it (EOS at 2,500 people beside the scorecard built for their strategy)."""

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
        return self.layer_in(member, {n: self.representative(n, members) for n in self.stated})

    def layer_in(self, member: str, reps: dict[str, str | None]) -> str:
        """``layer_of``, given the member serving each stated need best (``reps``)."""
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
            key = choice.key  # kept as a stable sort, best first, would keep the top two
            if not top or key > top[0].key:
                top.insert(0, choice)
                del top[2:]
            elif len(top) == 1 or key > top[1].key:
                top[1:] = [choice]
        return (top[0] if top else None, top[1] if len(top) > 1 else None)

    def _valid(self, pool: tuple[str, ...], most: int) -> list[Grown]:
        """Every conflict-free set of the pool up to the size cap, with the member serving each
        need best and its meeting cost, found once per pool (phase one and the later phases all
        choose from it); each is scored only once a caller's limits let it through."""
        size = max(most, self.size_cap)
        cached = self._valid_sets.get((pool, size))
        if cached is not None:
            return cached
        rank_in, weak = self.rank_in, self.weak
        key = (
            pool,
            size,
            tuple(self.stated),
            tuple(tuple(rank_in[f].items()) if f in rank_in else () for f in pool),
            tuple(f in weak for f in pool),
        )
        shared = self.index.valid_sets
        cached = shared.get(key)
        if cached is not None:
            self._valid_sets[(pool, size)] = cached
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
        if len(shared) >= VALID_SETS_KEPT:
            shared.clear()
        shared[key] = found
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
