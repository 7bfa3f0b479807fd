"""The style theme: one TOML file that every writer reads (page, fonts, sizes, colours, spacing)."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from .errors import ConversionError

STYLES_DIR = Path(__file__).resolve().parent.parent / "styles"
PACKAGE_STYLES_DIR = Path(__file__).resolve().parent / "styles"

#: Page sizes by name, in points (width, height).
PAGE_SIZES = {
    "A4": (595.2756, 841.8898),
    "A5": (419.5276, 595.2756),
    "B5": (498.8976, 708.6614),
    "LETTER": (612.0, 792.0),
    "LEGAL": (612.0, 1008.0),
}
_UNITS = {"pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0}
_LENGTH = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(pt|mm|cm|in)?\s*$")
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")


class ThemeError(ConversionError):
    """A theme file is missing, unreadable or has a bad key."""


@dataclass(frozen=True, slots=True)
class Page:
    size: str
    width: float  # points
    height: float
    margin_top: float
    margin_bottom: float
    margin_left: float
    margin_right: float


@dataclass(frozen=True, slots=True)
class Fonts:
    body: tuple[str, ...]
    heading: tuple[str, ...]
    cjk: tuple[str, ...]
    cjk_heading: tuple[str, ...]
    symbols: tuple[str, ...]  # per-character fallback (symbols, emoji); none installed is fine


@dataclass(frozen=True, slots=True)
class Sizes:
    body: float
    title: float
    subtitle: float
    heading1: float
    heading2: float
    affiliation: float
    small: float


@dataclass(frozen=True, slots=True)
class Colors:
    text: str
    heading: str
    accent: str
    muted: str
    rule: str


@dataclass(frozen=True, slots=True)
class Spacing:
    line_height: float
    paragraph_after: float
    heading1_before: float
    heading1_after: float
    heading2_before: float
    heading2_after: float
    first_line_indent: float
    list_indent: float


@dataclass(frozen=True, slots=True)
class HeaderFooter:
    header: str
    footer: str


#: Where notes may go: at the foot of the page their mark is on, or after the text.
NOTE_PLACEMENTS = ("footnotes", "endnotes")


@dataclass(frozen=True, slots=True)
class Notes:
    placement: str = "footnotes"  # one of NOTE_PLACEMENTS (writers without pages may ignore it)


@dataclass(frozen=True, slots=True)
class Pdf:
    pdfa: bool = False  # PDF/A-2b as well as PDF/UA-1: XMP identification, an sRGB output intent


@dataclass(frozen=True, slots=True)
class Theme:
    """Everything a writer may ask about appearance. Lengths are in points."""

    name: str
    page: Page
    fonts: Fonts
    sizes: Sizes
    colors: Colors
    spacing: Spacing
    header_footer: HeaderFooter
    text: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # (key, ((lang, words), ...))
    source: str = ""
    notes: Notes = Notes()
    pdf: Pdf = Pdf()

    def words(self, key: str, lang: str) -> str:
        """Return the theme's wording for ``key`` in ``lang`` (its primary subtag), else in English."""
        table = dict(dict(self.text).get(key, ()))
        primary = lang.split("-")[0].lower()
        return table.get(lang) or table.get(primary) or table.get("en", "")

    def header(self, lang: str) -> str:
        """Return the running-header template for ``lang`` ({title}, {page}, {pages} filled in later)."""
        return self.words("header", lang) or self.header_footer.header

    def footer(self, lang: str) -> str:
        """Return the footer template for ``lang``: ``[text] footer.<lang>`` if set, else the default."""
        return self.words("footer", lang) or self.header_footer.footer


def _merge(base: dict[str, Any], override: dict[str, Any], where: str, origin: str) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        path = f"{where}.{key}" if where else key
        if key not in base and where != "text" and not where.startswith("text."):
            raise ThemeError(f"theme {origin}: unknown key '{path}'")
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = _merge(base[key], value, path, origin)
        else:
            merged[key] = value
    return merged


def _length(value: Any, key: str, origin: str) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    match = _LENGTH.match(value) if isinstance(value, str) else None
    if not match:
        raise ThemeError(f"theme {origin}: '{key}' must be a length such as \"25mm\" or 12 (got {value!r})")
    return float(match.group(1)) * _UNITS[match.group(2) or "pt"]


def _page_size(value: Any, origin: str) -> tuple[float, float]:
    if isinstance(value, str):
        if value.upper() in PAGE_SIZES:
            return PAGE_SIZES[value.upper()]
        parts = re.split(r"\s*[x×]\s*", value.strip())
        if len(parts) == 2:
            return (_length(parts[0], "page.size", origin), _length(parts[1], "page.size", origin))
    names = ", ".join(sorted(PAGE_SIZES))
    raise ThemeError(f"theme {origin}: 'page.size' must be one of {names} or \"W x H\" (got {value!r})")


