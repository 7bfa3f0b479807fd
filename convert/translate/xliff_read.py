"""Reading XLIFF 1.2 and 2.x files as CAT tools return them: safe parsing, units, sources, targets.

Whatever a tool adds (states, approvals, other namespaces' elements and attributes, comments,
annotations) is tolerated; only what a merge needs is read: each unit's id, its source and its
target as tokens (text and inline codes), and the file's languages.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from ..errors import InputError
from ..langtags import LanguageTagError, language_tag
from ..writers.xliff_tokens import Close, Open, Placeholder, Token, join_text, plain
from .joining import drops_gap

XLIFF20_NS = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: A translated XLIFF larger than this is refused before it is parsed: the limit on a report's
#: text (``decode.MAX_INPUT_BYTES``). The seed report's translated XLIFF is 78 KB.
MAX_XLIFF_BYTES = 64 * 1024 * 1024
#: At most this many tags, comments and processing instructions (each begins with "<"). The
#: parsed tree costs about 200 bytes for each, however few bytes it takes in the file, so
#: this, not the size, bounds the parser's memory (to about 200 MB). The seed's has 1,964.
MAX_XLIFF_MARKUP = 1_000_000
#: A unit's target may be at most TARGET_EXPANSION times as long as its source, plus
#: TARGET_SLACK_CHARS for short sources ("Q&A" -> "Fragen und Antworten"); translations run
#: up to twice as long as English, pseudo-translations a third longer.
TARGET_EXPANSION = 4
TARGET_SLACK_CHARS = 100
#: And never longer than the limit on one line of a report (``decode.MAX_LINE_CHARS``), for the
#: same reason: every writer's layout work stays bounded.
MAX_TARGET_CHARS = 200_000

# Inline code kinds by 2.x subType / 1.2 ctype, then by 2.x type: what Strong, Emph, Link,
# notes' marks and images were written as. A merge trusts them only for codes the source lacks.
_KIND_BY_ATTR = {"xlf:b": "b", "xlf:i": "i", "bold": "b", "italic": "i", "link": "a", "x-note": "note",
                 "report-convert:note": "note", "image": "image"}
_KIND_BY_TYPE = {"link": "a", "image": "image"}
# 1.2 native-code elements: their text is code data, never translatable text.
CODE_DATA = {"bpt", "ept", "ph", "it"}


#: A segment's source and target tokens.
Pair = tuple[tuple[Token, ...], tuple[Token, ...]]


@dataclass(frozen=True, slots=True)
class ReadUnit:
    """One unit of a read XLIFF: id, source tokens, target tokens (None when untranslated), line;
    the ``state`` of each of its segments (2.x) or of its target (1.2), "" where none is given;
    whether it is ``approved`` (1.2); and the source and target of each translated segment."""

    id: str
    source: tuple[Token, ...]
    target: tuple[Token, ...] | None
    line: int = 0
    states: tuple[str, ...] = ()
    approved: bool = False
    pairs: tuple[Pair, ...] = ()


@dataclass(frozen=True, slots=True)
class XliffFile:
    """A read XLIFF file: version ("1.2" or "2.x"), languages, units in document order."""

    version: str
    src_lang: str
    trg_lang: str
    units: tuple[ReadUnit, ...]


# What the XML parser's refusals mean, in our words, by its error code; any other is only
# "not well-formed XML" with the line and column.
_SYNTAX_ERRORS = {
    etree.ErrorTypes.ERR_DOCUMENT_EMPTY: "it holds no element",
    etree.ErrorTypes.ERR_DOCUMENT_END: "there is more after the end of the root element",
    etree.ErrorTypes.ERR_INVALID_CHAR: "a character XML does not allow (NUL or another control character)",
    etree.ErrorTypes.ERR_INVALID_HEX_CHARREF: "a character reference to a character XML does not allow",
    etree.ErrorTypes.ERR_INVALID_DEC_CHARREF: "a character reference to a character XML does not allow",
    etree.ErrorTypes.ERR_UNDECLARED_ENTITY: "an undefined entity reference (&name;)",
    etree.ErrorTypes.WAR_UNDECLARED_ENTITY: "an undefined entity reference (&name;)",
    etree.ErrorTypes.ERR_TAG_NAME_MISMATCH: "an end tag that does not match its start tag",
    etree.ErrorTypes.ERR_TAG_NOT_FINISHED: "the file ends inside an element (was it cut short?)",
    etree.ErrorTypes.ERR_ATTRIBUTE_REDEFINED: "an element with the same attribute twice",
    etree.ErrorTypes.ERR_LT_IN_ATTRIBUTE: "an attribute value with an unescaped '<'",
    etree.ErrorTypes.ERR_RESOURCE_LIMIT: "text of over 10,000,000 characters in one piece, "
                                         "or elements nested over 256 deep",
}
# How much of a value from the file a message quotes.
_SHOWN_CHARS = 60
# How a language attribute is named in messages.
_ATTRIBUTE_NAMES = {XML_LANG: "xml:lang"}


def parse(data: bytes, name: str = "") -> etree._Element:
    """Return the root of XLIFF ``data`` (file ``name``), parsed safely; raise InputError if unusable.

    No DTD is loaded, no entity expanded, nothing fetched; a document type declaration (where
    entity tricks live) is refused outright. Files over MAX_XLIFF_BYTES or with more than
    MAX_XLIFF_MARKUP tags are refused before parsing, which bounds the memory the tree takes.
    """
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError("XLIFF data must be bytes")
    if len(data) > MAX_XLIFF_BYTES:
        raise InputError(f"the XLIFF file is {len(data):,} bytes; the limit is {MAX_XLIFF_BYTES:,}", name)
    if not data or data.isspace():
        raise InputError("the XLIFF file is empty", name)
    markup = data.count(b"<")
    if markup > MAX_XLIFF_MARKUP:
        raise InputError(f"the XLIFF file has {markup:,} tags and comments; the limit is {MAX_XLIFF_MARKUP:,}",
                         name)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, huge_tree=False, remove_blank_text=False)
    try:
        root = etree.fromstring(data if isinstance(data, bytes) else bytes(data), parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        what = _SYNTAX_ERRORS.get(exc.code, "")
        raise InputError(f"the XLIFF file is not well-formed XML (column {column})" + (f": {what}" if what else ""),
                         name, line) from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise InputError("the XLIFF file has a document type declaration (DOCTYPE, ENTITY); "
                         "XLIFF needs none, and it is refused for safety", name)
    return root


def version_of(root: etree._Element, name: str = "") -> tuple[str, str]:
    """Return (version, namespace) of an XLIFF root: ("1.2", ns) or ("2.x", ns); raise InputError otherwise."""
    qname = etree.QName(root)
    version = root.get("version", "")
    if qname.localname == "xliff":
        if qname.namespace == XLIFF20_NS and version.startswith("2."):
            return "2.x", XLIFF20_NS
        if qname.namespace == XLIFF12_NS or (qname.namespace is None and version == "1.2"):
            return "1.2", qname.namespace or ""
        found = f"version {_quoted(version)}" + (f" in namespace {_quoted(qname.namespace)}"
                                                 if qname.namespace else "")
        raise InputError(f"unsupported XLIFF ({found}); XLIFF 1.2 and 2.x are read", name, root.sourceline or 0)
    raise InputError(f"not an XLIFF file: the root element is <{_cut(qname.localname)}>, not <xliff>",
                     name, root.sourceline or 0)


def language_of(element: etree._Element, attribute: str, name: str = "") -> str:
    """Return the language tag in ``attribute`` of ``element``, normalised ("" if absent).

    Raise InputError naming the file, line and attribute when it is not a valid BCP 47 tag.
    """
    value = element.get(attribute)
    if value is None:
        return ""
    try:
        return language_tag(value)
    except LanguageTagError as exc:
        shown = _ATTRIBUTE_NAMES.get(attribute, attribute)
        raise InputError(f"{shown}: {exc}", name, element.sourceline or 0) from None


class _TooLong(Exception):
    """A target ran past the length allowed for it (raised while it is read)."""


class _Reader:
    """Read one file's units; ``ns`` is the XLIFF namespace ("" for a 1.2 file without one)."""

    def __init__(self, ns: str, name: str = "", trg_lang: str = "") -> None:
        self.ns = ns
        self.name = name
        # The target language: how the segments of a target are joined (see ``joining``).
        self.trg_lang = trg_lang
        # While a target is read: how many characters it may still have.
        self.room = -1

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

    def _text(self, text: str | None, out: list[Token]) -> None:
        if not text:
            return
        if self.room >= 0:
            # Counted as it is read: a target split into many pieces (by comments or codes)
            # is refused at its first piece past the limit, never joined whole.
            self.room -= len(text)
            if self.room < 0:
                raise _TooLong
        out.append(text)

    def _content(self, element: etree._Element, out: list[Token]) -> None:
        self._text(element.text, out)
        for child in element:
            self._inline(child, out)
            self._text(child.tail, out)

    def _inline(self, child: etree._Element, out: list[Token]) -> None:
        if not isinstance(child.tag, str):
            return  # comment or processing instruction: its tail is still read
        name = self.local(child)
        kind = (_KIND_BY_ATTR.get(child.get("subType") or child.get("ctype") or "")
                or _KIND_BY_TYPE.get(child.get("type") or "", ""))
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
            self._text(_code_point(child.get("hex", "")), out)
        elif name in ("ph", "x"):
            out.append(Placeholder(child.get("id", ""), kind))  # a note's mark, an image; its code data is not text
        elif name in ("it", "sm", "em", "sub") or name in CODE_DATA:
            return  # isolated codes and markers carry no text of ours
        else:
            self._content(child, out)  # mrk, or a tool's own element: keep its text

    def target_tokens(self, unit: etree._Element, source: tuple[Token, ...], targets) -> list[tuple[Token, ...]]:
        """Return the tokens of each of ``targets`` (elements) of ``unit``, within the length allowed.

        Together they may hold at most TARGET_EXPANSION times the text of ``source`` plus
        TARGET_SLACK_CHARS, and never more than MAX_TARGET_CHARS; past that, raise InputError
        naming the unit.
        """
        source_chars = sum(len(t) for t in source if isinstance(t, str))
        allowed = min(MAX_TARGET_CHARS, TARGET_EXPANSION * source_chars + TARGET_SLACK_CHARS)
        self.room = allowed
        try:
            return [self.tokens(target) for target in targets]
        except _TooLong:
            if allowed == MAX_TARGET_CHARS:
                why = f"the limit for one unit is {MAX_TARGET_CHARS:,}"
            else:
                why = (f"a target may have at most {TARGET_EXPANSION} times the characters of its source "
                       f"({source_chars:,}) plus {TARGET_SLACK_CHARS}")
            unit_id = shown_id(unit.get("id", ""))
            raise InputError(f"unit {unit_id}: the target is over {allowed:,} characters long; {why}",
                             self.name, unit.sourceline or 0) from None
        finally:
            self.room = -1

    def units(self, root: etree._Element, version: str) -> list[ReadUnit]:
        tag = "unit" if version == "2.x" else "trans-unit"
        read = self.unit_20 if version == "2.x" else self.unit_12
        return [read(unit) for unit in root.iter(self.q(tag))]

    def unit_20(self, unit: etree._Element) -> ReadUnit:
        parts = [c for c in unit if self.local(c) in ("segment", "ignorable")]
        sources = []
        for part in parts:
            source_el = part.find(self.q("source"))
            sources.append(self.tokens(source_el) if source_el is not None else ())
        source = join_text(t for tokens in sources for t in tokens)
        target_els = [(part, part.find(self.q("target"))) for part in parts]
        read = iter(self.target_tokens(unit, source, [t for _, t in target_els if t is not None]))
        # (order, tokens, whether it is white space between segments, which the language may drop)
        ordered: list[tuple[int, tuple[Token, ...], bool]] = []
        pairs: list[Pair] = []
        states: list[str] = []
        complete = True
        for position, ((part, target_el), part_source) in enumerate(zip(target_els, sources)):
            is_segment = self.local(part) == "segment"
            if is_segment:
                states.append(part.get("state", ""))
            if target_el is None:
                if is_segment:
                    complete = False
                ordered.append((position + 1, part_source, not is_segment))  # an ignorable without target is its source
            else:
                tokens = next(read)
                ordered.append((_positive_int(target_el.get("order"), position + 1), tokens, False))
                if is_segment:
                    pairs.append((part_source, tokens))
        target_tokens: tuple[Token, ...] | None = None
        if complete:
            pieces = [(tokens, gap) for _, tokens, gap in sorted(ordered, key=lambda p: p[0])]
            target_tokens = self.joined(pieces)
        return ReadUnit(unit.get("id", ""), source, _translated(source, target_tokens), unit.sourceline or 0,
                        tuple(states), False, tuple(pairs))

    def joined(self, pieces: list[tuple[tuple[Token, ...], bool]]) -> tuple[Token, ...]:
        """Return the tokens of a target's ``pieces`` (tokens, whether they are the white space
        between two segments) joined, such white space left out where the language writes none."""
        out: list[Token] = []
        for index, (tokens, gap) in enumerate(pieces):
            if gap and 0 < index < len(pieces) - 1 and all(isinstance(t, str) for t in tokens):
                if drops_gap(plain(pieces[index - 1][0]), "".join(tokens), plain(pieces[index + 1][0]),
                             self.trg_lang):
                    continue
            out.extend(tokens)
        return join_text(out)

    def unit_12(self, unit: etree._Element) -> ReadUnit:
        source_el = unit.find(self.q("source"))
        target_el = unit.find(self.q("target"))
        source = self.tokens(source_el) if source_el is not None else ()
        if target_el is None:
            return ReadUnit(unit.get("id", ""), source, None, unit.sourceline or 0, (),
                            unit.get("approved") == "yes")
        target = self.target_tokens(unit, source, [target_el])[0]  # within the length allowed
        marks = self.segment_marks(target_el)
        pairs: list[Pair] = []
        if marks:
            seg_source = unit.find(self.q("seg-source"))
            by_mid = {mid: tokens for mid, tokens in self.segment_marks(seg_source)} if seg_source is not None else {}
            pairs = [(by_mid[mid], tokens) for mid, tokens in marks if mid in by_mid]
            target = self.joined(self.pieces_12(target_el))
        return ReadUnit(unit.get("id", ""), source, _translated(source, target), unit.sourceline or 0,
                        (target_el.get("state", ""),), unit.get("approved") == "yes", tuple(pairs))

    def segment_marks(self, element: etree._Element) -> list[tuple[str, tuple[Token, ...]]]:
        """Return (mid, tokens) of each ``<mrk mtype="seg">`` directly inside a 1.2 (seg-)source or target."""
        return [(child.get("mid", ""), self.tokens(child)) for child in element
                if self.local(child) == "mrk" and child.get("mtype") == "seg"]

    def pieces_12(self, target_el: etree._Element) -> list[tuple[tuple[Token, ...], bool]]:
        """Return the pieces of a 1.2 target made of segments: each segment's tokens, and the
        text between them (white space that the language may drop), anything else as it is."""
        pieces: list[tuple[tuple[Token, ...], bool]] = [((target_el.text,) if target_el.text else (), False)]
        for child in target_el:
            if self.local(child) == "mrk" and child.get("mtype") == "seg":
                pieces.append((self.tokens(child), False))
            else:
                out: list[Token] = []
                self._inline(child, out)
                pieces.append((join_text(out), False))
            if child.tail:
                pieces.append(((child.tail,), True))
        return [piece for piece in pieces if piece[0]]

    def target_lang(self, root: etree._Element, version: str) -> str:
        if version == "2.x":
            return language_of(root, "trgLang", self.name) or self._first_target_lang(root)
        langs = [language_of(f, "target-language", self.name) for f in root.iter(self.q("file"))]
        return next((lang for lang in langs if lang), "") or self._first_target_lang(root)

    def _first_target_lang(self, root: etree._Element) -> str:
        """Return the xml:lang of the first target that has one (a file that names no target language)."""
        target = next((t for t in root.iter(self.q("target")) if t.get(XML_LANG)), None)
        return language_of(target, XML_LANG, self.name) if target is not None else ""

    def source_lang(self, root: etree._Element, version: str) -> str:
        if version == "2.x":
            return language_of(root, "srcLang", self.name)
        langs = [language_of(f, "source-language", self.name) for f in root.iter(self.q("file"))]
        return langs[0] if langs else ""


