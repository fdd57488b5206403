"""The goal checker's reports written as text (like a linter), JSON (an API) or Markdown.
Data in, text out; a person's text is text at every sink."""

from __future__ import annotations

from typing import Any

from framework_advisor.domain.goals import Report


def as_json(reports: list[Report]) -> str:
    """One file: the object itself; several: {"files": [...]} with each file's object."""
    objects = [_object(report) for report in reports]
    payload: Any = objects[0] if len(objects) == 1 else {"files": objects}
    import msgspec

    return msgspec.json.format(msgspec.json.encode(payload), indent=2).decode("utf-8") + "\n"


def as_objects(reports: list[Report]) -> list[dict[str, Any]]:
    """Each report as `check --format json` gives one file (the recommendation report's
    `goal_check` holds them too)."""
    return [_object(report) for report in reports]


def _object(report: Report) -> dict[str, Any]:
    return {
        "file": report.file,
        "findings": [
            {
                "rule": f.diagnostic.rule,
                "severity": f.diagnostic.severity,
                "where": f.where,
                "line": f.diagnostic.line,
                "message": f.diagnostic.message,
                "suggestion": f.suggestion,
                "rewrite": f.rewrite or None,
                "source": f.source,
            }
            for f in report.findings
        ],
        "items": [
            {
                "where": i.where,
                "line": i.line,
                "kind": i.kind,
                "result_kind": i.result_kind,
                "reason": i.reason,
            }
            for i in report.items
        ],
        "summary": {
            "errors": report.count("error"),
            "warnings": report.count("warning"),
            "infos": report.count("info"),
        },
    }


def as_text(reports: list[Report], *, show_items: bool = False) -> str:
    """`file:line: severity rule: where: message`, then the suggestion and any rewrite."""
    from framework_advisor.safe_text import one_line

    out: list[str] = []
    for report in reports:
        for finding in report.findings:
            out.append(one_line(finding.diagnostic.lint_line()))
            out.append(f"    suggestion: {one_line(finding.suggestion)}")
            if finding.rewrite:
                out.append(f"    rewrite: {one_line(finding.rewrite)}")
        if show_items:
            for item in report.items:
                where = f"{report.file}:{item.line}" if item.line else report.file
                out.append(
                    f"{one_line(where)}: {item.kind}: {one_line(item.where)}: {one_line(item.reason)}"
                )
    out.append(_summary(reports))
    return "\n".join(out) + "\n"


def _summary(reports: list[Report]) -> str:
    errors = sum(r.count("error") for r in reports)
    warnings = sum(r.count("warning") for r in reports)
    infos = sum(r.count("info") for r in reports)
    files = len(reports)
    return (
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}, "
        f"{infos} info in {files} file{'s' * (files != 1)}"
    )


def as_markdown(reports: list[Report]) -> str:
    from framework_advisor.safe_text import markdown_literal as markdown_text

    out = ["# Goal check", ""]
    for report in reports:
        out += [f"## {markdown_text(report.file)}", ""]
        if report.findings:
            out += [
                "| line | severity | rule | where | finding | suggestion |",
                "| --- | --- | --- | --- | --- | --- |",
            ]
            for f in report.findings:
                suggestion = f.suggestion + (f" Rewrite: {f.rewrite}" if f.rewrite else "")
                cells = [
                    str(f.diagnostic.line or ""),
                    f.diagnostic.severity,
                    f.diagnostic.rule,
                    f.where,
                    f.diagnostic.message,
                    suggestion,
                ]
                out.append("| " + " | ".join(markdown_text(c) for c in cells) + " |")
        else:
            out.append("No findings.")
        out += ["", "| where | what it is | why |", "| --- | --- | --- |"]
        for item in report.items:
            out.append(
                "| "
                + " | ".join(
                    markdown_text(c) for c in (item.where, item.kind.replace("_", " "), item.reason)
                )
                + " |"
            )
        out.append("")
    out.append(_summary(reports))
    return "\n".join(out) + "\n"
