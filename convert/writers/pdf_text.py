"""Source text to ReportLab paragraph markup: escaped, cleaned, and with a font for every glyph.

Text from the input is data: it is XML-escaped before it reaches a Paragraph, so
``<img src=...>`` or ``<font size=200>`` print literally. Characters the run's font
lacks (Japanese in English text, Hebrew in a Latin serif) are wrapped in ``<font>``
tags naming an installed family that has them, so nothing renders as tofu when a
font for it is installed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import groupby
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics

from .. import nodes
from ..fonts import Registered, covers

# C0/C1 controls, lone surrogates and non-characters: ReportLab cannot draw or encode them.
_UNDRAWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("[\t\n\r\u2028\u2029]")
_NON_ASCII = re.compile("[^\x00-\x7f]+")
_QUOTES: dict[str, str] = {}

#: Scripts that need a CJK font: kana, CJK ideographs and punctuation, Hangul, full-width forms.
_CJK = re.compile(
    "[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3200-\u33ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
    "\U00020000-\U0003ffff]"
)
CJK_LANGS = {"ja", "zh", "ko"}


def is_cjk_lang(lang: str) -> bool:
    """Return whether ``lang`` (a BCP 47 tag) is written in a CJK script."""
    return lang.split("-")[0].lower() in CJK_LANGS


def clean(text: str) -> str:
    """Return ``text`` without characters ReportLab cannot handle; line breaks become spaces."""
    return _UNDRAWABLE.sub("", _BREAKS.sub(" ", text))


class FontChooser:
    """Pick, per character, a registered font that has its glyph (cached per run).

    ``latin`` families are tried first; the CJK family is registered only when a
    document actually contains CJK text, so English-only runs never need it installed.
    """

    def __init__(self, latin: list[Registered], cjk: Callable[[], Registered]) -> None:
        self._latin = latin
        self._cjk_factory = cjk
        self._cjk: Registered | None = None
        self._choice: dict[tuple[str, str], str] = {}

    @property
    def cjk(self) -> Registered:
        """Return the CJK family, registering it on first use."""
        if self._cjk is None:
            self._cjk = self._cjk_factory()
        return self._cjk

    def font_for(self, char: str, primary: str) -> str:
        """Return the regular face name of the family to draw ``char`` in, ``primary`` if none has it."""
        key = (char, primary)
        found = self._choice.get(key)
        if found is None:
            found = primary
            if not covers(primary, char):
                candidates = [f.regular for f in self._latin]
                if _CJK.match(char):
                    candidates.insert(0, self.cjk.regular)
                found = next((c for c in candidates if covers(c, char)), primary)
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

    def text_markup(self, text: str, primary: str) -> str:
        """Return cleaned, escaped markup for plain ``text`` with font switches where needed."""
        parts = []
        for font, run in self.runs(clean(text), primary):
            escaped = escape(run, _QUOTES)
            parts.append(escaped if font == primary else f'<font name="{font}">{escaped}</font>')
        return "".join(parts)

    def markup(self, inlines: tuple[nodes.Inline, ...], primary: str) -> str:
        """Return paragraph markup for ``inlines``: Strong as <b>, Emph as <i>, text escaped."""
        parts: list[str] = []
        for node in inlines:
            if isinstance(node, nodes.Text):
                parts.append(self.text_markup(node.text, primary))
            elif isinstance(node, nodes.Strong):
                parts.append(f"<b>{self.markup(node.inlines, primary)}</b>")
            elif isinstance(node, nodes.Emph):
                parts.append(f"<i>{self.markup(node.inlines, primary)}</i>")
            else:
                raise TypeError(f"the PDF writer cannot render inline node {node!r}")
        return "".join(parts)

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
        total = sum(pdfmetrics.stringWidth(run, font, size) for font, run in runs)
        start = x - total if align == "right" else x - total / 2 if align == "centre" else x
        obj = canv.beginText(start, y)
        for font, run in runs:
            obj.setFont(font, size)
            obj.textOut(run)
        canv.drawText(obj)


def _append(out: list[tuple[str, str]], font: str, text: str) -> None:
    if out and out[-1][0] == font:
        out[-1] = (font, out[-1][1] + text)
    else:
        out.append((font, text))
