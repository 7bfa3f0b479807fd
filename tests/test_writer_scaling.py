"""The streaming JSON and XLIFF writers give exactly the bytes of the straightforward ones.

The JSON text is written piece by piece by ``astjson``'s own emitter instead of ``json.dumps``
over the whole tree; the XLIFF files are serialised unit by unit instead of as one lxml tree.
Here each is compared with the straightforward way (kept below as the reference) on the
sample, the seed and generated documents. Speed is measured by the benchmark, never here.
"""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from convert import astjson
from convert import nodes as n
from convert.writers import xliff
from convert.writers.json import JsonWriter
from convert.writers.xliff_segment import Part, _code_spans, segment, sentence_spans
from convert.writers.xliff_units import Close, Group, Open, collect, inline_tokens, iter_collect, plain

SETTINGS = settings(max_examples=120, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


# --- generated documents ------------------------------------------------------------------

# Any text but lone surrogates (no UTF-8 file can hold them): controls, quotes, backslashes,
# markup, line breaks, right-to-left and astral characters included.
_TEXT = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30),
    st.lists(st.sampled_from(["Mr. Lee left.", " ", "\n", "\r\n", "\t", '"', "\\", "&amp;", "<b>",
                              "]]>", "日本。", "שלום", "\U0001f469", "\x7f", "\x85", "U.S. "]),
             max_size=6).map("".join),
)
_SPAN = st.tuples(st.integers(0, 10**6), st.integers(0, 10**6))
_INLINES = st.recursive(
    _TEXT.map(n.Text),
    lambda inner: st.one_of(st.lists(inner, max_size=3).map(lambda c: n.Strong(tuple(c))),
                            st.lists(inner, max_size=3).map(lambda c: n.Emph(tuple(c)))),
    max_leaves=6)
_PARA = st.builds(n.Para, st.lists(_INLINES, max_size=4).map(tuple), _SPAN)


def _containers(inner):
    blocks = st.lists(inner, max_size=3).map(tuple)
    items = st.lists(st.builds(n.Item, blocks, _SPAN), max_size=3).map(tuple)
    return st.one_of(
        st.builds(n.Section, _TEXT, _TEXT, blocks, _SPAN),
        st.builds(n.Speech, st.builds(n.Speaker, _TEXT, _TEXT), blocks, _SPAN),
        st.builds(n.OrderedList, items, st.integers(-3, 10**9), _SPAN),
        st.builds(n.BulletList, items, _SPAN),
        st.builds(n.Parallel, st.tuples(inner, inner), st.tuples(st.just("en"), st.just("ja")), _SPAN),
    )


_BLOCKS = st.recursive(_PARA, _containers, max_leaves=10)
_META = st.builds(
    n.Meta, title=_TEXT, organizers=st.lists(_TEXT, max_size=2).map(tuple),
    presenters=st.lists(st.builds(n.Speaker, _TEXT, _TEXT), max_size=2).map(tuple),
    date=_TEXT, date_text=_TEXT, time_text=_TEXT, compiled_by=_TEXT,
    lang=st.sampled_from(["en", "ja", "pt-BR", "de"]), lines=_SPAN)
_DOCS = st.builds(n.Document, _META, st.lists(_BLOCKS, max_size=4).map(tuple))


def repeated(doc: n.Document, times: int) -> n.Document:
    """Return ``doc`` with its body repeated: a long report made of a short one."""
    return n.Document(doc.meta, doc.blocks * times)


def deep_sections(depth: int) -> n.Document:
    """Return a report of sections nested ``depth`` deep, each with a paragraph."""
    block: n.Block = n.Para((n.Text("The innermost paragraph."),), (depth + 1, depth + 1))
    for level in range(depth, 0, -1):
        para = n.Para((n.Text(f"Text at level {level}."),), (level, level))
        block = n.Section(f"Level {level}", f"level-{level}", (para, block), (level, depth + 1))
    return n.Document(n.Meta(title="Deep"), (block,))


# --- JSON ---------------------------------------------------------------------------------


def reference_json(doc: n.Document) -> str:
    """The JSON text as it was made before: the standard encoder over the whole tree."""
    return json.dumps(astjson.to_json(doc), ensure_ascii=False, indent=1) + "\n"


def assert_json_as_reference(doc: n.Document, theme) -> None:
    expected = reference_json(doc)
    assert astjson.dumps(doc) == expected
    assert JsonWriter().write(doc, theme) == expected.encode("utf-8")
    pieces: list[str] = []
    astjson.dump(doc, pieces.append)
    assert "".join(pieces) == expected


