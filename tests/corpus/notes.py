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
   full line width (the 90th percentile of its non-blank lines' lengths, in characters,
   leaving out lines over ``RUN_TOGETHER`` times the median: two lines an extractor ran
   together, of which the second is measured as what exceeds the full width),
   and the first word of unit ``k + 1`` and a space would have fitted after it within that
   width. (A ragged-right line ends early whenever the next word is long: such a line
   shows nothing. The PDF rule below asks the same, in points.)

It is **invisible** when none holds (this includes P = N: the extractor ran the two
units together on one line). Boundaries the rule cannot place (a unit's first or last
16 letters not found in order, or found too far apart: the extractor mixed its text with
other text, as some do with two columns) count as visible: the scorer does not excuse
them; the notes list those units as ``unlocated``.
**Reading order.** Some extractors give a two-column page's text, or a block of it, out of
reading order. The notes list as ``moved`` the runs of at least ``MOVED_RUN`` body words that
the dump gives elsewhere than in the source's order (words compared as letters, line-end
hyphens joined, by ``difflib``): such a dump's text does not hold the reading order, and with
it neither the boundaries, speakers and counts around those runs. ``pdftotext -layout``
output of a two-column layout shares each line between the columns; its order is the
reader's to find, and ``moved`` is not measured there (``None``).
A line ends at a newline, or at a U+FFFE (PDFium's hyphen where it ran a line into the next).
Letters are matched as lower-case ASCII letters and digits after Unicode decomposition,
so hyphenation, ligatures, spacing and scripts the extractor reorders do not matter.
"""

from __future__ import annotations

import bisect
import difflib
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
#: A line longer than this many times the median line is two lines run together.
RUN_TOGETHER = 1.5
#: A run of at least this many body words given elsewhere in a dump is out of reading order.
MOVED_RUN = 3
LINE_END = re.compile("[\n\ufffe]")
LINE_END_HYPHEN = re.compile("[-\u00ad\ufffe][ \t]*\r?\n[ \t\f]*")
PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d+(?:\s+of\s+\d+)?$", re.IGNORECASE)
#: A line holding a list marker alone: one sign that is no letter or digit (a bullet glyph, a
#: private-use Symbol-font bullet, a dash), "o", or a number of up to three digits with "." or ")".
LONE_MARKER = re.compile(r"^[\s\f]*(?:[^\w\s]|o|\(?\d{1,3}[.)])\s*$")


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
        # PDFium runs a line into the next across a hyphen that broke a word, and writes that
        # hyphen U+FFFE: the text still shows the line's end there (the reader cuts it too).
        self.lines = LINE_END.split(dump)
        self.starts = [0]
        for line in self.lines[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)
        self.furniture = {f.strip().casefold() for f in furniture}
        lengths = sorted(len(line.strip()) for line in self.lines if line.strip())
        # A line far longer than the median is two lines an extractor ran together (pdftotext
        # joins a line ending in a hyphen with the next): it is no measure of the width.
        self.run_together = RUN_TOGETHER * lengths[len(lengths) // 2] if lengths else 0
        lengths = [length for length in lengths if length <= self.run_together]
        self.full_width = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0

    def last_line_length(self, index: int) -> int:
        """Return the length of line ``index``; of its second part if two lines ran together there."""
        length = len(self.lines[index].strip())
        return length - self.full_width if length > self.run_together else length

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
    ending = lines.last_line_length(last)
    next_word = lines.lines[first][start - lines.starts[first]:].split()[:1]
    fits = ending + 1 + len(next_word[0] if next_word else "") <= lines.full_width
    return ending < SHORT_LINE_RATIO * lines.full_width and fits


def invisible_boundaries(units: list[str], dump: str, furniture: set[str]) -> list[int]:
    """Return the indices ``k`` of the boundaries after unit ``k`` that ``dump`` does not show."""
    return dump_notes(units, dump, furniture)["invisible"]


def word_keys(text: str) -> list[str]:
    """Return the words of ``text`` as letter keys, line-end hyphens joined, words without letters left out."""
    text = LINE_END_HYPHEN.sub("", text).replace("\u00ad", "").replace("\ufffe", "")
    return [key for key in (letter_keys(word)[0] for word in text.split()) if key]


def moved_runs(units: list[str], dump: str) -> list[str]:
    """Return the runs of at least ``MOVED_RUN`` body words ``dump`` gives out of reading order.

    Each run is given by its words (letter keys). A run counts only if the dump holds its words
    in a row somewhere else: words lost or garbled by an extractor are not moved.
    """
    want, got = word_keys(" ".join(units)), word_keys(dump)
    matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
    got_text = f" {' '.join(got)} "
    runs, start = [], 0
    for block in matcher.get_matching_blocks():
        run = want[start:block.a]
        if len(run) >= MOVED_RUN and f" {' '.join(run)} " in got_text:
            runs.append(" ".join(run))
        start = block.a + block.size
    return runs


def unmarked_lists(lists: list[range], places: list[tuple[int, int] | None], lines: DumpLines) -> list[int]:
    """Return the indices of the ``lists`` (each given by its items' unit indices) whose markers
    the dump does not show at all, so that nothing in its text tells the list's items from
    paragraphs (a browser draws a bullet as a shape: no extractor gives it back).

    A list is **unmarked** when every item is placed and none shows a marker: no text stands
    before an item on its first line, no line that is neither blank nor furniture stands
    between an item and the unit before it, and no item's first line is indented
    ``INDENT_COLUMNS`` or more past the last line of the unit before the list; and the dump has
    no line that holds a marker alone (a bullet glyph, "o", a number with "." or ")"), which
    an extractor may print apart from its item, even pages away.
    """
    if any(LONE_MARKER.match(line) for line in lines.lines):
        return []
    found = []
    for index, items in enumerate(lists):
        if not items or any(places[k] is None for k in items) or items[0] == 0 or places[items[0] - 1] is None:
            continue
        base = lines.indent(lines.line_of(places[items[0] - 1][1]))
        marked = False
        for k in items:
            start, first = places[k][0], lines.line_of(places[k][0])
            previous = places[k - 1]
            between = range(lines.line_of(previous[1]) + 1, first) if previous else range(0)
            marked = marked or bool(lines.lines[first][:start - lines.starts[first]].replace("\f", "").strip()) \
                or any(lines.lines[i].strip() and not lines.is_furniture(i) for i in between) \
                or lines.indent(first) - base >= INDENT_COLUMNS
        if not marked:
            found.append(index)
    return found


def dump_notes(units: list[str], dump: str, furniture: set[str], columns_share_lines: bool = False,
               lists: list[range] = ()) -> dict:
    """Return the notes of one dump: the rule, invisible boundaries, units the rule could not place,
    runs of words out of reading order (not measured where ``columns_share_lines``), and the
    ``lists`` (the unit indices of each list's items) whose markers it does not show."""
    places = locate_units(units, dump)
    lines = DumpLines(dump, furniture)
    invisible = []
    for k in range(len(units) - 1):
        here, there = places[k], places[k + 1]
        if here and there and not boundary_visible(lines, here[1], there[0]):
            invisible.append(k)
    unlocated = [k for k, place in enumerate(places) if place is None]
    moved = None if columns_share_lines else moved_runs(units, dump)
    # Where columns share lines, the other column's text stands before an item: never unmarked.
    unmarked = [] if columns_share_lines else unmarked_lists(list(lists), places, lines)
    return {"rule": RULE, "invisible": invisible, "unlocated": unlocated, "moved": moved, "unmarked_lists": unmarked}


RULE = ("boundary k (after text unit k) is invisible when, in the dump, no non-furniture line, no blank "
        "line without a page break, no marker, no first-line indent of >= 2 columns and no last line "
        "narrower than 0.8 x the 90th-percentile line length, with room left there for unit k+1's "
        "first word, separates unit k from unit k+1 (tests/corpus/notes.py)")


# --- PDFs ----------------------------------------------------------------------------------
#
# A PDF shows most boundaries by spacing, indent or type, but not all. Boundary ``k`` is
# **invisible** in a PDF when unit ``k`` ends on the last line of a page or column and unit
# ``k + 1`` starts on the first line of the next page or column (only page furniture, lines
# whose text, digits aside, recurs on half the pages or is a page number, between them), and
# nothing there tells a new paragraph:
#
# 1. the first line of unit ``k + 1`` is not indented (within 1 pt of the unit's next line,
#    or of the leftmost line starting within 20 pt of it on its page);
# 2. it is set in the size of unit ``k``'s last line (within 0.5 pt);
# 3. unit ``k``'s last line is full: the first word of unit ``k + 1`` and a space (a quarter
#    of the type size) would not have fitted between its end and the right edge of its column
#    (the rightmost end of the page's lines starting within 20 pt of it), and, in a justified
#    column (four lines or more, half of them ending at that edge, within 0.15 of the type
#    size), it reaches the edge.
#
# The lines are PDFium's, read here character by character (pypdfium2), not by the reader
# under test.

#: How far (points) a line may start from another and still be in its column, or be indented.
COLUMN_SLACK, INDENT_SLACK = 20.0, 1.0
#: A column of at least ``JUSTIFIED_LINES`` lines is justified when at least this share of them
#: end at its right edge (within 0.15 of the type size); there, a line left short of the edge
#: shows its paragraph's end.
JUSTIFIED_SHARE, JUSTIFIED_LINES = 0.5, 4


class PdfLine:
    """One line of a PDF as PDFium orders its characters: its text and where it is drawn."""

    def __init__(self, page: int, text: str, boxes: list[tuple[float, float, float, float]], size: float):
        self.page, self.text, self.size = page, text, size
        inked = [box for char, box in zip(text, boxes) if not char.isspace()]
        self.left = min((box[0] for box in inked), default=0.0)
        self.right = max((box[2] for box in inked), default=0.0)
        self.top = max((box[3] for box in inked), default=0.0)
        first_word = text.split()[0] if text.split() else ""
        start = text.find(first_word)
        word_boxes = [box for box in boxes[start:start + len(first_word)]]
        self.first_word_width = max((box[2] for box in word_boxes), default=self.left) - self.left


def pdf_lines(pdf) -> list[PdfLine]:
    """Return the lines of every page of the PDF ``pdf`` (a path), in PDFium's order."""
    import pypdfium2
    import pypdfium2.raw as raw

    document = pypdfium2.PdfDocument(str(pdf))
    out: list[PdfLine] = []
    try:
        for number in range(len(document)):
            page = document[number]
            textpage = page.get_textpage()
            text, boxes, size, last = "", [], 0.0, None
            for index in range(textpage.count_chars()):
                char = chr(raw.FPDFText_GetUnicode(textpage, index))
                box = textpage.get_charbox(index)
                # PDFium runs a line ending in a hyphen (U+0002, U+FFFE) into the next: a
                # character drawn wholly below the line's last one starts a line.
                below = last is not None and not char.isspace() and box[3] < last[1] - 0.2 * size
                if char == "\n" or below:
                    if text.strip():
                        out.append(PdfLine(number + 1, text.rstrip("\r"), boxes, size))
                    text, boxes, size, last = "", [], 0.0, None
                    if char == "\n":
                        continue
                if not char.isspace():
                    size = size or raw.FPDFText_GetFontSize(textpage, index)
                    last = box
                text += "-" if char in "\x02\ufffe" else char
                boxes.append(box)
            if text.strip():
                out.append(PdfLine(number + 1, text.rstrip("\r"), boxes, size))
            textpage.close()
            page.close()
    finally:
        document.close()
    return out


def _furniture(lines: list[PdfLine]) -> set[int]:
    """Return the indices of the page furniture among ``lines``: page numbers, and lines whose
    text (digits aside) recurs on at least half the pages (at least two)."""
    pages = len({line.page for line in lines})
    key = [re.sub(r"\d+", "#", line.text.strip().casefold()) for line in lines]
    on_pages: dict[str, set[int]] = {}
    for line, text in zip(lines, key):
        on_pages.setdefault(text, set()).add(line.page)
    return {index for index, line in enumerate(lines)
            if PAGE_NUMBER.match(line.text.strip()) or len(on_pages[key[index]]) >= max(2, pages / 2)}


def pdf_boundary_visible(lines: list[PdfLine], furniture: set[int], last: int, first: int, start: int,
                         unit_lines: list[int]) -> bool:
    """Return True if the boundary between unit ``k`` (ending on line ``last``) and unit ``k + 1``
    (starting at offset ``start`` of line ``first``, its lines ``unit_lines``) shows in the PDF."""
    if first <= last or any(i not in furniture for i in range(last + 1, first)):
        return True
    before, after = lines[last], lines[first]
    if after.text[:start].strip():
        return True  # a marker
    if after.page == before.page and after.top <= before.top:
        return True  # below on the same page and column: a gap or its absence is measured
    column = [line for line in lines if line.page == after.page and abs(line.left - after.left) <= COLUMN_SLACK]
    following = [lines[i] for i in unit_lines if i > first and lines[i].page == after.page]
    margin = following[0].left if following else min(line.left for line in column)
    if after.left > margin + INDENT_SLACK or abs(after.size - before.size) > 0.5:
        return True
    ends = [line.right for line in lines if line.page == before.page and abs(line.left - before.left) <= COLUMN_SLACK]
    edge, reach = max(ends), 0.15 * before.size
    if len(ends) >= JUSTIFIED_LINES and sum(end >= edge - reach for end in ends) >= JUSTIFIED_SHARE * len(ends) \
            and before.right < edge - reach:
        return True  # a justified column's line left short of its edge
    return before.right + 0.25 * before.size + after.first_word_width <= edge


def pdf_notes(units: list[str], pdf) -> dict:
    """Return the notes of one PDF: invisible boundaries, units the rule could not place."""
    lines = pdf_lines(pdf)
    text, starts = "", []
    for index, line in enumerate(lines):
        if index and line.page != lines[index - 1].page:
            text += "\f"
        starts.append(len(text))
        text += line.text + "\n"
    places = locate_units(units, text)
    furniture = _furniture(lines)

    def line_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset) - 1

    invisible = []
    for k in range(len(units) - 1):
        here, there = places[k], places[k + 1]
        if not (here and there):
            continue
        first = line_of(there[0])
        unit_lines = list(range(first, line_of(there[1]) + 1))
        if not pdf_boundary_visible(lines, furniture, line_of(here[1]), first, there[0] - starts[first], unit_lines):
            invisible.append(k)
    return {"rule": PDF_RULE, "invisible": invisible,
            "unlocated": [k for k, place in enumerate(places) if place is None]}


PDF_RULE = ("boundary k is invisible in a PDF when unit k ends on a page's or column's last line and unit k+1 "
            "starts on the next one's first, furniture aside, unindented, in the same size, and unit k's last "
            "line leaves no room for unit k+1's first word and, in a justified column, reaches its edge "
            "(tests/corpus/notes.py)")
