"""A Word document's body in reading order: its paragraphs as pieces of typed text, and what was left out.

``Body`` walks ``w:body`` once, as Word lays it out:

- paragraphs in order, each numbered by its place (1-based, every ``w:p`` counted, those in
  tables and text boxes too); tables row by row and cell by cell; content controls, custom
  XML and tracked insertions read through; text boxes after the paragraph they hang from;
- tracked changes as if accepted: insertions and moves' new places read, deletions and
  moves' old places skipped, a deleted paragraph mark running its text on into the next;
- fields by their result (a cross-reference shows its text), but a table of contents (the
  ``TOC`` field, or the content control Word wraps it in) left out, its entries kept apart;
- comments, footnote and endnote references and hidden text left out, and counted.

Each paragraph's pieces go to ``docx_lines``; the counts become diagnostics in ``docx``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from lxml import etree

from .. import nodes as n
from ..errors import InputError
from ..images import ImageError, resource_for
from ..lines import Anchor, Dropped, Line
from ..recover.patterns import slugify
from ..recover.simple import simple_blocks
from .docx_lists import ItemMark, nest_lists
from .docx_lines import LINK_END, LINK_START, OBJECT, SENTINELS, Piece, paragraph_lines, plain
from .docx_styles import (BODY_OUTLINE_LEVEL, ListRef, Numbering, ParagraphStyle, RunType, Styles,
                          paragraph_properties, run_properties, w)

#: Elements that hold blocks or runs (tables, rows, cells, content controls, text boxes,
#: hyperlinks, tracked changes) nested deeper than this are refused: no document needs it, and
#: reading stays within Python's recursion limit. Word nests at most 63 tables (3 levels each).
MAX_NESTING = 200

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"
P, R, T, TBL, TR, TC, SDT, SDT_CONTENT = (w(tag) for tag in ("p", "r", "t", "tbl", "tr", "tc", "sdt", "sdtContent"))
PPR, RPR, TRPR, VAL = w("pPr"), w("rPr"), w("trPr"), w("val")
INS, DEL, MOVE_TO, MOVE_FROM = w("ins"), w("del"), w("moveTo"), w("moveFrom")
FLD_CHAR, FLD_CHAR_TYPE, FLD_SIMPLE, INSTR_TEXT = w("fldChar"), w("fldCharType"), w("fldSimple"), w("instrText")
BR, BREAK_TYPE, SYM, COMMENT_REFERENCE = w("br"), w("type"), w("sym"), w("commentReference")
RUBY, RUBY_BASE, ALT_CHUNK, TXBX_CONTENT = w("ruby"), w("rubyBase"), w("altChunk"), w("txbxContent")
ALTERNATE_CONTENT, MC_CHOICE, MC_FALLBACK = f"{{{_MC}}}AlternateContent", f"{{{_MC}}}Choice", f"{{{_MC}}}Fallback"
MATH_T = f"{{{_MATH}}}t"
#: Elements whose children are blocks (paragraphs, tables, rows, cells) to read in order.
_BLOCK_CONTAINERS = frozenset({SDT_CONTENT, w("customXml"), INS, MOVE_TO, TC})
#: Elements whose children are runs (or more such elements) to read in order.
_INLINE_CONTAINERS = frozenset({w("hyperlink"), w("smartTag"), w("customXml"), INS, MOVE_TO, w("dir"), w("bdo"),
                                SDT_CONTENT})
_TRACKED = frozenset({INS, MOVE_TO})
_DELETED = frozenset({DEL, MOVE_FROM})
_MATH_ELEMENTS = frozenset({f"{{{_MATH}}}oMath", f"{{{_MATH}}}oMathPara"})
_DRAWINGS = frozenset({w("drawing"), w("pict"), w("object"), ALTERNATE_CONTENT})
_NOTE_REFERENCES = frozenset({w("footnoteReference"), w("endnoteReference")})
#: A break of these types ends a page or column, not a line: a space keeps the words apart.
_PAGE_BREAKS = frozenset({"page", "column"})
#: Run elements that stand for a fixed text (a tab is decided per line, in ``docx_lines``).
_RUN_TEXTS = {w("tab"): "\t", w("ptab"): "\t", w("cr"): "\n", w("noBreakHyphen"): "-", w("softHyphen"): ""}
_HEX = frozenset("0123456789abcdefABCDEF")
_DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
BLIP, DOC_PR, R_EMBED, R_ID = f"{{{_DRAWING_NS}}}blip", f"{{{_WP_NS}}}docPr", f"{{{_R_NS}}}embed", f"{{{_R_NS}}}id"
HYPERLINK, BOOKMARK_START = w("hyperlink"), w("bookmarkStart")
TBL_PR, TC_PR, GRID_SPAN, V_MERGE, TBL_HEADER, TBL_LOOK = (w(tag) for tag in ("tblPr", "tcPr", "gridSpan", "vMerge",
                                                                                "tblHeader", "tblLook"))
_NOTE_KINDS = {w("footnoteReference"): "footnote", w("endnoteReference"): "endnote"}
#: Paragraph styles (lowercased names, or an ancestor's) that set a quotation apart.
_QUOTE_STYLES = frozenset({"quote", "intense quote", "block text", "quotation"})


@dataclass
class Related:
    """What the body's paragraphs point at outside them: links' targets by relationship id, the
    headings bookmarks stand on, the notes by kind and id, and a reader of pictures' bytes."""

    links: dict[str, str] = field(default_factory=dict)
    bookmarks: dict[str, str] = field(default_factory=dict)  # bookmark name -> its paragraph's text
    notes: dict[tuple[str, str], etree._Element] = field(default_factory=dict)
    picture: Callable[[str], bytes | None] = lambda rid: None
    #: The links and pictures of the footnotes' and the endnotes' own parts (relationship ids
    #: are a part's own), by kind ("footnote", "endnote").
    note_parts: dict[str, tuple[dict[str, str], Callable[[str], bytes | None]]] = field(default_factory=dict)


