"""What Word's styles and numbering say of a paragraph: its heading level, its type, its list marker.

Word keeps formatting in layers: document defaults, a paragraph style and the styles it is
based on, a character style, and the run's own properties, each overriding the one before.
``Styles`` resolves them (once per style); ``Numbering`` turns a paragraph's list reference
(``w:numPr``) into the marker Word draws before it ("3.", "•"), counting as Word does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from .docx_package import W_NS

#: Word's size when no style and no default says one (OOXML: 20 half-points).
DEFAULT_SIZE = 10.0
#: Style chains (``w:basedOn``) and numbering links are followed at most this far (a cycle stops too).
MAX_STYLE_CHAIN = 32
#: ``w:outlineLvl`` 9 is body text; 0-8 are heading levels 1-9.
BODY_OUTLINE_LEVEL = 9
#: The built-in names of heading styles ("heading 1"; Word stores built-in names in English
#: whatever the user's language) and of a contents heading (Word's and LibreOffice's).
_HEADING_NAME = re.compile(r"heading\s*([1-9])", re.IGNORECASE)
_CONTENTS_HEADING_NAMES = frozenset({"toc heading", "contents heading"})
_FALSE = frozenset({"0", "false", "off", "none"})


def w(tag: str) -> str:
    """Return the Clark name of WordprocessingML element or attribute ``tag``."""
    return f"{{{W_NS}}}{tag}"


_VAL = w("val")
_SZ, _OUTLINE_LVL, _NUM_PR, _NUM_ID, _ILVL = w("sz"), w("outlineLvl"), w("numPr"), w("numId"), w("ilvl")


@dataclass(frozen=True, slots=True)
class RunType:
    """A run's type: size in points, bold, italic, hidden; None where a layer does not say."""

    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    hidden: bool | None = None

    def over(self, base: RunType) -> RunType:
        """Return this type with what it does not say taken from ``base``."""
        return RunType(*(mine if mine is not None else theirs
                         for mine, theirs in zip((self.size, self.bold, self.italic, self.hidden),
                                                 (base.size, base.bold, base.italic, base.hidden))))


_B, _I, _VANISH, _R_STYLE = w("b"), w("i"), w("vanish"), w("rStyle")


def _toggle(element: etree._Element) -> bool:
    return element.get(_VAL, "true").lower() not in _FALSE


def run_properties(rpr: etree._Element | None) -> tuple[RunType, str]:
    """Return what the run properties ``rpr`` say of the type (complex-script twins ignored) and
    the character style they name ('' for none), in one pass over them."""
    if rpr is None:
        return RunType(), ""
    size = bold = italic = hidden = None
    style = ""
    for child in rpr:
        tag = child.tag
        if tag == _B:
            bold = _toggle(child)
        elif tag == _I:
            italic = _toggle(child)
        elif tag == _SZ:
            value = child.get(_VAL, "")
            size = int(value) / 2 if value.isdigit() and 0 < int(value) < 4000 else None
        elif tag == _VANISH:
            hidden = _toggle(child)
        elif tag == _R_STYLE:
            style = child.get(_VAL, "")
    return RunType(size, bold, italic, hidden), style


def run_type(rpr: etree._Element | None) -> RunType:
    """Return what the run properties ``rpr`` say of the type."""
    return run_properties(rpr)[0]


@dataclass(frozen=True, slots=True)
class ListRef:
    """A paragraph's place in a Word list: the numbering instance and the level (0-8)."""

    num_id: str
    level: int


@dataclass(frozen=True, slots=True)
class ParagraphStyle:
    """A paragraph style resolved along its ``w:basedOn`` chain."""

    names: tuple[str, ...] = ()  # its name, then its ancestors', lowercased
    #: The heading level (1-9) it declares: the nearest ``w:outlineLvl`` in the chain (9 is body
    #: text), else the number of a "heading N" name in the chain; None for body text.
    heading_level: int | None = None
    run: RunType = RunType()
    list_ref: ListRef | None = None  # numbering the style itself carries ("List Number")
    #: The heading style of a table of contents ("TOC Heading").
    contents_heading: bool = False


def _heading_level(names: list[str], level: int | None) -> int | None:
    if level is not None:
        return level + 1 if level < BODY_OUTLINE_LEVEL else None
    for name in names:
        match = _HEADING_NAME.fullmatch(name)
        if match:
            return int(match.group(1))
    return None


@dataclass(frozen=True, slots=True)
class ParagraphProperties:
    """What a paragraph's own properties (``w:pPr``) say: its style, outline level, list, and
    whether its mark (its end) is a tracked insertion or deletion."""

    style: str = ""
    outline_level: int | None = None
    list_ref: ListRef | None = None
    inserted: bool = False
    deleted: bool = False


