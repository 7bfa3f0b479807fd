"""The XLIFF writers: the document's translatable text as XLIFF 2.1 and XLIFF 1.2 for CAT tools.

One unit per translatable string (see ``xliff_units``), grouped as metadata, sections and
speeches; sentences as segments with the whitespace between them kept (``xliff_segment``);
context notes (kind, section, speaker, list, note, cell, links, source lines) for the translator.

Inline codes: Strong and Emph are formatting codes (2.1 ``<pc type="fmt" subType="xlf:b">``,
1.2 ``<g ctype="bold">``). A Link is a paired code around its text (2.1 ``<pc type="link">``
whose ``dataRefStart``/``dataRefEnd`` name ``<originalData>`` holding ``<a href="URL">`` and
``</a>``; 1.2 ``<g ctype="link">``, the URL in a context note): the URL is shown, never
translatable, and a merge takes it from the source document, not from the file. A Note's mark
and an inline Image are placeholders (2.1 ``<ph>`` with ``subFlows`` naming the units of the
note's text or the alt text, ``canDelete="no"`` and original data "[note 1]" / "[image: name]",
a note's with ``type="other" subType="report-convert:note"``;
1.2 ``<x ctype="x-note">`` / ``<x ctype="image">`` with ``xid`` naming the first such unit).

Built with lxml, so text is always escaped; valid against the OASIS core schemas. Written as it
is built, unit by unit, so the cost per unit does not grow with the report.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Iterator

from lxml import etree

from .. import nodes
from ..errors import ConversionError
from ..theme import Theme
from .xliff_segment import Part, segment
from .xliff_units import CodeRef, Close, Group, Open, Placeholder, Token, Unit, iter_collect, plain, skeleton

XLIFF20_NS = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_SPACE = f"{{{XML_NS}}}space"
XML_LANG = f"{{{XML_NS}}}lang"
MTC_NS = "urn:oasis:names:tc:xliff:matches:2.0"
TOOL = "report-convert"
#: Who 1.2 notes are from: "developer", the author of the file, which translate-toolkit's xliff2po
#: keeps (as PO comments for translators).
NOTE_FROM = "developer"
# A reused target's state in each version, by the state it had (either version's name).
_STATES_20 = {"final": "final", "signed-off": "final", "reviewed": "reviewed", "initial": "initial",
              "new": "initial", "needs-translation": "initial"}
_STATES_12 = {"final": "final", "signed-off": "signed-off", "translated": "translated", "initial": "needs-translation",
              "new": "new", "needs-translation": "needs-translation", "needs-review-translation":
              "needs-review-translation", "needs-l10n": "needs-l10n", "needs-adaptation": "needs-adaptation",
              "needs-review-l10n": "needs-review-l10n", "needs-review-adaptation": "needs-review-adaptation"}

# xs:language, which both schemas use for language attributes.
_LANGUAGE = re.compile(r"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$")
_CODES_20 = {"b": "xlf:b", "i": "xlf:i"}
#: The 2.1 subType of a note's mark.
NOTE_SUBTYPE = f"{TOOL}:note"
_CODES_12 = {"b": "bold", "i": "italic", "a": "link"}
_PLACEHOLDERS_12 = {"note": "x-note", "image": "image"}
_NOTE_LABELS = {"kind": "Kind", "section": "Section", "speaker": "Speaker", "presenter": "Presenter",
                "list": "List", "note": "Note", "cell": "Table cell", "image": "Image", "link": "Link",
                "lines": "Source lines"}


def check_language(tag: str, what: str) -> str:
    """Return ``tag`` if it is a valid language tag (xs:language), else raise ConversionError."""
    if not _LANGUAGE.match(tag):
        raise ConversionError(f"{what} {tag!r} is not a valid language tag (e.g. 'en', 'ja', 'pt-BR')")
    return tag


def original_name(doc: nodes.Document) -> str:
    """Return the stable name the XLIFF gives the source document: a slug of its title."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", doc.meta.title).strip("-").lower()[:80]
    return f"{slug or 'report'}.txt"


