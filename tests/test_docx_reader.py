"""The Word reader: a DOCX's paragraphs, styles, runs and numbering to the document tree.

Every corpus report's DOCX (python-docx, tests/corpus) and the same DOCX saved by LibreOffice
must give its spec's tree exactly; our own DOCX of the seed and of every normalizer fixture,
and that DOCX saved by LibreOffice, must give back the source's tree. Small packages built
here check one Word fact each, and hostile ones one clear error each.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convert import astjson, nodes as n
from convert.errors import InputError
from convert.pipeline import humanize_stem, prepare_file
from convert.readers.docx import MAX_NESTING, DocxLimits, read_docx, recover_docx
from tests.corpus.score import COMPONENTS, CORPUS, reports_in, score

from . import validators
from .conftest import FIXTURES, SEED
from .tools import require
from .trees import without_spans

REPORTS = reports_in([CORPUS])
SOURCES = [SEED, *sorted((FIXTURES / "normalize").glob("*.txt"))]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# --- building packages ----------------------------------------------------------------


def _package(body: str, *, styles: str = "", numbering: str = "", core: str = "",
             extra: dict[str, bytes] | None = None) -> bytes:
    """Return a minimal Word package with ``body`` (the inside of ``w:body``) and the given parts."""
    rels = []
    overrides = ['<Override PartName="/word/document.xml" ContentType="application/'
                 'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>']
    parts = {"word/document.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                                  f'<w:document xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/'
                                  f'markup-compatibility/2006"><w:body>{body}</w:body></w:document>'}
    for part, kind, root in (("styles", "styles", styles), ("numbering", "numbering", numbering)):
        if root:
            parts[f"word/{part}.xml"] = f'<w:{part} xmlns:w="{W}">{root}</w:{part}>'
            rels.append(f'<Relationship Id="r{part}" Type="http://schemas.openxmlformats.org/officeDocument/'
                        f'2006/relationships/{kind}" Target="{part}.xml"/>')
    package_rels = ['<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    'relationships/officeDocument" Target="word/document.xml"/>']
    if core:
        parts["docProps/core.xml"] = (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">'
            f'{core}</cp:coreProperties>')
        package_rels.append('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
                            'relationships/metadata/core-properties" Target="docProps/core.xml"/>')
    parts["_rels/.rels"] = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                            + "".join(package_rels) + "</Relationships>")
    parts["word/_rels/document.xml.rels"] = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/'
                                             '2006/relationships">' + "".join(rels) + "</Relationships>")
    parts["[Content_Types].xml"] = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                                    '<Default Extension="xml" ContentType="application/xml"/>'
                                    '<Default Extension="rels" ContentType="application/'
                                    'vnd.openxmlformats-package.relationships+xml"/>'
                                    + "".join(overrides) + "</Types>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode("utf-8"))
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def _p(text: str = "", *, style: str = "", runs: str = "", ppr: str = "") -> str:
    """Return a paragraph: ``text`` as one plain run, or the raw ``runs``."""
    properties = (f'<w:pStyle w:val="{style}"/>' if style else "") + ppr
    content = runs or (f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else "")
    return f"<w:p>{f'<w:pPr>{properties}</w:pPr>' if properties else ''}{content}</w:p>"


def _r(text: str, rpr: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


#: The styles a plain Word document has: Normal 11 pt, headings bold and larger, a list style.
STYLES = (
    '<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>'
    '<w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Ueberschrift"><w:name w:val="Meine Überschrift"/>'
    '<w:basedOn w:val="Heading1"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/>'
    '<w:basedOn w:val="Heading1"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="ListNumber"><w:name w:val="List Number"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>'
)
#: A decimal list (numId 1), a bullet list (numId 2), and the decimal list restarted at 3 (numId 3).
NUMBERING = (
    '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
    '<w:lvlText w:val="\uf0b7"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/>'
    '</w:lvlOverride></w:num>'
)
TITLE_PAGE = (_p("Centre for Water Studies") + _p(runs=_r("present", "<w:i/>")) + _p(runs=_r("Dr. Lena Berg", "<w:b/>"))
              + _p(runs=_r("Director, Basin Institute", "<w:i/>")) + _p(runs=_r("On", "<w:i/>"))
              + _p(runs=_r("Water Policy after the Drought", '<w:b/><w:sz w:val="40"/>')) + _p("3 March 2024"))
SPEECH = ("Ms. Ruiz said the reservoirs had fallen to a third of their level and that the basin authority would "
          "publish weekly figures from now on.")


def _doc(body: str, **parts) -> n.Document:
    return recover_docx(_package(body, styles=STYLES, numbering=NUMBERING, **parts), "t.docx").document


def _plain(blocks) -> list:
    """Return a compact view of ``blocks``: (kind, text or children)."""
    out = []
    for block in blocks:
        if isinstance(block, n.Section):
            out.append(("section", block.title, _plain(block.blocks)))
        elif isinstance(block, n.Speech):
            out.append(("speech", block.speaker.name, block.speaker.affiliation, _plain(block.blocks)))
        elif isinstance(block, n.Para):
            out.append(n.plain_text(block.inlines))
        elif isinstance(block, n.OrderedList):
            out.append(("ordered", block.start, [n.plain_text(i.blocks[0].inlines) for i in block.items]))
        elif isinstance(block, n.BulletList):
            out.append(("bullets", [n.plain_text(i.blocks[0].inlines) for i in block.items]))
        elif isinstance(block, n.Table):
            out.append(("table", len(block.head), [[" ".join(_plain(cell.blocks)) for cell in row.cells]
                                                   for row in (*block.head, *block.body)]))
    return out


# --- the corpus -----------------------------------------------------------------------


@pytest.mark.parametrize("report", REPORTS, ids=[r.name for r in REPORTS])
def test_corpus_docx_gives_its_spec(report):
    """Heading styles or bold 14 pt, Heading 2 or bold speakers, every place of the affiliation,
    real Word lists, typed contents pages, headers and footers, two columns: all read exactly."""
    spec = json.loads((report / "spec.json").read_text(encoding="utf-8"))
    data = (report / "report.docx").read_bytes()
    result = score(spec, recover_docx(data, str(report / "report.docx")).document)
    assert {name: getattr(result, name) for name in COMPONENTS} == dict.fromkeys(COMPONENTS, 1.0), result.problems


def _soffice_docx(files: list[Path], out: Path) -> None:
    """Open and save every file in ``files`` as DOCX with LibreOffice (one run, a private profile)."""
    soffice = require("soffice")
    profile = out / "profile"
    result = subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                             "docx", "--outdir", str(out), *map(str, files)], capture_output=True, text=True,
                            timeout=600)
    shutil.rmtree(profile, ignore_errors=True)
    assert all((out / f"{file.stem}.docx").exists() for file in files), result.stderr


@pytest.fixture(scope="module")
def corpus_saved_by_libreoffice(tmp_path_factory):
    """Return the folder holding each corpus report's DOCX as LibreOffice saves it (<report>.docx)."""
    source = tmp_path_factory.mktemp("corpus-docx")
    out = tmp_path_factory.mktemp("corpus-lo")
    for report in REPORTS:
        shutil.copy(report / "report.docx", source / f"{report.name}.docx")
    _soffice_docx(sorted(source.glob("*.docx")), out)
    return out


