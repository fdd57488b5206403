"""Goals from Markdown tables, by their columns: a filled-in starter template (`templates -f md`)
or any table with these columns, with the line of every row."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from framework_advisor.problems import KeyPath
from framework_advisor.sources.markdown_outline import OutlineEntry

_PERSPECTIVES = {
    "financial": "financial",
    "customer": "customer",
    "internal process": "internal_process",
    "internal business process": "internal_process",
    "learning growth": "learning_growth",
    "learning and growth": "learning_growth",
}


def _header(cell: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", cell.lower()).split())


def _column(header: list[str], *names: str) -> int | None:
    for name in names:
        for index, cell in enumerate(header):
            if cell == name or cell.startswith(name + " "):
                return index
    return None


def tables(entries: list[OutlineEntry], data: dict[str, Any], lines: dict[KeyPath, int]) -> None:
    """Goals from tables, by their columns: objectives (Objective with ID or Type), key results
    (Key result, linked by Objective ID), KPIs, WIGs and their lead measures, Rocks, SMART goals,
    an EOS Scorecard's measurables, FAST goals and Hoshin Kanri objectives."""
    header: list[str] = []
    objective_ids: dict[str, int] = {}
    wig_ids: dict[str, int] = {}
    for entry in entries:
        if entry.kind == "header_row":
            header = [_header(c) for c in entry.cells]
            continue
        if entry.kind != "row" or not header:
            continue
        cells = list(entry.cells) + [""] * (len(header) - len(entry.cells))

        def cell(*names: str, cells: list[str] = cells, header: list[str] = header) -> str:
            index = _column(header, *names)
            return cells[index].strip() if index is not None else ""

        if _column(header, "measurable") is not None and _column(header, "weekly goal") is not None:
            text = cell("measurable")
            if text:
                _append(data, lines, "scorecard", _measurable(cell), entry.line)
        elif _column(header, "specific next milestone and measure") is not None:
            text = cell("goal")
            if text:
                _append(data, lines, "fast_goals", _fast_goal(cell), entry.line)
        elif (
            _column(header, "breakthrough objective 3 5 years", "annual objective this year")
            is not None
        ):
            hoshin = _hoshin_objective(cell)
            if hoshin is not None:
                _append(data, lines, "hoshin_objectives", hoshin, entry.line)
        elif (
            _column(header, "perspective") is not None
            and _column(header, "strategic objective", "objective") is not None
        ):
            text = cell("strategic objective", "objective")
            perspective = _PERSPECTIVES.get(_header(cell("perspective")))
            if not text or perspective is None:
                continue
            bsc = data.setdefault("bsc", {})
            lines.setdefault(("bsc",), entry.line)
            entries_here = bsc.setdefault(perspective, [])
            lines[("bsc", perspective, len(entries_here))] = entry.line
            found = {"objective": text}
            for field in ("measure", "target", "initiative", "owner"):
                if cell(field):
                    found[field] = cell(field)
            entries_here.append(found)
        elif _column(header, "objective") is not None and _column(header, "weight") is not None:
            text = cell("objective")
            if not text:
                continue
            mbo: dict[str, Any] = {"objective": text}
            weight = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*%?\s*", cell("weight"))
            if weight:
                mbo["weight"] = float(weight.group(1))
            for field, names in (
                ("measure", ("how it is measured", "measure")),
                ("target", ("target",)),
            ):
                if cell(*names):
                    mbo[field] = cell(*names)
            _append(data, lines, "mbo", mbo, entry.line)
        elif _column(header, "part") is not None and _column(header, "answer") is not None:
            if _header(cell("part")) == "north star metric" and cell("answer"):
                data["north_star"] = cell("answer")
                lines[("north_star",)] = entry.line
        elif _column(header, "part") is not None and _column(header, "entry") is not None:
            part, text = _header(cell("part")), cell("entry")
            if part not in ("vision", "values", "methods", "obstacles", "measures") or not text:
                continue
            v2mom = data.setdefault("v2mom", {})
            lines.setdefault(("v2mom",), entry.line)
            if part == "vision":
                v2mom["vision"] = text
                lines[("v2mom", "vision")] = entry.line
                continue
            listed = v2mom.setdefault(part, [])
            lines.setdefault(("v2mom", part), entry.line)
            lines[("v2mom", part, len(listed))] = entry.line
            target = cell("target or due", "target")
            listed.append(
                {"measure": text, "target": target} if part == "measures" and target else text
            )
        elif _column(header, "key result") is not None:
            text = cell("key result")
            owner = objective_ids.get(cell("objective id"))
            if not text or owner is None:
                continue
            objective = data["objectives"][owner]
            result: dict[str, Any] = {"text": text}
            for field, names in (
                ("baseline", ("start",)),
                ("target", ("target",)),
                ("owner", ("owner",)),
            ):
                if cell(*names):
                    result[field] = cell(*names)
            index = len(objective["key_results"])
            lines[("objectives", owner, "key_results", index)] = entry.line
            objective["key_results"].append(result)
        elif _column(header, "objective") is not None and _column(header, "id", "type") is not None:
            text = cell("objective")
            if not text:
                continue
            objective = {"objective": text, "key_results": []}
            if cell("type"):
                objective["type"] = cell("type").lower()
            if cell("owner"):
                objective["owner"] = cell("owner")
            if cell("quarter ends", "due", "by when", "deadline"):
                objective["due"] = cell("quarter ends", "due", "by when", "deadline")
            _append(data, lines, "objectives", objective, entry.line)
            objective_ids[cell("id")] = len(data["objectives"]) - 1
        elif _column(header, "kpi") is not None:
            text = cell("kpi")
            if not text:
                continue
            kpi: dict[str, Any] = {"kpi": text}
            target = cell("target as written", "target")
            if target:
                kpi["target"] = target
            if cell("review", "frequency"):
                kpi["frequency"] = cell("review", "frequency").lower()
            direction = cell("direction").lower()
            if direction:
                kpi["direction"] = (
                    "lower"
                    if "lower" in direction
                    else "higher"
                    if "higher" in direction
                    else direction
                )
            _append(data, lines, "kpis", kpi, entry.line)
        elif _column(header, "wildly important goal") is not None:
            text = cell("wildly important goal")
            if not text:
                continue
            start, end, when = cell("from x", "from"), cell("to y", "to"), cell("by when")
            if start and end and when and " from " not in f" {text.lower()} ":
                text = f"{text} from {start} to {end} by {when}"
            _append(data, lines, "wigs", {"goal": text}, entry.line)
            wig_ids[cell("id")] = len(data["wigs"]) - 1
        elif _column(header, "lead measure") is not None and _column(header, "wig") is not None:
            text, wig = cell("lead measure"), wig_ids.get(cell("wig"))
            if not text or wig is None:
                continue
            measures = data["wigs"][wig].setdefault("lead_measures", [])
            lines[("wigs", wig, "lead_measures", len(measures))] = entry.line
            weekly = _column(header, "weekly target") is not None
            measures.append({"measure": text, **({"cadence": "weekly"} if weekly else {})})
        elif _column(header, "rock") is not None:
            text = cell("rock")
            if text:
                rock = {"rock": text, **({"owner": cell("owner")} if cell("owner") else {})}
                _append(data, lines, "rocks", rock, entry.line)
        elif _column(header, "smart goal final wording", "goal first draft") is not None:
            text = cell("smart goal final wording") or cell("goal first draft")
            if not text:
                continue
            goal: dict[str, Any] = {"goal": text}
            for field, names in (
                ("owner", ("owner",)),
                ("relevant", ("relevant",)),
                ("deadline", ("time bound",)),
            ):
                if cell(*names):
                    goal[field] = cell(*names)
            _append(data, lines, "smart_goals", goal, entry.line)


