"""The translation loop as a user runs it: export, pseudo-translate or translate, merge, publish every format.

Every target-language and bilingual edition must pass the validators the English one passes.
"""

from __future__ import annotations

import json
import re
import zipfile

import pytest
import lxml.html
from lxml import etree

from convert import astjson
from convert import nodes as n

from . import validators
from .conftest import FIXTURES, SEED
from .test_cli import run_cli
from .test_pandoc import _stringify, _walk
from .tools import require

STEM = "japan-peace-cooperation-2023"
EDITION_FORMATS = ("docx", "pdf", "epub", "html", "json")


@pytest.fixture(scope="module")
def pseudo_editions(tmp_path_factory):
    """The seed exported, pseudo-translated and merged back: target and bilingual editions."""
    out = tmp_path_factory.mktemp("editions")
    assert run_cli(str(SEED), "--xliff", "-o", str(out)).returncode == 0
    for version in ("xlf", "12.xlf"):
        result = run_cli("pseudo", str(out / f"{STEM}.{version}"), "-o", str(out / f"pseudo.{version}"))
        assert result.returncode == 0, result.stderr
    merged = run_cli("merge", str(SEED), str(out / "pseudo.xlf"), "--all", "-o", str(out))
    assert merged.returncode == 0, merged.stderr
    bilingual = run_cli("merge", str(SEED), str(out / "pseudo.12.xlf"), "--all", "--bilingual", "-o", str(out))
    assert bilingual.returncode == 0, bilingual.stderr
    return out


