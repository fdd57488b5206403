"""The goal checker's reference page (docs/goal-checks.md), generated from the check book: each
check with its severity, what it reads, its message, suggestion, source and profiles, and each
profile with its limits and source."""

from __future__ import annotations

from framework_advisor.domain.goals import CheckBook
from framework_advisor.safe_text import markdown_literal

LIMITS = (
    ("objectives_max", "objectives at most"),
    ("key_results_min", "key results at least"),
    ("key_results_max", "key results at most"),
    ("rocks_min", "Rocks at least"),
    ("rocks_max", "Rocks at most"),
    ("wigs_max", "WIGs at most"),
    ("duplicate_overlap", "duplicate overlap"),
)


def reference(book: CheckBook) -> str:
    out = [
        "# Goal checks",
        "",
        "Generated from `knowledge/checks.yaml` by `python tests/goals/write_reference.py`; do not",
        "edit by hand. `framework-advisor check --profile NAME` chooses the limits.",
        "",
        "## Profiles",
        "",
        "| profile | limits | source |",
        "| --- | --- | --- |",
    ]
    for profile in book.profiles.values():
        limits = ", ".join(
            f"{label} {getattr(profile, name)}"
            for name, label in LIMITS
            if getattr(profile, name) is not None
        )
        default = " (default)" if profile.id == book.default_profile else ""
        out.append(
            f"| `{profile.id}`{default} | {markdown_literal(limits or 'as the default')} | "
            f"{markdown_literal(profile.source)} |"
        )
    out += ["", "## Checks", ""]
    for check in book.checks.values():
        scope = "the whole set" if check.scope == "set" else "each item"
        out += [
            f"### `{check.id}` ({check.severity})",
            "",
            f"Reads {markdown_literal(check.applies_to.replace('_', ' '))}, {scope}; profiles: "
            f"{', '.join(check.profiles)}.",
            "",
            f"- Message: {markdown_literal(check.message)}",
            f"- Suggestion: {markdown_literal(check.suggestion)}",
        ]
        if check.rewrite:
            out.append(f"- Rewrite: {markdown_literal(check.rewrite)}")
        out += [f"- Source: {markdown_literal(check.source)}", ""]
    return "\n".join(out)
