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
from framework_advisor.domain.report_layout import ReportLayout
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
    roles = [group for fid in planned for group in _role_groups(fid, short, selection, layout)]
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
    okr_title = (
        layout.sentence("okrs_title")
        if SETS_OKRS.intersection(planned)
        else layout.sentence("objectives_title")
    )
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


def _role_groups(
    fid: str, short: dict[str, str], selection: ExampleSelection, layout: ReportLayout
) -> list[RoleGroup]:
    say = layout.sentence
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
            lines = [say("lag_measure", lag=wig.lag)]
            delivered = [k for k in selection.kpis if wig.delivers and k.metric == wig.delivers]
            lines += [say("delivers_kpi", name=k.name, target=k.target) for k in delivered]
            lines += [
                say("lead_measure", name=m.name, weekly=grouped(m.weekly_target), owner=m.owner)
                for m in measures
                if isinstance(m, LeadMeasure)
            ]
            items.append(RoleItem(lead=wig_statement(wig, layout), lines=lines))
        title = say("title_4dx", name=name)
    elif fid == "bsc":
        for entry in selection.of_role("bsc_objective"):
            assert isinstance(entry, ScorecardObjective)
            items.append(
                RoleItem(
                    lead=f"{PERSPECTIVE_LABELS[entry.perspective]}: {entry.objective}",
                    lines=[
                        say("measure_target", measure=entry.measure, target=entry.target),
                        say("initiative", initiative=entry.initiative),
                    ],
                )
            )
        title = say("title_bsc", name=name)
        have = {getattr(e, "perspective", "") for e in selection.of_role("bsc_objective")}
        missing = [label for key, label in PERSPECTIVE_LABELS.items() if key not in have]
        if items and missing:
            note = say("examples_no_perspective", perspectives=and_list(missing))
    elif fid == "mbo":
        for entry in _first(selection.of_role("mbo_objective"), "mbo_objective"):
            assert isinstance(entry, MboObjective)
            items.append(
                RoleItem(
                    lead=entry.objective,
                    lines=[say("measure_target", measure=entry.measure, target=entry.target)],
                )
            )
        title = say("title_mbo", name=name)
    elif fid == "north_star":
        inputs = _first(selection.of_role("input_metric"), "input_metric")
        for entry in selection.of_role("north_star")[:1]:
            assert isinstance(entry, NorthStar)
            lines = [entry.definition, say("now_and_next", target=entry.current_target)]
            lines += [
                say("input_metric", kind=m.kind, name=m.name)
                for m in inputs
                if isinstance(m, InputMetric)
            ]
            items.append(RoleItem(lead=entry.name, lines=lines))
        title = say("title_north_star", name=name)
    elif fid in ROLE_LINES:
        roles = ROLE_LINES[fid]
        for role, describe in roles:
            items += [describe(entry, layout) for entry in selection.of_role(role)]
        title = say(f"title_{fid}", name=name)
    else:
        return []
    return [RoleGroup(framework=fid, title=title, items=items, note=note)] if items else []


def _rock(entry: Any, layout: ReportLayout) -> RoleItem:
    say = layout.sentence
    return RoleItem(
        lead=entry.rock,
        lines=[say("done_when", done=entry.done_when), say("owner", owner=entry.owner)],
    )


def _measurable(entry: Any, layout: ReportLayout) -> RoleItem:
    line = layout.sentence("weekly_goal", goal=entry.weekly_goal, owner=entry.owner)
    return RoleItem(lead=entry.name, lines=[line])


def _method(entry: Any, layout: ReportLayout) -> RoleItem:
    return RoleItem(lead=entry.method, lines=[layout.sentence("obstacle", obstacle=entry.obstacle)])


def _measure(entry: Any, layout: ReportLayout) -> RoleItem:
    return RoleItem(lead=entry.measure, lines=[layout.sentence("target", target=entry.target)])


def _smart(entry: Any, layout: ReportLayout) -> RoleItem:
    say = layout.sentence
    return RoleItem(
        lead=entry.goal,
        lines=[
            say("smart_specific", answer=entry.specific),
            say("smart_measurable", answer=entry.measurable),
            say("smart_achievable", answer=entry.achievable),
            say("smart_relevant", answer=entry.relevant),
            say("smart_time_bound", answer=entry.deadline),
        ],
    )


def _hoshin(entry: Any, layout: ReportLayout) -> RoleItem:
    text = getattr(entry, "objective", None) or entry.priority
    line = layout.sentence("measure_target", measure=entry.measure, target=entry.target)
    return RoleItem(lead=text, lines=[line])


def _raci(entry: Any, layout: ReportLayout) -> RoleItem:
    accountable = [
        layout.sentence(f"raci_{field}")
        for field in RACI_ROLES
        if getattr(entry, field) in ("A", "A/R")
    ]
    return RoleItem(
        lead=entry.activity, lines=[layout.sentence("accountable", roles=and_list(accountable))]
    )


RACI_ROLES = ("sponsor", "project_lead", "hr", "finance", "line_managers", "staff")
"""The RACI chart's roles, in its order; each says its name from report.yaml (``raci_<role>``)."""
ROLE_LINES: dict[str, list[tuple[str, Callable[[Any, ReportLayout], RoleItem]]]] = {
    "eos": [("rock", _rock), ("measurable", _measurable)],
    "v2mom": [("v2mom_method", _method), ("v2mom_measure", _measure)],
    "smart": [("smart_goal", _smart)],
    "hoshin_kanri": [("breakthrough_objective", _hoshin), ("annual_objective", _hoshin),
                     ("improvement_priority", _hoshin)],
    "raci": [("raci_activity", _raci)],
}  # fmt: skip
"""Frameworks whose role examples the report lists as they are: its title, and each role with
how one entry reads; its title is report.yaml's ``title_<framework>``."""


def wig_statement(wig: Wig, layout: ReportLayout) -> str:
    """A WIG as 4DX writes it: from X to Y."""
    start, target = grouped(wig.start, wig.unit), grouped(wig.target, wig.unit)
    return layout.sentence("wig_statement", goal=wig.goal, start=start, target=target)
