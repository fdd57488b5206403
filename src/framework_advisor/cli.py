"""The `framework-advisor` command. Heavy imports stay inside the commands that need them."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from framework_advisor import __version__
from framework_advisor.errors import AdvisorError, ExitCode

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class AdvisorGroup(click.Group):
    """Turns every AdvisorError into messages on stderr and its exit code: never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AdvisorError as exc:
            for message in exc.messages():
                click.echo(f"error: {message}", err=True)
            ctx.exit(int(exc.exit_code))
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)


def _add_packs(ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]) -> tuple:
    root = ctx.find_root()
    root.ensure_object(dict)
    root.obj.setdefault("packs", []).extend(value)
    return value


def kb_option(function: Callable) -> Callable:
    return click.option(
        "--kb",
        "kb_dirs",
        multiple=True,
        metavar="DIR",
        expose_value=False,
        callback=_add_packs,
        help="Overlay a knowledge pack folder (repeatable; after FRAMEWORK_ADVISOR_KB).",
    )(function)


def load_kb(ctx: click.Context, *, use_cache: bool = True):  # type: ignore[no-untyped-def]
    from framework_advisor.kb.load import load
    from framework_advisor.kb.locate import pack_dirs

    packs = (ctx.find_root().obj or {}).get("packs", [])
    return load(pack_dirs(packs), use_cache=use_cache)


def emit(text: str | bytes, output: Path | None, force: bool) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    from framework_advisor.storage import atomic_write

    atomic_write(output, text, force=force)
    click.echo(f"wrote {output}", err=True)


def _color(output: Path | None) -> bool:
    return output is None and sys.stdout.isatty()


output_option = click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write to this file."
)
force_option = click.option("--force", is_flag=True, help="Overwrite an existing output file.")


@click.group(cls=AdvisorGroup, invoke_without_command=True, context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="framework-advisor")
@click.option("--resume", is_flag=True, help="Open the app and continue the most recent session.")
@click.option("--session", "session_name", metavar="NAME", help="Open the app on a named session.")
@click.option(
    "--answers",
    "answers_path",
    type=click.Path(path_type=Path),
    help="Open the app with a new session started from this answers file (left unchanged).",
)
@kb_option
@click.pass_context
def cli(
    ctx: click.Context, resume: bool, session_name: str | None, answers_path: Path | None
) -> None:
    """Choose and start the goal-setting frameworks that fit your organisation.

    With no command, opens the guided questionnaire. For scripts: `framework-advisor
    questions --format yaml` writes a blank answers file; `framework-advisor recommend
    --answers FILE` explains the recommendation.
    """
    if ctx.invoked_subcommand is not None:
        if resume or session_name or answers_path:
            raise click.UsageError(
                "--resume, --session and --answers open the app: give no command"
            )
        return
    from framework_advisor.tui.launch import run_app

    run_app(
        load_kb(ctx),
        resume=resume,
        session_name=session_name,
        answers_path=answers_path,
    )


@cli.command(context_settings=CONTEXT)
@click.option(
    "-a",
    "--answers",
    "answers_path",
    required=True,
    type=click.Path(path_type=Path),
    help="Answers file (YAML or JSON).",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "md"]),
    default="text",
    show_default=True,
)
@output_option
@force_option
@kb_option
@click.pass_context
def recommend(
    ctx: click.Context, answers_path: Path, fmt: str, output: Path | None, force: bool
) -> None:
    """Recommend frameworks for the organisation described in an answers file."""
    from framework_advisor.engine.recommend import recommend as run
    from framework_advisor.render.formats import render
    from framework_advisor.storage import read_answers

    kb = load_kb(ctx)
    answers = read_answers(kb, answers_path)
    _warn_hidden(kb, answers.answers)
    result = run(kb, answers.answers)
    emit(render("recommendation", fmt, result, kb=kb, color=_color(output)), output, force)


def _warn_hidden(kb: Any, answers: dict[str, Any]) -> None:
    from framework_advisor.engine.explain import describe
    from framework_advisor.engine.flow import hidden_answers

    for qid in hidden_answers(kb, answers):
        question = kb.question(qid)
        click.echo(
            f"note: '{qid}' is ignored: it is asked only when {describe(kb, question.when)}",
            err=True,
        )


