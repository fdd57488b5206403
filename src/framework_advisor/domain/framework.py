"""A goal-setting or performance framework, as the knowledge base describes it."""

import re
from typing import Annotated, Any, Literal

from msgspec import Meta, Struct

from framework_advisor.domain.condition import Condition

Layer = Literal[
    "direction", "focus", "health", "individual", "execution", "structure", "diagnosis", "strategy", "pay"
]  # fmt: skip
LAYERS: tuple[Layer, ...] = (
    "direction", "focus", "health", "individual", "execution", "structure", "diagnosis", "strategy", "pay"
)  # fmt: skip
LAYER_LABELS: dict[str, str] = {
    "direction": "Direction",
    "focus": "Focus metric",
    "health": "Operational health",
    "individual": "Individual objectives",
    "execution": "Execution",
    "structure": "Structure and roles",
    "diagnosis": "Organisational diagnosis",
    "strategy": "Strategy translation",
    "pay": "Pay objectives",
}
"""How a mix layer is named for a reader."""


def layer_label(layer: str) -> str:
    """A mix layer as a person reads it ("Operational health")."""
    return LAYER_LABELS.get(layer, layer.replace("_", " ").capitalize())


FitLevel = Literal["strong", "good", "fair", "poor"]
Frequency = Literal["daily", "weekly", "biweekly", "monthly", "quarterly", "annual"]
MEETINGS_PER_MONTH: dict[str, float] = {
    "daily": 260 / 12,  # working days
    "weekly": 52 / 12,
    "biweekly": 26 / 12,
    "monthly": 1.0,
    "quarterly": 1 / 3,
    "annual": 1 / 12,
}
"""How many times a month a meeting of each frequency is held, on average."""

Identifier = Annotated[str, Meta(pattern=r"^[a-z0-9][a-z0-9_]*$")]
Text = Annotated[str, Meta(min_length=1)]
Percent = Annotated[int, Meta(ge=0, le=100)]
Minutes = Annotated[int, Meta(ge=1, le=24 * 60)]
Week = Annotated[int, Meta(ge=1, le=13)]


class Part(Struct, frozen=True, forbid_unknown_fields=True):
    name: Text
    description: Text


class Structure(Struct, frozen=True, forbid_unknown_fields=True):
    summary: Text
    parts: list[Part]


class LighterRitual(Struct, frozen=True, forbid_unknown_fields=True):
    """A lighter form of a ritual that the framework's sources document: shorter, less often,
    or held inside a meeting the organisation already has. It takes fewer minutes a month."""

    name: Text
    frequency: Frequency
    minutes: Minutes
    source: Text
    """Where its frequency and length come from (author, title, year)."""

    @property
    def minutes_a_month(self) -> float:
        return self.minutes * MEETINGS_PER_MONTH[self.frequency]


class Ritual(Struct, frozen=True, forbid_unknown_fields=True):
    """A recurring meeting. Rituals with the same id in a mix merge into one meeting."""

    id: Identifier
    name: Text
    frequency: Frequency
    minutes: Minutes
    purpose: Text
    source: Text
    """Where its frequency and length come from (author, title, year): cited, never quoted."""
    lighter: list[LighterRitual] = []
    """Lighter documented variants, lightest last; the plan uses the full ritual (issue 22)."""

    @property
    def minutes_a_month(self) -> float:
        return self.minutes * MEETINGS_PER_MONTH[self.frequency]


class Pitfall(Struct, frozen=True, forbid_unknown_fields=True):
    pitfall: Text
    avoid: Text
    uses: list[str] = []
    """Frameworks the advice relies on running (a KPI dashboard beside 4DX): a report that
    retires one of them leaves this pitfall out rather than contradict itself."""
    about: list[str] = []
    """Frameworks whose arrival it warns about (KPIs dropped when OKRs arrive): a report shows
    it only when one of them is in the plan. Empty: it is about its own framework alone."""


class RolloutStep(Struct, frozen=True, forbid_unknown_fields=True):
    week: Week
    step: Text
    when: Condition | None = None
    """The step applies only where this holds (unknown: it does not)."""
    unless: Condition | None = None
    """The step applies except where this holds (unknown: it does)."""

    def applies(self, view: dict[str, Any]) -> bool:
        """Whether the step is for an organisation with this profile ``view``."""
        if self.when is not None and self.when.evaluate(view) is not True:
            return False
        return self.unless is None or self.unless.evaluate(view) is not True


class IfNotWorking(Struct, frozen=True, forbid_unknown_fields=True):
    """What the framework's sources recommend instead when a client says it is not working."""

    replace_with: list[str]
    why: Text
    source: Text


class SizeRange(Struct, frozen=True, forbid_unknown_fields=True):
    """The headcount a framework's sources write it for, and why an organisation beyond it
    has outgrown it (the retirement's reason)."""

    max_headcount: Annotated[int, Meta(ge=1)]
    outgrown: Text
    """Why an organisation above ``max_headcount`` has outgrown it: a sentence for the client."""
    source: Text


class Origin(Struct, frozen=True, forbid_unknown_fields=True):
    who: Text
    when: Text
    story: Text


class Source(Struct, frozen=True, forbid_unknown_fields=True):
    title: Text
    author: Text
    year: int | None = None
    note: str = ""


class Framework(Struct, frozen=True, forbid_unknown_fields=True):
    id: Identifier
    name: Text
    aliases: list[str]
    summary: Text
    purpose: Text
    best_for: Text
    structure: Structure
    timeframe: Text
    rituals: list[Ritual]
    ownership: Text
    mindset: Text
    measurability: Text
    use_case: Text
    pros: list[Text]
    cons: list[Text]
    pitfalls: list[Pitfall]
    fit_by_stage: dict[str, FitLevel]
    fit_by_function: dict[str, FitLevel]
    layers: list[Layer]
    rollout: list[RolloutStep]
    origin: Origin
    complements: list[str]
    conflicts: list[str]
    base_fit: Percent
    sources: list[Source]
    short_name: str = ""
    """How prose names it when the abbreviation in its name is not what people say
    ("Balanced Scorecard", not "BSC"); empty: derived from the name (``abbreviation``)."""
    if_not_working: IfNotWorking | None = None
    """Where a client says it is not working: what replaces it, why, and the source."""
    size_range: SizeRange | None = None
    """The largest organisation its sources write it for; one in use beyond it that the plan
    retires is retired as outgrown."""


def short_name(framework: Framework) -> str:
    """How prose and tables name a framework: its own ``short_name`` if it has one ("Balanced
    Scorecard"), else its ``abbreviation``."""
    return framework.short_name or abbreviation(framework)


def abbreviation(framework: Framework) -> str:
    """A label for the tightest spaces: the abbreviation in brackets if there is one
    ("Objectives and Key Results (OKR)" gives "OKR"), else the name before them ("Hoshin Kanri
    (Policy Deployment)" gives "Hoshin Kanri"); a name without brackets stays as it is."""
    match = re.fullmatch(r"\s*(.*?)\s*\(([^()]*)\)\s*", framework.name)
    if not match:
        return framework.name
    before, inside = match.groups()
    return inside if " " not in inside and len(inside) <= 6 else before
