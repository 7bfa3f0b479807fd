"""The EPUB writer, checked by EPUBCheck and by pandoc reading the book back."""

from __future__ import annotations

import copy
import dataclasses
import io
import re
import zipfile
from collections import deque
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from convert import astjson, nodes
from convert.errors import ConversionError
from convert.registry import get_writer
from convert.typography import plain, typeset
from convert.writers.epub import EpubWriter, content_identifier, split_parts
from .test_pandoc import (_stringify, _walk, assert_paragraphs_in_order, our_paragraphs, pandoc_headers,
                          pandoc_paragraphs, pandoc_read)
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


def _para(*inlines: nodes.Inline) -> nodes.Para:
    return nodes.Para(tuple(nodes.Text(i) if isinstance(i, str) else i for i in inlines))


def _note(text: str) -> nodes.Note:
    return nodes.Note((_para(text),))


def _cell(*inlines: nodes.Inline, colspan: int = 1) -> nodes.Cell:
    return nodes.Cell((_para(*inlines),), colspan=colspan)


@pytest.fixture(scope="module")
def bilingual_doc(rich_doc):
    """A bilingual edition whose parallel blocks hold tables, paragraphs with notes and links, block
    quotes and figures (one image shown on both sides), with a note inside a link, a link inside
    a link, a link of nothing but a note, and a link to a section id no section has."""
    chart = rich_doc.resources[0]

    def table(head: tuple[str, str], country: str, note: str, total: str, caption: str) -> nodes.Table:
        return nodes.Table(head=(nodes.Row((_cell(head[0]), _cell(head[1]))),),
                           body=(nodes.Row((_cell(country, _note(note)), _cell("4"))),
                                 nodes.Row((_cell(total, colspan=2),))),
                           caption=(nodes.Text(caption),))

    english = _para("Deployments grew", _note("Source: United Nations, 2023."), " (see ",
                    nodes.Link((nodes.Text("the data"),), "#data"), "; ",
                    nodes.Link((nodes.Text("the UN site"), _note("Visited in May 2024.")), "https://un.org/"), "; ",
                    nodes.Link((nodes.Text("outer "), nodes.Link((nodes.Text("inner"),), "https://b.example/")),
                               "https://a.example/"), nodes.Link((_note("Noted in a link."),), "https://c.example/"),
                    ").")
    japanese = _para("派遣は増加した", _note("出典：国際連合、2023年。"), "（",
                     nodes.Link((nodes.Text("データ"),), "#data"), "参照、", nodes.Link((nodes.Text("行き先のない"),),
                                                                                  "#nowhere"), "リンク）。")
    pair = lambda en, ja: nodes.Parallel((en, ja), ("en", "ja"))  # noqa: E731
    return nodes.Document(
        nodes.Meta(title="A <Bilingual> Edition", lang="en"),
        (nodes.Section("Bilingual", "bilingual", (
            pair(table(("Country", "Personnel"), "Japan", "Engineers & <staff>.", "Total", "Table 1"),
                 table(("国", "要員"), "日本", "施設部隊。", "合計", "表1")),
            pair(english, japanese),
            pair(nodes.BlockQuote((_para("Peace is a process", _note("Quoted from the 2015 review.")),)),
                 nodes.BlockQuote((_para("平和は過程である", _note("2015年の報告から。")),))),
            pair(nodes.Figure(nodes.Image(chart.name, "A bar chart of deployments"), (nodes.Text("Figure 1"),)),
                 nodes.Figure(nodes.Image(chart.name, "派遣の棒グラフ"), (nodes.Text("図1"),))))),
         nodes.Section("Data", "data", (_para("Numbers ", nodes.Image(chart.name, "inline chart"), " here."),))),
        resources=(chart,))


@pytest.fixture
def sample_epub(sample_doc, theme):
    return EpubWriter().write(sample_doc, theme)


