"""What a PDF knows about itself: its metadata, language, bookmarks and, when tagged, declared structure.

Structure recovery guesses a report's title, language and headings from the text; a PDF may
say them outright. ``document_info`` reads what it says, through PDFium (pypdfium2):

- the document information dictionary (Title, Author, Subject, Keywords, Creator, Producer);
  a Title that names a file or a default ("Microsoft Word - report.docx", "Untitled") is no
  title (``is_placeholder_title``);
- the catalog's /Lang, as a canonical BCP 47 tag (``convert.langtags``);
- the outline (bookmarks), as (level, title, page);
- in a tagged PDF, each page's declared headings and list items (``pdf_tags``).

Every value comes from the file and is untrusted: strings are cleaned as page text is
(controls removed, whitespace made single spaces) and cut at ``InfoParams.max_text_chars``;
strings past ``max_read_chars`` are not read at all; the outline walk is bounded in count
and depth and stops at a cycle. Whatever was cut, refused or dropped becomes a diagnostic.
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
from ..langtags import LanguageTagError, language_tag
from .pdf_ctypes import address_of, utf16_buffer
from .pdf_tags import StructureReader, TaggedBlock, TagParams


@dataclass(frozen=True, slots=True)
class InfoParams:
    """The limits on what is read of a PDF's metadata, outline and tags."""

    #: Characters kept of one metadata value or bookmark title; longer ones are cut at a word.
    max_text_chars: int = 1_000
    #: A string longer than this (in characters) is not read at all: it is no title.
    max_read_chars: int = 4 * 1024 * 1024
    #: Bookmarks read; a report's outline has tens to a few thousand.
    max_bookmarks: int = 10_000
    #: Outline levels followed; deeper bookmarks are left out.
    max_bookmark_depth: int = 16
    #: Outline entries visited in all, cycles and skipped ones included.
    max_bookmark_visits: int = 50_000
    #: Limits on each page's structure tree.
    tags: TagParams = TagParams()

    def __post_init__(self) -> None:
        if min(self.max_text_chars, self.max_read_chars, self.max_bookmarks, self.max_bookmark_depth,
               self.max_bookmark_visits) <= 0:
            raise ValueError("PDF information limits must be positive")


class Bookmark(NamedTuple):
    """One outline entry: its ``level`` (1 for a top-level entry), ``title``, and the 1-based
    ``page`` it goes to (None when it goes nowhere in this file: a link, a script, a bad page)."""

    level: int
    title: str
    page: int | None


@dataclass(frozen=True, slots=True)
class PdfInfo:
    """What a PDF says about itself; "" or empty where it says nothing usable."""

    #: The Info Title, when it reads as a report's title (see ``is_placeholder_title``).
    title: str
    author: str
    subject: str
    keywords: str
    #: The application the document was written in ("Writer", "Microsoft Word").
    creator: str
    #: The application that made the PDF ("LibreOffice 7.4", "Skia/PDF m156").
    producer: str
    #: The catalog's /Lang, canonical BCP 47 ("en-US"); "" when absent, "und" or invalid.
    lang: str
    #: The outline, depth first, in the order a viewer shows it.
    bookmarks: tuple[Bookmark, ...]
    #: The catalog says the PDF is tagged (/MarkInfo /Marked true).
    tagged: bool
    #: Each page's declared headings and list items, ``structure[i]`` for page i + 1; empty
    #: when the PDF is not tagged or its structure was not asked for.
    structure: tuple[tuple[TaggedBlock, ...], ...]
    #: What was cut, refused or left out, and why.
    diagnostics: tuple[Diagnostic, ...]


#: The Info keys read, and the PdfInfo fields they fill.
_METADATA = (("Title", "title"), ("Author", "author"), ("Subject", "subject"), ("Keywords", "keywords"),
             ("Creator", "creator"), ("Producer", "producer"))

#: "Microsoft Word - report.docx": what Office's PDF printer puts before the file name.
_APPLICATION_PREFIX = re.compile(r"(?:Microsoft\s+)?(?:Word|PowerPoint|Excel|Office\s+Word)\s+-\s",
                                 re.IGNORECASE)
#: A file name's extension, of a format reports are written or printed from.
_FILE_EXTENSION = re.compile(r"\.(?:docx?|docm|dotx?|odt|ott|fodt|rtf|txt|md|tex|html?|xhtml|xml|pdf|ps|eps|"
                             r"indd|qxp|pages|pptx?|odp|xlsx?|ods|wpd|wps|pub|vsdx?|png|jpe?g|tiff?)$",
                             re.IGNORECASE)
