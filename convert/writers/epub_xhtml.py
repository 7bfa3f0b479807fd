"""XHTML content documents for the EPUB writer, built as lxml trees (text from the input is only ever data).

Notes are numbered through the book, as Word and print number footnotes, so that "note 7" is
the same note in every edition of a report; each becomes a mark (``fnref-7``) where it stands
and an ``aside`` (``fn-7``) at the end of its content document, linked both ways. Links lead
only to their validated targets: a URL as it is, a section's ``#id`` to the file and heading
of that section (a section id no section has leaves the words unlinked). Images are the
document's own resources, stored beside the content documents under ``images/``.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from lxml import etree

from .. import nodes
from ..errors import ConversionError
from ..langspans import lang_runs
from ..theme import Theme
from ..xmlchars import readable_xml_chars
from .epub_ids import NOTE_IDS, IdMaker, SectionAnchors

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = f"{{{EPUB_NS}}}type"
_NSMAP = {None: XHTML_NS, "epub": EPUB_NS}
#: The folder of the images, beside the content documents.
IMAGES = "images"


def xml_text(text: str) -> str:
    """Return ``text`` without the characters an XML 1.0 document may not (or should not) hold."""
    return readable_xml_chars(text)


def _tag(name: str) -> str:
    return f"{{{XHTML_NS}}}{name}"


def _add(parent: etree._Element, name: str, text: str = "", **attrs: str) -> etree._Element:
    """Append a block element (with a newline after it, for readable source) and return it."""
    element = etree.SubElement(parent, _tag(name), {k.rstrip("_"): v for k, v in attrs.items()})
    if text:
        element.text = xml_text(text)
    element.tail = "\n"
    return element


def append_text(parent: etree._Element, text: str) -> None:
    """Append ``text`` after the last content of ``parent`` (mixed content)."""
    text = xml_text(text)
    # Not len(parent): lxml counts the children one by one, and a long paragraph holds
    # an element per bold or italic run, so each append would cost the runs so far.
    last = next(parent.iterchildren(reversed=True), None)
    if last is not None:
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading the navigation links to: level 1 (section) or 2 (speech)."""

    level: int
    id: str
    title: str
    href: str  # the content document it is in


@dataclass
class _Run:
    """Per-book state: ids handed out, headings met, notes numbered and images shown, in reading order."""

    ids: IdMaker = field(default_factory=lambda: IdMaker(NOTE_IDS))
    anchors: SectionAnchors | None = None
    headings: list[Heading] = field(default_factory=list)
    href: str = ""
    #: The language of the text being written (a parallel block's side has its own).
    lang: str = ""
    #: Note marks numbered so far, through the book.
    notes: int = 0
    #: The notes of the current content document not yet written out: (number, note, language).
    pending: deque[tuple[int, nodes.Note, str]] = field(default_factory=deque)
    #: Inside a link, the notes met there (their marks go after the link: an <a> holds no <a>).
    in_link: list[nodes.Note] | None = None
    #: The resources shown, by name, in the order they are first shown.
    images: dict[str, nodes.Resource] = field(default_factory=dict)
    images_shown: int = 0
    images_without_alt: int = 0
    tables: int = 0


@dataclass(frozen=True, slots=True)
class Shown:
    """What a book holds beyond text, for its accessibility metadata."""

    images: int  # images shown (each time it is shown)
    images_without_alt: int
    tables: int
    notes: int


