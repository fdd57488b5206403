"""Checks on objectives and key results."""

from __future__ import annotations

import re
from collections.abc import Iterator

from framework_advisor.domain.goals import Item
from framework_advisor.engine.goals.rules.registry import Context, Hit, item_rule, set_rule, text_of
from framework_advisor.engine.goals.rules.rewrite import rewrite_fields
from framework_advisor.engine.goals.text import (
    Reading,
    has_phrase,
    read,
    result_kind,
    starts_with,
    words_for_overlap,
)

# --- objectives ---------------------------------------------------------------------------------


def _objectives(ctx: Context) -> Iterator[Item]:
    return (i for i in ctx.goals.items if i.role == "objective")


def _key_results(ctx: Context, objective: Item) -> list[Item]:
    return [ctx.goals.items[i] for i in ctx.goals.children.get(objective.path, [])]


def _with_key_results(ctx: Context) -> Iterator[Item]:
    return (
        o for o in _objectives(ctx) if "key_results" in o.fields or "objectives" in ctx.goals.sets
    )


@set_rule("no-goals")
def _no_goals(ctx: Context) -> Iterator[Hit]:
    if not ctx.goals.items:
        yield Hit(())


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


def _learning(ctx: Context, item: Item) -> bool:
    """A key result of a learning objective: experiments and interviews are its results."""
    parent = ctx.goals.by_path.get(item.path[:-2]) if len(item.path) > 2 else None
    return parent is not None and str(parent.fields.get("type", "")).lower() == "learning"


@item_rule("key-result-not-verifiable", "key_result")
def _not_verifiable(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    kind, _ = result_kind(reading, ctx.book.hints, item.fields.get("kind"))
    if kind is not None or "target" in item.fields:
        return None
    return Hit(item.path, {"text": text_of(item.text)}, rewrite_fields(reading))


def is_activity(ctx: Context, item: Item, reading: Reading) -> bool:
    hints = ctx.book.hints
    if _declared_leading(item) or item.role != "key_result" or _learning(ctx, item):
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


def is_task(ctx: Context, item: Item, reading: Reading) -> bool:
    """A deliverable, done or not, with no date of its own and no period around it: a task
    (a milestone has a date: the issue's and Grove's "into production by June 15")."""
    if _declared_leading(item) or item.role != "key_result" or "kind" in item.fields:
        return False
    if _learning(ctx, item):
        return False
    kind, _ = result_kind(reading, ctx.book.hints)
    bounded = reading.dated or ctx.goals.settings.get("period") or item.fields.get("due")
    return kind == "milestone" and not bounded


@item_rule("key-result-task", "key_result")
def _task(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    if not is_task(ctx, item, reading):
        return None
    return Hit(item.path, {"text": text_of(item.text), "outcome": ctx.book.hints.default_outcome})


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


_PACE = re.compile(r"\b(?:per|a|each|every)\s+(?:day|week|month|quarter|year)\b", re.IGNORECASE)