def _append_text(parent: etree._Element, text: str) -> None:
    if not text:
        return
    # Not len(parent): lxml counts the children one by one, and a long paragraph's
    # seg-source holds a <mrk> per sentence, so each append would cost the sentences so far.
    last = next(parent.iterchildren(reversed=True), None)
    if last is not None:
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def append_tokens(parent: etree._Element, tokens: tuple[Token, ...], make_code) -> None:
    """Append ``tokens`` to ``parent`` as mixed content; ``make_code(parent, token)`` builds the
    element of an Open token (which then holds what follows, up to its Close) or a Placeholder."""
    stack = [parent]
    for token in tokens:
        if isinstance(token, str):
            _append_text(stack[-1], token)
        elif isinstance(token, Open):
            stack.append(make_code(stack[-1], token))
        elif isinstance(token, Placeholder):
            make_code(stack[-1], token)
        else:
            stack.pop()


def original_data(ref: CodeRef) -> tuple[str, ...]:
    """Return what a CAT tool shows for a code: a link's start and end tags, a note's or an image's label."""
    if ref.kind == "a":
        return f'<a href="{ref.value}">', "</a>"
    if ref.kind == "note":
        return (f"[note {ref.value}]",)
    return (f"[image: {ref.value}]",)


def _note_text(label: str, value: str) -> str:
    return f"{_NOTE_LABELS.get(label, label)}: {value}"


# --- layout and streaming ----------------------------------------------------------
#
# The file is written as it is built: each unit becomes a small element tree, is serialised
# and dropped, and the elements around the units (xliff, file, body, group) are written as
# start and end tags. Holding the whole document as one tree made the writer slower per
# unit the longer the report, once the tree no longer fitted in the processor's cache.
#
# Elements below the root are built without a namespace: in the file they are in the root's
# default namespace, and serialised on their own they declare none. Whitespace is added
# where the tree is built, to structural elements only (those that hold elements, never
# text): inside text elements whitespace is content.

_DECLARATION = b"<?xml version='1.0' encoding='UTF-8'?>\n"
# Every element needs one: the usual depths are made once.
_PADS = tuple("\n" + "  " * level for level in range(16))


def _pad(level: int) -> str:
    """Return the line break and indentation that put an element at depth ``level``."""
    return _PADS[level] if level < len(_PADS) else "\n" + "  " * level


def _set_tails(children: list[etree._Element], level: int) -> None:
    """Put each of ``children``, the elements of a structural parent at depth ``level``, on a line."""
    pad = _pad(level + 1)
    for child in children:
        child.tail = pad
    if children:
        children[-1].tail = _pad(level)


def _tags(element: etree._Element) -> tuple[bytes, bytes]:
    """Return the start tag and end tag of a childless, textless ``element``."""
    empty = etree.tostring(element, encoding="UTF-8")  # <name attributes/>
    return empty[:-2] + b">", b"</" + etree.QName(element).localname.encode() + b">"


def write_element(out: io.BytesIO, element: etree._Element, level: int, children: Iterable,
                  write_child: Callable[..., None], *args) -> None:
    """Write ``element`` at depth ``level`` to ``out``, each of ``children`` on its own line.

    ``element`` is childless; ``write_child(out, child, level + 1, *args)`` writes one child.
    Without children the element is written empty (``<group .../>``), as lxml writes it.
    """
    end = b""
    for child in children:
        if not end:
            start, end = _tags(element)
            out.write(start)
        out.write(_pad(level + 1).encode())
        write_child(out, child, level + 1, *args)
    if end:
        out.write(_pad(level).encode() + end)
    else:
        out.write(etree.tostring(element, encoding="UTF-8"))


def write_tree(out: io.BytesIO, element: etree._Element) -> None:
    """Write a finished ``element`` (laid out where it was built) to ``out``."""
    out.write(etree.tostring(element, encoding="UTF-8"))


