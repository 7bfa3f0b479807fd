"""The pandoc reader: any format pandoc reads (Markdown, HTML, ODT, EPUB, reStructuredText, LaTeX,
Org ...) to lines for structure recovery, through pandoc's JSON AST.

1. ``pandoc_json``  the source to pandoc's JSON (``pandoc --sandbox -f FORMAT -t json``: no
                    shell, no file or URL the source names is fetched, a time limit); a text
                    format is decoded first (UTF-8, UTF-16 with a BOM, legacy encodings); an
                    ODT's ``meta.xml``, which pandoc leaves aside, read for its metadata
2. ``split_front``  what comes before the body: the title block pandoc's HTML template writes,
                    a table of contents (left out, its titles kept as heading evidence), the
                    title page our own writers put first (a ``titlepage`` Div), paragraphs
                    that only show the declared title, author or date (pandoc's ODT)
3. ``declared``     title, author, date and language from the metadata
4. ``LineMaker``    the blocks to lines (``convert.readers.pandoc_blocks``)

``recover_pandoc`` then hands the lines to structure recovery, with the declared headings, the
metadata, and where the title block ends. Line numbers in its diagnostics count the reader's
lines (a line per heading, paragraph line or list item, a blank between blocks), not the file's.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from typing import Any

from ..decode import decode_markup
from ..errors import ConversionError, Diagnostic, InputError
from ..lines import Declared
from ..pandoc_process import PandocFailed, Running, environment
from ..recover import Recovered, recover
from . import MAX_PANDOC_BYTES, PANDOC_CONTAINERS, base_format
from ..images import MAX_IMAGES_BYTES
from ..recover.resources import with_resources
from .pandoc_blocks import LineMaker
from .pandoc_nodes import MAX_NESTING, NodeMaker, too_deep

#: Seconds pandoc may take to read a source (a 2 MB HTML file takes about 14 s, a 2 MB
#: Markdown file 7 s; the largest one taken, MAX_PANDOC_BYTES, about two minutes).
PANDOC_TIMEOUT = 600
#: pandoc's runtime options when it reads (unless the user sets ``GHCRTS``): the writers' heap
#: suggestion, and a heap limit. pandoc holds about 130 times an HTML file's size (270 MB for
#: 2 MB); past the limit it stops with "Heap exhausted" instead of swapping the machine to a halt.
RUNTIME_OPTIONS = "-H16m -M3g"


def pandoc_json(data: bytes, name: str, source_format: str) -> tuple[dict[str, Any], dict[str, bytes]]:
    """Return pandoc's JSON AST of the source ``data`` (file ``name``) read as ``source_format``,
    and the pictures a container format holds (a DOCX's, an ODT's, an EPUB's), by the path the
    AST names them with (at most ``images.MAX_IMAGES_BYTES`` of them).

    Raises InputError, naming the file, when pandoc cannot read it.
    """
    if base_format(source_format) not in PANDOC_CONTAINERS:
        data = decode_markup(data, name, MAX_PANDOC_BYTES).text.encode("utf-8")
    # --standalone: the source is a whole document (reStructuredText's lone first title is its title).
    # --quiet: only an error is said, never a long list of warnings.
    running = Running(["--sandbox", "--standalone", "--quiet", "-f", source_format, "-t", "json"], data,
                      RUNTIME_OPTIONS, extract_media=base_format(source_format) in PANDOC_CONTAINERS)
    try:
        output, media = running.result_with_media(PANDOC_TIMEOUT, MAX_IMAGES_BYTES)
    except PandocFailed as exc:
        if "Heap exhausted" in exc.said:
            raise InputError(f"pandoc ran out of memory reading it as {source_format} (its heap limit is set by "
                             f"GHCRTS, here {environment(RUNTIME_OPTIONS)['GHCRTS']!r})", name) from None
        said = " ".join(exc.said.split())
        said = said if len(said) <= 500 else said[:500] + " ..."
        raise InputError(f"pandoc cannot read it as {source_format}: {said}", name) from None
    except ConversionError as exc:
        raise InputError(f"{exc} reading it as {source_format}", name) from None
    try:
        document = json.loads(output)
    except RecursionError:
        raise too_deep(name) from None
    except ValueError as exc:
        raise InputError(f"pandoc's JSON for it cannot be read: {exc}", name) from None
    if not isinstance(document, dict) or not isinstance(document.get("blocks"), list):
        raise InputError("pandoc gave no document for it", name)
    return document, media


# --- metadata ----------------------------------------------------------------------


def inline_text(inlines: list[dict[str, Any]], name: str = "") -> str:
    """Return the plain text of pandoc inlines, line breaks made spaces."""
    return " ".join(" ".join("".join(run.parts).split()) for run in LineMaker(name).runs(inlines)).strip()


def meta_text(value: dict[str, Any] | None, name: str = "") -> str:
    """Return the plain text of a metadata value (a list's items joined by ", ")."""
    if not value:
        return ""
    kind, content = value.get("t"), value.get("c")
    if kind == "MetaString":
        return " ".join(str(content).split())
    if kind == "MetaInlines":
        return inline_text(content, name)
    if kind == "MetaBlocks":
        maker = LineMaker(name)
        maker.blocks(content, 1)
        return " ".join(line.text for line in maker.lines if line.text)
    if kind == "MetaList":
        return ", ".join(text for text in (meta_text(item, name) for item in content) if text)
    if kind == "MetaMap":  # an author given as {name: ..., affiliation: ...}
        return meta_text(content.get("name"), name)
    return ""


#: The largest ``meta.xml`` of an ODT read for its metadata.
MAX_ODT_META_BYTES = 1024 * 1024
_ODT_META = {"title": "{http://purl.org/dc/elements/1.1/}title",
             "author": "{http://purl.org/dc/elements/1.1/}creator",
             "lang": "{http://purl.org/dc/elements/1.1/}language"}
_ODT_USER_FIELD = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}user-defined"
_ODT_FIELD_NAME = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}name"


