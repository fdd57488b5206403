"""Checks on the structure each framework declares: 4DX, EOS, the Balanced Scorecard, the North Star,
MBO and V2MOM."""

from __future__ import annotations

import re
from collections.abc import Iterator

from framework_advisor.domain.goals import Item
from framework_advisor.engine.goals.items import PERSPECTIVES, V2MOM_PARTS
from framework_advisor.engine.goals.rules.registry import Context, Hit, item_rule, set_rule, text_of
from framework_advisor.engine.goals.rules.rewrite import rewrite_fields
from framework_advisor.engine.goals.text import (
    Reading,
    has_phrase,
    read,
    result_kind,
    starts_with,
)

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
    hints = ctx.book.hints
    lag = has_phrase(reading, hints.lag_terms)
    action = starts_with(reading, [*hints.activity_verbs, *hints.done_verbs])
    return Hit(item.path, {"text": text_of(item.text)}) if lag and not action else None


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
    ongoing = (
        starts_with(reading, hints.continuity_verbs) and kind != "milestone" and not reading.dated
    ) or kind == "maintain"
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


_ALL = re.compile(r"\b(?:every|all|none|zero|no)\b", re.IGNORECASE)
"""A target of everyone or no one is a number (100%, 0)."""
