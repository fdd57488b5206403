"""Which example OKRs and KPIs fit an organisation: its function's, then its industry's."""

from __future__ import annotations

from msgspec import Struct

from framework_advisor.domain.examples import ExampleKPI, ExampleOKR
from framework_advisor.domain.knowledge import KnowledgeBase


class ExampleSelection(Struct, frozen=True):
    okrs: list[ExampleOKR]
    kpis: list[ExampleKPI]
    areas: list[str]
    """The example sets used, e.g. ["function:sales", "industry:saas"]."""


def select_examples(
    kb: KnowledgeBase, function: str | None, industry: str | None
) -> ExampleSelection:
    """The function's examples and the industry's; an industry without examples of its own
    (retail, public sector, ...) falls back to the function's, and no function to the
    company-wide set."""
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