_P_STYLE, _RPR, _INS, _DEL = w("pStyle"), w("rPr"), w("ins"), w("del")
NO_PROPERTIES = ParagraphProperties()


def paragraph_properties(ppr: etree._Element | None) -> ParagraphProperties:
    """Return what the paragraph properties ``ppr`` say, in one pass over them."""
    if ppr is None:
        return NO_PROPERTIES
    style, level, ref, inserted, deleted = "", None, None, False, False
    for child in ppr:
        tag = child.tag
        if tag == _P_STYLE:
            style = child.get(_VAL, "")
        elif tag == _OUTLINE_LVL:
            level = outline_level(ppr)
        elif tag == _NUM_PR:
            ref = list_ref(ppr)
        elif tag == _RPR:
            inserted = child.find(_INS) is not None
            deleted = child.find(_DEL) is not None
    return ParagraphProperties(style, level, ref, inserted, deleted)


def outline_level(ppr: etree._Element | None) -> int | None:
    """Return the ``w:outlineLvl`` of paragraph properties ``ppr`` (0-9), or None."""
    element = ppr.find(_OUTLINE_LVL) if ppr is not None else None
    value = element.get(_VAL, "") if element is not None else ""
    return min(int(value), BODY_OUTLINE_LEVEL) if value.isdigit() else None


def list_ref(ppr: etree._Element | None) -> ListRef | None:
    """Return the ``w:numPr`` of ``ppr``: a ListRef, ListRef('0', ...) for "no list", or None when not set."""
    numpr = ppr.find(_NUM_PR) if ppr is not None else None
    if numpr is None:
        return None
    num = numpr.find(_NUM_ID)
    level = numpr.find(_ILVL)
    level_value = level.get(_VAL, "0") if level is not None else "0"
    return ListRef(num.get(_VAL, "0") if num is not None else "",
                   min(int(level_value), 8) if level_value.isdigit() else 0)


