"""A tagged PDF's declared structure on one page: its headings and list items, with their text.

A tagged PDF (PDF 1.4 and later, section 14.8) keeps a tree of structure elements beside the
page content: ``H1``..``H6`` or ``H`` for headings, ``L``/``LI``/``Lbl``/``LBody`` for lists.
An element points at its content by marked-content IDs (MCIDs), numbers that the page's
content stream puts around the text it draws. PDFium builds the part of the tree that
touches one page (``FPDF_StructTree_GetForPage``), with the role map applied, and keeps only
the MCIDs on that page; this module walks it, then finds each MCID's characters in the
page's text (``FPDFText_GetTextObject``, then the object's MCID), so a heading's text is
exactly what the text layer shows, spaces and line breaks as PDFium places them.

Every count is bounded (``TagParams``); a tree too big to walk is cut, and says so.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..decode import clean_line
from ..errors import Diagnostic
from .pdf_ctypes import TEXT_OBJECT_AT, address_of, plain_function, utf16_buffer


@dataclass(frozen=True, slots=True)
class TagParams:
    """The limits on reading a document's structure tree, page by page."""

    #: Structure elements and content items visited on one page; a page's own share of a
    #: tree is rarely past a few hundred.
    max_visits: int = 20_000
    #: Elements and content items visited per page of the document, on average. PDFium builds
    #: each page's part of the tree from the whole width of the elements it hangs from, and
    #: so must the walk: a flat tree (a Document element holding every paragraph, as
    #: LibreOffice and Chromium write) costs time in its width on every page, and a long
    #: document costs time in its square. Past this budget no structure is read at all.
    max_visits_per_page: int = 1_000
    #: Nesting depth followed (PDFium itself stops building a page's tree at 32).
    max_depth: int = 64
    #: Headings and list items kept from one page.
    max_blocks: int = 2_000
    #: Characters kept of one block's text (a heading, or a whole list item); longer is cut.
    max_text_chars: int = 2_000

    def __post_init__(self) -> None:
        if min(self.max_visits, self.max_visits_per_page, self.max_depth, self.max_blocks,
               self.max_text_chars) <= 0:
            raise ValueError("structure-tree limits must be positive")


class TaggedBlock(NamedTuple):
    """A heading or list item the page's tags declare.

    ``tag`` is the standard type after the role map: "H1".."H6", "H" (a heading whose level is
    its nesting) or "LI". ``level`` is the heading level (N of HN; for "H", the number of
    ``Sect``, ``Part`` or ``Art`` elements around it, at least 1) or the list item's nesting
    (1 for an item of a top-level list). ``text`` is the block's text on this page, one printed
    line to a line ("\\n" between), spaces made single and a line-end hyphen written "-", as
    the reader gives the page's lines: recovery joins them, and undoes hyphenation, as it joins
    wrapped lines. A list item's text includes its label ("1.", "•"), but not its sub-lists,
    whose items come as blocks of their own. ``continued`` says the block began on an earlier
    page (a list item broken by a page break): ``text`` is then its rest.
    """

    tag: str
    level: int
    text: str
    continued: bool = False


#: Heading types: H, or H1 to H6 (H7 and beyond are no standard type, but some tools write them).
_HEADING = re.compile(r"H([1-9])?")
#: Grouping types whose nesting gives a bare H its level.
_SECTIONS = frozenset({"Sect", "Part", "Art"})
#: Where a block's printed lines end: PDFium's CR LF (and any other line break in /ActualText).
_LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")
#: The longest run of spaces and line breaks between two runs of a block that is taken as theirs.
_MAX_GAP = 16
#: No text object (a space or line break PDFium generated).
_NO_OBJECT = -2


_INT, _ADDRESS = ctypes.c_int, ctypes.c_void_p
#: PDFium's calls the walk makes for every child of every element it opens (see ``plain_function``).
_CHILD = plain_function(pdfium_c.FPDF_StructElement_GetChildAtIndex, _ADDRESS, _ADDRESS, _INT)
_CHILD_COUNT = plain_function(pdfium_c.FPDF_StructElement_CountChildren, _INT, _ADDRESS)
_CHILD_MCID = plain_function(pdfium_c.FPDF_StructElement_GetChildMarkedContentID, _INT, _ADDRESS, _INT)
_ANY_PAGE_MCID = plain_function(pdfium_c.FPDF_StructElement_GetMarkedContentIdAtIndex, _INT, _ADDRESS, _INT)
_TYPE = plain_function(pdfium_c.FPDF_StructElement_GetType, ctypes.c_ulong, _ADDRESS, _ADDRESS, ctypes.c_ulong)
_OBJECT_MCID = plain_function(pdfium_c.FPDFPageObj_GetMarkedContentID, _INT, _ADDRESS)


