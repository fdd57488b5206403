"""A participant takes their answers back: `workshop withdraw DIR NAME`.

From a workshop folder: their answers file, the files merged from theirs (`merged/`), and their
entry in every round (`rounds/<n>.json`) are removed, and so is their place in a served room
kept in `participants/`. From a room's folder (`serve --dir`): their answers file and their
place in `.room.json` (so their resume code opens nothing). What is kept is a count:
`withdrawn` in `workshop.yaml` or `.room.json`.

Everything is read and checked before anything is removed: an unreadable round file stops the
withdrawal with one line, and nothing has changed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from msgspec import Struct

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.text import Catalogue, Message, message
from framework_advisor.errors import AdvisorError, OutputError, UsageError
from framework_advisor.workshops import answer_files

ROOM_STATE = ".room.json"


class Withdrawn(Struct):
    """What a withdrawal removed (file names, for the facilitator's record) and the count."""

    name: str
    removed: list[str]
    rounds: list[int]
    count: int


def withdraw(kb: KnowledgeBase, directory: Path, who: str) -> Withdrawn:
    """Withdraw `who` (a file name, or the name they joined with) from a workshop or room."""
    from framework_advisor.workshops import CONFIG

    if (directory / CONFIG).is_file():
        return _from_workshop(kb, directory, who)
    if (directory / ROOM_STATE).is_file():
        return _from_room(kb.text, directory, who, count_here=True)
    neither = message("withdraw.neither", folder=str(directory), config=CONFIG, state=ROOM_STATE)
    raise UsageError(kb.text.say(neither))


# --- finding the person ----------------------------------------------------------------------


def _named(path: Path) -> str:
    """The name an answers file was written for (`_meta.participant`), else its stem."""
    from framework_advisor.sources.answers_file import salvage

    meta = salvage(path).get("_meta")
    name = meta.get("participant") if isinstance(meta, dict) else None
    return name if isinstance(name, str) and name.strip() else path.stem


def _find(words: Catalogue, folder: Path, who: str) -> tuple[Path, str]:
    """The one answers file of `who`: by file name first, else by the name they gave."""
    from framework_advisor.participants import name_key

    files = answer_files(folder, words)
    wanted = name_key(who)
    by_file = [p for p in files if wanted in (name_key(p.name), name_key(p.stem))]
    if by_file:
        return by_file[0], _named(by_file[0])
    by_name = [(p, name) for p in files if name_key(name := _named(p)) == wanted]
    if len(by_name) == 1:
        return by_name[0]
    if by_name:
        stems = [p.stem for p, _ in by_name]
        raise UsageError(
            words.say(message("withdraw.same_name", who=who, count=len(by_name), stems=stems))
        )
    known: list[str] | Message = [p.stem for p in files] or message("withdraw.nobody")
    raise UsageError(
        words.say(message("withdraw.no_such", who=who, folder=str(folder), known=known))
    )


# --- a workshop ------------------------------------------------------------------------------


def _from_workshop(kb: KnowledgeBase, directory: Path, who: str) -> Withdrawn:
    import msgspec

    from framework_advisor.participants import name_key
    from framework_advisor.workshop_lock import workshop_lock
    from framework_advisor.workshop_rounds import ROUNDS, read_round, write_round
    from framework_advisor.workshops import MERGED, load_config, participants_dir, save_config

    load_config(directory, kb)
    with workshop_lock(directory, kb.text):
        config = load_config(directory, kb)
        folder = participants_dir(directory)
        path, name = _find(kb.text, folder, who)
        merged = [
            p
            for p in answer_files(directory / MERGED, kb.text)
            if name_key(_named(p)) == name_key(name) or name_key(p.stem) == name_key(path.stem)
        ]
        rounds: dict[int, list[Any]] = {}
        for number in range(1, len(config.reveals) + 1):
            if not (directory / ROUNDS / f"{number}.json").exists():
                continue
            try:
                people = read_round(kb, directory, number)
            except AdvisorError as exc:
                unreadable = message(
                    "withdraw.round_unreadable", problem=exc.messages()[0], name=name
                )
                raise UsageError(kb.text.say(unreadable)) from None
            kept = [p for p in people if p.file != path.name]
            if len(kept) != len(people):
                rounds[number] = kept
        room_state = folder / ROOM_STATE
        if room_state.is_file():
            _from_room(kb.text, folder, path.stem, count_here=False, path=path)
        for number, kept in rounds.items():
            write_round(kb.text, directory, number, kept)
        removed = [_remove(kb.text, path)] + [_remove(kb.text, p) for p in merged]
        config = msgspec.structs.replace(config, withdrawn=config.withdrawn + 1)
        save_config(directory, config, kb.text)
    return Withdrawn(name, removed, sorted(rounds), config.withdrawn)


def _remove(words: Catalogue, path: Path) -> str:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        reason = str(exc.strerror or exc)
        raise OutputError(
            words.say(message("withdraw.cannot_remove", path=str(path), reason=reason))
        ) from None
    return path.name


# --- a room ----------------------------------------------------------------------------------


def _from_room(
    words: Catalogue, folder: Path, who: str, *, count_here: bool, path: Path | None = None
) -> Withdrawn:
    """Remove a participant from a room's state (and, when `path` is not given, their answers
    file): their resume code then opens nothing."""
    from framework_advisor.errors import InputFileError
    from framework_advisor.participants import name_key
    from framework_advisor.sources.atomic import atomic_write
    from framework_advisor.sources.reading import read_text

    state_path = folder / ROOM_STATE
    try:
        state = json.loads(read_text(state_path, "room state"))
        people = state["participants"]
        if not isinstance(people, list):
            raise TypeError(words.say(message("withdraw.not_a_list")))
    except (OSError, InputFileError, ValueError, KeyError, TypeError) as exc:
        problem = message("withdraw.room_state", path=str(state_path), problem=str(exc))
        raise UsageError(words.say(problem)) from None
    if path is None:
        path, name = _find(words, folder, who)
    else:
        name = _named(path)
    stem = name_key(path.stem)
    kept = [p for p in people if not (isinstance(p, dict) and name_key(str(p.get("stem"))) == stem)]
    state["participants"] = kept
    count = int(state.get("withdrawn", 0)) + (1 if count_here else 0)
    if count_here:
        state["withdrawn"] = count
    atomic_write(
        state_path, json.dumps(state, ensure_ascii=False, indent=1), force=True, mode=0o600
    )
    removed = [_remove(words, path)] if count_here else []
    return Withdrawn(name, removed, [], count)
