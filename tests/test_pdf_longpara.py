"""Long paragraphs reach ReportLab in bounded pieces of whole lines, and still read as one paragraph.

Speed is measured in benchmarks/ (the long-paragraph row); here: the text ReportLab is
asked to break into lines is bounded per call and in proportion to the document, and
the pages are those of one Paragraph: same lines, same page breaks, same pixels.
"""

from __future__ import annotations

import re

import itertools
from pathlib import Path

import pytest

from convert import nodes as n
from convert.writers import pdf_longpara
from convert.writers.pdf_flowables import Para
from convert.writers.pdf_longpara import LONG_PARAGRAPH_CHARS, PIECE_CHARS, WORD_REACH, LongPara, paragraph

from .test_pdf import FOOTER, pdftotext, tokens, write
from .tools import require, run

WORDS = ("Japan's international peace cooperation expanded a lot in accordance with the PKO law, "
         "step by step, across Asia, Africa and the Middle East; the rule of engagement relaxed.").split()
JAPANESE = "日本はパートナーと共に国際平和協力を続けていきます。「平和」は、国際社会の課題です。"


def long_text(chars: int, start: int = 0) -> str:
    """Return words of the seed's kind, numbered so that no two stretches are alike, ``chars`` long."""
    words, size = [], 0
    for number in itertools.count(start):
        word = f"{WORDS[number % len(WORDS)]}{number // len(WORDS) if number % 7 == 0 else ''}"
        words.append(word)
        size += len(word) + 1
        if size >= chars:
            return " ".join(words)
    raise AssertionError("unreachable")


