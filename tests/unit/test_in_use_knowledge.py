"""Knowledge and answers for pay and frameworks in use (issue 21): `if_not_working`, rollout
steps' `when`/`unless`, the policies and the question `frameworks_not_working`, each checked
where it is written (file:line, exit 2)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.text import message
from framework_advisor.engine.answers import parse_answer, validate_answers
from framework_advisor.engine.flow import visible_questions
from framework_advisor.errors import AnswersError
from tests.conftest import build_tree

CORE = Path(__file__).parents[2] / "knowledge"
PACK = 'name: p\nversion: "1.0"\nschema_version: 2\n'


def _pack(tmp_path: Path, name: str, text: str) -> Path:
    return build_tree(tmp_path / "pack", {"pack.yaml": PACK, f"frameworks/{name}.yaml": text})


def _fails(result: Any, *facts: str) -> None:
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for fact in facts:
        assert fact in result.stderr, result.stderr


def test_a_replacement_that_is_no_framework_is_located(run_cli: Callable, tmp_path: Path) -> None:
    mbo = (CORE / "frameworks/mbo.yaml").read_text()
    assert "replace_with: [fast]" in mbo
    line = mbo.splitlines().index("  replace_with: [fast]") + 1
    pack = _pack(tmp_path, "mbo", mbo.replace("replace_with: [fast]", "replace_with: [fsat]"))
    _fails(run_cli("validate", "--kb", pack), f"mbo.yaml:{line}", "no framework 'fsat'")


def test_a_step_condition_on_no_question_is_located(run_cli: Callable, tmp_path: Path) -> None:
    okr = (CORE / "frameworks/okr.yaml").read_text()
    old = "    when: {compensation_linked: true}"
    assert old in okr
    line = okr.splitlines().index(old) + 1
    pack = _pack(tmp_path, "okr", okr.replace(old, "    when: {compensation_linkd: true}"))
    _fails(run_cli("validate", "--kb", pack), f"okr.yaml:{line}", "compensation_linked")


def test_first_steps_follow_the_pay_answer(kb: KnowledgeBase) -> None:
    steps = kb.frameworks["okr"].rollout
    week_one = lambda view: [s.step for s in steps if s.week == 1 and s.applies(view)]  # noqa: E731
    paid, unpaid, unknown = (
        week_one({"compensation_linked": True}),
        week_one({"compensation_linked": False}),
        week_one({}),
    )
    assert len(paid) == len(unpaid) == len(unknown) == 1
    assert "will not drive pay" in unpaid[0] and unknown == unpaid
    assert "will not drive pay" not in paid[0] and "bonus" in paid[0]
    mbo = kb.frameworks["mbo"].rollout
    assert [s.step for s in mbo if s.week == 1 and s.applies({})] == [
        s.step for s in mbo if s.unless is not None
    ]


def test_the_pay_policy_names_its_homes_and_sources(kb: KnowledgeBase) -> None:
    pay = kb.policies.pay
    assert pay.homes == ["mbo", "kpi"]
    assert {"okr", "fast", "okr_kpi_hybrid"} <= set(pay.never)
    assert all(f"pay.home.{fid}" in kb.text.entries for fid in pay.homes)
    assert any("Kerr" in s for s in pay.sources) and any("Bevan" in s for s in pay.sources)
    assert "Wells Fargo" in kb.text.say(message("pay.caution"))  # its words: the catalogue's


@pytest.fixture
def answers_file(tmp_path: Path) -> Callable[[str], Path]:
    def write(tail: str) -> Path:
        path = tmp_path / "answers.yaml"
        path.write_text(
            "headcount: 300\nfunction: company\nneeds: [individual_performance]\n" + tail
        )
        return path

    return write


def test_not_working_names_only_frameworks_in_use(
    run_cli: Callable, answers_file: Callable[[str], Path]
) -> None:
    bad = answers_file("current_frameworks: [okr]\nframeworks_not_working:\n  - mbo\n")
    _fails(run_cli("recommend", "--answers", bad), "answers.yaml:6", "'mbo'", "current_frameworks")
    good = answers_file("current_frameworks: [okr, mbo]\nframeworks_not_working: [mbo]\n")
    result = run_cli("recommend", "--answers", good, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert '"not_working"' in result.stdout


def test_the_question_is_asked_only_once_frameworks_in_use_are_named(kb: KnowledgeBase) -> None:
    base = {"headcount": 300, "function": "company", "needs": ["alignment"]}
    ids = lambda answers: [q.id for q in visible_questions(kb, answers)]  # noqa: E731
    assert "frameworks_not_working" not in ids(base)
    assert "frameworks_not_working" in ids({**base, "current_frameworks": ["okr"]})
    question = kb.question_map["frameworks_not_working"]
    offered = question.offered({"current_frameworks": ["okr", "kpi"]})
    assert [o.value for o in offered] == ["okr", "kpi"]
    for word in ("not working", "abandoning"):
        assert word in question.prompt + question.help
    with pytest.raises(AnswersError) as error:
        parse_answer(kb, "frameworks_not_working", "mbo", {"current_frameworks": ["okr"]})
    assert "current_frameworks" in error.value.problems[0].message
    with pytest.raises(AnswersError):
        validate_answers(kb, {**base, "frameworks_not_working": ["okr"]})
