"""Merging a translated XLIFF back into its source document: a target-language or bilingual Document.

The XLIFF must belong to the document: the same unit ids (see ``writers.xliff_units``) with the
same source text. A unit without a target keeps its source text (one warning names them all);
with ``require_complete`` that is an error. Parallel blocks, already bilingual, are kept as is.

Only text comes from the file. The shape of the document (sections, lists, tables with their rows,
cells and spans, figures and their images) and what each inline code stands for (a link's target,
a note, an image) come from the source document; the translated codes say only where those stand
(see ``inlines``). Notes are translated through their own units and stay inside their paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .. import nodes as n
from ..decode import remove_controls
from ..errors import Diagnostic, InputError
from ..writers.xliff_units import Path, Token, Unit, collect, inline_codes, iter_units, plain, skeleton
from .inlines import target_inlines, with_objects
from .xliff_read import ReadUnit, XliffFile, read_xliff, shown_id

#: How many unit ids an error message names before it only counts.
SHOWN_IDS = 5
#: Target states (2.x segment ``state``, 1.2 target ``state``) saying the target is no translation
#: yet: such a target equal to its source is a pre-filled copy, and counts as untranslated.
UNTRANSLATED_STATES = frozenset({"initial", "new", "needs-translation"})
#: States saying the target still needs work: merged, with a warning naming the units.
NEEDS_WORK_STATES = UNTRANSLATED_STATES | {"needs-adaptation", "needs-l10n", "needs-review-adaptation",
                                           "needs-review-l10n", "needs-review-translation"}
#: States of a finished target (a 1.2 unit with ``approved="yes"`` is finished too).
FINAL_STATES = frozenset({"final", "signed-off"})


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
    """Rebuild the document with each unit's text replaced by its target (or source / target).

    ``pair`` (bilingual editions, at the level of sections and speeches) makes each paragraph,
    list, block quote, table and figure a Parallel block of the source block and its translation,
    and section titles and speakers "source / target"; inside a Parallel block's translation and
    inside notes everything is in the target language only.
    """

    units: dict[Path, Unit]
    targets: dict[str, tuple[Token, ...]]  # the cleaned target of each unit whose text changed
    lines: dict[str, int]  # the line of each unit in the XLIFF file, for messages
    langs: tuple[str, str]
    warnings: list[Diagnostic] = field(default_factory=list)

    def target(self, path: Path) -> tuple[Unit | None, tuple[Token, ...] | None]:
        unit = self.units.get(path)
        return unit, (self.targets.get(unit.id) if unit else None)

    def text(self, path: Path, source: str, pair: bool) -> str:
        """Return the string at ``path`` translated ("source / target" with ``pair`` when they differ)."""
        _, target = self.target(path)
        translated = source if target is None else plain(target)
        return f"{source} / {translated}" if pair and translated != source else translated

    def inlines(self, path: Path, source: tuple[n.Inline, ...]) -> tuple[n.Inline, ...]:
        """Return the inlines at ``path`` translated: the unit's target with the source's links, and
        its notes and images translated; the source's own inlines when the unit has no target."""
        objects: dict[str, n.Inline] = {}
        for code_id, node in inline_codes(source).items():
            if isinstance(node, n.Link):
                objects[code_id] = node
            elif isinstance(node, n.Note):
                objects[code_id] = n.Note(self.blocks(node.blocks, path + ("notes", code_id), False))
            elif isinstance(node, n.Image):
                objects[code_id] = replace(node, alt=self.text(path + ("images", code_id, "alt"), node.alt, False))
        unit, target = self.target(path)
        if target is None:
            translated = any(isinstance(node, (n.Note, n.Image)) for node in objects.values())
            return with_objects(source, objects) if translated else source
        inlines, problems = target_inlines(target, unit.code_kinds, objects)
        self.warnings.extend(Diagnostic(self.lines[unit.id], "inline-code", f"unit {shown_id(unit.id)}: {problem}")
                             for problem in problems)
        return inlines

    def meta(self, meta: n.Meta, bilingual: bool) -> n.Meta:
        path = ("meta",)
        return replace(
            meta,
            title=self.text(path + ("title",), meta.title, bilingual),
            organizers=tuple(self.text(path + ("organizers", i), o, bilingual)
                             for i, o in enumerate(meta.organizers)),
            presenters=tuple(
                n.Speaker(self.text(path + ("presenters", i, "name"), p.name, bilingual),
                          self.text(path + ("presenters", i, "affiliation"), p.affiliation, bilingual))
                for i, p in enumerate(meta.presenters)),
            date_text=self.text(path + ("date_text",), meta.date_text, bilingual),
            time_text=self.text(path + ("time_text",), meta.time_text, bilingual),
            compiled_by=self.text(path + ("compiled_by",), meta.compiled_by, bilingual),
            lang=meta.lang if bilingual else self.langs[1],
        )

    def blocks(self, blocks: tuple[n.Block, ...], path: Path, pair: bool) -> tuple[n.Block, ...]:
        """Return ``blocks`` translated; with ``pair``, every block but sections and speeches becomes a
        Parallel block."""
        out: list[n.Block] = []
        for i, block in enumerate(blocks):
            here = path + ("blocks", i)
            if isinstance(block, n.Section):
                out.append(replace(block, title=self.text(here + ("title",), block.title, pair),
                                   blocks=self.blocks(block.blocks, here, pair)))
            elif isinstance(block, n.Speech):
                speaker = n.Speaker(self.text(here + ("name",), block.speaker.name, pair),
                                    self.text(here + ("affiliation",), block.speaker.affiliation, pair))
                out.append(replace(block, speaker=speaker, blocks=self.blocks(block.blocks, here, pair)))
            elif isinstance(block, n.Parallel):
                out.append(block)
            else:
                translated = self.leaf(block, here)
                out.append(n.Parallel((block, translated), self.langs, block.lines) if pair else translated)
        return tuple(out)

    def leaf(self, block: n.Block, here: Path) -> n.Block:
        """Return a paragraph, list, block quote, table or figure in the target language (never paired inside)."""
        if isinstance(block, n.Para):
            return replace(block, inlines=self.inlines(here + ("inlines",), block.inlines))
        if isinstance(block, (n.OrderedList, n.BulletList)):
            items = tuple(replace(item, blocks=self.blocks(item.blocks, here + ("items", j), False))
                          for j, item in enumerate(block.items))
            return replace(block, items=items)
        if isinstance(block, n.BlockQuote):
            return replace(block, blocks=self.blocks(block.blocks, here, False))
        if isinstance(block, n.Table):
            # The same shape: rows, cells and their spans from the source, only the text translated.
            return replace(block, caption=self.inlines(here + ("caption",), block.caption),
                           head=self.rows(block.head, here + ("head",)), body=self.rows(block.body, here + ("body",)))
        if isinstance(block, n.Figure):
            image = replace(block.image, alt=self.text(here + ("image", "alt"), block.image.alt, False))
            return replace(block, image=image, caption=self.inlines(here + ("caption",), block.caption))
        raise TypeError(f"not a block node: {block!r}")

    def rows(self, rows: tuple[n.Row, ...], path: Path) -> tuple[n.Row, ...]:
        """Return ``rows`` (at ``path``) with each cell's blocks translated, spans kept."""
        out = []
        for r, row in enumerate(rows):
            cells = tuple(replace(cell, blocks=self.blocks(cell.blocks, path + (r, "cells", c), False))
                          for c, cell in enumerate(row.cells))
            out.append(replace(row, cells=cells))
        return tuple(out)