@pytest.mark.parametrize("report", REPORTS, ids=[r.name for r in REPORTS])
def test_corpus_docx_saved_by_libreoffice_reads_the_same(corpus_saved_by_libreoffice, report):
    spec = json.loads((report / "spec.json").read_text(encoding="utf-8"))
    path = corpus_saved_by_libreoffice / f"{report.name}.docx"
    result = score(spec, recover_docx(path.read_bytes(), str(path)).document)
    assert {name: getattr(result, name) for name in COMPONENTS} == dict.fromkeys(COMPONENTS, 1.0), result.problems


# --- round trips ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def our_docx(tmp_path_factory):
    """Return the folder holding our own DOCX of every source."""
    out = tmp_path_factory.mktemp("our-docx")
    result = subprocess.run([sys.executable, "-m", "convert", *map(str, SOURCES), "--docx", "-o", str(out)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def our_docx_saved_by_libreoffice(our_docx, tmp_path_factory):
    out = tmp_path_factory.mktemp("our-docx-lo")
    _soffice_docx([our_docx / f"{source.stem}.docx" for source in SOURCES], out)
    return out


def _round_trip(source: Path, docx: Path) -> tuple[dict, dict]:
    want = without_spans(astjson.to_json(prepare_file(source).document))
    recovered = recover_docx(docx.read_bytes(), str(docx), fallback_title=humanize_stem(source.stem))
    return without_spans(astjson.to_json(recovered.document)), want


@pytest.mark.parametrize("source", SOURCES, ids=[s.stem for s in SOURCES])
def test_our_docx_gives_back_the_source_tree(our_docx, source):
    """Our writer's title page, TOC field, heading styles, affiliation style, real lists and
    core properties are all read back: the tree is the source's, node for node."""
    got, want = _round_trip(source, our_docx / f"{source.stem}.docx")
    assert got == want


@pytest.mark.parametrize("source", SOURCES, ids=[s.stem for s in SOURCES])
def test_our_docx_saved_by_libreoffice_gives_back_the_source_tree(our_docx_saved_by_libreoffice, source):
    """LibreOffice rewrites the styles, the numbering and the TOC (as a content control)."""
    got, want = _round_trip(source, our_docx_saved_by_libreoffice / f"{source.stem}.docx")
    assert got == want


# --- one Word fact each ---------------------------------------------------------------


def test_one_line_per_paragraph_numbered_by_its_place_with_blank_lines_between():
    body = _p("First paragraph.") + _p() + _p("Second", runs=_r("Second ") + "<w:r><w:br/></w:r>" + _r("line."))
    lines = read_docx(_package(body, styles=STYLES), "t.docx").lines
    assert [(line.number, line.text, line.wraps) for line in lines] == [
        (1, "First paragraph.", False), (1, "", None), (3, "Second", False), (3, "line.", True)]
    assert all(line.marks == () for line in lines if line.text)


def test_a_speaker_name_with_its_affiliation_after_a_line_break():
    speaker = _p(style="Heading2", runs=_r("Ms. Ana Ruiz") + '<w:r><w:rPr><w:i/></w:rPr><w:br/>'
                 '<w:t>Director, Basin Authority</w:t></w:r>')
    document = _doc(TITLE_PAGE + _p("Opening Remarks", style="Heading1") + speaker + _p(SPEECH))
    assert _plain(document.blocks) == [("section", "Opening Remarks", [
        ("speech", "Ms. Ana Ruiz", "Director, Basin Authority", [SPEECH])])]
    assert (document.meta.title, document.meta.date) == ("Water Policy after the Drought", "2024-03-03")


def test_a_bold_speaker_line_and_an_italic_affiliation_under_it():
    body = (TITLE_PAGE + _p("Opening Remarks", style="Heading1") + _p(runs=_r("Mr. Kofi Mensah", "<w:b/>"))
            + _p(runs=_r("Senior Adviser, Ministry of Finance", "<w:i/>")) + _p(SPEECH))
    speech = _doc(body).blocks[0].blocks[0]
    assert (speech.speaker.name, speech.speaker.affiliation) == ("Mr. Kofi Mensah",
                                                                 "Senior Adviser, Ministry of Finance")


def test_bold_and_italic_runs_become_strong_and_emphasis_and_asterisks_are_text():
    runs = (_r("The plan is ") + _r("binding", '<w:rStyle w:val="Strong"/>') + _r(" and ") + _r("urgent", "<w:i/>")
            + _r("; 5 ** 3 is **not** bold and *this* is not italic."))
    paragraph = _doc(_p("Opening Remarks", style="Heading1") + _p(runs=runs)).blocks[0].blocks[0]
    assert paragraph.inlines == (n.Text("The plan is "), n.Strong((n.Text("binding"),)), n.Text(" and "),
                                 n.Emph((n.Text("urgent"),)),
                                 n.Text("; 5 ** 3 is **not** bold and *this* is not italic."))


def test_headings_from_outline_levels_style_chains_and_type():
    """A Normal paragraph with an outline level, a style of any name based on "heading 1", and a
    bold paragraph set larger than the text are headings; a TOC Heading (outline level 9) is not."""
    body = (_p("Water in the Cities", ppr='<w:outlineLvl w:val="0"/>') + _p(SPEECH)
            + _p("Farming after the Drought", style="Ueberschrift") + _p(SPEECH)
            + _p(runs=_r("Rivers and Their Banks", '<w:b/><w:sz w:val="30"/>')) + _p(SPEECH))
    source = read_docx(_package(body, styles=STYLES), "t.docx")
    assert source.outline == ("Water in the Cities", "Farming after the Drought")
    document = _doc(body)
    assert [block.title for block in document.blocks] == [
        "Water in the Cities", "Farming after the Drought", "Rivers and Their Banks"]


def test_word_lists_give_their_markers_and_start_values():
    body = (_p("Opening Remarks", style="Heading1") + _p("The panel agreed on three steps:")
            + _p("Publish the figures weekly", style="ListNumber") + _p("Meter every well", style="ListNumber")
            + _p("Then it listed what remains:")
            + _p("Review the tariffs", ppr='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>')
            + _p("Fund the repairs", ppr='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>')
            + _p("And what it hopes for:")
            + _p("Rain", ppr='<w:numPr><w:numId w:val="2"/></w:numPr>')
            + _p("Fewer floods", ppr='<w:numPr><w:numId w:val="2"/></w:numPr>')
            + _p("Typed markers count too:") + _p("1. A typed item") + _p("2. Another one"))
    texts = [line.text for line in read_docx(_package(body, styles=STYLES, numbering=NUMBERING), "t").lines
             if line.text]
    assert texts[2:4] == ["1. Publish the figures weekly", "2. Meter every well"]
    assert texts[-5:-3] == ["\u2022 Rain", "\u2022 Fewer floods"]
    assert _plain(_doc(body).blocks[0].blocks) == [
        "The panel agreed on three steps:", ("ordered", 1, ["Publish the figures weekly", "Meter every well"]),
        "Then it listed what remains:", ("ordered", 3, ["Review the tariffs", "Fund the repairs"]),
        "And what it hopes for:", ("bullets", ["Rain", "Fewer floods"]),
        "Typed markers count too:", ("ordered", 1, ["A typed item", "Another one"])]


def test_numbering_goes_on_across_paragraphs_as_word_counts():
    item = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    body = (_p("Opening Remarks", style="Heading1") + _p("First", ppr=item) + _p("Second", ppr=item)
            + _p("A remark between the items.") + _p("Third", ppr=item))
    assert _plain(_doc(body).blocks[0].blocks) == [("ordered", 1, ["First", "Second"]), "A remark between the items.",
                                                   ("ordered", 3, ["Third"])]


def test_word_list_levels_give_nested_lists():
    """Items a level down (Tab in Word: ``w:ilvl`` 1) are a list inside the item before them."""
    numbering = ('<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                 '<w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/>'
                 '<w:lvlText w:val="o"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')

    def item(text: str, level: int) -> str:
        return _p(text, ppr=f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr>')

    body = (_p("Opening Remarks", style="Heading1") + _p("The panel agreed on these steps:")
            + item("Publish the figures", 0) + item("Meter every well:", 0) + item("in the north first", 1)
            + item("then in the south", 1) + item("Review the tariffs", 0) + _p(SPEECH))
    blocks = recover_docx(_package(body, styles=STYLES, numbering=numbering), "t.docx").document.blocks[0].blocks
    assert [type(block).__name__ for block in blocks] == ["Para", "OrderedList", "Para"]
    outer = blocks[1]
    assert [n.plain_text(item.blocks[0].inlines) for item in outer.items] == [
        "Publish the figures", "Meter every well:", "Review the tariffs"]
    inner = outer.items[1].blocks[1]
    assert isinstance(inner, n.BulletList)
    assert [n.plain_text(item.blocks[0].inlines) for item in inner.items] == ["in the north first", "then in the south"]


def _toc_field(entries: list[str]) -> str:
    """Return the paragraphs of a table-of-contents field as Word writes it (entries with page numbers)."""
    begin = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" '
             '\\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>')
    paragraphs = [_p(runs=(begin if index == 0 else "") + _r(entry) + "<w:r><w:tab/></w:r>" + _r(str(index + 3)))
                  for index, entry in enumerate(entries)]
    return "".join(paragraphs) + _p(runs='<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def test_a_table_of_contents_field_is_left_out_and_listed():
    body = (TITLE_PAGE + _p("Contents", style="TOCHeading") + _toc_field(["Opening Remarks", "Closing Remarks"])
            + _p("Opening Remarks", style="Heading1") + _p(SPEECH)
            + _p("Closing Remarks", style="Heading1") + _p(SPEECH))
    recovered = recover_docx(_package(body, styles=STYLES), "t.docx")
    assert _plain(recovered.document.blocks) == [("section", "Opening Remarks", [SPEECH]),
                                                 ("section", "Closing Remarks", [SPEECH])]
    assert recovered.document.meta.organizers == ("Centre for Water Studies",)
    assert [(d.line, d.text) for d in recovered.dropped if d.reason == "contents"] == [
        (8, "Contents"), (9, "Opening Remarks 3"), (10, "Closing Remarks 4")]
    assert [(d.line, d.severity) for d in recovered.diagnostics if d.code == "contents"] == [(8, "info")]


def test_a_table_of_contents_content_control_is_left_out():
    control = ('<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/>'
               '</w:docPartObj></w:sdtPr><w:sdtContent>' + _p("Contents", style="TOCHeading")
               + _toc_field(["Opening Remarks"]) + '</w:sdtContent></w:sdt>')
    recovered = recover_docx(_package(TITLE_PAGE + control + _p("Opening Remarks", style="Heading1") + _p(SPEECH),
                                      styles=STYLES), "t.docx")
    assert _plain(recovered.document.blocks) == [("section", "Opening Remarks", [SPEECH])]
    assert any(d.code == "contents" and d.severity == "info" for d in recovered.diagnostics)


def test_other_fields_show_their_result():
    runs = (_r("See ") + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF _Ref1 \\h </w:instrText>'
            '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _r("Table 2")
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>' + _r(" and ")
            + f'<w:fldSimple w:instr=" PAGE ">{_r("7")}</w:fldSimple>' + _r("."))
    assert [line.text for line in read_docx(_package(_p(runs=runs)), "t").lines] == ["See Table 2 and 7."]


def test_a_field_that_never_ends_loses_no_text():
    """A damaged table-of-contents field (no end) would swallow the body: it is read as text."""
    body = TITLE_PAGE + _toc_field(["Opening Remarks"]).rsplit("<w:p>", 1)[0] + _p("Opening Remarks", style="Heading1")
    recovered = recover_docx(_package(body + _p(SPEECH), styles=STYLES), "t.docx")
    assert _plain(recovered.document.blocks)[-1] == ("section", "Opening Remarks", [SPEECH])
    assert [d.severity for d in recovered.diagnostics if d.code == "docx-unclosed-field"] == ["warning"]


def test_tracked_changes_read_as_accepted_with_one_warning():
    runs = (_r("The fund ") + '<w:ins w:id="1" w:author="A"><w:r><w:t xml:space="preserve">was approved</w:t>'
            '</w:r></w:ins><w:del w:id="2" w:author="A"><w:r><w:delText>was refused</w:delText></w:r></w:del>'
            + _r(" in March"))
    merged = _p(runs=_r("and it runs on"), ppr='<w:rPr><w:del w:id="3" w:author="A"/></w:rPr>')
    body = _p("Opening Remarks", style="Heading1") + _p(runs=runs) + merged + _p(" into this paragraph.")
    recovered = recover_docx(_package(body, styles=STYLES), "t.docx")
    assert _plain(recovered.document.blocks[0].blocks) == ["The fund was approved in March",
                                                           "and it runs on into this paragraph."]
    warnings = [d for d in recovered.diagnostics if d.code == "docx-tracked-changes"]
    assert len(warnings) == 1 and warnings[0].severity == "warning" and "3 tracked change" in warnings[0].message


def test_comments_footnotes_and_hidden_text_are_left_out_and_told():
    runs = ('<w:commentRangeStart w:id="0"/>' + _r("Water is scarce.") + '<w:commentRangeEnd w:id="0"/>'
            '<w:r><w:commentReference w:id="0"/></w:r><w:r><w:footnoteReference w:id="1"/></w:r>'
            + _r(" Secret draft note.", "<w:vanish/>"))
    recovered = recover_docx(_package(_p("Opening Remarks", style="Heading1") + _p(runs=runs), styles=STYLES,
                                      extra={"word/comments.xml": b"<ignored/>"}), "t.docx")
    assert _plain(recovered.document.blocks[0].blocks) == ["Water is scarce."]
    told = {d.code: d.severity for d in recovered.diagnostics}
    assert told["docx-comments"] == told["docx-hidden-text"] == "info"
    assert told["docx-notes"] == "warning"  # a reference to a note the file does not hold


def test_a_table_is_a_table_its_header_rows_and_merged_cells_kept():
    cell = "<w:tc><w:tcPr>{}</w:tcPr>{}</w:tc>"
    header = '<w:trPr><w:tblHeader/></w:trPr>'
    table = ("<w:tbl><w:tblPr/><w:tblGrid/><w:tr>" + header + cell.format("", _p("Region")) + cell.format("", _p("Rainfall"))
             + cell.format("", _p("Trend")) + "</w:tr><w:tr>" + cell.format('<w:vMerge w:val="restart"/>', _p("North"))
             + cell.format('<w:gridSpan w:val="2"/>', _p("Down a third.")) + "</w:tr><w:tr>"
             + cell.format("<w:vMerge/>", _p("")) + cell.format("", _p("Dry")) + cell.format("", _p("Falling"))
             + "</w:tr></w:tbl>")
    recovered = recover_docx(_package(_p("Opening Remarks", style="Heading1") + table + _p(SPEECH),
                                      styles=STYLES), "t.docx")
    blocks = recovered.document.blocks[0].blocks
    assert _plain(blocks) == [("table", 1, [["Region", "Rainfall", "Trend"], ["North", "Down a third."],
                                            ["Dry", "Falling"]]), SPEECH]
    north, down = blocks[0].body[0].cells
    assert (north.rowspan, north.colspan, down.colspan) == (2, 1, 2)
    assert not [d for d in recovered.diagnostics if d.code == "docx-table"]


def test_no_page_furniture_is_looked_for_in_the_body():
    """Word keeps headers, footers and page numbers out of the body: a table's column of numbers
    beside a recurring label is text, not page numbers under a running header."""
    rows = "".join(f"<w:tr><w:tc>{_p('Basin')}</w:tc><w:tc>{_p(str(number))}</w:tc></w:tr>" for number in range(3, 8))
    document = _doc(_p("Opening Remarks", style="Heading1") + f"<w:tbl>{rows}</w:tbl>" + _p(SPEECH))
    assert _plain(document.blocks[0].blocks) == [("table", 0, [["Basin", str(number)] for number in range(3, 8)]),
                                                 SPEECH]


def test_page_and_section_breaks_are_ignored():
    runs = _r("before") + '<w:r><w:br w:type="page"/></w:r>' + _r("after the break.")
    section_break = _p("End of part one.", ppr="<w:sectPr/>")
    lines = read_docx(_package(_p(runs=runs) + section_break), "t").lines
    assert [line.text for line in lines if line.text] == ["before after the break.", "End of part one."]


def test_headers_and_footers_are_not_read():
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Running Header"
    document.sections[0].footer.paragraphs[0].text = "Page 1"
    document.add_paragraph("The body.")
    out = io.BytesIO()
    document.save(out)
    assert [line.text for line in read_docx(out.getvalue(), "t").lines] == ["The body."]


def test_core_properties_give_the_language_and_the_fallback_title():
    core = ("<dc:title>Drought Report</dc:title><dc:creator>Jo Smith</dc:creator><dc:language>en_GB</dc:language>"
            "<dcterms:created>2024-03-03T10:00:00Z</dcterms:created>")
    data = _package(_p("Opening Remarks", style="Heading1") + _p(SPEECH), styles=STYLES, core=core)
    properties = read_docx(data, "t").properties
    assert (properties.title, properties.author, properties.lang, properties.created) == (
        "Drought Report", "Jo Smith", "en-GB", "2024-03-03T10:00:00Z")
    document = recover_docx(data, "t.docx", fallback_title="From the file name").document
    assert (document.meta.title, document.meta.lang) == ("Drought Report", "en-GB")
    bad = recover_docx(_package(_p("Body text."), core="<dc:language>not a tag!</dc:language>"), "t.docx")
    assert bad.document.meta.lang == "en"
    assert any(d.code == "docx-lang-invalid" for d in bad.diagnostics)


def test_a_paragraph_without_a_full_stop_keeps_its_end():
    """Word says where each paragraph ends: none is joined to the next as a page break's split is."""
    body = (_p("Opening Remarks", style="Heading1") + _p("The panel discussed the following")
            + _p("the budget was approved by the committee."))
    recovered = recover_docx(_package(body, styles=STYLES), "t.docx")
    assert _plain(recovered.document.blocks[0].blocks) == ["The panel discussed the following",
                                                           "the budget was approved by the committee."]
    assert not [d for d in recovered.diagnostics if d.code in ("joined-page-break", "unfinished-paragraph")]


def test_text_boxes_are_read_after_their_paragraph():
    box = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>' + _p("Boxed note.")
           + '</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>' + _p("Boxed note.")
           + "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>")
    source = read_docx(_package(_p(runs=_r("Host paragraph.") + box)), "t")
    assert [line.text for line in source.lines if line.text] == ["Host paragraph.", "Boxed note."]
    assert [d.code for d in source.diagnostics] == ["docx-text-box"]


_WORDS = st.text(st.characters(whitelist_categories=("Lu", "Ll", "Lo", "Nd", "Po", "Ps", "Pe", "Sm"),
                                blacklist_characters="\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06"),
                 min_size=1, max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.tuples(_WORDS, st.sampled_from(["", "<w:b/>", "<w:i/>", "<w:vanish w:val=\"0\"/>"]),
                                   st.sampled_from([" ", "  ", "<w:tab/>", "<w:br/>", '<w:br w:type="page"/>'])),
                         min_size=1, max_size=8), min_size=1, max_size=6))
