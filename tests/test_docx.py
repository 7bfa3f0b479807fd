"""The DOCX writer: golden XML parts, LibreOffice and pandoc reading the result, properties, fonts, safety."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import shutil
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from convert import nodes
from convert.errors import ConversionError
from convert.registry import get_writer
from convert.typography import plain, typeset
from convert.writers.docx import DocxWriter
from . import validators
from .tools import pandoc_path, require, run

GOLDEN = Path(__file__).resolve().parent / "golden"
SEED_AST = GOLDEN / "japan-peace-cooperation-2023.ast.json"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
}
HOSTILE = "<script>alert(1)</script> & ]]> <img src=\"/etc/passwd\"/>"


def build(doc: nodes.Document, theme) -> bytes:
    return DocxWriter().write(doc, theme)


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xml(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(parts(data)[name])


def pretty(blob: bytes) -> bytes:
    root = etree.fromstring(blob)
    etree.indent(root, space="  ")  # only whitespace between elements; text in w:t is kept
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) + b"\n"


def body_text(data: bytes) -> str:
    """Return the document's text, with straight quotation marks (the DOCX is typeset)."""
    return plain("".join(xml(data, "word/document.xml").itertext()))


def japanese_doc() -> nodes.Document:
    para = nodes.Para((nodes.Text("日本は国際平和協力を"), nodes.Strong((nodes.Text("続けて"),)), nodes.Text("いきます。")))
    speech = nodes.Speech(nodes.Speaker("加納雄大氏", "内閣府国際平和協力本部事務局長"), (para,))
    meta = nodes.Meta(title="日本の国際平和協力の現状と今後の方向性", organizers=("日本平和構築協会",),
                      presenters=(nodes.Speaker("加納雄大氏", "内閣府"),), date_text="2023年1月28日（土）",
                      compiled_by="マチェイ・ヴィテック", lang="ja")
    return nodes.Document(meta, (nodes.Section("開会挨拶", "kaikai", (speech,)),))


def soffice_to_pdf(docx_path: Path, out_dir: Path) -> Path:
    require("soffice")
    pdf = validators.soffice_convert(docx_path, out_dir)
    assert pdf is not None, f"LibreOffice could not convert {docx_path.name}"
    return pdf


def pandoc(data: bytes, tmp_path: Path, to: str) -> str:
    path = tmp_path / "in.docx"
    path.write_bytes(data)
    result = run([pandoc_path(), "-f", "docx", "-t", to, "--wrap=none", str(path)])
    assert result.returncode == 0, result.stderr
    return result.stdout


def pandoc_blocks(data: bytes, tmp_path: Path) -> list[dict]:
    found = []

    def walk(value):
        if isinstance(value, dict):
            if "t" in value:
                found.append(value)
            for child in value.values():
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    walk(json.loads(pandoc(data, tmp_path, "json"))["blocks"])
    return found


def paragraph_words(doc: nodes.Document) -> list[str]:
    return [word for block in nodes.iter_blocks(doc.blocks) if isinstance(block, nodes.Para)
            for word in nodes.plain_text(block.inlines).split()]


def assert_in_order(words: list[str], text: str) -> None:
    haystack = iter(plain(text).split())  # the output is typeset
    for index, word in enumerate(map(plain, words)):
        if not any(word == candidate for candidate in haystack):
            pytest.fail(f"word {index} {word!r} (after {words[max(0, index - 5):index]}) is missing or out of order")


# --- golden ------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["sample", "rich"])
def test_golden_parts(which, request, theme):
    """The XML parts of the sample's (and the rich sample's) DOCX, pretty-printed, equal the
    checked-in ones (REGEN=1 rewrites them)."""
    folder = GOLDEN / f"{which}.docx.d"
    built = parts(build(request.getfixturevalue(f"{which}_doc"), theme))
    expected = {name: pretty(blob) for name, blob in built.items() if name.endswith((".xml", ".rels"))}
    expected["parts.txt"] = "".join(f"{name}\n" for name in built).encode()
    if os.environ.get("REGEN"):
        shutil.rmtree(folder, ignore_errors=True)
        for name, blob in expected.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(blob)
    stored = {str(path.relative_to(folder)): path.read_bytes()
              for path in sorted(folder.rglob("*")) if path.is_file()}
    assert sorted(stored) == sorted(expected)
    for name, blob in expected.items():
        assert stored[name].decode() == blob.decode(), f"{name} differs from the golden; run `make regen`"


def test_registered_under_docx():
    writer = get_writer("docx")
    assert isinstance(writer, DocxWriter) and writer.extension == ".docx"


def test_every_paragraph_of_the_sample_is_written(sample_doc, theme):
    text = body_text(build(sample_doc, theme))
    for block in nodes.iter_blocks(sample_doc.blocks):
        if isinstance(block, nodes.Para):
            assert nodes.plain_text(block.inlines) in text


# --- real readers ------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["sample", "seed", "japanese"])
def test_libreoffice_converts_it_to_pdf(which, request, theme, tmp_path):
    doc = japanese_doc() if which == "japanese" else request.getfixturevalue(f"{which}_doc")
    path = tmp_path / f"{which}.docx"
    path.write_bytes(build(doc, theme))
    pdf = soffice_to_pdf(path, tmp_path)
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")
    result = run([require("pdftotext"), str(pdf), "-"])
    for block in nodes.iter_blocks(doc.blocks):
        if isinstance(block, nodes.Section):
            assert block.title in result.stdout


def test_libreoffice_numbers_the_contents_with_the_pages_of_the_headings(seed_doc, theme, tmp_path):
    path = tmp_path / "seed.docx"
    path.write_bytes(build(seed_doc, theme))
    pages = validators.pdftotext(soffice_to_pdf(path, tmp_path), "-layout").split("\f")
    contents = next(index for index, page in enumerate(pages) if theme.words("contents", "en") in page)
    titles = [b.title if isinstance(b, nodes.Section) else b.speaker.name
              for b in nodes.iter_blocks(seed_doc.blocks) if isinstance(b, (nodes.Section, nodes.Speech))]
    for title in titles:
        entry = re.search(re.escape(title) + r"[ .]*?(\d+)\s*$", pages[contents], re.MULTILINE)
        assert entry, title
        page = int(entry.group(1))
        assert page > contents + 1 and title in pages[page - 1], (title, page)


