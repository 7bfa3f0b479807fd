"""Real Japanese translations of the seed (tests/fixtures/seed.ja.xlf), merged back."""

from __future__ import annotations

import os
import re

import pytest
from lxml import etree

from convert import nodes as n
from convert.errors import ConversionError
from convert.translate import merge
from convert.writers.xliff_units import collect, iter_units, plain

from .conftest import FIXTURES
from .test_translate import export, texts_of
from .test_xliff import NS20, assert_valid


@pytest.fixture(scope="session")
def seed(seed_doc):
    return seed_doc


# --- Japanese ------------------------------------------------------------------------------------

JA_FIXTURE = FIXTURES / "seed.ja.xlf"

#: Real Japanese translations of part of the seed, by English source segment: the title, the three
#: section headings, four affiliations and three paragraphs (one target per sentence).
JA_TRANSLATIONS = {
    "Current Status and Future Direction of Japan's International Peace Cooperation":
        "日本の国際平和協力の現状と今後の方向性",
    "Opening Remarks": "開会挨拶",
    "Part I Keynote Presentation": "第1部 基調講演",
    "Part II Discussion": "第2部 討論",
    "Former Under-Secretary-General of the United Nations": "元国際連合事務次長",
    "Director-General of the International Peace Cooperation Headquarters Cabinet Office, Government of Japan":
        "日本国政府 内閣府 国際平和協力本部事務局長",
    "Professor of Kanda University of International Studies": "神田外語大学教授",
    "Former SRSG to Afghanistan and Head of UNAMA":
        "元アフガニスタン担当国連事務総長特別代表・国連アフガニスタン支援ミッション（UNAMA）代表",
    "In the opening remarks, Mr. Akashi stated that the main subject matter for discussion today is Japan's "
    "international peace cooperation concerning the UN in particular.":
        "開会挨拶において明石氏は、本日の主な議題は、とりわけ国連に関わる日本の国際平和協力であると述べた。",
    "He recalled 21 years ago, the important law was adopted by the Japanese diet, enabling the government to "
    "send self-defense forces and civilian volunteers to participate in the UN transitional authority in Cambodia.":
        "明石氏は、21年前に重要な法律が国会で成立し、政府が自衛隊と文民ボランティアを国連カンボジア暫定統治機構に"
        "参加させることが可能になったことを振り返った。",
    "Subsequently, Japan has participated in several other activities in Asia, Africa, the Middle East, and "
    "Western Hemisphere.":
        "その後、日本はアジア、アフリカ、中東、西半球において、ほかにもいくつかの活動に参加してきた。",
    "We have good reason to be proud of what Japan has done in all these activities.":
        "これらすべての活動において日本が成し遂げてきたことを、私たちは誇りに思ってよい。",
    "Japan is also a new non-permanent member of the UN Security Council for the 12th time which is a record in "
    "the UN membership.":
        "日本はまた、国連加盟国として最多となる12回目の国連安全保障理事会非常任理事国に新たに就任した。",
    "We should try to think together about what those global bodies might do in the cause of international "
    "peace and security in the future.":
        "私たちは、これらの国際機関が将来、国際の平和と安全のために何をなしうるかを、共に考えるべきである。",
    "Mr. Abdel-Latif stated that we live in an era of decreasing resources, and limited abilities and no one "
    "alone can confront the challenges we are witnessing today.":
        "アブデルラティフ氏は、私たちは資源が減少し能力も限られた時代に生きており、今日直面している課題に単独で"
        "立ち向かえる者はいないと述べた。",
    "We share the same principles, and objectives that can leverage their respective strengths to work together "
    "in terms of regional positions, and capacities.":
        "私たちは同じ原則と目標を共有しており、それぞれの強みを生かして、地域的な立場や能力の面で協力することができる。",
    "This is the way to go for advancing peace and security.": "これこそが平和と安全を推進するための道である。",
    "He expressed his deep appreciation to the government and the people of Japan.":
        "同氏は、日本政府と日本国民に深い感謝の意を表した。",
    "The support received was key to delivering training and capacity building in Africa, and he hopes to "
    "continue building and expanding the partnership.":
        "受けた支援はアフリカにおける研修と能力構築の実施に不可欠であり、同氏は今後もパートナーシップを構築・"
        "拡大していきたいと述べた。",
    "In concluding the seminar, the moderator summarized three points made by the presenters and participants.":
        "セミナーの締めくくりに、モデレーターは発表者と参加者から出された三つの論点をまとめた。",
    "The first is the partnership which is the key to successful peacekeeping and peacebuilding efforts.":
        "第一は、平和維持と平和構築の取り組みを成功させる鍵となるパートナーシップである。",
    "The second is the importance of the institutional capacity building of the host countries.":
        "第二は、受入国の制度的な能力構築の重要性である。",
    "The third point is that the United Nations should be empowered to engage in resolving conflicts and in "
    "keeping, building, and sustaining peace.":
        "第三は、国連が紛争の解決、そして平和の維持・構築・持続に取り組めるよう、その権限を強化すべきだという点である。",
}