@pytest.mark.parametrize("which", ["sample", "seed", "empty", "deep"])
def test_json_is_the_standard_encoders_text(which, request, theme):
    doc = {"empty": lambda: n.Document(), "deep": lambda: deep_sections(40),
           "sample": lambda: request.getfixturevalue("sample_doc"),
           "seed": lambda: request.getfixturevalue("seed_doc")}[which]()
    assert_json_as_reference(doc, theme)


@SETTINGS
@given(_DOCS)
def test_json_of_any_document_is_the_standard_encoders_text(theme, doc):
    assert_json_as_reference(doc, theme)


def test_json_is_written_in_pieces(seed_doc):
    """A long report reaches the writer in many moderate pieces, never as one string."""
    doc = repeated(seed_doc, 20)
    pieces: list[str] = []
    astjson.dump(doc, pieces.append)
    assert "".join(pieces) == reference_json(doc)
    assert len(pieces) > 2
    assert max(map(len, pieces)) < len("".join(pieces)) // 4


_JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), _TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.lists(inner, max_size=3).map(tuple),
                            st.dictionaries(_TEXT, inner, max_size=4)),
    max_leaves=20)


def emitted(value) -> str:
    pieces: list[str] = []
    emitter = astjson._Emitter(pieces.append)  # the emitter on its own: any JSON value
    emitter.value(value, "\n", "")
    emitter.flush()
    return "".join(pieces)


@SETTINGS
@given(_JSON_VALUES)
def test_emitter_writes_any_value_as_json_dumps(value):
    assert emitted(value) == json.dumps(value, ensure_ascii=False, indent=1)


def test_emitter_fails_like_json_dumps():
    value = {"a": [1, {"b": object()}]}
    with pytest.raises(TypeError) as expected:
        json.dumps(value, ensure_ascii=False, indent=1)
    with pytest.raises(TypeError) as actual:
        emitted(value)
    assert str(actual.value) == str(expected.value)
    floats = [math.nan, math.inf, -0.0, 1e300]
    assert emitted(floats) == json.dumps(floats, indent=1)


# --- XLIFF: the writers as they were, one lxml tree serialised at the end --------------------

_STRUCTURE = {"xliff", "file", "header", "body", "group", "unit", "trans-unit", "segment",
              "ignorable", "notes", "context-group"}


def _indent(element: etree._Element, level: int = 0) -> None:
    if etree.QName(element).localname not in _STRUCTURE or not len(element):
        return
    pad = "\n" + "  " * (level + 1)
    element.text = pad
    for child in element:
        _indent(child, level + 1)
        child.tail = pad
    element[-1].tail = "\n" + "  " * level


class _Reference21:
    """XLIFF 2.1 built as one namespaced tree, indented, then serialised."""

    ns = xliff.XLIFF20_NS

    def q(self, tag: str) -> str:
        return f"{{{self.ns}}}{tag}"

    def build(self, doc: n.Document, src: str, original: str, target_lang: str | None) -> etree._Element:
        root = etree.Element(self.q("xliff"), nsmap={None: self.ns})
        root.set("version", "2.1")
        root.set("srcLang", src)
        if target_lang:
            root.set("trgLang", target_lang)
        file_el = etree.SubElement(root, self.q("file"), id="f1", original=original)
        for node in collect(doc):
            self.node(file_el, node, src)
        return root

    def node(self, parent, node, lang) -> None:
        if isinstance(node, Group):
            group = etree.SubElement(parent, self.q("group"), id=node.id, name=node.name)
            for child in node.children:
                self.node(group, child, lang)
            return
        unit = etree.SubElement(parent, self.q("unit"), id=node.id, name=node.kind)
        unit.set(xliff.XML_SPACE, "preserve")
        notes = etree.SubElement(unit, self.q("notes"))
        for label, value in node.notes:
            etree.SubElement(notes, self.q("note"), category="context").text = xliff._note_text(label, value)
        number = 0
        for part in segment(node.tokens, lang):
            if part.kind == "segment":
                number += 1
                holder = etree.SubElement(unit, self.q("segment"), id=f"s{number}")
            else:
                holder = etree.SubElement(unit, self.q("ignorable"))
            xliff.append_tokens(etree.SubElement(holder, self.q("source")), part.tokens, self.code)

    def code(self, parent, token: Open):
        return etree.SubElement(parent, self.q("pc"), id=token.id, type="fmt",
                                subType={"b": "xlf:b", "i": "xlf:i"}[token.kind])


