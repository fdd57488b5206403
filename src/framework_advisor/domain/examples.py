"""Example OKRs and KPIs by function and by industry, to prefill templates and reports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from msgspec import Meta, Struct

if TYPE_CHECKING:
    from framework_advisor.domain.knowledge import KnowledgeBase

Text = Annotated[str, Meta(min_length=1)]
Provenance = Literal["seed", "common_practice"]


class ExampleOKR(Struct, frozen=True, forbid_unknown_fields=True):
    objective: Text
    key_results: Annotated[list[Text], Meta(min_length=2, max_length=5)]
    type: Literal["committed", "aspirational", "learning"] = "committed"
    source: Provenance = "common_practice"
    growth_models: list[str] = []
    """Options of ``growth_model`` this example is written for; empty: any."""


class ExampleKPI(Struct, frozen=True, forbid_unknown_fields=True):
    name: Text
    definition: Text
    indicator: Literal["leading", "lagging"]
    level: Literal["strategic", "operational"]
    target: Text
    frequency: Literal["daily", "weekly", "monthly", "quarterly", "annual"]
    unit: str = ""
    source: Provenance = "common_practice"
    growth_models: list[str] = []
    """Options of ``growth_model`` this example is written for; empty: any."""


class ExampleSet(Struct, frozen=True, forbid_unknown_fields=True):
    area: str
    kind: Literal["function", "industry"]
    title: Text
    okrs: Annotated[list[ExampleOKR], Meta(min_length=1)]
    kpis: Annotated[list[ExampleKPI], Meta(min_length=1)]
    notes: str = ""


class ExampleSelection(Struct, frozen=True):
    """The examples chosen for an organisation (``select_examples``)."""

    okrs: list[ExampleOKR]
    kpis: list[ExampleKPI]
    areas: list[str]
    """The example sets used, e.g. ["function:sales", "industry:saas"]."""


def select_examples(
    kb: KnowledgeBase, function: str | None, industry: str | None
) -> ExampleSelection:
    """The function's examples and the industry's; an industry without examples of its own
    (retail, public sector, ...) falls back to the function's, and no function to the
    company-wide set. In: the knowledge base and two answers; out: the selection."""
    keys = [f"function:{function or 'company'}"]
    if industry:
        keys.append(f"industry:{industry}")
    sets = [kb.examples[key] for key in keys if key in kb.examples]
    if not sets and "function:company" in kb.examples:
        sets = [kb.examples["function:company"]]
    return ExampleSelection(
        okrs=[okr for example in sets for okr in example.okrs],
        kpis=[kpi for example in sets for kpi in example.kpis],
        areas=[f"{example.kind}:{example.area}" for example in sets],
    )


def metric_key(name: str) -> str:
    """The metric an example measures, as a key: "Net Promoter Score (NPS)" and "net promoter
    score" are one metric. (Examples will name their metric by id; this is where to read it.)"""
    words = "".join(c if c.isalnum() else " " for c in name.split("(")[0].lower())
    return " ".join(words.split())


def unique_by_metric(kpis: list[ExampleKPI]) -> list[ExampleKPI]:
    """The KPIs in order, each metric once (the first example of it: the function's before
    the industry's), so no report or template shows one metric with two targets."""
    seen: set[str] = set()
    unique: list[ExampleKPI] = []
    for kpi in kpis:
        key = metric_key(kpi.name)
        if key not in seen:
            seen.add(key)
            unique.append(kpi)
    return unique


def fits_growth_model(example: ExampleOKR | ExampleKPI, growth_model: str | None) -> bool:
    """An example written for some growth models only (self-serve sign-up: product-led) fits
    another organisation only when its growth model is unknown."""
    return (
        not example.growth_models or growth_model is None or growth_model in example.growth_models
    )
