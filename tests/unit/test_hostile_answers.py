"""Hostile answers files: each gets one located error line and exit 2, in bounded time."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .hostile import VALID, Maker, assert_one_error, billion_laughs, errors, make_fifo, run


def text(name: str, content: str | bytes) -> Maker:
    def make(tmp: Path) -> Path:
        path = tmp / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return make


def fixed(path: str) -> Maker:
    return lambda _tmp: Path(path)


def link(target: str) -> Maker:
    def make(tmp: Path) -> Path:
        path = tmp / "link.yaml"
        path.symlink_to(target)
        return path

    return make


def folder(tmp: Path) -> Path:
    (tmp / "answers.yaml").mkdir()
    return tmp / "answers.yaml"


def large(tmp: Path) -> Path:
    path = tmp / "large.yaml"
    with path.open("w", encoding="utf-8") as stream:
        stream.write(VALID)
        stream.write("# " + "x" * (6 * 1024 * 1024) + "\n")
    return path


DEEP_JSON = '{"a": ' * 100_000 + "1" + "}" * 100_000
DEEP_YAML = "a: " + "[" * 100_000 + "]" * 100_000 + "\n"
CASES: list[tuple[str, Maker, tuple[str, ...]]] = [
    ("billion-laughs", text("lol.yaml", billion_laughs(7)), ("lol.yaml:2:", "aliases")),
    ("billion-laughs-6", text("lol6.yaml", billion_laughs(6)), ("aliases",)),
    (
        "one-alias",
        text("alias.yaml", VALID + "organisation: &o Acme\nindustry: *o\n"),
        ("aliases",),
    ),
    ("merge-key", text("merge.yaml", "base: &b {headcount: 3}\n<<: *b\n"), ("aliases",)),
    ("recursive-alias", text("rec.yaml", VALID + "x: &x [*x]\n"), ("recursive alias",)),
    ("json-deep", text("deep.json", DEEP_JSON), ("deep.json", "nested")),
    ("yaml-deep", text("deep.yaml", DEEP_YAML), ("deep.yaml",)),
    ("json-41-deep", text("d41.json", '{"a": ' * 41 + "1" + "}" * 41), ("nested more than 40",)),
    (
        "yaml-5000-digits",
        text("big.yaml", VALID + "team_size: " + "9" * 5000 + "\n"),
        ("4300 digits",),
    ),
    ("json-5000-digits", text("big.json", '{"headcount": ' + "9" * 5000 + "}"), ("4300 digits",)),
    (
        "beyond-64-bits",
        text("huge.yaml", "headcount: " + str(2**70) + "\n"),
        ("huge.yaml:1: error input-limit: headcount:", "64 bits"),
    ),
    (
        "json-surrogate",
        text("sur.json", '{"organisation": "\\ud800"}'),
        ("organisation", "Unicode"),
    ),
    ("json-surrogate-key", text("surkey.json", '{"\\udfff": 1}'), ("Unicode",)),
    ("json-nan", text("nan.json", '{"headcount": NaN}'), ("NaN",)),
    ("json-infinity", text("inf.json", '{"headcount": -Infinity}'), ("Infinity",)),
    (
        "yaml-inf",
        text("inf.yaml", "headcount: .inf\n"),
        ("inf.yaml:1: error input-limit: headcount:", "infinity"),
    ),
    (
        "yaml-nan",
        text("nan.yaml", "team_size: .NaN\n"),
        ("nan.yaml:1: error input-limit: team_size:", "NaN"),
    ),
    ("dev-zero", fixed("/dev/zero"), ("/dev/zero", "device", "not a regular file")),
    ("dev-urandom", fixed("/dev/urandom"), ("/dev/urandom", "device")),
    ("fifo", lambda tmp: make_fifo(tmp / "fifo.yaml"), ("fifo.yaml", "FIFO")),
    ("link-to-dev-zero", link("/dev/zero"), ("link.yaml", "device")),
    ("dangling-link", link("nowhere.yaml"), ("link.yaml", "link to nothing")),
    ("folder", folder, ("is a folder",)),
    ("over-5-mb", large, ("5 MB",)),
    ("utf-16", text("u16.yaml", VALID.encode("utf-16")), ("not UTF-8",)),
    ("binary", text("bin.yaml", b"\x00\xff\xfe\x80garbage"), ("not UTF-8",)),
    (
        "python-tag",
        text("tag.yaml", "headcount: !!python/object/apply:os.system [id]\n"),
        ("tag.yaml:1:", "not valid YAML"),
    ),
    ("tab-indent", text("tab.yaml", "needs:\n\t- alignment\n"), ("tab.yaml:2:", "not valid YAML")),
    ("unhashable-key", text("key.yaml", "[a, b]: 1\n"), ("not valid YAML",)),
    ("top-level-list", text("list.yaml", "- function: company\n"), ("expected a mapping",)),
]


@pytest.mark.parametrize(("maker", "has"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hostile_answers_file(tmp_path: Path, maker: Maker, has: tuple[str, ...]) -> None:
    path = maker(tmp_path)
    result, elapsed = run("recommend", "--answers", path)
    assert_one_error(result, elapsed, *has)


@pytest.mark.parametrize("command", ["report", "templates", "whatif"])
def test_every_command_reading_answers_refuses_a_fifo(tmp_path: Path, command: str) -> None:
    fifo = make_fifo(tmp_path / "answers.yaml")
    extra = {
        "report": ["-f", "md"],
        "templates": ["--out", tmp_path / "out"],
        "whatif": ["--set", "headcount=3"],
    }
    result, elapsed = run(command, "--answers", fifo, *extra[command])
    assert_one_error(result, elapsed, "FIFO")


@pytest.mark.slow
def test_a_flood_of_unknown_keys_prints_fifty_errors_and_a_count(tmp_path: Path) -> None:
    keys = 100_000
    path = tmp_path / "flood.yaml"
    path.write_text("".join(f"unknown_{i}: 1\n" for i in range(keys)), encoding="utf-8")
    assert path.stat().st_size < 5 * 1024 * 1024
    result, elapsed = run("recommend", "--answers", path)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 51
    assert all(line.startswith(f"{path}:") and " error answers-" in line for line in lines[:-1])
    assert lines[-1].startswith("error: ... and ") and lines[-1].endswith("more problems")
    assert elapsed < 30


def test_json_flood_is_capped_too(tmp_path: Path) -> None:
    path = tmp_path / "flood.json"
    path.write_text(json.dumps({f"k{i}": i for i in range(5000)}), encoding="utf-8")
    result, _ = run("recommend", "--answers", path)
    assert result.exit_code == 2 and len(errors(result)) == 51


def test_the_same_alias_free_file_still_works(tmp_path: Path) -> None:
    """Refusing aliases refuses nothing a plain answers file needs."""
    path = tmp_path / "ok.yaml"
    path.write_text("organisation: '&not an anchor *or alias'\n" + VALID, encoding="utf-8")
    result, _ = run("recommend", "--answers", path, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["profile"]["organisation"] == "&not an anchor *or alias"


def test_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "esc.yaml"
    path.write_text('organisation: "Acme\\e]0;pwned\\a\\e[2J\\b"\n' + VALID, encoding="utf-8")
    result, _ = run("recommend", "--answers", path)
    assert result.exit_code == 0, result.stderr
    assert "Acme]0;pwned[2J" in result.stdout
    assert not any(ch in result.stdout for ch in "\x1b\x07\x08")


def test_a_file_named_with_control_characters_is_reported_without_them(tmp_path: Path) -> None:
    path = tmp_path / "bad\x1b[31mname\x07.yaml"
    result, elapsed = run("recommend", "--answers", path)
    line = assert_one_error(result, elapsed, "no such answers file")
    assert "\x1b" not in line and "\x07" not in line and "[31mname" in line


def test_refused_files_are_left_as_they_were(tmp_path: Path) -> None:
    path = tmp_path / "lol.yaml"
    path.write_text(billion_laughs(7), encoding="utf-8")
    before = path.read_bytes(), os.stat(path).st_mtime_ns
    run("recommend", "--answers", path)
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before
