"""Invented report specs: the expected document tree of a seminar report, from a random seed.

A spec is the tree in the AST's JSON shape without line spans and with plain text:
``{"meta": {...}, "blocks": [section, ...]}``; a section holds speeches (and sometimes
paragraphs of its own), a speech holds paragraphs and lists, a list's items are strings.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from . import vocab as v

#: How many body words a report gets: from about four to about ten printed pages.
WORDS_PER_REPORT = (900, 2200)
#: Words in one paragraph (the brief asks for 30 to 250).
PARAGRAPH_WORDS = (30, 250)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Person:
    """An invented person: the name as printed (with honorific), the short form used in prose."""

    name: str
    ref: str
    bare: str
    gender: str


class Prose:
    """Random policy-report sentences and names, all drawn from one seeded generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def pick(self, options):
        """Return one of ``options``."""
        return self.rng.choice(options)

    def year(self) -> int:
        """Return a plausible year for policy prose."""
        return self.rng.randint(1994, 2025)

    def fill(self, template: str, **extra) -> str:
        """Return ``template`` with its slots filled from the vocabulary (``extra`` wins)."""
        first = self.year()
        slots = {
            "adj": self.pick(v.ORG_ADJECTIVES), "field": self.pick(v.FIELDS), "city": self.pick(v.CITIES),
            "country": self.pick(v.COUNTRIES), "discipline": self.pick(v.DISCIPLINES),
            "ministry": self.pick(v.MINISTRIES), "region": self.pick(v.REGIONS),
            "gerund": self.pick(v.TOPIC_GERUNDS), "object": self.pick(v.TOPIC_OBJECTS),
            "actors": self.pick(v.TITLE_ACTORS), "year": first, "year2": first + self.rng.randint(2, 9),
            "num": self.number(), "tail": self.pick(v.TAILS), "years": self.rng.randint(3, 30),
            "city2": self.pick(v.CITIES), "annex": self.rng.randint(1, 6),
        }
        slots["field2"] = self.pick([f for f in v.FIELDS if f != slots["field"]])
        slots.update(extra)
        return template.format(**slots)

    def number(self) -> str:
        """Return a count as a report prints it (small numbers, thousands with commas)."""
        kind = self.rng.random()
        if kind < 0.5:
            return str(self.rng.randint(2, 40))
        if kind < 0.8:
            return f"{self.rng.randint(1, 95) * 100:,}"
        return str(self.rng.randint(3, 12) * 5)

    def person(self) -> Person:
        """Return an invented person with an honorific, sometimes named in a non-Latin script."""
        if self.rng.random() < 0.12:
            name, gender = self.pick(v.SCRIPT_NAMES)
            honorific = self.honorific(gender)
            return Person(f"{honorific} {name}", f"{honorific} {name}", name, gender)
        given_names, families, family_first = v.LATIN_NAMES[self.pick(sorted(v.LATIN_NAMES))]
        given, gender = self.pick(given_names)
        family = self.pick(families)
        bare = f"{family} {given}" if family_first else f"{given} {family}"
        honorific = self.honorific(gender)
        return Person(f"{honorific} {bare}", f"{honorific} {family}", bare, gender)

    def honorific(self, gender: str) -> str:
        """Return an honorific for a person of ``gender``."""
        if self.rng.random() < 0.55:
            return self.pick(v.GENDERED_HONORIFICS[gender])
        return self.pick(v.NEUTRAL_HONORIFICS)

    def organisation(self) -> str:
        """Return an invented organisation name."""
        return self.fill(self.pick(v.ORGANIZER_TEMPLATES))

    def affiliation(self) -> str:
        """Return a role and an organisation, as printed under a speaker's name."""
        role = self.fill(self.pick(v.ROLE_TEMPLATES))
        return self.fill(self.pick(v.AFFILIATION_TEMPLATES), role=role, org=self.organisation())

    def clause(self) -> str:
        """Return one clause of policy prose (no capital, no final stop)."""
        kind = self.rng.random()
        if kind < 0.35:
            return (f"{self.pick(v.ACTORS)} {self.pick(v.MODALS)} {self.pick(v.ACTIONS)} "
                    f"{self.pick(v.OBJECTS)}{self.pick(v.TAILS)}")
        if kind < 0.55:
            return (f"only {self.rng.randint(8, 91)} per cent of {self.pick(v.POPULATIONS)} in "
                    f"{self.pick(v.CITIES)} had {self.pick(v.SERVICES)} in {self.year()}")
        if kind < 0.7:
            start = self.year()
            return (f"{self.pick(v.ACTORS)} spent USD {self.rng.randint(2, 90)}.{self.rng.randint(1, 9)} million "
                    f"on {self.pick(v.OBJECTS)} between {start} and {start + self.rng.randint(2, 8)}")
        if kind < 0.82:
            aside = self.fill(self.pick(v.ASIDES))
            return (f"{self.pick(v.OBJECTS)} – {aside} – {self.pick(v.PLAIN_MODALS)} be reviewed by "
                    f"{self.pick(v.ACTORS)}")
        if kind < 0.86:
            return (f"{self.pick(v.ACTORS)} {self.pick(v.MODALS)} {self.pick(v.ACTIONS)} {self.pick(v.OBJECTS)} "
                    f"({self.fill(self.pick(v.ABBREVIATED))})")
        if kind < 0.91:
            first = self.year()
            return (f"the share of {self.pick(v.POPULATIONS)} without {self.pick(v.SERVICES)} fell by "
                    f"{self.rng.randint(2, 19)}.{self.rng.randint(0, 9)} percentage points between "
                    f"{first} and {first + self.rng.randint(3, 12)}")
        if kind < 0.94:
            return f"as one participant put it, \u201c{self.pick(v.QUOTES_SAID)}\u201d"
        low = self.rng.randint(2, 60)
        return (f"the number of {self.pick(v.POPULATIONS)} with {self.pick(v.SERVICES)} rose from "
                f"{low * 100:,} to {low * 100 + self.rng.randint(1, 90) * 50:,} after {self.year()}")

    def sentence(self, speaker: Person | None) -> str:
        """Return one sentence, sometimes reporting what ``speaker`` said."""
        roll = self.rng.random()
        if speaker and roll < 0.3:
            pronoun = {"m": "He", "f": "She"}[speaker.gender]
            return f"{pronoun} {self.pick(v.ADD_VERBS)} {self.clause()}."
        opener = self.fill(self.pick(v.OPENERS)) if roll < 0.7 else ""
        text = f"{opener}{self.clause()}."
        return text[0].upper() + text[1:]

    def paragraph(self, speaker: Person | None, words: int) -> str:
        """Return a paragraph of about ``words`` words, opening on ``speaker`` when there is one."""
        if speaker and self.rng.random() < 0.25:
            agency = self.pick(v.AGENCIES)
            relative = self.fill(self.pick(v.AGENCY_CLAUSES), actors=self.pick(v.ACTORS))
            first = f"{speaker.ref}, whose {agency} {relative}, {self.pick(v.REPORT_VERBS)} {self.clause()}."
        elif speaker:
            first = f"{speaker.ref} {self.pick(v.REPORT_VERBS)} {self.clause()}."
        else:
            verbs = [verb for verb in v.REPORT_VERBS if "participants" not in verb]
            first = f"Participants {self.pick(verbs)} {self.clause()}."
        sentences = [first]
        while sum(len(s.split()) for s in sentences) < words:
            sentences.append(self.sentence(speaker))
        return " ".join(sentences)

    def list_block(self, speaker: Person | None) -> tuple[dict, dict]:
        """Return an introducing paragraph and the list it introduces."""
        ordered = self.rng.random() < 0.5
        count = self.rng.randint(3, 6)
        ref = speaker.ref if speaker else "The moderator"
        intro = self.pick(v.LIST_INTROS).format(ref=ref, count=("three four five six".split()[count - 3]))
        items = []
        for _ in range(count):
            if not ordered and self.rng.random() < 0.5:
                phrase = self.fill(self.pick(v.BULLET_PHRASES), object=self.pick(v.OBJECTS),
                                   actors=self.pick(v.ACTORS))
                items.append(phrase[0].upper() + phrase[1:])
            else:
                items.append(" ".join(self.sentence(None) for _ in range(self.rng.randint(1, 3))))
        listing = {"type": "list", "ordered": ordered, "items": items}
        if ordered:
            listing["start"] = 1
        return {"type": "paragraph", "text": intro}, listing


