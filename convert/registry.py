"""The writer registry: format name -> writer class, imported only when a format is asked for."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, Protocol

from .errors import ConversionError, UsageError

if TYPE_CHECKING:  # annotations only: the CLI imports this module before anything heavy
    from . import nodes
    from .theme import Theme

ENTRY_POINT_GROUP = "report_convert.writers"
#: Options of a whole conversion, offered to every writer; each takes those it lists in ``options``.
CONVERSION_OPTIONS = frozenset({"target_lang"})


class Writer(Protocol):
    """What every writer is: a name, a file extension, and Document + Theme -> bytes."""

    name: str
    extension: str  # with the dot, e.g. ".docx"; may be compound, e.g. ".12.xlf"
    # Optionally, ``options``: the names of the conversion options (CONVERSION_OPTIONS) it takes.

    def write(self, doc: nodes.Document, theme: Theme) -> bytes:
        """Return the document rendered in this writer's format."""
        ...


#: Built-in writers, in the order ``--all`` writes them. Imported lazily: a JSON run never
#: imports reportlab. Kept in step with the entry points in pyproject.toml.
BUILTIN: dict[str, str] = {
    "json": "convert.writers.json:JsonWriter",
    "docx": "convert.writers.docx:DocxWriter",
    "pdf": "convert.writers.pdf:PdfWriter",
    "epub": "convert.writers.epub:EpubWriter",
    "html": "convert.writers.pandoc:HtmlWriter",
    "xliff": "convert.writers.xliff:Xliff21Writer",
    "xliff12": "convert.writers.xliff:Xliff12Writer",
}


#: What ``--all`` writes, in order: every built-in writer.
ALL_FORMATS: tuple[str, ...] = tuple(BUILTIN)


@dataclass(frozen=True, slots=True)
class FormatRequest:
    """One output to write: a registered writer name, or a pandoc writer name when ``pandoc``."""

    name: str
    pandoc: bool = False
    #: Options for this writer alone, as (name, value) pairs (the XLIFF writers' ``prefill`` and ``memory``).
    options: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True, slots=True)
class WriterSpec:
    name: str
    target: str  # "module:Class"
    builtin: bool


def entry_points(group: str):
    """Return the installed entry points of ``group`` (importlib.metadata is loaded only here)."""
    from importlib.metadata import entry_points as installed

    return installed(group=group)


@cache
def available() -> dict[str, WriterSpec]:
    """Return every known writer by name: the built-ins, then third-party entry points (read once)."""
    table = {name: WriterSpec(name, target, True) for name, target in BUILTIN.items()}
    for point in entry_points(group=ENTRY_POINT_GROUP):
        known = table.get(point.name)
        if known is not None:
            if known.target != point.value:
                raise ConversionError(f"two writers are registered as {point.name!r}: "
                                      f"{known.target} and {point.value}")
            continue
        table[point.name] = WriterSpec(point.name, point.value, False)
    return table


def get_writer(name: str, **options: object) -> Writer:
    """Return a new writer for format ``name``; an unknown name fails listing the valid ones.

    A built-in name always means the built-in writer, found without reading the installed
    packages' entry points; another package claiming it is reported by ``available()``.
    """
    if name in BUILTIN:
        spec = WriterSpec(name, BUILTIN[name], True)
    else:
        table = available()
        spec = table.get(name)
        if spec is None:
            raise UsageError(f"unknown output format {name!r}; known formats: {', '.join(table)}")
    module_name, _, class_name = spec.target.partition(":")
    try:
        cls = getattr(import_module(module_name), class_name)
    except (ImportError, AttributeError) as exc:
        raise ConversionError(f"the {name!r} writer ({spec.target}) cannot be loaded: {exc}") from None
    # A writer names the conversion options it takes in ``options``; the others (and unset
    # ones) are not its business. Options given directly by name are passed on as they are.
    taken = getattr(cls, "options", ())
    return cls(**{key: value for key, value in options.items()
                  if key not in CONVERSION_OPTIONS or (key in taken and value is not None)})
