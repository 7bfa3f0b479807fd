"""Translations back in: pseudo-translation, merging translated XLIFF (1.2 and 2.x), refusals."""

from __future__ import annotations

import copy
import re
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lxml import etree

from convert import astjson
from convert import nodes as n
from convert.errors import ConversionError
from convert.translate import languages, merge, pseudo_translate
from convert.writers.xliff import Xliff12Writer, Xliff21Writer
from convert.writers.xliff_units import collect, iter_units

from .test_xliff import _INLINES, NS12, NS20, X12, X20, assert_valid, para_doc

WRITERS = {"2.1": Xliff21Writer, "1.2": Xliff12Writer}
VERSIONS = ["2.1", "1.2"]


@pytest.fixture(scope="session")
def seed(seed_doc):
    return seed_doc


def export(doc, version, theme, target_lang="ja") -> bytes:
    return WRITERS[version](target_lang=target_lang).write(doc, theme)


def copy_source_to_target(data: bytes) -> bytes:
    """Return the XLIFF with every target a copy of its source, as a 'translation' that changes nothing."""
    root = etree.fromstring(data)
    for holder in root.iter(f"{{{NS20}}}segment", f"{{{NS20}}}ignorable", f"{{{NS12}}}trans-unit"):
        ns = etree.QName(holder).namespace
        source = holder.find(f"{{{ns}}}source")
        target = copy.deepcopy(source)
        target.tag = f"{{{ns}}}target"
        source.addnext(target)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def texts_of(doc: n.Document) -> list[str]:
    """Return the text of every paragraph, in reading order."""
    return [n.plain_text(b.inlines) for b in n.iter_blocks(doc.blocks) if isinstance(b, n.Para)]


def drop_targets(data: bytes, unit_ids: set[str]) -> bytes:
    root = etree.fromstring(data)
    for unit in root.iter(f"{{{NS20}}}unit", f"{{{NS12}}}trans-unit"):
        if unit.get("id") in unit_ids:
            for target in list(unit.iter(f"{{{NS20}}}target", f"{{{NS12}}}target")):
                target.getparent().remove(target)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


# --- round trip ----------------------------------------------------------------------------


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("which", ["sample", "seed"])
def test_copying_sources_merges_back_to_the_same_document(sample_doc, theme, request, version, which):
    doc = sample_doc if which == "sample" else request.getfixturevalue("seed")
    merged, warnings = merge(doc, copy_source_to_target(export(doc, version, theme)))
    assert warnings == []
    expected = astjson.to_json(doc)
    actual = astjson.to_json(merged)
    assert actual["meta"].pop("lang") == "ja"
    expected["meta"].pop("lang")
    assert actual == expected


@pytest.mark.parametrize("version", VERSIONS)
def test_round_trip_rebuilds_codes_from_targets(theme, version):
    """A target that is not a verbatim copy is rebuilt from its codes: same tree when the text is the same."""
    doc = n.Document(n.Meta(title="T"), (n.Para((
        n.Text("A "), n.Strong((n.Text("bold "), n.Emph((n.Text("and italic"),)))), n.Text(" text. Next."),
    ), (1, 1)),))
    data = export(doc, version, theme)
    # Force the rebuild path: the target differs from the source by one word.
    translated = copy_source_to_target(data).replace(b"Next.</target>", b"Then.</target>")
    translated = translated.replace(b"Next.</mrk></target>", b"Then.</mrk></target>")
    merged, _ = merge(doc, translated)
    assert merged.blocks[0].inlines == (
        n.Text("A "), n.Strong((n.Text("bold "), n.Emph((n.Text("and italic"),)))), n.Text(" text. Then."))


# --- pseudo-translation ------------------------------------------------------------------------


@pytest.mark.parametrize("version", VERSIONS)
def test_pseudo_translation_is_valid_and_complete(sample_doc, theme, version):
    pseudo = pseudo_translate(export(sample_doc, version, theme, target_lang=None))
    root = assert_valid(pseudo, version)
    if version == "2.1":
        assert root.get("trgLang") == "qps"
        segments = list(root.iter(f"{{{NS20}}}segment"))
        assert segments and all(s.find("x:target", X20) is not None for s in segments)
        assert all(s.get("state") == "translated" for s in segments)
        unit = next(u for u in root.iter(f"{{{NS20}}}unit") if "opened" in "".join(u.itertext()))
        target = unit.findall("x:segment", X20)[1].find("x:target", X20)
        assert [(pc.get("id"), pc.get("subType"), pc.text) for pc in target.iter(f"{{{NS20}}}pc")] == [
            ("1", "xlf:b", "çööþéŕàŧíöñ"), ("2", "xlf:i", "éššéñŧíàľ")]
    else:
        assert root.find("x:file", X12).get("target-language") == "qps"
        units = list(root.iter(f"{{{NS12}}}trans-unit"))
        assert all(u.find("x:target", X12) is not None for u in units)
        # The target keeps the segmentation: one mrk per segment, whitespace between.
        unit = next(u for u in units if "opened" in "".join(u.find("x:source", X12).itertext()))
        marks = unit.findall("x:target/x:mrk", X12)
        assert len(marks) == 2 and marks[0].tail == " "
        assert [g.get("ctype") for g in unit.iter(f"{{{NS12}}}g")][-2:] == ["bold", "italic"]


@pytest.mark.parametrize("version", VERSIONS)
def test_pseudo_translation_is_recognisable_and_longer(sample_doc, theme, version):
    merged, warnings = merge(sample_doc, pseudo_translate(export(sample_doc, version, theme, None)))
    assert warnings == []
    assert merged.meta.lang == "qps"
    assert merged.meta.title.startswith("[Šàɱþľé Ŕéþöŕŧ öñ <Þéàçé> & \"Çööþéŕàŧíöñ\"")
    source_texts = texts_of(sample_doc)
    for source, target in zip(source_texts, texts_of(merged)):
        if source in ("Japan will continue its peace cooperation.", "日本は平和協力を続けていきます。"):
            assert target == source  # a Parallel block: kept as it is
            continue
        assert target != source and target.startswith("[") and target.endswith("]")
        if len(source) > 60:
            assert 1.25 <= len(target) / len(source) <= 1.45, (source, target)
    opened = merged.blocks[0].blocks[0].blocks[0]
    assert [type(i).__name__ for i in opened.inlines] == ["Text", "Strong", "Text", "Emph", "Text"]


