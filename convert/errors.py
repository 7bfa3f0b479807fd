"""Errors and diagnostics: what the user is told when input is bad or ambiguous."""

from __future__ import annotations

from dataclasses import dataclass


class ConversionError(Exception):
    """A conversion cannot go on; the message is shown to the user as is (exit code 1)."""


class InputError(ConversionError):
    """The input file itself is unusable (empty, binary, undecodable, too large)."""

    def __init__(self, message: str, path: str = "", line: int = 0) -> None:
        self.path = path
        self.line = line
        self.reason = message
        where = path + (f":{line}" if line else "")
        super().__init__(f"{where}: {message}" if where else message)


class UsageError(Exception):
    """The command line is wrong (exit code 2)."""


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """Something structure recovery had to guess, with the source line it concerns."""

    line: int  # 0: the whole document
    code: str  # a short stable name, e.g. "joined-page-break"
    message: str
    severity: str = "warning"  # "warning" or "info"
    #: The page ``line`` is on, for a paged source (a PDF: then ``line`` counts from the page's
    #: top); 0 when ``line`` is the source's own line number.
    page: int = 0

    @property
    def where(self) -> str:
        """Return where the diagnostic points: "12", "page 3, line 12", or "" for the whole document."""
        if self.page:
            return f"page {self.page}, line {self.line}" if self.line else f"page {self.page}"
        return str(self.line) if self.line else ""

    def format(self, path: str = "") -> str:
        """Return the diagnostic as one line, compiler style: ``path:line: warning: message [code]``
        (``path: page 3, line 12: ...`` in a PDF)."""
        where = self.where
        if self.page:
            prefix = f"{path}: {where}" if path else where
        else:
            prefix = (f"{path}:{where}" if where else path) if path else (f"line {where}" if where else "")
        return f"{prefix}: {self.severity}: {self.message} [{self.code}]" if prefix else \
            f"{self.severity}: {self.message} [{self.code}]"
