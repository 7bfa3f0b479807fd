"""The normalizer: raw report text to a clean document tree, as a visible sequence of small steps.

1. ``split_lines``         numbered lines; whitespace-only lines become blank
2. ``drop_page_furniture`` page numbers and running headers between split paragraphs
3. ``group_chunks``        runs of non-blank lines, with the blank lines before each
4. ``find_body_start``     where the title block ends
5. ``parse_title_block``   organizers, presenters, title, date, time, compiler
6. ``BodyBuilder.build``   sections, speeches (speaker + affiliation), paragraphs and lists,
                           hard wraps and line-end hyphens undone, page-break splits joined,
                           inline ``**strong**`` and ``*emphasis*``
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import nodes as n
from ..errors import Diagnostic
from . import patterns
from .body import BodyBuilder
from .furniture import drop_page_furniture, find_furniture
from .blocks import Headings, collapse_spaces, group_blocks, join_lone_markers
from .columns import split_columns
from .contents import drop_contents
from .lines import Dropped, split_lines
from .text import Vocabulary, join_lines
from .titleblock import find_body_start, parse_title_block, split_title_region


@dataclass(frozen=True, slots=True)
class Normalized:
    """The tree, what the normalizer had to guess, and the source lines it left out on purpose."""

    document: n.Document
    diagnostics: tuple[Diagnostic, ...]
    dropped: tuple[Dropped, ...]


def _is_structural(text: str) -> bool:
    return bool(patterns.heading_kind(text) or patterns.split_speaker_line(text))


def normalize(text: str, *, lang: str = "en", fallback_title: str = "") -> Normalized:
    """Return the document tree of raw report ``text``.

    ``fallback_title`` is used (with a warning) when the title block names no title.
    """
    lines = split_lines(text)
    furniture = find_furniture(lines, protect=_is_structural)
    lines, titles, dropped, diagnostics = drop_contents(lines, furniture)
    lines, left_out, found = drop_page_furniture(lines, found={i: reason for i, reason in furniture.items()
                                                               if lines[i].text})
    dropped.extend(left_out)
    diagnostics.extend(found)
    lines = collapse_spaces(split_columns(lines))
    lines, markers = join_lone_markers(lines)
    dropped.extend(markers)
    headings = Headings(titles)
    blocks = group_blocks(lines, headings)
    chunks = blocks.chunks
    vocabulary = Vocabulary(text)
    chunks = split_title_region(chunks, headings)
    body_start = find_body_start(chunks, headings)
    title_block = parse_title_block(chunks[:body_start], vocabulary, lang)
    diagnostics.extend(title_block.diagnostics)
    dropped.extend(title_block.dropped)
    title_chunks = chunks[:body_start]
    kept = {line.number for chunk in title_block.leftovers for line in chunk.lines}
    barriers = frozenset(line.number for chunk in title_chunks for line in chunk.lines if line.number not in kept)
    builder = BodyBuilder(vocabulary, headings, barriers if title_block.leftovers else frozenset(),
                          blocks.continued)
    blocks = builder.build(title_block.leftovers + chunks[body_start:])
    diagnostics.extend(builder.diagnostics)
    meta = title_block.meta
    if not meta.title:
        first_section = next((b for b in blocks if isinstance(b, n.Section)), None)
        title = fallback_title or (first_section.title if first_section else "") or "Untitled report"
        meta = n.Meta(**{**{f: getattr(meta, f) for f in meta.__slots__}, "title": title})
        diagnostics.append(Diagnostic(meta.lines[0] or 1, "no-title",
                                      f"no title found in the title block; using {title!r}"))
    diagnostics.sort(key=lambda d: d.line)
    return Normalized(n.Document(meta, blocks), tuple(diagnostics),
                      tuple(sorted(dropped, key=lambda d: d.line)))


__all__ = ["Normalized", "normalize", "join_lines"]
