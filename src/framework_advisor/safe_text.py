"""Text from users and knowledge packs made safe for where it goes: a spreadsheet cell, a
Markdown document, a terminal. Pure functions, no imports beyond `os` and `re`: any layer may
use them.

- `neutralise_cell`: CSV/formula injection (OWASP, "CSV Injection"). A cell whose first
  visible character is `=`, `+`, `-` or `@` (or a fullwidth look-alike that spreadsheets fold
  to it: `＝ ＋ － ＠`), even after leading spaces, tabs, line breaks or no-break spaces (which
  "trim spaces" on import removes), or that starts with a tab or carriage return, gets a
  leading apostrophe and stays text. A reader strips the one apostrophe to get the text back.
- `markdown_text`: raw HTML (`<tag`, `</`, `<!`, `<?`) is escaped, links to anything but
  http(s) are defused, table pipes are escaped. Nothing more: the rest reads as written.
- `as_text`: a Rich `Text` for Textual and Rich widgets (a table cell, a label, a toast): shown
  as written, never parsed as markup (so never a link or an action), control characters removed.
- `terminal_text`: control characters (ESC, BEL, backspace, C1 controls, ...) removed, except
  line breaks and tabs and, when asked, the colour codes our own renderer marked (`own_colour`):
  a colour code inside supplied text is removed like any other.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

FORMULA_STARTS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
"""= + - @ and their fullwidth forms (U+FF1D, U+FF0B, U+FF0D, U+FF20)."""
LEADING_BLANKS = " \t\r\n\u00a0\u2007\u202f\u3000\ufeff\u200b"
"""What an import may trim before a formula: spaces, tabs, line breaks, no-break spaces."""
GUARD = "'"


def needs_neutralising(text: str) -> bool:
    if text[:1] in ("\t", "\r", "\n"):
        return True
    return text.lstrip(LEADING_BLANKS)[:1] in FORMULA_STARTS


def neutralise_cell(text: str) -> str:
    """Text that a spreadsheet will show as text, never run as a formula."""
    return GUARD + text if needs_neutralising(text) else text


def unguard_cell(text: str) -> str:
    """The text a guarded cell stands for (for a reader of our CSV)."""
    if text.startswith(GUARD) and needs_neutralising(text[1:]):
        return text[1:]
    return text


_HTML_START = re.compile(r"<(?=[A-Za-z/!?])")
_LINK = re.compile(r"\[(?=[^\]]*\]\(\s*<?\s*(?!https?://)[^)]*\))", re.IGNORECASE)
_REFERENCE = re.compile(r"^(\s{0,3})\[(?=[^\]]+\]:)")


def markdown_text(text: str) -> str:
    """Text from a user or a pack, safe inside Markdown (a table cell included): on one line,
    raw HTML escaped, non-http(s) links defused, pipes escaped."""
    line = " ".join(str(text).split())
    line = _HTML_START.sub("&lt;", line)
    line = _LINK.sub(r"\\[", line)
    line = _REFERENCE.sub(r"\1\\[", line)
    return line.replace("|", "\\|")


_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
COLOUR_MARK = "\ue000" + os.urandom(6).hex()
"""Stands for ESC in the colour codes our own renderer adds (`own_colour`): random for each
process, so text from a user or a pack cannot forge one."""


def own_colour(styled: str) -> str:
    """Our renderer's styled text (its content already through `terminal_text`), its escape
    codes marked as ours so that `terminal_text(..., keep_colour=True)` keeps only them."""
    return styled.replace("\x1b", COLOUR_MARK)


def terminal_text(text: str, *, keep_colour: bool = False) -> str:
    """Text safe to print on a terminal: control characters (and bidirectional overrides)
    removed, line breaks and tabs kept; with ``keep_colour`` our own colour codes come back."""
    text = _CONTROLS.sub("", text)
    return text.replace(COLOUR_MARK, "\x1b") if keep_colour else text.replace(COLOUR_MARK, "")


def one_line(text: str) -> str:
    """A message for one line of standard error: control characters removed, line breaks
    and tabs shown as ``\\n``, ``\\r`` and ``\\t`` (a key may hold them)."""
    text = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    return terminal_text(text)


def as_text(value: object) -> Text:
    """Supplied text for a Textual or Rich widget: literal, never markup, no control codes."""
    from rich.text import Text

    return Text(terminal_text(str(value)).replace("\t", " "))
