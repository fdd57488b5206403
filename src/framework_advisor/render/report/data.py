"""Everything a report shows, as typed data: built once, then laid out by each format.

``build_report`` is pure: the knowledge base, the answers, the recommendation, the consultant's
name and the date go in; a ReportData comes out. No formatting decisions beyond wording live
here; the templates and the Word writer decide the layout."""

from __future__ import annotations

from datetime import date
from typing import Any

from msgspec import Struct

from framework_advisor._version import __version__
from framework_advisor.domain.examples import ExampleKPI, ExampleOKR, select_examples
from framework_advisor.domain.framework import Framework, short_name
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.recommendation import Recommendation
from framework_advisor.render.report.chart_data import ChartData, chart_data
from framework_advisor.render.report.look import ReportColours, report_colours

LAYER_LABELS = {
    "direction": "Direction",
    "health": "Operational health",
    "individual": "Individual objectives",
    "execution": "Execution",
    "structure": "Structure and roles",
}
PHASES = ((1, 4), (5, 8), (9, 13))
"""The 90 days as three months of weeks."""
SUMMARY_REASONS = 3
"""Reasons shown beside each framework in the ranking table (the largest effects first)."""


class Provenance(Struct, frozen=True):
    date: str
    """ISO date, e.g. 2026-01-15."""
    date_text: str
    """The same date as people write it: 15 January 2026."""
    tool_version: str
    kb_name: str
    kb_version: str
    packs: list[str]
    """Each pack as "name version", in the order applied."""
    brand: str
    """The consultant or firm preparing the report (``--brand``, else the pack's brand name);
    may be empty."""


class ProfileRow(Struct, frozen=True):
    question: str
    prompt: str
    answer: str
    note: str = ""


class MixRow(Struct, frozen=True):
    layer: str
    layer_label: str
    framework: str
    name: str
    fit: int
    why: str


class Retired(Struct, frozen=True):
    framework: str
    name: str
    why: str


class CautionRow(Struct, frozen=True):
    text: str
    because: str = ""


class ReasonRow(Struct, frozen=True):
    effect: int
    text: str
    because: str = ""


class RankRow(Struct, frozen=True):
    rank: int
    framework: str
    name: str
    fit: int
    in_mix: bool
    summary: list[str]
    """The largest effects, each as "+14 needs: Manage individual performance"."""
    reasons: list[ReasonRow]
    """Every contribution: they add up to the fit."""


class ComparisonRow(Struct, frozen=True):
    framework: str
    name: str
    purpose: str
    best_for: str
    structure: str
    pros: list[str]
    cons: list[str]


class PitfallRow(Struct, frozen=True):
    pitfall: str
    avoid: str


class PitfallGroup(Struct, frozen=True):
    framework: str
    name: str
    pitfalls: list[PitfallRow]


class PlanWeek(Struct, frozen=True):
    week: int
    framework: str
    label: str
    """A short name of the framework (OKR, KPI, MBO, ...)."""
    step: str


class RolloutPhase(Struct, frozen=True):
    title: str
    first_week: int
    last_week: int
    steps: list[PlanWeek]


class CadenceRow(Struct, frozen=True):
    ritual: str
    frequency: str
    minutes_per_meeting: int
    minutes_per_month: int
    serves: str


class Rollout(Struct, frozen=True):
    phases: list[RolloutPhase]
    cadence: list[CadenceRow]
    minutes_per_month: int
    summary: str
    """The monthly meeting cost in words, compared with the leaders' time where known."""


class Examples(Struct, frozen=True):
    areas: list[str]
    """Where the examples come from, e.g. ["Sales (function)", "Software (industry)"]."""
    note: str
    okrs: list[ExampleOKR]
    kpis: list[ExampleKPI]


class UnansweredQuestion(Struct, frozen=True):
    question: str
    prompt: str


class Changes(Struct, frozen=True):
    unanswered: list[UnansweredQuestion]
    sensitivity: list[str]
    """Single answers that would reorder the top of the ranking."""


class GlossaryTerm(Struct, frozen=True):
    term: str
    definition: str
    frameworks: list[str]
    """Short names of the frameworks the term belongs to."""


class Glossary(Struct, frozen=True):
    relevant: list[GlossaryTerm]
    """Terms of the recommended frameworks (and terms that belong to no framework)."""
    other: list[GlossaryTerm]


class LaterPhaseRow(Struct, frozen=True):
    title: str
    """"Phase 2: OKR, NSM"."""
    text: str
    """When to add them and why they wait."""


