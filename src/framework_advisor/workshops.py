"""A workshop's folder: `workshop.yaml`, the participants' answers files, and the rounds.

```
DIR/workshop.yaml        title, created, versions, packs, fixed answers, threshold, reveals, closed
DIR/participants/*.yaml  one answers file per participant (*.yml and *.json are read too)
DIR/rounds/<n>.json      the answers as they were at the n-th reveal (to compare rounds)
DIR/merged/              files merged into another by `workshop merge` (kept, never deleted)
DIR/workshop.yaml.lock   held by reveal, close, merge and withdraw while they rewrite (`workshop_lock`)
```
Reading goes through `storage.read_answers` (the strict reading of `sources.answers_file`: size,
alias and format bounds); every write is atomic. The pure computation lives in
`engine.group_summary` (with `group_answers`, `group_statistics` and `group_agenda`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import msgspec
from msgspec import Struct

from framework_advisor._version import __version__
from framework_advisor.domain.answers import Answers
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.text import Catalogue, message, plain
from framework_advisor.domain.workshop import DEFAULT_THRESHOLD, Decision, Participant, Skipped
from framework_advisor.errors import AdvisorError, InputFileError, UsageError
from framework_advisor.sessions import now_iso
from framework_advisor.workshop_lock import workshop_lock

CONFIG = "workshop.yaml"
PARTICIPANTS = "participants"
MERGED = "merged"
SUFFIXES = (".yaml", ".yml", ".json")


class WorkshopConfig(Struct, forbid_unknown_fields=True):
    title: str
    created: str
    tool_version: str
    kb_version: str
    packs: list[dict[str, str]] = []
    fixed: dict[str, Any] = {}
    threshold: float = DEFAULT_THRESHOLD
    """Agreement at or above which a question counts as consensus (Diamond et al. 2014: 75%)."""
    reveals: list[str] = []
    """When each reveal happened (UTC); the n-th reveal's answers are in rounds/<n>.json."""
    closed: str | None = None
    withdrawn: int = 0
    """How many participants withdrew their answers (`workshop withdraw`): nothing else of them
    is kept."""
    decisions: list[Decision] = []
    """What the room decided (`workshop decide`), one per question, each with who and when."""


class WorkshopError(InputFileError):
    """An unreadable workshop folder or `workshop.yaml`."""


def _said(words: Catalogue | None, message_id: str, **params: Any) -> str:
    """A sentence of the catalogue's (knowledge/text/en.yaml, ``workshop.*``); without a
    catalogue, its id and parameters (where the error is never shown: ``is_revealed``)."""
    said = message(message_id, **params)
    return words.say(said) if words is not None else plain(said)


def participants_dir(directory: Path) -> Path:
    return directory / PARTICIPANTS


def _dump(config: WorkshopConfig, words: Catalogue) -> str:
    import yaml

    data = msgspec.to_builtins(config)
    header = f"# {_said(words, 'workshop.file_header')}\n"
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def save_config(directory: Path, config: WorkshopConfig, words: Catalogue) -> None:
    from framework_advisor.sources.atomic import atomic_write

    atomic_write(directory / CONFIG, _dump(config, words), force=True)


def create(directory: Path, kb: KnowledgeBase, *, title: str, fixed: Answers) -> WorkshopConfig:
    """A new workshop folder; refused where a workshop (or anything else) is already there."""
    try:
        if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
            raise UsageError(_said(kb.text, "workshop.not_empty", folder=str(directory)))
        participants_dir(directory).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkshopError(
            _said(kb.text, "workshop.cannot_create", folder=str(directory), reason=_reason(exc))
        ) from None
    config = WorkshopConfig(
        title=title,
        created=now_iso(),
        tool_version=__version__,
        kb_version=kb.version,
        packs=[{"name": p.name, "version": p.version} for p in kb.packs],
        fixed=fixed,
    )
    save_config(directory, config, kb.text)
    return config


