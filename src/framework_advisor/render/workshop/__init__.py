"""A workshop summary as JSON, text, Markdown and HTML: pure, data in, text out.

With ``--anonymous`` the summary carries no names (the engine blanks them) and participants
appear as P1, P2, ... everywhere; skipped files are numbered, not named."""

from __future__ import annotations

from typing import Any

from framework_advisor.domain.counting import counted
from framework_advisor.domain.workshop import WorkshopSummary, answer_text

STATISTIC = {
    "share": "share giving the most common answer",
    "jaccard": "mean pairwise Jaccard similarity",
}
CITATION = "Diamond et al. 2014: the median threshold across Delphi studies"


def participant_label(summary: WorkshopSummary, pid: str) -> str:
    name = summary.participants_top[pid].name
    return pid if summary.anonymous or not name else f"{pid} {name}"


def data(summary: WorkshopSummary) -> dict[str, Any]:
    """The JSON document (keys as issue 15 names them); answer values as strings."""
    rec = summary.recommendation
    return {
        "title": summary.title,
        "participants": summary.participants,
        "round": summary.round,
        "threshold": summary.threshold,
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
            }
            for d in summary.disagreements
        ],
        "agenda": [
            {"question": a.question, "minutes": a.minutes, "why": a.why} for a in summary.agenda
        ],
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
            }
            for r in summary.rounds
        ],
    }


def json_summary(summary: WorkshopSummary) -> str:
    import json

    return json.dumps(data(summary), indent=2, ensure_ascii=False) + "\n"


def _w_text(summary: WorkshopSummary) -> str:
    w = summary.kendall_w
    if w is None:
        return "Kendall's W: not defined (fewer than two participants, or every fit tied)"
    return f"Kendall's W (tie-corrected) on the participants' rankings: {w:.2f} (0 none, 1 full agreement)"


def text_summary(summary: WorkshopSummary, names: dict[str, str]) -> str:
    """Plain text for the terminal. ``names``: framework id -> name."""
    lines = [
        f"Workshop: {summary.title}" if summary.title else "Workshop",
        f"{counted(summary.participants, 'participant')}, round {summary.round}. "
        f"Consensus at {summary.threshold:.0%} agreement ({CITATION}).",
        "",
        "Group mix: "
        + (
            ", ".join(
                f"{names.get(m.framework, m.framework)} ({m.layer})"
                for m in summary.recommendation.mix
            )
            or "none"
        ),
        "Group top three: " + ", ".join(names.get(f, f) for f in summary.top),
        _w_text(summary),
        "",
        "Group ranking (mean fit ± spread):",
    ]
    for g in summary.group_ranking:
        lines.append(f"  {g.fit:5.1f} ± {g.spread:4.1f}  {g.name}")
    lines += ["", "Consensus per question (least first):"]
    for d in summary.disagreements:
        mark = "consensus" if d.reached else "below"
        counts = ", ".join(f"{d.answer_labels.get(v, v)} {n}" for v, n in d.answers.items())
        lines.append(
            f"  {d.label:<24} {d.consensus:4.0%} {mark:<9} ({STATISTIC[d.statistic]}; {counts})"
        )
    lines += ["", f"Agenda ({summary.minutes} minutes):"]
    if not summary.agenda:
        lines.append("  nothing to settle: every scored question reached consensus")
    for a in summary.agenda:
        lines.append(f"  {a.minutes:3d} min  {a.label}: {a.why}")
    if summary.rounds:
        lines += ["", "Rounds (agreement at the last reveal -> now):"]
        for r in summary.rounds:
            lines.append(
                f"  {r.question:<24} {r.before:4.0%} -> {r.after:4.0%}  ({r.moved} changed)"
            )
    lines += ["", "Each participant's top three:"]
    for pid, top in summary.participants_top.items():
        label = participant_label(summary, pid)
        lines.append(f"  {label}: " + ", ".join(names.get(f, f) for f in top.top))
    if summary.skipped:
        lines += ["", "Skipped files:"]
        lines += [f"  {s.file}: {s.error}" for s in summary.skipped]
    return "\n".join(lines) + "\n"


def _md(value: Any) -> str:
    from framework_advisor.render.report.environment import md

    return md(value)


def markdown_summary(summary: WorkshopSummary, names: dict[str, str]) -> str:
    out = [f"# Workshop: {_md(summary.title)}" if summary.title else "# Workshop", ""]
    out.append(
        f"{counted(summary.participants, 'participant')}, round {summary.round}. Consensus at "
        f"{summary.threshold:.0%} agreement ({CITATION}). {_md(_w_text(summary))}."
    )
    out += ["", "## Group mix", ""]
    for m in summary.recommendation.mix:
        out.append(
            f"- **{_md(names.get(m.framework, m.framework))}** ({_md(m.layer)}): {_md(m.why)}"
        )
    if summary.recommendation.summary:
        out += ["", _md(summary.recommendation.summary)]
    out += ["", "## Agenda", "", "| Minutes | Question | Why |", "|---:|---|---|"]
    for a in summary.agenda:
        out.append(f"| {a.minutes} | {_md(a.label)} | {_md(a.why)} |")
    out += [
        "",
        "## Consensus per question",
        "",
        "| Question | Agreement | Statistic | Answers |",
        "|---|---:|---|---|",
    ]
    for d in summary.disagreements:
        counts = ", ".join(f"{_md(d.answer_labels.get(v, v))} {n}" for v, n in d.answers.items())
        flag = "" if d.reached else " (below)"
        out.append(
            f"| {_md(d.label)} | {d.consensus:.0%}{flag} | {STATISTIC[d.statistic]} | {counts} |"
        )
    out += ["", "## Group ranking", "", "| Framework | Mean fit | Spread |", "|---|---:|---:|"]
    for g in summary.group_ranking:
        out.append(f"| {_md(g.name)} | {g.fit:.1f} | {g.spread:.1f} |")
    if summary.rounds:
        out += [
            "",
            "## Rounds",
            "",
            "| Question | Before | Now | Changed |",
            "|---|---:|---:|---:|",
        ]
        for r in summary.rounds:
            out.append(f"| {_md(r.question)} | {r.before:.0%} | {r.after:.0%} | {r.moved} |")
    out += ["", "## Each participant's top three", ""]
    for pid, top in summary.participants_top.items():
        out.append(
            f"- {_md(participant_label(summary, pid))}: "
            + ", ".join(_md(names.get(f, f)) for f in top.top)
        )
    if summary.skipped:
        out += ["", "## Skipped files", ""]
        out += [f"- {_md(s.file)}: {_md(s.error)}" for s in summary.skipped]
    return "\n".join(out) + "\n"