@dataclass(slots=True)
class Field:
    """A complex field being read: its instruction so far, and whether its result has begun."""

    instruction: str = ""
    result: bool = False
    #: Its result is left out as a table of contents.
    left_out: bool = False

    @property
    def contents(self) -> bool:
        """Return True for a table of contents (the TOC field; its result lists the headings)."""
        return self.instruction.split()[:1] == ["TOC"]


@dataclass(slots=True)
class Counts:
    """What the reader left out or changed, counted for its diagnostics."""

    tracked: int = 0
    comments: int = 0
    notes: int = 0
    hidden: int = 0
    text_boxes: list[int] = field(default_factory=list)  # the paragraph each hangs from
    embedded: list[int] = field(default_factory=list)  # altChunk: the paragraph before each
    contents: list[int] = field(default_factory=list)  # paragraphs of a table of contents
    pictures_refused: list[str] = field(default_factory=list)
    #: A field still open where the body ends: (paragraph it began in, is it a table of contents).
    unclosed: tuple[int, bool] | None = None


class Body:
    """One reading of a document's body: paragraphs numbered in order, fields followed across them."""

    def __init__(self, styles: Styles, numbering: Numbering, name: str, leave_out_contents: bool = True,
                 related: Related | None = None) -> None:
        self.styles, self.numbering, self.name = styles, numbering, name
        self.related = related or Related()
        #: The links and pictures of the part being read (the body's, or a note part's).
        self.links, self.pictures = self.related.links, self.related.picture
        #: The notes, links and pictures of the paragraph being read, in the order of their sentinels.
        self.objects: list[n.Inline] = []
        self.resources: dict[str, n.Resource] = {}
        self.quoted_last = 0  # the last paragraph put in a block quote
        self.items: dict[int, ItemMark] = {}  # list paragraphs by number
        #: False when a first reading found a table of contents that never ends: its field is
        #: then read as text, lest everything after it be lost.
        self.leave_out_contents = leave_out_contents
        self.lines: list[Line] = []
        self.number = 0  # paragraphs met so far
        self.outline: list[str] = []
        self.dropped: list[Dropped] = []
        self.counts = Counts()
        self.fields: list[tuple[Field, int]] = []  # open fields and the paragraph each began in
        # How many open fields show no text (in their instruction), and how many are a table of
        # contents showing its result: kept as counts, so a text piece is placed at once.
        self.in_instruction = 0
        self.in_contents = 0
        self.carried: list[Piece] = []  # a paragraph whose mark was deleted runs on into the next
        self.text_boxes: list[etree._Element] = []

    def read(self, body: etree._Element) -> None:
        """Read ``body`` (a ``w:body``) to the end."""
        self.blocks(body, 0)
        if self.carried:  # the last paragraph mark deleted: its text still counts
            self.emit(self.number, self.carried, None, self.styles.paragraph(""), None)
        self.lines = nest_lists(self.lines, self.items)
        if self.fields:
            started, contents = self.fields[0][1], any(open_field.left_out for open_field, _ in self.fields)
            self.counts.unclosed = (started, contents)

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
                table = self.table(child, depth + 1)
                if table is not None:
                    if self.lines and self.lines[-1].text:
                        self.lines.append(Line(self.lines[-1].number, ""))
                    words = " ".join(n.plain_text(b.inlines) for b in n.iter_blocks((table,)) if isinstance(b, n.Para))
                    self.lines.append(Line(first, " ".join(words.split())[:200] or OBJECT, block=table))

            elif tag == SDT:
                if _is_contents_control(child):
                    self.drop_contents_control(child)
                else:
                    self.blocks(child, depth + 1)
            elif tag in _BLOCK_CONTAINERS:
                self.counts.tracked += tag in _TRACKED
                self.blocks(child, depth + 1)
            elif tag in _DELETED:
                self.counts.tracked += 1
            elif tag == ALTERNATE_CONTENT:
                choice = child.find(MC_CHOICE)
                if choice is not None:
                    self.blocks(choice, depth + 1)
            elif tag == ALT_CHUNK:
                self.counts.embedded.append(self.number)

    def cell_blocks(self, cell: etree._Element, depth: int) -> tuple[n.Block, ...]:
        """Return the blocks of a table cell (its paragraphs, numbered in the document's order)."""
        saved, self.lines = self.lines, []
        try:
            self.blocks(cell, depth)
            return simple_blocks(nest_lists(self.lines, self.items))
        finally:
            self.lines = saved

    def table(self, table: etree._Element, depth: int) -> n.Table | None:
        """Return a Word table as a tree table: its header rows (marked to repeat on each page, or
        the first row when the table's look sets it apart), merged cells as spans."""
        rows: list[list[n.Cell]] = []
        header_rows = 0
        above: dict[int, tuple[int, int]] = {}  # grid column -> (row, cell) a vertical merge started in
        for row in table.iter(TR):
            if row.getparent() is not table and row.getparent().tag not in _BLOCK_CONTAINERS | {SDT}:
                continue  # a row of a table nested in a cell: read with that table
            properties = row.find(TRPR)
            if properties is not None and properties.find(DEL) is not None:
                self.counts.tracked += 1  # a deleted row
                continue
            if properties is not None and properties.find(TBL_HEADER) is not None \
                    and properties.find(TBL_HEADER).get(VAL, "true") not in ("0", "false") and header_rows == len(rows):
                header_rows += 1
            cells: list[n.Cell] = []
            column = 0
            for cell in row.iter(TC):
                if cell.getparent() is not row and cell.getparent().tag not in _BLOCK_CONTAINERS | {SDT}:
                    continue
                cell_properties = cell.find(TC_PR)
                span = cell_properties.find(GRID_SPAN) if cell_properties is not None else None
                colspan = max(1, min(_int(span.get(VAL) if span is not None else "1"), 1000))
                merge = cell_properties.find(V_MERGE) if cell_properties is not None else None
                blocks = self.cell_blocks(cell, depth + 1)
                if merge is not None and merge.get(VAL, "continue") != "restart" and column in above:
                    first_row, index = above[column]
                    merged = rows[first_row][index]
                    # a continued cell's words (Word keeps none, but a hand-made file may) stay
                    rows[first_row][index] = n.Cell(merged.blocks + blocks, merged.colspan, merged.rowspan + 1)
                else:
                    if merge is not None:
                        above[column] = (len(rows), len(cells))
                    else:
                        above.pop(column, None)
                    cells.append(n.Cell(blocks, colspan))
                column += colspan
            rows.append(cells)
        if not any(rows):
            return None
        look = table.find(f"{TBL_PR}/{TBL_LOOK}")
        if not header_rows and look is not None and look.get(w("firstRow")) == "1" and len(rows) > 1:
            header_rows = 1
        head = tuple(n.Row(tuple(n.Cell(_unbolded(cell.blocks), cell.colspan, cell.rowspan) for cell in cells))
                     for cells in rows[:header_rows])
        return n.Table(head, tuple(n.Row(tuple(cells)) for cells in rows[header_rows:] if cells))

    def note(self, kind: str, note_id: str, depth: int) -> n.Note | None:
        """Return the footnote or endnote ``note_id`` as a tree note, or None if the document lacks it."""
        element = self.related.notes.get((kind, note_id))
        if element is None:
            return None
        saved, number, part = self.objects, self.number, (self.links, self.pictures)
        self.links, self.pictures = self.related.note_parts.get(kind, ({}, lambda rid: None))
        try:
            blocks = self.cell_blocks(element, depth + 1)
        finally:  # a note's paragraphs are not the body's: the body's numbering goes on as it was
            self.objects, self.number, (self.links, self.pictures) = saved, number, part
        return n.Note(blocks) if blocks else None

    def picture(self, drawing: etree._Element) -> n.Image | None:
        """Return the picture a drawing shows (its bytes in the package), with its description."""
        blip = next(drawing.iter(BLIP), None)
        rid = blip.get(R_EMBED, "") if blip is not None else ""
        data = self.pictures(rid) if rid else None
        if data is None:
            return None
        try:
            resource = resource_for(data)
        except ImageError as error:
            self.counts.pictures_refused.append(f"paragraph {self.number}: {error}")
            return None
        self.resources.setdefault(resource.name, resource)
        properties = next(drawing.iter(DOC_PR), None)
        alt = " ".join(((properties.get("descr") or properties.get("title") or "") if properties is not None
                        else "").split())
        return n.Image(resource.name, alt)

    def drop_contents_control(self, control: etree._Element) -> None:
        """Leave out a table-of-contents content control, listing its paragraphs as dropped."""
        for paragraph in control.iter(P):
            self.number += 1
            text = " ".join("".join(t.text or "" for t in paragraph.iter(T)).split())
            self.counts.contents.append(self.number)
            if text:
                self.dropped.append(Dropped(self.number, text, "contents"))

    # --- paragraphs ---------------------------------------------------------------------

    def paragraph(self, paragraph: etree._Element, depth: int) -> None:
        self.number += 1
        number = self.number
        first = paragraph[0] if len(paragraph) else None
        properties = paragraph_properties(first if first is not None and first.tag == PPR else None)
        style = self.styles.paragraph(properties.style)
        in_contents = self.in_contents > 0
        pieces, self.carried = self.carried, []
        contents: list[Piece] = []
        if not pieces:
            self.objects = []
        self.inlines(paragraph, style.run, pieces, contents, depth)
        boxes, self.text_boxes = self.text_boxes, []
        self.counts.tracked += properties.inserted + properties.deleted
        if properties.deleted:  # the paragraph mark was deleted: the text runs on into the next one
            self.carried = pieces
        else:
            level = properties.outline_level
            heading = style.heading_level if level is None else (level + 1 if level < BODY_OUTLINE_LEVEL else None)
            self.emit(number, pieces, properties.list_ref, style, heading)
        if contents or in_contents:
            contents_text = plain(contents)
            if contents_text or not plain(pieces):
                self.counts.contents.append(number)
                if contents_text:
                    self.dropped.append(Dropped(number, contents_text, "contents"))
        for box in boxes:
            self.counts.text_boxes.append(number)
            self.blocks(box, depth + 1)

    def emit(self, number: int, pieces: list[Piece], ref: ListRef | None, style: ParagraphStyle,
             heading: int | None) -> None:
        """Add the lines of paragraph ``number`` (``ref``: its own list reference), a list item's
        marker before its text, a blank line before them; a heading's first line goes into the outline."""
        ref = ref or style.list_ref
        marker = self.numbering.marker(ref) if ref is not None and heading is None else ""
        if not any(not text.isspace() for text, _ in pieces):
            return
        if all(not text.strip(SENTINELS + " ") for text, _ in pieces) and not self.objects:
            return
        if style.contents_heading:
            self.dropped.append(Dropped(number, plain(pieces), "contents"))
            self.counts.contents.append(number)
            return
        if marker:
            digits = "".join(char for char in marker if char.isdigit())
            self.items[number] = ItemMark(ref.level, marker[:1].isalnum(), int(digits[:6]) if digits else 1,
                                          len(marker) + 1)
            pieces = [(marker + " ", pieces[0][1]), *pieces]
        if self.lines and self.lines[-1].text:
            self.lines.append(Line(self.lines[-1].number, ""))
        lines = paragraph_lines(number, pieces, iter(self.objects))
        if heading is None and not marker and _QUOTE_STYLES.intersection(style.names):
            self.quote(number, lines)
            return
        if len(lines) == 1 and not lines[0].text:  # no words: a picture alone is a figure, a note goes on
            images = [a.inline for a in lines[0].anchors if isinstance(a.inline, n.Image)]
            if len(images) == 1 and len(lines[0].anchors) == 1:
                self.lines.append(Line(number, images[0].alt or OBJECT, block=n.Figure(images[0])))
            elif self.lines and self.lines[-2:-1] and self.lines[-2].text:
                self.lines.pop()  # the blank line put before it
                last = self.lines[-1]
                end = len(last.text)
                self.lines[-1] = replace(last, anchors=(*last.anchors,
                                                        *(Anchor(end, end, a.inline) for a in lines[0].anchors)))
            return
        if heading is not None:
            # A heading's first line is what it declares: after a line break may come what is
            # no title (a speaker's affiliation under a name set as a heading); recovery finds
            # a title's further lines as it does a wrapped heading's.
            self.outline.append(lines[0].text)
        self.lines.extend(lines)

    def quote(self, number: int, lines: list[Line]) -> None:
        """Add a paragraph set in a quotation style to the block quote before it, or start one."""
        blocks = simple_blocks(lines)
        if not blocks:
            return
        if self.lines and not self.lines[-1].text:
            self.lines.pop()
        last = self.lines[-1] if self.lines else None
        if last is not None and isinstance(last.block, n.BlockQuote) and self.quoted_last == number - 1:
            quote = n.BlockQuote(last.block.blocks + blocks)
            self.lines[-1] = replace(last, text=f"{last.text} {lines[0].text}"[:200], block=quote)
        else:
            if last is not None and last.text:
                self.lines.append(Line(last.number, ""))
            self.lines.append(Line(number, lines[0].text[:200] or OBJECT, block=n.BlockQuote(blocks)))
        self.quoted_last = number

    def inlines(self, parent: etree._Element, base: RunType, pieces: list[Piece], contents: list[Piece],
                depth: int) -> None:
        """Read the runs under ``parent`` into ``pieces`` (the text shown) and ``contents`` (the
        text of a table of contents)."""
        if depth > MAX_NESTING:
            raise InputError(f"runs nest more than {MAX_NESTING} levels deep (at paragraph {self.number}); "
                             "no report does", self.name)
        for child in parent:
            tag = child.tag
            if tag == R:
                self.run(child, base, pieces, contents, depth)
            elif tag == HYPERLINK:
                target = self.link_target(child)
                if target is not None and not self.in_contents and not self.in_instruction:
                    self.objects.append(n.Link((), target))
                    pieces.append((LINK_START, base))
                    self.inlines(child, base, pieces, contents, depth + 1)
                    pieces.append((LINK_END, base))
                else:
                    self.inlines(child, base, pieces, contents, depth + 1)
            elif tag in _INLINE_CONTAINERS:
                self.counts.tracked += tag in _TRACKED
                self.inlines(child, base, pieces, contents, depth + 1)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    self.inlines(content, base, pieces, contents, depth + 1)
            elif tag == FLD_SIMPLE:
                self.field_char("begin")
                self.fields[-1][0].instruction = child.get(w("instr"), "")
                self.field_char("separate")
                self.inlines(child, base, pieces, contents, depth + 1)
                self.field_char("end")
            elif tag in _DELETED:
                self.counts.tracked += 1
            elif tag == ALTERNATE_CONTENT:
                choice = child.find(MC_CHOICE)
                if choice is not None:
                    self.inlines(choice, base, pieces, contents, depth + 1)
            elif tag in _MATH_ELEMENTS:
                self.text("".join(t.text or "" for t in child.iter(MATH_T)), base, pieces, contents)

    def run(self, run: etree._Element, base: RunType, pieces: list[Piece], contents: list[Piece],
            depth: int) -> None:
        kind = base
        if len(run) and run[0].tag == RPR:
            kind, style = run_properties(run[0])
            if style:
                kind = kind.over(self.styles.character(style))
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
            elif tag == SYM:
                code = child.get(w("char"), "")
                if 0 < len(code) <= 6 and _HEX.issuperset(code):
                    self.text(chr(min(int(code, 16), 0x10FFFF)), kind, pieces, contents)
            elif tag == FLD_CHAR:
                self.field_char(child.get(FLD_CHAR_TYPE, ""))
            elif tag == INSTR_TEXT:
                if self.fields and not self.fields[-1][0].result:
                    self.fields[-1][0].instruction += child.text or ""
            elif tag in _NOTE_REFERENCES:
                note = self.note(_NOTE_KINDS[tag], child.get(w("id"), ""), depth)
                if note is None:
                    self.counts.notes += 1  # a reference to a note the document does not hold
                elif not self.in_instruction and not self.in_contents:
                    self.objects.append(note)
                    pieces.append((OBJECT, kind))
            elif tag == COMMENT_REFERENCE:
                self.counts.comments += 1
            elif tag in _DRAWINGS:
                self.text_boxes.extend(_text_boxes(child))
                image = self.picture(child) if not self.in_instruction and not self.in_contents else None
                if image is not None:
                    self.objects.append(image)
                    pieces.append((OBJECT, kind))
            elif tag == RUBY:  # the base text; its reading aid (w:rt) is left out
                base_text = child.find(RUBY_BASE)
                if base_text is not None:
                    self.inlines(base_text, kind, pieces, contents, depth + 1)

    def field_char(self, kind: str) -> None:
        """Follow a field's ``begin``, ``separate`` (its result starts) or ``end``."""
        if kind == "begin":
            self.fields.append((Field(), self.number))
            self.in_instruction += 1
        elif kind == "separate" and self.fields and not self.fields[-1][0].result:
            opened = self.fields[-1][0]
            opened.instruction = opened.instruction.strip().upper()
            opened.result = True
            opened.left_out = opened.contents and self.leave_out_contents
            self.in_instruction -= 1
            self.in_contents += opened.left_out
        elif kind == "end" and self.fields:
            opened = self.fields.pop()[0]
            if opened.result:
                self.in_contents -= opened.left_out
            else:
                self.in_instruction -= 1

    def link_target(self, hyperlink: etree._Element) -> str | None:
        """Return the target of a ``w:hyperlink`` we may keep: an external http, https or mailto
        URL, or a bookmark on a heading (as ``#`` and the id the heading's section gets)."""
        rid, anchor = hyperlink.get(R_ID), hyperlink.get(w("anchor"))
        if rid:
            url = self.links.get(rid, "")
            return url if n.is_link_target(url) else None
        heading = self.related.bookmarks.get(anchor or "")
        return f"#{slugify(heading)}" if heading and n.is_link_target(f"#{slugify(heading)}") else None

    def text(self, text: str, kind: RunType, pieces: list[Piece], contents: list[Piece]) -> None:
        """Add ``text`` where it belongs: shown, a contents entry, or nowhere (a field's instruction)."""
        if any(char in SENTINELS for char in text):
            text = text.translate({ord(char): None for char in SENTINELS})
        if text and not self.in_instruction:
            (contents if self.in_contents else pieces).append((text, kind))


def _is_contents_control(control: etree._Element) -> bool:
    """Return True for a content control that Word made for a table of contents (its building-block gallery)."""
    gallery = control.find(f"{w('sdtPr')}/{w('docPartObj')}/{w('docPartGallery')}")
    return gallery is not None and gallery.get(VAL, "").strip().lower() == "table of contents"


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


def _int(value: str | None) -> int:
    try:
        return int(value or "1")
    except ValueError:
        return 1


def _unbolded(blocks: tuple[n.Block, ...]) -> tuple[n.Block, ...]:
    """Return a header cell's blocks without the bold that covers a whole paragraph: a header
    row set bold is the table's look, not emphasis of its words."""
    return tuple(replace(block, inlines=block.inlines[0].inlines)
                 if isinstance(block, n.Para) and len(block.inlines) == 1 and isinstance(block.inlines[0], n.Strong)
                 else block for block in blocks)
