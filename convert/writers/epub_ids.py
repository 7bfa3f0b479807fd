"""Valid, unique XML ids for headings, shared by the EPUB and pandoc writers so their anchors agree;
where the EPUB's section headings are.

The EPUB hands its section ids out before any other (see ``SectionAnchors``): where a speaker's
name wants the same id as a later section, the section keeps it in the EPUB and the speech has
it in pandoc's output, which numbers in reading order. Otherwise the two agree.
"""

from __future__ import annotations

import re
import unicodedata
from collections import deque

from .. import nodes

_NOT_ID = re.compile(r"[^A-Za-z0-9_-]+")


class IdMaker:
    """Hand out ids that are XML NCNames (so also HTML ids and URL fragments), each one once.

    ``reserved`` matches ids that are never handed out (a writer's own, such as the EPUB's
    ``fn-3`` for note 3): a heading that wants one gets a numbered variant instead.
    """

    def __init__(self, reserved: re.Pattern[str] | None = None) -> None:
        self._seen: set[str] = set()
        self._next: dict[str, int] = {}
        self._reserved = reserved

    def _taken(self, candidate: str) -> bool:
        return candidate in self._seen or bool(self._reserved and self._reserved.fullmatch(candidate))

    def make(self, wanted: str, fallback: str) -> str:
        """Return a new id close to ``wanted``; ``fallback`` is the stem when nothing of it is usable."""
        ascii_text = unicodedata.normalize("NFKD", wanted).encode("ascii", "ignore").decode("ascii")
        base = _NOT_ID.sub("-", ascii_text).strip("-")
        if not base:
            base = fallback
        elif not (base[0].isalpha() or base[0] == "_"):
            base = f"{fallback}-{base}"
        candidate = base
        # A counter per stem keeps 50,000 speeches by one speaker linear, not quadratic.
        while self._taken(candidate):
            number = self._next.get(base, 2)
            self._next[base] = number + 1
            candidate = f"{base}-{number}"
        self._seen.add(candidate)
        return candidate

    def section(self, wanted: str) -> str:
        """Return the id of a section heading (the section's own id, made valid and unique)."""
        return self.make(wanted, "section")

    def speech(self, speaker_name: str) -> str:
        """Return the id of a speech heading, from the speaker's name."""
        return self.make(speaker_name.lower(), "speech")


#: The ids the EPUB writer gives note marks (``fnref-3``) and notes (``fn-3``); no heading gets one.
NOTE_IDS = re.compile(r"fn(?:ref)?-[0-9]+")


def sections_in_order(blocks: tuple[nodes.Block, ...]):
    """Yield the sections of ``blocks`` in the order a writer that puts notes after the blocks
    meets them: those of the blocks, then those inside the blocks' notes."""
    for block in nodes.iter_blocks(blocks):
        if isinstance(block, nodes.Section):
            yield block
    for note in nodes.iter_notes(blocks):
        for block in nodes.iter_blocks(note.blocks):
            if isinstance(block, nodes.Section):
                yield block


class SectionAnchors:
    """The ids of a book's section headings, handed out before any other id, and where each
    section's own id (the target of an ``#id`` link) leads: ``file.xhtml#heading-id``.

    Handing section ids out first keeps them independent of speeches and notes, so that they
    are known before the first content document is written (a link may point ahead), and a
    valid section id stays as it is whatever speaker shares its name.
    """

    def __init__(self, ids: IdMaker, parts: list[tuple[str, tuple[nodes.Block, ...]]]) -> None:
        #: Per section node (by identity: a tree may repeat one node), its ids in reading order.
        self._ids: dict[int, deque[str]] = {}
        self._targets: dict[str, str] = {}
        for href, blocks in parts:
            for section in sections_in_order(blocks):
                heading_id = ids.section(section.id or section.title)
                self._ids.setdefault(id(section), deque()).append(heading_id)
                if section.id:
                    self._targets.setdefault(section.id, f"{href}#{heading_id}")

    def take(self, section: nodes.Section) -> str | None:
        """Return the next planned heading id of ``section``, or None if it was not planned."""
        planned = self._ids.get(id(section))
        return planned.popleft() if planned else None

    def target(self, section_id: str) -> str | None:
        """Return where the first section with id ``section_id`` is, or None when no section has it."""
        return self._targets.get(section_id)
