"""The raw WordprocessingML layer of the DOCX writer: paragraphs, runs, fields, links and footnotes as lxml elements.

python-docx's friendly API looks styles up by name and inserts each paragraph before the
section properties with a linear search; at tens of thousands of paragraphs that is
quadratic, so the body is built here, appending elements directly.
"""

from __future__ import annotations

import re

from lxml import etree

from ..xmlchars import xml_chars
from ..langspans import CJK_LANGS, cjk_stretches

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

_BREAKS = re.compile(r"(\r\n|\r|\n|\t)")


def w(tag: str) -> str:
    """Return the Clark name of WordprocessingML element or attribute ``tag``."""
    return f"{{{W_NS}}}{tag}"


def r_attr(name: str) -> str:
    """Return the Clark name of relationship attribute ``name`` (``r:id``)."""
    return f"{{{R_NS}}}{name}"


def clean(text: str) -> str:
    """Return ``text`` without the characters XML 1.0 cannot carry (they would make document.xml unreadable)."""
    return xml_chars(text)


def sub(parent: etree._Element, tag: str, **attrs: object) -> etree._Element:
    """Return a new ``w:tag`` child appended to ``parent``, with ``w:`` attributes ``attrs``."""
    element = etree.SubElement(parent, w(tag))
    for name, value in attrs.items():
        element.set(w(name), str(value))
    return element


def twips(points: float) -> int:
    """Return ``points`` in twentieths of a point, the unit of most WordprocessingML lengths."""
    return round(points * 20)


def half_points(points: float) -> int:
    """Return a font size in half points, the unit of ``w:sz``."""
    return round(points * 2)


def hex_color(color: str) -> str:
    """Return a theme colour "#RRGGBB" as WordprocessingML's "RRGGBB"."""
    return color.lstrip("#").upper()


def lang_attrs(tag: str) -> dict[str, str]:
    """Return the ``w:lang`` attributes for text in language ``tag``."""
    primary = tag.split("-")[0].lower()
    if primary in CJK_LANGS:
        # Only East-Asian characters are in a CJK language: tagging the Latin-script words of a
        # Japanese text as Japanese makes LibreOffice break them anywhere, mid-word. Word
        # itself writes a Japanese setup this way (w:val stays a western language).
        return {"eastAsia": tag}
    if primary in RTL_LANGS:
        return {"val": tag, "bidi": tag}
    return {"val": tag}


#: Regions Word expects with a bare language subtag (Word's proofing tools key on ll-CC).
DEFAULT_REGIONS = {
    "en": "en-US", "ja": "ja-JP", "zh": "zh-CN", "ko": "ko-KR", "fr": "fr-FR", "de": "de-DE",
    "es": "es-ES", "it": "it-IT", "pt": "pt-BR", "ru": "ru-RU", "ar": "ar-SA", "he": "he-IL",
    "nl": "nl-NL", "pl": "pl-PL",
}
RTL_LANGS = frozenset({"ar", "he", "fa", "ur"})


def is_rtl(tag: str) -> bool:
    """Return whether language ``tag`` is written right to left."""
    return tag.split("-")[0].lower() in RTL_LANGS


def western_lang(tag: str) -> str:
    """Return the language for Latin-script text in a document in ``tag`` (see ``lang_attrs``)."""
    return "en-US" if tag.split("-")[0].lower() in CJK_LANGS else tag


def word_lang(tag: str) -> str:
    """Return BCP 47 ``tag`` with a region added when it has none and one is conventional."""
    tag = tag.strip() or "en"
    if "-" in tag:
        return tag
    return DEFAULT_REGIONS.get(tag.lower(), tag)


def paragraph(parent: etree._Element, style: str, *, keep_next: bool = False, page_break: bool = False,
              num: tuple[int, int] | None = None, before: int | None = None, indent: int | None = None,
              lang: str | None = None) -> etree._Element:
    """Return a new ``w:p`` in style id ``style`` appended to ``parent``.

    ``num`` is (numId, level) for a numbered or bulleted list paragraph, ``before`` space
    above and ``indent`` a left indent in twips; children of ``w:pPr`` follow the schema's fixed order.
    """
    p = sub(parent, "p")
    ppr = sub(p, "pPr")
    sub(ppr, "pStyle", val=style)
    if keep_next:
        sub(ppr, "keepNext")
    if page_break:
        sub(ppr, "pageBreakBefore")
    if num is not None:
        numpr = sub(ppr, "numPr")
        sub(numpr, "ilvl", val=num[1])
        sub(numpr, "numId", val=num[0])
    if lang is not None and is_rtl(lang):
        sub(ppr, "bidi")
    if before is not None:
        sub(ppr, "spacing", before=before)
    if indent is not None:
        sub(ppr, "ind", left=indent, firstLine=0)
    if lang is not None:
        sub(sub(ppr, "rPr"), "lang", **lang_attrs(lang))
    return p


def emphasis(rpr: etree._Element, *, bold: bool, italic: bool) -> None:
    """Add bold and italic to run properties, for complex scripts too (bCs, iCs)."""
    if bold:
        sub(rpr, "b")
        sub(rpr, "bCs")
    if italic:
        sub(rpr, "i")
        sub(rpr, "iCs")


def run(p: etree._Element, text: str, *, bold: bool = False, italic: bool = False,
        lang: str | None = None, style: str | None = None) -> None:
    """Append runs for ``text`` to ``p`` (a paragraph or a hyperlink), in character style id
    ``style`` if given; newlines become line breaks and tabs tab characters."""
    text = clean(text)
    if not text:
        return
    if not text.isascii():
        stretches = cjk_stretches(text)
        if any(cjk for cjk, _ in stretches):
            for cjk, piece in stretches:
                _run(p, piece, bold, italic, lang, style, upright=cjk)
            return
    _run(p, text, bold, italic, lang, style)


