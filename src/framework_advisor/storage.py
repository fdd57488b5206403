"""Reading answers files and writing outputs: atomic writes, never overwriting without force."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framework_advisor.domain.answers import META_KEY, Answers
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.errors import InputFileError, OutputError
from framework_advisor.kb.yaml_source import YamlDocument, parse_yaml, read_text


@dataclass
class AnswersFile:
    path: Path
    answers: Answers
    meta: dict[str, Any] = field(default_factory=dict)


def parse_answers_text(text: str, file: str) -> YamlDocument:
    """YAML or JSON (JSON is read by the YAML parser too, so errors carry line numbers)."""
    if file.endswith(".json"):
        import json

        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputFileError(f"{file}:{exc.lineno}: not valid JSON: {exc.msg}") from None
        try:
            document = parse_yaml(text, file)
        except InputFileError:
            document = YamlDocument(file=file, data=data)
        document.data = data
        return document
    return parse_yaml(text, file)


def read_answers(kb: KnowledgeBase, path: Path) -> AnswersFile:
    from framework_advisor.engine.answers import validate_answers
    from framework_advisor.errors import AnswersError

    document = parse_answers_text(read_text(path, "answers file"), str(path))
    if document.duplicates:
        raise AnswersError(document.duplicates)
    answers = validate_answers(kb, document.data, document)
    meta = document.data.get(META_KEY) if isinstance(document.data, dict) else None
    return AnswersFile(path=path, answers=answers, meta=meta or {})


def atomic_write(path: Path, data: str | bytes, *, force: bool = False) -> None:
    """Write via a temporary file in the same folder, then rename over the target."""
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists; use --force to overwrite it")
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name")
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"{path}: the folder {directory} does not exist")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(payload)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
