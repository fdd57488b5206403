"""Examples for this organisation, from the engine's one selection (the templates are prefilled
from the same): OKRs when phase one sets OKRs, KPIs when it watches KPIs, and the role examples
of phase one's other frameworks (a WIG and its lead measures, scorecard objectives, individual
objectives, a North Star and its inputs)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from framework_advisor.domain.examples import (
    PERSPECTIVE_LABELS,
    ExampleSelection,
    InputMetric,
    LeadMeasure,
    MboObjective,
    NorthStar,
    Role,
    ScorecardObjective,
    Wig,
)
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.recommendation import Recommendation
from framework_advisor.domain.template import templates_for
from framework_advisor.domain.wording import and_list
from framework_advisor.render.report.data.model import Examples, RoleGroup, RoleItem
from framework_advisor.render.starter.records import grouped

SETS_OKRS = frozenset({"okr", "okr_kpi_hybrid"})
"""Frameworks whose goals are objectives with key results."""
WATCHES_KPIS = frozenset(
    {"kpi", "okr_kpi_hybrid", "bsc", "eos", "4dx", "hoshin_kanri", "north_star"}
)
"""Frameworks that track measures with targets (scorecards, lead and lag measures, daily KPIs)."""
ROLE_LIMITS = {"wig": 1, "lead_measure": 3, "mbo_objective": 4, "input_metric": 5}
"""As many of each role as its starter template is prefilled with."""


def drawn_roles(kb: KnowledgeBase, framework_id: str) -> set[str]:
    """The example roles a framework's starter templates are prefilled with (so the report shows
    what the templates carry), and OKRs or KPIs for a framework that sets or watches them."""
    roles: set[str] = {
        section.prefill.role
        for tid in templates_for(kb.templates, framework_id)
        for sheet in kb.templates[tid].sheets
        for section in sheet.sections
        if section.prefill is not None
    }
    if framework_id in SETS_OKRS:
        roles.add("okr_objective")
    if framework_id in WATCHES_KPIS:
        roles.add("kpi")
    return roles


def examples(
    kb: KnowledgeBase, rec: Recommendation, short: dict[str, str], selection: ExampleSelection
) -> Examples:
    layout = kb.report  # its notes' words (report.yaml, text)
    mix = [layer.framework for layer in rec.mix]
    # Every framework the plan brings, phase one's first: the starter templates (`templates
    # --mix`, the app's export) serve them all and carry these same examples.
    planned = list(dict.fromkeys([*mix, *(f for phase in rec.phases for f in phase.frameworks)]))
    drawn = {role for fid in planned for role in drawn_roles(kb, fid)}
    want_okrs = bool(drawn & {"okr_objective", "key_result"})
    want_kpis = "kpi" in drawn
    okrs = list(selection.okrs) if want_okrs else []
    kpis = list(selection.kpis) if want_kpis else []
    roles = [group for fid in planned for group in _role_groups(fid, short, selection)]
    areas = []
    for area in selection.areas:
        kind, _, value = area.partition(":")
        question = kb.question(kind)
        areas.append(question.label_of(value) if question else value)
    if not (okrs or kpis or roles):
        names = and_list([short[f] for f in mix])
        return Examples(
            areas=[],
            note=layout.sentence("examples_none", names=names) if mix else "",
            okrs=[],
            kpis=[],
        )
    notes = []
    if selection.missing_industry:
        question = kb.question("industry")
        industry = selection.missing_industry
        label = question.label_of(industry) if question else industry
        notes.append(layout.sentence("examples_no_industry", industry=label))
    waiting = [q.label for qid in selection.waiting if (q := kb.question(qid)) is not None]
    if waiting:
        notes.append(layout.sentence("examples_waiting", questions=and_list(waiting)))
    shown = [t for o in okrs for t in (o.objective, *o.key_results)] + [k.target for k in kpis]
    shown += [t for group in roles for item in group.items for t in (item.lead, *item.lines)]
    if any("[" in text for text in shown):
        notes.append(layout.sentence("examples_brackets"))
    notes.append(layout.sentence("examples_targets"))
    okr_title = "OKRs" if SETS_OKRS.intersection(planned) else layout.sentence("objectives_title")
    return Examples(
        areas=areas,
        note=" ".join(notes),
        okrs=okrs,
        kpis=kpis,
        roles=roles,
        okr_title=okr_title,
    )


def _first(entries: list[Role], role: str) -> list[Role]:
    limit = ROLE_LIMITS.get(role)
    return entries[:limit] if limit else entries


def _role_groups(fid: str, short: dict[str, str], selection: ExampleSelection) -> list[RoleGroup]:
    name = short.get(fid, fid)
    items: list[RoleItem] = []
    note = ""
    if fid == "4dx":
        for wig in _first(selection.of_role("wig"), "wig"):
            assert isinstance(wig, Wig)
            measures = _first(
                [
                    m
                    for m in selection.of_role("lead_measure")
                    if getattr(m, "drives", "") == wig.metric
                ],
                "lead_measure",
            )  # a WIG's own lead measures, never another WIG's
            lines = [f"Lag measure: {wig.lag}"]
            delivered = [k for k in selection.kpis if wig.delivers and k.metric == wig.delivers]
            lines += [f"It delivers the KPI {k.name} ({k.target})" for k in delivered]
            lines += [
                f"Lead measure: {m.name}, {grouped(m.weekly_target)} a week ({m.owner})"
                for m in measures
                if isinstance(m, LeadMeasure)
            ]
            items.append(RoleItem(lead=wig_statement(wig), lines=lines))
        title = f"{name}: a Wildly Important Goal and its lead measures"
    elif fid == "bsc":
        for entry in selection.of_role("bsc_objective"):
            assert isinstance(entry, ScorecardObjective)
            items.append(
                RoleItem(
                    lead=f"{PERSPECTIVE_LABELS[entry.perspective]}: {entry.objective}",
                    lines=[
                        f"Measure: {entry.measure}; target: {entry.target}",
                        f"Initiative: {entry.initiative}",
                    ],
                )
            )
        title = f"{name}: objectives in each perspective"
        have = {getattr(e, "perspective", "") for e in selection.of_role("bsc_objective")}
        missing = [label for key, label in PERSPECTIVE_LABELS.items() if key not in have]
        if items and missing:
            note = (
                f"The library has no objectives that fit this organisation for "
                f"{and_list(missing)}: write them from your strategy map."
            )
    elif fid == "mbo":
        for entry in _first(selection.of_role("mbo_objective"), "mbo_objective"):
            assert isinstance(entry, MboObjective)
            items.append(
                RoleItem(
                    lead=entry.objective,
                    lines=[f"Measure: {entry.measure}; target: {entry.target}"],
                )
            )
        title = f"{name}: individual objectives agreed with the manager"
    elif fid == "north_star":
        inputs = _first(selection.of_role("input_metric"), "input_metric")
        for entry in selection.of_role("north_star")[:1]:
            assert isinstance(entry, NorthStar)
            lines = [entry.definition, f"Now and next: {entry.current_target}"]
            lines += [f"Input ({m.kind}): {m.name}" for m in inputs if isinstance(m, InputMetric)]
            items.append(RoleItem(lead=entry.name, lines=lines))
        title = f"{name}: the metric and its inputs"
    elif fid in ROLE_LINES:
        title_of, roles = ROLE_LINES[fid]
        for role, describe in roles:
            items += [describe(entry) for entry in selection.of_role(role)]
        title = title_of.format(name=name)
    else:
        return []
    return [RoleGroup(framework=fid, title=title, items=items, note=note)] if items else []


def _rock(entry: Any) -> RoleItem:
    return RoleItem(
        lead=entry.rock, lines=[f"Done when: {entry.done_when}", f"Owner: {entry.owner}"]
    )


def _measurable(entry: Any) -> RoleItem:
    return RoleItem(lead=entry.name, lines=[f"Weekly goal: {entry.weekly_goal} ({entry.owner})"])


def _method(entry: Any) -> RoleItem:
    return RoleItem(lead=entry.method, lines=[f"Obstacle: {entry.obstacle}"])


def _measure(entry: Any) -> RoleItem:
    return RoleItem(lead=entry.measure, lines=[f"Target: {entry.target}"])


def _smart(entry: Any) -> RoleItem:
    return RoleItem(
        lead=entry.goal,
        lines=[
            f"Specific: {entry.specific}",
            f"Measurable: {entry.measurable}",
            f"Achievable: {entry.achievable}",
            f"Relevant: {entry.relevant}",
            f"Time-bound: {entry.deadline}",
        ],
    )


def _hoshin(entry: Any) -> RoleItem:
    text = getattr(entry, "objective", None) or entry.priority
    return RoleItem(lead=text, lines=[f"Measure: {entry.measure}; target: {entry.target}"])


def _raci(entry: Any) -> RoleItem:
    accountable = [
        label for field, label in RACI_ROLES.items() if getattr(entry, field) in ("A", "A/R")
    ]
    return RoleItem(lead=entry.activity, lines=[f"Accountable: {and_list(accountable)}"])


RACI_ROLES = {
    "sponsor": "the executive sponsor",
    "project_lead": "the project lead",
    "hr": "HR",
    "finance": "Finance",
    "line_managers": "line managers",
    "staff": "staff",
}
ROLE_LINES: dict[str, tuple[str, list[tuple[str, Callable[[Any], RoleItem]]]]] = {
    "eos": ("{name}: Rocks for the quarter and Scorecard measurables",
            [("rock", _rock), ("measurable", _measurable)]),
    "v2mom": ("{name}: methods and measures", [("v2mom_method", _method), ("v2mom_measure", _measure)]),
    "smart": ("{name}: goals with their five answers", [("smart_goal", _smart)]),
    "hoshin_kanri": ("{name}: breakthrough objectives, annual objectives and improvement priorities",
                     [("breakthrough_objective", _hoshin), ("annual_objective", _hoshin),
                      ("improvement_priority", _hoshin)]),
    "raci": ("{name}: activities, each with one Accountable", [("raci_activity", _raci)]),
}  # fmt: skip
"""Frameworks whose role examples the report lists as they are: its title, and each role with
how one entry reads."""


def wig_statement(wig: Wig) -> str:
    """A WIG as 4DX writes it: from X to Y."""
    return f"{wig.goal}: from {grouped(wig.start, wig.unit)} to {grouped(wig.target, wig.unit)}"
