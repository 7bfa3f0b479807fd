"""Notes a text shows as marks and a "Notes" section: put back where their marks stand.

A text dump (or any source without real footnotes) shows a note as a mark in the text,
``[3]`` or a superscript ``³`` right after a word, and the note itself under a heading
"Notes", "Endnotes" or "Footnotes" (at the end of the report or of a part), as a numbered
list or as paragraphs opening with the number (``3.``, ``[3]``, ``³``). Each such section
is matched with the marks in the blocks before it (back to the previous one): the marks
are taken in reading order, the first mark of note 1, then of note 2, and so on. Only
when every note of the section is found this way are the marks made ``Note`` nodes
holding the notes' blocks and the section left out; otherwise the text stays as it is,
with a warning. A mark with no note of that number (``km²``) stays text.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .. import nodes as n
from ..errors import Diagnostic
from ..lines import Anchor, Line
from .simple import simple_blocks

_NOTES_TITLE = re.compile(r"^\s*(?:foot|end)?\s*notes\s*:?\s*$", re.IGNORECASE)
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FROM_SUPERSCRIPT = str.maketrans(_SUPERSCRIPTS, "0123456789")
#: A mark in the text: "[12]" (a space before it allowed), or superscript digits right after a
#: letter, a digit or a closing punctuation mark.
_MARK = re.compile(rf"\[(\d{{1,3}})\]|(?<=[\w.,;:!?)\]\"'’”])([{_SUPERSCRIPTS}]{{1,3}})(?![{_SUPERSCRIPTS}])")
#: A note's own number, opening its paragraph: "12. ", "12) ", "[12] ", "¹² ".
_ENTRY = re.compile(rf"^\s*(?:\[(\d{{1,3}})\]\s*|(\d{{1,3}})[.)]\s+|([{_SUPERSCRIPTS}]{{1,3}})\s*)")


def _number(match: re.Match[str]) -> int:
    return int(next(group for group in match.groups() if group).translate(_FROM_SUPERSCRIPT))


def _entries(blocks: tuple[n.Block, ...]) -> dict[int, list[n.Block]] | None:
    """Return the notes of a "Notes" section's ``blocks`` by number, or None if they are not all notes."""
    notes: dict[int, list[n.Block]] = {}
    last: int | None = None
    for block in blocks:
        if isinstance(block, n.OrderedList):
            for offset, item in enumerate(block.items):
                last = block.start + offset
                notes[last] = list(item.blocks)
        elif isinstance(block, n.Para) and block.inlines and isinstance(block.inlines[0], n.Text) \
                and (match := _ENTRY.match(block.inlines[0].text)):
            last = _number(match)
            rest = block.inlines[0].text[match.end():]
            notes[last] = [replace(block, inlines=((n.Text(rest),) if rest else ()) + block.inlines[1:])]
        elif last is not None and isinstance(block, (n.Para, n.BulletList, n.OrderedList, n.BlockQuote)):
            notes[last].append(block)  # a note's second paragraph
        else:
            return None
    numbers = sorted(notes)
    return notes if numbers and numbers == list(range(numbers[0], numbers[0] + len(numbers))) else None


