"""The PDF writer's notes, links, tables, figures and block quotes, checked on real outputs.

qpdf checks each file and reads its link annotations, outline and images (``qpdf --json``);
poppler's pdftotext gives the text and where each word is; pdfium says where each image is.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from convert import nodes as n
from convert.theme import ThemeError, load_theme
from convert.writers.pdf import PdfWriter
from convert.writers.pdf_tables import place_cells

from . import validators
from .conftest import GOLDEN, ROOT
from .test_pdf import assert_nothing_overflows, is_subsequence, pdftotext, tokens
from .tools import require, run

WORDS = "peace cooperation requires patience and steady partners across many years".split()


# --- helpers -------------------------------------------------------------------------


def placed(theme, placement: str):
    """Return ``theme`` with notes set as ``placement`` says."""
    return dataclasses.replace(theme, notes=dataclasses.replace(theme.notes, placement=placement))


def write(doc: n.Document, theme, tmp_path: Path, name: str = "out.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(PdfWriter().write(doc, theme))
    return path


def para(*parts) -> n.Para:
    return n.Para(tuple(n.Text(p) if isinstance(p, str) else p for p in parts))


def note(*parts) -> n.Note:
    return n.Note((para(*parts),))


def text(count: int, start: int = 0) -> str:
    return " ".join(WORDS[(start + i) % len(WORDS)] for i in range(count))


def png(width: int = 120, height: int = 60, mode: str = "RGB", kind: str = "PNG") -> bytes:
    from PIL import Image

    image = Image.new(mode, (width, height), (30, 90, 160) if mode == "RGB" else (30, 90, 160, 128))
    buffer = io.BytesIO()
    image.save(buffer, kind)
    return buffer.getvalue()


@dataclasses.dataclass
class Annotation:
    page: int
    rect: tuple[float, float, float, float]
    uri: str | None  # an external link's address
    dest: tuple[int, float] | None  # an internal link's page and top


def qpdf_json(path: Path) -> dict:
    require("qpdf")
    return json.loads(run(["qpdf", "--json", "--json-key=pages", "--json-key=qpdf", str(path)]).stdout)


def annotations(path: Path) -> list[Annotation]:
    """Return every link annotation of the PDF, page by page."""
    data = qpdf_json(path)
    objects = {key.removeprefix("obj:"): value.get("value") for key, value in data["qpdf"][1].items()}
    page_of = {page["object"]: page["pageposfrom1"] for page in data["pages"]}
    out = []
    for page in data["pages"]:
        for ref in objects[page["object"]].get("/Annots", []):
            annot = objects[ref]
            assert annot["/Subtype"] == "/Link", annot
            uri = annot.get("/A", {}).get("/URI")
            dest = annot.get("/Dest")
            out.append(Annotation(page["pageposfrom1"], tuple(annot["/Rect"]),
                                  uri.removeprefix("u:") if uri else None,
                                  (page_of[dest[0]], dest[3]) if dest else None))
    return out


def images(path: Path) -> list[list[tuple[tuple[int, int], tuple[float, float, float, float]]]]:
    """Return, page by page, each image drawn: its size in pixels and its box (left, bottom, right, top)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(str(path))
    try:
        return [[(obj.get_px_size(), obj.get_bounds()) for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE])]
                for page in pdf]
    finally:
        pdf.close()


def word_boxes(path: Path, page: int, height: float) -> list[tuple[str, float, float, float, float]]:
    """Return the words of ``page`` with their boxes, bottom-up like PDF's (left, bottom, right, top)."""
    html = pdftotext(path, "-bbox", "-f", str(page), "-l", str(page))
    return [(word, float(x0), height - float(y1), float(x1), height - float(y0)) for x0, y0, x1, y1, word in
            re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)]


def covers(rect: tuple[float, ...], box: tuple, slack: float = 1.0) -> bool:
    """Return whether a link's ``rect`` covers a word's ``box`` (as ``word_boxes`` gives it).

    (ReportLab starts a link's rectangle where the line would have it unjustified: in a
    justified line it may start a little to the left of its text.)"""
    return (rect[0] <= box[1] + slack and rect[2] >= box[3] - slack
            and rect[1] <= box[2] + slack and rect[3] >= box[4] - slack)