def _run(p: etree._Element, text: str, bold: bool, italic: bool, lang: str | None, style: str | None,
         upright: bool = False) -> None:
    """Append one run. An ``upright`` run (Chinese or Japanese characters, which have no italic)
    is never slanted, whatever its style says; where italic was asked, it gets emphasis dots."""
    r = sub(p, "r")
    if bold or italic or lang is not None or style is not None or upright:
        rpr = sub(r, "rPr")
        if style is not None:
            sub(rpr, "rStyle", val=style)
        emphasis(rpr, bold=bold, italic=italic and not upright)
        if upright:
            sub(rpr, "i", val="0")
            sub(rpr, "iCs", val="0")
        if lang is not None and is_rtl(lang):
            sub(rpr, "rtl")  # Word orders and shapes the run as right-to-left text
        if upright and italic:
            sub(rpr, "em", val="dot")
        if lang is not None:
            sub(rpr, "lang", **lang_attrs(lang))
    for piece in _BREAKS.split(text) if ("\n" in text or "\t" in text or "\r" in text) else (text,):
        if piece == "\t":
            sub(r, "tab")
        elif piece in ("\n", "\r", "\r\n"):
            sub(r, "br")
        elif piece:
            t = sub(r, "t")
            t.text = piece
            if piece[0].isspace() or piece[-1].isspace():
                t.set(XML_SPACE, "preserve")


def hyperlink(p: etree._Element, *, rel_id: str | None = None, anchor: str | None = None) -> etree._Element:
    """Return a new ``w:hyperlink`` in ``p``: to the external target of relationship ``rel_id``,
    or to bookmark ``anchor`` of the same document. Its runs are appended to it like to a paragraph."""
    link = sub(p, "hyperlink")
    if rel_id is not None:
        link.set(r_attr("id"), rel_id)
    if anchor is not None:
        link.set(w("anchor"), anchor)
    link.set(w("history"), "1")
    return link


# --- footnotes --------------------------------------------------------------------------

#: The footnotes Word keeps in every footnotes part before the notes: the line above the notes
#: of a page, and the longer one above a note continued from the page before. Word numbers
#: them -1 and 0, so the notes themselves count from 1.
SEPARATOR_NOTES = ((-1, "separator"), (0, "continuationSeparator"))


def footnotes_part() -> etree._Element:
    """Return the root ``w:footnotes`` of a footnotes part, holding the two separator notes."""
    root = etree.Element(w("footnotes"), nsmap={"w": W_NS, "r": R_NS})
    for number, kind in SEPARATOR_NOTES:
        note = sub(root, "footnote", type=kind, id=number)
        p = sub(note, "p")
        sub(sub(p, "pPr"), "spacing", after=0, line=240, lineRule="auto")
        sub(sub(p, "r"), kind)
    return root


def footnote_reference(p: etree._Element, number: int, style: str) -> None:
    """Append the reference mark of footnote ``number`` to ``p``, in character style id ``style``."""
    r = sub(p, "r")
    sub(sub(r, "rPr"), "rStyle", val=style)
    sub(r, "footnoteReference", id=number)


def note_mark(p: etree._Element, style: str, text: str | None = None) -> None:
    """Put a note's own mark at the start of its first paragraph ``p``, then a space: the
    footnote's number as Word counts it (``w:footnoteRef``), or ``text`` if given."""
    mark = etree.Element(w("r"))
    sub(sub(mark, "rPr"), "rStyle", val=style)
    if text is None:
        sub(mark, "footnoteRef")
    else:
        sub(mark, "t").text = clean(text)
    space = etree.Element(w("r"))
    t = sub(space, "t")
    t.text = " "
    t.set(XML_SPACE, "preserve")
    start = 1 if len(p) and p[0].tag == w("pPr") else 0
    p.insert(start, mark)
    p.insert(start + 1, space)


def field_start(parent: etree._Element, instruction: str, *, dirty: bool = False) -> None:
    """Append the opening of a complex field (``PAGE``, ``TOC ...``) to ``parent``; its result follows."""
    begin = sub(sub(parent, "r"), "fldChar", fldCharType="begin")
    if dirty:
        begin.set(w("dirty"), "true")
    instr = sub(sub(parent, "r"), "instrText")
    instr.text = f" {instruction} "
    instr.set(XML_SPACE, "preserve")
    sub(sub(parent, "r"), "fldChar", fldCharType="separate")


def field_end(parent: etree._Element) -> None:
    """Append the end of a complex field to ``parent``."""
    sub(sub(parent, "r"), "fldChar", fldCharType="end")


def field(p: etree._Element, instruction: str, result: str) -> None:
    """Append a whole complex field to ``p``, showing ``result`` until it is updated."""
    field_start(p, instruction)
    run(p, result)
    field_end(p)


def page_template(p: etree._Element, template: str, title: str) -> None:
    """Fill ``p`` from a header/footer template: {title} as text, {page} and {pages} as fields."""
    for piece in re.split(r"(\{title\}|\{page\}|\{pages\})", template):
        if piece == "{title}":
            run(p, title)
        elif piece == "{page}":
            field(p, "PAGE", "1")
        elif piece == "{pages}":
            field(p, "NUMPAGES", "1")
        else:
            run(p, piece)
