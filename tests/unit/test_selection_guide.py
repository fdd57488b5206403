"""The seeds' selection guide as a case table: each row must come out near the top.

The guide (seed "Framework Selection Guide") has three parts, each encoded here:

* By company stage: Startup / Scale-up / Growth / Enterprise -> recommended frameworks.
* By function: Sales, Marketing, Product, RevOps, Customer Success, Engineering, Leadership.
* "When to Use What": one need -> one named framework.

How a case is built, so that it tests the row and nothing else ("neutral" answers):

* Only the answers under test, plus the required ones; every optional question stays
  unanswered, so no other rule fires.
* ``needs`` is required. Where needs are not under test the case answers
  ``org_diagnosis``: its only rule raises McKinsey 7S, which appears in no row of the guide
  (it still takes a place in the ranking, which the "+2" slack below allows for).
* ``function`` is required. Where it is not under test the case answers ``company``.
* A stage row and a function row pass when every listed framework ranks within the top
  ``len(row) + 2``: the two extra places are for the frameworks the knowledge base puts in
  every mix (KPI has the highest base fit by design, see rules.yaml) and the filler need.
* Function rows are asked for a scale-up (``stage: scaleup``), the middle of the guide's
  range where functions are separate teams. Leadership is the exception, asked for an
  enterprise: the scale-up rule marks Hoshin Kanri down (the stage table does not list it
  for scale-ups) and the growth row's own frameworks fill the top there, so the two tables
  only agree for an enterprise (both list the Balanced Scorecard and Hoshin Kanri).
* A "When to Use What" line is asked at every stage whose stage rule gives the named
  framework no weight at all (neither boost nor penalty), so the need alone must lift it.
  Each case re-checks that precondition against the knowledge base before asserting. The
  line passes when the named framework (for "V2MOM or 4DX": either of them) ranks in the
  top 2 (OKR, KPI, MBO: single-purpose frameworks) or top 3 (the others). For "alignment"
  alone other seed lines also name OKRs ("focus, alignment") and the Balanced Scorecard
  ("aligning diverse business functions"), so those two may rank above without counting.
* Balanced Scorecard ("when aligning diverse business functions") is asked as the brief
  states it: needs ``alignment`` with function ``leadership`` or ``company`` at growth or
  enterprise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from framework_advisor import recommend
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.recommendation import Recommendation

FILLER_NEED = "org_diagnosis"
FUNCTION_ROW_STAGE = "scaleup"


def _recommend(kb: KnowledgeBase, answers: dict[str, Any]) -> Recommendation:
    """Through the public API: answers are validated first, so every case is a valid set."""
    return recommend(kb, answers)


def _table(rec: Recommendation, upto: int) -> str:
    return ", ".join(f"#{r.rank} {r.id} ({r.fit})" for r in rec.ranking[:upto])


# --- By company stage ----------------------------------------------------------------------

STAGE_ROWS: dict[str, tuple[str, ...]] = {
    "startup": ("north_star", "okr", "smart"),
    "scaleup": ("okr", "4dx", "v2mom", "eos"),
    "growth": ("bsc", "okr_kpi_hybrid", "mbo"),
    "enterprise": ("bsc", "hoshin_kanri", "okr", "kpi"),
}


@pytest.mark.parametrize(
    ("stage", "expected"),
    [
        pytest.param(
            stage,
            expected,
            id=f"stage={stage},function=company,needs={FILLER_NEED}"
            f"->{'+'.join(expected)}_in_top{len(expected) + 2}",
        )
        for stage, expected in STAGE_ROWS.items()
    ],
)
def test_stage_row(kb: KnowledgeBase, stage: str, expected: tuple[str, ...]) -> None:
    rec = _recommend(kb, {"stage": stage, "function": "company", "needs": [FILLER_NEED]})
    top = len(expected) + 2
    missing = {fid: rec.rank_of(fid) for fid in expected if rec.rank_of(fid) > top}
    assert not missing, (
        f"stage table row {stage!r}: {missing} rank below #{top}; top: {_table(rec, top + 2)}"
    )


def test_stage_rows_also_hold_when_the_stage_comes_from_headcount(kb: KnowledgeBase) -> None:
    """The same rows, with the stage derived from a headcount inside each band: every stage
    rule fires as if the stage were given (rules on the headcount itself may add to it)."""
    for headcount, stage in (
        (12, "startup"),
        (120, "scaleup"),
        (400, "growth"),
        (5000, "enterprise"),
    ):
        rec = _recommend(
            kb, {"headcount": headcount, "function": "company", "needs": [FILLER_NEED]}
        )
        assert rec.profile["stage"] == stage
        expected = STAGE_ROWS[stage]
        top = len(expected) + 2
        missing = {fid: rec.rank_of(fid) for fid in expected if rec.rank_of(fid) > top}
        assert not missing, f"headcount {headcount}: {missing} below #{top}; {_table(rec, top + 2)}"
        fired = {r.rule for item in rec.ranking for r in item.reasons}
        assert f"stage_{stage}" in fired


# --- By function -----------------------------------------------------------------------------

FUNCTION_ROWS: list[tuple[str, str, tuple[str, ...]]] = [
    ("sales", FUNCTION_ROW_STAGE, ("mbo", "kpi", "okr", "4dx")),
    ("marketing", FUNCTION_ROW_STAGE, ("okr", "kpi", "smart", "north_star")),
    ("product", FUNCTION_ROW_STAGE, ("okr", "north_star", "smart")),
    ("revops", FUNCTION_ROW_STAGE, ("okr", "kpi", "bsc")),
    ("customer_success", FUNCTION_ROW_STAGE, ("kpi", "okr", "mbo")),
    ("engineering", FUNCTION_ROW_STAGE, ("okr", "smart", "kpi")),
    ("leadership", "enterprise", ("v2mom", "bsc", "hoshin_kanri")),
]


@pytest.mark.parametrize(
    ("function", "stage", "expected"),
    [
        pytest.param(
            function,
            stage,
            expected,
            id=f"function={function},stage={stage},needs={FILLER_NEED}"
            f"->{'+'.join(expected)}_in_top{len(expected) + 2}",
        )
        for function, stage, expected in FUNCTION_ROWS
    ],
)
def test_function_row(
    kb: KnowledgeBase, function: str, stage: str, expected: tuple[str, ...]
) -> None:
    rec = _recommend(kb, {"stage": stage, "function": function, "needs": [FILLER_NEED]})
    top = len(expected) + 2
    missing = {fid: rec.rank_of(fid) for fid in expected if rec.rank_of(fid) > top}
    assert not missing, (
        f"function table row {function!r} ({stage}): {missing} rank below #{top}; "
        f"top: {_table(rec, top + 2)}"
    )


def test_function_rows_cover_the_guide(kb: KnowledgeBase) -> None:
    """Every function of the guide has a row, and each is an option of the questionnaire."""
    options = {o.value for o in kb.question_map["function"].options}
    rows = {function for function, _, _ in FUNCTION_ROWS}
    assert rows == {
        "sales", "marketing", "product", "revops", "customer_success", "engineering", "leadership"
    }  # fmt: skip
    assert rows <= options


# --- When to Use What ----------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One "When to Use What" line."""

    says: str
    named: tuple[str, ...]  # the framework(s) the line names; any of them may satisfy it
    answers: dict[str, Any]
    top: int
    stages: tuple[str, ...]  # the stages whose stage rule gives ``named`` no weight at all
    also_named: tuple[str, ...] = ()
    """Frameworks other seed lines name for the same need: they may rank above without
    counting against ``top`` (the guide itself says they also serve the need)."""


