"""Structure recovery: a reader's numbered lines to a clean document tree, in small steps run in order.

1. ``find_furniture``      page numbers, running headers and footers (page bands, repetition)
2. ``drop_contents``       the contents page; its titles kept as heading evidence
3. ``drop_page_furniture`` the furniture blanked, listed as dropped
   ``join_words_across_breaks`` a word broken at a page's (or column's) end and its rest at
                           the next one's top: the break between them taken out
4. ``join_lone_markers``   list markers printed apart from their items joined to them
   ``find_phrase_lists``   lists of one-line phrases (and the sentences between them) after an
                           introducing line: bullets the text does not show put back, the
                           block after the last phrase opened
   ``find_indented_lists`` an indented block after an introducing line: a list whose markers
                           the text does not show, its items where a line was ended on purpose
5. ``group_blocks``        runs of lines cut at headings, speakers and paragraph starts
6. ``split_title_region``  the title page's fields (connectors, date, time, compiler) apart
7. ``find_body_start``     where the title block ends (unless the source declares it)
8. ``parse_title_block``   organizers, presenters, title, date, time, compiler; what the source
                           declares (its metadata) wins
   ``title_from_header``   a title the extractor scattered put back in the order of a running
                           header holding exactly its words and those of lines after it
   ``title_from_context``  a title's words printed after the title block put back between the
                           two title words the document writes next to them
   ``title_from_first_line`` else, at the end of a two-line title's first line (a justified
                           line an extractor printed apart)
   ``drop_repeated_headers`` a running header's first copy, kept as maybe the title page's,
                           dropped where a line of the body repeats it
9. ``BodyBuilder.build``   sections, speeches (speaker + affiliation), paragraphs and lists,
                           hard wraps and line-end hyphens undone, page-break splits joined,
                           inline ``**strong**`` and ``*emphasis*``, URLs and e-mail addresses
                           as links
10. ``attach_notes``       a "Notes" section's notes put where their marks ([1], ¹) stand

Recovery never asks where a line came from: the text reader's lines and, later, a PDF's go
through the same steps. ``recover`` takes a report's lines whole; a ``Recovery`` can be fed
them a window of pages at a time (steps 1 and 3 to 5 on each window, 2 and 6 to 8 on the
first, 9 building on from one window to the next, 10 on the finished tree), so that a long
PDF's lines are never all held.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import partial

from .. import nodes as n
from ..errors import Diagnostic
from ..lines import Declared, Dropped, Line
from . import patterns
from .blocks import Headings, group_blocks, measure, title_opening
from .chunks import Chunk
from .body import BodyBuilder
from .contents import drop_contents, headings_in_contents_order
from .furniture import Folded, drop_page_furniture, find_furniture, fold, join_words_across_breaks
from .markers import find_indented_lists, find_phrase_lists, join_lone_markers, marker_as_joined
from .captions import attach_captions
from .notes import attach_notes, lift_page_notes
from .resources import settle_links
from .text import Vocabulary
from .titleblock import (find_body_start, parse_title_block, split_fields, split_title_region, title_from_context,
                         title_from_first_line, title_from_header)


@dataclass(frozen=True, slots=True)
class Recovered:
    """The tree, what recovery had to guess, and the source lines it left out on purpose."""

    document: n.Document
    diagnostics: tuple[Diagnostic, ...]
    dropped: tuple[Dropped, ...]


def _is_structural(text: str) -> bool:
    return bool(patterns.heading_kind(text) or patterns.split_speaker_line(text))


def body_size(lines: list[Line]) -> float:
    """Return the type size most of the text is set in (0 when the source tells no sizes)."""
    sizes: Counter[float] = Counter()
    for line in lines:
        if line.size:
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def drop_repeated_headers(chunks: list[Chunk], dropped: list[Dropped],
                          title_at_top: Callable[[tuple[Line, ...]], int] = lambda lines: 0,
                          ) -> tuple[list[Chunk], list[Dropped]]:
    """Return the body's ``chunks`` without the lines that repeat a running header found and
    ``dropped`` elsewhere, and the lines so dropped.

    Furniture keeps the first copy of a header that recurs without page breaks around it: it
    may be the title page's title or date. Once the title block is read, a line of the body
    that is such a copy (the header of the page after the title page, which no page number
    anchors, alone or run into the heading below it) is the header too. The lines after it
    open a page: where ``title_at_top`` finds a title over running text there (how many lines
    it takes), the title and the text are chunks of their own.
    """
    headers = Folded(fold(line.text) for line in dropped if line.reason == "running-header")
    if not headers:
        return chunks, []
    longest = max(len(header) for header in headers.texts)
    kept: list[Chunk] = []
    repeated: list[Dropped] = []
    for chunk in chunks:
        if chunk.lines[0].block is not None:
            kept.append(chunk)
            continue
        # Only lines as short as a header are asked (folding every line cost 3%).
        # A copy that opens in lowercase goes on with a sentence: running text.
        copies = [line for line in chunk.lines if len(line.text) <= 2 * longest
                  and not patterns.opens_in_lowercase(line.text) and line.text in headers]
        if not copies:
            kept.append(chunk)
            continue
        repeated.extend(Dropped(line.number, line.text, "running-header") for line in copies)
        gone = {id(line) for line in copies}
        rest = tuple(line for line in chunk.lines if id(line) not in gone)
        # The page the last copy heads opens after it.
        top = sum(1 for line in chunk.lines[:chunk.lines.index(copies[-1])] if id(line) not in gone)
        title = title_at_top(rest[top:])
        if not title:
            if rest:
                kept.append(Chunk(rest, chunk.gap_before))
            continue
        if top:
            kept.append(Chunk(rest[:top], chunk.gap_before))
        # The header stood where a blank line would: the title stands apart from what was before.
        kept.append(Chunk(rest[top:top + title], max(1, chunk.gap_before)))
        kept.append(Chunk(rest[top + title:], 0))
    return kept, repeated


def with_declared(meta: n.Meta, declared: Declared) -> n.Meta:
    """Return ``meta`` with the fields the source ``declared`` put in place of the title block's."""
    fields = {name: value for name, value in (("title", declared.title), ("compiled_by", declared.compiled_by),
                                              ("time_text", declared.time_text)) if value}
    if declared.date_text:
        found = patterns.split_date(declared.date_text)
        fields["date_text"] = declared.date_text
        fields["date"] = found[0] if found and not found[2] else ""
    return replace(meta, **fields) if fields else meta


