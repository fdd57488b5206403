"""GitLab Code Quality JSON: a list of issues, each with its description, check_name,
fingerprint (stable across runs and lines moving), severity and location (path, lines.begin).
A workbook's finding points at the file's first line, its description naming the cell."""

from __future__ import annotations

from typing import Any

from framework_advisor.domain.goals import Report
from framework_advisor.render.code_review.locations import (
    cell_prefix,
    fingerprint,
    repository_path,
    unique_fingerprints,
)

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}
"""GitLab's scale is info, minor, major, critical, blocker: a goal's error blocks nothing."""


def as_codequality(reports: list[Report]) -> str:
    import msgspec

    pairs = [(repository_path(f.diagnostic.file or r.file), f) for r in reports for f in r.findings]
    prints = unique_fingerprints([fingerprint(path, f) for path, f in pairs])
    issues: list[dict[str, Any]] = []
    for (path, finding), print_ in zip(pairs, prints, strict=True):
        diagnostic = finding.diagnostic
        in_sheet = diagnostic.location.sheet is not None
        issues.append(
            {
                "type": "issue",
                "description": cell_prefix(finding) + diagnostic.message,
                "content": {"body": finding.suggestion},
                "check_name": diagnostic.rule,
                "categories": ["Style"],
                "fingerprint": print_,
                "severity": SEVERITY[diagnostic.severity],
                "location": {
                    "path": path,
                    "lines": {"begin": 1 if in_sheet else (diagnostic.line or 1)},
                },
            }
        )
    return msgspec.json.format(msgspec.json.encode(issues), indent=2).decode("utf-8") + "\n"
