"""Source text to ReportLab paragraph fragments: cleaned, literal, and with a font for every glyph.

Text from the input is data: it goes into a Paragraph as ready-made fragments
(ParaFrag, as ReportLab's own split code passes them), never as markup, so
``<img src=...>`` or ``<font size=200>`` print literally and no XML parser runs.
The fragments are the ones ReportLab's parser makes of the equivalent markup
(``<b>``, ``<i>``, ``<font name=...>`` around escaped text), whitespace included,
so the layout is the same. Characters the run's font lacks (Japanese in English
text, Hebrew in a Latin serif) get a run in an installed family that has them, so
nothing renders as tofu when a font for it is installed.

Links, note reference marks and inline images are fragments too, as ReportLab's parser
makes them of ``<a href>``, ``<super>``, ``<onDraw/>`` and ``<img/>``: a link's target is
handed over as data, never parsed as markup; what a run knows about its notes, links and
images comes from its ``Inlines`` (see ``pdf_rich``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import groupby
from typing import Any, Protocol

from reportlab.lib.abag import ABag
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics

from .. import nodes
from ..charranges import CJK
from ..fonts import Registered, covers
from .pdf_bidi import display_pieces
from .pdf_reportlab import ParaFrag, sizeDelta, supFraction

# C0/C1 controls, lone surrogates and non-characters: ReportLab cannot draw or encode them.
_UNDRAWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("[\t\n\r\u2028\u2029]")
_NON_ASCII = re.compile("[^\x00-\x7f]+")
# ReportLab's paragraph cleaner strips a paragraph of its own whitespace list (with
# the zero-width space, without the no-break space), then collapses whitespace runs:
# those of its list when the paragraph holds a no-break space, else str.split()'s.
RL_SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\u1680" + "".join(map(chr, range(0x2000, 0x200c))) + \
    "\u2028\u2029\u202f\u205f\u3000"
_RL_WHITESPACE = re.compile(f"[{RL_SPACES}]+")


@dataclass(frozen=True, slots=True)
class Look:
    """What a run of text carries besides its font: the links around it (ReportLab's list of
    (number, target)), a colour instead of the style's, and whether it is a note's reference mark."""

    links: tuple[tuple[int, str], ...] = ()
    color: Any = None
    mark: int = 0  # the number of the note whose (superscript) reference mark this is


PLAIN = Look()


@dataclass(frozen=True, slots=True)
class Callback:
    """A fragment without text that ReportLab acts on where it is drawn: an inline image
    (``kind="img"``), or the named canvas callback ``name`` (``kind="onDraw"``), given ``label``."""

    kind: str
    name: str = ""
    label: str = ""
    image: Any = None  # an ImageReader, for "img"
    width: float = 0.0
    height: float = 0.0


class Inlines(Protocol):
    """What the fragments of links, notes and images need from the run that writes them."""

    link_color: Any

    def link(self, target: str) -> str | None:
        """Return ``target`` as ReportLab's link fragments hold it, or None to show the text unlinked."""

    def note(self, note: nodes.Note) -> int:
        """Return the number of ``note``'s reference mark (the run sets the note itself)."""

    def mark(self, number: int) -> list[Callback]:
        """Return the callbacks drawn where the reference mark of note ``number`` is."""

    def image(self, image: nodes.Image, font: str, size: float) -> list[Callback] | None:
        """Return the callbacks of an inline image in text of ``font`` and ``size``; None when it has
        no bytes."""


#: The canvas callback that sets a named destination (its label) where it is drawn.
DESTINATION = "report-convert-destination"
#: The canvas callback that draws an inline image's text alternative over it.
ALTERNATIVE = "report-convert-alternative"


#: A paragraph before it becomes fragments: (font, text, look, callback) runs, None where
#: markup would have a tag (whitespace on both sides of a tag is kept). A callback's text is "".
Token = tuple[str, str, Look, Callback | None] | None

#: Scripts that need a CJK font: kana, CJK ideographs and punctuation, Hangul, full-width forms.
_CJK = CJK


def clean(text: str) -> str:
    """Return ``text`` without characters ReportLab cannot handle; line breaks become spaces."""
    return _UNDRAWABLE.sub("", _BREAKS.sub(" ", text))


