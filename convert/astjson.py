"""The versioned JSON form of the document tree: dump to plain dicts and load back."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Iterable, Iterator
from json.encoder import encode_basestring
from typing import Any

from . import nodes as n
from .errors import ConversionError
from .images import ImageError, check_resources

#: Bumped on any incompatible change of the JSON form (see docs/ast.md).
AST_VERSION = 2
#: The versions ``loads`` reads: version 1 is version 2 without notes, links, images, block
#: quotes, tables, figures and resources.
READABLE_VERSIONS = (1, 2)


# --- dump ----------------------------------------------------------------------


def _span(lines: n.Span) -> list[int]:
    return [lines[0], lines[1]]


def inline_to_json(node: n.Inline) -> dict[str, Any]:
    """Return the JSON form of one inline."""
    if isinstance(node, n.Text):
        return {"type": "text", "text": node.text}
    if isinstance(node, n.Strong):
        return {"type": "strong", "inlines": [inline_to_json(i) for i in node.inlines]}
    if isinstance(node, n.Emph):
        return {"type": "emph", "inlines": [inline_to_json(i) for i in node.inlines]}
    if isinstance(node, n.Link):
        return {"type": "link", "target": node.target, "inlines": [inline_to_json(i) for i in node.inlines]}
    if isinstance(node, n.Note):
        return {"type": "note", "blocks": [block_to_json(b) for b in node.blocks]}
    if isinstance(node, n.Image):
        return {"type": "image", "resource": node.resource, "alt": node.alt}
    raise TypeError(f"not an inline node: {node!r}")


def _row_to_json(row: n.Row) -> dict[str, Any]:
    return {"type": "row", "cells": [{"type": "cell", "colspan": cell.colspan, "rowspan": cell.rowspan,
                                      "blocks": [block_to_json(b) for b in cell.blocks]} for cell in row.cells]}


def speaker_to_json(speaker: n.Speaker) -> dict[str, Any]:
    """Return the JSON form of a speaker or presenter."""
    return {"name": speaker.name, "affiliation": speaker.affiliation}


def block_to_json(node: n.Block) -> dict[str, Any]:
    """Return the JSON form of one block and everything below it."""
    if isinstance(node, n.Para):
        return {"type": "paragraph", "lines": _span(node.lines),
                "inlines": [inline_to_json(i) for i in node.inlines]}
    if isinstance(node, (n.OrderedList, n.BulletList)):
        out: dict[str, Any] = {"type": "list", "ordered": isinstance(node, n.OrderedList)}
        if isinstance(node, n.OrderedList):
            out["start"] = node.start
        out["lines"] = _span(node.lines)
        out["items"] = [{"type": "item", "lines": _span(item.lines),
                         "blocks": [block_to_json(b) for b in item.blocks]} for item in node.items]
        return out
    if isinstance(node, n.Speech):
        return {"type": "speech", "speaker": speaker_to_json(node.speaker),
                "lines": _span(node.lines), "blocks": [block_to_json(b) for b in node.blocks]}
    if isinstance(node, n.Section):
        return {"type": "section", "title": node.title, "id": node.id,
                "lines": _span(node.lines), "blocks": [block_to_json(b) for b in node.blocks]}
    if isinstance(node, n.Parallel):
        return {"type": "parallel", "langs": list(node.langs), "lines": _span(node.lines),
                "blocks": [block_to_json(b) for b in node.blocks]}
    if isinstance(node, n.BlockQuote):
        return {"type": "blockquote", "lines": _span(node.lines), "blocks": [block_to_json(b) for b in node.blocks]}
    if isinstance(node, n.Table):
        return {"type": "table", "lines": _span(node.lines), "caption": [inline_to_json(i) for i in node.caption],
                "head": [_row_to_json(row) for row in node.head], "body": [_row_to_json(row) for row in node.body]}
    if isinstance(node, n.Figure):
        return {"type": "figure", "lines": _span(node.lines), "image": inline_to_json(node.image),
                "caption": [inline_to_json(i) for i in node.caption]}
    raise TypeError(f"not a block node: {node!r}")


def resource_to_json(resource: n.Resource) -> dict[str, Any]:
    """Return the JSON form of an image's bytes (base64)."""
    return {"name": resource.name, "media_type": resource.media_type,
            "data": base64.b64encode(resource.data).decode("ascii")}


def meta_to_json(meta: n.Meta) -> dict[str, Any]:
    """Return the JSON form of the title block."""
    return {
        "title": meta.title,
        "organizers": list(meta.organizers),
        "presenters": [speaker_to_json(p) for p in meta.presenters],
        "date": meta.date,
        "date_text": meta.date_text,
        "time_text": meta.time_text,
        "compiled_by": meta.compiled_by,
        "lang": meta.lang,
        "lines": _span(meta.lines),
    }


