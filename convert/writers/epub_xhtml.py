"""XHTML content documents for the EPUB writer, built as lxml trees (text from the input is only ever data)."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .. import nodes
from ..theme import Theme
from ..xmlchars import readable_xml_chars
from .epub_ids import IdMaker

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = f"{{{EPUB_NS}}}type"
_NSMAP = {None: XHTML_NS, "epub": EPUB_NS}


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


def _append_text(parent: etree._Element, text: str) -> None:
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
    """Per-book state: ids handed out and headings met, in reading order."""

    ids: IdMaker = field(default_factory=IdMaker)
    headings: list[Heading] = field(default_factory=list)
    href: str = ""


class ContentBuilder:
    """Render blocks of the document tree into XHTML content documents."""

    def __init__(self, lang: str, css_href: str) -> None:
        self.lang = lang
        self.css_href = css_href
        self.run = _Run()

    @property
    def headings(self) -> list[Heading]:
        """Return the headings rendered so far, in reading order."""
        return self.run.headings

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
        """Return a content document holding ``blocks``; a leading section becomes a chapter."""
        self.run.href = href
        root, body = self._document(title)
        for block in blocks:
            self.block(body, block)
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
        for kind, text in lines:
            paragraph = _add(page, "p", text, class_=kind)
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

    def _heading(self, parent: etree._Element, level: int, title: str, id_: str) -> None:
        _add(parent, f"h{level}", title, id=id_)
        self.run.headings.append(Heading(level, id_, xml_text(title), self.run.href))

    def _section(self, parent: etree._Element, node: nodes.Section) -> None:
        section = _add(parent, "section", role="doc-chapter")
        section.set(EPUB_TYPE, "chapter")
        section.text = "\n"
        self._heading(section, 1, node.title, self.run.ids.section(node.id or node.title))
        for block in node.blocks:
            self.block(section, block)

    def _speech(self, parent: etree._Element, node: nodes.Speech) -> None:
        self._heading(parent, 2, node.speaker.name, self.run.ids.speech(node.speaker.name))
        if node.speaker.affiliation:
            _add(parent, "p", node.speaker.affiliation, class_="affiliation")
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
        for block, lang in zip(node.blocks, node.langs):
            side = _add(pair, "div")
            if lang:
                side.set("lang", lang)
                side.set(XML_LANG, lang)
            self.block(side, block)

    # Plain functions, not bound methods kept on the instance: those would make every
    # builder a reference cycle, its pages left for the cycle collector.
    _BLOCKS = {
        nodes.Para: _para,
        nodes.OrderedList: _ordered_list,
        nodes.BulletList: _bullet_list,
        nodes.Speech: _speech,
        nodes.Section: _section,
        nodes.Parallel: _parallel,
    }

    # --- inlines -----------------------------------------------------------------

    def inlines(self, parent: etree._Element, inlines: tuple[nodes.Inline, ...]) -> None:
        """Append ``inlines`` to ``parent`` as text, <strong> and <em>."""
        for node in inlines:
            if isinstance(node, nodes.Text):
                _append_text(parent, node.text)
            elif isinstance(node, nodes.Strong):
                self.inlines(etree.SubElement(parent, _tag("strong")), node.inlines)
            elif isinstance(node, nodes.Emph):
                self.inlines(etree.SubElement(parent, _tag("em")), node.inlines)
            else:
                raise TypeError(f"the EPUB writer cannot render inline {type(node).__name__}: {node!r}")


def serialize(root: etree._Element) -> bytes:
    """Return ``root`` as an XHTML5 document (XML declaration, HTML5 doctype, UTF-8)."""
    return etree.tostring(root, encoding="utf-8", xml_declaration=True, doctype="<!DOCTYPE html>")
