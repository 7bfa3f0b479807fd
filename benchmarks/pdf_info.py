"""Time what a PDF says about itself (convert.readers.pdf_info) against the PDF reader, per page.

    python benchmarks/pdf_info.py [--times 200] [--tagged] [PDF...]

Makes the seed's body repeated ``--times`` times into a PDF with our writer (1,389 pages at
200), and with ``--tagged`` the same report as a Word file printed to a tagged PDF by
LibreOffice (soffice must be installed; at 200 it takes a minute). For each PDF, and each
one given, it prints the reader's time per page, ``document_info`` without and with the
structure tree, and ``StructureReader.read`` given pages the caller has open already (as
the reader would hand them over), each the best of three. It asserts nothing: it reports.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.inputs import repeated_seed  # noqa: E402

TAGGED_PDF = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'


def best(function, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def make_inputs(times: int, tagged: bool, folder: Path) -> list[Path]:
    """Return the seed x ``times`` as our writer's PDF and, with ``tagged``, as LibreOffice's tagged PDF."""
    from convert.pipeline import FormatRequest, render
    from convert.readers.text import recover_text
    from convert.theme import load_theme

    doc = recover_text(repeated_seed(times)).document
    made = []
    for name in ("pdf", "docx") if tagged else ("pdf",):
        path = folder / f"seed-x{times}.{name}"
        path.write_bytes(render(doc, FormatRequest(name), load_theme(), "bench")[1])
        made.append(path)
    if tagged:
        subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                        "--convert-to", TAGGED_PDF, "--outdir", str(folder / "tagged"), str(made[1])],
                       check=True, capture_output=True)
        made[1] = folder / "tagged" / f"seed-x{times}.pdf"
    return made


def measure(path: Path) -> None:
    import pypdfium2 as pdfium

    from convert.readers.pdf import read_pdf
    from convert.readers.pdf_info import document_info
    from convert.readers.pdf_tags import StructureReader

    data = path.read_bytes()
    document = pdfium.PdfDocument(data)
    pages = len(document)
    document_info(document, structure=False)  # imports langcodes once
    info = document_info(document)
    reader = best(lambda: read_pdf(data, path.name), 1)
    plain = best(lambda: document_info(document, structure=False))
    structure = best(lambda: document_info(document))

    def handed_over() -> float:
        structure_reader = StructureReader(pages)
        spent = 0.0
        for index in range(pages):
            page = document[index]
            textpage = page.get_textpage()
            start = time.perf_counter()
            structure_reader.read(page, textpage)
            spent += time.perf_counter() - start
            textpage.close()
            page.close()
            if structure_reader.skipped:
                break
        return spent

    in_reader = min(handed_over() for _ in range(3))
    blocks = sum(map(len, info.structure))
    per_page = lambda seconds: f"{seconds / pages * 1000:.3f} ms/page"  # noqa: E731
    print(f"{path.name}: {pages} pages, {len(info.bookmarks)} bookmarks, tagged={info.tagged}, "
          f"{blocks} declared blocks")
    print(f"  reader (read_pdf)                       {per_page(reader)} ({pages / reader:.0f} pages/s)")
    print(f"  document_info, no structure             {per_page(plain)}")
    print(f"  document_info, structure                {per_page(structure)}")
    print(f"  StructureReader.read on open pages      {per_page(in_reader)}")
    for diagnostic in info.diagnostics:
        print(f"  {diagnostic.format()}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--times", type=int, default=200)
    parser.add_argument("--tagged", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for path in [*make_inputs(options.times, options.tagged, Path(folder)), *options.pdfs]:
            measure(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