#: Names applications give a new document, alone or numbered ("Document1", "Untitled-3").
_DEFAULT_NAME = re.compile(r"(?:untitled(?:\s+document)?|no\s+title|title|document|new\s+document|doc|"
                           r"presentation|powerpoint\s+presentation|book|workbook|slide|blank|"
                           r"microsoft\s+word\s+document|word\s+document|report|draft|temp|tmp|none|null|"
                           r"unknown|n/?a)[\s_-]*\d*", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")


def is_placeholder_title(title: str) -> bool:
    """Return whether a PDF's Title is no real title but a file name or an application's default.

    The rule, in order: a Title is a placeholder when it has no letter ("", "1", "***"); when it
    starts with an office application's name and " - " ("Microsoft Word - report.docx"); when
    it is a file name or path (ends in a document or image extension such as ".docx", or holds
    a "/" or "\\" and no space); or when it is, case aside and with an optional number, a name
    applications give a new or unnamed document ("Untitled", "Document1", "Presentation 2",
    "Untitled-3", "No title", "Report"). Any other text is taken as a title, however short.
    """
    title = title.strip()
    return (not _LETTER.search(title) or bool(_APPLICATION_PREFIX.match(title))
            or bool(_FILE_EXTENSION.search(title)) or (any(c in title for c in "/\\") and " " not in title)
            or bool(_DEFAULT_NAME.fullmatch(title)))


def document_info(document: pdfium.PdfDocument, params: InfoParams = InfoParams(), *,
                  structure: bool = True) -> PdfInfo:
    """Return what ``document`` says about itself: metadata, language, outline and, when
    ``structure`` is true and the PDF is tagged, each page's declared headings and list items.

    Reading the structure loads every page (and the text of those that declare something); a
    reader that loads them anyway passes ``structure=False`` and hands each page it reads to a
    ``pdf_tags.StructureReader``.
    """
    diagnostics: list[Diagnostic] = []
    handle = document.raw
    values = {field: _metadata(handle, key, params, diagnostics) for key, field in _METADATA}
    if values["title"] and is_placeholder_title(values["title"]):
        diagnostics.append(Diagnostic(0, "pdf-title-placeholder", f"the PDF's Title {_shown(values['title'])} "
                                      "names a file or a default, not the report; not used", "info"))
        values["title"] = ""
    tagged = bool(pdfium_c.FPDFCatalog_IsTagged(handle))
    pages = _structure(document, params.tags, diagnostics) if structure and tagged else ()
    return PdfInfo(**values, lang=_language(handle, params, diagnostics),
                   bookmarks=_bookmarks(document, params, diagnostics), tagged=tagged, structure=pages,
                   diagnostics=tuple(diagnostics))


def _read_utf16(function, *args, limit: int) -> str | None:
    """Return the UTF-16LE string a PDFium getter gives (it returns the size it needs, with a
    two-byte terminator, when handed no buffer); None when longer than ``limit`` characters."""
    size = function(*args, None, 0)
    if size <= 2:
        return ""
    if size > 2 * limit + 2:
        return None
    buffer = utf16_buffer(size)
    function(*args, buffer, size)
    return ctypes.string_at(buffer, size - 2).decode("utf-16-le", "replace")


def _clean(text: str, limit: int) -> tuple[str, bool]:
    """Return ``text`` on one line, cleaned as page text is and cut at a word to at most ``limit``
    characters, and whether it was cut."""
    text = " ".join(clean_line(text[:4 * limit]).split())
    if len(text) <= limit:
        return text, False
    cut = text[:limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip() + "\u2026", True


def _shown(text: str) -> str:
    """Return ``text`` quoted for a message, at most 60 characters of it."""
    return repr(text if len(text) <= 60 else text[:60] + "...")


def _metadata(handle, key: str, params: InfoParams, diagnostics: list[Diagnostic]) -> str:
    """Return the Info dictionary's value for ``key``, cleaned; "" when absent or refused."""
    raw = _read_utf16(pdfium_c.FPDF_GetMetaText, handle, key.encode("ascii") + b"\0",
                      limit=params.max_read_chars)
    if raw is None:
        diagnostics.append(Diagnostic(0, "pdf-metadata-too-long", f"the PDF's {key} is longer than "
                                      f"{params.max_read_chars:,} characters; not read"))
        return ""
    text, cut = _clean(raw, params.max_text_chars)
    if cut:
        diagnostics.append(Diagnostic(0, "pdf-metadata-cut", f"the PDF's {key} is {len(raw):,} characters long; "
                                      f"kept the first {params.max_text_chars:,}"))
    return text


def _language(handle, params: InfoParams, diagnostics: list[Diagnostic]) -> str:
    """Return the catalog's /Lang as a canonical BCP 47 tag; "" when absent, undetermined or invalid."""
    getter = getattr(pdfium_c, "FPDFCatalog_GetLanguage", None)
    if getter is None:  # PDFium has it since late 2025 (pypdfium2 5.15 ships it); no other API reads /Lang
        diagnostics.append(Diagnostic(0, "pdf-lang-unread", f"this PDFium ({pdfium.PDFIUM_INFO}) cannot read "
                                      "the PDF's /Lang; update pypdfium2", "info"))
        return ""
    raw = _read_utf16(getter, handle, limit=params.max_text_chars)
    text = " ".join(clean_line(raw).split()) if raw else ""
    if not text:
        if raw is None:
            diagnostics.append(Diagnostic(0, "pdf-lang-invalid", "the PDF's /Lang is too long to be a "
                                          "language tag; not used"))
        return ""
    try:
        tag = language_tag(text)
    except LanguageTagError as error:
        diagnostics.append(Diagnostic(0, "pdf-lang-invalid", f"the PDF's /Lang: {error}; not used"))
        return ""
    return "" if tag == "und" else tag


def _bookmarks(document: pdfium.PdfDocument, params: InfoParams,
               diagnostics: list[Diagnostic]) -> tuple[Bookmark, ...]:
    """Return the outline depth first, within the count and depth limits, each entry once."""
    handle, pages = document.raw, len(document)
    out: list[Bookmark] = []
    seen: set[int] = set()
    # An entry (a bookmark, or None at a list's end) and its level; children are pushed
    # after their next sibling so that they come out first.
    stack = [(pdfium_c.FPDFBookmark_GetFirstChild(handle, None), 1)]
    visits = cycles = deeper = cut = 0
    while stack:
        bookmark, level = stack.pop()
        address = address_of(bookmark)
        if not address:
            continue
        visits += 1
        if address in seen:
            cycles += 1  # everything from here on was read already
            continue
        if len(out) >= params.max_bookmarks or visits > params.max_bookmark_visits:
            diagnostics.append(Diagnostic(0, "pdf-bookmarks-cut", f"the PDF's outline has more than "
                                          f"{len(out):,} entries; kept the first {len(out):,}"))
            break
        seen.add(address)
        raw = _read_utf16(pdfium_c.FPDFBookmark_GetTitle, bookmark, limit=params.max_read_chars)
        title, too_long = _clean(raw, params.max_text_chars) if raw else ("", raw is None)
        cut += too_long
        out.append(Bookmark(level, title, _bookmark_page(handle, bookmark, pages)))
        stack.append((pdfium_c.FPDFBookmark_GetNextSibling(handle, bookmark), level))
        child = pdfium_c.FPDFBookmark_GetFirstChild(handle, bookmark)
        if level < params.max_bookmark_depth:
            stack.append((child, level + 1))
        elif child:
            deeper += 1
    if cycles:
        diagnostics.append(Diagnostic(0, "pdf-bookmarks-cycle", "the PDF's outline loops back on itself; "
                                      "each entry was read once"))
    if deeper:
        diagnostics.append(Diagnostic(0, "pdf-bookmarks-deep", "the PDF's outline is more than "
                                      f"{params.max_bookmark_depth} levels deep; {deeper} deeper part(s) "
                                      "left out"))
    if cut:
        diagnostics.append(Diagnostic(0, "pdf-bookmarks-long", f"{cut} bookmark title(s) longer than "
                                      f"{params.max_text_chars:,} characters, cut"))
    return tuple(out)


def _bookmark_page(handle, bookmark, pages: int) -> int | None:
    """Return the 1-based page a bookmark goes to, by its /Dest or its GoTo action; None if none."""
    destination = pdfium_c.FPDFBookmark_GetDest(handle, bookmark)
    if not destination:
        action = pdfium_c.FPDFBookmark_GetAction(bookmark)
        if action and pdfium_c.FPDFAction_GetType(action) == pdfium_c.PDFACTION_GOTO:
            destination = pdfium_c.FPDFAction_GetDest(handle, action)
    if not destination:
        return None
    index = pdfium_c.FPDFDest_GetDestPageIndex(handle, destination)
    return index + 1 if 0 <= index < pages else None


def _structure(document: pdfium.PdfDocument, params: TagParams,
               diagnostics: list[Diagnostic]) -> tuple[tuple[TaggedBlock, ...], ...]:
    """Return each page's declared headings and list items, loading every page."""
    reader = StructureReader(len(document), params)
    for index in range(len(document)):
        if reader.skipped:
            break
        page = document[index]
        try:
            reader.read(page)
        finally:
            page.close()
    diagnostics.extend(reader.diagnostics())
    return reader.pages
