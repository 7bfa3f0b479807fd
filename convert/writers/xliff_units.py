"""The translatable units of a document: what the XLIFF writers export and a merge reads back.

A unit is one translatable string (a title, a speaker's name, a paragraph) as a flat run of
tokens: text, and the opening and closing of inline codes (Strong -> "b", Emph -> "i"), which
carry ids numbered in order within the unit. Units are grouped like the document (metadata,
sections, speeches). Each unit records the *path* of its text in the document, so a merge can
put the translation back in the same place.

Unit ids are derived from content, not position: a kind prefix, a hash of the normalized
source and an occurrence counter among identical sources (``p-3f2a9c01be``, ``p-3f2a9c01be-2``).
The same source always gives the same ids, and editing one paragraph changes only its unit's id.

Parallel blocks are already bilingual: they are not exported, and a merge keeps them as they are.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import count
from typing import Union

from .. import nodes as n
from ..xmlchars import xml_chars

# --- tokens --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Open:
    """The start of an inline code; ``kind`` is "b" (Strong), "i" (Emph) or "" (unknown)."""

    id: str
    kind: str


@dataclass(frozen=True, slots=True)
class Close:
    """The end of the inline code opened with the same ``id``."""

    id: str


Token = Union[str, Open, Close]

CODE_KINDS: dict[type, str] = {n.Strong: "b", n.Emph: "i"}

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
        elif isinstance(node, (n.Strong, n.Emph)):
            code_id = str(next(numbers))
            out.append(Open(code_id, CODE_KINDS[type(node)]))
            _tokens_into(out, node.inlines, numbers)
            out.append(Close(code_id))
        else:
            raise TypeError(f"not an inline node: {node!r}")


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
        else:
            out.append(("close", token.id))
    return tuple(out)


def tokens_to_inlines(tokens, kinds: Mapping[str, str]) -> tuple[n.Inline, ...]:
    """Return inlines rebuilt from ``tokens``.

    A code's kind is looked up by id in ``kinds`` (the source unit's codes), else taken from the
    token; a code of unknown kind is unwrapped (its text kept). Codes closed out of order close
    everything opened after them; codes left open close at the end.
    """
    frames: list[tuple[str, str, list]] = [("", "", [])]  # (code id, kind, children)

    def close_top() -> None:
        code_id, kind, children = frames.pop()
        content = _join_inlines(children)
        parent = frames[-1][2]
        if kind == "b" and content:
            parent.append(n.Strong(content))
        elif kind == "i" and content:
            parent.append(n.Emph(content))
        else:
            parent.extend(content)

    for token in tokens:
        if isinstance(token, str):
            if token:
                frames[-1][2].append(n.Text(token))
        elif isinstance(token, Open):
            frames.append((token.id, kinds.get(token.id) or token.kind, []))
        elif any(frame[0] == token.id for frame in frames[1:]):
            while frames[-1][0] != token.id:
                close_top()
            close_top()
    while len(frames) > 1:
        close_top()
    return _join_inlines(frames[0][2])


def _join_inlines(items: list) -> tuple[n.Inline, ...]:
    out: list[n.Inline] = []
    for item in items:
        if isinstance(item, n.Text) and out and isinstance(out[-1], n.Text):
            out[-1] = n.Text(out[-1].text + item.text)
        else:
            out.append(item)
    return tuple(out)


# --- units and groups ------------------------------------------------------------

#: Unit kind -> id prefix. No prefix is a group id ("meta", "sec-...", "speech-...").
KIND_PREFIX: dict[str, str] = {
    "title": "title",
    "organizer": "org",
    "presenter-name": "pres",
    "presenter-affiliation": "pres-aff",
    "date": "date",
    "time": "time",
    "compiled-by": "cby",
    "heading": "h",
    "speaker-name": "spk",
    "affiliation": "aff",
    "paragraph": "p",
    "list-item": "li",
}

#: Where a unit's text lives in the document, e.g. ("meta", "title"),
#: ("blocks", 0, "blocks", 2, "inlines"), ("blocks", 1, "items", 0, "blocks", 0, "inlines").
Path = tuple[Union[str, int], ...]


@dataclass(frozen=True, slots=True)
class Unit:
    """One translatable string: id, kind, source tokens, where it lives, context for translators."""

    id: str
    kind: str
    tokens: tuple[Token, ...]
    path: Path
    notes: tuple[tuple[str, str], ...] = ()  # (label, value), e.g. ("section", "Opening Remarks")

    @property
    def code_kinds(self) -> dict[str, str]:
        """Return the kind of each inline code by id."""
        return {t.id: t.kind for t in self.tokens if isinstance(t, Open)}


@dataclass(frozen=True, slots=True)
class Group:
    """Units that belong together: "metadata", a "section" or a "speech"."""

    id: str
    kind: str
    name: str
    children: tuple[Union[Group, Unit], ...]


Node = Union[Group, Unit]


def _lines(span: n.Span) -> str:
    if span == n.NO_SPAN:
        return ""
    return str(span[0]) if span[0] == span[1] else f"{span[0]}-{span[1]}"


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()[:60] or "x"


@dataclass
class _Context:
    section: str = ""
    speaker: str = ""
    list_item: str = ""  # e.g. "item 2 of a numbered list"


@dataclass
class _Collector:
    """Per-run state: occurrence counters for unit ids, the group ids given out so far."""

    seen: dict[str, int] = field(default_factory=dict)
    group_ids: set[str] = field(default_factory=set)
    speeches: int = 0

    def unit_id(self, kind: str, tokens: tuple[Token, ...]) -> str:
        normalized = []
        for token in tokens:
            if isinstance(token, str):
                normalized.append(" ".join(token.split()))
            elif isinstance(token, Open):
                normalized.append(f"\x01{token.kind}")
            else:
                normalized.append("\x02")
        digest = hashlib.sha256("\x00".join(normalized).encode("utf-8")).hexdigest()[:10]
        base = f"{KIND_PREFIX[kind]}-{digest}"
        count = self.seen.get(base, 0) + 1
        self.seen[base] = count
        return base if count == 1 else f"{base}-{count}"

    def group_id(self, base: str) -> str:
        candidate, count = base, 1
        while candidate in self.group_ids:
            count += 1
            candidate = f"{base}-{count}"
        self.group_ids.add(candidate)
        return candidate

    def unit(self, out: list, kind: str, tokens: tuple[Token, ...], path: Path,
             notes: list[tuple[str, str]]) -> None:
        if not plain(tokens).strip():
            return  # nothing to translate: the merge keeps the source as it is
        notes = [("kind", kind)] + [(label, value) for label, value in notes if value]
        out.append(Unit(self.unit_id(kind, tokens), kind, tokens, path, tuple(notes)))

    def text_unit(self, out: list, kind: str, text: str, path: Path,
                  notes: list[tuple[str, str]]) -> None:
        self.unit(out, kind, join_text([clean_xml_text(text)]), path, notes)

    def meta(self, meta: n.Meta) -> Group:
        out: list[Node] = []
        lines = [("lines", _lines(meta.lines))]
        self.text_unit(out, "title", meta.title, ("meta", "title"), lines)
        for i, organizer in enumerate(meta.organizers):
            self.text_unit(out, "organizer", organizer, ("meta", "organizers", i), lines)
        for i, presenter in enumerate(meta.presenters):
            self.text_unit(out, "presenter-name", presenter.name, ("meta", "presenters", i, "name"), lines)
            self.text_unit(out, "presenter-affiliation", presenter.affiliation,
                           ("meta", "presenters", i, "affiliation"),
                           [("presenter", presenter.name)] + lines)
        self.text_unit(out, "date", meta.date_text, ("meta", "date_text"), lines)
        self.text_unit(out, "time", meta.time_text, ("meta", "time_text"), lines)
        self.text_unit(out, "compiled-by", meta.compiled_by, ("meta", "compiled_by"), lines)
        return Group(self.group_id("meta"), "metadata", "metadata", tuple(out))

    def context_notes(self, ctx: _Context, span: n.Span) -> list[tuple[str, str]]:
        return [("section", ctx.section), ("speaker", ctx.speaker), ("list", ctx.list_item),
                ("lines", _lines(span))]

    def blocks(self, blocks: tuple[n.Block, ...], path: Path, ctx: _Context, out: list) -> None:
        for i, block in enumerate(blocks):
            self.block(block, path + ("blocks", i), ctx, out)

    def block(self, block: n.Block, here: Path, ctx: _Context, out: list) -> None:
        """Append the units and groups of ``block``, which lives at ``here``, to ``out``."""
        if isinstance(block, n.Section):
            inner = _Context(section=block.title)
            children: list[Node] = []
            self.text_unit(children, "heading", block.title, here + ("title",),
                           [("lines", _lines((block.lines[0], block.lines[0])))])
            self.blocks(block.blocks, here, inner, children)
            if children:
                out.append(Group(self.group_id(f"sec-{_slug(block.id)}"), "section",
                                 block.title, tuple(children)))
        elif isinstance(block, n.Speech):
            self.speeches += 1
            speaker = block.speaker
            inner = _Context(section=ctx.section, speaker=speaker.name)
            head = [("section", ctx.section), ("lines", _lines((block.lines[0], block.lines[0])))]
            children = []
            self.text_unit(children, "speaker-name", speaker.name, here + ("name",), head)
            self.text_unit(children, "affiliation", speaker.affiliation, here + ("affiliation",),
                           [("speaker", speaker.name)] + head)
            self.blocks(block.blocks, here, inner, children)
            if children:
                out.append(Group(self.group_id(f"speech-{self.speeches}"), "speech",
                                 speaker.name, tuple(children)))
        elif isinstance(block, n.Para):
            kind = "list-item" if ctx.list_item else "paragraph"
            self.unit(out, kind, inline_tokens(block.inlines), here + ("inlines",),
                      self.context_notes(ctx, block.lines))
        elif isinstance(block, (n.OrderedList, n.BulletList)):
            numbered = isinstance(block, n.OrderedList)
            for j, item in enumerate(block.items):
                label = (f"item {block.start + j} of a numbered list" if numbered
                         else f"item {j + 1} of a bulleted list")
                inner = _Context(ctx.section, ctx.speaker, label)
                self.blocks(item.blocks, here + ("items", j), inner, out)
        elif isinstance(block, n.Parallel):
            pass  # already bilingual: not translated again
        else:
            raise TypeError(f"not a block node: {block!r}")


def collect(doc: n.Document) -> tuple[Node, ...]:
    """Return the document's translatable units in reading order, grouped like the document.

    The metadata group always comes first (it may be empty).
    """
    return tuple(iter_collect(doc))


def iter_collect(doc: n.Document) -> Iterator[Node]:
    """Yield the nodes ``collect`` returns, one top-level node at a time.

    A writer that serialises each node as it comes never holds the units of the whole
    document, so its working set stays the size of one section however long the report.
    """
    collector = _Collector()
    yield collector.meta(doc.meta)
    top: list[Node] = []
    for i, block in enumerate(doc.blocks):
        collector.block(block, ("blocks", i), _Context(), top)
        yield from top
        top.clear()


def iter_units(nodes_: tuple[Node, ...]) -> Iterator[Unit]:
    """Yield every unit below ``nodes_`` in reading order."""
    for node in nodes_:
        if isinstance(node, Unit):
            yield node
        else:
            yield from iter_units(node.children)