class _Reference12(_Reference21):
    """XLIFF 1.2 built as one namespaced tree, indented, then serialised."""

    ns = xliff.XLIFF12_NS

    def build(self, doc, src, original, target_lang):
        root = etree.Element(self.q("xliff"), nsmap={None: self.ns})
        root.set("version", "1.2")
        file_el = etree.SubElement(root, self.q("file"), original=original, datatype="plaintext")
        file_el.set("source-language", src)
        if target_lang:
            file_el.set("target-language", target_lang)
        file_el.set("tool-id", xliff.TOOL)
        header = etree.SubElement(file_el, self.q("header"))
        tool = etree.SubElement(header, self.q("tool"))
        tool.set("tool-id", xliff.TOOL)
        tool.set("tool-name", xliff.TOOL)
        body = etree.SubElement(file_el, self.q("body"))
        for node in collect(doc):
            self.node(body, node, src)
        return root

    def node(self, parent, node, lang) -> None:
        if isinstance(node, Group):
            if not node.children:
                return
            group = etree.SubElement(parent, self.q("group"), id=node.id, restype=f"x-{node.kind}")
            group.set("resname", node.name)
            for child in node.children:
                self.node(group, child, lang)
            return
        unit = etree.SubElement(parent, self.q("trans-unit"), id=node.id, restype=f"x-{node.kind}")
        unit.set(xliff.XML_SPACE, "preserve")
        unit.set("resname", node.id)
        xliff.append_tokens(etree.SubElement(unit, self.q("source")), node.tokens, self.code)
        seg_source = etree.SubElement(unit, self.q("seg-source"))
        number = 0
        for part in segment(node.tokens, lang):
            if part.kind == "segment":
                number += 1
                mrk = etree.SubElement(seg_source, self.q("mrk"), mtype="seg", mid=str(number))
                xliff.append_tokens(mrk, part.tokens, self.code)
            else:
                xliff._append_text(seg_source, "".join(part.tokens))
        for label, value in node.notes:
            note = etree.SubElement(unit, self.q("note"))
            note.set("from", xliff.NOTE_FROM)
            note.text = xliff._note_text(label, value)
        location = etree.SubElement(unit, self.q("context-group"), name=f"unit-{node.id}", purpose="location")
        etree.SubElement(location, self.q("context"), {"context-type": "sourcefile"}).text = node.id

    def code(self, parent, token: Open):
        return etree.SubElement(parent, self.q("g"), id=token.id,
                                ctype={"b": "bold", "i": "italic"}[token.kind])


REFERENCES = {"2.1": (xliff.Xliff21Writer, _Reference21()), "1.2": (xliff.Xliff12Writer, _Reference12())}


def reference_xliff(doc: n.Document, version: str, target_lang: str | None = None,
                    original: str | None = None) -> bytes:
    src = xliff.check_language(doc.meta.lang, "the document's language")
    root = REFERENCES[version][1].build(doc, src, original or xliff.original_name(doc), target_lang)
    _indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def outcome(make) -> tuple:
    """Return ("ok", result) or ("error", exception type, message): both ways must agree on either."""
    try:
        return ("ok", make())
    except (ValueError, TypeError) as exc:  # lxml refuses text XML cannot hold, as it always did
        return ("error", type(exc), str(exc))


def assert_xliff_as_reference(doc: n.Document, theme, **options) -> None:
    for version, (writer, _) in REFERENCES.items():
        expected = outcome(lambda: reference_xliff(doc, version, **options))
        actual = outcome(lambda: writer(**options).write(doc, theme))
        assert actual == expected, version
        if actual[0] == "ok":
            etree.fromstring(actual[1])  # well-formed


@pytest.mark.parametrize("which", ["sample", "seed", "empty", "deep", "only parallel"])
def test_xliff_is_the_whole_tree_serialised(which, request, theme):
    parallel = n.Parallel((n.Para((n.Text("Hello."),)), n.Para((n.Text("こんにちは。"),))), ("en", "ja"))
    doc = {"empty": lambda: n.Document(), "deep": lambda: deep_sections(24),
           "only parallel": lambda: n.Document(n.Meta(title="P"), (parallel,)),
           "sample": lambda: request.getfixturevalue("sample_doc"),
           "seed": lambda: request.getfixturevalue("seed_doc")}[which]()
    assert_xliff_as_reference(doc, theme)
    assert_xliff_as_reference(doc, theme, target_lang="ja", original="report & <notes> \"2023\".txt")


