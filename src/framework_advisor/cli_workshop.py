"""`framework-advisor workshop ...`: a facilitator's commands. Parsing and printing only."""

from __future__ import annotations

import shlex
from pathlib import Path

import click

from framework_advisor.cli import (
    CONTEXT,
    emit,
    force_option,
    kb_option,
    load_kb,
    output_format,
    output_option,
)
from framework_advisor.domain.counting import counted
from framework_advisor.domain.workshop import DEFAULT_MINUTES, MIN_MINUTES
from framework_advisor.exports import WORKSHOP_FORMATS as SUMMARY_FORMATS

dir_argument = click.argument("directory", metavar="DIR", type=click.Path(path_type=Path))


def _say(text: str) -> None:
    from framework_advisor.safe_text import terminal_text

    click.echo(terminal_text(text), err=True)


@click.group(context_settings=CONTEXT)
def workshop() -> None:
    """Run the questionnaire with a team: private answers, consensus, an agenda.

    `workshop new DIR` makes the folder; participants answer with `framework-advisor
    --workshop DIR --participant NAME` or in a browser (`serve --workshop DIR`);
    `workshop summary DIR` brings the answers together."""


@workshop.command("new", context_settings=CONTEXT)
@dir_argument
@click.option("--title", default="", help="The workshop's title, on its summary.")
@click.option(
    "--organisation",
    default="",
    metavar="NAME",
    help="The organisation's name, fixed for everyone (in each participant's report); "
    "without it, each participant may name it.",
)
@click.option(
    "--set",
    "settings",
    multiple=True,
    metavar="QUESTION=VALUE",
    help="An answer fixed for everyone, such as function=sales or headcount=300 (repeatable).",
)
@kb_option
@click.pass_context
def new(
    ctx: click.Context, directory: Path, title: str, organisation: str, settings: tuple[str, ...]
) -> None:
    """Create a workshop folder: workshop.yaml and participants/."""
    from framework_advisor.engine.answers import parse_value, validate_answers
    from framework_advisor.errors import UsageError
    from framework_advisor.workshops import create

    kb = load_kb(ctx)
    fixed: dict = {}
    for setting in settings:
        qid, sep, text = setting.partition("=")
        if not sep:
            raise UsageError(f"--set {setting}: expected QUESTION=VALUE")
        value = parse_value(kb, qid.strip(), text)
        if value is not None:
            fixed[qid.strip()] = value
    if organisation.strip():
        if "organisation" in fixed and fixed["organisation"] != organisation.strip():
            raise UsageError("--organisation and --set organisation= differ: give one of them")
        fixed["organisation"] = parse_value(kb, "organisation", organisation)
    # the fixed answers together must make sense (a team no larger than the company)
    validate_answers(kb, fixed, file="--set", required=False)
    ordered = {q.id: fixed[q.id] for q in kb.questions if q.id in fixed}
    create(
        directory,
        kb,
        title=title or ordered.get("organisation") or directory.resolve().name,
        fixed=ordered,
    )
    _say(f"created {directory} (participants' answers go in {directory / 'participants'})")
    where = shlex.quote(str(directory))
    _say(
        f"next: serve it to browsers with `framework-advisor serve --workshop {where}`, or each "
        f"participant runs `framework-advisor --workshop {where} --participant NAME`; then "
        f"`framework-advisor workshop summary {where}`"
    )


@workshop.command("summary", context_settings=CONTEXT)
@dir_argument
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(SUMMARY_FORMATS, case_sensitive=False),
    help="Without it, the format -o's file name ends in, or text to standard output.",
)
@output_option
@force_option
@click.option("--anonymous", is_flag=True, help="No names anywhere: participants are P1, P2, ...")
@click.option(
    "--minutes",
    type=click.IntRange(MIN_MINUTES, 24 * 60),
    default=DEFAULT_MINUTES,
    show_default=True,
    help="The session's length: the agenda's opening, topics and closing add up to it.",
)
@click.option(
    "--brand",
    metavar="NAME",
    default="",
    help="The consultant or firm preparing it, as on the report (default: the knowledge "
    "base's or a pack's brand).",
)
@click.option(
    "--handout",
    is_flag=True,
    help="The facilitator's one page instead: the opening lines, the group's proposed plan and "
    "the agenda with its times (not with json).",
)
@kb_option
@click.pass_context
def summary(
    ctx: click.Context,
    directory: Path,
    fmt: str | None,
    output: Path | None,
    force: bool,
    anonymous: bool,
    minutes: int,
    brand: str,
    handout: bool,
) -> None:
    """What the team agrees on and must settle, an agenda for the session, who holds which
    view, and how agreement is measured (pdf and docx need -o FILE)."""
    from framework_advisor.exports import WorkshopDocuments

    fmt = output_format(fmt, output, SUMMARY_FORMATS, "text")
    if handout and fmt == "json":
        from framework_advisor.errors import UsageError

        raise UsageError(
            "--handout is a page for people: give --format text, md, html, pdf or docx"
        )
    if fmt in ("pdf", "docx"):
        from framework_advisor.errors import OutputError
        from framework_advisor.sources.atomic import is_stdout

        if output is None or is_stdout(output):
            raise OutputError(f"--format {fmt} needs a file: give -o FILE")
    documents = WorkshopDocuments(
        load_kb(ctx),
        directory,
        minutes=minutes,
        anonymous=anonymous,
        brand=brand,
        say=lambda n: _say(f"note: {n}"),
    )
    document = "workshop_handout" if handout else "workshop_summary"
    emit(documents.render(document, fmt), output, force)


