"""The report's colours: its own, or a pack's brand (``kb.brand.colours``, validated as #rrggbb
at load). The HTML's CSS and the PDF's Typst template both take them from here."""

from __future__ import annotations

import re

from msgspec import Struct

from framework_advisor.domain.brand import BrandColours

TINT = 0.07
"""How much of the accent a highlighted table row's background takes (the rest is white)."""


class ReportColours(Struct, frozen=True):
    primary: str = "#1f3f78"
    """Headings."""
    accent: str = "#2f5fb3"
    """Heading rules, fit bars, the charts' highlights."""
    tint: str = "#f2f6fd"
    """The background of highlighted rows (the mix in the ranking)."""


DEFAULT = ReportColours()
_HEX = re.compile(r"#[0-9a-f]{6}")


def report_colours(brand: BrandColours) -> ReportColours:
    """The brand's colours where set; anything but #rrggbb (the loader allows nothing else)
    never reaches a style sheet or an SVG attribute."""
    primary, accent = (c if _HEX.fullmatch(c) else "" for c in (brand.primary, brand.accent))
    return ReportColours(
        primary=primary or DEFAULT.primary,
        accent=accent or DEFAULT.accent,
        tint=mix(accent, TINT) if accent else DEFAULT.tint,
    )


def mix(colour: str, share: float) -> str:
    """``colour`` at ``share`` (0-1) over white, as #rrggbb (the charts' lighter shades)."""
    channels = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(255 - (255 - c) * share):02x}" for c in channels)