@pytest.fixture
def rich_epub(rich_doc, theme):
    return EpubWriter().write(rich_doc, theme)


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
    # Headings of nothing but spaces: navigation entries and document titles still need text.
    "blank headings": nodes.Document(nodes.Meta(title="T"), (nodes.Section(" ", "", (
        nodes.Speech(nodes.Speaker("\t"), (nodes.Para((nodes.Text("x"),)),)),)),)),
}


@pytest.mark.parametrize("which", ["sample", "seed", "japanese", "rich", "bilingual", *UNSTRUCTURED])
def test_epubcheck_finds_nothing(which, theme, tmp_path, request):
    doc = UNSTRUCTURED.get(which) or request.getfixturevalue(
        {"sample": "sample_doc", "seed": "seed", "japanese": "japanese_doc", "rich": "rich_doc",
         "bilingual": "bilingual_doc"}[which])
    report = epubcheck(EpubWriter().write(doc, theme), tmp_path)
    checker = report["checker"]
    messages = [(m["ID"], m["severity"], m["message"]) for m in report["messages"]]
    assert (checker["nFatal"], checker["nError"], checker["nWarning"]) == (0, 0, 0), messages
    assert not [m for m in messages if m[1] != "INFO"], messages


def test_metadata(sample_epub, sample_doc):
    opf = etree.fromstring(parts(sample_epub)["EPUB/content.opf"])
    assert opf.get(XML_LANG) == "en"
    meta = opf.find("opf:metadata", NS)
    assert meta.findtext("dc:title", namespaces=NS) == typeset(sample_doc).meta.title
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
    text = plain("".join(documents["EPUB/part-001.xhtml"].itertext()))
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
    lines = [(p.get("class"), plain(p.text)) for p in page.iter("{%s}p" % NS["h"])]
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


# --- notes, tables, figures, links, block quotes --------------------------------------------

H = "{%s}" % NS["h"]
EPUB_TYPE = "{%s}type" % NS["epub"]


def _drop(element: etree._Element, replacement: str = "") -> None:
    """Remove ``element`` from its tree, keeping its tail (after ``replacement``) in place."""
    parent, previous = element.getparent(), element.getprevious()
    tail = replacement + (element.tail or "")
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def xhtml_words(root: etree._Element) -> list[str]:
    """Return the words of a content document's body as a reader meets them: an image's alt
    where the image is, without the writer's own note numbers (marks and back links)."""
    body = copy.deepcopy(root.find("h:body", NS))
    for mark in body.xpath(".//h:a[@role='doc-noteref' or @role='doc-backlink']", namespaces=NS):
        _drop(mark)
    for image in body.iter(H + "img"):
        _drop(image, f" {image.get('alt')} ")
    return plain("".join(body.itertext())).split()  # the EPUB is typeset: compared straight


def document_words(blocks: tuple[nodes.Block, ...]) -> list[str]:
    """Return every word of ``blocks`` in reading order: headings, speakers, paragraphs, captions
    before their cells, alt texts, and then the notes of the blocks (and the notes in those)."""
    text: list[str] = []
    notes: deque[nodes.Note] = deque()

    def inlines(seq: tuple[nodes.Inline, ...]) -> None:
        for node in seq:
            if isinstance(node, nodes.Text):
                text.append(node.text)
            elif isinstance(node, nodes.Image):
                text.append(f" {node.alt} ")
            elif isinstance(node, nodes.Note):
                notes.append(node)
            else:
                inlines(node.inlines)

    def block(node: nodes.Block) -> None:
        text.append(" ")
        if isinstance(node, nodes.Section):
            text.append(node.title)
        elif isinstance(node, nodes.Speech):
            text.append(f"{node.speaker.name} {node.speaker.affiliation}")
        elif isinstance(node, nodes.Figure):
            inlines((node.image,))
        if isinstance(node, (nodes.Para, nodes.Table, nodes.Figure)):
            inlines(nodes.block_inlines(node))
        if isinstance(node, nodes.Table):
            for cell in (cell for row in (*node.head, *node.body) for cell in row.cells):
                text.append(" ")
                for child in cell.blocks:
                    block(child)
        else:
            for child in nodes.child_blocks(node):
                block(child)

    for node in blocks:
        block(node)
    while notes:
        for node in notes.popleft().blocks:
            block(node)
    return plain("".join(text)).split()


