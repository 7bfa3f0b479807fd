"""Lay a report spec out as an HTML page with print CSS, for an HTML printer (WeasyPrint, Chromium).

The layout varies per report (``HtmlLayout.choose``): fonts, heading and speaker markup,
where the affiliation goes, paragraph indents or spacing, justification and hyphenation,
a contents page, running header and page-number footer in ``@page`` margin boxes, columns.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass
from html import escape
from pathlib import Path


@dataclass(frozen=True)
class HtmlLayout:
    """How one report is laid out in HTML and CSS."""

    font: str
    size: float
    heading: str          # "h2" or "p" (a bold paragraph)
    speaker: str          # "h3" or "p" (a paragraph with a <strong> name)
    affiliation: str      # "below", "break" (<br> in the name's paragraph), "comma" or "parens"
    paragraphs: str       # "indent" or "spaced"
    justify: bool
    hyphenate: bool
    contents: bool        # a contents page (leaders and page numbers where the printer can)
    header: str           # "title" or "date"
    footer: str           # "Page N", "N" or "Page N of M"
    footer_side: str      # "center" or "right"
    columns: int
    margin_cm: float

    @classmethod
    def choose(cls, rng: random.Random, columns: int = 1) -> "HtmlLayout":
        """Return a random layout (``columns`` fixed by the caller)."""
        return cls(font=rng.choice(("DejaVu Serif", "Liberation Serif", "Liberation Sans", "DejaVu Sans")),
                   size=rng.choice((10, 10.5, 11, 12)), heading=rng.choice(("h2", "p")),
                   speaker=rng.choice(("h3", "p")),
                   affiliation=rng.choice(("below", "below", "break", "comma", "parens")),
                   paragraphs=rng.choice(("indent", "spaced")), justify=rng.random() < 0.5,
                   hyphenate=rng.random() < 0.6, contents=rng.random() < 0.4,
                   header=rng.choice(("title", "date")), footer=rng.choice(("Page N", "N", "Page N of M")),
                   footer_side=rng.choice(("center", "right")), columns=columns,
                   margin_cm=rng.choice((2.0, 2.5, 3.0)))

    def describe(self) -> dict:
        """Return the layout as plain data (written next to the document)."""
        return asdict(self)


def css_string(text: str) -> str:
    """Return ``text`` as a CSS string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def stylesheet(layout: HtmlLayout, header_text: str) -> str:
    """Return the print stylesheet of ``layout``."""
    counter = {"Page N": '"Page " counter(page)', "N": "counter(page)",
               "Page N of M": '"Page " counter(page) " of " counter(pages)'}[layout.footer]
    return f"""
@page {{ size: A4; margin: {layout.margin_cm}cm {layout.margin_cm}cm;
  @top-right {{ content: {css_string(header_text)}; font: 9pt "{layout.font}"; }}
  @bottom-{layout.footer_side} {{ content: {counter}; font: 9pt "{layout.font}"; }} }}
@page :first {{ @top-right {{ content: none; }} @bottom-{layout.footer_side} {{ content: none; }} }}
body {{ font-family: "{layout.font}"; font-size: {layout.size}pt; line-height: 1.3; }}
.titlepage {{ text-align: center; break-after: page; padding-top: 3cm; }}
.titlepage p {{ margin: 0.3em 0; text-indent: 0; }}
.titlepage .title {{ font-size: 20pt; font-weight: bold; margin: 1em 0; }}
.titlepage .role, .titlepage .cue {{ font-style: italic; }}
.contents {{ break-after: page; }}
.contents a {{ color: black; text-decoration: none; }}
.contents a::after {{ content: leader(".") target-counter(attr(href), page); }}
.body {{ column-count: {layout.columns}; column-gap: 1cm; }}
h2, p.section {{ font-size: 14pt; font-weight: bold; margin: 1.2em 0 0.5em; break-after: avoid; }}
h3, p.speaker {{ font-size: {layout.size}pt; font-weight: bold; margin: 0.9em 0 0.1em; break-after: avoid; }}
em.role {{ font-weight: normal; }}
p.role {{ font-style: italic; margin: 0 0 0.4em; break-after: avoid; }}
p {{ margin: 0 0 {"0" if layout.paragraphs == "indent" else "0.7em"};
     text-indent: {"1.5em" if layout.paragraphs == "indent" else "0"};
     text-align: {"justify" if layout.justify else "left"}; hyphens: {"auto" if layout.hyphenate else "manual"}; }}
p.speaker, p.role, p.section {{ text-indent: 0; }}
li {{ margin-bottom: 0.2em; text-align: left; }}
"""


