"""The Word reader: a DOCX's body to lines, one per paragraph, with the type, headings and lists Word declares.

1. ``Package``        the zip within limits, its parts as inert XML (``docx_package``)
2. ``Styles``, ``Numbering``  each paragraph's resolved style, heading level and list marker
                      (``docx_styles``)
3. ``_Body``          the body in reading order: paragraphs, tables cell by cell, content
                      controls; tracked insertions read and deletions skipped (as if accepted);
                      the table-of-contents field or content control, comments, footnote
                      references and hidden text left out, each told in a diagnostic
4. ``_lines_of``      a paragraph's runs to Lines: its text (a line break starts a new Line
                      that runs on from it), type size, weight, slant and the runs set bold or
                      italic; a list item's marker ("3.", "•") put before its text

Headers and footers are never read: they are not in the body. Every paragraph is numbered
by its place in the body (1-based), so a diagnostic's line is a paragraph number; a blank
line stands between paragraphs. ``recover_docx`` hands the lines to structure recovery with
the headings the styles declare as evidence, as a PDF's bookmarks are.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

from ..decode import clean_line
from ..errors import Diagnostic, InputError
from ..lines import Dropped, Line
from ..recover import Recovered, recover
from .docx_package import CoreProperties, DocxLimits, Package
from .docx_styles import ListRef, Numbering, RunType, Styles, list_ref, outline_level, run_type, w

#: Elements that hold blocks or runs (tables, rows, cells, content controls, text boxes,
#: hyperlinks, tracked changes) nested deeper than this are refused: no document needs it, and
#: reading stays within Python's recursion limit. Word nests at most 63 tables (3 levels each).
MAX_NESTING = 200

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"
P, R, T, TBL, TR, TC, SDT, SDT_CONTENT = (w(tag) for tag in ("p", "r", "t", "tbl", "tr", "tc", "sdt", "sdtContent"))
PPR, RPR, TRPR, P_STYLE, R_STYLE, VAL = w("pPr"), w("rPr"), w("trPr"), w("pStyle"), w("rStyle"), w("val")
INS, DEL, MOVE_TO, MOVE_FROM = w("ins"), w("del"), w("moveTo"), w("moveFrom")
FLD_CHAR, FLD_SIMPLE, INSTR_TEXT = w("fldChar"), w("fldSimple"), w("instrText")
BR, BREAK_TYPE, COMMENT_REFERENCE = w("br"), w("type"), w("commentReference")
TXBX_CONTENT = w("txbxContent")
ALTERNATE_CONTENT, MC_CHOICE, MC_FALLBACK = f"{{{_MC}}}AlternateContent", f"{{{_MC}}}Choice", f"{{{_MC}}}Fallback"
MATH_T = f"{{{_MATH}}}t"
#: Elements whose children are blocks (paragraphs, tables) to read in order.
_BLOCK_CONTAINERS = frozenset({SDT_CONTENT, w("customXml"), INS, MOVE_TO, TC})
#: Elements whose children are runs (or more such elements) to read in order.
_INLINE_CONTAINERS = frozenset({w("hyperlink"), w("smartTag"), w("customXml"), INS, MOVE_TO, w("dir"), w("bdo"),
                                SDT_CONTENT})
_MATH_ELEMENTS = frozenset({f"{{{_MATH}}}oMath", f"{{{_MATH}}}oMathPara"})
_DRAWINGS = frozenset({w("drawing"), w("pict"), w("object"), ALTERNATE_CONTENT})
_NOTE_REFERENCES = frozenset({w("footnoteReference"), w("endnoteReference")})
#: A break of these types ends a page or column, not a line: it is left out (a space keeps words apart).
_PAGE_BREAKS = frozenset({"page", "column"})
#: What the run elements stand for, when it is a fixed text (a tab is decided later: ``_tabs``).
_RUN_TEXTS = {w("tab"): "\t", w("ptab"): "\t", w("cr"): "\n", w("noBreakHyphen"): "-", w("softHyphen"): ""}
#: A tab before a short last word (a page number) is the gap of a contents entry; others are spaces.
_MAX_PAGE_LABEL = 6


@dataclass(frozen=True, slots=True)
class DocxSource:
    """A Word document read: its lines, its core properties, the headings its styles declare,
    the contents entries left out, and what was found on the way."""

    lines: list[Line]
    properties: CoreProperties
    #: The text of every paragraph declared a heading (an outline level or a "Heading N" style).
    outline: tuple[str, ...]
    dropped: tuple[Dropped, ...]
    diagnostics: list[Diagnostic]


@dataclass(slots=True)
class _Field:
    """A complex field being read: its instruction so far, and whether its result has begun."""

    instruction: str = ""
    result: bool = False

    @property
    def contents(self) -> bool:
        return self.instruction.split()[:1] == ["TOC"]


@dataclass(slots=True)
class _Counts:
    """What the reader left out or changed, counted for its diagnostics."""

    tracked: int = 0
    comments: int = 0
    notes: int = 0
    hidden: int = 0
    tables: list[tuple[int, int]] = field(default_factory=list)  # first and last paragraph of each
    text_boxes: list[int] = field(default_factory=list)  # the paragraph each hangs from
    embedded: list[int] = field(default_factory=list)  # altChunk: the paragraph before each


#: One piece of a paragraph's text and its type ("\n" pieces break the line).
_Piece = tuple[str, RunType]


class _Body:
    """One reading of a document's body: paragraphs numbered in order, fields followed across them."""

    def __init__(self, styles: Styles, numbering: Numbering, name: str) -> None:
        self.styles, self.numbering, self.name = styles, numbering, name
        self.lines: list[Line] = []
        self.number = 0  # paragraphs met so far
        self.fields: list[_Field] = []
        self.counts = _Counts()
        self.outline: list[str] = []
        self.dropped: list[Dropped] = []
        self.contents_paragraphs: list[int] = []
        self.carried: list[_Piece] = []  # a paragraph whose mark was deleted runs on into the next
        self.text_boxes: list[etree._Element] = []

    # --- blocks -------------------------------------------------------------------------

    def blocks(self, parent: etree._Element, depth: int) -> None:
        """Read the paragraphs and tables under ``parent``, in order."""
        if depth > MAX_NESTING:
            raise InputError(f"tables, content controls or text boxes nest more than {MAX_NESTING} levels deep "
                             f"(at paragraph {self.number + 1}); no report does", self.name)
        for child in parent:
            tag = child.tag
            if tag == P:
                self.paragraph(child, depth)
            elif tag == TBL:
                first = self.number + 1
                self.blocks(child, depth + 1)
                if depth == 0 and self.number >= first:
                    self.counts.tables.append((first, self.number))
            elif tag == TR:
                properties = child.find(TRPR)
                if properties is not None and properties.find(DEL) is not None:
                    self.counts.tracked += 1  # a deleted row
                else:
                    self.blocks(child, depth + 1)
            elif tag == SDT:
                if _is_contents_control(child):
                    self.drop_contents_control(child)
                else:
                    self.blocks(child, depth + 1)
            elif tag in _BLOCK_CONTAINERS:
                if tag in (INS, MOVE_TO):
                    self.counts.tracked += 1
                self.blocks(child, depth + 1)
            elif tag in (DEL, MOVE_FROM):
                self.counts.tracked += 1
            elif tag == w("altChunk"):
                self.counts.embedded.append(self.number)

    def drop_contents_control(self, control: etree._Element) -> None:
        """Leave out a table-of-contents content control, listing its paragraphs as dropped."""
        for paragraph in control.iter(P):
            self.number += 1
            text = " ".join("".join(t.text or "" for t in paragraph.iter(T)).split())
            if text:
                self.dropped.append(Dropped(self.number, text, "contents"))
                self.contents_paragraphs.append(self.number)

    # --- paragraphs ---------------------------------------------------------------------

    def paragraph(self, paragraph: etree._Element, depth: int) -> None:
        self.number += 1
        number = self.number
        properties = paragraph.find(PPR)
        style_id = properties.find(P_STYLE) if properties is not None else None
        style = self.styles.paragraph(style_id.get(VAL, "") if style_id is not None else "")
        in_contents = any(f.contents for f in self.fields)
        pieces: list[_Piece] = self.carried
        self.carried = []
        contents: list[_Piece] = []
        self.inlines(paragraph, style.run, pieces, contents, depth)
        boxes, self.text_boxes = self.text_boxes, []
        mark = properties.find(RPR) if properties is not None else None
        if mark is not None and mark.find(INS) is not None:
            self.counts.tracked += 1
        if mark is not None and mark.find(DEL) is not None:
            self.counts.tracked += 1  # the paragraph mark was deleted: the text runs on into the next one
            self.carried = pieces
        else:
            level = outline_level(properties)
            heading = (level + 1 if level < 9 else None) if level is not None else style.heading_level
            self.emit(number, pieces, properties, style, heading)
        contents_text = _plain(contents)
        if contents_text or (in_contents and not _plain(pieces)):
            if contents_text:
                self.dropped.append(Dropped(number, contents_text, "contents"))
            self.contents_paragraphs.append(number)
        for box in boxes:
            self.counts.text_boxes.append(number)
            self.blocks(box, depth + 1)

    def emit(self, number: int, pieces: list[_Piece], properties: etree._Element | None, style,
             heading: int | None) -> None:
        """Add the lines of paragraph ``number``: its marker first when it is a list item."""
        ref: ListRef | None = list_ref(properties) or style.list_ref
        marker = self.numbering.marker(ref) if ref is not None and heading is None else ""
        text = _plain(pieces)
        if style.contents_heading and text:
            self.dropped.append(Dropped(number, text, "contents"))
            self.contents_paragraphs.append(number)
            return
        if not text:
            return
        if marker:
            pieces = [(marker + " ", pieces[0][1] if pieces else RunType()), *pieces]
        if self.lines and self.lines[-1].text:
            self.lines.append(Line(self.lines[-1].number, ""))
        lines = _lines_of(number, pieces)
        if heading is not None:
            # A heading's first line is what it declares: after a line break may come what is
            # no title (a speaker's affiliation under a name set as a heading); recovery finds
            # a title's further lines as it does a wrapped heading's.
            self.outline.append(lines[0].text)
        self.lines.extend(lines)

    def inlines(self, parent: etree._Element, base: RunType, pieces: list[_Piece], contents: list[_Piece],
                depth: int) -> None:
        """Read the runs under ``parent`` into ``pieces`` (the text shown) and ``contents`` (the
        text of a table-of-contents field)."""
        if depth > MAX_NESTING:
            raise InputError(f"runs nest more than {MAX_NESTING} levels deep (at paragraph {self.number}); "
                             "no report does", self.name)
        for child in parent:
            tag = child.tag
            if tag == R:
                self.run(child, base, pieces, contents, depth)
            elif tag in _INLINE_CONTAINERS:
                if tag in (INS, MOVE_TO):
                    self.counts.tracked += 1
                self.inlines(child, base, pieces, contents, depth + 1)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    self.inlines(content, base, pieces, contents, depth + 1)
            elif tag == FLD_SIMPLE:
                simple = _Field(child.get(w("instr"), "").strip(), True)
                self.fields.append(simple)
                self.inlines(child, base, pieces, contents, depth + 1)
                self.fields.remove(simple)
            elif tag in (DEL, MOVE_FROM):
                self.counts.tracked += 1
            elif tag == ALTERNATE_CONTENT:
                choice = child.find(MC_CHOICE)
                if choice is not None:
                    self.inlines(choice, base, pieces, contents, depth + 1)
            elif tag in _MATH_ELEMENTS:
                self.text("".join(t.text or "" for t in child.iter(MATH_T)), base, pieces, contents)

    def run(self, run: etree._Element, base: RunType, pieces: list[_Piece], contents: list[_Piece],
            depth: int) -> None:
        properties = run.find(RPR)
        kind = RunType()
        if properties is not None:
            style = properties.find(R_STYLE)
            kind = run_type(properties)
            if style is not None:
                kind = kind.over(self.styles.character(style.get(VAL, "")))
        kind = kind.over(base)
        for child in run:
            tag = child.tag
            if tag == T:
                if kind.hidden:
                    self.counts.hidden += 1
                else:
                    self.text(child.text or "", kind, pieces, contents)
            elif tag in _RUN_TEXTS:
                self.text(_RUN_TEXTS[tag], kind, pieces, contents)
            elif tag == BR:
                self.text(" " if child.get(BREAK_TYPE) in _PAGE_BREAKS else "\n", kind, pieces, contents)
            elif tag == w("sym"):
                code = child.get(w("char"), "")
                if code and all(c in "0123456789abcdefABCDEF" for c in code) and len(code) <= 6:
                    self.text(chr(int(code, 16)), kind, pieces, contents)
            elif tag == FLD_CHAR:
                self.field_char(child.get(w("fldCharType"), ""))
            elif tag == INSTR_TEXT:
                if self.fields and not self.fields[-1].result:
                    self.fields[-1].instruction += child.text or ""
            elif tag in _NOTE_REFERENCES:
                self.counts.notes += 1
            elif tag == COMMENT_REFERENCE:
                self.counts.comments += 1
            elif tag in _DRAWINGS:
                self.text_boxes.extend(_text_boxes(child))
            elif tag == w("ruby"):
                base_text = child.find(w("rubyBase"))
                if base_text is not None:
                    self.inlines(base_text, kind, pieces, contents, depth + 1)

    def field_char(self, kind: str) -> None:
        if kind == "begin":
            self.fields.append(_Field())
        elif kind == "separate" and self.fields:
            self.fields[-1].instruction = self.fields[-1].instruction.strip()
            self.fields[-1].result = True
        elif kind == "end" and self.fields:
            self.fields.pop()

    def text(self, text: str, kind: RunType, pieces: list[_Piece], contents: list[_Piece]) -> None:
        """Add ``text`` where it belongs: shown, a contents entry, or nowhere (a field's instruction)."""
        if not text:
            return
        if any(not f.result for f in self.fields):
            return
        (contents if any(f.contents for f in self.fields) else pieces).append((text, kind))


