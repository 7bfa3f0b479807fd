"""Ruled tables on a PDF page: the grid their rules draw, the text in each cell.

A table whose cells are drawn with rules (Word's "Table Grid", LibreOffice's and our own PDF's
tables) shows its structure in the page's paths, as pdfplumber's "lines" strategy reads it:

1. thin paths are rules: horizontal (at most ``RULE_WIDTH`` tall, at least ``MIN_RULE`` long)
   or vertical;
2. rules that touch one another form a grid; a grid of at least two horizontal and two
   vertical rules is a table, its columns between the vertical rules' places, its rows
   between the horizontal ones';
3. where a rule is missing between two grid cells, they are one cell spanning both
   (``colspan``, ``rowspan``);
4. each cell's text is what PDFium finds inside its box (``FPDFText_GetBoundedText``); the
   page's lines inside the table are taken out of the running text;
5. a first row set bold is the table's head.

A table without rules shows its columns by space alone: PDFium's text rectangles of a line
(``FPDFText_CountRects``) fall apart where a wide gap is. ``aligned_tables`` takes at least
``MIN_ALIGNED_ROWS`` lines in a row, one under the other, each cut by gaps wider than
``GAP_SIZES`` type sizes into pieces that all start at the same few places (``_ALIGN``
points apart at most): the places are its columns, each line a row (a line with nothing in
the first column continues the row above). Lines of two pieces the second of which is a
page number are a contents page, never a table. Over a page break: at a page's foot
``MIN_FOOT_ROWS`` rows are a table, and the lines at the next page's top whose pieces start at
its columns go on with it, however few (recovery then joins the two, less the head row the
table repeats).
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .. import nodes as n
from ..decode import clean_line
from ..recover.contents import page_label

#: A rule is at most this thick (points) ...
RULE_WIDTH = 4.0
#: ... and at least this long.
MIN_RULE = 10.0
#: Rules within this distance (points) touch, and places this close are one.
_NEAR = 2.0
#: The most rules looked at on a page (a drawing of thousands of strokes is no table).
_MAX_RULES = 2000
#: The most cells a table read from a page may have.
_MAX_CELLS = 10_000


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule on the page, from its top left: horizontal (``at`` is its y) or vertical (its x),
    running from ``start`` to ``end`` along its length."""

    horizontal: bool
    at: float
    start: float
    end: float


@dataclass(frozen=True, slots=True)
class PageTable:
    """A table found on a page: its box (points from the page's top left), the table, and (for
    one laid out by space alone) the page lines it was made of."""

    top: float
    bottom: float
    left: float
    right: float
    table: n.Table
    lines: tuple = ()
    #: Where its columns start (points from the page's left), for one laid out by space alone.
    columns: tuple[float, ...] = ()


def page_rules(path_bounds: list[tuple[float, float, float, float]], height: float) -> list[Rule]:
    """Return the rules among paths of bounds (left, bottom, right, top) in PDF coordinates."""
    rules = []
    for left, bottom, right, top in path_bounds[:_MAX_RULES]:
        width, tall = right - left, top - bottom
        if tall <= RULE_WIDTH and width >= MIN_RULE:
            rules.append(Rule(True, height - (top + bottom) / 2, left, right))
        elif width <= RULE_WIDTH and tall >= MIN_RULE:
            rules.append(Rule(False, (left + right) / 2, height - top, height - bottom))
    return rules


def _touch(a: Rule, b: Rule) -> bool:
    if a.horizontal == b.horizontal:
        return False
    h, v = (a, b) if a.horizontal else (b, a)
    return h.start - _NEAR <= v.at <= h.end + _NEAR and v.start - _NEAR <= h.at <= v.end + _NEAR


def _grids(rules: list[Rule]) -> list[list[Rule]]:
    """Return the groups of rules that touch one another (through others)."""
    groups: list[list[Rule]] = []
    for rule in rules:
        joined = [group for group in groups if any(_touch(rule, other) for other in group)]
        merged = [rule, *(other for group in joined for other in group)]
        groups = [group for group in groups if group not in joined] + [merged]
    return [group for group in groups if sum(r.horizontal for r in group) >= 2 and sum(not r.horizontal for r in group) >= 2]


def _places(values: list[float]) -> list[float]:
    """Return ``values`` sorted, those within ``_NEAR`` of one another made one."""
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > _NEAR:
            out.append(value)
    return out


def _covered(rules: list[Rule], horizontal: bool, at: float, middle: float) -> bool:
    """Whether a rule of the kind runs at ``at`` across the point ``middle`` along its length."""
    return any(r.horizontal == horizontal and abs(r.at - at) <= _NEAR and r.start - _NEAR <= middle <= r.end + _NEAR
               for r in rules)


