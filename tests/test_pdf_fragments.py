"""The PDF writer's paragraph fragments, built without ReportLab's markup parser, equal the parser's."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convert import nodes as n

from .test_pdf import japanese_doc


def reference_markup(chooser, inlines, primary: str, bold: bool = False) -> str:
    """Return the paragraph markup ReportLab's parser would be given: escaped text, <b>, <i>, <font>.

    A run in a fallback family is set in that family's bold face where the text is bold (inside
    <b>, or in a style whose font is a bold face of a family that has one), never in an italic."""
    from xml.sax.saxutils import escape

    from reportlab.lib.fonts import ps2tt, tt2ps

    from convert.writers.pdf_text import clean

    family, primary_bold, primary_italic = ps2tt(primary)
    bold_style = bool(primary_bold) and tt2ps(family, 0, primary_italic) != primary
    parts = []
    for node in inlines:
        if isinstance(node, n.Text):
            for font, text in chooser.runs(clean(node.text), primary):
                if font == primary:
                    parts.append(escape(text))
                else:
                    face = tt2ps(ps2tt(font)[0], int(bold or bold_style), 0)
                    parts.append(f'<font name="{face}">{escape(text)}</font>')
        else:
            tag = "b" if isinstance(node, n.Strong) else "i"
            inner = reference_markup(chooser, node.inlines, primary, bold or tag == "b")
            parts.append(f"<{tag}>{inner}</{tag}>")
    return "".join(parts)


def comparable(frags) -> list[tuple]:
    """Return fragments as (font, size, colour, rise, text), neighbours of one style joined.

    The parser splits text at entities (&amp;): that makes more fragments, not other text.
    """
    out: list[tuple] = []
    for f in frags:
        style = (f.fontName, f.fontSize, str(f.textColor), f.rise, f.link, f.us_lines)
        if out and out[-1][0] == style:
            out[-1] = (style, out[-1][1] + f.text)
        else:
            out.append((style, f.text))
    return out


@pytest.fixture(scope="module")
def chooser_and_styles(theme):
    from convert.writers.pdf import _start_run

    run = _start_run(n.Document(n.Meta(title="x")), theme)
    styles = [run.styles.get(role, cjk) for role in ("body", "heading1", "affiliation") for cjk in (False, True)]
    return run.chooser, styles


def assert_frags_match_the_parser(chooser, styles, inlines) -> None:
    from reportlab.platypus import Paragraph

    for style in styles:
        parsed = Paragraph(reference_markup(chooser, inlines, style.fontName), style).frags
        assert comparable(chooser.frags(inlines, style)) == comparable(parsed), (inlines, style.name)


_TRICKY_TEXT = st.lists(st.sampled_from(
    list("ab 平和שלו<>&;\"'/=") + ["&amp;", "<b>", "<font size=200>", "  ", "\t", "\n", "\xa0", "\u200b",
                                    "\u3000", "\u2003", "\x00", "\x85", "\U0001f469"]), max_size=12).map("".join)
_TRICKY_INLINES = st.recursive(
    _TRICKY_TEXT.map(n.Text),
    lambda inner: st.one_of(st.lists(inner, max_size=3).map(lambda c: n.Strong(tuple(c))),
                            st.lists(inner, max_size=3).map(lambda c: n.Emph(tuple(c)))),
    max_leaves=6)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(_TRICKY_INLINES, max_size=5).map(tuple))
def test_fragments_are_what_reportlabs_parser_makes_of_the_markup(chooser_and_styles, inlines):
    """Paragraphs skip ReportLab's markup parser: their fragments must be the ones it would make."""
    assert_frags_match_the_parser(*chooser_and_styles, inlines)


def test_fragments_of_every_sample_and_seed_paragraph_match_the_parser(chooser_and_styles, sample_doc, seed_doc):
    for doc in (sample_doc, seed_doc, japanese_doc()):
        for block in n.iter_blocks(doc.blocks):
            if isinstance(block, n.Para):
                assert_frags_match_the_parser(*chooser_and_styles, block.inlines)