def _with_origins(value: Any, doc: n.Document) -> Any:
    """Return ``value`` (JSON of nodes) with an ``"origin"`` after each ``"lines"`` span of a paged
    source: the [page, line on that page] of the span's first and last lines."""
    if isinstance(value, list):
        return [_with_origins(item, doc) for item in value]
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for key, item in value.items():
        out[key] = _with_origins(item, doc)
        if key == "lines":
            first, last = doc.origin(item[0]), doc.origin(item[1])
            if first and last:
                out["origin"] = [list(first), list(last)]
    return out


def _block_converter(doc: n.Document) -> Callable[[n.Block], dict[str, Any]]:
    """Return the function that gives a block of ``doc`` its JSON form (origins too, when paged)."""
    if not doc.origins:
        return block_to_json
    return lambda block: _with_origins(block_to_json(block), doc)


def _document_to_json(doc: n.Document, blocks: list | _LazyList) -> dict[str, Any]:
    meta = meta_to_json(doc.meta)
    return {"type": "document", "version": AST_VERSION, "meta": _with_origins(meta, doc) if doc.origins else meta,
            "blocks": blocks, "resources": [resource_to_json(resource) for resource in doc.resources]}


def to_json(doc: n.Document) -> dict[str, Any]:
    """Return the JSON form of a whole document."""
    return _document_to_json(doc, [_block_converter(doc)(b) for b in doc.blocks])


def dumps(doc: n.Document) -> str:
    """Return the document as pretty, stable JSON text (ending in a newline).

    The text is ``json.dumps(to_json(doc), ensure_ascii=False, indent=1) + "\\n"``.
    """
    parts: list[str] = []
    dump(doc, parts.append)
    return "".join(parts)


def dump(doc: n.Document, write: Callable[[str], object]) -> None:
    """Pass the text ``dumps`` returns to ``write``, in pieces of some tens of kilobytes.

    The JSON form of each top-level block is made when its turn comes, written and dropped.
    Neither the whole tree of dicts nor the whole text is ever held, so what is being worked
    on stays in the processor's cache and the cost per block does not grow with the report.
    """
    emitter = _Emitter(write)
    emitter.value(_document_to_json(doc, _LazyList(doc.blocks, _block_converter(doc))), "\n", "")
    emitter.out.append("\n")
    emitter.flush()


# --- pretty JSON text ------------------------------------------------------------
#
# json.dumps with ``indent`` runs the standard library's pure-Python encoder, a chain of
# generators that yields a few characters at a time. The emitter below writes the same text
# (indent=1, ensure_ascii=False, default separators) from the same values, with strings
# escaped by the same C function, in fewer and larger pieces.


class _LazyList:
    """A list the emitter writes without it being built: ``convert(item)`` for each item."""

    def __init__(self, items: tuple, convert: Callable[[Any], Any]) -> None:
        self.items = items
        self.convert = convert

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Any]:
        return map(self.convert, self.items)


# Anything but str, int, bool, None and containers (a float) is left to the standard encoder.
_SCALARS = json.JSONEncoder(ensure_ascii=False)
# Pieces of text gathered before they are joined and passed on: some tens of kilobytes.
_FLUSH_PIECES = 256


class _Emitter:
    """Write a JSON value as ``json.dumps(value, ensure_ascii=False, indent=1)`` does."""

    def __init__(self, write: Callable[[str], object]) -> None:
        self.write = write
        self.out: list[str] = []

    def flush(self) -> None:
        """Join the pieces gathered so far and pass them on."""
        if self.out:
            self.write("".join(self.out))
            self.out.clear()

    def value(self, value: Any, newline: str, lead: str) -> None:
        """Append ``lead`` and then ``value``, whose own line starts with ``newline``."""
        if isinstance(value, dict):
            self.object(value, newline, lead)
        elif isinstance(value, (list, tuple, _LazyList)):
            self.array(value, newline, lead)
        else:
            self.out.append(lead + _scalar(value))

    def object(self, value: dict, newline: str, lead: str) -> None:
        """Append an object; its keys are strings, as in every object ``to_json`` makes."""
        if not value:
            self.out.append(lead + "{}")
            return
        inner = newline + " "
        lead += "{" + inner
        for key, item in value.items():
            self.value(item, inner, lead + encode_basestring(key) + ": ")
            lead = "," + inner
        self.out.append(newline + "}")

    def array(self, value: Iterable, newline: str, lead: str) -> None:
        """Append an array, passing on what was gathered once it is enough."""
        if not len(value):
            self.out.append(lead + "[]")
            return
        inner = newline + " "
        lead += "[" + inner
        for item in value:
            self.value(item, inner, lead)
            lead = "," + inner
            if len(self.out) > _FLUSH_PIECES:
                self.flush()
        self.out.append(newline + "]")


