"""The document writers as one table: a document of blocks in any of its formats, each writer
imported only when used. A new kind of document (the workshop summary, the goal checker's
findings) builds blocks and gets every format here; a new format is one writer and one row."""

from __future__ import annotations

from importlib import import_module

from msgspec import Struct

from framework_advisor.render.document.blocks import Document


class Assets(Struct, frozen=True):
    """What a writer draws with beside the blocks."""

    stylesheet: str = "report.css"
    """The HTML page's style sheet (``render/document/styles/``)."""
    font_paths: tuple[str, ...] = ()
    """Fonts for Typst (the PDF, and the charts Word shows as pictures)."""


DEFAULT_ASSETS = Assets()

WRITERS: dict[str, str] = {
    "text": "framework_advisor.render.document.text:text",
    "md": "framework_advisor.render.document.markdown:markdown",
    "html": "framework_advisor.render.document.html:html",
    "pdf": "framework_advisor.render.document.typst:pdf",
    "docx": "framework_advisor.render.document.word:word",
}
"""Format -> the writer that draws a Document in it: ``(document, assets) -> str | bytes``."""


def draw(document: Document, fmt: str, assets: Assets = DEFAULT_ASSETS) -> str | bytes:
    module_name, _, function = WRITERS[fmt].partition(":")
    writer = getattr(import_module(module_name), function)
    result: str | bytes = writer(document, assets)
    return result
