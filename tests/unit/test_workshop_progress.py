"""How far a participant is (`engine.progress`): one count for the app and the live view."""

from __future__ import annotations

from typing import Any

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.question import Question
from framework_advisor.engine.progress import asked_questions, not_asked, progress

FIXED = {"function": "company", "headcount": 120}


def _an_answer(kb: KnowledgeBase, question: Question, answers: dict[str, Any]) -> Any:
    if question.type == "number":
        return question.min or 1
    if question.type == "yes_no":
        return True
    if question.type == "text":
        return "Acme"
    offered = (
        list(kb.frameworks)
        if question.options_from == "frameworks"
        else [o.value for o in question.offered(answers)]
    )
    return offered[:1] if question.type == "multiple" else offered[0]


def _answer_everything(kb: KnowledgeBase, fixed: dict[str, Any]) -> dict[str, Any]:
    """Answers to every question asked, following the questionnaire as it opens up."""
    answers: dict[str, Any] = {}
    while True:
        todo = [
            q
            for q in asked_questions(kb, {**answers, **fixed}, fixed)
            if q.id not in answers and q.id != "stage"  # the headcount stands in for it
        ]
        if not todo:
            return answers
        answers[todo[0].id] = _an_answer(kb, todo[0], {**answers, **fixed})


def test_a_fixed_size_leaves_both_size_questions_unasked(kb: KnowledgeBase) -> None:
    assert not_asked({"headcount": 300}) >= {"headcount", "stage"}
    assert not_asked({"stage": "growth"}) >= {"headcount", "stage"}
    asked = {q.id for q in asked_questions(kb, FIXED, FIXED)}
    assert not {"headcount", "stage", "function"} & asked
    assert asked  # the rest is asked


def test_a_participant_who_answered_everything_asked_is_finished(kb: KnowledgeBase) -> None:
    answers = _answer_everything(kb, FIXED)
    far = progress(kb, answers, FIXED)
    assert far.asked == len(asked_questions(kb, {**answers, **FIXED}, FIXED))
    assert far.settled == far.asked and far.finished


def test_a_blank_stage_beside_a_headcount_is_settled_without_a_fixed_size(
    kb: KnowledgeBase,
) -> None:
    fixed = {"function": "company"}
    answers = _answer_everything(kb, fixed)
    assert "headcount" in answers and "stage" not in answers
    assert "stage" in {q.id for q in asked_questions(kb, answers, fixed)}
    assert progress(kb, answers, fixed).finished


def test_progress_counts_only_what_was_answered(kb: KnowledgeBase) -> None:
    answers = _answer_everything(kb, FIXED)
    dropped = next(iter(answers))
    fewer = {k: v for k, v in answers.items() if k != dropped}
    before, after = progress(kb, answers, FIXED), progress(kb, fewer, FIXED)
    assert after.settled == before.settled - 1 and not after.finished
    assert progress(kb, {}, FIXED).settled == 0
