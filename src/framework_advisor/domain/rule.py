"""Rules: when a condition over the answers holds, shift framework fits, request a mix layer,
or raise a caution. Each weight carries its own reason, written about the framework it moves."""

from msgspec import Struct

from framework_advisor.domain.condition import Condition
from framework_advisor.domain.framework import Layer


class WeightEffect(Struct, frozen=True, tag="weight"):
    """Raise or lower one framework's fit, for the reason given (shown beside the score)."""

    framework: str
    weight: int
    reason: str


class LayerEffect(Struct, frozen=True, tag="layer"):
    """The mix needs a framework for this layer."""

    layer: Layer


class CautionEffect(Struct, frozen=True, tag="caution"):
    """A caution, shown only while one of ``about`` is in play: advised, or in use and not
    retired (always, if empty); and never once one of ``unless_advised`` is advised (the
    advice has already dealt with it)."""

    text: str
    about: list[str] = []
    unless_advised: list[str] = []


Effect = WeightEffect | LayerEffect | CautionEffect


class Rule(Struct, frozen=True):
    id: str
    when: Condition
    effects: list[Effect]
    source: str = ""
