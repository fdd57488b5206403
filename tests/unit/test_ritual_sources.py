"""Issue 22, item 2: every ritual's frequency and length cites a source, and so does each of its
lighter documented variants; a pack framework is held to the same rule at load (file and line,
exit code 2)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from framework_advisor.domain.framework import MEETINGS_PER_MONTH
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.engine.index import index_for

from ..conftest import build_tree
from .test_cli_errors import OKR, PACK_YAML, Err, check_errors, line_of


def test_every_ritual_and_every_lighter_variant_cites_a_source(kb: KnowledgeBase) -> None:
    """Derived from the knowledge base: no hard-coded list of frameworks or rituals."""
    seen = 0
    for fid, framework in kb.frameworks.items():
        assert framework.rituals, fid
        for ritual in framework.rituals:
            assert ritual.source.strip(), f"{fid}.{ritual.id} has no source"
            seen += 1
            for variant in ritual.lighter:
                assert variant.source.strip(), f"{fid}.{ritual.id}: '{variant.name}' has no source"
                seen += 1
    assert seen >= len(kb.frameworks)


def test_each_lighter_variant_takes_fewer_minutes_a_month_lightest_last(
    kb: KnowledgeBase,
) -> None:
    variants = 0
    for fid, framework in kb.frameworks.items():
        for ritual in framework.rituals:
            before = ritual.minutes * MEETINGS_PER_MONTH[ritual.frequency]
            for variant in ritual.lighter:
                monthly = variant.minutes * MEETINGS_PER_MONTH[variant.frequency]
                assert monthly < before, f"{fid}.{ritual.id}: '{variant.name}'"
                before = monthly
                variants += 1
    assert variants, "the knowledge base documents lighter variants"


def test_the_engine_counts_the_full_ritual(kb: KnowledgeBase) -> None:
    """Until the plan chooses a variant (issue 22, item 1), the engine's index keeps each
    framework's full rituals."""
    index = index_for(kb)
    for fid, framework in kb.frameworks.items():
        assert index.rituals[fid] == tuple(
            ((r.id, r.frequency), r.minutes) for r in framework.rituals
        )
        assert index.monthly_rituals[fid] == tuple(
            ((r.id, r.frequency), r.minutes, round(r.minutes_a_month)) for r in framework.rituals
        )


# --- packs ------------------------------------------------------------------------------------

SOURCE = OKR.split("\nrituals:\n", 1)[1].split("    source: ", 1)[1].split("\n    lighter:", 1)[0]
FIRST_RITUAL = "  - id: weekly_checkin"
LIGHTER_MINUTES = "        minutes: 15\n"


def _pack(tmp_path: Path, okr: str) -> Path:
    return build_tree(tmp_path / "pack", {"pack.yaml": PACK_YAML, "frameworks/okr.yaml": okr})


def test_a_pack_ritual_without_a_source_is_refused_with_file_and_line(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    assert OKR.count("    source: " + SOURCE) == 1
    okr = OKR.replace("    source: " + SOURCE + "\n", "", 1)
    pack = _pack(tmp_path, okr)
    result = run_cli("--kb", pack, "validate")
    check_errors(
        result,
        [
            Err(
                line_of(okr, FIRST_RITUAL, after="rituals:"),
                "rituals[0]",
                ("missing required field 'source'",),
            )
        ],
        lambda _err: str(pack / "frameworks/okr.yaml"),
    )


def test_a_pack_lighter_variant_without_a_source_is_refused(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    lighter = OKR.split("    lighter:\n", 1)[1]
    variant_source = lighter.split("        source: ", 1)[1].split("\n  - id:", 1)[0]
    okr = OKR.replace("        source: " + variant_source + "\n", "", 1)
    pack = _pack(tmp_path, okr)
    result = run_cli("--kb", pack, "validate")
    check_errors(
        result,
        [
            Err(
                line_of(okr, "      - name:", after="    lighter:"),
                "rituals[0].lighter[0]",
                ("missing required field 'source'",),
            )
        ],
        lambda _err: str(pack / "frameworks/okr.yaml"),
    )


def test_a_pack_variant_that_is_not_lighter_is_refused(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    assert OKR.count(LIGHTER_MINUTES) == 1
    okr = OKR.replace(LIGHTER_MINUTES, "        minutes: 45\n", 1)
    pack = _pack(tmp_path, okr)
    result = run_cli("--kb", pack, "validate")
    check_errors(
        result,
        [
            Err(
                line_of(okr, "      - name:", after="    lighter:"),
                "rituals[0].lighter[0]",
                ("takes 195 minutes a month", "not fewer than the 130"),
            )
        ],
        lambda _err: str(pack / "frameworks/okr.yaml"),
    )
