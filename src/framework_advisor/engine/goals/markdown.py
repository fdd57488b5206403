"""A Markdown goal file (objectives as headings, key results as bullets under them; KPIs, WIGs,
Rocks and SMART goals under headings of those names) read into the YAML file's shape, with the
line of every goal."""

from __future__ import annotations

import re
from typing import Any

from framework_advisor.engine.goals.markdown_tables import tables
from framework_advisor.problems import KeyPath
from framework_advisor.sources.markdown_outline import OutlineEntry

SECTIONS = {
    "kpis": "kpis",
    "kpi": "kpis",
    "key performance indicators": "kpis",
    "health metrics": "kpis",
    "wigs": "wigs",
    "wig": "wigs",
    "wildly important goals": "wigs",
    "rocks": "rocks",
    "quarterly rocks": "rocks",
    "smart goals": "smart_goals",
    "smart": "smart_goals",
    "mbo": "mbo",
    "mbo objectives": "mbo",
    "fast goals": "fast_goals",
    "hoshin kanri": "hoshin_objectives",
    "hoshin objectives": "hoshin_objectives",
    "breakthrough objectives": "hoshin_objectives",
}
WEEKLY = {"scorecard", "eos scorecard", "weekly scorecard", "measurables", "weekly measurables"}
"""Headings of an EOS Scorecard: its measurables are KPIs reviewed every week (the goal file's
`scorecard`; Wickman, Traction, 2007)."""
SECTIONS.update(dict.fromkeys(WEEKLY, "scorecard"))
LISTED = ("kpis", "scorecard", "rocks", "smart_goals", "mbo", "fast_goals", "hoshin_objectives")
"""The sections whose bullets are goals of that list, one a bullet."""
CONTAINERS = {"objectives", "okrs", "objectives and key results"}
_OBJECTIVE = re.compile(r"^(?:objective\s*\d*|o\d+)\s*[:.)\-–]\s*", re.IGNORECASE)
_KEY_RESULT = re.compile(r"^(?:key\s+result\s*\d*|kr\s*\d+(?:\.\d+)?)\s*[:.)\-–]\s*", re.IGNORECASE)
_PERIOD = re.compile(
    r"\b(?:20\d{2}\s*[-/ ]?\s*[QH][1-4]|[QH][1-4]\s*[-/ ]?\s*20\d{2}|FY\s*\d{2,4})\b", re.IGNORECASE
)
_SETTING = re.compile(r"^(period|compensation[ _]linked)\s*:\s*(.+)$", re.IGNORECASE)


def goals_from_outline(entries: list[OutlineEntry]) -> tuple[dict[str, Any], dict[KeyPath, int]]:
    data: dict[str, Any] = {}
    lines: dict[KeyPath, int] = {}
    tables(entries, data, lines)
    section: str | None = None  # the named section a heading opened, or "objective"
    objective: dict[str, Any] | None = None
    wig_index: int | None = None
    tabled = False  # the section holds a table: its bullets are the table's notes
    bulleted = _bulleted(entries)
    for position, entry in enumerate(entries):
        if entry.kind in ("header_row", "row"):
            tabled = True
            continue
        if entry.kind == "heading":
            name = _name(entry.text)
            wig_index, tabled = None, False
            if name in SECTIONS:
                section, objective = SECTIONS[name], None
                data.setdefault(section, [])
                lines.setdefault((section,), entry.line)
                continue
            if name in CONTAINERS:
                section, objective = None, None
                continue
            period = _PERIOD.search(entry.text)
            if _OBJECTIVE.match(entry.text) or bulleted[position]:
                objectives = data.setdefault("objectives", [])
                lines.setdefault(("objectives",), entry.line)
                objective = {
                    "objective": _OBJECTIVE.sub("", entry.text) or entry.text,
                    "key_results": [],
                }
                lines[("objectives", len(objectives))] = entry.line
                objectives.append(objective)
                section = "objective"
            else:
                section, objective = None, None
                if period and "period" not in data:
                    data["period"] = period.group(0)
                    lines[("period",)] = entry.line
        elif entry.kind == "paragraph":
            setting = _SETTING.match(entry.text)
            if setting:
                key = "period" if setting.group(1).lower() == "period" else "compensation_linked"
                value = setting.group(2).strip()
                data[key] = value if key == "period" else value.lower() in ("yes", "true")
                lines[(key,)] = entry.line
        elif entry.kind == "bullet" and not tabled:
            if section == "objective" and objective is not None and entry.level == 1:
                index = len(data["objectives"]) - 1
                results = objective["key_results"]
                lines[("objectives", index, "key_results", len(results))] = entry.line
                results.append(_KEY_RESULT.sub("", entry.text) or entry.text)
            elif section == "wigs":
                wigs = data["wigs"]
                if entry.level == 1:
                    wig_index = len(wigs)
                    lines[("wigs", wig_index)] = entry.line
                    wigs.append({"goal": entry.text})
                elif wig_index is not None and entry.level == 2:
                    measures = wigs[wig_index].setdefault("lead_measures", [])
                    lines[("wigs", wig_index, "lead_measures", len(measures))] = entry.line
                    measures.append(entry.text)
            elif section in LISTED and entry.level == 1:
                items = data[section]
                lines[(section, len(items))] = entry.line
                items.append(entry.text if section != "mbo" else {"objective": entry.text})
    return data, lines


def _name(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s&]", " ", text.lower()).split())


def _bulleted(entries: list[OutlineEntry]) -> list[bool]:
    """For each entry, whether list items follow it before the next heading or table (a
    table's notes are not key results): one pass from the end."""
    flags = [False] * len(entries)
    seen = False
    for position in range(len(entries) - 1, -1, -1):
        flags[position] = seen
        kind = entries[position].kind
        if kind in ("heading", "header_row", "row"):
            seen = False
        elif kind == "bullet":
            seen = True
    return flags
