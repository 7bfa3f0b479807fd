"""The title block: where it ends, and its fields (organizers, presenters, title, date, time, compiler)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from .. import nodes as n
from ..errors import Diagnostic
from . import patterns as p
from .blocks import Headings, advance, is_speaker_line, name_broken_at_hyphen, title_opening
from ..lines import Dropped, Line
from .chunks import Chunk
from .text import Vocabulary, breaks_word, join_lines, strip_markup


def speaker_head(chunk: Chunk) -> tuple[str, int]:
    """Return the line ``chunk`` opens with and how many lines it takes: a speaker's name broken
    at a line-end hyphen ("Hon. Ramon Magsaysay-" / "Cruz (Chief Economist, ...") is made whole,
    and a speaker's line an extractor wrote a word per line ("Prof." / "Matthias" / "Becker," /
    "Chief", which ``join_scattered_words`` marks wrapped) is read as one, as is an honorific boxed
    alone before its name's line ("Ms." / "<name> (Director ...)": ``body._honorific_before``)."""
    first = chunk.lines[0].text
    if len(chunk.lines) > 1 and p.is_honorific(first.strip()):
        words = scattered_words(first.strip(), chunk.lines[1:])
        if len(words) > 1 and is_speaker_line(" ".join(words)):
            return " ".join(words), len(words)
        if joined := honorific_with_name(chunk):
            return joined, 2
    if len(chunk.lines) > 1 and (joined := name_broken_at_hyphen(first, chunk.lines[1].text)):
        return joined, 2
    return first, 1


def honorific_with_name(chunk: Chunk) -> str:
    """Return the honorific ``chunk`` opens with, alone on its line, and the name's line marked
    as wrapped into from it, read as one speaker's line ("Ms." / "<name> (Director ...)", which
    ``body._honorific_before`` joined), or ""."""
    lines = chunk.lines
    if len(lines) < 2 or lines[1].wraps is not True or not p.is_honorific(lines[0].text.strip()):
        return ""
    joined = f"{lines[0].text.strip()} {lines[1].text.strip()}"
    return joined if is_speaker_line(joined) else ""


def scattered_words(word: str, lines: Sequence[Line]) -> list[str]:
    """Return ``word`` and the words of the one-word lines marked as wrapped into that open
    ``lines``: one justified line an extractor cut at its wide spaces (``join_scattered_words``)."""
    words = [word]
    for line in lines:
        if line.wraps is not True or " " in line.text.strip():
            break
        words.append(line.text.strip())
    return words


def is_speaker_chunk(chunk: Chunk) -> bool:
    """Return True if ``chunk`` opens with a speaker's name line (with or without the affiliation).

    Not a name alone on its line (a comma after it at most) that goes on in lowercase on the
    next ("Mrs. Okoro" / "acknowledged that ...", "Hon. Κώστας Μαυρίδης," / "whose network ..."):
    a paragraph's opening words, pushed onto a line of their own by a narrow column.
    """
    head, taken = speaker_head(chunk)
    if not is_speaker_line(head):
        return False
    after = chunk.lines[taken] if len(chunk.lines) > taken else None
    return not (after is not None and p.opens_in_lowercase(after.text)
                and not (p.split_speaker_line(head) or ("", ""))[1])


#: An affiliation standing apart from its speaker's name wraps over at most this many lines
#: (in a narrow column, a long one takes five), not counting the lines the source shows the
#: line before wrapped into (a PDF's geometry does: in large type a column fits three words);
#: one set in a type of its own is bounded by its length alone.
_MAX_AFFILIATION_LINES = 5


def _whole_words(lines: tuple[Line, ...]) -> list[str]:
    """Return the texts of ``lines`` with each word broken at a line's end ("Plan-" / "ning") made whole
    on the line where it starts."""
    texts: list[str] = []
    for line in lines:
        if texts and breaks_word(texts[-1], line.text):
            head, _, rest = line.text.strip().partition(" ")
            texts[-1] = texts[-1].rstrip()[:-1] + head
            if rest:
                texts.append(rest)
        else:
            texts.append(line.text)
    return texts


