"""Tables in the DOCX writer: rows laid out on Word's column grid, and the table, row and cell properties.

Word has no row or column span as such: a cell spanning columns covers several columns of
the table's grid (``w:gridSpan``), and a cell spanning rows is a cell that starts a vertical
merge (``w:vMerge`` "restart") over the empty cells below it ("continue"). The cells' content
is written by the writer; this module only knows the shape.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from .. import nodes
from .docx_styles import CELL_MARGIN
from .docx_xml import sub

#: ``w:tblLook`` bits: the first row set apart (a header), no banded rows or columns.
_LOOK_FIRST_ROW, _LOOK_NO_BANDS = 0x0020, 0x0600


@dataclass(frozen=True, slots=True)
class Slot:
    """One cell of a row on the grid: the cell (None for one that continues the cell above,
    or fills a gap or a short row), the grid columns it covers, and its vertical merge
    ("restart" for a cell spanning rows, "continue" under it, "" for neither)."""

    cell: nodes.Cell | None
    span: int
    merge: str = ""


def layout(rows: tuple[nodes.Row, ...]) -> list[list[Slot]]:
    """Return ``rows`` laid out on a grid: each row's cells in order, in the columns that cells
    spanning down from the rows above leave free (there, a continuing slot). A span down that a
    cell placed before it would cross ends in the row above; spans end with ``rows``."""
    grid: list[list[Slot]] = []
    above: dict[int, tuple[int, int]] = {}  # first column -> (rows still covered, columns)
    for row in rows:
        slots: list[Slot] = []
        below: dict[int, tuple[int, int]] = {}

        def continue_above(start: int) -> int:
            left, span = above[start]
            slots.append(Slot(None, span, "continue"))
            if left > 1:
                below[start] = (left - 1, span)
            return start + span

        column = 0
        for cell in row.cells:
            while column in above:
                column = continue_above(column)
            slots.append(Slot(cell, cell.colspan, "restart" if cell.rowspan > 1 else ""))
            if cell.rowspan > 1:
                below[column] = (cell.rowspan - 1, cell.colspan)
            column += cell.colspan
        for start in sorted(start for start in above if start >= column):
            if start > column:
                slots.append(Slot(None, start - column))  # the gap before a cell spanning down
            column = continue_above(start)
        grid.append(slots)
        above = below
    return grid


def filled(slots: list[Slot], columns: int) -> list[Slot]:
    """Return ``slots`` with an empty slot after them covering what is left of ``columns``."""
    used = sum(slot.span for slot in slots)
    return [*slots, Slot(None, columns - used)] if used < columns else slots


def start_table(parent: etree._Element, style: str, column: int, columns: int, *,
                first_row: bool) -> etree._Element:
    """Return a new ``w:tbl`` in ``parent`` in table style id ``style``, of ``columns`` grid
    columns ``column`` twips wide, its first row set apart if ``first_row``."""
    table = sub(parent, "tbl")
    properties = sub(table, "tblPr")
    sub(properties, "tblStyle", val=style)
    sub(properties, "tblW", w=column * columns, type="dxa")
    sub(properties, "tblInd", w=CELL_MARGIN, type="dxa")  # the borders on the margins, not the text
    sub(properties, "tblLayout", type="fixed")
    sub(properties, "tblLook", val=f"{_LOOK_NO_BANDS | (_LOOK_FIRST_ROW if first_row else 0):04X}",
        firstRow=int(first_row), lastRow=0, firstColumn=0, lastColumn=0, noHBand=1, noVBand=1)
    grid = sub(table, "tblGrid")
    for _ in range(columns):
        sub(grid, "gridCol", w=column)
    return table


def start_row(table: etree._Element, *, header: bool) -> etree._Element:
    """Return a new ``w:tr`` in ``table``; a header row is repeated on every page the table runs onto."""
    tr = sub(table, "tr")
    if header:
        sub(sub(tr, "trPr"), "tblHeader")
    return tr


def start_cell(tr: etree._Element, width: int, slot: Slot) -> etree._Element:
    """Return a new ``w:tc`` in ``tr``, ``width`` twips wide, spanning and merging as ``slot`` says."""
    tc = sub(tr, "tc")
    properties = sub(tc, "tcPr")
    sub(properties, "tcW", w=width, type="dxa")
    if slot.span > 1:
        sub(properties, "gridSpan", val=slot.span)
    if slot.merge == "restart":
        sub(properties, "vMerge", val="restart")
    elif slot.merge == "continue":
        sub(properties, "vMerge")
    return tc


def start_parallel_table(parent: etree._Element, column: int, rule: str) -> etree._Element:
    """Return a new two-column ``w:tbl`` for parallel text, ``column`` twips a side, with only a
    hairline of colour ``rule`` (RRGGBB) between the sides: it guides the eye without boxing the
    text in."""
    table = sub(parent, "tbl")
    tpr = sub(table, "tblPr")
    sub(tpr, "tblW", w=column * 2, type="dxa")
    borders = sub(tpr, "tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH"):
        sub(borders, side, val="nil")
    sub(borders, "insideV", val="single", sz=4, space=0, color=rule)
    sub(tpr, "tblLayout", type="fixed")
    sub(tpr, "tblLook", val="0000", firstRow=0, lastRow=0, firstColumn=0, lastColumn=0, noHBand=1, noVBand=1)
    grid = sub(table, "tblGrid")
    for _ in range(2):
        sub(grid, "gridCol", w=column)
    return table
