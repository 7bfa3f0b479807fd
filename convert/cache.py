"""A small on-disk cache for slow facts about this machine that rarely change.

Two things are cached: the index of installed font families (reading every font file's
name table takes longer than the rest of a seed conversion) and the pandoc API version
(one pandoc run). Each entry is stored with the key it was computed from (font file
sizes and modification times, the pandoc binary's), so a changed machine recomputes it.
The cache only saves time: a missing, stale, corrupt or unwritable cache means the fact
is recomputed, never a different output and never an error.

A third, ReportLab's parsed font faces, is stored with pickle (they are Python objects
made by one ReportLab version, and the key names that version): the cache folder is the
user's own, as for any program's cache.

The folder is ``$REPORT_CONVERT_CACHE`` when set (an empty value turns caching off),
else ``$XDG_CACHE_HOME/report-convert``, else ``~/.cache/report-convert``.
"""

from __future__ import annotations

import json
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

#: Bumped whenever the shape of a cached value changes.
VERSION = 1


def folder() -> Path | None:
    """Return the cache folder, or None when caching is turned off."""
    configured = os.environ.get("REPORT_CONVERT_CACHE")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "report-convert"


def file_key(path: str) -> list:
    """Return the part of a cache key that stands for file ``path``: its path, size and
    modification time (only the path when it cannot be read)."""
    try:
        stat = os.stat(path)
    except OSError:
        return [path]
    return [path, stat.st_size, stat.st_mtime_ns]


def load(name: str, key: Any) -> Any | None:
    """Return the value stored as ``name`` when it was computed from ``key``, else None."""
    where = folder()
    if where is None:
        return None
    try:
        entry = json.loads((where / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("version") != VERSION or entry.get("key") != key:
        return None
    return entry.get("value")


def store(name: str, key: Any, value: Any) -> None:
    """Store ``value`` as ``name`` computed from ``key``; a cache that cannot be written is skipped."""
    data = json.dumps({"version": VERSION, "key": key, "value": value}, ensure_ascii=False)
    _write(f"{name}.json", data.encode("utf-8"))


def load_object(name: str, key: Any) -> Any | None:
    """Return the Python object stored as ``name`` when it was computed from ``key``, else None."""
    where = folder()
    if where is None:
        return None
    try:
        with open(where / f"{name}.pickle", "rb") as handle:
            entry = pickle.load(handle)
    except Exception:  # missing, truncated, or made by code that no longer exists
        return None
    if not isinstance(entry, tuple) or len(entry) != 3 or entry[:2] != (VERSION, key):
        return None
    return entry[2]


def store_object(name: str, key: Any, value: Any) -> None:
    """Store the Python object ``value`` as ``name`` computed from ``key`` (skipped if it cannot be)."""
    try:
        data = pickle.dumps((VERSION, key, value), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return
    _write(f"{name}.pickle", data)


def _write(filename: str, data: bytes) -> None:
    where = folder()
    if where is None:
        return
    try:
        where.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=where, prefix=f".{filename}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, where / filename)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        return
