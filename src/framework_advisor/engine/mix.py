"""The layered mix: one framework per requested layer, complements stacked, conflicts never."""

from __future__ import annotations

from msgspec import Struct

from framework_advisor.domain.contract import stage_for_headcount
from framework_advisor.domain.framework import LAYERS
from framework_advisor.domain.recommendation import Caution, MixLayer, Retirement
from framework_advisor.engine.index import EngineIndex

LAYER_JOBS = {
    "direction": "sets where you are going",
    "health": "watches the health of day-to-day operations",
    "individual": "sets and reviews individual objectives",
    "execution": "turns priorities into a weekly execution rhythm",
    "structure": "makes roles and the organisation's design clear",
}


class MixResult(Struct):
    layers: list[MixLayer]
    retire: list[Retirement]
    cautions: list[Caution]

    @property
    def frameworks(self) -> list[str]:
        return list(dict.fromkeys(layer.framework for layer in self.layers))


def _cap(index: EngineIndex, stage: str | None, team_size: int | None) -> int:
    caps = index.kb.settings.max_frameworks
    if team_size is not None:
        team_stage = stage_for_headcount(team_size)
        if stage is None or caps.get(team_stage, 5) < caps.get(stage, 5):
            stage = team_stage
    return caps.get(stage or "enterprise", 5)


def build_mix(
    index: EngineIndex,
    fits: dict[str, int],
    ranking: list[str],
    requested: set[str],
    current: list[str],
    stage: str | None,
    team_size: int | None,
) -> MixResult:
    kb = index.kb
    settings = kb.settings
    names = index.names
    chosen: dict[str, str] = {}  # layer -> framework
    layers: list[MixLayer] = []
    cautions: list[Caution] = []
    cap = _cap(index, stage, team_size)
    dropped: list[str] = []
    position = {fid: i for i, fid in enumerate(ranking)}
    min_fit = settings.mix_min_fit

    for layer in LAYERS:
        if layer not in requested:
            continue
        in_mix = list(dict.fromkeys(chosen.values()))
        blocked = set().union(*(index.conflicts[fid] for fid in in_mix))
        candidates = [
            fid
            for fid in ranking
            if fid in index.fillers[layer]
            and (fid in in_mix or fits[fid] >= min_fit)
            and fid not in blocked
        ]
        if not candidates:
            continue

        def score(fid: str) -> tuple[int, int]:
            bonus = settings.keep_current_margin if fid in current else 0
            return (-(fits[fid] + bonus), position[fid])

        best = min(candidates, key=score)
        if best in in_mix:
            chosen[layer] = best
            layers.append(
                MixLayer(
                    layer,
                    best,
                    f"{names[best]}, already in the mix, also {LAYER_JOBS[layer]}: one framework "
                    "serves both layers.",
                )
            )
            continue
        if len(in_mix) >= cap:
            dropped.append(f"{layer} ({names[best]})")
            continue
        chosen[layer] = best
        why = f"{names[best]} {LAYER_JOBS[layer]} (fit {fits[best]}, #{position[best] + 1})."
        top = candidates[0]
        if best != top:
            why += (
                f" You already use it and it still fits: within {settings.keep_current_margin}"
                f" points of {names[top]} ({fits[top]}), so it stays."
            )
        partners = [f for f in in_mix if f in kb.frameworks[best].complements]
        if partners:
            why += " It complements " + ", ".join(names[p] for p in partners) + "."
        layers.append(MixLayer(layer, best, why))

    if dropped:
        cautions.append(
            Caution(
                "too_many_frameworks",
                f"Too many frameworks for a team this size: at most {cap} at once. Left out for "
                f"now: {', '.join(dropped)}. Add them once the first ones run smoothly.",
            )
        )
    mix_ids = list(dict.fromkeys(layer.framework for layer in layers))
    retire = _retirements(index, fits, current, mix_ids, chosen)
    if len(current) > cap:
        cautions.append(
            Caution(
                "too_many_current",
                f"You run {len(current)} frameworks; a team this size can sustain about {cap}. "
                "Each one adds meetings and reporting: retire the ones listed.",
            )
        )
    return MixResult(layers, retire, cautions)


def _retirements(
    index: EngineIndex,
    fits: dict[str, int],
    current: list[str],
    mix_ids: list[str],
    chosen: dict[str, str],
) -> list[Retirement]:
    kb = index.kb
    names = index.names
    retire: list[Retirement] = []
    for fid in current:
        if fid in mix_ids or fid not in kb.frameworks:
            continue
        conflicting = [m for m in mix_ids if m in index.conflicts[fid]]
        replaced = [
            (layer, chosen[layer]) for layer in kb.frameworks[fid].layers if layer in chosen
        ]
        if conflicting:
            other = conflicting[0]
            shared = [layer for layer in kb.frameworks[fid].layers if chosen.get(layer) == other]
            role = f"its {shared[0]} role passes to" if shared else "it clashes with"
            why = (
                f"In this mix {role} {names[other]} (fit {fits[other]} against {fits[fid]}); "
                "running both side by side duplicates goals and meetings."
            )
        elif replaced:
            layer, other = replaced[0]
            why = (
                f"Its {layer} layer is better served by {names[other]} (fit {fits[other]} "
                f"against {fits[fid]})."
            )
        elif fits[fid] < kb.settings.mix_min_fit:
            why = f"Its fit for you is low ({fits[fid]}, below {kb.settings.mix_min_fit})."
        else:
            layer_names = ", ".join(kb.frameworks[fid].layers)
            why = f"None of your needs calls for its {layer_names} layer right now."
        retire.append(Retirement(fid, why))
    return retire
