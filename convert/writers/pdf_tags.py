"""Tagged PDF for the PDF writer: the structure tree, marked content and the ParentTree (PDF/UA-1).

ReportLab has no tagging; this is the small layer over it. The story builder gives every
flowable that shows the document's words a structure ``Element`` (P, H1, LBody, TD, ...),
built in document order; ``TaggedCanvas`` (the canvas the template draws on) wraps each
tagged flowable's drawing in a marked-content sequence with an MCID, and everything else
on a page (rules, grid lines, the running header and footer, contents leaders, head rows
repeated on a later page) in ``/Artifact`` marked content. A page's content is therefore
artifact by default: a sequence of the document's words is opened and closed around it.

Link annotations get a ``/StructParent`` and a ``/Contents`` description, and a Link
element with an object reference in the element whose text holds them. In a document of
two languages (bilingual editions), a run in the other language's font is a Span element
with its ``/Lang``: inside the text object that draws it, the element's marked content
stops before the run and goes on after it. After the last page,
``StructTree.emit`` writes the elements, the ParentTree and the page keys through
ReportLab's own PDF objects (``reportlab.pdfbase.pdfdoc``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from reportlab.pdfbase.pdfdoc import (LinkAnnotation, PDFArray, PDFDictionary, PDFName, PDFObject,
                                      PDFObjectReference, PDFPage, PDFString)
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from ..fonts import covers


@dataclass(frozen=True, slots=True)
class Mark:
    """A marked-content sequence of an element: its page and MCID."""

    page: int
    mcid: int


@dataclass(frozen=True, slots=True)
class Annotation:
    """An annotation an element owns: its page and ReportLab's name for it."""

    page: int
    name: str


@dataclass(eq=False)
class Element:
    """One structure element: a standard role, its kids in reading order, and what it says of itself."""

    role: str
    parent: Element | None = field(default=None, repr=False)
    lang: str = ""  # only where it differs from the parent's
    alt: str = ""
    attributes: dict[str, str | int] = field(default_factory=dict)  # the /A dictionary (Table attributes)
    kids: list[Element | Mark | Annotation] = field(default_factory=list, repr=False)
    after: Element | None = field(default=None, repr=False)  # the kid it was put after (add_after)

    def add(self, role: str, lang: str = "", alt: str = "", **attributes: str | int) -> Element:
        """Return a new last kid of this element (``lang`` kept only where it differs)."""
        kid = Element(role, self, "" if not lang or lang == self.language() else lang, alt, attributes)
        self.kids.append(kid)
        return kid

    def add_after(self, sibling: Element, role: str) -> Element:
        """Return a new kid put right after ``sibling`` and the kids added after it this way."""
        kid = Element(role, self)
        index = self.kids.index(sibling) + 1
        while index < len(self.kids) and getattr(self.kids[index], "after", None) is sibling:
            index += 1
        kid.after = sibling
        self.kids.insert(index, kid)
        return kid

    def language(self) -> str:
        """Return the language in force for this element."""
        element: Element | None = self
        while element is not None:
            if element.lang:
                return element.lang
            element = element.parent
        return ""


class StructTree:
    """The structure tree of one run, and the page and annotation keys of its ParentTree."""

    def __init__(self, lang: str) -> None:
        self.root = Element("Document", lang=lang)
        self.pages: dict[int, list[Element]] = {}  # page number -> the element of each MCID
        self.page_keys: dict[int, int] = {}  # page number -> its StructParents key
        self.annotations: dict[int, Element] = {}  # StructParent key -> the Link element
        self.next_key = 0
        #: Descriptions of the destinations links go to (a heading's key -> its title).
        self.descriptions: dict[str, str] = {}
        #: Fonts that draw another language than the text around them, and that language.
        self.font_langs: dict[str, str] = {}

    def key(self) -> int:
        self.next_key += 1
        return self.next_key - 1

    def emit(self, canv: Canvas) -> PDFObjectReference:
        """Write the tree as PDF objects of ``canv``'s document; return the StructTreeRoot's reference."""
        doc = canv._doc
        refs: dict[int, PDFObjectReference] = {}
        objects: list[tuple[Element, _StructElem]] = []
        pending = [self.root]
        while pending:  # every element is registered before any is written
            element = pending.pop()
            target = _StructElem(element, refs)
            objects.append((element, target))
            refs[id(element)] = doc.Reference(target)
            pending.extend(reversed([kid for kid in element.kids if isinstance(kid, Element)]))
        root_ref = doc.Reference(PDFDictionary())
        for element, target in objects:
            target.parent = refs[id(element.parent)] if element.parent is not None else root_ref
        nums: list = []
        entries = [(key, PDFArray([refs[id(e)] for e in self.pages.get(page, ())]))
                   for page, key in self.page_keys.items()]
        entries += [(key, refs[id(element)]) for key, element in self.annotations.items()]
        for key, value in sorted(entries, key=lambda entry: entry[0]):
            nums += [key, value]
        root = doc.idToObject[root_ref.name]
        root["Type"] = PDFName("StructTreeRoot")
        root["K"] = refs[id(self.root)]
        root["ParentTree"] = PDFDictionary({"Nums": PDFArray(nums)})
        root["ParentTreeNextKey"] = self.next_key
        return root_ref


