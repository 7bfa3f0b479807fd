"""The document tree: closed, immutable node types shared by structure recovery and every writer.

The JSON form of these nodes (see ``convert.astjson`` and ``docs/ast.md``) is the
public contract; the class names follow pandoc where the meaning matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Union

#: First and last source line (1-based, inclusive) a block was built from.
Span = tuple[int, int]
NO_SPAN: Span = (0, 0)


# --- inlines -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    """A run of plain text; it is data, never markup."""

    text: str


@dataclass(frozen=True, slots=True)
class Strong:
    """Strongly emphasized inlines (``**bold**`` in the source)."""

    inlines: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Emph:
    """Emphasized inlines (``*italic*`` or ``_italic_`` in the source)."""

    inlines: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink: ``inlines`` are shown, ``target`` is where it leads (see ``is_link_target``:
    an http, https or mailto URL, or ``#id`` of a section of the same document)."""

    inlines: tuple[Inline, ...]
    target: str


@dataclass(frozen=True, slots=True)
class Note:
    """A footnote or endnote, standing where its reference mark is; writers number the marks."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Image:
    """An image: ``resource`` is the name of one of ``Document.resources``; ``alt`` is the text
    that stands for it where it cannot be seen (and is translated)."""

    resource: str
    alt: str = ""


Inline = Union[Text, Strong, Emph, Link, Note, Image]


# --- blocks ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph of body text."""

    inlines: tuple[Inline, ...]
    lines: Span = NO_SPAN


@dataclass(frozen=True, slots=True)
class Item:
    """One list item: its marker is not kept, its content is blocks."""

    blocks: tuple[Block, ...]
    lines: Span = NO_SPAN


@dataclass(frozen=True, slots=True)
class OrderedList:
    """A numbered list, counting from ``start``."""

    items: tuple[Item, ...]
    start: int = 1
    lines: Span = NO_SPAN


@dataclass(frozen=True, slots=True)
class BulletList:
    """An unnumbered (bulleted) list."""

    items: tuple[Item, ...]
    lines: Span = NO_SPAN


@dataclass(frozen=True, slots=True)
class Speaker:
    """A person: name with honorific, and affiliation (empty when none is given)."""

    name: str
    affiliation: str = ""


@dataclass(frozen=True, slots=True)
class Speech:
    """What one speaker said: the speaker line(s) and the blocks that follow."""

    speaker: Speaker
    blocks: tuple[Block, ...]
    lines: Span = NO_SPAN


@dataclass(frozen=True, slots=True)
class Section:
    """A titled part of the report ("Opening Remarks", "Part I ...")."""

    title: str
    id: str
    blocks: tuple[Block, ...]
    lines: Span = NO_SPAN


@dataclass(frozen=True, slots=True)
class Parallel:
    """The same block in two languages, shown side by side (bilingual editions).

    ``langs`` names the language of each of the two ``blocks``, source first.
    """

    blocks: tuple[Block, Block]
    langs: tuple[str, str]
    lines: Span = NO_SPAN


@dataclass(frozen=True, slots=True)
class BlockQuote:
    """A quoted passage set apart from the text around it."""

    blocks: tuple[Block, ...]
    lines: Span = NO_SPAN


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell, spanning ``colspan`` columns and ``rowspan`` rows."""

    blocks: tuple[Block, ...]
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True, slots=True)
class Row:
    """One table row."""

    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table: header rows (repeated where the table breaks across pages), body rows, and a
    caption (empty when none)."""

    head: tuple[Row, ...]
    body: tuple[Row, ...]
    caption: tuple[Inline, ...] = ()
    lines: Span = NO_SPAN

    @property
    def columns(self) -> int:
        """How many columns the table has: its widest row's, spans counted (0 with no rows)."""
        return max((sum(cell.colspan for cell in row.cells) for row in (*self.head, *self.body)), default=0)


@dataclass(frozen=True, slots=True)
class Figure:
    """An image set apart, with its caption (empty when none)."""

    image: Image
    caption: tuple[Inline, ...] = ()
    lines: Span = NO_SPAN


Block = Union[Para, OrderedList, BulletList, Speech, Section, Parallel, BlockQuote, Table, Figure]


