"""The PDF reader: a PDF's own text, fonts and places to the document tree.

Our own PDF of the seed and of every normalizer fixture must give back the source's tree
exactly (every node, inline and word; only line spans differ). PDFs made by other engines
(LibreOffice, WeasyPrint and Chromium, in tests/corpus) are scored in tests/test_corpus.py;
here, PDFs made with ReportLab's canvas check one reading rule each.
"""

from __future__ import annotations

import json
from dataclasses import replace
import re
import subprocess
import sys

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from convert import astjson, nodes as n
from convert.lines import Line
from convert.recover import recover
from convert.pipeline import prepare, prepare_file
from convert.readers.pdf import PageLine, PdfParams, _column_lefts, layout, logical_order, read_pdf
from convert.typography import plain

from .conftest import FIXTURES, ROOT, SEED
from .trees import plain_document, plain_strings, without_spans

SOURCES = [SEED, *sorted((FIXTURES / "normalize").glob("*.txt"))]


@pytest.fixture(scope="module")
def our_pdfs(tmp_path_factory):
    """Return the folder holding our own PDF of every source."""
    out = tmp_path_factory.mktemp("our-pdfs")
    result = subprocess.run([sys.executable, "-m", "convert", *map(str, SOURCES), "--pdf", "-o", str(out)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("source", SOURCES, ids=[s.stem for s in SOURCES])
def test_our_pdf_gives_back_the_source_tree(our_pdfs, source):
    want = without_spans(astjson.to_json(prepare_file(source).document))
    got = without_spans(astjson.to_json(prepare_file(our_pdfs / f"{source.stem}.pdf").document))
    assert got == want


def test_a_pdf_is_told_by_its_content_not_its_name(our_pdfs, tmp_path):
    renamed = tmp_path / "report.txt"
    renamed.write_bytes((our_pdfs / f"{SEED.stem}.pdf").read_bytes())
    assert plain(prepare_file(renamed).document.meta.title) == prepare_file(SEED).document.meta.title


def _pdf(path, draw) -> bytes:
    """Return the bytes of a one-page A4 PDF that ``draw(canvas)`` paints."""
    page = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    draw(page)
    page.save()
    return path.read_bytes()


def _lines(page, x, y, size, texts, font="Helvetica", pitch=1.2):
    """Write ``texts`` one per line from (x, y) down; return the y below the last."""
    page.setFont(font, size)
    for text in texts:
        page.drawString(x, y, text)
        y -= size * pitch
    return y


def _report(page):
    """A report page with no blank line in its text: type, spacing and indents tell the structure."""
    y = _lines(page, 72, 780, 20, ["Water Policy after the Drought"], "Helvetica-Bold")
    y = _lines(page, 72, y - 10, 11, ["3 March 2024"])
    y = _lines(page, 72, y - 30, 15, ["Opening Remarks"], "Helvetica-Bold")
    y = _lines(page, 72, y - 6, 11, ["Ms. Ana Ruiz"], "Helvetica-Bold")
    y = _lines(page, 72, y, 11, ["Director, Basin Authority"], "Helvetica-Oblique")
    body = ["Ms. Ruiz said the reservoirs had fallen to a third of their level and that the",
            "basin authority would publish weekly figures from now on, for every district.",
            "Farmers asked for the figures by village."]
    y = _lines(page, 72, y - 2, 11, body)
    # The next paragraph is told apart by spacing alone; its first line also starts a sentence
    # after a full stop, but so does the wrapped line above it.
    y = _lines(page, 72, y - 8, 11, ["The second paragraph starts after a wider gap and runs on to a second",
                                     "line of its own."])
    return y


def test_spacing_type_and_weight_give_the_structure(tmp_path):
    document = prepare(_pdf(tmp_path / "r.pdf", _report), "r.pdf").document
    assert (document.meta.title, document.meta.date) == ("Water Policy after the Drought", "2024-03-03")
    section = document.blocks[0]
    assert isinstance(section, n.Section) and section.title == "Opening Remarks"
    speech = section.blocks[0]
    assert isinstance(speech, n.Speech)
    assert (speech.speaker.name, speech.speaker.affiliation) == ("Ms. Ana Ruiz", "Director, Basin Authority")
    texts = [n.plain_text(block.inlines) for block in speech.blocks]
    assert texts == ["Ms. Ruiz said the reservoirs had fallen to a third of their level and that the basin "
                     "authority would publish weekly figures from now on, for every district. Farmers asked "
                     "for the figures by village.",
                     "The second paragraph starts after a wider gap and runs on to a second line of its own."]


def test_a_scanned_page_with_a_text_layer_is_read_as_its_text(tmp_path):
    """A scan with its text recognised (OCRmyPDF's output): a picture of the whole page under
    invisible lines of text. The lines are the page's text, not the picture's description, and
    the scan is no figure; a small picture keeps its invisible text as its description."""
    from PIL import Image as PILImage
    from reportlab.lib.utils import ImageReader

    scan = PILImage.new("L", (595, 842), 235)
    body = ["Water Policy after the Drought", "Opening Remarks",
            "The council agreed that the figures would be published every week for every",
            "district of the basin, and that the farmers would be asked first."]

    def draw(page, full: bool = True):
        if full:
            page.drawImage(ImageReader(scan), 0, 0, *A4)
        else:
            page.drawImage(ImageReader(scan.resize((100, 100))), 72, 300, 100, 100)
        text = page.beginText(72, 780 if full else 350)
        text.setTextRenderMode(3)  # invisible
        text.setFont("Helvetica", 11)
        for line in body if full else ["A grey square"]:
            text.textLine(line)
        page.drawText(text)

    document = prepare(_pdf(tmp_path / "scan.pdf", draw), "scan.pdf").document
    words = " ".join(n.plain_text(block.inlines) for block in n.iter_blocks(document.blocks)
                     if isinstance(block, n.Para))
    assert words.endswith("district of the basin, and that the farmers would be asked first.")
    assert not any(isinstance(block, n.Figure) for block in n.iter_blocks(document.blocks))

    def small(page):
        _lines(page, 72, 780, 11, body)
        draw(page, full=False)

    document = prepare(_pdf(tmp_path / "figure.pdf", small), "figure.pdf").document
    assert [block.image.alt for block in n.iter_blocks(document.blocks) if isinstance(block, n.Figure)] \
        == ["A grey square"]


def _line(text: str, left: float, baseline: float, right: float = 280.0, size: float = 10.0,
          bold: bool = False, italic: bool = False) -> PageLine:
    return PageLine(text, 1, left, right, baseline - size, baseline + 2, baseline, size, bold, italic,
                    lead=6.0 * len(text.split()[0]))


def test_a_word_that_would_have_fitted_with_almost_nothing_to_spare_did_not_fit():
    """An engine wraps a little short of the column edge the lines' ends show: a first word that
    would have fitted after the line above with under a quarter of the type size to spare was
    wrapped there, one with more room to spare was not."""
    from convert.readers.pdf import _no_room

    above = _line("District health teams would need to rethink the", 90, 100, right=250.0)
    below = _line("Water user associations spent more", 90, 114)  # lead 30: "Water" and its space
    assert _no_room(above, below, column_right=250.0 + 2.5 + 30.0 + 1.0)  # 1 pt to spare
    assert not _no_room(above, below, column_right=250.0 + 2.5 + 30.0 + 4.0)  # 4 pt to spare


def test_a_column_whose_list_text_outnumbers_its_paragraphs_keeps_its_margin():
    """Most lines of a column can be a numbered list's text, indented past the numbers: the
    column's margin is still the edge its paragraphs and numbers start at, so a paragraph's
    first-line indent shows, and each number starts an item."""
    lines = [_line("The panel listed its lessons with a few words of", 90, 100),
             _line("introduction that run to a second line.", 90, 114, right=250),
             _line("It then went on to say what it had found in five", 110, 128),
             _line("places over two years.", 90, 142, right=200)]
    baseline = 156
    for number in range(1, 5):
        lines.append(_line(f"{number}. The first line of an item that wraps", 90, baseline))
        lines += [_line("onto a second line and a third line of", 108, baseline + 14),
                  _line("its own text.", 108, baseline + 28, right=160)]
        baseline += 42
    assert _column_lefts(lines, PdfParams()) == [90]
    laid = layout([lines])
    assert [line.wraps for line in laid if line.text.startswith(("It then", "2.", "3.", "4."))] == [False] * 4
    assert all(line.wraps for line in laid if line.text.startswith(("onto", "its own")))


def test_lines_opening_with_one_bullet_are_items_and_a_dash_goes_on():
    """A full line, then one opening with the same bullet at the same place: a new item, though
    its first word would not have fitted. Running text does wrap onto a line opening with a dash."""
    for symbol, wraps in (("\uf0b7", False), ("\u2022", False), ("\u2013", True)):
        lines = [_line(f"{symbol} A register of the certification of the", 90, 100, right=279.5),
                 _line(f"{symbol} laboratories run by private operators", 90, 114, right=270),
                 _line("and a third line to set the column's edge", 90, 128, right=280)]
        assert layout([lines])[1].wraps is wraps, symbol


def test_a_full_items_line_then_the_next_number_starts_an_item():
    """A numbered item of one full line, then "3." at the same place: the next item, though its
    number would not have fitted after the line above. Its hanging text, set in past the
    number, wraps from it; a line opening with a number that does not follow wraps as text."""
    lines = [_line("2. In several countries, the number of households", 90, 100, right=279.5),
             _line("3. At the same time, local councils must set", 90, 114, right=268),
             _line("clear targets for infrastructure planning.", 108, 128, right=250),
             _line("and a last line of text to set the column's edge", 90, 142, right=280)]
    assert [line.wraps for line in layout([lines])[1:3]] == [False, True]
    lines[1] = _line("5. At the same time, local councils must set", 90, 114, right=268)
    assert layout([lines])[1].wraps is True


def test_a_justified_columns_short_lines_end_paragraphs():
    """In a justified column every line but a paragraph's last reaches the right edge: a line
    left short ends its paragraph though the next word would not have fitted (ragged text
    does not tell)."""
    texts = ["The council met in the spring and agreed on", "the budget for the coming year after a long",
             "debate on the schedule, the staff and the", "priorities of the districts for the next"] * 3
    lines = [_line(text, 90, 100 + 14 * i, right=280.0) for i, text in enumerate(texts)]
    lines.append(_line("two years of work and the reviews to come.", 90, 100 + 14 * 12, right=277.0))
    lines.append(_line("and a line that is only there to fill", 90, 100 + 14 * 13, right=280.0))
    laid = layout([lines])
    assert laid[12].wraps and laid[12].room == 3.0  # the next word would not have fitted after it
    assert [line.stretched for line in laid] == [True] * 12 + [False, True]
    ragged = [_line(f"line {i} of ragged text", 90, 100 + 14 * i, right=200.0 + 7 * i) for i in range(12)]
    assert all(line.stretched is None for line in layout([ragged]))


def test_a_centred_title_pages_wrapped_organizer_is_told_by_the_text_width_and_the_pitch():
    """On a centred title page, an organizer's name wraps where its next word would not fit
    across the text area (here 90 to 280, the body's), at a paragraph's pitch; organizers set
    apart by a little space, or short enough for the next word, are one a line, whatever room
    the right edge leaves them."""
    def centred(text: str, width: float, baseline: float, **style) -> PageLine:
        return _line(text, 185 - width / 2, baseline, right=185 + width / 2, **style)

    title_page = [centred("Centre for the Study of Rivers", 120, 100),
                  centred("Network of Researchers in Water and Soil", 170, 116),
                  centred("Management", 60, 130),
                  centred("Foundation for Lakes", 100, 146),
                  centred("present", 40, 180, italic=True), centred("Ms. Ana Ruiz", 70, 200, bold=True),
                  centred("On", 14, 220, italic=True), centred("Water in the Delta", 120, 250, size=16),
                  centred("Monday 3 April 2023", 100, 280)]
    body = [_line("Opening Remarks", 90, 100, right=190, size=14)]
    body += [_line(f"Ms. Ruiz opened the meeting and thanked the hosts, line {i}", 90, 130 + 14 * i)
             for i in range(12)]
    laid = layout([title_page, body])
    assert [line.wraps for line in laid[:4]] == [None, None, True, None]
    meta = recover(laid).document.meta
    assert meta.organizers == ("Centre for the Study of Rivers", "Network of Researchers in Water and Soil Management",
                               "Foundation for Lakes")
    # Set from the margin, the lines are told by the right edge, and a little space above a line
    # says no line wrapped into it though its first word would not have fitted.
    flush = [replace(line, left=90.0) for line in title_page[:4]]
    assert [line.wraps for line in layout([flush, body])[:4]] == [None, None, True, None]
    assert layout([[replace(line, baseline=100 + 14 * i) for i, line in enumerate(flush)], body])[1].wraps is True


def test_a_first_line_indent_after_a_line_wrapped_onto_a_dash_opens_a_paragraph():
    """Text hangs indented after a marker that opens a block ("– " item), not after a running
    line that happens to wrap onto a dash: there an indented line is a paragraph's first."""
    lines = [_line("The council met in the spring and agreed that the budget", 90, 100, right=280),
             _line("\u2013 and this is rarely said \u2013 could be reviewed in the", 90, 114, right=280),
             _line("The chair then closed the meeting of the council for", 112, 128, right=280),
             _line("the year and thanked the members for their work.", 90, 142, right=250)]
    laid = layout([lines])
    assert [line.wraps for line in laid] == [None, True, False, True]


def test_an_indented_line_at_a_pages_top_over_a_list_item_opens_a_paragraph():
    """At a page's top, an indented line over lines set in as far is a list's text, no start;
    over a list item at that indent (an introduction, then its list) it opens a paragraph."""
    items = [_line("1. National regulators should invest in early warning.", 112, 116, right=280),
             _line("2. Community organisations had failed to coordinate.", 112, 130, right=280)]
    body = [_line("Participants then turned to the budget of the council and", 90, 170 + 14 * i, right=280)
            for i in range(3)]  # the page's margin
    intro = _line("The discussion identified several concerns:", 112, 100, right=250)
    assert layout([[intro, *items, *body]])[0].wraps is False
    text = [_line("the year and thanked the members for all of their", 112, 100 + 14 * i, right=280)
            for i in range(3)]
    assert layout([[*text, *body]])[0].wraps is None


def test_a_list_items_text_going_on_under_a_running_header_is_no_paragraphs_start():
    """Under a page's running header (a gap above), a line set in over lines set in as far is a
    list item's text going on from the page before, not a paragraph opened by a first-line
    indent; over lines at the margin it is one."""
    header = _line("Water Policy after the Drought", 150, 40, right=300)
    text = [_line("the year and thanked the members for all of their", 112, 100 + 14 * i, right=280)
            for i in range(3)]
    item = _line("2. Community organisations had failed to coordinate.", 100, 142, right=280)
    body = [_line("Participants then turned to the budget of the council and", 90, 156 + 14 * i, right=280)
            for i in range(3)]  # the page's margin
    laid = [line for line in layout([[header, *text, item, *body]]) if line.text]
    assert laid[1].text.startswith("the year") and laid[1].indent > 0 and laid[1].wraps is None
    laid = [line for line in layout([[header, text[0], *body]]) if line.text]
    assert laid[1].text.startswith("the year") and laid[1].wraps is False


def test_asterisks_in_a_pdf_are_text_not_markup(tmp_path):
    def draw(page):
        _lines(page, 72, 780, 15, ["Opening Remarks"], "Helvetica-Bold")
        _lines(page, 72, 750, 11, ["Participants noted that 5 ** 3 is **not** bold and *this* is not italic."])

    document = prepare(_pdf(tmp_path / "a.pdf", draw), "a.pdf").document
    paragraph = document.blocks[0].blocks[0]
    assert paragraph.inlines == (n.Text("Participants noted that 5 ** 3 is **not** bold and *this* is not italic."),)


def test_bold_and_italic_runs_become_strong_and_emphasis(tmp_path):
    def draw(page):
        _lines(page, 72, 780, 15, ["Opening Remarks"], "Helvetica-Bold")
        text = page.beginText(72, 750)
        for font, words in (("Helvetica", "The plan is "), ("Helvetica-Bold", "binding"),
                            ("Helvetica", " and "), ("Helvetica-Oblique", "urgent"), ("Helvetica", ".")):
            text.setFont(font, 11)
            text.textOut(words)
        page.drawText(text)

    paragraph = prepare(_pdf(tmp_path / "b.pdf", draw), "b.pdf").document.blocks[0].blocks[0]
    assert paragraph.inlines == (n.Text("The plan is "), n.Strong((n.Text("binding"),)), n.Text(" and "),
                                 n.Emph((n.Text("urgent"),)), n.Text("."))


def test_a_marker_drawn_apart_and_a_bullet_drawn_as_a_shape_mark_their_items(tmp_path):
    def draw(page):
        _lines(page, 72, 780, 15, ["Opening Remarks"], "Helvetica-Bold")
        _lines(page, 72, 750, 11, ["The panel agreed on three steps:"])
        _lines(page, 90, 730, 11, ["Publish the figures weekly", "Meter every well", "Review the tariffs"])
        # Drawn after the items, as a browser draws a page's markers: two typed, one a disc.
        page.setFont("Helvetica", 11)
        page.drawString(80, 730, "1.")
        page.drawString(80, 730 - 13.2, "2.")
        page.circle(83, 730 - 2 * 13.2 + 3.5, 1.8, stroke=0, fill=1)

    lines = read_pdf(_pdf(tmp_path / "m.pdf", draw), "m.pdf").lines
    texts = [line.text for line in lines if line.text]
    assert texts[-3:] == ["1. Publish the figures weekly", "2. Meter every well", "\u2022 Review the tariffs"]


def test_right_to_left_words_are_read_in_reading_order():
    # As drawn, left to right: the Latin words in order, each Arabic or Hebrew word's letters right to left.
    assert logical_order("Mrs. " + "فاطمة الراشد"[::-1] + " said") == "Mrs. فاطمة الراشد said"
    assert logical_order("Prof. " + "דוד כהן"[::-1]) == "Prof. דוד כהן"
    assert logical_order("plain text, 2024.") == "plain text, 2024."
    # A bracket drawn mirrored after a right-to-left name opens the affiliation it stands before.
    assert logical_order("Ms. " + "נועה לוי"[::-1] + " )Director, Office)") == "Ms. נועה לוי (Director, Office)"
    assert logical_order("(" + "נועה לוי"[::-1] + ") said") == "(נועה לוי) said"
    # WeasyPrint drew the bracket glued to the name, and the space after it.
    assert logical_order("Ms. " + "سلمى خليل"[::-1] + ") Professor, Office)") \
        == "Ms. سلمى خليل (Professor, Office)"


def test_kashida_glyphs_a_font_maps_to_latin_signs_are_no_text_of_the_word(tmp_path):
    """A layout that justifies Arabic stretches a word's joints with kashida glyphs; LibreOffice's
    font maps give them as Latin letters or signs ("L", "="), which cut the word in two and put its
    pieces out of order. Glued between two Arabic letters, they are left out."""
    import pypdfium2
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from convert.readers.pdf import _char_indexes, _Fonts, _segments, page_lines

    pdfmetrics.registerFont(TTFont("rtl-test", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))

    def visual(name: str, stand_in: str) -> str:
        """``name`` as drawn, left to right, a kashida at the joint of each word's first two letters."""
        return " ".join(word[1:][::-1] + stand_in + word[0] for word in reversed(name.split()))

    def draw(page):
        page.setFont("rtl-test", 12)
        for y, stand_in in ((700, "L"), (680, "===")):
            page.drawString(72, y, "Prof.")
            page.drawString(72 + page.stringWidth("Prof. ", "rtl-test", 12), y, visual("سلمى خليل", stand_in))
            after = 72 + page.stringWidth(f"Prof. {visual('سلمى خليل', stand_in)} ", "rtl-test", 12)
            page.drawString(after, y, "argued that the plan was late.")
        _lines(page, 72, 640, 11, ["Opening Remarks"])

    document = pypdfium2.PdfDocument(_pdf(tmp_path / "kashida.pdf", draw))
    page = document[0]
    fonts = _Fonts()
    lines = page_lines(page, page.get_textpage(), 1, fonts, [])
    assert [line.text for line in lines][:2] == ["Prof. سلمى خليل argued that the plan was late."] * 2
    assert fonts.kashida_stand_ins == 8  # "L" and "===" in each of two words
    # What is left out is listed (``-v``), with its pages.
    read = read_pdf(tmp_path / "kashida.pdf", "kashida.pdf")
    assert [(d.code, d.message.split(" character")[0]) for d in read.diagnostics if d.code == "kashida"] \
        == [("kashida", "left out 8")]
    assert "on page(s) 1" in next(d.message for d in read.diagnostics if d.code == "kashida")

    # A font may map the glyph to a space: a word so cut is made whole where it and not its
    # pieces is a word (``words_cut_at_kashida``, as in a text dump).
    def spaced(page):
        page.setFont("rtl-test", 12)
        page.drawString(72, 700, "Opening Remarks")
        page.drawString(72, 680, "Mr.")
        drawn = "ك ريم ال زين"[::-1]  # "كريم الزين", cut at two joints, as drawn
        page.drawString(72 + page.stringWidth("Mr. ", "rtl-test", 12), 680, drawn)
        page.drawString(72 + page.stringWidth(f"Mr. {drawn} ", "rtl-test", 12), 680, "said that the plan was late.")

    texts = [line.text for line in read_pdf(_pdf(tmp_path / "spaced.pdf", spaced), "spaced.pdf").lines if line.text]
    assert texts[1] == "Mr. كريم الزين said that the plan was late."
    # A line feed a glyph was mapped to (LibreOffice maps kashida to form feeds and line feeds
    # too), alone between two Arabic letters, ends no line; PDFium's own CR LF does.
    assert _segments("ab\ncd\r\nef") == [(0, 2), (3, 5), (7, 9)]
    assert _segments("Mr. \u0643\n\u0631\u064a\u0645\r\nsaid") == [(0, 9), (11, 15)]
    assert _segments("\u0643\r\n\u0631") == [(0, 1), (3, 4)]
    assert _segments("\u0643\n\n\u0631 said") == [(0, 9)]
    # PDFium leaves such a glyph's control character (LibreOffice: U+0003) out of its text: the
    # characters after it keep their own indexes (they were taken one too early, a letter lost).
    codes = [ord(char) for char in "ab\x03cd\x02ef"]
    assert _char_indexes("ab" + "cd\ufffeef", len(codes), codes.__getitem__) == [0, 1, 3, 4, 5, 6, 7]
    assert _char_indexes("a\U0001f600b", 4) == [0, 1, 3]


def test_a_line_end_hyphen_pdfium_runs_on_is_a_line_break(tmp_path):
    def draw(page):
        _lines(page, 72, 780, 15, ["Opening Remarks"], "Helvetica-Bold")
        _lines(page, 72, 750, 11, ["The ministry said the programme would be reviewed by the water-",
                                   "management board and by the basin authority of each province before",
                                   "the end of the year. Each water-management board will report."])

    lines = read_pdf(_pdf(tmp_path / "h.pdf", draw), "h.pdf").lines
    assert [line.text for line in lines if line.text][1:3] == [
        "The ministry said the programme would be reviewed by the water-",
        "management board and by the basin authority of each province before"]
    paragraph = prepare(_pdf(tmp_path / "h.pdf", draw), "h.pdf").document.blocks[0].blocks[0]
    assert n.plain_text(paragraph.inlines).startswith("The ministry said the programme would be reviewed by "
                                                      "the water-management board and")


def test_a_line_end_hyphen_set_a_space_apart_is_a_dash_and_one_set_close_breaks_a_word(tmp_path):
    # PDFium puts a space of its own before a line-end hyphen set a little apart from the word
    # (as LibreOffice's justified lines set it) and before a dash typed as a spaced hyphen: the
    # hyphen set closer than the line's spaces breaks its word, the other stands a space apart.
    def words(page, x, y, texts, gap=4.5):
        for text in texts:
            page.drawString(x, y, text)
            x += page.stringWidth(text, "Helvetica", 11) + gap
        return x - gap

    def draw(page):
        _lines(page, 72, 780, 15, ["Opening Remarks"], "Helvetica-Bold")
        page.setFont("Helvetica", 11)
        end = words(page, 72, 750, "The council said the works would be trans".split())
        page.drawString(end + 2.2, 750, "-")
        end = words(page, 72, 736, "ferred to the basin when the network was busy".split())
        page.drawString(end + 4.5, 736, "-")
        words(page, 72, 722, "UDP does not guarantee delivery of the data.".split())

    pdf = _pdf(tmp_path / "d.pdf", draw)
    assert [line.text for line in read_pdf(pdf, "d.pdf").lines if line.text][1:3] == [
        "The council said the works would be trans-", "ferred to the basin when the network was busy -"]
    paragraph = prepare(pdf, "d.pdf").document.blocks[0].blocks[0]
    assert n.plain_text(paragraph.inlines) == ("The council said the works would be transferred to the basin when "
                                               "the network was busy - UDP does not guarantee delivery of the data.")


def test_params_are_checked():
    with pytest.raises(ValueError):
        PdfParams(block_gap=0)
    with pytest.raises(ValueError):
        PdfParams(column_width=1.5)


def _blocks_with_spans(value):
    """Yield every JSON object with a line span, depth first."""
    if isinstance(value, dict):
        if "lines" in value:
            yield value
        for item in value.values():
            yield from _blocks_with_spans(item)
    elif isinstance(value, list):
        for item in value:
            yield from _blocks_with_spans(item)


def test_every_block_of_a_pdf_is_placed_by_page_and_line(our_pdfs):
    import pypdfium2

    pdf = our_pdfs / f"{SEED.stem}.pdf"
    result = prepare_file(pdf)
    tree = astjson.to_json(result.document)
    document = pypdfium2.PdfDocument(str(pdf))
    # PDFium runs a word broken at a line-end hyphen into the next line (U+FFFE, or U+0002 for a
    # soft hyphen, marks the break): the line ends there, as the reader reads it.
    pages = [[line.strip() for line in re.split("\r\n|\r|\n|(?<=[\ufffe\x02])",
                                                document[i].get_textpage().get_text_range()) if line.strip()]
             for i in range(len(document))]
    placed = list(_blocks_with_spans(tree))
    assert placed and all("origin" in block for block in placed)
    for block in placed:
        (first_page, first_line), (last_page, last_line) = block["origin"]
        assert 1 <= first_page <= last_page <= len(pages) and first_line >= 1 and last_line >= 1
    # A section's first line is its title, on the page and line its origin names, as PDFium reads the page.
    for section in (b for b in placed if b.get("type") == "section"):
        page, line = section["origin"][0]
        assert pages[page - 1][line - 1] == section["title"]
    # Diagnostics say page and line too, and so do the lines their messages mention ("joined to
    # the paragraph on page 2, line 40", never the reader's own count); a text file's JSON has no origins.
    assert all(d.page >= 1 for d in result.diagnostics if d.line)
    mentioned = [d.message for d in result.diagnostics if re.search(r"\bline \d+", d.message)]
    assert mentioned and all(re.search(r"\bpage \d+, line \d+", message) for message in mentioned)
    assert "origin" not in astjson.dumps(prepare_file(SEED).document)


@pytest.mark.parametrize("report", [spec.parent for spec in sorted((ROOT / "tests" / "corpus").glob("*/spec.json"))],
                         ids=lambda report: report.name)
def test_our_pdf_of_every_corpus_report_gives_back_its_tree(report, theme):
    """Each corpus report's expected tree, written by our PDF writer and read back, is that tree."""
    from convert.pipeline import FormatRequest, render
    from tests.corpus.score import COMPONENTS, score
    from tests.corpus.tree import spec_to_ast_json

    spec = json.loads((report / "spec.json").read_text(encoding="utf-8"))
    _, pdf = render(astjson.from_json(spec_to_ast_json(spec)), FormatRequest("pdf"), theme, report.name)
    # Our PDF is typeset: both sides compared with straight quotation marks and range dashes.
    prepared = prepare(pdf, f"{report.name}.pdf")
    result = score(plain_strings(spec), plain_document(prepared.document))
    assert [getattr(result, name) for name in COMPONENTS] == [1.0] * len(COMPONENTS), result.problems
    # The writer hyphenates with U+2010 at line ends only: the reader removes those as the
    # layout's, with no guess to warn about.
    assert [d.message for d in prepared.diagnostics if d.code == "dehyphenated"] == []


# --- notes and links ---------------------------------------------------------------


@pytest.mark.parametrize("paragraphs", [1, 4, 7])
def test_a_table_without_rules_goes_on_over_page_breaks(paragraphs, theme, tmp_path):
    """LibreOffice's PDF of a Word table without rules that runs over two pages and more, its
    head row repeated at each page's top (text before it moves where the pages break): one
    table, every row once, in order; not a table per page, nor rows read as paragraphs where
    a page holds too few of them to show columns."""
    from convert.writers.pandoc import PandocWriter

    from . import validators
    from .tools import require

    require("soffice")

    def cell(text: str) -> n.Cell:
        return n.Cell((n.Para((n.Text(text),)),))

    texts = [["Country", "Personnel", "Mission"],
             *([f"Country {i}", str(7 * i), f"Mission {i}"] for i in range(1, 41))]
    rows = tuple(n.Row(tuple(cell(text) for text in row)) for row in texts)
    filler = n.Para((n.Text("The council met on Monday and agreed that the basin plan would need to be reviewed "
                            "by the regional offices before the end of the year. " * 3),))
    closing = n.Para((n.Text("The chair closed it."),))
    section = n.Section("Opening Remarks", "opening-remarks",
                        (*(filler,) * paragraphs, n.Table(rows[:1], rows[1:]), closing))
    docx = tmp_path / "long.docx"
    docx.write_bytes(PandocWriter("docx").write(n.Document(n.Meta(title="Basin Report"), (section,)), theme))
    pdf = validators.soffice_convert(docx, tmp_path / "pdf", "pdf")
    assert pdf is not None
    blocks = prepare_file(pdf).document.blocks[-1].blocks
    assert [type(block).__name__ for block in blocks[-2:]] == ["Table", "Para"]
    assert not any(isinstance(block, n.Table) for block in blocks[:-2])
    table = blocks[-2]
    assert [[n.plain_text(c.blocks[0].inlines) if c.blocks else "" for c in row.cells]
            for row in table.head + table.body] == texts
    assert n.plain_text(blocks[-1].inlines) == "The chair closed it."


def test_a_libreoffice_pdf_gives_its_footnotes_links_and_pictures_back(rich_doc, theme, tmp_path):
    """LibreOffice's PDF of a Word file with real footnotes (at the page's foot, raised small
    numbers as marks), hyperlinks (link annotations, one over text that is no URL), a picture
    with its caption under it and a table without rules: the notes stand where their marks
    were, the links lead where the annotations do, the picture is a figure with its caption,
    the table's columns are found by the space between them."""
    from convert.writers.pandoc import PandocWriter

    from . import validators
    from .tools import require

    require("soffice")
    docx = tmp_path / "rich.docx"
    docx.write_bytes(PandocWriter("docx").write(rich_doc, theme))
    pdf = validators.soffice_convert(docx, tmp_path / "pdf", "pdf")
    result = prepare_file(pdf)
    notes = [n.plain_text(note.blocks[0].inlines) for note in n.iter_notes(result.document.blocks)]
    assert notes == [n.plain_text(note.blocks[0].inlines) for note in n.iter_notes(rich_doc.blocks)]
    para = next(b for b in n.iter_blocks(result.document.blocks) if isinstance(b, n.Para)
                and n.plain_text(b.inlines).startswith("Dr. Pérez recalled"))
    assert n.plain_text(para.inlines).startswith("Dr. Pérez recalled the 2015 review and the council")  # no "¹"
    links = {}
    n.map_inlines(result.document.blocks, lambda run: links.update(
        (n.plain_text(i.inlines), i.target) for i in run if isinstance(i, n.Link)) or run)
    assert links["example.org/report"] == "https://example.org/report?id=1&lang=en"
    assert links["A/70/95"] == "https://undocs.org/A/70/95"  # inside a note
    assert links["info@example.org"] == "mailto:info@example.org"
    (figure,) = [b for b in n.iter_blocks(result.document.blocks) if isinstance(b, n.Figure)]
    assert n.plain_text(figure.caption) == "Figure 1: Deployments, 2019\u20132023"
    # pandoc's Word table has no rules: its columns are told by space alone; the spanning cell
    # shows as a cell and an empty one, the page cannot tell them apart
    (table,) = [b for b in n.iter_blocks(result.document.blocks) if isinstance(b, n.Table)]
    assert [[n.plain_text(c.blocks[0].inlines) if c.blocks else "" for c in row.cells] for row in table.body] == [
        ["Country", "Personnel", "Mission"], ["Japan", "4", "UNMISS"], ["Ghana <GH>", "712", "UNIFIL & MINUSMA"],
        ["Total", "", "716 & more"]]
    assert n.plain_text(table.caption) == "Table 1: Personnel by country, June 2023"
    from PIL import Image
    import io
    with Image.open(io.BytesIO(result.document.resource(figure.image.resource).data)) as shown, \
            Image.open(io.BytesIO(rich_doc.resources[0].data)) as source:
        assert shown.size == source.size  # the picture itself, decoded by PDFium


def test_a_ruled_table_in_a_pdf_is_a_table(rich_doc, theme, tmp_path):
    """LibreOffice's PDF of our DOCX draws the rich sample's table with rules (Word's "Table
    Grid"): read back, it is a table again, its bold first row the head, the cell with no rule
    inside it spanning two columns, every cell's text in place, the caption above it."""
    from convert.registry import get_writer

    from . import validators
    from .tools import require

    require("soffice")
    docx = tmp_path / "rich.docx"
    docx.write_bytes(get_writer("docx").write(rich_doc, theme))
    pdf = validators.soffice_convert(docx, tmp_path / "pdf", "pdf")
    (table,) = [b for b in n.iter_blocks(prepare_file(pdf).document.blocks) if isinstance(b, n.Table)]
    (source,) = [b for b in n.iter_blocks(rich_doc.blocks) if isinstance(b, n.Table)]

    def shape(table: n.Table) -> list:
        return [[(n.plain_text(cell.blocks[0].inlines), cell.colspan, cell.rowspan) for cell in row.cells]
                for row in (*table.head, *table.body)]

    assert shape(table) == shape(source) and len(table.head) == 1
    assert n.plain_text(table.caption) == n.plain_text(source.caption)


def test_our_pdf_of_notes_tables_figures_and_links_reads_back_exactly(rich_doc, theme):
    """Our own PDF of the rich sample (footnotes at the page's foot, a ruled table with a spanning
    cell, a picture with its description drawn invisibly over it, a block quote set off by a rule,
    web, mail and in-document links) read back gives its tree; the picture is PDFium's decoding
    of the same pixels."""
    import hashlib
    import io

    from PIL import Image

    from convert.registry import get_writer

    def by_pixels(doc: n.Document) -> dict:
        text = json.dumps(without_spans(astjson.to_json(doc)), ensure_ascii=False)
        for resource in doc.resources:
            with Image.open(io.BytesIO(resource.data)) as image:
                pixels = hashlib.sha256(image.convert("RGB").tobytes()).hexdigest()[:12]
            text = text.replace(f'"{resource.name}"', f'"{pixels}"')
        tree = json.loads(text)
        del tree["resources"]
        return tree

    data = get_writer("pdf").write(rich_doc, theme)
    assert by_pixels(prepare(data, "rich.pdf").document) == by_pixels(rich_doc)


@pytest.mark.parametrize("pdf", ["s1-01/libreoffice.pdf", "s1-04/chromium.pdf", "s1-07/chromium.pdf",
                                 "s1-05/weasyprint.pdf"])
def test_pages_laid_out_as_read_once_the_spacing_is_measured_give_the_same_lines(pdf, rich_doc, theme):
    """Past the pages the body's spacing is measured on, each page is laid out as it is read:
    its lines, their numbers, pictures, tables and links come out as when every page is held."""
    from convert.registry import get_writer

    for data, measured in (((ROOT / "tests" / "corpus" / pdf).read_bytes(), 3),
                           (get_writer("pdf").write(rich_doc, theme), 2)):
        held = read_pdf(data, "x.pdf")
        streamed = read_pdf(data, "x.pdf", PdfParams(spacing_pages=measured))
        assert held.lines[-1].page > measured
        assert streamed.lines == held.lines
        assert streamed.resources.keys() == held.resources.keys()


@pytest.mark.parametrize("pdf", ["s1-04/chromium.pdf", "s1-05/weasyprint.pdf"])
def test_pages_read_from_the_document_opened_afresh_give_the_same_source(pdf, rich_doc, theme):
    """Reopening the document every few pages (to let go of what PDFium parsed) changes nothing
    read: lines, pictures, tags, metadata and diagnostics."""
    from convert.registry import get_writer

    for data in ((ROOT / "tests" / "corpus" / pdf).read_bytes(), get_writer("pdf").write(rich_doc, theme)):
        once = read_pdf(data, "x.pdf")
        reopened = read_pdf(data, "x.pdf", PdfParams(pages_per_opening=1))
        assert once.lines[-1].page > 1
        assert reopened == once


def test_reading_a_pdf_leaves_no_garbage_in_reference_cycles(rich_doc, theme):
    """The cycle collector is paused while a report is read (``batch.collector_paused``), so
    what reading and recovery leave in reference cycles is held to the end: no PDFium handle,
    buffer or closure may be (ctypes.cast left one a page and one a bookmark)."""
    import gc

    from convert.readers.pdf import recover_pdf
    from convert.registry import get_writer

    data = get_writer("pdf").write(rich_doc, theme)  # tagged, with bookmarks, links and a picture
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        recover_pdf(data, "rich.pdf")
        gc.collect()
        left = {type(thing).__name__ for thing in gc.garbage if not isinstance(thing, (type, dict, tuple))}
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    # ctypes makes an array type for each buffer size, and a type is always in a cycle
    assert left <= {"getset_descriptor", "StgDict"}


def test_pictures_past_the_limit_are_left_out_with_a_warning(tmp_path, monkeypatch):
    """Pictures are kept in page order up to the limit; the rest are left out, said once."""
    from PIL import Image as PILImage
    from reportlab.lib.utils import ImageReader

    import convert.readers.pdf as pdf_reader

    def draw(page):
        for number, shade in enumerate((40, 120, 200)):
            _lines(page, 72, 780 - 200 * number, 11, [f"Picture {number + 1} shows the basin."])
            page.drawImage(ImageReader(PILImage.new("L", (60, 60), shade)), 72, 640 - 200 * number, 100, 100)
            page.showPage()

    data = _pdf(tmp_path / "pictures.pdf", draw)
    assert len(read_pdf(data, "p.pdf").resources) == 3
    monkeypatch.setattr(pdf_reader, "MAX_IMAGES", 2)
    for measured in (100, 1):  # all pages held, or each laid out as read
        source = read_pdf(data, "p.pdf", PdfParams(spacing_pages=measured))
        figures = [line.block for line in source.lines if isinstance(line.block, n.Figure)]
        assert [figure.image.resource for figure in figures] == list(source.resources) and len(figures) == 2
        assert [d.code for d in source.diagnostics].count("pdf-pictures") == 1


# --- long PDFs: recovered a window of pages at a time ----------------------------------


def _words(value) -> list[str]:
    """Return the words of a tree's JSON form, in order: its texts, titles, names and affiliations."""
    if isinstance(value, dict):
        own = [word for key in ("text", "title", "name", "affiliation") if isinstance(value.get(key), str)
               for word in value[key].split()]
        return own + [word for key, item in value.items() if isinstance(item, (dict, list)) for word in _words(item)]
    if isinstance(value, list):
        return [word for item in value for word in _words(item)]
    return []


def _recovered(data: bytes, params: PdfParams):
    from convert.readers.pdf import recover_pdf

    recovered = recover_pdf(data, "long.pdf", params=params)
    return (astjson.to_json(recovered.document), [(d.page, d.line, d.code, d.message) for d in recovered.diagnostics],
            recovered.dropped)


def test_a_long_pdf_recovered_in_windows_of_pages_gives_what_it_gives_whole(theme):
    """Past ``whole_pages``, a PDF is recovered ``window_pages`` at a time, so that its lines are
    never all held: our PDF of the seed's body twenty times over (141 pages, a window's edge
    inside a speech, a paragraph, a list) gives the same tree, line spans and origins, the
    same diagnostics and the same lines left out, in windows of 20 pages as whole; and the
    tree is the text's."""
    from benchmarks.inputs import repeated_seed
    from convert.registry import get_writer

    source = prepare(repeated_seed(20).encode("utf-8"), "long.txt").document
    data = get_writer("pdf").write(source, theme)
    whole = _recovered(data, PdfParams(whole_pages=1000))
    windowed = _recovered(data, PdfParams(whole_pages=10, window_pages=20))
    assert whole[0]["blocks"][-1]["origin"][1][0] > 130  # pages: seven windows
    assert windowed[0] == whole[0]
    assert windowed[1] == whole[1]
    assert windowed[2] == whole[2]
    assert without_spans(whole[0]) == without_spans(astjson.to_json(source))


def test_notes_links_pictures_and_tables_recovered_in_windows_are_as_whole(rich_doc, theme):
    """Notes are put in place, links to places on a page resolved and pictures kept on the
    finished tree, whatever window their lines were read in: our PDF of the sample with notes,
    links, a table and a figure, in windows of two pages, gives what it gives whole."""
    from convert.registry import get_writer

    data = get_writer("pdf").write(rich_doc, theme)
    whole = _recovered(data, PdfParams(whole_pages=1000))
    windowed = _recovered(data, PdfParams(whole_pages=1, window_pages=2))
    assert whole[0]["blocks"][-1]["origin"][1][0] == 3 and whole[0]["resources"]
    assert '"target": "#' in json.dumps(whole[0]) and '"type": "note"' in json.dumps(whole[0])
    assert windowed == whole


@pytest.mark.parametrize("pdf", ["s1-00/libreoffice.pdf", "s1-06/chromium.pdf"])
def test_another_engines_long_pdf_recovered_in_windows_gives_what_it_gives_whole(pdf):
    """A corpus report's PDF (LibreOffice's running headers and page numbers, Chromium's
    footers), its pages twenty times over, gives the same in windows of 20 pages as whole."""
    import io

    import pypdfium2

    one = pypdfium2.PdfDocument((ROOT / "tests" / "corpus" / pdf).read_bytes())
    many = pypdfium2.PdfDocument.new()
    for _ in range(20):
        many.import_pages(one)
    out = io.BytesIO()
    many.save(out)
    data = out.getvalue()
    whole = _recovered(data, PdfParams(whole_pages=1000))
    windowed = _recovered(data, PdfParams(whole_pages=10, window_pages=20))
    assert whole[0]["blocks"][-1]["origin"][1][0] > 150
    assert windowed == whole


@pytest.mark.parametrize("pdf", ["s1-00/libreoffice.pdf", "s1-04/chromium.pdf", "s1-06/weasyprint.pdf",
                                 "s1-07/chromium.pdf"])
def test_windows_of_two_pages_keep_every_word_in_order(pdf):
    """However small the windows, every word reaches the tree once, in order, or is listed as
    left out (page furniture), the same words as when the PDF is recovered whole."""
    data = (ROOT / "tests" / "corpus" / pdf).read_bytes()
    whole = _recovered(data, PdfParams(whole_pages=1000))
    windowed = _recovered(data, PdfParams(whole_pages=1, window_pages=2))
    assert whole[0]["blocks"][-1]["origin"][1][0] >= 6
    left_out = lambda dropped: sorted((line.line, line.text) for line in dropped)  # noqa: E731
    kept_whole, kept_windowed = _words(whole[0]["blocks"]), _words(windowed[0]["blocks"])
    if left_out(whole[2]) == left_out(windowed[2]):
        assert kept_windowed == kept_whole
    else:  # with two pages' evidence, a running header can go unseen: it stays text
        assert set(kept_windowed) >= set(kept_whole)
        assert len(kept_windowed) + sum(len(text.split()) for _, text in left_out(windowed[2])) \
            >= len(kept_whole) + sum(len(text.split()) for _, text in left_out(whole[2]))


def test_a_line_with_right_to_left_words_spans_the_characters_it_draws(tmp_path):
    """PDFium orders a line's characters as the page's content draws them, not as they stand: a
    right-to-left name drawn before the word on its left. The line's edges are its outermost
    characters' (its first character in that order stood at its right, its last in the middle,
    so the line seemed indented and short, and a paragraph's opening name a speaker's line)."""
    import pypdfium2
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from convert.readers.pdf import _Fonts, page_lines

    pdfmetrics.registerFont(TTFont("rtl-test", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    ends = {}

    def draw(page):
        page.setFont("rtl-test", 12)
        page.drawString(72, 715, "The council met again in the spring and heard the report of")
        name_left = 72 + page.stringWidth("Ambassador ", "rtl-test", 12)
        page.drawString(name_left, 700, "קרב ידע")  # drawn first, right of the word before it
        page.drawString(72, 700, "Ambassador")
        ends["right"] = name_left + page.stringWidth("קרב ידע", "rtl-test", 12)

    document = pypdfium2.PdfDocument(_pdf(tmp_path / "rtl.pdf", draw))
    page = document[0]
    textpage = page.get_textpage()
    lines = page_lines(page, textpage, 1, _Fonts(), [])
    assert [line.text for line in lines][1] == "Ambassador עדי ברק"
    assert lines[1].left == pytest.approx(72, abs=1) and lines[1].right == pytest.approx(ends["right"], abs=2)
