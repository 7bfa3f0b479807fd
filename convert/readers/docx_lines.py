"""A Word paragraph's runs to Lines: its text, one Line per line break, with its type and bold and italic runs.

The body reader hands each paragraph over as pieces, (text, type) pairs in order, "\n" where
Word breaks the line. Each line's text is cleaned as a dump's text is (odd spaces, soft
hyphens, ligatures), with tabs made spaces but the one before a contents entry's page number,
runs of spaces made one and the ends stripped; its size, weight and slant are those most of
its letters have, and its bold and italic runs become ``marks`` (a tuple, even empty: Word
text has no ``**`` markup).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

from .. import nodes as n
from ..decode import clean_line
from ..lines import Anchor, Line
from .docx_styles import RunType

#: One piece of a paragraph's text and its type ("\n" in the text breaks the line).
Piece = tuple[str, RunType]
#: Characters the body reader puts in a paragraph's text where an object stands (a note's
#: reference, a picture) and where a link starts and ends; each takes the paragraph's next
#: object (a Note or an Image; a Link for a start). The document's own are removed on reading.
OBJECT, LINK_START, LINK_END = "\ufffc", "\ufff9", "\ufffb"
SENTINELS = OBJECT + LINK_START + LINK_END
_NO_OBJECTS: Iterator[n.Inline] = iter(())
#: A tab before a short last word (a page number) is the gap of a contents entry; others are spaces.
MAX_PAGE_LABEL = 6
_SPACE_RUN = re.compile(" {2,}")


def plain(pieces: list[Piece]) -> str:
    """Return the text of ``pieces`` with whitespace runs made one space, stripped."""
    return " ".join("".join(text for text, _ in pieces).split())


def _kept_tab(text: str) -> int:
    """Return where the one tab of ``text`` that stays a tab is, or -1: a tab before a short last
    word (a contents entry's page number) is the gap contents detection looks for; every other
    tab is a space."""
    position = text.rfind("\t")
    if position < 0:
        return -1
    head, tail = text[:position].strip(), text[position + 1:].strip()
    return position if head and 0 < len(tail) <= MAX_PAGE_LABEL and " " not in tail else -1


def paragraph_lines(number: int, pieces: list[Piece], objects: Iterator[n.Inline] = _NO_OBJECTS) -> list[Line]:
    """Return the lines of paragraph ``number`` from its pieces: one per line break, the first
    starting a block, the others running on from it; a break on an empty line leaves a blank.
    ``objects`` are taken, in order, by the sentinels in the text (see ``OBJECT``)."""
    if not any("\n" in text for text, _ in pieces):
        line = _line(number, pieces, wraps=False, objects=objects)
        return [line] if line is not None else []
    lines: list[Line] = []
    current: list[Piece] = []
    for text, kind in [*pieces, ("\n", RunType())]:
        if "\n" not in text:
            current.append((text, kind))
            continue
        parts = text.split("\n")
        for index, part in enumerate(parts):
            if part:
                current.append((part, kind))
            if index == len(parts) - 1:
                break
            line = _line(number, current, wraps=bool(lines) and bool(lines[-1].text), objects=objects)
            current = []
            if line is not None and not line.text and lines and lines[-1].text:  # anchors alone: on the line before
                end = len(lines[-1].text)
                lines[-1] = replace(lines[-1], anchors=(*lines[-1].anchors,
                                                        *(Anchor(end, end, a.inline) for a in line.anchors)))
            elif line is not None and (line.text or not lines):
                lines.append(line)
            elif lines and lines[-1].text:
                lines.append(Line(number, ""))
    while lines and not lines[-1].text:
        lines.pop()
    return lines


def _clean_pieces(pieces: list[Piece]) -> list[Piece]:
    """Return ``pieces`` cleaned as a dump's text is (``clean_line``), tabs made spaces but the one
    ``_kept_tab`` keeps, runs of spaces made one, and the ends stripped; empty pieces left out."""
    if len(pieces) == 1:
        text, kind = pieces[0]
        if "\t" not in text and "  " not in text:
            text = clean_line(text).strip(" ")
            if "  " not in text:  # cleaning made no space run (odd spaces, removed characters)
                return [(text, kind)] if text else []
    cleaned = [("\t".join(clean_line(part) for part in text.split("\t")) if "\t" in text else clean_line(text), kind)
               for text, kind in pieces]
    whole = "".join(text for text, _ in cleaned)
    kept = _kept_tab(whole) if "\t" in whole else -1
    out: list[Piece] = []
    offset = 0
    ends_in_space = True  # nothing yet: leading spaces go
    for text, kind in cleaned:
        if "\t" in text:
            text = "".join("\t" if char == "\t" and offset + index == kept else (" " if char == "\t" else char)
                           for index, char in enumerate(text))
        offset += len(text)
        if "  " in text:
            text = _SPACE_RUN.sub(" ", text)
        if ends_in_space:
            text = text.lstrip(" ")
        if text:
            out.append((text, kind))
            ends_in_space = text.endswith((" ", "\t"))
    while out and out[-1][0].rstrip(" \t") != out[-1][0]:
        text, kind = out.pop()
        if text.rstrip(" \t"):
            out.append((text.rstrip(" \t"), kind))
            break
    return out


def _anchored(pieces: list[Piece], objects: Iterator[n.Inline]) -> tuple[list[Piece], tuple[Anchor, ...]]:
    """Return ``pieces`` without their sentinels, and the anchors those stood for (a space that
    would double where one is taken out goes too)."""
    out: list[Piece] = []
    anchors: list[Anchor] = []
    opened: list[tuple[int, n.Inline]] = []
    offset = 0
    previous = " "  # the last character kept
    for text, kind in pieces:
        kept: list[str] = []
        skip_space = False
        for char in text:
            if char in SENTINELS:
                inline = next(objects, None) if char != LINK_END else None
                if char == OBJECT and inline is not None:
                    anchors.append(Anchor(offset, offset, inline))
                elif char == LINK_START and inline is not None:
                    opened.append((offset, inline))
                elif char == LINK_END and opened:
                    start, link = opened.pop()
                    if offset > start:
                        anchors.append(Anchor(start, offset, link))
                skip_space = previous == " "
                continue
            if skip_space and char == " ":
                continue
            skip_space = False
            kept.append(char)
            previous = char
            offset += 1
        if kept:
            out.append(("".join(kept), kind))
    return out, tuple(anchors)


def _line(number: int, pieces: list[Piece], wraps: bool, objects: Iterator[n.Inline] = _NO_OBJECTS) -> Line | None:
    """Return one line of text from ``pieces``, cleaned, with its type (the size and weight most
    of its letters have), its bold and italic runs and its anchors; None when it holds no text
    (its anchors, if any, then stand at the end of the line before: see ``Body.emit``). ``wraps``
    False: it starts the block."""
    pieces = _clean_pieces(pieces)
    anchors: tuple[Anchor, ...] = ()
    if any(char in SENTINELS for text, _ in pieces for char in text):
        pieces, anchors = _anchored(pieces, objects)
        if pieces and pieces[-1][0].endswith(" "):  # a sentinel taken from the end left a space
            text, kind = pieces[-1]
            pieces[-1] = (text.rstrip(" "), kind)
            if not pieces[-1][0]:
                pieces.pop()
            anchors = tuple(Anchor(min(a.start, _length(pieces)), min(a.end, _length(pieces)), a.inline)
                            for a in anchors)
    if not pieces:
        return Line(number, "", anchors=anchors) if anchors else None
    if len(pieces) == 1:
        text, kind = pieces[0]
        marks = ((0, len(text), bool(kind.bold), bool(kind.italic)),) if kind.bold or kind.italic else ()
        return Line(number, text, size=kind.size or 0.0, bold=bool(kind.bold), italic=bool(kind.italic),
                    wraps=wraps, marks=marks, anchors=anchors)
    sizes: Counter[float] = Counter()
    bold = italic = visible = 0
    marks: list[tuple[int, int, bool, bool]] = []
    start = 0
    for text, kind in pieces:
        end = start + len(text)
        letters = len(text) - text.count(" ")
        sizes[kind.size or 0.0] += letters
        visible += letters
        if kind.bold or kind.italic:
            bold += letters if kind.bold else 0
            italic += letters if kind.italic else 0
            style = (bool(kind.bold), bool(kind.italic))
            if marks and marks[-1][1] == start and marks[-1][2:] == style:
                marks[-1] = (marks[-1][0], end, *style)
            else:
                marks.append((start, end, *style))
        start = end
    return Line(number, "".join(text for text, _ in pieces), size=sizes.most_common(1)[0][0],
                bold=2 * bold > visible, italic=2 * italic > visible, wraps=wraps, marks=tuple(marks),
                anchors=anchors)


def _length(pieces: list[Piece]) -> int:
    return sum(len(text) for text, _ in pieces)
