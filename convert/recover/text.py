"""Text-level repairs: join hard-wrapped lines (undoing line-end hyphenation) and parse inline markup."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from .. import nodes as n
from ..charranges import CharRanges
from ..errors import Diagnostic
from .lexicon import joins_two_words, knows, layout_patterns

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
#: A capitalised word right after a lowercase one (Latin letters): a name inside a sentence. The
#: capital is looked for first, then what stands behind it (a search led by the look behind
#: tries it at every character: twice as slow).
_INNER_CAPITAL = re.compile(r"[A-Z\u00c0-\u00de](?<=[a-z\u00df-\u00ff] .)[^\W_]*")
#: A capitalised word right after a sentence's end, on its line or the next: a word that opens
#: sentences (found as above).
_OPENING_CAPITAL = re.compile(r"[A-Z\u00c0-\u00de](?<=[.!?][ \n].)[^\W_]*")
#: The hyphens a line can end in: the hyphen-minus, and U+2010, which some PDF engines hyphenate with.
LINE_END_HYPHENS = ("-", "\u2010")
_LEADING_FRAGMENT = re.compile(r"^([^\W\d_]+)", re.UNICODE)
#: Letters, then a hyphen-minus set apart by spaces, ending a line: LibreOffice's justified lines
#: give their hyphen so ("pro -" / "grammes"), as a dash would be typed.
_SPACED_HYPHEN_END = re.compile(r"(?<![\w-])((?:[^\W\d_]+-)*[^\W\d_]+) +-$", re.UNICODE)
#: A conjunction a hyphen is suspended before ("low- and high-level", "Vor- und Nachteile"): a
#: line that ends in a hyphen and goes on with one keeps it, and the space after it, where the
#: two written as one are no word ("oper-" / "and" is a word a layout broke).
_SUSPENDING = re.compile(r"(and|or|nor|und|oder)\s", re.UNICODE)
#: Two or three hyphen-minus right after a word, ending a line: a dash typed so, with no space
#: on either side ("packages--typically"), which a layout breaks a line after.
_UNSPACED_DASH_END = re.compile(r"\w-{2,3}$")
#: ... or a layout broke it between its hyphens: one ends a line, the next opens with the rest
#: and a word ("program-" / "-to").
_UNSPACED_DASH_START = re.compile(r"-{1,2}\w")
#: A hyphen-minus set apart by spaces inside a line: typed as a dash ("budgets - as the evaluation showed").
_SPACED_INNER_HYPHEN = re.compile(r"(?<=\S) +- +(?=\S)")
#: A U+2010 HYPHEN that does not end its line: the text's own hyphen, typed as U+2010.
_INNER_U2010 = re.compile("\u2010(?![ \t]*(?:\n|\\Z))")
#: Prefixes that form real hyphenated compounds ("self-defense", "non-permanent", "well-known"),
#: and begin few words a layout would break right after them.
_COMPOUND_PREFIXES = frozenset("self non anti cross well semi quasi multi all half full".split())
#: Prefixes that form compounds too ("co-operation", "long-term", "ex-combatants") but also begin
#: words a layout breaks right after them ("pro-tection", "sub-stantial", "under-standing",
#: "ex-plained"): the hyphen is kept only before a word the document writes alone.
_PREFIXES_OF_WORDS = frozenset(
    "co ex post pre pro counter over under sub inter intra mid long short high low one two three first second "
    "third".split())
#: A layout keeps words whole (breaks lines only at hyphens the text has) where at least this
#: many of its line-end hyphens are compounds the document writes elsewhere, and none breaks a word.
MIN_OWN_HYPHENS = 1
#: Lines searched for capitalised words inside sentences as one text, a line break between each
#: (no such word spans lines): one search for many lines, and a long PDF's text never held whole.
_LINES_SEARCHED_TOGETHER = 1024
#: Scripts written without spaces between words: CJK punctuation, kana, ideographs, full-width forms.
_CJK = CharRanges((0x3000, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF))


class Vocabulary:
    """The words of a whole document, to decide whether a line-end hyphen is part of a word."""

    def __init__(self, texts: Sequence[str], lang: str = "en") -> None:
        #: The language (a BCP 47 tag) whose word list decides a line-end hyphen the document cannot.
        self.lang = lang
        #: The texts of the document's lines whose words are not collected yet, searched one by
        #: one: joined, a long PDF's text would be megabytes more held all through recovery (no
        #: word spans two lines).
        self.texts = texts
        self.plain: set[str] = set()
        self.hyphenated: set[str] = set()
        #: The words written in lowercase somewhere (common words, as against names and acronyms).
        self.lowercase: set[str] = set()
        #: The words written with a capital right after a lowercase word (names and acronyms
        #: inside a sentence: "in Kumasi", "spent USD").
        self.inner_capitals: set[str] = set()
        #: The words written with a capital right after a sentence's end ("... 2015. However").
        self.opening_capitals: set[str] = set()
        #: Whether a line holds a hyphen-minus set apart by spaces, as a dash, other than at its end.
        self.spaced_hyphens = False
        self.built = False
        self._previous = ""  # the last text whose words were collected
        #: Whether any line holds U+2010 HYPHEN, and whether one holds it other than at its end;
        #: None until asked (see ``layout_hyphens``).
        self._u2010: tuple[bool, bool] | None = None
        #: The words broken at a line-end hyphen-minus: (the letters before it, those after).
        self.line_end_breaks: list[tuple[str, str]] = []
        self._whole: bool | None = None  # ``layout_keeps_words_whole``, once asked
        #: ``layout_break``'s test, once asked (False: the document does not show its layout's patterns).
        self._patterns: Callable[[str, str], bool] | bool | None = None

    @property
    def layout_hyphens(self) -> bool:
        """True when U+2010 HYPHEN ends lines and occurs nowhere else: the layout engine hyphenated
        with it (WeasyPrint and our own PDF writer do) while the text's own hyphens are
        hyphen-minus, so a line that ends in it ends in a word the layout broke."""
        if self._u2010 is None:
            self._u2010 = _u2010_uses(self.texts)
        typed, inside = self._u2010
        return typed and not inside

    def build(self) -> None:
        """Collect the words, the first time a line-end hyphen needs them (most texts have none,
        and a layout's own hyphens need none)."""
        self._collect(self.texts)
        self.built = True

    def add(self, texts: Sequence[str]) -> None:
        """Take in the texts of more of the document's lines, their words at once: a long PDF is
        recovered a window of pages at a time, and each window's lines are let go after it."""
        if not self.built:
            self.build()
        typed, inside = self._u2010 if self._u2010 is not None else _u2010_uses(self.texts)
        more_typed, more_inside = _u2010_uses(texts)
        self._u2010 = (typed or more_typed, inside or more_inside)
        self._collect(texts)
        self._whole = self._patterns = None
        self.texts = ()  # every word collected: no text is held

    def _collect(self, texts: Iterable[str]) -> None:
        """Collect the words of ``texts``. What starts a line that goes on with a word the line
        before broke (``breaks_word``; blank lines between, as pdfminer sets between its boxes)
        is left out: the word's rest ("tection"), no word of its own.

        A document repeats most of its words many times: its lines are split at spaces, and each
        different piece searched for words once (no word holds a space).
        """
        previous = self._previous
        found: set[str] = set()
        pieces: set[str] = set()
        inner: set[str] = set()
        lines: list[str] = []
        for text in texts:
            if breaks_word(previous, text):
                found.update(_WORD.findall(text)[1:])  # not its first: the rest of one broken at the line's end
                head, tail = _trailing_fragment(previous.rstrip()), _LEADING_FRAGMENT.match(text.strip())
                if head and tail and previous.rstrip().endswith("-"):
                    self.line_end_breaks.append((head, tail.group(1)))
            else:
                pieces.update(text.split())
            lines.append(text)
            if len(lines) == _LINES_SEARCHED_TOGETHER:
                self._find_capitals("\n".join(lines), inner)
                lines.clear()
            if text.strip():
                previous = text
        self._find_capitals("\n".join(lines), inner)
        self._previous = previous
        for piece in pieces:
            found.update(_WORD.findall(piece))
        # Each word once, lowered once.
        for word in {word.lower() for word in found}:
            (self.hyphenated if "-" in word else self.plain).add(word)
        self.lowercase.update(word for word in found if word[0].islower())
        self.inner_capitals.update(inner)

    def _find_capitals(self, text: str, inner: set[str]) -> None:
        """Collect the capitalised words of ``text`` that stand inside a sentence (into ``inner``)
        and those that open one."""
        inner.update(_INNER_CAPITAL.findall(text))
        self.opening_capitals.update(_OPENING_CAPITAL.findall(text))
        self.spaced_hyphens = self.spaced_hyphens or _SPACED_INNER_HYPHEN.search(text) is not None

    def writes_in_lowercase(self, word: str) -> bool:
        """Return True if the document writes ``word`` in lowercase somewhere: capitalised, it is
        a common word opening something (a sentence, an item), not a name or an acronym."""
        if not self.built:
            self.build()
        return word.lower() in self.lowercase

    def writes_inside_sentence(self, word: str) -> bool:
        """Return True if the document writes ``word``, capitalised, right after a lowercase word
        and never in lowercase: a name or an acronym, which a sentence can go on with."""
        if not self.built:
            self.build()
        return word in self.inner_capitals and word.lower() not in self.lowercase

    def only_opens_sentences(self, word: str) -> bool:
        """Return True if the document writes ``word``, capitalised, right after a sentence's end
        and never right after a lowercase word nor in lowercase ("However")."""
        if not self.built:
            self.build()
        return word in self.opening_capitals and word not in self.inner_capitals \
            and word.lower() not in self.lowercase

    def dashes_with_spaced_hyphens(self) -> bool:
        """Return True if the document sets a hyphen-minus apart by spaces inside a line, as a
        dash: one ending a line ("pro -") may then be a dash too."""
        if not self.built:
            self.build()
        return self.spaced_hyphens

    def writes_whole(self, head: str, tail: str) -> bool:
        """Return True if the document writes ``head`` and ``tail`` elsewhere as one word, or as its
        plural or singular (``head`` may be the first part of a compound: "early-warn")."""
        if not self.built:
            self.build()
        joined = (head + tail).lower()
        words = self.hyphenated if "-" in joined else self.plain
        return joined in words or joined + "s" in words or joined.endswith("s") and joined[:-1] in words

    def keep_hyphen(self, head: str, tail: str, hyphen: str = "-") -> bool | None:
        """Return True to keep ``head-tail`` hyphenated, False to join as one word, None if unsure.

        ``hyphen`` is the character that ended the line: a U+2010 the layout added is always removed.
        """
        if hyphen == "\u2010" and self.layout_hyphens:
            return False
        if not self.built:
            self.build()
        if f"{head}-{tail}".lower() in self.hyphenated:
            return True
        if self.writes_whole(head, tail):
            return False  # the word occurs elsewhere whole, or its plural or singular does
        if tail[:1].isupper() and not _in_capitals(head, tail):
            return True  # "Director-" / "General"
        prefix, listed = head.lower(), knows((head + tail).lower(), self.lang)
        if (prefix in _COMPOUND_PREFIXES or prefix in _PREFIXES_OF_WORDS and tail.lower() in self.plain
                and not (listed and self.layout_break(head, tail) is True)) \
                and not (knows(tail.lower(), self.lang) is False and listed):
            # Not a word of the language broken after it, its rest no word ("multi-" / "ple"); nor,
            # after a prefix that begins words too, a word of the language where the layout's
            # hyphenation patterns, shown by the document, break it ("under-" / "stand", though the
            # document writes "stand" alone).
            return True
        return True if hyphen == "-" and self.layout_keeps_words_whole else None

    def layout_break(self, head: str, tail: str) -> bool | None:
        """Return whether the layout's hyphenation patterns allow a break in ``head + tail`` after
        ``head``, or None when the document's line-end hyphens do not show which patterns
        hyphenated it (``lexicon.layout_patterns``: a word is one it writes elsewhere whole, or a
        word of its language)."""
        if self._patterns is None:
            if not self.built:
                self.build()
            self._patterns = layout_patterns(
                self.line_end_breaks, self.lang,
                lambda head, tail: self.writes_whole(head, tail) or knows((head + tail).lower(), self.lang) is True) \
                or False
        return None if self._patterns is False else self._patterns(head, tail)

    @property
    def layout_keeps_words_whole(self) -> bool:
        """True when the layout broke lines only at the text's own hyphens (hyphenation off): of
        the words broken at a line-end hyphen-minus, none is a word the document writes elsewhere
        whole, and at least ``MIN_OWN_HYPHENS`` are compounds it writes elsewhere with their
        hyphen, or none, joined, is a word of its language (a layout that hyphenates breaks the
        language's words: "imple-" / "mentation"; a compound's two parts are seldom one word:
        "big-" / "endian"). A line-end hyphen it cannot decide ("school-" / "feeding") is then a
        compound's too."""
        if self._whole is None:
            if not self.built:
                self.build()
            compounds = words = 0
            for head, tail in self.line_end_breaks:
                if self.writes_whole(head, tail):
                    self._whole = False
                    return False
                compounds += f"{head}-{tail}".lower() in self.hyphenated
                words += knows((head + tail).lower(), self.lang) is not False
            self._whole = compounds >= MIN_OWN_HYPHENS or bool(self.line_end_breaks) and not words
        return self._whole


def _u2010_uses(texts: Iterable[str]) -> tuple[bool, bool]:
    """Return whether any of ``texts`` holds U+2010 HYPHEN, and whether one holds it other than at its end."""
    typed = [text for text in texts if "\u2010" in text]
    return bool(typed), any(_INNER_U2010.search(text) for text in typed)


def _trailing_fragment(text: str) -> str:
    """Return the letters that end ``text`` before a line-end hyphen ("Director" of "Director-"),
    or "" when it ends otherwise.

    They are counted back from the hyphen, in a window that doubles while they fill it: the text
    can be a whole paragraph, growing line by line, and searching all of it for every line made
    joining a paragraph quadratic in its length.
    """
    if not text.endswith(LINE_END_HYPHENS):
        return ""
    window = 64
    while True:
        start = max(0, len(text) - 1 - window)
        letters = _LEADING_FRAGMENT.match(text[start:-1][::-1])
        if letters is None:
            return ""
        if letters.end() < len(text) - 1 - start or start == 0:
            return letters.group(1)[::-1]
        window *= 2


def breaks_word(previous: str, line: str) -> bool:
    """Return True if ``line`` goes on with a word that ``previous`` broke at its end ("Govern-" /
    "ment", or in capitals "GOVERN-" / "MENT")."""
    previous = previous.rstrip()
    if not (previous.endswith(LINE_END_HYPHENS) and previous[-2:-1].isalpha()):
        return False
    line = line.strip()
    if line[:1].islower():
        return True
    tail = _LEADING_FRAGMENT.match(line)
    return tail is not None and _in_capitals(_trailing_fragment(previous), tail.group(1))


def _in_capitals(head: str, tail: str) -> bool:
    """Return True if the letters before a line-end hyphen and those after it are both in
    capitals, two or more of each: a word set in capitals, whose second piece's capital says
    nothing of a name."""
    return len(head) > 1 and len(tail) > 1 and head.isupper() and tail.isupper()


def join_wrapped(text: str, line: str) -> str:
    """Return ``text`` and the next line of a wrapped title as one, quickly: a word broken at the
    line's end is made whole, without ``join_lines``'s look at how the document spells it."""
    line = line.strip()
    return text.rstrip()[:-1] + line if breaks_word(text, line) else f"{text.strip()} {line}".strip()


def join_wrapped_lines(texts: Iterable[str]) -> str:
    """Return the lines of a wrapped title as one (``join_wrapped``, line after line)."""
    text = ""
    for line in texts:
        text = join_wrapped(text, line)
    return text


#: A line that ends in a dotted name broken right after its dot ("re.-" / "Match", "email.utils.-"
#: / "parseaddr"): LibreOffice hyphenates inside such names; a sentence's end is never followed by
#: a hyphen so. Not after an initial ("U.S.-" / "Mexico" is a compound).
_DOTTED_NAME_BROKEN = re.compile(r"[^\W\d_]\w\.[-\u2010]$")
#: A line that opens with a dot and a name's next part (".symlink"): the rest of a dotted name
#: broken right before its dot.
_DOT_AND_NAME = re.compile(r"\.[^\W\d_]")


def join_lines(lines: Iterable[str], vocabulary: Vocabulary, first_line: int = 0,
               diagnostics: list[Diagnostic] | None = None) -> str:
    """Return hard-wrapped ``lines`` as one line, removing hyphens that only broke a word.

    A hyphen is kept where the document spells the compound with it elsewhere, where the next
    part is capitalised ("Director-" / "General"), or where it follows a compound prefix ("self-"),
    or a prefix that also begins words ("co-", "pro-") before a word the document writes alone
    ("co-" / "operation", not "Pro-" / "tection"), unless the rest is no word of the language
    and the two joined are one ("multi-" / "ple", "ex-" / "actly");
    it is removed where the joined word occurs elsewhere. Otherwise (with a warning) it is kept
    where the layout's hyphenation patterns, as the document's other line-end hyphens show them,
    allow no break there ("re-" / "written": ``Vocabulary.layout_break``), or where both parts
    are words of the document's language and joined they are none ("early-" / "warning"), and
    removed where not.
    A hyphen set apart by a space at a line's end ("pro -" / "grammes", as LibreOffice's justified
    lines give it) is such a line-end hyphen where the document writes the two parts elsewhere as
    one word (or as that compound), or where the next line goes on in lowercase and the two parts
    are one word of the language or not two ("found -" / "that", "transfers -" / "a" are dashes;
    "repre -" / "senting", "persis -" / "tent" are words broken), or, for a language with no word
    list, where the document sets no hyphen-minus apart inside a line, as a dash; otherwise it is
    a dash.
    A hyphen before a conjunction on the next line is suspended and keeps its space ("low-" /
    "and high-level"), where the two written as one are no word of the document or its
    language. A line that ends in a hyphen after a figure, or in a slash, goes on with no space
    ("1990-" / "1993", "5-" / "tuples", "and/" / "or"), as does one that ends in a dash typed as
    two or three hyphens right after a word ("packages--" / "typically"), or that such a dash was
    broken in ("program-" / "-to"). CJK lines are joined without a space.
    """
    out = ""
    for offset, line in enumerate(lines):
        line = line.strip()
        if not out:
            out = line
            continue
        tail = _LEADING_FRAGMENT.match(line)
        if tail and out.endswith(" -") and (spaced := _SPACED_HYPHEN_END.search(out, max(0, len(out) - 64))):
            head, rest = spaced.group(1), tail.group(1)
            listed = knows((head + rest).lower(), vocabulary.lang)  # None: no word list for the language
            if vocabulary.writes_whole(head, rest) or f"{head}-{rest}".lower() in vocabulary.hyphenated \
                    or line[:1].islower() and (
                        not vocabulary.dashes_with_spaced_hyphens() if listed is None
                        else listed or not (knows(head.lower(), vocabulary.lang) and knows(rest, vocabulary.lang))):
                out = f"{out[:spaced.start()]}{head}-"  # a line-end hyphen, set apart by justification
        head = _trailing_fragment(out)
        if head and out.endswith("-") and (conjunction := _SUSPENDING.match(line)) \
                and not vocabulary.writes_whole(head, conjunction.group(1)) \
                and not knows((head + conjunction.group(1)).lower(), vocabulary.lang):
            out += " " + line  # "low-" / "and high-level": a hyphen suspended before a conjunction
        elif head and tail and not out.endswith("--"):
            keep = vocabulary.keep_hyphen(head, tail.group(1), out[-1])
            if keep is None:
                own = vocabulary.layout_break(head, tail.group(1)) is False
                keep = own or joins_two_words(head, tail.group(1), vocabulary.lang)
                if diagnostics is not None:
                    diagnostics.append(Diagnostic(
                        first_line + offset - 1 if first_line else 0, "dehyphenated",
                        f"kept '{head}-' + '{tail.group(1)}' as '{head}-{tail.group(1)}' (the layout's "
                        "hyphenation allows no break there; no other spelling in the document)" if own else
                        f"kept '{head}-' + '{tail.group(1)}' as '{head}-{tail.group(1)}' (both words of the "
                        f"language, '{head}{tail.group(1)}' none; no other spelling in the document)" if keep else
                        f"joined '{head}-' + '{tail.group(1)}' as "
                        f"'{head}{tail.group(1)}' (no other spelling in the document)"))
            out = out + line if keep else out[:-1] + line
        elif out.endswith((*LINE_END_HYPHENS, "/")) and out[-2:-1].isalnum() and line[:1].isalnum():
            out += line  # "1990-" + "1993", "5-" + "tuples", "and/" + "or": broken after a hyphen or a slash
        elif _UNSPACED_DASH_END.search(out, max(0, len(out) - 8)) and line[:1].isalnum() \
                or out.endswith("-") and out[-2:-1].isalnum() and _UNSPACED_DASH_START.match(line):
            out += line  # "packages--" + "typically", "program-" + "-to": a dash typed as hyphens, no space
        elif _DOTTED_NAME_BROKEN.search(out, max(0, len(out) - 8)) and line[:1].isalpha() \
                or out.endswith(LINE_END_HYPHENS) and out[-2:-1].isalpha() and _DOT_AND_NAME.match(line):
            out = out[:-1] + line  # "re.-" + "Match", "os-" + ".symlink": a dotted name broken at its dot
        elif out[-1] in _CJK and line[0] in _CJK:
            out += line
        else:
            out += " " + line
    return out


# --- inline markup ---------------------------------------------------------------

# Spans are bounded so that a long line full of unmatched markers is scanned in linear time.
_STRONG = re.compile(r"\*\*(?=\S)(.{1,2000}?)(?<=\S)\*\*", re.DOTALL)
_EMPH = re.compile(r"(?<![\w*])([*_])(?=[^\s*_])(.{1,500}?)(?<=[^\s*_])\1(?![\w*])", re.DOTALL)


def _emph(text: str) -> list[n.Inline]:
    out: list[n.Inline] = []
    position = 0
    for match in _EMPH.finditer(text):
        if match.start() > position:
            out.append(n.Text(text[position:match.start()]))
        out.append(n.Emph((n.Text(match.group(2)),)))
        position = match.end()
    if position < len(text):
        out.append(n.Text(text[position:]))
    return out


def parse_inlines(text: str) -> tuple[n.Inline, ...]:
    """Return the inlines of ``text``: ``**strong**``, ``*emph*`` / ``_emph_``, the rest plain text.

    Unmatched markers stay as literal text, so no character of the source is lost by accident.
    """
    if "*" not in text and "_" not in text:
        return (n.Text(text),) if text else ()
    out: list[n.Inline] = []
    position = 0
    for match in _STRONG.finditer(text):
        if match.start() > position:
            out.extend(_emph(text[position:match.start()]))
        out.append(n.Strong(tuple(_emph(match.group(1)))))
        position = match.end()
    if position < len(text):
        out.extend(_emph(text[position:]))
    return tuple(out)


#: A piece of source text and the (bold, italic) of each of its characters (None: not told).
Styled = tuple[str, list[tuple[bool, bool] | None]]
_PLAIN = (False, False)


def styled_inlines(text: str, pieces: list[Styled]) -> tuple[n.Inline, ...]:
    """Return the inlines of ``text``, which ``join_lines`` made of ``pieces`` whose characters'
    type the source told: runs set bold become ``strong``, italic ``emph``; no markup is read.

    ``join_lines`` only strips lines, drops a hyphen that broke a word and puts a space (or
    nothing) where lines meet, so walking both texts side by side gives every character its
    type; a space put in between two runs of one type takes that type.
    """
    chars = [(char, style) for piece, styles in pieces for char, style in zip(piece, styles)]
    found: list[tuple[bool, bool] | None] = []
    source = 0
    for char in text:
        while source < len(chars) and chars[source][0] != char \
                and (chars[source][0].isspace() or chars[source][0] in LINE_END_HYPHENS):
            source += 1
        if source < len(chars) and chars[source][0] == char:
            found.append(chars[source][1] or _PLAIN)
            source += 1
        else:
            found.append(None)
    styles = [style or _PLAIN for style in found]
    for index, char in enumerate(text):  # spaces between two runs of one type are of that type
        if char.isspace() and 0 < index < len(text) - 1 and styles[index - 1] == styles[index + 1]:
            styles[index] = styles[index - 1]
    out: list[n.Inline] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index < len(text) and styles[index] == styles[start]:
            continue
        out.extend(_styled_run(text[start:index], styles[start]))
        start = index
    return _merge_text(out)


def _styled_run(text: str, style: tuple[bool, bool]) -> list[n.Inline]:
    """Return the inlines of one run of ``text`` in one type; spaces at its edges stay plain."""
    if style == _PLAIN or not text.strip():
        return [n.Text(text)]
    core = text.strip()
    lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    node: n.Inline = n.Text(core)
    if style[1]:
        node = n.Emph((node,))
    if style[0]:
        node = n.Strong((node,))
    return [*([n.Text(lead)] if lead else []), node, *([n.Text(trail)] if trail else [])]


def _merge_text(inlines: list[n.Inline]) -> tuple[n.Inline, ...]:
    """Return ``inlines`` with neighbouring plain texts made one."""
    out: list[n.Inline] = []
    for inline in inlines:
        if out and isinstance(inline, n.Text) and isinstance(out[-1], n.Text):
            out[-1] = n.Text(out[-1].text + inline.text)
        elif not (isinstance(inline, n.Text) and not inline.text):
            out.append(inline)
    return tuple(out)


def strip_markup(text: str) -> str:
    """Return ``text`` without inline markup markers (for metadata fields such as the title)."""
    return n.plain_text(parse_inlines(text))
