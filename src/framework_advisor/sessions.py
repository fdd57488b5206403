"""Saved sessions: one answers file per client or team, autosaved atomically in the user data
folder. A session file is an answers file whose ``_meta`` records where the user was."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import msgspec
from msgspec import Struct

from framework_advisor._version import __version__
from framework_advisor.domain.answers import META_KEY, Answers
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.text import Catalogue, Message, message, plain
from framework_advisor.errors import AdvisorError, UsageError
from framework_advisor.paths import ENV_DATA_DIR, data_dir

__all__ = ["ENV_DATA_DIR", "data_dir"]

SUFFIX = ".yaml"
SET_ASIDE = re.compile(r"\.(corrupt|kept)-\d{8}T\d{6}Z(-\d+)?$")
"""Stems of session files set aside (`NAME.corrupt-20250101T120000Z.yaml`): never listed."""


class Session(Struct):
    name: str
    path: Path
    answers: Answers
    cursor: str | None = None
    updated: str | None = None
    participant: str | None = None
    notices: list[str] = []
    revision: int = 0
    """The app's save count in the file (`_meta.revision`; 0 for a file without one)."""
    damaged: str | None = None
    """Why the file could not be read (then `answers` holds what could be salvaged): opening
    it sets the file aside first (`SessionStore.set_aside`), so it is never overwritten."""
    dropped: bool = False
    """Some answers no longer fit the knowledge base: a copy is kept before the first save."""
    title: str | None = None
    """The name as the user typed it (`_meta.name`: "Q3 board offsite — Acme"); the file's
    name (`name`, its stem) is that name made safe for every system."""

    @property
    def display_name(self) -> str:
        """The name people read: the one typed, or the file's stem for a file without one."""
        return self.title or self.name