def test_pseudo_keeps_an_existing_target_language(sample_doc, theme):
    root = etree.fromstring(pseudo_translate(export(sample_doc, "2.1", theme, "de"), target_lang="qps"))
    assert root.get("trgLang") == "de"
    root12 = etree.fromstring(pseudo_translate(export(sample_doc, "1.2", theme, None), target_lang="qps-ploc"))
    assert root12.find("x:file", X12).get("target-language") == "qps-Ploc"  # BCP 47 case: a script subtag


@pytest.mark.parametrize("version", VERSIONS)
def test_pseudo_translation_of_the_seed(seed, theme, version):
    pseudo = pseudo_translate(export(seed, version, theme, None))
    assert_valid(pseudo, version)
    merged, warnings = merge(seed, pseudo)
    assert warnings == [] and merged.meta.lang == "qps"
    assert all(t.startswith("[") for t in texts_of(merged))


# --- bilingual -----------------------------------------------------------------------------


@pytest.mark.parametrize("version", VERSIONS)
def test_bilingual_merge(sample_doc, theme, version):
    pseudo = pseudo_translate(export(sample_doc, version, theme, None))
    doc, warnings = merge(sample_doc, pseudo, bilingual=True)
    assert warnings == []
    assert doc.meta.lang == "en"
    assert doc.meta.title == ('Sample Report on <Peace> & "Cooperation" / '
                              '[Šàɱþľé Ŕéþöŕŧ öñ <Þéàçé> & "Çööþéŕàŧíöñ" ···········]')
    opening = doc.blocks[0]
    assert opening.title == "Opening Remarks / [Öþéñíñĝ Ŕéɱàŕķš ···]" and opening.id == "opening-remarks"
    speech = opening.blocks[0]
    assert speech.speaker.name.startswith("Prof. Kenji Sato / [Þŕöƒ.")
    first = speech.blocks[0]
    assert isinstance(first, n.Parallel) and first.langs == ("en", "qps") and first.lines == (21, 21)
    source, target = first.blocks
    assert source == sample_doc.blocks[0].blocks[0].blocks[0]
    assert n.plain_text(target.inlines).startswith("[Þŕöƒ. Šàŧö") and target.lines == (21, 21)
    # Lists pair as a whole; the speaker without affiliation stays without one.
    keynote = doc.blocks[1].blocks[0]
    assert keynote.speaker.affiliation == ""
    lists = [b for b in keynote.blocks if isinstance(b, n.Parallel)
             and isinstance(b.blocks[0], (n.OrderedList, n.BulletList))]
    assert len(lists) == 2 and lists[0].blocks[0] == sample_doc.blocks[1].blocks[0].blocks[1]
    assert n.plain_text(lists[0].blocks[1].items[0].blocks[0].inlines).startswith("[Ŧĥé ƒíŕšŧ")
    # Every paragraph and list became a Parallel block; the existing Parallel block is kept.
    for block in n.iter_blocks(doc.blocks):
        if isinstance(block, (n.Section, n.Speech)):
            assert all(isinstance(b, n.Parallel) for b in block.blocks if not isinstance(b, n.Speech))
    assert doc.blocks[2].blocks[1] == sample_doc.blocks[2].blocks[1]


# --- incomplete translations -----------------------------------------------------------------


@pytest.mark.parametrize("version", VERSIONS)
def test_missing_targets_fall_back_with_one_warning(sample_doc, theme, version):
    units = list(iter_units(collect(sample_doc)))
    dropped = {units[0].id, units[-1].id}
    data = drop_targets(pseudo_translate(export(sample_doc, version, theme)), dropped)
    merged, warnings = merge(sample_doc, data)
    assert len(warnings) == 1
    assert warnings[0].message.startswith(f"2 of {len(units)} units have no translation")
    assert units[0].id in warnings[0].message and units[-1].id in warnings[0].message
    assert merged.meta.title == sample_doc.meta.title and merged.meta.lang == "ja"
    assert texts_of(merged)[-3] == "Questions from the floor were taken by the moderator."
    with pytest.raises(ConversionError, match=r"incomplete: 2 of \d+ units have no target .*" + units[0].id):
        merge(sample_doc, data, require_complete=True)


def test_empty_targets_count_as_missing(sample_doc, theme):
    data = export(sample_doc, "1.2", theme)
    root = etree.fromstring(data)
    for unit in root.iter(f"{{{NS12}}}trans-unit"):
        etree.SubElement(unit, f"{{{NS12}}}target", state="new")
        unit.insert(2, unit[-1])
    merged, warnings = merge(sample_doc, etree.tostring(root))
    assert len(warnings) == 1 and merged == replace(sample_doc, meta=replace(sample_doc.meta, lang="ja"))


# --- what CAT tools send back ------------------------------------------------------------------

TINY = n.Document(n.Meta(title="Report", lang="en"), (
    n.Section("Intro", "intro", (
        n.Para((n.Text("Hello "), n.Strong((n.Text("world"),)), n.Text(". Bye "),
                n.Emph((n.Text("now"),)), n.Text(".")), (3, 3)),), (1, 3)),))


def tiny_ids(theme):
    return [u.id for u in iter_units(collect(TINY))]


def test_cat_tool_2x_file(theme):
    title, heading, para = tiny_ids(theme)
    data = f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- saved by SomeCAT -->