def body_texts(blocks) -> list[str]:
    """Return the texts of ``blocks`` in reading order, notes left out: titles, paragraphs, captions
    (a table's above it, a figure's below), cells row by row, images' text alternatives."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, n.Section):
            out += [block.title, *body_texts(block.blocks)]
        elif isinstance(block, n.Speech):
            out += [block.speaker.name, block.speaker.affiliation, *body_texts(block.blocks)]
        elif isinstance(block, n.Para):
            out.append(n.plain_text(block.inlines))
        elif isinstance(block, (n.OrderedList, n.BulletList)):
            out += [t for item in block.items for t in body_texts(item.blocks)]
        elif isinstance(block, n.BlockQuote):
            out += body_texts(block.blocks)
        elif isinstance(block, n.Table):
            out.append(n.plain_text(block.caption))
            out += [t for row in (*block.head, *block.body) for cell in row.cells for t in body_texts(cell.blocks)]
        elif isinstance(block, n.Figure):
            out += [block.image.alt, n.plain_text(block.caption)]
        else:
            raise AssertionError(f"no reading order for {block!r}")
    return out


def note_texts(doc: n.Document) -> list[str]:
    """Return the text of every note, in the order their numbers go."""
    return [" ".join(body_texts(note_.blocks)) for note_ in n.iter_notes(doc.blocks)]


def words(text: str) -> list[str]:
    """Return the words of ``text``; digits after letters are a word of their own (a note's mark
    comes out glued to the word it follows: "review1")."""
    return tokens(re.sub(r"(?<=[^\W\d_])(?=\d)", " ", text))


def assert_in_order(expected: list[str], text: str) -> None:
    wanted = words(" ".join(expected))
    found, upto = is_subsequence(wanted, words(text))
    assert found, f"word {upto} ({wanted[upto]!r}) is missing or out of order"


# --- the rich sample -------------------------------------------------------------------------


@pytest.mark.parametrize("placement", ["footnotes", "endnotes"])
@pytest.mark.parametrize("theme_name", ["default", "compact"])
def test_rich_sample_passes_qpdf_embeds_its_fonts_and_stays_in_the_margins(rich_doc, tmp_path, placement,
                                                                           theme_name):
    chosen = load_theme(theme_name)
    path = write(rich_doc, placed(chosen, placement), tmp_path)
    assert validators.check_pdf(path) == []
    fonts = validators.pdffonts(path)
    assert fonts and all((f["emb"], f["sub"], f["uni"]) == ("yes", "yes", "yes") for f in fonts), fonts
    assert_nothing_overflows(path, chosen)


@pytest.mark.parametrize("placement", ["footnotes", "endnotes"])
def test_every_word_comes_out_in_reading_order_notes_after_their_text(rich_doc, theme, tmp_path, placement):
    """The sample fits on one page: its notes come after its text, at the page's foot or at the end."""
    path = write(rich_doc, placed(theme, placement), tmp_path)
    body, notes = body_texts(rich_doc.blocks), note_texts(rich_doc)
    assert len(notes) == 2 and "Bar chart: deployments rose from 2019 to 2023" in body
    assert_in_order(body + notes, pdftotext(path))
    last = pdftotext(path, "-f", "3", "-l", "3")
    numbered = re.findall(r"^(\d)\. (\S+)", last, re.M)
    assert numbered == [("1", "Report"), ("2", "See")]
    if placement == "endnotes":
        assert re.search(r"^Notes$", last, re.M) and "Notes" in [e["title"] for e in outline(path)]
    else:
        assert not re.search(r"^Notes$", last, re.M)


def test_each_note_mark_is_a_superscript_number_linked_to_its_note_and_back(rich_doc, theme, tmp_path):
    path = write(rich_doc, theme, tmp_path)
    height = theme.page.height
    boxes = word_boxes(path, 3, height)
    internal = [a for a in annotations(path) if a.dest and a.page == 3]
    for number, word in ((1, "review"), (2, "decisions.")):
        before = next(i for i, w in enumerate(boxes) if w[0] == word)
        mark = boxes[before + 1]
        assert mark[0] == str(number) and mark[2] > boxes[before][2] + 2  # raised above the baseline
        assert mark[4] - mark[2] < boxes[before][4] - boxes[before][2]  # and smaller
        label = next(w for w in boxes if w[0] == f"{number}.")
        # The mark links to the note's line; the note's number links back to the mark's line.
        to_note = [a for a in internal if covers(a.rect, mark)]
        assert len(to_note) == 1 and to_note[0].dest[0] == 3
        assert label[2] - 1 <= to_note[0].dest[1] <= label[4] + 6
        back = [a for a in internal if covers(a.rect, label)]
        assert len(back) == 1 and back[0].dest[0] == 3 and mark[2] <= back[0].dest[1] <= mark[4] + 8


