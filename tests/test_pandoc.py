"""The pandoc bridge: our tree as pandoc JSON, any pandoc format, standalone HTML; checked by pandoc itself."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from lxml import html as lxml_html

from convert import nodes, pandoc_process
from convert.errors import ConversionError, UsageError
from convert.registry import get_writer
from convert.typography import plain, typeset
from convert.writers import pandoc as bridge
from . import validators
from .tools import pandoc_path, run

SEED_AST = Path(__file__).resolve().parent / "golden" / "japan-peace-cooperation-2023.ast.json"


# --- helpers (test_epub uses them too) -------------------------------------------


def pandoc_read(data: bytes, fmt: str, tmp_path: Path) -> dict:
    """Return pandoc's JSON AST of ``data`` read as ``fmt``."""
    source = tmp_path / f"input.{fmt}"
    source.write_bytes(data)
    return validators.pandoc_read(source, fmt)


def _stringify(inlines: list) -> str:
    parts = []
    for inline in inlines:
        kind, content = inline["t"], inline.get("c")
        if kind == "Str":
            parts.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            parts.append(" ")
        elif kind in ("Strong", "Emph", "Underline", "SmallCaps", "Strikeout"):
            parts.append(_stringify(content))
        elif kind in ("Span", "Link", "Quoted"):
            parts.append(_stringify(content[1]))
    return "".join(parts)


def pandoc_paragraphs(blocks: list) -> list[list[str]]:
    """Return the words of every Para/Plain in ``blocks``, in reading order, at any depth."""
    out: list[list[str]] = []
    stack = list(reversed(blocks))
    while stack:
        block = stack.pop()
        kind, content = block["t"], block.get("c")
        if kind in ("Para", "Plain"):
            out.append(_stringify(content).split())
        elif kind == "Div":
            stack.extend(reversed(content[1]))
        elif kind == "BlockQuote":
            stack.extend(reversed(content))
        elif kind in ("BulletList", "OrderedList"):
            items = content if kind == "BulletList" else content[1]
            for item in reversed(items):
                stack.extend(reversed(item))
    return out


def pandoc_headers(blocks: list) -> list[tuple[int, str, list[str]]]:
    """Return (level, text, classes) of every Header, at the top level or inside Divs."""
    out = []
    for block in blocks:
        if block["t"] == "Header":
            out.append((block["c"][0], _stringify(block["c"][2]), block["c"][1][1]))
        elif block["t"] == "Div":
            out += pandoc_headers(block["c"][1])
    return out


def our_paragraphs(doc: nodes.Document) -> list[list[str]]:
    """Return the words of every paragraph of ``doc``, in reading order."""
    return [nodes.plain_text(b.inlines).split() for b in nodes.iter_blocks(doc.blocks) if isinstance(b, nodes.Para)]


def assert_paragraphs_in_order(ours: list[list[str]], theirs: list[list[str]]) -> None:
    """Assert every one of ``ours`` is found, word for word, in ``theirs``, in the same order."""
    # Typeset formats carry curly quotation marks and range dashes: compared straight.
    ours = [[plain(word) for word in words] for words in ours]
    theirs = [[plain(word) for word in words] for words in theirs]
    position = 0
    for words in ours:
        while position < len(theirs) and theirs[position] != words:
            position += 1
        assert position < len(theirs), f"paragraph missing or out of order: {' '.join(words)[:120]}"
        position += 1


@pytest.fixture(scope="module")
def seed(seed_doc):
    return seed_doc


# --- pandoc JSON -------------------------------------------------------------------


def test_api_version_is_the_pandoc_in_use():
    result = run([pandoc_path(), "-f", "markdown", "-t", "json"], input="")
    assert bridge.api_version() == json.loads(result.stdout)["pandoc-api-version"]
    assert bridge.to_pandoc_json(nodes.Document())["pandoc-api-version"] == bridge.api_version()