def marked_inlines(chars: int, long_words: bool = True) -> tuple[n.Inline, ...]:
    """Return a long paragraph's inlines with bold and italic runs, no-break spaces and (with
    ``long_words``) words wider than a line scattered through it."""
    inlines: list[n.Inline] = []
    for part in range(chars // 2000):
        inlines.append(n.Text(long_text(1500, part * 400) + " "))
        inlines.append(n.Strong((n.Text(long_text(120, part)),)))
        wide = "x" * 150 if long_words and part % 3 == 0 else "plain"
        inlines.append(n.Text(f" then\u00a0no\u00a0break and {wide} "))
        inlines.append(n.Emph((n.Text(long_text(200, part + 9)),)))
        inlines.append(n.Text(", "))
    return tuple(inlines)


def section(*blocks: n.Block, lang: str = "en") -> n.Document:
    return n.Document(n.Meta(title="A Long Report", lang=lang), (n.Section("Long", "long", blocks),))


def plain_doc() -> n.Document:
    return section(n.Para((n.Text(long_text(30_000)),)), n.Para((n.Text("After the long one."),)))


def marked_doc() -> n.Document:
    return section(n.Para(marked_inlines(30_000)))


def list_doc() -> n.Document:
    item = n.Item((n.Para((n.Text(long_text(24_000)),)), n.Para((n.Text(long_text(20_000, 77)),))))
    return section(n.OrderedList((n.Item((n.Para((n.Text("A short item."),)),)), item), start=9))


def soft_hyphen_doc() -> n.Document:
    """Soft hyphens: ReportLab may break a word at one and draw a hyphen there."""
    text = long_text(24_000).replace("international", "inter\u00adnation\u00adal").replace("cooperation",
                                                                                          "co\u00adoper\u00adation")
    return section(n.Para((n.Text(text),)))


def japanese_doc() -> n.Document:
    return section(n.Para((n.Text(JAPANESE * 700),)), lang="ja")


def bilingual_doc() -> n.Document:
    parallel = n.Parallel((n.Para((n.Text(long_text(24_000)),)), n.Para((n.Text(JAPANESE * 500),))), ("en", "ja"))
    return section(parallel)


def whole(monkeypatch) -> None:
    """Lay every paragraph out whole, as before pieces: the reference the pieces must match."""
    monkeypatch.setattr(pdf_longpara, "LONG_PARAGRAPH_CHARS", 10**12)


def page_images(path: Path) -> list[bytes]:
    require("pdftoppm")
    run(["pdftoppm", "-r", "40", "-gray", str(path), str(path.with_suffix(""))])
    return [page.read_bytes() for page in sorted(path.parent.glob(f"{path.stem}-*.pgm"))]


# --- the pages are those of one paragraph ------------------------------------------------


@pytest.mark.parametrize("make", [plain_doc, marked_doc, list_doc, soft_hyphen_doc, japanese_doc, bilingual_doc])
def test_pieces_give_the_pages_of_one_paragraph(make, theme, tmp_path, monkeypatch):
    doc = make()
    pieces = write(doc, theme, tmp_path, "pieces.pdf")
    whole(monkeypatch)
    reference = write(doc, theme, tmp_path, "whole.pdf")
    assert pdftotext(pieces, "-layout") == pdftotext(reference, "-layout")
    assert pdftotext(pieces, "-raw") == pdftotext(reference, "-raw")
    images = page_images(pieces)
    assert len(images) > 4 and images == page_images(reference)


def test_long_paragraph_text_is_the_source_words_in_order(theme, tmp_path):
    doc = section(n.Para(marked_inlines(120_000, long_words=False)))  # a long word breaks across lines
    path = write(doc, theme, tmp_path)
    source = tokens("Long " + n.plain_text(doc.blocks[0].blocks[0].inlines))
    body = [line for line in pdftotext(path, "-f", "3").splitlines()  # after the title and contents pages
            if line.strip() != doc.meta.title and not FOOTER.match(line.strip())]
    assert len(source) > 15_000
    # A word the line breaking hyphenated ends its line in U+2010, the hyphen the layout added.
    assert tokens(re.sub("\u2010\n+", "", "\n".join(body))) == source


@pytest.mark.parametrize("lines_left", [0, 1, 2, 3, 10, 57])
@pytest.mark.parametrize("from_end", [False, True])
def test_splits_follow_paragraph_rules(lines_left, from_end, theme, tmp_path):
    """Split at any height, a LongPara keeps the lines a Paragraph keeps (orphans and widows too)."""
    from convert.writers.pdf import _start_run

    run_ = _start_run(n.Document(n.Meta(), ()), theme)
    style = run_.styles.get("body")
    frags = run_.chooser.text_frags(long_text(LONG_PARAGRAPH_CHARS + 5_000), style)
    width = 420.0
    reference = Para(None, style, frags=frags)
    _, height = reference.wrap(width, 1e9)
    total = round(height / style.leading)
    lines = total - lines_left if from_end else lines_left
    avail = lines * style.leading + style.leading / 2
    long = paragraph(frags, style)
    assert isinstance(long, LongPara)
    assert long.wrap(width, avail)[1] == height
    expected = Para(None, style, frags=frags).split(width, avail)
    parts = long.split(width, avail)
    assert len(parts) == len(expected)
    if len(parts) == 2:
        kept = len(expected[0].blPara.lines)
        assert parts[0].wrap(width, avail)[1] == kept * style.leading
        assert parts[0].lines + parts[1].wrap(width, 1e9)[1] / style.leading == total


# --- layout work is bounded ---------------------------------------------------------------


def test_line_breaking_is_bounded_per_call_and_linear_in_the_text(theme, tmp_path, monkeypatch):
    """ReportLab breaks at most a piece's text at once, and the whole text about once.

    Laid out whole, this paragraph of 40 pages is broken into lines once per page, its whole
    remainder each time: about 20 times its length, the longest call the whole paragraph.
    """
    broken: list[int] = []
    break_lines = Para.breakLines

    def counting(self, widths):
        broken.append(sum(len(getattr(frag, "text", "")) for frag in self.frags))
        return break_lines(self, widths)

    monkeypatch.setattr(Para, "breakLines", counting)
    text = long_text(150_000)
    path = write(section(n.Para((n.Text(text),))), theme, tmp_path)
    assert int(run(["pdfinfo", str(path)]).stdout.split("Pages:")[1].split()[0]) > 40
    assert max(broken) <= PIECE_CHARS + WORD_REACH
    assert sum(broken) <= 1.2 * len(text)  # each line once, the last of each piece twice
