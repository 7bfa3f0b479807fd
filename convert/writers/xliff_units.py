"""The translatable units of a document: what the XLIFF writers export and a merge reads back.

A unit is one translatable string (a title, a speaker's name, a paragraph, a table cell's
paragraph, a caption, an image's alt text) as a flat run of tokens (see ``xliff_tokens``): text,
and inline codes numbered in order within the unit. Units are grouped like the document
(metadata, sections, speeches). Each unit records the *path* of its text in the document, so a
merge can put the translation back in the same place.

A note's paragraphs and an inline image's alt text are units of their own, right after the unit
of the paragraph that holds the note's mark or the image (whose placeholder names them): a
translator reads a note next to the sentence it annotates, and the file is still written as it
is built, one paragraph at a time. Tables give a unit for the caption, then one per paragraph
of each cell, row by row; figures one for the alt text, then one for the caption.

Unit ids are derived from content, not position: a kind prefix, a hash of the normalized
source and an occurrence counter among identical sources (``p-3f2a9c01be``, ``p-3f2a9c01be-2``).
The same source always gives the same ids, and editing one paragraph changes only its unit's id.

Parallel blocks are already bilingual: they are not exported, and a merge keeps them as they are.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Union

from .. import nodes as n
from .xliff_tokens import (CODE_KINDS, Close, Open, Placeholder, Token, clean_xml_text, inline_codes, inline_tokens,
                           join_text, plain, skeleton)

# The token names stay importable from here, where they were first defined.
__all__ = ["CODE_KINDS", "Close", "CodeRef", "Group", "INLINE_FIELDS", "KIND_PREFIX", "Node", "Open", "Path",
           "Placeholder", "Token", "Unit", "clean_xml_text", "collect", "inline_codes", "inline_tokens",
           "iter_collect", "iter_units", "join_text", "plain", "skeleton"]

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
    "quote": "q",
    "note": "fn",
    "table-cell": "cell",
    "table-caption": "tcap",
    "figure-caption": "fcap",
    "alt-text": "alt",
}

#: Where a unit's text lives in the document, e.g. ("meta", "title"),
#: ("blocks", 0, "blocks", 2, "inlines"), ("blocks", 1, "items", 0, "blocks", 0, "inlines"),
#: a table cell's ("blocks", 3, "body", 1, "cells", 0, "blocks", 0, "inlines"), the second
#: paragraph of the note that is code "4" of a paragraph (..., "inlines", "notes", "4", "blocks",
#: 1, "inlines"), the alt text of its image "5" (..., "inlines", "images", "5", "alt") or a
#: figure's (..., "image", "alt").
Path = tuple[Union[str, int], ...]

#: The last step of the path of a unit whose text is inlines (with codes); any other unit's
#: text is a plain string (a title, a name, an alt text).
INLINE_FIELDS = ("inlines", "caption")


@dataclass(frozen=True, slots=True)
class CodeRef:
    """What an inline code of a unit stands for beyond formatting, shown to translators: a link
    ("a", ``value`` its target), a note's mark ("note", ``value`` its number) or an inline image
    ("image", ``value`` its resource), with the units that hold the note's text or the alt text."""

    id: str
    kind: str
    value: str
    units: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Unit:
    """One translatable string: id, kind, source tokens, where it lives, context for translators."""

    id: str
    kind: str
    tokens: tuple[Token, ...]
    path: Path
    notes: tuple[tuple[str, str], ...] = ()  # (label, value), e.g. ("section", "Opening Remarks")
    codes: tuple[CodeRef, ...] = ()  # its links, note marks and images, in code order

    @property
    def code_kinds(self) -> dict[str, str]:
        """Return the kind of each inline code by id."""
        return {t.id: t.kind for t in self.tokens if isinstance(t, (Open, Placeholder))}

    @property
    def inline(self) -> bool:
        """Whether the unit's text is inlines (a paragraph, a caption) rather than a plain string."""
        return self.path[-1] in INLINE_FIELDS


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


def _cell_label(part: str, row: int, column: int, cell: n.Cell) -> str:
    """Return where a cell is, for translators: "header row 1, cell 2", "row 3, cell 1, 2 columns wide"."""
    label = f"{'header row' if part == 'head' else 'row'} {row + 1}, cell {column + 1}"
    if cell.colspan > 1:
        label += f", {cell.colspan} columns wide"
    if cell.rowspan > 1:
        label += f", {cell.rowspan} rows tall"
    return label


@dataclass(frozen=True, slots=True)
class _Context:
    section: str = ""
    speaker: str = ""
    list_item: str = ""  # e.g. "item 2 of a numbered list"
    kind: str = "paragraph"  # the kind of the units of the paragraphs here
    where: tuple[tuple[str, str], ...] = ()  # more context notes: in a note, in a table cell
    span: n.Span = n.NO_SPAN  # the lines of the table or the paragraph around, for blocks without their own