def _page_ref(page: int) -> PDFObjectReference:
    return PDFObjectReference(f"Page{page}")


class _StructElem(PDFObject):
    """The StructElem of one element, written straight to bytes when the file is (a structure
    tree has thousands: ReportLab's dictionaries cost more to write)."""

    def __init__(self, element: Element, refs: dict[int, PDFObjectReference]) -> None:
        self.element, self.refs = element, refs
        self.parent: PDFObjectReference | None = None

    def format(self, document) -> bytes:
        element, refs = self.element, self.refs
        out = [b"<< /Type /StructElem /S /", element.role.encode("ascii"), b" /P ", self.parent.format(document)]
        pages = [kid.page for kid in element.kids if isinstance(kid, (Mark, Annotation))]
        page = pages[0] if pages else None
        if page is not None:
            out += [b" /Pg ", _page_ref(page).format(document)]
        kids: list[bytes] = []
        for kid in element.kids:
            if isinstance(kid, Element):
                kids.append(refs[id(kid)].format(document))
            elif isinstance(kid, Mark):
                kids.append(b"%d" % kid.mcid if kid.page == page else
                            b"<< /Type /MCR /Pg " + _page_ref(kid.page).format(document) + b" /MCID %d >>" % kid.mcid)
            else:
                kids.append(b"<< /Type /OBJR /Pg " + _page_ref(kid.page).format(document) + b" /Obj "
                            + PDFObjectReference(f"Annot.{kid.name}").format(document) + b" >>")
        if len(kids) == 1 and kids[0].isdigit():
            out += [b" /K ", kids[0]]
        elif kids:
            out += [b" /K [", b" ".join(kids), b"]"]
        if element.lang:
            out += [b" /Lang ", PDFString(element.lang).format(document)]
        if element.alt:
            out += [b" /Alt ", PDFString(element.alt).format(document)]
        if element.attributes:
            out.append(b" /A <<")
            for name, value in element.attributes.items():
                out += [b" /", name.encode("ascii"), b" ", (b"/" + value.encode("ascii")) if isinstance(value, str)
                        else b"%d" % value]
            out.append(b" >>")
        out.append(b" >>")
        return b"".join(out)


# --- drawing ------------------------------------------------------------------------


class Tagged:
    """A flowable that draws the words of a structure element (``tag``); a list item's first
    paragraph also draws its label, which belongs to ``label_tag``.

    Drawn a second time (a table's head rows on the next page), it is an artifact.
    """

    tag: Element | None = None
    label_tag: Element | None = None

    def tagged(self, tag: Element | None, label_tag: Element | None = None):
        """Return this flowable, set to draw the content of ``tag`` (and its label's, of ``label_tag``)."""
        self.tag, self.label_tag = tag, label_tag
        return self

    def shows_label(self) -> bool:
        """Return whether this (part of a) flowable draws a list label before its text."""
        return bool(getattr(self, "bulletText", None))

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802 - ReportLab's name
        if self.tag is None or not isinstance(canvas, TaggedCanvas):
            return super().drawOn(canvas, x, y, _sW)
        if self.__dict__.get("_tag_drawn"):
            with canvas.artifact():
                return super().drawOn(canvas, x, y, _sW)
        self._tag_drawn = True
        label = self.label_tag if self.label_tag is not None and self.shows_label() else None
        canvas.begin(label or self.tag)
        if label is not None:
            canvas.after_next_text(self.tag)
        try:
            return super().drawOn(canvas, x, y, _sW)
        finally:
            canvas.end()


