"""Sentences of real English found on the machine, for reports whose prose the templates did not write.

The report generator's own sentences (``specgen.Prose``) come from a few dozen templates; a
reader's rules could fit their shape without anyone noticing. ``make_corpus.py --prose found``
draws most of a report's sentences instead from text that people wrote: the licence texts a
Debian system keeps in ``/usr/share/common-licenses`` and the docstrings of Python's standard
library. The pool is cut into sentences with sentencex (as the project does) and keeps only
those that read as prose: a capital first, a full stop last, six to forty-five words, no
code, no addresses, no layout of their own (tabs, runs of spaces, bullets, leaders).
"""

from __future__ import annotations

import functools
import importlib
import inspect
import re
from pathlib import Path

LICENCES = Path("/usr/share/common-licenses")
#: Standard-library modules whose docstrings hold prose (few code samples in them).
MODULES = ("argparse", "asyncio", "calendar", "collections", "concurrent.futures", "configparser", "csv",
           "datetime", "decimal", "difflib", "email", "email.message", "email.policy", "fractions",
           "ftplib", "gettext", "heapq", "http.client", "http.cookiejar", "imaplib", "inspect",
           "ipaddress", "logging", "logging.handlers", "mailbox", "multiprocessing", "optparse",
           "pathlib", "pickle", "poplib", "random", "sched", "secrets", "selectors", "shelve", "shutil",
           "smtplib", "socket", "statistics", "string", "subprocess", "tarfile", "tempfile",
           "textwrap", "threading", "unittest", "urllib.request", "uuid",
           "wave", "weakref", "xml.dom.minidom", "zipfile", "zoneinfo")
WORDS = (6, 45)
#: A sentence that reads as prose: letters, digits and the punctuation of running text only.
PROSE = re.compile(r"[A-Z][\w ,;:'’\"“”()\-–.%/&]*\.")
CODE = re.compile(r"_|\(\)|\b(?:self|None|True|False|def|http|www|etc)\b|[a-z][A-Z]|\.\w+\(|\.\.|\s[.,;:]")


def _docstrings() -> list[str]:
    """Return the docstrings of ``MODULES`` and of their public classes, functions and methods."""
    texts: list[str] = []
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue  # a module this Python was built without
        texts.append(inspect.getdoc(module) or "")
        for member_name, member in sorted(vars(module).items()):
            if member_name.startswith("_") or getattr(member, "__module__", None) != module.__name__:
                continue
            texts.append(inspect.getdoc(member) or "")
            if inspect.isclass(member):
                texts += [inspect.getdoc(method) or "" for method_name, method in sorted(vars(member).items())
                          if not method_name.startswith("_") and callable(method)]
    return texts


def _licences() -> list[str]:
    """Return the licence texts, each once (some are links to others)."""
    if not LICENCES.is_dir():
        return []
    seen: dict[str, str] = {}
    for path in sorted(LICENCES.iterdir()):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            seen.setdefault(text, path.name)
    return list(seen)


def _paragraphs(text: str) -> list[str]:
    """Return the blank-line-separated paragraphs of ``text``, each on one line."""
    return [" ".join(part.split()) for part in re.split(r"\n\s*\n", text) if part.strip()]


@functools.lru_cache(maxsize=1)
def sentences() -> tuple[str, ...]:
    """Return the pool: every prose sentence found, once, in a fixed order."""
    from sentencex import segment

    found: dict[str, None] = {}
    for text in _licences() + _docstrings():
        for paragraph in _paragraphs(text):
            for sentence in segment("en", paragraph):
                sentence = sentence.strip()
                words = len(sentence.split())
                if WORDS[0] <= words <= WORDS[1] and PROSE.fullmatch(sentence) and not CODE.search(sentence) \
                        and sentence.count("(") == sentence.count(")") and sentence.count("\"") % 2 == 0:
                    found[sentence] = None
    return tuple(found)


if __name__ == "__main__":
    pool = sentences()
    print(len(pool), "sentences,", sum(len(s.split()) for s in pool), "words")
