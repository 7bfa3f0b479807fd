"""Readers: each turns one kind of source into numbered lines on pages, for structure recovery.

A reader knows its source's quirks and nothing of reports; ``convert.recover`` knows reports and
nothing of where the lines came from. The built-in readers are ``text`` (PDF-to-text dumps and
plain text), ``pdf`` (a PDF's text layer, with fonts and positions), ``docx`` (a Word file's
paragraphs and styles) and ``pandoc`` (every format pandoc reads: Markdown, HTML, ODT, EPUB,
reStructuredText, LaTeX, Org ...). Other packages add readers through the entry-point group
``report_convert.readers``.

This module is the registry: which reader reads a source, chosen in this order

1. ``--from FORMAT``, when given: it overrides everything below;
2. the content, where it is unmistakable: a PDF's ``%PDF-``, a ZIP holding ``word/document.xml``
   (DOCX) or whose ``mimetype`` says ODT or EPUB, RTF's ``{\\rtf``, our own document JSON
   (``{"type": "document", ...``: the ``ast`` reader, the tree as written);
3. the file name's extension, for text formats only (``.md``, ``.html``, ``.rst``, ``.txt`` ...):
   a ``.pdf``, ``.docx``, ``.odt`` or ``.epub`` name is not trusted, so a text dump named
   ``report.pdf`` stays a text dump;
4. an HTML document's start (``<!DOCTYPE html``, ``<html``) when the extension says nothing;
5. a third-party reader's own content test, then its extensions;
6. the text reader: plain text is a dump, never Markdown by accident.

A reader is a function ``recover(data, name, *, lang, fallback_title) -> Recovered``; built-in
ones are imported only when a source needs them (a text run never loads PDFium). The PDF reader
is handed a file's path instead of its bytes (see ``ReaderSpec.reads_files``).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..decode import MAX_INPUT_BYTES, read_bytes
from ..errors import ConversionError, InputError, UsageError

if TYPE_CHECKING:  # annotations only: the CLI imports this module before anything heavy
    from ..recover import Recovered

ENTRY_POINT_GROUP = "report_convert.readers"
#: What a PDF starts with, within its first kilobyte (readers allow leading bytes).
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
#: The largest PDF read; larger ones are refused unread.
MAX_PDF_BYTES = 256 * 1024 * 1024
#: The largest ZIP container (DOCX, ODT, EPUB) read: pictures make them large, their text is small.
MAX_CONTAINER_BYTES = 256 * 1024 * 1024
#: The largest text source pandoc reads (Markdown, HTML ...): pandoc takes about 7 s and 130 MB
#: per MB of HTML, so decode.MAX_INPUT_BYTES (64 MiB) would take minutes and gigabytes.
MAX_PANDOC_BYTES = 16 * 1024 * 1024
#: How many bytes of a file are looked at to tell its kind before it is read whole.
HEAD_BYTES = 1024


@dataclass(frozen=True, slots=True)
class ReaderSpec:
    """One reader: its name, where its ``recover`` function is, and what it claims.

    ``extensions`` are file endings (lower case, with the dot) that name the reader's format;
    ``formats`` (the pandoc reader's) says the reader reads several formats and is told which
    one with ``source_format=``; ``sniff`` is a third-party reader's content test on a file's
    first ``HEAD_BYTES`` bytes. A reader that ``reads_files`` is handed a regular file's path
    (a ``Path``) in place of its bytes, and reads the file as it needs it (PDFium does: a long
    PDF's bytes are not held all through recovery).
    """

    name: str
    target: str  # "module:function"
    extensions: tuple[str, ...] = ()
    max_bytes: int = MAX_INPUT_BYTES
    builtin: bool = True
    formats: bool = False
    sniff: Callable[[bytes], bool] | None = None
    reads_files: bool = False


#: The built-in readers, kept in step with the entry points in pyproject.toml.
TEXT = ReaderSpec("text", "convert.readers.text:recover_text_bytes", (".txt",))
PDF = ReaderSpec("pdf", "convert.readers.pdf:recover_pdf", max_bytes=MAX_PDF_BYTES, reads_files=True)
DOCX = ReaderSpec("docx", "convert.readers.docx:recover_docx", max_bytes=MAX_CONTAINER_BYTES)
PANDOC = ReaderSpec("pandoc", "convert.readers.pandoc:recover_pandoc", max_bytes=MAX_PANDOC_BYTES, formats=True)
AST = ReaderSpec("ast", "convert.readers.ast:recover_ast")
BUILTIN: dict[str, ReaderSpec] = {spec.name: spec for spec in (TEXT, PDF, DOCX, PANDOC, AST)}

#: pandoc input formats told by their extension (text formats only: see the module's docstring).
PANDOC_EXTENSIONS: dict[str, str] = {
    ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rst": "rst", ".tex": "latex", ".latex": "latex", ".org": "org", ".adoc": "asciidoc",
    ".asciidoc": "asciidoc", ".textile": "textile", ".typ": "typst", ".dj": "djot", ".ipynb": "ipynb",
    ".wiki": "mediawiki", ".muse": "muse", ".t2t": "t2t", ".rtf": "rtf", ".fb2": "fb2", ".opml": "opml",
}
#: pandoc input formats that are ZIP containers: told by content, read up to MAX_CONTAINER_BYTES.
PANDOC_CONTAINERS = frozenset({"odt", "epub", "pptx", "xlsx", "docx"})
#: Extensions of formats told by content; a folder given as input takes them too.
CONTENT_EXTENSIONS = (".pdf", ".docx", ".odt", ".epub")
#: The ``mimetype`` an ODT or EPUB container starts with, and the pandoc format it is.
_ZIP_MIMETYPES = {b"application/vnd.oasis.opendocument.text": "odt", b"application/epub+zip": "epub"}
#: A ZIP member that tells an Office Open XML file's kind.
_OOXML_PARTS = (("word/document.xml", "docx"), ("ppt/presentation.xml", "pptx"), ("xl/workbook.xml", "xlsx"))
#: The start of our own document JSON (``--json``): an object whose first member says what it is.
_AST_START = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\{\s*"type"\s*:\s*"document"\s*,')
_HTML_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]{0,200}\?>\s*)?(?:<!--.{0,2000}?-->\s*)*"
                         rb"<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)


def base_format(source_format: str) -> str:
    """Return a pandoc format's name without its extension switches ("markdown-smart" -> "markdown")."""
    return re.split(r"[+-]", source_format, maxsplit=1)[0]


@dataclass(frozen=True, slots=True)
class Choice:
    """The reader chosen for one source, the format it reads it as, and why."""

    reader: ReaderSpec
    source_format: str  # "text", "pdf", "docx", a pandoc input format, or a third-party reader's name
    reason: str  # "--from", "content", "extension", "default"

    @property
    def max_bytes(self) -> int:
        """Return the largest source this reader takes, in bytes."""
        if self.reader.formats and base_format(self.source_format) in PANDOC_CONTAINERS:
            return MAX_CONTAINER_BYTES
        return self.reader.max_bytes

    def recover(self, data: bytes | Path, name: str, *, lang: str = "en", fallback_title: str = "") -> Recovered:
        """Return the document tree recovered from ``data`` (file ``name``: its bytes, or its path
        for a reader that ``reads_files``) by this reader."""
        function = load(self.reader)
        if self.reader.formats:
            return function(data, name, lang=lang, fallback_title=fallback_title, source_format=self.source_format)
        return function(data, name, lang=lang, fallback_title=fallback_title)


def load(spec: ReaderSpec) -> Callable[..., Recovered]:
    """Return the ``recover`` function of reader ``spec``, importing its module now."""
    from importlib import import_module

    module_name, _, attribute = spec.target.partition(":")
    try:
        return getattr(import_module(module_name), attribute)
    except (ImportError, AttributeError) as exc:
        raise ConversionError(f"the {spec.name!r} reader ({spec.target}) cannot be loaded: {exc}") from None


def _entry_points():
    """Return the installed entry points of the readers' group (importlib.metadata is loaded only here)."""
    from importlib.metadata import entry_points

    return entry_points(group=ENTRY_POINT_GROUP)


@cache
def available() -> dict[str, ReaderSpec]:
    """Return every known reader by name: the built-ins, then third-party entry points (read once).

    A third-party reader is its ``recover`` function, which may carry ``extensions`` (a tuple of
    file endings), ``sniff`` (a test on a file's first bytes) and ``max_bytes``; it is imported here.
    """
    table = dict(BUILTIN)
    for point in _entry_points():
        known = table.get(point.name)
        if known is not None:
            if known.target != point.value:
                raise ConversionError(f"two readers are registered as {point.name!r}: "
                                      f"{known.target} and {point.value}")
            continue
        spec = ReaderSpec(point.name, point.value, builtin=False)
        function = load(spec)
        extensions = tuple(ext.lower() for ext in getattr(function, "extensions", ()))
        table[point.name] = ReaderSpec(point.name, point.value, extensions,
                                       int(getattr(function, "max_bytes", MAX_INPUT_BYTES)), False,
                                       sniff=getattr(function, "sniff", None))
    return table


def _pandoc_formats() -> tuple[str, ...]:
    from ..pandoc_process import input_formats

    return input_formats()


def source_formats() -> list[str]:
    """Return every name ``--from`` takes: the built-in readers' own formats, pandoc's input
    formats, third-party readers."""
    own = ["text", "pdf", "docx", "ast"]
    names = own + [name for name in _pandoc_formats() if name not in own]
    return names + [name for name, spec in available().items() if not spec.builtin and name not in names]


#: A pandoc format with extensions switched on or off: "markdown+smart-raw_html".
_PANDOC_FORMAT = re.compile(r"^([a-z0-9_]+)((?:[+-][a-z0-9_]+)*)$")


def chosen_by_name(source_format: str) -> Choice:
    """Return the reader ``--from FORMAT`` names; an unknown format is a usage error listing the known ones.

    A pandoc format may carry pandoc's extension switches ("markdown-smart"); pandoc checks them.
    """
    if source_format in ("text", "pdf", "docx", "ast"):
        return Choice(BUILTIN[source_format], source_format, "--from")
    match = _PANDOC_FORMAT.match(source_format)
    if match and match.group(1) in _pandoc_formats():
        return Choice(PANDOC, source_format, "--from")
    spec = available().get(source_format)
    if spec is not None and not spec.builtin:
        return Choice(spec, source_format, "--from")
    raise UsageError(f"unknown input format {source_format!r}; known formats: {', '.join(source_formats())}")


def _zip_format(data: bytes) -> str | None:
    """Return the format of the ZIP container ``data`` (docx, odt, epub, pptx, xlsx), None for another ZIP.

    ODT and EPUB put their ``mimetype`` first and uncompressed, so the first bytes tell them;
    Office files are told by a part the archive's directory lists.
    """
    import io
    import zipfile
    import zlib

    if data[26:30] == b"\x08\x00\x00\x00" and data[30:38] == b"mimetype":  # name length 8, no extra field
        for mimetype, found in _ZIP_MIMETYPES.items():
            if data[38:38 + len(mimetype)] == mimetype:
                return found
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            # A container whose mimetype another tool stored later, or compressed.
            stated = archive.read("mimetype").strip() if "mimetype" in names and \
                archive.getinfo("mimetype").file_size <= 100 else b""
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, RuntimeError):
        return None  # damaged, or its mimetype compressed in a way (or encrypted) zipfile cannot read
    found = next((found for part, found in _OOXML_PARTS if part in names), None)
    return found or _ZIP_MIMETYPES.get(stated)


def sniff(data: bytes) -> tuple[str, str] | None:
    """Return (reader, format) for the whole source ``data`` when its content is unmistakable, else None."""
    if PDF_MAGIC in data[:HEAD_BYTES]:
        return "pdf", "pdf"
    if data.startswith(ZIP_MAGIC):
        found = _zip_format(data)
        if found == "docx":
            return "docx", "docx"
        return ("pandoc", found) if found else None
    if data.startswith(b"{\\rtf"):
        return "pandoc", "rtf"
    if _AST_START.match(data[:HEAD_BYTES]):
        return "ast", "ast"
    return None


def choose(data: bytes, name: str = "", source_format: str | None = None) -> Choice:
    """Return the reader for the source ``data`` from file ``name`` (see the module's docstring
    for the order); ``source_format`` (``--from``) overrides content and name."""
    if source_format:
        return chosen_by_name(source_format)
    found = sniff(data)
    if found is not None:
        return Choice(BUILTIN[found[0]], found[1], "content")
    extension = Path(name).suffix.lower()
    if extension == ".txt":
        return Choice(TEXT, "text", "extension")
    if extension in PANDOC_EXTENSIONS:
        return Choice(PANDOC, PANDOC_EXTENSIONS[extension], "extension")
    known = extension in CONTENT_EXTENSIONS
    if not known and _HTML_START.match(data[:HEAD_BYTES * 4]):
        return Choice(PANDOC, "html", "content")
    if not known:
        third_party = [spec for spec in available().values() if not spec.builtin]
        for spec in third_party:
            if spec.sniff is not None and spec.sniff(data[:HEAD_BYTES]):
                return Choice(spec, spec.name, "content")
        for spec in third_party:
            if extension in spec.extensions:
                return Choice(spec, spec.name, "extension")
    return Choice(TEXT, "text", "default")


def input_extensions(source_format: str | None = None) -> tuple[str, ...]:
    """Return the file endings a folder given as input is searched for: every known one, or
    those of ``source_format``'s reader (none for a format no ending names)."""
    if source_format:
        choice = chosen_by_name(source_format)
        base = base_format(choice.source_format)
        named = tuple(ext for ext, fmt in PANDOC_EXTENSIONS.items() if fmt == base) if choice.reader.formats else ()
        return choice.reader.extensions + named + tuple(ext for ext in CONTENT_EXTENSIONS if ext[1:] == base)
    return (".txt", *CONTENT_EXTENSIONS, *PANDOC_EXTENSIONS)


def _limit_before_reading(head: bytes, name: str, source_format: str | None) -> int:
    """Return how many bytes the source starting with ``head`` may have, before it is read whole."""
    if source_format:
        return chosen_by_name(source_format).max_bytes
    if PDF_MAGIC in head:
        return MAX_PDF_BYTES
    if head.startswith(ZIP_MAGIC):
        return MAX_CONTAINER_BYTES
    return choose(head, name).max_bytes


def read_source(path: str, source_format: str | None = None) -> tuple[Choice, bytes | Path]:
    """Return the reader for the file at ``path`` and its bytes, read up to that reader's limit;
    for a reader that ``reads_files`` (a PDF's, told by its first bytes or ``--from``) and a
    regular file, the file's path instead.

    Raises InputError, naming the file, when it cannot be read; a file over the limit is
    refused before it is read whole.
    """
    head = read_bytes(path, HEAD_BYTES - 1)
    if len(head) < HEAD_BYTES:
        return choose(head, path, source_format), head
    limit = _limit_before_reading(head, path, source_format)
    what = "PDF" if limit == MAX_PDF_BYTES and PDF_MAGIC in head else "file"
    try:
        status = os.stat(path)
    except OSError:
        status = None
    size = status.st_size if status else 0  # 0 for a pipe or a device: those are read up to the limit
    if size > limit:
        raise InputError(f"{what} is {size:,} bytes; the limit is {limit:,}", path)
    if (source_format or PDF_MAGIC in head) and status and stat.S_ISREG(status.st_mode):
        choice = choose(head, path, source_format)  # the first bytes tell a PDF as well as all do
        if choice.reader.reads_files:
            return choice, Path(path)
    data = read_bytes(path, limit, "PDF file" if what == "PDF" else "file")
    choice = choose(data, path, source_format)
    if len(data) > choice.max_bytes:
        raise InputError(f"{what} is over {choice.max_bytes:,} bytes, the limit", path)
    return choice, data
