"""Font lookup: find installed TrueType families by name and register them with ReportLab.

Only TrueType-outline fonts are used, always embedded and subset: ReportLab cannot
embed CFF-based OpenType, and the non-embedded standard-14 and CID fonts would make
the PDF depend on the reader's machine.
"""

from __future__ import annotations

import functools
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from .errors import ConversionError

#: Where fonts are looked for, in order (a user's own fonts after the system's).
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts")
FONT_SUFFIXES = (".ttf", ".otf", ".ttc")
FACES = ("regular", "bold", "italic", "bolditalic")

#: Debian/Ubuntu packages that provide a family, for the "install ..." message.
PACKAGES = {
    "dejavu": "fonts-dejavu-core",
    "liberation": "fonts-liberation2",
    "noto serif cjk": "fonts-noto-cjk",
    "noto sans cjk": "fonts-noto-cjk",
    "noto": "fonts-noto-core",
    "ipaex": "fonts-ipaexfont",
    "ipa": "fonts-ipafont",
    "symbola": "fonts-symbola",
}

# Subfamily words that only say "plain" or name a face we know; anything else
# (Light, Condensed, Black, ...) is a different design and must not stand in for one.
_PLAIN_WORDS = {"regular", "book", "normal", "roman", "plain", "medium"}
_BOLD_WORDS = {"bold"}
_ITALIC_WORDS = {"italic", "oblique"}


@dataclass(frozen=True, slots=True)
class FontFile:
    """One face of a family: a file and, for collections, the font's index in it."""

    path: str
    index: int = 0


@dataclass(frozen=True, slots=True)
class Family:
    """A family found on this machine: its name and a file for each face it has."""

    name: str
    faces: tuple[tuple[str, FontFile], ...]  # (face, file), "regular" always present

    def face(self, face: str) -> FontFile | None:
        """Return the file of ``face``, or None when the family has no such face."""
        return dict(self.faces).get(face)


@dataclass(frozen=True, slots=True)
class Registered:
    """ReportLab font names of a registered family, one per face (missing faces use regular)."""

    family: str
    regular: str
    bold: str
    italic: str
    bolditalic: str


_lock = threading.Lock()
_index: dict[str, dict[str, tuple[int, FontFile]]] | None = None
_display: dict[str, str] = {}
_registered: dict[str, Registered] = {}


def _face_of(subfamily: str) -> str | None:
    """Return our face name for a subfamily string, None for designs we do not use."""
    words = set(subfamily.lower().replace("-", " ").split())
    if not words or words - _PLAIN_WORDS - _BOLD_WORDS - _ITALIC_WORDS:
        return None
    bold, italic = bool(words & _BOLD_WORDS), bool(words & _ITALIC_WORDS)
    return "bolditalic" if bold and italic else "bold" if bold else "italic" if italic else "regular"


def _names(font, name_id: int) -> set[str]:
    return {str(rec.toUnicode()).strip() for rec in font["name"].names if rec.nameID == name_id} - {""}


def _english_name(font, name_id: int) -> str:
    """Return the English (Windows, else Mac) record of ``name_id``; localized ones are aliases."""
    record = font["name"].getName(name_id, 3, 1, 0x409) or font["name"].getName(name_id, 1, 0, 0)
    return str(record.toUnicode()).strip() if record else ""


def _add(index: dict, family: str, face: str, rank: int, file: FontFile, display: str = "") -> None:
    key = family.lower()
    _display.setdefault(key, display or family)
    current = index.setdefault(key, {}).get(face)
    if current is None or (rank, file.path, file.index) < (current[0], current[1].path, current[1].index):
        index[key][face] = (rank, file)


def _index_font(index: dict, font, file: FontFile) -> None:
    """Add one font to ``index``: legacy names (IDs 1/2) rank before typographic ones (16/17)."""
    if "glyf" not in font:  # CFF outlines: ReportLab cannot embed them
        return
    for rank, (family_id, style_id) in enumerate(((1, 2), (16, 17))):
        styles = {_face_of(s) for s in _names(font, style_id)} - {None}
        english = _english_name(font, family_id)
        for family in sorted(_names(font, family_id)):
            for face in styles:
                _add(index, family, face, rank, file, english)


def _font_files() -> list[str]:
    files: list[str] = []
    for folder in FONT_DIRS:
        for root, _dirs, names in os.walk(os.path.expanduser(folder), followlinks=True):
            files.extend(os.path.join(root, n) for n in names if n.lower().endswith(FONT_SUFFIXES))
    # Real paths, deduplicated: distributions symlink the same file under several names.
    return sorted({os.path.realpath(f) for f in files if os.path.isfile(f)})


