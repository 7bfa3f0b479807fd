"""Language tags from outside (the command line, translated XLIFF files): parsed as BCP 47, normalised.

A tag becomes part of output file names (``<stem>.<lang>.docx``) and of the outputs
themselves (``<html lang=...>``, the PDF's ``/Lang``, the EPUB's ``dc:language``), so only a
well-formed, registered tag in its canonical form ever goes further: ``ja_JP`` becomes
``ja-JP``, ``EN`` becomes ``en``, ``de" onload="...`` or ``x/../../tmp`` are refused.
"""

from __future__ import annotations

import re

from .errors import ConversionError

#: The longest tag accepted. RFC 5646 (section 4.4.1) sizes buffers for tags at 35
#: characters; CAT tools write tags of 2 to 10 ("ja", "zh-Hant-TW").
MAX_LANGUAGE_TAG_CHARS = 35
# What a canonical tag may hold, checked once more before it is used: it is part of file names.
_SAFE_TAG = re.compile(r"[A-Za-z0-9]{1,8}(?:-[A-Za-z0-9]{1,8})*")
# The private-use primary language subtags of BCP 47.
_PRIVATE_USE = re.compile(r"q[a-t][a-z]")


class LanguageTagError(ConversionError):
    """A language tag is not valid BCP 47; the message says why, without naming its source."""


def language_tag(value: str) -> str:
    """Return the canonical BCP 47 form of ``value`` ("ja_JP" -> "ja-JP"); raise LanguageTagError if invalid.

    Underscores (as in POSIX locales) count as hyphens; case and deprecated subtags are
    normalised by ``langcodes``. A tag must be well-formed and made of registered subtags,
    except after a private-use language (``qaa``-``qtz``), whose subtags are its user's own
    convention (the pseudo-locale ``qps-ploc``).
    """
    import langcodes  # imported only when a tag comes from outside: 40 ms of start-up otherwise

    shown = repr(value if len(value) <= 60 else value[:60] + "...")
    if not value.strip():
        raise LanguageTagError("the language tag is empty")
    if len(value) > MAX_LANGUAGE_TAG_CHARS:
        raise LanguageTagError(f"the language tag {shown} is {len(value):,} characters long; "
                               f"the limit is {MAX_LANGUAGE_TAG_CHARS}")
    try:
        tag = langcodes.standardize_tag(value.replace("_", "-"))
    except ValueError:  # langcodes' LanguageTagError is one
        raise LanguageTagError(f"{shown} is not a language tag (BCP 47, e.g. 'en', 'ja', 'pt-BR')") from None
    if not _SAFE_TAG.fullmatch(tag):
        raise LanguageTagError(f"{shown} is not a language tag (BCP 47, e.g. 'en', 'ja', 'pt-BR')")
    if not (langcodes.tag_is_valid(tag) or _PRIVATE_USE.fullmatch(tag.split("-")[0].lower())):
        raise LanguageTagError(f"{shown} is not a registered language tag (BCP 47, e.g. 'en', 'ja', 'pt-BR')")
    return tag