<x:xliff xmlns:x="urn:oasis:names:tc:xliff:document:2.0" xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0"
    xmlns:t="urn:example:tool" trgLang="ja" srcLang="en" version="2.0" t:session="42">
 <x:file original="report.txt" id="f1">
  <mda:metadata><mda:metaGroup><mda:meta type="x">y</mda:meta></mda:metaGroup></mda:metadata>
  <x:unit name="title" id="{title}">
   <x:segment state="final" subState="t:done"><x:source>Report</x:source><x:target xml:lang="ja">報告書</x:target></x:segment>
  </x:unit>
  <x:group id="g"><x:group id="h">
   <x:unit id="{heading}"><t:extra/><x:segment state="reviewed"><x:source>Intro</x:source>
     <x:target>はじめに<!-- reviewer: ok --></x:target></x:segment></x:unit>
  </x:group></x:group>
  <x:unit id="{para}" xml:space="preserve">
   <x:notes><x:note>n</x:note></x:notes>
   <x:segment id="s1"><x:source>Hello <x:pc id="1" type="fmt" subType="xlf:b">world</x:pc>.</x:source>
     <x:target order="3"><x:mrk id="m1" type="term">さようなら</x:mrk><x:sc id="2" type="fmt"/>今<x:ec startRef="2"/>。</x:target></x:segment>
   <x:ignorable><x:source> </x:source><x:target/></x:ignorable>
   <x:segment id="s2"><x:source>Bye <x:pc id="2" type="fmt" subType="xlf:i">now</x:pc>.</x:source>
     <x:target order="1"><x:pc id="1" subType="xlf:b" type="fmt">世界</x:pc><x:ph id="p1"/>、こんにちは<x:cp hex="0021"/></x:target></x:segment>
  </x:unit>
 </x:file>
</x:xliff>""".encode()
    merged, warnings = merge(TINY, data)
    assert warnings == []
    assert merged.meta.title == "報告書" and merged.meta.lang == "ja"
    assert merged.blocks[0].title == "はじめに"
    # Targets reordered by their order attribute; codes rebuilt by id (sc/ec included).
    assert merged.blocks[0].blocks[0].inlines == (
        n.Strong((n.Text("世界"),)), n.Text("、こんにちは!さようなら"), n.Emph((n.Text("今"),)), n.Text("。"))


def test_cat_tool_1_2_file(theme):
    title, heading, para = tiny_ids(theme)
    data = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns:sdl="urn:example:sdl" version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file target-language="ja-JP" datatype="plaintext" source-language="en-US" original="r.txt">
  <header><tool tool-id="x" tool-name="x"/></header>
  <body>
   <trans-unit approved="yes" id="{title}"><source>Report</source>
     <target state-qualifier="exact-match" state="final">報告書</target>
     <alt-trans><target>レポート</target></alt-trans><sdl:seg-defs/></trans-unit>
   <group><trans-unit id="{heading}"><source>Intro</source><target state="translated"><mrk mtype="seg" mid="1">はじめに</mrk></target></trans-unit></group>
   <trans-unit id="{para}"><source>Hello <g id="1" ctype="bold">world</g>. Bye <g ctype="italic" id="2">now</g>.</source>
     <seg-source><mrk mtype="seg" mid="1">Hello <g id="1" ctype="bold">world</g>.</mrk> <mrk mtype="seg" mid="2">Bye <g ctype="italic" id="2">now</g>.</mrk></seg-source>
     <target><mrk mtype="seg" mid="1"><bpt id="7" ctype="bold">&lt;b&gt;</bpt>世界<ept id="7">&lt;/b&gt;</ept>、<x id="9"/>こんにちは。</mrk><mrk mtype="seg" mid="2">さようなら<g id="2">今</g>。</mrk></target>
   </trans-unit>
  </body>
 </file>
</xliff>""".encode()
    doc = replace(TINY, meta=replace(TINY.meta, lang="en-us"))
    merged, warnings = merge(doc, data)
    # The tool wrote the bold as code 7: the source's code 1 is gone and 7 is new, each named.
    assert [w.message for w in warnings] == [
        f"unit {para}: code 7 is bold the source does not have: it is kept",
        f"unit {para}: the bold (code 1) is missing from the target: its words are kept, not their formatting"]
    assert merged.meta.lang == "ja-JP" and merged.meta.title == "報告書"
    assert merged.blocks[0].title == "はじめに"
    assert merged.blocks[0].blocks[0].inlines == (
        n.Strong((n.Text("世界"),)), n.Text("、こんにちは。さようなら"), n.Emph((n.Text("今"),)), n.Text("。"))


def test_unknown_codes_in_target(theme):
    *_, para = tiny_ids(theme)
    data = export(TINY, "2.1", theme).replace(
        b"<source>Bye", b"<target><pc id=\"9\" type=\"fmt\" subType=\"xlf:i\">X</pc>"
                        b"<pc id=\"8\">Y</pc></target><source>Bye")
    root = etree.fromstring(data)
    for segment in root.iter(f"{{{NS20}}}segment"):  # move each target after its source
        target = segment.find("x:target", X20)
        if target is not None:
            segment.remove(target)
            segment.append(target)
        else:
            target = etree.SubElement(segment, f"{{{NS20}}}target")
            target.text = "Z"
    merged, _ = merge(TINY, etree.tostring(root))
    assert merged.blocks[0].blocks[0].inlines == (n.Text("Z "), n.Emph((n.Text("X"),)), n.Text("Y"))


# --- refusals --------------------------------------------------------------------------------


@pytest.mark.parametrize("version", VERSIONS)
def test_changed_source_text_is_refused(sample_doc, theme, version):
    data = copy_source_to_target(export(sample_doc, version, theme))
    tampered = data.replace(b"<source>Opening Remarks</source>", b"<source>Closing Remarks</source>", 1)
    assert tampered != data
    heading = next(u.id for u in iter_units(collect(sample_doc)) if u.kind == "heading")
    with pytest.raises(ConversionError, match=rf"does not belong .*1 unit\(s\) with a changed source text \({heading}\)"):
        merge(sample_doc, tampered)