def _is_contents_control(control: etree._Element) -> bool:
    """Return True for a content control that Word made for a table of contents (its building-block gallery)."""
    gallery = control.find(f"{w('sdtPr')}/{w('docPartObj')}/{w('docPartGallery')}")
    return gallery is not None and gallery.get(w("val"), "").strip().lower() == "table of contents"


def _text_boxes(element: etree._Element) -> list[etree._Element]:
    """Return the outermost text-box contents under a drawing, in order (an alternate content's
    fallback repeats its choice, and is skipped)."""
    found: list[etree._Element] = []
    stack = [element]
    while stack:
        current = stack.pop()
        if current.tag == TXBX_CONTENT:
            found.append(current)
            continue
        if current.tag == MC_FALLBACK:
            continue
        children = list(current)
        if current.tag == ALTERNATE_CONTENT:
            children = children[:1]
        stack.extend(reversed(children))
    return found


def _plain(pieces: list[_Piece]) -> str:
    return " ".join("".join(text for text, _ in pieces).split())


# --- a paragraph's lines ---------------------------------------------------------------


def _kept_tab(text: str) -> int:
    """Return where the one tab of ``text`` that stays a tab is, or -1: a tab before a short last
    word (a contents entry's page number) is the gap contents detection looks for; every other
    tab is a space."""
    position = text.rfind("\t")
    if position < 0:
        return -1
    head, tail = text[:position].strip(), text[position + 1:].strip()
    return position if head and 0 < len(tail) <= _MAX_PAGE_LABEL and " " not in tail else -1