class FontChooser:
    """Pick, per character, a registered font that has its glyph (cached per run).

    ``latin`` families are tried first, then the symbol family (for symbols and emoji).
    CJK characters go to the CJK family, or in text set in a ``display`` family (headings)
    to the CJK display family, so that the CJK half of a heading has a heading's weight.
    The CJK and symbol families are registered only when a document has a character
    that needs them, so English-only runs never need them installed.
    """

    def __init__(self, latin: list[Registered], cjk: Callable[[], Registered],
                 symbols: Callable[[], Registered | None] = lambda: None, display: Registered | None = None,
                 cjk_display: Callable[[], Registered] | None = None) -> None:
        self._latin = latin
        self._cjk_factory = cjk
        self._cjk: Registered | None = None
        self._display = set() if display is None else {display.regular, display.bold, display.italic,
                                                        display.bolditalic}
        self._cjk_display_factory = cjk_display or cjk
        self._cjk_display: Registered | None = None
        self._symbols_factory = symbols
        self._symbols: list[Registered] | None = None
        self._choice: dict[tuple[str, str], str] = {}

    @property
    def cjk(self) -> Registered:
        """Return the CJK family, registering it on first use."""
        if self._cjk is None:
            self._cjk = self._cjk_factory()
        return self._cjk

    @property
    def cjk_display(self) -> Registered:
        """Return the CJK family of headings, registering it on first use."""
        if self._cjk_display is None:
            self._cjk_display = self._cjk_display_factory()
        return self._cjk_display

    @property
    def symbols(self) -> list[Registered]:
        """Return the symbol family (none when none is installed), registering it on first use."""
        if self._symbols is None:
            found = self._symbols_factory()
            self._symbols = [found] if found is not None else []
        return self._symbols

    def font_for(self, char: str, primary: str) -> str:
        """Return the regular face name of the family to draw ``char`` in, ``primary`` if none has it."""
        key = (char, primary)
        found = self._choice.get(key)
        if found is None:
            found = primary
            if not covers(primary, char):
                candidates = [f.regular for f in self._latin]
                if char in _CJK:
                    candidates.insert(0, (self.cjk_display if primary in self._display else self.cjk).regular)
                found = next((c for c in candidates if covers(c, char)), None)
                if found is None:
                    found = next((f.regular for f in self.symbols if covers(f.regular, char)), primary)
            self._choice[key] = found
        return found

    def runs(self, text: str, primary: str) -> list[tuple[str, str]]:
        """Return ``text`` (already cleaned) as (font, text) runs; ASCII always stays in ``primary``."""
        if text.isascii():
            return [(primary, text)] if text else []
        out: list[tuple[str, str]] = []
        pos = 0
        for match in _NON_ASCII.finditer(text):
            if match.start() > pos:
                _append(out, primary, text[pos:match.start()])
            for font, chars in groupby(match.group(), key=lambda c: self.font_for(c, primary)):
                _append(out, font, "".join(chars))
            pos = match.end()
        if pos < len(text):
            _append(out, primary, text[pos:])
        return out

    def text_frags(self, text: str, style: ParagraphStyle) -> list[ParaFrag]:
        """Return the fragments of plain ``text`` in ``style``, cleaned, with font switches where needed."""
        tokens: list[Token] = []
        self.text_tokens(clean(text), style.fontName, False, False, PLAIN, tokens)
        return _frags(tokens, style)

    def frags(self, inlines: tuple[nodes.Inline, ...], style: ParagraphStyle, run: Inlines | None = None,
              before: list[Token] | None = None) -> list[ParaFrag]:
        """Return the fragments of ``inlines`` in ``style``: Strong bold, Emph italic, text literal;
        links, note marks and images as ``run`` has them (without a run they raise TypeError).
        ``before`` are tokens put in front (a note's number)."""
        tokens: list[Token] = list(before or ())
        _Tokens(self, run, style.fontSize, tokens).inlines(inlines, style.fontName, False, False, PLAIN)
        return _frags(tokens, style)

    def text_tokens(self, text: str, primary: str, bold: bool, italic: bool, look: Look,
                    out: list[Token]) -> None:
        """Add the tokens of cleaned ``text`` to ``out``: runs in ``primary`` (or a fallback family)."""
        for font, run in self.runs(text, primary):
            if font == primary:
                out.append((_face(primary, bold, italic), run, look, None))
            else:
                # The fallback family's own face, bold where the text is bold (a family without a
                # bold face serves its regular one), never italic: a CJK family has no italic, and
                # slanted ideographs are not emphasis.
                out += [None, (_face(font, bold or _is_bold(primary), False), run, look, None), None]

    def width(self, text: str, primary: str, size: float) -> float:
        """Return the width of cleaned ``text`` drawn in ``primary`` with fallbacks, at ``size``."""
        return sum(pdfmetrics.stringWidth(run, font, size) for font, run in self.runs(text, primary))

    def fit(self, text: str, primary: str, size: float, width: float) -> str:
        """Return cleaned ``text`` cut with an ellipsis so that it fits on one line of ``width``."""
        text = " ".join(clean(text).split())
        if self.width(text, primary, size) <= width:
            return text
        low, high = 0, len(text)
        while low < high:  # the longest prefix that fits with its ellipsis
            middle = (low + high + 1) // 2
            if self.width(text[:middle].rstrip() + "\u2026", primary, size) <= width:
                low = middle
            else:
                high = middle - 1
        return text[:low].rstrip() + "\u2026"

    def draw(self, canv, text: str, primary: str, size: float, x: float, y: float, align: str) -> None:
        """Draw one line of cleaned ``text`` at baseline ``y``, aligned left/centre/right on ``x``."""
        runs = self.runs(text, primary)
        shown = display_pieces([run for _, run in runs])  # right-to-left words as the page shows them
        if shown is not None:
            runs = [(runs[number][0], run) for number, run in shown]
        total = sum(pdfmetrics.stringWidth(run, font, size) for font, run in runs)
        start = x - total if align == "right" else x - total / 2 if align == "centre" else x
        obj = canv.beginText(start, y)
        for font, run in runs:
            obj.setFont(font, size)
            obj.textOut(run)
        canv.drawText(obj)


