"""Readers: each turns one kind of source into numbered lines on pages, for structure recovery.

A reader knows its source's quirks and nothing of reports; ``convert.recover`` knows reports and
nothing of where the lines came from. The readers are ``text`` (PDF-to-text dumps and plain
text) and ``pdf`` (a PDF's text layer, with fonts and positions). A source is told by its
content: a file that starts like a PDF is read as one, whatever its name.
"""

from __future__ import annotations

import os

from ..decode import MAX_INPUT_BYTES, read_bytes
from ..errors import InputError

#: What a PDF starts with, within its first kilobyte (readers allow leading bytes).
PDF_MAGIC = b"%PDF-"
#: The largest PDF read; larger ones are refused unread.
MAX_PDF_BYTES = 256 * 1024 * 1024


def sniff(data: bytes) -> str:
    """Return the reader for a source that starts with ``data``: "pdf" or "text"."""
    return "pdf" if PDF_MAGIC in data[:1024] else "text"


def read_source(path: str) -> tuple[str, bytes]:
    """Return the reader for the file at ``path`` and its bytes, read up to that reader's limit.

    Raises InputError, naming the file, when it cannot be read; a file over the limit is
    refused before it is read whole.
    """
    head = read_bytes(path, 1023)
    kind = sniff(head)
    if len(head) < 1024:
        return kind, head
    pdf = kind == "pdf"
    limit = MAX_PDF_BYTES if pdf else MAX_INPUT_BYTES
    try:
        size = os.stat(path).st_size  # 0 for a pipe or a device: those are read up to the limit
    except OSError:
        size = 0
    if size > limit:
        raise InputError(f"{'PDF' if pdf else 'file'} is {size:,} bytes; the limit is {limit:,}", path)
    return kind, read_bytes(path, limit, "PDF file" if pdf else "text file")
