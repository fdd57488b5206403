"""The organisation's examples as flat records of fields, one per OKR objective, key result,
KPI or role example, for a template's prefill to place in columns (`RECORD_FIELDS` names each
role's fields). Numbers stay numbers; a metric already used in the template is left out."""

from __future__ import annotations

import re
from typing import Any

from framework_advisor.domain.examples import (
    PERSPECTIVE_LABELS,
    ExampleSelection,
    InputMetric,
    NorthStar,
    Role,
    ScorecardObjective,
    Wig,
)
from framework_advisor.domain.template import HIGHER, LOWER, Cells, Prefill

Record = dict[str, Any]

_LOWER = re.compile(
    r"(<|≤|\bbelow\b|\bunder\b|\bat most\b|\bless than\b|\bno more than\b|\bmax(imum)?\b"
    r"|\breduce|\bcut\b|\bdown\b)",
    re.IGNORECASE,
)
_HIGHER = re.compile(
    r"(>|≥|\babove\b|\bover\b|\bat least\b|\bmore than\b|\bmin(imum)?\b|\bup\b)", re.IGNORECASE
)
_LOWER_NAMES = re.compile(
    r"\b(churn|cost|costs|time to|cycle time|lead time|defects?|attrition|turnover|backlog|"
    r"bounce|downtime|incidents?|errors?|complaints?|days sales outstanding|dso|cac|waste|"
    r"scrap|absence|overdue|escalations?|wait)\b",
    re.IGNORECASE,
)
_NUMBER = r"[$€£]?(\d[\d,]*(?:\.\d+)?)\s?(k|m|bn)?\b"
_FROM_TO = re.compile(rf"\bfrom\s+{_NUMBER}\s*(?:%|[A-Za-z]+)?\s+to\s+{_NUMBER}", re.IGNORECASE)
_SCALE = {"k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}
_PERSPECTIVE_WORDS = (
    (
        "Financial",
        r"revenue|arr\b|mrr\b|margin|profit|cost|cash|ebitda|budget|spend|price|pipeline value"
        r"|bookings|sales growth|order value|dso|days sales",
    ),
    (
        "Customer",
        r"customer|client|nps|csat|churn|retention|satisfaction|renewal|patient|student"
        r"|loyalty|repeat|complaint|net promoter",
    ),
    (
        "Learning & Growth",
        r"employee|engagement|training|skill|hiring|attrition|turnover|learning|enps"
        r"|headcount|promotion|certification|onboarding of staff|time to hire|staff",
    ),
)


def direction(name: str, target: str) -> str:
    """Guess whether a KPI is better higher or lower from its target text, then its name."""
    if _LOWER.search(target):
        return LOWER
    if _HIGHER.search(target):
        return HIGHER
    return LOWER if _LOWER_NAMES.search(name) else ""


def perspective(name: str, definition: str) -> str:
    """A suggested Balanced Scorecard perspective for a KPI (the user can change it)."""
    text = f"{name} {definition}".lower()
    for label, words in _PERSPECTIVE_WORDS:
        if re.search(rf"\b({words})", text):
            return label
    return "Internal Process"


def from_to(text: str) -> tuple[float | None, float | None]:
    """Start and target from a key result written 'from X to Y', else (None, None)."""
    match = _FROM_TO.search(text)
    if not match:
        return None, None
    start_text, start_scale, target_text, target_scale = match.groups()
    start = float(start_text.replace(",", "")) * _SCALE.get((start_scale or "").lower(), 1)
    target = float(target_text.replace(",", "")) * _SCALE.get((target_scale or "").lower(), 1)
    return tidy(start), tidy(target)


_PLAIN_TARGET = re.compile(
    r"^\s*(?:≥|≤|>|<|at least|at most|under|over)?\s*[$€£]?(\d[\d,]*(?:\.\d+)?)\s?(k|m|bn)?\b"
    r"(?!\s*x\b)",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"\b(?:last|this|next|previous|average|target)\b|\d\s*x\b", re.IGNORECASE)


def target_number(text: str) -> float | int | None:
    """The number a written target states, in its own unit ("≥ 95%" -> 95, "≤ 20 minutes" ->
    20, "≥ $55" -> 55, "≤ 1.0 per 1,000 patient days" -> 1), or None when it has none or is
    relative to another figure ("≥ 3x next quarter's target", "110% of last year's")."""
    match = _PLAIN_TARGET.match(text)
    if not match or _RELATIVE.search(text):
        return None
    number = float(match[1].replace(",", "")) * _SCALE.get((match[2] or "").lower(), 1)
    return tidy(number)


def tidy(number: float) -> float | int:
    number = round(number, 6)
    return int(number) if number.is_integer() else number


def weights(count: int) -> list[float]:
    """Equal weights in whole percent that add up to exactly 100%."""
    if count <= 0:
        return []
    base, extra = divmod(100, count)
    return [(base + (1 if i < extra else 0)) / 100 for i in range(count)]


def shares(weights_given: list[int]) -> list[float]:
    """Relative weights as whole percents that add up to exactly 100% (largest remainder)."""
    total = sum(weights_given)
    if not total:
        return weights(len(weights_given))
    exact = [100 * w / total for w in weights_given]
    whole = [int(x) for x in exact]
    order = sorted(range(len(exact)), key=lambda i: (whole[i] - exact[i], i))
    for i in order[: 100 - sum(whole)]:
        whole[i] += 1
    return [w / 100 for w in whole]


def grouped(number: float, unit: str = "") -> str:
    """20000000 -> '20,000,000'; with a unit: '$300,000', '35%', '1,200 teams'."""
    value = tidy(float(number))
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")
    if unit in ("$", "€", "£"):
        return unit + text
    if unit == "%":
        return text + "%"
    return f"{text} {unit}" if unit else text


def _okr_records(selection: ExampleSelection, prefill: Prefill) -> list[Record]:
    okrs = list(selection.okrs)
    if prefill.limit:
        okrs = okrs[: prefill.limit]
    equal = weights(len(okrs))
    out: list[Record] = []
    for number, okr in enumerate(okrs, start=1):
        okr_id = f"O{number}"
        if prefill.role == "okr_objective":
            first_start, first_target = from_to(okr.key_results[0])
            out.append(
                {
                    "id": okr_id,
                    "objective": okr.objective,
                    "type": okr.type.capitalize(),
                    "first_kr": okr.key_results[0],
                    "first_start": first_start,
                    "first_target": first_target,
                    "weight": equal[number - 1],
                    "method": f"Method {number}",
                }
            )
            continue
        for position, text in enumerate(okr.key_results, start=1):
            start, target = from_to(text)
            out.append(
                {
                    "objective_id": okr_id,
                    "objective": okr.objective,
                    "key_result": text,
                    "kr_id": f"KR{number}.{position}",
                    "start": start,
                    "target": target,
                }
            )
    return out


def _kpi_records(selection: ExampleSelection) -> list[Record]:
    return [
        {
            "metric": kpi.metric,
            "name": kpi.name,
            "definition": kpi.definition,
            "indicator": kpi.indicator.capitalize(),
            "level": kpi.level.capitalize(),
            "frequency": kpi.frequency.capitalize(),
            "target": kpi.target,
            "unit": kpi.unit,
            "direction": direction(kpi.name, kpi.target),
            "perspective": perspective(kpi.name, kpi.definition),
            "name_target": f"{kpi.name}: {kpi.target}",
            "target_value": target_number(kpi.target),
        }
        for kpi in selection.kpis
    ]


def role_record(entry: Role) -> Record:
    """One role example as a record: its fields, with labels for people where a code is kept."""
    record: Record = {
        name: getattr(entry, name) for name in entry.__struct_fields__ if name != "source"
    }
    if isinstance(entry, Wig):
        record["statement"] = (
            f"{entry.goal}: from {grouped(entry.start, entry.unit)} "
            f"to {grouped(entry.target, entry.unit)}"
        )
    elif isinstance(entry, ScorecardObjective):
        record["perspective"] = PERSPECTIVE_LABELS[entry.perspective]
    elif isinstance(entry, NorthStar):
        record["game"] = GAMES[entry.game]
    elif isinstance(entry, InputMetric):
        record["kind"] = entry.kind.capitalize()
    return record


_NAME_FIELDS = ("goal", "objective", "method", "name", "rock", "priority", "measure")


def _names_by_metric(selection: ExampleSelection) -> dict[str, str]:
    """Each role example's metric -> its name in words (the first field of `_NAME_FIELDS` it
    has), the first example of a metric winning, for a row that says what it serves."""
    names: dict[str, str] = {}
    for entry in selection.roles:
        for field_name in _NAME_FIELDS:
            if field_name in entry.__struct_fields__:
                names.setdefault(entry.metric, str(getattr(entry, field_name)))
                break
    return names


GAMES = {
    "attention": "Attention: customers win when they spend time with the product",
    "transaction": "Transaction: customers win when they buy through the product",
    "productivity": "Productivity: customers win when they get work done well and fast",
}


def records(selection: ExampleSelection, prefill: Prefill, used: set[str]) -> list[Record]:
    """The records a prefill places, in order: its role's, filtered by `where`, without the
    metrics in `used` (those already in the template, which this adds to), up to `limit`."""
    if prefill.role in ("okr_objective", "key_result"):
        out = _okr_records(selection, prefill)
    elif prefill.role == "kpi":
        out = _kpi_records(selection)
    else:
        out = [role_record(entry) for entry in selection.of_role(prefill.role)]
        names = _names_by_metric(selection)
        for record in out:
            if "drives" in record:
                record["serves"] = names.get(record["drives"], "")
    for field_name, wanted in prefill.where.items():
        out = [record for record in out if record.get(field_name) == wanted]
    if prefill.role not in ("okr_objective", "key_result"):  # every other record has a metric
        out = _serving_what_is_placed(out, used)
        fresh: list[Record] = []
        for record in out:
            if record["metric"] not in used and all(r["metric"] != record["metric"] for r in fresh):
                fresh.append(record)
        out = fresh
        if prefill.limit:
            out = out[: prefill.limit]
        used.update(record["metric"] for record in out)
    if prefill.role == "mbo_objective":
        for record, share in zip(out, shares([r["weight"] for r in out]), strict=True):
            record["weight"] = share
    return out


def _serving_what_is_placed(out: list[Record], used: set[str]) -> list[Record]:
    """Records that drive another example's metric (lead measures, input metrics, V2MOM
    measures, Hoshin Kanri objectives), kept to those serving what the template has already
    placed (the WIG, the North Star, the methods) when it has placed any of them: a lead measure
    of another WIG never sits under W1."""
    driven = {record["drives"] for record in out if "drives" in record}
    if not driven & used:
        return out
    return [record for record in out if "drives" not in record or record["drives"] in used]


def prefill_rows(
    prefill: Prefill | None, selection: ExampleSelection, used: set[str]
) -> list[Cells]:
    """The rows a section's prefill gives: one per record, or for a form (`down`) one per field
    of the first record."""
    if prefill is None:
        return []
    found = records(selection, prefill, used)
    if prefill.down:
        if not found:
            return []
        first = found[0]
        count = max(len(names) for names in prefill.down.values())
        rows: list[Cells] = [dict(prefill.constants) for _ in range(count)]
        for column_key, names in prefill.down.items():
            for row, field_name in zip(rows, names, strict=False):
                value = first.get(field_name)
                if value is not None and value != "":
                    row[column_key] = value
        return rows
    rows = []
    for record in found:
        values: Cells = dict(prefill.constants)
        for column_key, field_name in prefill.fields.items():
            value = record.get(field_name)
            if value is not None and value != "":
                values[column_key] = value
        rows.append(values)
    return rows
