"""The document tree: closed, immutable node types shared by structure recovery and every writer.

The JSON form of these nodes (see ``convert.astjson`` and ``docs/ast.md``) is the
public contract; the class names follow pandoc where the meaning matches.
"""

from __future__ import annotations

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


Inline = Union[Text, Strong, Emph]


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


Block = Union[Para, OrderedList, BulletList, Speech, Section, Parallel]


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
class Document:
    """A whole report: title block and body."""

    meta: Meta = field(default_factory=Meta)
    blocks: tuple[Block, ...] = ()
    #: Where each line of a paged source (a PDF) is: ``origins[n - 1]`` is the (page, line on
    #: that page) of line ``n``, (page, 0) for a line the reader put in. Empty when line
    #: numbers are the source's own (a text file's, as an editor shows them).
    origins: tuple[tuple[int, int], ...] = ()

    def origin(self, line: int) -> tuple[int, int] | None:
        """Return the (page, line on that page) of source line ``line``, or None if not paged."""
        return self.origins[line - 1] if 0 < line <= len(self.origins) else None


INLINE_TYPES: tuple[type, ...] = (Text, Strong, Emph)
BLOCK_TYPES: tuple[type, ...] = (Para, OrderedList, BulletList, Speech, Section, Parallel)


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """Return the text of ``inlines`` with all formatting dropped."""
    parts: list[str] = []
    stack = list(reversed(inlines))
    while stack:
        node = stack.pop()
        if isinstance(node, Text):
            parts.append(node.text)
        else:
            stack.extend(reversed(node.inlines))
    return "".join(parts)


def iter_blocks(blocks: tuple[Block, ...]):
    """Yield every block below ``blocks`` (depth first, reading order), containers included."""
    stack = list(reversed(blocks))
    while stack:
        block = stack.pop()
        yield block
        if isinstance(block, (Section, Speech, Parallel)):
            stack.extend(reversed(block.blocks))
        elif isinstance(block, (OrderedList, BulletList)):
            for item in reversed(block.items):
                stack.extend(reversed(item.blocks))
