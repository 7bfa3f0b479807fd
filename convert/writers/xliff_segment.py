"""Sentence segmentation of a unit's tokens with sentencex, for the XLIFF writers.

A unit splits into segments (sentences) and ignorables (the whitespace between them, kept
byte for byte). Abbreviations ("Mr.", "Dr.", "U.S.", "No. 5") do not end a sentence: that is
the segmenter's job. sentencex (Wikimedia's rule-based segmenter, with abbreviation lists for
some 250 languages) replaced pysbd, which recompiled its regular expressions for every
paragraph and made XLIFF export 50 times slower than every other writer. Where an inline code
would not fit inside one sentence, or the sentences cannot be matched back to the text, the
whole unit stays one segment: never ill-nested codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .xliff_units import Open, Token, plain


# Sentence ends in scripts that put no space between sentences.
_CJK_STOPS = "。！？｡．"
# A "sentence" that is only a list number ("1.", "(iv)", "b)") belongs to the sentence after it.
_LIST_NUMBER = re.compile(r"^\(?(?:\d{1,3}|[ivxlc]{1,5}|[a-z])[.)]$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Part:
    """A piece of a unit: a "segment" (a sentence) or an "ignorable" (whitespace only)."""

    kind: str
    tokens: tuple[Token, ...]


@lru_cache(maxsize=8)
def _segmenter(lang: str):
    """Return a function text -> sentences for ``lang``'s primary subtag (sentencex falls back
    to related languages, then to generic rules), or None for a tag that names no language."""
    from sentencex import segment

    primary = lang.split("-")[0].lower()
    if not primary.isalpha():
        return None
    return lambda text: segment(primary, text)


def sentence_spans(text: str, lang: str) -> list[tuple[int, int]] | None:
    """Return the (start, end) offsets of the sentences of ``text``, whitespace around them left out.

    Return None when the language has no segmenter or the sentences do not match the text.
    """
    segmenter = _segmenter(lang)
    if segmenter is None:
        return None
    spans: list[tuple[int, int]] = []
    pos = 0
    for piece in segmenter(text):
        core = piece.strip()
        if not core:
            continue
        start = text.find(core, pos)
        if start < 0 or text[pos:start].strip():
            return None
        glued = spans and start == spans[-1][1] and text[start - 1] not in _CJK_STOPS
        if glued or (spans and _LIST_NUMBER.match(text[spans[-1][0]:spans[-1][1]])):
            # No space after the "sentence": the segmenter split inside a token ("bold?</b>").
            spans[-1] = (spans[-1][0], start + len(core))
        else:
            spans.append((start, start + len(core)))
        pos = start + len(core)
    if text[pos:].strip() or not spans:
        return None
    return spans


def _code_spans(tokens: tuple[Token, ...]) -> dict[str, tuple[int, int]]:
    """Return each code's (start, end) text offsets."""
    offset = 0
    starts: dict[str, int] = {}
    spans: dict[str, tuple[int, int]] = {}
    for token in tokens:
        if isinstance(token, str):
            offset += len(token)
        elif isinstance(token, Open):
            starts[token.id] = offset
        else:
            spans[token.id] = (starts[token.id], offset)
    return spans


def _slice(tokens: tuple[Token, ...], start: int, end: int, codes: set[str]) -> tuple[Token, ...]:
    """Return the tokens of text range [start, end) with the codes in ``codes``."""
    out: list[Token] = []
    offset = 0
    for token in tokens:
        if isinstance(token, str):
            lo, hi = max(start, offset), min(end, offset + len(token))
            if lo < hi:
                out.append(token[lo - offset:hi - offset])
            offset += len(token)
        elif token.id in codes:
            out.append(token)
    return tuple(out)


def segment(tokens: tuple[Token, ...], lang: str) -> tuple[Part, ...]:
    """Return the parts of a unit: its sentences as segments, the whitespace between as ignorables."""
    whole = (Part("segment", tokens),)
    text = plain(tokens)
    sentences = sentence_spans(text, lang)
    if sentences is None:
        return whole
    ranges: list[tuple[str, int, int]] = []
    pos = 0
    for start, end in sentences:
        if start > pos:
            ranges.append(("ignorable", pos, start))
        ranges.append(("segment", start, end))
        pos = end
    if pos < len(text):
        ranges.append(("ignorable", pos, len(text)))

    owner: dict[int, set[str]] = {i: set() for i in range(len(ranges))}
    for code_id, (code_start, code_end) in _code_spans(tokens).items():
        fits = [i for i, (kind, start, end) in enumerate(ranges)
                if kind == "segment" and start <= code_start and code_end <= end]
        if not fits:
            return whole  # a code spans a sentence boundary: keep the unit whole
        owner[fits[0]].add(code_id)
    return tuple(Part(kind, _slice(tokens, start, end, owner[i]))
                 for i, (kind, start, end) in enumerate(ranges))

