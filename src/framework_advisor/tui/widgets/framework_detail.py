"""A framework's full description as styled text: one Static, fast to switch between. Pack
text goes in as literal Content, never as markup (a name like `OKR [/] x` is shown as written)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from framework_advisor.domain.framework_sections import framework_sections
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.safe_text import widget_text
from framework_advisor.tui.words import say


def framework_content(kb: KnowledgeBase, framework_id: str) -> Content:
    f = kb.frameworks[framework_id]

    def styled(text: str, style: str = "") -> Content:
        return Content.styled(widget_text(text), style)

    out = [styled(f.name, "bold $accent"), styled(f.summary, "italic")]
    if f.aliases:
        out.append(styled(say(kb, "app.framework.aliases", aliases=list(f.aliases)), "dim"))
    for section in framework_sections(kb, framework_id):
        out += [Content(""), styled(section.title, "bold")]
        mark = MARKS.get(section.kind, "")
        for entry in section.entries:
            lead = styled(entry.lead, "bold") + entry.separator if entry.lead else Content("")
            out.append(Content(mark) + lead + styled(entry.text))
    return Content("\n").join(out)


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
        self.update(framework_content(kb, framework_id))
