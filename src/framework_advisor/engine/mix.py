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


CORE_LAYERS = ("direction", "health")


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
    """Fill direction and health first, then the other requested layers, each strongest fit
    first, so a weak choice for one layer never pushes out a strong one for another; a
    framework chosen once serves every layer it can."""
    kb = index.kb
    settings = kb.settings
    names = index.names
    cap = _cap(index, stage, team_size)
    position = {fid: i for i, fid in enumerate(ranking)}
    margin = settings.keep_current_margin
    wanted = [layer for layer in LAYERS if layer in requested]
    candidates = sorted(
        (
            layer not in CORE_LAYERS,  # every mix keeps a direction and a health layer
            -(fits[fid] + (margin if fid in current else 0)),
            position[fid],
            LAYERS.index(layer),
            layer,
            fid,
        )
        for layer in wanted
        for fid in index.fillers[layer]
        if fits[fid] >= settings.mix_min_fit
    )
    chosen: dict[str, str] = {}
    picked: list[str] = []
    blocked: set[str] = set()
    why: dict[str, str] = {}
    dropped: dict[str, str] = {}
    for _optional, _score, _rank, _order, layer, fid in candidates:
        if layer in chosen or fid in blocked:
            continue
        if fid in picked:
            chosen[layer] = fid
            why[layer] = (
                f"{names[fid]}, already in the mix, also {LAYER_JOBS[layer]}: one framework "
                "serves both layers."
            )
            continue
        if len(picked) >= cap:
            dropped.setdefault(layer, fid)
            continue
        why[layer] = _why_new(index, fits, position, layer, fid, picked, blocked, current)
        chosen[layer] = fid
        picked.append(fid)
        blocked |= index.conflicts[fid]

    layers = [MixLayer(layer, chosen[layer], why[layer]) for layer in wanted if layer in chosen]
    cautions: list[Caution] = []
    left_out = [f"{layer} ({names[fid]})" for layer, fid in dropped.items() if layer not in chosen]
    if left_out:
        cautions.append(
            Caution(
                "too_many_frameworks",
                f"Too many frameworks for a team this size: at most {cap} at once. Left out for "
                f"now: {', '.join(left_out)}. Add them once the first ones run smoothly.",
            )
        )
    retire = _retirements(index, fits, current, picked, chosen)
    if len(current) > cap:
        cautions.append(
            Caution(
                "too_many_current",
                f"You run {len(current)} frameworks; a team this size can sustain about {cap}. "
                "Each one adds meetings and reporting: retire the ones listed.",
            )
        )
    return MixResult(layers, retire, cautions)


def _why_new(
    index: EngineIndex,
    fits: dict[str, int],
    position: dict[str, int],
    layer: str,
    fid: str,
    picked: list[str],
    blocked: set[str],
    current: list[str],
) -> str:
    names = index.names
    text = f"{names[fid]} {LAYER_JOBS[layer]} (fit {fits[fid]}, #{position[fid] + 1})."
    stronger = fid in current and [
        other
        for other in index.fillers[layer]
        if fits[other] > fits[fid] and other not in blocked and other != fid
    ]
    if stronger:
        top = max(stronger, key=lambda other: (fits[other], -position[other]))
        text += (
            f" You already use it and it still fits: within {index.kb.settings.keep_current_margin}"
            f" points of {names[top]} ({fits[top]}), so it stays."
        )
    partners = [other for other in picked if other in index.kb.frameworks[fid].complements]
    if partners:
        text += " It complements " + ", ".join(names[p] for p in partners) + "."
    return text


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
