"""Markdown for `recommend`, `whatif`, `show` and `compare` (no Jinja on these paths)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from framework_advisor.domain.examples import ExampleSelection
from framework_advisor.domain.framework import layer_label
from framework_advisor.domain.framework_sections import framework_sections
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.recommendation import Recommendation
from framework_advisor.domain.wording import need_labels
from framework_advisor.render.bars import fit_bar
from framework_advisor.render.plan import phase_pairs, rank_change
from framework_advisor.render.text import COMPARE_ROWS
from framework_advisor.safe_text import markdown_text

if TYPE_CHECKING:
    from framework_advisor.domain.recommendation import WhatIf


def cell(text: Any) -> str:
    """Text from a user or a pack, safe in Markdown and inside a table cell: one line, raw
    HTML escaped, links other than http(s) defused, pipes escaped (`safe_text`)."""
    return markdown_text(str(text))


def code(text: Any) -> str:
    """An id as inline code (a backtick in it would end the span early: it is dropped)."""
    return "`" + " ".join(str(text).replace("`", "").split()).replace("|", "\\|") + "`"


def recommendation(rec: Recommendation, kb: KnowledgeBase, **_: Any) -> str:
    names = {item.id: item.name for item in rec.ranking}
    title = rec.profile.get("organisation") or "your organisation"
    out = [f"# Framework recommendation for {cell(title)}", ""]
    out += ["## Profile", "", "| Question | Answer |", "| --- | --- |"]
    for qid, value in rec.profile.items():
        question = kb.question(qid)
        if question is None:
            continue  # an answer the questionnaire no longer asks
        out.append(f"| {cell(question.label)} | {cell(question.label_of(value))} |")
    if rec.summary:
        out += ["", "## In short", "", cell(rec.summary)]
    labels = need_labels(kb)
    out += ["", "## Run now (phase 1)", ""]
    if rec.mix_choice:
        out += [cell(rec.mix_choice), ""]
    out += ["| Layer | Framework | For | Why |"]
    out += ["| --- | --- | --- | --- |"]
    for layer in rec.mix:
        served = "; ".join(labels.get(n, n) for n in layer.chosen_for)
        out.append(
            f"| {cell(layer_label(layer.layer))} "
            f"| {cell(names[layer.framework])} | {cell(served)} | {cell(layer.why)} |"
        )
    for phase in rec.phases[1:]:
        added = ", ".join(names[f] for f in phase.frameworks)
        out += ["", f"### Later (phase {phase.phase}): {cell(added)}", ""]
        out += [f"- When: {cell(phase.signal)}", f"- Why it waits: {cell(phase.why)}"]
        out.append(f"- Meetings by then: about {phase.meeting_minutes_per_month} minutes a month")
    if rec.retire:
        out += ["", "### Retire", ""]
        out += [f"- **{cell(names[item.id])}**: {cell(item.why)}" for item in rec.retire]
    out += ["", "## Ranking", "", "| # | Framework | Fit | |", "| ---: | --- | ---: | --- |"]
    for item in rec.ranking:
        out.append(f"| {item.rank} | {cell(item.name)} | {item.fit} | `{fit_bar(item.fit)}` |")
    out += ["", "## Why", ""]
    for item in rec.ranking[:5]:
        out.append(f"### {cell(item.name)}: fit {item.fit}")
        out.append("")
        for reason in item.reasons:
            because = f" (because you said {cell(reason.because)})" if reason.because else ""
            out.append(f"- {reason.effect:+d}: {cell(reason.text)}{because}")
        out.append("")
    if rec.cautions:
        out += ["## Cautions", ""]
        out += [f"- {cell(c.text)}" for c in rec.cautions]
        out.append("")
    out += [
        f"## Cadence: about {rec.meeting_minutes_per_month} minutes of meetings a month",
        "",
        "| Ritual | Frequency | Minutes per meeting | Minutes per month | Serves |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    for r in rec.cadence:
        serves = ", ".join(names[f] for f in r.frameworks)
        out.append(
            f"| {cell(r.ritual)} | {cell(r.frequency)} | {r.minutes_per_meeting} | {r.minutes_per_month} | {cell(serves)} |"
        )
    if rec.unanswered:
        out += ["", "## Unanswered questions that could change this", ""]
        for qid in rec.unanswered:
            question = kb.question(qid)
            label, prompt = (question.label, question.prompt) if question else (qid, "")
            out.append(f"- {cell(label)}: {cell(prompt)}")
    if rec.sensitivity:
        out += ["", "## What would change the order", ""]
        out += [f"- {cell(s.text)}" for s in rec.sensitivity]
    return "\n".join(out) + "\n"


def whatif(result: WhatIf, kb: KnowledgeBase, **_: Any) -> str:
    out = ["# What if", ""]
    for qid, value in result.changes.items():
        question = kb.question(qid)
        label = question.label_of(value) if question and value is not None else "(unanswered)"
        out.append(f"- {cell(question.label if question else qid)}: {cell(label)}")
    out += ["", "## Plan", "", "| Phase | Before | After |", "| ---: | --- | --- |"]
    for number, (a, b) in enumerate(phase_pairs(result.before, result.after), start=1):
        out.append(f"| {number} | {cell(a or '-')} | {cell(b or '-')} |")
    out += ["", "| # | Before | Fit | After | Fit |", "| ---: | --- | ---: | --- | ---: |"]
    for first, second in zip(result.before.ranking, result.after.ranking, strict=True):
        out.append(
            f"| {first.rank} | {cell(first.name)} | {first.fit} | {cell(second.name)} | {second.fit} |"
        )
    out += ["", "## Moved", ""]
    names = {item.id: item.name for item in result.after.ranking}
    out += [
        f"- {cell(names[m.id])}: {rank_change(m.from_rank, m.to_rank)}, fit {m.fit_delta:+d}"
        for m in result.moved
    ] or ["Nothing moved."]
    return "\n".join(out) + "\n"


def framework(kb: KnowledgeBase, framework_id: str, **_: Any) -> str:
    f = kb.frameworks[framework_id]
    out = [f"# {cell(f.name)}", "", f"*{cell(f.summary)}*", ""]
    if f.aliases:
        out += [f"Also known as: {cell(', '.join(f.aliases))}", ""]
    for section in framework_sections(kb, framework_id):
        if section.kind == "prose":
            out += [f"**{cell(section.title)}:** {cell(section.entries[0].text)}", ""]
            continue
        out += [f"## {cell(section.title)}", ""]
        out += [
            f"- **{cell(entry.lead)}**{entry.separator}{cell(entry.text)}"
            if entry.lead
            else f"- {cell(entry.text)}"
            for entry in section.entries
        ]
        out.append("")
    return "\n".join(out)


def comparison(kb: KnowledgeBase, ids: list[str], **_: Any) -> str:
    frameworks = [kb.frameworks[fid] for fid in ids]
    out = [
        "| | " + " | ".join(cell(f.name) for f in frameworks) + " |",
        "| --- |" + " --- |" * len(frameworks),
    ]
    for label, getter in COMPARE_ROWS:
        values = [getter(f) for f in frameworks]
        texts = [
            "<br>".join(f"- {cell(v)}" for v in value) if isinstance(value, list) else cell(value)
            for value in values
        ]
        out.append(f"| **{label}** | " + " | ".join(texts) + " |")
    return "\n".join(out) + "\n"


def framework_table(kb: KnowledgeBase, **_: Any) -> str:
    out = ["| Id | Framework | Summary |", "| --- | --- | --- |"]
    out += [
        f"| {code(f.id)} | {cell(f.name)} | {cell(f.summary)} |" for f in kb.frameworks.values()
    ]
    return "\n".join(out) + "\n"


def examples(
    selection: ExampleSelection,
    framework: str | None = None,
    kb: KnowledgeBase | None = None,
    **_: Any,
) -> str:
    from framework_advisor.render.areas import area_labels

    areas = area_labels(kb, selection.areas)
    out = ["# Example OKRs and KPIs", "", "From: " + cell(", ".join(areas)), ""]
    if framework in (None, "okr"):
        out += ["## OKRs", ""]
        for okr in selection.okrs:
            out.append(f"**{cell(okr.objective)}** ({cell(okr.type)})")
            out.append("")
            out += [f"- {cell(kr)}" for kr in okr.key_results]
            out.append("")
    if framework in (None, "kpi"):
        out += [
            "## KPIs",
            "",
            "| KPI | Target | Frequency | Leading or lagging | Level | Definition |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        out += [
            f"| {cell(k.name)} | {cell(k.target)} | {cell(k.frequency)} | {k.indicator} | {k.level} | "
            f"{cell(k.definition)} |"
            for k in selection.kpis
        ]
    return "\n".join(out) + "\n"
