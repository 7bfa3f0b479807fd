"""What the lines of a report look like: speaker names, headings, dates, times, list markers."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

_HONORIFICS = (
    r"Mr|Mrs|Ms|Mx|Miss|Mme|Mlle|M|Dr|Prof|Professor|Assoc\.?\s+Prof|Asst\.?\s+Prof|Sir|Dame|Lord|Lady"
    r"|H\.\s?E|H\.\s?R\.\s?H|H\.\s?H|Hon|Honorable|Honourable|Rt\.?\s+Hon|Ambassador|Amb|Excellency"
    r"|Judge|Justice|Rev|Reverend|Fr|Father|Sister|Sr|Rabbi|Imam|Sheikh|Gen|Lt\.?\s?Gen|Maj\.?\s?Gen"
    r"|Brig\.?\s?Gen|Col|Colonel|Lt|Maj|Capt|Captain|Adm|Admiral|Cdr"
    r"|Senator|Sen|Minister|Deputy\s+Minister|Vice\s+Minister|President|Vice\s+President|Mayor|Governor"
    r"|Dean|Chancellor"
)
#: An honorific, optionally followed by more ("H.E. Mr.", "Prof. Dr.").
HONORIFIC = re.compile(rf"^(?:(?:{_HONORIFICS})\.?\s+)+", re.UNICODE)

#: Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation
#: forms), and the invisible direction controls extractors put around them (a character class's inside).
RTL_NAME_CHARS = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200e\u200f\u202a-\u202e\u2066-\u2069"
#: The honorifics that are whole words, written without a period ("Ambassador").
_WORD_HONORIFICS = (
    r"Miss|Professor|Sir|Dame|Lord|Lady|Honorable|Honourable|Ambassador|Excellency|Judge|Justice|Reverend"
    r"|Father|Sister|Rabbi|Imam|Sheikh|Colonel|Captain|Admiral|Senator|Minister|President|Mayor|Governor"
    r"|Dean|Chancellor"
)
#: A speaker line some extractors write in visual order: a right-to-left name, then its
#: honorific with the period first ("<name> .Ms"), or a whole word ("<name> Ambassador"): the
#: honorific went to the line's far end.
#: A contents page's heading: "Contents", "Table of Contents".
CONTENTS_HEADING = re.compile(r"^\s*(?:table\s+of\s+)?contents\s*:?\s*$", re.IGNORECASE)
VISUAL_ORDER_SPEAKER = re.compile(
    rf"^(?P<name>[{RTL_NAME_CHARS}]+(?:\s+[{RTL_NAME_CHARS}]+)*)"
    rf"\s+(?:\.(?P<honorific>{_HONORIFICS})|(?P<word>{_WORD_HONORIFICS}))$", re.UNICODE)

# A name word: capitalised (Unicode), possibly hyphenated or with an apostrophe, or an initial.
_NAME_WORD = r"(?:[^\W\d_][^\W\d_'’.\-]*(?:[-'’][^\W\d_]+)*\.?|[^\W\d_]\.)"
_PARTICLE = r"(?:de|da|di|del|della|der|den|van|von|zu|bin|binti|ibn|al|el|la|le|du|dos|das|y|e|ter|ten)"
_PARTICLE_WORD = re.compile(rf"{_PARTICLE}$")
_NAME = re.compile(rf"^(?:{_NAME_WORD}|{_PARTICLE})(?:\s+(?:{_NAME_WORD}|{_PARTICLE}))*$", re.UNICODE)


#: A role label before a speaker's name: "Moderator: Prof. Ana Lopes, University of Lisbon".
_ROLE_LABEL = re.compile(r"^(?P<label>(?:Co-)?(?:Moderator|Chair|Chairperson|Chairman|Facilitator|Discussant|"
                         r"Panel+ist|Commentator|Keynote Speaker|Speaker|Presenter|Host|Master of Ceremonies|MC)s?)"
                         r"\s*[:：]\s*(?P<rest>.+)$", re.IGNORECASE)


#: The explicit bidirectional embeddings, overrides and isolates (U+202A-202E, U+2066-2069):
#: invisible, and put around right-to-left words by PDF extractors.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


@lru_cache(maxsize=1024)  # each candidate line is asked about by several steps in a row
def split_speaker_line(text: str) -> tuple[str, str] | None:
    """Return (name, rest) if ``text`` starts with an honorific and a name, else None.

    ``rest`` is what follows the name after a comma or dash ("Mr. A, Director of B") or in
    parentheses ("Dr. C (Director, D)"), or ''. A role label before the name joins the rest
    ("Moderator: Prof. E, F" -> ("Prof. E", "Moderator, F")), so that no word is lost.
    Bidirectional embedding controls, which extractors wrap right-to-left names in, are
    left out of both.
    """
    text = BIDI_CONTROLS.sub("", text).strip()
    labelled = _ROLE_LABEL.match(text)
    if labelled:
        found = split_speaker_line(labelled.group("rest"))
        if found is None:
            return None
        return found[0], ", ".join(part for part in (labelled.group("label"), found[1]) if part)
    match = HONORIFIC.match(text)
    if not match or len(text) > 300:
        return None
    body = text[match.end():]
    cut = min((i for i in (body.find(sep) for sep in (", ", " – ", " — ", " - ", ": ", " (")) if i > 0),
              default=len(body))
    name, rest = text[:match.end() + cut], body[cut:].lstrip(",–—-: ")
    if rest.startswith("(") and rest.endswith(")"):
        rest = rest[1:-1]
    if not rest:
        name = name.rstrip(",–—:").rstrip()  # the role follows on the next line ("Mr. A," / "Director of B")
    if not is_person_name(name):
        return None
    return name.strip(), rest.strip()


def capitalised(word: str) -> bool:
    """Return True if ``word`` starts as a name does: a capital, or a letter of a script without case
    (Arabic, Hebrew, CJK ...), where every name word "starts with a capital"."""
    first = word[:1]
    return first.isupper() or (first.isalpha() and not first.islower())


def affiliation(text: str) -> str:
    """Return a speaker's affiliation as written after the name, without the parentheses around it
    (they may close lines later: "Dr. C (Director," / "Forum)")."""
    text = text.strip()
    if text.startswith("(") and text.endswith(")") and text.count("(") == text.count(")"):
        return text[1:-1].strip()
    return text


def is_person_name(text: str) -> bool:
    """Return True if ``text`` is an honorific followed by one to six capitalised name words."""
    text = text.strip()
    match = HONORIFIC.match(text)
    if not match or len(text) > 80:
        return False
    words = text[match.end():].split()
    if not 1 <= len(words) <= 6 or not _NAME.match(" ".join(words)):
        return False
    # Every word but particles is capitalised, and the name does not end a sentence.
    return (all(capitalised(w) or _PARTICLE_WORD.match(w) for w in words) and capitalised(words[-1])
            and not (text.endswith(".") and len(words[-1]) > 2))


# --- headings --------------------------------------------------------------------

_NUMBER_WORD = r"(?:[IVXLC]+|\d+(?:\.\d+)*|[A-Z]|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)"
_NUMBERED_HEADING = re.compile(
    rf"^(?:Part|Session|Panel|Chapter|Segment|Section|Round|Day|Module|Track|Block|Annex|Appendix)"
    rf"\s+{_NUMBER_WORD}\b\s*[:.\-–—]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_NAMED_HEADING = re.compile(
    r"^(?:(?:Opening|Welcome|Welcoming|Introductory|Closing|Concluding|Final|Special)\s+"
    r"(?:Remarks?|Address|Session|Statement|Words)"
    r"|Keynote(?:\s+(?:Address|Speech|Presentation|Lecture|Remarks))?"
    r"|(?:Panel|Open|General|Plenary|Roundtable|Round-table|Floor)\s+Discussion|Round[- ]?table"
    r"|Discussion|Q\s?&\s?A(?:\s+Session)?|Questions?\s+and\s+Answers?(?:\s+Session)?"
    r"|Introduction|Summary|Conclusions?|Wrap[- ]?up|Closing|Opening|Recommendations|Key\s+Takeaways"
    r"|Executive\s+Summary|Background|Moderator'?s?\s+Summary|Chair'?s?\s+Summary|Acknowledge?ments"
    r"|Program(?:me)?|Agenda|Participants|Speakers|Annex(?:es)?|Appendix|References)\s*:?$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?;,…]['\"”’)]*$")


#: A heading on one line is at most this long (a wrapped one, ``MAX_HEADING_CHARS`` of ``blocks``).
MAX_LINE_HEADING_CHARS = 100


def opens_in_lowercase(text: str) -> bool:
    """Return True if ``text``'s first letter past its indent (any whitespace, as ``Line.indent``
    counts it) is in lowercase (no copy made of a long line that has no indent)."""
    return (text.lstrip() if text[:1].isspace() else text)[:1].islower()


def completes_heading(previous: str, text: str) -> bool:
    """Return True if the line ``text``, which may be a usual heading by itself ("Discussion"),
    goes on with the heading line ``previous``: that stops on a bare number ("Part IV"), or its
    last word and the line make one of the usual names ("Part IV Panel" / "Discussion")."""
    previous, text = previous.strip(), text.strip()
    match = _NUMBERED_HEADING.match(previous)
    if match and not match.group("rest"):
        return True
    words = previous.split()
    return len(words) > 1 and _NAMED_HEADING.match(f"{words[-1]} {text}") is not None


def heading_kind(text: str, max_chars: int = MAX_LINE_HEADING_CHARS) -> str:
    """Return 'numbered' or 'named' if ``text`` (at most ``max_chars`` long; a numbered one, "Session
    3: ...", which an extractor may give on one line however long, as long as a title) is a usual
    section heading, in capitals or not but opening with one, else ''."""
    text = text.strip().strip("*").strip()
    if not text[:1].isupper() or len(text) > max(max_chars, _MAX_TITLE_CHARS) or _SENTENCE_END.search(text):
        return ""  # (in any case but a capital first: "section 1. ..." goes on a sentence)
    match = _NUMBERED_HEADING.match(text)
    if match and (not match.group("rest") or match.group("rest")[0].isupper() or match.group("rest")[0] in "\"'“‘("):
        return "numbered"
    if len(text) > max_chars:
        return ""
    if _NAMED_HEADING.match(text):
        return "named"
    return ""


#: The words title case leaves in lowercase: articles, conjunctions and short prepositions.
_TITLE_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into nor of off on onto or per so than the to up upon via vs with "
    "yet after among before beyond during over since through till under until versus within without "
    "about across against along around between towards toward &".split())


#: A title is at most this long.
_MAX_TITLE_CHARS = 160


def looks_like_title(text: str) -> bool:
    """Return True if ``text`` is shaped like a heading: short, no sentence end, mostly capitalised."""
    if len(text) > _MAX_TITLE_CHARS + 8:  # room for spaces and ** around it
        return False
    text = text.strip().strip("*").strip()
    words = text.split()
    if not 1 <= len(words) <= 20 or len(text) > _MAX_TITLE_CHARS or _SENTENCE_END.search(text):
        return False
    return words[0][0].isupper() and all(w[0].isupper() or not w[0].isalpha() or w.lower() in _TITLE_SMALL_WORDS
                                         for w in words)


_SMALL_WORDS = frozenset("a an and as at by de des du for from in of on or the to with und und für et la le".split())


def is_role_line(text: str) -> bool:
    """Return True if ``text`` reads like a title or affiliation rather than running text.

    In a role line ("Director-General of the International Peace Cooperation Headquarters",
    "Agency (JICA)") most words other than small connecting words are capitalised; in a
    hard-wrapped line of a paragraph most are not.
    """
    words = [w.strip("()[],;:\"'“”‘’") for w in text.split()]
    content = [w for w in words if w and w.lower() not in _SMALL_WORDS]
    if not content:
        return False
    capitalised = sum(1 for w in content if w[0].isupper() or w[0].isdigit() or not w[0].isalpha())
    return capitalised / len(content) >= 0.6


#: Words a phrase or clause goes on after: the small connecting words, those that open a
#: clause ("... emphasised that" / "the banks ..."), and the determiners a noun follows ("... an
#: essential part of this" / "licence ...").
_CONNECTING_WORDS = _SMALL_WORDS | frozenset("that which whose whom who this these those its their our your his my "
                                             "each every any some another such".split())


def goes_on_in_capitals(text: str, following: str) -> bool:
    """Return True if ``text``, set in capitals, goes on in capitals on the ``following`` line: its
    first two words of two letters or more are in capitals too ("... AND DOES NOT" / "PROVIDE
    LEGAL SERVICES. Any ...", "... AND FITNESS" / "FOR A PARTICULAR PURPOSE. ..."), or its first
    word is, and a punctuation mark ends it ("... CREATE AN ATTORNEY-CLIENT" / "RELATIONSHIP.
    This ..."), as a sentence set in capitals runs on; a title over running text is followed by
    words in lowercase, or by one acronym that opens a sentence."""
    letters = [char for char in text if char.isalpha()]
    if len(letters) < 2 or not all(char.isupper() for char in letters):
        return False
    words = following.split()[:3]
    long = [word for word in words if sum(char.isalpha() for char in word) > 1][:2]
    first = bool(words) and sum(char.isalpha() for char in words[0]) > 1 and words[0].isupper()
    return len(long) == 2 and all(word.isupper() for word in long) or first and words[0][-1] in ".,;:!?"


def continues_phrase(text: str) -> bool:
    """Return True if ``text`` stops mid-phrase: on a connecting word ("of", "and", "that"), a
    comma, colon or dash."""
    words = text.split()
    return bool(words) and (words[-1].lower() in _CONNECTING_WORDS
                            or text.endswith((",", ":", "–", "—", "-", "\u2010", "&")))


def opens_with_person(text: str) -> bool:
    """Return True if ``text`` starts a sentence about someone: "Ms. Sato described ...".

    An honorific, one or more capitalised name words, then a lowercase word. "Professor of
    Law" is a role (no name follows the honorific); "Mr. Lee" alone is a name line.
    Bidirectional embedding controls around a right-to-left name are left out.
    """
    text = BIDI_CONTROLS.sub("", text).lstrip()  # and a first-line indent
    match = HONORIFIC.match(text)
    if not match:
        return False
    words = text[match.end():].split()
    names = 0
    for word in words[:6]:
        if capitalised(word):
            names += 1
        elif _PARTICLE_WORD.match(word):
            continue  # "H.E. de Vries reminded ...": a particle may open the name too
        elif names and word[0].isalpha():
            return True
        else:
            return False
    return False


#: A sentence's end: its punctuation, closing quotes and brackets, and maybe a note's mark ("[3]", "³").
_ENDS_SENTENCE = re.compile(r"[.!?:…]['\"”’)\]]*(?:\[\d{1,3}\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})?\**\s*$")


#: What may follow a sentence's punctuation in ``_ENDS_SENTENCE``: a text's tail made only of
#: these may belong to an end that starts further back.
_AFTER_SENTENCE_END = re.compile(r"[\s'\"”’)\]\[\d⁰¹²³⁴⁵⁶⁷⁸⁹*]*")
#: ``ends_sentence`` looks for the end in this many last characters first (paragraphs are long).
_END_TAIL = 64


def ends_sentence(text: str) -> bool:
    """Return True if ``text`` ends like a finished sentence (or a colon that introduces a list),
    not inside a bracket its last characters leave open ("... on the coast (Art.")."""
    if text[-1:].isalpha():
        return False  # (most lines: a word runs on; a quick test before the pattern)
    tail = text[-_END_TAIL:]
    if _ENDS_SENTENCE.search(tail):
        return tail.rfind("(") <= tail.rfind(")")
    # An end found only in the whole text covers the tail, which then holds nothing but what may
    # follow the punctuation.
    return len(text) > _END_TAIL and _AFTER_SENTENCE_END.fullmatch(tail) is not None \
        and bool(_ENDS_SENTENCE.search(text))


def is_honorific(word: str) -> bool:
    """Return True if ``word`` (one word: no space inside) is an honorific ("Mr.", "Prof", "H.E.")."""
    return word[:1].isupper() and HONORIFIC.fullmatch(f"{word} ") is not None


def may_name_speaker(text: str) -> bool:
    """Return True if ``text`` opens as a speaker line can: an honorific, or a role label (a quick test)."""
    text = text.lstrip()
    # (Every honorific opens with a capital and every label has its colon: quick tests first.)
    return text[:1].isupper() and HONORIFIC.match(text) is not None \
        or (":" in text or "：" in text) and _ROLE_LABEL.match(text) is not None


# --- list markers ------------------------------------------------------------------

ORDERED_MARKER = re.compile(r"^\s*(?:\(?(\d{1,3})[.)])\s+(?=\S)")
#: Bullets, including the private-use code points of Word's Symbol and Wingdings bullets
#: (U+F0B7, U+F0A7, U+F076, ...) that extractors copy as they are (regex character-class
#: bodies): glyphs that never open a line of running text, and the dash, hyphen and asterisk
#: that can ("– as one put it –"); and "o" as Word's second-level bullet when a capital or a
#: digit follows it.
GLYPH_BULLETS = "•●▪■◦‣∙·○◆►➢✓\uf000-\uf0ff"
BULLET_CHARS = GLYPH_BULLETS + "\\-–*"
BULLET_MARKER = re.compile(rf"^\s*(?:[{BULLET_CHARS}]\s+(?=\S)|o\s+(?=[A-ZÀ-ÖØ-Þ\d]))")
_GLYPH_BULLET = re.compile(rf"^\s*[{GLYPH_BULLETS}]\s")


def opens_with_bullet_glyph(text: str) -> bool:
    """Return True if ``text`` opens with a bullet that is no character of running text: an item
    starts there, whatever the line before."""
    return bool(_GLYPH_BULLET.match(text))


def opens_with_dash(text: str) -> bool:
    """Return True if ``text`` opens with a dash and a space, as an item can and an aside in
    running text does ("– as the survey showed –")."""
    return text.lstrip()[:1] in "-\u2013\u2014" and text.lstrip()[1:2] == " "


def dash_goes_on(previous: str, text: str) -> bool:
    """Return True if ``text`` opens with a dash, a space and a lowercase word where ``previous``
    broke off on a word: running text's dash, opening or closing an aside ("... infrastructure
    planning" / "– not only in coastal areas – must be ..."), as a list item's can too."""
    return opens_with_dash(text) and text.lstrip()[2:3].islower() and previous.rstrip()[-1:].isalnum()


def in_aside(text: str) -> bool:
    """Return True if ``text`` ends inside an aside: its last sentence holds an odd number of
    dashes set apart ("... generation – and this is rarely acknowledged")."""
    sentence = text[max((match.end() for match in SENTENCE_INSIDE.finditer(text)), default=0):]
    return len(_SPACED_DASH.findall(sentence)) % 2 == 1


#: A sentence's end inside a text, the next one going on after it.
SENTENCE_INSIDE = re.compile(r"[.!?][\"”’)]?\s+(?=\S)")
_SPACED_DASH = re.compile(r"(?<!\S)[-\u2013\u2014](?!\S)")


#: The characters a list marker can start with, but digits (a quick test before the patterns).
_MARKER_STARTS = re.compile(rf"[({BULLET_CHARS}o]")


def list_marker(text: str) -> tuple[str, int, int] | None:
    """Return ('ordered', number, marker length) or ('bullet', 0, marker length) for an item line.

    A number in brackets that the line goes on to count on from in the same form ("(1) copyright
    the library, and (2) offer ...") enumerates inside a sentence that wrapped there: no item."""
    first = text.lstrip()[:1]
    if not (first.isdecimal() or _MARKER_STARTS.match(first)):
        return None
    match = ORDERED_MARKER.match(text)
    if match:
        number, marker = int(match.group(1)), match.group(0).strip()
        following = re.escape(marker[:-1].replace(str(number), str(number + 1)))
        if marker.endswith(")") and re.search(rf"(?<![\w(]){following}\)", text[match.end():]):
            return None
        return "ordered", number, match.end()
    match = BULLET_MARKER.match(text)
    if match and not text.lstrip().startswith("**"):
        return "bullet", 0, match.end()
    return None


# --- title block fields ------------------------------------------------------------

_MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")), 1) for name in names}
_WEEKDAY = r"(?:(?:Mon|Tues|Tue|Wednes|Wed|Thurs|Thu|Fri|Satur|Sat|Sun)(?:day)?\.?,?\s+)?"
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DATE_PATTERNS = (
    re.compile(rf"^{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(rf"^{_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
    re.compile(r"^(?P<year>\d{4})年\s*(?P<month>\d{1,2})月\s*(?P<day>\d{1,2})日"),
)


def split_date(text: str) -> tuple[str, str, str] | None:
    """Return (ISO date, the date as written, the rest of the line) if ``text`` starts with a date."""
    text = text.strip().strip("*").strip()
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        month_text = match.group("month")
        month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower())
        if month is None:
            continue
        try:
            iso = date(int(match.group("year")), month, int(match.group("day"))).isoformat()
        except ValueError:
            return None
        return iso, text[:match.end()], text[match.end():].lstrip(" ,;|–—-").strip()
    return None


def parse_date(text: str) -> str | None:
    """Return the ISO date (YYYY-MM-DD) that ``text`` states on its own, else None."""
    found = split_date(text)
    return found[0] if found and not found[2] else None


_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[aApP]\.?[mM]\.?)?\s*(?:[-–—~]|to)\s*\d{1,2}[:.]\d{2}|"
                   r"\b\d{1,2}[:.]\d{2}\s*(?:[aApP]\.?[mM]\.?|h|hrs|JST|UTC|GMT|CET|EST)\b")


def is_time_line(text: str) -> bool:
    """Return True if ``text`` is a short line that gives a time or a time range."""
    return len(text) <= 200 and bool(_TIME.search(text)) and not ends_sentence(text.rstrip(")"))


_COMPILED_BY = re.compile(
    r"^(?:(?:This\s+)?(?:Report|Summary|Minutes|Notes)\s+)?(?:compiled|prepared|written|drafted|edited)\s+by[:\s]+(?P<name>.+)$"
    r"|^(?:Rapporteur|Compiler|Editor|Prepared\s+by|Notes\s+taken\s+by)\s*[:\-–]\s*(?P<name2>.+)$",
    re.IGNORECASE,
)


def compiled_by(text: str) -> str | None:
    """Return the compiler's name if ``text`` is a 'Report compiled by NAME' line, else None."""
    match = _COMPILED_BY.match(text.strip())
    if not match:
        return None
    return (match.group("name") or match.group("name2")).strip().rstrip(".")


_PRESENT = re.compile(r"^(?:present|presents|proudly\s+present|host|hosts|invite\s+you\s+to|"
                      r"in\s+(?:cooperation|collaboration|partnership)\s+with|together\s+with|and|with|featuring)$",
                      re.IGNORECASE)
_ON = re.compile(r"^(?:on|about|speaking\s+on|lecture\s+on|seminar\s+on|talk\s+on|title|topic)\s*:?$", re.IGNORECASE)


def is_present_line(text: str) -> bool:
    """Return True for the connecting word between organizers and presenters ("present")."""
    return bool(_PRESENT.match(text.strip()))


def is_on_line(text: str) -> bool:
    """Return True for the connecting word before a talk's title ("On")."""
    return bool(_ON.match(text.strip()))


_COUNTS = {word: count for count, word in enumerate(
    "two three four five six seven eight nine ten eleven twelve".split(), start=2)}
#: An introduction that says how many items follow: a count (a word or a figure from 2 to 12),
#: then up to three words, the last a plural in "s", then the colon ("set out three priorities:",
#: "the following 4 key recommendations:").
_ANNOUNCED = re.compile(rf"(?<![\w-])({'|'.join(_COUNTS)}|[2-9]|1[0-2])\s+(?:[^\W\d_][\w-]*\s+){{0,2}}"
                        r"[^\W\d_][\w-]*s\s*:$", re.IGNORECASE)


def announced_count(text: str) -> int | None:
    """Return how many items an introducing line says follow ("listed four lessons:" -> 4), or
    None. Ligatures count as their letters ("ﬁve")."""
    found = _ANNOUNCED.search(unicodedata.normalize("NFKC", text).strip())
    if not found:
        return None
    count = found.group(1).lower()
    return int(count) if count.isdigit() else _COUNTS[count]


def slugify(text: str) -> str:
    """Return an XML-id-safe slug of ``text`` ("Part I Keynote" -> "part-i-keynote")."""
    slug = re.sub(r"[^\w]+", "-", text.lower(), flags=re.ASCII).strip("-")
    if not slug or not slug[0].isalpha():
        slug = "section-" + slug if slug else "section"
    return slug
