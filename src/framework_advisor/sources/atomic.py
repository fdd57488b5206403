"""The one atomic writer: every file the tool writes (reports, templates, sessions, a room's
state, workshops, the knowledge-base cache) goes through `atomic_write` or `write_all`, with one
temporary-name scheme and one cleaner of what a killed write left behind."""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

from framework_advisor.errors import OutputError

STDOUT = "-"
"""`-o -`: write to standard output."""
_TEMP = re.compile(r"^\..*\.fa(\d+)-([0-9a-f]{4})[0-9a-z]{6}\.(tmp|tmpdir)$")
_OLD_TEMP = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")  # tempfile names of earlier versions
STALE_AFTER = 86400.0
"""Seconds after which a temporary file of ours is stale whichever process made it."""


def is_stdout(path: Path | None) -> bool:
    return path is not None and str(path) == STDOUT


def atomic_write(
    path: Path, data: str | bytes, *, force: bool = False, mode: int | None = None
) -> None:
    """Write via a temporary file in the same folder, then move it into place.

    Without ``force`` the move is a hard link, which fails if anything appeared at the
    target meanwhile (never check-then-rename: two runs cannot both succeed). A symbolic link
    (dangling too), a folder or a special file (FIFO, device) at the target is refused even
    with ``force``. Our stale temporary files in the folder are cleaned first. ``mode``: the new
    file's permissions (a private file's 0o600); by default an overwritten file keeps its own."""
    payload = _payload(path, data)
    directory = _check_target(path, force=force)
    _clean_stale(directory)
    mode = _mode_for(path) if mode is None else mode
    try:
        temp = _write_temp(directory, path.name, payload, mode)
        try:
            _place(temp, path, force=force)
        finally:
            temp.unlink(missing_ok=True)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {_strerror(exc)}") from None


def write_all(files: list[tuple[Path, str | bytes]], *, force: bool = False) -> None:
    """Several files into one folder, all or nothing: each is written into a temporary folder
    first (a full disk leaves nothing behind), then moved into place; if a move fails, the
    targets already moved are put back as they were (the old files are kept as hard links
    until every move has succeeded)."""
    if not files:
        return
    directory = _check_target(files[0][0], force=force)
    prepared = [(path, _payload(path, data)) for path, data in files]
    for path, _ in prepared[1:]:
        _check_target(path, force=force)
    _clean_stale(directory)
    import shutil

    try:
        staging = directory / _temp_name(directory, "", "tmpdir")
        os.mkdir(staging, 0o700)
    except OSError as exc:
        raise OutputError(f"{directory}: cannot write: {_strerror(exc)}") from None
    placed: list[tuple[Path, Path | None]] = []  # each file placed, and its old one kept
    current = directory
    try:
        temps = []
        for path, payload in prepared:
            current = path
            temps.append(_write_temp(staging, path.name, payload, _mode_for(path)))
        for index, ((path, _), temp) in enumerate(zip(prepared, temps, strict=True)):
            current = path
            old = _keep(path, staging / f"{index}.old") if force else None
            _place(temp, path, force=force)
            placed.append((path, old))
    except OutputError:
        _undo(placed)
        raise
    except OSError as exc:
        _undo(placed)
        raise OutputError(
            f"{current}: cannot write: {_strerror(exc)} (nothing was written)"
        ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _keep(path: Path, backup: Path) -> Path | None:
    """A hard link to the file about to be replaced, to put back if a later move fails."""
    try:
        os.link(path, backup)
    except OSError:  # no file there yet, or a file system without hard links
        return None
    return backup


def _undo(placed: list[tuple[Path, Path | None]]) -> None:
    """Put every target back as it was before this call."""
    for path, old in reversed(placed):
        try:
            if old is not None:
                os.replace(old, path)
            else:
                path.unlink(missing_ok=True)
        except OSError:
            continue


def _payload(path: Path, data: str | bytes) -> bytes:
    if isinstance(data, bytes):
        return data
    try:
        return data.encode("utf-8")
    except UnicodeEncodeError:
        raise OutputError(
            f"{path}: the text holds characters that are not valid Unicode (lone surrogates)"
        ) from None


def check_output(path: Path, *, force: bool = False) -> None:
    """Refuse, in one line, an output that cannot or may not be written (a name too long, a
    folder that is missing or that this user may not open, a link, a folder or a special file
    in its place, an existing file without ``force``), before any work is done."""
    _check_target(path, force=force)


def _check_target(path: Path, *, force: bool) -> Path:
    """The folder to write in, after refusing every target we must not write."""
    import stat

    if not path.name or path.name in (".", ".."):
        raise OutputError(f"{path}: is a folder; give a file name")
    directory = path.parent if str(path.parent) else Path(".")
    limit = name_max(directory)
    size = len(os.fsencode(path.name))
    if size > limit:
        raise OutputError(
            f"{path}: the file name is {size} bytes long; the file system allows {limit}"
        )
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {_strerror(exc)}") from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise OutputError(
                f"{path}: is a symbolic link; refusing to write through or replace it"
            )
        if stat.S_ISDIR(info.st_mode):
            raise OutputError(f"{path}: is a folder; give a file name")
        if not stat.S_ISREG(info.st_mode):
            raise OutputError(f"{path}: is a special file (FIFO or device); refusing to replace it")
        if not force:
            raise OutputError(f"{path}: already exists; use --force to overwrite it")
    try:
        os.stat(directory)
    except FileNotFoundError:
        raise OutputError(f"{path}: the folder {directory} does not exist") from None
    except OSError as exc:
        raise OutputError(f"{path}: cannot write in {directory}: {_strerror(exc)}") from None
    if not directory.is_dir():
        raise OutputError(f"{path}: the folder {directory} does not exist")
    return directory


