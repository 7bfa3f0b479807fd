"""Lines with no structure to find (a table cell's, a note's) made blocks as they are.

Each source paragraph (its lines share a number) becomes a paragraph, its lines joined by
spaces, its bold and italic runs ``strong`` and ``emph``, its anchors in place, URLs made
links; a line standing for a whole block (a table in a cell) is that block.
"""

from __future__ import annotations

from .. import nodes as n
from ..lines import Line
from .anchors import place_anchors
from .links import link_inlines, parse_linked
from .text import parse_inlines, styled_inlines


def _paragraph(lines: list[Line]) -> n.Para:
    text = " ".join(line.text for line in lines)
    pieces = [(line, 0) for line in lines]
    if not all(line.typed for line in lines):
        return n.Para(place_anchors(parse_linked(text, parse_inlines), text, pieces))
    inlines = styled_inlines(text, [(line.text, line.styles()) for line in lines])
    return n.Para(link_inlines(place_anchors(inlines, text, pieces)))


def simple_blocks(lines: list[Line]) -> tuple[n.Block, ...]:
    """Return the blocks of ``lines``: a paragraph per source paragraph, blocks as they stand."""
    out: list[n.Block] = []
    group: list[Line] = []
    for line in [*lines, None]:
        ends = line is None or not line.text or line.block is not None or (group and line.number != group[-1].number)
        if ends and group:
            out.append(_paragraph(group))
            group = []
        if line is not None and line.block is not None:
            out.append(line.block)
        elif line is not None and line.text:
            group.append(line)
    return tuple(out)