def test_pandoc_reads_sample(sample_doc, theme, tmp_path):
    data = build(sample_doc, theme)
    blocks = pandoc_blocks(data, tmp_path)
    levels = [block["c"][0] for block in blocks if block["t"] == "Header"]
    assert levels == [1, 2, 1, 2, 1]  # title page and contents are not headings
    ordered = [block for block in blocks if block["t"] == "OrderedList"]
    assert len(ordered) == 1 and ordered[0]["c"][0][0] == 1 and len(ordered[0]["c"][1]) == 2
    assert [len(block["c"]) for block in blocks if block["t"] == "BulletList"] == [2]
    assert_in_order(paragraph_words(sample_doc), pandoc(data, tmp_path, "plain"))


def test_pandoc_reads_seed(seed_doc, theme, tmp_path):
    data = build(seed_doc, theme)
    blocks = pandoc_blocks(data, tmp_path)
    levels = [block["c"][0] for block in blocks if block["t"] == "Header"]
    assert (levels.count(1), levels.count(2)) == (3, 8)
    ordered = [block for block in blocks if block["t"] == "OrderedList"]
    assert [len(block["c"][1]) for block in ordered] == [3]
    assert_in_order(paragraph_words(seed_doc), pandoc(data, tmp_path, "plain"))


def test_list_start_survives_in_word_numbering(theme, tmp_path):
    items = tuple(nodes.Item((nodes.Para((nodes.Text(f"point {n}"),)),)) for n in range(3))
    doc = nodes.Document(blocks=(nodes.OrderedList(items, start=4), nodes.OrderedList(items[:1])))
    data = build(doc, theme)
    numbering = xml(data, "word/numbering.xml")
    formats = {n.get(f"{{{W}}}abstractNumId"): n.xpath("w:lvl[@w:ilvl='0']/w:numFmt/@w:val", namespaces=NS)[0]
               for n in numbering.iterfind("w:abstractNum", NS)}
    assert sorted(formats.values()) == ["bullet", "decimal"]
    starts = numbering.xpath("w:num/w:lvlOverride/w:startOverride/@w:val", namespaces=NS)
    assert starts == ["4", "1"]  # each list a num of its own, so the second restarts at 1
    numbered = xml(data, "word/document.xml").xpath("//w:p[w:pPr/w:numPr]", namespaces=NS)
    assert len(numbered) == 4
    assert not any("".join(p.itertext()).lstrip().startswith(("1.", "4.")) for p in numbered)
    ordered = [block for block in pandoc_blocks(data, tmp_path) if block["t"] == "OrderedList"]
    assert [block["c"][0][0] for block in ordered] == [4, 1]


# --- properties, language, fonts ---------------------------------------------------------


def test_core_properties(sample_doc, theme):
    data = build(sample_doc, theme)
    core = xml(data, "docProps/core.xml")
    meta = sample_doc.meta
    assert core.findtext("dc:title", namespaces=NS) == typeset(sample_doc).meta.title
    assert core.findtext("dc:creator", namespaces=NS) == meta.compiled_by
    assert core.findtext("dc:language", namespaces=NS) == "en"
    assert core.findtext("dc:subject", namespaces=NS) == "; ".join(meta.organizers)
    assert "report" in core.findtext("cp:keywords", namespaces=NS)
    assert core.findtext("cp:revision", namespaces=NS) == "1"
    for stamp in ("dcterms:created", "dcterms:modified"):
        assert core.findtext(stamp, namespaces=NS) == "2023-11-14T22:13:20Z"  # SOURCE_DATE_EPOCH=1700000000
    assert core.find("cp:lastPrinted", namespaces=NS) is None  # a new file was never printed
    for name, blob in parts(data).items():
        assert b"python-docx" not in blob, name
        assert b"rsid" not in blob and b"docId" not in blob, name
    assert b"report-convert" in parts(data)["docProps/app.xml"]
    assert not any(name.startswith(("customXml", "docProps/thumbnail")) or "stylesWithEffects" in name
                   for name in parts(data))


def test_default_language_and_east_asian_font(sample_doc, theme):
    styles = xml(build(sample_doc, theme), "word/styles.xml")
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    fonts = defaults.find("w:rFonts", NS)
    assert fonts.get(f"{{{W}}}ascii") == theme.fonts.body[0]
    assert fonts.get(f"{{{W}}}eastAsia") == theme.fonts.cjk[0]
    assert not any(name.endswith("Theme}") or "Theme" in name for name in fonts.attrib)
    lang = defaults.find("w:lang", NS)
    assert (lang.get(f"{{{W}}}val"), lang.get(f"{{{W}}}eastAsia")) == ("en-US", "ja-JP")
    heading_fonts = styles.xpath("w:style[@w:styleId='Heading1']/w:rPr/w:rFonts", namespaces=NS)[0]
    assert heading_fonts.get(f"{{{W}}}ascii") == theme.fonts.heading[0]
    assert heading_fonts.get(f"{{{W}}}eastAsia") == theme.fonts.cjk_heading[0]


def test_japanese_document_uses_cjk_fonts_and_ja_jp(theme):
    data = build(japanese_doc(), theme)
    styles = xml(data, "word/styles.xml")
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert defaults.find("w:rFonts", NS).get(f"{{{W}}}ascii") == theme.fonts.cjk[0]
    assert defaults.find("w:rFonts", NS).get(f"{{{W}}}eastAsia") == theme.fonts.cjk[0]
    lang = defaults.find("w:lang", NS)
    # Japanese for East-Asian characters; Latin-script words keep a western language, as Word writes it,
    # so that LibreOffice does not break them mid-word.
    assert (lang.get(f"{{{W}}}val"), lang.get(f"{{{W}}}eastAsia")) == ("en-US", "ja-JP")
    title = styles.xpath("w:style[@w:styleId='Title']/w:rPr/w:rFonts/@w:eastAsia", namespaces=NS)
    assert title == [theme.fonts.cjk_heading[0]]
    affiliation = styles.xpath("w:style[@w:styleId='SpeakerAffiliation']/w:rPr", namespaces=NS)[0]
    assert affiliation.find("w:i", NS) is None  # no faux italics in Japanese
    text = body_text(data)
    assert theme.words("present", "ja") in text and theme.words("compiled_by", "ja") in text
    assert "日本は国際平和協力を続けていきます。" in text
    assert xml(data, "docProps/core.xml").findtext("dc:language", namespaces=NS) == "ja"


def test_parallel_block_is_a_two_column_table_with_languages(sample_doc, theme):
    document = xml(build(sample_doc, theme), "word/document.xml")
    tables = document.findall(".//w:tbl", NS)
    assert len(tables) == 1
    assert len(tables[0].findall("w:tblGrid/w:gridCol", NS)) == 2
    cells = tables[0].findall("w:tr/w:tc", NS)
    langs = [set(cell.xpath(".//w:r/w:rPr/w:lang/@*", namespaces=NS)) for cell in cells]
    assert langs == [{"en-US"}, {"ja-JP"}]
    assert cells[1].xpath(".//w:r/w:rPr/w:lang/@w:eastAsia", namespaces=NS) == ["ja-JP"]
    assert not cells[1].xpath(".//w:r/w:rPr/w:lang/@w:val", namespaces=NS)
    borders = tables[0].find("w:tblPr/w:tblBorders", NS)
    assert all(side.get(f"{{{W}}}val") in ("nil", "none") or int(side.get(f"{{{W}}}sz")) <= 4 for side in borders)


