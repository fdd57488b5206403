"""The advice itself: the mix, its later phases, what to retire, cautions, the top picks
compared and the pitfalls of the frameworks in the mix."""

from __future__ import annotations

from framework_advisor.domain.framework import Framework, layer_label
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.recommendation import Recommendation
from framework_advisor.domain.report_layout import ReportLayout
from framework_advisor.domain.wording import and_list
from framework_advisor.render.report.data.model import (
    CautionRow,
    ComparisonRow,
    LaterPhaseRow,
    MixRow,
    PitfallGroup,
    PitfallRow,
    Retired,
)
from framework_advisor.render.report.data.wording import label_list, sentence


def mix_rows(kb: KnowledgeBase, rec: Recommendation) -> list[MixRow]:
    names = {item.id: item.name for item in rec.ranking}
    fits = {item.id: item.fit for item in rec.ranking}
    return [
        MixRow(
            layer=layer.layer,
            layer_label=layer_label(layer.layer),
            framework=layer.framework,
            name=names[layer.framework],
            fit=fits[layer.framework],
            why=_serves(kb, layer.chosen_for) + layer.why,
        )
        for layer in rec.mix
    ]


def later_phases(
    rec: Recommendation, short: dict[str, str], layout: ReportLayout
) -> list[LaterPhaseRow]:
    return [
        LaterPhaseRow(
            title=layout.sentence(
                "later_phase",
                phase=phase.phase,
                names=and_list([short[f] for f in phase.frameworks]),
            ),
            text=f"{phase.signal} {phase.why}",
        )
        for phase in rec.phases[1:]
    ]


def retired(rec: Recommendation) -> list[Retired]:
    names = {item.id: item.name for item in rec.ranking}
    return [Retired(item.id, names[item.id], item.why) for item in rec.retire]


def cautions(rec: Recommendation) -> list[CautionRow]:
    return [CautionRow(c.text, c.because) for c in rec.cautions]


def comparison(kb: KnowledgeBase, picks: list[str]) -> list[ComparisonRow]:
    return [_comparison_row(kb.frameworks[fid]) for fid in picks]


def pitfalls(kb: KnowledgeBase, rec: Recommendation) -> list[PitfallGroup]:
    """The pitfalls of the mix's frameworks (the top of the ranking when there is no mix), but
    none whose advice relies on a framework the recommendation retires, nor one that warns
    about a framework the plan does not bring."""
    names = {item.id: item.name for item in rec.ranking}
    retired = {item.id for item in rec.retire}
    mix = list(dict.fromkeys(layer.framework for layer in rec.mix))
    chosen = mix or [item.id for item in rec.ranking[:1]]
    planned = {*chosen, *(fid for phase in rec.phases for fid in phase.frameworks)}
    return [
        PitfallGroup(
            framework=fid,
            name=names[fid],
            pitfalls=[
                PitfallRow(p.pitfall, p.avoid)
                for p in kb.frameworks[fid].pitfalls
                if not retired.intersection(p.uses)
                and (not p.about or planned.intersection(p.about))
            ],
        )
        for fid in chosen
    ]


def _serves(kb: KnowledgeBase, needs: list[str]) -> str:
    question = kb.question("needs")
    if not needs or question is None:
        return ""
    serves = sentence(label_list([question.label_of(n) for n in needs]))
    return kb.report.sentence("for_needs", needs=serves) + " "


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
