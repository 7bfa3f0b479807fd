"""Converting many reports: one report per job, in worker processes, each failure kept apart."""

from __future__ import annotations

from pathlib import Path

from .errors import ConversionError, InputError
from .report import Failure


def convert_one(path: Path, requests, theme, out_dir: Path, target_lang, strict: bool):
    """Convert one input; return (written file names, diagnostics, Failure or None)."""
    from .pipeline import prepare_file, strict_failure

    try:
        result = prepare_file(path)
    except InputError as exc:
        return [], [], Failure(exc.reason, exc.line)
    except ConversionError as exc:
        return [], [], Failure(str(exc))
    failure = strict_failure(result.diagnostics) if strict else ""
    if failure:
        return [], result.diagnostics, Failure(failure)
    assert result.document is not None
    written, failures = write_outputs(result.document, requests, theme, out_dir, path.stem, target_lang)
    return written, result.diagnostics, Failure("; ".join(failures)) if failures else None


def write_outputs(doc, requests, theme, out_dir: Path, stem: str, target_lang=None) -> tuple[list[str], list[str]]:
    """Render and write every requested format of ``doc``; return (files written, failures).

    One failing writer does not stop the others; every file is written atomically.
    """
    from .pipeline import render, write_atomic

    written: list[str] = []
    failures: list[str] = []
    for request in requests:
        try:
            filename, payload = render(doc, request, theme, stem, target_lang)
            write_atomic(out_dir / filename, payload)
        except ConversionError as exc:
            failures.append(f"{request.name}: {exc}")
            continue
        written.append(filename)
    return written, failures


def outcomes(jobs: list[tuple], workers: int):
    """Yield (path, outcome) for every job as it finishes: in worker processes when ``workers`` > 1."""
    if workers > 1 and len(jobs) > 1:
        from concurrent.futures import ProcessPoolExecutor, as_completed

        with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
            futures = {pool.submit(convert_one, *job): job[0] for job in jobs}
            for future in as_completed(futures):
                yield futures[future], future.result()
    else:
        for job in jobs:
            yield job[0], convert_one(*job)
