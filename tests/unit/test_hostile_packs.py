"""Hostile knowledge packs: `validate` and every command refuse each with one located error line
and exit 2, in bounded time; nothing a pack holds is silently skipped or followed out."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import SAMPLES
from .hostile import assert_one_error, billion_laughs, run

PACK = "name: hostile\nversion: '1.0'\nschema_version: 2\n"


def rule(when: str) -> str:
    return (
        "rules:\n"
        "  - id: hostile_rule\n"
        f"    when: {when}\n"
        "    effects:\n"
        "      - {framework: okr, weight: 5, reason: A rule from a hostile pack.}\n"
    )


def files(**texts: str | bytes) -> Callable[[Path], None]:
    """Pack files by name (`rules`, `questions`, ...; `frameworks__okr` for frameworks/okr)."""

    def make(pack: Path) -> None:
        for name, content in texts.items():
            path = pack / (name.replace("__", "/") + ".yaml")
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")

    return make


def special(name: str, how: Callable[[Path], None]) -> Callable[[Path], None]:
    def make(pack: Path) -> None:
        path = pack / name
        path.parent.mkdir(parents=True, exist_ok=True)
        how(path)

    return make


def symlink_to(target: str | Callable[[Path], Path]) -> Callable[[Path], None]:
    def how(path: Path) -> None:
        path.symlink_to(target(path) if callable(target) else target)

    return how


def outside(path: Path) -> Path:
    """A readable file outside the pack folder (a secret, say)."""
    secret = (
        path.parents[2] / "secret.yaml"
        if "frameworks" in path.parts
        else path.parents[1] / "secret.yaml"
    )
    secret.write_text("rules: []\n", encoding="utf-8")
    return secret


def outside_folder(path: Path) -> Path:
    folder = path.parent.parent / "elsewhere"
    folder.mkdir(exist_ok=True)
    (folder / "okr.yaml").write_text("id: okr\n", encoding="utf-8")
    return folder


def large(path: Path) -> None:
    path.write_text(rule("{}") + "#" + "x" * (6 * 1024 * 1024) + "\n", encoding="utf-8")


def nested(depth: int) -> str:
    return "{not: " * depth + "{headcount: {lt: 5}}" + "}" * depth


CASES: list[tuple[str, Callable[[Path], None], tuple[str, ...]]] = [
    ("rules-fifo", special("rules.yaml", os.mkfifo), ("rules.yaml", "FIFO")),
    ("rules-dev-zero", special("rules.yaml", symlink_to("/dev/zero")), ("outside",)),
    ("rules-dev-urandom", special("rules.yaml", symlink_to("/dev/urandom")), ("outside",)),
    ("rules-links-out", special("rules.yaml", symlink_to(outside)), ("rules.yaml", "outside")),
    ("rules-dangling", special("rules.yaml", symlink_to("missing.yaml")), ("rules.yaml",)),
    ("frameworks-link-out", special("frameworks", symlink_to(outside_folder)), ("outside",)),
    ("framework-fifo", special("frameworks/okr.yaml", os.mkfifo), ("okr.yaml", "FIFO")),
    ("framework-links-out", special("frameworks/okr.yaml", symlink_to(outside)), ("outside",)),
    ("questions-folder", special("questions.yaml", os.mkdir), ("questions.yaml", "folder")),
    ("rules-over-5-mb", special("rules.yaml", large), ("rules.yaml", "5 MB")),
    ("billion-laughs", files(rules=billion_laughs(9)), ("rules.yaml", "expands through aliases")),
    ("recursive-alias", files(rules="rules: &r [*r]\n"), ("rules.yaml:1:", "recursive alias")),
    (
        "between-inf",
        files(rules=rule("{headcount: {between: [.inf, 10]}}")),
        ("rules.yaml:3:", "infinity"),
    ),
    (
        "between-nan",
        files(rules=rule("{headcount: {between: [0, .nan]}}")),
        ("rules.yaml:3:", "NaN"),
    ),
    (
        "lt-beyond-64-bits",
        files(rules=rule(f"{{headcount: {{lt: {2**65}}}}}")),
        ("rules.yaml:3:", "64 bits"),
    ),
    (
        "between-huge",
        files(rules=rule("{headcount: {between: [0, 1.0e300]}}")),
        ("rules.yaml:3:", "10^15"),
    ),
    (
        "gt-huge",
        files(rules=rule("{headcount: {gt: 10000000000000000}}")),
        ("rules.yaml:3:", "10^15"),
    ),
    (
        "weight-beyond-64-bits",
        files(rules=rule("{}").replace("weight: 5", f"weight: {2**64}")),
        ("rules.yaml:5:", "64 bits"),
    ),
    (
        "5000-digits",
        files(rules=rule("{headcount: {lt: %s}}" % ("9" * 5000))),
        ("rules.yaml", "4300 digits"),
    ),
    ("not-utf-8", files(rules=b"rules: []\n# \xff\xfe\n"), ("rules.yaml", "not UTF-8")),
    ("nested-too-deep", files(rules=rule(nested(45))), ("rules.yaml", "nested more than 40")),
    (
        "python-tag",
        files(rules="rules: !!python/object/apply:os.system [id]\n"),
        ("rules.yaml:1:", "not valid YAML"),
    ),
    (
        "pack-yaml-fifo",
        special("pack.yaml", lambda p: (p.unlink(), os.mkfifo(p))),
        ("pack.yaml", "FIFO"),
    ),
]


@pytest.mark.parametrize(("make", "has"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hostile_pack_is_refused_by_validate(
    tmp_path: Path, make: Callable[[Path], None], has: tuple[str, ...]
) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text(PACK, encoding="utf-8")
    make(pack)
    result, elapsed = run("--kb", pack, "validate")
    assert_one_error(result, elapsed, *has)


@pytest.mark.parametrize(
    "when", ["{headcount: {between: [.inf, 10]}}", f"{{headcount: {{lt: {2**65}}}}}"]
)
def test_recommend_refuses_what_validate_refuses(tmp_path: Path, when: str) -> None:
    """`validate` and `recommend` agree: a pack that would crash a recommendation never loads."""
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text(PACK, encoding="utf-8")
    (pack / "rules.yaml").write_text(rule(when), encoding="utf-8")
    result, elapsed = run("--kb", pack, "recommend", "--answers", SAMPLES / "startup.yaml")
    assert_one_error(result, elapsed, "rules.yaml:3:")


def test_links_inside_the_pack_and_small_aliases_are_fine(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text(PACK, encoding="utf-8")
    (pack / "real-rules.yaml").write_text(
        "rules:\n"
        "  - id: a\n    when: &small {headcount: {between: [1, 40]}}\n"
        "    effects: [{framework: okr, weight: 5, reason: One.}]\n"
        "  - id: b\n    when: *small\n"
        "    effects: [{framework: kpi, weight: 5, reason: Two.}]\n",
        encoding="utf-8",
    )
    (pack / "rules.yaml").symlink_to("real-rules.yaml")
    result, _ = run("--kb", pack, "validate")
    assert result.exit_code == 0, result.stderr
