"""What a PDF says about itself (convert.readers.pdf_info, pdf_tags), read from PDFs real tools make.

The PDFs are made at test time: by ReportLab (metadata), by our own writer through the CLI
(bookmarks), by LibreOffice from the corpus's Word files (tags), and by ``_pdf`` below for
what no tool writes on purpose (outline cycles, role maps, /ActualText). The corpus's
Chromium PDFs are real Chromium output, committed with the script that made them.
"""

from __future__ import annotations

import ctypes
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from convert.readers.pdf_info import Bookmark, InfoParams, document_info, is_placeholder_title
from convert.readers.pdf_tags import StructureReader, TaggedBlock, TagParams, page_structure
from convert.recover.text import Vocabulary, join_lines
from convert.typography import plain

from . import validators
from .conftest import ROOT, SEED
from .tools import require

CORPUS = ROOT / "tests" / "corpus"
#: LibreOffice's PDF export with tags on (Writer's "Tagged PDF" option).
TAGGED_PDF = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
RTL = re.compile("[\u0590-\u08ff]")


# --- helpers -------------------------------------------------------------------------


def reportlab_pdf(lang: str | None = None, title: str = "", author: str = "", **more: str) -> bytes:
    """Return a one-page PDF made by ReportLab with the given Info entries and catalog /Lang."""
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, lang=lang, invariant=1)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    for key, value in more.items():
        getattr(canvas, "set" + key.capitalize())(value)
    canvas.drawString(72, 720, "Page text.")
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _pdf(objects: dict[int, str], contents: dict[int, bytes] = {}) -> bytes:
    """Return a PDF file of ``objects`` (number -> dictionary source; object 1 is the catalog)
    and the ``contents`` streams, with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted({*objects, *contents}):
        offsets[number] = len(out)
        if number in contents:
            stream = contents[number]
            out += b"%d 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (number, len(stream), stream)
        else:
            out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number].encode("latin-1"))
    size = max(offsets) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def info_of(data: bytes, params: InfoParams = InfoParams()):
    document = pdfium.PdfDocument(data)
    try:
        return document_info(document, params)
    finally:
        document.close()


def codes(info) -> set[str]:
    return {diagnostic.code for diagnostic in info.diagnostics}


def joined(text: str) -> str:
    """Return a block's printed lines as one line, hyphenation undone as recovery undoes it."""
    return join_lines(text.split("\n"), Vocabulary(text.split("\n")))


def squeezed(text: str) -> str:
    """Return ``text`` without spaces and hyphens: the same words whether a hyphen that ended a
    line was kept ("Pro-gramme") or not."""
    return re.sub(r"[\s\-\u2010]", "", text)


# --- metadata ----------------------------------------------------------------------------


def test_metadata_of_a_reportlab_pdf():
    info = info_of(reportlab_pdf(lang="pt_br", title="Peace Cooperation after 2023", author="Maciej Witek",
                                 subject="Seminar report", keywords="peacebuilding, Japan",
                                 creator="report-convert tests"))
    assert (info.title, info.author, info.subject, info.keywords, info.creator) == (
        "Peace Cooperation after 2023", "Maciej Witek", "Seminar report", "peacebuilding, Japan",
        "report-convert tests")
    assert "ReportLab" in info.producer
    assert info.lang == "pt-BR"  # normalised as convert.langtags does
    assert not info.tagged and info.structure == () and info.bookmarks == ()
    assert info.diagnostics == ()