WHEN_TO_USE: list[Line] = [
    Line(
        "OKRs: when you need focus, alignment, and stretch goals",
        ("okr",),
        {"needs": ["strategic_change"]},
        2,
        ("growth",),
    ),
    Line(
        "KPIs: when you need to track operational performance",
        ("kpi",),
        {"needs": ["operational_health"]},
        2,
        ("startup", "scaleup", "growth"),
    ),
    Line(
        "MBOs: when managing individual performance (esp. tied to compensation)",
        ("mbo",),
        {"needs": ["individual_performance"], "compensation_linked": True},
        2,
        ("scaleup", "enterprise"),
    ),
    Line(
        "SMART Goals: when needing clarity and discipline in goal-setting",
        ("smart",),
        {"needs": ["goal_clarity"]},
        3,
        ("scaleup", "growth", "enterprise"),
    ),
    Line(
        "V2MOM or 4DX: when execution discipline is weak",
        ("4dx", "v2mom"),
        {"needs": ["execution_discipline"]},
        3,
        ("startup", "growth", "enterprise"),
    ),
    Line(
        "V2MOM or 4DX: when alignment is weak",
        ("4dx", "v2mom"),
        {"needs": ["alignment"]},
        3,
        ("startup", "growth", "enterprise"),
        # "OKRs: focus, alignment ..." and "Balanced Scorecard: aligning diverse functions".
        also_named=("okr", "bsc"),
    ),
    Line(
        "V2MOM or 4DX: when execution discipline and alignment are weak",
        ("4dx", "v2mom"),
        {"needs": ["execution_discipline", "alignment"]},
        3,
        ("startup", "growth", "enterprise"),
    ),
    Line(
        "North Star Metric: when you need product focus or growth clarity",
        ("north_star",),
        {"needs": ["product_focus"]},
        3,
        ("scaleup", "growth"),
    ),
    Line(
        "Hoshin Kanri: when driving long-term transformation with continuous improvement",
        ("hoshin_kanri",),
        {"needs": ["long_term_transformation"]},
        3,
        ("growth",),
    ),
]


