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
import re
import statistics
from collections import Counter
from dataclasses import dataclass, replace

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..decode import clean_line
from ..errors import Diagnostic, InputError
from ..lines import Line
from . import MAX_PDF_BYTES, PDF_MAGIC
from ..recover import Recovered, recover


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
    #: Font sizes within this ratio of each other are the same size.
    same_size: float = 0.08

    def __post_init__(self) -> None:
        if self.max_bytes <= 0 or self.max_pages <= 0 or self.max_page_side <= 0:
            raise ValueError("PDF limits must be positive")
        if not 0 < self.block_gap < 2 or not 0 < self.same_size < 0.5:
            raise ValueError("block_gap must be in (0, 2) and same_size in (0, 0.5)")


#: Font-name parts that mean a bold or an italic face when the font's flags do not say so.
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demibold|extrabold", re.IGNORECASE)
_ITALIC_NAME = re.compile(r"italic|oblique|slanted", re.IGNORECASE)
_FLAG_ITALIC, _FLAG_FORCE_BOLD = 1 << 6, 1 << 18
#: PDFium's own line breaks between a page's lines.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LINE_END_HYPHEN = "\ufffe"
#: What ends a complete PDF, within its last kilobyte (writers may add a line end or padding).
_EOF_MARK, _EOF_WINDOW = b"%%EOF", 1024


@dataclass(frozen=True, slots=True)
class PageLine:
    """One line as the page draws it; coordinates in points from the page's top left."""

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


def open_pdf(data: bytes, name: str, params: PdfParams = PdfParams()) -> pdfium.PdfDocument:
    """Return the PDF document in ``data``; raise InputError, naming ``name``, when it cannot be read."""
    if len(data) > params.max_bytes:
        raise InputError(f"PDF is {len(data):,} bytes; the limit is {params.max_bytes:,}", name)
    if PDF_MAGIC not in data[:1024]:
        raise InputError("not a PDF file (no %PDF- header)", name)
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(_unopened(exc.err_code, data), name) from None
    pages = len(document)
    if pages == 0:
        document.close()
        raise InputError("the PDF has no pages", name)
    if pages > params.max_pages:
        document.close()
        raise InputError(f"the PDF has {pages:,} pages; the limit is {params.max_pages:,}", name)
    return document


def _unopened(code: int | None, data: bytes) -> str:
    """Return why PDFium could not open the PDF ``data``, from its error ``code``, in the user's terms."""
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return ("the PDF is encrypted with a password; save an unprotected copy (e.g. `qpdf --decrypt "
                "--password=PASSWORD in.pdf out.pdf`) and convert that")
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return ("the PDF is locked by a security handler PDFium does not support (DRM or certificate "
                "encryption); save an unprotected copy and convert that")
    if _EOF_MARK not in data[-_EOF_WINDOW:]:
        return ("the PDF is incomplete (it does not end with %%EOF: a download or copy cut short?); "
                "PDFium cannot read it")
    return "the PDF is damaged; PDFium cannot read it"


def _object_at():
    """Return PDFium's per-character text-object lookup, typed to give a plain address.

    A prototype of our own over the library's symbol (pypdfium2's shared prototype returns a
    pointer object, which is slow to compare): characters of one object share its address.
    """
    prototype = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
    return prototype(ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p).value)


_OBJECT_AT = _object_at()


class _Fonts:
    """Each font's bold and italic, found once from its name, weight and flags; and the fonts
    whose characters PDFium could not map to text."""

    def __init__(self) -> None:
        self.known: dict[tuple[bytes, int, int], tuple[bool, bool]] = {}
        self.buffer = ctypes.create_string_buffer(256)
        self.flags = ctypes.c_int()
        #: Runs of type whose first character has no Unicode value in its font (no ToUnicode
        #: map, no standard glyph name): PDFium then gives the character code itself, which is
        #: a wrong letter, or a control character that cleaning removes. One run is one font.
        self.unmapped_runs = 0
        self.unmapped_fonts: set[str] = set()

    def style(self, textpage, index: int) -> tuple[float, bool, bool]:
        """Return the size, bold and italic of character ``index`` of ``textpage`` (the first of a run)."""
        pdfium_c.FPDFText_GetFontInfo(textpage, index, self.buffer, len(self.buffer), ctypes.byref(self.flags))
        weight = pdfium_c.FPDFText_GetFontWeight(textpage, index)
        if pdfium_c.FPDFText_HasUnicodeMapError(textpage, index) == 1:
            self.unmapped_runs += 1
            self.unmapped_fonts.add(self.buffer.value.decode("latin-1"))
        key = (self.buffer.value, self.flags.value, weight)
        face = self.known.get(key)
        if face is None:
            font = key[0].decode("latin-1")
            face = (weight >= 600 or bool(self.flags.value & _FLAG_FORCE_BOLD) or bool(_BOLD_NAME.search(font)),
                    bool(self.flags.value & _FLAG_ITALIC) or bool(_ITALIC_NAME.search(font)))
            self.known[key] = face
        return pdfium_c.FPDFText_GetFontSize(textpage, index), *face


