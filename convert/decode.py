"""Bytes to clean text: detect the encoding, refuse binary or broken input, unify newlines and spaces."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from .errors import Diagnostic, InputError

#: Inputs above this size are refused: no report is that long, and a limit keeps memory bounded.
MAX_INPUT_BYTES = 64 * 1024 * 1024
#: A line longer than this is no paragraph of a report (the longest in real dumps are a few
#: thousand characters); refusing it keeps every writer's layout work bounded.
MAX_LINE_CHARS = 200_000

_MAGIC = {
    b"%PDF-": "a PDF document",
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (DOCX, EPUB, ODT ...)",
    b"\x1f\x8b": "gzip-compressed data",
    b"\x7fELF": "an executable",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
    b"{\\rtf": "an RTF document",
}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Legacy encodings accepted when charset detection is confident about them.
_JAPANESE_AND_CJK = {"shift_jis", "cp932", "euc_jp", "iso2022_jp", "euc_jis_2004",
                     "shift_jis_2004", "gb18030", "gb2312", "gbk", "big5", "euc_kr", "cp949"}

# C0 and C1 controls except tab and newline; DEL too. Bidi and joiner marks (category Cf) are text.
#: Bytes that do not occur in text files: the C0 controls but tab, line feed, form feed, CR.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
#: Form feeds stay: they are the page breaks of a PDF-to-text dump, and the reader splits pages at them.
_NEWLINES = re.compile("\r\n|\r")
# NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR are no line breaks here: editors, grep and
# compilers number lines by line feeds alone, and so must every diagnostic. They do separate
# words, so they become spaces (NEL is not removed as the other C1 controls are).
_LINE_SEPARATORS = re.compile("[\x85\u2028\u2029]")
_SPACES = re.compile("[\u00a0\u2007\u202f\t\x85\u2028\u2029]")
_INVISIBLE = re.compile("[\ufeff\u00ad\ufffe]")  # a BOM inside the text, soft hyphens
#: The same, but for U+FFFE: in a dump's text it stays where it stands inside a line, as PDFium
#: writes it for a hyphen that broke a word at a line's end when it runs the two lines into
#: one; the text reader cuts the line there again (``readers.text.split_lines``).
_INVISIBLE_IN_DUMPS = re.compile("[\ufeff\u00ad]")
#: A soft hyphen (or the U+FFFE some extractors write for one) that ends a line is where a word was
#: broken: it becomes a hyphen, for the line joiner to decide on like any other line-end hyphen.
_BREAK_HYPHEN = re.compile("[\u00ad\ufffe]+[ \t]*\n")
#: Typographic ligatures (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ) that PDF extractors copy out of the font: plain letters.
_LIGATURES = re.compile("[\ufb00-\ufb06]")
# Any character one of the four patterns above would change: most text has none, and one
# search then replaces four passes over it.
_ANY_SPECIAL = re.compile("[\r\u2028\u2029\x85\u00a0\u2007\u202f\t\ufeff\u00ad\ufffe\ufb00-\ufb06\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text ready for the text reader, with what was done to get it."""

    text: str
    encoding: str
    diagnostics: tuple[Diagnostic, ...] = ()


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _refuse_binary(data: bytes, path: str) -> None:
    # Inputs are told by content, whatever their names: all but PDFs come here, so a ZIP named
    # report.pdf is told that it is neither kind of input. (A PDF comes only from a direct call.)
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            neither = "not a text file" if magic == b"%PDF-" else "not a text file or a PDF"
            raise InputError(f"this is {what}, {neither}", path)
    if b"\x00" in data:
        raise InputError("binary data (NUL bytes), not a text file or a PDF", path,
                         _line_of(data, data.index(b"\x00")))
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > max(2, len(sample) // 100):
        raise InputError("binary data (too many control bytes), not a text file or a PDF", path)


def _count_utf8(data: bytes) -> tuple[int, int, int]:
    """Return (valid multi-byte sequences, invalid bytes, offset of the first invalid byte)."""
    valid = invalid = 0
    first_bad = -1
    i, size = 0, len(data)
    while i < size:
        b = data[i]
        if b < 0x80:
            i += 1
            continue
        length = 2 if 0xC2 <= b <= 0xDF else 3 if 0xE0 <= b <= 0xEF else 4 if 0xF0 <= b <= 0xF4 else 0
        if length and i + length <= size:
            try:
                data[i:i + length].decode("utf-8")
            except UnicodeDecodeError:
                length = 0
        if length:
            valid += 1
            i += length
        else:
            invalid += 1
            if first_bad < 0:
                first_bad = i
            i += 1
    return valid, invalid, first_bad


def _plausible_western(text: str) -> bool:
    """Return True if every non-ASCII character of ``text`` is a letter, digit, punctuation,
    symbol or space (no private-use or control characters: those mark a wrong guess)."""
    return all(ch < "\x80" or unicodedata.category(ch)[0] in "LNPSZ" and not unicodedata.category(ch) == "Co"
               for ch in text)


def _decode_legacy(data: bytes, path: str) -> tuple[str, str]:
    """Return (text, encoding) of non-UTF-8 bytes when charset detection is confident, else refuse.

    Windows-1252 is named whenever it gives the same text as the detected encoding (for most
    Western text, cp1250 or Latin-1 and cp1252 agree); otherwise the detector's choice wins
    (Polish in cp1250, Russian in cp1251, Japanese in Shift-JIS), never a guess of ours.
    """
    from charset_normalizer import from_bytes  # imported only for non-UTF-8 input

    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.chaos > 0.2:
        raise InputError("cannot tell the text encoding with confidence; save the file as UTF-8", path)
    # Where Windows-1252 fits exactly as well as the detector's first choice ("naïve" reads as
    # "naïve" in cp1252 and "naďve" in cp1250), the far more common cp1252 is the right one.
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    best = next((m for m in tied if m.encoding == "cp1252"), best)
    text, guess = str(best), best.encoding
    if guess not in _JAPANESE_AND_CJK:
        try:
            if data.decode("cp1252") == text:
                guess = "cp1252"
        except UnicodeDecodeError:
            pass
        if not _plausible_western(text):
            raise InputError(f"cannot tell the text encoding with confidence (it may be {guess}); "
                             "save the file as UTF-8", path)
    return text, guess


def _decode(data: bytes, path: str, limit: int, refuse_binary) -> tuple[str, str]:
    """Return the text of ``data`` and its encoding: a BOM's, else UTF-8, else a legacy one told
    with confidence. Raises InputError for oversized, empty, binary (``refuse_binary``) or
    broken input."""
    if len(data) > limit:
        raise InputError(f"file is {len(data):,} bytes; the limit is {limit:,}", path)
    if not data or data.isspace():
        raise InputError("file is empty" if not data else "file contains only whitespace", path)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(f"invalid {encoding.upper()} data at byte {exc.start + len(bom)}", path) from None
    refuse_binary(data, path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    valid, invalid, first_bad = _count_utf8(data)
    if valid and valid >= invalid:
        raise InputError(f"invalid UTF-8 (byte 0x{data[first_bad]:02X} at offset {first_bad}); "
                         "the file is mostly UTF-8 but damaged", path, _line_of(data, first_bad))
    return _decode_legacy(data, path)


def decode_bytes(data: bytes, path: str = "") -> Decoded:
    """Return the text of ``data``; raise InputError for empty, binary, broken or oversized input."""
    return clean_text(*_decode(data, path, MAX_INPUT_BYTES, _refuse_binary), path)


def _refuse_nul(data: bytes, path: str) -> None:
    if b"\x00" in data:
        raise InputError("binary data (NUL bytes), not a text file", path, _line_of(data, data.index(b"\x00")))


def decode_markup(data: bytes, path: str = "", limit: int = MAX_INPUT_BYTES) -> Decoded:
    """Return the text of a markup source (HTML, Markdown, reStructuredText ...) for pandoc: the
    encoding told as a dump's is, binary input refused, but the text left as it is (indentation,
    tabs and long lines mean something in markup; pandoc cleans what it reads)."""
    return Decoded(*_decode(data, path, limit, _refuse_nul))


def clean_text(text: str, encoding: str, path: str = "") -> Decoded:
    """Return ``text`` with newlines unified, odd spaces made plain and stray controls removed."""
    diagnostics: list[Diagnostic] = []
    special = _ANY_SPECIAL.search(text)
    if special:
        text = _NEWLINES.sub("\n", text)
        text = _SPACES.sub(" ", text)
        text = _BREAK_HYPHEN.sub("-\n", text)
        text = _INVISIBLE_IN_DUMPS.sub("", text)
        text = _LIGATURES.sub(lambda match: unicodedata.normalize("NFKC", match.group()), text)
    if special and _CONTROL.search(text):
        for number, line in enumerate(text.split("\n"), 1):
            found = _CONTROL.findall(line)
            if found:
                diagnostics.append(Diagnostic(number, "control-characters", _removed(found)))
        text = _CONTROL.sub("", text)
    if not text or text.isspace():
        raise InputError("file contains no visible text", path)
    start = _overlong_line(text)
    if start >= 0:
        number = text.count("\n", 0, start) + 1
        end = text.find("\n", start)
        length = (len(text) if end < 0 else end) - start
        raise InputError(f"line {number} is {length:,} characters long; the limit is "
                         f"{MAX_LINE_CHARS:,} (a report paragraph is rarely over 20,000)", path, number)
    return Decoded(text, encoding, tuple(diagnostics))


def clean_line(text: str) -> str:
    """Return one line of a PDF's text cleaned as a dump's text is: odd spaces made plain, soft
    hyphens and stray controls removed, ligatures made letters."""
    if not _ANY_SPECIAL.search(text):
        return text
    text = _INVISIBLE.sub("", _SPACES.sub(" ", text))
    text = _LIGATURES.sub(lambda match: unicodedata.normalize("NFKC", match.group()), text)
    return _CONTROL.sub("", _LINE_SEPARATORS.sub(" ", text))


def remove_controls(text: str) -> tuple[str, str]:
    """Return ``text`` cleaned as report text is (line separators made spaces, C0 and C1 control
    characters removed) and what was removed, as a message ("" when nothing was)."""
    text = _LINE_SEPARATORS.sub(" ", text)
    found = _CONTROL.findall(text)
    return (_CONTROL.sub("", text), _removed(found)) if found else (text, "")


def _removed(found: list[str]) -> str:
    """Return the message for removed control characters ``found``."""
    codes = ", ".join(sorted({f"U+{ord(c):04X}" for c in found}))
    return f"removed {len(found)} control character(s) ({codes})"


def _overlong_line(text: str, limit: int = MAX_LINE_CHARS) -> int:
    """Return where the first line longer than ``limit`` starts, or -1.

    Steps from line start to line start a window of ``limit`` + 1 characters at a
    time, to the window's last newline: a window without one holds part of a line that
    is too long. A few steps cover a whole report, and no line is copied.
    """
    start, size = 0, len(text)
    while size - start > limit:
        last = text.rfind("\n", start, start + limit + 1)
        if last < 0:
            return start
        start = last + 1
    return -1


def read_bytes(path: str, limit: int = MAX_INPUT_BYTES, what: str = "text file") -> bytes:
    """Return up to ``limit`` + 1 bytes of the file at ``path`` (one more than allowed shows it is too
    large); raise InputError, naming the file, when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return handle.read(limit + 1)
    except IsADirectoryError:
        raise InputError(f"is a directory, not a {what}", path) from None
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except PermissionError:
        raise InputError("permission denied", path) from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), path) from None


def read_file(path: str) -> Decoded:
    """Return the decoded text of the file at ``path``; raise InputError with the reason if unusable."""
    return decode_bytes(read_bytes(path), path)