def test_every_word_of_every_paragraph_is_read_in_order(paragraphs):
    body = ""
    for runs in paragraphs:
        xml = ""
        for word, rpr, gap in runs:
            xml += _r(escape(word), rpr)
            xml += _r(gap) if gap.strip() == "" else f"<w:r>{gap}</w:r>"
        body += _p(runs=xml)
    source = read_docx(_package(body, styles=STYLES), "t.docx")
    want = [word for runs in paragraphs for word, _, _ in runs]
    assert " ".join(line.text for line in source.lines).split() == want
    assert all(isinstance(line.marks, tuple) for line in source.lines if line.text)


# --- hostile files --------------------------------------------------------------------


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _refused(data: bytes, limits: DocxLimits = DocxLimits()) -> str:
    with pytest.raises(InputError) as error:
        read_docx(data, "bad.docx", limits)
    assert error.value.path == "bad.docx"
    return error.value.reason


def test_not_a_zip_and_not_a_word_document():
    assert "not a Word document" in _refused(b"Plain text, renamed .docx\n")
    assert "no word/document.xml" in _refused(_zip({"hello.txt": b"hi"}))
    assert "Excel" in _refused(_zip({"xl/workbook.xml": b"<workbook/>"}))
    assert "damaged" in _refused(_package(_p("text"))[:200])


