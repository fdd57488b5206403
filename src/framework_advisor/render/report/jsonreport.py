"""The report as JSON: the `recommend` JSON, unchanged, plus the report's extra sections under
keys of their own (keys may be added, never renamed)."""

from __future__ import annotations

from datetime import date
from typing import Any

import msgspec

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.recommendation import Recommendation
from framework_advisor.domain.rollout import ReportFacts
from framework_advisor.render.jsonout import dumps, recommendation_dict
from framework_advisor.render.report.data import report_data

EXTRA_SECTIONS: dict[str, str] = {
    "title": "title",
    "overview": "overview",
    "provenance": "provenance",
    "profile_rows": "profile",
    "fits_explained": "fits_explained",
    "comparison": "comparison",
    "pitfalls": "pitfalls",
    "rollout": "rollout",
    "examples": "examples",
    "changes": "changes",
    "glossary": "glossary",
    "answers": "answers",
}
"""JSON key -> ReportData field, for the sections the recommend JSON does not already hold."""


def report(
    rec: Recommendation,
    kb: KnowledgeBase,
    *,
    answers: dict[str, Any] | None = None,
    facts: ReportFacts | None = None,
    brand: str = "",
    today: date | None = None,
    **_: Any,
) -> str:
    data = report_data(rec, kb, answers=answers, facts=facts, brand=brand, today=today)
    document = recommendation_dict(rec)
    for key, field in EXTRA_SECTIONS.items():
        document[key] = msgspec.to_builtins(getattr(data, field))
    return dumps(document)
