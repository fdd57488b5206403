"""One floor for reading: YAML is parsed (within the limits, with lines) only in `sources/`, and
every answers file (the CLI's, a session, a participant's, a round, the app's "open a file") is
read through the three readings of `sources.answers_file`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import framework_advisor
from framework_advisor.errors import AnswersError, InputFileError
from framework_advisor.sources.answers_file import read_lenient, read_strict, salvage

SRC = Path(framework_advisor.__file__).parent


def _modules_matching(pattern: str) -> list[str]:
    found = re.compile(pattern)
    return sorted(
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if path.relative_to(SRC).parts[0] != "sources"
        and found.search(path.read_text(encoding="utf-8"))
    )


def test_no_module_outside_sources_parses_yaml_itself() -> None:
    assert _modules_matching(r"yaml\.(safe_|full_|unsafe_)?load\(|SafeLoader|yaml\.compose") == []


def test_only_the_knowledge_loader_and_the_workshop_file_read_yaml_outside_answers_files() -> None:
    readers = _modules_matching(r"\b(parse_yaml|load_yaml_file|parse_answers_text)\(")
    # kb/checks.py reads the goal checker's book, knowledge/checks.yaml (goal files themselves
    # come in through sources/goal_file.py).
    assert readers == ["kb/build.py", "kb/checks.py", "workshops.py"], readers


def test_every_answers_file_reader_uses_the_answers_file_module() -> None:
    users = _modules_matching(r"sources\.answers_file import")
    assert users == [
        "sessions.py",
        "storage.py",
        "tui/launch.py",
        "withdrawal.py",
        "workshop_rounds.py",
    ], users


def test_the_three_readings_of_one_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text("organisation: Acme\nheadcount: [40\nstage: startup\n", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"acme\.yaml:\d+: not valid YAML"):
        read_strict(path)
    lenient = read_lenient(path)
    assert lenient.damaged is not None and "not valid YAML" in lenient.damaged
    assert lenient.data == salvage(path)
    assert salvage(path) == {"organisation": "Acme", "stage": "startup"}


def test_strict_refuses_a_duplicate_key_with_its_line_and_the_app_takes_the_last(
    tmp_path: Path,
) -> None:
    path = tmp_path / "twice.json"
    path.write_text('{\n"organisation": "A",\n"organisation": "B"\n}\n', encoding="utf-8")
    with pytest.raises(AnswersError) as raised:
        read_strict(path)
    assert [str(p) for p in raised.value.problems] == [f"{path}:3: organisation: duplicate key"]
    assert read_strict(path, duplicates=True).document.data == {"organisation": "B"}


def test_salvage_never_raises(tmp_path: Path) -> None:
    assert salvage(tmp_path / "missing.yaml") == {}
    assert salvage(tmp_path) == {}


def test_the_apps_required_now_rule_agrees_with_the_answers_check(kb) -> None:  # type: ignore[no-untyped-def]
    """One rule, in the engine: answers that leave a required question open (the CLI refuses
    them) are exactly those where the app would stop at some unanswered question."""
    from framework_advisor.engine.answers import missing_required, required_now
    from framework_advisor.engine.flow import visible_questions

    samples = sorted((SRC.parents[1] / "samples").glob("*.yaml"))
    assert samples
    import yaml

    for sample in samples:
        full = {
            k: v
            for k, v in yaml.safe_load(sample.read_text(encoding="utf-8")).items()
            if k != "_meta"
        }
        for dropped in [(), *((q.id,) for q in kb.questions), ("headcount", "stage")]:
            answers = {k: v for k, v in full.items() if k not in dropped}
            visible = visible_questions(kb, answers)
            stops = [
                q.id for q in visible if q.id not in answers and required_now(q, visible, answers)
            ]
            assert bool(stops) == bool(missing_required(visible, answers)), (sample.name, dropped)


def test_input_files_are_read_within_the_limits() -> None:
    """Outside `sources/`, only our own cache and files shipped in the package are read
    directly; every input (answers, sessions, workshop and room files, knowledge) goes through
    `sources.reading` (a regular file within the size limit, never a FIFO or a device)."""
    direct = _modules_matching(r"\.read_(text|bytes)\(")
    assert direct == [
        "kb/cache.py",
        "render/document/html.py",
        "render/document/typst.py",
        "render/workshop/sheet.py",
    ], direct
