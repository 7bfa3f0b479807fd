"""Long paragraphs for the PDF writer: handed to ReportLab as bounded pieces of whole lines.

ReportLab breaks a paragraph into lines from scratch at every wrap, and after a page
break it wraps what is left of it again; its line breaker also takes each word off the
front of a list. A paragraph of n words over p pages cost n * p word measurements and
n * n / 2 list moves: one paragraph of 1 MB took three minutes.

A ``LongPara`` hands ReportLab pieces of about PIECE_CHARS characters, each cut where a
line of the paragraph ends. Lines are broken greedily: where a line ends depends on where
it starts and on the words after it, so a piece that starts at a line start breaks into
the lines the whole paragraph has there. A piece is made by breaking the next
PIECE_CHARS characters into lines and keeping all but the last (which the end of those
characters may have cut short), once the kept lines are checked to hold exactly the text
up to the cut (spaces and hyphens aside: ReportLab may break a word at a soft hyphen);
a page break inside a piece cuts its lines in two the same way. A chunk whose lines do
not match its text is broken again up to a cut, which must give the same lines, or kept
whole with the rest of the paragraph. Only the first piece is indented and carries the
list marker; every piece but the last justifies its last line, as a line inside a
paragraph; page breaks follow ReportLab's orphan and widow rules over the lines of the
whole paragraph. So the pages show the lines and page breaks one Paragraph would give,
every line is broken once (the last of each piece twice), and a page break costs the
copying of one piece's lines.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate

from reportlab import rl_config
from reportlab.lib.styles import ParagraphStyle

from .pdf_flowables import Para
from .pdf_reportlab import Flowable, ParaFrag
from .pdf_tags import Tagged, carry_tags
from .pdf_text import RL_SPACES

#: Characters of text per piece handed to ReportLab: about 25 lines of body text. Its line
#: breaker costs the square of a piece's words, and the last line of each piece is broken
#: twice; 1,000 to 4,000 measure alike. (A 1 MB paragraph: 0.82 times the word measurements
#: of the same text in ordinary paragraphs, whose page breaks re-break a paragraph's rest.)
PIECE_CHARS = 2_000
#: Paragraphs longer than this (about four pages) are laid out in pieces; shorter ones
#: are handed to ReportLab whole, so the PDF of an ordinary report does not change.
LONG_PARAGRAPH_CHARS = 16_000
#: How far past PIECE_CHARS a piece may run to end at a space, in characters; text without
#: spaces (CJK, a long URL) is cut anywhere, since the cut line is not kept.
WORD_REACH = 200
#: Lines given up at most when a cut does not reproduce the lines before it.
CUT_TRIES = 4

# Where ReportLab breaks lines, and what it drops there: its whitespace and Python's.
_SPACE = re.compile(f"[\\s{RL_SPACES}]")
_SPACES = re.compile(f"[\\s{RL_SPACES}]+")
# Lines and text are matched by the characters they hold, spaces aside, and hyphens too:
# ReportLab drops soft hyphens and draws a hyphen where it breaks a word at one.
_HYPHENS = "\u00ad-"
_UNCOUNTED = re.compile(f"[\\s{RL_SPACES}{_HYPHENS}]+")
_COUNTED = re.compile(f"[^\\s{RL_SPACES}{_HYPHENS}]+")
_TRAILING_HYPHENS = re.compile(f"[{_HYPHENS}]+")


def _is_space(char: str) -> bool:
    """Return whether ``_SPACE`` matches ``char`` (faster, for one character)."""
    return char.isspace() or char in RL_SPACES


def _uncounted(char: str) -> bool:
    """Return whether ``_UNCOUNTED`` matches ``char`` (faster, for one character)."""
    return _is_space(char) or char in _HYPHENS


# Height offered when only the line breaks are wanted.
_ANY_HEIGHT = float(0x7FFFFFFF)


def paragraph(frags: list[ParaFrag], style: ParagraphStyle, bulletText: str | None = None) -> Flowable:
    """Return the flowable of a paragraph of ``frags``: a Para, or a LongPara when its text is long."""
    if sum(len(frag.text) for frag in frags) > LONG_PARAGRAPH_CHARS:
        return LongPara(_Text(frags, style, bulletText))
    return Para(None, style, bulletText=bulletText, frags=frags)


class ContinuedPara(Para):
    """A piece the paragraph goes on after: its last line is justified like any inner line."""

    # The attribute ReportLab sets on the first part of a paragraph it splits itself.
    _JustifyLast = True


@dataclass(frozen=True, slots=True)
class Piece:
    """A Para of the paragraph's text [start, end), broken into ``lines`` lines at one width."""

    para: Para
    start: int
    end: int
    first: bool  # the paragraph's first piece: indented, with the list marker
    last: bool  # the paragraph's last piece: its last line is not justified
    lines: int


