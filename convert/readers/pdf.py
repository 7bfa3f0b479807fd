"""The PDF reader: a PDF's text layer to lines with their font size, weight, slant and place.

PDFium (through pypdfium2, Apache-2.0 / BSD-3-Clause) reads the file: it is the engine of
Chromium's viewer, tolerant of the PDFs real publishers make, and gives every character its
font and box without a layout pass of ours (pdfminer.six's layout analysis alone is several
times slower). PDFium orders a page's characters as its content stream draws them and marks
where one line ends and the next begins; this module reads them in that order.

1. ``open_pdf``     the document, or one clear error (not a PDF, encrypted, damaged, too big)
2. ``page_lines``   one page's lines: their text, box and runs of one font (size, bold, italic)
3. ``layout``       the lines of every page, each indent measured from its column's left edge,
                    a blank line where the gap above a line is wider than the text's usual
                    spacing or the type changes, and a break where a new column starts

``recover_pdf`` then hands the lines to structure recovery, as the text reader does.
"""

from __future__ import annotations

import bisect
import ctypes
from array import array
import io
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain, groupby
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .. import signals
from ..decode import clean_line
from ..errors import Diagnostic, InputError
from ..lines import Anchor, Line
from ..images import MAX_IMAGES, MAX_IMAGES_BYTES, ImageError, resource_for
from ..nodes import MAX_LINK_CHARS, Block, BlockQuote, Figure, Image, Link, Resource, is_link_target
from . import MAX_PDF_BYTES, PDF_MAGIC
from ..recover import Recovered, Recovery
from ..recover.resources import with_resources
from ..recover.patterns import list_marker
from ..recover.text import breaks_word
from .pdf_ctypes import TEXT_OBJECT_AT, address_of, plain_function, pointer_at
from .pdf_info import PdfInfo, document_info
from ..recover.simple import simple_blocks
from .pdf_tables import RULE_WIDTH, Rule, aligned_tables, page_rules, page_tables
from .pdf_tags import StructureReader, TaggedBlock
from .text import ARABIC_LETTER, KASHIDA_SIGNS, words_cut_at_kashida


@dataclass(frozen=True, slots=True)
class PdfParams:
    """The PDF reader's limits and thresholds; gaps are ratios of the text's usual line pitch."""

    #: Larger files are refused unread.
    max_bytes: int = MAX_PDF_BYTES
    #: More pages than this is no report.
    max_pages: int = 20_000
    #: A page side over 200 inches (the PDF format's own limit without a user unit), in points.
    max_page_side: float = 14_400.0
    #: A line this much further below the one before than the usual pitch starts a new block.
    block_gap: float = 0.3
    #: A line further below the one before than the usual pitch (at its size) by more than this
    #: share is not where that line wrapped: paragraphs set apart by a little space (a title
    #: page's) are told from one paragraph's lines by it.
    wrap_pitch: float = 0.05
    #: Font sizes within this ratio of each other are the same size.
    same_size: float = 0.08
    #: A column's left margin is shared by at least this share of the lines the main margin has,
    column_lines: float = 0.4
    #: and lies at least this share of the page's text width from another margin.
    column_width: float = 0.3
    #: A line indented this many character widths (half the type size) from its column's margin,
    #: more than the line before, starts a paragraph with a first-line indent.
    min_indent: int = 2
    max_indent: int = 12
    #: A line ending within this share of its type size of its column's right edge reaches it
    #: (the last glyph's ink varies); a column is justified when nine in ten of at least this
    #: many lines wrapped out of reach it.
    justified_slack: float = 0.15
    justified_lines: int = 4
    #: The body's type size, line pitch and text area are measured on the first this many pages;
    #: the pages after them are laid out as they are read, so that only the numbered lines of a
    #: long PDF are held, not every page's drawn lines besides.
    spacing_pages: int = 100
    #: PDFium keeps every object it parses (outline, structure tree, pages, fonts) until its
    #: document is closed: the pages are read from the document opened afresh every this many
    #: pages, so that a long PDF's parsed objects are never all held at once (an opening costs
    #: a few milliseconds).
    pages_per_opening: int = 250
    #: A PDF of more pages than ``whole_pages`` is recovered ``window_pages`` pages at a time
    #: (the last window up to half as many again), each window with the page before and the
    #: page after it, so that memory stays flat in page count; a shorter one is recovered whole.
    #: The title block and the contents page are looked for in the first window; within a
    #: window, a line-end hyphen is told apart by the words of the pages read so far.
    whole_pages: int = 150
    window_pages: int = 100

    def __post_init__(self) -> None:
        if min(self.max_bytes, self.max_pages, self.max_page_side, self.spacing_pages, self.pages_per_opening,
               self.whole_pages, self.window_pages) <= 0:
            raise ValueError("PDF limits must be positive")
        if not 0 < self.block_gap < 2 or not 0 < self.same_size < 0.5 or not 0 <= self.wrap_pitch < self.block_gap:
            raise ValueError("block_gap must be in (0, 2), same_size in (0, 0.5) and wrap_pitch in [0, block_gap)")
        if not 0 < self.column_lines <= 1 or not 0 < self.column_width < 1:
            raise ValueError("column_lines must be in (0, 1] and column_width in (0, 1)")


#: Where each line of a page stands: its top (points from the page's top) and its number, in
#: two arrays (a tuple for each of a long PDF's lines took megabytes).
Tops = tuple[array, array]

#: Font-name parts that mean a bold or an italic face when the font's flags do not say so.
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demibold|extrabold", re.IGNORECASE)
_ITALIC_NAME = re.compile(r"italic|oblique|slanted", re.IGNORECASE)
_FLAG_ITALIC, _FLAG_FORCE_BOLD = 1 << 6, 1 << 18
#: PDFium's own line breaks between a page's lines.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: How PDFium writes a hyphen that ends a line: U+FFFE for one it runs into the next line's
#: word, U+0002 for a soft hyphen the line was broken at.
_LINE_END_HYPHEN = re.compile("[\ufffe\x02]")
#: Unicode categories of symbols that open running text as well as list items: dashes, opening
#: brackets, quotation marks.
_NO_BULLETS = frozenset({"Pd", "Ps", "Pi", "Pf"})
#: Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms).
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
#: What ends a complete PDF, within its last kilobyte (writers may add a line end or padding).
_EOF_MARK, _EOF_WINDOW = b"%%EOF", 1024


@dataclass(slots=True)
class PageLine:
    """One line as the page draws it; coordinates in points from the page's top left.

    Not frozen, but never changed once made (``dataclasses.replace`` makes another): a frozen
    dataclass of this many fields takes several times longer to make, once for every line.
    """

    text: str
    page: int
    left: float
    right: float
    top: float
    bottom: float
    baseline: float
    size: float
    bold: bool
    italic: bool
    #: The type (size, bold, italic) of the line's first and last runs.
    opens: tuple[float, bool, bool] = (0.0, False, False)
    closes: tuple[float, bool, bool] = (0.0, False, False)
    #: Where the text is set bold or italic: (start, end, bold, italic).
    marks: tuple[tuple[int, int, bool, bool], ...] = ()
    #: The links over its text (the page's link annotations).
    anchors: tuple[Anchor, ...] = ()
    #: The PDFium indexes of its first and last characters.
    chars: tuple[int, int] = (0, -1)
    #: The width of its first word in points, as drawn (0.0: not measured).
    lead: float = 0.0
    #: It starts with a list marker drawn apart from its text (see ``_place_fragments``).
    marker: bool = False

    def prefixed(self, prefix: str, left: float) -> PageLine:
        """Return this line with ``prefix`` (a list marker drawn apart) before its text, starting at ``left``."""
        shift = len(prefix) + 1
        return replace(self, text=f"{prefix} {self.text}", left=left, lead=0.0, marker=True,
                       marks=tuple((start + shift, end + shift, bold, italic) for start, end, bold, italic in self.marks),
                       anchors=tuple(Anchor(a.start + shift, a.end + shift, a.inline) for a in self.anchors))


def open_pdf(pdf: bytes | Path, name: str, params: PdfParams = PdfParams()) -> pdfium.PdfDocument:
    """Return the PDF document ``pdf`` (its bytes, or its file, which PDFium then reads as it
    needs it); raise InputError, naming ``name``, when it cannot be read."""
    size, head, tail = _size_and_ends(pdf, name)
    if size > params.max_bytes:
        raise InputError(f"PDF is {size:,} bytes; the limit is {params.max_bytes:,}", name)
    if PDF_MAGIC not in head:
        raise InputError("not a PDF file (no %PDF- header)", name)
    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise InputError(_unopened(exc.err_code, tail), name) from None
    except OSError as exc:  # the file went away since it was looked at
        raise InputError(exc.strerror or str(exc), name) from None
    pages = len(document)
    if pages == 0:
        document.close()
        raise InputError("the PDF has no pages", name)
    if pages > params.max_pages:
        document.close()
        raise InputError(f"the PDF has {pages:,} pages; the limit is {params.max_pages:,}", name)
    return document


def _size_and_ends(pdf: bytes | Path, name: str) -> tuple[int, bytes, bytes]:
    """Return the size of the PDF ``pdf`` (its bytes or its file) and its first and last kilobytes."""
    if isinstance(pdf, bytes):
        return len(pdf), pdf[:1024], pdf[-_EOF_WINDOW:]
    try:
        with pdf.open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            head = file.read(1024)
            file.seek(max(0, size - _EOF_WINDOW))
            return size, head, file.read(_EOF_WINDOW)
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), name) from None


def _unopened(code: int | None, tail: bytes) -> str:
    """Return why PDFium could not open a PDF, from its error ``code`` and its last kilobyte
    ``tail``, in the user's terms."""
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return ("the PDF is encrypted with a password; save an unprotected copy (e.g. `qpdf --decrypt "
                "--password=PASSWORD in.pdf out.pdf`) and convert that")
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return ("the PDF is locked by a security handler PDFium does not support (DRM or certificate "
                "encryption); save an unprotected copy and convert that")
    if _EOF_MARK not in tail:
        return ("the PDF is incomplete (it does not end with %%EOF: a download or copy cut short?); "
                "PDFium cannot read it")
    return "the PDF is damaged; PDFium cannot read it"


