"""The one way into an answers file (YAML or JSON; a session, a participant's or a round's file
is one too), in three readings. What the answers mean is checked above, by the engine.

- **strict** (`read_strict`): the file parses, with no duplicate key, or it is refused with a
  located error: the CLI's `--answers`, a workshop's participants and rounds, and the app's
  "open a file" (which, like YAML, takes a duplicate key's last value).
- **lenient** (`read_lenient`): a file that does not parse is not an error but *damaged*: what
  can be salvaged is returned with the reason: saved sessions, which are never lost.
- **salvage** (`salvage`): each top-level entry parsed on its own (a typo, a tab or a truncated
  last line loses only its own entry); never raises: a session's revision, the name a
  participant's file was written for.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

from msgspec import Struct

from framework_advisor.domain.answers import META_KEY
from framework_advisor.domain.text import Catalogue
from framework_advisor.errors import AnswersError, Diagnostic, InputFileError
from framework_advisor.sources import limits
from framework_advisor.sources.reading import read_bytes, read_text
from framework_advisor.sources.yaml_lines import (
    DUPLICATE,
    JSON_SYNTAX,
    LIMIT,
    YamlDocument,
    YamlSyntaxError,
    check_values,
    parse_plain_mapping,
    parse_yaml,
)


class StrictReading(Struct):
    """An answers file that parsed: its document (data and the lines known so far) and text."""

    document: YamlDocument
    text: str

    def located(self) -> YamlDocument:
        """The document with every key's line: JSON is parsed with the json module for speed,
        so its lines are found with the YAML parser (which reads JSON too) only when needed."""
        if self.document.lines or not self.text.strip():
            return self.document
        return _located(self.text, self.document)


class LenientReading(Struct):
    """A session file read without failing: ``data`` is a mapping (empty when nothing could be
    read); ``damaged`` says why the file could not be read whole (None when it could)."""

    data: dict[str, Any]
    damaged: str | None = None

    @property
    def meta(self) -> dict[str, Any]:
        meta = self.data.get(META_KEY)
        return meta if isinstance(meta, dict) else {}


def read_strict(
    path: Path,
    what: str = "answers file",
    *,
    duplicates: bool = False,
    words: Catalogue | None = None,
) -> StrictReading:
    """Parse an answers file or raise: InputFileError for a file that cannot be read or parsed,
    AnswersError for a duplicate key, in ``words`` (unless ``duplicates``: the app's "open a
    file" takes the last value, as YAML does)."""
    try:
        text = read_text(path, what)
        document = parse_answers_text(text, str(path))
    except InputFileError:
        _refuse_a_document(path, what)
        raise
    if not isinstance(document.data, dict):
        _refuse_a_document(path, what)
    if document.duplicates and not duplicates:
        raise AnswersError(document.duplicates, words)
    return StrictReading(document=document, text=text)


_DOCUMENT_KINDS = {
    ".md": "a report or recommendation (Markdown)",
    ".markdown": "a report or recommendation (Markdown)",
    ".html": "a report (a web page)",
    ".htm": "a report (a web page)",
    ".pdf": "a report (PDF)",
    ".docx": "a report or template (Word)",
    ".xlsx": "a starter template (Excel)",
    ".csv": "a starter template (CSV)",
    ".txt": "a recommendation (text)",
}
_SIGNATURES = (
    (b"%PDF", "a report (PDF)"),
    (b"PK\x03\x04", "a report or template (Word or Excel)"),
    (b"<!doctype html", "a report (a web page)"),
    (b"<html", "a report (a web page)"),
)


def _refuse_a_document(path: Path, what: str) -> None:
    """An answers file that is not one (a report or a template given by mistake) is refused
    saying so, rather than with the parser's complaint about its first odd line."""
    kind = _DOCUMENT_KINDS.get(path.suffix.lower())
    if kind is None:
        try:
            if not stat.S_ISREG(path.stat().st_mode):
                return  # a FIFO or a device: the reader refuses it without opening it
            with open(path, "rb") as stream:
                start = stream.read(64).lstrip().lower()
        except OSError:
            return
        kind = next((k for magic, k in _SIGNATURES if start.startswith(magic.lower())), None)
        if (
            kind is None
            and start.startswith(b"# ")
            and path.suffix.lower() not in (".yaml", ".yml", ".json")
        ):
            kind = "a report or recommendation (Markdown)"
    if kind is not None:
        raise InputFileError(
            f"{path}: this looks like {kind}, not an {what}; give the {what} (YAML or JSON) "
            "it was made from"
        )


def read_lenient(path: Path, what: str = "session file") -> LenientReading:
    """A session file, never an error for its content: a file that does not parse is salvaged
    entry by entry; a list of mappings (a stray dash) is merged."""
    damaged = None
    try:
        data: Any = parse_yaml(read_text(path, what), str(path), aliases=False).data
    except InputFileError as exc:
        damaged, data = _reason(exc, path), salvage(path, what)
    if not isinstance(data, dict):
        damaged = damaged or "expected a mapping of question ids to answers"
        data = _merge_mappings(data)
    return LenientReading(data=data, damaged=damaged)


def salvage(path: Path, what: str = "session file") -> dict[str, Any]:
    """What can be read of a damaged answers file: each top-level entry parsed on its own
    (a typo, a tab or a truncated last line loses only its own entry); {} when unreadable."""
    try:
        raw = read_bytes(path, what)
    except InputFileError:
        return {}
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = raw.decode("utf-16", errors="replace")
    else:
        text = raw.decode("utf-8", errors="replace")
    blocks: list[list[str]] = []
    for line in text.splitlines():
        item = line[:2] in ("- ", "-") and not blocks[-1][0].startswith("-") if blocks else False
        if (line[:1].isspace() or item) and blocks:  # indented, or a list under the last key
            blocks[-1].append(line)
        elif line.strip() and not line.startswith("#"):
            blocks.append([line])
    salvaged: dict[str, Any] = {}
    for block in blocks:
        data = None
        for attempt in ("\n".join(block), block[0]):  # the entry, else its first line alone
            try:
                data = parse_yaml(attempt.lstrip("- "), str(path), aliases=False).data
                break
            except InputFileError:
                continue
        if isinstance(data, dict):
            salvaged.update({k: v for k, v in data.items() if isinstance(k, str)})
    return salvaged


def parse_answers_text(text: str, file: str) -> YamlDocument:
    """YAML or JSON (JSON is read by the YAML parser too, so errors carry line numbers)."""
    if file.endswith(".json"):
        return _parse_json(text, file)
    plain = parse_plain_mapping(text, file)
    return plain if plain is not None else parse_yaml(text, file, aliases=False)


def _parse_json(text: str, file: str) -> YamlDocument:
    import json

    duplicates: list[str] = []

    def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in pairs:
            if key in seen:
                duplicates.append(key)
            seen[key] = value
        return seen

    def no_constant(name: str) -> Any:
        raise ValueError(f"{name} is not a number this tool accepts")

    try:
        data = json.loads(text, object_pairs_hook=unique_keys, parse_constant=no_constant)
    except json.JSONDecodeError as exc:
        message = f"not valid JSON: {exc.msg}"
        raise YamlSyntaxError(
            Diagnostic.at(file, "", message, exc.lineno, rule=JSON_SYNTAX)
        ) from None
    except RecursionError:
        message = f"nested more than {limits.MAX_DEPTH} levels deep"
        raise YamlSyntaxError(Diagnostic.at(file, "", message, rule=LIMIT)) from None
    except ValueError as exc:  # a number beyond Python's digit limit, NaN or Infinity
        message = str(exc)
        if "digits" in message:
            message = f"a number longer than {limits.MAX_INT_DIGITS} digits"
        problem = Diagnostic.at(file, "", f"not valid JSON: {message}", rule=JSON_SYNTAX)
        raise YamlSyntaxError(problem) from None
    check_values(YamlDocument(file=file, data=data))
    if duplicates:
        document = _located(text, YamlDocument(file=file, data=data))
        return YamlDocument(
            file=file,
            data=data,
            lines=document.lines,
            duplicates=[
                Diagnostic.at(file, key, "duplicate key", document.line_of((key,)), rule=DUPLICATE)
                for key in duplicates
            ],
        )
    return YamlDocument(file=file, data=data)


def _located(text: str, document: YamlDocument) -> YamlDocument:
    try:
        located = parse_yaml(text, document.file, aliases=False)
    except InputFileError:
        return document
    located.data = document.data
    return located


def _reason(exc: InputFileError, path: Path) -> str:
    text = str(exc)
    prefix = f"{path}"
    return text[len(prefix) :].lstrip(":").strip() if text.startswith(prefix) else text


def _merge_mappings(data: Any) -> dict[str, Any]:
    """A top-level list of mappings (a stray dash) still holds answers."""
    merged: dict[str, Any] = {}
    if isinstance(data, list):
        for item in data:
            if isinstance(item, dict):
                merged.update({k: v for k, v in item.items() if isinstance(k, str)})
    return merged
