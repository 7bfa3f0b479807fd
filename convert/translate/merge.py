"""Merging a translated XLIFF back into its source document: a target-language or bilingual Document.

The XLIFF must belong to the document: the same unit ids (see ``writers.xliff_units``) with the
same source text. A unit without a target keeps its source text (one warning names them all);
with ``require_complete`` that is an error. Parallel blocks, already bilingual, are kept as is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .. import nodes as n
from ..decode import remove_controls
from ..errors import Diagnostic, InputError
from ..writers.xliff_units import Path, Token, Unit, collect, iter_units, plain, skeleton, tokens_to_inlines
from .xliff_read import ReadUnit, XliffFile, read_xliff, shown_id

#: How many unit ids an error message names before it only counts.
SHOWN_IDS = 5


def _names(ids: list[str]) -> str:
    shown = ", ".join(shown_id(i) for i in ids[:SHOWN_IDS])
    more = len(ids) - SHOWN_IDS
    return f"{shown} and {more} more" if more > 0 else shown


def _same_lang(a: str, b: str) -> bool:
    return a.replace("_", "-").lower() == b.replace("_", "-").lower()


def check_belongs(units: list[Unit], xliff: XliffFile, doc_lang: str, name: str = "") -> None:
    """Raise InputError unless ``xliff`` (file ``name``) was exported from the document these ``units`` are from."""
    if xliff.src_lang and not _same_lang(xliff.src_lang, doc_lang):
        raise InputError(f"the XLIFF's source language is {xliff.src_lang!r}, "
                         f"but the document is in {doc_lang!r}", name)
    expected = {u.id: u for u in units}
    seen: set[str] = set()
    duplicate, unknown, changed = [], [], []
    for read in xliff.units:
        if read.id in seen:
            duplicate.append(read.id)
            continue
        seen.add(read.id)
        unit = expected.get(read.id)
        if unit is None:
            unknown.append(read.id)
        elif skeleton(read.source) != skeleton(unit.tokens):
            changed.append(read.id)
    missing = [u.id for u in units if u.id not in seen]
    problems = []
    for label, ids in (("unknown to this document", unknown), ("missing from the XLIFF", missing),
                       ("with a changed source text", changed), ("repeated", duplicate)):
        if ids:
            problems.append(f"{len(ids)} unit(s) {label} ({_names(ids)})")
    if problems:
        raise InputError("the XLIFF does not belong to this source document: " + "; ".join(problems), name)


def clean_target(read: ReadUnit) -> tuple[tuple[Token, ...], list[Diagnostic]]:
    """Return the target of ``read`` cleaned as report text is (see ``decode.remove_controls``),
    with a warning naming the unit for what was removed."""
    assert read.target is not None
    cleaned: list[Token] = []
    removed: list[str] = []
    for token in read.target:
        if isinstance(token, str):
            token, message = remove_controls(token)
            if message:
                removed.append(message)
        cleaned.append(token)
    if not removed:
        return tuple(cleaned), []
    message = f"unit {shown_id(read.id)}: {'; '.join(removed)} from the target"
    return tuple(cleaned), [Diagnostic(read.line, "control-characters", message)]


@dataclass
class _Rebuilder:
    """Rebuild the document with each unit's text replaced by its target (or source / target)."""

    units: dict[Path, Unit]
    targets: dict[str, tuple[n.Inline, ...]]
    bilingual: bool
    langs: tuple[str, str]

    def target_inlines(self, path: Path, source: tuple[n.Inline, ...]) -> tuple[n.Inline, ...]:
        unit = self.units.get(path)
        return self.targets.get(unit.id, source) if unit else source

    def text(self, path: Path, source: str) -> str:
        target = n.plain_text(self.target_inlines(path, (n.Text(source),)))
        if not self.bilingual:
            return target
        return source if target == source else f"{source} / {target}"

    def meta(self, meta: n.Meta) -> n.Meta:
        path = ("meta",)
        return replace(
            meta,
            title=self.text(path + ("title",), meta.title),
            organizers=tuple(self.text(path + ("organizers", i), o) for i, o in enumerate(meta.organizers)),
            presenters=tuple(
                n.Speaker(self.text(path + ("presenters", i, "name"), p.name),
                          self.text(path + ("presenters", i, "affiliation"), p.affiliation))
                for i, p in enumerate(meta.presenters)),
            date_text=self.text(path + ("date_text",), meta.date_text),
            time_text=self.text(path + ("time_text",), meta.time_text),
            compiled_by=self.text(path + ("compiled_by",), meta.compiled_by),
            lang=meta.lang if self.bilingual else self.langs[1],
        )

    def blocks(self, blocks: tuple[n.Block, ...], path: Path, pair: bool) -> tuple[n.Block, ...]:
        """Return ``blocks`` translated; with ``pair``, paragraphs and lists become Parallel blocks."""
        out: list[n.Block] = []
        for i, block in enumerate(blocks):
            here = path + ("blocks", i)
            if isinstance(block, n.Section):
                out.append(replace(block, title=self.text(here + ("title",), block.title),
                                   blocks=self.blocks(block.blocks, here, pair)))
            elif isinstance(block, n.Speech):
                speaker = n.Speaker(self.text(here + ("name",), block.speaker.name),
                                    self.text(here + ("affiliation",), block.speaker.affiliation))
                out.append(replace(block, speaker=speaker, blocks=self.blocks(block.blocks, here, pair)))
            elif isinstance(block, (n.Para, n.OrderedList, n.BulletList)):
                translated = self.leaf(block, here)
                out.append(n.Parallel((block, translated), self.langs, block.lines) if pair else translated)
            elif isinstance(block, n.Parallel):
                out.append(block)
            else:
                raise TypeError(f"not a block node: {block!r}")
        return tuple(out)

    def leaf(self, block: n.Block, here: Path) -> n.Block:
        """Return a paragraph or list in the target language (lists never pair inside)."""
        if isinstance(block, n.Para):
            return replace(block, inlines=self.target_inlines(here + ("inlines",), block.inlines))
        if isinstance(block, (n.OrderedList, n.BulletList)):
            items = tuple(replace(item, blocks=self.blocks(item.blocks, here + ("items", j), False))
                          for j, item in enumerate(block.items))
            return replace(block, items=items)
        raise TypeError(f"not a paragraph or list: {block!r}")


