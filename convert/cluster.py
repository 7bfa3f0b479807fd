"""Converting many reports on a distributed engine: the conversion mapped over files with Dask.

Every conversion is a pure function of the input bytes, the theme and SOURCE_DATE_EPOCH
(``pipeline.convert_bytes``), so it maps over any number of files with no coordination.
This module does that with ``dask.bag``: locally with the ``processes`` scheduler, or on a
cluster by passing a ``distributed.Client`` (its workers need report-convert installed and the
input and output folders on storage they share, or use ``outputs_of`` and write them yourself).

    pip install 'report-convert[dask]'
    python -m convert.cluster OUT_DIR REPORT.txt... [--format docx --format pdf ...]
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from .batch import convert_one
from .pipeline import FormatRequest, convert_bytes
from .theme import load_theme


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one report: the files written, or why it failed."""

    source: str
    written: tuple[str, ...] = ()
    error: str = ""


def outputs_of(source: str, formats: tuple[str, ...], style: str | None = None) -> dict[str, bytes]:
    """Return the output files (name -> bytes) of one report: the pure unit of work."""
    path = Path(source)
    requests = [FormatRequest(name) for name in formats]
    return convert_bytes(path.read_bytes(), path.name, requests, load_theme(style)).outputs


def convert_to(source: str, out_dir: str, formats: tuple[str, ...], style: str | None = None) -> Outcome:
    """Convert one report and write its outputs atomically into ``out_dir``, as the command
    line's batch mode does; never raise for bad input."""
    requests = [FormatRequest(name) for name in formats]
    written, _, failure = convert_one(Path(source), requests, load_theme(style), Path(out_dir), None, False)
    return Outcome(source, tuple(sorted(written)), failure.message if failure else "")


def convert_many(sources: list[str], out_dir: str, formats: tuple[str, ...] = ("json",), *,
                 style: str | None = None, scheduler: object = "processes",
                 partitions: int | None = None) -> list[Outcome]:
    """Convert every report in ``sources`` with Dask; return one Outcome per report, in order.

    ``scheduler`` is a Dask scheduler name ("processes", "threads", "synchronous") or a
    ``distributed.Client`` for a cluster.
    """
    import dask.bag as db

    bag = db.from_sequence(sources, npartitions=partitions or min(len(sources), 64) or 1)
    work = bag.map(convert_to, out_dir=out_dir, formats=tuple(formats), style=style)
    if hasattr(scheduler, "compute"):  # a distributed Client
        return list(scheduler.compute(work).result())  # type: ignore[attr-defined]
    return list(work.compute(scheduler=scheduler))


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m convert.cluster", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir")
    parser.add_argument("sources", nargs="+")
    parser.add_argument("--format", action="append", dest="formats", default=[], metavar="NAME")
    parser.add_argument("--scheduler", default="processes", choices=("processes", "threads", "synchronous"))
    args = parser.parse_args(argv)
    outcomes = convert_many(args.sources, args.out_dir, tuple(args.formats or ["json"]), scheduler=args.scheduler)
    for outcome in outcomes:
        print(f"{outcome.source}: " + (f"error: {outcome.error}" if outcome.error else ", ".join(outcome.written)),
              file=sys.stderr)
    return 1 if any(o.error for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
