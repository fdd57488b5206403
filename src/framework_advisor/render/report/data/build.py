"""``build_report``: the knowledge base, the answers, the recommendation, the facts the engine
derived for the report, the consultant's name and the date in; a ReportData out. Pure."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import msgspec

from framework_advisor.domain.examples import ExampleSelection
from framework_advisor.domain.framework import short_name
from framework_advisor.domain.goals import GoalReview
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.recommendation import Recommendation
from framework_advisor.domain.rollout import ReportFacts
from framework_advisor.render.report.chart_data import chart_data
from framework_advisor.render.report.data import advice, appendix
from framework_advisor.render.report.data.examples import examples
from framework_advisor.render.report.data.glossary import glossary
from framework_advisor.render.report.data.goals import goal_appendix
from framework_advisor.render.report.data.model import ReportData
from framework_advisor.render.report.data.overview import overview
from framework_advisor.render.report.data.plan import rollout
from framework_advisor.render.report.data.ranking import ranking
from framework_advisor.render.report.look import report_colours


def build_report(
    kb: KnowledgeBase,
    answers: dict[str, Any],
    rec: Recommendation,
    facts: ReportFacts,
    selection: ExampleSelection,
    brand: str,
    today: date,
    note: str = "",
    goals: GoalReview | None = None,
) -> ReportData:
    short = {fid: short_name(f) for fid, f in kb.frameworks.items()}
    organisation = str(rec.profile.get("organisation") or "").strip()
    ranked = ranking(rec, kb.report)
    mix = {layer.framework for layer in rec.mix}
    draft = ReportData(
        title=kb.report.sentence(
            "title", organisation=organisation or kb.report.sentence("your_organisation")
        ),
        organisation=organisation,
        provenance=appendix.provenance(kb, brand, today),
        overview=overview(kb, rec, facts.plan, short),
        mix=advice.mix_rows(kb, rec),
        mix_choice=rec.mix_choice,
        later=advice.later_phases(rec, short, kb.report),
        retire=advice.retired(rec),
        cautions=advice.cautions(rec),
        comparison=advice.comparison(kb, facts.picks),
        pitfalls=advice.pitfalls(kb, rec),
        rollout=rollout(rec, facts.plan, short, kb.report),
        examples=examples(kb, rec, short, selection),
        changes=appendix.changes(kb, rec, short),
        ranking=ranked,
        fits_explained=[row for row in ranked if row.framework in mix],
        glossary=[],
        profile=appendix.profile(kb, answers, rec),
        answers=answers,
        note=covering_note(note),
        colours=report_colours(kb.brand.colours),
        charts=chart_data(kb, rec),
        goals=goal_appendix(goals, kb.report),
        goal_review=goals,
    )
    named = {*facts.picks, *(f for phase in rec.phases for f in phase.frameworks)}
    used = glossary(kb, _texts(msgspec.to_builtins(draft)), short, named)
    return msgspec.structs.replace(draft, glossary=used)


SKIPPED = frozenset(
    {"ranking", "fits_explained", "profile", "answers", "provenance", "charts", "goals"}
    | {"goal_review"}
    | {"framework", "question", "layer"}
)
"""The appendices and the charts (the glossary explains the advice, not every framework ranked)
and ids."""


def _texts(value: Any, key: str = "") -> Iterator[str]:
    """Every piece of text a reader meets in the body of the report."""
    if key in SKIPPED:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from _texts(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item, key)


def report_data(
    rec: Recommendation,
    kb: KnowledgeBase,
    *,
    answers: dict[str, Any] | None = None,
    facts: ReportFacts | None = None,
    examples: ExampleSelection | None = None,
    brand: str = "",
    today: date | None = None,
    note: str = "",
    goals: GoalReview | None = None,
) -> ReportData:
    """What every report renderer calls: defaults filled in, then ``build_report``. The
    answers are those behind ``rec``, and the facts and the example selection the engine derived
    (``exports`` passes them: the templates get the same selection): never rebuilt here, which
    would need the engine. ``note`` is the consultant's covering note, shown as text;
    ``goals``, the checker's findings on the team's goals, become an appendix."""
    if answers is None:
        raise TypeError("report_data needs the answers behind the recommendation")
    if facts is None:
        raise TypeError("report_data needs the engine's report facts (engine.rollout)")
    if examples is None:
        raise TypeError("report_data needs the engine's example selection (engine.examples)")
    return build_report(
        kb,
        dict(answers),
        rec,
        facts,
        examples,
        brand or "",
        today or date.today(),
        note,
        goals,
    )


def covering_note(text: str) -> str:
    """The consultant's note as plain paragraphs: each paragraph's lines joined, control
    characters dropped; never read as markup (each writer escapes it as it does all text)."""
    kept = "".join(c if c.isprintable() or c == "\n" else " " for c in text.replace("\r", ""))
    paragraphs = [" ".join(part.split()) for part in kept.split("\n\n")]
    return "\n\n".join(part for part in paragraphs if part)
