"""A consultancy's brand, set by a knowledge pack (or kb.yaml): the name its reports are
prepared by and the colours they are drawn in."""

from msgspec import Struct


class BrandColours(Struct, frozen=True, forbid_unknown_fields=True):
    primary: str = ""
    """Headings, as #rrggbb; empty: the report's own colour."""
    accent: str = ""
    """Heading rules, fit bars and the charts' highlights, as #rrggbb; empty: the report's own."""


class Brand(Struct, frozen=True, forbid_unknown_fields=True):
    name: str = ""
    """Who prepares the reports (a report's ``--brand`` takes precedence)."""
    colours: BrandColours = BrandColours()

    def over(self, base: "Brand") -> "Brand":
        """This brand applied over ``base`` (an earlier pack's): what this one sets wins."""
        return Brand(
            name=self.name or base.name,
            colours=BrandColours(
                primary=self.colours.primary or base.colours.primary,
                accent=self.colours.accent or base.colours.accent,
            ),
        )
