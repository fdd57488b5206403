"""SARIF 2.1.0 for GitHub code scanning: one run, the rules' metadata from the check book,
each finding a result with its line (a workbook's finding: the file, its message naming the
cell).

GitHub's limits for one upload: 25,000 results a run and 10 MB (gzip-compressed). Beyond them
the log keeps the most severe findings first (errors, then warnings, then infos, each in file
order) up to 25,000 results and 10 MB *uncompressed* (stricter than GitHub's own limit), and
says in the run's notifications how many it left out (in the words the caller gives, from the
catalogue); `left_out` tells the command, which warns on standard error. The full list is
always in `--format json`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from msgspec import Struct

from framework_advisor.domain.goals import CheckBook, Finding, Report, fill
from framework_advisor.render.code_review.locations import (
    cell_prefix,
    fingerprint,
    repository_path,
    unique_fingerprints,
)

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
VERSION = "2.1.0"
MAX_RESULTS = 25_000
MAX_BYTES = 10 * 1024 * 1024
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
INFORMATION_URI = "https://github.com/framework-advisor/framework-advisor#readme"


class SarifLog(Struct, frozen=True):
    text: str
    results: int
    left_out: int


def as_sarif(
    reports: list[Report],
    book: CheckBook,
    *,
    tool_version: str,
    left_out_note: Callable[[int, int], str],
    max_results: int = MAX_RESULTS,
    max_bytes: int = MAX_BYTES,
) -> SarifLog:
    """The reports as one SARIF run, within GitHub's limits (see the module's note);
    ``left_out_note(kept, left_out)`` says in words what was left out."""
    rules = list(book.checks.values())
    index = {check.id: i for i, check in enumerate(rules)}
    pairs = [(report, finding) for report in reports for finding in report.findings]
    pairs.sort(key=lambda pair: SEVERITY_RANK[pair[1].diagnostic.severity])  # stable: file order
    paths = [repository_path(finding.diagnostic.file or report.file) for report, finding in pairs]
    prints = unique_fingerprints(
        [fingerprint(p, f) for p, (_, f) in zip(paths, pairs, strict=True)]
    )
    results = [
        _result(path, finding, index, print_)
        for path, (_, finding), print_ in zip(paths, pairs, prints, strict=True)
    ]
    driver = {
        "name": "framework-advisor",
        "version": tool_version,
        "informationUri": INFORMATION_URI,
        "rules": [_rule(check) for check in rules],
    }
    kept = min(len(results), max_results)
    while True:
        left_out = len(results) - kept
        note = left_out_note(kept, left_out) if left_out else ""
        text = _encode(driver, results[:kept], left_out, note)
        if len(text.encode("utf-8")) <= max_bytes or kept == 0:
            return SarifLog(text, kept, len(results) - kept)
        kept = kept * max_bytes // len(text.encode("utf-8")) if kept > 1 else 0


def _encode(driver: dict[str, Any], results: list[dict[str, Any]], left_out: int, note: str) -> str:
    import msgspec

    run: dict[str, Any] = {"tool": {"driver": driver}, "results": results}
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if left_out:
        invocation["toolExecutionNotifications"] = [
            {
                "level": "warning",
                "message": {"text": note},
                "properties": {"leftOut": left_out},
            }
        ]
    run["invocations"] = [invocation]
    log = {"$schema": SCHEMA, "version": VERSION, "runs": [run]}
    return msgspec.json.format(msgspec.json.encode(log), indent=2).decode("utf-8") + "\n"


def _rule(check: Any) -> dict[str, Any]:
    blanks = {name: "…" for name in check.params}
    message = fill(check.message, blanks)
    rule: dict[str, Any] = {
        "id": check.id,
        "name": "".join(part.capitalize() for part in check.id.split("-")),
        "shortDescription": {"text": message},
    }
    if check.why:
        rule["fullDescription"] = {"text": check.why}
    rule["help"] = {"text": fill(check.suggestion, blanks)}
    rule["defaultConfiguration"] = {"level": LEVEL[check.severity]}
    rule["properties"] = {"source": check.source, "tags": ["goals", check.applies_to]}
    return rule


def _result(path: str, finding: Finding, index: dict[str, int], print_: str) -> dict[str, Any]:
    diagnostic = finding.diagnostic
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(path)}}
    if diagnostic.location.sheet is None and diagnostic.line:
        physical["region"] = {"startLine": diagnostic.line}
    message = cell_prefix(finding) + diagnostic.message + " " + finding.suggestion
    result: dict[str, Any] = {
        "ruleId": diagnostic.rule,
        "level": LEVEL[diagnostic.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {"goalFinding/v1": print_},
        "properties": {"where": finding.where, "source": finding.source},
    }
    if diagnostic.rule in index:
        result["ruleIndex"] = index[diagnostic.rule]
    if finding.rewrite:
        result["properties"]["rewrite"] = finding.rewrite
    return result


def _uri(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/:")
