"""From the command line's words to starter documents: which templates, filled how.

Pure: resolve ids, fill each template, render it in one format through the shared registry
(`render.formats`). Choosing the plan's templates and writing the files is `exports`' work."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, cast

from framework_advisor.domain.template import templates_for
from framework_advisor.errors import UsageError
from framework_advisor.render.starter.fill import OutputFile, StarterDocument, fill_template

if TYPE_CHECKING:
    from framework_advisor.domain.examples import ExampleSelection
    from framework_advisor.domain.knowledge import KnowledgeBase

FORMATS = ("xlsx", "csv", "md", "docx")


def _framework_lookup(kb: KnowledgeBase) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for fid, framework in kb.frameworks.items():
        for name in (fid, fid.replace("_", "-"), framework.name, *framework.aliases):
            lookup.setdefault(name.lower(), fid)
    return lookup


def resolve_ids(kb: KnowledgeBase, ids: Iterable[str]) -> list[str]:
    """Template ids for the ids given: template ids, or framework ids standing for theirs."""
    from framework_advisor.problems import did_you_mean

    lookup = _framework_lookup(kb)
    templates = kb.templates
    chosen: list[str] = []
    for given in ids:
        word = given.strip().lower()
        if word in templates:
            found = [word]
        elif word.replace("_", "-") in templates:
            found = [word.replace("_", "-")]
        elif word in lookup:
            fid = lookup[word]
            found = templates_for(templates, fid)
            if not found:
                raise UsageError(
                    f"'{given}': {kb.frameworks[fid].name} has no starter template; templates "
                    f"exist for: {', '.join(templates)}"
                )
        else:
            choices = [*templates, *kb.frameworks]
            said = f"no template or framework '{given}'; templates: {', '.join(templates)}."
            raise UsageError(kb.text.say(did_you_mean(said, word, choices)))
        chosen += [tid for tid in found if tid not in chosen]
    return chosen


def documents(
    kb: KnowledgeBase,
    template_ids: Sequence[str],
    selection: ExampleSelection | None,
    *,
    organisation: str = "",
    today: dt.date | None = None,
) -> list[StarterDocument]:
    from framework_advisor._version import __version__

    labels: list[str] = []
    missing = ""
    if selection is not None:
        for area in selection.areas:
            kind, _, value = area.partition(":")
            question = kb.question(kind)
            labels.append(question.label_of(value) if question else value)
        industry = kb.question("industry")
        if selection.missing_industry:
            missing = selection.missing_industry
            missing = industry.label_of(missing) if industry else missing
    return [
        fill_template(
            kb.templates[tid],
            selection,
            organisation=organisation,
            version=__version__,
            today=today,
            labels=labels,
            missing_industry=missing,
        )
        for tid in template_ids
    ]


def render_files(docs: Sequence[StarterDocument], fmt: str) -> list[OutputFile]:
    from framework_advisor.render.formats import render

    files: list[OutputFile] = []
    for document in docs:
        files += cast(list[OutputFile], render("template", fmt, document))
    return files
