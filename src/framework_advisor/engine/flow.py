"""Which questions apply to a set of answers, and the profile the rules see."""

from __future__ import annotations

from typing import Any

from framework_advisor.domain.answers import Answers
from framework_advisor.domain.contract import stage_for_headcount
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.question import Question


def derived_stage(answers: Answers) -> str | None:
    """The stage given, else the stage of the headcount band, else None."""
    stage = answers.get("stage")
    if stage is not None:
        return stage
    headcount = answers.get("headcount")
    return stage_for_headcount(headcount) if isinstance(headcount, int) else None


def _with_stage(answers: Answers) -> dict[str, Any]:
    view = dict(answers)
    stage = derived_stage(answers)
    if stage is not None:
        view["stage"] = stage
    return view


def is_visible(question: Question, view: dict[str, Any]) -> bool:
    """A question with a ``when`` shows only where it is true (unknown hides it); one whose
    options are drawn from another answer, only once that answer has a value."""
    source = question.drawn_from
    if source is not None and not view.get(source):
        return False
    return question.when is None or question.when.evaluate(view) is True


def visible_questions(kb: KnowledgeBase, answers: Answers) -> list[Question]:
    """The questions a person is asked given ``answers``, in questionnaire order (each
    question's ``when`` evaluated with the stage derived from the headcount)."""
    view = _with_stage(answers)
    return [q for q in kb.questions if is_visible(q, view)]


def profile(kb: KnowledgeBase, answers: Answers) -> dict[str, Any]:
    """What rules see: the answers to visible questions, with ``stage`` derived."""
    view = _with_stage(answers)
    hidden = [q.id for q in kb.questions if q.id in view and not is_visible(q, view)]
    if not hidden:
        return view
    kept = {k: v for k, v in answers.items() if k not in hidden}
    return _with_stage(kept)


def hidden_answers(kb: KnowledgeBase, answers: Answers) -> list[str]:
    """Answered questions that do not apply, so the engine ignores them."""
    view = _with_stage(answers)
    return [q.id for q in kb.questions if q.id in answers and not is_visible(q, view)]


def next_question(kb: KnowledgeBase, answers: Answers, current: str | None) -> Question | None:
    """The visible question after ``current`` (the first when ``current`` is None)."""
    questions = visible_questions(kb, answers)
    if current is None:
        return questions[0] if questions else None
    ids = [q.id for q in kb.questions]
    position = ids.index(current) if current in ids else -1
    for question in questions:
        if ids.index(question.id) > position:
            return question
    return None


def previous_question(kb: KnowledgeBase, answers: Answers, current: str) -> Question | None:
    """The visible question before ``current`` given ``answers`` (None at the first), for
    going back."""
    questions = visible_questions(kb, answers)
    ids = [q.id for q in kb.questions]
    position = ids.index(current) if current in ids else len(ids)
    earlier = [q for q in questions if ids.index(q.id) < position]
    return earlier[-1] if earlier else None
