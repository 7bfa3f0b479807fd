"""The DOCX writer: the document tree as an editable Word document with real styles, lists and a TOC."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import docx
from lxml import etree

from .. import nodes, repro
from ..theme import Theme
from . import docx_styles as styles
from .docx_styles import text_width
from .docx_xml import (CJK_LANGS, clean, field_end, field_start, is_rtl, page_template, paragraph, run, sub,
                       twips, w, word_lang)

#: Template parts a generated report has no use for: a Word 2010 duplicate of the styles, a
#: thumbnail of an empty page, and SharePoint custom XML.
_UNWANTED_RELS = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
)
#: East-Asian text in a non-CJK document is set in the theme's CJK fonts, which are Japanese.
_EAST_ASIAN_DEFAULT = "ja-JP"
#: Word refuses core properties longer than this.
_PROPERTY_LIMIT = 255
_TOC_INSTRUCTION = 'TOC \\o "1-2" \\h \\z \\u'


class DocxWriter:
    """Write the document as Office Open XML (``--docx``)."""

    name = "docx"
    extension = ".docx"

    def write(self, doc: nodes.Document, theme: Theme) -> bytes:
        """Return the document as the bytes of a .docx file, identical for identical input."""
        return _Build(doc, theme).render()


@dataclass(frozen=True, slots=True)
class _At:
    """Where blocks are being written: the parent element, the text language, the list depth."""

    parent: etree._Element
    lang: str | None = None
    depth: int = 0


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

    def __post_init__(self) -> None:
        self.lang = word_lang(self.doc.meta.lang)
        primary = self.lang.split("-")[0].lower()
        self.east_asian_lang = self.lang if primary in CJK_LANGS else _EAST_ASIAN_DEFAULT

    def render(self) -> bytes:
        document = docx.Document()
        _drop_template_parts(document)
        styles.build_styles(document.styles.element, self.theme, self.lang, self.east_asian_lang)
        styles.adjust_settings(document.settings.element, self.lang, self.east_asian_lang)
        body = document.element.body
        section_properties = body.sectPr
        body.remove(section_properties)
        self.title_page(body)
        self.table_of_contents(body)
        # Right-to-left documents mark every paragraph and run; others rely on the default language.
        self.blocks(_At(body, self.lang if is_rtl(self.lang) else None), self.doc.blocks)
        body.append(section_properties)
        self.page_setup(document)
        styles.build_numbering(document.part.numbering_part.element, self.theme, self.nums)
        self.core_properties(document)
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

    def table_of_contents(self, body: etree._Element) -> None:
        entries = [(1, block.title) if isinstance(block, nodes.Section) else (2, block.speaker.name)
                   for block in nodes.iter_blocks(self.doc.blocks)
                   if isinstance(block, (nodes.Section, nodes.Speech))]
        if not entries:
            return  # a report without sections or speeches has nothing to list
        heading = paragraph(body, "TOCHeading", page_break=self.take_page_break())
        run(heading, self.theme.words("contents", self.lang))
        # The field result is what readers show until the field is updated (settings.xml asks
        # Word to on open; LibreOffice shows it as stored): the entries, linked to bookmarks on
        # the headings. Page numbers are left to the update: only a layout engine knows them.
        first = last = paragraph(body, f"TOC{entries[0][0]}")
        field_start(first, _TOC_INSTRUCTION, dirty=True)
        for number, (level, text) in enumerate(entries, start=1):
            last = first if number == 1 else paragraph(body, f"TOC{level}")
            run(sub(last, "hyperlink", anchor=_bookmark(number), history=1), text)
        field_end(last)
        self.page_break_pending = True

    def page_setup(self, document: docx.document.Document) -> None:
        page = self.theme.page
        section = document.sections[0]
        properties = section._sectPr
        for name in list(properties.attrib):
            del properties.attrib[name]  # template revision ids (w:rsidR...)
        section.page_width = docx.shared.Twips(twips(page.width))
        section.page_height = docx.shared.Twips(twips(page.height))
        section.top_margin = docx.shared.Twips(twips(page.margin_top))
        section.bottom_margin = docx.shared.Twips(twips(page.margin_bottom))
        section.left_margin = docx.shared.Twips(twips(page.margin_left))
        section.right_margin = docx.shared.Twips(twips(page.margin_right))
        section.header_distance = docx.shared.Twips(twips(page.margin_top / 2))
        section.footer_distance = docx.shared.Twips(twips(page.margin_bottom / 2))
        section.gutter = 0
        # The title page carries no running header or footer.
        section.different_first_page_header_footer = True
        lang = self.doc.meta.lang
        title = clean(self.doc.meta.title)
        stories = ((section.header, "Header", self.theme.header(lang)),
                   (section.footer, "Footer", self.theme.footer(lang)),
                   (section.first_page_header, "Normal", ""), (section.first_page_footer, "Normal", ""))
        for story, style, template in stories:
            story.is_linked_to_previous = False
            element = story._element
            for child in list(element):
                element.remove(child)
            if template.replace("{title}", title).strip():
                page_template(paragraph(element, style), template, title)
            else:
                paragraph(element, "Normal")  # a header or footer must hold a paragraph

    def core_properties(self, document: docx.document.Document) -> None:
        meta = self.doc.meta
        props = document.core_properties
        stamp = repro.build_time().replace(tzinfo=None)
        props.title = _property(meta.title)
        props.author = _property(meta.compiled_by)
        props.subject = _property("; ".join(meta.organizers) or meta.title)
        props.keywords = _property(", ".join((*meta.organizers, "report")))
        props.language = _property(meta.lang)
        props.comments = ""
        props.last_modified_by = _property(meta.compiled_by)
        props.revision = 1
        props.created = props.modified = props.last_printed = stamp

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
        # Headings are numbered in reading order, the order table_of_contents lists them in.
        self.headings += 1
        p = paragraph(at.parent, style, page_break=self.take_page_break(), lang=at.lang)
        sub(p, "bookmarkStart", id=self.headings, name=_bookmark(self.headings))
        run(p, text, lang=at.lang)
        sub(p, "bookmarkEnd", id=self.headings)

    def visit_Para(self, at: _At, node: nodes.Para, style: str = "BodyText",
                   num: tuple[int, int] | None = None, indent: int | None = None) -> None:
        p = paragraph(at.parent, style, page_break=self.take_page_break(), num=num, indent=indent, lang=at.lang)
        self.inlines(p, node.inlines, False, False, at.lang)

    def visit_OrderedList(self, at: _At, node: nodes.OrderedList) -> None:
        self.list_items(at, node.items, styles.ABSTRACT_DECIMAL, node.start, "ListNumber")

    def visit_BulletList(self, at: _At, node: nodes.BulletList) -> None:
        self.list_items(at, node.items, styles.ABSTRACT_BULLET, 1, "ListBullet")

    def list_items(self, at: _At, items: tuple[nodes.Item, ...], abstract: int, start: int, style: str) -> None:
        level = min(at.depth, styles.LIST_LEVELS - 1)
        num_id = len(self.nums) + 1
        # A num of its own per list, with a start override, restarts the count for every list.
        self.nums.append((num_id, abstract, level, max(start, 0)))
        inner = _At(at.parent, at.lang, at.depth + 1)
        indent = twips(self.theme.spacing.list_indent) * (level + 1)
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
                    self.visit_Para(at, block, "ListContinue", indent=indent)
                else:
                    self.blocks(inner, (block,))

    def parallel_table(self, at: _At, rows: tuple[nodes.Parallel, ...]) -> None:
        if self.page_break_pending:
            paragraph(at.parent, "Normal", page_break=self.take_page_break())
        width = text_width(self.theme)
        if at.parent.tag == w("tc"):
            width = int(at.parent.find(w("tcPr")).find(w("tcW")).get(w("w"))) - 2 * 108
        column = width // 2
        table = sub(at.parent, "tbl")
        tpr = sub(table, "tblPr")
        sub(tpr, "tblW", w=column * 2, type="dxa")
        borders = sub(tpr, "tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH"):
            sub(borders, side, val="nil")
        # One hairline between the languages guides the eye without boxing the text in.
        sub(borders, "insideV", val="single", sz=4, space=0, color=styles.hex_color(self.theme.colors.rule))
        sub(tpr, "tblLayout", type="fixed")
        sub(tpr, "tblLook", val="0000", firstRow=0, lastRow=0, firstColumn=0, lastColumn=0, noHBand=1, noVBand=1)
        grid = sub(table, "tblGrid")
        for _ in range(2):
            sub(grid, "gridCol", w=column)
        for row in rows:
            tr = sub(table, "tr")
            for block, lang in zip(row.blocks, row.langs):
                tc = sub(tr, "tc")
                sub(sub(tc, "tcPr"), "tcW", w=column, type="dxa")
                self.blocks(_At(tc, word_lang(lang), at.depth), (block,))
                if len(tc) == 1 or tc[-1].tag != w("p"):
                    paragraph(tc, "Normal")  # a cell must end with a paragraph

    # --- inlines --------------------------------------------------------------------------

    def inlines(self, p: etree._Element, inlines: tuple[nodes.Inline, ...], bold: bool, italic: bool,
                lang: str | None) -> None:
        for inline in inlines:
            if isinstance(inline, nodes.Text):
                run(p, inline.text, bold=bold, italic=italic, lang=lang)
            elif isinstance(inline, nodes.Strong):
                self.inlines(p, inline.inlines, True, italic, lang)
            elif isinstance(inline, nodes.Emph):
                self.inlines(p, inline.inlines, bold, True, lang)
            else:
                raise TypeError(f"the DOCX writer cannot write a {type(inline).__name__} inline")


def _bookmark(number: int) -> str:
    # Word's own TOC bookmarks are hidden ("_Toc" + digits); ours follow that form.
    return f"_Toc{number:08d}"


def _property(text: str) -> str:
    return clean(text)[:_PROPERTY_LIMIT]


def _drop_template_parts(document: docx.document.Document) -> None:
    for owner in (document.part.package, document.part):
        for rel_id, rel in list(owner.rels.items()):
            if rel.reltype in _UNWANTED_RELS:
                del owner.rels[rel_id]