def _lines_of(number: int, pieces: list[_Piece]) -> list[Line]:
    """Return the lines of paragraph ``number`` from its pieces: one per line break, the first
    starting a block, the others running on from it; a break on an empty line leaves a blank."""
    lines: list[Line] = []
    current: list[_Piece] = []
    for text, kind in [*pieces, ("\n", RunType())]:
        if "\n" not in text:
            current.append((text, kind))
            continue
        parts = text.split("\n")
        for index, part in enumerate(parts):
            if part:
                current.append((part, kind))
            if index == len(parts) - 1:
                break
            line = _line(number, current, wraps=bool(lines) and bool(lines[-1].text))
            current = []
            if line is not None:
                lines.append(line)
            elif lines and lines[-1].text:
                lines.append(Line(number, ""))
    while lines and not lines[-1].text:
        lines.pop()
    return lines


_SPACE_RUN = re.compile(" {2,}")


def _clean_pieces(pieces: list[_Piece]) -> list[_Piece]:
    """Return ``pieces`` cleaned as a dump's text is (``clean_line``), tabs made spaces but the one
    ``_kept_tab`` keeps, runs of spaces made one, and the ends stripped; empty pieces left out."""
    cleaned = [("\t".join(clean_line(part) for part in text.split("\t")) if "\t" in text else clean_line(text), kind)
               for text, kind in pieces]
    whole = "".join(text for text, _ in cleaned)
    kept = _kept_tab(whole) if "\t" in whole else -1
    out: list[_Piece] = []
    offset = 0
    ends_in_space = True  # nothing yet: leading spaces go
    for text, kind in cleaned:
        if "\t" in text:
            text = "".join("\t" if char == "\t" and offset + index == kept else (" " if char == "\t" else char)
                           for index, char in enumerate(text))
        offset += len(text)
        if "  " in text:
            text = _SPACE_RUN.sub(" ", text)
        if ends_in_space:
            text = text.lstrip(" ")
        if text:
            out.append((text, kind))
            ends_in_space = text.endswith((" ", "\t"))
    while out and out[-1][0].rstrip(" \t") != out[-1][0]:
        text, kind = out.pop()
        if text.rstrip(" \t"):
            out.append((text.rstrip(" \t"), kind))
            break
    return out


