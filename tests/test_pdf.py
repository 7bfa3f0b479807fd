"""The PDF writer, checked with qpdf and poppler (pdffonts, pdfinfo, pdftotext) on real outputs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from convert import nodes as n
from convert import repro
from convert.errors import ConversionError
from convert.registry import get_writer
from convert.theme import load_theme
from convert.typography import plain
from convert.writers.pdf import PdfWriter

from .conftest import GOLDEN, ROOT, SEED
from . import validators
from .tools import missing, require, run

CJK_CHAR = "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef]"
RTL = re.compile("[\u0590-\u08ff]")
FOOTER = re.compile(r"^(Page \d+ of \d+|\d+ / \d+ ページ)$")


# --- helpers -------------------------------------------------------------------------


def write(doc: n.Document, theme, tmp_path: Path, name: str = "out.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(PdfWriter().write(doc, theme))
    return path


#: A word the layout hyphenated: U+2010 (the hyphen the writer adds, an artifact in the tagged
#: PDF) at a line's end, and the next line, or across a page break its footer and the next
#: page's running header.
ADDED_HYPHEN_BREAK = re.compile("\u2010\n+(?:(?:Page \\d+ of \\d+|\\d+ / \\d+ ページ)?\n*\f[^\n]*\n+)?")


def pdftotext(path: Path, *options: str) -> str:
    """Return poppler's text with straight quotation marks and range hyphens (it is typeset), a
    word the layout hyphenated whole again (as a reader takes it), except in -bbox and -layout
    output, which keep the lines as they are drawn."""
    require("pdftotext")
    text = plain(validators.pdftotext(path, *options))
    return text if "-bbox" in options or "-layout" in options else ADDED_HYPHEN_BREAK.sub("", text)


def pdfinfo(path: Path) -> dict[str, str]:
    require("pdfinfo")
    out = run(["pdfinfo", "-isodates", str(path)]).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def pdffonts(path: Path) -> list[dict[str, str]]:
    require("pdffonts")
    return validators.pdffonts(path)


def font_names(path: Path) -> str:
    """Return the names of the PDF's fonts, as one string to search."""
    return " ".join(f["name"] for f in pdffonts(path))


def outline(path: Path) -> list[dict]:
    require("qpdf")
    result = run(["qpdf", "--json", "--json-key=outlines", str(path)])
    return json.loads(result.stdout)["outlines"]


def qdf(path: Path) -> bytes:
    require("qpdf")
    return subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(path), "-"],
                          capture_output=True, check=True).stdout


def tokens(text: str) -> list[str]:
    """Return the words of ``text``, each CJK character a word of its own (lines break anywhere)."""
    return re.findall(f"{CJK_CHAR}|[^\\W_]+", plain(text))


def is_subsequence(needle: list[str], haystack: list[str]) -> tuple[bool, int]:
    """Return whether ``needle`` occurs in order in ``haystack``, and how far it got."""
    position = 0
    for index, word in enumerate(needle):
        try:
            position = haystack.index(word, position) + 1
        except ValueError:
            return False, index
    return True, len(needle)


def body_text(path: Path, title: str) -> str:
    """Return pdftotext's text without the running header and footer lines."""
    header = " ".join(title.split())
    lines = pdftotext(path).splitlines()
    return "\n".join(line for line in lines if line.strip() not in (header,) and not FOOTER.match(line.strip()))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", plain(text))


def paragraphs(blocks) -> list[str]:
    return [n.plain_text(b.inlines) for b in n.iter_blocks(blocks) if isinstance(b, n.Para)]


def assert_paragraphs_in_order(doc: n.Document, path: Path, skip=lambda text: False) -> None:
    """Every paragraph, whitespace aside, appears in the PDF's text, in reading order."""
    text = squash(body_text(path, doc.meta.title))
    position = 0
    for para in paragraphs(doc.blocks):
        if skip(para):
            continue
        found = text.find(squash(para), position)
        assert found >= 0, f"paragraph missing or out of order: {para[:80]!r}"
        position = found + len(squash(para))