class ContentBuilder:
    """Render blocks of the document tree into XHTML content documents."""

    def __init__(self, lang: str, css_href: str, resources: tuple[nodes.Resource, ...] = (),
                 paired: str | None = None) -> None:
        self.lang = lang
        #: The CJK language a bilingual edition pairs with ``lang``: its stretches in headings,
        #: names and the title are marked with it (see ``langspans``).
        self.paired = paired
        self.css_href = css_href
        self.resources = {resource.name: resource for resource in resources}
        self.run = _Run(lang=lang)

    def plan(self, parts: list[tuple[str, tuple[nodes.Block, ...]]]) -> None:
        """Give the sections of ``parts`` (content document, blocks) their ids before any is
        written, so that a link to a section further on knows where it leads."""
        self.run.anchors = SectionAnchors(self.run.ids, parts)

    @property
    def headings(self) -> list[Heading]:
        """Return the headings rendered so far, in reading order."""
        return self.run.headings

    @property
    def images(self) -> list[nodes.Resource]:
        """Return the resources shown so far, each once, in the order they were first shown."""
        return list(self.run.images.values())

    @property
    def shown(self) -> Shown:
        """Return what the documents rendered so far hold beyond text."""
        run = self.run
        return Shown(run.images_shown, run.images_without_alt, run.tables, run.notes)

    # --- documents ---------------------------------------------------------------

    def _document(self, title: str) -> tuple[etree._Element, etree._Element]:
        root = etree.Element(_tag("html"), nsmap=_NSMAP)
        root.set("lang", self.lang)
        root.set(XML_LANG, self.lang)
        root.text = "\n"
        head = _add(root, "head")
        _add(head, "title", title)
        _add(head, "link", rel="stylesheet", type="text/css", href=self.css_href)
        body = _add(root, "body")
        body.text = "\n"
        return root, body

    def body_document(self, href: str, title: str, blocks: tuple[nodes.Block, ...]) -> bytes:
        """Return a content document holding ``blocks`` and, at its end, their notes; a leading
        section becomes a chapter."""
        self.run.href = href
        root, body = self._document(title)
        for block in blocks:
            self.block(body, block)
        self._notes(body)
        return serialize(root)

    def title_page(self, href: str, meta: nodes.Meta, theme: Theme) -> bytes | None:
        """Return the title page document, or None when the title block is empty."""
        lines: list[tuple[str, str]] = [("organizer", name) for name in meta.organizers]
        if meta.organizers and (meta.presenters or meta.title):
            lines.append(("present", theme.words("present", meta.lang)))
        for person in meta.presenters:
            lines.append(("presenter", person.name))
            if person.affiliation:
                lines.append(("affiliation", person.affiliation))
        if meta.presenters and meta.title:
            lines.append(("on", theme.words("on", meta.lang)))
        lines += [("title", meta.title), ("date", meta.date_text), ("time", meta.time_text)]
        if meta.compiled_by:
            lines.append(("compiled", f"{theme.words('compiled_by', meta.lang)} {meta.compiled_by}"))
        lines = [(kind, text) for kind, text in lines if xml_text(text).strip()]
        if not lines:
            return None
        self.run.href = href
        root, body = self._document(meta.title or lines[0][1])
        page = _add(body, "section", class_="titlepage")
        page.set(EPUB_TYPE, "titlepage")
        page.text = "\n"
        self.run.lang = self.lang
        for kind, text in lines:
            paragraph = self._say(_add(page, "p", class_=kind), text)
            if kind == "title":
                # A heading for assistive technology, but not an h1: the body's h1s are the sections.
                paragraph.set("role", "heading")
                paragraph.set("aria-level", "1")
        return serialize(root)

    # --- blocks ------------------------------------------------------------------

    def block(self, parent: etree._Element, node: nodes.Block) -> None:
        """Append ``node`` to ``parent``; an unknown node type is an error, never dropped."""
        render = self._BLOCKS.get(type(node))
        if render is None:
            raise TypeError(f"the EPUB writer cannot render {type(node).__name__}: {node!r}")
        render(self, parent, node)

    def _say(self, element: etree._Element, text: str) -> etree._Element:
        """Append ``text`` to ``element``, each stretch in another language in a span saying which."""
        for lang, run in lang_runs(text, self.run.lang, self.paired):
            if lang is None:
                append_text(element, run)
            else:
                span = etree.SubElement(element, _tag("span"), lang=lang)
                span.set(XML_LANG, lang)
                span.text = xml_text(run)
        return element

    def _heading(self, parent: etree._Element, level: int, title: str, id_: str) -> None:
        self._say(_add(parent, f"h{level}", id=id_), title)
        self.run.headings.append(Heading(level, id_, xml_text(title), self.run.href))

    def _section(self, parent: etree._Element, node: nodes.Section) -> None:
        section = _add(parent, "section", role="doc-chapter")
        section.set(EPUB_TYPE, "chapter")
        section.text = "\n"
        planned = self.run.anchors.take(node) if self.run.anchors else None
        self._heading(section, 1, node.title, planned or self.run.ids.section(node.id or node.title))
        for block in node.blocks:
            self.block(section, block)

    def _speech(self, parent: etree._Element, node: nodes.Speech) -> None:
        self._heading(parent, 2, node.speaker.name, self.run.ids.speech(node.speaker.name))
        if node.speaker.affiliation:
            self._say(_add(parent, "p", class_="affiliation"), node.speaker.affiliation)
        for block in node.blocks:
            self.block(parent, block)

    def _para(self, parent: etree._Element, node: nodes.Para) -> None:
        self.inlines(_add(parent, "p"), node.inlines)

    def _items(self, list_element: etree._Element, items: tuple[nodes.Item, ...]) -> None:
        list_element.text = "\n"
        for item in items:
            element = _add(list_element, "li")
            for block in item.blocks:
                self.block(element, block)

    def _ordered_list(self, parent: etree._Element, node: nodes.OrderedList) -> None:
        element = _add(parent, "ol")
        if node.start != 1:
            element.set("start", str(node.start))
        self._items(element, node.items)

    def _bullet_list(self, parent: etree._Element, node: nodes.BulletList) -> None:
        self._items(_add(parent, "ul"), node.items)

    def _parallel(self, parent: etree._Element, node: nodes.Parallel) -> None:
        pair = _add(parent, "div", class_="parallel")
        pair.text = "\n"
        outer = self.run.lang
        for block, lang in zip(node.blocks, node.langs):
            side = _add(pair, "div")
            if lang:
                side.set("lang", lang)
                side.set(XML_LANG, lang)
            self.run.lang = lang or outer  # the language of this side's notes too
            self.block(side, block)
        self.run.lang = outer

    def _block_quote(self, parent: etree._Element, node: nodes.BlockQuote) -> None:
        quote = _add(parent, "blockquote")
        quote.text = "\n"
        for block in node.blocks:
            self.block(quote, block)

    def _table(self, parent: etree._Element, node: nodes.Table) -> None:
        self.run.tables += 1
        table = _add(parent, "table")
        table.text = "\n"
        if node.caption:
            self.inlines(_add(table, "caption"), node.caption)
        for group, rows, cell_name in (("thead", node.head, "th"), ("tbody", node.body, "td")):
            if not rows:
                continue
            rows_element = _add(table, group)
            rows_element.text = "\n"
            for row in rows:
                row_element = _add(rows_element, "tr")
                row_element.text = "\n"
                for cell in row.cells:
                    cell_element = _add(row_element, cell_name)
                    if cell_name == "th":
                        cell_element.set("scope", "col")
                    if cell.colspan != 1:
                        cell_element.set("colspan", str(cell.colspan))
                    if cell.rowspan != 1:
                        cell_element.set("rowspan", str(cell.rowspan))
                    self._cell(cell_element, cell.blocks)

    def _cell(self, element: etree._Element, blocks: tuple[nodes.Block, ...]) -> None:
        # A cell of one paragraph holds its text itself, not a <p> with a first-line indent.
        if len(blocks) == 1 and isinstance(blocks[0], nodes.Para):
            self.inlines(element, blocks[0].inlines)
            return
        element.text = "\n" if blocks else None
        for block in blocks:
            self.block(element, block)

    def _figure(self, parent: etree._Element, node: nodes.Figure) -> None:
        figure = _add(parent, "figure")
        figure.text = "\n"
        self._image(figure, node.image).tail = "\n"
        if node.caption:
            self.inlines(_add(figure, "figcaption"), node.caption)

    # Plain functions, not bound methods kept on the instance: those would make every
    # builder a reference cycle, its pages left for the cycle collector.
    _BLOCKS = {
        nodes.Para: _para,
        nodes.OrderedList: _ordered_list,
        nodes.BulletList: _bullet_list,
        nodes.Speech: _speech,
        nodes.Section: _section,
        nodes.Parallel: _parallel,
        nodes.BlockQuote: _block_quote,
        nodes.Table: _table,
        nodes.Figure: _figure,
    }

    # --- inlines -----------------------------------------------------------------

    def inlines(self, parent: etree._Element, inlines: tuple[nodes.Inline, ...]) -> None:
        """Append ``inlines`` to ``parent`` as text, <strong>, <em>, links, note marks and images."""
        for node in inlines:
            if isinstance(node, nodes.Text):
                self._say(parent, node.text)
            elif isinstance(node, nodes.Strong):
                self.inlines(etree.SubElement(parent, _tag("strong")), node.inlines)
            elif isinstance(node, nodes.Emph):
                self.inlines(etree.SubElement(parent, _tag("em")), node.inlines)
            elif isinstance(node, nodes.Link):
                self._link(parent, node)
            elif isinstance(node, nodes.Note):
                self._note_mark(parent, node)
            elif isinstance(node, nodes.Image):
                self._image(parent, node)
            else:
                raise TypeError(f"the EPUB writer cannot render inline {type(node).__name__}: {node!r}")

    def _href(self, target: str) -> str | None:
        """Return where a link to ``target`` leads in the book, or None where it can lead nowhere."""
        if not nodes.is_link_target(target):
            raise ConversionError(f"a link leads to {target[:100]!r}, which is not an http, https or "
                                  f"mailto URL or the #id of a section")
        if target.startswith("#"):
            return self.run.anchors.target(target[1:]) if self.run.anchors else None
        # A URL with a character XML cannot hold cannot be written as it is, nor changed.
        return target if xml_text(target) == target else None

    def _link(self, parent: etree._Element, node: nodes.Link) -> None:
        href = self._href(node.target)
        if href is None or self.run.in_link is not None:
            # No place to lead to, or inside another link (an <a> holds no <a>): the words only.
            self.inlines(parent, node.inlines)
            return
        self.run.in_link = []
        element = etree.SubElement(parent, _tag("a"), href=href)
        try:
            self.inlines(element, node.inlines)
        finally:
            notes, self.run.in_link = self.run.in_link, None
        if not len(element) and not (element.text or "").strip():
            # Nothing to show (a link of only notes or spaces): no empty link, the spaces kept.
            parent.remove(element)
            append_text(parent, element.text or "")
        for note in notes:
            self._note_mark(parent, note)

    def _note_mark(self, parent: etree._Element, note: nodes.Note) -> None:
        if self.run.in_link is not None:
            self.run.in_link.append(note)
            return
        self.run.notes += 1
        number = self.run.notes
        mark = etree.SubElement(parent, _tag("a"), {"href": f"#fn-{number}", "id": f"fnref-{number}",
                                                    "class": "noteref", "role": "doc-noteref"})
        mark.set(EPUB_TYPE, "noteref")
        mark.text = str(number)
        self.run.pending.append((number, note, self.run.lang))

    def _notes(self, body: etree._Element) -> None:
        """Append the notes marked in the current document (and the notes inside them) as footnotes."""
        if not self.run.pending:
            return
        notes = _add(body, "div", class_="footnotes")
        notes.text = "\n"
        outer = self.run.lang
        while self.run.pending:
            number, note, lang = self.run.pending.popleft()
            aside = _add(notes, "aside", id=f"fn-{number}", class_="footnote", role="doc-footnote")
            aside.set(EPUB_TYPE, "footnote")
            if lang != self.lang:
                aside.set("lang", lang)
                aside.set(XML_LANG, lang)
            aside.text = "\n"
            self.run.lang = lang
            for block in note.blocks:
                self.block(aside, block)
            _back_link(aside, number)
        self.run.lang = outer

    def _image(self, parent: etree._Element, node: nodes.Image) -> etree._Element:
        resource = self._resource(node.resource)
        alt = xml_text(node.alt)
        self.run.images_shown += 1
        if not alt.strip():
            self.run.images_without_alt += 1
        return etree.SubElement(parent, _tag("img"), src=f"{IMAGES}/{resource.name}", alt=alt)

    def _resource(self, name: str) -> nodes.Resource:
        """Return the resource an image shows, checked for a safe file name of its type."""
        resource = self.run.images.get(name)
        if resource is not None:
            return resource
        resource = self.resources.get(name)
        if resource is None:
            raise ConversionError(f"an image shows {name[:100]!r}, which is not one of the document's images")
        if not nodes.is_resource_name(name) or nodes.IMAGE_TYPES.get(resource.media_type) != name.rpartition(".")[2]:
            raise ConversionError(f"the image {name[:100]!r} ({resource.media_type[:40]}) has no safe file "
                                  f"name of its type")
        self.run.images[name] = resource
        return resource


def _back_link(aside: etree._Element, number: int) -> None:
    """Put the note's number, linking back to its mark, at the start of its first paragraph."""
    link = etree.Element(_tag("a"), href=f"#fnref-{number}", role="doc-backlink")
    link.text = str(number)
    first = next(aside.iterchildren(), None)
    if first is not None and first.tag == _tag("p"):
        link.tail = " " + (first.text or "")
        first.text = None
        first.insert(0, link)
    else:
        paragraph = etree.Element(_tag("p"))
        paragraph.append(link)
        paragraph.tail = "\n"
        aside.insert(0, paragraph)


def serialize(root: etree._Element) -> bytes:
    """Return ``root`` as an XHTML5 document (XML declaration, HTML5 doctype, UTF-8)."""
    return etree.tostring(root, encoding="utf-8", xml_declaration=True, doctype="<!DOCTYPE html>")
