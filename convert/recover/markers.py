"""List markers printed apart from their items: joined to the items they mark."""

from __future__ import annotations

import re

from ..lines import Dropped, Line
from . import patterns as p
from .blocks import is_speaker_line, starts_sentence


#: How many lines after a run of lone markers the items they mark are looked for, per marker.
_MARKER_REACH = 25
#: A line that is only a list marker: the extractor put the bullet (or number) apart from its item.
_LONE_MARKER = re.compile(rf"^\s*(?:[{p.BULLET_CHARS}o]|\(?\d{{1,3}}[.)])\s*$")


def _is_lone_marker(line: Line) -> bool:
    return bool(line.text) and bool(_LONE_MARKER.match(line.text))


def _item_starts(lines: list[Line], start: int, wanted: int) -> list[int]:
    """Return the indexes of up to ``wanted`` lines from ``start`` that can begin list items.

    The first text line can (unless it continues a sentence in lowercase); after it, a line
    that starts a sentence after one that ended one. The search stops at a heading, a speaker,
    a line with its own marker, or another lone marker.
    """
    found: list[int] = []
    previous = ""
    for index in range(start, min(len(lines), start + _MARKER_REACH * wanted)):
        text = lines[index].text.strip()
        if not text:
            continue
        if _LONE_MARKER.match(text) or p.list_marker(text) or p.heading_kind(text) or is_speaker_line(text):
            break
        if starts_sentence(text) and (not previous or p.ends_sentence(previous)):
            found.append(index)
            if len(found) == wanted:
                break
        previous = text
    return found


def join_lone_markers(lines: list[Line]) -> tuple[list[Line], list[Dropped]]:
    """Return ``lines`` with the markers that stand alone joined to the items they mark.

    Word's bullets often come out of a PDF on lines of their own, a blank line or none
    before the item's text, and some extractors print the markers of several items one after
    the other before the items: a run of such markers goes to the item starts that follow
    (the next text line, then each line starting a sentence after one that ended). The
    joined line keeps the item's number; each marker's line becomes blank and is listed as
    dropped. A heading or a speaker line is no item.
    """
    out = list(lines)
    dropped: list[Dropped] = []
    index = 0
    while index < len(lines):
        if not _is_lone_marker(lines[index]):
            index += 1
            continue
        run = [index]
        after = index + 1
        while after < len(lines) and (not lines[after].text or _is_lone_marker(lines[after])):
            if lines[after].text:
                run.append(after)
            after += 1
        starts = _item_starts(lines, after, len(run))
        for marker_index, start in zip(run, starts):
            marker = lines[marker_index].text.strip()
            if marker[-1:] not in ").":
                marker = "•"  # private-use and letter bullets ("o") read as the plain bullet they show
            out[start] = out[start].with_text(f"{marker} {lines[start].text.strip()}")
        if starts:
            for marker_index in run:
                out[marker_index] = lines[marker_index].blank
                dropped.append(Dropped(lines[marker_index].number, lines[marker_index].text, "list-marker"))
        index = after
    return out, dropped
