"""A paragraph's anchors (links, notes, images its source tied to places in its lines) put into
its inlines.

``join_lines`` made the paragraph's text of its lines: lines stripped, a hyphen that broke a
word dropped, a space (or nothing) where two lines meet. Walking both texts side by side (as
``styled_inlines`` does for the type of each character) tells where each line's characters
went; an anchor then goes where its characters went: a link wraps the inlines made of its
characters (strong and emphasis inside it kept), a note or an image stands between two
characters. Offsets count the characters of text nodes only: notes and images take no room.
"""

from __future__ import annotations

from dataclasses import replace

from .. import nodes as n
from ..lines import Line
from .text import LINE_END_HYPHENS


def _positions(text: str, pieces: list[tuple[Line, int]]) -> list[list[int]]:
    """Return, for each piece (a line from a start offset), the offset in ``text`` of each of its
    characters (and one past its last): where a character that is not in ``text`` (a space or a
    hyphen dropped) would have stood."""
    chars = [(char, piece, offset) for piece, (line, start) in enumerate(pieces)
             for offset, char in enumerate(line.text[start:])]
    found: list[list[int | None]] = [[None] * (len(line.text) - start + 1) for line, start in pieces]
    source = 0
    for index, char in enumerate(text):
        while source < len(chars) and chars[source][0] != char \
                and (chars[source][0].isspace() or chars[source][0] in LINE_END_HYPHENS):
            source += 1
        if source < len(chars) and chars[source][0] == char:
            found[chars[source][1]][chars[source][2]] = index
            source += 1
    out: list[list[int]] = []
    following = len(text)
    for offsets in reversed(found):  # a character not found takes the place of the next one found
        filled: list[int] = []
        for offset in reversed(offsets):
            following = offset if offset is not None else following
            filled.append(following)
        out.append(filled[::-1])
    out.reverse()
    for offsets in out:  # one past a line's last character: right after it
        if len(offsets) > 1:
            offsets[-1] = offsets[-2] + 1 if offsets[-2] < len(text) else len(text)
    return out


def _length(inline: n.Inline) -> int:
    if isinstance(inline, n.Text):
        return len(inline.text)
    if isinstance(inline, (n.Strong, n.Emph, n.Link)):
        return sum(_length(child) for child in inline.inlines)
    return 0


def split_inlines(inlines: tuple[n.Inline, ...], at: int) -> tuple[tuple[n.Inline, ...], tuple[n.Inline, ...]]:
    """Return ``inlines`` cut before the text character ``at``; notes and images standing right
    at the cut stay before it."""
    before: list[n.Inline] = []
    after: list[n.Inline] = []
    position = 0
    for inline in inlines:
        length = _length(inline)
        end = position + length
        if length == 0:
            (before if position <= at and not after else after).append(inline)
        elif end <= at:
            before.append(inline)
        elif position >= at:
            after.append(inline)
        elif isinstance(inline, n.Text):
            before.append(n.Text(inline.text[:at - position]))
            after.append(n.Text(inline.text[at - position:]))
        else:  # strong, emphasis or a link across the cut: one of it on each side
            head, tail = split_inlines(inline.inlines, at - position)
            before.append(replace(inline, inlines=head))
            after.append(replace(inline, inlines=tail))
        position = end
    return tuple(before), tuple(after)


def place_anchors(inlines: tuple[n.Inline, ...], text: str, pieces: list[tuple[Line, int]]) -> tuple[n.Inline, ...]:
    """Return the paragraph's ``inlines`` (of ``text``, joined from ``pieces``) with the anchors of
    its lines in place."""
    if not any(line.anchors for line, _ in pieces):
        return inlines
    positions = _positions(text, pieces)
    placed: list[tuple[int, int, n.Inline]] = []
    for (line, start), offsets in zip(pieces, positions):
        for anchor in line.anchors:
            if anchor.start >= start:  # an anchor in a list marker cut off the line has no place
                first = offsets[min(anchor.start - start, len(offsets) - 1)]
                last = offsets[min(anchor.end - start, len(offsets) - 1)]
                placed.append((first, max(first, last), anchor.inline))
    # Links first (they wrap text), then notes and images (they stand between characters), from
    # the end, so that what is placed never moves what is still to place.
    for first, last, inline in sorted(placed, key=lambda item: (not isinstance(item[2], n.Link), -item[0])):
        head, rest = split_inlines(inlines, first)
        if isinstance(inline, n.Link):
            middle, tail = split_inlines(rest, last - first)
            inlines = (*head, replace(inline, inlines=middle), *tail) if middle else inlines
        else:
            inlines = (*head, inline, *rest)
    return tuple(inline for inline in inlines if not (isinstance(inline, n.Text) and not inline.text))