def is_affiliation_chunk(chunk: Chunk) -> bool:
    """Return True if ``chunk`` is shaped like a role line: short, no sentence end, no list marker."""
    text = chunk.text
    wrapped = sum(1 for line in chunk.lines[1:] if line.wraps)
    # Set apart in a type of its own (all italic, or all bold), a role may take more lines.
    styled = all(line.italic for line in chunk.lines) or all(line.bold for line in chunk.lines)
    return ((styled or len(chunk.lines) - wrapped <= _MAX_AFFILIATION_LINES) and len(text) <= 300
            and not p.ends_sentence(text)
            and all(p.is_role_line(line) and not p.opens_with_person(line) for line in _whole_words(chunk.lines))
            and not p.heading_kind(text) and p.list_marker(text) is None
            and p.split_speaker_line(chunk.lines[0].text) is None
            and not p.parse_date(text) and not p.is_time_line(text)
            and not p.is_present_line(text) and not p.is_on_line(text))


def is_body_paragraph(chunk: Chunk) -> bool:
    """Return True if ``chunk`` is clearly running text rather than a title-block line (its
    words counted whole: a title broken at a hyphen is not one word longer; its lines' indents,
    a layout dump's centring, count for nothing)."""
    text = " ".join(" ".join(_whole_words(chunk.lines)).split())
    return len(text) > 200 or (p.ends_sentence(text) and len(text.split()) >= 12)


def find_body_start(chunks: list[Chunk], headings: Headings = Headings()) -> int:
    """Return the index of the first chunk after the title block (0 when there is no title block).

    The body starts at the first usual section heading, or where a title page holding a field
    turned (``_title_page_turned``); failing that, at the first running paragraph, together
    with the speaker lines just before it.
    """
    turned = _title_page_turned(chunks, headings)
    for index, chunk in enumerate(chunks):
        if headings.is_heading_chunk(chunk) or index == turned:
            return index
        if is_body_paragraph(chunk) and not is_speaker_chunk(chunk):
            start = index
            if start >= 2 and is_affiliation_chunk(chunks[start - 1]) and is_speaker_chunk(chunks[start - 2]) \
                    and len(chunks[start - 2].lines) == 1:
                start -= 2
            elif start >= 1 and is_speaker_chunk(chunks[start - 1]):
                start -= 1
            return start
    return 0


def _title_page_turned(chunks: list[Chunk], headings: Headings) -> int | None:
    """Return the index of the first chunk on a page after the first chunk's, past the fields
    repeated there (a running header: the date), where a field line (a date, a time, "Report
    compiled by") stands before the break: a title page ends at its page break. None where the
    text shows no such page before its first heading (which ends the title block first), or the
    next page opens with a speaker's name (a presenter the title block may go on with)."""
    fielded = False
    for index, chunk in enumerate(chunks):
        if headings.is_heading_chunk(chunk):
            return None
        has_field = any(is_field_line(line.text) for line in chunk.lines)
        if fielded and not has_field and chunk.lines[0].page != chunks[0].lines[0].page:
            return None if is_speaker_chunk(chunk) else index  # (a presenter the title page goes on with)
        if is_body_paragraph(chunk) and not is_speaker_chunk(chunk):
            return None  # the body starts on the first page: no title page of its own
        fielded = fielded or has_field
    return None


def _phrase_length(chunk: Chunk) -> int:
    """Return the length of the longest phrase in ``chunk``: a line, with the lines it runs on into.

    A title wrapped over lines runs on ("The Role of" / "Asian Partners"); a stack of
    organizers' names does not, so it is measured line by line, not as one long text.
    """
    longest = current = 0
    previous = ""
    for line in chunk.lines:
        text = strip_markup(line.text).strip()
        runs_on = previous and (p.continues_phrase(previous) or text[:1].islower())
        current = current + 1 + len(text) if runs_on else len(text)
        longest = max(longest, current)
        previous = text
    return longest


