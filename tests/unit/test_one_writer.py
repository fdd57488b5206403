"""One atomic writer: every module that puts a file in place does it through
`sources.atomic` (one temporary-name scheme, one cleaner, fsync before the rename)."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

import framework_advisor
from framework_advisor.kb.cache import write_cached
from framework_advisor.tui.serve.room import STATE_FILE, Room

SRC = Path(framework_advisor.__file__).parent


def test_only_the_atomic_writer_renames_files_into_place() -> None:
    renaming = re.compile(
        r"os\.(replace|rename|link)\(|\.(replace|rename)\((temp|temporary|target)"
    )
    writers = sorted(
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if renaming.search(path.read_text(encoding="utf-8"))
    )
    assert writers == ["sources/atomic.py"], writers


def test_the_cache_and_the_room_leave_no_temporary_file_and_the_room_stays_private(
    kb, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("FRAMEWORK_ADVISOR_CACHE_DIR", str(tmp_path / "cache"))
    write_cached("k1", kb)
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["kb-k1.msgpack"]
    room = Room.open(tmp_path)
    room.join("Ana")
    assert sorted(p.name for p in tmp_path.iterdir()) == [STATE_FILE, "cache"]
    assert stat.S_IMODE((tmp_path / STATE_FILE).stat().st_mode) == 0o600


def test_a_move_to_a_new_name_never_replaces_a_file(tmp_path: Path) -> None:
    from framework_advisor.sources.atomic import move_to_new_name

    (tmp_path / "a.yaml").write_text("a", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("b", encoding="utf-8")
    with pytest.raises(FileExistsError):
        move_to_new_name(tmp_path / "a.yaml", tmp_path / "b.yaml")
    assert (tmp_path / "b.yaml").read_text(encoding="utf-8") == "b"
    move_to_new_name(tmp_path / "a.yaml", tmp_path / "c.yaml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.yaml", "c.yaml"]
    assert (tmp_path / "c.yaml").read_text(encoding="utf-8") == "a"
