"""Synthetic large reports for the benchmark and the scale tests, made from the seed or from scratch."""

from __future__ import annotations

from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "seeds" / "japan-peace-cooperation-2023.txt"


def repeated_seed(times: int) -> str:
    """Return the seed with its body (from the first section on) repeated ``times`` times."""
    text = SEED.read_text(encoding="utf-8")
    start = text.index("Opening Remarks")
    return text[:start] + "\n\n".join([text[start:]] * times)


def speaker_name(number: int) -> str:
    """Return a distinct, letters-only name word for ``number`` ("Bmb", "Cmb", ...)."""
    letters = ""
    number += 1000
    while number:
        number, rest = divmod(number, 26)
        letters += chr(97 + rest)
    return letters.capitalize()


def many_speakers(count: int) -> str:
    """Return a report of ``count`` short speeches (name, affiliation, one paragraph) in one section."""
    parts = ["Large Seminar\n\nReport compiled by Jo Smith\n\nOpening Remarks\n"]
    for index in range(count):
        name = speaker_name(index)
        parts.append(f"\n\n\nMs. {name} {speaker_name(index * 7)}\nDirector, Ministry\n\n"
                     f"Ms. {name} said that peace matters and that cooperation is essential.\n")
    return "".join(parts)
