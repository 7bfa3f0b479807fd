"""The structure score of a recovered document tree against a report spec, and a CLI over the corpus.

Components, each 0..1 (the score is their mean):

- ``title_block``: title, organizers, presenters (name and affiliation), date (ISO and
  as written), time and compiled-by; a string field counts 1 when equal, a list field
  by the sequence-match ratio of its entries;
- ``sections``: sequence-match ratio of the section titles;
- ``speakers``: sequence-match ratio of the (name, affiliation) pairs;
- ``counts``: mean over paragraphs (outside lists) and lists of 1 - |got - want| / max; a
  list whose markers the dump does not show (its notes' ``unmarked_lists``) may be read as
  a list or as one paragraph per item, and counts right either way (``counts_strict`` does
  not excuse it);
- ``boundaries``: of the spec's boundaries between text units (paragraphs and list
  items) not excused by the dump's notes, the share recovered, less one for every
  boundary invented inside a spec unit (never below 0);
- ``words``: sequence-match ratio of the body words (paragraphs and items), in order.

Texts are compared after ``tree.fold`` (ligatures, soft hyphens, quotes, whitespace).
"""

from __future__ import annotations

import difflib
import itertools
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .tree import document_plain, plain_spec, text_units, walk

COMPONENTS = ("title_block", "sections", "speakers", "counts", "boundaries", "words")
CORPUS = Path(__file__).resolve().parent


@dataclass
class Score:
    """Each component's score (0..1), their mean, and the differences found."""

    title_block: float
    sections: float
    speakers: float
    counts: float
    boundaries: float
    words: float
    problems: list[str] = field(default_factory=list)
    #: How many sections the recovered tree has (the CLI counts dumps with none).
    sections_found: int = 0
    #: ``counts`` with no unmarked list excused.
    counts_strict: float = 1.0

    @property
    def mean(self) -> float:
        """Return the mean of the components."""
        return sum(getattr(self, name) for name in COMPONENTS) / len(COMPONENTS)


def ratio(want: list, got: list) -> float:
    """Return the sequence-match ratio of two lists (1.0 when both are empty)."""
    if not want and not got:
        return 1.0
    return difflib.SequenceMatcher(None, want, got, autojunk=False).ratio()


def count_match(want: int, got: int) -> float:
    """Return 1 - |got - want| / max(got, want), 1.0 when both are 0."""
    return 1.0 if want == got else 1 - abs(got - want) / max(got, want)


#: Unmarked lists read either way are tried in every combination, for the first this many
#: of a report (the rest count as lists).
MAX_UNMARKED_COMBINATIONS = 10


def counts_score(want: tuple[int, int], got: tuple[int, int], unmarked: list[int]) -> tuple[float, tuple[int, int]]:
    """Return the counts component for ``want`` and ``got`` (paragraphs, lists), where each list
    whose item count is in ``unmarked`` may have been read as that many paragraphs; and the
    (paragraphs, lists) wanted that it was measured against."""
    def measured(read_apart: tuple[int, ...]) -> tuple[float, tuple[int, int]]:
        wanted = (want[0] + sum(read_apart), want[1] - len(read_apart))
        return (count_match(wanted[0], got[0]) + count_match(wanted[1], got[1])) / 2, wanted

    if len(unmarked) > MAX_UNMARKED_COMBINATIONS:
        unmarked = unmarked[:MAX_UNMARKED_COMBINATIONS]
    return max((measured(read_apart) for size in range(len(unmarked) + 1)
                for read_apart in itertools.combinations(unmarked, size)), key=lambda found: found[0])


def title_block_score(want: dict, got: dict, problems: list[str]) -> float:
    """Return the title-block component; note each field that differs."""
    fields = {
        "title": (want["title"], got["title"]),
        "organizers": (want["organizers"], got["organizers"]),
        "presenters": ([(p["name"], p["affiliation"]) for p in want["presenters"]],
                       [(p["name"], p["affiliation"]) for p in got["presenters"]]),
        "date": ((want["date"], want["date_text"]), (got["date"], got["date_text"])),
        "time": (want["time_text"], got["time_text"]),
        "compiled_by": (want["compiled_by"], got["compiled_by"]),
    }
    scores = []
    for name, (expected, actual) in fields.items():
        scores.append(ratio(expected, actual) if isinstance(expected, list) else float(expected == actual))
        if expected != actual:
            problems.append(f"title block {name}: want {expected!r}, got {actual!r}")
    return sum(scores) / len(scores)


