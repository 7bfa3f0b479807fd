"""The EPUB writer, checked by EPUBCheck and by pandoc reading the book back."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from convert import nodes
from convert.registry import get_writer
from convert.writers.epub import EpubWriter, content_identifier
from .test_pandoc import (assert_paragraphs_in_order, our_paragraphs, pandoc_headers, pandoc_paragraphs,
                         pandoc_read)
from . import validators
from .tools import require

SEED_AST = Path(__file__).resolve().parent / "golden" / "japan-peace-cooperation-2023.ast.json"
NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "h": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "ncx": "http://www.daisy.org/z3986/2005/ncx/"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


@pytest.fixture(scope="module")
def seed(seed_doc):
    return seed_doc


@pytest.fixture(scope="module")
def japanese_doc():
    """A Japanese edition: Japanese title block, text and a parallel block."""
    text = "日本は国連平和維持活動に三十年間参加してきました。今後も協力を続けます。"
    return nodes.Document(
        nodes.Meta(title="日本の国際平和協力の現状と今後の方向性", organizers=("日本国際平和構築協会",),
                   presenters=(nodes.Speaker("加野 幸司 氏", "内閣府国際平和協力本部事務局長"),),
                   date="2023-01-28", date_text="2023年1月28日（土）", time_text="20:00-21:30（東京）",
                   compiled_by="マチェイ・ヴィテク", lang="ja"),
        (nodes.Section("開会挨拶", "kaikai-aisatsu", (
            nodes.Speech(nodes.Speaker("明石 康 氏", "元国連事務次長"), (
                nodes.Para((nodes.Text(text), nodes.Strong((nodes.Text("強調"),)))),
                nodes.OrderedList((nodes.Item((nodes.Para((nodes.Text("第一に"),)),)),), start=3),
                nodes.Parallel((nodes.Para((nodes.Text(text),)), nodes.Para((nodes.Text("We will continue."),))),
                               ("ja", "en")))),)),))


@pytest.fixture
def sample_epub(sample_doc, theme):
    return EpubWriter().write(sample_doc, theme)


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def epubcheck(data: bytes, tmp_path: Path) -> dict:
    """Return EPUBCheck's JSON report on ``data``."""
    require("java")
    book = tmp_path / "book.epub"
    book.write_bytes(data)
    return validators.epubcheck_report(book)


# --- validity ----------------------------------------------------------------------


UNSTRUCTURED = {
    # No section, no speaker: the navigation still needs an entry (its documents).
    "paragraphs only": nodes.Document(nodes.Meta(title="Notes"), (nodes.Para((nodes.Text("Just text."),)),)),
    "title only": nodes.Document(nodes.Meta(title="Empty", organizers=("Someone",))),
}


@pytest.mark.parametrize("which", ["sample", "seed", "japanese", *UNSTRUCTURED])
def test_epubcheck_finds_nothing(which, sample_doc, theme, tmp_path, request):
    doc = UNSTRUCTURED.get(which) or {"sample": sample_doc, "seed": None, "japanese": None}[which] \
        or request.getfixturevalue("seed" if which == "seed" else "japanese_doc")
    report = epubcheck(EpubWriter().write(doc, theme), tmp_path)
    checker = report["checker"]
    messages = [(m["ID"], m["severity"], m["message"]) for m in report["messages"]]
    assert (checker["nFatal"], checker["nError"], checker["nWarning"]) == (0, 0, 0), messages
    assert not [m for m in messages if m[1] != "INFO"], messages


def test_metadata(sample_epub, sample_doc):
    opf = etree.fromstring(parts(sample_epub)["EPUB/content.opf"])
    assert opf.get(XML_LANG) == "en"
    meta = opf.find("opf:metadata", NS)
    assert meta.findtext("dc:title", namespaces=NS) == sample_doc.meta.title
    assert meta.findtext("dc:creator", namespaces=NS) == "Jo Smith"
    assert meta.findtext("dc:publisher", namespaces=NS) == "Sample Association of Japan; Centre for <Studies> & Research"
    assert meta.findtext("dc:language", namespaces=NS) == "en"
    assert meta.findtext("dc:date", namespaces=NS) == "2024-03-05"
    assert meta.findtext("dc:identifier", namespaces=NS) == content_identifier(sample_doc)
    assert meta.findtext("opf:meta[@property='dcterms:modified']", namespaces=NS) == "2023-11-14T22:13:20Z"
    properties = {}
    for element in meta.findall("opf:meta[@property]", NS):
        properties.setdefault(element.get("property"), []).append(element.text)
    assert properties["schema:accessMode"] == ["textual"]
    assert properties["schema:accessModeSufficient"] == ["textual"]
    assert {"structuralNavigation", "tableOfContents", "readingOrder"} <= set(properties["schema:accessibilityFeature"])
    assert properties["schema:accessibilityHazard"] == ["none"]
    assert properties["schema:accessibilitySummary"][0]
    assert properties["dcterms:conformsTo"] == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]


