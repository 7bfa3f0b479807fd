"""The versioned JSON form of the document tree: dump to plain dicts and load back."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from json.encoder import encode_basestring
from typing import Any

from . import nodes as n
from .errors import ConversionError

#: Bumped on any incompatible change of the JSON form (see docs/ast.md).
AST_VERSION = 1


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
    raise TypeError(f"not an inline node: {node!r}")


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
    raise TypeError(f"not a block node: {node!r}")


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
            "blocks": blocks}


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


class _Loader:
    """Rebuild nodes from JSON, naming the JSON path of anything malformed."""

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
        raise self.fail(f"{path}.type", f"unknown inline type {kind!r}")

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
        children = self.blocks(self.get(obj, "blocks", list, path), f"{path}.blocks")
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

    def document(self, obj: Any) -> n.Document:
        if self.get(obj, "type", str, "$") != "document":
            raise self.fail("$.type", "expected 'document'")
        version = self.get(obj, "version", int, "$", AST_VERSION)
        if version != AST_VERSION:
            raise self.fail("$.version", f"version {version} is not supported (this is {AST_VERSION})")
        return n.Document(self.meta(self.get(obj, "meta", dict, "$"), "$.meta"),
                          self.blocks(self.get(obj, "blocks", list, "$"), "$.blocks"))


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
