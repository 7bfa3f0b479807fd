"""List markers printed apart from their items: joined to the items they mark."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..errors import Diagnostic
from ..lines import Dropped, Line
from . import patterns as p
from .blocks import (ENDS_IN_WORD, TextStats, advance, introduces, is_speaker_line, item_sentence_ended, line_key,
                     starts_paragraph, starts_sentence, title_before_speaker, under_item_text, wrapped_early)
from .text import LINE_END_HYPHENS, Vocabulary


#: How many lines after a run of lone markers the items they mark are looked for, per marker.
_MARKER_REACH = 25
#: An item of one unpunctuated line was ended on purpose when the next line's first word would
#: have fitted on it within this share of the usual width (``BlockParams.short_line``).
PHRASE_END = 0.95
#: A line that is only a list marker: the extractor put the bullet (or number) apart from its item.
_LONE_MARKER = re.compile(rf"^\s*(?:[{p.BULLET_CHARS}o]|\(?\d{{1,3}}[.)])\s*$")


def marker_as_joined(text: str) -> str:
    """Return the lone marker ``text`` as it is joined to its item: a number as written, any
    bullet (a private-use glyph, a letter "o", a dash) as the plain bullet it shows."""
    marker = text.strip()
    return marker if marker[-1:] in ")." else "•"


def is_lone_marker(line: Line) -> bool:
    """Return True if ``line`` is only a list marker (a bullet or a number and its stop)."""
    return bool(line.text) and bool(_LONE_MARKER.match(line.text))


def _item_starts(lines: list[Line], start: int, wanted: int, width_at: Callable[[int], int] | None,
                 bound: int | None = None, going_on: str = "", heading_at: Callable[[int], bool] | None = None,
                 ) -> list[int]:
    """Return the indexes of up to ``wanted`` lines from ``start`` that can begin list items;
    given ``bound``, of all such lines before it; ``going_on``: the text of a sentence the line
    before ``start`` left open (the first item then starts after a sentence's end, as any other).

    The first text line can (unless it continues a sentence in lowercase, or introduces the
    list: pdfminer may print the first marker before the introducing line); after it, a line
    that starts a sentence after one that ended one, or after an item that is a phrase: it ends
    neither in punctuation nor on a connecting word, no sentence ends inside it, on its first
    line or on up to ``MAX_PHRASE_LINES`` - 1 lines it wrapped into (going on in lowercase, no
    punctuation at their ends but a hyphen that broke a word, no figures: "Better data on the" /
    "procurement of equipment"); the next item then opens with a capital, or at least not with
    a figure ("... rose from 300 to 900 after" / "2005. The plan" goes on). Given ``width_at`` (the usual width
    around a line), that item must also have been ended on purpose: the next line's first word
    would have fitted on it (at ``PHRASE_END`` of the width). The search stops at a line no item
    goes on into (``_ends_items``: a heading of a usual form, a speaker, a title over a speaker,
    another lone marker), where ``heading_at(index)`` says a heading starts (a title the contents
    page lists), and at a line with its own marker (not a dash going on with a sentence left
    open: ``_aside``).
    """
    found: list[int] = []
    previous = going_on
    previous_index = start - 1
    phrase_lines = 0  # the lines of the last item found while it can still be a phrase
    for index in range(start, min(len(lines), start + _MARKER_REACH * wanted) if bound is None else bound):
        text = lines[index].text.strip()
        if not text:
            continue
        if _ends_items(lines, index) or p.list_marker(text) and not _aside(previous, text) \
                or heading_at is not None and heading_at(index):
            break
        if not found and introduces(lines[index], 0):
            previous, previous_index = text, index  # the list's introduction, printed after its first marker
            continue
        phrase = 0 < phrase_lines <= MAX_PHRASE_LINES and not previous.endswith(";") \
            and not p.continues_phrase(previous) and not p.SENTENCE_INSIDE.search(previous) \
            and (text[:1].isupper() or phrase_lines == 1 and not text[:1].isdigit()) \
            and (width_at is None or _fits_after(lines[previous_index], lines[index], width_at(previous_index),
                                                 PHRASE_END))
        if starts_sentence(text) and (not previous or p.ends_sentence(previous) or phrase):
            found.append(index)
            if len(found) == wanted and bound is None:
                break
            phrase_lines = 1
        elif phrase_lines and text[:1].islower() \
                and (not _ENDS_IN_PUNCTUATION.search(previous) or previous.endswith(LINE_END_HYPHENS)) \
                and not p.SENTENCE_INSIDE.search(previous) and not p.SENTENCE_INSIDE.search(text) \
                and not _DIGIT.search(previous) and not _DIGIT.search(text):
            phrase_lines += 1
        else:
            phrase_lines = 0
        previous, previous_index = text, index
    return found


def _starts_after_short_lines(lines: list[Line], starts: list[int], wanted: int, bound: int) -> list[int]:
    """Return ``wanted`` of the item ``starts`` found before ``bound``, the first always: where
    more lines could start items than the markers count, the lines after a sentence that ended
    on a full line come last, in order (the item can go on with the next sentence). A line is
    full where it, a space and the next line's first word take more room than the widest line
    from the first start to the items' end (``advance``, its spaces one each: pypdf prints a
    justified line's stretched spaces as several)."""
    if len(starts) <= wanted:
        return starts
    full = _after_full_sentences(lines, starts, bound)
    ranked = [index for index in starts if index not in full] + [index for index in starts if index in full]
    return sorted(ranked[:wanted])


def _after_full_sentences(lines: list[Line], starts: list[int], bound: int) -> list[int]:
    """Return the item ``starts`` found before ``bound`` but the first that follow a sentence that
    ended on a full line (``_starts_after_short_lines``), in order."""
    # The items end before ``bound`` or the first line no item goes on into (``_ends_items``,
    # where ``_item_starts`` stops): the text after them, set wider, shows nothing of their room.
    end = next((index for index in range(starts[-1], bound) if _ends_items(lines, index)), bound)
    widest = max(advance(" ".join(lines[index].text.split())) for index in range(starts[0], end))

    def after_full_sentence(index: int) -> bool:
        before = lines[next(i for i in range(index - 1, starts[0] - 1, -1) if lines[i].text.strip())]
        return p.ends_sentence(before.text) and _needed(before, lines[index]) >= widest

    return [index for index in starts[1:] if after_full_sentence(index)]


def _one_line_phrase(lines: list[Line], index: int) -> bool:
    """Return True if the line at ``index`` is a phrase of its own: it ends in no punctuation and
    the next text line starts a sentence with a capital (not a figure: "... in" / "1995.")."""
    at = _next_text(lines, index + 1)
    following = lines[at].text.strip() if at is not None else ""
    return not _ENDS_IN_PUNCTUATION.search(lines[index].text) and starts_sentence(following) \
        and following[:1].isupper()


def _ends_items(lines: list[Line], index: int) -> bool:
    """Return True if no list item goes on into the line at ``index``: a lone marker, a heading,
    a speaker's line or a title over one."""
    text = lines[index].text.strip()
    return bool(_LONE_MARKER.match(text)) or bool(p.heading_kind(text)) or is_speaker_line(text) \
        or title_before_speaker(lines, index)


def _items_counted(lines: list[Line], start: int, wanted: int, width_at: Callable[[int], int],
                   going_on: str = "", heading_at: Callable[[int], bool] | None = None) -> list[int]:
    """Return the starts of the ``wanted`` items after a run of markers (``_item_starts``); where
    the text does not show each phrase item ended on purpose (one filled its line), the
    markers' count does: the phrases are read without that check when that gives them all.
    Where some of the first ``wanted`` starts follow a sentence that ended on a full line (an
    item can go on with the next sentence) and as many others follow a sentence ended on purpose
    or are phrases of one line, those are taken, up to the next list's introducing line (or a
    blank line, where none stands between the items first found)."""
    found = _item_starts(lines, start, wanted, width_at, going_on=going_on, heading_at=heading_at)
    if len(found) == wanted > 1:
        # Items go on after a sentence that ended on a full line: the next that start after a
        # sentence ended on purpose are the items, where as many do within reach.
        # Not past a line that introduces a list (the next list's), nor past a blank line where
        # none stands between the items found; an item of one phrase is one.
        apart = any(not line.text for line in lines[found[0]:found[-1]])
        more = [index for index in _item_starts(lines, start, 2 * wanted, width_at, going_on=going_on,
                                                heading_at=heading_at)
                if not any(introduces(line, 0) or not apart and not line.text and i > found[-1]
                           for i, line in enumerate(lines[found[0]:index], found[0]))]
        full = {index for index in _after_full_sentences(lines, more, more[-1] + 1)
                if not _one_line_phrase(lines, index)}
        visible = [index for index in more if index not in full]
        if full & set(found) and len(visible) >= wanted:
            return visible[:wanted]
    if len(found) < wanted:
        counted = _item_starts(lines, start, wanted, None, going_on=going_on, heading_at=heading_at)
        if len(counted) == wanted:
            return counted
    return found


def _figure_goes_on(lines: list[Line], run: list[int], after: int, width_at: Callable[[int], int]) -> bool:
    """Return True if the line at ``after``, past a run of markers, opens with a figure that goes
    on with the sentence the text line before the run left open where it wrapped: that line ends
    in no punctuation and the figure would not have fitted on it ("... between" / "2010 and 2016.")."""
    before = _previous_text(lines, run[0])
    return before is not None and after < len(lines) and lines[after].text.lstrip()[:1].isdigit() \
        and not _ENDS_IN_PUNCTUATION.search(lines[before].text) and not is_lone_marker(lines[before]) \
        and not _fits_after(lines[before], lines[after], width_at(before), PHRASE_END)


def _aside(previous: str, text: str) -> bool:
    """Return True if ``text``, opening with a dash that can mark an item, goes on with the
    sentence ``previous`` left open ("... as the 2016 evaluation showed" / "– could be ..."):
    running text's dash, no item."""
    return bool(previous) and not p.ends_sentence(previous) and not p.opens_with_bullet_glyph(text) \
        and text[:1] in "\u2013\u2014"


#: A figure: a phrase item's lines hold none (a sentence's "rose from 2,500 to 4,850 after" /
#: "2014." is no phrase).
_DIGIT = re.compile(r"\d")


def _continues_text(lines: list[Line], start: int) -> bool:
    """Return True if the first text line from ``start`` goes on with a sentence (in lowercase)."""
    following = next((line.text.strip() for line in lines[start:start + _MARKER_REACH] if line.text), "")
    return following[:1].islower()


def _marker_of(text: str) -> tuple[str, int]:
    """Return the kind and number of the list marker that opens ``text``: ("ordered", N),
    ("bullet", 0), or ("", 0) where none does."""
    marker = p.list_marker(text)
    return marker[:2] if marker else ("", 0)


def _marker_kind(text: str) -> str:
    """Return the kind of the lone marker ``text``: "ordered" for a number, else "bullet"."""
    return "ordered" if text.strip()[-1:] in ".)" else "bullet"


def _restarts(previous: str, marker: str) -> bool:
    """Return True if the number ``marker`` does not follow the number ``previous``: a new list."""
    before, number = previous.strip().rstrip(".)"), marker.strip().rstrip(".)")
    return before.isdigit() and number.isdigit() and int(number) != int(before) + 1


def _page_opening_item(lines: list[Line], index: int, width_at: Callable[[int], int]) -> int | None:
    """Return the line before the first of the page holding line ``index`` where that page opens
    with a list item going on from the page before: one line that starts a sentence, ends in no
    punctuation and short of a full line, and is no heading, title or speaker, after a line that ended
    a sentence; else None."""
    start = next((i + 1 for i in range(index - 1, -1, -1)
                  if lines[i].page_break or lines[i].page != lines[index].page), None)
    first = next((i for i in range(start, index) if lines[i].text), None) if start is not None else None
    last = next((i for i in range(start - 1, -1, -1) if lines[i].text and not is_lone_marker(lines[i])), None) \
        if start is not None else None
    if first is None or last is None or first + 1 >= len(lines):
        return None
    text = lines[first].text.strip()
    if not starts_sentence(text) or text[-1:] in ".,;:!?)\"”’" or p.heading_kind(text) or p.looks_like_title(text) \
            or is_speaker_line(text) \
            or not _fits_after(lines[first], lines[first + 1], width_at(first), PHRASE_END) \
            or not p.ends_sentence(lines[last].text):
        return None
    return first - 1


def _item_starts_before(lines: list[Line], run: list[int], width_at: Callable[[int], int]) -> list[int]:
    """Return the item starts of a run of lone markers printed after their items (a page's
    end), or [] where the text does not show them all.

    The run's markers of one kind in a row (numbers counting on) mark one list; each list is
    opened by a line that introduces it (ending in a colon), within ``_MARKER_REACH`` lines a
    marker or on the run's page, the last list by the last such
    line before the run, the one before it by the one before that, except that a first list
    numbered past 1 goes on from the page before, and opens the page (after the rest of an
    item the page before left open), as does a first bulleted list with no introduction within
    reach when the page opens with a phrase (``_page_opening_item``); a group numbered from N
    follows item N - 1 where that item is printed with its number; its items start as
    ``_item_starts`` finds them (items of one unpunctuated line included), short of the next
    list's introduction. Bullets alike, more than the last list shows items, mark the lists the
    page introduced one after the other (``_page_lists``); bullets that follow a list introduced
    on a page before, whose items there that page's markers marked, mark its items at the page's
    top (after the rest of an item the page before left mid-phrase).
    """
    groups: list[list[int]] = []
    for index in run:
        if groups and _marker_kind(lines[groups[-1][-1]].text) == _marker_kind(lines[index].text) \
                and not _restarts(lines[groups[-1][-1]].text, lines[index].text):
            groups[-1].append(index)
        else:
            groups.append([index])
    bound = run[0]
    # The markers printed at a page's end mark the page's lists (and one going on from the page
    # before): they are looked for ``_MARKER_REACH`` lines a marker back, and at least back to
    # the page's start, where the text shows it (a page break within ``_PAGE_LINES``).
    page_start = next((i + 1 for i in range(run[0] - 1, max(-1, run[0] - 1 - _PAGE_LINES), -1)
                       if lines[i].page_break or lines[i].page != lines[run[0]].page), None)
    reach = max(0, run[0] - _MARKER_REACH * len(run))
    if page_start is not None:
        reach = min(reach, page_start)
    # The first page starts with the text.
    page_top = page_start if page_start is not None or run[0] > _PAGE_LINES else 0
    found: list[list[int]] = []
    for position, group in reversed(list(enumerate(groups))):
        number = lines[group[0]].text.strip().rstrip(".)")
        going_on = ""
        if position == 0 and number.isdigit() and int(number) > 1 and page_start is not None \
                and not any(_marker_of(line.text)[0] == "ordered" for line in lines[page_start:bound]):
            # A numbered list that goes on from the page before: its items open the page, after
            # the rest of an item the page before left open (a sentence that goes on with a name).
            opener = page_start - 1
            going_on = _text_before(lines, page_start)
        else:
            opener = _introduction_before(lines, bound, reach)
        bulleted = _marker_kind(lines[group[0]].text) == "bullet"
        if bulleted and position == 0 and opener is not None and page_start is not None and opener < page_start \
                and any(is_lone_marker(line) for line in lines[opener:page_start]):
            # The list introduced on a page before, whose items there that page's markers marked,
            # goes on here: its items open the page, after the rest of an item left mid-phrase there.
            opener = page_start - 1
            left = _text_before(lines, page_start)
            going_on = left if p.continues_phrase(left) else ""
        if opener is None and position == 0 and bulleted:
            # A bulleted list that goes on from the page before: the page opens with a phrase.
            opener = _page_opening_item(lines, run[0], width_at)
        if opener is None:
            return []
        if number.isdigit() and int(number) > 1:
            # The item before the group's first, printed with its number: the group's items follow it.
            opener = next((i for i in range(bound - 1, opener, -1)
                           if _marker_of(lines[i].text) == ("ordered", int(number) - 1)), opener)
        # The introducing line, the next list's and the count bound the items: a phrase need not
        # be seen to end (a list's text is set narrower than the width measured around it).
        candidates = _item_starts(lines, opener + 1, len(group), None, bound, going_on)
        lists = _page_lists(lines, opener, candidates, bound, len(group), page_top, reach) if bulleted else []
        if lists:
            # Bullets alike mark the page's lists one after the other, as many as they show items.
            found[:0] = [starts for _, starts in lists]
            bound = lists[0][0]
            continue
        starts = _starts_after_short_lines(lines, candidates, len(group), bound)
        if len(starts) != len(group):
            return []
        found.insert(0, starts)
        bound = opener
    return [start for starts in found for start in starts]


def _page_lists(lines: list[Line], opener: int, starts: list[int], bound: int, wanted: int,
                page_start: int | None, reach: int) -> list[tuple[int, list[int]]]:
    """Return each list a run of ``wanted`` bullets at a page's end marks, as (introducing line,
    item starts), first to last, where the last list (introduced at ``opener``, its ``starts``
    before ``bound``) shows fewer items than that: the lists introduced before it on the page
    (from ``page_start``, back to ``reach``), and before them the items at the page's top of a
    list introduced on a page before whose items there that page's markers marked (exactly as
    many as the bullets left), each with the items ``_item_starts`` finds up to the next one's
    introduction, where together they show as many, or more where as many of those that follow a
    sentence ended on a full line (the last of them) can go on with their items
    (``_starts_after_short_lines``); else []."""
    if page_start is None or opener < page_start or not 0 < len(starts) < wanted:
        return []
    lists = [(opener, starts, bound)]
    count = len(starts)
    while count < wanted:
        before = _introduction_before(lines, lists[0][0], reach)
        if before is not None and before < page_start \
                and any(is_lone_marker(line) for line in lines[before:page_start]):
            # The list introduced on a page before, whose items there that page's markers
            # marked, goes on at this page's top (after the rest of an item left mid-phrase).
            left = _text_before(lines, page_start)
            found = _item_starts(lines, page_start, wanted - count, None, lists[0][0],
                                 left if p.continues_phrase(left) else "")
            if len(found) != wanted - count:
                return []  # the page's top shows other than the items the bullets left mark
            lists.insert(0, (page_start - 1, found, lists[0][0]))
            count += len(found)
            break
        if before is None or before < page_start:
            return []
        found = _item_starts(lines, before + 1, wanted - count, None, lists[0][0])
        if not found:
            return []
        lists.insert(0, (before, found, lists[0][0]))
        count += len(found)
    surplus = count - wanted
    full = [index for _, found, end in lists for index in _after_full_sentences(lines, found, end)]
    if surplus > len(full):
        return []
    going_on = set(full[len(full) - surplus:])
    return [(introduction, [index for index in found if index not in going_on]) for introduction, found, _ in lists]


def _text_before(lines: list[Line], index: int) -> str:
    """Return the text of the last line before ``index`` (within a page's lines) that holds text
    and no lone marker: the end of what the page before printed."""
    return next((lines[i].text.strip() for i in range(index - 1, max(-1, index - 1 - _PAGE_LINES), -1)
                 if lines[i].text.strip() and not is_lone_marker(lines[i])), "")


def _introduction_before(lines: list[Line], bound: int, reach: int) -> int | None:
    """Return the index of the last line before ``bound`` (from ``reach`` on) that introduces a
    list (ends in a colon, no item's, no numbered heading's: "Session 2: ...:"), or None."""
    return next((i for i in range(bound - 1, reach - 1, -1)
                 if lines[i].text.rstrip().endswith(":") and not p.list_marker(lines[i].text)
                 and p.heading_kind(lines[i].text) != "numbered"), None)


#: A speaker's role takes at most this many lines after the name's.
_ROLE_LINES = 4


def _in_speakers_opening(lines: list[Line], index: int) -> bool:
    """Return True if the line at ``index`` stands after a speaker's name line and the lines of a
    role after it, if any: between a speaker's name, role and speech no list starts (a stray
    bullet an extractor printed there marks none of them)."""
    texts = [line.text for line in lines[max(0, index - 3 * _ROLE_LINES):index]
             if line.text.strip() and not is_lone_marker(line)]
    for text in reversed(texts[-_ROLE_LINES - 1:]):
        if is_speaker_line(text):
            return True
        if not p.is_role_line(text):
            return False
    return False


def _wraps_around(lines: list[Line], run: list[int], after: int) -> bool:
    """Return True if a lone bullet (no dash) stands between an item's lines: the line before it
    ends no sentence and the line after it goes on in lowercase (pdfminer printed the bullet's
    box between the item's)."""
    return len(run) == 1 and after < len(lines) and run[0] > 0 and bool(lines[run[0] - 1].text) \
        and p.opens_in_lowercase(lines[after].text) and not p.ends_sentence(lines[run[0] - 1].text) \
        and not p.opens_with_dash(lines[run[0]].text)


def _first_item_before(lines: list[Line], run: list[int], after: int, around: bool,
                       heading_at: Callable[[int], bool] | None = None, last: bool = False) -> list[int]:
    """Return [the line a lone bullet marks] where the extractor printed an item before its
    bullet (pdfminer, a text box of its own): one bullet, the items after it marked with their
    own, and before it one unmarked item (a line, or up to ``_ITEM_REACH`` more it wrapped
    into) that follows the list's introducing line, or the end of an item above marked with its
    own (a sentence's, ``_ITEM_REACH`` lines up, or a phrase's: ``_ends_marked_phrase``); or a
    bullet between an item's lines (``around``: ``_wraps_around``) or after the list's last item
    (a heading, one the contents page lists as ``heading_at`` tells, a speaker or the text's end
    follows it, or the caller knows it is the ``last``), right after an item marked with its own."""
    if len(run) != 1 or _marker_kind(lines[run[0]].text) != "bullet":
        return []
    # No item follows the bullet: a heading, a speaker or the text's end (the list's last item).
    last = last or after >= len(lines) or bool(p.heading_kind(lines[after].text)) \
        or is_speaker_line(lines[after].text) or heading_at is not None and heading_at(after)
    if not last and _marker_of(lines[after].text)[0] != "bullet" and not around:
        return []
    item = _previous_text(lines, run[0])
    if item is None:
        return []
    # The item may have wrapped ("Joint funding of school-feeding" / "schemes"), over sentences
    # too ("... in" / "close consultation. By 1994, ..."): its first line.
    for _ in range(_ITEM_REACH):
        if not item or not lines[item - 1].text or not p.opens_in_lowercase(lines[item].text) \
                or p.ends_sentence(lines[item - 1].text):
            break
        item -= 1
    opener = _previous_text(lines, item, over_break=True)  # the list may have begun on the page before
    text = lines[item].text.strip()
    if opener is None or p.list_marker(text) or not starts_sentence(text) or p.heading_kind(text) \
            or is_speaker_line(text) or lines[opener].stretched is True:
        return []  # (a line the source shows going on, into the "item": a paragraph's sentence)
    above = [line.text.strip() for line in lines[max(0, opener - _ITEM_REACH):opener + 1] if line.text]
    if (around or last) and _marker_of(lines[opener].text)[0] == "bullet":
        return [item]  # after an item marked with its own, on one line
    if lines[opener].text.rstrip().endswith(":") or p.ends_sentence(lines[opener].text) and any(
            _marker_of(line)[0] == "bullet" or _marker_kind(line) == "bullet" and _LONE_MARKER.match(line)
            for line in above) or _ends_marked_phrase(lines, opener):
        return [item]
    return []


def _phrase_printed_first(lines: list[Line], run: list[int], after: int, out: list[Line]) -> bool:
    """Return True if a lone bullet follows a phrase that stands alone after an item's end: one
    line right above it that opens with a capital and ends in no punctuation nor on a connecting
    word, no sentence's end inside it, over a line that ends a sentence (no lone marker), and
    text opening a sentence with a capital after the bullet; no run of markers before marked the
    phrase (its line in ``out`` is as read). Unmarked, the phrase would stand alone between an
    item and the text after the bullet: it is an item printed before its bullet (pdfminer: "...
    2010 reform)." / "Joint funding of flood insurance" / "•" / "Mr. Iyer suggested ...")."""
    item = _previous_text(lines, run[0]) if len(run) == 1 else None
    if item is None or run[0] - item > 2 or after >= len(lines) or out[item] is not lines[item]:
        return False
    text, following = lines[item].text.strip(), lines[after].text.strip()
    above = _previous_text(lines, item)
    return above is not None and item - above <= 2 and not is_lone_marker(lines[above]) \
        and p.ends_sentence(lines[above].text) and text[:1].isupper() and starts_sentence(text) \
        and _is_phrase(text) and following[:1].isupper() and starts_sentence(following)


def _items_before(lines: list[Line], run: list[int]) -> list[int]:
    """Return the lines a run of lone bullets marks where the extractor printed several items
    before their bullets (pdfminer: the items' text boxes, then the bullets', then what follows
    the list or its next item): two bullets or more, and above them (after at most one blank
    line) the text after the list's introducing line (ending in a colon) or after an item marked
    with its own bullet, up to ``_ITEM_REACH`` lines for each bullet (single blank lines among
    them, as pdfminer sets between an item's boxes), that holds exactly as many item starts as the run has
    bullets: lines opening a sentence after a line that ended one or introduced them, or with a
    capital after a phrase (ended in a word, on no connecting word). Lines going on in lowercase
    from the marked item are its own."""
    if len(run) < 2 or any(_marker_kind(lines[at].text) != "bullet" for at in run):
        return []
    end = _previous_text(lines, run[0])
    if end is None or run[0] - end > 2 or lines[end].text.rstrip().endswith(":"):
        return []  # (after an introducing line, the bullets mark the items that follow it)
    texts = [end]  # the text lines above the run, going up to the introducing line or a marked item
    while len(texts) <= _ITEM_REACH * len(run):
        above = _previous_text(lines, texts[-1])
        if above is None or texts[-1] - above > 2:
            return []
        if lines[above].text.rstrip().endswith(":") or _marker_of(lines[above].text)[0] == "bullet":
            break
        texts.append(above)
    else:
        return []
    opener, texts = above, texts[::-1]
    if not introduces(lines[opener], 0) and _marker_of(lines[opener].text)[0] != "bullet" \
            or any(_marked(lines[at].text) or p.heading_kind(lines[at].text) or is_speaker_line(lines[at].text)
                   for at in texts):
        return []
    starts = [at for before, at in zip([opener, *texts], texts) if starts_sentence(lines[at].text.strip()) and (
        p.ends_sentence(lines[before].text) or lines[before].text.rstrip().endswith(":")
        or lines[at].text.strip()[:1].isupper() and ENDS_IN_WORD.search(lines[before].text)
        and not p.continues_phrase(lines[before].text.strip()))]
    return starts if len(starts) == len(run) else []


def _marked(text: str) -> bool:
    """Return True if ``text`` opens with a list marker and an item's text after it (a year that
    ends a sentence alone on a line, "2020.", reads as a number's marker and is none)."""
    marker = p.list_marker(text)
    return marker is not None and bool(text.strip()[marker[2]:].strip())


def _next_item_after_marked(lines: list[Line], run: list[int], after: int,
                            heading_at: Callable[[int], bool] | None = None) -> list[int]:
    """Return [the line a lone bullet marks] where it stands between the lines of an item marked
    with its own bullet, blank lines around it or none (pdfminer printed the next item's bullet
    box there): the line before ends no sentence, the line after goes on in lowercase; the
    bullet marks the first line after the item's lines going on in lowercase (up to
    ``_ITEM_REACH``) that opens a sentence after the item's end (a sentence's, or a phrase's:
    no punctuation, no connecting word at its end, no sentence inside it), no heading (nor one
    the contents page lists, as ``heading_at`` tells), speaker's line or line with a marker of
    its own."""
    item = _previous_text(lines, run[0])
    if len(run) != 1 or item is None or _marker_of(lines[item].text)[0] != "bullet" \
            or _marker_kind(lines[run[0]].text) != "bullet" or p.opens_with_dash(lines[run[0]].text) \
            or p.ends_sentence(lines[item].text) or after >= len(lines) or not p.opens_in_lowercase(lines[after].text):
        return []
    at, item_text = after, f"{_unmarked(lines[item].text)} {lines[after].text.strip()}"
    for _ in range(_ITEM_REACH):
        previous, at = at, _next_text(lines, at + 1)
        if at is None or lines[at].page != lines[run[0]].page:
            return []
        text = lines[at].text.strip()
        ended = p.ends_sentence(lines[previous].text) or not p.continues_phrase(lines[previous].text) \
            and not _ENDS_IN_PUNCTUATION.search(item_text) and not p.SENTENCE_INSIDE.search(item_text)
        if p.opens_in_lowercase(text) or not ended:
            item_text = f"{item_text} {text}"
            continue
        if not starts_sentence(text) or p.list_marker(text) or is_lone_marker(lines[at]) or p.heading_kind(text) \
                or is_speaker_line(text) or heading_at is not None and heading_at(at):
            return []
        return [at]
    return []


def _ends_marked_phrase(lines: list[Line], at: int) -> bool:
    """Return True if the line at ``at`` ends a phrase item marked with its own bullet: its
    first line, the line or up to ``MAX_PHRASE_LINES`` - 1 lines up that it wrapped from (each
    going on in lowercase; pdfminer may print a blank line between), shows the bullet, and the
    phrase ends in no punctuation nor on a connecting word, no sentence ending inside it."""
    texts = [at]
    while len(texts) < MAX_PHRASE_LINES and p.opens_in_lowercase(lines[texts[0]].text):
        above = _previous_text(lines, texts[0])
        if above is None:
            return False
        texts.insert(0, above)
    return _marker_of(lines[texts[0]].text)[0] == "bullet" \
        and _is_phrase(" ".join(lines[i].text.strip() for i in texts))


def _is_phrase(text: str) -> bool:
    """Return True if ``text`` (stripped) is a phrase: it ends in no punctuation nor on a
    connecting word, and no sentence ends inside it."""
    return not _ENDS_IN_PUNCTUATION.search(text) and not p.continues_phrase(text) \
        and not p.SENTENCE_INSIDE.search(text)


#: A page holds at most this many lines (a two-column page read by boxes, blank lines between them).
_PAGE_LINES = 300
#: An item printed before its bullet may follow an item whose bullet stands this many lines up.
_ITEM_REACH = 8


def _numbers_of(lines: list[Line], run: list[int]) -> tuple[str, list[int]] | None:
    """Return the stop (". " or ")") and the numbers of a run of lone numbers that share it, or
    None where a marker of the run is a bullet."""
    markers = [lines[i].text.strip() for i in run]
    if any(_marker_kind(marker) != "ordered" or not marker[:-1].isdigit() or marker[-1] != markers[0][-1]
           for marker in markers):
        return None
    return markers[0][-1], [int(marker[:-1]) for marker in markers]


def _starts_between(lines: list[Line], texts: list[int], wanted: int, width_at: Callable[[int], int],
                    counted: bool = True) -> list[int]:
    """Return the lines of ``texts`` (indexes of text lines, in order) that start a sentence after
    one that ended one on purpose (the first word would have fitted, or a blank line stands
    between); where fewer than ``wanted`` do and exactly that many start one after any that
    ended one, those, unless not ``counted`` (the numbers' count shows items the text does not:
    an item ended on a nearly full line)."""
    after_sentences = [(before, i) for before, i in zip(texts, texts[1:])
                       if starts_sentence(lines[i].text.strip()) and p.ends_sentence(lines[before].text)]
    starts = [i for before, i in after_sentences
              if i > before + 1 or _fits_after(lines[before], lines[i], width_at(before), PHRASE_END)]
    if counted and len(starts) < wanted == len(after_sentences):
        return [i for _, i in after_sentences]
    return starts


def _number_after_its_item(lines: list[Line], run: list[int], after: int, width_at: Callable[[int], int]) -> list[int]:
    """Return the lines a run of lone numbers marks where the extractor printed the items' text
    before their numbers (pdfminer, text boxes of their own): the numbers N, N + 1, ... count on
    from item N - 1 (above, with its own marker, within ``_MARKER_REACH`` lines a number) and
    stand before the item after the last (next, with its own number) or text that is no item
    (the list ends), and exactly as many lines in between as there are numbers start a sentence
    after one that ended one on purpose (the first word would have fitted)."""
    found = _numbers_of(lines, run)
    if found is None or found[1] != list(range(found[1][0], found[1][0] + len(run))):
        return []
    stop, number = found[0], found[1][0]
    following = p.list_marker(lines[after].text) if after < len(lines) else None
    if following is not None and following[:2] != ("ordered", number + len(run)):
        return []
    reach = max(0, run[0] - _MARKER_REACH * len(run))
    if number == 1:
        # The list's first item follows the line that introduces it.
        opener = _introduction_before(lines, run[0], reach)
        first = next((i for i in range(opener + 1, run[0]) if lines[i].text), None) if opener is not None else None
        if first is None:
            return []
        if len(run) == 1:
            return [first]
        opener = first
    else:
        opener = next((i for i in range(run[0] - 1, reach - 1, -1)
                       if lines[i].text.strip().startswith(f"{number - 1}{stop} ")), None)
        if opener is None:
            return []
    first = [opener] if number == 1 else []
    wanted = len(run) - len(first)
    # Not counted where an item goes on after the numbers: they mark items that follow.
    starts = _starts_between(lines, [i for i in range(opener, run[0]) if lines[i].text], wanted, width_at,
                             counted=not _continues_text(lines, after))
    return first + starts if len(starts) == wanted else []


def _numbers_between_items(lines: list[Line], run: list[int], width_at: Callable[[int], int]) -> list[int]:
    """Return the lines a run of lone numbers marks where the extractor printed them apart from
    items between two printed with their numbers (pdfminer: "2." before "1. ...", "3." before
    "4. ..."): item A, then item B after it (the next numbered line after the run, within
    ``_MARKER_REACH`` lines a number), the run's numbers between A and B and each number between
    printed alone, from A's list's introducing line on (the list's first numbers may stand alone
    there too), and exactly as many lines between A and B as those numbers start a sentence after
    one that ended one on purpose (or, where the text does not show them all, after any that
    ended one, as many): in order, the items they mark."""
    found = _numbers_of(lines, run)
    if found is None:
        return []
    stop, numbers = found
    reach = _MARKER_REACH * len(run)
    printed = [i for i in range(max(0, run[0] - reach), min(len(lines), run[-1] + 1 + reach))
               if _marker_of(lines[i].text)[0] == "ordered" and not is_lone_marker(lines[i])
               and lines[i].text.strip()[:1].isdigit()]
    later = [i for i in printed if i > run[-1] and _marker_of(lines[i].text)[1] > max(numbers)]
    if not later:
        return []
    last = later[0]
    earlier = [i for i in printed if i < last]
    if not earlier:
        return []
    first = earlier[-1]
    low, high = _marker_of(lines[first].text)[1], _marker_of(lines[last].text)[1]
    if not low < min(numbers) <= max(numbers) < high or not lines[last].text.strip().startswith(f"{high}{stop}") \
            or not lines[first].text.strip().startswith(f"{low}{stop}"):
        return []
    opener = _introduction_before(lines, first, max(0, first - reach))
    alone = {int(lines[i].text.strip()[:-1]) for i in range(opener if opener is not None else first, last)
             if is_lone_marker(lines[i]) and lines[i].text.strip()[:-1].isdigit() and lines[i].text.strip()[-1] == stop}
    wanted = high - low - 1
    if not alone >= set(range(low + 1, high)):
        return []
    starts = _starts_between(lines, [i for i in range(first, last) if lines[i].text and not is_lone_marker(lines[i])],
                             wanted, width_at)
    if len(starts) != wanted:
        return []
    return [starts[number - low - 1] for number in numbers]


def join_lone_markers(lines: list[Line], width_at: Callable[[int], int],
                      heading_at: Callable[[int], bool] | None = None) -> tuple[list[Line], list[Dropped]]:
    """Return ``lines`` with the markers that stand alone joined to the items they mark.

    Word's bullets often come out of a PDF on lines of their own, a blank line or none
    before the item's text, and some extractors print the markers of several items one after
    the other before the items: a run of such markers goes to the item starts that follow
    (the next text line, then each line starting a sentence after one that ended). Others
    print a page's markers after all its text, where a page break follows them or the text
    after them goes on with a sentence of the page before: such a run goes to the items of
    the lists the page introduced before it (``_item_starts_before``) where the text shows
    them all (and, within a page, no run before marked them), else to the items after it as
    any run (``_items_counted``: the run's count shows items the text does not), but for a run
    of bullets ending a page, which marks no line of the next page: it is left out. A bullet
    printed after an item (the
    list's first, or one after items marked with their own), the others marked
    (``_first_item_before``), goes to that item, first of all where it stands between the
    item's lines (``_wraps_around``) or after a phrase standing alone after an item's end
    (``_phrase_printed_first``); a bullet between the lines of an item marked with its own
    goes to the next item, after that item's end (``_next_item_after_marked``); so does a number
    printed after its item's text, between the items before and after it or after the last
    (``_number_after_its_item``), before the text after the run is read for items. Where the
    text line before a run wrapped and a figure after the run goes on with its sentence, the
    run's items start after that sentence (``_figure_goes_on``).
    The joined line keeps the item's number; each marker's line
    becomes blank and is listed as dropped. A heading or a speaker line is no item, nor is
    anything between a speaker's name, role and speech (``_in_speakers_opening``). A dash alone
    between a sentence left open and its words going on in lowercase is the sentence's own
    (pdftotext cut the line at the wide spaces around it): it stays.
    ``width_at(index)`` is the usual width of a full line around line ``index``; ``heading_at(index)``
    says whether a heading the contents page lists starts at line ``index`` (no item starts there or after).
    """
    out = list(lines)
    dropped: list[Dropped] = []
    paged = bool(lines) and lines[-1].page > 1  # form feeds tell the pages
    index = 0
    while index < len(lines):
        if not is_lone_marker(lines[index]):
            index += 1
            continue
        run = [index]
        after = index + 1
        while after < len(lines) and (not lines[after].text or is_lone_marker(lines[after])):
            if lines[after].text:
                run.append(after)
            after += 1
        before = next((line.text.strip() for line in reversed(lines[max(0, index - 2):index]) if line.text), "")
        if len(run) == 1 and _aside(before, lines[index].text.strip()) and _continues_text(lines, after):
            index = after  # a dash between the words of a sentence (an extractor set it apart)
            continue
        at_page_end = any(line.page_break for line in lines[run[-1] + 1:after]) \
            or after < len(lines) and lines[after].page != lines[run[-1]].page
        first, going_on = after, ""
        if _figure_goes_on(lines, run, after, width_at):
            # A sentence that wrapped before the markers goes on after them (pdfminer printed
            # the next item's marker between an item's text boxes): the items start after it.
            first, going_on = after + 1, lines[after].text.strip()
        around = _wraps_around(lines, run, after)
        speakers = _in_speakers_opening(lines, run[0])
        before_them = _item_starts_before(lines, run, width_at) \
            if not speakers and (at_page_end or _continues_text(lines, after)) else []
        if not at_page_end and any(out[start] is not lines[start] for start in before_them):
            # Within a page, text going on after the run is an item's that the run broke: the items
            # it marks are no items a run before it marked.
            before_them = []
        starts = [] if speakers else (
            before_them
            or around and _first_item_before(lines, run, after, around, heading_at)
            or _phrase_printed_first(lines, run, after, out)
            and _first_item_before(lines, run, after, around, heading_at, last=True)
            or _items_before(lines, run)
            or _next_item_after_marked(lines, run, after, heading_at)
            or _number_after_its_item(lines, run, after, width_at)
            or _numbers_between_items(lines, run, width_at)
            or _items_counted(lines, first, len(run), width_at, going_on, heading_at)
            or not around and _first_item_before(lines, run, after, around, heading_at) or [])
        if at_page_end and all(p.opens_with_bullet_glyph(f"{lines[marker].text.strip()} ") for marker in run) \
                and any(start > run[-1] and (not paged or lines[start].page != lines[run[-1]].page)
                        for start in starts):
            # A page's bullets mark none of the next page's lines: left out (listed). Where form
            # feeds tell the pages, by them: a footer may stand between a page's bullets and items.
            starts = []
        if starts and after < starts[0] and introduces(lines[after], 0):
            # The list's introducing line, printed after the first markers, opens a block: the
            # text before the markers does not run on into it.
            out[after] = replace(out[after], wraps=False)
        for marker_index, start in zip(run, starts):
            marker = marker_as_joined(lines[marker_index].text)
            out[start] = out[start].with_text(f"{marker} {lines[start].text.strip()}")
        # A bullet glyph is no word of the text: one that marks no item the text shows is left out
        # (listed), not kept as a paragraph of its own nor as a word of the line before or after.
        items = dict(zip(run, starts))
        for marker_index in run:
            if starts:
                out[marker_index] = lines[marker_index].blank
                item = lines[items[marker_index]].number if marker_index in items else 0
                dropped.append(Dropped(lines[marker_index].number, lines[marker_index].text, "list-marker", item))
            elif p.opens_with_bullet_glyph(f"{lines[marker_index].text.strip()} "):
                out[marker_index] = lines[marker_index].blank
                dropped.append(Dropped(lines[marker_index].number, lines[marker_index].text, "stray-marker"))
        index = after
    return out, dropped


# --- lists of one-line phrases, marked or not -----------------------------------------

#: A list whose markers the text does not show is read from at least this many items after an
#: introducing line, one of them at least a phrase on a line of its own.
MIN_ITEMS = 2


def _phrase(line: Line, following: Line | None, width: int) -> bool:
    """Return True if ``line`` can be one list item standing on one line, its marker shown or not:
    the source does not show it going on (``wraps``, ``stretched``), it starts as a sentence
    does, ends in no punctuation nor on a connecting word, holds no sentence's end (a sentence
    goes on after it), is no heading or speaker, is shorter than a full line, and the line after
    it (if any) starts a sentence too, not with a figure or a bracket (it did not wrap into it)."""
    marker = p.list_marker(line.text)
    if marker and marker[0] != "bullet":
        return False
    text = _unmarked(line.text)
    if not text or line.wraps is True or line.stretched is True or not starts_sentence(text) \
            or p.ends_sentence(text) \
            or text.endswith((",", ";")) or p.continues_phrase(text) or p.SENTENCE_INSIDE.search(text) \
            or p.heading_kind(text) \
            or p.looks_like_title(text) or is_speaker_line(text) \
            or (width and len(line.text.strip()) >= width):
        return False
    if following is None or not following.text:
        return True
    after = _unmarked(following.text)
    # A figure or a bracket opens a sentence, but far more often goes on with one ("... between"
    # / "2025 and 2029.", "... transfers" / "(Art. 2 of the act)."): after a line that ends in a
    # word, it shows no phrase's end.
    return starts_sentence(after) and not after[:1].isdigit() and after[:1] not in "(["


def _unmarked(text: str) -> str:
    """Return ``text`` without its bullet, stripped."""
    marker = p.list_marker(text)
    return text[marker[2]:].strip() if marker and marker[0] == "bullet" else text.strip()


#: Phrases of one list stand at most this many blank lines apart (extractors that print text
#: boxes put blank lines between some of them).
MAX_PHRASE_GAP = 2


def _previous_text(lines: list[Line], before: int, over_break: bool = False) -> int | None:
    """Return the index of the last text line before ``before`` after at most ``MAX_PHRASE_GAP``
    blank ones going up (``over_break``: or up to ``_MAX_BREAK_GAP`` where a page break lies
    among them), or None: ``_next_text``'s, the other way."""
    for index in range(before - 1, max(-1, before - 2 - (_MAX_BREAK_GAP if over_break else MAX_PHRASE_GAP)), -1):
        if lines[index].text:
            return index if before - 1 - index <= MAX_PHRASE_GAP \
                or any(line.page_break for line in lines[index + 1:before]) else None
    return None


def _next_text(lines: list[Line], start: int, gap: int = MAX_PHRASE_GAP, over_break: bool = False) -> int | None:
    """Return the index of the first text line from ``start`` after at most ``gap`` blank ones;
    ``over_break``: or after up to ``_MAX_BREAK_GAP`` where a page break lies among them."""
    for index in range(start, min(len(lines), start + (_MAX_BREAK_GAP if over_break else gap) + 1)):
        if lines[index].text:
            return index if index - start <= gap or any(line.page_break for line in lines[start:index]) else None
    return None


def _fits_after(line: Line, following: Line, width: int, ratio: float) -> bool:
    """Return True if the first word of ``following`` would have fitted on ``line`` (it was ended on purpose)."""
    words = following.text.split()
    return bool(width) and len(line.text.strip()) + 1 + len(words[0] if words else "") < ratio * width


@dataclass(frozen=True, slots=True)
class PhraseLists:
    """What ``find_phrase_lists`` read: the lines (unmarked items given a bullet), the numbers of
    the lines that open a block after a list's last phrase, and a diagnostic per list."""

    lines: list[Line]
    opens: frozenset[tuple[int, str]]  # as ``blocks.line_key``
    diagnostics: list[Diagnostic]


def find_phrase_lists(lines: list[Line], width_at: Callable[[int], int], short_line: float = 0.95,
                      vocabulary: Vocabulary | None = None, stats: TextStats | None = None,
                      in_place: list[Line] | None = None) -> PhraseLists:
    """Return ``lines`` read for lists of one-line phrases, whose end no line length shows.

    The text shows such a list: a line that introduces it (running text ending in a colon,
    short of a full line), then at least ``MIN_ITEMS`` items (``_units_after``), the last of
    them a phrase on a line of its own (a capital first, no punctuation at the end, not
    title-cased as a heading; the next one's first word would have fitted after each item but
    the last, at ``short_line`` of the usual width ``width_at(index)``), phrases at most
    ``MAX_PHRASE_GAP`` blank lines apart (the first may open the next page, past its furniture).
    Between two phrases (or the introducing line and the first) stand at most
    ``MAX_SENTENCE_ITEMS`` items that are sentences. The list runs to its last phrase, and on
    over up to as many sentences after it that show themselves set narrower than the text (a
    line wrapped early: ``wrapped_early``, given the text's ``stats``), as an item is by its
    marker's indent, where no item shows a marker on its own line in the text (``in_place``:
    the lines before markers that stood apart were joined to their items). Items may go on
    over a page break. Where the introducing line says how many items follow ("listed four
    lessons:", ``patterns.announced_count``) and as many can follow, none with a marker the
    text shows on its line (one printed apart, after a page's text, tells nothing), the list is
    that many, phrases or not; where fewer follow, the lines inside them that end a sentence, if
    exactly as many as are missing, end items too (``_split_at_sentence_ends``); where the text
    marks as many items as are announced, the first among them, the lines without a marker are
    none. Every item
    gets the bullet some printers draw but extractors do not give back (a diagnostic says so),
    and the line after the last item, which starts a sentence, opens a block of its own; where the next word would have
    fitted after the last phrase at the usual width is no evidence, as an item is set narrower
    than the text by its marker's indent. A list indented past its introducing line shows where
    it ends by its indent (``find_indented_lists``): here only the items its first run of lines
    at that indent holds are read, where one of them is a phrase, and no block is opened after
    them.
    """
    out = list(lines)
    opens: set[tuple[int, str]] = set()
    diagnostics: list[Diagnostic] = []
    shown = in_place or lines  # markers on their items' lines as the text shows them, not joined
    for index in [index for index, line in enumerate(lines) if ":" in line.text[-3:]]:
        if index + 1 >= len(lines) or not introduces(lines[index], width_at(index)):
            continue
        units = _units_after(lines, index + 1, width_at, short_line, vocabulary, stats=stats)
        if not units:
            continue
        indented = lines[units[0][0]].indent - lines[index].indent >= MIN_LIST_INDENT
        announced = None if indented else p.announced_count(_introduction(lines, index))
        marked = [unit for unit in units if p.list_marker(shown[unit[0]].text)]
        if announced is not None and len(marked) == announced and marked[0] == units[0]:
            # The text shows as many markers as items are announced, the first among them: the
            # lines without one between them are those items' own, none an item of its own.
            for first, _, _ in units:
                if first < marked[-1][0] and not p.list_marker(shown[first].text):
                    out[first] = replace(lines[first], wraps=True)
                    diagnostics.append(Diagnostic(lines[first].number, "item-goes-on",
                                                  f"the item before goes on here: {lines[index].text.strip()!r} "
                                                  f"announces {announced} items, and the text marks as many",
                                                  "info"))
            units = marked
        if announced is not None and MIN_ITEMS <= announced and len(units) < announced:
            # Told how many follow, a phrase ends before any line that opens with a capital, and
            # sentences that end where a line does end items the lines' lengths did not show.
            units = _units_after(lines, index + 1, width_at, short_line, vocabulary, counted=True, stats=stats)
            split = _split_at_sentence_ends(lines, units, announced - len(units))
            if not _shows_a_marker(shown, split):
                units = split
        if announced is not None and MIN_ITEMS <= announced <= len(units) \
                and not _shows_a_marker(shown, units[:announced]):
            units = units[:announced]
        else:
            announced = None
            if indented:
                # An indented list shows where it ends by its indent (find_indented_lists): the
                # items its first run of lines at that indent holds are read here, phrases or
                # not, where they tell items apart that no line's length does (a phrase as wide
                # as the text, then a sentence).
                indent_run = set(_run_at_indent(lines, units[0][0]))
                units = units[:next((at for at, (first, end, _) in enumerate(units)
                                     if not indent_run.issuperset(range(first, end + 1))), len(units))]
                units = units if any(phrase for _, _, phrase in units) else []
            else:
                units = _phrase_list(lines, units, stats, shown)
            if len(units) < MIN_ITEMS:
                continue
        run = [first for first, _, _ in units]
        unmarked = [item for item in run if not p.list_marker(lines[item].text)]
        for item in unmarked:
            out[item] = lines[item].with_text(f"• {lines[item].text.strip()}")
        if unmarked:
            diagnostics.append(Diagnostic(lines[unmarked[0]].number, "list-unmarked",
                                          f"took the {len(run)} item(s) after {lines[index].text.strip()!r}, "
                                          + ("as many as it announces" if announced else
                                             f"{sum(phrase for _, _, phrase in units)} of them phrases on a line "
                                             "of their own")
                                          + ", as a list whose markers the text does not show", "info"))
        after = units[-1][1] + 1
        if after < len(lines) and lines[after].text and not indented and not _marked_list_goes_on(lines, run, after):
            opens.add(line_key(lines[after]))
            diagnostics.append(Diagnostic(lines[after].number, "list-end",
                                          "a paragraph starts after the list's last item", "info"))
    return PhraseLists(out, frozenset(opens), diagnostics)


def _split_at_sentence_ends(lines: list[Line], units: list[tuple[int, int, bool]],
                            missing: int) -> list[tuple[int, int, bool]]:
    """Return ``units`` (``_units_after``, at least ``MIN_ITEMS`` of them: a list the text
    shows, closed off by a heading, a speaker or another introducing line, or the text's end)
    cut into ``missing`` more items where exactly that many of their lines end a sentence before
    a line that starts one: the ends of items whose next word would not have fitted after them,
    which an introducing line that says how many items follow shows; else ``units`` as they
    are (more such places: no telling which)."""
    cuts = {at: following for first, end, _ in units for at in range(first, end)  # -> the next item's first line
            if lines[at].text and p.ends_sentence(lines[at].text)
            and (following := _next_text(lines, at + 1, gap=0, over_break=True)) is not None and following <= end
            and starts_sentence(_unmarked(lines[following].text))}
    after = _next_text(lines, units[-1][1] + 1, over_break=True) if units else None
    if missing <= 0 or len(units) < MIN_ITEMS or len(cuts) != missing \
            or after is not None and not (_ends_run(lines, after) or introduces(lines[after], 0)):
        return units  # (the items missing may be after the last: only a list closed off is cut)
    out: list[tuple[int, int, bool]] = []
    for first, end, phrase in units:
        inside = sorted(at for at in cuts if first <= at < end)
        for cut in inside:
            out.append((first, cut, False))  # sentences, each piece
            first = cuts[cut]
        out.append((first, end, phrase and not inside))
    return out


def _shows_a_marker(lines: list[Line], units: list[tuple[int, int, bool]]) -> bool:
    """Return True if one of ``units`` (``_units_after``) opens with a list marker in ``lines``."""
    return any(p.list_marker(lines[first].text) for first, _, _ in units)


def _marked_list_goes_on(lines: list[Line], run: list[int], after: int) -> bool:
    """Return True if the items of ``run`` all show their markers, of one kind, and the text line
    after the line at ``after`` shows that kind too: the list goes on, and the line at ``after``,
    between two marked items, is the last one's (a line that opens with a capital after a phrase's
    words: "... by the ordinary General" / "Public License rather than ...")."""
    kinds = {_marker_of(lines[first].text)[0] for first in run}
    following = _next_text(lines, after + 1)
    return len(kinds) == 1 and "" not in kinds and following is not None \
        and _marker_of(lines[following].text)[0] in kinds


def _introduction(lines: list[Line], index: int) -> str:
    """Return the text of the introducing line at ``index``, after the line before it where
    that one goes on into it (ends no sentence)."""
    before = lines[index - 1].text.strip() if index else ""
    return f"{before} {lines[index].text.strip()}" if before and not p.ends_sentence(before) \
        else lines[index].text.strip()


def _phrase_list(lines: list[Line], units: list[tuple[int, int, bool]], stats: TextStats | None,
                 in_place: list[Line]) -> list[tuple[int, int, bool]]:
    """Return the ``units`` (``_units_after``) a list of phrases takes: up to its last phrase no
    more than ``MAX_SENTENCE_ITEMS`` items after the one before (or the introducing line) that
    is a phrase or opens with a bullet glyph (an item whatever its shape), the sentences between
    phrases its items too; then, given the text's ``stats`` and where no
    unit's first line shows a marker ``in_place``, up to as many sentences that show themselves
    set narrower than the text (``_set_narrower``), the last of them maybe the first sentences
    of a unit the text after it ran into (``_narrower_part``), or up to as many more whose
    wrapped lines, with those of the sentences already taken after the last phrase, show it
    together (``_narrow_lines``). No unit where none is a phrase."""
    last = anchor = -1
    for at, (first, _, phrase) in enumerate(units):
        if phrase or p.opens_with_bullet_glyph(lines[first].text):
            if at - anchor - 1 > MAX_SENTENCE_ITEMS:
                break
            anchor = at
            last = at if phrase else last
    # A list whose markers the text shows on its items' lines ends where they do: no sentence
    # without one is its item (markers printed apart, as after a page's text, may be too few).
    if last >= 0 and stats is not None and not _shows_a_marker(in_place, units):
        after_phrases = units[last + 1:]
        for first, end, phrase in units[last + 1:last + 1 + MAX_SENTENCE_ITEMS]:
            if phrase:
                break
            if not _set_narrower(lines, first, end, stats):
                if (part := _narrower_part(lines, first, end, stats)) is not None:
                    return [*units[:last + 1], part]
                break
            last += 1
        # The sentences that end the run, taken together with those after the last phrase already
        # taken: their lines may show what one's do not, where they wrapped at all.
        rest = units[last + 1:]
        if 0 < len(rest) <= MAX_SENTENCE_ITEMS and not any(phrase for _, _, phrase in after_phrases):
            wrapped = [_wrapped_in(lines, first, end) for first, end, _ in after_phrases]  # ``rest`` ends it
            if any(wrapped[len(after_phrases) - len(rest):]) \
                    and _narrow_lines(lines, [at for unit in wrapped for at, _ in unit], stats):
                last += len(rest)
    return units[:last + 1]


def _narrower_part(lines: list[Line], first: int, end: int, stats: TextStats) -> tuple[int, int, bool] | None:
    """Return the first sentences of the unit from line ``first`` to ``end`` as an item, where
    they end on a line's end and show themselves set narrower (more than ``NARROW_LINES``
    wrapped lines, all under ``NARROW_SHARE`` of a full line) while a line after them is not: the
    list's last item, and the paragraph after it that the unit ran on into (a line ending a
    sentence with room left is measured at the text's width, which an item's is not)."""
    if stats.room is None:
        return None  # no full line measured: nothing shows itself narrower
    wrapped = _wrapped_in(lines, first, end)
    full = NARROW_SHARE * stats.room[0]
    for place, (at, _) in enumerate(wrapped):
        if place > NARROW_LINES and p.ends_sentence(lines[at].text) \
                and _narrow_lines(lines, [line for line, _ in wrapped[:place]], stats):
            return (first, at, False) if any(advance(" ".join(lines[line].text.split())) >= full
                                              for line in range(at + 1, end + 1) if lines[line].text) else None
    return None


#: Sentences set narrower than the text: at least this many of their lines wrapped, each
#: narrower than this share of a full line (``TextStats.room``), as few of a paragraph's are.
NARROW_LINES, NARROW_SHARE = 3, 0.95


def _set_narrower(lines: list[Line], first: int, end: int, stats: TextStats) -> bool:
    """Return True if the sentences from line ``first`` to ``end`` show themselves set narrower
    than the text: a line of them that ends no sentence wrapped early (``wrapped_early``), or
    ``NARROW_LINES`` or more wrapped lines all narrower than ``NARROW_SHARE`` of a full line, or
    every wrapped line would have taken the next word in less than ``ITEM_ROOM`` of a full line
    (``_took_less_room``)."""
    wrapped = _wrapped_in(lines, first, end)
    return any(not p.ends_sentence(lines[at].text) and wrapped_early(lines[at], lines[following], stats)
               for at, following in wrapped) or _narrow_lines(lines, [at for at, _ in wrapped], stats) \
        or _took_less_room(lines, wrapped, stats)


#: An item's wrapped line and the next line's first word take less than this share of a full
#: line (``TextStats.room``): few of a paragraph's lines do (on the forty sets' Chromium dumps,
#: under one in a hundred), nearly half of a list item's, set in by its marker. Measured only
#: where the room was measured on ``ITEM_ROOM_LINES`` wrapped lines or more: on fewer, a full
#: line is too rough a measure for a few hundredths of it.
ITEM_ROOM, ITEM_ROOM_LINES = 0.97, 40


def _took_less_room(lines: list[Line], wrapped: list[tuple[int, int]], stats: TextStats) -> bool:
    """Return True if each of the ``wrapped`` lines (an item's, each with the line it wrapped
    into: ``_wrapped_in``) and the next line's first word take less than ``ITEM_ROOM`` of a full
    line, none of them under half the usual width (a fragment an extractor cut from its line), in
    a text whose room was measured on ``ITEM_ROOM_LINES`` wrapped lines or more."""
    if stats.room is None or stats.room_lines < ITEM_ROOM_LINES or not wrapped:
        return False
    return all(2 * len(lines[at].text.strip()) >= stats.width
               and _needed(lines[at], lines[following]) < ITEM_ROOM * stats.room[0] for at, following in wrapped)


def _needed(line: Line, following: Line) -> float:
    """Return the room (``advance``) ``line`` and the first word of the ``following`` line take,
    a space between and each space of ``line`` counted once (pypdf prints a justified line's
    stretched spaces as several)."""
    return advance(" ".join(line.text.split())) + advance(" " + following.text.split()[0])


def _wrapped_in(lines: list[Line], first: int, end: int) -> list[tuple[int, int]]:
    """Return the lines of an item from line ``first`` to ``end`` that wrapped, each with the
    line it wrapped into: the next one, or over a page break the next page's first."""
    wrapped: list[tuple[int, int]] = []
    at = first
    while at < end and (following := _next_text(lines, at + 1, gap=0, over_break=True)) is not None \
            and following <= end:
        wrapped.append((at, following))
        at = following
    return wrapped


def _narrow_lines(lines: list[Line], wrapped: list[int], stats: TextStats) -> bool:
    """Return True if the ``wrapped`` lines (indexes of lines that wrapped) are ``NARROW_LINES``
    or more, all narrower than ``NARROW_SHARE`` of a full line (its spaces one each)."""
    return stats.room is not None and len(wrapped) >= NARROW_LINES \
        and max(advance(" ".join(lines[at].text.split())) for at in wrapped) < NARROW_SHARE * stats.room[0]


#: Between two phrases of a list (or its introducing line and its first phrase), at most this
#: many items that are sentences.
MAX_SENTENCE_ITEMS = 3
#: How many items after an introducing line are looked at.
MAX_UNITS = 24
#: An item of sentences takes fewer lines than this: a longer run is running text (and a text of
#: one paragraph is not read whole again after each line that ends in a colon).
MAX_ITEM_LINES = 40


#: A phrase wraps over at most this many lines (a narrow column's: Chromium's narrowest, some 25
#: characters, wrap ten words over four).
MAX_PHRASE_LINES = 4


def _wrapped_phrase(lines: list[Line], at: int, width_at: Callable[[int], int], short_line: float,
                    vocabulary: Vocabulary | None = None, reach: int = MAX_UNITS) -> int:
    """Return how many lines from ``at`` (two to ``MAX_PHRASE_LINES``) are one phrase wrapped in
    a narrow column, or 0: the first starts as a sentence does, each wrapped (the next line's
    first word would not have fitted on it, a word broken there or not) into one that goes on in
    lowercase, the last was ended on purpose (the next line's first word would have fitted, or
    it opens with a capital that opens something, as the ``vocabulary`` tells:
    ``_opens_with_opening_capital``, or a blank line (no page break) follows, or a heading or
    a speaker's line (``_ends_run``), or the next line
    opens a phrase wrapped so too, looked for at most ``reach`` phrases on, or is a phrase on a
    line of its own), no sentence ends in them and none ends in punctuation; the line after
    them, if any, starts a sentence."""
    first = _unmarked(lines[at].text)
    if not first or not starts_sentence(first) or p.list_marker(lines[at].text) \
            or p.heading_kind(first) or p.looks_like_title(first) or is_speaker_line(first):
        return 0
    text = first
    for last in range(at + 1, min(len(lines), at + MAX_PHRASE_LINES)):
        line = lines[last].text.strip()
        before = lines[last - 1].text.rstrip()
        if not line or not line[:1].islower() \
                or _ENDS_IN_PUNCTUATION.search(before) and not before.endswith(LINE_END_HYPHENS) \
                or _fits_after(lines[last - 1], lines[last], width_at(last - 1), short_line):
            return 0
        text = f"{text} {line}"
        if _ENDS_IN_PUNCTUATION.search(line) or p.SENTENCE_INSIDE.search(text):
            return 0
        after = _next_text(lines, last + 1)
        if after is None or starts_sentence(_unmarked(lines[after].text)) \
                and (_fits_after(lines[last], lines[after], width_at(last), short_line)
                     or _opens_with_opening_capital(lines[last], lines[after], vocabulary)
                     or _blank_between(lines[last + 1:after]) or _ends_run(lines, after)
                     or reach > 1 and _wrapped_phrase(lines, after, width_at, short_line, vocabulary, reach - 1) > 0
                     or _phrase_before_more(lines, after, width_at)):
            return last - at + 1
    return 0


def _phrase_before_more(lines: list[Line], at: int, width_at: Callable[[int], int]) -> bool:
    """Return True if the line at ``at`` is a phrase on a line of its own (``_phrase``) and a
    line follows it (a phrase's end is shown by what comes after it)."""
    after = _next_text(lines, at + 1)
    return after is not None and _phrase(lines[at], lines[after], width_at(at))


def _phrases_go_on(lines: list[Line], at: int, width_at: Callable[[int], int]) -> bool:
    """Return True if what follows the phrase at ``at`` (after a phrase) is a phrase before more
    (``_phrase_before_more``), or a heading or a speaker's line (``_ends_run``): three lines in a
    row that open with a capital and end on no punctuation are no sentence wrapped, however full
    the first."""
    after = _next_text(lines, at + 1)
    return after is not None and (_phrase_before_more(lines, after, width_at) or _ends_run(lines, after))


#: A line ending in punctuation (a sentence's end, a comma, a colon, a dash).
_ENDS_IN_PUNCTUATION = re.compile(r"[.,;:!?\-\u2010\u2013\u2014)\]\"”’]\s*$")


def _opens_with_opening_capital(previous: Line, line: Line, vocabulary: Vocabulary | None) -> bool:
    """Return True if ``line`` opens with a capitalised word that opens something: one the text
    elsewhere writes in lowercase (a common word, capitalised only where something starts), or
    only at a sentence's start ("However": a phrase does not go on into it, as it may into a name).
    Not after a ``previous`` line that ends in a name (``_ends_in_name``)."""
    words = _unmarked(line.text).split(maxsplit=1)
    word = words[0].rstrip(",;:") if words else ""
    if vocabulary is None or not word.isalpha() or not word.istitle():
        return False
    return not _ends_in_name(previous) \
        and (vocabulary.writes_in_lowercase(word) or vocabulary.only_opens_sentences(word))


def _ends_in_name(line: Line) -> bool:
    """Return True if ``line`` ends in a capitalised word that is not its first: a name may go on
    into the next line, whatever its first word ("... of the GNU General" / "Public License ...")."""
    words = _unmarked(line.text).split()
    return len(words) > 1 and words[-1][:1].isupper()


def _units_after(lines: list[Line], start: int, width_at: Callable[[int], int],
                 short_line: float, vocabulary: Vocabulary | None = None,
                 counted: bool = False, stats: TextStats | None = None) -> list[tuple[int, int, bool]]:
    """Return the blocks from ``start`` that could each be a list item whose marker the text does
    not show, as (first line, last line, is a phrase), until one could not be.

    A phrase is one line (``_phrase``; not one that ends in a name, ``_ends_in_name``, the next
    line's first word too long to have fitted after it: the name may go on; as wide as the text
    where phrases follow it,
    ``_phrases_go_on``, or the next line opens with a word capitalised only where something
    opens, ``_opens_with_opening_capital``; not a marked line whose item goes on under its text,
    ``_under_its_text``), or more where it wrapped (``_wrapped_phrase``); a
    sentence item starts a sentence and ends one on a line the next word would have fitted on
    (at ``short_line`` of the usual width, or, given the text's ``stats``, as the blocks measure
    an item's line: ``item_sentence_ended``), or before a phrase (``_phrase_after_sentence``), a
    heading or a speaker (``_ends_run``), and never goes on into a line that opens with a bullet
    glyph. Items stand at most ``MAX_PHRASE_GAP`` blank lines apart, and each ends on purpose:
    the next item's first word would have fitted after it, the next opens with a bullet glyph,
    or a blank line (no page break) stands between them, as extractors that print text boxes
    (pdfminer) put between items, after an item that stops on no connecting word, or, after a
    phrase, the next item opens with a capital that opens something (as the
    ``vocabulary`` tells), or is a phrase in a run of them (``_phrases_go_on``): a phrase
    as wide as the text ends there all the same; after a
    sentence, the next item is a phrase (``_phrase_after_sentence``); after a phrase or a
    sentence, the next item is a phrase wrapped in a narrow column (``_wrapped_phrase``). A line
    indented past the item before (a paragraph's first-line indent), a heading, a speaker, a
    numbered line and a sentence that introduces something else end the run. Where the
    introducing line said how many items follow (``counted``), a phrase ends before any line that
    opens with a capital, a name's or not ("Clearer rules for ...", which opens nothing else).
    """
    units: list[tuple[int, int, bool]] = []
    at = _next_text(lines, start, over_break=True)  # the list may open the next page
    while at is not None and len(units) < MAX_UNITS:
        if units and not _item_ended(lines, units[-1], at, width_at, short_line, vocabulary, stats) \
                and not (counted and units[-1][2] and _unmarked(lines[at].text)[:1].isupper()):
            break  # no sign the item before ended: no room left for this word, no blank line, no capital, no phrase
        if units and lines[at].indent > lines[units[-1][0]].indent:
            break  # a first-line indent: a paragraph's
        if introduces(lines[at], width_at(at)):
            break  # a line that introduces another list (or what else follows it) is no item
        after = _next_text(lines, at + 1, over_break=True)
        following = lines[after] if after is not None else None
        # A marked line whose item goes on under its text is no phrase of one line.
        if not _under_its_text(lines, at, after) and (
                _phrase(lines[at], following, width_at(at))
                and not (following is not None and _ends_in_name(lines[at])
                         and not _fits_after(lines[at], following, width_at(at), short_line))
                or _phrase(lines[at], following, 0) and (_phrases_go_on(lines, at, width_at)
                                                         or following is not None
                                                         and _opens_with_opening_capital(lines[at], following,
                                                                                         vocabulary))):
            units.append((at, at, True))
            at = after
            continue
        wrapped = _wrapped_phrase(lines, at, width_at, short_line, vocabulary)
        if wrapped:
            units.append((at, at + wrapped - 1, True))
            at = _next_text(lines, at + wrapped, over_break=True)
            continue
        text = _unmarked(lines[at].text)
        marker = p.list_marker(lines[at].text)
        if not starts_sentence(text) or marker and marker[0] != "bullet" or lines[at].wraps is True \
                or _ends_run(lines, at):
            break
        end = at
        # The item goes on to its next line, or over a page break to the next page's first; never
        # into a heading, a speaker's line or a line a bullet glyph opens.
        while end - at < MAX_ITEM_LINES \
                and (following := _next_text(lines, end + 1, gap=0, over_break=True)) is not None \
                and not _ends_run(lines, following) and not p.opens_with_bullet_glyph(lines[following].text) and not (
                    p.ends_sentence(lines[end].text)
                    and (_fits_after(lines[end], lines[following], width_at(end), short_line)
                         or stats is not None
                         and item_sentence_ended(lines[end], lines[following], width_at(end), stats)
                         or _phrase_after_sentence(lines, following, width_at)
                         or _wrapped_phrase(lines, following, width_at, short_line, vocabulary))):
            end = following
        if not p.ends_sentence(lines[end].text) or lines[end].text.rstrip().endswith(":") \
                or end - at >= MAX_ITEM_LINES:
            break  # a sentence left open, one that introduces something else, or running text
        units.append((at, end, False))
        at = _next_text(lines, end + 1, over_break=True)  # the list may go on on the next page
    return units


def _under_its_text(lines: list[Line], at: int, after: int | None) -> bool:
    """Return True if the line at ``after`` stands under the text of the marked line at ``at``,
    past its marker (a layout dump's hanging indent), and the line after it stays there or none
    follows: the item goes on. A line set in that far with the next back at the margin is a
    paragraph's first line."""
    if after is None or not under_item_text(lines[at], lines[after]):
        return False
    then = _next_text(lines, after + 1, gap=0)
    return then is None or lines[then].indent >= lines[after].indent


def _item_ended(lines: list[Line], item: tuple[int, int, bool], at: int, width_at: Callable[[int], int],
                short_line: float, vocabulary: Vocabulary | None, stats: TextStats | None = None) -> bool:
    """Return True if the text shows that ``item`` (first line, last line, is a phrase, as
    ``_units_after`` reads it) ended before the line at ``at``, by the signs ``_units_after``
    lists: room for the word (in characters, or, after a sentence, as the text's ``stats``
    measure an item's line: ``item_sentence_ended``), a bullet glyph, a blank line, a capital,
    a phrase."""
    first, last, phrase = item
    if _fits_after(lines[last], lines[at], width_at(last), short_line) or p.opens_with_bullet_glyph(lines[at].text):
        return True
    if p.continues_phrase(lines[last].text):
        return False
    ended_sentence = p.ends_sentence(lines[last].text)
    if ended_sentence and stats is not None and item_sentence_ended(lines[last], lines[at], width_at(last), stats):
        return True
    return _blank_between(lines[last + 1:at]) \
        or phrase and _opens_with_opening_capital(lines[last], lines[at], vocabulary) \
        or (phrase or ended_sentence) and _wrapped_phrase(lines, at, width_at, short_line, vocabulary) > 0 \
        or phrase and _phrase_before_more(lines, at, width_at) \
        and (last > first or _phrases_go_on(lines, at, width_at)) \
        or ended_sentence and _phrase_after_sentence(lines, at, width_at)


def _blank_between(gap: list[Line]) -> bool:
    """Return True if the lines of ``gap`` (between two items) hold a blank line and no page
    break: a page's foot shows nothing of where an item ends."""
    return any(not line.text for line in gap) and not any(line.page_break for line in gap)


def _ends_run(lines: list[Line], at: int) -> bool:
    """Return True if the line at ``at`` is a heading, shaped as a title (and not going on in
    lowercase on the next line: a narrow column's "By 2024, the" / "implementation of ..."),
    a speaker's or a title over a speaker: no list item goes on into it, none starts there."""
    text = _unmarked(lines[at].text)
    return bool(p.heading_kind(text)) or p.looks_like_title(text) and not _goes_on_in_lowercase(lines, at) \
        or is_speaker_line(text) or title_before_speaker(lines, at)


def _goes_on_in_lowercase(lines: list[Line], at: int) -> bool:
    """Return True if the line after ``at`` opens in lowercase after a whole word (no hyphen
    broke one there, as a wrapped title's "Insti-" / "tutions"): the text at ``at`` goes on there."""
    return at + 1 < len(lines) and p.opens_in_lowercase(lines[at + 1].text) \
        and not lines[at].text.rstrip().endswith(LINE_END_HYPHENS)


def _phrase_after_sentence(lines: list[Line], at: int, width_at: Callable[[int], int]) -> bool:
    """Return True if the line at ``at``, after a line that ended a sentence, is a phrase
    (``_phrase``) ended on purpose: the next line opens with a capital and its first word would
    have fitted on it (at ``PHRASE_END`` of the usual width), or a blank line (no page break)
    stands between them, or it is a heading or a speaker's line (``_ends_run``).
    No paragraph's text goes on after a sentence in such a line, so an item starts there,
    however full the line before."""
    after = _next_text(lines, at + 1)
    if after is None:
        return False
    return _phrase(lines[at], lines[after], width_at(at)) and _unmarked(lines[after].text)[:1].isupper() \
        and (_fits_after(lines[at], lines[after], width_at(at), PHRASE_END) or _blank_between(lines[at + 1:after])
             or _ends_run(lines, after))


#: An indented list's items stand at least this many columns past its introducing line.
MIN_LIST_INDENT = 2
#: ... and at most this many (more is centring, or a column).
MAX_LIST_INDENT = 12


#: The most blank lines (page furniture taken out) between a page's last line and the next's first.
_MAX_BREAK_GAP = 12


def _run_at_indent(lines: list[Line], start: int) -> list[int]:
    """Return the indices of the text lines from ``start`` on, one after another, at its indent."""
    run = [start]
    while run[-1] + 1 < len(lines) and lines[run[-1] + 1].text and lines[run[-1] + 1].indent == lines[start].indent:
        run.append(run[-1] + 1)
    return run


def _list_over_page_break(lines: list[Line], block: list[int], at: int, width_at: Callable[[int], int],
                          short_line: float) -> tuple[list[int], int, int | None]:
    """Return ``block`` (the lines of an indented list, ``at`` the first line after it) with the
    lines that carry it on at the top of the next page, the first line after those, and the
    first of them (None where the list does not go on).

    A layout dump sets each page off by its own margin: the list goes on where the next page's
    first lines stand ``MIN_LIST_INDENT`` to ``MAX_LIST_INDENT`` columns past the text that
    follows them on that page, with only blank lines before them since the list's last line.
    Where that line ended a sentence or left room for the next word (at ``short_line`` of the
    usual width ``width_at``), the first of them starts a sentence and a new item; elsewhere it
    goes on with the item the page broke."""
    following = _next_text(lines, at, _MAX_BREAK_GAP)
    if following is None or lines[following].page == lines[block[-1]].page:
        return block, at, None
    ended = p.ends_sentence(lines[block[-1]].text) \
        or _fits_after(lines[block[-1]], lines[following], width_at(block[-1]), short_line)
    if ended and not starts_sentence(lines[following].text.strip()):
        return block, at, None
    run = _run_at_indent(lines, following)
    after = _next_text(lines, run[-1] + 1)
    if after is None or not MIN_LIST_INDENT <= lines[following].indent - lines[after].indent <= MAX_LIST_INDENT:
        return block, at, None
    return block + run, run[-1] + 1, following if ended else None


def _as_many_as_announced(lines: list[Line], intro: int, block: list[int], items: list[int]) -> list[int]:
    """Return the item starts of an indented list (``block``, introduced at line ``intro``) with
    those a phrase's end shows added, where the introduction announces more items than
    ``items`` (``patterns.announced_count``) and those make up the count exactly: a line that
    ends in a word, no punctuation nor a connecting word ("of"), and a line after it that opens
    with a capital ("Clearer rules for ..."), a new item although the phrase before filled its
    line."""
    announced = p.announced_count(_introduction(lines, intro))
    if announced is None or announced <= len(items):
        return items
    more = [line for before, line in zip(block, block[1:]) if line not in items
            and ENDS_IN_WORD.search(lines[before].text) and not p.continues_phrase(lines[before].text)
            and lines[line].text.strip()[:1].isupper()]
    return sorted([*items, *more]) if len(items) + len(more) == announced else items


def find_indented_lists(lines: list[Line], width_at: Callable[[int], int], short_line: float = 0.95,
                        shown: list[Line] | None = None, stats: TextStats | None = None,
                        ) -> tuple[list[Line], list[Diagnostic]]:
    """Return ``lines`` with the items of indented lists whose markers the text does not show
    given a bullet, and a diagnostic per list.

    A layout-keeping extractor shows such a list by its indent: after a line that introduces
    it (``introduces``), a block of at least two lines all at one indent, ``MIN_LIST_INDENT``
    to ``MAX_LIST_INDENT`` columns past the introducing line's, ending where the text comes
    back to that line's margin. An item starts at the block's first line and after each line
    the next word would have fitted on (ended on purpose, at ``short_line`` of the usual width
    less the items' indent past the text's margin; not on a connecting word, "in", which no
    item ends on),
    and, given the text's ``stats``, wherever ``starts_paragraph`` would open a paragraph (the
    room a sentence's end left): no paragraph opens inside the list.
    A list with a marker the text shows (``shown``: the lines before ``find_phrase_lists`` gave
    the phrases it read a bullet; ``lines`` when not given) is left alone; the items
    ``find_phrase_lists`` read keep their bullet, and the list's other items get one. A line a
    full line wraps into is no item, whatever it opens with.
    """
    shown = shown or lines
    out = list(lines)
    diagnostics: list[Diagnostic] = []
    for index in [index for index, line in enumerate(lines) if ":" in line.text[-3:]]:
        intro = lines[index]
        if not introduces(intro, width_at(index)):
            continue
        start = _next_text(lines, index + 1, over_break=True)  # the list may open the next page
        if start is None or not MIN_LIST_INDENT <= lines[start].indent - intro.indent <= MAX_LIST_INDENT:
            continue
        block = _run_at_indent(lines, start)
        at = block[-1] + 1
        ends = at >= len(lines) or not lines[at].text or lines[at].indent <= intro.indent
        page_top = None  # the list's first line on the next page: an item starts there
        if ends and at < len(lines):
            block, at, page_top = _list_over_page_break(lines, block, at, width_at, short_line)
        if len(block) < 2 or not ends:
            continue
        # Measured on the lines as the text shows them, without the bullets given to phrases.
        # The items are set narrower than the text by their indent.
        set_in = max(0, lines[start].indent - (stats.margin if stats is not None else intro.indent))
        items = [start] + [line for before, line in zip(block, block[1:])
                           if line == page_top or not p.continues_phrase(shown[before].text)
                           and _fits_after(shown[before], shown[line], width_at(before) - set_in, short_line)
                           or stats is not None and starts_paragraph(
                               shown[before], shown[line], stats.width_at(line), stats.margin,
                               first_indent=stats.first_indent, hyphenated=stats.hyphenated, room=stats.room,
                               joined=stats.joined)]
        # A line that a full line wraps into is running text, whatever it opens with ("– must
        # be ..."); one that opens an item with a marker is a list the text shows.
        if any(p.list_marker(shown[item].text) for item in items):
            continue
        items = _as_many_as_announced(lines, index, block, items)
        items = sorted({*items, *(line for line in block if p.list_marker(lines[line].text))})  # phrases' too
        for item in items:
            if not p.list_marker(lines[item].text):
                out[item] = lines[item].with_text(f"{' ' * lines[item].indent}• {lines[item].text.strip()}")
        diagnostics.append(Diagnostic(lines[start].number, "list-indented",
                                      f"took the {len(items)} indented item(s) after {intro.text.strip()!r} as a "
                                      "list whose markers the text does not show", "info"))
    return out, diagnostics