def test_links_are_uri_annotations_and_section_links_go_to_the_heading(rich_doc, theme, tmp_path):
    path = write(rich_doc, theme, tmp_path)
    found = annotations(path)
    assert sorted(a.uri for a in found if a.uri) == sorted(
        ["https://undocs.org/A/70/95", "mailto:info@example.org", "https://example.org/report?id=1&lang=en",
         "https://example.org/data.csv"])
    assert all(a.page == 3 for a in found if a.uri)
    data = next(e for e in outline(path) if e["title"] == "Data")
    words = word_boxes(path, 3, theme.page.height)
    link_word = next(w for w in words if w[0] == "Data).")
    link_word = (link_word[0], link_word[1], link_word[2], link_word[1] + 15, link_word[4])  # "Data" only
    to_data = [a for a in found if a.dest and covers(a.rect, link_word)]
    assert len(to_data) == 1
    # The link goes where the outline's entry for the section goes: its heading's bookmark.
    assert to_data[0].dest == (data["destpageposfrom1"], pytest.approx(data["dest"][3]))


def outline(path: Path) -> list[dict]:
    """Return the PDF's top-level outline entries, as qpdf --json gives them."""
    require("qpdf")
    return json.loads(run(["qpdf", "--json", "--json-key=outlines", str(path)]).stdout)["outlines"]


def test_link_addresses_are_written_as_ascii_uris_and_unknown_sections_stay_text(theme, tmp_path):
    # Characters PDF strings escape (parentheses, an escaped backslash) and characters beyond ASCII.
    targets = ["https://example.org/café?q=ü&r=(1)", "https://example.org/a_(b)%5C", "mailto:jo@example.org",
               "#nowhere", "#here"]
    assert all(map(n.is_link_target, targets))
    links = tuple(n.Link((n.Text(f"link{i}"),), target) for i, target in enumerate(targets))
    doc = n.Document(n.Meta(title="Links"), (n.Section("Here", "here", (para("See ", *links, " end."),)),))
    path = write(doc, theme, tmp_path)
    found = annotations(path)
    assert sorted(a.uri for a in found if a.uri) == sorted(
        ["https://example.org/caf%C3%A9?q=%C3%BC&r=(1)", "https://example.org/a_(b)%5C", "mailto:jo@example.org"])
    [here] = [a for a in found if a.dest and a.page == 3]  # #nowhere has no section: plain text
    [entry] = outline(path)
    assert here.dest == (entry["destpageposfrom1"], pytest.approx(entry["dest"][3]))
    assert "link0link1link2link3link4" in pdftotext(path).replace(" ", "")


# --- tables ------------------------------------------------------------------------------------


def big_table(rows: int = 200) -> n.Table:
    head = (n.Row(tuple(n.Cell((para(h),)) for h in ("Row", "Country", "Remarks"))),)
    body = tuple(n.Row((n.Cell((para(f"row{i}"),)), n.Cell((para(f"Country {i}"),)),
                        n.Cell((para(text(4 + i % 23, i)),)))) for i in range(rows))
    return n.Table(head, body, (n.Text("Table 9: many rows"),))


def test_a_table_of_two_hundred_rows_splits_and_repeats_its_head_row(theme, tmp_path):
    doc = n.Document(n.Meta(title="Big"), (n.Section("Table", "t", (para("Before."), big_table(), para("After."))),))
    path = write(doc, theme, tmp_path)
    assert validators.check_pdf(path) == []
    total = int(re.search(r"Pages:\s+(\d+)", run([require("pdfinfo"), str(path)]).stdout).group(1))
    pages_with_rows = []
    for page in range(3, total + 1):
        lines = [line.split() for line in pdftotext(path, "-layout", "-f", str(page), "-l", str(page)).splitlines()]
        rows = [words[0] for words in lines if words and re.fullmatch(r"row\d+", words[0])]
        if not rows:
            continue
        pages_with_rows.append(rows)
        head = next(i for i, words in enumerate(lines) if words[:3] == ["Row", "Country", "Remarks"])
        first_row = next(i for i, words in enumerate(lines) if words and words[0] == rows[0])
        assert head < first_row, f"page {page} has no head row above its rows"
    assert len(pages_with_rows) >= 4
    assert [row for rows in pages_with_rows for row in rows] == [f"row{i}" for i in range(200)]
    assert_in_order(body_texts(doc.blocks), pdftotext(path))


