"""The validators themselves can fail: each is shown a broken file and must say so."""

from __future__ import annotations

import io
import zipfile

import pytest

from . import validators
from .tools import require


def test_pdf_with_a_standard_font_is_rejected(tmp_path):
    require("qpdf")
    require("pdffonts")
    from reportlab.pdfgen import canvas

    path = tmp_path / "helvetica.pdf"
    page = canvas.Canvas(str(path))
    page.setFont("Helvetica", 12)
    page.drawString(72, 720, "not embedded")
    page.save()
    findings = validators.check_pdf(path)
    assert any("Helvetica" in f and "not embedded" in f for f in findings)
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    assert any("qpdf" in f for f in validators.check_pdf(truncated))


def test_epub_without_metadata_is_rejected(tmp_path):
    require("java")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
        archive.writestr("META-INF/container.xml", "<container/>")
    path = tmp_path / "broken.epub"
    path.write_bytes(buffer.getvalue())
    assert validators.check_epub(path)


def test_xliff_breaking_the_schema_is_rejected(tmp_path):
    if validators.schema_dir() is None:
        pytest.skip("XLIFF schemas not found: set XLIFF_SCHEMAS or keep ../shared/schemas/xliff beside the repo")
    path = tmp_path / "bad.xlf"
    path.write_text('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en">'
                    '<file id="f"><unit id="u"><segment><target>x</target></segment></unit>'
                    '<unit id="u"><segment><source>y</source></segment></unit></file></xliff>', encoding="utf-8")
    findings = validators.check_xliff(path)
    assert any("target" in f or "source" in f for f in findings)
    assert any("duplicate ids" in f for f in findings)


def test_docx_that_is_not_a_document_is_rejected(tmp_path):
    require("soffice")
    path = tmp_path / "fake.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    assert validators.check_docx(path)


def test_html_with_script_is_rejected(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><body><p>hi</p><script>alert(1)</script></body></html>", encoding="utf-8")
    assert any("script" in f for f in validators.check_html(path))