@pytest.mark.parametrize("which", ["rich_doc", "bilingual_doc", "sample_doc", "seed"])
def test_every_word_in_order_notes_cells_captions_and_alt_texts(which, theme, request):
    doc = request.getfixturevalue(which)
    documents = _documents(EpubWriter().write(doc, theme))
    for number, blocks in enumerate(split_parts(doc.blocks), 1):
        expected = document_words(blocks)
        assert xhtml_words(documents[f"EPUB/part-{number:03d}.xhtml"]) == expected, number
    if which == "rich_doc":
        words = document_words(doc.blocks)
        for phrase in ("High-Level Independent Panel", "Resolution 2378", "Ghana <GH>", "716 & more",
                       "Personnel by country, June 2023", "Bar chart: deployments rose", "2019-2023"):
            assert " ".join(phrase.split()) in " ".join(words), phrase


def test_notes_link_to_their_marks_and_back(rich_epub, bilingual_doc, theme):
    for data, count in ((rich_epub, 2), (EpubWriter().write(bilingual_doc, theme), 8)):
        documents = _documents(data)
        marks = [(name, a) for name, root in documents.items()
                 for a in root.iter(H + "a") if a.get(EPUB_TYPE) == "noteref"]
        # Numbered through the book, in reading order.
        assert [a.text for _, a in marks] == [str(n) for n in range(1, count + 1)]
        for name, mark in marks:
            assert mark.get("role") == "doc-noteref" and mark.get("class") == "noteref"
            assert mark.get("href") == f"#fn-{mark.text}" and mark.get("id") == f"fnref-{mark.text}"
            (note,) = documents[name].xpath("//*[@id=$i]", i=mark.get("href")[1:])
            assert note.tag == H + "aside" and note.get(EPUB_TYPE) == "footnote"
            assert note.get("role") == "doc-footnote"
            (back,) = note.xpath(".//h:a[@role='doc-backlink']", namespaces=NS)
            assert back.get("href") == f"#{mark.get('id')}" and back.text == mark.text
            # The notes come after everything else in their document.
            assert note.getparent().get("class") == "footnotes"
            assert note.getparent().getparent().tag == H + "body" and note.getparent().getnext() is None
    rich = _documents(rich_epub)["EPUB/part-001.xhtml"]
    texts = ["".join(aside.itertext()).split() for aside in rich.iter(H + "aside")]
    assert texts == [["1", "Report", "of", "the", "High-Level", "Independent", "Panel", "on", "Peace",
                      "Operations,", "A/70/95."], ["2", "See", "also", "Resolution", "2378", "(2017)."]]
    assert rich.xpath("//h:aside//h:a[@href='https://undocs.org/A/70/95']", namespaces=NS)
    assert rich.xpath("//h:aside//h:em", namespaces=NS)[0].text == "Resolution 2378"


def test_table_caption_head_body_and_spans(rich_epub):
    root = _documents(rich_epub)["EPUB/part-002.xhtml"]
    (table,) = root.iter(H + "table")
    assert [child.tag.split("}")[1] for child in table] == ["caption", "thead", "tbody"]
    assert "".join(table.find("h:caption", NS).itertext()) == "Table 1: Personnel by country, June 2023"
    assert table.find("h:caption/h:em", NS).text == "June 2023"
    head = table.findall("h:thead/h:tr", NS)
    assert len(head) == 1 and [(th.text, th.get("scope")) for th in head[0]] == [
        ("Country", "col"), ("Personnel", "col"), ("Mission", "col")]
    body = table.findall("h:tbody/h:tr", NS)
    assert [[td.text for td in tr.findall("h:td", NS)] for tr in body] == [
        ["Japan", "4", "UNMISS"], ["Ghana <GH>", "712", "UNIFIL & MINUSMA"], ["Total", "716 & more"]]
    assert [td.get("colspan") for td in body[2]] == ["2", None]
    assert not table.xpath(".//h:th[not(@scope)] | .//h:tbody//h:th", namespaces=NS)


