"""Run the check book over a goal file: every item classified with its reason, every check of
the profile applied, findings located and filled from the check book, and rewrites offered only
when the same checks pass them."""

from __future__ import annotations

from typing import Any, get_args

from framework_advisor.domain.goals import (
    CheckBook,
    Classified,
    Finding,
    Item,
    ItemKind,
    Report,
    fill,
)
from framework_advisor.domain.text import Catalogue, Message
from framework_advisor.engine.goals.items import SINGLE, GoalFile, items_of
from framework_advisor.engine.goals.markdown import goals_from_outline
from framework_advisor.engine.goals.rules import (
    ITEM_RULES,
    SET_RULES,
    Context,
    Hit,
    is_activity,
    is_health_metric,
    is_task,
    smart_letters,
)
from framework_advisor.engine.goals.text import read, result_kind
from framework_advisor.errors import Diagnostic, DiagnosticsError, Location
from framework_advisor.problems import LineSource, ProblemCollector, format_path
from framework_advisor.sources.goal_file import GoalSource
from framework_advisor.sources.yaml_lines import YamlDocument

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SINGLE_KEY: dict[str, str] = {str(kind): key for key, kind in SINGLE.items()}
SINGLE_KEY["north_star"] = "north_star"
"""The kinds `check --kind` takes, and the goal file's key for one goal of that kind."""


class GoalFileError(DiagnosticsError):
    """A goal file whose shape no goal file has: exit 2, one line per problem."""

    title = Message("problems.title.goal_file")


def check_goals(
    data: Any,
    doc: LineSource,
    book: CheckBook,
    profile: str | None = None,
    words: Catalogue | None = None,
) -> Report:
    """Findings and classified items for a goal file's data; GoalFileError for a bad shape, its
    problems said in ``words`` (without: said by the caller, ``problems.worded``)."""
    problems = ProblemCollector(rule="goal-file", words=words)
    goals = items_of(data, doc, problems)
    if problems:
        raise GoalFileError(problems.problems, words)
    ctx = Context(book=book, profile=profile or book.default_profile, goals=goals)
    hits = run_rules(ctx)
    findings = [_finding(ctx, rule, hit, doc) for rule, hit in hits]
    findings.sort(key=lambda f: (f.diagnostic.line or 0, SEVERITY_ORDER[f.diagnostic.severity]))
    items = [classify(ctx, item, doc) for item in goals.items]
    return Report(file=doc.file, findings=findings, items=items)


def active(book: CheckBook, profile: str, rule: str) -> bool:
    check = book.checks.get(rule)
    return check is not None and ("all" in check.profiles or profile in check.profiles)


def run_rules(ctx: Context, *, sets: bool = True) -> list[tuple[str, Hit]]:
    hits: list[tuple[str, Hit]] = []
    for rule, (role, function) in ITEM_RULES.items():
        if not active(ctx.book, ctx.profile, rule):
            continue
        for item in ctx.goals.items:
            if item.role == role:
                hit = function(ctx, item, read(item.text))
                if hit is not None:
                    hits.append((rule, hit))
    for rule, set_function in SET_RULES.items() if sets else ():
        if active(ctx.book, ctx.profile, rule):
            hits.extend((rule, hit) for hit in set_function(ctx))
    return hits


def _finding(ctx: Context, rule: str, hit: Hit, doc: LineSource) -> Finding:
    check = ctx.book.checks[rule]
    where = format_path(hit.path)
    line = doc.line_of(hit.path) if hit.path else None
    diagnostic = Diagnostic(
        Location(doc.file, line),
        fill(check.message, hit.params),
        key=where,
        rule=rule,
        severity=check.severity,
    )
    rewrite = ""
    if check.rewrite and hit.rewrite:
        key = (rule, tuple(sorted(hit.rewrite.items())))
        if key not in ctx.rewrites:
            ctx.rewrites[key] = _rewrite(ctx, rule, hit)
        rewrite = ctx.rewrites[key]
    return Finding(diagnostic, fill(check.suggestion, hit.params), check.source, rewrite)


