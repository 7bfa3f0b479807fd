"""Reproducible builds: the one build time (SOURCE_DATE_EPOCH) and byte-stable zip files."""

from __future__ import annotations

import io
import os
import zipfile
from datetime import datetime, timezone

#: Used when SOURCE_DATE_EPOCH is not set, so that builds are reproducible by default.
DEFAULT_EPOCH = 315532800  # 1980-01-01T00:00:00Z, the earliest time a zip entry can hold


def build_epoch() -> int:
    """Return the build time in seconds since the epoch: SOURCE_DATE_EPOCH, else a fixed default."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return DEFAULT_EPOCH
    try:
        epoch = int(value)
    except ValueError:
        from .errors import ConversionError

        raise ConversionError(f"SOURCE_DATE_EPOCH must be a whole number of seconds (got {value!r})") from None
    return max(epoch, DEFAULT_EPOCH)


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
