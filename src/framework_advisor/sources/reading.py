"""Reading an input file: a regular file within `limits.MAX_FILE_BYTES`, as bytes or UTF-8 text,
with one-line errors that name the file (never a hang on a FIFO or a device)."""

from __future__ import annotations

from pathlib import Path

from framework_advisor.errors import InputFileError
from framework_advisor.sources import limits


def read_bytes(path: Path, what: str = "file", limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (`limits.MAX_FILE_BYTES`).

    Opened without blocking and checked on the open descriptor: a FIFO, a device such as
    /dev/zero or /dev/urandom, or a socket is refused at once instead of hanging or filling
    memory."""
    import os
    import stat

    limit = limits.MAX_FILE_BYTES if limit is None else limit
    article = "an" if what[:1] in "aeiou" else "a"
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        if path.is_symlink():
            raise InputFileError(f"{path}: a link to nothing, expected {article} {what}") from None
        raise InputFileError(f"{path}: no such {what}") from None
    except IsADirectoryError:
        raise InputFileError(f"{path}: is a folder, expected {article} {what}") from None
    except (OSError, ValueError) as exc:
        raise InputFileError(f"{path}: cannot read: {_reason(exc)}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputFileError(f"{path}: is a folder, expected {article} {what}")
        if not stat.S_ISREG(info.st_mode):
            raise InputFileError(
                f"{path}: is {_kind(info.st_mode)}, not a regular file; expected {article} {what}"
            )
        if info.st_size > limit:
            raise InputFileError(_too_large(path, limit))
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise InputFileError(_too_large(path, limit))
        return b"".join(chunks)
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read: {_reason(exc)}") from None
    finally:
        os.close(fd)


def _reason(exc: BaseException) -> str:
    return (getattr(exc, "strerror", None) or str(exc)).lower()


def _kind(mode: int) -> str:
    import stat

    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _too_large(path: Path, limit: int) -> str:
    return f"{path}: larger than the limit of {limit // (1024 * 1024)} MB for an input file"


def read_text(path: Path, what: str = "file") -> str:
    """The file's text as UTF-8 (size-limited); raises InputFileError saying which file and
    what is wrong."""
    data = read_bytes(path, what)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputFileError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