class FoundProse(Prose):
    """Prose whose sentences are mostly found in text people wrote (``found_prose``), not made
    from the templates: a paragraph still opens on its speaker, as a report's do."""

    #: The share of sentences taken from the found ones.
    FOUND = 0.85

    def __init__(self, rng: random.Random):
        from .found_prose import sentences

        super().__init__(rng)
        self.pool = sentences()

    def sentence(self, speaker: Person | None) -> str:
        """Return a sentence found in the pool, or now and then one of the templates'."""
        return self.pick(self.pool) if self.rng.random() < self.FOUND else super().sentence(speaker)


#: The prose a report's sentences come from: the templates', or mostly found text.
PROSE_KINDS = {"templates": Prose, "found": FoundProse}


def paragraph_words(rng: random.Random) -> int:
    """Return a paragraph length in words, most between 60 and 160."""
    low, high = PARAGRAPH_WORDS
    return max(low, min(high, int(rng.lognormvariate(4.6, 0.45))))


def speech_blocks(prose: Prose, speaker: Person | None, budget: int) -> list[dict]:
    """Return the paragraphs and lists of one speech of about ``budget`` words."""
    blocks: list[dict] = []
    used = 0
    while used < budget or not blocks:
        if blocks and prose.rng.random() < 0.18:
            intro, listing = prose.list_block(speaker)
            blocks += [intro, listing]
            used += sum(len(i.split()) for i in listing["items"])
            continue
        words = paragraph_words(prose.rng)
        text = prose.paragraph(speaker if not blocks or prose.rng.random() < 0.6 else None, words)
        blocks.append({"type": "paragraph", "text": text})
        used += len(text.split())
    return blocks