# --- the document ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Meta:
    """The title block of a report."""

    title: str = ""
    organizers: tuple[str, ...] = ()
    presenters: tuple[Speaker, ...] = ()
    date: str = ""  # ISO 8601 (YYYY-MM-DD), empty when no date was recognised
    date_text: str = ""  # the date as written
    time_text: str = ""
    compiled_by: str = ""
    lang: str = "en"  # BCP 47 tag of the text
    lines: Span = NO_SPAN


@dataclass(frozen=True, slots=True)
class Resource:
    """An image's bytes, named so that ``Image.resource`` can point at it. The name is a safe
    file name (see ``is_resource_name``); ``media_type`` is one of ``IMAGE_TYPES``."""

    name: str
    media_type: str
    data: bytes = field(repr=False)


@dataclass(frozen=True, slots=True)
class Document:
    """A whole report: title block, body, and the images the body shows."""

    meta: Meta = field(default_factory=Meta)
    blocks: tuple[Block, ...] = ()
    #: Where each line of a paged source (a PDF) is: ``origins[n - 1]`` is the (page, line on
    #: that page) of line ``n``, (page, 0) for a line the reader put in. Empty when line
    #: numbers are the source's own (a text file's, as an editor shows them).
    origins: tuple[tuple[int, int], ...] = ()

    #: The images of ``Image`` nodes, each once, by name.
    resources: tuple[Resource, ...] = ()

    def origin(self, line: int) -> tuple[int, int] | None:
        """Return the (page, line on that page) of source line ``line``, or None if not paged."""
        return self.origins[line - 1] if 0 < line <= len(self.origins) else None

    def resource(self, name: str) -> Resource | None:
        """Return the resource called ``name``, or None."""
        return next((resource for resource in self.resources if resource.name == name), None)


INLINE_TYPES: tuple[type, ...] = (Text, Strong, Emph, Link, Note, Image)
BLOCK_TYPES: tuple[type, ...] = (Para, OrderedList, BulletList, Speech, Section, Parallel, BlockQuote, Table,
                                 Figure)

#: The image formats a document may carry (checked by ``convert.images``), by media type.
IMAGE_TYPES: dict[str, str] = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif"}
#: The URL schemes a link may lead to; anything else (``javascript:``, ``file:``, ``data:``) is
#: refused by the readers and the JSON loader.
LINK_SCHEMES: tuple[str, ...] = ("http", "https", "mailto")

_RESOURCE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}\.(?:png|jpg|gif)")
_FRAGMENT = re.compile(r"#[A-Za-z_][A-Za-z0-9_.-]{0,127}")
_URL = re.compile(r"(?:https?://[^\s<>\"\\^`{|}\x00-\x1f\x7f]+|mailto:[^\s<>\"\\^`{|}\x00-\x1f\x7f@]+@[^\s<>\"\\^`{|}\x00-\x1f\x7f@]+)")
#: The longest link target kept.
MAX_LINK_CHARS = 2048


def is_link_target(target: str) -> bool:
    """Whether ``target`` may be a link's target: an http(s) URL with a host, a mailto URL with
    an address, or ``#id`` (a section of the document); at most ``MAX_LINK_CHARS`` long."""
    if len(target) > MAX_LINK_CHARS:
        return False
    if _FRAGMENT.fullmatch(target):
        return True
    return bool(_URL.fullmatch(target)) and (not target.lower().startswith("http") or
                                             len(target.split("/", 3)[2]) > 0)


def is_resource_name(name: str) -> bool:
    """Whether ``name`` may name a resource: a plain file name (letters, digits, ``-``, ``_``;
    at most 64 characters before ``.png``, ``.jpg`` or ``.gif``), never a path."""
    return bool(_RESOURCE_NAME.fullmatch(name))


def plain_text(inlines: tuple[Inline, ...], note: str = "") -> str:
    """Return the text of ``inlines`` with all formatting dropped: a link's text, an image's
    ``alt``, and nothing of notes (their text is not part of the sentence they are attached to),
    or ``note`` where each stands (what its mark is measured as)."""
    parts: list[str] = []
    stack = list(reversed(inlines))
    while stack:
        node = stack.pop()
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, Image):
            parts.append(node.alt)
        elif isinstance(node, Note):
            if note:
                parts.append(note)
        else:
            stack.extend(reversed(node.inlines))
    return "".join(parts)


