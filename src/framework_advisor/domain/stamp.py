"""The stamp every starter file carries, so that a filled-in template is recognised by what is
in it, not by its file name (Google Sheets exports "Title - Tab.csv" and drops an Excel file's
custom properties): the template's id and version, in the file's document properties (xlsx,
docx), in a marker cell right of the header row (xlsx and CSV; it survives Google Sheets and
CSV), and as an HTML comment in Markdown. The marker is a signature, the same in every
language; the header row is the checker's fallback."""

import re

from msgspec import Struct

SIGNATURE = "Framework Advisor template"
_MARKER = re.compile(rf"{SIGNATURE}: (?P<template>[a-z0-9][a-z0-9_-]*) v(?P<version>\d{{1,6}})\b")
PROPERTY_TEMPLATE = "framework_advisor_template"
"""The name of the custom document property holding the template id (xlsx)."""
PROPERTY_VERSION = "framework_advisor_template_version"
"""The name of the custom document property holding the template version (xlsx)."""


class Stamp(Struct, frozen=True):
    template: str
    """The template's id (`okr-tracker`)."""
    version: int
    """The template's version (`Template.version`): which sheets and columns it has."""

    def marker(self) -> str:
        """`Framework Advisor template: okr-tracker v1`."""
        return f"{SIGNATURE}: {self.template} v{self.version}"

    def comment(self) -> str:
        """The marker as an HTML comment, for Markdown."""
        return f"<!-- {self.marker()} -->"


def read_stamp(text: str) -> Stamp | None:
    """The stamp in a cell, a line, a comment or a document property, or None."""
    match = _MARKER.search(text)
    if match is None:
        return None
    return Stamp(template=match["template"], version=int(match["version"]))