def test_cells_take_their_places_as_in_html():
    cell = lambda colspan=1, rowspan=1: n.Cell((para("x"),), colspan, rowspan)  # noqa: E731
    table = n.Table((n.Row((cell(), cell(2))),),
                    (n.Row((cell(rowspan=2), cell(), cell())), n.Row((cell(colspan=5), )), n.Row((cell(rowspan=9),))))
    spots, columns = place_cells(table)
    # The head's span stays in the head; the second body row starts after the row span; its colspan
    # stops at the table's edge only if nothing is there (nothing is: it makes five columns here).
    assert [(p.row, p.column, p.rowspan, p.colspan) for p in spots] == [
        (0, 0, 1, 1), (0, 1, 1, 2), (1, 0, 2, 1), (1, 1, 1, 1), (1, 2, 1, 1), (2, 1, 1, 5), (3, 0, 1, 1)]
    assert columns == 6
    hostile = n.Table((), (n.Row((cell(rowspan=3), cell(colspan=1000))), n.Row((cell(colspan=1000),))))
    spots, columns = place_cells(hostile)
    assert columns <= 64 and [(p.row, p.column) for p in spots] == [(0, 0), (0, 1), (1, 1)]


def test_the_table_object_spans_repeats_and_fills_the_frame(rich_doc, theme):
    from convert.writers.pdf import _start_run
    from convert.writers.pdf_layout import StoryBuilder
    from convert.writers.pdf_reportlab import LongTable

    run_ = _start_run(rich_doc, theme)
    story = StoryBuilder(theme, run_.styles, run_.chooser, run_.book).story(rich_doc)
    [table] = [f for f in story if isinstance(f, LongTable)]
    assert table.repeatRows == 1 and table._nrows == 4 and table._ncols == 3
    assert [cmd[1:3] for cmd in table._spanCmds] == [((0, 3), (1, 3))]  # "Total" over two columns
    width = theme.page.width - theme.page.margin_left - theme.page.margin_right
    assert sum(table.wrap(width, 1000)[:1]) == pytest.approx(width)


def test_hostile_cells_captions_and_alternatives_stay_text(theme, tmp_path):
    hostile = ['<b>bold?</b> &amp;', '<img src="/etc/passwd"/>', '<font size=200>big</font>',
               '<script>alert(1)</script>', '<a href="javascript:alert(1)">x</a>']
    cells = tuple(n.Cell((para(h),)) for h in hostile)
    image = n.Image("pic.png", hostile[3])
    doc = n.Document(n.Meta(title="Hostile"), (
        n.Table((n.Row(cells[:2]),), (n.Row(cells[2:]),), (n.Text(hostile[0]),)),
        n.Figure(image, (n.Text(hostile[2]),)), para("inline ", image, " ", n.Link((n.Text(hostile[4]),),
                                                                                 "https://example.org/ok"))),
        resources=(n.Resource("pic.png", "image/png", png()),))
    path = write(doc, theme, tmp_path)
    assert validators.check_pdf(path) == []
    flat = re.sub(r"\s+", "", pdftotext(path))
    for snippet in hostile:
        assert re.sub(r"\s+", "", snippet) in flat, snippet
    expanded = subprocess.run([require("qpdf"), "--qdf", "--object-streams=disable", str(path), "-"],
                              capture_output=True, check=True).stdout
    for forbidden in (b"/JavaScript", b"/Launch", b"/F (/etc/passwd)"):
        assert forbidden not in expanded
    assert [a.uri for a in annotations(path) if a.uri] == ["https://example.org/ok"]


# --- figures and inline images ---------------------------------------------------------------


def test_the_figure_is_drawn_with_its_alternative_over_it_and_its_caption_below(rich_doc, theme, tmp_path):
    path = write(rich_doc, theme, tmp_path)
    [xobject] = qpdf_json(path)["pages"][2]["images"]  # an image XObject, used by page 3
    assert (xobject["width"], xobject["height"]) == (120, 60)
    drawn = images(path)
    assert [len(page) for page in drawn] == [0, 0, 1]
    (size, (left, bottom, right, top)), = drawn[2]
    assert size == (120, 60) and right - left == pytest.approx(90) and top - bottom == pytest.approx(45)
    middle = theme.page.margin_left + (theme.page.width - theme.page.margin_left - theme.page.margin_right) / 2
    assert (left + right) / 2 == pytest.approx(middle)  # centred
    boxes = word_boxes(path, 3, theme.page.height)
    alt = [w for w in boxes if bottom - 0.5 <= w[2] and w[4] <= top + 0.5]
    assert [w[0] for w in alt] == "Bar chart: deployments rose from 2019 to 2023".split()
    assert all(left - 0.5 <= w[1] and w[3] <= right + 0.5 for w in alt)
    caption = next(w for w in boxes if w[0] == "Deployments,")
    assert caption[4] < bottom  # under the image
    assert_in_order(["Bar chart: deployments rose from 2019 to 2023", "Figure 1: Deployments, 2019–2023"],
                    pdftotext(path))


