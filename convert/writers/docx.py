"""The DOCX writer: the document tree as an editable Word document with real styles, lists, a TOC,
footnotes, tables, pictures and links."""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace

import docx
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.oxml.shape import CT_Inline
from docx.parts.story import StoryPart
from docx.shared import Emu
from lxml import etree

from .. import nodes, repro
from ..errors import ConversionError
from ..theme import Theme
from ..typography import typeset
from . import docx_styles as styles
from . import docx_tables as tables
from .docx_styles import CELL_MARGIN, text_width
from .docx_xml import field as complex_field
from .docx_xml import (CJK_LANGS, clean, footnote_reference, footnotes_part, hyperlink,
                       is_rtl, note_mark, paragraph, run, sub, twips, w, word_lang)

#: Template parts a generated report has no use for: a Word 2010 duplicate of the styles, a
#: thumbnail of an empty page, and SharePoint custom XML.
_UNWANTED_RELS = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
)
#: East-Asian text in a non-CJK document is set in the theme's CJK fonts, which are Japanese.
_EAST_ASIAN_DEFAULT = "ja-JP"
#: A picture is at most this share of the text's height, leaving room for its caption on the page.
_PICTURE_HEIGHT_SHARE = 0.75
#: Resolutions a picture may claim; outside them (0, or a typo of a million) it is taken as
#: python-docx's default, 72 dots per inch, as if it claimed none.
_DPI_RANGE = (24, 2400)
_DEFAULT_DPI = 72
_EMU_PER_INCH = 914400
_EMU_PER_TWIP = 635


class DocxWriter:
    """Write the document as Office Open XML (``--docx``)."""

    name = "docx"
    extension = ".docx"

    def write(self, doc: nodes.Document, theme: Theme) -> bytes:
        """Return the document as the bytes of a .docx file, identical for identical input."""
        return _Build(typeset(doc), theme).render()


@dataclass(frozen=True, slots=True)
class _At:
    """Where blocks are being written: the parent element and the part it is in (which holds
    the relationships of its links and pictures), the width there is in twips, the text
    language, the list depth, the style of a paragraph there, how many block quotes it is in,
    whether its text is bold (a table's head), and, in a footnote, the notes found in it."""

    parent: etree._Element
    part: StoryPart
    width: int
    lang: str | None = None
    depth: int = 0
    text_style: str = "BodyText"
    quotes: int = 0
    bold: bool = False
    subnotes: list[tuple[str, nodes.Note]] | None = None


@dataclass(frozen=True, slots=True)
class _Look:
    """How runs look: bold, italic, and a character style (a link's)."""

    bold: bool = False
    italic: bool = False
    style: str | None = None


