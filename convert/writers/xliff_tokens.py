"""A unit's text as tokens: text runs and inline codes, shared by the XLIFF writers, the reader and the merge.

A paragraph's inlines become a flat run of tokens: text, the opening and closing of paired codes
(Strong -> "b", Emph -> "i", Link -> "a") and standalone placeholders (a Note's mark -> "note",
an inline Image -> "image"). Codes carry ids "1", "2", ... numbered in document order within the
unit (``inline_codes`` gives the inline each id stands for). A note's text and an image's ``alt``
are not in the run: they are units of their own, which the placeholder points to.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count
from typing import Union

from .. import nodes as n
from ..xmlchars import xml_chars


@dataclass(frozen=True, slots=True)
class Open:
    """The start of a paired code; ``kind`` is "b" (Strong), "i" (Emph), "a" (Link) or "" (unknown)."""

    id: str
    kind: str


@dataclass(frozen=True, slots=True)
class Close:
    """The end of the paired code opened with the same ``id``."""

    id: str


@dataclass(frozen=True, slots=True)
class Placeholder:
    """A standalone code: ``kind`` is "note" (a note's mark), "image" (an inline image) or "" (unknown)."""

    id: str
    kind: str


Token = Union[str, Open, Close, Placeholder]

#: The kind of code each inline node becomes.
CODE_KINDS: dict[type, str] = {n.Strong: "b", n.Emph: "i", n.Link: "a", n.Note: "note", n.Image: "image"}


def clean_xml_text(text: str) -> str:
    """Return ``text`` without the characters XML 1.0 cannot hold (controls, surrogates, U+FFFE/F)."""
    return xml_chars(text)


def join_text(tokens) -> tuple[Token, ...]:
    """Return ``tokens`` with adjacent text merged and empty text dropped."""
    out: list[Token] = []
    run: list[str] = []  # joined once per run: adding piece by piece is quadratic in the pieces
    for token in tokens:
        if isinstance(token, str):
            run.append(token)
            continue
        if run:
            _append_run(out, run)
        out.append(token)
    _append_run(out, run)
    return tuple(out)


def _append_run(out: list[Token], run: list[str]) -> None:
    """Append the text of ``run`` (if any) to ``out`` as one token, and empty ``run``."""
    text = "".join(run)
    run.clear()
    if text:
        out.append(text)


def inline_tokens(inlines: tuple[n.Inline, ...]) -> tuple[Token, ...]:
    """Return the token run of ``inlines``, codes numbered "1", "2", ... in document order."""
    out: list[Token] = []
    _tokens_into(out, inlines, count(1))
    return join_text(out)


def _tokens_into(out: list[Token], items: tuple[n.Inline, ...], numbers: Iterator[int]) -> None:
    # A module-level function, not a closure that calls itself: such a closure is a
    # reference cycle, one per unit, left for the cycle collector.
    for node in items:
        if isinstance(node, n.Text):
            out.append(clean_xml_text(node.text))
        elif isinstance(node, (n.Strong, n.Emph, n.Link)):
            code_id = str(next(numbers))
            out.append(Open(code_id, CODE_KINDS[type(node)]))
            _tokens_into(out, node.inlines, numbers)
            out.append(Close(code_id))
        elif isinstance(node, (n.Note, n.Image)):
            out.append(Placeholder(str(next(numbers)), CODE_KINDS[type(node)]))
        else:
            raise TypeError(f"not an inline node: {node!r}")


def inline_codes(inlines: tuple[n.Inline, ...]) -> dict[str, n.Inline]:
    """Return the inline each code id of ``inline_tokens(inlines)`` stands for, in id order.

    Both number the inlines that are not text depth first, a container before what it holds,
    never entering a note (``nodes.iter_inlines``).
    """
    codes = (node for node in n.iter_inlines(inlines) if not isinstance(node, n.Text))
    return {str(number): node for number, node in enumerate(codes, 1)}


def plain(tokens: tuple[Token, ...]) -> str:
    """Return the text of ``tokens``, codes dropped."""
    return "".join(t for t in tokens if isinstance(t, str))


def skeleton(tokens) -> tuple[tuple[str, str], ...]:
    """Return ``tokens`` in a comparable form: text and code ids, code kinds left out."""
    out = []
    for token in join_text(tokens):
        if isinstance(token, str):
            out.append(("text", token))
        elif isinstance(token, Open):
            out.append(("open", token.id))
        elif isinstance(token, Close):
            out.append(("close", token.id))
        else:
            out.append(("placeholder", token.id))
    return tuple(out)
