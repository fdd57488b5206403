"""The files that make up one knowledge source (the embedded base or a pack), read once."""

from __future__ import annotations

import os
from pathlib import Path

from msgspec import Struct, field

from framework_advisor.errors import InputFileError
from framework_advisor.kb.yaml_source import read_bytes

try:  # the builtin module: hashlib would also load OpenSSL, 5 ms on the `recommend` path
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python builds
    from hashlib import blake2b

TOP_FILES = (
    "kb.yaml", "pack.yaml", "questions.yaml", "rules.yaml", "needs.yaml", "pairings.yaml",
    "glossary.yaml", "wording.yaml",
)  # fmt: skip


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
    bytes by its relative name; raises InputFileError for a missing folder, no kb.yaml or
    pack.yaml, a link leaving the folder, or a file that cannot be read or is too large."""
    if not root.exists():
        raise InputFileError(f"{root}: no such knowledge folder")
    if not root.is_dir():
        raise InputFileError(f"{root}: is a file, expected a knowledge folder")
    marker = "pack.yaml" if is_pack else "kb.yaml"
    if not os.path.lexists(root / marker):  # anything else there is read, or refused
        what = "a knowledge pack needs a pack.yaml (name, version)" if is_pack else "no kb.yaml"
        raise InputFileError(f"{root}: not a knowledge folder: {what}")
    source = SourceFiles(root=root, is_pack=is_pack)
    # Every entry with a knowledge file's name is read or refused, never skipped: a FIFO, a
    # device or a link leaving the folder is an error, not a file that silently is not there.
    names = [n for n in TOP_FILES if os.path.lexists(root / n)]
    real_root = root.resolve()
    for folder in (
        "frameworks", "templates", "examples", "examples/functions", "examples/industries",
        "examples/roles",
    ):  # fmt: skip
        directory = root / folder
        if directory.is_dir():
            _inside(real_root, directory, resolve=True)
            if folder != "examples":
                names += sorted(f"{folder}/{p.name}" for p in directory.glob("*.yaml"))
    for name in names:
        path = root / name
        _inside(real_root, path)
        source.texts[name] = read_bytes(path, "knowledge file")
    return source


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
        raise InputFileError(f"{path}: links outside the knowledge folder; refused")