_INT, _ADDRESS, _DOUBLE = ctypes.c_int, ctypes.c_void_p, ctypes.c_double
#: PDFium's calls made for every line or run of type, on a text page's address (see
#: ``plain_function``).
_CHAR_BOX = plain_function(pdfium_c.FPDFText_GetCharBox, _INT, _ADDRESS, _INT, _ADDRESS, _ADDRESS, _ADDRESS, _ADDRESS)
_LOOSE_BOX = plain_function(pdfium_c.FPDFText_GetLooseCharBox, _INT, _ADDRESS, _INT, _ADDRESS)
_ORIGIN = plain_function(pdfium_c.FPDFText_GetCharOrigin, _INT, _ADDRESS, _INT, _ADDRESS, _ADDRESS)
_UNICODE = plain_function(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint, _ADDRESS, _INT)
_GENERATED = plain_function(pdfium_c.FPDFText_IsGenerated, _INT, _ADDRESS, _INT)
_FONT_SIZE = plain_function(pdfium_c.FPDFText_GetFontSize, _DOUBLE, _ADDRESS, _INT)
_FONT_INFO = plain_function(pdfium_c.FPDFText_GetFontInfo, ctypes.c_ulong, _ADDRESS, _INT, _ADDRESS, ctypes.c_ulong,
                            _ADDRESS)
_FONT_WEIGHT = plain_function(pdfium_c.FPDFText_GetFontWeight, _INT, _ADDRESS, _INT)
_UNMAPPED = plain_function(pdfium_c.FPDFText_HasUnicodeMapError, _INT, _ADDRESS, _INT)


class _Chars:
    """The characters of one text page, by PDFium's index: their boxes and origins, in points
    from the page's bottom left. For an index past the page's characters PDFium writes nothing,
    and ``box`` and ``origin`` give what they gave before."""

    def __init__(self, textpage: pdfium.PdfTextPage) -> None:
        #: The text page's address, which the calls above take.
        self.page = address_of(textpage.raw)
        # Where PDFium writes what is asked (a box's four sides, an origin's two coordinates),
        # one place for each question; and the addresses of their numbers.
        self._box, self._centre, self._origin = (ctypes.c_double * 4)(), (ctypes.c_double * 4)(), (ctypes.c_double * 2)()
        self._loose = (ctypes.c_float * 4)()  # an FS_RECTF: left, top, right, bottom
        self._box_at = [ctypes.addressof(self._box) + 8 * side for side in range(4)]
        self._origin_at = [ctypes.addressof(self._origin) + 8 * side for side in range(2)]
        self._centre_at = [ctypes.addressof(self._centre) + 8 * side for side in range(4)]
        self._loose_at = ctypes.addressof(self._loose)

    def box(self, index: int) -> list[float]:
        """Return the [left, right, bottom, top] of character ``index``'s glyph (its ink)."""
        _CHAR_BOX(self.page, index, *self._box_at)
        return self._box[:]

    def origin(self, index: int) -> tuple[float, float]:
        """Return the (x, y) of character ``index``'s origin (on its baseline)."""
        _ORIGIN(self.page, index, *self._origin_at)
        return self._origin[0], self._origin[1]

    def advance(self, index: int) -> tuple[float, float]:
        """Return the left and right of character ``index``'s loose box: its advance, not its
        ink ("1" is narrower than its place)."""
        _LOOSE_BOX(self.page, index, self._loose_at)
        return self._loose[0], self._loose[2]

    def centre(self, index: int) -> tuple[float, float] | None:
        """Return the (x, y) of the middle of character ``index``'s glyph; None for no character."""
        if not _CHAR_BOX(self.page, index, *self._centre_at):
            return None
        left, right, bottom, top = self._centre
        return (left + right) / 2, (bottom + top) / 2


class _Fonts:
    """Each font's bold and italic, found once from its name, weight and flags; and the fonts
    whose characters PDFium could not map to text."""

    def __init__(self) -> None:
        self.known: dict[tuple[bytes, int, int], tuple[bool, bool]] = {}
        #: One tuple for each type met, shared by every line set in it.
        self.types: dict[tuple[float, bool, bool], tuple[float, bool, bool]] = {}
        self.buffer = ctypes.create_string_buffer(256)
        self.flags = ctypes.c_int()
        self._buffer_at, self._flags_at = ctypes.addressof(self.buffer), ctypes.addressof(self.flags)
        #: Runs of type whose first character has no Unicode value in its font (no ToUnicode
        #: map, no standard glyph name): PDFium then gives the character code itself, which is
        #: a wrong letter, or a control character that cleaning removes. One run is one font.
        self.unmapped_runs = 0
        self.unmapped_fonts: set[str] = set()
        #: Characters a font maps kashida glyphs to (Latin letters, signs, control characters),
        #: left out from between two Arabic letters (``_without_kashida``).
        self.kashida_stand_ins = 0

    def style(self, page: int, index: int) -> tuple[float, bool, bool]:
        """Return the size (in points, to a tenth), bold and italic of character ``index`` of the
        text page at address ``page`` (the first of a run)."""
        _FONT_INFO(page, index, self._buffer_at, len(self.buffer), self._flags_at)
        weight = _FONT_WEIGHT(page, index)
        if _UNMAPPED(page, index) == 1:
            self.unmapped_runs += 1
            self.unmapped_fonts.add(self.buffer.value.decode("latin-1"))
        key = (self.buffer.value, self.flags.value, weight)
        face = self.known.get(key)
        if face is None:
            font = key[0].decode("latin-1")
            face = (weight >= 600 or bool(self.flags.value & _FLAG_FORCE_BOLD) or bool(_BOLD_NAME.search(font)),
                    bool(self.flags.value & _FLAG_ITALIC) or bool(_ITALIC_NAME.search(font)))
            self.known[key] = face
        found = (round(_FONT_SIZE(page, index), 1), *face)
        return self.types.setdefault(found, found)


def _drawn(page: int, index: int, step: int, bound: int) -> tuple[int | None, int]:
    """Return the text object of the first drawn character of the text page at address ``page``
    from ``index`` towards ``bound`` (``step``: 1 or -1), and its index."""
    while True:
        found = TEXT_OBJECT_AT(page, index)
        if found or index == bound:
            return found, index
        index += step