def _line(number: int, pieces: list[_Piece], wraps: bool) -> Line | None:
    """Return one line of text from ``pieces``, cleaned, with its type (the size and weight most
    of its letters have) and its bold and italic runs; None when it holds no text. ``wraps``
    False: it starts the block."""
    pieces = _clean_pieces(pieces)
    if not pieces:
        return None
    sizes: Counter[float] = Counter()
    bold = italic = visible = 0
    marks: list[tuple[int, int, bool, bool]] = []
    start = 0
    for text, kind in pieces:
        end = start + len(text)
        letters = len(text) - text.count(" ")
        sizes[kind.size or 0.0] += letters
        visible += letters
        if kind.bold or kind.italic:
            bold += letters if kind.bold else 0
            italic += letters if kind.italic else 0
            style = (bool(kind.bold), bool(kind.italic))
            if marks and marks[-1][1] == start and marks[-1][2:] == style:
                marks[-1] = (marks[-1][0], end, *style)
            else:
                marks.append((start, end, *style))
        start = end
    return Line(number, "".join(text for text, _ in pieces), size=sizes.most_common(1)[0][0],
                bold=2 * bold > visible, italic=2 * italic > visible, wraps=wraps, marks=tuple(marks))


# --- the document ----------------------------------------------------------------------


