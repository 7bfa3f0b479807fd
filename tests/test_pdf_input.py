"""PDF inputs as users bring them: locked, damaged, cut short, scanned or fake PDFs fail with one
line naming the file and the reason (exit 1, no traceback, nothing written); odd but readable
ones (restrictions without a password, a font with no map to Unicode, a missing page) convert,
with a warning where text may be lost. The hostile files are made anew by
tests/fixtures/pdf/make_hostile.py."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from convert.errors import InputError
from convert.readers import MAX_PDF_BYTES
from convert.readers.pdf import PdfParams, read_pdf

from .conftest import FIXTURES, ROOT
from .test_cli import run_cli
from .tools import require

LIBREOFFICE_PDF = ROOT / "tests" / "corpus" / "s1-05" / "libreoffice.pdf"


def _load_makers():
    spec = importlib.util.spec_from_file_location("make_hostile", FIXTURES / "pdf" / "make_hostile.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_hostile = _load_makers()
TITLE = make_hostile.TITLE


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict[str, Path]:
    """Return name -> path of every hostile input (those made with qpdf only where it is installed)."""
    names = [name for name in make_hostile.MAKERS if name not in make_hostile.NEEDS_QPDF or shutil.which("qpdf")]
    return make_hostile.make_all(tmp_path_factory.mktemp("hostile"), names)


def hostile_file(hostile: dict[str, Path], name: str) -> Path:
    if name not in hostile:
        require("qpdf")
    return hostile[name]


def convert(path: Path, out: Path, *options: str) -> subprocess.CompletedProcess:
    return run_cli(str(path), "--json", "-o", str(out), *options)


def text_of(json_path: Path) -> str:
    """Return every text string of a JSON document tree, joined by spaces."""
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("text", "title") and isinstance(value, str):
                    found.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(json.loads(json_path.read_text(encoding="utf-8")))
    return " ".join(found)


# --- refused: one line, exit 1, nothing written -------------------------------------------------

PASSWORD = ("the PDF is encrypted with a password; save an unprotected copy (e.g. `qpdf --decrypt "
            "--password=PASSWORD in.pdf out.pdf`) and convert that")

REFUSED = {
    "scan.pdf": "the PDF has no text layer (a scan?); run OCR on it first, e.g. `ocrmypdf in.pdf out.pdf`, "
                "and convert the result",
    "encrypted-rc4.pdf": PASSWORD,
    "encrypted-aes256.pdf": PASSWORD,
    "unknown-security-handler.pdf": "the PDF is locked by a security handler PDFium does not support (DRM or "
                                    "certificate encryption); save an unprotected copy and convert that",
    "truncated.pdf": "the PDF is incomplete (it does not end with %%EOF: a download or copy cut short?); "
                     "PDFium cannot read it",
    "zip.pdf": "this is a ZIP archive (DOCX, EPUB, ODT ...), not a text file or a PDF",
    "empty.pdf": "file is empty",
    "huge-page.pdf": "page 1 is 20000 x 842 points; the limit is 14400 on a side",
    "no-pages.pdf": "the PDF is damaged; PDFium cannot read it",
}


@pytest.mark.parametrize("name", REFUSED)
def test_a_hostile_pdf_is_refused_with_one_line(hostile, tmp_path, name):
    path = hostile_file(hostile, name)
    out = tmp_path / "out"
    result = convert(path, out)
    assert result.returncode == 1, result.stderr
    assert result.stderr == f"{path}: error: {REFUSED[name]}\n"
    assert not out.exists() or list(out.iterdir()) == []


def test_a_pdf_over_the_size_limit_is_refused_unread(tmp_path):
    """A sparse file: the size is told by the file system, so nothing is read (this takes no time)."""
    source = tmp_path / "vast.pdf"
    with open(source, "wb") as handle:
        handle.write(b"%PDF-1.7\n" + b"%" * 2000)
        handle.truncate(MAX_PDF_BYTES + 1)
    started = time.monotonic()
    result = convert(source, tmp_path / "out")
    assert result.returncode == 1
    assert result.stderr == f"{source}: error: PDF is {MAX_PDF_BYTES + 1:,} bytes; the limit is {MAX_PDF_BYTES:,}\n"
    assert time.monotonic() - started < 30  # reading 256 MiB is what is avoided; the bound only catches a hang


@pytest.mark.parametrize("name", [name for name in REFUSED if name not in ("zip.pdf", "empty.pdf")])
def test_a_pdf_read_from_its_file_is_refused_as_from_its_bytes(hostile, tmp_path, name):
    """The CLI hands the PDF reader a file's path (PDFium reads the file; its bytes are never
    held): what is refused, and how it is said, does not change."""
    path = hostile_file(hostile, name)
    refusals = []
    for pdf in (path, path.read_bytes()):
        with pytest.raises(InputError) as refused:
            read_pdf(pdf, "x.pdf")
        refusals.append(str(refused.value))
    assert refusals[0] == refusals[1] == f"x.pdf: {REFUSED[name]}"


def test_a_pdf_file_is_handed_to_its_reader_by_path(hostile, tmp_path):
    """A PDF (told by its first bytes, or --from pdf) is handed over as its path; a text file
    named .pdf, or a PDF read as text, as its bytes."""
    from convert.readers import read_source

    pdf = hostile["thirty-pages.pdf"]
    assert read_source(str(pdf))[1] == pdf
    assert read_source(str(pdf), "pdf")[1] == pdf
    assert read_source(str(pdf), "text")[1] == pdf.read_bytes()
    assert isinstance(read_source(str(hostile["text.pdf"]))[1], bytes)
    assert read_pdf(pdf, "x.pdf") == read_pdf(pdf.read_bytes(), "x.pdf")


# --- read: exit 0, the text there, a warning where some may be lost ----------------------------


def test_a_text_file_named_pdf_is_read_as_text(hostile, tmp_path):
    result = convert(hostile["text.pdf"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr
    text = text_of(tmp_path / "text.json")
    assert TITLE in text and make_hostile.body_line(1, 1) in text


@pytest.mark.parametrize("name", ["restricted.pdf", "restricted-rc4.pdf"])
def test_a_pdf_locked_by_an_owner_password_only_is_read(hostile, tmp_path, name):
    """Restrictions on printing and copying bind viewers, not a reader that needs no password to open it."""
    path = hostile_file(hostile, name)
    result = convert(path, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr
    text = text_of(tmp_path / (path.stem + ".json"))
    assert TITLE in text
    lines = [make_hostile.body_line(page, line) for page in (1, 2)
             for line in range(1, make_hostile.LINES_PER_PAGE + 1)]
    assert [line for line in lines if line not in text] == []


def test_text_in_a_font_without_unicode_map_is_warned_about(hostile, tmp_path):
    path = hostile["unmapped-font.pdf"]
    result = convert(path, tmp_path)
    assert result.returncode == 0, result.stderr
    assert (f"{path}: warning: text in fonts without a map to Unicode on page(s) 1: its characters are left "
            "out or wrong; check those pages, or run OCR on them (`ocrmypdf --force-ocr`) [unmapped-glyphs]\n"
            in result.stderr)
    assert TITLE in text_of(tmp_path / "unmapped-font.json")
    strict = convert(path, tmp_path / "strict", "--strict")
    assert strict.returncode == 1 and "Traceback" not in strict.stderr
    assert not (tmp_path / "strict").exists()


def test_a_page_pdfium_cannot_load_is_left_out_with_a_warning(hostile, tmp_path):
    path = hostile["damaged-page.pdf"]
    result = convert(path, tmp_path)
    assert result.returncode == 0, result.stderr
    assert (f"{path}: warning: 1 page(s) PDFium cannot read (damaged), left out: 2 [pdf-damaged-pages]\n"
            in result.stderr)
    assert TITLE in text_of(tmp_path / "damaged-page.json")


def test_the_reader_limits_are_parameters(hostile):
    data = hostile["thirty-pages.pdf"].read_bytes()
    with pytest.raises(InputError) as refused:
        read_pdf(data, "thirty-pages.pdf", PdfParams(max_pages=29))
    assert str(refused.value) == "thirty-pages.pdf: the PDF has 30 pages; the limit is 29"
    source = read_pdf(data, "thirty-pages.pdf", PdfParams(max_pages=30))
    assert sum(line.text == TITLE for line in source.lines) == 30
    assert [d for d in source.diagnostics if d.severity == "warning"] == []
    with pytest.raises(InputError, match=r"^x.pdf: PDF is [\d,]+ bytes; the limit is 1,000$"):
        read_pdf(data, "x.pdf", PdfParams(max_bytes=1000))
    with pytest.raises(InputError, match=r"^x.pdf: page 1 is 595 x 842 points; the limit is 800 on a side$"):
        read_pdf(data, "x.pdf", PdfParams(max_page_side=800))


# --- everyday use -------------------------------------------------------------------------------


def test_a_folder_of_text_and_pdf_reports_converts_both(tmp_path):
    folder, out = tmp_path / "reports", tmp_path / "out"
    folder.mkdir()
    shutil.copy(FIXTURES / "normalize" / "bullets.txt", folder)
    shutil.copy(LIBREOFFICE_PDF, folder)
    result = run_cli(str(folder), "--json", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["bullets.json", "libreoffice.json"]
    assert "Energy Transition, Coastal Management and the Public Purse" in text_of(out / "libreoffice.json")
    assert "Training centres in Africa need stable funding." in text_of(out / "bullets.json")


def test_a_hostile_pdf_in_a_batch_fails_alone(hostile, tmp_path):
    folder, out = tmp_path / "reports", tmp_path / "out"
    folder.mkdir()
    shutil.copy(LIBREOFFICE_PDF, folder)
    shutil.copy(hostile["encrypted-rc4.pdf"], folder)
    shutil.copy(hostile["truncated.pdf"], folder)
    result = run_cli(str(folder), "--json", "-j", "2", "-o", str(out))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert [p.name for p in out.iterdir()] == ["libreoffice.json"]
    assert f"{folder / 'encrypted-rc4.pdf'}: error: {PASSWORD}\n" in result.stderr
    assert "1 of 3 reports converted; failed: " in result.stderr


def test_outline_of_a_pdf():
    result = run_cli("outline", str(LIBREOFFICE_PDF))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Title: Energy Transition, Coastal Management and the Public Purse\n")
    assert "Section: Introductory Remarks" in result.stdout
    assert "Speech: Ms. Siti Rahmawati" in result.stdout


def test_verbose_lists_the_page_furniture_left_out_of_a_pdf(tmp_path):
    result = convert(LIBREOFFICE_PDF, tmp_path, "-v")
    assert result.returncode == 0, result.stderr
    path = re.escape(str(LIBREOFFICE_PDF))
    # Placed by page and line on the page: the number 3 is the last line of page 3, the header the first.
    assert re.search(rf"^{path}: page 3, line \d+: info: removed page number '3' \[page-number\]$", result.stderr, re.M)
    assert re.search(rf"^{path}: page 3, line 1: info: removed running header 'October 17, 2021' "
                     r"\[running-header\]$", result.stderr, re.M)
    assert "October 17, 2021" not in text_of(tmp_path / "libreoffice.json")  # the date is the title block's


def test_verbose_lists_the_furniture_of_our_own_pdf(tmp_path):
    """The PDF writer's running header and "Page N of M" footer are recognised on the way back."""
    made = run_cli(str(FIXTURES / "normalize" / "bullets.txt"), "--pdf", "-q", "-o", str(tmp_path))
    assert made.returncode == 0, made.stderr
    result = convert(tmp_path / "bullets.pdf", tmp_path / "back", "-v")
    assert result.returncode == 0, result.stderr
    assert "info: removed running header 'Bullets' [running-header]" in result.stderr
    assert "info: removed page number 'Page 2 of 3' [page-number]" in result.stderr
    text = text_of(tmp_path / "back" / "bullets.json")
    assert "Page 2 of 3" not in text and "Page 3 of 3" not in text
    assert "Regional organisations should lead mediation efforts, with support from partners." in text


