"""The style sheet for EPUB and HTML output, generated from the theme.

The HTML writer (pandoc's markup) shares it: rules for the EPUB's own markup (note marks, the
footnotes after a chapter) name its classes, so that they do not restyle pandoc's.
"""

from __future__ import annotations

from ..theme import Theme


def _family(names: tuple[str, ...], generic: str) -> str:
    """Return a CSS font-family list of ``names`` ending in the ``generic`` family."""
    seen: list[str] = []
    for name in names:
        if name not in seen:
            seen.append(name)
    return ", ".join([_css_string(name) for name in seen] + [generic])


def _css_string(value: str) -> str:
    # Escape everything but plain letters so a theme value can never end the string, the
    # rule or an enclosing <style> element.
    out = []
    for char in value:
        if char.isascii() and (char.isalnum() or char in " -_"):
            out.append(char)
        else:
            out.append(f"\\{ord(char):x} ")
    return '"' + "".join(out) + '"'


def _em(points: float, font_size: float) -> str:
    """Return ``points`` as em of a font of ``font_size`` points (so readers can scale the text)."""
    return f"{points / font_size:.3g}em"


def theme_css(theme: Theme, lang: str, absolute_size: bool = False) -> str:
    """Return the style sheet for a document in ``lang``.

    Sizes are in em relative to the body size, so e-reader font settings still work; with
    ``absolute_size`` the body size itself is set in pt (for HTML in a browser).
    """
    fonts, sizes, colors, space = theme.fonts, theme.sizes, theme.colors, theme.spacing
    cjk = lang.split("-")[0].lower() in ("ja", "zh", "ko")
    body_family = _family((fonts.cjk + fonts.body) if cjk else fonts.body, "serif")
    heading_family = _family((fonts.cjk_heading + fonts.heading) if cjk else fonts.heading, "sans-serif")
    cjk_body = _family(fonts.cjk + fonts.body, "serif")
    cjk_heading = _family(fonts.cjk_heading + fonts.heading, "sans-serif")
    body = sizes.body
    base = f"{body:g}pt" if absolute_size else "1em"
    breaking = ("  line-break: strict;\n  word-break: normal;\n  overflow-wrap: break-word;\n"
                if cjk else "  overflow-wrap: break-word;\n")
    return f"""@charset "utf-8";
body {{
  font-family: {body_family};
  font-size: {base};
  line-height: {space.line_height:g};
  color: {colors.text};
{breaking}}}
h1, h2, .title {{
  font-family: {heading_family};
  color: {colors.heading};
  line-height: 1.25;
  page-break-after: avoid;
  break-after: avoid;
}}
h1 {{
  font-size: {_em(sizes.heading1, body)};
  margin: {_em(space.heading1_before, sizes.heading1)} 0 {_em(space.heading1_after, sizes.heading1)};
  padding-bottom: 0.2em;
  border-bottom: 1px solid {colors.rule};
}}
h2 {{
  font-size: {_em(sizes.heading2, body)};
  margin: {_em(space.heading2_before, sizes.heading2)} 0 {_em(space.heading2_after, sizes.heading2)};
}}
p {{
  margin: 0 0 {_em(space.paragraph_after, body)};
  text-indent: {_em(space.first_line_indent, body)};
}}
.affiliation {{
  font-size: {_em(sizes.affiliation, body)};
  font-style: italic;
  color: {colors.muted};
  text-indent: 0;
  margin-top: 0;
}}
ol, ul {{
  margin: 0 0 {_em(space.paragraph_after, body)};
  padding-left: {_em(space.list_indent, body)};
}}
li > p {{
  margin-bottom: {_em(space.paragraph_after / 2, body)};
}}
strong {{ font-weight: bold; }}
em {{ font-style: italic; }}
.titlepage {{
  text-align: center;
  margin-top: 2em;
}}
.titlepage p {{
  text-indent: 0;
}}
.titlepage .title {{
  font-size: {_em(sizes.title, body)};
  font-weight: bold;
  margin: 0.8em 0;
}}
.titlepage .organizer, .titlepage .presenter {{
  font-size: {_em(sizes.subtitle, body)};
  margin-bottom: 0.2em;
}}
.titlepage .present, .titlepage .on {{
  font-style: italic;
  color: {colors.accent};
  margin: 0.8em 0;
}}
.titlepage .date, .titlepage .time, .titlepage .compiled {{
  color: {colors.muted};
  margin-bottom: 0.3em;
}}
.parallel {{
  display: flex;
  flex-wrap: wrap;
  gap: 0 1.5em;
  margin: 0 0 {_em(space.paragraph_after, body)};
  border-left: 3px solid {colors.rule};
  padding-left: 0.8em;
}}
.parallel > div {{
  flex: 1 1 14em;
  min-width: 0;
}}
@media (max-width: 30em) {{
  .parallel {{ display: block; }}
}}
blockquote {{
  margin: 0 {_em(space.list_indent, body)} {_em(space.paragraph_after, body)};
  padding-left: {_em(space.list_indent / 2, body)};
  border-left: 2px solid {colors.rule};
  color: {colors.text};
}}
table {{
  border-collapse: collapse;
  margin: 0 0 {_em(space.paragraph_after, body)};
  max-width: 100%;
}}
caption {{
  caption-side: top;
  text-align: left;
  font-weight: bold;
  padding-bottom: 0.3em;
}}
th, td {{
  border: 1px solid {colors.rule};
  padding: 0.25em 0.5em;
  text-align: left;
  vertical-align: top;
}}
th {{
  font-family: {heading_family};
  color: {colors.heading};
}}
th > p, td > p {{
  text-indent: 0;
  margin: 0;
}}
figure {{
  margin: 0 0 {_em(space.paragraph_after, body)};
  text-align: center;
  page-break-inside: avoid;
  break-inside: avoid;
}}
img {{
  max-width: 100%;
  height: auto;
}}
figcaption {{
  font-size: {_em(sizes.affiliation, body)};
  color: {colors.muted};
  margin-top: 0.3em;
}}
a.noteref {{
  vertical-align: super;
  font-size: 0.75em;
  line-height: 0;
  text-decoration: none;
}}
div.footnotes {{
  margin-top: 2em;
  padding-top: 0.5em;
  border-top: 1px solid {colors.rule};
  font-size: {_em(sizes.small, body)};
}}
aside.footnote p {{
  text-indent: 0;
  margin: 0 0 0.4em;
}}
:lang(ja), :lang(zh), :lang(ko) {{
  font-family: {cjk_body};
  line-break: strict;
  word-break: normal;
  font-style: normal; /* no slanted kanji: Chinese characters and kana have no italic */
}}
.titlepage :lang(ja), .titlepage :lang(zh), .titlepage :lang(ko) {{
  font-style: normal;
}}
em:lang(ja), em:lang(zh), em:lang(ko) {{
  text-emphasis: filled sesame; /* emphasis dots, the CJK way to stress words */
}}
h1:lang(ja), h2:lang(ja), .title:lang(ja) {{
  font-family: {cjk_heading};
}}
nav ol {{
  list-style-type: none;
}}
"""
