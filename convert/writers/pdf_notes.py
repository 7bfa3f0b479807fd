"""Footnotes for the PDF writer: each note set at the foot of the page its reference mark is on.

Laid out in the one pass that lays out the text. The body frame (``FootnoteFrame``)
knows which notes each flowable marks (``marks_in``: a paragraph's fragments, a table's
cells); a flowable is placed only if the frame can also hold its new notes, for which the
frame's bottom rises (``FootnoteArea.extra``); when it must be split, the split is asked
for again, with less room, until the first part's notes fit too. The notes are drawn when
the page ends. Notes may take at most ``MAX_SHARE`` of a page: what does not fit there
goes on at the foot of the next page (and gives way there to what cannot be split and
would not fit otherwise), and after the last line of text ``NotesTail`` gives the pages it
needs to what is still left (and to any note whose mark was never drawn).
"""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from .pdf_longpara import LongPara
from .pdf_reportlab import Flowable, Frame, PageBreak, Paragraph, Table

#: The largest part of the frame's height the notes of one page may take.
MAX_SHARE = 0.6
#: The note separator: the width of its rule, as a part of the frame's width.
RULE_SHARE = 0.3
#: Heights compared with this much slack, in points (as platypus does).
FUZZ = 1e-6
_ANY_HEIGHT = float(0x7FFFFFFF)


def marks_in(flowable) -> tuple[int, ...]:
    """Return the numbers of the note marks drawn with ``flowable`` (in a table, in its cells), in order."""
    found = flowable.__dict__.get("_note_marks")
    if found is None:
        if isinstance(flowable, Table):
            found = tuple(number for row in flowable._cellvalues for value in row for number in _marks_in_cell(value))
        elif isinstance(flowable, LongPara):
            found = flowable.note_marks()
        elif isinstance(flowable, Paragraph):
            found = tuple(_marks_in_frags(flowable.frags))
        else:
            found = ()
        flowable.__dict__["_note_marks"] = found
    return found


def _marks_in_frags(frags):
    """Yield the note numbers of the mark fragments in ``frags``: a paragraph's own, or the words
    a part of a split paragraph holds instead (lists of width, then (fragment, text) pairs)."""
    for item in frags:
        if isinstance(item, list):
            for frag, _ in item[1:]:
                if getattr(frag, "note", 0):
                    yield frag.note
        elif getattr(item, "note", 0):
            yield item.note


def _marks_in_cell(value) -> tuple[int, ...]:
    if isinstance(value, (list, tuple)):
        return tuple(number for item in value for number in _marks_in_cell(item))
    return marks_in(value) if isinstance(value, Flowable) else ()


