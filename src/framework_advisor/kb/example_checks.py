"""Example sets: metric ids filled in where a file leaves them out (a KPI's is its name's
slug), the role-only files (`examples/roles/`) joined to the company-wide set, and pass 2's
checks of the role examples: one metric once per role in a file, and what a lead measure, an
input metric, a V2MOM measure or a Hoshin Kanri objective `drives` is a metric the knowledge
base has."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import msgspec

from framework_advisor.domain.examples import (
    LINKED_ROLES,
    ExampleSet,
    RoleExamples,
    Wig,
    role_of,
)
from framework_advisor.domain.question import Question
from framework_advisor.domain.text import message
from framework_advisor.kb.conditions import ConditionParser
from framework_advisor.kb.schema import Located
from framework_advisor.problems import ProblemCollector, did_you_mean
from framework_advisor.sources.yaml_lines import KeyPath


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
                    item.doc,
                    (*path, "metric"),
                    message("kb.example.metric_twice", metric=entry.metric, role=role),
                )
            seen.add((role, entry.metric))
            kpi_metrics = {
                kpi.metric
                for other in sets
                if isinstance(other.value, ExampleSet)
                for kpi in other.value.kpis
            }
            if isinstance(entry, Wig) and entry.delivers and entry.delivers not in kpi_metrics:
                problems.add(
                    item.doc,
                    (*path, "delivers"),
                    did_you_mean(
                        message("kb.example.no_kpi_metric", metric=entry.delivers),
                        entry.delivers,
                        kpi_metrics,
                    ),
                )
            if isinstance(entry, LINKED_ROLES) and entry.drives not in metrics:
                problems.add(
                    item.doc,
                    (*path, "drives"),
                    did_you_mean(
                        message("kb.example.no_metric", metric=entry.drives), entry.drives, metrics
                    ),
                )
    return roles


GROUPS = ("okrs", "kpis", "roles")
"""The lists of an example set whose entries may carry a ``when:``."""


def split_conditions(data: Any) -> tuple[Any, dict[KeyPath, Any]]:
    """An example file's mapping without its ``when:`` conditions (parsed in pass 2, once every
    question is known), and those conditions by key path: ``()`` for the file's own."""
    if not isinstance(data, dict):
        return data, {}
    conditions: dict[KeyPath, Any] = {}
    data = dict(data)
    if "when" in data:
        conditions[()] = data.pop("when")
    for group in GROUPS:
        entries = data.get(group)
        if not isinstance(entries, list):
            continue
        kept: list[Any] = []
        for index, entry in enumerate(entries):
            if isinstance(entry, dict) and "when" in entry:
                entry = dict(entry)
                conditions[(group, index)] = entry.pop("when")
            kept.append(entry)
        data[group] = kept
    return data, conditions


def with_conditions(
    problems: ProblemCollector, located: Located, questions: dict[str, Question]
) -> ExampleSet:
    """The example set with its ``when:`` conditions parsed in the rules' language (unknown
    questions and options are errors with file, line and 'did you mean')."""
    example: ExampleSet = located.value
    raw: dict[KeyPath, Any] = located.raw_when or {}
    if not raw:
        return example
    parser = ConditionParser(questions, problems, located.doc)
    parsed = {path: parser.parse(value, (*path, "when")) for path, value in raw.items()}
    changes: dict[str, Any] = {}
    if () in parsed:
        changes["when"] = parsed[()]
    for group in GROUPS:
        entries = list(getattr(example, group))
        for index, entry in enumerate(entries):
            if (group, index) in parsed:
                entries[index] = msgspec.structs.replace(entry, when=parsed[(group, index)])
        changes[group] = entries
    return msgspec.structs.replace(example, **changes)
