"""The `framework-advisor` command. Heavy imports stay inside the commands that need them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from framework_advisor import cli_fast
from framework_advisor._version import __version__
from framework_advisor.errors import AdvisorError, ExitCode
from framework_advisor.render.formats import formats_for

if TYPE_CHECKING:
    from framework_advisor.domain.knowledge import KnowledgeBase

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class AdvisorGroup(click.Group):
    """Turns every AdvisorError (and any OSError) into messages on stderr and its exit code:
    never a traceback.

    Commands off the `recommend` path live in their own modules and are imported only when run
    (click's lazy-loading pattern): defining them all costs more than `recommend` can spare."""

    LAZY = {
        "report": "framework_advisor.cli_documents:report",
        "templates": "framework_advisor.cli_documents:templates",
        "whatif": "framework_advisor.cli_browse:whatif",
        "frameworks": "framework_advisor.cli_browse:frameworks",
        "show": "framework_advisor.cli_browse:show",
        "compare": "framework_advisor.cli_browse:compare",
        "examples": "framework_advisor.cli_browse:examples",
        "questions": "framework_advisor.cli_browse:questions",
        "validate": "framework_advisor.cli_browse:validate",
        "serve": "framework_advisor.cli_app:serve",
        "served-app": "framework_advisor.cli_app:served_app",
        "workshop": "framework_advisor.cli_workshop:workshop",
        "check": "framework_advisor.cli_check:check",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.LAZY})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = self.LAZY.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        from importlib import import_module

        module, _, attribute = target.partition(":")
        command = getattr(import_module(module), attribute)
        return command if isinstance(command, click.Command) else None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (AdvisorError, OSError, KeyboardInterrupt) as exc:
            ctx.exit(cli_fast.failed(exc, click.echo))


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


def load_kb(ctx: click.Context, *, use_cache: bool = True) -> KnowledgeBase:
    from framework_advisor.kb.load import load
    from framework_advisor.kb.locate import pack_dirs

    packs = (ctx.find_root().obj or {}).get("packs", [])
    return load(pack_dirs(packs), use_cache=use_cache)


def emit(text: str | bytes, output: Path | None, force: bool) -> None:
    """To standard output (no -o, or `-o -`), control characters stripped; else to a file."""
    cli_fast.emit(text, output, force, click.echo, use_color)


terminal_width = cli_fast.terminal_width


def use_color(output: Path | None) -> bool:
    return cli_fast.use_color(output)


def format_option(*choices: str, help: str | None = None) -> Callable:
    """`-f/--format`, the first choice the default."""
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(list(choices), case_sensitive=False),
        default=choices[0],
        show_default=True,
        help=help,
    )


def words(kb: KnowledgeBase, message_id: str, **params: Any) -> str:
    """A sentence of the command line's, in the catalogue's words (knowledge/text/en.yaml,
    ``cli.*``): for what a command says once it has loaded the knowledge base. A usage error
    found while reading the command line, before that, stays in the code (CONTRIBUTING.md)."""
    from framework_advisor.domain.text import message

    return kb.text.say(message(message_id, **params))


def output_format(fmt: str | None, output: Path | None, choices: list[str], default: str) -> str:
    """The format to write: the one ``-o``'s file name ends in (``-o report.pdf``), the one
    ``--format`` names, or ``default`` for standard output. A ``--format`` that disagrees with
    the file name, or a file name whose ending names no format without ``--format``, is refused
    in one line before anything is written."""
    from framework_advisor.errors import OutputError, UsageError
    from framework_advisor.render.formats import FORMATS, format_of_name

    if output is None or str(output) == "-":
        return fmt or default
    if output.is_dir():
        raise OutputError(f"{output}: is a folder; give a file name")
    named = format_of_name(output.name, choices)
    if fmt is None:
        if named is None:
            endings = ", ".join(FORMATS[c].extension for c in choices)
            raise UsageError(
                f"-o {output}: the file name does not say the format; end it in one of "
                f"{endings}, or give --format"
            )
        return named
    if named is not None and named != fmt:
        raise UsageError(
            f"--format {fmt} disagrees with -o {output} (a {named} file name); drop --format, "
            f"or name the file {output.stem}{FORMATS[fmt].extension}"
        )
    return fmt


