"""The DOCX writer's document-wide parts built from the theme: styles, list definitions, settings, fonts,
page setup and document properties.

Every style is written here from scratch rather than adjusted in python-docx's template, so
no Calibri/Cambria theme-font reference or template colour can override the theme.
"""

from __future__ import annotations

from dataclasses import dataclass

import docx
from lxml import etree

from .. import nodes, repro
from ..theme import Theme
from .docx_xml import (CJK_LANGS, RTL_LANGS, SEPARATOR_NOTES, W_NS, clean, emphasis, half_points, hex_color,
                       page_template, paragraph, sub, twips, w, western_lang)

#: Bullet characters by list depth (cycled), as word processors conventionally vary them.
BULLETS = ("\u2022", "\u2013", "\u25e6")
LIST_LEVELS = 9  # WordprocessingML allows levels 0-8
ABSTRACT_DECIMAL = 0
ABSTRACT_BULLET = 1
#: Word refuses core properties longer than this.
_PROPERTY_LIMIT = 255
#: The left and right padding of a table cell, in twips (Word's default).
CELL_MARGIN = 108

#: Style ids the writer puts on notes, quotations, captions, figures, tables and links.
NOTE_TEXT = "FootnoteText"
NOTE_REFERENCE = "FootnoteReference"
QUOTE = "Quote"
CAPTION = "Caption"
FIGURE = "Figure"
TABLE = "TableGrid"
TABLE_TEXT = "TableText"
HYPERLINK = "Hyperlink"


@dataclass(frozen=True, slots=True)
class Fonts:
    """The font family names the writer puts in styles (first of each theme list)."""

    body: str
    heading: str
    east_asian: str
    east_asian_heading: str


def choose_fonts(theme: Theme, lang: str) -> Fonts:
    """Return the families to use; a Chinese, Japanese or Korean document uses its CJK fonts throughout."""
    cjk, cjk_heading = theme.fonts.cjk[0], theme.fonts.cjk_heading[0]
    if lang.split("-")[0].lower() in CJK_LANGS:
        return Fonts(cjk, cjk_heading, cjk, cjk_heading)
    return Fonts(theme.fonts.body[0], theme.fonts.heading[0], cjk, cjk_heading)