class ReportData(Struct, frozen=True):
    title: str
    organisation: str
    provenance: Provenance
    profile: list[ProfileRow]
    mix: list[MixRow]
    retire: list[Retired]
    cautions: list[CautionRow]
    ranking: list[RankRow]
    fits_explained: list[RankRow]
    """The recommended frameworks, with every reason behind their fit."""
    comparison: list[ComparisonRow]
    pitfalls: list[PitfallGroup]
    rollout: Rollout
    examples: Examples
    changes: Changes
    glossary: Glossary
    answers: dict[str, Any]
    answers_yaml: str
    """The answers as an answers file: save it to reproduce this report."""
    summary: str = ""
    """The paragraph a leader reads first (the recommendation's summary)."""
    mix_choice: str = ""
    """Why this mix and not the runner-up, in one sentence."""
    later: list[LaterPhaseRow] = []
    """The phases after the first: what to add, when, and why it waits."""
    colours: ReportColours = ReportColours()
    """The report's colours: its own, or the knowledge pack's brand."""
    charts: ChartData = ChartData()
    """What the ranking chart and the phase-one calendar draw (``charts`` makes the SVG)."""


SECTIONS: tuple[tuple[str, str], ...] = (
    ("provenance", "About this report"),
    ("profile", "Organisation profile"),
    ("mix", "Recommended mix"),
    ("ranking", "Ranking"),
    ("comparison", "Top picks compared"),
    ("pitfalls", "Pitfalls to avoid"),
    ("rollout", "90-day rollout plan"),
    ("examples", "Example OKRs and KPIs"),
    ("changes", "What could change this advice"),
    ("glossary", "Glossary"),
    ("answers", "Appendix: your answers"),
)
"""The report's sections after the title, in order, with their headings (every format)."""
SECTION_TITLES = dict(SECTIONS)


def build_report(
    kb: KnowledgeBase,
    answers: dict[str, Any],
    rec: Recommendation,
    brand: str,
    today: date,
) -> ReportData:
    names = {item.id: item.name for item in rec.ranking}
    short = {fid: short_name(f) for fid, f in kb.frameworks.items()}
    fits = {item.id: item.fit for item in rec.ranking}
    picks = list(dict.fromkeys(layer.framework for layer in rec.mix)) or [
        item.id for item in rec.ranking[:3]
    ]
    organisation = str(rec.profile.get("organisation") or "").strip()
    ranking = [_rank_row(item, picks) for item in rec.ranking]
    return ReportData(
        title=f"Framework recommendation for {organisation or 'your organisation'}",
        organisation=organisation,
        provenance=Provenance(
            date=today.isoformat(),
            date_text=f"{today.day} {today:%B %Y}",
            tool_version=__version__,
            kb_name=kb.name,
            kb_version=kb.version,
            packs=[f"{p.name} {p.version}" for p in kb.packs],
            brand=" ".join((brand or kb.brand.name).split()),
        ),
        profile=_profile(kb, answers, rec),
        mix=[
            MixRow(
                layer=layer.layer,
                layer_label=LAYER_LABELS.get(layer.layer, layer.layer.capitalize()),
                framework=layer.framework,
                name=names[layer.framework],
                fit=fits[layer.framework],
                why=_serves(kb, layer.needs) + layer.why,
            )
            for layer in rec.mix
        ],
        summary=rec.summary,
        mix_choice=rec.mix_choice,
        later=[
            LaterPhaseRow(
                title=f"Phase {phase.phase}: " + ", ".join(short[f] for f in phase.frameworks),
                text=f"{phase.signal} {phase.why}",
            )
            for phase in rec.phases[1:]
        ],
        retire=[Retired(item.id, names[item.id], item.why) for item in rec.retire],
        cautions=[CautionRow(c.text, c.because) for c in rec.cautions],
        ranking=ranking,
        fits_explained=[row for row in ranking if row.framework in picks],
        comparison=[_comparison_row(kb.frameworks[fid]) for fid in picks],
        pitfalls=[
            PitfallGroup(
                framework=fid,
                name=names[fid],
                pitfalls=[PitfallRow(p.pitfall, p.avoid) for p in kb.frameworks[fid].pitfalls],
            )
            for fid in picks
        ],
        rollout=_rollout(kb, rec, picks, short),
        examples=_examples(kb, rec),
        changes=Changes(
            unanswered=[
                UnansweredQuestion(qid, question.prompt if question else qid)
                for qid in rec.unanswered
                for question in [kb.question(qid)]
            ],
            sensitivity=[s.text for s in rec.sensitivity],
        ),
        glossary=_glossary(kb, picks, short),
        answers=answers,
        answers_yaml=_answers_yaml(kb, answers),
        colours=report_colours(kb.brand.colours),
        charts=chart_data(kb, rec),
    )


def _serves(kb: KnowledgeBase, needs: list[str]) -> str:
    question = kb.question("needs")
    if not needs or question is None:
        return ""
    return "For: " + "; ".join(question.label_of(n) for n in needs) + ". "


def _profile(kb: KnowledgeBase, answers: dict[str, Any], rec: Recommendation) -> list[ProfileRow]:
    rows = []
    for question in kb.questions:
        if question.id not in rec.profile:
            continue
        value = rec.profile[question.id]
        note = ""
        if question.id == "stage" and "stage" not in answers and "headcount" in rec.profile:
            note = f"from a headcount of {rec.profile['headcount']}"
        rows.append(ProfileRow(question.id, question.prompt, question.label_of(value), note))
    return rows


