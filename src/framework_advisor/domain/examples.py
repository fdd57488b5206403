"""Example OKRs and KPIs by function and by industry, to prefill templates and reports."""

from __future__ import annotations

from typing import Annotated, Literal

from msgspec import Meta, Struct

Text = Annotated[str, Meta(min_length=1)]
Provenance = Literal["seed", "common_practice"]


class ExampleOKR(Struct, frozen=True, forbid_unknown_fields=True):
    objective: Text
    key_results: Annotated[list[Text], Meta(min_length=2, max_length=5)]
    type: Literal["committed", "aspirational", "learning"] = "committed"
    source: Provenance = "common_practice"


class ExampleKPI(Struct, frozen=True, forbid_unknown_fields=True):
    name: Text
    definition: Text
    indicator: Literal["leading", "lagging"]
    level: Literal["strategic", "operational"]
    target: Text
    frequency: Literal["daily", "weekly", "monthly", "quarterly", "annual"]
    unit: str = ""
    source: Provenance = "common_practice"


class ExampleSet(Struct, frozen=True, forbid_unknown_fields=True):
    area: str
    kind: Literal["function", "industry"]
    title: Text
    okrs: Annotated[list[ExampleOKR], Meta(min_length=1)]
    kpis: Annotated[list[ExampleKPI], Meta(min_length=1)]
    notes: str = ""
