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
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from .xliff_tokens import Close, Open, Token, plain


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

    Return None when the language has no segmenter, the segmenter fails on the text, or the
    sentences do not match the text.
    """
    segmenter = _segmenter(lang)
    if segmenter is None:
        return None
    try:
        pieces = list(segmenter(text))
    except BaseException as error:
        # sentencex's Rust code can panic on odd text (pyo3 raises its PanicException, a
        # BaseException); the unit then stays one segment. Anything else goes on up.
        if type(error).__name__ != "PanicException":
            raise
        return None
    spans: list[tuple[int, int]] = []
    pos = 0
    for piece in pieces:
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


def _code_spans(tokens: tuple[Token, ...]) -> tuple[dict[str, tuple[int, int]], dict[str, str]]:
    """Return each code's (start, end) text offsets (a placeholder's are where it stands), and
    for each code inside another (a placeholder or a pair in a pair) that code's id."""
    offset = 0
    starts: dict[str, int] = {}
    open_ids: list[str] = []  # the pairs open here, innermost last
    spans: dict[str, tuple[int, int]] = {}
    parents: dict[str, str] = {}
    for token in tokens:
        if isinstance(token, str):
            offset += len(token)
            continue
        if isinstance(token, Close):
            spans[token.id] = (starts[token.id], offset)
            open_ids.pop()
            continue
        if open_ids:
            parents[token.id] = open_ids[-1]
        if isinstance(token, Open):
            starts[token.id] = offset
            open_ids.append(token.id)
        else:
            spans[token.id] = (offset, offset)
    return spans, parents


def _owners(ranges: list[tuple[str, int, int]], codes: dict[str, tuple[int, int]],
            parents: dict[str, str]) -> dict[str, int] | None:
    """Return, for each code, the index of the first segment in ``ranges`` that holds it whole
    (a code inside another, the segment of the one around it); None when a code spans a
    sentence boundary."""
    starts = [start for _, start, _ in ranges]
    owners: dict[str, int] = {}
    for code_id, (code_start, code_end) in codes.items():
        # The ranges cover the text without gaps: only the range where the code starts, and the
        # one before it when the code starts where that one ends, can hold it.
        index = bisect_right(starts, code_start) - 1
        fit = next((i for i in (index - 1, index) if i >= 0 and ranges[i][0] == "segment"
                    and ranges[i][1] <= code_start and code_end <= ranges[i][2]), None)
        if fit is None:
            return None
        owners[code_id] = fit
    # An image at the start of a bold run that opens the next sentence ("。" then <b><img>:</b>)
    # would fit the sentence before as well: it goes where the run around it goes.
    for code_id, parent in parents.items():  # in the tokens' order: outer codes first
        owners[code_id] = owners[parent]  # it lies within the one around it, so in its segment
    return owners


def _slices(tokens: tuple[Token, ...], ranges: list[tuple[str, int, int]],
            owners: dict[str, int]) -> list[list[Token]]:
    """Return the tokens of each of ``ranges``: text cut where the ranges meet, each code in
    the range that owns it. One pass over both: a long paragraph has many of each."""
    out: list[list[Token]] = [[] for _ in ranges]
    first, offset = 0, 0  # the first range that can still hold text
    for token in tokens:
        if not isinstance(token, str):
            out[owners[token.id]].append(token)
            continue
        end = offset + len(token)
        while ranges[first][2] <= offset and first < len(ranges) - 1:
            first += 1
        index = first
        while index < len(ranges) and ranges[index][1] < end:
            lo, hi = max(ranges[index][1], offset), min(ranges[index][2], end)
            if lo < hi:
                out[index].append(token[lo - offset:hi - offset])
            index += 1
        offset = end
    return out


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

    owners = _owners(ranges, *_code_spans(tokens))
    if owners is None:
        return whole  # a code spans a sentence boundary: keep the unit whole
    return tuple(Part(kind, tuple(part)) for (kind, _, _), part in zip(ranges, _slices(tokens, ranges, owners)))

