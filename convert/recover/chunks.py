"""Chunks: the runs of lines that structure recovery classifies as headings, speakers and text."""

from __future__ import annotations

from dataclasses import dataclass

from ..lines import Line


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
