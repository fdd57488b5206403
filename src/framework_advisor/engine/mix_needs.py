"""Each stated need's coverage by the plan: which member covers it and how strongly, or why
nothing does yet (a later phase, the limits, no framework serving it)."""

from __future__ import annotations

from framework_advisor.domain.recommendation import (
    NeedCoverage,
)
from framework_advisor.domain.text import Message, message
from framework_advisor.engine.index import EngineIndex
from framework_advisor.engine.mix_search import (
    Limits,
    Search,
)


def need_coverage(
    search: Search,
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
    search: Search,
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
    search: Search,
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
