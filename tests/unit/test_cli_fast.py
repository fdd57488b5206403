"""`recommend` without click (``cli_fast``) says exactly what click's command says, and leaves
every other command line to click."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from framework_advisor import cli_fast

from ..conftest import ROOT

Run = Callable[..., Result]

STARTUP = str(ROOT / "samples" / "startup.yaml")
MANUFACTURER = str(ROOT / "samples" / "manufacturer.yaml")


def _fast(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    request = cli_fast.parse(args)
    assert request is not None, args
    code = cli_fast.run(request)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    "args",
    [
        ["--answers", STARTUP, "--format", "json"],
        ["-a", STARTUP, "-f", "json"],
        ["--answers=" + MANUFACTURER, "--format=md"],
        [MANUFACTURER],
        [STARTUP, "-f", "text"],
        ["-f", "json", STARTUP, "-o", "-"],
        ["--kb", str(ROOT / "knowledge"), "-a", STARTUP, "-f", "json"],
        ["-a", "no-such-file.yaml"],
        ["-a", str(ROOT / "pyproject.toml")],
        ["-a", str(ROOT / "samples")],
    ],
)
def test_the_fast_path_says_what_click_says(
    args: list[str], run_cli: Run, capsys: pytest.CaptureFixture[str]
) -> None:
    fast = _fast(args, capsys)
    slow = run_cli("recommend", *args)
    assert fast == (slow.exit_code, slow.stdout, slow.stderr)


def test_a_written_file_and_a_hidden_answer_alike(
    tmp_path: Path, run_cli: Run, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "hidden.yaml"
    answers.write_text(
        (ROOT / "samples" / "startup.yaml").read_text(encoding="utf-8") + "team_size: 5\n",
        encoding="utf-8",
    )
    target = tmp_path / "out.md"
    fast = _fast(["-a", str(answers), "-o", str(target)], capsys)
    written = target.read_text(encoding="utf-8")
    refused = _fast(["-a", str(answers), "-o", str(target)], capsys)
    target.unlink()
    slow = run_cli("recommend", "-a", answers, "-o", target)
    assert fast == (slow.exit_code, slow.stdout, slow.stderr)
    assert written == target.read_text(encoding="utf-8")
    again = run_cli("recommend", "-a", answers, "-o", target)
    assert refused == (again.exit_code, again.stdout, again.stderr)


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--help"],
        ["-h", STARTUP],
        ["--answers"],
        ["-a", STARTUP, "-a", STARTUP],
        [STARTUP, "--answers", STARTUP],
        [STARTUP, MANUFACTURER],
        ["-a", STARTUP, "--format", "JSON"],
        ["-a", STARTUP, "--format", "xml"],
        ["-a", STARTUP, "-fjson"],
        ["--", STARTUP],
        ["--answers=", "-f", "json"],
        ["-a", STARTUP, "-o", ""],
        ["-a", "-f", "json"],
        ["-a", STARTUP, "--force", "--force"],
        ["-a", STARTUP, "--answer", STARTUP],
        ["-a", STARTUP, "--kb"],
    ],
)
def test_every_other_command_line_is_left_to_click(args: list[str]) -> None:
    assert cli_fast.parse(args) is None


def test_shell_completion_is_left_to_click(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cli_fast.COMPLETE_VAR, "bash_complete")
    assert cli_fast.parse(["-a", STARTUP]) is None


def test_echo_drops_colour_codes_off_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    cli_fast.echo("\x1b[1mbold\x1b[0m", err=True)
    cli_fast.echo("plain", nl=False)
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("plain", "bold\n")
