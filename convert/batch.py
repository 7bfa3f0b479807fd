"""Converting reports: many in worker processes (one report per job, each failure kept
apart), and one report's formats side by side (a forked process, pandoc in the background)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import signals
from .errors import ConversionError, InputError, UsageError
from .report import Failure


#: Writers that run in a second process when a report is converted in several formats on
#: a machine with more than one core: ReportLab's import and layout are a third of an --all
#: run's work, and need nothing the others load. (The XLIFF writers once went along: they
#: load lxml, which the DOCX and EPUB writers have loaded already in the main process.)
SEPARATE_PROCESS = frozenset({"pdf"})
#: Built-in formats that pandoc writes (as do all ``--to`` formats): started before the
#: other writers are even imported, so that pandoc is done by the time they are.
EXTERNAL = frozenset({"html"})


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector for a conversion's start-up: reading the report and
    importing the writers' libraries (a second process forked meanwhile inherits the pause).

    Those imports make a few hundred thousand objects that live as long as the process, and
    the collector walked them over and over: 4% of the CPU time of an --all run on the seed.
    ``resume_collector`` ends the pause once the writers are imported, with everything alive
    by then frozen (never walked again); the rendering runs with the collector on, so the
    memory of a large report's cyclic garbage is reclaimed as before.
    """
    import gc

    if not gc.isenabled() or gc.get_freeze_count():
        yield  # the caller manages the collector: leave it alone
        return
    global _paused
    gc.disable()
    _paused = True
    try:
        yield
    finally:
        if _paused:
            _paused = False
            gc.enable()
        gc.unfreeze()


_paused = False


def resume_collector() -> None:
    """End the pause of ``collector_paused`` (if any), freezing what is alive now."""
    global _paused
    if _paused:
        import gc

        _paused = False
        gc.freeze()
        gc.enable()


def convert_one(path: Path, requests, theme, out_dir: Path, target_lang, strict: bool,
                source_format: str | None = None, parallel: bool = False, forked: _Forked | None = None):
    """Convert one input; return (written file names, diagnostics, Failure or None).

    ``source_format`` (``--from``) names the reader; by default the content, then the name, tell it.

    With ``parallel`` (or a second process already started by ``start_apart``), that
    process imports its writers' libraries while this one reads and recovers the
    report, then receives the document.
    """
    if forked is None and parallel:
        forked = start_apart(requests, target_lang)
    try:
        from .pipeline import prepare_file, strict_failure

        try:
            result = prepare_file(path, source_format=source_format)
        except InputError as exc:
            return [], [], Failure(exc.reason, exc.line)
        except ConversionError as exc:
            return [], [], Failure(str(exc))
        failure = strict_failure(result.diagnostics) if strict else ""
        if failure:
            return [], result.diagnostics, Failure(failure)
        assert result.document is not None
        if forked is not None:
            forked.send(result.document, theme)
        written, failures = write_outputs(result.document, requests, theme, out_dir, path.stem, target_lang,
                                          parallel=parallel, forked=forked)
        return written, result.diagnostics, Failure("; ".join(failures)) if failures else None
    finally:
        if forked is not None:
            forked.cancel()


def start_apart(requests, target_lang) -> _Forked | None:
    """Start the second process for the formats of SEPARATE_PROCESS among ``requests``
    (None when there is nothing to split); the document and theme follow with ``send``."""
    apart = _apart(requests)
    return _Forked(apart, target_lang) if apart else None


def _apart(requests) -> list[tuple[int, object]]:
    """Return the (number, request) pairs a second process should write: those of
    SEPARATE_PROCESS, or only the first of them when they are all there is; none for one format."""
    if len(requests) < 2:
        return []
    apart = [(number, request) for number, request in enumerate(requests)
             if request.name in SEPARATE_PROCESS and not request.pandoc]
    return apart[:1] if len(apart) == len(requests) else apart


def can_run_in_parallel() -> bool:
    """Return whether one report's formats may be rendered side by side: on Linux (where a
    fork is safe; macOS's system libraries are not fork-safe) with more than one core
    available to this process."""
    return sys.platform.startswith("linux") and len(os.sched_getaffinity(0)) > 1


