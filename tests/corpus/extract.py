"""Print laid-out reports to PDF with real engines and extract their text with five real extractors.

Printers: LibreOffice (DOCX), WeasyPrint and Chromium (HTML). Extractors, called as a user
would call them: ``pdftotext`` (raw), ``pdftotext -layout``, pdfminer.six, pypdf, pypdfium2.
What they emit is kept as it is (form feeds, CRLF, private-use bullets, ligatures).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

EXTRACTORS = ("pdftotext", "pdftotext-layout", "pdfminer", "pypdf", "pypdfium2")


def run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    """Return the result of running a tool; raise RuntimeError with its stderr if it fails."""
    result = subprocess.run(args, capture_output=True, timeout=600, **kwargs)
    if result.returncode:
        raise RuntimeError(f"{args[0]} failed ({result.returncode}): {result.stderr.decode(errors='replace')}")
    return result


#: What differs between two printings of one document: dates, and ids and checksums made from them.
PDF_DATE = re.compile(rb"D:\d{14}")
PDF_ID = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>)")
PDF_CHECKSUM = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]+)")


def steady_pdf(pdf: Path) -> None:
    """Rewrite ``pdf``'s creation dates, /ID and /DocChecksum with fixed values of the same length.

    Nothing moves (the cross-reference offsets stay right), and printing the same document
    again gives the same bytes, so a rerun of the generator changes no committed PDF.
    """
    data = pdf.read_bytes()
    data = PDF_DATE.sub(b"D:20200101000000", data)
    data = PDF_ID.sub(lambda m: m[1] + b"0" * len(m[2]) + m[3] + b"0" * len(m[4]) + m[5], data)
    data = PDF_CHECKSUM.sub(lambda m: m[1] + b"0" * len(m[2]), data)
    pdf.write_bytes(data)


def print_libreoffice(docx_files: list[Path], out_dir: Path) -> None:
    """Print Word documents to PDF with LibreOffice, in a private profile (others may run soffice too)."""
    with tempfile.TemporaryDirectory(prefix="corpus-lo-") as profile:
        run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(out_dir), *map(str, docx_files)])


def print_weasyprint(html: Path, pdf: Path) -> None:
    """Print an HTML page to PDF with WeasyPrint."""
    from weasyprint import HTML

    HTML(filename=str(html)).write_pdf(str(pdf))


def chromium_binary() -> str:
    """Return the Chromium command."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return name
    raise RuntimeError("Chromium is not installed (apt-get install chromium)")


def print_chromium(html: Path, pdf: Path) -> None:
    """Print an HTML page to PDF with headless Chromium, without its own date/URL header and footer."""
    with tempfile.TemporaryDirectory(prefix="corpus-chromium-") as profile:
        run([chromium_binary(), "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
             "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.resolve().as_uri()])


def extract(pdf: Path, extractor: str) -> str:
    """Return the text ``extractor`` gives for ``pdf``."""
    if extractor == "pdftotext":
        return run(["pdftotext", str(pdf), "-"]).stdout.decode("utf-8")
    if extractor == "pdftotext-layout":
        return run(["pdftotext", "-layout", str(pdf), "-"]).stdout.decode("utf-8")
    if extractor == "pdfminer":
        from pdfminer.high_level import extract_text

        return extract_text(str(pdf))
    if extractor == "pypdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    if extractor == "pypdfium2":
        import pypdfium2

        document = pypdfium2.PdfDocument(str(pdf))
        try:
            return "\n".join(page.get_textpage().get_text_range() for page in document)
        finally:
            document.close()
    raise ValueError(f"unknown extractor {extractor!r}; known: {', '.join(EXTRACTORS)}")


def tool_versions() -> dict[str, str]:
    """Return the versions of every printer and extractor, for the corpus README."""
    from importlib.metadata import version

    def first_line(args):
        result = subprocess.run(args, capture_output=True, text=True)
        return (result.stdout or result.stderr).strip().splitlines()[0]

    return {
        "libreoffice": first_line(["soffice", "--version"]),
        "chromium": first_line([chromium_binary(), "--version"]),
        "weasyprint": version("weasyprint"),
        "pdftotext": first_line(["pdftotext", "-v"]),
        "pdfminer.six": version("pdfminer.six"),
        "pypdf": version("pypdf"),
        "pypdfium2": version("pypdfium2"),
        "python-docx": version("python-docx"),
    }