def test_xliff_of_a_long_report_is_the_whole_tree_serialised(seed_doc, theme):
    assert_xliff_as_reference(repeated(seed_doc, 5), theme)


@SETTINGS
@given(_DOCS)
def test_xliff_of_any_document_is_the_whole_tree_serialised(theme, doc):
    assert_xliff_as_reference(doc, theme)


def test_units_are_collected_one_top_level_block_at_a_time():
    """The collector reads a block only when the writer asks for its units."""
    class Unknown:
        pass

    doc = n.Document(n.Meta(title="T"), (n.Para((n.Text("First."),), (1, 1)), Unknown()))
    nodes_ = iter_collect(doc)
    assert next(nodes_).kind == "metadata"
    assert next(nodes_).kind == "paragraph"
    with pytest.raises(TypeError):
        next(nodes_)


# --- sentence segmentation in one pass ----------------------------------------------------
#
# ``segment`` cuts a unit's tokens into sentences in one pass over the tokens and the
# sentences; it used to search every sentence for each code and every token for each
# sentence, which took minutes for one long paragraph with bold words. The old way is kept
# here as the reference.


def reference_segment(tokens: tuple, lang: str) -> tuple:
    whole = (Part("segment", tokens),)
    sentences = sentence_spans(plain(tokens), lang)
    if sentences is None:
        return whole
    ranges, pos = [], 0
    for start, end in sentences:
        if start > pos:
            ranges.append(("ignorable", pos, start))
        ranges.append(("segment", start, end))
        pos = end
    if pos < len(plain(tokens)):
        ranges.append(("ignorable", pos, len(plain(tokens))))
    owner: dict[int, set[str]] = {i: set() for i in range(len(ranges))}
    for code_id, (code_start, code_end) in _code_spans(tokens)[0].items():
        fits = [i for i, (kind, start, end) in enumerate(ranges)
                if kind == "segment" and start <= code_start and code_end <= end]
        if not fits:
            return whole
        owner[fits[0]].add(code_id)
    parts = []
    for i, (kind, start, end) in enumerate(ranges):
        out, offset = [], 0
        for token in tokens:
            if isinstance(token, str):
                lo, hi = max(start, offset), min(end, offset + len(token))
                if lo < hi:
                    out.append(token[lo - offset:hi - offset])
                offset += len(token)
            elif token.id in owner[i]:
                out.append(token)
        parts.append(Part(kind, tuple(out)))
    return tuple(parts)


_SENTENCES = st.lists(st.sampled_from(["Mr. Lee left. ", "It rained! ", "Why? ", "U.S. aid ", "No. 5 ", "1. ",
                                       "日本。", "  ", "\n", "end", "(iv) ", "a.b. ", "word "]),
                      max_size=8).map("".join)
_SENTENCE_INLINES = st.recursive(
    _SENTENCES.map(n.Text),
    lambda inner: st.one_of(st.lists(inner, max_size=3).map(lambda c: n.Strong(tuple(c))),
                            st.lists(inner, max_size=3).map(lambda c: n.Emph(tuple(c)))),
    max_leaves=8)


def split_text(tokens: tuple) -> tuple:
    """Return ``tokens`` with each text cut in two: ranges then span several tokens."""
    out = []
    for token in tokens:
        if isinstance(token, str) and len(token) > 1:
            out += [token[:len(token) // 2], token[len(token) // 2:]]
        else:
            out.append(token)
    return tuple(out)


@SETTINGS
@given(st.lists(_SENTENCE_INLINES, max_size=6), st.sampled_from(["en", "ja", "de", "x-none"]), st.booleans())
def test_segment_is_the_reference_in_one_pass(inlines, lang, cut):
    tokens = inline_tokens(tuple(inlines))
    if cut:
        tokens = split_text(tokens)
    assert segment(tokens, lang) == reference_segment(tokens, lang)


def test_an_empty_code_between_two_sentences_goes_with_the_first():
    tokens = ("日本。", Open("1", "b"), Close("1"), "平和。")
    parts = segment(tokens, "ja")
    assert [part.tokens for part in parts] == [("日本。", Open("1", "b"), Close("1")), ("平和。",)]
    assert parts == reference_segment(tokens, "ja")


def test_segment_of_a_long_paragraph_with_many_codes():
    words = [n.Strong((n.Text(f"word{i}"),)) if i % 9 == 0 else n.Text(f" said {i}. Then ") for i in range(3000)]
    tokens = split_text(inline_tokens(tuple(words)))
    parts = segment(tokens, "en")
    assert len(parts) > 1000
    assert parts == reference_segment(tokens, "en")
