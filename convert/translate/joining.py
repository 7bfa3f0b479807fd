"""Joining a unit's translated segments: the white space between sentences follows the target language.

A source in English puts a space between sentences; Japanese and Chinese put none ("述べた。「…"
not "述べた。 「…"). The white space between two segments (an XLIFF 2 ``<ignorable>`` without a
target, the text between a 1.2 target's ``<mrk mtype="seg">``) is left out when the target
language writes no spaces between sentences and the text on either side of it is in a wide
(East Asian) script; a sentence left in English inside a Japanese paragraph keeps its space.
Languages that use spaces keep the white space exactly as the source has it.
"""

from __future__ import annotations

import unicodedata

#: Primary language subtags of languages written without spaces between sentences.
NO_SPACE_LANGUAGES = frozenset({"ja", "zh", "yue", "lzh", "wuu", "cmn"})


def spaces_between_sentences(lang: str) -> bool:
    """Return whether language ``lang`` (a BCP 47 tag) puts spaces between sentences."""
    return lang.split("-")[0].lower() not in NO_SPACE_LANGUAGES


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def drops_gap(before: str, gap: str, after: str, lang: str) -> bool:
    """Return whether the white space ``gap`` between the texts ``before`` and ``after`` of two
    translated segments is left out in language ``lang``."""
    if spaces_between_sentences(lang) or gap.strip():
        return False
    before, after = before.rstrip(), after.lstrip()
    return bool(before and after) and (_wide(before[-1]) or _wide(after[0]))
