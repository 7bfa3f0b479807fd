"""The AST's JSON contract, the theme loader, the writer registry and reproducible zips."""

from __future__ import annotations

import dataclasses
import io
import json
import subprocess
import sys
import zipfile

from dataclasses import replace

import pytest

from convert import astjson, nodes, registry
from convert.errors import ConversionError, UsageError
from convert.repro import build_epoch, normalize_zip, write_zip
from convert.theme import ThemeError, load_theme

from .conftest import GOLDEN, ROOT


# --- AST JSON ---------------------------------------------------------------------------


def _node_types(doc: nodes.Document) -> set[type]:
    """Return the classes of every block and inline of ``doc``, notes' contents included."""
    found: set[type] = set()
    pending = [doc.blocks]
    while pending:
        blocks = pending.pop()
        for block in nodes.iter_blocks(blocks):
            found.add(type(block))
            if isinstance(block, nodes.Figure):
                found.add(nodes.Image)
            for inline in nodes.iter_inlines(nodes.block_inlines(block)):
                found.add(type(inline))
                if isinstance(inline, nodes.Note):
                    pending.append(inline.blocks)
    return found


def test_the_samples_cover_every_node_type(sample_doc, rich_doc):
    """sample.ast.json (a version 1 file) has the report's nodes; rich.ast.json the rest."""
    assert _node_types(sample_doc) | _node_types(rich_doc) == set(nodes.BLOCK_TYPES) | set(nodes.INLINE_TYPES)
    assert {nodes.Note, nodes.Link, nodes.Image, nodes.Table, nodes.Figure, nodes.BlockQuote} <= _node_types(rich_doc)


ALL_WRITERS = list(registry.BUILTIN)


@pytest.mark.parametrize("name", ALL_WRITERS)
def test_every_writer_writes_every_node_type(name, sample_doc, rich_doc, theme):
    """The two samples hold every block and inline class; each writer renders all of them (the
    writers' own tests check each output in depth, with its validator); JSON gives the tree back."""
    for doc in (sample_doc, rich_doc):
        data = registry.get_writer(name).write(doc, theme)
        assert isinstance(data, bytes) and len(data) > 200
    if name == "json":
        assert astjson.loads(data.decode("utf-8")) == rich_doc


@dataclasses.dataclass(frozen=True)
class Hologram:
    """A block type no writer knows."""

    lines: tuple = (1, 1)


@dataclasses.dataclass(frozen=True)
class Smiley:
    """An inline type no writer knows."""

    text: str = ":-)"


@pytest.mark.parametrize("name", ALL_WRITERS)
@pytest.mark.parametrize("where", ["block", "block in a section", "inline"])
def test_every_writer_refuses_unknown_nodes(name, where, theme):
    """An unknown node fails loudly (docutils style) instead of being dropped."""
    block = {"block": Hologram(), "block in a section": nodes.Section("S", "s", (Hologram(),), (1, 1)),
             "inline": nodes.Para((nodes.Text("a "), Smiley()), (1, 1))}[where]
    with pytest.raises(TypeError):
        registry.get_writer(name).write(nodes.Document(blocks=(block,)), theme)


def test_json_round_trip_is_exact(rich_doc):
    text = (GOLDEN / "rich.ast.json").read_text(encoding="utf-8")
    assert astjson.dumps(rich_doc) == text
    assert astjson.loads(astjson.dumps(rich_doc)) == rich_doc


def test_a_version_1_file_still_loads(sample_doc):
    """sample.ast.json is kept at version 1: it loads, and is written back as version 2 with
    nothing changed but the version and the (empty) resources."""
    old = json.loads((GOLDEN / "sample.ast.json").read_text(encoding="utf-8"))
    assert old["version"] == 1
    assert json.loads(astjson.dumps(sample_doc)) == {**old, "version": 2, "resources": []}
    with pytest.raises(ConversionError, match="unknown inline type 'link'"):  # version 1 has no links
        astjson.from_json({**old, "blocks": [{"type": "paragraph", "inlines": [
            {"type": "link", "target": "https://example.org", "inlines": []}]}]})


