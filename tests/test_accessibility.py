"""Accessibility, as the checkers publishers are held to see it: Ace by DAISY on every EPUB we
make and axe-core on every HTML page, English, Japanese and bilingual, in the system Chromium.

The checkers are npm packages pinned in ``tools/a11y`` (``make a11y-tools`` installs them; CI
does). Locally, without them, these tests skip; in CI they fail.
"""

from __future__ import annotations

import pytest

from convert import astjson
from convert.registry import get_writer
from convert.theme import load_theme

from . import validators
from .conftest import FIXTURES, GOLDEN, SEED
from .test_cli import run_cli
from .tools import missing

STEM = "japan-peace-cooperation-2023"


def _chromium() -> str:
    path = validators.chromium()
    if not path:
        missing("Chromium is not installed; install chromium (apt)")
    return path


def _tool(name: str):
    path = validators.a11y_tool(name)
    if path is None:
        missing(f"{name} is not installed; run `make a11y-tools` (needs node and npm)")
    return path


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """The seed in English, its Japanese and bilingual editions, and the rich report: EPUB and HTML."""
    out = tmp_path_factory.mktemp("a11y")
    rich = astjson.loads((GOLDEN / "rich.ast.json").read_text(encoding="utf-8"))  # our JSON: read as a tree
    for fmt in ("epub", "html"):
        (out / f"rich.{fmt}").write_bytes(get_writer(fmt).write(rich, load_theme()))
    for args in ((str(SEED), "--epub", "--html"),
                 ("merge", str(SEED), str(FIXTURES / "seed.ja.xlf"), "--epub", "--html"),
                 ("merge", str(SEED), str(FIXTURES / "seed.ja.xlf"), "--epub", "--html", "--bilingual")):
        result = run_cli(*args, "-q", "-o", str(out))
        assert result.returncode == 0, result.stderr
    return out


def test_every_edition_was_made(editions):
    names = sorted(path.name for path in editions.iterdir())
    assert names == sorted(f"{stem}.{ext}" for stem in (STEM, f"{STEM}.ja", f"{STEM}.en-ja", "rich")
                           for ext in ("epub", "html"))


@pytest.mark.parametrize("edition", [STEM, f"{STEM}.ja", f"{STEM}.en-ja", "rich"])
def test_ace_finds_no_violation(editions, edition):
    _tool("ace-puppeteer")
    _chromium()
    assert validators.ace_findings(editions / f"{edition}.epub") == []


def test_axe_finds_no_violation_in_any_html_page(editions):
    pages = sorted(editions.glob("*.html"))
    assert len(pages) == 4
    _tool("ace-puppeteer")  # the same install holds axe-core and puppeteer-core
    _chromium()
    assert validators.axe_findings(pages) == []


def test_the_checkers_find_what_is_wrong(tmp_path):
    """Each checker, given a page with a known fault, reports it (so that their silence means something)."""
    _tool("ace-puppeteer")
    _chromium()
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><html><head><title>t</title></head><body><img src='x.png'>"
                    "<p>No language, no landmark.</p></body></html>", encoding="utf-8")
    found = " ".join(validators.axe_findings([page]))
    assert "html-has-lang" in found and "image-alt" in found