def build_japanese_fixture(seed_doc, theme) -> tuple[bytes, set[str]]:
    """Return the seed's 2.1 export as a CAT tool returns it, with the Japanese targets; and the unit ids filled.

    A unit gets targets only when every one of its segments has a translation; Japanese puts no space
    between sentences, so its ignorables get empty targets. The tool writes its own namespace prefix,
    metadata and a comment, as real tools do.
    """
    root = etree.fromstring(export(seed_doc, "2.1", theme, target_lang="ja"))
    q = lambda tag: f"{{{NS20}}}{tag}"  # noqa: E731
    filled: set[str] = set()
    for unit in root.iter(q("unit")):
        parts = [p for p in unit if etree.QName(p).localname in ("segment", "ignorable")]
        sources = ["".join(p.find(q("source")).itertext()) for p in parts if etree.QName(p).localname == "segment"]
        if not all(s in JA_TRANSLATIONS for s in sources):
            continue
        filled.add(unit.get("id"))
        for part in parts:
            source = part.find(q("source"))
            target = etree.Element(q("target"))
            if etree.QName(part).localname == "segment":
                target.text = JA_TRANSLATIONS["".join(source.itertext())]
                part.set("state", "final")
                part.set("subState", "examplecat:approved")
            source.addnext(target)
            target.tail = source.tail
    text = etree.tostring(root, encoding="unicode")
    text = re.sub(r"<(/?)([A-Za-z][\w-]*)", r"<\1xlf:\2", text)
    text = text.replace(f'xmlns="{NS20}"',
                        f'xmlns:xlf="{NS20}" xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0"', 1)
    text = re.sub(r"(<xlf:file [^>]*>)",
                  r"<!-- Translated with ExampleCAT; Japanese targets for part of the units. -->\n  \1\n"
                  r'    <mda:metadata><mda:metaGroup category="tool"><mda:meta type="name">ExampleCAT 4.2'
                  r"</mda:meta></mda:metaGroup></mda:metadata>", text, count=1)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8"), filled


def test_japanese_fixture_is_current_and_valid(seed, theme):
    data, filled = build_japanese_fixture(seed, theme)
    if os.environ.get("REGEN"):
        JA_FIXTURE.write_bytes(data)
    # 12: the presenter's affiliation is the same text as Mr. Kano's speaker affiliation.
    assert len(filled) == 12, "every translation in JA_TRANSLATIONS must find its unit in the seed"
    assert JA_FIXTURE.read_bytes() == data, "the seed's export changed: REGEN=1 rebuilds seed.ja.xlf"
    assert_valid(JA_FIXTURE.read_bytes(), "2.1")


