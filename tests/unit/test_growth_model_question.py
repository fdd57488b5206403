"""Schools and public bodies are not asked what drives their growth (issue 24): growth_model's
`when:` uses the condition language's `unanswered` test, so the question is asked while the
industry is unanswered (an answer given first still counts) and set aside, never deleted, for
the industries where it does not apply."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.wording import describe
from framework_advisor.engine.flow import hidden_answers, next_question, profile, visible_questions
from tests.conftest import knowledge

NOT_ASKED = {"education", "public_sector"}
INDUSTRIES = [o.value for o in knowledge().question_map["industry"].options]
SCHOOL = {"function": "company", "headcount": 90, "needs": ["alignment"], "industry": "education",
          "education_setting": "school", "growth_model": "sales_led"}  # fmt: skip


def _asked(kb: KnowledgeBase, answers: dict[str, Any]) -> bool:
    return "growth_model" in [q.id for q in visible_questions(kb, answers)]


@pytest.mark.parametrize("industry", INDUSTRIES)
def test_growth_model_is_asked_unless_the_industry_is_one_it_does_not_fit(
    kb: KnowledgeBase, industry: str
) -> None:
    answers = {**SCHOOL, "industry": industry}
    assert _asked(kb, answers) is (industry not in NOT_ASKED)
    assert (profile(kb, answers).get("growth_model") == "sales_led") is (industry not in NOT_ASKED)


def test_an_unanswered_industry_still_asks_it_and_counts_its_answer(kb: KnowledgeBase) -> None:
    answers = {k: v for k, v in SCHOOL.items() if k not in ("industry", "education_setting")}
    assert _asked(kb, answers)
    assert profile(kb, answers)["growth_model"] == "sales_led"
    assert hidden_answers(kb, answers) == []


def _walk(kb: KnowledgeBase, answers: dict[str, Any]) -> list[str]:
    """The questions the questionnaire asks, one after another, given these answers."""
    asked: list[str] = []
    question = next_question(kb, answers, None)
    while question is not None:
        asked.append(question.id)
        question = next_question(kb, answers, question.id)
    return asked


@pytest.mark.parametrize(("industry", "asked"), [("education", False), ("public_sector", False),
                                                 ("healthcare", True), ("saas", True)])  # fmt: skip
def test_the_questionnaire_walks_past_growth_model_only_where_it_does_not_fit(
    kb: KnowledgeBase, industry: str, asked: bool
) -> None:
    answers = {k: v for k, v in SCHOOL.items() if k != "growth_model"}
    walked = _walk(kb, {**answers, "industry": industry})
    assert "industry" in walked
    assert ("growth_model" in walked) is asked


def test_the_condition_reads_as_people_read_it(kb: KnowledgeBase) -> None:
    when = kb.question_map["growth_model"].when
    assert when is not None
    text = describe(kb, when)
    assert text.startswith("Industry is unanswered or Industry is not")
    assert "“Education”" in text and "“Public sector / non-profit”" in text


def test_a_schools_growth_model_is_set_aside_with_a_note_and_kept(
    run_cli: Callable[..., Any], write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    """Nothing the user typed is lost: the report sets the answer aside and says so on standard
    error, the answers file written beside it still holds it, and it counts again once the
    industry is one it applies to."""
    path = write_answers(SCHOOL)
    kept = tmp_path / "kept.yaml"
    result = run_cli("report", "--answers", path, "-f", "json", "--with-answers", kept)
    assert result.exit_code == 0, result.stderr
    assert "note: 'growth_model' is ignored: it is asked only when Industry is unanswered" in (
        result.stderr
    )
    assert "growth_model" not in json.loads(result.stdout)["profile"]
    assert yaml.safe_load(kept.read_text(encoding="utf-8"))["growth_model"] == "sales_led"
    saas = write_answers({**SCHOOL, "industry": "saas"}, "saas.yaml")
    again = run_cli("recommend", "--answers", saas, "-f", "json")
    assert again.exit_code == 0, again.stderr
    assert "growth_model" not in again.stderr
    assert json.loads(again.stdout)["profile"]["growth_model"] == "sales_led"
