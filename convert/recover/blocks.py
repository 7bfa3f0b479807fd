"""Blocks without blank lines: where a run of lines is cut into headings, speakers and paragraphs.

Blank lines cut, as they always did; real dumps have few, so a run of lines is also cut

- around a heading: a usual heading form, or a title the contents page lists, wrapped over
  up to six lines, or a title-shaped run of up to three lines just before a speaker line;
- before a speaker line (an honorific, a name, and a role or nothing after it);
- before a paragraph's first line: after a line that ends a sentence and is short (the next
  line's first word would have fitted on it, measured against the usual line width around
  it), or where a line is indented past the text's margin (a first-line indent);
- after what a line ending in a colon introduces, up to the next heading or speaker: before a
  line that starts as a sentence does, after one that ends in a word, no title, and well
  short of a full line (a list's item, unpunctuated, whose marker the extractor dropped).

Two kinds of lines are marked for the body builder: lines that begin like a list item but
continue a filled line, and the first line after a page break that the page's full last line
runs on into. Every cut is a decision from the text's own statistics (``TextStats``);
thresholds live in ``BlockParams``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from itertools import repeat

from ..errors import Diagnostic
from ..lines import Line
from . import patterns as p
from .chunks import Chunk
from .furniture import Folded
from .text import breaks_word, join_wrapped, join_wrapped_lines


@dataclass(frozen=True, slots=True)
class BlockParams:
    """The thresholds of block cutting, as ratios to the document's own measures."""

    #: A line is short when it and the next line's first word take less than this share of the
    #: usual line width: the line was ended on purpose, not wrapped.
    short_line: float = 0.95
    #: A block's first line may be set in by a first-line indent the text does not show (a raw
    #: dump drops it; a layout dump's lines are measured without their indent): the next line's
    #: first word must fit after it with this many characters more.
    first_line_indent: int = 3
    #: The usual width is measured only from this many wrapped lines or more.
    min_wrapped_lines: int = 4
    #: The share of wrapped lines at most as long as the usual width: the median, so that lines
    #: an extractor merged across a hyphen, or stretched by long words, do not set it.
    width_percentile: float = 0.5
    #: The usual width around a line is measured from the wrapped lines this many lines before and after it.
    window: int = 15
    #: A text is hyphenated when at least this share of its wrapped lines ends in a word broken
    #: at a hyphen ...
    hyphenated_share: float = 0.05
    #: ... and then a word that did not fit whole could have been broken after this many letters
    #: (and a hyphen): a line it left short was ended on purpose.
    min_fragment: int = 4
    #: A wrapped line longer than this many times the usual width is two lines run together,
    #: left out of the width measured around it.
    merged_line: float = 1.5
    #: A line of a paragraph longer than this many times the usual width is not measured as one
    #: line the paragraph shows filled (``_filled``): two lines an extractor ran together.
    filled_line: float = 1.3
    #: In a hyphenated text, a line longer than this many times the usual width is two lines an
    #: extractor ran together across a hyphen; the second is measured for a paragraph's end.
    run_together: float = 1.15
    #: A title-shaped line longer than this many times the usual width is no line of running
    #: text (none is that wide): a title set in other type or over a wider measure.
    wide_title: float = 1.15
    #: A block of three lines or more none of which but the last reaches this share of the usual
    #: width is set in larger type than the text, whatever the words that wrapped (a heading in
    #: a narrow column: "and the Long Road to" / "Implementation").
    larger_type_line: float = 0.7
    #: After an introducing line, a line ending in a word (no punctuation) ends its block when
    #: it and the next line's first word take less than this share of the usual width: well
    #: short, since a list item's text is set narrower than the paragraphs the width comes from.
    unended_short_line: float = 0.8
    #: A full line: this share of wrapped lines is at most as wide (``advance``).
    full_percentile: float = 0.9
    #: What did not fit: of the wrapped lines (half the usual width or more), this share at
    #: most needed as much room for themselves, a space and the next line's first word.
    overflow_percentile: float = 0.02
    #: A line that ends a sentence under this share of a full line, where the next line's first
    #: word would have fitted in less room than any but that share of the wrapped lines needed,
    #: was ended on purpose (however long the usual line: a ragged column's lines fall well
    #: short of its room), with ``early_end_slack`` of a full line to spare (the face the text
    #: was set in is not Helvetica). The word is taken whole (a layout may not break a capitalised
    #: word), and only where the usual line is at least ``early_end_width`` characters long:
    #: in a column of a few words a line the room a line left is too small a share to tell
    #: from the room its letters took (a two-column page's lines, 30 to 40 characters, are
    #: long enough: there the share of the usual width misses more than it finds).
    early_end: float = 0.8
    early_end_width: int = 25
    early_end_slack: float = 0.03
    #: A line that ends a sentence was also ended on purpose where the next line's first word
    #: and a space would have fitted within the usual width in characters and within this share
    #: of a full line's ``advance``: two measures that err differently (the one with every
    #: character alike, the other with Helvetica's advances) agree. Not inside a list item, whose
    #: text is set narrower than the text the width is measured on.
    agreed_end: float = 0.95
    #: A line that ends a sentence was also ended on purpose where the next line's first word
    #: and a space would have fitted, within this share to spare of its ``advance`` and within its
    #: characters, in the second-widest line its own paragraph shows filled (``_filled``). Not
    #: inside a list item.
    filled_slack: float = 0.01
    #: The room is measured on at least this many wrapped lines (all of them, in a shorter text).
    room_sample: int = 500
    #: A word opens the text's paragraphs (``Openers``) where it opens at least
    #: ``min_opener_starts`` lines after a sentence's end that left room for it within
    #: ``opener_short`` of the usual width (stricter than ``short_line``: an end few measures doubt),
    #: and more than ``opener_ratio`` times as often as it opens a sentence inside a line; it
    #: opens only paragraphs where it opens at least ``min_only_opener_starts`` such lines and no
    #: sentence inside a line.
    opener_short: float = 0.9
    min_opener_starts: int = 1
    opener_ratio: int = 3
    min_only_opener_starts: int = 2
    #: After a sentence's end, a word that opens the text's paragraphs often starts one where it
    #: would have fitted within this share of the usual width or of the paragraph's filled lines,
    #: counted in characters (which measure a line set in a proportional face to a letter or two).
    opener_fit: float = 1.1
    #: ... in a text that opens at least this many sentences inside its lines: in a shorter one a
    #: word's absence there shows nothing.
    min_inside_sentences: int = 20
    #: A text sets its paragraphs' first lines in (``TextStats.sets_in``) where at least
    #: ``set_in_lines`` of the lines after a sentence's end the next word would have fitted after
    #: (in ``unended_short_line`` of the usual width: a paragraph's end, whatever the face) stand at
    #: its usual first-line indent, and at least ``set_in_share`` of those at that indent or at the
    #: margin.
    set_in_lines: int = 2
    set_in_share: float = 0.75
    #: A first-line indent is at least this many columns past the text's margin.
    min_indent: int = 2
    #: A first-line indent is at most this many columns (more is centring or a column).
    max_indent: int = 12

    def __post_init__(self) -> None:
        if not 0 < self.short_line <= 1 or self.first_line_indent < 0 or self.min_wrapped_lines < 1 \
                or not 0 < self.width_percentile <= 1 or self.window < 1 or not 0 < self.min_indent <= self.max_indent \
                or not 0 < self.full_percentile <= 1 or not 0 <= self.overflow_percentile < 1 \
                or not 0 < self.early_end <= 1 or not 0 < self.agreed_end <= 1 or self.room_sample < 1 \
                or not 0 <= self.filled_slack < 1 or self.set_in_lines < 1 or not 0 < self.set_in_share <= 1 \
                or not 0 < self.opener_short <= 1 or self.min_opener_starts < 1 or self.opener_ratio < 1 \
                or self.opener_fit < 1 \
                or self.min_only_opener_starts < self.min_opener_starts or self.min_inside_sentences < 0:
            raise ValueError(f"invalid block parameters: {self!r}")


@dataclass(frozen=True, slots=True)
class Openers:
    """The words that open the text's paragraphs (``BlockParams.opener_short``): ``often``, far
    more often than a sentence inside a line; ``only``, never one there. After a sentence's end
    that left room for one of the first in characters (less than the other measures of ``_short``
    ask), or after any sentence's end for one of the second, a paragraph opens. Honorifics are
    counted as one word (``_opener_key``)."""

    often: frozenset[str] = frozenset()
    only: frozenset[str] = frozenset()

    def opens_often(self, word: str) -> bool:
        """Return True if ``word`` opens the text's paragraphs far more often than its sentences."""
        return _opener_key(word) in self.often

    def opens_only(self, word: str) -> bool:
        """Return True if ``word`` opens the text's paragraphs and none of its sentences inside a line."""
        return _opener_key(word) in self.only


#: What every honorific is counted as (``_opener_key``): no word of a text.
_HONORIFIC = "\0honorific"


def _opener_key(word: str) -> str:
    """Return what ``word`` is counted as among the openers: an honorific stands for them all
    (a text whose paragraphs open with their speaker's name, "Dr. Ruiz said", opens them so
    whoever speaks), any other word for itself."""
    return _HONORIFIC if p.is_honorific(word) else word