def test_text_splits_as_pandoc_does():
    out = bridge.inlines_to_pandoc((nodes.Text("a  b\nc\u00a0d\u3000e "), nodes.Text("f"),
                                    nodes.Strong((nodes.Text("g"),))))
    assert out == [{"t": "Str", "c": "a"}, {"t": "Space"}, {"t": "Str", "c": "b"}, {"t": "SoftBreak"},
                   {"t": "Str", "c": "c\u00a0d\u3000e"}, {"t": "Space"}, {"t": "Str", "c": "f"},
                   {"t": "Strong", "c": [{"t": "Str", "c": "g"}]}]


@pytest.mark.parametrize("which", ["sample", "seed", "rich"])
def test_pandoc_json_round_trips_unchanged(which, sample_doc, rich_doc, request):
    doc = {"sample": sample_doc, "rich": rich_doc}.get(which) or request.getfixturevalue("seed")
    ours = bridge.to_pandoc_json(doc)
    result = run([pandoc_path(), "-f", "json", "-t", "json"], input=json.dumps(ours))
    assert result.returncode == 0, result.stderr
    theirs = json.loads(result.stdout)
    assert theirs["blocks"] == ours["blocks"]
    assert theirs["meta"] == ours["meta"]


def test_pandoc_json_structure(sample_doc, theme):
    out = bridge.to_pandoc_json(sample_doc, theme)
    title_page, blocks = out["blocks"][0], out["blocks"][1:]
    assert title_page["t"] == "Div" and title_page["c"][0][1] == ["titlepage"]
    title_text = json.dumps(title_page, ensure_ascii=False)
    for word in ("Sample", "Association", "present", "Pérez", "Institute", "10:00-11:30"):
        assert word in title_text
    assert [(h[0], h[1]) for h in pandoc_headers(blocks)] == [
        (1, "Opening Remarks"), (2, "Prof. Kenji Sato"), (1, "Part I Keynote Presentation"),
        (2, "H.E. Ms. Amina Diallo"), (1, "Q&A")]
    assert blocks[0]["c"][1][0] == "opening-remarks"  # the section id is the header's identifier
    assert blocks[2] == {"t": "Para", "c": [{"t": "Emph", "c": [
        {"t": "Str", "c": "President,"}, {"t": "Space"}, {"t": "Str", "c": "Sample"}, {"t": "Space"},
        {"t": "Str", "c": "University"}]}]}
    kinds = [b["t"] for b in blocks]
    ordered = blocks[kinds.index("OrderedList")]
    assert ordered["c"][0] == [1, {"t": "Decimal"}, {"t": "Period"}]
    parallel = blocks[-1]
    assert parallel["t"] == "Div" and parallel["c"][0] == ["", ["parallel"], []]
    assert [side["c"][0][2] for side in parallel["c"][1]] == [[["lang", "en"]], [["lang", "ja"]]]
    meta = out["meta"]
    assert meta["lang"] == {"t": "MetaString", "c": "en"}
    assert meta["author"]["t"] == "MetaInlines"
    assert [m["t"] for m in meta["organizers"]["c"]] == ["MetaInlines", "MetaInlines"]
    assert meta["presenters"]["c"][0]["t"] == "MetaMap"
    assert set(meta) == {"lang", "title", "author", "date", "time", "organizers", "presenters"}


def _walk(value, kind: str) -> list:
    """Return every pandoc element of type ``kind`` in a pandoc JSON value, in document order."""
    found, stack = [], [value]
    while stack:
        node = stack.pop(0)
        if isinstance(node, dict):
            if node.get("t") == kind:
                found.append(node)
            stack[:0] = list(node.values())
        elif isinstance(node, list):
            stack[:0] = node
    return found


