"""The tagged PDF (PDF/UA-1, and PDF/A-2b on request), checked with poppler, pdfua, qpdf and pikepdf.

poppler's ``pdfinfo -struct-text`` walks the structure tree and gives each element's text
in structure order: that is what a screen reader reads, and it must be the document's
words, in order, without the running header, the footer or the contents' leaders and
page numbers. pikepdf (which the ``pdfua`` checker is built on) reads the catalog, the
ParentTree and the marked content of every page.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

from convert import nodes as n
from convert.theme import load_theme
from convert.typography import plain
from convert.writers.pdf import PdfWriter

from . import validators
from .conftest import FIXTURES, SEED
from .test_cli import run_cli
from .tools import require, run

pikepdf = pytest.importorskip("pikepdf")
pdfua = pytest.importorskip("pdfua")

STEM = SEED.stem
JAPANESE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
SHOW_TEXT = {"Tj", "TJ", "'", '"'}


# --- reading the tree back ---------------------------------------------------------------


@dataclass
class Node:
    """An element as ``pdfinfo -struct-text`` prints it: its role, text and kids in order."""

    role: str
    kids: list[Node | str] = field(default_factory=list)  # text (str), elements, "Object N" refs

    def walk(self):
        yield self
        for kid in self.kids:
            if isinstance(kid, Node):
                yield from kid.walk()

    def texts(self) -> list[str]:
        """Return every text under this element, in structure order."""
        out = []
        for kid in self.kids:
            if isinstance(kid, Node):
                out += kid.texts()
            elif not kid.startswith("Object "):
                out.append(kid)
        return out

    def direct_texts(self) -> list[str]:
        return [kid for kid in self.kids if isinstance(kid, str) and not kid.startswith("Object ")]

    def objects(self) -> int:
        return sum(1 for kid in self.kids if isinstance(kid, str) and kid.startswith("Object "))

    def count(self, role: str) -> int:
        return sum(1 for node in self.walk() if node.role == role)


_ELEMENT = re.compile(r"^(\w+)(?::| \((?:block|inline)\))?$")


def struct_tree(path: Path) -> Node:
    """Return the structure tree of the PDF at ``path``, as poppler reads it, with its text."""
    require("pdfinfo")
    out = run(["pdfinfo", "-struct-text", str(path)]).stdout
    root = Node("(root)")
    stack: list[tuple[int, Node]] = [(-1, root)]
    for line in out.splitlines():
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" "))
        text = line.strip()
        if text.startswith("/"):  # an attribute of the element above
            continue
        while stack[-1][0] >= indent:
            stack.pop()
        parent = stack[-1][1]
        if text.startswith('"') and text.endswith('"') and len(text) >= 2:
            parent.kids.append(text[1:-1])
        elif text.startswith("Object "):
            parent.kids.append(text)
        else:
            match = _ELEMENT.match(text)
            assert match, f"unexpected line in pdfinfo -struct-text: {line!r}"
            node = Node(match.group(1))
            parent.kids.append(node)
            stack.append((indent, node))
    (document,) = root.kids
    return document


def squash(text: str) -> str:
    """Return ``text`` without whitespace, typographic marks as the straight ones (the PDF is typeset)."""
    return re.sub(r"\s+", "", plain(text))


def expected_words(doc: n.Document, theme) -> list[str]:
    """Return the document's words as the PDF shows them, in reading order: title page, contents,
    body (list labels included)."""
    meta, words = doc.meta, (lambda key: theme.words(key, doc.meta.lang))
    out = [o for o in meta.organizers if o.strip()]
    presenters = [p for p in meta.presenters if p.name.strip() or p.affiliation.strip()]
    if meta.organizers and presenters and words("present"):
        out.append(words("present"))
    for person in presenters:
        out += [text for text in (person.name, person.affiliation) if text.strip()]
    if meta.title.strip():
        if presenters and words("on"):
            out.append(words("on"))
        out.append(meta.title)
    out += [text for text in (meta.date_text, meta.time_text) if text.strip()]
    if meta.compiled_by.strip():
        out.append(f"{words('compiled_by')} {meta.compiled_by}")
    headings: list[str] = []
    body: list[str] = []

    def blocks(items):
        for block in items:
            if isinstance(block, n.Section):
                headings.append(block.title)
                body.append(block.title)
                blocks(block.blocks)
            elif isinstance(block, n.Speech):
                headings.append(block.speaker.name)
                body.extend(text for text in (block.speaker.name, block.speaker.affiliation) if text.strip())
                blocks(block.blocks)
            elif isinstance(block, n.Para):
                body.append(n.plain_text(block.inlines))
            elif isinstance(block, n.OrderedList):
                for number, item in enumerate(block.items, start=block.start):
                    body.append(f"{number}.")
                    blocks(item.blocks)
            elif isinstance(block, n.Parallel):
                blocks(block.blocks)
            else:
                raise AssertionError(f"expected_words does not know {type(block).__name__}")

    blocks(doc.blocks)
    if headings:
        out += [words("contents"), *headings]
    return out + body


def catalog_checks(path: Path, title: str, lang: str) -> None:
    """The catalog, ParentTree, annotations and marked content of a tagged PDF are what PDF/UA-1 asks."""
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == lang
        assert root.ViewerPreferences.DisplayDocTitle is True
        xmp = pdf.open_metadata()
        assert xmp["pdfuaid:part"] == "1" and plain(xmp["dc:title"]) == plain(title)
        tree = root.StructTreeRoot
        assert tree.Type == "/StructTreeRoot" and tree.K.S == "/Document"
        nums = list(tree.ParentTree.Nums)
        parent_tree = dict(zip((int(k) for k in nums[0::2]), nums[1::2]))
        assert int(tree.ParentTreeNextKey) > max(parent_tree)
        for number, page in enumerate(pdf.pages, start=1):
            entry = parent_tree[int(page.obj.StructParents)]
            mcids = marked_content(page, number)
            assert sorted(mcids) == list(range(len(entry))), f"page {number}: MCIDs and ParentTree differ"
            for mcid, role in mcids.items():
                element = entry[mcid]
                assert element.S == f"/{role}", f"page {number}: MCID {mcid} is tagged {role}, its element {element.S}"
                assert owns_mcid(element, mcid, page), f"page {number}: element {element.S} lacks MCID {mcid}"
            annotations = list(page.obj.get("/Annots", []))
            if annotations:
                assert page.obj.Tabs == "/S"
            for annotation in annotations:
                assert str(annotation.Contents).strip(), "a link annotation without a description"
                link = parent_tree[int(annotation.StructParent)]
                assert link.S == "/Link"
                kids = link.K if isinstance(link.K, pikepdf.Array) else [link.K]
                assert any(isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"
                           and kid.Obj.objgen == annotation.objgen for kid in kids)


def owns_mcid(element, mcid: int, page) -> bool:
    kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
    for kid in kids:
        if isinstance(kid, int) and int(kid) == mcid and element.Pg.objgen == page.obj.objgen:
            return True
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR" and int(kid.MCID) == mcid:
            return kid.Pg.objgen == page.obj.objgen
    return False


def marked_content(page, number: int) -> dict[int, str]:
    """Return the MCIDs of ``page`` and their tags; every text shown and image drawn must be in
    marked content, real content never inside an artifact nor an artifact inside it."""
    stack: list[tuple[str, int | None]] = []
    mcids: dict[int, str] = {}
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            tag = str(operands[0])[1:]
            props = operands[1] if op == "BDC" else None
            mcid = int(props.MCID) if isinstance(props, pikepdf.Dictionary) and "/MCID" in props else None
            kinds = {"artifact" if t == "Artifact" else "content" for t, m in stack if t == "Artifact" or m is not None}
            if tag == "Artifact":
                assert "content" not in kinds, f"page {number}: an artifact inside tagged content"
            elif mcid is not None:
                assert "artifact" not in kinds, f"page {number}: tagged content inside an artifact"
                assert mcid not in mcids, f"page {number}: MCID {mcid} used twice"
                mcids[mcid] = tag
            stack.append((tag, mcid))
        elif op == "EMC":
            assert stack, f"page {number}: EMC without BMC/BDC"
            stack.pop()
        elif op in SHOW_TEXT or op == "Do":
            assert stack, f"page {number}: {op} outside any marked content"
    assert not stack, f"page {number}: marked content left open"
    return mcids


def langs_of(path: Path) -> list[tuple[str, str]]:
    """Return (role, language in force) of every structure element, in the order poppler prints them."""
    out = []
    with pikepdf.open(path) as pdf:
        root_lang = str(pdf.Root.get("/Lang", ""))

        def walk(element, lang):
            lang = str(element.get("/Lang", lang))
            out.append((str(element.S)[1:], lang))
            kids = element.get("/K")
            for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/MCR", "/OBJR"):
                    walk(kid, lang)

        walk(pdf.Root.StructTreeRoot.K, root_lang)
    return out


def pdfua_errors(path: Path) -> list[str]:
    report = pdfua.validate(str(path))
    return [f"{f.rule_id} {f.message}" for f in report.findings if f.severity.name == "ERROR"]


def pdfua_findings(path: Path) -> list[str]:
    return [f"{f.rule_id} {f.severity.name} {f.message}" for f in pdfua.validate(str(path)).findings]


# --- fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """The seed's PDF, its Japanese edition and its bilingual edition, made as a user makes them."""
    out = tmp_path_factory.mktemp("tagged")
    result = run_cli(str(SEED), "--pdf", "--json", "-o", str(out))
    assert result.returncode == 0, result.stderr
    for flags in ((), ("--bilingual",)):
        result = run_cli("merge", str(SEED), str(FIXTURES / "seed.ja.xlf"), "--pdf", "--json", *flags, "-o", str(out))
        assert result.returncode == 0, result.stderr
    return {"en": out / f"{STEM}.pdf", "ja": out / f"{STEM}.ja.pdf", "en-ja": out / f"{STEM}.en-ja.pdf"}


