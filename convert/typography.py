"""Typography for the published formats: quotation marks of the text's language, apostrophes,
and en dashes in ranges of times and years.

Applied by the writers that typeset (DOCX, PDF, EPUB, the pandoc formats), never by XLIFF or
JSON: translators and other programs get the source's characters as they are.

smartypants does this for HTML, and treats its input as HTML: it leaves quotes after anything
that looks like a tag alone and takes backslashes as escapes. Report text is data, never markup
("<b>" is four visible characters), so the few rules are here, applied to text only.

- A ``"`` opens after the start of a paragraph, a space, an opening bracket or dash, or an
  opening quotation mark, and closes everywhere else; ``'`` likewise, except that it is an
  apostrophe between two letters or digits, before a digit ('90s), and where it would close
  no open mark (the members' votes). Which marks open and close come from the language (“ ” ‘ ’ in English, „ “ ‚ ‘ in German, « » with narrow no-break
  spaces in French, 「 」 『 』 in Japanese, ...); an apostrophe is always ’.
- A hyphen between two times (20:00-21:30) or two years (2019-2023, 1990-91) becomes an en dash.

Context runs across inline boundaries: in ``"<strong>word</strong>"`` the second mark closes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from . import nodes

#: (opening double, closing double, opening single, closing single) by primary language subtag.
_QUOTES: dict[str, tuple[str, str, str, str]] = {
    "en": ("\u201c", "\u201d", "\u2018", "\u2019"),
    "de": ("\u201e", "\u201c", "\u201a", "\u2018"),
    "fr": ("\u00ab\u202f", "\u202f\u00bb", "\u2039\u202f", "\u202f\u203a"),
    "es": ("\u00ab", "\u00bb", "\u201c", "\u201d"),
    "it": ("\u00ab", "\u00bb", "\u201c", "\u201d"),
    "pt": ("\u00ab", "\u00bb", "\u201c", "\u201d"),
    "ru": ("\u00ab", "\u00bb", "\u201e", "\u201c"),
    "uk": ("\u00ab", "\u00bb", "\u201e", "\u201c"),
    "pl": ("\u201e", "\u201d", "\u00ab", "\u00bb"),
    "nl": ("\u201c", "\u201d", "\u2018", "\u2019"),
    "ja": ("\u300c", "\u300d", "\u300e", "\u300f"),
    "zh": ("\u201c", "\u201d", "\u2018", "\u2019"),
    "ko": ("\u201c", "\u201d", "\u2018", "\u2019"),
}
_APOSTROPHE = "\u2019"
_EN_DASH = "\u2013"
_STRAIGHT = re.compile("[\"']")
#: Characters after which a quotation mark opens.
_OPENERS = frozenset("([{\u2014\u2013-/\u00ab\u2039\u201c\u2018\u201e\u201a\u300c\u300e")
#: A hyphen in a range of times or of years (not in a date such as 2023-01-28).
_RANGE = re.compile(r"(?<![\d:-])(?:(\d{1,2}:\d{2})-(?=\d{1,2}:\d{2}(?![\d:]))"
                    r"|((?:1[5-9]|20)\d\d)-(?=(?:\d\d|(?:1[5-9]|20)\d\d)(?![\d-])))")


def quotes_for(lang: str) -> tuple[str, str, str, str] | None:
    """Return the quotation marks of ``lang`` (a BCP 47 tag), or None where we know none (the
    straight marks are then kept)."""
    return _QUOTES.get((lang or "").split("-")[0].lower())


def _is_word(char: str) -> bool:
    return bool(char) and unicodedata.category(char)[0] in "LN"


class _Typesetter:
    """Typesets the runs of one paragraph (or title), carrying the character before each."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.marks = quotes_for(lang)
        self.before = ""
        self.open_singles = 0  # single quotation marks opened and not yet closed

    def text(self, text: str) -> str:
        if not text:
            return text
        if "-" in text:
            text = _RANGE.sub(lambda m: (m.group(1) or m.group(2)) + _EN_DASH, text)
        if self.marks is not None and ('"' in text or "'" in text):
            out: list[str] = []
            done = 0  # the text up to here is in ``out``
            before = self.before
            for match in _STRAIGHT.finditer(text):
                at = match.start()
                if at > done:
                    out.append(text[done:at])
                    before = text[at - 1]
                mark = self._mark(match.group(), before, text[at + 1:at + 2])
                out.append(mark)
                before = mark[-1]
                done = at + 1
            out.append(text[done:])
            text = "".join(out)
        self.before = text[-1]
        return text

    def _mark(self, char: str, before: str, after: str) -> str:
        open_double, close_double, open_single, close_single = self.marks
        opening = not before or before.isspace() or before in _OPENERS
        if char == '"':
            return open_double if opening else close_double
        if (_is_word(before) and _is_word(after)) or (opening and after.isdigit()):
            return _APOSTROPHE  # it's, l'eau, '90s
        if opening:
            self.open_singles += 1
            return open_single
        if self.open_singles:
            self.open_singles -= 1
            return close_single
        return _APOSTROPHE  # the students' reports

    def inlines(self, run: tuple[nodes.Inline, ...]) -> tuple[nodes.Inline, ...]:
        out: list[nodes.Inline] = []
        for inline in run:
            if isinstance(inline, nodes.Text):
                text = self.text(inline.text)
                out.append(inline if text == inline.text else nodes.Text(text))
            elif isinstance(inline, (nodes.Strong, nodes.Emph, nodes.Link)):
                inner = self.inlines(inline.inlines)
                out.append(inline if inner == inline.inlines else replace(inline, inlines=inner))
            elif isinstance(inline, nodes.Note):
                blocks = _Document(self.lang).blocks(inline.blocks)
                out.append(inline if blocks == inline.blocks else nodes.Note(blocks))
            elif isinstance(inline, nodes.Image):
                alt = _line(inline.alt, self.lang)
                out.append(inline if alt == inline.alt else replace(inline, alt=alt))
            else:
                out.append(inline)
        return tuple(out)


