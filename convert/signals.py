"""Ending a run on SIGTERM, SIGINT or SIGHUP: the signal becomes an exception that unwinds
every clean-up (children stopped, temporary files removed), and children die with their parent.

The command line runs inside ``ending_on_signals``; the processes it starts call
``die_with_parent`` (forked writers, worker processes) or start with ``pandoc_preexec``, so
that not even a SIGKILL of the command leaves a process of it running.
"""

from __future__ import annotations

import functools
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: The signals that end a conversion in order: a `kill`, Ctrl-C, a closed terminal.
ENDING_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
#: prctl(2) option: the signal this process receives when the thread that made it ends.
_PR_SET_PDEATHSIG = 1


class Interrupted(BaseException):
    """A signal ends the run. Like KeyboardInterrupt, it is no Exception: ``except Exception``
    lets it through, and every ``finally`` on its way up runs."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        self.name = signal.Signals(signum).name
        super().__init__(f"interrupted by {self.name}")

    @property
    def exit_code(self) -> int:
        """Return the shell's convention for a process ended by this signal: 128 + its number."""
        return 128 + self.signum


class _Ending:
    """The handler of the ENDING_SIGNALS in one process: the first signal raises Interrupted,
    the ones that follow are ignored, so that the clean-up the first one started runs to its end.

    Inside ``deferred()`` the signal waits for the end of the block. A forked process that has
    not set up its own handling yet inherits this one: there, a signal just ends it (it has no
    clean-up of the parent's to run); so it does when ``idle()`` says there is nothing to clean up.
    """

    def __init__(self, idle=lambda: False) -> None:
        self.owner = os.getpid()
        self.idle = idle
        self.raised = False
        self.pending = 0
        self.deferring = 0
        #: The Interrupted raised, once one is.
        self.ended: Interrupted | None = None

    def __call__(self, signum: int, frame) -> None:
        if os.getpid() != self.owner or self.idle():
            os._exit(128 + signum)
        if self.raised or self.pending:
            return
        if self.deferring:
            self.pending = signum
            return
        self.raised = True
        self.ended = Interrupted(signum)
        raise self.ended

    def install(self) -> dict:
        """Handle the ENDING_SIGNALS here; return the handlers it replaces."""
        global _current
        _current = self
        return {signum: signal.signal(signum, self) for signum in ENDING_SIGNALS}


#: The handler in force in this process, if any (``deferred`` holds back its signals).
_current: _Ending | None = None


@contextmanager
def deferred() -> Iterator[None]:
    """Hold back an ending signal while the block runs, then raise it.

    For steps whose clean-up can only run once they are complete: starting a child (until
    its pid is known) or creating a temporary file (until its name is known).
    """
    handler = _current
    if handler is None or handler.owner != os.getpid():
        yield
        return
    handler.deferring += 1
    try:
        yield
    finally:
        handler.deferring -= 1
        if not handler.deferring and handler.pending and not handler.raised:
            handler.raised = True
            handler.ended = Interrupted(handler.pending)
            raise handler.ended


def ended() -> Interrupted | None:
    """Return the Interrupted a signal raised in this process, if one did. Raised inside a call
    into C (ctypes converting an argument for PDFium), it can come out as another exception
    (``ctypes.ArgumentError``): the run is ending on the signal all the same."""
    handler = _current
    return handler.ended if handler is not None and handler.owner == os.getpid() else None


def check() -> None:
    """Raise again the Interrupted a signal raised in this process where it could not unwind
    the run: inside code that reports and swallows exceptions, such as a finalizer the garbage
    collector runs (a PDFium page closed when its last reference goes). Called before a step
    that cannot be undone, such as putting an output file in place."""
    interrupted = ended()
    if interrupted is not None:
        raise interrupted


def _quiet_unraisable(hook):
    """Return ``sys.unraisablehook`` made silent about Interrupted: where one was swallowed,
    ``check`` raises it again, and the run ends with the one message of an interruption."""

    def unraisable(args) -> None:
        if not isinstance(args.exc_value, Interrupted):
            hook(args)

    return unraisable


@contextmanager
def ending_on_signals() -> Iterator[None]:
    """Turn the ENDING_SIGNALS into Interrupted while the block runs, then restore the
    handlers found (the block may run inside a larger program, a test runner for one).

    Signal handlers belong to the main thread: elsewhere the block runs as it is.
    """
    global _current
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    outer, outer_hook = _current, sys.unraisablehook
    previous = _Ending().install()
    sys.unraisablehook = _quiet_unraisable(outer_hook)
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)
        sys.unraisablehook = outer_hook
        _current = outer


@functools.cache
def _prctl():
    """Return libc's prctl (None off Linux), looked up before any fork: a forked child
    should not load libraries while another thread of its parent might have held a lock."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    return ctypes.CDLL(None, use_errno=True).prctl


def prepare_for_children() -> None:
    """Look up what ``die_with_parent`` needs, in the parent, before it forks."""
    _prctl()


def die_with_parent(parent: int, signum: int = signal.SIGKILL) -> None:
    """Ask Linux to send ``signum`` to this (forked) process when its parent ``parent`` ends,
    and end now if the parent has ended already (before the request was made)."""
    prctl = _prctl()
    if prctl is not None:
        prctl(_PR_SET_PDEATHSIG, int(signum), 0, 0, 0)
    if os.getppid() != parent:
        os._exit(128 + int(signum))


def default_handlers() -> None:
    """Give a forked process the default action for the ENDING_SIGNALS: it ends at once."""
    for signum in ENDING_SIGNALS:
        signal.signal(signum, signal.SIG_DFL)


def pandoc_preexec():
    """Return the function a pandoc process runs before pandoc starts: it dies with the
    process that started it. (None off Linux, and in a process with other threads, a Dask
    worker for one: Python code between fork and exec is safe only with one thread.)"""
    if _prctl() is None or threading.active_count() > 1:
        return None
    parent = os.getpid()
    return functools.partial(die_with_parent, parent)


# --- worker processes (convert.batch's pool) ---------------------------------------

_task_running = False


def worker_started(parent: int) -> None:
    """Set up a worker process of ``parent``: the ENDING_SIGNALS interrupt the report it
    converts (so that its clean-up runs) or end it when it waits for one, and the end of
    ``parent``, however abrupt, reaches it as a SIGTERM."""
    _Ending(idle=lambda: not _task_running).install()
    die_with_parent(parent, signal.SIGTERM)


def run_task(function, *args):
    """Return ``function(*args)`` run in a worker process; an interruption ends the worker,
    once the clean-up of the task has run, with no result to send (the parent is ending the run)."""
    global _task_running
    _task_running = True
    try:
        return function(*args)
    except Interrupted as exc:
        os._exit(exc.exit_code)
    finally:
        _task_running = False
