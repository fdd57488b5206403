"""Issue 12: a framework's described sections are defined once (`domain.framework_sections`);
`show` in text and Markdown and the app's detail view lay out the same sections and entries."""

from __future__ import annotations

import re

import pytest

from framework_advisor.domain.framework_sections import framework_sections
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.tui.widgets.framework_detail import framework_content


def _flat(text: str) -> str:
    """Words in order, wherever the terminal's width wrapped them (also after a hyphen)."""
    return re.sub(r"-\s+", "-", " ".join(text.replace("*", "").split()))


def _outputs(kb: KnowledgeBase, run_cli, framework_id: str) -> dict[str, str]:
    text = run_cli("show", framework_id)
    markdown = run_cli("show", framework_id, "--format", "md")
    assert text.exit_code == 0 and markdown.exit_code == 0
    app = framework_content(kb, framework_id).plain
    return {"text": text.stdout, "md": markdown.stdout, "app": app}


@pytest.mark.parametrize("framework_id", ["okr", "4dx", "mbo", "north_star", "raci"])
def test_every_front_end_shows_every_section_and_entry(
    kb: KnowledgeBase, run_cli, framework_id: str
) -> None:
    outputs = {name: _flat(out) for name, out in _outputs(kb, run_cli, framework_id).items()}
    for section in framework_sections(kb, framework_id):
        for name, out in outputs.items():
            assert _flat(section.title) in out, (name, section.title)
            for entry in section.entries:
                assert _flat(entry.text) in out, (name, section.title, entry.text)
                assert _flat(entry.lead) in out, (name, section.title, entry.lead)


def test_sections_name_frameworks_stages_and_functions_never_by_id(kb: KnowledgeBase) -> None:
    ids = set(kb.frameworks) | {"startup", "scaleup", "customer_success", "hr", "revops"}
    for framework_id in kb.frameworks:
        for section in framework_sections(kb, framework_id):
            if section.title in {"Works with", "Clashes with", "Fit by stage", "Fit by function"}:
                words = set(
                    re.findall(r"[a-z0-9_]+", " ".join(e.joined() for e in section.entries))
                )
                assert not words & ids, (framework_id, section.title, words & ids)
