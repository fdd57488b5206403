"""Inline suppressions: `# check: ignore RULE` on a YAML line, `<!-- check: ignore RULE -->` in
Markdown (several rules separated by commas), on the finding's own line or on a line of its own
just above it. A finding without a line (about the whole file) is silenced only by the
settings file's `ignore`. Pure: findings and the file's lines in, the findings kept out."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from framework_advisor.domain.goals import Finding

DIRECTIVE = re.compile(
    r"(?:#|<!--)\s*check:\s*ignore\s+(?P<rules>[A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)"
)
COMMENT_ONLY = re.compile(r"^\s*(?:#|<!--).*$")


def suppressions(lines: Sequence[str]) -> dict[int, set[str]]:
    """The rules silenced at each line (1-based), a directive on a comment-only line also
    silencing the line after it."""
    silenced: dict[int, set[str]] = {}
    for number, line in enumerate(lines, start=1):
        match = DIRECTIVE.search(line)
        if match is None:
            continue
        rules = {rule.strip() for rule in match.group("rules").split(",")}
        silenced.setdefault(number, set()).update(rules)
        if COMMENT_ONLY.match(line):
            silenced.setdefault(number + 1, set()).update(rules)
    return silenced


def kept(
    findings: Sequence[Finding], lines: Sequence[str], ignored: Collection[str] = ()
) -> list[Finding]:
    """The findings neither ignored by rule nor silenced on their line."""
    silenced = suppressions(lines)
    return [
        finding
        for finding in findings
        if finding.diagnostic.rule not in ignored
        and finding.diagnostic.rule not in silenced.get(finding.diagnostic.line or 0, ())
    ]
