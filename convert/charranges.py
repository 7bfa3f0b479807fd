"""Sets of Unicode code point ranges, tested one character at a time without a regular expression.

A character class spanning thousands of code points takes Python 3.11 milliseconds to
compile (it fills a table one code point at a time), paid at every start by whoever imports
the pattern; a binary search over the ranges' edges costs nothing to build.
"""

from __future__ import annotations

from bisect import bisect_right


class CharRanges:
    """Code point ranges ``(first, last)``, both inclusive; ``char in ranges`` tests one character."""

    __slots__ = ("_edges",)

    def __init__(self, *ranges: tuple[int, int]) -> None:
        edges: list[int] = []
        for first, last in sorted(ranges):
            if first > last or (edges and first < edges[-1]):
                raise ValueError(f"bad or overlapping range {first:#x}-{last:#x}")
            edges += (first, last + 1)
        self._edges = tuple(edges)

    def __contains__(self, char: str) -> bool:
        # Edges alternate start, end: an odd count of edges at or below the code point
        # means it lies inside a range.
        return bisect_right(self._edges, ord(char)) % 2 == 1