@pytest.fixture(scope="module")
def japanese_editions(tmp_path_factory):
    """The seed merged with the real Japanese translations of tests/fixtures/seed.ja.xlf."""
    out = tmp_path_factory.mktemp("japanese")
    result = run_cli("merge", str(SEED), str(FIXTURES / "seed.ja.xlf"), "--all", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "34 of 46 units have no translation" in result.stderr  # one warning, naming the units
    result = run_cli("merge", str(SEED), str(FIXTURES / "seed.ja.xlf"), "--all", "--bilingual", "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_edition_names(pseudo_editions, japanese_editions):
    for fmt in EDITION_FORMATS:
        assert (pseudo_editions / f"{STEM}.qps.{fmt}").is_file()
        assert (pseudo_editions / f"{STEM}.en-qps.{fmt}").is_file()
        assert (japanese_editions / f"{STEM}.ja.{fmt}").is_file()
        assert (japanese_editions / f"{STEM}.en-ja.{fmt}").is_file()


@pytest.mark.parametrize("editions,edition", [("pseudo_editions", "qps"), ("pseudo_editions", "en-qps"),
                                              ("japanese_editions", "ja"), ("japanese_editions", "en-ja")])
@pytest.mark.parametrize("fmt", EDITION_FORMATS)
def test_every_edition_passes_the_validators(request, editions, edition, fmt):
    for tool in ("java", "soffice", "qpdf"):
        require(tool)
    folder = request.getfixturevalue(editions)
    assert validators.check_file(folder / f"{STEM}.{edition}.{fmt}") == []


def test_pseudo_edition_carries_every_unit(pseudo_editions):
    doc = astjson.loads((pseudo_editions / f"{STEM}.qps.json").read_text(encoding="utf-8"))
    assert doc.meta.lang == "qps"
    texts = [n.plain_text(b.inlines) for b in n.iter_blocks(doc.blocks) if isinstance(b, n.Para)]
    assert len(texts) == 19 and all(t.startswith("[") for t in texts)
    bilingual = astjson.loads((pseudo_editions / f"{STEM}.en-qps.json").read_text(encoding="utf-8"))
    pairs = [b for b in n.iter_blocks(bilingual.blocks) if isinstance(b, n.Parallel)]
    assert len(pairs) == 16 + 1 and all(p.langs == ("en", "qps") for p in pairs)


JAPANESE = ["日本の国際平和協力の現状と今後の方向性", "開会挨拶", "第1部 基調講演", "第2部 討論",
            "開会挨拶において明石氏は、本日の主な議題は、とりわけ国連に関わる日本の国際平和協力であると述べた。"]


def test_japanese_pdf_gives_the_japanese_text_back_with_its_font_embedded(japanese_editions):
    require("pdftotext")
    pdf = japanese_editions / f"{STEM}.ja.pdf"
    text = re.sub(r"\s+", "", validators.pdftotext(pdf))
    for sentence in JAPANESE:
        assert re.sub(r"\s+", "", sentence) in text, sentence
    fonts = validators.pdffonts(pdf)
    assert any("IPAex" in f["name"] and f["emb"] == "yes" for f in fonts), fonts
    assert all(f["emb"] == "yes" for f in fonts)


def test_japanese_docx_sets_east_asian_language_and_font(japanese_editions):
    with zipfile.ZipFile(japanese_editions / f"{STEM}.ja.docx") as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
        document = archive.read("word/document.xml").decode("utf-8")
    assert 'w:eastAsia="ja-JP"' in styles
    assert re.search(r'w:rFonts[^>]*w:eastAsia="IPAex', styles)
    assert "開会挨拶" in document


def test_japanese_epub_is_japanese_throughout(japanese_editions):
    with zipfile.ZipFile(japanese_editions / f"{STEM}.ja.epub") as archive:
        opf = etree.fromstring(archive.read("EPUB/content.opf"))
        pages = [etree.fromstring(archive.read(name)) for name in archive.namelist() if name.endswith(".xhtml")]
    assert opf.findtext("{*}metadata/{http://purl.org/dc/elements/1.1/}language") == "ja"
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert pages and all(page.get(xml_lang) == "ja" for page in pages)
    assert any("第1部 基調講演" in "".join(page.itertext()) for page in pages)


def test_bilingual_epub_tags_each_side(japanese_editions):
    with zipfile.ZipFile(japanese_editions / f"{STEM}.en-ja.epub") as archive:
        pages = [etree.fromstring(archive.read(name)) for name in archive.namelist() if name.endswith(".xhtml")]
    sides = [e.get("{http://www.w3.org/XML/1998/namespace}lang") for page in pages
             for e in page.iter("{http://www.w3.org/1999/xhtml}div") if e.getparent() is not None
             and "parallel" in (e.getparent().get("class") or "")]
    assert sides.count("en") == sides.count("ja") == 17


_JAPANESE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
_LANG = ("lang", "{http://www.w3.org/XML/1998/namespace}lang")


def _unmarked_japanese(root: etree._Element) -> list[str]:
    """Return the texts holding Japanese whose nearest ``lang`` is not Japanese (the <title> of a
    page, which can hold only text, aside)."""
    def lang_of(element):
        while element is not None:
            for name in _LANG:
                if element.get(name):
                    return element.get(name)
            element = element.getparent()
        return ""

    found = []
    for element in root.iter():
        if not isinstance(element.tag, str) or etree.QName(element).localname == "title":
            continue
        for text, owner in ((element.text, element), (element.tail, element.getparent())):
            if text and _JAPANESE.search(text) and not lang_of(owner).startswith("ja"):
                found.append(text.strip())
    return found


def test_bilingual_epub_and_html_mark_every_japanese_text(japanese_editions):
    with zipfile.ZipFile(japanese_editions / f"{STEM}.en-ja.epub") as archive:
        pages = {name: etree.fromstring(archive.read(name)) for name in archive.namelist()
                 if name.endswith(".xhtml")}
    html = lxml.html.fromstring((japanese_editions / f"{STEM}.en-ja.html").read_bytes())
    pages["html"] = html
    assert all(page.get("lang") == "en" for page in pages.values())
    japanese = sum(1 for page in pages.values() for text in page.itertext() if _JAPANESE.search(text))
    assert japanese > 30  # headings, names, affiliations, the title page and the paired paragraphs
    assert {name: _unmarked_japanese(page) for name, page in pages.items()} == {name: [] for name in pages}


def test_copying_sources_into_targets_gives_the_original_back(tmp_path):
    assert run_cli(str(SEED), "--xliff", "--json", "-o", str(tmp_path)).returncode == 0
    xliff = etree.parse(str(tmp_path / f"{STEM}.xlf"))
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    for segment in xliff.getroot().iterfind(".//x:segment", ns):
        target = etree.SubElement(segment, "{urn:oasis:names:tc:xliff:document:2.0}target")
        source = segment.find("x:source", ns)
        target.text = source.text
        for child in source:
            target.append(etree.fromstring(etree.tostring(child)))
    xliff.getroot().set("trgLang", "en-GB")
    xliff.write(str(tmp_path / "copied.xlf"), xml_declaration=True, encoding="UTF-8")
    result = run_cli("merge", str(SEED), str(tmp_path / "copied.xlf"), "--json", "-o", str(tmp_path))
    assert result.returncode == 0 and result.stderr == "", result.stderr
    original = json.loads((tmp_path / f"{STEM}.json").read_text(encoding="utf-8"))
    merged = json.loads((tmp_path / f"{STEM}.en-GB.json").read_text(encoding="utf-8"))
    assert merged["meta"].pop("lang") == "en-GB" and original["meta"].pop("lang") == "en"
    assert merged == original


# --- a report with notes and links, through the whole loop -------------------------------------

#: A report whose text shows notes (marks and a "Notes" section) and links (URLs, an e-mail
#: address): structure recovery makes Note and Link nodes of them.
NOTES_REPORT = """Water Report

Opening Remarks

Dr. Ana Ruiz
Director, Centre for Water Studies

Dr. Ruiz recalled the 2015 review [1] and the basin plan.[2] Write to info@example.org or see \
https://example.org/plan?a=1&b=2 for more.

She closed the session with <b>thanks</b> & praise.[3]

Notes

1. Report of the panel, 2015, at https://undocs.org/A/70/95.
2. The plan of 2019.
3. Minutes, p. 4.
"""
NOTES_STEM = "notes-report"
#: Every built-in format: each writer handles notes and links, in translated and bilingual editions.
NOTES_FORMATS = ("json", "html", "docx", "pdf", "epub")


def link_targets(doc: n.Document) -> list[str]:
    return [i.target for b in n.iter_blocks(doc.blocks) for i in n.iter_inlines(n.block_inlines(b))
            if isinstance(i, n.Link)] + [t for note in n.iter_notes(doc.blocks) for t in link_targets(
                n.Document(blocks=note.blocks))]


@pytest.fixture(scope="module")
def notes_editions(tmp_path_factory):
    """The notes report exported, pseudo-translated (both XLIFF versions) and merged back."""
    out = tmp_path_factory.mktemp("notes")
    source = out / f"{NOTES_STEM}.txt"
    source.write_text(NOTES_REPORT, encoding="utf-8")
    result = run_cli(str(source), "--xliff", "--json", "-o", str(out))
    assert result.returncode == 0, result.stderr
    for version in ("xlf", "12.xlf"):
        result = run_cli("pseudo", str(out / f"{NOTES_STEM}.{version}"), "-o", str(out / f"pseudo.{version}"))
        assert result.returncode == 0, result.stderr
    formats = [f"--{fmt}" for fmt in NOTES_FORMATS]
    for version, flags in (("xlf", ()), ("12.xlf", ("--bilingual",))):
        merged = run_cli("merge", str(source), str(out / f"pseudo.{version}"), *formats, *flags, "-o", str(out))
        assert merged.returncode == 0, merged.stderr
        # The source's own warning (its title is guessed); none about the translation.
        assert [line for line in merged.stderr.splitlines() if "[title-guessed]" not in line] == []
    return out


def test_notes_and_links_go_round_the_loop(notes_editions):
    out = notes_editions
    for name in (f"{NOTES_STEM}.xlf", f"{NOTES_STEM}.12.xlf", "pseudo.xlf", "pseudo.12.xlf"):
        assert validators.check_xliff(out / name) == [], name
    for edition in ("qps", "en-qps"):
        for fmt in NOTES_FORMATS:
            assert validators.check_file(out / f"{NOTES_STEM}.{edition}.{fmt}") == [], (edition, fmt)
    source = astjson.loads((out / f"{NOTES_STEM}.json").read_text(encoding="utf-8"))
    assert len(list(n.iter_notes(source.blocks))) == 3 and len(link_targets(source)) == 3
    target = astjson.loads((out / f"{NOTES_STEM}.qps.json").read_text(encoding="utf-8"))
    notes = [n.plain_text(note.blocks[0].inlines) for note in n.iter_notes(target.blocks)]
    assert [t[:12] for t in notes] == ["[Ŕéþöŕŧ öƒ ŧ", "[Ŧĥé þľàñ öƒ", "[Ṁíñüŧéš, þ."]
    assert link_targets(target) == link_targets(source) == [
        "mailto:info@example.org", "https://example.org/plan?a=1&b=2", "https://undocs.org/A/70/95"]
    bilingual = astjson.loads((out / f"{NOTES_STEM}.en-qps.json").read_text(encoding="utf-8"))
    pairs = [b for b in n.iter_blocks(bilingual.blocks) if isinstance(b, n.Parallel)]
    assert len(pairs) == 2 and [len(list(n.iter_notes(p.blocks))) for p in pairs] == [4, 2]
    assert sorted(link_targets(bilingual)) == sorted(link_targets(source) * 2)
    # The HTML edition as pandoc reads it: the notes, the links to the source's targets, the text as text.
    tree = validators.pandoc_read(out / f"{NOTES_STEM}.qps.html", "html")
    html = (out / f"{NOTES_STEM}.qps.html").read_text(encoding="utf-8")
    assert html.count('role="doc-noteref"') == 3
    assert 'href="https://undocs.org/A/70/95"' in html and 'href="mailto:info@example.org"' in html
    assert "&lt;ƀ&gt;ŧĥàñķš&lt;/ƀ&gt; &amp; þŕàíšé" in " ".join(html.split())
    notes = _walk(tree["blocks"], "Note")
    assert [_stringify(_walk(note, "Para")[0]["c"])[:12] for note in notes] == [
        "[Ŕéþöŕŧ öƒ ŧ", "[Ŧĥé þľàñ öƒ", "[Ṁíñüŧéš, þ."]
    assert {link["c"][2][0] for link in _walk(tree["blocks"], "Link")} >= set(link_targets(source))
