"""Release artifacts: checksums and a manifest for a dist folder, and one reproducible archive of it.

    python -m convert.release sums DIST      write DIST/SHA256SUMS and DIST/manifest.json
    python -m convert.release pack DIST OUT  write OUT (a .tar.gz of DIST, byte-reproducible)
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import platform
import sys
import tarfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from . import __version__
from .pipeline import write_atomic
from .repro import build_epoch

#: File-name endings and the format each one is, longest first.
FORMATS = ((".12.xlf", "xliff-1.2"), (".xlf", "xliff-2.1"), (".docx", "docx"), (".pdf", "pdf"),
           (".epub", "epub"), (".html", "html"), (".json", "json"), (".md", "markdown"),
           (".odt", "odt"), (".rst", "rst"), (".tex", "latex"), (".txt", "plain"))
LIBRARIES = ("python-docx", "reportlab", "ebooklib", "lxml", "pypandoc-binary", "sentencex",
             "charset-normalizer", "fonttools")
SKIP = ("SHA256SUMS", "manifest.json")


def format_of(name: str) -> str:
    """Return the format name of an artifact from its file name."""
    return next((fmt for ending, fmt in FORMATS if name.endswith(ending)), "other")


def _versions() -> dict[str, str]:
    found = {"report-convert": __version__, "python": platform.python_version()}
    for name in LIBRARIES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    try:
        import pypandoc

        found["pandoc"] = pypandoc.get_pandoc_version()
    except (ImportError, OSError):
        found["pandoc"] = "not installed"
    return found


def artifacts(dist: Path) -> list[Path]:
    """Return the artifact files of ``dist``, sorted by name."""
    return sorted(p for p in dist.iterdir() if p.is_file() and p.name not in SKIP and not p.name.startswith("."))


def write_sums(dist: Path) -> tuple[Path, Path]:
    """Write ``SHA256SUMS`` (sha256sum format) and ``manifest.json`` for the artifacts of ``dist``."""
    entries = []
    for path in artifacts(dist):
        data = path.read_bytes()
        entries.append({"file": path.name, "format": format_of(path.name), "size": len(data),
                        "sha256": hashlib.sha256(data).hexdigest()})
    sums = "".join(f"{e['sha256']}  {e['file']}\n" for e in entries)
    manifest = {"name": "report-convert", "version": __version__, "source_date_epoch": build_epoch(),
                "tools": _versions(), "files": entries}
    write_atomic(dist / "SHA256SUMS", sums.encode("utf-8"))
    write_atomic(dist / "manifest.json", (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode())
    return dist / "SHA256SUMS", dist / "manifest.json"


def pack(dist: Path, out: Path) -> Path:
    """Write a .tar.gz of ``dist`` whose bytes depend only on the files (fixed times, owners, order)."""
    prefix = out.name.removesuffix(".tar.gz")
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for path in sorted(p for p in dist.iterdir() if p.is_file()):
            info = tarfile.TarInfo(f"{prefix}/{path.name}")
            data = path.read_bytes()
            info.size, info.mtime, info.mode = len(data), build_epoch(), 0o644
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            archive.addfile(info, io.BytesIO(data))
    compressed = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=compressed, mtime=0, compresslevel=9) as stream:
        stream.write(raw.getvalue())
    write_atomic(out, compressed.getvalue())
    return out


#: What the package is built from, relative to the source tree.
PACKAGE_SOURCES = ("pyproject.toml", "README.md", "LICENSE", "convert", "styles")


def build_wheel(source: Path, out_dir: Path) -> Path:
    """Build the wheel of the source tree ``source`` into ``out_dir`` and return its path.

    It is built from a copy of the tree's package sources: setuptools leaves ``build/`` and
    an ``.egg-info`` folder where it builds, and a build must not change the tree.
    """
    import shutil
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory(prefix="rc-wheel-") as name:
        copy = Path(name)
        for part in PACKAGE_SOURCES:
            if (source / part).is_dir():
                shutil.copytree(source / part, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(source / part, copy / part)
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                        "-w", str(out_dir), str(copy)], check=True, capture_output=True)
    [wheel] = out_dir.glob("report_convert-*.whl")
    return wheel


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "sums":
        for path in write_sums(Path(argv[1])):
            print(f"wrote {path}")
        return 0
    if len(argv) == 3 and argv[0] == "pack":
        print(f"wrote {pack(Path(argv[1]), Path(argv[2]))}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
