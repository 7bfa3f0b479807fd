"""Lines: the numbered lines of a text dump, and the chunks (runs of non-blank lines) they form."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Line:
    """One source line: its 1-based number, its text ('' when blank), the page it is on and its indent.

    ``page`` counts form feeds (a dump's page breaks) from 1; ``indent`` is the number of
    leading spaces, which a layout-preserving dump uses for centring, columns and first-line indents.
    """

    number: int
    text: str
    page: int = 1
    indent: int = 0

    def with_text(self, text: str) -> Line:
        """Return this line with other ``text`` (its number, page and indent kept)."""
        return Line(self.number, text, self.page, self.indent)

    @property
    def blank(self) -> Line:
        """Return this line emptied (a removed line leaves a blank, which ends a paragraph)."""
        return Line(self.number, "", self.page, 0)


@dataclass(frozen=True, slots=True)
class Chunk:
    """A run of non-blank lines, and how many blank lines stood before it."""

    lines: tuple[Line, ...]
    gap_before: int

    @property
    def first(self) -> int:
        return self.lines[0].number

    @property
    def last(self) -> int:
        return self.lines[-1].number

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


@dataclass(frozen=True, slots=True)
class Dropped:
    """A source line left out of the tree on purpose, and why."""

    line: int
    text: str
    reason: str  # "page-number", "running-header", "contents", "list-marker", "title-block-connector"


def split_lines(text: str) -> list[Line]:
    """Return the numbered lines of ``text``, right-stripped; whitespace-only lines become blank.

    A form feed starts a new page; it is not a line of its own, so line numbers stay those an
    editor shows.
    """
    lines: list[Line] = []
    page = 1
    for number, raw in enumerate(text.split("\n"), 1):
        line_page = page
        if "\f" in raw:
            # The line is on the page its text starts on; a form feed after the text ends that page.
            text_start = len(raw) - len(raw.lstrip("\f \t"))
            line_page = page + raw.count("\f", 0, text_start)
            page += raw.count("\f")
            raw = raw.replace("\f", "")
        stripped = raw.rstrip()
        if stripped.strip():
            lines.append(Line(number, stripped, line_page, len(stripped) - len(stripped.lstrip())))
        else:
            lines.append(Line(number, "", page))
    return lines


def group_chunks(lines: list[Line]) -> list[Chunk]:
    """Return the runs of non-blank lines, each with the count of blank lines before it."""
    chunks: list[Chunk] = []
    current: list[Line] = []
    gap = 0
    for line in lines:
        if line.text:
            current.append(line)
            continue
        if current:
            chunks.append(Chunk(tuple(current), gap))
            current, gap = [], 0
        gap += 1
    if current:
        chunks.append(Chunk(tuple(current), gap))
    return chunks