def merge(doc: n.Document, data: bytes, *, bilingual: bool = False, require_complete: bool = False,
          require_final: bool = False, strict_codes: bool = False, name: str = "") -> tuple[n.Document, list[Diagnostic]]:
    """Return ``doc`` in the target language of translated XLIFF ``data`` (1.2 or 2.x), and warnings.

    ``name`` is the XLIFF file's name, for messages. See ``merge_xliff``.
    """
    return merge_xliff(doc, read_xliff(data, name), bilingual=bilingual, require_complete=require_complete,
                       require_final=require_final, strict_codes=strict_codes, name=name)


def final(read: ReadUnit) -> bool:
    """Return whether the target of ``read`` is marked finished: approved, or every state final."""
    return read.approved or (bool(read.states) and all(state in FINAL_STATES for state in read.states))


def _has_translation(read: ReadUnit) -> bool:
    """Return whether ``read`` has a target that is a translation (not a pre-filled copy of its source)."""
    if read.target is None:
        return False
    copy = skeleton(read.target) == skeleton(read.source)
    return not (copy and any(state in UNTRANSLATED_STATES for state in read.states))


def _check_states(units: list[Unit], by_id: dict[str, ReadUnit], translated: set[str], require_final: bool,
                  name: str) -> list[Diagnostic]:
    """Return a warning naming the translated units whose state says they need work; with
    ``require_final``, raise InputError naming the units not marked final."""
    if require_final:
        unfinished = [u.id for u in units if not final(by_id[u.id])]
        if unfinished:
            raise InputError(f"{len(unfinished)} of {len(units)} units are not marked final (state final or "
                             f"signed-off, or approved): {_names(unfinished)}", name)
    by_state: dict[str, list[str]] = {}
    for unit in units:
        read = by_id[unit.id]
        if unit.id in translated:
            state = next((s for s in read.states if s in NEEDS_WORK_STATES), "")
            if state and not read.approved:
                by_state.setdefault(state, []).append(unit.id)
    if not by_state:
        return []
    count = sum(len(ids) for ids in by_state.values())
    listed = "; ".join(f"{state}: {', '.join(ids)}" for state, ids in by_state.items())
    return [Diagnostic(0, "not-final", f"{count} of {len(units)} units are merged with a target whose state "
                                       f"says it needs work ({listed})")]