def slug(name: str) -> str:
    """A file name that is safe on every system and cannot leave its folder (participants)."""
    from framework_advisor.participants import safe_stem

    return safe_stem(name)


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class SessionStore:
    """The sessions in one folder (the user data folder, or `serve --dir`)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or data_dir() / "sessions"
        # Lock files stay after a crash (harmless: the lock itself goes with the process), so
        # they live beside the sessions folder, not in it.
        self.lock_folder = data_dir() / "locks" if folder is None else self.folder / ".locks"

    def path_for(self, name: str) -> Path:
        """A session's file: the name slugged, unless it is the stem of a file already in the
        folder (`names()` lists files made by hand, such as `[x].yaml`, by their stems)."""
        listed = self.folder / f"{name}{SUFFIX}"
        if name and Path(name).name == name and name not in (".", "..") and listed.is_file():
            return listed
        return self.folder / f"{slug(name)}{SUFFIX}"

    def names(self) -> list[str]:
        """Session names, most recently saved first."""
        if not self.folder.is_dir():
            return []
        files = [
            p
            for p in self.folder.glob(f"*{SUFFIX}")
            if p.is_file() and not SET_ASIDE.search(p.stem)
        ]
        files.sort(key=lambda p: (-p.stat().st_mtime, p.stem))
        return [p.stem for p in files]

    def most_recent(self) -> str | None:
        names = self.names()
        return names[0] if names else None

    def exists(self, name: str) -> bool:
        return self.path_for(name).is_file()

    def save(
        self,
        name: str,
        kb: KnowledgeBase,
        answers: Answers,
        cursor: str | None,
        participant: str | None = None,
    ) -> Path:
        return self.write(name, dump_session(kb, answers, cursor, participant))

    def write(
        self,
        name: str,
        text: str,
        *,
        based_on: int | None = None,
        words: Catalogue | None = None,
    ) -> Path:
        """Write a session file atomically (a temporary file, then a rename). With `based_on`
        (the revision this state was built on), a file already at a later revision is left as
        it is and `NewerSession` is raised, in ``words``: an older state never replaces a newer
        one."""
        from framework_advisor.sources.atomic import atomic_write

        path = self.path_for(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        # A session kept elsewhere through a link is saved where the link points (the link
        # stays); a link to anything but a regular file is refused by the writer.
        target = path.resolve() if path.is_symlink() and path.resolve().is_file() else path
        if based_on is None:
            atomic_write(target, text, force=True)
            return path
        with folder_lock(target.parent):  # the check and the rename as one step
            found = revision_on_disk(target)
            if found > based_on:
                newer = message("session.newer", path=str(path), found=found, based_on=based_on)
                raise NewerSession(words.say(newer) if words is not None else plain(newer))
            atomic_write(target, text, force=True)
        return path

    def load(self, name: str, kb: KnowledgeBase) -> Session:
        path = self.path_for(name)
        if not path.is_file():
            known: list[str] | Message = self.names() or message("session.none_yet")
            none = message("session.none", name=name, folder=str(self.folder), known=known)
            raise UsageError(kb.text.say(none))
        return read_session(path, kb, name=path.stem)

    def display_name(self, name: str) -> str:
        """The session's name as typed (`_meta.name`), or its file's stem."""
        from framework_advisor.sources.answers_file import read_lenient

        path = self.path_for(name)
        title = read_lenient(path).meta.get("name") if path.is_file() else None
        return title if isinstance(title, str) and title.strip() else path.stem

    def stem_for(self, title: str) -> str:
        """The file stem a new session named ``title`` gets: its safe form, numbered when a
        session named otherwise already has that file ("Acme/Q3" beside "Acme-Q3")."""
        base = slug(title)
        stem, number = base, 2
        while self.exists(stem) and self.display_name(stem) != title:
            stem, number = f"{base}-{number}", number + 1
        return stem

    def rename(self, old: str, new: str, words: Catalogue) -> str:
        """Rename a session to ``new`` as typed: its file moves to the new name's safe form
        (unless that is its file already) and keeps the name typed. Returns the new stem."""
        source = self.path_for(old)
        target = self.path_for(new) if slug(new) != source.stem else source
        from framework_advisor.sources.atomic import move_to_new_name

        taken = UsageError(words.say(message("session.taken", name=self.display_name(target.stem))))
        if target != source:
            if target.exists():
                raise taken
            try:
                move_to_new_name(source, target)
            except FileExistsError:
                raise taken from None
        self.retitle(target.stem, new, words)
        return target.stem

    def retitle(self, name: str, title: str, words: Catalogue) -> None:
        """Record the name as typed in the session's file, every answer in it kept as it is
        (those that no longer fit too). A file that cannot be read keeps its stem as name."""
        from framework_advisor.sources.answers_file import read_lenient

        path = self.path_for(name)
        reading = read_lenient(path)
        if reading.damaged is not None:
            return
        meta = {**reading.meta, "name": title}
        revision = _revision(meta)
        meta["revision"] = revision + 1
        data = {**{k: v for k, v in reading.data.items() if k != META_KEY}, META_KEY: meta}
        self.write(name, _dump_yaml(data, words), based_on=revision, words=words)

    def delete(self, name: str) -> None:
        self.path_for(name).unlink(missing_ok=True)

    def set_aside(self, session: Session, words: Catalogue) -> Session:
        """Before a session is opened: a file that could not be read is moved aside as
        `NAME.corrupt-<time>.yaml` and what was salvaged opens under a new name; a file whose
        answers partly no longer fit is copied as `NAME.kept-<time>.yaml`. Nothing is lost."""
        import shutil

        from framework_advisor.sources.atomic import move_to_new_name

        if session.damaged is None and not session.dropped:
            return session
        kind = "corrupt" if session.damaged is not None else "kept"
        aside = _aside_path(session.path, kind)
        try:
            if session.damaged is not None:
                move_to_new_name(session.path, aside)
            else:
                shutil.copy2(session.path, aside)
            kept = message("session.kept_as", file=aside.name)
        except OSError as exc:
            kept = message("session.stays", reason=str(exc.strerror or exc))
        if session.damaged is None:
            notice = words.say(message("session.no_longer_fit", name=session.name, kept=kept))
            return msgspec.structs.replace(session, notices=[*session.notices, notice])
        new = _unique(self, words.say(message("session.recovered", name=session.name)))
        notice = words.say(
            message(
                "session.unreadable",
                name=session.name,
                damaged=session.damaged,
                kept=kept,
                count=len(session.answers),
                new=new,
            )
        )
        return msgspec.structs.replace(
            session, name=new, path=self.path_for(new), damaged=None, notices=[notice]
        )

    def lock(self, name: str) -> SessionLock | None:
        """Hold the session for this window, or None when another window holds it. An
        advisory lock on an open file: a crash releases it, nothing can leave it stuck."""
        lock = SessionLock(self.lock_folder / f"{slug(name)}.lock")
        return lock if lock.acquire() else None


class NewerSession(AdvisorError):
    """A save refused because the file holds a later revision (another window saved)."""


def revision_on_disk(path: Path) -> int:
    """The `_meta.revision` of a session file (0 if it has none, is missing or unreadable)."""
    if not path.is_file():
        return 0
    from framework_advisor.sources.answers_file import salvage

    meta = salvage(path).get(META_KEY)
    return _revision(meta) if isinstance(meta, dict) else 0


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """flock(2) on the folder itself, for a few file operations that must not interleave with
    another process's (none where the folder cannot be opened or locked)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        yield
        return
    try:
        with suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


