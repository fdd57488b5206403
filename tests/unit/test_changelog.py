"""Issue 20: the version the package says it is has its entry in CHANGELOG.md, and the entries
follow Keep a Changelog (newest first, each version linked)."""

from __future__ import annotations

import re
from pathlib import Path

from framework_advisor import __version__

ROOT = Path(__file__).resolve().parents[2]
CHANGELOG = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
HEADING = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2}|Unreleased)$", re.MULTILINE)


def test_the_package_version_has_the_newest_entry() -> None:
    versions = [version for version, _ in HEADING.findall(CHANGELOG)]
    assert versions[0] == __version__


def test_entries_are_newest_first_and_each_is_linked() -> None:
    versions = [tuple(int(n) for n in v.split(".")) for v, _ in HEADING.findall(CHANGELOG)]
    assert versions == sorted(versions, reverse=True) and len(versions) >= 2
    for version, _ in HEADING.findall(CHANGELOG):
        assert re.search(rf"^\[{re.escape(version)}\]: https://", CHANGELOG, re.MULTILINE), version


def test_the_knowledge_base_version_of_the_newest_entry_is_the_embedded_one() -> None:
    import yaml

    kb_version = yaml.safe_load((ROOT / "knowledge" / "kb.yaml").read_text(encoding="utf-8"))
    newest = CHANGELOG.split("\n## [", 2)[1]
    assert f"Knowledge base {kb_version['version']}," in newest
