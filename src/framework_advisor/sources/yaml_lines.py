"""Safe YAML loading that remembers where every key stands, for located error messages, within
the limits of `sources.limits`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from framework_advisor.errors import Diagnostic, InputFileError
from framework_advisor.problems import KeyPath, format_path
from framework_advisor.sources import limits

SYNTAX = "yaml-syntax"
"""The rule of a file the parser cannot read."""
JSON_SYNTAX = "json-syntax"
"""The rule of a JSON file (answers) the parser cannot read."""
LIMIT = "input-limit"
"""The rule of a value or a shape beyond `sources.limits`."""
DUPLICATE = "duplicate-key"
"""The rule of a key given twice in one mapping."""


class YamlSyntaxError(InputFileError):
    """A file the parser cannot read (YAML or JSON) or a value beyond the limits: one located
    problem, printed as a diagnostic with its rule (`FILE:LINE: error yaml-syntax: ...`)."""

    line_prefix = ""

    def __init__(self, problem: Diagnostic) -> None:
        self.problem = problem
        super().__init__(str(problem))

    def messages(self) -> list[str]:
        return [self.problem.lint_line()]


class YamlDocument(Struct):
    file: str
    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)
    duplicates: list[Diagnostic] = field(default_factory=list)

    def line_of(self, path: KeyPath) -> int | None:
        """The line of the key at ``path``, or of its nearest indexed ancestor (not the root:
        a whole-document problem has no line worth naming)."""
        for end in range(len(path), 0, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return None


def _loader_class() -> type:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str, file: str, *, aliases: bool = True) -> YamlDocument:
    """Parse YAML text safely and index key paths to 1-based line numbers.

    Hostile input stays bounded: nesting deeper than `limits.MAX_DEPTH` and recursive aliases
    are refused; with ``aliases`` (knowledge files) an alias may repeat a part of the document
    as long as the whole stays under `limits.MAX_NODES` values, without (answers and session
    files) any alias is refused. Numbers too large to handle and infinities or NaN are refused
    with their line."""
    import yaml

    loader = _loader_class()(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_graph(node, file, aliases=aliases)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        message = str(exc.problem or exc).replace("\n", " ")
        raise YamlSyntaxError(
            Diagnostic.at(file, "", f"not valid YAML: {message}", line, rule=SYNTAX)
        ) from None
    except yaml.YAMLError as exc:  # a ReaderError: a character YAML does not allow
        reason = getattr(exc, "reason", None) or " ".join(str(exc).split())
        raise YamlSyntaxError(
            Diagnostic.at(file, "", f"not valid YAML: {reason}", rule=SYNTAX)
        ) from None
    except ValueError as exc:  # int() of a scalar beyond Python's digit limit
        raise YamlSyntaxError(Diagnostic.at(file, "", _value_error(exc), rule=LIMIT)) from None
    except RecursionError:
        raise YamlSyntaxError(Diagnostic.at(file, "", _TOO_DEEP, rule=LIMIT)) from None
    finally:
        loader.dispose()
    document = YamlDocument(file=file, data=data)
    if node is not None:
        _index(node, document)
    check_values(document)
    return document


_TOO_DEEP = f"nested more than {limits.MAX_DEPTH} levels deep"


def _value_error(exc: ValueError) -> str:
    if "digits" in str(exc):
        return f"a number longer than {limits.MAX_INT_DIGITS} digits"
    return f"not a valid value: {exc}"


def _check_graph(root: Any, file: str, *, aliases: bool) -> None:
    """Refuse deep nesting and, depending on ``aliases``, any alias or too large an expansion,
    before anything walks the (possibly exponentially repeated) tree. Linear in the nodes."""
    import yaml

    too_many = f"expands through aliases to more than {limits.MAX_NODES:,} values"
    state: dict[int, int] = {}  # node id -> -1 while being visited, else its expanded size
    # Each frame: node, depth, its children as (child, line of the key or item), next index,
    # expanded size so far.
    stack: list[list[Any]] = []

    def push(node: Any, depth: int) -> None:
        if depth > limits.MAX_DEPTH:
            raise _graph_error(file, node.start_mark.line + 1, _TOO_DEEP)
        if isinstance(node, yaml.MappingNode):
            children = [
                (child, key.start_mark.line + 1)
                for key, value in node.value
                for child in (key, value)
            ]
        else:
            line = node.start_mark.line + 1  # an alias node is marked where its anchor is
            children = [(child, line) for child in node.value]
        state[id(node)] = -1
        stack.append([node, depth, children, 0, 1])

    if isinstance(root, yaml.MappingNode | yaml.SequenceNode):
        push(root, 0)
    while stack:
        frame = stack[-1]
        node, depth, children, index = frame[0], frame[1], frame[2], frame[3]
        if index < len(children):
            frame[3] = index + 1
            child, line = children[index]
            seen = state.get(id(child))
            if seen == -1:
                raise _graph_error(file, line, "a recursive alias (an anchor used inside itself)")
            if seen is not None:
                if not aliases:
                    raise _graph_error(
                        file, line, "YAML aliases (*name) are not accepted in this file"
                    )
                frame[4] += seen
            elif isinstance(child, yaml.MappingNode | yaml.SequenceNode):
                push(child, depth + 1)
            else:
                state[id(child)] = 1
                frame[4] += 1
            if aliases and frame[4] > limits.MAX_NODES:
                raise _graph_error(file, node.start_mark.line + 1, too_many)
            continue
        stack.pop()
        state[id(node)] = frame[4]
        if stack:
            stack[-1][4] += frame[4]
            if aliases and stack[-1][4] > limits.MAX_NODES:
                raise _graph_error(file, stack[-1][0].start_mark.line + 1, too_many)


def _graph_error(file: str, line: int, message: str) -> YamlSyntaxError:
    return YamlSyntaxError(Diagnostic.at(file, "", message, line, rule=LIMIT))


def check_values(document: YamlDocument) -> None:
    """Refuse values no input has a use for and that break code downstream: integers beyond
    64 bits, infinities and NaN, text that is not valid Unicode (lone surrogates, from JSON
    escapes), and nesting deeper than `limits.MAX_DEPTH` (JSON)."""
    seen: set[int] = set()
    stack: list[tuple[KeyPath, Any]] = [((), document.data)]
    while stack:
        path, value = stack.pop()
        problem = _bad_value(value)
        if problem is None and len(path) > limits.MAX_DEPTH:
            problem = _TOO_DEEP
        if problem is not None:
            raise YamlSyntaxError(
                Diagnostic.at(
                    document.file, format_path(path), problem, document.line_of(path), rule=LIMIT
                )
            )
        if isinstance(value, dict | list):
            if id(value) in seen:  # repeated by an alias: checked once
                continue
            seen.add(id(value))
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                key_problem = _bad_value(key)
                if key_problem is not None:
                    raise YamlSyntaxError(
                        Diagnostic.at(
                            document.file,
                            format_path(path),
                            f"a key: {key_problem}",
                            document.line_of(path),
                            rule=LIMIT,
                        )
                    )
                stack.append(((*path, key), item))


def _bad_value(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        if not -limits.MAX_INT <= value <= limits.MAX_INT:
            return "a number too large to use (beyond 64 bits)"
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return "infinity and NaN are not numbers this tool accepts"
    elif isinstance(value, str) and not _valid_unicode(value):
        return "text that is not valid Unicode (a lone surrogate)"
    return None


def _valid_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _index(root: Any, document: YamlDocument) -> None:
    """Index every key path to its line, each node once: a part repeated by an alias is
    located by the key that repeats it (walking every alias path can take minutes)."""
    import yaml

    visited: set[int] = set()
    stack: list[tuple[Any, KeyPath]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        document.lines.setdefault(path, node.start_mark.line + 1)
        if id(node) in visited:
            continue
        visited.add(id(node))
        children: list[tuple[Any, KeyPath]] = []
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = key_node.value
                line = key_node.start_mark.line + 1
                if key in seen:
                    document.duplicates.append(
                        Diagnostic.at(
                            document.file,
                            format_path((*path, key)),
                            "duplicate key",
                            line,
                            rule=DUPLICATE,
                        )
                    )
                seen.add(key)
                document.lines[(*path, key)] = line
                children.append((value_node, (*path, key)))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                document.lines[(*path, index)] = item.start_mark.line + 1
                children.append((item, (*path, index)))
        stack.extend(reversed(children))


def load_yaml_file(path: Path, what: str = "file", *, aliases: bool = False) -> YamlDocument:
    """A YAML file read within the limits (no aliases by default: answers, session and
    workshop files never need them)."""
    from framework_advisor.sources.reading import read_text

    return parse_yaml(read_text(path, what), str(path), aliases=aliases)


_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: +(.*))?")
_ITEM_LINE = re.compile(r"( +)- +(.*)")
_WORDS = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*(?: [A-Za-z0-9_.-]+)*")
_INT = re.compile(r"0|-?[1-9][0-9]{0,17}")
_QUOTED = re.compile(r"'[^']*'|\"[^\"\\]*\"")
_AFTER = re.compile(r" *(?: #.*)?")
_NOT_PLAIN = re.compile(r"[^\n\x20-\x7e]")
_BOOLS = {
    **dict.fromkeys(("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
    **dict.fromkeys(("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False),
}
_NULLS = ("null", "Null", "NULL", "~")
_DECLINE = object()


def parse_plain_mapping(text: str, file: str) -> YamlDocument | None:
    """The document of an answers file in the plainest YAML, read without PyYAML (whose import
    costs more than the rest of reading the file), or None. Plainest: ASCII; one ``key: value``
    per line at the left margin, each value a word or words, a decimal integer, a YAML boolean
    or null, a quoted string without escapes, ``[a, b]`` of those, or a list of those, one
    ``- item`` a line indented below its key; comment lines and trailing comments. Such a file
    gives exactly what `parse_yaml` gives; for any other (a duplicate key, a mistake, every
    other form of YAML) this says None and `parse_yaml` reads it, or refuses it."""
    if _NOT_PLAIN.search(text):
        return None
    data: dict[str, Any] = {}
    lines: dict[KeyPath, int] = {}
    key = ""
    items: list[Any] | None = None  # the list below the last key, while its items are read
    indent = ""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0] == " ":
            found = _ITEM_LINE.fullmatch(line)
            if items is None or found is None or (items and found[1] != indent):
                return None
            value = _plain_scalar(found[2])
            if value is _DECLINE:
                return None
            indent = found[1]
            lines[(key, len(items))] = number
            items.append(value)
            data[key] = items
            continue
        found = _KEY_LINE.fullmatch(line)
        if found is None or found[1] in data or found[1] in _BOOLS or found[1] in _NULLS:
            return None
        key, rest = found[1], found[2] or ""
        lines.setdefault((), number)
        lines[(key,)] = number
        items = None
        if rest.startswith("#") or _AFTER.fullmatch(rest):  # null, or the list below
            data[key], items = None, []
            continue
        value = _plain_flow(rest) if rest.startswith("[") else _plain_scalar(rest)
        if value is _DECLINE:
            return None
        if isinstance(value, list):
            lines.update(((key, index), number) for index in range(len(value)))
        data[key] = value
    if not data:
        return None
    document = YamlDocument(file=file, data=data, lines=lines)
    check_values(document)
    return document


def _plain_scalar(text: str) -> Any:
    """A scalar with what may follow it on its line (spaces, a comment), as YAML resolves it."""
    quoted = _QUOTED.match(text)
    if quoted is not None:
        end = quoted.end()
        return text[1 : end - 1] if _AFTER.fullmatch(text, end) else _DECLINE
    value, _, _ = text.partition(" #")
    return _resolved(value.rstrip(" "))


def _plain_flow(text: str) -> Any:
    """``[a, b]`` of plain scalars, with what may follow it on its line."""
    inner, closed, after = text[1:].partition("]")
    if not closed or not _AFTER.fullmatch(after):
        return _DECLINE
    if not inner.strip(" "):
        return []
    values = [_resolved(part.strip(" ")) for part in inner.split(",")]
    return _DECLINE if any(v is _DECLINE for v in values) else values


def _resolved(text: str) -> Any:
    if text in _BOOLS:
        return _BOOLS[text]
    if text in _NULLS:
        return None
    if _INT.fullmatch(text):
        return int(text)
    if _WORDS.fullmatch(text):
        return text
    if _QUOTED.fullmatch(text):
        return text[1:-1]
    return _DECLINE
