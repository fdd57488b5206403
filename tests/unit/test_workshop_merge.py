"""`workshop merge` keeps each file's format, refuses after `close`, changes nothing when it
cannot finish, and names questions by their labels."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.unit.test_workshop_cli import PEOPLE, _summary, _workshop


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / "participants").iterdir())}


def test_merging_into_a_json_file_writes_json(run_cli, tmp_path: Path) -> None:
    folder = _workshop(run_cli, tmp_path)  # Borvik answered in borvik.json
    result = run_cli("workshop", "merge", folder, "borvik.json", "xanthe.yaml")
    assert result.exit_code == 0, result.stderr
    merged = json.loads((folder / "participants" / "borvik.json").read_text(encoding="utf-8"))
    assert merged["_meta"]["participant"] == "Borvik Ostrand"
    assert merged["industry"] == "saas" and merged["headcount"] in (30, 40)
    assert (folder / "merged" / "xanthe.yaml").is_file()
    # the person is still counted: nobody silently drops out of the summary
    assert _summary(run_cli, folder)["participants"] == len(PEOPLE) - 1


def test_merging_into_a_yaml_file_writes_yaml(run_cli, tmp_path: Path) -> None:
    folder = _workshop(run_cli, tmp_path)
    result = run_cli("workshop", "merge", folder, "xanthe.yaml", "borvik.json")
    assert result.exit_code == 0, result.stderr
    text = (folder / "participants" / "xanthe.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text)["_meta"]["participant"] == "Xanthe Quillon"
    assert not text.lstrip().startswith("{")
    assert (folder / "merged" / "borvik.json").is_file()
    assert _summary(run_cli, folder)["participants"] == len(PEOPLE) - 1


def test_merge_names_questions_by_their_labels(run_cli, kb, tmp_path: Path) -> None:
    folder = _workshop(run_cli, tmp_path)
    result = run_cli("workshop", "merge", folder, "xanthe.yaml", "cyrilla.yaml")
    assert result.exit_code == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if "the later" in line]
    assert said
    assert any(line.startswith(f"{kb.question('headcount').label}: ") for line in said)
    assert not any(line.startswith(("headcount:", "compensation_linked:")) for line in said)


def test_merge_after_close_is_refused_and_changes_nothing(run_cli, tmp_path: Path) -> None:
    folder = _workshop(run_cli, tmp_path)
    assert run_cli("workshop", "close", folder).exit_code == 0
    before = _files(folder)
    result = run_cli("workshop", "merge", folder, "xanthe.yaml", "borvik.json")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "closed" in result.stderr
    assert _files(folder) == before
    assert not (folder / "merged").exists()


def test_merge_when_merged_is_a_file_changes_nothing(run_cli, tmp_path: Path) -> None:
    folder = _workshop(run_cli, tmp_path)
    (folder / "merged").write_text("not a folder", encoding="utf-8")
    before = _files(folder)
    result = run_cli("workshop", "merge", folder, "xanthe.yaml", "borvik.json")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "merged" in lines[0] and "not a folder" in lines[0], lines
    assert _files(folder) == before


def test_merge_whose_write_fails_puts_the_second_file_back(
    run_cli, tmp_path: Path, monkeypatch
) -> None:
    from framework_advisor.sources import atomic

    folder = _workshop(run_cli, tmp_path)
    before = _files(folder)

    def refuse(path: Path, *_: object, **__: object) -> None:
        raise atomic.OutputError(f"{path}: cannot write: Permission denied")

    monkeypatch.setattr(atomic, "atomic_write", refuse)
    result = run_cli("workshop", "merge", folder, "xanthe.yaml", "borvik.json")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Permission denied" in result.stderr
    assert _files(folder) == before
    assert list((folder / "merged").iterdir()) == []
