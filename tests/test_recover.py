"""Structure recovery through the text reader: the seed's exact structure, fixture reports, each step alone, and properties."""

from __future__ import annotations

import json
import os
import re
import textwrap
import unicodedata
from collections import Counter

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from convert import astjson
from convert import nodes as n
from convert.decode import decode_bytes, read_file
from convert.lines import Line
from convert.readers.text import recover_text as normalize
from convert.readers.text import mark_line_ends, right_to_left_in_reading_order, soft_line_ends, split_lines, text_lines
from convert.recover import patterns
from convert.recover.blocks import Openers, group_blocks
from convert.recover.furniture import drop_page_furniture
from convert.recover.text import Vocabulary, breaks_word, join_lines, parse_inlines
from convert.recover.titleblock import find_body_start
from convert.pipeline import prepare_file

from .conftest import FIXTURES, GOLDEN, SEED

NORMALIZE_FIXTURES = FIXTURES / "normalize"


def speeches_of(text: str) -> list[n.Speech]:
    """Return the speeches of the tree ``text`` normalizes to, in order."""
    return [b for b in n.iter_blocks(normalize(text).document.blocks) if isinstance(b, n.Speech)]


def body_paragraphs(doc: n.Document) -> list[n.Para]:
    """Return the paragraphs of ``doc`` that are not inside list items."""
    in_items = {id(b) for lst in n.iter_blocks(doc.blocks) if isinstance(lst, (n.OrderedList, n.BulletList))
                for item in lst.items for b in n.iter_blocks(item.blocks)}
    return [b for b in n.iter_blocks(doc.blocks) if isinstance(b, n.Para) and id(b) not in in_items]


# --- the seed ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed():
    return prepare_file(SEED).document


def test_seed_title_block(seed):
    meta = seed.meta
    assert meta.title == "Current Status and Future Direction of Japan's International Peace Cooperation"
    assert meta.organizers == ("Global Peacebuilding Association of Japan",
                               "Kyoto Peacebuilding Center and ACUNS Tokyo Liaison Office")
    assert meta.presenters == (n.Speaker(
        "Mr. Takehiro Kano",
        "Director-General of the International Peace Cooperation Headquarters Cabinet Office, Government of Japan"),)
    assert (meta.date, meta.date_text) == ("2023-01-28", "Saturday, 28 January 2023")
    assert meta.time_text == "20:00-21:30 (Tokyo); 12:00-13:30 (Geneva); 6:00-7:30 (New York)"
    assert meta.compiled_by == "Maciej Witek"
    assert meta.lang == "en"


def test_seed_sections_and_speeches(seed):
    sections = [b for b in seed.blocks if isinstance(b, n.Section)]
    assert len(seed.blocks) == len(sections) == 3
    assert [s.title for s in sections] == ["Opening Remarks", "Part I Keynote Presentation", "Part II Discussion"]
    assert [s.id for s in sections] == ["opening-remarks", "part-i-keynote-presentation", "part-ii-discussion"]
    speeches = [(s.title, b.speaker) for s in sections for b in s.blocks if isinstance(b, n.Speech)]
    assert speeches == [
        ("Opening Remarks", n.Speaker("Mr. Yasushi Akashi", "Former Under-Secretary-General of the United Nations")),
        ("Part I Keynote Presentation", n.Speaker(
            "Mr. Takehiro Kano",
            "Director-General of the International Peace Cooperation Headquarters Cabinet Office, Government of Japan")),
        ("Part I Keynote Presentation", n.Speaker(
            "Mr. Ahmed Abdel-Latif",
            "Director-General of Cairo Center for Conflict Resolution and Peacekeeping Activities, Cairo, Egypt")),
        ("Part II Discussion", n.Speaker(
            "Mr. Takahiro Shinyo",
            "Former Ambassador to the UN and Germany, Professor at the Kwame Nkrumah University of Science and Technology")),
        ("Part II Discussion", n.Speaker("Mr. Takaaki Mizuno", "Professor of Kanda University of International Studies")),
        ("Part II Discussion", n.Speaker("Mr. Tadamichi Yamamoto", "Former SRSG to Afghanistan and Head of UNAMA")),
        ("Part II Discussion", n.Speaker(
            "Mr. Takakazu Ito",
            "Senior Programme Manager, Triangular Partnership, Department of Operational Support, United Nations")),
        ("Part II Discussion", n.Speaker(
            "Mr. Koji Sakane",
            "Senior Director, Office for Peacebuilding, Japan International Cooperation Agency (JICA)")),
    ]
    # Every speech sits directly in a section, and every section holds only speeches.
    assert all(isinstance(b, n.Speech) for s in sections for b in s.blocks)


def test_seed_paragraphs_list_and_words(seed):
    paragraphs = body_paragraphs(seed)
    lists = [b for b in n.iter_blocks(seed.blocks) if isinstance(b, (n.OrderedList, n.BulletList))]
    assert len(paragraphs) == 16
    assert len(lists) == 1 and isinstance(lists[0], n.OrderedList)
    assert lists[0].start == 1 and len(lists[0].items) == 3 and lists[0].lines == (51, 54)
    words = sum(len(n.plain_text(b.inlines).split()) for b in n.iter_blocks(seed.blocks) if isinstance(b, n.Para))
    assert words == 3302
    item_text = n.plain_text(lists[0].items[0].blocks[0].inlines)
    assert item_text.startswith("Russia and China") and not item_text.startswith("1.")


def test_seed_page_break_splits_joined(seed):
    spans = {p.lines: n.plain_text(p.inlines) for p in body_paragraphs(seed)}
    for span, seam in [((43, 45), "Rwanda. The legal framework, step by step"),
                       ((65, 67), "threat to many African states. Recently"),
                       ((81, 83), "from now, we would be able to have"),
                       ((98, 100), "examples of possible candidates. Thirdly")]:
        assert seam in spans[span]


def test_seed_spans(seed):
    opening = seed.blocks[0]
    assert opening.lines == (24, 31)
    speech = opening.blocks[0]
    assert speech.lines == (28, 31) and speech.blocks[0].lines == (31, 31)
    # Spans nest: every child lies within its parent.
    for block in n.iter_blocks(seed.blocks):
        children = block.blocks if isinstance(block, (n.Section, n.Speech)) else ()
        for child in children:
            assert block.lines[0] <= child.lines[0] <= child.lines[1] <= block.lines[1]


def test_seed_matches_golden_and_round_trips(seed):
    golden = GOLDEN / "japan-peace-cooperation-2023.ast.json"
    if os.environ.get("REGEN"):
        golden.write_text(astjson.dumps(seed), encoding="utf-8")
    assert astjson.to_json(seed) == json.loads(golden.read_text(encoding="utf-8"))
    assert astjson.loads(astjson.dumps(seed)) == seed


def test_seed_has_no_warnings():
    assert [d for d in prepare_file(SEED).diagnostics if d.severity == "warning"] == []


# --- fixture reports (input text, expected tree) ------------------------------------


@pytest.mark.parametrize("name", sorted(p.stem for p in NORMALIZE_FIXTURES.glob("*.txt")))
def test_fixture(name):
    result = prepare_file(NORMALIZE_FIXTURES / f"{name}.txt")
    expected_path = NORMALIZE_FIXTURES / f"{name}.json"
    actual = astjson.to_json(result.document)
    actual["diagnostics"] = [d.format() for d in result.diagnostics]
    if os.environ.get("REGEN"):
        expected_path.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if not expected_path.exists():
        pytest.fail(f"{expected_path.name} is missing: `make regen` writes it (check it before committing)")
    assert actual == json.loads(expected_path.read_text(encoding="utf-8"))


def test_fixture_honorific_variants():
    doc = prepare_file(NORMALIZE_FIXTURES / "honorifics.txt").document
    speakers = [b.speaker for b in n.iter_blocks(doc.blocks) if isinstance(b, n.Speech)]
    assert speakers == [
        n.Speaker("H.E. Ms. Fatima Diallo", "Ambassador of Senegal to Japan"),
        n.Speaker("Prof. Kenji Watanabe",
                  "Professor of International Law, Graduate School of Public Policy, University of Tokyo"),
        n.Speaker("Ambassador Rui Costa", "Former Permanent Representative of Portugal to the United Nations"),
        n.Speaker("Hon. Grace Mensah", "Member of Parliament, Ghana"),
        n.Speaker("Dr. Amara Okafor", ""),
    ]
    assert doc.meta.title == "Maritime Security in the Gulf of Guinea: Lessons and Prospects"
    assert doc.meta.presenters == (n.Speaker("Dr. Amara Okafor", "Senior Fellow, Institute for Regional Security Studies"),)
    assert doc.meta.compiled_by == "Hanna Lindqvist"
    assert [s.title for s in doc.blocks] == ["Session 1: Regional Perspectives", "Panel Discussion", "Q&A",
                                             "Closing Remarks"]
    lists = [b for b in n.iter_blocks(doc.blocks) if isinstance(b, n.OrderedList)]
    assert len(lists) == 1 and len(lists[0].items) == 3  # "3." after a blank line continues the list


def test_fixture_hard_wraps_hyphens_and_page_furniture():
    result = normalize(read_file(str(NORMALIZE_FIXTURES / "hardwrap.txt")).text)
    paragraphs = body_paragraphs(result.document)
    first = n.plain_text(paragraphs[0].inlines)
    assert "self-defense forces" in first and "self-defense is not" in first  # compound kept
    assert "Their cooperation with" in first and "International cooperation" in first  # split word joined
    assert "Director-General of the department" in first  # capitalised second part keeps the hyphen
    assert "began in the early 1990s" in first  # joined across the page number and running header
    assert "12" not in first and "Peace Report 2023" not in first
    assert paragraphs[0].lines == (7, 20)
    reasons = Counter(d.reason for d in result.dropped)
    assert reasons == {"page-number": 3, "running-header": 3}
    assert any(d.code == "dehyphenated" and d.severity == "warning" for d in result.diagnostics)
    assert [s.title for s in result.document.blocks] == ["Opening Remarks", "Part II Discussion"]


def test_fixture_roles_without_blank_lines_date_and_time_on_one_line():
    result = prepare_file(NORMALIZE_FIXTURES / "wrapped-roles.txt")
    doc = result.document
    assert doc.meta.title == "Peacebuilding in Africa: The Role of Asian Partners"
    assert doc.meta.organizers == ("UNITED NATIONS ASSOCIATION OF JAPAN", "Seminar Report")
    assert (doc.meta.date, doc.meta.date_text, doc.meta.time_text) == ("2023-04-03", "Monday, 3 April 2023",
                                                                      "14:00-16:00 JST")
    assert doc.meta.compiled_by == "Ken Mori"
    assert any(d.code == "title-guessed" for d in result.diagnostics)
    speakers = [b.speaker for b in n.iter_blocks(doc.blocks) if isinstance(b, n.Speech)]
    assert speakers[:2] == [n.Speaker("Prof. Hiroshi Tanaka", "President, UNAJ"),
                            n.Speaker("Ms. Aiko Sato", "Programme Officer, Japan International Cooperation Agency (JICA)")]
    first = body_paragraphs(doc)[0]
    assert n.plain_text(first.inlines).startswith("Prof. Tanaka welcomed the participants") and first.lines == (14, 17)
    qa = [n.plain_text(p.inlines) for p in body_paragraphs(doc) if n.plain_text(p.inlines)[:2] in ("Q:", "A:")]
    assert qa == ["Q: What is the biggest challenge?", "A: Funding, and keeping trained staff."]


def test_fixture_role_labels_and_parenthesised_affiliations():
    doc = prepare_file(NORMALIZE_FIXTURES / "moderator.txt").document
    speakers = [b.speaker for b in n.iter_blocks(doc.blocks) if isinstance(b, n.Speech)]
    assert speakers[:2] == [n.Speaker("Dr. Chen Wei", "Director, Asia-Pacific Peace Forum"),
                            n.Speaker("Prof. Ana Lopes", "Moderator, University of Lisbon")]
    assert [s.title for s in doc.blocks if isinstance(s, n.Section)] == [
        "Opening Session", "Panel 1: Mediation in Practice", "Closing Remarks"]
    assert doc.meta.compiled_by == "Sofia Marin" and doc.meta.time_text == "09:30–12:00 (Bangkok time)"


def test_fixture_bullets():
    doc = prepare_file(NORMALIZE_FIXTURES / "bullets.txt").document
    lists = [b for b in n.iter_blocks(doc.blocks) if isinstance(b, (n.OrderedList, n.BulletList))]
    assert [type(x).__name__ for x in lists] == ["BulletList", "BulletList", "OrderedList"]
    assert [len(x.items) for x in lists] == [3, 3, 2]
    assert lists[2].start == 4
    wrapped = n.plain_text(lists[0].items[1].blocks[0].inlines)
    assert wrapped == "Regional organisations should lead mediation efforts, with support from partners."


def test_fixture_inline_markup():
    doc = prepare_file(NORMALIZE_FIXTURES / "inline.txt").document
    para = body_paragraphs(doc)[0]
    assert n.Strong((n.Text("international peace cooperation"),)) in para.inlines  # bold over two lines
    assert n.Emph((n.Text("shared"),)) in para.inlines
    assert n.Emph((n.Text("rule of law"),)) in para.inlines
    text = n.plain_text(para.inlines)
    assert "snake_case_name and 5 * 3 = 15" in text
    assert "An unmatched ** marker" in text
    assert "<b>bold</b> & <script>alert(1)</script>" in text


@pytest.mark.parametrize("name,encoding", [("crlf-bom", "utf-8"), ("cp1252", "cp1252")])
def test_fixture_encodings(name, encoding):
    decoded = read_file(str(NORMALIZE_FIXTURES / f"{name}.txt"))
    assert decoded.encoding == encoding
    assert "\r" not in decoded.text and "\ufeff" not in decoded.text
    doc = normalize(decoded.text).document
    speech = doc.blocks[0].blocks[0]
    assert speech.speaker.name in ("Mr. João Silva", "Mr. André Dupont")
    assert "café" in n.plain_text(speech.blocks[0].inlines)
    assert speech.lines == (3, 6)


# --- each step alone ----------------------------------------------------------------


def test_split_lines_blanks_whitespace_only_lines():
    assert split_lines("a  \n \t \nb") == [Line(1, "a"), Line(2, ""), Line(3, "b")]


def test_split_lines_counts_pages_at_form_feeds():
    lines = split_lines("a\n\x0cb\nc\x0c\n\n  d")
    assert [(line.number, line.text, line.page, line.indent) for line in lines] == [
        (1, "a", 1, 0), (2, "b", 2, 0), (3, "c", 2, 0), (4, "", 3, 0), (5, "  d", 3, 2)]


def test_form_feeds_inside_a_right_to_left_name_are_no_page_breaks():
    # pypdf and pypdfium2 give glyphs of a name LibreOffice set as U+000C; a page break falls
    # between lines, and the pages a dump without form feeds has are told by its furniture.
    pages = [f"The talks went on.\nMs. \u0641\u0627\u0637\u0645\u0629 \u0627\u0644\x0c\x0c\u0631\u0627\u0634\u062f "
             f"said so.\nPage {number} of 3\nBasin Report" for number in (1, 2, 3)]
    lines = split_lines("\n".join(pages))
    assert {line.page for line in lines} == {1}
    assert lines[1].text == "Ms. \u0641\u0627\u0637\u0645\u0629 \u0627\u0644\u0631\u0627\u0634\u062f said so."
    assert split_lines("a\x0cb\n\x0cc")[-1].page == 3  # between other letters, as before


def test_drop_page_furniture_keeps_repeated_speakers():
    text = "\n\n".join(["Ms. Ann Lee", "She spoke.", "Ms. Ann Lee", "She spoke again.", "Ms. Ann Lee", "Bye."])
    lines, dropped, _ = drop_page_furniture(split_lines(text), protect=lambda t: bool(patterns.split_speaker_line(t)))
    assert dropped == [] and lines == split_lines(text)


def test_drop_page_furniture_page_number_forms():
    for furniture in ("12", "- 12 -", "Page 3", "Page 3 of 10", "3/10", "xii"):
        lines, dropped, _ = drop_page_furniture(split_lines(f"Some text\n\n{furniture}\n\nmore text"))
        assert [d.text for d in dropped] == [furniture], furniture
    _, dropped, _ = drop_page_furniture(split_lines("Some text\n12 apples\nmore"))
    assert dropped == []


def test_group_blocks_counts_gaps():
    chunks = group_blocks(split_lines("a\nb\n\n\n\nc")).chunks
    assert [(c.text, c.gap_before) for c in chunks] == [("a b", 0), ("c", 3)]


_WRAPPED = """Opening Remarks
Dr. Ana Ruiz
Director, Centre for Water Studies
Dr. Ruiz said that the basin authorities had agreed on a common
plan for the next decade, with the funding to follow.
The plan was short.
Several delegations asked for clearer reporting on the results and
– as one of them put it – on the money spent so far in the region.
"""


def test_group_blocks_cuts_without_blank_lines():
    blocks = group_blocks(split_lines(_WRAPPED))
    assert [[line.number for line in chunk.lines] for chunk in blocks.chunks] == [[1], [2, 3, 4, 5], [6], [7, 8]]
    # "– as one of them" continues a filled line: no list item starts there.
    assert blocks.continued == {(8, "– as one of them put it – on the money spent so far in the region.")}


def test_wrapped_report_without_blank_lines():
    doc = normalize(_WRAPPED).document
    section = doc.blocks[0]
    assert section.title == "Opening Remarks"
    speech = section.blocks[0]
    assert (speech.speaker.name, speech.speaker.affiliation) == ("Dr. Ana Ruiz", "Director, Centre for Water Studies")
    assert [n.plain_text(b.inlines)[:20] for b in speech.blocks] == [
        "Dr. Ruiz said that t", "The plan was short.", "Several delegations "]


def test_paged_furniture_and_contents_are_left_out():
    pages = ["Water Report\nContents\nOpening Remarks ........ 2\nSession 1: Data Sharing ........ 3",
             "Water Report\nOpening Remarks\nDr. Ana Ruiz\nDirector, Centre for Water Studies\n"
             "Dr. Ruiz said that the basin authorities had agreed on a common\nPage 2 of 3",
             "Water Report\nplan for the next decade.\nSession 1: Data Sharing\nMr. Li Wei\n"
             "Mr. Li said the data would be shared.\nPage 3 of 3"]
    result = normalize("\n\f".join(pages))  # as pdftotext ends each page
    reasons = {d.text.strip(): d.reason for d in result.dropped}
    assert reasons["Page 2 of 3"] == "page-number" and reasons["Opening Remarks ........ 2"] == "contents"
    assert [d.reason for d in result.dropped if d.text == "Water Report"] == ["running-header", "running-header"]
    assert result.document.meta.title == "Water Report"  # the title page keeps it
    first, second = result.document.blocks
    assert (first.title, second.title) == ("Opening Remarks", "Session 1: Data Sharing")
    assert n.plain_text(first.blocks[0].blocks[0].inlines).endswith("had agreed on a common plan for the next decade.")

def test_a_title_at_the_top_of_the_page_after_the_title_page_opens_a_section():
    # pypdf: no form feeds. The header of the page after the title page is read with the title
    # block's last lines; taken out, it leaves the page's first lines: a title over running text.
    body = ("Participants agreed that the basin authorities had agreed on a common plan for the\n"
            "next decade, and that the data of every station would be shared with the offices of\n"
            "the region before the spring. The chair thanked the staff of the stations for their\n"
            "work over the year.\n")
    header = "Water, Towns and the Public Purse\n"
    text = ("Basin Institute of Hydrology\nValley School of Public Policy\npresent\nDr. Ana Ruiz\n"
            "Director, Centre for Water Studies\nOn\nWater, Towns and the\nPublic Purse\nMay 3, 2024\n"
            f"11:00-12:30 (Kumasi)\nReport compiled by Lea Novak\n{header}Lessons from the Delta\n{body}{body}"
            f"Page 2\n{header}{body}Page 3\n{header}{body}Page 4\n")
    result = normalize(text)
    assert [b.title for b in result.document.blocks] == ["Lessons from the Delta"]
    assert n.plain_text(result.document.blocks[0].blocks[0].inlines).startswith("Participants agreed that")
    assert [d.line for d in result.dropped if d.reason == "running-header"][0] == 12


def test_a_heading_never_runs_on_into_a_speakers_line_broken_at_the_names_hyphen():
    # A narrow column breaks the speaker's line inside a hyphenated name ("Magsaysay-" /
    # "Cruz (Deputy Director, ..."): the line opens with an honorific, as no heading's rest does.
    text = ("Opening Remarks\nDr. Ana Ruiz\nDirector, Centre for Water Studies\nDr. Ruiz agreed.\n"
            "Closing Remarks\nH.E. Maria Santos-\nCruz (Deputy Director,\nMinistry of Water)\n"
            "H.E. Santos-Cruz, whose office\nsupports the councils, said so.\n")
    closing = normalize(text).document.blocks[1]
    assert closing.title == "Closing Remarks"
    assert (closing.blocks[0].speaker.name, closing.blocks[0].speaker.affiliation) == (
        "H.E. Maria Santos-Cruz", "Deputy Director, Ministry of Water")


def test_a_line_two_long_headings_share_at_their_pages_tops_is_no_running_header():
    # Two headings wrapped alike open their pages under the running header: their middle line
    # recurs in the pages' top bands, but stops mid-phrase and goes on into the next line.
    def session(number: str, topic: str, name: str, role: str) -> str:
        return (f"Water Report\nSession {number}: {topic}:\nEvidence, Institutions and the Long Road to\n"
                f"Implementation\n{name}\n{role}\n{name} said that the plan was agreed.\nPage {number}")
    pages = ["Water Report\nOpening Remarks\nThe chair opened the meeting.",
             session("1", "Land and Water", "Dr. Ana Ruiz", "Director, Centre for Water Studies"),
             "Water Report\nParticipants agreed that the data would be shared.\nPage 2",
             session("3", "Health and Care", "Mr. Li Wei", "Adviser, Basin Office")]
    result = normalize("\n\f".join(pages))
    assert [b.title for b in result.document.blocks] == [
        "Opening Remarks", "Session 1: Land and Water: Evidence, Institutions and the Long Road to Implementation",
        "Session 3: Health and Care: Evidence, Institutions and the Long Road to Implementation"]
    assert {d.text for d in result.dropped if d.reason == "running-header"} == {"Water Report"}


def test_paragraphs_on_single_lines_are_told_apart_but_lines_run_together_are_no_paragraphs():
    sentences = ["The basin authorities agreed on a common plan for the decade ahead and asked the donors "
                 "for support in the years to come, as the last plan had run out in the spring.",
                 "The plan covers all of the rivers of the region and the lakes that they feed in the dry "
                 "season, from the hills to the coast, and the wells of the towns along them.",
                 "Participants noted that the offices of the basin would share their data with the public "
                 "at no cost within a month of each meeting of the council and of its boards."]
    single = normalize("Opening Remarks\n" + "\n".join(sentences) + "\n").document.blocks[0].blocks
    assert [n.plain_text(b.inlines) for b in single] == sentences
    # Raw pdftotext runs some wrapped lines together (across hyphens it took out): a long line
    # ending a sentence is then two lines of one paragraph, not a paragraph of its own, where
    # the other lines wrap.
    wrapped = ["The basin authorities agreed on a common plan for the decade ahead and asked",
               "the donors for support in the years to come. The plan covers all of the rivers "
               "of the region and the lakes that they feed in the dry season, from the hills to the coast.",
               "Participants noted that the offices of the basin would share their data with "
               "the public at no cost within a month of each meeting and at every level of it.",
               "The chair closed the meeting after the last of the questions from the floor."]
    import textwrap
    before = textwrap.wrap("Delegates agreed that the regional offices would review the basin plan with the "
                           "municipal utilities and provincial planners before the end of the year while the data "
                           "of every station would be shared with the research institutes and district teams " * 3
                           + "in the spring.", 78)
    text = "Opening Remarks\n" + "\n".join([*before, "", *wrapped, "", "It was late.", ""])
    blocks = normalize(text).document.blocks[0].blocks
    assert [n.plain_text(b.inlines)[:20] for b in blocks] == ["Delegates agreed tha", "The basin authoritie",
                                                              "It was late."]
    # Most of a paragraph's lines may be run together, long lines all: one that wraps into the
    # next, in lowercase, shows them lines of one paragraph, not paragraphs each.
    merged = ["Mr. Jansen, whose institute supports the water user associations in seven provinces, stressed that "
              "the research institutes spent a great deal on water-quality",
              "testing in the last few years. He further argued that the transfers between the councils - contrary "
              "to the official projections - must be reviewed by the operators.",
              "In several countries, research institutes were expected to renegotiate land registration over the "
              "next decade. He added that the water user associations were beginning to share the transfers over "
              "the next decade. The cooperative banks should evaluate public transport."]
    text = "Opening Remarks\n" + "\n".join([*before, *merged, "", "It was late.", ""])
    blocks = normalize(text).document.blocks[0].blocks
    assert [n.plain_text(b.inlines)[:20] for b in blocks] == ["Delegates agreed tha", "Mr. Jansen, whose in",
                                                              "It was late."]


@pytest.mark.parametrize("boxes,title", [
    # pdfminer ends a heading's text box mid-phrase (a running header's box was set between) ...
    (["Part II From Pilot Projects to\nNational Programmes:", "Measuring Public Budgets\nacross the Islands"],
     "Part II From Pilot Projects to National Programmes: Measuring Public Budgets across the Islands"),
    # ... or at each line, breaking words, two lines of it in one box.
    (["Session 1: Rural Develop-", "ment and Tax Administra-", "tion: Evidence, Institutions\nand the Long Road to Imple-",
      "mentation"], "Session 1: Rural Development and Tax Administration: Evidence, Institutions and the Long Road "
                    "to Implementation"),
])
def test_a_heading_in_text_boxes_of_its_own_goes_on_from_box_to_box(boxes, title):
    text = ("Opening Remarks\n\nThe chair opened the meeting and thanked the hosts for their welcome.\n\n"
            + "\n\n".join(boxes) + "\n\nDr. Ana Ruiz (Director, Centre for Water Studies)\n\n"
            "Dr. Ruiz said that the plans were late.\n")
    sections = normalize(text).document.blocks
    assert [section.title for section in sections] == ["Opening Remarks", title]
    assert sections[1].blocks[0].speaker.name == "Dr. Ana Ruiz"


def test_a_heading_the_contents_lists_goes_on_over_a_break():
    # A heading wrapped where its column or page ended: its last word at the next one's top,
    # set apart (a layout dump's rows around larger type), is the heading's (no broken word, no
    # phrase left open tells so), as the contents page lists it.
    body = ["The basin authorities agreed on a common plan for the decade ahead and the",
            "donors for support; the plan covers all the rivers of the region.", ""]
    contents = "Water Report\nContents\nOpening Remarks\nPart II The Role of Civil Society in Housing Policy\n1"
    pages = [contents, "Water Report\nOpening Remarks\n" + "\n".join(body) + "Part II The Role of Civil Society in Housing\n2",
             "Water Report\nPolicy\n\nThe second session began after a break and went on for\n"
             "longer than the first one did, with questions from the floor.\n3"]
    sections = normalize("\n\f".join(pages)).document.blocks
    assert [section.title for section in sections] == ["Opening Remarks",
                                                       "Part II The Role of Civil Society in Housing Policy"]
    assert len(sections[1].blocks) == 1


def test_a_listed_title_in_two_boxes_at_a_pages_top_does_not_go_on_with_the_page_before():
    # pdfminer: a blank line between boxes; the page before ends on a full line, and the
    # title the contents lists opens the next page in two boxes: a heading, not the text's rest.
    title = "From Pilot Projects to National Programmes: Reforming Rural Broadband across West Africa"
    contents = f"Water Report\n\nContents\n\nOpening Remarks\n\n{title}\n\n1"
    pages = [contents,
             "Water Report\n\nOpening Remarks\n\nThe basin authorities agreed on a common plan for the decade\n"
             "ahead and the donors for support; the plan covers all the rivers and the\n\n2",
             "Water Report\n\nFrom Pilot Projects to National Programmes: Reforming Rural\n\n"
             "Broadband across West Africa\n\nDr. Ana Ruiz\n\nDirector, Centre for Water Studies\n\n"
             "Dr. Ruiz said that the plan was agreed after a long debate.\n\n3"]
    sections = normalize("\n\f".join(pages)).document.blocks
    assert [section.title for section in sections] == ["Opening Remarks", title]


def test_a_speaker_the_outline_lists_in_two_boxes_stays_a_speaker():
    # A browser's PDF outline may list a speaker's name and role as one entry; printed in two
    # boxes a blank line apart, they are still a speaker, not a title the outline lists.
    from convert.recover import recover

    texts = ["Opening Remarks", "", "Dr. Ana Ruiz", "", "Director, Centre for Water Studies", "",
             "Dr. Ruiz said that the basin authorities had agreed on a common plan.", "", "Closing Remarks", "",
             "Participants thanked the hosts."]
    lines = [Line(number, text) for number, text in enumerate(texts, 1)]
    document = recover(lines, outline=["Opening Remarks", "Dr. Ana Ruiz Director, Centre for Water Studies",
                                       "Closing Remarks"]).document
    assert [section.title for section in document.blocks] == ["Opening Remarks", "Closing Remarks"]
    assert [speech.speaker.name for speech in n.iter_blocks(document.blocks) if isinstance(speech, n.Speech)] == [
        "Dr. Ana Ruiz"]


def test_a_heading_at_a_pages_top_and_its_contents_entry_are_no_running_header():
    # A contents page without page numbers opens under the running header with the first
    # heading, which opens the next page too: two pages of six, where the header is on five.
    body = ["Participants agreed that the data would be shared.", "The chair closed the meeting.",
            "The offices would report in the spring."]
    pages = ["Water Report\nTuesday, 21 January 2025",
             "Water Report\nContents\nThe Role of Civil Society in Water Governance\nClosing Session\n2",
             "Water Report\nThe Role of Civil Society in Water Governance\nDr. Ana Ruiz\n"
             "Director, Centre for Water Studies\nDr. Ruiz said that the plan was agreed.\n3",
             *(f"Water Report\n{sentence}\n{number}" for number, sentence in enumerate(body, 4))]
    result = normalize("\n\f".join(pages))
    assert result.document.blocks[0].title == "The Role of Civil Society in Water Governance"
    assert {d.text for d in result.dropped if d.reason == "running-header"} == {"Water Report"}


def test_a_heading_and_its_contents_entry_are_no_running_header_in_a_short_report():
    # Three pages carry the header; the first heading opens the third and is the contents'
    # first entry on the second (pdfminer gives the entries under "Contents", numbers apart):
    # on two pages of three, but once under a "Contents" line.
    pages = ["Water Report\nTuesday, 21 January 2025",
             "Water Report\nContents\nThe Role of Civil Society in Water Governance\nClosing Session\n\n"
             "........\n........\n\n3\n4\nPage 2",
             "Water Report\nThe Role of Civil Society in Water Governance\nDr. Ana Ruiz\n"
             "Director, Centre for Water Studies\nDr. Ruiz said that the plan was agreed.\nPage 3",
             "Closing Session\nThe chair closed the meeting.\nPage 4"]
    result = normalize("\n\f".join(pages))
    assert [b.title for b in result.document.blocks] == [
        "The Role of Civil Society in Water Governance", "Closing Session"]
    assert {d.text for d in result.dropped if d.reason == "running-header"} == {"Water Report"}


def test_a_footer_glued_to_the_word_it_broke_is_furniture_and_the_word_whole():
    # pdftotext joins a line ending in a hyphen with the next, also when that is the footer.
    pages = ["Water Report\nOpening Remarks\nDr. Ana Ruiz\nDirector, Centre for Water Studies\n"
             "Dr. Ruiz said that the basin authorities and the research instiPage 2 of 3",
             "Water Report\ntutes had agreed on a common plan for the next decade.\nPage 3 of 3"]
    result = normalize("\n\f".join(pages))
    assert [d.text.strip() for d in result.dropped if d.reason == "page-number"] == ["Page 2 of 3", "Page 3 of 3"]
    assert n.plain_text(result.document.blocks[0].blocks[0].blocks[0].inlines).endswith(
        "the research institutes had agreed on a common plan for the next decade.")


_JOINED = ("Opening Remarks\nThe council agreed that the early-warning systems of the basin would\n"
           "be shared with the offices of the region and that the stations of the earlywarning systems of "
           "the coast would\nfollow in the spring, after the elections of the new councils in\n"
           "the region and the towns. The chair thanked the staff of the\nstations for their work.\n")


def test_a_compound_the_extractor_joined_at_a_lines_end_gets_its_hyphen_back():
    # pdftotext (raw) drops the hyphen of "early-" / "warning" when it joins the two lines.
    result = normalize(_JOINED)
    text = n.plain_text(result.document.blocks[0].blocks[0].inlines)
    assert "stations of the early-warning systems of the coast" in text
    assert [d.code for d in result.diagnostics if d.code == "compound-rehyphenated"] == ["compound-rehyphenated"]


def test_a_dash_typed_as_hyphens_the_extractor_cut_at_a_lines_end_is_put_back():
    # pdftotext (raw) took the last hyphen of "of --" out at the line's end and ran the next line
    # on to it: "of -the". Where a printed line could have ended after the hyphen, the dash and
    # its space are put back; one that could not have ended a line ("-1") stays.
    text = _JOINED.replace("the stations of the earlywarning systems of the coast would",
                           "the stations of -the systems of the coast would")
    result = normalize(text)
    assert "the stations of -- the systems of the coast" in n.plain_text(result.document.blocks[0].blocks[0].inlines)
    assert [d.code for d in result.diagnostics].count("dash-put-back") == 1
    early = _JOINED.replace("be shared with the offices", "be -shared with the offices")
    assert "be -shared with the offices" in n.plain_text(normalize(early).document.blocks[0].blocks[0].inlines)


def test_a_compound_written_nowhere_else_gets_its_hyphen_back_from_the_languages_word_list():
    # "school-" / "feeding", the only time the document writes it: raw pdftotext gives
    # "schoolfeeding", no English word, where a printed line could have ended between "school"
    # and "feeding", two words of at least four letters.
    text = _JOINED.replace("the early-warning systems of the basin", "the flood defences of the basin") \
        .replace("earlywarning", "schoolfeeding")

    def paragraph(text: str, lang: str = "en") -> str:
        return n.plain_text(normalize(text, lang=lang).document.blocks[0].blocks[0].inlines)

    assert "the stations of the school-feeding systems of the coast" in paragraph(text)
    # A language without a word list known, or a document that writes the word so elsewhere,
    # keeps it as it stands.
    assert "the stations of the schoolfeeding systems of the coast" in paragraph(text, "sw")
    twice = text.replace("for their work.", "for their schoolfeeding work.")
    assert "the stations of the schoolfeeding systems of the coast" in paragraph(twice)
    # Nor is a word inside markup, an address or code, which no layout breaks as a compound (and
    # whose letters an older word list may lack, as "javascript").
    code = text.replace("the schoolfeeding systems", 'the href="schoolfeeding:x" systems')
    assert 'the stations of the href="schoolfeeding:x" systems' in paragraph(code)


def test_a_capital_inside_a_word_where_a_line_could_have_ended_gets_its_hyphen_back():
    # "Inter-" / "University", written nowhere else: pdftotext (raw) gives "InterUniversity".
    text = _JOINED.replace("the stations of the earlywarning systems of the coast would\n",
                           "the InterUniversity Alliance of the coast would\n")
    assert "that the Inter-University Alliance" in n.plain_text(normalize(text).document.blocks[0].blocks[0].inlines)
    # Where no printed line could have ended there (early in a line run together), it stays.
    early = text.replace("shared with the offices of the region and that the InterUniversity",
                         "shared with the InterUniversity offices of the region and that the")
    assert "shared with the InterUniversity offices" in n.plain_text(
        normalize(early).document.blocks[0].blocks[0].inlines)


def test_capitals_before_a_word_where_a_line_could_have_ended_get_their_hyphen_back():
    # "TAB-" / "delimited": pdftotext (raw) gives "TABdelimited", capitals before an English word
    # in lower case; not a name in capitals before a capitalised word ("OSError"), nor before
    # letters that are no word or fewer than four ("SQLite", "JUnit").
    def paragraph(words: str, lang: str = "en") -> str:
        text = _JOINED.replace("the stations of the earlywarning systems of the coast would\n",
                               f"the {words} Alliance of the coast would\n")
        return n.plain_text(normalize(text, lang=lang).document.blocks[0].blocks[0].inlines)

    assert "that the TAB-delimited Alliance" in paragraph("TABdelimited")
    for word in ("OSError", "SQLite", "JUnit"):
        assert f"that the {word} Alliance" in paragraph(word)
    # With no word list for the language, nothing tells.
    assert "that the TABdelimited Alliance" in paragraph("TABdelimited", "sw")


def test_a_name_whose_hyphen_the_extractor_took_out_on_a_short_line_gets_it_back():
    # "Mrs. Ana Lopez-" / "Garcia" in larger type: raw pdftotext gives "Mrs. Ana LopezGarcia" on a
    # line of its own, not run together with another; the document writes the name with its
    # hyphen elsewhere (as often as without), so the hyphen goes back there too.
    body = _JOINED.removeprefix("Opening Remarks\n")
    text = (f"Opening Remarks\nMrs. Ana LopezGarcia\nDirector, Centre for Water Studies\n"
            f"Mrs. Lopez-Garcia said that the plans were agreed.\n{body}")
    speech = normalize(text).document.blocks[0].blocks[0]
    assert speech.speaker.name == "Mrs. Ana Lopez-Garcia"
    # Where the document writes it joined more often than not, it is the document's spelling.
    text = text.replace("agreed.\n", "agreed. Mrs. LopezGarcia thanked them.\n")
    assert normalize(text).document.blocks[0].blocks[0].speaker.name == "Mrs. Ana LopezGarcia"


def test_a_joined_spelling_stays_where_the_extractor_kept_its_line_end_hyphens():
    kept = _JOINED.replace("the elections of the new councils in\n", "the elections of the new coun-\ncils in ")
    text = n.plain_text(normalize(kept).document.blocks[0].blocks[0].inlines)
    assert "stations of the earlywarning systems of the coast" in text


def test_a_hyphen_set_apart_at_a_lines_end_breaks_a_word_the_document_writes_whole():
    # LibreOffice's justified lines give their hyphen apart ("pro -"), as a dash would be typed.
    texts = ["the training pro -", "grammes of the early-warn -", "ing systems, and transfers -",
             "a point several made - were reviewed", "programmes and early-warning systems"]
    assert join_lines(texts[:4], Vocabulary(texts)) == ("the training programmes of the early-warning systems, "
                                                       "and transfers - a point several made - were reviewed")


def test_a_hyphen_set_apart_at_a_lines_end_breaks_a_word_of_the_language_where_dashes_are_spaced_hyphens():
    # The document types dashes as spaced hyphens, and writes "representing" nowhere else: the
    # language's word list tells a word broken at the line's end from a dash there.
    texts = ["a table repre -", "senting the month - as printed - was found -", "that it holds"]
    assert join_lines(texts, Vocabulary(texts)) == \
        "a table representing the month - as printed - was found - that it holds"


def test_a_hyphen_set_apart_at_a_lines_end_breaks_a_word_of_the_language_whose_halves_are_listed_too():
    # The word list holds "persis" and "tent", "convert" and "ing" as words of their own; joined,
    # each is a word of the language where a dash would go on with none.
    texts = ["an open persis -", "tent store - as printed - was found -", "that it holds a convert -",
             "ing step"]
    assert join_lines(texts, Vocabulary(texts)) == \
        "an open persistent store - as printed - was found - that it holds a converting step"


#: The same text where LibreOffice set "pro -" / "grammes" apart and pdftotext left "pro grammes".
_SPLIT = _JOINED.replace("the early-warning systems of the basin", "the training programmes of the basin") \
    .replace("the stations of the earlywarning systems", "the training pro grammes")


def test_a_word_whose_halves_the_extractor_left_apart_is_made_whole():
    # pdftotext (raw) runs "pro -" / "grammes" into one line and drops the hyphen, not the space.
    result = normalize(_SPLIT)
    text = n.plain_text(result.document.blocks[0].blocks[0].inlines)
    assert "that the training programmes of the coast would follow" in text
    assert [d.code for d in result.diagnostics if d.code == "word-rejoined"] == ["word-rejoined"]
    # Two words stay two where the document never writes them as one, or writes both halves alone.
    for words in ("per cent", "the region"):
        kept = _SPLIT.replace("training pro grammes", words)
        assert f"that the {words} of the coast" in n.plain_text(normalize(kept).document.blocks[0].blocks[0].inlines)


def test_halves_that_are_words_of_their_own_are_one_word_where_they_never_stand_apart_elsewhere():
    # "with" and "out" are words of the document's own, but it writes them apart nowhere else,
    # and "without" elsewhere: pdftotext (raw) left "with -" / "out" so. A compound's first word
    # may be the second half ("wa -" / "ter-quality").
    for halves, whole in (("plans with out", "plans without"), ("wa ter-quality", "water-quality")):
        text = _SPLIT.replace("training pro grammes", halves) + \
            "The staff went out without delay, with the water-quality reports.\n"
        assert f"that the {whole} of the coast" in n.plain_text(normalize(text).document.blocks[0].blocks[0].inlines)
    # Written whole nowhere in the document, the halves are one word of the language where one
    # of them is none ("syn" / "tax"); two words of the language stay two ("us" / "age").
    for halves, read in (("training syn tax", "training syntax"), ("training us age", "training us age")):
        para = normalize(_SPLIT.replace("training pro grammes", halves)).document.blocks[0].blocks[0]
        assert f"that the {read} of the coast" in n.plain_text(para.inlines)
    # Where they stand apart elsewhere too, they stay two words.
    text = _SPLIT.replace("training pro grammes", "plans on to") + "The boats moved onto the shore.\n"
    assert "that the plans onto of the coast" in n.plain_text(normalize(text).document.blocks[0].blocks[0].inlines)
    text = text.replace("onto the shore.", "onto the shore and went on to sea.")
    assert "that the plans on to of the coast" in n.plain_text(normalize(text).document.blocks[0].blocks[0].inlines)


def test_a_word_broken_at_a_line_a_few_letters_longer_than_any_other_is_made_whole():
    # A justified line set with narrow letters holds a few more than the widest measured.
    longer = _SPLIT.replace("and that the training pro grammes", "and that these training pro grammes")
    assert "that these training programmes of the coast" in n.plain_text(
        normalize(longer).document.blocks[0].blocks[0].inlines)


def test_a_paragraph_written_on_one_line_is_no_lines_run_together():
    # A line longer than a dozen of the text's printed lines was never wrapped: no extractor runs
    # so many lines into one (one per line-end hyphen), so its words are the author's as written.
    from convert.readers.text import MAX_LINES_RUN_TOGETHER

    long_line = "The delegates noted that the training syn tax of the coast would follow " * 20
    assert len(long_line) > MAX_LINES_RUN_TOGETHER * 70
    text = _SPLIT.replace("training pro grammes", "training syn tax") + "\n" + long_line.strip() + "\n"
    plain = n.plain_text(normalize(text).document.blocks[0].blocks[0].inlines)
    assert "that the training syntax of the coast" in plain  # the wrapped paragraph's line run together
    paragraphs = [n.plain_text(block.inlines) for block in normalize(text).document.blocks[0].blocks]
    assert paragraphs[-1].count("training syn tax") == 20


def test_the_languages_word_list_is_asked_in_any_case():
    from convert.recover.lexicon import compound_cuts, joins_two_words, knows, one_word

    assert knows("Water", "en") and knows("water", "en-GB") and not knows("Wxqz", "en")
    assert knows("water", "x-unknown") is None
    assert one_word("Syn", "tax", "en") and joins_two_words("Early", "Warning", "en")
    assert compound_cuts("Earlywarning", "en", 3) == [5]


def test_a_long_contents_counts_on_past_page_999_but_a_year_is_no_page_number():
    """Four digits end an entry only where the entries before count up to them: a long report's
    contents runs on past page 999; a short one's line ending in a year is not taken as an entry."""
    from convert.recover.contents import find_contents

    def contents(entries: list[str]) -> list[str]:
        lines = [Line(i + 1, text) for i, text in enumerate(["Contents", *entries, "",
                                                            "Opening Remarks", "The session opened at ten."])]
        found = find_contents(lines)
        return [lines[i].text for i in sorted(found.indexes)] if found else []

    long_report = [f"Session {number} ........ {page}" for number, page in enumerate((990, 996, 999, 1000, 1004), 1)]
    assert contents(long_report) == ["Contents", *long_report]
    assert contents(["Opening Remarks ........ 3", "Session 1 ........ 5", "Results of the 2021 survey  2021"]) \
        == ["Contents", "Opening Remarks ........ 3", "Session 1 ........ 5"]



def test_contents_entries_whose_leaders_an_extractor_gave_dot_by_dot_across_the_page():
    # Raw pdftotext gives a leader drawn to a right tab as a dot per glyph: entries of long
    # titles run past 240 characters, which a paragraph's line of that length would not be.
    titles = ["Transport Planning and Water Governance: Evidence, Institutions and the Long Road Ahead",
              "From Pilot Projects to National Programmes: Reforming Water Systems across the Region"]
    entries = [f"{title}{'.' * (250 - len(title) + 20 * number)}{number + 3}" for number, title in enumerate(titles)]
    assert all(len(entry) > 240 for entry in entries)
    text = "\n".join(["Water Report", "Contents", *entries, "", titles[0], "Dr. Ruiz said that the plan was agreed.",
                      "", titles[1], "The council closed the meeting after the vote."]) + "\n"
    result = normalize(text)
    assert [section.title for section in result.document.blocks] == titles
    assert [d.text for d in result.dropped if d.reason == "contents"] == ["Contents", *entries]


def test_an_unnumbered_contents_ends_where_its_first_entry_stands_again():
    """A contents page whose entries have no page numbers (a browser's print) ends where the
    body's first heading repeats its first entry, though a line of the body ends in a number."""
    from convert.recover.contents import find_contents

    texts = ["Contents", "Opening Remarks", "Part I Panel Discussion", "Closing Session", "",
             "Opening Remarks", "", "Ms. Ana Ruiz", "", "Ms. Ruiz noted that the share of clinics rose to 77",
             "per cent in 2019.", "", "Part I Panel Discussion", "", "The panel met.", "", "Closing Session", "",
             "The chair closed the meeting."]
    lines = [Line(i + 1, text, 1 if i < 4 else 2) for i, text in enumerate(texts)]
    found = find_contents(lines)
    assert found is not None and sorted(found.indexes) == [0, 1, 2, 3]


def test_an_unnumbered_contents_entry_stands_again_as_a_heading_over_five_lines():
    """A narrow column wraps a long heading over five lines where its contents entry took two:
    the entry still stands again, and the contents page is found."""
    from convert.recover.contents import find_contents

    texts = ["Contents", "", "Part I Water Governance and Digital Inclusion: Evidence, Institutions and the Long",
             "Road to Implementation", "Part II Keynote Address", "Summary and Way Forward", "",
             "Part I Water Governance", "and Digital Inclusion:", "Evidence, Institutions and", "the Long Road to",
             "Implementation", "", "The panel met.", "", "Part II Keynote Address", "", "The keynote was given.", "",
             "Summary and Way Forward", "", "The chair closed the meeting."]
    lines = [Line(i + 1, text, 1 if i < 6 else 2) for i, text in enumerate(texts)]
    found = find_contents(lines)
    assert found is not None and sorted(found.indexes) == [0, 2, 3, 4, 5]


def test_a_paragraph_runs_on_over_a_page_break_after_a_full_line():
    """A page that ends on a full line goes on over the break, a sentence's end or not; one that
    ends on a short line ends its paragraph there."""
    wrapped = ["The basin authorities agreed on a common plan for the decade ahead",
               "and asked the donors for support. The plan covers all the rivers.",
               "It was adopted by all members of the council in the spring session.",
               "Funding will follow when the reports are in, as agreed in March."]
    for last, joined in ((wrapped[3], True), ("Funding will follow.", False)):
        pages = ["Water Report\nOpening Remarks\n" + "\n".join([*wrapped[:3], last]) + "\nPage 1 of 2",
                 "Water Report\nThe second paragraph begins on the next page and goes on for a\n"
                 "while longer than the first one did.\nPage 2 of 2"]
        section = normalize("\n\f".join(pages)).document.blocks[-1]
        assert len(section.blocks) == (1 if joined else 2), last


def test_a_page_that_ends_on_a_line_full_of_capitals_goes_on_over_the_break():
    """A line in capitals counts fewer characters than a line of the same width in lowercase:
    where the page's last line ends no sentence and, measured in advances as the text's wrapped
    lines are, left no room for the next page's first word, the paragraph goes on ("... AND
    THERE IS NO WARRANTY" / "FOR THE PROGRAM ..."); pypdf puts the running header and the page
    number between them."""
    body = ("The council met on Monday and agreed that the basin plan would need to be reviewed by the regional "
            "offices before the end of the year, and that the data of every station would be shared with the "
            "municipal utilities and the provincial planners who asked for it in the spring. ")
    para = "\n".join(textwrap.wrap(body * 3, 72)) + "\n"
    licence = ("The chair read the notice of the licence to the delegates before the\n"
               "vote. THE SOFTWARE IS PROVIDED AS IS, AND THERE IS NO WARRANTY\n")
    text = ("Opening Remarks\n" + para + "31 January 2018\nPage 2\n" + para + licence + "31 January 2018\nPage 3\n"
            "FOR THE PROGRAM, TO THE EXTENT PERMITTED BY APPLICABLE LAW. The\n"
            "delegates agreed to the terms.\n" + para + "31 January 2018\nPage 4\n" + para)
    section = normalize(text).document.blocks[0]
    assert [n.plain_text(b.inlines) for b in section.blocks][2] == (
        "The chair read the notice of the licence to the delegates before the vote. THE SOFTWARE IS PROVIDED AS "
        "IS, AND THERE IS NO WARRANTY FOR THE PROGRAM, TO THE EXTENT PERMITTED BY APPLICABLE LAW. The delegates "
        "agreed to the terms.")
    # A phrase at a page's foot, in capitals but short of a full line, still ends its block; so
    # does a title in capitals after a sentence's end, however wide its letters.
    short = text.replace("vote. THE SOFTWARE IS PROVIDED AS IS, AND THERE IS NO WARRANTY\n", "vote.\nNO WARRANTY\n")
    assert "NO WARRANTY" in [n.plain_text(b.inlines) for b in normalize(short).document.blocks[0].blocks]
    title = "THE FUTURE OF REGIONAL WATER GOVERNANCE IN THE NORTH"
    titled = text.replace("vote. THE SOFTWARE IS PROVIDED AS IS, AND THERE IS NO WARRANTY\n", f"vote.\n{title}\n")
    assert not any(n.plain_text(b.inlines).startswith(title + " FOR")
                   for b in normalize(titled).document.blocks[0].blocks)


def test_a_page_ended_full_before_a_word_that_opens_the_texts_paragraphs_ends_its_paragraph():
    """A page that ends on a full line with a sentence's end, where the next page opens with a
    word that opens the text's paragraphs (after short lines, never inside a line), ends its
    paragraph there; where the source measured the line filled (a PDF's justified line), it
    goes on."""
    from convert.recover import recover

    body = ("The plan covers the rivers. It was adopted in May. The donors agreed. The staff will "
            "be trained. Each office keeps its records. Some are old. Most were never copied.")
    first = [*textwrap.wrap(f"Participants noted that the authorities agreed. {body} It ends here.", 70),
             *textwrap.wrap(f"Participants argued that it is sound. {body} It ends.", 70),
             *textwrap.wrap(f"Delegates recalled that the council met. {body}", 70),
             "and that funding will follow when the reports are in, as agreed."]
    second = ["Participants stressed that the second paragraph begins on the next page",
              "and goes on for a while longer than the first one did."]
    pages = ["Water Report\nOpening Remarks\n" + "\n".join(first) + "\nPage 1 of 2",
             "Water Report\n" + "\n".join(second) + "\nPage 2 of 2"]
    section = normalize("\n\f".join(pages)).document.blocks[-1]
    assert [n.plain_text(b.inlines).split()[0] for b in section.blocks] == \
        ["Participants", "Participants", "Delegates", "Participants"]
    # The same opening word where the page's last line is measured filled: the paragraph goes on.
    lines = [Line(1, "Opening Remarks", size=16, bold=True), Line(2, ""),
             *[Line(3 + i, text, 1, size=11, stretched=True if i + 1 == len(first) else None)
               for i, text in enumerate(first)],
             Line(3 + len(first), "", 1, page_break=True),
             *[Line(4 + len(first) + i, text, 2, size=11) for i, text in enumerate(second)]]
    section = recover(lines).document.blocks[0]
    assert [n.plain_text(b.inlines).split()[0] for b in section.blocks] == ["Participants", "Participants", "Delegates"]


def test_a_dash_aside_at_a_pages_top_goes_on_from_the_full_line_before_it():
    """A page ended on a full line in no sentence's end; the next opens with a dash and a word in
    lowercase: an aside ("– a point ... later –") in the same sentence, no list item."""
    wrapped = ["The basin authorities agreed on a common plan for the decade ahead",
               "and asked the donors for support. The plan covers all the rivers, and",
               "It was adopted by all members of the council in the spring session.",
               "Funding will follow when the reports are in. In practice, the funding"]
    for first, joined in (("– a point the members returned to later – was agreed on.", True),
                          ("– A fund for the maintenance of the dams.", False)):
        pages = ["Water Report\nOpening Remarks\n" + "\n".join(wrapped) + "\nPage 1 of 2",
                 f"Water Report\n{first}\nPage 2 of 2"]
        blocks = normalize("\n\f".join(pages)).document.blocks[-1].blocks
        assert [type(block).__name__ for block in blocks] == (["Para"] if joined else ["Para", "BulletList"]), first
        if joined:
            assert n.plain_text(blocks[0].inlines).endswith("the funding – a point the members returned to later – "
                                                           "was agreed on.")


def test_an_indented_line_after_a_dash_aside_the_source_shows_wrapped_opens_a_paragraph():
    """A line opening with a dash that the source shows wrapped into from the line before is an
    aside in running text, no list item: after it, a line ended short and a first-line indent
    open a paragraph, not an item's hanging text. A numbered item's next line, set in, is its
    hanging text whatever the geometry says of the item's line; so is a bullet item's that opens
    with a bullet no running text opens with (Word's "o")."""
    from dataclasses import replace

    from convert.recover.blocks import Headings, measure

    def lines(marked: str) -> list[Line]:
        texts = ["Mr. Lee said that the maintenance budgets of the water boards were to be raised",
                 marked, "Ms. Park, whose agency has worked with the banks for years, said that the",
                 "boards must publish their accounts every year, as the law requires of them."]
        wraps = [None, True, False, True]
        indents = [0, 0, 3, 0]
        return [Line(i + 1, text, 1, indent, wraps=wrap) for i, (text, wrap, indent) in enumerate(zip(texts, wraps, indents))]

    # Each as long as a full line: only the indent below tells the paragraph's start.
    aside = lines("– at least on paper – by the ministry within the year, as the minister promised.")
    stats = replace(measure(aside), first_indent=2)
    assert [chunk.first for chunk in group_blocks(aside, Headings(), stats=stats).chunks] == [1, 3]
    for marker in ("4.", "o"):
        item = lines(f"{marker} By 2010, the budgets of the boards were to be raised, as the minister promised.")
        stats = replace(measure(item), first_indent=2)
        assert [chunk.first for chunk in group_blocks(item, Headings(), stats=stats).chunks] == [1], marker


def test_a_heading_broken_inside_a_word_at_a_pages_foot_goes_on_at_the_next_pages_top():
    """A word broken at a page's end, the running header between, and its rest at the next
    page's top: one heading (the contents page names it whole), one paragraph."""
    body = ["The basin authorities agreed on a common plan for the decade ahead and the",
            "donors for support; the plan covers all the rivers of the region.", ""]
    pages = ["Water Report\nOpening Remarks\n" + "\n".join(body) + "Session 1: From Pilot Projects to Monitor-\nPage 1 of 2",
             "Water Report\ning Municipal Bonds\nThe second session began after a break and went on for\n"
             "longer than the first one did, with questions from the floor.\nPage 2 of 2"]
    sections = normalize("\n\f".join(pages)).document.blocks
    assert [section.title for section in sections] == ["Opening Remarks",
                                                       "Session 1: From Pilot Projects to Monitoring Municipal Bonds"]
    pages = ["Water Report\nOpening Remarks\n" + "\n".join(body[:2]) + " Monitor-\nPage 1 of 2",
             "Water Report\ning schemes followed.\nPage 2 of 2"]
    section = normalize("\n\f".join(pages)).document.blocks[-1]
    assert [n.plain_text(block.inlines)[-36:] for block in section.blocks] == ["region. Monitoring schemes followed."]


def test_a_block_the_source_opens_joins_no_paragraph_before_it():
    """A line the source shows opening a block (``wraps`` False: a Word paragraph, a first-line
    indent) on the same page starts a paragraph, though the one before ends mid-sentence; over
    a page break, where an indent tells less, the text's own evidence decides."""
    from convert.recover import recover

    def tree(opens: bool, page: int) -> list[str]:
        lines = [Line(1, "Opening Remarks", wraps=False), Line(2, ""),
                 Line(3, "The panel discussed the following", wraps=False), Line(4, ""),
                 Line(5, "the budget was approved by the committee.", page, wraps=False if opens else None)]
        section = recover(lines).document.blocks[0]
        return [n.plain_text(block.inlines) for block in section.blocks]

    assert tree(opens=True, page=1) == ["The panel discussed the following",
                                        "the budget was approved by the committee."]
    for opens, page in ((False, 1), (True, 2)):
        assert tree(opens, page) == ["The panel discussed the following the budget was approved by the committee."]


def test_an_organizer_broken_at_a_line_end_hyphen_is_one_organizer():
    text = ("Eastern Office of the Alliance for Coastal Manage-\nment\nAssociation of River Towns\npresent\n"
            "Ms. Ana Ruiz\nDirector, Basin Authority\nOn\nWater in the Delta\nMonday 3 April 2023\n\n"
            "Opening Remarks\n\nMs. Ana Ruiz\n\n"
            "Ms. Ruiz opened the meeting and thanked the hosts for the invitation.\n")
    meta = normalize(text).document.meta
    assert meta.organizers == ("Eastern Office of the Alliance for Coastal Management", "Association of River Towns")


def test_an_organizer_wrapped_before_its_last_word_is_one_organizer():
    # Set large on the title page, a long name wraps its last word onto a line of its own; a
    # short name, or an acronym, on the next line is an organizer of its own.
    def organizers(first: str, second: str) -> tuple[str, ...]:
        text = (f"{first}\n{second}\nAssociation of River Towns\npresent\nMs. Ana Ruiz\nDirector, Basin "
                "Authority\nOn\nWater in the Delta\nMonday 3 April 2023\n\nOpening Remarks\n\nMs. Ana Ruiz\n\n"
                "Ms. Ruiz opened the meeting and thanked the hosts for the invitation.\n")
        return normalize(text).document.meta.organizers

    assert organizers("Chiang Mai Office of the Independent Alliance for Rural", "Development") == \
        ("Chiang Mai Office of the Independent Alliance for Rural Development", "Association of River Towns")
    assert organizers("Eastern Office of the Alliance for Coastal Management", "UNESCO")[1] == "UNESCO"
    assert organizers("Basin Alliance", "Oxfam")[1] == "Oxfam"


def test_an_affiliation_set_in_its_own_type_may_take_many_lines():
    """In a narrow column, large italic type can take six lines for a role: set apart in its
    own type, it is bounded by its length, not by a count of lines."""
    from convert.recover import recover

    role = ["Professor of Development", "Studies, Eastern Office of", "the Applied Alliance for",
            "Rural Development;", "Member of the Applied", "Council on Food Security"]
    lines = [Line(1, "Opening Remarks", size=16, bold=True), Line(2, ""),
             Line(3, "Dr. Ana Ruiz", size=13, bold=True), Line(4, ""),
             *[Line(5 + i, text, size=13, bold=True, italic=True) for i, text in enumerate(role)], Line(11, ""),
             Line(12, "Dr. Ruiz opened the meeting and thanked the hosts for the invitation.", size=11)]
    speech = recover(lines).document.blocks[0].blocks[0]
    assert isinstance(speech, n.Speech)
    assert speech.speaker.affiliation == ("Professor of Development Studies, Eastern Office of the Applied "
                                          "Alliance for Rural Development; Member of the Applied Council on "
                                          "Food Security")


def test_a_page_that_ends_with_room_for_the_next_word_ends_its_paragraph():
    """A PDF's lines say how much room the last line of a page left and how wide the next
    page's first word is: a paragraph that ends where the page does is not run on into the next,
    and one that filled its last line is, past a sentence's end."""
    from convert.recover import recover

    def tree(room: float) -> list[str]:
        lines = [Line(1, "Opening Remarks", size=16, bold=True), Line(2, ""),
                 Line(3, "The panel met twice and agreed on the budget for the coming year.", 1, size=11,
                      room=room, lead=40.0),
                 Line(4, "", 1, page_break=True),
                 Line(5, "Participants then asked about the schedule.", 2, size=11, room=100.0, lead=60.0)]
        section = recover(lines).document.blocks[0]
        return [n.plain_text(block.inlines) for block in section.blocks]

    assert len(tree(room=120.0)) == 2
    assert len(tree(room=10.0)) == 1


def test_a_page_measured_full_runs_on_into_a_line_opening_like_an_item():
    """A page's last line measured full, ending no sentence: the next page's line opening with a
    dash goes on with the paragraph ("... often overlooked in national strategies" / "– must be
    ..."); with no measure, a text dump's dash line after a page break goes on only in lowercase
    (an aside), and stays a list item in a capital."""
    from convert.recover import recover

    def blocks(room: float | None, marker: str = "\u2013", verb: str = "must") -> list:
        lines = [Line(1, "Opening Remarks", size=16, bold=True), Line(2, ""),
                 Line(3, "By then the budgets, often overlooked in the national", 1, size=11, wraps=None,
                      room=room, lead=40.0 if room is not None else None),
                 Line(4, "", 1, page_break=True),
                 Line(5, f"{marker} {verb} be reviewed by the board.", 2, size=11,
                      room=100.0 if room is not None else None, lead=9.0 if room is not None else None)]
        return list(recover(lines).document.blocks[0].blocks)

    for joined in (blocks(room=2.0), blocks(room=None)):
        assert [type(b) for b in joined] == [n.Para]
        assert n.plain_text(joined[0].inlines).endswith("national \u2013 must be reviewed by the board.")
    assert [type(b) for b in blocks(room=2.0, verb="Must")] == [n.Para]
    assert [type(b) for b in blocks(room=None, verb="Must")] == [n.Para, n.BulletList]
    # A bullet glyph opens no running text: an item starts there, however full the page's end.
    for bullet in ("\u2022", "\uf0b7", "\u25aa"):
        assert [type(b) for b in blocks(room=2.0, marker=bullet)] == [n.Para, n.BulletList], bullet


def test_a_name_that_wraps_before_its_affiliation_keeps_its_last_word():
    """A bold name wrapped in a narrow column, its last word on the next line in the same type
    before the italic affiliation: the word is the name's."""
    from convert.recover import recover

    role = "Mensah (Vice-Chair, Ministry of Water)"
    lines = [Line(1, "Opening Remarks", size=16, bold=True, marks=((0, 15, True, False),)), Line(2, ""),
             Line(3, "Ambassador Kofi", size=13, bold=True, marks=((0, 15, True, False),)),
             Line(4, role, size=13, bold=True, italic=True, wraps=True,
                  marks=((0, 6, True, False), (7, len(role), True, True))),
             Line(5, ""),
             Line(6, "Ambassador Mensah opened the meeting and thanked the hosts.", size=11, marks=())]
    speech = recover(lines).document.blocks[0].blocks[0]
    assert (speech.speaker.name, speech.speaker.affiliation) == ("Ambassador Kofi Mensah", "Vice-Chair, Ministry of Water")
    role = "Mensah, Vice-Chair, Ministry of Water"
    lines[3] = Line(4, role, size=13, bold=True, italic=True, wraps=True,
                    marks=((0, 6, True, False), (6, len(role), True, True)))
    speech = recover(lines).document.blocks[0].blocks[0]
    assert (speech.speaker.name, speech.speaker.affiliation) == ("Ambassador Kofi Mensah", "Vice-Chair, Ministry of Water")
    # The name's last word on a line of its own, the affiliation apart below: the name's still.
    apart = [*lines[:3], Line(4, "Mensah", size=13, bold=True, wraps=True, marks=((0, 6, True, False),)), Line(5, ""),
             Line(6, "Vice-Chair, Ministry of Water", size=13, italic=True, marks=((0, 29, False, True),)), Line(7, ""),
             Line(8, "Ambassador Mensah opened the meeting and thanked the hosts.", size=11, marks=())]
    speech = recover(apart).document.blocks[0].blocks[0]
    assert (speech.speaker.name, speech.speaker.affiliation) == ("Ambassador Kofi Mensah", "Vice-Chair, Ministry of Water")
    # A role in the name's type that runs on ("Senior Fellow," / ...) is no part of the name.
    running = [*lines[:3], Line(4, "Senior Fellow,", size=13, bold=True, wraps=True, marks=((0, 14, True, False),)),
               Line(5, "Ministry of Water", size=13, bold=True, wraps=True, marks=((0, 17, True, False),)),
               *apart[6:]]
    speech = recover(running).document.blocks[0].blocks[0]
    assert (speech.speaker.name, speech.speaker.affiliation) == ("Ambassador Kofi", "Senior Fellow, Ministry of Water")


def test_an_affiliation_measured_full_at_a_pages_foot_goes_on_over_the_break():
    from convert.recover import recover

    lines = [Line(1, "Opening Remarks", size=16, bold=True), Line(2, ""),
             Line(3, "Mr. Chen Wei", 1, size=13, bold=True), Line(4, "", 1),
             Line(5, "Chief Economist, Eastern Office of the", 1, size=13, italic=True, room=0.5, lead=60.0),
             Line(6, "Southern Alliance for Transport", 1, size=13, italic=True, wraps=True, room=-0.3, lead=70.0),
             Line(7, "", 1, page_break=True),
             Line(8, "Planning", 2, size=13, italic=True, room=150.0, lead=50.0), Line(9, "", 2),
             Line(10, "Mr. Chen opened the meeting and thanked the hosts for coming.", 2, size=11)]
    speech = recover(lines).document.blocks[0].blocks[0]
    assert speech.speaker.affiliation == "Chief Economist, Eastern Office of the Southern Alliance for Transport Planning"


def test_a_page_that_ends_on_a_justified_line_left_short_ends_its_paragraph():
    """In a justified column, a last line left short ends its paragraph, whatever room it left."""
    from convert.recover import recover

    def tree(stretched: bool) -> list[str]:
        lines = [Line(1, "Opening Remarks", size=16, bold=True), Line(2, ""),
                 Line(3, "The panel met twice and agreed on the budget for the coming year.", 1, size=11,
                      room=3.0, lead=40.0, stretched=stretched),
                 Line(4, "", 1, page_break=True),
                 Line(5, "Participants then asked about the schedule.", 2, size=11, room=100.0, lead=60.0)]
        section = recover(lines).document.blocks[0]
        return [n.plain_text(block.inlines) for block in section.blocks]

    assert len(tree(stretched=False)) == 2
    assert len(tree(stretched=True)) == 1


def test_a_recurring_line_the_source_shows_wrapped_into_is_no_header():
    """A paragraph's last line at a page's foot can look the same on every page once digits are
    folded ("5,100 to 7,750 after 2015."); where the source shows the line above wrapped into
    it, it is running text, not a running header."""
    from convert.recover.furniture import find_furniture

    lines: list[Line] = []
    for page, side in enumerate(("north", "south", "east", "west"), 1):
        lines += [Line(len(lines) + 1, "Basin Report", page),
                  Line(len(lines) + 2, f"The number of clinics in the {side} with power rose from", page),
                  Line(len(lines) + 3, f"{page},100 to {page},750 after 201{page}.", page, wraps=True),
                  Line(len(lines) + 4, "", page)]
    found = find_furniture(lines, lambda text: False)
    assert sorted({lines[i].text for i, why in found.items() if why == "running-header"}) == ["Basin Report"]


def test_unpaged_furniture_is_found_by_the_page_numbers_beside_it():
    body = ["The council met on", "Monday and agreed.", "3", "Basin Report", "The plan was adopted", "in full.",
            "4", "Basin Report", "It will be reviewed."]
    result = normalize("\n".join(["Basin Report", "Opening Remarks", *body]))
    assert sorted((d.line, d.reason) for d in result.dropped) == [
        (5, "page-number"), (6, "running-header"), (9, "page-number"), (10, "running-header")]


def test_an_introducing_line_that_recurs_near_page_numbers_is_no_running_header():
    # pypdf: no form feeds. The line that introduces each list recurs on page after page, once
    # a few lines before a page number; it ends in a colon, introducing the items: text, kept.
    intro = "The discussion identified several concerns:"
    pages = []
    for page, (day, item, other) in enumerate((("Monday", "Joint funding of the surveys", "Better data"),
                                               ("Tuesday", "Clearer rules for the roads", "A fund"),
                                               ("Friday", "Regular reviews of the stations", "Training")), 2):
        pages.append(f"The council met on {day} and agreed that the {item.split()[-1]} would\nbe reviewed.\n"
                     f"{intro}\n1. {item}\n2. {other} for the basin\nPage {page} of 5\nBasin Report\n")
    result = normalize("Basin Report\nOpening Remarks\n" + "".join(pages) + "It was agreed.\n")
    assert [d.text for d in result.dropped if d.reason == "running-header"] == ["Basin Report"] * 3
    assert sum(n.plain_text(b.inlines) == intro for b in body_paragraphs(result.document)) == 3


def test_a_phrase_that_recurs_near_page_numbers_and_goes_on_on_the_next_line_is_no_running_header():
    # pypdf: no form feeds. A narrow column puts "Between 1999 and 2007," on a line of its own,
    # once a line before a page number, on page after page; once digits are folded the copies
    # are alike, but each stops on a comma and its sentence goes on below: text, kept.
    pages = []
    for page, (first, last) in enumerate(((2000, 2004), (1999, 2007), (2012, 2016)), 2):
        pages.append(f"The council met and\nagreed on the plan.\nBetween {first} and {last},\n"
                     f"Capital Region utilities\nreviewed the stations.\nPage {page}\nBasin Report\n")
    pages[0] = pages[0].replace("Capital Region utilities\nreviewed the stations.\n", "the utilities agreed.\n")
    result = normalize("Basin Report\nOpening Remarks\nThe plan was adopted.\n" + "".join(pages) + "It was agreed.\n")
    assert not any(d.text.startswith("Between") for d in result.dropped)
    text = " ".join(n.plain_text(b.inlines) for b in body_paragraphs(result.document))
    assert all(f"Between {first} and {last}," in text for first, last in ((2000, 2004), (1999, 2007), (2012, 2016)))


def test_a_name_line_that_recurs_inside_a_page_between_its_numbers_is_no_running_header():
    # pypdf: no form feeds. A long institution's name wraps its last word onto a line of its own
    # ("Management") in the title block and for two speakers, once a few lines before a page's
    # number; but the third copy stands in the middle of a page whose ends the numbers "Page 3"
    # and "Page 4" show, far from both: no header stands there. The name is kept whole.
    def speaker(who: str) -> str:
        return f"Dr. {who} Berg, Director, Institute for Coastal Water\nManagement\n"

    text = ("Basin Report\nPresenter: Dr. Ana Ruiz, Institute for Coastal Water\nManagement\nOpening Remarks\n"
            "The council met on Monday and agreed on the plan for the year.\n" + speaker("Ana") +
            "Dr. Berg said that the plan was sound.\nPage 3\nBasin Report\nThe council then met again.\n"
            "It agreed on the budget for the stations of the basin.\nThe staff will be trained.\n"
            "The offices will report twice a year.\nThe towns will follow.\n" + speaker("Lea") +
            "Dr. Berg agreed with the plan.\nThe board will meet in May.\nThe staff will report.\n"
            "The towns agreed.\nThe plan was adopted.\nPage 4\nBasin Report\nIt was agreed.\n")
    result = normalize(text)
    assert not any(d.text == "Management" for d in result.dropped)
    speeches = [block for block in result.document.blocks[0].blocks if isinstance(block, n.Speech)]
    affiliation = "Director, Institute for Coastal Water Management"
    assert [speech.speaker.affiliation for speech in speeches] == [affiliation] * 2


def test_a_clause_that_recurs_near_page_numbers_and_goes_on_after_that_is_no_running_header():
    # pypdf: no form feeds. "Participants emphasised that" stands on a line of its own on
    # three pages, once right under a page's header; each copy stops on "that" and its clause
    # goes on below: text, kept.
    pages = []
    for page, who in enumerate(("the councils", "the banks", "the utilities"), 2):
        pages.append(f"The council met and\nagreed on the plan.\nPage {page}\nBasin Report\n"
                     f"Participants emphasised that\n{who} should fund\nthe stations.\n")
    result = normalize("Basin Report\nOpening Remarks\nThe plan was adopted.\n" + "".join(pages) + "It was agreed.\n")
    assert not any(d.text.startswith("Participants") for d in result.dropped)
    text = " ".join(n.plain_text(b.inlines) for b in body_paragraphs(result.document))
    assert text.count("Participants emphasised that") == 3


def test_a_line_whose_figures_change_from_page_to_page_as_no_page_number_does_is_no_running_header():
    # Digits folded, "USD 89.9 million on the surveys" recurs near page number after page
    # number; but its figures change any way from copy to copy, where a header's would count
    # the pages. Running text, kept.
    amounts = ["89.9", "77.5", "12.3", "45.6"]
    pages = "".join(f"The council met on Monday and\nagreed that the councils spent\n"
                    f"USD {amount} million on the surveys\nin the villages.\nPage {page}\nBasin Report\n"
                    for page, amount in enumerate(amounts, 2))
    result = normalize("Basin Report\nOpening Remarks\nThe plan was adopted.\n" + pages + "It was agreed.\n")
    assert {d.text for d in result.dropped if d.reason == "running-header"} == {"Basin Report"}
    text = " ".join(n.plain_text(b.inlines) for b in body_paragraphs(result.document))
    assert all(f"USD {amount} million" in text for amount in amounts)
    # A header whose figures stay the same from page to page is one all the same.
    counted = pages.replace("Basin Report\n", "Basin Report 2023\n")
    result = normalize("Basin Report 2023\nOpening Remarks\nThe plan was adopted.\n" + counted + "It was agreed.\n")
    assert [d.text for d in result.dropped if d.reason == "running-header"] == ["Basin Report 2023"] * 4


def test_a_line_that_recurs_on_a_few_pages_and_goes_on_with_its_sentence_is_no_running_header():
    # pypdf: no form feeds. A narrow column puts "decentralised renewable generation" on a line
    # of its own on three of ten pages, once a few lines before a page number. Two copies go on
    # with their sentence; a header recurs on more of the pages, and no copy of it is text.
    pages = []
    for page in range(2, 12):
        body = "The council met on Monday and\nagreed on the basin plan.\n"
        if page in (3, 9):
            body += "The donor agencies had failed to fund\ndecentralised renewable generation\nin the villages.\n"
        if page == 6:
            body += ("The plan was adopted.\nDecentralised renewable generation\n– a point several speakers "
                     "made –\nwould be reviewed.\n")
        pages.append(f"{body}Page {page}\nBasin Report\n")
    result = normalize("Basin Report\nOpening Remarks\nThe plan was adopted.\n" + "".join(pages) + "It was agreed.\n")
    assert {d.text for d in result.dropped if d.reason == "running-header"} == {"Basin Report"}
    text = " ".join(n.plain_text(b.inlines) for b in body_paragraphs(result.document))
    assert text.lower().count("decentralised renewable generation") == 3


def test_a_phrase_as_wide_as_the_text_before_more_phrases_is_an_item_and_a_title_after_the_list_a_heading():
    # Chromium draws no bullets. After a sentence item, a phrase fills its line: the phrases under
    # it show it ended all the same. A title then follows the last phrase, over running text.
    para = ("The council reviewed the budget of the coastal stations and agreed that the survey teams "
            "would report twice a year on the state of the wells, the pumps and the storage tanks in "
            "every district of the basin, starting with the villages that had seen the worst floods.")

    def wrap(text: str) -> str:
        return "\n".join(textwrap.wrap(text, 72))

    text = "\n".join([
        "Opening Remarks", "Ms. Ana Lopez", "Director, Centre for Water Studies",
        wrap("Ms. Lopez opened the meeting. " + para), "Ms. Lopez summarised the main findings as follows:",
        wrap("A suitable station is one that stores its data on the district server and sends a copy "
             "to the basin office every week."),
        "Regular reviews of the maintenance of the pumps by the district engineers",
        "Training for village committees on water storage", "Clearer rules for the repair of storage tanks",
        "Pumps and Storage in the Basin: Evidence, Institutions and the Long", "Road to Implementation",
        wrap("Participants noted the plan. " + para), wrap("The meeting closed. " + para), ""])
    first, second = normalize(text).document.blocks
    listing = first.blocks[0].blocks[-1]
    assert [n.plain_text(item.blocks[0].inlines) for item in listing.items][1:] == [
        "Regular reviews of the maintenance of the pumps by the district engineers",
        "Training for village committees on water storage", "Clearer rules for the repair of storage tanks"]
    assert second.title == "Pumps and Storage in the Basin: Evidence, Institutions and the Long Road to Implementation"
    assert [n.plain_text(b.inlines)[:28] for b in second.blocks] == ["Participants noted the plan.",
                                                                    "The meeting closed. The coun"]


def test_a_long_title_wrapped_over_five_lines_of_a_narrow_column_is_one_heading():
    # A narrow column wraps a long title over five lines, a word broken among them; its last
    # line alone ("Region") is title-shaped before the speaker too, but no block opens there.
    body = ("The council reviewed the budget of the coastal stations and agreed that the teams\n"
            "would report twice a year on the state of the wells and the pumps.\n")
    text = ("Opening Remarks\nMs. Ana Lopez\nDirector, Centre for Water Studies\n" + body +
            "From Pilot Projects to\nNational Programmes:\nFinancing Coastal Settle-\nments across the Andean\n"
            "Region\nDr. Kaveh Farahani\nDeputy Director, Basin Office\n" + body)
    sections = normalize(text).document.blocks
    assert [section.title for section in sections] == [
        "Opening Remarks",
        "From Pilot Projects to National Programmes: Financing Coastal Settlements across the Andean Region"]


def test_a_sentence_in_capitals_that_goes_on_in_capitals_on_the_next_line_is_no_heading():
    # A disclaimer set in capitals ends a line mid-sentence after a sentence's end: title-shaped
    # over running text, but its sentence goes on in capitals on the next line.
    first = ("Prof. Lopez reminded participants that the donor agencies had failed to set clear targets for "
             "the repair of the pumps in rural districts. The survey teams would report twice a year on the "
             "state of the wells, the pumps and the storage tanks in every district of the upper basin.")
    second = ("The district councils had failed to set clear targets for the hill towns. The survey teams "
              "would visit the lower basin in the dry season, and the engineers would follow them. The water "
              "boards agreed that the valley stations needed new pumps before the rains.")
    after = ("PROVIDE LEGAL ADVICE. Any station in the list which does not have a meter will be given one by "
             "the engineers of the district office. Readers of the reports can ask the office for the figures "
             "of each station. He went on to say that the teams could monitor the stations over the next decade.")
    lines = [*textwrap.wrap(first, 92), *textwrap.wrap(second, 92), "THE WATER CENTRE IS NOT A LAW FIRM AND DOES NOT",
             *textwrap.wrap(after, 92)]
    text = ("Opening Remarks\nProf. Ana Lopez\nDirector, Centre for Water Studies\n" + "\n".join(lines) +
            "\nClosing Remarks\nMs. Mia Berg\nDirector, Basin Office\n" + "\n".join(textwrap.wrap(second, 92)) + "\n")
    document = normalize(text).document
    assert [section.title for section in document.blocks] == ["Opening Remarks", "Closing Remarks"]
    words = " ".join(n.plain_text(b.inlines) for b in body_paragraphs(document))
    assert "AND DOES NOT PROVIDE LEGAL ADVICE. Any station" in words
    # Its sentence may end on the next line's first word, in capitals too.
    text = text.replace("THE WATER CENTRE IS NOT A LAW FIRM AND DOES NOT\nPROVIDE LEGAL ADVICE. Any",
                        "THIS REPORT DOES NOT CREATE A LEGAL\nRELATIONSHIP. Any")
    document = normalize(text).document
    assert [section.title for section in document.blocks] == ["Opening Remarks", "Closing Remarks"]
    words = " ".join(n.plain_text(b.inlines) for b in body_paragraphs(document))
    assert "DOES NOT CREATE A LEGAL RELATIONSHIP. Any station" in words
    assert patterns.goes_on_in_capitals("A LEGAL", "RELATIONSHIP, WHICH ...") and not patterns.goes_on_in_capitals(
        "WATER AND SANITATION", "UNICEF said that the plans were agreed.")
    # A one-letter word in capitals between two others shows nothing ("FOR A PARTICULAR"): the
    # words of two letters or more around it do; after a title, "A fund ..." goes on in lowercase.
    assert patterns.goes_on_in_capitals("THE IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS",
                                        "FOR A PARTICULAR PURPOSE. In 2001, only 18 per cent")
    assert not patterns.goes_on_in_capitals("WATER AND SANITATION", "A fund for the pumps was agreed.")


def test_a_title_set_apart_by_a_blank_line_over_text_is_a_heading_though_the_next_word_would_not_fit():
    # A list's last item ends unpunctuated, a blank line, then a title in larger type and the
    # section's text right under it. In characters the title leaves too little room for
    # "Participants" (larger type takes more room than its letters count), but it ends well
    # short of the usual width, set apart from the list above: a heading.
    para = ("The members of the council went on to discuss the state of the wells in the upper valley, where the "
            "pumps had failed twice in the dry season, and the plans of the water boards for the repair of the "
            "storage tanks before the rains came.")
    after = ("Participants argued that the water boards should publish the figures of every station in the "
             "valley and the plains, and that the towns should share the costs of the new meters with the villages.")
    text = ("Opening Remarks\n" + "\n".join(textwrap.wrap(para, 44))
            + "\nThe chair summarised the findings as follows:\n"
            "\u2022 The district offices would report on the\nstate of the pumps twice a year.\n"
            "\u2022 Better data on the storage tanks of the\nvalley\n\nFinancing Rural Water Services\n"
            + "\n".join(textwrap.wrap(after, 44)) + "\n" + "\n".join(textwrap.wrap(para, 44)) + "\n")
    document = normalize(text).document
    assert [section.title for section in document.blocks] == ["Opening Remarks", "Financing Rural Water Services"]
    assert n.plain_text(document.blocks[1].blocks[0].inlines).startswith("Participants argued")
    # With no blank line above it, the line ends the item before it: no heading.
    joined = normalize(text.replace("valley\n\nFinancing", "valley\nFinancing")).document
    assert [section.title for section in joined.blocks] == ["Opening Remarks"]
    # pdfminer sets every block apart by a blank line: the title between two, after a list's
    # item, over running text, is a heading too.
    boxed = normalize(text.replace("Services\n", "Services\n\n")).document
    assert [section.title for section in boxed.blocks] == ["Opening Remarks", "Financing Rural Water Services"]


def test_a_line_in_capitals_ending_on_a_determiner_is_no_heading():
    # Title-shaped over running text after a sentence's end, but it stops before its noun ("...
    # PART OF THIS" / "AGREEMENT. The council ..."): the sentence goes on, no title.
    text = ("Opening Remarks\nThe council met in March and agreed on the budget for the new year, and the\n"
            "chair thanked the staff.\nTHE WARRANTY SET OUT HERE IS AN ESSENTIAL PART OF THIS\n"
            "AGREEMENT. The council then went on to discuss the water stations of the\nregion and the towns.\n")
    document = normalize(text).document
    assert [section.title for section in document.blocks] == ["Opening Remarks"]
    assert n.plain_text(document.blocks[0].blocks[1].inlines).startswith(
        "THE WARRANTY SET OUT HERE IS AN ESSENTIAL PART OF THIS AGREEMENT. The council")
    # A phrase that ends on "this" or "their" runs on into the next line too.
    assert patterns.continues_phrase("the decision to fund their") and patterns.continues_phrase("OF THIS")


def test_a_numbered_enumeration_inside_a_sentence_that_wrapped_after_a_colon_is_no_list():
    # "(1)" opens the line after a colon, but the line counts on to "(2)": the sentence wrapped
    # there; no list, and the numbers stay words of the text.
    text = ("Opening Remarks\nMs. Ana Lopez\nDirector, Centre for Water Studies\n"
            "Ms. Lopez said that the council protects the wells in two steps:\n"
            "(1) it meters every pump, and (2) it reviews the tariffs each year.\n"
            "The council then agreed on the plan for the coming year.\n")
    speech = normalize(text).document.blocks[0].blocks[0]
    assert all(isinstance(block, n.Para) for block in speech.blocks)
    words = " ".join(n.plain_text(block.inlines) for block in speech.blocks)
    assert "in two steps: (1) it meters every pump, and (2) it reviews" in words
    assert patterns.list_marker("(1) Meter every pump.") == ("ordered", 1, 4)  # an item of its own


def test_a_heading_word_alone_on_a_line_inside_a_sentence_is_no_heading():
    # A narrow column (raw pdftotext) puts "Annex" on a line of its own inside "(see Annex 2)":
    # the line before leaves the bracket open, the line after goes on without a capital.
    text = ("Opening Remarks\nThe council met on Monday and\nagreed to fund the stations\n(see\nAnnex\n2). The "
            "plan was adopted.\n")
    section = normalize(text).document.blocks[0]
    assert [b.title for b in normalize(text).document.blocks] == ["Opening Remarks"]
    assert n.plain_text(section.blocks[0].inlines).endswith("stations (see Annex 2). The plan was adopted.")
    # After a sentence's end, the same word alone opens an annex.
    annex = normalize("Opening Remarks\nThe council met on Monday.\nAnnex\nThe plan was adopted.\n").document
    assert [b.title for b in annex.blocks] == ["Opening Remarks", "Annex"]


def test_a_headings_last_word_broken_into_the_running_texts_box_ends_the_heading():
    # pdfminer: a blank line between every box; the heading's last box holds the rest of its
    # broken word alone, and runs on into the paragraph's box after it.
    text = ("Opening Remarks\n\nDr. Ana Ruiz\n\nDirector, Centre for Water Studies\n\n" + _WRAPPED_60
            + "\nPart I The Role of Develop-\n\nment Partners in Social Pro-\n\ntection\n\n"
            "Participants stressed that the offices would share the data of every\n"
            "station with the research institutes before the end of the year.\n")
    sections = normalize(text).document.blocks
    assert [section.title for section in sections] == [
        "Opening Remarks", "Part I The Role of Development Partners in Social Protection"]
    assert n.plain_text(sections[1].blocks[0].inlines).startswith("Participants stressed")


def test_a_heading_that_opens_a_page_and_stands_in_the_contents_is_no_running_header():
    # pypdf: no form feeds; each page ends with the date and its number, and each section opens
    # a page, so its heading stands next to a page number, and once more in the contents.
    body = {"Water for the Basin": "The council agreed that the basin plan would be reviewed.",
            "Roads and Markets": "The offices reported that the roads were repaired in time."}
    text = "Basin Report\nMay 5, 2025\nMay 5, 2025\nPage 1 of 3\nContents\n" + "".join(f"{title}\n" for title in body)
    for page, (title, paragraph) in enumerate(body.items(), 2):
        text += (f"May 5, 2025\nPage {page} of 3\n{title}\nDr. Ana Ruiz\nDirector, Centre for Water Studies\n"
                 f"{paragraph}\n")
    result = normalize(text)
    assert [b.title for b in result.document.blocks] == list(body)
    assert [d.text for d in result.dropped if d.reason == "contents"][1:] == list(body)


def test_a_title_between_blank_lines_over_running_text_is_a_heading_where_blank_lines_part_every_block():
    # pdfminer: a blank line between every box, the heading's too.
    def text(title: str) -> str:
        return (f"Opening Remarks\n\nDr. Ana Ruiz\nDirector, Centre for Water Studies\n\n{_WRAPPED_60}\n{title}\n\n"
                "Participants stressed that the offices would share the data of every\n"
                "station with the research institutes before the end of the year.\n")
    sections = normalize(text("Scaling Community Clinics in the Nordic Countries")).document.blocks
    assert [s.title for s in sections] == ["Opening Remarks", "Scaling Community Clinics in the Nordic Countries"]
    # A word on its own (a column's scrap) or a page's number the furniture missed is no title.
    for title in ("Water", "Page 5 of 7"):
        assert [s.title for s in normalize(text(title)).document.blocks] == ["Opening Remarks"], title


def test_a_title_between_blank_lines_over_a_paragraph_whose_first_line_is_a_box_of_its_own():
    # pdfminer boxed the paragraph's first line alone: the text goes on after a blank line, with
    # the rest of the word the line broke, or in lowercase.
    for first, rest in (("Participants stressed that the offices would share the data of ev-", "ery station."),
                        ("Participants stressed that the offices would share the data of", "every station.")):
        text = (f"Opening Remarks\n\nDr. Ana Ruiz\nDirector, Centre for Water Studies\n\n{_WRAPPED_60}\n"
                f"Water Markets in Three River Basins\n\n{first}\n\n{rest}\n")
        sections = normalize(text).document.blocks
        assert [s.title for s in sections] == ["Opening Remarks", "Water Markets in Three River Basins"], first
    # A line that ends a sentence, the next box in lowercase, shows no wrapping: no title.
    text = (f"Opening Remarks\n\nDr. Ana Ruiz\nDirector, Centre for Water Studies\n\n{_WRAPPED_60}\n"
            "Water Markets in Three River Basins\n\nParticipants stressed that the offices shared data.\n\n"
            "every station.\n")
    assert [s.title for s in normalize(text).document.blocks] == ["Opening Remarks"]


def test_a_title_broken_mid_word_between_boxes_before_a_speaker_is_one_heading():
    # pdfminer: a long title's lines in boxes of their own, the first ending in a word it broke.
    text = (f"Opening Remarks\n\nDr. Ana Ruiz\nDirector, Centre for Water Studies\n\n{_WRAPPED_60}\n"
            "Water Markets and Public Health Systems: Evidence, Institu-\n\n"
            "tions and the Long Road to Reform\n\nMr. Li Wei\nHead of Policy, Basin Office\n\n"
            "Mr. Li said that the offices would share the data.\n")
    sections = normalize(text).document.blocks
    assert [s.title for s in sections] == [
        "Opening Remarks", "Water Markets and Public Health Systems: Evidence, Institutions and the Long Road to Reform"]
    assert [b.speaker.name for b in sections[1].blocks if isinstance(b, n.Speech)] == ["Mr. Li Wei"]


def test_a_role_printed_before_the_speakers_name_goes_back_after_it():
    # pdfminer boxed a justified speaker line's words apart, the role's first words first.
    text = (f"Opening Remarks\n\nDr. Li Wei\nHead of Policy, Basin Office\n\n{_WRAPPED_60}\n"
            " Director   of   Planning,   Ministry   of   Coastal\n\nDr.   Ana   Ruiz,\n"
            "Affairs, Government of Chile\nDr. Ruiz said that the offices would share the data.\n")
    result = normalize(text)
    sections = result.document.blocks
    assert [s.title for s in sections] == ["Opening Remarks"]
    speeches = [b for b in sections[0].blocks if isinstance(b, n.Speech)]
    assert [(s.speaker.name, s.speaker.affiliation) for s in speeches] == [
        ("Dr. Li Wei", "Head of Policy, Basin Office"),
        ("Dr. Ana Ruiz", "Director of Planning, Ministry of Coastal Affairs, Government of Chile")]
    assert [d.line for d in result.diagnostics if d.code == "role-before-name"] == [12]


def test_a_speakers_line_written_a_word_per_line_is_one_speaker_line():
    # pdftotext cut a justified speaker line in a narrow column at its wide spaces, a word per
    # line, right after the paragraph's last line, itself one word.
    text = ("Opening Remarks\nDr. Li Wei\nHead of Policy, Basin Office\n"
            "Dr. Li said that the offices would share the\ndata of every station with the council in\n2005.\n"
            "Prof.\nMaria\nLopez,\nChief\nEconomist, Centre for Water\nStudies, Lima\n"
            "Prof. Lopez said that the offices would\nshare the data of every station with the\ncouncil.\n")
    speeches = speeches_of(text)
    assert [(s.speaker.name, s.speaker.affiliation) for s in speeches] == [
        ("Dr. Li Wei", "Head of Policy, Basin Office"),
        ("Prof. Maria Lopez", "Chief Economist, Centre for Water Studies, Lima")]
    assert [n.plain_text(b.inlines) for b in speeches[0].blocks] == [
        "Dr. Li said that the offices would share the data of every station with the council in 2005."]
    # The role's end after the scattered words may be short.
    text = text.replace("Chief\nEconomist, Centre for Water\nStudies, Lima\n", "Chief\nEconomist,\nCentre, Lima\n")
    speeches = speeches_of(text)
    assert [(s.speaker.name, s.speaker.affiliation) for s in speeches][1:] == [
        ("Prof. Maria Lopez", "Chief Economist, Centre, Lima")]


def test_a_title_over_text_at_a_pages_top_after_the_title_blocks_last_field():
    # The compiler's line, nearly as long as the narrow column's lines, ends the title page: no
    # text goes on from it, so the title at the next page's top opens the body.
    text = ("Basin Institute\npresent\nDr. Ana Ruiz\nDirector, Centre for Water\nOn\nWater and Cities\n"
            "Tuesday 25 September 2018\nReport compiled by Maria Lopez Diaz\n\n\f\n"
            "What the Delegates Can Learn\nfrom Lima\n"
            "Participants noted that the regional\noffices could publish the data of the\n"
            "stations in the uplands every month,\nand that the donors would review the\n"
            "network of gauges again in two years,\nafter the new stations on the coast\n"
            "had been built and tested by the staff.\n")
    doc = normalize(text).document
    assert doc.meta.compiled_by == "Maria Lopez Diaz"
    assert [s.title for s in doc.blocks if isinstance(s, n.Section)] == ["What the Delegates Can Learn from Lima"]


def test_lone_markers_go_to_the_items_after_them():
    text = "Opening Remarks\nThe steps were these:\n\uf0b7\n\n\uf0b7\nFund the plan.\nShare the data.\n"
    section = normalize(text).document.blocks[0]
    items = section.blocks[1].items
    assert [n.plain_text(item.blocks[0].inlines) for item in items] == ["Fund the plan.", "Share the data."]


def test_lone_markers_go_to_a_phrase_whose_word_broke_at_a_hyphen_and_the_item_after_it():
    # pdfminer on a narrow column: two Symbol-font bullets in boxes of their own, then their
    # items; the first, a phrase, broke its last word at a hyphen and goes on in lowercase.
    text = (f"Opening Remarks\n{_WRAPPED_60}\nParticipants agreed on these recommendations:\n\n\uf0b7\n\n\uf0b7\n\n"
            "Joint funding of the water-quality mon-\nitoring\nFor that reason, the councils were expected to share the\n"
            "data of every station.\n\n\uf0b7 Clearer rules for the wells\n\nShe added that the reviews would follow.\n")
    assert _texts_after_the_first(text) == [
        ("Para", "Participants agreed on these recommendations:"),
        ("BulletList", ["Joint funding of the water-quality monitoring",
                        "For that reason, the councils were expected to share the data of every station.",
                        "Clearer rules for the wells"]),
        ("Para", "She added that the reviews would follow.")]


def test_a_lone_bullet_between_a_marked_items_lines_marks_the_next_item():
    # pdfminer printed the second item's bullet box between the first item's wrapped lines,
    # blank lines around it: it marks the line that opens a sentence after the first item's
    # phrase ends, not the paragraph after the list.
    text = (f"Opening Remarks\n{_WRAPPED_60}\nThe chair set out two priorities:\n\n"
            "\uf0b7 Better data on the\n\n\uf0b7\n\ncertification of laboratories\n"
            "In practice, the utilities should publish data on\nthe surveys before the next budget cycle.\n\n"
            "The council met again in the autumn and agreed on the plan.\n")
    assert _list_and_after(text) == [
        ("BulletList", ["Better data on the certification of laboratories",
                        "In practice, the utilities should publish data on the surveys before the next budget cycle."]),
        ("Para", "The council met again in the autumn and agreed on the plan.")]
    # Where the first item's sentence goes on past the bullet into a name, the name is no item.
    sentence = text.replace("certification of laboratories\n", "certification of laboratories in\nLima.\n")
    assert _list_and_after(sentence)[0][1][:2] == [
        "Better data on the certification of laboratories in Lima.",
        "In practice, the utilities should publish data on the surveys before the next budget cycle."]


def test_a_lone_bullet_after_an_item_goes_to_it_after_a_wrapped_phrase_marked_with_its_own():
    # pdfminer prints an item's bullet in a box of its own after the item's text; the item above
    # it, a phrase marked with its own bullet, wrapped (a blank line between its boxes).
    text = (f"Opening Remarks\n{_WRAPPED_60}\nThe discussion identified several concerns:\n\n"
            "\uf0b7 A common register of the water-quality\n\nstations\nJoint funding of the surveys\n\n\uf0b7\n"
            "\uf0b7 Clearer rules for the wells\n\nShe added that the reviews would follow.\n")
    assert _texts_after_the_first(text) == [
        ("Para", "The discussion identified several concerns:"),
        ("BulletList", ["A common register of the water-quality stations", "Joint funding of the surveys",
                        "Clearer rules for the wells"]),
        ("Para", "She added that the reviews would follow.")]


def test_lone_bullets_after_several_items_go_to_them():
    # pdfminer printed two items' text boxes, then their two bullets, then the next item with its
    # own: the run of bullets marks the items before it, a phrase and a sentence that wrapped.
    text = (f"Opening Remarks\n{_WRAPPED_60}\nThe discussion identified several concerns:\n"
            "Joint funding of the water-quality stations\nIn practice, the utilities should publish data on the\n"
            "surveys.\n\n\uf0b7\n\uf0b7\n\n\uf0b7 Clearer rules for the wells\n\n"
            "She added that the reviews would follow.\n")
    assert _texts_after_the_first(text) == [
        ("Para", "The discussion identified several concerns:"),
        ("BulletList", ["Joint funding of the water-quality stations",
                        "In practice, the utilities should publish data on the surveys.",
                        "Clearer rules for the wells"]),
        ("Para", "She added that the reviews would follow.")]
    # Where the lines before hold more item starts than the run has bullets, nothing tells which
    # they mark: the run marks none of them.
    from convert.recover.markers import _items_before
    texts = ["The discussion identified several concerns:", "Joint funding of the stations",
             "In practice, the utilities should publish data.", "Better data on the wells", "", "\uf0b7", "\uf0b7",
             "\uf0b7 Clearer rules for the wells"]
    lines = [Line(number, line) for number, line in enumerate(texts, 1)]
    assert _items_before(lines, [5, 6]) == []
    assert _items_before(lines[:1] + lines[2:], [4, 5]) == [1, 2]
    # Above the bullets, an item marked with its own goes on in lowercase after a blank line (its
    # boxes apart); the items after it are the bullets', whatever follows them (here a paragraph).
    texts = ["The discussion identified several concerns:", "\uf0b7 For that reason, the share of the farms without",
             "", "power fell by a third between 2012 and", "2020.", "In practice, only a few farms had water.",
             "In 1996, the towns had wells.", "", "\uf0b7", "", "\uf0b7", "",
             "Dr. Ruiz, whose office was set up in 1996, observed that the towns had wells."]
    lines = [Line(number, line) for number, line in enumerate(texts, 1)]
    assert _items_before(lines, [8, 10]) == [5, 6]
    # Right after an introducing line, the bullets mark the items that follow it; above them, a
    # numbered list's items are their own.
    texts = ["The chair listed the findings:", "1. The towns had wells.", "2. The farms had water.",
             "The chair summarised the findings as follows:", "\uf0b7", "\uf0b7", "", "Better data on the wells",
             "Training for the staff"]
    lines = [Line(number, line) for number, line in enumerate(texts, 1)]
    assert _items_before(lines, [4, 5]) == []
    assert _items_before(lines[:3] + lines[4:], [3, 4]) == []


def test_a_lone_bullet_after_an_item_at_a_pages_top_goes_to_it():
    # The list goes on over a page break; at the next page's top pdfminer printed the item's text,
    # then its bullet, then the next item with its own: the item above the bullet is an item,
    # after the page's furniture (blanked) and the item marked with its own on the page before.
    from convert.recover.markers import _first_item_before
    texts = ["The discussion identified several concerns:", "\uf0b7 A common register of the stations", "", "", "",
             "", "", "Joint funding of the surveys", "", "\uf0b7", "\uf0b7 Clearer rules for the wells"]
    lines = [Line(number, text, page=1 + (number > 5), page_break=number in (4, 5))
             for number, text in enumerate(texts, 1)]
    assert _first_item_before(lines, [9], 10, False) == [7]
    # With no page break among the blank lines, the item above is too far to tell.
    lines = [Line(line.number, line.text) for line in lines]
    assert _first_item_before(lines, [9], 10, False) == []


def test_a_paragraph_opening_with_a_name_is_no_speaker_line():
    text = ("Opening Remarks\nDr. Ana Ruiz\nDirector, Centre for Water Studies\n"
            "Dr. Ruiz opened the meeting.\n"
            "Mr. Akasaka, whose Department of Peace Operations stressed the\n"
            "need for funding, agreed with her.\n")
    speeches = speeches_of(text)
    assert [s.speaker.name for s in speeches] == ["Dr. Ana Ruiz"]
    assert n.plain_text(speeches[0].blocks[-1].inlines).startswith("Mr. Akasaka, whose Department")
    # pdfminer sets a paragraph's first words apart in a text box of their own: the name, then
    # the sentence it opens going on in lowercase after a blank line.
    boxed = text.replace("Mr. Akasaka, whose Department of Peace Operations stressed the\n"
                         "need for funding, agreed with her.\n",
                         "\nDr. Ruiz\n\nstressed the need for funding of the\nstations.\n")
    speeches = speeches_of(boxed)
    assert [s.speaker.name for s in speeches] == ["Dr. Ana Ruiz"]
    assert n.plain_text(speeches[0].blocks[-1].inlines) == "Dr. Ruiz stressed the need for funding of the stations."


@pytest.mark.parametrize("name", ["Dr. سلمى يوسف", "Prof. דוד כהן", "Ms. Оксана Коваль", "Mr. Νίκος Αλεξίου"])
def test_speakers_named_in_other_scripts(name):
    text = f"Opening Remarks\n{name}\nDirector, Centre for Water Studies\nThe speaker opened the meeting.\n"
    speech = normalize(text).document.blocks[0].blocks[0]
    assert (speech.speaker.name, speech.speaker.affiliation) == (name, "Director, Centre for Water Studies")


def test_bidi_embeddings_around_a_name_are_no_obstacle():
    text = "Opening Remarks\nDr. \u202bسلمى يوسف\u202c\nDirector, Centre for Water Studies\nShe spoke.\n"
    assert normalize(text).document.blocks[0].blocks[0].speaker.name == "Dr. سلمى يوسف"


@pytest.mark.parametrize("marker", ["\uf0b7", "\uf0a7", "▪", "–", "o "])
def test_word_and_typographic_bullets(marker):
    text = f"Opening Remarks\nThe steps were these:\n{marker} Fund the plan.\n{marker} Share the data.\n"
    items = normalize(text).document.blocks[0].blocks[1].items
    assert [n.plain_text(item.blocks[0].inlines) for item in items] == ["Fund the plan.", "Share the data."]


def test_ligatures_crlf_and_soft_hyphens_from_extractors():
    data = "Opening Remarks\r\nThe ﬁnal plan was long and the peace\u00ad\r\nkeeping effort was a sig\ufffenificant one.\r\n"
    doc = normalize(decode_bytes(data.encode("utf-8"), "x").text).document
    assert n.plain_text(doc.blocks[0].blocks[0].inlines) == \
        "The final plan was long and the peacekeeping effort was a significant one."


def test_cid_codes_are_kept_and_warned_about():
    result = normalize("Opening Remarks\nThe (cid:72)(cid:73) plan was adopted.\n")
    assert "(cid:72)(cid:73)" in n.plain_text(result.document.blocks[0].blocks[0].inlines)
    assert [(d.line, d.code) for d in result.diagnostics if d.code == "unmapped-glyphs"] == [(2, "unmapped-glyphs")]


def test_two_columns_of_a_layout_dump_are_read_one_after_the_other():
    left = ["The council met on Monday", "and agreed on the plan.", "It was adopted in full", "by all members."]
    right = ["The data will be shared", "with every basin office.", "A review follows next", "year in the spring."]
    text = "\n".join(f"{a:<40}{b}" for a, b in zip(left, right))
    assert [line.text for line in text_lines(text) if line.text] == left + right


def test_two_columns_whose_rows_alternate_are_read_one_after_the_other():
    # Type of another size in one column (a heading) puts its rows between the other column's:
    # pdftotext -layout then prints each row of one column on a line of its own, and no line
    # has a gap with text on both sides.
    left = ["Water and Cities", "The council met on Monday", "and agreed on the plan.", "It was adopted in full",
            "by all members present.", "The vote was taken late"]
    right = ["The data will be shared", "with every basin office.", "A review follows next", "year in the spring.",
             "Its terms are set out", "in the annex below."]
    text = "\n".join(row for a, b in zip(left, right) for row in (a, f"{'':<44}{b}"))
    assert [line.text for line in text_lines(text) if line.text] == left + right


def test_the_gutter_is_where_no_line_of_either_column_runs():
    # A justified column's line stretched by wide spaces reaches a few columns past the others
    # (on a row of its own, the other column's rows alternating with it), and the page number
    # below the columns starts inside the gap: the gutter lies past the stretched lines, where
    # no line of either column runs, not where most left lines end.
    stretched = "region      before      the     summer"
    body = ["The council met on Monday and it", "agreed that the basin plan would be",
            "shared with every office in the", "so that the data could be read by",
            "all of the members and the public", "within a month of the meeting."]
    left = body * 5
    for at in (6, 16, 26):
        left.insert(at, stretched)
    right = ["The data will be shared with", "each office in the basin and with", "the public on request, at no",
             "cost, within a month of the", "next meeting of the council."] * 7
    rows = [a if a == stretched else f"{a:<42}{b}" for a, b in zip(left, right)]
    text = "\n".join([*rows, "", f"{'Page 3':>43}"])
    assert [line.text.strip() for line in text_lines(text) if line.text] == \
        [" ".join(a.split()) for a in left] + [b for a, b in zip(left, right) if a != stretched] + ["Page 3"]


def test_a_page_with_a_few_rows_of_the_right_column_takes_the_gutter_other_pages_show():
    # The right column's last rows open a page the left column then fills alone: too few rows
    # show the gutter on that page, but they fit the one the page before shows; a page number
    # below crosses it.
    left = ["The council met on Monday and agreed", "on the plan, which was adopted in",
            "full by all of the members who were", "present at the meeting of the board."]
    right = ["The data will be shared", "with every basin office.", "A review follows next", "year in the spring."]
    first = [f"{a:<40}{b}" for a, b in zip(left, right)]
    alone = ["The chair closed the meeting after", "the vote and thanked the members for",
             "the work of the year, which had been", "long and hard for every office.",
             "The next meeting will be held in the", "spring at the basin office."]
    second = [f"{a:<40}{b}" for a, b in zip(alone[:2], ["The plan is set out", "in the annex below."])] + alone[2:]
    text = "\n".join([*first, "", f"{'Page 2':>43}", "\f" + second[0], *second[1:], "", f"{'Page 3':>43}"])
    assert [line.text.strip() for line in text_lines(text) if line.text] == [
        *left, *right, "Page 2", *alone, "The plan is set out", "in the annex below.", "Page 3"]
    # A page whose lines cross that gutter keeps its lines as they are.
    crossing = text.replace("long and hard for every office.", "long and hard for every office of the whole basin.")
    assert [line.text for line in text_lines(crossing) if line.text][len(left) + len(right) + 1:][:2] == [
        "The chair closed the meeting after The plan is set out",
        "the vote and thanked the members for in the annex below."]


def test_a_pages_header_and_number_set_apart_stay_out_of_its_columns():
    # pdftotext -layout right-aligns the running header and prints the page number past the
    # gutter: set apart by a blank line, they stay above and below the columns.
    left = ["The council met on Monday", "and agreed on the plan.", "It was adopted in full", "by all members."]
    right = ["The data will be shared", "with every basin office.", "A review follows next", "year in the spring."]
    text = "\n".join([f"{'Water Report':>70}", "", *(f"{a:<40}{b}" for a, b in zip(left, right)), "", f"{'3':>44}"])
    assert [line.text.strip() for line in text_lines(text) if line.text] == ["Water Report", *left, *right, "3"]


def test_a_paragraph_gap_in_one_column_of_a_layout_dump_is_kept():
    # pdftotext -layout leaves a row empty in the left column where a paragraph ends, while the
    # right column runs on through it: the left column read alone has a blank line there.
    left = ["The council met on Monday", "and agreed on a plan for", "the basin.", "",
            "It was adopted in full", "by all members present."]
    right = ["The data will be shared", "with every basin office", "and with the public on", "request, at no cost,",
             "within a month of the", "next meeting."]

    def column_lines(left: list[str], right: list[str]) -> list[str]:
        return [line.text for line in text_lines("\n".join(f"{a:<40}{b}".rstrip() for a, b in zip(left, right)))]

    assert column_lines(left, right) == [*left, "", *right]
    # No gap: an empty row after a line that ends no sentence (type of another size, a heading's,
    # skips rows), after a full line, or where the other column has a row empty beside it.
    assert "" not in column_lines([*left[:2], "the basin and", *left[3:]], right)[:5]
    assert "" not in column_lines([*left[:2], "and signed by all of them.", *left[3:]], right)[:5]
    assert "" not in column_lines(left, [*right[:2], "", *right[3:]])[:5]


def test_a_paragraph_gap_less_than_a_row_in_one_column_of_a_layout_dump_is_kept():
    # Where the space between two paragraphs is not a whole row, pdftotext -layout prints the
    # column's rows after it between the other column's: the first stands alone, an empty row
    # in the other column beside it.
    left = ["The council met on Monday", "and agreed on a plan for", "the basin.", "It was adopted in full",
            "by all members present.", "The vote was taken late", "in the evening, after the", "talks on water."]
    right = ["The data will be shared", "with every basin office", "and with the public on", "request, at no cost,",
             "within a month of the", "next meeting, when the", "board will hear the", "offices again.",
             "The chair closed it."]

    def rows(shared: int, left: list[str], right: list[str]) -> list[str]:
        """The first ``shared`` rows of both columns side by side, then one row of each in turn."""
        out = [f"{a:<40}{b}" for a, b in zip(left[:shared], right[:shared])]
        for a, b in zip([*left[shared:], ""], right[shared:]):
            out += [f"{'':<40}{b}", a]
        return out

    def column_lines(shared: int, left: list[str], right: list[str]) -> list[str]:
        return [line.text for line in text_lines("\n".join(rows(shared, left, right)))]

    assert column_lines(3, left, right)[:9] == [*left[:3], "", *left[3:]]
    # No gap: after a line that ends no sentence, or where the rows fell apart earlier and stood
    # side by side only by chance.
    assert "" not in column_lines(3, [*left[:2], "the basin and", *left[3:]], right)[:6]
    chance = rows(3, left, right)
    chance[1:3] = [f"{'':<40}{right[1]}", left[1], f"{left[2]:<40}{right[2]}"]
    assert "" not in [line.text for line in text_lines("\n".join(chance))][:6]


@pytest.mark.parametrize("lines,expected", [
    (["the peace-", "keeping effort"], "the peacekeeping effort"),
    (["the Director-", "General said"], "the Director-General said"),
    (["self-", "defense"], "self-defense"),
    (["from 1990-", "1993 on"], "from 1990-1993 on"),  # a range broken after its hyphen
    (["a 5-", "tuple"], "a 5-tuple"),
    (["and/", "or"], "and/or"),
    (["see www.example.org/", "reports"], "see www.example.org/reports"),
    (["ends with a slash /", "then text"], "ends with a slash / then text"),
    (["THE EXTENT AP-", "PLICABLE LAW"], "THE EXTENT APPLICABLE LAW"),  # a word set in capitals
    (["the DIRECTOR-", "GENERAL said"], "the DIRECTOR-GENERAL said"),  # two words of the language
    (["an X-", "RAY image"], "an X-RAY image"),
    (["generic, low-", "and high-level tools"], "generic, low- and high-level tools"),  # a suspended hyphen
    (["the trial-", "and-error method"], "the trial-and-error method"),
    (["the first oper-", "and of the sum"], "the first operand of the sum"),  # a word broken before "and"
    (["日本は", "平和"], "日本は平和"),
    (["hard", "wrapped"], "hard wrapped"),
])
def test_join_lines(lines, expected):
    assert join_lines(lines, Vocabulary(lines)) == expected


def test_a_word_in_capitals_broken_at_a_line_end_goes_on_in_capitals():
    assert breaks_word("TO THE EXTENT AP-", "PLICABLE LAW")
    assert breaks_word("the peace-", "keeping effort")
    assert not breaks_word("the Director-", "General said")  # a name's capital: a compound
    assert not breaks_word("an X-", "RAY image")  # one capital is an initial, not a word's piece


def test_join_lines_uses_the_documents_own_spelling():
    assert join_lines(["a well-", "known case"], Vocabulary([])) == "a well-known case"
    assert join_lines(["co-", "operation"], Vocabulary(["cooperation matters"])) == "cooperation"
    assert join_lines(["anti-", "piracy"], Vocabulary(["anti-piracy patrols"])) == "anti-piracy"


def test_a_words_rest_after_blank_lines_is_no_word_of_the_vocabulary():
    # pdfminer sets a blank line between the boxes of a heading broken mid-word: "tecting" is
    # still the rest of "Pro-", not a word that "pro-" would prefix.
    lines = ["Session 2: From Pilot Projects to National Programmes: Pro-", "", "tecting Flood Defences"]
    assert join_lines([lines[0], lines[2]], Vocabulary(lines)).endswith("Programmes: Protecting Flood Defences")


def test_the_vocabulary_takes_in_more_lines_after_its_words_are_collected():
    """A long PDF is recovered a window of pages at a time: the words and hyphens of each
    window's new lines join those of the windows before."""
    vocabulary = Vocabulary(["the co-", "operation of the members"])
    assert vocabulary.keep_hyphen("co", "operation") is None  # nothing here tells
    vocabulary.add(["cooperation, they said"])
    assert vocabulary.keep_hyphen("co", "operation") is False  # written whole now
    assert vocabulary.texts == ()
    hyphenated = Vocabulary(["a word the layout broke with U+2010 at the line\u2010", "end"])
    assert hyphenated.keep_hyphen("line", "end", "\u2010") is False
    hyphenated.add(["and a text that writes co\u2010operation with it itself"])
    assert hyphenated.keep_hyphen("co", "operation", "\u2010") is True


def test_windows_give_the_vocabulary_each_line_once():
    """Read a window at a time, the words of every window reach the vocabulary, each line's once
    and in order: the rest of a word broken at a page's end ("pro-" / "tection") is no word of
    the document, and the word broken there is made whole across the windows' edge."""
    from convert.recover import Recovery

    pages = [["Opening Remarks", "The council discussed the social pro-"],
             ["tection of workers in the region, and much else besides."], ["Another paragraph followed."]]
    lines, number = [], 0
    for page, texts in enumerate(pages, 1):
        for text in texts:
            number += 1
            lines.append(Line(number, text, page))
    recovery = Recovery()
    recovery.read(lines[:3], own_last=2)  # page 1, and page 2 as context
    recovery.read(lines, own_last=3)  # page 1 as context, page 2, page 3 as context
    recovery.read(lines[2:])
    assert "tection" not in recovery.vocabulary.plain and {"workers", "another"} <= recovery.vocabulary.plain
    assert "social protection of workers" in n.plain_text(recovery.finish().document.blocks[0].blocks[0].inlines)


def test_a_prefix_that_also_begins_words_keeps_its_hyphen_only_before_a_word_of_the_document():
    # "pro" begins words a layout breaks right after it: "tection" is no word the document
    # writes alone (the line it starts continues a broken word), so the word is made whole.
    lines = ["Foundation for Labour Markets and Social Pro-", "tection; Member of the Council"]
    diagnostics: list = []
    assert join_lines(lines, Vocabulary(lines), 1, diagnostics) == \
        "Foundation for Labour Markets and Social Protection; Member of the Council"
    assert [d.code for d in diagnostics] == ["dehyphenated"]
    # Before a word the document writes alone, the compound stays.
    texts = ["the co-", "operation of the members", "a joint operation"]
    assert join_lines(texts[:2], Vocabulary(texts)) == "the co-operation of the members"
    # A prefix that forms compounds only keeps it, whatever the document writes.
    assert join_lines(["the self-", "reliance of the members"], Vocabulary([])) == "the self-reliance of the members"


def test_a_prefix_before_letters_that_are_no_word_is_a_word_broken_after_it():
    # "multi-" / "ple": "multi" forms compounds, but "ple" is no English word and "multiple" is
    # one: the layout broke the word there. So with "ex-" / "actly", even where a line of the
    # document starts with "actly" (a page number run into "ex" hid the hyphen that broke it).
    assert join_lines(["the multi-", "ple reviews of the members"], Vocabulary([])) == \
        "the multiple reviews of the members"
    texts = ["it is expressed ex-", "actly in two figures", "actly in two figures"]
    assert join_lines(texts[:2], Vocabulary(texts)) == "it is expressed exactly in two figures"
    # Before a word of the language, the compound stays, as before.
    assert join_lines(["a non-", "zero sum"], Vocabulary([])) == "a non-zero sum"
    texts = ["the co-", "operation of the members", "a joint operation"]
    assert join_lines(texts[:2], Vocabulary(texts)) == "the co-operation of the members"


def test_a_dotted_name_broken_at_its_dot_is_made_whole():
    # LibreOffice hyphenates inside a dotted name: "re.-" / "Match", "os-" / ".symlink". No
    # sentence's end is followed by a hyphen so; after an initial, the hyphen is a compound's.
    for lines, joined in ((["the part of re.-", "Match objects"], "the part of re.Match objects"),
                          (["anything email.utils.-", "parseaddr can"], "anything email.utils.parseaddr can"),
                          (["The value of context.-", "capitals decides"], "The value of context.capitals decides"),
                          (["that do not support os-", ".symlink. If you"], "that do not support os.symlink. If you"),
                          (["along the U.S.-", "Mexico border"], "along the U.S.- Mexico border")):
        assert join_lines(lines, Vocabulary(lines)) == joined


def test_a_u2010_hyphen_only_at_line_ends_is_the_layouts():
    """A text whose U+2010 hyphens all end lines was hyphenated by its layout engine: those are
    removed with no guess, while a hyphen-minus still goes by the document's spelling."""
    text = "the particu\u2010\nlar case of self-\ndefense and Director\u2010\nGeneral"
    lines = text.split("\n")
    diagnostics: list = []
    assert join_lines(lines, Vocabulary(lines), 1, diagnostics) == \
        "the particular case of self-defense and DirectorGeneral"
    assert diagnostics == []
    # Once U+2010 also stands inside a line, it is a hyphen of the text: back to the vocabulary.
    typed = text + " and a post\u2010war order"
    assert join_lines(lines, Vocabulary(typed.split("\n")), 1, diagnostics) == \
        "the particular case of self-defense and Director\u2010General"
    assert [d.code for d in diagnostics] == ["dehyphenated"]


def test_parse_inlines_nesting_and_literals():
    assert parse_inlines("**a *b* c**") == (n.Strong((n.Text("a "), n.Emph((n.Text("b"),)), n.Text(" c"))),)
    assert parse_inlines("2 ** 3") == (n.Text("2 ** 3"),)
    assert parse_inlines("") == ()


@pytest.mark.parametrize("line,name,rest", [
    ("Mr. Yasushi Akashi", "Mr. Yasushi Akashi", ""),
    ("H.E. Mr. Ahmed Abdel-Latif", "H.E. Mr. Ahmed Abdel-Latif", ""),
    ("Prof. Dr. Ana de la Cruz", "Prof. Dr. Ana de la Cruz", ""),
    ("Dr. Amara Okafor, Senior Fellow, IRSS", "Dr. Amara Okafor", "Senior Fellow, IRSS"),
    ("Ambassador Rui Costa – Former PR of Portugal", "Ambassador Rui Costa", "Former PR of Portugal"),
    ("Mrs. O'Brien-Smith", "Mrs. O'Brien-Smith", ""),
])
def test_speaker_lines(line, name, rest):
    assert patterns.split_speaker_line(line) == (name, rest)


@pytest.mark.parametrize("line", ["Mr. Kano after briefly introducing himself noted",
                                  "President Hun Sen told PM Kishida", "Ms. Lee said.", "Opening Remarks"])
def test_not_speaker_lines(line):
    assert patterns.split_speaker_line(line) is None


@pytest.mark.parametrize("line,person", [
    ("Ms. Sato said that the plan was ready.", True), ("  Dr. de Vries reminded participants", True),
    # pdftotext wraps a right-to-left name in an embedding (U+202B ... U+202C): still a person.
    ("Ms. \u202bليلى حداد\u202c emphasised that only 79 per cent", True),
    ("Professor of Law at the University", False), ("Mr. Lee", False), ("Management", False),
])
def test_a_line_that_opens_with_a_person(line, person):
    assert patterns.opens_with_person(line) is person


@pytest.mark.parametrize("line,kind", [
    ("Opening Remarks", "named"), ("Part I Keynote Presentation", "numbered"), ("Session 2: Africa", "numbered"),
    ("Panel Discussion", "named"), ("Q&A", "named"), ("Closing Remarks", "named"),
    ("Questions and Answers", "named"), ("Part of the problem was money.", ""), ("Discussion continued", ""),
    ("Roundtable", "named"), ("Round Table", "named"), ("Roundtable talks", ""),
    # Raw pdftotext gives a numbered heading on one line however long (a title's length at most).
    ("Session 1: From Pilot Projects to National Programmes: Scaling Community Clinics across the Basin of the North", "numbered"),
    ("Session 1: From Pilot Projects to National Programmes: " + "Scaling Clinics " * 7, ""),
    ("Opening Remarks and the Long Road to Implementation of the Basin Plan across the Regions of the North", ""),
    # In capitals or not, a heading opens with one: a line in lowercase goes on a sentence.
    ("SESSION 2: OPEN DISCUSSION", "numbered"), ("OPENING REMARKS", "named"),
    ("section 1. DISTRIBUTION OF THIS DOCUMENT DOES NOT", ""), ("opening remarks", ""),
])
def test_heading_kinds(line, kind):
    assert patterns.heading_kind(line) == kind


@pytest.mark.parametrize("text,iso", [
    ("Saturday, 28 January 2023", "2023-01-28"), ("January 28, 2023", "2023-01-28"),
    ("28th of Jan. 2023", "2023-01-28"), ("2023-01-28", "2023-01-28"), ("2023年1月28日", "2023-01-28"),
    ("31 February 2023", None), ("In January 2023 we met", None),
])
def test_parse_date(text, iso):
    assert patterns.parse_date(text) == iso


def test_find_body_start_without_heading():
    chunks = group_blocks(split_lines(
        "Annual Forum\n\nMs. Ann Lee\nDirector\n\nMs. Lee said that the forum had grown a great deal this year.")).chunks
    assert find_body_start(chunks) == 1


# --- properties: never crashes, never loses a word --------------------------------------

_ALNUM = re.compile(r"[^\W_]", re.UNICODE)


def _tree_body_chars(blocks) -> str:
    out = []
    for block in n.iter_blocks(blocks):
        if isinstance(block, n.Section):
            out.append(block.title)
        elif isinstance(block, n.Para):
            out.append(n.plain_text(block.inlines))
    return "".join(_ALNUM.findall("".join(out)))


def _meta_chars(meta: n.Meta) -> str:
    parts = [meta.title, *meta.organizers, meta.date_text, meta.time_text, meta.compiled_by]
    parts += [p.name + p.affiliation for p in meta.presenters]
    return "".join(_ALNUM.findall("".join(parts)))


def _less_dropped(text: str, dropped: str) -> str:
    """Return a source line's ``text`` less what recovery ``dropped`` of it: the reader's own
    repairs (a compound's hyphen put back) may have changed the dropped line's spelling, not its
    letters."""
    if dropped and dropped not in text and "".join(_ALNUM.findall(dropped)) == "".join(_ALNUM.findall(text)):
        return ""
    return text.replace(dropped, "", 1)


def assert_no_word_lost(text: str, fallback_title: str = "") -> None:
    """Every letter and digit of the source, less page furniture and connectors, is in the tree.

    Body blocks keep them in source order; each speaker line keeps them all (a role label
    before the name moves to the affiliation); so does the title block.
    """
    result = normalize(text, fallback_title=fallback_title)
    # Arabic presentation forms are read as their letters, and right-to-left runs an extractor
    # wrote as drawn in reading order: the source is compared as the reader reads it.
    lines, _, _ = right_to_left_in_reading_order(split_lines(text))
    removed = {d.line: d.text for d in result.dropped}
    covered = set()
    for block in result.document.blocks:
        covered.update(range(block.lines[0], block.lines[1] + 1))
    # A line the title block took (a date, a presenter) inside a section whose heading is made
    # of the title block's leftover text, in none of the section's blocks (before the first or
    # between two), is the title block's, not the section's: its words are counted with the
    # title block's below. A presenter's role label may have moved into the affiliation: the
    # line's characters are counted, not matched in order.
    meta, source = result.document.meta, split_lines(text)
    title_block_chars = _meta_chars(meta)

    def kept_chars(line: Line) -> str:  # less what was left out on purpose ("Report compiled by")
        return "".join(_ALNUM.findall(_less_dropped(line.text, removed.get(line.number, ""))))

    for block in result.document.blocks:
        if isinstance(block, n.Section) and block.blocks:
            in_blocks = {number for child in block.blocks for number in range(child.lines[0], child.lines[1] + 1)}
            covered -= {line.number for line in source if block.lines[0] < line.number <= block.lines[1]
                        and line.number not in in_blocks and kept_chars(line)
                        and not Counter(kept_chars(line)) - Counter(title_block_chars)
                        and kept_chars(line) not in "".join(_ALNUM.findall(block.title))}
    item_starts = {item.lines[0] for b in n.iter_blocks(result.document.blocks)
                   if isinstance(b, (n.OrderedList, n.BulletList)) for item in b.items}
    headers = {}  # first line of a speaker header -> (its lines, the tree's name and affiliation)
    for speech in n.iter_blocks(result.document.blocks):
        if isinstance(speech, n.Speech):
            end = speech.blocks[0].lines[0] - 1 if speech.blocks else speech.lines[1]
            headers[speech.lines[0]] = (range(speech.lines[0], end + 1),
                                        speech.speaker.name + speech.speaker.affiliation)
    header_lines = {number: first for first, (span, _) in headers.items() for number in span}
    header_source = {first: [] for first in headers}
    body, rest = [], []
    for line in lines:
        line_text = line.text
        if line.number in removed:
            line_text = _less_dropped(line_text, removed[line.number])
        marker = patterns.list_marker(line_text) if line.number in item_starts else None
        if marker:  # list markers are structure, kept as the list's kind and start number
            line_text = line_text[marker[2]:]
        if line.number in header_lines:
            header_source[header_lines[line.number]].append(line_text)
            continue
        (body if line.number in covered else rest).append(line_text)
    for first, (_, tree_text) in headers.items():
        assert Counter(_ALNUM.findall(tree_text)) == Counter(_ALNUM.findall("".join(header_source[first]))), first
    assert _tree_body_chars(result.document.blocks) == "".join(_ALNUM.findall("".join(body)))
    meta_chars = _meta_chars(result.document.meta)
    if any(d.code == "no-title" for d in result.diagnostics):
        meta_chars = meta_chars.replace("".join(_ALNUM.findall(result.document.meta.title)), "", 1)
    assert Counter(meta_chars) == Counter("".join(_ALNUM.findall("".join(rest))))


def test_seed_loses_no_word():
    assert_no_word_lost(SEED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(p.stem for p in NORMALIZE_FIXTURES.glob("*.txt")))
def test_fixtures_lose_no_word(name):
    assert_no_word_lost(read_file(str(NORMALIZE_FIXTURES / f"{name}.txt")).text)


_LINES = st.one_of(
    st.sampled_from([
        "", "", "", "Opening Remarks", "Part II Discussion", "Q&A", "Mr. Yasushi Akashi", "Dr. Ann Lee, Director",
        "Director-General of the International Peace Cooperation", "Headquarters, Government of Japan",
        "present", "On", "**A Title Over", "Two Lines**", "Saturday, 28 January 2023", "20:00-21:30 (Tokyo)",
        "Report compiled by Jo Smith", "1. First point of the list.", "2. Second point", "• bullet item",
        "- dash item", "12", "Page 3 of 9", "Running Header", "The peace-", "keeping mission was long.",
        "He said that the", "legal framework changed.", "Text with <b>markup</b> & **bold** and *it*.",
        "   ", "日本の平和協力", "**", "_", "*", "Moderator: Prof. Ana Lopes, University of Lisbon",
        "Dr. Chen Wei (Director, Forum)", "Chair: Ms. Lee", "Q: Why?", "A: Because.",
    ]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), max_size=60),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINES, max_size=40))
@example([":", "", "0", "Mr. Yasushi Akashi", "a", "Opening Remarks"])  # a stray word after a presenter line
@example(["0)", "0", "Opening Remarks"])  # a marker joined to a line the title block takes
@example(["o", "Director-General of the International Peace Cooperation", "Opening Remarks"])  # a letter bullet
@example(["Director-General of the International Peace Cooperation", "", "**A Title Over",
          "Report compiled by Jo Smith", "B", "Director-General of the International Peace Cooperation",
          "Opening Remarks"])  # a title-block field after a heading
@example(["Director-General of the International Peace Cooperation", "", "Running Header", "Mr. Yasushi Akashi",
          "The peace-", "0", "Opening Remarks"])  # a presenter line between a heading and its first block
@example(["Director-General of the International Peace Cooperation", "• bullet item",
          "Moderator: Prof. Ana Lopes, University of Lisbon", "• bullet item", "Opening Remarks"])  # items around it
@example(["000000000000000000000000000000000", "", "Headquarters, Government of Japan", "Saturday, 28 January 2023",
          "Headquarters, Government of Japan", "Headquarters, Government of Japan",
          "Moderator: Prof. Ana Lopes, University of Lisbon", "Saturday, 28 January 2023",
          "Opening Remarks"])  # a presenter line between two blocks of a heading made of the title block's text
@example(["**A Title Over", "", "Running Header", "Moderator: Prof. Ana Lopes, University of Lisbon", "On",
          "Text with <b>markup</b> & **bold** and *it*.", "1. First point of the list."])  # its label moved
@example(["Q&A", "Q&A", "0", ":aaAaa:0", ":aaAaa:0", "12", "20:00-21:30 (Tokyo)"])  # a header read rehyphenated
@example(["Director-General of the International Peace Cooperation", "", "M", "Opening Remarks"])  # no honorific
@example(["Director-General of the International Peace Cooperation", "", "M", "", "Opening words."])  # to a heading
def test_property_never_crashes_never_loses_a_word(lines):
    assert_no_word_lost("\n".join(lines), fallback_title="")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_property_any_text(text):
    result = normalize(text)
    assert astjson.loads(astjson.dumps(result.document)) == result.document


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab_1 -é日²"), max_size=300), st.integers(0, 200))
def test_the_trailing_fragment_is_found_by_looking_only_at_the_end(text, letters):
    """The end-only search agrees with searching the whole text, however long the last word."""
    from convert.recover.text import _trailing_fragment

    trailing = re.compile(r"([^\W\d_]+)[-\u2010]$")  # the letters and hyphen that end a line
    for candidate in (text, text + "-", text + "a" * letters + "-"):
        ours, whole = _trailing_fragment(candidate), trailing.search(candidate)
        assert ours == (whole.group(1) if whole else ""), candidate



@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.just(""), st.sampled_from(["and so", "It ends.", "the", "x"]).flatmap(
    lambda word: st.integers(1, 12).map(lambda times: " ".join([word] * times)))), max_size=120),
       st.integers(1, 8), st.integers(1, 6))
def test_the_local_width_window_slides_to_the_same_medians(texts, window, min_wrapped):
    """The sorted window kept as it slides gives each line the median of sorting its window afresh."""
    from convert.recover.blocks import BlockParams, _percentile, measure

    lines = [Line(number, text) for number, text in enumerate(texts, 1)]
    params = BlockParams(window=window, min_wrapped_lines=min_wrapped)
    stats = measure(lines, params)
    wrapped = [(index, len(a.text.strip())) for index, (a, b) in enumerate(zip(lines, lines[1:]))
               if a.text and b.text and b.text[0].islower() and not a.text.endswith(".")]
    if len(wrapped) < min_wrapped:
        assert stats.local == ()
        return
    # Lines run together (longer than merged_line times the whole text's width) set no width.
    wrapped = [(at, length) for at, length in wrapped if length <= params.merged_line * stats.width]
    for index in range(len(lines)):
        around = [length for at, length in wrapped if abs(at - index) <= window]
        expected = _percentile(around, params.width_percentile) if len(around) >= min_wrapped else 0
        assert stats.local[index] == expected, index


# --- links and notes the text shows -------------------------------------------------


def _paragraph_json(text: str) -> list[dict]:
    """Return the JSON inlines of the first paragraph recovered from a small report around ``text``."""
    doc = normalize(f"Water Report\n\nOpening Remarks\n\n{text}\n").document
    para = next(b for b in n.iter_blocks(doc.blocks) if isinstance(b, n.Para))
    return [astjson.inline_to_json(inline) for inline in para.inlines]


def test_urls_and_email_addresses_become_links_and_lookalikes_stay_text():
    inlines = _paragraph_json("See https://en.wikipedia.org/wiki/Peace_operations_of_the_UN, "
                              "www.example.org/a_b or jica.go.jp; write to info@example.org.")
    links = [(i["inlines"][0]["text"], i["target"]) for i in inlines if i["type"] == "link"]
    assert links == [("https://en.wikipedia.org/wiki/Peace_operations_of_the_UN",
                      "https://en.wikipedia.org/wiki/Peace_operations_of_the_UN"),
                     ("www.example.org/a_b", "http://www.example.org/a_b"), ("jica.go.jp", "http://jica.go.jp"),
                     ("info@example.org", "mailto:info@example.org")]
    assert not any(i["type"] == "emph" for i in inlines)  # the underscores of a URL are no markup
    for text in ("Mr.Li and Dr.Ng said so, etc.de and co.uk.", "ftp://files.example.org and javascript:alert(1)"):
        assert [i["type"] for i in _paragraph_json(text)] == ["text"], text


def test_a_link_inside_bold_stays_inside_it():
    (strong, rest) = _paragraph_json("**Write to info@example.org now** please.")
    assert strong["type"] == "strong" and [i["type"] for i in strong["inlines"]] == ["text", "link", "text"]
    assert rest == {"type": "text", "text": " please."}


def _notes_report(marks: tuple[str, str, str], entries: str) -> n.Document:
    body = (f"Dr. Ruiz recalled the 2015 review{marks[0]} and the basin plan.{marks[1]} The area is 40 km² "
            f"in all.\n\nShe closed the session.{marks[2]}")
    return normalize(f"Water Report\n\nOpening Remarks\n\nDr. Ana Ruiz\nDirector, Centre for Water Studies\n\n"
                     f"{body}\n\nNotes\n\n{entries}\n").document


@pytest.mark.parametrize("marks,entries", [
    ((" [1]", "[2]", "[3]"), "1. Report of the panel, 2015.\n2. The plan of 2019.\n3. Minutes, p. 4."),
    (("¹", "²", "³"), "¹ Report of the panel, 2015.\n\n² The plan of 2019.\n\n³ Minutes, p. 4."),
    (("[1]", "[2]", "[3]"), "[1] Report of the panel, 2015.\n\n[2] The plan of 2019.\n\n[3] Minutes, p. 4."),
])
def test_notes_under_a_notes_line_go_where_their_marks_stand(marks, entries):
    doc = _notes_report(marks, entries)
    notes = [n.plain_text(note.blocks[0].inlines) for note in n.iter_notes(doc.blocks)]
    assert notes == ["Report of the panel, 2015.", "The plan of 2019.", "Minutes, p. 4."]
    texts = [n.plain_text(b.inlines) for b in n.iter_blocks(doc.blocks) if isinstance(b, n.Para)]
    assert texts == ["Dr. Ruiz recalled the 2015 review and the basin plan. The area is 40 km² in all.",
                     "She closed the session."]  # no "Notes" line, no list, km² untouched


def test_notes_whose_marks_are_not_all_found_stay_as_they_are():
    doc = _notes_report(("", "[2]", "[3]"), "1. Report of the panel, 2015.\n2. The plan of 2019.\n3. Minutes, p. 4.")
    assert list(n.iter_notes(doc.blocks)) == []
    assert "The plan of 2019." in {n.plain_text(b.inlines) for b in n.iter_blocks(doc.blocks) if isinstance(b, n.Para)}


def test_lines_quoted_e_mail_style_are_a_block_quote():
    doc = normalize("Water Report\n\nOpening Remarks\n\nDr. Ana Ruiz\nDirector, Centre for Water Studies\n\n"
                    "Dr. Ruiz read from the charter:\n\n> The parties shall share the waters of the basin\n"
                    "> equitably and **reasonably**.\n\nShe then closed the session.\n").document
    blocks = doc.blocks[0].blocks[0].blocks
    assert [type(block).__name__ for block in blocks] == ["Para", "BlockQuote", "Para"]
    assert n.plain_text(blocks[1].blocks[0].inlines) == \
        "The parties shall share the waters of the basin equitably and reasonably."
    assert isinstance(blocks[1].blocks[0].inlines[1], n.Strong)


# Running text wrapped at about 60 columns, so that a line's length tells whether it was full.
_WRAPPED_60 = ("The council met on Monday and agreed that the basin plan would\n"
            "need to be reviewed by the regional offices before the end of\n"
            "the year, and that the data of every station would be shared\n"
            "with the municipal utilities and the provincial planners who\n"
            "asked for it in the spring.\n")


def _ragged(width: int, last_line: range) -> tuple[str, str]:
    """Return two paragraphs of running text wrapped at ``width`` columns (ragged right, as a
    layout sets them), the first ending on a line whose length is in ``last_line``."""
    import textwrap
    words = ("the council agreed that the regional offices would review the basin plan with the "
             "municipal utilities and provincial planners before the end of the year while the data "
             "of every station would be shared with the research institutes and district teams").split()
    first = ["Delegates", *(words * 3)]
    while len(textwrap.wrap(" ".join(first) + ".", width)[-1]) not in last_line:
        first.pop()
    second = "Participants " + " ".join(words * 2) + "."
    return textwrap.fill(" ".join(first) + ".", width), textwrap.fill(second, width)


@pytest.mark.parametrize("line, ended", [
    ("In 2021, USD 71.4 million went to NWSC, KWSB, MWCI, NRWB and LWSC.", False),
    ("In 2021, the money went to the councils of the northern basin.", True)])
def test_a_sentence_end_with_room_in_characters_but_none_in_advances_ends_no_paragraph(line, ended):
    # Counted in characters, the next word "He" would have fitted after the sentence; but its
    # capitals and figures set the line as wide as the text's full lines (Helvetica's advances):
    # the two measures disagree, and the paragraph goes on. A line short by both ends it.
    body = "\n".join(_ragged(80, range(40, 60)) * 3)
    text = (f"Opening Remarks\n{body}\nThe council agreed that the regional offices would review the basin plan.\n"
            f"{line}\nHe further argued that the offices would share the data of every station with\nthe councils.\n")
    last = _texts(normalize(text).document.blocks[0].blocks)[-1][1]
    assert last.startswith("He further argued") is ended


def test_a_sentence_ended_well_short_of_a_ragged_line_ends_its_paragraph():
    # The next paragraph's first word would have fitted where nearly every wrapped line's next
    # word did not, measured as the type sets it: the line was ended on purpose.
    def first_words(last_line: range) -> list[str]:
        first, second = _ragged(78, last_line)
        section = normalize(f"Opening Remarks\n{first}\n{second}\n").document.blocks[0]
        return [n.plain_text(b.inlines).split()[0] for b in section.blocks]

    assert first_words(range(59, 62)) == ["Delegates", "Participants"]
    # A line that ends a sentence nearer its full length leaves its paragraph going on.
    assert first_words(range(66, 70)) == ["Delegates"]


def test_a_sentence_ended_where_both_measures_left_room_for_the_next_word_ends_its_paragraph():
    # 60 characters, and "Ambassador" would have fitted in the usual 74; in Helvetica's advances
    # (28.0 + 5.9) within 0.95 of a full line (36.0), though not in the least room a wrapped
    # line needed (33.0) as the advances alone ask: the two measures, which err differently,
    # agree that the line was ended.
    from convert.recover.blocks import starts_paragraph
    previous = Line(1, "per cent of young workers in Debrecen had broadband in 2004.")
    line = Line(2, "Ambassador Choi summarised the main findings as follows:")
    assert starts_paragraph(previous, line, 74, 0, room=(36.0, 33.0))
    assert not starts_paragraph(previous, line, 70, 0, room=(36.0, 33.0))  # no room in characters
    assert not starts_paragraph(previous, line, 74, 0, room=(34.1, 32.2))  # no room in advances
    # A list item's text is set narrower than the text the measures come from.
    assert not starts_paragraph(previous, line, 74, 0, room=(36.0, 33.0), in_item=True)


def test_a_sentence_ended_with_room_for_the_next_word_in_its_paragraphs_filled_lines_ends_it():
    # 62 characters, and "Participants" would not have fitted in the text's usual 74, nor in the
    # least room its wrapped lines needed (advances 31.7 against 32.5, less the slack); but the
    # paragraph's own lines that the text went on after (filled: the next word did not fit)
    # are wider: the second-widest, 76 characters and 34.1 in advances, leaves it room.
    from convert.recover.blocks import starts_paragraph
    block = [Line(number, text) for number, text in enumerate([
        "Delegates noted that only a third of the districts in the northern basin had",
        "reliable gauges in 2021. She went on to say that the regional offices were",
        "starting to rebuild the network of stations, particularly in the uplands and",
        "along the coast. The basin authorities spent USD 41.5 million on new gauges",
        "and training between 2009 and 2015. The donors spent a further USD 12.8 million",
        "on the repair of the gauges and the training of staff in 2020."], 1)]
    previous, line = block[-1], Line(7, "Participants cautioned that the new stations would need trained staff.")
    room = (35.3, 32.5)
    assert not starts_paragraph(previous, line, 74, 0, room=room)
    assert starts_paragraph(previous, line, 74, 0, room=room, block=block)
    # A list item's text is set narrower than its paragraph's lines may be.
    assert not starts_paragraph(previous, line, 74, 0, room=room, block=block, in_item=True)
    # One filled line proves too little; of two, the second-widest (75 characters) has no room.
    assert not starts_paragraph(previous, line, 74, 0, room=room, block=block[-2:])
    assert not starts_paragraph(previous, line, 74, 0, room=room, block=block[-3:])


_OFTEN = Openers(often=frozenset({"Participants"}))


def test_a_sentence_ended_with_room_for_a_word_that_opens_the_texts_paragraphs_ends_its_paragraph():
    # "Participants" opens a paragraph after a line no measure doubts was ended (well short), and
    # no sentence inside a line, of the twenty and more the text opens there: the text's
    # paragraphs open with it. A sentence's end 54 characters long, whose advances in Helvetica (digits, capitals)
    # leave no room by the other measures, leaves room for it within the usual width: it ends
    # its paragraph there.
    body = ("the regional offices were starting to rebuild the network of stations, particularly in the "
            "uplands and along the coast, where the storms of the last decade destroyed most of them. The "
            "basin authorities said that the new stations would need trained staff. Each office keeps its "
            "own records. Some of them are old. Most were never copied. A few were lost in the floods. "
            "Others are kept in the capital. The staff of the offices know them well. They asked for a "
            "budget of their own. Nobody objected.")

    def openings(inside: str = "") -> list[str]:
        third = ("Delegates recalled that the regional offices were starting to rebuild\n"
                 "the network of stations, particularly in the uplands and along the\n"
                 f"coast, where the storms of the last decade destroyed most of them.{inside} The\n"
                 "donors paid USD 41.5 million for new gauges in 2019, 2020 and 2021 and\n"
                 "USD 12.8 million in 2022 and 2023 (UNDP, WHO and IMF).")
        paragraphs = [textwrap.fill(f"Participants {verb} that {body}", 72) for verb in ("noted", "argued")]
        paragraphs += [third, textwrap.fill(f"Participants stressed that {body}", 72)]
        section = normalize("Opening Remarks\n" + "\n".join(paragraphs) + "\n").document.blocks[0]
        return [n.plain_text(b.inlines).split()[0] for b in section.blocks]

    assert openings() == ["Participants", "Participants", "Delegates", "Participants"]
    # Where the word opens a sentence inside a line as often as a paragraph, it shows nothing.
    assert openings(" Participants heard it.") == ["Participants", "Participants", "Delegates"]
    # The line's advances (26.5, and 5.5 for " Participants") leave no room within 0.95 of a full
    # line's 33.0, and take more than 0.8 of it: only the opening word shows the end. Not inside
    # a list item, whose text is set narrower than the usual width; nor without room in characters.
    from convert.recover.blocks import starts_paragraph
    previous = Line(1, "USD 12.8 million in 2022 and 2023 (UNDP, WHO and IMF).")
    line = Line(2, "Participants stressed that the regional offices were starting to rebuild")
    assert starts_paragraph(previous, line, 70, 0, room=(33.0, 32.0), openers=_OFTEN)
    assert not starts_paragraph(previous, line, 70, 0, room=(33.0, 32.0))
    assert not starts_paragraph(previous, line, 70, 0, room=(33.0, 32.0), openers=_OFTEN,
                                in_item=True)
    # Counted in characters, the word fits within 1.1 of the usual width (68 of 66: a proportional
    # face sets a line's letters a letter or two more or less), not well over it (68 of 60) ...
    assert starts_paragraph(previous, line, 66, 0, room=(33.0, 32.0), openers=_OFTEN)
    assert not starts_paragraph(previous, line, 60, 0, room=(33.0, 32.0), openers=_OFTEN)
    # ... unless in the lines its own paragraph shows filled (a narrow column's usual width falls
    # short of its widest lines): here the second-widest, 69 characters.
    block = [Line(number, text) for number, text in enumerate([
        "Delegates recalled that the regional offices were starting to rebuild",
        "the network of stations, particularly in the uplands and along the",
        "coast, where the storms of the last decade destroyed most of them and",
        "donors paid USD 41.5 million for new gauges in 2019, 2020 and 2021 and"], 1)] + [previous]
    assert starts_paragraph(previous, line, 60, 0, room=(33.0, 32.0), openers=_OFTEN,
                            block=block)
    assert not starts_paragraph(previous, line, 60, 0, room=(33.0, 32.0), block=block)


def test_a_word_that_opens_only_the_texts_paragraphs_opens_one_after_any_sentences_end():
    # A word that opened two paragraphs after lines no measure doubts, and no sentence inside a
    # line of the twenty and more the text opens there, opens a paragraph after a sentence's end
    # that filled its line; one that opened only one, or opens a sentence inside a line too, is
    # a paragraph's opener often, not only (the line must leave it room).
    from convert.recover.blocks import measure, starts_paragraph
    body = ("The plan covers the rivers. It was adopted in May. The donors agreed. The staff will "
            "be trained. Each office keeps its records. Some are old. Most were never copied.")

    def openers(*openings: str, ending: str = "Done.") -> Openers:
        text = "\n".join(line for opening in openings for line in [ending, *textwrap.wrap(f"{opening} {body}", 70)])
        return measure([Line(number, line) for number, line in enumerate(text.split("\n"), 1)]).openers

    found = openers("Delegates noted it.", "Participants said it.", "Delegates argued it.", "Participants asked.")
    assert {"Delegates", "Participants"} <= found.only
    assert openers("Delegates noted it.", "Participants said it.", "Delegates argued it.", "Participants asked.",
                   ending="   ").often == frozenset()  # a line of spaces opens with no word
    # An end that left room for the word within 0.9 of the usual width counts; a fuller one not.
    ending = "The board met on the first day of its session."
    found = openers("Delegates noted it.", "Participants said it.", "Delegates argued it.", "Participants asked.",
                    ending=ending)
    assert {"Delegates", "Participants"} <= found.only
    ending = "The board met on the first day of its session in the capital."
    assert not openers("Delegates noted it.", "Participants said it.", "Delegates argued it.", "Participants asked.",
                       ending=ending).often
    # A blank line between the sentence's end and the word (a space between paragraphs, as a
    # speaker's block or a column's row left empty gives it) shows the opening as plainly.
    assert {"Delegates", "Participants"} <= openers("Delegates noted it.", "Participants said it.",
                                                    "Delegates argued it.", "Participants asked.",
                                                    ending="The board met.\n").only
    found = openers("Delegates noted it.", "Participants said it.", "Delegates argued it. Participants asked.",
                    "Others agreed.")
    assert "Participants" not in found.only and "Delegates" in found.only
    assert "Participants" not in found.often  # once at a paragraph's start, once inside a line
    # Honorifics count as one word: a text whose paragraphs open with their speaker's name opens
    # them so whoever speaks.
    found = openers("Mr. Lee noted it.", "Mr. Lee said it.", "Delegates argued it.", "Others agreed.")
    assert found.opens_only("Prof.") and found.opens_often("Dr.") and not found.opens_often("Members")
    found = openers("Mr. Lee noted it.", "Mr. Lee said it.", "Dr. Ruiz argued it. Ms. Sato agreed.", "Dr. Ruiz agreed.")
    assert found.opens_often("Prof.") and not found.opens_only("Prof.")  # four to one: often, not only
    previous = Line(1, "and along the coast, where the storms destroyed most of the stations.")
    line = Line(2, "Participants stressed that the regional offices were starting to rebuild")
    assert starts_paragraph(previous, line, 70, 0, room=(33.0, 32.0),
                            openers=Openers(often=frozenset({"Participants"}), only=frozenset({"Participants"})))
    assert not starts_paragraph(previous, line, 70, 0, room=(33.0, 32.0), openers=_OFTEN)
    # Inside a list item too (its text set narrower, no width shows its end): no item's sentence
    # opens with a word that opens only paragraphs.
    only = Openers(often=frozenset({"Participants"}), only=frozenset({"Participants"}))
    assert starts_paragraph(previous, line, 70, 0, room=(33.0, 32.0), openers=only, in_item=True)
    assert not starts_paragraph(previous, line, 70, 0, room=(33.0, 32.0), openers=_OFTEN, in_item=True)
    assert not starts_paragraph(previous, Line(2, "The regional offices were starting to rebuild"), 70, 0,
                                room=(33.0, 32.0), openers=Openers(often=frozenset({"Participants"}),
                                                                   only=frozenset({"Participants"})))


def _texts(blocks) -> list[tuple[str, object]]:
    return [(type(b).__name__, [n.plain_text(i.blocks[0].inlines) for i in b.items]
             if isinstance(b, (n.BulletList, n.OrderedList)) else n.plain_text(b.inlines)) for b in blocks]


def test_a_paragraphs_first_line_in_a_box_of_its_own_goes_on_after_a_sentence_end():
    # pdfminer cuts a Chromium PDF's paragraphs into text boxes, a blank line between them: the
    # text shows it where a filled line and a line going on in lowercase stand apart. A
    # paragraph's first line alone in its box, filled, that ends a sentence goes on too.
    boxed = ("The council met on Monday and agreed that the basin plan would\n\n"
             "need to be reviewed by the regional offices before the end of\n"
             "the year, and that the data of every station would be shared\n\n"
             "with the municipal utilities and the provincial planners who\n\n"
             "asked for it in the spring.\n\n")
    first = "Dr. Ruiz said that the basin authorities had agreed on the plan.\n\n"
    rest = "The offices of the coast would report on the stations of the\nbasin in May.\n\n"
    text = f"Opening Remarks\n\nDr. Ana Ruiz\nDirector, Centre for Water Studies\n\n{boxed}{first}{rest}{boxed}"

    def paragraphs(text: str) -> list[tuple[str, object]]:
        return _texts(normalize(text).document.blocks[0].blocks[0].blocks)

    assert len(paragraphs(text)) == 3
    assert paragraphs(text)[1] == ("Para", " ".join((first + rest).split()))
    # Where no paragraph shows its boxes, the blank line after the sentence ends the paragraph.
    assert len(paragraphs(text.replace(boxed, _WRAPPED_60 + "\n"))) == 4
    # A short line, whose next word would have fitted after it, ends its paragraph in any text.
    assert len(paragraphs(text.replace(first, "The plan was agreed.\n\n"))) == 4


def test_a_lists_last_sentence_item_set_narrower_ends_where_the_wider_paragraph_after_it_starts():
    # A browser's list (bullets drawn, not text): two phrases, then a sentence item set narrower
    # than the text by its marker's indent; its last line leaves too little room at the text's
    # width to show its end, but the paragraph after it is set wider.
    item = ("In several districts, the councils should set up\nnew gauges for the rivers without waiting for a\n"
            "new law. At the same time, the number of stations\nwith reliable power rose from 500 to 800 in 2011\n"
            "and to 950 in 2012, as the offices had planned.\n")
    paragraph = ("Participants cautioned that the councils were beginning to monitor\n"
                 "the stations in close consultation with the residents of the coast.\n"
                 "Since 2004, only a third of the clinics in the basin had broadband,\n"
                 "and the share of schools with a connection had not changed at all.\n")
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair proposed the following steps:\nTraining for the offices of the "
            f"basin\nClearer rules for the stations\n{item}{paragraph}")
    blocks = _texts(normalize(text).document.blocks[0].blocks)
    assert blocks[2:] == [("BulletList", ["Training for the offices of the basin", "Clearer rules for the stations",
                                          " ".join(item.split())]),
                          ("Para", " ".join(paragraph.split()))]


@pytest.mark.parametrize("bullet, gap", [("", ""), ("• ", ""), ("", "\n")])
def test_a_list_of_one_line_phrases_is_read_with_or_without_its_bullets(bullet, gap):
    # gap: a blank line between phrases, as extractors that print text boxes put in.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair summarised the main findings as follows:\n{gap}"
            f"{bullet}Joint funding of the training programmes\n{gap}{bullet}Training for the district teams\n"
            f"{bullet}Regular reviews of water-quality testing in the basin\n"
            "Participants recalled that the surveys could be reviewed by\nthe utilities.\n")
    result = normalize(text)
    blocks = result.document.blocks[0].blocks
    assert _texts(blocks[1:]) == [
        ("Para", "The chair summarised the main findings as follows:"),
        ("BulletList", ["Joint funding of the training programmes", "Training for the district teams",
                        "Regular reviews of water-quality testing in the basin"]),
        ("Para", "Participants recalled that the surveys could be reviewed by the utilities.")]
    codes = {d.code for d in result.diagnostics}
    assert ("list-unmarked" in codes) == (not bullet) and "list-end" in codes


def test_phrases_as_wide_as_the_text_are_items_where_a_common_word_opens_the_next_with_a_capital():
    # Chromium's list items, set narrower than the text, can be phrases nearly as wide as it:
    # that the next word did not fit shows nothing, but a word the text writes in lowercase
    # ("training", "a") opens the next line with a capital: something starts there.
    wrapped = _WRAPPED_60.replace("asked for it in the spring.", "asked for a training plan in the spring.")
    text = (f"Opening Remarks\n{wrapped}The chair summarised the main findings as follows:\n"
            "Joint funding of the surveys in the regional offices\n"
            "Training for the district teams and the planners\n"
            "A common register of the stations in the basin\n"
            "Participants recalled that the surveys could be reviewed by\nthe utilities.\n")
    blocks = normalize(text).document.blocks[0].blocks
    assert _texts(blocks[-2:]) == [
        ("BulletList", ["Joint funding of the surveys in the regional offices",
                        "Training for the district teams and the planners",
                        "A common register of the stations in the basin"]),
        ("Para", "Participants recalled that the surveys could be reviewed by the utilities.")]
    # A name keeps its capital inside a sentence: the line before it wrapped.
    named = (f"Opening Remarks\n{wrapped}The chair summarised the main findings as follows:\n"
             "Joint funding of the surveys in the regional offices near\n"
             "Kumasi and the planners of the district teams in the basin\n"
             "Participants recalled that the surveys could be reviewed by\nthe utilities.\n")
    assert not any(isinstance(b, n.BulletList) for b in n.iter_blocks(normalize(named).document.blocks))


def test_a_line_that_ends_one_sentence_and_opens_the_next_is_no_phrase():
    # pdfminer sets an item's first line apart (a text box of its own): the sentence it opens
    # goes on after the blank line, in the same item.
    text = (f"Opening Remarks\n{_WRAPPED_60}\nThe chair summarised the main findings as follows:\n\n"
            "• Joint funding of the surveys\n\n"
            "• Only 13 per cent of the stations were read in 1997. Since\n\n"
            "2016, the district teams publish data on the surveys.\n\n"
            "• Training for the district teams\n\n"
            "Participants recalled that the surveys could be reviewed by\nthe utilities.\n")
    blocks = normalize(text).document.blocks[0].blocks
    assert _texts(blocks[-2:-1]) == [
        ("BulletList", ["Joint funding of the surveys",
                        "Only 13 per cent of the stations were read in 1997. Since 2016, the district teams "
                        "publish data on the surveys.", "Training for the district teams"])]


def test_a_number_between_a_wrapped_line_and_the_figure_that_goes_on_marks_the_next_item():
    # pdfminer prints item 4's number between two text boxes of item 3, whose sentence wrapped
    # before a figure ("... between" / "2010 and 2016."): item 4 starts after that sentence.
    text = (f"Opening Remarks\n{_WRAPPED_60}\nThe chair set out four priorities:\n\n"
            "1. The district teams published the data of every station.\n\n"
            "2. The planners asked for the surveys of the coastal basins.\n\n"
            "3. The utilities spent USD 67.3 million on the new stations between\n\n4.\n\n"
            "2010 and 2016. The regional offices spent USD 80.9 million on the\nsurveys of the basin.\n"
            "In 1997, the surveys were reviewed by the municipal utilities.\n\n"
            "Participants recalled that the surveys could be reviewed by\nthe utilities.\n")
    blocks = normalize(text).document.blocks[0].blocks
    assert _texts(blocks[-2:]) == [
        ("OrderedList", ["The district teams published the data of every station.",
                         "The planners asked for the surveys of the coastal basins.",
                         "The utilities spent USD 67.3 million on the new stations between 2010 and 2016. "
                         "The regional offices spent USD 80.9 million on the surveys of the basin.",
                         "In 1997, the surveys were reviewed by the municipal utilities."]),
        ("Para", "Participants recalled that the surveys could be reviewed by the utilities.")]


def test_a_dash_closing_an_aside_after_a_blank_line_goes_on_with_its_sentence():
    # pdfminer sets a line that opens with the dash closing an aside in a text box of its own;
    # a dash before a lowercase word after a line that broke off on a word is no item's marker,
    # while dashes after an introducing colon still mark items.
    text = (f"Opening Remarks\n{_WRAPPED_60}\nThe chair set out three priorities:\n\n"
            "1. The district teams published the data of every station.\n\n"
            "2. The renewal of the stations – and this is rarely acknowledged\n\n"
            "– should be reviewed by the municipal utilities.\n\n"
            "3. The planners asked for the surveys of the coastal basins.\n\n"
            "The plan covers:\n\n– water supply;\n\n– sanitation.\n")
    blocks = normalize(text).document.blocks[0].blocks
    assert _texts(blocks[-4:]) == [
        ("Para", "The chair set out three priorities:"),
        ("OrderedList", ["The district teams published the data of every station.",
                         "The renewal of the stations – and this is rarely acknowledged – should be reviewed by "
                         "the municipal utilities.", "The planners asked for the surveys of the coastal basins."]),
        ("Para", "The plan covers:"),
        ("BulletList", ["water supply;", "sanitation."])]


def test_a_sentence_broken_off_at_a_pages_foot_goes_on_with_a_name_but_not_with_a_common_word():
    # "USD" is written inside sentences ("spent USD 12.5 million") and never in lowercase: a
    # paragraph of running text broken off on a word at a page's foot goes on with it. "Since"
    # is never written inside a sentence with its capital: it opens a new paragraph.
    def page(body: str, number: int) -> str:
        return f"{body}\nBasin Council Report\nPage {number}\n\f"

    text = ("Opening Remarks\n" + page(
        "The council met on Monday and agreed that the basin plan would\n"
        "need to be reviewed by the regional offices before the end of\n"
        "the year. The district teams spent USD 12.5 million on the\n"
        "stations in Kumasi and the offices in Accra. The committees spent", 1) + page(
        "USD 80.2 million on the surveys of the coastal basins in the\n"
        "north. The planners asked for the data of every station in the\n"
        "basin that the utilities in Kumasi had read in the spring. They\n"
        "reported on the findings of the survey", 2) +
        "Since 2011, the district teams have published the data of the\nstations.\n")
    paragraphs = [n.plain_text(b.inlines) for b in normalize(text).document.blocks[0].blocks]
    assert len(paragraphs) == 2
    assert "The committees spent USD 80.2 million on the surveys" in paragraphs[0]
    assert paragraphs[0].endswith("on the findings of the survey")
    assert paragraphs[1].startswith("Since 2011,")


def test_a_list_of_phrases_introduced_at_a_pages_foot_opens_the_next_page():
    # The introducing line ends one page; the phrases open the next, past its header and the
    # page before's footer.
    def page(body: str, number: int) -> str:
        return f"Basin Council Report\n\n{body}\n\nPage {number}\n\f"

    text = (page(f"Opening Remarks\n{_WRAPPED_60}{_WRAPPED_60}The chair summarised the main findings as follows:", 1)
            + page("Joint funding of the training programmes\nTraining for the district teams\n"
                   "Participants recalled that the surveys could be reviewed by\nthe utilities.", 2)
            + page(_WRAPPED_60, 3))
    blocks = normalize(text).document.blocks[0].blocks
    at = next(i for i, b in enumerate(blocks) if isinstance(b, n.BulletList))
    assert _texts(blocks[at - 1:at + 2]) == [
        ("Para", "The chair summarised the main findings as follows:"),
        ("BulletList", ["Joint funding of the training programmes", "Training for the district teams"]),
        ("Para", "Participants recalled that the surveys could be reviewed by the utilities.")]


def test_an_unmarked_list_goes_on_over_a_page_break_after_a_sentence_item():
    # Two phrases and a sentence end one page; two more phrases open the next, past its header
    # and the page before's footer: one list, then the paragraph after it.
    def page(body: str, number: int) -> str:
        return f"Basin Council Report\n\n{body}\n\nPage {number}\n\f"

    text = (page(f"Opening Remarks\n{_WRAPPED_60}{_WRAPPED_60}The chair summarised the main findings as follows:\n"
                 "Joint funding of the training programmes\nClearer rules for the district teams\n"
                 "The offices would need to share the data of every\nstation.", 1)
            + page("Training for the municipal utilities\nA common register of the stations\n"
                   "Participants recalled that the surveys could be reviewed by\nthe utilities.", 2)
            + page(_WRAPPED_60, 3))
    blocks = normalize(text).document.blocks[0].blocks
    at = next(i for i, b in enumerate(blocks) if isinstance(b, n.BulletList))
    assert _texts(blocks[at:at + 2]) == [
        ("BulletList", ["Joint funding of the training programmes", "Clearer rules for the district teams",
                        "The offices would need to share the data of every station.",
                        "Training for the municipal utilities", "A common register of the stations"]),
        ("Para", "Participants recalled that the surveys could be reviewed by the utilities.")]
    # An item that fills the page's last line goes on with the sentence that opens the next
    # page: the page's foot, blank lines and all, shows nothing of where the item ends.
    full = ("The offices would need to share the data of every station with\n"
            "the planners and the municipal utilities before the next year.")
    opening = "Training for the municipal utilities"
    text = text.replace("The offices would need to share the data of every\nstation.", full).replace(
        opening, f"The stations were built in 2019.\n{opening}")
    blocks = normalize(text).document.blocks[0].blocks
    at = next(i for i, b in enumerate(blocks) if isinstance(b, n.BulletList))
    assert _texts(blocks[at:at + 2])[0][1][2:4] == [
        f"{' '.join(full.split())} The stations were built in 2019.", "Training for the municipal utilities"]


def test_a_line_that_introduces_the_next_list_is_no_item_of_the_list_before():
    # Two unmarked lists in a narrow column, one right after the other: the line that introduces
    # the second ends in its colon. It is no item of the first list (run on, as a sentence, into
    # the phrase after it, as wide as the text): it stands as a paragraph, and the second list
    # after it is a list of its own (its phrase as wide as the text ends before "In", a word the
    # text writes in lowercase elsewhere).
    text = ("Opening Remarks\nThe council met on Monday and agreed that\nthe basin plan would need to be reviewed by\n"
            "the regional offices before the end of the\nyear, and that the data of every station\n"
            "would be shared with the municipal utilities.\nThe chair proposed the following steps:\n"
            "Clearer rules for the municipal utilities\nA common register of the stations\n"
            "Only 86 per cent of the households in the\nbasin had credit in 2022.\n"
            "The discussion identified several concerns:\nJoint funding of the water-quality stations\n"
            "In 2015, only 69 per cent of the farms in the\nbasin had water in the dry season.\n"
            "A fund for the training of district teams\nParticipants recalled that the surveys could\n"
            "be reviewed by the utilities in the spring.\n")
    blocks = _list_and_after(text)
    intro = blocks.index(("Para", "The discussion identified several concerns:"))
    assert [kind for kind, _ in blocks[:intro]].count("BulletList") == 1
    assert blocks[intro + 1] == ("BulletList", [
        "Joint funding of the water-quality stations",
        "In 2015, only 69 per cent of the farms in the basin had water in the dry season.",
        "A fund for the training of district teams"])
    assert blocks[intro + 2] == ("Para", "Participants recalled that the surveys could be reviewed by the utilities "
                                         "in the spring.")


def test_a_line_that_introduces_a_marked_list_ends_the_unpunctuated_item_before_it():
    # The item's phrase ends unpunctuated on a line that left no room for "Dr.": the line after
    # it introduces the numbered list that follows, and is a paragraph, no more of the item.
    text = ("Opening Remarks\nDr. Ruiz, whose office published the\nfirst national survey in 2025, said\n"
            "that the planning of the basin could\nbe reviewed by the regional offices\n"
            "in the spring of the next year.\nDr. Ruiz listed two lessons:\n"
            "• Regular reviews of the collection\nof property taxes by district health\nteams\n"
            "• A common register of the\ncertification of all the laboratories\n"
            "Dr. Ruiz listed two more lessons:\n1. Since 2016, the teams would need\n"
            "to pool resources for the equipment.\n2. Clearer rules for the stations\n")
    assert _list_and_after(text)[:3] == [
        ("BulletList", ["Regular reviews of the collection of property taxes by district health teams",
                        "A common register of the certification of all the laboratories"]),
        ("Para", "Dr. Ruiz listed two more lessons:"),
        ("OrderedList", ["Since 2016, the teams would need to pool resources for the equipment.",
                         "Clearer rules for the stations"])]


def test_a_phrase_as_wide_as_the_text_is_an_item_before_a_line_opening_with_a_common_word_capitalised():
    # In a narrow column an unmarked item's phrase fills its line ("Joint funding of the river
    # gauge stations"); the next line opens with "A", which the text writes in lowercase
    # elsewhere: something opens there, and the phrase is an item, not a sentence's first line.
    text = ("Opening Remarks\nThe council met on Monday and agreed\nthat the basin plan would need to be\n"
            "reviewed by the regional offices before\nthe end of the year, and that the data\n"
            "of every station would be shared with a\nfew of the municipal utilities.\n"
            "Dr. Ruiz summarised the main\nfindings as follows:\n"
            "The councils were beginning to invest\nin the wells (see Annex 3).\n"
            "Joint funding of the river gauge stations\nA common register of public\ntransport\n"
            "Participants recalled that the surveys\ncould be reviewed by the utilities in\nthe spring of the next year.\n")
    assert _list_and_after(text) == [
        ("BulletList", ["The councils were beginning to invest in the wells (see Annex 3).",
                        "Joint funding of the river gauge stations", "A common register of public transport"]),
        ("Para", "Participants recalled that the surveys could be reviewed by the utilities in the spring of the "
                 "next year.")]


@pytest.mark.parametrize("shown", ["spaces", "indent"])
def test_a_marked_items_line_the_source_shows_going_on_is_no_phrase(shown):
    # "• By 2009, the basin offices spent" could be a phrase, but the source shows the item going
    # on: pypdf ends a line that wrapped with a space, and a layout dump sets the item's next
    # line under its text, past its marker. The item is one, "USD 57.1 million ..." no paragraph.
    soft = ("Opening Remarks\nThe council met on Monday and agreed that \nthe basin plan would need to be reviewed \n"
            "by the regional offices before the end of \nthe year, and that the data of every \n"
            "station would be shared.\nMs. Ruiz summarised the main \nfindings as follows:\n"
            "\u2022 Clearer rules for the river stations\n"
            "\u2022 Only 66 per cent of the farms had water \nin 2001. In several countries, the offices \n"
            "were expected to pool their resources.\n"
            "\u2022 By 2009, the basin offices spent \nUSD 57.1 million on the collection of \n"
            "the data in 2012.\n"
            "Participants recalled that the surveys \ncould be reviewed by the utilities in \nthe spring of the next year.\n")
    text = soft if shown == "spaces" else soft.replace(" \n", "\n").replace("\nin 2001.", "\n  in 2001.") \
        .replace("\nwere expected", "\n  were expected").replace("\nUSD 57.1", "\n  USD 57.1") \
        .replace("\nthe data in", "\n  the data in")
    kind, items = _list_and_after(text)[0]
    assert kind == "BulletList" and items == [
        "Clearer rules for the river stations",
        "Only 66 per cent of the farms had water in 2001. In several countries, the offices were expected to pool "
        "their resources.",
        "By 2009, the basin offices spent USD 57.1 million on the collection of the data in 2012."]


def test_a_paragraphs_first_line_set_in_after_a_marked_phrase_is_no_more_of_the_item():
    # In a layout dump, a line set in under a marked phrase's text goes on with the item where the
    # lines after it stay there; with the next line back at the margin, it is a paragraph's first.
    text = ("Opening Remarks\nThe council met on Monday and agreed that the basin plan would\n"
            "need to be reviewed by the regional offices before the end of\n"
            "the year, and that the data of every station would be shared.\n"
            "Ms. Ruiz summarised the main findings as follows:\n"
            "\u2022 Clearer rules for the river stations\n\u2022 A fund for the procurement of equipment\n"
            "    Participants explained that the offices had failed to share\n"
            "the data of every station with the utilities before the end of\nthe year.\n")
    assert _list_and_after(text) == [
        ("BulletList", ["Clearer rules for the river stations", "A fund for the procurement of equipment"]),
        ("Para", "Participants explained that the offices had failed to share the data of every station with the "
                 "utilities before the end of the year.")]


def _list_and_after(text: str) -> list[tuple[str, object]]:
    """Return the blocks of ``text``'s first section from the list on, as ``_texts`` gives them."""
    blocks = normalize(text).document.blocks[0].blocks
    first = next(i for i, b in enumerate(blocks) if isinstance(b, (n.BulletList, n.OrderedList)))
    return _texts(blocks[first:])


@pytest.mark.parametrize("count, items", [("three", 3), ("two", 2), ("", 2)])
def test_an_introduction_that_says_how_many_items_follow_ends_an_unmarked_list_there(count, items):
    # Two phrases, then a sentence, then a paragraph: whether the sentence is the list's third
    # item or a paragraph after it no line shows; "listed three lessons:" does. Without a
    # count, the list runs to its last phrase, as before.
    lessons = ["Joint funding of the training programmes", "Clearer rules for water-quality testing",
               "The basin plan was reviewed."]
    closing = "Participants recalled that the surveys could be reviewed by the utilities."
    intro = f"The chair listed {count} lessons:" if count else "The chair summarised the lessons as follows:"
    text = f"Opening Remarks\n{_WRAPPED_60}{intro}\n" + "\n".join(lessons) + f"\n{closing}\n"
    assert _list_and_after(text) == [("BulletList", lessons[:items]),
                                     *[("Para", lesson) for lesson in lessons[items:]], ("Para", closing)]
    diagnostic = next(d for d in normalize(text).diagnostics if d.code == "list-unmarked")
    assert ("as many as it announces" in diagnostic.message) == bool(count)


def test_an_announced_count_ends_an_item_where_the_only_sentence_end_at_a_lines_end_is():
    # "listed four lessons:", and the text shows three items: the second ran into the third, a
    # sentence ending on a full line before it. It is the one line inside the items that ends a
    # sentence before one that starts: the item ends there. With two such lines, no telling which.
    lessons = ["Joint funding of the training programmes",
               "The regional offices reviewed the basin plan with the utilities, and the\n"
               "surveys of the stations were shared with the towns of the coast in May.",
               "At the same time, the councils agreed on new tariffs.",
               "Clearer rules for water-quality testing"]
    closing = "Ms. Ana Lopez\nDirector, Centre for Water Studies\nMs. Lopez said that the plan was agreed.\n"
    text = f"Opening Remarks\n{_WRAPPED_60}The chair listed four lessons:\n" + "\n".join(lessons) + f"\n{closing}"

    def items(text: str) -> list[str]:
        found = next(b for b in normalize(text).document.blocks[0].blocks if isinstance(b, n.BulletList))
        return [" ".join(n.plain_text(block.inlines) for block in item.blocks) for item in found.items]

    assert items(text) == [" ".join(lesson.split()) for lesson in lessons]
    two = text.replace("Joint funding of the training programmes", "The offices of the basin met the towns of the "
                       "coast in June.\nThe plans were shared with the basin councils.")
    assert len(items(two)) == 3


def test_an_announced_count_holds_where_the_markers_were_printed_apart_after_a_pages_text():
    # pypdf printed the page's two bullets after its text; the third lesson opens the next page,
    # its bullet lost. Joined to their items, the two are no markers the text shows on the
    # items' lines: the count still tells the list's end.
    lessons = ["Joint funding of the training programmes was agreed in May.",
               "Clearer rules for water-quality testing were adopted.",
               "The offices reviewed the plan."]
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair listed three lessons:\n{lessons[0]}\n{lessons[1]}\n•\n•\n\f"
            f"{lessons[2]}\nParticipants recalled that the surveys could be reviewed by the\nutilities.\n")
    assert _list_and_after(text)[:2] == [
        ("BulletList", lessons), ("Para", "Participants recalled that the surveys could be reviewed by the utilities.")]


def test_sentences_that_end_a_list_are_its_items_where_their_lines_together_are_set_narrower():
    # No line of the two sentences after the last phrase left room for its next word (a long
    # one); but all three lines that wrapped stay well short of the text's full line: set
    # narrower, by the markers' indent, they are the list's last items.
    body = "\n".join(_ragged(80, range(40, 60)) * 3) + "\n"
    phrases = ["Joint funding of the training programmes", "Clearer rules for water-quality testing"]
    items = ["In practice, the regional offices would review the basin plan with all\n"
             "infrastructure planners before the end of the year.",
             "Moreover, the district teams would share the data of every station and\n"
             "infrastructure records with the research institutes of the northern\n"
             "municipalities before the end of the year."]
    text = (f"Opening Remarks\n{body}The chair summarised the main findings as follows:\n" + "\n".join(phrases)
            + "\n" + "\n".join(items) + f"\nClosing Remarks\n{body}")
    assert _list_and_after(text)[:1] == [("BulletList", [*phrases, *(" ".join(item.split()) for item in items)])]
    # Lines as wide as the text's are paragraphs'.
    paragraphs = [textwrap.fill(" ".join(item.split() * 2), 80) for item in items]
    wide = text.replace("\n".join(items), "\n".join(paragraphs))
    assert _list_and_after(wide)[:2] == [("BulletList", phrases), ("Para", " ".join(paragraphs[0].split()))]


def test_a_phrase_after_an_item_that_ended_a_sentence_on_a_full_line_is_the_next_item():
    # A sentence item can end on a full line, where the next item's first word would not have
    # fitted; but no paragraph goes on after a sentence in a line that ends in no punctuation,
    # stops on no connecting word and leaves room for the next line's first word: a phrase, an
    # item of its own.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair summarised the main findings as follows:\n"
            "Joint funding of the training programmes\n"
            "The regional offices reviewed the basin plan with the utilities.\n"
            "Clearer rules for water-quality testing\n"
            "Participants recalled that the surveys could be reviewed by\nthe utilities.\n")
    assert _list_and_after(text) == [
        ("BulletList", ["Joint funding of the training programmes",
                        "The regional offices reviewed the basin plan with the utilities.",
                        "Clearer rules for water-quality testing"]),
        ("Para", "Participants recalled that the surveys could be reviewed by the utilities.")]
    # Where the next line's first word would not have fitted after the phrase, a blank line
    # after it shows it ended on purpose all the same.
    wide = text.replace("Clearer rules for water-quality testing\n",
                        "Clearer rules for the water-quality testing of the stations\n\n")
    assert _list_and_after(wide)[0][1][1:] == ["The regional offices reviewed the basin plan with the utilities.",
                                               "Clearer rules for the water-quality testing of the stations"]


def test_an_announced_list_ends_before_a_title_and_counts_no_item_the_text_marks():
    # The third lesson ends a sentence on a full line, where the next word would not have
    # fitted; the title-shaped line after it is a heading, no item's text.
    lessons = ["Joint funding of the training programmes", "Clearer rules for water-quality testing",
               "The regional offices reviewed the basin plan with the utilities."]
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair listed three lessons:\n" + "\n".join(lessons)
            + f"\nLessons from the Northern Basin\n{_WRAPPED_60}")
    document = normalize(text).document
    assert _list_and_after(text)[0] == ("BulletList", lessons)
    assert [section.title for section in document.blocks] == ["Opening Remarks", "Lessons from the Northern Basin"]
    # Where the text shows the items' markers, they tell where the list ends, not the count:
    # the paragraph after the two marked lessons is no third.
    closing = "Participants recalled that the surveys could be reviewed by the utilities."
    marked = (f"Opening Remarks\n{_WRAPPED_60}The chair listed three lessons:\n• {lessons[0]}\n"
              "• The basin plan was reviewed.\nParticipants recalled that the surveys could be reviewed by\n"
              "the utilities.\n")
    assert _list_and_after(marked) == [("BulletList", [lessons[0], "The basin plan was reviewed."]), ("Para", closing)]


_WRAPPED_42 = ("The council met on Monday and agreed\n"
               "that the basin plan would need to be\n"
               "reviewed by the regional offices before\n"
               "the end of the year, and that the water\n"
               "data of every station would be shared\n"
               "with the utilities in the spring.\n")


def test_a_sentence_item_ends_before_a_line_that_opens_with_a_bullet_glyph():
    # Word's bullets, as pdftotext gives them, on every item: the second item is a phrase that
    # wrapped. No item runs on into the next marked line; so the running text after the list,
    # whose line stops on "Northern" before "Water Council" (the text writes "water" in
    # lowercase elsewhere: a capital that could open something), is no phrase item.
    text = ("Opening Remarks\n" + _WRAPPED_42 + "The chair proposed the following\nsteps:\n"
            "\uf0b7 Better data on public transport\n"
            "\uf0b7 Regular reviews of accountability\nmechanisms by municipal utilities\n"
            "\uf0b7 Training for cooperative banks on\nflood insurance\n"
            "The chair recalled that teacher unions\nwere expected to coordinate the flood\n"
            "insurance of the districts. The offices\nagreed that the plan would be reviewed.\n"
            "If the council does not name a version\nof the plan, the offices may choose any\n"
            "version ever published by the Northern\nWater Council. The data were shared.\n")
    assert _list_and_after(text) == [
        ("BulletList", ["Better data on public transport",
                        "Regular reviews of accountability mechanisms by municipal utilities",
                        "Training for cooperative banks on flood insurance"]),
        ("Para", "The chair recalled that teacher unions were expected to coordinate the flood insurance of the "
                 "districts. The offices agreed that the plan would be reviewed. If the council does not name a "
                 "version of the plan, the offices may choose any version ever published by the Northern Water "
                 "Council. The data were shared.")]


def test_items_whose_bullets_the_text_shows_count_as_a_phrase_does_between_sentence_items():
    # pdfminer left out the third item's bullet; the fourth shows its own. Four sentences stand
    # between the introducing line and the phrase that ends the list, one more than an unmarked
    # run may hold, but the marked ones are items whatever their shape.
    text = ("Opening Remarks\n" + _WRAPPED_42 + "The chair identified several concerns:\n"
            "• The offices reviewed the basin plan\nwith the utilities in the spring.\n"
            "• The surveys were shared.\n"
            "The unions asked for the data of every\nstation in the northern districts.\n"
            "\uf0b7 The council agreed that the plan\nwould be reviewed by the offices.\n"
            "Joint funding of maintenance budgets\n\n"
            "Participants recalled that the surveys\ncould be reviewed by the utilities.\n")
    assert _list_and_after(text) == [
        ("BulletList", ["The offices reviewed the basin plan with the utilities in the spring.",
                        "The surveys were shared.",
                        "The unions asked for the data of every station in the northern districts.",
                        "The council agreed that the plan would be reviewed by the offices.",
                        "Joint funding of maintenance budgets"]),
        ("Para", "Participants recalled that the surveys could be reviewed by the utilities.")]


def test_announced_count():
    assert patterns.announced_count("Ms. Lee listed four lessons:") == 4
    assert patterns.announced_count("the following 3 key recommendations:") == 3
    assert patterns.announced_count("He raised Two Main Issues:") == 2
    assert patterns.announced_count("She listed \ufb01ve lessons:") == 5  # a ligature's letters
    # No count of plural things just before the colon.
    for text in ("In the last 5 years, she noted:", "After a two-day meeting with partners:",
                 "The two ministers said:", "Since 2015 the ministry made proposals:", "The 13 members:"):
        assert patterns.announced_count(text) is None, text


def test_sentences_after_a_lists_last_phrase_are_its_items_where_their_lines_are_set_narrower():
    # Chromium drops the markers and sets the items narrower than the text, by the markers'
    # indent. A sentence after the last phrase whose line wrapped where the next word would
    # have fitted in the text's width is set so: an item. One wrapped at the text's width is a
    # paragraph after the list.
    body = "\n".join(_ragged(80, range(40, 60)) * 3) + "\n"  # enough wrapped lines to measure the room
    phrases = ["Joint funding of the training programmes", "Clearer rules for water-quality testing"]
    sentence = ("In practice, the regional offices would review the basin plan with the municipal "
                "utilities and the provincial planners.")

    def read(width: int) -> list[tuple[str, object]]:
        text = (f"Opening Remarks\n{body}The chair summarised the main findings as follows:\n"
                + "\n".join(phrases) + "\n" + textwrap.fill(sentence, width) + "\nClosing Remarks\n" + body)
        return _list_and_after(text)[:2]

    assert read(64) == [("BulletList", [*phrases, sentence])]
    assert read(80) == [("BulletList", phrases), ("Para", sentence)]
    # A paragraph after the list that runs on over a page break shows nothing narrower at the
    # page's foot: the blank lines there are no room its lines left.
    lines = textwrap.wrap(f"{sentence} {sentence}", 80)
    text = (f"Opening Remarks\n{body}The chair summarised the main findings as follows:\n" + "\n".join(phrases)
            + f"\n{lines[0]}\n\n12\n\f" + "\n".join(lines[1:]) + "\n\nClosing Remarks\n" + body)
    assert _list_and_after(text)[:2] == [("BulletList", phrases), ("Para", " ".join(lines))]
    # Nor does a word an extractor cut from its line (pdfminer's text boxes): too short a line
    # to have wrapped early.
    first, rest = textwrap.fill(sentence, 80).split(" ", 1)
    text = (f"Opening Remarks\n{body}The chair summarised the main findings as follows:\n" + "\n".join(phrases)
            + f"\n{first}\n{rest}\nClosing Remarks\n{body}")
    assert _list_and_after(text)[:2] == [("BulletList", phrases), ("Para", sentence)]
    # A list whose markers the text shows ends where they do, however narrow the sentence after it.
    phrases = [f"\u2022 {phrase}" for phrase in phrases]
    assert read(64) == [("BulletList", [phrase[2:] for phrase in phrases]), ("Para", sentence)]


@pytest.mark.parametrize("word, item", [("public", True), ("municipal", False)])
def test_a_sentence_after_a_lists_last_phrase_is_its_item_where_its_wrapped_line_took_less_room(word, item):
    # The list's sentence item between its phrases wrapped well short of the text's full line,
    # so a line wrapped a little short (the next word would have fitted in 95% of a full line)
    # is no early wrap by the text's least room; yet few paragraph lines take so little, and an
    # item set in by its marker often does: the sentence after the last phrase is the list's
    # last item. With "municipal" its line and the next word fill 99% of a full line: a paragraph.
    body = "\n".join(_ragged(80, range(40, 60)) * 3) + "\n"
    phrases = ["Joint funding of the training programmes", "Clearer rules for water-quality testing"]
    between = ("The regional offices reviewed the basin plan with the utilities and the\n"
               "district teams of the north.")
    sentence = (f"In practice, the regional offices would review the basin plan with the {word} "
                "utilities and the provincial planners.")
    text = (f"Opening Remarks\n{body}The chair summarised the main findings as follows:\n{phrases[0]}\n"
            f"{between}\n{phrases[1]}\n{textwrap.fill(sentence, 72)}\nClosing Remarks\n{body}")
    listed = [phrases[0], " ".join(between.split()), phrases[1]]
    assert _list_and_after(text)[:2] == ([("BulletList", [*listed, sentence])] if item
                                         else [("BulletList", listed), ("Para", sentence)])
    if not item:
        return
    # A second sentence whose two wrapped lines stay short of a full line (its next words are
    # long) shows itself set narrower only with the first's line: taken together, as before the
    # first was known for an item by its own line.
    more = ("Moreover, the district teams would share the data of every station with\n"
            "infrastructure planners and the research institutes of the northern\n"
            "municipalities before the end of the year.")
    both = text.replace("\nClosing Remarks", f"\n{more}\nClosing Remarks", 1)
    assert _list_and_after(both)[0] == ("BulletList", [*listed, sentence, " ".join(more.split())])


def test_phrases_after_a_label_or_a_wrapped_line_are_no_list():
    # A title page's label is no introducing sentence; a phrase that wraps on in lowercase is running text.
    label = normalize("Opening Remarks\nOrganized by:\nCentre for Water Studies\nBasin Council of the North\n")
    assert not any(isinstance(b, n.BulletList) for b in n.iter_blocks(label.document.blocks))
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair summarised the main findings as follows:\n"
            "Joint funding of the training programmes\nTraining for the district teams and\n"
            "the provincial planners.\n")
    assert not any(isinstance(b, n.BulletList) for b in n.iter_blocks(normalize(text).document.blocks))


def test_a_phrase_wrapped_in_a_narrow_column_is_one_item():
    # Chromium draws the bullets so that no extractor gives them back; in a narrow column the
    # first phrase wraps on in lowercase.
    text = ("Opening Remarks\nThe council met on Monday and agreed that\nthe basin plan would be "
            "reviewed by the\nregional offices before the end of the year.\nThe chair listed three lessons:\n"
            "Clearer rules for the procurement of\nequipment\nJoint funding of the budgets\n"
            "Joint funding of the surveys\nParticipants noted that the number of\nstations rose.\n")
    blocks = normalize(text).document.blocks[0].blocks
    assert _texts(blocks[-2:]) == [
        ("BulletList", ["Clearer rules for the procurement of equipment", "Joint funding of the budgets",
                        "Joint funding of the surveys"]),
        ("Para", "Participants noted that the number of stations rose.")]
    assert n.plain_text(blocks[-3].inlines).endswith("The chair listed three lessons:")


def test_a_phrase_wrapped_over_four_lines_of_a_very_narrow_column_is_one_item():
    # Chromium's narrowest columns (some 25 characters) wrap a phrase of ten words over four lines.
    text = ("Opening Remarks\nThe council met on\nMonday and agreed that\nthe basin plan would be\n"
            "reviewed by the regional\noffices before the end\nof the year.\nThe chair listed three\nlessons:\n"
            "Training for provincial\nplanners on the\nelectrification of rural\nclinics\nJoint funding of the\n"
            "budgets\nClearer rules for the\nsurveys\nParticipants noted that\nthe number of stations\nrose.\n")
    assert _texts(normalize(text).document.blocks[0].blocks)[2:] == [
        ("BulletList", ["Training for provincial planners on the electrification of rural clinics",
                        "Joint funding of the budgets", "Clearer rules for the surveys"]),
        ("Para", "Participants noted that the number of stations rose.")]


@pytest.mark.parametrize("last_line, ended", [("yet it fell still in the hills.", True),
                                                ("then to 950 in 2014 and 2015.", False)])
def test_an_unmarked_lists_sentence_item_ends_where_the_texts_measures_end_an_items_sentence(last_line, ended):
    # A browser's list in a narrow column (bullets drawn, not text): a sentence item's last line
    # is near the usual width in characters, but its advances in Helvetica leave room for the
    # next word, as the blocks read an item's end; the list is read so too, and the next sentence
    # is its item, not a paragraph between two lists. Where the advances leave no room either,
    # nothing shows the item ended: the sentence goes on in it.
    words = ("the council agreed that the regional offices would review the basin plan with the "
             "municipal utilities and provincial planners before the end of the year while the data "
             "of every station would be shared with the research institutes and district teams").split()
    body = "\n".join(textwrap.wrap("Delegates " + " ".join(words * 6) + ".", 34)) + "\n"
    first = ("In 2011 the number of stations\nwith reliable power rose from\n500 to 800 in two years, and\n"
             f"{last_line}\n")
    second = "The share of clinics with a\nconnection rose as planned.\n"
    text = (f"Opening Remarks\n{body}The chair proposed the following\nsteps:\n{first}{second}"
            f"Joint funding\nClearer rules\nClosing Remarks\n{body}")
    items = [" ".join(first.split()), " ".join(second.split())] if ended else [" ".join((first + second).split())]
    assert _list_and_after(text) == [("BulletList", [*items, "Joint funding", "Clearer rules"])]


def test_a_phrase_wrapped_over_three_lines_of_a_narrow_column_is_one_item():
    # A column of a few words wraps a phrase over three lines; a sentence item after it opens
    # with a line shaped as a title ("By 2024, the"), which goes on in lowercase: no heading.
    text = ("Opening Remarks\nThe council met on Monday and agreed\nthat the basin plan would be\n"
            "reviewed by the regional offices\nbefore the end of the year, and that\nthe data would be shared.\n"
            "The chair summarised the main\nfindings as follows:\n"
            "Joint funding of\ndecentralised renewable\ngeneration\n"
            "By 2024, the\nimplementation of the plan\nwould be reviewed.\n"
            "A common register of\nmaintenance budgets\n"
            "Mr. Ruiz noted that the number of\nstations rose.\n")
    assert _list_and_after(text) == [
        ("BulletList", ["Joint funding of decentralised renewable generation",
                        "By 2024, the implementation of the plan would be reviewed.",
                        "A common register of maintenance budgets"]),
        ("Para", "Mr. Ruiz noted that the number of stations rose.")]
    # A title goes on in lowercase only past a word a hyphen broke: it ends the list all the same.
    title = "Fiscal Policy and Coastal Management: Evidence, Insti-\ntutions and the Long Road\n"
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair summarised the main findings as follows:\n"
            f"Joint funding of the training programmes\nClearer rules for the district teams\n{title}{_WRAPPED_60}")
    assert _list_and_after(text)[0] == ("BulletList", ["Joint funding of the training programmes",
                                                       "Clearer rules for the district teams"])


def test_phrases_wrapped_in_a_narrow_column_show_each_others_ends():
    # Neither wrapped phrase leaves room for the next line's first word, and "Joint" is no word
    # the text writes in lowercase; but the second is a phrase wrapped so too, ended by a blank
    # line: each item ends where the next starts.
    text = ("Opening Remarks\nThe council met on Monday and\nagreed that the basin plan would\nbe reviewed by the "
            "regional\noffices before the end of the\nyear, and that the data would be\nshared with the utilities.\n"
            "The discussion identified several\nconcerns:\nIn practice, the councils spent\nmillions on the "
            "regional basin.\nRegular reviews of accountability\nmechanisms by local councils\n"
            "Joint funding of the procurement of\nequipment\n\nDr. Laine explained that the\nutilities would "
            "share the data.\n")
    assert _list_and_after(text) == [
        ("BulletList", ["In practice, the councils spent millions on the regional basin.",
                        "Regular reviews of accountability mechanisms by local councils",
                        "Joint funding of the procurement of equipment"]),
        ("Para", "Dr. Laine explained that the utilities would share the data.")]


def test_a_narrow_columns_list_opens_after_a_line_longer_than_most_and_wraps_its_phrases_at_broken_words():
    # A ragged narrow column: the introducing line is a third longer than the usual line, and a
    # phrase wraps at a word broken by a hyphen ("school-" / "feeding schemes").
    text = ("Opening Remarks\nThe council met on Monday and\nagreed that the plan would\nbe reviewed by the\n"
            "regional offices before the\nend of the year, and that the\ndata would be shared with\n"
            "the school-feeding schemes.\nMs. Ruiz set out three priorities:\n"
            "Better data on decentralised\nrenewable generation\nBetter data on school-\nfeeding schemes\n"
            "Clearer rules for the\nimplementation of tariff\nreforms\n\n"
            "Dr. Laine explained that the\nutilities would share the data.\n")
    assert _list_and_after(text) == [
        ("BulletList", ["Better data on decentralised renewable generation", "Better data on school-feeding schemes",
                        "Clearer rules for the implementation of tariff reforms"]),
        ("Para", "Dr. Laine explained that the utilities would share the data.")]


def test_a_wrapped_phrase_ends_before_a_phrase_on_a_line_of_its_own():
    # The wrapped phrase's last line leaves no room for "Joint"; the line after it is a phrase
    # of its own, which a speaker's name follows: the list's last item.
    text = ("Opening Remarks\nThe council met on Monday and agreed\nthat the plan would be reviewed by\n"
            "the regional offices before the\nend of the year, and that the data\nwould be shared with the "
            "utilities.\nThe chair summarised the main\nfindings as follows:\nBetter data\n"
            "Training for regional authorities on the\nelectrification of rural clinics\n"
            "Joint funding of flood insurance\nDr. Ana Ruiz\nDirector, Centre for Water Studies\n"
            "Dr. Ruiz opened the second meeting.\n")
    lists = [b for b in normalize(text).document.blocks[0].blocks if isinstance(b, n.BulletList)]
    assert _texts(lists) == [("BulletList", [
        "Better data", "Training for regional authorities on the electrification of rural clinics",
        "Joint funding of flood insurance"])]


def test_a_long_run_of_wrapped_phrases_is_read_within_bounds():
    # Untrusted text: thousands of phrases, each wrapped so that only the next one shows where
    # it ends. The look ahead is bounded (``MAX_UNITS`` phrases): no stack runs out.
    pairs = "Regular reviews of accountability\nmechanisms by the local councils\n" * 3000
    result = normalize(f"Opening Remarks\nThe council met on Monday and\nagreed on these points:\n{pairs}\nIt was "
                       "agreed.\n")
    assert sum(len(n.plain_text(b.inlines).split()) for b in body_paragraphs(result.document)) \
        + sum(len(n.plain_text(item.blocks[0].inlines).split()) for b in n.iter_blocks(result.document.blocks)
              if isinstance(b, n.BulletList) for item in b.items) == 10 + 9 * 3000 + 3


def test_a_phrase_wrapped_to_the_columns_width_ends_where_a_common_word_opens_the_next_line_with_a_capital():
    # The phrase's second line is as wide as the column, so that the next word's not fitting
    # shows nothing; but "At", which the text writes in lowercase ("reviewed at the"), opens the
    # next line with a capital: an item starts there.
    text = ("Opening Remarks\nThe council met on Monday and agreed that\nthe basin plan would be reviewed at the\n"
            "regional offices before the end of the year.\nThe chair summarised the concerns:\n"
            "Regular reviews of the training plans\nfor the district teams and the offices\n"
            "At the same time, the offices would\nneed to share the data.\nJoint funding of the surveys\n"
            "Participants noted that the number of\nstations rose.\n")
    assert _list_and_after(text) == [
        ("BulletList", ["Regular reviews of the training plans for the district teams and the offices",
                        "At the same time, the offices would need to share the data.",
                        "Joint funding of the surveys"]),
        ("Para", "Participants noted that the number of stations rose.")]


def test_a_line_that_stops_on_a_connecting_word_is_no_phrase_item():
    # "... of the stations in" / "Kumasi had ..." is a sentence wrapped before a name, not an
    # item of one line before another.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair summarised the main findings as follows:\n"
            "Joint funding of the training programmes\nClearer rules for water-quality testing\n"
            "Participants noted that only 39 per cent of the stations in\nKumasi had been funded by the basin.\n")
    assert _list_and_after(text) == [
        ("BulletList", ["Joint funding of the training programmes", "Clearer rules for water-quality testing"]),
        ("Para", "Participants noted that only 39 per cent of the stations in Kumasi had been funded by the basin.")]


def test_a_blank_line_between_items_shows_where_a_full_item_ended():
    # pdfminer prints each item as a text box, a blank line after it: an item that ends on a
    # full line ends there all the same.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair summarised the main findings as follows:\n"
            "Joint funding of the training programmes\n\n"
            "The offices had failed to share the data of the stations in time.\n\n"
            "Regular reviews of water-quality testing\n\n"
            "Participants recalled that the surveys could be reviewed by\nthe utilities.\n")
    blocks = normalize(text).document.blocks[0].blocks
    assert _texts(blocks[-2:]) == [
        ("BulletList", ["Joint funding of the training programmes",
                        "The offices had failed to share the data of the stations in time.",
                        "Regular reviews of water-quality testing"]),
        ("Para", "Participants recalled that the surveys could be reviewed by the utilities.")]


def test_a_list_items_hanging_indent_is_no_paragraph_indent():
    # pdftotext -layout: paragraphs open with a five-column indent; an item's text wraps to its own column.
    para = "     The council met on Monday and agreed that the basin plan would\n" \
           "need to be reviewed by the regional offices before the end of the\n" \
           "year, and that the data of every station would be shared with all.\n"
    text = (f"Opening Remarks\n{para}{para}{para}     The steps were these:\n"
            "\uf0b7 Fund the plan for the coming years in every district of the basin.\n"
            "    Share the data with the utilities that asked for it in the spring.\n"
            "\uf0b7 Review the plan.\n")
    blocks = normalize(text).document.blocks[0].blocks
    assert _texts(blocks[-1:]) == [("BulletList", [
        "Fund the plan for the coming years in every district of the basin. "
        "Share the data with the utilities that asked for it in the spring.", "Review the plan."])]


def test_pdfiums_merged_lines_are_cut_at_its_hyphen():
    # PDFium runs a line that ends in a broken word into the next, writing the hyphen U+FFFE.
    lines = split_lines("The plan was adopted by every govern\ufffement in the basin.\nNext line")
    assert [(line.number, line.text) for line in lines] == [
        (1, "The plan was adopted by every govern-"), (1, "ment in the basin."), (2, "Next line")]
    # A line that is only the mark stays a blank line of its own.
    assert [(line.number, line.text) for line in split_lines("a\n\ufffe\nb")] == [(1, "a"), (2, ""), (3, "b")]
    text = (f"Opening Remarks\n{_WRAPPED_60}The offices would review the plan with every govern\ufffement.\n"
            "Participants agreed that the data would be shared.\n")
    paras = [n.plain_text(b.inlines) for b in normalize(text).document.blocks[0].blocks]
    assert paras[-2:] == ["The offices would review the plan with every government.",
                          "Participants agreed that the data would be shared."]


@pytest.mark.parametrize("line, name", [("سلمى خليل .Dr", "Dr. سلمى خليل"),
                                         ("ىملس ليلخ .Dr", "Dr. سلمى خليل"),  # letters reversed too
                                         ("דוד כהן .Prof", "Prof. דוד כהן")])
def test_an_honorific_written_after_a_right_to_left_name_goes_first(line, name):
    text = f"Opening Remarks\n{line}\nDirector, Centre for Water Studies\nThe speaker opened the meeting.\n"
    speech = normalize(text).document.blocks[0].blocks[0]
    assert (speech.speaker.name, speech.speaker.affiliation) == (name, "Director, Centre for Water Studies")
    # A line of running text that ends so is left alone.
    assert text_lines("Dr. Lee spoke .Dr")[0].text == "Dr. Lee spoke .Dr"


def test_a_running_headers_first_copy_in_the_body_is_dropped():
    # No page breaks: the header is found beside its page numbers; its first copy, atop the page
    # after the title page, has none near it, and is kept by furniture as maybe the title page's.
    words = "water land energy health transport schools housing farms budgets clinics roads ports " \
            "rivers forests markets courts banks mines".split()
    body = "".join("".join(f"The council discussed {words[(page - 2) * 6 + row]} and agreed on the plan.\n"
                           for row in range(6)) + f"Page {page}\nBasin Report\n" for page in (2, 3, 4))
    text = f"Water and Cities\nReport compiled by Ana Ruiz\nBasin Report\nOpening Remarks\n{body}"
    result = normalize(text)
    assert [d.line for d in result.dropped if d.reason == "running-header"] == [3, 12, 20, 28]
    assert [d.code for d in result.diagnostics if d.line == 3] == ["running-header"]
    assert result.document.meta.title == "Water and Cities"
    assert not any("Basin Report" in n.plain_text(b.inlines) for b in n.iter_blocks(result.document.blocks)
                   if isinstance(b, n.Para))


def test_running_text_that_recurs_is_no_header():
    # "and 2013." recurs beside page numbers (digits folded), but goes on with a sentence.
    body = "\n".join(f"The {what} rose between 2001\nand {year}.\nPage {page}"
                     for page, what, year in ((2, "budget", 2013), (3, "share", 2014), (4, "number", 2015)))
    result = normalize(f"Opening Remarks\n{body}\n")
    assert all(d.reason == "page-number" for d in result.dropped)


def test_in_a_hyphenated_text_a_long_word_would_have_been_broken():
    # A narrow column, hyphenated: "Participants" did not fit after "(in Pune)." whole, but
    # its first letters and a hyphen would have; the line was ended on purpose.
    column = ("The council met on Monday and\nagreed that the basin authori-\nties would review the plan be-\n"
              "fore the end of the year, and\nthat the data of every station\nwould be shared with the util-\n"
              "ities that asked for it during\nthe talks (in Pune).\n"
              "Participants explained that\nthe reviews would follow.\n")
    paras = [n.plain_text(b.inlines) for b in normalize(f"Opening Remarks\n{column}").document.blocks[0].blocks]
    assert [p.split()[0] for p in paras] == ["The", "Participants"]


@pytest.mark.parametrize("heading, contents", [
    ("Part II Discussion", ""),
    # A heading of no usual form, which the contents page lists.
    ("Summary and Way Forward", "Water Report\n\nContents\n\nOpening Remarks ........ 2\n\n"
                                "Summary and Way Forward ........ 3\n\n\f"),
])
def test_a_bullet_printed_after_a_lists_last_item_of_several_sentences_marks_it(heading, contents):
    # pdfminer prints the last item's bullet in a text box of its own after the item, which
    # runs over four lines and two sentences, before the next heading.
    last = ("In 2004, the cooperative banks were expected to share responsibility for the budgets in\n"
            "close consultation with the residents. By 1994, only 77 per cent of the farms had basic\n"
            "sanitation in 2009. The committees were beginning to set clear targets for the\n"
            "certification of laboratories.")
    text = (f"{contents}Opening Remarks\n\nThe chair opened the meeting and thanked the hosts for their welcome.\n\n"
            "Participants agreed on these recommendations:\n\n\uf0b7 Better data on the surveys\n"
            "\uf0b7 Moreover, the water user associations could monitor the training programmes over\n"
            "the next decade. In several countries, small utilities need big partners.\n"
            f"{last}\n\n\uf0b7\n\n{heading}\n\nThe chair closed the meeting.\n")
    document = normalize(text).document
    assert [b.title for b in document.blocks] == ["Opening Remarks", heading]
    assert _texts(document.blocks[0].blocks)[1:] == [
        ("Para", "Participants agreed on these recommendations:"),
        ("BulletList", ["Better data on the surveys", "Moreover, the water user associations could monitor the "
                        "training programmes over the next decade. In several countries, small utilities need big "
                        "partners.", " ".join(last.split())])]


def test_a_number_printed_after_its_last_item_marks_it_not_the_paragraph_after_it():
    # pdfminer prints the last item's number in a text box of its own after the item's text;
    # the item started after the one before ended, short of a full line, and nothing else shows
    # it: the number marks it, not the speaker's paragraph after it.
    last = ("In 2000, the number of small enterprises with primary care rose from 2,100 to 6,200\n"
            "after 2009. At the same time, only 24 per cent of young workers had piped water.")
    paragraph = ("Ms. Ruiz, whose team coordinates the work of nine institutes, emphasised that the operators\n"
                 "must publish their data.")
    text = ("Opening Remarks\n\nThe chair opened the meeting and thanked the hosts for their welcome.\n\n"
            "Ms. Ruiz summarised the main findings as follows:\n\n"
            "1. According to recent figures, the number of stations with power rose from 800 to 4,900.\n\n"
            "2. The offices were expected to rethink the transport plan in close consultation with\n\n"
            "the residents.\n\n3. Public transport must be reviewed by the regional authorities. Only 56 per cent "
            f"of the\nhouseholds in the basin had piped water in 2022.\n{last}\n\n4.\n\n{paragraph}\n")
    blocks = _texts(normalize(text).document.blocks[0].blocks)
    assert blocks[2:] == [
        ("OrderedList", ["According to recent figures, the number of stations with power rose from 800 to 4,900.",
                         "The offices were expected to rethink the transport plan in close consultation with the "
                         "residents.", "Public transport must be reviewed by the regional authorities. Only 56 per "
                         "cent of the households in the basin had piped water in 2022.", " ".join(last.split())]),
        ("Para", " ".join(paragraph.split()))]


def test_markers_printed_after_their_items_at_a_pages_end():
    # Some extractors give a page's list markers after all its text; the next page goes on mid-sentence.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair set out two priorities:\nThe plan must be funded.\n"
            "The data must be shared with all\nthe offices.\nShe added that the reviews would\n1.\n2.\nPage 2\n"
            "follow in the spring.\n")
    blocks = normalize(text).document.blocks[0].blocks
    assert _texts(blocks[-3:]) == [
        ("Para", "The chair set out two priorities:"),
        ("OrderedList", ["The plan must be funded.", "The data must be shared with all the offices."]),
        ("Para", "She added that the reviews would follow in the spring.")]


def test_a_pages_markers_after_its_text_go_to_lines_after_lines_ended_short():
    # Three markers at the page's foot, four lines that could open an item: the second item's
    # first sentence ends on a full line and the item goes on ("... of 2016." / "In several").
    # The items open after the lines ended short, not after the first three sentence ends.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair proposed the following steps:\n"
            "The councils must publish the data of every station in the\nvalley before the end of the year.\n"
            "In practice, only 60 per cent of the wells in the valley had\n"
            "been tested by the basin authorities before the end of 2016.\n"
            "In several countries, the councils set clear targets for the\nnew wells.\n"
            "At the same time, the plan was funded.\n•\n•\n•\nBasin Report\nPage 2\n"
            "She added that the reviews would follow.\nBasin Report\nPage 3\n")
    assert _texts_after_the_first(text) == [
        ("Para", "The chair proposed the following steps:"),
        ("BulletList", ["The councils must publish the data of every station in the valley before the end of the year.",
                        "In practice, only 60 per cent of the wells in the valley had been tested by the basin "
                        "authorities before the end of 2016. In several countries, the councils set clear targets "
                        "for the new wells.",
                        "At the same time, the plan was funded."]),
        ("Para", "She added that the reviews would follow.")]


def _texts_after_the_first(text: str) -> list[tuple[str, object]]:
    """Return the kinds and texts of the first section's blocks after its first (``_WRAPPED_60``)."""
    return _texts(normalize(text).document.blocks[0].blocks[1:])


@pytest.mark.parametrize("first_item", [
    "The plan must be funded before the end of the year, and the\n"
    "councils must review it. The offices will publish the data.",
    # A sentence after one ended on a full line goes on with its item: the bullets are one fewer.
    "The plan must be funded before the end of the year, and the\n"
    "councils must review it in the spring of the coming years.\nThe offices will publish the data.",
])
def test_a_pages_bullets_after_its_text_go_to_the_lists_it_introduced_one_after_the_other(first_item):
    # pypdf on a browser's PDF: a page's five bullets follow all its text; the page introduced
    # two lists, of three items and two: the bullets mark them in turn, none the text after them.
    text = (f"Opening Remarks\n{_WRAPPED_60}The discussion identified several concerns:\n"
            "The councils must publish the data of every station.\nClearer rules for the wells\n"
            "Better data on the surveys\nMrs. Ruiz summarised the main findings as follows:\n"
            f"{first_item}\nThe data must be shared with all the offices.\n" + "\u2022\n" * 5
            + "Basin Report\nPage 2\nShe added that the reviews would follow.\nBasin Report\nPage 3\n")
    assert _texts_after_the_first(text) == [
        ("Para", "The discussion identified several concerns:"),
        ("BulletList", ["The councils must publish the data of every station.", "Clearer rules for the wells",
                        "Better data on the surveys"]),
        ("Para", "Mrs. Ruiz summarised the main findings as follows:"),
        ("BulletList", [" ".join(first_item.split()), "The data must be shared with all the offices."]),
        ("Para", "She added that the reviews would follow.")]


def test_a_pages_numbers_after_its_text_measure_its_items_full_lines_on_the_items_alone():
    # pypdf on a browser's PDF: the page's three numbers follow all its text, a speaker's speech
    # after the list. Four lines could open items; the one after a sentence that ended on a line
    # as full as the items' widest goes on with its item. The speech after the list, set wider
    # than the items, shows nothing of their room: measured with it, no item line is full, and
    # the list's last item became a paragraph.
    speech = "\n".join(_ragged(80, range(40, 60)))
    second = ("The plan must be funded before the end of the year, and the councils must\n"
              "review it in the spring of the coming years, as all of the delegates agreed.\n"
              "The offices will publish the data.")
    text = (f"Opening Remarks\n{speech}\nMrs. Ruiz summarised the main findings as follows:\n"
            f"The councils must publish the data of every station.\n{second}\n"
            "The data must be shared with all the offices.\nMr. Tavita Aiono\nHead of Policy, Basin Council\n"
            f"{speech}\n1.\n2.\n3.\nBasin Report\nPage 2\nShe added that the reviews would follow.\n"
            "Basin Report\nPage 3\n")
    blocks = normalize(text).document.blocks[0].blocks
    lists = [b for b in blocks if isinstance(b, n.OrderedList)]
    assert [" ".join(n.plain_text(para.inlines) for para in item.blocks) for item in lists[0].items] == [
        "The councils must publish the data of every station.", " ".join(second.split()),
        "The data must be shared with all the offices."]
    assert isinstance(blocks[blocks.index(lists[0]) + 1], n.Speech)


@pytest.mark.parametrize("page_end, page_top, bullets", [
    ("The councils must publish the data of", "Debrecen and of every other station.", 2),
    # The page before ended its item: the next page's first line opens one, whatever its word.
    ("The councils must publish the data.", "Debrecen shared the data of every station.", 3),
])
def test_a_pages_bullets_after_its_text_go_to_a_list_from_the_page_before_from_the_pages_top(page_end, page_top,
                                                                                            bullets):
    # pypdf on a browser's PDF: each page's bullets follow its text. The list introduced on the
    # first page, whose bullets there marked its items there, goes on on the next: the bullets
    # at its end mark the items at its top, after the rest of an item the page before left open.
    text = (f"Opening Remarks\n{_WRAPPED_60}The discussion identified several concerns:\n"
            f"Clearer rules for the wells\n{page_end}\n" + "\u2022\n" * 2 + f"Basin Report\nPage 2\n{page_top}\n"
            "Better data on the surveys\nThe plan must be funded before the end of the year.\n" + "\u2022\n" * bullets
            + "Basin Report\nPage 3\nShe added that the reviews would follow.\nBasin Report\nPage 4\n")
    items = ["Clearer rules for the wells", f"{page_end} {page_top}"] if bullets == 2 \
        else ["Clearer rules for the wells", page_end, page_top]
    assert _texts_after_the_first(text) == [
        ("Para", "The discussion identified several concerns:"),
        ("BulletList", [*items, "Better data on the surveys", "The plan must be funded before the end of the year."]),
        ("Para", "She added that the reviews would follow.")]


def test_a_pages_bullets_after_its_text_go_to_a_list_from_the_page_before_and_to_the_list_it_introduced():
    # pypdf on a browser's PDF: each page's bullets follow its text. The list introduced on the
    # first page, whose two bullets there marked its items there, goes on at the next page's
    # top; that page introduces a list of its own: its four bullets mark both lists' items.
    text = (f"Opening Remarks\n{_WRAPPED_60}The discussion identified several concerns:\n"
            "The councils must publish the data of every station.\n"
            "The plan must be funded before the end of the year.\n" + "\u2022\n" * 2 + "Basin Report\nPage 2\n"
            "The offices will publish the data of the surveys.\nThe data must be shared with all the offices.\n"
            "Mrs. Ruiz summarised the main findings as follows:\nBetter data on the surveys\n"
            "The reviews would follow in the spring.\n" + "\u2022\n" * 4
            + "Basin Report\nPage 3\nShe added that the reviews would follow.\nBasin Report\nPage 4\n")
    assert _texts_after_the_first(text) == [
        ("Para", "The discussion identified several concerns:"),
        ("BulletList", ["The councils must publish the data of every station.",
                        "The plan must be funded before the end of the year.",
                        "The offices will publish the data of the surveys.",
                        "The data must be shared with all the offices."]),
        ("Para", "Mrs. Ruiz summarised the main findings as follows:"),
        ("BulletList", ["Better data on the surveys", "The reviews would follow in the spring."]),
        ("Para", "She added that the reviews would follow.")]


def test_lone_numbers_between_two_printed_items_mark_theirs_with_the_lists_first_numbers_alone_too():
    # pdfminer printed "1." and "2." apart before their items, "4." before "3. ...", and "5."
    # after item 5: the numbers between items 3 and 6 mark the sentences between them, though
    # the list's first numbers stand alone too.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair proposed the following steps:\n\n1.\n\n2.\n\n"
            "The plan must be funded before the end of the year.\nThe data must be shared with all the offices.\n\n"
            "4.\n\n3. However, the offices spent the funds on the wells.\n"
            "The councils must review the plan in the spring.\nThe wells must be tested by the offices.\n\n5.\n\n"
            "6. Only a few stations were built.\n\n"
            "Participants recalled that the surveys could be reviewed by\nthe utilities.\n")
    assert _list_and_after(text) == [
        ("OrderedList", ["The plan must be funded before the end of the year.",
                         "The data must be shared with all the offices.",
                         "However, the offices spent the funds on the wells.",
                         "The councils must review the plan in the spring.", "The wells must be tested by the offices.",
                         "Only a few stations were built."]),
        ("Para", "Participants recalled that the surveys could be reviewed by the utilities.")]


def test_numbers_after_a_pages_text_go_on_after_the_item_the_page_before_left_open():
    # pypdf: no form feeds, each page's numbers printed after its text. Item 1 opens at a page's
    # foot and goes on at the next page's top with a name ("Capital Region"): items 2 and 3,
    # numbered at that page's end, start after the sentence the page before left open.
    text = ("Basin Report\nOpening Remarks\n" + _WRAPPED_60 +
            "Participants agreed on these recommendations:\nBetween 2000 and 2004, the\nbasin plan – a\n"
            "1.\nPage 2\nBasin Report\nCapital Region participants\nreturned to – would need to\n"
            "be reviewed by the offices.\nThe utilities would share\nthe data of every station.\n"
            "The councils would review\nthe surveys.\n2.\n3.\nPage 3\nBasin Report\n" + _WRAPPED_60
            + "Page 4\nBasin Report\n" + _WRAPPED_60)
    blocks = normalize(text).document.blocks[0].blocks
    assert _texts(blocks[1:3]) == [
        ("Para", "Participants agreed on these recommendations:"),
        ("OrderedList", ["Between 2000 and 2004, the basin plan – a Capital Region participants returned to – "
                         "would need to be reviewed by the offices.", "The utilities would share the data of every "
                         "station.", "The councils would review the surveys."])]


def test_a_pages_markers_after_its_text_go_to_its_phrase_list_and_to_a_list_from_the_page_before():
    # A page ends with its markers ("•" x2, "1."); the next page's markers ("2.") follow its
    # text too; between them, each page's header and number.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair summarised the findings as follows:\n"
            "Joint funding of the training programmes\nTraining for the district teams\n"
            "Participants recalled that the surveys were late.\nThe chair proposed these steps:\n"
            "The plan must be funded.\n•\n•\n1.\nBasin Report\nPage 2\nThe data must be shared with all\n"
            "the offices.\nShe added that the reviews would follow in the spring.\n2.\nBasin Report\nPage 3\n"
            "It was agreed.\nBasin Report\nPage 4\n")
    assert _texts_after_the_first(text) == [
        ("Para", "The chair summarised the findings as follows:"),
        ("BulletList", ["Joint funding of the training programmes", "Training for the district teams"]),
        ("Para", "Participants recalled that the surveys were late."),
        ("Para", "The chair proposed these steps:"),
        ("OrderedList", ["The plan must be funded.", "The data must be shared with all the offices."]),
        ("Para", "She added that the reviews would follow in the spring."),
        ("Para", "It was agreed.")]


def test_a_pages_numbers_after_its_text_go_first_to_items_after_short_lines_then_in_order():
    # pypdf prints the page's three numbers after its text. Four lines could start items; two
    # follow a sentence that ended on a full line (spaces stretched by justification count one
    # each). The one after a short line is an item; of the other two, the first.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair proposed these steps:\n"
            "The regional  offices  reviewed  the  basin  plan  with  all  the  utilities.\n"
            "The data of every station would be shared with the planners and\n"
            "the research institutes who had asked for it in the early spring.\n"
            "The surveys were costed.\nThe plan must be funded.\n1.\n2.\n3.\nBasin Report\nPage 2\n"
            f"Closing Remarks\n{_WRAPPED_60}Basin Report\nPage 3\nIt was agreed.\nBasin Report\nPage 4\n")
    assert _list_and_after(text)[0] == ("OrderedList", [
        "The regional offices reviewed the basin plan with all the utilities.",
        "The data of every station would be shared with the planners and the research institutes who had asked "
        "for it in the early spring. The surveys were costed.",
        "The plan must be funded."])


def test_a_pages_numbers_after_its_text_go_to_a_list_far_up_the_page():
    # A narrow column: between the list's introduction and the page's end, where pypdfium2
    # prints the page's numbers, stand more lines than the markers' usual reach; the page's
    # start is within the page's reach.
    words = ("the regional offices would review the basin plan with the municipal utilities and "
             "the provincial planners before the end of the year").split()
    def sentences(count: int, first: str) -> str:
        return textwrap.fill(" ".join(f"{first if i == 0 else 'Then'} {' '.join(words)}." for i in range(count)), 38)
    items = [sentences(3, "First"), sentences(3, "Second"), sentences(3, "Third")]
    after = sentences(12, "Participants noted that")
    text = (f"Opening Remarks\n{_WRAPPED_60}Basin Report\nPage 1\nThe chair listed three lessons:\n" + "\n".join(items)
            + f"\n{after}\n1.\n2.\n3.\nBasin Report\nPage 2\nIt was agreed.\nBasin Report\nPage 3\n"
            "It was noted.\nBasin Report\nPage 4\n")
    assert text.count("\n", text.index("three lessons:"), text.index("\n1.\n")) > 75
    assert _list_and_after(text)[:2] == [("OrderedList", [" ".join(item.split()) for item in items]),
                                         ("Para", " ".join(after.split()))]


def test_a_pages_markers_after_its_text_go_to_a_wrapped_phrase_and_never_to_a_title_over_a_speaker():
    # pypdf gives a page's bullets after its text. The list's first item is a phrase wrapped in
    # its narrow column; the title after the list stands over a speaker: no item.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair summarised the findings as follows:\n"
            "Better data on the rivers of\nthe basin\nMoreover, the offices shared the data of\n"
            "every station. It was late.\nIn 2004, the teams were expected to\nreview the plan.\n"
            "Summary of the Debate\nMs. Lena Ortiz (Director, Basin Office)\nMs. Ortiz recalled that the "
            "surveys were late.\n•\n•\n•\nBasin Report\nPage 2\nShe added that the reviews would follow.\n"
            "Basin Report\nPage 3\n")
    blocks = normalize(text).document.blocks
    assert _texts(blocks[0].blocks[1:]) == [
        ("Para", "The chair summarised the findings as follows:"),
        ("BulletList", ["Better data on the rivers of the basin",
                        "Moreover, the offices shared the data of every station. It was late.",
                        "In 2004, the teams were expected to review the plan."])]
    assert blocks[1].title == "Summary of the Debate"


def test_a_pages_markers_after_its_text_never_go_to_a_line_that_goes_on_with_a_sentence():
    # An item whose line ends on a word, a sentence begun in it ("... in 2015. Between"), is no
    # phrase: the next line, opening with a figure, goes on with it; so does a line opening with
    # a dash after a sentence left open ("... as the review showed" / "– could ...").
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair listed three lessons:\nBetter maps of the river basins\n"
            "Only 16 per cent of the wells were tested in 2015. Between\n2012 and 2021, the testing of "
            "wells – as the review showed\n– could be shared by the councils.\nThe wells rose from 300 to "
            "900 after\n2005. The plan was adopted.\n•\n•\n•\nBasin Report\nPage 2\nShe added that the "
            "reviews would follow.\nBasin Report\nPage 3\n")
    assert _texts_after_the_first(text) == [
        ("Para", "The chair listed three lessons:"),
        ("BulletList", ["Better maps of the river basins",
                        "Only 16 per cent of the wells were tested in 2015. Between 2012 and 2021, the testing "
                        "of wells – as the review showed – could be shared by the councils.",
                        "The wells rose from 300 to 900 after 2005. The plan was adopted."]),
        ("Para", "She added that the reviews would follow.")]


def test_a_pages_bullet_after_its_text_is_never_given_to_a_numbered_headings_second_line():
    # pypdf prints the page's one bullet (the list's last item, the rest of the list on the page
    # before) after its text. A numbered heading wrapped after its colon ("Session 2: From
    # Plans to Practice:" / "Sharing ...") introduces no list: its second line is no item.
    text = (f"Session 1: The Basin Plan\n{_WRAPPED_60}The chair listed three lessons:\nBetter maps of the basin\n"
            "Joint funding of the gauges\n\u2022\n\u2022\nBasin Report\nPage 2\n"
            "Regular reviews of the network\nShe added that the reviews would follow in the spring, when the "
            "offices had\nshared their data.\nSession 2: From Plans to Practice:\nSharing the Data of the "
            "Stations\nParticipants agreed that the offices would share their data.\n\u2022\nBasin Report\n"
            "Page 3\nIt was agreed.\nBasin Report\nPage 4\n")
    doc = normalize(text).document
    assert [s.title for s in doc.blocks] == ["Session 1: The Basin Plan",
                                             "Session 2: From Plans to Practice: Sharing the Data of the Stations"]
    assert not any(isinstance(b, n.BulletList) for b in doc.blocks[1].blocks)


def test_a_line_before_a_figure_or_a_bracket_that_goes_on_with_its_sentence_is_no_phrase():
    # "... fell by 19.7 points between" / "2011 and 2022. ...": the sentence goes on with the
    # figure; the line is the first of a sentence item, not a phrase of its own, and the list
    # holds the phrases and the sentences between them.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair proposed the following steps:\n"
            "However, the share of the wells fell by 19.7 points between\n"
            "2011 and 2022. The offices were asked to review the plan.\n"
            "A common register of the gauges\nThe councils spent USD 21.4 million on the stations.\n"
            "Better data on the rivers of the basin\n" + _WRAPPED_60)
    assert _texts_after_the_first(text)[:2] == [
        ("Para", "The chair proposed the following steps:"),
        ("BulletList", ["However, the share of the wells fell by 19.7 points between 2011 and 2022. The "
                        "offices were asked to review the plan.", "A common register of the gauges",
                        "The councils spent USD 21.4 million on the stations.",
                        "Better data on the rivers of the basin"])]
    # So too a bracket: "... fell by a fifth in the towns" / "(Art. 2 of the 2019 act).".
    bracket = text.replace("fell by 19.7 points between\n2011 and 2022.",
                           "fell by a fifth in the towns\n(Art. 2 of the 2019 act).")
    assert _texts_after_the_first(bracket)[1] == ("BulletList", [
        "However, the share of the wells fell by a fifth in the towns (Art. 2 of the 2019 act). The offices "
        "were asked to review the plan.", "A common register of the gauges",
        "The councils spent USD 21.4 million on the stations.", "Better data on the rivers of the basin"])


def test_phrases_in_a_row_after_a_full_phrase_are_items_of_its_list():
    # The first phrase fills its line: that the next word did not fit shows nothing. But three
    # lines in a row that open with a capital and end on no punctuation, before a heading, are
    # no sentence wrapped: each is an item.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair summarised the findings as follows:\n"
            "Regular reviews of the gauges on the river by the office\n"
            "Clearer rules for the testing of wells\nBetter data on the rivers\n"
            "Closing Remarks\n" + _WRAPPED_60)
    assert _texts_after_the_first(text) == [
        ("Para", "The chair summarised the findings as follows:"),
        ("BulletList", ["Regular reviews of the gauges on the river by the office",
                        "Clearer rules for the testing of wells", "Better data on the rivers"])]


def test_markers_before_their_items_count_a_phrase_that_filled_its_line():
    # pdftotext prints Word's bullets before the items. The second item, a phrase, happens to
    # fill its line, so the text does not show that it ended; the three markers do.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair set out three priorities:\n\uf0b7\n\n\uf0b7\n\n\uf0b7\n\n"
            "The plan must be funded by the councils.\nA fund for the training of the district teams of the basin\n"
            "Better data\n")
    assert _texts_after_the_first(text) == [
        ("Para", "The chair set out three priorities:"),
        ("BulletList", ["The plan must be funded by the councils.",
                        "A fund for the training of the district teams of the basin", "Better data"])]


@pytest.mark.parametrize("bullet", ["•", "\uf0b7", "▪"])
def test_a_bullet_glyph_opens_an_item_after_a_line_that_filled_its_measure(bullet):
    # A dash can open a wrapped line of running text; a bullet glyph cannot: after a full line,
    # it opens the next item all the same.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair set out two priorities:\n"
            f"{bullet} A fund for the training of the district teams of the basin\n{bullet} Better data\n")
    assert _texts_after_the_first(text) == [
        ("Para", "The chair set out two priorities:"),
        ("BulletList", ["A fund for the training of the district teams of the basin", "Better data"])]


def test_a_title_over_running_text_whose_first_line_the_source_shows_going_on():
    # LibreOffice's PDFs draw the space where a line wrapped, and pypdf keeps it: the first line
    # under the title goes on, although the next word would just have fitted after it.
    wrapped = ("The council met on Monday and agreed that the basin plan would be \n"
               "reviewed by the regional offices before the end of the year, and \n"
               "that the data of every station would be shared with the municipal \n"
               "utilities.\n")
    text = (f"Opening Remarks\n{wrapped}From Pilot Projects to National Programmes: Planning House-\n"
            "hold Energy across East Africa\nParticipants acknowledged that the plan – as the \n"
            f"review showed – could be reviewed by the councils at every level \nof the government.\n{wrapped}")
    blocks = normalize(text).document.blocks
    assert [b.title for b in blocks] == [
        "Opening Remarks", "From Pilot Projects to National Programmes: Planning Household Energy across East Africa"]
    assert n.plain_text(blocks[1].blocks[0].inlines).startswith("Participants acknowledged that the plan")


def test_a_title_over_running_text_at_a_pages_top_after_a_phrase_item():
    # The page before ends on a list's last item, a phrase well short of its line: the text did
    # not break off there, and the title at the next page's top is a heading. A speaker's role
    # broken over the page ("... Council on Waste" / "Management") goes on.
    pages = [f"Water Report\nOpening Remarks\n{_WRAPPED_60}The chair listed two lessons:\n"
             "Joint funding of the training programmes\nBetter data on the rivers\nPage 2",
             "Water Report\nFiscal Policy in the Basin\n"
             "Participants pointed out that the councils should rethink the planning\n"
             "of the basin before the next budget cycle and share the data.\nMs. Ana Ruiz, Head of Policy, "
             "Network of Researchers on Antimicrobial\nResistance; Member of the Joint Council on Waste\nPage 3",
             "Water Report\nManagement\nMs. Ruiz said that the plan was agreed by all of the offices of\n"
             "the basin and that the data would be shared with the councils.\nPage 4"]
    blocks = normalize("\n\f".join(pages)).document.blocks
    assert [b.title for b in blocks] == ["Opening Remarks", "Fiscal Policy in the Basin"]


def test_a_first_marker_printed_before_the_lists_introduction_goes_to_the_first_item():
    # pdfminer gives the first item's number in a box of its own, before the introducing line.
    text = (f"Opening Remarks\n{_WRAPPED_60}\n1.\n\nThe chair set out two priorities:\n"
            "The plan must be funded by the councils.\n\n2. The data must be shared.\n")
    assert _texts_after_the_first(text) == [
        ("Para", "The chair set out two priorities:"),
        ("OrderedList", ["The plan must be funded by the councils.", "The data must be shared."])]
    # At a page's top, after a page that ended on a full line, the introduction opens a block.
    text = (f"Opening Remarks\n{_WRAPPED_60}The council met again on Tuesday and agreed that the data of the\n"
            "offices would be shared with all of the municipal utilities now.\n\f\uf0b7\n\uf0b7\n\n"
            "The chair set out two priorities:\nThe plan must be funded by the councils.\nThe data must be shared.\n")
    assert _texts_after_the_first(text)[1:] == [
        ("Para", "The chair set out two priorities:"),
        ("BulletList", ["The plan must be funded by the councils.", "The data must be shared."])]


def test_an_item_printed_before_its_bullet_after_items_marked_with_their_own():
    # pdfminer gives an item's text box before its bullet's; the items around it show theirs.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair proposed these steps:\n\n\uf0b7 The plan must be funded.\n\n"
            "\uf0b7 The data must be shared.\nJoint funding of the training\n\n\uf0b7\n\uf0b7 Clearer rules for the "
            "offices\n")
    assert _texts_after_the_first(text) == [
        ("Para", "The chair proposed these steps:"),
        ("BulletList", ["The plan must be funded.", "The data must be shared.", "Joint funding of the training",
                        "Clearer rules for the offices"])]
    # The item above may have its bullet on a line of its own too.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair proposed these steps:\n\n\uf0b7\n\nThe data must be shared.\n"
            "Joint funding of the training\n\n\uf0b7\n\uf0b7 Clearer rules for the offices\n")
    assert _texts_after_the_first(text)[1] == (
        "BulletList", ["The data must be shared.", "Joint funding of the training", "Clearer rules for the offices"])
    # Or between the item's first line and the rest, which goes on in lowercase: the item wraps
    # around it, after an item marked with its own. The bullet is no word of the text.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair proposed these steps:\n\n\uf0b7 The plan must be funded.\n\n"
            "\uf0b7 Joint funding of the training\nIn practice, the plan – contrary to the\n\uf0b7\n"
            f"projections – was funded by the offices.\n\n{_WRAPPED_60}")
    assert _texts_after_the_first(text)[:2] == [
        ("Para", "The chair proposed these steps:"),
        ("BulletList", ["The plan must be funded.", "Joint funding of the training",
                        "In practice, the plan – contrary to the projections – was funded by the offices."])]


def test_the_last_items_bullet_printed_after_its_text_goes_to_it():
    # pdfminer gives the last item's bullet in a box of its own after the item's text, the
    # items before it marked with their own; a speaker follows, no item. The bullet is no word.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair set out three priorities:\n\n\uf0b7 The plan must be funded.\n"
            "\uf0b7 The data must be shared.\nJoint funding of the training\n\uf0b7\n\n"
            "Dr. Ana Ruiz\nDirector, Centre for Water Studies\nDr. Ruiz agreed.\n")
    result = normalize(text)
    assert _texts(result.document.blocks[0].blocks[1:3]) == [
        ("Para", "The chair set out three priorities:"),
        ("BulletList", ["The plan must be funded.", "The data must be shared.", "Joint funding of the training"])]
    assert [d.reason for d in result.dropped if d.text.strip() == "\uf0b7"] == ["list-marker"]
    # After a paragraph, with no list before it, the bullet marks no item the text shows.
    alone = text.replace("The chair set out three priorities:\n\n\uf0b7 The plan must be funded.\n"
                         "\uf0b7 The data must be shared.\n", "")
    assert [type(b).__name__ for b in normalize(alone).document.blocks[0].blocks] == ["Para", "Para", "Speech"]


def test_the_last_items_bullet_printed_after_its_phrase_goes_to_it_before_a_paragraph():
    # pdfminer gives the last item, a phrase, before its bullet; a paragraph follows. Unmarked,
    # the phrase would stand alone between an item and the paragraph: the bullet is its own.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair set out three priorities:\n\n\uf0b7 The plan must be funded.\n\n"
            "\uf0b7 The data must be shared.\nJoint funding of the training\n\n\uf0b7\n\n"
            f"{_WRAPPED_60}")
    result = normalize(text)
    assert _texts(result.document.blocks[0].blocks[1:4])[:2] == [
        ("Para", "The chair set out three priorities:"),
        ("BulletList", ["The plan must be funded.", "The data must be shared.", "Joint funding of the training"])]
    assert type(result.document.blocks[0].blocks[3]).__name__ == "Para"
    # A phrase after a lone bullet of its own is that bullet's item: the next bullet marks the
    # text after it.
    own = text.replace("\uf0b7 The data must be shared.\nJoint", "\uf0b7\n\nJoint")
    assert _texts(normalize(own).document.blocks[0].blocks[2:3]) == [
        ("BulletList", ["The plan must be funded.", "Joint funding of the training",
                        " ".join(_WRAPPED_60.split())])]
    # So is a phrase that a run of bullets before the items marked (pdfminer printed the first
    # two bullets, then their items).
    run = (f"Opening Remarks\n{_WRAPPED_60}The chair set out four priorities:\n\n\uf0b7\n\n\uf0b7\n\n"
           "The plan must be funded by the offices.\nJoint funding of the training\n\n\uf0b7\n\n"
           "The data must be shared.\n\n\uf0b7\n\nThe reviews will follow in May.\n")
    assert _texts(normalize(run).document.blocks[0].blocks[2:3]) == [
        ("BulletList", ["The plan must be funded by the offices.", "Joint funding of the training",
                        "The data must be shared.", "The reviews will follow in May."])]


def test_a_marked_items_line_that_opens_with_a_capital_before_the_next_marked_item_is_the_items():
    # An item ends on a capitalised word and goes on with a line that opens with capitals; the
    # next item shows its bullet: the line between two marked items is the first one's, not a
    # paragraph after a list of phrases.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair set out three priorities:\n\uf0b7 The plan must be funded.\n"
            "\uf0b7 Note that the plan may be covered by the ordinary General\nPublic Fund rather than by the special "
            f"one.\n\uf0b7 The data must be shared.\n{_WRAPPED_60}")
    assert _texts(normalize(text).document.blocks[0].blocks[2:4]) == [
        ("BulletList", ["The plan must be funded.",
                        "Note that the plan may be covered by the ordinary General Public Fund rather than by the "
                        "special one.", "The data must be shared."]),
        ("Para", " ".join(_WRAPPED_60.split()))]


def test_a_number_printed_after_the_last_item_marks_no_heading_over_a_speaker_in_a_box_apart():
    # pdfminer gives the last item's number after the item's text, then the next section's
    # title (no usual form) and, in a box of its own, a speaker: the title is no item.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair set out three priorities:\n\n1. The plan must be funded.\n\n"
            "2. The data must be shared by the offices of the basin.\n\nThe reviews will follow in May.\n\n3.\n\n"
            "Lessons from the Delta\n\nDr. Ana Ruiz, Director, Centre for Water Studies\n\nDr. Ruiz agreed.\n")
    result = normalize(text)
    assert [b.title for b in result.document.blocks] == ["Opening Remarks", "Lessons from the Delta"]
    assert _texts(result.document.blocks[0].blocks[1:3])[1] == (
        "OrderedList", ["The plan must be funded.", "The data must be shared by the offices of the basin.",
                        "The reviews will follow in May."])


def test_a_paragraph_between_two_bulleted_items_is_an_item_whose_bullet_was_lost():
    # pdfminer may drop an item's bullet; the text between two bulleted items of one list is
    # no paragraph (no text stands inside a list) but that item. A paragraph that introduces
    # the next list (it ends in a colon) stays one, and the list after it is a new list.
    text = (f"Opening Remarks\n{_WRAPPED_60}\nThe chair set out four priorities:\n\n"
            "\uf0b7 The plan must be funded by the offices.\n\uf0b7 The data must be shared with the utilities.\n\n"
            "The reviews will follow in May, after the offices have reported.\n\n"
            f"\uf0b7 The stations must be repaired.\n\n{_WRAPPED_60}")
    result = normalize(text)
    assert _texts(result.document.blocks[0].blocks[2:3]) == [
        ("BulletList", ["The plan must be funded by the offices.", "The data must be shared with the utilities.",
                        "The reviews will follow in May, after the offices have reported.",
                        "The stations must be repaired."])]
    assert "item-unmarked" in {d.code for d in result.diagnostics}
    introduced = text.replace("The reviews will follow in May, after the offices have reported.",
                              "The chair added two more:")
    assert [type(b).__name__ for b in normalize(introduced).document.blocks[0].blocks] == [
        "Para", "Para", "BulletList", "Para", "BulletList", "Para"]


def test_the_last_items_number_printed_after_its_text_goes_to_it():
    # pdfminer gives the last item's number in a box of its own after the item's text; a
    # speaker follows, no item.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair set out three priorities:\n1. The plan must be funded.\n\n"
            "2. The data must be shared by the offices\nof the basin.\nThe reviews will follow in May.\n\n3.\n\n"
            "Dr. Ana Ruiz\nDirector, Centre for Water Studies\nDr. Ruiz agreed.\n")
    assert _texts(normalize(text).document.blocks[0].blocks[1:3]) == [
        ("Para", "The chair set out three priorities:"),
        ("OrderedList", ["The plan must be funded.", "The data must be shared by the offices of the basin.",
                         "The reviews will follow in May."])]


def test_a_bullet_that_marks_no_item_is_left_out_and_listed():
    # A bullet glyph standing apart with no item the text shows after or before it (a speaker
    # follows) is no paragraph: it is left out, and listed.
    text = (f"Opening Remarks\n{_WRAPPED_60}\n\uf0b7\n\nDr. Ana Ruiz\nDirector, Centre for Water Studies\n"
            "Dr. Ruiz agreed.\n")
    result = normalize(text)
    assert [type(b).__name__ for b in result.document.blocks[0].blocks] == ["Para", "Speech"]
    assert [(d.text, d.reason) for d in result.dropped if d.reason == "stray-marker"] == [("\uf0b7", "stray-marker")]
    assert "stray-marker" in {d.code for d in result.diagnostics}
    # A marker on the text's last line marks nothing either (and ends no line after it).
    for marker in ("*", "•", "3."):
        assert normalize(f"Opening Remarks\n{marker}").document.blocks[0].title == "Opening Remarks"
    # Nor do bullets pdftotext (raw) prints from the column beside among a speaker's lines: no
    # list starts between a speaker's name, role and speech.
    text = (f"Opening Remarks\n{_WRAPPED_60}\nDr. Ana Ruiz\n\n\uf0b7\n\nDirector, Centre for Water\nStudies\n\n"
            "\uf0b7\n\nDr. Ruiz said that the basin plan\nwould be reviewed by the offices.\n")
    result = normalize(text)
    speech = result.document.blocks[0].blocks[1]
    assert (speech.speaker.name, speech.speaker.affiliation) == ("Dr. Ana Ruiz", "Director, Centre for Water Studies")
    assert _texts(speech.blocks) == [("Para", "Dr. Ruiz said that the basin plan would be reviewed by the offices.")]
    assert [d.reason for d in result.dropped if d.text == "\uf0b7"] == ["stray-marker"] * 2
    # Pages whose only recurring lines have no letter have no running header to compare with.
    assert normalize(":\f\n:").document.meta.title  # read, no KeyError


def test_a_bullet_between_two_marked_items_that_marks_neither_is_left_out_not_kept_as_text():
    # pdfminer prints Word's bullets beside items whose text it moved: one alone between two
    # items marked with their own marks no item, and no blank line stands beside it. It was
    # read as the first item's last word, a private-use glyph in the text of every format.
    text = ("Opening Remarks\n\nThe chair set out four priorities:\n\n\uf0b7 Joint funding of the basin offices\n\n"
            "\uf0b7 Clearer rules for household surveys\n\uf0b7\n\uf0b7 Better data on tariff reforms\n\uf0b7\n\n\n"
            "Training for teacher unions\n\nThe chair closed the meeting after the discussion of the plan.\n")
    result = normalize(text)
    assert _texts(result.document.blocks[0].blocks[1:2]) == [
        ("BulletList", ["Joint funding of the basin offices", "Clearer rules for household surveys",
                        "Better data on tariff reforms", "Training for teacher unions"])]
    assert [(d.line, d.reason) for d in result.dropped] == [(8, "stray-marker"), (10, "list-marker")]


def test_a_number_printed_inside_the_item_before_goes_to_the_item_after_it():
    # pdfminer prints "3." in a box of its own inside item 2's text (items 1 and 2 have their
    # numbers): item 3 follows item 2, not the list's introduction.
    text = (f"Opening Remarks\n{_WRAPPED_60}\n1.\n\nThe chair set out three priorities:\n"
            "The plan must be funded by the councils of the basin and by the\noffices.\n\n"
            "2. The data must be shared with all of the municipal utilities and\n\n3.\n\n"
            "the offices of the basin.\nThe reviews will follow in May.\n")
    assert _texts_after_the_first(text) == [
        ("Para", "The chair set out three priorities:"),
        ("OrderedList", ["The plan must be funded by the councils of the basin and by the offices.",
                         "The data must be shared with all of the municipal utilities and the offices of the basin.",
                         "The reviews will follow in May."])]


def test_a_dash_set_apart_between_the_words_of_a_sentence_is_no_list_marker():
    # pdftotext cuts a justified narrow line at its wide spaces: a dash inside a sentence comes
    # out alone on its line, between words in lowercase. It stays where it is.
    text = (f"Opening Remarks\n{_WRAPPED_60}In 2018, the household surveys\n–\nby most estimates – must be "
            "reviewed by the planners.\nShe went on to say that the plan was late.\n")
    words = " ".join(n.plain_text(block.inlines) for block in normalize(text).document.blocks[0].blocks[1:])
    assert "surveys – by most estimates – must" in words


def test_markers_printed_before_their_items_go_to_phrases_that_end_on_purpose():
    # pdftotext prints Word's bullets on lines of their own before the items: a phrase item
    # (no punctuation) ended short of a full line is followed by the next item ...
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair summarised the findings as follows:\n\uf0b7\n\uf0b7\n\uf0b7\n\n"
            "Better data on the rivers\nIn practice, the offices had failed to share the data of\n"
            "every station before the spring.\nA common register of the stations\n\n"
            "Participants recalled that the surveys were late.\n")
    blocks = normalize(text).document.blocks[0].blocks
    assert _texts(blocks[1:]) == [
        ("Para", "The chair summarised the findings as follows:"),
        ("BulletList", ["Better data on the rivers", "In practice, the offices had failed to share the data of "
                        "every station before the spring.", "A common register of the stations"]),
        ("Para", "Participants recalled that the surveys were late.")]
    # ... but a full line, or one stopping on a connecting word, goes on into the next.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair summarised the findings as follows:\n\uf0b7\n\uf0b7\n\n"
            "In 2018, the offices spent USD 45.9 million on the stations between\n"
            "1994 and 2000. The data was shared in\n2001.\nThe plan must be funded.\n")
    blocks = normalize(text).document.blocks[0].blocks
    assert _texts(blocks[2:]) == [("BulletList", [
        "In 2018, the offices spent USD 45.9 million on the stations between 1994 and 2000. "
        "The data was shared in 2001.", "The plan must be funded."])]


def test_a_bullet_printed_after_the_lists_first_item_goes_to_it():
    # pdfminer gives a list's first item as a text box of its own, before its bullet.
    text = (f"Opening Remarks\n{_WRAPPED_60}\nThe chair summarised the findings as follows:\n"
            "Joint funding of the training programmes\n\n\uf0b7\n\uf0b7 Training for the district teams\n"
            "\uf0b7 Training for the river boards\n\nParticipants recalled that the surveys were late.\n")
    blocks = normalize(text).document.blocks[0].blocks
    assert _texts(blocks[1:]) == [
        ("Para", "The chair summarised the findings as follows:"),
        ("BulletList", ["Joint funding of the training programmes", "Training for the district teams",
                        "Training for the river boards"]),
        ("Para", "Participants recalled that the surveys were late.")]


def test_a_number_printed_after_its_items_text_goes_to_it():
    # pdfminer gives an item's text as a box of its own, then its number, then the next item.
    text = (f"Opening Remarks\n{_WRAPPED_60}\nThe chair proposed the following steps:\n\n"
            "1. By 2019, the council would review the basin plan with the offices\nof the region.\n"
            "In practice, the offices should publish the data of every station\nbefore the next budget cycle.\n\n"
            "2.\n\n3. The council would meet again in the spring.\n\n"
            "Participants recalled that the surveys were late.\n")
    assert _texts_after_the_first(text) == [
        ("Para", "The chair proposed the following steps:"),
        ("OrderedList", ["By 2019, the council would review the basin plan with the offices of the region.",
                         "In practice, the offices should publish the data of every station before the next "
                         "budget cycle.", "The council would meet again in the spring."]),
        ("Para", "Participants recalled that the surveys were late.")]


def test_numbers_printed_after_their_items_count_on_from_the_item_before():
    # pdfminer gives items 2 and 3 as text boxes, then their numbers: the two items follow item 1
    # (printed with its number). Item 3 follows a sentence ended on a nearly full line, which
    # the text alone does not show: the numbers' count does.
    text = (f"Opening Remarks\n{_WRAPPED_60}\nThe chair proposed the following steps:\n\n"
            "1. By 2019, the council would review the basin plan with the\noffices of the region.\n"
            "In practice, the offices should publish the data of the basin\n"
            "stations at every level of government in the coming spring.\n"
            "The reviews of the plan will follow in May.\n\n2.\n\n3.\n\n"
            "Participants recalled that the surveys were late.\n")
    assert _texts_after_the_first(text) == [
        ("Para", "The chair proposed the following steps:"),
        ("OrderedList", ["By 2019, the council would review the basin plan with the offices of the region.",
                         "In practice, the offices should publish the data of the basin stations at every level "
                         "of government in the coming spring.", "The reviews of the plan will follow in May."]),
        ("Para", "Participants recalled that the surveys were late.")]


def test_a_first_number_printed_after_its_item_goes_to_the_item_after_the_introduction():
    # pdfminer gives the first item's text, then its "1.", then the items with their numbers.
    text = (f"Opening Remarks\n{_WRAPPED_60}\nThe chair set out three priorities:\n"
            "By 2019, the council would review the basin plan with the\noffices of the region.\n\n1.\n\n"
            "2. The data must be shared by the offices.\n3. The reviews will follow in May.\n\n"
            "Participants recalled that the surveys were late.\n")
    assert _texts_after_the_first(text) == [
        ("Para", "The chair set out three priorities:"),
        ("OrderedList", ["By 2019, the council would review the basin plan with the offices of the region.",
                         "The data must be shared by the offices.", "The reviews will follow in May."]),
        ("Para", "Participants recalled that the surveys were late.")]


def test_numbers_printed_apart_go_to_the_items_between_two_printed_with_theirs():
    # pdfminer prints "2." before "1. ..." and "3." before "4. ...": items 2 and 3 are the two
    # that start between items 1 and 4.
    text = (f"Opening Remarks\n{_WRAPPED_60}\nThe chair proposed the following steps:\n\n2.\n\n"
            "1. By 2019, the council would review the basin plan with the\noffices of the region.\n"
            "In practice, the offices should publish the data.\nThe reviews of the plan will follow in May.\n\n"
            "3.\n\n4. The council would meet again in the spring.\n\n"
            "Participants recalled that the surveys were late.\n")
    assert _texts_after_the_first(text) == [
        ("Para", "The chair proposed the following steps:"),
        ("OrderedList", ["By 2019, the council would review the basin plan with the offices of the region.",
                         "In practice, the offices should publish the data.",
                         "The reviews of the plan will follow in May.", "The council would meet again in the spring."]),
        ("Para", "Participants recalled that the surveys were late.")]


def test_markers_before_their_items_skip_sentences_that_ended_on_a_full_line():
    # pdftotext prints three bullets before the items. The first item goes on after two
    # sentences that ended on full lines (their ends show nothing); the next two items start
    # after a sentence ended short and after a phrase: those are the items, not the first
    # three sentence starts.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair listed three lessons:\n\uf0b7\n\n\uf0b7\n\uf0b7\n\n"
            "Only 88 per cent of the stations in the basin had gauges in 2016.\n"
            "Only 29 per cent of the stations in the hills had gauges in 2001.\n"
            "Moreover, the data of every station would need to be\nreviewed by the council.\n"
            "Joint funding of the stations\n"
            "At the same time, the offices spent USD 19.2 million on the\ngauges between 2012 and 2016.\n"
            "Participants argued that the share of the stations without\ngauges fell by 16.8 percentage points.\n")
    assert _texts_after_the_first(text) == [
        ("Para", "The chair listed three lessons:"),
        ("BulletList", ["Only 88 per cent of the stations in the basin had gauges in 2016. Only 29 per cent of the "
                        "stations in the hills had gauges in 2001. Moreover, the data of every station would need "
                        "to be reviewed by the council.", "Joint funding of the stations",
                        "At the same time, the offices spent USD 19.2 million on the gauges between 2012 and 2016."]),
        ("Para", "Participants argued that the share of the stations without gauges fell by 16.8 percentage points.")]
    # A line ending in a word before a figure ("... gauges in" / "1995.") is no phrase of its own.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair listed three lessons:\n\uf0b7\n\n\uf0b7\n\uf0b7\n\n"
            "The offices would need to strengthen the gauges of every basin.\n"
            "By 2018, only 84 per cent of the hill stations had gauges in\n1995.\n"
            "Joint funding of the stations\n"
            "At the same time, the offices spent USD 19.2 million on the\ngauges between 2012 and 2016.\n"
            "Participants argued that the share of the stations without\ngauges fell by 16.8 percentage points.\n")
    assert _texts_after_the_first(text)[1] == (
        "BulletList", ["The offices would need to strengthen the gauges of every basin. By 2018, only 84 per cent "
                       "of the hill stations had gauges in 1995.", "Joint funding of the stations",
                       "At the same time, the offices spent USD 19.2 million on the gauges between 2012 and 2016."])


def test_a_bullet_between_an_items_lines_marks_the_next_item_not_one_marked_already():
    # pdfminer prints the first item before its bullet, and the third item's bullet between the
    # second item's lines: the text after it goes on in lowercase, as after a page's bullets, but
    # the list's first item has its bullet already; the bullet marks the item after.
    text = (f"Opening Remarks\n{_WRAPPED_60}\nThe chair listed five lessons:\n\nJoint funding of the stations\n\n"
            "\uf0b7\n\uf0b7 The offices spent USD 32.9 million on the gauges of the\n\n\uf0b7\n\n"
            "basin between 2009 and 2015, as one participant put it.\n"
            "In several countries, the offices could share the data of\nthe stations.\n"
            "Training for the river boards\n\n\uf0b7\n\uf0b7 By 2015, the council had reviewed the plan with the\n\n"
            "offices of the region.\n\nDr. Ana Ruiz\nDirector, Centre for Water Studies\nDr. Ruiz agreed.\n")
    assert _texts(normalize(text).document.blocks[0].blocks[1:-1]) == [
        ("Para", "The chair listed five lessons:"),
        ("BulletList", ["Joint funding of the stations", "The offices spent USD 32.9 million on the gauges of the "
                        "basin between 2009 and 2015, as one participant put it.",
                        "In several countries, the offices could share the data of the stations.",
                        "Training for the river boards",
                        "By 2015, the council had reviewed the plan with the offices of the region."])]


def test_a_bullet_at_a_pages_end_goes_to_the_phrase_that_opens_the_page():
    # Each page's bullets follow its text; the list goes on from the page before, and the page's
    # one bullet, too far from the list's introduction, marks the phrase the page opens with.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair summarised the findings as follows:\n"
            "Better data on the rivers\nThe offices had failed to share the data.\n•\n•\n\f"
            "A common register of the stations\nParticipants recalled that the surveys of the basin had been\n"
            + "".join(f"late for {n} years in district {n} and that its offices had asked\n" for n in range(30))
            + "for staff. The chair noted that the costs of the surveys rose from\n3,500 to\n•\n\f"
            "7,650 after 2021. It was agreed.\n")
    blocks = normalize(text).document.blocks[0].blocks
    assert _texts(blocks[1:3]) == [
        ("Para", "The chair summarised the findings as follows:"),
        ("BulletList", ["Better data on the rivers", "The offices had failed to share the data.",
                        "A common register of the stations"])]
    assert _texts(blocks[-1:]) == [("Para", "Participants recalled that the surveys of the basin had been "
                                    + "".join(f"late for {n} years in district {n} and that its offices had asked "
                                              for n in range(30))
                                    + "for staff. The chair noted that the costs of the surveys rose from 3,500 to "
                                    "7,650 after 2021. It was agreed.")]


def test_bullets_at_a_pages_end_that_mark_none_of_its_lines_mark_none_of_the_next_pages():
    # pypdf printed a page's bullets after its text, for items the page shows no sign of: they
    # are left out (listed), not given to the heading and the paragraphs the next page opens with.
    text = ("Opening Remarks\nMr. Lee said that the basin offices would share the data of every station\n"
            "with the towns of the coast in the spring.\n•\n•\n•\n\fLessons from the Delta\n"
            "Participants agreed that the data of the basin would be shared with the\n"
            "offices of the region before the end of the year, and the towns would follow.\n"
            "The chair thanked the staff of the stations for their work over the years.\n")
    result = normalize(text)
    sections = result.document.blocks
    assert [s.title for s in sections] == ["Opening Remarks", "Lessons from the Delta"]
    assert [type(b).__name__ for s in sections for b in s.blocks] == ["Para", "Para"]
    assert [d.code for d in result.diagnostics].count("stray-marker") == 3


def test_a_run_of_numbers_printed_after_the_items_counts_on_within_one_list():
    # "1. 2. 1. 2. 3." printed after a page's text: two lists, each after its introducing line.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair set out two priorities:\nThe plan must be funded.\n"
            "The data must be shared.\nShe then proposed these steps:\nA review in the spring.\n"
            "A report to the council.\nA plan for the next year.\n1.\n2.\n1.\n2.\n3.\nPage 2\n"
            "It was agreed.\n")
    blocks = normalize(text).document.blocks[0].blocks
    assert _texts(blocks[1:]) == [
        ("Para", "The chair set out two priorities:"),
        ("OrderedList", ["The plan must be funded.", "The data must be shared."]),
        ("Para", "She then proposed these steps:"),
        ("OrderedList", ["A review in the spring.", "A report to the council.", "A plan for the next year."]),
        ("Para", "It was agreed.")]


@pytest.mark.parametrize("dots", [14, 150])
def test_contents_entries_whose_numbers_the_extractor_moved_below_them(dots):
    # (Leaders drawn across a wide page take an entry's line past the longest title.)
    leader = "." * dots
    text = (f"Contents\nOpening Remarks {leader}\nWhat Cities Can Learn from Water Boards {leader}\n"
            f"Closing Remarks {leader}\n\n2\n\n3\n5\n\f"
            "Opening Remarks\nThe chair opened the meeting.\n"
            "What Cities Can Learn from Water Boards\nThe panel discussed the plan.\n"
            "Closing Remarks\nThe chair closed the meeting.\n")
    result = normalize(text)
    assert [b.title for b in result.document.blocks if isinstance(b, n.Section)] == [
        "Opening Remarks", "What Cities Can Learn from Water Boards", "Closing Remarks"]
    assert [d.line for d in result.dropped if d.reason == "contents"] == [1, 2, 3, 4, 6, 8, 9]


#: A long contents entry, and the body it stands in as a heading (after "Opening Remarks").
_LONG_ENTRY = "What Cities Can Learn from Water Boards: Evidence, Institutions and the Long Road Ahead"
_BODY_OF_LONG_ENTRY = (f"Opening Remarks\nThe chair opened the meeting.\n{_LONG_ENTRY}\n"
                       "The panel discussed the plan.\n")


def _section_titles(text: str) -> list[str]:
    return [b.title for b in normalize(text).document.blocks if isinstance(b, n.Section)]


def test_a_contents_page_printed_by_kind_titles_leaders_and_numbers_apart():
    # pdfminer may print a contents page's text boxes grouped: the titles (a long one wrapped,
    # its parts apart), then the leaders, then the page numbers. The whole page is the contents.
    text = ("Contents\n\nOpening Remarks \nWhat Cities Can Learn from Water Boards: Evidence, In-\n"
            "..................\n\n.........................\n\nstitutions and the Long Road Ahead \n\n"
            "Closing Remarks \n\n2\n..........................\n\n3\n\n5\n\f"
            f"{_BODY_OF_LONG_ENTRY}Closing Remarks\nThe chair closed the meeting.\n")
    result = normalize(text)
    assert _section_titles(text) == ["Opening Remarks", _LONG_ENTRY, "Closing Remarks"]
    assert len([d for d in result.dropped if d.reason == "contents"]) == 11  # the page's lines but blank ones
    # A sentence on the page is no piece of an entry: the page is no contents read so.
    body = text.replace("Closing Remarks \n\n2", "The meeting closed at noon.\n\n2")
    assert not [d for d in normalize(body).dropped if d.reason == "contents"][2:]


def test_a_wrapped_entrys_leaders_and_last_line_after_its_number_end_the_contents_page():
    # pdfminer gives the last entry's number before its leaders and its wrapped last line: they
    # are the contents page's, which ends at the page break, not the body's first paragraph.
    text = ("Contents\n\nOpening Remarks ..............................\n\n2\n\n"
            "What Cities Can Learn from Water Boards: Evidence, Institutions and the\n3\n"
            f"..............................\nLong Road Ahead \n\f{_BODY_OF_LONG_ENTRY}")
    result = normalize(text)
    assert _section_titles(text) == ["Opening Remarks", _LONG_ENTRY]
    assert [_texts(b.blocks) for b in result.document.blocks] == [
        [("Para", "The chair opened the meeting.")], [("Para", "The panel discussed the plan.")]]
    assert [d.text.strip() for d in result.dropped if d.reason == "contents"][-2:] == [
        "..............................", "Long Road Ahead"]


def test_lines_an_extractor_joined_across_a_hyphen_set_no_width():
    # pdftotext joins a word broken at a line's end, and the two lines with it: in the second
    # paragraph most lines are two; a full line there that ends a sentence is no paragraph's end.
    full = "the council met on Monday and agreed that the basin plan would"  # 62 columns
    first = ["The" + full[3:]] + [full] * 29 + ["be shared."]
    second = ["The" + full[3:] + " need to be reviewed by the regional offices before the spring and"] \
        + [f"{full} need to be reviewed by the regional offices before the spring and"] * 19
    second[10] = "The regional offices agreed to review the plan in the spring."  # 61: full, a sentence's end
    second[11] = "The" + second[11][3:]
    text = "Opening Remarks\n" + "\n".join(first + second) + " shared.\n"
    paras = normalize(text).document.blocks[0].blocks
    assert len(paras) == 2


def test_a_title_page_ends_at_its_page_break_and_the_next_page_opens_with_a_heading():
    # pdfminer: the title page (its date and compiler are fields), then the body's first page
    # under its running header (the date again), opening with a heading of no usual form.
    title = ("Basin Institute\n\npresent\n\nDr. Ana Ruiz\n\nDirector, Centre for Water Studies\n\nOn\n\n"
             "Rivers and the Budget of Small Cities\n\n3 May 2021\n\nReport compiled by Li Wei\n")
    body = ("3 May 2021\n\nLessons from the Delta\n\n"
            "Participants agreed that the data of the basin would be shared\nwith the offices of the "
            "region before the end of the year.\n\nPage 2")
    last = "3 May 2021\n\nThe chair closed the meeting.\n\nPage 3"
    result = normalize("\n\f".join([title, body, last]))
    assert result.document.meta.title == "Rivers and the Budget of Small Cities"
    assert [b.title for b in result.document.blocks if isinstance(b, n.Section)] == ["Lessons from the Delta"]
    # Or with a heading over a speaker's name and role, the first line of the speech in a box
    # of its own.
    speaker = body.replace("Lessons from the Delta\n\n", "Lessons from the Delta\n\nDr. Lea Roth\n"
                           "Head of Studies, Water Forum\n\n").replace("shared\n", "shared\n\n")
    result = normalize("\n\f".join([title, speaker, last]))
    assert [b.title for b in result.document.blocks if isinstance(b, n.Section)] == ["Lessons from the Delta"]
    assert [s.name for s in result.document.meta.presenters] == ["Dr. Ana Ruiz"]
    # A page that opens with a presenter's name goes on with the title block.
    presenter = body.replace("Lessons from the Delta\n\n", "Ms. Lea Roth\n\nHead of Studies, Water Forum\n\n"
                             "Lessons from the Delta\n\n")
    result = normalize("\n\f".join([title, presenter, last]))
    assert [s.name for s in result.document.meta.presenters] == ["Dr. Ana Ruiz", "Ms. Lea Roth"]


def test_a_heading_right_after_the_title_pages_last_field_is_cut_from_the_text_under_it():
    # pypdf: no blank line and no form feed; the title page's lines run straight into the
    # body's first page, a section's title wrapped over two lines over its first paragraph.
    title = ("Basin Institute\npresent\nDr. Ana Ruiz\nDirector, Centre for Water Studies\nOn\n"
             "Rivers and the Budget of Small Cities\n3 May 2021\nReport compiled by Li Wei\n")
    body = ("Water Supply and Sanitation: Evidence, Institutions and\nthe Long Road to Implementation\n"
            "Participants agreed that the data of the basin commission would be shared with the offices\n"
            "of the region before the end of the year, and that the towns of the coast would follow in the\n"
            "spring. The chair thanked the staff.\n")
    result = normalize(title + body)
    assert result.document.meta.title == "Rivers and the Budget of Small Cities"
    sections = [b for b in result.document.blocks if isinstance(b, n.Section)]
    assert [s.title for s in sections] == ["Water Supply and Sanitation: Evidence, Institutions and the Long Road "
                                           "to Implementation"]
    assert n.plain_text(sections[0].blocks[0].inlines).startswith("Participants agreed that the data")
    # A sentence there is the text's first line, not a title: it stays with the text.
    plain = normalize(title + body.replace("Water Supply and Sanitation: Evidence, Institutions and\nthe Long "
                                           "Road to Implementation\n", "The meeting opened with a word of thanks.\n"))
    assert not [b for b in plain.document.blocks if isinstance(b, n.Section)]


def test_a_scattered_title_is_read_in_the_order_of_its_running_header():
    # The title set large on the title page came out with a word moved below the date; the
    # running header on every page holds exactly its words, in order.
    pages = ["Basin Institute\npresent\nDr. Ana Ruiz\nDirector, Centre for Water Studies\nOn\n"
             "Rivers and the Budget of Small Cities\n3 May 2021\nReport compiled by Li Wei\nPublic",
             "Rivers and the Public Budget of Small Cities\nOpening Remarks\nDr. Ana Ruiz\n"
             "Dr. Ruiz said that the basin authorities had agreed on a plan.\nPage 2",
             "Rivers and the Public Budget of Small Cities\nThe plan was short.\nPage 3"]
    result = normalize("\n\f".join(pages))
    assert result.document.meta.title == "Rivers and the Public Budget of Small Cities"
    assert [d.code for d in result.diagnostics if d.code.startswith("title-")] == ["title-from-header"]
    paras = [n.plain_text(b.inlines) for b in n.iter_blocks(result.document.blocks) if isinstance(b, n.Para)]
    assert paras[0].startswith("Dr. Ruiz said") and not any(p == "Public" for p in paras)
    # A header that lacks a word of the title is not the title.
    other = normalize("\n\f".join(page.replace("Public Budget", "Budget") for page in pages))
    assert other.document.meta.title == "Rivers and the Budget of Small Cities"


def test_a_running_header_an_extractor_set_apart_inside_its_pages_is_dropped():
    # Read as boxes, a page's header can come out between its columns' text, out of the page's
    # bands, but always alone between blank lines, once a page.
    def wrapped(who: str) -> str:
        return (f"The {who} agreed on a common plan for the decade ahead and then\n"
                f"asked the donors for support. The {who} also covered the rivers\n")
    pages = ["Water Report\nReport compiled by Ana Ruiz",
             f"Opening Remarks\n{wrapped('council')}and the lakes of the\n\nMonday 3 May 2021\n\n"
             f"northern provinces.\n{wrapped('board')}as the board agreed.\nPage 2",
             f"{wrapped('mayors')}and the\n\nMonday 3 May 2021\n\ncoasts.\n{wrapped('cities')}as the cities agreed.\nPage 3",
             f"{wrapped('regions')}and all\n\nMonday 3 May 2021\n\nthe ports.\n{wrapped('ports')}as the ports agreed.\nPage 4"]
    result = normalize("\n\f".join(pages))
    assert [d.reason for d in result.dropped if "May 2021" in d.text] == ["running-header"] * 3
    paras = [n.plain_text(b.inlines) for b in n.iter_blocks(result.document.blocks) if isinstance(b, n.Para)]
    assert not any("May 2021" in para for para in paras)
    assert any(para.endswith("the lakes of the northern provinces.") for para in paras)
    # A short line that stands alone on one page only, or ends a sentence, stays text.
    once = normalize("\n\f".join([*pages[:2], pages[2].replace("Monday 3 May 2021", "Tuesday"),
                                  pages[3].replace("Monday 3 May 2021", "Wednesday")]))
    assert not any(d.reason == "running-header" for d in once.dropped)
    # Alone on two pages is a heading and its entry in a contents page without page numbers.
    twice = normalize("\n\f".join([*pages[:3], pages[3].replace("Monday 3 May 2021", "Wednesday")]))
    assert not any(d.reason == "running-header" for d in twice.dropped)


def test_a_page_measured_full_runs_on_in_its_column_only():
    """A layout dump's columns share their line numbers: the left column's first line running on
    over the page break does not make the right column's first line run on too."""
    from convert.recover import recover

    full = ["The basin authorities agreed on a common plan for the decade ahead",
            "and asked the donors for their support over the years of its work,",
            "since the rivers of the region cross the borders of every member of"]
    lines = [Line(1, "Opening Remarks"), *(Line(2 + i, text) for i, text in enumerate(full)),
             Line(5, "", page_break=True),
             Line(6, "the council and the plan covers them all, from the sources on.", page=2),
             Line(7, "It was adopted.", page=2), Line(8, "", page=2),
             Line(6, "Participants said that the reviews of the plan would follow soon.", page=2),
             Line(7, "They were glad.", page=2)]
    paras = [n.plain_text(b.inlines) for b in n.iter_blocks(recover(lines).document.blocks) if isinstance(b, n.Para)]
    assert [para.split()[0] for para in paras] == ["The", "Participants"]


def test_a_heading_in_one_column_makes_no_heading_of_the_other_columns_lines():
    """The left column's lines that share their numbers with a heading wrapped in the right one
    (as many lines, from the same row) stay running text: they go on with the page before."""
    from convert.recover import recover

    lines = [Line(1, "Opening Remarks"),
             Line(2, "Dr. Ana Ruiz said that the basin authorities had agreed on a common plan for"),
             Line(3, "the decade ahead, with the funding to follow from the donors over the years of"),
             Line(4, "", page_break=True),
             Line(5, "its work in the region, which the members of the council", page=2),
             Line(6, "signed.", page=2), Line(7, "", page=2),
             Line(5, "Session 1: Water and", page=2), Line(6, "Cities in the Region", page=2),
             Line(7, "Participants said that the reviews of the plan would follow.", page=2)]
    doc = recover(lines).document
    assert [section.title for section in doc.blocks] == ["Opening Remarks", "Session 1: Water and Cities in the Region"]
    paras = [n.plain_text(b.inlines) for b in n.iter_blocks(doc.blocks) if isinstance(b, n.Para)]
    assert paras[0].endswith("over the years of its work in the region, which the members of the council signed.")


def test_a_page_that_opens_at_the_margin_goes_on_where_paragraphs_are_set_in():
    """In a text whose paragraphs open with a first-line indent, a page's first lines at the
    margin go on with the paragraph the page before ended, though its last line ended a
    sentence a word short of full; a line set in there opens a paragraph. (The text shows its
    style: after the paragraphs that end well short of full, the next is set in.)"""
    body = ["   The council met on Monday and agreed on a common plan for the basin and",
            "its rivers, with the funding to follow.",
            "   Dr. Ruiz said that the offices would share their data with each other and",
            "with the public, at no cost and within a month of each of the council's",
            "meetings, so that every member could follow the work as it went on. The",
            "plan was adopted by all of the members there at the end of the day.",
            "It will be reviewed in the spring, when the first of the reports from the",
            "offices are in.",
            "   The chair thanked the members for their work and closed the meeting with",
            "a word of thanks to the staff of the basin offices for their long hours."]

    def read(second_page: list[str], first_page: list[str] = body[:6]):
        pages = [["Water Report 2024", "", *first_page, "", "1"], ["Water Report 2024", "", *second_page, "", "2"]]
        return normalize("Opening Remarks\n\n" + "\n\f".join("\n".join(rows) for rows in pages) + "\n")

    def paragraphs(second_page: list[str], first_page: list[str] = body[:6]) -> list[str]:
        result = read(second_page, first_page)
        return [n.plain_text(b.inlines) for b in n.iter_blocks(result.document.blocks) if isinstance(b, n.Para)]

    assert [para.split()[:2] for para in paragraphs(body[6:])] == [["The", "council"], ["Dr.", "Ruiz"], ["The", "chair"]]
    assert paragraphs(body[6:])[1].endswith("at the end of the day. It will be reviewed in the spring, when the first "
                                            "of the reports from the offices are in.")
    # -v says why: not that the page before ended on a full line.
    assert [d.message for d in read(body[6:]).diagnostics if d.code == "joined-page-break"] == \
        ["joined to the paragraph at line 7: it goes on at the margin, in a text that sets its paragraphs' first "
         "lines in"]
    assert [para.split()[:2] for para in paragraphs(["   " + body[6], *body[7:]])] == \
        [["The", "council"], ["Dr.", "Ruiz"], ["It", "will"], ["The", "chair"]]
    # A paragraph that opened at the margin after one that ended short: no such style to read.
    assert [para.split()[:2] for para in paragraphs(body[6:], [*body[:2], body[2].strip(), *body[3:6]])] == \
        [["The", "council"], ["Dr.", "Ruiz"], ["It", "will"], ["The", "chair"]]


def test_a_page_that_ends_on_two_lines_run_together_ends_where_the_second_does():
    """A page's last line that an extractor ran together with the one before it (raw pdftotext
    over a justified paragraph) is measured by its second part: short, after a sentence's end,
    it ends the paragraph, and the next page opens its own."""
    body = ["The council met on Monday and agreed on a common plan for the basin and",
            "its rivers, with the funding to follow from the donors over the years to",
            "come. Dr. Ruiz said that the offices would share their data with all the",
            "members, at no cost and within a month of each of the meetings, so that",
            "each member could follow the work as it went on in the region. The plan was adopted by all the "
            "members present."]
    following = ["Mrs. Park reminded the members that the reviews of the plan would follow",
                 "in the spring, when the first of the reports from the offices are in."]
    pages = [["Water Report 2024", *body, "", "1"], ["Water Report 2024", *following, "", "2"]]
    result = normalize("Opening Remarks\n" + "\n\f".join("\n".join(rows) for rows in pages) + "\n")
    paras = [n.plain_text(b.inlines) for b in n.iter_blocks(result.document.blocks) if isinstance(b, n.Para)]
    assert [para.split()[:2] for para in paras] == [["The", "council"], ["Mrs.", "Park"]]
    # A page's last line run together, its second part full, goes on over the break as any full line.
    body[-1] = body[-1].replace("present.", "present, and the chair thanked them all for the work of the year.")
    pages[0][1:-2] = body
    result = normalize("Opening Remarks\n" + "\n\f".join("\n".join(rows) for rows in pages) + "\n")
    paras = [n.plain_text(b.inlines) for b in n.iter_blocks(result.document.blocks) if isinstance(b, n.Para)]
    assert [para.split()[:2] for para in paras] == [["The", "council"]]


def test_a_dash_under_an_items_text_opens_an_aside_not_an_item():
    """pdftotext -layout keeps a bulleted item's hanging indent: a line there that opens with a
    dash and a lowercase word, after the item's line broke off on a word, is the sentence's aside
    going on (the dash kept); a line marked as the items are opens the next one."""
    text = ("Opening Remarks\n"
            "The panel agreed on the following points:\n"
            "     \u2022 In practice, the procurement of equipment\n"
            "       \u2013 as the 1994 evaluation showed \u2013 could\n"
            "       be reviewed by provincial planners.\n"
            "     \u2022 A common register of school-feeding schemes\n"
            "       would help the councils plan their budgets.\n")
    items = [n.plain_text(item.blocks[0].inlines) for item in normalize(text).document.blocks[0].blocks[1].items]
    assert items == ["In practice, the procurement of equipment \u2013 as the 1994 evaluation showed \u2013 could be "
                     "reviewed by provincial planners.",
                     "A common register of school-feeding schemes would help the councils plan their budgets."]


def test_right_to_left_words_written_as_drawn_are_put_in_reading_order():
    name = "فاطمة الراشد"
    drawn = name[::-1]  # as pdfminer gives it: letters, and so words, reversed
    def report(written: str) -> str:
        return (f"Opening Remarks\nMs. {written}\nDirector, Centre for Water Studies\n"
                f"Ms. {written} said that the plan was agreed.\n")
    for written in (drawn, unicodedata.normalize("NFKC", drawn),
                    "\ufeaa\ufeb7\u0627\ufeae\ufedf\u0627 \ufe94\ufee4\ufec3\ufe8e\ufed3"):  # presentation forms
        result = normalize(report(written))
        speech = result.document.blocks[0].blocks[0]
        assert speech.speaker.name == f"Ms. {name}", written
        assert n.plain_text(speech.blocks[0].inlines).startswith(f"Ms. {name} said")
        assert [d.code for d in result.diagnostics if d.code == "rtl-reversed"] == ["rtl-reversed"] * 2
    # In reading order already (teh marbuta ends a word), or nothing to tell: left as written.
    assert normalize(report(name)).document.blocks[0].blocks[0].speaker.name == f"Ms. {name}"
    assert normalize(report("عدي برق")).document.blocks[0].blocks[0].speaker.name == "Ms. عدي برق"



def test_kashida_glyphs_without_text_are_taken_out_of_arabic_words_and_the_pieces_put_in_order():
    # A justified line stretches "سمير" at a joint (after the meem) with kashida glyphs the font
    # map gives no text: extractors write a character repeated, or "(cid:NN)", and the pieces as
    # drawn, from left to right, each in reading order; pdftotext keeps reading order inside one
    # of its embeddings.
    name = "سمير الحلبي"
    head, tail = "سم", "ير الحلبي"

    def speaker(written: str) -> tuple[str, str]:
        text = (f"Opening Remarks\nDr. {written}\nDirector, Centre for Water Studies\n"
                f"Dr. {written} said that the plan was agreed.\n")
        result = normalize(text)
        speech = result.document.blocks[0].blocks[0]
        assert [d.code for d in result.diagnostics if d.code == "kashida"] == ["kashida"] * 2, written
        return speech.speaker.name, n.plain_text(speech.blocks[0].inlines)

    for written in (f"{tail}QQ{head}",  # pypdf
                    f"{(head + '(cid:9)(cid:9)' + tail)[::-1].replace(')9:dic(', '(cid:9)')}",  # pdfminer, reversed
                    f"\u202b{tail}\u202cQQ\u202b{head}\u202c",  # pdftotext: the glyphs apart from the run
                    f"\u202b{head}=={tail}\u202c"):  # pdftotext: the glyphs inside the run
        found, said = speaker(written)
        assert found == f"Dr. {name}", written
        assert said.replace("\u202b", "").replace("\u202c", "").startswith(f"Dr. {name} said"), written
    # The letters on either side show the order: a kashida never follows the reh, which joins
    # no letter after it ("<name>" is "نصير" stretched after the sad).
    assert speaker("\u202bنص==ير\u202c")[0] == "Dr. نصير"
    assert speaker("يرQQنص")[0] == "Dr. نصير"
    assert speaker("نصQQير")[0] == "Dr. نصير"
    assert speaker("ديشرQQلا")[0] == "Dr. الرشيد"  # "الرشيد": only its letters one by one as drawn fit
    # pdftotext may give the glyphs as a space: a word of Arabic cut there is made whole where
    # it is one and a piece is none (pyspellchecker's Arabic list), or where the piece is the
    # article, which never stands alone; two words ("سم ير") and a cut after the alef, which
    # joins no letter after it, stay apart.
    for written, name in (("\u202bناص ر ال حلبي\u202c", "ناصر الحلبي"), ("سم ير", "سم ير"), ("نا صر", "نا صر")):
        line = text_lines(f"Dr. {written} said so.\n")[0].text
        assert line.replace("\u202b", "").replace("\u202c", "") == f"Dr. {name} said so.", written
    # Characters that differ, or stand apart from the letters, are no kashida.
    text = "Opening Remarks\nDr. سمير QQ الحلبي and ير الحلبيQXسم said that the plan was agreed.\n"
    assert "Dr. سمير QQ الحلبي and ير الحلبيQXسم said" in n.plain_text(
        normalize(text).document.blocks[0].blocks[0].inlines)


def test_arabic_words_written_as_two_pieces_the_wrong_way_round_are_put_back():
    # pypdf gives a Chromium PDF's word drawn in two glyph runs as drawn, each run in reading
    # order: "مصطفى" / "عادل" come out "طفىمص" / "دلعا". Neither is an Arabic word; of their
    # turnings, one each is (pyspellchecker's Arabic list).
    text = ("Opening Remarks\nDr. طفىمص دلعا\nDirector, Centre for Water Studies\n"
            "Dr. طفىمص دلعا said that the plan was agreed.\n")
    result = normalize(text)
    speech = result.document.blocks[0].blocks[0]
    assert speech.speaker.name == "Dr. مصطفى عادل"
    assert n.plain_text(speech.blocks[0].inlines) == "Dr. مصطفى عادل said that the plan was agreed."
    assert {d.code for d in result.diagnostics} >= {"rtl-turned-word"}
    # Drawn in three runs, or letter by letter, a word comes out with its pieces, or its
    # letters, the other way round; the simplest reading that finds a word decides.
    for written, word in (("طفىصم", "مصطفى"), ("رصنا", "ناصر"), ("لداع", "عادل")):
        assert text_lines(f"Dr. {written} said so.\n")[0].text == f"Dr. {word} said so.", written
    # Every word of a name read back letter by letter: the name was drawn so whole (pdfminer,
    # where no letter shows it), its words too.
    assert text_lines(f"Dr. {'عادل ناصر'[::-1]} said so.\n")[0].text == "Dr. عادل ناصر said so."
    # A word of the list ("قطار", though "طارق" is one of its turnings), or a short one, stays
    # as written; of two turnings of a word the document writes, the one the article opens is
    # in reading order.
    for name in ("قطار", "دلع"):
        assert text_lines(f"Dr. {name} said so.\n")[0].text == f"Dr. {name} said so."
    assert text_lines("Dr. الحلبي said so. Dr. لبيالح agreed.\n")[0].text == "Dr. الحلبي said so. Dr. الحلبي agreed."
    # Only names inside Latin text are read so: in Arabic text, a word the list lacks may be
    # another's letters turned, and the pieces cut by a space another word.
    for line in ("طفىمص دلعا", "قال س لمى", "Dr. طفىمص دلعا نص طويل جدا من كلمات عربية كثيرة"):
        assert text_lines(f"{line}\n")[0].text == line


def test_a_names_word_drawn_in_glyph_runs_is_the_word_the_document_writes_with_its_letters():
    # pypdf on a Chromium PDF: the speaker's line gives "كريم الزين" as drawn in glyph runs, one
    # of them a ligature whose two letters stay in reading order ("ﻢﻳﻛﺮ", "ﻦﻳﻟﺰا"); no turning of
    # two or three runs reads back "الزين", and one of "كريم"'s reads as another word of the
    # language ("يكرم"). The speech writes the name in reading order: each word is the one word
    # the document writes with its letters.
    text = ("Opening Remarks\nMr. \ufee6\ufef3\ufedf\ufeb0\u0627  \ufee2\ufef3\ufedb\ufeae\n"
            "Head of Policy at the Institute for Fiscal Policy\n"
            "Mr. \u0627\ufedf\ufeb0\ufef3\ufee6  \ufedb\ufeae\ufef3\ufee2 emphasised that the plan was agreed.\n")
    speech = normalize(text).document.blocks[0].blocks[0]
    assert speech.speaker.name == "Mr. كريم الزين"
    assert n.plain_text(speech.blocks[0].inlines) == "Mr. كريم الزين emphasised that the plan was agreed."
    # Two words the document writes with those letters: neither is taken, and the word stays as
    # written (of its turnings, three are words of the language).
    other = text.replace("the plan was agreed.", "the plan was agreed. Mr. يكرم spoke.")
    assert normalize(other).document.blocks[0].blocks[0].speaker.name == "Mr. ميكر الزين"


def test_the_place_of_a_presentation_form_or_the_article_shows_letters_written_as_drawn():
    # No letter of these names only ends a word. Drawn in presentation forms, a form made to
    # end a word standing first shows the letters reversed (and one made to open it, first,
    # shows them in order); in plain letters, the Arabic article ending a word shows it.
    def report(written: str) -> str:
        return (f"Opening Remarks\nDr. {written}\nDirector, Centre for Water Studies\n"
                f"Dr. {written} said that the plan was agreed.\n")
    forms = "\ufeb3\ufee4\ufef4\ufeae \ufe91\ufedc\ufeae"  # "سمير بكر" drawn for reading order
    for written, name in ((forms[::-1], "سمير بكر"), (forms, "سمير بكر"),
                          ("راجنلا يماس", "سامي النجار"), ("سامي النجار", "سامي النجار")):
        speech = normalize(report(written)).document.blocks[0].blocks[0]
        assert speech.speaker.name == f"Dr. {name}", written
        assert n.plain_text(speech.blocks[0].inlines).startswith(f"Dr. {name} said")


def test_a_speaker_line_in_visual_order_leaves_the_body_runs_written_as_drawn_to_be_read_back():
    # PDFium gives the speaker's line in visual order with the honorific last, and the name in
    # running text as drawn: once the speaker's line is turned, it is no evidence of reading order.
    name = "فاطمة الراشد"
    drawn = name[::-1]
    text = (f"Opening Remarks\n{' '.join(word[::-1] for word in name.split())} .Mrs\n"
            f"Director, Centre for Water Studies\nMrs. {drawn}, whose centre hosts the survey, said so.\n")
    speech = normalize(text).document.blocks[0].blocks[0]
    assert speech.speaker.name == f"Mrs. {name}"
    assert n.plain_text(speech.blocks[0].inlines).startswith(f"Mrs. {name}, whose centre")


def test_a_dump_that_turned_a_right_to_left_line_whole_wrote_the_runs_of_its_other_lines_as_drawn():
    # PDFium turns a speaker's line that is mostly right-to-left whole, which puts the name's
    # words in reading order, and leaves a run inside a left-to-right line as drawn: its words
    # the other way round (each word's letters in reading order).
    name, other = "فاطمة الراشد", "وليد كريم"
    drawn, other_drawn = (" ".join(reversed(words.split())) for words in (name, other))

    def report(speaker_lines: str) -> str:
        return (f"Opening Remarks\n{speaker_lines}\n"
                f"Mrs. {drawn} said that the plan was agreed with {other_drawn}. Mrs. {drawn}, whose centre "
                "hosts it, agreed.\n")

    role = "Director, Centre for Water Studies"
    result = normalize(report(f"{name} .Mrs\n{role}"))
    speech = result.document.blocks[0].blocks[0]
    assert speech.speaker.name == f"Mrs. {name}"
    assert n.plain_text(speech.blocks[0].inlines) == (f"Mrs. {name} said that the plan was agreed with {other}. "
                                                      f"Mrs. {name}, whose centre hosts it, agreed.")
    assert [d.code for d in result.diagnostics if d.code == "rtl-words-turned"] == ["rtl-words-turned"]
    # An honorific that is a whole word goes to the far end without a period.
    speech = normalize(report(f"{name} Ambassador\n{role}")).document.blocks[0].blocks[0]
    assert speech.speaker.name == f"Ambassador {name}"
    assert n.plain_text(speech.blocks[0].inlines).startswith(f"Mrs. {name} said")
    # A bracket mirrored into a run shows the same: "<name>) Director)" is "<name> (Director)" drawn.
    speech = normalize(report(f"Mrs. {drawn}) {role})")).document.blocks[0].blocks[0]
    assert (speech.speaker.name, speech.speaker.affiliation) == (f"Mrs. {name}", role)
    assert n.plain_text(speech.blocks[0].inlines).startswith(f"Mrs. {name} said")
    # A speaker's line written left to right, the name's words in the running text's order, shows
    # neither: a run is left as written, unless its own words show it drawn (the article opening
    # its first word alone: the family name's).
    speech = normalize(report(f"Mrs. {drawn}\n{role}")).document.blocks[0].blocks[0]
    assert n.plain_text(speech.blocks[0].inlines) == (f"Mrs. {name} said that the plan was agreed with "
                                                      f"{other_drawn}. Mrs. {name}, whose centre hosts it, agreed.")
    # The name's words the other way round on its own line (pypdf gives such a line in reading
    # order) show the running text's runs drawn: every run is turned, the name's line left.
    result = normalize(report(f"Mrs. {name}\n{role}"))
    speech = result.document.blocks[0].blocks[0]
    assert speech.speaker.name == f"Mrs. {name}"
    assert n.plain_text(speech.blocks[0].inlines) == (f"Mrs. {name} said that the plan was agreed with {other}. "
                                                      f"Mrs. {name}, whose centre hosts it, agreed.")
    # ... but not a run pypdf gave glued to the word after it, its comma before it: turned whole
    # with its punctuation, it is in reading order already.
    text = (f"Opening Remarks\nMrs. {name}\n{role}\nMrs. {drawn} said that the plan was agreed.\n"
            f"Dr. Lee\n{role}\nDr. Lee thanked Ms.  ,{other}whose centre hosts it.\n")
    speeches = normalize(text).document.blocks[0].blocks
    assert n.plain_text(speeches[1].blocks[0].inlines) == f"Dr. Lee thanked Ms. {other}, whose centre hosts it."
    # PDFium's own line-end hyphen, U+FFFE, which no other extractor writes, shows it too.
    hebrew, hebrew_drawn = "נועה לוי", "לוי נועה"
    text = (f"Opening Remarks\nMrs. {hebrew_drawn}, {role}\nMrs. {hebrew_drawn} said that the plan was agreed "
            "by the basin's water\ufffeusers.\n")
    speech = normalize(text).document.blocks[0].blocks[0]
    assert speech.speaker.name == f"Mrs. {hebrew}"
    assert n.plain_text(speech.blocks[0].inlines).startswith(f"Mrs. {hebrew} said that")
    assert normalize(text.replace("\ufffe", "-\n")).document.blocks[0].blocks[0].speaker.name == f"Mrs. {hebrew_drawn}"


def test_an_extractor_may_draw_one_right_to_left_script_and_not_the_other():
    # PDFium gives a Chromium PDF's Hebrew in reading order (a final nun ends "פרידמן") and its
    # Arabic as drawn (teh marbuta opens "ةمطاف"): the Arabic runs are read back, the Hebrew
    # left as it is, each turned speaker's line ("<name> .Mrs") first.
    hebrew, arabic = "מיכל פרידמן", "فاطمة الراشد"

    def speech(on_its_line: str, drawn: str, said: str) -> str:
        return f"{on_its_line} .Mrs\nDirector, Centre for Water Studies\nMrs. {drawn} said that {said}.\n"

    text = ("Opening Remarks\n" + speech(hebrew, " ".join(reversed(hebrew.split())), "the plan was agreed")
            + speech(" ".join(word[::-1] for word in arabic.split()), arabic[::-1], "the data were shared"))
    result = normalize(text)
    speeches = result.document.blocks[0].blocks
    assert [(s.speaker.name, n.plain_text(s.blocks[0].inlines).split(" said")[0]) for s in speeches] == [
        (f"Mrs. {hebrew}", f"Mrs. {hebrew}"), (f"Mrs. {arabic}", f"Mrs. {arabic}")]
    # A script whose words show nothing follows the other: both drawn (pdfminer), both read back.
    both = "Opening Remarks\n" + "".join(f"Mrs. {name[::-1]}\nDirector, Centre for Water Studies\nMrs. "
                                          f"{name[::-1]} agreed.\n" for name in ("עדי ברק", arabic))
    assert [s.speaker.name for s in normalize(both).document.blocks[0].blocks] == [
        "Mrs. עדי ברק", f"Mrs. {arabic}"]


def test_right_to_left_words_set_two_spaces_apart_in_a_single_spaced_line_were_drawn():
    # pypdf sets the words of a run it leaves as drawn (in visual order) two spaces apart.
    def speech(speaker_line: str, said: str):
        text = f"Opening Remarks\n{speaker_line}\nDirector, Centre for Water Studies\n{said}\n"
        return normalize(text).document.blocks[0].blocks[0]

    found = speech("Prof. ברק  עדי", "Prof. ברק  עדי suggested that the plan was agreed.")
    assert found.speaker.name == "Prof. עדי ברק"
    assert n.plain_text(found.blocks[0].inlines) == "Prof. עדי ברק suggested that the plan was agreed."
    # One space apart, or in a line whose other words stand apart as far (justified text an
    # extractor kept stretched), the spaces tell nothing: the words are left in their order.
    assert speech("Prof. ברק עדי", "Prof. ברק עדי suggested that.").speaker.name == "Prof. ברק עדי"
    found = speech("Prof.  ברק  עדי", "Prof.  ברק  עדי  suggested  that  the  plan  was  agreed  by  all.")
    assert n.plain_text(found.blocks[0].inlines).startswith("Prof. ברק עדי suggested")


def test_a_name_whose_first_word_alone_opens_with_the_arabic_article_was_drawn():
    # pypdfium2 leaves a run inside a left-to-right line as drawn: words in visual order. The
    # article opens the family name, which ends a name: first alone, the run was drawn.
    text = ("Water and Cities\nReport compiled by الراشد فاطمة\nOpening Remarks\nDr. الزين كريم\n"
            "Director, Centre for Water Studies\nDr. الزين كريم suggested that the plan was agreed.\n")
    result = normalize(text)
    speech = result.document.blocks[0].blocks[0]
    assert result.document.meta.compiled_by == "فاطمة الراشد"
    assert speech.speaker.name == "Dr. كريم الزين"
    assert n.plain_text(speech.blocks[0].inlines) == "Dr. كريم الزين suggested that the plan was agreed."
    # On the last word, or on both, the article shows the words in reading order, or nothing.
    for name in ("كريم الزين", "الحسن الزين", "كريم حداد"):
        assert normalize(text.replace("الزين كريم", name)).document.blocks[0].blocks[0].speaker.name == f"Dr. {name}"


def test_a_speech_opening_on_a_name_with_a_particle_ends_the_affiliation():
    # No blank line between the affiliation and the speech: "H.E. de Vries reminded ..." is
    # running text about someone (the particle opens the name), not the affiliation going on.
    text = ("Opening Remarks\nH.E. Femke de Vries\nPermanent Secretary at Porto Alegre Centre for Public Health\n"
            "Systems Studies\nH.E. de Vries reminded the\nparticipants that the plan was agreed.\n")
    speech = normalize(text).document.blocks[0].blocks[0]
    assert speech.speaker.affiliation == "Permanent Secretary at Porto Alegre Centre for Public Health Systems Studies"
    assert n.plain_text(speech.blocks[0].inlines) == "H.E. de Vries reminded the participants that the plan was agreed."
    # So does one set in by a first-line indent (a layout-preserving dump keeps it).
    text = ("Opening Remarks\nAmbassador Irina Sokolova\nCountry Representative, Association of Mu-\n"
            "nicipalities of Estonia\n      Ambassador Irina Sokolova said\nthat local councils must act.\n")
    speech = normalize(text).document.blocks[0].blocks[0]
    assert speech.speaker.affiliation == "Country Representative, Association of Municipalities of Estonia"
    assert n.plain_text(speech.blocks[0].inlines) == "Ambassador Irina Sokolova said that local councils must act."


def test_an_affiliation_line_an_extractor_cut_a_word_per_line_is_read_whole():
    # pdftotext ends a line at a space much wider than the font's: a justified line of the
    # affiliation comes out a word per line.
    body = ("Ms. Iyer cautioned that only 18 per cent of municipalities\nin Cuenca had reliable electricity "
            "in 2015, and that the\nwater user associations must set clear targets for land\nregistration "
            "without waiting for new legislation.\n")
    text = ("Opening Remarks\nMs. Kavitha Iyer\nExecutive\nSecretary,\nAssociation\nof\n"
            f"Municipalities of India, Chiang Mai\n{body}")
    speech = normalize(text).document.blocks[0].blocks[0]
    assert speech.speaker.affiliation == "Executive Secretary, Association of Municipalities of India, Chiang Mai"
    assert n.plain_text(speech.blocks[0].inlines).startswith("Ms. Iyer cautioned that")
    # A speech's first line so cut after a whole affiliation names someone: it is no role.
    text = ("Opening Remarks\nMs. Park Ji-won\nLecturer in Public Policy, Council on Disaster Risk\nReduction\n"
            "Ms.\nPark\nsuggested\nthat\n" + body.replace("Ms. Iyer cautioned that", "the"))
    speech = normalize(text).document.blocks[0].blocks[0]
    assert speech.speaker.affiliation == "Lecturer in Public Policy, Council on Disaster Risk Reduction"
    # So too after an honorific that is a whole word, which alone could be a role's.
    speech = normalize(text.replace("Ms. Park Ji-won\n", "Ambassador Park Ji-won\n")
                       .replace("Ms.\nPark\n", "Ambassador\nPark\n")).document.blocks[0].blocks[0]
    assert speech.speaker.affiliation == "Lecturer in Public Policy, Council on Disaster Risk Reduction"
    assert n.plain_text(speech.blocks[0].inlines).startswith("Ambassador Park suggested that the")
    # Nor a whole line of the speech after an affiliation that ended a word a line.
    text = ("Opening Remarks\nMs. Kavitha Iyer\nLecturer in Public Policy at the Northern\nAlliance\nfor\n"
            "Groundwater\nManagement\nMs. Iyer cautioned that only 18 per cent\n"
            + body.replace("Ms. Iyer cautioned that only 18 per cent of municipalities\n", "of municipalities "))
    speech = normalize(text).document.blocks[0].blocks[0]
    assert speech.speaker.affiliation == "Lecturer in Public Policy at the Northern Alliance for Groundwater Management"
    assert n.plain_text(speech.blocks[0].inlines).startswith("Ms. Iyer cautioned that only")


def test_hebrew_letters_that_never_end_a_word_tell_a_run_written_as_drawn():
    # No final form in either name: only a kaf, mem, nun, pe or tsadi at a word's end shows that
    # the letters are reversed ("נועה" drawn is "העונ"), and then every run is read back.
    def report(first: str, second: str) -> str:
        return (f"Opening Remarks\nMs. {first}\nDirector, Centre for Water Studies\n"
                f"Ms. {first} said that the plan was agreed.\nDr. {second}\nLecturer, Basin Institute\n"
                f"Dr. {second} agreed.\n")
    speakers = lambda text: [b.speaker.name for b in normalize(text).document.blocks[0].blocks]
    assert speakers(report("נועה לוי"[::-1], "كريم الزين"[::-1])) == ["Ms. נועה לוי", "Dr. كريم الزين"]
    # In reading order, a word that starts with one of those letters says so: nothing is turned.
    assert speakers(report("מיכל לוי", "עדי ברק")) == ["Ms. מיכל לוי", "Dr. עדי ברק"]
    assert speakers(report("נועה לוי", "كريم الزين")) == ["Ms. נועה לוי", "Dr. كريم الزين"]


def test_a_word_missing_from_a_titles_first_line_goes_back_though_that_line_is_the_wider():
    # "Rethinking Groundwater" is wider than "for the Next Decade", but "Management", printed after
    # the title block, is no word of the title: it was moved out of the first line (the last
    # word of a stretched line stands apart). A running header printed there repeats the
    # title's words instead, and stays out of it.
    page1 = ("Basin Institute\npresent\nDr. Ana Lima\nDirector, Basin Institute\nOn\n\nRethinking Groundwater\n"
             "for the Next Decade\n6 September 2024\nReport compiled by Ken Mori\n\nManagement\n\f")
    body = ("Opening Remarks\nDr. Lima said that the plan of the basin commission would be reviewed by the\n"
            "regional offices before the end of the year.\n")
    assert normalize(page1 + body).document.meta.title == "Rethinking Groundwater Management for the Next Decade"
    header = normalize(page1.replace("\nManagement\n", "\nRethinking Groundwater\n") + body)
    assert header.document.meta.title == "Rethinking Groundwater for the Next Decade"
    # Nor does a line of several words there, none of the title's: a section's title, say.
    several = normalize(page1.replace("\nManagement\n", "\nRebuilding Aquifer Recharge\n") + body)
    assert several.document.meta.title == "Rethinking Groundwater for the Next Decade"
    # Nor a word printed before the title's lines (a role's, cut at its wide spaces).
    before = page1.replace("\n\nManagement\n", "\n").replace("Basin Institute\nOn",
                                                             "Basin Institute\n\nManagement\n\nOn")
    assert normalize(before + body).document.meta.title == "Rethinking Groundwater for the Next Decade"


def test_words_printed_after_the_title_block_go_back_at_the_end_of_a_two_line_titles_first_line():
    # A justified title's first line is stretched; an extractor printed its last words apart,
    # after the fields below it. The first line is then shorter than the second, which a line
    # broken where the next word did not fit would not be: the words go back at its end.
    page1 = ("Basin Institute\npresent\nDr. Ana Lima\nDirector, Basin Institute\nOn\n\nFinancing Rural\n"
             "under Tight Budgets\n6 September 2024\nReport compiled by Ken Mori\n\nWater\n\nSupply\n\f")
    body = ("Opening Remarks\nDr. Lima said that the plan of the basin commission would be reviewed by the\n"
            "regional offices before the end of the year.\n")
    result = normalize(page1 + body)
    assert result.document.meta.title == "Financing Rural Water Supply under Tight Budgets"
    assert not any(isinstance(b, n.Para) for b in result.document.blocks)
    assert "title-first-line" in {d.code for d in result.diagnostics}
    # A title's short lowercase words may be among them.
    moved = normalize(page1.replace("Water\n\nSupply", "in the\n\nBasin").replace("Rural\n", "Rural Water\n")
                      .replace("under Tight Budgets", "Districts under Tight Budgets") + body)
    assert moved.document.meta.title == "Financing Rural Water in the Basin Districts under Tight Budgets"
    # Narrower as printed, though not in characters: capitals and a question mark are wide.
    printed = normalize(page1.replace("Financing Rural\nunder Tight Budgets",
                                      "Financing Rural Water in the\nAndes: Where Do We Stand?")
                        .replace("Water\n\nSupply", "Upper") + body)
    assert printed.document.meta.title == "Financing Rural Water in the Upper Andes: Where Do We Stand?"
    # A first line longer than the second was broken where the next word did not fit: what
    # follows the block (a heading, say) is not its words.
    longer = normalize(page1.replace("Financing Rural\nunder Tight Budgets", "Financing Rural Water Supply under\n"
                                     "Tight Budgets") + body)
    assert longer.document.meta.title == "Financing Rural Water Supply under Tight Budgets"
    assert [n.plain_text(b.inlines) for b in longer.document.blocks if isinstance(b, n.Para)] == ["Water", "Supply"]


def test_a_title_wrapped_over_four_lines_of_a_narrow_column_is_a_heading_over_the_text_after_it():
    # A narrow column wraps a long title over four lines, none ended well short; title-shaped
    # together, after a sentence's end and over running text, they are one heading.
    text = ("Opening Remarks\nThe council met on Monday and agreed\nthat the basin plan would need to be\n"
            "reviewed by the regional offices before\nthe end of the year, and that the data\n"
            "of every station would be shared.\n"
            "River Basins and Tax\nAdministration: Evidence,\nInstitutions and the Long\nRoad to Implementation\n"
            "Participants observed that the national\nregulators would need to publish data on\n"
            "the transfers, particularly in secondary\ncities and in the rural districts.\n")
    doc = normalize(text).document
    assert [s.title for s in doc.blocks if isinstance(s, n.Section)] == [
        "Opening Remarks", "River Basins and Tax Administration: Evidence, Institutions and the Long Road to "
                           "Implementation"]
    assert n.plain_text(doc.blocks[1].blocks[0].inlines).startswith("Participants observed")


def test_a_title_after_a_sentence_ended_on_a_full_line_is_a_heading_over_the_text_after_it():
    # No blank line, and the sentence before ended on a full line (its end shows nothing); but
    # the title-shaped line was ended on purpose (the next word would have fitted) over running
    # text that wraps: a heading no usual form or contents page confirms.
    paragraph = ("Delegates noted that only a third of the districts in the basin had\n"
                 "reliable gauges in 2021. The regional offices were starting to rebuild\n"
                 "the network of stations, particularly in the uplands and on the coast.\n"
                 "The basin authorities spent USD 41.5 million on new gauges and training\n"
                 "between 2009 and 2015, and the donors a further USD 12.8 million later.\n")
    after = ("Participants agreed that the regional offices would share their data\n"
             "with the basin authorities every month, starting in the spring of 2025.\n"
             "The donors would review the network of stations again in two years.\n")
    doc = normalize("Opening Remarks\n" + paragraph + "Summary and Way Forward\n" + after).document
    assert [s.title for s in doc.blocks if isinstance(s, n.Section)] == ["Opening Remarks", "Summary and Way Forward"]
    assert n.plain_text(doc.blocks[1].blocks[0].inlines).startswith("Participants agreed")
    # A line of running text that happens to be title-shaped fills its line: it goes on.
    running = normalize("Opening Remarks\n" + paragraph
                        + "The Regional Water Authority and the Basin Office of the Upper Valley\n"
                        + after.replace("Participants agreed", "Representatives agreed")).document
    assert [s.title for s in running.blocks if isinstance(s, n.Section)] == ["Opening Remarks"]
    # A title wrapped after a comma: its first line is no title alone.
    doc = normalize("Opening Remarks\n" + paragraph + "Gauges and Stations in the Basin: Evidence,\n"
                    "Institutions and the Road Ahead\n" + after).document
    assert [s.title for s in doc.blocks if isinstance(s, n.Section)] == [
        "Opening Remarks", "Gauges and Stations in the Basin: Evidence, Institutions and the Road Ahead"]
    assert n.plain_text(doc.blocks[1].blocks[0].inlines).startswith("Participants agreed")
    # After a title-shaped line ending in a colon, the lines are that title's rest: no heading
    # is cut from its end.
    doc = normalize("Opening Remarks\n" + paragraph + "From Pilot Projects to\nGauges and Stations:\n"
                    "Rebuilding the Network of the\nUpper Valley\n" + after).document
    assert "Rebuilding the Network of the Upper Valley" not in [s.title for s in doc.blocks if isinstance(s, n.Section)]


def test_markers_printed_at_a_pages_foot_mark_no_heading_the_contents_lists():
    # Four bullets at the foot of a page whose list the text does not show item by item: they
    # are not given to the lines at the next page's top where those make a title the contents
    # lists ("Summary and Way" / "Forward"), and the heading stays one.
    contents = ("Basin Report\nContents\nOpening Remarks ........................ 2\n"
                "Summary and Way Forward ................ 3\n\f")
    page = ("Opening Remarks\nDelegates noted that only a third of the districts in\n"
            "the basin had reliable gauges in 2021. The regional\n"
            "offices were starting to rebuild the network of stations.\n"
            "The delegates agreed on what comes next:\nJoint funding of the gauges on the upper river\n"
            "Regular reviews of the network by the basin office\nA common register of the stations and their staff\n"
            "\u2022\n\u2022\n\u2022\n\u2022\n\f")
    last = ("Summary and Way\nForward\nParticipants agreed that the regional offices would\n"
            "share their data with the basin authorities every\n"
            "month, starting in the spring of 2025. The donors\n"
            "would review the network of stations again in 2027.\n")
    doc = normalize(contents + page + last).document
    assert [s.title for s in doc.blocks if isinstance(s, n.Section)] == ["Opening Remarks", "Summary and Way Forward"]
    assert not any(isinstance(b, n.BulletList) for b in doc.blocks[1].blocks)


def test_a_line_that_ends_inside_an_open_bracket_ends_no_sentence():
    # "(Art." ends in a period, but the bracket is still open: the sentence goes on ("4 of the
    # 2019 act)."), though the line is short enough to have ended a paragraph.
    assert not patterns.ends_sentence("the network of stations in the upper basin and on the coast (Art.")
    assert patterns.ends_sentence("the network of stations (Art. 4 of the 2019 act).")
    assert patterns.ends_sentence("the network of stations (see Annex 2).")
    text = ("Opening Remarks\n"
            "Delegates noted that the regional offices had been asked to review the\n"
            "network of stations in the upper basin and on the coast (Art.\n"
            "4 of the 2019 act). The basin authorities spent USD 41.5 million on new\n"
            "gauges and the training of observers between 2009 and 2015.\n")
    paragraphs = normalize(text).document.blocks[0].blocks
    assert len(paragraphs) == 1 and "coast (Art. 4 of the 2019 act). The basin" in n.plain_text(paragraphs[0].inlines)


def test_a_title_word_printed_after_the_title_block_goes_where_the_document_writes_it():
    # Raw pdftotext printed "Risk" of a large title after the title block; the organizer's name
    # writes "Disaster Risk" and "Risk Reduction": the word goes between those two title words.
    page1 = ("Basin Commission on Disaster Risk Reduction\npresent\nDr. Ana Lima\nDirector, Basin Institute\n"
             "On\n\nWater\nGovernance,\nDisaster\nReduction and the Public Purse\n6 September 2024\n"
             "Report compiled by Ken Mori\n\nRisk\n\f")
    body = ("Opening Remarks\nDr. Lima said that the plan of the basin commission would be reviewed by the\n"
            "regional offices before the end of the year.\n")
    result = normalize(page1 + body)
    assert result.document.meta.title == "Water Governance, Disaster Risk Reduction and the Public Purse"
    assert not any(isinstance(b, n.Para) for b in result.document.blocks)  # no "Risk" left in the body
    assert "title-from-context" in {d.code for d in result.diagnostics}
    # Where the document does not write the word next to the title's, it stays a body paragraph.
    other = normalize(page1.replace("on Disaster Risk Reduction", "on Floods") + body)
    assert other.document.meta.title == "Water Governance, Disaster Reduction and the Public Purse"
    assert [n.plain_text(b.inlines) for b in other.document.blocks if isinstance(b, n.Para)] == ["Risk"]


def test_a_short_title_pages_date_that_the_running_header_repeats_stays_the_date():
    # No page breaks; the title page is so short that the next page's header and number come
    # within reach of its date: the date's first copy is the title page's.
    words = "water land energy health transport schools housing farms budgets clinics roads ports".split()
    body = "".join("".join(f"The council discussed {words[(page - 3) * 6 + row]} and agreed on the plan.\n"
                           for row in range(6)) + f"Friday, 3 November 2017\nPage {page}\n" for page in (3, 4))
    text = ("Basin Institute\npresent\nDr. Ana Ruiz\nDirector, Centre for Water Studies\nOn\nWater and Cities\n"
            "Friday, 3 November 2017\nReport compiled by Li Wei\nFriday, 3 November 2017\nPage 2\n"
            f"Opening Remarks\n{body}")
    result = normalize(text)
    assert (result.document.meta.date, result.document.meta.date_text) == ("2017-11-03", "Friday, 3 November 2017")
    assert [d.line for d in result.dropped if d.reason == "running-header"] == [9, 18, 26]
    assert [d.reason for d in result.dropped if d.text == "Page 2"] == ["page-number"]


def test_a_layout_dumps_centred_organizers_are_no_running_text():
    # pdftotext -layout centres a title page's lines: the indents of four organizer lines add
    # over two hundred characters, which are no words of a paragraph.
    centred = [" " * 45 + "Basin Institute for the Study of Water and Rural Development",
               " " * 40 + "Southern Commission on Migration and Housing",
               " " * 35 + "Northern Office of the Inter-University Alliance for Coastal",
               " " * 60 + "Management"]
    text = "\n".join(centred + ["", " " * 60 + "present", "", " " * 55 + "Dr. Ana Ruiz",
                                " " * 45 + "Director, Centre for Water Studies", "", " " * 62 + "On", "",
                                " " * 40 + "Water and Cities", " " * 50 + "3 May 2021", "", "Opening Remarks", "",
                                "Dr. Ana Ruiz said that the plan was agreed by every council.", ""])
    assert sum(map(len, centred)) > 200 and len(" ".join(" ".join(centred).split())) < 200
    meta = normalize(text).document.meta
    assert meta.title == "Water and Cities"
    assert meta.organizers == ("Basin Institute for the Study of Water and Rural Development",
                               "Southern Commission on Migration and Housing",
                               "Northern Office of the Inter-University Alliance for Coastal Management")


def test_an_affiliation_printed_before_its_presenters_name():
    # Read as boxes, the title page gave the second presenter's affiliation before the name.
    text = ("Basin Institute\n\npresent\n\nDr. Ana Ruiz\n\nDirector, Centre for Water Studies\n\n"
            "Senior Adviser, Ministry of Water\n\nMr. Li Wei\n\nOn\n\nWater and Cities\n\n3 May 2021\n\n"
            "Report compiled by Jo Smith\n\nOpening Remarks\n\nDr. Ana Ruiz\nDirector, Centre for Water Studies\n"
            "Dr. Ruiz said that the plan was agreed.\n")
    result = normalize(text)
    assert [(s.name, s.affiliation) for s in result.document.meta.presenters] == [
        ("Dr. Ana Ruiz", "Director, Centre for Water Studies"), ("Mr. Li Wei", "Senior Adviser, Ministry of Water")]
    assert [d.code for d in result.diagnostics if d.line == 9] == ["affiliation-before-name"]
    paras = [n.plain_text(b.inlines) for b in n.iter_blocks(result.document.blocks) if isinstance(b, n.Para)]
    assert paras == ["Dr. Ruiz said that the plan was agreed."]


_FULL_LINES = ["the basin authorities agreed on a common plan for the decade ahead and",
               "asked the donors for their support over the many years of its work, as",
               "the rivers of the region cross the borders of every member of the board",
               "and the plan covers them all from the sources to the sea in the south."]


def test_a_first_line_indent_after_a_page_ended_full_starts_a_paragraph():
    # The page ends on a line too full for the next word, but the next page's first line is
    # indented as the text's first lines are.
    def body(who: str) -> str:
        return "\n".join(line.replace("the", f"the {who}", 1) for line in _FULL_LINES)
    text = (f"Opening Remarks\n    The council met and agreed that {body('large')}\n    Next the chair said "
            f"that {body('small')}\nPage 1\n\f\n    Participantsss noted that {body('new')}\n")
    paras = [n.plain_text(b.inlines) for b in normalize(text).document.blocks[0].blocks]
    assert [para.split()[0] for para in paras] == ["The", "Next", "Participantsss"]
    # Not indented, it runs on over the break (the page ended full).
    joined = normalize(text.replace("\f\n    Participantsss", "\f\nParticipantsss")).document.blocks[0].blocks
    assert [n.plain_text(b.inlines).split()[0] for b in joined] == ["The", "Next"]
    # Set in otherwise than the text's first lines, but past the page's next line, it starts one too.
    set_in = normalize(text.replace("\f\n    Participantsss", "\f\n       Participantsss")).document.blocks[0].blocks
    assert [n.plain_text(b.inlines).split()[0] for b in set_in] == ["The", "Next", "Participantsss"]


def test_a_justified_dumps_line_left_unstretched_ends_its_paragraph_across_a_page():
    # The extractor kept the stretch of justified lines as runs of spaces; the page's last
    # line has none and is no longer than the stretched ones: it was left short.
    stretched = ["The  basin  authorities  agreed  on  a  common  plan  for  the",
                 "decade  ahead  and  asked  the  donors  for  their  support",
                 "over  the  many  years  of  its  work,  as  the  rivers  of  the",
                 "region  cross  the  borders  of  every  member  of  the  board"]
    last = "and the plan covers all, from the sources to the sea."
    text = "Opening Remarks\n" + "\n".join([*stretched, last]) + "\nPage 1\n\fParticipantsss " \
           "noted  that  the  plan  was  sound  and  that  the  reviews  of  it\nwould follow.\n"
    paras = [n.plain_text(b.inlines) for b in normalize(text).document.blocks[0].blocks]
    assert [para.split()[0] for para in paras] == ["The", "Participantsss"]
    # Stretched, the same last line runs on.
    ran_on = normalize(text.replace(last, last.replace(" ", "  "))).document.blocks[0].blocks
    assert len(ran_on) == 1


def test_a_line_the_extractor_ended_with_a_space_goes_on_with_its_paragraph():
    # pdfminer and pypdf copy the space a LibreOffice PDF draws at a wrapped line's end; a
    # paragraph's last line has none. A sentence's end a little short of a full line, before
    # a long word, is then no paragraph's end where the line ends in that space.
    def paragraphs(soft: bool) -> list[str]:
        end = " " if soft else ""
        text = ("Opening Remarks\n"
                "The basin authorities agreed on a common plan for the decade ahead and \n"
                "asked the donors for their support over the many years of its work. \n"
                f"Most of the members welcomed the plan for the basin.{end}\n"
                "Participants noted that the plan was sound and that the reviews of it \n"
                "would follow before the next budget cycle.\n"
                "The chair closed the meeting and thanked the members for their work.\n")
        return [n.plain_text(b.inlines) for b in normalize(text).document.blocks[0].blocks]

    assert [para.split()[0] for para in paragraphs(soft=False)] == ["The", "Participants", "The"]
    assert [para.split()[0] for para in paragraphs(soft=True)] == ["The", "The"]


def test_a_few_lines_ending_in_a_space_tell_nothing():
    # Under SOFT_END_SHARE of the lines of running text: a stray space, not an extractor's habit.
    line = "The members of the board agreed on a plan for the basin and its rivers."
    text = "Opening Remarks\n" + "\n".join([line] * 30) + "\nIt was short. \nThe next one.\n \nEnd. "
    assert soft_line_ends(text) == {32, 35}
    lines = split_lines(text)
    assert mark_line_ends(lines, soft_line_ends(text)) == lines
    more = text.replace(".\n", ". \n", 3)
    assert soft_line_ends(more) == {2, 3, 4, 32, 35}
    assert [line.number for line in mark_line_ends(split_lines(more), soft_line_ends(more)) if line.stretched] \
        == [2, 3, 4, 32, 35]


def test_a_dash_opening_the_text_box_a_wrapped_line_went_on_into_is_an_aside():
    # pdfminer ends wrapped lines with the space drawn there, and breaks a paragraph's box where
    # a line wrapped: the next box opening with a dash goes on with it, an aside, no list item.
    lines = ["The members agreed that the certification of the laboratories ",
             "– as the 2020 evaluation showed – could be reviewed by the donor ",
             "agencies. She went on to say that the number of schools with credit ",
             "rose from 1,400 to 3,550 after 2007, and that the offices would share ",
             "their data with the public within a month of each meeting."]
    text = "Opening Remarks\n\n" + lines[0] + "\n\n" + "\n".join(lines[1:]) + "\n"
    blocks = normalize(text).document.blocks[0].blocks
    assert [type(b).__name__ for b in blocks] == ["Para"]
    assert n.plain_text(blocks[0].inlines).startswith("The members agreed that the certification of the "
                                                      "laboratories – as the 2020 evaluation")
    # A bullet glyph there opens an item still.
    bullets = normalize(text.replace("\n\n– as", "\n\n• as")).document.blocks[0].blocks
    assert [type(b).__name__ for b in bullets] == ["Para", "BulletList"]
    assert [patterns.opens_with_dash(text) for text in ("– as", "- as", "— as", "–as", "o as", "• as")] == \
        [True, True, True, False, False, False]


def test_a_text_box_broken_off_a_wrapped_line_goes_on_in_the_next():
    # pdfminer ends a text box where a ragged line (a role, set apart from the justified text)
    # wrapped, the space drawn there kept: one such line tells that the box goes on, however few
    # lines of the dump end in a space (a space after a sentence's end tells nothing).
    speech = ("Prof. Virtanen said that the municipal utilities would need to monitor the transfers and\n"
              "that regional authorities spent USD 12.6 million on planning between 2023 and 2030.\n")
    text = ("Opening Remarks\n\nProf. Helmi Virtanen\n\n"
            "Former Minister of Finance, Inter-University Commission on Public \n\nHealth Systems, Chiang Mai\n"
            + speech * 20 + "It was short. \n\nThe chair closed the meeting.\n")
    assert [line.number for line in text_lines(text) if line.stretched] == [5]
    speech = normalize(text).document.blocks[0].blocks[0]
    assert speech.speaker.affiliation == ("Former Minister of Finance, Inter-University Commission on Public "
                                          "Health Systems, Chiang Mai")
    assert [n.plain_text(b.inlines)[:14] for b in speech.blocks] == ["Prof. Virtanen", "The chair clos"]


def test_in_ragged_text_ended_with_spaces_a_sentence_ended_without_one_ends_its_paragraph():
    # Where the extractor ends the wrapped lines of ragged text with a space (but those that
    # filled their measure, which go on without one), a line that ends a sentence without one,
    # well short of those, is a paragraph's last, even where the next word (a long one) would
    # not have fitted after it.
    text = ("Opening Remarks\n"
            "The basin authorities agreed on a common plan for the decade ahead and\n"
            "asked the donors for their support over the many years of its work, as \n"
            "the rivers of the region cross the borders of every member of the board\n"
            "and the plan is to cover all of them, from the hills down to the delta\n"
            "and the sea. Most of the members welcomed the plan for the whole basin \n"
            "and its rivers, and they agreed on a review before the year.\n"
            "Participants noted that the plan was sound and that the reviews of it \n"
            "would follow before the next budget cycle, after the elections of the\n"
            "councils and the boards of the many utilities that share the rivers. \n"
            "They asked for a second round of talks on the plan.\n"
            "The chair thanked the members for their work on the plan over the last\n"
            "year and for the reports they had sent to the board before the meeting. \n"
            "She closed the meeting.\n")
    paras = [n.plain_text(b.inlines) for b in normalize(text).document.blocks[0].blocks]
    assert [para.split()[0] for para in paras] == ["The", "Participants", "The"]
    # Without the spaces the dump tells nothing of it: the word would not have fitted.
    paras = [n.plain_text(b.inlines) for b in normalize(text.replace(" \n", "\n")).document.blocks[0].blocks]
    assert [para.split()[0] for para in paras] == ["The", "The"]


def _items_between_paragraphs(blocks: tuple[n.Block, ...]) -> list[str]:
    """Return the first word of each item of ``blocks``, which must be a paragraph, a bullet
    list and a paragraph."""
    assert [type(b).__name__ for b in blocks] == ["Para", "BulletList", "Para"]
    return [n.plain_text(item.blocks[0].inlines).split()[0] for item in blocks[1].items]


def test_a_sentence_under_an_items_text_goes_on_with_the_item():
    # pdftotext -layout: the bullet at the margin, the item's text past it (the reader keeps one
    # of the spaces the layout sets after a marker), its lines after the first under that text.
    # A sentence that opens such a line after one ended, with room for its first word, goes on
    # with the item.
    wrapped = ("The council met on Monday and agreed that the basin plan would need to be\n"
               "reviewed by the regional offices before the end of the year, and that the data\n"
               "of every station would be shared with the municipal utilities and the planners\n"
               "who asked for it in the spring, and that the training of the staff would go on.\n")
    items = ("\uf0b7 Regular reviews of the gauges by the offices\n"
             "\uf0b7 Moreover, the number of wells rose after 1996.\n"
             "    Between 1998 and 2004, only a third of the wells were tested by the\n"
             "    offices.\n"
             "\uf0b7 A common register of the stations\n")
    text = (f"Opening Remarks\n{wrapped}\nThe chair set out three priorities:\n{items}\n"
            f"Participants recalled that the surveys would be reviewed.\n{wrapped}")
    blocks = normalize(text).document.blocks[0].blocks
    assert [n.plain_text(item.blocks[0].inlines) for item in blocks[2].items][:2] == [
        "Regular reviews of the gauges by the offices",
        "Moreover, the number of wells rose after 1996. Between 1998 and 2004, only a third of the wells were "
        "tested by the offices."]
    assert len(blocks[2].items) == 3
    # So too where the text sets its paragraphs' first lines in as far as the items' text: the
    # item's next line stays there, as a paragraph's would not.
    indented = text.replace("The council met on Monday", "    The council met on Monday")
    blocks = normalize(indented).document.blocks[0].blocks
    assert len(blocks[2].items) == 3
    assert "after 1996. Between 1998" in n.plain_text(blocks[2].items[1].blocks[0].inlines)


def test_an_indented_block_after_an_introducing_line_is_a_list():
    # A layout dump keeps the items' indent; the printer's bullets did not come out.
    text = ("Opening Remarks\n"
            "The chair opened the meeting and thanked the hosts for their warm welcome.\n"
            "The discussion identified several concerns:\n\n"
            "     For that reason, the councils should rethink the collection of taxes\n"
            "     before the next budget cycle.\n"
            "     Only 66 per cent of farms had basic sanitation in 2020, and the\n"
            "     councils had failed to invest in it.\n"
            "     Regular reviews of water testing\n\n"
            "Participants recalled that the surveys would be reviewed by the utilities.\n")
    result = normalize(text)
    assert _items_between_paragraphs(result.document.blocks[0].blocks) == ["For", "Only", "Regular"]
    # Read as phrases and sentences within the indent too (a phrase is among them).
    assert [d.code for d in result.diagnostics if d.code.startswith("list-")] == ["list-unmarked", "list-indented"]
    # Without the introducing colon, the indented block is running text.
    plain = normalize(text.replace("several concerns:", "several concerns.")).document.blocks[0].blocks
    assert not any(isinstance(b, n.BulletList) for b in plain)
    # A list that opens with phrases (read as a list of phrases first) goes on with its sentences
    # after them, up to where the text comes back to the margin.
    result = normalize(text.replace("concerns:\n\n", "concerns:\n\n     Joint funding of public transport\n"
                                    "     Training for the district teams\n"))
    assert _items_between_paragraphs(result.document.blocks[0].blocks) == ["Joint", "Training", "For", "Only",
                                                                           "Regular"]
    assert [d.code for d in result.diagnostics if d.code.startswith("list-")] == ["list-unmarked", "list-indented"]


def test_an_indented_lists_line_that_ends_on_a_connecting_word_ends_no_item():
    # "... were tested in" / "Cuenca in 2020.": the name would have fitted at the text's width,
    # but no item ends on "in"; the sentence goes on.
    wrapped = ("The council met on Monday and agreed that the basin plan would need to be\n"
               "reviewed by the regional offices before the end of the year, and that the data\n"
               "of every station would be shared with the municipal utilities and the planners\n"
               "who asked for it in the spring, and that the training of the staff would go on.\n")
    text = (f"Opening Remarks\n{wrapped}{wrapped}The discussion identified several concerns:\n\n"
            "     For that reason, the councils should rethink the collection of taxes.\n"
            "     Only a third of the wells were tested in\n"
            "     Cuenca in 2020, and the councils had failed to invest in them.\n"
            "     Regular reviews of water testing\n\n"
            "Participants recalled that the surveys would be reviewed by the utilities.\n")
    assert _items_between_paragraphs(normalize(text).document.blocks[0].blocks) == ["For", "Only", "Regular"]


def test_an_indented_lists_items_are_measured_at_their_own_width():
    # Set in by five columns, an item's line of 69 letters is full: the next word would have
    # fitted at the text's width, not at the items'. The item goes on.
    wrapped = ("The council met on Monday and agreed that the basin plan would need to be\n"
               "reviewed by the regional offices before the end of the year, and that the data\n"
               "of every station would be shared with the municipal utilities and the planners\n"
               "who asked for it in the spring, and that the training of the staff would go on.\n")
    text = (f"Opening Remarks\n{wrapped}{wrapped}The discussion identified several concerns:\n\n"
            "     For that reason, the councils should rethink the collection of taxes, and\n"
            "     the offices said that only a third of the wells were tested in Kumasi\n"
            "     and Accra by 2020, as the councils had failed to invest in them.\n"
            "     Regular reviews of water testing\n\n"
            "Participants recalled that the surveys would be reviewed by the utilities.\n")
    assert _items_between_paragraphs(normalize(text).document.blocks[0].blocks) == ["For", "Regular"]


def test_an_indented_list_tells_a_phrase_as_wide_as_its_items_from_the_sentence_after_it():
    # The third phrase takes nearly the items' whole width: that the next word did not fit
    # shows nothing, but a word the text writes in lowercase ("training") opens the next line
    # with a capital, so the sentence after the phrase is an item of its own. The first item, a
    # sentence, and the bullets the phrases are given do not change how the lines are measured.
    wrapped = ("The council met on Monday and agreed that the basin plan would need to be\n"
               "reviewed by the regional offices before the end of the year, and that the data\n"
               "of every station would be shared with the municipal utilities and the planners\n"
               "who asked for it in the spring, and that the training of the staff would go on.\n")
    items = ("     By 2002, the regional offices should share the data of every station.\n"
             "     Joint funding of the household surveys\n"
             "     Regular reviews of the stations in the basin by the municipal utilities\n"
             "     Training budgets of the district teams were cut by half in 2019, and the\n"
             "     councils had failed to invest in them before the next budget cycle.\n\n")
    text = (f"Opening Remarks\n{wrapped}{wrapped}The discussion identified several concerns:\n\n{items}"
            "Participants recalled that the surveys would be reviewed by the utilities.\n")
    assert _items_between_paragraphs(normalize(text).document.blocks[0].blocks) == ["By", "Joint", "Regular",
                                                                                   "Training"]


def test_an_indented_list_opens_an_item_wherever_a_paragraph_would_open():
    # A sentence ends on a line of narrow letters with room left by their width, not by their
    # count ("... till it ill." / "In 2020, ..."): the text would open a paragraph there, so in an
    # indented list an item opens there, not a paragraph inside the list.
    wrapped = ("The council met on Monday and agreed that the basin plan would need to be\n"
               "reviewed by the regional offices before the end of the year, and that the data\n"
               "of every station would be shared with the municipal utilities and the planners\n"
               "who asked for it in the spring, as the ministry had asked them to do last year.\n")
    items = ("     For that reason, the councils should rethink the collection of taxes in the\n"
             "     villages before the next budget cycle, as the ministry had asked them to do.\n"
             "     It will fill in little lists; it will still fill in little lists till it ill.\n"
             "     In 2020, only 66 per cent of the farms had basic sanitation, and the councils\n"
             "     had failed to invest in it before the next budget cycle, as the report said.\n\n")
    text = (f"Opening Remarks\n{wrapped}{wrapped}The discussion identified several concerns:\n\n{items}"
            "Participants recalled that the surveys would be reviewed by the utilities.\n")
    blocks = normalize(text).document.blocks[0].blocks
    assert [type(b).__name__ for b in blocks] == ["Para", "BulletList", "Para"]
    assert [n.plain_text(item.blocks[0].inlines).split()[0] for item in blocks[1].items] == ["For", "In"]


def test_after_an_introducing_line_a_short_unpunctuated_line_ends_an_item():
    # A browser's bullets did not come out, nor any indent: the items are told apart only by
    # lines left well short; two of them end in no punctuation. The sentence's line that stops
    # on "from" is no phrase: the items are read as a list of phrases and the sentence before them.
    text = ("Opening Remarks\n"
            "The chair opened the meeting and thanked the hosts of the seminar for their warm\n"
            "welcome and their care.\n"
            "The discussion identified several concerns:\n"
            "Moreover, national regulators spent a great deal of money on the school meals from\n"
            "2004 to 2012.\n"
            "Regular reviews of the implementation of the tariff reforms by the councils and the\n"
            "municipal utilities\n"
            "Better data on vocational training programmes\n"
            "Clearer rules for land registration\n"
            "Dr. Ana Ruiz\n"
            "Executive Secretary, Food Security Forum\n"
            "Dr. Ruiz recalled that the surveys would be reviewed by the utilities of the region and\n"
            "the councils\n"
            "Participants noted that the councils had failed to invest in the household surveys.\n")
    result = normalize(text)
    *before, speech = result.document.blocks[0].blocks
    assert _texts(before[2:]) == [("BulletList", [
        "Moreover, national regulators spent a great deal of money on the school meals from 2004 to 2012.",
        "Regular reviews of the implementation of the tariff reforms by the councils and the municipal utilities",
        "Better data on vocational training programmes", "Clearer rules for land registration"])]
    assert [d.line for d in result.diagnostics if d.code == "list-unmarked"] == [5]
    # Past a speaker, nothing is introduced any more: a short line ending in a word ends no block.
    assert speech.speaker.name == "Dr. Ana Ruiz" and len(speech.blocks) == 1
    # Without the introducing colon, the phrases run on as one block, as before.
    plain = normalize(text.replace("several concerns:", "several concerns.")).document.blocks[0].blocks
    assert not any(n.plain_text(b.inlines).startswith("Better") for b in plain if isinstance(b, n.Para))


def test_an_unpunctuated_item_set_in_narrow_letters_ends_where_the_next_word_would_have_fitted():
    # A proportional face: the phrase's line holds more than 0.8 of the usual line's characters
    # (its letters narrow: "l", "i", "t", "f"), but under 0.8 of a full line's room, and the next
    # word would have fitted in less room than any wrapped line needed. Measured so, the item ends.
    from convert.recover.blocks import BlockParams, ends_unpunctuated_item, measure
    para = ("The members of the council went on to discuss the state of the wells in the upper valley, where the "
            "pumps had failed twice in the dry season, and the plans of the water boards for the repair of the "
            "storage tanks before the rains came. The engineers said that the work would take two years at the "
            "least, and that the towns of the lower valley would come next in the plan.") * 3
    lines = [Line(number, text) for number, text in enumerate(textwrap.wrap(para, 71), 1)]
    stats = measure(lines)
    phrase, following = Line(90, "Training of staff in the rural district utilities of hills"), \
        Line(91, "Better data on household surveys")
    assert len(phrase.text) + 1 + len("Better") > BlockParams().unended_short_line * stats.width
    assert ends_unpunctuated_item(phrase, following, stats.width, BlockParams(), room=stats.room)
    assert not ends_unpunctuated_item(phrase, following, stats.width, BlockParams())  # unmeasured: goes on
    # Wide letters that fill the line as much in room as in characters go on.
    wide = Line(90, "MODERN WATER METERS FOR DISTRICT WORKSHOPS OF HOME OWNERS")
    assert not ends_unpunctuated_item(wide, following, stats.width, BlockParams(), room=stats.room)
    # Nor does a line whose next word would not have fitted within the usual width in characters.
    full = Line(90, "Training of staff in the rural district utilities of hills and dales")
    assert not ends_unpunctuated_item(full, following, stats.width, BlockParams(), room=stats.room)
    # Nor one that ends on a capitalised word: a name may go on into the next line.
    name = Line(90, "Training of staff in rural district utilities of Little Rock")
    assert not ends_unpunctuated_item(name, following, stats.width, BlockParams(), room=stats.room)


def test_after_an_introducing_line_a_sentence_about_someone_ends_an_unpunctuated_item():
    # The list's last item, a phrase after four sentences, ends short of a full line but not well
    # short: a sentence about someone ("Mrs. Ruiz reminded ...") opens a paragraph after it; a
    # sentence about something else goes on with it, as before.
    items = "".join(f"In {year}, the national regulators spent a great deal of money on the school meals\n"
                    "of the region.\n" for year in (2004, 2008, 2012, 2016))
    text = ("Opening Remarks\n"
            "The chair opened the meeting and thanked the hosts of the seminar for their warm\n"
            "welcome and their care.\n"
            f"The discussion identified several concerns:\n{items}"
            "A fund for the household surveys, particularly in the secondary cities\n"
            "Mrs. Ruiz reminded participants that only 16 per cent of the clinics had broadband\n"
            "in 1999, and that the councils had failed to invest in the surveys.\n")

    def last_two(text: str) -> list[str]:
        return [n.plain_text(b.inlines)[:9] for b in normalize(text).document.blocks[0].blocks[-2:]]

    assert last_two(text) == ["A fund fo", "Mrs. Ruiz"]
    assert last_two(text.replace("Mrs. Ruiz reminded", "The planners told"))[-1] == "A fund fo"


def test_a_line_at_the_texts_first_line_indent_opens_a_paragraph_after_an_affiliation():
    # A layout dump of a narrow column: the affiliation ends in no punctuation, the paragraph's
    # first line is indented as the text's first lines are.
    para = ("    Dr. Ana Ruiz recalled that\ndonor agencies could strengthen\ntheir transfers despite the\n"
            "considerable uncertainty. She\nargued that only 20 per cent of\nthe schools had water.\n")
    text = (f"Opening Remarks\n    The chair thanked the\nspeakers and the hosts of the\nmeeting for their warm\n"
            f"welcome and their care.\n    The hosts answered that\nthey were glad of the talks.\n"
            f"Dr. Ana Ruiz\nExecutive Secretary, Food\nSecurity Forum, Cebu\n{para}")
    speech = normalize(text).document.blocks[0].blocks[-1]
    assert (speech.speaker.name, speech.speaker.affiliation) == ("Dr. Ana Ruiz", "Executive Secretary, Food Security Forum, Cebu")
    assert n.plain_text(speech.blocks[0].inlines).startswith("Dr. Ana Ruiz recalled")


def test_a_paragraph_left_inside_a_parenthesis_goes_on_where_it_closes():
    # An extractor cut an item's box inside "(see Annex 4)": the next block closes it.
    text = ("Opening Remarks\nThe chair proposed the following steps:\n\n"
            "1. The councils had failed to monitor flood insurance (see\n\n"
            "Annex 4). For that reason, only 21 per cent of towns had water.\n\n"
            "2. The share of clinics without power fell.\n\n"
            "Participants agreed (in part).\n\nThe meeting ended.\n")
    blocks = normalize(text).document.blocks[0].blocks
    items = [n.plain_text(item.blocks[0].inlines) for item in blocks[1].items]
    assert items[0].endswith("(see Annex 4). For that reason, only 21 per cent of towns had water.")
    assert [n.plain_text(b.inlines) for b in blocks[2:]] == ["Participants agreed (in part).", "The meeting ended."]


def test_lines_run_together_across_a_hyphen_are_measured_by_their_second_part():
    # Raw pdftotext joins a word broken at a line's end, and with it the two lines: the joined
    # line's second part is the paragraph's short last line; a long line among wrapped ones is
    # no paragraph of its own.
    wrapped = ["The council agreed that the basin authorities would need to share",
               "responsibility for the plan and asked the donors for their support",
               "over the years of its work, since the rivers of the region cross the",
               "borders of every member and the plan covers them all, from the sour-"]
    text = ("Opening Remarks\n" + "\n".join(wrapped[:3]) + "\nborders of every member and the plan covers them all, from "
            "the sources to the sea. The talks were long.\nParticipants noted that the reviews of the plan "
            "would follow in the\nspring, after the elections of the new councils and the boards of the\n"
            "utilities. They were glad of the results of the meetings held so far.\n" + "\n".join(wrapped) + "\nces.\n")
    paras = [n.plain_text(b.inlines) for b in normalize(text).document.blocks[0].blocks]
    assert [para.split()[0] for para in paras] == ["The", "Participants"]


def test_lines_run_together_in_a_text_that_breaks_no_words_are_measured_by_their_second_part():
    # A text that breaks no words still breaks a compound at its own hyphen, and raw pdftotext
    # runs those two lines together: far over the usual width, ending a sentence, the joined
    # line's second part is the paragraph's short last line.
    wrapped = ["The council agreed that the basin authorities would need to share",
               "responsibility for the plan and asked the donors for their support",
               "over the years of its work, since the rivers of the region cross the",
               "borders of every member and the plan covers all of them in the end"]
    text = ("Opening Remarks\n" + "\n".join(wrapped) + "\nand the donors agreed to fund the school-feeding "
            "schemes of the towns on the coast as well as the others.\nParticipants noted that the reviews "
            "of the plan would follow in the\nspring, after the elections of the new councils and the boards "
            "of the\nutilities. They were glad.\n")
    paras = [n.plain_text(b.inlines) for b in normalize(text).document.blocks[0].blocks]
    assert [para.split()[0] for para in paras] == ["The", "Participants"]


def test_lines_run_together_before_a_word_that_opens_only_the_texts_paragraphs_end_their_paragraph():
    # The joined line's second part is nearly a full line: no room for "Participants" in it; but
    # the text opens its paragraphs with that word, and no sentence inside a line, so it opens a
    # paragraph after any sentence's end, on a line run together or not.
    body = ("the offices met. The council agreed on the plan. The donors asked for the data. "
            "The towns shared their wells. ")
    paragraphs = [textwrap.wrap(f"Participants {verb} that {body * 2}They left.", 70)
                  for verb in ("noted", "argued", "stressed", "recalled")]
    second = paragraphs[1]
    ending = "and the donors agreed to fund the school-feeding schemes of the towns."
    paragraphs[1] = [*second[:-2], f"{second[-2]} {ending}"]
    text = "Opening Remarks\n" + "\n".join(line for paragraph in paragraphs for line in paragraph) + "\n"
    paras = [n.plain_text(b.inlines) for b in normalize(text).document.blocks[0].blocks]
    assert [para.split()[1] for para in paras] == ["noted", "argued", "stressed", "recalled"]


def test_a_long_line_in_a_dump_that_keeps_its_hyphens_is_one_line():
    # pypdf and pypdfium2 keep the hyphen that broke a word at a line's end: they run no lines
    # together, and a line of narrow letters a little over the usual width is one printed line
    # (its sentence's end is no paragraph's end before a word that did not fit).
    text = ("Opening Remarks\n"
            "The council agreed that the basin authorities would ne-\n"
            "ed to share responsibility for the plan and asked the\n"
            "donors for their support over the years of its work, si-\n"
            "nce the rivers of the region cross the borders of every\n"
            "member, and the plan will cover all of it, from its hills to its little inlets.\n"
            "Participants noted that the reviews of the plan would\n"
            "follow in the spring, after the elections of the coun-\n"
            "cils. They were glad.\n")
    paras = [n.plain_text(b.inlines) for b in normalize(text).document.blocks[0].blocks]
    assert [para.split()[0] for para in paras] == ["The"]


def test_links_to_places_become_links_to_sections_and_links_to_nowhere_their_text():
    """A link to a source line (a PDF's link to a place on a page) leads to the section holding
    that line; a link to no section of the report keeps its text, without the link, said once."""
    from convert.lines import Anchor
    from convert.recover import recover

    text = "See the closing remarks and the annex for more."
    lines = [Line(1, "Opening Remarks", size=16, bold=True), Line(2, ""),
             Line(3, text, size=11, anchors=(Anchor(8, 24, n.Link((), "#line-7")),
                                             Anchor(33, 38, n.Link((), "#annex")))),
             Line(4, ""), Line(5, "Closing Remarks", size=16, bold=True), Line(6, ""),
             Line(7, "The chair closed the meeting.", size=11)]
    result = recover(lines)
    sections = result.document.blocks
    para = sections[0].blocks[0]
    links = [inline for inline in n.iter_inlines(para.inlines) if isinstance(inline, n.Link)]
    assert [link.target for link in links] == [f"#{sections[1].id}"]
    assert n.plain_text(para.inlines) == text
    assert [d.code for d in result.diagnostics].count("link-target") == 1


def test_brackets_an_extractor_reversed_into_a_right_to_left_name():
    # pdftotext reverses the space and bracket drawn after the name into its embedding;
    # pypdfium2 mirrors the bracket after the name's letters, and gives the name's words as
    # drawn (in the other order).
    for line in ("Prof. \u202b( עדי ברק\u202cProfessor of Public Policy, University of Medan)",
                 "Prof. ברק עדי) Professor of Public Policy, University of Medan)"):
        text = f"Opening Remarks\n{line}\nThe speaker opened the meeting.\n"
        speech = normalize(text).document.blocks[0].blocks[0]
        assert (speech.speaker.name, speech.speaker.affiliation) == \
            ("Prof. עדי ברק", "Professor of Public Policy, University of Medan")
    lines = text_lines("Mr. \u202b كريم الزين\u202cacknowledged that it was so.\n(עדי) (see below)\n")
    assert lines[0].text == "Mr. \u202bكريم الزين\u202c acknowledged that it was so."
    assert lines[1].text == "(עדי) (see below)"  # balanced: left alone


def test_a_short_introducing_line_ends_its_paragraph():
    # The list's markers were lost (a browser draws them): what the colon introduces starts anew.
    text = ("Opening Remarks\n"
            "Dr. Ana Ruiz opened the meeting and said that the plan for the coming years was\n"
            "ready for review.\n"
            "She set out three priorities:\n"
            "Funding for the water boards in the poorer districts would rise over the next five\n"
            "years, with the money coming from the national budget and from the regions.\n")
    paragraphs = [n.plain_text(b.inlines) for b in normalize(text).document.blocks[0].blocks]
    assert paragraphs[1:] == ["She set out three priorities:", "Funding for the water boards in the poorer "
                              "districts would rise over the next five years, with the money coming from "
                              "the national budget and from the regions."]


def test_a_name_wrapped_before_its_last_word_in_a_narrow_column():
    # The speech calls the speaker by honorific and surname: the word the name wrapped onto the
    # next line is the name's, whether the affiliation follows below or in parentheses.
    below = ("Opening Remarks\nAmbassador Kanokwan\nWongsakul\nCountry Representative, Association\n"
             "of Municipalities of Türkiye\nAmbassador Wongsakul suggested that only 86 per cent\n"
             "of young workers had credit.\n")
    parens = ("Opening Remarks\nAmbassador Emeka\nOkonkwo (Chief Economist,\nUniversity of Da Nang)\n"
              "Ambassador Okonkwo, whose agency was set up in 2003, noted that it was so.\n")
    for text, affiliation in ((below, "Country Representative, Association of Municipalities of Türkiye"),
                              (parens, "Chief Economist, University of Da Nang")):
        speech = normalize(text).document.blocks[0].blocks[0]
        assert speech.speaker.name == f"Ambassador {'Kanokwan Wongsakul' if text is below else 'Emeka Okonkwo'}"
        assert speech.speaker.affiliation == affiliation
        assert n.plain_text(speech.blocks[0].inlines).startswith("Ambassador ")
    # Not called so: the next line is the affiliation's.
    other = below.replace("Ambassador Wongsakul suggested", "She suggested")
    assert normalize(other).document.blocks[0].blocks[0].speaker.name == "Ambassador Kanokwan"


def test_an_honorific_boxed_alone_opens_the_next_blocks_first_line():
    # pdfminer boxes "Ms." apart from a name in another script, a blank line between: the
    # honorific opens the next block's line, in any script, and no paragraph is "Ms." alone.
    text = ("Opening Remarks\n\nMs. נועה לוי (Director-General, Network of Southern\nResearchers in Water Studies)\n\n"
            "Ms.\n\nנועה לוי acknowledged that provincial planners should finance the\n"
            "stations of the region before the rains, and that the towns would follow.\n\n"
            "Dr.\n\nAna Ruiz, whose office hosts the survey, agreed with the plan for the\nwells of the region.\n")
    result = normalize(text)
    speech = result.document.blocks[0].blocks[0]
    assert speech.speaker.name == "Ms. נועה לוי"
    assert [n.plain_text(block.inlines)[:24] for block in speech.blocks] == [
        "Ms. נועה לוי acknowledge", "Dr. Ana Ruiz, whose offi"]
    assert [d.line for d in result.diagnostics if d.code == "honorific-joined"] == [6, 11]
    # Not before a block that opens in lower case (the paragraph goes on there as before).
    lower = text.replace("Ana Ruiz, whose", "and Ruiz, whose")
    assert [d.line for d in normalize(lower).diagnostics if d.code == "honorific-joined"] == [6]


def test_a_speech_opening_with_the_whole_name_wrapped_after_its_first_words():
    # A narrow column wraps the name in the speaker's line and again in the speech's first line,
    # which calls the speaker by the whole name: "Ambassador Jane" alone on its line reads as a
    # speaker's, but the next line completes the name just given and goes on as running text.
    text = ("Opening Remarks\nParticipants noted that the share of clinics without\nprimary care fell.\n"
            "Ambassador Jane\nSmith\nExecutive Secretary, Network of\nNorthern Researchers\n"
            "Ambassador  Jane\nSmith stressed that only 63\nper cent of municipalities had\npiped water in 2017.\n"
            "Mr. Peter Brown\nProgramme Officer, Regional Commission\n"
            "Mr. Brown, whose network supports regulators, agreed.\n")
    section = normalize(text).document.blocks[0]
    speeches = [block for block in section.blocks if isinstance(block, n.Speech)]
    assert [speech.speaker.name for speech in speeches] == ["Ambassador Jane Smith", "Mr. Peter Brown"]
    assert speeches[0].speaker.affiliation == "Executive Secretary, Network of Northern Researchers"
    assert [n.plain_text(block.inlines) for block in speeches[0].blocks] == [
        "Ambassador Jane Smith stressed that only 63 per cent of municipalities had piped water in 2017."]
    # In another script too, and with a comma after the name.
    other = text.replace("Jane", "Светлана").replace("Smith", "Морозова").replace(
        "Морозова stressed that", "Морозова, whose office stressed that")
    speeches = [block for block in normalize(other).document.blocks[0].blocks if isinstance(block, n.Speech)]
    assert [speech.speaker.name for speech in speeches] == ["Ambassador Светлана Морозова", "Mr. Peter Brown"]
    assert n.plain_text(speeches[0].blocks[0].inlines).startswith("Ambassador Светлана Морозова, whose office")
    # A speech that opens with other words after a name line of its own keeps its speaker.
    alone = text.replace("Ambassador  Jane\nSmith stressed", "Ambassador Jane Smith\nThank you. She stressed")
    speeches = [block for block in normalize(alone).document.blocks[0].blocks if isinstance(block, n.Speech)]
    assert [speech.speaker.name for speech in speeches][:2] == ["Ambassador Jane Smith", "Ambassador Jane Smith"]


def test_a_stretched_name_going_on_in_lower_case_is_running_text():
    # A justified column stretched the paragraph's first two words over its line.
    lines = ["Opening Remarks", "Dr. Ana Ruiz", "Director, Centre for Water Studies"]
    lines += ["The  plan  for  the  coming  years  was  ready  for  review"] * 12
    lines += ["Ambassador  Okonkwo,", "whose  agency  was  set  up  in  2003,  noted  that", "it was so."]
    blocks = normalize("\n".join(lines) + "\n").document.blocks[0].blocks
    assert [b.speaker.name for b in blocks if isinstance(b, n.Speech)] == ["Dr. Ana Ruiz"]
    assert n.plain_text(blocks[0].blocks[-1].inlines).endswith("Ambassador Okonkwo, whose agency was set up in "
                                                                "2003, noted that it was so.")


def test_running_text_that_recurs_at_page_ends_is_no_header():
    # Paged, the years end a sentence the line before left unended: running text, however often
    # "# and #." recurs in the pages' bands (a running header after a page's end starts upper).
    pages = [f"Water Report\nThe {what} rose sharply between\n{start} and {end}.\nPage {page}"
             for page, what, start, end in ((2, "budget", 2001, 2013), (3, "share", 1998, 2004),
                                           (4, "number", 2010, 2015))]
    result = normalize("Water Report\nOpening Remarks\n\f" + "\n\f".join(pages) + "\n")
    assert {d.reason for d in result.dropped} == {"page-number", "running-header"}
    assert not any(d.text.endswith(".") for d in result.dropped)


def test_a_contents_entry_broken_at_a_hyphen_stands_again_as_its_heading():
    text = ("Water Report\nContents\nOpening Remarks ........ 2\n"
            "Housing Policy and Urban Resilience: the Long Road to Im-\nplementation ........ 3\n\f"
            "Opening Remarks\nThe chair opened the meeting.\n\f"
            "Housing Policy and Ur-\nban Resilience: the Long\nRoad to Implementation\nThe panel met.\n")
    sections = [b.title for b in normalize(text).document.blocks if isinstance(b, n.Section)]
    assert sections == ["Opening Remarks", "Housing Policy and Urban Resilience: the Long Road to Implementation"]


def test_a_comma_an_extractor_reversed_after_a_right_to_left_name():
    text = "Opening Remarks\nProf. נועה לוי ,Senior Adviser on Education\nThe speaker opened the meeting.\n"
    speech = normalize(text).document.blocks[0].blocks[0]
    assert (speech.speaker.name, speech.speaker.affiliation) == ("Prof. נועה לוי", "Senior Adviser on Education")
    # ... or with the space after the comma kept too.
    assert text_lines("Prof. נועה לוי , whose office hosts the survey, spoke.\n")[0].text == \
        "Prof. נועה לוי, whose office hosts the survey, spoke."
    # pypdf may instead put the space and comma drawn after the name before it, the name glued
    # to the word or bracket after it.
    text = ("Opening Remarks\nProf.  נועה לוי(Senior Adviser on Education)\n"
            "Prof.  ,נועה לויwhose office hosts the survey, spoke. Prof.  נועה לויagreed.\n")
    speech = normalize(text).document.blocks[0].blocks[0]
    assert (speech.speaker.name, speech.speaker.affiliation) == ("Prof. נועה לוי", "Senior Adviser on Education")
    assert n.plain_text(speech.blocks[0].inlines) == \
        "Prof. נועה לוי, whose office hosts the survey, spoke. Prof. נועה לוי agreed."
    # After the comma so moved, the affiliation may open with a capital; and the comma reversed
    # after a name in Arabic presentation forms is put back as after its letters, also where
    # every letter is one (pypdf's text of Chromium's PDFs).
    for line in ("Dr.  ,كريم الزينDirector of Studies", "Dr.  ,كريم الزين Director of Studies",
                 "Dr. \ufedb\ufeae\ufef3\ufee2 \u0627\ufedf\ufeb0\ufef3\ufee6 ,Director of Studies",
                 "Dr. \ufedb\ufeae\ufef3\ufee2 \ufe8d\ufedf\ufeb0\ufef3\ufee6 ,Director of Studies"):
        speech = normalize(f"Opening Remarks\n{line}\nThe speaker opened the meeting.\n").document.blocks[0].blocks[0]
        assert (speech.speaker.name, speech.speaker.affiliation) == ("Dr. كريم الزين", "Director of Studies"), line
    # A code an extractor left for a glyph, "(cid:12)", is no bracket after the name (but a
    # kashida in it, whose letters show the name written as drawn: "كريم الزين" stretched).
    assert text_lines("Dr. نيز(cid:12)(cid:12)لا said so.\n")[0].text == "Dr. الزين said so."


def test_a_heading_in_its_type_broken_at_a_pages_foot_after_a_comma():
    """A PDF's heading ends a page on a comma, the running header and page number between, and
    goes on at the next page's top in its type: one heading. After a sentence's end, two."""
    from convert.recover import recover

    def titles(end: str) -> list[str]:
        body = "The basin authorities agreed on a common plan for the decade ahead, with support."
        lines = [Line(1, "Opening Remarks", 1, size=16, bold=True), Line(2, "", 1),
                 *[Line(3 + i, body, 1, size=11) for i in range(3)], Line(6, "", 1),
                 Line(7, "Water Governance and Energy", 1, size=16, bold=True),
                 Line(8, f"Transition: Evidence{end}", 1, size=16, bold=True, wraps=True),
                 Line(9, "Water Report", 2, size=9), Line(10, "", 2, page_break=True),
                 Line(11, "Institutions and the Long Road", 2, size=16, bold=True),
                 Line(12, "to Implementation", 2, size=16, bold=True, wraps=True), Line(13, "", 2),
                 *[Line(14 + i, body, 2, size=11) for i in range(3)], Line(17, "Water Report", 3, size=9)]
        return [b.title for b in recover(lines).document.blocks if isinstance(b, n.Section)]

    assert titles(",") == ["Opening Remarks", "Water Governance and Energy Transition: Evidence, Institutions "
                                              "and the Long Road to Implementation"]
    assert titles("") == ["Opening Remarks", "Water Governance and Energy Transition: Evidence",
                          "Institutions and the Long Road to Implementation"]


def test_an_unnumbered_contents_ends_at_its_first_entry_wrapped_otherwise():
    """The body's first heading wraps after the colon where its entry wrapped later: the
    contents still ends there, and the heading is whole."""
    from convert.recover.contents import find_contents

    texts = ["Contents", "From Pilot Projects to National Programmes: Sharing Seasonal Migration across",
             "the Baltic States", "Lessons from Da Nang", "From Pilot Projects to National Programmes: Rail Links",
             "", "From Pilot Projects to National Programmes:", "Sharing Seasonal Migration across the Baltic States",
             "", "The panel met.", "", "Lessons from Da Nang", "", "The keynote was given.", "",
             "From Pilot Projects to National Programmes:", "Rail Links", "", "The chair closed the meeting."]
    lines = [Line(i + 1, text, 1 if i < 6 else 2) for i, text in enumerate(texts)]
    found = find_contents(lines)
    assert found is not None and sorted(found.indexes) == [0, 1, 2, 3, 4]


def test_an_unnumbered_contents_takes_no_line_of_running_text_whose_first_word_stands_alone_later():
    """A line of the body after an unnumbered contents is no entry because its first word stands
    later on a line of its own (a justified line the extractor cut at its wide spaces): a
    start of an entry standing again is two words at least, but for a title-shaped line."""
    from convert.recover.contents import find_contents

    texts = ["Contents", "Opening Remarks", "Keynote Address", "Panel Discussion", "Closing Session", "", "2", "",
             "training programmes. He concluded that", "the number of households with water", "rose in 2006.", "",
             "Opening Remarks", "", "The panel met.", "Keynote Address", "", "Training", "", "for", "", "the offices",
             "", "Panel Discussion", "", "The panel met again.", "", "Closing Session", "", "The chair closed it."]
    lines = [Line(i + 1, text, 1 if i < 7 else 2) for i, text in enumerate(texts)]
    found = find_contents(lines)
    assert found is not None and sorted(found.indexes) == [0, 1, 2, 3, 4]


def test_an_unnumbered_contents_keeps_a_wrapped_entrys_line_whose_heading_came_out_broken():
    """The body's heading of a wrapped entry came out broken up (pdfminer boxed its words
    apart): the entry's second line stands nowhere again, but the entry after it does."""
    from convert.recover.contents import find_contents

    texts = ["Contents", "Opening Remarks", "Rural Development and Pension Reform: Evidence, Institutions and the",
             "Long Road to Implementation", "Closing Remarks", "", "Opening Remarks", "", "The panel met.", "",
             "Rural Development and Pension Reform:", "Evidence,", "to", "Institutions and the Long Road",
             "Implementation", "", "The keynote was given.", "", "Closing Remarks", "", "The chair closed the meeting."]
    lines = [Line(i + 1, text, 1 if i < 6 else 2) for i, text in enumerate(texts)]
    found = find_contents(lines)
    assert found is not None and sorted(found.indexes) == [0, 1, 2, 3, 4]
    # One with no entry after it is no entry's.
    texts[4] = "Closing Words"
    found = find_contents([Line(i + 1, text, 1 if i < 6 else 2) for i, text in enumerate(texts)])
    assert found is not None and sorted(found.indexes) == [0, 1, 2]


def test_a_heading_whose_words_the_extractor_printed_out_of_order_takes_its_entrys_order():
    # pdfminer boxed a justified heading's words apart and printed the boxes out of order; the
    # contents entry gives the order. No word is lost: the heading is the entry's words.
    contents = ("Contents\n\nOpening Remarks ........ 2\n"
                "Rural Development and Pension Reform: Evidence, Institutions and the Long Road ........ 3\n\f")
    body = ("Opening Remarks\n\nThe panel met in the spring and agreed on the plan.\n\n"
            "Rural Development and Pension Reform:\nInstitutions and the Long\n\nEvidence,\n\nRoad\n\n"
            "The chair closed the meeting.\n")
    result = normalize(contents + body)
    assert [b.title for b in result.document.blocks] == [
        "Opening Remarks", "Rural Development and Pension Reform: Evidence, Institutions and the Long Road"]
    assert [d.code for d in result.diagnostics].count("heading-reordered") == 1
    # A heading that opens otherwise than its entry (its words those of an entry's pieces a
    # contents page printed by kind joined in any order) keeps its own order.
    other = body.replace("Rural Development and Pension Reform:\nInstitutions and the Long\n\nEvidence,\n\nRoad\n",
                         "Evidence, Institutions and the Long Road\nRural Development and Pension Reform:\n")
    assert "heading-reordered" not in [d.code for d in normalize(contents + other).diagnostics]


def test_a_heading_whose_pieces_end_in_a_colon_takes_its_entrys_order():
    # pdftotext cut a justified heading a word per line and gave them out of order; a piece that
    # ends in the title's colon ("1:") ends no sentence: the run goes on to the heading's end.
    contents = "Contents\n\nOpening Remarks ........ 2\nSession 1: Lessons from Lyon ........ 3\n\f"
    body = ("Opening Remarks\n\nThe panel met in the spring and agreed on the plan.\n\n"
            "Session\nLyon\n\n1:\n\nLessons\n\nfrom\n\nThe chair closed the meeting.\n")
    result = normalize(contents + body)
    assert [b.title for b in result.document.blocks] == ["Opening Remarks", "Session 1: Lessons from Lyon"]
    assert [d.code for d in result.diagnostics].count("heading-reordered") == 1


def test_a_contents_entry_wrapped_around_its_page_numbers_is_one_title():
    # pdfminer printed the entries, then their leaders and page numbers, then the last entry's
    # second line ("and the Long Road ..."): it goes on in lowercase, the title of no entry of
    # its own, and the body's heading wrapped over five lines is the whole entry's.
    contents = ("Contents\n\nOpening Remarks\nKeynote Presentation\n"
                "Urban Resilience and Energy Transition: Evidence, Institutions\n\n"
                "..............................\n..............................\n\n3\n5\n7\n\n"
                "and the Long Road to Implementation\n\n..................\n\n7\n\f")
    body = ("Opening Remarks\n\nThe panel met in the spring and agreed on the plan.\n\n"
            "Keynote Presentation\n\nThe keynote was given by the minister at the opening.\n\n"
            "Urban Resilience and\nEnergy Transition:\nEvidence, Institutions\nand the Long Road to\n"
            "Implementation\n\nThe chair closed the meeting.\n")
    result = normalize(contents + body)
    assert [b.title for b in result.document.blocks] == [
        "Opening Remarks", "Keynote Presentation",
        "Urban Resilience and Energy Transition: Evidence, Institutions and the Long Road to Implementation"]


def test_a_title_printed_before_its_on_line_is_the_title():
    # pdfminer gives a title set large before the "On" that introduces it; after "On" come only
    # the date, time and compiler. The line before "On" is the title, not body text.
    text = ("Network of Water Researchers\n\npresent\n\nMs. Ana Ruiz\nDirector, Centre for Water Studies\n\n"
            "Water Policy after the Drought\n\nOn\n\n3 March 2024\n\n14:00-16:00 (Lyon)\n\n"
            f"Report compiled by Ben Okafor\n\nOpening Remarks\n{_WRAPPED_60}")
    result = normalize(text)
    meta = result.document.meta
    assert (meta.title, meta.organizers, meta.date) == ("Water Policy after the Drought",
                                                         ("Network of Water Researchers",), "2024-03-03")
    assert [type(block).__name__ for block in result.document.blocks] == ["Section"]
    assert "title-before-on" in {d.code for d in result.diagnostics}


def test_a_title_line_wider_than_any_line_of_running_text_is_a_heading_over_it():
    # pdftotext prints a long title set over a wider measure than the text on one line: longer
    # than any line of running text, so no word "would have fitted" after it; it is a heading
    # however many words it has, after a blank line or straight after a sentence's end.
    paragraph = ("Delegates noted that only a third of the districts in the basin had\n"
                 "reliable gauges in 2021. The regional offices were starting to rebuild\n"
                 "the network of stations, particularly in the uplands and on the coast.\n"
                 "The basin authorities spent USD 41.5 million on new gauges and training\n"
                 "between 2009 and 2015, and the donors a further USD 12.8 million later.\n")
    title = "Gauges and Stations in the Upper Basin: Evidence, Institutions and the Long Road to the Coast"
    after = ("Participants agreed that the regional offices would share their data\n"
             "with the basin authorities every month, starting in the spring of 2025.\n"
             "The donors would review the network of stations again in two years.\n")
    for gap in ("\n", ""):
        doc = normalize(f"Opening Remarks\n{paragraph}{gap}{title}\n{after}").document
        assert [s.title for s in doc.blocks if isinstance(s, n.Section)] == ["Opening Remarks", title]
        assert n.plain_text(doc.blocks[1].blocks[0].inlines).startswith("Participants agreed")
    # A title-shaped line no wider than the text is the paragraph's first line, as before.
    running = normalize(f"Opening Remarks\n{paragraph}\nThe Regional Water Authority and the Basin Office of the Valley\n"
                        + after.replace("Participants agreed", "representatives agreed")).document
    assert [s.title for s in running.blocks if isinstance(s, n.Section)] == ["Opening Remarks"]


def test_a_title_wrapped_over_the_running_text_below_it_is_a_heading():
    """No blank line, no usual form, no contents page: two title-shaped lines, ended on purpose,
    over running text that fills its lines."""
    paragraph = ("Participants acknowledged that school-feeding schemes could be reviewed by the private\n"
                 "operators. At the same time, only 56 per cent of households in the region had credit\n"
                 "in 2018, and the share of clinics with water had not changed since the last review of\n"
                 "the plan.\n")
    text = ("Opening Remarks\n" + paragraph + "From Pilot Projects to National Programmes: Planning Household\n"
            "Energy across East Africa\n" + paragraph)
    sections = normalize(text).document.blocks
    assert [s.title for s in sections] == ["Opening Remarks", "From Pilot Projects to National Programmes: "
                                                              "Planning Household Energy across East Africa"]
    assert n.plain_text(sections[1].blocks[0].inlines).startswith("Participants acknowledged")
    # Not a title: what a parenthesis or phrase left open goes on with, nor an affiliation's end
    # over a page break.
    for lines in ("Municipalities of the Republic of\nKorea, Windhoek)\n",
                  "Energy Transition and Tax Administration:\n"):
        sections = normalize("Opening Remarks\n" + paragraph + lines + paragraph).document.blocks
        assert [s.title for s in sections] == ["Opening Remarks"], lines
    speaker = ("Opening Remarks\nMs. Meron Haile\nCoordinator of the Labour Markets Programme at the Bergen Centre for\n"
               "Page 2\n\fStudies\n" + paragraph + "Page 3\n\f" + paragraph)
    speech = normalize(speaker).document.blocks[0].blocks[0]
    assert speech.speaker.affiliation.endswith("Bergen Centre for Studies")


_TITLE = "Session 3: Energy Transition and Tax Administration: Evidence, Institutions and the Long Road to Implementation"


@pytest.mark.parametrize("heading", [
    # Into a lower-case line and a colon, while the lines together are title-shaped.
    "Session 3: Energy Transition\nand Tax Administration:\nEvidence, Institutions and the\nLong Road to Implementation",
    # The first line ends in its colon, and the heading runs on past its second line.
    "Session 3: Energy Transition and Tax Administration:\nEvidence, Institutions and the Long Road to\n"
    "Implementation",
    # The first line ends in a comma, and the two lines are longer than a heading's one line.
    "Session 3: Energy Transition and Tax Administration: Evidence,\nInstitutions and the Long Road to Implementation"])
def test_a_numbered_heading_wrapped_over_several_lines(heading):
    text = (f"{heading}\nDr. Valentina Quispe (Executive Secretary, Ministry of\nHealth, Government of Estonia)\n"
            "Dr. Quispe opened the session.\n")
    section = normalize(text).document.blocks[0]
    assert (section.title, section.blocks[0].speaker.name) == (_TITLE, "Dr. Valentina Quispe")
    # Over text set wider than the heading's lines, the speaker's affiliation on a line of its own.
    text = (f"{heading}\nDr. Valentina Quispe\nExecutive Secretary, Ministry of Health, Government of Estonia\n"
            "Dr. Quispe suggested that household surveys – often overlooked in national strategies – must be\n"
            "reviewed by community organisations. According to recent figures, the procurement of equipment\n"
            "should be reviewed by the councils.\n")
    section = normalize(text).document.blocks[0]
    assert (section.title, section.blocks[0].speaker.name) == (_TITLE, "Dr. Valentina Quispe")


@pytest.mark.parametrize("heading, title", [
    ("Part IV Panel\nDiscussion", "Part IV Panel Discussion"),  # its last word and the line: a usual name
    ("Part IV\nPanel Discussion", "Part IV Panel Discussion"),  # a bare number, then its title
    ("Session 3:\nQuestions and Answers", "Session 3: Questions and Answers")])
def test_a_numbered_heading_goes_on_into_a_usual_name(heading, title):
    text = (f"Opening Remarks\nThe chair opened the meeting.\n{heading}\nDr. Valentina Quispe\n"
            "Executive Secretary, Ministry of Health\nDr. Quispe opened the discussion.\n")
    sections = normalize(text).document.blocks
    assert [section.title for section in sections] == ["Opening Remarks", title]
    assert sections[1].blocks[0].speaker.name == "Dr. Valentina Quispe"
    # Two headings in a row stay two: the first ends on a word that makes no name with the next.
    text = text.replace(heading, "Part II Keynote Address\nDiscussion")
    assert [section.title for section in normalize(text).document.blocks] == \
        ["Opening Remarks", "Part II Keynote Address", "Discussion"]


def test_a_title_over_text_after_a_paragraph_that_went_on_over_a_page_break():
    """The paragraph before the title opened where the page before broke off mid-sentence; the
    title's own block opens after it on the same page, and is read as any title over text."""
    wrapped = ["The basin authorities agreed on a common plan for the decade ahead and asked",
               "the donors for support. The plan covers all the rivers of the region, and the"]
    pages = ["Water Report\nOpening Remarks\n" + "\n".join(wrapped * 2) + "\nPage 1 of 2",
             "Water Report\nmembers adopted it in the spring session of the council.\n"
             "Scaling Community Clinics in the Nordic Countries\n"
             "Participants stressed that only 42 per cent of the schools in the region had\n"
             "basic sanitation in 2023, and that the share of farms without credit fell.\nPage 2 of 2"]
    sections = normalize("\n\f".join(pages)).document.blocks
    assert [section.title for section in sections] == ["Opening Remarks",
                                                       "Scaling Community Clinics in the Nordic Countries"]
    assert len(sections[0].blocks) == 1  # the paragraph went on over the break


def test_running_text_after_a_numbered_heading_is_no_part_of_it():
    text = "Session 2: Water Governance\nand the panel agreed that it was so.\n"
    assert [b.title for b in normalize(text).document.blocks if isinstance(b, n.Section)] != \
        ["Session 2: Water Governance and the panel agreed that it was so."]


def test_a_title_over_running_text_in_a_narrow_column_over_five_short_lines():
    column = ("Participants explained that municipal\nutilities would need to pool resources for\n"
              "the collection of property taxes, partic-\nularly in secondary cities. By 1995, only\n"
              "34 per cent of businesses had water.\n")
    text = ("Opening Remarks\n" + column + "\nFrom Pilot Projects to\nNational Programmes:\nGoverning Secondary\n"
            "Cities across the Andean\nRegion\n" + column)
    sections = normalize(text).document.blocks
    assert [s.title for s in sections][1:] == ["From Pilot Projects to National Programmes: Governing Secondary "
                                               "Cities across the Andean Region"]


def test_a_title_in_larger_type_over_running_text_ends_on_a_line_of_any_length():
    # "The Role of Development" left room for "Partners": the title is set larger than the text,
    # and its last line, however many characters it holds, ended it ("Participants" would not
    # have fitted after it in characters; the running text goes on, stretched, after it).
    column = ("Participants  explained  that  municipal  utilities\nwould need to pool resources for the collection\n"
              "of property taxes, particularly in secondary\ncities. By 1995, only 34 per cent of businesses\n"
              "had water in 2020.\n")
    text = "Opening Remarks\n" + column + "The Role of Development\nPartners in Public Health Systems\n" + column
    sections = normalize(text).document.blocks
    assert [s.title for s in sections] == ["Opening Remarks",
                                           "The Role of Development Partners in Public Health Systems"]
    # Its first line full, it is running text's: no title; nor are lines in capitals, short in
    # characters for their width.
    full = text.replace("The Role of Development\nPartners", "The Role of Development Partners in the\nPartners")
    capitals = text.replace("The Role of Development\nPartners in Public Health Systems",
                            "THE CENTRE IS NOT A LAW\nFIRM AND DOES NOT GIVE ANY LEGAL ADVICE")
    for other in (full, capitals):
        assert [s.title for s in normalize(other).document.blocks] == ["Opening Remarks"]


def test_an_affiliation_in_parentheses_goes_on_until_they_close():
    # A justified narrow column: pdftotext wrote the stretched line's words one a line.
    text = ("Opening Remarks\nMrs. Johanna Vogel (Vice-Chair at\nAssociation\nof\nMunicipalities\nof Indonesia)\n"
            "Mrs. Vogel opened the meeting and thanked the hosts.\n")
    speech = normalize(text).document.blocks[0].blocks[0]
    assert (speech.speaker.name, speech.speaker.affiliation) == \
        ("Mrs. Johanna Vogel", "Vice-Chair at Association of Municipalities of Indonesia")


def test_a_title_wrapped_after_a_comma_at_a_pages_top_before_a_speaker_is_one_heading():
    # No usual heading form: only its shape and the speaker after it tell the title, whose first
    # line ends on a comma (a running header and a page break stand before it).
    text = ("Opening Remarks\nMs. Ana Ruiz\nDirector, Basin Council\n"
            "Ms. Ruiz said that the councils would meet again in the spring, after the\n"
            "elections of the boards of the utilities that share the rivers of the region.\n\n"
            "Water Rights and Coastal Towns: Evidence,\nLessons and the Way Ahead\nMr. Tomas Berg\n"
            "Professor of Law, University of the Coast\n"
            "Mr. Berg recalled that the towns had shared the water of the rivers for years.\n")
    titles = [b.title for b in normalize(text).document.blocks if isinstance(b, n.Section)]
    assert titles[-1] == "Water Rights and Coastal Towns: Evidence, Lessons and the Way Ahead"


def test_a_title_broken_at_a_pages_foot_after_a_comma_goes_on_at_the_next_pages_top():
    # The title's first lines end a page on a comma; the rest opens the next page, a speaker
    # after it. pypdf writes the page's footer and the next one's header between, no form feed.
    page_1 = ("Ms. Ruiz said that the councils would meet again in the spring, after the\n"
              "elections of the boards.\n"
              "She added that the utilities that share the rivers of the region had agreed\n"
              "on a common plan.\n")
    page_2 = ("The towns on the coast asked for a share of the water of the upper basin in\n"
              "the dry months.\n"
              "The board noted that the reviews of the plan would follow in the autumn, as\n"
              "agreed.\n")
    text = ("Opening Remarks\nMs. Ana Ruiz\nDirector, Basin Council\n" + page_1
            + "Page 1 of 3\nBasin Council Report\n" + page_2
            + "Water Rights and Coastal\nTowns: Evidence,\nPage 2 of 3\nBasin Council Report\n"
            "Lessons and the Long Road\nto the Sea\nMr. Tomas Berg\nProfessor of Law, University of the Coast\n"
            "Mr. Berg recalled that the towns had shared the water of the rivers for years.\n"
            "Page 3 of 3\n")
    result = normalize(text)
    sections = [b for b in result.document.blocks if isinstance(b, n.Section)]
    assert [section.title for section in sections] == [
        "Opening Remarks", "Water Rights and Coastal Towns: Evidence, Lessons and the Long Road to the Sea"]
    assert n.plain_text(sections[0].blocks[0].blocks[-1].inlines).endswith("in the autumn, as agreed.")


def test_a_title_over_four_lines_before_a_speaker_and_a_numbered_heading_through_a_comma():
    """A narrow column: the title wraps over four lines after an item whose marker was lost;
    a numbered heading wraps at a comma inside it. A speaker follows each."""
    text = ("Opening Remarks\nThe steps were these, in the order given:\nA fund for public transport in close\n"
            "consultation with residents\nFrom Pilot Projects to National\nProgrammes: Financing\n"
            "Regional Rail Links across the\nMekong Basin\nMrs. Svetlana Morozova\nDeputy Director, Tampere School\n"
            "Mrs. Morozova opened the session.\n\nSession 4: Migration\nResearch and\nGroundwater\n"
            "Management: Evidence,\nInstitutions and the Long\nRoad to Implementation\n"
            "Dr. Otieno Mwangi, Coordinator of the Programme\nDr. Mwangi closed it.\n")
    titles = [b.title for b in normalize(text).document.blocks if isinstance(b, n.Section)]
    assert titles[1:] == ["From Pilot Projects to National Programmes: Financing Regional Rail Links across the "
                          "Mekong Basin", "Session 4: Migration Research and Groundwater Management: Evidence, "
                          "Institutions and the Long Road to Implementation"]


def test_a_blank_line_after_a_line_that_goes_on_is_a_text_boxs_edge():
    # pdfminer prints a page as text boxes with a blank line between them; LibreOffice sets a
    # numbered item's first line (its hanging indent) in a box of its own. Ended with the space
    # drawn where it wrapped, that line goes on past the blank line; a line without it ends there.
    def text_of(end: str) -> str:
        return ("Opening Remarks\n\n"
                "The basin authorities agreed on a common plan for the decade ahead and \n"
                "asked the donors for their support over the many years of its work. \n"
                "The members listed their requests:\n\n"
                f"1. As one member put it, the plan must be funded before the spring.{end}\n\n"
                "However, the donors asked for a review of the plan and its costs before \n"
                "the next budget cycle.\n\n"
                "2. The data of every station must be shared with all the offices.\n\n"
                "The chair closed the meeting and thanked the members for their work.\n")

    def blocks(end: str) -> list[tuple[str, object]]:
        return _texts(normalize(text_of(end)).document.blocks[0].blocks)

    assert blocks(" ")[1] == ("OrderedList", [
        "As one member put it, the plan must be funded before the spring. However, the donors asked for a "
        "review of the plan and its costs before the next budget cycle.",
        "The data of every station must be shared with all the offices."])
    # Without it, the item ends there: the paragraph after it, before item 2, is item 1's second.
    without = normalize(text_of("")).document.blocks[0].blocks[1]
    assert [[n.plain_text(b.inlines) for b in item.blocks] for item in without.items] == [
        ["As one member put it, the plan must be funded before the spring.",
         "However, the donors asked for a review of the plan and its costs before the next budget cycle."],
        ["The data of every station must be shared with all the offices."]]
    # In a PDF read with its type, a blank line is a gap drawn on the page: it parts blocks.
    for size, chunks in ((0.0, 1), (10.0, 2)):
        lines = [Line(1, "The basin authorities agreed on a common plan for the decade", size=size, stretched=True),
                 Line(2, ""), Line(3, "However, the donors asked for a review of the plan.", size=size)]
        assert len(group_blocks(lines).chunks) == chunks


def test_a_ragged_block_in_a_justified_dump_ends_where_a_sentence_ends_without_the_space():
    # LibreOffice justifies the text (few wrapped lines end in a space) but sets a list's items
    # ragged: each wrapped line of an item ends in the space, its last line does not. A sentence
    # ended so, well short of the lines before it, ends the item, whatever word comes next.
    wrapped = textwrap.wrap(" ".join(["The members of the board agreed on a plan for the basin and its rivers."] * 30),
                            72)
    body = "".join(f"{line} \n" if number % 10 == 0 else f"{line}\n" for number, line in enumerate(wrapped))

    def blocks(end: str) -> list[tuple[str, object]]:
        text = (f"Opening Remarks\n{body}The chair set out two priorities:\n"
                "\u2022 Joint funding of the training programmes \n"
                "\u2022 In practice, the offices had failed to share the data of every one \n"
                "of the stations with the utilities and the boards before the end of the \n"
                f"spring, as the members of the board had asked them to do twice.{end}\n"
                "Participants recalled that the surveys were late and that the boards of\n"
                "the utilities had asked for them twice.\n")
        return _texts(normalize(text).document.blocks[0].blocks)

    assert blocks("")[-2:] == [
        ("BulletList", ["Joint funding of the training programmes", "In practice, the offices had failed to share "
                        "the data of every one of the stations with the utilities and the boards before the end of the "
                        "spring, as the members of the board had asked them to do twice."]),
        ("Para", "Participants recalled that the surveys were late and that the boards of the utilities had asked for "
                 "them twice.")]
    assert blocks(" ")[-1][0] == "BulletList"


def test_an_introduction_wrapped_onto_a_line_of_its_own_still_introduces():
    # "The discussion identified several" / "concerns:": the colon ends running text in
    # lowercase, no title-page label ("Venue:"); what it introduces starts a block after it.
    text = (f"Opening Remarks\n{_WRAPPED_60}The discussion identified several\nconcerns:\n"
            "In practice, the offices had failed to share the data of\nevery station before the spring.\n"
            "The chair closed the meeting.\n")
    assert _texts_after_the_first(text)[0] == ("Para", "The discussion identified several concerns:")


def test_a_list_read_from_its_phrases_ends_before_a_title_over_a_speaker():
    # A list whose markers the text does not show runs to its last phrase: never across a
    # heading wrapped at a hyphen over a speaker, to a phrase in the speech after it.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair listed the priorities:\nBetter data on the rivers\n"
            "Summary of the Debate and the Way For-\nward\nMr. Omar Haddad (Chair, River Board)\n"
            "Mr. Haddad closed the meeting.\nJoint funding of the training\n"
            "Participants recalled that the surveys were late.\n")
    blocks = normalize(text).document.blocks
    assert [block.title for block in blocks] == ["Opening Remarks", "Summary of the Debate and the Way Forward"]
    assert blocks[1].blocks[0].speaker.name == "Mr. Omar Haddad"


def test_a_name_alone_on_a_line_that_wrapped_into_lowercase_opens_a_paragraph_not_a_speech():
    # A narrow column: "Mr. Lee Okafor" and the next word did not fit on one line. The name
    # opens the speaker's paragraph; so it does where the word would have fitted (a wide letter
    # or a wide font): no speech opens in lowercase.
    opening = "\n".join(textwrap.wrap("The council met on Monday and agreed that the basin plan would need to be "
                                       "reviewed by the regional offices before the end of the year, and that the "
                                       "data of every station would be shared with the utilities.", 24))
    column = ("Mr. Lee Okafor\n(Director, Basin\nOffice of Lagos)\nMr. Lee Okafor\nacknowledged that the\n"
              "offices had failed to\nshare the data of the\nstations before the\nspring.\n")
    speeches = normalize(f"Opening Remarks\n{opening}\n{column}").document.blocks[0].blocks[1:]
    assert [(speech.speaker.name, speech.speaker.affiliation) for speech in speeches] == [
        ("Mr. Lee Okafor", "Director, Basin Office of Lagos")]
    assert [n.plain_text(para.inlines) for para in speeches[0].blocks] == [
        "Mr. Lee Okafor acknowledged that the offices had failed to share the data of the stations before the spring."]
    wide = column.replace("Mr. Lee Okafor\nacknowledged", "Mr. Lee Okafor\nsaid")
    speeches = normalize(f"Opening Remarks\n{opening}\n{wide}").document.blocks[0].blocks[1:]
    assert [speech.speaker.name for speech in speeches] == ["Mr. Lee Okafor"]
    assert n.plain_text(speeches[0].blocks[0].inlines).startswith("Mr. Lee Okafor said that the offices")
    # So too a name and the comma after it ("Mr. Lee Okafor," / "whose office ...").
    whose = column.replace("Mr. Lee Okafor\nacknowledged", "Mr. Lee Okafor,\nwhose office said")
    speeches = normalize(f"Opening Remarks\n{opening}\n{whose}").document.blocks[0].blocks[1:]
    assert [speech.speaker.name for speech in speeches] == ["Mr. Lee Okafor"]
    assert n.plain_text(speeches[0].blocks[0].inlines).startswith("Mr. Lee Okafor, whose office said that")


def test_a_stray_word_goes_on_with_the_running_text_next_to_it():
    # pdfminer prints a word it took out of a justified line as a box of its own: in lowercase,
    # between blank lines. It goes with the text after it on its page, else with the text before.
    def paragraphs(stray_before: str) -> list[str]:
        text = ("Opening Remarks\n\nThe council met on Monday and agreed that the basin plan would need to be\n"
                "reviewed by the regional offices before the end of the year.\n\n"
                f"{stray_before}\n\nParticipants noted that the data of every station would be shared.\n\n"
                "invest\n\nPage 2\n\fClosing Remarks\n\nThe chair thanked the members of the board.\n")
        return [n.plain_text(block.inlines) for block in normalize(text).document.blocks[0].blocks]

    assert paragraphs("to") == [
        "The council met on Monday and agreed that the basin plan would need to be reviewed by the regional "
        "offices before the end of the year.",
        "to Participants noted that the data of every station would be shared. invest"]
    assert len(paragraphs("as the chair put it")) == 3  # more words: a paragraph of its own


def test_a_line_back_at_the_margin_after_an_items_set_in_lines_opens_a_paragraph():
    # pdftotext -layout: a list item's lines set in under its marker, then the text back at the
    # margin. The next word would not have fitted after the item's last line; the indent tells.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair set out two priorities:\n"
            "  \u2022 The data of every station must be shared with all the\n"
            "    offices, the utilities and the boards of the river basin\n"
            "    before the end of the spring, as the members had asked.\n"
            "Participants recalled that the surveys were late and that the\n"
            "boards had asked for them twice.\n")
    assert _texts_after_the_first(text)[-2:] == [
        ("BulletList", ["The data of every station must be shared with all the offices, the utilities and the boards "
                        "of the river basin before the end of the spring, as the members had asked."]),
        ("Para", "Participants recalled that the surveys were late and that the boards had asked for them twice.")]
    # A paragraph's first line set in, the next back at the margin, is no such block.
    text = (f"Opening Remarks\n{_WRAPPED_60}   The chair set out two priorities, and the members\n"
            "agreed on them.\n")
    assert len(_texts_after_the_first(text)) == 1


def test_an_affiliation_breaking_a_word_goes_on_after_a_blank_line():
    # pdfminer sets each of an italic role's lines in a text box of its own, a blank line
    # between: the word the role broke at its end ("Ko-" / "rea") goes on after the blank, and
    # the speech begins on the line after the role's last.
    text = ("Opening Remarks\n\nDr. Ana Ruiz\n\nDirector-General, Water Policy Forum of the Republic of Ko-\n\n"
            "rea\n\nDr. Ruiz recalled that the surveys would be reviewed by the utilities of the region.\n\n"
            "Mr. Li Wei\n\nProgramme Officer, Southern Institute for Migration Research; Mem-\n\n"
            "ber of the Joint Council on Fiscal Policy\n"
            "Mr. Li observed that only 21 per cent of the clinics had running water in 2021.\n")
    result = normalize(text)
    first, second = result.document.blocks[0].blocks
    assert first.speaker.affiliation == "Director-General, Water Policy Forum of the Republic of Korea"
    assert [n.plain_text(b.inlines)[:9] for b in first.blocks] == ["Dr. Ruiz "]
    assert second.speaker.affiliation == ("Programme Officer, Southern Institute for Migration Research; "
                                          "Member of the Joint Council on Fiscal Policy")
    assert [n.plain_text(b.inlines)[:8] for b in second.blocks] == ["Mr. Li o"]


def test_an_introducing_line_longer_than_the_usual_line_of_a_narrow_column():
    # In a narrow column the usual (median) line is well short of the longest: a line ending in
    # a colon that is longer than it still introduces the list whose phrases follow, and the
    # items are told apart by their short, unpunctuated last lines.
    opening = textwrap.fill("The chair opened the meeting and thanked the hosts of the seminar for their warm "
                            "welcome. The council had agreed on the plan for the basin after a long debate on "
                            "the costs of the new pumps and the wells of the smaller towns along the river, "
                            "and the members asked the secretariat to report on it every year.", 34)
    text = ("Opening Remarks\n\n" + opening + "\nThe council set out three priorities:\n"
            "Better data on water for\nthe smaller towns\nA fund for the repair of\nthe pumps\nNew wells\n"
            "Participants noted that the towns\nhad failed to invest in the pumps.\n")
    result = normalize(text)
    assert [n.plain_text(b.inlines) for b in result.document.blocks[0].blocks[-3:]] == [
        "A fund for the repair of the pumps", "New wells",
        "Participants noted that the towns had failed to invest in the pumps."]
    assert [d.line for d in result.diagnostics if d.code == "item-unpunctuated"] == [16, 18, 19]


def _justified(text: str, width: int) -> str:
    """Return ``text`` set in a justified column ``width`` characters wide, as pypdf gives one:
    the spaces of each line but the last widened to the column's edge."""
    lines = textwrap.wrap(text, width)
    out = []
    for line in lines[:-1]:
        words, extra = line.split(), width - len(line)
        for index in range(extra):
            words[index % (len(words) - 1)] += " "
        out.append(" ".join(words))
    return "\n".join(out + lines[-1:])


def test_a_paragraph_ending_with_room_left_in_a_column_of_forty_characters():
    # "bring it to them in 2009." and "Delegations" would fit in 40 characters less the 5% the
    # character count leaves for a proportional face; the room the letters take says it would.
    paragraphs = ["The council agreed that the figures would be published every week for every district of the "
                  "basin, and that the utilities would report on the pumps. Only 53 per cent of the households in "
                  "the smaller towns had running water in 2006.",
                  "Participants recalled that the households of the smaller towns had waited for running water for "
                  "many years, and that the new plan would at last bring it to them in 2009.",
                  "Delegations welcomed the report of the secretariat on the costs of the wells along the river and "
                  "asked for a second one by the end of the year."]
    text = "Opening Remarks\n\n" + "\n".join(_justified(paragraph, 40) for paragraph in paragraphs) + "\n"
    blocks = normalize(text).document.blocks[0].blocks
    assert [n.plain_text(b.inlines) for b in blocks] == paragraphs


def test_an_indented_list_goes_on_at_the_next_pages_own_margin():
    # A layout dump sets each page off by its own margin: on the next page the list's last item
    # stands at another column, still set in past the text that follows it there.
    text = ("Opening Remarks\n"
            "   The chair opened the meeting and thanked the hosts for their warm welcome.\n"
            "   The discussion identified several concerns:\n\n"
            "       For that reason, the councils should rethink the collection of taxes\n"
            "       before the next budget cycle.\n"
            "       Only 66 per cent of farms had basic sanitation in 2020.\n\n"
            "                                      1\n"
            "\f     Regular reviews of water testing in the towns along the river.\n\n"
            "  Participants recalled that the surveys would be reviewed by the utilities.\n"
            "  The chair closed the meeting.\n\n"
            "                                      2\n")
    assert _items_between_paragraphs(normalize(text).document.blocks[0].blocks) == ["For", "Only", "Regular"]
    # A first line on the next page that goes on with an unfinished item is no new item: the
    # item goes on there, even where that line opens with a dash (an aside, no marker), and the
    # list with it, its next item after a line ended on purpose.
    for rest in ("regular reviews", "– regular reviews"):
        broken = normalize(text.replace("in 2020.\n", "in the towns and the hills of\n")
                           .replace("     Regular reviews", f"     {rest}")
                           .replace("along the river.\n", "along the river.\n     Joint funding of river offices\n"))
        blocks = broken.document.blocks[0].blocks
        assert [type(b).__name__ for b in blocks] == ["Para", "BulletList", "Para"]
        assert [n.plain_text(item.blocks[0].inlines) for item in blocks[1].items][1:] == [
            f"Only 66 per cent of farms had basic sanitation in the towns and the hills of {rest} of water testing "
            "in the towns along the river.", "Joint funding of river offices"]


def test_an_indented_list_opens_the_next_page_and_counts_the_items_announced():
    # The introducing line ends a page (its number follows, set apart by blank lines); the list
    # opens the next page, set in past the text. The introduction announces four items: a
    # phrase that filled its line ("... over the decade") ends before a line that opens with a
    # capital, and that makes the count.
    body = ("   The chair opened the meeting and thanked the hosts for their warm welcome, and the\n"
            "councils of the basin for the data of their stations, which were shared in the spring.\n")
    text = ("Opening Remarks\n" + body + body + "   The chair set out four priorities:\n\n\n\n"
            "                                         1\n\n\n\f"
            "     A fund for the collection of property taxes in the towns of the basin over the decade\n"
            "     Clearer rules for the household surveys\n"
            "     Moreover, only a third of the stations along the river were tested by the offices\n"
            "     in 2024. The data were shared with the offices.\n"
            "     Since 2005, the councils should strengthen the testing of wells.\n\n"
            "    Participants recalled that the surveys would be reviewed by the utilities.\n"
            "\n                                         2\n")
    def first_words(text: str) -> list[str]:
        blocks = normalize(text).document.blocks[0].blocks
        assert [type(b).__name__ for b in blocks][-2:] == ["BulletList", "Para"]
        return [n.plain_text(item.blocks[0].inlines).split()[0] for item in blocks[-2].items]

    assert first_words(text) == ["A", "Clearer", "Moreover,", "Since"]
    # Announcing three, the count the text shows without the phrase's end, the list keeps it.
    assert first_words(text.replace("four priorities", "three priorities")) == ["A", "Moreover,", "Since"]


def test_a_role_on_the_speakers_line_goes_on_in_a_text_box_of_its_own():
    # pdfminer sets the wrapped part of the speaker's line in a text box of its own.
    text = ("Opening Remarks\n\nMr. Le Van Minh, Executive Secretary, Ministry of Housing and Urban\n\n"
            "Affairs, Government of Chile\n\n"
            "Mr. Le pointed out that the share of small enterprises without credit fell by 4.7 points.\n\n"
            "Dr. Ana Ruiz (Chief Economist, University of Da Nang)\n\nAmbassador\n\n"
            "Dr. Ruiz recalled that the surveys would be reviewed by the utilities of the region.\n")
    first, second = normalize(text).document.blocks[0].blocks
    assert first.speaker.affiliation == ("Executive Secretary, Ministry of Housing and Urban Affairs, "
                                         "Government of Chile")
    assert [n.plain_text(b.inlines)[:6] for b in first.blocks] == ["Mr. Le"]
    # A role its parentheses closed is whole: what stands apart after it is no part of it.
    assert second.speaker.affiliation == "Chief Economist, University of Da Nang"


def test_a_role_standing_apart_goes_on_at_the_head_of_the_speechs_text():
    # pdfminer ends the role's text box early: its last words open the box of the speech's text.
    text = ("Opening Remarks\n\nDr. Ana Ruiz\n\n"
            "Senior Adviser on Water Governance at Social Protection Policy Forum\n\n"
            "of Finland\nDr. Ruiz explained that only 49 per cent of the schools had piped water in 2008.\n\n"
            "Prof. Helmi Virtanen\n\nDirector-General, Metropolitan Commission on Labour Markets;\n\n"
            "Member of the Open Council on Education Equity\n"
            "Prof. Virtanen pointed out that the utilities were expected to renegotiate the tariffs.\n\n"
            "Mr. Rumi Huanca (Lecturer in\nEpidemiology, Association of\n\n"
            "Ms. Lea Adler (Deputy Director at Civic Commission on Climate Adaptation)\n"
            "Ms. Adler acknowledged that the plans were late.\n")
    first, second, third, fourth = normalize(text).document.blocks[0].blocks
    assert first.speaker.affiliation == ("Senior Adviser on Water Governance at Social Protection Policy Forum "
                                         "of Finland")
    assert [n.plain_text(b.inlines)[:8] for b in first.blocks] == ["Dr. Ruiz"]
    assert second.speaker.affiliation == ("Director-General, Metropolitan Commission on Labour Markets; "
                                          "Member of the Open Council on Education Equity")
    assert [n.plain_text(b.inlines)[:14] for b in second.blocks] == ["Prof. Virtanen"]
    # A speaker's line is no part of the role before it, however unfinished that role is.
    assert third.speaker.name == "Mr. Rumi Huanca" and fourth.speaker.name == "Ms. Lea Adler"


def test_a_role_a_page_break_cut_goes_on_at_the_next_pages_top():
    # The role's last word stands at the next page's top, after the running header and the
    # page number, then the speech: the word is the role's, the speech opens with the speaker.
    body = ("The council met on Monday and agreed that the basin plan would be reviewed by the\n"
            "regional offices before the end of the year, as the ministry had asked.\n")
    text = (f"Basin Report\nOpening Remarks\n{body}Page 1\n\f"
            f"Basin Report\n{body}Ms. Meron Haile\n"
            "Coordinator of the Labour Markets Programme at Bergen Centre for Coastal Management\nPage 2\n\f"
            "Basin Report\nStudies\nMs. Haile observed that the councils were beginning to review the plans.\n"
            f"{body}Page 3\n")
    speech = normalize(text).document.blocks[0].blocks[-1]
    assert speech.speaker.affiliation == ("Coordinator of the Labour Markets Programme at Bergen Centre for Coastal "
                                          "Management Studies")
    assert [n.plain_text(b.inlines)[:9] for b in speech.blocks] == ["Ms. Haile", "The counc"]
    # A speaker's line at the next page's top is no part of the role.
    other = text.replace("Studies\n", "Dr. Ana Ruiz\n")
    speeches = normalize(other).document.blocks[0].blocks[-2:]
    assert [speech.speaker.name for speech in speeches] == ["Ms. Meron Haile", "Dr. Ana Ruiz"]


def test_a_role_in_two_text_boxes_goes_on_up_to_the_speech():
    # pdfminer ends the role's box at a line's end ("... on Early" / "Childhood Education"), a
    # blank line after each box: a role-shaped box right before the speech's first line is the
    # role's rest; a speaker's box there is the next speaker.
    text = ("Opening Remarks\n\nMs. Amelie Laurent\n\n"
            "Senior Adviser on Public Health Systems, Applied Commission on Early\n\nChildhood Education\n\n"
            "Ms. Laurent observed that the councils would need to review the plans of the basin.\n\n"
            "Dr. Ana Ruiz\n\nDirector, Centre for Water Studies\n\nMr. Lee Jun\n\n"
            "Mr. Lee said that the plans were late.\n")
    first, second, third = normalize(text).document.blocks[0].blocks
    assert first.speaker.affiliation == ("Senior Adviser on Public Health Systems, Applied Commission on Early "
                                         "Childhood Education")
    assert [n.plain_text(b.inlines)[:11] for b in first.blocks] == ["Ms. Laurent"]
    assert (second.speaker.name, second.speaker.affiliation) == ("Dr. Ana Ruiz", "Director, Centre for Water Studies")
    assert third.speaker.name == "Mr. Lee Jun"


def test_a_role_two_lines_run_together_into_one_is_the_speakers():
    # Raw pdftotext runs a role's two lines together (across a hyphen it took out): a
    # role-shaped line of 158 characters, in a text whose lines hold 80, is still the role, up
    # to the length a role may take.
    role = ("Senior Adviser on Rural Development, Utrecht Office of the Southern Alliance for Disaster Risk "
            "Reduction; Member of the Northern Council on Transport Planning")
    speech = ("Hon. Huang reminded participants that only 18 per cent of women-led businesses in\n"
              "Bergen had public transport in 1999. She concluded that municipal utilities would\n"
              "need to pool resources for land registration.\n")
    first = normalize(f"Opening Remarks\nHon. Huang Meiling\n{role}\n{speech}").document.blocks[0].blocks[0]
    assert (first.speaker.name, first.speaker.affiliation) == ("Hon. Huang Meiling", role)
    assert [n.plain_text(b.inlines)[:10] for b in first.blocks] == ["Hon. Huang"]
    # Past that length (300 characters) it is no role: a paragraph the dump wrote as one line.
    long_role = (f"{role}; Member of the Northern Council on Rural Development and Housing, Regional Office of "
                 "Bergen; Chair of the Southern Board of Trustees for Rural Housing and Land Registration")
    first = normalize(f"Opening Remarks\nHon. Huang Meiling\n{long_role}\n{speech}").document.blocks[0].blocks[0]
    assert first.speaker.affiliation == ""


def test_a_role_at_the_head_of_the_speechs_text_box_is_the_speakers():
    # pdfminer sets the role in the text box of the speech, after the name's box (the speech
    # justified: its lines stretched to the column's edge by wide spaces).
    text = ("Opening Remarks\n\nDr. Ana Ruiz\n\nExecutive Secretary, Continental Commission on Fiscal Policy, Kumasi\n"
            "Dr.   Ruiz   explained   that   the   municipal   utilities   would   need   to   monitor\n"
            "intergovernmental   transfers.   She   went   on   to   say   that   regional   authorities\n"
            "spent USD 12.6 million on infrastructure planning between 2023 and 2030.\n\n"
            "Prof. Helmi Virtanen\n\nThe Continental Commission on Fiscal Policy met in May.\n"
            "Prof. Virtanen said that the plans were late.\n")
    first, second = normalize(text).document.blocks[0].blocks
    assert first.speaker.affiliation == "Executive Secretary, Continental Commission on Fiscal Policy, Kumasi"
    assert [n.plain_text(b.inlines)[:8] for b in first.blocks] == ["Dr. Ruiz"]
    # A sentence at the head of the text box is the speech's, whoever it names next.
    assert second.speaker.affiliation == ""
    assert [n.plain_text(b.inlines)[:14] for b in second.blocks] == ["The Continenta", "Prof. Virtanen"]


def test_a_speech_opening_on_the_speakers_surname_in_a_narrow_column():
    # "Mrs. Rahmawati" would have left room for "acknowledged": still the speech's first words.
    text = ("Opening Remarks\n\nMrs. Dewi Rahmawati\nHead of Policy, Tampere School\nof Economics, Bergen\n"
            "Mrs. Rahmawati\nacknowledged that the number of the\nclinics with affordable credit rose\n"
            "from 3,500 to 3,600 after the year\n2020, and the number of the farms\n"
            "with piped water fell by a third.\n")
    (speech,) = normalize(text).document.blocks[0].blocks
    assert speech.speaker.name == "Mrs. Dewi Rahmawati"
    assert speech.speaker.affiliation == "Head of Policy, Tampere School of Economics, Bergen"
    assert [n.plain_text(b.inlines) for b in speech.blocks] == [
        "Mrs. Rahmawati acknowledged that the number of the clinics with affordable credit rose from 3,500 to "
        "3,600 after the year 2020, and the number of the farms with piped water fell by a third."]


def test_a_heading_breaking_a_word_goes_on_after_a_blank_line():
    # pdfminer sets the heading's second line in a text box of its own.
    text = ("Report on the Basin\n\nOpening Remarks\n\nThe chair opened the meeting and thanked the hosts.\n\n"
            "Session 2: Connecting Mu-\n\nnicipal Bonds\n\nDr. Ana Ruiz\nSenior Research Fellow, University of Lyon\n"
            "Dr. Ruiz recalled that the bonds had been sold in 2010.\n")
    sections = normalize(text).document.blocks
    assert [section.title for section in sections] == ["Opening Remarks", "Session 2: Connecting Municipal Bonds"]
    assert [type(b).__name__ for b in sections[1].blocks] == ["Speech"]


def test_a_paragraph_between_two_numbered_items_is_the_first_ones():
    # "... by the utilities." ends short, yet item 3 follows item 2: the text between is 2's.
    text = ("Opening Remarks\n\nThe chair opened the meeting and thanked the hosts of the seminar for their\n"
            "warm welcome. The chair then set out the three findings of the review:\n"
            "1. The councils had failed to publish the figures for the whole of the basin\n"
            "in 2019, and had not said when they would.\n"
            "2. Testing must be done by the utilities.\n"
            "Only 52 per cent of the clinics in the towns along the river had running water\n"
            "in 2012, and fewer still in the hills.\n"
            "3. The surveys of the households would need to be repeated.\n"
            "Participants welcomed the findings and the plan that the council had set out for\n"
            "the years ahead.\n")
    result = normalize(text)
    *_, numbered, after = result.document.blocks[0].blocks
    assert isinstance(numbered, n.OrderedList) and len(numbered.items) == 3
    assert [n.plain_text(b.inlines)[:7] for b in numbered.items[1].blocks] == ["Testing", "Only 52"]
    assert n.plain_text(after.inlines).startswith("Participants")
    assert [d.line for d in result.diagnostics if d.code == "item-paragraph"] == [8]
    # Where the next item does not follow on, the paragraph stands between two lists.
    apart = normalize(text.replace("3. The surveys", "5. The surveys")).document.blocks[0].blocks
    assert [type(b).__name__ for b in apart[-4:]] == ["OrderedList", "Para", "OrderedList", "Para"]


def test_a_role_its_parentheses_closed_takes_nothing_from_the_next_chunk():
    text = ("Opening Remarks\n\nDr. Ana Ruiz\n\n(Chief Economist, University of Lyon)\n\n"
            "of the basin council\nDr. Ruiz said the plan was late.\n")
    (speech,) = normalize(text).document.blocks[0].blocks
    assert speech.speaker.affiliation == "Chief Economist, University of Lyon"
    assert [(n.plain_text(b.inlines), b.lines) for b in speech.blocks] == [
        ("of the basin council Dr. Ruiz said the plan was late.", (7, 8))]
    assert speech.lines == (3, 8)


@pytest.mark.parametrize("footer, glued", [("{}", "insti{}"), ("Page {} of 5", "insti Page {} of 5")])
def test_a_page_number_run_into_the_word_a_page_broke_is_furniture(footer, glued):
    # Raw pdftotext takes out the hyphen of "insti-" at a page's foot and joins the footer to
    # it: its bare number ("insti3"), or, where the hyphen was set apart ("insti -", a justified
    # line), "Page 3 of 5" after a space; the rest of the word opens the next page ("tutes ...").
    sentence = "The council agreed that the stations of the basin would report on the work of the year."
    numbers = [footer.format(number) for number in range(1, 6)]
    pages = [f"Water Report\n{sentence}\n{numbers[0]}", f"Water Report\n{sentence}\n{numbers[1]}",
             f"Water Report\n{sentence} The basin authorities and the research {glued.format(3)}",
             f"Water Report\ntutes had agreed on a common plan for the next decade.\n{numbers[3]}",
             f"Water Report\n{sentence}\n{numbers[4]}"]
    result = normalize("\n\f".join(pages))
    assert "the research institutes had agreed on a common plan" in " ".join(
        n.plain_text(block.inlines) for block in n.iter_blocks(result.document.blocks) if hasattr(block, "inlines"))
    assert [d.text for d in result.dropped if d.reason == "page-number"] == numbers
    # A number that is not the page's, or text going on with a capital, is left as it is.
    for page, rest in ((glued.format(7), "tutes had"), ("in 2023", "Tutes had")):
        changed = "\n\f".join(pages).replace(glued.format(3), page).replace("tutes had", rest)
        assert [d.text for d in normalize(changed).dropped if d.reason == "page-number"] == \
            [numbers[k] for k in (0, 1, 3, 4)]


def test_ex_at_a_lines_end_is_a_broken_word_unless_the_document_writes_the_rest_alone():
    # Layouts break "ex-" / "plained" as often as "co-" / "operation": the hyphen stays only
    # before a word the document writes alone ("ex-" / "combatants", "combatants").
    texts = ["The delegate ex-", "plained that the ex-", "combatants were paid; the combatants agreed."]
    assert join_lines(texts, Vocabulary(texts)) == ("The delegate explained that the ex-combatants were paid; "
                                                    "the combatants agreed.")


def test_a_heading_over_text_in_a_text_box_of_its_own_line():
    # pdfminer sets a heading and the first line of the paragraph under it in one text box and
    # the paragraph's other lines in the next: the first line ends with the space a wrapped
    # line keeps, and a blank line (the boxes' edge) follows it.
    text = ("Opening Remarks\nDr. Ana Ruiz\nDirector, Centre for Water Studies\n"
            "Dr. Ruiz said that the basin authorities had agreed on a common plan for the next\n"
            "decade, with the funding to follow as soon as the councils approve it.\n\n"
            "What the Region Can Learn from the Coast\n"
            "Participants observed that the procurement of equipment – contrary to \n\n"
            "the official projections – would need to be reviewed by the councils. Since \n"
            "1997, the procurement of equipment has been the subject of several reviews.\n")
    document = normalize(text).document
    assert [section.title for section in document.blocks] == ["Opening Remarks",
                                                              "What the Region Can Learn from the Coast"]
    assert n.plain_text(document.blocks[1].blocks[0].inlines).startswith("Participants observed that the")


def test_an_explicit_page_number_read_before_its_pages_last_lines_is_furniture():
    # Raw pdftotext follows the order a page was drawn in: a footer drawn before a column's
    # last lines comes out inside the page, between blank lines.
    sentence = "The council agreed that the stations of the basin would report on the work of the year."
    pages = [f"Water Report\n{sentence}\n\nPage {number} of 4" for number in (1, 2, 4)]
    pages.insert(2, f"Water Report\n{sentence}\n{sentence}\n{sentence}\n\nPage 3 of 4\n\n"
                    "The chair thanked the staff of the stations and\n"
                    "the offices of the region, which would report to the council in the\nspring, before the "
                    "elections of the new councils in the region and in\nthe towns of the coast.")
    result = normalize("\n\f".join(pages))
    assert [d.text for d in result.dropped if d.reason == "page-number"] == [f"Page {k} of 4" for k in range(1, 5)]
    assert "Page" not in " ".join(n.plain_text(block.inlines) for block in n.iter_blocks(result.document.blocks)
                                  if hasattr(block, "inlines"))


def _priorities(count: str, before: str) -> str:
    """A speech whose list Chromium printed without its bullets: a sentence, a phrase as wide as
    the text, a sentence opening "Moreover", a phrase; ``count`` says how many priorities follow,
    ``before`` is the speech's first paragraph's last sentence."""
    return ("Opening Remarks\nDr. Ana Ruiz\nDirector, Centre for Water Studies\n"
            "Dr. Ruiz said that the basin authorities had agreed on a common plan for the next\n"
            "decade, with the funding to follow as soon as the councils of the towns of Mombasa\n"
            f"approve it in the spring. {before}\n"
            f"Dr. Ruiz set out {count} priorities:\n"
            "At the same time, the stations of the basin should be reviewed by the councils of\n"
            "the region before the elections.\n"
            "A fund for the procurement of equipment, particularly in the towns of the coast\n"
            "Moreover, the offices of the region would report on the work of the stations in\n"
            "the spring of each year.\n"
            "Better data on flood insurance\n"
            "The chair thanked the staff of the stations and the offices of the region for\n"
            "their work over the year and closed the meeting after the discussion of the plan.\n")


def _bullet_items(text: str) -> list[list[str]]:
    """Return the first 20 characters of each item of each bulleted list of the first speech."""
    speech = normalize(text).document.blocks[0].blocks[0]
    return [[n.plain_text(item.blocks[0].inlines)[:20] for item in block.items]
            for block in speech.blocks if isinstance(block, n.BulletList)]


_FOUR_ITEMS = [["At the same time, th", "A fund for the procu", "Moreover, the office", "Better data on flood"]]


def test_a_phrase_that_fills_its_line_ends_before_a_word_that_only_opens_sentences():
    # The phrase as wide as the text ends before "Moreover", which the text writes after a
    # sentence's end and never inside a sentence, as it writes the name "Mombasa" ("towns of
    # Mombasa"): a name may go on the phrase.
    text = _priorities("these", "Moreover, the stations would report on their work.")
    assert _bullet_items(text) == _FOUR_ITEMS
    assert _FOUR_ITEMS[0] not in _bullet_items(text.replace("Moreover, the offices", "Mombasa and the offices"))


def test_a_list_of_as_many_items_as_announced_where_a_phrase_fills_its_line():
    # "Moreover" opens no sentence elsewhere: only the announced count tells the phrase ended.
    assert _bullet_items(_priorities("four", "The stations would report on their work.")) == _FOUR_ITEMS
    # Not announced, the run stops at the phrase that fills its line.
    assert _FOUR_ITEMS[0] not in _bullet_items(_priorities("these", "The stations would report on their work."))


def test_a_paragraph_gap_that_puts_a_columns_rows_beside_the_others_is_kept():
    # The other way round: where the columns' rows fell between each other, a space less than
    # a row in one column puts its next row beside the other's; the row before it stood alone.
    left = ["The council met on Monday", "and agreed on a plan for", "the whole basin, which was",
            "adopted by all members", "present at the meeting", "after the talks on the", "water of the coast."]
    right = ["The data will be shared", "with every basin office.", "It was adopted in full",
             "by all members, and the", "chair closed it late, after", "the vote."]
    rows = []
    for a, b in zip(left[:2], right[:2]):
        rows += [a, f"{'':<40}{b}"]
    rows += [left[2], *(f"{a:<40}{b}" for a, b in zip(left[3:], right[2:]))]
    assert [line.text for line in text_lines("\n".join(rows))] == [*left, "", *right[:2], "", *right[2:]]
    # Not where the column's row before ends no sentence: type of another size fell in line.
    rows[3] = f"{'':<40}with every basin office"
    assert [line.text for line in text_lines("\n".join(rows))] == [
        *left, "", *right[:1], "with every basin office", *right[2:]]


def test_an_unmarked_item_runs_into_no_speakers_line_and_a_phrase_ends_before_one():
    # The last item, a phrase as wide as the text, stands right before the next speaker's line,
    # whose first word would not have fitted after it: the phrase ends there, and the sentence
    # item before it ends before it, not with the next speaker's speech.
    text = ("Opening Remarks\nDr. Ana Ruiz\nDirector, Centre for Water Studies\n"
            "Dr. Ruiz said that the basin authorities had agreed on a common plan for the next\n"
            "decade, with the funding to follow as soon as the councils of the region approve\n"
            "it in the spring. The stations would report on the work of the year to the board.\n"
            "Dr. Ruiz listed three lessons:\n"
            "According to the survey, the stations of the basin spent most of their funds on\n"
            "the equipment of the offices in the region.\n"
            "The number of stations with reliable equipment rose from 50 to 80 after 2020.\n"
            "Moreover, the offices had failed to report on the equipment at every level of\n"
            "the administration of the region and of the towns, as the board had noted.\n"
            "Regular reviews of the equipment budgets by the councils and the sea boards\n"
            "Ambassador Agus Rahmawati, Permanent Secretary, Ministry of Public Works\n"
            "Ambassador Rahmawati said that the stations would report on the budgets of the\n"
            "coming year as soon as the councils had agreed on them at the next meeting.\n")
    document = normalize(text).document
    speeches = document.blocks[0].blocks
    assert [speech.speaker.name for speech in speeches] == ["Dr. Ana Ruiz", "Ambassador Agus Rahmawati"]
    lists = [block for block in speeches[0].blocks if isinstance(block, n.BulletList)]
    assert [[n.plain_text(item.blocks[0].inlines)[:20] for item in lst.items] for lst in lists] == [
        ["According to the sur", "The number of statio", "Regular reviews of t"]]
    assert [type(block).__name__ for block in speeches[1].blocks] == ["Para"]





def test_a_layout_that_breaks_lines_only_at_hyphens_keeps_every_line_end_hyphen():
    # Hyphenation off: the layout breaks lines only at the text's own hyphens. "water-" /
    # "quality" is written elsewhere with its hyphen, no line-end hyphen breaks a word the text
    # writes whole: "school-" / "feeding", written nowhere else, keeps its hyphen too.
    texts = ["the councils spent most of the funds on water-", "quality testing and the water-quality",
             "stations, and on the school-", "feeding schemes of the region."]
    assert join_lines(texts, Vocabulary(texts)) == ("the councils spent most of the funds on water-quality testing "
                                                    "and the water-quality stations, and on the school-feeding "
                                                    "schemes of the region.")
    # Where a line-end hyphen breaks a word the text writes whole, the layout hyphenates: an
    # undecided one is joined, as before, in a language with no word list to tell (Swahili).
    hyphenating = [*texts, "The pro-", "grammes of the programmes were reviewed."]
    assert "the schoolfeeding schemes" in join_lines(hyphenating, Vocabulary(hyphenating, "sw"))


def test_a_dash_typed_as_hyphens_right_after_a_word_goes_on_with_no_space():
    # "software--to": a dash typed as two or three hyphens with no space on either side, which a
    # layout breaks a line after, or between its hyphens ("program-" / "-to"); one set apart by
    # spaces keeps them.
    texts = ["the free software--", "to make sure, and the packages---", "typically libraries -- are", "free",
             "of the program-", "-to make sure"]
    assert join_lines(texts, Vocabulary(texts)) == ("the free software--to make sure, and the packages---typically "
                                                    "libraries -- are free of the program--to make sure")


def test_a_layout_whose_line_end_hyphens_never_join_into_a_word_of_the_language_keeps_them():
    # No line-end hyphen breaks a word the text writes whole, and none joins two pieces into a
    # word of the language ("bigendian", "nonquoted" are none): the layout breaks lines only at
    # the text's own hyphens, and "big-" / "endian", which no word list decides, keeps its hyphen.
    texts = ["the data is stored big-", "endian in every field, and non-", "quoted strings are read."]
    assert join_lines(texts, Vocabulary(texts, "en")) == \
        "the data is stored big-endian in every field, and non-quoted strings are read."
    # One line-end hyphen that joins into a word of the language ("imple-" / "mentation"): the
    # layout hyphenates, and "big-" / "endian" is joined, as a word the layout broke.
    hyphenating = [*texts, "The imple-", "mentation was reviewed."]
    assert "stored bigendian in every" in join_lines(hyphenating, Vocabulary(hyphenating, "en"))


def test_an_undecided_line_end_hyphen_between_two_words_of_the_language_is_a_compounds():
    # The layout hyphenates ("pro-" / "grammes" breaks a word the text writes whole) and the
    # document writes "early-warning" nowhere else: "early" and "warning" are English words,
    # "earlywarning" is none, so the hyphen is the compound's; the guess is reported.
    texts = ["the councils funded the early-", "warning stations and the imple-", "mentation of the re-",
             "view, and the pro-", "grammes of the programmes were reviewed."]
    diagnostics: list = []
    assert join_lines(texts, Vocabulary(texts, "en-GB"), 1, diagnostics) == (
        "the councils funded the early-warning stations and the implementation of the review, and the "
        "programmes of the programmes were reviewed.")
    assert [d.message.split(" (")[0] for d in diagnostics] == [
        "kept 'early-' + 'warning' as 'early-warning'", "joined 'imple-' + 'mentation' as 'implementation'",
        "joined 're-' + 'view' as 'review'"]
    # In a language with no word list, nothing tells: joined, as before.
    assert "the earlywarning stations" in join_lines(texts, Vocabulary(texts, "sw"))



def test_a_prefix_that_begins_words_is_a_words_start_where_the_layouts_patterns_break_the_word_there():
    # The layout hyphenates by patterns the document's breaks show; "under-" / "stand" and
    # "inter-" / "val" are words of the language those patterns break there: made whole, though
    # the document writes "stand" and "val" alone. Where the breaks show no patterns, a prefix
    # before a word the document writes alone keeps its hyphen ("co-" / "operation"), as before.
    broken = [("mainte", "nance"), ("prov", "inces"), ("procure", "ment"), ("parlia", "mentary"),
              ("afford", "able"), ("gov", "ernment"), ("infor", "mation"), ("com", "munities"),
              ("over", "looked"), ("re", "sources")]
    texts = [line for head, tail in broken for line in (f"the {head}-", f"{tail} and")]
    texts += ["to under-", "stand the inter-", "val. Where do we stand? The val field."]
    joined = join_lines(texts, Vocabulary(texts, "en"))
    assert "to understand the interval. Where" in joined
    texts = ["the co-", "operation of the members", "a joint operation"]
    assert join_lines(texts[:2], Vocabulary(texts, "en")) == "the co-operation of the members"


def test_a_line_end_hyphen_where_the_layouts_patterns_allow_no_break_is_the_texts_own():
    # Ten words the layout broke, each where American English's hyphenation patterns allow a
    # break ("mainte-" / "nance" and "prov-" / "inces" where British English's allow none): the
    # layout hyphenates by them. "re-" / "written" is a word of the language joined, but those
    # patterns break "rewritten" only as "rewrit-ten": the hyphen is the text's own.
    broken = [("mainte", "nance"), ("prov", "inces"), ("procure", "ment"), ("parlia", "mentary"),
              ("afford", "able"), ("gov", "ernment"), ("infor", "mation"), ("com", "munities"),
              ("over", "looked"), ("re", "sources")]
    texts = [line for head, tail in broken for line in (f"the {head}-", f"{tail} and")]
    texts += ["the header is re-", "written in place."]
    diagnostics: list = []
    joined = join_lines(texts, Vocabulary(texts, "en"), 1, diagnostics)
    assert "the maintenance and the provinces and" in joined
    assert joined.endswith("the header is re-written in place.")
    assert any("re-written" in d.message and "hyphenation allows no break" in d.message for d in diagnostics)
    # Where British English's patterns fit the layout's breaks as well (no "mainte-", no "prov-"),
    # they break "re-" / "written": the word list decides, as before.
    either = [line for head, tail in broken[2:] for line in (f"the {head}-", f"{tail} and")]
    more = (("elec", "tricity"), ("con", "sultation"))
    either += [line for head, tail in more for line in (f"the {head}-", f"{tail} and")]
    either += ["the header is re-", "written in place."]
    assert join_lines(either, Vocabulary(either, "en")).endswith("the header is rewritten in place.")
    # Too few words broken to tell which patterns the layout used: as before.
    few = texts[:6] + texts[-2:]
    assert join_lines(few, Vocabulary(few, "en")).endswith("the header is rewritten in place.")

def test_a_hyphen_set_apart_at_a_lines_end_breaks_a_word_where_no_dash_is_a_spaced_hyphen():
    # LibreOffice's justified lines set a line-end hyphen apart ("em -" / "phasised"). Where the
    # document types no hyphen-minus apart inside a line (its dashes are en dashes), one at a
    # line's end before a lowercase word is a broken word's, even one written nowhere else,
    # unless the two parts are two words of the language that joined are none ("found -" /
    # "that"): a dash typed so once.
    texts = ["The chair em -", "phasised that budgets – as the report showed – were in -",
             "formation for all, and the warn -", "ing stations -", "Two more were built, as was found -",
             "that year."]
    assert join_lines(texts, Vocabulary(texts)) == (
        "The chair emphasised that budgets – as the report showed – were information for all, and the "
        "warning stations - Two more were built, as was found - that year.")
    # Where it types such dashes too, the language's word list decides alike; in a language with
    # none (Swahili), a hyphen apart at a line's end then stays a dash.
    typed = [*texts[:2], "budgets - as one said - were spent."]
    assert join_lines(texts[:2], Vocabulary(typed)) == (
        "The chair emphasised that budgets – as the report showed – were in -")
    assert join_lines(texts[:2], Vocabulary(typed, "sw")) == (
        "The chair em - phasised that budgets – as the report showed – were in -")


def test_a_name_wrapped_before_its_end_onto_the_roles_line_where_roles_follow_names():
    # The document sets each role after the name, on its line: a name line with no role, then
    # a line that opens with a capitalised word and the role's comma, is a name wrapped before
    # its end ("Ambassador Tran Thu" / "Huong, Chief Economist, ..."; the speech calls the
    # speaker by the family name, which comes first).
    speech = ("{name}\nsaid that the basin authorities had agreed on a common plan for the next decade.\n")
    speakers = ["Dr. Ana Ruiz, Director, Centre for Water Studies", "Mr. Ben Okafor, Head of Policy, Water Forum",
                "Ambassador Tran Thu\nHuong, Chief Economist, University of Hawassa",
                "Ms. Lea Novak,\nDeputy Director, Basin Office"]
    text = "Opening Remarks\n" + "".join(speech.format(name=name) for name in speakers)
    speeches = normalize(text).document.blocks[0].blocks
    assert [(s.speaker.name, s.speaker.affiliation) for s in speeches] == [
        ("Dr. Ana Ruiz", "Director, Centre for Water Studies"), ("Mr. Ben Okafor", "Head of Policy, Water Forum"),
        ("Ambassador Tran Thu Huong", "Chief Economist, University of Hawassa"),
        ("Ms. Lea Novak", "Deputy Director, Basin Office")]
    # Where the document sets roles below the names, such a line is the role's.
    below = ["Dr. Ana Ruiz\nDirector, Centre for Water Studies", "Mr. Ben Okafor\nHead of Policy, Water Forum",
             "Ambassador Tran Thu\nOxfam, Chief Economist"]
    text = "Opening Remarks\n" + "".join(speech.format(name=name) for name in below)
    speaker = normalize(text).document.blocks[0].blocks[2].speaker
    assert (speaker.name, speaker.affiliation) == ("Ambassador Tran Thu", "Oxfam, Chief Economist")


def test_a_hyphenated_or_apostrophed_surname_wrapped_onto_the_roles_line():
    # A family name with a hyphen or an apostrophe wrapped onto the role's line is the name's
    # end as a one-word family name is ("Mrs. Lucia" / "Ruiz-Soto, Senior Adviser, ..."), whether
    # or not the speech calls the speaker by it.
    speech = ("{name}\nsaid that the basin authorities had agreed on a common plan for the next decade.\n")
    speakers = ["Dr. Ana Ruiz, Director, Centre for Water Studies", "Mr. Ben Okafor, Head of Policy, Water Forum",
                "Ms. Lea Novak, Deputy Director, Basin Office"]
    for wrapped, whole in (("Mrs. Lucia\nRuiz-Soto", "Mrs. Lucia Ruiz-Soto"),
                           ("Ms. Aoife\nO\u2019Neill", "Ms. Aoife O\u2019Neill")):
        names = [*speakers, f"{wrapped}, Senior Adviser, Basin Office"]
        text = "Opening Remarks\n" + "".join(speech.format(name=name) for name in names)
        speaker = normalize(text).document.blocks[0].blocks[-1].speaker
        assert (speaker.name, speaker.affiliation) == (whole, "Senior Adviser, Basin Office")


def test_a_title_that_broke_a_word_which_would_have_fitted_whole_is_in_larger_type():
    # In a narrow column, a title broke "Hospitals" though the word, whole, would have fitted in
    # the text's usual width: it is set larger than the text, and ends where the text begins,
    # though in letters the text's first word would not have fitted after its last line.
    said = ("Dr. Ruiz said that the basin authorities had agreed on a common plan for the next decade, with the "
            "funding to follow in the spring and the reviews in the autumn of the same year. The offices of the "
            "basin would share the data of every station with the municipal utilities.")
    argued = ("Participants argued that the basin authorities had agreed on a common plan for the next decade, "
              "with the funding to follow in the spring and the reviews in the autumn of the same year.")
    text = ("Opening Remarks\n" + "\n".join(textwrap.wrap(said, 33)) + "\nReforming District Hospi-\n"
            "tals in East Africa\n" + "\n".join(textwrap.wrap(argued, 33)) + "\n")
    sections = normalize(text).document.blocks
    assert [section.title for section in sections] == ["Opening Remarks", "Reforming District Hospitals in East Africa"]
    assert _texts(sections[1].blocks) == [("Para", argued)]


def test_a_title_on_several_lines_none_near_the_texts_width_is_in_larger_type():
    # A narrow column: a title in larger type over five lines, none of them but the last near
    # the column's width, though "Implementation" would not have fitted, in letters, after "and
    # the Long Road to": it ends where the text begins.
    said = ("Dr. Ruiz said that the basin authorities had agreed on a common plan for the next decade, with the "
            "funding to follow in the spring and the reviews in the autumn of the same year.")
    argued = ("Participants argued that the basin authorities had agreed on a common plan for the next decade, "
              "with the funding to follow in the spring and the reviews in the autumn of the same year.")
    title = "Water Supply and\nTax Administration:\nEvidence, Institutions\nand the Long Road to\nImplementation\n"
    text = ("Opening Remarks\n" + "\n".join(textwrap.wrap(said, 37)) + "\n" + title
            + "\n".join(textwrap.wrap(argued, 37)) + "\n")
    sections = normalize(text).document.blocks
    assert [section.title for section in sections] == [
        "Opening Remarks", "Water Supply and Tax Administration: Evidence, Institutions and the Long Road to "
        "Implementation"]
    assert _texts(sections[1].blocks) == [("Para", argued)]


def test_a_title_line_over_a_word_that_opens_only_the_texts_paragraphs_ends_there():
    # A narrow column: "Participants" would not have fitted after the title in letters, but the
    # text opens its paragraphs with that word and never a sentence inside a line: the line
    # before it ended on purpose, a title over the paragraph it opens.
    def para(text: str) -> str:
        return "\n".join(textwrap.wrap(text, 46)) + "\n"

    body = ("The offices met in May. The towns agreed on the plan. The data were shared. The chair thanked the "
            "staff. The reviews would follow in the spring. The councils met again in June. It ended.")
    first = para("Participants argued that the basin offices would share the data of every station. " + body)
    second = para("Participants recalled that the regional offices had reviewed the plan. " + body)
    last = para("Participants agreed that the towns would follow the plan in the spring. " + body)
    text = "Opening Remarks\n" + first + second + first + second + "Connecting Smallholder Markets Again\n" + last
    sections = normalize(text).document.blocks
    assert [section.title for section in sections] == ["Opening Remarks", "Connecting Smallholder Markets Again"]
    assert _texts(sections[1].blocks) == [("Para", " ".join(last.split()))]
    # A word that opens a sentence inside a line too tells nothing: the line stays the text's.
    inside = text.replace("The data were shared.", "Participants shared the data.")
    assert [section.title for section in normalize(inside).document.blocks] == ["Opening Remarks"]


def test_a_paragraphs_first_line_ending_a_sentence_has_lost_room_to_an_indent_the_text_may_not_show():
    # The first line of a paragraph ends a sentence where the next word would have fitted on a
    # full line, but not after a first-line indent (which a raw dump drops): the paragraph goes
    # on. A later line that left as much room ends it.
    first = "Dr. Ruiz said that the offices had shared all the data."
    text = (f"Opening Remarks\n{_WRAPPED_60}{_WRAPPED_60}{first}\nHe added that the council would meet again in "
            "May to review the\nplan, and that the offices would report on the stations.\n" + _WRAPPED_60)
    assert len(normalize(text).document.blocks[0].blocks) == 4
    assert _texts(normalize(text).document.blocks[0].blocks[2:3]) == [
        ("Para", f"{first} He added that the council would meet again in May to review the plan, and that the offices "
                 "would report on the stations.")]
    later = text.replace(f"{first}\n", f"The chair opened the meeting at noon and thanked the offices.\n{first}\n")
    assert len(normalize(later).document.blocks[0].blocks) == 5


def test_a_wrapped_item_printed_before_its_lone_bullet_gets_it():
    # pdfminer prints the bullet of an item (a text box of its own) after the item's text, here
    # an item that wrapped; the items after it carry their own bullets.
    text = ("Opening Remarks\nDr. Ana Ruiz\nDirector, Centre for Water Studies\n"
            "Dr. Ruiz said that the basin authorities had agreed on a common plan for \n"
            "the next decade, with the funding to follow in the spring.\n\n"
            "Dr. Ruiz set out four priorities:\n\n\uf0b7\n\n"
            "For that reason, the councils spent most of their funds on the \n"
            "stations of the basin.\n\n"
            "\uf0b7 At the same time, the offices could report on the work of \n"
            "the stations without waiting for new rules.\n"
            "Joint funding of the stations of the \n"
            "basin\n\n\uf0b7\n\n"
            "\uf0b7 Cooperative banks had failed to report on the stations of \n"
            "the coast.\n")
    speech = normalize(text).document.blocks[0].blocks[0]
    lists = [block for block in speech.blocks if isinstance(block, n.BulletList)]
    assert [[n.plain_text(item.blocks[0].inlines)[:20] for item in lst.items] for lst in lists] == [
        ["For that reason, the", "At the same time, th", "Joint funding of the", "Cooperative banks ha"]]
    # A line the source shows going on (the space a wrapped line ends with) runs into the
    # lines under it: they are no item of their own, and the bullet marks none the text shows.
    going_on = text.replace("without waiting for new rules.\n", "without waiting for new rules. \n")
    speech = normalize(going_on).document.blocks[0].blocks[0]
    lists = [block for block in speech.blocks if isinstance(block, n.BulletList)]
    items = [n.plain_text(item.blocks[0].inlines)[:20] for lst in lists for item in lst.items]
    assert "Joint funding of the" not in items


def test_a_contents_page_ends_where_its_first_entry_stands_again_wrapped_another_way():
    """The body's first heading repeats the contents' first entry, wrapped where the entry was
    not: the contents ends there, though a line of the body further on ends in a number (no
    entry's page: "... rose from 200 to 800")."""
    from convert.recover.contents import find_contents

    title = "Water Governance and Digital Inclusion: Evidence, Institutions and the Long Road to Implementation"
    texts = ["Contents", title, "Questions and Answers", "Closing Remarks", "",
             "Water Governance and Digital Inclusion: Evidence, Institutions and", "the Long Road to Implementation",
             "Ms. Ana Ruiz (Director, Centre for Water Studies)",
             "Ms. Ruiz said that the number of clinics with reliable power rose from 200 to 800",
             "after 2025. The council agreed with her.", "", "Questions and Answers", "", "The panel met.", "",
             "Closing Remarks", "", "The chair closed the meeting."]
    lines = [Line(i + 1, text, 1 if i < 5 else 2) for i, text in enumerate(texts)]
    found = find_contents(lines)
    assert found is not None and sorted(found.indexes) == [0, 1, 2, 3]


_NARROW_SPEECH = ("Ms. Ruiz said that the basin plan would\nneed to be reviewed by the regional\n"
                  "offices before the end of the year, and\nthat the data of every station would be\n"
                  "shared with the municipal utilities.\n")


def test_a_title_over_a_speaker_whose_name_a_hyphen_broke():
    """A title no usual form or contents page confirms stands over a speaker whose name a narrow
    column broke at a hyphen ("Ambassador Thiago Car-" / "valho"): it is a section's title, and
    the speaker's name is made whole."""
    text = ("Opening Remarks\nMs. Ana Ruiz\nDirector, Centre for Water\nStudies\n" + _NARROW_SPEECH
            + "Food Security after 2016\nAmbassador Thiago Car-\nvalho\nLecturer in Political Sci-\n"
              "ence, Southern Institute\nfor Waste Management\nAmbassador Carvalho noted that the\n"
              "teacher unions had failed to evaluate\nthe generation plans without waiting\nfor new legislation.\n")
    document = normalize(text).document
    assert [section.title for section in document.blocks] == ["Opening Remarks", "Food Security after 2016"]
    speech = document.blocks[1].blocks[0]
    assert isinstance(speech, n.Speech) and speech.speaker.name == "Ambassador Thiago Carvalho"


def test_a_one_line_item_that_ends_in_a_name_goes_on_into_the_next_line():
    """Told how many items follow, the last item's first line ends in a name ("... the Water
    Charter" would go on as "Public Licence"), the next line's first word too long to have fitted
    after it: the item goes on into that line, though it opens with a capital the text writes in
    lowercase elsewhere ("public"), to its sentence's end."""
    text = ("Opening Remarks\nThe council met on Monday and agreed that the public plan would\n"
            "need to be reviewed by the regional offices before the end of the\n"
            "year, and that the data of every station would be shared widely.\n"
            "Ms. Kamau listed three lessons:\nA common register of the water stations\n"
            "Joint funding of flood insurance\n"
            "If the council specifies that a proxy can decide which version of the General\n"
            "Public Licence can be used, that proxy's statement of acceptance is binding on\n"
            "all members of the council.\n"
            "Participants recalled that the surveys could be reviewed by the\nutilities in the spring.\n")
    assert _list_and_after(text) == [
        ("BulletList", ["A common register of the water stations", "Joint funding of flood insurance",
                        "If the council specifies that a proxy can decide which version of the General Public "
                        "Licence can be used, that proxy's statement of acceptance is binding on all members of "
                        "the council."]),
        ("Para", "Participants recalled that the surveys could be reviewed by the utilities in the spring.")]


def test_a_heading_in_a_narrow_column_goes_on_past_six_lines_where_one_ends_mid_phrase():
    """A long numbered heading in larger type over a narrow column takes seven lines, the sixth
    ending on a connecting word ("Long Road to"): the seventh is the heading's too, not one of
    its own."""
    text = ("Opening Remarks\nMs. Ana Ruiz\nDirector, Centre for Water\nStudies\n" + _NARROW_SPEECH
            + "Session 2: Digital\nInclusion and\nGroundwater\nManagement: Evidence,\nInstitutions and the\n"
              "Long Road to\nImplementation\nMrs. Efua Owusu\nSenior Adviser on Migration\n"
            + _NARROW_SPEECH.replace("Ms. Ruiz", "Mrs. Owusu"))
    assert _section_titles(text) == ["Opening Remarks", "Session 2: Digital Inclusion and Groundwater Management: "
                                     "Evidence, Institutions and the Long Road to Implementation"]


def test_a_heading_the_contents_lists_written_a_word_per_line_past_six_lines():
    """A justified title that an extractor wrote a word per line takes more lines than a heading
    wraps over; the contents lists it whole, so its lines are the heading while they begin the
    listed title."""
    title = "From Pilot Projects to National Programmes: Protecting Coastal Settlements across West Africa"
    text = ("Contents\nOpening Remarks\n" + title + "\n\f"
            "Opening Remarks\nMs. Ana Ruiz (Director, Centre for Water Studies)\n"
            "Ms. Ruiz said that the basin plan would need to be reviewed by the regional offices before\n"
            "the end of the year, and that the data of every station would be shared widely.\n"
            "From\nPilot\nProjects\nto\nNational\nProgrammes:\nProtecting Coastal Settlements across West Africa\n"
            "Hon. Gergely Szabó (Permanent Secretary, Ministry of Housing)\n"
            "Hon. Szabó said that the basin plan would need to be reviewed by the regional offices before\n"
            "the end of the year, and that the data of every station would be shared widely.\n")
    assert _section_titles(text) == ["Opening Remarks", title]


def test_a_numbered_headings_rest_written_a_word_per_line_before_a_speaker():
    """A numbered heading's first line ends in a colon, and an extractor wrote the justified rest
    a word per line ("Evidence," / "Institutions" / "and" / ...) before the speaker's line: one
    heading, the speaker's line no part of it."""
    text = ("Opening Remarks\nMs. Ana Ruiz (Director, Centre for Water Studies)\n"
            "Ms. Ruiz said that the basin plan would need to be reviewed by the regional offices before\n"
            "the end of the year, and that the data of every station would be shared widely.\n\n"
            "Part II Groundwater Management and Labour Markets:\nEvidence,\nInstitutions\nand\nthe\nLong\nRoad\nto\n"
            "Implementation\nH.E. Rania Haddad (Senior Adviser on Fiscal Policy, Metropolitan Institute for\n"
            "Pension Reform)\nH.E. Haddad said that the basin plan would need to be reviewed by the regional offices\n"
            "before the end of the year, and that the data of every station would be shared widely.\n")
    document = normalize(text).document
    assert [section.title for section in document.blocks] == [
        "Opening Remarks",
        "Part II Groundwater Management and Labour Markets: Evidence, Institutions and the Long Road to Implementation"]
    assert document.blocks[1].blocks[0].speaker.name == "H.E. Rania Haddad"


_WRAPPED_SPEECH = ("Dr. Ruiz said that the basin authorities had agreed on a common plan for the next\n"
                   "decade, with the funding to follow as soon as the councils of the towns of Mombasa\n"
                   "approve it in the spring. The stations of the coast would report on the work of the\n"
                   "offices in May, and the offices of the region would share their data with the towns\n"
                   "of the basin, as the chair had asked the council to do before the elections of June.\n")


def test_a_line_in_capitals_is_wider_than_its_letters_count_and_ends_no_unpunctuated_item():
    """Under a line that introduces a list, an item's line in capitals ends short in letters but
    not in room (capitals are wide): the item goes on into the next line ("... HEREUNDER" /
    "EXCEPT UNDER THIS DISCLAIMER.")."""
    text = ("Opening Remarks\nDr. Ana Ruiz\nDirector, Centre for Water Studies\n" + _WRAPPED_SPEECH
            + "Dr. Ruiz summarised the main findings as follows:\n"
              "The council met on Monday and agreed that the plan would be reviewed. Reset\n"
              "the internal flag to false before the data of the stations are shared.\n"
              "A common register of water-quality testing\n"
              "The owners may contribute to the common fund to promote the ideal of a free\n"
              "culture and the further production of creative and scientific works, or\n"
              "to gain reputation for their work through the efforts of others. Take the data of the\n"
              "station. NO USE OF ANY COVERED DATA IS AUTHORIZED\n"
              "EXCEPT UNDER THIS DISCLAIMER.\n"
              "Regular reviews of the collection of property taxes by small-business\n"
              "associations\n\n"
              "Closing Remarks\nThe chair closed the meeting.\n")
    items = _bullet_items(text)
    assert [[item[:20] for item in items[0]]] == [
        ["The council met on M", "A common register of", "The owners may contr", "Regular reviews of t"]]


def test_as_many_marked_items_as_announced_take_the_unmarked_lines_between_them():
    """Told "four lessons" and shown four bullets, a line without one between two of them (after
    a sentence that ended a line short) goes on with the item before: no item of its own, whose
    bullet the text lost."""
    text = ("Opening Remarks\nDr. Ana Ruiz\nDirector, Centre for Water Studies\n"
            "Dr. Ruiz said that donor agencies had failed to evaluate vocational training programmes,\n"
            "particularly in secondary cities. She reminded participants that only 77 per cent of farms\n"
            "in Pune had piped water in 2022. Regional authorities spent USD 37.9 million on the\n"
            "procurement of equipment between 2019 and 2024. She went on to say that the associations\n"
            "spent USD 2.6 million on accountability mechanisms between 2004 and 2009.\n"
            "Dr. Ruiz listed four lessons:\n"
            "• Training for local councils on the implementation of tariff reforms\n"
            "• In practice, the number of farms with broadband rose from 300 to 950 after 1998. In\n"
            "2012, only 17 per cent of young workers had broadband.\n"
            "Provincial planners must decentralise school-feeding schemes in rural districts.\n"
            "• Regional authorities spent USD 56.2 million on public transport between 2019 and\n"
            "2024. Moreover, local councils were beginning to decentralise land registration in\n"
            "rural districts. At the same time, teacher unions spent USD 57.5 million on land\n"
            "registration between 2005 and 2013.\n"
            "• Better data on infrastructure planning\n"
            "Mrs. Rania Saleh, Coordinator of the Tax Administration Programme, University of\n"
            "Lusaka\n" + _WRAPPED_SPEECH.replace("Dr. Ruiz", "Mrs. Saleh"))
    speech = normalize(text).document.blocks[0].blocks[0]
    lists = [block for block in speech.blocks if isinstance(block, n.BulletList)]
    assert len(lists) == 1 and len(lists[0].items) == 4
    assert " ".join(n.plain_text(block.inlines) for block in lists[0].items[1].blocks).endswith(
        "had broadband. Provincial planners must decentralise school-feeding schemes in rural districts.")


def test_a_heading_ends_before_a_speakers_line_written_a_word_per_line():
    """A numbered heading wrapped over two lines, then a speaker's line that an extractor wrote a
    word per line ("Ambassador" / "Kaveh" / "Moradi,"): the heading ends at the honorific, and
    the speaker is read."""
    text = ("Opening Remarks\nMs. Ana Ruiz\nDirector, Centre for Water\nStudies\n" + _NARROW_SPEECH
            + "\nPart I Localising Regional\nRail Links\nAmbassador\nKaveh\nMoradi,\nHead of Policy, Network of Inde-\n"
              "pendent Researchers in Fiscal\nPolicy\n" + _NARROW_SPEECH.replace("Ms. Ruiz", "Ambassador Moradi"))
    document = normalize(text).document
    assert [section.title for section in document.blocks] == ["Opening Remarks",
                                                              "Part I Localising Regional Rail Links"]
    assert document.blocks[1].blocks[0].speaker.name == "Ambassador Kaveh Moradi"


def test_a_pages_markers_after_its_text_never_go_to_a_line_after_a_determiner():
    # A line that ends on "any" (or "some", "such", "another") leaves its phrase open, however
    # short: the next line, opening with a capital, goes on with it, and the page's numbers
    # printed after its text mark the lines after sentences' ends.
    text = (f"Opening Remarks\n{_WRAPPED_60}The chair listed three lessons:\n"
            "However, the offices may act only on their own behalf, not on behalf of any\n"
            "Council. The plan was adopted.\nThe wells rose from 300 to 900 after 2005.\n"
            "Better maps of the river basins\n1.\n2.\n3.\nBasin Report\nPage 2\n"
            "She added that the reviews would follow.\nBasin Report\nPage 3\n")
    assert _texts_after_the_first(text) == [
        ("Para", "The chair listed three lessons:"),
        ("OrderedList", ["However, the offices may act only on their own behalf, not on behalf of any Council. "
                         "The plan was adopted.",
                         "The wells rose from 300 to 900 after 2005.", "Better maps of the river basins"]),
        ("Para", "She added that the reviews would follow.")]


def test_a_numbered_heading_form_opening_a_line_of_running_text_is_no_heading():
    """"Section 2." opens a wrapped line of running text ("... as described by RFC 2068" /
    "Section 2. Otherwise, ..."), and the lines after it hold sentences' ends with more text after
    them: no heading runs on into them, and no heading starts there."""
    text = ("Opening Remarks\nMs. Ana Ruiz (Director, Centre for Water Studies)\n"
            "Ms. Ruiz said that the basin plan would need to be reviewed. Parse lists as described by RFC 2068\n"
            "Section 2. Otherwise, internal empty lines of a multiline option are kept as part of the\n"
            "value. Additional handlers for the logging package for Python. Class that implements a\n"
            "condition variable. Return all members of an object as (name, value) pairs sorted by\n"
            "name. EXCEPT WHEN OTHERWISE STATED IN WRITING THE COPYRIGHT HOLDERS AND/OR OTHER\n"
            "PARTIES PROVIDE THE DATA \"AS IS\" WITHOUT WARRANTY OF ANY KIND, EITHER EXPRESSED OR\n"
            "IMPLIED, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY\n"
            "AND FITNESS FOR A PARTICULAR PURPOSE. In 2001, only 18 per cent of the enterprises\n"
            "had primary care. The council agreed to review the plan in the spring.\n")
    document = normalize(text).document
    assert [section.title for section in document.blocks] == ["Opening Remarks"]
    assert [type(block).__name__ for block in document.blocks[0].blocks[0].blocks] == ["Para"]


def test_a_headings_form_that_opens_a_line_left_mid_phrase_over_running_text_is_no_heading():
    """"Section 3.5." opens a wrapped line of a narrow column that ends mid-phrase ("..., or"), and
    the next line, a sentence's end and another sentence, is none of a heading: no heading starts
    there."""
    text = ("Opening Remarks\nMs. Ana Ruiz\nDirector, Centre for Water\nStudies\n" + _NARROW_SPEECH
            + "However, the council may include an\nadditional document offering the rights\ndescribed in\n"
              "Section 3.5. Args: cmd: A RETR, LIST, or\nNLST command. This library is used to\n"
              "create and manipulate the addresses of\nthe stations of the basin.\n")
    document = normalize(text).document
    assert [section.title for section in document.blocks] == ["Opening Remarks"]
