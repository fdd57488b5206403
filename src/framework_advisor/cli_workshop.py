"""`framework-advisor workshop ...`: a facilitator's commands. Parsing and printing only."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
from framework_advisor.domain.workshop import DEFAULT_MINUTES, MIN_MINUTES
from framework_advisor.exports import WORKSHOP_FORMATS as SUMMARY_FORMATS

if TYPE_CHECKING:
    from framework_advisor.domain.knowledge import KnowledgeBase

dir_argument = click.argument("directory", metavar="DIR", type=click.Path(path_type=Path))


def _words(kb: KnowledgeBase, message_id: str, **params: Any) -> str:
    """A sentence of the catalogue's (knowledge/text/en.yaml, ``cli.workshop.*``)."""
    from framework_advisor.domain.text import message

    return kb.text.say(message(message_id, **params))


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
            raise UsageError(_words(kb, "cli.workshop.expected_setting", setting=setting))
        value = parse_value(kb, qid.strip(), text)
        if value is not None:
            fixed[qid.strip()] = value
    if organisation.strip():
        if "organisation" in fixed and fixed["organisation"] != organisation.strip():
            raise UsageError(_words(kb, "cli.workshop.organisation_differs"))
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
    participants = str(directory / "participants")
    _say(_words(kb, "cli.workshop.created", folder=str(directory), participants=participants))
    _say(_words(kb, "cli.workshop.next_created", where=shlex.quote(str(directory))))


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
    kb = load_kb(ctx)
    if fmt in ("pdf", "docx"):
        from framework_advisor.errors import OutputError
        from framework_advisor.sources.atomic import is_stdout

        if output is None or is_stdout(output):
            raise OutputError(f"--format {fmt} needs a file: give -o FILE")
    documents = WorkshopDocuments(
        kb,
        directory,
        minutes=minutes,
        anonymous=anonymous,
        brand=brand,
        say=lambda n: _say(_words(kb, "cli.workshop.note", note=n)),
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
    for decision in run(
        kb, directory, list(settings), by.strip() or _words(kb, "cli.workshop.the_room")
    ):
        question = kb.question_map[decision.question]
        answer = question.label_of(decision.value)
        _say(
            _words(
                kb,
                "cli.workshop.decided",
                question=question.label,
                answer=answer,
                by=decision.by,
                at=str(decision.at),
            )
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
    kb = load_kb(ctx)
    write_plan(kb, directory, target, force=force)
    _say(_words(kb, "cli.wrote", path=str(target)))
    _say(_words(kb, "cli.workshop.next_plan", where=shlex.quote(str(target))))


@workshop.command("merge", context_settings=CONTEXT)
@dir_argument
@click.argument("first", metavar="ID")
@click.argument("second", metavar="ID")
@kb_option
@click.pass_context
def merge(ctx: click.Context, directory: Path, first: str, second: str) -> None:
    """Join two files of one person (P1, P2, ... or file names); the later answer wins."""
    from framework_advisor.workshops import merge as run

    kb = load_kb(ctx)
    target, said = run(kb, directory, first, second)
    for line in said:
        _say(line)
    _say(_words(kb, "cli.wrote", path=str(target)))


@workshop.command("withdraw", context_settings=CONTEXT)
@dir_argument
@click.argument("who", metavar="NAME")
@kb_option
@click.pass_context
def withdraw(ctx: click.Context, directory: Path, who: str) -> None:
    """Remove one participant's answers from a workshop or a room's folder, and from every
    round; only a count is kept. NAME is their file name or the name they joined with."""
    from framework_advisor.withdrawal import withdraw as run

    kb = load_kb(ctx)
    done = run(kb, directory, who)
    for name in done.removed:
        _say(_words(kb, "cli.workshop.removed", name=name))
    if done.rounds:
        rounds = [str(r) for r in done.rounds]
        _say(_words(kb, "cli.workshop.removed_from", name=done.name, rounds=rounds))
    _say(
        _words(kb, "cli.workshop.withdrew", name=done.name, folder=str(directory), count=done.count)
    )


@workshop.command("reveal", context_settings=CONTEXT)
@dir_argument
@kb_option
@click.pass_context
def reveal(ctx: click.Context, directory: Path) -> None:
    """Show everyone the group's result; answers changed after it start the next round."""
    from framework_advisor.workshops import reveal as run

    kb = load_kb(ctx)
    config, count = run(kb, directory)
    _say(_words(kb, "cli.workshop.revealed", count=count, reveal=len(config.reveals)))


@workshop.command("close", context_settings=CONTEXT)
@dir_argument
@kb_option
@click.pass_context
def close(ctx: click.Context, directory: Path) -> None:
    """End the workshop: no more joins or edits."""
    from framework_advisor.workshops import close as run

    kb = load_kb(ctx)  # its words; and a broken knowledge base is said before anything changes
    config = run(directory, kb.text)
    _say(_words(kb, "cli.workshop.closed", folder=str(directory), at=str(config.closed)))


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
