"""Translation memory as TMX 1.4b: written from a translated XLIFF (``merge --tmx``), read back (``--reuse``).

Each translation unit is one segment pair (a sentence, or a whole unit when its translation is not
split like its source), in the file's order, each pair once. Inline codes are TMX's paired and
standalone codes (``<bpt>``/``<ept>`` with ``i`` pairing them and ``x`` the code's id in its
unit, ``<ph>``), their content a label, never markup from the text. No dates are written, so the
same translation gives the same bytes. translate-toolkit, OmegaT and Okapi read it.
"""

from __future__ import annotations

from lxml import etree

from .. import __version__
from ..errors import InputError
from ..langtags import LanguageTagError, language_tag
from ..writers.xliff_tokens import Close, Open, Placeholder, Token, join_text, plain
from .merge import UNTRANSLATED_STATES
from .xliff_read import MAX_XLIFF_BYTES, MAX_XLIFF_MARKUP, Pair, XliffFile

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_LABELS = {"b": "bold", "i": "italic", "a": "link", "note": "x-note", "image": "image"}
_KINDS = {label: kind for kind, label in _LABELS.items()}


def _squashed(tokens: tuple[Token, ...]) -> str:
    return "".join(plain(tokens).split())


def segment_pairs(xliff: XliffFile) -> list[Pair]:
    """Return the translated segment pairs of ``xliff``, each once, in file order: a unit's
    segments when they cover its source, else the unit whole. Targets left as their source
    (untranslated, or a pre-filled copy) are left out."""
    pairs: list[Pair] = []
    seen: set[Pair] = set()
    for unit in xliff.units:
        if unit.target is None:
            continue
        copies = any(state in UNTRANSLATED_STATES for state in unit.states)  # a copy of the source is no translation
        covered = bool(unit.pairs) and _squashed(tuple(t for s, _ in unit.pairs for t in s)) == _squashed(unit.source)
        for source, target in (unit.pairs if covered else ((unit.source, unit.target),)):
            if (source, target) in seen or not plain(target).strip() or (copies and source == target):
                continue
            seen.add((source, target))
            pairs.append((source, target))
    return pairs


def _seg(parent: etree._Element, tokens: tuple[Token, ...]) -> None:
    seg = etree.SubElement(parent, "seg")
    last = None
    pairing: dict[str, str] = {}
    for token in tokens:
        if isinstance(token, str):
            if last is None:
                seg.text = (seg.text or "") + token
            else:
                last.tail = (last.tail or "") + token
            continue
        if isinstance(token, Open):
            pairing[token.id] = str(len(pairing) + 1)
            last = etree.SubElement(seg, "bpt", i=pairing[token.id], x=token.id)
            last.set("type", _LABELS.get(token.kind, "x-unknown"))
            last.text = f"<{_LABELS.get(token.kind, 'x-unknown')}>"
        elif isinstance(token, Close):
            last = etree.SubElement(seg, "ept", i=pairing.get(token.id, "0"))
            last.text = "</>"
        elif isinstance(token, Placeholder):
            last = etree.SubElement(seg, "ph", x=token.id)
            last.set("type", _LABELS.get(token.kind, "x-unknown"))
            last.text = f"[{_LABELS.get(token.kind, 'x-unknown')}]"


def write_tmx(pairs: list[Pair], src_lang: str, trg_lang: str) -> bytes:
    """Return TMX 1.4b of segment ``pairs`` from ``src_lang`` to ``trg_lang``, UTF-8 encoded."""
    root = etree.Element("tmx", version="1.4")
    header = etree.SubElement(root, "header", creationtool="report-convert", creationtoolversion=__version__,
                              segtype="sentence", adminlang="en", srclang=src_lang, datatype="xml")
    header.set("o-tmf", "report-convert")
    body = etree.SubElement(root, "body")
    for number, (source, target) in enumerate(pairs, 1):
        tu = etree.SubElement(body, "tu", tuid=str(number))
        for lang, tokens in ((src_lang, source), (trg_lang, target)):
            tuv = etree.SubElement(tu, "tuv")
            tuv.set(XML_LANG, lang)
            _seg(tuv, tokens)
    etree.indent(root, space="  ")
    # Inside <seg> white space is content: indent() adds none there (it has text), so it stays.
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def _seg_tokens(seg: etree._Element) -> tuple[Token, ...]:
    out: list[Token] = [seg.text or ""]
    ids: dict[str, str] = {}
    for child in seg:
        if isinstance(child.tag, str):
            name = etree.QName(child).localname
            kind = _KINDS.get(child.get("type", ""), "")
            if name == "bpt":
                code_id = child.get("x") or child.get("i", "")
                ids[child.get("i", "")] = code_id
                out.append(Open(code_id, kind))
            elif name == "ept":
                out.append(Close(ids.get(child.get("i", ""), child.get("i", ""))))
            elif name in ("ph", "it"):
                out.append(Placeholder(child.get("x", ""), kind))
            elif name == "hi":
                out.append("".join(child.itertext()))
        out.append(child.tail or "")
    return join_text(out)


def _primary(tag: str) -> str:
    return tag.split("-")[0].lower()


def read_tmx(data: bytes, name: str = "") -> tuple[str, str, list[Pair]]:
    """Return the source language (the header's ``srclang``), the target language (the first other
    language) and the (source, target) pairs of TMX ``data`` (file ``name``); raise InputError if
    the file is unusable."""
    if len(data) > MAX_XLIFF_BYTES:
        raise InputError(f"the TMX file is {len(data):,} bytes; the limit is {MAX_XLIFF_BYTES:,}", name)
    if data.count(b"<") > MAX_XLIFF_MARKUP:
        raise InputError(f"the TMX file has over {MAX_XLIFF_MARKUP:,} tags; that is the limit", name)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"the TMX file is not well-formed XML: {exc.msg}", name, exc.position[0]) from None
    info = root.getroottree().docinfo
    if info.internalDTD is not None and list(info.internalDTD.iterentities()):
        raise InputError("the TMX file declares entities; they are refused for safety", name)
    if etree.QName(root).localname != "tmx":
        raise InputError(f"not a TMX file: the root element is <{etree.QName(root).localname[:60]}>", name)
    header = root.find("header")
    try:
        src_lang = language_tag(header.get("srclang", "")) if header is not None else ""
    except LanguageTagError as exc:
        raise InputError(f"srclang: {exc}", name, header.sourceline or 0) from None
    if not src_lang:
        raise InputError("the TMX file names no source language (<header srclang>)", name)
    trg_lang = ""
    pairs: list[Pair] = []
    for tu in root.iter("tu"):
        by_lang: dict[str, tuple[Token, ...]] = {}
        for tuv in tu.iter("tuv"):
            lang = tuv.get(XML_LANG) or tuv.get("lang") or ""
            seg = tuv.find("seg")
            if not lang or seg is None:
                continue
            try:
                lang = language_tag(lang)
            except LanguageTagError as exc:
                raise InputError(f"xml:lang: {exc}", name, tuv.sourceline or 0) from None
            by_lang.setdefault(lang, _seg_tokens(seg))
        source = next((tokens for lang, tokens in by_lang.items() if _primary(lang) == _primary(src_lang)), None)
        targets = [(lang, tokens) for lang, tokens in by_lang.items() if _primary(lang) != _primary(src_lang)]
        if source is None or not targets:
            continue
        lang, target = targets[0]
        trg_lang = trg_lang or lang
        if _primary(lang) == _primary(trg_lang):
            pairs.append((source, target))
    return src_lang, trg_lang, pairs
