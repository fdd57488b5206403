"""Checks of a pack's `brand:` (pass 1, with the file and line of each problem): a name that fits
a page header, colours written #rrggbb (or #rgb) that can be read on white paper."""

from __future__ import annotations

import re

from framework_advisor.domain.brand import Brand, BrandColours
from framework_advisor.domain.text import message
from framework_advisor.problems import ProblemCollector
from framework_advisor.sources.yaml_lines import YamlDocument

NAME_LIMIT = 80
MIN_CONTRAST = 3.0
"""Against white, for headings, rules and bars (WCAG 2's minimum for large text and graphics)."""
_HEX = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def checked_brand(problems: ProblemCollector, doc: YamlDocument, brand: Brand) -> Brand:
    """``brand`` with its colours as lower-case #rrggbb; a problem recorded for each bad part."""
    name = " ".join(brand.name.split())
    if len(name) > NAME_LIMIT:
        problems.add(
            doc,
            ("brand", "name"),
            message("kb.brand.name_long", length=len(name), most=NAME_LIMIT),
        )
    colours = {}
    for key in ("primary", "accent"):
        value = getattr(brand.colours, key)
        colours[key] = _colour(problems, doc, ("brand", "colours", key), value) if value else ""
    return Brand(name=name, colours=BrandColours(**colours))


def _colour(
    problems: ProblemCollector, doc: YamlDocument, path: tuple[str, ...], value: str
) -> str:
    match = _HEX.fullmatch(value.strip())
    if match is None:
        problems.add(doc, path, message("kb.brand.not_a_colour", value=value))
        return ""
    digits = match.group(1).lower()
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    ratio = contrast_with_white(digits)
    if ratio < MIN_CONTRAST:
        problems.add(
            doc,
            path,
            message("kb.brand.too_light", value=value, ratio=ratio, least=f"{MIN_CONTRAST:.0f}"),
        )
        return ""
    return f"#{digits}"


def contrast_with_white(digits: str) -> float:
    """WCAG 2 contrast ratio of the colour rrggbb against white."""

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(digits[i : i + 2]) for i in (0, 2, 4))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05)
