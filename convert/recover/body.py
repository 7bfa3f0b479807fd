"""The body: sections, speeches, paragraphs and lists, with paragraphs split by page breaks joined."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import replace

from .. import nodes as n
from ..errors import Diagnostic
from ..lines import Line
from . import patterns as p
from .anchors import place_anchors
from .blocks import (MAX_HEADING_CHARS, MAX_HEADING_LINES, Headings, is_speaker_line, is_stray, line_key,
                     starts_sentence, wider_than_text)
from .chunks import Chunk
from .furniture import PAGE_NUMBER
from .links import link_inlines, parse_linked
from .text import Vocabulary, breaks_word, join_lines, join_wrapped_lines, parse_inlines, styled_inlines
from .titleblock import honorific_with_name, is_affiliation_chunk, is_speaker_chunk, scattered_words, speaker_head

#: Last words that never end a sentence: a paragraph ending in one continues after a page break.
_CONTINUING_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or so than that the their this to with "
    "which who whose our its his her we they is are was were be been would could should will can "
    "may might must has have had not about after against among across before between during "
    "over per since through under until upon via while within without these those both each "
    "every such if when where whether because".split())
#: A title-case line over running text is a heading when it has at most this many words.
_MAX_TITLE_WORDS = 12
#: A continuation across a page break starts in lowercase or with a number ("2025 and 2029.").
_STARTS_LOWER = re.compile(r"^[\"'“‘(]?(?:[a-z]|\d[\d,.]*\s+[a-z])")
#: A line quoted e-mail style: "> " before it.
_QUOTED = re.compile(r"^\s*>\s?")
#: A question or an answer in a Q&A transcript starts its own paragraph, wrapped or not.
_QA_LABEL = re.compile(r"^(?:Q|A|Question|Answer)\s*\d{0,3}\s*[:.)]\s")
#: A line longer than this many characters is no printed line: a paragraph the dump wrote as
#: one line, or lines an extractor ran together.
_UNWRAPPED_LINE = 150


class _OpenList:
    """A list still growing: items are appended in place (a frozen list would be copied each time)."""

    def __init__(self, ordered: bool, start: int, first: int) -> None:
        self.ordered, self.start = ordered, start
        self.items: list[n.Item] = []
        self.first = self.last = first

    @property
    def next_number(self) -> int:
        return self.start + len(self.items)

    def freeze(self) -> n.OrderedList | n.BulletList:
        span = (self.first, self.last)
        if self.ordered:
            return n.OrderedList(tuple(self.items), self.start, span)
        return n.BulletList(tuple(self.items), span)


def _freeze(blocks: list) -> tuple[n.Block, ...]:
    return tuple(b.freeze() if isinstance(b, _OpenList) else b for b in blocks)


class _Container:
    """A section or speech being built: its opening line and the blocks gathered so far."""

    def __init__(self, first: int) -> None:
        self.first = first
        self.last = first
        self.blocks: list[n.Block | _OpenList] = []


class _Section(_Container):
    def __init__(self, title: str, id: str, first: int) -> None:
        super().__init__(first)
        self.title, self.id = title, id


class _Speech(_Container):
    def __init__(self, speaker: n.Speaker, first: int) -> None:
        super().__init__(first)
        self.speaker = speaker


class BodyBuilder:
    """Turns body chunks into blocks; one instance per document."""

    def __init__(self, vocabulary: Vocabulary, headings: Headings = Headings(),
                 barriers: frozenset[int] = frozenset(), continued: frozenset[tuple[int, str]] = frozenset(),
                 runs_on: Mapping[tuple[int, str], str] | None = None, body_size: float = 0.0,
                 opens: frozenset[tuple[int, str]] = frozenset()) -> None:
        self.vocabulary = vocabulary
        #: The running text's type size, when the source tells sizes (0 when it does not).
        self.body_size = body_size
        self.headings = headings
        #: Lines that no paragraph joins across (title-block fields between leftover body lines).
        self.barriers = sorted(barriers)
        #: Lines that begin like a list item but continue a wrapped line ("– it changed ..."), as
        #: ``line_key`` (so are ``runs_on`` and ``opens``: a layout dump's columns share line numbers).
        self.continued = continued
        #: Lines after a page break that go on with the paragraph the page before left, and why.
        self.runs_on: dict[tuple[int, str], str] = dict(runs_on or {})
        #: Lines the source shows opening a block, on the page and column of the text before.
        self.opens = opens
        #: The usual width of a full line, in characters, as the window being read measured it (0: none).
        self.width = 0
        self.diagnostics: list[Diagnostic] = []
        self.top: list[n.Block | _OpenList] = []
        self.section: _Section | None = None
        self.speech: _Speech | None = None
        self.id_counts: dict[str, int] = {}
        # The raw text of the last paragraph (or last list item), while it may still continue.
        self.open_text: str | None = None
        self.open_first = self.open_last = 0
        self.open_pieces: list[tuple[Line, int]] = []  # its lines, each from where its text starts
        #: The page of each block a reader built whole, by its line (a table going on over a page break).
        self.block_pages: dict[int, int] = {}
        #: Chunks fed but not built yet (``feed``), the one before them first, and where they start.
        self.queue: list[Chunk] = []
        self.queued_from = 0
        #: Of the speakers' lines fed so far, how many set a role after the name (after a comma or
        #: in parentheses, on the line or wrapped from its end) and how many give the name alone
        #: (``roles_follow_names``).
        self.named_with_role = self.named_alone = 0

    # --- containers -------------------------------------------------------------

    def container(self) -> list[n.Block | _OpenList]:
        if self.speech is not None:
            return self.speech.blocks
        if self.section is not None:
            return self.section.blocks
        return self.top

    def touch(self, last: int) -> None:
        for open_container in (self.section, self.speech):
            if open_container is not None:
                open_container.last = max(open_container.last, last)

    def close_speech(self) -> None:
        if self.speech is not None:
            speech = n.Speech(self.speech.speaker, _freeze(self.speech.blocks), (self.speech.first, self.speech.last))
            self.speech = None
            self.container().append(speech)
        self.open_text = None

    def close_section(self) -> None:
        self.close_speech()
        if self.section is not None:
            section = self.section
            self.section = None
            self.top.append(n.Section(section.title, section.id, _freeze(section.blocks),
                                      (section.first, section.last)))

    def unique_id(self, title: str) -> str:
        """Return a slug of ``title`` not used before in this document ("q-a", "q-a-2", ...)."""
        candidate = base = p.slugify(title)
        while candidate in self.id_counts:
            self.id_counts[base] += 1
            candidate = f"{base}-{self.id_counts[base]}"
        self.id_counts[candidate] = 1
        return candidate

    # --- chunks -----------------------------------------------------------------

    def set_as_heading(self, chunk: Chunk) -> bool:
        """Return True if ``chunk`` is a heading by its type alone (see ``_set_as_heading``)."""
        return _set_as_heading(chunk, self.body_size)

    def heading_over_break(self, chunks: list[Chunk], index: int) -> tuple[Chunk, int]:
        """Return the heading ``chunks[index]`` with the chunks it goes on into over a page break,
        and how many those are: a heading broken at a page's foot, on a line measured full or
        ended mid-phrase ("..., Evidence,"), goes on at the next page's top in its type, as a
        heading. (A column break within a page the reader has joined already.) On the same page,
        one ended mid-phrase goes on in a title-shaped chunk (a text box of its own). Lines going
        on with a word the heading broke at its end are the heading's too, wherever they stand;
        where the word's rest opens a chunk of running text, the heading takes that line only."""
        chunk, taken = chunks[index], 0
        while index + taken + 1 < len(chunks):
            following = chunks[index + taken + 1]
            last, first = chunk.lines[-1], following.lines[0]
            if first.block is None and len(chunk.lines) + len(following.lines) <= MAX_HEADING_LINES \
                    and not self.barrier_between(last.number, first.number) \
                    and (breaks_word(last.text, first.text) and not p.ends_sentence(following.text)
                         and len(chunk.text) + len(following.text) <= MAX_HEADING_CHARS
                         or self._rest_of_listed_title(chunk, following)):
                # The rest of a word the heading broke at its end, in a text box of its own
                # (pdfminer): "Session 2: Connecting Mu-" / "nicipal Bonds"; or the rest of a title
                # the contents page lists, over a page or column break from its start.
                chunk, taken = Chunk(chunk.lines + following.lines, chunk.gap_before), taken + 1
                continue
            if first.block is None and len(following.lines) > 1 and breaks_word(last.text, first.text) \
                    and not p.ends_sentence(first.text) and starts_sentence(following.lines[1].text.strip()) \
                    and len(chunk.lines) < MAX_HEADING_LINES \
                    and len(chunk.text) + len(first.text) <= MAX_HEADING_CHARS \
                    and not self.barrier_between(last.number, first.number):
                # The rest of the word ends the heading, in one text box with the running text
                # after it (pdfminer): "... in Social Pro-" / "tection" / "Participants noted ...".
                chunks[index + taken + 1] = Chunk(following.lines[1:], 0)
                return Chunk(chunk.lines + (first,), chunk.gap_before), taken
            heading = self.headings.is_heading_chunk(following) or self.set_as_heading(following)
            if first.page == last.page:
                # A text box the extractor ended mid-phrase (another box, a running header's, set
                # between): its rest, shaped as a title, goes on with it.
                goes_on = p.continues_phrase(last.text) and not is_speaker_line(first.text) \
                    and (heading or p.looks_like_title(following.text))
            else:
                goes_on = (last.filled_by(first) or p.continues_phrase(last.text)) and heading
            if not goes_on or (last.size, last.bold, last.italic) != (first.size, first.bold, first.italic) \
                    or len(chunk.lines) + len(following.lines) > MAX_HEADING_LINES:
                break
            chunk, taken = Chunk(chunk.lines + following.lines, chunk.gap_before), taken + 1
        return chunk, taken

    def _rest_of_listed_title(self, chunk: Chunk, following: Chunk) -> bool:
        """Return True if ``following`` is the rest of the heading ``chunk``: together they are a
        title the contents page lists, and ``following`` is no title it lists nor a speaker.
        (The contents' titles hold two entries joined, as one entry wrapped may be.)"""
        titles = self.headings.titles
        return bool(titles) and following.text not in titles and not is_speaker_line(following.lines[0].text) \
            and join_wrapped_lines(line.text for line in (*chunk.lines, *following.lines)) in titles

    def start_section(self, chunk: Chunk) -> None:
        self.close_section()
        title = join_lines([line.text for line in chunk.lines], self.vocabulary).strip().strip("*").strip()
        self.section = _Section(title, self.unique_id(title), chunk.first)
        self.section.last = chunk.last

    def start_speech(self, chunks: list[Chunk], index: int) -> int:
        """Open a speech at ``chunks[index]``; return how many chunks it consumed."""
        self.close_speech()
        chunk = chunks[index]
        head, body_from = speaker_head(chunk)
        name, rest = p.split_speaker_line(head) or ("", "")
        role = [rest] if rest else []
        if not rest and body_from < len(chunk.lines):
            more = _name_runs_on(chunk.lines[body_from - 1], chunk.lines[body_from],
                                 last=body_from == len(chunk.lines) - 1)
            later = [*chunk.lines[body_from + 1:],
                     *(line for part in chunks[index + 1:index + 3] for line in part.lines)]
            more = more or _surname_runs_on(name, chunk.lines[body_from].text, later) \
                or self.roles_follow_names and not head.rstrip().endswith((",", "(")) \
                and _name_end_before_role(chunk.lines[body_from].text)
            if more:  # "Ambassador Kofi" / "Mensah (Vice-Chair, ..."
                name = f"{name} {more}"
                remainder = chunk.lines[body_from].text[len(more):].strip().lstrip(",;–-").strip()
                role = [remainder] if remainder else []
                body_from += 1
        body_from += _role_lines(role, chunk.lines[body_from:])
        consumed = 1
        last = chunk.lines[body_from - 1].number
        # The affiliation stands apart (its own type, a line of its own), or runs on over a page
        # or column break from where it stopped mid-phrase ("Chennai Office of the" / "..."), or
        # from a line the source measured full (or ended with the space a wrapped line ends
        # with), into a line in the same type. A role on the speaker's own line goes on in a
        # role-shaped chunk of its own right after it (pdfminer sets a wrapped line in a text box
        # of its own: "Mr. Le, Minister of Housing and Urban" / "Affairs"), as does a role whose
        # next role-shaped chunk stands right before the speech's first line, however the line
        # before ended ("... on Early" / "Childhood Education"); unless its parentheses closed it.
        apart = not role
        role_end = chunk.lines[body_from - 1]
        while len(chunk.lines) == body_from and index + consumed + 1 < len(chunks) \
                and (apart or _runs_on(role) or _filled_into(role_end, chunks[index + consumed].lines[0])
                     or role_end.stretched is True
                     or not role_end.text.rstrip().endswith(")")
                     and not self.headings.is_heading_chunk(chunks[index + consumed])
                     and (consumed == 1 or _speech_opens(chunks[index + consumed + 1]))) \
                and is_affiliation_chunk(chunks[index + consumed]):
            role.extend(line.text for line in chunks[index + consumed].lines)
            last = chunks[index + consumed].last
            role_end = chunks[index + consumed].lines[-1]
            consumed += 1
            apart = False
        carried = None  # the rest of the next chunk, after the role's lines it took
        following = chunks[index + consumed] if index + consumed < len(chunks) else None
        if len(chunk.lines) == body_from and following is not None and following.lines[0].block is None \
                and (role and _role_goes_on(role, following.lines[0].text) or _role_heads(following)) \
                and not self.barrier_between(last, following.first):
            # The role goes on in the next chunk, which the speech's text follows with no blank
            # line: a word broken at its end ("... of the Republic of Ko-" / "rea"), or the phrase
            # ("Policy Forum" / "of Finland"); a blank line stood between (pdfminer's text boxes).
            # Role-shaped lines at the head of the next chunk, then the speech's first line, are
            # the role's too: its rest at the next page's top ("... Coastal Management" / "Studies").
            taken = _role_lines(role, following.lines)
            if taken:
                last, consumed = following.lines[taken - 1].number, consumed + 1
                if taken < len(following.lines):
                    carried = Chunk(following.lines[taken:], 0)
        speaker = n.Speaker(name, p.affiliation(join_lines(role, self.vocabulary)))
        self.speech = _Speech(speaker, chunk.first)
        self.touch(last)
        if body_from < len(chunk.lines):
            self.add_text(Chunk(chunk.lines[body_from:], 0))
        if carried is not None:
            self.add_text(carried)
        return consumed

    def speaker_named_in_text(self, chunks: list[Chunk], index: int) -> int | None:
        """Return how many chunks (1 or 2) open the speech's text at ``chunks[index]`` with the
        speaker's full name wrapped after its first words, or None: a narrow column leaves a name
        line of its own ("Ambassador Jane" / "Smith stressed that ..."). The line reads as a
        speaker's, but the words the next line opens with complete the name of the speech just
        opened, and running text goes on after them."""
        chunk = chunks[index]
        if self.speech is None or not p.may_name_speaker(chunk.lines[0].text):
            return None
        head, taken = speaker_head(chunk)
        found = p.split_speaker_line(head)
        if found is None or found[1]:
            return None
        known, named = self.speech.speaker.name.split(), found[0].split()
        if not named or len(known) <= len(named) or known[:len(named)] != named:
            return None
        if taken < len(chunk.lines):
            following, count = chunk.lines[taken].text, 1
        elif index + 1 < len(chunks) and chunks[index + 1].lines[0].block is None:
            following, count = chunks[index + 1].lines[0].text, 2
        else:
            return None
        words = following.split()
        rest = known[len(named):]
        if len(words) <= len(rest) or [*words[:len(rest) - 1], words[len(rest) - 1].rstrip(",")] != rest:
            return None
        after = " ".join(words[len(rest):])
        return count if words[len(rest) - 1].endswith(",") or after[:1].islower() else None

    @property
    def roles_follow_names(self) -> bool:
        """True when the document sets a speaker's role on the name's line, after a comma or in
        parentheses: at least ``MIN_ROLES_AFTER_NAMES`` speakers' lines do, and more than twice as
        many as give the name alone (a name line wrapped before the name's end gives it so)."""
        return self.named_with_role >= MIN_ROLES_AFTER_NAMES and self.named_with_role > 2 * self.named_alone

    def add_text(self, chunk: Chunk) -> None:
        """Add a chunk of running text: paragraphs and list items."""
        for group in _split_items(chunk, self.continued):
            marker = None if line_key(group.lines[0]) in self.continued or self.dash_goes_on(group.lines[0].text) \
                else p.list_marker(group.lines[0].text)
            if marker:
                self.add_item(group, marker)
            else:
                self.add_paragraph(group)

    def barrier_between(self, after: int, before: int) -> bool:
        """Return True if a barrier line lies strictly between lines ``after`` and ``before``."""
        index = bisect.bisect_right(self.barriers, after)
        return index < len(self.barriers) and self.barriers[index] < before

    def joins_previous(self, text: str, first: Line) -> bool:
        """Return True if ``text``, from the line ``first`` on, continues the open paragraph across a page break."""
        first_line = first.number
        if self.open_text is None or line_key(first) in self.opens or _QA_LABEL.match(text) \
                or self.barrier_between(self.open_last, first_line):
            return False
        if why := self.runs_on.get(line_key(first)):
            self.diagnostics.append(Diagnostic(first_line, "joined-page-break",
                                               f"joined to the paragraph at line {self.open_first}: {why}", "info"))
            return True
        if p.ends_sentence(self.open_text):
            return False
        if _STARTS_LOWER.match(text):
            self.diagnostics.append(Diagnostic(first_line, "joined-page-break",
                                               f"joined paragraph split by a page break (from line {self.open_first})",
                                               "info"))
            return True
        if self.dash_goes_on(text):
            self.diagnostics.append(Diagnostic(first_line, "joined-page-break",
                                               f"joined to the paragraph at line {self.open_first}: its dash "
                                               "sets an aside apart in the sentence going on", "info"))
            return True
        if _closes_parenthesis(self.open_text, text):
            self.diagnostics.append(Diagnostic(first_line, "joined-page-break",
                                               f"joined to the paragraph at line {self.open_first}, whose "
                                               "parenthesis it closes"))
            return True
        if self.name_goes_on(text):
            self.diagnostics.append(Diagnostic(first_line, "joined-page-break",
                                               f"joined to the paragraph at line {self.open_first}, which "
                                               "broke off on a word: a name or a figure goes on with its sentence",
                                               "info"))
            return True
        last_word = self.open_text.split()[-1].lower() if self.open_text.split() else ""
        if last_word in _CONTINUING_WORDS or self.open_text.endswith(("-", "\u2010", ",")):
            self.diagnostics.append(Diagnostic(first_line, "joined-page-break",
                                               f"joined to the paragraph at line {self.open_first}, "
                                               f"which ends in {last_word!r}"))
            return True
        self.diagnostics.append(Diagnostic(self.open_first, "unfinished-paragraph",
                                           "paragraph ends without punctuation; kept apart from the next one"))
        return False

    def name_goes_on(self, text: str) -> bool:
        """Return True if ``text`` opens with a name, an acronym (a word the document writes
        inside sentences with its capital, never in lowercase: ``Vocabulary.writes_inside_sentence``)
        or a figure where the open paragraph, of running text (a sentence ends inside it), broke
        off on a word: the sentence goes on ("... committees spent" / "USD 80.2 million ...").
        Any other word may open a sentence, and a phrase (an item, a title) may end on any word."""
        words = text.split(maxsplit=1)
        first = words[0].rstrip(",;:") if words else ""
        open_text = self.open_text or ""
        return bool(first) and open_text.rstrip()[-1:].isalnum() and bool(p.SENTENCE_INSIDE.search(open_text)) \
            and (first.isdigit() or self.vocabulary.writes_inside_sentence(first))

    def dash_goes_on(self, text: str) -> bool:
        """Return True if ``text``, opening with a dash and a lowercase word, goes on with the
        sentence the open block broke off on a word (``patterns.dash_goes_on``): no item, unless
        the open block is a bulleted list's item, whose dash-marked items may follow one another
        in lowercase ("- vocational training, and" / "- support to ..."), where it does only
        inside an aside (``patterns.in_aside``)."""
        if self.open_text is None or not p.dash_goes_on(self.open_text, text):
            return False
        blocks = self.container()
        in_bullets = bool(blocks) and isinstance(blocks[-1], _OpenList) and not blocks[-1].ordered
        return not in_bullets or p.in_aside(self.open_text)

    def stray_words(self, text: str, chunk: Chunk) -> bool:
        """Return True if ``chunk`` is a stray fragment (``blocks.is_stray``: a word or two on a line
        of their own, in lowercase) after a paragraph: it goes on with the paragraph before rather
        than stand as one of its own. (Where running text follows it on its page, ``group_blocks``
        has put it before that text already.)"""
        if self.open_text is None or len(chunk.lines) != 1 or not is_stray(text) \
                or line_key(chunk.lines[0]) in self.opens:
            return False
        if self.open_last is not None and self.barrier_between(self.open_last, chunk.first):
            return False  # the title block's lines stand between: not the paragraph's
        self.diagnostics.append(Diagnostic(chunk.first, "stray-words",
                                           f"put {text.strip()!r}, standing apart in lowercase, at the end of the "
                                           f"paragraph at line {self.open_first}: the extractor took it out of a "
                                           "line whose place the text does not tell"))
        return True

    def inlines(self, text: str, pieces: list[tuple[Line, int]]) -> tuple[n.Inline, ...]:
        """Return the inlines of a paragraph's ``text``: from the type of its ``pieces`` where the
        source told it (a PDF), else from the text's own ``**strong**`` and ``*emphasis*``; the
        URLs and e-mail addresses in it made links."""
        if not pieces or not all(line.typed for line, _ in pieces):
            return place_anchors(parse_linked(text, parse_inlines), text, pieces)
        if not any(line.marks for line, _ in pieces):
            inlines: tuple[n.Inline, ...] = (n.Text(text),) if text else ()
        else:
            inlines = styled_inlines(text, [(line.text[start:], line.styles(start)) for line, start in pieces])
        return link_inlines(place_anchors(inlines, text, pieces))

    def add_paragraph(self, chunk: Chunk) -> None:
        text = join_lines([line.text for line in chunk.lines], self.vocabulary, chunk.first, self.diagnostics)
        pieces = [(line, 0) for line in chunk.lines]
        blocks = self.container()
        ended = bool(self.open_pieces) and self.open_pieces[-1][0].ends_block  # the source says so
        if blocks and not ended and (self.stray_words(text, chunk) or self.joins_previous(text, chunk.lines[0])):
            text = join_lines([self.open_text or "", text], self.vocabulary)
            pieces = self.open_pieces + pieces
            previous = blocks[-1]
            if isinstance(previous, _OpenList):
                span = (previous.items[-1].lines[0], chunk.last)
                previous.items[-1] = n.Item((n.Para(self.inlines(text, pieces), span),), span)
                previous.last = chunk.last
            else:
                blocks[-1] = n.Para(self.inlines(text, pieces), (previous.lines[0], chunk.last))
        else:
            blocks.append(n.Para(self.inlines(text, pieces), (chunk.first, chunk.last)))
            self.open_first = chunk.first
        self.open_text, self.open_last, self.open_pieces = text, chunk.last, pieces
        self.touch(chunk.last)

    def add_block(self, chunk: Chunk) -> None:
        """Add the block a reader built whole (a table, a figure), spanning its line. A table that
        opens a page right after one that ended the page before, in as many columns, is that
        table going on: its rows are added to it, less the head row repeated at the page's top."""
        block = chunk.lines[0].block
        blocks = self.container()
        previous = blocks[-1] if blocks else None
        if isinstance(block, n.Table) and isinstance(previous, n.Table) \
                and self.block_pages.get(previous.lines[1], chunk.lines[0].page) < chunk.lines[0].page \
                and previous.columns == block.columns:
            rows = block.head + block.body
            if rows[:1] == (previous.head + previous.body)[:1]:
                rows = rows[1:]
            blocks[-1] = replace(previous, body=previous.body + rows, lines=(previous.lines[0], chunk.last))
            self.diagnostics.append(Diagnostic(chunk.first, "table-continued", "took the table at the page's top "
                                               f"as the one the page before ended with going on ({len(rows)} rows)",
                                               "info"))
        else:
            blocks.append(replace(block, lines=(chunk.first, chunk.last)) if hasattr(block, "lines") else block)
        self.block_pages[chunk.last] = chunk.lines[0].page
        self.open_text, self.open_pieces = None, []
        self.touch(chunk.last)

    def add_quote(self, chunk: Chunk) -> None:
        """Add lines quoted e-mail style ("> ..."): a block quote of the paragraph they make."""
        lines = [line.without_prefix(_QUOTED.match(line.text).end()) for line in chunk.lines]
        text = join_lines([line.text for line in lines], self.vocabulary, chunk.first, self.diagnostics)
        para = n.Para(self.inlines(text, [(line, 0) for line in lines]), (chunk.first, chunk.last))
        self.container().append(n.BlockQuote((para,), (chunk.first, chunk.last)))
        self.open_text, self.open_pieces = None, []
        self.touch(chunk.last)

    def add_item(self, chunk: Chunk, marker: tuple[str, int, int]) -> None:
        kind, number, length = marker
        lines = [chunk.lines[0].text[length:], *(line.text for line in chunk.lines[1:])]
        text = join_lines(lines, self.vocabulary, chunk.first, self.diagnostics)
        pieces = [(chunk.lines[0], length), *((line, 0) for line in chunk.lines[1:])]
        span = (chunk.first, chunk.last)
        blocks = self.container()
        previous = blocks[-1] if blocks else None
        ordered = kind == "ordered"
        host = self.list_before_paragraph(blocks, chunk, ordered)
        if host is not None and ordered and number == host.next_number:
            # In a text dump, a paragraph between item N and item N + 1 of a numbered list is item
            # N's: its text went on past a line that looked like a paragraph's end ("... in 2012." /
            # "Only ...").
            para = blocks.pop()
            host.items[-1] = n.Item((*host.items[-1].blocks, para), (host.items[-1].lines[0], para.lines[1]))
            host.last = para.lines[1]
            self.diagnostics.append(Diagnostic(para.lines[0], "item-paragraph",
                                               f"took the paragraph between items {number - 1} and {number} "
                                               f"into item {number - 1}", "info"))
            previous = host
        elif host is not None and not ordered and not n.plain_text(previous.inlines).rstrip().endswith(":"):
            # In a text dump, a paragraph between two bulleted items is an item whose bullet the
            # extractor lost (pdfminer may drop a bullet's box): no text stands inside a list.
            para = blocks.pop()
            host.items.append(n.Item((para,), para.lines))
            host.last = para.lines[1]
            self.diagnostics.append(Diagnostic(para.lines[0], "item-unmarked",
                                               "took the paragraph between two bulleted items as an item "
                                               "whose bullet the text does not show", "info"))
            previous = host
        # The title block's lines between two items end the list.
        continues = isinstance(previous, _OpenList) and previous.ordered == ordered \
            and (not ordered or number == previous.next_number) and not self.barrier_between(previous.last, chunk.first)
        if not continues:
            if ordered and isinstance(previous, _OpenList) and previous.ordered:
                self.diagnostics.append(Diagnostic(chunk.first, "list-numbering",
                                                   f"item {number} does not follow item "
                                                   f"{previous.next_number - 1}; a new list starts"))
            previous = _OpenList(ordered, number if ordered else 1, chunk.first)
            blocks.append(previous)
        assert isinstance(previous, _OpenList)
        previous.items.append(n.Item((n.Para(self.inlines(text, pieces), span),), span))
        previous.last = chunk.last
        self.open_text, self.open_first, self.open_last, self.open_pieces = text, chunk.first, chunk.last, pieces
        self.touch(chunk.last)

    def list_before_paragraph(self, blocks: list[n.Block | _OpenList], chunk: Chunk, ordered: bool) -> _OpenList | None:
        """Return the open list (numbered if ``ordered``) right before the last of ``blocks``, a
        paragraph, where the item ``chunk`` opens could go on with it past that paragraph: in a
        text dump (a source that tells its paragraphs and lists, Word's, is taken at its word),
        with no barrier (the title block's lines) between; else None."""
        if len(blocks) < 2 or not isinstance(blocks[-1], n.Para) or not isinstance(blocks[-2], _OpenList) \
                or blocks[-2].ordered != ordered or chunk.lines[0].typed \
                or self.barrier_between(blocks[-2].last, chunk.first):
            return None
        return blocks[-2]

    def title_chunks_before_speaker(self, chunks: list[Chunk], index: int) -> int:
        """Return how many chunks from ``index`` make a title that a speaker follows (0: none).

        One title-shaped chunk; or two, where the first ends mid-phrase, on a comma or colon (no
        title ends so), or mid-word, and the second goes on with it, as a title broken at a page's
        foot goes on at the next page's top ("...: Evidence," / "Institutions and the Long Road
        ...") or in a text box of its own ("...: Evidence, Institu-" / "tions and ..."). The first
        holds ``_MIN_TITLE_START_WORDS`` words or more: a sentence's opening words an extractor set
        apart ("However,", "Since 1996,") are fewer.
        """
        chunk = chunks[index]
        if len(chunk.lines) > MAX_HEADING_LINES or index + 1 >= len(chunks) \
                or sum(len(line.text) - line.indent for line in chunk.lines) > 2 * MAX_HEADING_CHARS:
            return 0  # running text, nearly always: far longer than any title
        text = join_lines([line.text for line in chunk.lines], self.vocabulary)
        following = chunks[index + 1]
        if p.looks_like_title(text) and (is_speaker_chunk(following) or is_speaker_chunk(chunk)):
            return 1 if is_speaker_chunk(following) and not is_speaker_chunk(chunk) else 0
        broken_word = breaks_word(chunk.lines[-1].text, following.lines[0].text)
        if index + 2 >= len(chunks) or not (text.rstrip().endswith((",", ":")) or broken_word) \
                or len(text.split()) < _MIN_TITLE_START_WORDS \
                or not p.looks_like_title(text.rstrip().rstrip(",:")) \
                or len(chunk.lines) + len(following.lines) > MAX_HEADING_LINES:
            return 0
        whole = join_lines([line.text for line in (*chunk.lines, *following.lines)], self.vocabulary)
        return 2 if p.looks_like_title(whole) and is_speaker_chunk(chunks[index + 2]) \
            and not is_speaker_chunk(following) else 0

    # --- the whole body -----------------------------------------------------------

    def build(self, chunks: list[Chunk]) -> tuple[n.Block, ...]:
        """Return the blocks of a body's ``chunks``."""
        self.feed(chunks, last=True)
        return self.finish()

    def feed(self, chunks: list[Chunk], *, last: bool = False) -> None:
        """Build the blocks of more of the body's ``chunks``, in order (a long PDF's come a window
        of pages at a time). Unless they are the ``last``, the final ``FEED_LOOKAHEAD`` wait for
        the next ones: a speaker's name looks at what follows it, a heading at where it goes on."""
        for chunk in chunks:
            if chunk.lines[0].block is None and is_speaker_line(chunk.lines[0].text):
                found = p.split_speaker_line(chunk.lines[0].text)
                if found is not None and found[1] or chunk.lines[0].text.rstrip().endswith((",", "(")):
                    self.named_with_role += 1
                else:
                    self.named_alone += 1
        queue = self.queue + chunks
        index = self.queued_from
        stop = len(queue) if last else len(queue) - FEED_LOOKAHEAD
        while index < stop:
            index = self._step(queue, index)
        keep = max(index - 1, 0)  # the chunk before the next is looked back at
        self.queue, self.queued_from = queue[keep:], index - keep

    def finish(self) -> tuple[n.Block, ...]:
        """Return the blocks of every chunk fed."""
        self.close_section()
        return _freeze(self.top)

    def _step(self, chunks: list[Chunk], index: int) -> int:
        """Build the chunk at ``index`` (and those it takes along); return the index of the next."""
        chunk = chunks[index]
        if chunk.lines[0].block is not None:
            self.add_block(chunk)
        elif _QUOTED.match(chunk.lines[0].text) and all(_QUOTED.match(line.text) for line in chunk.lines):
            self.add_quote(chunk)
        elif (named := _honorific_before(chunks, index, self.headings)) is not None:
            # The next chunk, the honorific's line put before it, is read next.
            chunks[index + 1] = named
            self.diagnostics.append(Diagnostic(chunk.first, "honorific-joined",
                                               f"put {chunk.text.strip()!r}, alone in a block of its own, before "
                                               "the name that opens the next block", "info"))
        elif self.headings.is_heading_chunk(chunk):
            chunk, taken = self.heading_over_break(chunks, index)
            self.start_section(chunk)
            index += taken
        elif (taken := self.speaker_named_in_text(chunks, index)) is not None:
            self.add_text(Chunk(tuple(line for part in chunks[index:index + taken] for line in part.lines),
                                chunk.gap_before))
            index += taken - 1
        elif is_speaker_chunk(chunk) and _speaker_has_body(chunks, index):
            index += self.start_speech(chunks, index) - 1
        elif (named := _role_before_name(chunks, index)) is not None:
            # The speaker's chunk, the role's first words put back after the name, is read next.
            chunks[index + 1] = named
            self.diagnostics.append(Diagnostic(chunk.first, "role-before-name",
                                               f"put {chunk.text.strip()!r} after the speaker's name on the next "
                                               "line, which ends in a comma: the extractor printed the rest of "
                                               "the name's line before it"))
        elif taken := self.title_chunks_before_speaker(chunks, index):
            chunk = Chunk(tuple(line for part in chunks[index:index + taken] for line in part.lines), chunk.gap_before)
            self.diagnostics.append(Diagnostic(chunk.first, "heading-by-shape",
                                               f"took {chunk.text.strip()!r} as a section heading "
                                               "(it is followed by a speaker)"))
            self.start_section(chunk)
            index += taken - 1
        elif self.set_as_heading(chunk):
            chunk, taken = self.heading_over_break(chunks, index)
            self.diagnostics.append(Diagnostic(chunk.first, "heading-by-type",
                                               f"took {chunk.text.strip()!r} as a section heading "
                                               "(set larger than the running text, on its own)", "info"))
            self.start_section(chunk)
            index += taken
        elif _titles_text(chunks, index, self.width):
            self.diagnostics.append(Diagnostic(chunk.first, "heading-by-shape",
                                               f"took {chunk.text.strip()!r} as a section heading "
                                               "(a title-case line over running text)"))
            self.start_section(chunk)
        else:
            self.add_text(chunk)
        return index + 1


