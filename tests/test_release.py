"""Release quality bars: hostile text stays text in every format, nothing is lost, same bytes every build."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree, html

from convert import astjson
from convert import nodes as n
from convert.errors import ConversionError
from convert.typography import plain

from benchmarks.inputs import many_speakers

from . import validators
from .conftest import FIXTURES, ROOT, SEED
from .test_cli import run_cli
from .tools import require

HOSTILE_SOURCE = FIXTURES / "hostile.txt"
HOSTILE = [
    '<img src="/etc/passwd"/>', "<font size=200>big</font>", '<a href="javascript:alert(1)">click</a>',
    '<script>alert("x")</script>', '<iframe src="x"></iframe>', '<p onclick="steal()" onload=steal()>',
    "]]>", "&amp; &lt; &", '<?xml version="1.0"?>', '<!ENTITY xxe SYSTEM "file:///etc/passwd"> &xxe;',
    "<b>bold?</b>", '"<!-- comment -->"', "{{template}} and ${variable} and %s",
]
INTACT = ["\u202bمرحبا بالعالم\u202c", "\u200fשלום עולם\u200f", "👩\u200d👩\u200d👧", "🇯🇵", "👍🏽"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def squash(text: str) -> str:
    """Return ``text`` without white space, so that line breaks in a layout do not matter, and
    with straight quotation marks (the published formats are typeset)."""
    return re.sub(r"\s+", "", plain(text))


@pytest.fixture(scope="module")
def hostile_outputs(tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile")
    result = run_cli(str(HOSTILE_SOURCE), "--all", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "control-characters" in result.stderr  # removed, with a warning naming the line
    return out


def docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
        names = archive.namelist()
        relations = archive.read("word/_rels/document.xml.rels").decode("utf-8")
    assert not any(name.startswith("word/media/") for name in names), "no image may come from the input"
    assert 'TargetMode="External"' not in relations, "no link may leave the document"
    assert all(link.get(f"{W}anchor") for link in root.iter(f"{W}hyperlink")), "only internal links"
    return "".join(t.text or "" for t in root.iter(f"{W}t"))


def epub_text(path: Path) -> str:
    texts = []
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            if name.endswith(".xhtml"):
                root = etree.fromstring(archive.read(name))
                bad = root.xpath("//*[local-name()='script' or local-name()='iframe' or local-name()='img' "
                                 "or local-name()='font' or local-name()='b'] | //@*[starts-with(name(), 'on')] "
                                 "| //@href[starts-with(., 'javascript')]")
                assert bad == [], f"{name}: {bad}"
                texts.append("".join(root.itertext()))
    return "".join(texts)


def html_text(path: Path) -> str:
    document = html.fromstring(path.read_bytes())
    bad = document.xpath("//script | //iframe | //img | //font | //b | //@*[starts-with(name(), 'on')] "
                         "| //a[starts-with(@href, 'javascript')]")
    assert bad == [], bad
    return document.text_content()


def xliff_text(path: Path) -> str:
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    return "".join("".join(e.itertext()) for e in root.iter()
                   if isinstance(e.tag, str) and etree.QName(e).localname == "source")


@pytest.mark.parametrize("ending,extract", [
    (".json", lambda p: json.dumps(json.loads(p.read_text(encoding="utf-8")), ensure_ascii=False)),
    (".docx", docx_text), (".epub", epub_text), (".html", html_text), (".xlf", xliff_text),
    (".12.xlf", xliff_text),
])
def test_markup_in_the_source_stays_visible_text(hostile_outputs, ending, extract):
    text = extract(hostile_outputs / f"hostile{ending}")
    if ending == ".json":
        text = "".join(n.plain_text(b.inlines) for b in n.iter_blocks(astjson.loads(
            (hostile_outputs / "hostile.json").read_text(encoding="utf-8")).blocks) if isinstance(b, n.Para))
    for snippet in HOSTILE:
        assert squash(snippet) in squash(text), (ending, snippet)
    for snippet in INTACT:
        assert snippet in text, (ending, snippet)
    assert "\x07" not in text and "\x1b" not in text


def test_pdf_prints_markup_literally_and_links_nothing(hostile_outputs, tmp_path):
    require("pdftotext")
    require("qpdf")
    pdf = hostile_outputs / "hostile.pdf"
    text = squash(validators.pdftotext(pdf))
    for snippet in HOSTILE:
        assert squash(snippet) in text, snippet
    expanded = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(pdf), "-"],
                              capture_output=True).stdout
    for forbidden in (b"/URI", b"/Launch", b"/JavaScript", b"/Subtype /Image", b"/etc/passwd"):
        # /etc/passwd may only appear as shown text, inside a content stream, never as a file reference
        if forbidden == b"/etc/passwd":
            assert b"/F (/etc/passwd)" not in expanded
        else:
            assert forbidden not in expanded, forbidden
    assert validators.check_pdf(pdf) == []


def test_hostile_outputs_pass_the_validators(hostile_outputs):
    require("java")
    require("soffice")
    for path in sorted(hostile_outputs.iterdir()):
        if path.suffix == ".xlf" and validators.schema_dir() is None:
            continue  # the XLIFF tests say where the schemas are expected
        assert validators.check_file(path) == [], path.name


# --- every fixture, every format, every validator ---------------------------------------------


@pytest.fixture(scope="module")
def fixture_outputs(tmp_path_factory):
    """Every normalizer fixture, plus degenerate reports, converted to every format in one batch."""
    inputs = tmp_path_factory.mktemp("fixtures-in")
    for path in sorted((FIXTURES / "normalize").glob("*.txt")):
        (inputs / path.name).write_bytes(path.read_bytes())
    (inputs / "one-line.txt").write_text("Just One Line\n", encoding="utf-8")
    (inputs / "paragraphs-only.txt").write_text("A plain paragraph of text with no structure at all. " * 5,
                                                 encoding="utf-8")
    (inputs / "title-block-only.txt").write_text("Some Association\n\npresent\n\nDr. Ann Lee\n\nOn\n\n"
                                                 "**A Talk**\n\n5 May 2024\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("fixtures-out")
    result = run_cli(str(inputs), "--all", "-j", "2", "-q", "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_every_fixture_in_every_format_passes_the_validators(fixture_outputs):
    for tool in ("java", "soffice", "qpdf", "pdffonts"):
        require(tool)
    findings = []
    for path in sorted(fixture_outputs.iterdir()):
        if path.suffix == ".xlf" and validators.schema_dir() is None:
            continue  # the XLIFF tests say where the schemas are expected
        findings += validators.check_file(path)
    reports = len(list((FIXTURES / "normalize").glob("*.txt"))) + 3
    assert len(list(fixture_outputs.iterdir())) == reports * 7  # every format of every report
    assert findings == []


# --- same bytes every build -------------------------------------------------------------


def _build(out: Path, epoch: str) -> dict[str, str]:
    result = run_cli(str(SEED), str(HOSTILE_SOURCE), "--all", "-j", "2", "-o", str(out),
                     env={"SOURCE_DATE_EPOCH": epoch, "PYTHONHASHSEED": "random"})
    assert result.returncode == 0, result.stderr
    subprocess.run([sys.executable, "-m", "convert.release", "sums", str(out)], check=True, cwd=ROOT,
                   capture_output=True, env={"SOURCE_DATE_EPOCH": epoch, "PATH": "/usr/bin:/bin"})
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())}


def test_two_builds_are_byte_identical(tmp_path):
    first = _build(tmp_path / "a", "1700000000")
    second = _build(tmp_path / "b", "1700000000")
    assert first == second
    endings = {name.split(".", 1)[1] for name in first if "." in name}
    assert {"json", "docx", "pdf", "epub", "html", "xlf", "12.xlf"} <= endings
    later = _build(tmp_path / "c", "1800000000")
    changed = {name for name in first if first[name] != later[name]}
    # The build time is written into the dated formats, and only there.
    assert {"japan-peace-cooperation-2023.docx", "japan-peace-cooperation-2023.epub",
            "japan-peace-cooperation-2023.pdf"} <= changed
    assert "japan-peace-cooperation-2023.json" not in changed


def test_release_archive_is_reproducible(tmp_path):
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "a.txt").write_text("a")
    (dist / "b.txt").write_text("b")
    digests = []
    for name in ("one", "two"):
        out = tmp_path / name / "report-convert-0.1.0.tar.gz"
        out.parent.mkdir()
        subprocess.run([sys.executable, "-m", "convert.release", "pack", str(dist), str(out)], check=True, cwd=ROOT,
                       capture_output=True)
        digests.append(hashlib.sha256(out.read_bytes()).hexdigest())
    assert digests[0] == digests[1]


# --- scale ------------------------------------------------------------------------------------


def test_fifty_thousand_speakers(tmp_path):
    source = tmp_path / "big.txt"
    source.write_text(many_speakers(50_000), encoding="utf-8")
    assert source.stat().st_size > 4_000_000
    result = run_cli(str(source), "--json", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    doc = astjson.loads((tmp_path / "big.json").read_text(encoding="utf-8"))
    speeches = [b for b in n.iter_blocks(doc.blocks) if isinstance(b, n.Speech)]
    assert len(speeches) == 50_000


def test_a_five_megabyte_single_line_is_refused_with_the_limit(tmp_path):
    source = tmp_path / "oneline.txt"
    source.write_text("word " * 1_000_000, encoding="utf-8")
    result = run_cli(str(source), "--all", "-o", str(tmp_path / "out"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "line 1 is 5,000,000 characters long; the limit is 200,000" in result.stderr
    assert not (tmp_path / "out").exists()


# --- atomic output ------------------------------------------------------------------------------


def test_a_failing_writer_leaves_no_partial_file_and_the_others_valid(tmp_path, monkeypatch):
    from convert import cli
    from convert.writers import pdf as pdf_module

    def broken(self, doc, theme):
        raise ConversionError("font exploded")

    monkeypatch.setattr(pdf_module.PdfWriter, "write", broken)
    code = cli.main([str(SEED), "--json", "--pdf", "--epub", "-o", str(tmp_path)])
    assert code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["japan-peace-cooperation-2023.epub",
                                                          "japan-peace-cooperation-2023.json"]


def test_merge_with_a_failing_writer_writes_the_other_editions(tmp_path, monkeypatch):
    from convert import cli
    from convert.writers import pdf as pdf_module

    def broken(self, doc, theme):
        raise ConversionError("font exploded")

    monkeypatch.setattr(pdf_module.PdfWriter, "write", broken)
    code = cli.main(["merge", str(SEED), str(FIXTURES / "seed.ja.xlf"), "--json", "--pdf", "--epub", "-q",
                     "-o", str(tmp_path)])
    assert code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["japan-peace-cooperation-2023.ja.epub",
                                                          "japan-peace-cooperation-2023.ja.json"]


def test_an_interrupt_while_writing_leaves_nothing_behind(tmp_path, monkeypatch):
    from convert import pipeline

    target = tmp_path / "out.bin"
    original = pipeline.os.replace

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        pipeline.write_atomic(target, b"data")
    monkeypatch.setattr(pipeline.os, "replace", original)
    assert list(tmp_path.iterdir()) == []


def test_a_file_written_as_it_is_made_is_whole_or_absent(tmp_path, seed_doc, theme):
    """The JSON writer writes to the file as it makes the text (a long report's is never held
    whole): the same bytes as ``write``; a failure half-way leaves nothing behind."""
    from convert import pipeline
    from convert.errors import ConversionError
    from convert.writers.json import JsonWriter

    writer = JsonWriter()
    pipeline.write_atomic(tmp_path / "seed.json", lambda stream: writer.write_to(seed_doc, theme, stream))
    assert (tmp_path / "seed.json").read_bytes() == writer.write(seed_doc, theme)

    def half(stream):
        stream.write(b"{")
        raise ConversionError("failed half-way")

    with pytest.raises(ConversionError):
        pipeline.write_atomic(tmp_path / "half.json", half)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seed.json"]


# --- the installed package -------------------------------------------------------------


def test_the_wheel_holds_every_module_and_theme_and_converts_from_its_own_files(tmp_path):
    """What `pip install report-convert` gets: every module of the source tree, the themes
    of styles/, the MIT licence, and a conversion that needs nothing from the source tree."""
    from convert.release import build_wheel

    before = sorted(p.name for p in ROOT.iterdir())
    wheel = build_wheel(ROOT, tmp_path / "wheel")
    assert sorted(p.name for p in ROOT.iterdir()) == before  # nothing left in the source tree
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "installed")
    sources = {p.relative_to(ROOT).as_posix() for p in (ROOT / "convert").rglob("*.py")}
    themes = {f"convert/styles/{p.name}" for p in (ROOT / "styles").glob("*.toml")}
    assert "convert/styles/default.toml" in themes
    assert sources | themes <= names, sorted((sources | themes) - names)
    [licence] = [name for name in names if name.endswith(".dist-info/licenses/LICENSE")]
    assert (tmp_path / "installed" / licence).read_bytes() == (ROOT / "LICENSE").read_bytes()
    assert "Copyright (c) 2026 the report-convert authors" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    [metadata] = [name for name in names if name.endswith(".dist-info/METADATA")]
    fields = (tmp_path / "installed" / metadata).read_text(encoding="utf-8")
    assert "License-Expression: MIT" in fields and "License-File: LICENSE" in fields
    script = ("import sys, convert; from convert.cli import main; "
              "assert convert.__file__.startswith(sys.argv[1]), convert.__file__; "
              "sys.exit(main([sys.argv[2], '--all', '--style', 'compact', '-q', '-o', sys.argv[3]]))")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "installed"), str(SEED), str(tmp_path / "out")],
                   check=True, cwd=tmp_path / "installed", env=env)
    assert sorted(p.suffix for p in (tmp_path / "out").iterdir()) == sorted(
        [".docx", ".epub", ".html", ".json", ".pdf", ".xlf", ".xlf"])


# --- the dependency floors ------------------------------------------------------------------


def test_the_floors_pin_every_dependency_and_refuse_one_without_a_floor():
    """`make test-lowest` installs with these pins: each dependency at its lowest allowed version."""
    import importlib.util
    import tomllib

    spec = importlib.util.spec_from_file_location("floors", ROOT / ".ci" / "floors.py")
    floors = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(floors)
    assert floors.floors(["reportlab>=4.4.0", "Rl_Accel >= 0.9", "dask[bag]>=2024.1"]) == {
        "reportlab": "4.4.0", "rl-accel": "0.9", "dask": "2024.1"}
    for unpinnable in ("lxml", "lxml>=5,<7", "lxml==5.0", "lxml>=5.0; python_version < '3.12'"):
        with pytest.raises(ValueError):
            floors.floors([unpinnable])
    with pytest.raises(ValueError):
        floors.floors(["lxml>=5.0", "lxml>=5.1"])

    result = subprocess.run([sys.executable, str(ROOT / ".ci" / "floors.py"), "test"], capture_output=True,
                            text=True, check=True)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    pins = dict(line.split("==") for line in result.stdout.splitlines())
    assert sorted(pins) == sorted({re.split(r"[\[>]", r)[0].strip().lower() for r in wanted})
    for requirement in wanted:
        name, floor = re.split(r">=", requirement)
        assert pins[re.sub(r"\[.*\]", "", name).strip().lower()] == floor.strip()