def test_notes_tables_figures_and_links_as_pandoc_reads_them_back(rich_doc, theme, tmp_path):
    """Our Markdown and DOCX of the rich sample, read back by pandoc, have its two notes, its
    table (one head row, three body rows, the spanning cell), its figure with the image's
    alt text and bytes, its quote and its links, the section link still pointing at a heading."""
    for fmt in ("markdown", "docx"):
        tree = pandoc_read(bridge.PandocWriter(fmt).write(rich_doc, theme), fmt, tmp_path)
        notes = _walk(tree["blocks"], "Note")
        assert [_stringify(_walk(note, "Para")[0]["c"])[:28] for note in notes] == [
            "Report of the High-Level Ind", "See also Resolution 2378 (20"], fmt
        (table,) = _walk(tree["blocks"], "Table")
        head, bodies = table["c"][3], table["c"][4]
        assert len(head[1]) == 1 and len(bodies[0][3]) == 3, fmt
        assert [cell[3] for cell in bodies[0][3][2][1]] == [2, 1], fmt  # "Total" spans two columns
        images = _walk(tree["blocks"], "Image")
        assert len(images) == 1 and len(_walk(tree["blocks"], "BlockQuote")) == 1, fmt
        targets = [link["c"][2][0] for link in _walk(tree["blocks"], "Link")]
        assert {"https://undocs.org/A/70/95", "mailto:info@example.org",
                "https://example.org/report?id=1&lang=en", "https://example.org/data.csv"} <= set(targets), fmt
        # the body's link to the "Data" section (after the contents' own)
        internal = [link["c"][2][0] for link in _walk(tree["blocks"], "Link") if _stringify(link["c"][1]) == "Data"][-1]
        assert internal[1:] in {h["c"][1][0] for h in _walk(tree["blocks"], "Header")} | {
            b["c"][0][0] for b in _walk(tree["blocks"], "Div")}, fmt
    html = bridge.HtmlWriter().write(rich_doc, theme).decode("utf-8")
    page = lxml_html.fromstring(html)
    (img,) = page.xpath("//figure//img")
    assert img.get("alt") == "Bar chart: deployments rose from 2019 to 2023"
    assert img.get("src").startswith("data:image/png;base64,iVBOR")
    assert page.xpath("//figure/figcaption")[0].text_content().startswith("Figure 1: Deployments")
    assert [th.text_content() for th in page.xpath("//table/thead//th")] == ["Country", "Personnel", "Mission"]
    assert len(page.xpath("//section[@role='doc-endnotes']//li")) == len(page.xpath("//a[@role='doc-noteref']")) == 2


# --- formats -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt, ext", [("markdown", ".md"), ("rst", ".rst"), ("latex", ".tex"),
                                      ("plain", ".txt"), ("docbook", ".xml"), ("odt", ".odt")])
def test_formats_write_the_text(fmt, ext, sample_doc, theme):
    writer = bridge.PandocWriter(fmt)
    assert (writer.name, writer.extension) == (fmt, ext)
    data = writer.write(sample_doc, theme)
    if fmt == "odt":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert archive.namelist()[0] == "mimetype"
            text = archive.read("content.xml").decode("utf-8")
        text = re.sub(r"<[^>]+>", " ", text)
    else:
        text = data.decode("utf-8")
    flat = " ".join(text.split())
    for word in ("Opening", "Kenji", "cooperation", "regional", "moderator", "日本は平和協力を続けていきます。",
                 "שלום", "👩‍👩‍👧"):
        assert word in flat, (fmt, word)


def test_odt_is_reproducible(sample_doc, theme):
    writer = bridge.PandocWriter("odt")
    assert writer.write(sample_doc, theme) == writer.write(sample_doc, theme)


def test_unknown_format_lists_the_valid_ones():
    with pytest.raises(UsageError) as info:
        bridge.PandocWriter("no-such-format")
    assert "no-such-format" in str(info.value)
    for name in ("markdown", "rst", "odt", "latex", "html5"):
        assert name in str(info.value)


def test_extension_defaults_to_the_format_name():
    assert bridge.PandocWriter("org").extension == ".org"
    assert bridge.PandocWriter("html").extension == ".html"


def test_pandoc_runs_with_a_smaller_heap_unless_the_user_sets_one(monkeypatch, sample_doc, theme):
    monkeypatch.delenv("GHCRTS", raising=False)
    assert pandoc_process.environment()["GHCRTS"] == pandoc_process.RUNTIME_OPTIONS
    monkeypatch.setenv("GHCRTS", "-Hbogus")  # the user's options reach pandoc: here, ones it refuses
    assert pandoc_process.environment()["GHCRTS"] == "-Hbogus"
    with pytest.raises(ConversionError, match="RTS option -Hbogus"):
        bridge.PandocWriter("markdown").write(sample_doc, theme)


