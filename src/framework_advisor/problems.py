"""Problems in inputs, collected before failing, each located by file, line and key; and
"did you mean" for near misses. Shared by the knowledge-base loader and the answers checks (the
engine), so it sits at the bottom beside ``errors`` and imports neither."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

import msgspec

from framework_advisor.domain.text import Catalogue, Message, message, say_safely
from framework_advisor.errors import Diagnostic

KeyPath = tuple[str | int, ...]
"""Where a value sits in a document: ("rules", 3, "when")."""

T = TypeVar("T")


class LineSource(Protocol):
    """A parsed document that knows the line of each key (``sources.yaml_lines.YamlDocument``)."""

    file: str

    def line_of(self, path: KeyPath) -> int | None: ...


def format_path(path: KeyPath) -> str:
    """("rules", 3, "when") as rules[3].when."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def closest(word: object, choices: Iterable[str]) -> str | None:
    """The choice closest to ``word``, or None when nothing is close."""
    from difflib import get_close_matches

    if not isinstance(word, str):
        return None
    matches = get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(said: Message | str, word: object, choices: Iterable[str]) -> Message:
    """``said`` followed by the closest choice to ``word`` (the catalogue's
    ``words.did_you_mean``), or ``said`` alone when nothing is close."""
    match = closest(word, choices)
    if match is None:
        return said if isinstance(said, Message) else message("words.said", text=said)
    return message("words.did_you_mean", problem=said, choice=match)


def one_of(choices: Iterable[str]) -> Message:
    """Choices listed, each quoted, in the catalogue's words (``words.one_of``)."""
    return message("words.one_of", choices=[message("words.quoted", name=c) for c in choices])


def worded(problems: list[Diagnostic], words: Catalogue | None) -> list[Diagnostic]:
    """Each problem whose message is still only an id and parameters, said in ``words``."""
    return [
        msgspec.structs.replace(p, message=say_safely(words, p.said))
        if p.said is not None and not p.message
        else p
        for p in problems
    ]


_PATH_PART = re.compile(r"\.([A-Za-z_][\w]*)|\[(\d+)\]|\[['\"]?([^\]'\"]+)['\"]?\]")
_UNKNOWN = re.compile(r"Object contains unknown field `([^`]+)`")
_MISSING = re.compile(r"Object missing required field `([^`]+)`")


def _parse_msgspec_path(text: str) -> KeyPath:
    parts: list[str | int] = []
    for name, index, key in _PATH_PART.findall(text):
        if name:
            parts.append(name)
        elif index:
            parts.append(int(index))
        else:
            parts.append(key)
    return tuple(parts)


def _friendly(message: str) -> str:
    message = message.replace("`", "")
    message = re.sub(r"^Expected ", "expected ", message)
    message = message.replace("expected str", "expected text")
    message = message.replace("expected int", "expected a whole number")
    message = message.replace("expected array", "expected a list")
    message = message.replace("expected object", "expected a mapping")
    message = message.replace("got str", "got text").replace("got array", "got a list")
    message = message.replace("got object", "got a mapping").replace("got null", "got nothing")
    return message


UNKNOWN_REFERENCE = "kb-unknown-reference"
"""The rule of a name that names nothing (a framework, a question, a sheet, a column ...)."""


class ProblemCollector:
    """Problems collected before failing. Each gets the rule id of the check that found it:
    ``rule`` (``field_rule`` for a field of the wrong shape), or the rule of the innermost
    `checking` block."""

    def __init__(
        self, rule: str = "kb-entry", field_rule: str = "kb-field", words: Catalogue | None = None
    ) -> None:
        self.problems: list[Diagnostic] = []
        self.rule = rule
        self.field_rule = field_rule
        self.words = words
        """The catalogue that says each problem as it is added; None: said later (``worded``),
        once the catalogue being loaded is known."""

    def __bool__(self) -> bool:
        return bool(self.problems)

    @contextmanager
    def checking(self, rule: str) -> Iterator[None]:
        """Problems added inside the block carry ``rule``."""
        outer, self.rule = self.rule, rule
        try:
            yield
        finally:
            self.rule = outer

    def add(
        self, doc: LineSource | str, path: KeyPath, said: Message | str, *, rule: str | None = None
    ) -> None:
        """A problem at ``path``: a message of the catalogue's (or, where a check has no
        catalogue entries yet, its text)."""
        rule = rule or self.rule
        if isinstance(said, str):
            text, said_as = said, None
        else:
            text = say_safely(self.words, said) if self.words is not None else ""
            said_as = said
        file, line = (doc, None) if isinstance(doc, str) else (doc.file, doc.line_of(path))
        self.problems.append(
            Diagnostic.at(file, format_path(path), text, line, rule=rule, said=said_as)
        )

    def extend(self, problems: list[Diagnostic]) -> None:
        self.problems.extend(problems)

    def known(
        self,
        doc: LineSource | str,
        path: KeyPath,
        name: str,
        names: Iterable[str],
        said: Message,
    ) -> bool:
        """Whether ``name`` is one of ``names``; if not, record ``said`` with the closest name
        ("Did you mean ..."): the one unknown-reference check."""
        names = list(names)
        if name in names:
            return True
        self.add(doc, path, did_you_mean(said, name, names), rule=UNKNOWN_REFERENCE)
        return False

    def convert(self, doc: LineSource | str, path: KeyPath, value: Any, cls: type[T]) -> T | None:
        """msgspec-convert one entry; on failure record a located problem and return None."""
        try:
            return msgspec.convert(value, cls, str_keys=True)
        except msgspec.ValidationError as exc:
            text = str(exc)
            reason, _, where = text.partition(" - at ")
            sub = _parse_msgspec_path(where.strip("`$")) if where else ()
            if match := _UNKNOWN.match(reason):
                name = match.group(1)
                fields = _fields_at(cls, sub)
                self.add(
                    doc,
                    (*path, *sub, name),
                    did_you_mean(message("field.unknown"), name, fields),
                    rule=self.field_rule,
                )
            elif match := _MISSING.match(reason):
                self.add(
                    doc,
                    (*path, *sub),
                    message("field.missing", field=match.group(1)),
                    rule=self.field_rule,
                )
            else:
                said = message("field.invalid", reason=_friendly(reason))
                self.add(doc, (*path, *sub), said, rule=self.field_rule)
            return None


def _fields_at(cls: type, path: KeyPath) -> list[str]:
    """The field names of the Struct reached by following ``path`` from ``cls``, if known."""
    import msgspec.inspect as mi

    info: Any = mi.type_info(cls)
    for part in path:
        while isinstance(info, mi.UnionType):
            structs = [t for t in info.types if not isinstance(t, mi.NoneType)]
            info = structs[0] if len(structs) == 1 else None
        if isinstance(part, int) and isinstance(info, mi.ListType):
            info = info.item_type
        elif isinstance(part, str) and isinstance(info, mi.StructType):
            info = next((f.type for f in info.fields if f.name == part), None)
        elif isinstance(part, str) and isinstance(info, mi.DictType):
            info = info.value_type
        else:
            return []
    while isinstance(info, mi.UnionType):
        structs = [t for t in info.types if isinstance(t, mi.StructType)]
        info = structs[0] if len(structs) == 1 else None
    return [f.name for f in info.fields] if isinstance(info, mi.StructType) else []
