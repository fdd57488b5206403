"""A workshop's rounds: `rounds/<n>.json` holds the answers as they were at the n-th reveal.

A round file is read like an answers file: a regular file of bounded size (a FIFO or a link to
/dev/zero is refused at once), JSON with bounded nesting and values, each participant's answers
checked against the questionnaire. A file that fails says so in one line."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.text import Catalogue, message
from framework_advisor.domain.workshop import Participant
from framework_advisor.errors import AdvisorError, InputFileError

ROUNDS = "rounds"


def round_path(directory: Path, number: int) -> Path:
    return directory / ROUNDS / f"{number}.json"


def read_round(kb: KnowledgeBase, directory: Path, number: int) -> list[Participant]:
    """The participants as they were at the n-th reveal; InputFileError for a file that is not
    a round file (unreadable, too large, not JSON, wrong shapes or answers)."""
    from framework_advisor.engine.answers import validate_answers
    from framework_advisor.sources.answers_file import read_strict

    path = round_path(directory, number)
    data = read_strict(path, "round file", duplicates=True).document.data
    items = data.get("participants") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise InputFileError(
            kb.text.say(message("workshop.round.not_participants", path=str(path)))
        )
    people = []
    for index, item in enumerate(items):
        where = f"{path}: participants[{index}]"
        try:
            person = msgspec.convert(item, Participant)
        except msgspec.ValidationError as exc:
            raise InputFileError(f"{where}: {exc}") from None
        try:
            answers = validate_answers(kb, person.answers, file=where)
        except AdvisorError as exc:
            raise InputFileError(exc.messages()[0]) from None
        people.append(msgspec.structs.replace(person, answers=answers))
    return people


def write_round(
    words: Catalogue, directory: Path, number: int, participants: list[Participant]
) -> None:
    """The n-th reveal's answers (atomically; a `rounds` that is not a folder is one line)."""
    from framework_advisor.sources.atomic import atomic_write, make_folder

    make_folder(directory / ROUNDS, then=words.say(message("workshop.round.then")))
    payload = {"round": number, "participants": msgspec.to_builtins(participants)}
    atomic_write(round_path(directory, number), json.dumps(payload, ensure_ascii=False), force=True)