def is_field_line(text: str) -> bool:
    """Return True if ``text`` is a title-block line of its own: a connector, date, time or compiler."""
    bare = strip_markup(text).strip()
    return bool(p.is_present_line(bare) or p.is_on_line(bare) or p.compiled_by(bare)
                or p.parse_date(bare) or (len(bare) <= 120 and p.is_time_line(bare))
                or (p.split_date(bare) and p.is_time_line(p.split_date(bare)[2])))


def split_title_region(chunks: list[Chunk], headings: Headings, width: int = 0) -> list[Chunk]:
    """Return ``chunks`` with the ones that can belong to the title block cut around their fields
    (``split_fields``; ``width``: the text's usual line width).

    That is every chunk before the first heading, until one that is plainly running text
    with no field in it: a date or a "prepared by" line further on is body text. A title page
    that holds a field ends at its page break (``_title_page_turned``).
    """
    out: list[Chunk] = []
    turned = _title_page_turned(chunks, headings)
    for index, chunk in enumerate(chunks):
        if headings.is_heading_chunk(chunk) or index == turned:
            return out + chunks[index:]
        pieces = split_fields([chunk], width)
        out.extend(pieces)
        if len(pieces) == 1 and is_body_paragraph(chunk) and not is_speaker_chunk(chunk):
            return out + chunks[index + 1:]
    return out


def split_fields(chunks: list[Chunk], width: int = 0) -> list[Chunk]:
    """Return the title-block ``chunks`` cut around field lines and before speaker lines.

    A dump without blank lines gives the whole title page as one run; each connector, date,
    time and compiler line is a field of its own, and a speaker line starts a presenter
    (the role lines under it stay with it). The lines between stay together: a title
    wrapped over several lines, or the organizers. A run cut so inside a chunk is read as a
    block's start is (``blocks.title_opening``, where the text's usual ``width`` is known): a
    section's title right after the title page's last field, with no blank line or page break
    (pypdf), is cut from the running text under it.
    """
    out: list[Chunk] = []

    def add(lines: list[Line], gap: int, inside: bool) -> None:
        title = title_opening(lines, width) if inside and width else 0
        if title:
            out.extend((Chunk(tuple(lines[:title]), gap), Chunk(tuple(lines[title:]), 0)))
        else:
            out.append(Chunk(tuple(lines), gap))

    for chunk in chunks:
        current: list[Line] = []
        gap = chunk.gap_before
        in_speaker = False
        for line in chunk.lines:
            field_line = is_field_line(line.text)
            speaker = is_speaker_line(line.text)
            broken_word = bool(current) and breaks_word(current[-1].text, line.text)
            role = in_speaker and not field_line and not speaker and (broken_word or p.is_role_line(line.text))
            if current and (field_line or speaker or (in_speaker and not role) or is_field_line(current[-1].text)):
                add(current, gap, current[0] is not chunk.lines[0])
                current, gap = [], 0
            current.append(line)
            in_speaker = speaker or role
        if current:
            add(current, gap, current[0] is not chunk.lines[0])
    return out


@dataclass
class TitleBlock:
    """What the title block gave: the metadata, lines left out, and chunks that are body text after all."""

    meta: n.Meta
    dropped: list[Dropped] = field(default_factory=list)
    leftovers: list[Chunk] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: The lines the title was read from, as the extractor gave them (markup stripped), and the
    #: number of the last of them.
    title_lines: tuple[str, ...] = ()
    title_at: int = 0