def merge(doc: n.Document, data: bytes, *, bilingual: bool = False, require_complete: bool = False,
          name: str = "") -> tuple[n.Document, list[Diagnostic]]:
    """Return ``doc`` in the target language of translated XLIFF ``data`` (1.2 or 2.x), and warnings.

    ``name`` is the XLIFF file's name, for messages. See ``merge_xliff``.
    """
    return merge_xliff(doc, read_xliff(data, name), bilingual=bilingual, require_complete=require_complete,
                       name=name)


def merge_xliff(doc: n.Document, xliff: XliffFile, *, bilingual: bool = False, require_complete: bool = False,
                name: str = "") -> tuple[n.Document, list[Diagnostic]]:
    """Return ``doc`` in the target language of the read translated XLIFF file ``name``, and warnings.

    With ``bilingual``, return a bilingual document instead: metadata fields, section titles,
    speaker names and affiliations as "source / target" where they differ, every paragraph and list as a Parallel block (source,
    target); ``meta.lang`` stays the source language. Units without a target keep the source
    (one warning lists them), or, with ``require_complete``, raise InputError. An XLIFF
    that was not exported from ``doc`` is refused with InputError. Control characters are
    removed from targets, with a warning naming the unit.
    """
    units = list(iter_units(collect(doc)))
    check_belongs(units, xliff, doc.meta.lang, name)
    if not xliff.trg_lang:
        raise InputError("the XLIFF file names no target language (trgLang / target-language)", name)
    by_id = {r.id: r for r in xliff.units}
    targets: dict[str, tuple[n.Inline, ...]] = {}
    missing: list[str] = []
    warnings: list[Diagnostic] = []
    for unit in units:
        read = by_id[unit.id]
        if read.target is None:
            missing.append(unit.id)
            continue
        if skeleton(read.target) == skeleton(unit.tokens):
            continue  # the target is the source: keep the source nodes exactly
        target, removed = clean_target(read)
        warnings.extend(removed)
        inlines = tokens_to_inlines(target, unit.code_kinds)
        targets[unit.id] = inlines if unit.path[-1] == "inlines" else (n.Text(plain(target)),)
    if missing:
        message = (f"{len(missing)} of {len(units)} units have no translation; "
                   f"their source text is kept: {', '.join(missing)}")
        if require_complete:
            raise InputError(f"the translation is incomplete: {len(missing)} of {len(units)} units "
                             f"have no target ({_names(missing)})", name)
        warnings.append(Diagnostic(0, "untranslated", message))
    rebuild = _Rebuilder({u.path: u for u in units}, targets, bilingual, (doc.meta.lang, xliff.trg_lang))
    merged = n.Document(rebuild.meta(doc.meta), rebuild.blocks(doc.blocks, (), bilingual))
    return merged, warnings
