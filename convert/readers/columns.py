"""Two columns sharing each line, as a layout-preserving dump (``pdftotext -layout``) prints them.

On such a page most lines have a wide run of spaces at the same place, the gutter, with text
on both sides; the lines of a column region are read left column first, then right column.
Lines that cross the gutter (a heading over both columns, a centred title) end a region and
stay where they are. A row one column leaves empty between paragraphs, while the other runs on
through it, stays in that column as a blank line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..lines import Line


@dataclass(frozen=True, slots=True)
class ColumnParams:
    """The thresholds of column detection."""

    #: A gutter is a run of at least this many spaces with text on both sides.
    min_gutter: int = 3
    #: At least this share of a page's lines have their gutter at the same place ...
    min_share: float = 0.3
    #: ... and at least this many lines.
    min_lines: int = 4
    #: A page wider than this many characters is no layout-preserving dump's (paragraphs stand on
    #: single lines), and is not searched for columns.
    max_width: int = 400
    #: At most this share of a page's lines cross the gutter (headings over both columns, headers).
    max_crossing: float = 0.1
    #: The gutter lies in this middle part of the page's widest line (as shares of its width).
    middle: tuple[float, float] = (0.25, 0.75)

    def __post_init__(self) -> None:
        low, high = self.middle
        if self.min_gutter < 2 or not 0 < self.min_share <= 1 or self.min_lines < 2 or not 0 < low < high < 1 \
                or not 0 <= self.max_crossing < 1:
            raise ValueError(f"invalid column parameters: {self!r}")


def _gaps(text: str, min_gutter: int) -> list[tuple[int, int]]:
    """Return the (start, end) columns of the wide runs of spaces inside ``text`` (not its indent)."""
    stripped = len(text) - len(text.lstrip())
    return [(match.start(), match.end()) for match in re.finditer(rf" {{{min_gutter},}}", text)
            if match.start() > stripped and match.end() < len(text)]


def find_gutter(lines: list[Line], params: ColumnParams = ColumnParams()) -> int | None:
    """Return the column of the gutter of one page's ``lines``, or None when the page has one column.

    A column is a candidate where lines either have a wide gap with text on both sides, or
    start to the right of it (a line of the right column alone); few lines may cross it (a
    heading over both columns, a running header). The best-supported candidate wins.
    """
    texts = [line.text for line in lines if line.text]
    if not texts:
        return None
    width = max(len(text) for text in texts)
    if width > params.max_width:
        return None  # a paragraph on one line: no layout-preserving dump
    low, high = int(params.middle[0] * width), int(params.middle[1] * width)
    gapped = sum(1 for text in texts if " " * params.min_gutter in text.strip())
    set_in = sum(1 for text in texts if len(text) - len(text.lstrip()) > low)
    if gapped < params.min_lines and set_in < params.min_lines:
        return None  # most pages: no wide gaps inside lines, and no lines start past the middle
    gaps = [0] * (width + 1)  # lines with a wide gap with text on both sides, over the column
    right = [0] * (width + 1)  # lines whose text starts right of the column
    crossing = [0] * (width + 1)  # lines with text at the column
    left = [0] * (width + 1)  # lines whose text ends before the column
    for text in texts:
        for start, end in _gaps(text, params.min_gutter):
            for column in range(max(start, low), min(end, high + 1)):
                gaps[column] += 1
        indent = len(text) - len(text.lstrip())
        for column in range(low, min(indent, high + 1)):
            right[column] += 1
        for column in range(max(indent, low), min(len(text), high + 1)):
            if text[column] != " ":
                crossing[column] += 1
        for column in range(max(len(text), low), high + 1):
            left[column] += 1
    needed = max(params.min_lines, params.min_share * len(texts))
    # Two columns share lines (a wide gap in the middle), or their rows alternate (lines of the
    # left column end before it, lines of the right column start after it).
    candidates = [column for column in range(low, high + 1)
                  if (gaps[column] >= params.min_lines
                      or right[column] >= params.min_lines and left[column] >= params.min_lines)
                  and gaps[column] + right[column] >= needed
                  and crossing[column] <= params.max_crossing * len(texts)]
    if not candidates:
        return None

    def rank(column: int) -> tuple[int, int]:  # the lines for a gutter there, less those crossing it
        return gaps[column] + right[column] - crossing[column], -crossing[column]

    best = max(candidates, key=rank)
    if not _is_text_column([text[best:] for text in texts if len(text) > best and text[best:].strip()]):
        return None  # page numbers of a contents page, figures of a table: no column of text
    # The middle of the run of equally good columns: the gutter's centre.
    end = best
    while end + 1 in candidates and rank(end + 1) == rank(best):
        end += 1
    return (best + end) // 2


_WORD = re.compile(r"[^\W\d_]{2,}")
#: A sentence's end: its stop, then closing quotes or brackets.
_SENTENCE_END = re.compile("[.!?][\"'”’)\\]]*$")
#: A column's line that ends a paragraph before an empty row is shorter than this share of the
#: column's widest line (a full line before an empty row is a row skipped beside other type).
SHORT_OF_COLUMN = 0.9


def _is_text_column(parts: list[str]) -> bool:
    """Return True if most of ``parts`` (what lies right of a gutter) hold words, not only numbers."""
    return sum(1 for part in parts if len(_WORD.findall(part)) >= 2) * 2 >= len(parts)


def _side(text: str, gutter: int) -> str:
    """Return 'left', 'right', 'both' (split at the gutter) or 'across' for a line and a gutter."""
    if len(text) <= gutter or not text[:gutter].strip():
        return "left" if len(text) <= gutter else "right"
    if text[gutter] == " " and text[gutter - 1] == " " or text[gutter:gutter + 2] == "  ":
        return "both"
    return "across"


def split_columns(lines: list[Line], params: ColumnParams = ColumnParams()) -> list[Line]:
    """Return ``lines`` with each page's two-column regions read column by column.

    A page whose own lines are too few to show its gutter (the right column's last rows at the
    top of a page the left column fills) takes one the document's other pages show, where its
    lines fit it (``_fits_gutter``).
    """
    pages: dict[int, list[Line]] = {}
    for line in lines:
        pages.setdefault(line.page, []).append(line)
    gutters = {page: find_gutter(page_lines, params) for page, page_lines in pages.items()}
    shown = [gutter for gutter, _ in Counter(g for g in gutters.values() if g is not None).most_common()]
    out: list[Line] = []
    for page, page_lines in pages.items():
        gutter = gutters[page]
        if gutter is None:
            gutter = next((shown_gutter for shown_gutter in shown if _fits_gutter(page_lines, shown_gutter)), None)
        out.extend(page_lines if gutter is None else _read_columns(page_lines, gutter))
    return out


#: A page takes a gutter other pages show where at least this many of its lines have text on
#: both sides of it ...
MIN_ROWS_BESIDE = 2


def _fits_gutter(lines: list[Line], gutter: int) -> bool:
    """Return True if a page's ``lines`` fit a gutter at ``gutter``: ``MIN_ROWS_BESIDE`` of them
    have text on both sides of it, none crosses it but the page's first and last (a running
    header, a page number), and what lies right of it is words."""
    texts = [line.text for line in lines if line.text]
    sides = [_side(text, gutter) for text in texts]
    if "across" in sides[1:-1] or sides.count("both") < MIN_ROWS_BESIDE:
        return False
    return _is_text_column([text[gutter:] for text in texts if len(text) > gutter and text[gutter:].strip()])


def _read_columns(lines: list[Line], gutter: int) -> list[Line]:
    """Return one page's ``lines`` read column by column; the page's first and last lines stay
    where they are when a blank line sets them apart from the columns (a running header, a
    page number), whichever side of the gutter they stand."""
    texts = [index for index, line in enumerate(lines) if line.text]
    both = [index for index in texts if _side(lines[index].text, gutter) == "both"]
    if not both:
        return _columns(lines, gutter)
    first, last = texts[0], texts[-1]
    start = first + 1 if first < both[0] and not lines[first + 1].text else 0
    end = last if last > both[-1] and not lines[last - 1].text else len(lines)
    return [*lines[:start], *_columns(lines[start:end], gutter), *lines[end:]]


def _columns(lines: list[Line], gutter: int) -> list[Line]:
    out: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []

    def flush() -> None:
        out.extend(left)
        texts = [line for line in right if line.text]
        if texts:
            # The right column's own margin is its zero, as the page's is for the left column.
            margin = min(line.indent for line in texts)
            out.append(texts[0].break_between_pages)  # a column break, run over as a page break is
            out.extend(Line(line.number, line.text[margin:], line.page, line.indent - margin) if line.text else line
                       for line in right)
        left.clear()
        right.clear()

    sides = [_side(line.text, gutter) if line.text else "" for line in lines]

    def column_text(line: Line, column: str) -> str:
        return (line.text[:gutter] if column == "left" else line.text[gutter:]).strip()

    widest = {column: max((len(column_text(line, column)) for line, side in zip(lines, sides)
                           if side in ("both", column)), default=0) for column in ("left", "right")}

    def gap(at: int, column: str) -> bool:
        # One empty row in ``column`` between two rows of its text above and two below, the line
        # before ending a sentence short of the column's width, while the other column runs on
        # through it: the space between two paragraphs. (Type of another size, a heading's, skips
        # rows too: every other row where it stands beside the body's, and not after a
        # sentence's end.) Where the space is not a whole row, the column's rows, which stood
        # beside the other's, fall between them from there on: its next row stands alone, the
        # other's next beside it.
        # Where the columns' rows fell between each other, the space puts the column's next row
        # beside the other's: its last row stood alone between two of the other's, and the two
        # columns' rows stand side by side from there on.
        if not 1 < at < len(lines) - 2:
            return False
        other = "right" if column == "left" else "left"
        beside = {*sides[at - 2:at]} <= {"both", column} and sides[at - 1] == "both" \
            and (sides[at + 1] == "both" and sides[at + 2] in ("both", column)
                 or sides[at - 2] == "both" and sides[at + 1] == column and sides[at + 2] == other)
        between = sides[at - 2] == other and sides[at - 1] == column and sides[at + 1] == sides[at + 2] == "both"
        if not (beside or between):
            return False
        before = column_text(lines[at - 1], column)
        if _SENTENCE_END.search(before) is None:
            return False
        # The rows falling in line tell of a space, whatever the line before's length: in this
        # column, where the other runs on through it.
        return len(before) < SHORT_OF_COLUMN * widest[column] \
            or between and _SENTENCE_END.search(column_text(lines[at], other)) is None

    for at, line in enumerate(lines):
        if not line.text:
            left.append(line)
            right.append(line)
            continue
        side = sides[at]
        if side == "right" and gap(at, "left"):
            left.append(Line(line.number, "", line.page))
        if side == "left" and gap(at, "right"):
            right.append(Line(line.number, "", line.page))
        if side == "across":
            flush()
            out.append(line)
            continue
        if side in ("left", "both"):
            part = line.text[:gutter].rstrip()
            left.append(Line(line.number, part, line.page, len(part) - len(part.lstrip())))
        if side in ("right", "both"):
            part = line.text[gutter:].rstrip()
            indent = len(part) - len(part.lstrip())
            right.append(Line(line.number, part, line.page, indent))
    flush()
    return out
