"""The app's and the command line's words come from the catalogue (issue 28): counts take its
plural forms, "did you mean A or B" its `or` list, a key its `key.<id>` words, and a pack's
`text/en.yaml` rewords any of them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from click.testing import Result
from textual.binding import Binding

from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.domain.text import message
from framework_advisor.kb.build import build
from framework_advisor.kb.files import read_source
from framework_advisor.kb.locate import embedded_dir
from framework_advisor.tui.keys import key_words
from framework_advisor.tui.screens.welcome import missing_file
from framework_advisor.tui.serve.limits import WrongCodes
from tests.unit.test_catalogue import _pack


def _said(kb: KnowledgeBase, message_id: str, **params: Any) -> str:
    return kb.text.say(message(message_id, **params))


def test_counts_take_the_catalogue_plural_forms(kb: KnowledgeBase) -> None:
    assert _said(kb, "app.sessions.where", count=1, folder="f") == "1 session in f"
    assert _said(kb, "app.sessions.where", count=3, folder="f") == "3 sessions in f"
    counts = message(
        "app.goals.counts",
        errors=message("app.goals.errors", count=1),
        warnings=message("app.goals.warnings", count=2),
        infos=message("app.goals.infos", count=1),
    )
    assert kb.text.say(counts) == "1 error, 2 warnings, 1 info"
    assert "of 1 participant (" in _said(kb, "cli.workshop.revealed", count=1, reveal=1)
    assert "of 2 participants (" in _said(kb, "cli.workshop.revealed", count=2, reveal=1)
    assert _said(kb, "app.watch.revealed", count=1, reveal=2).startswith(
        "Revealed 1 participant's answers (reveal 2)"
    )
    assert _said(kb, "cli.workshop.removed_from", name="Ann", rounds=["1"]).endswith("round 1")
    assert _said(kb, "cli.workshop.removed_from", name="Ann", rounds=["1", "2"]).endswith(
        "rounds 1, 2"
    )


def test_a_missing_file_names_the_close_ones_joined_with_or(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    for name in ("startup.yaml", "startups.yaml", "unrelated.txt"):
        (tmp_path / name).write_text("", encoding="utf-8")
    said = missing_file(kb, tmp_path / "startupp.yaml")
    assert said.startswith(f"No file {tmp_path / 'startupp.yaml'}. Did you mean ")
    assert said.endswith("?") and " or " in said and "unrelated" not in said
    assert missing_file(kb, tmp_path / "zzz.yaml") == f"No file {tmp_path / 'zzz.yaml'}."
    assert missing_file(kb, tmp_path / "nowhere" / "a.yaml").startswith("No folder ")


def test_the_rate_limit_says_its_refusal_in_the_catalogue_words(kb: KnowledgeBase) -> None:
    limits = WrongCodes(per_client=2, clock=lambda: 0.0)
    limits.record("a")
    limits.record("a")
    refusal = limits.refusal("a")
    assert refusal is not None
    assert kb.text.say(refusal).startswith("Too many wrong codes from your device (2 in a minute)")


def _with_pack(tmp_path: Path, messages: str) -> KnowledgeBase:
    pack = _pack(tmp_path, messages)
    return build([read_source(embedded_dir(), is_pack=False), read_source(pack, is_pack=True)])


def test_a_key_says_the_catalogue_words_and_a_pack_rewords_them(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    quit_key = Binding("ctrl+q", "quit", "Quit", id="app.quit", tooltip="Quit (answers are saved)")
    assert key_words(SimpleNamespace(kb=kb), quit_key) == ("Quit", "Quit (answers are saved)")
    reworded = _with_pack(
        tmp_path, '  key.app.quit: "Leave"\n  key.app.quit.tip: "Leave the app; answers stay"\n'
    )
    assert key_words(SimpleNamespace(kb=reworded), quit_key) == (
        "Leave",
        "Leave the app; answers stay",
    )
    unknown = Binding("x", "nothing", "Own words", id="not.in.the.catalogue", tooltip="Tip")
    assert key_words(SimpleNamespace(kb=kb), unknown) == ("Own words", "Tip")


def test_a_pack_rewords_what_check_says(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    pack = _pack(tmp_path, '  cli.check.give_a_file: "name the goals to check"\n')
    result = run_cli("--kb", pack, "check")
    assert result.exit_code == 2, result.output
    assert "name the goals to check" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_pack_rewords_what_a_workshop_command_says(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    pack = _pack(tmp_path, '  cli.workshop.created: "made {folder}"\n')
    folder = tmp_path / "ws"
    result = run_cli("--kb", pack, "workshop", "new", folder)
    assert result.exit_code == 0, result.stderr
    assert f"made {folder}" in result.stderr
