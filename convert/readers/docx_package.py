"""The Word package: a DOCX's zip opened within limits, its parts parsed as inert XML, its core properties.

A DOCX is a zip of XML parts. Everything here happens before a word of the document is read:

- the bytes are a zip (an OLE file is an old .doc, or an encrypted Office file), and its
  directory is within ``DocxLimits`` (parts, sizes, compression ratio) before anything is
  inflated: a zip bomb is refused unread;
- the main part is a Word document (the package relationship ``officeDocument``);
- each part is parsed with entities left unresolved, no DTD loaded, no network, and libxml2's
  own depth limit; a part that declares a DTD is refused (Word never writes one; entity
  expansion is how "billion laughs" and external-entity files attack).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass

from lxml import etree

from ..errors import Diagnostic, InputError
from ..langtags import LanguageTagError, language_tag

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_OFFICE_DOCUMENT = "/officeDocument"  # the end of the relationship type, transitional or strict
_CORE_PROPERTIES = "/metadata/core-properties"
_STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_DC = "http://purl.org/dc/elements/1.1/"
_DCTERMS = "http://purl.org/dc/terms/"

#: What every zip file starts with (a local file header), and an OLE compound file (old
#: .doc, or an Office file encrypted with a password, whose package is a stream inside).
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: A document type declaration, in each encoding an XML part may have (checked before parsing).
_DOCTYPE_MARKS = tuple("<!DOCTYPE".encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be"))
#: The stream an encrypted Office file keeps its real (zip) package in, as OLE names it.
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


@dataclass(frozen=True, slots=True)
class DocxLimits:
    """The largest Word package read; every limit is checked on the zip's directory, before
    any part is inflated.

    A 500-page report with pictures is a few tens of megabytes and a few hundred parts; its
    ``document.xml`` inflates to some ten times its packed size.
    """

    #: Larger files are refused unread.
    max_bytes: int = 256 * 1024 * 1024
    #: More parts (zip entries) than this is no report.
    max_parts: int = 10_000
    #: No part may inflate to more than this,
    max_part_bytes: int = 256 * 1024 * 1024
    #: nor all parts together to more than this.
    max_total_bytes: int = 1024 * 1024 * 1024
    #: A part that inflates more than this many times its packed size is a bomb (XML packs
    #: 5-20 times; deflate's own limit is about 1,000) ...
    max_ratio: int = 200
    #: ... once it inflates to at least this many bytes (a tiny part may pack oddly).
    ratio_floor: int = 1024 * 1024

    def __post_init__(self) -> None:
        if min(self.max_bytes, self.max_parts, self.max_part_bytes, self.max_total_bytes, self.max_ratio,
               self.ratio_floor) <= 0:
            raise ValueError(f"DOCX limits must be positive: {self!r}")


def _parser() -> etree.XMLParser:
    # Entities stay unexpanded and no DTD is fetched; libxml2 keeps its limits (no huge_tree):
    # nesting past 256 levels and runaway text nodes are errors.
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False,
                           dtd_validation=False, collect_ids=False, remove_comments=True, remove_pis=True)


@dataclass(frozen=True, slots=True)
class CoreProperties:
    """What ``docProps/core.xml`` says of the document ('' for what it does not say)."""

    title: str = ""
    author: str = ""
    #: ``dc:language`` as a canonical BCP 47 tag ('' when absent or not a tag).
    lang: str = ""
    #: ``dcterms:created``, as written (W3CDTF, e.g. "2023-01-28T10:00:00Z").
    created: str = ""


class Package:
    """An opened Word package: its parts by name, each read and parsed once, within the limits."""

    def __init__(self, data: bytes, name: str, limits: DocxLimits = DocxLimits()) -> None:
        self.name = name
        self.limits = limits
        self.zip = _open_zip(data, name, limits)
        self.entries = {info.filename: info for info in self.zip.infolist()}
        self.main = self._main_part()

    def has(self, part: str) -> bool:
        """Return True if the package holds ``part`` (a name inside the zip, without a leading slash)."""
        return part in self.entries

    def read(self, part: str) -> bytes:
        """Return the bytes of ``part``; raise InputError when the zip entry is damaged."""
        info = self.entries[part]
        try:
            with self.zip.open(info) as stream:
                data = stream.read(self.limits.max_part_bytes + 1)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as error:
            raise InputError(f"the Word document is damaged: its part {part!r} cannot be unpacked ({error})",
                             self.name) from None
        if len(data) > self.limits.max_part_bytes:  # the directory lied about the size
            raise InputError(f"the part {part!r} inflates to more than {self.limits.max_part_bytes:,} bytes",
                             self.name)
        return data

    def xml(self, part: str) -> etree._Element | None:
        """Return the root element of the XML ``part``, or None when the package has no such part."""
        if part not in self.entries:
            return None
        return parse_xml(self.read(part), part, self.name)

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """Return the relationships of ``part``: id -> (type, target part name); '' is the package."""
        folder, base = posixpath.split(part)
        rels = self.xml(posixpath.join(folder, "_rels", f"{base}.rels"))
        found: dict[str, tuple[str, str]] = {}
        if rels is None:
            return found
        for rel in rels.iter(f"{{{_REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            resolved = posixpath.normpath(target.lstrip("/") if target.startswith("/")
                                          else posixpath.join(folder, target))
            found[rel.get("Id", "")] = (rel.get("Type", ""), resolved)
        return found

    def external_links(self, part: str) -> dict[str, str]:
        """Return the external hyperlink targets of ``part``: relationship id -> URL as written."""
        folder, base = posixpath.split(part)
        rels = self.xml(posixpath.join(folder, "_rels", f"{base}.rels"))
        if rels is None:
            return {}
        return {rel.get("Id", ""): rel.get("Target", "").strip() for rel in rels.iter(f"{{{_REL_NS}}}Relationship")
                if rel.get("TargetMode") == "External" and rel.get("Type", "").endswith("/hyperlink")}

    def related(self, part: str, kind: str) -> str:
        """Return the first part ``part`` relates to by a relationship type ending in ``/kind``, or ''."""
        return next((target for rel_type, target in self.relationships(part).values()
                     if rel_type.endswith(f"/{kind}")), "")

    def _main_part(self) -> str:
        main = next((target for rel_type, target in self.relationships("").values()
                     if rel_type.endswith(_OFFICE_DOCUMENT)), "")
        if not main and self.has("word/document.xml"):
            main = "word/document.xml"
        if not main or not self.has(main):
            kind = _other_office_kind(self.entries)
            raise InputError(f"not a Word document: {kind}" if kind else
                             "not a Word document (the zip holds no word/document.xml)", self.name)
        content_type = self._content_type(main)
        if content_type and "wordprocessingml" not in content_type and "ms-word" not in content_type:
            raise InputError(f"not a Word document: its main part is {content_type!r}", self.name)
        return main

    def _content_type(self, part: str) -> str:
        types = self.xml("[Content_Types].xml")
        if types is None:
            return ""
        for override in types.iter(f"{{{_CT_NS}}}Override"):
            if override.get("PartName", "").lstrip("/") == part:
                return override.get("ContentType", "")
        return ""

    def core_properties(self, diagnostics: list[Diagnostic]) -> CoreProperties:
        """Return the core properties (title, author, language, creation date); a language that is
        no valid tag is reported in ``diagnostics`` and not used."""
        part = next((target for rel_type, target in self.relationships("").values()
                     if rel_type.endswith(_CORE_PROPERTIES)), "docProps/core.xml")
        root = self.xml(part) if self.has(part) else None
        if root is None:
            return CoreProperties()

        def text(namespace: str, tag: str) -> str:
            element = root.find(f"{{{namespace}}}{tag}")
            return " ".join((element.text or "").split()) if element is not None else ""

        lang = text(_DC, "language")
        if lang:
            try:
                lang = language_tag(lang)
            except LanguageTagError as error:
                diagnostics.append(Diagnostic(0, "docx-lang-invalid", f"the document's language (dc:language): "
                                              f"{error}; not used"))
                lang = ""
        return CoreProperties(text(_DC, "title"), text(_DC, "creator"), lang, text(_DCTERMS, "created"))


def parse_xml(data: bytes, part: str, name: str) -> etree._Element:
    """Return the root of the XML ``data`` of ``part``; raise InputError, naming the part, when
    it is not well-formed, nests too deep or declares a DTD."""
    if any(mark in data for mark in _DOCTYPE_MARKS):
        raise InputError(f"the part {part!r} declares a DTD (<!DOCTYPE>), which no Word document has; "
                         "refused unread (its entities could expand without bound or reach outside files)", name)
    try:
        tree = etree.parse(io.BytesIO(data), _parser())
    except etree.XMLSyntaxError as error:
        message = str(error)
        if "depth" in message.lower():
            raise InputError(f"the part {part!r} nests its elements too deep to be a Word document "
                             f"({message})", name) from None
        raise InputError(f"the Word document is damaged: its part {part!r} is not well-formed XML ({message})",
                         name) from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise InputError(f"the part {part!r} declares a DTD (<!DOCTYPE>), which no Word document has; "
                         "refused unread (its entities could expand without bound or reach outside files)", name)
    root = tree.getroot()
    if root.tag.startswith(f"{{{_STRICT_W_NS}}}"):
        raise InputError("the document is saved as Strict Open XML, which this reader does not read; "
                         "save it as a Word Document (.docx) and convert that", name)
    return root


def _open_zip(data: bytes, name: str, limits: DocxLimits) -> zipfile.ZipFile:
    """Return the zip in ``data`` once its directory is within ``limits``; raise InputError otherwise."""
    if len(data) > limits.max_bytes:
        raise InputError(f"the Word document is {len(data):,} bytes; the limit is {limits.max_bytes:,}", name)
    if data.startswith(OLE_MAGIC):
        if _ENCRYPTED_STREAM in data:
            raise InputError("the Word document is encrypted with a password; save an unprotected copy "
                             "(File > Info > Protect Document > Encrypt with Password, cleared) and convert that",
                             name)
        raise InputError("not a .docx file: an OLE compound file (a Word 97-2003 .doc?); save it as a Word "
                         "Document (.docx), e.g. `soffice --headless --convert-to docx FILE`, and convert that", name)
    if not data.startswith(ZIP_MAGIC):
        raise InputError("not a Word document (.docx files are zip archives; this is not one)", name)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as error:
        raise InputError(f"the Word document is damaged: its zip directory cannot be read ({error})", name) from None
    if len(infos) > limits.max_parts:
        raise InputError(f"the zip holds {len(infos):,} parts; the limit is {limits.max_parts:,}", name)
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError(f"the part {info.filename!r} is encrypted (a zip password); not a Word document", name)
        if info.file_size > limits.max_part_bytes:
            raise InputError(f"the part {info.filename!r} inflates to {info.file_size:,} bytes; "
                             f"the limit is {limits.max_part_bytes:,} (a zip bomb?)", name)
        if info.file_size >= limits.ratio_floor and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise InputError(f"the part {info.filename!r} inflates {info.file_size // max(info.compress_size, 1):,} "
                             f"times its packed size; the limit is {limits.max_ratio} (a zip bomb?)", name)
        total += info.file_size
    if total > limits.max_total_bytes:
        raise InputError(f"the zip's parts inflate to {total:,} bytes together; the limit is "
                         f"{limits.max_total_bytes:,} (a zip bomb?)", name)
    return archive


def _other_office_kind(entries: dict[str, zipfile.ZipInfo]) -> str:
    """Return what other Office file the zip's part names show ('' when none)."""
    for prefix, kind in (("xl/", "an Excel workbook"), ("ppt/", "a PowerPoint presentation"),
                         ("content.xml", "an OpenDocument file; save it as .docx")):
        if any(entry.startswith(prefix) for entry in entries):
            return kind
    return ""
