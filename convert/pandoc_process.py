"""Running pandoc: which binary, with what environment, time limit and signals; facts about
the binary (API version, formats) asked once and cached on disk.

The pandoc writers (``convert.writers.pandoc``) and the pandoc reader (``convert.readers.pandoc``)
both run pandoc through here.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import tempfile
from pathlib import Path

from . import repro, signals
from .errors import ConversionError


@functools.cache
def pandoc_binary() -> str:
    """Return the pandoc to run: ``$PYPANDOC_PANDOC`` when set, else the one pypandoc-binary ships.

    The shipped binary is found without importing pypandoc, whose own search runs every
    pandoc it finds (on PATH and elsewhere) to compare versions; pypandoc is asked only
    when the package ships no binary.
    """
    configured = os.environ.get("PYPANDOC_PANDOC")
    if configured:
        return configured
    from importlib.util import find_spec

    spec = find_spec("pypandoc")
    if spec is not None and spec.origin:
        shipped = Path(spec.origin).parent / "files" / "pandoc"
        if os.access(shipped, os.X_OK):
            return str(shipped)
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError) as exc:
        raise ConversionError(f"pandoc is not available: {exc}") from None


#: pandoc's runtime options when the user sets none (``GHCRTS``). pandoc is built to
#: suggest a 64 MB heap (``-H64m``): every run, however small, touches all of it, 16,000
#: page faults, a sixth of its time on a report. A 16 MB suggestion halves the faults and
#: leaves long documents as fast as before (measured in benchmarks/README.md).
RUNTIME_OPTIONS = "-H16m"


def environment(runtime_options: str = RUNTIME_OPTIONS) -> dict[str, str]:
    """Return the environment pandoc runs in: ours, with the build time and the runtime options
    (``GHCRTS``; the user's own, when set, win)."""
    environment = dict(os.environ, SOURCE_DATE_EPOCH=str(repro.build_epoch()))
    environment.setdefault("GHCRTS", runtime_options)
    return environment


class PandocFailed(ConversionError):
    """pandoc ended with an error; ``said`` is what it wrote to stderr."""

    def __init__(self, args: list[str], said: str) -> None:
        self.said = said
        super().__init__(f"pandoc {' '.join(args[:4])} failed: {said}")


def failure(args: list[str], stderr: bytes) -> PandocFailed:
    """Return the error for a pandoc run with ``args`` that failed, saying what pandoc said."""
    return PandocFailed(args, stderr.decode("utf-8", "replace").strip())


def run(args: list[str], data: bytes = b"") -> bytes:
    """Return what pandoc with ``args`` writes to stdout given ``data`` on stdin (short runs only:
    questions about the binary); a failure raises ConversionError."""
    try:
        result = subprocess.run([pandoc_binary(), *args], input=data, capture_output=True,
                                env=environment(), timeout=600, check=False,
                                preexec_fn=signals.pandoc_preexec())
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ConversionError(f"pandoc could not run: {exc}") from None
    if result.returncode != 0:
        raise failure(args, result.stderr)
    return result.stdout


def binary_key() -> list:
    """Return what facts about the pandoc binary depend on: its path, size and modification time."""
    from . import cache

    return cache.file_key(pandoc_binary())


def cached(name: str, compute):
    """Return the fact ``name`` about the pandoc in use: from the on-disk cache, else computed."""
    from . import cache

    key = binary_key()
    value = cache.load(name, key)
    if value is None:
        value = compute()
        cache.store(name, key, value)
    return value


@functools.cache
def api_version() -> list[int]:
    """Return the pandoc-api-version of the pandoc in use (asked once per pandoc binary)."""
    return cached("pandoc-api-version", lambda: json.loads(
        run(["-f", "markdown", "-t", "json"]))["pandoc-api-version"])


@functools.cache
def output_formats() -> tuple[str, ...]:
    """Return the output format names the pandoc in use knows."""
    return tuple(cached("pandoc-output-formats", lambda: run(
        ["--list-output-formats"]).decode("utf-8").split()))


@functools.cache
def input_formats() -> tuple[str, ...]:
    """Return the input format names the pandoc in use knows."""
    return tuple(cached("pandoc-input-formats", lambda: run(
        ["--list-input-formats"]).decode("utf-8").split()))


class Running:
    """A pandoc run started in the background; ``result()`` waits for its output."""

    def __init__(self, args: list[str], data: bytes, runtime_options: str = RUNTIME_OPTIONS,
                 extract_media: bool = False) -> None:
        self._args = args
        self._folder: tempfile.TemporaryDirectory | None = None
        self._process: subprocess.Popen | None = None
        self._media: Path | None = None
        try:
            # An ending signal waits until cancel() knows both the folder and pandoc.
            with signals.deferred():
                self._folder = tempfile.TemporaryDirectory(prefix="report-convert-")
                folder = Path(self._folder.name)
                source, self._target, self._errors = folder / "in.json", folder / "out", folder / "stderr"
                if extract_media:  # the pictures a container holds (a DOCX's, an ODT's) written here
                    self._media = folder / "media"
                    args = [*args, f"--extract-media={self._media}"]
                source.write_bytes(data)
                with open(self._errors, "wb") as errors:
                    self._process = subprocess.Popen(
                        [pandoc_binary(), *args, "-o", str(self._target), str(source)],
                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors, env=environment(runtime_options),
                        preexec_fn=signals.pandoc_preexec())
        except OSError as exc:
            self.cancel()
            raise ConversionError(f"pandoc could not run: {exc}") from None
        except signals.Interrupted:
            self.cancel()
            raise

    def result(self, timeout: float = 600) -> bytes:
        """Wait for pandoc and return what it wrote; a failure raises ConversionError."""
        return self.result_with_media(timeout)[0]

    def result_with_media(self, timeout: float = 600, max_bytes: int = 0) -> tuple[bytes, dict[str, bytes]]:
        """Wait for pandoc; return what it wrote and, when started with ``extract_media``, the
        files it extracted by the path its output names them with (regular files only, at most
        ``max_bytes`` of them in all: beyond that, none more is read)."""
        try:
            try:
                code = self._process.wait(timeout)
            except subprocess.TimeoutExpired:
                raise ConversionError(f"pandoc took longer than {timeout:g} s") from None
            if code != 0:
                raise failure(self._args, self._errors.read_bytes())
            media: dict[str, bytes] = {}
            if self._media is not None and self._media.is_dir():
                total = 0
                for path in sorted(self._media.rglob("*")):
                    if path.is_symlink() or not path.is_file():
                        continue
                    size = path.stat().st_size
                    if total + size > max_bytes:
                        break
                    total += size
                    media[str(path)] = path.read_bytes()
            return self._target.read_bytes(), media
        finally:
            self.cancel()  # pandoc stopped (after a time-out or an interruption), its files removed

    def cancel(self) -> None:
        """Stop pandoc and remove its files."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        if self._folder is not None:
            self._folder.cleanup()
