"""Tell when files in a few folders change: Linux inotify (through ctypes, no dependency),
else a cheap look at the folders once a second. Changes are coalesced: one call per burst."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import select
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

IN_MODIFY = 0x002
IN_CLOSE_WRITE = 0x008
IN_MOVED_FROM = 0x040
IN_MOVED_TO = 0x080
IN_CREATE = 0x100
IN_DELETE = 0x200
MASK = IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MODIFY
SETTLE = 0.15  # seconds of quiet that end a burst of changes
LONGEST = 1.0  # ... or this long after its first change: a room that never pauses still shows
POLL = 1.0


class FolderWatcher:
    def __init__(self, folders: Sequence[Path], changed: Callable[[], object]) -> None:
        self.folders = [Path(f) for f in folders]
        self.changed = changed
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.mode = ""

    def start(self) -> None:
        fd = self._inotify()
        target = self._watch_inotify if fd is not None else self._watch_polling
        self.mode = "inotify" if fd is not None else "polling"
        self._thread = threading.Thread(
            target=target, args=(fd,) if fd is not None else (), daemon=True, name="watch"
        )
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _inotify(self) -> int | None:
        if not hasattr(os, "O_NONBLOCK") or os.environ.get("FRAMEWORK_ADVISOR_POLL"):
            return None
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
            if fd < 0:
                return None
            for folder in self.folders:
                if libc.inotify_add_watch(fd, os.fsencode(folder), MASK) < 0:
                    os.close(fd)
                    return None
            return fd
        except (OSError, AttributeError):
            return None

    def _watch_inotify(self, fd: int) -> None:
        try:
            while not self._stop.is_set():
                ready, _, _ = select.select([fd], [], [], 0.5)
                if not ready:
                    continue
                self._drain(fd)
                until = time.monotonic() + LONGEST
                while time.monotonic() < until and select.select([fd], [], [], SETTLE)[0]:
                    self._drain(fd)  # until the burst is over, or has gone on long enough
                if not self._stop.is_set():
                    self.changed()
        finally:
            os.close(fd)

    @staticmethod
    def _drain(fd: int) -> None:
        with contextlib.suppress(BlockingIOError):
            while os.read(fd, 65536):
                pass

    def _snapshot(self) -> frozenset[tuple[str, int, int]]:
        found = set()
        for folder in self.folders:
            with contextlib.suppress(OSError):
                for entry in os.scandir(folder):
                    with contextlib.suppress(OSError):
                        info = entry.stat()
                        found.add((entry.path, info.st_mtime_ns, info.st_size))
        return frozenset(found)

    def _watch_polling(self) -> None:
        before = self._snapshot()
        while not self._stop.wait(POLL):
            now = self._snapshot()
            if now != before:
                before = now
                self.changed()
