"""Pseudo-translation: fill every target of an XLIFF with an accented, longer copy of its source.

"The quick fox." becomes "[Ŧĥé ǫüíçķ ƒöẋ. ·····]": still readable, visibly not the source,
about a third longer (translations usually are), with the inline codes where they were. It tests
a whole translation round trip (fonts, layout, merge) without a translator.
"""

from __future__ import annotations

import copy
import math

from lxml import etree

from ..errors import InputError
from ..langtags import language_tag
from .xliff_read import CODE_DATA, language_of, parse, version_of

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçðéƒĝĥíĵķľɱñöþǫŕšŧüṽŵẋýžÅƁÇÐÉƑĜĤÍĴĶĽṀÑÖÞǪŔŠŦÜṼŴẊÝŽ",
)
#: How much longer a pseudo-translation is than its source.
EXPANSION = 0.35
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def accent(text: str) -> str:
    """Return ``text`` with every ASCII letter replaced by an accented look-alike."""
    return text.translate(_ACCENTED)


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _text_length(element: etree._Element) -> int:
    return len("".join(element.itertext()))


def _accent_content(element: etree._Element) -> None:
    """Accent the text inside ``element`` (not its tail), leaving native code data alone."""
    if _local(element) not in CODE_DATA and element.text:
        element.text = accent(element.text)
    for child in element:
        if isinstance(child.tag, str):
            _accent_content(child)
        if child.tail:
            child.tail = accent(child.tail)


def _wrap(element: etree._Element, length: int) -> None:
    """Put brackets and padding around the content of ``element``."""
    padding = " " + "·" * max(1, math.ceil(length * EXPANSION) - 3) + "]"
    element.text = "[" + (element.text or "")
    if len(element):
        element[-1].tail = (element[-1].tail or "") + padding
    else:
        element.text += padding


def _pseudo_target(source: etree._Element, tag: str) -> etree._Element:
    """Return a target element: a copy of ``source`` (or seg-source) with pseudo text."""
    target = copy.deepcopy(source)
    target.tail = None
    target.tag = tag
    target.attrib.pop(XML_LANG, None)
    _accent_content(target)
    segments = []
    if _local(source) == "seg-source":
        segments = [m for m in target.iter() if _local(m) == "mrk" and m.get("mtype") == "seg"]
    for mark in segments or [target]:
        _wrap(mark, _text_length(mark))
    return target


def _replace_target(parent: etree._Element, after: etree._Element, target: etree._Element) -> None:
    for old in [c for c in parent if _local(c) == "target"]:
        parent.remove(old)
    after.addnext(target)
    target.tail = after.tail


def _pseudo_20(root: etree._Element, ns: str) -> None:
    for segment in root.iter(f"{{{ns}}}segment"):
        source = segment.find(f"{{{ns}}}source")
        if source is None:
            continue
        _replace_target(segment, source, _pseudo_target(source, f"{{{ns}}}target"))
        segment.set("state", "translated")


def _pseudo_12(root: etree._Element, ns: str) -> None:
    q = (lambda tag: f"{{{ns}}}{tag}") if ns else (lambda tag: tag)
    for unit in root.iter(q("trans-unit")):
        if unit.get("translate") == "no":
            continue
        source = unit.find(q("source"))
        if source is None:
            continue
        base = unit.find(q("seg-source"))
        after = base if base is not None else source
        target = _pseudo_target(after, q("target"))
        target.set("state", "translated")
        _replace_target(unit, after, target)


def pseudo_translate(data: bytes, *, target_lang: str = "qps", name: str = "") -> bytes:
    """Return XLIFF ``data`` (1.2 or 2.x, file ``name``) with every target filled with a pseudo-translation.

    The file's target language is kept (normalised) when it has one; otherwise it becomes
    ``target_lang`` (by default the pseudo-locale "qps"). An invalid language tag, in the file
    or in ``target_lang``, raises a ConversionError.
    """
    target_lang = language_tag(target_lang)
    root = parse(data, name)
    version, ns = version_of(root, name)
    if version == "2.x":
        language_of(root, "srcLang", name)
        root.set("trgLang", language_of(root, "trgLang", name) or target_lang)
        _pseudo_20(root, ns)
    else:
        files = list(root.iter(f"{{{ns}}}file" if ns else "file"))
        if not files:
            raise InputError("the XLIFF 1.2 file has no <file> element", name)
        for file_el in files:
            language_of(file_el, "source-language", name)
            file_el.set("target-language", language_of(file_el, "target-language", name) or target_lang)
        _pseudo_12(root, ns)
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8") + b"\n"