def test_right_to_left_side_is_marked(theme):
    pair = nodes.Parallel((nodes.Para((nodes.Text("Peace."),)), nodes.Para((nodes.Text("سلام."),))), ("en", "ar"))
    document = xml(build(nodes.Document(blocks=(pair,)), theme), "word/document.xml")
    left, right = document.findall(".//w:tc", NS)
    assert right.find("w:p/w:pPr/w:bidi", NS) is not None and right.find("w:p/w:r/w:rPr/w:rtl", NS) is not None
    assert right.xpath("w:p/w:r/w:rPr/w:lang/@w:val", namespaces=NS) == ["ar-SA"]
    assert left.find("w:p/w:pPr/w:bidi", NS) is None


# --- layout ------------------------------------------------------------------------------


def test_styles_follow_the_theme(sample_doc, theme):
    data = build(sample_doc, theme)
    styles = xml(data, "word/styles.xml")

    def style(style_id):
        return styles.xpath(f"w:style[@w:styleId='{style_id}']", namespaces=NS)[0]

    names = set(styles.xpath("w:style/w:name/@w:val", namespaces=NS))
    assert {"Title", "heading 1", "heading 2", "Body Text", "Speaker Affiliation", "List Number",
            "List Bullet", "TOC Heading", "header", "footer"} <= names
    for heading in ("Heading1", "Heading2"):
        assert style(heading).find("w:pPr/w:keepNext", NS) is not None
    assert style("Heading1").find("w:pPr/w:spacing", NS).get(f"{{{W}}}before") == str(
        round(theme.spacing.heading1_before * 20))
    assert style("Heading1").find("w:rPr/w:sz", NS).get(f"{{{W}}}val") == str(round(theme.sizes.heading1 * 2))
    affiliation = style("SpeakerAffiliation")
    assert affiliation.find("w:basedOn", NS).get(f"{{{W}}}val") == "Normal"
    assert affiliation.find("w:rPr/w:i", NS) is not None
    assert affiliation.find("w:rPr/w:color", NS).get(f"{{{W}}}val") == theme.colors.muted.lstrip("#")
    assert style("Normal").find("w:pPr/w:widowControl", NS) is not None
    spacing = styles.find("w:docDefaults/w:pPrDefault/w:pPr/w:spacing", NS)
    assert spacing.get(f"{{{W}}}line") == str(round(240 * theme.spacing.line_height))
    section = xml(data, "word/document.xml").find("w:body/w:sectPr", NS)
    size, margins = section.find("w:pgSz", NS), section.find("w:pgMar", NS)
    assert size.get(f"{{{W}}}w") == str(round(theme.page.width * 20))
    assert margins.get(f"{{{W}}}left") == str(round(theme.page.margin_left * 20))
    assert section.find("w:titlePg", NS) is not None


def test_title_page_toc_and_body_order(sample_doc, theme):
    data = build(sample_doc, theme)
    document = xml(data, "word/document.xml")
    # The contents sit in Word's "Table of Contents" content control; the rest in the body itself.
    paragraphs = document.xpath("w:body/w:p | w:body/w:sdt/w:sdtContent/w:p", namespaces=NS)
    style_of = [p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS) for p in paragraphs]
    title = style_of.index("Title")
    toc = style_of.index("TOCHeading")
    first_heading = style_of.index("Heading1")
    assert title < toc < first_heading
    assert "Heading1" not in style_of[:toc] and "Heading2" not in style_of[:toc]
    for index in (toc, first_heading):
        assert paragraphs[index].find("w:pPr/w:pageBreakBefore", NS) is not None
    control = document.find("w:body/w:sdt", NS)
    assert control.find("w:sdtPr/w:docPartObj/w:docPartGallery", NS).get(f"{{{W}}}val") == "Table of Contents"
    entries = control.findall("w:sdtContent/w:p", NS)[1:]
    headings = [b for b in nodes.iter_blocks(sample_doc.blocks) if isinstance(b, (nodes.Section, nodes.Speech))]
    assert len(entries) == len(headings)
    bookmarks = set(document.xpath("//w:bookmarkStart/@w:name", namespaces=NS))
    for entry in entries:
        (link,) = entry.findall("w:hyperlink", NS)
        anchor = link.get(f"{{{W}}}anchor")
        assert anchor in bookmarks
        # Its page number is a PAGEREF to the heading's bookmark, laid out by the reader.
        assert "".join(link.xpath(".//w:instrText/text()", namespaces=NS)).split() == ["PAGEREF", anchor, "\\h"]
    settings = xml(data, "word/settings.xml")
    assert settings.find("w:updateFields", NS).get(f"{{{W}}}val") == "true"
    words = "".join(p.xpath("string(.)") for p in paragraphs[:toc])
    assert f"{theme.words('compiled_by', 'en')} {sample_doc.meta.compiled_by}" in words


def test_no_contents_page_without_headings(theme):
    doc = nodes.Document(nodes.Meta(title="Note"), (nodes.Para((nodes.Text("Only a paragraph."),)),))
    document = xml(build(doc, theme), "word/document.xml")
    assert not document.xpath("//w:instrText", namespaces=NS)
    styles_used = document.xpath("w:body/w:p/w:pPr/w:pStyle/@w:val", namespaces=NS)
    assert styles_used == ["Title", "BodyText"]
    assert document.find("w:body/w:p[2]/w:pPr/w:pageBreakBefore", NS) is not None


def test_header_and_footer_fields(sample_doc, theme):
    found = parts(build(sample_doc, theme))
    footers = [etree.fromstring(blob) for name, blob in found.items() if name.startswith("word/footer")]
    headers = [etree.fromstring(blob) for name, blob in found.items() if name.startswith("word/header")]
    instructions = [" ".join(f.xpath("//w:instrText/text()", namespaces=NS)).split() for f in footers]
    assert ["PAGE", "NUMPAGES"] in instructions
    footer = footers[instructions.index(["PAGE", "NUMPAGES"])]
    assert "".join(footer.xpath("//w:t/text()", namespaces=NS)).startswith("Page 1 of 1")
    assert any(typeset(sample_doc).meta.title in "".join(h.itertext()) for h in headers)


# --- safety and reproducibility -----------------------------------------------------------