@dataclass(slots=True)
class _Block:
    """A block being read: its type and level, and its content in order (MCIDs on this page)."""

    tag: str
    level: int
    actual_text: str
    mcids: list[int]
    continued: bool = False


@dataclass(frozen=True, slots=True)
class PageStructure:
    """What one page's tags declare: its blocks, how many elements and content items were
    visited to find them, and whether the page's limit cut the walk short."""

    blocks: tuple[TaggedBlock, ...]
    visits: int = 0
    truncated: bool = False


def page_structure(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage | None = None,
                   params: TagParams = TagParams()) -> PageStructure:
    """Return the headings and list items that ``page``'s tags declare, in the tree's order.

    ``textpage`` is the page's text, when the caller has it open already; else it is loaded
    here, and only if the page declares a heading or list item. A page without tags gives
    no blocks.
    """
    tree = pdfium_c.FPDF_StructTree_GetForPage(page)
    if not tree:
        return PageStructure(())
    try:
        blocks, visits, truncated = _walk(tree, params)
    finally:
        pdfium_c.FPDF_StructTree_Close(tree)
    wanted = {mcid for block in blocks if not block.actual_text for mcid in block.mcids}
    marked = _MarkedText(b"", {})
    if wanted and textpage is not None:
        marked = _MarkedText.read(textpage, wanted)
    elif wanted:
        textpage = page.get_textpage()
        try:
            marked = _MarkedText.read(textpage, wanted)
        finally:
            textpage.close()
    out = []
    for block in blocks:
        text = _clean(block.actual_text or marked.text(block.mcids), params.max_text_chars)
        if text:
            out.append(TaggedBlock(block.tag, block.level, text, block.continued))
    return PageStructure(tuple(out), visits, truncated)


class StructureReader:
    """The declared structure of a document's pages, read one page at a time within a budget.

    A reader that loads each page anyway calls ``read`` with the page (and its open text) as
    it goes, then takes ``pages``. The budget (``TagParams.max_visits_per_page`` times the
    page count) is all or nothing: when the first page with a tree shows that the rest would
    pass it, or the walk does pass it, no page's structure is kept, so recovery never gets
    declared structure for part of a document only.
    """

    def __init__(self, page_count: int, params: TagParams = TagParams()) -> None:
        self.params = params
        self.page_count = page_count
        self.budget = params.max_visits_per_page * max(page_count, 1)
        self.visits = 0
        self.read_pages: list[tuple[TaggedBlock, ...]] = []
        self.cut_pages: list[int] = []
        #: Why no structure is kept ("" while it is).
        self.skipped = ""

    def skip(self) -> None:
        """Pass over the next page (one PDFium cannot read): no structure for it."""
        self.read_pages.append(())

    def read(self, page: pdfium.PdfPage, textpage: pdfium.PdfTextPage | None = None) -> None:
        """Read the next page's structure (pages must come in order, each once)."""
        number = len(self.read_pages) + 1
        self.read_pages.append(())
        if self.skipped:
            return
        found = page_structure(page, textpage, self.params)
        self.visits += found.visits
        left = self.page_count - number
        if self.visits + found.visits * left > self.budget:
            self.skipped = (f"reading it page by page would visit some {self.visits + found.visits * left:,} "
                            f"elements (page {number} alone: {found.visits:,}); the budget is "
                            f"{self.budget:,} ({self.params.max_visits_per_page:,} a page)")
            return
        self.read_pages[-1] = found.blocks
        if found.truncated:
            self.cut_pages.append(number)

    @property
    def pages(self) -> tuple[tuple[TaggedBlock, ...], ...]:
        """Return each read page's blocks (``pages[i]`` for page i + 1); () when skipped."""
        return () if self.skipped else tuple(self.read_pages)

    def diagnostics(self) -> list[Diagnostic]:
        """Return why the structure was not read, or on which pages it was read in part."""
        if self.skipped:
            return [Diagnostic(0, "pdf-structure-skipped",
                               f"the PDF's structure tree was not read: {self.skipped}")]
        if self.cut_pages:
            shown = ", ".join(map(str, self.cut_pages[:10]))
            more = f" and {len(self.cut_pages) - 10} more" if len(self.cut_pages) > 10 else ""
            return [Diagnostic(0, "pdf-structure-cut", f"the structure tree of page(s) {shown}{more} is larger "
                               "than the limits; read in part")]
        return []