def load_config(
    directory: Path, kb: KnowledgeBase | None = None, words: Catalogue | None = None
) -> WorkshopConfig:
    """`workshop.yaml`, checked (its fixed answers and decisions too, given ``kb``); one-line
    errors for a missing folder or a bad file, in ``words`` (else ``kb``'s)."""
    from framework_advisor.sources.yaml_lines import load_yaml_file

    if words is None and kb is not None:
        words = kb.text
    if not directory.is_dir():
        raise WorkshopError(_said(words, "workshop.no_folder", folder=str(directory)))
    path = directory / CONFIG
    if not path.is_file():
        raise WorkshopError(_said(words, "workshop.missing", path=str(path), folder=str(directory)))
    document = load_yaml_file(path, "workshop file")
    try:
        config = msgspec.convert(document.data, WorkshopConfig, strict=False)
    except msgspec.ValidationError as exc:
        raise WorkshopError(f"{path}: {exc}") from None
    if not 0 < config.threshold <= 1:
        raise WorkshopError(
            _said(words, "workshop.threshold", path=str(path), threshold=str(config.threshold))
        )
    if kb is not None and config.fixed:
        from framework_advisor.engine.answers import salvage_answers

        answers, notices = salvage_answers(kb, config.fixed)
        if notices:
            raise WorkshopError(f"{path}: fixed: {notices[0]}")
        config.fixed = answers
    if kb is not None and config.decisions:
        _check_decisions(kb, path, config)
    return config


def _check_decisions(kb: KnowledgeBase, path: Path, config: WorkshopConfig) -> None:
    """Each decision names a question of the questionnaire with a value it accepts, and
    together with the fixed answers they make sense."""
    from framework_advisor.engine.answers import validate_answers

    decided = {}
    for index, decision in enumerate(config.decisions):
        where = f"{path}: decisions[{index}]"
        try:
            decided.update(
                validate_answers(
                    kb, {decision.question: decision.value}, file=where, required=False
                )
            )
        except AdvisorError as exc:
            raise WorkshopError(exc.messages()[0]) from None
    try:
        validate_answers(kb, {**config.fixed, **decided}, file=f"{path}: decisions", required=False)
    except AdvisorError as exc:
        raise WorkshopError(exc.messages()[0]) from None


def participant_files(directory: Path, words: Catalogue) -> list[Path]:
    folder = participants_dir(directory)
    if not folder.exists() and not folder.is_symlink():
        raise WorkshopError(
            _said(words, "workshop.missing", path=str(folder), folder=str(directory))
        )
    return answer_files(folder, words)


def _reason(exc: OSError) -> str:
    return str(exc.strerror or exc)


def answer_files(folder: Path, words: Catalogue) -> list[Path]:
    """The answers files in a folder (`*.yaml`, `*.yml`, `*.json`, not hidden), by name; none
    where the folder is missing."""
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise WorkshopError(
            _said(words, "workshop.cannot_read", path=str(folder), reason=_reason(exc))
        ) from None
    return [
        p
        for p in entries
        if p.suffix.lower() in SUFFIXES and not p.name.startswith(".") and p.is_file()
    ]


def read_participants(
    kb: KnowledgeBase, directory: Path, config: WorkshopConfig
) -> tuple[list[Participant], list[Skipped]]:
    """Every readable participant (ids P1, P2, ... by position in file-name order, so a
    skipped file leaves a gap rather than renumbering the rest), and the files skipped with
    why (corrupt, or missing a required answer)."""
    from framework_advisor.safe_text import one_line
    from framework_advisor.storage import read_answers

    participants: list[Participant] = []
    skipped: list[Skipped] = []
    for position, path in enumerate(participant_files(directory, kb.text), start=1):
        try:
            read = read_answers(kb, path, fixed=config.fixed)
        except AdvisorError as exc:
            messages = exc.messages()
            text = "; ".join(messages[:3]) + ("; ..." if len(messages) > 3 else "")
            skipped.append(Skipped(path.name, one_line(text.replace(str(path), path.name))))
            continue
        answers = read.answers
        size = {"headcount", "stage"} & set(config.fixed)
        if size:  # a fixed size decides the stage (and a fixed stage the band): drop the other
            answers = {k: v for k, v in answers.items() if k not in {"headcount", "stage"} - size}
        name = read.meta.get("participant") if isinstance(read.meta, dict) else None
        participants.append(
            Participant(
                f"P{position}",  # by file, as the live view numbers them: a skipped file keeps its number
                str(name) if isinstance(name, str) and name.strip() else path.stem,
                answers,
                path.name,
            )
        )
    return participants, skipped


