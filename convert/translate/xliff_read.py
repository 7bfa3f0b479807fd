"""Reading XLIFF 1.2 and 2.x files as CAT tools return them: safe parsing, units, sources, targets.

Whatever a tool adds (states, approvals, other namespaces' elements and attributes, comments,
annotations) is tolerated; only what a merge needs is read: each unit's id, its source and its
target as tokens (text and inline codes), and the file's languages.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from ..errors import ConversionError
from ..writers.xliff_units import Close, Open, Token, join_text

XLIFF20_NS = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Inline code kinds by 2.x subType / 1.2 ctype: what Strong and Emph were written as.
_KIND_BY_ATTR = {"xlf:b": "b", "xlf:i": "i", "bold": "b", "italic": "i"}
# 1.2 native-code elements: their text is code data, never translatable text.
CODE_DATA = {"bpt", "ept", "ph", "it"}


@dataclass(frozen=True, slots=True)
class ReadUnit:
    """One unit of a read XLIFF: id, source tokens, target tokens (None when untranslated)."""

    id: str
    source: tuple[Token, ...]
    target: tuple[Token, ...] | None


@dataclass(frozen=True, slots=True)
class XliffFile:
    """A read XLIFF file: version ("1.2" or "2.x"), languages, units in document order."""

    version: str
    src_lang: str
    trg_lang: str
    units: tuple[ReadUnit, ...]


def parse(data: bytes) -> etree._Element:
    """Return the root of XLIFF ``data``, parsed safely; raise ConversionError if it is not XML.

    No DTD is loaded, no entity expanded, nothing fetched; a document type declaration (where
    entity tricks live) is refused outright.
    """
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError("XLIFF data must be bytes")
    if not bytes(data).strip():
        raise ConversionError("the XLIFF file is empty")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, huge_tree=False, remove_blank_text=False)
    try:
        root = etree.fromstring(bytes(data), parser)
    except etree.XMLSyntaxError as exc:
        raise ConversionError(f"the XLIFF file is not well-formed XML: {exc}") from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise ConversionError("the XLIFF file has a document type declaration (DOCTYPE, ENTITY); "
                              "XLIFF needs none, and it is refused for safety")
    return root


def version_of(root: etree._Element) -> tuple[str, str]:
    """Return (version, namespace) of an XLIFF root: ("1.2", ns) or ("2.x", ns)."""
    qname = etree.QName(root)
    version = root.get("version", "")
    if qname.localname == "xliff":
        if qname.namespace == XLIFF20_NS and version.startswith("2."):
            return "2.x", XLIFF20_NS
        if qname.namespace == XLIFF12_NS or (qname.namespace is None and version == "1.2"):
            return "1.2", qname.namespace or ""
        found = f"version {version!r}" + (f" in namespace {qname.namespace}" if qname.namespace else "")
        raise ConversionError(f"unsupported XLIFF ({found}); XLIFF 1.2 and 2.x are read")
    raise ConversionError(f"not an XLIFF file: the root element is <{qname.localname}>, not <xliff>")


class _Reader:
    """Read one file's units; ``ns`` is the XLIFF namespace ("" for a 1.2 file without one)."""

    def __init__(self, ns: str) -> None:
        self.ns = ns

    def q(self, tag: str) -> str:
        return f"{{{self.ns}}}{tag}" if self.ns else tag

    def local(self, element: etree._Element) -> str | None:
        """Return the local name of an XLIFF element, None for comments and foreign elements."""
        if not isinstance(element.tag, str):
            return None
        qname = etree.QName(element)
        return qname.localname if (qname.namespace or "") == self.ns else None

    def tokens(self, element: etree._Element) -> tuple[Token, ...]:
        """Return the content of a source/target element as tokens."""
        out: list[Token] = []
        self._content(element, out)
        return join_text(out)

    def _content(self, element: etree._Element, out: list[Token]) -> None:
        out.append(element.text or "")
        for child in element:
            self._inline(child, out)
            out.append(child.tail or "")

    def _inline(self, child: etree._Element, out: list[Token]) -> None:
        if not isinstance(child.tag, str):
            return  # comment or processing instruction: its tail is still read
        name = self.local(child)
        kind = _KIND_BY_ATTR.get(child.get("subType") or child.get("ctype") or "", "")
        if name in ("pc", "g"):
            code_id = child.get("id", "")
            out.append(Open(code_id, kind))
            self._content(child, out)
            out.append(Close(code_id))
        elif name in ("sc", "bx"):
            out.append(Open(child.get("id", ""), kind))
        elif name == "ec":
            out.append(Close(child.get("startRef") or child.get("id", "")))
        elif name == "ex":
            out.append(Close(child.get("rid") or child.get("id", "")))
        elif name == "bpt":
            out.append(Open(child.get("rid") or child.get("id", ""), kind))
        elif name == "ept":
            out.append(Close(child.get("rid") or child.get("id", "")))
        elif name == "cp":
            out.append(_code_point(child.get("hex", "")))
        elif name in ("ph", "x", "it", "sm", "em", "sub") or name in CODE_DATA:
            return  # placeholders and markers carry no text of ours
        else:
            self._content(child, out)  # mrk, or a tool's own element: keep its text

    def units(self, root: etree._Element, version: str) -> list[ReadUnit]:
        tag = "unit" if version == "2.x" else "trans-unit"
        read = self.unit_20 if version == "2.x" else self.unit_12
        return [read(unit) for unit in root.iter(self.q(tag))]

    def unit_20(self, unit: etree._Element) -> ReadUnit:
        sources: list[Token] = []
        parts: list[tuple[int, tuple[Token, ...]]] = []
        complete = True
        for position, part in enumerate(c for c in unit if self.local(c) in ("segment", "ignorable")):
            source_el = part.find(self.q("source"))
            target_el = part.find(self.q("target"))
            source = self.tokens(source_el) if source_el is not None else ()
            sources.extend(source)
            if target_el is None:
                if self.local(part) == "segment":
                    complete = False
                target = source  # an ignorable without target is its source
                order = position + 1
            else:
                target = self.tokens(target_el)
                order = _positive_int(target_el.get("order"), position + 1)
            parts.append((order, target))
        target_tokens: tuple[Token, ...] | None = None
        if complete:
            target_tokens = join_text(t for _, tokens in sorted(parts, key=lambda p: p[0]) for t in tokens)
        return ReadUnit(unit.get("id", ""), join_text(sources), _translated(join_text(sources), target_tokens))

    def unit_12(self, unit: etree._Element) -> ReadUnit:
        source_el = unit.find(self.q("source"))
        target_el = unit.find(self.q("target"))
        source = self.tokens(source_el) if source_el is not None else ()
        target = self.tokens(target_el) if target_el is not None else None
        return ReadUnit(unit.get("id", ""), source, _translated(source, target))

    def target_lang(self, root: etree._Element, version: str) -> str:
        if version == "2.x":
            lang = root.get("trgLang", "")
        else:
            lang = next((f.get("target-language", "") for f in root.iter(self.q("file"))
                         if f.get("target-language")), "")
        if not lang:
            lang = next((t.get(XML_LANG, "") for t in root.iter(self.q("target")) if t.get(XML_LANG)), "")
        return lang

    def source_lang(self, root: etree._Element, version: str) -> str:
        if version == "2.x":
            return root.get("srcLang", "")
        return next((f.get("source-language", "") for f in root.iter(self.q("file"))), "")


