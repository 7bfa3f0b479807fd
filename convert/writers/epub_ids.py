"""Valid, unique XML ids for headings, shared by the EPUB and pandoc writers so their anchors agree."""

from __future__ import annotations

import re
import unicodedata

_NOT_ID = re.compile(r"[^A-Za-z0-9_-]+")


class IdMaker:
    """Hand out ids that are XML NCNames (so also HTML ids and URL fragments), each one once."""

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._next: dict[str, int] = {}

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
        while candidate in self._seen:
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
