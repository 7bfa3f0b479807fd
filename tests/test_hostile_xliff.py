"""Translated XLIFF as an attacker would send it back: every attempt refused or made harmless.

Each command runs in a child process that reports the peak memory of what it ran; each
asserts the exit status, the one-line message (naming the file, and the unit where there is
one) and that nothing appeared outside the output folder. Huge files are made here, never
committed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from convert import nodes as n
from convert.errors import ConversionError
from convert.pipeline import output_path
from convert.typography import plain
from convert.translate import merge, pseudo_translate
from convert.translate.xliff_read import (MAX_TARGET_CHARS, MAX_XLIFF_BYTES, MAX_XLIFF_MARKUP, TARGET_EXPANSION,
                                          TARGET_SLACK_CHARS)
from convert.writers.xliff import Xliff12Writer, Xliff21Writer
from convert.writers.xliff_units import collect, iter_units

from .conftest import FIXTURES, ROOT, SEED

JA_XLIFF = FIXTURES / "seed.ja.xlf"
STEM = SEED.stem
# The target of the seed's opening paragraph in seed.ja.xlf, the unit the big targets replace.
OPENING = "開会挨拶において明石氏は、本日の主な議題は、とりわけ国連に関わる日本の国際平和協力であると述べた。"
OPENING_UNIT = "p-653e820257"

#: Peak memory (resident set, MiB) allowed to a merge that is refused, and to one of a file at
#: the limits. Measured: the seed's merge takes about 30 MiB with --json, 125 with --all (the
#: PDF's process); a refused 60 MB target 150; a file with 999,000 empty elements 155.
REFUSED_CEILING_MB = 250
AT_LIMITS_CEILING_MB = 400

# Runs argv[2:] and prints the peak resident memory (KiB) of it and its children; argv[1], when
# not 0, caps the address space, so that a regression fails here instead of taking the machine.
_MEASURE = """
import resource, subprocess, sys
cap = int(sys.argv[1])
def limit():
    if cap:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
code = subprocess.run(sys.argv[2:], preexec_fn=limit).returncode
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(code)
"""


@dataclass
class Run:
    code: int
    stderr: str
    peak_mb: float
    seconds: float

    @property
    def errors(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if ": error: " in line]


def run_measured(*args: str, address_space_gb: float = 3) -> Run:
    """Return how ``report-convert *args`` ended, run in a child process with its peak memory."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    cap = int(address_space_gb * 2**30)
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-c", _MEASURE, str(cap), sys.executable, "-m", "convert", *args],
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    seconds = time.monotonic() - start
    peak_kib = int(result.stdout.strip().splitlines()[-1])
    return Run(result.returncode, result.stderr, peak_kib / 1024, seconds)


def tree(folder: Path) -> dict[str, int]:
    """Return every file and folder under ``folder`` with its size (folders: -1)."""
    return {str(p.relative_to(folder)): (p.stat().st_size if p.is_file() else -1) for p in folder.rglob("*")}


def assert_refused(run: Run, pattern: str, code: int = 1) -> None:
    """Assert a clean refusal: exit ``code``, one error line matching ``pattern``, memory bounded."""
    assert run.code == code, run.stderr
    assert "Traceback" not in run.stderr
    assert len(run.errors) == 1, run.stderr
    assert re.search(pattern, run.errors[0]), run.stderr
    for leak in ("<string>", "XML_PARSE_HUGE", "xmlParse", "libxml"):
        assert leak not in run.stderr
    assert run.peak_mb < REFUSED_CEILING_MB, f"{run.peak_mb:.0f} MiB"


@pytest.fixture(scope="module")
def ja_20() -> str:
    return JA_XLIFF.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def ja_12(seed_doc, theme) -> str:
    """The seed's XLIFF 1.2, pseudo-translated into "ja"."""
    return pseudo_translate(Xliff12Writer(target_lang="ja").write(seed_doc, theme)).decode("utf-8")


def xliff_with_lang(ja_20: str, ja_12: str, version: str, lang: str) -> str:
    """Return the translated seed XLIFF of ``version`` with ``lang`` (already escaped) as its target language."""
    if version == "2.x":
        return ja_20.replace('trgLang="ja"', f'trgLang="{lang}"', 1)
    return ja_12.replace('target-language="ja"', f'target-language="{lang}"', 1)


