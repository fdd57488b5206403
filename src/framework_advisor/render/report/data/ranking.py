"""The full ranking (an appendix): every framework's fit and the reasons behind it."""

from __future__ import annotations

from framework_advisor.domain.recommendation import RankedFramework, Recommendation
from framework_advisor.domain.report_layout import ReportLayout
from framework_advisor.render.report.data.model import RankRow, ReasonRow

SUMMARY_REASONS = 3
"""Reasons shown beside each framework in the ranking table (the largest effects first)."""


def ranking(rec: Recommendation, layout: ReportLayout) -> list[RankRow]:
    mix = {layer.framework for layer in rec.mix}
    unmoved = layout.sentence("starting_fit_only")
    return [_rank_row(item, mix, unmoved) for item in rec.ranking]


def _rank_row(item: RankedFramework, mix: set[str], unmoved: str) -> RankRow:
    # A fit held at 0 or 100 is the engine's arithmetic, not a reason a client needs to read.
    reasons = [ReasonRow(r.effect, r.text, r.because) for r in item.reasons if r.rule != "clamp"]
    said = sorted(
        (r for r in item.reasons if r.rule not in ("base", "clamp")), key=lambda r: -abs(r.effect)
    )
    summary = [f"{r.effect:+d} {r.because or r.text}" for r in said[:SUMMARY_REASONS]]
    return RankRow(
        rank=item.rank,
        framework=item.id,
        name=item.name,
        fit=item.fit,
        in_mix=item.id in mix,
        summary=summary or [unmoved],
        reasons=reasons,
    )
