"""`framework-advisor check`: review written goals (OKRs, KPIs, SMART goals, WIGs, Rocks,
scorecards, North Stars, MBOs, V2MOMs). Imports neither Textual nor openpyxl."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from framework_advisor.cli import CONTEXT, emit, force_option, format_option, output_option
from framework_advisor.engine.goals.check import SINGLE_KEY
from framework_advisor.errors import ExitCode, UsageError

KINDS = tuple(SINGLE_KEY)
"""The kinds `--kind` takes: one goal of each."""


@click.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, metavar="FILE...")
@format_option("text", "json", "md", help="text: like a linter; json: an API; md: a table.")
@click.option("--profile", metavar="NAME", help="Limits to write to (default: seeds).")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option(
    "--kind",
    type=click.Choice(KINDS),
    help="Check one goal given as text (the arguments, or - for standard input).",
)
@click.option("--items", "show_items", is_flag=True, help="Text: also list what each item is.")
@output_option
@force_option
def check(
    inputs: tuple[str, ...],
    fmt: str,
    profile: str | None,
    strict: bool,
    kind: str | None,
    show_items: bool,
    output: Path | None,
    force: bool,
) -> None:
    """Check written goals in YAML or Markdown files (- for standard input).

    Exit 1 when there are errors (with --strict, warnings too), 0 otherwise, 2 for input that
    cannot be read."""
    from framework_advisor.engine.goals.check import REASON_IDS, check_goals, one_goal
    from framework_advisor.engine.goals.rules import rule_ids
    from framework_advisor.kb.checks import load_checks

    book = load_checks(known_rules=rule_ids(), known_reasons=REASON_IDS)
    if profile is not None and profile not in book.profiles:
        from framework_advisor.problems import did_you_mean, one_of

        raise UsageError(
            f"--profile: no profile '{profile}'; one of {one_of(book.profiles)}."
            + did_you_mean(profile, book.profiles)
        )
    if not inputs:
        raise UsageError(
            "give a goal file (or - for standard input), or --kind KIND and a goal's text"
        )
    reports = []
    if kind is not None:
        from framework_advisor.sources.goal_file import read_stdin

        text = read_stdin() if inputs == ("-",) else " ".join(inputs)
        data = one_goal(kind, text)
        reports.append(check_goals(data, _Plain("<goal>"), book, profile))
    else:
        from framework_advisor.engine.goals.check import goal_data
        from framework_advisor.sources.goal_file import read_goal_file

        for name in inputs:
            data, doc = goal_data(read_goal_file(name))
            reports.append(check_goals(data, doc, book, profile))
    from framework_advisor.render import findings

    if fmt == "json":
        text_out = findings.as_json(reports)
    elif fmt == "md":
        text_out = findings.as_markdown(reports)
    else:
        text_out = findings.as_text(reports, show_items=show_items)
    emit(text_out, output, force)
    errors = sum(r.count("error") for r in reports)
    warnings = sum(r.count("warning") for r in reports)
    if errors or (strict and warnings):
        click.get_current_context().exit(int(ExitCode.FINDINGS))


class _Plain:
    """A goal given as text: no lines to point at."""

    def __init__(self, file: str) -> None:
        self.file = file

    def line_of(self, path: Any) -> int | None:
        return None
