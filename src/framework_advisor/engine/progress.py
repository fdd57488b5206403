"""How far a participant is: the questions they are asked and how many of them are settled.

One definition, used by the app (the questions it walks through) and by the facilitator's live
view (the "7/9" beside each name), so that the two cannot drift apart. Pure: no I/O."""

from __future__ import annotations

from msgspec import Struct

from framework_advisor.domain.answers import Answers
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.question import Question
from framework_advisor.engine.flow import visible_questions

SIZE = frozenset({"headcount", "stage"})
"""Two ways of giving the organisation's size: fixing one decides the other."""


class Progress(Struct, frozen=True, gc=False):
    settled: int
    """Questions answered, or left blank where another answer stands in for them (the stage
    when the headcount is given, and the other way round)."""
    asked: int
    """The questions this participant is asked now (the fixed ones are never asked)."""

    @property
    def finished(self) -> bool:
        return self.settled >= self.asked


def not_asked(fixed: Answers) -> frozenset[str]:
    """The questions a workshop never asks: its fixed answers, and both size questions when
    either is fixed."""
    ids = frozenset(fixed)
    return ids | SIZE if ids & SIZE else ids


def asked_questions(kb: KnowledgeBase, answers: Answers, fixed: Answers) -> list[Question]:
    """The questions a participant is asked given ``answers`` (fixed answers included), in
    questionnaire order."""
    skip = not_asked(fixed)
    return [q for q in visible_questions(kb, answers) if q.id not in skip]


def progress(kb: KnowledgeBase, answers: Answers, fixed: Answers | None = None) -> Progress:
    """How many of the questions asked are settled: answered, or a ``required_unless``
    question whose alternative was answered (a blank stage beside a headcount)."""
    fixed = fixed or {}
    view = {**answers, **fixed}
    asked = asked_questions(kb, view, fixed)
    ids = {q.id for q in asked}

    def settled(question: Question) -> bool:
        if view.get(question.id) is not None:
            return True
        stands_in = [q.id for q in asked if q.required_unless == question.id]
        if question.required_unless:
            stands_in.append(question.required_unless)
        return any(other in ids and view.get(other) is not None for other in stands_in)

    return Progress(sum(1 for q in asked if settled(q)), len(asked))
