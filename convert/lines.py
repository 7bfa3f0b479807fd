"""The lines every reader gives structure recovery: numbered, on pages, with what the source tells of them.

No field names a reader: a text dump, a PDF or a Word file each fill in what they know.
"""

from __future__ import annotations

from dataclasses import dataclass

from .nodes import Block, Inline


@dataclass(frozen=True, slots=True)
class Anchor:
    """Something the source ties to a place in a line's text: a ``Link`` over ``text[start:end]``
    (its own inlines are left empty: the characters there, with their type, become them), or a
    ``Note`` or an ``Image`` standing at ``start`` (``end == start``)."""

    start: int
    end: int
    inline: Inline


@dataclass(slots=True)
class Line:
    """One source line: its 1-based number, its text ('' when blank), the page it is on and its indent.

    ``page`` counts form feeds (a dump's page breaks) from 1; ``indent`` is the number of
    leading spaces, which a layout-preserving dump uses for centring, columns and first-line indents.

    A line is never changed once made: every step returns new lines (``with_text``, ``blank``,
    ...). It is not declared frozen only because a frozen dataclass of this many fields takes
    ten times as long to make (each field set through ``object.__setattr__``), and a report's
    reading makes one or more per source line.
    """

    number: int
    text: str
    page: int = 1
    indent: int = 0
    #: The line stood where one page (or column) ends and the next begins: page furniture, or
    #: the break itself. Blanked, it still tells that a paragraph may run on across it.
    page_break: bool = False
    #: The type size in points, 0 when the source does not say (a text dump).
    size: float = 0.0
    #: Most of the line is set bold, or italic (False when the source does not say).
    bold: bool = False
    italic: bool = False
    #: True: the source shows that the line before wrapped into this one, the same block goes on;
    #: False: it shows that a block starts here (a first-line indent); None: it does not tell (a
    #: text dump never does; a PDF's geometry often can).
    wraps: bool | None = None
    #: The runs set bold or italic, as (start, end, bold, italic) offsets in ``text``, when the
    #: source tells type apart (a PDF); None when it does not, and ``**``/``*`` in a text dump's
    #: lines are its markup.
    marks: tuple[tuple[int, int, bool, bool], ...] | None = None
    #: The source says a paragraph ends with this line (a pandoc or Word paragraph): what follows
    #: a blank line is never joined to it, whatever its text (a dump's paragraphs split by a page
    #: break are).
    ends_block: bool = False
    #: Links, notes and images the source ties to places in ``text`` (see ``Anchor``).
    anchors: tuple[Anchor, ...] = ()
    #: A block the reader built whole (a table, a figure): the line stands for it, a chunk of its
    #: own that recovery puts in the tree as it is. Its ``text`` is the block's text, for the
    #: steps that read words.
    block: Block | None = None
    #: As the source draws it (a PDF), in points: the room left between the line's end and its
    #: column's right edge, and the width of its first word with a space before it; None when
    #: the source does not say (a text dump).
    room: float | None = None
    lead: float | None = None
    #: In a justified column: True if the line is stretched to the column's edge (its paragraph
    #: goes on), False if it is left short (its paragraph ends there); None elsewhere. A dump
    #: whose extractor ends wrapped lines with a space marks those lines True too.
    stretched: bool | None = None

    def with_text(self, text: str) -> Line:
        """Return this line with other ``text`` (everything else kept; marks and anchors move
        with a prefix put before the text, and are dropped when the text changes otherwise)."""
        marks, anchors = self.marks, self.anchors
        if (marks or anchors) and text != self.text:
            shift = len(text) - len(self.text)
            moved = shift >= 0 and text.endswith(self.text)
            if marks:
                marks = tuple((start + shift, end + shift, bold, italic)
                              for start, end, bold, italic in marks) if moved else ()
            anchors = tuple(Anchor(a.start + shift, a.end + shift, a.inline) for a in anchors) if moved else ()
        same = text == self.text  # the measures hold for the text as drawn
        return self._but(text, marks, anchors, self.room if same else None, self.lead if same else None, self.stretched)

    def with_stretched(self, stretched: bool) -> Line:
        """Return this line marked as stretched to its justified column's edge (True) or left short."""
        return self._but(self.text, self.marks, self.anchors, self.room, self.lead, stretched)

    def _but(self, text: str, marks, anchors: tuple[Anchor, ...], room: float | None, lead: float | None,
             stretched: bool | None) -> Line:
        """Return this line with the given fields (``dataclasses.replace`` is many times slower,
        and a PDF's justified lines are each marked once)."""
        return Line(self.number, text, self.page, self.indent, self.page_break, self.size, self.bold, self.italic,
                    self.wraps, marks, self.ends_block, anchors, self.block, room, lead, stretched)

    def without_prefix(self, chars: int) -> Line:
        """Return this line without its first ``chars`` characters (a marker, a note's number, a
        quotation's ">"), its marks and anchors moved along."""
        marks = None if self.marks is None else tuple(
            (max(start - chars, 0), end - chars, bold, italic) for start, end, bold, italic in self.marks if end > chars)
        anchors = tuple(Anchor(max(a.start - chars, 0), max(a.end - chars, 0), a.inline) for a in self.anchors)
        return self._but(self.text[chars:], marks, anchors, self.room, None, self.stretched)

    @property
    def typed(self) -> bool:
        """The source tells type apart (a PDF's fonts): ``marks`` holds the line's bold and italic
        runs. A text dump's lines are not typed; ``**`` and ``*`` in their text are its markup."""
        return self.marks is not None

    def styles(self, start: int = 0) -> list[tuple[bool, bool] | None]:
        """Return the (bold, italic) of each character of ``text[start:]``; None for each when
        the source does not tell (a text dump)."""
        if self.marks is None:
            return [None] * (len(self.text) - start)
        found: list[tuple[bool, bool] | None] = [(False, False)] * len(self.text)
        for first, end, bold, italic in self.marks:
            found[first:end] = [(bold, italic)] * (end - first)
        return found[start:]

    def filled_by(self, following: Line) -> bool | None:
        """Return True if the source measured this line full: the first word of ``following``
        would not have fitted after it; False if it would have; None when the source does not say."""
        if self.room is None or following.lead is None:
            return None
        return following.lead > self.room

    @property
    def blank(self) -> Line:
        """Return this line emptied (a removed line leaves a blank, which ends a paragraph)."""
        return Line(self.number, "", self.page, 0, self.page_break)

    @property
    def break_between_pages(self) -> Line:
        """Return this line emptied as page furniture or a column break: a blank a paragraph may run across."""
        return Line(self.number, "", self.page, 0, True)


@dataclass(frozen=True, slots=True)
class Dropped:
    """A source line left out of the tree on purpose, and why."""

    line: int
    text: str
    reason: str  # "page-number", "running-header", "contents", "list-marker", "stray-marker", "title-block-connector"
    #: A "list-marker"'s item: the number of the line it was joined to (0: none).
    item: int = 0


@dataclass(frozen=True, slots=True)
class Declared:
    """What a source states outright about the report, beside its lines: a pandoc document's
    metadata, a Word file's properties. Empty fields state nothing; stated ones win over what
    recovery reads from the title block's lines.
    """

    title: str = ""
    compiled_by: str = ""  # the author the source names
    date_text: str = ""  # the date as written ("Saturday, 28 January 2023", "2023-01-28")
    time_text: str = ""
    #: The number of the first line of the body: the lines before it are the title block, and
    #: only they (0: the source says nothing of where its title block ends, recovery finds it).
    body_start: int = 0
