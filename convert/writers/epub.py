"""The EPUB 3 writer: one XHTML document per section, navigation, images, accessibility metadata, same bytes per build.

ebooklib does the packaging: the OPF (metadata, manifest, spine) and the navigation document
with its landmarks. The NCX for EPUB 2 readers is built here (ebooklib's is quadratic in the
number of links), and so are the content documents: they are not ebooklib's
``EpubHtml`` pages, because those re-parse their content with an HTML parser (slow on a
huge section and lossy for ``xml:lang``/``epub:type``); they are lxml trees built in
``epub_xhtml`` and handed to ebooklib as finished bytes. ebooklib's zip (current times) is
re-packed with ``repro.normalize_zip``, and its one clock read (dcterms:modified) and one
random value (the identifier) are set from the build time and the content.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import uuid

from ebooklib import epub

from .. import astjson, nodes, repro
from ..langspans import cjk_language, lang_runs
from ..theme import Theme
from ..typography import typeset
from lxml import etree

from .epub_css import theme_css
from .epub_xhtml import (EPUB_TYPE, IMAGES, XHTML_NS, XML_LANG, ContentBuilder, Heading, Shown, append_text,
                         serialize, xml_text)

CSS_NAME = "style.css"
#: Fixed namespace for the content-derived identifier: same document JSON, same urn:uuid.
ID_NAMESPACE = uuid.UUID("6f1d3b1e-8a52-5c1b-9d8e-7c3a4e2b9f10")
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

#: The accessibility features of every book this writer makes (EPUB Accessibility 1.1 discovery
#: metadata); ``accessibility_metadata`` adds what depends on the book.
A11Y_FEATURES = ("structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability")
A11Y_CONFORMANCE = (
    ("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"),
    ("a11y:certifiedBy", "report-convert (self-declared)"),
)


def _count(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}"


def accessibility_metadata(shown: Shown) -> list[tuple[str, str]]:
    """Return the accessibility metadata (property, value) true of a book that holds ``shown``.

    An image adds the visual access mode; text alone is sufficient, and text alternatives and
    WCAG 2.1 AA are claimed, only when every image has a text alternative.
    """
    described = shown.images_without_alt == 0
    modes = [("schema:accessMode", "textual")]
    sufficient = [("schema:accessModeSufficient", "textual")]
    features = list(A11Y_FEATURES)
    if shown.images:
        modes.append(("schema:accessMode", "visual"))
        sufficient = (sufficient if described else []) + [("schema:accessModeSufficient", "textual,visual")]
        if described:
            features.append("alternativeText")
    if not shown.images:
        summary = ["A text-only report with no images or media."]
    elif described:
        summary = [f"A report whose {_count(shown.images, 'image has', 'images each have')} a text "
                   "alternative, with no other media."]
    else:
        summary = [f"A report with {_count(shown.images, 'image', 'images')}, {shown.images_without_alt:,} "
                   "of them without a text alternative, and no other media."]
    summary.append("Headings mark every section and speaker, the table of contents links to them, "
                   "and the reading order follows the report.")
    if shown.tables:
        summary.append("Table header cells are marked as column headers.")
    if shown.notes:
        summary.append("Each note reference links to its note, and each note back to its reference.")
    return [*modes, *sufficient, *(("schema:accessibilityFeature", f) for f in features),
            ("schema:accessibilityHazard", "none"), ("schema:accessibilitySummary", " ".join(summary)),
            *(A11Y_CONFORMANCE if described else ())]


class _Page(epub.EpubHtml):
    """A content document whose XHTML is already built: ebooklib writes it as is."""

    def __init__(self, uid: str, file_name: str, title: str, data: bytes, lang: str) -> None:
        # The media type given, so that ebooklib need not guess it from the system's MIME tables.
        super().__init__(uid=uid, file_name=file_name, title=title, lang=lang,
                         media_type="application/xhtml+xml")
        self.data = data

    def get_content(self, default=None) -> bytes:
        return self.data


class _PackageWriter(epub.EpubWriter):
    """ebooklib's writer, with the package's language set and a linear-time NCX.

    ebooklib leaves xml:lang off the package, and its NCX builder looks up a child per link
    (quadratic: 12 s for 50,000 speeches), so the NCX is built here from the headings.
    """

    def __init__(self, out: io.BytesIO, book: epub.EpubBook, lang: str, headings: list[Heading],
                 paired: str | None = None) -> None:
        super().__init__(out, book, {
            "mtime": repro.build_time(),  # dcterms:modified, instead of the wall clock
            "epub2_guide": False,  # the EPUB 3 landmarks replace it
            "epub3_landmark": True,
            "epub3_pages": False,  # would re-parse every page looking for page breaks
            "raise_exceptions": True,
            "compresslevel": 1,  # the zip is re-packed anyway
        })
        self.lang = lang
        self.headings = headings
        self.paired = paired

    def _write_opf_file(self, root) -> None:
        root.set(XML_LANG, self.lang)
        super()._write_opf_file(root)

    def _get_ncx(self) -> bytes:
        return ncx_document(self.book.uid, self.book.title, self.lang, self.headings)

    def _get_nav(self, item) -> bytes:
        # The landmarks are for reading systems' menus: hidden, they do not show under the
        # contents when the nav document is displayed.
        # An entry in two scripts (a bilingual heading) says which stretch is in which language.
        root = etree.fromstring(super()._get_nav(item))
        for nav in root.iter(f"{{{XHTML_NS}}}nav"):
            if nav.get(EPUB_TYPE) == "landmarks":
                nav.set("hidden", "hidden")
        for link in root.iter(f"{{{XHTML_NS}}}a"):
            runs = lang_runs(link.text or "", self.lang, self.paired)
            if len(link) or not any(lang for lang, _ in runs):
                continue
            link.text = None
            for lang, text in runs:
                if lang is None:
                    append_text(link, text)
                else:
                    span = etree.SubElement(link, f"{{{XHTML_NS}}}span", lang=lang)
                    span.set(XML_LANG, lang)
                    span.text = text
        return serialize(root)


def _target(heading: Heading) -> str:
    """Return where a navigation entry points: the heading, or a whole document (no id)."""
    return f"{heading.href}#{heading.id}" if heading.id else heading.href


def _label(heading: Heading) -> str:
    """Return a navigation entry's text: the heading's, or its document's name if it has none
    (a navigation link must show some text)."""
    return heading.title if heading.title.strip() else heading.href


def _nav_id(heading: Heading) -> str:
    return f"nav-{heading.id or heading.href.removesuffix('.xhtml')}"


def ncx_document(uid: str, title: str, lang: str, headings: list[Heading]) -> bytes:
    """Return the EPUB 2 NCX: sections with their speeches nested, in reading order."""
    ns = "{http://www.daisy.org/z3986/2005/ncx/}"
    root = etree.Element(f"{ns}ncx", nsmap={None: ns[1:-1]}, version="2005-1")
    root.set(XML_LANG, lang)
    head = etree.SubElement(root, f"{ns}head")
    depth = "2" if any(h.level == 2 for h in headings) else "1"
    for name, content in (("dtb:uid", uid), ("dtb:depth", depth), ("dtb:totalPageCount", "0"),
                          ("dtb:maxPageNumber", "0")):
        etree.SubElement(head, f"{ns}meta", name=name, content=content)
    etree.SubElement(etree.SubElement(root, f"{ns}docTitle"), f"{ns}text").text = title
    nav_map = etree.SubElement(root, f"{ns}navMap")
    parent = nav_map
    for order, heading in enumerate(headings, 1):
        container = nav_map if heading.level == 1 or parent is nav_map else parent
        point = etree.SubElement(container, f"{ns}navPoint", id=_nav_id(heading), playOrder=str(order))
        etree.SubElement(etree.SubElement(point, f"{ns}navLabel"), f"{ns}text").text = _label(heading)
        etree.SubElement(point, f"{ns}content", src=_target(heading))
        if heading.level == 1:
            parent = point
    return etree.tostring(root, encoding="utf-8", xml_declaration=True)


def split_parts(blocks: tuple[nodes.Block, ...]) -> list[tuple[nodes.Block, ...]]:
    """Return the body in content documents: what precedes the first section, then one per section.

    A non-section block after a section stays with that section (it follows it in reading order).
    """
    parts: list[list[nodes.Block]] = [[]]
    for block in blocks:
        if isinstance(block, nodes.Section):
            parts.append([])
        parts[-1].append(block)
    return [tuple(part) for part in parts if part]


def content_identifier(doc: nodes.Document) -> str:
    """Return the book's identifier: a name-based UUID of the document's JSON (same text, same id)."""
    # astjson.to_json compactly encoded: the same tree as astjson.dumps, without its indentation,
    # which forces Python's slow encoder (seconds on a 50,000-speech report). Hashed as bytes,
    # as uuid5 does, so that a lone surrogate in the input cannot break it.
    data = json.dumps(astjson.to_json(doc), ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha1(ID_NAMESPACE.bytes + data.encode("utf-8", "surrogatepass")).digest()
    return "urn:uuid:" + str(uuid.UUID(bytes=digest[:16], version=5))


def _toc(headings: list[Heading]) -> list:
    """Return ebooklib's table of contents: sections, each with its speakers nested."""
    toc: list = []
    for heading in headings:
        link = epub.Link(_target(heading), _label(heading), _nav_id(heading))
        if heading.level == 1:
            toc.append((link, []))
        elif toc and isinstance(toc[-1], tuple):
            toc[-1][1].append(link)
        else:
            toc.append(link)
    # A section without speakers is a plain link: an empty <ol> is invalid in the nav document.
    return [entry if not isinstance(entry, tuple) or entry[1] else entry[0] for entry in toc]


