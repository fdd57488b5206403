"""A framework's full description as styled text: one Static, fast to switch between."""

from __future__ import annotations

from textual.markup import escape
from textual.widgets import Static

from framework_advisor.domain.framework_sections import framework_sections
from framework_advisor.domain.knowledge import KnowledgeBase


def framework_markup(kb: KnowledgeBase, framework_id: str) -> str:
    f = kb.frameworks[framework_id]
    out = [f"[b $accent]{escape(f.name)}[/]", f"[i]{escape(f.summary)}[/i]"]
    if f.aliases:
        out.append(f"[dim]Also known as: {escape(', '.join(f.aliases))}[/dim]")
    for section in framework_sections(kb, framework_id):
        out += ["", f"[b]{escape(section.title)}[/b]"]
        mark = MARKS.get(section.kind, "")
        for entry in section.entries:
            lead = f"[b]{escape(entry.lead)}[/b]{entry.separator}" if entry.lead else ""
            out.append(f"{mark}{lead}{escape(entry.text)}")
    return "\n".join(out)


MARKS = {
    "parts": "• ",
    "pros": "+ ",
    "cons": "- ",
    "pitfalls": "! ",
    "list": "• ",
    "steps": "• ",
    "sources": "• ",
}


class FrameworkDetail(Static):
    DEFAULT_CSS = "FrameworkDetail { height: auto; padding: 0 1; }"

    def show(self, kb: KnowledgeBase, framework_id: str) -> None:
        self.update(framework_markup(kb, framework_id))
