"""Checks on KPIs and SMART goals."""

from __future__ import annotations

from framework_advisor.domain.goals import Item
from framework_advisor.engine.goals.rules.registry import Context, Hit, item_rule, text_of
from framework_advisor.engine.goals.rules.rewrite import rewrite_fields
from framework_advisor.engine.goals.text import (
    Reading,
    has_phrase,
    read,
    result_kind,
)

# --- KPIs -----------------------------------------------------------------------------------------

_SYMBOLS = (">", "<", "≥", "≤")


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
    hints = ctx.book.hints
    words = [
        *hints.direction_lower,
        *hints.direction_higher,
        *hints.direction_band,
        *hints.lower_is_better,
        *hints.higher_is_better,
    ]
    if has_phrase(both, words) or any(s in both.text for s in _SYMBOLS):
        return None
    return Hit(item.path, {"text": text_of(item.text)})


@item_rule("kpi-no-frequency", "kpi")
def _kpi_frequency(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    frequency = has_phrase(reading, ctx.book.hints.frequency_words)
    if "frequency" in item.fields or frequency or _is_project(ctx, reading):
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


def _in_smart_set(ctx: Context, item: Item) -> bool:
    """A goal of the file's SMART goals (not a FAST goal or a Hoshin Kanri objective, judged
    for S, M and T only: A and R are SMART's own letters)."""
    return "smart_goals" in ctx.goals.sets and item.path[:1] == ("smart_goals",)


@item_rule("smart-owner", "smart")
def _smart_a(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    if not _in_smart_set(ctx, item) or smart_letters(ctx, item, reading)["A"]:
        return None
    return Hit(item.path, {"text": text_of(item.text)})


@item_rule("smart-relevant", "smart")
def _smart_r(ctx: Context, item: Item, reading: Reading) -> Hit | None:
    if not _in_smart_set(ctx, item) or smart_letters(ctx, item, reading)["R"]:
        return None
    return Hit(item.path, {"text": text_of(item.text)})
