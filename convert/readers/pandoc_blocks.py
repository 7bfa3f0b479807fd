"""pandoc's JSON AST to lines: what the source declares (headings, paragraphs, lists, bold and
italic runs) given to structure recovery as a typesetter would show it.

- ``Header``: one line, set large and bold, its text declared as a heading (``outline``); but
  a speaker's name line set as a heading (its role after a ``LineBreak``) is a paragraph's;
- ``Para``, ``Plain``: one line; a ``LineBreak`` in it starts a line that the one before wraps
  into (so "**Mr. X**\\\\ Director of Y" is a name with its affiliation under it); ``Strong``
  and ``Emph`` become the lines' bold and italic runs (``marks``);
- ``BulletList``, ``OrderedList``: a line per item, after a "• " or "N. " marker; a list with
  a list inside an item comes whole, nested, made by ``pandoc_nodes``;
- ``Link``, ``Note``, ``Image``: anchors in the line (``lines.Anchor``), made our nodes by
  ``convert.readers.pandoc_nodes`` (a link to a target we may not keep, or over a line break,
  is its text; a picture the document does not hold is its description);
- ``Table``, ``Figure``, ``BlockQuote``: a line standing for the block, made whole by
  ``pandoc_nodes`` (nothing in them is a heading or a speaker);
- ``Div``: its contents;
- ``CodeBlock``, ``RawBlock``, ``DefinitionList``, ``LineBlock``: their text as lines, with a
  diagnostic.

A blank line stands between blocks, and the line before it ends a paragraph (``ends_block``):
recovery never joins two of the source's paragraphs. Nesting is bounded (``MAX_NESTING``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .. import nodes as n
from ..errors import Diagnostic, InputError
from ..lines import Anchor, Line
from ..nodes import Block
from ..recover.blocks import is_speaker_line
from .pandoc_nodes import QUOTES, TRANSPARENT, MAX_NESTING, NodeMaker, clean, too_deep

#: The type size of running text, and of headings by level: the source says which is which,
#: recovery compares sizes only with each other.
BODY_SIZE = 10.0
HEADING_SIZES = {1: 16.0, 2: 14.0, 3: 13.0}
SMALLEST_HEADING_SIZE = 12.0


@dataclass
class _Run:
    """One line being built: its characters' text and styles."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    marks: list[tuple[int, int, bool, bool]] = field(default_factory=list)
    anchors: list[Anchor] = field(default_factory=list)

    def add(self, text: str, bold: bool, italic: bool) -> None:
        if not text:
            return
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        if bold or italic:
            if self.marks and self.marks[-1][1] == start and self.marks[-1][2:] == (bold, italic):
                self.marks[-1] = (self.marks[-1][0], self.length, bold, italic)
            else:
                self.marks.append((start, self.length, bold, italic))


