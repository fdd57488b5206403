"""Page one: the summary (which states the meeting time against the leaders' once), the mix by
phase with the job each framework does here, and the first two weeks."""

from __future__ import annotations

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.recommendation import Recommendation
from framework_advisor.domain.rollout import RolloutPlan
from framework_advisor.domain.wording import need_labels
from framework_advisor.render.report.data.model import Overview, PhaseJob, StepRow
from framework_advisor.render.report.data.wording import first_sentence, label_list, sentence

LAYERS = (
    "individual",
    "structure",
    "diagnosis",
    "strategy",
    "execution",
    "health",
    "direction",
    "focus",
)
"""The layers whose job report.yaml says (``job_<layer>``) when no need or reason does."""


def overview(
    kb: KnowledgeBase, rec: Recommendation, plan: RolloutPlan, short: dict[str, str]
) -> Overview:
    return Overview(
        summary=rec.summary,
        phases=phase_jobs(kb, rec),
        meetings="",  # the summary states the meeting time, once (issue 22)
        first_weeks=[
            StepRow(s.week, s.framework, short[s.framework], s.step) for s in plan.first_weeks
        ],
    )


def phase_jobs(kb: KnowledgeBase, rec: Recommendation) -> list[PhaseJob]:
    names = {item.id: item.name for item in rec.ranking}
    labels = need_labels(kb)
    rows = [
        PhaseJob(
            phase=kb.report.sentence("phase_now"),
            framework=layer.framework,
            name=names[layer.framework],
            job=sentence(label_list([labels.get(n, n) for n in layer.chosen_for]))
            if layer.chosen_for  # the job it was chosen for: no two rows share one
            else first_sentence(layer.why) or _layer_job(kb, layer.layer),
        )
        for layer in rec.mix
    ]
    waiting = [c.need for c in rec.needs if not c.covered]  # in the order the needs were stated
    serves = {
        need.need: {item.framework for item in need.frameworks}
        for need in kb.needs
        if need.need in waiting
    }
    for phase in rec.phases[1:]:
        for fid in phase.frameworks:
            served = [labels.get(n, n) for n in waiting if fid in serves.get(n, ())]
            job = sentence(label_list(served)) if served else first_sentence(phase.why)
            label = kb.report.sentence("phase_number", phase=phase.phase)
            rows.append(PhaseJob(label, fid, names[fid], job))
    return rows


def _layer_job(kb: KnowledgeBase, layer: str) -> str:
    return kb.report.sentence(f"job_{layer}") if layer in LAYERS else ""
