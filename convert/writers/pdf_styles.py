"""Paragraph styles for the PDF writer, derived from the theme (sizes, colours, spacing, fonts).

Every style exists in a Latin and a CJK variant: the CJK one uses the theme's CJK
families and ReportLab's CJK line breaking, which may break between any two
ideographs and keeps closing punctuation off the start of a line.

Justified Latin text is hyphenated with pyphen's dictionary for its language (none for a
language pyphen does not know); the hyphen a break adds is an artifact in the tagged PDF,
not a letter of the word (see ``pdf_flowables.mark_added_hyphens``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from ..fonts import Registered
from ..theme import Theme

#: Gap between a list marker and its text, as a fraction of the body size.
LABEL_GAP = 0.6
#: Word heads a line does not break after: "ex-" "ample" reads as a compound (ex-president),
#: and so does a break after any prefix that makes hyphenated compounds.
MISLEADING_HEADS = frozenset(
    "self non co ex anti post pre multi cross well long short semi quasi sub inter intra mid "
    "pro counter over under all half full high low one two three first second third re de".split())


@lru_cache(maxsize=16)
def hyphenator(lang: str) -> Callable[[str], Iterator[tuple[str, str]]] | None:
    """Return what splits a word of ``lang`` where it may break (ReportLab adds the hyphen), the
    longest head first, never after a MISLEADING_HEADS prefix nor in a word that is not all
    letters; None when pyphen has no dictionary for the language."""
    import pyphen

    found = pyphen.language_fallback(lang.replace("-", "_")) if lang else None
    if not found:
        return None
    dictionary = pyphen.Pyphen(lang=found)

    def split(word: str) -> Iterator[tuple[str, str]]:
        if not word.isalpha():  # a compound keeps its own hyphen ("water-quality"), and a number its digits
            return iter(())
        return ((head, tail) for head, tail in dictionary.iterate(word) if head.lower() not in MISLEADING_HEADS)

    return split


@dataclass
class FontSet:
    """The registered families of a run; the CJK ones are registered only when first needed."""

    body: Registered
    heading: Registered
    cjk_factory: Callable[[], Registered]
    cjk_heading_factory: Callable[[], Registered]
    _cjk: Registered | None = None
    _cjk_heading: Registered | None = None

    @property
    def cjk(self) -> Registered:
        if self._cjk is None:
            self._cjk = self.cjk_factory()
        return self._cjk

    @property
    def cjk_heading(self) -> Registered:
        if self._cjk_heading is None:
            self._cjk_heading = self.cjk_heading_factory()
        return self._cjk_heading

    def text(self, cjk: bool) -> Registered:
        """Return the family for running text."""
        return self.cjk if cjk else self.body

    def display(self, cjk: bool) -> Registered:
        """Return the family for headings, the title page and page furniture."""
        return self.cjk_heading if cjk else self.heading


class Styles:
    """Build and cache the ParagraphStyles of one run: ``get(role, cjk, indent)``."""

    def __init__(self, theme: Theme, fonts: FontSet, latin_lang: str = "") -> None:
        self.theme = theme
        self.fonts = fonts
        #: The language of the run's Latin-script text: justified, it is hyphenated for it.
        self.latin_lang = latin_lang
        self._cache: dict[tuple[str, bool, float], ParagraphStyle] = {}

    def get(self, role: str, cjk: bool = False, indent: float = 0.0) -> ParagraphStyle:
        """Return the style for ``role`` ("body", "item", "heading1", ...), indented by ``indent``."""
        key = (role, cjk, indent)
        style = self._cache.get(key)
        if style is None:
            style = self._cache[key] = self._make(role, cjk, indent)
        return style

    def _make(self, role: str, cjk: bool, indent: float) -> ParagraphStyle:
        t, sp, sz = self.theme, self.theme.spacing, self.theme.sizes
        text, display = self.fonts.text(cjk), self.fonts.display(cjk)
        color, heading, muted = HexColor(t.colors.text), HexColor(t.colors.heading), HexColor(t.colors.muted)
        base = dict(
            fontName=text.regular, fontSize=sz.body, leading=sz.body * sp.line_height,
            textColor=color, alignment=TA_JUSTIFY, spaceAfter=sp.paragraph_after,
            allowWidows=0, allowOrphans=0, splitLongWords=1, leftIndent=indent,
            bulletFontName=text.regular, bulletFontSize=sz.body,
        )
        if cjk:
            # CJK line breaking lets a mark that may not start a line ("。", "ー") hang
            # past the measure; keeping one em free on the right keeps it off the margin.
            base.update(wordWrap="CJK", rightIndent=sz.body)
        # Headings are set tighter than body text: 1.25 of the size reads as one block.
        h = dict(fontName=display.bold, textColor=heading, alignment=TA_LEFT, keepWithNext=1)
        title_page = dict(fontName=display.regular, alignment=TA_CENTER, textColor=color)
        roles: dict[str, dict] = {
            "body": dict(firstLineIndent=sp.first_line_indent),
            # The marker ends a small gap before the text, so numbers line up on the right.
            "item": dict(spaceAfter=sp.paragraph_after * 0.5, bulletAnchor="end",
                         bulletIndent=max(indent - sz.body * LABEL_GAP, 0)),
            # Half-width columns justify badly with word spaces; CJK has none to stretch.
            "cell": dict(alignment=TA_JUSTIFY if cjk else TA_LEFT),
            "cell_head": dict(fontName=text.bold, alignment=TA_LEFT),
            "quote": dict(textColor=muted, alignment=TA_JUSTIFY if cjk else TA_LEFT),
            "note": dict(fontSize=sz.small, leading=sz.small * 1.35, alignment=TA_LEFT,
                         spaceAfter=sp.paragraph_after * 0.3, bulletFontSize=sz.small),
            "caption": dict(fontSize=sz.affiliation, leading=sz.affiliation * 1.3, textColor=muted,
                            alignment=TA_LEFT, spaceBefore=sp.paragraph_after * 0.5, spaceAfter=4),
            "figure_caption": dict(fontSize=sz.affiliation, leading=sz.affiliation * 1.3, textColor=muted,
                                   alignment=TA_CENTER, spaceBefore=4, spaceAfter=sp.paragraph_after * 1.5),
            "heading1": dict(h, fontSize=sz.heading1, leading=sz.heading1 * 1.25,
                             spaceBefore=sp.heading1_before, spaceAfter=sp.heading1_after),
            "heading2": dict(h, fontSize=sz.heading2, leading=sz.heading2 * 1.25,
                             spaceBefore=sp.heading2_before, spaceAfter=sp.heading2_after),
            "affiliation": dict(fontName=text.italic, fontSize=sz.affiliation, textColor=muted,
                                leading=sz.affiliation * 1.3, alignment=TA_LEFT, keepWithNext=1,
                                spaceAfter=max(sp.paragraph_after, sp.heading2_after + 4)),
            "contents": dict(h, fontSize=sz.heading1, leading=sz.heading1 * 1.25,
                             spaceAfter=sp.heading1_after * 2),
            "toc1": dict(fontName=display.bold, alignment=TA_LEFT, keepWithNext=1,
                         textColor=heading, spaceBefore=sp.paragraph_after, spaceAfter=2),
            "toc2": dict(alignment=TA_LEFT, spaceAfter=1.5, leading=sz.body * 1.3),
            "tp_organizer": dict(title_page, fontSize=sz.subtitle, leading=sz.subtitle * 1.35,
                                 textColor=heading, spaceAfter=2),
            "tp_word": dict(title_page, fontName=text.italic, fontSize=sz.body, textColor=muted,
                            spaceBefore=sp.heading1_before, spaceAfter=sp.heading1_before),
            "tp_name": dict(title_page, fontName=display.bold, fontSize=sz.subtitle,
                            leading=sz.subtitle * 1.35, spaceAfter=2),
            "tp_affiliation": dict(title_page, fontSize=sz.affiliation, leading=sz.affiliation * 1.35,
                                   textColor=muted, spaceAfter=6),
            "tp_title": dict(title_page, fontName=display.bold, fontSize=sz.title,
                             leading=sz.title * 1.25, textColor=heading, spaceAfter=sz.title),
            "tp_date": dict(title_page, fontSize=sz.subtitle, leading=sz.subtitle * 1.4, spaceAfter=2),
            "tp_time": dict(title_page, fontSize=sz.body, textColor=muted, spaceAfter=2),
            "tp_compiled": dict(title_page, fontName=text.italic, fontSize=sz.body, textColor=muted,
                                spaceBefore=sp.heading1_before * 2),
        }
        if role not in roles:
            raise KeyError(f"no PDF style for role {role!r}")
        settings = {**base, **roles[role]}
        if not cjk and settings["alignment"] == TA_JUSTIFY:
            split = hyphenator(self.latin_lang)
            if split is not None:
                settings["hyphenationLang"] = split
        return ParagraphStyle(f"{role}{'-cjk' if cjk else ''}{'-' + str(indent) if indent else ''}", **settings)