def test_office_files_in_an_ole_container():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    assert "encrypted" in _refused(ole + "EncryptedPackage".encode("utf-16-le") + bytes(100))
    assert ".doc" in _refused(ole + "WordDocument".encode("utf-16-le") + bytes(100))


def test_a_zip_bomb_is_refused_from_its_directory():
    bomb = _package(_p("text"), extra={"word/media/bomb.bin": bytes(8 * 1024 * 1024)})  # packs about 1,000:1
    assert "zip bomb" in _refused(bomb)
    many = _zip({f"part{index}.xml": b"" for index in range(DocxLimits().max_parts + 1)})
    assert "parts" in _refused(many)
    plain = _package(_p("Some text of a report."), extra={"word/media/a.bin": bytes(3000)})
    assert "inflates to" in _refused(plain, DocxLimits(max_part_bytes=2000))
    assert "together" in _refused(plain, DocxLimits(max_total_bytes=3500))


def test_xml_entities_are_never_expanded():
    laughs = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
              + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
              + f']><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body></w:document>')
    external = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')
    for document in (laughs, external):
        data = _zip({"word/document.xml": document.encode()})
        assert "DTD" in _refused(data)


def test_absurd_nesting_is_refused():
    deep_tables = "<w:tbl><w:tr><w:tc>" * 10_000 + _p("x") + "</w:tc></w:tr></w:tbl>" * 10_000
    assert "deep" in _refused(_package(deep_tables))
    # Shallow enough for the XML parser, too deep for the reader.
    levels = MAX_NESTING // 2 + 5
    deep_controls = "<w:sdt><w:sdtContent>" * levels + _p("x") + "</w:sdtContent></w:sdt>" * levels
    assert f"more than {MAX_NESTING} levels" in _refused(_package(deep_controls))


