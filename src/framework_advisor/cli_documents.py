"""Commands that write documents: the report and the starter templates."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from framework_advisor.cli import (
    CONTEXT,
    answers_option,
    emit,
    force_option,
    format_option,
    kb_option,
    load_kb,
    output_format,
    output_option,
    warn_hidden,
    words,
)
from framework_advisor.render.formats import formats_for

if TYPE_CHECKING:
    from framework_advisor.domain.goals import GoalReview
    from framework_advisor.domain.knowledge import KnowledgeBase


@click.command(context_settings=CONTEXT)
@answers_option
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(formats_for("report"), case_sensitive=False),
    help="Without it, the format -o's file name ends in (.md, .html, .pdf, .docx, .json), or "
    "Markdown to standard output; pdf and docx need -o.",
)
@output_option
@force_option
@click.option("--brand", metavar="NAME", default="", help="The consultant or firm preparing it.")
@click.option(
    "--note",
    "note_path",
    metavar="FILE.md",
    type=click.Path(path_type=Path),
    help="Your covering note, shown as text at the top of page one.",
)
@click.option(
    "--with-answers",
    "answers_out",
    metavar="FILE",
    type=click.Path(path_type=Path),
    help="Also write the answers file behind the report (to reproduce or edit it) to FILE.",
)
@click.option(
    "--goals",
    "goal_files",
    metavar="FILE",
    multiple=True,
    help="Add the goal checker's findings on the team's goals in FILE (YAML, Markdown, or this "
    "tool's spreadsheets filled in, as `check` reads them) as an appendix; repeatable.",
)
@kb_option
@click.pass_context
def report(
    ctx: click.Context,
    answers_path: Path,
    fmt: str | None,
    output: Path | None,
    force: bool,
    brand: str,
    note_path: Path | None,
    answers_out: Path | None,
    goal_files: tuple[str, ...],
) -> None:
    """Write a recommendation report to send: profile, mix, ranking, rollout plan, examples.

    The report carries no answers file: --with-answers FILE writes it beside the report."""
    from framework_advisor.errors import UsageError
    from framework_advisor.exports import Documents, today_from_env
    from framework_advisor.render.formats import FORMATS
    from framework_advisor.sources.atomic import check_output, is_stdout
    from framework_advisor.storage import read_answers

    fmt = output_format(fmt, output, formats_for("report"), "md")
    if output is None and FORMATS[fmt].needs_file:
        raise UsageError(
            f"--format {fmt} writes a binary file: give -o/--output FILE (- for standard output)"
        )
    if output is not None and not is_stdout(output):
        check_output(output, force=force)  # before the work: a name we cannot write is one line
    if answers_out is not None:
        check_output(answers_out, force=force)
    note = read_note(note_path) if note_path is not None else ""
    today = today_from_env()
    kb = load_kb(ctx)
    answers = read_answers(kb, answers_path)
    warn_hidden(kb, answers.answers)
    goals = None
    if goal_files:
        goals = _goal_review(kb, goal_files)
    docs = Documents(kb, kb.in_question_order(answers.answers), now=today, goals=goals)
    document = docs.render("report", fmt, brand=brand, note=note)
    emit(document, output, force)
    if answers_out is not None:
        from framework_advisor.sources.atomic import atomic_write

        atomic_write(answers_out, docs.answers_file(), force=force)
        click.echo(words(kb, "cli.wrote", path=str(answers_out)), err=True)


def _goal_review(kb: KnowledgeBase, goal_files: tuple[str, ...]) -> GoalReview:
    """The team's goals checked as `check` checks them here: the repository's
    `.framework-advisor.yaml` (its profile and ignored checks) included."""
    from framework_advisor.cli_check import check_config
    from framework_advisor.goal_review import check_book, review_files
    from framework_advisor.sources.check_config import find_config

    config = find_config(None)
    check_config(config, check_book())
    return review_files(kb, goal_files, profile=config.profile, ignore=config.ignore)


NOTE_LIMIT = 20_000
"""Characters in a covering note: a page or two, not a document."""


def read_note(path: Path) -> str:
    """The covering note's text (UTF-8), or a one-line error naming the file."""
    from framework_advisor.errors import InputFileError
    from framework_advisor.sources.reading import read_text

    text = read_text(path, "note").removeprefix("\ufeff")
    if len(text) > NOTE_LIMIT:
        raise InputFileError(
            f"{path}: the note has {len(text):,} characters; a covering note takes at most "
            f"{NOTE_LIMIT:,}"
        )
    return text


@click.command(context_settings=CONTEXT)
@click.argument("ids", nargs=-1, metavar="[ID...]")
@format_option(
    *formats_for("template"),
    help="xlsx: Excel; csv: Google Sheets (one file per sheet); md: Notion; docx: Word.",
)
@click.option(
    "--out",
    "folder",
    required=True,
    metavar="DIR",
    type=click.Path(path_type=Path, file_okay=False),
    help="The folder to write into (created if missing).",
)
@click.option(
    "-a",
    "--answers",
    "answers_path",
    type=click.Path(path_type=Path),
    help="Prefill from the example library for the organisation's function and industry.",
)
@click.option(
    "--mix",
    is_flag=True,
    help="The templates serving the recommended plan, phase one's first (needs --answers).",
)
@force_option
@kb_option
@click.pass_context
def templates(
    ctx: click.Context,
    ids: tuple[str, ...],
    fmt: str,
    folder: Path,
    answers_path: Path | None,
    mix: bool,
    force: bool,
) -> None:
    """Write editable starter templates (Excel, CSV, Markdown or Word).

    \b
    IDs are template ids (okr-planning-sheet, kpi-dashboard, mbo-tracker,
    smart-worksheet, balanced-scorecard, hoshin-kanri-x-matrix, 4dx-tracker,
    v2mom-planner, north-star-canvas, eos-vto, mckinsey-7s-diagnostic,
    raci-matrix, fast-goals) or framework ids standing for their template
    (okr, kpi, okr_kpi_hybrid, mbo, smart, bsc, hoshin_kanri, v2mom, 4dx,
    north_star, eos, mckinsey_7s, raci, fast). No ID means all of them (ours,
    and any a knowledge pack adds).
    """
    from framework_advisor.errors import UsageError
    from framework_advisor.exports import Documents, template_files, today_from_env, write_files
    from framework_advisor.render.starter.build import resolve_ids

    if mix and answers_path is None:
        raise UsageError("--mix needs --answers FILE: the mix comes from the recommendation")
    kb = load_kb(ctx)
    docs: Documents | None = None
    if answers_path is not None:
        from framework_advisor.storage import read_answers

        answers = read_answers(kb, answers_path).answers
        warn_hidden(kb, answers)
        docs = Documents(kb, answers, sensitivity=False)
    chosen = resolve_ids(kb, ids)
    if mix and docs is not None:
        found = docs.mix_templates()
        chosen += [tid for tid in found.templates if tid not in chosen]
        from framework_advisor.domain.text import message

        if found.uncovered:
            names = [kb.frameworks[fid].name for fid in found.uncovered]
            from framework_advisor.safe_text import one_line

            said = message("cli.no_template_for", names=names)
            click.echo(one_line(kb.text.say(said)), err=True)
        if not chosen:
            raise UsageError(kb.text.say(message("cli.no_template_for_mix")))
    elif not ids:
        chosen = list(kb.templates)
    files = (
        docs.templates(chosen, fmt)
        if docs is not None
        else template_files(kb, chosen, fmt, None, today=today_from_env())
    )
    for path in write_files(folder, files, force=force):
        click.echo(words(kb, "cli.wrote", path=str(path)), err=True)
