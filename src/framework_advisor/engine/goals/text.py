"""What a goal's words say: its numbers (targets apart from dates), its time bound, and its
kind of verifiability. Word lists come from the check book's hints."""

from __future__ import annotations

import re
from functools import lru_cache

from msgspec import Struct

from framework_advisor.domain.goals import Hints, ResultKind

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = re.compile(
    r"\b(?:"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\.?(?:,?\s+\d{{4}})?"
    rf"|{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|{MONTH}\.?(?:\s+\d{{4}})?"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}(?:/\d{2,4})?"
    r"|(?:fy|q[1-4]|h[12])\s*[-']?\s*\d{2,4}|\d{4}\s*[-/]?\s*(?:q[1-4]|h[12])|q[1-4]|h[12]"
    r"|(?:19|20)\d{2}"
    r"|(?:the\s+)?end\s+of\s+(?:the\s+)?(?:quarter|(?:financial\s+|fiscal\s+)?year|month|week"
    r"|sprint|cycle|period|season)"
    r"|this\s+(?:quarter|(?:financial\s+|fiscal\s+)?year|month|week|sprint|cycle|season)"
    r"|(?:within|in|next|first|coming)\s+(?:the\s+)?(?:next\s+)?(?:\d+|a|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|eighteen)\s+(?:days?|weeks?|months?|years?|quarters?)"
    r")(?![\w-])",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"(?<![\w.])(?P<sign>[-+])?(?P<cur>[$£€¥])?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    r"(?P<unit>\s*(?:%|percent\b|pp\b|x\b|k\b|m\b|bn\b|mn\b|million\b|billion\b|thousand\b)|[a-z]+)?",
    re.IGNORECASE,
)
_NUMBER_WORD = re.compile(
    r"\b(?:zero|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|hundred|dozen)\b",
    re.IGNORECASE,
)
_FROM_TO = re.compile(
    r"\bfrom\b[^\d$£€¥\[]{0,40}[\[$£€¥\d][^;]{0,40}?\bto\b\s*[\[$£€¥\d<>~]", re.IGNORECASE
)
_COMPARATOR = re.compile(
    r"\b(?:to|under|below|over|above|at least|at most|less than|more than|fewer than|"
    r"no more than|within|of|by|reach(?:es|ing)?|hit|exceed|beyond|greater than|up to|"
    r"double|triple|halve|quadruple)\b",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"\b(?:double|triple|halve|half|a third|a quarter|twice|quadruple|10x|2x|3x)\b", re.IGNORECASE
)
_BAND = re.compile(r"\bbetween\b.*\d.*\band\b.*\d|\d\s*[-–]\s*\d", re.IGNORECASE)
_MAINTAIN = re.compile(r"^\s*(?:maintain|keep|stay|sustain|remain)\b", re.IGNORECASE)
_BASELINE = re.compile(
    r"\bbaselines?\b|\bfor the first time\b|\bstart (?:measuring|tracking)\b"
    r"|\bestablish (?:a |the )?(?:measure|metric|benchmark)",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"\[(?:baseline|target|when|metric|outcome|number|date)\]", re.IGNORECASE)
_WEEKLY = re.compile(
    r"\b(?:weekly|each week|every week|per week|a week|daily|each day|every day|per day|a day)\b",
    re.IGNORECASE,
)
WORD = re.compile(r"[a-z0-9%$£€]+(?:['’-][a-z0-9]+)*", re.IGNORECASE)


class Reading(Struct, frozen=True):
    """What a goal's text says, found once and shared by every check."""

    text: str
    lower: str
    words: tuple[str, ...]
    targets: tuple[str, ...]
    """Numbers that are quantities, not dates or names (16-bit, the 8086)."""
    dated: bool
    from_to: bool
    weekly: bool


def read(text: str) -> Reading:
    return _read(text)


@lru_cache(maxsize=8192)
def _read(text: str) -> Reading:
    lower = text.lower()
    dated = bool(_DATE.search(text))
    undated = _DATE.sub(" ", text)
    targets = tuple(_targets(undated)) + tuple(m.group(0) for m in _NUMBER_WORD.finditer(undated))
    if _PLACEHOLDER.search(text):
        targets = (*targets, "[target]")
    return Reading(
        text=text,
        lower=lower,
        words=tuple(w.lower() for w in WORD.findall(text)),
        targets=targets,
        dated=dated or bool(re.search(r"\[when\]", text, re.IGNORECASE)),
        from_to=bool(_FROM_TO.search(undated)) or bool(_PLACEHOLDER.search(text)),
        weekly=bool(_WEEKLY.search(text)),
    )


