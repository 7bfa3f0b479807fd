"""Signals: SIGTERM, SIGINT and SIGHUP end a real run in order (children stopped, temporary files
removed, one line, exit 128+N), and not even a SIGKILL of the command leaves a process of it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.inputs import repeated_seed
from convert import signals

from .test_cli import run_cli

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

COMMAND = [sys.executable, "-m", "convert"]
#: Generous: a slow machine only makes the polling below take longer, never fail.
PATIENCE = 120


def group_members(pgid: int) -> dict[int, tuple[str, str]]:
    """Return {pid: (name, state)} of the live processes of process group ``pgid`` (zombies are dead)."""
    members = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # it ended while we looked
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        state, _parent, group = stat[stat.rindex(")") + 2:].split()[:3]
        if int(group) == pgid and state != "Z":
            members[int(entry.name)] = (name, state)
    return members


def wait_for(condition, what: str, process: subprocess.Popen | None = None):
    """Return the first true value of ``condition()``, polled; fail if ``process`` ends first or
    if it takes longer than PATIENCE seconds."""
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        if process is not None and process.poll() is not None:
            pytest.fail(f"the run ended (exit {process.returncode}) before {what}: make the input larger")
        time.sleep(0.01)
    pytest.fail(f"no {what} after {PATIENCE} s")


def kill_group(pgid: int) -> None:
    """End whatever is left of group ``pgid`` (after a failed test: nothing may outlive it)."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass


@pytest.fixture(scope="module")
def big_reports(tmp_path_factory):
    """Return three copies of a report large enough that its conversion runs for a while (the seed
    body 40 times), and the pseudo-translated XLIFF of the first, for merge."""
    folder = tmp_path_factory.mktemp("big")
    reports = []
    for number in range(3):
        path = folder / f"big{number}.txt"
        path.write_text(repeated_seed(40), encoding="utf-8")
        reports.append(path)
    assert run_cli(str(reports[0]), "--xliff", "-q", "-o", str(folder)).returncode == 0
    translated = folder / "big0.qps.xlf"
    assert run_cli("pseudo", str(folder / "big0.xlf"), "-o", str(translated)).returncode == 0
    return reports, translated


def commands(big_reports) -> dict[str, list[str]]:
    """Return {case: arguments} of the runs to interrupt."""
    (first, *others), translated = big_reports
    return {
        "all": [str(first), "--all"],  # the PDF in a forked process, pandoc, the rest in the command
        "merge": ["merge", str(first), str(translated)],  # the same, for the editions
        "batch": [str(first), *map(str, others), "--all", "-j", "2"],  # worker processes, each with a pandoc
    }


def start(arguments: list[str], tmp_path: Path) -> tuple[subprocess.Popen, Path, Path]:
    """Start a run in a process group of its own; return it, its output folder and its TMPDIR."""
    out, temporary = tmp_path / "out", tmp_path / "tmp"
    out.mkdir()
    temporary.mkdir()
    env = {**os.environ, "TMPDIR": str(temporary)}
    process = subprocess.Popen([*COMMAND, *arguments, "-q", "-o", str(out)], stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
                               process_group=0)
    return process, out, temporary


def under_way(process: subprocess.Popen, temporary: Path):
    """Return a condition: the run is well under way, with a writer's process (or the workers)
    and pandoc running, and pandoc's temporary folder made (so the document has been sent to
    the forked writer, which pandoc starts after); its value: the processes of the run."""

    def condition() -> dict[int, tuple[str, str]]:
        members = group_members(process.pid)
        names = [name for name, _ in members.values()]
        started = any(temporary.glob("report-convert-*"))
        return members if started and "pandoc" in names and len(members) >= 3 else {}

    return condition


@pytest.mark.parametrize("case", ["all", "merge", "batch"])
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=lambda s: s.name)
def test_a_signal_ends_the_whole_run_and_leaves_nothing(big_reports, tmp_path, case, signum):
    process, out, temporary = start(commands(big_reports)[case], tmp_path)
    try:
        wait_for(under_way(process, temporary), "run under way", process)
        os.kill(process.pid, signum)  # the command alone, as `kill` does
        _, stderr = process.communicate(timeout=PATIENCE)
        assert process.returncode == 128 + signum
        assert stderr == f"report-convert: error: interrupted by {signum.name}\n"
        assert group_members(process.pid) == {}, "a process of the run outlived it"
        assert [p.name for p in out.iterdir() if p.name.startswith(".")] == [], "a temporary file was left"
        assert list(temporary.iterdir()) == [], "a temporary file was left"
        for path in out.iterdir():  # a file written before the signal is complete
            assert path.stat().st_size > 0
    finally:
        kill_group(process.pid)
        process.communicate()


def test_ctrl_c_reaching_every_process_of_the_run_ends_it_in_order(big_reports, tmp_path):
    """A terminal's Ctrl-C sends SIGINT to the whole foreground group, workers and pandoc too."""
    process, out, temporary = start(commands(big_reports)["batch"], tmp_path)
    try:
        wait_for(under_way(process, temporary), "run under way", process)
        os.killpg(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=PATIENCE)
        assert process.returncode == 130
        assert stderr == "report-convert: error: interrupted by SIGINT\n"
        assert group_members(process.pid) == {}
        assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
        assert list(temporary.iterdir()) == []
    finally:
        kill_group(process.pid)
        process.communicate()


