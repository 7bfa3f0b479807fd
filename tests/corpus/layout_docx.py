"""Lay a report spec out as a Word document (python-docx), the way a rapporteur would.

The layout varies per report (``DocxLayout.choose``): heading and speaker styles, where
the affiliation goes, paragraph spacing, a typed contents page, the running header and
footer (PAGE / NUMPAGES fields), one or two columns, automatic hyphenation.
"""

from __future__ import annotations

import copy
import datetime as dt
import zipfile
import random
from dataclasses import asdict, dataclass
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

#: The date written into every document's properties and zip entries (reruns give the same bytes).
FIXED_TIME = dt.datetime(2020, 1, 1)
#: Body words per printed page, to type plausible page numbers into a contents page.
WORDS_PER_PAGE = 430


@dataclass(frozen=True)
class DocxLayout:
    """How one report is laid out in Word."""

    font: str
    size: float
    heading: str          # "Heading 1" style, or "bold" (a Normal paragraph in bold 14 pt)
    speaker: str          # "Heading 2" style, or "bold" (a bold Normal line)
    affiliation: str      # "below" (italic line), "break" (same paragraph, line break), "comma", "parens"
    paragraphs: str       # "indent" (first-line indent, no space) or "spaced" (space after)
    justify: bool
    contents: str         # "", "dots" (typed dot leaders) or "leader" (tab with dot leader)
    header: str           # "title" or "date"
    footer: str           # "Page N", "N" or "Page N of M"
    footer_side: str      # "center" or "right"
    columns: int
    hyphenate: bool

    @classmethod
    def choose(cls, rng: random.Random, columns: int = 1) -> "DocxLayout":
        """Return a random layout (``columns`` fixed by the caller, so the corpus has one of each)."""
        return cls(font=rng.choice(("Liberation Serif", "Liberation Sans", "DejaVu Serif", "DejaVu Sans")),
                   size=rng.choice((10.5, 11, 11, 12)), heading=rng.choice(("Heading 1", "bold")),
                   speaker=rng.choice(("Heading 2", "bold", "bold")),
                   affiliation=rng.choice(("below", "below", "break", "comma", "parens")),
                   paragraphs=rng.choice(("indent", "spaced")), justify=rng.random() < 0.5,
                   contents=rng.choice(("", "dots", "leader")), header=rng.choice(("title", "date")),
                   footer=rng.choice(("Page N", "N", "Page N of M")),
                   footer_side=rng.choice(("center", "right")), columns=columns,
                   hyphenate=rng.random() < 0.5)

    def describe(self) -> dict:
        """Return the layout as plain data (written next to the document)."""
        return asdict(self)


def add_field(paragraph, instruction: str) -> None:
    """Append a Word field (PAGE, NUMPAGES) to ``paragraph``, as Word itself stores it."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("text", "1"), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        elif kind == "text":
            run.text = text
            continue
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def restarted_numbering(document, style_name: str) -> str:
    """Return a new numbering id that restarts the list style's numbering at 1."""
    style = document.styles[style_name].element
    num_id = style.find(qn("w:pPr")).find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val"))
    numbering = document.part.numbering_part.element
    old = next(num for num in numbering.findall(qn("w:num")) if num.get(qn("w:numId")) == num_id)
    new_id = str(max(int(num.get(qn("w:numId"))) for num in numbering.findall(qn("w:num"))) + 1)
    new = copy.deepcopy(old)
    new.set(qn("w:numId"), new_id)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "1")
    override.append(start)
    new.append(override)
    numbering.append(new)
    return new_id


def set_numbering(paragraph, num_id: str) -> None:
    """Attach ``paragraph`` to the numbering instance ``num_id``."""
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", "0"), ("w:numId", num_id)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        numpr.append(element)
    ppr.append(numpr)


def set_columns(section, count: int) -> None:
    """Give ``section`` ``count`` text columns."""
    cols = section._sectPr.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        section._sectPr.append(cols)
    cols.set(qn("w:num"), str(count))
    cols.set(qn("w:space"), "567")


def enable_hyphenation(document) -> None:
    """Turn on Word's automatic hyphenation for the whole document."""
    settings = document.settings.element
    element = OxmlElement("w:autoHyphenation")
    settings.insert(0, element)