@pytest.mark.parametrize("version", VERSIONS)
def test_foreign_xliff_is_refused(sample_doc, seed, theme, version):
    foreign = copy_source_to_target(export(seed, version, theme))
    with pytest.raises(ConversionError) as info:
        merge(sample_doc, foreign)
    message = str(info.value)
    assert "does not belong to this source document" in message
    assert re.search(r"\d+ unit\(s\) unknown to this document \((title|org)-[0-9a-f]{10}, .* and \d+ more\)",
                     message)
    assert re.search(r"\d+ unit\(s\) missing from the XLIFF", message)


def test_renamed_unit_id_is_refused(sample_doc, theme):
    first = next(iter_units(collect(sample_doc))).id
    data = copy_source_to_target(export(sample_doc, "2.1", theme)).replace(
        f'id="{first}"'.encode(), b'id="title-0000000000"')
    with pytest.raises(ConversionError, match=r"unknown to this document \(title-0000000000\); "
                                              rf"1 unit\(s\) missing from the XLIFF \({first}\)"):
        merge(sample_doc, data)


@pytest.mark.parametrize("data,message", [
    (b"", "empty"),
    (b"<xliff version='2.1' xmlns='urn:oasis:names:tc:xliff:document:2.0'><file", "not well-formed"),
    (b"\xff\xfe\x00garbage", "not well-formed"),
    (b"<html><body>hi</body></html>", "not an XLIFF file: the root element is <html>"),
    (b"<xliff version='1.1' xmlns='urn:oasis:names:tc:xliff:document:1.1'/>", "unsupported XLIFF .version '1.1'"),
    (b"<xliff version='3.0' xmlns='urn:oasis:names:tc:xliff:document:2.0'/>", "unsupported XLIFF"),
    (b"<xliff version='2.1' srcLang='en' xmlns='urn:oasis:names:tc:xliff:document:2.0'><file id='f'/></xliff>",
     "no translation units"),
])
def test_unusable_files_are_refused(sample_doc, data, message):
    with pytest.raises(ConversionError, match=message):
        merge(sample_doc, data)
    if b"unit" not in data and message != "no translation units":
        with pytest.raises(ConversionError, match=message):
            pseudo_translate(data)


@pytest.mark.parametrize("payload", [
    # External entity (XXE): must never read the file.
    '<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    # Entity expansion bomb.
    '<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY xxe "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
    # Parameter entity fetched from the network.
    '<!DOCTYPE xliff [<!ENTITY % remote SYSTEM "http://example.invalid/x.dtd"> %remote;]>',
])
@pytest.mark.parametrize("version", VERSIONS)
def test_entities_are_refused(sample_doc, theme, payload, version):
    data = copy_source_to_target(export(sample_doc, version, theme)).decode("utf-8")
    data = data.replace("<?xml version='1.0' encoding='UTF-8'?>", "<?xml version='1.0' encoding='UTF-8'?>\n" + payload)
    data = data.replace("<source>Jo Smith</source>", "<source>Jo Smith</source>", 1)
    data = data.replace(">Jo Smith</target>", ">&xxe;</target>" if "xxe" in payload else ">Jo Smith</target>")
    for function in (lambda d: merge(sample_doc, d), pseudo_translate):
        with pytest.raises(ConversionError, match="document type declaration"):
            function(data.encode("utf-8"))


def test_wrong_source_language_is_refused(sample_doc, theme):
    data = copy_source_to_target(export(sample_doc, "2.1", theme)).replace(b'srcLang="en"', b'srcLang="fr"')
    with pytest.raises(ConversionError, match="source language is 'fr'"):
        merge(sample_doc, data)


def test_no_target_language_is_refused(sample_doc, theme):
    data = copy_source_to_target(export(sample_doc, "2.1", theme, target_lang=None))
    with pytest.raises(ConversionError, match="no target language"):
        merge(sample_doc, data)


def test_translate_toolkit_as_the_cat_tool(sample_doc, theme):
    """translate-toolkit sets plain targets, reorders elements and re-indents seg-source: still merges."""
    from translate.storage import xliff

    store = xliff.xlifffile.parsestring(export(sample_doc, "1.2", theme, target_lang=None))
    store.settargetlanguage("de")
    for unit in store.units:
        if not unit.isheader():
            unit.target = "DE " + unit.source
    merged, warnings = merge(sample_doc, bytes(store))
    # Plain targets drop the bold and italic: each unit that had them is named, nothing else.
    formatted = {u.id for u in iter_units(collect(sample_doc)) if any(not isinstance(t, str) for t in u.tokens)}
    assert formatted and {w.message.split(":")[0] for w in warnings} == {f"unit {i}" for i in formatted}
    assert all(w.code == "inline-code" and "is missing from the target" in w.message for w in warnings)
    assert merged.meta.lang == "de"
    assert merged.meta.title == 'DE Sample Report on <Peace> & "Cooperation"'
    assert texts_of(merged)[0] == "DE " + texts_of(sample_doc)[0]


