"""Answers files validated against the knowledge base: the strict reading of
`sources.answers_file`, a workshop's fixed answers applied, then the engine's checks. Files are
written by `sources.atomic`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msgspec import Struct, field

from framework_advisor.domain.answers import META_KEY, Answers
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.text import message
from framework_advisor.sources.answers_file import read_strict
from framework_advisor.sources.yaml_lines import YamlDocument


class AnswersFile(Struct):
    path: Path
    answers: Answers
    meta: dict[str, Any] = field(default_factory=dict)


def read_answers(kb: KnowledgeBase, path: Path, *, fixed: Answers | None = None) -> AnswersFile:
    """A validated answers file. ``fixed`` (a workshop's answers fixed for everyone) fills in
    what the file leaves out; a file answering one of them differently is refused."""
    from framework_advisor.engine.answers import validate_answers
    from framework_advisor.errors import AnswersError

    reading = read_strict(path, words=kb.text)
    document = reading.document
    if fixed:
        document = _with_fixed(kb, document, fixed)
    try:
        answers = validate_answers(kb, document.data, document)
    except AnswersError:
        located = reading.located()
        if located is reading.document:
            raise
        located.data = document.data
        answers = validate_answers(kb, document.data, located)
    meta = document.data.get(META_KEY) if isinstance(document.data, dict) else None
    return AnswersFile(path=path, answers=answers, meta=meta or {})


def _with_fixed(kb: KnowledgeBase, document: YamlDocument, fixed: Answers) -> YamlDocument:
    from framework_advisor.errors import AnswersError, Diagnostic

    data = document.data
    if not isinstance(data, dict):
        return document  # validation says what is wrong with it
    problems = []
    for qid, value in fixed.items():
        given = data.get(qid)
        question = kb.question(qid)
        if given is None or given == value or (question is not None and question.type == "text"):
            continue
        said = message("answers.differs_fixed", given=repr(given), fixed=repr(value))
        problems.append(
            Diagnostic.at(
                document.file,
                qid,
                kb.text.say(said),
                document.line_of((qid,)),
                rule="answers-fixed",
                said=said,
            )
        )
    if problems:
        raise AnswersError(problems, kb.text)
    merged = {**data, **fixed}
    return YamlDocument(
        file=document.file, data=merged, lines=document.lines, duplicates=document.duplicates
    )