#: A title broken over a page break (``BodyBuilder.title_chunks_before_speaker``) has at least this many
#: words before the break.
_MIN_TITLE_START_WORDS = 3


#: How many chunks ``BodyBuilder.feed`` keeps back for the next feed: more than a speaker's name,
#: affiliation and first paragraph, or a heading broken over a page break, take together.
FEED_LOOKAHEAD = 12


#: A block set at least this much larger than the running text, on its own, is a heading.
HEADING_SIZE_RATIO = 1.15


def _set_as_heading(chunk: Chunk, body_size: float) -> bool:
    """Return True if ``chunk`` is a title in larger type than the running text (a source that
    tells sizes, as a PDF does): short, no sentence, no list item, no speaker."""
    if body_size <= 0 or len(chunk.lines) > MAX_HEADING_LINES \
            or not all(line.size >= HEADING_SIZE_RATIO * body_size for line in chunk.lines):
        return False
    text = chunk.text.strip()
    return (len(text) <= MAX_HEADING_CHARS
            and not p.ends_sentence(text) and p.list_marker(text) is None and not is_speaker_chunk(chunk))


def _titles_text(chunks: list[Chunk], index: int, width: int = 0) -> bool:
    """Return True if the chunk at ``index`` is a title over the running text that follows.

    It is title-shaped (short, capitalised, no sentence end; at most ``_MAX_TITLE_WORDS`` words
    on one line unless the line is wider than any of running text (``wider_than_text`` the
    usual ``width``) or the source never wraps it, or wrapped over up to
    ``MAX_HEADING_LINES``), stands after a blank line,
    a sentence's end or a list's item, and running text starting a sentence follows it directly, or after
    a blank line where the title stands between blank lines after a sentence's end or a list's item. Running
    text wraps: over two lines or more, or one line the chunk after it goes on from (a word
    broken at its end, or no sentence's end and a lowercase start: pdfminer may box a
    paragraph's first line alone).
    """
    chunk = chunks[index]
    if len(chunk.lines) > MAX_HEADING_LINES or index + 1 >= len(chunks):
        return False
    text = join_wrapped_lines(line.text for line in chunk.lines)
    if not p.looks_like_title(text):  # running text, nearly always: the quickest test first
        return False
    following = chunks[index + 1]
    # Apart from the text before it: a blank line, or (a dump with none) a sentence's end.
    after_sentence = index > 0 and p.ends_sentence(chunks[index - 1].lines[-1].text)
    # Or it opens the text read (the body's first block) or a page: no text before it runs on.
    opens = index == 0 or chunk.lines[0].page != chunks[index - 1].lines[-1].page
    # Or it follows a list's item, which ended before it (no item of the list, it has no marker).
    after_item = index > 0 and p.list_marker(chunks[index - 1].lines[0].text) is not None
    apart = chunk.gap_before > 0 or after_sentence or opens or after_item
    # The text follows it directly, or after a blank line where one stands between all blocks
    # (pdfminer's boxes): then only a title of two words or more (a lone word is a column's
    # scrap) after a sentence's end or a list's item (not among a list's phrases).
    # A source that gives each paragraph whole on a line (``Line.ends_block``: pandoc's) sets
    # every block apart, shows running text by a paragraph longer than the title that ends a
    # sentence, and never wraps a title, however many words it has.
    whole = chunk.lines[-1].ends_block and following.lines[-1].ends_block
    close = following.gap_before == 0 or chunk.gap_before > 0 and (after_sentence or opens or whole or after_item) \
        and len(chunk.text.split()) > 1
    wraps = len(following.lines) > 1 or index + 2 < len(chunks) \
        and _goes_on_into(following.lines[-1].text, chunks[index + 2].lines[0].text) \
        or whole and len(following.text) > len(text) and p.ends_sentence(following.text)
    if not (apart and close and wraps and following.lines[0].text.strip()[:1].isupper()) or p.list_marker(chunk.text):
        return False
    if p.continues_phrase(text) or text.count("(") != text.count(")") \
            or len(chunk.lines) == 1 and len(text.split()) > _MAX_TITLE_WORDS and not whole \
            and not (width and wider_than_text(text, width)) or PAGE_NUMBER.match(text):
        return False  # a page's number the furniture missed ("Page 5 of 7") is no title either
    return not is_speaker_chunk(following) and p.list_marker(following.lines[0].text) is None \
        and not p.goes_on_in_capitals(text, following.lines[0].text)


