"""Saved sessions: one answers file per client or team, autosaved atomically in the user data
folder. A session file is an answers file whose ``_meta`` records where the user was."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from msgspec import Struct

from framework_advisor import __version__
from framework_advisor.domain.answers import META_KEY, Answers
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.errors import InputFileError, UsageError

ENV_DATA_DIR = "FRAMEWORK_ADVISOR_DATA_DIR"
SUFFIX = ".yaml"


class Session(Struct):
    name: str
    path: Path
    answers: Answers
    cursor: str | None = None
    updated: str | None = None
    participant: str | None = None
    notices: list[str] = []


def data_dir() -> Path:
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("framework-advisor", appauthor=False))


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

    def path_for(self, name: str) -> Path:
        return self.folder / f"{slug(name)}{SUFFIX}"

    def names(self) -> list[str]:
        """Session names, most recently saved first."""
        if not self.folder.is_dir():
            return []
        files = [p for p in self.folder.glob(f"*{SUFFIX}") if p.is_file()]
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

    def write(self, name: str, text: str) -> Path:
        """Write a session file atomically (a temporary file, then a rename)."""
        from framework_advisor.storage import atomic_write

        path = self.path_for(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, text, force=True)
        return path

    def load(self, name: str, kb: KnowledgeBase) -> Session:
        path = self.path_for(name)
        if not path.is_file():
            known = ", ".join(self.names()) or "none yet"
            raise UsageError(f"no session '{name}' in {self.folder} (sessions: {known})")
        return read_session(path, kb, name=path.stem)

    def rename(self, old: str, new: str) -> str:
        source, target = self.path_for(old), self.path_for(new)
        if target.exists():
            raise UsageError(f"a session '{target.stem}' already exists")
        source.rename(target)
        return target.stem

    def delete(self, name: str) -> None:
        self.path_for(name).unlink(missing_ok=True)


def dump_session(
    kb: KnowledgeBase, answers: Answers, cursor: str | None, participant: str | None = None
) -> str:
    import yaml

    meta: dict[str, Any] = {
        "cursor": cursor,
        "updated": now_iso(),
        "tool_version": __version__,
        "kb_version": kb.version,
        "packs": [{"name": p.name, "version": p.version, "hash": p.hash} for p in kb.packs],
    }
    if participant:
        meta["participant"] = participant
    ordered = {q.id: answers[q.id] for q in kb.questions if q.id in answers}
    header = "# Framework Advisor session (an answers file): edit freely, or continue in the app.\n"
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    body = yaml.dump(
        {**ordered, META_KEY: meta},
        Dumper=dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )
    return header + body


def read_session(path: Path, kb: KnowledgeBase, name: str | None = None) -> Session:
    """A saved session, salvaged: answers that no longer fit the knowledge base are dropped
    with a notice, never a crash."""
    from framework_advisor.engine.answers import salvage_answers
    from framework_advisor.kb.yaml_source import load_yaml_file

    try:
        data = load_yaml_file(path).data
    except InputFileError as exc:
        return Session(name or path.stem, path, {}, notices=[f"could not read the session: {exc}"])
    if not isinstance(data, dict):
        data = {}
    meta = data.get(META_KEY) if isinstance(data.get(META_KEY), dict) else {}
    answers, notices = salvage_answers(kb, data)
    loaded = {p.name for p in kb.packs}
    for pack in meta.get("packs") or []:
        if isinstance(pack, dict) and pack.get("name") not in loaded:
            notices.append(
                f"this session was saved with the knowledge pack '{pack.get('name')}' "
                f"{pack.get('version', '')}, which is not loaded now: pass it with --kb DIR"
            )
    cursor = meta.get("cursor") if isinstance(meta.get("cursor"), str) else None
    return Session(
        name or path.stem,
        path,
        answers,
        cursor=cursor if cursor in kb.question_map else None,
        updated=str(meta.get("updated") or "") or None,
        participant=meta.get("participant") if isinstance(meta.get("participant"), str) else None,
        notices=notices,
    )