def _affiliations_before_names(chunks: list[Chunk], named_at: list[int], presenters: list[n.Speaker],
                               plain: list[Chunk], vocabulary: Vocabulary, diagnostics: list[Diagnostic]) -> None:
    """Give a presenter named without an affiliation the one printed just before the name.

    An extractor that reads a title page as boxes can give a presenter's affiliation before
    the name, after the presenter before, who has one already (``affiliation-before-name``).
    ``presenters`` and ``plain`` are updated in place.
    """
    for at, (index, speaker) in enumerate(zip(named_at, presenters)):
        if speaker.affiliation or index < 1 or chunks[index - 1] not in plain:
            continue
        before = chunks[index - 1]
        if not is_affiliation_chunk(before) or at == 0 or not presenters[at - 1].affiliation \
                or named_at[at - 1] >= index - 1:
            continue
        role = p.affiliation(join_lines([line.text for line in before.lines], vocabulary))
        presenters[at] = n.Speaker(speaker.name, role)
        plain.remove(before)
        diagnostics.append(Diagnostic(before.first, "affiliation-before-name",
                                      f"took {role!r}, printed before {speaker.name!r}, as the affiliation"))


def parse_title_block(chunks: list[Chunk], vocabulary: Vocabulary, lang: str = "en",
                      declared_title: str = "") -> TitleBlock:
    """Return the metadata found in the title-block ``chunks``.

    With a ``declared_title`` (the source's metadata names it), the chunk that reads so is the
    title, as a guessed one would be, and no chunk is taken for the title by its length alone.
    """
    result = TitleBlock(n.Meta(lang=lang))
    if not chunks:
        return result
    fields: dict[str, str] = {}
    presenters: list[n.Speaker] = []
    named_at: list[int] = []  # the index of each presenter's chunk
    plain: list[Chunk] = []  # organizers, or the title when no other line claims it
    seen_present = expect_title = False
    before_on: Chunk | None = None  # a plain chunk right before the "On" line
    shown: Chunk | None = None  # the chunk that shows the declared title
    index = 0
    while index < len(chunks):
        chunk = chunks[index]
        index += 1
        text = join_lines([line.text for line in chunk.lines], vocabulary)
        bare = strip_markup(text).strip()
        name = p.compiled_by(bare) if "compiled_by" not in fields else None
        if name:
            fields["compiled_by"] = name
            result.dropped.append(Dropped(chunk.first, bare[:bare.rfind(name)].strip(), "title-block-connector"))
            continue
        dated = p.split_date(bare) if "date" not in fields else None
        if dated and (not dated[2] or ("time_text" not in fields and p.is_time_line(dated[2]))):
            # "Monday, 3 April 2023, 14:00-16:00 JST": the date, then the time, on one line.
            fields["date"], fields["date_text"] = dated[0], dated[1]
            if dated[2]:
                fields["time_text"] = dated[2]
            continue
        if "time_text" not in fields and p.is_time_line(bare):
            fields["time_text"] = bare
            continue
        if p.is_present_line(bare) or p.is_on_line(bare):
            result.dropped.append(Dropped(chunk.first, bare, "title-block-connector"))
            seen_present = seen_present or p.is_present_line(bare)
            expect_title = p.is_on_line(bare)
            if expect_title and plain and plain[-1] is chunks[index - 2]:
                before_on = plain[-1]
            continue
        if "title" not in fields and declared_title and " ".join(bare.split()) == declared_title:
            fields["title"] = bare
            result.title_lines, result.title_at = _stripped_lines(chunk), chunk.last
            shown = chunk
            continue
        is_bold = text.startswith("**") and text.endswith("**")
        if "title" not in fields and (expect_title or is_bold):
            fields["title"] = bare
            result.title_lines, result.title_at = _stripped_lines(chunk), chunk.last
            expect_title = False
            continue
        if is_speaker_chunk(chunk):
            named_at.append(index - 1)
            head, taken = speaker_head(chunk)
            name, rest = p.split_speaker_line(head) or ("", "")
            more = [line.text for line in chunk.lines[taken:]]
            if not rest and not more and index < len(chunks) and is_affiliation_chunk(chunks[index]):
                more = [line.text for line in chunks[index].lines]
                index += 1
            presenters.append(n.Speaker(name, p.affiliation(join_lines([rest, *more], vocabulary))))
            continue
        plain.append(chunk)
    before_text = strip_markup(join_lines([line.text for line in before_on.lines], vocabulary)) \
        if "title" not in fields and expect_title and before_on is not None else ""
    if before_text and p.looks_like_title(before_text):
        # "On" and nothing after it but the fields: the title is the line printed before it (pdfminer
        # gives a title set large before the line that introduces it).
        fields["title"] = before_text
        result.title_lines, result.title_at = _stripped_lines(before_on), before_on.last
        plain.remove(before_on)
        result.diagnostics.append(Diagnostic(before_on.first, "title-before-on",
                                             f"took {fields['title']!r}, printed before 'On', as the title", "info"))
    _affiliations_before_names(chunks, named_at, presenters, plain, vocabulary, result.diagnostics)
    organizers: list[str] = []
    guessed = shown if not seen_present else None
    if "title" not in fields and not seen_present and plain and not declared_title:
        # No "On", no bold, no "present": the title is the longest line of the block.
        guessed = max(plain, key=_phrase_length)
        fields["title"] = strip_markup(join_lines([line.text for line in guessed.lines], vocabulary))
        result.title_lines, result.title_at = _stripped_lines(guessed), guessed.last
        result.diagnostics.append(Diagnostic(guessed.first, "title-guessed",
                                             f"took {fields['title']!r} as the title"))
    present_line = min((c.first for c in chunks if p.is_present_line(c.text)), default=0)
    for chunk in plain:
        if chunk is guessed:
            continue
        if (seen_present and chunk.last > present_line) or (guessed is not None and chunk.first > guessed.first):
            result.leftovers.append(chunk)
            result.diagnostics.append(Diagnostic(chunk.first, "title-block-text",
                                                 "text in the title block kept as a body paragraph"))
        else:  # one organizer a line, but for a line the source shows wrapped into, the last
            # word of a long name on a line of its own, or a word the line before broke
            for at, line in enumerate(chunk.lines):
                text = strip_markup(line.text).strip()
                if organizers and (at and (line.wraps or _name_wrapped_before(organizers[-1], text))
                                   or breaks_word(organizers[-1], text)):
                    organizers[-1] = join_lines([organizers[-1], text], vocabulary)
                else:
                    organizers.append(text)
    result.meta = n.Meta(
        title=fields.get("title", ""),
        organizers=tuple(organizers),
        presenters=tuple(presenters),
        date=fields.get("date", ""),
        date_text=fields.get("date_text", ""),
        time_text=fields.get("time_text", ""),
        compiled_by=fields.get("compiled_by", ""),
        lang=lang,
        lines=(chunks[0].first, chunks[-1].last),
    )
    return result