def test_json_contract_names(sample_doc, rich_doc):
    data = astjson.to_json(sample_doc)
    assert data["type"] == "document" and data["version"] == astjson.AST_VERSION
    assert set(data["meta"]) == {"title", "organizers", "presenters", "date", "date_text", "time_text",
                                 "compiled_by", "lang", "lines"}
    kinds = set()

    def walk(node):
        if isinstance(node, dict):
            if "type" in node:
                kinds.add(node["type"])
                if node["type"] in ("section", "speech", "paragraph", "list", "item", "parallel"):
                    assert len(node["lines"]) == 2
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data)
    assert kinds == {"document", "section", "speech", "paragraph", "list", "item", "parallel",
                     "text", "strong", "emph"}
    rich = set()
    kinds = rich
    walk(astjson.to_json(rich_doc))
    assert rich >= {"blockquote", "table", "row", "cell", "figure", "image", "note", "link"}


def _first(data, kind: str) -> dict:
    """Return the first object of type ``kind`` in the JSON ``data``, depth first."""
    stack = [data]
    while stack:
        node = stack.pop(0)
        if isinstance(node, dict):
            if node.get("type") == kind:
                return node
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    raise LookupError(kind)


@pytest.mark.parametrize("mutation,message", [
    (lambda d: d.update(version=99), "version 99"),
    (lambda d: d["blocks"][0].update(type="chapter"), "unknown block type 'chapter'"),
    (lambda d: d["blocks"][0].pop("title"), "missing key 'title'"),
    (lambda d: d["meta"].update(organizers="x"), "$.meta.organizers"),
    (lambda d: d.update(version=1), "unknown inline type 'note'"),
    (lambda d: _first(d, "link").update(target="javascript:alert(1)"), "a link leads to an http"),
    (lambda d: _first(d, "link").update(target="file:///etc/passwd"), "a link leads to an http"),
    (lambda d: _first(d, "image").update(resource="other.png"), "no resource is called 'other.png'"),
    (lambda d: d["resources"][0].update(name="../../etc/x.png"), "a resource name is a plain file name"),
    (lambda d: d["resources"][0].update(media_type="image/gif"), "does not match the name"),
    (lambda d: d["resources"][0].update(data="PHN2Zz48L3N2Zz4="), "not a readable PNG"),  # "<svg></svg>"
    (lambda d: d["resources"][0].update(data="***"), "expected base64"),
    (lambda d: d["resources"].append(dict(d["resources"][0])), "two images have the same name"),
    (lambda d: _first(d, "cell").update(colspan=0), "a cell spans 1 to"),
])
def test_json_loader_names_the_problem(rich_doc, mutation, message):
    data = astjson.to_json(rich_doc)
    mutation(data)
    with pytest.raises(ConversionError, match=message.replace("$", r"\$").replace("(", r"\(")):
        astjson.from_json(data)


# --- theme --------------------------------------------------------------------------------


def test_default_and_compact_themes():
    default, compact = load_theme(), load_theme(ROOT / "styles" / "compact.toml")
    assert default.page.size == "A4" and round(default.page.width) == 595
    assert compact.page.size == "A5" and round(compact.page.width) == 420
    assert compact.fonts.cjk == default.fonts.cjk  # keys a theme leaves out come from the default
    assert default.words("present", "ja-JP") == "主催" and default.words("present", "fr") == "present"


def test_shipped_themes_by_name(tmp_path, monkeypatch):
    from convert.theme import shipped_themes

    assert {"default", "compact"} <= set(shipped_themes())
    assert load_theme("compact") == replace(load_theme(ROOT / "styles" / "compact.toml"), source="compact")
    with pytest.raises(ThemeError, match="shipped: compact, default"):
        load_theme("no-such-theme")
    monkeypatch.chdir(tmp_path)  # a file of that name in the working folder comes first
    (tmp_path / "compact").write_text('[page]\nsize = "LETTER"\n', encoding="utf-8")
    assert load_theme("compact").page.size == "LETTER"


