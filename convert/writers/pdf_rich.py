"""Links, note marks and images for the PDF writer: what paragraph fragments and figures draw.

A link to a web or mail address becomes a URI link annotation (the address as 7-bit
ASCII, as PDF wants it); a link to ``#id`` goes to the destination of that section's
heading, and is plain text when no section has that id. A note's reference mark is a
superscript number linked to the note, and sets a destination the note links back to.
Images are the document's own bytes (``Document.resources``), never anything fetched;
each is drawn with its text alternative as invisible text over it (as an OCR layer is), so
the words of ``alt`` are in the PDF's text, found by search and by text extraction; a figure's
structure element carries them as /Alt too.
"""

from __future__ import annotations

import io
import re
from urllib.parse import quote

from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from .. import nodes
from ..theme import Theme
from .pdf_tags import Element
from .pdf_text import ALTERNATIVE, DESTINATION, Callback, FontChooser, clean, note_mark_key

#: Resolution assumed for an image's pixels when it names none (as pandoc assumes).
DEFAULT_DPI = 96.0
#: An inline image's height, in ems of the text around it, and its widest width.
INLINE_IMAGE_EMS = 1.0
INLINE_IMAGE_MAX_EMS = 12.0
#: Largest size of an image's invisible text alternative, in points.
ALTERNATIVE_MAX_SIZE = 10.0

_NOT_URI = re.compile(r"[^\x21-\x7e]+")


def uri(target: str) -> str:
    """Return an http(s) or mailto ``target`` as a URI action holds it: 7-bit ASCII, other characters
    percent-encoded as UTF-8 (browsers decode a host so written, then apply IDNA)."""
    return _NOT_URI.sub(lambda match: quote(match.group(), safe=""), target)


def natural_size(reader: ImageReader) -> tuple[float, float]:
    """Return the size an image has at its own resolution (DEFAULT_DPI when it names none), in points."""
    width, height = reader.getSize()
    dpi = reader._image.info.get("dpi") or (DEFAULT_DPI, DEFAULT_DPI)
    try:
        x_dpi, y_dpi = (float(d) if 24 <= float(d) <= 2400 else DEFAULT_DPI for d in dpi)
    except (TypeError, ValueError):
        x_dpi = y_dpi = DEFAULT_DPI
    return width * 72.0 / x_dpi, height * 72.0 / y_dpi