def sequence_score(label: str, want: list, got: list, problems: list[str]) -> float:
    """Return the sequence-match ratio of ``want`` and ``got``; note what is missing or extra."""
    matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            problems.append(f"{label}: want {want[i1:i2]!r}, got {got[j1:j2]!r}")
    return ratio(want, got)


def word_positions(units: list[str]) -> tuple[list[str], list[int]]:
    """Return the words of ``units`` in order and the word index where each boundary lies."""
    words, boundaries = [], []
    for unit in units:
        words.extend(unit.split())
        boundaries.append(len(words))
    return words, boundaries[:-1]


def map_boundaries(want_words: list[str], got_words: list[str], got_boundaries: list[int]) -> list[int | None]:
    """Return each recovered boundary as a position in the spec's words (None where no word aligns)."""
    aligned = [-1] * len(got_words)
    matcher = difflib.SequenceMatcher(None, want_words, got_words, autojunk=False)
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            aligned[block.b + offset] = block.a + offset
    mapped = []
    for position in got_boundaries:
        if position < len(got_words) and aligned[position] >= 0:
            mapped.append(aligned[position])
        elif position > 0 and aligned[position - 1] >= 0:
            mapped.append(aligned[position - 1] + 1)
        else:
            mapped.append(None)
    return mapped


def boundary_score(want_units: list[str], got_units: list[str], excused: set[int], problems: list[str]) -> float:
    """Return the boundary component: required boundaries found, less those invented."""
    want_words, want_bounds = word_positions(want_units)
    got_words, got_bounds = word_positions(got_units)
    excused_positions = {want_bounds[k] for k in excused if k < len(want_bounds)}
    required = set(want_bounds) - excused_positions
    mapped = map_boundaries(want_words, got_words, got_bounds)
    found = {m for m in mapped if m is not None}
    invented = len([m for m in mapped if m is None]) + len(found - set(want_bounds))
    hits = len(required & found)
    for position in sorted(required - found)[:5]:
        problems.append(f"paragraph boundary missed before {' '.join(want_words[position:position + 6])!r}")
    for position in sorted(found - set(want_bounds))[:5]:
        problems.append(f"paragraph boundary invented before {' '.join(want_words[position:position + 6])!r}")
    if not required:
        return 1.0 if not invented else 0.0
    return max(0.0, (hits - invented) / len(required))


def excused_merges(want: dict, got_units: list[str], excused: set[int]) -> list[int]:
    """Return the excused boundaries ``k`` that ``got_units`` ran together, where unit ``k + 1`` is a paragraph."""
    want_units = text_units(want["blocks"])
    kinds = [kind for block in walk(want["blocks"]) for kind in (
        ["paragraph"] if block["type"] == "paragraph" else ["item"] * len(block["items"]) if block["type"] == "list"
        else [])]
    want_words, want_bounds = word_positions(want_units)
    got_words, got_bounds = word_positions(got_units)
    found = {m for m in map_boundaries(want_words, got_words, got_bounds) if m is not None}
    return [k for k in sorted(excused) if k < len(want_bounds) and want_bounds[k] not in found
            and kinds[k + 1] == "paragraph"]


def paragraph_and_list_counts(blocks: list[dict]) -> tuple[int, int]:
    """Return the number of paragraphs (outside lists) and of lists in a plain tree."""
    kinds = [b["type"] for b in walk(blocks)]
    return kinds.count("paragraph"), kinds.count("list")