def test_figure_image_in_the_manifest_once(rich_epub, rich_doc, bilingual_doc, theme):
    (chart,) = rich_doc.resources
    figure = _documents(rich_epub)["EPUB/part-002.xhtml"].find(".//h:figure", NS)
    assert [child.tag.split("}")[1] for child in figure] == ["img", "figcaption"]
    img = figure.find("h:img", NS)
    assert (img.get("src"), img.get("alt")) == (f"images/{chart.name}", "Bar chart: deployments rose from 2019 to 2023")
    assert "".join(figure.find("h:figcaption", NS).itertext()) == "Figure 1: Deployments, 2019–2023"
    for data in (rich_epub, EpubWriter().write(bilingual_doc, theme)):  # shown once, and three times
        files = parts(data)
        items = etree.fromstring(files["EPUB/content.opf"]).findall(".//opf:manifest/opf:item", NS)
        images = [(i.get("href"), i.get("media-type")) for i in items if i.get("media-type").startswith("image/")]
        assert images == [(f"images/{chart.name}", "image/png")]
        assert files[f"EPUB/images/{chart.name}"] == chart.data
    inline = _documents(EpubWriter().write(bilingual_doc, theme))["EPUB/part-002.xhtml"].find(".//h:p/h:img", NS)
    assert inline.get("alt") == "inline chart"


def test_links_lead_to_urls_and_to_the_file_of_a_section(rich_epub, bilingual_doc, theme):
    documents = _documents(rich_epub)
    hrefs = [a.get("href") for root in documents.values() for a in root.iter(H + "a")
             if a.get("role") not in ("doc-noteref", "doc-backlink")]
    assert {"https://undocs.org/A/70/95", "mailto:info@example.org", "https://example.org/report?id=1&lang=en",
            "https://example.org/data.csv", "part-002.xhtml#data"} <= set(hrefs)
    assert documents["EPUB/part-002.xhtml"].xpath("//h:h1[@id='data']", namespaces=NS)
    assert all(h.startswith(("https:", "mailto:", "part-", "nav.xhtml", "titlepage.xhtml", "#")) for h in hrefs)
    root = _documents(EpubWriter().write(bilingual_doc, theme))["EPUB/part-001.xhtml"]
    assert not root.xpath("//h:a//h:a", namespaces=NS)  # never a link in a link
    outer = root.xpath("//h:a[@href='https://a.example/']", namespaces=NS)[0]
    assert "".join(outer.itertext()) == "outer inner" and not root.xpath("//h:a[@href='https://b.example/']",
                                                                          namespaces=NS)
    # A note inside a link: its mark right after the link.
    site = root.xpath("//h:a[@href='https://un.org/']", namespaces=NS)[0]
    assert site.text == "the UN site" and site.getnext().get("role") == "doc-noteref"
    # A link of nothing but a note: its mark, no empty link.
    assert not root.xpath("//h:a[@href='https://c.example/']", namespaces=NS)
    assert outer.getnext().get("role") == "doc-noteref" and outer.getnext().tail == ")."
    # A section id no section has: the words, no link.
    assert "行き先のない" in "".join(root.itertext()) and not root.xpath("//h:a[contains(@href, 'nowhere')]",
                                                                     namespaces=NS)
    assert [a.get("href") for a in root.iter(H + "a") if a.text in ("the data", "データ")] == [
        "part-002.xhtml#data"] * 2