def section_titles(prose: Prose) -> list[str]:
    """Return the section titles of one report, in order."""
    rng = prose.rng
    titles = [prose.pick(v.USUAL_SECTIONS_OPEN)] if rng.random() < 0.75 else []
    numbering = prose.pick(("session", "part", "plain", "plain"))
    for index in range(rng.randint(2, 4)):
        topic = prose.fill(prose.pick(v.TOPIC_TEMPLATES))
        if numbering == "session":
            titles.append(f"Session {index + 1}: {topic}")
        elif numbering == "part":
            titles.append(f"Part {v.ROMAN[index]} {prose.pick((topic, prose.pick(v.USUAL_SECTIONS_MIDDLE)))}")
        else:
            titles.append(prose.pick((topic, topic, prose.pick(v.USUAL_SECTIONS_MIDDLE))))
    if rng.random() < 0.65 or len(titles) < 3:
        titles.append(prose.pick(v.USUAL_SECTIONS_CLOSE))
    unique = list(dict.fromkeys(titles))
    return unique


def date_fields(rng: random.Random) -> tuple[str, str]:
    """Return (ISO date, the date as written) for a seminar date."""
    day = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randint(0, 3650))
    weekday, month = WEEKDAYS[day.weekday()], MONTHS[day.month - 1]
    written = rng.choice((f"{weekday}, {day.day} {month} {day.year}", f"{weekday} {day.day} {month} {day.year}",
                          f"{day.day} {month} {day.year}", f"{month} {day.day}, {day.year}"))
    return day.isoformat(), written


def time_text(prose: Prose) -> str:
    """Return the time line of a title block, sometimes in several time zones."""
    start = prose.rng.randint(7, 16)
    length = prose.rng.choice((1, 2, 3))
    first = f"{start}:00-{start + length}:30"
    if prose.rng.random() < 0.5:
        return f"{first} ({prose.pick(v.CITIES)})"
    shift = prose.rng.randint(1, 6)
    return (f"{first} ({prose.pick(v.CITIES)}); "
            f"{start - shift}:00-{start - shift + length}:30 ({prose.pick(v.CITIES)})")


def make_meta(prose: Prose) -> dict:
    """Return the title block of a report."""
    rng = prose.rng
    presenters = [prose.person() for _ in range(rng.choice((1, 1, 2)))]
    date, written = date_fields(rng)
    compiler = prose.person()
    return {
        "title": prose.fill(prose.pick(v.TITLE_TEMPLATES)),
        "organizers": list(dict.fromkeys(prose.organisation() for _ in range(rng.randint(1, 3)))),
        "presenters": [{"name": p.name, "affiliation": prose.affiliation()} for p in presenters],
        "date": date, "date_text": written, "time_text": time_text(prose),
        "compiled_by": compiler.bare, "lang": "en",
    }


def make_spec(seed: str, prose_kind: str = "templates") -> dict:
    """Return the expected tree of one invented report, fully determined by ``seed`` (and the
    ``prose_kind``, a key of ``PROSE_KINDS``)."""
    rng = random.Random(seed)
    prose = PROSE_KINDS[prose_kind](rng)
    meta = make_meta(prose)
    titles = section_titles(prose)
    budget = rng.randint(*WORDS_PER_REPORT)
    sections = []
    for title in titles:
        blocks: list[dict] = []
        if rng.random() < 0.12:
            blocks += speech_blocks(prose, None, rng.randint(60, 200))
        for _ in range(rng.randint(1, 3)):
            speaker = prose.person()
            words = budget // (len(titles) * 2)
            blocks.append({"type": "speech",
                           "speaker": {"name": speaker.name, "affiliation": prose.affiliation()},
                           "blocks": speech_blocks(prose, speaker, rng.randint(words // 2, words * 3 // 2))})
        sections.append({"type": "section", "title": title, "blocks": blocks})
    return {"meta": meta, "blocks": sections}
