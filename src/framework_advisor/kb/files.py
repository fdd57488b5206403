"""The files that make up one knowledge source (the embedded base or a pack), read once."""

from __future__ import annotations

import os
from pathlib import Path

from msgspec import Struct, field

from framework_advisor.errors import InputFileError, KnowledgeBaseError
from framework_advisor.kb.kinds import FOLDERS, TOP_FILES
from framework_advisor.sources.reading import read_bytes

try:  # the builtin module: hashlib would also load OpenSSL, 5 ms on the `recommend` path
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python builds
    from hashlib import blake2b


FOLDER_RULE = "kb-folder"
"""The rule of a knowledge folder that cannot be read."""


class SourceFiles(Struct):
    root: Path
    is_pack: bool
    texts: dict[str, bytes] = field(default_factory=dict)
    """Relative POSIX path -> raw bytes, for every knowledge file this source has."""

    def digest(self) -> str:
        sha = blake2b(digest_size=32)
        for name in sorted(self.texts):
            sha.update(name.encode())
            sha.update(b"\0")
            sha.update(self.texts[name])
            sha.update(b"\0")
        return sha.hexdigest()

    def display(self, name: str) -> str:
        return str(self.root / name)


def read_source(root: Path, *, is_pack: bool) -> SourceFiles:
    """Every knowledge file under ``root`` (the top-level files, frameworks/, examples/) read as
    bytes by its relative name; raises KnowledgeBaseError (rule `kb-folder`) for a missing
    folder, no kb.yaml or pack.yaml, a link leaving the folder, or a file that cannot be read or
    is too large."""
    if not root.exists():
        raise _refused(root, "kb.folder.missing")
    if not root.is_dir():
        raise _refused(root, "kb.folder.a_file")
    marker = "pack.yaml" if is_pack else "kb.yaml"
    if not os.path.lexists(root / marker):  # anything else there is read, or refused
        raise _refused(root, "kb.folder.no_pack_yaml" if is_pack else "kb.folder.no_kb_yaml")
    source = SourceFiles(root=root, is_pack=is_pack)
    # Every entry with a knowledge file's name is read or refused, never skipped: a FIFO, a
    # device or a link leaving the folder is an error, not a file that silently is not there.
    names = [n for n in TOP_FILES if os.path.lexists(root / n)]
    real_root = root.resolve()
    for folder in ("examples", *FOLDERS):
        directory = root / folder
        if directory.is_dir():
            _inside(real_root, directory, resolve=True)
            if folder != "examples":
                names += sorted(f"{folder}/{p.name}" for p in directory.glob("*.yaml"))
    for name in names:
        path = root / name
        _inside(real_root, path)
        try:
            source.texts[name] = read_bytes(path, "knowledge file")
        except InputFileError as exc:
            reason = str(exc).removeprefix(f"{path}: ")
            raise _refused(path, "kb.folder.unreadable", reason=reason) from None
    return source


def _refused(path: Path, message_id: str, **params: str) -> KnowledgeBaseError:
    """A knowledge folder that cannot be read, as a located problem with its rule."""
    from framework_advisor.domain.text import message
    from framework_advisor.kb.build import refused
    from framework_advisor.problems import ProblemCollector

    problems = ProblemCollector(rule=FOLDER_RULE)
    problems.add(str(path), (), message(message_id, **params))
    return refused(problems)


def _inside(real_root: Path, path: Path, *, resolve: bool = False) -> None:
    """Refuse a path that resolves outside the knowledge folder (a link out of a pack). Its
    folders are checked already: only a link needs resolving (a stat, not a realpath, each)."""
    if not resolve and not path.is_symlink():
        return
    try:
        inside = path.resolve().is_relative_to(real_root)
    except (OSError, RuntimeError):  # a loop of links
        inside = False
    if not inside:
        raise _refused(path, "kb.folder.link_out")
