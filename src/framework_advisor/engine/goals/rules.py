"""The code behind each check of `knowledge/checks.yaml`, one function per check id. An item
rule looks at one goal; a set rule at a whole list the file holds. Each returns the hits (where,
and the parameters of the check's message); words are the check book's."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from msgspec import Struct, field

from framework_advisor.domain.goals import CheckBook, Item
from framework_advisor.engine.goals.items import PERSPECTIVES, V2MOM_PARTS, GoalFile
from framework_advisor.engine.goals.text import (
    Reading,
    has_phrase,
    read,
    result_kind,
    starts_with,
    words_for_overlap,
)
from framework_advisor.problems import KeyPath


class Hit(Struct, frozen=True):
    path: KeyPath
    params: dict[str, str] = field(default_factory=dict)
    rewrite: dict[str, str] | None = None
    """The author's verb, metric and numbers for the check's rewrite pattern, if one is honest."""


class Context(Struct):
    book: CheckBook
    profile: str
    goals: GoalFile
    rewrites: dict[tuple[Any, ...], str] = field(default_factory=dict)
    """Rewrites already re-checked, by rule and fields: a pattern repeated is checked once."""

    def limit(self, name: str) -> Any:
        return self.book.limit(self.profile, name)


ItemRule = Callable[[Context, Item, Reading], Hit | None]
SetRule = Callable[[Context], Iterator[Hit]]
ITEM_RULES: dict[str, tuple[str, ItemRule]] = {}
SET_RULES: dict[str, SetRule] = {}


def item_rule(rule: str, role: str) -> Callable[[ItemRule], ItemRule]:
    def register(function: ItemRule) -> ItemRule:
        ITEM_RULES[rule] = (role, function)
        return function

    return register


def set_rule(rule: str) -> Callable[[SetRule], SetRule]:
    def register(function: SetRule) -> SetRule:
        SET_RULES[rule] = function
        return function

    return register


def rule_ids() -> frozenset[str]:
    return frozenset(ITEM_RULES) | frozenset(SET_RULES)


def text_of(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_FILLER = {
    "better",
    "improved",
    "more",
    "higher",
    "greater",
    "a",
    "an",
    "the",
    "our",
    "great",
    "good",
}
CHANGE_VERBS = {
    "increase": "Increase",
    "grow": "Increase",
    "raise": "Increase",
    "improve": "Increase",
    "boost": "Increase",
    "lift": "Increase",
    "reach": "Increase",
    "achieve": "Increase",
    "reduce": "Reduce",
    "cut": "Reduce",
    "lower": "Reduce",
    "decrease": "Reduce",
    "shorten": "Reduce",
    "halve": "Reduce",
    "minimise": "Reduce",
    "minimize": "Reduce",
}


def rewrite_fields(reading: Reading) -> dict[str, str] | None:
    """The author's metric (the words after a change verb, without numbers or dates) and any
    target they gave; None when no metric can be named honestly from their words."""

    words = reading.text.split()
    verb = CHANGE_VERBS.get(words[0].lower().strip(",.:"), "") if words else ""
    rest = words[1:] if verb else words
    metric_words: list[str] = []
    for word in rest:
        bare = word.lower().strip(",.;:")
        if bare in {
            "by",
            "from",
            "to",
            "in",
            "within",
            "under",
            "below",
            "above",
            "over",
        } or re.search(r"\d|[+%$£€]", word):
            break
        metric_words.append(word.strip(",.;:"))
    while metric_words and metric_words[0].lower() in _FILLER:
        metric_words = metric_words[1:]
    if metric_words and not metric_words[0].isupper():
        metric_words[0] = metric_words[0][:1].lower() + metric_words[0][1:]
    metric = " ".join(metric_words).strip()
    if not metric or len(metric_words) > 8:
        return None
    stated = re.search(
        r"\b(?:to|under|below|above|over|of|at least|at most)\s+([$£€¥]?\d[\d,.]*\s*(?:%|k|m|million|hours|days)?)",
        reading.text,
        re.IGNORECASE,
    )
    target = stated.group(1).strip() if stated else "[target]"
    return {"verb": verb or "Increase", "metric": metric, "target": target}


# --- objectives ---------------------------------------------------------------------------------


def _objectives(ctx: Context) -> Iterator[Item]:
    return (i for i in ctx.goals.items if i.role == "objective")


def _key_results(ctx: Context, objective: Item) -> list[Item]:
    return [ctx.goals.items[i] for i in ctx.goals.children.get(objective.path, [])]


def _with_key_results(ctx: Context) -> Iterator[Item]:
    return (
        o for o in _objectives(ctx) if "key_results" in o.fields or "objectives" in ctx.goals.sets
    )


@set_rule("objective-no-key-results")
def _no_key_results(ctx: Context) -> Iterator[Hit]:
    for objective in _with_key_results(ctx):
        if not _key_results(ctx, objective):
            yield Hit(objective.path, {"objective": text_of(objective.text)})


@set_rule("objective-one-key-result")
def _one_key_result(ctx: Context) -> Iterator[Hit]:
    for objective in _with_key_results(ctx):
        if len(_key_results(ctx, objective)) == 1:
            yield Hit(objective.path, {"objective": text_of(objective.text)})


@set_rule("too-many-key-results")
def _too_many_key_results(ctx: Context) -> Iterator[Hit]:
    most = ctx.limit("key_results_max")
    for objective in _with_key_results(ctx):
        count = len(_key_results(ctx, objective))
        if most is not None and count > most:
            yield Hit(
                objective.path,
                {
                    "objective": text_of(objective.text),
                    "count": str(count),
                    "max": str(most),
                    "profile": ctx.profile,
                },
            )


@set_rule("too-few-key-results")
def _too_few_key_results(ctx: Context) -> Iterator[Hit]:
    least = ctx.limit("key_results_min")
    for objective in _with_key_results(ctx):
        count = len(_key_results(ctx, objective))
        if least is not None and 2 <= count < least:
            yield Hit(
                objective.path,
                {
                    "objective": text_of(objective.text),
                    "count": str(count),
                    "min": str(least),
                    "profile": ctx.profile,
                },
            )


@set_rule("too-many-objectives")
def _too_many_objectives(ctx: Context) -> Iterator[Hit]:
    most = ctx.limit("objectives_max")
    if "objectives" not in ctx.goals.sets or most is None:
        return
    count = sum(1 for i in _objectives(ctx) if i.path[0] == "objectives")
    if count > most:
        yield Hit(("objectives",), {"count": str(count), "max": str(most), "profile": ctx.profile})


@set_rule("okr-no-time-bound")
def _no_time_bound(ctx: Context) -> Iterator[Hit]:
    if "objectives" not in ctx.goals.sets or ctx.goals.settings.get("period"):
        return
    okr = [
        i
        for i in ctx.goals.items
        if i.role in ("objective", "key_result") and i.path[0] == "objectives"
    ]
    bounded = ("due", "deadline", "when", "period")
    if okr and not any(read(i.text).dated or any(i.fields.get(f) for f in bounded) for i in okr):
        yield Hit(())


@set_rule("commitment-undeclared")
def _commitment(ctx: Context) -> Iterator[Hit]:
    if "objectives" not in ctx.goals.sets:
        return
    count = sum(1 for i in _objectives(ctx) if i.path[0] == "objectives" and "type" not in i.fields)
    if count:
        yield Hit(("objectives",), {"count": str(count)})


@set_rule("okr-pay-linked")
def _pay(ctx: Context) -> Iterator[Hit]:
    if ctx.goals.settings.get("compensation_linked") is True and any(_objectives(ctx)):
        yield Hit(("compensation_linked",))


@item_rule("objective-is-metric", "objective")
def _objective_metric(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    if not reading.targets or "[target]" in reading.targets:
        return None
    return Hit(item.path, {"text": text_of(item.text)}, rewrite_fields(reading))


@item_rule("objective-business-as-usual", "objective")
def _objective_bau(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    hints = ctx.book.hints
    if starts_with(reading, hints.continuity_verbs) and not (
        has_phrase(reading, hints.change_words) or " by " in reading.lower
    ):
        return Hit(item.path, {"text": text_of(item.text)})
    return None


# --- key results --------------------------------------------------------------------------------


def _declared_leading(item: Item) -> bool:
    return item.fields.get("leading") is True or item.fields.get("kind") == "leading"


@item_rule("key-result-not-verifiable", "key_result")
def _not_verifiable(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    kind, _ = result_kind(reading, ctx.book.hints, item.fields.get("kind"))
    if kind is not None or "target" in item.fields:
        return None
    return Hit(item.path, {"text": text_of(item.text)}, rewrite_fields(reading))


def is_activity(ctx: Context, item: Item, reading: Reading) -> bool:
    hints = ctx.book.hints
    if _declared_leading(item) or item.role != "key_result":
        return False
    if has_phrase(reading, ["lines of code"]):
        return True
    kind, _ = result_kind(reading, hints, item.fields.get("kind"))
    if kind != "metric" or reading.from_to:
        return False
    verb = starts_with(reading, hints.activity_verbs)
    counted = has_phrase(reading, hints.output_nouns)
    unpaced = read(_PACE.sub(" ", reading.text))  # "per month" is a pace, not a rate
    plain_count = not has_phrase(unpaced, hints.rate_words) and not any(
        t.endswith("%") or t[:1] in "$£€¥" for t in reading.targets
    )
    return bool(
        (verb or counted)
        and plain_count
        and (verb or not has_phrase(reading, ["customers", "users"]))
    )


@item_rule("key-result-activity", "key_result")
def _activity(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    if not is_activity(ctx, item, reading):
        return None
    outcomes = ctx.book.hints.activity_outcomes
    noun = has_phrase(reading, list(outcomes))
    outcome = outcomes[noun] if noun else ctx.book.hints.default_outcome
    return Hit(item.path, {"text": text_of(item.text), "outcome": outcome})


@item_rule("key-result-vanity", "key_result")
def _vanity(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    hints = ctx.book.hints
    term = has_phrase(reading, list(hints.vanity_terms))
    if term is None or has_phrase(reading, [w for w in hints.rate_words if w not in term]):
        return None
    if any(t.endswith("%") for t in reading.targets):
        return None
    return Hit(
        item.path, {"text": text_of(item.text), "term": term, "better": hints.vanity_terms[term]}
    )


def is_health_metric(ctx: Context, item: Item, reading: Reading) -> bool:
    kind, _ = result_kind(reading, ctx.book.hints, item.fields.get("kind"))
    return kind == "maintain"


@item_rule("key-result-is-kpi", "key_result")
def _is_kpi(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    return (
        Hit(item.path, {"text": text_of(item.text)})
        if is_health_metric(ctx, item, reading)
        else None
    )


@item_rule("key-result-end-of-cycle", "key_result")
def _end_of_cycle(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    period = str(ctx.goals.settings.get("period", "")).lower()
    if period and "q" not in period and "h" not in period:
        return None  # a yearly cycle: a yearly measure is read in time
    hints = ctx.book.hints
    yearly_result = has_phrase(reading, ["year-end", "end of the year", "financial year", "fy"])
    if (
        has_phrase(reading, hints.end_of_cycle_terms)
        and has_phrase(reading, hints.read_once_terms)
        and not yearly_result
    ):
        return Hit(item.path, {"text": text_of(item.text)})
    return None


@set_rule("key-result-duplicate")
def _duplicates(ctx: Context) -> Iterator[Hit]:
    overlap = ctx.limit("duplicate_overlap") or 1.0
    for objective in _objectives(ctx):
        seen: list[tuple[Item, frozenset[str]]] = []
        for result in _key_results(ctx, objective):
            words = words_for_overlap(read(result.text))
            for other, other_words in seen:
                union = words | other_words
                if union and len(words & other_words) / len(union) >= overlap:
                    yield Hit(
                        result.path, {"text": text_of(result.text), "other": text_of(other.text)}
                    )
                    break
            seen.append((result, words))


# --- KPIs -----------------------------------------------------------------------------------------

_LOWER = (
    "lower",
    "under",
    "below",
    "less than",
    "fewer than",
    "at most",
    "no more than",
    "reduce",
    "cut",
    "decrease",
    "minimise",
    "minimize",
)
_HIGHER = (
    "higher",
    "above",
    "over",
    "at least",
    "more than",
    "increase",
    "grow",
    "raise",
    "exceed",
    "maximise",
    "maximize",
)
_BANDED = ("between", "within", "band")
_SYMBOLS = (">", "<", "≥", "≤")
_FREQUENCY = (
    "daily",
    "weekly",
    "monthly",
    "quarterly",
    "each week",
    "every week",
    "per week",
    "each month",
    "every month",
    "per month",
    "each day",
    "every day",
    "per day",
)


@item_rule("kpi-no-target", "kpi")
def _kpi_target(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    if "target" in item.fields or reading.targets or _is_project(ctx, reading):
        return None
    return Hit(
        item.path,
        {"text": text_of(item.text)},
        {"metric": item.text, "verb": "", "target": "[target]"},
    )


@item_rule("kpi-no-direction", "kpi")
def _kpi_direction(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    if "direction" in item.fields or _is_project(ctx, reading):
        return None
    both = read(f"{item.text} {item.fields.get('target', '')}")
    if has_phrase(both, _LOWER + _HIGHER + _BANDED) or any(s in both.text for s in _SYMBOLS):
        return None
    return Hit(item.path, {"text": text_of(item.text)})


@item_rule("kpi-no-frequency", "kpi")
def _kpi_frequency(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    if "frequency" in item.fields or has_phrase(reading, _FREQUENCY) or _is_project(ctx, reading):
        return None
    return Hit(item.path, {"text": text_of(item.text)})


def _is_project(ctx: Context, reading: Reading) -> bool:
    kind, _ = result_kind(reading, ctx.book.hints)
    measured = has_phrase(reading, ctx.book.hints.rate_words)
    return kind == "milestone" and not reading.targets and not measured


@item_rule("kpi-is-project", "kpi")
def _kpi_project(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    return Hit(item.path, {"text": text_of(item.text)}) if _is_project(ctx, reading) else None


# --- SMART --------------------------------------------------------------------------------------


def smart_letters(ctx: Context, item: Item, reading: Reading) -> dict[str, bool]:
    hints = ctx.book.hints
    kind, _ = result_kind(reading, hints, item.fields.get("kind"))
    content = [
        w for w in reading.words if w not in {"the", "a", "an", "to", "our", "of", "by", "and"}
    ]
    vague = [w for w in content if w in hints.vague_words]
    specific = len(content) >= 4 and len(vague) * 3 < len(content)
    return {
        "S": specific,
        "M": kind is not None and not (kind == "milestone" and vague and not reading.targets),
        "T": reading.dated or "deadline" in item.fields or "when" in item.fields,
        "A": "owner" in item.fields,
        "R": "relevant" in item.fields or "why" in item.fields,
    }


@item_rule("smart-specific", "smart")
def _smart_s(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    return (
        None
        if smart_letters(ctx, item, reading)["S"]
        else Hit(item.path, {"text": text_of(item.text)})
    )


@item_rule("smart-measurable", "smart")
def _smart_m(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    if smart_letters(ctx, item, reading)["M"]:
        return None
    return Hit(item.path, {"text": text_of(item.text)}, rewrite_fields(reading))


@item_rule("smart-time-bound", "smart")
def _smart_t(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    return (
        None
        if smart_letters(ctx, item, reading)["T"]
        else Hit(item.path, {"text": text_of(item.text)})
    )


@item_rule("smart-owner", "smart")
def _smart_a(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    if "smart_goals" not in ctx.goals.sets or smart_letters(ctx, item, reading)["A"]:
        return None
    return Hit(item.path, {"text": text_of(item.text)})


@item_rule("smart-relevant", "smart")
def _smart_r(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    if "smart_goals" not in ctx.goals.sets or smart_letters(ctx, item, reading)["R"]:
        return None
    return Hit(item.path, {"text": text_of(item.text)})


# --- 4DX ------------------------------------------------------------------------------------------


@item_rule("wig-shape", "wig")
def _wig(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    if reading.from_to and reading.dated:
        return None
    return Hit(item.path, {"text": text_of(item.text)}, rewrite_fields(reading))


@set_rule("too-many-wigs")
def _wigs(ctx: Context) -> Iterator[Hit]:
    most = ctx.limit("wigs_max")
    count = sum(1 for i in ctx.goals.items if i.role == "wig" and i.path[0] == "wigs")
    if "wigs" in ctx.goals.sets and most is not None and count > most:
        yield Hit(("wigs",), {"count": str(count), "max": str(most), "profile": ctx.profile})


@item_rule("lead-measure-is-lag", "lead_measure")
def _lead_lag(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    lag = has_phrase(reading, ctx.book.hints.lag_terms)
    return Hit(item.path, {"text": text_of(item.text)}) if lag else None


@item_rule("lead-measure-not-weekly", "lead_measure")
def _lead_weekly(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    if reading.weekly or str(item.fields.get("cadence", "")).lower() in ("weekly", "daily"):
        return None
    return Hit(item.path, {"text": text_of(item.text)})


# --- EOS ------------------------------------------------------------------------------------------


@set_rule("rock-count")
def _rock_count(ctx: Context) -> Iterator[Hit]:
    if "rocks" not in ctx.goals.sets:
        return
    least, most = ctx.limit("rocks_min"), ctx.limit("rocks_max")
    count = sum(1 for i in ctx.goals.items if i.role == "rock" and i.path[0] == "rocks")
    if (least is not None and count < least) or (most is not None and count > most):
        yield Hit(
            ("rocks",),
            {"count": str(count), "min": str(least), "max": str(most), "profile": ctx.profile},
        )


@set_rule("rock-no-owner")
def _rock_owner(ctx: Context) -> Iterator[Hit]:
    if "rocks" not in ctx.goals.sets:
        return
    rocks = [i for i in ctx.goals.items if i.role == "rock" and i.path[0] == "rocks"]
    if any("owner" in r.fields for r in rocks):  # owners are written down: each Rock needs one
        for rock in rocks:
            if not rock.fields.get("owner"):
                yield Hit(rock.path, {"text": text_of(rock.text)})


@item_rule("rock-not-binary", "rock")
def _rock_binary(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    hints = ctx.book.hints
    kind, _ = result_kind(reading, hints, item.fields.get("kind"))
    ongoing = starts_with(reading, hints.continuity_verbs) or kind == "maintain"
    vague = kind is None and starts_with(
        reading, ["improve", "enhance", "work on", "focus on", "better"]
    )
    return Hit(item.path, {"text": text_of(item.text)}) if ongoing or vague else None


# --- Balanced Scorecard, North Star, MBO, V2MOM -----------------------------------------------------


@set_rule("bsc-missing-perspective")
def _bsc_perspectives(ctx: Context) -> Iterator[Hit]:
    if "bsc" not in ctx.goals.sets:
        return
    present = {
        i.path[1] for i in ctx.goals.items if i.role == "bsc_objective" and i.path[0] == "bsc"
    }
    for perspective in PERSPECTIVES:
        if perspective not in present:
            yield Hit(("bsc",), {"perspective": perspective.replace("_", " ")})


@item_rule("bsc-objective-incomplete", "bsc_objective")
def _bsc_objective(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    missing = [f for f in ("measure", "target", "initiative") if not item.fields.get(f)]
    return (
        Hit(item.path, {"text": text_of(item.text), "missing": ", ".join(missing)})
        if missing
        else None
    )


@item_rule("north-star-revenue", "north_star")
def _ns_revenue(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    return (
        Hit(item.path, {"text": text_of(item.text)})
        if has_phrase(reading, ctx.book.hints.revenue_terms)
        else None
    )


@item_rule("north-star-raw-usage", "north_star")
def _ns_usage(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    raw = has_phrase(reading, ctx.book.hints.raw_usage_terms)
    qualified = has_phrase(
        reading, ["weekly", "daily", "who", "that", "completing", "retained", "paying"]
    )
    return Hit(item.path, {"text": text_of(item.text)}) if raw and not qualified else None


@set_rule("north-star-no-inputs")
def _ns_inputs(ctx: Context) -> Iterator[Hit]:
    if "north_star" not in ctx.goals.sets:
        return
    for star in (i for i in ctx.goals.items if i.role == "north_star"):
        if not ctx.goals.children.get(star.path):
            yield Hit(star.path, {"text": text_of(star.text)})


@set_rule("mbo-weights")
def _mbo(ctx: Context) -> Iterator[Hit]:
    weights = [
        i.fields.get("weight")
        for i in ctx.goals.items
        if i.role == "mbo_objective" and i.path[0] == "mbo"
    ]
    numbers = [w for w in weights if isinstance(w, int | float) and not isinstance(w, bool)]
    if "mbo" in ctx.goals.sets and numbers and abs(sum(numbers) - 100) > 1e-9:
        total = sum(numbers)
        yield Hit(("mbo",), {"total": f"{total:g}"})


@set_rule("v2mom-missing-part")
def _v2mom(ctx: Context) -> Iterator[Hit]:
    if "v2mom" not in ctx.goals.sets:
        return
    for part in V2MOM_PARTS:
        if part not in ctx.goals.v2mom_parts:
            yield Hit(("v2mom",), {"part": part})


@set_rule("v2mom-unranked")
def _v2mom_ranked(ctx: Context) -> Iterator[Hit]:
    for part in ctx.goals.v2mom_unranked:
        yield Hit(("v2mom", part), {"part": part})


@item_rule("v2mom-measure-not-numeric", "v2mom_measure")
def _v2mom_measure(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    target = str(item.fields.get("target", ""))
    whole = read(f"{item.text} {target}")
    if whole.targets or result_kind(whole, ctx.book.hints)[0] == "metric" or _ALL.search(target):
        return None
    return Hit(item.path, {"text": text_of(item.text)})


_PACE = re.compile(r"\b(?:per|a|each|every)\s+(?:day|week|month|quarter|year)\b", re.IGNORECASE)
_ALL = re.compile(r"\b(?:every|all|none|zero|no)\b", re.IGNORECASE)
"""A target of everyone or no one is a number (100%, 0)."""