class _XliffWriter:
    """What both versions share: options, language checks, the file written as it is built."""

    name = ""
    extension = ""

    #: The conversion options this writer takes (see registry.get_writer).
    options = ("target_lang",)

    def __init__(self, target_lang: str | None = None, original: str | None = None, prefill: bool = False,
                 memory=None) -> None:
        self.target_lang = check_language(target_lang, "target language") if target_lang else None
        self.original = original
        #: Targets pre-filled with a copy of the source (state initial / needs-translation), so that
        #: CAT tools which translate only existing targets (OmegaT's XLIFF filter) see every segment.
        self.prefill = prefill
        #: A ``translate.leverage.Memory`` whose translations are reused (exact) or offered (fuzzy).
        self.memory = memory
        self._leverage = None

    def write(self, doc: nodes.Document, theme: Theme) -> bytes:
        """Return the document's translatable text as an XLIFF file, UTF-8 encoded."""
        src = check_language(doc.meta.lang, "the document's language")
        if self.memory is not None:
            from ..translate.leverage import Leverage

            if self.memory.src_lang.split("-")[0].lower() != src.split("-")[0].lower():
                raise ConversionError(f"{self.memory.name}: its source language is {self.memory.src_lang!r}, "
                                      f"the report's {src!r}")
            if not self.target_lang and self.memory.trg_lang:
                self.target_lang = check_language(self.memory.trg_lang, "target language")
            self._leverage = Leverage(self.memory)
        out = io.BytesIO()
        out.write(_DECLARATION)
        self.write_file(out, doc, src, self.original or original_name(doc))
        out.write(b"\n")
        return out.getvalue()

    def write_file(self, out: io.BytesIO, doc: nodes.Document, src: str, original: str) -> None:
        raise NotImplementedError

    def node(self, out: io.BytesIO, node: Group | Unit, level: int, lang: str) -> None:
        raise NotImplementedError

    def origin(self) -> str:
        """Return where fuzzy matches come from: the memory file's name (not its folders)."""
        return re.split(r"[\\/]", self.memory.name)[-1] if self.memory is not None and self.memory.name else TOOL

    def plan(self, node: Unit, lang: str):
        """Return a unit's parts, the target of each segment (None for none) with its state,
        and its fuzzy candidates [(percent, source, target)]."""
        parts = segment(node.tokens, lang)
        found = self._leverage.match(node.tokens, lang) if self._leverage is not None else None
        whole = (Part("segment", node.tokens),)
        if found is not None and found.exact is not None:
            entry = found.exact
            segments = [p for p in parts if p.kind == "segment"]
            if len(entry.pairs) == len(segments) and all(
                    skeleton(source) == skeleton(p.tokens) for (source, _), p in zip(entry.pairs, segments)):
                targets = [fit_codes(target, p.tokens) for (_, target), p in zip(entry.pairs, segments)]
            else:  # the translation is not split like the source: the unit is one segment
                parts, targets = whole, [fit_codes(entry.target, node.tokens)]
            states = list(entry.states) if len(entry.states) == len(targets) else [_worst(entry.states)] * len(targets)
            states = [state or "translated" for state in states]
            return parts, list(zip(targets, states)), []
        candidates = []
        if found is not None and found.candidates:
            parts = whole  # the candidates are for the whole unit: its one segment
            candidates = [(percent, plain(entry.source), plain(entry.target)) for percent, entry in found.candidates]
        if self.prefill:
            return parts, [(p.tokens, "initial") for p in parts if p.kind == "segment"], candidates
        return parts, [None] * sum(p.kind == "segment" for p in parts), candidates