def test_hostile_text_is_literal(sample_doc, theme):
    hostile = nodes.Para((nodes.Text(HOSTILE),))
    doc = dataclasses.replace(sample_doc, blocks=sample_doc.blocks + (hostile,))
    data = build(doc, theme)
    document = xml(data, "word/document.xml")
    assert HOSTILE in plain("".join(document.xpath("//w:t/text()", namespaces=NS)))
    assert not document.xpath("//*[local-name()='script' or local-name()='img']")
    assert b"<script>" not in parts(data)["word/document.xml"]


def test_characters_xml_cannot_carry_are_dropped(theme):
    dirty = "bell\x07 null\x00 vt\x0b ff\x0c esc\x1b nonchar\ufffe surrogate\ud800 end"
    meta = nodes.Meta(title=f"Title{dirty}", organizers=(f"Org{dirty}",), compiled_by="Me\x01", lang="en")
    doc = nodes.Document(meta, (nodes.Section("Sec\x02", "s", (nodes.Para((nodes.Text(dirty),)),)),))
    data = build(doc, theme)
    for name, blob in parts(data).items():
        if name.endswith(".xml"):
            etree.fromstring(blob)  # every part is well-formed XML
    text = body_text(data)
    assert "bell null vt ff esc nonchar surrogate end" in text
    assert xml(data, "docProps/core.xml").findtext("dc:creator", namespaces=NS) == "Me"


def test_rebuilds_are_byte_identical(sample_doc, theme, monkeypatch):
    first = build(sample_doc, theme)
    assert build(sample_doc, theme) == first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1710000000")
    later = build(sample_doc, theme)
    assert later != first
    changed = {name for name, blob in parts(later).items() if parts(first)[name] != blob}
    assert changed == {"docProps/core.xml"}


def test_fifty_thousand_speeches(theme):
    """Scale is measured in benchmarks/; here: a huge document is written whole, without recursion errors."""
    para = nodes.Para((nodes.Text("He said that cooperation is essential."),))
    speeches = tuple(nodes.Speech(nodes.Speaker(f"Mr. Speaker {n}", "Affiliation"), (para,)) for n in range(50_000))
    data = build(nodes.Document(nodes.Meta(title="Long"), (nodes.Section("All", "all", speeches),)), theme)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        document = archive.read("word/document.xml")
    assert document.count(b"Mr. Speaker ") >= 50_000 and b"Mr. Speaker 49999" in document


# --- notes, tables, figures, links, quotes ------------------------------------------------

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS.update(r=R, wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
          pr="http://schemas.openxmlformats.org/package/2006/relationships")
EMU_PER_TWIP = 635
CHART = "chart-fef6d82d3d6e6e20.png"


def visible_words(doc: nodes.Document) -> tuple[list[str], list[str]]:
    """Return the words a reader sees in the body (headings, speakers, paragraphs, captions,
    cells, in reading order) and in the notes (in the order of their marks)."""
    body = []
    for block in nodes.iter_blocks(doc.blocks):
        if isinstance(block, nodes.Section):
            body += block.title.split()
        elif isinstance(block, nodes.Speech):
            body += f"{block.speaker.name} {block.speaker.affiliation}".split()
        body += nodes.plain_text(nodes.block_inlines(block)).split()
    notes = [word for note in nodes.iter_notes(doc.blocks) for block in nodes.iter_blocks(note.blocks)
             for word in nodes.plain_text(nodes.block_inlines(block)).split()]
    return body, notes


def assert_words_in_order(words: list[str], text: str) -> None:
    """Every word is in ``text`` after the one before; spaces do not count (a note's mark may
    stand right after a word, a line may break anywhere)."""
    flat, at = "".join(plain(text).split()), 0  # the output is typeset
    for index, word in enumerate(map(plain, words)):
        found = flat.find(word, at)
        if found < 0:
            pytest.fail(f"word {index} {word!r} (after {words[max(0, index - 5):index]}) is missing or out of order")
        at = found + len(word)


def pandoc_nodes(tree, kind: str) -> list:
    found = []
    stack = [tree]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            if value.get("t") == kind:
                found.append(value)
            stack.extend(reversed(list(value.values())))
        elif isinstance(value, list):
            stack.extend(reversed(value))
    return found


def stringify(inlines) -> str:
    out = []
    stack = [inlines]
    while stack:  # in order: Str and Space, depth first
        value = stack.pop()
        if isinstance(value, dict):
            if value.get("t") == "Str":
                out.append(value["c"])
            elif value.get("t") in ("Space", "SoftBreak", "LineBreak"):
                out.append(" ")
            elif value.get("t") != "Note":
                stack.append(value.get("c"))
        elif isinstance(value, list):
            stack.extend(reversed(value))
    return "".join(out)


def read_back(data: bytes, tmp_path: Path, name: str = "rich.docx") -> dict:
    path = tmp_path / name
    path.write_bytes(data)
    return validators.pandoc_read(path, "docx")


def png(width: int, height: int, **options) -> bytes:
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (46, 116, 181)).save(buffer, "PNG", **options)
    return buffer.getvalue()


def test_the_rich_sample_is_written(rich_doc, theme):
    """Like test_foundation's walk of the sample through every writer: the rich sample's node
    types (notes, links, quote, table, figure and its image) all reach a whole package."""
    data = get_writer("docx").write(rich_doc, theme)
    found = parts(data)
    for name, blob in found.items():
        if name.endswith((".xml", ".rels")):
            etree.fromstring(blob)
    assert {"word/footnotes.xml", "word/_rels/footnotes.xml.rels", "word/media/image1.png"} <= set(found)
    assert found["word/media/image1.png"] == rich_doc.resource(CHART).data
    types = xml(data, "[Content_Types].xml")
    overrides = {o.get("PartName"): o.get("ContentType") for o in types}
    assert overrides["/word/footnotes.xml"].endswith("wordprocessingml.footnotes+xml")
    rels = xml(data, "word/_rels/document.xml.rels")
    assert [r.get("Target") for r in rels if r.get("Type").endswith("/footnotes")] == ["footnotes.xml"]


def test_rich_sample_in_libreoffice_has_every_word_in_order(rich_doc, theme, tmp_path):
    path = tmp_path / "rich.docx"
    path.write_bytes(build(rich_doc, theme))
    pdf = soffice_to_pdf(path, tmp_path)
    text = validators.pdftotext(pdf, "-layout")  # a table's rows across, as they read
    body, notes = visible_words(rich_doc)
    assert len(body) > 80 and len(notes) == 15
    assert_words_in_order(body, text)
    # The notes stand at the foot of the page of their marks, after its text.
    assert_words_in_order(notes, text[text.index("Figure 1: Deployments"):])
    assert "<GH>" in text and "<b>markup</b> &" in text


