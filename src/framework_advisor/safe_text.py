"""Text from users and knowledge packs made safe for where it goes: a spreadsheet cell, a
Markdown document, a terminal, a Textual widget, a Word or Excel file. The one rule: a person's
or a pack's text is text, never markup, a command or a crash. Pure functions, no imports beyond
`os` and `re` at the top (Rich and msgspec only inside the functions that build their objects):
any layer may use them.

- `neutralise_cell`: CSV/formula injection (OWASP, "CSV Injection"). A cell whose first
  visible character is `=`, `+`, `-` or `@` (or a fullwidth look-alike that spreadsheets fold
  to it: `＝ ＋ － ＠`), even after leading spaces, tabs, line breaks or no-break spaces (which
  "trim spaces" on import removes), or that starts with a tab or carriage return, gets a
  leading apostrophe and stays text. A reader strips the one apostrophe to get the text back.
- `markdown_text`: raw HTML (`<tag`, `</`, `<!`, `<?`) is escaped, images are defused
  (`![p](https://...)` would fetch a remote picture, a tracking pixel, when the file is opened:
  it reads `![p](https://...)` instead), links to anything but http(s) are defused, table pipes
  are escaped. Nothing more: the rest reads as written. `markdown_literal` escapes every
  Markdown character (the report and the workshop summary, from Jinja's `md` filter).
- `as_text`: a Rich `Text` for Textual and Rich widgets (a table cell, a label, an option, a
  status line): shown as written, never parsed as markup (so never a link or an action),
  control characters removed; `widget_text` for a part of a Textual `Content`. `markup_escape`
  for the rare Textual string that is always read as markup (the palette's help line).
- `terminal_text`: control characters (ESC, BEL, backspace, C1 controls, ...) removed, except
  line breaks and tabs and, when asked, the colour codes our own renderer marked (`own_colour`):
  a colour code inside supplied text is removed like any other. `one_line` for a line of
  standard error or a log.
- `xml_text`: what Word and Excel files (and SVG charts) cannot hold, the control characters
  XML 1.0 forbids (a vertical tab from Word's Shift+Enter, a form feed, ESC, NUL, ...), becomes
  a space; `xml_safe` does it to every string in a document's data at once, `xml_escape` for
  the text of an SVG chart. `cut` shortens text to a sink's limit with an ellipsis
  (`PROPERTY_LIMIT`: a document property, `CELL_LIMIT`: an Excel cell); nothing else is cut.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from rich.text import Text

T = TypeVar("T")

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
_LIVE = r"(?<!\\)((?:\\\\)*)"
"""Before a character Markdown reads as syntax: no backslash, or an even number of them (each
pair is one literal backslash), so the character after them is live."""
_IMAGE = re.compile(_LIVE + r"!\[")
_LINK = re.compile(_LIVE + r"\[(?=[^\]]*\]\(\s*<?\s*(?!https?://)[^)]*\))", re.IGNORECASE)
_REFERENCE = re.compile(r"^(\s{0,3})\[(?=[^\]]+\]:)")


def markdown_text(text: str) -> str:
    """Text from a user or a pack, safe inside Markdown (a table cell included): on one line,
    raw HTML escaped, images defused (never a remote picture fetched on opening), non-http(s)
    links defused, pipes escaped."""
    line = " ".join(str(text).split())
    line = _HTML_START.sub("&lt;", line)
    line = _IMAGE.sub(r"\1!\\[", line)
    line = _LINK.sub(r"\1\\[", line)
    line = _REFERENCE.sub(r"\1\\[", line)
    return line.replace("|", "\\|")


_MARKDOWN_SPECIAL = re.compile(r"([\\`*\[\]<|])")


def markdown_literal(text: object) -> str:
    """Text safe in Markdown, on one line, shown exactly as written: every character Markdown
    could read as syntax (emphasis, links, images, inline HTML, table pipes) is escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


_BLOCK_START = re.compile(r"^([#>+=~_-]|\d+(?=[.)]))")


