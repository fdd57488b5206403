"""The frameworks in use that the plan does not keep, each with its true reason."""

from __future__ import annotations

from typing import Any

from framework_advisor.domain.recommendation import (
    Retirement,
)
from framework_advisor.domain.text import Message, message
from framework_advisor.engine.index import EngineIndex
from framework_advisor.engine.mix_search import (
    HYBRID,
    HYBRID_PARTS,
    Limits,
    Search,
)
from framework_advisor.engine.outgrown import has_outgrown, outgrown_why


def retirements(
    search: Search,
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
