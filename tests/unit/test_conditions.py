"""The condition language of ``when:``: parsing, operators, shorthands, Kleene logic, stage.

Conditions are parsed from YAML with the real parser (``ConditionParser``) against the real
questionnaire, then evaluated both ways the engine does: ``Condition.evaluate`` (question
visibility) and the compiled closure (rules on the hot path). The two must always agree.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from framework_advisor import recommend
from framework_advisor.domain.condition import Condition, Leaf
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.engine.compiled import compile_condition
from framework_advisor.errors import KnowledgeBaseError
from framework_advisor.kb.conditions import ConditionParser
from framework_advisor.kb.load import load
from framework_advisor.problems import ProblemCollector
from framework_advisor.sources.yaml_lines import parse_yaml

from ..conftest import build_tree

T, F, U = True, False, None  # U: unknown (a question the condition needs is unanswered)


def parse(kb: KnowledgeBase, when: Any) -> tuple[Condition | None, list[str]]:
    """Parse a ``when:`` value written as YAML, as the loader does; return the problems too."""
    text = yaml.safe_dump({"when": when}, sort_keys=False)
    doc = parse_yaml(text, "inline.yaml")
    problems = ProblemCollector(words=kb.text)
    parser = ConditionParser(kb.question_map, problems, doc)
    condition = parser.parse(doc.data["when"], ("when",))
    return condition, [str(p) for p in problems.problems]


def parsed(kb: KnowledgeBase, when: Any) -> Condition:
    condition, problems = parse(kb, when)
    assert problems == []
    assert condition is not None
    return condition


def evaluate(condition: Condition, answers: dict[str, Any]) -> bool | None:
    """Both evaluators, which must agree."""
    direct = condition.evaluate(answers)
    compiled = compile_condition(condition)(answers)
    assert direct is compiled, (direct, compiled)
    return direct


# --- three-valued (Kleene) logic -------------------------------------------------------------

# Two independent yes/no leaves: ``compensation_linked: true`` and ``cross_functional: true``.
# A leaf is True when answered yes, False when answered no, unknown when unanswered.


def _answers(a: bool | None, b: bool | None) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    if a is not None:
        answers["compensation_linked"] = a
    if b is not None:
        answers["cross_functional"] = b
    return answers


A = {"compensation_linked": True}
B = {"cross_functional": True}

KLEENE_AND = {
    (T, T): T, (T, F): F, (T, U): U,
    (F, T): F, (F, F): F, (F, U): F,
    (U, T): U, (U, F): F, (U, U): U,
}  # fmt: skip
KLEENE_OR = {
    (T, T): T, (T, F): T, (T, U): T,
    (F, T): T, (F, F): F, (F, U): U,
    (U, T): T, (U, F): U, (U, U): U,
}  # fmt: skip
KLEENE_NOT = {T: F, F: T, U: U}


@pytest.mark.parametrize(("a", "b"), list(KLEENE_AND), ids=lambda v: {T: "T", F: "F", U: "U"}[v])
def test_all_of_is_kleene_and(kb: KnowledgeBase, a: bool | None, b: bool | None) -> None:
    condition = parsed(kb, {"all_of": [A, B]})
    assert evaluate(condition, _answers(a, b)) is KLEENE_AND[a, b]


@pytest.mark.parametrize(("a", "b"), list(KLEENE_AND), ids=lambda v: {T: "T", F: "F", U: "U"}[v])
def test_a_mapping_of_several_questions_is_an_and(
    kb: KnowledgeBase, a: bool | None, b: bool | None
) -> None:
    condition = parsed(kb, {**A, **B})
    assert evaluate(condition, _answers(a, b)) is KLEENE_AND[a, b]


@pytest.mark.parametrize(("a", "b"), list(KLEENE_OR), ids=lambda v: {T: "T", F: "F", U: "U"}[v])
def test_any_of_is_kleene_or(kb: KnowledgeBase, a: bool | None, b: bool | None) -> None:
    condition = parsed(kb, {"any_of": [A, B]})
    assert evaluate(condition, _answers(a, b)) is KLEENE_OR[a, b]


@pytest.mark.parametrize("a", [T, F, U], ids=["T", "F", "U"])
def test_not_is_kleene_not(kb: KnowledgeBase, a: bool | None) -> None:
    condition = parsed(kb, {"not": A})
    assert evaluate(condition, _answers(a, None)) is KLEENE_NOT[a]


@pytest.mark.parametrize(
    ("a", "b"), [(a, b) for a in (T, F, U) for b in (T, F, U)], ids=lambda v: str(v)
)
def test_de_morgan_holds_in_three_valued_logic(
    kb: KnowledgeBase, a: bool | None, b: bool | None
) -> None:
    """not(any_of(a, b)) == all_of(not a, not b) for every mix of known and unknown."""
    left = parsed(kb, {"not": {"any_of": [A, B]}})
    right = parsed(kb, {"all_of": [{"not": A}, {"not": B}]})
    answers = _answers(a, b)
    assert evaluate(left, answers) is evaluate(right, answers)
    assert evaluate(left, answers) is KLEENE_NOT[KLEENE_OR[a, b]]


def test_empty_condition_always_holds(kb: KnowledgeBase) -> None:
    condition = parsed(kb, {})
    assert evaluate(condition, {}) is True
    assert evaluate(condition, {"stage": "startup"}) is True


def test_unknown_names_the_questions_that_would_decide_it(kb: KnowledgeBase) -> None:
    condition = parsed(kb, {"any_of": [A, {"all_of": [B, {"industry": "retail"}]}]})
    assert evaluate(condition, {}) is None
    assert set(condition.questions()) == {"compensation_linked", "cross_functional", "industry"}


# --- operators ---------------------------------------------------------------------------------

OPERATOR_CASES: list[tuple[str, dict[str, Any], Any, bool]] = [
    # single choice: in, not_in, eq, ne
    ("in", {"industry": {"in": ["software", "saas"]}}, "saas", True),
    ("in", {"industry": {"in": ["software", "saas"]}}, "retail", False),
    ("not_in", {"industry": {"not_in": ["public_sector"]}}, "retail", True),
    ("not_in", {"industry": {"not_in": ["public_sector"]}}, "public_sector", False),
    ("eq", {"maturity": {"eq": "mature"}}, "mature", True),
    ("eq", {"maturity": {"eq": "mature"}}, "none", False),
    ("ne", {"maturity": {"ne": "mature"}}, "none", True),
    ("ne", {"maturity": {"ne": "mature"}}, "mature", False),
    # yes/no: eq, ne
    ("eq", {"compensation_linked": {"eq": True}}, True, True),
    ("eq", {"compensation_linked": {"eq": True}}, False, False),
    ("ne", {"compensation_linked": {"ne": True}}, False, True),
    ("ne", {"compensation_linked": {"ne": True}}, True, False),
    # multiple choice: has_any, has_all, has_none
    ("has_any", {"needs": {"has_any": ["alignment", "product_focus"]}}, ["goal_clarity", "alignment"], True),
    ("has_any", {"needs": {"has_any": ["alignment", "product_focus"]}}, ["goal_clarity"], False),
    ("has_all", {"needs": {"has_all": ["alignment", "goal_clarity"]}}, ["goal_clarity", "alignment", "role_clarity"], True),
    ("has_all", {"needs": {"has_all": ["alignment", "goal_clarity"]}}, ["alignment"], False),
    ("has_none", {"current_frameworks": {"has_none": ["okr", "kpi"]}}, ["mbo"], True),
    ("has_none", {"current_frameworks": {"has_none": ["okr", "kpi"]}}, [], True),
    ("has_none", {"current_frameworks": {"has_none": ["okr", "kpi"]}}, ["mbo", "kpi"], False),
    # numbers: lt, lte, gt, gte (at and either side of the bound), between (inclusive)
    ("lt", {"headcount": {"lt": 50}}, 49, True),
    ("lt", {"headcount": {"lt": 50}}, 50, False),
    ("lte", {"headcount": {"lte": 50}}, 50, True),
    ("lte", {"headcount": {"lte": 50}}, 51, False),
    ("gt", {"headcount": {"gt": 50}}, 51, True),
    ("gt", {"headcount": {"gt": 50}}, 50, False),
    ("gte", {"headcount": {"gte": 50}}, 50, True),
    ("gte", {"headcount": {"gte": 50}}, 49, False),
    ("between", {"headcount": {"between": [10, 20]}}, 10, True),
    ("between", {"headcount": {"between": [10, 20]}}, 15, True),
    ("between", {"headcount": {"between": [10, 20]}}, 20, True),
    ("between", {"headcount": {"between": [10, 20]}}, 9, False),
    ("between", {"headcount": {"between": [10, 20]}}, 21, False),
    ("between", {"headcount": {"between": [7, 7]}}, 7, True),
    ("eq", {"headcount": {"eq": 50}}, 50, True),
    ("ne", {"headcount": {"ne": 50}}, 50, False),
    ("in", {"headcount": {"in": [1, 2]}}, 2, True),
    ("not_in", {"headcount": {"not_in": [1, 2]}}, 2, False),
    # text: eq, in
    ("eq", {"organisation": {"eq": "Acme"}}, "Acme", True),
    ("eq", {"organisation": {"eq": "Acme"}}, "Acme Ltd", False),
    ("in", {"organisation": {"in": ["Acme", "Globex"]}}, "Globex", True),
    # any question: unanswered (true while it has no answer, false while it has one)
    ("unanswered", {"industry": {"unanswered": True}}, "education", False),
    ("unanswered", {"industry": {"unanswered": False}}, "education", True),
    ("unanswered", {"needs": {"unanswered": True}}, ["alignment"], False),
    ("unanswered", {"headcount": {"unanswered": False}}, 40, True),
    ("unanswered", {"compensation_linked": {"unanswered": True}}, False, False),
]  # fmt: skip


def _case_id(case: tuple[str, dict[str, Any], Any, bool]) -> str:
    op, when, answer, expected = case
    (question,) = when
    return f"{question}.{op}:{answer!r}->{expected}"


@pytest.mark.parametrize(
    ("op", "when", "answer", "expected"), OPERATOR_CASES, ids=map(_case_id, OPERATOR_CASES)
)
def test_operator(kb: KnowledgeBase, op: str, when: dict, answer: Any, expected: bool) -> None:
    condition = parsed(kb, when)
    (question,) = when
    assert isinstance(condition, Leaf)
    assert condition.op == op
    assert evaluate(condition, {question: answer}) is expected
    if op == "unanswered":  # the one operator an unanswered question decides: its operand
        assert evaluate(condition, {}) is condition.value
        assert evaluate(condition, {"stage": "startup"}) is condition.value
        return
    # An unanswered question leaves every other operator unknown, even the negative ones.
    assert evaluate(condition, {}) is None
    assert evaluate(condition, {"stage": "startup"}) is None


def test_every_operator_is_covered() -> None:
    from typing import get_args

    from framework_advisor.domain.condition import OPERATORS, Operator

    assert {op for op, *_ in OPERATOR_CASES} == set(get_args(Operator))
    assert set(OPERATORS) == set(get_args(Operator))  # one table: tested, compiled, worded


# --- shorthands by question type ------------------------------------------------------------

SHORTHANDS: list[tuple[str, Any, str, Any, Any, bool]] = [
    # question, written value, operator it means, operand, an answer, result for that answer
    ("stage", "startup", "eq", "startup", "startup", True),
    ("stage", ["startup", "scaleup"], "in", ["startup", "scaleup"], "scaleup", True),
    ("stage", ["startup", "scaleup"], "in", ["startup", "scaleup"], "growth", False),
    ("needs", "alignment", "has_any", ["alignment"], ["goal_clarity", "alignment"], True),
    ("needs", ["alignment", "product_focus"], "has_any", ["alignment", "product_focus"], ["product_focus"], True),
    ("needs", ["alignment", "product_focus"], "has_any", ["alignment", "product_focus"], ["goal_clarity"], False),
    ("headcount", 50, "eq", 50, 50, True),
    ("headcount", [10, 20], "in", [10, 20], 15, False),
    ("compensation_linked", True, "eq", True, True, True),
    ("compensation_linked", False, "eq", False, True, False),
    ("organisation", "Acme", "eq", "Acme", "Acme", True),
]  # fmt: skip


@pytest.mark.parametrize(
    ("question", "written", "op", "operand", "answer", "expected"),
    SHORTHANDS,
    ids=[f"{q}:{w!r}->{op}" for q, w, op, *_ in SHORTHANDS],
)
def test_shorthand_by_question_type(
    kb: KnowledgeBase,
    question: str,
    written: Any,
    op: str,
    operand: Any,
    answer: Any,
    expected: bool,
) -> None:
    condition = parsed(kb, {question: written})
    assert condition == Leaf(question=question, op=op, value=operand)
    assert evaluate(condition, {question: answer}) is expected


# --- the parser rejects what it does not know, with 'did you mean' --------------------------

REJECTIONS: list[tuple[str, Any, list[str]]] = [
    ("unknown question", {"stge": "startup"}, ["no question 'stge'", "Did you mean 'stage'?"]),
    (
        "misspelt combinator",
        {"any_off": [{"stage": "startup"}]},
        ["no question 'any_off'", "Did you mean 'any_of'?"],
    ),
    (
        "unknown option",
        {"stage": "scalup"},
        ["'scalup' is not an option of question 'stage'", "Did you mean 'scaleup'?"],
    ),
    (
        "unknown option in a list",
        {"needs": {"has_all": ["alignment", "product_focs"]}},
        ["'product_focs' is not an option of question 'needs'", "Did you mean 'product_focus'?"],
    ),
    (
        "unknown operator",
        {"headcount": {"gtee": 5}},
        ["'gtee' does not apply to number question 'headcount'", "Did you mean 'gte'?"],
    ),
    (
        "misspelt list operator",
        {"needs": {"has_al": ["alignment"]}},
        ["'has_al' does not apply to multiple question 'needs'", "Did you mean 'has_all'?"],
    ),
    (
        "operator of another question type",
        {"stage": {"lt": "growth"}},
        ["'lt' does not apply to single question 'stage'"],
    ),
    ("between reversed", {"headcount": {"between": [20, 10]}}, ["'between' takes two numbers"]),
    ("number expected", {"headcount": {"lt": "fifty"}}, ["expected a number"]),
    ("yes/no expected", {"compensation_linked": "yes"}, ["expected true or false"]),
    ("empty list", {"needs": {"has_any": []}}, ["'has_any' takes a non-empty list"]),
    ("unanswered takes a yes/no", {"industry": {"unanswered": "yes"}},
     ["'unanswered' takes true or false, got 'yes'"]),
    ("misspelt unanswered", {"industry": {"unaswered": True}},
     ["'unaswered' does not apply to single question 'industry'", "Did you mean 'unanswered'?"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("when", "fragments"), [(w, f) for _, w, f in REJECTIONS], ids=[n for n, _, _ in REJECTIONS]
)
def test_parser_rejects(kb: KnowledgeBase, when: Any, fragments: list[str]) -> None:
    condition, problems = parse(kb, when)
    assert condition is None
    assert len(problems) == 1, problems
    for fragment in fragments:
        assert fragment in problems[0]
    assert problems[0].startswith("inline.yaml:")  # located by file (and line)


def test_parser_reports_every_problem_at_once(kb: KnowledgeBase) -> None:
    condition, problems = parse(
        kb,
        {"stge": "startup", "industry": "retial", "any_of": [{"headcount": {"gtee": 5}}]},
    )
    assert condition is None
    assert len(problems) == 3
    assert any("Did you mean 'stage'?" in p for p in problems)
    assert any("Did you mean 'retail'?" in p for p in problems)
    assert any("Did you mean 'gte'?" in p for p in problems)


def test_a_pack_with_bad_conditions_fails_to_load_with_located_messages(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    pack = build_tree(
        tmp_path / "pack",
        {
            "pack.yaml": "name: typos\nversion: '1'\nschema_version: 2\n",
            "rules.yaml": (
                "rules:\n"
                "  - id: typo_option\n"
                "    when: {stage: scalup}\n"
                "    effects: [{framework: okr, weight: 3, reason: test}]\n"
                "  - id: typo_question\n"
                "    when:\n"
                "      industy: software\n"
                "    effects: [{framework: okr, weight: 3, reason: test}]\n"
            ),
        },
    )
    with pytest.raises(KnowledgeBaseError) as caught:
        load([str(pack)], use_cache=False)
    messages = caught.value.messages()
    assert len(messages) == 2
    option, question = sorted(messages, key=lambda m: "industy" in m)
    assert "rules.yaml:3:" in option and "rules[0].when.stage" in option
    assert "Did you mean 'scaleup'?" in option
    assert "rules.yaml:7:" in question and "rules[1].when.industy" in question
    assert "Did you mean 'industry'?" in question


# --- stage: given, or derived from headcount ---------------------------------------------------


def _stage_only_rules(kb: KnowledgeBase) -> list:
    """Rules whose condition depends on the stage alone (the stage table's rows)."""
    rules = [rule for rule in kb.rules if set(rule.when.questions()) == {"stage"}]
    assert rules, "the knowledge base has no stage rules to observe"
    return rules


def _fired(kb: KnowledgeBase, answers: dict[str, Any]) -> tuple[str, set[str], list[str]]:
    rec = recommend(kb, answers)
    fired = {reason.rule for item in rec.ranking for reason in item.reasons}
    stage_rules = {rule.id for rule in _stage_only_rules(kb)}
    because = [
        reason.because
        for item in rec.ranking
        for reason in item.reasons
        if reason.rule in stage_rules
    ]
    return rec.profile.get("stage"), fired & stage_rules, because


@pytest.mark.parametrize(
    ("headcount", "stage"),
    [
        (1, "startup"),
        (49, "startup"),
        (50, "scaleup"),
        (249, "scaleup"),
        (250, "growth"),
        (999, "growth"),
        (1000, "enterprise"),
        (10_000_000, "enterprise"),
    ],
    ids=lambda v: str(v),
)
def test_stage_conditions_see_the_stage_derived_from_headcount(
    kb: KnowledgeBase, headcount: int, stage: str
) -> None:
    seen, fired, because = _fired(
        kb, {"headcount": headcount, "function": "company", "needs": ["alignment"]}
    )
    assert seen == stage
    expected = {r.id for r in _stage_only_rules(kb) if r.when.evaluate({"stage": stage}) is True}
    assert expected, f"no stage rule for {stage}"
    assert fired == expected
    assert because and all(f"from a headcount of {headcount:,}" in b for b in because)


@pytest.mark.parametrize(
    ("headcount", "stage"),
    [(5000, "startup"), (12, "enterprise"), (60, "startup"), (49, "scaleup")],
    ids=lambda v: str(v),
)
def test_an_explicit_stage_wins_over_headcount(
    kb: KnowledgeBase, headcount: int, stage: str
) -> None:
    seen, fired, because = _fired(
        kb,
        {"headcount": headcount, "stage": stage, "function": "company", "needs": ["alignment"]},
    )
    assert seen == stage
    assert fired == {
        r.id for r in _stage_only_rules(kb) if r.when.evaluate({"stage": stage}) is True
    }
    assert because and not any("from a headcount" in b for b in because)


def test_stage_given_without_headcount(kb: KnowledgeBase) -> None:
    seen, fired, _ = _fired(kb, {"stage": "growth", "function": "company", "needs": ["alignment"]})
    assert seen == "growth"
    assert fired == {
        r.id for r in _stage_only_rules(kb) if r.when.evaluate({"stage": "growth"}) is True
    }