def test_no_compiler_no_creator(sample_doc, theme):
    doc = dataclasses.replace(sample_doc, meta=dataclasses.replace(sample_doc.meta, compiled_by=""))
    opf = etree.fromstring(parts(EpubWriter().write(doc, theme))["EPUB/content.opf"])
    assert opf.find(".//dc:creator", NS) is None


# --- content -----------------------------------------------------------------------


def _documents(data: bytes) -> dict[str, etree._Element]:
    return {name: etree.fromstring(body) for name, body in parts(data).items() if name.endswith(".xhtml")}


def test_hostile_text_stays_text(sample_epub):
    documents = _documents(sample_epub)
    for name, root in documents.items():
        assert root.get("lang") == root.get(XML_LANG) == "en", name
        assert not root.xpath("//h:script | //h:iframe | //h:img | //h:font | //h:b | //h:a[starts-with(@href, 'java')]",
                              namespaces=NS), name
        assert not [a for e in root.iter() if isinstance(e.tag, str) for a in e.attrib if a.startswith("on")], name
    text = "".join(documents["EPUB/part-001.xhtml"].itertext())
    assert '<script>alert(1)</script>' in text and "& &amp; ]]> <img src=\"/etc/passwd\"/>" in text


def test_characters_xml_forbids_are_dropped(theme):
    doc = nodes.Document(nodes.Meta(title="T\x00itle\ufffe"), (nodes.Section("S\x0b", "s", (
        nodes.Para((nodes.Text("a\x01b\ud800c\x85d"),)),)),))
    documents = _documents(EpubWriter().write(doc, theme))
    assert "abcd" in "".join(documents["EPUB/part-001.xhtml"].itertext())


def test_structure_of_a_section(sample_epub):
    root = _documents(sample_epub)["EPUB/part-002.xhtml"]
    section = root.find(".//h:section", NS)
    assert section.get("{%s}type" % NS["epub"]) == "chapter"
    assert [(e.tag.split("}")[1], e.get("id"), e.get("class")) for e in section][:3] == [
        ("h1", "part-i-keynote-presentation", None), ("h2", "h-e-ms-amina-diallo", None), ("p", None, None)]
    assert section.find("h:ol", NS) is not None and section.find("h:ul", NS) is not None
    third = _documents(sample_epub)["EPUB/part-003.xhtml"]
    pair = third.find(".//h:div[@class='parallel']", NS)
    assert [(d.get("lang"), d.get(XML_LANG)) for d in pair] == [("en", "en"), ("ja", "ja")]
    first = _documents(sample_epub)["EPUB/part-001.xhtml"]
    assert first.find(".//h:p[@class='affiliation']", NS).text == "President, Sample University"
    assert first.find(".//h:strong", NS).text == "cooperation" and first.find(".//h:em", NS).text == "essential"


def test_title_page(sample_epub):
    page = _documents(sample_epub)["EPUB/titlepage.xhtml"]
    lines = [(p.get("class"), p.text) for p in page.iter("{%s}p" % NS["h"])]
    assert lines == [
        ("organizer", "Sample Association of Japan"), ("organizer", "Centre for <Studies> & Research"),
        ("present", "present"), ("presenter", "Dr. Ana Pérez"), ("affiliation", "Director, Institute of Sample Studies"),
        ("on", "On"), ("title", 'Sample Report on <Peace> & "Cooperation"'), ("date", "Tuesday, 5 March 2024"),
        ("time", "10:00-11:30 (Tokyo); 2:00-3:30 (Geneva)"), ("compiled", "Report compiled by Jo Smith")]
    assert not page.xpath("//h:h1 | //h:h2", namespaces=NS)


def test_blocks_before_the_first_section_get_their_own_document(theme):
    doc = nodes.Document(nodes.Meta(title="T"), (nodes.Para((nodes.Text("Preface words."),)),
                                                 nodes.Section("One", "one", (nodes.Para((nodes.Text("x"),)),))))
    documents = _documents(EpubWriter().write(doc, theme))
    assert "Preface words." in "".join(documents["EPUB/part-001.xhtml"].itertext())
    assert documents["EPUB/part-002.xhtml"].find(".//h:h1", NS).get("id") == "one"


def test_navigation_ids_and_ncx(sample_epub):
    files = parts(sample_epub)
    documents = _documents(sample_epub)
    nav = documents["EPUB/nav.xhtml"]
    toc = nav.find(".//h:nav[@epub:type='toc']", NS)
    top = toc.findall("h:ol/h:li", NS)
    assert [li.find("h:a", NS).text for li in top] == ["Opening Remarks", "Part I Keynote Presentation", "Q&A"]
    assert [a.text for a in top[0].findall("h:ol/h:li/h:a", NS)] == ["Prof. Kenji Sato"]
    landmarks = nav.find(".//h:nav[@epub:type='landmarks']", NS)
    assert [a.get("{%s}type" % NS["epub"]) for a in landmarks.iter("{%s}a" % NS["h"])] == [
        "titlepage", "toc", "bodymatter"]
    ids = [e.get("id") for root in documents.values() for e in root.iter() if isinstance(e.tag, str) and e.get("id")]
    assert all(NCNAME.match(i) for i in ids) and len(ids) == len(set(ids))
    for a in toc.iter("{%s}a" % NS["h"]):
        file, _, anchor = a.get("href").partition("#")
        assert documents["EPUB/" + file].xpath("//*[@id=$i]", i=anchor), a.get("href")
    ncx = etree.fromstring(files["EPUB/toc.ncx"])
    points = ncx.findall(".//ncx:navPoint", NS)
    assert len(points) == 5 and all(NCNAME.match(p.get("id")) for p in points)