def _runs(page_address: int, first: int, last: int) -> list[int]:
    """Return the indexes in ``first..last`` where a new text object starts, ``first`` included.

    A text object's characters are consecutive, so a bisection finds each change of object
    without asking for every character's.
    """
    starts = [first]
    stack = [(first, _OBJECT_AT(page_address, first), last, _OBJECT_AT(page_address, last))]
    found: list[int] = []
    while stack:
        low, low_object, high, high_object = stack.pop()
        if low_object == high_object or high - low < 1:
            continue
        if high - low == 1:
            found.append(high)
            continue
        middle = (low + high) // 2
        middle_object = _OBJECT_AT(page_address, middle)
        stack.append((middle, middle_object, high, high_object))
        stack.append((low, low_object, middle, middle_object))
    return starts + sorted(found)


def _char_indexes(text: str, count: int) -> list[int] | None:
    """Return each text position's character index when they differ (characters beyond
    the Basic Multilingual Plane take two of PDFium's), else None."""
    if len(text) == count:
        return None
    indexes, index = [], 0
    for char in text:
        indexes.append(index)
        index += 2 if ord(char) > 0xFFFF else 1
    return indexes


def _segments(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of each line of a page's text.

    PDFium ends lines with CR LF, but runs a word broken by a hyphen at a line's end into the
    next line, writing the hyphen as U+FFFE: the line is cut after it.
    """
    segments = []
    start = 0
    for match in [*_LINE_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        hyphen = text.find(_LINE_END_HYPHEN, start, end)
        while hyphen >= 0:
            segments.append((start, hyphen + 1))
            start = hyphen + 1
            hyphen = text.find(_LINE_END_HYPHEN, start, end)
        segments.append((start, end))
        if match:
            start = match.end()
    return segments


def page_lines(page: pdfium.PdfPage, number: int, fonts: _Fonts) -> list[PageLine]:
    """Return the lines of one page, in PDFium's order, each with its box and its main font."""
    textpage = page.get_textpage()
    try:
        count = pdfium_c.FPDFText_CountChars(textpage)
        if count <= 0:
            return []
        text = textpage.get_text_range(0, count)
        height = page.get_height()
        address = ctypes.cast(textpage.raw, ctypes.c_void_p).value
        indexes = _char_indexes(text, count)
        left, bottom, right, top = (ctypes.c_double() for _ in range(4))
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
            pdfium_c.FPDFText_GetCharBox(textpage, first, left, right, bottom, top)
            line_left, line_top, line_bottom = left.value, top.value, bottom.value
            pdfium_c.FPDFText_GetCharBox(textpage, last, left, right, bottom, top)
            line_right = right.value
            line_top, line_bottom = max(line_top, top.value), min(line_bottom, bottom.value)
            runs = _runs(address, first, last)
            sizes: Counter[float] = Counter()
            bold = italic = 0
            for position, run in enumerate(runs):
                length = (runs[position + 1] if position + 1 < len(runs) else last + 1) - run
                size, run_bold, run_italic = fonts.style(textpage, run)
                sizes[round(size, 1)] += length
                bold += length * run_bold
                italic += length * run_italic
            total = last + 1 - first
            x, y = ctypes.c_double(), ctypes.c_double()
            pdfium_c.FPDFText_GetCharOrigin(textpage, first, x, y)
            lines.append(PageLine(clean_line(stripped.replace(_LINE_END_HYPHEN, "-")), number, line_left,
                                  line_right, height - line_top, height - line_bottom, height - y.value,
                                  sizes.most_common(1)[0][0], bold * 2 > total, italic * 2 > total))
        return lines
    finally:
        textpage.close()


@dataclass(frozen=True, slots=True)
class Spacing:
    """The text's usual type size and baseline-to-baseline pitch, from its most common lines."""

    size: float
    pitch: float


def measure_spacing(pages: list[list[PageLine]]) -> Spacing:
    """Return the body's usual size (most characters) and line pitch (most common at that size)."""
    sizes: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            sizes[line.size] += len(line.text)
    if not sizes:
        return Spacing(0.0, 0.0)
    size = sizes.most_common(1)[0][0]
    pitches: Counter[float] = Counter()
    for lines in pages:
        for previous, line in zip(lines, lines[1:]):
            pitch = line.baseline - previous.baseline
            if previous.size == line.size == size and 0.9 * size < pitch < 3 * size:
                pitches[round(pitch, 1)] += 1
    return Spacing(size, pitches.most_common(1)[0][0] if pitches else 1.2 * size)


def _column_lefts(lines: list[PageLine]) -> list[float]:
    """Return the left edges that several lines of the page share (its columns' margins), sorted."""
    edges = Counter(round(line.left) for line in lines)
    shared = sorted(edge for edge, count in edges.items() if count >= 3)
    return shared or sorted(edges)[:1]


def _same_size(first: float, second: float, params: PdfParams) -> bool:
    return abs(first - second) <= params.same_size * max(first, second)


def layout(pages: list[list[PageLine]], params: PdfParams = PdfParams()) -> list[Line]:
    """Return the numbered lines of every page: indents in character widths from the column's
    left edge, a blank line where a new block shows, a column break where a column starts."""
    spacing = measure_spacing(pages)
    out: list[Line] = []
    number = 0

    def add(line: Line) -> None:
        nonlocal number
        number += 1
        out.append(replace(line, number=number))

    for lines in pages:
        lefts = _column_lefts(lines)
        previous: PageLine | None = None
        for line in lines:
            column = lefts[max(bisect.bisect_right(lefts, round(line.left) + 1) - 1, 0)]
            cell = 0.5 * (line.size or spacing.size or 1)
            indent = max(0, round((line.left - column) / cell))
            if previous is not None:
                pitch = line.baseline - previous.baseline
                if pitch < -0.5 * line.size:
                    add(Line(0, "", line.page, 0, True))  # back up the page: a new column
                elif (pitch > (1 + params.block_gap) * spacing.pitch * max(line.size, previous.size) / spacing.size
                      or not _same_size(line.size, previous.size, params) or line.bold != previous.bold
                      or line.italic != previous.italic):
                    add(Line(0, "", line.page))
            add(Line(0, line.text, line.page, indent, size=line.size, bold=line.bold, italic=line.italic))
            previous = line
    return out


def read_pdf(data: bytes, name: str, params: PdfParams = PdfParams()) -> tuple[list[Line], list[Diagnostic]]:
    """Return the lines of the PDF ``data`` and what was found wrong on the way.

    Raises InputError for a file that is no readable PDF, and for one with no text at all (a scan).
    """
    document = open_pdf(data, name, params)
    fonts = _Fonts()
    pages: list[list[PageLine]] = []
    empty: list[int] = []
    damaged: list[int] = []
    unmapped: list[int] = []
    try:
        for index in range(len(document)):
            unmapped_before = fonts.unmapped_runs
            lines = _read_page(document, index, name, fonts, params)
            pages.append(lines or [])
            if lines is None:
                damaged.append(index + 1)
            elif not lines:
                empty.append(index + 1)
            elif fonts.unmapped_runs > unmapped_before or any("\ufffd" in line.text for line in lines):
                unmapped.append(index + 1)
    finally:
        document.close()
    if len(damaged) == len(pages):
        raise InputError("the PDF is damaged; PDFium cannot read any of its pages", name)
    if len(empty) + len(damaged) == len(pages):
        raise InputError("the PDF has no text layer (a scan?); run OCR on it first, e.g. "
                         "`ocrmypdf in.pdf out.pdf`, and convert the result", name)
    lines = layout(pages, params)
    diagnostics = []
    if damaged:
        diagnostics.append(Diagnostic(1, "pdf-damaged-pages", f"{len(damaged)} page(s) PDFium cannot read "
                                      f"(damaged), left out: {_pages(damaged)}"))
    if empty:
        diagnostics.append(Diagnostic(1, "pdf-pages-without-text",
                                      f"{len(empty)} page(s) without text, left out (scans?): {_pages(empty)}"))
    if unmapped:
        named = sorted(font for font in fonts.unmapped_fonts if font)
        fonts_named = f" ({', '.join(named[:5])})" if named else ""
        diagnostics.append(Diagnostic(1, "unmapped-glyphs", f"text in fonts without a map to Unicode{fonts_named} "
                                      f"on page(s) {_pages(unmapped)}: its characters are left out or wrong; "
                                      "check those pages, or run OCR on them (`ocrmypdf --force-ocr`)"))
    return lines, diagnostics


def _read_page(document: pdfium.PdfDocument, index: int, name: str, fonts: _Fonts,
               params: PdfParams) -> list[PageLine] | None:
    """Return the lines of page ``index`` of ``document``, or None when PDFium cannot load it (a
    damaged page tree or content); raise InputError for a page over the size limit."""
    try:
        page = document[index]
    except pdfium.PdfiumError:
        return None
    try:
        width, height = page.get_size()
        if max(width, height) > params.max_page_side:
            raise InputError(f"page {index + 1} is {width:.0f} x {height:.0f} points; the limit is "
                             f"{params.max_page_side:.0f} on a side", name)
        return page_lines(page, index + 1, fonts)
    except pdfium.PdfiumError:  # its text page could not be made
        return None
    finally:
        page.close()


def _pages(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:10]))
    return shown + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")


def recover_pdf(data: bytes, name: str, *, lang: str = "en", fallback_title: str = "") -> Recovered:
    """Return the document tree recovered from the PDF ``data`` (file ``name``)."""
    lines, found = read_pdf(data, name)
    recovered = recover(lines, lang=lang, fallback_title=fallback_title)
    if not found:
        return recovered
    return replace(recovered, diagnostics=tuple(sorted((*recovered.diagnostics, *found), key=lambda d: d.line)))