def _stripped_lines(chunk: Chunk) -> tuple[str, ...]:
    return tuple(strip_markup(line.text).strip() for line in chunk.lines)


def title_from_header(block: TitleBlock, headers: Iterable[str]) -> TitleBlock:
    """Return ``block`` with its title read from a running header that holds exactly its words.

    An extractor can scatter a title set large and wrapped on the title page: words moved out
    of its lines, or after the fields below it, where they are kept as body text. A running
    header that is the title gives the order back: when the title's words and those of some of
    the chunks kept from the title block make up a header's words exactly (as a multiset), the
    header is the title and those chunks are the title's, not the body's (``title-from-header``).
    """
    title = block.meta.title
    if not title:
        return block
    have = Counter(title.split())
    for header in sorted({" ".join(text.split()) for text in headers}):
        needed = Counter(header.split())
        if header == " ".join(title.split()) or have - needed:
            continue
        needed -= have
        taken: list[Chunk] = []
        for chunk in block.leftovers:
            words = Counter(" ".join(strip_markup(line.text) for line in chunk.lines).split())
            if needed and not words - needed:
                needed -= words
                taken.append(chunk)
        if needed:
            continue
        first = min([block.meta.lines[0], *(chunk.first for chunk in taken)])
        return _with_title(block, header, taken, Diagnostic(
            first, "title-from-header", f"took the title {header!r} from the running header, which holds the "
            f"words of {title!r} and of {len(taken)} line(s) after it", "info"))
    return block


