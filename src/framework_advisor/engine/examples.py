"""The one selection of examples for an organisation: what the report shows and what every
starter template is prefilled from (report, `templates`, `examples`, the app's export, and the
workshop summary on the group's answers).

An example fits where its condition (its file's `when:`, its own `when:`, its growth models,
and an industry file's industry) is true for the organisation's profile, in the matcher the
rules use: an unanswered question the condition depends on leaves it out, so content written
for another industry or growth model is never shown. Content written for the client's industry
comes before content that fits every industry. Pure: the knowledge base and the answers in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from framework_advisor.domain.condition import AllOf
from framework_advisor.domain.examples import (
    Example,
    ExampleKPI,
    ExampleOKR,
    ExampleSelection,
    ExampleSet,
    Role,
    condition_of,
    role_of,
    unique_by_metric,
)
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.engine.flow import is_visible, profile

__all__ = ["ExampleSelection", "fits", "select_examples", "written_for_industry"]

OKRS_AT_MOST = 5
"""Objectives in one set: the chart's three to five (the OKR sheet holds as many)."""

E = TypeVar("E", ExampleOKR, ExampleKPI, Role)


def fits(example: ExampleSet, entry: Example, view: Mapping[str, Any]) -> bool:
    """True when the entry's conditions all hold for the profile (unknown: it does not fit)."""
    return AllOf(parts=condition_of(example, entry)).evaluate(dict(view)) is True


def written_for_industry(example: ExampleSet, entry: Example) -> bool:
    """Whether the entry's conditions name the industry: content written for some industries."""
    return any("industry" in part.questions() for part in condition_of(example, entry))


def _chosen(
    sets: list[ExampleSet], pick: str, view: Mapping[str, Any]
) -> Iterable[tuple[bool, Any]]:
    """(written for the industry, entry) for each fitting entry of the sets, in file order."""
    for example in sets:
        for entry in getattr(example, pick):
            if fits(example, entry, view):
                yield written_for_industry(example, entry), entry


def _ranked(found: Iterable[tuple[bool, E]]) -> list[E]:
    """The industry's content first, each group in file order."""
    items = list(found)
    return [entry for specific, entry in items if specific] + [
        entry for specific, entry in items if not specific
    ]


def select_examples(kb: KnowledgeBase, answers: Mapping[str, Any]) -> ExampleSelection:
    """The examples that fit the organisation: from its function's set (the company-wide one
    without a function), its industry's set, and for a role neither has, the company-wide set's."""
    view = profile(kb, dict(answers))
    function = view.get("function") or "company"
    industry = view.get("industry")
    keys = [f"industry:{industry}", f"function:{function}"] if industry else []
    keys = keys or [f"function:{function}"]
    sets = [kb.examples[key] for key in keys if key in kb.examples]
    company = kb.examples.get("function:company")
    if not any(example.kind == "function" for example in sets) and company is not None:
        sets.append(company)
    okrs = _ranked(_chosen(sets, "okrs", view))[:OKRS_AT_MOST]
    kpis = unique_by_metric(_ranked(_chosen(sets, "kpis", view)))
    roles = _roles(sets, company, view)
    missing = industry if industry and f"industry:{industry}" not in kb.examples else ""
    return ExampleSelection(
        okrs=okrs,
        kpis=kpis,
        areas=[f"{example.kind}:{example.area}" for example in sets],
        roles=roles,
        missing_industry=str(missing),
        waiting=_waiting(kb, sets, view),
    )


def _waiting(kb: KnowledgeBase, sets: list[ExampleSet], view: Mapping[str, Any]) -> list[str]:
    """The unanswered questions that leave some entry of the sets undecided (its condition
    unknown, not false) and that the organisation is asked: answering them may bring examples
    written for it."""
    waiting: set[str] = set()
    for example in sets:
        for entry in [*example.okrs, *example.kpis, *example.roles]:
            condition = AllOf(parts=condition_of(example, entry))
            if condition.evaluate(dict(view)) is None:
                waiting |= {q for q in condition.questions() if view.get(q) is None}
    asked = dict(view)
    return [q.id for q in kb.questions if q.id in waiting and is_visible(q, asked)]


def _roles(
    sets: list[ExampleSet], company: ExampleSet | None, view: Mapping[str, Any]
) -> list[Role]:
    """The sets' role examples (the industry's first), then the company-wide set's for the roles
    they lack; each metric once per role."""
    specific = [example for example in sets if example is not company]
    roles: list[Role] = _ranked(_chosen(specific, "roles", view))
    if company is not None:
        have = {role_of(entry) for entry in roles}
        extra = _ranked(_chosen([company], "roles", view))
        roles += [entry for entry in extra if role_of(entry) not in have]
    unique: list[Role] = []
    seen: set[tuple[str, str]] = set()
    for entry in roles:
        key = (role_of(entry), entry.metric)
        if key not in seen:
            seen.add(key)
            unique.append(entry)
    return unique