class HtmlWriter:
    """Builds one HTML page from a spec, in one layout."""

    def __init__(self, spec: dict, layout: HtmlLayout):
        self.spec, self.layout = spec, layout
        self.parts: list[str] = []

    def build(self) -> str:
        """Return the HTML text."""
        meta = self.spec["meta"]
        header = meta["title"].split(":")[0] if self.layout.header == "title" else meta["date_text"]
        self.parts = ['<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">',
                      f"<title>{escape(meta['title'])}</title>",
                      f"<style>{stylesheet(self.layout, header)}</style>\n</head>\n<body>"]
        self.title_page()
        if self.layout.contents:
            self.contents_page()
        self.parts.append('<div class="body">')
        for index, section in enumerate(self.spec["blocks"]):
            self.section(index, section)
        self.parts.append("</div>\n</body>\n</html>\n")
        return "\n".join(self.parts)

    def title_page(self) -> None:
        """Write the title block as the first page."""
        meta = self.spec["meta"]
        out = ['<div class="titlepage">']
        out += [f"<p>{escape(org)}</p>" for org in meta["organizers"]]
        out.append('<p class="cue">present</p>')
        for presenter in meta["presenters"]:
            out += [f"<p><strong>{escape(presenter['name'])}</strong></p>",
                    f'<p class="role">{escape(presenter["affiliation"])}</p>']
        out += ['<p class="cue">On</p>', f'<p class="title">{escape(meta["title"])}</p>',
                f"<p>{escape(meta['date_text'])}</p>", f"<p>{escape(meta['time_text'])}</p>",
                f"<p>Report compiled by {escape(meta['compiled_by'])}</p>", "</div>"]
        self.parts += out

    def contents_page(self) -> None:
        """Write a contents page that links to each section."""
        self.parts.append('<div class="contents"><p class="section">Contents</p>')
        for index, section in enumerate(self.spec["blocks"]):
            self.parts.append(f'<p><a href="#s{index}">{escape(section["title"])} </a></p>')
        self.parts.append("</div>")

    def section(self, index: int, section: dict) -> None:
        """Write a section heading and its blocks."""
        title = escape(section["title"])
        if self.layout.heading == "h2":
            self.parts.append(f'<h2 id="s{index}">{title}</h2>')
        else:
            self.parts.append(f'<p class="section" id="s{index}">{title}</p>')
        self.blocks(section["blocks"])

    def blocks(self, blocks: list[dict]) -> None:
        """Write speeches, paragraphs and lists."""
        for block in blocks:
            if block["type"] == "speech":
                self.speaker(block["speaker"])
                self.blocks(block["blocks"])
            elif block["type"] == "paragraph":
                self.parts.append(f"<p>{escape(block['text'])}</p>")
            else:
                tag = "ol" if block["ordered"] else "ul"
                items = "".join(f"<li>{escape(item)}</li>" for item in block["items"])
                self.parts.append(f"<{tag}>{items}</{tag}>")

    def speaker(self, speaker: dict) -> None:
        """Write a speaker's name and affiliation."""
        name, role = escape(speaker["name"]), escape(speaker["affiliation"])
        tag, cls = ("h3", "") if self.layout.speaker == "h3" else ("p", ' class="speaker"')
        if self.layout.affiliation == "below":
            self.parts += [f"<{tag}{cls}>{name}</{tag}>", f'<p class="role">{role}</p>']
        elif self.layout.affiliation == "break":
            self.parts.append(f'<{tag}{cls}>{name}<br><em class="role">{role}</em></{tag}>')
        elif self.layout.affiliation == "comma":
            self.parts.append(f"<{tag}{cls}>{name}, <em>{role}</em></{tag}>")
        else:
            self.parts.append(f"<{tag}{cls}>{name} <em>({role})</em></{tag}>")


def write_html(spec: dict, layout: HtmlLayout, path: Path) -> None:
    """Write the HTML page of ``spec`` in ``layout`` to ``path``."""
    path.write_text(HtmlWriter(spec, layout).build(), encoding="utf-8")
