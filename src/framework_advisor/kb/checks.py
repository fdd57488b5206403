"""The goal checker's check book, `knowledge/checks.yaml`, read and validated with file and line
for every problem: each check's fields, its placeholders, its profiles, and (given the ids the
engine implements) that every check has code and every rule has an entry."""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path
from typing import Any

from framework_advisor.domain.goals import Check, CheckBook, Hints, Profile
from framework_advisor.errors import KnowledgeBaseError
from framework_advisor.problems import ProblemCollector
from framework_advisor.sources.yaml_lines import YamlDocument, load_yaml_file

FILE = "checks.yaml"
BRACED = re.compile(r"\{([^{}]*)\}")
"""Anything in braces: a placeholder must be a plain name from the check's params (never a
field path such as {x.__class__})."""
REWRITE_FIELDS = frozenset({"verb", "metric", "baseline", "target", "when"})
"""What a rewrite pattern may name: the author's own verb, metric and numbers, and placeholders."""


def checks_file() -> Path:
    from framework_advisor.kb.locate import embedded_dir

    return embedded_dir() / FILE


def load_checks(
    path: Path | None = None,
    known_rules: Collection[str] = (),
    known_reasons: Collection[str] = (),
) -> CheckBook:
    """The check book, or KnowledgeBaseError listing every problem found. ``known_rules`` and
    ``known_reasons``: the ids the engine uses, each of which must have an entry."""
    path = checks_file() if path is None else path
    document = load_yaml_file(path, "check book")
    return build_checks(document, known_rules, known_reasons)


def build_checks(
    document: YamlDocument,
    known_rules: Collection[str] = (),
    known_reasons: Collection[str] = (),
) -> CheckBook:
    problems = ProblemCollector(rule="kb-checks", field_rule="kb-field")
    data: Any = document.data
    if not isinstance(data, dict):
        problems.add(document, (), "expected a mapping with profiles, hints and checks")
        raise KnowledgeBaseError(problems.problems)
    profiles: dict[str, Profile] = {}
    for index, entry in enumerate(_list(data, "profiles", document, problems)):
        profile = problems.convert(document, ("profiles", index), entry, Profile)
        if profile is not None:
            if profile.id in profiles:
                problems.add(document, ("profiles", index, "id"), f"profile '{profile.id}' twice")
            profiles[profile.id] = profile
    default = data.get("default_profile")
    if default not in profiles:
        problems.add(document, ("default_profile",), f"no profile '{default}'")
    hints = problems.convert(document, ("hints",), data.get("hints"), Hints)
    reasons = problems.convert(document, ("reasons",), data.get("reasons"), dict[str, str])
    for reason, text in (reasons or {}).items():
        for placeholder in BRACED.findall(text):
            if not re.fullmatch(r"[a-z_]+", placeholder):
                problems.add(
                    document, ("reasons", reason), f"'{{{placeholder}}}' is not a plain placeholder"
                )
    for reason in sorted(set(known_reasons) - set(reasons or {})):
        problems.add(document, ("reasons",), f"the engine's reason '{reason}' has no entry")
    checks: dict[str, Check] = {}
    for index, entry in enumerate(_list(data, "checks", document, problems)):
        check = problems.convert(document, ("checks", index), entry, Check)
        if check is None:
            continue
        where = ("checks", index)
        if check.id in checks:
            problems.add(document, (*where, "id"), f"check '{check.id}' twice")
        checks[check.id] = check
        for name in ("message", "suggestion"):
            for placeholder in BRACED.findall(getattr(check, name)):
                if placeholder not in check.params:
                    problems.add(
                        document,
                        (*where, name),
                        f"placeholder '{{{placeholder}}}' is not one of the check's params",
                    )
        for placeholder in BRACED.findall(check.rewrite):
            if placeholder not in REWRITE_FIELDS:
                problems.add(
                    document,
                    (*where, "rewrite"),
                    f"placeholder '{{{placeholder}}}' is not one of {sorted(REWRITE_FIELDS)}",
                )
        for position, profile_id in enumerate(check.profiles):
            if profile_id != "all":
                problems.known(
                    document, (*where, "profiles", position), "profile", profile_id, profiles
                )
        for verdict, examples in (("pass", check.passes), ("fail", check.fails)):
            for position, example in enumerate(examples):
                if example.profile is not None:
                    problems.known(
                        document,
                        (*where, verdict, position, "profile"),
                        "profile",
                        example.profile,
                        profiles,
                    )
        if not check.fails:
            problems.add(document, (*where, "fail"), "a check needs at least one failing example")
    if known_rules:
        for rule in sorted(set(known_rules) - set(checks)):
            problems.add(document, ("checks",), f"the engine's rule '{rule}' has no entry")
        for index, check_id in enumerate(checks):
            if check_id not in known_rules:
                problems.add(
                    document, ("checks", index, "id"), f"no rule '{check_id}' in the engine"
                )
    if problems or hints is None or reasons is None:
        raise KnowledgeBaseError(problems.problems)
    return CheckBook(
        default_profile=str(default),
        profiles=profiles,
        checks=checks,
        hints=hints,
        reasons=reasons,
        file=document.file,
    )


def _list(
    data: dict[str, Any], key: str, document: YamlDocument, problems: ProblemCollector
) -> list[Any]:
    value = data.get(key)
    if not isinstance(value, list):
        problems.add(document, (key,), "expected a list")
        return []
    return value