def child_blocks(block: Block) -> tuple[Block, ...]:
    """Return the blocks directly inside ``block`` (a table's cells' blocks, row by row), in
    reading order; none for a paragraph or a figure. Notes (inside inlines) are not included:
    see ``iter_notes``."""
    if isinstance(block, (Section, Speech, Parallel, BlockQuote)):
        return block.blocks
    if isinstance(block, (OrderedList, BulletList)):
        return tuple(child for item in block.items for child in item.blocks)
    if isinstance(block, Table):
        return tuple(child for row in (*block.head, *block.body) for cell in row.cells for child in cell.blocks)
    return ()


def iter_blocks(blocks: tuple[Block, ...]):
    """Yield every block below ``blocks`` (depth first, reading order), containers included;
    the blocks of notes are not visited (see ``iter_notes``)."""
    stack = list(reversed(blocks))
    while stack:
        block = stack.pop()
        yield block
        stack.extend(reversed(child_blocks(block)))


def block_inlines(block: Block) -> tuple[Inline, ...]:
    """Return the inlines a block holds itself: a paragraph's, a table's or a figure's caption."""
    if isinstance(block, Para):
        return block.inlines
    if isinstance(block, (Table, Figure)):
        return block.caption
    return ()


def iter_inlines(inlines: tuple[Inline, ...]):
    """Yield every inline below ``inlines`` (depth first), containers included, not entering notes."""
    stack = list(reversed(inlines))
    while stack:
        inline = stack.pop()
        yield inline
        if isinstance(inline, (Strong, Emph, Link)):
            stack.extend(reversed(inline.inlines))


def iter_notes(blocks: tuple[Block, ...]):
    """Yield every note of ``blocks`` in reading order (notes inside notes after their note)."""
    for block in iter_blocks(blocks):
        for inline in iter_inlines(block_inlines(block)):
            if isinstance(inline, Note):
                yield inline
                yield from iter_notes(inline.blocks)


def map_inlines(blocks: tuple[Block, ...], change) -> tuple[Block, ...]:
    """Return ``blocks`` with ``change`` (inlines -> inlines) applied to every run of inlines in
    them: paragraphs, captions, the insides of strong, emphasis and links, and the blocks of
    notes, innermost first. Nodes ``change`` leaves alone are kept as they are (not copied)."""

    def block(node: Block) -> Block:
        if isinstance(node, Para):
            run = _map_run(node.inlines, change)
            return node if run is node.inlines else _with(node, inlines=run)
        if isinstance(node, (Section, Speech, BlockQuote)):
            inner = map_inlines(node.blocks, change)
            return node if inner is node.blocks else _with(node, blocks=inner)
        if isinstance(node, Parallel):
            inner = map_inlines(node.blocks, change)
            return node if inner is node.blocks else _with(node, blocks=(inner[0], inner[1]))
        if isinstance(node, (OrderedList, BulletList)):
            items = tuple(_with(item, blocks=map_inlines(item.blocks, change)) for item in node.items)
            return node if all(a.blocks is b.blocks for a, b in zip(items, node.items)) else _with(node, items=items)
        if isinstance(node, Table):
            def rows(rows: tuple[Row, ...]) -> tuple[Row, ...]:
                return tuple(Row(tuple(_with(cell, blocks=map_inlines(cell.blocks, change)) for cell in row.cells))
                             for row in rows)
            return _with(node, head=rows(node.head), body=rows(node.body), caption=_map_run(node.caption, change))
        if isinstance(node, Figure):
            caption = _map_run(node.caption, change)
            return node if caption is node.caption else _with(node, caption=caption)
        return node

    out = tuple(block(node) for node in blocks)
    return blocks if all(a is b for a, b in zip(out, blocks)) else out


def _map_run(run: tuple[Inline, ...], change) -> tuple[Inline, ...]:
    """Return ``run`` with ``change`` applied as ``map_inlines`` says. (A function of its own: a
    nested one calling itself is a reference cycle, garbage left for the cycle collector.)"""
    out: list[Inline] = []
    for inline in run:
        if isinstance(inline, (Strong, Emph, Link)):
            inner = _map_run(inline.inlines, change)
            inline = inline if inner == inline.inlines else _with(inline, inlines=inner)
        elif isinstance(inline, Note):
            inner_blocks = map_inlines(inline.blocks, change)
            inline = inline if inner_blocks == inline.blocks else Note(inner_blocks)
        out.append(inline)
    changed = change(tuple(out))
    return run if changed == run else changed


def _with(node, **changes):
    from dataclasses import replace

    return replace(node, **changes)
