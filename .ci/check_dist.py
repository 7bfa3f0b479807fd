"""Check every release artifact in a dist folder with the real validators; exit 1 on any finding.

EPUBCheck (0 fatal / 0 errors / 0 warnings), the OASIS XLIFF XSDs, qpdf and pdffonts,
LibreOffice and pandoc for DOCX, pandoc for HTML, our own loader for JSON; then the
accessibility checkers: Ace by DAISY on every EPUB, axe-core on every HTML page (tools/a11y,
in the system Chromium) and pdfua on every PDF; then every file must be listed in
SHA256SUMS with the right hash, when that file exists.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.validators import a11y_tool, ace_findings, axe_findings, check_file, chromium, pdfua_findings  # noqa: E402


def accessibility(files: list[Path]) -> dict[Path, list[str]]:
    """Return each artifact's accessibility findings (EPUB: Ace, HTML: axe-core, PDF: pdfua)."""
    found: dict[Path, list[str]] = {}
    if a11y_tool("ace-puppeteer") is None or chromium() is None:
        return {files[0]: ["the accessibility checkers are not installed (make a11y-tools; apt chromium)"]}
    for path in files:
        if path.suffix == ".epub":
            found[path] = ace_findings(path)
        elif path.suffix == ".pdf":
            found[path] = pdfua_findings(path)
    pages = [path for path in files if path.suffix == ".html"]
    for finding in axe_findings(pages) if pages else []:
        page = next(path for path in pages if finding.startswith(f"{path.name}:"))
        found.setdefault(page, []).append(finding)
    return found


def main(folder: str) -> int:
    dist = Path(folder)
    files = sorted(p for p in dist.iterdir() if p.is_file() and p.suffix in
                   (".pdf", ".epub", ".docx", ".xlf", ".html", ".json") and p.name != "manifest.json")
    if not files:
        print(f"no artifacts in {dist}", file=sys.stderr)
        return 1
    failures = 0
    for path in files:
        findings = check_file(path)
        print(f"{'ok  ' if not findings else 'FAIL'} {path.name}")
        for finding in findings:
            print(f"     {finding}")
        failures += bool(findings)
    for path, findings in accessibility(files).items():
        for finding in findings:
            print(f"FAIL {finding}")
        failures += bool(findings)
    sums = dist / "SHA256SUMS"
    if sums.exists():
        listed = dict(reversed(line.split(None, 1)) for line in sums.read_text().splitlines() if line.strip())
        for path in files:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if listed.get(path.name.strip()) != digest and listed.get("*" + path.name) != digest:
                print(f"FAIL {path.name}: not in SHA256SUMS or wrong hash")
                failures += 1
    print(f"{len(files) - failures} of {len(files)} artifacts valid")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "dist"))