class SessionLock:
    """flock(2) on an open descriptor, held until `release` or the process ends."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None

    def acquire(self) -> bool:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not on POSIX: no lock, as before
            return True
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        except OSError:
            return True  # a folder we cannot lock in is not a reason to refuse work
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self.fd = fd
        return True

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing the descriptor releases the lock
            self.fd = None


def _aside_path(path: Path, kind: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate, number = path.with_name(f"{path.stem}.{kind}-{stamp}{SUFFIX}"), 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.{kind}-{stamp}-{number}{SUFFIX}")
        number += 1
    return candidate


def _unique(store: SessionStore, base: str) -> str:
    name, number = slug(base), 2
    while store.exists(name):
        name, number = f"{slug(base)}-{number}", number + 1
    return name


def _session_data(
    kb: KnowledgeBase,
    answers: Answers,
    cursor: str | None,
    participant: str | None,
    revision: int | None = None,
    title: str | None = None,
) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "cursor": cursor,
        "updated": now_iso(),
        "tool_version": __version__,
        "kb_version": kb.version,
        "packs": [{"name": p.name, "version": p.version, "hash": p.hash} for p in kb.packs],
    }
    if title:
        meta["name"] = title
    if participant:
        meta["participant"] = participant
    if revision is not None:
        meta["revision"] = revision
    return {**kb.in_question_order(answers), META_KEY: meta}


def dump_session(
    kb: KnowledgeBase,
    answers: Answers,
    cursor: str | None,
    participant: str | None = None,
    revision: int | None = None,
    title: str | None = None,
) -> str:
    return _dump_yaml(_session_data(kb, answers, cursor, participant, revision, title), kb.text)


def _dump_yaml(data: dict[str, Any], words: Catalogue) -> str:
    import yaml

    header = f"# {words.say(message('session.file_header'))}\n"
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    body = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
    return header + body


def dump_session_json(
    kb: KnowledgeBase, answers: Answers, cursor: str | None, participant: str | None = None
) -> str:
    """The same session as JSON, for an answers file that is JSON."""
    import json

    data = _session_data(kb, answers, cursor, participant)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def read_session(path: Path, kb: KnowledgeBase, name: str | None = None) -> Session:
    """A saved session, salvaged: answers that no longer fit the knowledge base are dropped
    with a notice, never a crash."""
    from framework_advisor.engine.answers import salvage_answers
    from framework_advisor.sources.answers_file import read_lenient

    reading = read_lenient(path)
    data, damaged, meta = reading.data, reading.damaged, reading.meta
    answers, notices = salvage_answers(kb, data)
    loaded = {p.name for p in kb.packs}
    for pack in meta.get("packs") or []:
        if isinstance(pack, dict) and pack.get("name") not in loaded:
            said = message(
                "session.pack_not_loaded",
                name=str(pack.get("name")),
                version=str(pack.get("version", "")),
            )
            notices.append(kb.text.say(said))
    cursor = meta.get("cursor") if isinstance(meta.get("cursor"), str) else None
    if damaged is not None:
        dropped = {
            kb.text.say(message("answers.dropped", question=str(key)))
            for key in data
            if key != META_KEY and key not in kb.question_map
        }
        notices = [n for n in notices if n not in dropped]
    title = meta.get("name")
    return Session(
        name or path.stem,
        path,
        answers,
        cursor=cursor if cursor in kb.question_map else None,
        updated=str(meta.get("updated") or "") or None,
        participant=meta.get("participant") if isinstance(meta.get("participant"), str) else None,
        notices=notices,
        revision=_revision(meta),
        damaged=damaged,
        dropped=damaged is None and len(answers) < _answered(data),
        title=title if isinstance(title, str) and title.strip() else None,
    )


def _revision(meta: dict[str, Any]) -> int:
    value = meta.get("revision")
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def _answered(data: dict[str, Any]) -> int:
    return sum(1 for key, value in data.items() if key != META_KEY and value is not None)
