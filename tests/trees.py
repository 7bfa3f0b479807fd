"""Comparing document trees read from different sources: the same tree, wherever it came from."""

from __future__ import annotations


def without_spans(value):
    """Return the JSON form of a tree without its line spans and origins (another source's lines
    are not the text's: a PDF's or a Word file's numbering differs, the tree must not)."""
    if isinstance(value, dict):
        return {key: without_spans(item) for key, item in value.items() if key not in ("lines", "origin")}
    if isinstance(value, list):
        return [without_spans(item) for item in value]
    return value