def assert_nothing_overflows(path: Path, theme) -> None:
    """No word reaches into the right margin (long words and CJK lines must wrap).

    The one exception is Japanese hanging punctuation (burasagari): a closing mark
    that may not start a line hangs into the margin by at most its own width.
    """
    html = pdftotext(path, "-bbox")
    limit = theme.page.width - theme.page.margin_right + 1.5
    for x_max, word in re.findall(r'xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', html):
        hanging = word[-1:] in "。、，．」』）" and float(x_max) <= limit + theme.sizes.body
        assert float(x_max) <= limit or hanging, f"{word!r} runs into the margin (x={x_max})"


def japanese_doc() -> n.Document:
    para = "日本は国際平和協力を続けていきます。" * 30
    return n.Document(
        n.Meta(title="日本の国際平和協力の現状と将来", organizers=("日本平和構築協会",),
               presenters=(n.Speaker("加納雄大", "内閣府国際平和協力本部事務局長"),),
               date_text="2023年1月28日", compiled_by="マチェイ・ヴィテク", lang="ja"),
        (n.Section("開会の辞", "kaikai", (
            n.Speech(n.Speaker("明石康", "元国連事務次長"), (
                n.Para((n.Text(para),)),
                n.Para((n.Text("英語の単語 English words と"), n.Strong((n.Text("強調"),)), n.Text("。"))),
            )),
        )),),
    )


def bilingual_doc(repeat: int = 1) -> n.Document:
    english = ("Japan will continue its international peace cooperation with partners. " * 60).strip()
    japanese = "日本はパートナーと共に国際平和協力を続けていきます。" * 60
    blocks = tuple(n.Parallel((n.Para((n.Text(f"{i} {english}"),)), n.Para((n.Text(f"{i} {japanese}"),))),
                              ("en", "ja")) for i in range(repeat))
    return n.Document(n.Meta(title="Bilingual", lang="en"), (n.Section("Both", "both", blocks),))


# --- the writer and its input -------------------------------------------------------


def test_registered_under_pdf():
    writer = get_writer("pdf")
    assert isinstance(writer, PdfWriter) and writer.extension == ".pdf"


# --- validators -------------------------------------------------------------------------


def test_sample_passes_qpdf_and_embeds_every_font_subset(sample_doc, theme, tmp_path):
    path = write(sample_doc, theme, tmp_path)
    check = run([require("qpdf"), "--check", str(path)])
    assert check.returncode == 0, check.stdout + check.stderr
    fonts = pdffonts(path)
    assert fonts
    for font in fonts:
        assert (font["type"], font["emb"], font["sub"], font["uni"]) == ("TrueType", "yes", "yes", "yes"), font
    names = " ".join(f["name"] for f in fonts)
    assert "DejaVuSerif" in names and "IPAexMincho" in names  # the Japanese side is not tofu


def test_info_language_and_page_size(sample_doc, theme, tmp_path):
    path = write(sample_doc, theme, tmp_path)
    info = pdfinfo(path)
    assert plain(info["Title"]) == 'Sample Report on <Peace> & "Cooperation"'
    assert info["Author"] == "Jo Smith"
    assert info["Creator"] == "report-convert" and "report-convert" in info["Producer"]
    assert info["Subject"] and info["Keywords"].startswith("Sample Association of Japan")
    assert info["Page size"].startswith("595.276 x 841.89")
    assert b"/Lang (en)" in qdf(path)


def test_dates_come_from_source_date_epoch(sample_doc, theme, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    info = pdfinfo(write(sample_doc, theme, tmp_path, "a.pdf"))
    assert info["CreationDate"] == info["ModDate"] == "2023-11-14T22:13:20Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    assert pdfinfo(write(sample_doc, theme, tmp_path, "b.pdf"))["CreationDate"] == "2020-09-13T12:26:40Z"
    # Unset, the PDF carries the time it was built (not 1980, nor ReportLab's own clock reading).
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    before = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(days=1)
    stamp = pdfinfo(write(sample_doc, theme, tmp_path, "c.pdf"))["CreationDate"]
    assert stamp == repro.build_time().strftime("%Y-%m-%dT%H:%M:%SZ")
    assert before <= datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc) \
        <= datetime.now(timezone.utc)