def _honorific_before(chunks: list[Chunk], index: int, headings: Headings) -> Chunk | None:
    """Return the chunk after ``chunks[index]`` with that chunk's one line, an honorific alone
    ("Ms."), put before it, where the next chunk opens with a letter not in lower case (a
    capital, or a letter of a script without case) and is no heading: the rest of a name's line,
    which the extractor set in a block of its own (pdfminer boxes "Ms." apart from a name in
    another script: "Ms." / "<name> acknowledged that ..."). Else None. The next chunk's first
    line is marked as wrapped into from the honorific's (``speaker_head`` reads the two as one
    line; a paragraph joins them), and the block spans both lines."""
    chunk = chunks[index]
    if len(chunk.lines) != 1 or not p.is_honorific(chunk.lines[0].text.strip()) or index + 1 >= len(chunks):
        return None
    following = chunks[index + 1]
    head = following.lines[0]
    first = head.text.strip()[:1]
    if head.block is not None or not first.isalpha() or first.islower() or p.HONORIFIC.match(head.text.strip()) \
            or headings.is_heading_chunk(following):
        return None
    return Chunk((chunk.lines[0], replace(head, wraps=True), *following.lines[1:]), chunk.gap_before)


def _role_before_name(chunks: list[Chunk], index: int) -> Chunk | None:
    """Return the speaker's chunk after ``chunks[index]`` with that chunk's line put after the
    name, where it is the first part of the speaker's role printed before the name; else None.

    pdfminer boxes a justified speaker line's words apart: "Permanent Secretary, Ministry of
    Local" / "Ms. Achieng Kamau," / "Government, Government of Viet Nam". The chunk is one line,
    role-shaped (no sentence's end); the next chunk opens with a speaker's name that ends in a
    comma, no role after it on its line, and goes on with another line.
    """
    chunk = chunks[index]
    if len(chunk.lines) != 1 or index + 1 >= len(chunks):
        return None
    following = chunks[index + 1]
    text = chunk.lines[0].text.strip()
    head = following.lines[0]
    if len(following.lines) < 2 or not head.text.rstrip().endswith(",") or not is_speaker_line(head.text):
        return None
    _, role = p.split_speaker_line(head.text) or ("", "")
    if role or p.ends_sentence(text) or not p.is_role_line(text) or is_speaker_line(text) or p.heading_kind(text):
        return None
    named = head.with_text(f"{head.text.rstrip()} {text}")
    return Chunk((named, *following.lines[1:]), following.gap_before)