class _Tokens:
    """The tokens of one paragraph's inlines; its links are numbered, as ReportLab's parser numbers them."""

    def __init__(self, chooser: FontChooser, run: Inlines | None, size: float, out: list[Token]) -> None:
        self.chooser, self.run, self.size, self.out = chooser, run, size, out
        self.links = 0

    def inlines(self, inlines: tuple[nodes.Inline, ...], primary: str, bold: bool, italic: bool,
                look: Look) -> None:
        out, run = self.out, self.run
        for node in inlines:
            if isinstance(node, nodes.Text):
                self.chooser.text_tokens(clean(node.text), primary, bold, italic, look, out)
            elif isinstance(node, (nodes.Strong, nodes.Emph)):
                out.append(None)
                strong = isinstance(node, nodes.Strong)
                self.inlines(node.inlines, primary, bold or strong, italic or not strong, look)
                out.append(None)
            elif run is None:
                raise TypeError(f"the PDF writer cannot render inline node {node!r} here")
            elif isinstance(node, nodes.Link):
                target = run.link(node.target)
                if target is None:  # nowhere to go in this document: the text alone
                    self.inlines(node.inlines, primary, bold, italic, look)
                    continue
                out.append(None)
                self.inlines(node.inlines, primary, bold, italic, self.linked(look, target))
                out.append(None)
            elif isinstance(node, nodes.Note):
                number = run.note(node)
                face = _face(primary, bold, italic)
                out += [None, *((face, "", look, callback) for callback in run.mark(number)), None]
                mark = replace(self.linked(look, "#" + note_key(number)), mark=number)
                out += [None, (face, str(number), mark, None), None]
            elif isinstance(node, nodes.Image):
                callbacks = run.image(node, primary, self.size)
                if callbacks is None:  # no bytes to show: the text that stands for it
                    self.chooser.text_tokens(clean(f"[{node.alt}]"), primary, bold, italic, look, out)
                    continue
                face = _face(primary, bold, italic)
                out += [None, *((face, "", look, callback) for callback in callbacks), None]
            else:
                raise TypeError(f"the PDF writer cannot render inline node {node!r}")

    def linked(self, look: Look, target: str) -> Look:
        """Return ``look`` inside one more link, to ``target``, in the link colour."""
        self.links += 1
        return replace(look, links=(*look.links, (self.links - 1, target)), color=self.run.link_color)


