"""ReportLab's platypus, imported without compiling the patterns that only its hyphenation uses.

``reportlab.platypus.paragraph`` compiles, when it is imported, a case-insensitive URL
pattern whose character classes span the Basic Multilingual Plane. Python 3.11 compiles
such a class by case-folding each of its 65,000 characters: about 20 ms, a sixth of a PDF
run. ReportLab matches that pattern only to split a long URL or a hyphenated word
(``uriWasteReduce``, ``hyphenationLang``, ``embeddedHyphenation``), which our styles never
turn on. While platypus is imported here, such patterns (case-insensitive, with characters
beyond Latin-1) are compiled on first use instead: same matches, same errors, later.
Every other pattern is compiled as usual. The PDF writer's modules import platypus
through this one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


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


_COMPILE = re.compile


def costly_to_compile(pattern: object, flags: int) -> bool:
    """Return whether Python would case-fold a wide character class to compile ``pattern``."""
    return isinstance(pattern, str) and bool(flags & re.IGNORECASE) and max(pattern, default="") > "\xff"


@contextmanager
def costly_patterns_compiled_on_first_use() -> Iterator[None]:
    """While in effect, ``re.compile`` defers the patterns ``costly_to_compile`` picks."""

    def compile(pattern, flags=0):  # noqa: A001 - stands in for re.compile
        if costly_to_compile(pattern, int(flags)):
            return CompiledOnFirstUse(pattern, int(flags))
        return _COMPILE(pattern, flags)

    re.compile = compile
    try:
        yield
    finally:
        re.compile = _COMPILE


with costly_patterns_compiled_on_first_use():
    from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, Indenter,
                                    NextPageTemplate, PageBreak, PageTemplate, Paragraph, Spacer, Table,
                                    TableStyle)
    from reportlab.platypus.flowables import HRFlowable
    from reportlab.platypus.paraparser import ParaFrag

__all__ = ["BaseDocTemplate", "CondPageBreak", "Flowable", "Frame", "HRFlowable", "Indenter",
           "NextPageTemplate", "PageBreak", "PageTemplate", "ParaFrag", "Paragraph", "Spacer", "Table",
           "TableStyle"]