@dataclass(frozen=True, slots=True)
class TextStats:
    """What the text's own lines say: the usual width of a wrapped line and the text's left margin.

    ``width`` is the whole text's; ``local`` (line index -> width) is measured from the wrapped
    lines around each line, where there are enough of them: a page set in two narrow columns
    after one in a single wide column has its own full line.
    """

    width: int  # 0 when the text has too few wrapped lines to tell (paragraphs as single lines)
    margin: int
    local: tuple[int, ...] = ()
    #: The usual first-line indent: the indent most lines past the margin have after a
    #: sentence's end (0 when no line is indented so).
    first_indent: int = 0
    #: The text breaks words at line ends (``BlockParams.hyphenated_share`` of its wrapped lines).
    hyphenated: bool = False
    #: The extractor ran lines together across the hyphens that broke words (raw ``pdftotext``):
    #: the text breaks words, but no line ends in a hyphen-minus that broke one.
    joined: bool = False
    #: The ``advance`` of a full line (``BlockParams.full_percentile`` of the wrapped lines) and
    #: the least room a wrapped line and the next line's first word needed
    #: (``BlockParams.overflow_percentile``); None: not measured.
    room: tuple[float, float] | None = None
    #: How many wrapped lines ``room`` was measured on (half the usual width or more).
    room_lines: int = 0
    #: The text sets its paragraphs' first lines in: a paragraph that a sentence's end with room
    #: after it ends is followed by one that opens at ``first_indent`` (``BlockParams.set_in_share``).
    sets_in: bool = False
    #: The words that open the text's paragraphs, hardly its sentences inside them.
    openers: Openers = Openers()

    def width_at(self, index: int) -> int:
        """Return the usual width of a full line around line ``index``."""
        return self.local[index] if self.local and self.local[index] else self.width


_STARTS_LOWER = re.compile(r"^[\"'“‘(]?[a-z]")
_OPENING = "\"'“‘([«¿¡"


def starts_sentence(text: str) -> bool:
    """Return True if ``text`` starts as a sentence can: a capital, a digit, or a letter without case."""
    first = text.lstrip(_OPENING)[:1]
    return first.isdigit() or first.isupper() or (first.isalpha() and not first.islower())


def _percentile(values: list[int], share: float) -> int:
    return _percentile_of_sorted(sorted(values), share)