class Xliff21Writer(_XliffWriter):
    """Write XLIFF 2.1 (``--xliff``, ``<stem>.xlf``)."""

    name = "xliff"
    extension = ".xlf"

    def write_file(self, out: io.BytesIO, doc: nodes.Document, src: str, original: str) -> None:
        root = etree.Element(f"{{{XLIFF20_NS}}}xliff", nsmap={None: XLIFF20_NS})
        root.set("version", "2.1")
        root.set("srcLang", src)
        if self.target_lang:
            root.set("trgLang", self.target_lang)
        root_start, root_end = _tags(root)
        # The file always holds the metadata group, so it is never written empty.
        file_start, file_end = _tags(etree.Element("file", id="f1", original=original))
        out.write(b"".join((root_start, _pad(1).encode(), file_start)))
        for node in iter_collect(doc):
            out.write(_pad(2).encode())
            self.node(out, node, 2, src)
        out.write(b"".join((_pad(1).encode(), file_end, _pad(0).encode(), root_end)))

    def node(self, out: io.BytesIO, node: Group | Unit, level: int, lang: str) -> None:
        """Write a group (with everything in it) or a unit at depth ``level`` to ``out``."""
        if isinstance(node, Group):
            # An empty group is valid in 2.x: the metadata group of an empty report.
            group = etree.Element("group", id=node.id, name=node.name)
            write_element(out, group, level, node.children, self.node, lang)
        else:
            write_tree(out, self.unit(node, level, lang))

    def unit(self, node: Unit, level: int, lang: str) -> etree._Element:
        """Return the ``<unit>`` of ``node``, laid out for depth ``level``."""
        unit = etree.Element("unit", id=node.id, name=node.kind)
        unit.set(XML_SPACE, "preserve")
        unit.text = _pad(level + 1)
        notes = etree.SubElement(unit, "notes")
        note_elements = []
        for label, value in node.notes:
            note = etree.SubElement(notes, "note", category="context")
            note.text = _note_text(label, value)
            note_elements.append(note)
        if note_elements:
            notes.text = _pad(level + 2)
            _set_tails(note_elements, level + 1)
        children = [notes]
        data_refs: dict[str, list[str]] = {}
        if node.codes:
            children.append(self.original_data(unit, node.codes, level, data_refs))
        refs = {ref.id: ref for ref in node.codes}

        def make_code(parent: etree._Element, token: Open | Placeholder) -> etree._Element:
            return self.code(parent, token, refs.get(token.id), data_refs.get(token.id, ()))

        parts, targets, candidates = self.plan(node, lang)
        if candidates:
            matches = self.matches(candidates, level)
            unit.insert(0, matches)  # other namespaces' elements come first in a unit
            children.insert(0, matches)
        number = 0
        for part in parts:
            if part.kind == "segment":
                number += 1
                holder = etree.SubElement(unit, "segment", id=f"s{number}")
            else:
                holder = etree.SubElement(unit, "ignorable")
            holder.text = _pad(level + 2)
            source = etree.SubElement(holder, "source")
            source.tail = _pad(level + 1)
            append_tokens(source, part.tokens, make_code)
            if part.kind == "segment" and targets[number - 1] is not None:
                tokens, state = targets[number - 1]
                holder.set("state", _STATES_20.get(state, "translated"))
                target = etree.SubElement(holder, "target")
                target.tail = _pad(level + 1)
                source.tail = _pad(level + 2)
                append_tokens(target, tokens, make_code)
            children.append(holder)
        _set_tails(children, level)
        return unit

    def matches(self, candidates: list[tuple[int, str, str]], level: int) -> etree._Element:
        """Return the ``<mtc:matches>`` offering ``candidates`` for segment s1, laid out for depth ``level + 1``."""
        matches = etree.Element(f"{{{MTC_NS}}}matches", nsmap={"mtc": MTC_NS})
        elements = []
        for percent, source_text, target_text in candidates:
            match = etree.SubElement(matches, f"{{{MTC_NS}}}match", ref="#s1", type="tm")
            match.set("similarity", str(percent))
            match.set("matchQuality", str(percent))
            match.set("origin", self.origin())
            source = etree.SubElement(match, "source")
            source.text = source_text
            target = etree.SubElement(match, "target")
            target.text = target_text
            match.text = _pad(level + 3)
            _set_tails([source, target], level + 2)
            elements.append(match)
        matches.text = _pad(level + 2)
        _set_tails(elements, level + 1)
        return matches

    @staticmethod
    def original_data(unit: etree._Element, codes: tuple[CodeRef, ...], level: int,
                      data_refs: dict[str, list[str]]) -> etree._Element:
        """Return the ``<originalData>`` of ``codes``, appended to ``unit``, laid out for depth
        ``level + 1``; put in ``data_refs`` the ids of the ``<data>`` of each code."""
        original = etree.SubElement(unit, "originalData")
        elements = []
        for ref in codes:
            for text in original_data(ref):
                data = etree.SubElement(original, "data", id=f"d{len(elements) + 1}")
                data.text = text
                elements.append(data)
                data_refs.setdefault(ref.id, []).append(data.get("id"))
        original.text = _pad(level + 2)
        _set_tails(elements, level + 1)
        return original

    def code(self, parent: etree._Element, token: Open | Placeholder, ref: CodeRef | None,
             data: tuple[str, ...] | list[str]) -> etree._Element:
        """Return the code element of ``token`` (what it stands for is ``ref``, its original data
        ``data``), appended to ``parent``."""
        if isinstance(token, Placeholder):
            if token.kind == "image":
                code = etree.SubElement(parent, "ph", id=token.id, type="image")
            else:  # XLIFF has no type for a note's mark: ours, by the tool's prefix
                code = etree.SubElement(parent, "ph", id=token.id, type="other", subType=NOTE_SUBTYPE)
            # Deleting the mark would lose the note or the image: CAT tools warn before they let it go.
            code.set("canDelete", "no")
            if data:
                code.set("dataRef", data[0])
            if ref is not None and ref.units:
                code.set("subFlows", " ".join(ref.units))
            return code
        if token.kind == "a":
            code = etree.SubElement(parent, "pc", id=token.id, type="link")
            if len(data) == 2:
                code.set("dataRefStart", data[0])
                code.set("dataRefEnd", data[1])
            return code
        return etree.SubElement(parent, "pc", id=token.id, type="fmt", subType=_CODES_20[token.kind])