def test_nested_shapes_round_trip(theme):
    item = n.Item((n.Para((n.Text("Outer item."),), (3, 3)),
                   n.BulletList((n.Item((n.Para((n.Text("Inner item."),), (4, 4)),), (4, 4)),), (4, 4))),
                  (3, 4))
    doc = n.Document(n.Meta(title="Nested"), (
        n.Speech(n.Speaker("Ms. Top"), (n.Para((n.Text("Top-level speech."),), (2, 2)),), (1, 2)),
        n.Section("Outer", "outer", (n.OrderedList((item,), 3, (3, 4)),
                                     n.Section("Inner", "inner", (n.Para((n.Text("Deep."),), (6, 6)),), (5, 6))),
                  (3, 6)),
    ))
    for version in VERSIONS:
        merged, _ = merge(doc, copy_source_to_target(export(doc, version, theme)))
        assert merged == replace(doc, meta=replace(doc.meta, lang="ja"))
        bilingual, _ = merge(doc, pseudo_translate(export(doc, version, theme, None)), bilingual=True)
        pair = bilingual.blocks[1].blocks[0]
        assert isinstance(pair, n.Parallel) and pair.blocks[0] == doc.blocks[1].blocks[0]
        inner_list = pair.blocks[1].items[0].blocks[1]
        assert isinstance(inner_list, n.BulletList)  # no Parallel nested inside a list
        assert n.plain_text(inner_list.items[0].blocks[0].inlines).startswith("[Íññéŕ")
        assert isinstance(bilingual.blocks[1].blocks[1].blocks[0], n.Parallel)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_INLINES, max_size=5).map(tuple), min_size=1, max_size=3))
def test_any_inlines_round_trip_and_pseudo_merge(paragraphs):
    from convert.theme import load_theme

    theme = load_theme()
    doc = para_doc(*paragraphs)
    for version in VERSIONS:
        merged, warnings = merge(doc, copy_source_to_target(export(doc, version, theme)))
        assert warnings == [] and merged == replace(doc, meta=replace(doc.meta, lang="ja"))
        pseudo, _ = merge(doc, pseudo_translate(export(doc, version, theme)), bilingual=True)
        assert len(list(n.iter_blocks(pseudo.blocks))) >= len(list(n.iter_blocks(doc.blocks)))


@pytest.mark.parametrize("version", VERSIONS)
def test_languages_of_a_file(sample_doc, theme, version):
    assert languages(export(sample_doc, version, theme, "ja")) == ("en", "ja")
    assert languages(export(sample_doc, version, theme, None)) == ("en", "")
    assert languages(pseudo_translate(export(sample_doc, version, theme, None))) == ("en", "qps")


# --- notes, tables, figures, links ------------------------------------------------------------

from convert.registry import get_writer  # noqa: E402
from convert.translate.pseudo import accent  # noqa: E402
from convert.writers import pandoc as bridge  # noqa: E402

from . import validators  # noqa: E402
from .test_pandoc import _stringify, _walk  # noqa: E402
from .test_xliff import _RICH_INLINES, reader_texts, visible_chars  # noqa: E402

#: Keys of the JSON form whose values are translated text.
TEXT_KEYS = {"text", "alt", "title", "name", "affiliation"}


def shape(value):
    """Return the JSON form ``value`` without its text: text nodes left out, translated strings
    blanked; links' targets, resources, spans, ids and everything else kept."""
    if isinstance(value, list):
        return [shape(v) for v in value if not (isinstance(v, dict) and v.get("type") == "text")]
    if isinstance(value, dict):
        return {k: "" if k in TEXT_KEYS else shape(v) for k, v in value.items()}
    return value


def link_targets(doc: n.Document) -> list[str]:
    json = astjson.dumps(doc)
    return re.findall(r'"target": "([^"]*)"', json)


@pytest.mark.parametrize("version", VERSIONS)
def test_rich_copied_sources_merge_back_to_the_same_document(rich_doc, theme, version):
    merged, warnings = merge(rich_doc, copy_source_to_target(export(rich_doc, version, theme)))
    assert warnings == []
    assert merged == replace(rich_doc, meta=replace(rich_doc.meta, lang="ja"))


@pytest.mark.parametrize("version", VERSIONS)
def test_rich_pseudo_translation_keeps_notes_tables_figures_and_links(rich_doc, theme, version):
    merged, warnings = merge(rich_doc, pseudo_translate(export(rich_doc, version, theme, None)))
    assert warnings == []
    # The same tree (notes where they were, the table's rows and spans, the figure, every link
    # to the source's target, the resources), only the text translated.
    assert shape(astjson.to_json(merged)["blocks"]) == shape(astjson.to_json(rich_doc)["blocks"])
    assert link_targets(merged) == link_targets(rich_doc) == [
        "https://undocs.org/A/70/95", "mailto:info@example.org", "https://example.org/report?id=1&lang=en",
        "#data", "https://example.org/data.csv"]
    assert merged.resources == rich_doc.resources
    # Every character of the source, accented, is in the translation: nothing left untranslated.
    assert visible_chars(accent(t) for t in reader_texts(rich_doc)) <= visible_chars(reader_texts(merged))
    notes = [n.plain_text(p.inlines) for note in n.iter_notes(merged.blocks) for p in note.blocks]
    assert [t[:12] for t in notes] == ["[Ŕéþöŕŧ öƒ ŧ", "[Šéé àľšö Ŕé"]
    table = next(b for b in n.iter_blocks(merged.blocks) if isinstance(b, n.Table))
    assert [n.plain_text(c.blocks[0].inlines) for c in table.body[2].cells] == ["[Ŧöŧàľ ·]", "[716 & ɱöŕé ·]"]
    assert [c.colspan for c in table.body[2].cells] == [2, 1]
    assert n.plain_text(table.caption).startswith("[Ŧàƀľé 1: Þéŕšöññéľ ƀý çöüñŧŕý, Ĵüñé 2023")
    figure = next(b for b in n.iter_blocks(merged.blocks) if isinstance(b, n.Figure))
    assert figure.image.alt.startswith("[Ɓàŕ çĥàŕŧ") and figure.image.resource == "chart-fef6d82d3d6e6e20.png"
    assert n.plain_text(figure.caption).startswith("[Ƒíĝüŕé 1")
    quote = next(b for b in n.iter_blocks(merged.blocks) if isinstance(b, n.BlockQuote))
    assert [type(i).__name__ for i in quote.blocks[0].inlines] == ["Text", "Strong", "Text"]


