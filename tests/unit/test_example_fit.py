"""Examples that fit the client (issue 24): nothing written for another industry or growth model
in the report or any starter template, across sampled industries, functions and growth models;
the templates carry the report's own examples; the library says when it has nothing for the
client's industry."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from framework_advisor.domain.contract import FIXED_QUESTIONS
from framework_advisor.domain.examples import (
    Example,
    ExampleKPI,
    ExampleOKR,
    ExampleSet,
    InputMetric,
    LeadMeasure,
    MboObjective,
    NorthStar,
    ScorecardObjective,
    Wig,
)
from framework_advisor.engine.examples import fits
from framework_advisor.engine.flow import profile
from framework_advisor.exports import Documents
from tests.conftest import knowledge

KB = knowledge()
FUNCTIONS = FIXED_QUESTIONS["function"][1]
INDUSTRIES = [None, *(o.value for o in KB.question("industry").options)]  # type: ignore[union-attr]
MODELS = [None, *(o.value for o in KB.question("growth_model").options)]  # type: ignore[union-attr]
NEEDS = (["operational_health", "alignment"], ["execution_discipline"], ["individual_performance"],
         ["strategy_translation"], ["product_focus"], ["goal_clarity"])  # fmt: skip


def _profiles() -> list[dict[str, Any]]:
    """Every industry (and none), each with two functions and a growth model in turn, and needs
    that bring different frameworks (OKRs, KPIs, 4DX, MBO, the scorecard, the North Star)."""
    out = []
    for n, industry in enumerate(INDUSTRIES):
        for k, function in enumerate(("company", FUNCTIONS[(n * 3 + 1) % len(FUNCTIONS)])):
            answers: dict[str, Any] = {
                "organisation": "Client",
                "headcount": (40, 120, 600, 2500)[(n + k) % 4],
                "function": function,
                "needs": NEEDS[(n + 2 * k) % len(NEEDS)],
                "compensation_linked": (n + k) % 3 == 0,
            }
            if industry is not None:
                answers["industry"] = industry
            model = MODELS[(n + k) % len(MODELS)]
            if model is not None:
                answers["growth_model"] = model
            out.append(answers)
    return out


SETTINGS = [o.value for o in KB.question("education_setting").options]  # type: ignore[union-attr]


def _education_profiles() -> list[dict[str, Any]]:
    """A school, a college, a university and another setting, with needs that bring the
    templates with the most role examples."""
    return [
        {"organisation": "Client", "headcount": (60, 300, 2500)[n % 3], "function": "company",
         "industry": "education", "education_setting": setting, "needs": NEEDS[n % len(NEEDS)]}
        for n, setting in enumerate(SETTINGS)
    ]  # fmt: skip


PROFILES = _profiles() + _education_profiles()


def _texts(entry: Example) -> str:
    """The words that name an example wherever it is shown."""
    if isinstance(entry, ExampleOKR):
        return entry.objective
    if isinstance(entry, ExampleKPI):
        return entry.name
    if isinstance(entry, Wig):
        return entry.goal
    if isinstance(entry, ScorecardObjective | MboObjective):
        return entry.objective
    if isinstance(entry, LeadMeasure | NorthStar | InputMetric):
        return entry.name
    fields = ("name", "rock", "measurable", "method", "measure", "goal", "activity", "objective")
    return next(str(getattr(entry, f)) for f in fields if isinstance(getattr(entry, f, None), str))


def _library() -> dict[str, list[tuple[ExampleSet, Example]]]:
    index: dict[str, list[tuple[ExampleSet, Example]]] = {}
    for example in KB.examples.values():
        for entry in [*example.okrs, *example.kpis, *example.roles]:
            index.setdefault(_texts(entry), []).append((example, entry))
    return index


LIBRARY = _library()


def _shown_in_report(examples: dict[str, Any]) -> Iterator[str]:
    yield from (okr["objective"] for okr in examples["okrs"])
    yield from (kpi["name"] for kpi in examples["kpis"])
    for group in examples.get("roles", []):
        for item in group["items"]:
            for text in (item["lead"], *item["lines"]):
                for name in LIBRARY:
                    if (
                        text == name
                        or text.endswith(f": {name}")
                        or text.startswith(f"{name}: from ")
                        or text.startswith(f"Lead measure: {name}, ")
                    ):
                        yield name


def _cells(files: list[Any]) -> Iterator[str]:
    for file in files:
        for row in csv.reader(io.StringIO(file.data.decode("utf-8-sig"))):
            yield from (cell.strip() for cell in row if cell.strip())


def _misfits(names: set[str], view: dict[str, Any]) -> list[str]:
    """Names of library examples shown although no example of that name fits the profile."""
    return sorted(
        name
        for name in names
        if name in LIBRARY and not any(fits(s, e, view) for s, e in LIBRARY[name])
    )


@pytest.mark.parametrize(
    "answers",
    PROFILES,
    ids=lambda a: "-".join(str(a.get(k)) for k in ("function", "industry", "education_setting")),
)
def test_nothing_written_for_another_industry_or_growth_model_is_shown(
    answers: dict[str, Any],
) -> None:
    docs = Documents(KB, answers, sensitivity=False)
    view = profile(KB, answers)
    report = json.loads(docs.render("report", "json"))
    shown = set(_shown_in_report(report["examples"]))
    assert not _misfits(shown, view), f"report for {answers}"
    templates = docs.mix_templates().templates or list(KB.templates)
    prefilled = set(_cells(docs.templates(templates, "csv")))
    assert not _misfits(prefilled, view), f"templates for {answers}"
    # The templates carry the report's own examples: every example they are prefilled with is
    # in the report.
    carried = {name for name in prefilled if name in LIBRARY}
    assert carried <= shown, sorted(carried - shown)


def test_the_hospital_gets_no_sales_pipeline_revenue_or_churn(run_cli, tmp_path) -> None:
    """The hospital group of the issue: its report led with pipeline coverage, churn and
    revenue growth, and its scorecard with 'Be the supplier customers recommend'."""
    import yaml

    answers = tmp_path / "hospital.yaml"
    answers.write_text(
        yaml.safe_dump(
            {
                "organisation": "St Anne's",
                "headcount": 2500,
                "function": "company",
                "industry": "healthcare",
                "needs": ["strategy_translation", "operational_health"],
                "current_frameworks": ["kpi"],
                "planning_horizon": "multi_year",
            }
        ),
        encoding="utf-8",
    )
    result = run_cli("report", "-a", answers, "-f", "md")
    assert result.exit_code == 0, result.stderr
    text = result.stdout.split("## Examples to start from")[1].split("\n## ")[0]
    for foreign in ("pipeline", "churn", "Year-on-year revenue", "supplier", "Orders or projects"):
        assert foreign not in text, foreign
    assert "Hand hygiene compliance" in text  # the healthcare library's own content stays
    out = tmp_path / "templates"
    result = run_cli("templates", "bsc", "kpi", "--answers", answers, "--out", out, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    cells = " ".join(p.read_text(encoding="utf-8-sig") for p in out.glob("*.csv"))
    for foreign in ("pipeline", "churn", "supplier customers recommend", "Orders or projects"):
        assert foreign not in cells, foreign


def test_an_industry_without_examples_is_named_and_gets_only_what_fits_every_industry() -> None:
    [unwritten] = [i for i in INDUSTRIES if i and f"industry:{i}" not in KB.examples]
    answers = {"headcount": 300, "function": "company", "industry": unwritten,
               "needs": ["operational_health"]}  # fmt: skip
    docs = Documents(KB, answers, sensitivity=False)
    assert docs.examples.missing_industry == unwritten
    report = json.loads(docs.render("report", "json"))
    label = KB.question("industry").label_of(unwritten)  # type: ignore[union-attr]
    assert f"no examples written for {label}" in report["examples"]["note"]
    view = profile(KB, answers)
    for kpi in docs.examples.kpis:
        assert not any("industry" in s.when.questions() for s, e in LIBRARY[kpi.name] if s.when)
        assert any(fits(s, e, view) for s, e in LIBRARY[kpi.name])


def test_growth_model_content_waits_for_the_answer() -> None:
    """Written for product-led growth: never shown to a sales-led company, nor to one that has
    not said what drives its growth."""
    written = [
        (s, e)
        for s in KB.examples.values()
        for e in [*s.okrs, *s.kpis, *s.roles]
        if e.when is not None and "growth_model" in e.when.questions()
    ]
    assert written
    for example, entry in written:
        industry = example.area if example.kind == "industry" else "saas"
        assert not fits(example, entry, {"function": "company", "industry": industry})


def _rate(target: str, period: str) -> float | None:
    import re

    match = re.fullmatch(rf"≥ (\d+(?:\.\d+)?)%(?: {period})?", target)
    return float(match[1]) / 100 if match else None


@pytest.mark.parametrize(
    "answers",
    PROFILES,
    ids=lambda a: "-".join(str(a.get(k)) for k in ("function", "industry", "education_setting")),
)
def test_a_monthly_and_an_annual_growth_target_agree(answers: dict[str, Any]) -> None:
    """Monthly recurring revenue +3% a month beside revenue +20% a year was two companies:
    compounded, the monthly target is the annual one (within 3 points)."""
    kpis = Documents(KB, answers, sensitivity=False).examples.kpis
    monthly = [
        _rate(k.target, "a month")
        for k in kpis
        if "growth" in k.name.lower() and k.target.endswith("a month")
    ]
    annual = [_rate(k.target, "") for k in kpis if "year-on-year" in k.name.lower()]
    for month in (m for m in monthly if m):
        for year in (y for y in annual if y):
            assert abs((1 + month) ** 12 - 1 - year) <= 0.03, (month, year)


def test_the_saas_library_s_growth_targets_agree() -> None:
    """The sampled profiles may miss the pair: the sales-led SaaS company of the issue has both."""
    answers = {"function": "company", "industry": "saas", "growth_model": "sales_led"}
    kpis = {k.name: k.target for k in Documents(KB, answers, sensitivity=False).examples.kpis}
    month, year = (
        _rate(kpis["MRR growth rate"], "a month"),
        _rate(kpis["Year-on-year revenue growth"], ""),
    )
    assert month and year and abs((1 + month) ** 12 - 1 - year) <= 0.03


@pytest.mark.parametrize(
    "answers",
    PROFILES,
    ids=lambda a: "-".join(str(a.get(k)) for k in ("function", "industry", "education_setting")),
)
def test_a_wig_is_not_a_key_result_s_number_and_says_what_it_delivers(
    answers: dict[str, Any],
) -> None:
    """One number, one owner: the 4DX WIG once was OKR 1's first key result (20,000,000 to
    24,000,000); where a WIG measures what a KPI measures, the report says the WIG delivers it."""
    from framework_advisor.render.report.data.examples import wig_statement
    from framework_advisor.render.starter.records import grouped

    docs = Documents(KB, answers, sensitivity=False)
    chosen = docs.examples
    results = [kr for okr in chosen.okrs for kr in okr.key_results]
    report = json.loads(docs.render("report", "json"))
    groups = [g for g in report["examples"].get("roles", []) if g["framework"] == "4dx"]
    lines = [line for g in groups for i in g["items"] for line in i["lines"]]
    kpis = {k.metric: k.name for k in chosen.kpis}
    for wig in chosen.of_role("wig"):
        assert isinstance(wig, Wig)
        start, target = grouped(wig.start, wig.unit), grouped(wig.target, wig.unit)
        assert not [kr for kr in results if start in kr and target in kr], wig.goal
        shown = wig_statement(wig, KB.report) in [
            item["lead"] for g in groups for item in g["items"]
        ]
        if wig.delivers in kpis and shown:
            assert f"It delivers the KPI {kpis[wig.delivers]}" in " ".join(lines)


def test_the_sales_led_saas_company_s_wig_delivers_its_revenue_kpi() -> None:
    answers = {"organisation": "Brightpath", "headcount": 120, "function": "company",
               "industry": "saas", "growth_model": "sales_led", "maturity": "none",
               "needs": ["alignment", "operational_health", "execution_discipline"]}  # fmt: skip
    report = json.loads(Documents(KB, answers, sensitivity=False).render("report", "json"))
    [group] = [g for g in report["examples"]["roles"] if g["framework"] == "4dx"]
    [wig] = group["items"]
    assert "It delivers the KPI Year-on-year revenue growth (≥ 20%)" in wig["lines"]
    assert "$" not in wig["lead"] and "000,000" not in wig["lead"]


def test_later_phases_templates_carry_the_report_s_examples_too() -> None:
    """`templates --mix` and the app's export write every phase's templates: the V2MOM planner
    of a later phase is prefilled with objectives the report shows."""
    answers = {"organisation": "Brightpath", "headcount": 120, "function": "company",
               "industry": "saas", "growth_model": "sales_led", "maturity": "none",
               "needs": ["alignment", "operational_health", "execution_discipline"]}  # fmt: skip
    docs = Documents(KB, answers, sensitivity=False)
    report = json.loads(docs.render("report", "json"))
    shown = set(_shown_in_report(report["examples"]))
    prefilled = {c for c in _cells(docs.templates(docs.mix_templates().templates, "csv"))}
    carried = {name for name in prefilled if name in LIBRARY}
    assert carried and carried <= shown, sorted(carried - shown)


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ("delivers: year_on_year_revenue_growth", "delivers: yoy_growth", "'yoy_growth'"),
        ("when: {growth_model: product_led}", "when: {growth_model: prodct_led}", "'prodct_led'"),
        ("when: {industry: {not_in: [", "when: {industy: {not_in: [", "'industy'"),
    ],
)
def test_a_bad_example_condition_is_a_located_problem(
    run_cli, tmp_path, old: str, new: str, said: str
) -> None:
    from pathlib import Path

    from tests.conftest import build_tree

    core = (Path(__file__).parents[2] / "knowledge/examples/functions/company.yaml").read_text()
    assert old in core
    pack = build_tree(
        tmp_path / "pack",
        {
            "pack.yaml": 'name: bad\nversion: "1.0"\nschema_version: 2\n',
            "examples/functions/company.yaml": core.replace(old, new, 1),
        },
    )
    result = run_cli("validate", "--kb", pack)
    assert result.exit_code == 2, result.stderr
    assert "company.yaml:" in result.stderr and said in result.stderr
    assert "Traceback" not in result.stderr


def test_a_pitfall_about_okrs_arriving_only_where_the_plan_brings_okrs() -> None:
    """The KPI pitfall "Dropping KPIs when OKRs arrive" in a plan without OKRs was a working
    note; it stays where the plan brings OKRs."""
    import yaml

    samples = Path(__file__).parents[2] / "samples"
    warned = "Dropping KPIs when OKRs arrive"
    [pitfall] = [p for p in KB.frameworks["kpi"].pitfalls if p.pitfall.startswith(warned)]
    seen = {}
    for name in ("manufacturer", "sales-led", "startup"):
        answers = yaml.safe_load((samples / f"{name}.yaml").read_text(encoding="utf-8"))
        report = json.loads(Documents(KB, answers, sensitivity=False).render("report", "json"))
        planned = {f for phase in report["phases"] for f in phase["frameworks"]}
        shown = [p["pitfall"] for g in report["pitfalls"] for p in g["pitfalls"]]
        if "kpi" in {g["framework"] for g in report["pitfalls"]}:
            seen[name] = bool(planned & set(pitfall.about))
            assert (pitfall.pitfall in shown) == seen[name], name
    assert False in seen.values(), "no sample plan with KPIs and without OKRs"


def test_no_example_states_another_company_s_money() -> None:
    """Revenue of $20M, MRR of $500k, pipeline of $11,000 a day belong to one company: the
    library writes ratios ("+20% on last year") or placeholders ("[agreed quota]"). Unit costs
    and prices ($2,500 per customer, $55 an order) may stay."""
    import re

    money = re.compile(r"[$€£]\s?(\d[\d,]*(?:\.\d+)?)\s?(k|m|bn)?\b", re.IGNORECASE)
    for key, example in KB.examples.items():
        texts = [t for okr in example.okrs for t in (okr.objective, *okr.key_results)]
        texts += [k.target for k in example.kpis]
        texts += [
            str(getattr(r, f, "")) for r in example.roles for f in ("target", "current_target")
        ]
        for text in texts:
            for amount, scale in money.findall(text):
                assert not scale and float(amount.replace(",", "")) < 10_000, (key, text)
    wigs = [w for e in KB.examples.values() for w in e.roles if isinstance(w, Wig)]
    assert wigs and not [w.goal for w in wigs if w.unit in ("$", "€", "£")], "a WIG in money"


UNIVERSITY_WORDS = ("universit", "graduat", "research", "undergraduate", "vice-chancellor")


def _words(entry: Example) -> str:
    import msgspec

    data = msgspec.to_builtins(entry)
    data.pop("when", None)
    return " ".join(str(value) for value in data.values()).lower()


@pytest.mark.parametrize("setting", [None, *SETTINGS])
def test_each_education_setting_gets_examples_written_for_it(setting: str | None) -> None:
    """A school never reads "Be a university ..."; each setting the questionnaire offers gets
    what fits it, content written for a setting first; an unanswered setting shows only what
    fits every setting and says which question would bring more."""
    from framework_advisor.engine.examples import select_examples

    answers = {"industry": "education", "function": "company"}
    if setting is not None:
        answers["education_setting"] = setting
    selection = select_examples(KB, answers)
    chosen: list[Example] = [*selection.okrs, *selection.kpis, *selection.roles]
    view = profile(KB, answers)
    education = KB.examples["industry:education"]
    mine = [e for e in chosen if any(e is own for own in [*education.okrs, *education.kpis,
                                                           *education.roles])]  # fmt: skip
    assert mine and all(fits(education, entry, view) for entry in mine)
    written_for = [e for e in mine if e.when and "education_setting" in e.when.questions()]
    if setting is None:
        assert not written_for and "education_setting" in selection.waiting
        return
    assert "education_setting" not in selection.waiting
    if setting != "other":  # each named setting has content of its own, shown first
        assert written_for and selection.okrs[0].when is not None
    if setting != "university":
        for entry in chosen:
            assert not any(word in _words(entry) for word in UNIVERSITY_WORDS), entry


def test_a_schools_report_and_templates_speak_of_pupils_not_universities(run_cli, tmp_path) -> None:
    import yaml

    answers = tmp_path / "school.yaml"
    school = {
        "organisation": "Oakfield Primary",
        "headcount": 60,
        "function": "company",
        "industry": "education",
        "education_setting": "school",
        "needs": ["strategic_change", "operational_health"],
    }
    answers.write_text(yaml.safe_dump(school), encoding="utf-8")
    result = run_cli("report", answers, "-f", "md")
    assert result.exit_code == 0, result.stderr
    text = result.stdout.split("## Examples to start from")[1].split("\n## ")[0]
    school_okrs = [o.objective for o in KB.examples["industry:education"].okrs
                   if o.when is not None and "education_setting" in o.when.questions()
                   and o.when.evaluate({"education_setting": "school"}) is True]  # fmt: skip
    assert school_okrs and school_okrs[0] in text
    assert not any(word in text.lower() for word in UNIVERSITY_WORDS)
    out = tmp_path / "templates"
    result = run_cli("templates", "--mix", "--answers", answers, "--out", out, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    cells = " ".join(p.read_text(encoding="utf-8-sig") for p in out.glob("*.csv")).lower()
    assert cells and not any(word in cells for word in UNIVERSITY_WORDS)
    del school["education_setting"]
    answers.write_text(yaml.safe_dump(school), encoding="utf-8")
    result = run_cli("report", answers, "-f", "md")
    label = KB.question("education_setting").label  # type: ignore[union-attr]
    assert label in result.stdout.split("## Examples to start from")[1].split("\n## ")[0]


def test_examples_takes_the_setting_with_set(run_cli) -> None:
    result = run_cli("examples", "--industry", "education", "--set", "education_setting=School")
    assert result.exit_code == 0, result.stderr
    assert "pupil" in result.stdout and not any(
        w in result.stdout.lower() for w in UNIVERSITY_WORDS
    )
    unset = run_cli("examples", "--industry", "education")
    label = KB.question("education_setting").label  # type: ignore[union-attr]
    assert label in unset.stdout and "pupil" not in unset.stdout
    wrong = run_cli("examples", "--industry", "education", "--set", "education_setting=schol")
    assert wrong.exit_code == 2 and "Did you mean 'school'" in wrong.stderr
