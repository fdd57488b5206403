"""`workshop withdraw DIR NAME`: a participant's answers leave the folder, every round and the
room's state; only a count is kept; nothing changes when it cannot finish."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import yaml

from framework_advisor.tui.serve.room import STATE_FILE, Room
from tests.unit.test_workshop_cli import PEOPLE, _summary, _workshop


def _everything(folder: Path) -> str:
    """Every byte in the folder, as text: what a withdrawn person must be absent from."""
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    )


def test_a_withdrawn_participant_leaves_the_folder_the_rounds_and_the_summary(
    run_cli, tmp_path: Path
) -> None:
    folder = _workshop(run_cli, tmp_path)
    assert run_cli("workshop", "reveal", folder).exit_code == 0
    (folder / "merged").mkdir()
    (folder / "merged" / "cyrilla-old.yaml").write_text(
        yaml.safe_dump({"headcount": 110, "_meta": {"participant": "Cyrilla Vantwerp"}})
    )
    assert "Cyrilla Vantwerp" in (folder / "rounds" / "1.json").read_text(encoding="utf-8")

    result = run_cli("workshop", "withdraw", folder, "cyrilla vantwerp")
    assert result.exit_code == 0, result.stderr
    assert "cyrilla.yaml" in result.stderr and "round 1" in result.stderr

    assert "Cyrilla" not in _everything(folder)
    rounds = json.loads((folder / "rounds" / "1.json").read_text(encoding="utf-8"))
    assert len(rounds["participants"]) == len(PEOPLE) - 1
    assert yaml.safe_load((folder / "workshop.yaml").read_text())["withdrawn"] == 1
    summary = _summary(run_cli, folder)
    assert summary["participants"] == len(PEOPLE) - 1
    assert "Cyrilla" not in json.dumps(summary)


def test_withdraw_by_file_name_and_the_count_grows(run_cli, tmp_path: Path) -> None:
    folder = _workshop(run_cli, tmp_path)
    assert run_cli("workshop", "withdraw", folder, "borvik.json").exit_code == 0
    assert run_cli("workshop", "withdraw", folder, "Dagny Zelinski").exit_code == 0
    assert sorted(p.name for p in (folder / "participants").iterdir()) == [
        "cyrilla.yaml",
        "xanthe.yaml",
    ]
    assert yaml.safe_load((folder / "workshop.yaml").read_text())["withdrawn"] == 2


def test_an_unknown_or_ambiguous_name_is_one_line_and_changes_nothing(
    run_cli, tmp_path: Path
) -> None:
    folder = _workshop(run_cli, tmp_path)
    (folder / "participants" / "xanthe-2.yaml").write_text(
        yaml.safe_dump({"headcount": 31, "_meta": {"participant": "Sam"}})
    )
    (folder / "participants" / "sam-b.yaml").write_text(
        yaml.safe_dump({"headcount": 32, "_meta": {"participant": "Sam"}})
    )
    before = _everything(folder)
    unknown = run_cli("workshop", "withdraw", folder, "Nobody")
    assert unknown.exit_code == 2 and "no such participant" in unknown.stderr
    ambiguous = run_cli("workshop", "withdraw", folder, "sam")
    assert ambiguous.exit_code == 2
    assert "xanthe-2" in ambiguous.stderr and "sam-b" in ambiguous.stderr
    assert len(ambiguous.stderr.strip().splitlines()) == 1
    assert _everything(folder) == before


def test_an_unreadable_round_stops_the_withdrawal_before_anything_is_removed(
    run_cli, tmp_path: Path
) -> None:
    folder = _workshop(run_cli, tmp_path)
    assert run_cli("workshop", "reveal", folder).exit_code == 0
    (folder / "rounds" / "1.json").write_text("{not json", encoding="utf-8")
    before = _everything(folder)
    result = run_cli("workshop", "withdraw", folder, "xanthe.yaml")
    assert result.exit_code == 2
    assert "nothing was changed" in result.stderr
    assert _everything(folder) == before


def test_a_room_participant_withdraws_and_their_resume_code_opens_nothing(
    run_cli, tmp_path: Path
) -> None:
    folder = tmp_path / "room"
    folder.mkdir()
    room = Room.open(folder)
    ana, ana_code = room.join("Ana")
    ben, _ = room.join("Ben")
    for person in (ana, ben):
        (folder / f"{person.stem}.yaml").write_text(
            yaml.safe_dump(
                {"organisation": f"{person.name} Corp", "_meta": {"participant": person.name}}
            )
        )

    result = run_cli("workshop", "withdraw", folder, "ana")
    assert result.exit_code == 0, result.stderr
    assert not (folder / f"{ana.stem}.yaml").exists()
    assert (folder / f"{ben.stem}.yaml").exists()
    state = folder / STATE_FILE
    assert stat.S_IMODE(state.stat().st_mode) == 0o600
    assert "Ana" not in state.read_text(encoding="utf-8")
    reopened = Room.open(folder)
    assert reopened.withdrawn == 1
    assert reopened.by_resume_code(ana_code) is None
    assert [p.name for p in reopened.participants.values()] == ["Ben"]
    reopened.join("Cy")  # the count survives the room's own saves
    assert Room.open(folder).withdrawn == 1


def test_a_folder_that_is_neither_is_refused(run_cli, tmp_path: Path) -> None:
    result = run_cli("workshop", "withdraw", tmp_path, "Ana")
    assert result.exit_code == 2 and "neither a workshop folder" in result.stderr