def merge_run(tmp_path: Path, xliff: str | bytes, *flags: str, **kwargs) -> tuple[Run, Path]:
    """Return the run of merging ``xliff`` into the seed, with -o deep inside ``tmp_path``, and -o."""
    path = tmp_path / "translated.xlf"
    path.write_bytes(xliff.encode("utf-8") if isinstance(xliff, str) else xliff)
    out = tmp_path / "a" / "b" / "out"
    return run_measured("merge", str(SEED), str(path), *flags, "-o", str(out), **kwargs), out


# --- file names: traversal, quotes, normalisation -------------------------------------------


# With -o tmp_path/a/b/out, each would land inside tmp_path (where the tree is compared), the
# long one after a detour that makes it too long for a language tag.
TRAVERSALS = ["x/../../../../PWNED", "x/" + "../" * 4 + "a/../" * 6 + "PWNED", "../PWNED", "ja/..", "ja\\..\\x"]


@pytest.mark.parametrize("version", ["2.x", "1.2"])
@pytest.mark.parametrize("bilingual", [False, True])
@pytest.mark.parametrize("lang", TRAVERSALS)
def test_traversal_in_the_target_language_is_refused(tmp_path, ja_20, ja_12, version, bilingual, lang):
    before = tree(tmp_path)
    flags = ("--all", "--bilingual") if bilingual else ("--all",)
    run, out = merge_run(tmp_path, xliff_with_lang(ja_20, ja_12, version, lang), *flags)
    attribute = "trgLang" if version == "2.x" else "target-language"
    assert_refused(run, rf"translated\.xlf:\d+: error: {attribute}: .*(not a language tag|characters long)")
    assert tree(tmp_path) == {**before, "translated.xlf": (tmp_path / "translated.xlf").stat().st_size}
    assert not out.exists()


@pytest.mark.parametrize("lang", ["de&quot; onload=&quot;alert(1)", "de&gt;&lt;script&gt;", "ja' x='1",
                                  "ja&#10;JP", "ja&#0;", "zzz", "", "ja-JP-" + "a" * 40])
@pytest.mark.parametrize("version", ["2.x", "1.2"])
def test_quotes_brackets_and_invalid_tags_are_refused(tmp_path, ja_20, ja_12, lang, version):
    run, out = merge_run(tmp_path, xliff_with_lang(ja_20, ja_12, version, lang), "--all")
    if lang == "ja&#0;":  # not even XML: one line, our words
        assert_refused(run, r"translated\.xlf:\d+: error: the XLIFF file is not well-formed XML \(column \d+\): "
                            r"a character XML does not allow \(NUL or another control character\)$")
    else:
        assert_refused(run, r"translated\.xlf:\d+: error: (trgLang|target-language): "
                            r"(.* is not a (registered )?language tag|the language tag is empty|.* characters long)")
    assert not out.exists()


def test_a_language_in_xml_lang_is_checked_too(tmp_path, ja_20):
    data = ja_20.replace(' trgLang="ja"', "", 1).replace("<xlf:target>", '<xlf:target xml:lang="x/../../y">', 1)
    run, out = merge_run(tmp_path, data, "--json")
    assert_refused(run, r"translated\.xlf:\d+: error: xml:lang: 'x/../../y' is not a language tag")
    assert not out.exists()


@pytest.mark.parametrize("version", ["2.x", "1.2"])
def test_language_tags_are_normalised(tmp_path, ja_20, ja_12, version):
    run, out = merge_run(tmp_path, xliff_with_lang(ja_20, ja_12, version, "JA_jp"), "--json", "--pdf")
    assert run.code == 0, run.stderr
    assert sorted(p.name for p in out.iterdir()) == [f"{STEM}.ja-JP.json", f"{STEM}.ja-JP.pdf"]
    assert json.loads((out / f"{STEM}.ja-JP.json").read_text(encoding="utf-8"))["meta"]["lang"] == "ja-JP"
    # Treated as Japanese: the PDF says so, and embeds the Japanese font.
    pdf = (out / f"{STEM}.ja-JP.pdf").read_bytes()
    assert b"/Lang (ja-JP)" in pdf
    assert b"IPAex" in pdf
    bilingual, out = merge_run(tmp_path, xliff_with_lang(ja_20, ja_12, version, "ja_JP"), "--json", "--bilingual")
    assert bilingual.code == 0, bilingual.stderr
    assert f"{STEM}.en-ja-JP.json" in {p.name for p in out.iterdir()}


