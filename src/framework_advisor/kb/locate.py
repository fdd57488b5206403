"""Where knowledge lives: the embedded base (in the wheel, or the source tree) and packs."""

from __future__ import annotations

import os
from pathlib import Path

ENV_PACKS = "FRAMEWORK_ADVISOR_KB"


def embedded_dir() -> Path:
    """The embedded knowledge base: inside the installed package, else the repository root."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "knowledge"
    if (installed / "kb.yaml").is_file():
        return installed
    return package.parent.parent / "knowledge"


def pack_dirs(cli_packs: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Folders from FRAMEWORK_ADVISOR_KB (separated like PATH), then those given on the CLI."""
    from_env = [p for p in os.environ.get(ENV_PACKS, "").split(os.pathsep) if p]
    return [*from_env, *cli_packs]