def test_the_processes_of_a_killed_run_die_with_it(big_reports, tmp_path):
    """SIGKILL runs no clean-up: the forked PDF writer and pandoc must end by themselves.

    They are frozen first (SIGSTOP), so that they cannot end by finishing their work; a
    process kept in their group stops the kernel from waking them (an orphaned group with
    stopped members gets SIGHUP and SIGCONT): only their parent's death can end them.
    """
    process, _, temporary = start(commands(big_reports)["all"], tmp_path)
    keeper = subprocess.Popen(["sleep", str(PATIENCE * 2)], process_group=process.pid)
    try:
        members = wait_for(under_way(process, temporary), "run under way", process)
        children = [pid for pid in members if pid not in (process.pid, keeper.pid)]
        assert len(children) == 2  # the forked PDF writer and pandoc
        for pid in children:
            os.kill(pid, signal.SIGSTOP)
        wait_for(lambda: all(group_members(process.pid).get(pid, ("", "T"))[1] == "T" for pid in children),
                 "frozen children")
        process.kill()
        process.wait()
        wait_for(lambda: not set(children) & set(group_members(process.pid)), "end of the children")
    finally:
        keeper.kill()
        keeper.wait()
        kill_group(process.pid)
        process.communicate()


def test_the_workers_of_a_killed_batch_die_with_it(big_reports, tmp_path):
    """Without a parent, a worker process would wait for its next report for ever."""
    process, out, temporary = start(commands(big_reports)["batch"], tmp_path)
    try:
        wait_for(under_way(process, temporary), "run under way", process)
        process.kill()
        process.wait()
        wait_for(lambda: not group_members(process.pid), "end of the workers")
        # Each worker was told (SIGTERM) and cleaned up after itself.
        assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
        assert list(temporary.iterdir()) == []
    finally:
        kill_group(process.pid)
        process.communicate()


# --- the mechanism, in this process --------------------------------------------------------------


def test_a_signal_raises_once_and_the_handlers_found_come_back():
    before = {signum: signal.getsignal(signum) for signum in signals.ENDING_SIGNALS}
    with pytest.raises(signals.Interrupted) as caught:
        with signals.ending_on_signals():
            os.kill(os.getpid(), signal.SIGHUP)
            time.sleep(PATIENCE)  # the handler raises long before
    assert caught.value.exit_code == 129 and str(caught.value) == "interrupted by SIGHUP"
    assert {signum: signal.getsignal(signum) for signum in signals.ENDING_SIGNALS} == before

    cleaned = []
    with pytest.raises(signals.Interrupted):
        with signals.ending_on_signals():
            try:
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(PATIENCE)
            finally:
                os.kill(os.getpid(), signal.SIGINT)  # a second signal does not cut the clean-up short
                cleaned.append(True)
    assert cleaned == [True]


def test_a_signal_waits_for_the_end_of_a_deferred_step():
    steps = []
    with pytest.raises(signals.Interrupted) as caught:
        with signals.ending_on_signals():
            with signals.deferred():
                os.kill(os.getpid(), signal.SIGTERM)
                for _ in range(1000):  # bytecode enough for the handler to have run
                    steps.append(len(steps))
                steps.append("complete")
            steps.append("after the block")
    assert steps[-1] == "complete" and caught.value.signum == signal.SIGTERM


def test_a_signal_raised_inside_a_call_into_c_still_ends_the_run_cleanly(monkeypatch, capsys):
    """A signal whose handler runs while ctypes converts an argument (pypdfium2 passing a page
    to PDFium) comes out of the call as ``ctypes.ArgumentError``, not as ``Interrupted``: the run
    ends on the signal all the same, with its one line and exit status, no traceback."""
    import ctypes

    from convert import cli

    class Handle:
        @property
        def _as_parameter_(self):
            os.kill(os.getpid(), signal.SIGTERM)
            for _ in range(1000):  # bytecode enough for the handler to have run
                pass
            return 0

    def converting(args, reporter):
        ctypes.CDLL(None).abs(Handle())
        return 0

    with pytest.raises(ctypes.ArgumentError, match="Interrupted"):  # what reaches the command line
        with signals.ending_on_signals():
            converting(None, None)
    monkeypatch.setattr(cli, "_run_convert", converting)
    assert cli.main([str(Path(__file__)), "--json"]) == 128 + signal.SIGTERM
    assert capsys.readouterr().err == "report-convert: error: interrupted by SIGTERM\n"


def test_a_signal_swallowed_by_a_finalizer_still_ends_the_run_and_writes_nothing(monkeypatch, capsys, tmp_path):
    """A signal whose handler runs inside a finalizer the garbage collector calls (a PDFium page
    closed when its last reference goes) is reported and swallowed by Python: the run goes on.
    It ends at the next step that cannot be undone, with its one line, and leaves no file."""
    import gc
    import weakref

    from convert import cli
    from convert.pipeline import write_atomic

    class Page:
        pass

    def finalizer():
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(1000):  # bytecode enough for the handler to have run, here
            pass

    def converting(args, reporter):
        page = Page()
        page.cycle = page  # only the collector frees it
        weakref.finalize(page, finalizer)
        del page
        gc.collect()
        steps.append("went on")
        write_atomic(tmp_path / "out.json", b"{}")
        steps.append("wrote")
        return 0

    steps: list[str] = []
    monkeypatch.setattr(cli, "_run_convert", converting)
    assert cli.main([str(Path(__file__)), "--json"]) == 128 + signal.SIGINT
    assert steps == ["went on"] and list(tmp_path.iterdir()) == []
    assert capsys.readouterr().err == "report-convert: error: interrupted by SIGINT\n"
