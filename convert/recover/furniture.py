"""Page furniture: the page numbers, running headers and footers a PDF-to-text dump repeats.

Evidence, strongest first: a line in the top or bottom band of its page (pages are known
where the dump has form feeds) that recurs in the same band of other pages, the page numbers
("12", "Page 3", "Page 3 of 9", "3/9", "- 12 -") there; without form feeds, lines that recur
through the text (digits folded, so "Page 3" and "Page 4" are one line) standing apart from the
text or next to a page number. Lines that read as structure (headings, speakers) are never
taken for furniture.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..errors import Diagnostic
from ..lines import Dropped, Line
from .patterns import CONTENTS_HEADING, continues_phrase, ends_sentence, opens_in_lowercase
from .text import breaks_word


@dataclass(frozen=True, slots=True)
class FurnitureParams:
    """The thresholds of furniture detection, each a count of lines or pages."""

    #: How many non-blank lines at the top and at the bottom of a page can be furniture.
    band: int = 3
    #: A line recurring in the bands of at least this share of the pages is a running header
    #: (and of at least two pages).
    page_share: float = 0.3
    #: Without page breaks, a line recurring this many times is a running header.
    repeats: int = 3
    #: Furniture is short: a running header or footer is at most this many characters.
    max_chars: int = 100
    #: Without page breaks, how many lines around a page number a running header can stand.
    reach: int = 4

    def __post_init__(self) -> None:
        if self.band < 1 or not 0 < self.page_share <= 1 or self.repeats < 2 or self.reach < 1:
            raise ValueError(f"invalid furniture parameters: {self!r}")


PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*\d{1,4}\s*[-–—]"  # - 12 -
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"  # Page 3, Page 3 of 10, p. 4
    r"|\d{1,4}\s*(?:/|of)\s*\d{1,4}"  # 3/10, 3 of 10
    r"|\d{1,4}"  # 12
    r"|[ivxlc]{1,6})\s*$",  # roman page numbers
    re.IGNORECASE,
)
#: A page number no running text is mistaken for: "Page 3", "Page 3 of 9", "- 12 -".
_EXPLICIT_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*\d{1,4}\s*[-–—]|page\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)\s*$",
                                   re.IGNORECASE)
_DIGITS = re.compile(r"\d+")


def fold(text: str) -> str:
    """Return ``text`` as furniture is compared: spaces collapsed, digits folded, case ignored."""
    return _DIGITS.sub("#", " ".join(text.split())).lower()


class Folded:
    """Texts folded (``fold``), and whether a text as written is one of them: its first word is
    asked first, as folding a whole line costs and most lines start as none of them does."""

    def __init__(self, folded: Iterable[str]) -> None:
        self.texts = frozenset(folded)
        self.first_words = frozenset(text.split()[0] for text in self.texts if text.split())

    def __bool__(self) -> bool:
        return bool(self.texts)

    def may_start(self, word: str) -> bool:
        """Return True if one of the texts starts with ``word`` (as written)."""
        return fold(word) in self.first_words

    def begins_one(self, text: str) -> bool:
        """Return True if one of the texts begins with ``text`` (as written), whole words."""
        folded = fold(text)
        return any(whole == folded or whole.startswith(folded + " ") for whole in self.texts)

    def __contains__(self, text: str) -> bool:
        words = text.split(None, 1)
        return (not words or self.may_start(words[0])) and fold(text) in self.texts


def _pages(lines: list[Line]) -> dict[int, list[int]]:
    """Return page -> the indexes of its non-blank lines."""
    by_page: dict[int, list[int]] = {}
    for index, line in enumerate(lines):
        if line.text:
            by_page.setdefault(line.page, []).append(index)
    return by_page


def _bands(by_page: dict[int, list[int]], band: int) -> dict[int, str]:
    """Return index -> 'top' or 'bottom' for the first and last ``band`` non-blank lines of each page."""
    where: dict[int, str] = {}
    for indexes in by_page.values():
        for index in indexes[-band:]:
            where[index] = "bottom"
        for index in indexes[:band]:
            where[index] = "top"
    return where


def _isolated(lines: list[Line], index: int) -> bool:
    """Return True if the line at ``index`` stands alone between blank lines (or the text's ends)."""
    before = index == 0 or not lines[index - 1].text
    after = index == len(lines) - 1 or not lines[index + 1].text
    return before and after


_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


def _may_be_header(text: str, protect: Callable[[str], bool]) -> bool:
    """Return True if ``text`` can be a running header: it has a letter (a lone "2." is a list
    marker, not a header), reads as no structure (a heading, a speaker) and introduces nothing
    (ends in no colon: "The discussion identified several concerns:" may open list after list,
    page after page, and is text)."""
    return bool(_LETTER.search(text)) and not text.rstrip().endswith(":") and not protect(text)


def _continues_sentence(lines: list[Line], index: int) -> bool:
    """Return True if the line at ``index`` goes on with the sentence of the line before it: the
    source shows the line before (no blank between) wrapped into it (a PDF's geometry), or it
    starts in lowercase and the line before ends in no sentence's end, or it ends a sentence
    that the line before left unended, and starts with no capital ("between" / "2003 and
    2015."; a running header after a page's last line would start with one).
    Running text, however often its words recur ("and 2013.", "5,100 to 7,750 after 2015."),
    is no header."""
    if index == 0 or not lines[index - 1].text:
        return False
    if lines[index].wraps:
        return True
    text, previous = lines[index].text.strip(), lines[index - 1].text
    if text[:1].islower() and not ends_sentence(previous):
        return True
    return not text[:1].isupper() and ends_sentence(text) and not ends_sentence(previous)


def _goes_on(lines: list[Line], index: int) -> bool:
    """Return True if the line at ``index`` stops mid-phrase (on a connecting word, a comma, a
    colon or a dash) and the next line, on its page, goes on with it: the middle line of a long
    heading that two headings share ("... Adaptation:" / "Evidence, Institutions and the Long
    Road to" / "Implementation"), however often it recurs, is no running header."""
    following = lines[index + 1] if index + 1 < len(lines) else None
    return following is not None and bool(following.text) and following.page == lines[index].page \
        and continues_phrase(lines[index].text.strip())


def _in_running_text(lines: list[Line], index: int) -> bool:
    """Return True if the line at ``index`` is running text wherever it recurs: it goes on with
    the sentence before it (``_continues_sentence``) or stops mid-phrase into the next (``_goes_on``)."""
    return _continues_sentence(lines, index) or _goes_on(lines, index)


def find_furniture(lines: list[Line], protect: Callable[[str], bool],
                   params: FurnitureParams = FurnitureParams()) -> dict[int, str]:
    """Return index -> reason ('page-number' or 'running-header') for the furniture in ``lines``."""
    pages = len({line.page for line in lines if line.text})
    if pages >= 2:
        return _paged_furniture(lines, protect, params, pages)
    return _unpaged_furniture(lines, protect, params)


def _paged_furniture(lines: list[Line], protect: Callable[[str], bool], params: FurnitureParams,
                     pages: int) -> dict[int, str]:
    """Return the furniture of a dump with page breaks: what recurs in the bands of its pages."""
    # Each short line of a band, under its key: which band, and its text folded.
    by_page = _pages(lines)
    # The first and last non-blank line of each page: a bare number there is its page number.
    edges = {index for indexes in by_page.values() for index in (indexes[0], indexes[-1])}
    keys = {index: (where, fold(lines[index].text)) for index, where in _bands(by_page, params.band).items()
            if len(lines[index].text.strip()) <= params.max_chars}
    pages_with: dict[tuple[str, str], set[int]] = {}
    for index, key in keys.items():
        pages_with.setdefault(key, set()).add(lines[index].page)
    needed = max(2, round(params.page_share * pages))
    first_page = min(line.page for line in lines if line.text)
    # The running header recurring on the most pages of each band: a line that recurs on under
    # half as many (a heading at a page's top and its contents entry) is no header beside it.
    most: dict[str, int] = {}
    for (where, folded), on in pages_with.items():
        if _LETTER.search(folded) and not PAGE_NUMBER.match(folded):
            most[where] = max(most.get(where, 0), len(on))
    # A line on two pages, on one of them under a "Contents" line, is a heading and its entry.
    listed = {keys[index] for index in _under_contents(lines, by_page) if index in keys}
    found: dict[int, str] = {}
    for index, key in keys.items():
        text = lines[index].text
        recurring = len(pages_with[key]) >= needed and not (len(pages_with[key]) == 2 and key in listed)
        if PAGE_NUMBER.match(text) and (recurring or _EXPLICIT_PAGE_NUMBER.match(text) or _isolated(lines, index)
                                        or index in edges):
            found[index] = "page-number"
        elif recurring and 2 * len(pages_with[key]) >= most.get(key[0], 0) \
                and _may_be_header(text, protect) and lines[index].page != first_page \
                and not _in_running_text(lines, index):
            # The first page is the title page: the report's title recurs as the running
            # header of the others, and is kept where it is the title.
            found[index] = "running-header"
    found.update(_numbers_set_apart(lines, keys, pages_with, needed, found))
    found.update(_headers_set_apart(lines, protect, params, needed, first_page, found))
    return found


def _under_contents(lines: list[Line], by_page: dict[int, list[int]]) -> set[int]:
    """Return the indexes of the lines that follow a "Contents" line on its page."""
    under: set[int] = set()
    for indexes in by_page.values():
        at = next((place for place, index in enumerate(indexes) if CONTENTS_HEADING.match(lines[index].text)), None)
        if at is not None:
            under.update(indexes[at + 1:])
    return under


def _numbers_set_apart(lines: list[Line], keys: dict[int, tuple[str, str]],
                       pages_with: dict[tuple[str, str], set[int]], needed: int,
                       found: dict[int, str]) -> dict[int, str]:
    """Return index -> 'page-number' for the page numbers an extractor printed inside their pages.

    An extractor that follows the order a page was drawn in (raw ``pdftotext``) can give the
    footer before the page's last lines. An explicit page number ("Page 5 of 7", "- 5 -")
    standing alone between blank lines outside its page's bands is one where the same form
    (digits folded) is a page number in the bands of at least ``needed`` pages.
    """
    forms = {folded for (_, folded), on in pages_with.items()
             if len(on) >= needed and _EXPLICIT_PAGE_NUMBER.match(folded.replace("#", "0"))}
    if not forms:
        return {}
    return {index: "page-number" for index, line in enumerate(lines)
            if line.text and index not in keys and index not in found and _EXPLICIT_PAGE_NUMBER.match(line.text)
            and _isolated(lines, index) and fold(line.text) in forms}


def _headers_set_apart(lines: list[Line], protect: Callable[[str], bool], params: FurnitureParams,
                       needed: int, first_page: int, found: dict[int, str]) -> dict[int, str]:
    """Return index -> 'running-header' for the headers an extractor printed inside their pages.

    An extractor that reads a page as boxes (pdfminer) can give the header's box between the
    columns' text, out of the page's bands. Such a copy stands alone between blank lines: a
    short line, ending no sentence, that stands so on at least ``needed`` pages (in their bands
    or not) and at least three, once a page, is a running header wherever it stands. (Twice is
    a heading and its contents entry.)
    """
    alone: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        text = line.text.strip()
        if (text and found.get(index) != "page-number" and line.page != first_page and len(text) <= params.max_chars
                and _isolated(lines, index) and not ends_sentence(text) and not line.wraps):
            alone.setdefault(fold(text), []).append(index)
    headers: dict[int, str] = {}
    for indexes in alone.values():
        pages = {lines[index].page for index in indexes}
        if len(pages) >= max(needed, 3) and len(pages) == len(indexes) \
                and _may_be_header(lines[indexes[0]].text, protect):
            headers.update((index, "running-header") for index in indexes if index not in found)
    return headers


def _unpaged_furniture(lines: list[Line], protect: Callable[[str], bool],
                       params: FurnitureParams) -> dict[int, str]:
    """Return the furniture of a dump without page breaks: recurring lines anchored at page ends.

    A page number is an explicit one ("Page 3 of 9"), or a bare number standing alone or
    ending the text. A running header recurs: at least ``params.repeats`` of its copies (two,
    if a page number is close by) are anchored, standing alone, near a page number, or next
    to a bare number, as some extractors print a page's number and the next page's header
    on lines of their own with no blank line around them. A line that goes on with the sentence
    before it (``_continues_sentence``) or stops mid-phrase into the next (``_goes_on``: a narrow
    column's "Between 1999 and 2007,") is text, however often it recurs near a page number. The
    bare numbers next to a running header are then its page numbers.
    """
    found: dict[int, str] = {}
    last = max((i for i, line in enumerate(lines) if line.text), default=-1)
    for index, line in enumerate(lines):
        if line.text and PAGE_NUMBER.match(line.text) and (
                _isolated(lines, index) or _EXPLICIT_PAGE_NUMBER.match(line.text) or index == last):
            found[index] = "page-number"
    near_page_number: set[int] = set()
    for index in found:
        near_page_number.update(range(index - params.reach, index + params.reach + 1))

    def next_to_number(index: int) -> bool:
        return any(0 <= j < len(lines) and lines[j].text and PAGE_NUMBER.match(lines[j].text)
                   for j in (index - 1, index + 1))

    anchored: dict[str, list[int]] = {}
    only_near: set[int] = set()  # anchored only by a page number a few lines off
    near_any: dict[str, bool] = {}  # an anchor beside a page number, not only a blank line
    touching_numbers: Counter[str] = Counter()  # copies right before or after a page number
    # Furniture is short: only short lines are folded and counted (a paragraph on one line is none).
    folded = {index: fold(line.text) for index, line in enumerate(lines)
              if line.text and len(line.text.strip()) <= params.max_chars}
    counts = Counter(folded.values())
    for index, line in enumerate(lines):
        if index in found or not line.text or len(line.text.strip()) > params.max_chars:
            continue
        key = folded[index]
        if counts[key] < 2 or not _may_be_header(line.text, protect) or _in_running_text(lines, index):
            continue
        touching = next_to_number(index)
        beside = _isolated(lines, index) or touching
        near = index in near_page_number or touching
        if beside or near:
            anchored.setdefault(key, []).append(index)
            near_any[key] = near_any.get(key, False) or near
            touching_numbers[key] += touching
            if not beside:
                only_near.add(index)
    occurrences: dict[str, list[int]] = {}
    for index, key in folded.items():
        if key in anchored:
            occurrences.setdefault(key, []).append(index)
    page_numbers = sorted(found)
    for key, indexes in anchored.items():
        if not _figures_count_pages([lines[index].text for index in occurrences[key]], occurrences[key],
                                    page_numbers):
            continue  # running text whose figures differ from copy to copy
        # Two copies are a header only where both touch a page number: a heading that opens a
        # page stands next to one too, and again in the contents.
        if len(indexes) >= params.repeats or (len(indexes) >= 2 and touching_numbers[key] >= 2):
            for index in indexes:
                # A first copy anchored only by a page number a few lines off is kept (a short
                # title page brings the next page's number near its date or title): if it is a
                # header after all, ``drop_repeated_headers`` drops it once the title block is read.
                if not (index == occurrences[key][0] and index in only_near):
                    found[index] = "running-header"
        # A header seen beside a page number, and printed on page after page (as the pages are
        # counted by their numbers): every copy but the first (the title page's, where it is the
        # title or the date) is furniture, also where the extractor left no page number beside
        # it. A copy that goes on with a sentence or into the next line is text, and no copy.
        copies = [index for index in occurrences[key]
                  if not _in_running_text(lines, index) and not _mid_page(lines, index, page_numbers, params)]
        if near_any[key] and len(copies) >= max(params.repeats, params.page_share * (len(page_numbers) + 1)):
            for index in copies[1:]:
                found[index] = "running-header"
    # A bare number next to a running header is the page number printed beside it.
    for index in [i for i, reason in found.items() if reason == "running-header"]:
        for j in (index - 1, index + 1):
            if 0 <= j < len(lines) and j not in found and lines[j].text and PAGE_NUMBER.match(lines[j].text):
                found[j] = "page-number"
    return found


def _mid_page(lines: list[Line], index: int, page_numbers: list[int], params: FurnitureParams) -> bool:
    """Return True if the line at ``index`` stands inside a page whose ends the page numbers
    (``page_numbers``, indexes) show: between two that count on by one, more than
    ``params.reach`` lines from each. A running header stands next to a page's number, or where
    the extractor left none; a copy there is running text (a name's last line, "Management")."""
    at = bisect.bisect_left(page_numbers, index)
    if at == 0 or at == len(page_numbers):
        return False
    before, after = page_numbers[at - 1], page_numbers[at]
    if index - before <= params.reach or after - index <= params.reach:
        return False
    numbers = [_DIGITS.findall(lines[where].text) for where in (before, after)]
    return all(numbers) and int(numbers[1][0]) - int(numbers[0][0]) == 1


def _figures_count_pages(texts: list[str], indexes: list[int], page_numbers: list[int]) -> bool:
    """Return True if the figures of a recurring line's copies (``texts``, at ``indexes``) are
    the same from copy to copy, or those that change count up as a page number does: by at
    least one and at most one more than the ``page_numbers`` (indexes) between the copies.
    Running text that folds alike ("USD 89.9 million on ..." / "USD 77.5 million on ...",
    "Between 1999 and 2007," / "Between 2012 and 2016,") changes its figures any way."""
    figures = [_DIGITS.findall(text) for text in texts]
    for (before, after), (start, end) in zip(zip(figures, figures[1:]), zip(indexes, indexes[1:])):
        pages = bisect.bisect_left(page_numbers, end) - bisect.bisect_right(page_numbers, start) + 1
        if any(old != new and not 0 < int(new) - int(old) <= pages for old, new in zip(before, after)):
            return False
    return True


def drop_page_furniture(lines: list[Line], protect: Callable[[str], bool] = lambda text: False,
                        params: FurnitureParams = FurnitureParams(), found: dict[int, str] | None = None,
                        ) -> tuple[list[Line], list[Dropped], list[Diagnostic]]:
    """Return ``lines`` with page numbers and running headers and footers blanked, and what was dropped.

    ``found`` (index -> reason) is the furniture when the caller has found it already.
    """
    if found is None:
        found = find_furniture(lines, protect, params)
    if not found:
        return lines, [], []
    glued = _glued_page_numbers(lines, found)
    kept: list[Line] = []
    dropped: list[Dropped] = []
    diagnostics: list[Diagnostic] = []
    for index, line in enumerate(lines):
        reason = found.get(index)
        if index in glued:
            text, start = line.text.rstrip(), glued[index]
            number = text[start:].strip()
            kept.append(line.with_text(text[:start] + "-"))
            dropped.append(Dropped(line.number, number, "page-number"))
            diagnostics.append(Diagnostic(line.number, "page-number", f"removed page number {number!r} run "
                                          f"into the word broken at the page's end ({text[:start].split()[-1]!r})",
                                          "info"))
            continue
        if reason is None:
            kept.append(line)
            continue
        dropped.append(Dropped(line.number, line.text, reason))
        diagnostics.append(Diagnostic(line.number, reason,
                                      f"removed {reason.replace('-', ' ')} {line.text.strip()!r}", "info"))
        kept.append(line.break_between_pages)
    return kept, dropped, diagnostics


#: A word's first letters and a page number run into them, ending a line: "municipali3"; or a
#: footer "Page N" ("of M") after them and a space: "mil Page 4 of 7".
_GLUED_NUMBER = re.compile(r"(?<=[^\W\d_]{2})(?:\d{1,4}| Page (\d{1,4})(?: of \d{1,4})?)$")


def _glued_page_numbers(lines: list[Line], found: dict[int, str]) -> dict[int, int]:
    """Return index -> where the page number (or the footer "Page N") starts, for the pages whose
    number an extractor ran into the word broken at their last line's end.

    Raw ``pdftotext`` takes a line-end hyphen out and joins the word's halves; where the next
    thing it reads is a footer's bare page number, not the word's rest at the next page's top,
    it gives "municipali3" (and "ties ..." on the next page); where the hyphen was set apart
    ("mil -", a justified line), "mil Page 4 of 7". Such a page's last line ends in
    letters and the very number the page's place gives it (the others' page numbers, found as
    furniture, count the pages so), the page has no page number of its own found, and the next
    page's text starts in lowercase.
    """
    offsets = Counter(int(number[0]) - lines[index].page for index, reason in found.items()
                      if reason == "page-number" and (number := _DIGITS.search(lines[index].text)))
    if not offsets:
        return {}
    offset, agreeing = offsets.most_common(1)[0]
    if agreeing < 2:
        return {}
    numbered = {lines[index].page for index, reason in found.items() if reason == "page-number"}
    glued: dict[int, int] = {}
    last: int | None = None  # the last line with text, not furniture
    for index, line in enumerate(lines):
        if not line.text or index in found:
            continue
        if last is not None and line.page != lines[last].page and lines[last].page not in numbered \
                and opens_in_lowercase(line.text):
            number = _GLUED_NUMBER.search(lines[last].text.rstrip())
            if number and int(number[1] or number[0]) == lines[last].page + offset:
                glued[last] = number.start()
        last = index
    return glued


def join_words_across_breaks(lines: list[Line]) -> list[Line]:
    """Return ``lines`` without the blanks a page or column break left inside a word: where a
    line ends with a hyphen that broke a word and the next page's (or column's) first line goes
    on with it ("Monitor-" / "ing"), the two are one block's lines, a heading's as a paragraph's."""
    out: list[Line] = []
    blanks: list[Line] = []
    last: Line | None = None  # the last line with text
    for line in lines:
        if not line.text:
            blanks.append(line)
            continue
        across = blanks and last is not None and (line.page != last.page or any(b.page_break for b in blanks))
        if not (across and breaks_word(last.text, line.text)):
            out.extend(blanks)
        blanks = []
        out.append(line)
        last = line
    out.extend(blanks)
    return out
