"""Where a finding points, as code review tools want it: a path relative to the repository
(forward slashes), a line when the file has lines, and for a workbook's cell a file-level
location whose message names the cell (`Sheet!A12: ...`)."""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePath

from framework_advisor.domain.goals import Finding


def repository_path(file: str) -> str:
    """The file as a path relative to the working directory (the repository root in CI), with
    forward slashes; an absolute path outside it stays absolute."""
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            return path.as_posix()
    return PurePath(path).as_posix().removeprefix("./")


def cell_prefix(finding: Finding) -> str:
    """`Sheet!A12: ` for a finding in a workbook, '' for a text file's."""
    location = finding.diagnostic.location
    if location.sheet is None:
        return ""
    return f"{location.sheet}!{location.cell}: " if location.cell else f"{location.sheet}: "


def fingerprint(path: str, finding: Finding) -> str:
    """Stable across runs and across lines moving: the file, the rule, what the finding is about
    (its `where` and message), not its line number."""
    location = finding.diagnostic.location
    parts = [
        path,
        finding.diagnostic.rule,
        finding.where,
        location.sheet or "",
        location.cell or "",
        finding.diagnostic.message,
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def unique_fingerprints(keys: list[str]) -> list[str]:
    """Each fingerprint made unique by its rank among equal ones (GitLab needs them unique)."""
    seen: dict[str, int] = {}
    out = []
    for key in keys:
        count = seen.get(key, 0)
        seen[key] = count + 1
        out.append(key if count == 0 else hashlib.sha256(f"{key}:{count}".encode()).hexdigest())
    return out
