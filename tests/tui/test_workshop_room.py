"""`serve --workshop DIR`: participants' sessions live in DIR/participants, the fixed answers
are not asked, and `workshop close` shuts the door."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

from .room_client import CODE, HOST, Participant, Served, free_port, wait_until


@contextlib.contextmanager
def serving_workshop(directory: Path, env_root: Path) -> Iterator[Served]:
    port = free_port()
    env = dict(
        os.environ,
        FRAMEWORK_ADVISOR_DATA_DIR=str(env_root / "data"),
        FRAMEWORK_ADVISOR_CACHE_DIR=str(env_root / "cache"),
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "framework_advisor", "serve", "--port", str(port),
         "--workshop", str(directory), "--trusted-proxy", HOST],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip
    assert process.stdout is not None
    code = None
    printed = []
    while code is None:
        line = process.stdout.readline()
        if not line:
            break
        printed.append(line)
        match = CODE.search(line)
        code = match.group(1) if match else None
    assert code, "serve printed no join code: " + "".join(printed)

    def port_open() -> bool:
        with socket.socket() as sock:
            return sock.connect_ex((HOST, port)) == 0

    wait_until(port_open, "the port to open")
    served = Served(process, port, directory / "participants", code)
    served.printed = printed  # type: ignore[attr-defined]
    try:
        yield served
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _saved(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}


async def test_a_workshop_room_keeps_answers_in_the_workshop_and_closes(
    run_cli, tmp_path: Path
) -> None:
    directory = tmp_path / "acme"
    assert run_cli("workshop", "new", directory, "--title", "Acme",
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
