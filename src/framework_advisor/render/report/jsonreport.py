"""The report as JSON: the `recommend` JSON, unchanged, plus the report's extra sections under
keys of their own (keys may be added, never renamed)."""

from __future__ import annotations

from typing import Any

import msgspec

from framework_advisor.domain.recommendation import Recommendation
from framework_advisor.render.jsonout import dumps, recommendation_dict
from framework_advisor.render.report import report_renderer
from framework_advisor.render.report.data import ReportData

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
"""JSON key -> ReportData field, for the sections the recommend JSON does not already hold.
With the team's goals given (``report --goals FILE``), ``goal_check`` holds the checker's
findings as ``check --format json`` gives them: ``{"profile", "files": [...]}``."""


def render_data(data: ReportData, rec: Recommendation, **_: Any) -> str:
    """The recommend JSON of ``rec`` plus the report's sections under keys of their own."""
    document = recommendation_dict(rec)
    for key, field in EXTRA_SECTIONS.items():
        document[key] = msgspec.to_builtins(getattr(data, field))
    if data.goal_review is not None:
        from framework_advisor.render.findings import as_objects

        review = data.goal_review
        document["goal_check"] = {"profile": review.profile, "files": as_objects(review.reports)}
    return dumps(document)


report = report_renderer(render_data)