class _Placer:
    """Find the marks of ``notes`` in reading order and, once all are found, replace them."""

    def __init__(self, notes: dict[int, list[n.Block]]) -> None:
        self.notes = notes
        self.expected = min(notes)
        self.marks: set[tuple[int, int]] = set()  # (id of the Text node, start of the mark) taken

    def find(self, blocks: tuple[n.Block, ...]) -> None:
        for block in n.iter_blocks(blocks):
            for inline in n.iter_inlines(n.block_inlines(block)):
                if isinstance(inline, n.Text):
                    for match in _MARK.finditer(inline.text):
                        if _number(match) == self.expected and self.expected in self.notes:
                            self.marks.add((id(inline), match.start()))
                            self.expected += 1

    @property
    def complete(self) -> bool:
        return self.expected == max(self.notes) + 1

    def place(self, blocks: tuple[n.Block, ...]) -> tuple[n.Block, ...]:
        return tuple(self.block(block) for block in blocks)

    def block(self, block: n.Block) -> n.Block:
        if isinstance(block, n.Para):
            return replace(block, inlines=self.inlines(block.inlines))
        if isinstance(block, (n.Section, n.Speech, n.BlockQuote, n.Parallel)):
            return replace(block, blocks=self.place(block.blocks))
        if isinstance(block, (n.OrderedList, n.BulletList)):
            return replace(block, items=tuple(replace(item, blocks=self.place(item.blocks)) for item in block.items))
        if isinstance(block, n.Table):
            rows = lambda rows: tuple(n.Row(tuple(replace(cell, blocks=self.place(cell.blocks))  # noqa: E731
                                                  for cell in row.cells)) for row in rows)
            return replace(block, head=rows(block.head), body=rows(block.body), caption=self.inlines(block.caption))
        if isinstance(block, n.Figure):
            return replace(block, caption=self.inlines(block.caption))
        return block

    def inlines(self, inlines: tuple[n.Inline, ...]) -> tuple[n.Inline, ...]:
        out: list[n.Inline] = []
        for inline in inlines:
            if isinstance(inline, n.Text):
                position = 0
                for match in _MARK.finditer(inline.text):
                    if (id(inline), match.start()) in self.marks:
                        before = inline.text[position:match.start()]
                        if match.group(1) is not None:
                            before = before.rstrip(" ")  # "the review [1]": the space went with the mark
                        if before:
                            out.append(n.Text(before))
                        out.append(n.Note(tuple(self.notes[_number(match)])))
                        position = match.end()
                if position < len(inline.text):
                    out.append(n.Text(inline.text[position:]) if position else inline)
            elif isinstance(inline, (n.Strong, n.Emph, n.Link)):
                out.append(replace(inline, inlines=self.inlines(inline.inlines)))
            else:
                out.append(inline)
        return tuple(out)


def _placed(body: tuple[n.Block, ...], notes: dict[int, list[n.Block]], title: str, line: int,
            diagnostics: list[Diagnostic]) -> tuple[n.Block, ...] | None:
    """Return ``body`` with ``notes`` where their marks stand, or None if not every note's mark is found."""
    placer = _Placer(notes)
    placer.find(body)
    if not placer.complete:
        diagnostics.append(Diagnostic(line, "notes-unmatched",
                                      f"the marks of the notes under {title!r} were not all found in the text "
                                      f"(note {placer.expected} has none); the notes are kept as they are"))
        return None
    diagnostics.append(Diagnostic(line, "notes", f"put {len(notes)} note(s) under {title!r} where their marks "
                                  "stand", "info"))
    return placer.place(body)


def _trailing_notes(blocks: tuple[n.Block, ...]) -> tuple[tuple[n.Block, ...], n.Para, dict] | None:
    """Return the report without the notes that end it under a "Notes" line that is no section
    heading (a paragraph, perhaps inside the last speech), that line, and the notes; or None."""
    for index in range(len(blocks) - 1, -1, -1):
        block = blocks[index]
        if isinstance(block, n.Para) and _NOTES_TITLE.match(n.plain_text(block.inlines)):
            notes = _entries(blocks[index + 1:])
            return (blocks[:index], block, notes) if notes else None
    if blocks and isinstance(blocks[-1], (n.Section, n.Speech)):
        inner = _trailing_notes(blocks[-1].blocks)
        if inner is not None:
            return (*blocks[:-1], replace(blocks[-1], blocks=inner[0])), inner[1], inner[2]
    return None


def attach_notes(blocks: tuple[n.Block, ...]) -> tuple[tuple[n.Block, ...], list[Diagnostic]]:
    """Return ``blocks`` with each "Notes" section's notes put where their marks stand."""
    diagnostics: list[Diagnostic] = []
    out: list[n.Block] = []
    start = 0  # the first block of ``out`` the next notes section may take marks from
    for block in blocks:
        notes = _entries(block.blocks) if isinstance(block, n.Section) and _NOTES_TITLE.match(block.title) else None
        placed = _placed(tuple(out[start:]), notes, block.title, block.lines[0], diagnostics) if notes else None
        if placed is None:
            out.append(block)
            continue
        out[start:] = placed
        start = len(out)
    trailing = _trailing_notes(tuple(out[start:]))
    if trailing is not None:
        body, heading, notes = trailing
        placed = _placed(body, notes, n.plain_text(heading.inlines), heading.lines[0], diagnostics)
        if placed is not None:
            out[start:] = placed
    return tuple(out), diagnostics


# --- notes at the foot of the page ----------------------------------------------------

#: Lines at a page's foot set at most this fraction of the body's size may be its notes.
_FOOT_SIZE = 0.92
_FOOT_ENTRY = re.compile(rf"^\s*(?:(\d{{1,3}})(?!\d)[.)]?|([{_SUPERSCRIPTS}]{{1,3}}))\s*(?=\S)")
_SUPERSCRIPT_RUN = re.compile(rf"[{_SUPERSCRIPTS}]{{1,3}}")


