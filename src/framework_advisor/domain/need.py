"""Needs: the jobs frameworks are built for, and how strongly each framework serves one."""

from typing import ClassVar, Literal

from msgspec import Struct

from framework_advisor.domain.condition import Condition
from framework_advisor.domain.framework import Layer

Strength = Literal["built_for", "serves", "supports"]
STRENGTHS: tuple[Strength, ...] = ("built_for", "serves", "supports")


class NeedFramework(Struct, frozen=True, forbid_unknown_fields=True):
    framework: str
    strength: Strength
    why: str
    """A sentence about this framework: what it does for an organisation with this need."""
    source: str


class Need(Struct, frozen=True, forbid_unknown_fields=True):
    need: str
    """An option of the ``needs`` question."""
    frameworks: list[NeedFramework]
    layer: Layer | None = None
    """The mix layer this need calls for."""


class Pairing(Struct, frozen=True, forbid_unknown_fields=True):
    """Two frameworks practitioners run together, each doing its own job."""

    READ: ClassVar[tuple[str, ...]] = ("why",)
    """The fields readers see (the no-ids walk, `domain.client_text.read_fields`)."""

    frameworks: list[str]
    why: str
    source: str
    when: Condition | None = None
    """The two are partners only where this holds (unknown: they are not)."""