def _build(data: dict[str, Any], origin: str) -> Theme:
    def number(section: str, key: str) -> float:
        value = data[section][key]
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
            raise ThemeError(f"theme {origin}: '{section}.{key}' must be a non-negative number (got {value!r})")
        return float(value)

    def families(key: str) -> tuple[str, ...]:
        value = data["fonts"][key]
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
            raise ThemeError(f"theme {origin}: 'fonts.{key}' must be a non-empty list of family names")
        return tuple(value)

    def color(key: str) -> str:
        value = data["colors"][key]
        if not isinstance(value, str) or not _COLOR.match(value):
            raise ThemeError(f"theme {origin}: 'colors.{key}' must be a colour like \"#1F3864\" (got {value!r})")
        return value.upper()

    def string(section: str, key: str) -> str:
        value = data[section][key]
        if not isinstance(value, str):
            raise ThemeError(f"theme {origin}: '{section}.{key}' must be a string (got {value!r})")
        return value

    def flag(section: str, key: str) -> bool:
        value = data[section][key]
        if not isinstance(value, bool):
            raise ThemeError(f"theme {origin}: '{section}.{key}' must be true or false (got {value!r})")
        return value

    def choice(section: str, key: str, allowed: tuple[str, ...]) -> str:
        value = data[section][key]
        if value not in allowed:
            raise ThemeError(f"theme {origin}: '{section}.{key}' must be one of "
                             f"{', '.join(map(repr, allowed))} (got {value!r})")
        return value

    page = data["page"]
    width, height = _page_size(page["size"], origin)
    text = []
    for key, table in sorted(data["text"].items()):
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise ThemeError(f"theme {origin}: 'text.{key}' must be a table of language = \"words\"")
        text.append((key, tuple(sorted(table.items()))))
    if not isinstance(data["name"], str):
        raise ThemeError(f"theme {origin}: 'name' must be a string")
    return Theme(
        name=data["name"],
        page=Page(str(page["size"]), width, height,
                  *(_length(page[k], f"page.{k}", origin)
                    for k in ("margin_top", "margin_bottom", "margin_left", "margin_right"))),
        fonts=Fonts(*(families(f.name) for f in fields(Fonts))),
        sizes=Sizes(*(number("sizes", f.name) for f in fields(Sizes))),
        colors=Colors(*(color(f.name) for f in fields(Colors))),
        spacing=Spacing(*(number("spacing", f.name) for f in fields(Spacing))),
        header_footer=HeaderFooter(string("header_footer", "header"), string("header_footer", "footer")),
        text=tuple(text),
        source=origin,
        notes=Notes(choice("notes", "placement", NOTE_PLACEMENTS)),
        pdf=Pdf(flag("pdf", "pdfa")),
    )


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # here: a process that only receives a Theme (pickled) never parses one

    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ThemeError(f"theme {path}: no such file") from None
    except OSError as exc:
        raise ThemeError(f"theme {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ThemeError(f"theme {path}: not valid TOML ({exc})") from None


def _themes_folder() -> Path:
    """Return the folder of the shipped themes: the source tree's styles/, else the installed copy."""
    for folder in (STYLES_DIR, PACKAGE_STYLES_DIR):
        if (folder / "default.toml").is_file():
            return folder
    raise ThemeError("the default theme styles/default.toml is missing from this installation")


def default_theme_path() -> Path:
    """Return the path of the default theme (the source tree's, else the installed copy)."""
    return _themes_folder() / "default.toml"


def shipped_themes() -> list[str]:
    """Return the names of the themes that come with report-convert (``default``, ``compact``, ...)."""
    return sorted(path.stem for path in _themes_folder().glob("*.toml"))


def theme_path(name_or_path: str | Path) -> Path:
    """Return the theme file ``name_or_path`` names: a path to a TOML file, or the bare name of
    a shipped theme (``compact``), which works the same from a source tree and an installed package."""
    path = Path(name_or_path)
    if path.exists() or path.suffix or len(path.parts) > 1:
        return path
    shipped = _themes_folder() / f"{path.name}.toml"
    if not shipped.is_file():
        raise ThemeError(f"theme {name_or_path}: no such file, and no shipped theme of that name "
                         f"(shipped: {', '.join(shipped_themes())})")
    return shipped


def load_theme(path: str | Path | None = None) -> Theme:
    """Return the theme at ``path`` (a file, or a shipped theme's name) laid over the default
    theme (the default alone when None)."""
    default_path = default_theme_path()
    data = _read_toml(default_path)
    origin = str(default_path.name)
    if path is not None:
        origin = str(path)
        data = _merge(data, _read_toml(theme_path(path)), "", origin)
    return _build(data, origin)