@dataclass
class _Collector:
    """Per-run state: occurrence counters for unit ids, the group ids given out so far, notes counted."""

    seen: dict[str, int] = field(default_factory=dict)
    group_ids: set[str] = field(default_factory=set)
    speeches: int = 0
    notes: int = 0

    def unit_id(self, kind: str, tokens: tuple[Token, ...]) -> str:
        normalized = []
        for token in tokens:
            if isinstance(token, str):
                normalized.append(" ".join(token.split()))
            elif isinstance(token, Open):
                normalized.append(f"\x01{token.kind}")
            elif isinstance(token, Close):
                normalized.append("\x02")
            else:
                normalized.append(f"\x03{token.kind}")
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
        out.append(self.make_unit(self.unit_id(kind, tokens), kind, tokens, path, notes))

    @staticmethod
    def make_unit(unit_id: str, kind: str, tokens: tuple[Token, ...], path: Path,
                  notes: list[tuple[str, str]], codes: tuple[CodeRef, ...] = ()) -> Unit:
        notes = [("kind", kind)] + [(label, value) for label, value in notes if value]
        return Unit(unit_id, kind, tokens, path, tuple(notes), codes)

    def text_unit(self, out: list, kind: str, text: str, path: Path,
                  notes: list[tuple[str, str]]) -> None:
        self.unit(out, kind, join_text([clean_xml_text(text)]), path, notes)

    def inline_unit(self, out: list, kind: str, inlines: tuple[n.Inline, ...], path: Path,
                    notes: list[tuple[str, str]], ctx: _Context, span: n.Span) -> None:
        """Append the unit of ``inlines`` (when they hold text), then the units of its notes and
        inline images' alt texts, in the order of their codes."""
        tokens = inline_tokens(inlines)
        unit_id = self.unit_id(kind, tokens) if plain(tokens).strip() else ""
        span = span if span != n.NO_SPAN else ctx.span
        after: list[Node] = []
        codes: list[CodeRef] = []
        links: list[tuple[str, str]] = []
        for code_id, node in inline_codes(inlines).items():
            if isinstance(node, n.Link):
                codes.append(CodeRef(code_id, "a", node.target))
                links.append(("link", f"code {code_id} leads to {node.target}"))
            elif isinstance(node, n.Note):
                self.notes += 1
                marked = f"note {self.notes}" + (f", marked by code {code_id} of unit {unit_id}" if unit_id else "")
                inner = _Context(ctx.section, ctx.speaker, kind="note", where=ctx.where + (("note", marked),),
                                 span=span)
                start = len(after)
                self.blocks(node.blocks, path + ("notes", code_id), inner, after)
                codes.append(CodeRef(code_id, "note", str(self.notes), _unit_ids(after[start:])))
            elif isinstance(node, n.Image):
                start = len(after)
                shown = node.resource + (f", code {code_id} of unit {unit_id}" if unit_id else "")
                self.text_unit(after, "alt-text", node.alt, path + ("images", code_id, "alt"),
                               self.context_notes(replace(ctx, list_item=""), span, ("image", shown)))
                codes.append(CodeRef(code_id, "image", node.resource, _unit_ids(after[start:])))
        if unit_id:
            out.append(self.make_unit(unit_id, kind, tokens, path, notes + links, tuple(codes)))
        out.extend(after)

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

    def context_notes(self, ctx: _Context, span: n.Span, *more: tuple[str, str]) -> list[tuple[str, str]]:
        return [("section", ctx.section), ("speaker", ctx.speaker), ("list", ctx.list_item), *ctx.where, *more,
                ("lines", _lines(span if span != n.NO_SPAN else ctx.span))]

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
            self.inline_unit(out, ctx.kind, block.inlines, here + ("inlines",),
                             self.context_notes(ctx, block.lines), ctx, block.lines)
        elif isinstance(block, (n.OrderedList, n.BulletList)):
            numbered = isinstance(block, n.OrderedList)
            for j, item in enumerate(block.items):
                label = (f"item {block.start + j} of a numbered list" if numbered
                         else f"item {j + 1} of a bulleted list")
                inner = replace(ctx, list_item=label, kind="list-item")
                self.blocks(item.blocks, here + ("items", j), inner, out)
        elif isinstance(block, n.BlockQuote):
            self.blocks(block.blocks, here, replace(ctx, list_item="", kind="quote"), out)
        elif isinstance(block, n.Table):
            self.inline_unit(out, "table-caption", block.caption, here + ("caption",),
                             self.context_notes(ctx, block.lines), ctx, block.lines)
            for part, rows in (("head", block.head), ("body", block.body)):
                for r, row in enumerate(rows):
                    for c, cell in enumerate(row.cells):
                        where = ctx.where + (("cell", _cell_label(part, r, c, cell)),)
                        inner = replace(ctx, list_item="", kind="table-cell", where=where, span=block.lines)
                        self.blocks(cell.blocks, here + (part, r, "cells", c), inner, out)
        elif isinstance(block, n.Figure):
            image = block.image
            self.text_unit(out, "alt-text", image.alt, here + ("image", "alt"),
                           self.context_notes(ctx, block.lines, ("image", f"{image.resource}, in a figure")))
            self.inline_unit(out, "figure-caption", block.caption, here + ("caption",),
                             self.context_notes(ctx, block.lines), ctx, block.lines)
        elif isinstance(block, n.Parallel):
            pass  # already bilingual: not translated again
        else:
            raise TypeError(f"not a block node: {block!r}")


def _unit_ids(nodes_: list[Node]) -> tuple[str, ...]:
    return tuple(unit.id for unit in iter_units(tuple(nodes_)))


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