def _line(text: str, lang: str) -> str:
    """Return one title, name or alternative text typeset on its own."""
    return _Typesetter(lang).text(text)


def _run(run: tuple[nodes.Inline, ...], lang: str) -> tuple[nodes.Inline, ...]:
    """Return one paragraph's or caption's inlines typeset."""
    return _Typesetter(lang).inlines(run)


class _Document:
    """Typesets blocks in one language (a parallel block's side in its own)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def blocks(self, blocks: tuple[nodes.Block, ...]) -> tuple[nodes.Block, ...]:
        out = tuple(self.block(block) for block in blocks)
        return blocks if all(a is b for a, b in zip(out, blocks)) else out

    def block(self, node: nodes.Block) -> nodes.Block:
        lang = self.lang
        if isinstance(node, nodes.Para):
            run = _run(node.inlines, lang)
            return node if run == node.inlines else replace(node, inlines=run)
        if isinstance(node, nodes.Section):
            return replace(node, title=_line(node.title, lang), blocks=self.blocks(node.blocks))
        if isinstance(node, nodes.Speech):
            speaker = nodes.Speaker(_line(node.speaker.name, lang), _line(node.speaker.affiliation, lang))
            return replace(node, speaker=speaker, blocks=self.blocks(node.blocks))
        if isinstance(node, nodes.BlockQuote):
            return replace(node, blocks=self.blocks(node.blocks))
        if isinstance(node, nodes.Parallel):
            sides = tuple(_Document(side_lang or lang).block(block) for block, side_lang in zip(node.blocks, node.langs))
            return replace(node, blocks=sides)
        if isinstance(node, (nodes.OrderedList, nodes.BulletList)):
            return replace(node, items=tuple(replace(item, blocks=self.blocks(item.blocks)) for item in node.items))
        if isinstance(node, nodes.Table):
            def rows(rows: tuple[nodes.Row, ...]) -> tuple[nodes.Row, ...]:
                return tuple(nodes.Row(tuple(replace(cell, blocks=self.blocks(cell.blocks)) for cell in row.cells))
                             for row in rows)

            return replace(node, head=rows(node.head), body=rows(node.body), caption=_run(node.caption, lang))
        if isinstance(node, nodes.Figure):
            image = _run((node.image,), lang)[0]
            return replace(node, image=image, caption=_run(node.caption, lang))
        return node


def typeset(doc: nodes.Document) -> nodes.Document:
    """Return ``doc`` with the typography of its language: quotation marks, apostrophes, en dashes
    in ranges (see the module's description). The words and their order are unchanged."""
    lang = doc.meta.lang or "en"
    meta = doc.meta
    meta = replace(meta, title=_line(meta.title, lang), organizers=tuple(_line(o, lang) for o in meta.organizers),
                   presenters=tuple(nodes.Speaker(_line(p.name, lang), _line(p.affiliation, lang))
                                    for p in meta.presenters),
                   date_text=_line(meta.date_text, lang), time_text=_line(meta.time_text, lang),
                   compiled_by=_line(meta.compiled_by, lang))
    return replace(doc, meta=meta, blocks=_Document(lang).blocks(doc.blocks))


#: The marks ``typeset`` puts in, back to the source's characters (for comparing a typeset
#: output, read back, with its source).
_PLAIN = str.maketrans({**dict.fromkeys("\u201c\u201d\u201e\u00ab\u00bb\u300c\u300d", '"'),
                        **dict.fromkeys("\u2018\u2019\u201a\u2039\u203a\u300e\u300f", "'"), _EN_DASH: "-",
                        "\u202f": None})


def plain(text: str) -> str:
    """Return ``text`` with typographic quotation marks, apostrophes and en dashes as the straight
    characters they stand for."""
    return text.translate(_PLAIN)