@pytest.mark.parametrize("version", VERSIONS)
def test_pseudo_translation_keeps_every_code_of_the_rich_sample(rich_doc, theme, version):
    """Every link, note mark and image code of each source is in its pseudo-target, where it was."""
    exported = export(rich_doc, version, theme, None)
    root = assert_valid(pseudo_translate(exported), version)
    ns = NS20 if version == "2.1" else NS12
    holders = root.iter(f"{{{ns}}}segment") if version == "2.1" else root.iter(f"{{{ns}}}trans-unit")
    codes = 0
    for holder in holders:
        source = holder.find(f"{{{ns}}}seg-source") if version == "1.2" else holder.find(f"{{{ns}}}source")
        target = holder.find(f"{{{ns}}}target")
        shown = [(etree.QName(e).localname, dict(e.attrib)) for e in source.iter() if e is not source
                 and etree.QName(e).localname != "mrk"]
        assert [(etree.QName(e).localname, dict(e.attrib)) for e in target.iter() if e is not target
                and etree.QName(e).localname != "mrk"] == shown
        codes += sum(name in ("ph", "x") or attrs.get("type") == "link" or attrs.get("ctype") == "link"
                     for name, attrs in shown)
    assert codes == 2 + 5  # two note marks, five links
    units = {u.get("id"): u for u in root.iter(f"{{{ns}}}unit", f"{{{ns}}}trans-unit")}
    alt = next(u for u in units.values() if "Bar chart" in "".join(u.itertext()))
    assert "[Ɓàŕ çĥàŕŧ: ðéþľöýɱéñŧš ŕöšé ƒŕöɱ 2019 ŧö 2023" in "".join(alt.find(f".//{{{ns}}}target").itertext())


@pytest.mark.parametrize("version", VERSIONS)
def test_rich_bilingual_pairs_blocks_and_keeps_notes_in_their_paragraphs(rich_doc, theme, version):
    doc, warnings = merge(rich_doc, pseudo_translate(export(rich_doc, version, theme, None)), bilingual=True)
    assert warnings == []
    speech = doc.blocks[0].blocks[0]
    data = doc.blocks[1]
    pairs = [b for b in speech.blocks + data.blocks]
    assert [type(p.blocks[0]).__name__ for p in pairs] == ["Para", "BlockQuote", "Para", "Para", "Table", "Figure",
                                                           "BulletList"]
    assert all(isinstance(p, n.Parallel) and p.langs == ("en", "qps") for p in pairs)
    assert [p.blocks[0] for p in pairs] == list(rich_doc.blocks[0].blocks[0].blocks + rich_doc.blocks[1].blocks)
    # No Parallel block inside another block: a quote, a table, a note are translated whole.
    for pair in pairs:
        assert not [b for b in n.iter_blocks((pair.blocks[1],)) if isinstance(b, n.Parallel)]
        assert not [b for note in n.iter_notes((pair.blocks[1],)) for b in n.iter_blocks(note.blocks)
                    if isinstance(b, n.Parallel)]
    # Each side has its notes, in its language.
    source_notes = list(n.iter_notes((pairs[0].blocks[0],)))
    target_notes = list(n.iter_notes((pairs[0].blocks[1],)))
    assert source_notes == list(n.iter_notes(rich_doc.blocks)) and len(target_notes) == 2
    assert n.plain_text(target_notes[1].blocks[0].inlines).startswith("[Šéé àľšö")
    assert data.title == "Data / [Ðàŧà ·]" and data.id == "data"
    table = pairs[4].blocks[1]
    assert [[c.colspan for c in row.cells] for row in table.head + table.body] == [[1, 1, 1]] * 3 + [[2, 1]]
    # The bilingual tree as JSON: it loads back the same, and the JSON writer writes that JSON.
    assert astjson.loads(astjson.dumps(doc)) == doc
    written = get_writer("json").write(doc, theme)
    assert astjson.loads(written.decode("utf-8")) == doc


@pytest.mark.parametrize("bilingual", [False, True])
def test_rich_merge_through_the_pandoc_bridge(rich_doc, theme, tmp_path, bilingual):
    """The merged trees as pandoc writes them (Markdown, HTML) and reads them back."""
    doc, _ = merge(rich_doc, pseudo_translate(export(rich_doc, "2.1", theme, None)), bilingual=bilingual)
    sides = 2 if bilingual else 1
    for fmt, writer in (("markdown", bridge.PandocWriter("markdown")), ("html", bridge.HtmlWriter())):
        path = tmp_path / f"merged.{fmt}"
        path.write_bytes(writer.write(doc, theme))
        tree = validators.pandoc_read(path, fmt)
        notes = [_stringify(_walk(note, "Para")[0]["c"]) for note in _walk(tree["blocks"], "Note")]
        if fmt == "markdown":
            assert len(notes) == 2 * sides
            assert notes[-2].startswith("[Ŕéþöŕŧ öƒ ŧĥé") and notes[-1].startswith("[Šéé àľšö")
        targets = {link["c"][2][0] for link in _walk(tree["blocks"], "Link")}
        assert {"https://undocs.org/A/70/95", "mailto:info@example.org", "https://example.org/report?id=1&lang=en",
                "https://example.org/data.csv"} <= targets, fmt
        assert len(_walk(tree["blocks"], "Table")) == sides and len(_walk(tree["blocks"], "Figure")) == sides, fmt
        alts = [_stringify(image["c"][1]) for image in _walk(tree["blocks"], "Image")]
        assert alts[-1].startswith("[Ɓàŕ çĥàŕŧ"), fmt
        text = " ".join(_stringify(p["c"]) for p in _walk(tree["blocks"], "Plain") + _walk(tree["blocks"], "Para"))
        assert "[Ĝĥàñà <ĜĤ> ·]" in text and "<ƀ>ɱàŕķüþ</ƀ> &" in text, fmt  # markup-looking text stays text
    html = (tmp_path / "merged.html").read_text(encoding="utf-8")
    assert "&lt;ĜĤ&gt;" in html and "<ĜĤ>" not in html