def _translated(source: tuple[Token, ...], target: tuple[Token, ...] | None) -> tuple[Token, ...] | None:
    """Return ``target``, or None when it is absent or holds no text for a source that has some."""
    if target is None:
        return None
    has_text = any(isinstance(t, str) and t.strip() for t in target)
    source_has_text = any(isinstance(t, str) and t.strip() for t in source)
    return target if has_text or not source_has_text else None


def _positive_int(value: str | None, default: int) -> int:
    if value and value.isdigit() and int(value) > 0:
        return int(value)
    return default


def _code_point(hex_value: str) -> str:
    try:
        return chr(int(hex_value, 16))
    except (ValueError, OverflowError):
        return ""


def read_xliff(data: bytes) -> XliffFile:
    """Return the units and languages of XLIFF ``data`` (1.2 or 2.x); raise ConversionError if unusable."""
    root = parse(data)
    version, ns = version_of(root)
    reader = _Reader(ns)
    units = reader.units(root, version)
    if not units:
        raise ConversionError(f"the XLIFF {version} file has no translation units")
    return XliffFile(version, reader.source_lang(root, version), reader.target_lang(root, version),
                     tuple(units))


def languages(data: bytes) -> tuple[str, str]:
    """Return the (source, target) languages XLIFF ``data`` names; the target is "" when it names none."""
    root = parse(data)
    version, ns = version_of(root)
    reader = _Reader(ns)
    return reader.source_lang(root, version), reader.target_lang(root, version)