def test_a_normalised_tag_gives_a_valid_epub(tmp_path, ja_20):
    from .validators import check_epub

    run, out = merge_run(tmp_path, ja_20.replace('trgLang="ja"', 'trgLang="ja_JP"'), "--epub")
    assert run.code == 0, run.stderr
    epub = out / f"{STEM}.ja-JP.epub"
    assert check_epub(epub) == []
    with zipfile.ZipFile(epub) as archive:
        assert "<dc:language>ja-JP</dc:language>" in archive.read("EPUB/content.opf").decode("utf-8")


@pytest.mark.parametrize("lang", ["x/../../../PWNED", 'de" onload="alert(1)', "zzz"])
def test_invalid_target_lang_on_the_command_line_is_a_usage_error(tmp_path, lang):
    before = tree(tmp_path)
    for args in (["pseudo", str(JA_XLIFF), "-o", str(tmp_path / "out" / "p.xlf"), "--target-lang", lang],
                 [str(SEED), "--xliff", "-o", str(tmp_path / "out"), "--target-lang", lang]):
        run = run_measured(*args)
        assert_refused(run, r"error: argument --target-lang: .*(not a (registered )?language tag|characters long)",
                       code=2)
        assert tree(tmp_path) == before


def test_pseudo_refuses_a_hostile_language_in_the_file_and_normalises_a_good_one(tmp_path, ja_20):
    hostile = tmp_path / "hostile.xlf"
    hostile.write_text(ja_20.replace('trgLang="ja"', 'trgLang="de&quot; onload=&quot;x"'), encoding="utf-8")
    run = run_measured("pseudo", str(hostile), "-o", str(tmp_path / "p.xlf"))
    assert_refused(run, r"hostile\.xlf:2: error: trgLang: 'de\" onload=\"x' is not a language tag")
    assert not (tmp_path / "p.xlf").exists()
    assert b'trgLang="ja-JP"' in pseudo_translate(ja_20.replace('trgLang="ja"', 'trgLang="ja_jp"').encode())


def test_output_names_that_would_leave_the_folder_are_refused(tmp_path, seed_doc, theme):
    from convert.batch import write_outputs
    from convert.registry import FormatRequest

    out = tmp_path / "out"
    assert output_path(out, "report.ja.json") == out / "report.ja.json"
    for name in ("../x.json", "a/b.json", "..", ".", "", "x\0.json", str(tmp_path / "abs.json")):
        with pytest.raises(ConversionError, match="not a file name inside the output folder"):
            output_path(out, name)
    written, failures = write_outputs(seed_doc, [FormatRequest("json")], theme, out, "report.x/../../y")
    assert written == [] and len(failures) == 1
    assert "refused to write 'report.x/../../y.json': not a file name inside the output folder" in failures[0]
    assert tree(tmp_path) == {}


# --- limits: size, markup, targets ----------------------------------------------------------


def _write_huge(path: Path, head: str, piece: bytes, count: int, tail: str) -> None:
    """Write ``head``, ``piece`` ``count`` times, ``tail`` to ``path``, a few MB at a time."""
    with open(path, "wb") as stream:
        stream.write(head.encode("utf-8"))
        batch = max(1, (4 << 20) // len(piece))
        for start in range(0, count, batch):
            stream.write(piece * min(batch, count - start))
        stream.write(tail.encode("utf-8"))


def _split_at_opening(ja_20: str) -> tuple[str, str]:
    head, tail = ja_20.split(OPENING, 1)
    return head, tail


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path, ja_20):
    """200 MB of target text split into 1 MB pieces by comments, as in the report."""
    head, tail = _split_at_opening(ja_20)
    path = tmp_path / "huge.xlf"
    _write_huge(path, head, b"a" * (1 << 20) + b"<!---->", 200, tail)
    out = tmp_path / "out"
    for flags in (["--json"], ["--all"], ["--all", "--bilingual"]):
        run = run_measured("merge", str(SEED), str(path), *flags, "-o", str(out))
        assert_refused(run, rf"huge\.xlf: error: the file is over the limit of {MAX_XLIFF_BYTES:,} bytes$")
        assert run.peak_mb < 120, f"{run.peak_mb:.0f} MiB: the file was read"
    assert not out.exists()


