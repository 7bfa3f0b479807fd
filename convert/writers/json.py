"""The JSON writer: the document tree in its versioned, documented JSON form."""

from __future__ import annotations

import io
from typing import BinaryIO

from .. import astjson, nodes
from ..theme import Theme


class JsonWriter:
    """Write the AST as JSON (``--json``)."""

    name = "json"
    extension = ".json"

    def write(self, doc: nodes.Document, theme: Theme) -> bytes:
        """Return the document's JSON form, UTF-8 encoded."""
        # Encoded piece by piece: never the whole text as one string and again as bytes.
        out = io.BytesIO()
        astjson.dump(doc, lambda text: out.write(text.encode("utf-8")))
        return out.getvalue()

    def write_to(self, doc: nodes.Document, theme: Theme, stream: BinaryIO) -> None:
        """Write the document's JSON form, UTF-8 encoded, to ``stream`` as it is made: a long
        report's text is never held whole."""
        astjson.dump(doc, lambda text: stream.write(text.encode("utf-8")))