@workshop.command("decide", context_settings=CONTEXT)
@dir_argument
@click.argument("settings", nargs=-1, metavar="QUESTION=VALUE...")
@click.option(
    "--by",
    default="the room",
    show_default=True,
    metavar="NAME",
    help="Who decided (recorded in workshop.yaml with the time).",
)
@kb_option
@click.pass_context
def decide(ctx: click.Context, directory: Path, settings: tuple[str, ...], by: str) -> None:
    """Record what the room decided, such as compensation_linked=no needs=alignment,execution_discipline.

    Each value is checked against the questionnaire; the summary and `workshop plan` follow
    the decisions. Deciding a question again replaces the earlier decision."""
    from framework_advisor.workshops import decide as run

    kb = load_kb(ctx)
    for decision in run(kb, directory, list(settings), by.strip() or "the room"):
        question = kb.question_map[decision.question]
        _say(
            f"decided {question.label}: {question.label_of(decision.value)} ({decision.by}, {decision.at})"
        )


@workshop.command("plan", context_settings=CONTEXT)
@dir_argument
@output_option
@force_option
@kb_option
@click.pass_context
def plan(ctx: click.Context, directory: Path, output: Path | None, force: bool) -> None:
    """Write the agreed answers file: the group's answers with the room's decisions over them
    (DIR/agreed-answers.yaml unless -o FILE). `report` and `templates` then run on it."""
    from framework_advisor.workshops import write_plan

    target = (
        output if output is not None and str(output) != "-" else directory / "agreed-answers.yaml"
    )
    write_plan(load_kb(ctx), directory, target, force=force)
    where = shlex.quote(str(target))
    _say(f"wrote {target}")
    _say(
        f"next: `framework-advisor report {where} -o report.pdf` and "
        f"`framework-advisor templates --mix --answers {where} --out templates`"
    )


@workshop.command("merge", context_settings=CONTEXT)
@dir_argument
@click.argument("first", metavar="ID")
@click.argument("second", metavar="ID")
@kb_option
@click.pass_context
def merge(ctx: click.Context, directory: Path, first: str, second: str) -> None:
    """Join two files of one person (P1, P2, ... or file names); the later answer wins."""
    from framework_advisor.workshops import merge as run

    target, said = run(load_kb(ctx), directory, first, second)
    for line in said:
        _say(line)
    _say(f"wrote {target}")


@workshop.command("withdraw", context_settings=CONTEXT)
@dir_argument
@click.argument("who", metavar="NAME")
@kb_option
@click.pass_context
def withdraw(ctx: click.Context, directory: Path, who: str) -> None:
    """Remove one participant's answers from a workshop or a room's folder, and from every
    round; only a count is kept. NAME is their file name or the name they joined with."""
    from framework_advisor.withdrawal import withdraw as run

    done = run(load_kb(ctx), directory, who)
    for name in done.removed:
        _say(f"removed {name}")
    if done.rounds:
        rounds = "round" if len(done.rounds) == 1 else "rounds"
        _say(f"removed {done.name} from {rounds} {', '.join(map(str, done.rounds))}")
    _say(f"{done.name} withdrew: nothing of theirs is left in {directory} ({done.count} withdrawn)")


@workshop.command("reveal", context_settings=CONTEXT)
@dir_argument
@kb_option
@click.pass_context
def reveal(ctx: click.Context, directory: Path) -> None:
    """Show everyone the group's result; answers changed after it start the next round."""
    from framework_advisor.workshops import reveal as run

    config, count = run(load_kb(ctx), directory)
    _say(
        f"revealed the answers of {counted(count, 'participant')} (reveal {len(config.reveals)}); "
        "a participant who changes an answer now starts the next round"
    )


@workshop.command("close", context_settings=CONTEXT)
@dir_argument
def close(directory: Path) -> None:
    """End the workshop: no more joins or edits."""
    from framework_advisor.workshops import close as run

    config = run(directory)
    _say(f"closed {directory} at {config.closed}")


@workshop.command("watch", context_settings=CONTEXT)
@dir_argument
@kb_option
@click.pass_context
def watch(ctx: click.Context, directory: Path) -> None:
    """The facilitator's live view: who has joined, how far each is, consensus so far.

    Keys: r reveals, c closes, e exports the summary and the handout, q quits."""
    from framework_advisor.tui.watch_app import WatchApp
    from framework_advisor.workshops import load_config

    kb = load_kb(ctx)
    load_config(directory, kb)  # a bad folder is one line, before the screen opens
    WatchApp(kb, directory).run()
