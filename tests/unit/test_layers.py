"""Issue 12: the layers are enforced. import-linter's contracts (pyproject.toml
[tool.importlinter]) pass, and the few rules they rest on hold."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

from framework_advisor.render.ansi import style

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.subprocess
def test_the_import_contracts_hold() -> None:
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert command, "import-linter is in the test extra: pip install -e '.[test]'"
    result = subprocess.run(
        [command, "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"bold": True}, {"fg": "cyan"}, {"fg": "yellow", "bold": True}, {"fg": "bright_black"},
     {"fg": "green", "bold": True}, {"fg": "red"}, {"dim": True}],
)  # fmt: skip
def test_colour_codes_are_the_bytes_click_writes(kwargs: dict) -> None:
    assert style("text", **kwargs) == click.style("text", **kwargs)


def test_the_readme_formats_table_is_the_registry() -> None:
    from framework_advisor.render.formats import RENDERERS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Output formats", 1)[1].split("\n\n")[2]
    rows = [line.strip("|").split("|") for line in table.splitlines()[2:]]
    documented = {(doc.strip(), fmt.strip()) for doc, fmts in rows for fmt in fmts.split(",")}
    assert documented == set(RENDERERS)