def test_rebuilds_are_byte_identical_across_processes(sample_doc, theme, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # nothing else may read the clock
    first = PdfWriter().write(sample_doc, theme)
    time.sleep(1.1)
    assert PdfWriter().write(sample_doc, theme) == first
    script = ("import sys; from pathlib import Path; from convert import astjson; "
              "from convert.theme import load_theme; from convert.writers.pdf import PdfWriter; "
              f"doc = astjson.loads(Path({str(GOLDEN / 'sample.ast.json')!r}).read_text(encoding='utf-8')); "
              "sys.stdout.buffer.write(PdfWriter().write(doc, load_theme()))")
    env = os.environ | {"PYTHONHASHSEED": "12345"}
    other = subprocess.run([sys.executable, "-c", script], capture_output=True, env=env, cwd=ROOT, check=True)
    assert other.stdout == first


def test_outline_nests_speakers_under_sections(sample_doc, theme, tmp_path):
    path = write(sample_doc, theme, tmp_path)
    tree = [(e["title"], [k["title"] for k in e["kids"]]) for e in outline(path)]
    expected = [(s.title, [b.speaker.name for b in s.blocks if isinstance(b, n.Speech)])
                for s in sample_doc.blocks if isinstance(s, n.Section)]
    assert tree == expected
    assert all(e["destpageposfrom1"] >= 3 for e in outline(path))  # after title and contents


def test_contents_numbers_and_links_match_the_outline(seed_or_sample, theme, tmp_path):
    doc = seed_or_sample
    path = write(doc, theme, tmp_path)
    pages: dict[str, int] = {}
    for entry in outline(path):
        for item in [entry, *entry["kids"]]:
            pages.setdefault(item["title"], item["destpageposfrom1"])
    listed = {}
    for line in pdftotext(path, "-layout", "-f", "2", "-l", "3").splitlines():
        match = re.match(r"^\s*(\S.*?)\s{2,}(\d+)$", line)
        if match:
            listed[match.group(1)] = int(match.group(2))
    assert listed and all(pages[title] == number for title, number in listed.items() if title in pages)
    assert len(set(listed) & set(pages)) >= min(len(pages), 5)
    expanded = qdf(path)
    assert b"/Subtype /Link" in expanded and b"/URI" not in expanded


def test_deferred_page_numbers_on_a_longer_document(seed_doc, theme, tmp_path):
    """Contents numbers and "Page N of M" are forms filled in after layout: check every one."""
    doc = n.Document(seed_doc.meta, seed_doc.blocks * 4)
    path = write(doc, theme, tmp_path)
    total = int(pdfinfo(path)["Pages"])

    def flat(entries):
        return [page for e in entries for page in [e["destpageposfrom1"], *flat(e["kids"])]]

    heading_pages = flat(outline(path))
    first_body = min(heading_pages)
    assert first_body > 3  # the contents run over more than one page
    listed = [int(m.group(1)) for m in re.finditer(
        r"^\s*\S.*?\s{2,}(\d+)$", pdftotext(path, "-layout", "-f", "2", "-l", str(first_body - 1)), re.M)]
    assert listed == heading_pages and max(listed) >= 10
    for page in range(2, total + 1):
        assert f"Page {page} of {total}" in pdftotext(path, "-f", str(page), "-l", str(page)), page


@pytest.fixture(params=["sample", "seed"])
def seed_or_sample(request, sample_doc):
    if request.param == "sample":
        return sample_doc
    return request.getfixturevalue("seed_doc")


# --- text fidelity and safety ----------------------------------------------------------


def test_every_paragraph_comes_back_in_order(seed_or_sample, theme, tmp_path):
    doc = seed_or_sample
    path = write(doc, theme, tmp_path)
    # Right-to-left words are drawn as the page shows them, and poppler gives them back in reading
    # order; punctuation at a right-to-left run's end it may take into the run ("; emoji" after
    # Arabic words comes out before them): those paragraphs are compared word by word.
    assert_paragraphs_in_order(doc, path, skip=lambda t: bool(RTL.search(t)))
    words = [w for p in paragraphs(doc.blocks) for w in tokens(p)]
    found, upto = is_subsequence(words, tokens(pdftotext(path)))
    assert found, f"word {upto} ({words[upto]!r}) is missing"
    assert_nothing_overflows(path, theme)


def test_title_page_has_no_header_and_footers_count_pages(sample_doc, theme, tmp_path):
    path = write(sample_doc, theme, tmp_path)
    total = int(pdfinfo(path)["Pages"])
    first = pdftotext(path, "-f", "1", "-l", "1")
    assert "Page 1" not in first
    lines = [line.strip() for line in first.splitlines() if line.strip()]
    order = ["Sample Association of Japan", "present", "Dr. Ana Pérez", "Director, Institute of Sample Studies",
             "On", "Sample Report on <Peace> &", "Tuesday, 5 March 2024", "10:00-11:30 (Tokyo); 2:00-3:30 (Geneva)",
             "Report compiled by Jo Smith"]
    assert [line for line in lines if line in order] == order
    for page in range(2, total + 1):
        text = pdftotext(path, "-f", str(page), "-l", str(page))
        assert f"Page {page} of {total}" in text
        assert text.lstrip().startswith("Sample Report on <Peace>")  # the running header


def test_hostile_text_prints_literally_and_loads_nothing(sample_doc, theme, tmp_path):
    path = write(sample_doc, theme, tmp_path)
    text = squash(pdftotext(path))
    for snippet in ('<b>bold?</b>', '&amp;', ']]>', '<img src="/etc/passwd"/>', '<font size=200>big</font>',
                    '<script>alert(1)</script>', '<a href="javascript:alert(1)" onclick="x()">link</a>'):
        assert squash(snippet) in text, snippet
    expanded = qdf(path)
    for forbidden in (b"/URI", b"/Launch", b"/JavaScript", b"/Subtype /Image", b"/F (/etc/passwd)"):
        assert forbidden not in expanded


def test_control_characters_surrogates_and_emoji_do_not_crash(theme, tmp_path):
    text = "bell\x07 escape\x1b null\x00 lone\ud800 surrogate tab\there 👩‍👩‍👧 שלום end"
    doc = n.Document(n.Meta(title="Odd\x0c title\x00"), (n.Para((n.Text(text),)),))
    path = write(doc, theme, tmp_path)
    out = pdftotext(path)
    assert "bell escape null lone surrogate tab here" in " ".join(out.split())
    assert "end" in out and "\x07" not in out and "\x1b" not in out
    assert pdfinfo(path)["Title"] == "Odd title"


def test_symbols_and_emoji_are_drawn_in_the_symbol_font_and_copy_out_exactly(theme, tmp_path):
    from convert import fonts

    if fonts.register_installed(theme.fonts.symbols) is None:
        missing(f"none of {', '.join(theme.fonts.symbols)} is installed; install fonts-symbola")
    text = "Peace \U0001f54a \u262e \u2713 \U0001f600 \u267b family \U0001f469\u200d\U0001f467 done"
    path = write(n.Document(n.Meta(title="Symbols"), (n.Para((n.Text(text),)),)), theme, tmp_path)
    assert "Symbola" in font_names(path)
    assert text in pdftotext(path)  # characters beyond the BMP too (ReportLab's own CMap garbled them)


def test_without_a_symbol_font_the_run_still_succeeds(theme, tmp_path):
    theme = replace(theme, fonts=replace(theme.fonts, symbols=("No Such Symbol Font",)))
    path = write(n.Document(n.Meta(title="Symbols"), (n.Para((n.Text("smile \U0001f600 end"),)),)), theme, tmp_path)
    assert "smile \U0001f600 end" in pdftotext(path)
    assert "Symbola" not in font_names(path)


def test_the_to_unicode_map_is_reportlabs_for_the_bmp_and_utf16_beyond():
    import random

    from reportlab.pdfbase import ttfonts

    from convert.fonts import _deferred_font_class, to_unicode_cmap

    _deferred_font_class()  # puts ours in ReportLab's place
    assert ttfonts.makeToUnicodeCMap is to_unicode_cmap
    rng = random.Random(7)
    subset = [rng.choice([rng.randrange(0x20, 0xD800), rng.randrange(0xE000, 0x10000)]) for _ in range(256)]
    lines = to_unicode_cmap("AAAAAA+Font", subset).splitlines()
    assert lines[lines.index("256 beginbfchar") + 1:][:256] == [f"<{i:02X}> <{v:04X}>" for i, v in enumerate(subset)]
    assert "<01> <D83DDE00>" in to_unicode_cmap("AAAAAA+Font", [0x41, 0x1F600])


def test_lists_number_from_their_start(theme, tmp_path):
    items = tuple(n.Item((n.Para((n.Text(f"point {i}"),)),)) for i in range(3))
    nested = n.Item((n.Para((n.Text("outer"),)), n.BulletList((n.Item((n.Para((n.Text("inner"),)),)),))))
    doc = n.Document(blocks=(n.OrderedList(items, start=98), n.OrderedList((nested,), start=1)))
    text = pdftotext(write(doc, theme, tmp_path))
    assert re.search(r"98\.\s*point 0\s+99\.\s*point 1\s+100\.\s*point 2", text), text
    assert re.search(r"1\.\s*outer\s+•\s*inner", text), text


# --- scripts, bilingual editions, themes ---------------------------------------------------


def test_japanese_document_uses_ipaex_and_wraps(theme, tmp_path):
    doc = japanese_doc()
    path = write(doc, theme, tmp_path)
    names = font_names(path)
    assert "IPAexMincho" in names and "IPAexGothic" in names
    assert all(f["emb"] == "yes" for f in pdffonts(path))
    text = squash(pdftotext(path))
    assert squash(doc.meta.title) in text and "主催" in text and "報告書作成" in text
    assert_paragraphs_in_order(doc, path)
    assert_nothing_overflows(path, theme)
    assert [e["title"] for e in outline(path)] == ["開会の辞"]
    assert "3 / 3 ページ" in pdftotext(path, "-f", "3")  # the theme's Japanese footer


def test_japanese_words_in_english_text_get_the_cjk_font(theme, tmp_path):
    doc = n.Document(n.Meta(title="Peace 平和"), (
        n.Speech(n.Speaker("Mr. Akashi 明石"), (n.Para((n.Text("The word 平和 (heiwa) means "),
                                                         n.Emph((n.Text("peace 平和"),)))),)),))
    path = write(doc, theme, tmp_path)
    assert "IPAexMincho" in font_names(path)  # not tofu in DejaVu
    text = pdftotext(path)
    assert "The word 平和 (heiwa) means peace 平和" in text and "Mr. Akashi 明石" in text


def test_bilingual_parallel_blocks_render_both_sides_across_pages(theme, tmp_path):
    doc = bilingual_doc(repeat=3)
    path = write(doc, theme, tmp_path)
    assert run([require("qpdf"), "--check", str(path)]).returncode == 0
    assert int(pdfinfo(path)["Pages"]) >= 5  # each block is longer than a page and split
    middle = theme.page.margin_left + (theme.page.width - theme.page.margin_left - theme.page.margin_right) / 2
    height = str(int(theme.page.height))
    left = pdftotext(path, "-x", "0", "-y", "0", "-W", str(int(middle)), "-H", height)
    right = pdftotext(path, "-x", str(int(middle) + 1), "-y", "0", "-W", "600", "-H", height)
    for block in doc.blocks[0].blocks:
        for side, column in zip(block.blocks, (left, right)):
            words = tokens(n.plain_text(side.inlines))
            found, upto = is_subsequence(words, tokens(column))
            assert found, f"word {upto} of a parallel side is missing"
    assert_nothing_overflows(path, theme)


def test_compact_theme_gives_a5_pages(sample_doc, tmp_path):
    compact = load_theme(ROOT / "styles" / "compact.toml")
    path = write(sample_doc, compact, tmp_path)
    assert pdfinfo(path)["Page size"].startswith("419.528 x 595.276")
    assert "DejaVuSans" in font_names(path)
    assert_nothing_overflows(path, compact)


def test_missing_font_family_names_the_packages(sample_doc, theme):
    broken = replace(theme, fonts=replace(theme.fonts, body=("No Such Serif", "IPAMincho")))
    with pytest.raises(ConversionError, match="install fonts-ipafont"):
        PdfWriter().write(sample_doc, broken)


def test_font_lookup_reads_families_and_faces():
    from convert import fonts

    assert fonts.font_index() is fonts.font_index()  # one scan per process
    dejavu = fonts.find_family(("Nonexistent", "DejaVu Serif"))
    assert dejavu.name == "DejaVu Serif" and {f for f, _ in dejavu.faces} == set(fonts.FACES)
    assert fonts.find_family(("vera",)).face("bolditalic").path.endswith("VeraBI.ttf")
    ipaex = fonts.register(("IPAexMincho",))
    assert ipaex.bold == ipaex.italic == ipaex.regular  # no bold face: regular stands in
    assert fonts.find_family(("IPAex明朝",)).name == "IPAexMincho"


def test_registered_faces_are_read_only_when_used():
    """A face nobody draws with is never read; once used it is the face TTFont would have read."""
    from reportlab.pdfbase.ttfonts import TTFont

    from convert import fonts

    path = fonts.find_family(("Vera",)).face("bold")
    font = fonts._deferred_font_class()("deferred-vera-bold", path)
    assert "face" not in vars(font)
    assert font.stringWidth("Peace", 10) > 0 and "face" in vars(font)  # read on first use
    real = TTFont("real-vera-bold", path.path)
    assert set(vars(font)) - {"_file"} == set(vars(real))  # what TTFont.__init__ sets up, nothing less
    assert font.face.name == real.face.name and font.face.charWidths == real.face.charWidths
    assert font.stringWidth("Peace", 10) == real.stringWidth("Peace", 10)


def test_font_faces_come_back_from_the_cache_as_parsed(tmp_path, monkeypatch):
    from reportlab.pdfbase.ttfonts import TTFontFace

    from convert import fonts

    monkeypatch.setenv("REPORT_CONVERT_CACHE", str(tmp_path))
    file = fonts.find_family(("DejaVu Sans",)).face("bold")
    parsed = fonts.read_face(file)  # parsed, then stored
    assert len(list(tmp_path.glob("face-*.pickle"))) == 1
    monkeypatch.setattr(TTFontFace, "__init__", lambda *a, **k: pytest.fail("parsed although cached"))
    cached = fonts.read_face(file)
    assert set(vars(cached)) == set(vars(parsed))
    for name, value in vars(parsed).items():
        if name != "_pdfScale":
            assert vars(cached)[name] == value, name
    assert [cached._pdfScale(x) for x in (0, 1, 1000, 2048)] == [parsed._pdfScale(x) for x in (0, 1, 1000, 2048)]


def test_a_pdf_from_cached_faces_is_the_same_file(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORT_CONVERT_CACHE", str(tmp_path / "cache"))
    first = tmp_path / "first"
    second = tmp_path / "second"
    script = ("import sys; from convert.cli import main; "
              f"sys.exit(main(['{SEED}', '--pdf', '-q', '-o', sys.argv[1]]))")
    for out in (first, second):  # separate processes: the first parses and stores, the second reads
        subprocess.run([sys.executable, "-c", script, str(out)], check=True, cwd=ROOT)
    assert list((tmp_path / "cache").glob("face-*.pickle"))
    assert (first / f"{SEED.stem}.pdf").read_bytes() == (second / f"{SEED.stem}.pdf").read_bytes()


# --- scale ---------------------------------------------------------------------------


def test_seed_repeated_two_hundred_times(seed_doc, theme, tmp_path):
    """Speed is measured in benchmarks/; here: the seed x200 is laid out whole, outline and all."""
    seed = seed_doc
    doc = n.Document(seed.meta, seed.blocks * 200)
    path = write(doc, theme, tmp_path)
    assert int(pdfinfo(path)["Pages"]) > 1000
    assert len(outline(path)) == 200 * sum(isinstance(b, n.Section) for b in seed.blocks)


def test_many_speeches_build_without_recursion_errors(theme, tmp_path):
    speeches = tuple(n.Speech(n.Speaker(f"Speaker {i}", "Somewhere"), (n.Para((n.Text(f"Said {i}."),)),))
                     for i in range(5000))
    path = write(n.Document(n.Meta(title="Many"), (n.Section("All", "all", speeches),)), theme, tmp_path)
    [section] = outline(path)
    assert len(section["kids"]) == 5000 and section["kids"][-1]["title"] == "Speaker 4999"


# --- right-to-left words ------------------------------------------------------------


def test_right_to_left_runs_are_put_in_display_order():
    """Rule L2 on a left-to-right line: a run of right-to-left words (with the spaces between
    them) reversed, the rest in place; a line without one is left alone."""
    from convert.writers.pdf_bidi import display_order, display_pieces

    assert display_order("Dr. Anna Weiss spoke") is None
    line = "Prof. \u05d3\u05d5\u05d3 \u05db\u05d4\u05df spoke"  # Prof. <two Hebrew words> spoke
    order = display_order(line)
    assert "".join(char for _, char in order) == "Prof. \u05df\u05d4\u05db \u05d3\u05d5\u05d3 spoke"
    assert sorted(index for index, _ in order) == list(range(len(line)))
    # A bracket inside a right-to-left run is drawn mirrored (rule L4).
    assert "".join(char for _, char in display_order("\u05d0 (\u05d1) \u05d2")) == "\u05d2 (\u05d1) \u05d0"
    # A soft hyphen (set aside by the algorithm) stays at its word's end: to the left of a Hebrew word.
    assert "".join(char for _, char in display_order("see \u05d0\u05d1\u00ad")) == "see \u00ad\u05d1\u05d0"
    # Pieces (fragments of one font) keep their text together; one without text (a callback)
    # is drawn just before the character that follows it in the text (here the run's last, drawn).
    pieces = display_pieces(["thanks to ", "", "\u05d0\u05d1 \u05d2", " and"])
    assert pieces == [(0, "thanks to "), (2, "\u05d2 \u05d1"), (1, ""), (2, "\u05d0"), (3, " and")]


def test_right_to_left_names_read_back_in_reading_order(theme, tmp_path):
    """A paragraph with Hebrew and Arabic names, in the body and in the running header: poppler
    and our own reader give the words back in the order of the text."""
    from convert.pipeline import prepare

    hebrew, arabic = "\u05d3\u05d5\u05d3 \u05db\u05d4\u05df", "\u0633\u0644\u0645\u0649 \u064a\u0648\u0633\u0641"
    text = f"Then Prof. {hebrew} and Dr. {arabic} spoke about the plan in turn."
    doc = n.Document(meta=n.Meta(title=f"Remarks of {hebrew}"),
                     blocks=(n.Section("Opening", "opening", (n.Para((n.Text(text),)),)),))
    path = write(doc, theme, tmp_path)
    body_page = pdftotext(path, "-f", "3", "-l", "3")
    assert is_subsequence(tokens(text), tokens(body_page))[0]
    assert tokens(body_page.splitlines()[0]) == tokens(doc.meta.title)  # the running header
    read = prepare(path.read_bytes(), "out.pdf").document
    assert text in [n.plain_text(b.inlines) for b in n.iter_blocks(read.blocks) if isinstance(b, n.Para)]


def test_a_justified_line_too_loose_is_set_ragged():
    """A justified line whose word spaces would stretch past MAX_WORD_STRETCH ems (a few long
    words in a narrow column) is set ragged; the other inner lines stay justified."""
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle

    from convert.writers.pdf_flowables import MAX_WORD_STRETCH, Para, set_loose_lines_ragged

    style = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12, alignment=TA_JUSTIFY)
    text = ("the council met on monday and agreed on it "
            "intergovernmental decentralisation responsibilities "
            "and the plan was adopted in full by all of its members at the end")
    para = Para(text, style)
    para.wrap(190, 1000)
    before = para.blPara.lines
    stretch = [extra / (len(words) - 1) / 10 for extra, words in before[:-1]]
    assert any(s > MAX_WORD_STRETCH for s in stretch) and any(0 < s <= MAX_WORD_STRETCH for s in stretch)
    set_loose_lines_ragged(para)
    after = para.blPara.lines
    assert [words for _, words in after] == [words for _, words in before]
    assert [extra for extra, _ in after[:-1]] == [0.0 if s > MAX_WORD_STRETCH else extra
                                                  for s, (extra, _) in zip(stretch, before)]
