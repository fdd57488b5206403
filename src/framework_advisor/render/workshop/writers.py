"""The workshop summary and the facilitator's handout in each format: laid out once as blocks
(``document``), then drawn by the report's writers (``render.document``). The registry
(``render.formats``) names the renderers below; JSON stays a serialisation of the facts
(``render.workshop.json_summary``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from framework_advisor.domain.text import Catalogue
from framework_advisor.domain.workshop import WorkshopSummary
from framework_advisor.render.workshop.outline import Prepared

Renderer = Callable[..., str | bytes]


def _renderer(kind: str, fmt: str) -> Renderer:
    def render(
        summary: WorkshopSummary,
        names: Mapping[str, str],
        words: Catalogue,
        prepared: Prepared | None = None,
    ) -> str | bytes:
        from framework_advisor.render.document.draw import Assets, draw
        from framework_advisor.render.report.writers import FONTS
        from framework_advisor.render.workshop.document import (
            handout_document,
            summary_document,
        )
        from framework_advisor.render.workshop.outline import Words

        said = Words(words, names, prepared)
        build = handout_document if kind == "handout" else summary_document
        return draw(build(summary, said), fmt, Assets("report.css", (FONTS,)))

    render.__doc__ = f"The workshop {kind} as {fmt}."
    return render


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
