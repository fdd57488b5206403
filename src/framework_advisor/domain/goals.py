"""The goal checker's data: its checks and profiles as read from `knowledge/checks.yaml`, the
items it finds in a goal file, and its findings. No I/O, no words of its own: messages and
suggestions are the check book's, filled from named parameters by `fill`."""

import re
from typing import Any, Literal

from msgspec import Struct, field

from framework_advisor.errors import Diagnostic, Severity

ItemKind = Literal[
    "objective",
    "key_result",
    "kpi",
    "initiative",
    "milestone",
    "smart",
    "wig",
    "lead_measure",
    "rock",
    "bsc_objective",
    "north_star",
    "input_metric",
    "mbo_objective",
    "v2mom_measure",
]
ResultKind = Literal["metric", "maintain", "milestone", "baseline"]
"""What makes a key result verifiable: a number to reach, a band to keep, a thing done or not
by a date, or a measure being established."""
Scope = Literal["item", "set"]
"""`set` checks judge a whole list (counts, a missing part) and run only where a file holds it."""

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class Example(Struct, frozen=True, forbid_unknown_fields=True):
    """A goal file (its YAML shape) a check must pass or fail, run as a test."""

    goals: dict[str, Any]
    profile: str | None = None
    """The profile the example is checked under (the default when left out)."""
    note: str = ""


class Check(Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    severity: Severity
    applies_to: str
    """What the check reads: an item kind (`key_result`), or a set (`objectives`)."""
    message: str
    suggestion: str
    source: str
    why: str = ""
    scope: Scope = "item"
    params: list[str] = field(default_factory=list)
    """The named placeholders its message and suggestion may use."""
    profiles: list[str] = field(default_factory=lambda: ["all"])
    rewrite: str = ""
    """A pattern for an honest rewrite ({metric}, {baseline}, {target}, {when}), if any."""
    passes: list[Example] = field(default_factory=list, name="pass")
    fails: list[Example] = field(default_factory=list, name="fail")


class Profile(Struct, frozen=True, forbid_unknown_fields=True):
    """Limits a team writes to, each profile citing its source; a limit left out is the
    default profile's."""

    id: str
    title: str
    source: str
    objectives_max: int | None = None
    key_results_min: int | None = None
    key_results_max: int | None = None
    rocks_min: int | None = None
    rocks_max: int | None = None
    wigs_max: int | None = None
    duplicate_overlap: float | None = None
    """Share of the normalised words two key results share above which they are duplicates."""


class Hints(Struct, frozen=True, forbid_unknown_fields=True):
    """Word lists: hints that lower confidence, never verdicts on their own."""

    activity_verbs: list[str]
    output_nouns: list[str]
    activity_outcomes: dict[str, str]
    default_outcome: str
    """What a counted activity is usually for, by the noun counted: named in a suggestion."""
    done_verbs: list[str]
    continuity_verbs: list[str]
    change_words: list[str]
    vanity_terms: dict[str, str]
    """A vanity term and the better measure to suggest."""
    rate_words: list[str]
    lag_terms: list[str]
    end_of_cycle_terms: list[str]
    read_once_terms: list[str]
    """Instruments read once a cycle (a survey, an audit): with an end-of-cycle word, a key
    result that cannot be seen moving."""
    revenue_terms: list[str]
    raw_usage_terms: list[str]
    vague_words: list[str]
    direction_lower: list[str]
    direction_higher: list[str]
    direction_band: list[str]
    lower_is_better: list[str]
    higher_is_better: list[str]
    frequency_words: list[str]
    """Words that give a KPI's good direction and its review frequency in its own text."""


class CheckBook(Struct, frozen=True):
    default_profile: str
    profiles: dict[str, Profile]
    checks: dict[str, Check]
    hints: Hints
    reasons: dict[str, str]
    """Why an item is what it is, by id, with named placeholders (`engine/goals/check.py`)."""
    file: str = ""

    def limit(self, profile: str, name: str) -> Any:
        value = getattr(self.profiles[profile], name)
        return value if value is not None else getattr(self.profiles[self.default_profile], name)


class Item(Struct, frozen=True):
    """One goal found in a file: its declared role, where it stands and what it says."""

    role: ItemKind
    path: tuple[str | int, ...]
    text: str
    fields: dict[str, Any] = field(default_factory=dict)


class Classified(Struct, frozen=True):
    """What an item really is, and why: a "key result" may be a KPI or a task."""

    where: str
    kind: ItemKind
    reason: str
    line: int | None = None
    result_kind: ResultKind | None = None


class Finding(Struct, frozen=True):
    """A check's finding: a located Diagnostic (its message filled from the check book) with
    the suggestion, the check's source, and a rewrite that passed the same checks ('' if
    none)."""

    diagnostic: Diagnostic
    suggestion: str
    source: str
    rewrite: str = ""

    @property
    def where(self) -> str:
        return self.diagnostic.key


class Report(Struct, frozen=True):
    file: str
    findings: list[Finding]
    items: list[Classified]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.diagnostic.severity == severity)


def fill(template: str, params: dict[str, str]) -> str:
    """The template with each `{name}` replaced by its parameter's text. A person's text is
    substituted as it is, never interpreted (no str.format: no attribute or index lookups);
    an unknown name is left as written (the loader refuses those)."""
    return PLACEHOLDER.sub(lambda m: params.get(m.group(1), m.group(0)), template)


class GoalReview(Struct, frozen=True):
    """A team's goals as the checker found them, for the recommendation report's appendix
    (`report --goals FILE`, the app's export): each file's report and the limits (profile)
    they were checked against."""

    reports: list[Report]
    profile: str
    """The profile's id (`seeds`): in the JSON, never in a document a client reads."""
