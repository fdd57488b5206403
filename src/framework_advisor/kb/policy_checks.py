"""Pass 2 for the in-use and pay policies (kb.yaml ``policies``) and what frameworks say about
them: each rollout step's ``when``/``unless`` parsed against the questionnaire, and each
``if_not_working`` and policy naming frameworks that exist."""

from __future__ import annotations

from typing import Any

import msgspec

from framework_advisor.domain.framework import Framework
from framework_advisor.domain.knowledge import Policies
from framework_advisor.domain.messages import PAY_HOME
from framework_advisor.domain.question import Question
from framework_advisor.domain.text import message
from framework_advisor.kb.conditions import ConditionParser
from framework_advisor.kb.schema import Located
from framework_advisor.kb.text import TextBuilder
from framework_advisor.problems import ProblemCollector


def resolve_steps(
    problems: ProblemCollector, located: Located, questions: dict[str, Question]
) -> Framework:
    """The framework with its rollout steps' conditions parsed (``located.raw_when``: the raw
    ``when``/``unless`` by step index), and its ``if_not_working`` checked."""
    framework: Framework = located.value
    conditions: dict[int, dict[str, Any]] = located.raw_when or {}
    steps = list(framework.rollout)
    for index, raw in conditions.items():
        parsed: dict[str, Any] = {}
        for key, value in raw.items():
            parser = ConditionParser(questions, problems, located.doc)
            parsed[key] = parser.parse(value, ("rollout", index, key))
        steps[index] = msgspec.structs.replace(steps[index], **parsed)
    return msgspec.structs.replace(framework, rollout=steps) if conditions else framework


def check_replacements(problems: ProblemCollector, frameworks: dict[str, Located]) -> None:
    """Each ``if_not_working.replace_with`` names other frameworks that exist."""
    for fid, located in frameworks.items():
        replacement = located.value.if_not_working
        if replacement is None:
            continue
        if not replacement.replace_with:
            problems.add(
                located.doc, ("if_not_working", "replace_with"), message("kb.policy.name_one")
            )
        for index, other in enumerate(replacement.replace_with):
            path = ("if_not_working", "replace_with", index)
            if other == fid:
                problems.add(located.doc, path, message("kb.policy.replace_itself"))
            else:
                said = message("kb.no_framework", name=other)
                problems.known(located.doc, path, other, frameworks, said)


def check_policies(
    problems: ProblemCollector,
    located: Located | None,
    frameworks: dict[str, Located],
    text: TextBuilder,
) -> None:
    """The pay policy names frameworks that exist, no home is also kept out of pay, and each
    home has its sentence in the catalogue (``pay.home.<framework>``), each for a home."""
    if located is None:
        return
    pay = located.value.pay if isinstance(located.value, Policies) else None
    if pay is None:
        return
    base = (*located.path, "pay")
    for key in ("homes", "never"):
        for index, fid in enumerate(getattr(pay, key)):
            said = message("kb.no_framework", name=fid)
            known = problems.known(located.doc, (*base, key, index), fid, frameworks, said)
            if known and key == "homes" and fid in pay.never:
                problems.add(located.doc, (*base, key, index), message("kb.policy.never"))
    for message_id in text.family(PAY_HOME):
        fid = message_id.removeprefix(PAY_HOME)
        if fid not in pay.homes:
            doc, path = text.where[message_id]
            problems.add(doc, path, message("kb.policy.not_a_home", framework=fid))
    for index, fid in enumerate(pay.homes):
        if PAY_HOME + fid not in text.entries:
            said = message("kb.policy.no_sentence", id=PAY_HOME + fid)
            problems.add(located.doc, (*base, "homes", index), said)