def note_label(number: int, style: ParagraphStyle, color: Any) -> list[Token]:
    """Return the tokens a note's text starts with: the destination its mark links to, and its
    number, linked back to the mark."""
    face = style.fontName
    back = Look(links=((-1, "#" + note_mark_key(number)),), color=color)
    return [None, (face, "", PLAIN, Callback("onDraw", DESTINATION, note_key(number))), None,
            None, (face, f"{number}.", back, None), None, (face, " ", PLAIN, None)]


def note_key(number: int) -> str:
    """Return the destination name of note ``number``'s text."""
    return f"note.{number}"


def note_mark_key(number: int) -> str:
    """Return the destination name of note ``number``'s reference mark."""
    return f"noteref.{number}"


def _append(out: list[tuple[str, str]], font: str, text: str) -> None:
    if out and out[-1][0] == font:
        out[-1] = (font, out[-1][1] + text)
    else:
        out.append((font, text))


_faces: dict[tuple[str, bool, bool], str] = {}


def _is_bold(face: str) -> bool:
    """Return whether ``face`` is a bold face of its family (a heading style's font), one that
    differs from the family's regular face (IPAex serves every face with its regular one)."""
    family, bold, italic = ps2tt(face)
    return bool(bold) and tt2ps(family, 0, italic) != face


def _face(font: str, bold: bool, italic: bool) -> str:
    """Return the face of ``font``'s family with ``bold`` and ``italic`` added, as ReportLab's parser picks it."""
    key = (font, bold, italic)
    face = _faces.get(key)
    if face is None:
        family, is_bold, is_italic = ps2tt(font)
        face = _faces[key] = tt2ps(family, is_bold | bold, is_italic | italic)
    return face


def _frags(tokens: list[Token], style: ParagraphStyle) -> list[ParaFrag]:
    """Return the fragments of ``tokens``, whitespace treated as ReportLab's parser treats it."""
    merged: list[Token] = []
    for token in tokens:  # text next to text is one string in markup: one fragment
        last = merged[-1] if merged else None
        if (token is not None and last is not None and token[3] is None and last[3] is None
                and last[0] == token[0] and (last[2] is token[2] or last[2] == token[2])):
            merged[-1] = (last[0], last[1] + token[1], last[2], None)
        else:
            merged.append(token)
    runs = [token for token in merged if token is not None]
    if not runs:
        return []
    texts = [text for _, text, _, _ in runs]
    # The whole paragraph is stripped: only where it starts or ends with text, not a tag.
    if merged[0] is not None:
        texts[0] = texts[0].lstrip(RL_SPACES)
    if merged[-1] is not None:
        texts[-1] = texts[-1].rstrip(RL_SPACES)
    if any("\xa0" in text for text in texts):
        texts = [_RL_WHITESPACE.sub(" ", text) for text in texts]
    else:
        texts = [_collapse(text) for text in texts]
    size, color = style.fontSize, style.textColor
    out = []
    for (font, _, look, callback), text in zip(runs, texts):
        if callback is None and not text:
            continue
        frag = ParaFrag(fontName=font, fontSize=size, textColor=look.color or color, rise=0,
                        link=list(look.links), us_lines=[], text=text)
        if look.mark:  # as <super> sets it
            frag.rise, frag.fontSize = size * supFraction, size - min(sizeDelta, 0.2 * size)
            frag.note = look.mark
        if callback is not None:
            frag.cbDefn = _definition(callback)
        out.append(frag)
    return out


def _definition(callback: Callback) -> ABag:
    """Return ReportLab's definition of ``callback`` (a fragment's cbDefn), as its parser makes it."""
    if callback.kind == "img":
        return ABag(kind="img", src=None, image=callback.image, width=callback.width, height=callback.height,
                    valign="baseline")
    return ABag(kind=callback.kind, name=callback.name, label=callback.label)


def _collapse(text: str) -> str:
    """Return ``text`` with each run of str.split() whitespace made one space (faster than a regex)."""
    words = text.split()
    if not words:
        return " " if text else ""
    joined = " ".join(words)
    if text[0].isspace():
        joined = " " + joined
    if text[-1].isspace():
        joined += " "
    return joined
