""".pre-commit-hooks.yaml: valid for pre-commit itself, and its entry run as pre-commit runs it
(the matched files as arguments, the repository's .framework-advisor.yaml honoured) with no
network: pre-commit.ci runs hooks offline."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

MANIFEST = Path(".pre-commit-hooks.yaml")
GOOD = """\
period: 2026-Q3
objectives:
  - objective: Delight our customers
    type: committed
    key_results:
      - Increase NPS from 55 to 70 by 30 September
      - Cut first-response time from 9 to 2 hours by 30 September
"""
BAD = GOOD.replace(
    "Cut first-response time from 9 to 2 hours by 30 September", "Call 100 customers"
)


def _hook() -> dict:
    (hook,) = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return hook


def test_the_manifest_is_valid_for_pre_commit() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")  # in the test extra
    (hook,) = clientlib.load_manifest(str(MANIFEST))
    assert hook["id"] == "framework-advisor-check"
    assert hook["language"] == "python" and hook["pass_filenames"]
    assert not hook["additional_dependencies"], "the package's own dependencies suffice"


def _repository(tmp_path: Path) -> Path:
    repo = tmp_path / "team"
    (repo / "goals").mkdir(parents=True)
    (repo / "goals" / "okrs-2026-q3.yaml").write_text(BAD, encoding="utf-8")
    (repo / "goals" / "kpis.yaml").write_text(GOOD.replace("okr", "kpi"), encoding="utf-8")
    (repo / "README.md").write_text("# Not a goal file: the hook leaves it alone\n")
    (repo / "notes.yaml").write_text("anything: [1, 2\n")  # broken, not matched by `files`
    return repo


NO_NETWORK = """\
import socket, sys
def refused(*args, **kwargs):
    raise OSError("the hook tried the network")
socket.socket = refused
socket.create_connection = refused
socket.getaddrinfo = refused
from framework_advisor._entry import main
sys.argv[0] = "framework-advisor"
sys.exit(main())
"""


@pytest.mark.subprocess
def test_the_entry_runs_on_the_matched_files_without_the_network(tmp_path: Path) -> None:
    """The entry with the files pre-commit would pass (its `files` pattern over the tree), in a
    process where any socket fails: the findings and the exit code pre-commit reports."""
    import re

    hook = _hook()
    repo = _repository(tmp_path)
    files = sorted(
        p.relative_to(repo).as_posix()
        for p in repo.rglob("*")
        if p.is_file() and re.search(hook["files"], p.relative_to(repo).as_posix())
    )
    assert files == ["goals/kpis.yaml", "goals/okrs-2026-q3.yaml"]
    program, *args = hook["entry"].split()
    assert program == "framework-advisor"
    command = [sys.executable, "-c", NO_NETWORK, *args, *files]
    run = subprocess.run(command, cwd=repo, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr  # warnings only
    assert "goals/okrs-2026-q3.yaml:7: warning key-result-activity" in run.stdout
    assert "network" not in run.stderr
    (repo / ".framework-advisor.yaml").write_text("check:\n  ignore: [key-result-activity]\n")
    run = subprocess.run(command, cwd=repo, capture_output=True, text=True, timeout=120)
    assert "key-result-activity" not in run.stdout
    strict = subprocess.run(
        [*command[:3], *args, "--strict", *files], cwd=repo, capture_output=True, text=True
    )
    assert strict.returncode == 0, strict.stdout  # the one warning is ignored by the settings


@pytest.mark.slow
@pytest.mark.subprocess
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_runs_the_hook_in_a_repository(tmp_path: Path) -> None:
    """pre-commit itself, on a repository whose config is the manifest's hook as a local one
    (language: system, the installed command): nothing is downloaded or installed."""
    pytest.importorskip("pre_commit")
    hook = {**_hook(), "language": "system"}
    repo = _repository(tmp_path)
    config = {"repos": [{"repo": "local", "hooks": [hook]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (repo / ".framework-advisor.yaml").write_text("check:\n  profile: google\n")
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"),
    }

    def run(*command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True)

    run("git", "init", "-q")
    run("git", "add", "-A")
    hooks = [sys.executable, "-m", "pre_commit", "run", "--color", "never"]
    result = run(*hooks, "--all-files", "--verbose")
    assert result.returncode == 0, result.stdout + result.stderr  # warnings do not fail it
    assert "goals/okrs-2026-q3.yaml:7: warning key-result-activity" in result.stdout
    assert "notes.yaml" not in result.stdout and "README.md" not in result.stdout
    strict_hook = {**hook, "args": ["--strict"]}
    config = {"repos": [{"repo": "local", "hooks": [strict_hook]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    run("git", "add", "-A")
    strict = run(*hooks, "--files", "goals/okrs-2026-q3.yaml")
    assert strict.returncode == 1 and "Failed" in strict.stdout, strict.stdout
    assert "goals/okrs-2026-q3.yaml:7: warning key-result-activity" in strict.stdout
