"""The text reader: a decoded text dump to lines, with what the text itself shows of the page.

1. ``split_lines``      numbered lines on pages (form feeds), their indents; blank lines kept
2. ``split_columns``    two columns that share each line (a layout-preserving dump) read one by one
3. ``collapse_spaces``  runs of spaces between words (justified text) made one
4. ``honorifics_first`` a right-to-left speaker's honorific, written after the name in visual
                        order ("<name> .Ms"), put back before it ("Ms. <name>")

``recover_text`` then hands the lines to structure recovery; ``recover_text_bytes`` is the
registered reader (``convert.readers``): bytes decoded first.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..decode import decode_bytes
from ..errors import Diagnostic
from ..lines import Line
from ..recover import Recovered, patterns, recover
from .columns import split_columns


def split_lines(text: str) -> list[Line]:
    """Return the numbered lines of ``text``, right-stripped; whitespace-only lines become blank.

    A form feed starts a new page; it is not a line of its own, so line numbers stay those an
    editor shows. A U+FFFE inside a line (PDFium's hyphen where it ran two lines into one) cuts
    it into the lines it was, each ending in a hyphen but the last, all under one number.
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
        if "\ufffe" in stripped:
            # PDFium ran two lines into one across a hyphen that broke a word, written U+FFFE:
            # the lines are cut apart again (both keep the number an editor shows), the hyphen
            # left for the line joiner to decide on.
            segments = stripped.split("\ufffe")
            parts = [segment.rstrip() + "-" * (at < len(segments) - 1) for at, segment in enumerate(segments)
                     if segment.strip()]
            lines.extend(Line(number, part, line_page, len(part) - len(part.lstrip()) if at == 0 else 0)
                         for at, part in enumerate(parts))
            if not parts:
                lines.append(Line(number, "", page))
        elif stripped.strip():
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


#: Letters that only ever end a word: Arabic teh marbuta and alef maksura, the five Hebrew
#: final forms. A word that starts with one was written with its letters reversed.
_WORD_FINAL_LETTERS = frozenset("\u0629\u0649\u05da\u05dd\u05df\u05e3\u05e5")


def _reading_order(name: str) -> str:
    """Return the right-to-left ``name`` with each word's letters in reading order: reversed
    where a word starts with a letter that only ends words (the extractor wrote it as drawn)."""
    words = name.split()
    if not any(word[:1] in _WORD_FINAL_LETTERS for word in words):
        return name
    return " ".join(word[::-1] for word in words)


def honorifics_first(lines: list[Line]) -> list[Line]:
    """Return ``lines`` with each speaker line an extractor wrote in visual order, a right-to-left
    name then its honorific with the period first ("<name> .Ms"), in reading order ("Ms. <name>").

    The name's words keep their order (the extractors that do this move only the honorific);
    their letters are put in reading order where they show that they were reversed.
    """
    out = lines
    for index in [index for index, line in enumerate(lines) if " ." in line.text]:
        found = patterns.VISUAL_ORDER_SPEAKER.match(lines[index].text.strip())
        if found:
            out = out if out is not lines else list(lines)
            out[index] = lines[index].with_text(f"{found['honorific']}. {_reading_order(found['name'])}")
    return out


def text_lines(text: str) -> list[Line]:
    """Return the lines of a decoded text dump, columns read one by one, spaces collapsed and
    honorifics written after right-to-left names put first."""
    lines = collapse_spaces(split_columns(split_lines(text)))
    return honorifics_first(lines) if " ." in text else lines


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