# --- rounds -----------------------------------------------------------------------------------


def current_round(
    kb: KnowledgeBase,
    directory: Path,
    config: WorkshopConfig,
    participants: list[Participant],
    notes: list[str] | None = None,
) -> tuple[int, list[Participant]]:
    """The round now and the answers at the last reveal: round 1 until a reveal; after the
    n-th reveal, round n + 1 once someone's answers differ from what was revealed. A round
    file that cannot be read is left out, with a note saying why."""
    from framework_advisor.workshop_rounds import read_round

    reveals = len(config.reveals)
    if reveals == 0:
        return 1, []
    try:
        before = read_round(kb, directory, reveals)
    except AdvisorError as exc:
        if notes is not None:
            notes.append(
                _said(kb.text, "workshop.previous_round_left_out", problem=exc.messages()[0])
            )
        before = []
    then = {p.file: p.answers for p in before}
    changed = any(then.get(p.file) != p.answers for p in participants)
    return (reveals + 1 if changed else reveals), before


def reveal(kb: KnowledgeBase, directory: Path) -> tuple[WorkshopConfig, int]:
    """Show everyone the group's result: the answers as they are now become the round's
    snapshot. Returns the config and how many participants were revealed."""
    from framework_advisor.workshop_rounds import write_round

    load_config(directory, kb)  # a bad folder is one line before anything is locked
    with workshop_lock(directory, kb.text):
        config = load_config(directory, kb)
        if config.closed:
            raise UsageError(
                _said(kb.text, "workshop.closed", folder=str(directory), closed=config.closed)
            )
        participants, _ = read_participants(kb, directory, config)
        if not participants:
            raise UsageError(_said(kb.text, "workshop.nothing_to_reveal", folder=str(directory)))
        number = len(config.reveals) + 1
        write_round(kb.text, directory, number, participants)
        config.reveals = [*config.reveals, now_iso()]
        save_config(directory, config, kb.text)
    return config, len(participants)


def is_revealed(directory: Path) -> bool:
    try:
        return bool(load_config(directory).reveals)
    except AdvisorError:
        return False


def is_closed(directory: Path) -> bool:
    try:
        return bool(load_config(directory).closed)
    except AdvisorError:
        return False


def close(directory: Path, words: Catalogue) -> WorkshopConfig:
    load_config(directory, words=words)
    with workshop_lock(directory, words):
        config = load_config(directory, words=words)
        if not config.closed:
            config.closed = now_iso()
            save_config(directory, config, words)
    return config


# --- merge ------------------------------------------------------------------------------------


def _find(
    words: Catalogue, directory: Path, participants: list[Participant], key: str
) -> Participant:
    from framework_advisor.participants import name_key

    for p in participants:
        if key.upper() == p.id or name_key(key) in (name_key(p.file), name_key(Path(p.file).stem)):
            return p
    raise UsageError(_said(words, "workshop.no_such_participant", key=key, folder=str(directory)))


def merge(kb: KnowledgeBase, directory: Path, first: str, second: str) -> tuple[Path, list[str]]:
    """Join two files of one person into the first one, in the first one's format (YAML or
    JSON); per question the later answer (by the files' `_meta.updated`, else their
    modification time) wins. The second file moves to `merged/`. All or nothing: a move or a
    write that fails leaves both files as they were. Returns the file written and what was
    decided, one line each."""
    load_config(directory, kb)
    with workshop_lock(directory, kb.text):
        config = load_config(directory, kb)
        if config.closed:
            raise UsageError(
                _said(
                    kb.text,
                    "workshop.closed_files_stay",
                    folder=str(directory),
                    closed=config.closed,
                )
            )
        participants, _ = read_participants(kb, directory, config)
        a = _find(kb.text, directory, participants, first)
        b = _find(kb.text, directory, participants, second)
        if a.file == b.file:
            raise UsageError(_said(kb.text, "workshop.same_file", first=first, second=second))
        return _merge(kb, directory, config, a, b)


