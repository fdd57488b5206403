"""A goal file's data (YAML, or Markdown read into the same shape) as items: each goal with its
declared role, its path and its text, and the sets the file holds whole. A shape no goal file
has is a located problem (exit 2), never a crash."""

from __future__ import annotations

from typing import Any

from msgspec import Struct, field

from framework_advisor.domain.goals import Item, ItemKind
from framework_advisor.problems import KeyPath, LineSource, ProblemCollector, did_you_mean

RULE = "goal-file"
TEXT_KEYS: dict[str, tuple[str, ...]] = {
    "objective": ("objective", "title", "text"),
    "key_result": ("text", "key_result", "kr"),
    "kpi": ("kpi", "name", "metric", "text", "measurable"),
    "smart": ("goal", "text", "smart"),
    "wig": ("goal", "wig", "text"),
    "lead_measure": ("measure", "text", "lead_measure", "name"),
    "rock": ("rock", "text", "title"),
    "bsc_objective": ("objective", "text"),
    "north_star": ("metric", "name", "text"),
    "input_metric": ("metric", "name", "text"),
    "mbo_objective": ("objective", "text"),
    "v2mom_measure": ("measure", "text"),
}
SINGLE: dict[str, ItemKind] = {
    "objective": "objective",
    "key_result": "key_result",
    "kpi": "kpi",
    "smart_goal": "smart",
    "wig": "wig",
    "lead_measure": "lead_measure",
    "rock": "rock",
    "bsc_objective": "bsc_objective",
    "mbo_objective": "mbo_objective",
    "v2mom_measure": "v2mom_measure",
}
LISTS: dict[str, ItemKind] = {
    "objectives": "objective",
    "kpis": "kpi",
    "smart_goals": "smart",
    "wigs": "wig",
    "rocks": "rock",
    "mbo": "mbo_objective",
    "fast_goals": "smart",
    "hoshin_objectives": "smart",
}
"""FAST goals (with their next milestone) and Hoshin Kanri objectives (with their measure and
target) are judged for what is specific, measurable and time-bound, as SMART goals are."""
SETTINGS = ("period", "compensation_linked", "team", "title")
PERSPECTIVES = ("financial", "customer", "internal_process", "learning_growth")
V2MOM_PARTS = ("vision", "values", "methods", "obstacles", "measures")
TOP_KEYS = (*SETTINGS, *SINGLE, *LISTS, "scorecard", "bsc", "north_star", "v2mom")
WEEKLY = {"frequency": "weekly"}
"""An EOS Scorecard's measurable: a number with one owner and a goal, reviewed every week
(Wickman, Traction, 2007): a KPI whose frequency the scorecard gives."""


class GoalFile(Struct):
    """The items of one goal file, and which sets it holds whole (by top-level key)."""

    items: list[Item] = field(default_factory=list)
    sets: set[str] = field(default_factory=set)
    settings: dict[str, Any] = field(default_factory=dict)
    v2mom_parts: list[str] = field(default_factory=list)
    by_path: dict[KeyPath, Item] = field(default_factory=dict)
    """Every item by its path (a key result finds its objective)."""
    v2mom_unranked: list[str] = field(default_factory=list)
    """The V2MOM's values or methods not given as a list in priority order."""
    children: dict[KeyPath, list[int]] = field(default_factory=dict)
    """The items under an objective (its key results) or a WIG (its lead measures), by path."""


def items_of(data: Any, doc: LineSource, problems: ProblemCollector) -> GoalFile:
    goals = GoalFile()
    if data is None:
        return goals
    if not isinstance(data, dict):
        problems.add(
            doc, (), "expected a mapping of goal sections (objectives, kpis, ...)", rule=RULE
        )
        return goals
    for key, value in data.items():
        if not isinstance(key, str) or key not in TOP_KEYS:
            problems.add(
                doc,
                (str(key),),
                did_you_mean("not a section of a goal file.", key, TOP_KEYS),
                rule=RULE,
            )
            continue
        if key in SETTINGS:
            goals.settings[key] = value
        elif key in SINGLE:
            _item(goals, SINGLE[key], (key,), value, doc, problems)
        elif key in LISTS:
            goals.sets.add(key)
            for index, entry in enumerate(_as_list(value, (key,), doc, problems)):
                _item(goals, LISTS[key], (key, index), entry, doc, problems)
        elif key == "scorecard":
            goals.sets.add(key)
            for index, entry in enumerate(_as_list(value, (key,), doc, problems)):
                _item(goals, "kpi", (key, index), _measurable(entry), doc, problems)
        elif key == "bsc":
            goals.sets.add(key)
            _bsc(goals, value, doc, problems)
        elif key == "north_star":
            if isinstance(value, dict):
                goals.sets.add(key)
            _item(goals, "north_star", (key,), value, doc, problems)
        elif key == "v2mom":
            goals.sets.add(key)
            _v2mom(goals, value, doc, problems)
    return goals


