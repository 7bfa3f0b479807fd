"""The pandoc bridge: the document tree as pandoc's JSON AST, and writers for any pandoc output format."""

from __future__ import annotations

import base64
import json
import re
from typing import Any

from pathlib import Path

from .. import nodes
from ..errors import UsageError
from ..langspans import cjk_language, lang_runs
from ..pandoc_process import Running, api_version, output_formats
from ..theme import Theme
from ..typography import typeset
from .epub_ids import IdMaker

#: File extension per pandoc output format; any other format gets ".<format>".
EXTENSIONS = {
    "html": ".html", "html4": ".html", "html5": ".html", "chunkedhtml": ".zip",
    "revealjs": ".html", "s5": ".html", "slidy": ".html", "slideous": ".html", "dzslides": ".html",
    "markdown": ".md", "markdown_strict": ".md", "markdown_phpextra": ".md", "markdown_mmd": ".md",
    "markdown_github": ".md", "gfm": ".md", "commonmark": ".md", "commonmark_x": ".md", "markua": ".md",
    "rst": ".rst", "latex": ".tex", "beamer": ".tex", "context": ".tex", "plain": ".txt",
    "docbook": ".xml", "docbook4": ".xml", "docbook5": ".xml", "jats": ".xml", "jats_archiving": ".xml",
    "jats_articleauthoring": ".xml", "jats_publishing": ".xml", "tei": ".xml", "opendocument": ".xml",
    "epub2": ".epub", "epub3": ".epub", "asciidoc": ".adoc", "asciidoc_legacy": ".adoc",
    "asciidoctor": ".adoc", "texinfo": ".texi", "man": ".1", "mediawiki": ".wiki", "typst": ".typ",
    "djot": ".dj", "csljson": ".json", "biblatex": ".bib", "bibtex": ".bib",
}
#: Formats pandoc can only write to a file (zip containers, PDF).
BINARY_FORMATS = frozenset({"odt", "docx", "pptx", "epub", "epub2", "epub3", "pdf", "chunkedhtml"})
#: Formats read as they are, which get the typography of ``convert.typography``. The others
#: are markup people go on editing (Markdown, reStructuredText, LaTeX, ...): their own renderers
#: set quotation marks, and re-reading them must give the source's text back.
TYPESET_FORMATS = frozenset({
    "html", "html4", "html5", "chunkedhtml", "revealjs", "s5", "slidy", "slideous", "dzslides",
    "epub", "epub2", "epub3", "odt", "opendocument", "docx", "pptx", "rtf", "icml", "fb2", "plain",
})
#: Formats for which a table of contents means nothing.
NO_TOC = frozenset({"json", "native", "csljson", "bibtex", "biblatex", "opml"})
_SPACES = re.compile(r"([ \t\r\n]+)")


# --- our tree -> pandoc's JSON AST -----------------------------------------------


def _inlines_of_text(text: str) -> list[dict[str, Any]]:
    """Return ``text`` as pandoc inlines: words as Str, spaces as Space, a line break as SoftBreak.

    Only ASCII spaces, tabs and newlines separate words, as in pandoc's readers; a
    non-breaking or ideographic space stays inside its Str.
    """
    parts = _SPACES.split(text)  # words at even positions, the spaces between at odd ones
    out = [{"t": "Str", "c": part} if index % 2 == 0 else {"t": "SoftBreak"} if "\n" in part else {"t": "Space"}
           for index, part in enumerate(parts)]
    if not parts[0]:
        del out[0]  # the text starts with a space: no empty word before it
    if len(parts) > 1 and not parts[-1]:
        del out[-1]
    return out


def inlines_to_pandoc(inlines: tuple[nodes.Inline, ...]) -> list[dict[str, Any]]:
    """Return pandoc inlines for ``inlines`` (adjacent text runs are joined first), for inlines
    without notes or images (titles, metadata); see ``_Converter.inlines`` for the others."""
    return _Converter().inlines(inlines)


def _attr(identifier: str = "", classes: tuple[str, ...] = (), pairs: tuple[tuple[str, str], ...] = ()) -> list:
    return [identifier, list(classes), [list(pair) for pair in pairs]]


def data_uri(resource: nodes.Resource) -> str:
    """Return ``resource`` as a ``data:`` URI: how images reach pandoc without any file or fetch."""
    return f"data:{resource.media_type};base64,{base64.b64encode(resource.data).decode('ascii')}"


