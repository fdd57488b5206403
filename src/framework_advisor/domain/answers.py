"""What an answers file may hold besides answers: the ``_meta`` mapping the engine ignores."""

from typing import Any

from msgspec import Struct

META_KEY = "_meta"

AnswerValue = str | int | bool | list[str]
Answers = dict[str, Any]
"""Validated answers: question id -> value. Unanswered questions are absent."""


class PackRef(Struct, frozen=True, forbid_unknown_fields=True):
    name: str
    version: str
    hash: str = ""


class AnswersMeta(Struct, frozen=True, forbid_unknown_fields=True):
    cursor: str | None = None
    name: str | None = None
    """The session's name as typed in the app (its file's name is that made safe)."""
    updated: str | None = None
    participant: str | None = None
    tool_version: str | None = None
    kb_version: str | None = None
    packs: list[PackRef] = []
    revision: int | None = None
    """How many times the app has saved this session: a save based on an older revision than
    the file's is refused, so a newer state is never replaced by an older one."""