class LineMaker:
    """Per-run state of one walk: the lines made, the declared headings, the diagnostics."""

    def __init__(self, name: str, nodes: NodeMaker | None = None) -> None:
        self.name = name
        self.nodes = nodes or NodeMaker(name)
        self.lines: list[Line] = []
        self.outline: list[str] = []
        self.diagnostics: list[Diagnostic] = []
        self.said: set[tuple[str, int]] = set()

    # --- lines -----------------------------------------------------------------------

    @property
    def next_number(self) -> int:
        return len(self.lines) + 1

    def blank(self) -> None:
        """End the block: its last line ends a paragraph, then a blank line (one only)."""
        if self.lines and self.lines[-1].text:
            self.lines[-1] = replace(self.lines[-1], ends_block=True)
            self.lines.append(Line(self.next_number, ""))

    def line(self, text: str, marks: tuple = (), *, size: float = BODY_SIZE, bold: bool = False,
             wraps: bool | None = False, anchors: tuple[Anchor, ...] = ()) -> None:
        """Add one line (stripped of surrounding spaces, its marks and anchors moved along; a line
        of anchors alone, a note's mark, goes on the line before)."""
        stripped = text.strip()
        if not stripped:
            if anchors and self.lines and self.lines[-1].text:
                last = self.lines[-1]
                end = len(last.text)
                self.lines[-1] = replace(last, anchors=(*last.anchors, *(Anchor(end, end, a.inline) for a in anchors)))
            return
        offset = len(text) - len(text.lstrip())
        moved = tuple((max(start - offset, 0), min(end - offset, len(stripped)), b, i) for start, end, b, i in marks
                      if min(end - offset, len(stripped)) > max(start - offset, 0))
        italic = bool(moved) and sum(end - start for start, end, _, i in moved if i) * 2 > len(stripped)
        bold = bold or bool(moved) and sum(end - start for start, end, b, _ in moved if b) * 2 > len(stripped)
        placed = tuple(Anchor(min(max(a.start - offset, 0), len(stripped)), min(max(a.end - offset, 0), len(stripped)),
                              a.inline) for a in anchors)
        self.lines.append(Line(self.next_number, stripped, size=size, bold=bold, italic=italic,
                               wraps=wraps, marks=moved, anchors=placed))

    def block_line(self, block: Block) -> None:
        """Add a line standing for ``block``, made whole (a table, a figure, a block quote)."""
        self.blank()
        words = " ".join(n.plain_text(b.inlines) for b in n.iter_blocks((block,)) if isinstance(b, n.Para))
        self.lines.append(Line(self.next_number, clean(words)[:200] or "\ufffc", block=block, ends_block=True))
        self.blank()

    def note(self, code: str, message: str, severity: str = "info") -> None:
        """Add a diagnostic at the next line."""
        self.diagnostics.append(Diagnostic(self.next_number, code, message, severity))

    def note_once(self, code: str, message: str) -> None:
        """Add a diagnostic of kind ``code`` once per block."""
        key = (code, self.next_number)
        if key not in self.said:
            self.said.add(key)
            self.note(code, message)

    # --- inlines ---------------------------------------------------------------------

    def runs(self, inlines: list[dict[str, Any]], depth: int = 0) -> list[_Run]:
        """Return the lines of ``inlines``: a LineBreak starts a new one."""
        runs = [_Run()]
        self._inlines(inlines, runs, False, False, depth)
        return runs

    def _inlines(self, inlines: list[dict[str, Any]], runs: list[_Run], bold: bool, italic: bool,
                 depth: int) -> None:
        if depth > MAX_NESTING:
            raise too_deep(self.name)
        styled = bold or italic
        for node in inlines:
            kind, content = node["t"], node.get("c")
            if kind == "Str" or kind == "Space" or kind == "SoftBreak":  # most of the text: kept quick
                text = " " if content is None else content if content.isascii() and content.isprintable() \
                    else clean(content)
                run = runs[-1]
                if styled:
                    run.add(text, bold, italic)
                else:
                    run.parts.append(text)
                    run.length += len(text)
            elif kind == "LineBreak":
                runs.append(_Run())
            elif kind == "Strong":
                self._inlines(content, runs, True, italic, depth + 1)
            elif kind == "Emph":
                self._inlines(content, runs, bold, True, depth + 1)
            elif kind in TRANSPARENT:
                self._inlines(content, runs, bold, italic, depth + 1)
            elif kind == "Span":
                self._inlines(content[1], runs, bold, italic, depth + 1)
            elif kind == "Quoted":
                opening, closing = QUOTES[content[0]["t"]]
                runs[-1].add(opening, bold, italic)
                self._inlines(content[1], runs, bold, italic, depth + 1)
                runs[-1].add(closing, bold, italic)
            elif kind == "Cite":
                self._inlines(content[1], runs, bold, italic, depth + 1)
            elif kind == "Link":
                run, start = runs[-1], runs[-1].length
                self._inlines(content[1], runs, bold, italic, depth + 1)
                target = self.nodes.target(content[2][0])
                if runs[-1] is run and run.length > start and target is not None:
                    run.anchors.append(Anchor(start, run.length, n.Link((), target)))
            elif kind == "Image":
                image = self.nodes.image(content)
                if image is not None:
                    runs[-1].anchors.append(Anchor(runs[-1].length, runs[-1].length, image))
                else:
                    self._inlines(content[1], runs, bold, italic, depth + 1)
            elif kind in ("Code", "Math"):
                runs[-1].add(clean(content[1]), bold, italic)
            elif kind == "RawInline":
                self.note_once("raw-inline", f"raw {content[0]} markup kept as text")
                runs[-1].add(clean(content[1]), bold, italic)
            elif kind == "Note":
                note = n.Note(self.nodes.blocks(content, depth + 1))
                runs[-1].anchors.append(Anchor(runs[-1].length, runs[-1].length, note))
            else:
                raise InputError(f"pandoc gave an inline element this reader does not know: {kind}", self.name)

    def paragraph(self, inlines: list[dict[str, Any]], prefix: str = "", depth: int = 0,
                  size: float = BODY_SIZE, wraps_first: bool | None = False) -> None:
        """Add the lines of a paragraph; ``prefix`` (a list marker) goes before its first line."""
        runs = self.runs(inlines, depth)
        for index, run in enumerate(runs):
            text, marks, anchors = "".join(run.parts), tuple(run.marks), tuple(run.anchors)
            if index == 0 and prefix:
                lead = len(text) - len(text.lstrip())
                shift = len(prefix) - lead
                text = prefix + text[lead:]
                marks = tuple((max(start + shift, len(prefix)), end + shift, bold, italic)
                              for start, end, bold, italic in marks if end + shift > len(prefix))
                anchors = tuple(Anchor(max(a.start + shift, len(prefix)), max(a.end + shift, len(prefix)), a.inline)
                                for a in anchors)
            self.line(text, marks, size=size, wraps=wraps_first if index == 0 else True, anchors=anchors)

    # --- blocks ----------------------------------------------------------------------

    def blocks(self, blocks: list[dict[str, Any]], depth: int = 0, prefix: str = "") -> None:
        """Add the lines of ``blocks``; ``prefix`` (a list marker) goes before the first one's text."""
        if depth > MAX_NESTING:
            raise too_deep(self.name)
        for index, node in enumerate(blocks):
            self.block(node, depth, prefix if index == 0 else "")

    def block(self, node: dict[str, Any], depth: int, prefix: str = "") -> None:
        """Add the lines of one block; an unknown block type is an error."""
        kind, content = node["t"], node.get("c")
        if kind == "Header":
            level, _, inlines = content
            runs = self.runs(inlines, depth)
            if is_speaker_line("".join(runs[0].parts).strip()):
                # A speaker's name (and role, after a line break) set as a heading ("<h3>Ms. X<br>
                # Director of Y</h3>"): no section's title, a name with its affiliation under it.
                self.blank()
                self.paragraph(inlines, prefix, depth)
                self.blank()
                return
            text = " ".join("".join(run.parts).strip() for run in runs)
            size = HEADING_SIZES.get(level, SMALLEST_HEADING_SIZE)
            self.blank()
            if text.strip():
                self.outline.append(text.strip())
                self.line(text, size=size, bold=True)
            self.blank()
        elif kind in ("Para", "Plain"):
            shown = [inline for inline in content if inline["t"] not in ("Space", "SoftBreak", "LineBreak")]
            image = self.nodes.image(shown[0]["c"]) if len(shown) == 1 and shown[0]["t"] == "Image" else None
            if image is not None:  # a picture standing alone (pandoc's ODT reader gives figures so)
                if prefix:
                    self.line(prefix.strip())
                self.block_line(n.Figure(image))
                return
            self.blank()
            self.paragraph(content, prefix, depth)
            self.blank()
        elif kind in ("BulletList", "OrderedList"):
            self.list(kind, content, depth)
        elif kind in ("BlockQuote", "Table", "Figure"):
            if prefix:
                self.line(prefix.strip())
            for block in self.nodes.block(node, depth + 1):
                if isinstance(block, n.Para):  # a figure whose picture is not in the document: its words
                    self.blank()
                    self.line(n.plain_text(block.inlines))
                    self.blank()
                else:
                    self.block_line(block)
        elif kind == "Div":
            self.blocks(content[1], depth + 1, prefix)
        elif kind == "LineBlock":
            self.blank()
            for index, inlines in enumerate(content):
                self.paragraph(inlines, prefix if index == 0 else "", depth, wraps_first=index > 0)
            self.blank()
        elif kind in ("CodeBlock", "RawBlock"):
            text = content[1]
            if kind == "RawBlock" and _is_comment(content):
                return
            self.blank()
            what = "a code block" if kind == "CodeBlock" else f"raw {content[0]} markup"
            self.note("verbatim", f"{what} kept as lines of text")
            for index, line in enumerate(text.split("\n")):
                self.line((prefix if index == 0 else "") + clean(line), wraps=index > 0)
            self.blank()
        elif kind == "DefinitionList":
            self.blank()
            self.note("definition-list", "a definition list kept as paragraphs: each term, then its definitions")
            for term, definitions in content:
                self.paragraph(term, depth=depth)
                self.blank()
                for definition in definitions:
                    self.blocks(definition, depth + 1)
        elif kind in ("HorizontalRule", "Null"):
            self.blank()
        else:
            raise InputError(f"pandoc gave a block this reader does not know: {kind}", self.name)

    def list(self, kind: str, content: list, depth: int) -> None:
        """Add a line per item after its marker, a blank line before and after the list; a list
        with a list inside an item comes whole, nested as it is (a line standing for it)."""
        items = content[1] if kind == "OrderedList" else content
        if any(block.get("t") in ("BulletList", "OrderedList") for item in items for block in item):
            for block in self.nodes.block({"t": kind, "c": content}, depth + 1):
                self.block_line(block)
            return
        self.blank()
        self.list_items(kind, content, depth)
        self.blank()

    def item(self, blocks: list[dict[str, Any]], marker: str, depth: int) -> None:
        """Add one list item: its first paragraph after ``marker``, the rest running on from it."""
        first = True
        for node in blocks:
            kind, content = node["t"], node.get("c")
            if kind in ("Para", "Plain"):
                self.paragraph(content, marker if first else "", depth + 1, wraps_first=not first)
                first = False
            else:
                if first:
                    self.line(marker.strip())
                self.block(node, depth + 1)
                first = False

    def list_items(self, kind: str, content: list, depth: int) -> None:
        """Add the items of a list ("• " or "N. " before each); a list inside an item adds its
        items after that item's, as items of their own."""
        if depth > MAX_NESTING:
            raise too_deep(self.name)
        ordered = kind == "OrderedList"
        start, items = (content[0][0], content[1]) if ordered else (1, content)
        for number, item in enumerate(items, start):
            self.item(item, f"{number}. " if ordered else "\u2022 ", depth)


def _is_comment(content: list) -> bool:
    """Return True for a raw HTML block that is only a comment (pandoc's Markdown writer puts
    ``<!-- -->`` between two lists it keeps apart): it holds no text of the document."""
    fmt, text = content
    stripped = text.strip()
    return fmt == "html" and stripped.startswith("<!--") and stripped.endswith("-->") and stripped.count("<!--") == 1