def test_a_pdf_without_metadata_says_nothing():
    info = info_of(_pdf({1: "<< /Type /Catalog /Pages 2 0 R >>", 2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                         3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"}))
    assert (info.title, info.author, info.producer, info.lang) == ("", "", "", "")
    assert info.bookmarks == () and not info.tagged and info.diagnostics == ()


@pytest.mark.parametrize("title", [
    "", "  ", "1", "***", "Microsoft Word - report.docx", "Microsoft PowerPoint - deck.pptx",
    "Word - Annual Report 2023", "report.docx", "C:\\Users\\jo\\Desktop\\final.doc", "/tmp/tmpx8f3/out",
    "Untitled", "untitled document", "Untitled-3", "Document1", "Document 2", "Presentation1", "No title",
    "Report", "title", "scan0001.pdf", "IMG_2041.JPG",
])
def test_placeholder_titles(title):
    assert is_placeholder_title(title)


@pytest.mark.parametrize("title", [
    "Current Status and Future Direction of Japan's International Peace Cooperation", "Annual Report 2023",
    "Untitled Territories: Mapping Informal Settlements", "Documents of the Conference", "Q&A",
    "平和協力の現状",
    "Report on Water Security", "Books and Libraries in Kyoto", "Drafting the Treaty of Lisbon",
])
def test_real_titles(title):
    assert not is_placeholder_title(title)


def test_a_placeholder_title_is_dropped_with_a_note():
    info = info_of(reportlab_pdf(title="Microsoft Word - report.docx"))
    assert info.title == ""
    assert "pdf-title-placeholder" in codes(info)


# --- hostile values ----------------------------------------------------------------------


def test_controls_are_removed_and_lines_joined():
    info = info_of(reportlab_pdf(title="Annual\x00 Report\x07\n\t2023\u2028Edition\x7f\x9b", author="Jo\r\nSmith"))
    assert info.title == "Annual Report 2023 Edition"
    assert info.author == "Jo Smith"


def test_a_one_megabyte_title_is_cut_at_a_word():
    info = info_of(reportlab_pdf(title="Peace " * 200_000, author="A" * 1_000_000))
    assert len(info.title) <= 1_000 and info.title.endswith("Peace\u2026")
    assert len(info.author) == 1_000 and info.author.endswith("\u2026")
    assert "pdf-metadata-cut" in codes(info)


def test_a_title_past_the_read_limit_is_not_read():
    info = info_of(reportlab_pdf(title="x" * 5_000), InfoParams(max_read_chars=4_000))
    assert info.title == "" and "pdf-metadata-too-long" in codes(info)


@pytest.mark.parametrize("lang", ['de" onload="x', "x/../../tmp", "english", "zz-ZZ-123456789", "a" * 100_000])
def test_a_bogus_lang_is_dropped(lang):
    info = info_of(reportlab_pdf(lang=lang, title="A Report"))
    assert info.lang == ""
    assert codes(info) == {"pdf-lang-invalid"}
    assert all(len(diagnostic.message) < 300 for diagnostic in info.diagnostics)


@pytest.mark.parametrize(("lang", "expected"),
                         [("EN", "en"), ("ja_JP", "ja-JP"), ("und", ""), ("zh-hant-tw", "zh-Hant-TW")])
def test_lang_is_normalised(lang, expected):
    info = info_of(reportlab_pdf(lang=lang))
    assert info.lang == expected and info.diagnostics == ()


@pytest.mark.parametrize(("lang", "expected"), [("zh-Hant-TW", "zh-Hant-TW"), ("en\x07[31m", "")])
def test_a_lang_pdfium_writes_is_read_back(tmp_path, lang, expected):
    """The catalog's /Lang as another tool than ReportLab writes it: PDFium itself, in UTF-16."""
    document = pdfium.PdfDocument(reportlab_pdf())
    data = (lang + "\0").encode("utf-16-le")
    buffer = ctypes.create_string_buffer(data, len(data))
    assert pdfium_c.FPDFCatalog_SetLanguage(document.raw, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    document.save(tmp_path / "lang.pdf")
    document.close()
    assert info_of((tmp_path / "lang.pdf").read_bytes()).lang == expected


def test_a_pdfium_that_cannot_read_lang_says_so(monkeypatch):
    monkeypatch.delattr(pdfium_c, "FPDFCatalog_GetLanguage")
    info = info_of(reportlab_pdf(lang="en", title="A Report"))
    assert info.lang == "" and codes(info) == {"pdf-lang-unread"}


# --- bookmarks ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_outputs(tmp_path_factory):
    """The seed as our CLI writes it: its PDF and its JSON tree."""
    out = tmp_path_factory.mktemp("seed")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000",
           "REPORT_CONVERT_CACHE": str(tmp_path_factory.mktemp("cache"))}
    subprocess.run([sys.executable, "-m", "convert", str(SEED), "--pdf", "--json", "-o", str(out)],
                   check=True, capture_output=True, env=env)
    return (out / f"{SEED.stem}.pdf").read_bytes(), json.loads((out / f"{SEED.stem}.json").read_text("utf-8"))


def test_bookmarks_of_our_writer_are_the_seeds_sections_and_speakers(seed_outputs):
    data, tree = seed_outputs
    expected = []
    for block in tree["blocks"]:
        if block["type"] == "section":
            expected.append((1, block["title"]))
            expected += [(2, inner["speaker"]["name"]) for inner in block["blocks"] if inner["type"] == "speech"]
    info = info_of(data)
    assert [(bookmark.level, bookmark.title) for bookmark in info.bookmarks] == expected
    # The PDF is typeset ("Japan’s"); the JSON keeps the source's marks.
    assert plain(info.title) == tree["meta"]["title"] and info.lang == "en" and info.tagged
    # Our PDF is tagged: the reader finds the same headings declared in its structure tree.
    declared = [(block.level, block.text) for page in info.structure for block in page if block.tag[0] == "H"]
    assert declared == expected
    document = pdfium.PdfDocument(data)
    for bookmark in info.bookmarks:  # each goes to the page that shows its heading
        textpage = document[bookmark.page - 1].get_textpage()
        assert bookmark.title in " ".join(textpage.get_text_range().split()), bookmark


def _outline_pdf(outline: dict[int, str]) -> bytes:
    objects = {1: "<< /Type /Catalog /Pages 2 0 R /Outlines 4 0 R >>",
               2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"}
    return _pdf({**objects, **outline})


def test_an_outline_that_loops_is_read_once():
    info = info_of(_outline_pdf({
        4: "<< /Type /Outlines /First 5 0 R /Last 6 0 R >>",
        5: "<< /Title (One) /Parent 4 0 R /Next 6 0 R /Dest [3 0 R /Fit] >>",
        # its next sibling is the first again, and its first child itself
        6: "<< /Title (Two) /Parent 4 0 R /Prev 5 0 R /Next 5 0 R /First 6 0 R /Last 6 0 R /Dest [9 0 R /Fit] >>",
    }))
    assert info.bookmarks == (Bookmark(1, "One", 1), Bookmark(1, "Two", None))
    assert "pdf-bookmarks-cycle" in codes(info)


def test_a_goto_action_gives_the_page():
    info = info_of(_outline_pdf({
        4: "<< /Type /Outlines /First 5 0 R /Last 5 0 R >>",
        5: "<< /Title <FEFF00480065006C006C006F> /Parent 4 0 R /A << /S /GoTo /D [3 0 R /XYZ 0 0 0] >> >>",
    }))
    assert info.bookmarks == (Bookmark(1, "Hello", 1),)


def test_deep_and_long_outlines_are_bounded():
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    for level in range(40):  # one chain 40 levels deep
        canvas.bookmarkPage(f"d{level}")
        canvas.addOutlineEntry(f"Level {level + 1}", f"d{level}", level)
    for number in range(60):
        canvas.bookmarkPage(f"f{number}")
        canvas.addOutlineEntry(f"Flat {number}", f"f{number}", 0)
    canvas.showPage()
    canvas.save()
    deep = info_of(out.getvalue(), InfoParams(max_bookmark_depth=16))
    assert [b.level for b in deep.bookmarks[:17]] == [*range(1, 17), 1]
    assert len(deep.bookmarks) == 16 + 60 and "pdf-bookmarks-deep" in codes(deep)
    short = info_of(out.getvalue(), InfoParams(max_bookmarks=50))
    assert len(short.bookmarks) == 50 and "pdf-bookmarks-cut" in codes(short)


# --- tags: a PDF made here, for what the tools do not write ------------------------------

_TAGGED_PAGE = b"""/H1 <</MCID 0>> BDC BT /F1 14 Tf 20 260 Td (Declared Heading) Tj ET EMC
/P <</MCID 1>> BDC BT /F1 10 Tf 20 240 Td (Body text, not a block.) Tj ET EMC
/Lbl <</MCID 2>> BDC BT /F1 10 Tf 20 220 Td (1.) Tj ET EMC
/LBody <</MCID 3>> BDC BT /F1 10 Tf 40 220 Td (First item) Tj ET EMC
/LBody <</MCID 4>> BDC BT /F1 10 Tf 40 208 Td (wraps here) Tj ET EMC
/Lbl <</MCID 5>> BDC BT /F1 10 Tf 60 196 Td (a.) Tj ET EMC
/LBody <</MCID 6>> BDC BT /F1 10 Tf 80 196 Td (Nested item) Tj ET EMC
/Span <</MCID 7>> BDC BT /F1 12 Tf 20 170 Td (Shown instead) Tj ET EMC
/Span <</MCID 8>> BDC BT /F1 12 Tf 20 150 Td (Loop) Tj ET EMC"""


def tagged_pdf() -> bytes:
    """Return a one-page tagged PDF: a role-mapped H1, a list with a nested list, an H with
    /ActualText inside two Sects, and an element whose parents loop."""
    return _pdf({
        1: "<< /Type /Catalog /Pages 2 0 R /MarkInfo << /Marked true >> /StructTreeRoot 10 0 R /Lang (en) >>",
        2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R /StructParents 0 "
           "/Resources << /Font << /F1 5 0 R >> >> >>",
        5: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        10: "<< /Type /StructTreeRoot /K 11 0 R /ParentTree 30 0 R /RoleMap << /Heading /H1 /Para /P >> >>",
        11: "<< /Type /StructElem /S /Document /P 10 0 R /K [12 0 R 13 0 R 14 0 R 20 0 R] >>",
        12: "<< /Type /StructElem /S /Heading /P 11 0 R /Pg 3 0 R /K 0 >>",
        13: "<< /Type /StructElem /S /Para /P 11 0 R /Pg 3 0 R /K 1 >>",
        14: "<< /Type /StructElem /S /L /P 11 0 R /K 15 0 R >>",
        15: "<< /Type /StructElem /S /LI /P 14 0 R /K [16 0 R 17 0 R] >>",
        16: "<< /Type /StructElem /S /Lbl /P 15 0 R /Pg 3 0 R /K 2 >>",
        17: "<< /Type /StructElem /S /LBody /P 15 0 R /Pg 3 0 R /K [3 4 18 0 R] >>",
        18: "<< /Type /StructElem /S /L /P 17 0 R /K 19 0 R >>",
        19: "<< /Type /StructElem /S /LI /P 18 0 R /Pg 3 0 R /K [5 6] >>",
        20: "<< /Type /StructElem /S /Sect /P 11 0 R /K 21 0 R >>",
        21: "<< /Type /StructElem /S /Sect /P 20 0 R /K 22 0 R >>",
        22: "<< /Type /StructElem /S /H /P 21 0 R /Pg 3 0 R /K 7 /ActualText (Declared by ActualText) >>",
        23: "<< /Type /StructElem /S /H2 /P 24 0 R /Pg 3 0 R /K 8 >>",
        24: "<< /Type /StructElem /S /Sect /P 23 0 R /K 23 0 R >>",
        30: "<< /Nums [0 [12 0 R 13 0 R 16 0 R 17 0 R 17 0 R 19 0 R 19 0 R 22 0 R 23 0 R]] >>",
    }, {4: _TAGGED_PAGE})


def test_declared_blocks_of_a_tagged_page():
    info = info_of(tagged_pdf())
    assert info.tagged and info.lang == "en"
    (page,) = info.structure
    assert page[:4] == (
        TaggedBlock("H1", 1, "Declared Heading"),  # /Heading, role-mapped
        TaggedBlock("LI", 1, "1. First item\nwraps here"),  # without its sub-list
        TaggedBlock("LI", 2, "a. Nested item"),
        TaggedBlock("H", 2, "Declared by ActualText"),  # an H in two Sects
    )
    assert len(page) == 4  # PDFium leaves out the element whose parents loop


def _one_heading_pdf(actual_text: str) -> bytes:
    """Return a tagged page whose one H1 shows "Shown" and has the /ActualText given (PDF source)."""
    return _pdf({
        1: "<< /Type /Catalog /Pages 2 0 R /MarkInfo << /Marked true >> /StructTreeRoot 10 0 R >>",
        2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R /StructParents 0 "
           "/Resources << /Font << /F1 5 0 R >> >> >>",
        5: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        10: "<< /Type /StructTreeRoot /K 12 0 R /ParentTree 30 0 R >>",
        12: f"<< /Type /StructElem /S /H1 /P 10 0 R /Pg 3 0 R /K 0 /ActualText {actual_text} >>",
        30: "<< /Nums [0 [12 0 R]] >>",
    }, {4: b"/H1 <</MCID 0>> BDC BT /F1 14 Tf 20 260 Td (Shown) Tj ET EMC"})


@pytest.mark.parametrize(("actual_text", "expected"), [
    # C0 and C1 controls out, line breaks kept (UTF-16BE: PDFDocEncoding maps most C0 bytes to accents)
    ("<FEFF" + "Line one\x00\x07\x9b and\nLine two\u2028end".encode("utf-16-be").hex() + ">",
     "Line one and\nLine two\nend"),
    ("(" + "word " * 1_000 + ")", "word " * 399 + "word\u2026"),  # cut at max_text_chars
    ("(" + "x" * 20_000 + ")", "Shown"),  # too long to be read: the shown text instead
])
def test_hostile_actual_text(actual_text, expected):
    params = InfoParams(tags=TagParams(max_text_chars=2_000))
    (page,) = info_of(_one_heading_pdf(actual_text), params).structure
    assert page == (TaggedBlock("H1", 1, expected),)


def test_a_page_past_its_limit_is_read_in_part():
    document = pdfium.PdfDocument(tagged_pdf())
    found = page_structure(document[0], params=TagParams(max_visits=6))
    assert found.truncated and len(found.blocks) < 4


def test_a_document_past_its_budget_gives_no_structure():
    info = info_of(tagged_pdf(), InfoParams(tags=TagParams(max_visits_per_page=5)))
    assert info.tagged and info.structure == ()
    assert "pdf-structure-skipped" in codes(info)


def test_the_reader_can_hand_over_its_open_pages():
    document = pdfium.PdfDocument(tagged_pdf())
    reader = StructureReader(len(document))
    page = document[0]
    textpage = page.get_textpage()
    reader.read(page, textpage)
    assert reader.pages == info_of(tagged_pdf()).structure and reader.diagnostics() == []


def test_an_untagged_pdf_has_no_structure_to_read():
    info = info_of(reportlab_pdf(title="A Report"))
    assert not info.tagged and info.structure == ()


# --- tags: real tools ----------------------------------------------------------------------


def _html_blocks(path: Path) -> list[tuple[str, str]]:
    import lxml.html

    tree = lxml.html.parse(str(path))
    return [("LI" if element.tag == "li" else element.tag.upper(), " ".join(element.text_content().split()))
            for element in tree.iter("h1", "h2", "h3", "h4", "li")]


CHROMIUM = sorted(CORPUS.glob("s1-*/chromium.pdf"))


@pytest.mark.parametrize("pdf", CHROMIUM, ids=[path.parent.name for path in CHROMIUM])
def test_chromium_pdfs_declare_the_html_headings_and_list_items(pdf):
    """Chromium tags what it prints: h2/h3 as H2/H3, each li as an LI with its label."""
    info = info_of(pdf.read_bytes())
    found: list[TaggedBlock] = []
    for page in info.structure:
        for block in page:
            if block.continued:
                assert found and found[-1].tag == block.tag
                found[-1] = found[-1]._replace(text=found[-1].text + "\n" + block.text)
            else:
                found.append(block)
    expected = _html_blocks(pdf.parent / "report.html")
    assert len(found) == len(expected)
    for block, (tag, text) in zip(found, expected):
        assert block.tag == tag
        if tag == "LI":  # the label ("1.", "•") is printed, not in the HTML's text
            assert squeezed(joined(block.text)).endswith(squeezed(text))
        else:
            assert joined(block.text) == text and block.level == int(tag[1])


def test_a_list_item_broken_by_a_page_says_it_goes_on():
    info = info_of((CORPUS / "s1-04" / "chromium.pdf").read_bytes())
    first, second = info.structure[4][-1], info.structure[5][0]
    assert (first.tag, first.continued, second.tag, second.continued) == ("LI", False, "LI", True)
    assert first.text.startswith("2.") and not second.text.startswith("3.")


@pytest.fixture(scope="module")
def libreoffice_tagged(tmp_path_factory):
    """Tagged PDFs LibreOffice prints from two corpus reports (Heading 1/2 styles; one with lists)."""
    require("soffice")
    out = tmp_path_factory.mktemp("tagged")
    made = {}
    for name in ("s1-00", "s1-04"):
        copy = out / f"{name}.docx"
        copy.write_bytes((CORPUS / name / "report.docx").read_bytes())
        made[name] = validators.soffice_convert(copy, out, TAGGED_PDF)
        assert made[name] is not None, f"LibreOffice did not convert {name}"
    return made


def _docx_blocks(path: Path) -> list[tuple[str, str]]:
    import docx

    out = []
    for paragraph in docx.Document(str(path)).paragraphs:
        style = paragraph.style.name
        if style.startswith("Heading "):
            out.append(("H" + style.split()[1], " ".join(paragraph.text.split())))
        elif style.startswith("List "):
            out.append(("LI", " ".join(paragraph.text.split())))
    return out


@pytest.mark.parametrize("name", ["s1-00", "s1-04"])
def test_libreoffice_tagged_pdfs_declare_the_word_headings(libreoffice_tagged, name):
    info = info_of(libreoffice_tagged[name].read_bytes())
    assert info.tagged and info.lang == "en-US"
    found = [block for page in info.structure for block in page]
    expected = _docx_blocks(CORPUS / name / "report.docx")
    assert [block.tag for block in found] == [tag for tag, _ in expected]
    for block, (tag, text) in zip(found, expected):
        if RTL.search(text):  # PDFium gives mixed right-to-left lines in its own order
            assert sorted(squeezed(block.text)) == sorted(squeezed(text))
        elif tag == "LI":
            assert squeezed(block.text).endswith(squeezed(text))
        else:
            assert squeezed(block.text) == squeezed(text) and block.level == int(tag[1])
    headings = [joined(block.text) for block in found if block.tag == "H1"]
    assert headings == [text for tag, text in expected if tag == "H1"]
    # the outline LibreOffice writes from the same headings
    assert [b.title for b in info.bookmarks if b.level == 1] == headings
