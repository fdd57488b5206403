"""`serve --workshop DIR`: participants' sessions live in DIR/participants, the fixed answers
are not asked, and `workshop close` shuts the door."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
import yaml

from .room_client import HOST, Participant, Served, serving, wait_until

pytestmark = pytest.mark.subprocess


def serving_workshop(directory: Path, env_root: Path) -> contextlib.AbstractContextManager[Served]:
    return serving(
        directory / "participants",
        env_root,
        where=("--workshop", str(directory), "--trusted-proxy", HOST),
    )


def _saved(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}


async def test_a_workshop_room_keeps_answers_in_the_workshop_and_closes(
    run_cli, tmp_path: Path
) -> None:
    directory = tmp_path / "acme"
    assert run_cli("workshop", "new", directory, "--title", "Acme", "--organisation", "Acme",
                   "--set", "function=company").exit_code == 0  # fmt: skip
    with serving_workshop(directory, tmp_path) as room:
        printed = "".join(room.printed)  # type: ignore[attr-defined]
        assert "▀" in printed or "█" in printed  # the address as a QR code, before the code
        async with Participant(room, "10.9.0.1") as kim:
            await kim.join("Kim")
            async with kim.connect() as app:
                await app.wait_for("How many")  # the organisation is fixed: not asked
                await app.type("120\r")
                path = directory / "participants" / "Kim.yaml"
                wait_until(lambda: _saved(path).get("headcount") == 120, "Kim's answer")
        saved = _saved(directory / "participants" / "Kim.yaml")
        assert saved["organisation"] == "Acme" and saved["function"] == "company"
        result = run_cli("workshop", "summary", directory, "--format", "json")
        assert result.exit_code == 2  # Kim has not answered the needs yet: skipped, none left
        assert "Kim.yaml" in result.stderr and "'needs' is required" in result.stderr

        assert run_cli("workshop", "close", directory).exit_code == 0
        async with Participant(room, "10.9.0.2") as late:
            response = await late.post_join(room.code, "Lee")
            assert response.status == 403
        assert not (directory / "participants" / "Lee.yaml").exists()
    result = run_cli("serve", "--workshop", directory)
    assert result.exit_code == 2 and "closed" in result.stderr
