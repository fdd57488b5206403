"""Messages and the catalogue that says them (knowledge/text/<lang>.yaml): the engine returns a
``Message`` (an id and its named parameters); the edge says it in the catalogue's words.

A placeholder is ``{name}`` or ``{name:format}``, filled by a small substitution of named fields:
never ``str.format`` (which reaches attributes through ``{x.__class__}``), never an expression.
The formats are a closed list (``FORMATS``); an entry with plural forms chooses ``one`` or
``other`` by the number in (or the length of) the parameter its ``count`` names. Pure, no I/O."""

import re
from functools import lru_cache
from typing import Any

from msgspec import Struct, msgpack

from framework_advisor.domain.messages import MESSAGES, declared

FORMATS = {
    "number": "a whole number with its thousands grouped: 1,200",
    "decimal": "a number with one decimal place: 2.5",
    "list": "a list of words joined as a person writes them: A, B and C",
    "or": "a list of choices joined as a person writes them: A, B or C",
    "plus": "a list of names joined by plus signs: OKR + KPI",
    "commas": "a list of words joined by commas: A, B, C",
    "semicolons": "a list joined by semicolons: A; B; C",
    "lower": "a text with its first letter in lower case",
    "first": "a text's first sentence, without its full stop",
    "date": "an ISO date (2026-12-07) written out: 7 December 2026",
}
"""The placeholder formats, the whole list (knowledge/README.md, **Words**)."""
FIELD = re.compile(r"\{([^{}]*)\}")
NAME = re.compile(r"[a-z][a-z0-9_]*\Z")


class Message(Struct, frozen=True, gc=False):
    """What the engine says, without words: a catalogue id and its parameters (text, whole
    numbers, lists of text, or messages said inside this one)."""

    id: str
    params: dict[str, Any] = {}


def message(message_id: str, **params: Any) -> Message:
    """A message the code declares in ``MESSAGES`` with exactly its declared parameters
    (a mistake here is the code's, caught by any test that reaches it)."""
    names = _DECLARED.get(message_id)
    if names is None:
        family = declared(message_id)
        if family is None:
            raise KeyError(f"message id '{message_id}' is not declared in domain/messages.py")
        names = frozenset(family)
    if params.keys() != names:
        raise TypeError(f"message '{message_id}' takes {sorted(names)}, given {sorted(params)}")
    return Message(message_id, params)


_DECLARED = {message_id: frozenset(names) for message_id, names in MESSAGES.items()}


AND = Message("words.and")
_ENCODE = msgpack.Encoder().encode
"""A message's content as bytes: the key ``Catalogue.say`` remembers its words by."""
OR = Message("words.or")
SAID_MEMO = 20_000
"""The most messages a catalogue remembers saying before it starts afresh."""


class Entry(Struct, frozen=True, array_like=True, gc=False):
    """One compiled message: its forms (``text``, or ``one`` and ``other``), each split into
    literal text at even positions and fields (``name`` or ``name:format``) at odd ones."""

    forms: dict[str, list[str]]
    count: str = ""
    """The parameter whose number (or length) chooses the plural form; "": one form."""


class Catalogue(Struct, frozen=True, dict=True):
    """Every message by id, compiled at load (``kb/text.py``) and kept in the cache."""

    language: str = "en"
    entries: dict[str, Entry] = {}

    def say(self, said: Message) -> str:
        """The message in this catalogue's words, with its parameters filled in (remembered
        by the message's content: the engine says the same messages again and again)."""
        memo: dict[bytes, str] = self.memo("content")
        try:
            key = _ENCODE(said)
        except TypeError:  # a parameter msgpack cannot hold: said afresh
            return self._say(said)
        text = memo.get(key)
        if text is None:
            text = memo[key] = self._say(said)
        return text

    def remembered(self, said: Message) -> str:
        """``say``, remembered by message: for the messages the engine memoises and says again
        and again (a rule's "because you said", a starting fit), the same object says the
        same words."""
        memo: dict[int, tuple[Message, str]] = self.memo("said")
        known = memo.get(id(said))
        if known is not None and known[0] is said:
            return known[1]
        text = self._say(said)
        memo[id(said)] = (said, text)  # the message kept alive: its id is not reused
        return text

    def memo(self, name: str) -> dict[Any, Any]:
        """A memo of this catalogue's, by name: what it said, by the object it said it of."""
        memos: dict[str, dict[Any, Any]] = self.__dict__.setdefault("_memos", {})
        found = memos.get(name)
        if found is None or len(found) > SAID_MEMO:
            found = memos[name] = {}
        return found

    def _say(self, said: Message) -> str:
        return self.said(self.entries[said.id], said.params)

    def said(self, entry: Entry, params: dict[str, Any]) -> str:
        """One compiled entry's words with ``params`` filled in."""
        form = "text"
        if entry.count:
            counted = params[entry.count]
            number = len(counted) if isinstance(counted, list | tuple) else counted
            form = "one" if number == 1 else "other"
        parts = entry.forms[form]
        if len(parts) == 1:
            return parts[0]
        out = []
        for position, part in enumerate(parts):
            if position % 2 == 0:
                out.append(part)
            else:
                name, _, fmt = part.partition(":")
                out.append(self._field(params[name], fmt))
        return "".join(out)

    def _field(self, value: Any, fmt: str) -> str:
        if isinstance(value, Message):
            text = self.say(value)
        elif isinstance(value, list | tuple):
            items = [self.say(v) if isinstance(v, Message) else str(v) for v in value]
            if fmt == "plus":
                return " + ".join(items)
            if fmt == "commas":
                return ", ".join(items)
            if fmt == "semicolons":
                return "; ".join(items)
            if fmt == "list":
                return and_list(items, self._say(AND))
            if fmt == "or":
                return and_list(items, self._say(OR))
            return " ".join(items)
        elif fmt == "number" and isinstance(value, int | float):
            return f"{value:,}"
        elif fmt == "decimal" and isinstance(value, int | float):
            return f"{value:.1f}"
        elif fmt == "date" and isinstance(value, str):
            from datetime import date

            day = date.fromisoformat(value)
            month = Message(f"words.month.{day.month}")
            return self._say(
                Message("words.date", {"day": day.day, "month": month, "year": day.year})
            )
        else:
            text = str(value)
        if fmt == "lower":
            return text[:1].lower() + text[1:]
        if fmt == "first":
            return text.split(". ")[0].rstrip(".")
        return text


