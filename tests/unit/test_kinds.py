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


def test_every_kind_has_a_field_in_the_knowledge_base_and_pass_2_resolves_the_others() -> None:
    """A plain kind is its row and its knowledge base field; one that pass 2 resolves also has a
    typed table on the loader's `CrossChecks`."""
    loader = typing.get_type_hints(CrossChecks)
    fields = {f.name for f in msgspec.structs.fields(KnowledgeBase)}
    for kind in KINDS:
        assert kind.table in fields, kind.table
        assert kind.plain or kind.table in loader, kind.table
        assert kind.file in TOP_FILES


def test_a_plain_kind_reaches_the_knowledge_base_as_written(kb: KnowledgeBase) -> None:
    source = read_source(embedded_dir(), is_pack=False)
    for kind in (k for k in KINDS if k.plain):
        written = [
            msgspec.convert(entry, kind.model)
            for entry in yaml.safe_load(source.texts[kind.file])[kind.key]
        ]
        if kind.order is not None:
            written.sort(key=kind.order)
        assert getattr(kb, kind.table) == written, kind.table


def test_validate_counts_what_the_table_names(run_cli, kb: KnowledgeBase) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("validate")
    assert result.exit_code == 0, result.stderr
    for kind in (k for k in KINDS if k.counted):
        assert f"{len(getattr(kb, kind.table))} {kind.counted}" in result.stdout, kind.table


def test_the_no_ids_walk_reads_every_kind_whose_model_names_what_readers_see(
    run_cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A pack's help entry (a kind added after the walk was written) is walked: an id in it is
    a warning of `validate`, with no edit to the walk."""
    from framework_advisor.domain.knowledge import HelpEntry

    assert "text" in HelpEntry.READ
    help_file = next(k for k in KINDS if k.model is HelpEntry)
    entry = {"id": "welcome", "title": "Welcome", "text": "Start with mbo_objective here."}
    pack = build_tree(
        tmp_path / "pack",
        {"pack.yaml": PACK, help_file.file: yaml.safe_dump({help_file.key: [entry]})},
    )
    result = run_cli("--kb", pack, "validate")
    assert result.exit_code == 0, result.stderr
    assert "warning: text a client reads has id 'mbo_objective'" in result.stderr


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