@pytest.mark.parametrize("toml,key", [
    ('[page]\nmargin_topp = "1mm"', "page.margin_topp"),
    ('[page]\nmargin_top = "wide"', "page.margin_top"),
    ('[colors]\ntext = "red"', "colors.text"),
    ('[fonts]\nbody = []', "fonts.body"),
    ('[sizes]\nbody = "big"', "sizes.body"),
    ('[page]\nsize = "A9"', "page.size"),
    ('[page', "not valid TOML"),
])
def test_bad_theme_names_the_key(tmp_path, toml, key):
    path = tmp_path / "theme.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ThemeError, match=key.replace(".", r"\.")):
        load_theme(path)


# --- registry -----------------------------------------------------------------------------


def test_registry_lists_builtins_and_fails_helpfully():
    table = registry.available()
    assert list(table)[:7] == ["json", "docx", "pdf", "epub", "html", "xliff", "xliff12"]
    with pytest.raises(UsageError, match="known formats: json, docx"):
        registry.get_writer("nosuch")
    assert registry.get_writer("json").extension == ".json"


def test_writers_receive_only_the_conversion_options_they_take():
    assert registry.get_writer("xliff", target_lang="ja").target_lang == "ja"
    assert registry.get_writer("xliff12", target_lang=None).target_lang is None
    assert registry.get_writer("json", target_lang="ja").extension == ".json"  # not its business
    with pytest.raises(TypeError):
        registry.get_writer("json", colour="red")  # not a conversion option: a caller's mistake


def test_third_party_writers_arrive_through_entry_points(monkeypatch):
    from importlib.metadata import EntryPoint

    points = [EntryPoint("shout", "tests.test_foundation:ShoutWriter", registry.ENTRY_POINT_GROUP)]
    monkeypatch.setattr(registry, "entry_points", lambda group: points)
    registry.available.cache_clear()
    try:
        writer = registry.get_writer("shout")
        assert writer.write(nodes.Document(nodes.Meta(title="hi")), None) == b"HI"
        points.append(EntryPoint("pdf", "elsewhere:OtherPdf", registry.ENTRY_POINT_GROUP))
        registry.available.cache_clear()
        with pytest.raises(ConversionError, match="two writers are registered as 'pdf'"):
            registry.available()
        assert type(registry.get_writer("pdf")).__module__ == "convert.writers.pdf"  # built-ins win
    finally:
        registry.available.cache_clear()


class ShoutWriter:
    """A third-party writer, as another package would provide it."""

    name = "shout"
    extension = ".txt"

    def write(self, doc, theme):
        return doc.meta.title.upper().encode()


def test_entry_points_match_the_builtin_table():
    from importlib.metadata import entry_points

    points = {p.name: p.value for p in entry_points(group=registry.ENTRY_POINT_GROUP)}
    assert points == registry.BUILTIN


def test_json_run_imports_no_heavy_library():
    code = ("import sys; from convert.cli import main; main(['seeds/japan-peace-cooperation-2023.txt', '--json', "
            "'-o', sys.argv[1]]); heavy = [m for m in ('reportlab', 'docx', 'ebooklib', 'lxml', 'pypandoc') "
            "if m in sys.modules]; print(heavy)")
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        result = subprocess.run([sys.executable, "-c", code, folder], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip() == "[]", result.stderr


# --- reproducible zips --------------------------------------------------------------------


def test_zip_is_byte_stable_and_mimetype_first(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = write_zip([("mimetype", b"application/epub+zip"), ("a.xml", b"<a/>" * 50)])
    assert normalize_zip(data) == data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert first.date_time == (2023, 11, 14, 22, 13, 20)
    assert build_epoch() == 1700000000
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    with pytest.raises(ConversionError, match="SOURCE_DATE_EPOCH"):
        build_epoch()
