"""Commands that explore: what-if, the frameworks, examples, the questionnaire, validation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from framework_advisor.cli import (
    CONTEXT,
    answers_option,
    emit,
    force_option,
    format_option,
    kb_option,
    load_kb,
    output_option,
    terminal_width,
    use_color,
    words,
)
from framework_advisor.render.formats import formats_for


@click.command(context_settings=CONTEXT)
@answers_option
@click.option(
    "--set",
    "settings",
    multiple=True,
    metavar="QUESTION=VALUE",
    help="Change one answer (repeatable); lists are comma-separated, empty means unanswered.",
)
@click.option(
    "--vs", "other_path", type=click.Path(path_type=Path), help="Compare with another answers file."
)
@format_option(*formats_for("whatif"))
@output_option
@force_option
@kb_option
@click.pass_context
def whatif(
    ctx: click.Context,
    answers_path: Path,
    settings: tuple[str, ...],
    other_path: Path | None,
    fmt: str,
    output: Path | None,
    force: bool,
) -> None:
    """Show how the recommendation changes when answers change."""
    from framework_advisor.engine.answers import parse_value, validate_answers
    from framework_advisor.engine.whatif import compare_answers
    from framework_advisor.errors import UsageError
    from framework_advisor.render.formats import render
    from framework_advisor.storage import read_answers

    if bool(settings) == bool(other_path):
        raise UsageError("give either --set QUESTION=VALUE (one or more) or --vs OTHER_FILE")
    kb = load_kb(ctx)
    before = read_answers(kb, answers_path).answers
    if other_path is not None:
        after = read_answers(kb, other_path).answers
    else:
        after = dict(before)
        for setting in settings:
            question_id, equals, text = setting.partition("=")
            if not equals:
                raise UsageError(words(kb, "cli.expected_setting", setting=repr(setting)))
            value = parse_value(kb, question_id.strip(), text)
            if value is None:
                after.pop(question_id.strip(), None)
            else:
                after[question_id.strip()] = value
        after = validate_answers(kb, after, file="--set")
    result = compare_answers(kb, before, after)
    emit(
        render("whatif", fmt, result, kb=kb, color=use_color(output), width=terminal_width()),
        output,
        force,
    )


@click.command(context_settings=CONTEXT)
@format_option(*formats_for("frameworks"))
@kb_option
@click.pass_context
def frameworks(ctx: click.Context, fmt: str) -> None:
    """List the frameworks in the knowledge base."""
    from framework_advisor.render.formats import render

    kb = load_kb(ctx)
    emit(render("frameworks", fmt, kb, color=use_color(None), width=terminal_width()), None, False)


def _framework_id(kb: Any, framework_id: str) -> str:
    from framework_advisor.domain.text import message
    from framework_advisor.errors import UsageError
    from framework_advisor.problems import did_you_mean

    if framework_id in kb.frameworks:
        return framework_id
    by_alias = {
        alias.lower(): fid
        for fid, f in kb.frameworks.items()
        for alias in (*f.aliases, f.name, fid.replace("_", "-"))
    }
    if framework_id.lower() in by_alias:
        return by_alias[framework_id.lower()]
    said = message("cli.no_framework", framework=framework_id)
    raise UsageError(kb.text.say(did_you_mean(said, framework_id, kb.frameworks)))


@click.command(context_settings=CONTEXT)
@click.argument("framework_id", metavar="ID")
@format_option(*formats_for("framework"))
@output_option
@force_option
@kb_option
@click.pass_context
def show(ctx: click.Context, framework_id: str, fmt: str, output: Path | None, force: bool) -> None:
    """Show one framework in full: purpose, structure, pros, cons, pitfalls, origin, sources."""
    from framework_advisor.render.formats import render

    kb = load_kb(ctx)
    fid = _framework_id(kb, framework_id)
    emit(
        render("framework", fmt, kb, fid, color=use_color(output), width=terminal_width()),
        output,
        force,
    )


@click.command(context_settings=CONTEXT)
@click.argument("framework_ids", nargs=-1, required=True, metavar="ID ID [ID...]")
@format_option(*formats_for("comparison"))
@output_option
@force_option
@kb_option
@click.pass_context
def compare(
    ctx: click.Context, framework_ids: tuple[str, ...], fmt: str, output: Path | None, force: bool
) -> None:
    """Compare two to four frameworks side by side."""
    from framework_advisor.errors import UsageError
    from framework_advisor.render.formats import render

    if not 2 <= len(framework_ids) <= 4:
        raise UsageError("compare takes two to four framework ids")
    kb = load_kb(ctx)
    ids = list(dict.fromkeys(_framework_id(kb, fid) for fid in framework_ids))
    if len(ids) < 2:
        given = list(framework_ids)
        raise UsageError(words(kb, "cli.compare_same", given=given, framework=ids[0]))
    emit(
        render("comparison", fmt, kb, ids, color=use_color(output), width=terminal_width()),
        output,
        force,
    )


@click.command(context_settings=CONTEXT)
@click.option("--function", "function", metavar="ID", help="A function id (see `questions`).")
@click.option("--industry", "industry", metavar="ID", help="An industry id (see `questions`).")
@click.option(
    "--growth-model", "growth_model", metavar="ID", help="A growth model id (see `questions`)."
)
@click.option(
    "--set",
    "settings",
    multiple=True,
    metavar="QUESTION=VALUE",
    help="Any other answer examples depend on, such as education_setting=school (repeatable).",
)
@click.option(
    "--framework",
    type=click.Choice(["okr", "kpi"], case_sensitive=False),
    help="Only OKRs or only KPIs.",
)
@format_option(*formats_for("examples"))
@output_option
@force_option
@kb_option
@click.pass_context
def examples(
    ctx: click.Context,
    function: str | None,
    industry: str | None,
    growth_model: str | None,
    settings: tuple[str, ...],
    framework: str | None,
    fmt: str,
    output: Path | None,
    force: bool,
) -> None:
    """Example OKRs and KPIs for a function, an industry and a growth model: the same selection
    the report and the starter templates use (content written for an industry or growth model
    shows only when it is given)."""
    from framework_advisor.engine.answers import parse_value
    from framework_advisor.engine.examples import select_examples
    from framework_advisor.errors import UsageError
    from framework_advisor.render.formats import render

    kb = load_kb(ctx)
    function = parse_value(kb, "function", function, file="--function") if function else None
    industry = parse_value(kb, "industry", industry, file="--industry") if industry else None
    growth_model = (
        parse_value(kb, "growth_model", growth_model, file="--growth-model")
        if growth_model
        else None
    )
    given = {"function": function, "industry": industry, "growth_model": growth_model}
    answers = {k: v for k, v in given.items() if v is not None}
    for setting in settings:
        question_id, equals, given_value = (part.strip() for part in setting.partition("="))
        if not equals:
            raise UsageError(words(kb, "cli.expected_setting", setting=repr(setting)))
        value = parse_value(kb, question_id, given_value, file="--set")
        if value is not None:
            answers[question_id] = value
    selection = select_examples(kb, answers)
    text = render(
        "examples",
        fmt,
        selection,
        framework=framework,
        kb=kb,
        color=use_color(output),
        width=terminal_width(),
    )
    emit(text, output, force)


@click.command(context_settings=CONTEXT)
@format_option(
    *formats_for("questions"),
    help="yaml: a commented blank answers file; json: a JSON Schema of the answers file.",
)
@output_option
@force_option
@kb_option
@click.pass_context
def questions(ctx: click.Context, fmt: str, output: Path | None, force: bool) -> None:
    """List the questionnaire, or write a blank answers file to fill in."""
    from framework_advisor.render.formats import render

    kb = load_kb(ctx)
    emit(
        render("questions", fmt, kb, color=use_color(output), width=terminal_width()), output, force
    )


@click.command(context_settings=CONTEXT)
@kb_option
@click.pass_context
def validate(ctx: click.Context) -> None:
    """Validate the knowledge base and packs from their YAML (never from the cache); warn of
    ids and source-keeping phrases (wording.yaml) in text a client reads."""
    kb = load_kb(ctx, use_cache=False)
    from framework_advisor.goal_review import check_book

    check_book()  # the goal checker's book, its ids checked against the code
    from framework_advisor.domain.client_text import Vocabulary, client_texts
    from framework_advisor.domain.text import Message, message
    from framework_advisor.safe_text import one_line

    say = kb.text.say
    for leak in Vocabulary(kb).leaks_in(client_texts(kb)):
        click.echo(one_line(say(message("cli.client_text_leak", leak=leak))), err=True)
    from framework_advisor.kb.kinds import KINDS

    counts = [message("cli.count.frameworks", count=len(kb.frameworks))]
    counts += [
        message(f"cli.count.{kind.table}", count=len(getattr(kb, kind.table)))
        for kind in KINDS
        if kind.counted
    ]
    packs: list[str | Message] = [f"{p.name} {p.version}" for p in kb.packs]
    said = message(
        "cli.validated",
        name=kb.name,
        version=kb.version,
        counts=counts,
        packs=packs or [message("cli.no_packs")],
    )
    click.echo(one_line(say(said)))