def score_plain(want: dict, got: dict, excused: set[int] = frozenset(), unmarked: set[int] = frozenset()) -> Score:
    """Return the score of plain tree ``got`` against plain spec ``want``; ``excused``: the
    boundaries the dump does not show, ``unmarked``: the lists (by their order) whose markers it
    does not show (its notes)."""
    problems: list[str] = []
    title = title_block_score(want["meta"], got["meta"], problems)
    sections = sequence_score("sections", [b["title"] for b in want["blocks"] if b["type"] == "section"],
                              [b["title"] for b in got["blocks"] if b["type"] == "section"], problems)
    speakers = sequence_score(
        "speakers", [(b["speaker"]["name"], b["speaker"]["affiliation"]) for b in walk(want["blocks"])
                     if b["type"] == "speech"],
        [(b["speaker"]["name"], b["speaker"]["affiliation"]) for b in walk(got["blocks"]) if b["type"] == "speech"],
        problems)
    want_units, got_units = text_units(want["blocks"]), text_units(got["blocks"])
    boundaries = boundary_score(want_units, got_units, set(excused), problems)
    (want_paras, want_lists), (got_paras, got_lists) = (paragraph_and_list_counts(want["blocks"]),
                                                        paragraph_and_list_counts(got["blocks"]))
    # A paragraph run into the text before it at an excused (invisible) boundary is one paragraph
    # fewer, and no fault of the reader's.
    want_paras -= len(excused_merges(want, got_units, set(excused)))
    counts_strict = (count_match(want_paras, got_paras) + count_match(want_lists, got_lists)) / 2
    sizes = [len(b["items"]) for b in walk(want["blocks"]) if b["type"] == "list"]
    counts, (want_paras, want_lists) = counts_score((want_paras, want_lists), (got_paras, got_lists),
                                                    [sizes[i] for i in sorted(unmarked) if i < len(sizes)])
    if counts < 1:
        problems.append(f"counts: want {want_paras} paragraphs and {want_lists} lists, "
                        f"got {got_paras} and {got_lists}")
    want_words = [w for u in want_units for w in u.split()]
    got_words = [w for u in got_units for w in u.split()]
    words = ratio(want_words, got_words)
    if words < 1:
        problems.append(f"words: {len(want_words)} wanted, {len(got_words)} recovered, match {words:.3f}")
    found = sum(1 for b in got["blocks"] if b["type"] == "section")
    return Score(title, sections, speakers, counts, boundaries, words, problems, found, counts_strict)


def score(spec: dict, document, excused: set[int] = frozenset(), unmarked: set[int] = frozenset()) -> Score:
    """Return the score of a recovered ``convert.nodes.Document`` against ``spec``.

    ``excused`` are the indices of boundaries the dump does not show, ``unmarked`` those of the
    lists whose markers it does not show (its notes file).
    """
    return score_plain(plain_spec(spec), document_plain(document), excused, unmarked)


def dumps_of(report: Path) -> list[Path]:
    """Return the dump files of one corpus report, sorted."""
    return sorted(p for p in (report / "dumps").glob("*.txt"))


def notes_of(dump: Path) -> dict:
    """Return the notes recorded next to ``dump`` (empty if there are none)."""
    notes = dump.with_suffix(".notes.json")
    return json.loads(notes.read_text(encoding="utf-8")) if notes.exists() else {}


def excused_for(dump: Path) -> set[int]:
    """Return the excused boundary indices recorded next to ``dump``."""
    return set(notes_of(dump).get("invisible", []))


def out_of_order(dump: Path) -> bool:
    """Return True if the notes say the extractor gave some of ``dump``'s body out of reading order."""
    return bool(notes_of(dump).get("moved"))


def score_dump(report: Path, dump: Path) -> Score:
    """Return the score the project's current pipeline reaches on one dump."""
    from convert.pipeline import prepare

    spec = json.loads((report / "spec.json").read_text(encoding="utf-8"))
    document = prepare(dump.read_bytes(), dump.name).document
    return score(spec, document, excused_for(dump), set(notes_of(dump).get("unmarked_lists", [])))


def pdfs_of(report: Path) -> list[Path]:
    """Return the PDFs of one corpus report (one per engine), sorted."""
    return sorted(report.glob("*.pdf"))