@dataclass(slots=True)
class _Build:
    """One run of the writer: the document, the theme, and the state that grows while writing."""

    doc: nodes.Document
    theme: Theme
    lang: str = ""
    east_asian_lang: str = ""
    nums: list[tuple[int, int, int, int]] = field(default_factory=list)  # numId, abstract, level, start
    headings: int = 0  # headings written so far, numbering their bookmarks
    page_break_pending: bool = False
    anchors: dict[str, str] = field(default_factory=dict)  # section id -> bookmark on its heading
    part: StoryPart | None = None  # the main document's
    notes: etree._Element | None = None  # w:footnotes, once there is a note
    notes_part: StoryPart | None = None
    note_count: int = 0
    pictures: int = 0  # pictures written so far, numbering their drawing ids
    # Relationships of links and pictures, by (part, URL or resource name), and the lowest
    # relationship number of each part that may be free.
    links: dict[tuple[str, str], str] = field(default_factory=dict)
    images: dict[tuple[str, str], tuple[str, docx.image.image.Image]] = field(default_factory=dict)
    free_rel: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.lang = word_lang(self.doc.meta.lang)
        primary = self.lang.split("-")[0].lower()
        self.east_asian_lang = self.lang if primary in CJK_LANGS else _EAST_ASIAN_DEFAULT

    def render(self) -> bytes:
        document = docx.Document()
        _drop_template_parts(document)
        styles.build_styles(document.styles.element, self.theme, self.lang, self.east_asian_lang)
        styles.adjust_settings(document.settings.element, self.lang, self.east_asian_lang)
        self.part = document.part
        body = document.element.body
        section_properties = body.sectPr
        body.remove(section_properties)
        headings = [block for block in nodes.iter_blocks(self.doc.blocks)
                    if isinstance(block, (nodes.Section, nodes.Speech))]
        for number, block in enumerate(headings, start=1):
            if isinstance(block, nodes.Section):
                self.anchors.setdefault(block.id, _bookmark(number))
        self.title_page(body)
        self.table_of_contents(body, headings)
        # Right-to-left documents mark every paragraph and run; others rely on the default language.
        self.blocks(_At(body, document.part, text_width(self.theme), self.lang if is_rtl(self.lang) else None),
                    self.doc.blocks)
        body.append(section_properties)
        if self.notes is not None:
            styles.declare_note_separators(document.settings.element)
        styles.page_setup(document.sections[0], self.theme, self.doc.meta)
        styles.build_numbering(document.part.numbering_part.element, self.theme, self.nums)
        styles.core_properties(document.core_properties, self.doc.meta)
        for part in document.part.package.iter_parts():
            if part.partname == "/word/fontTable.xml":
                part._blob = styles.font_table(styles.choose_fonts(self.theme, self.lang))
            elif part.partname == "/docProps/app.xml":
                part._blob = styles.app_properties()
        buffer = io.BytesIO()
        document.save(buffer)
        return repro.normalize_zip(buffer.getvalue(), first=("[Content_Types].xml",))

    # --- document furniture ---------------------------------------------------------------

    def title_page(self, body: etree._Element) -> None:
        meta, lang = self.doc.meta, self.lang
        lines: list[tuple[str, str]] = []  # style id, text
        lines += [("TitlePageName", name) for name in meta.organizers]
        if meta.organizers and (meta.presenters or meta.title):
            lines.append(("TitlePageNote", self.theme.words("present", lang)))
        for person in meta.presenters:
            lines.append(("TitlePageName", person.name))
            if person.affiliation:
                lines.append(("TitlePageAffiliation", person.affiliation))
        if meta.title and (meta.organizers or meta.presenters):
            lines.append(("TitlePageNote", self.theme.words("on", lang)))
        if meta.title:
            lines.append(("Title", meta.title))
        lines += [(style, text) for style, text in
                  (("TitlePage", meta.date_text), ("TitlePageAffiliation", meta.time_text)) if text]
        if meta.compiled_by:
            lines.append(("TitlePageNote", f"{self.theme.words('compiled_by', lang)} {meta.compiled_by}"))
        for index, (style, text) in enumerate(lines):
            # Push the title block down the page: a title page set at the top margin looks unfinished.
            before = twips(self.theme.page.height / 8) if index == 0 else None
            run(paragraph(body, style, before=before), text)
        self.page_break_pending = bool(lines)

    def table_of_contents(self, body: etree._Element, headings: list[nodes.Section | nodes.Speech]) -> None:
        entries = [(1, block.title) if isinstance(block, nodes.Section) else (2, block.speaker.name)
                   for block in headings]
        if not entries:
            return  # a report without sections or speeches has nothing to list
        # Word's own form of a table of contents, a content control of its "Table of Contents"
        # gallery, holding entries linked to bookmarks on the headings. Each page number is a
        # PAGEREF field: LibreOffice lays it out as the bookmark's page, and Word updates it on
        # open (settings.xml asks it to). A TOC field would be regenerated by Word, but
        # LibreOffice shows a TOC field's stored result, where no page number can be known.
        control = sub(body, "sdt")
        gallery = sub(sub(sub(control, "sdtPr"), "docPartObj"), "docPartGallery", val="Table of Contents")
        sub(gallery.getparent(), "docPartUnique")
        content = sub(control, "sdtContent")
        heading = paragraph(content, "TOCHeading", page_break=self.take_page_break())
        run(heading, self.theme.words("contents", self.lang))
        for number, (level, text) in enumerate(entries, start=1):
            link = sub(paragraph(content, f"TOC{level}"), "hyperlink", anchor=_bookmark(number), history=1)
            run(link, text)
            sub(sub(link, "r"), "tab")
            complex_field(link, f"PAGEREF {_bookmark(number)} \\h", "")
        self.page_break_pending = True

    def take_page_break(self) -> bool:
        pending, self.page_break_pending = self.page_break_pending, False
        return pending

    # --- blocks ---------------------------------------------------------------------------

    def blocks(self, at: _At, blocks: tuple[nodes.Block, ...]) -> None:
        index = 0
        while index < len(blocks):
            block = blocks[index]
            if isinstance(block, nodes.Parallel):
                # Consecutive parallel blocks share one table, one row each, so the two
                # columns read as one continuous side-by-side text.
                end = index
                while end < len(blocks) and isinstance(blocks[end], nodes.Parallel):
                    end += 1
                self.parallel_table(at, blocks[index:end])
                index = end
                continue
            visit = getattr(self, f"visit_{type(block).__name__}", None)
            if visit is None:
                raise TypeError(f"the DOCX writer cannot write a {type(block).__name__} node")
            visit(at, block)
            index += 1

    def visit_Section(self, at: _At, node: nodes.Section) -> None:
        self.heading(at, "Heading1", node.title)
        self.blocks(at, node.blocks)

    def visit_Speech(self, at: _At, node: nodes.Speech) -> None:
        self.heading(at, "Heading2", node.speaker.name)
        if node.speaker.affiliation:
            p = paragraph(at.parent, "SpeakerAffiliation", lang=at.lang)
            run(p, node.speaker.affiliation, lang=at.lang)
        self.blocks(at, node.blocks)

    def heading(self, at: _At, style: str, text: str) -> None:
        p = paragraph(at.parent, style, page_break=self.take_page_break(), lang=at.lang)
        if at.subnotes is not None:
            run(p, text, lang=at.lang)  # a heading in a note: not in the contents, no bookmark
            return
        # Headings are numbered in reading order, the order table_of_contents lists them in.
        self.headings += 1
        sub(p, "bookmarkStart", id=self.headings, name=_bookmark(self.headings))
        run(p, text, lang=at.lang)
        sub(p, "bookmarkEnd", id=self.headings)

    def visit_Para(self, at: _At, node: nodes.Para, style: str | None = None,
                   num: tuple[int, int] | None = None, indent: int | None = None) -> None:
        style = style or at.text_style
        if indent is None and style == styles.QUOTE and at.quotes > 1:
            indent = twips(self.theme.spacing.list_indent) * at.quotes  # a quotation in a quotation
        p = paragraph(at.parent, style, page_break=self.take_page_break(), num=num, indent=indent, lang=at.lang)
        self.inlines(at, p, node.inlines, _Look(bold=at.bold))

    def visit_OrderedList(self, at: _At, node: nodes.OrderedList) -> None:
        self.list_items(at, node.items, styles.ABSTRACT_DECIMAL, node.start, "ListNumber")

    def visit_BulletList(self, at: _At, node: nodes.BulletList) -> None:
        self.list_items(at, node.items, styles.ABSTRACT_BULLET, 1, "ListBullet")

    def list_items(self, at: _At, items: tuple[nodes.Item, ...], abstract: int, start: int, style: str) -> None:
        level = min(at.depth, styles.LIST_LEVELS - 1)
        num_id = len(self.nums) + 1
        # A num of its own per list, with a start override, restarts the count for every list.
        self.nums.append((num_id, abstract, level, max(start, 0)))
        inner = replace(at, depth=at.depth + 1)
        indent = twips(self.theme.spacing.list_indent) * (level + 1)
        # In a note, a quotation or a table cell, items look like the paragraphs around them.
        continued = "ListContinue" if at.text_style == "BodyText" else at.text_style
        style = style if at.text_style == "BodyText" else at.text_style
        for item in items:
            if not isinstance(item, nodes.Item):
                raise TypeError(f"the DOCX writer cannot write a {type(item).__name__} node in a list")
            blocks = item.blocks
            if blocks and isinstance(blocks[0], nodes.Para):
                self.visit_Para(at, blocks[0], style, num=(num_id, level))
                blocks = blocks[1:]
            else:
                paragraph(at.parent, style, page_break=self.take_page_break(), num=(num_id, level), lang=at.lang)
            for block in blocks:
                if isinstance(block, nodes.Para):
                    self.visit_Para(at, block, continued, indent=indent)
                else:
                    self.blocks(inner, (block,))

    def visit_BlockQuote(self, at: _At, node: nodes.BlockQuote) -> None:
        self.blocks(replace(at, text_style=styles.QUOTE, quotes=at.quotes + 1), node.blocks)

    def visit_Figure(self, at: _At, node: nodes.Figure) -> None:
        p = paragraph(at.parent, styles.FIGURE, keep_next=bool(node.caption), page_break=self.take_page_break(),
                      lang=at.lang)
        self.picture(at, p, node.image)
        if node.caption:
            self.inlines(at, paragraph(at.parent, styles.CAPTION, lang=at.lang), node.caption, _Look(bold=at.bold))

    def visit_Table(self, at: _At, node: nodes.Table) -> None:
        # Head and body are laid out apart: a cell spans rows of its own part only, as in pandoc.
        rows = [(True, slots) for slots in tables.layout(node.head)] + \
               [(False, slots) for slots in tables.layout(node.body)]
        columns = max((sum(slot.span for slot in slots) for _, slots in rows), default=0)
        if node.caption:
            caption = paragraph(at.parent, styles.CAPTION, keep_next=columns > 0, page_break=self.take_page_break(),
                                lang=at.lang)
            self.inlines(at, caption, node.caption, _Look(bold=at.bold))
        if not columns:
            return  # a table without cells: its caption is all there is
        column = at.width // columns
        self.open_table(at)
        table = tables.start_table(at.parent, styles.TABLE, column, columns, first_row=bool(node.head))
        for head, slots in rows:
            tr = tables.start_row(table, header=head)
            for slot in tables.filled(slots, columns):
                tc = tables.start_cell(tr, column * slot.span, slot)
                if slot.cell is not None:
                    inner = replace(at, parent=tc, width=max(column * slot.span - 2 * CELL_MARGIN, twips(1)),
                                    depth=0, text_style=styles.TABLE_TEXT, quotes=0, bold=head)
                    self.blocks(inner, slot.cell.blocks)
                if tc[-1].tag != w("p"):
                    paragraph(tc, styles.TABLE_TEXT, lang=at.lang)  # a cell must end with a paragraph

    def open_table(self, at: _At) -> None:
        # A paragraph goes first where a page break is pending, and between two tables, which
        # Word would otherwise join into one.
        if self.page_break_pending or (len(at.parent) and at.parent[-1].tag == w("tbl")):
            paragraph(at.parent, "Normal", page_break=self.take_page_break())

    def parallel_table(self, at: _At, rows: tuple[nodes.Parallel, ...]) -> None:
        column = at.width // 2
        self.open_table(at)
        table = tables.start_parallel_table(at.parent, column, styles.hex_color(self.theme.colors.rule))
        for row in rows:
            tr = tables.start_row(table, header=False)
            for block, lang in zip(row.blocks, row.langs):
                tc = tables.start_cell(tr, column, tables.Slot(None, 1))
                self.blocks(replace(at, parent=tc, lang=word_lang(lang), width=column - 2 * CELL_MARGIN), (block,))
                if tc[-1].tag != w("p"):
                    paragraph(tc, "Normal")  # a cell must end with a paragraph

    # --- inlines --------------------------------------------------------------------------

    def inlines(self, at: _At, parent: etree._Element, inlines: tuple[nodes.Inline, ...], look: _Look) -> None:
        for inline in inlines:
            if isinstance(inline, nodes.Text):
                run(parent, inline.text, bold=look.bold, italic=look.italic, lang=at.lang, style=look.style)
            elif isinstance(inline, nodes.Strong):
                self.inlines(at, parent, inline.inlines, replace(look, bold=True))
            elif isinstance(inline, nodes.Emph):
                self.inlines(at, parent, inline.inlines, replace(look, italic=True))
            elif isinstance(inline, nodes.Link):
                self.link(at, parent, inline, look)
            elif isinstance(inline, nodes.Note):
                self.note(at, parent, inline)
            elif isinstance(inline, nodes.Image):
                self.picture(at, parent, inline)
            else:
                raise TypeError(f"the DOCX writer cannot write a {type(inline).__name__} inline")

    def link(self, at: _At, parent: etree._Element, node: nodes.Link, look: _Look) -> None:
        target = node.target
        anchor = self.anchors.get(target[1:]) if target.startswith("#") else None
        if look.style == styles.HYPERLINK or not nodes.is_link_target(target) or (
                target.startswith("#") and anchor is None):
            # Word has no link in a link (the outer one leads); a target the tree's rules refuse,
            # or a section the document does not have, is no link: the words stay, unlinked.
            self.inlines(at, parent, node.inlines, look)
            return
        if anchor is not None:
            element = hyperlink(parent, anchor=anchor)
        else:
            key = (at.part.partname, target)
            if key not in self.links:
                self.links[key] = self.relate(at.part, RELATIONSHIP_TYPE.HYPERLINK, target, external=True)
            element = hyperlink(parent, rel_id=self.links[key])
        self.inlines(at, element, node.inlines, replace(look, style=styles.HYPERLINK))

    def note(self, at: _At, parent: etree._Element, node: nodes.Note) -> None:
        if at.subnotes is not None:
            # Word has no footnote in a footnote: a note in a note is marked with a letter and
            # written after the note it is in, starting with the same letter.
            mark = _letters(len(at.subnotes))
            run(parent, mark, lang=at.lang, style=styles.NOTE_REFERENCE)
            at.subnotes.append((mark, node))
            return
        if self.notes is None:
            self.notes = footnotes_part()
            self.notes_part = StoryPart(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, self.notes,
                                        self.part.package)
            self.part.relate_to(self.notes_part, RELATIONSHIP_TYPE.FOOTNOTES)
        self.note_count += 1
        footnote_reference(parent, self.note_count, styles.NOTE_REFERENCE)
        inner = _At(sub(self.notes, "footnote", id=self.note_count), self.notes_part, text_width(self.theme),
                    at.lang, text_style=styles.NOTE_TEXT, subnotes=[])
        self.note_blocks(inner, node.blocks, None)
        for mark, subnote in inner.subnotes:  # the list grows while sub-notes find notes of their own
            self.note_blocks(inner, subnote.blocks, mark)

    def note_blocks(self, at: _At, blocks: tuple[nodes.Block, ...], mark: str | None) -> None:
        """Write a note's blocks, its mark starting the first paragraph (one of its own if the
        note starts with a list or a table, or is empty)."""
        start = len(at.parent)
        self.blocks(at, blocks)
        first = at.parent[start] if len(at.parent) > start else None
        if first is None or first.tag != w("p") or first.find(f"{w('pPr')}/{w('numPr')}") is not None:
            first = paragraph(at.parent, at.text_style, lang=at.lang)
            at.parent.insert(start, first)
        note_mark(first, styles.NOTE_REFERENCE, mark)

    def relate(self, part: StoryPart, reltype: str, target: object, *, external: bool = False) -> str:
        """Return the id of a new relationship of ``part`` to ``target``. (python-docx's
        ``relate_to`` looks through all of the part's relationships for an equal one and for a
        free id at every call: for a report with thousands of links, that is most of the time
        spent; links and pictures are counted here instead.)"""
        rels, number = part.rels, self.free_rel.get(part.partname, 1)
        while f"rId{number}" in rels:
            number += 1
        self.free_rel[part.partname] = number + 1
        rels.add_relationship(reltype, target, f"rId{number}", is_external=external)
        return f"rId{number}"

    def picture(self, at: _At, parent: etree._Element, image: nodes.Image) -> None:
        resource = self.doc.resource(image.resource)
        if resource is None:
            raise ConversionError(f"the document has no image called {image.resource!r} (an image shows one of "
                                  f"the document's resources)")
        key = (at.part.partname, resource.name)
        if key not in self.images:
            image_part = self.part.package.get_or_add_image_part(io.BytesIO(resource.data))
            self.images[key] = (self.relate(at.part, RELATIONSHIP_TYPE.IMAGE, image_part), image_part.image)
        rel_id, picture = self.images[key]
        page = self.theme.page
        height = twips((page.height - page.margin_top - page.margin_bottom) * _PICTURE_HEIGHT_SHARE)
        width, height = _fit(picture, at.width * _EMU_PER_TWIP, height * _EMU_PER_TWIP)
        # Drawing ids are counted here rather than by python-docx, which counts per part (ids
        # must be unique across the document and its notes) by searching the whole part.
        self.pictures += 1
        inline = CT_Inline.new_pic_inline(self.pictures, rel_id, picture.filename, Emu(width), Emu(height))
        if image.alt.strip():
            inline.docPr.set("descr", clean(image.alt))  # what screen readers say, and pandoc reads as alt text
        sub(sub(parent, "r"), "drawing").append(inline)