class _Forked:
    """Writers made and run in a forked copy of this process, one after the other.

    The copy imports the writers' libraries itself while this process goes on. The document
    is either in memory at the fork (shared, nothing copied) or handed over later with
    ``send`` (pickled through a pipe, which a thread of the copy reads at once, so this
    process never waits on the copy's imports). Only the outputs come back, pickled through
    a second pipe. A bare fork costs a millisecond where multiprocessing's machinery costs
    twelve, a twentieth of a seed conversion.
    """

    def __init__(self, jobs: list[tuple[int, object]], target_lang, doc=None, theme=None) -> None:
        read_end, write_end = os.pipe()
        doc_read, doc_write = os.pipe() if doc is None else (-1, -1)
        parent = os.getpid()
        signals.prepare_for_children()
        self.numbers = [number for number, _ in jobs]
        self._outcomes: dict[int, tuple[str, object]] | None = None
        try:
            with signals.deferred():  # an ending signal waits until cancel() knows the copy
                self._pid = os.fork()
                if self._pid == 0:  # the copy: never returns
                    # It has no file of its own to clean up: a signal ends it at once, and so does
                    # the end of this process, however abrupt (a SIGKILL runs no clean-up here).
                    signals.default_handlers()
                    signals.die_with_parent(parent)
                    os.close(read_end)
                    if doc_write >= 0:
                        os.close(doc_write)
                    _write_in_child(write_end, doc_read, jobs, target_lang, theme, doc)
                os.close(write_end)
                self._doc_pipe = None
                if doc_read >= 0:
                    os.close(doc_read)
                    self._doc_pipe = os.fdopen(doc_write, "wb")
                self._pipe = os.fdopen(read_end, "rb")
        except signals.Interrupted:
            self.cancel()
            raise

    def send(self, doc, theme) -> None:
        """Hand the document and theme to the copy (when they were not there at the fork)."""
        import pickle

        pipe, self._doc_pipe = self._doc_pipe, None
        try:
            with pipe:
                pickle.dump((doc, theme), pipe, protocol=pickle.HIGHEST_PROTOCOL)
        except BrokenPipeError:
            pass  # the copy is gone: result() says so

    def _collect(self) -> dict[int, tuple[str, object]]:
        if self._outcomes is None:
            import pickle

            try:
                outcomes = pickle.load(self._pipe)
            except (EOFError, pickle.UnpicklingError):
                outcomes = None
            finally:
                self._pipe.close()
            _, status = os.waitpid(self._pid, 0)
            if outcomes is None:
                died = ("error", "the writer's process ended without a result "
                                 f"(exit code {os.waitstatus_to_exitcode(status)})")
                outcomes = {number: died for number in self.numbers}
            self._outcomes = outcomes
        return self._outcomes

    def result(self, number: int) -> tuple[str, bytes]:
        """Return (extension, bytes) of job ``number``; its error is raised here as it would be in-process."""
        kind, value = self._collect()[number]
        if kind == "usage":
            raise UsageError(value)
        if kind == "error":
            raise ConversionError(value)
        if kind == "crash":
            raise RuntimeError(f"the writer's process failed:\n{value}")
        return value

    def cancel(self) -> None:
        """Stop the copy if its outputs were not collected (it may be called more than once)."""
        if self._outcomes is not None:
            return
        import signal

        self._outcomes = {}
        if self._doc_pipe is not None:
            self._doc_pipe.close()
        try:
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        self._pipe.close()


