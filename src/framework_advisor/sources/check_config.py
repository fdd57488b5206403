"""The per-repository settings of `check`, `.framework-advisor.yaml` at the repository's root
(the working directory), read with its lines:

```yaml
check:
  profile: google                   # the limits to write to (--profile wins)
  ignore: [objective-not-declared]  # checks never reported in this repository
  paths: [goals, "okrs/*.md"]       # what `check` reads when no FILE is given
```
A folder in `paths` means the goal files under it (.yaml, .yml, .md, .markdown); a pattern is
a glob relative to the file's folder. No meaning here: the rule ids and the profile are checked
against the check book by the command."""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct, field

from framework_advisor.domain.text import Message
from framework_advisor.errors import Diagnostic, DiagnosticsError
from framework_advisor.sources.yaml_lines import YamlDocument

CONFIG_NAME = ".framework-advisor.yaml"
GOAL_SUFFIXES = (".yaml", ".yml", ".md", ".markdown")
SECTION = "check"
KEYS = ("profile", "ignore", "paths")


RULE = "check-config"
"""The rule of a settings file of the wrong shape."""


class ConfigError(DiagnosticsError):
    title = Message("problems.title.check_config")


class CheckConfig(Struct, frozen=True):
    file: str = ""
    """The file read ('' when there is none)."""
    profile: str | None = None
    ignore: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)
    """The line of each setting, for problems about its value."""


def find_config(explicit: Path | None) -> CheckConfig:
    """The settings in ``explicit``, else in `.framework-advisor.yaml` in the working directory
    if there is one, else none. ConfigError (exit 2) for a file of the wrong shape."""
    from framework_advisor.sources.yaml_lines import load_yaml_file

    path = explicit if explicit is not None else Path(CONFIG_NAME)
    if explicit is None and not path.is_file():
        return CheckConfig()
    return read_config(load_yaml_file(path, "settings file"))


def read_config(document: YamlDocument) -> CheckConfig:
    problems: list[Diagnostic] = []
    file, data = document.file, document.data

    def problem(path: tuple[str | int, ...], message: str) -> None:
        key = ".".join(str(p) for p in path)
        problems.append(Diagnostic.at(file, key, message, document.line_of(path), rule=RULE))

    if data is None:
        return CheckConfig(file=file)
    if not isinstance(data, dict):
        expected = "expected a mapping with a `check:` section"
        raise ConfigError([Diagnostic.at(file, "", expected, rule=RULE)])
    for key in data:
        if key != SECTION:
            problem((key,), f"unknown section; expected `{SECTION}:`")
    section = data.get(SECTION) or {}
    if not isinstance(section, dict):
        problem((SECTION,), "expected a mapping of profile, ignore and paths")
        section = {}
    for key in section:
        if key not in KEYS:
            problem((SECTION, key), f"unknown setting; expected one of {', '.join(KEYS)}")
    profile = section.get("profile")
    if profile is not None and not isinstance(profile, str):
        problem((SECTION, "profile"), "expected a profile's name")
        profile = None
    lists: dict[str, list[str]] = {}
    for key in ("ignore", "paths"):
        value = section.get(key) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problem((SECTION, key), "expected a list of text")
            value = []
        lists[key] = value
    if problems:
        raise ConfigError(problems)
    lines = {key: line for key in KEYS if (line := document.line_of((SECTION, key))) is not None}
    return CheckConfig(file, profile, lists["ignore"], lists["paths"], lines)


def goal_files(config: CheckConfig) -> list[str]:
    """The files `paths` names, relative to the settings file's folder, sorted, each once."""
    base = Path(config.file).parent
    found: list[str] = []
    for entry in config.paths:
        target = base / entry
        if target.is_dir():
            matches = [p for p in target.rglob("*") if p.suffix.lower() in GOAL_SUFFIXES]
        elif target.is_file():
            matches = [target]
        else:
            matches = [p for p in base.glob(entry) if p.is_file()]
        found.extend(str(p) for p in sorted(matches))
    return list(dict.fromkeys(found))