def _rank_row(item: Any, picks: list[str]) -> RankRow:
    reasons = [ReasonRow(r.effect, r.text, r.because) for r in item.reasons]
    said = sorted(
        (r for r in item.reasons if r.rule not in ("base", "clamp")), key=lambda r: -abs(r.effect)
    )
    summary = [f"{r.effect:+d} {r.because or r.text}" for r in said[:SUMMARY_REASONS]]
    summary += [r.text for r in item.reasons if r.rule == "clamp"]
    return RankRow(
        rank=item.rank,
        framework=item.id,
        name=item.name,
        fit=item.fit,
        in_mix=item.id in picks,
        summary=summary or ["Starting fit only: no answer moved it."],
        reasons=reasons,
    )


def _comparison_row(f: Framework) -> ComparisonRow:
    return ComparisonRow(
        framework=f.id,
        name=f.name,
        purpose=f.purpose,
        best_for=f.best_for,
        structure=f.structure.summary,
        pros=list(f.pros),
        cons=list(f.cons),
    )


def _rollout(
    kb: KnowledgeBase, rec: Recommendation, picks: list[str], short: dict[str, str]
) -> Rollout:
    steps = sorted(
        (
            PlanWeek(step.week, fid, short[fid], " ".join(step.step.split()))
            for fid in picks
            for step in kb.frameworks[fid].rollout
        ),
        key=lambda s: s.week,  # stable: within a week, the mix's order
    )
    phases = [
        RolloutPhase(
            title=f"Month {number}: weeks {first}-{last}",
            first_week=first,
            last_week=last,
            steps=[s for s in steps if first <= s.week <= last],
        )
        for number, (first, last) in enumerate(PHASES, start=1)
    ]
    minutes = rec.meeting_minutes_per_month
    summary = (
        f"Phase one meets about {minutes} minutes a month ({minutes / 60:.1f} hours), "
        "counting a meeting that serves several frameworks once."
    )
    time = rec.profile.get("leadership_time")
    budget = kb.settings.meeting_budget_minutes.get(time) if isinstance(time, str) else None
    if budget is not None and minutes > budget:
        summary += (
            f" That is more than the {budget} minutes a month you said leaders can give: merge "
            "or shorten meetings, or roll out one framework at a time."
        )
    elif budget is not None:
        summary += f" That is within the {budget} minutes a month you said leaders can give."
    return Rollout(
        phases=[p for p in phases if p.steps],
        cadence=[
            CadenceRow(
                ritual=item.ritual,
                frequency=item.frequency,
                minutes_per_meeting=item.minutes_per_meeting,
                minutes_per_month=item.minutes_per_month,
                serves=", ".join(short.get(f, f) for f in item.frameworks),
            )
            for item in rec.cadence
        ],
        minutes_per_month=minutes,
        summary=summary,
    )


def _examples(kb: KnowledgeBase, rec: Recommendation) -> Examples:
    function = rec.profile.get("function")
    industry = rec.profile.get("industry")
    selection = select_examples(kb, function, industry)
    areas = []
    for area in selection.areas:
        kind, _, value = area.partition(":")
        question = kb.question(kind)
        areas.append(f"{question.label_of(value) if question else value} ({kind})")
    notes = []
    if industry and f"industry:{industry}" not in selection.areas:
        question = kb.question("industry")
        label = question.label_of(industry) if question else industry
        notes.append(f"The library has no examples for {label} yet; these are the function's.")
    if not selection.areas:
        notes.append("The knowledge base holds no example OKRs or KPIs.")
    notes.append("Figures are illustrative: replace the baselines with your own before you commit.")
    return Examples(areas=areas, note=" ".join(notes), okrs=selection.okrs, kpis=selection.kpis)


def _glossary(kb: KnowledgeBase, picks: list[str], short: dict[str, str]) -> Glossary:
    relevant, other = [], []
    for entry in kb.glossary:
        term = GlossaryTerm(
            term=entry.term,
            definition=" ".join(entry.definition.split()),
            frameworks=[short.get(f, f) for f in entry.frameworks],
        )
        belongs = not entry.frameworks or any(f in picks for f in entry.frameworks)
        (relevant if belongs else other).append(term)
    return Glossary(relevant=relevant, other=other)


def _answers_yaml(kb: KnowledgeBase, answers: dict[str, Any]) -> str:
    import yaml

    order = {q.id: position for position, q in enumerate(kb.questions)}
    ordered = dict(sorted(answers.items(), key=lambda kv: order.get(kv[0], len(order))))
    return yaml.safe_dump(
        ordered, sort_keys=False, allow_unicode=True, default_flow_style=None, width=88
    )


def report_data(
    rec: Recommendation,
    kb: KnowledgeBase,
    *,
    answers: dict[str, Any] | None = None,
    brand: str = "",
    today: date | None = None,
) -> ReportData:
    """What every report renderer calls: defaults filled in, then ``build_report``. The
    answers are those behind ``rec`` (``exports`` passes them): never rebuilt from the profile,
    which holds derived facts such as a stage from the headcount."""
    if answers is None:
        raise TypeError("report_data needs the answers behind the recommendation")
    return build_report(kb, dict(answers), rec, brand or "", today or date.today())