def test_big_images_are_scaled_to_the_frame_and_inline_ones_to_the_text(theme, tmp_path):
    wide, tall = n.Image("wide.jpg", "a wide photograph"), n.Image("tall.gif", "a tall drawing")
    doc = n.Document(n.Meta(title="Images"), (
        n.Figure(wide), n.Figure(tall, (n.Text("Tall."),)),
        para("An icon ", n.Image("icon.png", "small round icon"), " in the text, and one with no bytes ",
             n.Image("missing.png", "the missing one"), "."),
        n.Parallel((n.Figure(wide), n.Figure(tall)), ("en", "en"))),
        resources=(n.Resource("wide.jpg", "image/jpeg", png(3000, 1000, kind="JPEG")),
                   n.Resource("tall.gif", "image/gif", png(200, 2000, kind="GIF")),
                   n.Resource("icon.png", "image/png", png(64, 64, mode="RGBA"))))
    path = write(doc, theme, tmp_path)
    assert validators.check_pdf(path) == []
    frame_width = theme.page.width - theme.page.margin_left - theme.page.margin_right
    frame_height = theme.page.height - theme.page.margin_top - theme.page.margin_bottom
    drawn = [image for page in images(path) for image in page]
    boxes = {size: (right - left, top - bottom) for size, (left, bottom, right, top) in drawn}
    assert boxes[(3000, 1000)][0] <= frame_width / 2 + 0.5  # in a parallel half it is narrower still
    widths = sorted(w for (size, (l, b, r, t)) in drawn if size == (3000, 1000) for w in [r - l])
    assert widths[-1] == pytest.approx(frame_width) and widths[0] < frame_width / 2
    assert max(t - b for size, (l, b, r, t) in drawn if size == (200, 2000)) == pytest.approx(frame_height / 2)
    icon_w, icon_h = boxes[(64, 64)]
    assert icon_h == pytest.approx(theme.sizes.body) and icon_w == pytest.approx(icon_h)
    out = pdftotext(path)
    assert_in_order(["a wide photograph", "a tall drawing", "Tall.", "An icon small round icon in the text",
                     "[the missing one]"], out)


# --- notes at the foot of the page -------------------------------------------------------------


def notes_doc(count: int = 60) -> n.Document:
    paras = tuple(para(f"Paragraph {i} says {text(40 + (i * 37) % 90, i)}",
                       note(f"Note{i} tells {text(5 + (i * 53) % 70, i)}"), f" and ends {text(10, i)}.")
                  for i in range(count))
    return n.Document(n.Meta(title="Notes"), (n.Section("All", "all", paras),))


def test_footnotes_are_on_the_page_of_their_mark(theme, tmp_path):
    doc = notes_doc()
    path = write(doc, theme, tmp_path)
    assert validators.check_pdf(path) == []
    internal = [a for a in annotations(path) if a.dest and a.page > 2]  # the contents' links aside
    assert len(internal) == 2 * 60  # each mark to its note, each note back to its mark
    assert all(a.dest[0] == a.page for a in internal)
    pages, started = 0, -1
    for page in range(3, max(a.page for a in internal) + 1):
        out = pdftotext(path, "-f", str(page), "-l", str(page))
        here = [int(number) for number in re.findall(r"Note(\d+) tells", out)]
        started = max([started, *(int(number) for number in re.findall(r"Paragraph (\d+) says", out))])
        # A page's notes come after its text, in order, and belong to paragraphs begun by then.
        assert here == sorted(here) and all(number <= started for number in here)
        if here:
            pages += 1
            assert out.index(f"Note{here[0]} tells") > out.index(" says ")
    assert pages >= 10
    assert_in_order(note_texts(doc), pdftotext(path))
    assert_in_order(body_texts(doc.blocks), pdftotext(path))


def test_the_notes_of_a_paragraph_of_many_pages_are_on_their_marks_pages(theme, tmp_path):
    """A paragraph over LONG_PARAGRAPH_CHARS is laid out in pieces (pdf_longpara): its marks too."""
    from convert.writers.pdf_longpara import LONG_PARAGRAPH_CHARS

    parts: list = []
    for i in range(40):
        parts += [f" Sentence {i} {text(60, i)}", note(f"Note{i} says {text(10 + i * 3, i)}")]
    doc = n.Document(n.Meta(title="Long"), (n.Section("S", "s", (para(*parts, " end."),)),))
    assert len(n.plain_text(doc.blocks[0].blocks[0].inlines)) > LONG_PARAGRAPH_CHARS
    path = write(doc, theme, tmp_path)
    internal = [a for a in annotations(path) if a.dest and a.page > 2]
    assert len(internal) == 80 and all(a.dest[0] == a.page for a in internal)
    assert len({a.page for a in internal}) >= 4
    assert_in_order(note_texts(doc), pdftotext(path))
    assert_in_order(body_texts(doc.blocks), pdftotext(path))


