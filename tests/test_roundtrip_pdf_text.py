"""Our own PDF, read back as text: the seed and every normalizer fixture must give their own tree.

``report-convert X --pdf``, then ``pdftotext`` (raw and ``-layout``), then the pipeline on
that dump: the tree equals the source's (line spans dropped, inlines flattened to plain
text, whitespace normalised; see tests/corpus/tree.py), except at paragraph boundaries the
dump's text does not show (the corpus notes' rule): the seed's raw dump runs a list's last
item into the next paragraph with nothing between them (no blank, no short line, no indent).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from convert.pipeline import prepare, prepare_file
from convert.typography import plain
from tests.corpus import notes
from tests.corpus.score import COMPONENTS, score_plain
from tests.corpus.tree import document_plain, text_units

from .conftest import FIXTURES, SEED
from .trees import without_spans
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
    # The PDF is typeset (curly quotation marks, en dashes in ranges): both trees are compared
    # with straight marks (tests/trees.py).
    want = without_spans(document_plain(prepare_file(source).document))
    got = without_spans(document_plain(prepare(dump, source.name).document))
    assert got["meta"] == want["meta"]
    assert [b.get("title") for b in got["blocks"]] == [b.get("title") for b in want["blocks"]]
    if got == want:
        return
    # Only where the dump's text does not show a paragraph boundary at all (tests/corpus/notes.py)
    # may the trees differ, by those boundaries alone.
    text = plain(dump.decode("utf-8"))
    excused = set(notes.invisible_boundaries(text_units(want["blocks"]), text, set()))
    result = score_plain(want, got, excused)
    assert excused and [getattr(result, name) for name in COMPONENTS] == [1.0] * len(COMPONENTS), result.problems