class RunInlines:
    """The run's links, notes and images, as paragraph fragments ask for them (``pdf_text.Inlines``).

    Notes are numbered in reading order (``nodes.iter_notes``'s): a note's number comes with
    its mark, and the notes marked in its text take the numbers after it. Their text is set
    later, by the story builder, from ``notes``: while it sets a note (``setting``), the marks
    it meets take the numbers kept for them.
    """

    def __init__(self, doc: nodes.Document, theme: Theme, chooser: FontChooser, anchors: dict[str, str]) -> None:
        self.doc, self.chooser = doc, chooser
        self.link_color = HexColor(theme.colors.accent)
        self.anchors = anchors  # section id -> destination of its heading
        self.notes: list[tuple[nodes.Note, bool]] = []  # each note, and whether its mark is in CJK text
        self.cjk = False  # whether the text whose fragments are being made is CJK (the story builder sets it)
        self._inner: dict[int, list[int]] = {}  # note -> the numbers of the notes marked in its text
        self._kept: list[int] = []  # the numbers the marks of the note being set take, in order
        self._readers: dict[str, ImageReader] = {}
        self._alternatives: list[tuple[str, str, float, float]] = []  # (text, font, width, height)
        self._destinations: set[str] = set()
        #: The structure element whose fragments are being made (the story builder sets it), and
        #: the element each note's mark is in, by number.
        self.element: Element | None = None
        self.marked_in: dict[int, Element] = {}

    # --- what fragments ask for ------------------------------------------------------

    def link(self, target: str) -> str | None:
        if target.startswith("#"):
            key = self.anchors.get(target[1:])
            return None if key is None else "#" + key
        return uri(target)

    def note(self, note: nodes.Note) -> int:
        number = self._kept.pop(0) if self._kept else self._number(note, self.cjk)
        if self.element is not None:
            self.marked_in[number] = self.element
        return number

    def _number(self, note: nodes.Note, cjk: bool) -> int:
        self.notes.append((note, cjk))
        number = len(self.notes)
        inner = (inline for block in nodes.iter_blocks(note.blocks)
                 for inline in nodes.iter_inlines(nodes.block_inlines(block)) if isinstance(inline, nodes.Note))
        self._inner[number] = [self._number(child, cjk) for child in inner]
        return number

    def setting(self, number: int) -> None:
        """Say that the text of note ``number`` is being set: the marks in it have their numbers."""
        self._kept = list(self._inner.get(number, ()))

    def mark(self, number: int) -> list[Callback]:
        return [Callback("onDraw", DESTINATION, note_mark_key(number))]

    def image(self, image: nodes.Image, font: str, size: float) -> list[Callback] | None:
        reader = self.reader(image.resource)
        if reader is None:
            return None
        width, height = natural_size(reader)
        scale = min(size * INLINE_IMAGE_EMS / height, size * INLINE_IMAGE_MAX_EMS / width)
        width, height = width * scale, height * scale
        callbacks = [Callback("img", image=reader, width=width, height=height)]
        if image.alt.strip():
            self._alternatives.append((image.alt, font, width, height))
            callbacks.append(Callback("onDraw", ALTERNATIVE, str(len(self._alternatives) - 1)))
        return callbacks

    def reader(self, name: str) -> ImageReader | None:
        """Return the image of resource ``name`` (read once per run), None when the document has none."""
        reader = self._readers.get(name)
        if reader is None:
            resource = self.doc.resource(name)
            if resource is None:
                return None
            reader = self._readers[name] = ImageReader(io.BytesIO(resource.data))
        return reader

    # --- what the canvas calls back while pages are drawn ----------------------------

    def install(self, canv: Canvas) -> None:
        """Give ``canv`` the callbacks that the fragments of this run name."""
        canv.setNamedCB(DESTINATION, self._destination)
        canv.setNamedCB(ALTERNATIVE, self._alternative)

    def _destination(self, canv: Canvas, kind: str, name: str) -> None:
        # A table's head rows are drawn again on every page it runs over: the first one counts.
        if name not in self._destinations:
            self._destinations.add(name)
            info = canv._curr_tx_info
            canv.bookmarkHorizontal(name, info["cur_x"], info["cur_y"] + info["leading"])

    def _alternative(self, canv: Canvas, kind: str, label: str) -> None:
        text, font, width, height = self._alternatives[int(label)]
        info = canv._curr_tx_info
        # Called right after the image's own fragment, which moved the text line to its right edge.
        right = info["tx"]._x0
        draw_alternative(canv, self.chooser, text, font, right - width, info["cur_y"], width, height)


def link_anchors(doc: nodes.Document) -> dict[str, str]:
    """Return the destination of each section some link leads to (``#id``), by id."""
    ids: set[str] = set()
    targets: set[str] = set()
    pending = [doc.blocks]
    while pending:
        for block in nodes.iter_blocks(pending.pop()):
            if isinstance(block, nodes.Section):
                ids.add(block.id)
            for inline in nodes.iter_inlines(nodes.block_inlines(block)):
                if isinstance(inline, nodes.Link) and inline.target.startswith("#"):
                    targets.add(inline.target[1:])
                elif isinstance(inline, nodes.Note):
                    pending.append(inline.blocks)
    return {name: f"sec.{name}" for name in sorted(ids & targets)}


def draw_alternative(canv: Canvas, chooser: FontChooser, text: str, font: str, x: float, y: float,
                     width: float, height: float) -> None:
    """Draw ``text`` as invisible text on one line across the box (x, y, width, height), in the
    size that fits it there (text squeezed instead loses letters in extraction: poppler takes
    a letter drawn almost over the same letter for a duplicate)."""
    text = " ".join(clean(text).split())
    if not text or width <= 0 or height <= 0:
        return
    runs = chooser.runs(text, font)
    natural = sum(pdfmetrics.stringWidth(run, face, 1.0) for face, run in runs)  # at one point
    if natural <= 0:
        return
    size = min(height * 0.8, ALTERNATIVE_MAX_SIZE, width / natural)
    canv.saveState()
    line = canv.beginText(x + (width - natural * size) / 2, y + (height - size) / 2)
    line.setTextRenderMode(3)  # neither filled nor stroked: there for search and extraction
    for face, run in runs:
        line.setFont(face, size)
        line.textOut(run)
    canv.drawText(line)
    canv.restoreState()
