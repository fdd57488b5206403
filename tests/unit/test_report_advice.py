"""Issue 14: the report gives only what this organisation needs, and never contradicts
itself. Read through the public surfaces: the report JSON and PDF (exports, CLI) and the
engine's rollout plan, for the samples and for sampled answer sets."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from pypdf import PdfReader

from framework_advisor.domain.examples import metric_key
from framework_advisor.domain.rollout import WEEKS_PER_QUARTER
from framework_advisor.engine.recommend import recommend
from framework_advisor.engine.rollout import FIRST_WEEKS, rollout_plan
from framework_advisor.exports import Documents
from tests.conftest import SAMPLES
from tests.unit.test_properties import KB, PROPERTY, _valid, answer_sets

SAMPLE_NAMES = ["startup", "sales-led", "manufacturer"]
MAX_BODY_PAGES = 8
PROFILES: dict[str, dict[str, Any]] = {
    "sales-led 300": {
        "organisation": "Acme Revenue", "headcount": 300, "function": "sales",
        "industry": "saas", "growth_model": "sales_led", "compensation_linked": True,
        "needs": ["operational_health", "individual_performance"],
        "current_frameworks": ["kpi"], "maturity": "kpis_only", "leadership_time": "medium",
    },
    "startup with no goals": {
        "organisation": "Tiny", "headcount": 12, "function": "company", "maturity": "none",
        "needs": ["goal_clarity", "execution_discipline", "operational_health"],
        "leadership_time": "low",
    },
    "manufacturer, three years": {
        "organisation": "Steelworks", "headcount": 900, "function": "operations",
        "industry": "manufacturing", "planning_horizon": "multi_year",
        "needs": ["long_term_transformation", "operational_health"], "leadership_time": "medium",
    },
    "KPI and SMART in use": {
        "organisation": "Lumen", "headcount": 80, "function": "company",
        "needs": ["individual_performance", "goal_clarity"], "compensation_linked": True,
        "current_frameworks": ["kpi", "smart"], "leadership_time": "medium",
    },
}  # fmt: skip


def _sample(name: str) -> dict[str, Any]:
    return yaml.safe_load((SAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))


def _answer_sets() -> list[dict[str, Any]]:
    return [_sample(name) for name in SAMPLE_NAMES] + list(PROFILES.values())


def _report(answers: dict[str, Any]) -> dict[str, Any]:
    return json.loads(Documents(KB, answers).render("report", "json"))


# Length and page one --------------------------------------------------------------------------


@pytest.fixture(scope="module", params=SAMPLE_NAMES)
def sample_pdf(request: pytest.FixtureRequest) -> tuple[str, list[str]]:
    data = Documents(KB, _sample(request.param)).render("report", "pdf", brand="Acme")
    assert isinstance(data, bytes)
    reader = PdfReader(io.BytesIO(data))
    return request.param, [" ".join(page.extract_text().split()) for page in reader.pages]


@pytest.mark.slow
def test_each_sample_is_at_most_eight_a4_pages_before_its_appendices(
    sample_pdf: tuple[str, list[str]],
) -> None:
    name, pages = sample_pdf
    first_appendix = next(n for n, text in enumerate(pages) if "Appendix A: Full ranking" in text)
    assert first_appendix <= MAX_BODY_PAGES, f"{name}: {first_appendix} pages before Appendix A"
    assert "Appendix A: Full ranking" not in " ".join(pages[:first_appendix])


@pytest.mark.slow
def test_page_one_has_the_advice(sample_pdf: tuple[str, list[str]]) -> None:
    name, pages = sample_pdf
    report = _report(_sample(name))
    one = pages[0]
    overview = report["overview"]
    assert "Summary" in one
    assert " ".join(overview["summary"].split())[:120] in one
    assert "The job it does here" in one
    for row in overview["phases"]:
        assert row["name"] in one and row["job"][:40] in one
    assert re.search(r"Phase one's meetings take about \d+ minutes a month", one)
    assert "leaders can give" in one  # against the budget the samples give
    assert one.count("Phase one's meetings take") == 1  # its cost, stated once
    assert "Phase one takes about" not in one
    assert "The first two weeks" in one and overview["first_weeks"]
    for step in overview["first_weeks"]:
        assert step["step"][:40] in one
    assert "Recommended mix" not in one  # the rest of the report starts on page two


# The rollout follows the phases ---------------------------------------------------------------


def _check_plan(answers: dict[str, Any]) -> None:
    rec = recommend(KB, answers, sensitivity=False)
    plan = rollout_plan(KB, rec)
    if not plan.phases:
        return
    first, *later = plan.phases
    starts = {fid: min(s.week for s in first.steps if s.framework == fid) for fid in first.frameworks
              if KB.frameworks[fid].rollout}  # fmt: skip
    planned = {start.framework: start.week for start in rec.phases[0].starts}
    # each starts in its first two weeks: week 1, or its staggered start (issue 22)
    assert all(week <= planned.get(fid, 1) + FIRST_WEEKS - 1 for fid, week in starts.items()), (
        starts
    )
    assert min(starts.values(), default=1) <= FIRST_WEEKS
    for phase in later:
        assert phase.first_week > WEEKS_PER_QUARTER
        assert all(step.week > FIRST_WEEKS for step in phase.steps)
        assert all(step.week >= phase.first_week for step in phase.steps)
        assert phase.signal and phase.signal != "Start now."
    assert {s.framework for s in plan.first_weeks} <= set(first.frameworks)
    if plan.budget is not None and first.within_budget is False:
        # Only when nothing serving a stated need fits the budget (the mix's own rule).
        assert "more than the" in rec.summary


@pytest.mark.parametrize("answers", _answer_sets(), ids=[*SAMPLE_NAMES, *PROFILES])
def test_phase_one_starts_in_weeks_one_and_two_and_the_rest_waits(
    answers: dict[str, Any],
) -> None:
    _check_plan(_valid(answers))


@pytest.mark.parametrize("answers", _answer_sets(), ids=[*SAMPLE_NAMES, *PROFILES])
def test_phase_one_meets_within_the_leaders_time(answers: dict[str, Any]) -> None:
    rec = recommend(KB, _valid(answers), sensitivity=False)
    plan = rollout_plan(KB, rec)
    assert plan.budget is not None
    assert plan.phases[0].meeting_minutes_per_month <= plan.budget
    assert plan.phases[0].within_budget is True


@PROPERTY
@given(raw=answer_sets())
def test_every_plan_follows_its_phases(raw: dict[str, Any]) -> None:
    _check_plan(_valid(raw))


# Only what this organisation needs ------------------------------------------------------------


def _mix(report: dict[str, Any]) -> list[str]:
    return [layer["framework"] for layer in report["mix"]]


def _body_text(report: dict[str, Any]) -> str:
    keys = ("overview", "mix", "later", "retire", "cautions", "comparison", "pitfalls",
            "rollout", "examples", "changes")  # fmt: skip
    texts: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in ("framework", "question", "layer"):
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for key in keys:
        walk(report.get(key))
    return " ".join(" ".join(t.split()) for t in texts)


@pytest.mark.parametrize("answers", _answer_sets(), ids=[*SAMPLE_NAMES, *PROFILES])
def test_pitfalls_glossary_and_examples_are_only_this_organisations(
    answers: dict[str, Any],
) -> None:
    report = _report(answers)
    mix = _mix(report)
    assert [group["framework"] for group in report["pitfalls"]] == mix
    body = _body_text(report).lower()
    assert len(report["glossary"]) < len(KB.glossary)
    for term in report["glossary"]:
        main = term["term"].split(" (")[0].lower()
        forms = [main, *re.findall(r"\(([A-Z]{2,})\)", term["term"])]
        if " and " in main:  # "Lead and lag measures": "lead measures", "lag measures"
            first, _, rest = main.partition(" and ")
            forms.append(f"{first} {rest.split(' ', 1)[1]}")
        assert any(form.lower() in body for form in forms), term["term"]
    examples = report["examples"]
    if examples["okrs"]:  # shown where a framework of the plan, or its template, draws on them
        from framework_advisor.render.report.data.examples import drawn_roles

        planned = {f for phase in report["phases"] for f in phase["frameworks"]}
        assert any("okr_objective" in drawn_roles(KB, fid) for fid in planned | set(mix))
    metrics = [metric_key(kpi["name"]) for kpi in examples["kpis"]]
    assert len(metrics) == len(set(metrics)), metrics


def test_example_okrs_only_for_a_mix_that_sets_okrs() -> None:
    report = _report(_sample("manufacturer"))  # Hoshin Kanri, KPI and MBO: no OKRs
    assert not {"okr", "okr_kpi_hybrid"} & set(_mix(report))
    assert report["examples"]["okrs"] == []
    assert report["examples"]["kpis"]  # KPIs are in the mix: their examples stay


def test_one_metric_is_shown_once_with_one_target() -> None:
    answers = {**_sample("startup"), "function": "product", "needs": ["operational_health"]}
    keys = ("function:product", f"industry:{answers.get('industry')}")
    sets = [KB.examples[key] for key in keys if key in KB.examples]
    names = [kpi.metric for example in sets for kpi in example.kpis]
    assert len(names) > len(set(names))  # the library repeats a metric across sets ...
    kpis = Documents(KB, answers).examples.kpis
    assert len({k.metric for k in kpis}) == len(kpis)
    shown = [metric_key(k["name"]) for k in _report(answers)["examples"]["kpis"]]
    assert len(shown) == len(set(shown))  # ... the report shows it once


# No contradictions ----------------------------------------------------------------------------


def _check_consistent(report: dict[str, Any]) -> None:
    retired = {item["id"] for item in report["retire"]}
    advised = {f for phase in report["phases"] for f in phase["frameworks"]}
    assert not retired & advised, retired & advised
    assert not retired & {row["framework"] for row in report["overview"]["phases"]}
    assert not retired & {row["framework"] for row in report["comparison"]}  # no "top pick"
    planned = {s["framework"] for p in report["rollout"]["phases"] for s in p["steps"]}
    assert planned <= advised


@pytest.mark.parametrize("answers", _answer_sets(), ids=[*SAMPLE_NAMES, *PROFILES])
def test_no_framework_is_both_recommended_and_retired(answers: dict[str, Any]) -> None:
    _check_consistent(_report(answers))


@PROPERTY
@given(raw=answer_sets())
def test_no_sampled_report_recommends_and_retires_one_framework(raw: dict[str, Any]) -> None:
    rec = recommend(KB, _valid(raw), sensitivity=False)
    retired = {item.id for item in rec.retire}
    assert not retired & {f for phase in rec.phases for f in phase.frameworks}


@pytest.mark.slow
def test_the_pdf_body_fits_for_the_profiles_too(tmp_path: Path) -> None:
    for answers in PROFILES.values():
        data = Documents(KB, answers).render("report", "pdf")
        assert isinstance(data, bytes)
        pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
        body = next(n for n, text in enumerate(pages) if "Appendix A: Full ranking" in text)
        assert body <= MAX_BODY_PAGES


def test_kpis_beside_smart_are_not_kpis_alone() -> None:
    report = _report(PROFILES["KPI and SMART in use"])
    assert not [c for c in report["cautions"] if "KPIs alone" in c["text"]]


def test_a_retired_aid_agrees_with_the_pitfalls_that_use_it() -> None:
    answers = {
        "organisation": "Orbit", "headcount": 400, "function": "company",
        "needs": ["role_clarity", "individual_performance"], "compensation_linked": False,
        "current_frameworks": ["smart", "mbo", "4dx"], "leadership_time": "high",
    }  # fmt: skip
    report = _report(answers)
    assert "mbo" in _mix(report)
    mbo_advice = " ".join(
        row["avoid"] for g in report["pitfalls"] if g["framework"] == "mbo" for row in g["pitfalls"]
    )
    smart = [item for item in report["retire"] if item["id"] == "smart"]
    if smart:  # MBO's advice never sends the reader to a framework the report retires ...
        assert "SMART" not in mbo_advice
        assert "inside MBO" in smart[0]["why"]  # ... and says where SMART's criteria live on


def test_examples_written_for_another_growth_model_are_left_out(run_cli, tmp_path: Path) -> None:
    """Self-serve sign-up is a product-led company's objective, never a sales-led one's."""
    base = {"organisation": "Acme", "headcount": 120, "function": "company",
            "industry": "saas", "needs": ["strategic_change"], "leadership_time": "high"}  # fmt: skip
    self_serve = "Make self-serve sign-up our strongest growth channel"
    tagged = [okr for okr in KB.examples["industry:saas"].okrs if okr.objective == self_serve]
    assert tagged and tagged[0].when is not None
    assert tagged[0].when.evaluate({"growth_model": "product_led"}) is True
    assert tagged[0].when.evaluate({"growth_model": "sales_led"}) is False
    objectives = {}
    for model in ("sales_led", "product_led"):
        answers = tmp_path / f"{model}.yaml"
        answers.write_text(yaml.safe_dump({**base, "growth_model": model}), encoding="utf-8")
        result = run_cli("report", "-a", answers, "-f", "json")
        assert result.exit_code == 0, result.stderr
        report = json.loads(result.stdout)
        assert "okr" in _mix(report)
        objectives[model] = [okr["objective"] for okr in report["examples"]["okrs"]]
    assert self_serve in objectives["product_led"]
    assert self_serve not in objectives["sales_led"] and objectives["sales_led"]


def test_a_growth_model_that_is_no_option_is_a_located_problem(run_cli, tmp_path: Path) -> None:
    from tests.conftest import build_tree

    core = (Path(__file__).parents[2] / "knowledge/examples/industries/saas.yaml").read_text()
    pack = build_tree(
        tmp_path / "pack",
        {
            "pack.yaml": 'name: growth\nversion: "1.0"\nschema_version: 2\n',
            "examples/industries/saas.yaml": core.replace(
                "    when: {growth_model: product_led}\n",
                "    when: {growth_model: prodct_led}\n",
                1,
            ),
        },
    )
    result = run_cli("validate", "--kb", pack)
    assert result.exit_code != 0
    assert "saas.yaml" in result.stderr and "'prodct_led'" in result.stderr
    assert "product_led" in result.stderr  # did you mean


@PROPERTY
@given(raw=answer_sets())
def test_every_sampled_report_keeps_to_its_mix(raw: dict[str, Any]) -> None:
    from framework_advisor.render.report.data.examples import drawn_roles

    report = _report(_valid(raw))
    _check_consistent(report)
    mix = _mix(report)
    assert [group["framework"] for group in report["pitfalls"]] == (
        mix or [report["ranking"][0]["id"]]
    )
    if report["examples"]["okrs"]:  # shown only where a framework of the mix draws on them
        planned = {f for phase in report["phases"] for f in phase["frameworks"]} | set(mix)
        assert any("okr_objective" in drawn_roles(KB, fid) for fid in planned)
    metrics = [metric_key(kpi["name"]) for kpi in report["examples"]["kpis"]]
    assert len(metrics) == len(set(metrics))
    assert {row["framework"] for row in report["overview"]["phases"]} == {
        f for phase in report["phases"] for f in phase["frameworks"]
    }


@pytest.mark.parametrize("fmt", ["md", "html", "json", "pdf", "docx"])
def test_a_report_with_nothing_to_recommend_says_so_in_every_format(fmt: str) -> None:
    import msgspec

    from framework_advisor.engine.examples import select_examples
    from framework_advisor.engine.rollout import report_facts
    from framework_advisor.render.formats import render

    answers = _valid(_sample("startup"))
    rec = msgspec.structs.replace(
        recommend(KB, answers), mix=[], phases=[], cadence=[], meeting_minutes_per_month=0
    )
    out = render(
        "report",
        fmt,
        rec,
        kb=KB,
        answers=answers,
        facts=report_facts(KB, rec),
        examples=select_examples(KB, answers),
    )
    if fmt == "md":
        assert isinstance(out, str)
        assert "Nothing to roll out yet" in out and "Meeting cadence" not in out


def test_no_pitfall_relies_on_a_framework_the_report_retires() -> None:
    answers = {"organisation": "Prism", "headcount": 400, "function": "company",
               "needs": ["product_focus"], "leadership_time": "low"}  # fmt: skip
    relying = next(p for p in KB.frameworks["north_star"].pitfalls if "kpi" in p.uses)
    kept = _report({**answers, "current_frameworks": []})
    # a working framework in use stays (the in-use policy): KPIs the client says are not working go
    retired = _report({**answers, "current_frameworks": ["kpi"], "frameworks_not_working": ["kpi"]})
    for report in (kept, retired):
        assert "north_star" in _mix(report)

    def north_star_pitfalls(report: dict[str, Any]) -> list[str]:
        group = next(g for g in report["pitfalls"] if g["framework"] == "north_star")
        return [row["pitfall"] for row in group["pitfalls"]]

    assert relying.pitfall in north_star_pitfalls(kept)
    assert "kpi" in {item["id"] for item in retired["retire"]}
    assert relying.pitfall not in north_star_pitfalls(retired)


def test_a_pitfall_that_uses_no_framework_is_a_located_problem(run_cli, tmp_path: Path) -> None:
    from tests.conftest import build_tree

    core = (Path(__file__).parents[2] / "knowledge/frameworks/north_star.yaml").read_text()
    pack = build_tree(
        tmp_path / "pack",
        {
            "pack.yaml": 'name: p\nversion: "1.0"\nschema_version: 2\n',
            "frameworks/north_star.yaml": core.replace("uses: [kpi]", "uses: [kpis]"),
        },
    )
    result = run_cli("validate", "--kb", pack)
    assert result.exit_code != 0
    assert "north_star.yaml" in result.stderr and "no framework 'kpis'" in result.stderr
