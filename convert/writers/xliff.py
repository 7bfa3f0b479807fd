"""The XLIFF writers: the document's translatable text as XLIFF 2.1 and XLIFF 1.2 for CAT tools.

One unit per translatable string (see ``xliff_units``), grouped as metadata, sections and
speeches; sentences as segments with the whitespace between them kept (``xliff_segment``);
Strong/Emph as inline codes; context notes (kind, section, speaker, source lines) for the
translator. Built with lxml, so text is always escaped; valid against the OASIS core schemas.
"""

from __future__ import annotations

import re

from lxml import etree

from .. import nodes
from ..errors import ConversionError
from ..theme import Theme
from .xliff_segment import segment
from .xliff_units import Group, Open, Token, Unit, collect

XLIFF20_NS = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_NS = "http://www.w3.org/XML/1998/namespace"
TOOL = "report-convert"

# xs:language, which both schemas use for language attributes.
_LANGUAGE = re.compile(r"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$")
_CODES_20 = {"b": "xlf:b", "i": "xlf:i"}
_CODES_12 = {"b": "bold", "i": "italic"}
_NOTE_LABELS = {"kind": "Kind", "section": "Section", "speaker": "Speaker", "presenter": "Presenter",
                "list": "List", "lines": "Source lines"}
# Elements whose children are structure, not text: only these are indented.
_STRUCTURE = {"xliff", "file", "header", "body", "group", "unit", "trans-unit", "segment",
              "ignorable", "notes"}


def check_language(tag: str, what: str) -> str:
    """Return ``tag`` if it is a valid language tag (xs:language), else raise ConversionError."""
    if not _LANGUAGE.match(tag):
        raise ConversionError(f"{what} {tag!r} is not a valid language tag (e.g. 'en', 'ja', 'pt-BR')")
    return tag


def original_name(doc: nodes.Document) -> str:
    """Return the stable name the XLIFF gives the source document: a slug of its title."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", doc.meta.title).strip("-").lower()[:80]
    return f"{slug or 'report'}.txt"


def _append_text(parent: etree._Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def append_tokens(parent: etree._Element, tokens: tuple[Token, ...], make_code) -> None:
    """Append ``tokens`` to ``parent`` as mixed content; ``make_code(parent, open_token)`` builds a code."""
    stack = [parent]
    for token in tokens:
        if isinstance(token, str):
            _append_text(stack[-1], token)
        elif isinstance(token, Open):
            stack.append(make_code(stack[-1], token))
        else:
            stack.pop()


def indent(element: etree._Element, level: int = 0) -> None:
    """Indent structural elements only: whitespace inside text elements is content."""
    if etree.QName(element).localname not in _STRUCTURE or not len(element):
        return
    pad = "\n" + "  " * (level + 1)
    element.text = pad
    for child in element:
        indent(child, level + 1)
        child.tail = pad
    element[-1].tail = "\n" + "  " * level


def _note_text(label: str, value: str) -> str:
    return f"{_NOTE_LABELS.get(label, label)}: {value}"


def _serialize(root: etree._Element) -> bytes:
    indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


class _XliffWriter:
    """What both versions share: options, language checks."""

    name = ""
    extension = ""

    def __init__(self, target_lang: str | None = None, original: str | None = None) -> None:
        self.target_lang = check_language(target_lang, "target language") if target_lang else None
        self.original = original

    def write(self, doc: nodes.Document, theme: Theme) -> bytes:
        """Return the document's translatable text as an XLIFF file, UTF-8 encoded."""
        src = check_language(doc.meta.lang, "the document's language")
        return _serialize(self.build(doc, src, self.original or original_name(doc)))

    def build(self, doc: nodes.Document, src: str, original: str) -> etree._Element:
        raise NotImplementedError


