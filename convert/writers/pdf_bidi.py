"""Right-to-left words in the PDF writer's lines, drawn in the order the page shows them.

ReportLab sets a line's characters from left to right in the order of the text. A name in
Arabic or Hebrew in an English paragraph reads from right to left: its letters, and the
words of a run of such words, are drawn in reverse. Each line that holds a right-to-left
character is put in display order by the Unicode Bidirectional Algorithm (UAX #9): the
levels are resolved by python-bidi, on the line, in a paragraph that runs left to right;
the line is reordered by rule L2 and mirrored characters (brackets) take their mirrored
form by rule L4. Readers (PDFium, poppler) give such a line back in the text's order.

The paragraph direction is left to right: the writer lays out left-to-right documents with
right-to-left words in them, not right-to-left documents.

A line is a sequence of pieces of text (a fragment of one font and look, or a run of one
font): the reordered line is again a sequence of pieces, each drawn in its piece's font.
A piece without text (a canvas callback) stays before the character that follows it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bidi import algorithm as uba

#: Characters of the scripts written from right to left and the controls that open a
#: right-to-left run (Hebrew to NKo and their supplements, their presentation forms, the
#: right-to-left mark, embedding, override and isolate, and the right-to-left blocks of
#: the supplementary planes). Only lines with one are given to the algorithm.
MAY_BE_RTL = re.compile("[\u0590-\u08ff\u200f\u202b\u202e\u2067\ufb1d-\ufdff\ufe70-\ufefe"
                        "\U00010800-\U00010fff\U0001e800-\U0001efff]")


def display_order(text: str) -> list[tuple[int, str]] | None:
    """Return ``text``'s characters in the order they are drawn from left to right, each as
    (its index in ``text``, the character to draw), or None when all of it runs left to right.

    The characters the algorithm sets aside (format controls such as the soft hyphen and the
    zero-width joiner) are drawn on the side of the character before them that reading goes
    on to: after it in a left-to-right run, before it in a right-to-left one.
    """
    if not MAY_BE_RTL.search(text):
        return None
    storage = uba.get_empty_storage()
    storage["base_level"], storage["base_dir"] = 0, "L"
    uba.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    uba.reorder_resolved_levels(storage, False)
    uba.apply_mirroring(storage, False)
    chars = storage["chars"]
    if all(char["level"] == 0 for char in chars) and len(chars) == len(text):
        return None
    shown = {char["index"]: char for char in chars}
    # Each character set aside goes with the nearest shown character before it (or opens the line).
    before: dict[int, list[int]] = {}
    last = -1
    for index in range(len(text)):
        if index in shown:
            last = index
        else:
            before.setdefault(last, []).append(index)
    order = [(index, text[index]) for index in before.get(-1, ())]
    for char in chars:
        index = char["index"]
        with_it = [(extra, text[extra]) for extra in before.get(index, ())]
        if char["level"] % 2:
            order += [*reversed(with_it), (index, char["ch"])]
        else:
            order += [(index, char["ch"]), *with_it]
    return order


def display_pieces(texts: Sequence[str]) -> list[tuple[int, str]] | None:
    """Return the pieces of a line (their texts in order) as drawn from left to right: (the
    index of the piece, its text to draw there), or None when the line runs left to right.

    A piece in a run of the other direction may come out in several parts; a piece without
    text comes just before the character that follows it (at the end if none does).
    """
    text = "".join(texts)
    order = display_order(text)
    if order is None:
        return None
    owner: list[int] = []
    empty_at: dict[int, list[int]] = {}  # character index -> pieces without text before it
    for number, piece in enumerate(texts):
        if piece:
            owner += [number] * len(piece)
        else:
            empty_at.setdefault(len(owner), []).append(number)
    out: list[tuple[int, str]] = []
    for index, char in order:
        out += [(number, "") for number in empty_at.get(index, ())]
        if out and out[-1][0] == owner[index] and out[-1][1]:
            out[-1] = (owner[index], out[-1][1] + char)
        else:
            out.append((owner[index], char))
    out += [(number, "") for number in empty_at.get(len(text), ())]
    return out
