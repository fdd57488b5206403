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
    running = set(rec.profile.get("current_frameworks") or ())
    rows = [
        PhaseJob(
            phase=kb.report.sentence("phase_now"),
            framework=layer.framework,
            name=names[layer.framework],
            job=sentence(label_list([labels.get(n, n) for n in layer.chosen_for]))
            if layer.chosen_for  # the job it was chosen for: no two rows share one
            # one kept in use: the job of its layer; why it stays is the mix section's
            else (layer.framework in running and _layer_job(kb, layer.layer))
            or first_sentence(layer.why)
            or _layer_job(kb, layer.layer),
        )
        for layer in rec.mix
    ]
    stated = [c.need for c in rec.needs]  # in the order the needs were stated
    waiting = [c.need for c in rec.needs if not c.covered]
    serves: dict[str, set[str]] = {}
    for need in kb.needs:
        for item in need.frameworks:
            serves.setdefault(item.framework, set()).add(need.need)
    for phase in rec.phases[1:]:
        label = kb.report.sentence("phase_number", phase=phase.phase)
        for fid in phase.frameworks:
            rows.append(
                PhaseJob(label, fid, names[fid], _later_job(kb, fid, serves, waiting, stated))
            )
    return rows


def _later_job(
    kb: KnowledgeBase, fid: str, serves: dict[str, set[str]], waiting: list[str], stated: list[str]
) -> str:
    """The job a later phase's framework will do: the stated needs still waiting that it serves,
    else the stated needs it serves, else its layer's job. Why it waits is the rollout's."""
    labels = need_labels(kb)
    own = serves.get(fid, set())
    served = [n for n in waiting if n in own] or [n for n in stated if n in own]
    if served:
        return sentence(label_list([labels.get(n, n) for n in served]))
    framework = kb.frameworks.get(fid)
    layers = framework.layers if framework is not None else []
    return next((_layer_job(kb, layer) for layer in layers if layer in LAYERS), "")


def _layer_job(kb: KnowledgeBase, layer: str) -> str:
    return kb.report.sentence(f"job_{layer}") if layer in LAYERS else ""