def test_a_section_keeps_its_id_whatever_speaker_or_note_wants_it(theme):
    data_speaker = nodes.Speech(nodes.Speaker("Data"), (_para("I speak", _note("first note")),))
    doc = nodes.Document(nodes.Meta(title="T"), (
        nodes.Section("Intro", "fn-1", (data_speaker, _para("See ", nodes.Link((nodes.Text("the data"),), "#data")))),
        nodes.Section("Data", "data", (_para("x"),))))
    documents = _documents(EpubWriter().write(doc, theme))
    first = documents["EPUB/part-001.xhtml"]
    assert first.xpath("//h:h1/@id", namespaces=NS) == ["fn-1-2"]  # fn-1 is the note's
    assert first.xpath("//h:h2/@id", namespaces=NS) == ["data-2"]  # data is the section's
    assert first.xpath("//h:aside/@id", namespaces=NS) == ["fn-1"]
    assert first.xpath("//h:a[. = 'the data']/@href", namespaces=NS) == ["part-002.xhtml#data"]
    assert documents["EPUB/part-002.xhtml"].xpath("//h:h1/@id", namespaces=NS) == ["data"]


def test_block_quote_and_parallel_halves(rich_epub, bilingual_doc, theme):
    quote = _documents(rich_epub)["EPUB/part-001.xhtml"].find(".//h:blockquote", NS)
    assert "".join(quote.itertext()).split() == ["Peace", "operations", "must", "be", "people-centred."]
    assert quote.find("h:p/h:strong", NS).text == "people-centred"
    documents = _documents(EpubWriter().write(bilingual_doc, theme))
    root = documents["EPUB/part-001.xhtml"]
    pairs = root.findall(".//h:div[@class='parallel']", NS)
    assert [[child.tag.split("}")[1] for side in pair for child in side] for pair in pairs] == [
        ["table", "table"], ["p", "p"], ["blockquote", "blockquote"], ["figure", "figure"]]
    ids = [e.get("id") for doc in documents.values() for e in doc.iter() if isinstance(e.tag, str) and e.get("id")]
    assert len(ids) == len(set(ids)) and all(NCNAME.match(i) for i in ids)
    # A note written on the Japanese side is in Japanese where it is written out.
    languages = {"".join(a.itertext()).split()[1]: (a.get("lang"), a.get(XML_LANG)) for a in root.iter(H + "aside")}
    assert languages["出典：国際連合、2023年。"] == ("ja", "ja") and languages["Source:"] == (None, None)


def test_hostile_text_in_cells_and_captions_stays_text(rich_epub, bilingual_doc, theme):
    for data in (rich_epub, EpubWriter().write(bilingual_doc, theme)):
        for root in _documents(data).values():
            assert not root.xpath("//*[local-name()='GH' or local-name()='staff' or local-name()='b']")
            assert {e.tag.split("}")[1] for e in root.iter() if isinstance(e.tag, str)} <= {
                "html", "head", "title", "link", "body", "section", "h1", "h2", "p", "a", "em", "strong", "ol", "ul",
                "li", "div", "aside", "blockquote", "table", "caption", "thead", "tbody", "tr", "th", "td", "figure",
                "img", "figcaption", "nav", "span"}
    text = "".join(_documents(rich_epub)["EPUB/part-002.xhtml"].itertext())
    assert "Ghana <GH>" in text and "<b>markup</b> & entities" in text


def test_an_image_or_link_the_document_cannot_have_is_an_error(rich_doc, theme):
    (chart,) = rich_doc.resources
    missing = nodes.Document(blocks=(nodes.Figure(nodes.Image("absent.png", "x")),), resources=(chart,))
    with pytest.raises(ConversionError, match="absent.png"):
        EpubWriter().write(missing, theme)
    unsafe = dataclasses.replace(chart, name="../../META-INF/container.png")
    with pytest.raises(ConversionError, match="safe file name"):
        EpubWriter().write(nodes.Document(blocks=(_para(nodes.Image(unsafe.name, "x")),), resources=(unsafe,)), theme)
    mistyped = dataclasses.replace(chart, name="chart.gif")
    with pytest.raises(ConversionError, match="safe file name"):
        EpubWriter().write(nodes.Document(blocks=(_para(nodes.Image("chart.gif", "x")),), resources=(mistyped,)), theme)
    script = nodes.Document(blocks=(_para(nodes.Link((nodes.Text("x"),), "javascript:alert(1)")),))
    with pytest.raises(ConversionError, match="javascript"):
        EpubWriter().write(script, theme)