def read_docx(data: bytes, name: str, limits: DocxLimits = DocxLimits()) -> DocxSource:
    """Return the lines of the Word document ``data`` (file ``name``), its core properties and
    declared headings.

    Raises InputError for a file that is no readable Word document (not a zip, another Office
    file, encrypted, over the limits, not well-formed, an XML DTD, absurd nesting) and for one
    without text.
    """
    package = Package(data, name, limits)
    diagnostics: list[Diagnostic] = []
    properties = package.core_properties(diagnostics)
    document = package.xml(package.main)
    body = document.find(w("body")) if document is not None else None
    if body is None:
        raise InputError("the Word document has no body (word/document.xml holds no w:body)", name)
    styles_part = package.related(package.main, "styles")
    numbering_part = package.related(package.main, "numbering")
    styles = Styles(package.xml(styles_part) if styles_part else None)
    numbering = Numbering(package.xml(numbering_part) if numbering_part else None, styles)
    reader = _Body(styles, numbering, name)
    reader.blocks(body, 0)
    if reader.carried:  # the last paragraph's mark deleted: its text still counts
        reader.emit(reader.number, reader.carried, None, styles.paragraph(""), None)
    if not any(line.text for line in reader.lines):
        raise InputError("the Word document has no text (its body is empty, or holds only pictures)", name)
    diagnostics.extend(_diagnostics(reader))
    return DocxSource(reader.lines, properties, tuple(reader.outline), tuple(reader.dropped), diagnostics)