def recover(lines: list[Line], *, lang: str = "en", fallback_title: str = "",
            outline: Iterable[str] = (), declared: Declared = Declared(),
            furniture_apart: bool = False) -> Recovered:
    """Return the document tree of a report's ``lines``.

    ``fallback_title`` is used (with a warning) when the title block names no title; ``outline``
    holds the headings the source declares (a PDF's bookmarks and tags), evidence for headings
    as a contents page's titles are; ``declared`` what the source states of the report outright
    (its metadata, where its title block ends), which wins over what the lines suggest.
    ``furniture_apart``: the source keeps its running headers, footers and page numbers out of
    ``lines`` (a Word file's are parts of their own), so none is looked for: a table's column
    of numbers stays text.
    """
    recovery = Recovery(lang=lang, outline=outline, declared=declared, furniture_apart=furniture_apart)
    recovery.read(lines)
    return recovery.finish(fallback_title)


class Recovery:
    """Structure recovery of one report, fed its lines whole (``recover``) or a window of pages at
    a time (a long PDF, whose lines are then never all held).

    Each window is read with the page before it (read already) and the page after it (read again
    with the next window) around it, so that what runs across a page break is seen from both
    sides; only the blocks that start on its own pages go into the tree. The first window holds
    the title block and the contents page; the words of every window read so far tell line-end
    hyphens apart; the body is built on from one window to the next.
    """

    def __init__(self, *, lang: str = "en", outline: Iterable[str] = (), declared: Declared = Declared(),
                 furniture_apart: bool = False) -> None:
        self.lang = lang
        self.declared = declared
        self.furniture_apart = furniture_apart
        self.outline = frozenset(fold(title) for title in outline if title.strip())
        self.headings = Headings(self.outline)
        self.vocabulary: Vocabulary | None = None
        self.builder: BodyBuilder | None = None
        self.meta = n.Meta()
        self.diagnostics: list[Diagnostic] = []
        self.dropped: list[Dropped] = []
        #: The number of the last line read into the tree (or left out): later windows start after it.
        self.read_to = 0
        #: The number of the last line whose words the vocabulary holds (the last window's next page's).
        self.words_to = 0
        self.contents_titles: frozenset[str] = frozenset()

    def declare_headings(self, outline: Iterable[str]) -> None:
        """Add headings the source declares (a tagged PDF's, found on the pages read since)."""
        more = {fold(title) for title in outline if title.strip()} - self.outline
        if more:
            self.outline |= more
            self.headings.titles = Folded(self.contents_titles | self.outline)

    def read(self, lines: list[Line], own_last: int | None = None) -> None:
        """Recover a window of ``lines``: those up to ``own_last`` (a line number; None: all of
        them, the last window) are its own, those after it the next page's, read as context. Its
        lines up to ``read_to`` are the last window's, read as context too."""
        first = self.builder is None
        fresh = [line.text for line in lines if line.number > self.words_to]  # each line's words once
        if self.vocabulary is None:
            self.vocabulary = Vocabulary(fresh, self.lang)
        else:
            self.vocabulary.add(fresh)
        self.words_to = max(self.words_to, lines[-1].number) if lines else self.words_to
        furniture = {} if self.furniture_apart else {index: reason for index, reason in
                                                     find_furniture(lines, protect=_is_structural).items()
                                                     if lines[index].block is None}
        if first:
            lines, titles, dropped, diagnostics = drop_contents(lines, furniture)
            self.contents_titles = titles
            self.headings.titles = Folded(titles | self.outline)
        else:
            dropped, diagnostics = [], []
        lines, left_out, found = drop_page_furniture(lines, found={i: reason for i, reason in furniture.items()
                                                                   if lines[i].text})
        dropped.extend(left_out)
        diagnostics.extend(found)
        lines, lifted = lift_page_notes(lines, body_size(lines))
        diagnostics.extend(lifted)
        lines = join_words_across_breaks(lines)
        if self.contents_titles:
            lines, reordered = headings_in_contents_order(lines, self.contents_titles)
            diagnostics.extend(reordered)
        stats = measure(lines)
        in_place = lines  # the markers on their items' lines, as the text shows them
        lines, markers = join_lone_markers(lines, stats.width_at, partial(self.headings.starts_at, lines))
        dropped.extend(markers)
        diagnostics.extend(Diagnostic(marker.line, "list-marker", f"joined the list marker {marker.text.strip()!r} "
                                      "standing apart to its item", "info") if marker.reason == "list-marker" else
                           Diagnostic(marker.line, "stray-marker", f"left out the bullet {marker.text.strip()!r}: it "
                                      "stands apart and marks no item the text shows", "warning")
                           for marker in markers)
        if markers:
            stats = measure(lines)  # the items' lines now carry their markers
        phrases = find_phrase_lists(lines, stats.width_at, vocabulary=self.vocabulary, stats=stats, in_place=in_place)
        lines, indented = find_indented_lists(phrases.lines, stats.width_at, shown=lines, stats=stats)
        diagnostics.extend(phrases.diagnostics)
        diagnostics.extend(indented)
        headings = self.headings
        grouped = group_blocks(lines, headings, stats=stats, cut_before=phrases.opens)
        diagnostics.extend(grouped.diagnostics)
        if first:
            body = self._title_block(lines, grouped, dropped, diagnostics, stats.width)
        else:
            body = grouped.chunks
        builder = self.builder
        assert builder is not None
        body, repeated = drop_repeated_headers(body, [*self.dropped, *dropped],
                                               lambda page: title_opening(page, stats.width))
        dropped.extend(repeated)
        if repeated:  # no longer text kept from the title block
            gone = {line.line for line in repeated}
            diagnostics = [d for d in diagnostics if not (d.code == "title-block-text" and d.line in gone)]
        diagnostics.extend(Diagnostic(line.line, "running-header", f"removed {line.text.strip()!r}: a running header "
                                      "removed elsewhere, printed once more after the title block", "info")
                           for line in repeated)
        chunks = self._own_chunks(body, own_last)
        read_to = self.read_to
        upto = max([own_last, chunks[-1].last] if chunks else [own_last]) if own_last is not None else None

        def own(number: int) -> bool:  # read in this window, not the last or the next
            return (first or number > read_to) and (upto is None or number <= upto)

        self.diagnostics.extend(d for d in diagnostics if own(d.line))
        self.dropped.extend(line for line in dropped if own(line.line))
        if first and own_last is None:  # the whole report in one window: as found
            builder.continued, builder.runs_on, builder.opens = grouped.continued, dict(grouped.runs_on), grouped.opens
        else:
            builder.continued |= {key for key in grouped.continued if own(key[0])}
            builder.runs_on |= {key: why for key, why in grouped.runs_on.items() if own(key[0])}
            builder.opens |= {key for key in grouped.opens if own(key[0])}
        builder.width = stats.width
        builder.feed(chunks, last=own_last is None)
        self.read_to = upto if upto is not None else (lines[-1].number if lines else read_to)

    def _own_chunks(self, body: list[Chunk], own_last: int | None) -> list[Chunk]:
        """Return the chunks of ``body`` that are this window's: after the lines read already
        (a chunk the last window took in part, the rest of it), starting on its own pages."""
        chunks: list[Chunk] = []
        for chunk in body:
            if chunk.last <= self.read_to:
                continue
            if chunk.first <= self.read_to:
                chunk = Chunk(tuple(line for line in chunk.lines if line.number > self.read_to), chunk.gap_before)
            if own_last is not None and chunk.first > own_last:
                break
            chunks.append(chunk)
        return chunks

    def _title_block(self, lines: list[Line], grouped, dropped: list[Dropped],
                     diagnostics: list[Diagnostic], width: int = 0) -> list[Chunk]:
        """Read the title block off the first window's chunks (``grouped``; ``width``: the text's
        usual line width), make the body's builder and return the body's chunks."""
        declared, headings, vocabulary = self.declared, self.headings, self.vocabulary
        assert vocabulary is not None
        if declared.body_start:
            # The source says where its title block ends: its chunks are cut around their fields, no others.
            cut = next((index for index, chunk in enumerate(grouped.chunks) if chunk.first >= declared.body_start),
                       len(grouped.chunks))
            title_region = split_fields(grouped.chunks[:cut], width)
            chunks, body_start = title_region + grouped.chunks[cut:], len(title_region)
        else:
            chunks = split_title_region(grouped.chunks, headings, width)
            body_start = find_body_start(chunks, headings)
        title_block = parse_title_block(chunks[:body_start], vocabulary, self.lang,
                                        declared_title=" ".join(declared.title.split()))
        if not declared.title:
            title_block = title_from_header(title_block, (line.text for line in dropped
                                                          if line.reason == "running-header"))
            title_block = title_from_context(title_block, lines)
            title_block = title_from_first_line(title_block)
        diagnostics.extend(title_block.diagnostics)
        dropped.extend(title_block.dropped)
        title_chunks = chunks[:body_start]
        kept = {line.number for chunk in title_block.leftovers for line in chunk.lines}
        # A marker joined to a line the title block took is no list's: where its text stays there as
        # written (a number), it is not left out; a bullet, read as the plain one it shows, still is.
        taken = {line.number for chunk in title_chunks for line in chunk.lines} - kept
        dropped[:] = [line for line in dropped if not (line.reason == "list-marker" and line.item in taken
                                                       and marker_as_joined(line.text) == line.text.strip())]
        barriers = frozenset(line.number for chunk in title_chunks for line in chunk.lines if line.number not in kept)
        self.builder = BodyBuilder(vocabulary, headings, barriers if title_block.leftovers else frozenset(),
                                   frozenset(), frozenset(), body_size(lines), frozenset())
        self.meta = with_declared(title_block.meta, declared)
        return title_block.leftovers + chunks[body_start:]

    def finish(self, fallback_title: str = "", place: Callable[[str], str] | None = None) -> Recovered:
        """Return the tree of every window read. ``place`` maps a link to a place in the source
        (``#dest-...``, a PDF's) to a link to the line there (``#line-N``), or "" to drop it."""
        assert self.builder is not None, "no window read"
        builder = self.builder
        blocks = builder.finish()
        diagnostics = self.diagnostics
        diagnostics.extend(builder.diagnostics)
        blocks, placed = attach_notes(tuple(blocks))
        diagnostics.extend(placed)
        blocks, unlinked = settle_links(attach_captions(blocks), place)
        diagnostics.extend(unlinked)
        meta = self.meta
        if not meta.title:
            first_section = next((b for b in blocks if isinstance(b, n.Section)), None)
            title = fallback_title or (first_section.title if first_section else "") or "Untitled report"
            meta = n.Meta(**{**{f: getattr(meta, f) for f in meta.__slots__}, "title": title})
            diagnostics.append(Diagnostic(meta.lines[0] or 1, "no-title",
                                          f"no title found in the title block; using {title!r}"))
        diagnostics.sort(key=lambda d: d.line)
        return Recovered(n.Document(meta, blocks), tuple(diagnostics),
                         tuple(sorted(self.dropped, key=lambda d: d.line)))