def _rewrite(ctx: Context, rule: str, hit: Hit) -> str:
    """The check's rewrite pattern filled with the author's words and placeholders, offered
    only if every item check of the profile passes it (no error or warning)."""
    fields = {
        "baseline": "[baseline]",
        "target": "[target]",
        "when": "[when]",
        **(hit.rewrite or {}),
    }
    text = " ".join(fill(ctx.book.checks[rule].rewrite, fields).split())
    role = ITEM_RULES[rule][0] if rule in ITEM_RULES else "key_result"
    if role == "objective":
        role = "key_result"  # an objective's number becomes a key result
    item = Item(role=role, path=(SINGLE_KEY.get(role, role),), text=text)  # type: ignore[arg-type]  # role is one of the item kinds
    probe = Context(book=ctx.book, profile=ctx.profile, goals=GoalFile(items=[item]))
    for other, _ in run_rules(probe, sets=False):
        if ctx.book.checks[other].severity in ("error", "warning"):
            return ""
    return text


REASON_IDS = frozenset(
    {
        "declared",
        "baseline",
        "band",
        "from_to",
        "threshold",
        "milestone",
        "milestone_dated",
        "nothing_verifiable",
        "leading",
        "health_metric",
        "activity",
        "wish",
        "one_off_project",
        "indicator",
        "objective_number",
        "yes",
        "no",
        "declared_word",
        "not_declared_word",
    }
) | (frozenset(get_args(ItemKind)) - {"key_result", "kpi", "initiative"})  # an item's kind
"""Every reason id the classification uses: each must be in the check book's `reasons`."""


def classify(ctx: Context, item: Item, doc: LineSource) -> Classified:
    """What the item really is, and why (in the check book's words)."""
    reasons = ctx.book.reasons
    reading = read(item.text)
    where, line = format_path(item.path), doc.line_of(item.path) if item.path else None

    def why(reason_id: str, **params: str) -> str:
        return fill(reasons[reason_id], params)

    if item.role in ("key_result", "kpi"):
        declared = item.fields.get("kind") if item.role == "key_result" else None
        kind, (base_id, base_params) = result_kind(reading, ctx.book.hints, declared)
        base = why(base_id, **base_params)
        if item.role == "kpi":
            if kind == "milestone" and not reading.targets:
                return Classified(
                    where, "milestone", why("one_off_project", reason=base), line, kind
                )
            return Classified(where, "kpi", why("indicator"), line, None)
        if item.fields.get("leading") is True:
            return Classified(where, "lead_measure", why("leading"), line, kind)
        if is_health_metric(ctx, item, reading):
            return Classified(where, "kpi", why("health_metric", reason=base), line, kind)
        if is_activity(ctx, item, reading):
            return Classified(where, "initiative", why("activity", reason=base), line, kind)
        if is_task(ctx, item, reading):
            return Classified(where, "initiative", why("task", reason=base), line, kind)
        if kind == "milestone":
            return Classified(where, "milestone", base, line, kind)
        if kind is None:
            return Classified(where, "initiative", why("wish", reason=base), line, None)
        return Classified(where, "key_result", base, line, kind)
    if item.role == "smart":
        judged = smart_letters(ctx, item, reading)
        letters = {k.lower(): reasons["yes"] if judged[k] else reasons["no"] for k in "SMT"}
        for k in "AR":
            letters[k.lower()] = reasons["declared_word" if judged[k] else "not_declared_word"]
        return Classified(where, "smart", why("smart", **letters), line, None)
    if item.role == "objective":
        reason = "objective_number" if reading.targets else "objective"
        return Classified(where, "objective", why(reason), line, None)
    return Classified(where, item.role, why(item.role), line, None)


def goal_data(source: GoalSource) -> tuple[Any, YamlDocument]:
    """A goal file's data in the YAML shape, with the line of every goal: Markdown read into
    that shape; a duplicate YAML key is a GoalFileError."""
    if source.outline is not None:
        data, lines = goals_from_outline(source.outline)
        return data, YamlDocument(file=source.file, data=data, lines=lines)
    document = source.yaml if source.yaml is not None else YamlDocument(file=source.file, data=None)
    if document.duplicates:
        raise GoalFileError(document.duplicates)
    return document.data, document


def one_goal(kind: str, text: str) -> dict[str, Any]:
    """A goal file holding one goal of ``kind`` given as text (`check --kind`)."""
    return {SINGLE_KEY[kind]: text}
