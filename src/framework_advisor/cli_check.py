"""`framework-advisor check`: review written goals (OKRs, KPIs, SMART goals, WIGs, Rocks,
scorecards, North Stars, MBOs, V2MOMs). Imports neither Textual nor openpyxl."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from framework_advisor.cli import (
    CONTEXT,
    emit,
    force_option,
    format_option,
    kb_option,
    load_kb,
    output_option,
)
from framework_advisor.engine.goals.check import SINGLE_KEY
from framework_advisor.errors import ExitCode, UsageError

KINDS = tuple(SINGLE_KEY)
"""The kinds `--kind` takes: one goal of each."""


@click.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, metavar="FILE...")
@format_option(
    "text",
    "json",
    "md",
    "sarif",
    "codequality",
    help="text: like a linter; json: an API; md: a table; sarif: GitHub code scanning; "
    "codequality: GitLab Code Quality.",
)
@click.option("--profile", metavar="NAME", help="Limits to write to (default: seeds).")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option(
    "--kind",
    type=click.Choice(KINDS),
    help="Check one goal given as text (the arguments, or - for standard input).",
)
@click.option("--items", "show_items", is_flag=True, help="Text: also list what each item is.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Settings file (default: .framework-advisor.yaml in the working directory, if any).",
)
@output_option
@force_option
@kb_option
def check(
    inputs: tuple[str, ...],
    fmt: str,
    profile: str | None,
    strict: bool,
    kind: str | None,
    show_items: bool,
    config_path: Path | None,
    output: Path | None,
    force: bool,
) -> None:
    """Check written goals in YAML or Markdown files (- for standard input), or in this tool's
    spreadsheet templates filled in (xlsx, csv); with no FILE,
    the `paths` of .framework-advisor.yaml.

    Exit 1 when there are errors (with --strict, warnings too), 0 otherwise, 2 for input that
    cannot be read."""
    from framework_advisor.engine.goals.check import check_goals, one_goal
    from framework_advisor.engine.goals.suppress import kept
    from framework_advisor.goal_review import check_book
    from framework_advisor.sources.check_config import find_config, goal_files

    book = check_book()
    config = find_config(config_path)
    check_config(config, book)
    profile = profile if profile is not None else config.profile
    if profile is not None and profile not in book.profiles:
        from framework_advisor.problems import one_of

        raise UsageError(
            _words(
                "cli.check.no_profile",
                profile=profile,
                profiles=one_of(book.profiles),
                near=(profile, book.profiles),
            )
        )
    if not inputs and kind is None and config.paths:
        inputs = tuple(goal_files(config))
        if not inputs:
            raise UsageError(_words("cli.check.no_goal_files", file=str(config.file)))
    if not inputs:
        raise UsageError(_words("cli.check.give_a_file"))
    reports = []
    if kind is not None:
        from framework_advisor.sources.goal_file import read_stdin

        text = read_stdin() if inputs == ("-",) else " ".join(inputs)
        data = one_goal(kind, text)
        report = check_goals(data, _Plain("<goal>"), book, profile)
        reports.append(_without(report, kept(report.findings, (), config.ignore)))
    else:
        from framework_advisor.goal_review import review_files

        ctx = click.get_current_context()
        review = review_files(
            lambda: load_kb(ctx), inputs, profile=profile, ignore=config.ignore, book=book
        )
        reports += review.reports
    text_out = _render(reports, fmt, book, show_items=show_items)
    emit(text_out, output, force)
    errors = sum(r.count("error") for r in reports)
    warnings = sum(r.count("warning") for r in reports)
    if errors or (strict and warnings):
        click.get_current_context().exit(int(ExitCode.FINDINGS))


def _words(message_id: str, near: tuple[object, Iterable[str]] = ("", ()), **params: Any) -> str:
    """A sentence of the catalogue's (knowledge/text/en.yaml, ``cli.check.*``), with "Did you
    mean" the closest of ``near``'s choices to its word. The knowledge base is loaded (from its
    cache) only when there is something to say: checking goals that pass never needs it."""
    from framework_advisor.domain.text import message
    from framework_advisor.problems import did_you_mean

    kb = load_kb(click.get_current_context())
    return kb.text.say(did_you_mean(message(message_id, **params), *near))


class _Plain:
    """A goal given as text: no lines to point at."""

    def __init__(self, file: str) -> None:
        self.file = file

    def line_of(self, path: Any) -> int | None:
        return None


def _render(reports: list[Any], fmt: str, book: Any, *, show_items: bool) -> str:
    if fmt == "sarif":
        from framework_advisor._version import __version__
        from framework_advisor.render.code_review.sarif import as_sarif

        def note(results: int, left_out: int) -> str:
            return _words("cli.check.sarif_note", results=results, left_out=left_out)

        log = as_sarif(reports, book, tool_version=__version__, left_out_note=note)
        if log.left_out:
            said = _words("cli.check.sarif_left_out", results=log.results, left_out=log.left_out)
            click.echo(said, err=True)
        return log.text
    if fmt == "codequality":
        from framework_advisor.render.code_review.codequality import as_codequality

        return as_codequality(reports)
    from framework_advisor.render import findings

    if fmt == "json":
        return findings.as_json(reports)
    if fmt == "md":
        return findings.as_markdown(reports)
    return findings.as_text(reports, show_items=show_items)


def _without(report: Any, findings: list[Any]) -> Any:
    """The report with only the findings kept (suppressed and ignored ones left out)."""
    import msgspec

    return msgspec.structs.replace(report, findings=findings)


def check_config(config: Any, book: Any) -> None:
    """The settings file's rule ids and profile must be the check book's: exit 2 otherwise."""
    from framework_advisor.errors import Diagnostic
    from framework_advisor.problems import one_of
    from framework_advisor.sources.check_config import RULE, ConfigError

    problems = []
    for rule in config.ignore:
        if rule not in book.checks:
            problems.append(
                Diagnostic.at(
                    config.file,
                    "check.ignore",
                    _words("cli.check.no_check", rule=rule, near=(rule, book.checks)),
                    config.lines.get("ignore"),
                    rule=RULE,
                )
            )
    if config.profile is not None and config.profile not in book.profiles:
        problems.append(
            Diagnostic.at(
                config.file,
                "check.profile",
                _words(
                    "cli.check.no_profile_here",
                    profile=config.profile,
                    profiles=one_of(book.profiles),
                    near=(config.profile, book.profiles),
                ),
                config.lines.get("profile"),
                rule=RULE,
            )
        )
    if problems:
        raise ConfigError(problems, load_kb(click.get_current_context()).text)