def test_a_note_longer_than_a_page_runs_on_at_the_foot_of_the_next_pages(theme, tmp_path):
    doc = n.Document(n.Meta(title="Long note"), (n.Section("S", "s", (
        para("Short ", note("First ", text(2500)), " text."), para(text(300, 3)),
        para("Then ", note("Second ", text(400, 5)), " and ", note("Third ", text(20)), "."),
        para("Last ", note("Fourth ", text(3000, 7)), " words.")),),))
    path = write(doc, theme, tmp_path)
    assert validators.check_pdf(path) == []
    out = pdftotext(path)
    assert_in_order(note_texts(doc), out)
    assert_in_order(body_texts(doc.blocks), out)
    internal = [a for a in annotations(path) if a.dest and a.page > 2]
    assert len(internal) == 8
    first = pdftotext(path, "-f", "3", "-l", "3")
    assert "1. First" in first and "Short" in first  # a note starts on its mark's page


def test_notes_carried_over_give_way_to_a_figure_that_cannot_be_split(theme, tmp_path):
    """A note of several pages keeps 60% of each page; a figure taller than the rest waits for
    no page: the notes go on later."""
    figure = n.Figure(n.Image("big.png", "a big picture"), (n.Text("Caption."),))
    doc = n.Document(n.Meta(title="Figure"), (n.Section("S", "s", (
        para("Start", note("First ", text(4000))), figure, para(text(50)), figure, para("More", note("Second")))),),
        resources=(n.Resource("big.png", "image/png", png(800, 800)),))
    path = write(doc, theme, tmp_path)
    assert validators.check_pdf(path) == []
    out = pdftotext(path)
    assert_in_order(note_texts(doc), out)
    assert out.count("a big picture") == 2 and out.count("Caption.") == 2
    assert len([image for page in images(path) for image in page]) == 2


def test_notes_in_notes_tables_captions_and_list_items_are_numbered_in_reading_order(theme, tmp_path):
    inner = n.Note((para("Inner ", note("Innermost"), " note"),))
    table = n.Table((n.Row((n.Cell((para("Head", note("In the head")),)),)),),
                    tuple(n.Row((n.Cell((para(f"cell{i}", note(f"In cell {i}")),)),)) for i in range(60)),
                    (n.Text("Caption"), note("In the caption")))
    doc = n.Document(n.Meta(title="Order"), (n.Section("S", "s", (
        para("Outer", n.Note((para("Outer note ", inner, " done"),)), " then ", note("Plain")),
        table,
        n.BulletList((n.Item((para("Item", note("In the item")),)),)),
        n.BlockQuote((para("Quoted", note("In the quote")),)))),))
    for placement in ("footnotes", "endnotes"):
        path = write(doc, placed(theme, placement), tmp_path, f"{placement}.pdf")
        assert validators.check_pdf(path) == []
        out = pdftotext(path)
        expected = ["Outer note 3 done", "Inner 3 note", "Innermost", "Plain", "In the caption", "In the head",
                    *(f"In cell {i}" for i in range(60)), "In the item", "In the quote"]
        numbers = [int(m) for m in re.findall(r"^(\d+)\. ", out, re.M)]
        assert numbers == list(range(1, len(expected) + 1))  # each note once, head repeats or not
        assert_in_order(note_texts(doc), out)
        internal = [a for a in annotations(path) if a.dest and a.page > 2]
        assert len(internal) >= 2 * len(expected)  # the head row's mark is drawn on each of its pages


def test_japanese_notes_use_the_themes_words(theme, tmp_path):
    doc = n.Document(n.Meta(title="日本", lang="ja"), (n.Section("開会", "k", (
        para("日本は平和協力を続けます", note("国連文書を参照。"), "。"),)),))
    path = write(doc, placed(theme, "endnotes"), tmp_path)
    out = pdftotext(path)
    assert re.search(r"^注$", out, re.M) and "1. 国連文書を参照。" in out


# --- block quotes and parallel blocks --------------------------------------------------------


def test_block_quotes_are_indented_on_both_sides(theme, tmp_path):
    quote = text(120, 2)
    doc = n.Document(n.Meta(title="Quote"), (para(text(80)), n.BlockQuote((para(quote),)), para(text(80, 5))))
    path = write(doc, theme, tmp_path)
    words = word_boxes(path, 2, theme.page.height)
    left, right = theme.page.margin_left, theme.page.width - theme.page.margin_right
    indent = theme.spacing.list_indent
    lines: dict[float, list] = {}
    for word in words:
        lines.setdefault(round(word[2]), []).append(word)
    spans = sorted((min(w[1] for w in line), max(w[3] for w in line)) for line in lines.values() if len(line) > 3)
    inside = [s for s in spans if s[0] >= left + indent - 0.5]
    outside = [s for s in spans if s[0] < left + 1]
    assert len(inside) >= 8 and len(outside) >= 8
    assert all(end <= right - indent + 0.5 for _, end in inside)
    assert max(end for _, end in outside) > right - 2  # body text is justified to the margin
    assert_in_order(body_texts(doc.blocks), pdftotext(path))