def _goes_on_into(text: str, following: str) -> bool:
    """Return True if the line ``text`` goes on in the line ``following``: a word broken at its
    end, or no sentence's end before a lowercase start."""
    return breaks_word(text, following) or not p.ends_sentence(text) and p.opens_in_lowercase(following)


def _filled_into(line: Line, following: Line) -> bool:
    """Return True if the source measured ``line`` full (the first word of ``following`` would
    not have fitted after it) and ``following`` is set in the same type: the text goes on."""
    return bool(line.filled_by(following)) \
        and (line.size, line.bold, line.italic) == (following.size, following.bold, following.italic)


#: At most this many words on a line of their own end a speaker's wrapped name.
_NAME_RUN_ON_WORDS = 3


def _name_runs_on(head: Line, line: Line, last: bool) -> str:
    """Return the words a speaker's name runs on with at the start of ``line``, which the source
    shows ``head`` (the name) wrapped into: the capitalised words set in the name's type, before
    the type changes for the affiliation ("Mensah" in bold, then "(Vice-Chair, ..." in italics).
    A whole line of a few such words is the name's end too ("Ambassador Kanokwan" / "Srisuk"),
    when it is the ``last`` of its chunk (the affiliation, if any, stands apart) and ends in no
    punctuation (a role running on does: "Senior Research Fellow,").
    "" when the source does not tell type apart, or the line does not go on so."""
    if not line.wraps or not line.typed or not head.typed or not head.text:
        return ""
    name_type = head.styles()[-1]
    styles = line.styles()
    same = next((index for index, style in enumerate(styles) if style != name_type), len(styles))
    words = line.text[:same].strip()
    if not words or not all(word[:1].isupper() for word in words.split()):
        return ""
    if same == len(styles):
        return words if last and len(words.split()) <= _NAME_RUN_ON_WORDS and words[-1].isalpha() else ""
    return words if line.text[same:].strip()[:1] in "(,–-" else ""