class _Converter:
    """Per-run state of one conversion: the heading ids handed out (the same as the EPUB's), the
    document's images, and the languages (``langspans``) of the text being converted."""

    def __init__(self, resources: tuple[nodes.Resource, ...] = (), lang: str | None = None,
                 paired: str | None = None, html: bool = False) -> None:
        self.ids = IdMaker()
        self.resources = {resource.name: resource for resource in resources}
        self.lang, self.paired, self.html = lang, paired, html

    def text(self, text: str) -> list[dict[str, Any]]:
        """Return ``text`` as pandoc inlines, a stretch in another language as a Span saying which."""
        out: list[dict[str, Any]] = []
        for lang, run in lang_runs(text, self.lang, self.paired):
            words = _inlines_of_text(run)
            out += words if lang is None else [{"t": "Span", "c": [_attr(pairs=(("lang", lang),)), words]}]
        return out

    def inlines(self, inlines: tuple[nodes.Inline, ...]) -> list[dict[str, Any]]:
        """Return pandoc inlines for ``inlines`` (adjacent text runs are joined first)."""
        out: list[dict[str, Any]] = []
        pending: list[str] = []
        for node in inlines:
            if isinstance(node, nodes.Text):
                pending.append(node.text)
                continue
            out += self.text("".join(pending))
            pending = []
            if isinstance(node, nodes.Strong):
                out.append({"t": "Strong", "c": self.inlines(node.inlines)})
            elif isinstance(node, nodes.Emph):
                out.append({"t": "Emph", "c": self.inlines(node.inlines)})
            elif isinstance(node, nodes.Link):
                out.append({"t": "Link", "c": [_attr(), self.inlines(node.inlines), [node.target, ""]]})
            elif isinstance(node, nodes.Note):
                out.append({"t": "Note", "c": self.blocks(node.blocks)})
            elif isinstance(node, nodes.Image):
                out.append(self.image(node))
            else:
                raise TypeError(f"the pandoc bridge cannot convert inline {type(node).__name__}: {node!r}")
        return out + self.text("".join(pending))

    def side(self, block: nodes.Block, lang: str) -> dict[str, Any]:
        """Return one side of a parallel block: a Div in its own language."""
        outer, self.lang = self.lang, lang or self.lang
        try:
            return {"t": "Div", "c": [_attr(pairs=(("lang", lang),) if lang else ()), self.block(block)]}
        finally:
            self.lang = outer

    def image(self, node: nodes.Image) -> dict[str, Any]:
        resource = self.resources.get(node.resource)
        if resource is None:
            raise ValueError(f"the document has no image called {node.resource!r}")
        return {"t": "Image", "c": [_attr(), _inlines_of_text(node.alt), [data_uri(resource), ""]]}

    def table(self, node: nodes.Table) -> dict[str, Any]:
        def rows(rows: tuple[nodes.Row, ...]) -> list:
            return [[_attr(), [[_attr(), {"t": "AlignDefault"}, cell.rowspan, cell.colspan, self.blocks(cell.blocks)]
                               for cell in row.cells]] for row in rows]

        columns = node.columns or 1
        caption = [None, [{"t": "Plain", "c": self.inlines(node.caption)}] if node.caption else []]
        return {"t": "Table", "c": [_attr(), caption, [[{"t": "AlignDefault"}, {"t": "ColWidthDefault"}]] * columns,
                                    [_attr(), rows(node.head)], [[_attr(), 0, [], rows(node.body)]],
                                    [_attr(), []]]}

    def blocks(self, blocks: tuple[nodes.Block, ...]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for block in blocks:
            out += self.block(block)
        return out

    def block(self, node: nodes.Block) -> list[dict[str, Any]]:
        """Return the pandoc blocks for ``node``; an unknown node type is an error."""
        if isinstance(node, nodes.Para):
            return [{"t": "Para", "c": self.inlines(node.inlines)}]
        if isinstance(node, nodes.OrderedList):
            return [{"t": "OrderedList", "c": [[node.start, {"t": "Decimal"}, {"t": "Period"}],
                                               [self.blocks(item.blocks) for item in node.items]]}]
        if isinstance(node, nodes.BulletList):
            return [{"t": "BulletList", "c": [self.blocks(item.blocks) for item in node.items]}]
        if isinstance(node, nodes.Section):
            header = {"t": "Header", "c": [1, _attr(self.ids.section(node.id or node.title)), self.text(node.title)]}
            return [header] + self.blocks(node.blocks)
        if isinstance(node, nodes.Speech):
            out = [{"t": "Header", "c": [2, _attr(self.ids.speech(node.speaker.name)), self.text(node.speaker.name)]}]
            if node.speaker.affiliation:
                affiliation = [{"t": "Emph", "c": self.text(node.speaker.affiliation)}]
                # In HTML the affiliation carries its class, for the style sheet.
                out.append({"t": "Div", "c": [_attr(classes=("affiliation",)), [{"t": "Plain", "c": affiliation}]]}
                           if self.html else {"t": "Para", "c": affiliation})
            return out + self.blocks(node.blocks)
        if isinstance(node, nodes.Parallel):
            return [{"t": "Div", "c": [_attr(classes=("parallel",)), [self.side(block, lang) for block, lang
                                                                      in zip(node.blocks, node.langs)]]}]
        if isinstance(node, nodes.BlockQuote):
            return [{"t": "BlockQuote", "c": self.blocks(node.blocks)}]
        if isinstance(node, nodes.Table):
            return [self.table(node)]
        if isinstance(node, nodes.Figure):
            caption = [None, [{"t": "Plain", "c": self.inlines(node.caption)}] if node.caption else []]
            return [{"t": "Figure", "c": [_attr(), caption, [{"t": "Plain", "c": [self.image(node.image)]}]]}]
        raise TypeError(f"the pandoc bridge cannot convert {type(node).__name__}: {node!r}")


def _meta_inlines(text: str) -> dict[str, Any]:
    return {"t": "MetaInlines", "c": _inlines_of_text(text)}


def meta_to_pandoc(meta: nodes.Meta) -> dict[str, Any]:
    """Return pandoc metadata for the title block (empty fields left out)."""
    out: dict[str, Any] = {"lang": {"t": "MetaString", "c": meta.lang or "en"}}
    if meta.title:
        out["title"] = _meta_inlines(meta.title)
    if meta.compiled_by:
        out["author"] = _meta_inlines(meta.compiled_by)
    if meta.date_text:
        out["date"] = _meta_inlines(meta.date_text)
    if meta.time_text:
        out["time"] = _meta_inlines(meta.time_text)
    if meta.organizers:
        out["organizers"] = {"t": "MetaList", "c": [_meta_inlines(name) for name in meta.organizers]}
    if meta.presenters:
        out["presenters"] = {"t": "MetaList", "c": [
            {"t": "MetaMap", "c": {"name": _meta_inlines(p.name), "affiliation": _meta_inlines(p.affiliation)}}
            for p in meta.presenters]}
    return out


def title_page(meta: nodes.Meta, theme: Theme | None, convert: _Converter | None = None) -> list[dict[str, Any]]:
    """Return the title block's lines that pandoc's templates do not show (title, author and
    date they do) as a ``titlepage`` Div: organizers, "present", presenters, the time."""
    text = convert.text if convert is not None else _inlines_of_text
    lang = meta.lang or "en"
    words = (lambda key: theme.words(key, lang)) if theme is not None else (lambda key: "")
    paras: list[list[dict[str, Any]]] = [text(name) for name in meta.organizers]
    if meta.organizers and meta.presenters and words("present"):
        paras.append([{"t": "Emph", "c": text(words("present"))}])
    for person in meta.presenters:
        line = [{"t": "Strong", "c": text(person.name)}]
        if person.affiliation:
            line += [{"t": "LineBreak"}, {"t": "Emph", "c": text(person.affiliation)}]
        paras.append(line)
    if meta.time_text:
        paras.append(text(meta.time_text))
    if not paras:
        return []
    return [{"t": "Div", "c": [_attr(classes=("titlepage",)), [{"t": "Para", "c": p} for p in paras]]}]


def whole_title_page(meta: nodes.Meta, theme: Theme, convert: _Converter) -> list[dict[str, Any]]:
    """Return the whole title block in reading order, as the EPUB's title page has it (for a
    template that shows no title, author or date of its own): a Div per line, with its class."""
    lang = meta.lang or "en"
    lines: list[tuple[str, list[dict[str, Any]]]] = [("organizer", convert.text(name)) for name in meta.organizers]
    if meta.organizers and (meta.presenters or meta.title):
        lines.append(("present", convert.text(theme.words("present", lang))))
    for person in meta.presenters:
        lines.append(("presenter", convert.text(person.name)))
        if person.affiliation:
            lines.append(("affiliation", convert.text(person.affiliation)))
    if meta.presenters and meta.title:
        lines.append(("on", convert.text(theme.words("on", lang))))
    lines += [("title", convert.text(meta.title)), ("date", convert.text(meta.date_text)),
              ("time", convert.text(meta.time_text))]
    if meta.compiled_by:
        lines.append(("compiled", convert.text(f"{theme.words('compiled_by', lang)} {meta.compiled_by}")))
    blocks = []
    for kind, inlines in lines:
        if inlines:
            # The title is a heading for assistive technology, but not an h1: the sections are.
            pairs = (("role", "heading"), ("aria-level", "1")) if kind == "title" else ()
            blocks.append({"t": "Div", "c": [_attr(classes=(kind,), pairs=pairs), [{"t": "Plain", "c": inlines}]]})
    return blocks


def to_pandoc_json(doc: nodes.Document, theme: Theme | None = None, html: bool = False) -> dict[str, Any]:
    """Return ``doc`` as pandoc's JSON AST (for the pandoc in use).

    With a ``theme``, the title page's own words ("present") come in the document's language.
    For ``html`` (our template, ``report.html5``), the whole title block goes into the metadata
    as ``titlepage``, shown before the contents, and the contents get their title.
    """
    lang = doc.meta.lang or "en"
    convert = _Converter(doc.resources, lang, cjk_language(doc), html)
    meta = meta_to_pandoc(doc.meta)
    if html and theme is not None:
        page = whole_title_page(doc.meta, theme, convert)
        if page:
            meta["titlepage"] = {"t": "MetaBlocks", "c": page}
        meta["toc-title"] = _meta_inlines(theme.words("contents", lang) or "Contents")
        front = []
    else:
        front = title_page(doc.meta, theme, convert)
    return {"pandoc-api-version": api_version(), "meta": meta, "blocks": front + convert.blocks(doc.blocks)}


# --- writers -------------------------------------------------------------------


class PandocWriter:
    """Write any pandoc output format (``--to FORMAT``) from the document tree."""

    def __init__(self, format: str, check: bool = True) -> None:
        if format == "pdf":
            raise UsageError("pandoc writes PDF only through a LaTeX engine, which is not required here; "
                             "use --pdf, report-convert's own PDF writer with embedded fonts")
        if check and format not in output_formats():
            raise UsageError(f"unknown pandoc output format {format!r}; "
                             f"known formats: {', '.join(output_formats())}")
        self.format = format
        self.name = format
        self.extension = EXTENSIONS.get(format, f".{format}")
        self.html = False  # our own HTML template (see HtmlWriter)

    def extra_args(self, theme: Theme, lang: str) -> list[str]:
        """Return format-specific pandoc options (none here; see HtmlWriter)."""
        return []

    def start(self, doc: nodes.Document, theme: Theme) -> Running:
        """Start pandoc on the document in the background (the caller goes on with other work)."""
        # json.dumps's default spacing: pandoc reading the compact form of a 4 MB report
        # peaks at 1.07 GB instead of 0.73 GB.
        if self.format in TYPESET_FORMATS:
            doc = typeset(doc)
        data = json.dumps(to_pandoc_json(doc, theme, html=self.html), ensure_ascii=False).encode("utf-8")
        args = ["-f", "json", "-t", self.format, "--standalone"]
        if self.format not in NO_TOC:
            args.append("--toc")
        return Running(args + self.extra_args(theme, doc.meta.lang or "en"), data)

    def write(self, doc: nodes.Document, theme: Theme) -> bytes:
        """Return the document in this writer's format, as pandoc writes it (standalone)."""
        return self.start(doc, theme).result()


_HTML_PAGE_CSS = """
body { max-width: 42em; margin: 0 auto; padding: 1em 1.5em 3em; }
.titlepage { margin-bottom: 2em; }
.titlepage > div { margin: 0.3em 0; }
nav#TOC { margin-bottom: 2em; }
nav#TOC ul { list-style: none; padding-left: 1.2em; }
"""

#: Our HTML page, all in ``<main>`` (pandoc's HTML reader reads only that, when it is there):
#: the whole title block first (in ``<header>``), then the contents in a labelled ``<nav>``,
#: then the body.
HTML_TEMPLATE = Path(__file__).with_name("report.html5")


class HtmlWriter(PandocWriter):
    """Write standalone HTML5 with a table of contents and the theme's style sheet embedded."""

    name = "html"
    extension = ".html"

    def __init__(self) -> None:
        super().__init__("html5", check=False)  # every pandoc has HTML5
        self.name = "html"
        self.html = True

    def extra_args(self, theme: Theme, lang: str) -> list[str]:
        from .epub_css import theme_css

        # @charset belongs to style sheet files only, not to a <style> element.
        css = theme_css(theme, lang, absolute_size=True).replace('@charset "utf-8";\n', "") + _HTML_PAGE_CSS
        # Our style sheet replaces pandoc's built-in one (a -M boolean; -V would be the string "false").
        return ["--template", str(HTML_TEMPLATE), "-V", f"header-includes=<style>\n{css}</style>"]
