"""The workshop summary and the facilitator's handout in each format: laid out once as blocks
(``document``), then drawn by the report's writers (``render.document``). The registry
(``render.formats``) names the renderers below; JSON stays a serialisation of the facts
(``render.workshop.json_summary``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.text import Catalogue
from framework_advisor.domain.workshop import WorkshopSummary
from framework_advisor.render.document.blocks import Section
from framework_advisor.render.report.data.model import Examples
from framework_advisor.render.workshop.outline import Prepared

Renderer = Callable[..., str | bytes]


def _renderer(kind: str, fmt: str) -> Renderer:
    def render(
        summary: WorkshopSummary,
        names: Mapping[str, str],
        words: Catalogue,
        prepared: Prepared | None = None,
        kb: KnowledgeBase | None = None,
    ) -> str | bytes:
        from framework_advisor.render.document.draw import Assets, draw
        from framework_advisor.render.report.writers import FONTS
        from framework_advisor.render.workshop.document import (
            handout_document,
            summary_document,
        )
        from framework_advisor.render.workshop.outline import Words

        said = Words(words, names, prepared)
        if kind == "handout":
            document = handout_document(summary, said)
        else:
            examples = _examples_section(kb, summary) if kb is not None else None
            document = summary_document(summary, said, examples=examples)
        return draw(document, fmt, Assets("report.css", (FONTS,)))

    render.__doc__ = f"The workshop {kind} as {fmt}."
    return render


def plan_examples(kb: KnowledgeBase, summary: WorkshopSummary) -> Examples | None:
    """The group plan's examples as the report shows them, from the summary's selection (the
    one the report and the templates of the agreed plan use)."""
    from framework_advisor.domain.framework import short_name
    from framework_advisor.render.report.data.examples import examples

    if summary.examples is None:
        return None
    short = {fid: short_name(f) for fid, f in kb.frameworks.items()}
    return examples(kb, summary.recommendation, short, summary.examples)


def _examples_section(kb: KnowledgeBase, summary: WorkshopSummary) -> Section | None:
    from framework_advisor.render.report.document import examples_section

    shown = plan_examples(kb, summary)
    return examples_section(shown, kb.report) if shown is not None else None


summary_text = _renderer("summary", "text")
summary_markdown = _renderer("summary", "md")
summary_html = _renderer("summary", "html")
summary_pdf = _renderer("summary", "pdf")
summary_docx = _renderer("summary", "docx")
handout_text = _renderer("handout", "text")
handout_markdown = _renderer("handout", "md")
handout_html = _renderer("handout", "html")
handout_pdf = _renderer("handout", "pdf")
handout_docx = _renderer("handout", "docx")