def odt_meta(data: bytes, name: str, diagnostics: list[Diagnostic]) -> dict[str, Any]:
    """Return the title, author, language and date an ODT's ``meta.xml`` states, as pandoc
    metadata (pandoc's ODT reader leaves that file aside). The date is the user field "date"
    pandoc writes; ``dc:date`` is when the file was saved, not the report's date."""
    import io
    import zipfile

    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("meta.xml")
            if info.file_size > MAX_ODT_META_BYTES:
                raise ValueError(f"meta.xml is {info.file_size:,} bytes")
            xml = archive.read(info)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        root = etree.fromstring(xml, parser)
    except KeyError:
        return {}
    except (zipfile.BadZipFile, ValueError, etree.XMLSyntaxError) as exc:
        diagnostics.append(Diagnostic(0, "odt-meta", f"the ODT's metadata (meta.xml) is left aside: {exc}", "info"))
        return {}
    found: dict[str, Any] = {}
    for key, tag in _ODT_META.items():
        element = root.find(f".//{tag}")
        if element is not None and (element.text or "").strip():
            found[key] = {"t": "MetaString", "c": element.text}
    for element in root.iter(_ODT_USER_FIELD):
        if element.get(_ODT_FIELD_NAME) == "date" and (element.text or "").strip():
            found["date"] = {"t": "MetaString", "c": element.text}
    return found


def _language(value: str, diagnostics: list[Diagnostic]) -> str:
    """Return the declared language tag normalised; '' (with a warning) when it is no valid BCP 47 tag."""
    from ..langtags import LanguageTagError, language_tag

    try:
        return language_tag(value)
    except LanguageTagError as exc:
        diagnostics.append(Diagnostic(0, "bad-language", f"the metadata's language is left aside: {exc}"))
        return ""


# --- what comes before the body ------------------------------------------------------