def _a11y(data: bytes) -> dict[str, list[str]]:
    meta = etree.fromstring(parts(data)["EPUB/content.opf"]).find("opf:metadata", NS)
    properties: dict[str, list[str]] = {}
    for element in meta.findall("opf:meta[@property]", NS):
        properties.setdefault(element.get("property"), []).append(element.text)
    return properties


def test_accessibility_metadata_says_what_the_book_holds(rich_epub, rich_doc, sample_epub, theme):
    rich = _a11y(rich_epub)
    assert rich["schema:accessMode"] == ["textual", "visual"]
    assert rich["schema:accessModeSufficient"] == ["textual", "textual,visual"]
    assert "alternativeText" in rich["schema:accessibilityFeature"]
    assert rich["dcterms:conformsTo"] == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    summary = rich["schema:accessibilitySummary"][0]
    assert "1 image has a text alternative" in summary and "column headers" in summary and "note" in summary
    plain = _a11y(sample_epub)
    assert plain["schema:accessMode"] == ["textual"] and plain["schema:accessModeSufficient"] == ["textual"]
    assert "alternativeText" not in plain["schema:accessibilityFeature"]
    assert plain["schema:accessibilitySummary"][0].startswith("A text-only report with no images")
    assert "column headers" not in plain["schema:accessibilitySummary"][0]
    # An image without a text alternative: text alone is not enough, and WCAG AA is not claimed.
    (chart,) = rich_doc.resources
    bare = nodes.Document(nodes.Meta(title="T"), (nodes.Figure(nodes.Image(chart.name, " "), (nodes.Text("Fig."),)),
                                                  _para(nodes.Image(chart.name, "described"))), resources=(chart,))
    undescribed = _a11y(EpubWriter().write(bare, theme))
    assert undescribed["schema:accessMode"] == ["textual", "visual"]
    assert undescribed["schema:accessModeSufficient"] == ["textual,visual"]
    assert "alternativeText" not in undescribed["schema:accessibilityFeature"]
    assert "dcterms:conformsTo" not in undescribed and "a11y:certifiedBy" not in undescribed
    assert "2 images, 1 of them without a text alternative" in undescribed["schema:accessibilitySummary"][0]


def test_css_styles_tables_figures_notes_and_quotes(rich_epub, theme):
    css = parts(rich_epub)["EPUB/style.css"].decode("utf-8")
    for selector in ("table", "th, td", "caption", "figure", "figcaption", "blockquote", "a.noteref",
                     "div.footnotes", "aside.footnote p"):
        assert re.search(rf"(^|\n){re.escape(selector)} \{{", css), selector
    rule = re.search(r"\nth, td \{([^}]*)\}", css).group(1)
    assert f"border: 1px solid {theme.colors.rule}" in rule and "padding" in rule
    assert "vertical-align: super" in re.search(r"a\.noteref \{([^}]*)\}", css).group(1)


# --- any document: never a crash, a lost word, a duplicate id or a link to nowhere ----------------

CHART = astjson.loads((Path(__file__).resolve().parent / "golden" / "rich.ast.json").read_text("utf-8")).resources[0]
# Text XML can hold (the writer drops the rest, as test_characters_xml_forbids_are_dropped shows),
# markup, entities, CJK; section ids and link targets that collide with each other and with note ids.
_TEXT = st.one_of(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn")), max_size=12),
                  st.sampled_from(["<b>x</b>", "&amp; ]]>", "Ghana <GH>", " ", "Mr. Lee", "日本の報告"]))
