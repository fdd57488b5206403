"""Example sets: metric ids filled in where a file leaves them out (a KPI's is its name's
slug), the role-only files (`examples/roles/`) joined to the company-wide set, and pass 2's
checks of the role examples: one metric once per role in a file, and what a lead measure, an
input metric, a V2MOM measure or a Hoshin Kanri objective `drives` is a metric the knowledge
base has."""

from __future__ import annotations

import re
from collections.abc import Iterable

import msgspec

from framework_advisor.domain.examples import LINKED_ROLES, ExampleSet, RoleExamples, role_of
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


COMPANY = "function:company"


def with_role_examples(
    examples: dict[str, ExampleSet], role_files: list[RoleExamples]
) -> dict[str, ExampleSet]:
    """The example sets, the company-wide one with the role files' roles and sources after its
    own: roles that fit any organisation, used where a function's or industry's set has none."""
    company = examples.get(COMPANY)
    if company is None or not role_files:
        return examples
    joined = msgspec.structs.replace(
        company,
        roles=[*company.roles, *(entry for file in role_files for entry in file.roles)],
        sources=[*company.sources, *(source for file in role_files for source in file.sources)],
    )
    return {**examples, COMPANY: joined}


def check_examples(problems: ProblemCollector, located: Iterable[Located]) -> set[str]:
    """Check the role entries of every example set and role file; return the roles that have
    examples."""
    sets = list(located)
    metrics = {
        kpi.metric for item in sets if isinstance(item.value, ExampleSet) for kpi in item.value.kpis
    }
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
            if isinstance(entry, LINKED_ROLES) and entry.drives not in metrics:
                problems.add(
                    item.doc,
                    (*path, "drives"),
                    f"no example has the metric '{entry.drives}'."
                    + did_you_mean(entry.drives, metrics),
                )
    return roles
