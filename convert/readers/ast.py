"""The document tree's own JSON (``--json``, ``docs/ast.md``) as input: read back as the tree it is.

Nothing is recovered: the file states the tree. It is checked as any input is (``astjson``
refuses links to other schemes, path-like resource names, images that are not PNG, JPEG or
GIF, malformed nodes), and a refusal names the file.
"""

from __future__ import annotations

from .. import astjson
from ..errors import ConversionError, InputError
from ..recover import Recovered


def recover_ast(data: bytes, name: str, *, lang: str = "en", fallback_title: str = "") -> Recovered:
    """Return the tree the JSON ``data`` (file ``name``) holds; raise InputError if it is not one."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"the document JSON is not UTF-8 (byte {exc.start})", name) from None
    try:
        document = astjson.loads(text)
    except ConversionError as exc:
        raise InputError(str(exc), name) from None
    except RecursionError:
        raise InputError("the document JSON is nested too deeply", name) from None
    return Recovered(document, (), ())