def test_a_document_without_text_is_refused():
    assert "no text" in _refused(_package(_p() + _p(runs="<w:r><w:t>   </w:t></w:r>")))
    assert "no body" in _refused(_zip({"word/document.xml": f'<w:document xmlns:w="{W}"/>'.encode()}))


def test_a_word_files_notes_tables_pictures_quotes_and_links_come_in_as_nodes(rich_doc, theme, tmp_path):
    """pandoc's DOCX of the rich sample (real footnotes, a Word table with a merged cell, an
    inline picture with its description, a "Block Text" quote, external hyperlinks and one to a
    heading's bookmark) read by the Word reader gives those nodes back."""
    from convert import nodes as n
    from convert.pipeline import prepare_file
    from convert.writers.pandoc import PandocWriter

    source = tmp_path / "rich.docx"
    source.write_bytes(PandocWriter("docx").write(rich_doc, theme))
    doc = prepare_file(source).document
    notes = [n.plain_text(note.blocks[0].inlines) for note in n.iter_notes(doc.blocks)]
    assert notes == [n.plain_text(note.blocks[0].inlines) for note in n.iter_notes(rich_doc.blocks)]
    (table,) = [b for b in n.iter_blocks(doc.blocks) if isinstance(b, n.Table)]
    shape = [[(n.plain_text(c.blocks[0].inlines), c.colspan) for c in row.cells] for row in (*table.head, *table.body)]
    assert shape == [[("Country", 1), ("Personnel", 1), ("Mission", 1)], [("Japan", 1), ("4", 1), ("UNMISS", 1)],
                     [("Ghana <GH>", 1), ("712", 1), ("UNIFIL & MINUSMA", 1)], [("Total", 2), ("716 & more", 1)]]
    assert n.plain_text(table.caption) == "Table 1: Personnel by country, June 2023"
    (figure,) = [b for b in n.iter_blocks(doc.blocks) if isinstance(b, n.Figure)]
    assert figure.image.alt == "Bar chart: deployments rose from 2019 to 2023"
    assert doc.resource(figure.image.resource).data == rich_doc.resources[0].data
    assert n.plain_text(figure.caption) == "Figure 1: Deployments, 2019\u20132023"
    (quote,) = [b for b in n.iter_blocks(doc.blocks) if isinstance(b, n.BlockQuote)]
    assert n.plain_text(quote.blocks[0].inlines) == "Peace operations must be people-centred."

    def links(blocks):
        found = []
        n.map_inlines(blocks, lambda run: found.extend(i.target for i in run if isinstance(i, n.Link)) or run)
        return found

    assert links(doc.blocks) == links(rich_doc.blocks)


def test_our_docx_of_notes_tables_figures_and_links_reads_back_exactly(rich_doc, theme, tmp_path):
    """Our DOCX of the rich sample (real footnotes, a Word table with a header row and a merged
    cell, a picture with its description and caption, a quote, links, one into a note) read back
    gives its tree; so does LibreOffice's re-save of it."""
    from convert.registry import get_writer

    from .test_readers import _by_content

    source = tmp_path / "rich.docx"
    source.write_bytes(get_writer("docx").write(rich_doc, theme))
    expected = _by_content(astjson.to_json(rich_doc))
    assert _by_content(astjson.to_json(recover_docx(source.read_bytes(), str(source)).document)) == expected
    require("soffice")
    resaved = validators.soffice_convert(source, tmp_path / "lo", "docx")
    assert _by_content(astjson.to_json(recover_docx(resaved.read_bytes(), str(resaved)).document)) == expected
