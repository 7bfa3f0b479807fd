"""Finding the real validators (EPUBCheck, LibreOffice, poppler, qpdf, pandoc) for the tests.

Where a tool is missing, a local run skips with a message naming the package to install;
under CI (CI=true) a missing tool is a failure, because .ci/run installs them all.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

PACKAGES = {
    "soffice": "libreoffice-writer (apt)",
    "pdffonts": "poppler-utils (apt)",
    "pdftotext": "poppler-utils (apt)",
    "pdfinfo": "poppler-utils (apt)",
    "pdftoppm": "poppler-utils (apt)",
    "qpdf": "qpdf (apt)",
    "java": "default-jre-headless (apt)",
}


def missing(message: str) -> None:
    """Skip the test (locally) or fail it (in CI, which installs everything) for what is missing."""
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def require(tool: str) -> str:
    """Return the path of command ``tool``; skip (locally) or fail (in CI) if it is not installed."""
    path = shutil.which(tool)
    if path:
        return path
    missing(f"{tool} is not installed; install {PACKAGES.get(tool, tool)}")


def pandoc_path() -> str:
    """Return the pandoc binary that pypandoc-binary ships."""
    import pypandoc

    return pypandoc.get_pandoc_path()


def run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    """Run a validator and return its result (text mode, output captured, 5 minutes at most)."""
    return subprocess.run(args, capture_output=True, text=True, timeout=300, **kwargs)