@dataclass
class Front:
    """What stands before a pandoc document's body."""

    title: str = ""
    authors: list[str] = field(default_factory=list)
    date: str = ""
    title_page: list[dict[str, Any]] | None = None
    #: Lines of the HTML title block that are neither title, author nor date (a subtitle).
    extra: list[dict[str, Any]] = field(default_factory=list)
    contents: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _attr(block: dict[str, Any]) -> tuple[str, list[str]]:
    identifier, classes, _ = block["c"][0]
    return identifier, classes


def contents_titles(block: dict[str, Any], name: str = "", depth: int = 0) -> list[str] | None:
    """Return the titles of a table of contents (a bullet list of links to places in the
    document, lists of them nested in its items); None when ``block`` is no such list."""
    if block.get("t") != "BulletList" or not block["c"] or depth > 6:
        return None
    titles: list[str] = []
    for item in block["c"]:
        if not item or item[0].get("t") not in ("Plain", "Para"):
            return None
        inlines = [node for node in item[0]["c"] if node.get("t") not in ("Space", "SoftBreak")]
        if len(inlines) != 1 or inlines[0].get("t") != "Link" or not inlines[0]["c"][2][0].startswith("#"):
            return None
        titles.append(inline_text(inlines[0]["c"][1], name))
        for nested in item[1:]:
            found = contents_titles(nested, name, depth + 1)
            if found is None:
                return None
            titles += found
    return titles


def _title_block_header(front: Front, block: dict[str, Any], meta: dict[str, Any], name: str) -> None:
    """Read the title block of pandoc's HTML template: the title heading, the authors, the date
    (pandoc's HTML reader keeps only the title and authors in the metadata)."""
    authors = set(front.authors)
    others: list[str] = []
    for node in block["c"][1]:
        kind = node.get("t")
        if kind == "Header" and "title" in node["c"][1][1]:
            front.title = front.title or inline_text(node["c"][2], name)
        elif kind in ("Para", "Plain"):
            text = inline_text(node["c"], name)
            if text and text not in authors:
                others.append(text)
    if others and not front.date and "date" not in meta:
        front.date = others.pop()
    front.extra = [{"t": "Para", "c": [{"t": "Str", "c": text}]} for text in others]


def split_front(blocks: list[dict[str, Any]], meta: dict[str, Any], name: str = "") -> tuple[Front, list]:
    """Return what stands before the body of a pandoc document, and the body's blocks."""
    front = Front(title=meta_text(meta.get("title"), name), date=meta_text(meta.get("date"), name))
    author = meta.get("author")
    items = author["c"] if author and author.get("t") == "MetaList" else [author] if author else []
    front.authors = [text for text in (meta_text(item, name) for item in items) if text]
    index = 0
    header_seen = False
    while index < len(blocks):
        block = blocks[index]
        kind = block.get("t")
        if kind == "Div" and not header_seen and _attr(block)[0] == "title-block-header":
            header_seen = True
            _title_block_header(front, block, meta, name)
        elif (kind == "Header" and _CONTENTS_TITLE.match(inline_text(block["c"][2], name))
              and index + 1 < len(blocks) and blocks[index + 1].get("t") == "BulletList"
              and contents_titles(blocks[index + 1], name) is not None):
            front.diagnostics.append(Diagnostic(0, "contents", f"left out the heading "
                                                f"{inline_text(block['c'][2], name)!r} of a table of contents", "info"))
        elif kind == "BulletList" and (titles := contents_titles(block, name)) is not None:
            front.contents += titles
            front.diagnostics.append(Diagnostic(0, "contents", f"left out a table of contents ({len(titles)} "
                                                "entries); its titles are kept as evidence of headings", "info"))
        elif kind == "Div" and "contents" in _attr(block)[1] and not block["c"][1]:
            pass  # reStructuredText's ``.. contents::``: pandoc leaves it empty
        elif kind == "Div" and "titlepage" in _attr(block)[1] and front.title_page is None:
            front.title_page = block["c"][1]
        else:
            break
        index += 1
    return front, _without_shown_meta(front, blocks[index:], name)


