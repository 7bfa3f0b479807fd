"""The contents page: recognised, left out of the title block and the body, kept as heading evidence.

A contents page is a "Contents" (or "Table of Contents") line followed by entries, or a run
of entries without that line: an entry ends in a page number after dot leaders or a wide gap
("Opening Remarks ......... 3", "Opening Remarks      3"). Some extractors put the titles,
the leaders and the numbers on separate lines, or lose the numbers (then the entries are the
short lines that stand again as headings further on); an entry may wrap. The titles are
returned, so that the body's headings can be confirmed by them, as a PDF's bookmarks would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import Diagnostic
from ..lines import Dropped, Line
from .blocks import MAX_HEADING_LINES, is_speaker_line
from .furniture import fold
from .patterns import CONTENTS_HEADING, ends_sentence, looks_like_title
from .text import join_wrapped

#: An entry with its page number after dot leaders (". . .", "....", "…") or a gap of 2+ spaces.
_LEADERED_ENTRY = re.compile(r"^(?P<title>.*?\S)\s*(?:(?:\.\s?){3,}|…+|\s{2,}|\t)\s*(?P<page>\d{1,4}|[ivxlc]{1,6})\s*$",
                             re.IGNORECASE)
#: An entry with a plain space before its page number ("Opening Remarks 3"), inside a contents page only.
_SPACED_ENTRY = re.compile(r"^(?P<title>.*?[^\d\s])\s+(?P<page>\d{1,4})\s*$")
#: A line of running text (a sentence's end after a few words) is no entry: the contents ended.
_RUNNING_TEXT = re.compile(r"\S+\s+\S+\s+\S+.*[.!?]['\"”’)]*$")
_LEADER = r"(?:\.\s?){3,}|…+"
_LEADERS = re.compile(_LEADER)
_LEADERS_ONLY = re.compile(rf"^\s*(?:{_LEADER})\s*$")
#: Dot leaders that end an entry whose page number the extractor moved away (below the entries).
_TRAILING_LEADERS = re.compile(rf"\s*(?:{_LEADER})\s*$")
#: A page number of its own; "2021" alone is a year, unless the entries before it count up to it.
_PAGE_ONLY = re.compile(r"^\s*(?:\d{1,3}|[ivxlc]{1,6})\s*$", re.IGNORECASE)
_FOUR_DIGIT_PAGE = re.compile(r"^\s*\d{4}\s*$")
#: A four-digit number is a page only this close above the page of the entry before it.
_MAX_PAGE_STEP = 100


@dataclass(frozen=True, slots=True)
class ContentsParams:
    """The thresholds of contents detection."""

    #: Without a "Contents" line, this many leadered entries close together make a contents page.
    min_entries: int = 3
    #: An entry title is at most this long; a longer line ends the contents page.
    max_title_chars: int = 160
    #: Lines without a page number allowed in a row inside the contents (wrapped entries, titles
    #: whose numbers the extractor moved below them).
    max_unnumbered_run: int = 12

    def __post_init__(self) -> None:
        if self.min_entries < 2 or self.max_title_chars < 20 or self.max_unnumbered_run < 1:
            raise ValueError(f"invalid contents parameters: {self!r}")


@dataclass(frozen=True, slots=True)
class Contents:
    """The contents page found: the lines it covers, and the entry titles (folded) as heading evidence."""

    indexes: frozenset[int]
    titles: frozenset[str]


#: An entry line is at most this long (its title, leaders and number; a run of leaders counted
#: as three dots); longer lines are not matched at all, which keeps the search linear on a text
#: of long paragraphs.
_MAX_ENTRY_CHARS = 240


def page_label(text: str) -> bool:
    """Whether ``text`` is a page number as a contents entry ends in ("12", "xiv", "1004")."""
    return bool(_PAGE_ONLY.match(text) or _FOUR_DIGIT_PAGE.match(text))


def _counts_on(page: str, last: int | None) -> bool:
    """Whether ``page`` may be an entry's page number after an entry on page ``last``: any number
    of up to three digits or roman numeral; four digits ("2021" is most often a year) only where
    the entries before already count past 99 and this one comes a little after them."""
    return len(page) < 4 or not page.isdigit() or last is not None and 100 <= last <= int(page) <= last + _MAX_PAGE_STEP


def _page_value(text: str) -> int | None:
    """Return the arabic page number ending ``text`` (an entry or a bare number), or None."""
    match = re.search(r"(\d{1,4})\s*$", text)
    return int(match.group(1)) if match else None


_TWO_SPACES = re.compile(r"\s\s")


def _may_hold_leaders(text: str) -> bool:
    """Whether ``text`` holds what ``_LEADERED_ENTRY``'s leaders need (three dots, an ellipsis, a
    tab, two spaces in a row): a quick test, as most lines hold none of them."""
    return text.count(".") >= 3 or "…" in text or "\t" in text or _TWO_SPACES.search(text) is not None


def _entry_title(text: str, inside: bool, last: int | None = None) -> str | None:
    """Return the title of a contents entry line (page number and leaders removed), or None;
    ``last`` is the page of the entry before (see ``_counts_on``)."""
    if len(text) > _MAX_ENTRY_CHARS and "..." in text:
        text = _LEADERS.sub("...", text)  # leaders drawn dot by dot across a wide page: one run
    if len(text) > _MAX_ENTRY_CHARS or not text.rstrip()[-1:].isalnum():
        return None
    leadered = _LEADERED_ENTRY.match(text) if _may_hold_leaders(text) else None
    match = leadered or (_SPACED_ENTRY.match(text) if inside else None)
    if match is None or not _counts_on(match.group("page"), last):
        return None
    return match.group("title").strip(" .…")


def _page_only(text: str, last: int | None = None) -> bool:
    """Whether ``text`` is a page number on its own line, after an entry on page ``last``."""
    return bool(_PAGE_ONLY.match(text) or _FOUR_DIGIT_PAGE.match(text) and _counts_on(text.strip(), last))


def _page_run(lines: list[Line], start: int) -> int:
    """Return how many page-number lines follow one another from ``start`` (blank lines between)."""
    count = 0
    for line in lines[start:]:
        if not line.text:
            continue
        if not _PAGE_ONLY.match(line.text):
            break
        count += 1
    return count


def _plain(text: str) -> str:
    """Return ``text`` as an entry is compared with the heading it names again: spaces collapsed,
    case ignored, digits kept ("Session 1" is not "Session 2")."""
    return " ".join(text.split()).casefold()


def _extent(lines: list[Line], start: int, params: ContentsParams) -> list[int]:
    """Return the indexes of the contents entries from ``start`` (the first line after its heading)."""
    covered: list[int] = []
    pending: list[int] = []  # entry lines whose page number may still follow
    numbered = 0
    last: int | None = None  # the page number of the last entry
    leadered: bool | None = None
    leaders_only: set[int] = set()
    first = ""  # the first entry's line, folded
    for index in range(start, len(lines)):
        line = lines[index]
        text = line.text.strip()
        if not text:
            continue
        page_only = _page_only(text, last)
        entry = _entry_title(text, True, last) is not None
        if covered and line.page != lines[covered[-1]].page and not (entry or page_only):
            if leaders_only.intersection(pending):
                # An entry's leaders, and its lines around them, with no page number after them
                # (pdfminer printed a wrapped entry's number before its leaders and last line).
                covered.extend(pending)
            break  # the contents page ended at the page break
        if not (page_only or entry) and first and _title_again(lines, index, first, params):
            break  # the first entry's title again, with no page number: the body's first heading
        first = first or ("" if page_only else _plain(text))
        if _LEADERS_ONLY.match(text):
            pending.append(index)  # an entry's dot leaders, printed on a line of their own
            leaders_only.add(index)
            continue
        entry = entry and (leadered is None or leadered == bool(_LEADERS.search(text)))
        titles = len([i for i in pending if i not in leaders_only])
        if page_only and titles > 2 * _page_run(lines, index) + 1:
            break  # far more lines than numbers (entries may wrap): a page's number under text
        if page_only or entry:
            if leadered is None and not page_only:
                leadered = bool(_LEADERS.search(text))  # the first entry sets the contents' style
            covered.extend(pending)
            pending = []
            covered.append(index)
            numbered += 1
            last = _page_value(text) or last
        elif len(title := _TRAILING_LEADERS.sub("", text)) <= params.max_title_chars \
                and len(pending) < params.max_unnumbered_run and not _RUNNING_TEXT.search(title):
            pending.append(index)  # an entry whose number comes later (its leaders are no sentence's end)
        else:
            break
    return covered if numbered else []


def _unnumbered_extent(lines: list[Line], start: int, params: ContentsParams) -> list[int]:
    """Return the entries after a "Contents" line that has lost its page numbers (some
    extractors drop them): short lines that each stand again, as a heading, later in the text."""
    later: dict[str, int] = {}
    following: list[str] = []  # the next non-blank lines, going backwards
    for index in range(len(lines) - 1, start - 1, -1):
        text = lines[index].text.strip()
        if text:
            later.setdefault(fold(text), index)  # the first occurrence from the end: the last
            joined = text
            for line in following:  # a heading wrapped over several lines
                joined = join_wrapped(joined, line)
                if len(joined) > params.max_title_chars:
                    break
                later.setdefault(fold(joined), index)
            following = [text, *following[:MAX_HEADING_LINES - 2]]

    def stands_again(text: str, index: int) -> bool:
        # The heading may wrap where the entry did not: its first line is a start of the entry,
        # of two words at least unless the line is shaped as a title (a word of running text
        # may stand alone on a line of its own).
        words = fold(text).split()
        least = 1 if looks_like_title(text) else min(2, len(words))
        return any(later.get(" ".join(words[:count]), index) > index for count in range(len(words), least - 1, -1))

    entries: list[int] = []
    between: list[int] = []  # a line that stands nowhere again, after an entry
    first_title = ""  # the first entry, wrapped or not
    for index in range(start, len(lines)):
        text = lines[index].text.strip()
        if not text:
            continue
        if len(text) > params.max_title_chars or _RUNNING_TEXT.search(text):
            break
        if _PAGE_ONLY.match(text):
            continue  # a page's number between entries (page numbers are furniture, dropped later)
        if first_title and _title_again(lines, index, first_title, params):
            break  # the first entry's title again, wrapped its own way: the body's first heading
        # An entry wrapped over two lines: its second line stands again only after the first.
        joined = join_wrapped(lines[entries[-1]].text, text) if entries and not between else ""
        wrapped = bool(joined) and later.get(fold(joined), index) > index
        if not (stands_again(text, index) or wrapped):
            # The rest of an entry whose heading the extractor broke up, in the body, otherwise:
            # one line, on the entries' page, is the contents' where an entry follows it.
            if between or not entries or lines[index].page != lines[entries[-1]].page:
                break
            between.append(index)
            continue
        if not entries or wrapped and len(entries) == 1:
            first_title = _plain(joined or text)
        entries.extend(between)
        between = []
        entries.append(index)
    return entries if len(entries) >= params.min_entries - 1 else []


def _scattered_extent(lines: list[Line], start: int, params: ContentsParams) -> list[int]:
    """Return the rest of the page of a "Contents" line (the line before ``start``) where it holds
    nothing but pieces of entries, in any order: titles or parts of them, leaders and page
    numbers on lines of their own (pdfminer may print a contents page's text boxes grouped by
    kind), or whole entries. A line of running text (a sentence's end) or longer than a title,
    or a text that ends before any page break, shows none; nor do fewer page numbers than
    ``params.min_entries`` less one, or more titles' lines than two for each number and one."""
    page = lines[start - 1].page
    covered: list[int] = []
    numbers = titles = 0
    for index in range(start, len(lines)):
        line = lines[index]
        if line.page != page:
            break
        text = line.text.strip()
        if not text:
            continue
        if _LEADERS_ONLY.match(text):
            pass
        elif _page_only(text) or _entry_title(text, True) is not None:
            numbers += 1
        elif len(text) <= params.max_title_chars and not _RUNNING_TEXT.search(text):
            titles += 1
        else:
            return []
        covered.append(index)
    else:
        return []
    return covered if params.min_entries - 1 <= numbers and titles <= 2 * numbers + 1 else []


def _title_again(lines: list[Line], index: int, title: str, params: ContentsParams) -> bool:
    """Return True if the lines from ``index`` on are ``title`` (as ``_plain`` gives it) again,
    wrapped over up to ``MAX_HEADING_LINES`` lines however the entry was."""
    text = ""
    for line in lines[index:index + MAX_HEADING_LINES]:
        if not line.text.strip():
            return False
        text = _plain(join_wrapped(text, line.text))
        if text == title:
            return True
        if len(text) > params.max_title_chars or not title.startswith(text):
            return False
    return False


def find_contents(lines: list[Line], params: ContentsParams = ContentsParams()) -> Contents | None:
    """Return the contents page of ``lines``, or None if the text has none."""
    for index, line in enumerate(lines):
        if line.text and CONTENTS_HEADING.match(line.text):
            entries = _extent(lines, index + 1, params) or _scattered_extent(lines, index + 1, params) \
                or _unnumbered_extent(lines, index + 1, params)
            if entries:
                return _contents(lines, [index, *entries])
    # No "Contents" line: a run of leadered entries.
    run: list[int] = []
    for index, line in enumerate(lines):
        if not line.text:
            continue
        if _entry_title(line.text, False) is not None and _LEADERS.search(line.text):
            run.append(index)
            if len(run) >= params.min_entries:
                return _contents(lines, [run[0], *_extent(lines, run[0], params)])
        elif run and index - run[-1] > 2:
            run = []
    return None


def _contents(lines: list[Line], indexes: list[int]) -> Contents:
    titles: set[str] = set()
    previous = ""
    # A title without its number before a number on a line of its own: its entry may go on after
    # the number (pdfminer printed a wrapped entry's number between its lines).
    hanging = ""
    last: int | None = None
    for index in indexes:
        text = lines[index].text.strip()
        if _LEADERS_ONLY.match(text):
            continue  # an entry's leaders on a line of their own: a title wrapped around them goes on
        if _page_only(text, last) or CONTENTS_HEADING.match(text):
            # pdfminer may print the page numbers of several entries one after the other.
            hanging = (previous or hanging) if _page_only(text, last) else ""
            previous = ""
            last = _page_value(text) or last
            continue
        numbered = _entry_title(text, True, last)
        if numbered is not None:
            last = _page_value(text) or last
        title = numbered or _TRAILING_LEADERS.sub("", text)
        before = previous or hanging
        if before:
            titles.add(fold(join_wrapped(before, title)))  # an entry wrapped over two lines
        hanging = ""
        # A wrapped entry's last line is no title of its own, nor is a line going on in lowercase.
        if not (previous and numbered or before and title[:1].islower()):
            titles.add(fold(title))
        # Only a line without its page number can run on into the next.
        previous = "" if numbered else title
    return Contents(frozenset(indexes), frozenset(titles))


def drop_contents(lines: list[Line], furniture: dict[int, str], params: ContentsParams = ContentsParams(),
                  ) -> tuple[list[Line], frozenset[str], list[Dropped], list[Diagnostic]]:
    """Return ``lines`` with the contents page blanked, its entry titles, and what was dropped.

    The contents is looked for with the running headers of ``furniture`` (index -> reason)
    blanked, so that it runs on across a page break, and so are the page-number lines ("Page 3
    of 1389"), but for a bare number: that can be an entry's page, which some extractors print
    on a line of its own.
    """
    contents = find_contents([line.blank if furniture.get(i) == "running-header"
                              or furniture.get(i) == "page-number" and not _PAGE_ONLY.match(line.text) else line
                              for i, line in enumerate(lines)], params)
    if contents is None:
        return lines, frozenset(), [], []
    first = min(contents.indexes)
    dropped = [Dropped(lines[i].number, lines[i].text, "contents") for i in sorted(contents.indexes)]
    diagnostics = [Diagnostic(lines[first].number, "contents",
                              f"left out the contents page ({len(dropped)} lines, to line "
                              f"{lines[max(contents.indexes)].number})", "info")]
    kept = [line.blank if i in contents.indexes else line for i, line in enumerate(lines)]
    return kept, contents.titles, dropped, diagnostics


#: A heading put in its contents entry's order has at least this many words: fewer, and another
#: line may hold the same ones.
MIN_REORDERED_WORDS = 3


def headings_in_contents_order(lines: list[Line], titles: frozenset[str]) -> tuple[list[Line], list[Diagnostic]]:
    """Return ``lines`` with each heading the contents lists (``titles``, folded) whose words the
    extractor gave out of order put in the entry's order, on its first line (the others left
    blank); and a ``heading-reordered`` diagnostic for each.

    pdfminer boxes the words of a justified heading apart and may print the boxes in another
    order ("Resistance:" / "Institutions and the Long Road to" / "Evidence," / "Implementation"):
    a run of up to ``MAX_HEADING_LINES`` lines (one blank line at most between them, no speaker's
    line, no sentence's end but a colon's: "Session" / "Lyon" / "1:" / "Lessons" / "from")
    opening with the word an entry opens with, whose words are exactly one entry's of
    ``MIN_REORDERED_WORDS`` or more (and no other entry's: ``_contents`` also lists a wrapped
    entry's lines joined with the next entry's), is that heading. No word is added or lost.
    """
    by_words: dict[tuple[str, ...], list[str]] = {}
    for title in sorted(titles):
        words = title.split()
        if len(words) >= MIN_REORDERED_WORDS:
            by_words.setdefault(tuple(sorted(words)), []).append(title)
    if not by_words:
        return lines, []
    openers = {title.split()[0] for found in by_words.values() for title in found}
    longest = max(map(len, by_words))
    out, diagnostics = lines, []
    index = 0
    while index < len(lines):
        words = lines[index].text.split()
        if not words or fold(words[0]) not in openers:
            index += 1
            continue
        run, tokens, found = [index], list(words), None
        while (found := by_words.get(tuple(sorted(map(fold, tokens))))) is None \
                and len(tokens) < longest and len(run) < MAX_HEADING_LINES:
            following = next((i for i in range(run[-1] + 1, min(len(lines), run[-1] + 3)) if lines[i].text), None)
            text = lines[following].text.rstrip() if following is not None else ""
            if following is None or is_speaker_line(text) or ends_sentence(text) and not text.endswith(":"):
                break  # a colon ends a title's piece as often ("Session 1:")
            run.append(following)
            tokens += lines[following].text.split()
        # In an entry's order already, the words of two entries (a wrapped entry's last line read
        # with the next entry is one too), or of an entry opening otherwise (a contents page
        # printed by kind joins pieces in any order): nothing to put in order.
        if found is None or len(found) > 1 or fold(" ".join(tokens)) in found \
                or found[0].split()[0] != fold(words[0]):
            index += 1
            continue
        ordered = []
        for word in found[0].split():
            ordered.append(tokens.pop(next(at for at, token in enumerate(tokens) if fold(token) == word)))
        out = list(lines) if out is lines else out
        out[run[0]] = lines[run[0]].with_text(" ".join(ordered))
        for at in run[1:]:
            out[at] = lines[at].blank
        diagnostics.append(Diagnostic(lines[run[0]].number, "heading-reordered",
                                      f"put the words of the heading {' '.join(ordered)!r} in the order its contents "
                                      "entry gives: the extractor printed them out of order", "info"))
        index = run[-1] + 1
    return out, diagnostics
