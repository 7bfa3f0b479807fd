"""ReportLab's platypus, imported without compiling the patterns it needs only for rare jobs.

Python 3.11 compiles a character class range one code point at a time: a range over
thousands of code points takes milliseconds, and case-insensitive, tens of milliseconds.
``reportlab.platypus.paragraph`` compiles, when it is imported, a case-insensitive URL
pattern whose classes span the Basic Multilingual Plane (about 20 ms, a sixth of a PDF run),
and ``reportlab.lib.textsplit`` a CJK pattern (2 ms). ReportLab matches the first only to
split a long URL or a hyphenated word (``uriWasteReduce``, ``hyphenationLang``,
``embeddedHyphenation``: our styles turn none on), the second only in ``cjkwrap``, which
platypus never calls. While platypus is imported here, patterns with a range wider than
4,096 code points are compiled on first use instead: same matches, same errors, later.
Every other pattern is compiled as usual. The PDF writer's modules import platypus
through this one. (``re.compile`` is replaced process-wide for the milliseconds of that
import: a pattern another thread compiles meanwhile behaves the same.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_COMPILE = re.compile


class CompiledOnFirstUse:
    """A stand-in for a compiled pattern: compiles it on first use and forwards to it."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern, self.flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        """Return the compiled pattern (compiling it the first time)."""
        if self._compiled is None:
            self._compiled = _COMPILE(self.pattern, self.flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled(), name)


#: Widest character class range compiled at once, in code points.
WIDEST_RANGE = 4096


def costly_to_compile(pattern: object) -> bool:
    """Return whether ``pattern`` holds a literal range ``a-b`` wider than WIDEST_RANGE code points."""
    if not isinstance(pattern, str) or max(pattern, default="\0") < chr(WIDEST_RANGE):
        return False
    dash = pattern.find("-", 1)
    while 0 < dash < len(pattern) - 1:
        if ord(pattern[dash + 1]) - ord(pattern[dash - 1]) > WIDEST_RANGE:
            return True
        dash = pattern.find("-", dash + 1)
    return False


@contextmanager
def costly_patterns_compiled_on_first_use() -> Iterator[None]:
    """While in effect, ``re.compile`` defers the patterns ``costly_to_compile`` picks."""

    def compile(pattern, flags=0):  # noqa: A001 - stands in for re.compile
        if costly_to_compile(pattern):
            return CompiledOnFirstUse(pattern, int(flags))
        return _COMPILE(pattern, flags)

    re.compile = compile
    try:
        yield
    finally:
        re.compile = _COMPILE


with costly_patterns_compiled_on_first_use():
    from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, Indenter, LongTable,
                                    NextPageTemplate, PageBreak, PageTemplate, Paragraph, Spacer, Table,
                                    TableStyle)
    from reportlab.platypus.flowables import HRFlowable
    from reportlab.platypus.paraparser import ParaFrag, sizeDelta, supFraction

__all__ = ["BaseDocTemplate", "CondPageBreak", "Flowable", "Frame", "HRFlowable", "Indenter", "LongTable",
           "NextPageTemplate", "PageBreak", "PageTemplate", "ParaFrag", "Paragraph", "Spacer", "Table",
           "TableStyle", "sizeDelta", "supFraction"]
