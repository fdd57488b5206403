"""A newer state is never replaced by an older one: every app save carries the revision it was
based on, and a file that has moved past it is left as it is."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.sessions import NewerSession, SessionStore, dump_session, read_session
from framework_advisor.tui.state import Assessment


def test_a_write_based_on_an_older_revision_is_refused(kb: KnowledgeBase, tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    store.write("acme", dump_session(kb, {"organisation": "New"}, None, revision=3), based_on=2)
    path = tmp_path / "acme.yaml"
    before = path.read_bytes()
    with pytest.raises(NewerSession):
        store.write("acme", dump_session(kb, {"organisation": "Old"}, None, revision=3), based_on=2)
    assert path.read_bytes() == before
    store.write("acme", dump_session(kb, {"organisation": "Next"}, None, revision=4), based_on=3)
    assert read_session(path, kb).revision == 4
    assert yaml.safe_load(path.read_text())["organisation"] == "Next"


def test_a_file_without_a_revision_is_revision_zero(kb: KnowledgeBase, tmp_path: Path) -> None:
    (tmp_path / "hand.yaml").write_text("organisation: Typed by hand\n", encoding="utf-8")
    assert read_session(tmp_path / "hand.yaml", kb).revision == 0
    SessionStore(tmp_path).write(
        "hand", dump_session(kb, {"organisation": "App"}, None, revision=1), based_on=0
    )
    assert "App" in (tmp_path / "hand.yaml").read_text()


def test_two_windows_on_one_session_the_later_save_of_the_older_one_is_refused(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    """Two app processes for one participant (a handover gone wrong): the one that saved first
    keeps its answers; the other is told, stops saving, and overwrites nothing."""
    store = SessionStore(tmp_path)
    first = Assessment(kb, store, "sam", {"organisation": "Start"})
    first.save()
    Assessment.flush()
    loaded = read_session(tmp_path / "sam.yaml", kb)
    errors: list[BaseException] = []
    older = Assessment(kb, store, "sam", loaded.answers)
    older.revision = loaded.revision
    older.on_save_error = errors.append
    newer = Assessment(kb, store, "sam", loaded.answers)
    newer.revision = loaded.revision

    newer.set_answer("organisation", "Newer Org")
    Assessment.flush()
    older.set_answer("organisation", "Older Org")
    Assessment.flush()

    assert yaml.safe_load((tmp_path / "sam.yaml").read_text())["organisation"] == "Newer Org"
    assert errors and isinstance(errors[0], NewerSession)
    assert older.read_only
    older.set_answer("headcount", 40)  # read-only now: nothing more is written from it
    Assessment.flush()
    assert "headcount" not in yaml.safe_load((tmp_path / "sam.yaml").read_text())


def test_a_rename_keeps_every_answer_and_the_name_as_typed(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    """The name typed is kept in the file; the file's name is its safe form; an answer that
    no longer fits the questionnaire stays in the file, and the revision moves on."""
    store = SessionStore(tmp_path)
    text = dump_session(kb, {"organisation": "Acme"}, None, revision=2)
    store.write("acme", text.replace("organisation:", "retired_question: kept\norganisation:"))
    stem = store.rename("acme", "Q3 board offsite — Acme", kb.text)
    assert stem != "Q3 board offsite — Acme" and store.names() == [stem]
    session = store.load(stem, kb)
    assert session.display_name == "Q3 board offsite — Acme"
    assert session.revision == 3
    data = yaml.safe_load((tmp_path / f"{stem}.yaml").read_text(encoding="utf-8"))
    assert data["retired_question"] == "kept" and data["organisation"] == "Acme"
    assert store.rename(stem, "Q3 board offsite Acme", kb.text) == stem  # same file, new name
    assert store.display_name(stem) == "Q3 board offsite Acme"
    assert store.stem_for("Q3 board offsite: Acme") != stem  # another name, another file
    assert store.stem_for("Q3 board offsite Acme") == stem  # the same name, its file
