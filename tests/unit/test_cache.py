"""The validated knowledge base is cached, rebuilt when a file changes, ignored when corrupt."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from framework_advisor.kb import cache
from framework_advisor.kb.load import load
from framework_advisor.kb.locate import embedded_dir

from ..conftest import build_tree

pytestmark = pytest.mark.usefixtures("fresh_cache")


def _cache_files() -> list[Path]:
    return sorted(cache.cache_dir().glob("kb-*.msgpack"))


def test_cache_written_once_and_reused(monkeypatch: pytest.MonkeyPatch) -> None:
    first = load([])
    files = _cache_files()
    assert len(files) == 1
    import framework_advisor.kb.build as builder

    def fail(*_args, **_kwargs):
        raise AssertionError("validated again although the cache is fresh")

    monkeypatch.setattr(builder, "build", fail)
    second = load([])
    assert second == first


def test_cache_rebuilt_after_a_knowledge_file_changes(tmp_path: Path) -> None:
    pack = build_tree(
        tmp_path / "pack",
        {
            "pack.yaml": "name: demo\nversion: '1'\nschema_version: 2\n",
            "rules.yaml": (
                "rules:\n"
                "  - id: demo_rule\n"
                "    when: {function: sales}\n"
                "    effects: [{framework: raci, weight: 5, reason: demo}]\n"
            ),
        },
    )
    before = load([str(pack)])
    rule = next(r for r in before.rules if r.id == "demo_rule")
    assert rule.effects[0].weight == 5
    (pack / "rules.yaml").write_text(
        (pack / "rules.yaml").read_text().replace("weight: 5", "weight: 7"), encoding="utf-8"
    )
    after = load([str(pack)])
    rule = next(r for r in after.rules if r.id == "demo_rule")
    assert rule.effects[0].weight == 7
    assert len(_cache_files()) == 2


@pytest.mark.parametrize("garbage", [b"", b"\x00\x01not msgpack", b"\x93\x01\x02\x03"])
def test_corrupt_cache_is_ignored_and_rebuilt(garbage: bytes) -> None:
    fresh = load([])
    (path,) = _cache_files()
    path.write_bytes(garbage)
    assert load([]) == fresh
    assert path.read_bytes() != garbage  # rewritten


def test_unwritable_cache_folder_only_costs_speed(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv("FRAMEWORK_ADVISOR_CACHE_DIR", str(blocker / "cache"))
    kb = load([])
    assert set(kb.frameworks) == {p.stem for p in (embedded_dir() / "frameworks").glob("*.yaml")}


def test_validate_never_reads_the_cache(run_cli, tmp_path: Path) -> None:
    pack = build_tree(
        tmp_path / "pack", {"pack.yaml": "name: demo\nversion: '1'\nschema_version: 2\n"}
    )
    assert run_cli("--kb", pack, "validate").exit_code == 0
    broken = tmp_path / "copy"
    shutil.copytree(embedded_dir(), broken / "knowledge")
    # a cache entry exists for the good base; validate must still read the YAML of the pack
    (pack / "rules.yaml").write_text("rules: [{id: x}]\n", encoding="utf-8")
    result = run_cli("--kb", pack, "validate")
    assert result.exit_code == 2
    assert "missing required field 'when'" in result.stderr
