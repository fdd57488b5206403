"""Rules: when a condition over the answers holds, shift framework fits, request a mix layer,
or raise a caution. Every effect carries the rule's reason, shown as "because you said ..."."""

from __future__ import annotations

from msgspec import Struct

from framework_advisor.domain.condition import Condition
from framework_advisor.domain.framework import Layer


class Effect(Struct, frozen=True, forbid_unknown_fields=True):
    """Exactly one of: a framework weight, a caution, or a mix layer to fill."""

    framework: str | None = None
    weight: int | None = None
    caution: str | None = None
    layer: Layer | None = None


class Rule(Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    when: Condition
    effects: list[Effect]
    reason: str
    source: str = ""
