"""A small on-disk cache for slow facts about this machine that rarely change.

Two things are cached: the index of installed font families (reading every font file's
name table takes longer than the rest of a seed conversion) and the pandoc API version
(one pandoc run). Each entry is stored with the key it was computed from (font file
sizes and modification times, the pandoc binary's), so a changed machine recomputes it.
The cache only saves time: a missing, stale, corrupt or unwritable cache means the fact
is recomputed, never a different output and never an error.

The folder is ``$REPORT_CONVERT_CACHE`` when set (an empty value turns caching off),
else ``$XDG_CACHE_HOME/report-convert``, else ``~/.cache/report-convert``.
"""

from __future__ import annotations

import json
import os
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
    where = folder()
    if where is None:
        return
    data = json.dumps({"version": VERSION, "key": key, "value": value}, ensure_ascii=False)
    try:
        where.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=where, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(data)
            os.replace(temporary, where / f"{name}.json")
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        return
