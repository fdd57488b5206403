"""An example library for every industry (issue 25, item 1): every industry option but "other"
has examples written for it for every framework that can lead its plans, read from the engine
(the frameworks of phase one across sampled plans for that industry) and the starter templates
(the roles each framework's templates are prefilled from); every example has a named source."""

from __future__ import annotations

from typing import Any

import pytest

from framework_advisor.domain.examples import ExampleSet, role_of
from framework_advisor.engine.examples import fits, select_examples
from framework_advisor.engine.flow import profile
from framework_advisor.engine.recommend import recommend
from tests.conftest import knowledge

KB = knowledge()
UNNAMED = "other"
"""The option that names no industry: nothing can be written for it."""
INDUSTRIES = [o.value for o in KB.question("industry").options if o.value != UNNAMED]  # type: ignore[union-attr]
NEEDS = [o.value for o in KB.question("needs").options]  # type: ignore[union-attr]
HEADCOUNTS = (12, 60, 300, 2500)
TEXT_ROLES = {"okr_objective": "okrs", "key_result": "okrs", "kpi": "kpis"}
"""Template roles filled from a set's OKRs and KPIs rather than its role examples."""
EVERY_ORGANISATION = {"raci_activity"}
"""Roles whose examples describe a change any organisation makes the same way (a
restructuring's activities, `examples/roles/raci.yaml`): written once for every industry."""


def _answers(industry: str, headcount: int, need: str) -> dict[str, Any]:
    return {"headcount": headcount, "function": "company", "industry": industry, "needs": [need]}


def _plans(industry: str) -> list[tuple[dict[str, Any], set[str]]]:
    """Sampled answers for the industry and the frameworks that lead each plan (phase one)."""
    plans = []
    for headcount in HEADCOUNTS:
        for need in NEEDS:
            answers = _answers(industry, headcount, need)
            plan = recommend(KB, answers, sensitivity=False)
            plans.append((answers, set(plan.phases[0].frameworks) if plan.phases else set()))
    return plans


def _roles_drawn(framework: str) -> set[str]:
    """The roles the framework's starter templates are prefilled from."""
    return {
        section.prefill.role
        for template in KB.templates.values()
        if framework in template.frameworks
        for sheet in template.sheets
        for section in sheet.sections
        if section.prefill is not None
    }


def _written_for(industry_set: ExampleSet, role: str, view: dict[str, Any]) -> bool:
    """Whether the industry's own set has an example for the role that fits the organisation."""
    entries = getattr(industry_set, TEXT_ROLES[role]) if role in TEXT_ROLES else (
        industry_set.of_role(role)
    )  # fmt: skip
    return any(fits(industry_set, entry, view) for entry in entries)


def test_the_sample_reaches_frameworks_beyond_okrs_and_kpis() -> None:
    """The derivation below is only as good as its sample: it reaches role-based frameworks."""
    leading = set().union(*(frameworks for _, frameworks in _plans(INDUSTRIES[0])))
    roles = set().union(*(_roles_drawn(f) for f in leading)) - set(TEXT_ROLES)
    assert len(roles) >= 5, leading


@pytest.mark.parametrize("industry", INDUSTRIES)
def test_every_framework_that_leads_an_industry_s_plan_has_examples_written_for_it(
    industry: str,
) -> None:
    industry_set = KB.examples.get(f"industry:{industry}")
    assert industry_set is not None, f"no examples written for {industry}"
    missing: set[tuple[str, str]] = set()
    for answers, leading in _plans(industry):
        view = profile(KB, answers)
        selection = select_examples(KB, answers)
        for framework in leading:
            for role in _roles_drawn(framework) - EVERY_ORGANISATION:
                if not _written_for(industry_set, role, view):
                    missing.add((framework, role))
                if role not in TEXT_ROLES:
                    assert selection.of_role(role), (industry, framework, role)
    assert not missing, f"{industry}: no example written for {sorted(missing)}"


@pytest.mark.parametrize("industry", INDUSTRIES)
def test_an_industry_s_role_examples_lead_the_selection(industry: str) -> None:
    """Where the industry has a role's examples, the templates draw the industry's, not the
    company-wide set's."""
    answers = _answers(industry, 300, NEEDS[0])
    selection = select_examples(KB, answers)
    own = {(role_of(e), e.metric) for e in KB.examples[f"industry:{industry}"].roles}
    for role in {r for r, _ in own}:
        chosen = selection.of_role(role)
        assert chosen and (role_of(chosen[0]), chosen[0].metric) in own, (industry, role)


@pytest.mark.parametrize("industry", INDUSTRIES)
def test_every_industry_example_has_a_named_source(industry: str) -> None:
    industry_set = KB.examples[f"industry:{industry}"]
    assert industry_set.sources, f"{industry}: no published source named"
    assert all(s.title.strip() and s.author.strip() for s in industry_set.sources), industry
    entries = [*industry_set.okrs, *industry_set.kpis, *industry_set.roles]
    assert all(entry.source in ("seed", "common_practice") for entry in entries), industry