def _cell_text(textpage: pdfium.PdfTextPage, height: float, box: tuple[float, float, float, float]) -> str:
    """Return the text PDFium finds inside ``box`` (left, top, right, bottom from the page's top)."""
    left, top, right, bottom = box
    args = (textpage.raw, left, height - top, right, height - bottom)
    size = pdfium_c.FPDFText_GetBoundedText(*args, None, 0)
    if size <= 0:
        return ""
    buffer = (ctypes.c_ushort * (size + 1))()
    pdfium_c.FPDFText_GetBoundedText(*args, buffer, size + 1)
    text = bytes(buffer)[:size * 2].decode("utf-16-le", errors="replace")
    return " ".join(clean_line(text.replace("\r", " ").replace("\n", " ").replace("\ufffe", "")).split())


def page_tables(textpage: pdfium.PdfTextPage, height: float, rules: list[Rule],
                bold_at: Callable[[tuple[float, float, float, float]], bool]) -> list[PageTable]:
    """Return the ruled tables of a page (``bold_at(box)``: whether the text in a box is bold)."""
    tables = []
    for group in _grids(rules):
        xs = _places([r.at for r in group if not r.horizontal])
        ys = _places([r.at for r in group if r.horizontal])
        if len(xs) < 2 or len(ys) < 2 or (len(xs) - 1) * (len(ys) - 1) > _MAX_CELLS:
            continue
        rows, columns = len(ys) - 1, len(xs) - 1
        owner = {(row, column): (row, column) for row in range(rows) for column in range(columns)}

        def find(cell: tuple[int, int]) -> tuple[int, int]:
            while owner[cell] != cell:
                cell = owner[cell]
            return cell

        for row in range(rows):
            middle_y = (ys[row] + ys[row + 1]) / 2
            for column in range(1, columns):  # no rule between two cells of a row: one cell
                if not _covered(group, False, xs[column], middle_y):
                    owner[find((row, column))] = find((row, column - 1))
        for row in range(1, rows):
            for column in range(columns):  # no rule between two cells of a column: one cell
                middle_x = (xs[column] + xs[column + 1]) / 2
                if not _covered(group, True, ys[row], middle_x):
                    upper, lower = find((row - 1, column)), find((row, column))
                    if upper != lower:
                        owner[lower] = upper
        extents: dict[tuple[int, int], list[int]] = {}
        for cell in owner:
            first = find(cell)
            span = extents.setdefault(first, [cell[0], cell[1], cell[0], cell[1]])
            span[2], span[3] = max(span[2], cell[0]), max(span[3], cell[1])
        table_rows: list[list[n.Cell]] = [[] for _ in range(rows)]
        for (row, column), (_, _, last_row, last_column) in sorted(extents.items()):
            box = (xs[column], ys[row], xs[last_column + 1], ys[last_row + 1])
            text = _cell_text(textpage, height, box)
            blocks = (n.Para((n.Text(text),)),) if text else ()
            table_rows[row].append(n.Cell(blocks, last_column - column + 1, last_row - row + 1))
        if not any(cell.blocks for row in table_rows for cell in row):
            continue
        head = 1 if rows > 1 and bold_at((xs[0], ys[0], xs[-1], ys[1])) else 0
        table = n.Table(tuple(n.Row(tuple(row)) for row in table_rows[:head]),
                        tuple(n.Row(tuple(row)) for row in table_rows[head:] if row))
        tables.append(PageTable(ys[0], ys[-1], xs[0], xs[-1], table))
    return sorted(tables, key=lambda found: found.top)


#: A gap between a line's pieces at least this many type sizes wide separates table columns.
GAP_SIZES = 1.5
#: A table laid out with space alone has at least this many rows.
MIN_ALIGNED_ROWS = 3
#: ... or this many at a page's foot, where the next page may go on with it (only lines of at
#: most ``_FOOT_WORDS`` words, a page number or the like, after it).
MIN_FOOT_ROWS = 2
_FOOT_WORDS = 3
#: A line whose width is at least this many type sizes a character may hold wide gaps.
_WIDE_CHARACTER = 0.7
#: Pieces starting this close (points) start the same column.
_ALIGN = 4.0


def _pieces(textpage: pdfium.PdfTextPage, line) -> list[tuple[float, float]]:
    """Return the (left, right) of the pieces of ``line`` that wide gaps keep apart."""
    first, last = line.chars
    if last < first:
        return []
    count = pdfium_c.FPDFText_CountRects(textpage.raw, first, last - first + 1)
    left, top, right, bottom = (ctypes.c_double() for _ in range(4))
    pieces: list[list[float]] = []
    for index in range(max(count, 0)):
        pdfium_c.FPDFText_GetRect(textpage.raw, index, left, top, right, bottom)
        if pieces and left.value - pieces[-1][1] < GAP_SIZES * (line.size or 10):
            pieces[-1][1] = max(pieces[-1][1], right.value)
        else:
            pieces.append([left.value, right.value])
    return [(a, b) for a, b in pieces]