class Xliff12Writer(_XliffWriter):
    """Write XLIFF 1.2 (``--xliff``, ``<stem>.12.xlf``) for tools that do not read 2.x yet."""

    name = "xliff12"
    extension = ".12.xlf"

    def write_file(self, out: io.BytesIO, doc: nodes.Document, src: str, original: str) -> None:
        root = etree.Element(f"{{{XLIFF12_NS}}}xliff", nsmap={None: XLIFF12_NS})
        root.set("version", "1.2")
        file_el = etree.Element("file", original=original, datatype="plaintext")
        file_el.set("source-language", src)
        if self.target_lang:
            file_el.set("target-language", self.target_lang)
        file_el.set("tool-id", TOOL)
        root_start, root_end = _tags(root)
        file_start, file_end = _tags(file_el)
        out.write(b"".join((root_start, _pad(1).encode(), file_start, _pad(2).encode())))
        write_tree(out, self.header(2))
        out.write(_pad(2).encode())
        # The body is empty when there is nothing to translate: write_element writes <body/>.
        write_element(out, etree.Element("body"), 2, _nonempty(iter_collect(doc)), self.node, src)
        out.write(b"".join((_pad(1).encode(), file_end, _pad(0).encode(), root_end)))

    def header(self, level: int) -> etree._Element:
        """Return the ``<header>`` naming the tool, laid out for depth ``level``."""
        header = etree.Element("header")
        tool = etree.SubElement(header, "tool")
        tool.set("tool-id", TOOL)
        tool.set("tool-name", TOOL)
        header.text = _pad(level + 1)
        _set_tails([tool], level)
        return header

    def node(self, out: io.BytesIO, node: Group | Unit, level: int, lang: str) -> None:
        """Write a group (with everything in it) or a unit at depth ``level`` to ``out``."""
        if isinstance(node, Group):
            group = etree.Element("group", id=node.id, restype=f"x-{node.kind}")
            group.set("resname", node.name)
            write_element(out, group, level, _nonempty(node.children), self.node, lang)
        else:
            write_tree(out, self.unit(node, level, lang))

    def unit(self, node: Unit, level: int, lang: str) -> etree._Element:
        """Return the ``<trans-unit>`` of ``node``, laid out for depth ``level``."""
        unit = etree.Element("trans-unit", id=node.id, restype=f"x-{node.kind}")
        unit.set(XML_SPACE, "preserve")
        unit.text = _pad(level + 1)
        refs = {ref.id: ref for ref in node.codes}

        def make_code(parent: etree._Element, token: Open | Placeholder) -> etree._Element:
            return self.code(parent, token, refs.get(token.id))

        unit.set("resname", node.id)
        source = etree.SubElement(unit, "source")
        append_tokens(source, node.tokens, make_code)
        seg_source = etree.SubElement(unit, "seg-source")
        parts, targets, candidates = self.plan(node, lang)
        target = None
        if any(t is not None for t in targets):
            target = etree.Element("target")
            states = [t[1] for t in targets if t is not None]
            target.set("state", _STATES_12.get(_worst(states), "translated"))
        number = 0
        for part in parts:
            if part.kind == "segment":
                number += 1
                mrk = etree.SubElement(seg_source, "mrk", mtype="seg", mid=str(number))
                append_tokens(mrk, part.tokens, make_code)
                if target is not None:
                    mrk = etree.SubElement(target, "mrk", mtype="seg", mid=str(number))
                    append_tokens(mrk, targets[number - 1][0], make_code)
            else:
                _append_text(seg_source, "".join(part.tokens))  # ignorables hold text only
                if target is not None:
                    _append_text(target, "".join(part.tokens))
        children = [source, seg_source]
        if target is not None:
            unit.append(target)
            children.append(target)
        for percent, source_text, target_text in candidates:
            alt = etree.SubElement(unit, "alt-trans", origin=self.origin())
            alt.set("match-quality", f"{percent}%")
            alt_source = etree.SubElement(alt, "source")
            alt_source.text = source_text
            alt_target = etree.SubElement(alt, "target")
            alt_target.text = target_text
            if self.target_lang:
                alt_target.set(XML_LANG, self.target_lang)
            alt.text = _pad(level + 2)
            _set_tails([alt_source, alt_target], level + 1)
            children.append(alt)
        for label, value in node.notes:
            note = etree.SubElement(unit, "note")
            note.set("from", NOTE_FROM)
            note.text = _note_text(label, value)
            children.append(note)
        # A location unique to the unit: translate-toolkit's xliff2po makes it the PO entry's
        # reference, and the context (msgctxt) of entries whose source text is the same.
        location = etree.SubElement(unit, "context-group", name=f"unit-{node.id}", purpose="location")
        context = etree.SubElement(location, "context")
        context.set("context-type", "sourcefile")
        context.text = node.id
        location.text = _pad(level + 2)
        _set_tails([context], level + 1)
        children.append(location)
        _set_tails(children, level)
        return unit

    def code(self, parent: etree._Element, token: Open | Placeholder, ref: CodeRef | None = None) -> etree._Element:
        """Return the code element of ``token`` (what it stands for is ``ref``), appended to ``parent``."""
        if isinstance(token, Placeholder):
            code = etree.SubElement(parent, "x", id=token.id, ctype=_PLACEHOLDERS_12[token.kind])
            if ref is not None and ref.units:
                code.set("xid", ref.units[0])  # 1.2 points to one unit: the first of the note's text
            return code
        return etree.SubElement(parent, "g", id=token.id, ctype=_CODES_12[token.kind])


