"""The join sheet (`serve --sheet FILE`): one A4 page for the projector or the table, with the
address, its QR code and the join code, laid out by its own template (`templates/sheet.typ`: a big address and code, the QR
code), in the report's house style.
The QR code holds the address only: the join code is still typed, so the picture alone lets no
one in."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from importlib.resources import files
from typing import Any

from framework_advisor.domain.text import Catalogue
from framework_advisor.render.workshop.outline import Prepared, workshop_say


def qr_svg(url: str) -> str:
    import segno

    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=10, border=2, xmldecl=False)
    return out.getvalue().decode()


def join_sheet(
    title: str, url: str, code: str, words: Catalogue, prepared: Prepared | None = None
) -> bytes:
    """The sheet as PDF bytes. ``title``: the workshop's; ``code``: the join code as people
    type it (grouped)."""

    def say(word: str, **params: str) -> str:
        return workshop_say(words, word, **params)

    blocks: list[dict[str, object]] = [
        {"kind": "heading", "level": 1, "text": say("sheet.heading")},
        {"kind": "paragraph", "text": say("sheet.open")},
        {"kind": "big", "text": url},
        {"kind": "chart", "svg": qr_svg(url), "alt": say("sheet.qr_alt", url=url), "width": 55},
        {"kind": "paragraph", "text": say("sheet.type")},
        {"kind": "big", "text": code},
        {"kind": "paragraph", "text": say("sheet.private")},
    ]
    return compile_pdf(title or say("sheet.untitled"), blocks, prepared)


def compile_pdf(
    title: str, blocks: Sequence[Mapping[str, Any]], prepared: Prepared | None = None
) -> bytes:
    """A title and blocks (heading, paragraph, chart, big) as one A4 page in the report's house
    style (its font, the brand in the header, the brand's colours); every word is data, never
    markup."""
    import msgspec
    import typst

    from framework_advisor.render.report.writers import FONTS

    style = prepared or Prepared()
    payload = msgspec.json.encode(
        {
            "title": title,
            "blocks": list(blocks),
            "brand": style.brand,
            "primary": style.primary,
            "accent": style.accent,
        }
    ).decode()
    template = files("framework_advisor.render.workshop") / "templates" / "sheet.typ"
    # typst's stub gives the template (bytes) and the font paths (str) one type variable
    result = typst.compile(  # type: ignore[misc]
        template.read_bytes(), font_paths=[FONTS], sys_inputs={"summary": payload}
    )
    assert isinstance(result, bytes)
    return result
