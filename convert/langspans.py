"""Which language each stretch of a text is in, where a heading or name mixes two scripts.

A bilingual edition joins a heading, a name's affiliation or the title with its translation
("Opening Remarks / 開会挨拶"). Screen readers and line breakers need the translated half
marked with its language, as the paired paragraphs are. The halves are told apart by script:
a stretch of CJK characters (with the spaces, digits and punctuation between them) inside text
of a language written otherwise is in the document's CJK language.
"""

from __future__ import annotations

import unicodedata

from . import nodes
from .charranges import CJK

#: The primary language subtags of Chinese, Japanese and Korean.
CJK_LANGS = frozenset({"ja", "zh", "ko"})
_KANA = ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F))
_HANGUL = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF))


def is_cjk_lang(lang: str | None) -> bool:
    """Return whether ``lang`` (a BCP 47 tag) is Chinese, Japanese or Korean."""
    return bool(lang) and lang.split("-")[0].lower() in CJK_LANGS


def cjk_language(doc: nodes.Document) -> str | None:
    """Return the CJK language the document pairs with its own (a bilingual edition's), if any."""
    if is_cjk_lang(doc.meta.lang):
        return None
    for block in nodes.iter_blocks(doc.blocks):
        if isinstance(block, nodes.Parallel):
            for lang in block.langs:
                if is_cjk_lang(lang):
                    return lang
    return None


def _guess(run: str, paired: str | None) -> str | None:
    if paired is not None:
        return paired
    if any(lo <= ord(char) <= hi for char in run for lo, hi in _KANA):
        return "ja"
    if any(lo <= ord(char) <= hi for char in run for lo, hi in _HANGUL):
        return "ko"
    return None  # Han alone could be Chinese or Japanese: left unmarked


def cjk_stretches(text: str) -> list[tuple[bool, str]]:
    """Split ``text`` into (is CJK, text) runs: a CJK stretch runs from a CJK character to the
    last one before a letter of another script, taking the spaces, digits and punctuation
    between them."""
    if text.isascii() or not CJK.found_in(text):
        return [(False, text)] if text else []
    runs: list[tuple[bool, str]] = []
    start = 0  # where the text not yet placed in a run begins
    first = last = -1  # the current CJK stretch: its first and last CJK character
    for index, char in enumerate(text):
        if char in CJK:
            if first < 0:
                first = index
            last = index
        elif first >= 0 and unicodedata.category(char).startswith("L"):
            start = _close(runs, text, start, first, last)
            first = last = -1
    if first >= 0:
        start = _close(runs, text, start, first, last)
    if start < len(text):
        runs.append((False, text[start:]))
    return runs


def _close(runs: list[tuple[bool, str]], text: str, start: int, first: int, last: int) -> int:
    """Place the text before the CJK stretch ``first``..``last`` and the stretch; return where
    the next run starts."""
    if first > start:
        runs.append((False, text[start:first]))
    runs.append((True, text[first:last + 1]))
    return last + 1


def lang_runs(text: str, lang: str | None, paired: str | None = None) -> list[tuple[str | None, str]]:
    """Split ``text`` into (language, text) runs: None for the surrounding language ``lang``,
    a tag for a stretch of CJK text inside text in another script.

    ``paired`` is the document's CJK language (see :func:`cjk_language`); without it, kana mark
    Japanese and hangul Korean. In text whose own language is CJK nothing is marked.
    """
    if text.isascii() or is_cjk_lang(lang):
        return [(None, text)] if text else []
    merged: list[tuple[str | None, str]] = []
    for cjk, run in cjk_stretches(text):
        tag = _guess(run, paired) if cjk else None
        if merged and merged[-1][0] == tag:
            merged[-1] = (tag, merged[-1][1] + run)
        else:
            merged.append((tag, run))
    return merged
