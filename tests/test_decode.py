"""Decoding: the encodings read, the cleaning done, and every refusal with its message."""

from __future__ import annotations

import codecs
import random

import pytest

from convert.decode import MAX_INPUT_BYTES, decode_bytes
from convert.errors import InputError

TEXT = "Opening Remarks\n\nMr. André Dupont\nDirector, Centre d’études\n\nHe said the “café” meeting – in Paris – went well.\n"
JAPANESE = ("開会の辞\n\n明石康氏\n元国連事務次長\n\n明石氏は、本日の議論の主な主題は、特に国連に関する日本の国際平和協力であると述べた。"
            "二十一年前、日本の国会で重要な法律が採択され、政府はカンボジアの国連暫定統治機構に自衛隊と文民ボランティアを派遣できるようになった。\n")


@pytest.mark.parametrize("data,encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
    (TEXT.encode("cp1252"), "cp1252"),
])
def test_encodings_read(data, encoding):
    decoded = decode_bytes(data, "in.txt")
    assert decoded.encoding == encoding
    assert decoded.text == TEXT


@pytest.mark.parametrize("text,encoding", [
    ("Zażółć gęślą jaźń. Łódź i Kraków to piękne miasta w Polsce, a ich mieszkańcy są gościnni.", "cp1250"),
    ("Привет, как дела? Это тестовый текст на русском языке для проверки кодировки.", "cp1251"),
    ("Le café était naïve, dit-il. Ça coûte cher à Noël. Œuvre — «citation».", "cp1252"),
])
def test_legacy_single_byte_encodings_without_mojibake(text, encoding):
    decoded = decode_bytes(text.encode(encoding), "legacy.txt")
    assert (decoded.text, decoded.encoding) == (text, encoding)


def test_shift_jis_read_when_detection_is_confident():
    decoded = decode_bytes(JAPANESE.encode("shift_jis"), "ja.txt")
    assert decoded.encoding in ("shift_jis", "cp932", "shift_jis_2004")
    assert decoded.text == JAPANESE


def test_newlines_spaces_and_controls_cleaned():
    decoded = decode_bytes("a\r\nb\rc\u2028d\x0ce\u00a0f\tg\u00adh\x07i\x85j".encode("utf-8"), "in.txt")
    # A form feed is no newline: it stays, as the page break the reader splits pages at.
    # U+2028, U+2029 and U+0085 separate words but are no line breaks: lines are counted as
    # editors and grep count them, so the control character's line is 3.
    assert decoded.text == "a\nb\nc d\x0ce f gh" + "i j"
    assert [(d.line, d.code) for d in decoded.diagnostics] == [(3, "control-characters")]


def test_line_end_soft_hyphens_become_hyphens_and_ligatures_letters():
    decoded = decode_bytes("peace\u00ad \nkeeping, e\ufb03cient \ufb01nance".encode("utf-8"), "x")
    assert decoded.text == "peace-\nkeeping, efficient finance"


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_line_separators_do_not_shift_line_numbers(separator):
    decoded = decode_bytes(f"one{separator}two\nthree\nfour\x07\n".encode("utf-8"), "in.txt")
    assert decoded.text == "one two\nthree\nfour\n"
    assert [(d.line, d.message) for d in decoded.diagnostics] == [(3, "removed 1 control character(s) (U+0007)")]


def test_bidi_marks_and_emoji_are_text():
    text = "Arabic \u202bمرحبا\u202c and \u200fשלום; family 👩\u200d👩\u200d👧, flag 🇯🇵."
    assert decode_bytes(text.encode("utf-8"), "x").text == text


@pytest.mark.parametrize("data,message", [
    (b"", "file is empty"),
    (b"  \n\t\r\n ", "only whitespace"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
    (b"%PDF-1.7\n%\xe2\xe3", "PDF document"),
    (b"PK\x03\x04rest", "ZIP archive"),
    (b"text\x00with NUL", "binary data"),
    ("Good UTF-8 text – with dashes – and".encode() + b" one bad \xff byte", "invalid UTF-8"),
    (b"\x07\x08" * 50 + b"abc", "binary data"),
    (b"\xef\xbb\xbf\xff\xfe", "invalid UTF-8"),
])
def test_refusals(data, message):
    with pytest.raises(InputError) as info:
        decode_bytes(data, "bad.txt")
    assert message in str(info.value)
    assert str(info.value).startswith("bad.txt")


def test_almost_utf8_names_the_line():
    data = "line one – ok\nline two – ok\nline three".encode() + b" \xff bad\n"
    with pytest.raises(InputError) as info:
        decode_bytes(data, "bad.txt")
    assert info.value.line == 3
    assert "0xFF" in info.value.reason


def test_random_bytes_refused():
    data = random.Random(7).randbytes(4096)
    with pytest.raises(InputError):
        decode_bytes(data, "random.txt")


def test_size_limit(monkeypatch):
    import convert.decode as decode

    monkeypatch.setattr(decode, "MAX_INPUT_BYTES", 100)
    with pytest.raises(InputError, match="limit"):
        decode.decode_bytes(b"a" * 101, "big.txt")
    assert MAX_INPUT_BYTES >= 50 * 1024 * 1024


# --- the line-length limit ----------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from convert import decode  # noqa: E402


def _first_overlong_naively(text: str, limit: int) -> int:
    start = 0
    for line in text.split("\n"):
        if len(line) > limit:
            return start
        start += len(line) + 1
    return -1


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=40), max_size=30), st.integers(min_value=1, max_value=12))
def test_overlong_line_search_agrees_with_splitting(lengths, limit):
    text = "\n".join("x" * n for n in lengths)
    assert decode._overlong_line(text, limit) == _first_overlong_naively(text, limit)


def test_overlong_line_is_named_with_its_number_and_length():
    lines = ["short"] * 3 + ["y" * (decode.MAX_LINE_CHARS + 5)] + ["short"]
    with pytest.raises(InputError) as caught:
        decode_bytes("\n".join(lines).encode(), "long.txt")
    assert caught.value.line == 4
    assert f"line 4 is {decode.MAX_LINE_CHARS + 5:,} characters long" in caught.value.reason
    exact = "\n".join(["a", "z" * decode.MAX_LINE_CHARS, "b"]).encode()
    assert decode_bytes(exact, "exact.txt").text.split("\n")[1] == "z" * decode.MAX_LINE_CHARS


# --- character ranges ------------------------------------------------------------------


def test_char_ranges_agree_with_a_character_class_on_every_code_point():
    import re

    from convert.charranges import CharRanges

    ranges = ((0x41, 0x5A), (0x3000, 0x30FF), (0x4E00, 0x9FFF), (0x20000, 0x3FFFF), (0x10FFFF, 0x10FFFF))
    same = re.compile("[A-Z\u3000-\u30ff\u4e00-\u9fff\U00020000-\U0003ffff\U0010ffff]")
    tested = CharRanges(*reversed(ranges))  # any order
    assert all((chr(c) in tested) == bool(same.match(chr(c))) == tested.found_in(chr(c)) for c in range(0x110000))
    assert tested.found_in("“a quoted phrase” – and 開") and not tested.found_in("“a quoted phrase” – and")


def test_char_ranges_refuse_overlaps_and_reversed_ranges():
    from convert.charranges import CharRanges

    with pytest.raises(ValueError):
        CharRanges((0x10, 0x20), (0x20, 0x30))
    with pytest.raises(ValueError):
        CharRanges((0x30, 0x20))