def _runs(page: int, first: int, last: int) -> list[int]:
    """Return the indexes in ``first..last`` of the text page at address ``page`` where a new
    text object starts, ``first`` included.

    A text object's characters are consecutive, so a bisection finds each change of object
    without asking for every character's. Characters PDFium puts in itself (a space between
    words drawn apart) belong to no object: each probe steps over them to a drawn one.
    """
    low_object, low = _drawn(page, first, 1, last)
    high_object, high = _drawn(page, last, -1, low)
    if low_object == high_object:
        return [first]  # one object: most lines
    stack = [(low, low_object, high, high_object)]
    found: list[int] = []
    while stack:
        low, low_object, high, high_object = stack.pop()
        if low_object == high_object or high - low < 1:
            continue
        middle_object, middle = _drawn(page, (low + high) // 2, 1, high)
        if middle == high:  # nothing drawn from the middle on: look back towards ``low``
            middle_object, middle = _drawn(page, (low + high) // 2, -1, low)
        if middle in (low, high):
            found.append(high)  # only PDFium's own characters between two objects
            continue
        stack.append((middle, middle_object, high, high_object))
        stack.append((low, low_object, middle, middle_object))
    return [first, *sorted(index for index in found if index != first)]


def logical_order(visual: str) -> str:
    """Return a line of left-to-right text, given as drawn (left to right), in reading order:
    each run of right-to-left letters (with the spaces and punctuation between them) reversed.

    PDF producers draw right-to-left words in either order, and PDFium reorders a line by its own
    guess of its direction; a line's characters sorted by place and read this way are the same
    text whichever the producer did.
    """
    out: list[str] = []
    run: list[str] = []  # right-to-left characters not yet written
    neutral: list[str] = []  # spaces and punctuation since the last strong character
    for char in visual:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            (run if run else out).extend(neutral)
            neutral = []
            run.append(char)
        elif kind in ("L", "EN", "AN"):
            out.extend(reversed(run))
            out.extend(neutral)
            run, neutral = [], []
            out.append(char)
        else:
            neutral.append(char)
    out.extend(reversed(run))
    out.extend(neutral)
    return _unmirrored("".join(out))


_CLOSING = {")": "(", "]": "[", "}": "{"}


def _unmirrored(text: str) -> str:
    """Return ``text`` with a closing bracket that opens nothing, right after right-to-left
    letters, made the opening one: some producers draw the bracket after a right-to-left name
    mirrored ("Ms. נועה לוי (Director" drawn with ")"). Where they drew it glued to the name and
    the space after it (the name's run took the bracket in), the space goes back before it."""
    if not any(char in _CLOSING for char in text):
        return text
    chars = list(text)
    depth = 0
    for index, char in enumerate(chars):
        if char in "([{":
            depth += 1
        elif char in _CLOSING:
            before = text[:index].rstrip()[-1:]
            if depth == 0 and before and unicodedata.bidirectional(before) in ("R", "AL"):
                chars[index] = _CLOSING[char]
                depth += 1
                if chars[index - 1:index] != [" "] and chars[index + 1:index + 2] == [" "] \
                        and chars[index + 2:index + 3] not in ([], [" "]):
                    chars[index], chars[index + 1] = " ", chars[index]
            else:
                depth = max(depth - 1, 0)
    return "".join(chars)


def _drawn_order(textpage, first: int, last: int) -> tuple[str, int]:
    """Return the characters ``first..last`` of ``textpage`` in reading order, from their places,
    and how many characters standing for kashida glyphs were left out (``_without_kashida``).

    A space PDFium put in itself between two left-to-right words has no width of its own, at
    the next word's start, where a letter's ink can begin a little further left: it is placed
    midway between its neighbours in PDFium's order instead, where they stand in that order
    (PDFium gives a line it takes for right-to-left the other way round).
    """
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    boxes, chars = [], []
    for index in range(first, last + 1):
        pdfium_c.FPDFText_GetCharBox(textpage, index, left, right, bottom, top)
        boxes.append((left.value, right.value))
        chars.append(chr(pdfium_c.FPDFText_GetUnicode(textpage, index)))
    placed = []
    for offset, index in enumerate(range(first, last + 1)):
        x = boxes[offset][0]
        generated = pdfium_c.FPDFText_IsGenerated(textpage, index) == 1
        if 0 < offset < len(boxes) - 1 and generated and boxes[offset - 1][1] <= boxes[offset + 1][0] \
                and not _RTL.match(chars[offset - 1]) and not _RTL.match(chars[offset + 1]):
            x = (boxes[offset - 1][1] + boxes[offset + 1][0]) / 2  # between left-to-right words
        placed.append((x, index, chars[offset], generated))
    placed.sort()
    kept, stand_ins = _without_kashida([(char, generated) for _, _, char, generated in placed])
    return logical_order("".join(kept)), stand_ins


#: What stands for kashida glyphs between two Arabic letters (``ARABIC_LETTER``): signs, Latin
#: letters, figures (``KASHIDA_SIGNS``) or control characters some producers' font maps give the
#: glyph (LibreOffice: "L", "=", "[", a form feed), a tatweel, and the spaces PDFium puts in
#: itself for the gap it leaves.
_KASHIDA_STAND_IN = re.compile(f"[{KASHIDA_SIGNS}\u0640\x01-\x1f]")
#: A kashida is at most this many glyphs in a row.
_MAX_KASHIDA = 8


def _without_kashida(chars: list[tuple[str, bool]]) -> tuple[list[str], int]:
    """Return a line's characters in drawn order (each with whether PDFium generated it) without
    those that stand for kashida glyphs, and how many were left out but PDFium's spaces: a layout
    that justifies Arabic stretches the joints of words with them, which a font map may give as
    Latin letters or signs, and between whose pieces PDFium puts in spaces of its own. A run of
    at most ``_MAX_KASHIDA`` such characters (a tatweel, a stand-in, a space PDFium generated)
    glued between two Arabic letters is no text."""
    out: list[str] = []
    stand_ins = 0
    index = 0
    while index < len(chars):
        end = index
        while end < len(chars) and end - index < _MAX_KASHIDA + 1 and (
                _KASHIDA_STAND_IN.match(chars[end][0]) or chars[end][0] == " " and chars[end][1]):
            end += 1
        if end > index and out and ARABIC_LETTER.match(out[-1]) and end < len(chars) \
                and ARABIC_LETTER.match(chars[end][0]) and end - index <= _MAX_KASHIDA:
            stand_ins += sum(char != " " for char, _ in chars[index:end])
            index = end  # glued between two letters of a word: the kashida's
            continue
        out.append(chars[index][0])
        index += 1
    return out, stand_ins


def _char_indexes(text: str, count: int, unicode_at: Callable[[int], int] = lambda index: -1) -> list[int] | None:
    """Return each text position's character index when they differ, else None: characters
    beyond the Basic Multilingual Plane take two of PDFium's, and PDFium leaves out of its text
    the control characters a font maps glyphs to (LibreOffice's kashida: U+0003), which
    ``unicode_at(index)`` (a character's code) shows; its hyphen U+0002 it gives as U+FFFE."""
    if len(text) == count:
        return None
    indexes, index = [], 0
    for char in text:
        while index < count and (code := unicode_at(index)) >= 0 and code < 0x20 and code not in (2, 9, 10, 13) \
                and char != chr(code):
            index += 1  # a control character PDFium's text leaves out
        indexes.append(index)
        index += 2 if ord(char) > 0xFFFF else 1
    return indexes


def _segments(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of each line of a page's text.

    PDFium ends lines with CR LF, but runs a word broken by a hyphen at a line's end into the
    next line, writing the hyphen as U+FFFE: the line is cut after it. A CR or an LF alone
    between two Arabic letters ends no line: it was drawn (a kashida glyph a producer's font
    maps to it).
    """
    segments = []
    start = 0
    for match in [*(found for found in _LINE_BREAK.finditer(text) if not _drawn_break(text, found)), None]:
        end = match.start() if match else len(text)
        for hyphen in _LINE_END_HYPHEN.finditer(text, start, end):
            if hyphen.end() < end:
                segments.append((start, hyphen.end()))
                start = hyphen.end()
        segments.append((start, end))
        if match:
            start = match.end()
    return segments


def _drawn_break(text: str, found: re.Match[str]) -> bool:
    """Return True if the line break ``found`` in ``text`` is in a run of CRs and LFs, other than
    PDFium's own CR LF, between two Arabic letters: glyphs drawn inside a word."""
    start, end = found.start(), found.end()
    while start > 0 and text[start - 1] in "\r\n":
        start -= 1
    while end < len(text) and text[end] in "\r\n":
        end += 1
    return text[start:end] != "\r\n" and 0 < start and end < len(text) \
        and bool(ARABIC_LETTER.match(text[start - 1])) and bool(ARABIC_LETTER.match(text[end]))


def _marked_text(runs: list[tuple[str, bool, bool]]) -> tuple[str, tuple[tuple[int, int, bool, bool], ...]]:
    """Return the cleaned text of a line's runs (text, bold, italic) and where it is set bold or italic."""
    text = ""
    marks: list[tuple[int, int, bool, bool]] = []
    for piece, bold, italic in runs:
        piece = clean_line(_LINE_END_HYPHEN.sub("-", piece))
        if (bold or italic) and piece.strip():
            if marks and marks[-1][1] == len(text) and marks[-1][2:] == (bold, italic):
                marks[-1] = (marks[-1][0], len(text) + len(piece), bold, italic)
            else:
                marks.append((len(text), len(text) + len(piece), bold, italic))
        text += piece
    lead = len(text) - len(text.lstrip())
    stripped = text.strip()
    return stripped, tuple((max(start - lead, 0), min(end - lead, len(stripped)), bold, italic)
                           for start, end, bold, italic in marks if end - lead > 0 and start - lead < len(stripped))


#: Digits set at most this fraction of the line's size, raised by at least ``_RAISED`` of it, are
#: a note's mark: they become superscript digits ("review¹"), as a text dump shows them.
_SMALL = 0.85
_RAISED = 0.2
_TO_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


_ANY_DIGIT = re.compile(r"\d")  # asked first: a scan for a digit is quick, the lookbehind below is not
#: Digits right after a word or a sentence's end, where a note's mark stands ("review1", "end.2");
#: the lookbehind is tried only where a digit stands.
_NOTE_DIGITS = re.compile(r"(?=\d)(?<=[^\W\d_]|[.,;:!?)\]’”])\d{1,3}(?![\d,.]\d)")


def _superscripts(chars: _Chars, line_text: str, first: int, size: float, baseline: float) -> str:
    """Return ``line_text`` with the digits set small and raised after a word made superscript
    digits (a note's mark); ``first`` is the line's first character's index, when the line's
    text is the page's characters from it (else nothing is changed)."""
    out = line_text
    for match in _NOTE_DIGITS.finditer(line_text):
        index = first + match.start()
        if any(_UNICODE(chars.page, index + k) != ord(char) for k, char in enumerate(match.group())):
            continue  # the text does not line up with the page's characters here
        if _FONT_SIZE(chars.page, index) > _SMALL * size:
            continue
        if chars.origin(index)[1] - baseline >= _RAISED * size:
            out = out[:match.start()] + match.group().translate(_TO_SUPERSCRIPT) + out[match.end():]
    return out


def _destination(document: pdfium.PdfDocument, page: pdfium.PdfPage, dest) -> str:
    """Return a place in the document as a link target ``#dest-PAGE-TOP`` (page from 1, the top
    from the page's top in points), '' when it names none; ``read_pdf`` makes it the line there."""
    if not dest:
        return ""
    index = pdfium_c.FPDFDest_GetDestPageIndex(document.raw, dest)
    if index < 0 or index >= len(document):
        return ""
    has_x, has_y, has_zoom = (pdfium_c.FPDF_BOOL() for _ in range(3))
    x, y, zoom = (pdfium_c.FS_FLOAT() for _ in range(3))
    top = 0.0
    if pdfium_c.FPDFDest_GetLocationInPage(dest, has_x, has_y, has_zoom, x, y, zoom) and has_y.value:
        top = max(0.0, document.get_page_size(index)[1] - y.value)
    return f"#dest-{index + 1}-{int(top)}"


def page_links(document: pdfium.PdfDocument, page: pdfium.PdfPage) -> list[tuple[tuple[float, float, float, float], str]]:
    """Return the page's links to web and mail addresses: (left, bottom, right, top) and the URL."""
    found = []
    position, link = ctypes.c_int(0), pdfium_c.FPDF_LINK()
    rect = pdfium_c.FS_RECTF()
    while pdfium_c.FPDFLink_Enumerate(page.raw, position, link):
        action = pdfium_c.FPDFLink_GetAction(link)
        kind = pdfium_c.FPDFAction_GetType(action) if action else 0
        if not action or kind == pdfium_c.PDFACTION_GOTO:  # a place in this document
            target = _destination(document, page, pdfium_c.FPDFAction_GetDest(document.raw, action) if action
                                  else pdfium_c.FPDFLink_GetDest(document.raw, link))
            if target and pdfium_c.FPDFLink_GetAnnotRect(link, rect):
                found.append(((min(rect.left, rect.right), min(rect.bottom, rect.top), max(rect.left, rect.right),
                               max(rect.bottom, rect.top)), target))
            continue
        if kind != pdfium_c.PDFACTION_URI:
            continue
        size = pdfium_c.FPDFAction_GetURIPath(document.raw, action, None, 0)
        if not 0 < size <= MAX_LINK_CHARS + 1 or not pdfium_c.FPDFLink_GetAnnotRect(link, rect):
            continue
        buffer = ctypes.create_string_buffer(size)
        pdfium_c.FPDFAction_GetURIPath(document.raw, action, buffer, size)
        url = buffer.value.decode("latin-1").strip()
        if is_link_target(url):
            found.append(((min(rect.left, rect.right), min(rect.bottom, rect.top), max(rect.left, rect.right),
                           max(rect.bottom, rect.top)), url))
    return found


def _link_anchors(chars: _Chars, first: int, last: int, length: int, box: tuple[float, float, float, float],
                  links: list[tuple[tuple[float, float, float, float], str]]) -> tuple[Anchor, ...]:
    """Return the links over the characters ``first``..``last`` of a line of ``length`` characters
    whose box is ``box`` (left, bottom, right, top): only links whose rectangle meets it are
    asked about its characters."""
    anchors = []
    for (x0, y0, x1, y1), url in links:
        if y1 < box[1] or y0 > box[3] or x1 < box[0] or x0 > box[2]:
            continue
        inside = []
        for index in range(first, last + 1):
            centre = chars.centre(index)
            if centre is not None and x0 <= centre[0] <= x1 and y0 <= centre[1] <= y1:
                inside.append(index - first)
        if inside:
            anchors.append(Anchor(min(inside[0], length), min(inside[-1] + 1, length), Link((), url)))
    return tuple(anchors)


@dataclass(frozen=True, slots=True)
class PageBlock:
    """A block found whole on a page, its box from the page's top left in points: a picture (a
    figure; ``resource`` holds its bytes) or a ruled table."""

    top: float
    bottom: float
    left: float
    right: float
    block: Block
    resource: Resource | None = None
    #: Where the columns of a table laid out by space alone start (``aligned_tables``).
    columns: tuple[float, ...] = ()


#: A picture drawn smaller than this (points, either side) is an ornament, not a figure.
MIN_FIGURE_SIDE = 36.0
#: The most pixels a picture may have to be taken out of the PDF (decoded: see ``images``).
_MAX_PICTURE_PIXELS = 50_000_000
#: Form objects (drawings grouped and reused) looked into per page, for bullets and pictures.
_MAX_FORMS = 1000


def page_pictures(page: pdfium.PdfPage, images: list, height: float) -> list[PageBlock]:
    """Return the pictures of ``page`` (``images``: from ``_drawings``), top to bottom, each as PNG
    bytes (decoded by PDFium, re-encoded by Pillow, checked as any image is); what cannot be
    decoded is left out."""
    found = []
    for address, (left, bottom, right, top) in images:
        picture = pdfium.PdfImage(pointer_at(address, pdfium_c.FPDF_PAGEOBJECT), page=page)
        try:
            width, tall = picture.get_px_size()
            if not 0 < width * tall <= _MAX_PICTURE_PIXELS:
                continue
            image = picture.get_bitmap(render=False).to_pil()
            buffer = io.BytesIO()
            image.save(buffer, "PNG", optimize=False)
            resource = resource_for(buffer.getvalue())
        except (pdfium.PdfiumError, ImageError, OSError, ValueError):
            continue
        found.append(PageBlock(height - top, height - bottom, left, right, Figure(Image(resource.name)), resource))
    return found


def page_lines(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, number: int, fonts: _Fonts,
               links: list[tuple[tuple[float, float, float, float], str]] = (),
               shapes: list[_Shape] | None = None) -> list[PageLine]:
    """Return the lines of one page, in PDFium's order, each with its box, its main font and the
    links over it (``links``: the page's, see ``page_links``; ``shapes``: its drawn bullets, see
    ``_drawings``)."""
    count = pdfium_c.FPDFText_CountChars(textpage)
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    height = page.get_height()
    chars = _Chars(textpage)
    indexes = _char_indexes(text, count, lambda index: pdfium_c.FPDFText_GetUnicode(textpage, index))
    lines: list[PageLine] = []
    for start, end in _segments(text):
        raw = text[start:end]
        stripped = raw.strip()
        if not stripped:
            continue
        first = start + (len(raw) - len(raw.lstrip()))
        last = start + len(raw.rstrip()) - 1
        if indexes is not None:
            first, last = indexes[first], indexes[last]
        line_left, _, line_bottom, line_top = chars.box(first)
        _, line_right, bottom, top = chars.box(last)
        line_top, line_bottom = max(line_top, top), min(line_bottom, bottom)
        rtl = _RTL.search(stripped)
        if rtl:  # PDFium's order is not the drawing's: the line's edges are its outermost characters'
            boxes = [box for box in map(chars.box, range(first, last + 1)) if box[1] > box[0]]
            if boxes:
                line_left, line_right = min(box[0] for box in boxes), max(box[1] for box in boxes)
        runs = _runs(chars.page, first, last)
        ends = [*runs[1:], last + 1]
        types = [fonts.style(chars.page, run) for run in runs]
        if len(runs) == 1:
            size, line_bold, line_italic = types[0]
        else:  # the type most of the line's characters are set in
            sizes: dict[float, int] = {}  # how many characters are set in each size
            bold = italic = 0
            for run, end, (run_size, run_bold, run_italic) in zip(runs, ends, types):
                sizes[run_size] = sizes.get(run_size, 0) + end - run
                bold += (end - run) * run_bold
                italic += (end - run) * run_italic
            size, total = max(sizes, key=sizes.get), last + 1 - first  # of sizes as common, the first
            line_bold, line_italic = bold * 2 > total, italic * 2 > total
        baseline = chars.origin(first)[1]
        lead = 0.0
        if indexes is None and not rtl:  # where the first word ends, the page's character is known
            word_left = chars.advance(first)[0]
            lead = max(0.0, chars.advance(first + len(stripped.split(maxsplit=1)[0]) - 1)[1] - word_left)
        if rtl:
            drawn, stand_ins = _drawn_order(textpage, first, last)
            fonts.kashida_stand_ins += stand_ins
            line_text, marks = clean_line(_LINE_END_HYPHEN.sub("-", drawn)).strip(), ()
        elif indexes is not None:  # characters beyond the BMP: text and runs do not line up
            line_text, marks = clean_line(_LINE_END_HYPHEN.sub("-", stripped)), ()
        else:
            if any(bold or italic for _, bold, italic in types):
                line_text, marks = _marked_text([(text[run:end], style[1], style[2])
                                                 for run, end, style in zip(runs, ends, types)])
            else:  # no marks: the line's text cleaned whole, as cleaning goes character by character
                line_text, marks = clean_line(_LINE_END_HYPHEN.sub("-", stripped)).strip(), ()
            if _ANY_DIGIT.search(line_text) and _NOTE_DIGITS.search(line_text):
                line_text = _superscripts(chars, line_text, first, size, baseline)
        if not line_text.strip():
            continue  # only characters cleaning removes (a formula's glyphs mapped to control codes)
        if line_text.endswith((" -", " \u2010")) and last - first >= 2 \
                and _GENERATED(chars.page, last - 1) \
                and (indexes is not None or _glued_hyphen(chars, text, first, last)):
            # A space PDFium put between a word and the hyphen that breaks it at the line's end
            # (justified text spreads them apart): "trans -" is "trans-".
            line_text = line_text[:-2] + line_text[-1]
            marks = tuple((start, min(end, len(line_text)), bold, italic) for start, end, bold, italic in marks
                          if start < len(line_text))
        anchors = _link_anchors(chars, first, last, len(line_text),
                                (line_left, line_bottom, line_right, line_top), links) if links else ()
        lines.append(PageLine(line_text, number, line_left, line_right, height - line_top,
                              height - line_bottom, height - baseline, size, line_bold, line_italic,
                              types[0], types[-1], marks, anchors, (first, last), lead))
    return _place_fragments(_join_split(lines), _drawings(page, height)[0] if shapes is None else shapes)


#: A hyphen ending a line stands closer to the word before it than this share of the line's
#: usual space between words where it breaks the word ("trans -" as PDFium gives a justified
#: line's); a dash typed as a spaced hyphen stands a space's width apart ("busy -" / "UDP").
GLUED_HYPHEN = 0.7


def _glued_hyphen(chars: _Chars, text: str, first: int, last: int) -> bool:
    """Return True if the hyphen that ends the line of characters ``first`` to ``last`` (``text``:
    the page's, by the same indexes), after a space PDFium generated, is set close to the word
    before it (``GLUED_HYPHEN``): it breaks the word. A line with no other space says nothing
    against it."""
    gaps = sorted(chars.advance(index + 1)[0] - chars.advance(index - 1)[1] for index in range(first + 1, last - 1)
                  if text[index] == " " and text[index - 1] != " " and text[index + 1] != " ")
    if not gaps:
        return True
    return chars.advance(last)[0] - chars.advance(last - 2)[1] < GLUED_HYPHEN * gaps[len(gaps) // 2]


def _join_split(lines: list[PageLine]) -> list[PageLine]:
    """Return ``lines`` with a line PDFium broke in two put back together: the second piece on
    the first's baseline, just right of it (a raised note mark makes PDFium end the line)."""
    out: list[PageLine] = []
    for line in lines:
        previous = out[-1] if out else None
        size = max(line.size, previous.size) if previous else 0
        if previous is not None and abs(line.baseline - previous.baseline) <= 0.1 * size \
                and -1.0 <= line.left - previous.right <= 3 * size and line.text and previous.text:
            joint = " " if line.left - previous.right > 0.15 * size else ""
            shift = len(previous.text) + len(joint)
            out[-1] = replace(previous, text=previous.text + joint + line.text, right=line.right,
                              top=min(previous.top, line.top), bottom=max(previous.bottom, line.bottom),
                              closes=line.closes, chars=(previous.chars[0], line.chars[1]),
                              lead=previous.lead if " " in previous.text else 0.0,
                              marks=previous.marks + tuple((a + shift, b + shift, bold, italic)
                                                           for a, b, bold, italic in line.marks),
                              anchors=previous.anchors + tuple(Anchor(a.start + shift, a.end + shift, a.inline)
                                                               for a in line.anchors))
        else:
            out.append(line)
    return out


def _quotes(rules: list[Rule], lines: list[PageLine]) -> list[tuple[PageBlock, list[PageLine]]]:
    """Return the block quotes of a page: the lines a lone vertical rule stands just left of,
    down its whole length (how a quotation is set apart), each as a block of its paragraphs."""
    found = []
    taken: set[int] = set()  # a border drawn twice (two strokes) sets its lines apart once
    for rule in rules:
        if rule.horizontal or any(_touches(rule, other) for other in rules if other.horizontal):
            continue
        beside = [line for line in lines if rule.start - 2.0 <= (line.top + line.bottom) / 2 <= rule.end + 2.0
                  and 0 <= line.left - rule.at <= 3 * (line.size or 10) and id(line) not in taken]
        if not beside or beside[0].top > rule.start + beside[0].size or beside[-1].bottom < rule.end - beside[-1].size:
            continue
        made, paragraph = [], 1
        for index, line in enumerate(beside):
            if index and line.top - beside[index - 1].bottom > 0.6 * line.size:
                paragraph += 1  # a gap: a new paragraph of the quotation
            made.append(Line(paragraph, line.text, marks=line.marks, anchors=line.anchors))
        blocks = simple_blocks(made)
        taken.update(id(line) for line in beside)
        if blocks:
            found.append((PageBlock(beside[0].top, beside[-1].bottom, rule.at, max(line.right for line in beside),
                                    BlockQuote(blocks)), beside))
    return found


def _touches(vertical: Rule, horizontal: Rule) -> bool:
    return horizontal.start - 2.0 <= vertical.at <= horizontal.end + 2.0 \
        and vertical.start - 2.0 <= horizontal.at <= vertical.end + 2.0


def _invisible(textpage: pdfium.PdfTextPage, line: PageLine) -> bool:
    """Whether ``line`` is drawn invisible (text render mode 3: a picture's text alternative,
    or an OCR layer's text)."""
    found = pdfium_c.FPDFText_GetTextObject(textpage, line.chars[0]) if line.chars[1] >= line.chars[0] else None
    return bool(found) and pdfium_c.FPDFTextObj_GetTextRenderMode(found) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE


def _with_alternatives(textpage: pdfium.PdfTextPage, pictures: list[PageBlock], lines: list[PageLine]
                       ) -> tuple[list[PageBlock], list[PageLine]]:
    """Return the page's pictures with the invisible text drawn over each as its description
    (its ``alt``), and the lines without that text."""
    taken: set[int] = set()
    out = []
    for picture in pictures:
        inside = [line for line in lines if _inside(line, picture) and _invisible(textpage, line)]
        taken.update(id(line) for line in inside)
        alt = " ".join(" ".join(line.text for line in inside).split())
        out.append(replace(picture, block=Figure(Image(picture.block.image.resource, alt))) if alt else picture)
    return out, [line for line in lines if id(line) not in taken]


#: A picture covering this share of its page, with at least ``_SCAN_LINES`` lines of invisible
#: text over it, is a scan of the page with its text recognised (OCR, e.g. by OCRmyPDF).
_SCAN_AREA = 0.5
_SCAN_LINES = 3


def _without_scans(textpage: pdfium.PdfTextPage, images: list, lines: list[PageLine], width: float,
                   height: float) -> list:
    """Return the page's ``images`` (see ``_drawings``) without the scans a text layer is laid
    over: there the invisible lines are the page's text, not a picture's description, and the
    scan shows that same text, no figure."""
    kept = []
    for image in images:
        left, bottom, right, top = image[1]
        box = PageBlock(height - top, height - bottom, left, right, Figure(Image("")))
        if (right - left) * (top - bottom) < _SCAN_AREA * width * height \
                or sum(_inside(line, box) and _invisible(textpage, line) for line in lines) < _SCAN_LINES:
            kept.append(image)
    return kept


def _inside(line: PageLine, box: PageBlock) -> bool:
    middle_x, middle_y = (line.left + line.right) / 2, (line.top + line.bottom) / 2
    return box.left <= middle_x <= box.right and box.top <= middle_y <= box.bottom


def _tables(textpage: pdfium.PdfTextPage, height: float, thin: list, lines: list[PageLine]) -> list[PageBlock]:
    """Return the ruled tables of a page as blocks (see ``pdf_tables``)."""
    rules = page_rules(thin, height)
    if len(rules) < 4:
        return []

    def bold_at(box: tuple[float, float, float, float]) -> bool:
        left, top, right, bottom = box
        inside = [line for line in lines if left <= (line.left + line.right) / 2 <= right
                  and top <= (line.top + line.bottom) / 2 <= bottom]
        return bool(inside) and all(line.bold for line in inside)

    return [PageBlock(found.top, found.bottom, found.left, found.right, found.table)
            for found in page_tables(textpage, height, rules, bold_at)]


#: A short fragment (a list marker) drawn apart from the line it belongs to: at most this many characters.
_FRAGMENT_CHARS = 4
#: How far left of a line's text (in type sizes) a marker drawn apart from it may stand.
_MARKER_REACH = 3.0


@dataclass(frozen=True, slots=True)
class _Shape:
    """A small filled shape drawn on the page (a bullet a browser draws rather than types)."""

    left: float
    right: float
    middle: float  # from the page's top


#: PDFium's calls made for every object drawn on a page, on addresses (see ``plain_function``).
_PAGE_OBJECT = plain_function(pdfium_c.FPDFPage_GetObject, _ADDRESS, _ADDRESS, _INT)
_PAGE_OBJECT_COUNT = plain_function(pdfium_c.FPDFPage_CountObjects, _INT, _ADDRESS)
_FORM_OBJECT = plain_function(pdfium_c.FPDFFormObj_GetObject, _ADDRESS, _ADDRESS, ctypes.c_ulong)
_FORM_OBJECT_COUNT = plain_function(pdfium_c.FPDFFormObj_CountObjects, _INT, _ADDRESS)
_OBJECT_TYPE = plain_function(pdfium_c.FPDFPageObj_GetType, _INT, _ADDRESS)
_OBJECT_BOUNDS = plain_function(pdfium_c.FPDFPageObj_GetBounds, _INT, _ADDRESS, _ADDRESS, _ADDRESS, _ADDRESS, _ADDRESS)


def _drawings(page: pdfium.PdfPage, height: float) -> tuple[list[_Shape], list, list]:
    """Return, in one pass over the page's objects (top level, or in forms), its small squarish
    paths (bullets drawn as shapes), its image objects drawn large enough to be figures, as
    (the object's address, (left, bottom, right, top)), and the bounds of its thin paths (rules)."""
    shapes, images, thin = [], [], []
    bounds = (ctypes.c_float * 4)()  # left, bottom, right, top
    at = ctypes.addressof(bounds)
    page_at = address_of(page.raw)
    objects = [_PAGE_OBJECT(page_at, index) for index in range(_PAGE_OBJECT_COUNT(page_at))]
    forms = 0
    for found in objects:  # a form's objects are appended as it is met, and visited after
        kind = _OBJECT_TYPE(found)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM and forms < _MAX_FORMS:
            forms += 1
            objects.extend(_FORM_OBJECT(found, index) for index in range(_FORM_OBJECT_COUNT(found)))
            continue
        if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE) \
                or not _OBJECT_BOUNDS(found, at, at + 4, at + 8, at + 12):
            continue
        left, bottom, right, top = bounds
        width, tall = right - left, top - bottom
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            if 1.0 <= width <= 8.0 and 1.0 <= tall <= 8.0 and 0.7 <= width / tall <= 1.4:
                shapes.append(_Shape(left, right, height - (top + bottom) / 2))
            elif min(width, tall) <= RULE_WIDTH <= max(width, tall):
                thin.append((left, bottom, right, top))
        elif width >= MIN_FIGURE_SIDE and tall >= MIN_FIGURE_SIDE:
            images.append((found, (left, bottom, right, top)))
    return shapes, images, thin


def _place_fragments(lines: list[PageLine], shapes: list[_Shape]) -> list[PageLine]:
    """Return ``lines`` with list markers put where they are drawn: a short fragment on the same
    baseline just left of a line is joined to it, and a bullet drawn as a shape becomes "•".

    PDF producers draw a list's markers apart from its text (WeasyPrint draws a page's markers
    together, Chromium draws bullets as small discs); the page's order of lines does not show
    which item each marks, their place does.
    """
    if not shapes and not any(len(line.text) <= _FRAGMENT_CHARS for line in lines):
        return lines
    placed = list(lines)
    for fragment in [line for line in lines if len(line.text) <= _FRAGMENT_CHARS]:
        target = _marked_line(placed, fragment.left, fragment.right, (fragment.top + fragment.bottom) / 2, fragment)
        if target is not None:
            placed.remove(fragment)
            index = placed.index(target)
            placed[index] = target.prefixed(fragment.text, fragment.left)
    for shape in shapes:
        target = _marked_line(placed, shape.left, shape.right, shape.middle, None)
        if target is not None:
            index = placed.index(target)
            placed[index] = target.prefixed("\u2022", shape.left)
    return placed


def _marked_line(lines: list[PageLine], left: float, right: float, middle: float,
                 fragment: PageLine | None) -> PageLine | None:
    """Return the line a marker at ``left..right`` (vertical middle ``middle``) stands before, or None."""
    for line in lines:
        if line is fragment or len(line.text) <= _FRAGMENT_CHARS and fragment is not None:
            continue
        if line.top <= middle <= line.bottom and right <= line.left + 0.5 \
                and line.left - right <= _MARKER_REACH * line.size:
            return line
    return None


@dataclass(frozen=True, slots=True)
class Spacing:
    """The text's usual type size and baseline-to-baseline pitch, from its most common lines,
    and the edges of its text area (0.0 when there is no text)."""

    size: float
    pitch: float
    left: float = 0.0
    right: float = 0.0

    @property
    def middle(self) -> float:
        return (self.left + self.right) / 2


def measure_spacing(pages: list[list[PageLine]]) -> Spacing:
    """Return the body's usual size (most characters) and line pitch (most common at that size),
    and its text area: from the leftmost edge that many lines of that size start at (the first
    column's margin) to where nine in ten of them end."""
    sizes: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            sizes[line.size] += len(line.text)
    if not sizes:
        return Spacing(0.0, 0.0)
    size = sizes.most_common(1)[0][0]
    pitches: Counter[float] = Counter()
    lefts: Counter[int] = Counter()
    rights: list[float] = []
    for lines in pages:
        for previous, line in zip(lines, lines[1:]):
            pitch = line.baseline - previous.baseline
            if previous.size == line.size == size and 0.9 * size < pitch < 3 * size:
                pitches[round(pitch, 1)] += 1
        for line in lines:
            if line.size == size:
                lefts[round(line.left)] += 1
                rights.append(line.right)
    most = max(lefts.values())
    left = min(edge for edge, count in lefts.items() if count >= most / 4)
    rights.sort()
    return Spacing(size, pitches.most_common(1)[0][0] if pitches else 1.2 * size, left, rights[int(0.9 * (len(rights) - 1))])


#: The fewest lines that make an edge left of a column's margin the margin itself.
_MARGIN_MIN_LINES = 3
#: A page has at most this many columns (each a column width apart, so few fit anyway); it
#: bounds the work on a page of lines scattered at thousands of left edges.
_MAX_COLUMNS = 8


def _column_lefts(lines: list[PageLine], params: PdfParams) -> list[float]:
    """Return the left margins of the page's columns, sorted.

    Left edges within two points of a more common one are that edge (text is not placed to the
    point). The edge most lines share is a margin; another is one too when many lines share it
    and it lies a column's width away from every margin found (an indent or a list does not).
    An edge many lines share just left of a margin is the margin instead: a list's items can
    start more lines at their text's indent than the column's own paragraphs do at its edge.
    """
    edges: dict[int, int] = {}  # the edge standing for a group of close edges: how many lines start there
    for edge, count in Counter(round(line.left) for line in lines).most_common():
        near = next((edge + step for step in (0, -1, 1, -2, 2) if edge + step in edges), None)
        if near is None:
            edges[edge] = count
        else:
            edges[near] += count
    span = max(line.right for line in lines) - min(line.left for line in lines)
    ranked = sorted(edges.items(), key=lambda item: -item[1])
    most = ranked[0][1]
    margins: list[float] = []
    for edge, count in ranked:
        if count < params.column_lines * most or len(margins) == _MAX_COLUMNS:
            break
        if all(abs(edge - margin) >= params.column_width * span for margin in margins):
            margins.append(edge)
    # Within a column, an edge left of its margin that a fair share of the margin's lines start
    # at is the margin: the lines at the first one are the indented text of a list.
    for index, margin in enumerate(margins):
        left = [edge for edge, count in ranked if margin - params.column_width * span < edge < margin
                and count >= max(_MARGIN_MIN_LINES, params.column_lines / 2 * edges[margin])]
        if left:
            margins[index] = min(left)
    return sorted(margins)


def _same_size(first: float, second: float, params: PdfParams) -> bool:
    return abs(first - second) <= params.same_size * max(first, second)


def _type_changes(previous: PageLine, line: PageLine, params: PdfParams) -> bool:
    """Return True if ``line`` is set in other type than ``previous`` (size, weight or slant) and
    starts a new block: a name in bold, then its affiliation in italics, then the speech in roman.

    Not where the text runs on in one type over the line break (a bold name, then an italic
    affiliation that wraps), nor inside a word broken at the line's end.
    """
    if _same_size(line.size, previous.size, params) and line.bold == previous.bold \
            and line.italic == previous.italic:
        return False
    if previous.text.endswith(("-", "\u2010")) or line.text[:1].islower():
        return False
    ending, opening = previous.closes, line.opens
    return not (_same_size(ending[0], opening[0], params) and ending[1:] == opening[1:])


def _column_of(lefts: list[float], line: PageLine) -> int:
    """Return the index of the column ``line`` is in: the last margin at or left of it."""
    return max(bisect.bisect_right(lefts, round(line.left) + 1) - 1, 0)


def _column_rights(lines: list[PageLine], columns: list[int], count: int) -> list[float]:
    """Return the right edge of each of a page's ``count`` columns (``columns``: each line's):
    where its full lines end (most of its lines are full; a few stick out)."""
    rights: list[list[float]] = [[] for _ in range(count)]
    for line, column in zip(lines, columns):
        rights[column].append(line.right)
    return [sorted(edges)[int(0.9 * (len(edges) - 1))] if edges else 0.0 for edges in rights]


#: Browsers set baselines on their pixel grid (1/96 inch, 0.75 pt): one paragraph's pitch
#: varies by that much, which is no space between paragraphs.
_PIXEL_PITCH = 1.0


def _at_wrap_pitch(previous: PageLine, line: PageLine, spacing: Spacing, params: PdfParams) -> bool:
    """Return True if ``line`` is at the usual pitch below ``previous`` (scaled to its size), as
    the next line of one paragraph is, not further below."""
    pitch = (line.baseline - previous.baseline) * spacing.size / max(line.size, 1e-6)
    return 0.5 * spacing.pitch <= pitch <= spacing.pitch + max(params.wrap_pitch * spacing.pitch, _PIXEL_PITCH)


def _wraps_into(previous: PageLine, line: PageLine, column_right: float, spacing: Spacing,
                params: PdfParams, continued: bool = False) -> bool:
    """Return True if ``line`` is where ``previous`` wrapped: at the usual pitch below it, not
    indented past it (but past a list marker opening a block: not on a line ``continued`` from
    the one before it, which only wraps onto a dash), and its first word would not have fitted
    at the end of ``previous``."""
    if not _at_wrap_pitch(previous, line, spacing, params):
        return False
    marker = previous.text.split(maxsplit=1)[0]  # "•", "2.", "(a)": text after it hangs indented
    hangs = not continued and len(marker) <= 3 and not marker.isalpha() and line.left <= previous.left + 4 * line.size
    if line.left > previous.left + 0.25 * line.size and not hangs:
        return False
    if line.lead:
        return _no_room(previous, line, column_right)
    first_word = line.text.split(maxsplit=1)[0]
    width = (line.right - line.left) * (len(first_word) + 1) / max(len(line.text), 1)
    return previous.right + width > column_right + 0.5 * line.size


def _centred(line: PageLine, spacing: Spacing) -> bool:
    """Return True if ``line`` is centred in the text area: on its middle, and not set from its
    left margin (a full line of running text is as near the middle)."""
    return line.left > spacing.left + 0.5 * line.size and abs(line.left + line.right - 2 * spacing.middle) <= line.size


def _centred_page(lines: list[PageLine], spacing: Spacing) -> bool:
    """Return True if nearly all of a page's lines are centred (a title page): there, and only
    there, what wrapped is told by the text area's width and the pitch, as ragged lines in
    running text can happen to stand centred."""
    return len(lines) >= 3 and sum(_centred(line, spacing) for line in lines) >= 0.8 * len(lines)


def _wraps_centred(previous: PageLine, line: PageLine, spacing: Spacing, params: PdfParams) -> bool:
    """Return True if, on a centred page, ``line`` is where ``previous`` wrapped: in the same
    type, at a paragraph's pitch (centred paragraphs are set apart by a little space), and its
    first word would not have fitted after ``previous`` across the text area."""
    if (line.size, line.bold, line.italic) != (previous.size, previous.bold, previous.italic) \
            or not _at_wrap_pitch(previous, line, spacing, params):
        return False
    lead = line.lead or (line.right - line.left) * (len(line.text.split(maxsplit=1)[0]) + 1) / max(len(line.text), 1)
    return previous.right - previous.left + 0.25 * line.size + lead > spacing.right - spacing.left


def _heading_runs_on(previous: PageLine, line: PageLine, column_right: float, spacing: Spacing,
                     params: PdfParams) -> bool:
    """Return True if ``line``, at the top of a column, goes on with the heading whose line
    ``previous`` ends the column before: both in the same type, larger than the text's, and the
    line's first word would not have fitted after ``previous``."""
    return (line.size > (1 + params.same_size) * spacing.size and _same_size(line.size, previous.size, params)
            and (line.bold, line.italic) == (previous.bold, previous.italic) and line.lead > 0
            and not previous.text.rstrip().endswith((".", "!", "?")) and _no_room(previous, line, column_right))


#: A word that would have fitted with less than this share of the type size to spare is taken
#: not to have fitted: engines wrap a little short of the edge measured from the lines' ends
#: (LibreOffice's list items, by one or two points).
FIT_SLACK = 0.25


def _no_room(previous: PageLine, line: PageLine, column_right: float) -> bool:
    """Return True if the first word of ``line``, as drawn and with a space before it, would not
    have fitted after ``previous`` in a column ending at ``column_right`` (within ``FIT_SLACK``)."""
    return previous.right + 0.25 * line.size + line.lead > column_right - FIT_SLACK * line.size


def _same_marker(previous: PageLine, line: PageLine) -> bool:
    """Return True if ``line`` and the line before open with the same bullet and a space, or with
    numbers one after the other ("2." then "3."), at the same place: two items of one list, not a
    line wrapped into the next. Not a dash, a bracket or a quotation mark: running text wraps onto
    a line opening with one ("– as one put it –")."""
    if abs(previous.left - line.left) > 0.25 * line.size:
        return False
    symbol = line.text[:1]
    if symbol.isdigit():
        number, before = _NUMBER_MARKER.match(line.text), _NUMBER_MARKER.match(previous.text)
        return bool(number and before) and number[2] == before[2] and int(number[1]) == int(before[1]) + 1
    return bool(symbol) and not symbol.isalnum() and unicodedata.category(symbol) not in _NO_BULLETS \
        and line.text[1:2] == " " and previous.text[:2] == symbol + " "


#: A numbered list item's marker: its number and the stop after it ("3." , "3)"), then a space.
_NUMBER_MARKER = re.compile(r"(\d{1,3})([.)]) ")


def _next_in_column(lines: list[PageLine], columns: list[int], index: int) -> PageLine | None:
    """Return the line after ``lines[index]`` if it is in the same column (``columns``: each
    line's), just below it."""
    if index + 1 >= len(lines):
        return None
    line, below = lines[index], lines[index + 1]
    pitch = below.baseline - line.baseline
    return below if columns[index + 1] == columns[index] and 0 < pitch < 2 * max(line.size, below.size) else None


def layout(pages: list[list[PageLine]], params: PdfParams = PdfParams(),
           found: list[list[PageBlock]] | None = None, tops: dict[int, Tops] | None = None,
           spacing: Spacing | None = None, first_page: int = 1, numbered_after: int = 0) -> list[Line]:
    """Return the numbered lines of every page: indents in character widths from the column's
    left edge, a blank line where a new block shows, a column break where a column starts, and
    each line marked that the line before wrapped into; the blocks ``found`` whole on a page
    (pictures, tables) as lines standing for them, before the first line below their top.
    ``pages`` is emptied page by page on the way.

    ``spacing`` is the body's, measured on these pages when not given; the first of ``pages`` is
    page ``first_page``, and its lines are numbered on from the ``numbered_after`` lines laid out
    before (a long PDF's, handed on and let go).
    """
    spacing = spacing or measure_spacing(pages)
    out: list[Line] = []

    def put(found_block: PageBlock, page: int) -> None:
        out.append(Line(numbered_after + len(out) + 1, "", page))
        out.append(Line(numbered_after + len(out) + 1, "\ufffc", page, block=found_block.block, ends_block=True))
        out.append(Line(numbered_after + len(out) + 1, "", page))

    for number in range(len(pages)):
        # Each page's lines are let go once laid out: the page lines and the numbered lines
        # are never held whole together.
        lines, pages[number] = pages[number], []
        # A block goes after the last line (in reading order) above it, in its columns.
        after: dict[int, list[PageBlock]] = {}
        for block in sorted(found[number], key=lambda block: block.top) if found else []:
            place = max((index for index, line in enumerate(lines) if line.bottom <= block.top + 2.0
                         and block.left < line.right and line.left < block.right), default=-1)
            after.setdefault(place, []).append(block)
        for block in after.pop(-1, []):
            put(block, first_page + number)
        lefts = _column_lefts(lines, params) if lines else []
        columns = [_column_of(lefts, line) for line in lines]  # each line's
        rights = _column_rights(lines, columns, len(lefts))
        centred_page = _centred_page(lines, spacing)
        previous: PageLine | None = None
        previous_column = -1
        placed: list[tuple[int, int]] = []  # the page's lines: where in ``out``, in which column
        for index, line in enumerate(lines):
            if index - 1 in after:
                for block in after.pop(index - 1):
                    put(block, line.page)
                previous = None
            column = columns[index]
            cell = 0.5 * (line.size or spacing.size or 1)
            indent = max(0, round((line.left - lefts[column]) / cell))
            # Wrapped into from the line before (True), starting a block by a first-line indent
            # (False), or not told (None: the line before is in another block or column).
            indented = params.min_indent <= indent <= params.max_indent
            # At the top of a page or column, a first-line indent is one past the line below:
            # lines all set in from the margin (a list's text) are a block's, not its start. A
            # list item below starts a block of its own, and tells nothing of this line's indent.
            below = _next_in_column(lines, columns, index) if indented else None
            opens = indented and (below is None or below.left < line.left - cell
                                  or below.marker or list_marker(below.text) is not None)
            # Nor is a line that goes on with a word the line before broke ("Manage-" / "ment"),
            # however centred.
            broken = previous is not None and breaks_word(previous.text, line.text)
            wraps: bool | None = False if indented and not broken \
                and (previous.left < line.left - cell if previous else opens) else None
            if previous is not None:
                pitch = line.baseline - previous.baseline
                if pitch < -0.5 * line.size and _heading_runs_on(previous, line, rights[previous_column], spacing,
                                                                  params):
                    wraps = True  # a heading broken at a column's foot goes on at the next one's top
                elif pitch < -0.5 * line.size:
                    # back up the page: a new column
                    out.append(Line(numbered_after + len(out) + 1, "", line.page, 0, True))
                    wraps = False if opens else None
                elif (pitch > (1 + params.block_gap) * spacing.pitch * max(line.size, previous.size) / spacing.size
                      or _type_changes(previous, line, params)):
                    out.append(Line(numbered_after + len(out) + 1, "", line.page))
                    wraps = False if opens else None  # (all set in from the margin: a list's text)
                elif centred_page and _centred(previous, spacing) and _centred(line, spacing):
                    wraps = True if broken or _wraps_centred(previous, line, spacing, params) else None
                elif previous_column == column and out[-1].wraps and line.left < previous.left - cell:
                    wraps = False  # left of the block's wrapped lines: the next item of a hanging list
                elif previous_column == column and _wraps_into(previous, line, rights[column], spacing, params,
                                                               out[-1].wraps is True):
                    wraps = True
            if line.marker or previous is not None and _same_marker(previous, line):
                wraps = False  # a list marker drawn apart, or under the one before: an item starts
            out.append(Line(numbered_after + len(out) + 1, line.text, line.page, indent, size=line.size, bold=line.bold,
                            italic=line.italic, wraps=wraps, marks=line.marks, anchors=line.anchors,
                            room=rights[column] - line.right,
                            lead=line.lead + 0.25 * line.size if line.lead else None))
            if tops is not None:  # where each line stands, for links to places on a page
                if line.page not in tops:
                    tops[line.page] = (array("d"), array("q"))
                tops[line.page][0].append(line.top)
                tops[line.page][1].append(numbered_after + len(out))
            placed.append((len(out) - 1, column))
            previous, previous_column = line, column
        for (at, _), stretched in zip(placed, _stretched(out, placed, params, spacing.size)):
            if stretched is not None:
                out[at] = out[at].with_stretched(stretched)
        for blocks in after.values():  # after the page's last line
            for block in blocks:
                put(block, first_page + number)
    return out


def _stretched(out: list[Line], placed: list[tuple[int, int]], params: PdfParams,
               size: float) -> list[bool | None]:
    """Return, for each of a page's lines (``placed``: where in ``out``, in which column), whether
    it is stretched to its justified column's edge (True) or left short (False); None for a line
    not in a justified column's paragraphs.

    A column is justified when nearly all of its paragraphs' lines (in the text's type ``size``,
    not bold, at its margin, no list item's: names, headings and lists can be set ragged among
    justified text) that the next one wraps out of reach its right edge; there, such a line left
    short is the last of its paragraph, even where the next word would not have fitted after it.
    """
    known: dict[int, bool] = {}  # each line's answer, once asked

    def paragraphs(at: int) -> bool:
        if at not in known:
            line = out[at]
            known[at] = line.indent == 0 and line.room is not None and not line.bold \
                and _same_size(line.size, size, params) and list_marker(line.text) is None
        return known[at]

    reaching: dict[int, list[bool]] = {}
    for (at, column), (next_at, next_column) in zip(placed, placed[1:]):
        if column == next_column and out[next_at].wraps and out[next_at].indent == 0 and paragraphs(at):
            reaching.setdefault(column, []).append(abs(out[at].room) <= params.justified_slack * out[at].size)
    justified = {column for column, reach in reaching.items()
                 if len(reach) >= params.justified_lines and sum(reach) >= 0.9 * len(reach)}
    return [abs(out[at].room) <= params.justified_slack * out[at].size if column in justified and paragraphs(at)
            else None for at, column in placed]


@dataclass(frozen=True, slots=True)
class PdfSource:
    """A PDF read: its lines, what it says about itself, and what was found wrong on the way."""

    lines: list[Line]
    info: PdfInfo
    #: Each page's declared headings and list items, when the PDF is tagged (else empty).
    structure: tuple[tuple[TaggedBlock, ...], ...]
    diagnostics: list[Diagnostic]
    #: The pictures the lines' figures show, by resource name.
    resources: dict[str, Resource] = field(default_factory=dict)


def read_pdf(pdf: bytes | Path, name: str, params: PdfParams = PdfParams()) -> PdfSource:
    """Return the lines of the PDF ``pdf`` (its bytes, or its file), its metadata, bookmarks and tags.

    Raises InputError for a file that is no readable PDF, and for one with no text at all (a scan).
    """
    reading = PdfReading(pdf, name, params)
    laid = [line for lines in reading.pages() for line in lines]
    return PdfSource(_places_linked(laid, reading.tops), reading.info, reading.structure, reading.diagnostics,
                     reading.resources)


class PdfReading:
    """A PDF read page by page: ``pages`` hands on each page's lines laid out (the first
    ``spacing_pages`` together, measured as one), numbered on from the pages before; once they
    are all read, what the PDF says about itself and what was found wrong on the way."""

    def __init__(self, pdf: bytes | Path, name: str, params: PdfParams = PdfParams()) -> None:
        self.pdf, self.name, self.params = pdf, name, params
        document = open_pdf(pdf, name, params)
        try:
            self.count = len(document)
            self.info = document_info(document, structure=False)
        finally:
            document.close()
        self.tags = StructureReader(self.count) if self.info.tagged else None
        #: Where each line stands on its page, for links to places on a page.
        self.tops: dict[int, Tops] = {}
        self.diagnostics: list[Diagnostic] = []
        self.resources: dict[str, Resource] = {}

    @property
    def structure(self) -> tuple[tuple[TaggedBlock, ...], ...]:
        """Each page read's declared headings and list items, when the PDF is tagged (else empty)."""
        return self.tags.pages if self.tags is not None else ()

    def _arabic_words_whole(self, lines: list[Line]) -> list[Line]:
        """Return ``lines`` with the Arabic words a producer's kashida glyphs cut with a space (a
        glyph its font maps to a space) made whole, as in a text dump (``words_cut_at_kashida``)."""
        arabic = [index for index, line in enumerate(lines) if ARABIC_LETTER.search(line.text)]
        if not arabic:
            return lines
        lines, diagnostics = words_cut_at_kashida(lines, arabic)
        self.diagnostics.extend(diagnostics)
        return lines

    def pages(self) -> Iterator[list[Line]]:
        """Yield the laid-out lines of the PDF's pages, in order; raise InputError once all are
        read if none could be (damaged) or none holds text (a scan)."""
        params, name, count, tags = self.params, self.name, self.count, self.tags
        fonts = _Fonts()
        pages: list[list[PageLine]] = []  # read, not yet laid out
        pictures: list[list[PageBlock]] = []  # theirs
        kept = _KeptPictures()
        spacing: Spacing | None = None
        laid = 0  # lines handed on
        empty: list[int] = []
        damaged: list[int] = []
        unmapped: list[int] = []
        kashida: list[int] = []  # pages where characters standing for kashida glyphs were left out
        document = None
        try:
            for index in range(count):
                signals.check()  # a signal a PDFium page's finalizer swallowed ends the read here
                if index % params.pages_per_opening == 0:  # PDFium's caches let go now and then
                    if document is not None:
                        document.close()
                    document = open_pdf(self.pdf, name, params)
                unmapped_before, kashida_before = fonts.unmapped_runs, fonts.kashida_stand_ins
                lines = _read_page(document, index, name, fonts, params, tags, pictures)
                if fonts.kashida_stand_ins > kashida_before:
                    kashida.append(index + 1)
                pictures[-1] = kept.of(pictures[-1])
                pages.append(lines or [])
                if lines is None:
                    damaged.append(index + 1)
                    if tags is not None and len(tags.read_pages) == index:
                        tags.skip()
                elif not lines:
                    empty.append(index + 1)
                elif fonts.unmapped_runs > unmapped_before or any("\ufffd" in line.text for line in lines):
                    unmapped.append(index + 1)
                if spacing is None and len(pages) == params.spacing_pages:
                    spacing = measure_spacing(pages)
                if spacing is not None:  # the page (the first ones, once measured) laid out as read
                    out = layout(pages, params, pictures, self.tops, spacing, index + 2 - len(pages), laid)
                    pages, pictures = [], []
                    laid += len(out)
                    yield self._arabic_words_whole(out)
        finally:
            if document is not None:
                document.close()
        if len(damaged) == count:
            raise InputError("the PDF is damaged; PDFium cannot read any of its pages", name)
        if len(empty) + len(damaged) == count:
            raise InputError("the PDF has no text layer (a scan?); run OCR on it first, e.g. "
                             "`ocrmypdf in.pdf out.pdf`, and convert the result", name)
        if pages:  # fewer pages than measuring takes: all are measured
            yield self._arabic_words_whole(layout(pages, params, pictures, self.tops, None, count + 1 - len(pages),
                                                  laid))
        diagnostics = self.diagnostics
        diagnostics.extend(self.info.diagnostics)
        if tags is not None:
            diagnostics.extend(tags.diagnostics())
        if damaged:
            diagnostics.append(Diagnostic(0, "pdf-damaged-pages", f"{len(damaged)} page(s) PDFium cannot read "
                                          f"(damaged), left out: {_pages(damaged)}"))
        if empty:
            diagnostics.append(Diagnostic(0, "pdf-pages-without-text",
                                          f"{len(empty)} page(s) without text, left out (scans?): {_pages(empty)}"))
        if unmapped:
            named = sorted(font for font in fonts.unmapped_fonts if font)
            fonts_named = f" ({', '.join(named[:5])})" if named else ""
            diagnostics.append(Diagnostic(0, "unmapped-glyphs", f"text in fonts without a map to Unicode"
                                          f"{fonts_named} on page(s) {_pages(unmapped)}: its characters are left "
                                          "out or wrong; check those pages, or run OCR on them "
                                          "(`ocrmypdf --force-ocr`)"))
        if kashida:
            diagnostics.append(Diagnostic(0, "kashida", f"left out {fonts.kashida_stand_ins:,} character(s) a font "
                                          "maps kashida glyphs to (letters, signs, control characters between two "
                                          f"letters of an Arabic word, stretching a justified line) on page(s) "
                                          f"{_pages(kashida)}", "info"))
        if kept.full:
            diagnostics.append(Diagnostic(0, "pdf-pictures", f"more pictures than the limit ({MAX_IMAGES:,}, "
                                          f"{MAX_IMAGES_BYTES:,} bytes): the rest are left out"))
        self.resources = kept.resources


class _KeptPictures:
    """The pictures a PDF's pages show, kept in page order up to the limits (``MAX_IMAGES``
    pictures, ``MAX_IMAGES_BYTES`` bytes); past them, the rest are left out."""

    def __init__(self) -> None:
        self.resources: dict[str, Resource] = {}
        self.total = 0
        self.full = False

    def of(self, found: list[PageBlock]) -> list[PageBlock]:
        """Return a page's blocks ``found`` without the pictures past the limits."""
        for picture in (picture for picture in found if picture.resource is not None):
            if self.full or picture.resource.name in self.resources:
                continue
            self.total += len(picture.resource.data)
            if len(self.resources) >= MAX_IMAGES or self.total > MAX_IMAGES_BYTES:
                self.full = True
                continue
            self.resources[picture.resource.name] = picture.resource
        return [block for block in found if block.resource is None or block.resource.name in self.resources]


class _Places:
    """Links to places on a PDF's pages (``#dest-PAGE-TOP``) as links to the lines standing there
    (``#line-N``: the first line at or below that top, give or take a line's height), which
    recovery turns into the section holding it; "" where no line stands there."""

    def __init__(self, tops: dict[int, Tops]) -> None:
        self.tops = tops
        self.placed: dict[int, list[tuple[float, int]]] = {}  # each page's (top, number), top to bottom

    def __call__(self, target: str) -> str:
        _, page, top = target.split("-")
        if int(page) not in self.placed:
            self.placed[int(page)] = sorted(zip(*self.tops.get(int(page), ((), ()))))
        on_page = self.placed[int(page)]
        below = bisect.bisect_left(on_page, int(top) - 12.0, key=lambda place: place[0])
        return f"#line-{on_page[below][1]}" if below < len(on_page) else ""


def _places_linked(lines: list[Line], tops: dict[int, Tops]) -> list[Line]:
    """Return ``lines`` with each link to a place on a page made a link to the line there (``_Places``)."""
    if not any(anchor.inline.target.startswith("#dest-") for line in lines for anchor in line.anchors
               if isinstance(anchor.inline, Link)):
        return lines
    line_at = _Places(tops)
    out = []
    for line in lines:
        if line.anchors and any(isinstance(a.inline, Link) and a.inline.target.startswith("#dest-")
                                for a in line.anchors):
            anchors = []
            for anchor in line.anchors:
                if isinstance(anchor.inline, Link) and anchor.inline.target.startswith("#dest-"):
                    target = line_at(anchor.inline.target)
                    if not target:
                        continue
                    anchor = Anchor(anchor.start, anchor.end, Link((), target))
                anchors.append(anchor)
            line = replace(line, anchors=tuple(anchors))
        out.append(line)
    return out


def _read_page(document: pdfium.PdfDocument, index: int, name: str, fonts: _Fonts, params: PdfParams,
               tags: StructureReader | None, found: list[list[PageBlock]]) -> list[PageLine] | None:
    """Return the lines of page ``index`` of ``document`` (and read its tags into ``tags``, its
    pictures and ruled tables onto ``found``; the lines inside a table are its, not returned),
    or None when PDFium cannot load it (a damaged page tree or content); raise InputError for a
    page over the size limit."""
    found.append([])
    try:
        page = document[index]
    except pdfium.PdfiumError:
        return None
    try:
        width, height = page.get_size()
        if max(width, height) > params.max_page_side:
            raise InputError(f"page {index + 1} is {width:.0f} x {height:.0f} points; the limit is "
                             f"{params.max_page_side:.0f} on a side", name)
        textpage = page.get_textpage()
        try:
            shapes, images, thin = _drawings(page, height)
            lines = page_lines(page, textpage, index + 1, fonts, page_links(document, page), shapes)
            tables = _tables(textpage, height, thin, lines)
            if tables:
                lines = [line for line in lines if not any(_inside(line, table) for table in tables)]
            quotes = _quotes(page_rules(thin, height), lines)
            if quotes:
                taken = {id(line) for _, inside in quotes for line in inside}
                lines = [line for line in lines if id(line) not in taken]
                tables += [quote for quote, _ in quotes]
            # The page before's last table laid out by space may go on at this page's top.
            before = found[-2] if len(found) > 1 else []
            carried = next((block.columns for block in reversed(before) if block.columns), ())
            spaced = aligned_tables(textpage, height, lines, carried)
            if spaced:
                taken = {id(line) for table in spaced for line in table.lines}
                lines = [line for line in lines if id(line) not in taken]
                tables += [PageBlock(table.top, table.bottom, table.left, table.right, table.table,
                                     columns=table.columns) for table in spaced]
            images = _without_scans(textpage, images, lines, width, height)
            pictures = page_pictures(page, images, height)
            if pictures:
                pictures, lines = _with_alternatives(textpage, pictures, lines)
            found[-1] = [*pictures, *tables]
            if tags is not None:
                tags.read(page, textpage)
            return lines
        finally:
            textpage.close()
    except pdfium.PdfiumError:  # its text page could not be made
        return None
    finally:
        page.close()


def _pages(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:10]))
    return shown + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")


class PageOrigins(Sequence[tuple[int, int]]):
    """The (page, line on that page) of each line of a PDF, by number; (page, 0) for a line the
    reader put in (a blank between blocks, a column break). Two arrays: a tuple for each of a
    long PDF's lines took megabytes."""

    def __init__(self) -> None:
        self.pages = array("I")
        self.counts = array("I")
        self._counted = 0  # lines with text on the last page added

    def add(self, lines: Iterable[Line]) -> None:
        """Add the origins of ``lines``, the next ones by number."""
        for line in lines:
            if not self.pages or line.page != self.pages[-1]:
                self._counted = 0
            if line.text:
                self._counted += 1
            self.pages.append(line.page)
            self.counts.append(self._counted if line.text else 0)

    def __len__(self) -> int:
        return len(self.pages)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self.pages[index], self.counts[index]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and len(self) == len(other) and all(a == tuple(b) for a, b in
                                                                                 zip(self, other))

    def __hash__(self) -> int:
        return hash((self.pages.tobytes(), self.counts.tobytes()))


def origins(lines: list[Line]) -> PageOrigins:
    """Return the (page, line on that page) of each of ``lines`` (``PageOrigins``)."""
    found = PageOrigins()
    found.add(lines)
    return found


#: A line a recovery message mentions ("joined to the paragraph at line 1234").
_LINE_MENTION = re.compile(r"\b(at|from|to) line (\d+)\b")


def recover_pdf(pdf: bytes | Path, name: str, *, lang: str = "en", fallback_title: str = "",
                params: PdfParams = PdfParams()) -> Recovered:
    """Return the document tree recovered from the PDF ``pdf`` (its bytes, or its file: a long
    PDF's bytes are then never held), file ``name``, every block and diagnostic placed by page
    and line on the page.

    The PDF's bookmarks and tagged headings are evidence for headings, as a contents page is; its
    language (/Lang) is the document's; its Info title stands in when the title block has none.
    A PDF of more than ``params.whole_pages`` pages is recovered ``params.window_pages`` at a
    time (``Recovery``), so that its lines are never all held.
    """
    reading = PdfReading(pdf, name, params)
    recovery = Recovery(lang=reading.info.lang or lang, outline=[bookmark.title for bookmark in reading.info.bookmarks])
    found = PageOrigins()
    declared_to = 0  # the pages whose tagged headings recovery has been told

    def declare() -> None:
        nonlocal declared_to
        structure = reading.structure
        recovery.declare_headings(block.text.replace("\n", " ") for page in structure[declared_to:]
                                  for block in page if block.tag != "LI")
        declared_to = len(structure)

    place = None
    if reading.count <= params.whole_pages:
        lines = _places_linked([line for lines in reading.pages() for line in lines], reading.tops)
        found.add(lines)
        declare()
        recovery.read(lines)
    else:
        place = _Places(reading.tops)
        context: list[Line] = []  # the last window's last page
        waiting: list[list[Line]] = []  # pages read, not yet recovered: each page's lines
        for lines in reading.pages():
            found.add(lines)
            for _, page in groupby(lines, key=lambda line: line.page):
                waiting.append(list(page))
            # A window's pages and the next one are read; the last window takes what is left
            # when less than half a window would be (its furniture is told by repetition).
            while len(waiting) > params.window_pages \
                    and reading.count - waiting[-1][-1].page >= params.window_pages // 2:
                declare()
                own = waiting[:params.window_pages]
                recovery.read([*context, *chain.from_iterable(own), *waiting[params.window_pages]],
                              own_last=own[-1][-1].number)
                context, waiting = own[-1], waiting[params.window_pages:]
        declare()
        recovery.read([*context, *chain.from_iterable(waiting)])
    recovered = recovery.finish(reading.info.title or fallback_title, place)
    document = with_resources(replace(recovered.document, origins=found), reading.resources)
    placed = []

    def on_page(match: re.Match[str]) -> str:  # "at line 1234" (the reader's count) as a page and line
        found = document.origin(int(match.group(2)))
        word = "on" if match.group(1) == "at" else match.group(1)
        return f"{word} page {found[0]}, line {found[1]}" if found else match.group(0)

    for diagnostic in (*recovered.diagnostics, *reading.diagnostics):
        origin = document.origin(diagnostic.line) if not diagnostic.page else None
        message = _LINE_MENTION.sub(on_page, diagnostic.message)
        placed.append(replace(diagnostic, page=origin[0], line=origin[1], message=message) if origin
                      else replace(diagnostic, message=message))
    placed.sort(key=lambda d: (d.page, d.line))
    return Recovered(document, tuple(placed), recovered.dropped)
