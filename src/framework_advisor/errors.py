"""Errors a user can cause, and the exit codes every command uses (an API: scripts rely on them)."""

from __future__ import annotations

from enum import IntEnum

from msgspec import Struct


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1  # the command ran and found problems in the user's goals (goal checker)
    BAD_INPUT = 2  # unreadable file, YAML error, invalid answers/knowledge base, refused overwrite
    MISSING_DEPENDENCY = 3  # a system library or optional package is missing


class Problem(Struct, frozen=True):
    """One thing wrong with one input, located as precisely as we know."""

    file: str
    key: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class AdvisorError(Exception):
    """Base of every error shown to the user as a message, never as a traceback."""

    exit_code: ExitCode = ExitCode.BAD_INPUT

    def messages(self) -> list[str]:
        return [str(self)]


class ProblemsError(AdvisorError):
    """An input with one or more located problems, all reported at once."""

    title = "invalid input"
    MAX_LINES = 50

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(f"{self.title}: {len(self.problems)} problem(s)")

    def messages(self) -> list[str]:
        """One line per problem, the first `MAX_LINES`, then how many more there are."""
        lines = [str(p) for p in self.problems[: self.MAX_LINES]]
        rest = len(self.problems) - self.MAX_LINES
        if rest > 0:
            lines.append(f"... and {rest} more problem{'s' if rest > 1 else ''}")
        return lines


class KnowledgeBaseError(ProblemsError):
    title = "invalid knowledge base"


class AnswersError(ProblemsError):
    title = "invalid answers"


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