def carry_tags(source: Tagged, parts: list) -> list:
    """Return ``parts`` of a split ``source``, each drawing the content of the same elements."""
    for part in parts:
        if isinstance(part, Tagged) and part is not source:
            part.tagged(source.tag, source.label_tag)
    return parts


#: What stands for a hyphen the line breaking added (``pdf_flowables.mark_added_hyphens``): the
#: soft hyphen, which ReportLab takes out of the text it breaks into lines, so that only the
#: added ones are left to draw.
ADDED_HYPHEN = "\u00ad"


class TaggedTextObject(PDFTextObject):
    """A text object that puts the runs drawn in another language's font in a Span element with
    that /Lang: the content of the element being drawn stops before such a run and goes on after it.
    A hyphen the line breaking added is drawn as an artifact, the same way."""

    def __init__(self, canvas: TaggedCanvas, x=0, y=0, direction=None) -> None:
        self._span = ""  # the language of the Span whose content is open, if one is
        self._span_element: Element | None = None
        super().__init__(canvas, x, y, direction=direction)

    def _textOut(self, text, TStar=0):  # noqa: N802 - ReportLab's name
        canv: TaggedCanvas = self._canvas
        if TStar and canv.line_spacing:  # a justified CJK line of plain text
            spacing = canv.line_spacing.pop(0)
            if spacing:
                self.setCharSpace(spacing)
                super()._textOut(text, 0)
                self.setCharSpace(0)
                return self._code.append("T*")
        if not text.endswith(ADDED_HYPHEN):
            return super()._textOut(text, TStar)
        super()._textOut(text[:-1], 0)
        element = canv.open_element
        if element is not None:
            self._code.append("EMC")
            self._code.append("/Artifact BMC")
        # U+2010 HYPHEN, when the font has it: a hyphen the layout added, which text extraction
        # does not take for a hyphen-minus of the text (poppler would join the lines).
        super()._textOut("\u2010" if covers(self._fontname, "\u2010") else "-", TStar)
        if element is not None:
            self._code.append("EMC")
            canv.mark(self._span_element or element, self._code)

    def _language(self, font: str) -> None:
        canv: TaggedCanvas = self._canvas
        element = canv.open_element
        if element is None:
            return
        lang = canv.tree.font_langs.get(font, "")
        if lang == element.language():
            lang = ""
        if lang != self._span:
            self._code.append("EMC")
            self._span_element = element.add("Span", lang=lang) if lang else None
            canv.mark(self._span_element or element, self._code)
            self._span = lang

    def _setFont(self, psfontname, size):  # noqa: N802 - ReportLab's name
        self._language(psfontname)
        super()._setFont(psfontname, size)

    def setFont(self, psfontname, size, leading=None):  # noqa: N802 - ReportLab's name
        self._language(psfontname)
        super().setFont(psfontname, size, leading)

    def getCode(self):  # noqa: N802 - ReportLab's name
        if self._span:  # the element's content goes on to the end of the text object
            self._code.append("EMC")
            self._canvas.mark(self._canvas.open_element, self._code)
            self._span, self._span_element = "", None
        return super().getCode()