_SECTION_IDS = st.sampled_from(["data", "fn-1", "fnref-2", "a.b", "", "Data"])
_TARGETS = st.sampled_from(["#data", "#fn-1", "#a.b", "#nowhere", "https://example.org/?a=1&b=2",
                            "mailto:info@example.org"])
_INLINE = st.deferred(lambda: st.one_of(
    st.builds(nodes.Text, _TEXT),
    st.builds(nodes.Image, st.just(CHART.name), _TEXT),
    st.builds(nodes.Strong, _INLINES), st.builds(nodes.Emph, _INLINES),
    st.builds(nodes.Link, _INLINES, _TARGETS),
    st.builds(nodes.Note, st.lists(_BLOCK, max_size=2).map(tuple))))
_INLINES = st.lists(_INLINE, max_size=3).map(tuple)
_BLOCKS = st.deferred(lambda: st.lists(_BLOCK, max_size=3).map(tuple))
_ROWS = st.lists(st.builds(nodes.Row, st.lists(st.builds(nodes.Cell, _BLOCKS, st.integers(1, 3), st.integers(1, 2)),
                                               min_size=1, max_size=3).map(tuple)), max_size=3).map(tuple)
_BLOCK = st.deferred(lambda: st.one_of(
    st.builds(nodes.Para, _INLINES),
    st.builds(nodes.BlockQuote, _BLOCKS),
    st.builds(nodes.Section, _TEXT, _SECTION_IDS, _BLOCKS),
    st.builds(nodes.Speech, st.builds(nodes.Speaker, _TEXT, _TEXT), _BLOCKS),
    st.builds(nodes.Parallel, st.tuples(_BLOCK, _BLOCK), st.just(("en", "ja"))),
    st.builds(nodes.BulletList, st.lists(st.builds(nodes.Item, _BLOCKS), max_size=2).map(tuple)),
    st.builds(nodes.Table, _ROWS, _ROWS, _INLINES),
    st.builds(nodes.Figure, st.builds(nodes.Image, st.just(CHART.name), _TEXT), _INLINES)))
_RICH_DOCS = st.builds(lambda blocks: nodes.Document(nodes.Meta(title="Any"), blocks, resources=(CHART,)),
                       st.lists(_BLOCK, max_size=4).map(tuple))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_RICH_DOCS)
@example(nodes.Document(nodes.Meta(title="Any"), (nodes.Parallel((nodes.Para(()), nodes.Para((nodes.Text("'"),))),
                                                                 ("en", "ja")),), resources=(CHART,)))  # 『 is a single mark
def test_any_rich_document_keeps_every_word_unique_ids_and_links_that_lead_somewhere(theme, doc):
    data = EpubWriter().write(doc, theme)
    documents = _documents(data)
    for number, blocks in enumerate(split_parts(doc.blocks) or [()], 1):
        assert xhtml_words(documents[f"EPUB/part-{number:03d}.xhtml"]) == document_words(blocks), number
    ids = [e.get("id") for root in documents.values() for e in root.iter() if isinstance(e.tag, str) and e.get("id")]
    assert len(ids) == len(set(ids)) and all(NCNAME.match(i) for i in ids)
    marks = 0
    for name, root in documents.items():
        assert not root.xpath("//h:a//h:a | //h:a[not(@href)]", namespaces=NS), name
        for a in root.iter(H + "a"):
            file, _, anchor = a.get("href").partition("#")
            if file.startswith(("http", "mailto")):
                assert a.get("href") in ("https://example.org/?a=1&b=2", "mailto:info@example.org")
                continue
            target = documents["EPUB/" + (file or name.removeprefix("EPUB/"))]
            assert target.xpath("//*[@id=$i]", i=anchor) or not anchor, a.get("href")
            if a.get("role") == "doc-noteref":
                marks += 1
            elif a.get("role") != "doc-backlink" and name != "EPUB/nav.xhtml":  # a link to a section
                assert target.xpath("//*[@id=$i]", i=anchor)[0].tag == H + "h1"
    assert marks == len(list(nodes.iter_notes(doc.blocks)))


