"""The text reader: a decoded text dump to lines, with what the text itself shows of the page.

1. ``split_lines``      numbered lines on pages (form feeds), their indents; blank lines kept
2. ``split_columns``    two columns that share each line (a layout-preserving dump) read one by one
3. ``collapse_spaces``  runs of spaces between words (justified text) made one

``recover_text`` then hands the lines to structure recovery; ``recover_text_bytes`` is the
registered reader (``convert.readers``): bytes decoded first.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..decode import decode_bytes
from ..errors import Diagnostic
from ..lines import Line
from ..recover import Recovered, recover
from .columns import split_columns


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


_SPACE_RUN = re.compile(r"(?<=\S) {2,}(?=\S)")


def collapse_spaces(lines: list[Line]) -> list[Line]:
    """Return ``lines`` with runs of spaces between words made one (justified text, table gaps).

    The indent stays: it is evidence (first-line indents, centring), read by later steps.
    """
    return [line.with_text(_SPACE_RUN.sub(" ", line.text)) if "  " in line.text.lstrip() else line
            for line in lines]


def text_lines(text: str) -> list[Line]:
    """Return the lines of a decoded text dump, columns read one by one and spaces collapsed."""
    return collapse_spaces(split_columns(split_lines(text)))


#: What an extractor writes for a glyph its PDF's font map cannot turn back into text.
_CID = re.compile(r"\(cid:\d+\)")


def unmapped_glyphs(lines: list[Line]) -> list[Diagnostic]:
    """Return a warning for each line with ``(cid:NN)`` codes: characters lost in the PDF, kept as written."""
    return [Diagnostic(line.number, "unmapped-glyphs",
                       f"{len(found)} character(s) the PDF's font map did not give back as text "
                       f"(kept as {found[0]!r}); extract the text again with another tool, or OCR")
            for line in lines if "(cid:" in line.text for found in [_CID.findall(line.text)] if found]


def recover_text(text: str, *, lang: str = "en", fallback_title: str = "") -> Recovered:
    """Return the document tree recovered from the decoded report ``text``."""
    lines = text_lines(text)
    recovered = recover(lines, lang=lang, fallback_title=fallback_title)
    warnings = unmapped_glyphs(lines)
    if not warnings:
        return recovered
    return replace(recovered, diagnostics=tuple(sorted((*recovered.diagnostics, *warnings), key=lambda d: d.line)))


def recover_text_bytes(data: bytes, name: str, *, lang: str = "en", fallback_title: str = "") -> Recovered:
    """Return the document tree of the text dump ``data`` (file ``name``): decoded (an unusable
    file raises InputError), then recovered; the decoder's diagnostics come first."""
    decoded = decode_bytes(data, name)
    recovered = recover_text(decoded.text, lang=lang, fallback_title=fallback_title)
    if not decoded.diagnostics:
        return recovered
    return replace(recovered, diagnostics=(*decoded.diagnostics, *recovered.diagnostics))
