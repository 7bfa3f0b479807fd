"""Our own PDF, read back as text: the seed and every normalizer fixture must give their own tree.

``report-convert X --pdf``, then ``pdftotext`` (raw and ``-layout``), then the pipeline on
that dump: the tree equals the source's (line spans dropped, inlines flattened to plain
text, whitespace normalised; see tests/corpus/tree.py).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from convert.pipeline import prepare, prepare_file
from tests.corpus.tree import document_plain

from .conftest import FIXTURES, SEED
from .tools import require

SOURCES = [SEED, *sorted((FIXTURES / "normalize").glob("*.txt"))]
MODES = {"raw": [], "layout": ["-layout"]}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    """Return the folder holding our PDF of every source."""
    out = tmp_path_factory.mktemp("roundtrip")
    result = subprocess.run([sys.executable, "-m", "convert", *map(str, SOURCES), "--pdf", "-o", str(out)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize("source", SOURCES, ids=[s.stem for s in SOURCES])
def test_pdf_text_gives_the_source_tree(pdfs, source, mode):
    pdftotext = require("pdftotext")
    pdf = pdfs / f"{source.stem}.pdf"
    dump = subprocess.run([pdftotext, *MODES[mode], str(pdf), "-"], capture_output=True, check=True).stdout
    want = document_plain(prepare_file(source).document)
    got = document_plain(prepare(dump, source.name).document)
    assert got["meta"] == want["meta"]
    assert [b.get("title") for b in got["blocks"]] == [b.get("title") for b in want["blocks"]]
    assert got == want