def shown_id(unit_id: str) -> str:
    """Return a unit id from the file as a one-line message shows it: as is when plain, else quoted and cut."""
    if unit_id and len(unit_id) <= _SHOWN_CHARS and unit_id.isprintable() and " " not in unit_id:
        return unit_id
    return _quoted(unit_id)


def _quoted(value: str) -> str:
    """Return ``value`` from the file quoted for a one-line message: escaped (repr) and cut when long."""
    return repr(_cut(value))


def _cut(value: str) -> str:
    return value if len(value) <= _SHOWN_CHARS else value[:_SHOWN_CHARS] + "..."


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
    """Return the character a 2.x <cp hex="..."/> stands for; "" for none (or a lone surrogate)."""
    try:
        char = chr(int(hex_value, 16))
    except (ValueError, OverflowError):
        return ""
    return "" if "\ud800" <= char <= "\udfff" else char


def read_xliff(data: bytes, name: str = "") -> XliffFile:
    """Return the units and languages of XLIFF ``data`` (1.2 or 2.x, file ``name``); raise InputError if unusable."""
    root = parse(data, name)
    version, ns = version_of(root, name)
    reader = _Reader(ns, name)
    src_lang, trg_lang = reader.source_lang(root, version), reader.target_lang(root, version)
    reader.trg_lang = trg_lang
    units = reader.units(root, version)
    if not units:
        raise InputError(f"the XLIFF {version} file has no translation units", name)
    return XliffFile(version, src_lang, trg_lang, tuple(units))


def languages(data: bytes, name: str = "") -> tuple[str, str]:
    """Return the (source, target) languages XLIFF ``data`` names; the target is "" when it names none."""
    root = parse(data, name)
    version, ns = version_of(root, name)
    reader = _Reader(ns, name)
    return reader.source_lang(root, version), reader.target_lang(root, version)
