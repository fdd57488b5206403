"""The installed entry points, run as real processes: `python -m framework_advisor` and the
`framework-advisor` console script next to the interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from framework_advisor import __version__
from framework_advisor.kb.load import load

from ..conftest import SAMPLES

pytestmark = pytest.mark.subprocess

SCRIPT = Path(sys.executable).with_name("framework-advisor")
ENTRY_POINTS = [
    pytest.param([sys.executable, "-m", "framework_advisor"], id="python-m"),
    pytest.param(
        [str(SCRIPT)],
        id="console-script",
        marks=pytest.mark.skipif(not SCRIPT.is_file(), reason="console script not installed"),
    ),
]


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if k != "FRAMEWORK_ADVISOR_KB"}
    environ["FRAMEWORK_ADVISOR_CACHE_DIR"] = str(tmp_path_factory.mktemp("entry-cache"))
    return environ


def run(command: list[str], *args: str | Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*command, *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("command", ENTRY_POINTS)
def test_recommend_json(command: list[str], env: dict[str, str]) -> None:
    done = run(command, "recommend", "--answers", SAMPLES / "startup.yaml", "-f", "json", env=env)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert len(data["ranking"]) == len(load([], use_cache=False).frameworks)
    assert data["profile"]["organisation"] == "Brightloop"
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("command", ENTRY_POINTS)
def test_bad_answers_file(command: list[str], env: dict[str, str], tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("function: compny\nneeds: [alignment]\nheadcount: 12\n", encoding="utf-8")
    done = run(command, "recommend", "--answers", answers, env=env)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith(
        f"{answers}:1: error answers-option: function: 'compny' is not an option"
    )
    assert "Did you mean 'company'?" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("command", ENTRY_POINTS)
def test_missing_answers_file(command: list[str], env: dict[str, str], tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    done = run(command, "recommend", "--answers", missing, env=env)
    assert done.returncode == 2
    assert done.stderr == f"error: {missing}: no such answers file\n"


@pytest.mark.parametrize("command", ENTRY_POINTS)
def test_version(command: list[str], env: dict[str, str]) -> None:
    done = run(command, "--version", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"framework-advisor, version {__version__}\n"


def test_a_markdown_report_after_an_html_one_is_not_html_escaped(
    tmp_path: Path, env: dict[str, str]
) -> None:
    """Both formats share the user cache: nothing HTML escapes (apostrophes) may leak into the
    Markdown drawn after it."""
    env = {**env, "FRAMEWORK_ADVISOR_CACHE_DIR": str(tmp_path / "cache")}
    command = [
        sys.executable,
        "-m",
        "framework_advisor",
        "report",
        "-a",
        SAMPLES / "sales-led.yaml",
    ]
    html = run(command, "-f", "html", env=env)
    assert html.returncode == 0, html.stderr
    assert "&#39;" in html.stdout
    markdown = run(command, "-f", "md", env=env)
    assert markdown.returncode == 0, markdown.stderr
    assert "Every framework's fit" in markdown.stdout
    assert "&#39;" not in markdown.stdout and "&lt;br&gt;" not in markdown.stdout