class Xliff21Writer(_XliffWriter):
    """Write XLIFF 2.1 (``--xliff``, ``<stem>.xlf``)."""

    name = "xliff"
    extension = ".xlf"

    def q(self, tag: str) -> str:
        return f"{{{XLIFF20_NS}}}{tag}"

    def build(self, doc: nodes.Document, src: str, original: str) -> etree._Element:
        root = etree.Element(self.q("xliff"), nsmap={None: XLIFF20_NS})
        root.set("version", "2.1")
        root.set("srcLang", src)
        if self.target_lang:
            root.set("trgLang", self.target_lang)
        file_el = etree.SubElement(root, self.q("file"), id="f1", original=original)
        for node in collect(doc):
            self.node(file_el, node, src)
        return root

    def node(self, parent: etree._Element, node: Group | Unit, lang: str) -> None:
        if isinstance(node, Group):
            # An empty group is valid in 2.x: the metadata group of an empty report.
            group = etree.SubElement(parent, self.q("group"), id=node.id, name=node.name)
            for child in node.children:
                self.node(group, child, lang)
            return
        unit = etree.SubElement(parent, self.q("unit"), id=node.id, name=node.kind)
        unit.set(f"{{{XML_NS}}}space", "preserve")
        notes = etree.SubElement(unit, self.q("notes"))
        for label, value in node.notes:
            etree.SubElement(notes, self.q("note"), category="context").text = _note_text(label, value)
        number = 0
        for part in segment(node.tokens, lang):
            if part.kind == "segment":
                number += 1
                holder = etree.SubElement(unit, self.q("segment"), id=f"s{number}")
            else:
                holder = etree.SubElement(unit, self.q("ignorable"))
            append_tokens(etree.SubElement(holder, self.q("source")), part.tokens, self.code)

    def code(self, parent: etree._Element, token: Open) -> etree._Element:
        return etree.SubElement(parent, self.q("pc"), id=token.id, type="fmt",
                                subType=_CODES_20[token.kind])


class Xliff12Writer(_XliffWriter):
    """Write XLIFF 1.2 (``--xliff``, ``<stem>.12.xlf``) for tools that do not read 2.x yet."""

    name = "xliff12"
    extension = ".12.xlf"

    def q(self, tag: str) -> str:
        return f"{{{XLIFF12_NS}}}{tag}"

    def build(self, doc: nodes.Document, src: str, original: str) -> etree._Element:
        root = etree.Element(self.q("xliff"), nsmap={None: XLIFF12_NS})
        root.set("version", "1.2")
        file_el = etree.SubElement(root, self.q("file"), original=original, datatype="plaintext")
        file_el.set("source-language", src)
        if self.target_lang:
            file_el.set("target-language", self.target_lang)
        file_el.set("tool-id", TOOL)
        header = etree.SubElement(file_el, self.q("header"))
        tool = etree.SubElement(header, self.q("tool"))
        tool.set("tool-id", TOOL)
        tool.set("tool-name", TOOL)
        body = etree.SubElement(file_el, self.q("body"))
        for node in collect(doc):
            self.node(body, node, src)
        return root

    def node(self, parent: etree._Element, node: Group | Unit, lang: str) -> None:
        if isinstance(node, Group):
            if not node.children:
                return  # a 1.2 group must hold at least one unit
            group = etree.SubElement(parent, self.q("group"), id=node.id, restype=f"x-{node.kind}")
            group.set("resname", node.name)
            for child in node.children:
                self.node(group, child, lang)
            return
        unit = etree.SubElement(parent, self.q("trans-unit"), id=node.id, restype=f"x-{node.kind}")
        unit.set(f"{{{XML_NS}}}space", "preserve")
        append_tokens(etree.SubElement(unit, self.q("source")), node.tokens, self.code)
        seg_source = etree.SubElement(unit, self.q("seg-source"))
        number = 0
        for part in segment(node.tokens, lang):
            if part.kind == "segment":
                number += 1
                mrk = etree.SubElement(seg_source, self.q("mrk"), mtype="seg", mid=str(number))
                append_tokens(mrk, part.tokens, self.code)
            else:
                _append_text(seg_source, "".join(part.tokens))  # ignorables hold text only
        for label, value in node.notes:
            note = etree.SubElement(unit, self.q("note"))
            note.set("from", TOOL)
            note.text = _note_text(label, value)

    def code(self, parent: etree._Element, token: Open) -> etree._Element:
        return etree.SubElement(parent, self.q("g"), id=token.id, ctype=_CODES_12[token.kind])