@cli.command(context_settings=CONTEXT)
@click.option(
    "-a",
    "--answers",
    "answers_path",
    required=True,
    type=click.Path(path_type=Path),
    help="Answers file (YAML or JSON).",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["md", "html", "pdf", "docx", "json"]),
    help="md, html and json go to standard output without -o; pdf and docx need -o.",
)
@output_option
@force_option
@click.option("--brand", metavar="NAME", default="", help="The consultant or firm preparing it.")
@kb_option
@click.pass_context
def report(
    ctx: click.Context, answers_path: Path, fmt: str, output: Path | None, force: bool, brand: str
) -> None:
    """Write a recommendation report to send: profile, mix, ranking, rollout plan, examples."""
    from framework_advisor.engine.recommend import recommend as run
    from framework_advisor.errors import OutputError, UsageError
    from framework_advisor.render.formats import FORMATS, render
    from framework_advisor.render.report.data import today_from_env
    from framework_advisor.storage import read_answers

    if output is None and FORMATS[fmt].needs_file:
        raise UsageError(f"--format {fmt} writes a binary file: give -o/--output FILE")
    if output is not None and output.exists() and not force:
        raise OutputError(f"{output}: already exists; use --force to overwrite it")
    today = today_from_env()
    kb = load_kb(ctx)
    answers = read_answers(kb, answers_path)
    _warn_hidden(kb, answers.answers)
    result = run(kb, answers.answers)
    document = render(
        "report", fmt, result, kb=kb, answers=answers.answers, brand=brand, today=today
    )
    emit(document, output, force)


@cli.command(context_settings=CONTEXT)
@click.option(
    "-a",
    "--answers",
    "answers_path",
    required=True,
    type=click.Path(path_type=Path),
    help="Answers file (YAML or JSON).",
)
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
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "md"]),
    default="text",
    show_default=True,
)
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
                raise UsageError(f"--set {setting!r}: expected QUESTION=VALUE")
            value = parse_value(kb, question_id.strip(), text)
            if value is None:
                after.pop(question_id.strip(), None)
            else:
                after[question_id.strip()] = value
        after = validate_answers(kb, after, file="--set")
    result = compare_answers(kb, before, after)
    emit(render("whatif", fmt, result, kb=kb, color=_color(output)), output, force)


@cli.command(context_settings=CONTEXT)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "md"]),
    default="text",
    show_default=True,
)
@kb_option
@click.pass_context
def frameworks(ctx: click.Context, fmt: str) -> None:
    """List the frameworks in the knowledge base."""
    from framework_advisor.render.formats import render

    kb = load_kb(ctx)
    emit(render("frameworks", fmt, kb, color=_color(None)), None, False)


def _framework_id(kb: Any, framework_id: str) -> str:
    from framework_advisor.errors import UsageError
    from framework_advisor.kb.suggest import did_you_mean

    if framework_id in kb.frameworks:
        return framework_id
    by_alias = {
        alias.lower(): fid
        for fid, f in kb.frameworks.items()
        for alias in (*f.aliases, f.name, fid.replace("_", "-"))
    }
    if framework_id.lower() in by_alias:
        return by_alias[framework_id.lower()]
    raise UsageError(
        f"no framework '{framework_id}'; see `framework-advisor frameworks`."
        + did_you_mean(framework_id, kb.frameworks)
    )


@cli.command(context_settings=CONTEXT)
@click.argument("framework_id", metavar="ID")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "md"]),
    default="text",
    show_default=True,
)
@output_option
@force_option
@kb_option
@click.pass_context
def show(ctx: click.Context, framework_id: str, fmt: str, output: Path | None, force: bool) -> None:
    """Show one framework in full: purpose, structure, pros, cons, pitfalls, origin, sources."""
    from framework_advisor.render.formats import render

    kb = load_kb(ctx)
    fid = _framework_id(kb, framework_id)
    emit(render("framework", fmt, kb, fid, color=_color(output)), output, force)


@cli.command(context_settings=CONTEXT)
@click.argument("framework_ids", nargs=-1, required=True, metavar="ID ID [ID...]")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "md"]),
    default="text",
    show_default=True,
)
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
        raise UsageError(
            f"compare takes two to four different frameworks; {', '.join(framework_ids)} "
            f"all name '{ids[0]}'"
        )
    emit(render("comparison", fmt, kb, ids, color=_color(output)), output, force)


@cli.command(context_settings=CONTEXT)
@click.option("--function", "function", metavar="ID", help="A function id (see `questions`).")
@click.option("--industry", "industry", metavar="ID", help="An industry id (see `questions`).")
@click.option("--framework", type=click.Choice(["okr", "kpi"]), help="Only OKRs or only KPIs.")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "md"]),
    default="text",
    show_default=True,
)
@output_option
@force_option
@kb_option
@click.pass_context
def examples(
    ctx: click.Context,
    function: str | None,
    industry: str | None,
    framework: str | None,
    fmt: str,
    output: Path | None,
    force: bool,
) -> None:
    """Example OKRs and KPIs for a function and an industry."""
    from framework_advisor.engine.answers import parse_value
    from framework_advisor.engine.examples import select_examples
    from framework_advisor.render.formats import render

    kb = load_kb(ctx)
    function = parse_value(kb, "function", function, file="--function") if function else None
    industry = parse_value(kb, "industry", industry, file="--industry") if industry else None
    selection = select_examples(kb, function, industry)
    text = render("examples", fmt, selection, framework=framework, color=_color(output))
    emit(text, output, force)