class TaggedCanvas(Canvas):
    """A canvas whose pages are artifact but where a tagged flowable opens its element's marked content."""

    def __init__(self, *args, tree: StructTree, **kwargs) -> None:
        self.tree = tree
        self._open: list[Element] = []  # the elements whose content is being drawn, innermost last
        self._after_text: Element | None = None
        self._owner: Element | None = None
        #: The character spacing of each line still to be drawn of the paragraph being drawn (a
        #: justified CJK paragraph of one fragment: see ``pdf_flowables.justify_cjk_lines``).
        self.line_spacing: list[float] = []
        super().__init__(*args, **kwargs)

    @property
    def open_element(self) -> Element | None:
        return self._open[-1] if self._open else None

    def mark(self, element: Element, code: list[str] | None = None) -> None:
        """Start a marked-content sequence of ``element`` with the page's next MCID (in ``code``,
        a text object's, else the page's)."""
        page = self._pageNumber
        mcids = self.tree.pages.setdefault(page, [])
        element.kids.append(Mark(page, len(mcids)))
        (self._code if code is None else code).append(f"/{element.role} <</MCID {len(mcids)}>> BDC")
        mcids.append(element)

    def begin(self, element: Element) -> None:
        """End the artifact (or outer element's content) in progress and start ``element``'s content."""
        self._code.append("EMC")
        self._open.append(element)
        self.mark(element)

    def end(self) -> None:
        """End the content started last; go on with the outer element's content, or artifact."""
        self._code.append("EMC")
        self._open.pop()
        self._after_text = None
        self._resume()

    def _resume(self) -> None:
        if self._open:
            self.mark(self._open[-1])
        else:
            self._code.append("/Artifact BMC")

    def after_next_text(self, element: Element) -> None:
        """Say that the content in progress ends with the next text object: ``element``'s follows."""
        self._after_text = element

    @contextmanager
    def artifact(self, kind: str = "") -> Iterator[None]:
        """Draw what the block draws as an artifact (of type ``kind``, e.g. Pagination)."""
        self._code.append("EMC")
        self._code.append(f"/Artifact <</Type /{kind}>> BDC" if kind else "/Artifact BMC")
        try:
            yield
        finally:
            self._code.append("EMC")
            self._resume()

    @contextmanager
    def annotations_of(self, element: Element) -> Iterator[None]:
        """Give the annotations made in the block to ``element`` (a Link element)."""
        self._owner = element
        try:
            yield
        finally:
            self._owner = None

    def beginText(self, x=0, y=0, direction=None):  # noqa: N802 - ReportLab's name
        return TaggedTextObject(self, x, y, direction=direction)

    def drawText(self, aTextObject):  # noqa: N802 - ReportLab's name
        super().drawText(aTextObject)
        if self._after_text is not None and self._open:
            element, self._after_text = self._after_text, None
            self._code.append("EMC")
            self._open[-1] = element
            self.mark(element)

    def _addAnnotation(self, annotation, name=None, addtopage=1):  # noqa: N802 - ReportLab's name
        name = name or f"NUMBER{self._annotationCount + 1}"
        owner = self._owner or self.open_element or self.tree.root
        link = owner if owner.role == "Link" else owner.add("Link")
        key = self.tree.key()
        self.tree.annotations[key] = link
        link.kids.append(Annotation(self._pageNumber, name))
        if isinstance(annotation, LinkAnnotation):
            # Per annotation: the class's list of permitted keys stays as it is.
            annotation.permitted = (*annotation.permitted, "StructParent")
            annotation.otherkw.update(StructParent=key, F=4)  # printed, as PDF/A wants
        else:
            annotation["StructParent"] = key
            annotation["F"] = 4
        super()._addAnnotation(annotation, name, addtopage)

    def linkRect(self, contents, destinationname, *args, **kwargs):  # noqa: N802 - ReportLab's name
        # The description: what the link leads to, in words.
        description = contents or self.tree.descriptions.get(destinationname, "") or "Link"
        return super().linkRect(description, destinationname, *args, **kwargs)

    def linkURL(self, url, rect, *args, **kwargs):  # noqa: N802 - ReportLab's name
        kwargs.setdefault("Contents", PDFString(url))
        return super().linkURL(url, rect, *args, **kwargs)

    def showPage(self):  # noqa: N802 - ReportLab's name
        if self._open:
            raise RuntimeError("a structure element's content is still open at the end of a page")
        # The page is artifact but where an element's content was opened.
        self._code.insert(0, "/Artifact BMC")
        self._code.append("EMC")
        has_annotations = bool(self._annotationrefs)
        page_number = self._pageNumber
        super().showPage()
        page = self._doc.Pages.pages[-1]
        # Per page object: the class's list of keys stays as it is.
        page.__NoDefault__ = [*PDFPage.__NoDefault__, "StructParents", "Tabs"]
        key = self.tree.page_keys[page_number] = self.tree.key()
        page.StructParents = key
        if has_annotations:
            page.Tabs = PDFName("S")

