"""The document-level part of a tagged PDF: catalog entries, XMP metadata, and PDF/A's output intent.

The catalog says the file is tagged (``/MarkInfo``), points to the structure tree, and the
viewer shows the title. The XMP metadata repeats the document information (title, author,
subject, keywords, tools, dates, as PDF/A wants them to agree) and identifies the file as
PDF/UA-1, and on request as PDF/A-2b, whose sRGB output intent carries the ICC profile
Pillow's colour management (LittleCMS) makes. Text in the metadata is data: XML-escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import (PDFArray, PDFCatalog, PDFDictionary, PDFName, PDFObjectReference,
                                      PDFStream, PDFString, format)
from reportlab.pdfgen.canvas import Canvas

#: The PDF version written: PDF/UA-1 is built on ISO 32000-1 (PDF 1.7).
PDF_VERSION = (1, 7)
#: The output condition PDF/A's output intent names.
SRGB = "sRGB IEC61966-2.1"


@dataclass(frozen=True, slots=True)
class Info:
    """What the XMP metadata says, as the document information dictionary says it."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    creator: str
    producer: str
    lang: str
    date: datetime
    pdfa: bool


def finish_catalog(canv: Canvas, struct_tree_root: PDFObjectReference, info: Info) -> None:
    """Set the catalog entries of a tagged PDF (and of a PDF/A-2b one when ``info.pdfa``)."""
    doc = canv._doc
    doc._pdfVersion = max(doc._pdfVersion, PDF_VERSION)
    catalog = doc.Catalog
    catalog.MarkInfo = PDFDictionary({"Marked": "true"})
    catalog.StructTreeRoot = struct_tree_root
    catalog.Metadata = _Uncompressed(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
                                     xmp(info).encode("utf-8"))
    canv.setViewerPreference("DisplayDocTitle", "true")
    if info.pdfa:
        # Per catalog object: the class's list of keys stays as it is.
        catalog.__NoDefault__ = [*PDFCatalog.__NoDefault__, "OutputIntents"]
        catalog.OutputIntents = PDFArray([output_intent()])


def output_intent() -> PDFDictionary:
    """Return an sRGB output intent for PDF/A, its ICC profile embedded."""
    from PIL import ImageCms  # only for PDF/A runs

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    stream = PDFStream(PDFDictionary({"N": 3}), profile)
    return PDFDictionary({
        "Type": PDFName("OutputIntent"), "S": PDFName("GTS_PDFA1"),
        "OutputConditionIdentifier": PDFString(SRGB), "Info": PDFString(SRGB),
        "DestOutputProfile": stream,
    })


def xmp(info: Info) -> str:
    """Return the XMP packet of ``info``."""
    date = info.date.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    lang = escape(info.lang or "x-default", {'"': "&quot;"})
    fields = ['<dc:format>application/pdf</dc:format>',
              f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(info.title)}</rdf:li></rdf:Alt></dc:title>']
    if info.author:
        fields.append(f"<dc:creator><rdf:Seq><rdf:li>{escape(info.author)}</rdf:li></rdf:Seq></dc:creator>")
    if info.subject:
        fields.append('<dc:description><rdf:Alt><rdf:li xml:lang="x-default">'
                      f"{escape(info.subject)}</rdf:li></rdf:Alt></dc:description>")
    if info.lang:
        fields.append(f"<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>")
    if info.keywords:
        fields.append(f"<pdf:Keywords>{escape(', '.join(info.keywords))}</pdf:Keywords>")
    fields += [f"<pdf:Producer>{escape(info.producer)}</pdf:Producer>",
               f"<xmp:CreatorTool>{escape(info.creator)}</xmp:CreatorTool>",
               f"<xmp:CreateDate>{date}</xmp:CreateDate>", f"<xmp:ModifyDate>{date}</xmp:ModifyDate>",
               f"<xmp:MetadataDate>{date}</xmp:MetadataDate>",
               "<pdfuaid:part>1</pdfuaid:part>"]
    if info.pdfa:
        fields += ["<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>"]
    body = "\n   ".join(fields)
    if info.pdfa:  # PDF/A-2 knows the pdfuaid schema only if the packet describes it
        body += "\n   " + _PDFUA_EXTENSION
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about=""\n'
        '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"\n'
        '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n'
        '    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"\n'
        '    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"\n'
        '    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"\n'
        '    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"\n'
        '    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">\n'
        f"   {body}\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )


#: The PDF/A extension schema that describes pdfuaid:part.
_PDFUA_EXTENSION = (
    "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">"
    "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>"
    "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"
    "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"
    "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">"
    "<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>"
    "<pdfaProperty:category>internal</pdfaProperty:category>"
    "<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>"
    "</rdf:li></rdf:Seq></pdfaSchema:property>"
    "</rdf:li></rdf:Bag></pdfaExtension:schemas>"
)


class _Uncompressed(PDFStream):
    """A stream written as it is, without filters (metadata that any tool can read)."""

    def format(self, document):
        dictionary = PDFDictionary(self.dictionary.dict.copy())
        dictionary["Length"] = len(self.content)
        return format(dictionary, document) + b"\nstream\n" + self.content + b"\nendstream\n"