def write(doc: n.Document, theme, tmp_path: Path, name: str = "out.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(PdfWriter().write(doc, theme))
    return path


# --- the seed ------------------------------------------------------------------------------


def test_the_seeds_structure_tree(editions):
    tree = struct_tree(editions["en"])
    assert tree.role == "Document"
    assert tree.count("H1") == 3 and tree.count("H2") == 8
    (lst,) = [node for node in tree.walk() if node.role == "L"]
    items = [kid for kid in lst.kids if isinstance(kid, Node)]
    assert [item.role for item in items] == ["LI"] * 3
    for number, item in enumerate(items, start=1):
        assert [kid.role for kid in item.kids] == ["Lbl", "LBody"]
        assert item.kids[0].texts() == [f"{number}."]
    (toc,) = [node for node in tree.walk() if node.role == "TOC"]
    entries = [kid for kid in toc.kids if isinstance(kid, Node)]
    assert [entry.role for entry in entries] == ["TOCI"] * 11
    headings = [" ".join(node.texts()) for node in tree.walk() if node.role in ("H1", "H2")]
    for entry, heading in zip(entries, headings):
        (link,) = entry.kids
        # The entry's words are its label: the leaders and the page number are artifacts.
        assert link.role == "Link" and link.objects() == 1 and link.texts() == [heading]


def test_the_seed_read_in_structure_order_is_its_words_in_order(editions, seed_doc, theme):
    tree = struct_tree(editions["en"])
    text = squash("".join(tree.texts()))
    assert text == squash("".join(expected_words(seed_doc, theme)))
    shown = validators.pdftotext(editions["en"])
    # What the pages show besides: the running header and the footer, which the tree leaves out.
    assert "Page 2 of" in shown and "Page 2 of" not in " ".join(tree.texts())


def test_the_seeds_catalog_parent_tree_and_marked_content(editions, seed_doc):
    catalog_checks(editions["en"], seed_doc.meta.title, "en")


@pytest.mark.parametrize("edition", ["en", "ja", "en-ja"])
def test_pdfua_qpdf_and_pdffonts_find_nothing(editions, edition):
    path = editions[edition]
    assert pdfua_findings(path) == []
    assert validators.check_pdf(path) == []


def test_the_japanese_edition_is_japanese_and_tagged(editions):
    path = editions["ja"]
    with pikepdf.open(path) as pdf:
        title = str(pdf.open_metadata()["dc:title"])
    catalog_checks(path, title, "ja")
    assert struct_tree(path).count("H1") == 3


def test_every_japanese_span_of_the_bilingual_edition_is_in_a_japanese_element(editions):
    path = editions["en-ja"]
    with pikepdf.open(path) as pdf:
        title = str(pdf.open_metadata()["dc:title"])
    catalog_checks(path, title, "en")
    elements = list(struct_tree(path).walk())
    langs = langs_of(path)
    assert [node.role for node in elements] == [role for role, _ in langs]
    japanese = 0
    for node, (role, lang) in zip(elements, langs):
        for text in node.direct_texts():
            if JAPANESE.search(text):
                japanese += 1
                assert lang == "ja", f"Japanese in a {role} of language {lang!r}: {text[:40]!r}"
    assert japanese > 20  # the translated units, and the Japanese halves of headings and names
    # Both kinds: the Japanese side of a pair, and the Japanese half of an English heading.
    assert any(role == "Div" and lang == "ja" for role, lang in langs)
    assert any(role == "Span" and lang == "ja" for role, lang in langs)


def test_the_bilingual_edition_is_byte_identical_when_built_again(editions, tmp_path):
    result = run_cli("merge", str(SEED), str(FIXTURES / "seed.ja.xlf"), "--pdf", "--bilingual", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / f"{STEM}.en-ja.pdf").read_bytes() == editions["en-ja"].read_bytes()


# --- notes, tables, figures ------------------------------------------------------------------


@pytest.mark.parametrize("placement", ["footnotes", "endnotes"])
def test_tables_figures_notes_and_links_are_tagged(rich_doc, theme, tmp_path, placement):
    from convert.theme import Notes

    path = write(rich_doc, replace(theme, notes=Notes(placement)), tmp_path)
    tree = struct_tree(path)
    (table,) = [node for node in tree.walk() if node.role == "Table"]
    rows = [kid for kid in table.kids if isinstance(kid, Node) and kid.role == "TR"]
    assert [cell.role for cell in rows[0].kids] == ["TH", "TH", "TH"]
    assert all(cell.role == "TD" for row in rows[1:] for cell in row.kids)
    assert table.kids[0].role == "Caption"
    (figure,) = [node for node in tree.walk() if node.role == "Figure"]
    with pikepdf.open(path) as pdf:
        figures = [e for e in _elements(pdf.Root.StructTreeRoot.K) if e.S == "/Figure"]
        headers = [e for e in _elements(pdf.Root.StructTreeRoot.K) if e.S == "/TH"]
    (alt,) = [str(f.Alt) for f in figures]
    image = next(b for b in n.iter_blocks(rich_doc.blocks) if isinstance(b, n.Figure)).image
    assert plain(alt) == plain(image.alt)
    assert all(h.A.Scope == "/Column" for h in headers)
    assert tree.count("Note") == sum(1 for _ in _notes(rich_doc))
    links = [node for node in tree.walk() if node.role == "Link"]
    with pikepdf.open(path) as pdf:
        annotations = sum(len(list(page.obj.get("/Annots", []))) for page in pdf.pages)
    assert len(links) == annotations and all(link.objects() == 1 for link in links)
    catalog_checks(path, rich_doc.meta.title, rich_doc.meta.lang or "en")
    assert pdfua_findings(path) == []


def test_repeated_head_rows_are_artifacts(theme, tmp_path):
    head = n.Row((n.Cell((n.Para((n.Text("Country"),)),)), n.Cell((n.Para((n.Text("Count"),)),))))
    body = tuple(n.Row((n.Cell((n.Para((n.Text(f"Place {i}"),)),)), n.Cell((n.Para((n.Text(str(i)),)),))))
                 for i in range(150))
    doc = n.Document(n.Meta(title="Long table", lang="en"),
                     (n.Section("Data", "data", (n.Table(head=(head,), body=body),)),))
    path = write(doc, theme, tmp_path)
    tree = struct_tree(path)
    assert validators.pdftotext(path).count("Country") > 1  # the head row shows on every page
    assert tree.texts().count("Country") == 1  # and is read once
    catalog_checks(path, "Long table", "en")


def _elements(element):
    yield element
    kids = element.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/MCR", "/OBJR"):
            yield from _elements(kid)


def _notes(doc: n.Document):
    pending = [doc.blocks]
    while pending:
        for block in n.iter_blocks(pending.pop()):
            for inline in n.iter_inlines(n.block_inlines(block)):
                if isinstance(inline, n.Note):
                    yield inline
                    pending.append(inline.blocks)


# --- PDF/A-2b on request ------------------------------------------------------------------------


def test_pdfa_theme_adds_identification_and_an_srgb_output_intent(seed_doc, tmp_path):
    from PIL import ImageCms

    style = tmp_path / "archive.toml"
    style.write_text("[pdf]\npdfa = true\n", encoding="utf-8")
    theme = load_theme(style)
    assert theme.pdf.pdfa and not load_theme().pdf.pdfa
    path = write(seed_doc, theme, tmp_path)
    plain = write(seed_doc, load_theme(), tmp_path, "plain.pdf")
    with pikepdf.open(path) as pdf:
        xmp = pdf.open_metadata()
        assert xmp["pdfaid:part"] == "2" and xmp["pdfaid:conformance"] == "B" and xmp["pdfuaid:part"] == "1"
        info = pdf.docinfo
        assert str(xmp["dc:title"]) == str(info.Title) and str(xmp["pdf:Producer"]) == str(info.Producer)
        assert str(xmp["xmp:CreatorTool"]) == str(info.Creator)
        assert xmp["xmp:CreateDate"].startswith("2023-11-14T22:13:20")  # SOURCE_DATE_EPOCH 1700000000
        (intent,) = list(pdf.Root.OutputIntents)
        assert intent.S == "/GTS_PDFA1" and str(intent.OutputConditionIdentifier) == "sRGB IEC61966-2.1"
        profile = intent.DestOutputProfile
        assert int(profile.N) == 3
        icc = ImageCms.ImageCmsProfile(io.BytesIO(profile.read_bytes()))
        assert "sRGB" in ImageCms.getProfileDescription(icc)
        assert not pdf.is_encrypted and pdf.pdf_version >= "1.7"
    with pikepdf.open(plain) as pdf:
        assert "/OutputIntents" not in pdf.Root and "pdfaid:part" not in pdf.open_metadata()
    assert validators.check_pdf(path) == [] and pdfua_findings(path) == []


def test_metadata_text_is_data(theme, tmp_path):
    doc = n.Document(n.Meta(title='<x:xmpmeta> & "quotes" ]]> <?xpacket end="w"?>', compiled_by="<b>me</b>",
                            lang="en"), (n.Para((n.Text("Body."),)),))
    path = write(doc, replace(theme, pdf=replace(theme.pdf, pdfa=True)), tmp_path)
    with pikepdf.open(path) as pdf:
        xmp = pdf.open_metadata()
        assert plain(xmp["dc:title"]) == plain(doc.meta.title)
    assert validators.check_pdf(path) == []


# --- typography ----------------------------------------------------------------------------------


def test_hyphenation_adds_an_artifact_hyphen_and_the_word_reads_whole(editions, seed_doc, theme):
    shown = validators.pdftotext(editions["en"])
    broken = re.findall(r"(\w+)\u2010\n(\w+)", shown)
    assert broken, "the seed's justified text is hyphenated somewhere"
    read = " ".join(struct_tree(editions["en"]).texts())
    assert "\u2010" not in read and "\u00ad" not in read
    words = set(re.findall(r"\w+", " ".join(expected_words(seed_doc, theme))))
    assert all(head + tail in words for head, tail in broken)


def test_japanese_is_never_slanted_and_a_headings_japanese_half_is_in_the_heading_family(theme, tmp_path):
    from convert.writers.pdf import _start_run

    doc = n.Document(n.Meta(title="Mixed", lang="en"), (n.Section("Opening / 開会挨拶", "open", (
        n.Para((n.Emph((n.Text("emphasis 強調 here"),)), n.Strong((n.Text("strong 強い"),)))),)),))
    path = write(doc, theme, tmp_path)
    fonts = [f["name"] for f in validators.pdffonts(path)]
    assert any("IPAexGothic" in name for name in fonts) and any("IPAexMincho" in name for name in fonts)
    assert not any("IPA" in name and re.search("Italic|Oblique", name) for name in fonts)
    run_ = _start_run(doc, theme)
    heading = run_.styles.get("heading1", False)
    japanese = [f for f in run_.chooser.text_frags("Opening / 開会挨拶", heading) if JAPANESE.search(f.text)]
    assert japanese and all(f.fontName == run_.fonts.cjk_heading.bold for f in japanese)
    body = run_.styles.get("body", False)
    emphasized = [f for f in run_.chooser.frags(doc.blocks[0].blocks[0].inlines, body) if JAPANESE.search(f.text)]
    assert [f.fontName for f in emphasized] == [run_.fonts.cjk.regular, run_.fonts.cjk.bold]


def test_japanese_body_text_is_justified(theme, tmp_path):
    text = "日本は国際平和協力を続けていきます。「平和」は、国際社会の課題です。" * 20
    doc = n.Document(n.Meta(title="日本", lang="ja"), (n.Para((n.Text(text),)), n.Para((n.Text(text),))))
    path = write(doc, theme, tmp_path)
    html = validators.pdftotext(path, "-bbox-layout", "-f", "2")
    rights = []
    for block in re.findall(r"<block .*?</block>", html, re.S):
        lines = [float(x) for x in re.findall(r'<line xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"', block)]
        if len(lines) > 3:
            rights += lines[:-1]  # a paragraph's last line is not justified
    assert len(rights) > 20
    # Every inner line ends at the measure (a closing mark may hang past it by its own width).
    measure = theme.page.width - theme.page.margin_right - theme.sizes.body
    assert all(measure - 1.0 <= right <= measure + theme.sizes.body + 0.5 for right in rights), sorted(rights)[:5]