class _Text:
    """A long paragraph's text and style: what its pieces are cut from, at any width."""

    def __init__(self, frags: list[ParaFrag], style: ParagraphStyle, bullet: str | None) -> None:
        self.frags = frags
        self.text = "".join(frag.text for frag in frags)
        self.starts = [0, *accumulate(len(frag.text) for frag in frags)]  # where each fragment starts
        # Where each note reference mark is, and its number.
        self.marks = [(start, frag.note) for frag, start in zip(frags, self.starts) if getattr(frag, "note", 0)]
        self.style, self.bullet = style, bullet
        # A piece after the first continues a line-broken paragraph: no first-line indent,
        # as in the second part of a paragraph ReportLab splits.
        self.continued_style = ParagraphStyle(f"{style.name}-continued", parent=style, firstLineIndent=0)

    def frags_between(self, start: int, end: int) -> list[ParaFrag]:
        """Return new fragments of the text [start, end) (ReportLab may change those it is given),
        and the callbacks (a note's destination, an image) that stand there without text."""
        out = []
        index = bisect_left(self.starts, start)
        if index == len(self.starts) or self.starts[index] > start:
            index -= 1  # the fragment that holds ``start``
        last = end == len(self.text)  # callbacks at the very end belong to the last piece
        while index < len(self.frags) and (self.starts[index] < end or last and self.starts[index] == end):
            offset, frag = self.starts[index], self.frags[index]
            text = frag.text[max(start - offset, 0):end - offset]
            if text or hasattr(frag, "cbDefn") and offset >= start:
                out.append(frag.clone(text=text))
            index += 1
        return out

    def para(self, start: int, end: int, first: bool, last: bool, width: float) -> Piece:
        """Return the text [start, end) as a piece broken into lines at ``width``."""
        kind = Para if last else ContinuedPara
        frags = self.frags_between(start, end)
        if first:
            para = kind(None, self.style, bulletText=self.bullet, frags=frags)
        else:
            para = kind(None, self.continued_style, frags=frags)
        para.wrap(width, _ANY_HEIGHT)
        return Piece(para, start, end, first, last, len(para.blPara.lines))

    def lines_of(self, piece: Piece, lines: slice, start: int, end: int, first: bool, last: bool) -> Piece:
        """Return ``piece``'s ``lines``, the text [start, end), as a piece of their own, drawn as they
        were broken (ReportLab is not asked to break them again)."""
        kind = Para if last else ContinuedPara
        frags = self.frags_between(start, end)
        if first:
            para = kind(None, self.style, bulletText=self.bullet, frags=frags)
        else:
            para = kind(None, self.continued_style, frags=frags)
        broken = piece.para.blPara
        para.blPara = broken.clone(lines=broken.lines[lines])
        para.width, para.height = piece.para.width, len(para.blPara.lines) * self.style.leading
        return Piece(para, start, end, first, last, len(para.blPara.lines))

    def pieces(self, start: int, end: int, first: bool, last: bool, width: float) -> list[Piece]:
        """Return the text [start, end) as pieces of whole lines at ``width``, none much over PIECE_CHARS."""
        out: list[Piece] = []
        while True:
            stop = self.chunk_end(start, end)
            chunk = self.para(start, stop, first, last and stop == end, width)
            if stop == end:
                out.append(chunk)
                return out
            # The last line may be cut short where the chunk ends: keep the lines before it.
            keep = chunk.lines - 1
            found = self.split_at(chunk, keep)
            if found is not None:
                head_end, start = found
                out.append(self.lines_of(chunk, slice(0, keep), chunk.start, head_end, first, False))
            else:  # ReportLab added or dropped characters there (a soft hyphen): break again
                cut = self.cut(chunk, keep, width)
                if cut is None:  # no cut gives the same lines: the rest in one piece
                    out.append(self.para(start, end, first, last, width))
                    return out
                head, start = cut
                out.append(head)
            first = False

    def split(self, piece: Piece, keep: int) -> tuple[Piece, Piece]:
        """Return ``piece`` as two: its first ``keep`` lines and the others, drawn as they were broken."""
        found = self.split_at(piece, keep)
        if found is None:
            # Text ReportLab changed beyond hyphens: the parts still draw ReportLab's own
            # lines; only where the second part starts in the text is a guess, which matters
            # only if it is laid out again at another width.
            found = self.cut_after(piece, line_texts(piece.para), keep)
        head_end, rest = found
        return (self.lines_of(piece, slice(0, keep), piece.start, head_end, piece.first, False),
                self.lines_of(piece, slice(keep, None), rest, piece.end, False, piece.last))

    def chunk_end(self, start: int, end: int) -> int:
        """Return where the characters of the next piece end: PIECE_CHARS on, at a space if one is near."""
        if end - start <= PIECE_CHARS + WORD_REACH:
            return end
        space = _SPACE.search(self.text, start + PIECE_CHARS, start + PIECE_CHARS + WORD_REACH)
        return space.start() if space else start + PIECE_CHARS

    def split_at(self, piece: Piece, keep: int) -> tuple[int, int] | None:
        """Return where the text of ``piece``'s first ``keep`` lines ends and where the next line starts;
        None unless those lines, and the others, hold exactly the text on their side of the cut."""
        texts = line_texts(piece.para)
        end, rest = self.cut_after(piece, texts, keep)
        if (_UNCOUNTED.sub("", self.text[piece.start:end]) != "".join(texts[:keep])
                or _UNCOUNTED.sub("", self.text[rest:piece.end]) != "".join(texts[keep:])):
            return None
        return end, rest

    def cut(self, piece: Piece, lines: int, width: float) -> tuple[Piece, int] | None:
        """Return ``piece``'s first ``lines`` lines (or a few fewer) broken again as a new piece, and
        where the rest starts.

        The new piece is checked: broken into lines on its own, it must give the same lines.
        Return None when no such cut is found.
        """
        texts = line_texts(piece.para)
        for keep in range(lines, max(lines - CUT_TRIES, 0), -1):
            end, rest = self.cut_after(piece, texts, keep)
            head = self.para(piece.start, end, piece.first, False, width)
            if line_texts(head.para) == texts[:keep]:
                return head, rest
        return None

    def cut_after(self, piece: Piece, texts: list[str], keep: int) -> tuple[int, int]:
        """Return where the text of ``piece``'s first ``keep`` lines ends, and where the next line starts.

        ``texts`` are the piece's lines without spaces and hyphens: the first ``keep`` lines end
        after as many other characters as they hold, and the hyphens that follow. They are
        counted from the nearer end of the piece (a whole piece less its last line: from the end).
        """
        kept, dropped = sum(map(len, texts[:keep])), sum(map(len, texts[keep:]))
        if kept <= dropped:
            between = self.after_counted(piece.start, piece.end, kept)
        else:
            between = self.before_counted(piece.start, piece.end, dropped)
        hyphens = _TRAILING_HYPHENS.match(self.text, between, piece.end)
        if hyphens:  # a word broken at a (soft) hyphen keeps it on its line
            between = hyphens.end()
        end = between
        while end > piece.start and _is_space(self.text[end - 1]):
            end -= 1
        spaces = _SPACES.match(self.text, between, piece.end)
        return end, spaces.end() if spaces else between

    def after_counted(self, start: int, end: int, count: int) -> int:
        """Return the offset just after the ``count``-th counted character from ``start`` on."""
        for word in _COUNTED.finditer(self.text, start, end):
            size = word.end() - word.start()
            if count <= size:
                return word.start() + count  # inside a word where ReportLab split a long one
            count -= size
        return end

    def before_counted(self, start: int, end: int, count: int) -> int:
        """Return the offset of the ``count``-th counted character back from ``end``."""
        text, pos = self.text, end
        while count and pos > start:
            pos -= 1
            if not _uncounted(text[pos]):
                count -= 1
        return pos