def test_rich_sample_as_libreoffice_reads_it(rich_doc, theme, tmp_path):
    """Saved as ODT by LibreOffice: two footnotes, a header row, the spanning cell, the picture's
    alt text as its description, the links (the section link to the heading's bookmark)."""
    require("soffice")
    path = tmp_path / "rich.docx"
    path.write_bytes(build(rich_doc, theme))
    odt = validators.soffice_convert(path, tmp_path, "odt")
    assert odt is not None
    with zipfile.ZipFile(odt) as archive:
        content = etree.fromstring(archive.read("content.xml"))
    ns = {"text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
          "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
          "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
          "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
          "xlink": "http://www.w3.org/1999/xlink"}
    notes = content.xpath("//text:note[@text:note-class='footnote']/text:note-body", namespaces=ns)
    assert ["".join(note.itertext()) for note in notes] == [
        "Report of the High-Level Independent Panel on Peace Operations, A/70/95.", "See also Resolution 2378 (2017)."]
    (table,) = content.xpath("//table:table", namespaces=ns)
    header = table.xpath("table:table-header-rows/table:table-row", namespaces=ns)
    assert len(header) == 1 and "".join(header[0].itertext()) == "CountryPersonnelMission"
    assert len(table.xpath("table:table-row", namespaces=ns)) == 3
    assert table.xpath("table:table-row[3]/table:table-cell/@table:number-columns-spanned", namespaces=ns) == ["2"]
    assert content.xpath("//draw:frame/svg:desc/text()", namespaces=ns) == ["Bar chart: deployments rose from 2019 to 2023"]
    links = {"".join(a.itertext()): a.get(f"{{{ns['xlink']}}}href") for a in content.iterfind(".//text:a", ns)}
    assert links["info@example.org"] == "mailto:info@example.org" and links["A/70/95"] == "https://undocs.org/A/70/95"
    data_bookmark = content.xpath("//text:h[contains(., 'Data')]/text:bookmark-start/@text:name", namespaces=ns)
    assert links["Data"] == "#" + data_bookmark[0]


def test_rich_sample_as_pandoc_reads_it(rich_doc, theme, tmp_path):
    tree = read_back(build(rich_doc, theme), tmp_path)
    blocks = tree["blocks"]
    notes = pandoc_nodes(blocks, "Note")
    assert [stringify(note["c"]) for note in notes] == [
        "Report of the High-Level Independent Panel on Peace Operations, A/70/95.",
        "See also Resolution 2378 (2017)."]
    assert pandoc_nodes(notes[1], "Emph") and pandoc_nodes(notes[0], "Link")[0]["c"][2][0] == "https://undocs.org/A/70/95"
    (table,) = pandoc_nodes(blocks, "Table")
    head, (body,) = table["c"][3][1], table["c"][4]
    assert len(head) == 1 and len(body[3]) == 3
    assert [stringify(cell[4]) for cell in head[0][1]] == ["Country", "Personnel", "Mission"]
    assert all(pandoc_nodes(cell[4], "Strong") for cell in head[0][1])  # header cells in bold
    assert [(stringify(cell[4]), cell[2], cell[3]) for cell in body[3][2][1]] == [("Total", 1, 2), ("716 & more", 1, 1)]
    assert stringify(body[3][1][1][0][4]) == "Ghana <GH>"
    assert stringify(table["c"][1][1]) == "Table 1: Personnel by country, June 2023"  # the caption, read as one
    (image,) = pandoc_nodes(blocks, "Image")
    assert stringify(image["c"][1]) == "Bar chart: deployments rose from 2019 to 2023"
    (figure,) = pandoc_nodes(blocks, "Figure")
    assert stringify(figure["c"][1][1]) == "Figure 1: Deployments, 2019–2023"
    (quote,) = pandoc_nodes(blocks, "BlockQuote")
    assert stringify(quote["c"]) == "Peace operations must be people-centred." and pandoc_nodes(quote, "Strong")
    links = {stringify(link["c"][1]): link["c"][2][0] for link in pandoc_nodes(blocks, "Link")}
    assert {target for target in links.values() if not target.startswith("#")} == {
        "https://undocs.org/A/70/95", "mailto:info@example.org", "https://example.org/report?id=1&lang=en",
        "https://example.org/data.csv"}
    data_heading = next(h for h in pandoc_nodes(blocks, "Header") if stringify(h["c"][2]) == "Data")
    body_links = [link for link in pandoc_nodes(blocks, "Link") if stringify(link["c"][1]) == "Data"]
    assert len(body_links) == 2  # the contents' entry and the paragraph's "(see Data)"
    assert {link["c"][2][0] for link in body_links} == {"#" + data_heading["c"][1][0]}


