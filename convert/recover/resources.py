"""The images a tree shows, and the links inside it, checked against the tree itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .. import nodes as n
from ..errors import Diagnostic


def images_of(blocks: tuple[n.Block, ...]) -> list[str]:
    """Return the resource names of the images ``blocks`` show (notes' included), in order."""
    found: list[str] = []

    def collect(run: tuple[n.Inline, ...]) -> tuple[n.Inline, ...]:
        found.extend(inline.resource for inline in run if isinstance(inline, n.Image))
        return run

    n.map_inlines(blocks, collect)
    found.extend(block.image.resource for block in n.iter_blocks(blocks) if isinstance(block, n.Figure))
    for note in n.iter_notes(blocks):
        found.extend(b.image.resource for b in n.iter_blocks(note.blocks) if isinstance(b, n.Figure))
    return found


def with_resources(doc: n.Document, resources: dict[str, n.Resource]) -> n.Document:
    """Return ``doc`` carrying those of ``resources`` (by name) that its images show, each once."""
    used = dict.fromkeys(images_of(doc.blocks))
    return replace(doc, resources=tuple(resources[name] for name in used if name in resources))


def unlink_dangling(blocks: tuple[n.Block, ...]) -> tuple[tuple[n.Block, ...], list[Diagnostic]]:
    """Return ``blocks`` with every ``#id`` link that leads to no section of them made its text."""
    ids, internal, noted = _sections_and_links(blocks)
    if not noted and all(target[1:] in ids for target in internal):
        return blocks, []  # nothing to look at: most reports (notes' links are looked at below)
    lost: list[str] = []

    def unlink(run: tuple[n.Inline, ...]) -> tuple[n.Inline, ...]:
        if not any(isinstance(i, n.Link) and i.target.startswith("#") and i.target[1:] not in ids for i in run):
            return run
        out: list[n.Inline] = []
        for inline in run:
            if isinstance(inline, n.Link) and inline.target.startswith("#") and inline.target[1:] not in ids:
                lost.append(inline.target)
                out.extend(inline.inlines)
            else:
                out.append(inline)
        return tuple(out)

    changed = n.map_inlines(blocks, unlink)
    diagnostics = [Diagnostic(0, "link-target", f"a link to {target!r} leads to no section of the report; "
                              "its text is kept without the link", "info") for target in dict.fromkeys(lost)]
    return changed, diagnostics


def settle_links(blocks: tuple[n.Block, ...], place: Callable[[str], str] | None = None,
                 ) -> tuple[tuple[n.Block, ...], list[Diagnostic]]:
    """Return ``blocks`` with their links to places made links to sections (``resolve_line_links``)
    and every link that leads nowhere made its text (``unlink_dangling``), and what was unlinked.
    The tree is walked once where no link needs either, as in most reports."""
    ids, internal, noted = _sections_and_links(blocks)
    if not noted and all(target[1:] in ids and not target.startswith(("#line-", "#dest-")) for target in internal):
        return blocks, []
    return unlink_dangling(resolve_line_links(blocks, place))


def _sections_and_links(blocks: tuple[n.Block, ...]) -> tuple[set[str], set[str], bool]:
    """Return the ids of the sections of ``blocks``, the ``#`` targets of their links (outside
    notes) and whether they hold notes, in one walk."""
    ids: set[str] = set()
    internal: set[str] = set()
    noted = False
    for block in n.iter_blocks(blocks):
        if isinstance(block, n.Section):
            ids.add(block.id)
        for inline in n.iter_inlines(n.block_inlines(block)):
            if isinstance(inline, n.Link) and inline.target.startswith("#"):
                internal.add(inline.target)
            noted = noted or isinstance(inline, n.Note)
    return ids, internal, noted


def resolve_line_links(blocks: tuple[n.Block, ...], place: Callable[[str], str] | None = None,
                       ) -> tuple[n.Block, ...]:
    """Return ``blocks`` with links to a source line (``#line-N``, a paged reader's link to a place
    on a page) made links to the section holding that line (the last to start at or before it).

    ``place``, when given, first turns a link to a place the reader could not yet name a line for
    (``#dest-...``: a long PDF's, read a window of pages at a time) into a ``#line-N`` link, or
    into "" where no line stands there (the link is dropped, its text kept).
    """
    targets = _sections_and_links(blocks)[1]
    if place is not None and any(target.startswith("#dest-") for target in targets):
        blocks = n.map_inlines(blocks, lambda run: _placed(run, place))
        targets = _sections_and_links(blocks)[1]
    if not any(target.startswith("#line-") for target in targets):
        return blocks  # most texts: no link to a place on a page
    starts = sorted((block.lines[0], block.id) for block in n.iter_blocks(blocks)
                    if isinstance(block, n.Section) and block.lines[0])

    def section_at(line: int) -> str:
        found = [section for start, section in starts if start <= line]
        return f"#{found[-1]}" if found else ""

    def resolve(run: tuple[n.Inline, ...]) -> tuple[n.Inline, ...]:
        if not any(isinstance(i, n.Link) and i.target.startswith("#line-") for i in run):
            return run
        out: list[n.Inline] = []
        for inline in run:
            if isinstance(inline, n.Link) and inline.target.startswith("#line-"):
                target = section_at(int(inline.target[6:]))
                out.extend([replace(inline, target=target)] if target else inline.inlines)
            else:
                out.append(inline)
        return tuple(out)

    return n.map_inlines(blocks, resolve) if starts else blocks


def _placed(run: tuple[n.Inline, ...], place: Callable[[str], str]) -> tuple[n.Inline, ...]:
    """Return ``run`` with each ``#dest-`` link's target ``place``d (its text alone where none is)."""
    if not any(isinstance(i, n.Link) and i.target.startswith("#dest-") for i in run):
        return run
    out: list[n.Inline] = []
    for inline in run:
        if isinstance(inline, n.Link) and inline.target.startswith("#dest-"):
            target = place(inline.target)
            out.extend([replace(inline, target=target)] if target else inline.inlines)
        else:
            out.append(inline)
    return tuple(out)
