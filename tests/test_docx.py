"""The DOCX writer: golden XML parts, LibreOffice and pandoc reading the result, properties, fonts, safety."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from convert import nodes
from convert.registry import get_writer
from convert.writers.docx import DocxWriter
from . import validators
from .tools import pandoc_path, require, run

GOLDEN = Path(__file__).resolve().parent / "golden"
SAMPLE_PARTS = GOLDEN / "sample.docx.d"
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
    return "".join(xml(data, "word/document.xml").itertext())


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
    haystack = iter(text.split())
    for index, word in enumerate(words):
        if not any(word == candidate for candidate in haystack):
            pytest.fail(f"word {index} {word!r} (after {words[max(0, index - 5):index]}) is missing or out of order")


# --- golden ------------------------------------------------------------------------------


def test_golden_parts(sample_doc, theme):
    """The XML parts of the sample's DOCX, pretty-printed, equal the checked-in ones (REGEN=1 rewrites them)."""
    built = parts(build(sample_doc, theme))
    expected = {name: pretty(blob) for name, blob in built.items() if name.endswith((".xml", ".rels"))}
    expected["parts.txt"] = "".join(f"{name}\n" for name in built).encode()
    if os.environ.get("REGEN"):
        shutil.rmtree(SAMPLE_PARTS, ignore_errors=True)
        for name, blob in expected.items():
            (SAMPLE_PARTS / name).parent.mkdir(parents=True, exist_ok=True)
            (SAMPLE_PARTS / name).write_bytes(blob)
    stored = {str(path.relative_to(SAMPLE_PARTS)): path.read_bytes()
              for path in sorted(SAMPLE_PARTS.rglob("*")) if path.is_file()}
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
    assert core.findtext("dc:title", namespaces=NS) == meta.title
    assert core.findtext("dc:creator", namespaces=NS) == meta.compiled_by
    assert core.findtext("dc:language", namespaces=NS) == "en"
    assert core.findtext("dc:subject", namespaces=NS) == "; ".join(meta.organizers)
    assert "report" in core.findtext("cp:keywords", namespaces=NS)
    assert core.findtext("cp:revision", namespaces=NS) == "1"
    for stamp in ("dcterms:created", "dcterms:modified", "cp:lastPrinted"):
        assert core.findtext(stamp, namespaces=NS) == "2023-11-14T22:13:20Z"  # SOURCE_DATE_EPOCH=1700000000
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
    paragraphs = document.findall("w:body/w:p", NS)
    style_of = [p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS) for p in paragraphs]
    title = style_of.index("Title")
    toc = style_of.index("TOCHeading")
    first_heading = style_of.index("Heading1")
    assert title < toc < first_heading
    assert "Heading1" not in style_of[:toc] and "Heading2" not in style_of[:toc]
    for index in (toc, first_heading):
        assert paragraphs[index].find("w:pPr/w:pageBreakBefore", NS) is not None
    instructions = "".join(document.xpath("//w:instrText/text()", namespaces=NS))
    assert 'TOC \\o "1-2" \\h \\z \\u' in instructions
    assert "".join(paragraphs[toc + 1].itertext()).strip()  # a visible placeholder in the field result
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
    assert any(sample_doc.meta.title in "".join(h.itertext()) for h in headers)


# --- safety and reproducibility -----------------------------------------------------------


def test_hostile_text_is_literal(sample_doc, theme):
    hostile = nodes.Para((nodes.Text(HOSTILE),))
    doc = dataclasses.replace(sample_doc, blocks=sample_doc.blocks + (hostile,))
    data = build(doc, theme)
    document = xml(data, "word/document.xml")
    assert HOSTILE in "".join(document.xpath("//w:t/text()", namespaces=NS))
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