def test_rich_sample_xml(rich_doc, theme):
    data = build(rich_doc, theme)
    document, notes = xml(data, "word/document.xml"), xml(data, "word/footnotes.xml")
    # footnotes: Word's two separators, then one note per mark, each referenced once, in order
    assert [(n.get(f"{{{W}}}id"), n.get(f"{{{W}}}type")) for n in notes] == [
        ("-1", "separator"), ("0", "continuationSeparator"), ("1", None), ("2", None)]
    references = document.xpath("//w:footnoteReference/@w:id", namespaces=NS)
    assert references == ["1", "2"]
    for reference in document.xpath("//w:r[w:footnoteReference]", namespaces=NS):
        assert reference.xpath("w:rPr/w:rStyle/@w:val", namespaces=NS) == ["FootnoteReference"]
    for note in notes[2:]:
        first = note.find("w:p", NS)
        assert first.xpath("w:pPr/w:pStyle/@w:val", namespaces=NS) == ["FootnoteText"]
        assert first.find("w:r", NS).find("w:footnoteRef", NS) is not None  # the note's own number first
    assert "".join(notes[3].itertext()).strip() == "See also Resolution 2378 (2017)."
    settings = xml(data, "word/settings.xml")
    assert settings.xpath("w:footnotePr/w:footnote/@w:id", namespaces=NS) == ["-1", "0"]
    # the table: caption first, one header row, the spanning cell
    (table,) = document.iter(f"{{{W}}}tbl")
    caption = table.getprevious()
    assert caption.xpath("w:pPr/w:pStyle/@w:val", namespaces=NS) == ["Caption"]
    assert "".join(caption.itertext()) == "Table 1: Personnel by country, June 2023"
    rows = table.findall("w:tr", NS)
    assert [row.find("w:trPr/w:tblHeader", NS) is not None for row in rows] == [True, False, False, False]
    assert table.xpath("w:tblPr/w:tblStyle/@w:val", namespaces=NS) == ["TableGrid"]
    assert len(table.findall("w:tblGrid/w:gridCol", NS)) == 3
    assert [cell.xpath("string(w:tcPr/w:gridSpan/@w:val)", namespaces=NS) for cell in rows[3]
            if cell.tag == f"{{{W}}}tc"] == ["2", ""]
    assert rows[0].xpath(".//w:r/w:rPr/w:b", namespaces=NS) and not rows[1].xpath(".//w:b", namespaces=NS)
    # the figure: the picture, its alt text as the drawing's description, its caption after it
    (doc_pr,) = document.iterfind(".//wp:docPr", NS)
    assert doc_pr.get("descr") == "Bar chart: deployments rose from 2019 to 2023"
    figure = doc_pr.getparent().getparent().getparent().getparent()
    assert figure.xpath("w:pPr/w:pStyle/@w:val", namespaces=NS) == ["Figure"]
    assert figure.getnext().xpath("w:pPr/w:pStyle/@w:val", namespaces=NS) == ["Caption"]
    # links: URLs through external relationships, the section link to the heading's bookmark
    rels = {rel.get("Id"): rel for rel in xml(data, "word/_rels/document.xml.rels")}
    external = [rels[rel_id] for rel_id in document.xpath("//w:hyperlink/@r:id", namespaces=NS)]
    assert [rel.get("Target") for rel in external] == [
        "mailto:info@example.org", "https://example.org/report?id=1&lang=en", "https://example.org/data.csv"]
    assert all(rel.get("TargetMode") == "External" and rel.get("Type").endswith("/hyperlink") for rel in external)
    note_rels = xml(data, "word/_rels/footnotes.xml.rels")
    assert [(rel.get("Target"), rel.get("TargetMode")) for rel in note_rels] == [
        ("https://undocs.org/A/70/95", "External")]
    body_link = document.xpath("//w:p[w:pPr/w:pStyle/@w:val='BodyText']/w:hyperlink[@w:anchor]", namespaces=NS)
    assert len(body_link) == 1 and "".join(body_link[0].itertext()) == "Data"
    bookmark = document.xpath("//w:p[w:pPr/w:pStyle/@w:val='Heading1'][w:r/w:t='Data']/w:bookmarkStart/@w:name",
                              namespaces=NS)
    assert bookmark == [body_link[0].get(f"{{{W}}}anchor")]
    for link in document.xpath("//w:hyperlink[@r:id]", namespaces=NS) + notes.xpath("//w:hyperlink", namespaces=NS):
        assert set(link.xpath("w:r/w:rPr/w:rStyle/@w:val", namespaces=NS)) == {"Hyperlink"}
    # the quotation
    quoted = document.xpath("//w:p[w:pPr/w:pStyle/@w:val='Quote']", namespaces=NS)
    assert ["".join(p.itertext()) for p in quoted] == ["Peace operations must be people-centred."]


@pytest.mark.parametrize("which", ["sample", "rich"])
def test_every_style_used_is_defined(which, request, theme):
    data = build(request.getfixturevalue(which + "_doc"), theme)
    styles = xml(data, "word/styles.xml")
    defined = {(s.get(f"{{{W}}}type"), s.get(f"{{{W}}}styleId")) for s in styles.iterfind("w:style", NS)}
    for name, blob in parts(data).items():
        if name.startswith("word/") and name.endswith(".xml") and name != "word/styles.xml":
            root = etree.fromstring(blob)
            for kind, attribute in (("paragraph", "pStyle"), ("character", "rStyle"), ("table", "tblStyle")):
                for style_id in root.xpath(f"//w:{attribute}/@w:val", namespaces=NS):
                    assert (kind, style_id) in defined, (name, kind, style_id)
    names = {s.findtext("w:name", namespaces=NS) or s.find("w:name", NS).get(f"{{{W}}}val")
             for s in styles.iterfind("w:style", NS)}
    assert {"footnote text", "footnote reference", "caption", "Quote", "Hyperlink", "Table Grid"} <= names
    reference = styles.xpath("w:style[@w:styleId='FootnoteReference']/w:rPr/w:vertAlign/@w:val", namespaces=NS)
    assert reference == ["superscript"]
    link = styles.xpath("w:style[@w:styleId='Hyperlink']/w:rPr", namespaces=NS)[0]
    assert link.find("w:u", NS) is not None
    assert link.find("w:color", NS).get(f"{{{W}}}val") == theme.colors.accent.lstrip("#")


def test_rich_sample_passes_check_docx(rich_doc, theme, tmp_path):
    require("soffice")
    path = tmp_path / "rich.docx"
    path.write_bytes(build(rich_doc, theme))
    assert validators.check_docx(path) == []


def test_rich_rebuilds_are_byte_identical(rich_doc, theme, monkeypatch):
    first = build(rich_doc, theme)
    assert build(rich_doc, theme) == first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1710000000")
    later = build(rich_doc, theme)
    changed = {name for name, blob in parts(later).items() if parts(first)[name] != blob}
    assert changed == {"docProps/core.xml"}


def test_rows_spanning_down_are_merged_cells(theme, tmp_path):
    def cell(text, colspan=1, rowspan=1):
        return nodes.Cell((nodes.Para((nodes.Text(text),)),), colspan, rowspan)

    head = (nodes.Row((cell("Region", rowspan=2), cell("Staff", colspan=2))), nodes.Row((cell("2022"), cell("2023"))))
    body = (nodes.Row((cell("Asia", rowspan=3), cell("10"), cell("12"))),
            nodes.Row((cell("11"), cell("13", rowspan=5))),  # runs past the end: ends with the body
            nodes.Row((cell("short"),)))  # the rest of the row is covered from above or filled
    doc = nodes.Document(blocks=(nodes.Table(head, body),))
    data = build(doc, theme)
    (table,) = xml(data, "word/document.xml").iter(f"{{{W}}}tbl")

    def shape(row):
        return [(cell.xpath("string(w:tcPr/w:gridSpan/@w:val)", namespaces=NS) or "1",
                 cell.xpath("string(w:tcPr/w:vMerge/@w:val)", namespaces=NS) if cell.find("w:tcPr/w:vMerge", NS)
                 is not None else "-", "".join(cell.itertext())) for cell in row.findall("w:tc", NS)]

    rows = table.findall("w:tr", NS)
    assert [shape(row) for row in rows] == [
        [("1", "restart", "Region"), ("2", "-", "Staff")],
        [("1", "", ""), ("1", "-", "2022"), ("1", "-", "2023")],
        [("1", "restart", "Asia"), ("1", "-", "10"), ("1", "-", "12")],
        [("1", "", ""), ("1", "-", "11"), ("1", "restart", "13")],
        [("1", "", ""), ("1", "-", "short"), ("1", "", "")]]
    assert [row.find("w:trPr/w:tblHeader", NS) is not None for row in rows] == [True, True, False, False, False]
    (read,) = pandoc_nodes(read_back(data, tmp_path)["blocks"], "Table")
    head_rows, body_rows = read["c"][3][1], read["c"][4][0][3]
    assert [(stringify(c[4]), c[2], c[3]) for c in head_rows[0][1]] == [("Region", 2, 1), ("Staff", 1, 2)]
    assert [(stringify(c[4]), c[2]) for row in body_rows for c in row[1]] == [
        ("Asia", 3), ("10", 1), ("12", 1), ("11", 1), ("13", 2), ("short", 1)]