def test_parallel_halves_may_be_tables_figures_quotes_and_paragraphs_with_notes(rich_doc, theme, tmp_path):
    speech = rich_doc.blocks[0].blocks[0]
    table, figure = rich_doc.blocks[1].blocks[1:3]
    paragraph, quote = speech.blocks[:2]
    blocks = tuple(n.Parallel((b, b), ("en", "en")) for b in (table, figure, quote, paragraph))
    doc = dataclasses.replace(rich_doc, blocks=(n.Section("Both", "both", blocks),))
    path = write(doc, theme, tmp_path)
    assert validators.check_pdf(path) == []
    middle = theme.page.margin_left + (theme.page.width - theme.page.margin_left - theme.page.margin_right) / 2
    height = str(int(theme.page.height))
    top = str(int(theme.page.height * 0.75))  # the notes are at the foot, across both columns
    left = pdftotext(path, "-f", "3", "-l", "3", "-x", "0", "-y", "0", "-W", str(int(middle)), "-H", top)
    right = pdftotext(path, "-f", "3", "-l", "3", "-x", str(int(middle) + 1), "-y", "0", "-W", "600", "-H", top)
    for column in (left, right):
        assert_in_order(body_texts(blocks[0].blocks[:1]) + body_texts(blocks[1].blocks[:1]) +
                        body_texts(blocks[2].blocks[:1]) + body_texts(blocks[3].blocks[:1]), column)
    assert len(images(path)[2]) == 2
    out = pdftotext(path, "-f", "3", "-l", "3", "-y", top, "-H", height, "-W", "600", "-x", "0")
    assert_in_order(note_texts(doc), out)
    assert [int(m) for m in re.findall(r"^(\d)\. ", out, re.M)] == [1, 2, 3, 4]


# --- reproducibility, theme ----------------------------------------------------------------