@pytest.mark.parametrize("bilingual", [False, True])
def test_rich_merge_as_docx(rich_doc, theme, tmp_path, bilingual):
    """The merged trees through the DOCX writer: LibreOffice opens them, pandoc finds the notes,
    tables, images and links (the source's targets)."""
    from .tools import require

    require("soffice")
    doc, _ = merge(rich_doc, pseudo_translate(export(rich_doc, "2.1", theme, None)), bilingual=bilingual)
    path = tmp_path / "merged.docx"
    path.write_bytes(get_writer("docx").write(doc, theme))
    assert validators.check_docx(path) == []
    tree = validators.pandoc_read(path, "docx")
    sides = 2 if bilingual else 1
    notes = [_stringify(_walk(note, "Para")[0]["c"]) for note in _walk(tree["blocks"], "Note")]
    assert len(notes) == 2 * sides and notes[-1].startswith("[Šéé àľšö")
    assert len(_walk(tree["blocks"], "Image")) == sides
    # (A bilingual DOCX sets its pairs side by side in tables of its own: look for the cells' text.)
    cells = {_stringify(p["c"]) for t in _walk(tree["blocks"], "Table") for p in _walk(t, "Plain") + _walk(t, "Para")}
    assert {"[Ĵàþàñ ·]", "[716 & ɱöŕé ·]"} <= cells and (("Japan" in cells) == bilingual)
    targets = {link["c"][2][0] for link in _walk(tree["blocks"], "Link")}
    assert {"https://undocs.org/A/70/95", "mailto:info@example.org", "https://example.org/report?id=1&lang=en",
            "https://example.org/data.csv"} <= targets


# --- what translators do to codes -------------------------------------------------------------

def _rich_2_1(rich_doc, theme) -> str:
    return copy_source_to_target(export(rich_doc, "2.1", theme)).decode("utf-8")


def _target_of(data: str, unit_start: str) -> tuple[int, int]:
    """Return where the targets of the unit whose source begins with ``unit_start`` are in ``data``."""
    start = data.index(f"<source>{unit_start}")
    return start, data.index("</unit>", start)


def _edit(data: str, unit_start: str, old: str, new: str) -> bytes:
    """Return ``data`` with ``old`` replaced by ``new`` in the targets of one unit (the first one)."""
    start, end = _target_of(data, unit_start)
    target = data.index("<target>", start)
    assert old in data[target:end], old
    return (data[:target] + data[target:end].replace(old, new, 1) + data[end:]).encode("utf-8")


def _messages(warnings) -> list[str]:
    return [w.message for w in warnings]


PARA = "Dr. Pérez recalled"
MAILTO = '<pc id="3" type="link" dataRefStart="d3" dataRefEnd="d4">info@example.org</pc>'
NOTE_1 = '<ph id="1" type="other" subType="report-convert:note" canDelete="no" dataRef="d1" subFlows="'


def _para(doc: n.Document) -> n.Para:
    return doc.blocks[0].blocks[0].blocks[0]


def test_a_dropped_link_keeps_its_text_with_a_warning(rich_doc, theme):
    merged, warnings = merge(rich_doc, _edit(_rich_2_1(rich_doc, theme), "Questions may", MAILTO,
                                             "info (at) example.org"))
    (message,) = _messages(warnings)
    para_id = next(u.id for u in iter_units(collect(rich_doc)) if u.kind == "paragraph")
    assert message == (f"unit {para_id}: the link to mailto:info@example.org (code 3) is missing from the target: "
                       "its text is kept without the link")
    assert warnings[0].code == "inline-code" and warnings[0].line > 1
    assert "Questions may be sent to info (at) example.org or read at " in n.plain_text(_para(merged).inlines)
    assert link_targets(merged) == [t for t in link_targets(rich_doc) if not t.startswith("mailto:")]


def test_a_dropped_note_mark_puts_the_note_at_the_end(rich_doc, theme):
    data = _rich_2_1(rich_doc, theme)
    start, _ = _target_of(data, PARA)
    mark = data[data.index(NOTE_1, data.index("<target>", start)):]
    mark = mark[:mark.index("/>") + 2]
    merged, warnings = merge(rich_doc, _edit(data, PARA, mark, ""))
    assert _messages(warnings) == [f"unit {next(u.id for u in iter_units(collect(rich_doc)) if u.kind == 'paragraph')}"
                                   ": the mark of a note (code 1) is missing from the target: it is put at the end "
                                   "of the paragraph"]
    inlines = _para(merged).inlines
    assert isinstance(inlines[-1], n.Note) and inlines[-1] == _para(rich_doc).inlines[1]
    assert len(list(n.iter_notes(merged.blocks))) == 2 and n.plain_text(inlines) == n.plain_text(_para(rich_doc).inlines)


def test_note_marks_move_with_the_translation(rich_doc, theme):
    """A translator may put a note's mark anywhere, in another sentence too: the note goes there."""
    data = _rich_2_1(rich_doc, theme)
    start, _ = _target_of(data, PARA)
    mark = data[data.index(NOTE_1, data.index("<target>", start)):]
    mark = mark[:mark.index("/>") + 2]
    moved = _edit(data, PARA, mark, "").decode("utf-8")
    moved = _edit(moved, "Questions may", "or read at", "or read" + mark + " at")
    merged, warnings = merge(rich_doc, moved)
    assert warnings == []
    kinds = [type(i).__name__ for i in _para(merged).inlines]
    assert kinds == ["Text", "Note", "Text", "Link", "Text", "Note", "Text", "Link", "Text"]
    assert _para(merged).inlines[5] == _para(rich_doc).inlines[1]


