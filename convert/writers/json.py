"""The JSON writer: the document tree in its versioned, documented JSON form."""

from __future__ import annotations

from .. import astjson, nodes
from ..theme import Theme


class JsonWriter:
    """Write the AST as JSON (``--json``)."""

    name = "json"
    extension = ".json"

    def write(self, doc: nodes.Document, theme: Theme) -> bytes:
        """Return the document's JSON form, UTF-8 encoded."""
        return astjson.dumps(doc).encode("utf-8")