def _answers_id(extra: dict[str, Any]) -> str:
    parts = []
    for key, value in extra.items():
        shown = "+".join(value) if isinstance(value, list) else str(value).lower()
        parts.append(f"{key}={shown}")
    return ",".join(parts)


def _line_id(line: Line, stage: str) -> str:
    aside = f"_not_counting_{'+'.join(line.also_named)}" if line.also_named else ""
    return (
        f"{_answers_id(line.answers)},stage={stage},function=company"
        f"->{'|'.join(line.named)}_in_top{line.top}{aside}"
    )


WHEN_TO_USE_CASES = [
    pytest.param(line, stage, id=_line_id(line, stage))
    for line in WHEN_TO_USE
    for stage in line.stages
]


def _stage_rule_ids(kb: KnowledgeBase) -> set[str]:
    return {rule.id for rule in kb.rules if "stage" in rule.when.questions()}


@pytest.mark.parametrize(("line", "stage"), WHEN_TO_USE_CASES)
def test_when_to_use_what(kb: KnowledgeBase, line: Line, stage: str) -> None:
    rec = _recommend(kb, {"stage": stage, "function": "company", **line.answers})
    ranked = {r.id: r for r in rec.ranking}
    # Precondition: the stage is neutral for the named frameworks (no stage rule weighs on them).
    stage_rules = _stage_rule_ids(kb)
    for fid in line.named:
        touched = [reason.rule for reason in ranked[fid].reasons if reason.rule in stage_rules]
        assert not touched, f"stage {stage} is not neutral for {fid}: {touched}"
    best = min(rec.rank_of(fid) for fid in line.named)
    above = [r.id for r in rec.ranking[: best - 1] if r.id not in line.also_named]
    assert len(above) < line.top, (
        f"seed line '{line.says}': at stage {stage} "
        + " / ".join(f"{f} is #{ranked[f].rank} (fit {ranked[f].fit})" for f in line.named)
        + f"; {len(above)} frameworks the line does not allow for rank above it ({above}),"
        f" expected fewer than {line.top}; top: {_table(rec, best)}"
    )


def test_every_named_need_and_framework_exists(kb: KnowledgeBase) -> None:
    """The table speaks the questionnaire's language: a typo would make a case vacuous."""
    needs = {o.value for o in kb.question_map["needs"].options}
    for line in WHEN_TO_USE:
        assert set(line.named) | set(line.also_named) <= set(kb.frameworks)
        assert set(line.answers["needs"]) <= needs
        assert set(line.stages) <= {o.value for o in kb.question_map["stage"].options}
    for expected in STAGE_ROWS.values():
        assert set(expected) <= set(kb.frameworks)
    for _, _, expected in FUNCTION_ROWS:
        assert set(expected) <= set(kb.frameworks)


@pytest.mark.parametrize(
    ("stage", "function"),
    [
        pytest.param(
            stage, function, id=f"needs=alignment,stage={stage},function={function}->bsc_in_top3"
        )
        for stage in ("growth", "enterprise")
        for function in ("leadership", "company")
    ],
)
def test_balanced_scorecard_aligns_diverse_functions(
    kb: KnowledgeBase, stage: str, function: str
) -> None:
    """Seed: "Balanced Scorecard: when aligning diverse business functions to strategy"."""
    rec = _recommend(kb, {"stage": stage, "function": function, "needs": ["alignment"]})
    assert rec.rank_of("bsc") <= 3, f"bsc is #{rec.rank_of('bsc')}; top: {_table(rec, 5)}"


def test_the_need_is_what_lifts_the_named_framework(kb: KnowledgeBase) -> None:
    """Guard against a vacuous table: the need itself raises the named framework's fit."""
    for line in WHEN_TO_USE:
        named = line.named
        for stage in line.stages:
            with_need = _recommend(kb, {"stage": stage, "function": "company", **line.answers})
            without = _recommend(
                kb, {"stage": stage, "function": "company", "needs": [FILLER_NEED]}
            )
            fits_with = {r.id: r.fit for r in with_need.ranking}
            fits_without = {r.id: r.fit for r in without.ranking}
            assert max(fits_with[f] for f in named) > max(fits_without[f] for f in named), (
                line.says,
                stage,
            )
            assert min(with_need.rank_of(f) for f in named) <= min(
                without.rank_of(f) for f in named
            ), (line.says, stage)
