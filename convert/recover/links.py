"""URLs and e-mail addresses written out in the text, made links.

A report's text shows ``https://undocs.org/A/70/95``, ``www.example.org/report`` or
``info@example.org``; every output should let the reader follow them. linkify-it-py (the
port of linkify-it that markdown-it-py uses) finds them, trailing punctuation and
brackets handled. Without a scheme it also matches any two words joined by a dot whose
last is a country code ("Mr.Li", "etc.de", "Y.to", a missing space), so such a match is
kept only when it cannot be that: it starts with ``www.``, has a path, has three or more
labels (``jica.go.jp``) or ends in a generic top-level domain (``example.org``). What is
kept must be an http, https or mailto link (``nodes.is_link_target``): ``ftp:``,
``javascript:`` and the like stay text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from .. import nodes as n

#: Generic top-level domains a scheme-less address may end in and still be a link.
_GENERIC_TLDS = frozenset({"org", "com", "net", "gov", "edu", "int", "info", "biz", "museum", "aero", "coop"})
#: Longer text is left as it is (a pasted data dump, not a sentence).
_MAX_TEXT = 100_000
#: What any link linkify finds has: a scheme, "www.", an "@", or a dot between a word and two
#: letters ("x.org"). Prose mostly has none, and linkify's own test costs a millisecond a
#: paragraph: this one is asked first.
_DOTTED = re.compile(r"\.[A-Za-z]{2}")  # a literal first: the scan for it is quick


def _may_hold_link(text: str) -> bool:
    if "://" in text or "@" in text or "www." in text:
        return True
    if _DOTTED.search(text) is None:  # most paragraphs: no dot before two letters at all
        return False
    return any(match.start() and (text[match.start() - 1].isalnum() or text[match.start() - 1] == "-")
               for match in _DOTTED.finditer(text))


@lru_cache(maxsize=1)
def _linkify():
    from linkify_it import LinkifyIt

    return LinkifyIt(options={"fuzzy_ip": False})


def _kept(schema: str, raw: str, url: str) -> str | None:
    """Return the link target for a match, or None when it stays text."""
    if not schema:  # no scheme written: "www.x.org/y", "jica.go.jp", "Mr.Li"
        host, _, path = raw.partition("/")
        labels = host.lower().split(".")
        if not (labels[0] == "www" or path or len(labels) >= 3 or labels[-1] in _GENERIC_TLDS):
            return None
    return url if n.is_link_target(url) else None


def find_links(text: str) -> list[tuple[int, int, str]]:
    """Return the (start, end, target) of each URL or e-mail address in ``text``."""
    if len(text) > _MAX_TEXT or not _may_hold_link(text) or not _linkify().test(text):
        return []
    found = []
    for match in _linkify().match(text) or ():
        target = _kept(match.schema, match.raw, match.url)
        if target is not None:
            found.append((match.index, match.last_index, target))
    return found


def parse_linked(text: str, parse: Callable[[str], tuple[n.Inline, ...]]) -> tuple[n.Inline, ...]:
    """Return ``parse(text)`` (inline markup read from the text) with its URLs and e-mail addresses
    as links, found before the markup is read: the ``_`` of ``https://x.org/a_b_c`` is no emphasis.
    A link inside ``**...**`` stays inside the strong."""
    links = find_links(text)
    if not links:
        return parse(text)
    # Each link stands in as one character the text does not hold while the markup is read.
    stand_in = next(chr(code) for code in range(0xE000, 0xF900) if chr(code) not in text)
    masked = "".join(part for i, (start, end, _) in enumerate(links)
                     for part in (text[links[i - 1][1] if i else 0:start], stand_in)) + text[links[-1][1]:]
    found = iter([n.Link((n.Text(text[start:end]),), target) for start, end, target in links])

    def restore(inlines: tuple[n.Inline, ...]) -> tuple[n.Inline, ...]:
        out: list[n.Inline] = []
        for inline in inlines:
            if isinstance(inline, n.Text) and stand_in in inline.text:
                for i, piece in enumerate(inline.text.split(stand_in)):
                    if i:
                        out.append(next(found))
                    if piece:
                        out.append(n.Text(piece))
            elif isinstance(inline, (n.Strong, n.Emph)):
                out.append(type(inline)(restore(inline.inlines)))
            else:
                out.append(inline)
        return tuple(out)

    return restore(parse(masked))


def link_inlines(inlines: tuple[n.Inline, ...]) -> tuple[n.Inline, ...]:
    """Return ``inlines`` with the URLs and e-mail addresses in their text made ``Link`` nodes
    (inside strong and emphasis too; never inside a link)."""
    out: list[n.Inline] = []
    changed = False
    for inline in inlines:
        if isinstance(inline, n.Text):
            links = find_links(inline.text)
            if not links:
                out.append(inline)
                continue
            changed = True
            position = 0
            for start, end, target in links:
                if start > position:
                    out.append(n.Text(inline.text[position:start]))
                out.append(n.Link((n.Text(inline.text[start:end]),), target))
                position = end
            if position < len(inline.text):
                out.append(n.Text(inline.text[position:]))
        elif isinstance(inline, (n.Strong, n.Emph)):
            inner = link_inlines(inline.inlines)
            changed = changed or inner is not inline.inlines
            out.append(type(inline)(inner) if inner is not inline.inlines else inline)
        else:
            out.append(inline)
    return tuple(out) if changed else inlines
