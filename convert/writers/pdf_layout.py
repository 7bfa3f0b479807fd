"""The document tree to a platypus story: title page, contents, the body's flowables, and the notes.

Each block type has one method; an unknown node raises TypeError instead of being
dropped. Headings carry their own bookmark (see ``pdf_flowables``); the contents are
built after the body, from the headings the body produced. Notes are numbered as their
marks are made, in reading order; their text is made after the body, and goes either to
the foot of the pages (``pdf_notes``) or under a "Notes" heading at the end, as the theme says.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfmetrics

from .. import nodes
from ..langspans import is_cjk_lang
from ..theme import Theme
from .pdf_flowables import Anchor, Heading, PageBook, TocEntry
from .pdf_longpara import paragraph
from .pdf_reportlab import (CondPageBreak, HRFlowable, Indenter, NextPageTemplate, PageBreak, Spacer, Table,
                            TableStyle)
from .pdf_rich import RunInlines, link_anchors
from .pdf_styles import LABEL_GAP, Styles
from .pdf_tags import Element, StructTree
from .pdf_tables import (CELL_PADDING, FIGURE_MAX_SHARE, FigureImage, column_widths, content_size, place_cells,
                         quote_box, row_spans_fit, stacked_height, table_flowable)
from .pdf_text import FontChooser, clean, note_label

#: Longest label a contents entry shows: a whole paragraph mistaken for a title must
#: not make one entry taller than a page.
TOC_LABEL_MAX = 240
#: The part of a page a table's head and its tallest group of rows tied by a row span may
#: take, and keep the span (heights are measured before layout: this leaves some slack).
ROW_SPAN_ROOM = 0.8


@dataclass(frozen=True, slots=True)
class Context:
    """Where a block sits: its script, heading depth, list indent, whether it is in a table cell,
    the style of its paragraphs, and about how wide it is (for tables' columns)."""

    cjk: bool
    depth: int = 0
    indent: float = 0.0
    in_cell: bool = False
    para: str = "body"  # or "cell", "cell_head", "quote", "note"
    width: float = 0.0


@dataclass(frozen=True, slots=True)
class TocLine:
    key: str
    label: str  # plain text
    level: int
    cjk: bool


class StoryBuilder:
    """Turn one Document into flowables; holds the run's heading counter and contents lines."""

    def __init__(self, theme: Theme, styles: Styles, chooser: FontChooser, book: PageBook,
                 tree: StructTree | None = None) -> None:
        self.theme, self.styles, self.chooser, self.book = theme, styles, chooser, book
        #: The structure tree, and the element the blocks being built go into.
        self.tree = tree or StructTree("")
        self.parent = self.tree.root
        self.toc: list[TocLine] = []
        page = theme.page
        self.frame_width = page.width - page.margin_left - page.margin_right
        self.frame_height = page.height - page.margin_top - page.margin_bottom
        self.inlines: RunInlines | None = None
        self.anchors: dict[str, str] = {}  # section id -> the destination links to it go to
        self._unset_anchors: dict[str, str] = {}  # the anchors no heading has set yet
        #: The flowables of each note, by number, when they go to the foot of the pages.
        self.footnotes: dict[int, list] = {}

    # --- the whole document ----------------------------------------------------

    def story(self, doc: nodes.Document) -> list:
        """Return the flowables of ``doc``: title page, contents (when there are headings), body,
        and the endnotes (footnotes are left in ``footnotes``)."""
        self.anchors = link_anchors(doc)
        self._unset_anchors = dict(self.anchors)
        self.inlines = RunInlines(doc, self.theme, self.chooser, self.anchors)
        ctx = Context(cjk=is_cjk_lang(doc.meta.lang), width=self.frame_width)
        body = self.blocks(doc.blocks, ctx)
        notes = self.notes(ctx)
        if self.theme.notes.placement == "endnotes":
            body += self.endnotes(notes, doc.meta.lang, ctx)
        else:
            self.footnotes = notes
        body = self._keep_headings_with_text(body, ctx)
        root = self.tree.root
        body_elements = len(root.kids)
        story = self.title_page(doc.meta, ctx)
        story += [NextPageTemplate("body"), PageBreak()]
        if self.toc:
            story += self.contents(doc.meta.lang, ctx) + [PageBreak()]
        # The title page and the contents were built last: in the structure they come first.
        root.kids[:] = root.kids[body_elements:] + root.kids[:body_elements]
        return story + body

    def _frags(self, inlines: tuple[nodes.Inline, ...], style, ctx: Context, element: Element,
               before=None) -> list:
        """Return the fragments of ``inlines`` in ``style``, links, notes and images included;
        ``element`` is the structure element they are the words of."""
        self.inlines.cjk = ctx.cjk
        self.inlines.element = element
        return self.chooser.frags(inlines, style, self.inlines, before)

    @contextmanager
    def _within(self, element: Element) -> Iterator[Element]:
        """Build the blocks of the block into ``element``."""
        saved, self.parent = self.parent, element
        try:
            yield element
        finally:
            self.parent = saved

    def _tagged(self, flowable, role: str):
        """Return ``flowable`` as the content of a new ``role`` element."""
        return flowable.tagged(self.parent.add(role))

    # --- notes -----------------------------------------------------------------

    def notes(self, ctx: Context) -> dict[int, list]:
        """Return the flowables of every note, by number."""
        out: dict[int, list] = {}
        while len(out) < len(self.inlines.notes):
            number = len(out) + 1
            note, cjk = self.inlines.notes[number - 1]
            self.inlines.setting(number)
            # In the structure, a note follows the element its mark is in.
            marked_in = self.inlines.marked_in.get(number) or self.tree.root
            parent = marked_in.parent or self.tree.root
            element = parent.add_after(marked_in, "Note") if marked_in is not self.tree.root else parent.add("Note")
            # Set apart from the text's flow (at a page's foot): no bookmarks, no Indenters, as in a cell.
            with self._within(element):
                out[number] = self.note(number, note, Context(cjk=cjk, in_cell=True, para="note",
                                                              width=self.frame_width))
        return out

    def note(self, number: int, note: nodes.Note, ctx: Context) -> list:
        """Return a note's flowables: its number (linked back to the mark) before its first paragraph."""
        style = self.styles.get("note", ctx.cjk)
        label = note_label(number, style, self.inlines.link_color)
        first, rest = (note.blocks[0], note.blocks[1:]) if note.blocks else (None, ())
        element = self.parent.add("P")
        if isinstance(first, nodes.Para):
            head = paragraph(self._frags(first.inlines, style, ctx, element, label), style)
        else:  # the number on a line of its own
            head, rest = paragraph(self._frags((), style, ctx, element, label), style), note.blocks
        return [head.tagged(element), *self.blocks(rest, ctx)]

    def endnotes(self, notes: dict[int, list], lang: str, ctx: Context) -> list:
        """Return the notes under a "Notes" heading."""
        if not notes:
            return []
        title = self.theme.words("notes", lang) or "Notes"
        return self._heading(title, "heading1", ctx) + [f for flowables in notes.values() for f in flowables]

    def _p(self, text: str, role: str, ctx: Context):
        """Return a paragraph of plain ``text`` in ``role``'s style."""
        style = self.styles.get(role, ctx.cjk, ctx.indent)
        return self._tagged(paragraph(self.chooser.text_frags(text, style), style), "P")

    def _keep_headings_with_text(self, flowables: list, ctx: Context) -> list:
        """Return ``flowables`` with every run of headings (section, speaker, affiliation) guarded.

        The run's styles keep it together (keepWithNext); a page break before it when
        the page cannot also take three lines of text keeps it off the foot of a page.
        The run ends in an empty spacer so that keepWithNext does not pull a whole
        long paragraph into the group, which would move it all to the next page.
        """
        out: list = []
        lines = self.styles.get("body", ctx.cjk).leading * 3
        index = 0
        while index < len(flowables):
            end = index
            while end < len(flowables) and hasattr(flowables[end], "room"):
                end += 1
            if end == index:
                out.append(flowables[index])
                index += 1
                continue
            run = flowables[index:end]
            out += [CondPageBreak(sum(f.room for f in run) + lines), *run, Spacer(1, 0)]
            index = end
        return out

    def title_page(self, meta: nodes.Meta, ctx: Context) -> list:
        """Return the title page: who presents what, when, and who compiled the report."""
        words = lambda key: self.theme.words(key, meta.lang)  # noqa: E731
        height = self.theme.page.height - self.theme.page.margin_top - self.theme.page.margin_bottom
        out: list = [Spacer(1, height * 0.12)]
        out += [self._p(o, "tp_organizer", ctx)
                for o in meta.organizers if o.strip()]
        presenters = [p for p in meta.presenters if p.name.strip() or p.affiliation.strip()]
        if meta.organizers and presenters and words("present"):
            out.append(self._p(words("present"), "tp_word", ctx))
        for person in presenters:
            if person.name.strip():
                out.append(self._p(person.name, "tp_name", ctx))
            if person.affiliation.strip():
                out.append(self._p(person.affiliation, "tp_affiliation", ctx))
        if meta.title.strip():
            if presenters and words("on"):
                out.append(self._p(words("on"), "tp_word", ctx))
            else:
                out.append(Spacer(1, self.theme.spacing.heading1_before))
            out.append(self._p(meta.title, "tp_title", ctx))
            out.append(HRFlowable(width="25%", thickness=1.2, color=HexColor(self.theme.colors.accent),
                                  spaceBefore=0, spaceAfter=self.theme.sizes.title * 0.8))
        for text, role in ((meta.date_text, "tp_date"), (meta.time_text, "tp_time")):
            if text.strip():
                out.append(self._p(text, role, ctx))
        if meta.compiled_by.strip():
            line = f"{words('compiled_by')} {meta.compiled_by}".strip()
            out.append(self._p(line, "tp_compiled", ctx))
        return out

    def contents(self, lang: str, ctx: Context) -> list:
        """Return the contents: one linked entry per section and speech, page numbers on the right."""
        out: list = [self._p(self.theme.words("contents", lang), "contents", ctx)]
        step = self.theme.spacing.list_indent
        toc = self.tree.root.add("TOC")
        for line in self.toc:
            role = "toc1" if line.level == 0 else "toc2"
            style = self.styles.get(role, line.cjk)
            label = clean(line.label)
            if len(label) > TOC_LABEL_MAX:
                label = label[:TOC_LABEL_MAX].rstrip() + "\u2026"
            number_font = self.styles.get("toc2", line.cjk).fontName
            link = toc.add("TOCI").add("Link")
            out.append(TocEntry(self.chooser.text_frags(label, style), style, line.key,
                                step * line.level, self.book, number_font, self.theme.colors.rule, link))
        return out

    # --- blocks ----------------------------------------------------------------

    def blocks(self, blocks: tuple[nodes.Block, ...], ctx: Context) -> list:
        """Return the flowables of ``blocks`` in order."""
        out: list = []
        for block in blocks:
            method = self._DISPATCH.get(type(block))
            if method is None:
                raise TypeError(f"the PDF writer cannot render block node {block!r}")
            out.extend(method(self, block, ctx))
        return out

    def _heading(self, title: str, role: str, ctx: Context, anchor: str | None = None) -> list:
        """Return a heading; outside table cells it is bookmarked and listed in the contents.
        ``anchor`` is the destination links to it go to (its bookmark's, outside table cells)."""
        if ctx.in_cell:
            heading = [self._p(title, role, replace(ctx, indent=0.0))]
            return [Anchor(anchor), *heading] if anchor else heading
        key = anchor or f"h{len(self.toc) + 1}"
        outline_title = " ".join(clean(title).split()) or "\u2014"
        self.toc.append(TocLine(key, outline_title, ctx.depth, ctx.cjk))
        self.tree.descriptions[key] = outline_title
        style = self.styles.get(role, ctx.cjk)
        heading = Heading(None, style, frags=self.chooser.text_frags(title, style))
        heading = self._tagged(heading, "H1" if ctx.depth == 0 else "H2")
        return [_with_room(heading.bookmarked(key, outline_title, ctx.depth, self.book))]

    def section(self, node: nodes.Section, ctx: Context) -> list:
        role = "heading1" if ctx.depth == 0 else "heading2"
        with self._within(self.parent.add("Sect")):
            # Links go to the first section of an id: the others keep their own bookmarks.
            out = self._heading(node.title or node.id, role, ctx, self._unset_anchors.pop(node.id, None))
            return out + self.blocks(node.blocks, replace(ctx, depth=ctx.depth + 1))

    def speech(self, node: nodes.Speech, ctx: Context) -> list:
        out = self._heading(node.speaker.name, "heading2", ctx)
        if node.speaker.affiliation.strip():
            out.append(_with_room(self._p(node.speaker.affiliation, "affiliation", replace(ctx, indent=0.0))))
        return out + self.blocks(node.blocks, replace(ctx, depth=ctx.depth + 1))

    def para(self, node: nodes.Para, ctx: Context) -> list:
        role = "item" if ctx.indent and ctx.para == "body" else ctx.para
        style = self.styles.get(role, ctx.cjk, ctx.indent)
        element = self.parent.add("P")
        return [paragraph(self._frags(node.inlines, style, ctx, element), style).tagged(element)]

    def list(self, node: nodes.OrderedList | nodes.BulletList, ctx: Context) -> list:
        if not node.items:
            return []
        style = self.styles.get("item", ctx.cjk)
        if isinstance(node, nodes.OrderedList):
            labels = [f"{node.start + i}." for i in range(len(node.items))]
        else:
            bullet = "\u2022" if _has_glyph(style.bulletFontName, "\u2022") else "-"
            labels = [bullet] * len(node.items)
        gap = style.fontSize * LABEL_GAP
        # Wide enough for the widest number, so "100." never runs into its text.
        label_width = max(pdfmetrics.stringWidth(label, style.bulletFontName, style.fontSize)
                          for label in labels[:1] + labels[-1:])
        indent = ctx.indent + max(self.theme.spacing.list_indent, label_width + gap)
        inner = replace(ctx, indent=indent, width=ctx.width - (indent - ctx.indent))
        out: list = []
        element = self.parent.add("L")
        for item, label in zip(node.items, labels):
            first, rest = (item.blocks[0], item.blocks[1:]) if item.blocks else (None, ())
            item_style = self.styles.get("item", ctx.cjk, indent)
            entry = element.add("LI")
            label_element, body = entry.add("Lbl"), entry.add("LBody")
            text = body.add("P")
            if isinstance(first, nodes.Para):
                frags = self._frags(first.inlines, item_style, ctx, text)
            else:  # the marker still needs a line of its own
                frags, rest = self.chooser.text_frags("\u00a0", item_style), item.blocks
            out.append(paragraph(frags, item_style, bulletText=label).tagged(text, label_element))
            with self._within(body):
                out.extend(self.blocks(rest, inner))
        if not ctx.indent:
            out.append(Spacer(1, self.theme.spacing.paragraph_after * 0.5))
        return out

    def parallel(self, node: nodes.Parallel, ctx: Context) -> list:
        """Return the two versions side by side: source left, target right, split by row."""
        sides = []
        gap = self.theme.sizes.body
        for block, lang in zip(node.blocks, node.langs):
            side = Context(cjk=is_cjk_lang(lang), depth=ctx.depth, in_cell=True, para="cell",
                           width=(ctx.width - gap) / 2)
            with self._within(self.parent.add("Div", lang=lang)):
                sides.append(self.blocks((block,), side))
        table = Table([sides], colWidths=["50%", "50%"], splitByRow=1, splitInRow=1, hAlign="LEFT")
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            # Cells hold flowables, but Table still sets its cell font: keep it an embedded one.
            ("FONTNAME", (0, 0), (-1, -1), self.styles.fonts.body.regular),
            ("LEFTPADDING", (0, 0), (0, -1), 0),
            ("RIGHTPADDING", (0, 0), (0, -1), gap / 2),
            ("LEFTPADDING", (1, 0), (1, -1), gap / 2),
            ("RIGHTPADDING", (1, 0), (1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), self.theme.spacing.paragraph_after),
            ("LINEBEFORE", (1, 0), (1, -1), 0.5, HexColor(self.theme.colors.rule)),
        ]))
        # The space after a block is cell padding (a cell drops its last paragraph's
        # spaceAfter), so consecutive blocks read as one two-column text, rule unbroken.
        return self._indented([table], ctx)

    def blockquote(self, node: nodes.BlockQuote, ctx: Context) -> list:
        """Return the quoted blocks indented on both sides, in the quote style, a rule on the left."""
        indent = self.theme.spacing.list_indent
        inner = replace(ctx, indent=0.0, in_cell=True, para="quote", width=ctx.width - 1.5 * indent)
        with self._within(self.parent.add("BlockQuote")):
            flowables = self.blocks(node.blocks, inner)
        if not flowables:
            return []
        box = quote_box(flowables, indent, self.styles.fonts.text(ctx.cjk).regular, self.theme.colors.rule,
                        self.theme.spacing.paragraph_after)
        return self._indented([box], ctx)

    def table(self, node: nodes.Table, ctx: Context) -> list:
        """Return the caption, above, then the table: grid lines, shaded head rows that repeat on
        every page the table runs over, columns sharing the width by their content."""
        width = ctx.width
        element = self.parent.add("Table")
        with self._within(element):
            out = self._caption(node.caption, "caption", ctx)
        placed, columns = place_cells(node)
        if not placed or not columns:
            return self._indented(out, ctx)
        rows: dict[int, Element] = {}
        if out and not ctx.in_cell:  # no caption alone at the foot of a page
            out.insert(0, CondPageBreak(self.styles.get("body", ctx.cjk).leading * 4))
        head = len(node.head)
        cells, sizes = [], []
        for where in placed:
            role = "cell_head" if where.row < head else "cell"
            inner = Context(cjk=ctx.cjk, depth=ctx.depth, in_cell=True, para=role,
                            width=width * where.colspan / columns - 2 * CELL_PADDING[0])
            row = rows.get(where.row) or rows.setdefault(where.row, element.add("TR"))
            spans = {"ColSpan": where.colspan} if where.colspan > 1 else {}
            if where.rowspan > 1:
                spans["RowSpan"] = where.rowspan
            cell = (row.add("TH", O="Table", Scope="Column", **spans) if where.row < head
                    else row.add("TD", **({"O": "Table", **spans} if spans else {})))
            with self._within(cell):
                cells.append(self.blocks(where.cell.blocks, inner))
            sizes.append(content_size(where.cell.blocks, self.styles.get(role, ctx.cjk), self.chooser, ctx.cjk,
                                      width))
        widths = column_widths(placed, columns, sizes, width)
        spans = True
        if any(where.rowspan > 1 for where in placed):  # measured only then: it costs a wrap of each cell
            heights = [stacked_height(flowables, sum(widths[where.column:where.column + where.colspan]) - 2 * CELL_PADDING[0])
                       + 2 * CELL_PADDING[1] for where, flowables in zip(placed, cells)]
            spans = row_spans_fit(placed, heights, head, self.frame_height * ROW_SPAN_ROOM)
        body = self.styles.fonts.text(ctx.cjk)
        table = table_flowable(node, cells, placed, columns, widths, body.regular, self.theme.colors.rule,
                               self.theme.colors.heading, spans)
        table.spaceAfter = self.theme.spacing.paragraph_after
        return self._indented([*out, table], ctx)

    def figure(self, node: nodes.Figure, ctx: Context) -> list:
        """Return the image, scaled to fit, its text alternative over it, and its caption below."""
        reader = self.inlines.reader(node.image.resource)
        if reader is None:  # no bytes to show: the text that stands for the image
            text = self._p(f"[{node.image.alt}]", ctx.para, ctx)
            return self._indented([text, *self._caption(node.caption, "figure_caption", ctx)], ctx)
        font = self.styles.get("body", ctx.cjk).fontName
        image = FigureImage(reader, node.image.alt, font, self.chooser, self.frame_height * FIGURE_MAX_SHARE)
        # The words of a figure are its text alternative (an image without one still needs /Alt).
        image.tagged(self.parent.add("Figure", alt=" ".join(node.image.alt.split()) or "Image"))
        caption = self._caption(node.caption, "figure_caption", ctx)
        image.spaceBefore = self.theme.spacing.paragraph_after * 0.5
        image.spaceAfter = 0 if caption else self.theme.spacing.paragraph_after
        image.keepWithNext = bool(caption) and not ctx.in_cell
        return self._indented([image, *caption], ctx)

    def _caption(self, inlines: tuple[nodes.Inline, ...], role: str, ctx: Context) -> list:
        if not inlines:
            return []
        style = self.styles.get(role, ctx.cjk)
        element = self.parent.add("Caption")
        return [paragraph(self._frags(inlines, style, ctx, element), style).tagged(element)]

    def _indented(self, flowables: list, ctx: Context) -> list:
        """Return ``flowables`` moved right by the list indent they stand at (outside table cells)."""
        if ctx.indent and flowables and not ctx.in_cell:
            return [Indenter(left=ctx.indent), *flowables, Indenter(left=-ctx.indent)]
        return flowables

    # Plain functions, not bound methods kept on the instance (a reference cycle per run).
    _DISPATCH = {
        nodes.Para: para,
        nodes.OrderedList: list,
        nodes.BulletList: list,
        nodes.Speech: speech,
        nodes.Section: section,
        nodes.Parallel: parallel,
        nodes.BlockQuote: blockquote,
        nodes.Table: table,
        nodes.Figure: figure,
    }


def _with_room(flowable):
    """Return ``flowable`` marked as part of a heading run, with the height it needs on one line."""
    style = flowable.style
    flowable.room = style.spaceBefore + style.leading + style.spaceAfter
    return flowable


def _has_glyph(font: str, char: str) -> bool:
    return ord(char) in pdfmetrics.getFont(font).face.charToGlyph