def _walk(tree, params: TagParams) -> tuple[list[_Block], int, bool]:
    """Return the blocks of a page's structure tree in document order, the elements and content
    items visited, and whether the page's limit cut the walk short.

    A depth-first walk over an explicit stack: an entry is an element to open (with its depth,
    the sections and lists around it, and the block whose content it belongs to) or one MCID
    of content, so content lands in its block in the order the tree gives it.
    """
    buffer = ctypes.create_string_buffer(64)
    blocks: list[_Block] = []
    stack: list[tuple] = []
    for index in reversed(range(max(0, pdfium_c.FPDF_StructTree_CountChildren(tree)))):
        top = address_of(pdfium_c.FPDF_StructTree_GetChildAtIndex(tree, index))
        stack.append(("element", top, 1, 0, 0, None))
    seen: set[int] = set()
    visits = 0
    truncated = False
    while stack:
        entry = stack.pop()
        if entry[0] == "mcid":
            entry[2].mcids.append(entry[1])
            continue
        _, element, depth, sections, lists, block = entry
        if not element or element in seen:
            continue
        count = max(0, _CHILD_COUNT(element))
        if visits + count >= params.max_visits or depth > params.max_depth:
            truncated = True
            continue
        seen.add(element)
        visits += 1 + count
        kind = _type(element, buffer)
        heading = _HEADING.fullmatch(kind)
        if kind in _SECTIONS:
            sections += 1
        elif kind == "L":
            lists += 1
            block = None  # a sub-list's items are blocks of their own, not its parent item's text
        elif heading or kind == "LI":
            if len(blocks) >= params.max_blocks:
                truncated = True
                continue
            level = int(heading.group(1) or max(sections, 1)) if heading else max(lists, 1)
            block = _Block(kind, level, _actual_text(element, 4 * params.max_text_chars), [])
            blocks.append(block)
        children: list[tuple] = []
        # Everything before this element in the tree's order was walked already.
        content_before = block is not None and bool(block.mcids)
        for index in range(count):
            child = _CHILD(element, index)
            if child:  # PDFium gives only the children with content on this page
                children.append(("element", child, depth + 1, sections, lists, block))
                content_before = True
                continue
            if block is None:
                continue
            mcid = _CHILD_MCID(element, index)
            if mcid >= 0:
                children.append(("mcid", mcid, block))
                content_before = True
            elif not content_before and _ANY_PAGE_MCID(element, index) >= 0:
                block.continued = True  # content on another page, before any on this one
        stack.extend(reversed(children))
    return blocks, visits, truncated


def _type(element: int, buffer) -> str:
    """Return ``element``'s structure type after the role map, or "" when none or too long to be one."""
    size = _TYPE(element, ctypes.addressof(buffer), len(buffer))
    if size <= 2 or size > len(buffer):
        return ""
    return buffer.raw[:size - 2].decode("utf-16-le", "replace")


def _actual_text(element: int, limit: int) -> str:
    """Return ``element``'s /ActualText (the text its content stands for); "" when it has none,
    or one longer than ``limit`` characters (the content's own text is used then)."""
    handle = ctypes.cast(element, pdfium_c.FPDF_STRUCTELEMENT)
    size = pdfium_c.FPDF_StructElement_GetActualText(handle, None, 0)
    if size <= 2 or size > 2 * limit + 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDF_StructElement_GetActualText(handle, buffer, size)
    return buffer.raw[:size - 2].decode("utf-16-le", "replace")