def merge_xliff(doc: n.Document, xliff: XliffFile, *, bilingual: bool = False, require_complete: bool = False,
                require_final: bool = False, strict_codes: bool = False,
                name: str = "") -> tuple[n.Document, list[Diagnostic]]:
    """Return ``doc`` in the target language of the read translated XLIFF file ``name``, and warnings.

    With ``bilingual``, return a bilingual document instead: metadata fields, section titles,
    speaker names and affiliations as "source / target" where they differ, every paragraph, list,
    block quote, table and figure as a Parallel block (source, target; notes inside their
    paragraphs on each side); ``meta.lang`` stays the source language. Units without a target keep
    the source (one warning lists them), or, with ``require_complete``, raise InputError. An
    XLIFF that was not exported from ``doc`` is refused with InputError. A target equal to its
    source whose state says it is no translation yet (``--prefill``'s copies) counts as missing.
    Targets whose state says they need work are named in one warning; with ``require_final``,
    every unit must be marked final (InputError otherwise). Control characters are removed from
    targets, and inline codes a translator dropped, repeated or invented are reported, with a
    warning naming the unit (see ``inlines``), or with ``strict_codes`` an InputError naming the
    first. The document's resources stay.
    """
    units = list(iter_units(collect(doc)))
    check_belongs(units, xliff, doc.meta.lang, name)
    if not xliff.trg_lang:
        raise InputError("the XLIFF file names no target language (trgLang / target-language)", name)
    by_id = {r.id: r for r in xliff.units}
    targets: dict[str, tuple[Token, ...]] = {}
    missing: list[str] = []
    warnings: list[Diagnostic] = []
    translated: set[str] = set()
    # Repetitions: a unit left without a target takes the translation of the same source text
    # elsewhere in the file (translate-toolkit's pomerge fills only the first of them).
    repeats = {skeleton(r.source): r for r in reversed(xliff.units) if _has_translation(r)}
    propagated: list[str] = []
    for unit in units:
        read = by_id[unit.id]
        if not _has_translation(read) and skeleton(read.source) in repeats:
            other = repeats[skeleton(read.source)]
            read = replace(read, target=other.target, states=other.states, approved=other.approved)
            by_id[unit.id] = read
            propagated.append(unit.id)
        untouched = read.target is not None and skeleton(read.target) == skeleton(unit.tokens)
        if not _has_translation(read):
            missing.append(unit.id)
            continue
        translated.add(unit.id)
        if untouched:
            continue  # the target is the source: keep the source nodes exactly
        target, removed = clean_target(read)
        warnings.extend(removed)
        targets[unit.id] = target if unit.inline else (plain(target),)
    if missing:
        message = (f"{len(missing)} of {len(units)} units have no translation; "
                   f"their source text is kept: {', '.join(missing)}")
        if require_complete:
            raise InputError(f"the translation is incomplete: {len(missing)} of {len(units)} units "
                             f"have no target ({_names(missing)})", name)
        warnings.append(Diagnostic(0, "untranslated", message))
    if propagated:
        warnings.append(Diagnostic(0, "repetition", f"{len(propagated)} unit(s) without a target took the "
                                   f"translation of the same source text in another unit: {_names(propagated)}",
                                   "info"))
    warnings.extend(_check_states(units, by_id, translated, require_final, name))
    rebuild = _Rebuilder({u.path: u for u in units}, targets, {r.id: r.line for r in xliff.units},
                         (doc.meta.lang, xliff.trg_lang))
    # The document's images (resources) and where its lines came from (origins) stay as they are.
    merged = replace(doc, meta=rebuild.meta(doc.meta, bilingual), blocks=rebuild.blocks(doc.blocks, (), bilingual))
    if strict_codes and rebuild.warnings:
        first = rebuild.warnings[0]
        raise InputError(f"{first.message} (and {len(rebuild.warnings) - 1} more problems with inline codes; "
                         f"--strict makes them errors)" if len(rebuild.warnings) > 1 else
                         f"{first.message} (--strict makes problems with inline codes errors)", name, first.line)
    return merged, warnings + rebuild.warnings
