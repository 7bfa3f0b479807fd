"""Accessibility, as the checkers publishers are held to see it: Ace by DAISY on every EPUB we
make and axe-core on every HTML page, English, Japanese and bilingual, in the system Chromium.

The checkers are npm packages pinned in ``tools/a11y`` (``make a11y-tools`` installs them; CI
does). Locally, without them, these tests skip; in CI they fail.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest

from .conftest import FIXTURES, GOLDEN, ROOT, SEED
from .test_cli import run_cli
from .tools import missing, run

STEM = "japan-peace-cooperation-2023"
TOOLS = ROOT / "tools" / "a11y"


def _chromium() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        missing("Chromium is not installed; install chromium (apt)")
    return path


def _tool(name: str):
    path = TOOLS / "node_modules" / ".bin" / name
    if not path.is_file() or not shutil.which("node"):
        missing(f"{name} is not installed; run `make a11y-tools` (needs node and npm)")
    return path


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """The seed in English, its Japanese and bilingual editions, and the rich report: EPUB and HTML."""
    out = tmp_path_factory.mktemp("a11y")
    for args in ((str(SEED), "--epub", "--html"), (str(GOLDEN / "rich.ast.json"), "--epub", "--html"),
                 ("merge", str(SEED), str(FIXTURES / "seed.ja.xlf"), "--epub", "--html"),
                 ("merge", str(SEED), str(FIXTURES / "seed.ja.xlf"), "--epub", "--html", "--bilingual")):
        result = run_cli(*args, "-q", "-o", str(out))
        assert result.returncode == 0, result.stderr
    return out


def test_every_edition_was_made(editions):
    names = sorted(path.name for path in editions.iterdir())
    assert names == sorted(f"{stem}.{ext}" for stem in (STEM, f"{STEM}.ja", f"{STEM}.en-ja", "rich.ast")
                           for ext in ("epub", "html"))


@pytest.mark.parametrize("edition", [STEM, f"{STEM}.ja", f"{STEM}.en-ja", "rich.ast"])
def test_ace_finds_no_violation(editions, edition, tmp_path):
    ace = _tool("ace-puppeteer")
    result = run([str(ace), "--silent", "--outdir", str(tmp_path / "report"), str(editions / f"{edition}.epub")],
                 env=os.environ | {"PUPPETEER_EXECUTABLE_PATH": _chromium()})
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "report" / "report.json").read_text(encoding="utf-8"))
    findings = [(test["earl:test"]["dct:title"], test["earl:test"]["earl:impact"], document["earl:testSubject"]["url"])
                for document in report["assertions"] for test in document.get("assertions", [])]
    assert findings == []
    assert report["earl:result"]["earl:outcome"] == "pass"


def test_axe_finds_no_violation_in_any_html_page(editions):
    pages = sorted(str(path) for path in editions.glob("*.html"))
    assert len(pages) == 4
    _tool("ace")  # the same install holds axe-core and puppeteer-core
    result = run(["node", str(TOOLS / "axe.js"), *pages], env=os.environ | {"CHROMIUM": _chromium()})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {page: [] for page in pages}