#: A table going on from the page before is looked for past at most this many lines at the
#: page's top that are no rows (a running header, a page number).
_MAX_LINES_BEFORE_ROWS = 2


def aligned_tables(textpage: pdfium.PdfTextPage, height: float, lines: list,
                   carried: tuple[float, ...] = ()) -> list[PageTable]:
    """Return the tables of a page's ``lines`` laid out in columns by space alone. ``carried``
    holds where the columns of the page before's last such table start: the lines at the page's
    top whose pieces start there are that table going on, however few (its last row alone, or
    the head row it repeats)."""
    found: list[PageTable] = []
    run: list[tuple[object, list[tuple[float, float]]]] = []

    def close(after: int) -> None:
        # At the page's foot (only a page number or the like after it), a table the next page
        # goes on with may show fewer rows.
        foot = bool(run) and all(len(line.text.split()) <= _FOOT_WORDS for line in lines[after:])
        table = _spaced_table(textpage, height, run, fewer=foot)
        if table is not None:
            found.append(table)
        run.clear()

    def pieces_of(line) -> list[tuple[float, float]]:
        # A line cut by wide gaps is wide for its characters (set text averages half its size a
        # character); only such a line is asked for its pieces.
        wide = line.right - line.left > _WIDE_CHARACTER * (line.size or 10) * len(line.text)
        pieces = _pieces(textpage, line) if len(line.text) > 3 and wide else []
        if len(pieces) < 2 or len(pieces) == 2 and page_label(_cell_text(
                textpage, height, (pieces[1][0], line.top, pieces[1][1], line.bottom))):
            return []
        return pieces

    if carried:
        going_on: list[tuple[object, list[tuple[float, float]]]] = []
        for index, line in enumerate(lines):
            pieces = pieces_of(line)
            if pieces and all(any(abs(left - column) <= _ALIGN for column in carried) for left, _ in pieces):
                going_on.append((line, pieces))
            elif going_on or index >= _MAX_LINES_BEFORE_ROWS:
                break
        if going_on:
            table = _spaced_table(textpage, height, going_on, carried)
            if table is not None:
                found.append(table)
                taken = {id(line) for line, _ in going_on}
                lines = [line for line in lines if id(line) not in taken]
    for index, line in enumerate(lines):
        pieces = pieces_of(line)
        if not pieces:
            close(index)
            continue
        if run and not (0 <= line.top - run[-1][0].bottom <= 2.5 * (line.size or 10)):
            close(index)
        run.append((line, pieces))
    close(len(lines))
    return found


def _spaced_table(textpage: pdfium.PdfTextPage, height: float, run: list,
                  carried: tuple[float, ...] = (), fewer: bool = False) -> PageTable | None:
    """Return the table the lines of ``run`` (each with its pieces) make, or None; ``carried``: the
    columns of a table going on from the page before, which any number of rows may continue;
    ``fewer``: the run ends its page, where ``MIN_FOOT_ROWS`` rows make a table."""
    if len(run) < (1 if carried else MIN_FOOT_ROWS if fewer else MIN_ALIGNED_ROWS):
        return None
    columns: list[float] = list(carried)
    for _, pieces in run:
        for left, _ in pieces:
            if not any(abs(left - column) <= _ALIGN for column in columns):
                columns.append(left)
    columns.sort()
    if len(columns) < 2 or not carried and len(columns) > max(len(pieces) for _, pieces in run) + 1:
        return None  # pieces starting all over the place: no columns
    rows: list[list[list[str]]] = []
    for line, pieces in run:
        cells: list[list[str]] = [[] for _ in columns]
        for left, right in pieces:
            index = min(range(len(columns)), key=lambda k: abs(columns[k] - left))
            text = _cell_text(textpage, height, (left - 0.5, line.top - 0.5, right + 0.5, line.bottom + 0.5))
            if text:
                cells[index].append(text)
        if rows and not cells[0]:  # nothing in the first column: the row above goes on
            for index, texts in enumerate(cells):
                rows[-1][index].extend(texts)
        else:
            rows.append(cells)
    if len(rows) < (1 if carried else 2):
        return None
    first = run[0][0]
    head = 1 if all(line.bold for line, _ in run[:1]) and not all(line.bold for line, _ in run) else 0

    def row(cells: list[list[str]]) -> n.Row:
        return n.Row(tuple(n.Cell((n.Para((n.Text(" ".join(texts)),)),) if texts else ()) for texts in cells))

    table = n.Table(tuple(row(cells) for cells in rows[:head]), tuple(row(cells) for cells in rows[head:]))
    return PageTable(first.top, run[-1][0].bottom, min(line.left for line, _ in run),
                     max(line.right for line, _ in run), table, tuple(line for line, _ in run), tuple(columns))