def _merge(
    kb: KnowledgeBase, directory: Path, config: WorkshopConfig, a: Participant, b: Participant
) -> tuple[Path, list[str]]:
    from framework_advisor.errors import OutputError
    from framework_advisor.sessions import dump_session, dump_session_json
    from framework_advisor.sources.atomic import atomic_write
    from framework_advisor.storage import read_answers

    folder = participants_dir(directory)

    def updated(p: Participant) -> str:
        meta = read_answers(kb, folder / p.file, fixed=config.fixed).meta
        stamp = meta.get("updated") if isinstance(meta, dict) else None
        if isinstance(stamp, str):
            return stamp
        try:
            mtime = (folder / p.file).stat().st_mtime
        except OSError as exc:
            raise InputFileError(
                _said(
                    kb.text,
                    "workshop.cannot_read",
                    path=str(folder / p.file),
                    reason=str(exc.strerror),
                )
            ) from None
        return datetime.fromtimestamp(mtime, UTC).isoformat().replace("+00:00", "Z")

    earlier, later = (a, b) if updated(a) <= updated(b) else (b, a)
    merged = {**earlier.answers, **later.answers}
    said = []
    for question in kb.questions:
        x, y = earlier.answers.get(question.id), later.answers.get(question.id)
        if x is not None and y is not None and x != y:
            said.append(
                _said(
                    kb.text,
                    "workshop.merge.chose",
                    question=question.label,
                    later=question.label_of(y),
                    file=later.file,
                    earlier=question.label_of(x),
                )
            )
    target = folder / a.file
    dump = dump_session_json if target.suffix.lower() == ".json" else dump_session
    text = dump(kb, merged, None, participant=a.name)
    aside = _aside(kb.text, directory, b.file)
    source = folder / b.file
    try:
        source.replace(aside)
    except OSError as exc:
        raise OutputError(
            _said(
                kb.text,
                "workshop.merge.cannot_move",
                aside=str(aside),
                file=b.file,
                reason=_reason(exc),
            )
        ) from None
    try:
        atomic_write(target, text, force=True)
    except OutputError:
        aside.replace(source)  # put the second file back: nothing changed
        raise
    said.append(_said(kb.text, "workshop.merge.moved", file=b.file, to=f"{MERGED}/{aside.name}"))
    return target, said


def _aside(words: Catalogue, directory: Path, name: str) -> Path:
    """Where a merged file goes, in `merged/` (made if missing), never over an earlier one."""
    from framework_advisor.sources.atomic import make_folder

    folder = make_folder(directory / MERGED, then=_said(words, "workshop.merge.then"))
    aside = folder / name
    if aside.exists() or aside.is_symlink():
        aside = aside.with_name(f"{aside.stem}-{now_iso().replace(':', '')}{aside.suffix}")
    return aside


# --- the room's decisions and the agreed plan -------------------------------------------------


def decide(kb: KnowledgeBase, directory: Path, settings: list[str], by: str) -> list[Decision]:
    """Record what the room decided: each ``QUESTION=VALUE`` checked against the questionnaire
    (and with the fixed answers and the other decisions), then written to `workshop.yaml` at
    once, with who decided and when; a question decided again keeps the later decision."""
    from framework_advisor.engine.answers import parse_value, validate_answers
    from framework_advisor.engine.progress import not_asked

    if not settings:
        raise UsageError(_said(kb.text, "workshop.decide.give"))
    decided: dict[str, Any] = {}
    for setting in settings:
        qid, sep, text = setting.partition("=")
        qid = qid.strip()
        if not sep:
            raise UsageError(_said(kb.text, "workshop.decide.expected", setting=setting))
        value = parse_value(kb, qid, text, file="decide")
        if value is None:
            raise UsageError(_said(kb.text, "workshop.decide.give_value", setting=setting))
        decided[qid] = value
    load_config(directory, kb)  # a bad folder is one line before anything is locked
    with workshop_lock(directory, kb.text):
        config = load_config(directory, kb)
        fixed = set(decided) & not_asked(config.fixed)
        if fixed:
            raise UsageError(_said(kb.text, "workshop.decide.fixed", questions=sorted(fixed)))
        kept = {d.question: d.value for d in config.decisions if d.question not in decided}
        validate_answers(kb, {**config.fixed, **kept, **decided}, file="decide", required=False)
        when = now_iso()
        new = [Decision(qid, value, by, when) for qid, value in decided.items()]
        config.decisions = [d for d in config.decisions if d.question not in decided] + new
        save_config(directory, config, kb.text)
    return new