def _diagnostics(reader: _Body) -> list[Diagnostic]:
    """Return what the reader left out or changed, one diagnostic per kind."""
    counts = reader.counts
    found: list[Diagnostic] = []
    if reader.contents_paragraphs:
        first, last = reader.contents_paragraphs[0], reader.contents_paragraphs[-1]
        found.append(Diagnostic(first, "contents", f"left out the table of contents (paragraphs {first}-{last}); "
                                "its entries are the document's headings", "info"))
    for first, last in counts.tables:
        found.append(Diagnostic(first, "docx-table", f"a table (paragraphs {first}-{last}) read as paragraphs, "
                                "row by row and cell by cell"))
    for number in sorted(set(counts.text_boxes)):
        found.append(Diagnostic(number, "docx-text-box", "a text box's paragraphs read after this paragraph", "info"))
    for number in counts.embedded:
        found.append(Diagnostic(number, "docx-embedded-document", "an embedded document (w:altChunk) after this "
                                "paragraph is not read: open the file in Word and save it to merge it in"))
    if counts.tracked:
        found.append(Diagnostic(0, "docx-tracked-changes", f"{counts.tracked} tracked change(s) read as if accepted: "
                                "insertions kept, deletions left out"))
    if counts.comments:
        found.append(Diagnostic(0, "docx-comments", f"{counts.comments} comment(s) left out", "info"))
    if counts.notes:
        found.append(Diagnostic(0, "docx-notes", f"{counts.notes} footnote or endnote reference(s) left out, "
                                "with their notes", "info"))
    if counts.hidden:
        found.append(Diagnostic(0, "docx-hidden-text", f"{counts.hidden} run(s) of hidden text left out", "info"))
    return found


def recover_docx(data: bytes, name: str, *, lang: str = "en", fallback_title: str = "") -> Recovered:
    """Return the document tree recovered from the Word document ``data`` (file ``name``).

    The headings its styles declare are evidence for headings, as a PDF's bookmarks are; its
    language (``dc:language``) is the document's; its title property stands in when the title
    block has none. Diagnostics' lines are paragraph numbers.
    """
    source = read_docx(data, name)
    recovered = recover(source.lines, lang=source.properties.lang or lang,
                        fallback_title=source.properties.title or fallback_title, outline=source.outline)
    diagnostics = sorted((*recovered.diagnostics, *source.diagnostics), key=lambda d: d.line)
    dropped = sorted((*recovered.dropped, *source.dropped), key=lambda d: d.line)
    return Recovered(recovered.document, tuple(diagnostics), tuple(dropped))