def _write_in_child(write_end: int, doc_read: int, jobs, target_lang, theme, doc) -> None:
    """Make the writers, get the document, render, send {number: (kind, value)} to the parent,
    and leave without cleanup (the parent's exit handlers and buffered output are the parent's)."""
    code = 1
    try:
        import pickle

        received: list[bytes] = []
        reader = None
        if doc is None:
            import threading

            def read() -> None:
                with os.fdopen(doc_read, "rb") as pipe:
                    received.append(pipe.read())

            reader = threading.Thread(target=read, daemon=True)
            reader.start()
        from .registry import get_writer

        outcomes: dict[int, tuple[str, object]] = {}
        writers = {}
        for number, request in jobs:
            try:
                writers[number] = get_writer(request.name, target_lang=target_lang, **dict(request.options))
            except UsageError as exc:
                outcomes[number] = ("usage", str(exc))
            except ConversionError as exc:
                outcomes[number] = ("error", str(exc))
        if reader is not None:
            reader.join()
            if not received or not received[0]:
                return  # the parent gave up before sending the document
            doc, theme = pickle.loads(received[0])
        resume_collector()
        for number, writer in writers.items():
            try:
                outcomes[number] = ("ok", (writer.extension, writer.write(doc, theme)))
            except ConversionError as exc:
                outcomes[number] = ("error", str(exc))
            except Exception:  # a bug: its traceback goes to the parent, which raises it
                import traceback

                outcomes[number] = ("crash", traceback.format_exc())
        with os.fdopen(write_end, "wb") as pipe:
            pickle.dump(outcomes, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        code = 0
    finally:
        os._exit(code)


class _Started:
    """A writer's background run (``writer.start``), giving (extension, bytes) like _Forked."""

    def __init__(self, writer, running) -> None:
        self.extension, self._running = writer.extension, running

    def result(self) -> tuple[str, bytes]:
        return self.extension, self._running.result()

    def cancel(self) -> None:
        self._running.cancel()


class _Part:
    """One writer's share of a _Forked run, collected like a _Started one."""

    def __init__(self, forked: _Forked, number: int) -> None:
        self._forked, self._number = forked, number

    def result(self) -> tuple[str, bytes]:
        return self._forked.result(self._number)

    def cancel(self) -> None:
        pass  # write_outputs cancels the whole forked run once


def write_outputs(doc, requests, theme, out_dir: Path, stem: str, target_lang=None,
                  parallel: bool = False, forked: _Forked | None = None) -> tuple[list[str], list[str]]:
    """Render and write every requested format of ``doc``; return (files written, failures).

    With ``parallel`` and several formats, the writers of SEPARATE_PROCESS run in a forked
    process (``forked``, when the caller started it early and sent it the document). Writers
    that run an external program (pandoc: EXTERNAL and ``--to`` formats)
    are started next, before the other writers are imported, and collected last, so that
    they work while Python renders the other formats in order. One failing writer
    does not stop the others; every file is written atomically, and both lists follow the
    order of ``requests``.
    """
    from .pipeline import make_writer, output_path, write_atomic

    files: dict[int, str] = {}
    failures: dict[int, str] = {}

    def attempt(number: int, produce) -> None:
        try:
            extension, payload = produce()
            write_atomic(output_path(out_dir, stem + extension), payload)
        except ConversionError as exc:
            failures[number] = f"{requests[number].name}: {exc}"
            return
        files[number] = stem + extension

    background: dict[int, _Started | _Part] = {}
    try:
        if forked is None and parallel:
            apart = _apart(requests)
            forked = _Forked(apart, target_lang, doc, theme) if apart else None
        if forked is not None:
            for number in forked.numbers:
                background[number] = _Part(forked, number)
        in_process = []
        external_first = sorted(range(len(requests)),
                                key=lambda number: not (requests[number].pandoc or requests[number].name in EXTERNAL))
        for number in external_first:
            request = requests[number]
            if number in background:
                continue
            try:
                writer = make_writer(request, target_lang)
                if hasattr(writer, "start"):
                    # An ending signal waits until the started program is in ``background``,
                    # which the ``finally`` below cancels.
                    with signals.deferred():
                        background[number] = _Started(writer, writer.start(doc, theme))
                else:
                    in_process.append((number, writer))
            except ConversionError as exc:
                failures[number] = f"{request.name}: {exc}"
        resume_collector()
        for number, writer in sorted(in_process, key=lambda pair: pair[0]):
            if hasattr(writer, "write_to"):  # written to the file as it is made
                attempt(number, lambda: (writer.extension, lambda stream: writer.write_to(doc, theme, stream)))
            else:
                attempt(number, lambda: (writer.extension, writer.write(doc, theme)))
        while background:
            number = min(background)
            attempt(number, background.pop(number).result)
    finally:
        for job in background.values():
            job.cancel()
        if forked is not None:
            forked.cancel()
    return [files[number] for number in sorted(files)], [failures[number] for number in sorted(failures)]


def outcomes(jobs: list[tuple], workers: int, started: _Forked | None = None):
    """Yield (path, outcome) for every job as it finishes: in worker processes when ``workers`` > 1.

    With one job at a time, each report's formats are rendered side by side instead;
    ``started`` is a second process already started for the only job.
    """
    if workers > 1 and len(jobs) > 1:
        from concurrent.futures import ProcessPoolExecutor, as_completed

        signals.prepare_for_children()
        pool = ProcessPoolExecutor(max_workers=min(workers, len(jobs)), initializer=signals.worker_started,
                                   initargs=(os.getpid(),))
        futures = {}
        finished = False
        try:
            for job in jobs:
                futures[pool.submit(signals.run_task, convert_one, *job)] = job[0]
            resume_collector()  # this process only waits now, perhaps for thousands of reports
            for future in as_completed(futures):
                yield futures[future], future.result()
            finished = True
        finally:
            if not finished:  # interrupted, or a bug: the reports still queued are not converted
                _stop_workers(futures)
            pool.shutdown(wait=True)
    else:
        parallel = can_run_in_parallel()
        for job in jobs:
            yield job[0], convert_one(*job, parallel=parallel, forked=started)
            started = None


#: Seconds a worker process has to remove its temporary files once told to stop, before it is killed.
WORKER_GRACE = 10


def _stop_workers(futures) -> None:
    """Cancel the ``futures`` not started and stop the worker processes running the others.

    Each worker is sent SIGTERM, which it turns into an orderly end: its pandoc stopped, its
    temporary files removed. The workers are this process's multiprocessing children (the
    pool's; nothing else here starts any).
    """
    import multiprocessing

    for future in futures:
        future.cancel()
    workers = multiprocessing.active_children()
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(WORKER_GRACE)
        if worker.is_alive():
            worker.kill()
            worker.join()