@cli.command(context_settings=CONTEXT)
@click.argument("ids", nargs=-1, metavar="[ID...]")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "csv", "md", "docx"]),
    default="xlsx",
    show_default=True,
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
    help="Prefill with example OKRs and KPIs for the organisation's function and industry.",
)
@click.option(
    "--mix", is_flag=True, help="The templates serving the recommended mix (needs --answers)."
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
    smart-worksheet, balanced-scorecard, v2mom-planner, 4dx-tracker,
    north-star-canvas, eos-vto) or framework ids standing for their template
    (okr, kpi, okr_kpi_hybrid, mbo, smart, bsc, v2mom, 4dx, north_star, eos).
    No ID means all nine.
    """
    from framework_advisor.errors import UsageError
    from framework_advisor.render.starter.build import (
        documents,
        mix_templates,
        render_files,
        resolve_ids,
        write_files,
    )
    from framework_advisor.render.starter.catalog import TEMPLATES

    if mix and answers_path is None:
        raise UsageError("--mix needs --answers FILE: the mix comes from the recommendation")
    kb = load_kb(ctx)
    answers: dict[str, Any] | None = None
    if answers_path is not None:
        from framework_advisor.storage import read_answers

        answers = read_answers(kb, answers_path).answers
        _warn_hidden(kb, answers)
    chosen = resolve_ids(kb, ids)
    if mix and answers is not None:
        found = mix_templates(kb, answers)
        chosen += [tid for tid in found.templates if tid not in chosen]
        if found.uncovered:
            names = ", ".join(kb.frameworks[fid].name for fid in found.uncovered)
            click.echo(f"note: no starter template for {names} (in the mix)", err=True)
        if not chosen:
            raise UsageError("no starter template serves the recommended mix")
    elif not ids:
        chosen = list(TEMPLATES)
    selection = None
    organisation = ""
    if answers is not None:
        from framework_advisor.engine.examples import select_examples

        selection = select_examples(kb, answers.get("function"), answers.get("industry"))
        organisation = str(answers.get("organisation") or "")
    files = render_files(documents(chosen, selection, organisation=organisation), fmt)
    for path in write_files(folder, files, force=force):
        click.echo(f"wrote {path}", err=True)


@cli.command(context_settings=CONTEXT)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "yaml", "json"]),
    default="text",
    show_default=True,
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
    emit(render("questions", fmt, kb, color=_color(output)), output, force)


@cli.command(context_settings=CONTEXT)
@kb_option
@click.pass_context
def validate(ctx: click.Context) -> None:
    """Validate the knowledge base and packs from their YAML (never from the cache)."""
    kb = load_kb(ctx, use_cache=False)
    packs = ", ".join(f"{p.name} {p.version}" for p in kb.packs) or "none"
    click.echo(
        f"ok: {kb.name} {kb.version}: {len(kb.frameworks)} frameworks, {len(kb.questions)} "
        f"questions, {len(kb.rules)} rules, {len(kb.glossary)} glossary terms; packs: {packs}"
    )


@cli.command(context_settings=CONTEXT)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--public-url",
    metavar="URL",
    help="The address browsers use, e.g. http://192.168.1.20:8000 (needed beyond this machine).",
)
@click.option(
    "--dir",
    "folder",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for the participants' sessions (default: a new folder in the user data folder).",
)
@kb_option
@click.pass_context
def serve(
    ctx: click.Context, host: str, port: int, public_url: str | None, folder: Path | None
) -> None:
    """Serve the app to browsers, one session per participant (workshops)."""
    from framework_advisor.tui.serve import serve as run_server

    packs = (ctx.find_root().obj or {}).get("packs", [])
    load_kb(ctx)  # fail early, with a clear message, on a broken knowledge base or pack
    run_server(host=host, port=port, public_url=public_url, folder=folder, packs=packs)


@cli.command("served-app", hidden=True, context_settings=CONTEXT)
@click.option("--dir", "folder", required=True, type=click.Path(path_type=Path))
@click.option("--join-code", required=True)
@kb_option
@click.pass_context
def served_app(ctx: click.Context, folder: Path, join_code: str) -> None:
    """The app as each browser runs it under `serve` (started by textual-serve)."""
    from framework_advisor.tui.launch import run_served_app

    run_served_app(load_kb(ctx), folder=folder, join_code=join_code)


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="framework-advisor")


__all__ = ["ExitCode", "cli", "main"]
