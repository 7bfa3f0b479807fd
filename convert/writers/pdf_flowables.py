"""The PDF writer's own flowables: paragraphs, headings that bookmark themselves, anchors, and
contents entries.

A paragraph draws the content of its structure element (``pdf_tags``), marks the hyphens the
line breaking added (drawn as artifacts), justifies CJK lines by character spacing, and draws
right-to-left words in the order the page shows them (``pdf_bidi``).

The document is laid out once. What depends on later pages (a contents line's page
number, a footer's page total) leaves a placeholder in the page's content stream;
``PageBook`` draws it after the last page, when every number is known, and puts the
operators in the placeholder's place, so they keep their position in the text order.
(These used to be PDF forms: one XObject each, thousands of them on a long report,
cost more to write than to draw.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.lib.abag import ABag
from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.lib.styles import ParagraphStyle

from .pdf_bidi import display_order, display_pieces
from .pdf_reportlab import Flowable, ParaFrag, Paragraph
from .pdf_tags import ADDED_HYPHEN, Element, Tagged, TaggedCanvas, carry_tags
from .pdf_text import RL_SPACES

#: What draws one deferred piece of a page, in the coordinates in force where it was deferred.
Draw = Callable[[Canvas], None]


@dataclass
class PageBook:
    """Per-run page bookkeeping: where headings land, and the drawings left until all pages are laid out."""

    pages: dict[str, int] = field(default_factory=dict)  # heading key -> page it landed on
    total: int = 0  # the page count, known once layout is done
    deferred: dict[int, list[tuple[str, Draw]]] = field(default_factory=dict)  # page -> placeholders

    def defer(self, canv: Canvas, name: str, draw: Draw) -> None:
        """Mark the spot for drawing ``name`` here; ``draw`` gives its content in ``finish``."""
        # A PDF comment on a line of its own: the stream stays valid, and drawn text
        # cannot fake it (text is cleaned of line breaks before it is drawn).
        canv.addLiteral(_placeholder(name))
        self.deferred.setdefault(canv.getPageNumber(), []).append((name, draw))

    def finish(self, canv: Canvas, total: int) -> None:
        """Draw every deferred piece into its page, now that heading pages and the total are known.

        Call it after the last page is shown and before saving. Each piece is drawn
        between q and Q, so it inherits the graphics state of its spot as a form would,
        and changes nothing after it.
        """
        self.total = total
        # ReportLab has joined each page's operators into one string by now (PDFPage.stream),
        # compressed only when saved: the placeholders are replaced in that string.
        pages = canv._doc.Pages.pages
        for number, pieces in self.deferred.items():  # insertion order: byte-reproducible
            page = pages[number - 1]
            for name, draw in pieces:
                line = f"\n{_placeholder(name)}\n"  # the whole line: text cannot contain it
                if page.stream.count(line) != 1:
                    raise RuntimeError(f"deferred drawing {name!r} is not on page {number} exactly once")
                page.stream = page.stream.replace(line, f"\n{_operators(canv, draw)}\n")


def _placeholder(name: str) -> str:
    """Return the line that marks the spot of deferred drawing ``name``."""
    return f"%report-convert:deferred:{name}"


def _operators(canv: Canvas, draw: Draw) -> str:
    """Return the content-stream operators ``draw`` makes, wrapped in q ... Q.

    Drawn on the canvas's current page, which is empty after the last showPage, and
    taken off it again, so that saving does not add a page.
    """
    if canv._code:
        raise RuntimeError("deferred drawings must be made after the last page is shown")
    canv.saveState()
    draw(canv)
    canv.restoreState()
    operators = "\n".join(canv._code)
    canv._code.clear()
    return operators


class Anchor(Flowable):
    """A destination links can go to, where it is drawn: nothing to see, no room taken."""

    _ZEROSIZE = True

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key

    def draw(self):
        self.canv.bookmarkHorizontal(self.key, 0, 0)


class Para(Tagged, Paragraph):
    """A Paragraph that remembers its line breaks while its width stays the same, and whose parts
    draw the content of the same structure element."""

    def split(self, availWidth, availHeight):
        return carry_tags(self, super().split(availWidth, availHeight))

    def draw(self):
        if (getattr(self.style, "hyphenationLang", None) and getattr(self, "frags", None)
                and isinstance(self.canv, TaggedCanvas)):
            mark_added_hyphens(self)
        if self.style.wordWrap == "CJK" and self.style.alignment == TA_JUSTIFY and isinstance(self.canv, TaggedCanvas):
            justify_cjk_lines(self)
        if getattr(self, "blPara", None) is not None:
            show_right_to_left(self)
            if self.style.alignment == TA_JUSTIFY and self.style.wordWrap != "CJK":
                set_loose_lines_ragged(self)
        try:
            super().draw()
        finally:
            if isinstance(self.canv, TaggedCanvas):
                self.canv.line_spacing = []


def show_right_to_left(para: Paragraph) -> None:
    """Put each line of ``para`` that holds right-to-left words in the order the page shows it
    (``pdf_bidi``): once, as it is drawn, after its line breaks and added hyphens are known."""
    blpara = para.blPara
    if getattr(blpara, "in_display_order", False):
        return
    blpara.in_display_order = True
    lines = []
    for line in blpara.lines:
        if isinstance(line, tuple):  # one fragment: (extra space, words)
            order = display_order(" ".join(line[1]))
            if order is not None:
                line = (line[0], "".join(char for _, char in order).split(" "))
        else:
            pieces = display_pieces([getattr(frag, "text", "") for frag in line.words])
            if pieces is not None:
                words = [line.words[number].clone(text=text) if text else line.words[number]
                         for number, text in pieces]
                line = line.clone(words=words)
        lines.append(line)
    # New lines: a long paragraph's pieces may share line objects with the paragraph they were cut from.
    blpara.lines = lines


#: The most a justified line's word spaces are stretched, in ems each: a line that would need
#: more (two or three long words in a narrow column) is set ragged instead. Besides the gaps a
#: reader's eye falls into, text extractors cut such a line at its wide spaces.
MAX_WORD_STRETCH = 1.0


def set_loose_lines_ragged(para: Paragraph) -> None:
    """Set ragged (unjustified) the inner lines of ``para`` whose word spaces justification
    would stretch by more than ``MAX_WORD_STRETCH`` ems each."""
    blpara = para.blPara
    size = para.style.fontSize
    lines = []
    for line in blpara.lines:
        if isinstance(line, tuple):  # one fragment: (extra space, words)
            extra, words = line
            if len(words) > 1 and extra / (len(words) - 1) > MAX_WORD_STRETCH * size:
                line = (0.0, words)
        elif not line.lineBreak and line.extraSpace > 0:
            spaces = line.wordCount - 1
            if spaces > 0 and line.extraSpace / spaces > MAX_WORD_STRETCH * line.fontSize:
                line = line.clone(lineBreak=True)
        lines.append(line)
    blpara.lines = lines


#: The canvas callback that sets the character spacing of the line it starts (its label, in points).
CHAR_SPACE = "report-convert-char-space"
#: The most spacing justification puts between two CJK characters, in ems: a line that would
#: need more (few characters before a forced break) is left as it is.
MAX_CJK_SPACING = 0.25


def set_char_space(canv: Canvas, kind: str, label: str) -> None:
    """Set the character spacing of the text object being drawn (the CHAR_SPACE callback)."""
    canv._curr_tx_info["tx"].setCharSpace(float(label))


def justify_cjk_lines(para: Paragraph) -> None:
    """Justify the inner lines of a CJK paragraph: ReportLab stretches only word spaces, which
    CJK text has none of, so the room a line leaves is shared between its characters instead
    (character spacing). Lines of fragments get it from callbacks at their ends (added once per
    paragraph); the lines of a paragraph of one fragment are plain strings, whose spacing the
    canvas is given to set as it draws them (``TaggedCanvas.line_spacing``)."""
    blpara = para.blPara
    size = para.style.fontSize
    # A part of a paragraph that goes on after it (split at a page end) justifies its last line too.
    justify_last = bool(getattr(para, "_JustifyLast", False))
    if blpara.kind == 0:
        spacing = []
        for index, (extra, words) in enumerate(blpara.lines):
            text = " ".join(words)
            wanted = extra / (len(text) - 1) if len(text) > 1 else 0.0
            inner = (index < len(blpara.lines) - 1 or justify_last) and " " not in text
            spacing.append(wanted if inner and 0 < wanted <= MAX_CJK_SPACING * size else 0.0)
        para.canv.line_spacing = spacing
        return
    if getattr(blpara, "cjk_justified", False):
        return
    blpara.cjk_justified = True
    for line in blpara.lines if justify_last else blpara.lines[:-1]:
        texts = [frag for frag in line.words if getattr(frag, "text", "") and not hasattr(frag, "cbDefn")]
        characters = sum(len(frag.text) for frag in texts)
        if line.lineBreak or line.extraSpace <= 0 or characters < 2 or any(" " in frag.text for frag in texts):
            continue
        spacing = line.extraSpace / (characters - 1)
        if spacing > MAX_CJK_SPACING * line.fontSize:
            continue
        first, last = line.words[0], line.words[-1]
        line.words = [callback_frag(first, CHAR_SPACE, f"{spacing:.4f}"), *line.words,
                      callback_frag(last, CHAR_SPACE, "0")]


def callback_frag(frag, name: str, label: str):
    """Return a fragment without text, like ``frag``, that calls canvas callback ``name``."""
    return frag.clone(text="", cbDefn=ABag(kind="onDraw", name=name, label=label))


#: What ReportLab drops between the words of a line, and the soft hyphens it takes out of words.
_NOT_DRAWN = re.compile(f"[\\s{RL_SPACES}\u00ad]+")


def mark_added_hyphens(para: Paragraph) -> None:
    """Mark the hyphens ReportLab added where it broke a word, in the lines of ``para``: each
    becomes ADDED_HYPHEN, which ``TaggedCanvas`` draws as a hyphen that is an artifact (no
    letter of the word). A hyphen of the text stays one.

    The lines are matched with the text character by character: a line that ends in a hyphen
    the text does not have there ends in an added one.
    """
    text = _NOT_DRAWN.sub("", "".join(getattr(frag, "text", "") for frag in para.frags))
    position = 0
    for line in para.blPara.lines:
        if isinstance(line, tuple):  # one fragment: (extra space, words)
            words, last = line[1], None
            drawn = _NOT_DRAWN.sub("", "".join(words))
        else:
            last = next((frag for frag in reversed(line.words) if getattr(frag, "text", "")), None)
            drawn = _NOT_DRAWN.sub("", "".join(getattr(frag, "text", "") for frag in line.words))
        end = position + len(drawn) - 1
        if drawn.endswith("-") and (end >= len(text) or text[end] != "-"):
            font = last.fontName if last is not None else para.style.fontName
            # The mark must measure as the hyphen does: the line is justified with its width.
            if pdfmetrics.stringWidth(ADDED_HYPHEN, font, 10) == pdfmetrics.stringWidth("-", font, 10):
                if last is None:
                    words[-1] = type(words[-1])(words[-1][:-1] + ADDED_HYPHEN)
                else:
                    last.text = last.text[:-1] + ADDED_HYPHEN
            position = end
        else:
            position = end + 1

    def wrap(self, availWidth, availHeight):
        # Line breaks depend on the width alone, and platypus wraps a paragraph several
        # times (keep-together groups, frames, splits): reuse them while the width and
        # the broken lines are unchanged. split() deletes blPara when it gives up, which
        # invalidates this.
        cached = self.__dict__.get("_wrapped_at")
        if cached is not None and cached[0] == availWidth and cached[1] is self.__dict__.get("blPara"):
            self.width, self.height = availWidth, cached[2]
            return availWidth, cached[2]
        width, height = super().wrap(availWidth, availHeight)
        self._wrapped_at = (availWidth, self.__dict__.get("blPara"), height)
        return width, height


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
    """One line of the contents: a linked label, dot leaders and the page number on the right.

    The heading comes later in the document, so the leaders and the number are deferred
    (``tocN`` for heading ``hN``) and drawn by ``PageBook.finish``.
    """

    def __init__(self, frags: list[ParaFrag], style: ParagraphStyle, key: str, indent: float,
                 book: PageBook, number_font: str, leader_color: str, link: Element) -> None:
        super().__init__()
        self.link = link  # the Link element of the entry: its label's words and its annotation
        self.style, self.key, self.indent = style, key, indent
        self.book, self.number_font = book, number_font
        self.leader_color = HexColor(leader_color)
        # A fixed number column: the widest number is reserved up front, so the label
        # wraps the same way whatever the numbers turn out to be.
        self.number_width = pdfmetrics.stringWidth("00000", number_font, style.fontSize)
        self.gap = style.fontSize * 0.8
        self.keepWithNext = bool(getattr(style, "keepWithNext", 0))
        # Set before the first wrap: frames ask for the spacing before they wrap.
        self.spaceBefore, self.spaceAfter = style.spaceBefore, style.spaceAfter
        # Made once: keep-with-next groups wrap an entry several times, and Para
        # keeps its line breaks while the width is unchanged.
        self._label = Para(None, style, frags=frags).tagged(link)

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        label_width = max(availWidth - self.indent - self.number_width - 2 * self.gap, 20)
        _, self.height = self._label.wrap(label_width, availHeight)
        return availWidth, self.height

    def draw(self):
        canv, label, size = self.canv, self._label, self.style.fontSize
        label.drawOn(canv, self.indent, 0)
        # The last line's baseline and end, where the leaders start.
        last = label.blPara.lines[-1]
        extra = last[0] if isinstance(last, tuple) else last.extraSpace
        line_end = self.indent + label.width - extra
        baseline = self.height - label.style.leading * (len(label.blPara.lines) - 1) - size
        # The deferred drawing's origin is the number's right end on the baseline.
        leaders_from = line_end + self.gap - self.width
        color = label.style.textColor
        tagged = isinstance(canv, TaggedCanvas)
        canv.saveState()
        canv.translate(self.width, baseline)
        # The leaders and the page number are an artifact: the entry's words are its label.
        if tagged:
            with canv.artifact():
                self.book.defer(canv, "toc" + self.key, lambda form: self._draw_number(form, leaders_from, color))
        else:
            self.book.defer(canv, "toc" + self.key, lambda form: self._draw_number(form, leaders_from, color))
        canv.restoreState()
        if tagged:
            with canv.annotations_of(self.link):
                canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)
        else:
            canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)

    def _draw_number(self, canv: Canvas, leaders_from: float, color) -> None:
        """Draw the leaders and the heading's page number, right-aligned on the origin."""
        size = self.style.fontSize
        page = self.book.pages.get(self.key)
        number = "" if page is None else str(page)
        # Leaders run up to the number actually drawn (the reserved column is wider).
        number_width = pdfmetrics.stringWidth(number, self.number_font, size) if number else self.number_width
        canv.saveState()
        canv.setStrokeColor(self.leader_color)
        canv.setLineWidth(0.9)
        canv.setLineCap(1)
        canv.setDash([0, size * 0.45])
        if -number_width - self.gap > leaders_from:
            canv.line(leaders_from, 1, -number_width - self.gap, 1)
        canv.restoreState()
        if number:
            canv.setFillColor(color)
            canv.setFont(self.number_font, size)
            canv.drawRightString(0, 0, number)
