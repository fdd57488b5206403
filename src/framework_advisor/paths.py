"""Where Framework Advisor keeps its files: data (sessions, workshops), cache (the compiled
knowledge base, compiled report templates) and the user's documents and downloads. One place,
read by the layers that do I/O (kb's cache, sessions, exports, the TUI); renderers get paths
or objects passed in. Imports nothing heavy: platformdirs only off Linux or when asked."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "framework-advisor"
ENV_CACHE_DIR = "FRAMEWORK_ADVISOR_CACHE_DIR"
ENV_DATA_DIR = "FRAMEWORK_ADVISOR_DATA_DIR"


def cache_dir() -> Path:
    """The cache folder: FRAMEWORK_ADVISOR_CACHE_DIR, else the platform's user cache folder."""
    override = os.environ.get(ENV_CACHE_DIR)
    if override:
        return Path(override)
    if sys.platform.startswith("linux"):
        # What platformdirs answers on Linux, without its 13 ms import on the `recommend` path.
        xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
        return base / APP
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP, appauthor=False))


def data_dir() -> Path:
    """The data folder (sessions, locks, workshops): FRAMEWORK_ADVISOR_DATA_DIR, else the
    platform's user data folder."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP, appauthor=False))


def documents_dir() -> Path:
    """The user's documents folder: where the TUI proposes to export."""
    from platformdirs import user_documents_dir

    return Path(user_documents_dir())


def downloads_dir() -> Path:
    from platformdirs import user_downloads_dir

    return Path(user_downloads_dir())
