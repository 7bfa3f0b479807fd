"""The typography step: quotation marks of the text's language, apostrophes and en dashes in
ranges, in the formats people read, never in XLIFF or JSON."""

from __future__ import annotations

import json
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from convert import nodes as n
from convert.typography import plain, typeset

from .conftest import SEED
from .test_cli import run_cli


def para_text(doc: n.Document) -> list[str]:
    return [n.plain_text(b.inlines) for b in n.iter_blocks(doc.blocks) if isinstance(b, n.Para)]


def one(text: str, lang: str = "en") -> str:
    doc = n.Document(n.Meta(lang=lang), (n.Para((n.Text(text),)),))
    return para_text(typeset(doc))[0]


@pytest.mark.parametrize("lang,text,expected", [
    ("en", '"Peace," she said, "is work."', "\u201cPeace,\u201d she said, \u201cis work.\u201d"),
    ("en", "Japan's 'quoted' word, the '90s, the members' votes", "Japan\u2019s \u2018quoted\u2019 word, the \u201990s, the members\u2019 votes"),
    ("en", '("a") [\'b\'] -"c"', "(\u201ca\u201d) [\u2018b\u2019] -\u201cc\u201d"),
    ("de", '"Frieden" und \'Arbeit\'', "\u201eFrieden\u201c und \u201aArbeit\u2018"),
    ("fr", '"paix"', "\u00ab\u202fpaix\u202f\u00bb"),
    ("ja", '"平和"と言った', "\u300c平和\u300dと言った"),
    ("en-GB", "It's", "It\u2019s"),
    ("xx", '"unknown" language', '"unknown" language'),  # no marks known: kept straight
])
def test_quotation_marks_follow_the_language(lang, text, expected):
    assert one(text, lang) == expected


@pytest.mark.parametrize("text,expected", [
    ("20:00-21:30 (Tokyo); 6:00-7:30", "20:00\u201321:30 (Tokyo); 6:00\u20137:30"),
    ("from 2019-2023 and 1990-91", "from 2019\u20132023 and 1990\u201391"),
    ("on 2023-01-28, call 555-1234, a 3-2 vote, Timor-Leste, 2019-2023-2024", None),
])
def test_ranges_of_times_and_years_get_an_en_dash_and_nothing_else(text, expected):
    assert one(text) == (expected or text)


def test_marks_see_across_bold_and_links():
    doc = n.Document(n.Meta(), (n.Para((n.Text('He said "'), n.Strong((n.Text("never"),)), n.Text('" twice.'))),))
    assert para_text(typeset(doc)) == ["He said \u201cnever\u201d twice."]


def test_each_side_of_a_bilingual_pair_in_its_own_language():
    pair = n.Parallel((n.Para((n.Text('"Yes"'),)), n.Para((n.Text('"はい"'),))), ("en", "ja"))
    doc = typeset(n.Document(n.Meta(lang="en"), (pair,)))
    assert para_text(doc) == ["\u201cYes\u201d", "\u300cはい\u300d"]


def test_titles_names_captions_and_notes_too():
    doc = n.Document(
        n.Meta(title="Japan's Peace", time_text="20:00-21:30"),
        (n.Section("Part 'One'", "one", (
            n.Speech(n.Speaker("Mr. O'Neil", "Director, 'Centre'"), (
                n.Para((n.Text("Said"), n.Note((n.Para((n.Text('"A note"'),)),)))),)),)),))
    out = typeset(doc)
    section = out.blocks[0]
    speech = section.blocks[0]
    assert (out.meta.title, out.meta.time_text) == ("Japan\u2019s Peace", "20:00\u201321:30")
    assert section.title == "Part \u2018One\u2019" and section.id == "one"
    assert speech.speaker == n.Speaker("Mr. O\u2019Neil", "Director, \u2018Centre\u2019")
    note = speech.blocks[0].inlines[1]
    assert para_text(n.Document(blocks=note.blocks)) == ["\u201cA note\u201d"]


@given(st.text(alphabet=st.sampled_from("ab1: -\"'()\n\u00e9"), max_size=60))
def test_only_marks_change_never_a_word(text):
    assert plain(one(text)) == text
    assert plain(one(text, "fr")) == text


def test_xliff_and_json_keep_the_source_characters_the_others_are_typeset(tmp_path):
    assert run_cli(str(SEED), "--all", "-o", str(tmp_path)).returncode == 0
    stem = SEED.stem
    for name in (f"{stem}.xlf", f"{stem}.12.xlf", f"{stem}.json"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert "Japan's" in text and "20:00-21:30" in text and "\u2019" not in text, name
    with zipfile.ZipFile(tmp_path / f"{stem}.epub") as book:
        page = book.read("EPUB/titlepage.xhtml").decode("utf-8")
    html = (tmp_path / f"{stem}.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(tmp_path / f"{stem}.docx") as word:
        docx = word.read("word/document.xml").decode("utf-8")
    for text in (page, html, docx):
        assert "Japan\u2019s" in text and "20:00\u201321:30" in text and "Japan's" not in text
    assert json.loads((tmp_path / f"{stem}.json").read_text(encoding="utf-8"))["meta"]["title"].count("'") == 1
