"""Our own PDF, read back as text: the seed and every normalizer fixture must give their own tree.

``report-convert X --pdf``, then ``pdftotext`` (raw and ``-layout``), then the pipeline on
that dump: the tree equals the source's (line spans dropped, inlines flattened to plain
text, whitespace normalised; see tests/corpus/tree.py), except at paragraph boundaries the
dump's text does not show (the corpus notes' rule): the seed's raw dump runs a list's last
item into the next paragraph with nothing between them (no blank, no short line, no indent).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from convert.pipeline import prepare, prepare_file
from convert.typography import plain
from tests.corpus import notes
from tests.corpus.score import COMPONENTS, score_plain
from tests.corpus.tree import document_plain, text_units

from .conftest import FIXTURES, ROOT, SEED
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


CORPUS_SPECS = sorted((ROOT / "tests" / "corpus").glob("*/spec.json"))


@pytest.fixture(scope="module")
def corpus_pdfs(tmp_path_factory, theme):
    """Return the folder holding our PDF of every corpus report's expected tree."""
    from convert import astjson
    from convert.pipeline import FormatRequest, render
    from tests.corpus.tree import spec_to_ast_json

    out = tmp_path_factory.mktemp("corpus-roundtrip")
    for spec in CORPUS_SPECS:
        tree = astjson.from_json(spec_to_ast_json(json.loads(spec.read_text(encoding="utf-8"))))
        (out / f"{spec.parent.name}.pdf").write_bytes(render(tree, FormatRequest("pdf"), theme, spec.parent.name)[1])
    return out


@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize("spec", CORPUS_SPECS, ids=[spec.parent.name for spec in CORPUS_SPECS])
def test_pdf_text_of_every_corpus_report_gives_its_tree(corpus_pdfs, spec, mode):
    """The same for each corpus report's expected tree, written by our PDF writer."""
    from convert import astjson
    from tests.corpus.tree import spec_to_ast_json

    pdftotext = require("pdftotext")
    pdf = corpus_pdfs / f"{spec.parent.name}.pdf"
    dump = subprocess.run([pdftotext, *MODES[mode], str(pdf), "-"], capture_output=True, check=True).stdout
    want = without_spans(document_plain(astjson.from_json(spec_to_ast_json(
        json.loads(spec.read_text(encoding="utf-8"))))))
    got = without_spans(document_plain(prepare(dump, f"{spec.parent.name}.txt").document))
    if got == want:
        return
    # Our writer's running header is the report's title: page furniture, as the corpus notes
    # count a dump's header (the page number is furniture by its form).
    text = plain(dump.decode("utf-8"))
    excused = set(notes.invisible_boundaries(text_units(want["blocks"]), text, {want["meta"]["title"]}))
    result = score_plain(want, got, excused)
    assert excused and [getattr(result, name) for name in COMPONENTS] == [1.0] * len(COMPONENTS), result.problems
