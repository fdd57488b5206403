"""The one lock on a workshop's `workshop.yaml`: every command that rewrites it (reveal, close,
merge, the live view's keys) holds `workshop.yaml.lock` beside it from reading the file to
writing it back, so two of them at once never lose each other's change. Participants' own saves
write only their answers file and never take it.

An advisory flock(2) on an open descriptor: a crash releases it, nothing can leave it stuck."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from framework_advisor.domain.text import Catalogue, message
from framework_advisor.errors import OutputError

LOCK = "workshop.yaml.lock"
WAIT = 10.0
"""Seconds to wait for another command's write before giving up with one line."""


@contextmanager
def workshop_lock(directory: Path, words: Catalogue, wait: float | None = None) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock, as before
        yield
        return
    import stat

    path = directory / LOCK
    # read-only: closing it then is no change a folder watcher reports
    flags = os.O_RDONLY | os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as exc:
        raise OutputError(_cannot(words, path, exc)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OutputError(words.say(message("workshop.lock.not_a_file", path=str(path))))
        deadline = time.monotonic() + (WAIT if wait is None else wait)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    busy = message("workshop.lock.busy", folder=str(directory), name=directory.name)
                    raise OutputError(words.say(busy)) from None
                time.sleep(0.02)
            except OSError as exc:
                raise OutputError(_cannot(words, path, exc)) from None
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _cannot(words: Catalogue, path: Path, exc: OSError) -> str:
    reason = str(exc.strerror or exc)
    return words.say(message("workshop.lock.cannot", path=str(path), reason=reason))
