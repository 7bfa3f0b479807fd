"""The PDF writer: a print-ready, tagged PDF (PDF/UA-1) with embedded subset fonts, contents,
bookmarks and page numbers; PDF/A-2b as well when the theme asks (``[pdf] pdfa``).

Laid out once with ReportLab platypus; the structure tree is built with the story and
written after the last page (see ``pdf_tags`` and ``pdf_meta``). The contents' page numbers and the
"Page N of M" footers are known only after the last page, so they are drawn
into the pages once layout is done (see ``PageBook``). Builds are
byte-reproducible: ReportLab's invariant mode, plus dates taken from SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import partial

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from .. import nodes, repro
from ..fonts import register, register_installed
from ..langspans import is_cjk_lang
from ..theme import Theme
from ..typography import typeset
from .pdf_flowables import CHAR_SPACE, PageBook, set_char_space
from .pdf_meta import Info, finish_catalog
from .pdf_tags import StructTree, TaggedCanvas
from .pdf_layout import StoryBuilder
from .pdf_notes import FootnoteArea, FootnoteFrame, NotesTail
from .pdf_reportlab import BaseDocTemplate, Frame, PageTemplate
from .pdf_rich import RunInlines
from .pdf_styles import FontSet, Styles
from .pdf_text import FontChooser, clean

CREATOR = "report-convert"
PRODUCER = "report-convert (ReportLab PDF Library)"


@dataclass
class _Run:
    """Everything one write() needs: theme, fonts, styles, page bookkeeping."""

    theme: Theme
    meta: nodes.Meta
    fonts: FontSet
    chooser: FontChooser
    styles: Styles
    book: PageBook
    tree: StructTree


class PdfWriter:
    """Write the document as a PDF (``--pdf``)."""

    name = "pdf"
    extension = ".pdf"

    def write(self, doc: nodes.Document, theme: Theme) -> bytes:
        """Return the document as PDF bytes, byte-identical for the same input and build time."""
        doc = typeset(doc)
        run = _start_run(doc, theme)
        builder = StoryBuilder(theme, run.styles, run.chooser, run.book, run.tree)
        story = builder.story(doc)
        buffer = io.BytesIO()
        template = _DocTemplate(buffer, run, builder.inlines, builder.footnotes)
        if template.notes is not None:
            story.append(NotesTail(template.notes))
        # Page numbers can only be drawn after the last page: save ourselves.
        template._doSave = False
        template.build(story, canvasmaker=partial(TaggedCanvas, tree=run.tree))
        canv = template.canv
        run.book.finish(canv, template.page)
        finish_catalog(canv, run.tree.emit(canv), _info(doc.meta, theme))
        canv.save()
        return buffer.getvalue()


def _start_run(doc: nodes.Document, theme: Theme) -> _Run:
    fonts = FontSet(
        body=register(theme.fonts.body),
        heading=register(theme.fonts.heading),
        cjk_factory=lambda: register(theme.fonts.cjk),
        cjk_heading_factory=lambda: register(theme.fonts.cjk_heading),
    )
    chooser = FontChooser([fonts.body, fonts.heading], lambda: fonts.cjk,
                          lambda: register_installed(theme.fonts.symbols), display=fonts.heading,
                          cjk_display=lambda: fonts.cjk_heading)
    tree = StructTree(doc.meta.lang)
    tree.font_langs = _font_langs(doc, fonts, chooser)
    return _Run(theme, doc.meta, fonts, chooser, Styles(theme, fonts, _latin_lang(doc)), PageBook(), tree)


def _latin_lang(doc: nodes.Document) -> str:
    """Return the language of the document's text in a Latin script: its own, or in a Japanese
    edition the other language of its pairs (empty when there is none)."""
    if not is_cjk_lang(doc.meta.lang):
        return doc.meta.lang
    others = {lang for block in nodes.iter_blocks(doc.blocks) if isinstance(block, nodes.Parallel)
              for lang in block.langs if not is_cjk_lang(lang)}
    return min(others) if len(others) == 1 else ""


def _font_langs(doc: nodes.Document, fonts: FontSet, chooser: FontChooser) -> dict[str, str]:
    """Return the faces that draw a language of their own, and that language: in a document of
    one CJK and one other language (a bilingual edition), the CJK families draw the one and the
    others the other, whatever the language of the text around them."""
    langs = {doc.meta.lang} | {lang for block in nodes.iter_blocks(doc.blocks)
                               if isinstance(block, nodes.Parallel) for lang in block.langs}
    langs.discard("")
    cjk = sorted(lang for lang in langs if is_cjk_lang(lang))
    other = sorted(lang for lang in langs if not is_cjk_lang(lang))
    if len(cjk) != 1 or len(other) != 1:
        return {}
    out: dict[str, str] = {}
    for family, lang in ((fonts.body, other[0]), (fonts.heading, other[0]), (fonts.cjk, cjk[0]),
                         (fonts.cjk_heading, cjk[0])):
        for face in (family.regular, family.bold, family.italic, family.bolditalic):
            out.setdefault(face, lang)
    return out


def _info(meta: nodes.Meta, theme: Theme) -> Info:
    """Return what the XMP metadata says: what the document information dictionary says."""
    return Info(title=_plain(meta.title), author=_plain(meta.compiled_by), subject=_plain(_subject(meta)),
                keywords=tuple(_plain(o) for o in meta.organizers if o.strip()), creator=CREATOR,
                producer=PRODUCER, lang=meta.lang, date=repro.build_time(), pdfa=theme.pdf.pdfa)


def _pdf_date() -> str:
    """Return the build time as a PDF date string."""
    return repro.build_time().strftime("D:%Y%m%d%H%M%S+00'00'")


def _subject(meta: nodes.Meta) -> str:
    who = "; ".join(p.name for p in meta.presenters if p.name.strip())
    return " \u2014 ".join(part for part in (who, meta.date_text.strip()) if part)


class _DocTemplate(BaseDocTemplate):
    """A title-page template without furniture, and a body template with header and footer."""

    def __init__(self, buffer: io.BytesIO, run: _Run, inlines: RunInlines, footnotes: dict[int, list]) -> None:
        page, meta = run.theme.page, run.meta
        super().__init__(
            buffer,
            pagesize=(page.width, page.height),
            leftMargin=page.margin_left, rightMargin=page.margin_right,
            topMargin=page.margin_top, bottomMargin=page.margin_bottom,
            title=_plain(meta.title), author=_plain(meta.compiled_by), subject=_plain(_subject(meta)),
            keywords=[_plain(o) for o in meta.organizers if o.strip()],
            creator=CREATOR, producer=PRODUCER, invariant=1, lang=meta.lang or None,
            initialFontName=run.fonts.body.regular, initialFontSize=run.theme.sizes.body,
            # Viewers show the title, not the file name, and open with the bookmarks.
            displayDocTitle=1,
        )
        self.run, self.inlines = run, inlines
        geometry = dict(x1=self.leftMargin, y1=self.bottomMargin, width=self.width, height=self.height,
                        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        frame = Frame(id="main", **geometry)
        #: The notes at the foot of the page, when notes go there and the document has some.
        self.notes: FootnoteArea | None = None
        body = frame
        if footnotes:
            theme = run.theme
            self.notes = FootnoteArea(footnotes, self.width, self.height, HexColor(theme.colors.rule),
                                      space_before=theme.sizes.body, space_after=theme.sizes.small * 0.5)
            body = FootnoteFrame(id="body", area=self.notes, **geometry)
        self.addPageTemplates([
            PageTemplate("title", [frame], autoNextPageTemplate="body"),
            PageTemplate("body", [body], onPage=self._decorate, onPageEnd=self._draw_notes),
        ])

    def beforeDocument(self) -> None:
        canv = self.canv
        date = _pdf_date()
        canv.setDateFormatter(lambda *_ignored: date)
        canv.showOutline()
        self.inlines.install(canv)
        canv.setNamedCB(CHAR_SPACE, set_char_space)

    def _draw_notes(self, canv, doc) -> None:
        """Draw the notes of this page at its foot (those that do not fit go on at the next page's)."""
        if self.notes is not None:
            self.notes.draw(canv, self.leftMargin, self.bottomMargin)

    def _decorate(self, canv, doc) -> None:
        """Leave room for this body page's running header and "Page N of M" footer."""
        number = canv.getPageNumber()
        # The whole furniture is deferred: the footer needs the page total, and the
        # header template may ask for it too. It is no part of the document's words.
        with canv.artifact("Pagination"):
            self.run.book.defer(canv, f"furniture{number}", lambda form: self._draw_furniture(form, number))

    def _draw_furniture(self, canv: Canvas, number: int) -> None:
        """Draw the running header and the footer of body page ``number``, in page coordinates."""
        run = self.run
        theme, lang = run.theme, run.meta.lang
        cjk = is_cjk_lang(run.meta.lang)
        font = run.fonts.display(cjk).regular
        size = theme.sizes.small
        left, right = self.leftMargin, self.leftMargin + self.width
        fill = {"{title}": _plain(run.meta.title), "{page}": str(number), "{pages}": str(run.book.total)}
        canv.saveState()
        canv.setFillColor(HexColor(theme.colors.muted))
        header = run.chooser.fit(_fill(theme.header(lang), fill), font, size, self.width)
        if header:
            top = theme.page.height - theme.page.margin_top * 0.55
            run.chooser.draw(canv, header, font, size, right, top, "right")
            canv.setStrokeColor(HexColor(theme.colors.rule))
            canv.setLineWidth(0.5)
            canv.line(left, top - size * 0.6, right, top - size * 0.6)
        footer = run.chooser.fit(_fill(theme.footer(lang), fill), font, size, self.width)
        if footer:
            run.chooser.draw(canv, footer, font, size, (left + right) / 2,
                             theme.page.margin_bottom * 0.5, "centre")
        canv.restoreState()


def _fill(template: str, values: dict[str, str]) -> str:
    """Return ``template`` with its {placeholders} filled; other braces are left as written."""
    for name, value in values.items():
        template = template.replace(name, value)
    return template


def _plain(text: str) -> str:
    return " ".join(clean(text).split())
