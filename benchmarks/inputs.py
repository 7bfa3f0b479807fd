"""Synthetic large reports for the benchmark and the scale tests, made from the seed or from scratch."""

from __future__ import annotations

import re
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "seeds" / "japan-peace-cooperation-2023.txt"


def repeated_seed(times: int) -> str:
    """Return the seed with its body (from the first section on) repeated ``times`` times."""
    text = SEED.read_text(encoding="utf-8")
    start = text.index("Opening Remarks")
    return text[:start] + "\n\n".join([text[start:]] * times)


def speaker_name(number: int) -> str:
    """Return a distinct, letters-only name word for ``number`` ("Bmb", "Cmb", ...)."""
    letters = ""
    number += 1000
    while number:
        number, rest = divmod(number, 26)
        letters += chr(97 + rest)
    return letters.capitalize()


def many_speakers(count: int) -> str:
    """Return a report of ``count`` short speeches (name, affiliation, one paragraph) in one section."""
    parts = ["Large Seminar\n\nReport compiled by Jo Smith\n\nOpening Remarks\n"]
    for index in range(count):
        name = speaker_name(index)
        parts.append(f"\n\n\nMs. {name} {speaker_name(index * 7)}\nDirector, Ministry\n\n"
                     f"Ms. {name} said that peace matters and that cooperation is essential.\n")
    return "".join(parts)


def _seed_words() -> list[str]:
    """Return the words of the seed's speech paragraphs, in order (no headings, names, lists or dashes)."""
    text = SEED.read_text(encoding="utf-8")
    body = text[text.index("Opening Remarks"):]
    paragraphs = [p for p in body.split("\n\n") if len(p) > 200 and not re.match(r"\d+\.", p)]
    # A dash alone, at the start of a wrapped line, would read as a list marker.
    return [word for word in " ".join(paragraphs).split() if word not in ("-", "\u2013", "\u2014")]


def _words(size: int, bold_every: int = 0) -> list[str]:
    """Return seed words, repeated as needed, whose text joined by spaces is about ``size`` bytes;
    with ``bold_every``, that often a word of letters is marked **bold**."""
    pool = _seed_words()
    out: list[str] = []
    total = 0
    while total < size:
        word = pool[len(out) % len(pool)]
        if bold_every and len(out) % bold_every == bold_every - 1 and word.isalpha():
            word = f"**{word}**"
        out.append(word)
        total += len(word.encode("utf-8")) + 1
    return out


def _hard_wrapped(words: list[str], width: int = 72) -> str:
    """Return ``words`` as lines of at most ``width`` characters, as a text dump wraps them."""
    lines, line = [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


_LONG_HEAD = "One Long Paragraph\n\nReport compiled by Jo Smith\n\nOpening Remarks\n\n"


def one_paragraph(size: int, bold_every: int = 0) -> str:
    """Return a report whose body is one paragraph of about ``size`` bytes in hard-wrapped lines
    (a word in ``bold_every`` marked bold, if given)."""
    return _LONG_HEAD + _hard_wrapped(_words(size, bold_every)) + "\n"


def same_words_in_paragraphs(size: int, bold_every: int = 0, words_per_paragraph: int = 100) -> str:
    """Return the words of ``one_paragraph(size, bold_every)``, in order, as paragraphs of about
    ``words_per_paragraph``.

    Each paragraph ends at the end of a sentence: one that does not reads as continued
    after a page break, and is joined to the next.
    """
    paragraphs, current = [], []
    for word in _words(size, bold_every):
        current.append(word)
        if len(current) >= words_per_paragraph and word.endswith("."):
            paragraphs.append(_hard_wrapped(current))
            current = []
    if current:
        paragraphs.append(_hard_wrapped(current))
    return _LONG_HEAD + "\n\n".join(paragraphs) + "\n"