def markdown_line_start(line: str) -> str:
    """Markdown text (already escaped inline) that opens a line of its own, a paragraph or a
    list item: a leading character that would make it a heading, a quote, a list or a rule is
    escaped too, so the line stays text."""
    match = _BLOCK_START.match(line)
    if match is None:
        return line
    mark = match.group(1)
    return f"{mark}\\{line[len(mark) :]}" if mark[0].isdigit() else f"\\{line}"


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
    """A message for one line of standard error or a log: control characters removed, line
    breaks and tabs shown as ``\\n``, ``\\r`` and ``\\t`` (a key may hold them), Unicode's
    line and paragraph separators as ``\\u2028`` and ``\\u2029``."""
    text = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return terminal_text(text)


def markup_escape(text: str) -> str:
    """Text for a Textual string that is always read as markup (the command palette's help
    line takes no `Text`): every `[` escaped (Textual's own `escape` leaves `[$accent]`, `[B]`
    and a trailing backslash live), control codes removed. Prefer `as_text` where it fits."""
    return terminal_text(text).replace("[", "\\[")


def widget_text(value: object) -> str:
    """Supplied text as a widget shows it: no control codes, tabs as spaces. For a part of a
    Textual `Content` (`Content.styled`, `Content.assemble`), which is never read as markup."""
    return terminal_text(str(value)).replace("\t", " ")


def as_text(value: object, style: str = "") -> Text:
    """Supplied text for a Textual or Rich widget (a table cell, a label, an option, a status
    line): literal, never markup (so never a link or an action), no control codes; in
    ``style`` (a Rich style: "bold", "dim") if given. Pieces join with `Text.assemble`."""
    from rich.text import Text

    return Text(widget_text(value), style=style)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
PROPERTY_LIMIT = 255
"""Characters in a document property (title, subject, author, ...) of a Word or Excel file:
python-docx refuses more, and Word and Excel report a longer one as damage."""
CELL_LIMIT = 32_767
"""Characters in one Excel cell."""
ELLIPSIS = "…"


def xml_text(text: str) -> str:
    """Text a Word or Excel file can hold: each character XML 1.0 cannot (C0 controls but tab,
    line feed and carriage return; lone surrogates; U+FFFE, U+FFFF) becomes a space, so
    "Acme\\vLtd" reads "Acme Ltd"."""
    return _NOT_XML.sub(" ", text)


def xml_escape(text: str) -> str:
    """Text inside an SVG chart (XML, also read by Typst for the PDF): `xml_text`, then
    `& < > " '` escaped, for an element's text or an attribute's value."""
    text = xml_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;").replace("'", "&#x27;")


def xml_safe(value: T) -> T:
    """``value`` with every string in it, however deep (lists, tuples, dicts and their keys,
    msgspec Structs), through `xml_text`: a document's data made fit for Word or Excel in one
    call. What needs no change is returned as it is (the same object)."""
    return _map_strings(value, xml_text)


def _map_strings(value: Any, change: Any) -> Any:
    if isinstance(value, str):
        changed = change(value)
        return value if changed == value else changed
    if isinstance(value, list | tuple):
        items = [_map_strings(item, change) for item in value]
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        if isinstance(value, list):
            return items
        if hasattr(value, "_fields"):  # a named tuple
            return getattr(type(value), "_make")(items)  # noqa: B009
        return type(value)(items)
    if isinstance(value, dict):
        pairs = [(_map_strings(k, change), _map_strings(v, change)) for k, v in value.items()]
        if all(
            k is old_k and v is old_v
            for (k, v), (old_k, old_v) in zip(pairs, value.items(), strict=True)
        ):
            return value
        return type(value)(pairs)
    fields = getattr(type(value), "__struct_fields__", None)
    if fields is None:
        return value
    import msgspec

    changes = {}
    for name in fields:
        old = getattr(value, name)
        new = _map_strings(old, change)
        if new is not old:
            changes[name] = new
    return msgspec.structs.replace(value, **changes) if changes else value


def cut(text: str, limit: int) -> str:
    """``text`` shortened to at most ``limit`` characters, ending in an ellipsis when cut: only
    where the sink has a limit (a document property, an Excel cell)."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + ELLIPSIS
