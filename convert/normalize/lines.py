"""Line-level repairs: split into numbered lines, drop page furniture, group lines into chunks."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import Diagnostic


@dataclass(frozen=True, slots=True)
class Line:
    """One source line, with its 1-based number; blank and whitespace-only lines have text ''."""

    number: int
    text: str


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
    reason: str  # "page-number", "running-header", "title-block-connector"


def split_lines(text: str) -> list[Line]:
    """Return the numbered lines of ``text``, right-stripped; whitespace-only lines become blank."""
    return [Line(number, raw.rstrip()) if raw.strip() else Line(number, "")
            for number, raw in enumerate(text.split("\n"), 1)]


_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*\d{1,4}\s*[-–—]"  # - 12 -
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"  # Page 3, Page 3 of 10, p. 4
    r"|\d{1,4}\s*(?:/|of)\s*\d{1,4}"  # 3/10, 3 of 10
    r"|\d{1,4}"  # 12
    r"|[ivxlc]{1,6})\s*$",  # roman page numbers
    re.IGNORECASE,
)


def _isolated(lines: list[Line], index: int) -> bool:
    """Return True if the line at ``index`` stands alone between blank lines (or the text's ends)."""
    before = index == 0 or not lines[index - 1].text
    after = index == len(lines) - 1 or not lines[index + 1].text
    return before and after


def drop_page_furniture(lines: list[Line], protect: Callable[[str], bool] = lambda text: False,
                        ) -> tuple[list[Line], list[Dropped], list[Diagnostic]]:
    """Blank out page-number lines and running headers/footers that a PDF-to-text dump leaves.

    A page number is an isolated line holding only a page number. A running header is a short
    isolated line that recurs at least three times, or twice with a page number close by;
    lines for which ``protect`` is true (headings, speaker names) are never taken for one.
    """
    page_numbers = {i for i, line in enumerate(lines)
                    if line.text and _isolated(lines, i) and _PAGE_NUMBER.match(line.text)}
    counts = Counter(line.text.strip() for i, line in enumerate(lines)
                     if line.text and _isolated(lines, i) and len(line.text) <= 100 and i not in page_numbers)

    def near_page_number(i: int) -> bool:
        return any(j in page_numbers for j in range(i - 4, i + 5))

    headers = {i for i, line in enumerate(lines)
               if i not in page_numbers and line.text and _isolated(lines, i)
               and len(line.text) <= 100 and not protect(line.text)
               and (counts[line.text.strip()] >= 3
                    or (counts[line.text.strip()] >= 2 and near_page_number(i)))}
    if not page_numbers and not headers:
        return lines, [], []
    kept: list[Line] = []
    dropped: list[Dropped] = []
    diagnostics: list[Diagnostic] = []
    for i, line in enumerate(lines):
        if i in page_numbers or i in headers:
            reason = "page-number" if i in page_numbers else "running-header"
            dropped.append(Dropped(line.number, line.text, reason))
            diagnostics.append(Diagnostic(line.number, reason,
                                          f"removed {reason.replace('-', ' ')} {line.text.strip()!r}", "info"))
            kept.append(Line(line.number, ""))
        else:
            kept.append(line)
    return kept, dropped, diagnostics


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
