"""From the command line's words to files: which templates, filled how, written where.

Used by `framework-advisor templates` (and meant for the TUI's export screen): resolve ids,
fill each template, render it in one format through the shared registry
(`render.formats`), then write every file atomically, refusing to overwrite without force and
checking every target before writing any."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from msgspec import Struct

from framework_advisor.errors import OutputError, UsageError
from framework_advisor.render.starter.catalog import TEMPLATES, templates_for
from framework_advisor.render.starter.fill import OutputFile, StarterDocument, fill_template
from framework_advisor.render.starter.safety import safe_target

if TYPE_CHECKING:
    from framework_advisor.domain.knowledge import KnowledgeBase
    from framework_advisor.engine.examples import ExampleSelection

FORMATS = ("xlsx", "csv", "md", "docx")


class MixTemplates(Struct, frozen=True):
    templates: list[str]
    """Templates serving the plan's frameworks: phase one's first, then each later phase's."""
    uncovered: list[str]
    """Frameworks in the plan that no template serves (RACI, 7S, FAST, Hoshin Kanri)."""


def _framework_lookup(kb: KnowledgeBase) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for fid, framework in kb.frameworks.items():
        for name in (fid, fid.replace("_", "-"), framework.name, *framework.aliases):
            lookup.setdefault(name.lower(), fid)
    return lookup


def resolve_ids(kb: KnowledgeBase, ids: Iterable[str]) -> list[str]:
    """Template ids for the ids given: template ids, or framework ids standing for theirs."""
    from framework_advisor.kb.suggest import did_you_mean

    lookup = _framework_lookup(kb)
    chosen: list[str] = []
    for given in ids:
        word = given.strip().lower()
        if word in TEMPLATES:
            found = [word]
        elif word.replace("_", "-") in TEMPLATES:
            found = [word.replace("_", "-")]
        elif word in lookup:
            fid = lookup[word]
            found = templates_for(fid)
            if not found:
                raise UsageError(
                    f"'{given}': {kb.frameworks[fid].name} has no starter template; templates "
                    f"exist for: {', '.join(TEMPLATES)}"
                )
        else:
            choices = [*TEMPLATES, *kb.frameworks]
            raise UsageError(
                f"no template or framework '{given}'; templates: {', '.join(TEMPLATES)}."
                + did_you_mean(word, choices)
            )
        chosen += [tid for tid in found if tid not in chosen]
    return chosen


def mix_templates(kb: KnowledgeBase, answers: dict[str, Any]) -> MixTemplates:
    from framework_advisor.engine.recommend import recommend

    phases = recommend(kb, answers, sensitivity=False).phases
    templates: list[str] = []
    uncovered: list[str] = []
    for fid in (f for phase in phases for f in phase.frameworks):
        found = templates_for(fid)
        if not found and fid not in uncovered:
            uncovered.append(fid)
        templates += [tid for tid in found if tid not in templates]
    return MixTemplates(templates=templates, uncovered=uncovered)


def documents(
    template_ids: Sequence[str],
    selection: ExampleSelection | None,
    *,
    organisation: str = "",
) -> list[StarterDocument]:
    from framework_advisor import __version__

    return [
        fill_template(TEMPLATES[tid], selection, organisation=organisation, version=__version__)
        for tid in template_ids
    ]


def render_files(docs: Sequence[StarterDocument], fmt: str) -> list[OutputFile]:
    from framework_advisor.render.formats import render

    files: list[OutputFile] = []
    for document in docs:
        files += cast(list[OutputFile], render("template", fmt, document))
    return files


def write_files(folder: Path, files: Sequence[OutputFile], *, force: bool) -> list[Path]:
    """Write every file into `folder` (created if needed), atomically; refuse to overwrite
    anything without `force`, checking all targets before writing the first: all the files or
    none (`storage.write_all`)."""
    from framework_advisor.storage import write_all

    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: is a file; --out names a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the folder: {exc.strerror or exc}") from None
    targets = [safe_target(folder, file.name) for file in files]
    if len(set(targets)) != len(targets):
        raise OutputError("two outputs would have the same file name")
    existing = [str(path) for path in targets if path.exists() or path.is_symlink()]
    if existing and not force:
        raise OutputError(
            f"{', '.join(existing)}: already exist{'s' if len(existing) == 1 else ''}; "
            "use --force to overwrite (nothing was written)"
        )
    write_all([(path, file.data) for path, file in zip(targets, files, strict=True)], force=force)
    return targets