#: A title's words an extractor printed after the title block: at most this many, on lines of their own.
_MOVED_TITLE_WORDS = 3


def title_from_context(block: TitleBlock, lines: Iterable[Line]) -> TitleBlock:
    """Return ``block`` with words an extractor moved out of its title put back where the
    document's own text places them.

    Raw pdftotext can print words of a title set large after the fields below it, each on a
    line of its own ("Water" / "Governance," / "Disaster" / "Reduction and the Public Purse" ...
    "Risk"), where they are kept as body text. The last chunks kept from the title block, each a
    word or a few, capitalised, at most ``_MOVED_TITLE_WORDS`` together, go into the title
    between two words that the document's other ``lines`` both write right next to them,
    most often ("Disaster Risk", "Risk Reduction"), where one place wins (``title-from-context``).
    """
    title = block.meta.title
    moved, phrase = _moved_title_words(block, p.capitalised)
    if not title or not moved:
        return block
    words = title.split()
    # The pairs wanted, counted in one pass over the other lines' words (as many as the title's places).
    wanted = {(_bare(word), _bare(phrase[0])) for word in words} | {(_bare(phrase[-1]), _bare(word)) for word in words}
    numbers = {line.number for chunk in moved for line in chunk.lines}
    written: Counter[tuple[str, str]] = Counter()
    previous = ""
    for line in lines:
        if line.number in numbers:
            previous = ""
            continue
        for word in line.text.split():
            word = _bare(word)
            if (previous, word) in wanted:
                written[previous, word] += 1
            previous = word

    def score(at: int) -> int:  # inside the title, the words on both sides must be written next to it
        before = written[_bare(words[at - 1]), _bare(phrase[0])] if at else 0
        after = written[_bare(phrase[-1]), _bare(words[at])] if at < len(words) else 0
        return before + after if (before or not at) and (after or at == len(words)) else 0

    scores = [score(at) for at in range(len(words) + 1)]
    best = max(scores)
    if not best or scores.count(best) > 1:
        return block
    at = scores.index(best)
    placed = " ".join([*words[:at], *phrase, *words[at:]])
    return _with_title(block, placed, moved, Diagnostic(
        moved[0].first, "title-from-context", f"put {' '.join(phrase)!r}, printed after the title block, into "
        f"the title where the document writes it next to the title's words: {placed!r}"))