Cell = Callable[..., str]
"""A row's cell by its column's name (the first name the table has)."""


def _measurable(cell: Cell) -> dict[str, Any]:
    """An EOS Scorecard's measurable, read as a KPI: a number with one owner and a goal,
    reviewed every week in the Level 10 meeting (Wickman, Traction, 2007), so its frequency
    is weekly (the goal file's `scorecard` says so); "Goal is" gives the good direction (at
    least: higher; at most: lower)."""
    kpi: dict[str, Any] = {"measurable": cell("measurable")}
    goal = cell("weekly goal") or cell("goal as a number")
    if goal:
        kpi["target"] = goal
    direction = cell("goal is").lower()
    if "least" in direction:
        kpi["direction"] = "higher"
    elif "most" in direction:
        kpi["direction"] = "lower"
    if cell("owner"):
        kpi["owner"] = cell("owner")
    return kpi


def _fast_goal(cell: Cell) -> dict[str, Any]:
    """A FAST goal (Sull & Sull, 2018) with its Specific part, the next milestone and the
    number that shows it, read as one goal: specific, measurable and time-bound are what the
    SMART checks judge from its text; the milestone date is its deadline."""
    text, milestone, when = (
        cell("goal"),
        cell("specific next milestone and measure"),
        cell("milestone date"),
    )
    goal: dict[str, Any] = {"goal": f"{text}: {milestone}" if milestone else text}
    if when:
        goal["deadline"] = when
    if cell("owner"):
        goal["owner"] = cell("owner")
    return goal


def _hoshin_objective(cell: Cell) -> dict[str, Any] | None:
    """A Hoshin Kanri breakthrough objective (its measure, target and when) or annual objective
    (its metric and target, for this year, as the sheet says, serving a breakthrough
    objective), read as one goal (Akao, 1991; Jackson, 2006). Given a metric and a target, it
    is measurable, as a KPI with a target is; whether it is specific and dated is judged from
    its words."""
    annual = cell("annual objective this year")
    text = annual or cell("breakthrough objective 3 5 years")
    if not text:
        return None
    measure, target = cell("metric", "measure"), cell("target and when", "target")
    said = ", ".join(part for part in (measure, target) if part)
    goal: dict[str, Any] = {"goal": f"{text}: {said}" if said else text}
    if measure and target:
        goal["kind"] = "metric"  # a metric and its target, each in a column of its own
    if annual:
        goal["deadline"] = "this year"
        if cell("serves breakthrough objective"):
            goal["relevant"] = cell("serves breakthrough objective")
    if cell("owner"):
        goal["owner"] = cell("owner")
    return goal


def _append(
    data: dict[str, Any], lines: dict[KeyPath, int], key: str, value: Any, line: int
) -> None:
    items = data.setdefault(key, [])
    lines.setdefault((key,), line)
    lines[(key, len(items))] = line
    items.append(value)
