"""Issue 20: the code checks are tests, so the README's test command (and .ci/run) runs them:
mypy on src/ (configured in pyproject.toml [tool.mypy]), ruff's lint and ruff's format."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *command], capture_output=True, text=True, cwd=ROOT
    )


@pytest.mark.subprocess
def test_mypy_finds_no_error_in_src() -> None:
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


@pytest.mark.subprocess
def test_ruff_finds_nothing() -> None:
    result = _run("ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.subprocess
def test_ruff_format_changes_nothing() -> None:
    result = _run("ruff", "format", "--check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_ignores_nothing_wholesale() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    overrides = config.get("overrides", [])
    assert not any(o.get("ignore_errors") for o in [config, *overrides])
    assert "ignore-without-code" in config["enable_error_code"]
    assert config["files"] == ["src"]
    blanket = re.compile(r"#\s*(mypy:\s*ignore-errors|type:\s*ignore(?!\[))")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "src").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if blanket.search(line)
    ]
    assert offenders == []