def say_safely(words: Catalogue | None, said: Message) -> str:
    """``said`` in ``words``; where the catalogue cannot say it (it is the broken knowledge
    being reported, or was never read), ``plain``: its id and parameters as they are."""
    if words is not None:
        try:
            return words.say(said)
        except (KeyError, IndexError, TypeError, ValueError):
            pass
    return plain(said)


def plain(value: object) -> str:
    """A message as its id and parameters, ``kb.no_framework(name='okrr')``: how a problem is
    printed when no catalogue can say it (the catalogue is the broken knowledge being reported,
    or was never read). It has no words of its own, so it cannot fail."""
    if isinstance(value, Message):
        inner = ", ".join(f"{name}={plain(v)}" for name, v in value.params.items())
        return f"{value.id}({inner})" if inner else value.id
    if isinstance(value, list | tuple):
        return "[" + ", ".join(plain(v) for v in value) + "]"
    return repr(value) if isinstance(value, str) else str(value)


def and_list(words: list[str], conjunction: str = "and") -> str:
    """Words joined as a person writes them: "A", "A and B", "A, B and C"."""
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + f" {conjunction} " + words[-1]


def fields_of(parts: list[str]) -> list[str]:
    """The parameter names a compiled text uses, in order."""
    return [part.partition(":")[0] for part in parts[1::2]]


def compile_text(text: str) -> tuple[list[str], list[Message]]:
    """A catalogue text split into literal parts and fields (``Entry.forms``), and the problems
    found: a field that is not ``{name}`` or ``{name:format}`` with a known format (no
    attribute, index, call or expression), or a stray brace. ``{{`` and ``}}`` are braces."""
    parts: list[str] = []
    problems: list[Message] = []
    literal: list[str] = []
    position = 0
    while position < len(text):
        char = text[position]
        if text.startswith("{{", position) or text.startswith("}}", position):
            literal.append(char)
            position += 2
            continue
        if char == "}":
            problems.append(message("kb.text.close_brace"))
            position += 1
            continue
        if char != "{":
            literal.append(char)
            position += 1
            continue
        match = FIELD.match(text, position)
        if match is None:
            problems.append(message("kb.text.open_brace"))
            break
        field = match.group(1)
        name, colon, fmt = field.partition(":")
        if not NAME.match(name):
            problems.append(message("kb.text.not_a_placeholder", field=field))
        elif colon and fmt not in FORMATS:
            problems.append(
                message("kb.text.unknown_format", field=field, format=fmt, formats=list(FORMATS))
            )
        parts.append("".join(literal))
        parts.append(field)
        literal = []
        position = match.end()
    parts.append("".join(literal))
    return parts, problems


@lru_cache(maxsize=1024)
def _compiled(text: str) -> Entry:
    return Entry({"text": compile_text(text)[0]})


def fill_in(text: str, words: Catalogue | None = None, /, **params: Any) -> str:
    """A text's {placeholders} filled by the catalogue's own substitution (``Catalogue.say``):
    plain names and the closed list of formats, never ``str.format``; a text whose fields are
    not plain (checked at load) is filled as the catalogue would fill it. The formats that say
    words of their own (``list``, ``or``, ``date``) take them from ``words``."""
    if not params and "{" not in text and "}" not in text:
        return text
    return (words or _BARE).said(_compiled(text), params)


_BARE = Catalogue()