# --- HTML ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_html(sample_doc, theme):
    return get_writer("html").write(sample_doc, theme)


def test_html_writer_is_registered():
    writer = get_writer("html")
    assert (writer.name, writer.extension) == ("html", ".html")


def test_html_is_standalone_with_title_toc_lang_and_theme_css(sample_html, theme):
    page = lxml_html.document_fromstring(sample_html)
    assert page.get("lang") == "en"
    assert page.findtext(".//title") == 'Sample Report on <Peace> & \u201cCooperation\u201d'
    toc = page.get_element_by_id("TOC")
    assert [a.get("href") for a in toc.iter("a")][:2] == ["#opening-remarks", "#prof-kenji-sato"]
    style = "\n".join(s.text for s in page.iter("style"))
    assert theme.colors.heading in style and '"DejaVu Serif"' in style
    assert "Default styles provided by pandoc" not in style or "html {" not in style
    assert page.xpath("//div[@class='parallel']/div[@lang='ja']")


def test_html_keeps_hostile_text_as_text(sample_html):
    page = lxml_html.document_fromstring(sample_html)
    assert not page.xpath("//body//script | //iframe | //img | //font | //b | //a[starts-with(@href,'javascript')]")
    assert not [a for e in page.iter() if isinstance(e.tag, str) for a in e.attrib if a.startswith("on")]
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in sample_html
    text = page.text_content()
    assert '<script>alert(1)</script>' in text and "& &amp; ]]>" in text


def test_html_read_back_has_every_word(sample_doc, sample_html, tmp_path):
    back = pandoc_read(sample_html, "html", tmp_path)
    assert_paragraphs_in_order(our_paragraphs(sample_doc), pandoc_paragraphs(back["blocks"]))


def test_seed_html_read_back(seed, theme, tmp_path):
    back = pandoc_read(get_writer("html").write(seed, theme), "html", tmp_path)
    assert_paragraphs_in_order(our_paragraphs(seed), pandoc_paragraphs(back["blocks"]))
    headers = pandoc_headers(back["blocks"])
    # The contents' title, then the body's 3 sections and 8 speeches; the title is no h1.
    assert headers[0][:2] == (2, "Contents")
    assert sum(1 for h in headers[1:] if h[0] == 1) == 3
    assert sum(1 for h in headers[1:] if h[0] == 2) == 8


def test_seed_html_page_reads_in_the_title_blocks_order(seed, theme):
    page = lxml_html.fromstring(get_writer("html").write(seed, theme))
    (header,) = page.xpath("body/main/header")
    meta = seed.meta
    lines = [(div.get("class"), plain(" ".join(div.text_content().split()))) for div in header.xpath("div")]
    assert lines == [*(("organizer", name) for name in meta.organizers), ("present", "present"),
                     ("presenter", meta.presenters[0].name), ("affiliation", meta.presenters[0].affiliation),
                     ("on", "On"), ("title", meta.title), ("date", meta.date_text), ("time", meta.time_text),
                     ("compiled", f"Report compiled by {meta.compiled_by}")]
    assert header.xpath("div[@class='title']/@role") == ["heading"]
    # Then the contents, labelled by their heading; then the body; all of it the page's <main>.
    assert [child.tag for child in page.xpath("body/*")] == ["main"]
    assert [child.tag for child in page.xpath("body/main/*")][:3] == ["header", "nav", "h1"]
    (nav,) = page.xpath("body/main/nav")
    assert page.get_element_by_id(nav.get("aria-labelledby")).text_content() == "Contents"
    assert len(page.xpath("body/main/h1")) == 3 and len(page.xpath("body/main/h2")) == 8
    affiliations = [" ".join(e.text_content().split()) for e in page.xpath("body/main/*[@class='affiliation']")]
    assert affiliations == [s.speaker.affiliation for s in nodes.iter_blocks(seed.blocks)
                            if isinstance(s, nodes.Speech) and s.speaker.affiliation]
