"""Terminal colour codes, the same bytes click.style writes, without importing click: the
caller decides whether colour is wanted (is the output a terminal?) and passes it in."""

from __future__ import annotations

_COLOURS = {
    "black": 30, "red": 31, "green": 32, "yellow": 33, "blue": 34, "magenta": 35, "cyan": 36,
    "white": 37, "reset": 39, "bright_black": 90, "bright_red": 91, "bright_green": 92,
    "bright_yellow": 93, "bright_blue": 94, "bright_magenta": 95, "bright_cyan": 96,
    "bright_white": 97,
}  # fmt: skip
RESET = "\033[0m"


def style(
    text: str, fg: str | None = None, bold: bool | None = None, dim: bool | None = None
) -> str:
    """``text`` in colour ``fg``, bold or dim, then reset: as ``click.style`` writes it."""
    codes = ""
    if fg is not None:
        codes += f"\033[{_COLOURS[fg]}m"
    if bold is not None:
        codes += f"\033[{1 if bold else 22}m"
    if dim is not None:
        codes += f"\033[{2 if dim else 22}m"
    return f"{codes}{text}{RESET}"
