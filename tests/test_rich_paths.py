"""A report with notes, a table, a figure, a quote and links, from DOCX, PDF and Markdown to
every format: read in with nothing lost, written out, every output through its validator."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from convert import astjson, nodes as n
from convert.cli import main as cli_main
from convert.pipeline import prepare_file
from convert.registry import get_writer
from convert.writers.pandoc import PandocWriter

from . import validators
from .tools import require


def words(doc: n.Document, alt: bool = True) -> list[str]:
    """Return every word of ``doc`` in reading order: its blocks' text, each note's text after
    the paragraph holding its mark, table cells and captions, figures' captions and (unless
    ``alt`` is False) images' alt text."""
    found: list[str] = []

    def run(inlines: tuple[n.Inline, ...]) -> None:
        notes: list[n.Note] = []
        for inline in n.iter_inlines(inlines):
            if isinstance(inline, n.Text):
                found.extend(re.findall(r"\w+", inline.text))
            elif isinstance(inline, n.Image) and alt:
                found.extend(re.findall(r"\w+", inline.alt))
            elif isinstance(inline, n.Note):
                notes.append(inline)
        for note in notes:
            blocks(note.blocks)

    def blocks(items: tuple[n.Block, ...]) -> None:
        for block in n.iter_blocks(items):
            if isinstance(block, n.Section):
                found.extend(re.findall(r"\w+", block.title))
            elif isinstance(block, n.Speech):
                found.extend(re.findall(r"\w+", f"{block.speaker.name} {block.speaker.affiliation}"))
            elif isinstance(block, n.Figure) and alt:
                found.extend(re.findall(r"\w+", block.image.alt))
            run(n.block_inlines(block))

    blocks(doc.blocks)
    return found


def _source(kind: str, rich_doc: n.Document, theme, folder: Path) -> Path:
    """Return the rich sample as a ``kind`` source, made by the tool people use for it."""
    if kind == "markdown":
        path = folder / "rich.md"
        path.write_bytes(PandocWriter("markdown").write(rich_doc, theme))
        return path
    docx = folder / "rich.docx"
    docx.write_bytes(get_writer("docx").write(rich_doc, theme))
    if kind == "docx":
        return docx
    require("soffice")
    return validators.soffice_convert(docx, folder / "pdf", "pdf")


@pytest.mark.parametrize("kind", ["docx", "pdf", "markdown"])
def test_notes_tables_figures_and_links_go_from_each_source_to_every_format(kind, rich_doc, theme, tmp_path):
    source = _source(kind, rich_doc, theme, tmp_path)
    doc = prepare_file(source).document
    kinds = {type(b) for b in n.iter_blocks(doc.blocks)} | {
        type(i) for b in n.iter_blocks(doc.blocks) for i in n.iter_inlines(n.block_inlines(b))}
    assert {n.Table, n.Figure, n.Note, n.Link} <= kinds, kind
    assert len(list(n.iter_notes(doc.blocks))) == 2 and doc.resources
    # LibreOffice's PDF export (untagged) carries no picture's description: the alt text is not in it
    alt = kind != "pdf"
    assert words(doc, alt)[-60:] == words(rich_doc, alt)[-60:]  # the body's end: the table, the figure, the list
    expected = [word for word in words(rich_doc, alt) if word not in ("Jo", "Smith")]  # the author may be metadata
    got = words(doc, alt)
    position = 0
    for word in expected[expected.index("Opening"):]:  # the body, in order, nothing lost
        position = got.index(word, position) + 1
    out = tmp_path / "out"
    assert cli_main([str(source), "--all", "-o", str(out)]) == 0
    outputs = sorted(out.iterdir())
    assert {path.suffix for path in outputs} >= {".json", ".docx", ".pdf", ".epub", ".html", ".xlf"}
    for path in outputs:
        assert validators.check_file(path) == [], path.name
    back = astjson.loads((out / f"{source.stem}.json").read_text(encoding="utf-8"))
    assert words(back, alt) == got
