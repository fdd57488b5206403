"""The one way into a goal file for `check`: a path or standard input (`-`), within the input
limits, read as YAML (JSON is YAML) or as a Markdown outline. No meaning: what the goals are is
the engine's (`engine.goals`)."""

from __future__ import annotations

import sys
from pathlib import Path

from msgspec import Struct

from framework_advisor.errors import InputFileError
from framework_advisor.sources import limits
from framework_advisor.sources.markdown_outline import OutlineEntry
from framework_advisor.sources.yaml_lines import YamlDocument

STDIN = "-"
STDIN_NAME = "<stdin>"
MARKDOWN_SUFFIXES = (".md", ".markdown")


class GoalSource(Struct):
    """A goal file as read: its YAML document (with every key's line, and any duplicate key),
    or its Markdown outline."""

    file: str
    yaml: YamlDocument | None = None
    outline: list[OutlineEntry] | None = None
    text: str = ""
    """The file's text as read (its lines hold any inline suppressions)."""


def read_goal_file(name: str) -> GoalSource:
    """``name`` (a path, or - for standard input) read; Markdown by its extension, or on
    standard input by its headings. InputFileError for what cannot be read or parsed."""
    from framework_advisor.sources.reading import read_text

    if name == STDIN:
        text, file = read_stdin(), STDIN_NAME
        markdown = looks_like_markdown(text)
    else:
        text, file = read_text(Path(name), "goal file"), name
        markdown = Path(name).suffix.lower() in MARKDOWN_SUFFIXES
    return goal_text(text, file, markdown=markdown)


def goal_text(text: str, file: str, *, markdown: bool | None = None) -> GoalSource:
    """Goals given as text (typed or pasted into the app; a file's text): Markdown when
    ``markdown`` says so, or, left to None, when the text has headings; else YAML."""
    if markdown is None:
        markdown = looks_like_markdown(text)
    if markdown:
        from framework_advisor.sources.markdown_outline import outline

        return GoalSource(file=file, outline=outline(text), text=text)
    from framework_advisor.sources.yaml_lines import parse_yaml

    return GoalSource(file=file, yaml=parse_yaml(text, file, aliases=False), text=text)


def read_stdin() -> str:
    """Standard input as UTF-8 text, within the size limit of an input file."""
    raw = sys.stdin.buffer.read(limits.MAX_FILE_BYTES + 1)
    if len(raw) > limits.MAX_FILE_BYTES:
        megabytes = limits.MAX_FILE_BYTES // (1024 * 1024)
        raise InputFileError(f"-: larger than the limit of {megabytes} MB for an input file")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputFileError(f"-: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def looks_like_markdown(text: str) -> bool:
    return any(line.startswith("#") and line[1:2] in ("#", " ") for line in text.splitlines())
