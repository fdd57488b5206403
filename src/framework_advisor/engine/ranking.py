"""Fit scores: base fit plus the weights of the rules that fired, clamped to 0-100."""

from __future__ import annotations

from typing import Any

from framework_advisor.engine.index import EngineIndex


def rule_states(index: EngineIndex, view: dict[str, Any]) -> list[bool | None]:
    return [indexed.test(view) for indexed in index.rules]


def raw_totals(index: EngineIndex, states: list[bool | None]) -> dict[str, int]:
    totals = dict(index.base)
    for indexed, state in zip(index.rules, states, strict=True):
        if state is True:
            for framework, weight in indexed.weights:
                totals[framework] += weight
    return totals


def clamp(total: int) -> int:
    return 0 if total < 0 else 100 if total > 100 else total


def order(fits: dict[str, int]) -> list[str]:
    """Best first; ties broken by framework id."""
    return sorted(fits, key=lambda fid: (-fits[fid], fid))


def ranked_ids(index: EngineIndex, view: dict[str, Any]) -> list[str]:
    totals = raw_totals(index, rule_states(index, view))
    return order({fid: clamp(total) for fid, total in totals.items()})
