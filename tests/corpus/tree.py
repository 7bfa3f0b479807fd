"""The plain shape of a document tree that specs, scores and round-trip tests compare.

A plain tree is the AST's JSON form without line spans, ids or version, with inlines
flattened to one string and list items to one string each:
``{"meta": {...}, "blocks": [{"type": "section", "title", "blocks": [...]}, ...]}``.

``fold`` is the one text normalisation every comparison applies. It changes exactly:

- the ligature characters U+FB00..U+FB06 (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ) into their letters;
- the soft hyphen U+00AD and the invisible direction marks and embeddings (U+200E,
  U+200F, U+202A..U+202E, U+2066..U+2069) some extractors put around right-to-left
  names: removed (the spaces next to them are kept, so a space they displace is
  still a difference);
- typographic single quotes (U+2018, U+2019, U+201A, U+201B) into ``'`` and double
  quotes (U+201C, U+201D, U+201E, U+201F) into ``"``;
- every run of whitespace (including no-break and thin spaces, tabs, line breaks)
  into one space, and none at either end.

Nothing else: a line-end hyphen left in a word, a private-use bullet, a running header
left in the text, a word split in two all count as differences, because the reader
should repair them.
"""

from __future__ import annotations

import re
from typing import Any

LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
             "\ufb05": "st", "\ufb06": "st"}
QUOTES = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
          "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'}
INVISIBLE = "\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
FOLD_TABLE = str.maketrans({**LIGATURES, **QUOTES, **dict.fromkeys(INVISIBLE, "")})
WHITESPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Return ``text`` normalised as the module docstring says (ligatures, invisible marks, quotes, spaces)."""
    return WHITESPACE.sub(" ", text.translate(FOLD_TABLE)).strip()


def inline_text(inlines: list[dict]) -> str:
    """Return the plain text of JSON inlines (strong and emphasis flattened)."""
    return "".join(i["text"] if i["type"] == "text" else inline_text(i["inlines"]) for i in inlines)


def plain_block(block: dict) -> dict:
    """Return one JSON block in plain form."""
    kind = block["type"]
    if kind == "paragraph":
        return {"type": "paragraph", "text": fold(inline_text(block["inlines"]))}
    if kind == "list":
        items = [fold(" ".join(plain_block(b).get("text", "") for b in item["blocks"])) for item in block["items"]]
        out: dict[str, Any] = {"type": "list", "ordered": block["ordered"], "items": items}
        if block["ordered"]:
            out["start"] = block["start"]
        return out
    if kind == "speech":
        speaker = {k: fold(v) for k, v in block["speaker"].items()}
        return {"type": "speech", "speaker": speaker, "blocks": [plain_block(b) for b in block["blocks"]]}
    if kind == "section":
        return {"type": "section", "title": fold(block["title"]), "blocks": [plain_block(b) for b in block["blocks"]]}
    raise ValueError(f"no plain form for block type {kind!r}")


def plain_meta(meta: dict) -> dict:
    """Return the title block in plain form (no line span, text folded)."""
    return {"title": fold(meta["title"]), "organizers": [fold(o) for o in meta["organizers"]],
            "presenters": [{k: fold(v) for k, v in p.items()} for p in meta["presenters"]],
            "date": meta["date"], "date_text": fold(meta["date_text"]), "time_text": fold(meta["time_text"]),
            "compiled_by": fold(meta["compiled_by"]), "lang": meta["lang"]}


def plain_tree(ast_json: dict) -> dict:
    """Return the plain form of a document's JSON (``convert.astjson.to_json``) or of a spec."""
    return {"meta": plain_meta(ast_json["meta"]), "blocks": [plain_block(b) for b in ast_json["blocks"]]}


def plain_spec(spec: dict) -> dict:
    """Return a spec with its text folded the same way (specs are plain already)."""
    def block(b: dict) -> dict:
        if b["type"] == "paragraph":
            return {**b, "text": fold(b["text"])}
        if b["type"] == "list":
            return {**b, "items": [fold(i) for i in b["items"]]}
        if b["type"] == "speech":
            return {**b, "speaker": {k: fold(v) for k, v in b["speaker"].items()},
                    "blocks": [block(x) for x in b["blocks"]]}
        return {**b, "title": fold(b["title"]), "blocks": [block(x) for x in b["blocks"]]}

    return {"meta": plain_meta(spec["meta"]), "blocks": [block(b) for b in spec["blocks"]]}


def document_plain(document) -> dict:
    """Return the plain form of a ``convert.nodes.Document``."""
    from convert import astjson

    return plain_tree(astjson.to_json(document))


def walk(blocks: list[dict]):
    """Yield every block of a plain tree, depth first, in reading order."""
    for block in blocks:
        yield block
        if block["type"] in ("section", "speech"):
            yield from walk(block["blocks"])


def text_units(blocks: list[dict]) -> list[str]:
    """Return the body text units in order: each paragraph and each list item."""
    units: list[str] = []
    for block in walk(blocks):
        if block["type"] == "paragraph":
            units.append(block["text"])
        elif block["type"] == "list":
            units.extend(block["items"])
    return units


def list_units(blocks: list[dict]) -> list[range]:
    """Return, for each list in order, the indices of its items among ``text_units(blocks)``."""
    lists: list[range] = []
    count = 0
    for block in walk(blocks):
        if block["type"] == "paragraph":
            count += 1
        elif block["type"] == "list":
            lists.append(range(count, count + len(block["items"])))
            count += len(block["items"])
    return lists


def spec_to_ast_json(spec: dict) -> dict:
    """Return a spec as our AST's JSON form (version 1; every span ``[0, 0]``, "not from the source").

    ``convert.astjson.from_json`` reads the result: the document a perfect reader would build.
    """
    from convert.recover.patterns import slugify

    used: set[str] = set()

    def unique(title: str) -> str:
        base = candidate = slugify(title)
        number = 1
        while candidate in used:
            number += 1
            candidate = f"{base}-{number}"
        used.add(candidate)
        return candidate

    def paragraph(text: str) -> dict:
        return {"type": "paragraph", "lines": [0, 0], "inlines": [{"type": "text", "text": text}]}

    def block(b: dict) -> dict:
        if b["type"] == "paragraph":
            return paragraph(b["text"])
        if b["type"] == "list":
            out = {"type": "list", "ordered": b["ordered"], **({"start": b["start"]} if b["ordered"] else {}),
                   "lines": [0, 0],
                   "items": [{"type": "item", "lines": [0, 0], "blocks": [paragraph(i)]} for i in b["items"]]}
            return out
        if b["type"] == "speech":
            return {"type": "speech", "speaker": dict(b["speaker"]), "lines": [0, 0],
                    "blocks": [block(x) for x in b["blocks"]]}
        return {"type": "section", "title": b["title"], "id": unique(b["title"]), "lines": [0, 0],
                "blocks": [block(x) for x in b["blocks"]]}

    return {"type": "document", "version": 1, "meta": {**spec["meta"], "lines": [0, 0]},
            "blocks": [block(b) for b in spec["blocks"]]}
