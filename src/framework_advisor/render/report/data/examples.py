"""Examples for this organisation: OKRs only when the mix sets OKRs, KPIs only when it watches
KPIs; from the function's and the industry's examples, each metric once."""

from __future__ import annotations

from framework_advisor.domain.examples import fits_growth_model, select_examples, unique_by_metric
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.recommendation import Recommendation
from framework_advisor.domain.wording import and_list
from framework_advisor.render.report.data.model import Examples

SETS_OKRS = frozenset({"okr", "okr_kpi_hybrid"})
"""Frameworks whose goals are objectives with key results."""
WATCHES_KPIS = frozenset(
    {"kpi", "okr_kpi_hybrid", "bsc", "eos", "4dx", "hoshin_kanri", "north_star"}
)
"""Frameworks that track measures with targets (scorecards, lead and lag measures, daily KPIs)."""


def examples(kb: KnowledgeBase, rec: Recommendation, short: dict[str, str]) -> Examples:
    mix = [layer.framework for layer in rec.mix]
    want_okrs = bool(SETS_OKRS.intersection(mix))
    want_kpis = bool(WATCHES_KPIS.intersection(mix))
    function = rec.profile.get("function")
    industry = rec.profile.get("industry")
    selection = select_examples(kb, function, industry)
    growth = rec.profile.get("growth_model")
    okrs = [o for o in selection.okrs if fits_growth_model(o, growth)] if want_okrs else []
    kpis = [k for k in selection.kpis if fits_growth_model(k, growth)] if want_kpis else []
    kpis = unique_by_metric(kpis)
    areas = []
    for area in selection.areas:
        kind, _, value = area.partition(":")
        question = kb.question(kind)
        areas.append(question.label_of(value) if question else value)
    if not (want_okrs or want_kpis):
        names = and_list([short[f] for f in mix])
        return Examples(
            areas=[],
            note=f"Phase one ({names}) sets no OKRs or KPIs, so no examples are shown here: "
            "each team writes its first goals from its own strategy in weeks 1-2."
            if mix
            else "",
            okrs=[],
            kpis=[],
        )
    notes = []
    if industry and f"industry:{industry}" not in selection.areas:
        question = kb.question("industry")
        label = question.label_of(industry) if question else industry
        notes.append(f"The library has no examples for {label} yet; these are the function's.")
    notes.append("Figures are illustrative: replace the baselines with your own before you commit.")
    return Examples(areas=areas, note=" ".join(notes), okrs=okrs, kpis=kpis)