def _without_mark(line: Line, start: int, end: int, note: n.Note) -> Line:
    """Return ``line`` with the mark at ``start:end`` taken out and ``note`` standing there."""
    cut = end - start

    def moved(offset: int) -> int:
        return offset if offset <= start else max(offset - cut, start)

    marks = None if line.marks is None else tuple(
        (moved(a), moved(b), bold, italic) for a, b, bold, italic in line.marks if moved(b) > moved(a))
    anchors = tuple(Anchor(moved(a.start), moved(a.end), a.inline) for a in line.anchors)
    return replace(line, text=line.text[:start] + line.text[end:], marks=marks,
                   anchors=(*anchors, Anchor(start, start, note)))


def _foot_notes(lines: list[Line], indexes: list[int], start: int) -> list[tuple[str, list[Line]]] | None:
    """Return the notes of the page's lines from ``indexes[start]`` on, when they read as notes:
    the first opens with a number, further numbers count on by one; others continue a note."""
    notes: list[tuple[str, list[Line]]] = []
    for index in indexes[start:]:
        match = _FOOT_ENTRY.match(lines[index].text)
        number = (match.group(1) or match.group(2).translate(_FROM_SUPERSCRIPT)) if match else None
        if number is not None and (not notes or int(number) == int(notes[-1][0]) + 1):
            notes.append((number, [lines[index].without_prefix(match.end())]))
        elif notes and lines[index].block is None:
            notes[-1][1].append(lines[index])
        else:
            return None
    return notes or None


def _marks_for(lines: list[Line], body: list[int], notes: list[tuple[str, list[Line]]]
               ) -> list[tuple[int, int, int, n.Note]] | None:
    """Return where each note's superscript mark stands in the ``body`` lines (in order), or None."""
    placed: list[tuple[int, int, int, n.Note]] = []
    after = (-1, -1)
    for number, note_lines in notes:
        mark = number.translate(str.maketrans("0123456789", _SUPERSCRIPTS))
        where = next(((index, match.start(), match.end()) for index in body
                      for match in _SUPERSCRIPT_RUN.finditer(lines[index].text)
                      if match.group() == mark and (index, match.start()) > after), None)
        if where is None:
            return None
        after = where[:2]
        placed.append((*where, n.Note(simple_blocks(note_lines))))
    return placed


def lift_page_notes(lines: list[Line], body_size: float) -> tuple[list[Line], list[Diagnostic]]:
    """Return ``lines`` with the notes set at the foot of their pages put where their superscript
    marks stand on the same page.

    A page's notes are its last lines, the first opening with a number, further numbers counting
    on by one (a line without one continues the note before); they are taken only when every
    one has its mark (``¹``: the PDF reader gives raised small digits so) earlier on that page,
    in order, the foot being set apart by a gap or in smaller type. Otherwise the lines stay.
    """
    if not body_size:
        return lines, []
    pages: dict[int, list[int]] = {}
    for index, line in enumerate(lines):
        if line.text:
            pages.setdefault(line.page, []).append(index)
    out = list(lines)
    diagnostics: list[Diagnostic] = []
    for page, indexes in pages.items():
        # (Superscript digits are not ASCII: ASCII lines, most of them, are not searched.)
        if not any(not lines[index].text.isascii() and _SUPERSCRIPT_RUN.search(lines[index].text)
                   for index in indexes):
            continue
        best: tuple[int, list[tuple[int, int, int, n.Note]]] | None = None
        for start in range(len(indexes) - 1, 0, -1):
            first = indexes[start]
            if not _FOOT_ENTRY.match(lines[first].text):
                continue
            apart = not lines[first - 1].text or lines[first].size and lines[first].size <= _FOOT_SIZE * body_size
            notes = _foot_notes(lines, indexes, start) if apart else None
            placed = _marks_for(lines, indexes[:start], notes) if notes else None
            if placed:
                best = (start, placed)
        if best is None:
            continue
        start, placed = best
        for index, begin, end, note in sorted(placed, key=lambda item: (item[0], -item[1])):
            out[index] = _without_mark(out[index], begin, end, note)
        for index in indexes[start:]:
            out[index] = lines[index].break_between_pages
        diagnostics.append(Diagnostic(lines[indexes[start]].number, "notes", f"put the {len(placed)} note(s) at "
                                      f"the foot of page {page} where their marks stand", "info"))
    return out, diagnostics