class FootnoteArea:
    """The notes at the foot of the page being laid out: those of its marks, after any carried over."""

    def __init__(self, notes: dict[int, list], width: float, frame_height: float, rule: Color,
                 space_before: float, space_after: float) -> None:
        self.notes = notes  # number -> the note's flowables (number first)
        self.width, self.frame_height, self.cap = width, frame_height, frame_height * MAX_SHARE
        self.rule, self.space_before, self.space_after = rule, space_before, space_after
        self.placed: set[int] = set()
        self.queue: list = []  # flowables to draw at this page's foot, in order
        self.height = 0.0  # of the queue, separator included
        self.reserved = 0.0  # the part of the frame kept for the queue: min(height, cap)
        self.pages: dict[int, int] = {}  # note -> the page its mark is on
        self._heights: dict[int, float] = {}

    # --- layout ------------------------------------------------------------------

    def new_notes(self, flowable) -> list[int]:
        """Return the notes ``flowable`` would place: its marks' notes and the notes marked in those,
        unless placed already (a table's head rows come again on each page)."""
        out: list[int] = []
        stack = [number for number in reversed(marks_in(flowable))]
        while stack:
            number = stack.pop()
            if number in self.placed or number in out:
                continue
            out.append(number)
            stack.extend(reversed([mark for part in self.notes[number] for mark in marks_in(part)]))
        return out

    def extra(self, numbers: list[int]) -> float:
        """Return how far the frame's bottom must rise for the notes ``numbers`` too."""
        if not numbers:
            return 0.0
        height = self.height + (0.0 if self.queue else self.separator) + sum(map(self.note_height, numbers))
        return max(min(height, self.cap) - self.reserved, 0.0)

    def place(self, numbers: list[int], page: int) -> None:
        """Set the notes ``numbers`` at the foot of this page (``extra`` said how much room they need)."""
        if not numbers:
            return
        if not self.queue:
            self.height = self.separator
        for number in numbers:
            self.placed.add(number)
            self.pages[number] = page
            self.queue.extend(self.notes[number])
            self.height += self.note_height(number)
        self.reserved = max(self.reserved, min(self.height, self.cap))

    def unplaced(self) -> list[int]:
        """Return the notes whose marks have not been drawn, in order."""
        return [number for number in self.notes if number not in self.placed]

    @property
    def separator(self) -> float:
        return self.space_before + self.space_after

    def note_height(self, number: int) -> float:
        """Return the height note ``number`` takes at the foot of a page, its spacing included."""
        found = self._heights.get(number)
        if found is None:
            found = self._heights[number] = sum(map(self._height, self.notes[number]))
        return found

    def _height(self, flowable) -> float:
        return flowable.wrap(self.width, _ANY_HEIGHT)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()

    # --- drawing -----------------------------------------------------------------

    def draw(self, canv: Canvas, x: float, bottom: float) -> None:
        """Draw the separator and as much of the queue as the reserved room holds; carry the rest over."""
        if not self.queue:
            return
        if self.reserved <= self.separator + FUZZ:  # no room kept on this page (see FootnoteFrame.split)
            self.reserved = min(self.height, self.cap)
            return
        top = bottom + self.reserved
        canv.saveState()
        canv.setStrokeColor(self.rule)
        canv.setLineWidth(0.5)
        canv.line(x, top - self.space_before / 2, x + self.width * RULE_SHARE, top - self.space_before / 2)
        canv.restoreState()
        y = top - self.separator
        carry: list = []
        for index, flowable in enumerate(self.queue):
            before = flowable.getSpaceBefore() if index else 0.0
            room = y - before - bottom
            _, height = flowable.wrap(self.width, room)
            if height > room + FUZZ:
                parts = flowable.split(self.width, room) if room > 0 else []
                # Taller than a whole page and not to be split (it should not happen): drawn as it
                # is, past the foot, rather than carried over page after page for ever.
                whole_page = index == 0 and self.reserved >= self.frame_height - FUZZ
                if not parts and not whole_page:
                    carry = self.queue[index:]
                    break
                flowable, carry = parts[0], [*parts[1:], *self.queue[index + 1:]]
                _, height = flowable.wrap(self.width, room)
            y -= before + height
            flowable.drawOn(canv, x, y)
            y -= flowable.getSpaceAfter()
            if carry:
                break
        self.queue = carry
        self.height = (self.separator + sum(map(self._height, carry))) if carry else 0.0
        self.reserved = min(self.height, self.cap)


class FootnoteFrame(Frame):
    """The body frame: its bottom rises by the height of the notes of what it holds."""

    def __init__(self, *args, area: FootnoteArea, **kwargs) -> None:
        self.__dict__["area"] = area  # Frame.__init__ resets the frame, which asks for it
        super().__init__(*args, **kwargs)

    def _reset(self):
        super()._reset()
        self._geom()  # drop the last page's notes
        self._y1p += self.area.reserved  # keep room for notes carried over

    def add(self, flowable, canv, trySplit=0):
        numbers = self.area.new_notes(flowable)
        if not numbers:
            return super().add(flowable, canv, trySplit)
        extra = self.area.extra(numbers)
        self._y1p += extra
        if super().add(flowable, canv, trySplit):
            self.area.place(numbers, canv.getPageNumber())
            return 1
        self._y1p -= extra
        return 0

    def split(self, flowable, canv):
        # Ask again with less room until the first part leaves room for its own notes; the
        # room kept only grows, and at most by the notes of the whole flowable, so this ends.
        base, keep = self._y1p, 0.0
        try:
            while True:
                self._y1p = base + keep
                parts = super().split(flowable, canv)
                if not parts:
                    break
                need = self.area.extra(self.area.new_notes(parts[0]))
                if need <= keep + FUZZ:
                    return parts
                keep = need
        finally:
            self._y1p = base
        area = self.area
        if self._atTop and area.reserved > FUZZ:
            # Nothing is on this page yet, and the notes carried over from the page before leave
            # too little room for what cannot be split (it would fail on every page they reach):
            # they give way, and go on at the next page's foot.
            self._y1p -= area.reserved
            area.reserved = 0.0
            return super().split(flowable, canv) or [flowable]
        return parts


class NotesTail(Flowable):
    """After the last line of text: the room the notes still waiting need, on as many pages as it takes."""

    def __init__(self, area: FootnoteArea) -> None:
        super().__init__()
        self.area = area

    def wrap(self, availWidth, availHeight):
        area = self.area
        # A mark no flowable showed (it should not happen) still gets its note.
        area.place(area.unplaced(), self.canv.getPageNumber())
        self.height = min(max(area.height - area.reserved, 0.0), max(availHeight, 0.0))
        return 0, self.height

    def draw(self):
        area = self.area
        area.reserved += self.height  # the text has ended: the notes may use the rest of the page
        if area.height - area.reserved > FUZZ:
            self._frame.add_generated_content(PageBreak(), NotesTail(area))