def answers_option(function: Callable) -> Callable:
    """The answers file, as an argument (`recommend acme.yaml`) or as `-a/--answers FILE`;
    the command receives it as ``answers_path``."""
    import functools

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        positional, named = kwargs.pop("answers_argument"), kwargs.pop("answers_path")
        kwargs["answers_path"] = _one_answers_file(positional, named)
        return function(*args, **kwargs)

    option = click.option(
        "-a",
        "--answers",
        "answers_path",
        type=click.Path(path_type=Path),
        help="Answers file (YAML or JSON); or give it as the argument ANSWERS.",
    )
    argument = click.argument(
        "answers_argument", metavar="[ANSWERS]", required=False, type=click.Path(path_type=Path)
    )
    return argument(option(wrapper))


def _one_answers_file(positional: Path | None, named: Path | None) -> Path:
    from framework_advisor.errors import UsageError

    if positional is not None and named is not None and positional != named:
        raise UsageError(
            f"two answers files ({positional} and --answers {named}): give one of them"
        )
    found = positional or named
    if found is None:
        raise UsageError(
            "give the answers file: as the argument (acme.yaml) or with -a/--answers FILE; "
            "`framework-advisor questions --format yaml` writes a blank one"
        )
    return found


class OutputPath(click.Path):
    """A file to write (`-` for standard output); an empty name is a one-line error."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value == "":
            from framework_advisor.errors import OutputError

            raise OutputError(
                "-o/--output: an empty file name; give a file name, or - for standard output"
            )
        # No checks here (click's would print usage lines): the writer checks the target.
        return self.coerce_path_result(value)


output_option = click.option(
    "-o",
    "--output",
    type=OutputPath(path_type=Path, dir_okay=False),
    help="Write to this file (- for standard output).",
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
@click.option(
    "--workshop",
    "workshop_dir",
    type=click.Path(path_type=Path),
    metavar="DIR",
    help="Open the app as a participant of this workshop (with --participant).",
)
@click.option("--participant", metavar="NAME", help="Your name in the workshop (with --workshop).")
@kb_option
@click.pass_context
def cli(
    ctx: click.Context,
    resume: bool,
    session_name: str | None,
    answers_path: Path | None,
    workshop_dir: Path | None,
    participant: str | None,
) -> None:
    """Choose and start the goal-setting frameworks that fit your organisation.

    With no command, opens the guided questionnaire. For scripts: `framework-advisor
    questions --format yaml` writes a blank answers file; `framework-advisor recommend
    --answers FILE` explains the recommendation.
    """
    if ctx.invoked_subcommand is not None:
        if resume or session_name or answers_path or workshop_dir or participant:
            raise click.UsageError(
                "--resume, --session, --answers, --workshop and --participant open the app: "
                "give no command"
            )
        return
    if workshop_dir is not None or participant is not None:
        from framework_advisor.errors import UsageError

        if workshop_dir is None or participant is None:
            raise UsageError("--workshop DIR and --participant NAME go together")
        if resume or session_name or answers_path:
            raise UsageError(
                "--workshop opens the participant's own answers: no --resume, "
                "--session or --answers"
            )
        from framework_advisor.tui.launch import run_workshop_app

        run_workshop_app(load_kb(ctx), directory=workshop_dir, participant=participant)
        return
    from framework_advisor.tui.launch import run_app

    run_app(
        load_kb(ctx),
        resume=resume,
        session_name=session_name,
        answers_path=answers_path,
    )


@cli.command(context_settings=CONTEXT)
@answers_option
@format_option(*formats_for("recommendation"))
@output_option
@force_option
@kb_option
@click.pass_context
def recommend(
    ctx: click.Context, answers_path: Path, fmt: str, output: Path | None, force: bool
) -> None:
    """Recommend frameworks for the organisation described in an answers file."""
    packs = (ctx.find_root().obj or {}).get("packs", [])
    cli_fast.recommend(packs, answers_path, fmt, output, force, click.echo, use_color)


def warn_hidden(kb: Any, answers: dict[str, Any]) -> None:
    cli_fast.warn_hidden(kb, answers, click.echo)


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="framework-advisor")


__all__ = ["ExitCode", "cli", "main"]