def score_pdf(report: Path, pdf: Path) -> Score:
    """Return the score the PDF reader reaches on one of a report's PDFs. A PDF shows nearly
    every boundary by spacing, indent or type; those it does not (a paragraph ending on a full
    line at a page's or column's foot: ``notes.pdf_notes``) are excused, as a dump's are."""
    from convert.pipeline import prepare

    from .notes import pdf_notes

    spec = json.loads((report / "spec.json").read_text(encoding="utf-8"))
    excused = set(pdf_notes(text_units(spec["blocks"]), pdf)["invisible"])
    return score(spec, prepare(pdf.read_bytes(), pdf.name).document, excused)


def score_source(report: Path, name: str) -> Score:
    """Return the score the reader of a report's own source (``report.docx``, read by the Word
    reader; ``report.html``, by pandoc's) reaches: every block is declared there, none excused."""
    from convert.pipeline import prepare

    spec = json.loads((report / "spec.json").read_text(encoding="utf-8"))
    return score(spec, prepare((report / name).read_bytes(), name).document)


def reports_in(paths: list[Path]) -> list[Path]:
    """Return the report folders under ``paths`` (a report folder holds spec.json)."""
    found = []
    for path in paths:
        found += [path] if (path / "spec.json").exists() else sorted(p.parent for p in path.glob("*/spec.json"))
    return found


def row(label: str, scores: list[Score]) -> str:
    """Return one table row: ``label`` and the average of each component and of the mean."""
    def average(values) -> float:
        values = list(values)
        return sum(values) / len(values)

    return (f"{label:<41}" + "".join(f" {average(getattr(s, c) for s in scores):8.2f}" for c in COMPONENTS)
            + f" {average(s.mean for s in scores):6.2f}")


def main(argv: list[str]) -> int:
    """Print one row per dump (with --pdf: per PDF, read directly), then averages per engine,
    per extractor and overall; with -v, each row's differences too. Return 0."""
    verbose = "-v" in argv
    read_pdfs = "--pdf" in argv
    reports = reports_in([Path(a) for a in argv if not a.startswith("-")] or [CORPUS])
    header = f"{'report':<12} {'engine':<11} {'extractor':<17}" + "".join(f" {c[:8]:>8}" for c in COMPONENTS)
    print(header + f" {'mean':>6}")
    rows: list[tuple[str, str, Score]] = []
    in_order: list[Score] = []
    for report in reports:
        sources = pdfs_of(report) if read_pdfs else dumps_of(report)
        for source in sources:
            if read_pdfs:
                engine, extractor, result = source.stem, "report-convert", score_pdf(report, source)
            else:
                engine, extractor = source.name.removesuffix(".txt").split(".", 1)
                result = score_dump(report, source)
            rows.append((engine, extractor, result))
            moved = not read_pdfs and out_of_order(source)
            if not moved:
                in_order.append(result)
            print(row(f"{report.name:<12} {engine:<11} {extractor:<17}", [result]) + ("  moved" if moved else ""))
            if verbose:
                print("".join(f"    {problem[:300]}\n" for problem in result.problems), end="")
    if not rows:
        return 0
    print()
    for position, kind in ((0, "engine"), (1, "extractor")):
        for name in sorted({r[position] for r in rows}):
            print(row(f"{kind} {name}", [r[2] for r in rows if r[position] == name]))
    print(row("average", [r[2] for r in rows]))
    if not read_pdfs and in_order:
        print(row("in reading order", in_order))
    perfect = sum(1 for s in in_order if all(getattr(s, c) == 1 for c in COMPONENTS))
    strict = sum(1 for s in in_order if all(getattr(s, c) == 1 for c in COMPONENTS) and s.counts_strict == 1)
    no_section = sum(1 for r in rows if r[2].sections_found == 0)
    print(f"{len(rows)} {'PDFs' if read_pdfs else 'dumps'}; {no_section} yield no section")
    if not read_pdfs:
        print(f"{len(rows) - len(in_order)} with text out of reading order (notes: moved, marked 'moved'); "
              f"of the {len(in_order)} in order, {perfect} score 1.00 on every component "
              f"({strict} with no unmarked list excused)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
