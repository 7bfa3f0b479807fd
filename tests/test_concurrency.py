"""One report's formats rendered side by side, pandoc in the background, and the on-disk cache."""

from __future__ import annotations

import json
import os
import re
import sys

import pytest

from convert import batch, cache, fonts, pandoc_process, pipeline, registry
from convert.errors import ConversionError
from convert.pipeline import FormatRequest
from convert.writers import pandoc as bridge
from convert.xmlchars import readable_xml_chars, xml_chars

from .conftest import SEED

EVERY_FORMAT = [FormatRequest(name) for name in pipeline.ALL_FORMATS] + [FormatRequest("rst", pandoc=True)]


# --- side by side -------------------------------------------------------------------------


def test_side_by_side_writes_the_same_bytes_as_one_by_one(tmp_path, seed_doc, theme):
    together, apart = tmp_path / "together", tmp_path / "apart"
    together.mkdir()
    apart.mkdir()
    written, failures = batch.write_outputs(seed_doc, EVERY_FORMAT, theme, together, "seed", parallel=True)
    assert failures == []
    assert written == ["seed.json", "seed.docx", "seed.pdf", "seed.epub", "seed.html", "seed.xlf",
                       "seed.12.xlf", "seed.rst"]  # the order of the requests, whatever finished first
    assert batch.write_outputs(seed_doc, EVERY_FORMAT, theme, apart, "seed", parallel=False) == (written, [])
    for name in written:
        assert (together / name).read_bytes() == (apart / name).read_bytes(), name
    assert sorted(p.name for p in together.iterdir()) == sorted(written)  # no temporary file left


class _FakeWriter:
    """A writer standing in for the PDF one: what it does is the test's ``action``."""

    extension = ".pdf"

    def __init__(self, action):
        self.action = action

    def write(self, doc, theme):
        return self.action()


def _with_fake_pdf(monkeypatch, action):
    """Make "pdf" the fake writer, for this process and for the forked one (which asks the registry)."""
    real = registry.get_writer
    fake = lambda name, **options: _FakeWriter(action) if name == "pdf" else real(name, **options)  # noqa: E731
    monkeypatch.setattr(registry, "get_writer", fake)
    monkeypatch.setattr(pipeline, "get_writer", fake)


def test_the_pdf_runs_in_a_process_of_its_own_only_when_asked(tmp_path, seed_doc, theme, monkeypatch):
    _with_fake_pdf(monkeypatch, lambda: str(os.getpid()).encode())
    requests = [FormatRequest("pdf"), FormatRequest("json")]
    batch.write_outputs(seed_doc, requests, theme, tmp_path, "forked", parallel=True)
    batch.write_outputs(seed_doc, requests, theme, tmp_path, "here", parallel=False)
    batch.write_outputs(seed_doc, requests[:1], theme, tmp_path, "alone", parallel=True)
    assert (tmp_path / "forked.pdf").read_text() != str(os.getpid())
    assert (tmp_path / "here.pdf").read_text() == str(os.getpid())
    assert (tmp_path / "alone.pdf").read_text() == str(os.getpid())  # nothing else to do meanwhile


def _fail(message):
    raise ConversionError(message)


