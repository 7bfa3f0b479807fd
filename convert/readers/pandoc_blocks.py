"""pandoc's JSON AST to lines: what the source declares (headings, paragraphs, lists, bold and
italic runs) given to structure recovery as a typesetter would show it.

- ``Header``: one line, set large and bold, its text declared as a heading (``outline``);
- ``Para``, ``Plain``: one line; a ``LineBreak`` in it starts a line that the one before wraps
  into (so "**Mr. X**\\\\ Director of Y" is a name with its affiliation under it); ``Strong``
  and ``Emph`` become the lines' bold and italic runs (``marks``);
- ``BulletList``, ``OrderedList``: a line per item, after a "• " or "N. " marker; a list inside
  an item is flattened into the items (with a diagnostic);
- ``BlockQuote``, ``Div``: their contents;
- ``CodeBlock``, ``RawBlock``, ``Table``, ``Figure``, ``DefinitionList``, ``LineBlock``: their
  text as lines, with a diagnostic (nothing is lost; tables and notes are structure to come);
- ``Note``: "[N]" where it stands, its text a paragraph after the block, with a diagnostic.

A blank line stands between blocks, and the line before it ends a paragraph (``ends_block``):
recovery never joins two of the source's paragraphs. Nesting is bounded (``MAX_NESTING``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..decode import clean_line
from ..errors import Diagnostic, InputError
from ..lines import Line

#: Blocks and inlines nest at most this deep (a list in a list in a quote ...); deeper input is
#: refused. Real documents stay under ten; the bound keeps the walk's recursion safe.
MAX_NESTING = 100
#: The type size of running text, and of headings by level: the source says which is which,
#: recovery compares sizes only with each other.
BODY_SIZE = 10.0
HEADING_SIZES = {1: 16.0, 2: 14.0, 3: 13.0}
SMALLEST_HEADING_SIZE = 12.0
#: Inline elements whose text is kept as it is, without a style of ours.
_TRANSPARENT = frozenset({"Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps"})
_QUOTES = {"DoubleQuote": ("\u201c", "\u201d"), "SingleQuote": ("\u2018", "\u2019")}
_WHITESPACE = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\f": " ", "\v": " "})


def clean(text: str) -> str:
    """Return source text cleaned as a dump's is (``decode.clean_line``: odd spaces plain, soft
    hyphens and controls removed), its line breaks and tabs made spaces."""
    return clean_line(text.translate(_WHITESPACE))


def too_deep(name: str) -> InputError:
    """Return the error for a source nested deeper than MAX_NESTING."""
    return InputError(f"the document nests lists, quotes or sections more than {MAX_NESTING} levels deep; "
                      "it cannot be read", name)


@dataclass
class _Run:
    """One line being built: its characters' text and styles."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    marks: list[tuple[int, int, bool, bool]] = field(default_factory=list)

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

    def __init__(self, name: str) -> None:
        self.name = name
        self.lines: list[Line] = []
        self.outline: list[str] = []
        self.diagnostics: list[Diagnostic] = []
        self.notes: list[list[dict[str, Any]]] = []  # notes met in the block being walked
        self.note_count = 0
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
             wraps: bool | None = False) -> None:
        """Add one line (stripped of surrounding spaces, its marks moved along)."""
        stripped = text.strip()
        if not stripped:
            return
        offset = len(text) - len(text.lstrip())
        moved = tuple((max(start - offset, 0), min(end - offset, len(stripped)), b, i) for start, end, b, i in marks
                      if min(end - offset, len(stripped)) > max(start - offset, 0))
        italic = bool(moved) and sum(end - start for start, end, _, i in moved if i) * 2 > len(stripped)
        bold = bold or bool(moved) and sum(end - start for start, end, b, _ in moved if b) * 2 > len(stripped)
        self.lines.append(Line(self.next_number, stripped, size=size, bold=bold, italic=italic,
                               wraps=wraps, marks=moved))

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
            elif kind in _TRANSPARENT:
                self._inlines(content, runs, bold, italic, depth + 1)
            elif kind == "Span":
                self._inlines(content[1], runs, bold, italic, depth + 1)
            elif kind == "Quoted":
                opening, closing = _QUOTES[content[0]["t"]]
                runs[-1].add(opening, bold, italic)
                self._inlines(content[1], runs, bold, italic, depth + 1)
                runs[-1].add(closing, bold, italic)
            elif kind == "Cite":
                self._inlines(content[1], runs, bold, italic, depth + 1)
            elif kind == "Link":
                self._inlines(content[1], runs, bold, italic, depth + 1)
            elif kind == "Image":
                if content[1]:
                    self.note_once("image", "an image: its description kept as text, the picture left out")
                self._inlines(content[1], runs, bold, italic, depth + 1)
            elif kind in ("Code", "Math"):
                runs[-1].add(clean(content[1]), bold, italic)
            elif kind == "RawInline":
                self.note_once("raw-inline", f"raw {content[0]} markup kept as text")
                runs[-1].add(clean(content[1]), bold, italic)
            elif kind == "Note":
                self.note_count += 1
                self.notes.append(content)
                runs[-1].add(f"[{self.note_count}]", False, False)
            else:
                raise InputError(f"pandoc gave an inline element this reader does not know: {kind}", self.name)

    def paragraph(self, inlines: list[dict[str, Any]], prefix: str = "", depth: int = 0,
                  size: float = BODY_SIZE, wraps_first: bool | None = False) -> None:
        """Add the lines of a paragraph; ``prefix`` (a list marker) goes before its first line."""
        runs = self.runs(inlines, depth)
        for index, run in enumerate(runs):
            text, marks = "".join(run.parts), tuple(run.marks)
            if index == 0 and prefix:
                lead = len(text) - len(text.lstrip())
                shift = len(prefix) - lead
                text = prefix + text[lead:]
                marks = tuple((max(start + shift, len(prefix)), end + shift, bold, italic)
                              for start, end, bold, italic in marks if end + shift > len(prefix))
            self.line(text, marks, size=size, wraps=wraps_first if index == 0 else True)

    def flush_notes(self, depth: int) -> None:
        """Add the notes met in the block just walked, each a paragraph after it."""
        while self.notes:
            pending, self.notes = self.notes, []
            first = self.note_count - len(pending) + 1
            for number, blocks in enumerate(pending, first):
                self.blank()
                self.note("note", f"footnote {number} kept as a paragraph after its block")
                self.blocks(blocks, depth + 1, prefix=f"[{number}] ")

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
            text = " ".join("".join(run.parts).strip() for run in self.runs(inlines, depth))
            size = HEADING_SIZES.get(level, SMALLEST_HEADING_SIZE)
            self.blank()
            if text.strip():
                self.outline.append(text.strip())
                self.line(text, size=size, bold=True)
            self.blank()
        elif kind in ("Para", "Plain"):
            self.blank()
            self.paragraph(content, prefix, depth)
            self.blank()
        elif kind in ("BulletList", "OrderedList"):
            self.list(kind, content, depth)
        elif kind == "BlockQuote":
            self.blocks(content, depth + 1, prefix)
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
        elif kind == "Table":
            self.table(content, depth)
        elif kind == "Figure":
            self.blank()
            self.note("figure", "a figure: its caption and text kept as paragraphs, the picture left out")
            self.blocks(content[1][1], depth + 1)
            self.blocks(content[2], depth + 1)
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
        if depth == 0:
            self.flush_notes(depth)

    def list(self, kind: str, content: list, depth: int) -> None:
        """Add a line per item after its marker, a blank line before and after the list."""
        self.blank()
        self.list_items(kind, content, depth)
        self.blank()

    def item(self, blocks: list[dict[str, Any]], marker: str, depth: int) -> None:
        """Add one list item: its first paragraph after ``marker``, the rest running on from it."""
        first = True
        for node in blocks:
            kind, content = node["t"], node.get("c")
            if kind in ("BulletList", "OrderedList"):
                self.note_once("nested-list", "a list inside a list item: its items follow as items of their own")
                self.list_items(kind, content, depth + 1)
            elif kind in ("Para", "Plain"):
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

    def table(self, content: list, depth: int) -> None:
        """Add a table's caption, then a line per row: its cells' text joined by " | "."""
        _, caption, _, head, bodies, foot = content
        self.blank()
        self.note("table", "a table kept as lines of text, a row a line, cells joined by ' | '")
        self.blocks(caption[1], depth + 1)
        self.blank()
        rows = list(head[1])
        for body in bodies:
            rows += body[2] + body[3]
        rows += foot[1]
        for row in rows:
            cells = [self.cell_text(cell[4], depth) for cell in row[1]]
            self.line(" | ".join(cells))
            self.blank()

    def cell_text(self, blocks: list[dict[str, Any]], depth: int) -> str:
        """Return the text of a table cell's blocks, walked as any blocks are, on one line."""
        inner = LineMaker(self.name)
        inner.note_count = self.note_count
        inner.blocks(blocks, depth + 1)
        self.note_count = inner.note_count
        self.notes += inner.notes
        for diagnostic in inner.diagnostics:
            self.note_once(diagnostic.code, diagnostic.message)
        return " ".join(line.text for line in inner.lines if line.text)


def _is_comment(content: list) -> bool:
    """Return True for a raw HTML block that is only a comment (pandoc's Markdown writer puts
    ``<!-- -->`` between two lists it keeps apart): it holds no text of the document."""
    fmt, text = content
    stripped = text.strip()
    return fmt == "html" and stripped.startswith("<!--") and stripped.endswith("-->") and stripped.count("<!--") == 1
