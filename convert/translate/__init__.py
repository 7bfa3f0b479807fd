"""Translations back in: pseudo-translate an XLIFF, merge a translated XLIFF into its source document."""

from .merge import merge
from .pseudo import pseudo_translate

__all__ = ["merge", "pseudo_translate"]
