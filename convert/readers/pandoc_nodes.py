"""pandoc's JSON AST straight to our nodes, for what structure recovery has nothing to find in:
a note's text, a table's cells and caption, a figure, a block quote.

Inlines keep their text, strong and emphasis; links whose targets are http, https, mailto
or a heading of the document (``#id``, made the id our tree gives that heading) stay links,
others become their text; images whose bytes pandoc extracted from the document become
``Image`` nodes (a picture the source only names, a URL or a path, is never fetched: its
description stays as text). Anything else is its text, so no word is lost.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any

from .. import nodes as n
from ..decode import clean_line
from ..errors import Diagnostic, InputError
from ..images import MAX_IMAGE_BYTES, ImageError, resource_for
from ..recover.patterns import slugify

#: Blocks and inlines nest at most this deep (a list in a list in a quote ...); deeper input is
#: refused. Real documents stay under ten; the bound keeps the walk's recursion safe.
MAX_NESTING = 100
_WHITESPACE = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\f": " ", "\v": " "})
#: The quotation marks pandoc's ``Quoted`` stands for.
QUOTES = {"DoubleQuote": ("\u201c", "\u201d"), "SingleQuote": ("\u2018", "\u2019")}
#: Inline elements whose text is kept as it is, without a style of ours.
TRANSPARENT = frozenset({"Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps"})


def clean(text: str) -> str:
    """Return source text cleaned as a dump's is (``decode.clean_line``: odd spaces plain, soft
    hyphens and controls removed), its line breaks and tabs made spaces."""
    return clean_line(text.translate(_WHITESPACE))


def too_deep(name: str) -> InputError:
    """Return the error for a source nested deeper than MAX_NESTING."""
    return InputError(f"the document nests lists, quotes or sections more than {MAX_NESTING} levels deep; "
                      "it cannot be read", name)


_DATA_URI = re.compile(r"data:image/(?:png|jpeg|gif);base64,([A-Za-z0-9+/=\s]+)")


def _data_uri(target: str) -> bytes | None:
    """Return the bytes of a ``data:`` URI holding a PNG, JPEG or GIF (the document holds them)."""
    match = _DATA_URI.fullmatch(target)
    if match is None or len(target) > 2 * MAX_IMAGE_BYTES:
        return None
    try:
        return base64.b64decode(match.group(1))
    except binascii.Error:
        return None


class NodeMaker:
    """Per-run state: the document's heading ids, its extracted media, the images kept."""

    def __init__(self, name: str, media: dict[str, bytes] | None = None,
                 headings: dict[str, str] | None = None) -> None:
        self.name = name
        self.media = media or {}
        #: pandoc's heading id -> the heading's text (our id is made of it).
        self.headings = headings or {}
        self.resources: dict[str, n.Resource] = {}
        self.diagnostics: list[Diagnostic] = []
        self.said: set[str] = set()

    def say(self, code: str, message: str, line: int = 0) -> None:
        if code not in self.said:
            self.said.add(code)
            self.diagnostics.append(Diagnostic(line, code, message))

    # --- inlines -----------------------------------------------------------------

    def target(self, url: str) -> str | None:
        """Return our link target for pandoc's ``url``, or None when it may not be one."""
        if url.startswith("#"):
            text = self.headings.get(url[1:])
            return f"#{slugify(text)}" if text and n.is_link_target(f"#{slugify(text)}") else None
        return url if n.is_link_target(url) else None

    def image(self, content: list) -> n.Image | None:
        """Return the image of pandoc's Image ``content`` when its bytes are in the document."""
        alt = " ".join(clean(self.plain(content[1])).split())
        target = content[2][0]
        data = self.media.get(target) if not target.startswith("data:") else _data_uri(target)
        if data is None:
            self.say("image-not-read", "an image the document only names (a URL or a file) is not fetched: "
                     "its description is kept as text")
            return None
        try:
            resource = resource_for(data)
        except ImageError as exc:
            self.say("image-refused", f"an image was left out, its description kept as text: {exc}")
            return None
        self.resources.setdefault(resource.name, resource)
        return n.Image(resource.name, alt)

    def plain(self, inlines: list[dict[str, Any]]) -> str:
        return n.plain_text(self.inlines(inlines, 0, notes=False))

    def inlines(self, inlines: list[dict[str, Any]], depth: int, notes: bool = True) -> tuple[n.Inline, ...]:
        if depth > MAX_NESTING:
            raise too_deep(self.name)
        out: list[n.Inline] = []

        def text(value: str) -> None:
            if out and isinstance(out[-1], n.Text):
                out[-1] = n.Text(out[-1].text + value)
            elif value:
                out.append(n.Text(value))

        for node in inlines:
            kind, content = node["t"], node.get("c")
            if kind == "Str":
                text(clean(content))
            elif kind in ("Space", "SoftBreak", "LineBreak"):
                text(" ")
            elif kind in ("Strong", "Emph"):
                inner = self.inlines(content, depth + 1, notes)
                if inner:
                    out.append(n.Strong(inner) if kind == "Strong" else n.Emph(inner))
            elif kind in TRANSPARENT or kind == "Cite":
                for inline in self.inlines(content if kind in TRANSPARENT else content[1], depth + 1, notes):
                    text(inline.text) if isinstance(inline, n.Text) else out.append(inline)
            elif kind == "Span":
                for inline in self.inlines(content[1], depth + 1, notes):
                    text(inline.text) if isinstance(inline, n.Text) else out.append(inline)
            elif kind == "Quoted":
                opening, closing = QUOTES[content[0]["t"]]
                text(opening)
                for inline in self.inlines(content[1], depth + 1, notes):
                    text(inline.text) if isinstance(inline, n.Text) else out.append(inline)
                text(closing)
            elif kind == "Link":
                inner = self.inlines(content[1], depth + 1, notes)
                target = self.target(content[2][0])
                if target is not None and inner:
                    out.append(n.Link(inner, target))
                else:
                    for inline in inner:
                        text(inline.text) if isinstance(inline, n.Text) else out.append(inline)
            elif kind == "Image":
                image = self.image(content)
                if image is not None:
                    out.append(image)
                else:
                    text(self.plain(content[1]))
            elif kind in ("Code", "Math", "RawInline"):
                text(clean(content[1]))
            elif kind == "Note":
                if notes:
                    out.append(n.Note(self.blocks(content, depth + 1)))
                else:  # a note inside a note's own text: its text in brackets
                    text(f" [{' '.join(self.plain_blocks(content))}]")
            else:
                raise InputError(f"pandoc gave an inline element this reader does not know: {kind}", self.name)
        return tuple(out)

    def plain_blocks(self, blocks: list[dict[str, Any]]) -> list[str]:
        return [n.plain_text(b.inlines) for b in n.iter_blocks(self.blocks(blocks, 0)) if isinstance(b, n.Para)]

    # --- blocks ------------------------------------------------------------------

    def blocks(self, blocks: list[dict[str, Any]], depth: int) -> tuple[n.Block, ...]:
        if depth > MAX_NESTING:
            raise too_deep(self.name)
        out: list[n.Block] = []
        for node in blocks:
            out.extend(self.block(node, depth))
        return tuple(out)

    def paragraph(self, inlines: list[dict[str, Any]], depth: int) -> list[n.Block]:
        inner = self.inlines(inlines, depth + 1)
        return [n.Para(inner)] if inner else []

    def block(self, node: dict[str, Any], depth: int) -> list[n.Block]:
        kind, content = node["t"], node.get("c")
        if kind in ("Para", "Plain"):
            return self.paragraph(content, depth)
        if kind == "Header":
            return self.paragraph([{"t": "Strong", "c": content[2]}], depth)
        if kind == "LineBlock":
            return [block for inlines in content for block in self.paragraph(inlines, depth)]
        if kind in ("BulletList", "OrderedList"):
            start, items = (content[0][0], content[1]) if kind == "OrderedList" else (1, content)
            made = tuple(n.Item(self.blocks(item, depth + 1)) for item in items)
            return [n.OrderedList(made, start) if kind == "OrderedList" else n.BulletList(made)]
        if kind == "BlockQuote":
            return [n.BlockQuote(self.blocks(content, depth + 1))]
        if kind == "Div":
            return list(self.blocks(content[1], depth + 1))
        if kind in ("CodeBlock", "RawBlock"):
            return [n.Para((n.Text(line),)) for line in (clean(part) for part in content[1].split("\n")) if line.strip()]
        if kind == "Table":
            return [self.table(content, depth)]
        if kind == "Figure":
            return self.figure(content, depth)
        if kind == "DefinitionList":
            out: list[n.Block] = []
            for term, definitions in content:
                out += self.paragraph([{"t": "Strong", "c": term}], depth)
                for definition in definitions:
                    out += self.blocks(definition, depth + 1)
            return out
        if kind in ("HorizontalRule", "Null"):
            return []
        raise InputError(f"pandoc gave a block this reader does not know: {kind}", self.name)

    def caption(self, caption: list, depth: int) -> tuple[n.Inline, ...]:
        """Return the inlines of pandoc's caption (its blocks' paragraphs run together)."""
        out: list[n.Inline] = []
        for block in self.blocks(caption[1], depth + 1):
            for para in n.iter_blocks((block,)):
                if isinstance(para, n.Para):
                    out += [n.Text(" ")] * bool(out) + list(para.inlines)
        return tuple(out)

    def table(self, content: list, depth: int) -> n.Table:
        _, caption, _, head, bodies, foot = content

        def rows(rows: list) -> tuple[n.Row, ...]:
            return tuple(n.Row(tuple(n.Cell(self.blocks(cell[4], depth + 1), max(1, min(cell[3], 1000)),
                                            max(1, min(cell[2], 1000))) for cell in row[1])) for row in rows)

        body_rows: list = []
        for body in bodies:
            body_rows += body[2] + body[3]
        return n.Table(rows(head[1]), rows(body_rows + foot[1]), self.caption(caption, depth))

    def figure(self, content: list, depth: int) -> list[n.Block]:
        """Return a figure of one picture the document holds, with its caption; any other figure's
        blocks as they are, its caption a paragraph after them."""
        _, caption, blocks = content
        images = [inline for block in blocks if block["t"] in ("Plain", "Para") for inline in block["c"]
                  if inline["t"] == "Image"]
        words = [inline for block in blocks if block["t"] in ("Plain", "Para") for inline in block["c"]
                 if inline["t"] not in ("Image", "Space", "SoftBreak")]
        text = self.caption(caption, depth)
        if len(images) == 1 and not words and len(blocks) == 1:
            image = self.image(images[0]["c"])
            if image is not None:
                return [n.Figure(image, text)]
            alt = self.plain(images[0]["c"][1])  # the picture is not in the document: its words
            shown = [n.Para((n.Text(alt),))] if alt.strip() else []
            return shown + ([n.Para(text)] if text and n.plain_text(text).strip() != alt.strip() else [])
        return list(self.blocks(blocks, depth + 1)) + ([n.Para(text)] if text else [])