def move_to_new_name(source: Path, target: Path) -> None:
    """Move a file to a name nothing has yet (a session renamed or set aside): a hard link, then
    the old name removed, so that a file appearing at ``target`` meanwhile is never replaced
    (FileExistsError). Where links are not supported, a rename after a check."""
    import errno

    try:
        os.link(source, target, follow_symlinks=False)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EXDEV, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target)) from None
        os.rename(source, target)
        return
    os.unlink(source)


def make_folder(folder: Path, *, then: str) -> Path:
    """``folder`` made if missing. Anything else in its place (a file, a link) is one line:
    "FOLDER: is not a folder; move it aside to THEN"."""
    try:
        folder.mkdir(exist_ok=True)
    except FileExistsError:
        raise OutputError(f"{folder}: is not a folder; move it aside to {then}") from None
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create: {_strerror(exc)}") from None
    if not folder.is_dir() or folder.is_symlink():
        raise OutputError(f"{folder}: is not a folder; move it aside to {then}")
    return folder


def name_max(directory: Path) -> int:
    """The longest file name the folder's file system takes, in bytes (255 on most)."""
    try:
        return int(os.pathconf(directory, "PC_NAME_MAX"))
    except (OSError, ValueError, AttributeError):
        return 255


def _mode_for(path: Path) -> int:
    """As a plain open() would: an overwritten file keeps its mode, a new one gets the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


_HOST = ""


def _stamp() -> str:
    """The part of our temporary names that says who made them: pid and host."""
    global _HOST
    if not _HOST:
        import socket
        import zlib

        _HOST = f"{zlib.crc32(socket.gethostname().encode()) & 0xFFFF:04x}"
    return f"{os.getpid()}-{_HOST}"


def _temp_name(directory: Path, name: str, kind: str) -> str:
    """A hidden name, ours by its pattern, that fits the file system's limit on names."""
    import secrets
    import string

    letters = string.digits + string.ascii_lowercase
    tail = f".fa{_stamp()}{''.join(secrets.choice(letters) for _ in range(6))}.{kind}"
    budget = name_max(directory) - len(tail) - 1
    stem = os.fsencode(name)[: max(budget, 1)].decode("utf-8", "ignore") or "out"
    return f".{stem}{tail}"


def _write_temp(directory: Path, name: str, payload: bytes, mode: int) -> Path:
    """A hidden temporary file whose name fits the file system's limit."""
    temp = directory / _temp_name(directory, name, "tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, mode)  # mkstemp-style files are private; the target is not
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def _place(temp: Path, path: Path, *, force: bool) -> None:
    import errno

    if force:
        os.replace(temp, path)
        return
    try:
        os.link(temp, path)  # atomic: fails if the target exists, whoever made it
    except FileExistsError:
        raise OutputError(f"{path}: already exists; use --force to overwrite it") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        _copy_exclusive(temp, path)  # a file system without hard links


def _copy_exclusive(temp: Path, path: Path) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, temp.stat().st_mode & 0o7777)
    except FileExistsError:
        raise OutputError(f"{path}: already exists; use --force to overwrite it") from None
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(temp.read_bytes())
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _clean_stale(directory: Path) -> None:
    """Remove temporary files (and folders) our writes left behind when killed: those of a
    process of this host that is gone, and any older than a day."""
    import shutil
    import time

    try:
        entries = [e for e in os.scandir(directory) if e.name.startswith(".")]
    except OSError:
        return
    now = time.time()
    host = _stamp().rpartition("-")[2]
    for entry in entries:
        match = _TEMP.match(entry.name)
        if match is None and not _OLD_TEMP.match(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            old = now - info.st_mtime > STALE_AFTER
            gone = match is not None and match.group(2) == host and not _alive(int(match.group(1)))
            if not (old or gone):
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)
        except OSError:
            continue


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


def _strerror(exc: OSError) -> str:
    return exc.strerror or str(exc)


@cache
def _umask() -> int:
    """The process's umask (reading it means setting it: once, then remembered)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
