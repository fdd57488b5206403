"""Errors a user can cause, and the exit codes every command uses (an API: scripts rely on them)."""

from __future__ import annotations

from enum import IntEnum
from typing import Literal

from msgspec import Struct

from framework_advisor.domain.text import Catalogue, Message, plain, say_safely


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1  # the command ran and found problems in the user's goals (goal checker)
    BAD_INPUT = 2  # unreadable file, YAML error, invalid answers/knowledge base, refused overwrite
    MISSING_DEPENDENCY = 3  # a system library or optional package is missing


Severity = Literal["error", "warning", "info"]


class Location(Struct, frozen=True):
    """Where a diagnostic points: a line (and column) of a text file, or a cell of a sheet."""

    file: str
    line: int | None = None
    column: int | None = None
    sheet: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        if self.sheet is not None:
            return (
                f"{self.file}:{self.sheet}!{self.cell}"
                if self.cell
                else f"{self.file}:{self.sheet}"
            )
        if not self.line:
            return self.file
        return (
            f"{self.file}:{self.line}:{self.column}" if self.column else f"{self.file}:{self.line}"
        )


class Diagnostic(Struct, frozen=True):
    """One thing wrong with one input, located as precisely as we know: a knowledge-base
    problem, an answers problem and (next) a goal checker's finding. ``rule`` is a stable id
    (SARIF's ruleId); ``key`` the field it is about (`rules[3].when`), if any. ``said`` is the
    message as the catalogue's id and parameters, ``message`` its words (said by the catalogue
    once it is known: a knowledge-base problem is found before the catalogue it is said in)."""

    location: Location
    message: str
    key: str = ""
    rule: str = ""
    severity: Severity = "error"
    said: Message | None = None
    """``message`` as the catalogue's id and parameters; None where a problem's words are still
    the code's (the goal checker's own)."""

    @classmethod
    def at(
        cls,
        file: str,
        key: str,
        message: str,
        line: int | None = None,
        *,
        rule: str = "",
        severity: Severity = "error",
        said: Message | None = None,
    ) -> Diagnostic:
        """A diagnostic about ``key`` of a text file, at ``line`` when known."""
        return cls(Location(file, line), message, key, rule, severity, said)

    @property
    def file(self) -> str:
        return self.location.file

    @property
    def line(self) -> int | None:
        return self.location.line

    @property
    def text(self) -> str:
        """The message in words, or, where no catalogue has said it yet, its id and
        parameters (``domain.text.plain``)."""
        if self.message or self.said is None:
            return self.message
        return plain(self.said)

    def __str__(self) -> str:
        """`file:line: key: message`: the problem without its rule, where a sentence quotes it."""
        return (
            f"{self.location}: {self.key}: {self.text}"
            if self.key
            else f"{self.location}: {self.text}"
        )

    def lint_line(self) -> str:
        """`file:line: severity rule: key: message`, as linters print (the knowledge base's
        problems; the goal checker's findings next)."""
        what = f"{self.key}: {self.text}" if self.key else self.text
        rule = f" {self.rule}" if self.rule else ""
        return f"{self.location}: {self.severity}{rule}: {what}"


class AdvisorError(Exception):
    """Base of every error shown to the user as a message, never as a traceback."""

    exit_code: ExitCode = ExitCode.BAD_INPUT
    line_prefix = "error: "
    """What the CLI prints before each of `messages` (nothing where a line names its severity)."""

    def messages(self) -> list[str]:
        return [str(self)]


class ProblemsError(AdvisorError):
    """An input with one or more located problems, all reported at once, in ``words`` (the
    catalogue's; its id and parameters where there is none)."""

    title = Message("problems.title.input")
    MAX_LINES = 50

    def __init__(self, problems: list[Diagnostic], words: Catalogue | None = None) -> None:
        self.problems = list(problems)
        self.words = words
        count = Message("problems.count", {"title": self.title, "count": len(self.problems)})
        super().__init__(say_safely(words, count))

    def messages(self) -> list[str]:
        """One line per problem, the first `MAX_LINES`, then how many more there are."""
        lines = [self.line_of(p) for p in self.problems[: self.MAX_LINES]]
        rest = len(self.problems) - self.MAX_LINES
        if rest > 0:
            more = say_safely(self.words, Message("problems.more", {"count": rest}))
            lines.append(more if self.line_prefix else f"error: {more}")
        return lines

    def line_of(self, problem: Diagnostic) -> str:
        return str(problem)


class DiagnosticsError(ProblemsError):
    """Problems printed as diagnostics with their rule ids (`FILE:LINE: error RULE: KEY:
    MESSAGE`), as linters print them: the knowledge base's and an answers file's alike."""

    line_prefix = ""

    def line_of(self, problem: Diagnostic) -> str:
        return problem.lint_line()


class KnowledgeBaseError(DiagnosticsError):
    title = Message("problems.title.knowledge_base")


class AnswersError(DiagnosticsError):
    title = Message("problems.title.answers")


class InputFileError(AdvisorError):
    """A file that cannot be read or parsed at all."""


class OutputError(AdvisorError):
    """An output that cannot or may not be written."""


class UsageError(AdvisorError):
    """A command-line value that makes no sense (beyond what click checks)."""


class MissingDependencyError(AdvisorError):
    exit_code = ExitCode.MISSING_DEPENDENCY


def os_error_text(exc: OSError) -> str:
    """`FILE: reason` for an OSError, as every other error names its file."""
    reason = exc.strerror or str(exc)
    return f"{exc.filename}: {reason}" if exc.filename is not None else reason