def _percentile_of_sorted(ordered: list[int], share: float) -> int:
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(lines: list[Line], params: BlockParams = BlockParams()) -> TextStats:
    """Return the usual width of the text's wrapped lines (overall and around each line) and its margin."""
    wrapped = [(index, len(a.text.strip())) for index, (a, b) in enumerate(zip(lines, lines[1:]))
               if a.text and b.text and _STARTS_LOWER.match(b.text.strip()) and not p.ends_sentence(a.text)]
    margins: dict[int, int] = {}
    for line in lines:
        if line.text:
            margins[line.indent] = margins.get(line.indent, 0) + 1
    margin = max(margins, key=lambda indent: (margins[indent], -indent)) if margins else 0
    first_indents: dict[int, int] = {}
    for a, b in zip(lines, lines[1:]):
        if a.text and b.text and margin + params.min_indent <= b.indent <= margin + params.max_indent \
                and p.ends_sentence(a.text):
            first_indents[b.indent] = first_indents.get(b.indent, 0) + 1
    first_indent = max(first_indents, key=lambda indent: (first_indents[indent], -indent)) if first_indents else 0
    if len(wrapped) < params.min_wrapped_lines:
        # Too short a text to measure its wrapping: its longest line stands for a full one.
        return TextStats(max((len(line.text.strip()) for line in lines if line.text), default=0), margin,
                         first_indent=first_indent)
    width = _percentile([length for _, length in wrapped], params.width_percentile)
    # A line far longer than the usual one is two lines an extractor ran together (across a
    # hyphen, which it removed): it tells nothing of the width around it, but that words are
    # broken at line ends.
    merged = sum(1 for _, length in wrapped if length > params.merged_line * width)
    wrapped = [(index, length) for index, length in wrapped if length <= params.merged_line * width]
    # The window's lengths are kept sorted as it slides, one line in and one out at a time:
    # sorting the whole window again for every line took two thirds of the measuring
    # (a PDF of 1,389 pages: 0.22 s -> 0.13 s).
    local = [0] * len(lines)
    window: list[int] = []
    low = high = 0
    for index in range(len(lines)):
        while low < len(wrapped) and wrapped[low][0] < index - params.window:
            del window[bisect.bisect_left(window, wrapped[low][1])]
            low += 1
        while high < len(wrapped) and wrapped[high][0] <= index + params.window:
            bisect.insort(window, wrapped[high][1])
            high += 1
        if len(window) >= params.min_wrapped_lines:
            local[index] = _percentile_of_sorted(window, params.width_percentile)
    kept = [index for index, _ in wrapped if breaks_word(lines[index].text, lines[index + 1].text)]
    hyphenated = merged + len(kept) >= params.hyphenated_share * len(wrapped)
    # A layout's U+2010 the extractors keep; a hyphen-minus raw pdftotext takes out, joining the lines.
    joined = hyphenated and not any(lines[index].text.rstrip().endswith("-") for index in kept)
    # The room is measured on an even sample of the wrapped lines: its percentiles are as good,
    # and a long text costs no more than a report's length of them.
    sample = [index for index, length in wrapped if 2 * length >= width]
    room_lines = len(sample)
    sample = sample[::max(1, len(sample) // params.room_sample)]
    full = [advance(lines[index].text.strip()) for index in sample]
    needed = [line + advance(" " + _first_word(lines[index + 1], False, params)) for line, index in zip(full, sample)]
    room = (_percentile_of_sorted(sorted(full), params.full_percentile),
            _percentile_of_sorted(sorted(needed), params.overflow_percentile)) if full else None
    return TextStats(width, margin, tuple(local), first_indent, hyphenated, joined, room, room_lines,
                     sets_in=_sets_in(lines, width, margin, first_indent, params),
                     openers=_openers(lines, width, params))


def _sets_in(lines: list[Line], width: int, margin: int, first_indent: int, params: BlockParams) -> bool:
    """Return True if the text sets its paragraphs' first lines in (``TextStats.sets_in``)."""
    if not first_indent:
        return False
    counts = {first_indent: 0, margin: 0}
    for a, b in zip(lines, lines[1:]):
        if b.indent in counts and a.text and b.text and p.ends_sentence(a.text) \
                and len(a.text.strip()) + 1 + len(b.text.split()[0]) < params.unended_short_line * width:
            counts[b.indent] += 1
    return counts[first_indent] >= params.set_in_lines \
        and counts[first_indent] >= params.set_in_share * (counts[first_indent] + counts[margin])


#: A sentence's end inside a line, and the word that opens the next sentence.
_SENTENCE_INSIDE = re.compile(r"[.!?][\"'”’)]*\s+(\S+)")


def _openers(lines: list[Line], width: int, params: BlockParams) -> Openers:
    """Return the words that open the text's paragraphs (``Openers``): each counted where it
    opens a line after a sentence's end short of the usual ``width`` (``BlockParams.opener_short``),
    blank lines between them or none, and where it opens a sentence inside a line, which no
    paragraph does. A text whose paragraphs open with their speaker's honorific or the same
    subject, and whose sentences inside them do not, shows it."""
    starts: dict[str, int] = {}
    inside: dict[str, int] = {}
    previous: Line | None = None  # the last text line, over blank ones (a space between paragraphs)
    for line in lines:
        if not line.text:
            continue
        word = _first_word(line, False, params)
        if word and previous is not None and starts_sentence(word) and p.ends_sentence(previous.text) \
                and len(previous.text.strip()) + 1 + len(word) < params.opener_short * width:
            word = _opener_key(word)
            starts[word] = starts.get(word, 0) + 1
        previous = line
    for line in lines:
        for word in _SENTENCE_INSIDE.findall(line.text):
            if starts_sentence(word):
                word = _opener_key(word)
                inside[word] = inside.get(word, 0) + 1
    if sum(inside.values()) < params.min_inside_sentences:
        return Openers()
    often = [word for word, count in starts.items()
             if count >= params.min_opener_starts and count > params.opener_ratio * inside.get(word, 0)]
    only = [word for word, count in starts.items() if count >= params.min_only_opener_starts and word not in inside]
    return Openers(frozenset(often), frozenset(only))


def advance(text: str) -> float:
    """Return how wide ``text`` is set in Helvetica at 1 pt: a measure of the room a line takes
    in a proportional face, where digits and capitals take more than most letters. A character
    Helvetica's Windows encoding lacks counts as wide as a digit."""
    widths, digit = _helvetica_widths()
    return sum(map(widths.get, text, repeat(digit))) / 1000


@cache
def _helvetica_widths() -> tuple[dict[str, int], int]:
    """Return each character of Helvetica's Windows encoding and its advance, and a digit's
    (thousandths of the type size): the Adobe metrics ReportLab ships. Only these two data
    modules are imported, on first use: ReportLab's font machinery would cost a JSON run a
    tenth of a second."""
    from reportlab.pdfbase._fontdata_enc_winansi import WinAnsiEncoding
    from reportlab.pdfbase._fontdata_widths_helvetica import widths

    chars = (bytes([code]).decode("cp1252", "replace") for code in range(len(WinAnsiEncoding)))
    return ({char: widths[name] for char, name in zip(chars, WinAnsiEncoding) if name in widths and char != "\ufffd"},
            widths["zero"])


def wrapped_early(line: Line, following: Line, stats: TextStats, params: BlockParams = BlockParams()) -> bool:
    """Return True if ``line`` wrapped into ``following`` where the next word would have fitted
    on it in less room than nearly any wrapped line of the text needed (``TextStats.room``, with
    ``params.early_end_slack`` of a full line to spare): the line is set narrower than the text,
    as a list item's are by its marker's indent. The word is taken whole: a text that breaks
    words need not break every one. Not measured where the usual line is shorter than
    ``params.early_end_width`` characters, nor on a line under half the usual width (a fragment an
    extractor cut from its line, as the room is measured on none), nor after a hyphen that broke
    a word there."""
    if not stats.room or stats.width < params.early_end_width or 2 * len(line.text.strip()) < stats.width \
            or line.text.rstrip().endswith(("-", "\u00ad")):
        return False
    needed = advance(line.text.strip()) + advance(" " + _first_word(following, False, params))
    return _in_least_room(needed, stats.room, params)


def item_sentence_ended(previous: Line, line: Line, width: int, stats: TextStats,
                        params: BlockParams = BlockParams()) -> bool:
    """Return True if ``previous``, a list item's line that ends a sentence, was ended on purpose
    before ``line``, as ``group_blocks`` reads an item's lines (``_short`` given the text's
    measures, ``stats``): the unmarked list's reading and the blocks' agree on where an item ends."""
    return _short(previous, line, width, params, stats.hyphenated, ends_sentence=True, room=stats.room,
                  joined=stats.joined, in_item=True, openers=stats.openers)


def _in_least_room(needed: float, room: tuple[float, float], params: BlockParams) -> bool:
    """Return True if a line and the next word, ``needed`` wide, take less room than nearly any
    wrapped line and its next word needed (``TextStats.room``), with ``params.early_end_slack`` of
    a full line to spare (the face the text was set in is not Helvetica)."""
    full, overflow = room
    return needed < overflow - params.early_end_slack * full


def _ended_early(previous: Line, word: str, room: tuple[float, float], params: BlockParams) -> bool:
    """Return True if ``previous`` takes under ``params.early_end`` of a full line (``room``, in
    ``advance``) and it and ``word``, the next line's first (whole: a layout may not break a
    capitalised word), take less room than nearly any wrapped line needed (``_in_least_room``)."""
    taken = advance(previous.text.strip())
    return taken < params.early_end * room[0] and _in_least_room(taken + advance(" " + word), room, params)


def _first_word(line: Line, hyphenated: bool, params: BlockParams) -> str:
    """Return the first word of ``line``: in a ``hyphenated`` text, of a long word, what of it
    would have fitted at the least (``params.min_fragment`` letters and a hyphen)."""
    words = line.text.split()
    first_word = words[0] if words else ""
    if hyphenated and len(first_word) > params.min_fragment + 1 and first_word.isalpha():
        return first_word[:params.min_fragment] + "-"
    return first_word


def is_speaker_line(text: str) -> bool:
    """Return True if ``text`` is a speaker's name line: a name, then a role or nothing.

    A paragraph that opens with an honorific and a name as its subject ("Mr. Lee, whose
    office ... stressed that") is not one: what follows the name is running text, not a
    role, which starts with a capital ("Mr. Lee, Director of ...").
    """
    if len(text) > 250 or not p.may_name_speaker(text) or p.ends_sentence(text):
        return False
    found = p.split_speaker_line(text)
    if found is None:
        return False
    rest = found[1]
    if not rest:
        return not p.opens_with_person(text)
    return not rest[0].islower() and p.is_role_line(rest)


def name_broken_at_hyphen(first: str, following: str) -> str:
    """Return the speaker's line that ``first``, ending in a hyphen, and ``following`` make
    together ("Hon. Ramon Magsaysay-" / "Cruz (Chief Economist, ...", "Dr. Meenakshi Raghu-" /
    "nathan": a name broken at a line's end), or "" where ``first`` is a speaker's line alone or
    the two are none."""
    first = first.rstrip()
    if not first.endswith(("-", "\u2010")) or is_speaker_line(first):
        return ""
    following = following.strip()
    joined = first[:-1] + following if breaks_word(first, following) else first + following
    return joined if is_speaker_line(joined) else ""


def speaker_line_at(lines: Sequence[Line], index: int) -> bool:
    """Return True if a speaker's line opens at ``index``: on that line, or broken at its end's
    hyphen into the next (``name_broken_at_hyphen``)."""
    text = lines[index].text
    return is_speaker_line(text) or index + 1 < len(lines) and bool(name_broken_at_hyphen(text, lines[index + 1].text))


#: A heading (also one the contents page lists) is at most this long ...
MAX_HEADING_CHARS = 160
#: ... and wraps over at most this many lines; a line that continues a heading is at most
#: ``_MAX_RUN_ON_CHARS`` long.
MAX_HEADING_LINES = 6
#: A title-shaped run of lines before a speaker or over running text is a heading when it has at
#: most this many lines (a long title wraps over four in a narrow column).
MAX_SHAPED_HEADING_LINES = 4
_MAX_RUN_ON_CHARS = 90


#: A sentence's end after a word in lowercase, and another sentence after it ("value. Additional
#: handlers ..."): running text, no line of a heading.
_SENTENCE_THEN_MORE = re.compile(r"[a-z]{2}[.!?][\"”’)]?\s+[A-Z]")

#: A title printed in two text boxes stands at most this many blank lines apart (pdfminer sets one).
_BOX_GAP = 2


class Headings:
    """Which lines are headings: a usual heading form, or a title the contents page lists.

    A heading can wrap over up to ``MAX_HEADING_LINES`` lines (a long title, a narrow column):
    the lines after a heading line run on from it while they are short, title-like or ended
    mid-phrase, and no sentence; or the lines together are a title the contents lists.
    ``spans`` finds them in the text; ``is_heading_chunk`` then knows the chunks they became.
    """

    def __init__(self, titles: frozenset[str] = frozenset()) -> None:
        self.titles = Folded(titles)
        #: A heading's first line (``line_key``: a layout dump's columns share line numbers) -> its
        #: line count, filled by ``spans``.
        self.starts: dict[tuple[int, str], int] = {}

    def is_heading_chunk(self, chunk: Chunk) -> bool:
        """Return True if ``chunk`` is a heading: one line, or a heading ``spans`` found wrapped."""
        if self.starts.get(line_key(chunk.lines[0])) == len(chunk.lines):
            return True
        if len(chunk.lines) == 1:
            return self.is_heading(chunk.lines[0].text)
        return len(chunk.lines) == 2 and p.looks_like_title(chunk.lines[0].text) and self.is_heading(chunk.text)

    def is_heading(self, text: str, wrapped: bool = False) -> bool:
        """Return True if the line ``text`` (``wrapped``: lines of a heading joined) is a heading."""
        text = text.strip()
        if not text or len(text) > MAX_HEADING_CHARS or p.ends_sentence(text):
            return False
        kind = p.heading_kind(text, MAX_HEADING_CHARS) if wrapped else p.heading_kind(text)
        found = bool(kind) or (bool(self.titles) and text.strip("*").strip() in self.titles)
        return found and not is_speaker_line(text)

    def starts_at(self, lines: list[Line], index: int) -> bool:
        """Return True if a heading starts at line ``index``: the line is one, or it and the lines
        after it make a title the contents lists."""
        return self.is_heading(lines[index].text) or bool(self.titles) and self._listed(lines, index) > 0

    def _listed(self, lines: list[Line], index: int) -> int:
        """Return how many lines from ``index`` together make a title the contents lists (0 if none).

        The longest match wins: a wrapped entry's first line is listed on its own as well. Past
        ``MAX_HEADING_LINES``, lines go on while they are the start of a listed title (one set a
        word a line: a justified title an extractor cut at its wide spaces).
        """
        words = lines[index].text.split()
        if not words or not self.titles.may_start(words[0]):
            return 0
        text = ""
        best = 0
        for count in range(1, len(lines) - index + 1):
            if not lines[index + count - 1].text or count > 1 and is_speaker_line(lines[index + count - 1].text):
                break
            line = lines[index + count - 1].text.strip()
            text = join_wrapped(text, line)
            if len(text) > MAX_HEADING_CHARS or count > MAX_HEADING_LINES and not self.titles.begins_one(text):
                break
            if count > 1 and text in self.titles and not is_speaker_line(text):
                best = count
        return best

    def _listed_over_blank(self, lines: list[Line], index: int) -> bool:
        """Return True if the line at ``index`` and the next text line, up to ``_BOX_GAP`` blank
        lines on, make a title the contents lists: a title in two text boxes (pdfminer). A
        speaker's name and role are none (a PDF's outline may list them)."""
        if index + 1 >= len(lines) or lines[index + 1].text:
            return False  # no blank line after it: ``_listed``'s case
        words = lines[index].text.split()
        if not words or not self.titles.may_start(words[0]) or is_speaker_line(lines[index].text):
            return False
        following = next((i for i in range(index + 2, min(len(lines), index + 2 + _BOX_GAP)) if lines[i].text), None)
        if following is None or is_speaker_line(lines[following].text):
            return False
        text = join_wrapped(lines[index].text.strip(), lines[following].text.strip())
        return len(text) <= MAX_HEADING_CHARS and text in self.titles and not is_speaker_line(text)

    def _runs_on(self, lines: list[Line], index: int, count: int) -> bool:
        """Return True if the line after a heading of ``count`` lines at ``index`` continues it."""
        following = index + count
        if following >= len(lines) or not lines[following].text:
            return False
        previous = lines[following - 1].text.strip()
        text = lines[following].text.strip()
        # Title-shaped with the heading's lines ("Session 2: Water Governance" / "and Antimicrobial
        # Resistance:"), a line goes on with it, even into a colon or comma within the title.
        joined = join_wrapped_lines(line.text for line in lines[index:following + 1])
        titled = p.looks_like_title(joined.rstrip(",:"))
        if len(text) > _MAX_RUN_ON_CHARS or p.ends_sentence(text) and not (titled and text.endswith(":")) \
                or _SENTENCE_THEN_MORE.search(text) \
                or is_speaker_line(text) or self.is_heading(text) and not p.completes_heading(previous, text) \
                or p.list_marker(text) or p.HONORIFIC.match(f"{text} ") and not p.continues_phrase(previous):
            # (An honorific opens a speaker's line, its name broken at a hyphen, "H.E. Ana Ruiz-",
            # or written a word per line: "Ambassador" / "Kaveh" / "Moradi,".)
            return False
        after = lines[following + 1].text if following + 1 < len(lines) else ""
        return p.continues_phrase(previous) or p.looks_like_title(text) or titled or not after or is_speaker_line(after)

    @staticmethod
    def _has_room(lines: list[Line], index: int, count: int) -> bool:
        """Return True if the heading of ``count`` lines at ``index`` may go on to another line:
        it has fewer than ``MAX_HEADING_LINES`` (the lines of a justified line that an extractor
        wrote a word per line, marked ``wraps``, count as one), or it ends on a connecting word
        ("... the Long Road to") and is shorter than a heading's most (a long title in larger
        type, in a narrow column)."""
        heading = lines[index:index + count]
        return sum(line.wraps is not True for line in heading[1:]) + 1 < MAX_HEADING_LINES \
            or p.continues_phrase(heading[-1].text) \
            and sum(len(line.text.strip()) + 1 for line in heading) < MAX_HEADING_CHARS

    def spans(self, lines: list[Line]) -> dict[int, int]:
        """Return start index -> line count of every heading in ``lines`` (and remember them)."""
        found: dict[int, int] = {}
        index = 0
        while index < len(lines):
            text = lines[index].text
            count = self._listed(lines, index) if text and self.titles else 0  # the contents lists it whole
            if not count and text and self.titles and self._listed_over_blank(lines, index):
                count = 1  # its first box: the body joins the rest (``BodyBuilder.heading_over_break``)
            if not count and text:
                if self.is_heading(text):
                    count = 1
                elif index + 1 < len(lines) and lines[index + 1].text \
                        and len(text.strip()) + len(lines[index + 1].text.strip()) < MAX_HEADING_CHARS \
                        and p.looks_like_title(text.rstrip().rstrip(",")) \
                        and not is_speaker_line(lines[index + 1].text) \
                        and self.is_heading(f"{text.strip()} {lines[index + 1].text.strip().rstrip(',')}",
                                            wrapped=True):
                    # Its first line ends in a colon or a comma ("Session 3: ...:" / "Evidence ..."),
                    # or the whole is longer than a heading's one line; its second may end in a
                    # comma where a third goes on ("...:" / "Evidence," / "Institutions and ...").
                    count = 2
                while count and self._has_room(lines, index, count) and self._runs_on(lines, index, count):
                    count += 1
            if count and (_continues_sentence(lines, index + count) or _inside_phrase(lines, index, count)
                          or _left_mid_phrase(lines, index, count)):
                count = 0  # a line in the middle of a sentence ("... and\nParticipants\nwere ...")
            if count:
                found[index] = count
                self.starts[line_key(lines[index])] = count
                index += count
            else:
                index += 1
        return found


def _name_wrapped_into(previous: Line, line: Line, width: int, params: BlockParams) -> bool:
    """Return True if ``previous``, a name alone on its line ("Mr. Lee"), wrapped into ``line``:
    it goes on in lowercase, and its first word would not have fitted after the name (a
    paragraph's opening words in a narrow column, not a speaker's name line), or the name is
    one word after its honorific, as a speech names its speaker ("Mrs. Rahmawati" /
    "acknowledged that ..."; a speaker's line gives the whole name)."""
    if not p.opens_in_lowercase(line.text) or not is_speaker_line(previous.text):
        return False
    found = p.split_speaker_line(previous.text)
    return found is not None and not found[1] \
        and (len(found[0].split()) == 2 or not _short(previous, line, width, params))


def _set_in_block(current: list[Line]) -> bool:
    """Return True if the block's last two lines are set in alike (a list item's text under its
    marker, an indented passage), not a paragraph's first line: a line back at a smaller indent
    after them opens a block of its own."""
    if len(current) < 2 or not current[-1].indent:
        return False
    before, last = current[-2], current[-1]
    marker = p.list_marker(before.text)
    return before.indent == last.indent or marker is not None and marker[2] == last.indent


#: A line of at most this many words in lowercase, standing apart, is a stray fragment: words an
#: extractor took out of a justified line and printed apart (pdfminer's boxes, pdftotext at a
#: page's foot), whose place the text does not tell.
MAX_STRAY_WORDS = 2


def is_stray(text: str) -> bool:
    """Return True if ``text``, a line standing apart, is a stray fragment (``MAX_STRAY_WORDS``)."""
    return p.opens_in_lowercase(text) and len(text.split(None, MAX_STRAY_WORDS)) <= MAX_STRAY_WORDS \
        and p.list_marker(text) is None


def _box_edge(lines: list[Line], index: int, headings: dict[int, int]) -> bool:
    """Return True if the blank line at ``index``, after a line the source shows going on (a
    justified line stretched, or ended with the space drawn where it wrapped) or a stray fragment
    (``is_stray``), is only the edge of a text box (pdfminer): on the same page, one blank line,
    then running text (no heading, speaker, list item or line set in). Not in a source that
    measures its lines (a PDF read with its type): there a blank line is a gap drawn on the page."""
    after = index + 1
    if lines[index].page_break or lines[index - 1].size or after >= len(lines) or not lines[after].text \
            or lines[after].page != lines[index - 1].page or after in headings:
        return False
    text = lines[after].text
    # A dash opening the line a wrapped line went on into is an aside's ("– as the survey
    # showed –"), no item's marker.
    marker = p.list_marker(text)
    return lines[after].wraps is not False and lines[after].indent <= lines[index - 1].indent \
        and not is_speaker_line(text) and (marker is None or lines[index - 1].stretched is True
                                           and p.opens_with_dash(text))


#: A text shows that its extractor cut paragraphs into text boxes where at least this many
#: blank lines stand between a line filled with no sentence's end and one going on in lowercase.
MIN_BOX_SPLITS = 3


def _splits_boxes(lines: list[Line], stats: TextStats, params: BlockParams) -> bool:
    """Return True if the text shows paragraphs cut into text boxes (``MIN_BOX_SPLITS``): pdfminer
    gives a Chromium PDF's paragraph as several boxes, a blank line between them."""
    found = 0
    for index in range(1, len(lines) - 1):
        before, after = lines[index - 1], lines[index + 1]
        if not lines[index].text and before.text and after.text and _STARTS_LOWER.match(after.text.strip()) \
                and not p.ends_sentence(before.text) and not _short(before, after, stats.width_at(index), params):
            found += 1
            if found >= MIN_BOX_SPLITS:
                return True
    return False


def _first_line_boxed(current: list[Line], lines: list[Line], index: int, stats: TextStats,
                      params: BlockParams) -> bool:
    """Return True if the one line read before the blank line at ``index`` is a paragraph's first
    line in a box of its own, in a text that cuts paragraphs into boxes (``_splits_boxes``): it
    ends a sentence (not a colon: a list's introduction), but the next line's first word would
    not have fitted after it. Not a list item's line, set narrower than the text."""
    after = index + 1
    return len(current) == 1 and after < len(lines) and bool(lines[after].text) \
        and p.list_marker(current[0].text) is None and p.ends_sentence(current[0].text) \
        and not current[0].text.rstrip().endswith(":") and starts_sentence(lines[after].text.strip()) \
        and not _short(current[0], lines[after], stats.width_at(index), params)


def _inside_phrase(lines: list[Line], index: int, count: int) -> bool:
    """Return True if the ``count`` lines at ``index`` stand inside a phrase: the line right
    before them leaves it open (on a connecting word or a bracket it opened) and the line right
    after them goes on with no capital ("... (see" / "Annex" / "2). ...")."""
    before = lines[index - 1].text.strip() if index else ""
    after = lines[index + count].text.strip() if index + count < len(lines) else ""
    return bool(before and after) and (p.continues_phrase(before) or before.count("(") > before.count(")")) \
        and not after[:1].isupper()


def _left_mid_phrase(lines: list[Line], index: int, count: int) -> bool:
    """Return True if the ``count`` lines at ``index`` end mid-phrase ("Section 3.5. Args: cmd: A
    RETR, LIST, or") and the line right after them, none of theirs, holds text: running text
    that a heading's form opened, not a heading (one broken by a page's end goes on after it)."""
    after = index + count
    return after < len(lines) and bool(lines[after].text) and p.continues_phrase(lines[after - 1].text)


def _continues_sentence(lines: list[Line], index: int) -> bool:
    """Return True if the line at ``index`` (or the next non-blank one) starts in lowercase."""
    following = next((line for line in lines[index:index + 2] if line.text), None)
    return following is not None and bool(_STARTS_LOWER.match(following.text.strip()))


def _title_over_text(current: list[Line], line: Line, following: Line | None, width: int,
                     params: BlockParams, apart: bool = False, openers: Openers = Openers()) -> bool:
    """Return True if the block so far is a title ended on purpose over running text, with no
    blank line between: a heading no usual form or contents page confirms.

    The title is title-shaped over up to ``MAX_SHAPED_HEADING_LINES`` lines, or up to
    ``MAX_HEADING_LINES`` each ended well short (larger type in a narrow column); the first word
    of ``line`` would have fitted after it, or the title is one line wider than any of running
    text (``wider_than_text``), or in larger type (``_in_larger_type``), or, one line set ``apart``
    from the text before it by a blank line, it ends well short of the usual width
    (``params.unended_short_line``: a heading's larger type takes more room than its letters
    count), or ``line`` opens with a word that opens only the text's paragraphs (``openers``:
    ``Openers.opens_only``); ``line`` starts running text (not title- or
    role-shaped) that wraps into the ``following`` line (the next word would not have fitted
    after it, or the source shows it going on: ``Line.stretched``). (The caller checks that the
    block does not run on from a page before.)
    """
    if len(current) > MAX_HEADING_LINES or not starts_sentence(line.text.strip()) or p.looks_like_title(line.text) \
            or p.is_role_line(line.text) \
            or not (_short(current[-1], line, width, params)
                    or len(current) == 1 and wider_than_text(current[0].text, width, params)
                    or apart and len(current) == 1
                    and len(current[0].text.strip()) < params.unended_short_line * width
                    or _in_larger_type(current, width, params)
                    or openers.opens_only(_first_word(line, False, params))) \
            or line.stretched is not True and (following is None or not following.text
                                               or _short(line, following, width, params)):
        return False
    if len(current) > MAX_SHAPED_HEADING_LINES and not _in_larger_type(current, width, params):
        return False
    text = join_wrapped_lines(wrapped.text for wrapped in current)
    return p.looks_like_title(text) and not p.continues_phrase(text) and text.count("(") == text.count(")") \
        and not is_speaker_line(text) and p.list_marker(text) is None and not p.goes_on_in_capitals(text, line.text)


def _in_larger_type(current: list[Line], width: int, params: BlockParams) -> bool:
    """Return True if ``current``, two lines or more, wrapped each line well short of the usual
    ``width`` (the next line's first word would have fitted, or the word it broke, whole:
    ``_broke_fitting_word``), or, three lines or more, none but the last reaching
    ``params.larger_type_line`` of it whatever word wrapped: a title in larger type than the
    running text, whose last line then ended the title however long it is in characters. Not
    lines in capitals, which are short in characters for their width ("... A LAW FIRM AND DOES
    NOT PROVIDE LEGAL" / "SERVICES. ...")."""
    if len(current) < 2 or any(line.text.isupper() for line in current):
        return False
    return all(_short(above, below, width, params) or _broke_fitting_word(above, below, width, params)
               for above, below in zip(current, current[1:])) \
        or len(current) > 2 and max(len(line.text.strip()) for line in current[:-1]) < params.larger_type_line * width


def _broke_fitting_word(previous: Line, line: Line, width: int, params: BlockParams) -> bool:
    """Return True if ``previous`` broke a word at its end that, whole, would have fitted on it
    within ``params.short_line`` of the usual ``width`` ("Reforming District Hospi-" / "tals in
    ..." in a column whose text takes more letters): a line in larger type than the text."""
    if not breaks_word(previous.text, line.text):
        return False
    rest = line.text.split()[0]
    return len(previous.text.strip()) - 1 + len(rest) < params.short_line * width


def wider_than_text(text: str, width: int, params: BlockParams = BlockParams()) -> bool:
    """Return True if the line ``text`` is wider than any line of running text, whose usual
    width is ``width`` (``BlockParams.wide_title``)."""
    return len(text.strip()) > params.wide_title * width


def _title_after_sentence(previous: Line, lines: list[Line], index: int, width: int, params: BlockParams,
                          openers: Openers = Openers()) -> bool:
    """Return True if, after ``previous`` ends a sentence, a title ended on purpose over running
    text (``_title_over_text``) starts at line ``index``, shorter than the usual ``width`` (or
    wider than any line of running text: ``wider_than_text``): one line, or up to
    ``MAX_SHAPED_HEADING_LINES`` (a title wrapped after a comma: "...: Evidence," / "Institutions
    and the Long Road ..."). Not after a title-shaped line ending in a colon: the lines after it
    are that title's rest."""
    before = previous.text.rstrip()
    if len(lines[index].text.strip()) >= width and not wider_than_text(lines[index].text, width, params) \
            or not p.ends_sentence(previous.text) \
            or before.endswith(":") and p.looks_like_title(before[:-1]):
        return False
    return _title_lines_over_text(lines, index, width, params, openers) > 0


def _title_lines_over_text(lines: Sequence[Line], index: int, width: int, params: BlockParams,
                           openers: Openers = Openers()) -> int:
    """Return how many lines from ``index`` (up to ``MAX_SHAPED_HEADING_LINES``, no blank among
    them) make a title ended on purpose over the running text after them (``_title_over_text``;
    the text's ``openers`` tell a paragraph's first word), 0 if none does."""
    for count in range(1, MAX_SHAPED_HEADING_LINES + 1):
        if index + count >= len(lines) or not lines[index + count - 1].text:
            return 0
        line = lines[index + count]
        following = lines[index + count + 1] if index + count + 1 < len(lines) else None
        if _title_over_text(list(lines[index:index + count]), line, following, width, params, openers=openers):
            return count
    return 0


def title_opening(lines: Sequence[Line], width: int, params: BlockParams = BlockParams()) -> int:
    """Return how many of ``lines`` (a run from where a block could start) make a title ended on
    purpose over the running text after them (``_title_lines_over_text``, at the usual
    ``width``), 0 if they do not: a page's first lines (its header taken out), or a run the
    grouper read as one block with the lines before it (the title page's, after its last field)."""
    return _title_lines_over_text(lines, 0, width, params)


def _inside_title_before_speaker(lines: list[Line], index: int, current: list[Line]) -> bool:
    """Return True if the block so far (``current``, the lines right before ``index``) and the
    line at ``index`` are one title a speaker follows (``title_before_speaker`` from its first
    line): a long title wrapped in a narrow column ("... Settle-" / "ments across the Andean" /
    "Region") opens no block at a line that could end a shorter one."""
    start = index - len(current)
    return start >= 0 and lines[start] is current[0] and title_before_speaker(lines, start)


def title_before_speaker(lines: list[Line], index: int) -> bool:
    """Return True if up to ``MAX_HEADING_LINES`` lines from ``index`` are title-shaped and a
    speaker line follows them (a blank line between, pdfminer's box edge, or none): a heading no
    usual form or contents page confirms. A line before the last may end mid-phrase, on a comma
    or colon ("...: Evidence," / "Institutions and ...")."""
    text = ""
    for count in range(1, MAX_HEADING_LINES + 1):
        if index + count >= len(lines) or not lines[index + count - 1].text:
            return False
        line = lines[index + count - 1].text.strip()
        text = join_wrapped(text, line)
        if not p.looks_like_title(text.rstrip(",:")):
            return False
        after = index + count
        if not lines[after].text and after + 1 < len(lines) and not lines[after].page_break:
            after += 1
        if speaker_line_at(lines, after):
            return p.looks_like_title(text)
    return False


def _short(previous: Line, line: Line, width: int, params: BlockParams, hyphenated: bool = False,
           share: float = 0.0, ends_sentence: bool = False, room: tuple[float, float] | None = None,
           joined: bool = False, in_item: bool = False, block: Sequence[Line] = (),
           openers: Openers = Openers()) -> bool:
    """Return True if ``previous`` was ended on purpose: the next line's first word would have
    fitted within ``share`` of the usual width (``params.short_line`` unless given; after a
    block's first line, ``params.first_line_indent`` characters more; outside a
    list item, where the text's ``room`` is measured, not where the line and the word would
    take a full line's ``advance`` (``share`` of it, where given) or more: its capitals and
    figures are wide); or, where
    it ``ends_sentence``, the word opens only the text's paragraphs (``openers``: ``Openers``),
    or, outside a list item, opens them often and would have fitted, in characters, within
    ``params.opener_fit`` of the usual width or of the second-widest line the paragraph shows
    filled (``_filled``); or, where
    it ``ends_sentence`` and the text's ``room`` is measured (``TextStats.room``), it is under
    ``params.early_end`` of a full line and the word would have fitted in less room than
    nearly any wrapped line needed, or, outside a list item (``in_item``), the word would have
    fitted within the usual width and within ``params.agreed_end`` of a full line, or within a
    line that the paragraph (``block``, its lines up to ``previous``) shows filled.

    In a ``hyphenated`` text, a long word that did not fit would have been broken: its first
    ``params.min_fragment`` letters and a hyphen would have fitted. Where the extractor ``joined``
    lines across such hyphens (``TextStats.joined``), a line well over the usual width is two
    (``_last_of_merged``): the second is measured, in characters and for the openers, not in
    advances (where the two were cut no measure tells).
    """
    if not width:
        return False
    first_word = _first_word(line, hyphenated, params)
    # (A block's first line, in characters, with the first-line indent the text may not show.)
    length = len(previous.text.strip()) + (params.first_line_indent if len(block) == 1 else 0)
    merged = _last_of_merged(previous, width, params, joined, ends_sentence)
    last = length if merged is None else merged  # the last line's, of two run together
    word = _first_word(line, False, params)
    if last + 1 + len(first_word) < (share or params.short_line) * width and not (
            room and not in_item and merged is None
            and advance(previous.text.strip()) + advance(" " + word) >= (share or 1.0) * room[0]):
        return True
    if ends_sentence and (openers.opens_only(word) or not in_item and openers.opens_often(word) and last + 1
                          + len(word) < params.opener_fit * max(width, (_filled(block, width, params) or (0, 0.0))[0])):
        return True
    if merged is not None or not (ends_sentence and room) or width < params.early_end_width:
        return False
    needed = advance(previous.text.strip()) + advance(" " + word)
    if not in_item and length + 1 + len(word) < width and needed < params.agreed_end * room[0]:
        return True
    filled = _filled(block, width, params) if not in_item else None
    if filled and length + 1 + len(word) < filled[0] and needed < (1 - params.filled_slack) * filled[1]:
        return True
    return _ended_early(previous, word, room, params)


def _last_of_merged(line: Line, width: int, params: BlockParams, joined: bool, ends_sentence: bool) -> int | None:
    """Return the length of the last of two lines an extractor ran together into ``line`` (across
    a hyphen it took out, where the text is ``joined``; in a text that breaks no words, at a
    compound's own, where the line ``ends_sentence``), or None if it is one line: the second is
    what is left past the usual ``width``."""
    length = len(line.text.strip())
    if length > params.run_together * width and joined or length > params.merged_line * width and ends_sentence:
        return length - width
    return None


#: ``_filled`` measures at most this many of a block's lines, the last before the line asked about.
_FILLED_LINES = 40


def _filled(block: Sequence[Line], width: int, params: BlockParams) -> tuple[int, float] | None:
    """Return the length and the ``advance`` of the second-widest line that ``block`` shows
    filled (each measure on its own), or None when it shows fewer than two.

    A filled line is one the paragraph goes on after without a sentence's end or a colon: the
    next word did not fit in it, so a line that ends a sentence and has room for the next
    paragraph's first word within such a line's width was ended on purpose. Its spaces count one
    each (an extractor may print a justified line's stretched spaces as several); a line far over
    the usual ``width`` is two run together. The second-widest, not the widest: a single line's
    advance in Helvetica may be over what it took in the face the text was set in (dashes,
    digits and capitals are wide in Helvetica) by more than the slack. Only the block's last
    ``_FILLED_LINES`` lines before its last are measured: a paragraph's lines fill alike, and a
    paragraph of thousands of lines would be measured whole again at each of its lines.
    """
    lines = block[max(0, len(block) - 1 - _FILLED_LINES):-1]
    measures = [measure for measure in map(_filled_measure, (line.text for line in lines))
                if measure and measure[0] <= params.filled_line * width]
    if len(measures) < 2:
        return None
    return sorted(length for length, _ in measures)[-2], sorted(room for _, room in measures)[-2]


@lru_cache(maxsize=4096)
def _filled_measure(text: str) -> tuple[int, float] | None:
    """Return the length and ``advance`` of a line's ``text`` (its spaces one each), or None if it
    ends a sentence or a colon: a paragraph read again as it grows measures each line once."""
    if p.ends_sentence(text) or text.rstrip().endswith(":"):
        return None
    text = " ".join(text.split())
    return (len(text), advance(text)) if text else None


#: An introducing line is running text: at least this many words before its colon.
MIN_INTRO_WORDS = 3
#: ... and no longer than this share of the usual width (the median wrapped line's: in a
#: narrow column a line that ends where the text did may well be longer).
MAX_INTRO_WIDTH = 1.4


def introduces(line: Line, width: int) -> bool:
    """Return True if ``line`` introduces what follows ("... as follows:") and was ended on
    purpose: running text ending in a colon, at most ``MAX_INTRO_WIDTH`` of the usual width
    ``width``; not a title-page label
    ("Venue:"): ``MIN_INTRO_WORDS`` words or more, or a line in lowercase that an introduction
    wrapped onto ("concerns:")."""
    text = line.text.strip()
    return text.endswith(":") and (len(text.split()) >= MIN_INTRO_WORDS or text[:1].islower()) \
        and not p.list_marker(text) \
        and not p.looks_like_title(text) and (not width or len(text) < MAX_INTRO_WIDTH * width)


#: A line that ends in a word: a letter, no punctuation after it.
ENDS_IN_WORD = re.compile(r"[^\W\d_]\s*$")


def ends_unpunctuated_item(previous: Line, line: Line, width: int, params: BlockParams,
                           hyphenated: bool = False, joined: bool = False,
                           room: tuple[float, float] | None = None) -> bool:
    """Return True if ``previous``, read where a line ending in a colon introduced a list, is
    an item's last line, unpunctuated, and ``line`` the next item's first: ``previous`` ends in a
    word, is no title, and is well short of a full line (``params.unended_short_line``, and of
    its ``advance`` where the ``room`` is measured: a line in capitals is wider than its letters
    count; short
    of a full line where ``line`` opens with a sentence about someone, "Mrs. Ruiz reminded ...",
    which goes on with no phrase; or, where the text's ``room`` is measured, under
    ``params.early_end`` of a full line's ``advance`` with the next word fitting in less room than
    nearly any wrapped line needed: ``_in_least_room``, in a proportional face whose narrow
    letters fill a line with more characters than the usual width); ``line`` starts as a
    sentence does and is no title."""
    if not (ENDS_IN_WORD.search(previous.text) and starts_sentence(line.text.strip())):
        return False
    share = params.short_line if p.opens_with_person(line.text) else params.unended_short_line
    return (_short(previous, line, width, params, hyphenated, share, joined=joined, room=room)
            or _ends_early(previous, line, width, params, room, hyphenated, joined)) \
        and not p.looks_like_title(previous.text) and not p.looks_like_title(line.text)


def _ends_early(previous: Line, line: Line, width: int, params: BlockParams, room: tuple[float, float] | None,
                hyphenated: bool, joined: bool) -> bool:
    """Return True if ``previous`` ended early (``_ended_early``: under ``params.early_end`` of a
    full line, the next line's first word in less room than nearly any wrapped line needed), and
    the two would have fitted in the usual ``width`` in characters too (the room is the whole
    text's: a narrower column's lines, or narrow letters, pass the first measure); not in a
    column too narrow to tell (``params.early_end_width``), nor on a line that may be two run
    together (``_last_of_merged``), nor where a capitalised word ends it (a name may go on into
    the next line's: "the Source" / "Code version ...")."""
    if room is None or width < params.early_end_width or previous.text.split()[-1][:1].isupper() \
            or _last_of_merged(previous, width, params, joined and hyphenated, False) is not None:
        return False
    word = _first_word(line, False, params)
    return len(previous.text.strip()) + 1 + len(word) < width and _ended_early(previous, word, room, params)


def _ends_paragraph(line: Line) -> bool:
    """Return True if ``line`` ends a sentence; a colon introduces what follows (a list, a
    subtitle) and ends no paragraph by itself."""
    return p.ends_sentence(line.text) and not line.text.rstrip("*").rstrip().endswith(":")


#: A layout dump sets an item's text this many columns past its marker and one space at most
#: (a tab stop); the reader keeps one space of them.
MAX_MARKER_SPACES = 3


def under_item_text(item: Line, line: Line) -> bool:
    """Return True if ``line`` stands under the text of ``item``, a line with a list marker, past
    its marker: indented further, at most ``MAX_MARKER_SPACES`` past where the item's text starts
    (a layout dump's hanging indent)."""
    marker = p.list_marker(item.text)
    return marker is not None and item.indent < line.indent <= item.indent + marker[2] + MAX_MARKER_SPACES


def starts_paragraph(previous: Line, line: Line, width: int, margin: int,
                     params: BlockParams = BlockParams(), first_indent: int = 0, hyphenated: bool = False,
                     room: tuple[float, float] | None = None, joined: bool = False, in_item: bool = False,
                     block: Sequence[Line] = (), following: Line | None = None,
                     openers: Openers = Openers()) -> bool:
    """Return True if ``line`` starts a new paragraph after ``previous`` (both non-blank).

    ``width`` is the usual width of a full line there (``room`` the text's: ``TextStats``),
    ``margin`` the text's left margin,
    ``first_indent`` the text's usual first-line indent (0: not known). After a list item's
    first line, a line indented otherwise is the item's hanging indent, not a new paragraph; so
    is one under the item's text, past its marker (not a dash, which running text opens lines
    with too; ``MAX_MARKER_SPACES``), unless at the text's first-line indent with the
    ``following`` line back at the margin (a paragraph's first line).
    ``in_item``: the line before is a list item's, set narrower than the text (``_short``).
    ``block``: the lines of the block being read, ``previous`` the last (``_filled``).
    ``openers``: the words that open the text's paragraphs (``TextStats.openers``).
    """
    text = line.text.strip()
    if not starts_sentence(text):
        return False
    marker = p.list_marker(previous.text)
    if marker is not None and not p.opens_with_dash(previous.text) and under_item_text(previous, line) \
            and (line.indent != first_indent or following is not None and following.indent == line.indent):
        return False  # under the item's text, past its marker (a hanging indent): the item goes on
    # What a sentence ends, or running text ending in a colon introduces (a list whose markers
    # the extractor dropped, a quotation), starts after a short line.
    ended = _ends_paragraph(previous) or introduces(previous, width) and not p.is_role_line(previous.text)
    if ended and _short(previous, line, width, params, hyphenated, ends_sentence=True, room=room, joined=joined,
                        in_item=in_item, block=block, openers=openers):
        return True
    # A line the source shows wrapped into from the line before, opening with a dash (as running
    # text can: "– at least on paper – ..."), is an aside going on with its paragraph, no item.
    item = marker is not None and not (previous.wraps is True and p.opens_with_dash(previous.text))
    if item and _short(previous, line, width, params) and line.indent <= previous.indent:
        return True  # a one-line list item, unpunctuated, then the text that follows the list
    indented = margin + params.min_indent <= line.indent <= margin + params.max_indent
    if indented and first_indent and line.indent != first_indent and item:
        return False  # the item's text wraps to its own column, short of a paragraph's indent
    return indented and previous.indent < line.indent and ended


def _introduces_after_item(block: Sequence[Line], line: Line, following: Line | None, width: int) -> bool:
    """Return True if ``line`` introduces a list that ``following`` opens with its marker, after
    ``block``, a list item whose last line ends no sentence: an item's phrase ends unpunctuated,
    and the line is the paragraph before the next list, no more of the item ("• A common
    register of the" / "certification of laboratories" / "Dr. Ruiz listed two more lessons:" /
    "1. ..."), however much room the item's last line left."""
    return bool(block) and p.list_marker(block[0].text) is not None and not p.ends_sentence(block[-1].text) \
        and following is not None and p.list_marker(following.text) is not None \
        and p.list_marker(line.text) is None and starts_sentence(line.text.strip()) and introduces(line, width)


def flows_into(previous: Line, line: Line, width: int, params: BlockParams = BlockParams()) -> bool:
    """Return True if ``line`` is the wrapped continuation of ``previous``, whatever it starts with.

    A hard-wrapped line can begin like a list item ("– it changed", "2. The"): it continues a
    line that was filled to the usual width and did not end a sentence or introduce a list.
    """
    if not width or p.ends_sentence(previous.text) or previous.text.rstrip().endswith(":") \
            or p.list_marker(previous.text) and len(previous.text.strip()) < params.short_line * width:
        return False
    return not _short(previous, line, width, params) and line.indent <= previous.indent


def _aside_under_item(previous: Line, line: Line) -> bool:
    """Return True if ``line``, opening with a dash and a lowercase word, stands under the text of
    the list item ``previous`` (its hanging indent), whose line broke off on a word and whose
    marker is another: the item's sentence going on into an aside ("• In practice, the
    procurement of equipment" / "– as the 1994 evaluation showed – could"), no item of its own."""
    marker = p.list_marker(previous.text)
    if marker is None or not p.dash_goes_on(previous.text, line.text) \
            or previous.text.lstrip()[:1] == line.text.lstrip()[:1]:
        return False
    leading = len(previous.text) - len(previous.text.lstrip())
    return line.indent == previous.indent + marker[2] - leading


def _goes_on_over_break(previous: Line, at: int, lines: list[Line], index: int, stats: TextStats,
                        params: BlockParams) -> str:
    """Return why the line at ``index``, a page's (or column's) first, goes on with the text that
    ``previous`` (the line at ``at``) ended the page before with ('' if it does not): that page
    ended on a full line (``_runs_on_across_break``; or, ending no sentence, full in advances:
    ``_full_in_advances``), or the text sets its paragraphs in and this one is not
    (``_goes_on_unindented``). Neither
    where the page ended a sentence and the line opens with a word that opens the text's
    paragraphs (``TextStats.openers``), unless the source measured the page's last line (a PDF's
    geometry)."""
    if p.ends_sentence(previous.text) and stats.openers.opens_often(_first_word(lines[index], False, params)) \
            and previous.stretched is None and previous.filled_by(lines[index]) is None:
        return ""
    if _runs_on_across_break(previous, lines[index], stats.width_at(index), params, stats.joined) \
            or _full_in_advances(previous, lines[at - 1] if at else None, lines[index], stats, params):
        return "the page before ends on a full line"
    if _goes_on_unindented(previous, lines, index, stats, params):
        return "it goes on at the margin, in a text that sets its paragraphs' first lines in"
    return ""


def _full_in_advances(previous: Line, above: Line | None, line: Line, stats: TextStats, params: BlockParams) -> bool:
    """Return True if ``previous``, a page's (or column's) last line that ends no sentence and
    introduces nothing, left no room for the first word of ``line`` as the text's
    wrapped lines measure it in advances (``TextStats.room``): capitals, figures and wide
    letters fill a line that counts fewer characters than most ("... THERE IS NO WARRANTY" /
    "FOR THE PROGRAM"). Not where the source measured the line (a PDF's geometry), nor for a
    line an extractor may have run together with the next (over the usual width), nor for one
    under half the usual width (a phrase's, whatever its letters), nor for a title-shaped line
    with no sentence inside it that does not go on from the line right above it, ``above`` (a
    heading in capitals at a page's foot)."""
    text = previous.text.strip()
    if not stats.room or p.ends_sentence(text) or text.endswith(":") or _field_line(previous) \
            or previous.stretched is not None or previous.filled_by(line) is not None \
            or len(text) > stats.width or 2 * len(text) < stats.width:
        return False
    if p.looks_like_title(text) and not p.SENTENCE_INSIDE.search(text) \
            and (above is None or not above.text or p.ends_sentence(above.text)):
        return False
    return advance(text) + advance(" " + _first_word(line, False, params)) >= stats.room[1]


def _runs_on_across_break(previous: Line, line: Line, width: int, params: BlockParams, joined: bool = False) -> bool:
    """Return True if the page (or column) ended on a full line that ``line`` continues.

    A paragraph that ends where a page does ends on a short line, as any paragraph; one filled
    to the last line of the page, even with a sentence's end, goes on over the break. No text
    goes on from a colon or a title-block field (``_field_line``). Of two lines an extractor ran
    together (``_last_of_merged``; ``joined``: ``TextStats.joined``), the second is measured.
    """
    if previous.text.rstrip().endswith(":") or _field_line(previous):
        return False
    if previous.stretched is not None:  # a justified column: only a line left short ends a paragraph
        return previous.stretched
    filled = previous.filled_by(line)  # the source drew them: measured
    if filled is not None:
        return filled
    if not width:
        return False
    first_word = line.text.split()[0] if line.text.split() else ""
    last = _last_of_merged(previous, width, params, joined, p.ends_sentence(previous.text))
    # Full: the next word would not have fitted even on a line of the whole usual width.
    return (len(previous.text.strip()) if last is None else last) + 1 + len(first_word) > width


def _goes_on_unindented(previous: Line, lines: list[Line], index: int, stats: TextStats, params: BlockParams) -> bool:
    """Return True if the line at ``index``, a page's (or column's) first, goes on with the text
    the page before ended with ``previous``: the text sets its paragraphs' first lines in
    (``TextStats.sets_in``), and this one stands at the margin, as do the next and ``previous``
    (not set in as a list's items or a quotation are), which was not left short (the next word
    would not have fitted within ``params.short_line`` of the usual width). Not where the source
    measured the page's last line (a PDF's geometry: ``_runs_on_across_break`` reads that)."""
    line = lines[index]
    if not stats.sets_in or line.indent != stats.margin or previous.indent != stats.margin \
            or previous.stretched is not None or previous.filled_by(line) is not None:
        return False
    following = next((other for other in lines[index + 1:index + 2] if other.text), None)
    return following is not None and following.indent == stats.margin \
        and not _short(previous, line, stats.width_at(index), params)


def _first_line_indented(lines: list[Line], index: int, stats: TextStats) -> bool:
    """Return True if the line at ``index`` is indented as the text's first lines are (its usual
    first-line indent, past the margin the next line starts at): a paragraph starts there, even
    after a page that ended on a full line."""
    if not stats.first_indent or lines[index].indent != stats.first_indent:
        return False
    following = next((line for line in lines[index + 1:index + 2] if line.text), None)
    return following is not None and following.indent == stats.margin


def _set_in(lines: list[Line], index: int, params: BlockParams) -> bool:
    """Return True if the line at ``index`` is set in past the next line as a first line is
    (``params.min_indent`` to ``params.max_indent`` columns): at a page's top, measured against
    that page's own lines, where the text's usual first-line indent may not hold."""
    following = next((line for line in lines[index + 1:index + 2] if line.text), None)
    return following is not None and not p.list_marker(following.text) \
        and following.indent + params.min_indent <= lines[index].indent <= following.indent + params.max_indent


@dataclass(frozen=True, slots=True)
class Blocks:
    """The chunks of a text, and three sets of lines (as ``line_key``: a layout dump's columns
    share their line numbers): lines that look like list items but continue a wrapped line; lines
    after a page (or column) break that go on with the text before it, even past a sentence's
    end (and why: ``_goes_on_over_break``); and lines the source shows opening a block (``wraps``
    False) with no page or column break before them, which no paragraph runs on into."""

    chunks: list[Chunk]
    continued: frozenset[tuple[int, str]]
    runs_on: Mapping[tuple[int, str], str] = field(default_factory=dict)
    opens: frozenset[tuple[int, str]] = frozenset()
    #: The guesses made on the way (items told apart only by a short, unpunctuated line).
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _opens_where_text_broke_off(before: Line, line: Line, broken: bool) -> bool:
    """Return True if a block opening at ``line`` opens where the text broke off: a page or
    column break (``broken``: one was seen since ``before``, the last line of text) or a new page
    lies between, and ``before`` ends no sentence and is no title-block field (a compiler's,
    date or time line, which no text goes on from)."""
    return (broken or line.page != before.page) and not p.ends_sentence(before.text) and not _field_line(before)


def _field_line(line: Line) -> bool:
    """Return True if ``line`` is a title-block field that ends no sentence (a compiler's, date or
    time line): no text goes on from it."""
    text = line.text.strip()
    return bool(p.compiled_by(text) or p.parse_date(text) or p.is_time_line(text))


def line_key(line: Line) -> tuple[int, str]:
    """Return what tells ``line`` apart: its number, which the columns of a layout dump's line
    share, and its text."""
    return line.number, line.text


def group_blocks(lines: list[Line], headings_found: Headings | None = None,
                 params: BlockParams = BlockParams(), stats: TextStats | None = None,
                 cut_before: frozenset[tuple[int, str]] = frozenset()) -> Blocks:
    """Return the chunks of ``lines``: runs of non-blank lines, cut where the text shows a new block.

    ``stats`` are the lines' measures when the caller has taken them; ``cut_before`` holds the
    lines (``line_key``) an earlier step found opening a block (after a list of phrases).
    """
    stats = stats or measure(lines, params)
    headings = (headings_found or Headings()).spans(lines)
    heading_lines = {start + offset for start, count in headings.items() for offset in range(count)}
    chunks: list[Chunk] = []
    continued: set[tuple[int, str]] = set()
    runs_on: dict[tuple[int, str], str] = {}
    opens: set[tuple[int, str]] = set()
    current: list[Line] = []
    gap = 0
    last_text: Line | None = None  # the last non-blank line, across blank ones
    last_index = 0  # its index in ``lines``
    broken = False  # a page or column break since it
    opens_unended = False  # the block being read opens after a break, the text before it unended
    introduced = False  # a line ending in a colon stands since the last heading or speaker
    after_speaker = False  # the last block closed opens with a speaker's line (a role may follow it)
    diagnostics: list[Diagnostic] = []

    def close() -> None:
        nonlocal current, gap, after_speaker
        if current:
            chunks.append(Chunk(tuple(current), gap))
            after_speaker = is_speaker_line(current[0].text)
            current, gap = [], 0

    def unended_item(previous: Line, line: Line, width: int) -> bool:
        if not ends_unpunctuated_item(previous, line, width, params, stats.hyphenated, stats.joined, stats.room):
            return False
        diagnostics.append(Diagnostic(line.number, "item-unpunctuated", "a block starts here: the line before, "
                                      "after an introducing line, ends in a word well short of a full line (a list "
                                      "item whose marker the text does not show)", "info"))
        return True

    def opens_block(previous: Line, line: Line, index: int, width: int) -> bool:
        """Return True if the text shows that a block opens at ``line``, after ``previous``: a
        speaker, a bullet glyph (no character of running text, unlike a dash: it opens an item
        even after a line that filled its measure), a paragraph's or item's start, or a title
        over running text after a sentence's end (``_title_over_text``: the sentence may have
        ended on a full line, which shows nothing)."""
        following = lines[index + 1] if index + 1 < len(lines) else None
        return speaker_line_at(lines, index) or p.opens_with_bullet_glyph(line.text) \
            or line.wraps is False and line.indent <= previous.indent and _ends_paragraph(previous) \
            or starts_paragraph(previous, line, width, stats.margin, params, stats.first_indent,
                                stats.hyphenated, stats.room, stats.joined, bool(p.list_marker(current[0].text)),
                                current, following, stats.openers) \
            or introduced and unended_item(previous, line, width) \
            or _introduces_after_item(current, line, following, width) \
            or not opens_unended and line_key(current[0]) not in runs_on \
            and _title_over_text(current, line, following, width, params, gap > 0,
                                 Openers() if after_speaker else stats.openers) \
            or _title_after_sentence(previous, lines, index, width, params, stats.openers) \
            or previous.indent < line.indent and starts_sentence(line.text.strip()) \
            and _first_line_indented(lines, index, stats) \
            or line.indent < previous.indent and _set_in_block(current) and starts_sentence(line.text.strip()) \
            or (_ends_paragraph(previous) or _short(previous, line, width, params)
                and not p.looks_like_title(previous.text.rstrip(",:"))) and title_before_speaker(lines, index) \
            and not _inside_title_before_speaker(lines, index, current)

    boxes_split = _splits_boxes(lines, stats, params)
    for index, line in enumerate(lines):
        if not line.text:
            if current and (current[-1].stretched is True or len(current) == 1 and is_stray(current[0].text)
                            or boxes_split and _first_line_boxed(current, lines, index, stats, params)) \
                    and _box_edge(lines, index, headings):
                continue
            close()
            gap += 1
            broken = broken or line.page_break or (last_text is not None and line.page != last_text.page)
            continue
        if line.block is not None:  # a block the reader built whole: a chunk of its own
            close()
            current = [line]
            close()
            last_text, last_index, broken = line, index, False
            continue
        if last_text is not None and (broken or line.page != last_text.page) and not current \
                and line.wraps is not False \
                and (why := _goes_on_over_break(last_text, last_index, lines, index, stats, params)) \
                and index not in headings and not is_speaker_line(line.text) \
                and not _first_line_indented(lines, index, stats) and not _set_in(lines, index, params):
            # A line that opens like a list item ("– must be ...") goes on too where it ends no
            # sentence and the source measured the page's last line full, or its first word after
            # the marker is in lowercase (an aside: "– a point several returned to later –").
            marker = p.list_marker(line.text)
            measured = last_text.stretched is not None or last_text.filled_by(line) is not None
            if not marker or (measured or line.text[marker[2]:][:1].islower()) and not p.ends_sentence(last_text.text) \
                    and not p.opens_with_bullet_glyph(line.text):
                runs_on[line_key(line)] = why
                if marker:
                    continued.add(line_key(line))
        if line.wraps is False and not broken and (last_text is None or line.page == last_text.page):
            # After a break, an indent is measured against a new column and tells less.
            opens.add(line_key(line))
        if current and line.wraps is None and _name_wrapped_into(current[-1], line, stats.width_at(index), params):
            line = replace(line, wraps=True)  # "Mr. Lee" / "acknowledged that ...": the name opens a sentence
        if not current:  # the block opens here: does it open where a page's text broke off?
            # (Not where running text ended well short of its measure: an item's phrase ends so;
            # a speaker's role, set narrower than the text, may go on.)
            opens_unended = last_text is not None and _opens_where_text_broke_off(last_text, line, broken) \
                and (bool(chunks) and is_speaker_line(chunks[-1].lines[0].text) and p.is_role_line(last_text.text)
                     or not _short(last_text, line, stats.width_at(index), params))
        last_text, last_index, broken = line, index, False
        if introduced and (index in headings or is_speaker_line(line.text)):
            introduced = False
        if current:
            previous = current[-1]
            width = stats.width_at(index)
            introduced = introduced or introduces(previous, width)
            in_heading = index in heading_lines and index - 1 in heading_lines and index not in headings
            # The source says the line before wrapped into this one; but a list item after a
            # sentence's (or an introduction's) end starts its own block, whatever the geometry.
            opens_item = bool(p.list_marker(line.text)) and (p.ends_sentence(previous.text)
                                                             or previous.text.rstrip().endswith(":"))
            if line.wraps is True and not opens_item:
                if p.list_marker(line.text):
                    continued.add(line_key(line))
            # The source shows that the line before goes on (stretched to a justified column's
            # edge, or ended with the space drawn where it wrapped), and not that a block starts
            # here (an indent, as a PDF's geometry shows): only a heading starts here. Where it
            # shows that a block starts here, not set in, a sentence's end before is a paragraph's
            # (a ragged dump's line ended without that space: ``mark_line_ends``).
            elif not in_heading and (index in headings or index - 1 in heading_lines or line_key(line) in cut_before
                                     or (previous.stretched is not True or line.wraps is False)
                                     and opens_block(previous, line, index, width)):
                close()
                # The block opening here follows the one before with no blank (so no break) between.
                opens_unended = _opens_where_text_broke_off(previous, line, False)
            elif p.list_marker(line.text) and line.wraps is not False \
                    and (flows_into(previous, line, width, params)
                         or previous.stretched is True and p.opens_with_dash(line.text)
                         or _aside_under_item(previous, line)):
                # A line the one before wrapped into (filled, or shown going on) opening like an
                # item ("– as the survey showed –") goes on with it.
                continued.add(line_key(line))
        current.append(line)
    close()
    return Blocks(chunks, frozenset(continued), runs_on, frozenset(opens), diagnostics)