@pytest.mark.parametrize("flags", [("--json",), ("--all",)])
def test_a_huge_target_within_the_size_limit_is_refused_naming_the_unit(tmp_path, ja_20, flags):
    """60 MB of target text in 1 MB pieces: under the file limit, far over the target's."""
    head, tail = _split_at_opening(ja_20)
    path = tmp_path / "translated.xlf"
    _write_huge(path, head, b"a" * (1 << 20) + b"<!---->", 60, tail)
    out = tmp_path / "out"
    run = run_measured("merge", str(SEED), str(path), *flags, "-o", str(out))
    line = head.count("\n", 0, head.rindex("<xlf:unit ")) + 1  # errors name the line of the <unit>
    assert_refused(run, rf"translated\.xlf:{line}: error: unit {OPENING_UNIT}: the target is over [\d,]+ characters "
                        rf"long; a target may have at most {TARGET_EXPANSION} times the characters of its source")
    assert run.seconds < 60
    assert not out.exists()


def test_many_small_text_nodes_are_refused_quickly(tmp_path, ja_20):
    """A 1 MB target in one-character pieces (the report's 116 s case with --all)."""
    head, tail = _split_at_opening(ja_20)
    path = tmp_path / "translated.xlf"
    _write_huge(path, head, "あ<!---->".encode(), (1 << 20) // 10, tail)
    run, out = merge_run(tmp_path, path.read_bytes(), "--all")
    assert_refused(run, rf"error: unit {OPENING_UNIT}: the target is over")
    assert run.seconds < 30
    assert not out.exists()


def test_too_much_markup_is_refused_before_parsing(tmp_path, ja_20):
    head, tail = _split_at_opening(ja_20)
    path = tmp_path / "translated.xlf"
    _write_huge(path, head, b"<x/>", MAX_XLIFF_MARKUP, tail)
    run, out = merge_run(tmp_path, path.read_bytes(), "--json")
    assert_refused(run, rf"translated\.xlf: error: the XLIFF file has [\d,]+ tags and comments; "
                        rf"the limit is {MAX_XLIFF_MARKUP:,}$")
    assert not out.exists()


def test_markup_just_under_the_limit_stays_within_memory(tmp_path, ja_20):
    """The most tree a file may make: a segment's target all empty elements (its text is then empty)."""
    head, tail = _split_at_opening(ja_20)
    path = tmp_path / "translated.xlf"
    _write_huge(path, head, b"<x/>", MAX_XLIFF_MARKUP - ja_20.count("<") - 10, tail)
    run, out = merge_run(tmp_path, path.read_bytes(), "--json")
    assert run.code == 0, run.stderr
    merged = json.loads((out / f"{STEM}.ja.json").read_text(encoding="utf-8"))
    opening = merged["blocks"][0]["blocks"][0]["blocks"][0]["inlines"][0]["text"]
    assert opening.startswith("明石氏は、21年前に") and OPENING not in opening
    assert run.peak_mb < AT_LIMITS_CEILING_MB, f"{run.peak_mb:.0f} MiB"


def _doc_with_paragraph(text: str) -> n.Document:
    return n.Document(n.Meta(title="Report", lang="en"), (n.Para((n.Text(text),), (3, 3)),))


def _translated(doc: n.Document, theme, target: str, version: str = "2.1") -> bytes:
    """Return ``doc``'s XLIFF, pseudo-translated, with the last unit's (the paragraph's) target set to ``target``."""
    from lxml import etree

    writer = (Xliff21Writer if version == "2.1" else Xliff12Writer)(target_lang="de")
    root = etree.fromstring(pseudo_translate(writer.write(doc, theme)))
    last = [t for t in root.iter("{*}target")][-1]
    for child in list(last):
        last.remove(child)
    last.text = target
    return etree.tostring(root)


@pytest.mark.parametrize("version", ["2.1", "1.2"])
def test_target_limits_relative_and_absolute(theme, version):
    short = _doc_with_paragraph("Questions and answers.")
    allowed = TARGET_EXPANSION * len("Questions and answers.") + TARGET_SLACK_CHARS
    merged, _ = merge(short, _translated(short, theme, "x" * allowed, version))
    assert n.plain_text(merged.blocks[0].inlines) == "x" * allowed
    with pytest.raises(ConversionError, match=rf"t\.xlf:\d+: unit p-\w+: the target is over {allowed} characters"):
        merge(short, _translated(short, theme, "x" * (allowed + 1), version), name="t.xlf")
    long = _doc_with_paragraph("word " * 60_000)
    merged, _ = merge(long, _translated(long, theme, "y" * MAX_TARGET_CHARS, version))
    with pytest.raises(ConversionError, match=f"the limit for one unit is {MAX_TARGET_CHARS:,}"):
        merge(long, _translated(long, theme, "y" * (MAX_TARGET_CHARS + 1), version))


# --- control characters and line separators ---------------------------------------------------


def test_control_characters_in_targets_are_removed_with_a_warning(tmp_path, ja_20):
    data = ja_20.replace(OPENING, "開会&#x85;挨拶&#x9B;において&#x7F;明石氏は<cp hex=\"1B\"/>、" + OPENING[11:], 1)
    data = data.replace("<cp ", "<xlf:cp ")
    run, out = merge_run(tmp_path, data, "--json", "--docx", "--html")
    assert run.code == 0, run.stderr
    warnings = [line for line in run.stderr.splitlines() if "control character" in line]
    assert len(warnings) == 1, run.stderr
    assert re.fullmatch(rf".*translated\.xlf:\d+: warning: unit {OPENING_UNIT}: removed 3 control character\(s\) "
                        r"\(U\+001B, U\+007F, U\+009B\) from the target \[control-characters\]", warnings[0])
    merged = (out / f"{STEM}.ja.json").read_text(encoding="utf-8")
    opening = json.loads(merged)["blocks"][0]["blocks"][0]["blocks"][0]["inlines"][0]["text"]
    assert opening.startswith("開会 挨拶において明石氏は、")  # NEL made a space, the others removed
    html = (out / f"{STEM}.ja.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(out / f"{STEM}.ja.docx") as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    for text in (merged, html, document):
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]|\\\\u00[0189]", text)


def test_line_separators_in_a_source_do_not_shift_line_numbers(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    lines = text.split("\n")
    lines[2] = lines[2].replace(" ", "\x85", 1)
    lines[3] = lines[3].replace(" ", "\u2028", 1)
    lines[4] = lines[4].replace(" ", "\u2029", 1)
    changed = tmp_path / "separated.txt"
    changed.write_text("\n".join(lines), encoding="utf-8")
    plain = subprocess.run([sys.executable, "-m", "convert", "outline", str(SEED)], capture_output=True, text=True,
                           cwd=ROOT, timeout=600)
    separated = subprocess.run([sys.executable, "-m", "convert", "outline", str(changed)], capture_output=True,
                               text=True, cwd=ROOT, timeout=600)
    assert separated.returncode == 0, separated.stderr
    numbers = re.compile(r"\[\d+(?:-\d+)?\]")
    assert numbers.findall(separated.stdout) == numbers.findall(plain.stdout) != []


# --- what already held: entities, DTDs, depth, XInclude, markup ----------------------------------

ENTITY_ATTACKS = {
    "xxe": '<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    "parameter": '<!DOCTYPE xliff [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>',
    "network-dtd": '<!DOCTYPE xliff SYSTEM "http://example.invalid/xliff.dtd">',
    "billion-laughs": '<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {b} "{("&" + a + ";") * 10}">' for a, b in zip("abcdefgh", "bcdefghi")) + "]>",
}


@pytest.mark.parametrize("attack", ENTITY_ATTACKS)
@pytest.mark.parametrize("version", ["2.x", "1.2"])
def test_entity_attacks_are_refused(tmp_path, ja_20, ja_12, attack, version):
    data = ja_20 if version == "2.x" else ja_12
    declaration, rest = data.split("\n", 1)
    body = rest.replace(OPENING, "&xxe;&i;") if version == "2.x" else rest
    run, out = merge_run(tmp_path, f"{declaration}\n{ENTITY_ATTACKS[attack]}\n{body}", "--json")
    assert_refused(run, r"translated\.xlf(:\d+)?: error: (the XLIFF file has a document type declaration"
                        r"|the XLIFF file is not well-formed XML)")
    assert not out.exists()


def test_deeply_nested_codes_are_refused(tmp_path, ja_20):
    deep = '<xlf:pc id="1">' * 10_000 + "x" + "</xlf:pc>" * 10_000
    run, out = merge_run(tmp_path, ja_20.replace(OPENING, deep, 1), "--json")
    assert_refused(run, r"translated\.xlf:\d+: error: the XLIFF file is not well-formed XML \(column \d+\): "
                        r".*nested over 256 deep")
    assert not out.exists()


def test_xinclude_and_markup_in_targets_are_text(tmp_path, ja_20):
    target = ('&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; '
              '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/>'
              '<![CDATA[<b onclick="x">bold?</b>]]>' + OPENING)
    run, out = merge_run(tmp_path, ja_20.replace(OPENING, target, 1), "--json", "--html")
    assert run.code == 0, run.stderr
    html = plain(" ".join((out / f"{STEM}.ja.html").read_text(encoding="utf-8").split()))  # typeset: 「x」
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html and "<img src=x" not in html
    assert '&lt;b onclick="x"&gt;bold?&lt;/b&gt;' in html or "&lt;b onclick=&quot;x&quot;&gt;" in html
    assert "root:" not in html and "root:" not in (out / f"{STEM}.ja.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("data,pattern", [
    (b"<xliff>\x00</xliff>", r"x\.xlf:1: error: the XLIFF file is not well-formed XML \(column \d+\): "
                             r"a character XML does not allow \(NUL or another control character\)$"),
    (b"<xliff version='2.1' xmlns='urn:oasis:names:tc:xliff:document:2.0'>\n<file>\n</xliff>",
     r"x\.xlf:3: error: the XLIFF file is not well-formed XML \(column \d+\): an end tag that does not match"),
    (b"<xliff>" + b"a" * 11_000_000 + b"</xliff>",
     r"x\.xlf:1: error: the XLIFF file is not well-formed XML \(column \d+\): text of over 10,000,000 characters"),
], ids=["nul", "mismatched-end-tag", "huge-text"])  # short ids: pytest puts the id in the environment
def test_syntax_errors_are_one_line_in_our_words(tmp_path, data, pattern):
    path = tmp_path / "x.xlf"
    path.write_bytes(data)
    for args in (["merge", str(SEED), str(path), "--json", "-o", str(tmp_path / "out")],
                 ["pseudo", str(path), "-o", str(tmp_path / "out" / "p.xlf")]):
        assert_refused(run_measured(*args), pattern)
    assert not (tmp_path / "out").exists()


def test_units_are_counted_in_every_file_version(seed_doc, theme, ja_12):
    """The 1.2 fixture used above is a translation of every unit of the seed (else its tests test less)."""
    units = {u.id for u in iter_units(collect(seed_doc))}
    assert units and all(f'id="{unit}"' in ja_12 for unit in units)
    assert OPENING_UNIT in units


@pytest.mark.parametrize("unit_id", ["x&#10;translated.xlf:1: error: forged", "y" * 5000, "a&#x2028;b"])
def test_unit_ids_from_the_file_are_shown_on_one_line(tmp_path, ja_20, unit_id):
    run, out = merge_run(tmp_path, ja_20.replace(f'id="{OPENING_UNIT}"', f'id="{unit_id}"', 1), "--json")
    assert_refused(run, r"error: the XLIFF does not belong to this source document: 1 unit\(s\) unknown to this "
                        r"document \('.{1,60}(\.\.\.)?'\); 1 unit\(s\) missing from the XLIFF")
    assert len(run.stderr.splitlines()) == 1 and len(run.stderr) < 500
    assert not out.exists()


def test_help_states_the_limits():
    for command, texts in (("merge", [f"{MAX_XLIFF_BYTES:,} bytes", f"{MAX_XLIFF_MARKUP:,} tags",
                                      f"{TARGET_EXPANSION} x its source's characters + {TARGET_SLACK_CHARS}",
                                      f"{MAX_TARGET_CHARS:,} at most", "BCP 47"]),
                           ("pseudo", [f"{MAX_XLIFF_BYTES:,} bytes", f"{MAX_XLIFF_MARKUP:,} tags", "BCP 47"])):
        shown = subprocess.run([sys.executable, "-m", "convert", command, "--help"], capture_output=True, text=True,
                               cwd=ROOT, timeout=600)
        assert shown.returncode == 0
        for text in texts:
            assert text in shown.stdout, (command, text)


# --- links, notes and images: what a target may not do ------------------------------------------

from .test_editions import NOTES_REPORT, NOTES_STEM, link_targets  # noqa: E402

EVIL = ("javascript:alert(1)", "javascript:alert(2)", "javascript:alert(3)", "https://evil.example/")


@pytest.fixture(scope="module")
def notes_xliff(tmp_path_factory) -> dict[str, str]:
    """The notes report (notes and links recovered from its text), its source, and its XLIFF
    2.1 and 1.2 pseudo-translated."""
    out = tmp_path_factory.mktemp("notes")
    source = out / f"{NOTES_STEM}.txt"
    source.write_text(NOTES_REPORT, encoding="utf-8")
    run = run_measured(str(source), "--xliff", "-o", str(out))
    assert run.code == 0, run.stderr
    return {"source": str(source),
            "2.x": pseudo_translate((out / f"{NOTES_STEM}.xlf").read_bytes()).decode("utf-8"),
            "1.2": pseudo_translate((out / f"{NOTES_STEM}.12.xlf").read_bytes()).decode("utf-8")}


def _merge_notes(tmp_path: Path, notes_xliff: dict[str, str], data: str) -> tuple[Run, Path]:
    path = tmp_path / "translated.xlf"
    path.write_text(data, encoding="utf-8")
    out = tmp_path / "out"
    return run_measured("merge", notes_xliff["source"], str(path), "--json", "--html", "-o", str(out)), out


#: The links of the notes report, in the order ``link_targets`` gives them.
NOTES_LINKS = ["mailto:info@example.org", "https://example.org/plan?a=1&b=2", "https://undocs.org/A/70/95"]


@pytest.mark.parametrize("version", ["2.x", "1.2"])
def test_a_url_in_a_target_never_becomes_a_link(tmp_path, notes_xliff, version):
    """A translator (or whoever edits the file) changes the links' original data, adds href
    attributes, native codes and new link codes: the links lead where the source's led."""
    from convert import astjson

    data = notes_xliff[version]

    def edit(old: str, new: str, count: int = 1) -> None:
        nonlocal data
        assert data.count(old) >= count, old
        data = data.replace(old, new, count)

    if version == "2.x":
        edit('&lt;a href="https://example.org/plan', '&lt;a href="' + EVIL[0])
        edit('&lt;a href="mailto:info@example.org"', f'&lt;a href="{EVIL[1]}"')
        edit('<pc id="4" type="link"', f'<pc xmlns:h="http://www.w3.org/1999/xhtml" h:href="{EVIL[2]}" id="4" '
                                       f'type="link"', 2)
        edit("ƒöŕ ɱöŕé.", '<pc id="9" type="link" dataRefStart="d3" dataRefEnd="d4">click me</pc>'
                          f'<sc id="8" type="link" dataRef="d5"/>or me<ec startRef="8"/>{EVIL[3]}')
    else:
        edit("ƒöŕ ɱöŕé.", f'<g id="9" ctype="link">click me</g><bpt id="8" ctype="link">&lt;a href="{EVIL[2]}"'
                          f'&gt;</bpt>or me<ept id="8">&lt;/a&gt;</ept><bx id="7" ctype="link"/>{EVIL[3]}<ex id="7"/>')
        edit('<g id="4" ctype="link">', f'<g id="4" ctype="link" equiv-text="{EVIL[1]}">')
    run, out = _merge_notes(tmp_path, notes_xliff, data)
    assert run.code == 0, run.stderr
    warnings = [line for line in run.stderr.splitlines() if "translated.xlf" in line]
    assert warnings and all(re.search(r"translated\.xlf:\d+: warning: unit p-[0-9a-f]{10}: code [789] is a link the "
                                      r"source does not have: its text is kept without a link", line)
                            for line in warnings), run.stderr
    merged = astjson.loads((out / f"{NOTES_STEM}.qps.json").read_text(encoding="utf-8"))
    assert link_targets(merged) == NOTES_LINKS
    html = (out / f"{NOTES_STEM}.qps.html").read_text(encoding="utf-8")
    assert "click me" in html and "or me" in html
    assert "javascript" not in html.replace(EVIL[3], "") and 'href="https://evil' not in html
    assert "javascript" not in (out / f"{NOTES_STEM}.qps.json").read_text(encoding="utf-8")


def test_forged_and_repeated_note_marks_add_no_note(tmp_path, notes_xliff):
    """10,000 copies of a note's mark, marks with other units' ids and forged subFlows: the three
    notes stay three, each where its first mark is, and the messages stay few."""
    from convert import astjson

    data = notes_xliff["2.x"]
    mark = re.search(r'<ph id="1" type="other"[^>]*/>', data).group(0)
    forged = "".join(f'<ph id="{i}" type="other" subType="report-convert:note" subFlows="fn-x{i}"/>'
                     for i in range(20, 40))
    at = data.index(mark, data.index("<target>", data.index(mark)))  # the mark in the target, not the source
    data = data[:at] + mark * 10_000 + forged + data[at + len(mark):]
    run, out = _merge_notes(tmp_path, notes_xliff, data)
    assert run.code == 0, run.stderr
    warnings = [line for line in run.stderr.splitlines() if "translated.xlf" in line]
    assert len(warnings) == 5, run.stderr
    assert warnings[0].endswith("the mark of a note (code 1) is repeated in the target: it is kept where it first "
                                "stands (9999 times) [inline-code]")
    assert "code 20 is a note mark the source does not have: it is left out" in warnings[1]
    assert warnings[-1].endswith("and 17 more problems with its inline codes [inline-code]")
    merged = astjson.loads((out / f"{NOTES_STEM}.qps.json").read_text(encoding="utf-8"))
    assert len(list(n.iter_notes(merged.blocks))) == 3
    assert run.peak_mb < REFUSED_CEILING_MB and run.seconds < 60


def test_markup_in_notes_cells_captions_and_alt_texts_stays_text(rich_doc, theme, tmp_path):
    """Targets that look like markup, in every new kind of unit, through JSON and the pandoc bridge."""
    from lxml import etree

    from convert import astjson
    from convert.writers import pandoc as bridge

    from . import validators

    hostile = {"Report of the High-Level": '<script>alert("note")</script> A/70/95',
               "Ghana <GH>": "<img src=x onerror=alert(1)>",
               "Table 1: Personnel": "]]><!-- x --> & caption",
               "Bar chart": '" onerror="alert(2)',
               "Figure 1: Deployments": "<figcaption>nested</figcaption>"}
    root = etree.fromstring(pseudo_translate(Xliff21Writer().write(rich_doc, theme)))
    for unit in root.iter("{*}unit"):
        source = "".join(unit.find(".//{*}source").itertext())
        for start, text in hostile.items():
            if source.startswith(start):
                targets = list(unit.iter("{*}target"))
                for target in targets:
                    for child in list(target):
                        target.remove(child)
                    target.text = ""
                targets[0].text = text
    merged, warnings = merge(rich_doc, etree.tostring(root))
    texts = astjson.dumps(merged)
    assert astjson.loads(texts) == merged
    figure = next(b for b in n.iter_blocks(merged.blocks) if isinstance(b, n.Figure))
    assert figure.image.alt == '" onerror="alert(2)'
    assert "<img src=x onerror=alert(1)>" in texts
    # The note lost its link code, another unit its italic: their words are kept, and the messages say so.
    assert sorted(w.message.split(": ", 1)[1] for w in warnings) == [
        "the italic (code 1) is missing from the target: its words are kept, not their formatting",
        "the link to https://undocs.org/A/70/95 (code 1) is missing from the target: its text is kept without "
        "the link"]
    path = tmp_path / "hostile.html"
    path.write_bytes(bridge.HtmlWriter().write(merged, theme))
    assert validators.check_html(path) == []
    html = path.read_text(encoding="utf-8")
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'alt="&quot; onerror=&quot;alert(2)"' in html
    assert "&lt;script&gt;alert(&quot;note&quot;)&lt;/script&gt;" in html or \
        '&lt;script&gt;alert("note")&lt;/script&gt;' in html


def test_a_note_unit_given_another_units_id_is_refused(rich_doc, theme):
    data = Xliff21Writer(target_lang="de").write(rich_doc, theme).decode("utf-8")
    units = list(iter_units(collect(rich_doc)))
    para, note = units[7], units[8]
    assert (para.kind, note.kind) == ("paragraph", "note")
    forged = data.replace(f'<unit id="{note.id}"', f'<unit id="{para.id}"', 1)
    with pytest.raises(ConversionError, match=rf"does not belong .*: 1 unit\(s\) missing from the XLIFF "
                                              rf"\({note.id}\); 1 unit\(s\) repeated \({para.id}\)$"):
        merge(rich_doc, forged.encode("utf-8"))
