"""Safe YAML loading that remembers where every key stands, for located error messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msgspec import Struct, field

from framework_advisor.errors import InputFileError, Problem

KeyPath = tuple[str | int, ...]


class YamlSyntaxError(InputFileError):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


class YamlDocument(Struct):
    file: str
    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)
    duplicates: list[Problem] = field(default_factory=list)

    def line_of(self, path: KeyPath) -> int | None:
        """The line of the key at ``path``, or of its nearest indexed ancestor (not the root:
        a whole-document problem has no line worth naming)."""
        for end in range(len(path), 0, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return None


def format_path(path: KeyPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _loader_class() -> type:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str, file: str) -> YamlDocument:
    """Parse YAML text safely and index key paths to 1-based line numbers."""
    import yaml

    loader = _loader_class()(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise YamlSyntaxError(
            Problem(file, "", f"not valid YAML: {exc.problem or exc}", line)
        ) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(Problem(file, "", f"not valid YAML: {exc}")) from None
    finally:
        loader.dispose()
    document = YamlDocument(file=file, data=data)
    if node is not None:
        _index(node, (), document)
    return document


def _index(node: Any, path: KeyPath, document: YamlDocument) -> None:
    import yaml

    document.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                document.duplicates.append(
                    Problem(document.file, format_path((*path, key)), "duplicate key", line)
                )
            seen.add(key)
            document.lines[(*path, key)] = line
            _index(value_node, (*path, key), document)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            document.lines[(*path, index)] = item.start_mark.line + 1
            _index(item, (*path, index), document)


def read_text(path: Path, what: str = "file") -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputFileError(f"{path}: no such {what}") from None
    except IsADirectoryError:
        article = "an" if what[:1] in "aeiou" else "a"
        raise InputFileError(f"{path}: is a folder, expected {article} {what}") from None
    except UnicodeDecodeError as exc:
        raise InputFileError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read: {exc.strerror}") from None


def load_yaml_file(path: Path) -> YamlDocument:
    return parse_yaml(read_text(path), str(path))
