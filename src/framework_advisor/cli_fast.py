"""`framework-advisor recommend` without click, for the plain forms scripts use: the answers file
(as the argument or ``-a/--answers``), ``-f/--format``, ``-o/--output``, ``--force`` and ``--kb``.
Importing click costs a sixth of the whole command. Any other command line (help, a misspelt
option, an option given twice, a value click would refuse or check) is left to click, which
stays the one source of usage errors and help.

The command's body and its printing helpers live here too, so the click command and this path
run the same code; each passes its own ``echo``."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

Echo = Callable[..., Any]
"""``click.echo``, or this module's ``echo`` (the same output for text on standard streams)."""

COMPLETE_VAR = "_FRAMEWORK_ADVISOR_COMPLETE"
"""Set by a shell asking click for completions."""

_VALUED = {
    "-a": "answers",
    "--answers": "answers",
    "-f": "format",
    "--format": "format",
    "-o": "output",
    "--output": "output",
    "--kb": "kb",
}
_ANSI = re.compile(r"\033\[[0-?]*[ -/]*[@-~]")  # click.echo's: codes dropped off a terminal


class Request(NamedTuple):
    answers: Path
    fmt: str
    output: Path | None
    force: bool
    packs: list[str]


def parse(args: list[str]) -> Request | None:
    """The request of ``recommend ARGS`` (``args`` after the command's name), or None for a
    command line this path leaves to click."""
    if os.environ.get(COMPLETE_VAR) or not (_plain(sys.stdout) and _plain(sys.stderr)):
        return None
    given: dict[str, str] = {}
    packs: list[str] = []
    force = False
    positional: str | None = None
    tokens = iter(args)
    for token in tokens:
        if token == "--force":
            if force:
                return None
            force = True
            continue
        name, equals, value = token.partition("=") if token.startswith("--") else (token, "", "")
        option = _VALUED.get(name)
        if option is None:
            if not token or token.startswith("-") or positional is not None:
                return None
            positional = token
            continue
        if not equals:
            following = next(tokens, None)
            if following is None:
                return None
            value = following
        if not value or (value.startswith("-") and (option, value) != ("output", "-")):
            return None
        if option == "kb":
            packs.append(value)
        elif option in given:
            return None
        else:
            given[option] = value
    answers = given.get("answers", positional)
    if answers is None or (positional is not None and "answers" in given):
        return None
    from framework_advisor.render.formats import formats_for

    choices = formats_for("recommendation")
    fmt = given.get("format", choices[0])
    if fmt not in choices or not _readable_or_absent(answers):
        return None
    output = given.get("output")
    return Request(Path(answers), fmt, Path(output) if output else None, force, packs)


def _plain(stream: Any) -> bool:
    """A text stream click writes to as it is (not one it would re-wrap: none, ASCII)."""
    if stream is None or getattr(stream, "errors", None) is None:
        return False
    import codecs

    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name != "ascii"
    except LookupError:
        return True


def _readable_or_absent(path: str) -> bool:
    """click.Path's check of an answers file: one that exists must be readable."""
    try:
        os.stat(path)
    except OSError:
        return True
    return os.access(path, os.R_OK)


def run(request: Request) -> int:
    """Run the command as click's group would (errors as one line each on standard error, the
    same exit codes); its exit code."""
    from framework_advisor.errors import AdvisorError

    try:
        recommend(
            request.packs,
            request.answers,
            request.fmt,
            request.output,
            request.force,
            echo,
            use_color,
        )
    except (AdvisorError, OSError, KeyboardInterrupt) as exc:
        return failed(exc, echo)
    return 0


def failed(exc: BaseException, echo: Echo) -> int:
    """An error a command stopped on, said as one line each on standard error; the exit code.
    Problems found below the knowledge base (a check config) are said in the embedded
    catalogue's words."""
    from framework_advisor.errors import AdvisorError, ExitCode, ProblemsError, os_error_text
    from framework_advisor.safe_text import one_line

    if isinstance(exc, AdvisorError):
        if isinstance(exc, ProblemsError) and exc.words is None:
            from framework_advisor.kb.build import embedded_words

            exc.words = embedded_words()
        for message in exc.messages():
            echo(f"{exc.line_prefix}{one_line(message)}", err=True)
        return int(exc.exit_code)
    if isinstance(exc, OSError):  # file-system trouble no command foresaw: still one line
        echo(f"error: {one_line(os_error_text(exc))}", err=True)
        return int(ExitCode.BAD_INPUT)
    echo("interrupted", err=True)
    return 130


def echo(message: str, *, nl: bool = True, err: bool = False) -> None:
    """``click.echo`` for text on a standard stream: colour codes dropped unless it is a
    terminal, flushed."""
    stream = sys.stderr if err else sys.stdout
    out = f"{message}\n" if nl else message
    if not out:
        stream.flush()
        return
    if "\x1b" in out and not _isatty(stream) and not _jupyter(stream):
        out = _ANSI.sub("", out)
    stream.write(out)
    stream.flush()


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except Exception:
        return False


def _jupyter(stream: Any) -> bool:
    return type(stream).__module__.startswith("ipykernel.")


def recommend(
    packs: list[str],
    answers_path: Path,
    fmt: str,
    output: Path | None,
    force: bool,
    echo: Echo,
    colour: Callable[[Path | None], bool],
) -> None:
    """The `recommend` command: the recommendation for an answers file, in ``fmt``
    (``colour``: whether to colour what goes to ``output``, ``use_color``)."""
    from framework_advisor.exports import Documents
    from framework_advisor.kb.load import load
    from framework_advisor.kb.locate import pack_dirs
    from framework_advisor.storage import read_answers

    kb = load(pack_dirs(packs))
    answers = read_answers(kb, answers_path)
    warn_hidden(kb, answers.answers, echo)
    document = Documents(kb, answers.answers).render(
        "recommendation",
        fmt,
        color=colour(output),
        width=terminal_width() if fmt == "text" else None,
    )
    emit(document, output, force, echo, colour)


def warn_hidden(kb: Any, answers: dict[str, Any], echo: Echo) -> None:
    from framework_advisor.domain.text import message
    from framework_advisor.engine.explain import describe
    from framework_advisor.engine.flow import hidden_answers
    from framework_advisor.safe_text import one_line

    for qid in hidden_answers(kb, answers):
        question = kb.question(qid)
        when = one_line(describe(kb, question.when))
        said = message("cli.hidden_answer", question=qid, when=when)
        echo(kb.text.say(said), err=True)


def emit(
    text: str | bytes,
    output: Path | None,
    force: bool,
    echo: Echo,
    colour: Callable[[Path | None], bool],
) -> None:
    """To standard output (no -o, or `-o -`), control characters stripped; else to a file."""
    from framework_advisor.safe_text import terminal_text

    if output is None or str(output) == "-":
        if isinstance(text, str):
            text = terminal_text(text, keep_colour=colour(None))
        echo(text, nl=False)
        return
    from framework_advisor.sources.atomic import atomic_write

    atomic_write(output, text, force=force)
    echo(f"wrote {terminal_text(str(output))}", err=True)


def terminal_width() -> int:
    """The width text output is wrapped to: the terminal's, kept between 60 and 120."""
    import shutil

    return max(60, min(120, shutil.get_terminal_size((100, 24)).columns))


def use_color(output: Path | None) -> bool:
    return (output is None or str(output) == "-") and sys.stdout.isatty()