def title_from_first_line(block: TitleBlock) -> TitleBlock:
    """Return ``block`` with words an extractor moved out of a title's first line put back at its end.

    A title wrapped over two lines and justified has its first line stretched: where its gaps
    grew wider than an extractor's gap between words, pdfminer and raw pdftotext print the
    line's last words apart, after the title or after the fields below it ("Reforming Primary"
    / "under Tight Budgets" ... "Health" / "Care"). The last chunks kept from the title block,
    words of a title at most ``_MOVED_TITLE_WORDS`` together (capitalised, or a title's short
    lowercase words: "in the Baltic"), go back at the end of its first line
    (``title-first-line``), where that line is narrower than the second (``advance``): a line broken where
    the next word did not fit is seldom shorter than the line after it, unless words are
    missing from it; or where they stand a word a line and none of them is a word of the title
    already (a running header printed after the title block repeats the title's words, and a
    section's title run on from the title page holds several on a line; the last word of a
    stretched line stands apart). Not for a title on more lines, whose words could be any line's,
    nor for words printed before the title's lines (a role's, cut at its wide spaces).
    """
    words = block.meta.title.split()
    if len(block.title_lines) != 2 or len(words) != sum(len(line.split()) for line in block.title_lines):
        return block  # not two lines, or the title is no longer their words alone
    moved, phrase = _moved_title_words(block, _title_word)
    first, second = (" ".join(line.split()) for line in block.title_lines)
    if not moved or any(chunk.first < block.title_at for chunk in moved) \
            or advance(first) >= advance(second) and (_words_of_title(phrase, words)
                                                      or any(len(chunk.text.split()) > 1 for chunk in moved)):
        return block  # (measured only where words were moved)
    at = len(first.split())
    placed = " ".join([*words[:at], *phrase, *words[at:]])
    return _with_title(block, placed, moved, Diagnostic(
        moved[0].first, "title-first-line", f"put {' '.join(phrase)!r}, printed after the title block, at the end "
        f"of the title's first line: {placed!r}"))


def _words_of_title(phrase: list[str], words: list[str]) -> bool:
    """Return True if a word of ``phrase`` is one of the title's ``words`` already (a running
    header that repeats the title, printed after the title block, is no words moved from it)."""
    title = {_bare(word) for word in words}
    return any(_bare(word) in title for word in phrase)


#: In a title, a lowercase word is at most this long (title case: "in", "the", "and", "for", "from").
_TITLE_SMALL_WORD = 4


def _title_word(word: str) -> bool:
    return p.capitalised(word) or len(word.rstrip(",:")) <= _TITLE_SMALL_WORD


def _moved_title_words(block: TitleBlock, word_ok: Callable[[str], bool]) -> tuple[list[Chunk], list[str]]:
    """Return the last chunks kept from the title block whose words all pass ``word_ok`` (letters
    only, but for a comma or colon after them), at most ``_MOVED_TITLE_WORDS`` together, and their words."""
    moved: list[Chunk] = []
    phrase: list[str] = []  # the moved chunks' words, in order
    for chunk in reversed(block.leftovers):
        words = " ".join(strip_markup(line.text) for line in chunk.lines).split()
        if not words or len(words) + len(phrase) > _MOVED_TITLE_WORDS \
                or not all(word_ok(word) and word.rstrip(",:").isalpha() for word in words):
            break
        moved.insert(0, chunk)
        phrase[:0] = words
    return moved, phrase


def _with_title(block: TitleBlock, title: str, moved: list[Chunk], diagnostic: Diagnostic) -> TitleBlock:
    """Return ``block`` with ``title``, the ``moved`` chunks no longer body text (nor said to be),
    and ``diagnostic``: how ``title_from_header``, ``title_from_context`` and
    ``title_from_first_line`` end."""
    gone = {chunk.first for chunk in moved}
    return replace(block, meta=replace(block.meta, title=title),
                   leftovers=[chunk for chunk in block.leftovers if chunk.first not in gone],
                   diagnostics=[d for d in block.diagnostics if not (d.code == "title-block-text" and d.line in gone)]
                   + [diagnostic])


def _bare(word: str) -> str:
    """Return ``word`` lowercased, without the punctuation around it."""
    return word.strip(",:;.!?()[]\"'“”‘’").lower()


#: An organizer's name wrapped before its last word is at least this long on its first line.
MIN_WRAPPED_NAME = 40


def _name_wrapped_before(name: str, text: str) -> bool:
    """Return True if ``text``, the line after the organizer ``name`` in one block, is that name's
    last word wrapped onto a line of its own ("... Alliance for Rural" / "Development"): one
    capitalised word, no acronym (all capitals: a name of its own), after a long line that
    ends in a letter."""
    return len(name) >= MIN_WRAPPED_NAME and name[-1:].isalpha() \
        and text.isalpha() and text[:1].isupper() and not text.isupper()
