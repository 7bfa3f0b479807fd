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

    line: int
    code: str  # a short stable name, e.g. "joined-page-break"
    message: str
    severity: str = "warning"  # "warning" or "info"

    def format(self, path: str = "") -> str:
        """Return the diagnostic as one line, compiler style: ``path:line: warning: message [code]``."""
        prefix = f"{path}:{self.line}" if path else f"line {self.line}"
        return f"{prefix}: {self.severity}: {self.message} [{self.code}]"
