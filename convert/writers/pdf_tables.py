"""Tables, block quotes and figures for the PDF writer: the flowables that hold other flowables.

A table's cells are placed on a grid as HTML places them (a cell goes to the first free
column; row spans stay inside the head or the body); spans become SPAN commands. Columns
share the width as HTML's automatic layout shares it: each gets its content's width on
one line when all fit, else at least its longest word (with the note marks glued to it)
and a share of the rest, so that
the table fills the frame, or the cell, whatever it is. The head
rows repeat where the table breaks across pages, and a row taller than a page is split.
A block quote is a table too, of one row, so that it is indented wherever it stands (even
in a table cell, where an Indenter does nothing). A figure's image is scaled to the width
it is given and at most ``FIGURE_MAX_SHARE`` of the frame's height, keeping its shape.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.utils import ImageReader

from .. import nodes
from .pdf_reportlab import Flowable, LongTable, Table, TableStyle
from .pdf_rich import draw_alternative, natural_size
from .pdf_tags import Tagged
from .pdf_text import FontChooser, clean

#: Cell padding: left and right, top and bottom, in points.
CELL_PADDING = (4.0, 3.0)
#: The most columns spans may make a table have (a hostile colspan of 1000 would make a
#: thousand columns); cells beyond them are not cut, their spans are.
MAX_SPAN_COLUMNS = 64
#: The share of the head rows' shading that is the theme's rule colour (the rest is white).
HEAD_TINT = 0.45
#: The tallest a figure's image may be, as a share of the frame's height.
FIGURE_MAX_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class Placed:
    """A cell on the grid: its first row and column, and how many it spans."""

    cell: nodes.Cell
    row: int
    column: int
    rowspan: int
    colspan: int


def place_cells(table: nodes.Table) -> tuple[list[Placed], int]:
    """Return every cell of ``table`` placed on its grid, row by row, and the number of columns."""
    rows = [*table.head, *table.body]
    head = len(table.head)
    taken: set[tuple[int, int]] = set()  # cells covered by a row span from above
    placed: list[Placed] = []
    columns = 0
    for index, row in enumerate(rows):
        end = head if index < head else len(rows)
        column = 0
        for cell in row.cells:
            while (index, column) in taken:
                column += 1
            # A span stops short of the cells a row span from above covers (HTML overlaps them).
            colspan, most = 1, min(cell.colspan, MAX_SPAN_COLUMNS - column)
            while colspan < most and (index, column + colspan) not in taken:
                colspan += 1
            rowspan = max(1, min(cell.rowspan, end - index))
            for below in range(index + 1, index + rowspan):
                taken.update((below, c) for c in range(column, column + colspan))
            placed.append(Placed(cell, index, column, rowspan, colspan))
            column += colspan
        columns = max(columns, column)
    columns = max([columns, *(c + 1 for _, c in taken)])
    return placed, columns


def row_spans_fit(placed: list[Placed], heights: list[float], head: int, room: float) -> bool:
    """Return whether a table with cells ``placed``, ``heights`` high, may keep its row spans: whether
    its head, and each run of rows that spans tie together, fit in ``room``.

    A table whose rows a span crosses can only break between rows that no span ties (see
    ``table_flowable``), and a run of tied rows taller than a page could not be laid out at
    all: such a table is better set without its row spans (each spanning cell in its first
    row), which keeps every word."""
    rows = max((where.row + where.rowspan for where in placed), default=0)
    height = [0.0] * rows  # as ReportLab sizes them: one-row cells first, then what spans need more
    for where, tall in zip(placed, heights):
        if where.rowspan == 1:
            height[where.row] = max(height[where.row], tall)
    tied: set[int] = set()  # rows tied to the row before them
    for where, tall in sorted(zip(placed, heights), key=lambda pair: pair[0].row):
        if where.rowspan > 1:
            span = range(where.row, where.row + where.rowspan)
            short = (tall - sum(height[r] for r in span)) / where.rowspan
            for r in span:
                height[r] += max(short, 0.0)
            tied.update(span[1:])
    runs: list[float] = []
    for row in range(head, rows):
        if row in tied and runs:
            runs[-1] += height[row]
        else:
            runs.append(height[row])
    return sum(height[:head]) + max(runs, default=0.0) <= room


def table_flowable(table: nodes.Table, cells: list[list], placed: list[Placed], columns: int,
                   widths: list[float], font: str, rule: str, head_line: str, row_spans: bool = True) -> Table:
    """Return the platypus table of ``table``: ``cells[i]`` are the flowables of ``placed[i]``,
    ``widths`` the columns' widths (as shares of the width the table is given: it fills it);
    with ``row_spans`` false, each cell stands in its first row only."""
    if not row_spans:
        placed = [replace(where, rowspan=1) for where in placed]
    rows = len(table.head) + len(table.body)
    data: list[list] = [[""] * columns for _ in range(rows)]
    for where, flowables in zip(placed, cells):
        data[where.row][where.column] = flowables
    total = sum(widths)
    shares = [f"{100.0 * width / total:.4f}%" for width in widths]
    head = len(table.head)
    pad_x, pad_y = CELL_PADDING
    rule_color = HexColor(rule)
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        # Cells hold flowables, but Table still sets its cell font: keep it an embedded one.
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("LEFTPADDING", (0, 0), (-1, -1), pad_x),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad_x),
        ("TOPPADDING", (0, 0), (-1, -1), pad_y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad_y),
        ("GRID", (0, 0), (-1, -1), 0.5, rule_color),
    ]
    if head:
        commands += [("BACKGROUND", (0, 0), (-1, head - 1), _tint(rule_color, HEAD_TINT)),
                     ("LINEBELOW", (0, head - 1), (-1, head - 1), 1.0, HexColor(head_line))]
    commands += [("SPAN", (p.column, p.row), (p.column + p.colspan - 1, p.row + p.rowspan - 1))
                 for p in placed if p.colspan > 1 or p.rowspan > 1]
    # ReportLab loses text when it splits a row that a row span crosses: such tables split
    # between rows only.
    in_row = not any(where.rowspan > 1 for where in placed)
    return LongTable(data, colWidths=shares, style=TableStyle(commands), repeatRows=head if head < rows else 0,
                     splitByRow=1, splitInRow=int(in_row), hAlign="LEFT")


def column_widths(placed: list[Placed], columns: int, sizes: list[tuple[float, float]],
                  available: float) -> list[float]:
    """Return the columns' widths, ``available`` in all, from their one-column cells' ``sizes``:
    (longest word, whole content on one line), padding left out."""
    padding = 2 * CELL_PADDING[0] + 1.0  # and a point to spare: a word that just fits may not, rounded
    low, high = [padding] * columns, [padding] * columns
    for where, (least, most) in zip(placed, sizes):
        if where.colspan == 1:
            low[where.column] = max(low[where.column], least + padding)
            high[where.column] = max(high[where.column], most + padding)
    # A cell over several columns widens them evenly where they are too narrow for it together.
    for where, (least, most) in sorted(zip(placed, sizes), key=lambda pair: pair[0].colspan):
        if where.colspan > 1:
            span = range(where.column, where.column + where.colspan)
            for widths, wanted in ((low, least), (high, most)):
                short = (wanted + padding - sum(widths[c] for c in span)) / where.colspan
                for c in span:
                    widths[c] += max(short, 0.0)
    high = [max(most, least) for most, least in zip(high, low)]
    if sum(high) <= available:  # every column on one line: the room left shared as they are wide
        return [width * available / sum(high) for width in high]
    if sum(low) <= available:  # every longest word whole: the room left shared as they would grow
        spare = (available - sum(low)) / (sum(high) - sum(low))
        return [least + (most - least) * spare for least, most in zip(low, high)]
    return [width * available / sum(low) for width in low]  # words must break


def content_size(blocks: tuple[nodes.Block, ...], style, chooser: FontChooser, cjk: bool,
                 width: float) -> tuple[float, float]:
    """Return how wide a cell's ``blocks`` are at least (their longest word) and with no line
    broken, in ``style``; a guess for what is not a paragraph."""
    least = most = 0.0
    for block in blocks:
        if not isinstance(block, nodes.Para):
            least, most = max(least, min(width / 6, style.fontSize * 6)), max(most, width / 3)
            continue
        # A word and the note marks glued to it break as one: no column may be narrower.
        words = clean(nodes.plain_text(block.inlines, note=_NOTE_MARK)).split()
        measure = lambda text: chooser.width(text, style.fontName, style.fontSize)  # noqa: E731
        most = max(most, measure(" ".join(words)))
        # CJK lines break between any two characters; no word (a long URL) claims over half the width.
        longest = style.fontSize * 2 if cjk else max(map(measure, words), default=0.0)
        least = max(least, min(longest, width / 2))
    return least, most


#: What a note's mark is measured as: raised and smaller, its number takes about as much room as
#: two figures set in the text's size (three in the mark's), glued to the word before it.
_NOTE_MARK = "99"


def stacked_height(flowables: list, width: float) -> float:
    """Return the height of ``flowables`` one above the other at ``width``, their spacing included."""
    return sum(f.wrap(width, float(0x7FFFFFFF))[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables)


def quote_box(flowables: list, indent: float, font: str, rule: str, space_after: float) -> Table:
    """Return ``flowables`` indented by ``indent`` on both sides, a rule half way in on the left."""
    box = Table([["", flowables]], colWidths=[indent / 2, "*"], splitByRow=1, splitInRow=1, hAlign="LEFT")
    box.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), font),  # the empty cell is drawn in it: an embedded one
        ("LEFTPADDING", (0, 0), (0, 0), 0),
        ("RIGHTPADDING", (0, 0), (0, 0), 0),
        ("LEFTPADDING", (1, 0), (1, 0), indent / 2),
        ("RIGHTPADDING", (1, 0), (1, 0), indent),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("LINEBEFORE", (1, 0), (1, 0), 1.5, HexColor(rule)),
    ]))
    box.spaceAfter = space_after
    return box


class FigureImage(Tagged, Flowable):
    """An image, as wide as it is at its resolution but no wider than the room it is given nor
    taller than ``max_height``; its text alternative drawn invisibly over it."""

    def __init__(self, reader: ImageReader, alt: str, font: str, chooser: FontChooser, max_height: float) -> None:
        super().__init__()
        self.reader, self.alt, self.font, self.chooser = reader, alt, font, chooser
        self.natural = natural_size(reader)
        self.max_height = max_height
        self.hAlign = "CENTER"

    def wrap(self, availWidth, availHeight):
        width, height = self.natural
        scale = min(1.0, max(availWidth, 1.0) / width, self.max_height / height)
        self.width, self.height = width * scale, height * scale
        return self.width, self.height

    def draw(self):
        self.canv.drawImage(self.reader, 0, 0, self.width, self.height, mask="auto")
        draw_alternative(self.canv, self.chooser, self.alt, self.font, 0, 0, self.width, self.height)


def _tint(color: Color, share: float) -> Color:
    """Return ``color`` mixed with white: ``share`` of it, the rest white."""
    return Color(*(1 - share + share * part for part in (color.red, color.green, color.blue)))