def test_a_failing_forked_writer_is_one_failure_and_the_others_are_written(tmp_path, seed_doc, theme, monkeypatch):
    _with_fake_pdf(monkeypatch, lambda: _fail("no font for U+1F600"))
    requests = [FormatRequest("json"), FormatRequest("pdf"), FormatRequest("xliff")]
    written, failures = batch.write_outputs(seed_doc, requests, theme, tmp_path, "seed", parallel=True)
    assert written == ["seed.json", "seed.xlf"]
    assert failures == ["pdf: no font for U+1F600"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seed.json", "seed.xlf"]


def test_a_forked_writer_that_dies_is_reported_with_its_exit_code(tmp_path, seed_doc, theme, monkeypatch):
    _with_fake_pdf(monkeypatch, lambda: os._exit(3))
    monkeypatch.setattr(batch, "SEPARATE_PROCESS", frozenset({"pdf", "xliff"}))
    requests = [FormatRequest("pdf"), FormatRequest("json"), FormatRequest("xliff")]
    written, failures = batch.write_outputs(seed_doc, requests, theme, tmp_path, "seed", parallel=True)
    assert written == ["seed.json"]
    assert failures == [f"{name}: the writer's process ended without a result (exit code 3)"
                        for name in ("pdf", "xliff")]  # both were the dead process's


def test_when_every_format_could_go_apart_the_first_does(tmp_path, seed_doc, theme, monkeypatch):
    _with_fake_pdf(monkeypatch, lambda: str(os.getpid()).encode())
    monkeypatch.setattr(batch, "SEPARATE_PROCESS", frozenset({"pdf", "xliff"}))
    requests = [FormatRequest("pdf"), FormatRequest("xliff")]
    assert batch.write_outputs(seed_doc, requests, theme, tmp_path, "seed", parallel=True) == (
        ["seed.pdf", "seed.xlf"], [])
    assert (tmp_path / "seed.pdf").read_text() != str(os.getpid())


def test_a_bug_in_a_forked_writer_raises_with_its_traceback(tmp_path, seed_doc, theme, monkeypatch):
    _with_fake_pdf(monkeypatch, lambda: {}["missing"])
    with pytest.raises(RuntimeError, match=r"(?s)the writer's process failed:.*KeyError: 'missing'"):
        batch.write_outputs(seed_doc, [FormatRequest("pdf"), FormatRequest("json")], theme, tmp_path, "seed",
                            parallel=True)
    assert not (tmp_path / "seed.pdf").exists()


def test_a_usage_error_meanwhile_stops_the_forked_writer(tmp_path, seed_doc, theme, monkeypatch):
    import time

    from convert.errors import UsageError

    _with_fake_pdf(monkeypatch, lambda: time.sleep(60) or b"")
    cancelled = []
    cancel = batch._Forked.cancel
    monkeypatch.setattr(batch._Forked, "cancel", lambda self: cancelled.append(self._pid) or cancel(self))
    started = time.monotonic()
    with pytest.raises(UsageError, match="unknown output format 'nosuch'"):
        batch.write_outputs(seed_doc, [FormatRequest("pdf"), FormatRequest("nosuch")], theme, tmp_path, "seed",
                            parallel=True)
    assert time.monotonic() - started < 30  # the sleeping copy was killed, not waited for
    assert len(cancelled) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(cancelled[0], os.WNOHANG)  # and collected already


def test_a_report_converted_with_its_second_process_started_first_is_the_same(tmp_path, theme):
    together, apart = tmp_path / "together", tmp_path / "apart"
    for out in (together, apart):
        out.mkdir()
    started = batch.start_apart(EVERY_FORMAT[:-1], None)  # before the report is even read
    assert started is not None and started.numbers == [2]  # the PDF
    first = batch.convert_one(SEED, EVERY_FORMAT[:-1], theme, together, None, False, forked=started)
    second = batch.convert_one(SEED, EVERY_FORMAT[:-1], theme, apart, None, False, parallel=False)
    assert first[0] == second[0] and first[2] is None
    for name in first[0]:
        assert (together / name).read_bytes() == (apart / name).read_bytes(), name


def test_a_bad_report_stops_the_second_process_that_waited_for_it(tmp_path, theme, monkeypatch):
    cancelled = []
    cancel = batch._Forked.cancel
    monkeypatch.setattr(batch._Forked, "cancel", lambda self: cancelled.append(self._pid) or cancel(self))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    written, _, failure = batch.convert_one(empty, EVERY_FORMAT[:-1], theme, tmp_path, None, False, parallel=True)
    assert written == [] and failure.message == "file is empty"
    assert cancelled and list(tmp_path.iterdir()) == [empty]
    with pytest.raises(ChildProcessError):
        os.waitpid(cancelled[0], os.WNOHANG)


# --- pandoc in the background -------------------------------------------------------------


def test_pandoc_runs_in_the_background_and_cleans_up(seed_doc, theme):
    running = bridge.PandocWriter("plain").start(seed_doc, theme)
    folder = running._folder.name
    assert os.path.isdir(folder)
    text = running.result().decode("utf-8")
    assert "Opening Remarks" in text and not os.path.exists(folder)


def test_a_failing_background_pandoc_says_why():
    running = pandoc_process.Running(["-f", "json", "-t", "html5"], b"{not json")
    with pytest.raises(ConversionError, match="pandoc -f json -t html5 failed: .+"):
        running.result()


def test_a_cancelled_pandoc_is_stopped_and_its_files_removed():
    running = pandoc_process.Running(["-f", "json", "-t", "html5"], b"{}")
    folder = running._folder.name
    running.cancel()
    assert running._process.poll() is not None and not os.path.exists(folder)


def test_pandoc_is_the_one_pypandoc_binary_ships_unless_configured(monkeypatch):
    pandoc_process.pandoc_binary.cache_clear()
    try:
        monkeypatch.delenv("PYPANDOC_PANDOC", raising=False)
        assert re.search(r"pypandoc[/\\]files[/\\]pandoc$", pandoc_process.pandoc_binary())
        pandoc_process.pandoc_binary.cache_clear()
        monkeypatch.setenv("PYPANDOC_PANDOC", "/opt/pandoc/bin/pandoc")
        assert pandoc_process.pandoc_binary() == "/opt/pandoc/bin/pandoc"
    finally:
        pandoc_process.pandoc_binary.cache_clear()


# --- the on-disk cache --------------------------------------------------------------------


def test_cache_round_trip_and_stale_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORT_CONVERT_CACHE", str(tmp_path / "c"))
    assert cache.load("thing", [1]) is None
    cache.store("thing", [1, "a"], {"x": [1, 2]})
    assert cache.load("thing", [1, "a"]) == {"x": [1, 2]}
    assert cache.load("thing", [2, "a"]) is None  # computed from something else
    (tmp_path / "c" / "thing.json").write_text("{truncated", encoding="utf-8")
    assert cache.load("thing", [1, "a"]) is None
    assert [p.name for p in (tmp_path / "c").iterdir()] == ["thing.json"]  # no temporary file left


def test_a_file_key_changes_with_the_file(tmp_path):
    path = tmp_path / "font.ttf"
    path.write_bytes(b"1234")
    before = cache.file_key(str(path))
    assert before[:2] == [str(path), 4]
    path.write_bytes(b"12345")
    assert cache.file_key(str(path)) != before
    assert cache.file_key(str(tmp_path / "gone.ttf")) == [str(tmp_path / "gone.ttf")]


def test_cached_objects_round_trip_and_unpicklable_ones_are_skipped(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORT_CONVERT_CACHE", str(tmp_path))
    cache.store_object("obj", ["v1", 3], {"widths": {65: 600}, "data": b"\x00\x01"})
    assert cache.load_object("obj", ["v1", 3]) == {"widths": {65: 600}, "data": b"\x00\x01"}
    assert cache.load_object("obj", ["v2", 3]) is None  # another library version
    cache.store_object("closure", [1], {"scale": lambda x: x})  # cannot be pickled: not stored
    assert not (tmp_path / "closure.pickle").exists()
    (tmp_path / "obj.pickle").write_bytes(b"\x80\x05garbage")
    assert cache.load_object("obj", ["v1", 3]) is None


def test_cache_off_or_unwritable_is_silently_skipped(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORT_CONVERT_CACHE", "")
    assert cache.folder() is None
    cache.store("thing", [1], 1)
    assert cache.load("thing", [1]) is None
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("REPORT_CONVERT_CACHE", str(blocker / "sub"))
    cache.store("thing", [1], 1)  # no error
    assert cache.load("thing", [1]) is None
    monkeypatch.delenv("REPORT_CONVERT_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.folder() == tmp_path / "xdg" / "report-convert"


def test_font_index_comes_from_the_cache_until_a_font_file_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORT_CONVERT_CACHE", str(tmp_path))
    scanned = fonts._build_index()
    assert (tmp_path / "fonts.json").is_file()
    monkeypatch.setattr(fonts, "_scan", lambda files: pytest.fail("scanned although cached"))
    assert fonts._build_index() == scanned
    real = fonts._fingerprint
    monkeypatch.setattr(fonts, "_fingerprint", lambda files: real(files)[1:])  # one file gone
    monkeypatch.setattr(fonts, "_scan", lambda files: {"changed": {}})
    assert fonts._build_index() == {"changed": {}}


def test_pandoc_facts_come_from_the_cache_keyed_by_the_binary(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORT_CONVERT_CACHE", str(tmp_path))
    pandoc_process.api_version.cache_clear()
    try:
        asked = pandoc_process.api_version()
        stored = json.loads((tmp_path / "pandoc-api-version.json").read_text(encoding="utf-8"))
        assert stored["value"] == asked and stored["key"][0] == pandoc_process.pandoc_binary()
        cache.store("pandoc-api-version", pandoc_process.binary_key(), [9, 9])
        pandoc_process.api_version.cache_clear()
        assert pandoc_process.api_version() == [9, 9]  # read back, pandoc not asked again
        cache.store("pandoc-api-version", ["another pandoc"], [8, 8])
        pandoc_process.api_version.cache_clear()
        assert pandoc_process.api_version() == asked
    finally:
        pandoc_process.api_version.cache_clear()


# --- XML characters -----------------------------------------------------------------------


def test_xml_character_filters_match_the_xml_char_production():
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    allowed = re.compile("[\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    assert xml_chars(everything) == "".join(allowed.findall(everything))
    assert readable_xml_chars(everything) == "".join(c for c in allowed.findall(everything)
                                                     if not "\x7f" <= c <= "\x9f")


# --- the cycle collector -----------------------------------------------------------------


def test_the_collector_is_paused_for_start_up_then_resumed_with_the_start_up_frozen():
    import gc

    assert gc.isenabled() and gc.get_freeze_count() == 0
    with batch.collector_paused():
        assert not gc.isenabled()
        batch.resume_collector()
        assert gc.isenabled() and gc.get_freeze_count() > 0
        batch.resume_collector()  # once only
    assert gc.isenabled() and gc.get_freeze_count() == 0
    with batch.collector_paused():
        pass  # never resumed: the pause still ends
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_caller_that_manages_the_collector_keeps_it_as_it_was():
    import gc

    gc.disable()
    try:
        with batch.collector_paused():
            batch.resume_collector()
            assert not gc.isenabled() and gc.get_freeze_count() == 0
        assert not gc.isenabled()
    finally:
        gc.enable()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with batch.collector_paused():
            batch.resume_collector()
            assert gc.isenabled() and gc.get_freeze_count() == frozen
        assert gc.get_freeze_count() == frozen  # theirs, still frozen
    finally:
        gc.unfreeze()


def test_a_conversion_leaves_the_collector_as_it_found_it(tmp_path):
    import gc

    from convert.cli import main

    assert main([str(SEED), "--all", "-q", "-o", str(tmp_path)]) == 0
    assert gc.isenabled() and gc.get_freeze_count() == 0


@pytest.mark.parametrize("name", ["json", "docx", "epub", "xliff", "xliff12"])
def test_writers_leave_no_reference_cycle_per_node(name, seed_doc, theme):
    """What a writer leaves for the cycle collector does not grow with the document (a
    closure calling itself, or bound methods kept on the writer, made one cycle per node)."""
    import gc

    from convert import nodes
    from convert.registry import get_writer

    writer = get_writer(name)
    bigger = nodes.Document(seed_doc.meta, seed_doc.blocks * 10)
    writer.write(seed_doc, theme)
    gc.collect()
    gc.disable()
    try:
        left = []
        for doc in (seed_doc, bigger):
            writer.write(doc, theme)
            left.append(gc.collect())
    finally:
        gc.enable()
    assert left[1] == left[0] and left[0] < 200, left