class EpubWriter:
    """Write an EPUB 3 e-book that passes EPUBCheck (``--epub``)."""

    name = "epub"
    extension = ".epub"

    def write(self, doc: nodes.Document, theme: Theme) -> bytes:
        """Return the document as EPUB 3 bytes, identical for identical input and build time."""
        identifier = content_identifier(doc)  # of the source's text, whatever the typography
        doc = typeset(doc)
        meta = doc.meta
        lang = xml_text(meta.lang).strip() or "en"
        title = xml_text(meta.title).strip() or next(
            (xml_text(b.title) for b in doc.blocks if isinstance(b, nodes.Section) and b.title.strip()),
            "Report")
        contents = theme.words("contents", lang) or "Contents"

        book = epub.EpubBook()
        book.set_identifier(identifier)
        book.set_title(title)
        book.set_language(lang)
        if meta.compiled_by.strip():
            book.add_author(xml_text(meta.compiled_by), role="com", uid="compiler")
        if meta.organizers:
            book.add_metadata("DC", "publisher", xml_text("; ".join(meta.organizers)))
        if _ISO_DATE.match(meta.date):
            book.add_metadata("DC", "date", meta.date)
        book.add_item(epub.EpubItem(uid="style", file_name=CSS_NAME, media_type="text/css",
                                    content=theme_css(theme, lang).encode("utf-8")))

        paired = cjk_language(doc)
        builder = ContentBuilder(lang, CSS_NAME, doc.resources, paired)
        spine: list = []
        guide: list[dict[str, str]] = []
        title_page = builder.title_page("titlepage.xhtml", meta, theme)
        if title_page is not None:
            spine.append(_Page("titlepage", "titlepage.xhtml", title, title_page, lang))
            guide.append({"href": "titlepage.xhtml", "title": title, "type": "titlepage"})
        guide.append({"href": "nav.xhtml", "title": contents, "type": "toc"})
        # An EPUB needs at least one content document in its spine besides the title page.
        parts = [(f"part-{number:03d}.xhtml", blocks)
                 for number, blocks in enumerate(split_parts(doc.blocks) or [()], 1)]
        builder.plan(parts)
        for number, (href, blocks) in enumerate(parts, 1):
            first = blocks[0] if blocks else None
            part_title = xml_text(first.title) if isinstance(first, nodes.Section) else ""
            part_title = part_title if part_title.strip() else title  # a title of spaces is none
            spine.append(_Page(href.removesuffix(".xhtml"), href, part_title,
                               builder.body_document(href, part_title, blocks), lang))
            if number == 1 and blocks:
                guide.append({"href": href, "title": part_title, "type": "bodymatter"})
        for resource in builder.images:
            # The file name is the resource's own, checked as a plain name of its type.
            book.add_item(epub.EpubImage(uid=f"image-{resource.name}", file_name=f"{IMAGES}/{resource.name}",
                                         media_type=resource.media_type, content=resource.data))
        for prop, value in accessibility_metadata(builder.shown):
            book.add_metadata(None, "meta", value, {"property": prop})
        for page in spine:
            page.add_link(href=CSS_NAME, rel="stylesheet", type="text/css")
            book.add_item(page)

        nav = epub.EpubNav(title=contents)
        nav.add_link(href=CSS_NAME, rel="stylesheet", type="text/css")
        book.add_item(nav)
        book.add_item(epub.EpubNcx())
        # A report without sections or speakers still needs a navigation entry: its documents.
        headings = builder.headings or [Heading(1, "", page.title, page.file_name) for page in spine]
        book.toc = _toc(headings)
        # The nav document is in the spine (landmarks may only point at spine items) but not
        # in the linear reading order: reading systems show their own table of contents.
        book.spine = spine[:1] + [(nav, "no")] + spine[1:]
        book.guide = guide

        buffer = io.BytesIO()
        writer = _PackageWriter(buffer, book, lang, headings, paired)
        try:
            writer.process()
            writer.write()
        finally:
            # ebooklib links every item back to its book: unlinked, the book and its pages
            # are freed now instead of waiting for the cycle collector.
            for item in book.items:
                item.book = None
        return repro.normalize_zip(buffer.getvalue())
