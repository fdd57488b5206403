"""A document as blocks: a small typed model every writer draws the same way.

Text in a block is text: a writer escapes it for its format (Markdown syntax, HTML, XML) and
never reads it as markup. The Typst writer hands the blocks to Typst as JSON data."""

from __future__ import annotations

from msgspec import Struct

Cell = str | int | list[str]
"""A table cell: text, a number (a count, a fit from 0 to 100) or a list of short lines."""


class Run(Struct, frozen=True):
    """A piece of a paragraph: plain or strong text, or a link to a section (``#anchor``)."""

    text: str
    strong: bool = False
    link: str = ""
    """An anchor in this document (a section's id); empty: not a link."""


class Column(Struct, frozen=True):
    header: str
    kind: str
    """text, strong, number, fit or list (``domain.report_layout.COLUMN_KINDS``)."""
    width: int
    """Percent of the table's width."""


class Title(Struct, frozen=True, tag="title"):
    """The document's title, with the name of who prepared it (may be empty) above it and a
    line below it (the date)."""

    text: str
    brand: str = ""
    subtitle: str = ""


class Paragraph(Struct, frozen=True, tag="paragraph"):
    runs: list[Run]
    style: str = ""
    """"" (body text), "note" (muted, in italics) or "lead" (a bold lead-in, then text)."""
    keep_with_next: bool = False
    """It introduces what follows: never the last thing on a page."""


class BulletList(Struct, frozen=True, tag="list"):
    items: list[list[Run]]
    details: list[list[str]] = []
    """Each item's points one level down, in the items' order (plain text; missing or empty:
    none): what to ask under an agenda row, who holds which answer under a topic."""


def details_of(block: BulletList, index: int) -> list[str]:
    """The points under the item at ``index`` (none when the list gives none)."""
    return block.details[index] if index < len(block.details) else []


class Table(Struct, frozen=True, tag="table"):
    columns: list[Column]
    rows: list[list[Cell]]
    highlight: list[int] = []
    """Rows drawn highlighted (tinted, their text cells bold)."""
    compact: bool = False
    split: bool = False
    """A long table may break anywhere across pages (otherwise kept together where it can)."""


class Chart(Struct, frozen=True, tag="chart"):
    """A chart drawn once as SVG; a format without images leaves it out (a table beside it
    says the same)."""

    id: str
    svg: str
    alt: str
    """Its text alternative: every fact it shows."""


class PageBreak(Struct, frozen=True, tag="page_break"):
    """The next block starts a new page in the paged formats (PDF, Word)."""


class Group(Struct, frozen=True, tag="group"):
    """Blocks kept together on one page (an example objective and its key results)."""

    kind: str
    blocks: list[Block]


class Section(Struct, frozen=True, tag="section"):
    """A heading (level 2: a section, 3: a subsection) and the blocks under it."""

    level: int
    title: str
    blocks: list[Block]
    anchor: str = ""
    """The section's id, for links (#mix); subsections have none."""
    keep: bool = False
    """Kept on one page where it fits."""
    print_break: bool = False
    """The HTML page, printed, starts it on a new page."""


Block = Title | Paragraph | BulletList | Table | Chart | PageBreak | Group | Section


class Colours(Struct, frozen=True):
    primary: str
    """Headings."""
    accent: str
    """Heading rules, fit bars, links."""
    tint: str
    """Highlighted rows."""


class Document(Struct, frozen=True):
    title: str
    blocks: list[Block]
    colours: Colours
    brand: str = ""
    """Who prepared it: the running header's left side, the author."""
    organisation: str = ""
    """Whom it is for: the running header's right side."""
    generator: str = ""
    """The tool and its version, recorded in the file's properties."""
    date: str = ""
    """ISO date: the PDF's creation time, so the same input gives the same file."""
    words: dict[str, str] = {}
    """The writers' own few words (``contents``, ``page_of`` with {page} and {pages})."""


def lines_of(cell: Cell) -> list[str]:
    """A list cell's lines (any other cell as one line)."""
    return cell if isinstance(cell, list) else [str(cell)]


def number_of(cell: Cell) -> int:
    """A fit cell's number (0 for anything else)."""
    return cell if isinstance(cell, int) else 0


def plain(runs: list[Run]) -> str:
    return "".join(run.text for run in runs)
