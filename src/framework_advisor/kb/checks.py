"""The goal checker's check book, `knowledge/checks.yaml`, read and validated with file and line
for every problem: each check's fields, its placeholders, its profiles, and (given the ids the
engine implements) that every check has code and every rule has an entry."""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path
from typing import Any

from framework_advisor.domain.goals import Check, CheckBook, Hints, Profile
from framework_advisor.domain.text import message
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
        problems.add(document, (), message("kb.checks.not_a_mapping"))
        raise _refused(problems)
    profiles: dict[str, Profile] = {}
    for index, entry in enumerate(_list(data, "profiles", document, problems)):
        profile = problems.convert(document, ("profiles", index), entry, Profile)
        if profile is not None:
            if profile.id in profiles:
                problems.add(
                    document,
                    ("profiles", index, "id"),
                    message("kb.checks.profile_twice", profile=profile.id),
                )
            profiles[profile.id] = profile
    default = data.get("default_profile")
    if default not in profiles:
        problems.add(
            document, ("default_profile",), message("kb.checks.no_default", profile=str(default))
        )
    hints = problems.convert(document, ("hints",), data.get("hints"), Hints)
    reasons = problems.convert(document, ("reasons",), data.get("reasons"), dict[str, str])
    for reason, text in (reasons or {}).items():
        for placeholder in BRACED.findall(text):
            if not re.fullmatch(r"[a-z_]+", placeholder):
                said = message("kb.checks.not_plain", placeholder=placeholder)
                problems.add(document, ("reasons", reason), said)
    for reason in sorted(set(known_reasons) - set(reasons or {})):
        problems.add(document, ("reasons",), message("kb.checks.no_reason", reason=reason))
    checks: dict[str, Check] = {}
    for index, entry in enumerate(_list(data, "checks", document, problems)):
        check = problems.convert(document, ("checks", index), entry, Check)
        if check is None:
            continue
        where = ("checks", index)
        if check.id in checks:
            problems.add(document, (*where, "id"), message("kb.checks.check_twice", check=check.id))
        checks[check.id] = check
        for name in ("message", "suggestion"):
            for placeholder in BRACED.findall(getattr(check, name)):
                if placeholder not in check.params:
                    problems.add(
                        document,
                        (*where, name),
                        message("kb.checks.not_a_param", placeholder=placeholder),
                    )
        for placeholder in BRACED.findall(check.rewrite):
            if placeholder not in REWRITE_FIELDS:
                problems.add(
                    document,
                    (*where, "rewrite"),
                    message(
                        "kb.checks.not_a_field",
                        placeholder=placeholder,
                        fields=str(sorted(REWRITE_FIELDS)),
                    ),
                )
        for position, profile_id in enumerate(check.profiles):
            if profile_id != "all":
                said = message("kb.checks.no_profile", name=profile_id)
                problems.known(document, (*where, "profiles", position), profile_id, profiles, said)
        for verdict, examples in (("pass", check.passes), ("fail", check.fails)):
            for position, example in enumerate(examples):
                if example.profile is not None:
                    problems.known(
                        document,
                        (*where, verdict, position, "profile"),
                        example.profile,
                        profiles,
                        message("kb.checks.no_profile", name=example.profile),
                    )
        if not check.fails:
            problems.add(document, (*where, "fail"), message("kb.checks.fails"))
    if known_rules:
        for rule in sorted(set(known_rules) - set(checks)):
            problems.add(document, ("checks",), message("kb.checks.no_entry", rule=rule))
        for index, check_id in enumerate(checks):
            if check_id not in known_rules:
                problems.add(
                    document, ("checks", index, "id"), message("kb.checks.no_rule", rule=check_id)
                )
    if problems or hints is None or reasons is None:
        raise _refused(problems)
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
        problems.add(document, (key,), message("kb.checks.list"))
        return []
    return value


def _refused(problems: ProblemCollector) -> KnowledgeBaseError:
    from framework_advisor.kb.build import refused  # the loader: only when there are problems

    return refused(problems)
