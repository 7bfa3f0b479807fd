"""Leverage: the translations of an earlier version of a report carried into the XLIFF of the new one.

A translation memory (``Memory``) is read from a translated XLIFF of the earlier version or from a
TMX. Each unit of the new report is then matched against it (``Leverage.match``):

- *exact*: the same source text with the same inline codes; its translation is put in place,
  with its state;
- *fuzzy*: the most similar sources (rapidfuzz's normalised Indel similarity of the plain texts,
  at least MIN_FUZZY percent), offered to the translator as candidates with their percentage;
  from a memory of sentences (a TMX), a candidate is also made sentence by sentence;
- *repeated*: the same source as an earlier unit of the new report (translated once);
- *new*: nothing close enough.

``analyse`` counts the words of each kind, fuzzy matches by band, as translators quote by.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import InputError
from ..writers.xliff_tokens import Token, plain, skeleton
from .merge import UNTRANSLATED_STATES
from .xliff_read import Pair, read_xliff

#: The lowest similarity (percent) offered as a fuzzy match.
MIN_FUZZY = 50
#: How many fuzzy candidates a unit is offered at most.
MAX_CANDIDATES = 3
#: Fuzzy bands of the analysis, highest first (percent, inclusive).
FUZZY_BANDS = ((95, 99), (85, 94), (75, 84), (50, 74))


@dataclass(frozen=True, slots=True)
class Entry:
    """A translation in memory: source and target tokens, its state ("" when unknown), and the
    source and target of each of its segments when they cover the source."""

    source: tuple[Token, ...]
    target: tuple[Token, ...]
    states: tuple[str, ...] = ()
    pairs: tuple[Pair, ...] = ()


@dataclass(frozen=True, slots=True)
class Memory:
    """Translations to reuse: from ``src_lang`` to ``trg_lang``, read from file ``name``."""

    src_lang: str
    trg_lang: str
    entries: tuple[Entry, ...]
    name: str = ""


def load_memory(data: bytes, name: str = "") -> Memory:
    """Return the translations in ``data`` (a translated XLIFF 1.2 or 2.x, or a TMX; file ``name``);
    raise InputError if the file is unusable or holds none."""
    if b"<tmx" in data[:4096]:
        from .tmx import read_tmx

        src_lang, trg_lang, pairs = read_tmx(data, name)
        entries = tuple(Entry(source, target) for source, target in pairs)
    else:
        xliff = read_xliff(data, name)
        src_lang, trg_lang = xliff.src_lang, xliff.trg_lang
        entries = tuple(
            Entry(u.source, u.target, u.states, u.pairs) for u in xliff.units
            if u.target is not None and not (skeleton(u.target) == skeleton(u.source)
                                             and any(s in UNTRANSLATED_STATES for s in u.states)))
    if not entries:
        raise InputError("it holds no translation to reuse", name)
    return Memory(src_lang, trg_lang, entries, name)


def _text(tokens: tuple[Token, ...]) -> str:
    return " ".join(plain(tokens).split())


def words(tokens: tuple[Token, ...]) -> int:
    """Return how many words the text of ``tokens`` has (white-space separated)."""
    return len(plain(tokens).split())


@dataclass(frozen=True, slots=True)
class Match:
    """How a unit matched: ``kind`` ("exact", "fuzzy", "repeated", "new"), the exact entry, the
    fuzzy candidates (similarity, entry), best first."""

    kind: str
    exact: Entry | None = None
    candidates: tuple[tuple[int, Entry], ...] = ()

    @property
    def best(self) -> int:
        """Return the best similarity (100 for exact, 0 for none)."""
        if self.exact is not None:
            return 100
        return self.candidates[0][0] if self.candidates else 0


@dataclass
class Leverage:
    """Matching the units of one report, in order, against ``memory`` (repetitions are counted
    from the units matched so far)."""

    memory: Memory
    _exact: dict = field(default_factory=dict)
    _texts: list[str] = field(default_factory=list)
    _by_text: list[Entry] = field(default_factory=list)
    _seen: set = field(default_factory=set)

    def __post_init__(self) -> None:
        for entry in self.memory.entries:
            self._exact.setdefault(skeleton(entry.source), entry)
            text = _text(entry.source)
            if text:
                self._texts.append(text)
                self._by_text.append(entry)

    def match(self, tokens: tuple[Token, ...], lang: str = "") -> Match:
        """Return the match of the unit whose source is ``tokens`` (in language ``lang``): exact when
        the memory has the whole unit, or each of its sentences (a TMX of segments)."""
        key = skeleton(tokens)
        exact = self._exact.get(key) or self._by_segments(tokens, lang or self.memory.src_lang)
        repeated = key in self._seen
        self._seen.add(key)
        if exact is not None:
            return Match("exact", exact)
        candidates = self.fuzzy(tokens)
        composed = self._composed(tokens, lang or self.memory.src_lang)
        if composed is not None and (not candidates or composed[0] > candidates[0][0]):
            candidates = (composed, *candidates)[:MAX_CANDIDATES]
        if repeated:
            return Match("repeated", None, candidates)
        return Match("fuzzy" if candidates else "new", None, candidates)

    def _by_segments(self, tokens: tuple[Token, ...], lang: str) -> Entry | None:
        """Return an entry made of the exact translations of each sentence of ``tokens``, if all have one."""
        from ..writers.xliff_segment import segment

        segments = [part.tokens for part in segment(tokens, lang) if part.kind == "segment"]
        found = [self._exact.get(skeleton(s)) for s in segments]
        if len(segments) < 2 or not all(found):
            return None
        pairs = tuple((s, entry.target) for s, entry in zip(segments, found))
        states = tuple(state for entry in found for state in (entry.states or ("",)))
        return Entry(tokens, tuple(t for _, target in pairs for t in target), states, pairs)

    def _composed(self, tokens: tuple[Token, ...], lang: str) -> tuple[int, Entry] | None:
        """Return a candidate made sentence by sentence, for a memory of sentences (a TMX): each
        sentence's exact translation, or its best fuzzy one; its similarity is the sentences',
        weighted by their words (at most 99). None when a sentence has nothing close enough."""
        from ..writers.xliff_segment import segment

        segments = [part.tokens for part in segment(tokens, lang) if part.kind == "segment"]
        if len(segments) < 2:
            return None
        pairs, weighted, total = [], 0, 0
        for sentence in segments:
            exact = self._exact.get(skeleton(sentence))
            found = (100, exact) if exact is not None else next(iter(self.fuzzy(sentence)), None)
            if found is None:
                return None
            count = max(1, words(sentence))
            weighted, total = weighted + found[0] * count, total + count
            pairs.append((sentence, found[1].target))
        percent = min(99, weighted // total)
        if percent < MIN_FUZZY:
            return None
        return percent, Entry(tokens, tuple(t for _, target in pairs for t in target), (), tuple(pairs))

    def fuzzy(self, tokens: tuple[Token, ...]) -> tuple[tuple[int, Entry], ...]:
        """Return the best fuzzy candidates for ``tokens``: (similarity in percent, entry)."""
        from rapidfuzz import fuzz, process

        text = _text(tokens)
        if not text or not self._texts:
            return ()
        found = process.extract(text, self._texts, scorer=fuzz.ratio, limit=MAX_CANDIDATES * 2,
                                score_cutoff=MIN_FUZZY)
        out: list[tuple[int, Entry]] = []
        targets: set[str] = set()
        # Best first; equal scores in memory order, so the same files give the same candidates.
        for _, score, index in sorted(found, key=lambda f: (-f[1], f[2])):
            entry = self._by_text[index]
            # The same text with other codes is not exact: at most 99.
            percent = min(99, int(score))
            if _text(entry.target) in targets:
                continue
            targets.add(_text(entry.target))
            out.append((percent, entry))
            if len(out) == MAX_CANDIDATES:
                break
        return tuple(out)


def band(percent: int) -> str:
    """Return the fuzzy band ``percent`` falls in, e.g. "85-94%"."""
    for low, high in FUZZY_BANDS:
        if low <= percent <= high:
            return f"{low}-{high}%"
    return "new"


def analyse(sources: list[tuple[Token, ...]], memory: Memory) -> dict[str, tuple[int, int]]:
    """Return (units, words) of each kind of match of ``sources`` (a report's units in order)
    against ``memory``: "exact", "repeated", each fuzzy band, "new", and "total"."""
    leverage = Leverage(memory)
    counts: dict[str, list[int]] = {"exact": [0, 0], "repeated": [0, 0]}
    for low, high in FUZZY_BANDS:
        counts[f"{low}-{high}%"] = [0, 0]
    counts["new"] = [0, 0]
    counts["total"] = [0, 0]
    for tokens in sources:
        found = leverage.match(tokens)
        kind = band(found.best) if found.kind == "fuzzy" else found.kind
        for key in (kind, "total"):
            counts[key][0] += 1
            counts[key][1] += words(tokens)
    return {key: (units, count) for key, (units, count) in counts.items()}


def format_analysis(counts: dict[str, tuple[int, int]], name: str) -> str:
    """Return the analysis ``counts`` as a table, for the report ``name``."""
    lines = [f"leverage analysis of {name}:", f"  {'match':<10} {'units':>6} {'words':>7}"]
    for key, (units, count) in counts.items():
        label = {"exact": "100%", "new": "new", "repeated": "repeated", "total": "total"}.get(key, key)
        lines.append(f"  {label:<10} {units:>6} {count:>7}")
    return "\n".join(lines) + "\n"