QUANTITY_UNITS = frozenset(
    {"%", "percent", "pp", "x", "k", "m", "bn", "mn", "million", "billion", "thousand"}
)
TIME_UNITS = frozenset({"h", "hr", "hrs", "hours", "days", "mins", "ms", "s"})


def _targets(text: str) -> list[str]:
    found = []
    for match in _NUMBER.finditer(text):
        unit = (match.group("unit") or "").strip().lower()
        before = text[: match.start()].rstrip().lower()
        after = text[match.end() : match.end() + 1]
        if unit and unit not in QUANTITY_UNITS and unit not in TIME_UNITS:
            continue  # a name or a spec (8MHz, 16-bit, 3D), not a quantity
        model = before.endswith("the") and len(match.group("num")) >= 4  # the 8086, the 747
        if after == "-" or model or before.endswith(("model", "version", " v", "no.", "#")):
            continue
        found.append(match.group(0).strip())
    return found


def has_phrase(reading: Reading, phrases: list[str] | tuple[str, ...]) -> str | None:
    """The first phrase of ``phrases`` that the text holds as whole words, if any."""
    return _find_phrase(reading.lower, tuple(phrases))


@lru_cache(maxsize=65536)
def _find_phrase(lower: str, phrases: tuple[str, ...]) -> str | None:
    for phrase in phrases:
        if phrase in lower and re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", lower):
            return phrase
    return None


def first_word(reading: Reading) -> str:
    return reading.words[0] if reading.words else ""


def starts_with(reading: Reading, phrases: list[str]) -> str | None:
    for phrase in phrases:
        if reading.lower.lstrip().startswith(phrase) and (
            len(reading.lower.lstrip()) == len(phrase)
            or not reading.lower.lstrip()[len(phrase)].isalnum()
        ):
            return phrase
    return None


Why = tuple[str, dict[str, str]]
"""A reason's id in the check book's `reasons` and its parameters."""


_KINDS: dict[tuple[int, str, str], tuple[Hints, ResultKind | None, Why]] = {}
"""result_kind by (hints, text, declared kind): every check of an item asks the same question.
The hints are kept with the answer, so that another book at a reused address never matches."""


def result_kind(
    reading: Reading, hints: Hints, declared: object = None
) -> tuple[ResultKind | None, Why]:
    """The kind of verifiability a key result has, and why; (None, why) when it has none."""
    key = (id(hints), reading.text, str(declared))
    found = _KINDS.get(key)
    if found is None or found[0] is not hints:
        if len(_KINDS) > 65536:
            _KINDS.clear()
        found = _KINDS[key] = (hints, *_result_kind(reading, hints, declared))
    return found[1], found[2]


def _result_kind(reading: Reading, hints: Hints, declared: object) -> tuple[ResultKind | None, Why]:
    if declared in ("metric", "maintain", "milestone", "baseline"):
        return declared, ("declared", {"kind": str(declared)})
    if _BASELINE.search(_PLACEHOLDER.sub(" ", reading.text)):
        return "baseline", ("baseline", {})
    quantity = bool(reading.targets) or bool(_RELATIVE.search(reading.text))
    if quantity and (
        _MAINTAIN.search(reading.text) or (_BAND.search(reading.text) and not reading.from_to)
    ):
        return "maintain", ("band", {})
    if reading.from_to:
        return "metric", ("from_to", {})
    if quantity:
        relative = _RELATIVE.search(reading.text)
        target = reading.targets[0] if reading.targets else relative.group(0) if relative else ""
        return "metric", ("threshold", {"target": target})
    verb = starts_with(reading, hints.done_verbs) or (
        "into production" if "into production" in reading.lower else None
    )
    if verb:
        return "milestone", ("milestone_dated" if reading.dated else "milestone", {"verb": verb})
    return None, ("nothing_verifiable", {})


def words_for_overlap(reading: Reading) -> frozenset[str]:
    stop = {
        "the",
        "a",
        "an",
        "of",
        "to",
        "from",
        "by",
        "in",
        "on",
        "for",
        "and",
        "our",
        "we",
        "at",
        "with",
        "points",
        "point",
    }
    return frozenset(w for w in reading.words if w not in stop)
