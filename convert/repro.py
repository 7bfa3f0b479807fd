"""The one build time and byte-stable zip files.

A build stamps its outputs with the time it ran; with SOURCE_DATE_EPOCH set (as ``make all``
does, from the last commit) it stamps that time instead, and the same input gives the same bytes.
"""

from __future__ import annotations

import io
import os
import time
import zipfile
from datetime import datetime, timezone

#: The earliest time a zip entry can hold (1980-01-01T00:00:00Z); earlier times are raised to it.
EARLIEST_EPOCH = 315532800

_clock_epoch: int | None = None


def _run_started() -> int:
    """Return the time this process first asked for the build time: all it writes shares it."""
    global _clock_epoch
    if _clock_epoch is None:
        _clock_epoch = int(time.time())
    return _clock_epoch


def build_epoch() -> int:
    """Return the build time in seconds since the epoch: SOURCE_DATE_EPOCH when set, else the
    time the run started."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return max(_run_started(), EARLIEST_EPOCH)
    try:
        epoch = int(value)
    except ValueError:
        from .errors import ConversionError

        raise ConversionError(f"SOURCE_DATE_EPOCH must be a whole number of seconds (got {value!r})") from None
    return max(epoch, EARLIEST_EPOCH)


def build_time() -> datetime:
    """Return the build time as an aware UTC datetime."""
    return datetime.fromtimestamp(build_epoch(), tz=timezone.utc)


def write_zip(entries: list[tuple[str, bytes]], stored: tuple[str, ...] = ("mimetype",)) -> bytes:
    """Return a zip of ``entries`` (name, data) in the given order, with fixed times and attributes.

    Entries named in ``stored`` are not compressed (EPUB's ``mimetype`` must not be).
    """
    stamp = build_time().timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever machine builds it
            archive.writestr(info, data, compresslevel=9 if info.compress_type == zipfile.ZIP_DEFLATED else None)
    return buffer.getvalue()


def normalize_zip(data: bytes, first: tuple[str, ...] = ("mimetype",)) -> bytes:
    """Return the zip ``data`` rewritten with fixed times and attributes, ``first`` entries leading."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        order = [n for n in first if n in names] + [n for n in names if n not in first]
        entries = [(name, archive.read(name)) for name in order]
    return write_zip(entries, stored=first)
