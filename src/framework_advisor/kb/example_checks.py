"""Example sets: metric ids filled in where a file leaves them out (a KPI's is its name's
slug), and pass 2's checks of the role examples: one metric once per role in a file, and what a
lead measure or an input metric `drives` is a metric the knowledge base has."""

from __future__ import annotations

import re
from collections.abc import Iterable

import msgspec

from framework_advisor.domain.examples import ExampleSet, InputMetric, LeadMeasure, role_of
from framework_advisor.kb.schema import Located
from framework_advisor.problems import ProblemCollector, did_you_mean


def metric_slug(name: str) -> str:
    """'Net Promoter Score (NPS)' -> 'net_promoter_score_nps'."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "metric"


def with_metric_ids(examples: ExampleSet) -> ExampleSet:
    if all(kpi.metric for kpi in examples.kpis):
        return examples
    kpis = [
        kpi if kpi.metric else msgspec.structs.replace(kpi, metric=metric_slug(kpi.name))
        for kpi in examples.kpis
    ]
    return msgspec.structs.replace(examples, kpis=kpis)


def check_examples(problems: ProblemCollector, located: Iterable[Located]) -> set[str]:
    """Check every example set's role entries; return the roles that have examples."""
    sets = list(located)
    metrics = {kpi.metric for item in sets for kpi in item.value.kpis}
    metrics |= {entry.metric for item in sets for entry in item.value.roles}
    roles = {"okr_objective", "key_result", "kpi"} if sets else set()
    for item in sets:
        seen: set[tuple[str, str]] = set()
        for index, entry in enumerate(item.value.roles):
            path = ("roles", index)
            role = role_of(entry)
            roles.add(role)
            if (role, entry.metric) in seen:
                problems.add(
                    item.doc, (*path, "metric"), f"metric '{entry.metric}' twice as a {role} here"
                )
            seen.add((role, entry.metric))
            if isinstance(entry, LeadMeasure | InputMetric) and entry.drives not in metrics:
                problems.add(
                    item.doc,
                    (*path, "drives"),
                    f"no example has the metric '{entry.drives}'."
                    + did_you_mean(entry.drives, metrics),
                )
    return roles
