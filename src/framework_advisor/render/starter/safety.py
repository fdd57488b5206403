"""Two guards for anything written from text a user or a knowledge pack supplies (the starter
templates and the report use both).

- `neutralise_cell` (from `safe_text`): CSV/formula injection (OWASP, "CSV Injection").
  Spreadsheet programs run a cell that starts with `=`, `+`, `-` or `@` as a formula, also
  after leading whitespace an import trims and for fullwidth look-alikes, so such text gets a
  leading apostrophe and stays text. Use it only on supplied text, never on our own formulas.
- `safe_file_name` / `safe_target`: an output name has no path separators, no `..`, no control
  characters and a bounded length, and the resolved target must lie inside the output folder.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from framework_advisor.errors import OutputError
from framework_advisor.safe_text import needs_neutralising, neutralise_cell

__all__ = ["needs_neutralising", "neutralise_cell", "safe_file_name", "safe_target"]

MAX_NAME_BYTES = 120
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10))}
_RESERVED |= {f"LPT{i}" for i in range(10)}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def safe_file_name(name: str, *, max_bytes: int = MAX_NAME_BYTES) -> str:
    """One file name, safe on every system: no folders, no `..`, no control characters."""
    text = unicodedata.normalize("NFC", name)
    text = _UNSAFE.sub("-", text)
    text = re.sub(r"\.{2,}", ".", text)
    text = re.sub(r"\s+", " ", text).strip(" .-")
    stem, dot, suffix = text.rpartition(".")
    if not dot or not re.fullmatch(r"[A-Za-z0-9]{1,8}", suffix) or not stem.strip(" .-"):
        stem, suffix = text, ""
    stem = stem.strip(" .-") or "file"
    if stem.split(".")[0].upper() in _RESERVED:
        stem = "_" + stem
    tail = f".{suffix}" if suffix else ""
    budget = max_bytes - len(tail.encode("utf-8"))
    while len(stem.encode("utf-8")) > budget:
        stem = stem[:-1]
    return stem.rstrip(" .-") + tail


def safe_target(folder: Path, name: str) -> Path:
    """The path for `name` inside `folder`, refusing anything that resolves elsewhere (a
    symbolic link pointing out of the folder, say)."""
    safe = safe_file_name(name)
    if (folder / safe).resolve().parent != folder.resolve():
        raise OutputError(f"{folder / safe}: refusing to write outside {folder}")
    return folder / safe