def _scattered_role(word: str, lines: tuple[Line, ...]) -> bool:
    """Return True if ``word`` and the one-word lines marked as wrapped into that open ``lines``
    (one justified line cut at its wide spaces) read as a role: no honorific among them."""
    # A line of more words opens no such run: it goes on with the role only as any line does.
    words = scattered_words(word, lines)
    return len(words) > 1 and p.is_role_line(" ".join(words)) and not any(map(p.is_honorific, words))


#: A word a name can end with: capitalised letters, perhaps hyphenated or with an apostrophe.
_SURNAME = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _surname_runs_on(name: str, text: str, later: list[Line]) -> str:
    """Return the first word of ``text`` if it is the end of the speaker's ``name`` wrapped onto
    the next line, as the speech's ``later`` lines show when they call the speaker by honorific
    and that word ("Ambassador Kanokwan" / "Wongsakul" ... "Ambassador Wongsakul suggested"), or
    by the whole name ("Ambassador Kanokwan Wongsakul suggested"); else "".

    For sources that do not tell type apart (``_name_runs_on`` reads the type where they do):
    the word must be followed by nothing, or by the affiliation's comma or parenthesis.
    """
    honorific = p.HONORIFIC.match(name)
    found = _SURNAME.match(text)
    if not honorific or not found or not found[0][:1].isupper() or found[0] in name.split():
        return ""
    after = text[found.end():].strip()
    if after and after[:1] not in "(,":
        return ""
    said = " ".join(word for line in later for word in line.text.split())
    return found[0] if any(_holds_words(said, f"{' '.join(prefix.split())} {found[0]}")
                           for prefix in (honorific[0], name)) else ""


