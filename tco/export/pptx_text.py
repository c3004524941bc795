"""Text on 16:9 slides: titles, takeaways, footnotes, figure tiles and tables.

Slides are built on the blank layout with our own text boxes (the default template's
placeholders keep their 4:3 size). All text passes through `sanitise.text` and is set as
plain runs: nothing a user typed is interpreted.
"""

import math
from collections.abc import Callable, Sequence

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.shapes.autoshape import Shape
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from tco.export.pptx_charts import DECK_FONT, TEXT, Box, rgb
from tco.export.sanitise import text as clean
from tco.present.figures import GREY, PALETTE

SLIDE_W = Inches(13.333)
SLIDE_H = Inches(7.5)
MARGIN = Inches(0.5)
CONTENT_W = SLIDE_W - 2 * MARGIN
BODY_TOP = Inches(1.55)
BODY_BOTTOM = Inches(6.55)
BODY = (MARGIN, BODY_TOP, CONTENT_W, BODY_BOTTOM - BODY_TOP)
ACCENT = PALETTE[0]
BAND = "#F2F2F2"
NewSlide = Callable[[], Slide]
"""Adds a blank slide to the deck and returns it."""


def text_box(
    slide: Slide,
    box: Box,
    paragraphs: str | Sequence[str],
    *,
    size: float = 14,
    colour: str = TEXT,
    bold: bool = False,
    align: PP_ALIGN = PP_ALIGN.LEFT,
    anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
    bullets: bool = False,
) -> Shape:
    """A word-wrapped text box of plain runs, one paragraph per item."""
    shape = slide.shapes.add_textbox(*map(Emu, box))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = Inches(0.02)
    frame.margin_top = frame.margin_bottom = Inches(0.02)
    items = [paragraphs] if isinstance(paragraphs, str) else list(paragraphs)
    for index, item in enumerate(items):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = align
        if bullets:
            paragraph.space_after = Pt(6)
        run = paragraph.add_run()
        run.text = ("•  " if bullets else "") + clean(item)
        font = run.font
        font.name, font.size, font.bold, font.color.rgb = DECK_FONT, Pt(size), bold, rgb(colour)
    return shape


def heading(slide: Slide, title: str, takeaway: str = "") -> None:
    """The slide title and, under it, one sentence saying what the slide shows."""
    text_box(slide, (MARGIN, Inches(0.35), CONTENT_W, Inches(0.6)), title, size=28, bold=True)
    bar = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, MARGIN, Inches(0.97), Inches(0.9), Inches(0.05)
    )
    bar.fill.solid()
    bar.fill.fore_color.rgb = rgb(ACCENT)
    bar.line.fill.background()
    if takeaway:
        text_box(
            slide, (MARGIN, Inches(1.07), CONTENT_W, Inches(0.45)), takeaway, size=16, colour=GREY
        )


def footnote(slide: Slide, lines: Sequence[str]) -> None:
    """Small grey notes at the foot of the slide: assumptions, sources, the date."""
    text_box(
        slide,
        (MARGIN, Inches(6.62), CONTENT_W - Inches(0.8), Inches(0.8)),
        [line for line in lines if line],
        size=10,
        colour=GREY,
    )


def page_number(slide: Slide, text: str) -> None:
    """``3 / 9`` in the bottom right corner."""
    text_box(
        slide,
        (SLIDE_W - MARGIN - Inches(0.7), Inches(6.62), Inches(0.7), Inches(0.3)),
        text,
        size=10,
        colour=GREY,
        align=PP_ALIGN.RIGHT,
    )


def tile(slide: Slide, box: Box, value: str, label: str, *, colour: str = ACCENT) -> None:
    """A key figure: the number large, what it is small beneath it."""
    left, top, width, height = box
    frame = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *map(Emu, box))
    frame.fill.solid()
    frame.fill.fore_color.rgb = rgb(BAND)
    frame.line.fill.background()
    pad = Inches(0.15)
    text_box(
        slide, (left + pad, top + pad, width - 2 * pad, Inches(0.6)), value,
        size=28, bold=True, colour=colour,
    )  # fmt: skip
    text_box(
        slide,
        (left + pad, top + pad + Inches(0.62), width - 2 * pad, height - Inches(0.8)),
        label,
        size=12,
        colour=GREY,
    )


def table(
    slide: Slide,
    box: Box,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    *,
    size: float = 11,
    align_right: Sequence[bool] = (),
) -> GraphicFrame:
    """A native table: bold header on the accent colour, banded rows, plain text cells."""
    left, top, width, _ = box
    row_h = Inches(0.3)
    shape = slide.shapes.add_table(
        len(rows) + 1, len(header), Emu(left), Emu(top), Emu(width), row_h
    )
    grid = shape.table
    grid.first_row = True
    grid.horz_banding = False
    total = sum(widths)
    for index, share in enumerate(widths):
        grid.columns[index].width = Emu(int(width * share / total))
    for r, values in enumerate([header, *rows]):
        grid.rows[r].height = row_h
        for c, value in enumerate(values):
            target = grid.cell(r, c)
            target.margin_left = target.margin_right = Inches(0.06)
            target.margin_top = target.margin_bottom = Inches(0.03)
            target.vertical_anchor = MSO_ANCHOR.MIDDLE
            target.fill.solid()
            target.fill.fore_color.rgb = (
                rgb(ACCENT) if r == 0 else rgb(BAND) if r % 2 == 0 else RGBColor(255, 255, 255)
            )
            frame = target.text_frame
            frame.word_wrap = True
            paragraph = frame.paragraphs[0]
            right = c < len(align_right) and align_right[c] and r > 0
            paragraph.alignment = PP_ALIGN.RIGHT if right else PP_ALIGN.LEFT
            run = paragraph.add_run()
            run.text = clean(str(value))
            font = run.font
            font.name, font.size, font.bold = DECK_FONT, Pt(size), r == 0
            font.color.rgb = RGBColor(255, 255, 255) if r == 0 else rgb(TEXT)
    return shape


def estimated_lines(values: Sequence[str], widths_in: Sequence[float], size: float) -> int:
    """Lines the tallest cell of a row takes when wrapped, for paging long tables.

    An average character of a sans-serif face is about half the type size wide; rounded
    up, so pages are rather short than overfull.
    """
    char_in = size / 72 * 0.52
    return max(
        sum(max(1, math.ceil(len(part) * char_in / max(w - 0.12, 0.3))) for part in v.split("\n"))
        for v, w in zip(values, widths_in, strict=True)
    )
