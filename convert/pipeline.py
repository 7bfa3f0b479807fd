"""One conversion as a pure function: input bytes (and a theme) to named output files."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from . import nodes, signals
from .errors import ConversionError, Diagnostic, InputError
from .readers import Choice, choose, read_source
from .registry import ALL_FORMATS, FormatRequest, get_writer
from .theme import Theme

__all__ = ["ALL_FORMATS", "FormatRequest", "Result", "convert_bytes", "make_writer", "output_path", "prepare",
           "prepare_file", "prepare_with", "render", "strict_failure", "write_atomic"]


@dataclass
class Result:
    """What converting one input gave: output files (name -> bytes) and diagnostics."""

    outputs: dict[str, bytes] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    document: nodes.Document | None = None


def humanize_stem(stem: str) -> str:
    """Return a file stem as a readable title ("peace-report_2023" -> "Peace report 2023")."""
    words = re.sub(r"[-_.]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else "Untitled report"


def make_writer(request: FormatRequest, target_lang: str | None = None):
    """Return the writer for ``request`` (an unknown format raises UsageError)."""
    if request.pandoc:
        from .writers.pandoc import PandocWriter

        return PandocWriter(request.name)
    return get_writer(request.name, target_lang=target_lang, **dict(request.options))


def render(doc: nodes.Document, request: FormatRequest, theme: Theme, stem: str,
           target_lang: str | None = None) -> tuple[str, bytes]:
    """Return (file name, bytes) of ``doc`` in the requested format."""
    writer = make_writer(request, target_lang)
    return stem + writer.extension, writer.write(doc, theme)


def prepare_with(choice: Choice, data: bytes | Path, name: str) -> Result:
    """Return the document tree of ``data`` (file ``name``: its bytes, or its path for a reader
    that reads files) read by the reader ``choice``, with all diagnostics."""
    if isinstance(data, bytes) and len(data) > choice.max_bytes:  # a file's size is checked before it is read
        raise InputError(f"file is {len(data):,} bytes; the limit is {choice.max_bytes:,}", name)
    recovered = choice.recover(data, name, fallback_title=humanize_stem(Path(name).stem))
    return Result(diagnostics=list(recovered.diagnostics), document=recovered.document)


def prepare(data: bytes, name: str, *, source_format: str | None = None) -> Result:
    """Return the document tree of the report ``data`` from file ``name``; raise InputError if it is unusable.

    The reader is told by the content, then the name (``convert.readers``); ``source_format``
    (``--from``: "text", "pdf", "docx" or a pandoc input format) overrides both.
    """
    return prepare_with(choose(data, name, source_format), data, name)


def prepare_file(path: str | Path, *, source_format: str | None = None) -> Result:
    """Return the document tree of the report file at ``path``; raise InputError if it is unusable."""
    choice, data = read_source(str(path), source_format)
    return prepare_with(choice, data, str(path))


def strict_failure(diagnostics: list[Diagnostic]) -> str:
    """Return why ``--strict`` refuses a document with these diagnostics ('' when it does not)."""
    warnings = [d for d in diagnostics if d.severity == "warning"]
    if not warnings:
        return ""
    return (f"{len(warnings)} warning(s) with --strict; the first, line {warnings[0].line}: "
            f"{warnings[0].message}")


def convert_bytes(data: bytes, name: str, requests: list[FormatRequest], theme: Theme, *,
                  target_lang: str | None = None, strict: bool = False, source_format: str | None = None) -> Result:
    """Return the outputs of converting the raw report ``data`` (file ``name``) to every request.

    A pure function of its arguments (and SOURCE_DATE_EPOCH): the unit of work to map over
    many files, in one process or on a cluster.
    """
    result = prepare(data, name, source_format=source_format)
    failure = strict_failure(result.diagnostics) if strict else ""
    if failure:
        raise ConversionError(f"{name}: {failure}")
    assert result.document is not None
    for request in requests:
        filename, payload = render(result.document, request, theme, Path(name).stem, target_lang)
        result.outputs[filename] = payload
    return result


def output_path(out_dir: Path, name: str) -> Path:
    """Return where output file ``name`` goes in ``out_dir``; raise ConversionError unless it stays inside.

    Names are made from validated parts; this is the last check before anything is written.
    """
    inside = out_dir / name
    if (not name or name in (".", "..") or "\0" in name or Path(name).name != name
            or inside.resolve().parent != out_dir.resolve()):
        raise ConversionError(f"refused to write {name!r}: not a file name inside the output folder {out_dir}")
    return inside


def write_atomic(path: Path, data: bytes | Callable[[BinaryIO], object]) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename;
    ``data`` is the bytes, or a function that writes them to the stream it is given.

    A failure or an interrupt leaves either the old file or the complete new one, never a part.
    Raises ConversionError, naming the file, when it cannot be written (no space, no permission).
    """
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with signals.deferred():  # until the clean-up below knows the temporary file's name
            handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        with os.fdopen(handle, "wb") as stream:
            if isinstance(data, bytes):
                stream.write(data)
            else:
                data(stream)
        os.chmod(temporary, 0o644)
        signals.check()  # a signal swallowed on the way here still leaves no file
        os.replace(temporary, path)
    except BaseException as exc:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except FileNotFoundError:
                pass
        if isinstance(exc, OSError):
            raise ConversionError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise
