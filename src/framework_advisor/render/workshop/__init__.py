"""The workshop summary as JSON: a serialisation of the facts (an API), not a document of
blocks. The summary and the handout for people are documents (``document``), drawn by the
report's writers in text, Markdown, HTML, PDF and Word (``writers``).

With ``--anonymous`` the summary carries no names (the engine blanks them) and participants
appear as P1, P2, ... everywhere; skipped files are numbered, not named."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from framework_advisor.domain.workshop import WorkshopSummary, answer_text

if TYPE_CHECKING:
    from framework_advisor.domain.knowledge import KnowledgeBase
    from framework_advisor.domain.text import Catalogue
    from framework_advisor.render.workshop.outline import Prepared


def participant_label(summary: WorkshopSummary, pid: str) -> str:
    name = summary.participants_top[pid].name
    return pid if summary.anonymous or not name else f"{pid} {name}"


def data(
    summary: WorkshopSummary,
    names: Mapping[str, str] | None = None,
    words: Catalogue | None = None,
    prepared: Prepared | None = None,
) -> dict[str, Any]:
    """The JSON document (keys as issue 15 names them, those added since beside them); answer
    values as strings. With the workshop's ``words``, each agenda row's `why` is its title in
    words (else "")."""
    rec = summary.recommendation
    titles = [""] * len(summary.agenda)
    if words is not None:
        from framework_advisor.render.workshop.outline import Words, agenda_rows

        titles = [row.title for row in agenda_rows(summary, Words(words, names or {}))]
    return {
        "title": summary.title,
        "prepared_by": prepared.brand if prepared else "",
        "date": prepared.date if prepared else "",
        "participants": summary.participants,
        "round": summary.round,
        "threshold": summary.threshold,
        "most_needed": summary.most_needed,
        "group_answers": {
            q: [answer_text(x) for x in v] if isinstance(v, list) else answer_text(v)
            for q, v in summary.group_answers.items()
        },
        "group_ranking": [
            {"id": g.id, "fit": round(g.fit, 1), "spread": round(g.spread, 1)}
            for g in summary.group_ranking
        ],
        "top": summary.top,
        "mix": [
            {"layer": m.layer, "framework": m.framework, "why": m.why, "needs": m.needs}
            for m in rec.mix
        ],
        "phases": [
            {"phase": p.phase, "frameworks": p.frameworks, "why": p.why, "signal": p.signal}
            for p in rec.phases
        ],
        "needs": [
            {"need": n.need, "frameworks": n.frameworks, "covered": n.covered, "why": n.why}
            for n in rec.needs
        ],
        "cadence": [
            {
                "ritual": c.ritual,
                "frameworks": c.frameworks,
                "frequency": c.frequency,
                "minutes_per_meeting": c.minutes_per_meeting,
            }
            for c in rec.cadence
        ],
        "meeting_minutes_per_month": rec.meeting_minutes_per_month,
        "summary": rec.summary,
        "kendall_w": None if summary.kendall_w is None else round(summary.kendall_w, 4),
        "disagreements": [
            {
                "question": d.question,
                "statistic": d.statistic,
                "consensus": round(d.consensus, 4),
                "reached": d.reached,
                "answered": d.answered,
                "answers": dict(d.answers),
                "group_answer": d.group_answer,
                "alternative": d.alternative,
                "swing": d.swing,
                "agreement": d.agreement,
                "holders": d.holders,
                "decision": d.decision,
                "positions": [
                    {
                        "answer": p.answer,
                        "holders": p.holders,
                        "group": p.is_group,
                        "enters": p.enters,
                        "leaves": p.leaves,
                    }
                    for p in d.positions
                ],
            }
            for d in summary.disagreements
        ],
        "agenda": [
            {
                "kind": a.kind,
                "question": a.question,
                "minutes": a.minutes,
                "why": why,
                "ask": a.ask,
                "options": a.options,
                "decision": a.decision,
                "changes_plan": a.changes_plan,
            }
            for a, why in zip(summary.agenda, titles, strict=True)
        ],
        "also_differs": summary.also_differs,
        "decided": [
            {"question": d.question, "answer": d.answer, "by": d.by, "at": d.at}
            for d in summary.decided
        ],
        "open": [a.question for a in summary.agenda if a.kind == "topic"],
        "participants_top": {
            pid: {"name": pid if summary.anonymous else top.name, "top": top.top}
            for pid, top in summary.participants_top.items()
        },
        "skipped": [{"file": s.file, "error": s.error} for s in summary.skipped],
        "rounds": [
            {
                "question": r.question,
                "before": round(r.before, 4),
                "after": round(r.after, 4),
                "moved": r.moved,
                "agreement_before": r.agreement_before,
                "agreement_after": r.agreement_after,
            }
            for r in summary.rounds
        ],
    }


def json_summary(
    summary: WorkshopSummary,
    names: Mapping[str, str] | None = None,
    words: Catalogue | None = None,
    prepared: Prepared | None = None,
    kb: KnowledgeBase | None = None,
) -> str:
    """The JSON summary; with the knowledge base, ``examples`` holds the group plan's examples
    as the report's JSON does."""
    import json

    import msgspec

    from framework_advisor.render.workshop.writers import plan_examples

    document = data(summary, names, words, prepared)
    shown = plan_examples(kb, summary) if kb is not None else None
    if shown is not None:
        document["examples"] = msgspec.to_builtins(shown)
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
