"""What the reader may check: the answers as labels and as a file, where the report comes
from, and what could change the advice."""

from __future__ import annotations

from datetime import date
from typing import Any

from framework_advisor._version import __version__
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.question import Question
from framework_advisor.domain.recommendation import Recommendation
from framework_advisor.render.report.data.model import (
    Changes,
    ProfileRow,
    Provenance,
    SensitivityRow,
    UnansweredQuestion,
)


def answer_text(question: Question, value: Any) -> str:
    """An answer as a person reads it, starting with a capital ("Yes", not "yes")."""
    text = question.label_of(value)
    return text[:1].upper() + text[1:]


def profile(kb: KnowledgeBase, answers: dict[str, Any], rec: Recommendation) -> list[ProfileRow]:
    rows = []
    for question in kb.questions:
        if question.id not in rec.profile:
            continue
        value = rec.profile[question.id]
        note = ""
        if question.id == "stage" and "stage" not in answers and "headcount" in rec.profile:
            note = kb.report.sentence("from_headcount", headcount=rec.profile["headcount"])
        rows.append(
            ProfileRow(
                question.id, question.prompt, answer_text(question, value), note, question.label
            )
        )
    return rows


def changes(kb: KnowledgeBase, rec: Recommendation, short: dict[str, str]) -> Changes:
    order = [item.id for item in rec.ranking]
    rows = []
    for item in rec.sensitivity:
        question = kb.question(item.question)
        if question is None:
            continue
        value = (
            answer_text(question, item.value)
            if item.value not in (None, [])
            else kb.report.sentence("no_answer")
        )
        rising = sorted(
            (m for m in item.moves if m.to_rank < m.from_rank),
            key=lambda m: m.to_rank - m.from_rank,
        )
        if rising:
            move = rising[0]
            passed = order[move.to_rank - 1]
            effect = kb.report.sentence("rank_above", name=short[move.id], passed=short[passed])
        else:
            effect = kb.report.sentence("top_three_reorder")
        rows.append(SensitivityRow(f"{question.label}: {value}", effect))
    return Changes(
        unanswered=[
            UnansweredQuestion(qid, question.prompt if question else qid)
            for qid in rec.unanswered
            for question in [kb.question(qid)]
        ],
        sensitivity=rows,
    )


def provenance(kb: KnowledgeBase, brand: str, today: date) -> Provenance:
    packs = [f"{p.name} {p.version}" for p in kb.packs]
    brand = " ".join((brand or kb.brand.name).split())
    key = ("provenance_by" if brand else "provenance") + ("_packs" if packs else "")
    said: dict[str, object] = {"version": __version__, "kb": kb.name, "kb_version": kb.version}
    said |= {"brand": brand} if brand else {}
    said |= {"packs": ", ".join(packs)} if packs else {}
    line = kb.report.sentence(key, **said)
    return Provenance(
        line=line,
        date=today.isoformat(),
        date_text=kb.report.sentence("date", kb.text, date=today.isoformat()),
        tool_version=__version__,
        kb_name=kb.name,
        kb_version=kb.version,
        packs=[f"{p.name} {p.version}" for p in kb.packs],
        brand=brand,
    )
