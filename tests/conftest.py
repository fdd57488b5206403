"""Shared fixtures. Every test runs with the test session's knowledge-base cache folder, never
the user's; the tests of the cache itself take an empty one (`fresh_cache`)."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from hypothesis import settings

from framework_advisor.cli import cli
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.kb.load import load

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
# The property tests draw the same examples on every run, so CI passes or fails on the code,
# never on a lucky draw; FRAMEWORK_ADVISOR_PROPERTY_SEED=random explores new ones (run it with
# FRAMEWORK_ADVISOR_PROPERTY_EXAMPLES=1500 after changing the engine).
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(
    "explore" if os.environ.get("FRAMEWORK_ADVISOR_PROPERTY_SEED") == "random" else "repeatable"
)

FIXED_DAY = "2026-01-15"
"""The reports' date in tests (`fixed_date`): the same answers give the same document."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Marks by folder, for the fast lane (-m "not slow and not browser and not subprocess"):
    every test under tests/browser drives chromium, and every test under tests/tui drives the
    Textual app for a second or more."""
    browser, tui = ROOT / "tests" / "browser", ROOT / "tests" / "tui"
    for item in items:
        if item.path.is_relative_to(browser):
            item.add_marker(pytest.mark.browser)
        elif item.path.is_relative_to(tui):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _private_cache(session_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One cache folder for the session (per xdist worker): the embedded base is validated once,
    not per test. The cache is keyed by every file's content, so a pack gets entries of its own."""
    monkeypatch.setenv("FRAMEWORK_ADVISOR_CACHE_DIR", str(session_cache))
    monkeypatch.delenv("FRAMEWORK_ADVISOR_KB", raising=False)


@pytest.fixture
def fresh_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty knowledge-base cache folder of the test's own."""
    folder = tmp_path_factory.mktemp("fresh-cache")
    monkeypatch.setenv("FRAMEWORK_ADVISOR_CACHE_DIR", str(folder))
    return folder


@functools.cache
def knowledge() -> KnowledgeBase:
    """The embedded knowledge base, loaded once per test process: the `kb` fixture, and the
    modules that parametrize over its content when the tests are collected."""
    return load([], use_cache=False)


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return knowledge()


@pytest.fixture
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> str:
    """Today is FIXED_DAY for the CLI and the exports (FRAMEWORK_ADVISOR_TODAY)."""
    monkeypatch.setenv("FRAMEWORK_ADVISOR_TODAY", FIXED_DAY)
    return FIXED_DAY


@pytest.fixture
def write_answers(tmp_path: Path) -> Callable[..., Path]:
    """Write an answers mapping (or raw text) to a file and return its path."""

    def write(content: dict[str, Any] | str, name: str = "answers.yaml") -> Path:
        path = tmp_path / name
        text = content if isinstance(content, str) else yaml.safe_dump(content, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def run_cli() -> Callable[..., Result]:
    """Invoke the real click group, with stdout and stderr kept apart."""

    def run(*args: str, **kwargs: Any) -> Result:
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, **kwargs)

    return run


def build_tree(root: Path, files: dict[str, str]) -> Path:
    """Create files (relative path -> text) under root: inline fixtures for packs and answers."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
