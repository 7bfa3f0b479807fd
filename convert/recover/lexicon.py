"""The words of a language, from pyspellchecker's word lists: evidence for a line-end hyphen the
document itself cannot decide.

A layout that hyphenates breaks a word into pieces that are seldom words ("imple-" / "mentation");
a compound broken at its own hyphen is two words ("early-" / "warning"), and the pieces joined
are none. Where the document writes the word nowhere else, whole or hyphenated, the language's
word list tells the two apart. Only the lists pyspellchecker ships are known (English, Spanish,
French, German, Italian, Portuguese, Dutch, Russian, Arabic, Latvian, Basque and, in newer
releases, Persian); for any other language nothing is known and the document's own evidence
decides alone.

The Arabic list is evidence too for Arabic names inside Latin text that an extractor cut where a
kashida stretched them ("يوس ف", ``one_word``) or wrote as two pieces the wrong way round
("وسفي", ``knows``): see ``convert.readers.text``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

#: The shortest piece counted as a word of a compound: one letter is an initial or an article
#: a layout never leaves alone at a line's end.
MIN_PIECE_LETTERS = 2


@lru_cache(maxsize=4)
def _words(language: str) -> frozenset[str] | None:
    """Return the words of ``language`` (an ISO 639-1 code), in lower case, loaded once per process,
    or None when pyspellchecker has none (English: 0.15 s and about 35 MB, once). A set of its
    own, not the checker's list: a text asks it of nearly every pair of words it could join."""
    from spellchecker import SpellChecker

    if language not in SpellChecker.languages():
        return None
    return frozenset(SpellChecker(language=language, distance=1).word_frequency)


@lru_cache(maxsize=16)
def _words_of(lang: str):
    """Return the word list of the language a BCP 47 tag names ("en-GB": English's), or None
    (asked once per word a text could join: kept per tag)."""
    return _words((lang or "").split("-")[0].lower())


def joins_two_words(head: str, tail: str, lang: str) -> bool:
    """Return True if ``head`` and ``tail`` are each a word of ``lang`` (a BCP 47 tag) and,
    written as one, are no word of it: a compound's two words ("early" + "warning"), not a word a
    layout broke ("imple" + "mentation", "re" + "view")."""
    if len(head) < MIN_PIECE_LETTERS or len(tail) < MIN_PIECE_LETTERS:
        return False
    words = _words_of(lang)
    head, tail = head.lower(), tail.lower()
    return words is not None and head in words and tail in words and head + tail not in words


def one_word(head: str, tail: str, lang: str) -> bool:
    """Return True if ``head`` and ``tail`` written as one are a word of ``lang`` (a BCP 47 tag)
    and one of them alone is none: a word a space cut in two ("يوس" + "ف"), not two words."""
    words = _words_of(lang)
    head, tail = head.lower(), tail.lower()
    return words is not None and head + tail in words and not (head in words and tail in words)


def knows(word: str, lang: str) -> bool | None:
    """Return whether ``word`` is a word of ``lang`` (a BCP 47 tag), or None when no list is known."""
    words = _words_of(lang)
    return None if words is None else word.lower() in words


def compound_cuts(word: str, lang: str, least: int) -> list[int]:
    """Return where ``word`` (lower case) splits into two words of ``lang`` (a BCP 47 tag), each
    of at least ``least`` letters, where ``word`` itself is none of its words: the places a
    compound's hyphen could stand ("school" + "feeding"); [] when no word list is known."""
    words = _words_of(lang)
    word = word.lower()
    if words is None or word in words:
        return []
    return [cut for cut in range(least, len(word) - least + 1) if word[:cut] in words and word[cut:] in words]


#: A layout hyphenates by a dictionary's patterns where at least this many of its line-end
#: hyphens break words of the language ...
MIN_BREAKS_MEASURED = 8
#: ... and at most this share of them (or one) stand where the patterns put no break (a word the
#: text itself hyphenates, "re-" / "written", is counted as a word the layout broke).
MAX_OFF_PATTERN = 0.05


@lru_cache(maxsize=8)
def _pattern_sets(language: str) -> tuple:
    """Return pyphen's hyphenation dictionaries for ``language`` (an ISO 639-1 code), one per
    variety ("en_GB", "en_US"), each loaded once per process; () when it has none."""
    import pyphen

    paths = sorted({path for name, path in pyphen.LANGUAGES.items() if name.split("_")[0].lower() == language})
    return tuple(pyphen.Pyphen(filename=path, left=1, right=1) for path in paths)


def layout_patterns(breaks: Iterable[tuple[str, str]], lang: str,
                    is_word: Callable[[str, str], bool]) -> Callable[[str, str], bool] | None:
    """Return what tells whether a layout could have broken a word at a line's end (``head`` /
    ``tail``: a break its hyphenation patterns allow), when the document's line-end hyphens show
    which patterns hyphenated it; else None.

    Layout engines (LibreOffice, browsers, WeasyPrint) hyphenate by a variety's patterns (pyphen's
    dictionaries are the same files): of the ``breaks`` that break a word (``is_word``), at least
    ``MIN_BREAKS_MEASURED``, nearly every one stands where the patterns allow a break. Every
    variety that so fits may have been the one ("en_GB" and "en_US" often both do): a hyphen where
    none of them allows a break is the text's own ("re-" / "written" in American English, "big-" /
    "endian")."""
    words = [(head, tail) for head, tail in breaks if is_word(head, tail)]
    if len(words) < MIN_BREAKS_MEASURED:
        return None
    fitting = [patterns for patterns in _pattern_sets((lang or "").split("-")[0].lower())
               if sum(len(head) not in patterns.positions((head + tail).lower()) for head, tail in words)
               <= max(1.0, MAX_OFF_PATTERN * len(words))]
    if not fitting:
        return None
    return lambda head, tail: any(len(head) in patterns.positions((head + tail).lower()) for patterns in fitting)
