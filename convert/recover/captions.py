"""Captions a source sets as paragraphs of their own, put back on their tables and figures.

Many sources (pandoc's reading of an ODT, a Word file whose captions are "Caption" paragraphs,
a PDF) give a caption as a paragraph just before a table or just after a figure. A paragraph
that reads as a caption ("Table 2: ...", "Figure 1. ...", "Tableau 3 -", "Abb. 4", "表1",
"図2") next to a table or figure that has none becomes its caption: before or after a table,
after or before a figure, the usual place first.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .. import nodes as n

_TABLE = re.compile(r"^\s*(?:Table|Tab\.|Tableau|Tabla|Tabelle|表)\s*[\dIVXivx]+[a-z]?\s*(?:[.:\-–—]|\s|$)")
_FIGURE = re.compile(r"^\s*(?:Figure|Fig\.|Chart|Graph|Map|Figura|Abbildung|Abb\.|Graphique|図)"
                     r"\s*[\dIVXivx]+[a-z]?\s*(?:[.:\-–—]|\s|$)")
#: A caption is at most this long; a longer paragraph is running text that mentions a table.
_MAX_CAPTION_CHARS = 300


def _caption(block: n.Block, pattern: re.Pattern[str]) -> tuple[n.Inline, ...] | None:
    if isinstance(block, n.Para):
        text = n.plain_text(block.inlines)
        if len(text) <= _MAX_CAPTION_CHARS and pattern.match(text):
            return block.inlines
    return None


def attach_captions(blocks: tuple[n.Block, ...]) -> tuple[n.Block, ...]:
    """Return ``blocks`` (and the blocks inside them) with caption paragraphs moved onto the
    tables and figures beside them that have no caption."""
    out: list[n.Block] = []
    skip = False
    for index, block in enumerate(blocks):
        if skip:
            skip = False
            continue
        if isinstance(block, (n.Section, n.Speech, n.BlockQuote)):
            inner = attach_captions(block.blocks)
            out.append(block if inner is block.blocks else replace(block, blocks=inner))
            continue
        if isinstance(block, (n.Table, n.Figure)) and not block.caption:
            pattern = _TABLE if isinstance(block, n.Table) else _FIGURE
            before = _caption(out[-1], pattern) if out else None
            after = _caption(blocks[index + 1], pattern) if index + 1 < len(blocks) else None
            # A table's caption is most often above it, a figure's below.
            first, second = (before, after) if isinstance(block, n.Table) else (after, before)
            caption = first if first is not None else second
            if caption is not None:
                if caption is before:
                    out.pop()
                else:
                    skip = True
                block = replace(block, caption=caption)
        out.append(block)
    return tuple(out) if len(out) != len(blocks) or any(a is not b for a, b in zip(out, blocks)) else blocks