def _scalar(value: Any) -> str:
    """Return the JSON text of a value that is not a container."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    return _SCALARS.encode(value)  # a float, or a TypeError as json.dumps raises it


# --- load ----------------------------------------------------------------------


#: The most columns or rows one table cell may span.
MAX_SPAN = 1000


class _Loader:
    """Rebuild nodes from JSON, naming the JSON path of anything malformed."""

    def __init__(self) -> None:
        self.version = AST_VERSION
        self.images: list[tuple[str, str]] = []  # (resource name, JSON path) of every image

    def fail(self, path: str, message: str) -> ConversionError:
        return ConversionError(f"invalid document JSON at {path}: {message}")

    def get(self, obj: Any, key: str, kind: type | tuple[type, ...], path: str, default: Any = ...) -> Any:
        if not isinstance(obj, dict):
            raise self.fail(path, "expected an object")
        if key not in obj:
            if default is ...:
                raise self.fail(path, f"missing key {key!r}")
            return default
        value = obj[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(f"{path}.{key}", f"expected {getattr(kind, '__name__', kind)}")
        return value

    def span(self, obj: Any, path: str) -> n.Span:
        value = self.get(obj, "lines", list, path, [0, 0])
        if len(value) != 2 or not all(isinstance(v, int) for v in value):
            raise self.fail(f"{path}.lines", "expected [first, last]")
        return (value[0], value[1])

    def inline(self, obj: Any, path: str) -> n.Inline:
        kind = self.get(obj, "type", str, path)
        if kind == "text":
            return n.Text(self.get(obj, "text", str, path))
        if kind in ("strong", "emph"):
            children = self.inlines(self.get(obj, "inlines", list, path), f"{path}.inlines")
            return n.Strong(children) if kind == "strong" else n.Emph(children)
        if self.version >= 2:
            if kind == "link":
                target = self.get(obj, "target", str, path)
                if not n.is_link_target(target):
                    raise self.fail(f"{path}.target", "a link leads to an http, https or mailto URL or to #id")
                return n.Link(self.inlines(self.get(obj, "inlines", list, path), f"{path}.inlines"), target)
            if kind == "note":
                return n.Note(self.blocks(self.get(obj, "blocks", list, path), f"{path}.blocks"))
            if kind == "image":
                return self.image(obj, path)
        raise self.fail(f"{path}.type", f"unknown inline type {kind!r}")

    def image(self, obj: Any, path: str) -> n.Image:
        if self.get(obj, "type", str, path) != "image":
            raise self.fail(f"{path}.type", "expected 'image'")
        resource = self.get(obj, "resource", str, path)
        self.images.append((resource, f"{path}.resource"))
        return n.Image(resource, self.get(obj, "alt", str, path, ""))

    def row(self, obj: Any, path: str) -> n.Row:
        cells = []
        for i, cell in enumerate(self.get(obj, "cells", list, path)):
            where = f"{path}.cells[{i}]"
            colspan, rowspan = self.get(cell, "colspan", int, where, 1), self.get(cell, "rowspan", int, where, 1)
            if not (1 <= colspan <= MAX_SPAN and 1 <= rowspan <= MAX_SPAN):
                raise self.fail(where, f"a cell spans 1 to {MAX_SPAN} columns and rows")
            cells.append(n.Cell(self.blocks(self.get(cell, "blocks", list, where), f"{where}.blocks"),
                                colspan, rowspan))
        return n.Row(tuple(cells))

    def rows(self, obj: Any, key: str, path: str) -> tuple[n.Row, ...]:
        return tuple(self.row(row, f"{path}.{key}[{i}]") for i, row in enumerate(self.get(obj, key, list, path)))

    def inlines(self, items: list, path: str) -> tuple[n.Inline, ...]:
        return tuple(self.inline(item, f"{path}[{i}]") for i, item in enumerate(items))

    def speaker(self, obj: Any, path: str) -> n.Speaker:
        return n.Speaker(self.get(obj, "name", str, path), self.get(obj, "affiliation", str, path, ""))

    def blocks(self, items: list, path: str) -> tuple[n.Block, ...]:
        return tuple(self.block(item, f"{path}[{i}]") for i, item in enumerate(items))

    def block(self, obj: Any, path: str) -> n.Block:
        kind = self.get(obj, "type", str, path)
        lines = self.span(obj, path)
        if kind == "paragraph":
            return n.Para(self.inlines(self.get(obj, "inlines", list, path), f"{path}.inlines"), lines)
        if kind == "list":
            items = tuple(
                n.Item(self.blocks(self.get(item, "blocks", list, f"{path}.items[{i}]"),
                                   f"{path}.items[{i}].blocks"),
                       self.span(item, f"{path}.items[{i}]"))
                for i, item in enumerate(self.get(obj, "items", list, path)))
            if self.get(obj, "ordered", bool, path):
                return n.OrderedList(items, self.get(obj, "start", int, path, 1), lines)
            return n.BulletList(items, lines)
        if self.version >= 2 and kind in ("table", "figure"):
            caption = self.inlines(self.get(obj, "caption", list, path, []), f"{path}.caption")
            if kind == "table":
                return n.Table(self.rows(obj, "head", path), self.rows(obj, "body", path), caption, lines)
            return n.Figure(self.image(self.get(obj, "image", dict, path), f"{path}.image"), caption, lines)
        children = self.blocks(self.get(obj, "blocks", list, path), f"{path}.blocks")
        if kind == "blockquote" and self.version >= 2:
            return n.BlockQuote(children, lines)
        if kind == "speech":
            return n.Speech(self.speaker(self.get(obj, "speaker", dict, path), f"{path}.speaker"),
                            children, lines)
        if kind == "section":
            return n.Section(self.get(obj, "title", str, path), self.get(obj, "id", str, path),
                             children, lines)
        if kind == "parallel":
            langs = self.get(obj, "langs", list, path)
            if len(children) != 2 or len(langs) != 2 or not all(isinstance(x, str) for x in langs):
                raise self.fail(path, "a parallel block has exactly two blocks and two langs")
            return n.Parallel((children[0], children[1]), (langs[0], langs[1]), lines)
        raise self.fail(f"{path}.type", f"unknown block type {kind!r}")

    def meta(self, obj: Any, path: str) -> n.Meta:
        organizers = self.get(obj, "organizers", list, path, [])
        if not all(isinstance(o, str) for o in organizers):
            raise self.fail(f"{path}.organizers", "expected a list of strings")
        presenters = self.get(obj, "presenters", list, path, [])
        return n.Meta(
            title=self.get(obj, "title", str, path, ""),
            organizers=tuple(organizers),
            presenters=tuple(self.speaker(p, f"{path}.presenters[{i}]") for i, p in enumerate(presenters)),
            date=self.get(obj, "date", str, path, ""),
            date_text=self.get(obj, "date_text", str, path, ""),
            time_text=self.get(obj, "time_text", str, path, ""),
            compiled_by=self.get(obj, "compiled_by", str, path, ""),
            lang=self.get(obj, "lang", str, path, "en"),
            lines=self.span(obj, path),
        )

    def resources(self, items: list, path: str) -> tuple[n.Resource, ...]:
        out = []
        for i, item in enumerate(items):
            where = f"{path}[{i}]"
            name, media_type = self.get(item, "name", str, where), self.get(item, "media_type", str, where)
            if not n.is_resource_name(name):
                raise self.fail(f"{where}.name", "a resource name is a plain file name ending .png, .jpg or .gif")
            if n.IMAGE_TYPES.get(media_type) != name.rsplit(".", 1)[1]:
                raise self.fail(f"{where}.media_type", f"{media_type!r} does not match the name {name!r}")
            try:
                data = base64.b64decode(self.get(item, "data", str, where), validate=True)
            except binascii.Error:
                raise self.fail(f"{where}.data", "expected base64") from None
            out.append(n.Resource(name, media_type, data))
        try:
            check_resources(tuple(out))
        except ImageError as exc:
            raise self.fail(path, str(exc)) from None
        return tuple(out)

    def document(self, obj: Any) -> n.Document:
        if self.get(obj, "type", str, "$") != "document":
            raise self.fail("$.type", "expected 'document'")
        self.version = self.get(obj, "version", int, "$", AST_VERSION)
        if self.version not in READABLE_VERSIONS:
            raise self.fail("$.version", f"version {self.version} is not supported (this reads "
                            f"{', '.join(map(str, READABLE_VERSIONS))})")
        meta = self.meta(self.get(obj, "meta", dict, "$"), "$.meta")
        blocks = self.blocks(self.get(obj, "blocks", list, "$"), "$.blocks")
        resources = self.resources(self.get(obj, "resources", list, "$", []), "$.resources") \
            if self.version >= 2 else ()
        names = {resource.name for resource in resources}
        for name, where in self.images:
            if name not in names:
                raise self.fail(where, f"no resource is called {name!r}")
        return n.Document(meta, blocks, resources=resources)


def from_json(obj: Any) -> n.Document:
    """Return the document that ``obj`` (parsed JSON) describes; raise ConversionError if malformed."""
    return _Loader().document(obj)


def loads(text: str) -> n.Document:
    """Return the document in JSON ``text``."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConversionError(f"invalid document JSON: {exc}") from None
    return from_json(obj)