def test_repeated_codes_are_used_once(rich_doc, theme):
    data = _rich_2_1(rich_doc, theme)
    start, _ = _target_of(data, PARA)
    mark = data[data.index(NOTE_1, data.index("<target>", start)):]
    mark = mark[:mark.index("/>") + 2]
    twice = _edit(data, PARA, mark, mark + " again " + mark).decode("utf-8")
    twice = _edit(twice, "Questions may", MAILTO, MAILTO + " and " + MAILTO)
    merged, warnings = merge(rich_doc, twice)
    assert [m.split(": ", 1)[1] for m in _messages(warnings)] == [
        "the mark of a note (code 1) is repeated in the target: it is kept where it first stands",
        "the link to mailto:info@example.org (code 3) is repeated in the target: only its first copy is a link, "
        "the others' text is kept"]
    assert len(list(n.iter_notes(merged.blocks))) == 2
    assert link_targets(merged) == link_targets(rich_doc)
    assert "info@example.org and info@example.org or" in n.plain_text(_para(merged).inlines)


def test_an_emptied_link_is_left_out(rich_doc, theme):
    emptied = MAILTO.replace(">info@example.org<", "><")
    merged, warnings = merge(rich_doc, _edit(_rich_2_1(rich_doc, theme), "Questions may", MAILTO, emptied))
    assert _messages(warnings)[0].endswith("the link to mailto:info@example.org (code 3) holds no text in the "
                                           "target: the link is left out")
    assert "mailto:info@example.org" not in link_targets(merged)


def test_translate_toolkit_plain_targets_keep_every_word_and_note(rich_doc, theme):
    """A CAT tool that writes plain-text targets drops every code: the notes come back at the end
    of their paragraphs, the links' words stay, and each loss is named."""
    from translate.storage import xliff

    store = xliff.xlifffile.parsestring(export(rich_doc, "1.2", theme, target_lang=None))
    store.settargetlanguage("de")
    for unit in store.units:
        if not unit.isheader():
            unit.target = "DE " + unit.source
    merged, warnings = merge(rich_doc, bytes(store))
    messages = _messages(warnings)
    assert len([m for m in messages if "link to" in m]) == 5
    assert len([m for m in messages if "mark of a note" in m]) == 2
    assert [type(i).__name__ for i in _para(merged).inlines] == ["Text", "Note", "Note"]
    assert n.plain_text(_para(merged).inlines) == "DE " + n.plain_text(_para(rich_doc).inlines)
    assert [n.plain_text(note.blocks[0].inlines)[:10] for note in n.iter_notes(merged.blocks)] == [
        "DE Report ", "DE See als"]
    assert link_targets(merged) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_RICH_INLINES, max_size=5).map(tuple), min_size=1, max_size=3))
def test_any_rich_inlines_round_trip_and_pseudo_merge(paragraphs):
    from convert.theme import load_theme

    theme = load_theme()
    doc = para_doc(*paragraphs)
    # A link whose text is only control characters is test_a_link_of_control_characters_only's,
    # in the text or in a note.
    runs = [n.block_inlines(block) for block in n.iter_blocks(doc.blocks)]
    runs += [n.block_inlines(block) for note in n.iter_notes(doc.blocks) for block in n.iter_blocks(note.blocks)]
    assume(not any(isinstance(inline, n.Link) and _invisible(n.plain_text(inline.inlines))
                   for run in runs for inline in n.iter_inlines(run)))
    for version in VERSIONS:
        merged, warnings = merge(doc, copy_source_to_target(export(doc, version, theme)))
        assert warnings == [] and merged == replace(doc, meta=replace(doc.meta, lang="ja"))
        pseudo, warnings = merge(doc, pseudo_translate(export(doc, version, theme)))
        assert [w for w in warnings if w.code != "control-characters"] == []
        assert inline_objects(pseudo.blocks) == inline_objects(doc.blocks)


def _invisible(text: str) -> bool:
    """Control characters, perhaps with spaces among them, and nothing else: no text a link
    keeps once they are taken out."""
    return any(not (char.isprintable() or char.isspace()) for char in text) \
        and not any(char.isprintable() and not char.isspace() for char in text)


@pytest.mark.parametrize("control", ["\x7f", "\x80", "\x7f "])
def test_a_link_of_control_characters_only_is_left_out_with_a_warning(control, theme):
    doc = para_doc((n.Text("See "), n.Link((n.Text(control),), "https://example.org/"), n.Text(" here.")))
    for version in VERSIONS:
        merged, warnings = merge(doc, pseudo_translate(export(doc, version, theme)))
        assert not any(isinstance(i, n.Link) for i in n.iter_inlines(merged.blocks[0].blocks[0].inlines))
        assert [w.code for w in warnings if w.code != "control-characters"] == ["inline-code"]
        assert "holds no text in the target: the link is left out" in warnings[-1].message


def inline_objects(blocks: tuple[n.Block, ...]) -> list:
    """Return the links (by target), images (by resource) and notes (with theirs) of ``blocks``, in order."""
    found: list = []
    for block in n.iter_blocks(blocks):
        for inline in n.iter_inlines(n.block_inlines(block)):
            if isinstance(inline, n.Link):
                found.append(("link", inline.target))
            elif isinstance(inline, n.Image):
                found.append(("image", inline.resource))
            elif isinstance(inline, n.Note):
                found.append(("note", inline_objects(inline.blocks)))
    return found


def test_an_image_opening_a_bold_run_after_a_sentence_end_stays_in_the_run(theme):
    """The image stands where the sentence before ends and the bold run starts: it fits both
    segments, and goes with the run around it (found by the property test above)."""
    doc = para_doc((n.Strong((n.Text("日本。"),)), n.Strong((n.Image(resource="a.png", alt=""), n.Text(":")))))
    for version in VERSIONS:
        merged, warnings = merge(doc, copy_source_to_target(export(doc, version, theme)))
        assert warnings == [] and merged == replace(doc, meta=replace(doc.meta, lang="ja"))