#: The title of a table of contents ("Contents", "Table of Contents").
_CONTENTS_TITLE = re.compile(r"^(?:table\s+of\s+)?contents:?$", re.IGNORECASE)


def _without_shown_meta(front: Front, body: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    """Return ``body`` without the paragraphs before its first heading that only show the declared
    author or date (as pandoc's ODT writer sets them under the title), or that are the title of a
    table of contents with no entries before the first heading (a word processor's contents not
    yet updated). A paragraph showing the title stays: recovery knows it by the declared title."""
    shown = {text for text in (*front.authors, front.date) if text}
    kept: list[dict[str, Any]] = []
    for index, block in enumerate(body):
        if block.get("t") == "Header":
            return kept + body[index:]
        text = inline_text(block["c"], name) if block.get("t") in ("Para", "Plain") else ""
        following = body[index + 1]["t"] if index + 1 < len(body) else ""
        if text in shown:
            shown.discard(text)
            front.diagnostics.append(Diagnostic(0, "shown-metadata", f"left out the paragraph {text!r}: it shows "
                                                "the document's declared author or date", "info"))
        elif _CONTENTS_TITLE.match(text) and following == "Header":
            front.diagnostics.append(Diagnostic(0, "contents", f"left out {text!r}: the title of a table of "
                                                "contents with no entries", "info"))
        else:
            kept.append(block)
    return kept


# --- the reader ----------------------------------------------------------------------


def recover_pandoc(data: bytes, name: str, *, lang: str = "en", fallback_title: str = "",
                   source_format: str = "markdown") -> Recovered:
    """Return the document tree recovered from ``data`` (file ``name``), read by pandoc as ``source_format``."""
    document, media = pandoc_json(data, name, source_format)
    diagnostics: list[Diagnostic] = []
    meta = document.get("meta") or {}
    if base_format(source_format) == "odt":
        meta = {**odt_meta(data, name, diagnostics), **meta}
    front, body = split_front(document["blocks"], meta, name)
    diagnostics += front.diagnostics
    nodes = NodeMaker(name, media, heading_texts(document["blocks"], name))
    maker = LineMaker(name, nodes)
    body_start = 0
    if front.title_page is not None or front.extra:
        maker.blocks([*front.extra, *(front.title_page or ())])
        maker.blank()
        body_start = maker.next_number
    maker.blocks(body)
    maker.blank()
    declared_lang = meta_text(meta.get("lang") or meta.get("language"), name)  # "language": pandoc's EPUB
    lang = (_language(declared_lang, diagnostics) if declared_lang else "") or lang
    declared = Declared(title=front.title, compiled_by=", ".join(front.authors), date_text=front.date,
                        body_start=body_start)
    recovered = recover(maker.lines, lang=lang, fallback_title=fallback_title,
                        outline=[*maker.outline, *front.contents], declared=declared)
    diagnostics += [*recovered.diagnostics, *maker.diagnostics, *nodes.diagnostics]
    document = with_resources(recovered.document, nodes.resources)
    return replace(recovered, document=document, diagnostics=tuple(sorted(diagnostics, key=lambda d: d.line)))


def heading_texts(blocks: list[dict[str, Any]], name: str) -> dict[str, str]:
    """Return the id -> text of every heading of pandoc's ``blocks`` (where ``#id`` links lead)."""
    found: dict[str, str] = {}
    stack = [(block, 0) for block in reversed(blocks)]
    while stack:
        block, depth = stack.pop()
        if depth > MAX_NESTING:
            raise too_deep(name)
        if not isinstance(block, dict):
            continue
        if block.get("t") == "Header" and block["c"][1][0]:
            found.setdefault(block["c"][1][0], inline_text(block["c"][2], name))
        elif block.get("t") in ("Div", "BlockQuote"):
            inner = block["c"][1] if block["t"] == "Div" else block["c"]
            stack.extend((child, depth + 1) for child in reversed(inner))
    return found