def test_css_from_the_theme(sample_epub, japanese_doc, theme):
    css = parts(sample_epub)["EPUB/style.css"].decode("utf-8")
    assert theme.colors.heading in css and theme.colors.text in css
    families = re.findall(r"font-family:\s*([^;]+);", css)
    assert families and all(f.rstrip().endswith(("serif", "sans-serif")) for f in families)
    assert re.search(r"body \{\s*font-family: \"DejaVu Serif\"", css)
    assert "display: flex" in css and "@media (max-width" in css
    ja_css = parts(EpubWriter().write(japanese_doc, theme))["EPUB/style.css"].decode("utf-8")
    assert re.search(r"body \{\s*font-family: \"IPAexMincho\"", ja_css) and "line-break: strict" in ja_css


def test_japanese_language_everywhere(japanese_doc, theme):
    data = EpubWriter().write(japanese_doc, theme)
    assert etree.fromstring(parts(data)["EPUB/content.opf"]).get(XML_LANG) == "ja"
    documents = _documents(data)
    for name, root in documents.items():
        assert root.get("lang") == root.get(XML_LANG) == "ja", name
    words = [p.text for p in documents["EPUB/titlepage.xhtml"].iter("{%s}p" % NS["h"])]
    assert "主催" in words and "演題" in words and "報告書作成 マチェイ・ヴィテク" in words
    assert documents["EPUB/part-001.xhtml"].find(".//h:ol", NS).get("start") == "3"


# --- pandoc reads it back ------------------------------------------------------------


def test_pandoc_reads_back_every_word(sample_doc, sample_epub, tmp_path):
    back = pandoc_read(sample_epub, "epub", tmp_path)
    assert_paragraphs_in_order(our_paragraphs(sample_doc), pandoc_paragraphs(back["blocks"]))
    assert [h[:2] for h in pandoc_headers(back["blocks"])] == [
        (1, "Opening Remarks"), (2, "Prof. Kenji Sato"), (1, "Part I Keynote Presentation"),
        (2, "H.E. Ms. Amina Diallo"), (1, "Q&A")]


def test_seed_read_back(seed, theme, tmp_path):
    back = pandoc_read(EpubWriter().write(seed, theme), "epub", tmp_path)
    assert_paragraphs_in_order(our_paragraphs(seed), pandoc_paragraphs(back["blocks"]))
    headers = pandoc_headers(back["blocks"])
    assert sum(1 for h in headers if h[0] == 1) == 3
    assert sum(1 for h in headers if h[0] == 2) == 8
    assert len(headers) == 11


# --- reproducible ----------------------------------------------------------------------


def test_rebuilds_are_byte_identical(sample_doc, theme, monkeypatch):
    first = get_writer("epub").write(sample_doc, theme)
    assert get_writer("epub").write(sample_doc, theme) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    later = get_writer("epub").write(sample_doc, theme)
    assert later != first
    assert b"2027-01-15T08:00:00Z" in parts(later)["EPUB/content.opf"]


def test_identifier_follows_the_content(sample_doc):
    same = content_identifier(sample_doc)
    assert same == content_identifier(sample_doc) and same.startswith("urn:uuid:")
    changed = dataclasses.replace(sample_doc, meta=dataclasses.replace(sample_doc.meta, title="Another"))
    assert content_identifier(changed) != same


# --- size ----------------------------------------------------------------------------


def test_large_input_is_written_whole(seed, theme):
    """Speed is measured in benchmarks/; here: the seed x200 gives every chapter."""
    big = nodes.Document(seed.meta, seed.blocks * 200)
    data = EpubWriter().write(big, theme)
    chapters = [name for name in parts(data) if name.startswith("EPUB/part-")]
    assert len(chapters) == 200 * len(seed.blocks)


def test_fifty_thousand_speeches_in_one_section(theme):
    speech = nodes.Speech(nodes.Speaker("Mr. Same Speaker", "Somewhere"), (nodes.Para((nodes.Text("Words."),)),))
    doc = nodes.Document(nodes.Meta(title="Long"), (nodes.Section("All", "all", (speech,) * 50_000),))
    data = EpubWriter().write(doc, theme)
    section = _documents(data)["EPUB/part-001.xhtml"]
    ids = section.xpath("//h:h2/@id", namespaces=NS)
    assert len(ids) == 50_000 == len(set(ids)) and ids[-1] == "mr-same-speaker-50000"
