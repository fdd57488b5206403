"""File names from people's names: readable, safe on every file system, never shared by accident.

A name keeps its letters in any script (`王芳.yaml`, `Иван.yaml`); what a file system forbids or
treats specially (separators, `<>:"|?*`, control characters, leading dots, Windows device names
such as `CON` or `NUL`) is made safe; a long name is cut to a length every file system takes,
with a short hash of the whole name so two long names never meet. Names are compared after
Unicode NFC normalisation and case folding, the way macOS and Windows compare file names, so
`allocate_stem` gives `Alice` and `alice` (or two people called Sam) files of their own."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

FALLBACK = "session"
MAX_BYTES = 120  # well under the 255 bytes of a file name, leaving room for "-2" and ".yaml"
_UNSAFE = re.compile(r"[^\w.-]+")  # \w is Unicode: letters and digits of every script
_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"{device}{n}" for device in ("COM", "LPT") for n in [*"123456789", "¹", "²", "³"]]
)


def normalise(name: str) -> str:
    """A name as typed, tidied: NFC, inner whitespace collapsed, ends stripped."""
    return " ".join(unicodedata.normalize("NFC", name).split())


def name_key(name: str) -> str:
    """What two names are compared by: NFC and case folded (`Straße` = `STRASSE`)."""
    return unicodedata.normalize("NFC", normalise(name).casefold())


def safe_stem(name: str) -> str:
    """A file name (without suffix) for this name; the same stem for a stem (idempotent)."""
    text = _UNSAFE.sub("-", normalise(name)).strip(".-_")
    if not text:
        return FALLBACK
    if text.split(".", 1)[0].upper() in _RESERVED:
        base, dot, rest = text.partition(".")
        text = f"{base}-file{dot}{rest}"
    encoded = text.encode()
    if len(encoded) > MAX_BYTES:
        digest = hashlib.sha256(name_key(name).encode()).hexdigest()[:8]
        # the cut leaves room for the hash and for allocate_stem's "-2" ... "-999999"
        cut = encoded[: MAX_BYTES - 16].decode(errors="ignore").rstrip(".-_")
        text = f"{cut}-{digest}"
    return text


def allocate_stem(name: str, taken: Iterable[str]) -> str:
    """A stem for a new participant called `name`, distinct (after case folding) from every
    stem already taken: `sam`, then `sam-2`, `sam-3`."""
    used = {name_key(stem) for stem in taken}
    base = safe_stem(name)
    stem, number = base, 2
    while name_key(stem) in used:
        stem, number = f"{base}-{number}", number + 1
    return stem