def _holds_words(text: str, words: str) -> bool:
    """Return True if ``text`` holds ``words`` whole: no letter, digit or underscore right before
    or after them (a plain search: a pattern made per speaker's name would be compiled anew for
    each, past the pattern cache, in a report of thousands of speakers)."""
    at = text.find(words)
    while at >= 0:
        end = at + len(words)
        if not (at and _word_char(text[at - 1])) and not (end < len(text) and _word_char(text[end])):
            return True
        at = text.find(words, at + 1)
    return False


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


#: A document sets roles on the names' lines where at least this many speakers' lines show it.
MIN_ROLES_AFTER_NAMES = 2


def _name_end_before_role(text: str) -> str:
    """Return the capitalised words (at most ``_NAME_RUN_ON_WORDS``, no honorific) that open
    ``text`` right before a comma or a parenthesis, or "": the end of a speaker's name wrapped
    onto the role's line ("Ambassador Tran Thu" / "Huong, Chief Economist, ..."), in a document
    that sets roles on the names' lines."""
    words: list[str] = []
    at = 0
    for found in _SURNAME.finditer(text):
        if text[at:found.start()].strip() or not found[0][:1].isupper() or p.is_honorific(found[0]) \
                or len(words) == _NAME_RUN_ON_WORDS:
            return ""
        words.append(found[0])
        at = found.end()
        if text[at:].lstrip()[:1] in ("(", ","):
            return " ".join(words)
    return ""