def test_japanese_translation_merges(seed):
    merged, warnings = merge(seed, JA_FIXTURE.read_bytes())
    assert merged.meta.lang == "ja"
    assert merged.meta.title == "日本の国際平和協力の現状と今後の方向性"
    assert [s.title for s in merged.blocks] == ["開会挨拶", "第1部 基調講演", "第2部 討論"]
    opening = merged.blocks[0].blocks[0]
    assert opening.speaker == n.Speaker("Mr. Yasushi Akashi", "元国際連合事務次長")
    paragraph = n.plain_text(opening.blocks[0].inlines)
    assert paragraph.startswith("開会挨拶において明石氏は、本日の主な議題は")
    assert paragraph.endswith("共に考えるべきである。") and " " not in paragraph
    japanese = [t for t in texts_of(merged) if re.search("[\u3040-\u30ff]", t)]
    assert len(japanese) == 3
    assert texts_of(merged)[-1].startswith("セミナーの締めくくりに")
    # Everything else kept its English source, and one warning names those units.
    ids = [u.id for u in iter_units(collect(seed))]
    translated = {u.id for u in iter_units(collect(seed)) if u.kind in ("title", "heading")
                  or plain(u.tokens).startswith(("In the opening remarks", "Mr. Abdel-Latif stated",
                                                 "In concluding the seminar"))
                  or (u.kind.endswith("affiliation") and plain(u.tokens) in JA_TRANSLATIONS)}
    assert len(translated) == 12
    missing = [i for i in ids if i not in translated]
    assert [w.message for w in warnings] == [f"{len(missing)} of {len(ids)} units have no translation; "
                        f"their source text is kept: {', '.join(missing)}"]
    assert merged.meta.organizers == seed.meta.organizers
    assert merged.meta.presenters[0].affiliation == "日本国政府 内閣府 国際平和協力本部事務局長"
    with pytest.raises(ConversionError, match="incomplete"):
        merge(seed, JA_FIXTURE.read_bytes(), require_complete=True)


def test_japanese_bilingual(seed):
    merged, warnings = merge(seed, JA_FIXTURE.read_bytes(), bilingual=True)
    assert len(warnings) == 1 and merged.meta.lang == "en"
    assert merged.meta.title == ("Current Status and Future Direction of Japan's International Peace "
                                 "Cooperation / 日本の国際平和協力の現状と今後の方向性")
    assert merged.blocks[0].title == "Opening Remarks / 開会挨拶"
    speech = merged.blocks[0].blocks[0]
    assert speech.speaker.name == "Mr. Yasushi Akashi"  # untranslated: no "x / x"
    assert speech.speaker.affiliation == "Former Under-Secretary-General of the United Nations / 元国際連合事務次長"
    pair = speech.blocks[0]
    assert isinstance(pair, n.Parallel) and pair.langs == ("en", "ja")
    assert pair.blocks[0] == seed.blocks[0].blocks[0].blocks[0]
    assert n.plain_text(pair.blocks[1].inlines).startswith("開会挨拶において")




# --- notes, a table, a figure and links in Japanese -------------------------------------------------

#: Japanese targets for the rich sample's units, by the first words of their source, with the codes
#: where Japanese word order puts them: "{1}" stands for the source's code 1 (its note mark, or
#: its link around the words between "{1}" and "{/1}").
JA_RICH = {
    "Opening Remarks": "開会挨拶",
    "Dr. Pérez recalled": "ペレス博士は、2015年の見直し{1}と理事会のその後の決定を振り返った。{2}",
    "Questions may be sent": "質問は{3}info@example.org{/3}まで。報告書は{4}example.org/report{/4}で読める。",
    "Report of the High-Level": "{1}A/70/95{/1}：平和活動に関するハイレベル独立パネル報告書。",
    "See also": "{1}決議2378{/1}（2017年）も参照。",
    "Peace operations must be": "平和活動は{1}人間中心{/1}でなければならない。",
    "She then turned": "続いて同氏は数値に話を移した（{1}データ{/1}参照）。",
    "Data": "データ",
    "Table 1:": "表1：国別要員数（{1}2023年6月{/1}）",
    "Country": "国", "Personnel": "要員", "Mission": "ミッション", "Japan": "日本", "Total": "合計",
    "Ghana <GH>": "ガーナ <GH>",
    "Bar chart:": "棒グラフ：2019年から2023年にかけて派遣が増加",
    "Figure 1:": "図1：派遣数、2019〜2023年",
    "A source:": "出典：{1}データセット{/1}",
}