def _measurable(entry: Any) -> Any:
    """A scorecard's entry as a KPI reviewed weekly (its own frequency, if it gives one, wins)."""
    if isinstance(entry, str | int | float) and not isinstance(entry, bool):
        return {"kpi": entry, **WEEKLY}
    return {**WEEKLY, **entry} if isinstance(entry, dict) else entry


def _as_list(value: Any, path: KeyPath, doc: LineSource, problems: ProblemCollector) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    problems.add(doc, path, f"expected a list, got {_what(value)}", rule=RULE)
    return []


def _what(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, bool):
        return "true/false"
    return "a number" if isinstance(value, int | float) else f"{type(value).__name__}"


def _item(
    goals: GoalFile,
    role: ItemKind,
    path: KeyPath,
    value: Any,
    doc: LineSource,
    problems: ProblemCollector,
) -> int | None:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text, fields = str(value), {}
    elif isinstance(value, dict):
        keys = TEXT_KEYS[role]
        found = next((k for k in keys if k in value), None)
        if (
            found is None
            or not isinstance(value[found], str | int | float)
            or isinstance(value[found], bool)
        ):
            problems.add(doc, path, f"expected the goal's text under '{keys[0]}'", rule=RULE)
            return None
        text = str(value[found])
        fields = {k: v for k, v in value.items() if k != found and isinstance(k, str)}
    else:
        problems.add(
            doc, path, f"expected the goal as text or a mapping, got {_what(value)}", rule=RULE
        )
        return None
    text = " ".join(text.split())
    if not text:
        problems.add(doc, path, "an empty goal", rule=RULE)
        return None
    index = len(goals.items)
    goals.items.append(Item(role=role, path=path, text=text, fields=fields))
    goals.by_path[path] = goals.items[-1]
    if role == "objective" and "key_results" in fields:
        goals.children[path] = _children(
            goals, "key_result", (*path, "key_results"), fields["key_results"], doc, problems
        )
    if role == "wig" and "lead_measures" in fields:
        goals.children[path] = _children(
            goals, "lead_measure", (*path, "lead_measures"), fields["lead_measures"], doc, problems
        )
    if role == "north_star" and "inputs" in fields:
        goals.children[path] = _children(
            goals, "input_metric", (*path, "inputs"), fields["inputs"], doc, problems
        )
    return index


def _children(
    goals: GoalFile,
    role: ItemKind,
    path: KeyPath,
    value: Any,
    doc: LineSource,
    problems: ProblemCollector,
) -> list[int]:
    indexes = []
    for position, entry in enumerate(_as_list(value, path, doc, problems)):
        index = _item(goals, role, (*path, position), entry, doc, problems)
        if index is not None:
            indexes.append(index)
    return indexes


def _bsc(goals: GoalFile, value: Any, doc: LineSource, problems: ProblemCollector) -> None:
    if not isinstance(value, dict):
        problems.add(doc, ("bsc",), "expected the four perspectives as a mapping", rule=RULE)
        return
    for perspective, entries in value.items():
        if perspective not in PERSPECTIVES:
            problems.add(
                doc,
                ("bsc", str(perspective)),
                did_you_mean("not a perspective.", perspective, PERSPECTIVES),
                rule=RULE,
            )
            continue
        for index, entry in enumerate(_as_list(entries, ("bsc", perspective), doc, problems)):
            _item(goals, "bsc_objective", ("bsc", perspective, index), entry, doc, problems)


def _v2mom(goals: GoalFile, value: Any, doc: LineSource, problems: ProblemCollector) -> None:
    if not isinstance(value, dict):
        problems.add(
            doc, ("v2mom",), "expected vision, values, methods, obstacles and measures", rule=RULE
        )
        return
    goals.v2mom_parts = [p for p in V2MOM_PARTS if value.get(p)]
    goals.v2mom_unranked = [
        p for p in ("values", "methods") if p in value and not _ranked(value[p])
    ]
    for part in value:
        if part not in V2MOM_PARTS:
            problems.add(
                doc,
                ("v2mom", str(part)),
                did_you_mean("not a part of a V2MOM.", part, V2MOM_PARTS),
                rule=RULE,
            )
    for index, entry in enumerate(
        _as_list(value.get("measures"), ("v2mom", "measures"), doc, problems)
    ):
        _item(goals, "v2mom_measure", ("v2mom", "measures", index), entry, doc, problems)


def _ranked(entries: Any) -> bool:
    """A list is in priority order; where its entries give a `priority`, those are 1, 2, 3 ...
    in turn."""
    if not isinstance(entries, list):
        return False
    given = [e.get("priority") for e in entries if isinstance(e, dict) and "priority" in e]
    return not given or given == list(range(1, len(entries) + 1))