def agreed_answers(kb: KnowledgeBase, directory: Path) -> tuple[dict[str, Any], WorkshopConfig]:
    """The organisation's answers as the room left them: the group's answers (as the summary
    makes them) with the room's decisions and the fixed answers over them."""
    from framework_advisor.engine.answers import validate_answers
    from framework_advisor.engine.group_answers import group_answers

    config = load_config(directory, kb)
    participants, _ = read_participants(kb, directory, config)
    if not participants:
        raise UsageError(_no_answers(kb.text, directory, 0))
    decided = {d.question: d.value for d in config.decisions}
    group = group_answers(kb, [p.answers for p in participants], {**config.fixed, **decided})
    answers = validate_answers(kb, kb.in_question_order(group), file=str(directory / CONFIG))
    return answers, config


def write_plan(kb: KnowledgeBase, directory: Path, output: Path, *, force: bool) -> dict[str, Any]:
    """The agreed answers file, which `report` and `templates` read (never over a file
    without ``force``)."""
    from framework_advisor.sessions import dump_session
    from framework_advisor.sources.atomic import atomic_write

    answers, _ = agreed_answers(kb, directory)
    atomic_write(output, dump_session(kb, answers, None), force=force)
    return answers


# --- the summary ------------------------------------------------------------------------------


def build_summary(
    kb: KnowledgeBase,
    directory: Path,
    *,
    minutes: int,
    anonymous: bool = False,
    say: Callable[[str], None] | None = None,
) -> tuple[Any, list[str]]:
    """The workshop's summary and notes for the facilitator (also given to ``say`` as they
    come, so an empty workshop's error follows the reasons its files were skipped)."""
    from framework_advisor.engine.group_summary import summarise_workshop

    config = load_config(directory, kb)
    participants, skipped = read_participants(kb, directory, config)
    notes = []
    if config.kb_version != kb.version:
        notes.append(_said(kb.text, "workshop.kb_version", then=config.kb_version, now=kb.version))
    if anonymous:
        named = [
            _said(kb.text, "workshop.anonymous_file", number=i) for i in range(1, len(skipped) + 1)
        ]
        skipped = [
            Skipped(name, _without(s.error, s.file, name))
            for name, s in zip(named, skipped, strict=True)
        ]
    notes += [_said(kb.text, "workshop.skipped", file=s.file, error=s.error) for s in skipped]
    if say is not None:
        for note in notes:
            say(note)
    if not participants:
        raise UsageError(_no_answers(kb.text, directory, len(skipped)))
    round_notes: list[str] = []
    number, previous = current_round(kb, directory, config, participants, round_notes)
    if say is not None:
        for note in round_notes:
            say(note)
    notes += round_notes
    if anonymous:
        participants = [msgspec.structs.replace(p, name="") for p in participants]
        previous = [msgspec.structs.replace(p, name="") for p in previous]
    summary = summarise_workshop(
        kb,
        participants,
        fixed=config.fixed,
        title=config.title,
        threshold=config.threshold,
        minutes=minutes,
        round=number,
        skipped=skipped,
        previous=previous if number > len(config.reveals) else [],
        anonymous=anonymous,
        decisions=config.decisions,
    )
    return summary, notes


def _no_answers(words: Catalogue, directory: Path, skipped: int) -> str:
    folder, where = str(directory), str(participants_dir(directory))
    if not skipped:
        return _said(words, "workshop.no_answers", folder=folder, participants=where)
    return _said(
        words, "workshop.no_answers_skipped", folder=folder, participants=where, count=skipped
    )


def _without(text: str, file: str, placeholder: str) -> str:
    stem = Path(file).stem
    return text.replace(file, placeholder).replace(stem, placeholder) if stem else text