def _ja_target(segment: etree._Element, text: str) -> etree._Element:
    """Return a <target> of ``text`` with the codes of ``segment``'s source where ``{n}``/``{/n}`` stand."""
    codes = {c.get("id"): c for c in segment.find(f"{{{NS20}}}source").iter(f"{{{NS20}}}pc", f"{{{NS20}}}ph")}
    target = etree.Element(f"{{{NS20}}}target")
    stack = [target]
    for piece in re.split(r"(\{/?\d+\})", text):
        match = re.fullmatch(r"\{(/?)(\d+)\}", piece)
        if not match:
            last = stack[-1][-1] if len(stack[-1]) else None
            if last is not None:
                last.tail = (last.tail or "") + piece
            else:
                stack[-1].text = (stack[-1].text or "") + piece
        elif match.group(1):
            stack.pop()
        else:
            code = etree.SubElement(stack[-1], codes[match.group(2)].tag, dict(codes[match.group(2)].attrib))
            if etree.QName(code).localname == "pc":
                stack.append(code)
    return target


def test_japanese_rich_translation_moves_codes_with_the_words(rich_doc, theme):
    root = etree.fromstring(export(rich_doc, "2.1", theme, target_lang="ja"))
    for segment in root.iter(f"{{{NS20}}}segment"):
        source = "".join(segment.find(f"{{{NS20}}}source").itertext())
        text = next((t for start, t in JA_RICH.items() if source.startswith(start)), None)
        if text is not None:
            segment.find(f"{{{NS20}}}source").addnext(_ja_target(segment, text))
    for ignorable in root.iter(f"{{{NS20}}}ignorable"):  # Japanese puts no space between sentences
        etree.SubElement(ignorable, f"{{{NS20}}}target")
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    assert_valid(data, "2.1")
    merged, warnings = merge(rich_doc, data)
    assert [w.code for w in warnings] == ["untranslated"]  # the title block and the numbers only
    para = merged.blocks[0].blocks[0].blocks[0]
    assert [type(i).__name__ for i in para.inlines] == ["Text", "Note", "Text", "Note", "Text", "Link", "Text",
                                                        "Link", "Text"]
    assert n.plain_text(para.inlines) == ("ペレス博士は、2015年の見直しと理事会のその後の決定を振り返った。"
                                          "質問はinfo@example.orgまで。報告書はexample.org/reportで読める。")
    notes = list(n.iter_notes(merged.blocks))
    assert n.plain_text(notes[0].blocks[0].inlines) == "A/70/95：平和活動に関するハイレベル独立パネル報告書。"
    assert notes[0].blocks[0].inlines[0] == n.Link((n.Text("A/70/95"),), "https://undocs.org/A/70/95")
    assert notes[1].blocks[0].inlines[0] == n.Emph((n.Text("決議2378"),))
    table = next(b for b in n.iter_blocks(merged.blocks) if isinstance(b, n.Table))
    assert [[n.plain_text(c.blocks[0].inlines) for c in row.cells] for row in table.head + table.body] == [
        ["国", "要員", "ミッション"], ["日本", "4", "UNMISS"], ["ガーナ <GH>", "712", "UNIFIL & MINUSMA"],
        ["合計", "716 & more"]]
    assert table.caption == (n.Text("表1：国別要員数（"), n.Emph((n.Text("2023年6月"),)), n.Text("）"))
    figure = next(b for b in n.iter_blocks(merged.blocks) if isinstance(b, n.Figure))
    assert figure.image.alt == "棒グラフ：2019年から2023年にかけて派遣が増加"
    assert n.plain_text(figure.caption) == "図1：派遣数、2019〜2023年"
    assert merged.blocks[1].title == "データ" and merged.blocks[1].id == "data"
    section_link = merged.blocks[0].blocks[0].blocks[2].inlines[1]
    assert section_link == n.Link((n.Text("データ"),), "#data")