# --- pandoc reads it back ------------------------------------------------------------


def test_pandoc_reads_back_every_word(sample_doc, sample_epub, tmp_path):
    back = pandoc_read(sample_epub, "epub", tmp_path)
    assert_paragraphs_in_order(our_paragraphs(sample_doc), pandoc_paragraphs(back["blocks"]))
    assert [h[:2] for h in pandoc_headers(back["blocks"])] == [
        (1, "Opening Remarks"), (2, "Prof. Kenji Sato"), (1, "Part I Keynote Presentation"),
        (2, "H.E. Ms. Amina Diallo"), (1, "Q&A")]


def test_pandoc_reads_back_notes_table_figure_quote_and_links(rich_doc, rich_epub, tmp_path):
    tree = pandoc_read(rich_epub, "epub", tmp_path)
    notes = [" ".join(_stringify(p["c"]) for p in _walk(note, "Para")) for note in _walk(tree["blocks"], "Note")]
    assert len(notes) == 2
    assert "Report of the High-Level Independent Panel on Peace Operations, A/70/95." in notes[0]
    assert "See also Resolution 2378 (2017)." in notes[1]
    (table,) = _walk(tree["blocks"], "Table")
    head, bodies = table["c"][3], table["c"][4]
    assert len(head[1]) == 1 and len(bodies) == 1 and len(bodies[0][3]) == 3
    assert [cell[3] for cell in bodies[0][3][2][1]] == [2, 1]  # "Total" spans two columns
    assert [[_stringify(cell[4][0]["c"]) for cell in row[1]] for row in [*head[1], *bodies[0][3]]] == [
        ["Country", "Personnel", "Mission"], ["Japan", "4", "UNMISS"], ["Ghana <GH>", "712", "UNIFIL & MINUSMA"],
        ["Total", "716 & more"]]
    assert _stringify(table["c"][1][1][0]["c"]) == "Table 1: Personnel by country, June 2023"
    (image,) = _walk(tree["blocks"], "Image")
    assert _stringify(image["c"][1]) == "Bar chart: deployments rose from 2019 to 2023"
    assert image["c"][2][0].endswith(rich_doc.resources[0].name)
    (figure,) = _walk(tree["blocks"], "Figure")
    assert _stringify(figure["c"][1][1][0]["c"]) == "Figure 1: Deployments, 2019–2023"
    (quote,) = _walk(tree["blocks"], "BlockQuote")
    assert _stringify(quote["c"][0]["c"]) == "Peace operations must be people-centred."
    links = {_stringify(link["c"][1]): link["c"][2][0] for link in _walk(tree["blocks"], "Link")}
    assert {links["A/70/95"], links["info@example.org"], links["example.org/report"], links["the dataset"]} == {
        "https://undocs.org/A/70/95", "mailto:info@example.org", "https://example.org/report?id=1&lang=en",
        "https://example.org/data.csv"}
    (data,) = [h for h in _walk(tree["blocks"], "Header") if _stringify(h["c"][2]) == "Data"]
    assert links["Data"] == "#" + data["c"][1][0]
    # The paragraphs outside the table (its cells are compared above), every word in order.
    outside = nodes.Document(blocks=tuple(dataclasses.replace(block, blocks=tuple(
        b for b in block.blocks if not isinstance(b, nodes.Table))) for block in rich_doc.blocks))
    assert_paragraphs_in_order(our_paragraphs(outside), pandoc_paragraphs(tree["blocks"]))


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


def test_rich_and_bilingual_rebuilds_are_byte_identical(rich_doc, rich_epub, bilingual_doc, theme):
    assert EpubWriter().write(rich_doc, theme) == rich_epub
    assert EpubWriter().write(bilingual_doc, theme) == EpubWriter().write(bilingual_doc, theme)


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