def bilingual_doc(rich_doc: nodes.Document) -> nodes.Document:
    """Pairs of each kind a bilingual edition may hold: a paragraph with a note and links, a
    block quote, a table and a figure, English beside Japanese."""
    found = {type(block): block for block in nodes.iter_blocks(rich_doc.blocks)}
    para = next(block for block in nodes.iter_blocks(rich_doc.blocks)
                if isinstance(block, nodes.Para) and any(isinstance(i, nodes.Note) for i in block.inlines))
    note = nodes.Note((nodes.Para((nodes.Text("平和活動に関する報告書 "),
                                   nodes.Link((nodes.Text("A/70/95"),), "https://undocs.org/A/70/95"))),))
    para_ja = nodes.Para((nodes.Text("ペレス博士は2015年の見直しに触れた"), note, nodes.Text("。詳しくは"),
                          nodes.Link((nodes.Text("データ"),), "#data"), nodes.Text("を参照。")))
    quote_ja = nodes.BlockQuote((nodes.Para((nodes.Text("平和活動は"), nodes.Strong((nodes.Text("人間中心"),)),
                                             nodes.Text("でなければならない。"))),))

    def cell(text):
        return nodes.Cell((nodes.Para((nodes.Text(text),)),))

    table_ja = nodes.Table((nodes.Row((cell("国"), cell("人員"))),), (nodes.Row((cell("日本"), cell("4"))),),
                           (nodes.Text("表1：国別の人員"),))
    figure_ja = nodes.Figure(nodes.Image(CHART, "棒グラフ：派遣は2019年から2023年にかけて増加"),
                             (nodes.Text("図1：派遣 2019–2023"),))
    pairs = tuple(nodes.Parallel((en, ja), ("en", "ja")) for en, ja in (
        (para, para_ja), (found[nodes.BlockQuote], quote_ja), (found[nodes.Table], table_ja),
        (found[nodes.Figure], figure_ja)))
    return nodes.Document(rich_doc.meta, (nodes.Section("Data", "data", pairs),), resources=rich_doc.resources)


def test_parallel_blocks_hold_tables_figures_quotes_and_notes(rich_doc, theme, tmp_path):
    doc = bilingual_doc(rich_doc)
    data = build(doc, theme)
    document, notes = xml(data, "word/document.xml"), xml(data, "word/footnotes.xml")
    (outer,) = document.findall("w:body/w:tbl", NS)
    rows = outer.findall("w:tr", NS)
    assert len(rows) == 4  # consecutive pairs share one side-by-side table
    column = int(outer.find("w:tblGrid/w:gridCol", NS).get(f"{{{W}}}w"))
    # notes from both sides, numbered across; links from both sides
    assert document.xpath("//w:footnoteReference/@w:id", namespaces=NS) == ["1", "2", "3"]
    assert len(notes.findall("w:footnote", NS)) == 5
    assert "平和活動に関する報告書" in "".join(notes.itertext())
    assert rows[0][1].xpath(".//w:hyperlink/@w:anchor", namespaces=NS) == ["_Toc00000001"]
    # quotes on both sides
    assert [len(cell.xpath("w:p[w:pPr/w:pStyle/@w:val='Quote']", namespaces=NS)) for cell in rows[1]] == [1, 1]
    # a table in each cell, no wider than the cell; its caption before it
    for cell in rows[2].findall("w:tc", NS):
        (inner,) = cell.findall("w:tbl", NS)
        assert int(inner.find("w:tblPr/w:tblW", NS).get(f"{{{W}}}w")) <= column
        assert inner.getprevious().xpath("w:pPr/w:pStyle/@w:val", namespaces=NS) == ["Caption"]
        assert inner.getnext().tag == f"{{{W}}}p"  # a cell ends with a paragraph
    # a picture in each cell, no wider than the cell, with its side's alt text
    extents = rows[3].xpath(".//wp:extent", namespaces=NS)
    assert len(extents) == 2 and all(int(e.get("cx")) <= column * EMU_PER_TWIP for e in extents)
    assert [d.get("descr") for d in rows[3].iterfind(".//wp:docPr", NS)] == [
        "Bar chart: deployments rose from 2019 to 2023", "棒グラフ：派遣は2019年から2023年にかけて増加"]
    assert sorted(d.get("id") for d in document.iterfind(".//wp:docPr", NS)) == ["1", "2"]
    assert [name for name in parts(data) if name.startswith("word/media/")] == ["word/media/image1.png"]
    # read by LibreOffice and pandoc
    path = tmp_path / "bilingual.docx"
    path.write_bytes(data)
    assert validators.check_docx(path) == []
    text = "".join(validators.pdftotext(soffice_to_pdf(path, tmp_path)).split())  # spaces set between scripts
    for words in ("Personnel", "表1：国別の人員", "人間中心", "図1：派遣", "平和活動に関する報告書", "people-centred"):
        assert words in text
    tree = validators.pandoc_read(path, "docx")
    assert len(pandoc_nodes(tree["blocks"], "Table")) == 3 and len(pandoc_nodes(tree["blocks"], "Note")) == 3
    assert len(pandoc_nodes(tree["blocks"], "Image")) == 2