@pytest.mark.parametrize("placement", ["footnotes", "endnotes"])
def test_rich_pdf_is_byte_identical_across_runs_and_processes(rich_doc, theme, placement, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    chosen = placed(theme, placement)
    first = PdfWriter().write(rich_doc, chosen)
    assert PdfWriter().write(rich_doc, chosen) == first
    script = ("import sys, dataclasses; from pathlib import Path; from convert import astjson; "
              "from convert.theme import load_theme; from convert.writers.pdf import PdfWriter; "
              f"doc = astjson.loads(Path({str(GOLDEN / 'rich.ast.json')!r}).read_text(encoding='utf-8')); "
              "t = load_theme(); t = dataclasses.replace(t, notes=dataclasses.replace(t.notes, "
              f"placement={placement!r})); sys.stdout.buffer.write(PdfWriter().write(doc, t))")
    env = os.environ | {"PYTHONHASHSEED": "4321"}
    other = subprocess.run([sys.executable, "-c", script], capture_output=True, env=env, cwd=ROOT, check=True)
    assert other.stdout == first


def test_the_theme_chooses_where_notes_go(tmp_path):
    assert load_theme().notes.placement == "footnotes"
    assert load_theme("compact").notes.placement == "footnotes"
    path = tmp_path / "endnotes.toml"
    path.write_text('[notes]\nplacement = "endnotes"\n', encoding="utf-8")
    assert load_theme(path).notes.placement == "endnotes"
    path.write_text('[notes]\nplacement = "margin"\n', encoding="utf-8")
    with pytest.raises(ThemeError, match="notes.placement"):
        load_theme(path)


# --- fragments: what ReportLab's parser makes of the markup ----------------------------------


def test_link_and_mark_fragments_are_what_the_parser_makes_of_escaped_markup(theme):
    """Links and note marks skip ReportLab's markup parser too: the fragments are the ones it
    makes of the same markup, the address escaped as an attribute value."""
    from xml.sax.saxutils import escape, quoteattr

    from reportlab.platypus import Paragraph

    from convert.writers.pdf import _start_run
    from convert.writers.pdf_rich import RunInlines, uri
    from convert.writers.pdf_text import DESTINATION

    target = "https://example.org/a?b=1&c=<2>\"'&amp;"
    inlines = (n.Text("See <the> "), n.Link((n.Text("A & B"), n.Strong((n.Text("bold"),))), target),
               n.Text(" then"), note("x"), n.Text(" end."))
    run_ = _start_run(n.Document(n.Meta(title="x")), theme)
    rich = RunInlines(n.Document(), theme, run_.chooser, {})
    style = run_.styles.get("body")
    color = f'"#{rich.link_color.hexval()[2:]}"'
    markup = (f'See &lt;the&gt; <a href={quoteattr(uri(target))} color={color}>{escape("A & B")}<b>bold</b></a> then'
              f'<onDraw name="{DESTINATION}" label="noteref.1"/><a href="#note.1" color={color}><super>1</super></a>'
              " end.")
    ours = run_.chooser.frags(inlines, style, rich)
    theirs = Paragraph(markup, style).frags

    def comparable(frags):
        out = []
        for f in frags:
            key = (f.fontName, f.fontSize, str(f.textColor), f.rise, [t for _, t in f.link],
                   (f.cbDefn.kind, f.cbDefn.name, f.cbDefn.label) if hasattr(f, "cbDefn") else None)
            if out and out[-1][0] == key and key[-1] is None:
                out[-1] = (key, out[-1][1] + f.text)
            else:
                out.append((key, f.text))
        return out

    assert comparable(ours) == comparable(theirs)
    assert [f.note for f in ours if getattr(f, "note", 0)] == [1]


def test_a_words_note_marks_count_in_its_columns_least_width(theme, tmp_path):
    """A word and the note marks glued to it break as one: a column is at least as wide as
    both, or ReportLab splits the word ("peac" / "e¹¹¹²¹³", two words to a reader). Found by
    the property test below."""
    table = n.Table((), (n.Row((n.Cell((para("peace peace", note("one"), note("two"), note("three"), " 日本"),)),
                                n.Cell((para("steady cooperation peace requires and patience and peace and partners "
                                             "requires cooperation cooperation patience years"),), 3, 2))),),
                    (n.Text("many peace"),))
    before = para("The plan", *[note(f"note {number}") for number in range(10)], " was late.")
    doc = n.Document(n.Meta(title="Any"), (n.Section("Any", "any", (before, table)),))
    out = pdftotext(write(doc, placed(theme, "footnotes"), tmp_path))
    assert words(out).count("peace") == 5


# --- never crashes, never loses a word ---------------------------------------------------------

_WORD = st.sampled_from(WORDS + ["<b>", "&amp;", "日本", "Ωμέγα"])
_TEXT = st.lists(_WORD, min_size=1, max_size=60).map(" ".join)
_NOTE = _TEXT.map(lambda t: note(t))
_PARA = st.tuples(_TEXT, st.lists(_NOTE, max_size=3), _TEXT).map(lambda p: para(p[0], *p[1], " " + p[2]))
_CELL = st.builds(lambda p, c, r: n.Cell((p,), c, r), _PARA, st.integers(1, 3), st.integers(1, 3))
_ROW = st.lists(_CELL, min_size=1, max_size=3).map(lambda cells: n.Row(tuple(cells)))
# Four columns at most, so that none is too narrow for a word (a broken word is two words to
# pdftotext); spans tie rows together freely.
_TABLE = st.builds(lambda head, body, caption: n.Table(tuple(head), tuple(body), (n.Text(caption),)),
                   st.lists(_ROW, max_size=2), st.lists(_ROW, max_size=12), _TEXT).filter(
    lambda table: place_cells(table)[1] <= 4)
_BLOCK = st.one_of(_PARA, _TABLE, _PARA.map(lambda p: n.BlockQuote((p,))))


@settings(max_examples=12, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(_BLOCK, min_size=1, max_size=8), st.sampled_from(["footnotes", "endnotes"]))
def test_any_document_with_notes_and_tables_keeps_every_word(theme, tmp_path_factory, blocks, placement):
    """Every word of every paragraph, caption, cell and note is drawn. (The cells of a row split
    across pages interleave, and so may their footnotes: order is checked on simpler documents
    above, and here for endnotes.)"""
    doc = n.Document(n.Meta(title="Any"), (n.Section("Any", "any", tuple(blocks)),))
    path = write(doc, placed(theme, placement), tmp_path_factory.mktemp("any"))
    assert validators.check_pdf(path) == []
    out = pdftotext(path)
    if placement == "endnotes":
        assert_in_order(note_texts(doc), out)
    every = words(" ".join(body_texts(doc.blocks) + note_texts(doc)))
    found = words(out)
    missing_words = {word: every.count(word) - found.count(word) for word in set(every)
                     if found.count(word) < every.count(word)}
    assert not missing_words, missing_words
