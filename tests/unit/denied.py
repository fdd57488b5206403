"""Folders this user may not open, or may not write in, simulated in-process: the tests run as
root in CI, and root opens any folder whatever its mode. Every `os` call on a path inside the
folder fails as it would for an ordinary user (EACCES)."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

_WRITES = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def _inside(path: Any, folder: str) -> bool:
    if isinstance(path, int):
        return False
    try:
        text = os.path.abspath(os.fsdecode(path))
    except TypeError:
        return False
    return text.startswith(folder + os.sep)


def deny(monkeypatch: pytest.MonkeyPatch, folder: Path, *, read: bool) -> None:
    """Make `folder` unopenable (``read``: nothing inside can even be looked at) or read-only."""
    root = os.path.abspath(folder)
    real = {name: getattr(os, name) for name in (
        "stat", "lstat", "open", "mkdir", "scandir", "listdir", "replace", "rename", "link",
        "unlink", "rmdir", "symlink", "chmod",
    )}  # fmt: skip

    def refuse(path: Any) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))

    def looked_at(name: str):  # type: ignore[no-untyped-def]
        def call(path: Any, *args: Any, **kwargs: Any) -> Any:
            if read and _inside(path, root):
                refuse(path)
            return real[name](path, *args, **kwargs)

        return call

    def written(name: str):  # type: ignore[no-untyped-def]
        def call(path: Any, *args: Any, **kwargs: Any) -> Any:
            if _inside(path, root) or (args and _inside(args[0], root)):
                refuse(path)
            return real[name](path, *args, **kwargs)

        return call

    def opened(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if _inside(path, root):
            creates = flags & os.O_CREAT and not os.path.lexists(path) if not read else True
            if read or flags & (os.O_WRONLY | os.O_RDWR | os.O_TRUNC | os.O_APPEND) or creates:
                refuse(path)
        return real["open"](path, flags, *args, **kwargs)

    for name in ("stat", "lstat", "scandir", "listdir"):
        monkeypatch.setattr(os, name, looked_at(name))
    for name in ("mkdir", "replace", "rename", "link", "unlink", "rmdir", "symlink", "chmod"):
        monkeypatch.setattr(os, name, written(name))
    monkeypatch.setattr(os, "open", opened)
