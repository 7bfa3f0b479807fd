"""Messages on stderr: diagnostics with their source line, errors, batch progress; text or JSON lines."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConversionError, Diagnostic, InputError

PROG = "report-convert"
#: How many diagnostics of one kind (one code) a file shows as text before the rest are counted
#: in one line; -v and --error-format=json show every one.
SHOWN_PER_CODE = 10


@dataclass(frozen=True)
class Failure:
    """Why one input failed (picklable, to come back from a worker process)."""

    message: str
    line: int = 0


@dataclass
class Reporter:
    """Prints messages on stderr, as text or JSON lines, honouring -q and -v."""

    quiet: bool = False
    verbose: bool = False
    as_json: bool = False
    errors: list[str] = field(default_factory=list)
    #: Where a line goes: stderr, or through the progress bar so that it is not garbled.
    write: Callable[[str], None] = field(default=lambda line: print(line, file=sys.stderr))

    def emit(self, severity: str, message: str, path: str = "", line: int = 0, code: str = "",
             page: int = 0) -> None:
        """Print one message; ``page`` > 0 says ``line`` counts from that page's top (a PDF)."""
        if self.as_json:
            record = {"severity": severity, "file": path, "line": line, "code": code, "message": message}
            if page:
                record["page"] = page
            self.write(json.dumps(record, ensure_ascii=False))
        else:
            if page:
                where = f"{path}: page {page}" + (f", line {line}" if line else "") + ": "
            else:
                where = f"{path}:{line}: " if path and line else f"{path}: " if path else f"{PROG}: "
            self.write(f"{where}{severity}: {message}" + (f" [{code}]" if code else ""))

    def diagnostic(self, diagnostic: Diagnostic, path: str) -> None:
        if self.quiet or (diagnostic.severity == "info" and not self.verbose):
            return
        self.emit(diagnostic.severity, diagnostic.message, path, diagnostic.line, diagnostic.code, diagnostic.page)

    def diagnostics(self, diagnostics: Iterable[Diagnostic], path: str) -> None:
        """Print one file's diagnostics: as text, at most ``SHOWN_PER_CODE`` of each kind and
        severity, then how many more there are (a long report can repeat one guess hundreds of
        times); every one with -v or as JSON."""
        if self.verbose or self.as_json:
            for diagnostic in diagnostics:
                self.diagnostic(diagnostic, path)
            return
        seen: Counter[tuple[str, str]] = Counter()
        for diagnostic in diagnostics:
            kind = (diagnostic.code, diagnostic.severity)
            seen[kind] += 1
            if seen[kind] <= SHOWN_PER_CODE:
                self.diagnostic(diagnostic, path)
        for (code, severity), count in seen.items():
            if count > SHOWN_PER_CODE and not self.quiet and severity != "info":
                self.emit(severity, f"{count - SHOWN_PER_CODE:,} more like the above, not shown "
                          "(-v shows every one)", path, code=code)

    def warning(self, message: str, path: str = "") -> None:
        if not self.quiet:
            self.emit("warning", message, path)

    def error(self, message: str, path: str = "", line: int = 0) -> None:
        self.errors.append(f"{path}: {message}" if path else message)
        self.emit("error", message, path, line)

    def exception(self, exc: ConversionError) -> None:
        if isinstance(exc, InputError):
            self.error(exc.reason, exc.path, exc.line)
        else:
            self.error(str(exc))

    def info(self, message: str) -> None:
        if not self.quiet:
            if self.as_json:
                self.emit("info", message)
            else:
                self.write(message)


class Progress:
    """Batch progress: a bar on a terminal, one plain line per report in logs (CI), nothing with -q."""

    def __init__(self, total: int, reporter: Reporter) -> None:
        self.total, self.done, self.reporter = total, 0, reporter
        self.bar = None
        if total > 1 and not reporter.quiet and not reporter.as_json and sys.stderr.isatty():
            from tqdm import tqdm

            # No monitor thread: reports may be converted in forked processes, and a fork
            # should not happen while another thread holds a lock.
            tqdm.monitor_interval = 0

            self.bar = tqdm(total=total, unit="report", file=sys.stderr, leave=False, dynamic_ncols=True)
            reporter.write = lambda line: tqdm.write(line, file=sys.stderr)

    def step(self, path: Path, failed: bool) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(1)
        elif self.total > 1 and not self.reporter.quiet and not self.reporter.as_json:
            self.reporter.write(f"[{self.done}/{self.total}] {path}: {'failed' if failed else 'ok'}")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
