"""The PDF reader's own ways into PDFium: calls typed for plain addresses, a page's characters
(``_Chars``), and the run-by-run text of a line, each checked against the plain way."""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from convert.decode import clean_line
from convert.readers.pdf import _Chars, _Fonts, _marked_text
from convert.readers.pdf_ctypes import address_of, pointer_at


def _page(tmp_path) -> pdfium.PdfDocument:
    """Return a one-page PDF of lines in three fonts and two sizes, one with a raised note mark."""
    page = canvas.Canvas(str(tmp_path / "chars.pdf"), pagesize=A4, invariant=1)
    page.setFont("Helvetica-Bold", 16)
    page.drawString(72, 780, "Water Policy after the Drought")
    page.setFont("Helvetica", 11)
    page.drawString(72, 750, "The basin's reserves fell by a third")
    page.setFont("Helvetica", 7)
    page.drawString(248, 754, "12")
    page.setFont("Times-Italic", 11)
    page.drawString(72, 735, "in two dry years, as the authority reported.")
    page.save()
    return pdfium.PdfDocument(str(tmp_path / "chars.pdf"))


def test_a_pages_characters_are_read_as_pypdfium2_reads_them(tmp_path):
    document = _page(tmp_path)
    textpage = document[0].get_textpage()
    chars = _Chars(textpage)
    left, right, bottom, top, x, y = (ctypes.c_double() for _ in range(6))
    loose = pdfium_c.FS_RECTF()
    count = pdfium_c.FPDFText_CountChars(textpage)
    assert count > 60
    for index in range(count):
        assert pdfium_c.FPDFText_GetCharBox(textpage, index, left, right, bottom, top)
        assert chars.box(index) == [left.value, right.value, bottom.value, top.value]
        assert chars.centre(index) == ((left.value + right.value) / 2, (bottom.value + top.value) / 2)
        pdfium_c.FPDFText_GetCharOrigin(textpage, index, x, y)
        assert chars.origin(index) == (x.value, y.value)
        pdfium_c.FPDFText_GetLooseCharBox(textpage, index, ctypes.byref(loose))
        assert chars.advance(index) == (loose.left, loose.right)
    assert chars.centre(count) is None  # past the page's characters
    textpage.close()
    document.close()


def test_a_runs_type_is_its_fonts(tmp_path):
    document = _page(tmp_path)
    textpage = document[0].get_textpage()
    fonts = _Fonts()
    text = textpage.get_text_range()
    page = address_of(textpage.raw)
    styles = [fonts.style(page, text.index(word)) for word in ("Water", "basin", "12", "dry")]
    assert styles == [(16.0, True, False), (11.0, False, False), (7.0, False, False), (11.0, False, True)]
    textpage.close()
    document.close()


def test_an_unmarked_lines_runs_clean_as_the_whole_line():
    """Cleaning goes character by character: a line with nothing bold or italic is cleaned whole."""
    pieces = ["\ufb01nal\u00a0re", "port\u00ad of \ufffe", "the\x07 basin\u2028", " \ufb02ow "]
    whole = "".join(pieces)
    want = clean_line(whole.replace("\ufffe", "-")).strip()
    assert want == "final report of -the basin  flow"
    assert _marked_text([(piece, False, False) for piece in pieces]) == (want, ())


def test_a_pointer_made_from_an_address_holds_it_and_nothing_else():
    pointer = pointer_at(0x1234, pdfium_c.FPDF_PAGEOBJECT)
    assert address_of(pointer) == 0x1234 and pointer._objects is None
