"""The PDF writer's own flowables: headings that bookmark themselves, and contents entries.

Page numbers come from a two-pass build: the first pass records where every
heading lands (``PageBook.pages``), the second draws those numbers in the contents
and the total in the footers. Nothing a pass learns changes any flowable's size, so
the second pass lays out exactly like the first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Paragraph
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.paragraph import ParagraphStyle


@dataclass
class PageBook:
    """Per-run page bookkeeping shared by the flowables and the page decorations."""

    pages: dict[str, int] = field(default_factory=dict)  # this pass: heading key -> page
    known: dict[str, int] = field(default_factory=dict)  # the previous pass's pages
    total: int = 0  # the previous pass's page count (0 in the first pass)

    def next_pass(self, last_page: int) -> bool:
        """Adopt this pass's numbers; return whether they differ from the previous pass's."""
        changed = self.pages != self.known or last_page != self.total
        self.known, self.total, self.pages = self.pages, last_page, {}
        return changed


class Para(Paragraph):
    """A Paragraph that skips drawing in the measuring pass (half of a pass's time is drawing).

    Split parts are built through ``self.__class__``, so they skip too.
    """

    def wrap(self, availWidth, availHeight):
        # Line breaks depend on the width alone, and platypus wraps a paragraph several
        # times per pass (keep-together groups, frames, splits) and again in the next
        # pass: reuse them while the width and the broken lines are unchanged. split()
        # deletes blPara when it gives up, which invalidates this.
        cached = self.__dict__.get("_wrapped_at")
        if cached is not None and cached[0] == availWidth and cached[1] is self.__dict__.get("blPara"):
            self.width, self.height = availWidth, cached[2]
            return availWidth, cached[2]
        width, height = super().wrap(availWidth, availHeight)
        self._wrapped_at = (availWidth, self.__dict__.get("blPara"), height)
        return width, height

    def draw(self):
        if not getattr(self.canv, "measuring", False):
            super().draw()


class MeasuringCanvas(Canvas):
    """The first pass's canvas: it only has to learn page numbers, nobody sees what it draws."""

    measuring = True


class Heading(Para):
    """A heading that sets a PDF destination, adds an outline entry and records its page.

    Paragraph.split builds its parts through ``self.__class__`` without our attributes,
    so the class defaults mark a part as "not a heading"; ``split`` hands the bookmark
    to the first part only.
    """

    key: str | None = None
    title: str = ""
    level: int = 0
    book: PageBook | None = None

    def bookmarked(self, key: str, title: str, level: int, book: PageBook) -> Heading:
        """Return this heading, set to bookmark itself as ``key`` at outline ``level``."""
        self.key, self.title, self.level, self.book = key, title, level, book
        return self

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if parts and self.key is not None:
            parts[0].bookmarked(self.key, self.title, self.level, self.book)
        return parts

    def draw(self):
        if self.key is not None:
            canv = self.canv
            canv.bookmarkHorizontal(self.key, 0, self.height + 4)
            canv.addOutlineEntry(self.title, self.key, self.level, closed=self.level > 0)
            self.book.pages[self.key] = canv.getPageNumber()
        super().draw()


class TocEntry(Flowable):
    """One line of the contents: a linked label, dot leaders and the page number on the right."""

    def __init__(self, markup: str, style: ParagraphStyle, key: str, indent: float,
                 book: PageBook, number_font: str, leader_color: str) -> None:
        super().__init__()
        self.markup, self.style, self.key, self.indent = markup, style, key, indent
        self.book, self.number_font = book, number_font
        self.leader_color = HexColor(leader_color)
        # A fixed number column: the widest number is reserved up front, so the
        # label wraps the same way in both passes whatever the numbers turn out to be.
        self.number_width = pdfmetrics.stringWidth("00000", number_font, style.fontSize)
        self.gap = style.fontSize * 0.8
        self.keepWithNext = bool(getattr(style, "keepWithNext", 0))
        # Set before the first wrap: frames ask for the spacing before they wrap.
        self.spaceBefore, self.spaceAfter = style.spaceBefore, style.spaceAfter
        self._label: Paragraph | None = None

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self._label = Para(self.markup, self.style)
        label_width = max(availWidth - self.indent - self.number_width - 2 * self.gap, 20)
        _, self.height = self._label.wrap(label_width, availHeight)
        return availWidth, self.height

    def draw(self):
        canv, label, size = self.canv, self._label, self.style.fontSize
        label.drawOn(canv, self.indent, 0)
        # The last line's baseline and end, to run the leaders up to the number.
        last = label.blPara.lines[-1]
        extra = last[0] if isinstance(last, tuple) else last.extraSpace
        line_end = self.indent + label.width - extra
        baseline = self.height - label.style.leading * (len(label.blPara.lines) - 1) - size
        page = self.book.known.get(self.key)
        number = "" if page is None else str(page)
        # Leaders run up to the number actually drawn (the reserved column is wider).
        number_width = pdfmetrics.stringWidth(number, self.number_font, size) if number else self.number_width
        number_left = self.width - number_width
        canv.saveState()
        canv.setStrokeColor(self.leader_color)
        canv.setLineWidth(0.9)
        canv.setLineCap(1)
        canv.setDash([0, size * 0.45])
        if number_left - self.gap > line_end + self.gap:
            canv.line(line_end + self.gap, baseline + 1, number_left - self.gap, baseline + 1)
        canv.restoreState()
        if number:
            canv.setFillColor(label.style.textColor)
            canv.setFont(self.number_font, size)
            canv.drawRightString(self.width, baseline, number)
        canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)