# --- interrupted while reading ------------------------------------------------------------------


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory) -> Path:
    """Return a PDF of 900 pages (the LibreOffice corpus report a hundred times): seconds to read."""
    import pypdfium2 as pdfium

    path = tmp_path_factory.mktemp("long") / "long.pdf"
    source = pdfium.PdfDocument(LIBREOFFICE_PDF.read_bytes())
    joined = pdfium.PdfDocument.new()
    for _ in range(100):
        joined.import_pages(source)
    joined.save(path)
    return path


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=lambda s: s.name)
def test_a_signal_during_a_pdf_read_ends_the_run_cleanly(long_pdf, tmp_path, signum):
    out, temporary = tmp_path / "out", tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, "TMPDIR": str(temporary)}
    process = subprocess.Popen([sys.executable, "-m", "convert", str(long_pdf), "--json", "-o", str(out)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    try:
        maps = Path(f"/proc/{process.pid}/maps")
        deadline = time.monotonic() + 120
        while "libpdfium" not in maps.read_text():  # PDFium is loaded: the read begins
            assert process.poll() is None and time.monotonic() < deadline, "the run ended before its PDF read"
            time.sleep(0.01)
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=120)
    finally:
        process.kill()
        process.communicate()
    assert process.returncode == 128 + signum
    assert stderr == f"report-convert: error: interrupted by {signum.name}\n"
    assert not out.exists() or list(out.iterdir()) == []
    assert list(temporary.iterdir()) == []


def test_a_line_of_characters_cleaning_removes_is_no_line():
    """A formula's glyphs that a font maps to control codes (pdfLaTeX's big brackets, named
    outside the standard glyph list) can stand on a line of their own: cleaned away, they leave
    no blank line that would cut the paragraph."""
    font = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
            b"/BaseEncoding /WinAnsiEncoding /Differences [18 /parenleftbigg /parenrightbigg] >> >>")
    content = (b"BT /F1 11 Tf 72 760 Td (The council agreed that the figures would be published) Tj "
               b"0 -13.2 Td (\\022\\023) Tj 0 -13.2 Td (every week for every district of the basin.) Tj ET")
    pdf = make_hostile.raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                                b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>", font,
                                b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)])
    lines = read_pdf(pdf, "c.pdf").lines
    assert [line.text for line in lines] == ["The council agreed that the figures would be published",
                                             "every week for every district of the basin."]