def test_notes_with_lists_paragraphs_and_notes_of_their_own(theme, tmp_path):
    inner = nodes.Note((nodes.Para((nodes.Text("A note in a note."),)),))
    notes = (
        nodes.Note((nodes.Para((nodes.Text("First paragraph"), inner, nodes.Text("."))),
                    nodes.Para((nodes.Text("Second paragraph."),)))),
        nodes.Note((nodes.BulletList((nodes.Item((nodes.Para((nodes.Text("listed point"),)),)),)),)),
        nodes.Note(()),
    )
    para = nodes.Para((nodes.Text("Text"), notes[0], nodes.Text(" more"), notes[1], nodes.Text(" end"), notes[2]))
    data = build(nodes.Document(blocks=(para,)), theme)
    footnotes = xml(data, "word/footnotes.xml")
    assert not footnotes.xpath("//w:footnoteReference", namespaces=NS)  # Word has no note in a note
    first, second, third = footnotes.findall("w:footnote", NS)[2:]
    texts = ["".join(p.itertext()).strip() for p in first.findall("w:p", NS)]
    assert texts == ["First paragrapha.", "Second paragraph.", "a A note in a note."]
    assert first.xpath("w:p[3]/w:r[1]/w:rPr/w:rStyle/@w:val", namespaces=NS) == ["FootnoteReference"]
    # a note starting with a list gets a paragraph of its own for its number
    assert second.find("w:p/w:r/w:footnoteRef", NS) is not None and second.find("w:p", NS).find("w:pPr/w:numPr", NS) is None
    assert second.find("w:p[2]/w:pPr/w:numPr", NS) is not None
    assert third.find("w:p/w:r/w:footnoteRef", NS) is not None
    read = pandoc_nodes(read_back(data, tmp_path)["blocks"], "Note")
    assert [stringify(note["c"]) for note in read] == [
        "First paragrapha.Second paragraph.a A note in a note.", "listed point", ""]


def test_pictures_fit_the_page_and_keep_their_proportions(theme):
    wide = nodes.Resource("wide.png", "image/png", png(3000, 600))
    tall = nodes.Resource("tall.png", "image/png", png(200, 6000))
    no_dpi = nodes.Resource("odd.png", "image/png", png(120, 60, dpi=(0.3, 0.3)))  # 0 dots per inch, as read
    para = nodes.Para((nodes.Text("An icon "), nodes.Image("odd.png", "odd icon"), nodes.Text(" in the text.")))
    doc = nodes.Document(blocks=(nodes.Figure(nodes.Image("wide.png", "wide")), nodes.Figure(nodes.Image("tall.png")),
                                 para), resources=(wide, tall, no_dpi))
    document = xml(build(doc, theme), "word/document.xml")
    extents = [(int(e.get("cx")), int(e.get("cy"))) for e in document.iterfind(".//wp:extent", NS)]
    page = theme.page
    width = round((page.width - page.margin_left - page.margin_right) * 20) * EMU_PER_TWIP
    height = round((page.height - page.margin_top - page.margin_bottom) * 20) * EMU_PER_TWIP
    (wide_cx, wide_cy), (tall_cx, tall_cy), (odd_cx, odd_cy) = extents
    assert wide_cx == width and abs(wide_cx / wide_cy - 5) < 0.01
    assert tall_cy <= height * 0.75 + EMU_PER_TWIP and abs(tall_cy / tall_cx - 30) < 0.1  # room for a caption
    assert (odd_cx, odd_cy) == (120 * 914400 // 72, 60 * 914400 // 72)  # taken as 72 dpi
    inline = document.xpath("//w:p[w:pPr/w:pStyle/@w:val='BodyText']", namespaces=NS)[0]
    assert inline.xpath(".//wp:docPr/@descr", namespaces=NS) == ["odd icon"]
    assert "".join(inline.itertext()) == "An icon  in the text."
    assert document.xpath("//wp:docPr[@name='Picture 2']/@descr", namespaces=NS) == []  # no alt, no description


def test_an_image_the_document_lacks_is_a_clear_error(theme):
    doc = nodes.Document(blocks=(nodes.Figure(nodes.Image("missing.png", "gone")),))
    with pytest.raises(ConversionError, match="no image called 'missing.png'"):
        build(doc, theme)


def test_links_lead_only_where_they_may(theme):
    """A target the tree's rules refuse, or a section the document lacks, is no link (the
    words stay); a link in a link is one link."""
    para = nodes.Para((
        nodes.Link((nodes.Text("script"),), "javascript:alert(1)"),
        nodes.Text(" "), nodes.Link((nodes.Text("file"),), "file:///etc/passwd"),
        nodes.Text(" "), nodes.Link((nodes.Text("nowhere"),), "#no-such-section"),
        nodes.Text(" "), nodes.Link((nodes.Text("outer "), nodes.Link((nodes.Text("inner"),), "https://b.example/")),
                                    "https://a.example/"),
        nodes.Text(" "), nodes.Link((nodes.Text("back"),), "#s")))
    doc = nodes.Document(blocks=(nodes.Section("S", "s", (para,)),))
    data = build(doc, theme)
    document = xml(data, "word/document.xml")
    body = document.xpath("//w:p[w:pPr/w:pStyle/@w:val='BodyText']", namespaces=NS)[0]
    assert "".join(body.itertext()) == "script file nowhere outer inner back"
    links = body.findall("w:hyperlink", NS)
    assert ["".join(link.itertext()) for link in links] == ["outer inner", "back"]
    assert links[1].get(f"{{{W}}}anchor") == "_Toc00000001"
    targets = [rel.get("Target") for rel in xml(data, "word/_rels/document.xml.rels")
               if rel.get("Type").endswith("/hyperlink")]
    assert targets == ["https://a.example/"]


def test_hostile_text_in_notes_cells_captions_and_alt_stays_text(theme, tmp_path):
    text = nodes.Text(HOSTILE)
    cell = nodes.Cell((nodes.Para((text,)),))
    blocks = (
        nodes.Para((nodes.Text("see"), nodes.Note((nodes.Para((text,)),)),
                    nodes.Link((text,), "https://example.org/?q=<script>&x=\"y\""))),
        nodes.Table((nodes.Row((cell,)),), (nodes.Row((cell,)),), (text,)),
        nodes.Figure(nodes.Image("x.png", HOSTILE), (text,)),
    )
    resource = nodes.Resource("x.png", "image/png", png(10, 10))
    data = build(nodes.Document(blocks=blocks, resources=(resource,)), theme)
    for name in ("word/document.xml", "word/footnotes.xml"):
        root = xml(data, name)
        assert not root.xpath("//*[local-name()='script' or local-name()='img']")
        assert b"<script>" not in parts(data)[name]
    document = xml(data, "word/document.xml")
    texts = [plain(text) for text in document.xpath("//w:t/text()", namespaces=NS)]
    assert texts.count(HOSTILE) == 5  # the link's text, the caption, two cells, the figure's caption
    assert HOSTILE in map(plain, xml(data, "word/footnotes.xml").xpath("//w:t/text()", namespaces=NS))
    assert [plain(alt) for alt in document.xpath("//wp:docPr/@descr", namespaces=NS)] == [HOSTILE]
    tree = read_back(data, tmp_path)
    assert plain(stringify(pandoc_nodes(tree["blocks"], "Image")[0]["c"][1])) == HOSTILE
