"""Translations back in: pseudo-translate an XLIFF, merge a translated XLIFF into its source document."""

from .merge import merge, merge_xliff
from .pseudo import pseudo_translate
from .xliff_read import languages, read_xliff

__all__ = ["languages", "merge", "merge_xliff", "pseudo_translate", "read_xliff"]