def line_texts(para: Para) -> list[str]:
    """Return the text of each line of a wrapped ``para``, without spaces and hyphens."""
    lines = para.blPara.lines
    if para.blPara.kind == 0:  # one fragment: (extra space, words) per line
        texts = ("".join(words) for _, words in lines)
    else:  # FragLines of fragments
        texts = ("".join(getattr(frag, "text", "") for frag in line.words) for line in lines)
    return [_UNCOUNTED.sub("", text) for text in texts]


class LongPara(Tagged, Flowable):
    """A long paragraph, or what is left of one after a page break, laid out as pieces of whole lines.

    Behaves as ReportLab's Paragraph does: the same height, spacing and split rules.
    """

    def __init__(self, source: _Text, start: int = 0, end: int | None = None, *, first: bool = True,
                 last: bool = True, pieces: dict[float, list[Piece]] | None = None) -> None:
        super().__init__()
        self.source, self.style = source, source.style
        self.start, self.end = start, len(source.text) if end is None else end
        self.first, self.last = first, last
        self._pieces: dict[float, list[Piece]] = pieces or {}  # width -> pieces
        self.lines = 0

    def getPlainText(self) -> str:  # noqa: N802 - as Paragraph names it (ReportLab's error messages)
        """Return the text of this paragraph (or part of one)."""
        return self.source.text[self.start:self.end]

    def note_marks(self) -> tuple[int, ...]:
        """Return the numbers of the note reference marks in this paragraph (or part of one)."""
        return tuple(number for start, number in self.source.marks if self.start <= start < self.end)

    def pieces(self, width: float) -> list[Piece]:
        """Return the pieces at ``width``, made once per width."""
        found = self._pieces.get(width)
        if found is None:
            found = self._pieces[width] = self.source.pieces(self.start, self.end, self.first, self.last, width)
        return found

    def wrap(self, availWidth, availHeight):
        if availWidth < rl_config._FUZZ:  # as Paragraph: cannot fit here
            return 0, 0x7FFFFFFF
        self.width = availWidth
        self.lines = sum(piece.lines for piece in self.pieces(availWidth))
        self.height = self.lines * self.style.leading
        return self.width, self.height

    def split(self, availWidth, availHeight):
        # Paragraph.split's rules, applied to the lines of all the pieces.
        if availWidth < rl_config._FUZZ or availHeight < rl_config._FUZZ:
            return []
        # Once wrapped, split at the width of the wrap, whatever width is passed (tables pass
        # the cell's width with its padding, having wrapped at the width inside it).
        if not self.lines:
            self.wrap(availWidth, availHeight)
        style = self.style
        fit = int(availHeight / style.leading)
        if (not style.allowOrphans and fit <= 1) or fit == 0:
            return []
        if self.lines <= fit:
            return [self]
        if not style.allowWidows and self.lines == fit + 1:
            if (style.allowOrphans and self.lines == 3) or self.lines > 3:
                fit -= 1  # give the widow some company
            else:
                return []
        return self._split_after(fit, self.width)

    def _split_after(self, lines: int, width: float) -> list[LongPara]:
        """Return this paragraph as two: its first ``lines`` lines, and the rest."""
        pieces = self.pieces(width)
        index, used = 0, 0
        while used + pieces[index].lines <= lines:
            used += pieces[index].lines
            index += 1
        head, tail = pieces[:index], pieces[index:]
        if used < lines:
            cut, rest = self.source.split(tail[0], lines - used)
            head, tail = head + [cut], [rest] + tail[1:]
        head_end, tail_start = head[-1].end, tail[0].start
        return carry_tags(self, [
            LongPara(self.source, self.start, head_end, first=self.first, last=False, pieces={width: head}),
            LongPara(self.source, tail_start, self.end, first=False, last=self.last, pieces={width: tail})])

    def shows_label(self) -> bool:
        return self.first and bool(self.source.bullet)

    def draw(self):
        leading = self.style.leading
        top = self.height
        for piece in self.pieces(self.width):
            top -= piece.lines * leading
            piece.para.drawOn(self.canv, 0, top)
