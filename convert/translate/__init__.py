"""Translations back in: pseudo-translate an XLIFF, merge a translated XLIFF into its source document."""

from .merge import merge
from .pseudo import pseudo_translate
from .xliff_read import languages

__all__ = ["languages", "merge", "pseudo_translate"]
