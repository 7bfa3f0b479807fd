"""Word lists with levels made nested lists.

The body reader puts a list item's marker ("3.", "•") before its text and lets recovery find
the list, which gives flat lists. Where a run of list paragraphs (one after another, nothing
but blank lines between) goes below its first level, the run is made one nested list here
instead, as Word draws it: a deeper item starts a list inside the item before it, a shallower
one closes it; a change between numbered and bulleted at one level starts a new list. Each
item's paragraph (marker taken off) is made blocks as a table cell's are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import nodes as n
from ..lines import Line
from ..recover.simple import simple_blocks


@dataclass(frozen=True, slots=True)
class ItemMark:
    """What the reader knows of a list paragraph: its level, numbered or not, its number, and
    how many characters its marker (and the space after it) take at the start of its text."""

    level: int
    ordered: bool
    number: int
    marker_chars: int


@dataclass
class _Open:
    level: int
    ordered: bool
    start: int
    items: list[list[n.Block]] = field(default_factory=list)

    def node(self) -> n.Block:
        items = tuple(n.Item(tuple(blocks)) for blocks in self.items)
        return n.OrderedList(items, self.start) if self.ordered else n.BulletList(items)


def _unmarked(line: Line, chars: int) -> Line:
    """Return ``line`` without its marker (``chars`` characters) and the spaces after it."""
    line = line.without_prefix(chars)
    return line.without_prefix(len(line.text) - len(line.text.lstrip()))


def nested_list(entries: list[tuple[ItemMark, list[Line]]]) -> tuple[n.Block, ...]:
    """Return the lists of a run of list paragraphs, nested by level."""
    out: list[n.Block] = []
    stack: list[_Open] = []

    def close() -> None:
        done = stack.pop().node()
        if stack and stack[-1].items:
            stack[-1].items[-1].append(done)
        else:
            out.append(done)

    for mark, lines in entries:
        while stack and stack[-1].level > mark.level:
            close()
        if stack and stack[-1].level == mark.level and stack[-1].ordered != mark.ordered:
            close()
        if not stack or stack[-1].level < mark.level:
            stack.append(_Open(mark.level, mark.ordered, mark.number if mark.ordered else 1))
        first = [_unmarked(lines[0], mark.marker_chars), *lines[1:]]
        stack[-1].items.append(list(simple_blocks(first)))
    while stack:
        close()
    return tuple(out)


def nest_lists(lines: list[Line], items: dict[int, ItemMark]) -> list[Line]:
    """Return ``lines`` with each run of list paragraphs that goes below its first level made a
    line standing for the nested list (``items``: paragraph number -> its mark)."""
    if not any(mark.level for mark in items.values()):
        return lines
    out: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.text or line.number not in items or line.block is not None:
            out.append(line)
            index += 1
            continue
        run: list[tuple[ItemMark, list[Line]]] = []
        end = index
        while end < len(lines) and (not lines[end].text or lines[end].number in items and lines[end].block is None):
            if lines[end].text:
                if run and run[-1][1][0].number == lines[end].number:
                    run[-1][1].append(lines[end])
                else:
                    run.append((items[lines[end].number], [lines[end]]))
            end += 1
        if any(mark.level > run[0][0].level for mark, _ in run):
            for block in nested_list(run):
                words = " ".join(n.plain_text(b.inlines) for b in n.iter_blocks((block,)) if isinstance(b, n.Para))
                out.append(Line(line.number, " ".join(words.split())[:200] or "\ufffc", block=block, ends_block=True))
                out.append(Line(line.number, ""))
        else:
            out.extend(lines[index:end])
        index = end
    return out
