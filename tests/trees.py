"""Comparing document trees read from different sources: the same tree, wherever it came from."""

from __future__ import annotations

from convert.typography import plain


def without_spans(value):
    """Return the JSON form of a tree without its line spans and origins (another source's lines
    are not the text's: a PDF's or a Word file's numbering differs, the tree must not), its text
    with straight quotation marks and hyphens (our published formats are typeset: see
    ``convert.typography``; the words are the same)."""
    if isinstance(value, dict):
        return {key: without_spans(item) for key, item in value.items() if key not in ("lines", "origin")}
    if isinstance(value, list):
        return [without_spans(item) for item in value]
    if isinstance(value, str):
        return plain(value)
    return value


def plain_strings(value):
    """Return a JSON value with every string's quotation marks and range dashes straight."""
    if isinstance(value, dict):
        return {key: plain_strings(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain_strings(item) for item in value]
    return plain(value) if isinstance(value, str) else value


def plain_document(document):
    """Return ``document`` with its text's quotation marks and range dashes straight."""
    from convert import astjson

    return astjson.from_json(plain_strings(astjson.to_json(document)))
