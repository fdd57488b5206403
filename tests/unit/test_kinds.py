"""Knowledge kinds as one table (`kb/kinds.py`): the loader reads, the source reader finds and
the one unknown-reference check covers every kind listed there."""

from __future__ import annotations

import typing
from pathlib import Path

import msgspec
import pytest
import yaml

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.kb.cross_checks import CrossChecks
from framework_advisor.kb.files import read_source
from framework_advisor.kb.kinds import KINDS, TOP_FILES, Kind
from framework_advisor.kb.locate import embedded_dir

from ..conftest import build_tree

PACK = "name: p\nversion: '1'\nschema_version: 2\n"


def test_every_kind_has_a_table_in_the_loader_and_a_field_in_the_knowledge_base() -> None:
    loader = typing.get_type_hints(CrossChecks)
    fields = {f.name for f in msgspec.structs.fields(KnowledgeBase)}
    for kind in KINDS:
        assert kind.table in loader and kind.table in fields, kind.table
        assert kind.file in TOP_FILES


def test_every_kinds_file_is_read_and_every_entry_loaded(kb: KnowledgeBase) -> None:
    source = read_source(embedded_dir(), is_pack=False)
    for kind in KINDS:
        entries = yaml.safe_load(source.texts[kind.file])[kind.key]
        assert len(getattr(kb, kind.table)) == len(entries), kind.table


@pytest.mark.parametrize("kind", [k for k in KINDS if k.references], ids=lambda k: k.table)
def test_every_reference_a_kind_declares_is_checked(run_cli, tmp_path: Path, kind: Kind) -> None:  # type: ignore[no-untyped-def]
    field, what = kind.references[0]
    entries = yaml.safe_load((embedded_dir() / kind.file).read_text(encoding="utf-8"))[kind.key]
    entry = next(e for e in entries if e.get(field))
    held = entry[field]
    entry = {**entry, field: "okrr" if isinstance(held, str) else ["okrr", *held[1:]]}
    pack = build_tree(
        tmp_path / "pack", {"pack.yaml": PACK, kind.file: yaml.safe_dump({kind.key: [entry]})}
    )
    result = run_cli("--kb", pack, "validate")
    assert result.exit_code == 2
    assert f"error kb-unknown-reference: {kind.key}[0].{field}" in result.stderr, result.stderr
    assert f"no {what} 'okrr'. Did you mean 'okr'?" in result.stderr