def _worst(states) -> str:
    """Return the least advanced of ``states`` ("" when none is given)."""
    order = ("initial", "new", "needs-translation", "needs-l10n", "needs-adaptation", "needs-review-translation",
             "needs-review-l10n", "needs-review-adaptation", "", "translated", "reviewed", "signed-off", "final")
    known = [state for state in states if state in order]
    return min(known, key=order.index) if known else ""


def fit_codes(target: tuple[Token, ...], source: tuple[Token, ...]) -> tuple[Token, ...]:
    """Return a reused ``target`` with only the codes of ``source`` (each once, pairs whole), so
    that the file stays valid; the text of a code left out is kept."""
    known = {t.id: t for t in source if isinstance(t, (Open, Placeholder))}
    used: set[str] = set()
    open_ids: list[str] = []
    out: list[Token] = []
    for token in target:
        if isinstance(token, str):
            out.append(token)
        elif isinstance(token, (Open, Placeholder)):
            ours = known.get(token.id)
            if type(ours) is type(token) and token.id not in used:
                used.add(token.id)
                out.append(ours)  # as the source has it: its kind is the source's
                if isinstance(token, Open):
                    open_ids.append(token.id)
        elif isinstance(token, Close) and open_ids and open_ids[-1] == token.id:
            open_ids.pop()
            out.append(token)
    out.extend(Close(code_id) for code_id in reversed(open_ids))
    return tuple(out)


def _nonempty(nodes_: Iterable[Group | Unit]) -> Iterator[Group | Unit]:
    """Return ``nodes_`` without empty groups: a 1.2 group must hold at least one unit."""
    return (node for node in nodes_ if not (isinstance(node, Group) and not node.children))