#: A role takes up to this many characters (an affiliation in parentheses is read on until
#: they close, up to as many): a line that would take it further is running text, however it
#: reads. A role's line may be longer than a printed line (``_UNWRAPPED_LINE``): two the
#: extractor ran together.
_MAX_ROLE_CHARS = 300


def _closed(text: str) -> bool:
    """Return True if ``text`` closes every parenthesis it opens."""
    return text.count("(") <= text.count(")")


def _closes_parenthesis(open_text: str, text: str) -> bool:
    """Return True if ``open_text`` ends inside a parenthesis that ``text`` closes before opening any."""
    tail = open_text[-200:]  # a parenthesis left open lies near the end
    if tail.rfind("(") <= tail.rfind(")"):
        return False
    closing = text.find(")")
    return closing >= 0 and "(" not in text[:closing]


def _role_goes_on(role: list[str], text: str) -> bool:
    """Return True if the line ``text`` goes on with the ``role`` lines before it: it goes on with a
    word the role broke at its end, or it reads as a role (naming no speaker) and the role
    stopped mid-phrase or at a semicolon ("...; Member of ..."), or it opens in lowercase (no
    speech does)."""
    return breaks_word(role[-1], text) \
        or (_runs_on(role) or p.opens_in_lowercase(text)) \
        and p.is_role_line(text) and not p.ends_sentence(text) \
        and not is_speaker_line(text)