class Styles:
    """The styles part, resolved: paragraph styles by id (each resolved once), character styles'
    type, and the document's default type."""

    def __init__(self, root: etree._Element | None) -> None:
        self.elements: dict[str, etree._Element] = {}
        self.default_paragraph = ""
        base = RunType(DEFAULT_SIZE, False, False, False)
        if root is not None:
            defaults = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
            base = run_type(defaults).over(base)
            for style in root.iter(w("style")):
                style_id = style.get(w("styleId"), "")
                self.elements.setdefault(style_id, style)
                if style.get(w("type")) == "paragraph" and style.get(w("default")) in ("1", "true", "on") \
                        and not self.default_paragraph:
                    self.default_paragraph = style_id
        self.base = base
        self._paragraph: dict[str, ParagraphStyle] = {}
        self._character: dict[str, RunType] = {}

    def _chain(self, style_id: str) -> list[etree._Element]:
        chain: list[etree._Element] = []
        seen: set[str] = set()
        while style_id and style_id not in seen and len(chain) < MAX_STYLE_CHAIN:
            seen.add(style_id)
            style = self.elements.get(style_id)
            if style is None:
                break
            chain.append(style)
            based = style.find(w("basedOn"))
            style_id = based.get(_VAL, "") if based is not None else ""
        return chain

    def paragraph(self, style_id: str) -> ParagraphStyle:
        """Return the paragraph style ``style_id`` resolved (the default style for '' or an unknown id)."""
        if style_id not in self.elements:
            style_id = self.default_paragraph
        found = self._paragraph.get(style_id)
        if found is None:
            names: list[str] = []
            level: int | None = None
            run = RunType()
            ref: ListRef | None = None
            for style in self._chain(style_id):
                name = style.find(w("name"))
                names.append((name.get(_VAL, "") if name is not None else "").strip().lower())
                ppr = style.find(w("pPr"))
                level = level if level is not None else outline_level(ppr)
                ref = ref if ref is not None else list_ref(ppr)
                run = run.over(run_type(style.find(w("rPr"))))
            found = ParagraphStyle(tuple(names), _heading_level(names, level), run.over(self.base), ref,
                                   bool(names) and names[0] in _CONTENTS_HEADING_NAMES)
            self._paragraph[style_id] = found
        return found

    def character(self, style_id: str) -> RunType:
        """Return the type a character style sets (along its chain); empty for ''."""
        found = self._character.get(style_id)
        if found is None:
            found = RunType()
            for style in self._chain(style_id):
                found = found.over(run_type(style.find(w("rPr"))))
            self._character[style_id] = found
        return found


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a list definition: where it starts, its number format and its text ("%1.")."""

    start: int = 1
    format: str = "decimal"
    text: str = "%1."

    @property
    def marker_kind(self) -> str:
        """Return "bullet", "none" or "ordered"."""
        if self.format == "bullet":
            return "bullet"
        return "none" if self.format == "none" or not self.text.strip() else "ordered"


def _level(element: etree._Element) -> Level:
    def value(tag: str, default: str) -> str:
        found = element.find(w(tag))
        return found.get(_VAL, default) if found is not None else default

    start = value("start", "1")
    return Level(int(start) if start.isdigit() else 1, value("numFmt", "decimal"), value("lvlText", "%1."))


@dataclass(slots=True)
class _Counter:
    """The running numbers of one list definition, one per level (None: not started)."""

    values: list[int | None] = field(default_factory=lambda: [None] * 9)


class Numbering:
    """The numbering part: list definitions, their instances, and the count Word keeps while it
    draws the paragraphs in order.

    Instances of one definition share its count, as in Word, unless an instance restarts a
    level (``w:startOverride``); an item resets the count of every deeper level.
    """

    def __init__(self, root: etree._Element | None, styles: Styles) -> None:
        self.abstract: dict[str, dict[int, Level]] = {}
        self.links: dict[str, str] = {}  # abstractNum id -> the numbering style it follows
        self.nums: dict[str, tuple[str, dict[int, Level | None], dict[int, int]]] = {}
        self.styles = styles
        self.counters: dict[str, _Counter] = {}
        self.started: set[str] = set()
        if root is None:
            return
        for abstract in root.iter(w("abstractNum")):
            abstract_id = abstract.get(w("abstractNumId"), "")
            levels = {}
            for lvl in abstract.iter(w("lvl")):
                index = lvl.get(w("ilvl"), "0")
                if index.isdigit() and int(index) < 9:
                    levels[int(index)] = _level(lvl)
            self.abstract[abstract_id] = levels
            link = abstract.find(w("numStyleLink"))
            if link is not None:
                self.links[abstract_id] = link.get(_VAL, "")
        for num in root.iter(w("num")):
            abstract = num.find(w("abstractNumId"))
            overrides: dict[int, Level | None] = {}
            starts: dict[int, int] = {}
            for override in num.iter(w("lvlOverride")):
                index = override.get(w("ilvl"), "0")
                if not index.isdigit() or int(index) >= 9:
                    continue
                start = override.find(w("startOverride"))
                value = start.get(_VAL, "") if start is not None else ""
                if value.isdigit():
                    starts[int(index)] = int(value)
                lvl = override.find(w("lvl"))
                overrides[int(index)] = _level(lvl) if lvl is not None else None
            self.nums[num.get(w("numId"), "")] = (abstract.get(_VAL, "") if abstract is not None else "",
                                                  overrides, starts)

    def _definition(self, num_id: str) -> tuple[str, dict[int, Level]] | None:
        """Return the abstract id and levels of instance ``num_id``, numbering-style links followed."""
        seen: set[str] = set()
        while num_id in self.nums and num_id not in seen and len(seen) < MAX_STYLE_CHAIN:
            seen.add(num_id)
            abstract_id = self.nums[num_id][0]
            link = self.links.get(abstract_id)
            if not link:
                return (abstract_id, self.abstract[abstract_id]) if abstract_id in self.abstract else None
            ref = self.styles.paragraph(link).list_ref if link in self.styles.elements else None
            if ref is None:
                return None
            num_id = ref.num_id
        return None

    def marker(self, ref: ListRef) -> str:
        """Return the marker Word draws for the next item of ``ref``: "3.", "•", or '' for none;
        counting the item."""
        if ref.num_id in ("", "0") or ref.num_id not in self.nums:
            return ""
        found = self._definition(ref.num_id)
        if found is None:
            return ""
        abstract_id, levels = found
        _, overrides, starts = self.nums[ref.num_id]
        level = overrides.get(ref.level) or levels.get(ref.level) or Level()
        counter = self.counters.setdefault(abstract_id, _Counter())
        if ref.num_id not in self.started:
            self.started.add(ref.num_id)
            for index, start in starts.items():
                counter.values[index] = start - 1
        current = counter.values[ref.level]
        counter.values[ref.level] = (level.start if current is None else current + 1)
        for deeper in range(ref.level + 1, 9):
            counter.values[deeper] = None
        kind = level.marker_kind
        if kind == "bullet":
            return "\u2022"
        return f"{counter.values[ref.level]}." if kind == "ordered" else ""
