"""The Word reader: a DOCX's body to lines, one per paragraph, with the type, headings and lists Word declares.

1. ``Package``        the zip within limits, its parts as inert XML, its core properties
                      (``docx_package``)
2. ``Styles``, ``Numbering``  each paragraph's resolved style, heading level and list marker
                      (``docx_styles``)
3. ``Body``           the body in reading order: paragraphs, tables (a block of their own,
                      header rows and merged cells kept), content controls, text boxes;
                      footnotes and endnotes where their references stand, hyperlinks (web,
                      mail, headings' bookmarks) and pictures (with their descriptions) as
                      anchors; tracked changes as if accepted; the table of contents,
                      comments and hidden text left out and counted (``docx_body``)
4. ``paragraph_lines``  a paragraph's runs to Lines: one per line break, with type size,
                      weight, slant and bold and italic runs (``docx_lines``)

Headers and footers are never read: they are not in the body (so recovery looks for no page
furniture in it). Every paragraph is numbered
by its place in the body (1-based), so a diagnostic's line is a paragraph number; a blank
line stands between paragraphs, and each paragraph's first line is marked as starting a
block (``wraps`` False). ``recover_docx`` hands the lines to structure recovery with the
headings the styles declare as evidence, as a PDF's bookmarks are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..errors import Diagnostic, InputError
from ..images import MAX_IMAGE_BYTES
from ..lines import Dropped, Line
from ..nodes import Resource
from ..recover import Recovered, recover
from ..recover.resources import with_resources
from .docx_body import MAX_NESTING, Body, Related
from .docx_package import CoreProperties, DocxLimits, Package
from .docx_styles import Numbering, Styles, w

__all__ = ["MAX_NESTING", "DocxLimits", "DocxSource", "read_docx", "recover_docx"]


@dataclass(frozen=True, slots=True)
class DocxSource:
    """A Word document read: its lines, its core properties, the headings its styles declare,
    the table-of-contents entries left out, and what was found on the way."""

    lines: list[Line]
    properties: CoreProperties
    #: The first line of every paragraph declared a heading (an outline level or a "heading N" style).
    outline: tuple[str, ...]
    dropped: tuple[Dropped, ...]
    diagnostics: list[Diagnostic]
    #: The pictures the body shows, by resource name.
    resources: dict[str, Resource] = field(default_factory=dict)


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
    related = _related(package, body)
    reader = Body(styles, numbering, name, related=related)
    reader.read(body)
    if reader.counts.unclosed is not None and reader.counts.unclosed[1]:
        # A table of contents that never ends would take the rest of the body with it: read again,
        # with its field's result as text.
        reader = Body(styles, Numbering(package.xml(numbering_part) if numbering_part else None, styles), name,
                      leave_out_contents=False, related=related)
        reader.read(body)
        reader.counts.unclosed = (reader.counts.unclosed or (0, False))[0], True
    if not any(line.text for line in reader.lines):
        raise InputError("the Word document has no text (its body is empty, or holds only pictures)", name)
    diagnostics.extend(_diagnostics(reader))
    return DocxSource(reader.lines, properties, tuple(reader.outline), tuple(reader.dropped), diagnostics,
                      reader.resources)


def _related(package: Package, body: etree._Element) -> Related:
    """Return what the body points at: external links, headings under bookmarks, notes, pictures."""
    bookmarks: dict[str, str] = {}
    for mark in body.iter(w("bookmarkStart")):
        # The paragraph it stands in, or (between paragraphs) the one after it.
        paragraph = next(mark.iterancestors(w("p")), None)
        if paragraph is None:
            paragraph = next((sibling for sibling in mark.itersiblings() if sibling.tag == w("p")), None)
        text = " ".join("".join(t.text or "" for t in paragraph.iter(w("t"))).split()) if paragraph is not None else ""
        if mark.get(w("name")) and text:
            bookmarks.setdefault(mark.get(w("name")), text)
    notes: dict[tuple[str, str], etree._Element] = {}
    note_parts = {}
    for kind in ("footnote", "endnote"):
        part = package.related(package.main, f"{kind}s")
        root = package.xml(part) if part else None
        for note in root.iter(w(kind)) if root is not None else ():
            if note.get(w("type"), "normal") == "normal":
                notes[(kind, note.get(w("id"), ""))] = note
        if part:
            note_parts[kind] = (package.external_links(part), _picture_reader(package, part))
    return Related(package.external_links(package.main), bookmarks, notes, _picture_reader(package, package.main),
                   note_parts)


def _picture_reader(package: Package, part: str):
    """Return the function that gives the bytes of the picture a relationship id of ``part``
    names (None for another kind of relationship, a missing part or one over the size limit)."""
    relationships = package.relationships(part)

    def picture(rid: str) -> bytes | None:
        kind, target = relationships.get(rid, ("", ""))
        if not kind.endswith("/image") or not package.has(target) \
                or package.entries[target].file_size > MAX_IMAGE_BYTES:
            return None
        return package.read(target)

    return picture


def _diagnostics(reader: Body) -> list[Diagnostic]:
    """Return what the reader left out or changed, one diagnostic per kind."""
    counts = reader.counts
    found: list[Diagnostic] = []
    if counts.unclosed is not None:
        started, contents = counts.unclosed
        found.append(Diagnostic(started, "docx-unclosed-field",
                                "a table of contents that never ends (a damaged field): read as text, entries and all"
                                if contents else "a field never ends (damaged): text after its start may be missing"))
    if counts.contents:
        first, last = counts.contents[0], counts.contents[-1]
        found.append(Diagnostic(first, "contents", f"left out the table of contents (paragraphs {first}-{last}); "
                                "its entries are the document's headings", "info"))
    for refused in counts.pictures_refused:
        found.append(Diagnostic(0, "docx-picture", f"a picture left out ({refused})"))
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
        found.append(Diagnostic(0, "docx-notes", f"{counts.notes} footnote or endnote reference(s) to notes the "
                                "document does not hold, left out"))
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
                        fallback_title=source.properties.title or fallback_title, outline=source.outline,
                        furniture_apart=True)
    diagnostics = sorted((*recovered.diagnostics, *source.diagnostics), key=lambda d: d.line)
    dropped = sorted((*recovered.dropped, *source.dropped), key=lambda d: d.line)
    document = with_resources(recovered.document, source.resources)
    return Recovered(document, tuple(diagnostics), tuple(dropped))
