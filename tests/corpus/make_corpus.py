"""Make a corpus of report text dumps the way real ones are made, with their expected trees.

For each report: invent a spec (``specgen``), lay it out as a Word document and as an
HTML page (``layout_docx``, ``layout_html``), print them with LibreOffice and with
WeasyPrint or Chromium (``extract``), extract every PDF with the five extractors, and
record which paragraph boundaries each dump does not show (``notes``).

    python tests/corpus/make_corpus.py                     # rebuild the committed corpus
    python tests/corpus/make_corpus.py --seed 7 --count 10 --out /tmp/unseen
    python tests/corpus/make_corpus.py --notes-only --out /tmp/unseen   # after a notes rule change

Needs python-docx, weasyprint, pdfminer.six, pypdf, pypdfium2 in the running Python,
and soffice, chromium and pdftotext on the PATH (see tests/corpus/README.md).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script: make ``tests.corpus`` importable from the repository root.
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.corpus import extract, notes  # noqa: E402
from tests.corpus.layout_docx import DocxLayout, write_docx  # noqa: E402
from tests.corpus.layout_html import HtmlLayout, write_html  # noqa: E402
from tests.corpus.specgen import PROSE_KINDS, make_spec  # noqa: E402
from tests.corpus.tree import list_units, text_units  # noqa: E402

CORPUS = Path(__file__).resolve().parent
DEFAULT_SEED, DEFAULT_COUNT = 1, 8
#: Which report of a run gets two columns, so every corpus of 3+ reports has both kinds.
TWO_COLUMN_DOCX, TWO_COLUMN_HTML = 1, 2


#: Layout choices taken in turn (from a seeded starting point) rather than at random, so
#: that every run of a few reports has each of them at least once.
ROTATED = {
    "affiliation": ("below", "break", "comma", "parens"),
    "paragraphs": ("indent", "spaced"),
    "footer": ("Page N", "N", "Page N of M"),
    "header": ("title", "date"),
}
DOCX_ROTATED = {**ROTATED, "heading": ("Heading 1", "bold"), "speaker": ("Heading 2", "bold"),
                "contents": ("", "dots", "leader")}
HTML_ROTATED = {**ROTATED, "heading": ("h2", "p"), "speaker": ("h3", "p")}


def rotated(layout, table: dict, seed: int, index: int, salt: str):
    """Return ``layout`` with each field of ``table`` set to its turn for report ``index``."""
    offsets = random.Random(f"{seed}/{salt}")
    changes = {name: options[(index + offsets.randrange(len(options))) % len(options)]
               for name, options in table.items()}
    return dataclasses.replace(layout, **changes)


def report_name(seed: int, index: int) -> str:
    """Return the folder name of report ``index`` of the run with ``seed``."""
    return f"s{seed}-{index:02d}"


def html_engines(rng: random.Random, index: int) -> list[str]:
    """Return the HTML printers for one report: alternately one of them, every third report both."""
    if index % 3 == 0:
        return ["weasyprint", "chromium"]
    return [rng.choice(("weasyprint", "chromium"))]


def header_text(spec: dict, choice: str) -> str:
    """Return the running header a layout prints (the short title or the date)."""
    meta = spec["meta"]
    return meta["title"].split(":")[0] if choice == "title" else meta["date_text"]


def plan_report(seed: int, index: int, prose: str = "templates") -> dict:
    """Return everything about one report that is decided before printing: spec and layouts."""
    spec = make_spec(f"{seed}/{index}", prose)
    rng = random.Random(f"{seed}/{index}/layout")
    docx = DocxLayout.choose(rng, columns=2 if index == TWO_COLUMN_DOCX or rng.random() < 0.15 else 1)
    html = HtmlLayout.choose(rng, columns=2 if index == TWO_COLUMN_HTML or rng.random() < 0.15 else 1)
    docx = rotated(docx, DOCX_ROTATED, seed, index, "docx")
    html = rotated(html, HTML_ROTATED, seed, index, "html")
    return {"spec": spec, "docx": docx, "html": html, "html_engines": html_engines(rng, index)}


def page_count(pdf: Path) -> int:
    """Return the number of pages of ``pdf`` (pdfinfo)."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def write_dumps(folder: Path, engine: str, pdf: Path, units: list[str], furniture: set[str], columns: int,
                lists: list[range] = ()) -> None:
    """Extract ``pdf`` (laid out in ``columns`` columns) with every extractor; write each dump and
    its notes (``lists``: the unit indices of each list's items)."""
    dumps = folder / "dumps"
    dumps.mkdir(exist_ok=True)
    for extractor in extract.EXTRACTORS:
        text = extract.extract(pdf, extractor)
        stem = f"{engine}.{extractor}"
        (dumps / f"{stem}.txt").write_bytes(text.encode("utf-8"))
        (dumps / f"{stem}.notes.json").write_text(
            json.dumps(notes.dump_notes(units, text, furniture, shares_lines(extractor, columns), lists), indent=1)
            + "\n", encoding="utf-8")