@dataclass(frozen=True, slots=True)
class _MarkedText:
    """A page's text (UTF-16LE, as PDFium indexes it) and where each wanted MCID's characters are."""

    units: bytes
    #: Each MCID's runs of characters, (start, end) with ``end`` exclusive, in the text's order.
    runs: dict[int, list[tuple[int, int]]]

    @classmethod
    def read(cls, textpage: pdfium.PdfTextPage, wanted: set[int]) -> _MarkedText:
        """Return the page's text and the runs of each MCID in ``wanted``.

        Characters of one text object are consecutive in PDFium's text and one marked-content
        sequence is mostly one line or more, so each line's two ends are asked for their MCID,
        and only a line whose ends differ is bisected.
        """
        count = pdfium_c.FPDFText_CountChars(textpage)
        if count <= 0:
            return cls(b"", {})
        raw = utf16_buffer(2 * (count + 1))
        pdfium_c.FPDFText_GetText(textpage, 0, count, raw)
        address = address_of(textpage.raw)
        known: dict[int, int] = {}

        def mcid_at(index: int) -> int:
            found = TEXT_OBJECT_AT(address, index)
            if not found:
                return _NO_OBJECT
            mcid = known.get(found)
            if mcid is None:
                mcid = known[found] = _OBJECT_MCID(found)
            return mcid

        units = ctypes.string_at(raw, 2 * count)
        runs: dict[int, list[tuple[int, int]]] = {}
        for first, last in _line_spans(units, count):
            for start, end, mcid in _runs(first, last, mcid_at):
                if mcid in wanted:
                    runs.setdefault(mcid, []).append((start, end))
        return cls(units, runs)

    def text(self, mcids: list[int]) -> str:
        """Return the text of ``mcids``' runs in that order, with what lies between two runs
        when it is only spaces and line breaks; runs apart otherwise get a space between."""
        pieces: list[str] = []
        previous_end = -1
        for start, end in (run for mcid in mcids for run in self.runs.get(mcid, ())):
            if pieces and start != previous_end:
                gap = self._slice(previous_end, start) if 0 <= start - previous_end <= _MAX_GAP else "x"
                pieces.append(gap if gap.isspace() else " ")
            pieces.append(self._slice(start, end))
            previous_end = end
        return "".join(pieces)

    def _slice(self, start: int, end: int) -> str:
        return self.units[2 * start:2 * end].decode("utf-16-le", "replace")


def _line_spans(units: bytes, count: int) -> list[tuple[int, int]]:
    """Return the (first, last) character index of each line of a page's UTF-16 text."""
    spans = []
    start = 0
    breaks = "\r\n".encode("utf-16-le")
    while start < count:
        found = units.find(breaks, 2 * start)
        while found >= 0 and found % 2:  # a match must start on a code unit
            found = units.find(breaks, found + 1)
        end = found // 2 if found >= 0 else count
        if end > start:
            spans.append((start, end - 1))
        start = end + 2
    return spans


def _runs(first: int, last: int, key) -> list[tuple[int, int, int]]:
    """Return the (start, end, key) runs of equal ``key`` over indexes ``first..last`` (end exclusive),
    found by bisection: a range whose two ends agree is taken as one run."""
    first_key, last_key = key(first), key(last)
    if first_key == last_key:
        return [(first, last + 1, first_key)]  # most lines
    runs: list[tuple[int, int, int]] = []
    stack = [(first, first_key, last, last_key)]
    while stack:
        low, low_key, high, high_key = stack.pop()
        if low_key == high_key:
            runs.append((low, high + 1, low_key))
        elif high - low == 1:
            runs.append((low, low + 1, low_key))
            runs.append((high, high + 1, high_key))
        else:
            middle = (low + high) // 2
            middle_key = key(middle)
            stack.append((middle, middle_key, high, high_key))  # popped second: runs stay in order
            stack.append((low, low_key, middle, middle_key))
    merged: list[tuple[int, int, int]] = []
    for start, end, value in runs:
        if merged and merged[-1][2] == value and merged[-1][1] >= start:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]), value)
        else:
            merged.append((start, end, value))
    return merged


def _clean(text: str, limit: int) -> str:
    """Return a block's text cleaned as the page text is, one printed line to a line (joined by
    "\\n", empty lines dropped, spaces made single), a line-end hyphen as "-", at most ``limit``
    characters."""
    lines = _LINE_BREAKS.split(text[:4 * limit].replace("\ufffe", "-\n"))
    text = "\n".join(cleaned for line in lines if (cleaned := " ".join(clean_line(line).split())))
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "\u2026"