def _fit(picture: docx.image.image.Image, width: int, height: int) -> tuple[int, int]:
    """Return the size of ``picture`` in EMU: its own (pixels at its resolution), scaled down,
    keeping its proportions, to fit ``width`` x ``height`` EMU."""
    low, high = _DPI_RANGE
    dpi_x = picture.horz_dpi if low <= picture.horz_dpi <= high else _DEFAULT_DPI
    dpi_y = picture.vert_dpi if low <= picture.vert_dpi <= high else _DEFAULT_DPI
    own_width = picture.px_width * _EMU_PER_INCH / dpi_x
    own_height = picture.px_height * _EMU_PER_INCH / dpi_y
    scale = min(1.0, width / own_width, height / own_height)
    return max(1, round(own_width * scale)), max(1, round(own_height * scale))


def _letters(index: int) -> str:
    """Return the mark of sub-note ``index`` (from 0): a, b, ... z, aa, ab, ..."""
    mark = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        mark = chr(ord("a") + rest) + mark
    return mark


def _bookmark(number: int) -> str:
    # Word's own TOC bookmarks are hidden ("_Toc" + digits); ours follow that form.
    return f"_Toc{number:08d}"


def _drop_template_parts(document: docx.document.Document) -> None:
    for owner in (document.part.package, document.part):
        for rel_id, rel in list(owner.rels.items()):
            if rel.reltype in _UNWANTED_RELS:
                del owner.rels[rel_id]
