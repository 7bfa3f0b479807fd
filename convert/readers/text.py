"""The text reader: a decoded text dump to lines, with what the text itself shows of the page.

1. ``split_lines``      numbered lines on pages (form feeds), their indents; blank lines kept
2. ``split_columns``    two columns that share each line (a layout-preserving dump) read one by one
3. ``collapse_spaces``  runs of spaces between words (justified text) made one
   ``mark_stretched``   in a justified dump whose extractor kept the stretch as runs of spaces,
                        lines so stretched, and lines as short without any, marked
   ``mark_line_ends``   in a dump whose extractor ends wrapped lines with the space drawn
                        there, those lines marked as going on, and in ragged text a sentence's
                        end without it as a paragraph's (read before spaces are stripped)
   ``join_scattered_words`` a justified line an extractor wrote a word per line (it cut the
                        line at every wide space) joined again
4. ``punctuation_out_of_right_to_left`` spaces, brackets and commas an extractor reversed
                        into a right-to-left run with its words put back after it
5. ``right_to_left_in_reading_order`` Arabic presentation forms written as their letters; runs
                        of right-to-left words an extractor wrote as drawn (visual order) put in
                        reading order, where the text's letters (their forms, the article) show it
6. ``honorifics_first`` a right-to-left speaker's honorific, written after the name in visual
                        order ("<name> .Ms", "<name> Ambassador"), put back before it
                        ("Ms. <name>"): after step 5,
                        whose evidence these lines, already turned, would otherwise confuse
7. ``drawn_runs_in_reading_order`` in a dump that turned a right-to-left line whole (step 6),
                        mirrored a bracket into a run (step 4) or gave a name's line the
                        other way from its running text (``runs_turned_elsewhere``), the words of each
                        right-to-left run inside a left-to-right line, which it wrote as
                        drawn, put in reading order; so too a run whose words a line sets
                        two spaces apart (``runs_set_apart``, read before step 3), or whose
                        first word alone opens with the Arabic article (``_led_by_article``)
8. ``kashida_out_of_right_to_left`` kashida glyphs without text inside Arabic words
                        ("ة الراشدYYفاطم") taken out, the pieces put in reading order;
   ``words_cut_at_kashida`` in an Arabic name inside Latin text, pieces pdftotext set apart
                        there by a space ("س لمى") made one word (the Arabic word list);
   ``words_turned_about`` in such a name, a word given as drawn in glyph runs ("وسفي")
                        read back (the Arabic word list)
9. ``rehyphenate_compounds`` in a dump whose extractor took out its line-end hyphens, the
                        hyphen of a compound it joined put back ("earlywarning"; the
                        document's spelling, a capital inside, or the language's word list)
10. ``rejoin_split_words`` in such a dump, a word whose line-end hyphen the extractor took out
                        but whose halves it left apart made whole again ("pro grammes")

``recover_text`` then hands the lines to structure recovery; ``recover_text_bytes`` is the
registered reader (``convert.readers``): bytes decoded first.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from ..decode import decode_bytes
from ..errors import Diagnostic
from ..lines import Line
from ..recover import Recovered, patterns, recover
from ..recover.lexicon import compound_cuts, knows, one_word
from ..recover.blocks import is_speaker_line
from ..recover.markers import is_lone_marker
from ..recover.text import breaks_word
from .columns import split_columns


#: A page's footer glued to the word it broke: a letter in lowercase, then "Page 9" or "Page 9 of 12".
_GLUED_PAGE_NUMBER = re.compile(r"(?<=[a-z\u00df-\u00ff])Page \d{1,4}(?: of \d{1,4})?$")
_DIGITS = tuple("0123456789")
#: Form feeds inside a right-to-left word (Hebrew, Arabic and their presentation forms).
_FORM_FEED_IN_RIGHT_TO_LEFT = re.compile("(?<=[\u0590-\u08ff\ufb1d-\ufefc])\f+(?=[\u0590-\u08ff\ufb1d-\ufefc])")


def split_lines(text: str) -> list[Line]:
    """Return the numbered lines of ``text``, right-stripped; whitespace-only lines become blank.

    A form feed starts a new page; it is not a line of its own, so line numbers stay those an
    editor shows. A U+FFFE inside a line (PDFium's hyphen where it ran two lines into one) cuts
    it into the lines it was, each ending in a hyphen but the last, all under one number; so
    does a footer "Page N" glued to the end of a word (pdftotext's hyphen joining). Form feeds
    between two right-to-left letters are no page break but glyphs of the script that the PDF's
    font map gave as U+000C (pypdf and pypdfium2, in a name set by LibreOffice): they are dropped.
    """
    lines: list[Line] = []
    page = 1
    for number, raw in enumerate(text.split("\n"), 1):
        line_page = page
        if "\f" in raw:
            raw = _FORM_FEED_IN_RIGHT_TO_LEFT.sub("", raw)
        if "\f" in raw:
            # The line is on the page its text starts on; a form feed after the text ends that page.
            text_start = len(raw) - len(raw.lstrip("\f \t"))
            line_page = page + raw.count("\f", 0, text_start)
            page += raw.count("\f")
            raw = raw.replace("\f", "")
        stripped = raw.rstrip()
        glued = _GLUED_PAGE_NUMBER.search(stripped) if stripped.endswith(_DIGITS) else None
        if glued:
            # pdftotext joins a line ending in a hyphen with the next, also when that next line
            # is the page's footer: "research insti" + "Page 9". The footer goes back on a line
            # of its own and the hyphen back to the word, for the furniture and line joiner.
            stripped = stripped[:glued.start()] + "\ufffe" + glued.group()
        if "\ufffe" in stripped:
            # PDFium ran two lines into one across a hyphen that broke a word, written U+FFFE:
            # the lines are cut apart again (both keep the number an editor shows), the hyphen
            # left for the line joiner to decide on.
            segments = stripped.split("\ufffe")
            parts = [segment.rstrip() + "-" * (at < len(segments) - 1) for at, segment in enumerate(segments)
                     if segment.strip()]
            lines.extend(Line(number, part, line_page, len(part) - len(part.lstrip()) if at == 0 else 0)
                         for at, part in enumerate(parts))
            if not parts:
                lines.append(Line(number, "", page))
        elif stripped.strip():
            lines.append(Line(number, stripped, line_page, len(stripped) - len(stripped.lstrip())))
        else:
            lines.append(Line(number, "", page))
    return lines


_SPACE_RUN = re.compile(r"(?<=\S) {2,}(?=\S)")


#: A dump shows its justification when at least this share of its lines of running text (three
#: words or more) hold runs of spaces between words.
STRETCHED_SHARE = 0.2


def mark_stretched(lines: list[Line], spaced: list[int] | None = None) -> list[Line]:
    """Return ``lines`` (spaces not yet collapsed) with ``stretched`` set where the dump shows it.

    Some extractors keep a justified line's stretch as runs of spaces between its words
    (pdfminer, ``pdftotext -layout``); a paragraph's last line is never stretched. Where at least
    ``STRETCHED_SHARE`` of the lines of running text hold such runs, each of them is stretched
    (its paragraph goes on), and a line without any, no longer (words collapsed) than the median
    stretched line, is left short: stretched that little, it would have shown runs too (its
    paragraph ends there). Longer lines without runs tell nothing. Structure recovery reads a
    line left short only across page and column breaks (within a page, a sentence can end a line
    stretched too little to show runs); a stretched line's paragraph goes on anywhere. ``spaced``:
    the indexes of the lines with two spaces in a row, when the caller has found them.
    """
    if spaced is None:
        spaced = [index for index, line in enumerate(lines) if "  " in line.text]
    runs = [index for index in spaced if _SPACE_RUN.search(lines[index].text) and len(lines[index].text.split()) >= 3]
    if not runs:
        return lines
    running = [index for index, line in enumerate(lines) if len(line.text.split()) >= 3]
    if len(runs) < STRETCHED_SHARE * len(running):
        return lines
    lengths = sorted(len(" ".join(lines[index].text.split())) for index in runs)
    median = lengths[len(lengths) // 2]
    out = list(lines)
    stretched = set(runs)
    for index in spaced:  # two words stretched apart ("Ambassador  Okonkwo,") are a paragraph's too
        if index not in stretched and len(lines[index].text.split()) == 2 and _SPACE_RUN.search(lines[index].text):
            out[index] = replace(lines[index], stretched=True)
    for index in running:
        if index in stretched:
            out[index] = replace(lines[index], stretched=True)
        elif len(" ".join(lines[index].text.split())) <= median:
            out[index] = replace(lines[index], stretched=False)
    return out


#: A dump ends its wrapped lines with the space the page draws there when at least this share of
#: its lines of running text (``_RUNNING_WORDS`` words or more) end in a space ...
SOFT_END_SHARE = 0.05
#: ... and it ends the wrapped lines of ragged text so (all but those that fill their measure)
#: when at least this share does.
RAGGED_SOFT_END_SHARE = 0.25
#: In such a ragged dump, a line that ends a sentence without the space, under this share of the
#: shortest lines filled to the column's edge, ends its paragraph ...
HARD_END_SHARE = 0.9
#: ... those being the lines that go on mid-sentence without the space (the page drew none after
#: a line that filled its measure), the tenth percentile of at least this many.
MIN_FILLED_LINES = 5


def soft_line_ends(text: str) -> frozenset[int]:
    """Return the numbers of the lines of ``text`` (a dump not yet split) that end in a space.

    pdfminer, pypdf and pypdfium2 copy the space a PDF draws between the last word of a wrapped
    line and the first of the next (LibreOffice draws it, after every wrapped line of ragged text
    but those that fill their measure; in justified text, after few); after a paragraph's last
    line there is none. Other extractors, and other PDFs, end no line of running text in a space,
    or a few.
    """
    ended: list[int] = []
    number, counted = 1, 0
    found = text.find(" \n")
    while found >= 0:  # most dumps: none, or a few
        number += text.count("\n", counted, found)
        counted = found
        if text[text.rfind("\n", 0, found) + 1:found].strip():
            ended.append(number)
        found = text.find(" \n", found + 1)
    if text.endswith(" ") and text[text.rfind("\n") + 1:].strip():  # the last line, with no line end
        ended.append(text.count("\n") + 1)
    return frozenset(ended)


def _running(text: str) -> bool:
    """Return True if ``text`` is a line of running text: ``_RUNNING_WORDS`` words or more."""
    return len(text.split(None, _RUNNING_WORDS - 1)) >= _RUNNING_WORDS


def mark_line_ends(lines: list[Line], ended: frozenset[int]) -> list[Line]:
    """Return ``lines`` with what the spaces at their ends show (``soft_line_ends``: the ``ended``
    lines' numbers), where the dump ends wrapped lines so: ``SOFT_END_SHARE`` of its lines of
    running text end in a space.

    A line ended with the space goes on: it is marked ``stretched``, as a justified line stretched
    to its column's edge is, whatever ``mark_stretched`` read of its spaces. In a ragged dump
    (``RAGGED_SOFT_END_SHARE``), a line without it that ends a sentence well short of the lines
    that filled their measure (``HARD_END_SHARE``, ``MIN_FILLED_LINES``) ends its paragraph: the
    line after it (on the same page) is marked as opening a block (``wraps`` False). In a dump
    that does not, only a line that a text box broke off mid-sentence is marked
    (``_boxes_broken_off``).
    """
    most = len(ended) / SOFT_END_SHARE  # more lines of running text than this: too few end in a space
    running = ended_running = 0
    for line in lines:
        if _running(line.text):
            running += 1
            ended_running += line.number in ended
            if running > most:
                return _boxes_broken_off(lines, ended)
    share = ended_running / running if running else 0.0
    if share < SOFT_END_SHARE:
        return _boxes_broken_off(lines, ended)
    out = [line.with_stretched(True) if line.number in ended and line.text else line for line in lines]
    if share < RAGGED_SOFT_END_SHARE:
        return _open_after_hard_ends(out, ended, lambda index: _after_soft_run(out, ended, index))
    filled = sorted(len(line.text.strip()) for line, following in zip(out, out[1:])
                    if line.text and line.number not in ended and following.text[:1].islower()
                    and line.text[-1:].isalpha())
    if len(filled) < MIN_FILLED_LINES:
        return out
    short = HARD_END_SHARE * filled[len(filled) // 10]
    return _open_after_hard_ends(out, ended, lambda index: short)


def _boxes_broken_off(lines: list[Line], ended: frozenset[int]) -> list[Line]:
    """Return ``lines`` with each of the ``ended`` lines (ending in a space) that stops mid-sentence
    and ends its text box (a blank line after it: pdfminer's boxes) marked ``stretched``: the box
    broke off a wrapped line, and what it holds goes on in the next. (However few lines of the dump
    end in a space: one is drawn after a wrapped line only, and a stray one after a sentence's end
    tells nothing.)"""
    out = lines
    for index, line in enumerate(lines):
        if line.number in ended and line.text and not patterns.ends_sentence(line.text) \
                and (index + 1 == len(lines) or not lines[index + 1].text):
            if out is lines:
                out = list(lines)
            out[index] = line.with_stretched(True)
    return out


#: A block set ragged in a justified dump (a list's items) shows its wrapped lines by the space at
#: their ends too: a line ending a sentence without it after this many lines in a row with it ...
SOFT_RUN_LINES = 2


def _after_soft_run(lines: list[Line], ended: frozenset[int], index: int) -> float:
    """Return how long the line at ``index`` may be and still end a ragged block in a justified
    dump: under ``HARD_END_SHARE`` of the longest of the ``SOFT_RUN_LINES`` lines before it, which
    end in the space, on its page; 0 where those lines do not."""
    run = lines[index - SOFT_RUN_LINES:index] if index >= SOFT_RUN_LINES else []
    if not run or not all(above.number in ended and above.text and above.page == lines[index].page for above in run):
        return 0
    return HARD_END_SHARE * max(len(above.text.strip()) for above in run)


def _open_after_hard_ends(lines: list[Line], ended: frozenset[int], shorter_than: Callable[[int], float]) -> list[Line]:
    """Return ``lines`` with the line after each paragraph's end the space at line ends shows
    marked as opening a block (``wraps`` False): a line that ends a sentence without the space
    (not in ``ended``), shorter than ``shorter_than(its index)``, the next line on its page."""
    out = lines
    for index, (line, following) in enumerate(zip(lines, lines[1:])):
        if line.number in ended or not line.text or not following.text or following.wraps is not None \
                or following.page != line.page:
            continue
        if len(line.text.strip()) < shorter_than(index) and patterns.ends_sentence(line.text):
            if out is lines:
                out = list(lines)
            out[index + 1] = replace(following, wraps=False)
    return out


def collapse_spaces(lines: list[Line], spaced: list[int] | None = None) -> list[Line]:
    """Return ``lines`` with runs of spaces between words made one (justified text, table gaps).

    The indent stays: it is evidence (first-line indents, centring), read by later steps.
    ``spaced``: the indexes of the lines with two spaces in a row, when the caller has found them.
    """
    if spaced is None:
        spaced = [index for index, line in enumerate(lines) if "  " in line.text]
    out = list(lines) if spaced else lines
    for index in spaced:
        if "  " in lines[index].text.lstrip():
            out[index] = lines[index].with_text(_SPACE_RUN.sub(" ", lines[index].text))
    return out


#: A line of running text holds at least this many words; the median length of such lines is
#: the usual line's.
_RUNNING_WORDS = 4
#: The line after a run of scattered words is running text: at least this share of a usual line.
SCATTERED_NEXT_SHARE = 0.5
#: A run of scattered words is at most this many usual lines long, its words joined.
SCATTERED_MOST_LINES = 3


def join_scattered_words(lines: list[Line]) -> tuple[list[Line], list[Diagnostic]]:
    """Return ``lines`` with each justified line an extractor wrote a word per line read as one
    line again (each of its lines but the first, and the line after it but a speaker's, marked
    as wrapped into: ``wraps``), and a ``words-rejoined`` diagnostic for each.

    pdftotext and pdfminer end a line at a space much wider than the font's: in a narrow
    justified column, a line of few long words is stretched that wide, and comes out a word per
    line ("councils" / "were" / "expected" / "to" / "share"). Each of those short lines would
    read as a paragraph's end. Such a run is two or more lines of one word each on one page,
    with no blank line among them, no list marker, and no bare number at either end (a page
    number); one of its words starts in lowercase (not a column of names, nor a title's words),
    or the first is an honorific (a speaker's line: "Mr." / "Park" / "Min-jun" / "(Country"; an
    honorific opens a run of its own, the word before it ending the paragraph before),
    and none is a heading of its own ("Q&A" after a paragraph's one-word last line); the line
    after it is running text (at least ``SCATTERED_NEXT_SHARE`` of a usual line: a justified
    paragraph's last line is never stretched, so its paragraph goes on), or any line after a
    speaker's name and role opening (the role's end may be short); the line before it
    introduces nothing (no colon: a list of one-word items may follow one; a heading's colon,
    "Part II ...:", goes on with the title's rest); its words together
    are at most ``SCATTERED_MOST_LINES`` usual lines. No line's text changes.
    """
    runs: list[tuple[int, int]] = []  # [start, end) of each run of two or more one-word lines
    index = 0
    while index < len(lines):
        if not _one_word(lines[index]):
            index += 1
            continue
        end = index + 1
        # An honorific opens a run of its own: the words before it end the paragraph before.
        while end < len(lines) and _one_word(lines[end]) and lines[end].page == lines[index].page \
                and not patterns.is_honorific(lines[end].text.strip()):
            end += 1
        # A bare number at either end may be a page's (pypdf puts it among the text).
        first, last = index, end
        while first < last and _bare_number(lines[first]):
            first += 1
        while last > first and _bare_number(lines[last - 1]):
            last -= 1
        if last - first >= 2 and last == end:
            runs.append((first, last))
        index = end
    if not runs:
        return lines, []
    lengths = sorted(len(line.text.strip()) for line in lines if line.text.strip().count(" ") >= _RUNNING_WORDS - 1)
    if not lengths:
        return lines, []
    usual = lengths[len(lengths) // 2]
    out = list(lines)
    diagnostics: list[Diagnostic] = []
    for start, end in runs:
        run = lines[start:end]
        words = [line.text.strip() for line in run]
        following = lines[end] if end < len(lines) else None
        before = lines[start - 1] if start else None
        # A speaker's line ("Hon." / "Jung" / "Min-jun," / "Director-General,") may wrap into a
        # short line: its role's end.
        honorific = patterns.is_honorific(words[0])
        speaker = honorific and patterns.split_speaker_line(" ".join(words)) is not None
        if (following is not None and following.page == run[0].page and following.text
                and (speaker or len(following.text.strip()) >= SCATTERED_NEXT_SHARE * usual)
                and (any(word[:1].islower() for word in words) or honorific)
                and not any(patterns.heading_kind(word) for word in words)
                and not (before is not None and before.text.rstrip().endswith(":")
                         and not patterns.heading_kind(before.text))
                and len(" ".join(words)) <= SCATTERED_MOST_LINES * usual):
            # (The line after a title's words, a speaker's line, is no more of that line.)
            reach = end if is_speaker_line(following.text) else end + 1
            out[start + 1:reach] = [replace(line, wraps=True) for line in lines[start + 1:reach]]
            diagnostics.append(Diagnostic(run[0].number, "words-rejoined",
                                          f"lines {run[0].number}-{run[-1].number} hold one word each, between "
                                          "lines of running text: one justified line the extractor cut at its "
                                          "wide spaces, read as one", "info"))
    return (out, diagnostics) if diagnostics else (lines, [])


def _one_word(line: Line) -> bool:
    """Return True if ``line`` holds a single word and is no list marker."""
    text = line.text  # right-stripped already
    if text[:1] == " ":
        text = text.lstrip()
    return bool(text) and " " not in text and not is_lone_marker(line)


def _bare_number(line: Line) -> bool:
    return line.text.strip().isdecimal()


#: Letters that only ever end a word: Arabic teh marbuta and alef maksura, the five Hebrew
#: final forms. A word that starts with one was written with its letters reversed.
_WORD_FINAL_LETTERS = frozenset("\u0629\u0649\u05da\u05dd\u05df\u05e3\u05e5")
#: The Hebrew letters those final forms stand for elsewhere (kaf, mem, nun, pe, tsadi): they
#: never end a word. A word that ends with one was written with its letters reversed.
_NEVER_FINAL_LETTERS = frozenset("\u05db\u05de\u05e0\u05e4\u05e6")


def _presentation_forms(place: str) -> frozenset[str]:
    """Return the Arabic presentation forms (U+FB50-U+FDFF, U+FE70-U+FEFC) drawn for ``place`` in a
    word ("initial", "medial", "final"), as the Unicode database tags their decompositions."""
    return frozenset(chr(code) for code in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFD)]
                     if unicodedata.decomposition(chr(code)).startswith(f"<{place}>"))


#: Arabic presentation forms by the place in a word each is drawn for: an initial form opens a
#: word (or a part of it that a letter joining no further ended), a final form ends one.
_INITIAL_FORMS = _presentation_forms("initial")
_FINAL_FORMS = _presentation_forms("final")
_MEDIAL_FORMS = _presentation_forms("medial")


#: The Arabic article (alef, lam), which opens the word it is written with.
_ARTICLE = "\u0627\u0644"


def _order_evidence(run: str) -> tuple[int, int]:
    """Return how many words of ``run`` show their letters reversed, and how many show them in
    reading order: a letter that only ends words, or a presentation form drawn to end one,
    standing first shows them reversed, as does one that never ends a word, or a form drawn to
    open one, standing last; the other way round shows them in reading order."""
    words = [word for word in run.split() if len(word) > 1]
    return (sum(word[0] in _WORD_FINAL_LETTERS or word[0] in _FINAL_FORMS
                or word[-1] in _NEVER_FINAL_LETTERS or word[-1] in _INITIAL_FORMS
                or (len(word) > 3 and word.endswith(_ARTICLE[::-1])) for word in words),
            sum(word[-1] in _WORD_FINAL_LETTERS or word[-1] in _FINAL_FORMS
                or word[0] in _NEVER_FINAL_LETTERS or word[0] in _INITIAL_FORMS
                or (len(word) > 3 and word.startswith(_ARTICLE)) for word in words))


_SCRIPTS = frozenset({"hebrew", "arabic"})


def _script(run: str) -> str:
    """Return the script of a right-to-left ``run``, by its first letter: "hebrew" or "arabic"."""
    first = run.lstrip()[:1]
    return "hebrew" if "\u0590" <= first <= "\u05ff" or "\ufb1d" <= first <= "\ufb4f" else "arabic"


def _reading_order(name: str) -> str:
    """Return the right-to-left ``name`` with each word's letters in reading order: reversed
    where its words show that the extractor wrote them as drawn, and none shows otherwise."""
    reversed_words, in_order = _order_evidence(name)
    if not reversed_words or in_order:
        return name
    return " ".join(word[::-1] for word in name.split())


def honorifics_first(lines: list[Line], foreign: list[int]) -> tuple[list[Line], list[int]]:
    """Return ``lines`` with each speaker line an extractor wrote in visual order, a right-to-left
    name then its honorific with the period first ("<name> .Ms") or a whole word ("<name>
    Ambassador"), in reading order ("Ms. <name>"); and the indexes of the lines so turned.

    The name's words keep their order (the extractors that do this turn the whole line, which
    puts them in reading order); their letters are put in reading order where they show that
    they were reversed. ``foreign``: the indexes of the lines that are not ASCII.
    """
    out = lines
    turned: list[int] = []
    for index in foreign:
        found = patterns.VISUAL_ORDER_SPEAKER.match(lines[index].text.strip())
        if found:
            honorific = f"{found['honorific']}." if found["honorific"] else found["word"]
            out = out if out is not lines else list(lines)
            out[index] = lines[index].with_text(f"{honorific} {_reading_order(found['name'])}")
            turned.append(index)
    return out, turned


#: A run of right-to-left words (Hebrew, Arabic) one space apart.
_RTL_WORD = "[\u0590-\u05ff\u0600-\u06ff]+"
_RTL_RUN = re.compile(f"{_RTL_WORD}(?: {_RTL_WORD})*")
#: A right-to-left letter or an Arabic presentation form.
_RTL_LETTER_OR_FORM = "[\u0590-\u06ff\ufb50-\ufdff\ufe70-\ufefc]"
#: A right-to-left run pdftotext wraps in an embedding (U+202B ... U+202C) that opens with
#: spaces or brackets and is glued to the word after it: what was drawn after the run (the
#: space, the opening bracket of "<name> (Affiliation)") was reversed into it with its words.
_EMBEDDING_LED_BY_NEUTRALS = re.compile("\u202b([^\\w\u202c]+)([^\u202c]*?\\w)\u202c(?=\\w)")
#: A closing bracket right after a right-to-left letter and before a word (pypdfium2): the
#: opening bracket drawn after the run, mirrored as the run's own.
_MIRRORED_OPENING = re.compile("(?<=[\u0590-\u08ff])\\) (?=\\w)")
#: A space then a comma or semicolon glued to the next word, right after a right-to-left letter
#: (pypdf): the punctuation drawn after the run, and the space between, reversed; or with the
#: space after it as well (" , whose").
_REVERSED_SEPARATOR = re.compile("(?<=[\u0590-\u08ff\ufb50-\ufdff\ufe70-\ufefc]) ([,;])(?: (?=\\S)|(?=\\w))")
#: A run of right-to-left words glued to the word or bracket after it, with the space (and
#: comma) drawn after it before it (pypdf): "Ms. ,<name>whose" is "Ms. <name>, whose"; after
#: the comma, the word may open with a capital too, and the space may stand after the run as
#: well ("Ms. ,<name>Director", "Ms. ,<name> Director"). Lowercase letters glued to
#: right-to-left letters on both sides are no word but kashida glyphs (``kashida_out_of_right_to_left``).
_SEPARATOR_BEFORE_RUN = re.compile(f"(?<=\\S) +(,)?({_RTL_RUN.pattern})"
                                   "(?(1) *(?=\\(?[A-Za-z\u00c0-\u024f])|(?=[a-z](?![a-z]*[\u0590-\u08ff])|\\([A-Z]))")
#: What each of the four needs: a right-to-left letter (or an Arabic or Hebrew presentation form,
#: as pypdf gives Chromium's Arabic), or pdftotext's embedding.
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u202b]")
#: What any of the right-to-left steps reads: a right-to-left letter, an Arabic or Hebrew
#: presentation form, or a direction control (``patterns.VISUAL_ORDER_SPEAKER``'s characters).
_RIGHT_TO_LEFT_OR_MARK = re.compile(f"[{patterns.RTL_NAME_CHARS}]")


def punctuation_out_of_right_to_left(lines: list[Line], foreign: list[int]) -> tuple[list[Line], bool, list[int]]:
    """Return ``lines`` with the spaces, brackets and commas an extractor reversed into a
    right-to-left run put back after it: "<name> (Affiliation)" comes out of pdftotext as
    "<U+202B>( <name><U+202C>Affiliation)" and of pypdfium2 as "<name>) Affiliation)";
    "<name>, Affiliation" of pypdf as "<name> ,Affiliation", or as " ,<name>Affiliation" (the
    space and comma before the run, the run glued to the word after it).

    The text shows it: the run or the punctuation is glued to the next word, or the line closes
    one bracket more than it opens, the first right after the right-to-left letters.
    ``foreign``: the indexes of the lines that are not ASCII (no other has right-to-left letters).
    Also return whether a bracket was found so mirrored: the dump writes runs as drawn
    (``drawn_runs_in_reading_order``); and the indexes of the lines whose run came glued to the
    word after it: it was turned whole with its punctuation, into reading order.
    """
    out = lines
    mirrored = False
    glued: list[int] = []
    for index in foreign:
        text = lines[index].text
        if not _RIGHT_TO_LEFT.search(text):
            continue  # most lines that are not ASCII hold only typographic quotes and dashes
        fixed = _EMBEDDING_LED_BY_NEUTRALS.sub(lambda m: f"\u202b{m[2]}\u202c{m[1][::-1]}", text)
        fixed = _REVERSED_SEPARATOR.sub(r"\1 ", fixed)
        unglued = _SEPARATOR_BEFORE_RUN.sub(lambda m: f" {m[2]}{m[1] or ''} ", fixed)
        if unglued != fixed:
            fixed = unglued
            glued.append(index)
        if fixed.count(")") > fixed.count("(") and (found := _MIRRORED_OPENING.search(fixed)) \
                and "(" not in fixed[:found.start()]:
            fixed = f"{fixed[:found.start()]} ({fixed[found.end():]}"
            mirrored = True
        if fixed != text:
            out = out if out is not lines else list(lines)
            out[index] = lines[index].with_text(fixed)
    return out, mirrored, glued


#: Arabic presentation forms: a letter as drawn in one position of a word (initial, medial,
#: final, alone); some extractors give these instead of the letters.
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]+")
#: A run of right-to-left words that may be written in presentation forms.
_RTL_RUN_OR_FORMS = re.compile(f"{_RTL_LETTER_OR_FORM}+(?: {_RTL_LETTER_OR_FORM}+)*")
#: A letter of the Latin script (a left-to-right line's).
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
#: A character the step reads at all: a right-to-left letter or an Arabic presentation form.
_RTL_OR_FORM = re.compile(_RTL_LETTER_OR_FORM)


def right_to_left_in_reading_order(lines: list[Line], foreign: list[int] | None = None,
                                   ) -> tuple[list[Line], list[Diagnostic], frozenset[str]]:
    """Return ``lines`` with Arabic presentation forms written as their letters (NFKC) and, where
    the dump writes right-to-left words as drawn, each run of them in reading order; an
    ``rtl-reversed`` diagnostic for each run so turned; and the scripts so turned.

    Some extractors (pdfminer) give a run of right-to-left words in visual order: its letters,
    and so its words, reversed. The letters tell it: Arabic teh marbuta and alef maksura and the
    Hebrew final forms only ever end a word, and the Hebrew letters those forms stand for never
    do; a presentation form is drawn for its place in the word (read before the forms are
    written as letters); the Arabic article opens its word. A dump some of whose right-to-left
    words show their letters reversed (``_order_evidence``), and none in reading order, was
    written as drawn: all its runs are reversed back, but those of a script (Hebrew, Arabic) some
    of whose words show their letters in reading order (pdfium gives a Chromium PDF's Hebrew in
    reading order and its Arabic as drawn).
    Lines with an honorific after a right-to-left name are left to ``honorifics_first``; a dump
    whose letters show nothing (no such letter) is left as it is. ``foreign``: the indexes of
    the lines that are not ASCII, when the caller has found them.
    """
    if foreign is None:
        foreign = [index for index, line in enumerate(lines) if not line.text.isascii()]
    read = [index for index in foreign if _RTL_OR_FORM.search(lines[index].text)]
    if not read:
        return lines, [], frozenset()
    lines = list(lines)
    drawn: dict[int, str] = {}  # lines as the dump gives them: presentation forms show their place in a word
    for index in read:
        if _PRESENTATION_FORMS.search(lines[index].text):
            drawn[index] = lines[index].text
            lines[index] = lines[index].with_text(
                _PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m[0]), lines[index].text))
    runs = [(index, found) for index in read if not patterns.VISUAL_ORDER_SPEAKER.match(lines[index].text.strip())
            for found in _RTL_RUN.finditer(lines[index].text)]
    evidence = [(_script(found[0]), _order_evidence(found[0])) for _, found in runs]
    evidence += [(_script(run), _order_evidence(run)) for index in {index for index, _ in runs} & drawn.keys()
                 for run in _RTL_RUN_OR_FORMS.findall(drawn[index])]
    # A script whose words show their letters in reading order is in reading order: an extractor
    # may reverse one script and not the other. The others are as the reversed words show.
    in_order = {script for script, (_, in_order) in evidence if in_order}
    if not {script for script, (reversed_words, _) in evidence if reversed_words} - in_order:
        return lines, [], frozenset()
    scripts = _SCRIPTS - in_order
    out = list(lines)
    diagnostics: list[Diagnostic] = []
    for index in sorted({index for index, found in runs if _script(found[0]) in scripts}):
        text = out[index].text
        out[index] = out[index].with_text(
            _RTL_RUN.sub(lambda m: m[0][::-1] if _script(m[0]) in scripts else m[0], text))
        diagnostics.append(Diagnostic(out[index].number, "rtl-reversed",
                                      "right-to-left words put in reading order: the dump writes them as drawn "
                                      "(letters or forms that only end words start them, letters or forms that "
                                      "never end words end them, or the article ends them)", "info"))
    return out, diagnostics, frozenset(scripts)


#: Right-to-left words (letters or Arabic presentation forms) two or more spaces apart.
_RTL_RUN_SET_APART = re.compile(f"{_RTL_LETTER_OR_FORM}+(?: {{2,}}{_RTL_LETTER_OR_FORM}+)+")


def runs_set_apart(lines: list[Line], spaced: list[int]) -> dict[int, set[tuple[str, ...]]]:
    """Return, by line index, the words of each run of right-to-left words that a line sets two
    or more spaces apart while its other words stand one space apart: pypdf writes the words of
    a run it leaves as drawn so (``drawn_runs_in_reading_order``). Read before spaces are
    collapsed; ``spaced``: the indexes of the lines with two spaces in a row."""
    found: dict[int, set[tuple[str, ...]]] = {}
    for index in spaced:
        text = lines[index].text.strip()
        if not _RTL_OR_FORM.search(text) or not (runs := _RTL_RUN_SET_APART.findall(text)):
            continue
        if not any("  " in part.strip() for part in _RTL_RUN_SET_APART.split(text)):
            found[index] = {tuple(unicodedata.normalize("NFKC", run).split()) for run in runs}
    return found


def runs_turned_elsewhere(lines: list[Line], foreign: list[int]) -> list[int]:
    """Return the indexes of the name lines, in reading order, where they show the dump writes the
    right-to-left runs inside left-to-right lines as drawn, or []: a name line ends with a run of
    two words or more after two words at most ("Mrs. <name>"); one shows it where its run stands
    in the other order inside a line of running text (after a Latin letter), and that order ends
    no name line. Read before ``honorifics_first`` turns lines: a line an extractor turned whole
    ("<name> .Mrs") is no such evidence."""
    alone: dict[tuple[str, ...], list[int]] = {}
    inside: set[tuple[str, ...]] = set()
    for index in foreign:
        text = lines[index].text.rstrip()
        for run in _RTL_RUN.finditer(text):
            if " " not in run[0]:
                continue
            words = tuple(run[0].split())
            if run.end() == len(text) and len(text[:run.start()].split()) <= 2:
                alone.setdefault(words, []).append(index)
            elif _LATIN_LETTER.search(text, 0, run.start()):
                inside.add(words)
    if not any(words[::-1] in inside and words[::-1] not in alone for words in alone):
        return []
    return sorted(index for indexes in alone.values() for index in indexes)


def _led_by_article(words: list[str]) -> bool:
    """Return True if the Arabic article shows a right-to-left run's ``words`` in visual order: it
    opens the run's first word alone. A name's word that opens with the article is its family
    name, which ends the name."""
    first, last = (len(word) > 3 and word.startswith(_ARTICLE) for word in (words[0], words[-1]))
    return first and not last


def drawn_runs_in_reading_order(lines: list[Line], foreign: list[int], in_order: list[int], every: bool,
                                shown: dict[int, set[tuple[str, ...]]], read_back: frozenset[str] = frozenset(),
                                ) -> tuple[list[Line], list[Diagnostic]]:
    """Return ``lines`` with the words of each run of right-to-left words inside a left-to-right
    line (after a Latin letter) that the dump shows it wrote as drawn in reading order; and an
    ``rtl-words-turned`` diagnostic for each line so changed.

    pypdfium2 turns a line that is mostly right-to-left whole, which puts it in reading order
    ("<name> .Ms", which ``honorifics_first`` turned back), or mirrors the bracket drawn after a
    run into it (``punctuation_out_of_right_to_left``); a run inside a left-to-right line it
    leaves as drawn, each word's letters in reading order but the words in visual order, from
    left to right. pypdf gives a name's line in reading order and the name in the other order
    in running text (``runs_turned_elsewhere``). A dump that shows any of these, or PDFium's
    U+FFFE (``every``), writes every such run so: the runs of two or more words are turned, but
    on the lines ``in_order`` lists (in reading order already: turned whole, a name's line, a
    run turned whole with the punctuation after it). Runs whose own text shows them written as
    drawn are turned in any dump: pypdf sets the words of a run it leaves as drawn two spaces apart (``shown``, by
    line index, from ``runs_set_apart``); the Arabic article can stand on the wrong word
    (``_led_by_article``). The runs of a script step 5 read back letter by letter (``read_back``)
    are in reading order already.
    """
    skip = set(in_order)
    out = lines
    diagnostics: list[Diagnostic] = []
    for index in foreign:
        text = lines[index].text
        if index in skip or not (runs := [run for run in _RTL_RUN.finditer(text)
                                          if " " in run[0] and _script(run[0]) not in read_back]):
            continue
        drawn = shown.get(index, set())
        turned_text = text
        for run in reversed(runs):
            words = run[0].split()
            if _LATIN_LETTER.search(text, 0, run.start()) and (every or tuple(words) in drawn
                                                              or _led_by_article(words)):
                turned_text = f"{turned_text[:run.start()]}{' '.join(reversed(words))}{turned_text[run.end():]}"
        if turned_text != text:
            out = out if out is not lines else list(lines)
            out[index] = lines[index].with_text(turned_text)
            diagnostics.append(Diagnostic(lines[index].number, "rtl-words-turned",
                                          "right-to-left words inside a left-to-right line put in reading order: the "
                                          "dump writes such runs as drawn (it turned a right-to-left line whole, "
                                          "mirrored a bracket into a run, set the run's words apart, or the "
                                          "Arabic article stands on the run's first word)", "info"))
    return out, diagnostics


def _letters_of(forms: frozenset[str]) -> frozenset[str]:
    """Return the letters the presentation ``forms`` of one letter each stand for (not ligatures):
    the Unicode database's own account of how each letter joins."""
    return frozenset(chr(int(parts[1], 16)) for form in forms
                     if len(parts := unicodedata.decomposition(form).split()) == 2)


#: Arabic letters that join the letter after them (an initial or a medial form): a kashida, which
#: stretches a joint, can follow only one of these ...
_JOINS_NEXT = _letters_of(_INITIAL_FORMS | _MEDIAL_FORMS)
#: ... and precede only a letter that joins the one before it (a final or a medial form).
_JOINS_PREVIOUS = _letters_of(_FINAL_FORMS | _MEDIAL_FORMS)
#: An Arabic letter, in the run a kashida stretched.
_ARABIC_LETTER = "[\u0620-\u064a\u0671-\u06d3]"
ARABIC_LETTER = re.compile(_ARABIC_LETTER)
_ARABIC_WORDS = f"{_ARABIC_LETTER}+(?: {_ARABIC_LETTER}+)*"
#: What a font map may give for a kashida glyph: a character of a kind that never stands between
#: two letters of a word (a Latin letter, a digit, a symbol), as the ranges of a character class.
KASHIDA_SIGNS = "A-Za-z0-9#$%*+<=>@\\[\\]^_`{|}~"
#: What an extractor writes for kashida glyphs the PDF's font map gave no text: one such
#: character repeated, or pdfminer's ``(cid:NN)``; pdftotext closes the right-to-left embedding
#: around it.
_KASHIDA = f"\u202c?(?:[{KASHIDA_SIGNS}]+|(?:\\(cid:\\d+\\))+)(?:\u202b ?)?"
_KASHIDA_GLYPHS = re.compile(_KASHIDA)
#: pdftotext's right-to-left embedding around a piece, and the space it may open with.
_EMBEDDING_MARKS = "\u202b\u202c "
#: A run of Arabic words with kashida glyphs glued inside them, between two letters.
_STRETCHED_RUN = re.compile(f"\u202b?{_ARABIC_WORDS}(?:{_KASHIDA}{_ARABIC_WORDS})+\u202c?")


def _joins(pieces: list[str]) -> bool:
    """Return True if each of ``pieces``, in this order, ends in a letter a kashida can follow and
    the next starts with one it can precede."""
    return all(before[-1] in _JOINS_NEXT and after[0] in _JOINS_PREVIOUS for before, after in zip(pieces, pieces[1:]))


def kashida_out_of_right_to_left(lines: list[Line], arabic: list[int]) -> tuple[list[Line], list[Diagnostic]]:
    """Return ``lines`` with the kashida glyphs an extractor could not read taken out of Arabic
    words, the pieces they cut a word into put in reading order; and a ``kashida`` diagnostic for
    each line so changed.

    A layout that justifies Arabic stretches the joints of words with kashida (tatweel) glyphs;
    where the PDF's font map gives them no text, extractors write them as one character repeated
    ("<piece>YY<piece>") or as ``(cid:NN)``, and the glyphs cut the word, and the run of words it
    stands in, into pieces. A kashida follows a letter that joins the next and precedes one that
    joins the previous: the letters on either side tell which piece comes first. Where they fit
    only the order given, or where the glyphs stand inside one of pdftotext's right-to-left
    embeddings (which it writes in reading order, neutral characters and all), the order given
    is kept; otherwise the pieces are taken as drawn, from left to right (as the extractors write
    such pieces, each in reading order), and turned; where only the run's letters one by one as
    drawn fit (pdfminer's, in a dump whose other words showed nothing), the run is reversed
    whole. Where no order fits, the characters are left: no kashida. Run after the steps that
    put the letters and the words of each piece in reading order (5 to 7). ``arabic``: the
    indexes of the lines with Arabic letters (``arabic_lines``).
    """
    out = lines
    diagnostics: list[Diagnostic] = []
    for index in arabic:
        text = lines[index].text
        if not (runs := list(_STRETCHED_RUN.finditer(text))):
            continue
        fixed, glyphs = text, []
        for run in reversed(runs):
            separators = [found[0].strip(_EMBEDDING_MARKS) for found in _KASHIDA_GLYPHS.finditer(run[0])]
            if not all(len(set(_CID.findall(separator) or separator)) == 1 for separator in separators):
                continue  # not one glyph repeated: no kashida
            pieces = [piece.strip(_EMBEDDING_MARKS) for piece in _KASHIDA_GLYPHS.split(run[0])]
            embedded = run[0].startswith("\u202b") and not any(mark in run[0][1:-1] for mark in "\u202b\u202c")
            turned = _joins(pieces[::-1])
            if embedded or _joins(pieces) and not turned:
                whole = "".join(pieces)
            elif turned:
                whole = "".join(reversed(pieces))
            elif _joins([piece[::-1] for piece in reversed(pieces)]):
                whole = "".join(pieces)[::-1]  # every letter as drawn, the run reversed whole
            else:
                continue  # no order fits the letters either side: no kashida
            if run[0].startswith("\u202b") and run[0].endswith("\u202c"):
                whole = f"\u202b{whole}\u202c"  # pdftotext's embedding, around the run as it was
            fixed = f"{fixed[:run.start()]}{whole}{fixed[run.end():]}"
            glyphs.extend(separators)
        if fixed != text:
            out = out if out is not lines else list(lines)
            out[index] = lines[index].with_text(fixed)
            diagnostics.append(Diagnostic(lines[index].number, "kashida", f"took {', '.join(map(repr, glyphs))} out "
                                          "of Arabic words: kashida glyphs the PDF's font map gave no text, stretching "
                                          "the words of a justified line", "info"))
    return out, diagnostics


#: A run of Arabic words one space apart.
_ARABIC_RUN = re.compile(_ARABIC_WORDS)
#: The steps that ask the Arabic word list read only runs of at most this many words inside a
#: line of Latin text (a name in a report in English or French): in Arabic text, a word the list
#: lacks may as well be another word's letters turned or cut.
MAX_NAME_WORDS = 4


def arabic_lines(lines: list[Line], right_to_left: list[int]) -> list[int]:
    """Return the indexes of the lines with Arabic letters, of the ``right_to_left`` ones: the
    lines the three steps after the right-to-left ones read."""
    return [index for index in right_to_left if ARABIC_LETTER.search(lines[index].text)]


def _arabic_names(lines: list[Line], arabic: list[int]) -> dict[int, list[re.Match[str]]]:
    """Return, by line index, the runs of at most ``MAX_NAME_WORDS`` Arabic words inside lines
    (of ``arabic``) that hold Latin letters too."""
    found: dict[int, list[re.Match[str]]] = {}
    for index in arabic:
        text = lines[index].text
        if _LATIN_LETTER.search(text):
            if runs := [run for run in _ARABIC_RUN.finditer(text) if run[0].count(" ") < MAX_NAME_WORDS]:
                found[index] = runs
    return found


def _cut_at_a_joint(head: str, tail: str) -> bool:
    """Return True if two Arabic words one space apart are one word cut where a kashida stretched
    a joint: ``head`` ends in a letter that joins the next and ``tail`` opens with one that joins
    the previous, and ``head`` is the article (which never stands alone) or the two written as
    one are an Arabic word and one of them alone is none (pyspellchecker's Arabic list)."""
    return head[-1] in _JOINS_NEXT and tail[0] in _JOINS_PREVIOUS \
        and (head == _ARTICLE or one_word(head, tail, "ar"))


def words_cut_at_kashida(lines: list[Line], arabic: list[int]) -> tuple[list[Line], list[Diagnostic]]:
    """Return ``lines`` with the Arabic words made whole that an extractor cut with a space where
    kashida glyphs it could not read stretched them (pdftotext: "س لمى", "يوس ف"), in names
    inside Latin text (``_arabic_names``); and a ``kashida`` diagnostic for each line so changed
    (``_cut_at_a_joint``)."""
    out = lines
    diagnostics: list[Diagnostic] = []
    for index, runs in _arabic_names(lines, arabic).items():
        text = lines[index].text
        fixed, made = text, []
        for run in reversed(runs):
            words = run[0].split(" ")
            whole = [words[0]]
            for word in words[1:]:
                if _cut_at_a_joint(whole[-1], word):
                    made.append(f"{whole[-1]} {word}")
                    whole[-1] += word
                else:
                    whole.append(word)
            fixed = f"{fixed[:run.start()]}{' '.join(whole)}{fixed[run.end():]}"
        if fixed != text:
            out = out if out is not lines else list(lines)
            out[index] = lines[index].with_text(fixed)
            diagnostics.append(Diagnostic(lines[index].number, "kashida", f"made {', '.join(map(repr, made))} one "
                                          "word each: the extractor cut them with a space where kashida glyphs "
                                          "stretched them", "info"))
    return out, diagnostics


#: An Arabic word, whole.
_ARABIC_WORD = re.compile(f"(?<![\\w-]){_ARABIC_LETTER}+(?![\\w-])")
#: A word turned about is read back only from this many letters: shorter ones too often turn into another word.
MIN_TURNED_LETTERS = 4


def _drawn_readings(word: str) -> list[set[str]]:
    """Return what ``word`` reads as if it were drawn in two glyph runs, letter by letter, or in
    three runs, and given from left to right (its pieces, or its letters, the other way round):
    the readings of each kind, the simplest first."""
    n = len(word)
    three = {word[second:] + word[first:second] + word[:first]
             for first in range(1, n - 1) for second in range(first + 1, n)}
    return [{word[cut:] + word[:cut] for cut in range(1, n)}, {word[::-1]}, three]


def words_turned_about(lines: list[Line], arabic: list[int]) -> tuple[list[Line], list[Diagnostic]]:
    """Return ``lines`` with each Arabic word an extractor wrote as two pieces the wrong way round
    ("وسفي" for "يوسف", "شدالرا" for "الراشد") put back; and an ``rtl-turned-word`` diagnostic
    for each line so changed.

    Chromium draws a word in glyph runs that some extractors (pypdf, pypdfium2) give in visual
    order, each run's letters in reading order: a word of two runs comes out turned about (of
    three, its pieces the other way round; drawn letter by letter, reversed). A word
    of a name inside Latin text (``_arabic_names``), of ``MIN_TURNED_LETTERS`` letters or more,
    that pyspellchecker's Arabic list does not know and whose
    letters do not show reading order (``_order_evidence``), is the one word the document
    writes elsewhere with the same letters in reading order (the list knows it, or its letters
    show that order), however many runs it was drawn in; else, of whose turnings exactly one
    the document writes or the list knows, that one, the simplest kind of reading that finds one
    deciding (``_drawn_readings``). Where every word of a run is read back letter by letter, the
    run was drawn so as a whole (pdfminer, where no letter showed it): its words are turned too.
    """
    names = _arabic_names(lines, arabic)
    if not names:
        return lines, []
    written = Counter(word for index in arabic for word in _ARABIC_WORD.findall(lines[index].text))

    def known(word: str) -> bool:
        return written[word] > 0 or bool(knows(word, "ar"))

    # The words the document writes in reading order (the list knows them, or their letters show
    # it), by their letters: a name's word drawn in glyph runs of any number is one of them.
    by_letters: dict[str, set[str]] = {}
    for word in written:
        if knows(word, "ar") or _order_evidence(word)[1]:
            by_letters.setdefault("".join(sorted(word)), set()).add(word)
    turned: dict[str, str] = {}
    for word in {word for runs in names.values() for run in runs for word in run[0].split(" ")}:
        if len(word) < MIN_TURNED_LETTERS or _order_evidence(word)[1] or knows(word, "ar") is not False:
            continue  # short, its letters show reading order (the article opens it), or a word
        if len(written_so := by_letters.get("".join(sorted(word)), set()) - {word}) == 1:
            turned[word] = written_so.pop()  # the document writes its letters so
            continue
        for readings in _drawn_readings(word):
            if matches := [reading for reading in readings - {word} if known(reading)]:
                if len(matches) == 1:
                    turned[word] = matches[0]
                break  # the simplest kind of reading that finds a word decides
    if not turned:
        return lines, []
    out = list(lines)
    diagnostics: list[Diagnostic] = []
    for index, runs in names.items():
        text = lines[index].text
        for run in reversed(runs):
            words = run[0].split(" ")
            if len(words) > 1 and all(turned.get(word) == word[::-1] for word in words):
                read = run[0][::-1]  # every word drawn letter by letter: so was the run, its words too
            else:
                read = " ".join(turned.get(word, word) for word in words)
            text = f"{text[:run.start()]}{read}{text[run.end():]}"
        if text != lines[index].text:
            out[index] = lines[index].with_text(text)
            diagnostics.append(Diagnostic(lines[index].number, "rtl-turned-word", "Arabic words written as two "
                                          "pieces the wrong way round put back: the document or the language's "
                                          "word list writes them so", "info"))
    return out, diagnostics


#: A hyphen and the letters after it, to the end of the compound (a literal first: fast to scan for).
_COMPOUND_TAIL = re.compile(r"-([^\W\d_]+)(?![\w-])")
#: The letters before a compound's hyphen, from the start of the compound.
_COMPOUND_HEAD = re.compile(r"(?<![\w-])[^\W\d_]+$")
#: A text whose usual line is longer than this is not wrapped as printed: no line was run into another.
MAX_PRINTED_LINE = 200
#: A line that holds two an extractor ran together is longer than the usual line by this share.
RUN_TOGETHER = 1.1
#: A printed line that ends in a hyphen is at least this share of the usual line long ...
SHORT_OF_USUAL = 0.6
#: ... and at most this many times the longest line not run together: a justified line set with
#: narrow letters holds a few more than the longest measured.
LONGER_THAN_WIDEST = 1.05
#: A line longer than this many of the longest printed lines is a paragraph written on one line,
#: not lines run together: an extractor runs a line into the next only where a hyphen broke a
#: word, and no layout breaks a dozen lines in a row so (narrow columns: six at most).
MAX_LINES_RUN_TOGETHER = 12


def _compounds(text: str) -> dict[str, int]:
    """Return the compounds ``text`` writes with one hyphen between two runs of letters
    ("early-warning"): their letters, lowered -> where the hyphen goes."""
    found: dict[str, int] = {}
    for tail in _COMPOUND_TAIL.finditer(text):
        at = tail.start()
        head = _COMPOUND_HEAD.search(text, max(0, at - 60), at)
        if head:
            found.setdefault((head.group() + tail.group(1)).lower(), at - head.start())
    return found


def _run_together(texts: list[str]) -> tuple[int, int, list[int]]:
    """Return the usual and the longest length of a printed line of a dump whose extractor took out
    its line-end hyphens, and the lines it ran together with the next there (``RUN_TOGETHER``
    longer than the usual line, and no longer than ``MAX_LINES_RUN_TOGETHER`` of the longest printed
    ones); (0, 0, []) for any other text.

    pdftotext (raw) joins a line ending in a hyphen that broke a word with the next line and
    drops the hyphen. Such a dump shows it: no line ends in a hyphen-minus that broke a word
    before more text (it keeps a layout's U+2010, which WeasyPrint hyphenates with).
    """
    lengths = sorted(len(text) for text in texts if text)
    usual = lengths[len(lengths) // 2] if lengths else 0
    if not usual or usual > MAX_PRINTED_LINE \
            or any(text.endswith("-") and breaks_word(text, following) for text, following in zip(texts, texts[1:])
                   if following):
        return 0, 0, []  # lines not as printed, or line-end hyphens kept: a joined word is spelled so
    widest = max(length for length in lengths if length <= RUN_TOGETHER * usual)
    return usual, widest, [index for index, text in enumerate(texts)
                           if RUN_TOGETHER * usual < len(text) <= MAX_LINES_RUN_TOGETHER * widest]


def _could_end_a_line(cut: int, usual: int, widest: int) -> bool:
    """Return True if a line run together from printed lines (``_run_together``) could have had
    a line's end at ``cut``: after some k printed lines, none shorter than ``SHORT_OF_USUAL`` nor
    longer than ``LONGER_THAN_WIDEST``."""
    return any(k * SHORT_OF_USUAL * usual <= cut <= k * LONGER_THAN_WIDEST * widest
               for k in range(1, cut // widest + 2))


_LOWER, _UPPER = "a-z\u00df-\u00f6\u00f8-\u00ff", "A-Z\u00c0-\u00d6\u00d8-\u00de"  # Latin letters
#: A word with a capital after lower-case letters inside it ("InterUniversity"): its two parts.
_CAPITAL_INSIDE = re.compile(f"(?<![\\w-])([^\\W\\d_]*[{_LOWER}]{{2}})([{_UPPER}][{_LOWER}]{{2,}})(?![\\w-])")
#: A word of capitals right before a word in lower case of at least four letters ("TABdelimited",
#: "OSspecific"; not "JUnit"): the two parts. Not one before a capitalised word ("OSError" is a
#: name of its own).
_CAPITALS_BEFORE_WORD = re.compile(f"(?<![\\w-])([{_UPPER}]{{2,}})([{_LOWER}]{{4,}})(?!\\w)")


def rehyphenate_compounds(lines: list[Line], run: tuple[int, int, list[int]],
                          lang: str = "") -> tuple[list[Line], list[Diagnostic]]:
    """Return ``lines`` with the hyphen put back into compounds the extractor joined.

    Where the extractor took out its line-end hyphens (``run``: ``_run_together``), it also took out the
    hyphen of a compound broken there: "early-" / "warning" comes out "earlywarning", and
    "Inter-" / "University" "InterUniversity". In a line run together with the next, a word is
    such a compound where the document writes its letters elsewhere with one hyphen, or where
    a capital follows lower-case letters inside it at a place a printed line could have ended,
    or a word of the language in lower case follows capitals there ("TABdelimited"),
    or, written nowhere else (not even inside a longer word), where it is a word of running text
    in lower case (``_LOWER_WORD``: no name's, address's or code's), no word
    of the document's language ``lang`` (its word list: ``lexicon``), and two of its words of at
    least ``COMPOUND_PIECE`` letters each at one place only, where a printed line could have
    ended ("schoolfeeding"). In another line (a name or a paragraph's last line, whose printed
    lines were short), it is one where the document writes it with the hyphen at least as often
    as without. Only words inside lines change: ``run`` holds for the lines returned.
    """
    texts = [line.text for line in lines]
    usual, widest, run_together = run
    if not run_together:
        return lines, []
    everything = "\n".join(texts)
    lowered = everything.lower()
    compounds = {letters: cut for letters, cut in _compounds(everything).items() if letters in lowered}
    written = Counter(_WORD_OR_COMPOUND.findall(lowered)) if compounds or lang else Counter()
    # Outside the lines run together, only compounds the document writes hyphenated as often as not.
    elsewhere = {letters: cut for letters, cut in compounds.items()
                 if written[letters] <= written[f"{letters[:cut]}-{letters[cut:]}"]}

    def hyphenated(word: str, known: dict[str, int]) -> str:
        cut = known.get(word.lower())
        return f"{word[:cut]}-{word[cut:]}" if cut else word

    together = set(run_together)
    alone = _WrittenOnce(written)
    out, diagnostics = list(lines), []
    for index, text in enumerate(texts):
        known = compounds if index in together else elsewhere
        found = [word for word in _WORD_OR_COMPOUND.findall(text) if word.lower() in known] if known else []
        if found:
            text = _WORD_OR_COMPOUND.sub(lambda match: hyphenated(match[0], known), text)
        capitals = [(match[0], match.end(1)) for match in _CAPITAL_INSIDE.finditer(text)
                    if _could_end_a_line(match.end(1), usual, widest)] if index in together else []
        if index in together and lang:
            capitals += [(match[0], match.end(1)) for match in _CAPITALS_BEFORE_WORD.finditer(text)
                         if knows(match[2], lang) and _could_end_a_line(match.end(1), usual, widest)]
        listed = _listed_compounds(text, alone, lang, usual, widest) if index in together and lang else []
        cuts = sorted({*(cut for _, cut in capitals), *(cut for _, cut in listed)})
        for cut in reversed(cuts):
            text = f"{text[:cut]}-{text[cut:]}"
        if not found and not cuts:
            continue
        out[index] = replace(lines[index], text=text)
        words = sorted({*found, *(word for word, _ in capitals), *(word for word, _ in listed)})
        diagnostics.append(Diagnostic(lines[index].number, "compound-rehyphenated", f"put back the hyphen the "
                                      f"extractor took out of {', '.join(words)!r}, as the document writes it "
                                      "elsewhere, or before a capital, or between two words of the language, "
                                      "where a line could have ended", "info"))
    return out, diagnostics


#: A compound the language's word list tells apart has two words of at least this many letters:
#: shorter pieces join into too many words the list lacks ("era" + "tors").
COMPOUND_PIECE = 4
#: A word of running text in lower case, whole: after a space (or at the line's start), before
#: one (or the line's end), maybe after a punctuation mark; not part of a name, an address or
#: code ("javascript:alert", "example.org").
_LOWER_WORD = re.compile(f"(?<!\\S)[{_LOWER}]{{{2 * COMPOUND_PIECE},}}(?=[.,;:!?)]?(?:\\s|$))")


class _WrittenOnce:
    """The words a document writes (``counts``: how often each, in lower case): ``__call__(word)``
    tells whether it writes ``word`` once only, and inside no longer word (as its start or end).
    Each word is looked up in the sorted words and their reversals, not searched for in the text."""

    def __init__(self, counts: Counter[str]) -> None:
        self.counts = counts
        self.words = sorted(counts)
        self.reversed = sorted(word[::-1] for word in counts)

    def __call__(self, word: str) -> bool:
        return self.counts[word] == 1 and not _starts_longer(self.words, word) \
            and not _starts_longer(self.reversed, word[::-1])


def _starts_longer(ordered: list[str], start: str) -> bool:
    """Return True if a word of ``ordered`` (sorted) longer than ``start`` starts with it."""
    at = bisect.bisect_right(ordered, start)
    return at < len(ordered) and ordered[at].startswith(start)


def _listed_compounds(text: str, alone: _WrittenOnce, lang: str, usual: int, widest: int) -> list[tuple[str, int]]:
    """Return the words of ``text`` (a line run together) that are compounds the extractor joined
    by ``lang``'s word list (``rehyphenate_compounds``), each with where its hyphen goes in
    ``text``; ``alone``: whether the document writes a word once only, inside no longer one."""
    found = []
    for match in _LOWER_WORD.finditer(text):
        word = match.group()
        if not alone(word):
            continue  # written elsewhere (or inside a longer word): the document's spelling
        cuts = [cut for cut in compound_cuts(word, lang, COMPOUND_PIECE)
                if _could_end_a_line(match.start() + cut, usual, widest)]
        if len(cuts) == 1:
            found.append((word, match.start() + cuts[0]))
    return found


#: Two runs of letters (the first may end a compound, the second open one) with one space between
#: them, the second in lower case: a word's halves.
_HALVES = re.compile(r"(?<![\w-])((?:[^\W\d_]+-)*[^\W\d_]{2,}) "
                     r"(?=([^\W\d_A-Z][^\W\d_]+(?:-[^\W\d_]+)*)(?![\w-]))")
#: A word, or a compound of words and hyphens, whole: what the document writes as one.
_WORD_OR_COMPOUND = re.compile(r"[\w-]+")


def rejoin_split_words(lines: list[Line], run: tuple[int, int, list[int]],
                       lang: str = "") -> tuple[list[Line], list[Diagnostic]]:
    """Return ``lines`` with the words made whole whose line-end hyphen the extractor took out
    but whose halves it left apart.

    LibreOffice sets a justified line's hyphen apart ("pro -" / "grammes"); pdftotext (raw), which
    runs such a line into the next and drops the hyphen (``run``: ``_run_together``), then writes "pro
    grammes". In a line so run together, two halves (of two letters or more, the second in lower
    case) are one word where a printed line could have ended between them, and the document
    writes them elsewhere as one word (more often than they stand so apart), and either one half
    occurs nowhere else in it as a word of its own, or the two, words of their own ("with" /
    "out"), stand so apart nowhere else in it; or, written nowhere else, they are one word of
    ``lang`` (a BCP 47 tag) and one of them is none ("syn" / "tax": ``lexicon.one_word``).
    """
    texts = [line.text for line in lines]
    usual, widest, run_together = run
    if not run_together:
        return lines, []
    # How often the document writes each word as a word of its own (not inside a compound).
    lowered = "\n".join(texts).lower()
    counts = Counter(_WORD_OR_COMPOUND.findall(lowered))
    candidates = {index: found for index in run_together
                  if (found := [(match.end(1), match.group(1), match.group(2))
                                for match in _HALVES.finditer(texts[index])
                                if (counts[(match.group(1) + match.group(2)).lower()]
                                    or one_word(match.group(1).lower(), match.group(2), lang))
                                and _could_end_a_line(match.end(1), usual, widest)])}
    # Where each word stands as a half: a word can be two candidates' half at once.
    halves = Counter(half for *_, half in {(index, start, half.lower()) for index, found in candidates.items()
                                           for cut, head, tail in found
                                           for start, half in ((cut - len(head), head), (cut + 1, tail))})
    # How many of the candidates are each pair of halves; how often the text sets the two apart is
    # counted only for a pair that asks it (a scan of the whole text each).
    pairs = Counter(f"{head} {tail}".lower() for found in candidates.values() for _, head, tail in found)
    apart: dict[str, int] = {}

    def stand_apart_elsewhere(pair: str) -> bool:
        if pair not in apart:
            apart[pair] = len(re.findall(rf"(?<![\w-]){re.escape(pair)}(?![\w-])", lowered))
        return apart[pair] > pairs[pair]

    out, diagnostics = list(lines), []
    for index, found in candidates.items():
        text, joined = texts[index], []
        for cut, head, tail in reversed(found):
            whole = (head + tail).lower()
            alone = min(counts[half.lower()] - halves[half.lower()] for half in (head, tail))
            pair = f"{head} {tail}".lower()
            if counts[whole] > halves[whole] and (alone == 0 or not stand_apart_elsewhere(pair)) \
                    or not counts[whole] and one_word(head.lower(), tail, lang):
                text = text[:cut] + text[cut + 1:]
                joined.append(f"{head} {tail}")
        if joined:
            out[index] = replace(lines[index], text=text)
            diagnostics.append(Diagnostic(lines[index].number, "word-rejoined", f"made {', '.join(reversed(joined))!r} "
                                          "one word: the extractor took out the hyphen that broke it at a line's "
                                          "end (the document, or the language, writes it whole)", "info"))
    return out, diagnostics


#: A dash typed as hyphens after a space, its last hyphen taken out where a line ended after it
#: and the next line's first word run on to it ("301 --" / "also" comes out "301 -also").
_DASH_RUN_ON = re.compile(r"(?<= )(-{1,2})(?=[^\W\d_])")


def dashes_put_back(lines: list[Line], run: tuple[int, int, list[int]]) -> tuple[list[Line], list[Diagnostic]]:
    """Return ``lines`` with the dashes put back that the extractor cut at a line's end.

    pdftotext (raw) takes a line-end hyphen out and runs the line into the next (``run``:
    ``_run_together``): a dash typed as two or three hyphens after a space, ending a line, loses
    its last one and the space after it ("301 --" / "also relocated" comes out "301 -also
    relocated"). In a line run together, one or two hyphens after a space and right before a
    letter, where a printed line could have ended after them, are such a dash: its hyphen and
    its space are put back.
    """
    usual, widest, run_together = run
    out, diagnostics = lines, []
    for index in run_together:
        text = lines[index].text
        found = [match for match in _DASH_RUN_ON.finditer(text) if _could_end_a_line(match.end(), usual, widest)]
        if not found:
            continue
        for match in reversed(found):
            text = f"{text[:match.end()]}- {text[match.end():]}"
        out = list(lines) if out is lines else out
        out[index] = replace(lines[index], text=text)
        diagnostics.append(Diagnostic(lines[index].number, "dash-put-back", "put back the hyphen and the space "
                                      "the extractor took out of a dash typed as hyphens at a line's end", "info"))
    return out, diagnostics


def read_lines(text: str, lang: str = "en") -> tuple[list[Line], list[Diagnostic]]:
    """Return the lines of a decoded text dump after the reader's steps, and what they guessed;
    ``lang`` (a BCP 47 tag): the language whose word list tells compounds apart."""
    lines = split_columns(split_lines(text))
    # One pass finds the lines the steps below read at all (most lines are read by none).
    spaced: list[int] = []
    right_to_left: list[int] = []  # steps 4 to 8 read only lines with right-to-left letters
    for index, line in enumerate(lines):
        if "  " in line.text:
            spaced.append(index)
        if not line.text.isascii() and _RIGHT_TO_LEFT_OR_MARK.search(line.text):
            right_to_left.append(index)
    set_apart = runs_set_apart(lines, spaced) if spaced and right_to_left else {}
    lines = collapse_spaces(mark_stretched(lines, spaced) if spaced else lines, spaced)
    lines = mark_line_ends(lines, soft_line_ends(text))
    lines, rejoined = join_scattered_words(lines)  # marks lines, changes no text: ``right_to_left`` holds
    lines, mirrored, glued = punctuation_out_of_right_to_left(lines, right_to_left)
    lines, reordered, read_back = right_to_left_in_reading_order(lines, right_to_left)
    whole = runs_turned_elsewhere(lines, right_to_left) if right_to_left else []
    lines, turned = honorifics_first(lines, right_to_left)
    # PDFium (pypdfium2) ends a line with U+FFFE where a word broke, which no other extractor
    # writes: its dump writes every run inside a left-to-right line as drawn, as a turned line
    # shows; so does a dump whose name lines give such a run's words the other way (``whole``).
    every = bool(turned or mirrored or whole) or "\ufffe" in text
    # Runs of a script step 5 read back were drawn letter by letter: none is left as drawn word by word.
    lines, named = drawn_runs_in_reading_order(lines, right_to_left, [*turned, *whole, *glued], every, set_apart,
                                               read_back) \
        if right_to_left and read_back != _SCRIPTS else (lines, [])
    arabic = arabic_lines(lines, right_to_left)
    lines, kashidas = kashida_out_of_right_to_left(lines, arabic) if arabic else (lines, [])
    lines, cut = words_cut_at_kashida(lines, arabic) if arabic else (lines, [])
    lines, turned_about = words_turned_about(lines, arabic) if arabic else (lines, [])
    run = _run_together([line.text for line in lines])  # measured once for the two steps below
    lines, rehyphenated = rehyphenate_compounds(lines, run, lang)
    lines, whole = rejoin_split_words(lines, run, lang)
    lines, dashes = dashes_put_back(lines, run)
    return lines, [*rejoined, *reordered, *named, *kashidas, *cut, *turned_about, *rehyphenated, *whole, *dashes]


def text_lines(text: str) -> list[Line]:
    """Return the lines of a decoded text dump, columns read one by one, spaces collapsed,
    honorifics written after right-to-left names put first, right-to-left words in reading order."""
    return read_lines(text)[0]


#: What an extractor writes for a glyph its PDF's font map cannot turn back into text.
_CID = re.compile(r"\(cid:\d+\)")


def unmapped_glyphs(lines: list[Line]) -> list[Diagnostic]:
    """Return a warning for each line with ``(cid:NN)`` codes: characters lost in the PDF, kept as written."""
    return [Diagnostic(line.number, "unmapped-glyphs",
                       f"{len(found)} character(s) the PDF's font map did not give back as text "
                       f"(kept as {found[0]!r}); extract the text again with another tool, or OCR")
            for line in lines if "(cid:" in line.text for found in [_CID.findall(line.text)] if found]


def recover_text(text: str, *, lang: str = "en", fallback_title: str = "") -> Recovered:
    """Return the document tree recovered from the decoded report ``text``."""
    lines, reordered = read_lines(text, lang)
    recovered = recover(lines, lang=lang, fallback_title=fallback_title)
    warnings = [*reordered, *unmapped_glyphs(lines)]
    if not warnings:
        return recovered
    return replace(recovered, diagnostics=tuple(sorted((*recovered.diagnostics, *warnings), key=lambda d: d.line)))


def recover_text_bytes(data: bytes, name: str, *, lang: str = "en", fallback_title: str = "") -> Recovered:
    """Return the document tree of the text dump ``data`` (file ``name``): decoded (an unusable
    file raises InputError), then recovered; the decoder's diagnostics come first."""
    decoded = decode_bytes(data, name)
    recovered = recover_text(decoded.text, lang=lang, fallback_title=fallback_title)
    if not decoded.diagnostics:
        return recovered
    return replace(recovered, diagnostics=(*decoded.diagnostics, *recovered.diagnostics))