def _speech_opens(chunk: Chunk) -> bool:
    """Return True if ``chunk`` opens as a speech does, with a sentence about someone ("Ms. Sato
    said ..."), and no speaker's line."""
    return p.opens_with_person(chunk.lines[0].text) and not is_speaker_chunk(chunk)


def _role_heads(chunk: Chunk) -> bool:
    """Return True if a speaker's role, or its rest, stands at the head of ``chunk`` (a text box
    that holds the role and the speech, after the name's; the next page's top): role-shaped
    lines, then a line that opens with a person, as a speech does ("Director, Centre for Water
    Studies" / "Dr. Ruiz said that ..."). A chunk that opens with a speaker's line holds none."""
    taken = _role_lines([], chunk.lines)
    return 0 < taken < len(chunk.lines) and p.opens_with_person(chunk.lines[taken].text) \
        and not is_speaker_line(chunk.lines[0].text)


def _role_lines(role: list[str], lines: tuple[Line, ...]) -> int:
    """Add to ``role`` the lines of ``lines`` that go on with it; return how many it took.

    The role ends where running text begins (no blank line needs to separate them), not inside
    a word broken at the line's end ("Govern-" / "ment of Brazil"), nor inside its parentheses.
    """
    taken = 0
    for line in lines:
        parenthesised = bool(role) and role[0].startswith("(")
        if parenthesised and _closed(" ".join(role)):
            break  # "(Chief Economist," / "University of Da Nang)": the affiliation is whole
        so_far = sum(map(len, role))
        # Inside its parentheses, the role goes on whatever the line's shape ("(Vice-Chair at" /
        # "Association" / "of" / ...: a justified column's words, one a line).
        inside = parenthesised and so_far < _MAX_ROLE_CHARS and not p.opens_with_person(line.text)
        broken_word = bool(role) and breaks_word(role[-1], line.text)
        # A justified line of the role the extractor cut at its wide spaces, a word a line
        # ("Executive" / "Secretary," / "Association" / "of"; the reader marks them as
        # wrapped into), goes on with it where its words read as a role and name no one.
        scattered = bool(role) and line.wraps is True and " " not in role[-1].strip() \
            and _scattered_role(role[-1], lines[taken:])
        if not (broken_word or inside or scattered) and (so_far + len(line.text) > _MAX_ROLE_CHARS
                                                        or p.ends_sentence(line.text)
                                                        or p.list_marker(line.text)
                                                        or p.opens_with_person(_with_words_after(lines, taken))
                                                        or not p.is_role_line(line.text)):
            break
        role.append(line.text)
        taken += 1
    return taken


#: The lines read after a one-word line to see whether its sentence opens with a person.
_PERSON_WORDS = 6


def _with_words_after(lines: tuple[Line, ...], index: int) -> str:
    """Return the text of the line at ``index`` and of the lines after it that the reader marked
    as wrapped into it (a justified line cut at its wide spaces, a word a line: "Ambassador" /
    "Khalil" / "argued"), up to ``_PERSON_WORDS`` of them."""
    texts = [lines[index].text.strip()]
    for line in lines[index + 1:index + 1 + _PERSON_WORDS]:
        if line.wraps is not True:
            break
        texts.append(line.text.strip())
    return " ".join(texts)


def _runs_on(role: list[str]) -> bool:
    """Return True if the role lines stop mid-phrase, at a semicolon (another role follows:
    "...; Member of ...") or inside parentheses."""
    return bool(role) and (p.continues_phrase(role[-1]) or role[-1].rstrip().endswith(";")
                           or " ".join(role).count("(") > " ".join(role).count(")"))


def _speaker_has_body(chunks: list[Chunk], index: int) -> bool:
    """Return True if the speaker chunk at ``index`` is followed by what it said, not by more
    names, nor by the rest of a sentence it opens ("Ambassador Huang" / "cautioned that ...", a
    text box of its own in pdfminer's dump)."""
    chunk = chunks[index]
    # Only an honorific boxed alone is read with its name's line.
    head = honorific_with_name(chunk)
    head, taken = (head, 2) if head else (chunk.lines[0].text, 1)
    split = p.split_speaker_line(head)
    if len(chunk.lines) > taken or split is None or split[1]:
        return True  # a role on the name's line
    return index + 1 < len(chunks) and not is_speaker_chunk(chunks[index + 1]) \
        and not p.opens_in_lowercase(chunks[index + 1].lines[0].text)


def _split_items(chunk: Chunk, continued: frozenset[tuple[int, str]] = frozenset()) -> list[Chunk]:
    """Return ``chunk`` cut where a list item starts or where unwrapped paragraphs meet.

    A line with a list marker, or a "Q:" / "A:" label, starts a new group. In a dump whose paragraphs are single long
    lines (at least half the chunk's lines are long, and none wraps into the next), a line that ends a sentence
    followed by one that starts a new sentence also cuts.
    """
    lines = chunk.lines
    if len(lines) == 1:
        return [chunk]
    # Paragraphs as single lines: most lines are long, and none wraps into the next. Long lines
    # among wrapped ones, or wrapping into the next themselves, are lines an extractor ran
    # together (raw pdftotext), not paragraphs.
    long_lines = 2 * sum(len(line.text) > _UNWRAPPED_LINE for line in lines) >= len(lines) \
        and not any(not p.ends_sentence(previous.text) and _STARTS_LOWER.match(line.text)
                    for previous, line in zip(lines, lines[1:]))
    groups: list[list] = [[lines[0]]]
    for previous, line in zip(lines, lines[1:]):
        starts_item = (p.list_marker(line.text) is not None and line_key(line) not in continued) \
            or bool(_QA_LABEL.match(line.text))
        unwrapped_break = long_lines and len(previous.text) > _UNWRAPPED_LINE and p.ends_sentence(previous.text) \
            and line.text[:1].isupper()
        if starts_item or unwrapped_break:
            groups.append([line])
        else:
            groups[-1].append(line)
    return [Chunk(tuple(group), 0) for group in groups]