class DocxWriter:
    """Builds one Word document from a spec, in one layout."""

    def __init__(self, spec: dict, layout: DocxLayout):
        self.spec, self.layout = spec, layout
        self.doc = Document()
        normal = self.doc.styles["Normal"]
        normal.font.name, normal.font.size = layout.font, Pt(layout.size)
        normal.element.rPr.rFonts.set(qn("w:hAnsi"), layout.font)
        normal.paragraph_format.space_after = Pt(0)
        for name in ("Heading 1", "Heading 2"):
            self.doc.styles[name].font.name = layout.font

    def build(self) -> bytes:
        """Return the .docx bytes."""
        self.title_page()
        if self.layout.contents:
            self.contents_page()
        body = self.doc.add_section(WD_SECTION.NEW_PAGE)
        body.different_first_page_header_footer = False
        self.furniture(body)
        if self.layout.columns > 1:
            set_columns(body, self.layout.columns)
        for section in self.spec["blocks"]:
            self.section(section)
        if self.layout.hyphenate:
            enable_hyphenation(self.doc)
        properties = self.doc.core_properties
        properties.created = properties.modified = properties.last_printed = FIXED_TIME
        properties.author = properties.last_modified_by = "report-convert corpus"
        out = BytesIO()
        self.doc.save(out)
        return out.getvalue()

    def centred(self, text: str, *, bold=False, italic=False, size=None, after=6):
        """Return a centred title-page paragraph."""
        para = self.doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.paragraph_format.space_after = Pt(after)
        run = para.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        return para

    def title_page(self) -> None:
        """Write the title block on its own page, with no running header or footer."""
        meta = self.spec["meta"]
        first = self.doc.sections[0]
        first.different_first_page_header_footer = True
        first.top_margin = first.bottom_margin = Cm(2.5)
        for organizer in meta["organizers"]:
            self.centred(organizer, size=self.layout.size + 2, after=2)
        self.centred("present", italic=True, after=12).paragraph_format.space_before = Pt(18)
        for presenter in meta["presenters"]:
            self.centred(presenter["name"], bold=True, after=2)
            self.centred(presenter["affiliation"], italic=True, after=10)
        self.centred("On", italic=True, after=12)
        self.centred(meta["title"], bold=True, size=20, after=18)
        self.centred(meta["date_text"], after=4)
        self.centred(meta["time_text"], after=18)
        self.centred(f"Report compiled by {meta['compiled_by']}")

    def contents_page(self) -> None:
        """Write a typed contents page: entries, leaders, page numbers as the author guessed them."""
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        self.doc.add_paragraph().add_run("Contents").bold = True
        page = 3
        for section in self.spec["blocks"]:
            para = self.doc.add_paragraph()
            para.paragraph_format.space_after = Pt(4)
            if self.layout.contents == "leader":
                para.paragraph_format.tab_stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
                para.add_run(f"{section['title']}\t{page}")
            else:
                para.add_run(f"{section['title']} {'.' * 12} {page}")
            page += max(1, section_words(section) // WORDS_PER_PAGE)

    def furniture(self, section) -> None:
        """Write the running header and the page-number footer of the body."""
        meta = self.spec["meta"]
        section.header.is_linked_to_previous = section.footer.is_linked_to_previous = False
        header = section.header.paragraphs[0]
        header.text = meta["title"].split(":")[0] if self.layout.header == "title" else meta["date_text"]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER if self.layout.footer_side == "center" else WD_ALIGN_PARAGRAPH.RIGHT
        if self.layout.footer != "N":
            footer.add_run("Page ")
        add_field(footer, "PAGE")
        if self.layout.footer == "Page N of M":
            footer.add_run(" of ")
            add_field(footer, "NUMPAGES")

    def section(self, section: dict) -> None:
        """Write a section heading and its blocks."""
        if self.layout.heading == "Heading 1":
            self.doc.add_paragraph(section["title"], style="Heading 1")
        else:
            para = self.doc.add_paragraph()
            para.paragraph_format.space_before, para.paragraph_format.space_after = Pt(18), Pt(8)
            para.paragraph_format.keep_with_next = True
            run = para.add_run(section["title"])
            run.bold, run.font.size = True, Pt(14)
        self.blocks(section["blocks"])

    def blocks(self, blocks: list[dict]) -> None:
        """Write speeches, paragraphs and lists."""
        for block in blocks:
            if block["type"] == "speech":
                self.speaker(block["speaker"])
                self.blocks(block["blocks"])
            elif block["type"] == "paragraph":
                self.paragraph(block["text"])
            else:
                self.listing(block)

    def speaker(self, speaker: dict) -> None:
        """Write a speaker's name and affiliation."""
        layout = self.layout
        if layout.speaker == "Heading 2":
            para = self.doc.add_paragraph(style="Heading 2")
            para.add_run(speaker["name"])
        else:
            para = self.doc.add_paragraph()
            para.paragraph_format.space_before = Pt(10)
            para.paragraph_format.keep_with_next = True
            para.add_run(speaker["name"]).bold = True
        if layout.affiliation == "below":
            role = self.doc.add_paragraph()
            role.paragraph_format.space_after = Pt(6)
            role.paragraph_format.keep_with_next = True
            role.add_run(speaker["affiliation"]).italic = True
        elif layout.affiliation == "break":
            role = para.add_run()
            role.add_break()
            role.add_text(speaker["affiliation"])
            role.italic = True
        else:
            text = f", {speaker['affiliation']}" if layout.affiliation == "comma" else f" ({speaker['affiliation']})"
            para.add_run(text).italic = True

    def paragraph(self, text: str) -> None:
        """Write one body paragraph."""
        para = self.doc.add_paragraph(text)
        fmt = para.paragraph_format
        if self.layout.paragraphs == "indent":
            fmt.first_line_indent = Cm(0.75)
        else:
            fmt.space_after = Pt(8)
        if self.layout.justify:
            para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    def listing(self, block: dict) -> None:
        """Write a real Word list (List Number restarted at 1, or List Bullet)."""
        style = "List Number" if block["ordered"] else "List Bullet"
        num_id = restarted_numbering(self.doc, style) if block["ordered"] else None
        for item in block["items"]:
            para = self.doc.add_paragraph(item, style=style)
            para.paragraph_format.space_after = Pt(3)
            if num_id:
                set_numbering(para, num_id)
        self.doc.paragraphs[-1].paragraph_format.space_after = Pt(8)


def section_words(section: dict) -> int:
    """Return the number of body words in ``section``."""
    total = 0
    for block in section["blocks"]:
        if block["type"] == "paragraph":
            total += len(block["text"].split())
        elif block["type"] == "list":
            total += sum(len(item.split()) for item in block["items"])
        else:
            total += section_words(block)
    return total


def fixed_zip(data: bytes) -> bytes:
    """Return the zip ``data`` with every member dated 1980-01-01, so a rerun gives the same bytes."""
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6]),
                            source.read(info.filename), compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def write_docx(spec: dict, layout: DocxLayout, path: Path) -> None:
    """Write the Word document of ``spec`` in ``layout`` to ``path``."""
    path.write_bytes(fixed_zip(DocxWriter(spec, layout).build()))
