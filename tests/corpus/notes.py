"""Which paragraph boundaries a dump's text does not show at all, by one documented rule.

The body of a spec is a sequence of text units (each paragraph, each list item);
boundary ``k`` lies between unit ``k`` and unit ``k + 1``. In a dump, let P be the line
where unit ``k`` ends and N the line where unit ``k + 1`` starts. The boundary is
**visible** when any of these holds:

1. a line between P and N is neither blank nor page furniture (a heading, a speaker);
2. a blank line lies between P and N and no page break does (a form feed, or a
   running-header or page-number line): blank lines around furniture are no evidence;
3. text stands before unit ``k + 1`` on line N (a list marker);
4. line N is indented at least ``INDENT_COLUMNS`` more than the next non-blank line;
5. line P is short: its text is narrower than ``SHORT_LINE_RATIO`` times the dump's
   full line width (the 90th percentile of its non-blank lines' lengths, in characters).

It is **invisible** when none holds (this includes P = N: the extractor ran the two
units together on one line). Boundaries the rule cannot place (a unit's first or last
16 letters not found in order, or found too far apart: the extractor mixed its text with
other text, as some do with two columns) count as visible: the scorer does not excuse
them; the notes list those units as ``unlocated``.
Letters are matched as lower-case ASCII letters and digits after Unicode decomposition,
so hyphenation, ligatures, spacing and scripts the extractor reorders do not matter.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

#: A last line narrower than this share of the full line width ends a paragraph visibly.
SHORT_LINE_RATIO = 0.8
#: A first line indented by at least this many columns more than the next one is visible.
INDENT_COLUMNS = 2
#: Letters matched at each end of a unit to find it in the dump.
KEY_LETTERS = 16
#: A unit counts as found only if its letters span at most this many times their number,
#: plus ``SPREAD_SLACK`` (room for page furniture and markers inside it), in the dump.
SPREAD_RATIO, SPREAD_SLACK = 1.2, 200
PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d+(?:\s+of\s+\d+)?$", re.IGNORECASE)


def letter_keys(text: str) -> tuple[str, list[int]]:
    """Return the lower-case ASCII letters and digits of ``text`` and the offset each came from."""
    keys, offsets = [], []
    for offset, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", char):
            if part.isascii() and part.isalnum():
                keys.append(part.lower())
                offsets.append(offset)
    return "".join(keys), offsets


def locate_units(units: list[str], dump: str) -> list[tuple[int, int] | None]:
    """Return (first offset, last offset) in ``dump`` of each unit, or None where it is not found."""
    keys, offsets = letter_keys(dump)
    cursor, found = 0, []
    for unit in units:
        unit_keys, _ = letter_keys(unit)
        head, tail = unit_keys[:KEY_LETTERS], unit_keys[-KEY_LETTERS:]
        start = keys.find(head, cursor) if head else -1
        end = keys.find(tail, start + len(unit_keys) - len(tail)) if start >= 0 else -1
        if start < 0 or end < 0 or end + len(tail) - start > SPREAD_RATIO * len(unit_keys) + SPREAD_SLACK:
            found.append(None)
            continue
        cursor = end + len(tail)
        found.append((offsets[start], offsets[cursor - 1]))
    return found


class DumpLines:
    """A dump cut into lines, with what the rule needs to know about each."""

    def __init__(self, dump: str, furniture: set[str]):
        self.lines = dump.split("\n")
        self.starts = [0]
        for line in self.lines[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)
        self.furniture = {f.strip().casefold() for f in furniture}
        lengths = sorted(len(line.strip()) for line in self.lines if line.strip())
        self.full_width = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0

    def line_of(self, offset: int) -> int:
        """Return the index of the line holding ``offset``."""
        return bisect.bisect_right(self.starts, offset) - 1

    def is_furniture(self, index: int) -> bool:
        """Return True if line ``index`` is a page number or a running header."""
        text = self.lines[index].strip().casefold()
        return bool(PAGE_NUMBER.match(text)) or text in self.furniture

    def is_page_break(self, index: int) -> bool:
        """Return True if line ``index`` starts a page or is page furniture."""
        return "\f" in self.lines[index] or self.is_furniture(index)

    def indent(self, index: int) -> int:
        """Return the leading spaces of line ``index`` (form feeds and CR ignored)."""
        line = self.lines[index].replace("\f", "").rstrip("\r")
        return len(line) - len(line.lstrip(" \t"))


def boundary_visible(lines: DumpLines, end: int, start: int) -> bool:
    """Return True if the boundary between a unit ending at offset ``end`` and one starting at ``start`` shows."""
    last, first = lines.line_of(end), lines.line_of(start)
    if last == first:
        return False
    between = range(last + 1, first)
    if any(lines.lines[i].strip() and not lines.is_furniture(i) for i in between):
        return True
    page_break = any(lines.is_page_break(i) for i in between) or "\f" in lines.lines[first]
    if not page_break and any(not lines.lines[i].strip() for i in between):
        return True
    if lines.lines[first][:start - lines.starts[first]].replace("\f", "").strip():
        return True
    following = next((i for i in range(first + 1, len(lines.lines)) if lines.lines[i].strip()), None)
    if following is not None and lines.indent(first) - lines.indent(following) >= INDENT_COLUMNS:
        return True
    return len(lines.lines[last].strip()) < SHORT_LINE_RATIO * lines.full_width


def invisible_boundaries(units: list[str], dump: str, furniture: set[str]) -> list[int]:
    """Return the indices ``k`` of the boundaries after unit ``k`` that ``dump`` does not show."""
    return dump_notes(units, dump, furniture)["invisible"]


def dump_notes(units: list[str], dump: str, furniture: set[str]) -> dict:
    """Return the notes of one dump: the rule, invisible boundaries, units the rule could not place."""
    places = locate_units(units, dump)
    lines = DumpLines(dump, furniture)
    invisible = []
    for k in range(len(units) - 1):
        here, there = places[k], places[k + 1]
        if here and there and not boundary_visible(lines, here[1], there[0]):
            invisible.append(k)
    unlocated = [k for k, place in enumerate(places) if place is None]
    return {"rule": RULE, "invisible": invisible, "unlocated": unlocated}


RULE = ("boundary k (after text unit k) is invisible when, in the dump, no non-furniture line, no blank "
        "line without a page break, no marker, no first-line indent of >= 2 columns and no last line "
        "narrower than 0.8 x the 90th-percentile line length separates unit k from unit k+1 "
        "(tests/corpus/notes.py)")
