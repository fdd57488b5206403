"""Reading answers files and writing outputs: atomic writes, never overwriting without force."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from framework_advisor.domain.answers import META_KEY, Answers
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.errors import InputFileError, OutputError
from framework_advisor.kb.yaml_source import YamlDocument, parse_yaml, read_text


class AnswersFile(Struct):
    path: Path
    answers: Answers
    meta: dict[str, Any] = field(default_factory=dict)


def parse_answers_text(text: str, file: str) -> YamlDocument:
    """YAML or JSON (JSON is read by the YAML parser too, so errors carry line numbers)."""
    if file.endswith(".json"):
        import json

        duplicates: list[str] = []

        def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
            seen: dict[str, Any] = {}
            for key, value in pairs:
                if key in seen:
                    duplicates.append(key)
                seen[key] = value
            return seen

        try:
            data = json.loads(text, object_pairs_hook=unique_keys)
        except json.JSONDecodeError as exc:
            raise InputFileError(f"{file}:{exc.lineno}: not valid JSON: {exc.msg}") from None
        if duplicates:
            from framework_advisor.errors import Problem

            document = _located(text, YamlDocument(file=file, data=data))
            return YamlDocument(
                file=file,
                data=data,
                lines=document.lines,
                duplicates=[
                    Problem(file, key, "duplicate key", document.line_of((key,)))
                    for key in duplicates
                ],
            )
        return YamlDocument(file=file, data=data)
    return parse_yaml(text, file)


def read_answers(kb: KnowledgeBase, path: Path) -> AnswersFile:
    from framework_advisor.engine.answers import validate_answers
    from framework_advisor.errors import AnswersError

    text = read_text(path, "answers file")
    document = parse_answers_text(text, str(path))
    if document.duplicates:
        raise AnswersError(document.duplicates)
    try:
        answers = validate_answers(kb, document.data, document)
    except AnswersError:
        if document.lines or not text.strip():
            raise
        # JSON is parsed with the json module for speed; on error, locate the lines with the
        # YAML parser, which reads JSON too.
        located = _located(text, document)
        answers = validate_answers(kb, document.data, located)
    meta = document.data.get(META_KEY) if isinstance(document.data, dict) else None
    return AnswersFile(path=path, answers=answers, meta=meta or {})


def _located(text: str, document: YamlDocument) -> YamlDocument:
    try:
        located = parse_yaml(text, document.file)
    except InputFileError:
        return document
    located.data = document.data
    return located


def atomic_write(path: Path, data: str | bytes, *, force: bool = False) -> None:
    """Write via a temporary file in the same folder, then rename over the target."""
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists; use --force to overwrite it")
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name")
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"{path}: the folder {directory} does not exist")
    import tempfile

    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(payload)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temp, mode)  # as a plain open() would: mkstemp makes the file private
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None


@cache
def _umask() -> int:
    """The process's umask (reading it means setting it: once, then remembered)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