def _fonts(rpr: etree._Element, latin: str, east_asian: str) -> None:
    sub(rpr, "rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asian, cs=latin)


def _size(rpr: etree._Element, points: float) -> None:
    sub(rpr, "sz", val=half_points(points))
    sub(rpr, "szCs", val=half_points(points))


def _style(root: etree._Element, kind: str, style_id: str, name: str, *, based_on: str | None = None,
           next_style: str | None = None, default: bool = False) -> etree._Element:
    style = sub(root, "style", type=kind, styleId=style_id)
    if default:
        style.set(w("default"), "1")
    sub(style, "name", val=name)
    if based_on:
        sub(style, "basedOn", val=based_on)
    if next_style:
        sub(style, "next", val=next_style)
    sub(style, "qFormat")
    return style


def build_styles(root: etree._Element, theme: Theme, lang: str, east_asian_lang: str) -> None:
    """Replace the children of the ``w:styles`` element ``root`` with the theme's styles."""
    del root[:]  # the template's 166 styles, at once
    fonts = choose_fonts(theme, lang)
    sizes, colors, spacing = theme.sizes, theme.colors, theme.spacing
    # CJK typography has no italics (word processors only slant the glyphs): there, the muted
    # colour alone sets affiliations and title-page notes apart.
    slanted = lang.split("-")[0].lower() not in CJK_LANGS

    defaults = sub(root, "docDefaults")
    rpr = sub(sub(defaults, "rPrDefault"), "rPr")
    _fonts(rpr, fonts.body, fonts.east_asian)
    _size(rpr, sizes.body)
    lang_attrs = {"val": western_lang(lang), "eastAsia": east_asian_lang}
    if lang.split("-")[0].lower() in RTL_LANGS:
        lang_attrs["bidi"] = lang
    sub(rpr, "lang", **lang_attrs)
    ppr = sub(sub(defaults, "pPrDefault"), "pPr")
    sub(ppr, "widowControl")
    sub(ppr, "spacing", after=twips(spacing.paragraph_after), line=round(240 * spacing.line_height),
        lineRule="auto")

    normal = _style(root, "paragraph", "Normal", "Normal", default=True)
    sub(sub(normal, "pPr"), "widowControl")
    sub(sub(normal, "rPr"), "color", val=hex_color(colors.text))

    def paragraph_style(style_id: str, name: str, *, based_on: str = "Normal", next_style: str | None = None,
                        keep_next: bool = False, before: float | None = None, after: float | None = None,
                        align: str | None = None, indent_first: float = 0.0, outline: int | None = None,
                        rule_below: bool = False, rule_above: bool = False, rule_left: bool = False,
                        right_tab: bool = False, indent_left: float = 0.0, indent_right: float = 0.0,
                        line_height: float | None = None, heading_font: bool = False,
                        size: float | None = None, color: str | None = None, bold: bool = False,
                        italic: bool = False) -> None:
        style = _style(root, "paragraph", style_id, name, based_on=based_on, next_style=next_style)
        ppr = sub(style, "pPr")
        if keep_next:
            sub(ppr, "keepNext")
            sub(ppr, "keepLines")
        if rule_below or rule_above or rule_left:
            borders = sub(ppr, "pBdr")
            for side, wanted in (("top", rule_above), ("left", rule_left), ("bottom", rule_below)):
                if wanted:
                    # A rule beside the text stands clear of it; one above or below hugs it.
                    sub(borders, side, val="single", sz=12 if side == "left" else 4, space=8 if side == "left" else 4,
                        color=hex_color(colors.rule))
        if right_tab:
            # Word puts TOC page numbers after a tab: a right tab with dot leader at the margin lines them up.
            sub(sub(ppr, "tabs"), "tab", val="right", leader="dot", pos=text_width(theme))
        if before is not None or after is not None or line_height is not None:
            attrs = {}
            if before is not None:
                attrs["before"] = twips(before)
            if after is not None:
                attrs["after"] = twips(after)
            if line_height is not None:
                attrs.update(line=round(240 * line_height), lineRule="auto")
            sub(ppr, "spacing", **attrs)
        if indent_first or indent_left or indent_right:
            indent = {"left": twips(indent_left)}
            if indent_right:
                indent["right"] = twips(indent_right)
            sub(ppr, "ind", **indent, firstLine=twips(indent_first))
        if align:
            sub(ppr, "jc", val=align)
        if outline is not None:
            sub(ppr, "outlineLvl", val=outline)
        rpr = sub(style, "rPr")
        if heading_font:
            _fonts(rpr, fonts.heading, fonts.east_asian_heading)
        emphasis(rpr, bold=bold, italic=italic)
        if color:
            sub(rpr, "color", val=hex_color(color))
        if size:
            _size(rpr, size)

    paragraph_style("BodyText", "Body Text", indent_first=spacing.first_line_indent, align="both")
    paragraph_style("Title", "Title", next_style="TitlePage", keep_next=True, before=18, after=18,
                    align="center", heading_font=True, size=sizes.title, color=colors.heading, bold=True)
    paragraph_style("Heading1", "heading 1", next_style="BodyText", keep_next=True, before=spacing.heading1_before,
                    after=spacing.heading1_after, outline=0, rule_below=True, heading_font=True,
                    size=sizes.heading1, color=colors.heading, bold=True)
    paragraph_style("Heading2", "heading 2", next_style="BodyText", keep_next=True, before=spacing.heading2_before,
                    after=spacing.heading2_after, outline=1, heading_font=True, size=sizes.heading2,
                    color=colors.heading, bold=True)
    paragraph_style("SpeakerAffiliation", "Speaker Affiliation", next_style="BodyText", keep_next=True,
                    after=spacing.paragraph_after, size=sizes.affiliation, color=colors.muted, italic=slanted)
    paragraph_style("ListNumber", "List Number", based_on="BodyText", after=spacing.paragraph_after / 2)
    paragraph_style("ListBullet", "List Bullet", based_on="BodyText", after=spacing.paragraph_after / 2)
    paragraph_style("ListContinue", "List Continue", based_on="BodyText", after=spacing.paragraph_after / 2)
    paragraph_style("TitlePage", "Title Page", after=6, align="center", size=sizes.subtitle)
    paragraph_style("TitlePageName", "Title Page Name", based_on="TitlePage", bold=True)
    paragraph_style("TitlePageNote", "Title Page Note", based_on="TitlePage", before=12, after=12,
                    color=colors.muted, italic=slanted)
    paragraph_style("TitlePageAffiliation", "Title Page Affiliation", based_on="TitlePage", size=sizes.body,
                    color=colors.muted)
    paragraph_style("TOCHeading", "TOC Heading", next_style="Normal", keep_next=True,
                    after=spacing.heading1_after * 2,
                    heading_font=True, size=sizes.heading1, color=colors.heading, bold=True)
    paragraph_style("TOC1", "toc 1", next_style="Normal", right_tab=True, before=4, after=2, heading_font=True,
                    bold=True)
    paragraph_style("TOC2", "toc 2", next_style="Normal", right_tab=True, after=2, indent_left=spacing.list_indent)
    paragraph_style("Header", "header", after=0, align="center", rule_below=True, size=sizes.small,
                    color=colors.muted)
    paragraph_style("Footer", "footer", after=0, align="center", size=sizes.small, color=colors.muted)

    # Notes, quotations, captions, figures and tables, under Word's built-in names (lower case
    # where Word's are), so that Word and LibreOffice treat them as their own.
    paragraph_style(NOTE_TEXT, "footnote text", after=2, line_height=1.15, size=sizes.small)
    paragraph_style(QUOTE, "Quote", based_on="BodyText", indent_first=0.0, indent_left=spacing.list_indent,
                    indent_right=spacing.list_indent, rule_left=True, color=colors.muted)
    paragraph_style(CAPTION, "caption", before=3, after=spacing.paragraph_after, align="center",
                    size=sizes.affiliation, color=colors.heading)
    paragraph_style(FIGURE, "Figure", before=spacing.paragraph_after, after=3, align="center", line_height=1.0)
    paragraph_style(TABLE_TEXT, "Table Text", after=2, line_height=1.15)

    _style(root, "character", "DefaultParagraphFont", "Default Paragraph Font", default=True)
    note_reference = _style(root, "character", NOTE_REFERENCE, "footnote reference", based_on="DefaultParagraphFont")
    sub(sub(note_reference, "rPr"), "vertAlign", val="superscript")
    link = sub(_style(root, "character", HYPERLINK, "Hyperlink", based_on="DefaultParagraphFont"), "rPr")
    sub(link, "color", val=hex_color(colors.accent))
    sub(link, "u", val="single")

    table = _style(root, "table", "TableNormal", "Normal Table", default=True)
    margins = sub(sub(table, "tblPr"), "tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        sub(margins, side, w=0 if side in ("top", "bottom") else CELL_MARGIN, type="dxa")
    grid = _style(root, "table", TABLE, "Table Grid", based_on="TableNormal")
    grid_properties = sub(grid, "tblPr")
    borders = sub(grid_properties, "tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        sub(borders, side, val="single", sz=4, space=0, color=hex_color(colors.rule))
    margins = sub(grid_properties, "tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        sub(margins, side, w={"top": twips(2), "bottom": 0}.get(side, CELL_MARGIN), type="dxa")
    _style(root, "numbering", "NoList", "No List", default=True)


def text_width(theme: Theme) -> int:
    """Return the width between the page margins, in twips."""
    page = theme.page
    return twips(page.width - page.margin_left - page.margin_right)


def build_numbering(root: etree._Element, theme: Theme, nums: list[tuple[int, int, int, int]]) -> None:
    """Replace the children of ``w:numbering`` ``root``: one decimal and one bullet definition,
    then one ``w:num`` per list, each (numId, abstractNumId, level, start) restarting at its start."""
    for child in list(root):
        root.remove(child)
    step = twips(theme.spacing.list_indent)
    for abstract_id, kind in ((ABSTRACT_DECIMAL, "decimal"), (ABSTRACT_BULLET, "bullet")):
        abstract = sub(root, "abstractNum", abstractNumId=abstract_id)
        sub(abstract, "multiLevelType", val="hybridMultilevel")
        for level in range(LIST_LEVELS):
            lvl = sub(abstract, "lvl", ilvl=level)
            sub(lvl, "start", val=1)
            sub(lvl, "numFmt", val=kind)
            sub(lvl, "lvlText", val=BULLETS[level % len(BULLETS)] if kind == "bullet" else f"%{level + 1}.")
            sub(lvl, "lvlJc", val="left")
            sub(sub(lvl, "pPr"), "ind", left=step * (level + 1), hanging=step)
    for num_id, abstract_id, level, start in nums:
        num = sub(root, "num", numId=num_id)
        sub(num, "abstractNumId", val=abstract_id)
        override = sub(num, "lvlOverride", ilvl=level)
        sub(override, "startOverride", val=start)


#: Settings the template carries that would be false or random for our documents: revision
#: save ids, a fixed document id, a claim that spelling was checked, a preview picture.
_DROP_SETTINGS = ("rsids", "proofState", "savePreviewPicture")
_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


def adjust_settings(settings: etree._Element, lang: str, east_asian_lang: str) -> None:
    """Make Word and LibreOffice update fields (the TOC, NUMPAGES) on open; drop template noise."""
    for name in _DROP_SETTINGS:
        for element in settings.findall(w(name)):
            settings.remove(element)
    for element in settings.findall(f"{{{_W14}}}docId"):
        settings.remove(element)
    update = etree.Element(w("updateFields"))
    update.set(w("val"), "true")
    settings.find(w("compat")).addprevious(update)
    font_lang = settings.find(w("themeFontLang"))
    if font_lang is not None:
        font_lang.set(w("val"), western_lang(lang))
        font_lang.set(w("eastAsia"), east_asian_lang)


def declare_note_separators(settings: etree._Element) -> None:
    """Name the separator footnotes of the footnotes part in ``settings``, as Word does."""
    properties = etree.Element(w("footnotePr"))
    for number, _ in SEPARATOR_NOTES:
        sub(properties, "footnote", id=number)
    # Schema order: after w:updateFields (see adjust_settings), before w:compat.
    settings.find(w("compat")).addprevious(properties)


def font_table(fonts: Fonts) -> bytes:
    """Return a ``word/fontTable.xml`` naming the fonts the styles use (the template's lists others)."""
    root = etree.Element(w("fonts"), nsmap={"w": W_NS})
    for name in dict.fromkeys((fonts.body, fonts.heading, fonts.east_asian, fonts.east_asian_heading)):
        font = sub(root, "font", name=name)
        sub(font, "charset", val="80" if name in (fonts.east_asian, fonts.east_asian_heading)
            and name not in (fonts.body, fonts.heading) else "00")
        sub(font, "family", val="auto")
        sub(font, "pitch", val="variable")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def app_properties() -> bytes:
    """Return a ``docProps/app.xml`` naming this program (the template claims Microsoft Word)."""
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
    root = etree.Element(f"{{{ns}}}Properties", nsmap={None: ns})
    for name, value in (("Application", "report-convert"), ("DocSecurity", "0"), ("ScaleCrop", "false"),
                        ("LinksUpToDate", "false"), ("SharedDoc", "false"), ("HyperlinksChanged", "false")):
        etree.SubElement(root, f"{{{ns}}}{name}").text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def page_setup(section: docx.section.Section, theme: Theme, meta: nodes.Meta) -> None:
    """Set the page size, margins, running header and footer of ``section`` from the theme."""
    page = theme.page
    properties = section._sectPr
    for name in list(properties.attrib):
        del properties.attrib[name]  # template revision ids (w:rsidR...)
    section.page_width = docx.shared.Twips(twips(page.width))
    section.page_height = docx.shared.Twips(twips(page.height))
    section.top_margin = docx.shared.Twips(twips(page.margin_top))
    section.bottom_margin = docx.shared.Twips(twips(page.margin_bottom))
    section.left_margin = docx.shared.Twips(twips(page.margin_left))
    section.right_margin = docx.shared.Twips(twips(page.margin_right))
    section.header_distance = docx.shared.Twips(twips(page.margin_top / 2))
    section.footer_distance = docx.shared.Twips(twips(page.margin_bottom / 2))
    section.gutter = 0
    # The title page carries no running header or footer.
    section.different_first_page_header_footer = True
    title = clean(meta.title)
    stories = ((section.header, "Header", theme.header(meta.lang)),
               (section.footer, "Footer", theme.footer(meta.lang)),
               (section.first_page_header, "Normal", ""), (section.first_page_footer, "Normal", ""))
    for story, style, template in stories:
        story.is_linked_to_previous = False
        element = story._element
        for child in list(element):
            element.remove(child)
        if template.replace("{title}", title).strip():
            page_template(paragraph(element, style), template, title)
        else:
            paragraph(element, "Normal")  # a header or footer must hold a paragraph


def core_properties(props: docx.opc.coreprops.CoreProperties, meta: nodes.Meta) -> None:
    """Fill ``docProps/core.xml`` from the title block, dated at the build time."""
    stamp = repro.build_time().replace(tzinfo=None)
    props.title = _property(meta.title)
    props.author = _property(meta.compiled_by)
    props.subject = _property("; ".join(meta.organizers) or meta.title)
    props.keywords = _property(", ".join((*meta.organizers, "report")))
    props.language = _property(meta.lang)
    props.comments = ""
    props.last_modified_by = _property(meta.compiled_by)
    props.revision = 1
    props.created = props.modified = stamp  # never printed: no cp:lastPrinted


def _property(text: str) -> str:
    return clean(text)[:_PROPERTY_LIMIT]
