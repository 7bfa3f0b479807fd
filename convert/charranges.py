"""Sets of Unicode code point ranges, tested one character at a time without a regular expression.

A character class spanning thousands of code points takes Python 3.11 milliseconds to
compile (it fills a table one code point at a time), paid at every start by whoever imports
the pattern; a binary search over the ranges' edges costs nothing to build.
"""

from __future__ import annotations

import re
from bisect import bisect_right


class CharRanges:
    """Code point ranges ``(first, last)``, both inclusive; ``char in ranges`` tests one character,
    ``ranges.found_in(text)`` a whole text (with a pattern compiled the first time it is asked:
    whoever only imports the ranges pays nothing)."""

    __slots__ = ("_edges", "_pattern")

    def __init__(self, *ranges: tuple[int, int]) -> None:
        edges: list[int] = []
        for first, last in sorted(ranges):
            if first > last or (edges and first < edges[-1]):
                raise ValueError(f"bad or overlapping range {first:#x}-{last:#x}")
            edges += (first, last + 1)
        self._edges = tuple(edges)
        self._pattern: re.Pattern[str] | None = None

    def __contains__(self, char: str) -> bool:
        # Edges alternate start, end: an odd count of edges at or below the code point
        # means it lies inside a range.
        return bisect_right(self._edges, ord(char)) % 2 == 1

    def found_in(self, text: str) -> bool:
        """Return True if any character of ``text`` lies in the ranges (a scan at C speed)."""
        if self._pattern is None:
            pairs = zip(self._edges[::2], self._edges[1::2])
            self._pattern = re.compile("[" + "".join(f"{chr(first)}-{chr(end - 1)}" for first, end in pairs) + "]")
        return self._pattern.search(text) is not None


#: Chinese, Japanese and Korean characters: Hangul, CJK radicals and symbols, kana, ideographs,
#: compatibility forms and the full-width forms.
CJK = CharRanges((0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x3000, 0x33FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
                 (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF), (0x20000, 0x3FFFF))
