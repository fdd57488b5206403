"""Golden files: outputs pinned byte for byte in tests/golden/.

Compare by default; with UPDATE_GOLDEN=1 in the environment, write the current output instead
(then review the diff with git before committing it)."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
UPDATE_ENV = "UPDATE_GOLDEN"


def assert_matches_golden(name: str, text: str) -> None:
    path = GOLDEN_DIR / name
    if os.environ.get(UPDATE_ENV) == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"no golden file {path}; create it with {UPDATE_ENV}=1 pytest ..."
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(
            list(
                difflib.unified_diff(
                    expected.splitlines(keepends=True),
                    text.splitlines(keepends=True),
                    fromfile=f"golden/{name}",
                    tofile="output",
                )
            )[:80]
        )
        raise AssertionError(
            f"output differs from golden/{name} (regenerate with {UPDATE_ENV}=1 if intended):\n"
            + diff
        )
