"""Reading answers files (strict, with lines; the fixed answers of a workshop applied). Files are
written by `sources.atomic`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msgspec import Struct, field

from framework_advisor.domain.answers import META_KEY, Answers
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.errors import InputFileError
from framework_advisor.kb import limits
from framework_advisor.kb.yaml_source import YamlDocument, check_values, parse_yaml, read_text


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

        def no_constant(name: str) -> Any:
            raise ValueError(f"{name} is not a number this tool accepts")

        try:
            data = json.loads(text, object_pairs_hook=unique_keys, parse_constant=no_constant)
        except json.JSONDecodeError as exc:
            raise InputFileError(f"{file}:{exc.lineno}: not valid JSON: {exc.msg}") from None
        except RecursionError:
            raise InputFileError(
                f"{file}: nested more than {limits.MAX_DEPTH} levels deep"
            ) from None
        except ValueError as exc:  # a number beyond Python's digit limit, NaN or Infinity
            message = str(exc)
            if "digits" in message:
                message = f"a number longer than {limits.MAX_INT_DIGITS} digits"
            raise InputFileError(f"{file}: not valid JSON: {message}") from None
        check_values(YamlDocument(file=file, data=data))
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
    return parse_yaml(text, file, aliases=False)


def read_answers(kb: KnowledgeBase, path: Path, *, fixed: Answers | None = None) -> AnswersFile:
    """A validated answers file. ``fixed`` (a workshop's answers fixed for everyone) fills in
    what the file leaves out; a file answering one of them differently is refused."""
    from framework_advisor.engine.answers import validate_answers
    from framework_advisor.errors import AnswersError

    text = read_text(path, "answers file")
    document = parse_answers_text(text, str(path))
    if document.duplicates:
        raise AnswersError(document.duplicates)
    if fixed:
        document = _with_fixed(kb, document, fixed)
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


def _with_fixed(kb: KnowledgeBase, document: YamlDocument, fixed: Answers) -> YamlDocument:
    from framework_advisor.errors import AnswersError, Problem

    data = document.data
    if not isinstance(data, dict):
        return document  # validation says what is wrong with it
    problems = []
    for qid, value in fixed.items():
        given = data.get(qid)
        question = kb.question(qid)
        if given is None or given == value or (question is not None and question.type == "text"):
            continue
        problems.append(
            Problem(
                document.file,
                qid,
                f"{given!r} differs from the workshop's fixed answer {value!r} "
                "(a different scope is a different assessment)",
                document.line_of((qid,)),
            )
        )
    if problems:
        raise AnswersError(problems)
    merged = {**data, **fixed}
    return YamlDocument(
        file=document.file, data=merged, lines=document.lines, duplicates=document.duplicates
    )


def _located(text: str, document: YamlDocument) -> YamlDocument:
    try:
        located = parse_yaml(text, document.file, aliases=False)
    except InputFileError:
        return document
    located.data = document.data
    return located