def _vera_files() -> list[tuple[str, str]]:
    """Return (face, path) of ReportLab's bundled Bitstream Vera, which is always there."""
    import reportlab

    folder = Path(reportlab.__file__).resolve().parent / "fonts"
    faces = zip(FACES, ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf"))
    return [(face, str(folder / name)) for face, name in faces if (folder / name).is_file()]


def _scan(files: list[str]) -> dict[str, dict[str, tuple[int, FontFile]]]:
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    index: dict[str, dict[str, tuple[int, FontFile]]] = {}
    for path in files:
        try:
            if path.lower().endswith(".ttc"):
                for number, font in enumerate(TTCollection(path, lazy=True).fonts):
                    _index_font(index, font, FontFile(path, number))
            else:
                _index_font(index, TTFont(path, lazy=True), FontFile(path))
        except (TTLibError, OSError, KeyError, ValueError, AssertionError, UnicodeDecodeError):
            continue  # a broken or unreadable font file is simply not a candidate
    for face, path in _vera_files():
        _add(index, "Vera", face, 0, FontFile(path))
    return {family: faces for family, faces in index.items() if "regular" in faces}


def _fingerprint(files: list[str]) -> list[list]:
    """Return what the index depends on: each font file's path, size and modification time."""
    from . import cache

    return [cache.file_key(path) for path in files]


def _build_index() -> dict[str, dict[str, tuple[int, FontFile]]]:
    """Return the installed families: from the cache when no font file changed, else scanned."""
    from . import cache

    files = _font_files()
    key = _fingerprint(files + [path for _face, path in _vera_files()])
    cached = cache.load("fonts", key)
    if isinstance(cached, dict):
        try:
            _display.update(cached["display"])
            return {family: {face: (rank, FontFile(path, number))
                             for face, (rank, path, number) in faces.items()}
                    for family, faces in cached["families"].items()}
        except (KeyError, TypeError, ValueError):
            _display.clear()
    index = _scan(files)
    cache.store("fonts", key, {
        "display": {family: _display[family] for family in index if family in _display},
        "families": {family: {face: [rank, file.path, file.index] for face, (rank, file) in faces.items()}
                     for family, faces in index.items()},
    })
    return index


def font_index() -> dict[str, dict[str, tuple[int, FontFile]]]:
    """Return the installed families (lower-cased name -> face -> file); found once per process."""
    global _index
    with _lock:
        if _index is None:
            _index = _build_index()
        return _index


def install_hint(names: tuple[str, ...]) -> str:
    """Return the packages that would provide one of the families ``names``."""
    packages: list[str] = []
    for name in names:
        lower = name.lower()
        for prefix, package in PACKAGES.items():
            if lower.startswith(prefix):
                if package not in packages:
                    packages.append(package)
                break
    return " or ".join(packages) if packages else "a TrueType font providing one of them"


def find_family(names: tuple[str, ...]) -> Family:
    """Return the first installed family of ``names``; fail saying which packages to install."""
    index = font_index()
    for name in names:
        faces = index.get(name.lower())
        if faces:
            return Family(_display.get(name.lower(), name),
                          tuple((face, faces[face][1]) for face in FACES if face in faces))
    raise ConversionError(f"none of the fonts {', '.join(names)} is installed; "
                          f"install {install_hint(names)}")


def register(names: tuple[str, ...]) -> Registered:
    """Return ReportLab names for the first installed family of ``names``, registering it once.

    Faces the family lacks (IPAex has no bold or italic) are served by its regular face,
    so ``<b>`` and ``<i>`` never fall back to a font that is not embedded.
    """
    from reportlab.pdfbase import pdfmetrics

    family = find_family(names)
    with _lock:
        done = _registered.get(family.name)
        if done is not None:
            return done
        base = "rc-" + "".join(c for c in family.name if c.isascii() and c.isalnum())
        chosen: dict[str, str] = {}
        for face in FACES:
            file = family.face(face)
            if file is None:
                continue
            rl_name = base if face == "regular" else f"{base}-{face}"
            font = _deferred_font_class()(rl_name, file)
            # Registering reads only the face's name: a stand-in answers it, the file stays unread.
            font.face = SimpleNamespace(name=f"{file.path}#{file.index}".encode("utf-8"))
            pdfmetrics.registerFont(font)
            del font.face
            chosen[face] = rl_name
        regular = chosen["regular"]
        result = Registered(
            family=family.name,
            regular=regular,
            bold=chosen.get("bold", regular),
            italic=chosen.get("italic", regular),
            bolditalic=chosen.get("bolditalic", chosen.get("bold", chosen.get("italic", regular))),
        )
        pdfmetrics.registerFontFamily(regular, normal=regular, bold=result.bold,
                                      italic=result.italic, boldItalic=result.bolditalic)
        _registered[family.name] = result
        return result


def register_installed(names: tuple[str, ...]) -> Registered | None:
    """Return ``register(names)``, or None when none of the families is installed."""
    try:
        return register(names)
    except ConversionError:
        return None


def to_unicode_cmap(font_name: str, subset: list[int]) -> str:
    """Return the ToUnicode CMap of a font subset (code ``i`` draws ``chr(subset[i])``), as
    ReportLab writes it, but with characters beyond the Basic Multilingual Plane in UTF-16.

    ReportLab writes every character as its code point in hex: five digits for an emoji,
    which PDF readers take for a BMP character and a stray digit, so text copied or
    extracted from the PDF read "ὠ" where the page showed "😀". (It stands in for
    ``reportlab.pdfbase.ttfonts.makeToUnicodeCMap``; BMP characters come out the same.)
    """
    def utf16(value: int) -> str:
        return f"{value:04X}" if value <= 0xFFFF else chr(value).encode("utf-16-be").hex().upper()

    return "\n".join([
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({font_name})",
        f"/Ordering ({font_name})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{font_name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{code:02X}> <{utf16(value)}>" for code, value in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ])


@functools.cache
def _deferred_font_class():
    """Return the class of TrueType fonts read on first use (ReportLab is imported only here).

    The first call also puts ``to_unicode_cmap`` in the place of ReportLab's own.
    """
    from fnmatch import fnmatch
    from weakref import WeakKeyDictionary

    from reportlab import rl_config
    from reportlab.pdfbase import ttfonts
    from reportlab.pdfbase.ttfonts import TTEncoding, TTFont

    ttfonts.makeToUnicodeCMap = to_unicode_cmap

    class DeferredTTFont(TTFont):
        """A ReportLab TrueType font that reads its file when a document first measures or draws
        with it. A family's four faces are registered together, most documents use two or three
        of them, and reading a face costs several milliseconds (DejaVu Sans: 13 ms).

        ``__init__`` sets up what ``TTFont.__init__`` does, except reading the file.
        """

        def __init__(self, name: str, file: FontFile) -> None:
            self._file = file
            self.fontName = name
            self.encoding = TTEncoding()
            self.state = WeakKeyDictionary()
            self._asciiReadable = rl_config.ttfAsciiReadable
            self.shapable = not any(fnmatch(name, pattern) for pattern in rl_config.unShapedFontGlob or ())

        def __getattr__(self, attribute: str):
            # Called only for attributes not set yet: "face", until the file is read.
            file = self.__dict__.get("_file")
            if attribute != "face" or file is None:
                raise AttributeError(attribute)
            face = read_face(file)
            self.face = face
            return face

    return DeferredTTFont


def read_face(file: FontFile):
    """Return ReportLab's parsed face of ``file``: from the cache when the same ReportLab
    parsed the same file before (a third of the time of parsing it), else parsed and cached.
    """
    import hashlib

    from reportlab import Version
    from reportlab.pdfbase.ttfonts import TTFontFace

    from . import cache

    name = "face-" + hashlib.sha256(f"{file.path}#{file.index}".encode("utf-8")).hexdigest()[:16]
    key = [Version, *cache.file_key(file.path), file.index]
    state = cache.load_object(name, key)
    if isinstance(state, dict):
        face = TTFontFace.__new__(TTFontFace)
        face.__dict__.update(state)
        face._pdfScale = _pdf_scale(face.unitsPerEm)
        return face
    face = TTFontFace(file.path, subfontIndex=file.index)
    # Everything the parse set up but the scaling function, which is a closure: rebuilt above.
    cache.store_object(name, key, {k: v for k, v in vars(face).items() if k != "_pdfScale"})
    return face


def _pdf_scale(units_per_em: int):
    """Return font units -> PDF glyph space (1000 per em), as ReportLab's parser sets it up."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def covers(rl_name: str, char: str) -> bool:
    """Return whether the registered font ``rl_name`` has a glyph for ``char``."""
    from reportlab.pdfbase import pdfmetrics

    return ord(char) in pdfmetrics.getFont(rl_name).face.charToGlyph