def shares_lines(extractor: str, columns: int) -> bool:
    """Return True if ``extractor`` writes the columns of a ``columns``-column layout side by side."""
    return extractor == "pdftotext-layout" and columns > 1


def make_reports(seed: int, count: int, out: Path, prose: str = "templates") -> None:
    """Make ``count`` reports of the run ``seed`` under ``out``, their sentences from ``prose``."""
    out.mkdir(parents=True, exist_ok=True)
    plans = {report_name(seed, i): plan_report(seed, i, prose) for i in range(count)}
    for stale in out.glob(report_name(seed, 0).replace("00", "*")):
        if stale.is_dir() and stale.name not in plans:
            shutil.rmtree(stale)  # left by an earlier, larger run of the same seed
    for name, plan in plans.items():
        folder = out / name
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        (folder / "spec.json").write_text(json.dumps(plan["spec"], ensure_ascii=False, indent=1) + "\n",
                                          encoding="utf-8")
        write_docx(plan["spec"], plan["docx"], folder / "report.docx")
        write_html(plan["spec"], plan["html"], folder / "report.html")
    for name, plan in plans.items():
        folder = out / name
        extract.print_libreoffice([folder / "report.docx"], folder)
        (folder / "report.pdf").replace(folder / "libreoffice.pdf")
        printed = {"libreoffice": header_text(plan["spec"], plan["docx"].header)}
        columns = {"libreoffice": plan["docx"].describe()["columns"]}
        for engine in plan["html_engines"]:
            printer = extract.print_weasyprint if engine == "weasyprint" else extract.print_chromium
            printer(folder / "report.html", folder / f"{engine}.pdf")
            printed[engine] = header_text(plan["spec"], plan["html"].header)
            columns[engine] = plan["html"].describe()["columns"]
        units = text_units(plan["spec"]["blocks"])
        pages = {}
        for engine, header in printed.items():
            pdf = folder / f"{engine}.pdf"
            extract.steady_pdf(pdf)
            pages[engine] = page_count(pdf)
            write_dumps(folder, engine, pdf, units, {header}, columns[engine], list_units(plan["spec"]["blocks"]))
        layout = {"docx": plan["docx"].describe(), "html": plan["html"].describe(), "pages": pages}
        (folder / "layout.json").write_text(json.dumps(layout, indent=1) + "\n", encoding="utf-8")
        print(f"{name}: {', '.join(f'{e} {p} pages' for e, p in pages.items())}")


def report_notes(folder: Path) -> dict[Path, dict]:
    """Return the notes of every dump of the report in ``folder``, made from its text: notes file -> notes."""
    spec = json.loads((folder / "spec.json").read_text(encoding="utf-8"))
    layout = json.loads((folder / "layout.json").read_text(encoding="utf-8"))
    units = text_units(spec["blocks"])
    found = {}
    for dump in sorted((folder / "dumps").glob("*.txt")):
        engine, extractor = dump.name.removesuffix(".txt").split(".", 1)
        design = layout["docx" if engine == "libreoffice" else "html"]
        text = dump.read_bytes().decode("utf-8")
        found[dump.with_suffix(".notes.json")] = notes.dump_notes(
            units, text, {header_text(spec, design["header"])}, shares_lines(extractor, design["columns"]),
            list_units(spec["blocks"]))
    return found


def rewrite_notes(out: Path) -> int:
    """Rewrite the notes of every dump of the reports under ``out`` from its text; return how many.

    Nothing is printed or extracted again: this is for a change to the notes rule.
    """
    count = 0
    for folder in sorted(path.parent for path in out.glob("*/spec.json")):
        for path, dump_notes in report_notes(folder).items():
            path.write_text(json.dumps(dump_notes, indent=1) + "\n", encoding="utf-8")
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and make the corpus; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="run seed (default: the committed corpus')")
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT, help="number of reports")
    parser.add_argument("--out", type=Path, default=CORPUS, help="output folder (default: tests/corpus)")
    parser.add_argument("--prose", choices=sorted(PROSE_KINDS), default="templates",
                        help="where sentences come from: the templates (default), or mostly text found on "
                             "the machine (licences, Python's docstrings: see found_prose.py)")
    parser.add_argument("--notes-only", action="store_true",
                        help="only rewrite the notes of the dumps already under --out (after a rule change)")
    args = parser.parse_args(argv)
    if args.notes_only:
        print(f"{rewrite_notes(args.out)} notes rewritten")
        return 0
    make_reports(args.seed, args.count, args.out, args.prose)
    (args.out / "tools.json").write_text(json.dumps(extract.tool_versions(), indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
